/* cmd_connect.c — `connect ADDRESS [--json] [--message]`: whether the
 * domain's DNS provider speaks Domain Connect (dc_discover.h), the link to
 * its DNS settings, and the signed apply link that lets the customer
 * confirm Flicono's SPF record there instead of typing it; --message: the
 * message that carries the link to the customer. Exit status:
 * dconnect_answer_status(), 78 for a key that is missing, no RSA key or
 * open to others. */
#include "commands.h"

#include "address.h"
#include "dc_discover.h"
#include "dc_sign.h"
#include "dconnect.h"
#include "dconnect_answer.h"
#include "dns_resolver.h"
#include "i18n.h"
#include "output.h"
#include "textsafe.h"
#include "zone.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

enum { CONNECT_TIMEOUT_MS = 3000 };

int
cmd_dc_key(const struct profile *profile, struct dc_key **key)
{
	*key = NULL;
	const char *path = profile->dconnect.key_file;
	if (!path)
		return CLI_EXIT_OK;
	enum dc_key_status st = dc_key_load(path, key);
	if (st == DC_KEY_OK)
		return CLI_EXIT_OK;
	char *safe = textsafe_escape(path, strlen(path), 200);
	const char *p = safe ? safe : "?";
	switch (st) {
	case DC_KEY_MISSING:
		output_error(_("Der Schlüssel für Domain Connect fehlt: %s (Absenderprofil, "
			       "[domain_connect] key_file)."),
			     p);
		break;
	case DC_KEY_OPEN_TO_OTHERS:
		output_error(_("Der Schlüssel für Domain Connect %s ist für andere lesbar oder "
			       "schreibbar und wird deshalb nicht verwendet. Nur sein Besitzer darf "
			       "ihn lesen: chmod 600 %s"),
			     p, p);
		break;
	case DC_KEY_NOT_RSA:
		output_error(_("%s ist kein privater RSA-Schlüssel im PEM-Format (ohne "
			       "Passwort)."),
			     p);
		break;
	case DC_KEY_NO_MEMORY:
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		break;
	case DC_KEY_UNREADABLE:
	case DC_KEY_OK:
		output_error(_("Der Schlüssel für Domain Connect lässt sich nicht lesen: %s"), p);
		break;
	}
	free(safe);
	return st == DC_KEY_NO_MEMORY ? CLI_EXIT_SOFTWARE : CLI_EXIT_CONFIG;
}

/* The facts `connect` prints. */
struct connect_result {
	const struct address *addr;
	char *label; /* the domain for people */
	struct cmd_dc dc;
	bool has_key;
};

static void
print_text(const struct connect_result *r, const struct profile *profile)
{
	struct dconnect_words w;
	dconnect_answer_words(&r->dc.answer, r->label, profile->sender_name, r->has_key,
			      r->dc.apply_url != NULL, &w);
	output_printf(stdout, _("Domain: %s\n"), r->label);
	output_printf(stdout, "%s\n", w.state);
	if (r->dc.control_panel) {
		char *safe = textsafe_escape(r->dc.control_panel, strlen(r->dc.control_panel), 0);
		output_printf(stdout, _("DNS-Einstellungen: %s\n"), safe ? safe : "?");
		free(safe);
	}
	if (w.no_link[0])
		output_printf(stdout, "%s\n", w.no_link);
	if (r->dc.apply_url) {
		output_printf(stdout, "%s\n%s\n", w.link, r->dc.apply_url);
		output_printf(stdout, "%s\n",
			      _("Eine Nachricht mit dem Link für den Kunden gibt derselbe Aufruf mit "
				"--message aus."));
	}
}

static json_t *
nullable(const char *text)
{
	return text ? json_string(text) : json_null();
}

static void
print_json(const struct connect_result *r)
{
	const struct dconnect_answer *a = &r->dc.answer;
	const struct dconnect_settings *s = a->has_settings ? &a->settings : NULL;
	char failure[48];
	dconnect_answer_failure_name(a, failure, sizeof(failure));
	json_t *o = json_object();
	json_object_set_new(o, "domain", json_string(r->addr->domain));
	json_object_set_new(o, "zone", r->dc.has_zone ? json_string(r->dc.zone.name) : json_null());
	json_object_set_new(o, "supported", json_boolean(s != NULL));
	json_object_set_new(o, "provider_id", nullable(s ? s->provider_id : NULL));
	json_object_set_new(o, "provider_name",
			    nullable(s ? dconnect_settings_name(s) : NULL));
	json_object_set_new(o, "control_panel", nullable(r->dc.control_panel));
	/* null: not asked (no settings, no template named, or the check failed) */
	json_object_set_new(o, "template_supported",
			    a->state == DCONNECT_TEMPLATE ? json_true()
			    : a->state == DCONNECT_PROVIDER && a->template_asked ? json_false()
										: json_null());
	json_object_set_new(o, "apply_url", nullable(r->dc.apply_url));
	json_object_set_new(o, "failure", failure[0] ? json_string(failure) : json_null());
	char *text = json_dumps(o, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	if (text)
		printf("%s\n", text);
	free(text);
	json_decref(o);
}

static int
print_message(const struct connect_result *r, const struct profile *profile)
{
	if (!r->dc.apply_url) { /* why not, and the status */
		struct dconnect_words w;
		dconnect_answer_words(&r->dc.answer, r->label, profile->sender_name, r->has_key,
				      false, &w);
		output_error(_("Keine Nachricht: Es gibt keinen Link zum Bestätigen. %s%s%s"),
			     w.state, w.no_link[0] ? " " : "", w.no_link);
		return CLI_EXIT_OK;
	}
	char *msg = dconnect_message(dconnect_settings_name(&r->dc.answer.settings), r->label,
				     profile->sender_name, r->dc.apply_url);
	if (!msg) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		return CLI_EXIT_SOFTWARE;
	}
	output_printf(stdout, "%s", msg); /* it ends in a newline */
	free(msg);
	return CLI_EXIT_OK;
}

void
cmd_dc_fill(const struct dns_seam *seam, const struct profile *profile, const struct dc_key *key,
	    const struct zone *zone, struct cmd_dc *out)
{
	out->zone = *zone;
	out->has_zone = true;
	dc_find(seam, &profile->dconnect, key, zone->name, zone->rel, CONNECT_TIMEOUT_MS,
		&out->answer, &out->control_panel, &out->apply_url);
}

/* What Domain Connect says of DOMAIN's zone, through a resolver of ARGS. */
static int
look_up(const struct cli_args *args, const struct profile *profile, const struct dc_key *key,
	const char *domain, struct cmd_dc *out)
{
	struct dns_server *servers = NULL;
	size_t n = 0;
	*out = (struct cmd_dc){.answer = {.state = DCONNECT_NONE}};
	snprintf(out->answer.zone, sizeof(out->answer.zone), "%s", domain);
	int status = cmd_resolver_servers(args, &servers, &n);
	if (status != CLI_EXIT_OK)
		return status;
	struct dns_resolver *resolver = dns_resolver_new(servers, n, CONNECT_TIMEOUT_MS);
	free(servers);
	if (!resolver) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		return CLI_EXIT_SOFTWARE;
	}
	struct dns_seam seam = dns_resolver_seam(resolver);
	struct zone zone;
	enum zone_status zs = zone_find(&seam, domain, &zone);
	if (zs == ZONE_FOUND) {
		cmd_dc_fill(&seam, profile, key, &zone, out);
	} else if (zs == ZONE_RESOLVER_DOWN) {
		out->answer.state = DCONNECT_FAILED;
		out->answer.failure = DCONNECT_FAIL_DNS;
	}
	dns_resolver_free(resolver);
	return CLI_EXIT_OK;
}

void
cmd_dc_clear(struct cmd_dc *dc)
{
	if (!dc)
		return;
	dconnect_answer_clear(&dc->answer);
	free(dc->control_panel);
	free(dc->apply_url);
	*dc = (struct cmd_dc){.answer = {.state = DCONNECT_NONE}};
}

int
cmd_connect(const struct cli_args *args, const struct profile *profile)
{
	struct address addr;
	struct dc_key *key = NULL;
	struct connect_result r = {.addr = &addr};
	if (!cmd_parse_address(args->args[0], &addr))
		return CLI_EXIT_USAGE;
	int status = cmd_dc_key(profile, &key);
	if (status == CLI_EXIT_OK && !(r.label = cmd_domain_label(&addr))) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		status = CLI_EXIT_SOFTWARE;
	}
	r.has_key = key != NULL;
	if (status == CLI_EXIT_OK)
		status = look_up(args, profile, key, addr.domain, &r.dc);
	if (status == CLI_EXIT_OK) {
		if (args->json)
			print_json(&r);
		else if (args->message)
			status = print_message(&r, profile);
		else
			print_text(&r, profile);
	}
	if (status == CLI_EXIT_OK)
		status = dconnect_answer_status(&r.dc.answer, r.dc.apply_url != NULL);
	cmd_dc_clear(&r.dc);
	free(r.label);
	dc_key_free(key);
	address_clear(&addr);
	return status;
}
