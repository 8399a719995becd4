/* test-textsafe.c — hostile text made visible and harmless; UTF-8 and
 * transliteration, which it stands on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "textsafe.h"
#include "translit.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *in;
	size_t len;
	const char *out;
} cases[] = {
	{"v=spf1 -all", 11, "v=spf1 -all"},
	{"a\rb\bc", 5, "a\\x0Db\\x08c"},
	{"\x1b[2J", 4, "\\x1B[2J"},
	{"\x1b]0;pwned\x07", 10, "\\x1B]0;pwned\\x07"},
	{"x\0y", 3, "x\\x00y"},
	{"\xc2\x9b" "31m", 5, "\\x9B31m"},                 /* C1 CSI */
	{"abc\xe2\x80\xae" "cba", 9, "abc\\u{202E}cba"},    /* bidi override */
	{"a\xe2\x80\x8b" "b", 5, "a\\u{200B}b"},            /* zero width space */
	{"\xef\xbb\xbf" "v", 4, "\\u{FEFF}v"},              /* BOM */
	{"m\xfcller", 6, "m\\xFCller"},                     /* Latin-1 */
	{"\xe2\x80", 2, "\\xE2\\x80"},                      /* truncated */
	{"\xed\xa0\x80", 3, "\\xED\\xA0\\x80"},             /* surrogate */
	{"back\\slash", 10, "back\\\\slash"},
	{"müller ✓", 11, "müller ✓"},
};

static void
escapes_what_terminals_execute(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out = textsafe_escape(cases[i].in, cases[i].len, 0);
		assert_string_equal(out, cases[i].out);
		free(out);
	}
}

static void
caps_length_at_a_character_boundary(void **state)
{
	(void)state;
	char *out = textsafe_escape("äöüäöü", 12, 10);
	/* 2 umlauts (4 bytes) + … (3 bytes) fit in 10; a third would not. */
	assert_string_equal(out, "äöü…");
	free(out);
	out = textsafe_escape("\x1b\x1b\x1b", 3, 9);
	assert_string_equal(out, "\\x1B…");
	free(out);
	/* What fits is not cut, even within 3 bytes of the limit. */
	out = textsafe_escape("ab", 2, 3);
	assert_string_equal(out, "ab");
	free(out);
	out = textsafe_escape("abcd", 4, 4);
	assert_string_equal(out, "abcd");
	free(out);
	/* A limit below the ellipsis: cut without it, never longer. */
	out = textsafe_escape("abcd", 4, 2);
	assert_string_equal(out, "ab");
	free(out);
}

/* Random byte strings: nothing unsafe ever comes out. */
static void
random_bytes_come_out_safe(void **state)
{
	(void)state;
	unsigned seed = 12345;
	unsigned char in[64];
	for (int round = 0; round < 20000; round++) {
		size_t len = (size_t)(rand_r(&seed) % (int)sizeof(in));
		for (size_t i = 0; i < len; i++)
			in[i] = (unsigned char)rand_r(&seed);
		char *out = textsafe_escape(in, len, 0);
		const unsigned char *p = (const unsigned char *)out;
		size_t n = strlen(out);
		while (n) {
			uint32_t cp;
			size_t used = utf8_decode(p, n, &cp);
			assert_true(used > 0);
			assert_false(textsafe_is_unsafe(cp));
			p += used, n -= used;
		}
		free(out);
	}
}

static void
transliterates_umlauts(void **state)
{
	(void)state;
	char *out = translit_ascii("Prüfung läuft: „Größe“ – fertig…");
	assert_string_equal(out, "Pruefung laeuft: \"Groesse\" - fertig...");
	free(out);
	out = translit_ascii("日本\xff");
	assert_string_equal(out, "???");
	free(out);
}

static void
utf8_is_strict(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(utf8_decode((const unsigned char *)"\xc3\xbc", 2, &cp), 2);
	assert_int_equal(cp, 0xfc);
	assert_int_equal(utf8_decode((const unsigned char *)"\xc1\xbf", 2, &cp), 0);     /* overlong */
	assert_int_equal(utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp), 0);
	assert_int_equal(utf8_decode((const unsigned char *)"\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	char buf[4];
	assert_int_equal(utf8_put(0x1f600, buf), 4);
	assert_memory_equal(buf, "\xf0\x9f\x98\x80", 4);
	assert_true(utf8_valid("müller"));
	assert_false(utf8_valid("m\xfcller"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_what_terminals_execute),
		cmocka_unit_test(caps_length_at_a_character_boundary),
		cmocka_unit_test(random_bytes_come_out_safe),
		cmocka_unit_test(transliterates_umlauts),
		cmocka_unit_test(utf8_is_strict),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
