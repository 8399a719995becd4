/* cmd_show.c — `show ADDRESS`: the entry to type into the provider's form,
 * merged with the SPF record the domain already has (DESIGN.md).
 * stdout carries only the entry, so it can be piped or copied; the notes
 * around it go to stderr. */
#include "commands.h"

#include "address.h"
#include "entry.h"
#include "i18n.h"
#include "output.h"
#include "strbuf.h"
#include "dns_resolver.h"
#include "explain.h"
#include "merge.h"
#include "propagation.h"
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

/* The entry on stdout, alone, so that it can be piped or copied. */
static int
print_entry(const struct cli_args *args, const struct profile *profile, const char *name,
	    const char *record, size_t len)
{
	/* The fields form shows the value raw: made safe first, since it may
	 * come from an existing record (the line form escapes it itself). */
	char *safe = args->format == ENTRY_FORM_FIELDS ? textsafe_escape(record, len, 0) : NULL;
	struct entry entry = {
		.name = name,
		.value = safe ? safe : record,
		.value_len = safe ? strlen(safe) : len,
		.with_ttl = args->ttl != CLI_TTL_NO,
		.ttl = profile->ttl,
	};
	char *text = entry_format(&entry, args->format);
	free(safe);
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

/* The notes after the entry: what -all means, and what the lint found. */
static void
print_notes(const struct profile *profile, const char *domain, const struct merge_result *merged)
{
	const char *record = merged ? merged->record : profile->template_record;
	size_t len = strlen(record);
	if (len >= 5 && strcmp(record + len - 5, " -all") == 0 &&
	    (!merged || merged->action == MERGE_NEW))
		output_printf(stderr,
			      _("Hinweis: Mit „-all“ dürfen nur die Mailserver Ihrer Domain (mx) "
				"und %s E-Mails für %s senden.\n"
				"Versenden Sie auch über einen anderen Server (z. B. den SMTP-Server "
				"Ihres E-Mail-Anbieters),\nmuss dieser ebenfalls in den Eintrag.\n"),
			      profile->sender_name, domain);
	if (!merged)
		return;
	char msg[768];
	for (unsigned bit = 0; bit < LINT_WARNING_COUNT; bit++) {
		enum lint_warning w = 1u << bit;
		if (merged->after.warnings & w)
			output_printf(stderr, _("Hinweis: %s\n"),
				      lint_warning_message(w, &merged->after, msg, sizeof(msg)));
	}
	if (merged->action == MERGE_EXTEND)
		output_printf(stderr,
			      _("DNS-Abfragen des Eintrags: vorher %u, nachher %u (erlaubt sind "
				"höchstens 10).\n"),
			      merged->before.dns_terms, merged->after.dns_terms);
}

/* What is published at the domain now, merged: the record to publish. */
static int
show_merged(const struct cli_args *args, const struct profile *profile, const struct address *addr,
	    const char *domain)
{
	struct dns_server *servers = NULL;
	struct dns_resolver *resolver = NULL;
	struct dns_rrset txt = DNS_RRSET_INIT;
	struct merge_result merged = {0};
	char zone[256], name[256] = "@", msg[768];
	size_t nservers;
	int status = cmd_resolver_servers(args, &servers, &nservers);

	if (status != CLI_EXIT_OK)
		goto out;
	if (!(resolver = dns_resolver_new(servers, nservers, SHOW_TIMEOUT_MS))) {
		status = CLI_EXIT_SOFTWARE;
		goto out;
	}
	struct dns_seam seam = dns_resolver_seam(resolver);
	/* The provider's form wants the name relative to the zone. */
	if (check_find_zone(&seam, addr->domain, zone, sizeof(zone), name, sizeof(name)) !=
	    CHECK_OK)
		snprintf(name, sizeof(name), "@");
	enum dns_status st = seam.lookup(seam.ctx, addr->domain, DNS_TYPE_TXT, &txt);
	if (st == DNS_STATUS_TIMEOUT || st == DNS_STATUS_SERVFAIL || st == DNS_STATUS_BADNAME) {
		/* Proposing the template blindly could make a second record. */
		output_error(_("Die vorhandenen DNS-Einträge von %s ließen sich nicht abfragen (%s). "
			       "Ohne sie lässt sich kein Eintrag vorschlagen: ein zweiter "
			       "SPF-Eintrag würde den ersten ungültig machen. Mit --no-lookup "
			       "zeigt show den Eintrag für Domains ohne SPF-Eintrag."),
			     domain, explain_dns_status(st));
		status = CLI_EXIT_NO_ANSWER;
		goto out;
	}
	struct merge_request req = {.domain = addr->domain, .txt = &txt, .profile = profile};
	if (!merge_compute(&req, &seam, &merged)) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		status = CLI_EXIT_SOFTWARE;
		goto out;
	}
	switch (merged.action) {
	case MERGE_NOTHING:
		output_printf(stderr,
			      _("%s ist schon berechtigt, für %s zu senden. Es ist nichts zu tun.\n"),
			      profile->sender_name, domain);
		/* Authorised, but perhaps because everybody is (+all). */
		for (unsigned bit = 0; bit < LINT_WARNING_COUNT; bit++) {
			enum lint_warning w = 1u << bit;
			if (merged.before.warnings & w & (LINT_PASS_ALL | LINT_NEUTRAL_ALL))
				output_printf(stderr, _("Hinweis: %s\n"),
					      lint_warning_message(w, &merged.before, msg,
								   sizeof(msg)));
		}
		goto out;
	case MERGE_BROKEN: {
		char *old = textsafe_escape(merged.existing[merged.broken],
					    merged.existing_len[merged.broken], 0);
		output_error(_("Der vorhandene SPF-Eintrag von %s ist fehlerhaft und lässt sich nicht "
			       "automatisch ergänzen: „%s“"),
			     domain, old ? old : "");
		output_printf(stderr, "%s\n",
			      explain_parse_error(merged.existing[merged.broken],
						  merged.existing_len[merged.broken],
						  &merged.parse_error, msg, sizeof(msg)));
		free(old);
		status = CLI_EXIT_WRONG_RECORD;
		goto out;
	}
	case MERGE_NEW:
		output_printf(stderr, _("Neuer SPF-Eintrag für %s:\n"), domain);
		break;
	case MERGE_EXTEND:
	case MERGE_COMBINE:
		output_printf(stderr,
			      ngettext("%s hat schon einen SPF-Eintrag. Ersetzen Sie ihn durch den "
				       "folgenden (nicht zusätzlich eintragen: zwei SPF-Einträge "
				       "sind ungültig).\n",
				       "%s hat %zu SPF-Einträge; gültig ist nur einer. Ersetzen Sie "
				       "alle durch den folgenden.\n",
				       merged.nexisting),
			      domain, merged.nexisting);
		for (size_t i = 0; i < merged.nexisting; i++) {
			char *old = textsafe_escape(merged.existing[i], merged.existing_len[i], 0);
			output_printf(stderr, _("Bisher: %s\n"), old ? old : "");
			free(old);
		}
		output_printf(stderr, "%s\n", _("Neu:"));
		break;
	}
	if (lint_is_fatal(merged.after.warnings) || !merged.authorises) {
		/* Never hand out a record that would not work. */
		for (unsigned bit = 0; bit < LINT_WARNING_COUNT; bit++) {
			enum lint_warning w = 1u << bit;
			if (merged.after.warnings & w & ~(unsigned)LINT_LONGER_THAN_255)
				output_error("%s", lint_warning_message(w, &merged.after, msg,
									sizeof(msg)));
		}
		if (!merged.authorises && !lint_is_fatal(merged.after.warnings))
			output_error(_("Auch ergänzt würde der Eintrag %s nicht berechtigen: ein "
				       "Teil vor dem Ende des Eintrags schließt die Adresse aus. "
				       "Bitte lassen Sie den Eintrag vom Flicono-Support prüfen."),
				     profile->sender_name);
		status = CLI_EXIT_WRONG_RECORD;
		goto out;
	}
	status = print_entry(args, profile, name, merged.record, merged.record_len);
	if (status == CLI_EXIT_OK)
		print_notes(profile, domain, &merged);
out:
	merge_result_clear(&merged);
	dns_rrset_clear(&txt);
	dns_resolver_free(resolver);
	free(servers);
	return status;
}

int
cmd_show(const struct cli_args *args, const struct profile *profile)
{
	struct address addr;
	if (!cmd_parse_address(args->args[0], &addr))
		return CLI_EXIT_USAGE;
	char *domain = cmd_domain_label(&addr);
	int status;
	if (!domain) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		status = CLI_EXIT_SOFTWARE;
	} else if (args->no_lookup) {
		output_printf(stderr, _("Neuer SPF-Eintrag für %s:\n"), domain);
		const char *record = profile->template_record;
		status = print_entry(args, profile, "@", record, strlen(record));
		if (status == CLI_EXIT_OK)
			print_notes(profile, domain, NULL);
	} else {
		status = show_merged(args, profile, &addr, domain);
	}
	free(domain);
	address_clear(&addr);
	return status;
}
