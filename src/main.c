/* main.c — locale, gettext, dispatch. The only file that touches the locale. */
#include "config.h"

#include "cli.h"
#include "commands.h"
#include "datapath.h"
#include "dc_sign.h"
#include "i18n.h"
#include "output.h"
#include "profile.h"
#include "provider.h"
#include "wizard.h"

#include "dns_batch.h"
#include "propagation.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
setup_locale(void)
{
	/* Only what the program uses: the character set (mbstowcs, wcwidth,
	 * ncurses) and the language of the texts. Numbers on the command line
	 * (--interval 1.5) stay the same in every locale, and the other
	 * categories are not loaded at start (each is a file to read). */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
#if ENABLE_NLS
	bindtextdomain(PACKAGE, datapath_localedir());
	/* Our texts are UTF-8; output.c transliterates for other codesets. */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
	output_init(strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
}

/* The language of the texts that are data, not gettext messages (the
 * profile's alias texts, the spelling alphabet): "en" under an English
 * LC_MESSAGES, else "de". */
static const char *
data_lang(void)
{
	const char *messages = setlocale(LC_MESSAGES, NULL);
	return messages && strncmp(messages, "en", 2) == 0 ? "en" : "de";
}

/* The wizard needs a terminal; without one it points to the commands that
 * work in scripts. */
static int
run_wizard(const struct cli_args *args, const struct profile *profile)
{
	struct dns_server *servers = NULL;
	struct check_resolver *lookup = NULL, *rows = NULL;
	size_t n = 0, nrows = 0;
	int status;

	/* An unknown --provider is a usage error, before the terminal is taken. */
	if (args->provider) {
		struct provider_list list;
		status = cmd_load_providers(&list);
		bool ok = status == CLI_EXIT_OK && cmd_provider_choice_ok(&list, args->provider);
		provider_list_clear(&list);
		if (status != CLI_EXIT_OK)
			return status;
		if (!ok)
			return CLI_EXIT_USAGE;
	}
	/* A signing key that is missing or open to others is refused, as
	 * connect refuses it, before the terminal is taken. */
	struct dc_key *key = NULL;
	status = cmd_dc_key(profile, &key);
	dc_key_free(key);
	if (status != CLI_EXIT_OK)
		return status;
	if (!wizard_has_terminal()) {
		output_error("%s", _("Der Assistent braucht ein Terminal. Ohne Terminal zeigt "
				     "„flicono-mailsetup show ADRESSE“ den DNS-Eintrag, und "
				     "„flicono-mailsetup check ADRESSE“ prüft ihn."));
		return CLI_EXIT_UNAVAILABLE;
	}
	status = cmd_resolver_servers(args, &servers, &n);
	if (status != CLI_EXIT_OK)
		goto out;
	status = cmd_check_resolvers(args, &rows, &nrows);
	if (status != CLI_EXIT_OK)
		goto out;
	if (!(lookup = calloc(n, sizeof(*lookup)))) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		status = CLI_EXIT_SOFTWARE;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		lookup[i].server = servers[i];
	struct wizard_options opt = {
		.profile = profile,
		.address = args->nargs ? args->args[0] : NULL,
		.lookup = lookup,
		.nlookup = n,
		.rows = rows,
		.nrows = nrows,
		.utf8 = output_is_utf8(),
		.lang = data_lang(),
		.provider_choice = args->provider,
	};
	status = wizard_run(&opt);
out:
	free(servers);
	free(lookup);
	free(rows);
	return status;
}

static int
load_profile(const char *given, struct profile *profile)
{
	char *path = given ? strdup(given) : datapath_file("flicono.profile");
	struct inifile_problem problem;
	char msg[512];
	int status = CLI_EXIT_OK;

	if (!path) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		return CLI_EXIT_SOFTWARE;
	}
	if (!profile_load(path, profile, &problem)) {
		output_error("%s", inifile_problem_message(&problem, msg, sizeof(msg)));
		status = CLI_EXIT_CONFIG;
	}
	free(path);
	return status;
}

int
main(int argc, char **argv)
{
	struct cli_args args;
	struct profile profile = {0};
	char err[512];
	int status;

	setup_locale();
	if (!cli_parse(argc, argv, &args, err, sizeof(err))) {
		output_error("%s", err);
		output_printf(stderr, _("Hilfe: %s --help\n"), PACKAGE);
		return CLI_EXIT_USAGE;
	}
	if (args.help) {
		cli_print_help();
		return CLI_EXIT_OK;
	}
	if (args.version) {
		printf("%s %s\n", PACKAGE, VERSION);
		return CLI_EXIT_OK;
	}
	if (args.command == CLI_SPELL) /* needs no profile */
		return cmd_spell(&args, data_lang());
	if (args.command == CLI_PROVIDERS) /* needs no profile either */
		return cmd_providers(&args);
	if (args.command == CLI_SPF) /* what DNS says of an address: no profile */
		return cmd_spf(&args);
	status = load_profile(args.profile, &profile);
	if (status != CLI_EXIT_OK)
		return status;

	/* One case per command, no default: -Wswitch names a command left out. */
	switch (args.command) {
	case CLI_SHOW:
		status = cmd_show(&args, &profile);
		break;
	case CLI_CONNECT:
		status = cmd_connect(&args, &profile);
		break;
	case CLI_SPF: /* handled above */
		break;
	case CLI_CHECK:
		status = args.open ? cmd_check_open(&args, &profile) : cmd_check(&args, &profile);
		break;
	case CLI_FORGET:
		status = cmd_forget(&args);
		break;
	case CLI_NOTE:
		status = cmd_note(&args, &profile);
		break;
	case CLI_SPELL: /* dispatched above */
	case CLI_PROVIDERS:
		break;
	case CLI_WIZARD:
		status = run_wizard(&args, &profile);
		break;
	}
	profile_clear(&profile);
	return status;
}
