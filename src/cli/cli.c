/* cli.c — GNU-style option parsing (getopt_long) for every command. */
#include "cli.h"

#include "config.h"
#include "i18n.h"
#include "output.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	OPT_FORMAT = 256,
	OPT_TTL,
	OPT_NO_TTL,
	OPT_NO_LOOKUP,
	OPT_RESOLVER,
	OPT_PROFILE,
	OPT_TRACE,
	OPT_WATCH,
	OPT_INTERVAL,
	OPT_TIMEOUT,
	OPT_JSON,
};

static const struct option options[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"ttl", no_argument, NULL, OPT_TTL},
	{"no-ttl", no_argument, NULL, OPT_NO_TTL},
	{"no-lookup", no_argument, NULL, OPT_NO_LOOKUP},
	{"resolver", required_argument, NULL, OPT_RESOLVER},
	{"profile", required_argument, NULL, OPT_PROFILE},
	{"trace", no_argument, NULL, OPT_TRACE},
	{"watch", no_argument, NULL, OPT_WATCH},
	{"interval", required_argument, NULL, OPT_INTERVAL},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"json", no_argument, NULL, OPT_JSON},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

/* Which command each option belongs to; -1: every command. */
static int
option_command(int opt)
{
	switch (opt) {
	case OPT_FORMAT:
	case OPT_TTL:
	case OPT_NO_TTL:
	case OPT_NO_LOOKUP:
		return CLI_SHOW;
	case OPT_TRACE:
		return CLI_SPF;
	case OPT_WATCH:
	case OPT_INTERVAL:
	case OPT_TIMEOUT:
	case OPT_JSON:
		return CLI_CHECK;
	default:
		return -1;
	}
}

static const char *
command_name(int command)
{
	switch (command) {
	case CLI_SHOW: return "show";
	case CLI_CHECK: return "check";
	case CLI_SPF: return "spf";
	default: return "";
	}
}

static bool
parse_seconds(const char *text, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(text, &end);
	if (errno || end == text || *end || !isfinite(v) || v <= 0 || v > 86400.0 * 7)
		return false;
	*out = v;
	return true;
}

__attribute__((format(printf, 3, 4))) static bool
usage(char *err, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, size, fmt, ap);
	va_end(ap);
	return false;
}

bool
cli_parse(int argc, char **argv, struct cli_args *args, char *err, size_t size)
{
	const char *positional[CLI_MAX_ARGS + 1];
	size_t npositional = 0;
	int seen[16] = {0}; /* the command-specific options given, in order */
	const char *seen_name[16];
	size_t nseen = 0;

	*args = (struct cli_args){.format = ENTRY_FORM_LINE};
	opterr = 0;
	optind = 1;
	for (;;) {
		int longindex = -1;
		int opt = getopt_long(argc, argv, ":hV", options, &longindex);
		if (opt == -1)
			break;
		/* After an error, the offending word is the one getopt just read. */
		const char *text = optind > 0 && optind <= argc ? argv[optind - 1] : "";
		switch (opt) {
		case 'h':
			args->help = true;
			break;
		case 'V':
			args->version = true;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "line") == 0)
				args->format = ENTRY_FORM_LINE;
			else if (strcmp(optarg, "fields") == 0)
				args->format = ENTRY_FORM_FIELDS;
			else
				return usage(err, size,
					     _("--format kennt „line“ (in einer Zeile) und „fields“ "
					       "(in einzelnen Feldern), nicht „%s“."),
					     optarg);
			break;
		case OPT_TTL:
			args->ttl = CLI_TTL_YES;
			break;
		case OPT_NO_TTL:
			args->ttl = CLI_TTL_NO;
			break;
		case OPT_NO_LOOKUP:
			args->no_lookup = true;
			break;
		case OPT_RESOLVER:
			if (args->nresolvers == CLI_MAX_RESOLVERS)
				return usage(err, size, _("Höchstens %d Resolver."), CLI_MAX_RESOLVERS);
			args->resolvers[args->nresolvers++] = optarg;
			break;
		case OPT_PROFILE:
			args->profile = optarg;
			break;
		case OPT_TRACE:
			args->trace = true;
			break;
		case OPT_WATCH:
			args->watch = true;
			break;
		case OPT_JSON:
			args->json = true;
			break;
		case OPT_INTERVAL:
		case OPT_TIMEOUT:
			if (!parse_seconds(optarg, opt == OPT_INTERVAL ? &args->interval
								      : &args->timeout))
				return usage(err, size,
					     _("%s erwartet eine Zahl von Sekunden größer als 0, "
					       "nicht „%s“."),
					     opt == OPT_INTERVAL ? "--interval" : "--timeout", optarg);
			break;
		case ':':
			return usage(err, size, _("Die Option „%s“ braucht einen Wert."), text);
		case '?':
		default:
			if (optopt && optopt < 256) {
				char shortopt[3] = {'-', (char)optopt, '\0'};
				return usage(err, size, _("Unbekannte Option „%s“."), shortopt);
			}
			return usage(err, size, _("Unbekannte Option „%s“."), text);
		}
		if (option_command(opt) >= 0 && nseen < sizeof(seen) / sizeof(seen[0])) {
			seen[nseen] = opt;
			seen_name[nseen++] = options[longindex].name;
		}
	}
	for (int i = optind; i < argc; i++) {
		if (npositional == CLI_MAX_ARGS + 1)
			return usage(err, size, _("Zu viele Argumente: „%s“."), argv[i]);
		positional[npositional++] = argv[i];
	}
	if (args->help || args->version)
		return true;

	size_t first = 0;
	if (npositional && strcmp(positional[0], "show") == 0)
		args->command = CLI_SHOW, first = 1;
	else if (npositional && strcmp(positional[0], "check") == 0)
		args->command = CLI_CHECK, first = 1;
	else if (npositional && strcmp(positional[0], "spf") == 0)
		args->command = CLI_SPF, first = 1;
	else if (npositional >= 2)
		/* Two words, the first no command: a mistyped command. */
		return usage(err, size, _("Unbekannter Befehl „%s“. Die Befehle sind show, check und spf."),
			     positional[0]);
	else
		args->command = CLI_WIZARD;

	for (size_t i = 0; i < nseen; i++) {
		int owner = option_command(seen[i]);
		if (owner != (int)args->command) {
			return usage(err, size, _("Die Option „--%s“ gehört zum Befehl „%s“."),
				     seen_name[i], command_name(owner));
		}
	}

	size_t want_min, want_max;
	switch (args->command) {
	case CLI_WIZARD: want_min = 0, want_max = 1; break;
	case CLI_SPF: want_min = 2, want_max = 2; break;
	default: want_min = 1, want_max = 1; break;
	}
	size_t have = npositional - first;
	if (have < want_min) {
		if (args->command == CLI_SPF)
			return usage(err, size,
				     _("„spf“ braucht eine IP-Adresse und eine Absenderadresse, "
				       "z. B.: spf 148.251.195.107 info@ihre-firma.de"));
		return usage(err, size,
			     _("„%s“ braucht eine Absenderadresse oder Domain, "
			       "z. B.: %s info@ihre-firma.de"),
			     command_name(args->command), command_name(args->command));
	}
	if (have > want_max)
		return usage(err, size, _("Zu viele Argumente: „%s“."),
			     positional[first + want_max]);
	for (size_t i = 0; i < have; i++)
		args->args[args->nargs++] = positional[first + i];
	return true;
}

void
cli_print_help(void)
{
	/* One msgid per section, so that a new command changes only its own.
	 * Every line fits 80 columns (tests/cli/test-cli.sh checks). */
	output_printf(stdout, _("Aufruf: %s [ADRESSE]\n"), PACKAGE);
	output_printf(stdout, _("       %s show ADRESSE [--format line|fields] [--ttl|--no-ttl]\n"),
		      PACKAGE);
	output_printf(stdout,
		      _("       %s check ADRESSE [--watch] [--interval S] [--timeout S]\n"
			"                         [--json]\n"),
		      PACKAGE);
	output_printf(stdout, _("       %s spf [--trace] IP ADRESSE\n"), PACKAGE);
	output_printf(stdout, "\n%s\n",
		      _("Richtet den E-Mail-Versand über Flicono für Ihre Absenderadresse ein:\n"
			"mit der Alias-Funktion oder mit einem SPF-Eintrag bei Ihrem "
			"Domain-Anbieter.\n"
			"Ohne Befehl startet der Assistent im Terminal."));
	output_printf(stdout, "\n%s\n",
		      _("Der Assistent (ohne Befehl, braucht ein Terminal):\n"
			"  ADRESSE                 mit dieser Absenderadresse beginnen\n"
			"  Tasten: Ziffern wählen sofort, Esc geht zurück, ? oder F1 hilft, "
			"q beendet,\n"
			"  k kopiert den Eintrag (OSC 52, auch über SSH).\n"
			"  Offene Prüfungen stehen in $XDG_STATE_HOME/flicono-mailsetup/\n"
			"  (sonst ~/.local/state/flicono-mailsetup/); der nächste Start bietet\n"
			"  sie an."));
	output_printf(stdout, "\n%s\n",
		      _("Befehle:\n"
			"  show ADRESSE          zeigt den DNS-Eintrag für Ihre Domain, so wie Sie "
			"ihn\n"
			"                        bei Ihrem Domain-Anbieter eintragen (einen\n"
			"                        vorhandenen SPF-Eintrag ergänzt)"));
	output_printf(stdout, "%s\n",
		      _("  check ADRESSE         prüft, ob alle Namensserver und Resolver den "
			"Eintrag\n"
			"                        liefern und ob Flicono senden darf"));
	output_printf(stdout, "%s\n",
		      _("  spf IP ADRESSE        prüft nach RFC 7208, ob der Server mit der "
			"Adresse IP\n"
			"                        E-Mails für die Domain senden darf (wie "
			"spfquery)"));
	output_printf(stdout, "\n%s\n",
		      _("Optionen für show:\n"
			"  --format line         in einer Zeile (ein Textfeld je Eintrag);\n"
			"                        so ist es voreingestellt\n"
			"  --format fields       in einzelnen Feldern (Name, TTL, Typ, Data)\n"
			"  --ttl, --no-ttl       mit TTL (voreingestellt) oder ohne; die TTL ist "
			"die\n"
			"                        Gültigkeitsdauer in Sekunden\n"
			"  --no-lookup           nicht im DNS nachsehen: immer der Eintrag für\n"
			"                        Domains ohne SPF-Eintrag"));
	output_printf(stdout, "\n%s\n",
		      _("Optionen für check:\n"
			"  --watch               wiederholen, bis der Eintrag überall ist; der "
			"Abstand\n"
			"                        wächst von 15 s bis 5 min\n"
			"  --interval S          erster Abstand in Sekunden\n"
			"  --timeout S           so lange höchstens wiederholen (voreingestellt:\n"
			"                        1 Stunde)\n"
			"  --json                das Ergebnis als ein JSON-Objekt"));
	output_printf(stdout, "\n%s\n",
		      _("Optionen für spf:\n"
			"  --trace               jeden Schritt zeigen: geprüfte Teile, Treffer,\n"
			"                        DNS-Abfragen und die Summen gegen die Grenzen\n"
			"                        (10 Abfragen, 2 ins Leere)"));
	output_printf(stdout, "\n%s\n",
		      _("Allgemeine Optionen:\n"
			"  --resolver IP[:PORT]  diesen Resolver fragen statt der aus "
			"/etc/resolv.conf\n"
			"                        und der öffentlichen; IPv6 mit Port als\n"
			"                        [IPv6]:PORT; mehrfach möglich\n"
			"  --profile DATEI       ein anderes Absenderprofil verwenden\n"
			"  -h, --help            diese Hilfe anzeigen\n"
			"  -V, --version         die Versionsnummer anzeigen"));
	output_printf(stdout, "\n%s\n",
		      _("ADRESSE ist eine E-Mail-Adresse (info@ihre-firma.de) oder eine Domain\n"
			"(ihre-firma.de); Umlaut-Domains wie müller-bau.de sind möglich."));
	output_printf(stdout, "\n%s\n",
		      _("Rückgabewert: 0 bei Erfolg (bei spf: für jedes Ergebnis, das sich\n"
			"ermitteln ließ), 64 bei falschem Aufruf, 69 ohne Resolver, 78 bei einem\n"
			"fehlerhaften Profil.\n"
			"check: 0 verbreitet, 1 noch nicht überall, 2 falscher oder fehlender\n"
			"Eintrag, 3 Prüfung nicht möglich.\n"
			"show: 2 vorhandener Eintrag fehlerhaft, 3 keine Antwort aus dem DNS."));
}
