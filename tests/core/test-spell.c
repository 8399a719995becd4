/* test-spell.c — dictation: the Flicono template in both languages against
 * golden files, the tables (letters, umlauts, digits, every symbol), the
 * groups of five, and hostile input that must come out harmless. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "spell.h"
#include "textsafe.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char template_value[] =
    "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all";

/* The dictation of the NUL-terminated S (the test fails when it cannot be
 * made). */
static struct spell
spelled(const char *s, size_t len, enum spell_lang lang)
{
	struct spell sp;
	assert_true(spell_make(s, len, lang, &sp));
	return sp;
}

/* True when TEXT has a line that is exactly LINE. */
static bool
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	for (const char *s = text; s && *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		if (len == n && memcmp(s, line, n) == 0)
			return true;
		s += len + (nl ? 1 : 0);
	}
	return false;
}

static char *
read_golden(const char *name)
{
	const char *dir = getenv("SPELL_GOLDEN_DIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir ? dir : ".", name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static void
template_german_is_golden(void **state)
{
	(void)state;
	struct spell sp = spelled(template_value, strlen(template_value), SPELL_DE);
	assert_string_equal(sp.text, read_golden("spell-template.de.txt"));
	assert_int_equal(sp.nchars, 59);
	assert_int_equal(sp.ngroups, 12);
	spell_clear(&sp);
}

static void
template_english_is_golden(void **state)
{
	(void)state;
	struct spell sp = spelled(template_value, strlen(template_value), SPELL_EN);
	assert_string_equal(sp.text, read_golden("spell-template.en.txt"));
	spell_clear(&sp);
}

/* The lines point into the text, one per "\n"; headings are marked. */
static void
lines_split_the_text(void **state)
{
	(void)state;
	struct spell sp = spelled(template_value, strlen(template_value), SPELL_DE);
	size_t newlines = 0, headings = 0;
	for (const char *s = sp.text; *s; s++)
		newlines += *s == '\n';
	assert_int_equal(sp.nlines, newlines);
	for (size_t i = 0; i < sp.nlines; i++) {
		const struct spell_line *l = &sp.lines[i];
		assert_true(l->text >= sp.text);
		assert_int_equal(l->text[l->len], '\n');
		headings += l->heading;
		if (l->heading && i > 0)
			assert_memory_equal(l->text, "Gruppe ", 7);
	}
	assert_int_equal(headings, 1 + 12); /* the count and each group */
	assert_memory_equal(sp.lines[0].text, "59 Zeichen in 12 Gruppen", sp.lines[0].len);
	spell_clear(&sp);
}

static void
capitals_are_marked(void **state)
{
	(void)state;
	struct spell de = spelled("Aa", 2, SPELL_DE), en = spelled("Aa", 2, SPELL_EN);
	assert_true(has_line(de.text, "   1  A   großes A wie Aachen"));
	assert_true(has_line(de.text, "   2  a   kleines a wie Aachen"));
	assert_true(has_line(en.text, "   1  A   capital A, Alfa"));
	assert_true(has_line(en.text, "   2  a   small a, Alfa"));
	spell_clear(&de);
	spell_clear(&en);
}

static void
umlauts_and_eszett_follow_din_5009(void **state)
{
	(void)state;
	const char *s = "ÄäÖöÜüßẞ";
	struct spell de = spelled(s, strlen(s), SPELL_DE);
	assert_true(has_line(de.text, "   1  Ä   großes Ä wie Umlaut Aachen"));
	assert_true(has_line(de.text, "   2  ä   kleines ä wie Umlaut Aachen"));
	assert_true(has_line(de.text, "   3  Ö   großes Ö wie Umlaut Offenbach"));
	assert_true(has_line(de.text, "   6  ü   kleines ü wie Umlaut Unna"));
	assert_true(has_line(de.text, "   7  ß   kleines ß wie Eszett"));
	assert_true(has_line(de.text, "   8  ẞ   großes ẞ wie Eszett"));
	assert_int_equal(de.nchars, 8);
	spell_clear(&de);
	struct spell en = spelled(s, strlen(s), SPELL_EN);
	assert_true(has_line(en.text, "   2  ä   small ä, A umlaut"));
	assert_true(has_line(en.text, "   7  ß   small ß, sharp S"));
	spell_clear(&en);
}

/* Every letter of both alphabets: one line each, its own word. */
static void
every_letter_has_its_word(void **state)
{
	(void)state;
	static const char *const din[26] = {
	    "Aachen",    "Berlin",  "Chemnitz",  "Düsseldorf", "Essen",     "Frankfurt",
	    "Goslar",    "Hamburg", "Ingelheim", "Jena",       "Köln",      "Leipzig",
	    "München",   "Nürnberg", "Offenbach", "Potsdam",   "Quickborn", "Rostock",
	    "Salzwedel", "Tübingen", "Unna",      "Völklingen", "Wuppertal", "Xanten",
	    "Ypsilon",   "Zwickau"};
	static const char *const icao[26] = {
	    "Alfa",   "Bravo",   "Charlie", "Delta",  "Echo",    "Foxtrot", "Golf",
	    "Hotel",  "India",   "Juliett", "Kilo",   "Lima",    "Mike",    "November",
	    "Oscar",  "Papa",    "Quebec",  "Romeo",  "Sierra",  "Tango",   "Uniform",
	    "Victor", "Whiskey", "X-ray",   "Yankee", "Zulu"};
	char lower[27], line[128];
	for (int i = 0; i < 26; i++)
		lower[i] = (char)('a' + i);
	struct spell de = spelled(lower, 26, SPELL_DE), en = spelled(lower, 26, SPELL_EN);
	for (int i = 0; i < 26; i++) {
		snprintf(line, sizeof(line), "  %2d  %c   kleines %c wie %s", i + 1, lower[i],
			 lower[i], din[i]);
		assert_true(has_line(de.text, line));
		snprintf(line, sizeof(line), "  %2d  %c   small %c, %s", i + 1, lower[i], lower[i],
			 icao[i]);
		assert_true(has_line(en.text, line));
	}
	spell_clear(&de);
	spell_clear(&en);
}

static void
digits_are_words(void **state)
{
	(void)state;
	static const char *const de_words[] = {"null", "eins", "zwo",    "drei", "vier",
					       "fünf", "sechs", "sieben", "acht", "neun"};
	static const char *const en_words[] = {"zero", "one", "two",   "three", "four",
					       "five", "six", "seven", "eight", "nine"};
	char line[64];
	struct spell de = spelled("0123456789", 10, SPELL_DE);
	struct spell en = spelled("0123456789", 10, SPELL_EN);
	for (int i = 0; i < 10; i++) {
		snprintf(line, sizeof(line), "  %2d  %d   %s", i + 1, i, de_words[i]);
		assert_true(has_line(de.text, line));
		snprintf(line, sizeof(line), "  %2d  %d   %s", i + 1, i, en_words[i]);
		assert_true(has_line(en.text, line));
	}
	/* "zwo", as DIN 5009 says it; plain "nine", not "niner". */
	assert_null(strstr(de.text, "zwei"));
	assert_null(strstr(en.text, "niner"));
	spell_clear(&de);
	spell_clear(&en);
}

/* Every printable ASCII character is named in both languages: none falls
 * through to the code point. */
static void
every_symbol_is_named(void **state)
{
	(void)state;
	char ascii[95];
	for (int i = 0; i < 95; i++)
		ascii[i] = (char)(' ' + i);
	for (enum spell_lang lang = SPELL_DE; lang <= SPELL_EN; lang++) {
		struct spell sp = spelled(ascii, sizeof(ascii), lang);
		assert_null(strstr(sp.text, "U+"));
		assert_int_equal(sp.nchars, 95);
		spell_clear(&sp);
	}
	static const struct {
		const char *in, *de, *en;
	} named[] = {
	    {":", "Doppelpunkt", "colon"},
	    {"=", "Gleichheitszeichen", "equals sign"},
	    {".", "Punkt", "dot"},
	    {"-", "Bindestrich", "hyphen"},
	    {" ", "Leerzeichen", "space"},
	    {"~", "Tilde", "tilde"},
	    {"_", "Unterstrich", "underscore"},
	    {"/", "Schrägstrich", "slash"},
	    {"\"", "Anführungszeichen", "double quote"},
	    {",", "Komma", "comma"},
	    {";", "Semikolon", "semicolon"},
	    {"+", "Pluszeichen", "plus sign"},
	    {"%", "Prozentzeichen", "percent sign"},
	    {"{", "geschweifte Klammer auf", "opening curly brace"},
	    {"}", "geschweifte Klammer zu", "closing curly brace"},
	    {"@", "At-Zeichen (Klammeraffe)", "at sign"},
	    {"\\", "umgekehrter Schrägstrich (Backslash)", "backslash"},
	};
	char line[128];
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		/* A space is shown as ␣ (U+2423), so that it can be seen. */
		const char *shown = named[i].in[0] == ' ' ? "\xe2\x90\xa3" : named[i].in;
		struct spell de = spelled(named[i].in, 1, SPELL_DE);
		struct spell en = spelled(named[i].in, 1, SPELL_EN);
		snprintf(line, sizeof(line), "   1  %s   %s", shown, named[i].de);
		assert_true(has_line(de.text, line));
		snprintf(line, sizeof(line), "   1  %s   %s", shown, named[i].en);
		assert_true(has_line(en.text, line));
		spell_clear(&de);
		spell_clear(&en);
	}
}

static void
other_characters_by_code_point(void **state)
{
	(void)state;
	const char *s = "é😀";
	struct spell de = spelled(s, strlen(s), SPELL_DE), en = spelled(s, strlen(s), SPELL_EN);
	assert_true(has_line(de.text, "   1  é   Zeichen U+00E9"));
	/* (its padding depends on the locale's width of the emoji) */
	assert_non_null(strstr(de.text, "  😀 "));
	assert_non_null(strstr(de.text, "   Zeichen U+1F600\n"));
	assert_true(has_line(en.text, "   1  é   character U+00E9"));
	assert_int_equal(de.nchars, 2);
	spell_clear(&de);
	spell_clear(&en);
}

static void
groups_hold_five(void **state)
{
	(void)state;
	struct spell five = spelled("abcde", 5, SPELL_DE);
	assert_true(has_line(five.text, "5 Zeichen in 1 Gruppe"));
	assert_true(has_line(five.text, "Gruppe 1: a b c d e"));
	assert_null(strstr(five.text, "Gruppe 2"));
	assert_int_equal(five.ngroups, 1);
	spell_clear(&five);

	struct spell six = spelled("abcdef", 6, SPELL_DE);
	assert_true(has_line(six.text, "6 Zeichen in 2 Gruppen"));
	assert_true(has_line(six.text, "Gruppe 1: a b c d e"));
	assert_true(has_line(six.text, "Gruppe 2: f"));
	assert_true(has_line(six.text, "   6  f   kleines f wie Frankfurt"));
	spell_clear(&six);

	struct spell one = spelled("x", 1, SPELL_EN);
	assert_true(has_line(one.text, "1 character in 1 group"));
	spell_clear(&one);
	struct spell none = spelled("", 0, SPELL_DE);
	assert_string_equal(none.text, "0 Zeichen in 0 Gruppen\n\n");
	spell_clear(&none);
}

/* TEXT holds no byte below 0x20 but "\n", no DEL, no C1 or other unsafe
 * code point, is valid UTF-8, and no line is wider than 72 columns. */
static void
assert_harmless(const struct spell *sp)
{
	const unsigned char *p = (const unsigned char *)sp->text;
	size_t n = strlen(sp->text);
	while (n) {
		uint32_t cp;
		size_t used = utf8_decode(p, n, &cp);
		assert_true(used > 0);
		assert_true(cp == '\n' || !textsafe_is_unsafe(cp));
		p += used, n -= used;
	}
	for (size_t i = 0; i < sp->nlines; i++) {
		char *line = strndup(sp->lines[i].text, sp->lines[i].len);
		assert_non_null(line);
		assert_true(utf8_columns(line) <= SPELL_MAX_COLUMNS);
		free(line);
	}
}

static void
hostile_input_comes_out_harmless(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t len;
		const char *line; /* one line the German dictation must have */
	} cases[] = {
	    {"\x1b[2J", 4, "   1  \\x1B  Steuerzeichen U+001B"},
	    {"a\x07", 2, "   2  \\x07  Steuerzeichen U+0007"},
	    {"\xc2\x9b" "31m", 5, "   1  \\x9B  Steuerzeichen U+009B"},
	    {"\xff\xfe", 2, "   2  \\xFE  ungültiges Byte 0xFE"},
	    {"\xe2\x80\xae" "x", 4, "   1  \\u{202E}  Steuerzeichen U+202E"},
	    {"a\0b", 3, "   2  \\x00  Steuerzeichen U+0000"},
	    {"\x7f", 1, "   1  \\x7F  Steuerzeichen U+007F"},
	    {"\xed\xa0\x80", 3, "   3  \\x80  ungültiges Byte 0x80"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct spell sp = spelled(cases[i].in, cases[i].len, SPELL_DE);
		assert_harmless(&sp);
		assert_true(has_line(sp.text, cases[i].line));
		spell_clear(&sp);
	}
	struct spell en = spelled("\xff", 1, SPELL_EN);
	assert_true(has_line(en.text, "   1  \\xFF  invalid byte 0xFF"));
	spell_clear(&en);
}

/* 100 000 random bytes: every byte is spelled, nothing unsafe comes out,
 * the numbers stay within 72 columns. */
static void
huge_random_input_comes_out_harmless(void **state)
{
	(void)state;
	enum { N = 100000 };
	unsigned char *in = malloc(N);
	assert_non_null(in);
	unsigned seed = 5009;
	for (size_t i = 0; i < N; i++)
		in[i] = (unsigned char)rand_r(&seed);
	for (enum spell_lang lang = SPELL_DE; lang <= SPELL_EN; lang++) {
		struct spell sp = spelled((const char *)in, N, lang);
		assert_harmless(&sp);
		assert_true(sp.nchars > N / 2 && sp.nchars <= N);
		assert_int_equal(sp.ngroups, (sp.nchars + 4) / 5);
		spell_clear(&sp);
	}
	memset(in, 'x', N);
	struct spell sp = spelled((const char *)in, N, SPELL_DE);
	assert_true(has_line(sp.text, "  100000  x   kleines x wie Xanten"));
	assert_true(has_line(sp.text, "Gruppe 20000: x x x x x"));
	assert_harmless(&sp);
	spell_clear(&sp);
	free(in);
}

static void
language_from_the_locale_word(void **state)
{
	(void)state;
	assert_int_equal(spell_lang_of("en"), SPELL_EN);
	assert_int_equal(spell_lang_of("de"), SPELL_DE);
	assert_int_equal(spell_lang_of(NULL), SPELL_DE);
	assert_int_equal(spell_lang_of("fr"), SPELL_DE);
	spell_clear(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(template_german_is_golden),
		cmocka_unit_test(template_english_is_golden),
		cmocka_unit_test(lines_split_the_text),
		cmocka_unit_test(capitals_are_marked),
		cmocka_unit_test(umlauts_and_eszett_follow_din_5009),
		cmocka_unit_test(every_letter_has_its_word),
		cmocka_unit_test(digits_are_words),
		cmocka_unit_test(every_symbol_is_named),
		cmocka_unit_test(other_characters_by_code_point),
		cmocka_unit_test(groups_hold_five),
		cmocka_unit_test(hostile_input_comes_out_harmless),
		cmocka_unit_test(huge_random_input_comes_out_harmless),
		cmocka_unit_test(language_from_the_locale_word),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
