/* cmd_spf.c — `spf [--trace] IP ADDRESS`: RFC 7208 check_host(), like
 * spfquery, in German; --trace shows each term, what it cost, and the totals
 * against the limits. Exit status 0 for any result it could compute. */
#include "commands.h"

#include "address.h"
#include "dns_resolver.h"
#include "explain.h"
#include "i18n.h"
#include "output.h"
#include "spf_check.h"
#include "strbuf.h"
#include "textsafe.h"

#include <stdlib.h>
#include <string.h>

enum { SPF_TIMEOUT_MS = 3000 };

static const char *
result_word(enum spf_result r)
{
	return spf_result_name(r); /* RFC 7208 names, never translated */
}

/* Prints one trace event; records and terms came from DNS: made safe. */
static void
trace(void *ctx, const struct spf_trace_event *ev)
{
	(void)ctx;
	int indent = (int)ev->depth * 4;
	char *dom = textsafe_escape(ev->domain, strlen(ev->domain), 260);

	switch (ev->kind) {
	case SPF_TRACE_RECORD:
		if (ev->record) {
			char *rec = textsafe_escape(ev->record, ev->record_len, 0);
			output_printf(stdout, _("%*s%s: SPF-Eintrag „%s“\n"), indent, "", dom,
				      rec ? rec : "");
			free(rec);
		} else if (ev->nrecords > 1) {
			output_printf(stdout, _("%*s%s: %zu SPF-Einträge, erlaubt ist einer\n"),
				      indent, "", dom, ev->nrecords);
		} else {
			output_printf(stdout, _("%*s%s: kein SPF-Eintrag (%s)\n"), indent, "", dom,
				      explain_dns_status(ev->dns_status));
		}
		break;
	case SPF_TRACE_TERM: {
		char *term = textsafe_escape(ev->record + ev->term->text.off, ev->term->text.len,
					     0);
		struct strbuf sb = {0};
		char lookups[64];
		snprintf(lookups, sizeof(lookups),
			 ngettext("%u Abfrage", "%u Abfragen", ev->lookups), ev->lookups);
		/* Terms are printable ASCII once escaped: bytes are columns. */
		strbuf_printf(&sb, "%*s  %-32s ", indent, "", term ? term : "");
		output_cell(&sb, ev->matched ? _("Treffer") : _("kein Treffer"), 13);
		output_cell(&sb, lookups, 11);
		strbuf_printf(&sb, _("(DNS-Terme %u/%u, ins Leere %u/%u)"), ev->dns_terms,
			      SPF_MAX_DNS_TERMS, ev->void_lookups, SPF_MAX_VOID_LOOKUPS);
		char *line = strbuf_finish(&sb);
		output_printf(stdout, "%s\n", line ? line : "");
		free(line);
		free(term);
		break;
	}
	case SPF_TRACE_RESULT:
		output_printf(stdout, _("%*s%s: Ergebnis %s\n"), indent, "", dom,
			      result_word(ev->result));
		break;
	}
	free(dom);
}

int
cmd_spf(const struct cli_args *args)
{
	struct spf_ip ip;
	struct address addr = {0};
	struct dns_server *servers = NULL;
	struct dns_resolver *resolver = NULL;
	struct spf_outcome outcome = SPF_OUTCOME_INIT;
	char *sender = NULL, *domain = NULL;
	int status = CLI_EXIT_OK;

	if (!spf_ip_parse(args->args[0], &ip)) {
		char *safe = textsafe_escape(args->args[0], strlen(args->args[0]), 80);
		output_error(_("„%s“ ist keine IP-Adresse (IPv4 wie 148.251.195.107 oder IPv6)."),
			     safe ? safe : "");
		free(safe);
		return CLI_EXIT_USAGE;
	}
	if (!cmd_parse_address(args->args[1], &addr))
		return CLI_EXIT_USAGE;
	size_t nservers;
	status = cmd_resolver_servers(args, &servers, &nservers);
	if (status != CLI_EXIT_OK)
		goto out;
	resolver = dns_resolver_new(servers, nservers, SPF_TIMEOUT_MS);
	struct strbuf sb = {0};
	strbuf_printf(&sb, "%s@%s", addr.local ? addr.local : "postmaster", addr.domain);
	sender = strbuf_finish(&sb);
	domain = cmd_domain_label(&addr);
	if (!resolver || !sender || !domain) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		status = CLI_EXIT_SOFTWARE;
		goto out;
	}

	struct dns_seam seam = dns_resolver_seam(resolver);
	struct spf_request req = {.ip = ip, .sender = sender, .helo = addr.domain};
	struct spf_options opts = {.trace = args->trace ? trace : NULL};
	if (args->trace)
		output_printf(stdout, "%s\n\n",
			      _("DNS-Terme: Teile des Eintrags, die eine DNS-Abfrage kosten "
				"(höchstens 10);\nins Leere: Abfragen ohne Ergebnis (höchstens 2)."));
	if (!spf_check_host(&req, &seam, &opts, &outcome)) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		status = CLI_EXIT_SOFTWARE;
		goto out;
	}
	char ipbuf[SPF_IP_TEXT_MAX], sentence[1024];
	spf_ip_format(&ip, ipbuf);
	if (args->trace)
		output_printf(stdout, "\n");
	/* First line: the RFC 7208 result word, as spfquery prints it. */
	output_printf(stdout, "%s\n", result_word(outcome.result));
	output_printf(stdout, "%s\n", explain_outcome(&outcome, ipbuf, domain, sentence,
						       sizeof(sentence)));
	if (outcome.result == SPF_RESULT_FAIL && outcome.explanation) {
		char *exp = textsafe_escape(outcome.explanation, strlen(outcome.explanation), 0);
		output_printf(stdout, _("Erklärung der Domain: %s\n"), exp ? exp : "");
		free(exp);
	}
	if (args->trace)
		output_printf(stdout,
			      _("DNS-Terme: %u von höchstens %u, ins Leere: %u von höchstens %u, "
				"Abfragen insgesamt: %u\n"),
			      outcome.dns_terms, SPF_MAX_DNS_TERMS, outcome.void_lookups,
			      SPF_MAX_VOID_LOOKUPS, outcome.dns_queries);
out:
	spf_outcome_clear(&outcome);
	dns_resolver_free(resolver);
	free(servers);
	free(sender);
	free(domain);
	address_clear(&addr);
	return status;
}
