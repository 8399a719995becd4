/* test-utf8.c — the one width function: screen columns, never bytes, for
 * every kind of text the program shows; and the same text measured as a
 * terminal that is not UTF-8 gets it (transliterated). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "translit.h"
#include "utf8.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The widths are the locale's (wcwidth): a UTF-8 one, which every
 * machine has (C.UTF-8). */
static int
utf8_locale(void **state)
{
	(void)state;
	if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "C.utf8")) {
		fprintf(stderr, "no C.UTF-8 locale\n");
		return -1;
	}
	return 0;
}

static const struct {
	const char *what, *text;
	int columns; /* on a UTF-8 terminal */
	int ascii;   /* transliterated, for a terminal that is not UTF-8 */
} cases[] = {
	{"empty", "", 0, 0},
	{"ASCII", "v=spf1 mx -all", 14, 14},
	{"umlauts", "Prüfung läuft", 13, 15},
	{"sharp s, capital", "Straße \xe1\xba\x9e", 8, 10},
	{"typographic quotes", "„Größe“", 7, 9},
	{"ellipsis", "fertig…", 7, 9},
	{"wide CJK", "日本語", 6, 3},
	{"CJK among ASCII", "a中b", 4, 3},
	{"fullwidth", "\xef\xbc\xa1\xef\xbc\xa2", 4, 2},
	{"emoji", "\xf0\x9f\x98\x80", 2, 1},
	{"combining diaeresis", "u\xcc\x88", 1, 2},
	{"combining acute twice", "e\xcc\x81\xcc\x81x", 2, 4},
	{"zero width space", "a\xe2\x80\x8b" "b", 2, 3},
	{"control: BEL", "a\ab", 3, 3},
	{"control: ESC sequence", "\x1b[2J", 4, 4},
	{"control: DEL", "\x7f", 1, 1},
	{"control: C1 CSI", "\xc2\x9b", 1, 1},
	{"invalid: lone continuation", "a\x80" "b", 3, 3},
	{"invalid: truncated", "ab\xc3", 3, 3},
	{"invalid: overlong", "\xc0\xaf", 2, 2},
	{"invalid: surrogate", "\xed\xa0\x80", 3, 3},
	{"invalid: beyond U+10FFFF", "\xf4\x90\x80\x80", 4, 4},
	{"invalid among umlauts", "ä\xffö", 3, 5},
};

static void
columns(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = utf8_columns(cases[i].text);
		if (got != cases[i].columns)
			fail_msg("%s: %d columns, expected %d", cases[i].what, got, cases[i].columns);
	}
}

/* What output_columns() and ui_columns() do on a terminal that is not
 * UTF-8: measure the transliterated text with the same function. */
static void
columns_transliterated(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *ascii = translit_ascii(cases[i].text);
		assert_non_null(ascii);
		int got = utf8_columns(ascii);
		if (got != cases[i].ascii)
			fail_msg("%s: \"%s\" has %d columns, expected %d", cases[i].what, ascii, got,
				 cases[i].ascii);
		free(ascii);
	}
}

static void
char_columns(void **state)
{
	(void)state;
	static const struct {
		uint32_t cp;
		int columns;
	} chars[] = {
		{'a', 1},     {0xe4, 1},   {0x4e2d, 2}, {0xff21, 2}, {0x1f600, 2},
		{0x0301, 0},  {0x200b, 0}, {0x07, 1},   {0x1b, 1},   {0x7f, 1},
		{0x9b, 1},    {0xad, 1},   {0x2026, 1},
	};
	for (size_t i = 0; i < sizeof(chars) / sizeof(chars[0]); i++)
		if (utf8_char_columns(chars[i].cp) != chars[i].columns)
			fail_msg("U+%04X: %d columns, expected %d", (unsigned)chars[i].cp,
				 utf8_char_columns(chars[i].cp), chars[i].columns);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(columns),
		cmocka_unit_test(columns_transliterated),
		cmocka_unit_test(char_columns),
	};
	return cmocka_run_group_tests(tests, utf8_locale, NULL);
}
