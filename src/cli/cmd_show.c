/* cmd_show.c — `show ADDRESS`: the entry to type into the provider's form.
 * stdout carries only the entry, so it can be piped or copied; the notes
 * around it go to stderr. */
#include "commands.h"

#include "address.h"
#include "entry.h"
#include "i18n.h"
#include "output.h"
#include "strbuf.h"

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

/* True when RECORD ends in `-all`: it then allows nobody else. */
static bool
ends_in_fail_all(const char *record)
{
	size_t len = strlen(record);
	return len >= 5 && strcmp(record + len - 5, " -all") == 0;
}

int
cmd_show(const struct cli_args *args, const struct profile *profile)
{
	struct address addr;
	if (!cmd_parse_address(args->args[0], &addr))
		return CLI_EXIT_USAGE;

	const char *record = profile->template_record;
	struct entry entry = {
		.name = "@",
		.value = record,
		.value_len = strlen(record),
		.with_ttl = args->ttl != CLI_TTL_NO,
		.ttl = profile->ttl,
	};
	char *text = entry_format(&entry, args->format);
	char *domain = cmd_domain_label(&addr);
	int status = CLI_EXIT_OK;
	if (!text || !domain) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		status = CLI_EXIT_SOFTWARE;
		goto out;
	}
	output_printf(stderr, _("Neuer SPF-Eintrag für %s:\n"), domain);
	fflush(stderr);
	fputs(text, stdout);
	fflush(stdout);
	if (ends_in_fail_all(record))
		output_printf(stderr,
			      _("Hinweis: Mit „-all“ dürfen nur die Mailserver Ihrer Domain (mx) "
				"und %s E-Mails für %s senden.\n"
				"Versenden Sie auch über einen anderen Server (z. B. den SMTP-Server "
				"Ihres E-Mail-Anbieters),\nmuss dieser ebenfalls in den Eintrag.\n"),
			      profile->sender_name, domain);
out:
	free(text);
	free(domain);
	address_clear(&addr);
	return status;
}
