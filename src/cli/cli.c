/* cli.c — GNU-style option parsing (getopt_long) for every command. */
#include "cli.h"

#include "address.h"
#include "config.h"
#include "i18n.h"
#include "output.h"
#include "textsafe.h"

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
	OPT_OPEN,
	OPT_PROVIDER,
	OPT_MESSAGE,
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
	{"open", no_argument, NULL, OPT_OPEN},
	{"provider", required_argument, NULL, OPT_PROVIDER},
	{"message", no_argument, NULL, OPT_MESSAGE},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

/* Which commands each option belongs to (bits of 1 << command); 0: every
 * command. */
static unsigned
option_commands(int opt)
{
	switch (opt) {
	case OPT_FORMAT:
	case OPT_TTL:
	case OPT_NO_TTL:
	case OPT_NO_LOOKUP:
		return 1u << CLI_SHOW;
	case OPT_TRACE:
		return 1u << CLI_SPF;
	case OPT_WATCH:
	case OPT_INTERVAL:
	case OPT_TIMEOUT:
	case OPT_OPEN:
		return 1u << CLI_CHECK;
	case OPT_JSON:
		return 1u << CLI_CHECK | 1u << CLI_CONNECT;
	case OPT_MESSAGE:
		return 1u << CLI_CONNECT;
	default:
		return 0;
	}
}

static const char *
command_name(int command)
{
	switch (command) {
	case CLI_SHOW: return "show";
	case CLI_CHECK: return "check";
	case CLI_SPF: return "spf";
	case CLI_FORGET: return "forget";
	case CLI_SPELL: return "spell";
	case CLI_NOTE: return "note";
	case CLI_PROVIDERS: return "providers";
	case CLI_CONNECT: return "connect";
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

/* The options seen that belong to one command, to check against the
 * command once it is known. */
struct seen {
	int opt[16];
	const char *name[16];
	size_t n;
};

/* Applies option OPT (getopt_long's value; TEXT is the word it read). */
static bool
take_option(int opt, const char *text, struct cli_args *args, char *err, size_t size)
{
	switch (opt) {
	case 'h': args->help = true; break;
	case 'V': args->version = true; break;
	case OPT_TTL: args->ttl = CLI_TTL_YES; break;
	case OPT_NO_TTL: args->ttl = CLI_TTL_NO; break;
	case OPT_NO_LOOKUP: args->no_lookup = true; break;
	case OPT_PROFILE: args->profile = optarg; break;
	case OPT_TRACE: args->trace = true; break;
	case OPT_WATCH: args->watch = true; break;
	case OPT_JSON: args->json = true; break;
	case OPT_MESSAGE: args->message = true; break;
	case OPT_OPEN: args->open = true; break;
	case OPT_PROVIDER: args->provider = optarg; break;
	case OPT_FORMAT:
		args->format_given = true;
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
	case OPT_RESOLVER:
		if (args->nresolvers == CLI_MAX_RESOLVERS)
			return usage(err, size, _("Höchstens %d Resolver."), CLI_MAX_RESOLVERS);
		args->resolvers[args->nresolvers++] = optarg;
		break;
	case OPT_INTERVAL:
	case OPT_TIMEOUT:
		if (!parse_seconds(optarg, opt == OPT_INTERVAL ? &args->interval : &args->timeout))
			return usage(err, size,
				     _("%s erwartet eine Zahl von Sekunden größer als 0, "
				       "nicht „%s“."),
				     opt == OPT_INTERVAL ? "--interval" : "--timeout", optarg);
		break;
	case ':':
		return usage(err, size, _("Die Option „%s“ braucht einen Wert."), text);
	default:
		if (optopt && optopt < 256) {
			char shortopt[3] = {'-', (char)optopt, '\0'};
			return usage(err, size, _("Unbekannte Option „%s“."), shortopt);
		}
		return usage(err, size, _("Unbekannte Option „%s“."), text);
	}
	return true;
}

/* Reads the options of ARGV; the command-specific ones go to *seen. */
static bool
parse_options(int argc, char **argv, struct cli_args *args, struct seen *seen, char *err,
	      size_t size)
{
	opterr = 0;
	optind = 1;
	for (;;) {
		int longindex = -1;
		int opt = getopt_long(argc, argv, ":hV", options, &longindex);
		if (opt == -1)
			return true;
		/* After an error, the offending word is the one getopt just read. */
		const char *text = optind > 0 && optind <= argc ? argv[optind - 1] : "";
		if (!take_option(opt, text, args, err, size))
			return false;
		if (option_commands(opt) && seen->n < sizeof(seen->opt) / sizeof(seen->opt[0])) {
			seen->opt[seen->n] = opt;
			seen->name[seen->n++] = options[longindex].name;
		}
	}
}

/* WORD, which is no command, as the user's text made safe to show. */
static bool
unknown_command(const char *word, const char *why, char *err, size_t size)
{
	char *safe = textsafe_escape(word, strlen(word), 80);
	int n = snprintf(err, size,
			 _("Unbekannter Befehl „%s“. Die Befehle sind show, check, spf, note, "
			   "spell, forget, providers und connect."),
			 safe ? safe : "?");
	free(safe);
	if (why && n >= 0 && (size_t)n < size)
		snprintf(err + n, size - (size_t)n, " %s", why);
	return false;
}

/* The wizard's ADDRESS. A word that is no address and has neither the "@"
 * nor the "." of one is a mistyped command: a usage error that names the
 * commands (exit 64, not the wizard's 69 without a terminal). Any other
 * invalid address goes to the wizard, which shows the problem beside the
 * field and keeps the input for correcting. */
static bool
check_wizard_address(const char *word, char *err, size_t size)
{
	struct address addr;
	struct address_problem problem;
	char why[512];

	if (address_parse(word, &addr, &problem)) {
		address_clear(&addr);
		return true;
	}
	if (strpbrk(word, "@."))
		return true;
	address_problem_message(&problem, why, sizeof(why));
	return unknown_command(word, why, err, size);
}

/* The command, from the first word that is no option; *FIRST is where its
 * arguments begin. */
static bool
find_command(const char *const *word, size_t nwords, struct cli_args *args, size_t *first,
	     char *err, size_t size)
{
	static const enum cli_command commands[] = {CLI_SHOW,  CLI_CHECK,  CLI_SPF,
						      CLI_NOTE,  CLI_SPELL,  CLI_FORGET,
						      CLI_PROVIDERS, CLI_CONNECT};

	args->command = CLI_WIZARD;
	*first = 0;
	if (nwords && !word[0][0]) /* '' or "$UNSET": no unknown command „“ */
		return usage(err, size, "%s",
			     _("Adresse oder Befehl fehlt: Das erste Argument ist leer. Geben Sie "
			       "eine Absenderadresse an (z. B. info@ihre-firma.de) oder einen der "
			       "Befehle show, check, spf, note, spell, forget, providers und connect."));
	for (size_t i = 0; nwords && i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(word[0], command_name(commands[i])) == 0)
			args->command = commands[i], *first = 1;
	if (args->command == CLI_WIZARD && nwords >= 2) /* a mistyped command */
		return unknown_command(word[0], NULL, err, size);
	return true;
}

/* spell takes exactly one TEXT that is not empty. Several words are not
 * joined: the shell has already dropped what stood between them (two
 * spaces, a tab), and a dictation must be the value exactly. */
static bool
spell_usage(size_t have, char *err, size_t size)
{
	if (have > 1)
		return usage(err, size,
			     _("„spell“ buchstabiert genau einen Text. Setzen Sie ihn in "
			       "Anführungszeichen, z. B.: spell 'v=spf1 mx -all'"));
	return usage(err, size,
		     _("„spell“ braucht den Text, den es buchstabieren soll, z. B.: "
		       "spell 'v=spf1 mx -all'"));
}

/* The command's HAVE arguments ARG. */
static bool
take_arguments(const char *const *arg, size_t have, struct cli_args *args, char *err,
	       size_t size)
{
	const char *name = command_name(args->command);
	size_t want_min = args->command == CLI_WIZARD || args->command == CLI_PROVIDERS ? 0
			  : args->command == CLI_SPF				  ? 2
									  : 1;
	size_t want_max = args->command == CLI_SPF ? 2 : args->command == CLI_PROVIDERS ? 0 : 1;

	if (args->open) { /* check --open: the addresses come from the state file */
		if (have)
			return usage(err, size,
				     _("„check --open“ prüft alle offenen Prüfungen und nimmt "
				       "keine Adresse, nicht „%s“."),
				     arg[0]);
		return true;
	}
	if (args->command == CLI_SPELL && (have != 1 || !arg[0][0]))
		return spell_usage(have, err, size);
	if (have < want_min && args->command == CLI_SPF)
		return usage(err, size,
			     _("„spf“ braucht eine IP-Adresse und eine Absenderadresse, "
			       "z. B.: spf 148.251.195.107 info@ihre-firma.de"));
	if (have < want_min)
		return usage(err, size,
			     _("„%s“ braucht eine Absenderadresse oder Domain, "
			       "z. B.: %s info@ihre-firma.de"),
			     name, name);
	if (have > want_max)
		return usage(err, size, _("Zu viele Argumente: „%s“."), arg[want_max]);
	for (size_t i = 0; i < have; i++)
		args->args[args->nargs++] = arg[i];
	if (args->command == CLI_WIZARD && args->nargs == 1)
		return check_wizard_address(args->args[0], err, size);
	return true;
}

bool
cli_parse(int argc, char **argv, struct cli_args *args, char *err, size_t size)
{
	const char *positional[CLI_MAX_ARGS + 1];
	size_t npositional = 0, first;
	struct seen seen = {.n = 0};

	*args = (struct cli_args){.format = ENTRY_FORM_LINE};
	if (!parse_options(argc, argv, args, &seen, err, size))
		return false;
	for (int i = optind; i < argc; i++) {
		if (npositional == CLI_MAX_ARGS + 1)
			return usage(err, size, _("Zu viele Argumente: „%s“."), argv[i]);
		positional[npositional++] = argv[i];
	}
	if (args->help || args->version)
		return true;
	if (!find_command(positional, npositional, args, &first, err, size))
		return false;
	if (args->provider && args->command != CLI_SHOW && args->command != CLI_CHECK &&
	    args->command != CLI_NOTE && args->command != CLI_WIZARD)
		return usage(err, size, "%s",
			     _("Die Option „--provider“ gehört zum Assistenten und zu den Befehlen "
			       "show, check und note."));
	for (size_t i = 0; i < seen.n; i++) {
		unsigned owners = option_commands(seen.opt[i]);
		if (owners & 1u << args->command)
			continue;
		if (owners == (1u << CLI_CHECK | 1u << CLI_CONNECT))
			return usage(err, size,
				     _("Die Option „--%s“ gehört zu den Befehlen „check“ und "
				       "„connect“."),
				     seen.name[i]);
		int owner = 0;
		while (!(owners & 1u << owner))
			owner++;
		return usage(err, size, _("Die Option „--%s“ gehört zum Befehl „%s“."),
			     seen.name[i], command_name(owner));
	}
	if (args->json && args->message)
		return usage(err, size, "%s",
			     _("„connect“ gibt entweder JSON aus (--json) oder die Nachricht für den "
			       "Kunden (--message), nicht beides."));
	return take_arguments(positional + first, npositional - first, args, err, size);
}

/* The help after the usage lines: one msgid per section, so that a new
 * command changes only its own. BLANK: an empty line before it. */
static const struct {
	bool blank;
	const char *text;
} help_sections[] = {
	{true, N_("Richtet den E-Mail-Versand über Flicono für Ihre Absenderadresse ein:\n"
		   "mit der Alias-Funktion oder mit einem SPF-Eintrag bei Ihrem "
		   "Domain-Anbieter.\n"
		   "Ohne Befehl startet der Assistent im Terminal.")},
	{true, N_("Der Assistent (ohne Befehl, braucht ein Terminal):\n"
		   "  ADRESSE                 mit dieser Absenderadresse beginnen\n"
		   "  Tasten: Ziffern wählen sofort, Esc geht zurück, ? oder F1 hilft, "
		   "q beendet,\n"
		   "  k kopiert den Eintrag (OSC 52, auch über SSH).\n"
		   "  Offene Prüfungen stehen in $XDG_STATE_HOME/flicono-mailsetup/\n"
		   "  (sonst ~/.local/state/flicono-mailsetup/); der nächste Start bietet\n"
		   "  sie an.")},
	{false, N_("  b buchstabiert den Eintrag (DIN 5009, auf Englisch ICAO).")},
	{false, N_("  n zeigt die Ticket-Notiz (beim Eintrag und bei der Prüfung), k kopiert sie.")},
	{true, N_("Befehle:\n"
		   "  show ADRESSE          zeigt den DNS-Eintrag für Ihre Domain, so wie Sie "
		   "ihn\n"
		   "                        bei Ihrem Domain-Anbieter eintragen (einen\n"
		   "                        vorhandenen SPF-Eintrag ergänzt)")},
	{false, N_("  check ADRESSE         prüft, ob alle Namensserver und Resolver den "
		    "Eintrag\n"
		    "                        liefern und ob Flicono senden darf")},
	{false, N_("  spf IP ADRESSE        prüft nach RFC 7208, ob der Server mit der "
		    "Adresse IP\n"
		    "                        E-Mails für die Domain senden darf (wie "
		    "spfquery)")},
	{false, N_("  note ADRESSE          die Ticket-Notiz: Datum, Adresse, Domain, Verfahren,\n"
		    "                        der Eintrag, wie er gezeigt wurde, eine Prüfung je\n"
		    "                        Server und wie es weitergeht; Zeilen bis 72 Spalten\n"
		    "                        (im Assistenten: n zeigt sie, k kopiert sie)")},
	{false, N_("  forget ADRESSE        entfernt die offene Prüfung dieser Adresse (im\n"
		    "                        Assistenten: Entf in der Liste)")},
	{false, N_("  spell TEXT            buchstabiert TEXT zum Diktieren am Telefon: in\n"
		    "                        Gruppen zu 5 Zeichen, jedes mit seinem Wort\n"
		    "                        (DIN 5009, auf Englisch ICAO); beginnt TEXT mit\n"
		    "                        „-“, dann: spell -- TEXT")},
	{false, N_("  providers             zeigt die bekannten Domain-Anbieter: Kürzel und Name")},
	{false, N_("  connect ADRESSE       Domain Connect: ob der Domain-Anbieter den Eintrag\n"
		    "                        nach Ihrer Bestätigung selbst anlegt; der Link zu\n"
		    "                        seinen DNS-Einstellungen und der signierte Link\n"
		    "                        zum Bestätigen")},
	{true, N_("Optionen für show:\n"
		   "  --format line         in einer Zeile (ein Textfeld je Eintrag)\n"
		   "  --format fields       in einzelnen Feldern (Name, TTL, Typ, Data; bei "
		   "einem\n"
		   "                        bekannten Anbieter mit dessen Bezeichnungen)\n"
		   "                        Ohne --format folgt die Form dem Formular des\n"
		   "                        Anbieters, sonst einer Zeile.\n"
		   "  --ttl, --no-ttl       mit TTL oder ohne; die TTL ist die "
		   "Gültigkeitsdauer\n"
		   "                        in Sekunden. Ohne beides: wie das Formular des\n"
		   "                        Anbieters es verlangt, sonst mit TTL.\n"
		   "  --no-lookup           nicht im DNS nachsehen: immer der Eintrag für\n"
		   "                        Domains ohne SPF-Eintrag")},
	{true, N_("Optionen für check:\n"
		   "  --watch               wiederholen, bis der Eintrag überall ist; der "
		   "Abstand\n"
		   "                        wächst von 15 s bis 5 min\n"
		   "  --interval S          erster Abstand in Sekunden\n"
		   "  --timeout S           so lange höchstens wiederholen (voreingestellt:\n"
		   "                        1 Stunde)\n"
		   "  --json                das Ergebnis als ein JSON-Objekt")},
	{false, N_("  --open                statt einer ADRESSE alle offenen Prüfungen, bis zu 8\n"
		    "                        Domains zugleich, eine Zeile je Fall; verbreitete\n"
		    "                        verlassen die Liste; mit --json ein JSON-Array")},
	{true, N_("Optionen für connect:\n"
		   "  --json                das Ergebnis als ein JSON-Objekt\n"
		   "  --message             die Nachricht für den Kunden mit dem Link, zum\n"
		   "                        Einfügen in eine E-Mail oder einen Chat")},
	{true, N_("Optionen für spf:\n"
		   "  --trace               jeden Schritt zeigen: geprüfte Teile, Treffer,\n"
		   "                        DNS-Abfragen und die Summen gegen die Grenzen\n"
		   "                        (10 Abfragen, 2 ins Leere)")},
	{true, N_("Allgemeine Optionen:\n"
		   "  --resolver IP[:PORT]  diesen Resolver fragen statt der aus "
		   "/etc/resolv.conf\n"
		   "                        und der öffentlichen; IPv6 mit Port als\n"
		   "                        [IPv6]:PORT; mehrfach möglich\n"
		   "  --profile DATEI       ein anderes Absenderprofil verwenden\n"
		   "  -h, --help            diese Hilfe anzeigen\n"
		   "  -V, --version         die Versionsnummer anzeigen")},
	{false, N_("  --provider ID|auto|none\n"
		    "                        der Domain-Anbieter für den Assistenten, show, check\n"
		    "                        und note: auto (voreingestellt) erkennt ihn an den\n"
		    "                        Namensservern, none nimmt keinen; der Eintrag steht\n"
		    "                        dann in den Feldern und Worten seines Formulars")},
	{true, N_("ADRESSE ist eine E-Mail-Adresse (info@ihre-firma.de) oder eine Domain\n"
		   "(ihre-firma.de); Umlaut-Domains wie müller-bau.de sind möglich.")},
	{true, N_("Rückgabewerte:\n"
		   "  0   Erfolg; check: verbreitet, Flicono ist überall berechtigt;\n"
		   "      spf: für jedes Ergebnis, das sich ermitteln ließ\n"
		   "  1   check: noch nicht überall\n"
		   "  2   check: der Eintrag fehlt, ist fehlerhaft oder berechtigt Flicono nicht;\n"
		   "      show: kein Eintrag möglich (Freemail-Domain, fehlerhafter Eintrag,\n"
		   "      oder einer, der auch ergänzt nicht berechtigen würde);\n"
		   "      check, show: die Domain gibt es nicht (Tippfehler, nicht\n"
		   "      registriert oder abgelaufen)\n"
		   "  3   check, show: keine Antwort aus dem DNS, Prüfung nicht möglich\n"
		   "  64  falscher Aufruf: unbekannter Befehl, unbekannte Option, ungültige Adresse\n"
		   "  69  nicht verfügbar: kein Resolver (/etc/resolv.conf, --resolver) oder,\n"
		   "      für den Assistenten, kein Terminal\n"
		   "  70  interner Fehler, z. B. nicht genug Arbeitsspeicher\n"
		   "  78  das Absenderprofil oder die Anbieterliste fehlt oder ist fehlerhaft")},
	{false, N_("  check --open gibt den höchsten Wert aller Fälle zurück; forget gibt 1\n"
		    "  zurück, wenn es für die Adresse keine offene Prüfung gibt.")},
	{false, N_("  connect: 0 der Link zum Bestätigen ist fertig; 1 der Anbieter spricht\n"
		    "  Domain Connect, aber ohne Link (Vorlage dort nicht freigeschaltet oder\n"
		    "  kein Schlüssel); 2 kein Domain Connect für die Domain; 3 nicht zu\n"
		    "  erfragen (DNS, HTTPS, Zertifikat, fehlerhafte Antwort); 78 auch: der\n"
		    "  Schlüssel fehlt, ist keiner oder für andere lesbar.")},
};

void
cli_print_help(void)
{
	/* Every line fits 80 columns (tests/cli/test-cli.sh checks). */
	output_printf(stdout, _("Aufruf: %s [ADRESSE]\n"), PACKAGE);
	output_printf(stdout,
		      _("       %s show ADRESSE [--format line|fields] [--ttl|--no-ttl]\n"
			"                         [--no-lookup]\n"),
		      PACKAGE);
	output_printf(stdout,
		      _("       %s check ADRESSE [--watch] [--interval S] [--timeout S]\n"
			"                         [--json]\n"),
		      PACKAGE);
	output_printf(stdout, _("       %s check --open [--watch] [--json]\n"), PACKAGE);
	output_printf(stdout, _("       %s spf [--trace] IP ADRESSE\n"), PACKAGE);
	output_printf(stdout, _("       %s note ADRESSE\n"), PACKAGE);
	output_printf(stdout, _("       %s forget ADRESSE\n"), PACKAGE);
	output_printf(stdout, _("       %s spell TEXT\n"), PACKAGE);
	output_printf(stdout, _("       %s providers\n"), PACKAGE);
	output_printf(stdout, _("       %s connect ADRESSE [--json] [--message]\n"), PACKAGE);
	for (size_t i = 0; i < sizeof(help_sections) / sizeof(help_sections[0]); i++)
		output_printf(stdout, help_sections[i].blank ? "\n%s\n" : "%s\n",
			      _(help_sections[i].text));
}
