/* cmd_show.c — `show ADDRESS`: the entry to type into the provider's form,
 * merged with the SPF record the domain already has (src/core/merge.h).
 * stdout carries only the entry, so it can be piped or copied; the notes
 * around it go to stderr. */
#include "commands.h"

#include "dconnect.h"

#include "address.h"
#include "advice.h"
#include "datapath.h"
#include "freemail.h"
#include "i18n.h"
#include "output.h"
#include "strbuf.h"
#include "dns_auth.h"
#include "dns_resolver.h"
#include "explain.h"
#include "orgdomain.h"
#include "proposal.h"
#include "provider.h"
#include "textsafe.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

bool
cmd_parse_address(const char *address_text, struct address *addr)
{
	struct address_problem problem;
	char msg[512];
	if (address_parse(address_text, addr, &problem))
		return true;
	output_error("%s", address_problem_message(&problem, msg, sizeof(msg)));
	return false;
}

char *
cmd_domain_label(const struct address *addr)
{
	struct strbuf sb = {0};
	if (address_is_idn(addr) && output_is_utf8())
		strbuf_printf(&sb, "%s (%s)", addr->domain_unicode, addr->domain);
	else
		strbuf_str(&sb, addr->domain);
	return strbuf_finish(&sb);
}

enum { SHOW_TIMEOUT_MS = 3000 };

struct freemail_list *
cmd_load_freemail(void)
{
	struct freemail_list *list = NULL;
	char *path = datapath_file("freemail");
	unsigned line = 0;
	char msg[600];
	enum freemail_status st = path ? freemail_load(path, &list, &line) : FREEMAIL_NOMEM;
	if (st != FREEMAIL_OK)
		output_error("%s", freemail_status_message(st, path ? path : "freemail", line, msg,
							   sizeof(msg)));
	free(path);
	return list;
}

/* The form and TTL the provider's web form wants, where it is known and the
 * options do not say otherwise. */
void
cmd_entry_form(const struct cli_args *args, const struct proposal *p, enum entry_form *form,
	       bool *with_ttl)
{
	const struct provider *prov = p->has_provider ? p->provider.provider : NULL;
	*form = args->format;
	*with_ttl = args->ttl != CLI_TTL_NO;
	if (!prov)
		return;
	if (!args->format_given && prov->form == PROVIDER_FORM_FIELDS)
		*form = ENTRY_FORM_FIELDS;
	if (args->ttl == CLI_TTL_DEFAULT &&
	    (prov->ttl == PROVIDER_TTL_FIXED || prov->ttl == PROVIDER_TTL_NONE))
		*with_ttl = false;
}

/* Where the domain is, on stderr: the provider and why. */
static void
print_provider(const struct proposal *p)
{
	if (!p->has_provider)
		return;
	if (p->provider_chosen)
		output_printf(stderr, _("Domain-Anbieter: %s (mit --provider gewählt)\n"),
			      p->provider.provider->name);
	else
		output_printf(stderr, _("Ihre Domain liegt bei %s — Namensserver %s\n"),
			      p->provider.provider->name, p->provider.name);
}

/* The entry on stdout, alone, so that it can be piped or copied. */
static int
print_entry(const struct cli_args *args, const struct profile *profile, const struct proposal *p)
{
	enum entry_form form;
	bool with_ttl;
	cmd_entry_form(args, p, &form, &with_ttl);
	char *text = proposal_entry_for(p, profile, form, with_ttl,
					p->has_provider ? p->provider.provider : NULL);
	if (!text) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		return CLI_EXIT_SOFTWARE;
	}
	fflush(stderr);
	fputs(text, stdout);
	fflush(stdout);
	free(text);
	return CLI_EXIT_OK;
}

void
cmd_print_lint(FILE *to, const struct lint_report *report, unsigned which, bool as_error)
{
	char msg[768];
	for (unsigned bit = 0; bit < LINT_WARNING_COUNT; bit++) {
		enum lint_warning w = 1u << bit;
		if (!(report->warnings & w & which))
			continue;
		if (as_error)
			output_error("%s", lint_warning_message(w, report, msg, sizeof(msg)));
		else
			output_printf(to, _("Hinweis: %s\n"),
				      lint_warning_message(w, report, msg, sizeof(msg)));
	}
}

/* The notes after the entry: why the template has no mx, what -all means
 * (proposal.c's sentences, as the wizard shows them), what the lint found. */
static void
print_notes(const struct profile *profile, const char *domain, const struct proposal *p)
{
	char note[1024];
	if (proposal_mx_note(p, domain, note, sizeof(note)))
		output_printf(stderr, "%s\n", note);
	if (proposal_strict_note(p, profile, domain, note, sizeof(note)))
		output_printf(stderr, "%s\n", note);
	cmd_print_lint(stderr, &p->merge.after, ~0u, false);
	if (p->merge.action == MERGE_EXTEND)
		output_printf(stderr,
			      _("DNS-Abfragen des Eintrags: vorher %u, nachher %u (erlaubt sind "
				"höchstens 10).\n"),
			      p->merge.before.dns_terms, p->merge.after.dns_terms);
}

/* Where the record goes: the zone and the owner name, when it is not the
 * zone's apex or when the zone was only assumed. */
static void
print_place(const struct proposal *p, const char *domain)
{
	if (p->zone_guessed && strcmp(p->zone.rel, "@") != 0)
		output_printf(stderr,
			      _("Ohne Antwort aus dem DNS ist die Zone nicht bekannt; angenommen ist "
				"die Zone %s, der Name lautet darin „%s“.\n"),
			      p->zone.name, p->zone.rel);
	else if (strcmp(p->zone.rel, "@") != 0)
		output_printf(stderr,
			      _("%s liegt in der Zone %s: Tragen Sie den Eintrag dort unter dem "
				"Namen „%s“ ein.\n"),
			      domain, p->zone.name, p->zone.rel);
}

/* What is published now, and that the new record replaces it. */
static void
print_existing(const struct proposal *p, const char *domain)
{
	const struct merge_result *m = &p->merge;
	if (m->action == MERGE_NEW) {
		output_printf(stderr, _("Neuer SPF-Eintrag für %s:\n"), domain);
		return;
	}
	output_printf(stderr,
		      ngettext("%s hat schon einen SPF-Eintrag. Ersetzen Sie ihn durch den "
			       "folgenden (nicht zusätzlich eintragen: zwei SPF-Einträge "
			       "sind ungültig).\n",
			       "%s hat %zu SPF-Einträge; gültig ist nur einer. Ersetzen Sie "
			       "alle durch den folgenden.\n",
			       m->nexisting),
		      domain, m->nexisting);
	for (size_t i = 0; i < m->nexisting; i++) {
		char *old = textsafe_escape(m->existing[i], m->existing_len[i], 0);
		output_printf(stderr, _("Bisher: %s\n"), old ? old : "");
		free(old);
	}
	output_printf(stderr, "%s\n", _("Neu:"));
}

/* Every outcome but PUBLISH: the reason on stderr, and the exit status. */
static int
print_refusal(const struct profile *profile, const char *domain, const struct proposal *p)
{
	const struct merge_result *m = &p->merge;
	char msg[768];
	switch (p->outcome) {
	case PROPOSAL_PUBLISH:
		return CLI_EXIT_OK;
	case PROPOSAL_NOTHING:
		output_printf(stderr,
			      _("%s ist schon berechtigt, für %s zu senden. Es ist nichts zu tun.\n"),
			      profile->sender_name, domain);
		/* Authorised, but perhaps because everybody is (+all), or weakly. */
		cmd_print_lint(stderr, &m->before, LINT_NAMED_IN_CHECK, false);
		return CLI_EXIT_OK;
	case PROPOSAL_FREEMAIL:
		output_error(_("%s ist die Domain eines Freemail-Anbieters. Einen SPF-Eintrag "
			       "dafür kann nur der Anbieter anlegen, nicht Sie. Schalten Sie in "
			       "%s die Alias-Funktion ein."),
			     domain, profile->sender_name);
		return CLI_EXIT_WRONG_RECORD;
	case PROPOSAL_BROKEN: {
		char *old = textsafe_escape(m->existing[m->broken], m->existing_len[m->broken], 0);
		output_error(_("Der vorhandene SPF-Eintrag von %s ist fehlerhaft und lässt sich nicht "
			       "automatisch ergänzen: „%s“"),
			     domain, old ? old : "");
		output_printf(stderr, "%s\n",
			      explain_parse_error(m->existing[m->broken], m->existing_len[m->broken],
						  &m->parse_error, msg, sizeof(msg)));
		free(old);
		return CLI_EXIT_WRONG_RECORD;
	}
	case PROPOSAL_UNFIT:
		/* Never hand out a record that would not work. */
		cmd_print_lint(stderr, &m->after, ~(unsigned)LINT_LONGER_THAN_255, true);
		if (!m->authorises && !lint_is_fatal(m->after.warnings))
			output_error(_("Auch ergänzt würde der Eintrag %s nicht berechtigen: ein "
				       "Teil vor dem Ende des Eintrags schließt die Adresse aus. "
				       "Bitte lassen Sie den Eintrag vom Flicono-Support prüfen."),
				     profile->sender_name);
		return CLI_EXIT_WRONG_RECORD;
	case PROPOSAL_NO_DOMAIN:
		output_error("%s", advice_no_domain(domain, msg, sizeof(msg)));
		return CLI_EXIT_NO_DOMAIN;
	case PROPOSAL_NO_ANSWER:
		output_error(_("Die vorhandenen DNS-Einträge von %s ließen sich nicht abfragen (%s). "
			       "Ohne sie lässt sich kein Eintrag vorschlagen: ein zweiter "
			       "SPF-Eintrag würde den ersten ungültig machen. Mit --no-lookup "
			       "zeigt show den Eintrag für Domains ohne SPF-Eintrag."),
			     domain, explain_dns_status(p->txt_status));
		return CLI_EXIT_NO_ANSWER;
	case PROPOSAL_NOMEM:
		break;
	}
	output_error("%s", _("Nicht genug Arbeitsspeicher."));
	return CLI_EXIT_SOFTWARE;
}

int
cmd_compute_proposal(const struct cli_args *args, const struct proposal_request *base,
		     struct proposal *p, struct cmd_dc *dc, const struct dc_key *key)
{
	struct dns_server *servers = NULL;
	struct dns_resolver *resolver = NULL;
	struct proposal_request req = *base;
	size_t nservers;
	/* The registrable domain, so that one that does not exist is named so. */
	char org[256];
	if (!req.org_domain && orgdomain_of(req.addr->domain, org, sizeof(org)))
		req.org_domain = org;
	int status = CLI_EXIT_OK;
	if (!args->no_lookup) {
		status = cmd_resolver_servers(args, &servers, &nservers);
		if (status != CLI_EXIT_OK)
			goto out;
		if (!(resolver = dns_resolver_new(servers, nservers, SHOW_TIMEOUT_MS)))
			goto nomem;
	}
	struct dns_seam seam = resolver ? dns_resolver_seam(resolver) : (struct dns_seam){0};
	/* The sender's TXT from the zone's name servers, never a cache's. */
	struct dns_auth auth = {.base = &seam, .name = req.addr->domain, .timeout_ms = SHOW_TIMEOUT_MS};
	struct dns_seam own = dns_auth_seam(&auth);
	req.seam = resolver ? &own : NULL;
	bool ok = proposal_compute(&req, p);
	dns_auth_clear(&auth);
	if (ok && dc && resolver && p->outcome == PROPOSAL_PUBLISH && p->zone_found)
		cmd_dc_fill(&seam, base->profile, key, &p->zone, dc);
	if (ok)
		goto out;
nomem:
	output_error("%s", _("Nicht genug Arbeitsspeicher."));
	status = CLI_EXIT_SOFTWARE;
out:
	dns_resolver_free(resolver);
	free(servers);
	return status;
}

/* Domain Connect, where the provider speaks it: the link to the domain's
 * DNS settings, and that `connect` has a link to confirm; nothing where it
 * does not (or could not be asked: show's answer is the entry). */
static void
print_connect(const struct profile *profile, const struct cmd_dc *dc)
{
	if (!dc->answer.has_settings || dc->answer.state == DCONNECT_FAILED)
		return;
	const char *name = dconnect_settings_name(&dc->answer.settings);
	char *who = textsafe_escape(name, strlen(name), 0);
	if (dc->control_panel)
		output_printf(stderr, _("Die DNS-Einstellungen bei %s öffnet dieser Link: %s\n"),
			      who ? who : "?", dc->control_panel);
	if (dc->answer.state == DCONNECT_TEMPLATE)
		output_printf(stderr,
			      _("Oder mit einem Klick: %s kennt die Vorlage von %s (Domain "
				"Connect); den Link zum Bestätigen zeigt derselbe Aufruf mit "
				"„connect“ statt „show“.\n"),
			      who ? who : "?", profile->sender_name);
	free(who);
}

int
cmd_show(const struct cli_args *args, const struct profile *profile)
{
	struct address addr;
	struct proposal p = {0};
	struct cmd_dc dc = {.answer = {.state = DCONNECT_NONE}};
	if (!cmd_parse_address(args->args[0], &addr))
		return CLI_EXIT_USAGE;
	struct freemail_list *freemail = cmd_load_freemail();
	struct provider_list providers = {0};
	char *domain = cmd_domain_label(&addr);
	struct proposal_request req = {.addr = &addr, .profile = profile, .freemail = freemail,
				       .providers = &providers, .provider_choice = args->provider};
	int status = domain ? cmd_load_providers(&providers) : CLI_EXIT_SOFTWARE;
	if (status == CLI_EXIT_OK && !cmd_provider_choice_ok(&providers, args->provider))
		status = CLI_EXIT_USAGE;
	if (status == CLI_EXIT_OK)
		status = cmd_compute_proposal(args, &req, &p, &dc, NULL);
	if (!domain)
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
	if (status == CLI_EXIT_OK)
		print_provider(&p);
	if (status == CLI_EXIT_OK && p.outcome != PROPOSAL_PUBLISH) {
		status = print_refusal(profile, domain, &p);
	} else if (status == CLI_EXIT_OK) {
		print_existing(&p, domain);
		status = print_entry(args, profile, &p);
		if (status == CLI_EXIT_OK) {
			print_place(&p, domain);
			print_notes(profile, domain, &p);
			print_connect(profile, &dc);
		}
	}
	proposal_clear(&p);
	cmd_dc_clear(&dc);
	freemail_free(freemail);
	provider_list_clear(&providers);
	free(domain);
	address_clear(&addr);
	return status;
}
