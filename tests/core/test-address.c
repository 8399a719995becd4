/* test-address.c — what users type, and what becomes of it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "address.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *input, *local, *domain, *unicode;
} good[] = {
	{"info@beispiel-firma.de", "info", "beispiel-firma.de", "beispiel-firma.de"},
	{"info@Müller-Bau.de", "info", "xn--mller-bau-q9a.de", "müller-bau.de"},
	{"müller-bau.de", NULL, "xn--mller-bau-q9a.de", "müller-bau.de"},
	/* NFD input: u + combining diaeresis */
	{"mu\xcc\x88ller-bau.de", NULL, "xn--mller-bau-q9a.de", "müller-bau.de"},
	{" MUELLER-BAU.DE. ", NULL, "mueller-bau.de", "mueller-bau.de"},
	{"Info@MÜLLER-BAU.DE", "Info", "xn--mller-bau-q9a.de", "müller-bau.de"},
	/* IDNA2008 non-transitional: ß stays ß, it does not become ss. */
	{"straße.de", NULL, "xn--strae-oqa.de", "straße.de"},
	{"\xc2\xa0rechnung@firma.example.com\xc2\xa0", "rechnung", "firma.example.com",
	 "firma.example.com"},
	{"@firma.de", NULL, "firma.de", "firma.de"},
	{"xn--mller-bau-q9a.de", NULL, "xn--mller-bau-q9a.de", "müller-bau.de"},
};

static void
parses_what_users_type(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct address addr;
		struct address_problem problem;
		bool ok = address_parse(good[i].input, &addr, &problem);
		if (!ok)
			fail_msg("'%s' rejected with error %d", good[i].input, problem.error);
		assert_string_equal(addr.domain, good[i].domain);
		assert_string_equal(addr.domain_unicode, good[i].unicode);
		if (good[i].local)
			assert_string_equal(addr.local, good[i].local);
		else
			assert_null(addr.local);
		assert_int_equal(address_is_idn(&addr), strcmp(good[i].domain, good[i].unicode) != 0);
		address_clear(&addr);
	}
}

static char long_label[100], long_name[300];

static const struct {
	const char *input;
	enum address_error error;
	const char *message;
} bad[] = {
	{"", ADDRESS_EMPTY,
	 "Bitte geben Sie eine E-Mail-Adresse oder eine Domain ein, z. B. info@ihre-firma.de."},
	{"   ", ADDRESS_EMPTY,
	 "Bitte geben Sie eine E-Mail-Adresse oder eine Domain ein, z. B. info@ihre-firma.de."},
	{"@", ADDRESS_DOMAIN_MISSING, "Nach dem @ fehlt die Domain, z. B. info@ihre-firma.de."},
	{"info@", ADDRESS_DOMAIN_MISSING, "Nach dem @ fehlt die Domain, z. B. info@ihre-firma.de."},
	{"a..b", ADDRESS_EMPTY_LABEL,
	 "Die Domain enthält zwei Punkte hintereinander oder beginnt mit einem Punkt (Zeichen 3)."},
	{"  a..b", ADDRESS_EMPTY_LABEL, /* columns count what was typed, spaces too */
	 "Die Domain enthält zwei Punkte hintereinander oder beginnt mit einem Punkt (Zeichen 5)."},
	{"info@.firma.de", ADDRESS_EMPTY_LABEL,
	 "Die Domain enthält zwei Punkte hintereinander oder beginnt mit einem Punkt (Zeichen 6)."},
	{"http://x.de", ADDRESS_URL,
	 "Das ist eine Web-Adresse. Bitte geben Sie nur die E-Mail-Adresse oder die Domain ein, "
	 "z. B. ihre-firma.de."},
	{"https://www.firma.de/kontakt", ADDRESS_URL,
	 "Das ist eine Web-Adresse. Bitte geben Sie nur die E-Mail-Adresse oder die Domain ein, "
	 "z. B. ihre-firma.de."},
	{"info@firma.de\n", ADDRESS_CONTROL,
	 "Die Eingabe enthält ein Steuerzeichen bei Zeichen 14 (z. B. einen Tabulator oder "
	 "Zeilenumbruch)."},
	{"in\tfo@firma.de", ADDRESS_CONTROL,
	 "Die Eingabe enthält ein Steuerzeichen bei Zeichen 3 (z. B. einen Tabulator oder "
	 "Zeilenumbruch)."},
	{"info@fir\x1b[2Jma.de", ADDRESS_CONTROL,
	 "Die Eingabe enthält ein Steuerzeichen bei Zeichen 9 (z. B. einen Tabulator oder "
	 "Zeilenumbruch)."},
	{"info@firma\xc2\x9b.de", ADDRESS_CONTROL, /* C1 CSI */
	 "Die Eingabe enthält ein Steuerzeichen bei Zeichen 11 (z. B. einen Tabulator oder "
	 "Zeilenumbruch)."},
	{"info@fi\xe2\x80\xaerma.de", ADDRESS_CONTROL, /* U+202E bidi override */
	 "Die Eingabe enthält ein Steuerzeichen bei Zeichen 8 (z. B. einen Tabulator oder "
	 "Zeilenumbruch)."},
	{"info@m\xfcller.de", ADDRESS_ENCODING, /* Latin-1 ü */
	 "Die Eingabe ist kein gültiger Text (ungültige Bytes bei Zeichen 7). Bitte tippen Sie die "
	 "Adresse neu ein."},
	{"\xc0\xafx.de", ADDRESS_ENCODING, /* overlong '/' */
	 "Die Eingabe ist kein gültiger Text (ungültige Bytes bei Zeichen 1). Bitte tippen Sie die "
	 "Adresse neu ein."},
	{"a@b@c.de", ADDRESS_SEVERAL_AT,
	 "Die Eingabe enthält mehr als ein @ (das zweite bei Zeichen 4). Bitte geben Sie genau eine "
	 "E-Mail-Adresse ein."},
	{"Max Muster@firma.de", ADDRESS_LOCAL_INVALID,
	 "Vor dem @ steht ein Leerzeichen (Zeichen 4). Bitte geben Sie nur die E-Mail-Adresse ein."},
	{"<info@firma.de>", ADDRESS_LOCAL_INVALID,
	 "Vor dem @ steht ein Zeichen, das hier nicht vorkommen darf: „<“ (Zeichen 1). Bitte geben "
	 "Sie nur die E-Mail-Adresse ein."},
	{"info@firma .de", ADDRESS_BAD_CHAR, "Die Domain enthält ein Leerzeichen (Zeichen 11)."},
	{"info@firma_gmbh.de", ADDRESS_BAD_CHAR,
	 "Die Domain enthält ein Zeichen, das in Domains nicht erlaubt ist: „_“ (Zeichen 11)."},
	{"firma.de/impressum", ADDRESS_BAD_CHAR,
	 "Die Domain enthält ein Zeichen, das in Domains nicht erlaubt ist: „/“ (Zeichen 9)."},
	{"-firma.de", ADDRESS_HYPHEN,
	 "Ein Teil der Domain beginnt oder endet mit einem Bindestrich: „-firma“."},
	{long_label, ADDRESS_LABEL_TOO_LONG, NULL},
	{long_name, ADDRESS_NAME_TOO_LONG, "Die Domain ist länger als 253 Zeichen."},
	/* A single label is no domain (a mistyped command lands here too). */
	{"localhost", ADDRESS_NO_TLD,
	 "„localhost“ ist keine vollständige Domain: Es fehlt die Endung, z. B. .de oder .com."},
	{"frobnicate", ADDRESS_NO_TLD,
	 "„frobnicate“ ist keine vollständige Domain: Es fehlt die Endung, z. B. .de oder .com."},
	{" frobnicate. ", ADDRESS_NO_TLD,
	 "„frobnicate“ ist keine vollständige Domain: Es fehlt die Endung, z. B. .de oder .com."},
	{"info@firma", ADDRESS_NO_TLD,
	 "„firma“ ist keine vollständige Domain: Es fehlt die Endung, z. B. .de oder .com."},
	{"Müller", ADDRESS_NO_TLD,
	 "„Müller“ ist keine vollständige Domain: Es fehlt die Endung, z. B. .de oder .com."},
	{"xn--mller-kva", ADDRESS_NO_TLD, NULL},
	{"de", ADDRESS_NO_TLD, NULL},
	{"info@192.0.2.1", ADDRESS_IP_LITERAL,
	 "Das ist eine IP-Adresse. Bitte geben Sie die Domain ein, z. B. ihre-firma.de."},
	{"firma\xf0\x9f\x98\x80.de", ADDRESS_IDNA, /* emoji */
	 "Die Domain enthält Zeichen, die in Domainnamen nicht erlaubt sind: „firma😀“."},
	/* UTS #46 maps these into something no domain can hold. */
	{"a\xef\xbc\xa0" "b.de", ADDRESS_IDNA, /* fullwidth @ */
	 "Die Domain enthält Zeichen, die in Domainnamen nicht erlaubt sind: „a＠b“."},
	{"a\xc2\xa0" "b.de", ADDRESS_IDNA, NULL}, /* no-break space inside */
	{"\xc2\xad.de", ADDRESS_EMPTY_LABEL, NULL}, /* a soft hyphen alone maps to nothing */
	{"v0.1.000000\xc2\xad", ADDRESS_IP_LITERAL, NULL}, /* numeric once mapped */
	{"xn--zz.de", ADDRESS_IDNA,
	 "Die Domain enthält Zeichen, die in Domainnamen nicht erlaubt sind: „xn--zz“."},
};

static void
rejects_with_a_precise_message(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct address addr = {(char *)"x", NULL, NULL};
		struct address_problem problem;
		char msg[512];
		if (address_parse(bad[i].input, &addr, &problem))
			fail_msg("'%s' accepted as '%s'", bad[i].input, addr.domain);
		assert_null(addr.domain);
		assert_null(addr.local);
		if (problem.error != bad[i].error)
			fail_msg("'%s': error %d, expected %d", bad[i].input, problem.error,
				 bad[i].error);
		address_problem_message(&problem, msg, sizeof(msg));
		if (bad[i].message)
			assert_string_equal(msg, bad[i].message);
	}
}

static void
long_label_is_named(void **state)
{
	(void)state;
	struct address addr;
	struct address_problem problem;
	char msg[512];
	assert_false(address_parse(long_label, &addr, &problem));
	address_problem_message(&problem, msg, sizeof(msg));
	/* The label is shown, shortened to what fits, ending in an ellipsis. */
	assert_non_null(strstr(msg, "ist länger als 63 Zeichen: „aaaaaaaaaa"));
	assert_non_null(strstr(msg, "…“."));
}

static void
umlaut_label_over_63_octets_is_too_long(void **state)
{
	(void)state;
	/* 60 letters + ü: 61 characters, but the A-label is longer than 63. */
	char input[128] = {0};
	memset(input, 'a', 60);
	strcat(input, "ü.de");
	struct address addr;
	struct address_problem problem;
	assert_false(address_parse(input, &addr, &problem));
	assert_int_equal(problem.error, ADDRESS_LABEL_TOO_LONG);
}

/* RFC 5321 4.5.3.1.1: at most 64 octets before the @, counted in octets
 * (UTF-8), not characters. */
static void
local_part_at_most_64_octets(void **state)
{
	(void)state;
	static const struct {
		size_t ascii, umlauts; /* the local part: that many 'a', then that many 'ü' */
		bool ok;
		const char *octets; /* in the message when refused */
	} cases[] = {
		{64, 0, true, NULL},   {65, 0, false, "65"}, {0, 32, true, NULL},
		{1, 32, false, "65"}, {290, 0, false, "290"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char input[512] = {0};
		memset(input, 'a', cases[i].ascii);
		for (size_t u = 0; u < cases[i].umlauts; u++)
			strcat(input, "ü");
		strcat(input, "@firma.de");
		struct address addr;
		struct address_problem problem;
		bool ok = address_parse(input, &addr, &problem);
		if (ok != cases[i].ok)
			fail_msg("case %zu (%zu + %zu umlauts): %s", i, cases[i].ascii,
				 cases[i].umlauts, ok ? "accepted" : "refused");
		if (ok) {
			assert_int_equal(strlen(addr.local), 64);
			address_clear(&addr);
			continue;
		}
		assert_int_equal(problem.error, ADDRESS_LOCAL_TOO_LONG);
		char msg[512], want[256];
		address_problem_message(&problem, msg, sizeof(msg));
		snprintf(want, sizeof(want),
			 "Der Teil vor dem @ ist zu lang: %s Bytes, höchstens 64 sind erlaubt (ein "
			 "Umlaut zählt als 2). Bitte prüfen Sie die Adresse.",
			 cases[i].octets);
		assert_string_equal(msg, want);
	}
}

static void
survives_every_short_byte_string(void **state)
{
	(void)state;
	/* Every 2-byte string, and each before a valid domain: never a crash,
	 * and either a domain or a problem. */
	char in[16];
	for (int a = 1; a < 256; a++) {
		for (int b = 0; b < 256; b++) {
			struct address addr;
			struct address_problem problem;
			char msg[512];
			snprintf(in, sizeof(in), "%c%c.de", a, b);
			if (address_parse(in, &addr, &problem)) {
				assert_non_null(addr.domain);
				address_clear(&addr);
			} else {
				assert_int_not_equal(problem.error, ADDRESS_OK);
				assert_true(address_problem_message(&problem, msg, sizeof(msg))[0]);
			}
		}
	}
}

static int
setup(void **state)
{
	(void)state;
	memset(long_label, 'a', 90);
	strcpy(long_label + 90, ".de");
	/* 5 labels of 50 + ".de": 258 octets */
	char *p = long_name;
	for (int i = 0; i < 5; i++) {
		memset(p, 'b', 50);
		p[50] = '.';
		p += 51;
	}
	strcpy(p, "de");
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_what_users_type),
		cmocka_unit_test(rejects_with_a_precise_message),
		cmocka_unit_test(long_label_is_named),
		cmocka_unit_test(umlaut_label_over_63_octets_is_too_long),
		cmocka_unit_test(local_part_at_most_64_octets),
		cmocka_unit_test(survives_every_short_byte_string),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
