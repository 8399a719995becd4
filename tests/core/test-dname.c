/* test-dname.c — the one domain-name check: label and name lengths at their
 * limits, empty labels, the character rules of each flag, where a fault is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dname.h"

#include <stdio.h>
#include <string.h>

enum { ANY = 0, WIRE = DNAME_ROOT_DOT | DNAME_PRINTABLE, HOST = DNAME_LDH | DNAME_MULTI_LABEL };

static const struct {
	const char *name;
	unsigned flags;
	enum dname_status want;
	size_t offset; /* of the fault */
} cases[] = {
	{"beispiel-firma.de", HOST, DNAME_OK, 0},
	{"xn--mller-bau-q9a.de", HOST, DNAME_OK, 0},
	{"A1.B-2.DE", HOST, DNAME_OK, 0},
	{"", ANY, DNAME_EMPTY, 0},
	{".", WIRE, DNAME_EMPTY, 0},
	{"de.", WIRE, DNAME_OK, 0},
	{"de.", ANY, DNAME_EMPTY_LABEL, 3},
	{"de..", WIRE, DNAME_EMPTY_LABEL, 3},
	{"a..de", ANY, DNAME_EMPTY_LABEL, 2},
	{".de", HOST, DNAME_EMPTY_LABEL, 0},
	/* DNS takes any octet; what we ask must be printable; hosts are LDH. */
	{"_dmarc.firma.de", WIRE, DNAME_OK, 0},
	{"_dmarc.firma.de", HOST, DNAME_BAD_CHAR, 0},
	{"a b.de", ANY, DNAME_OK, 0},
	{"a b.de", WIRE, DNAME_BAD_CHAR, 1},
	{"tab\t.de", WIRE, DNAME_BAD_CHAR, 3},
	{"m\xc3\xbcller.de", WIRE, DNAME_BAD_CHAR, 1},
	{"m\xc3\xbcller.de", HOST, DNAME_BAD_CHAR, 1},
	{"m\xc3\xbcller.de", HOST | DNAME_UTF8, DNAME_OK, 0},
	{"firma.de/x", HOST, DNAME_BAD_CHAR, 8},
	{"-firma.de", HOST, DNAME_HYPHEN, 0},
	{"firma-.de", HOST, DNAME_HYPHEN, 0},
	{"x.-m\xc3\xbc.de", HOST | DNAME_UTF8, DNAME_HYPHEN, 2},
	{"-firma.de", WIRE, DNAME_OK, 0},
	{"localhost", HOST, DNAME_SINGLE_LABEL, 0},
	{"localhost", DNAME_LDH, DNAME_OK, 0},
	{"de.", DNAME_ROOT_DOT | HOST, DNAME_SINGLE_LABEL, 0},
};

static void
table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct dname_fault f = {99, 99};
		enum dname_status st =
			dname_check(cases[i].name, strlen(cases[i].name), cases[i].flags, &f);
		if (st != cases[i].want || (st != DNAME_OK && f.offset != cases[i].offset))
			fail_msg("'%s' (flags %u): status %d at %zu, expected %d at %zu",
				 cases[i].name, cases[i].flags, st, f.offset, cases[i].want,
				 cases[i].offset);
	}
}

/* NAME gets LABELS labels of LEN octets each (the last one SHORTER). */
static size_t
make(char *name, size_t labels, size_t len, size_t last)
{
	size_t o = 0;
	for (size_t l = 0; l < labels; l++) {
		size_t n = l + 1 == labels ? last : len;
		memset(name + o, 'a' + (int)(l % 26), n);
		o += n;
		if (l + 1 < labels)
			name[o++] = '.';
	}
	name[o] = '\0';
	return o;
}

static void
lengths_at_their_limits(void **state)
{
	(void)state;
	char name[600];
	struct dname_fault f;
	for (unsigned flags = 0; flags <= DNAME_LDH; flags += DNAME_PRINTABLE) {
		assert_int_equal(dname_check(name, make(name, 2, 63, 2), flags, NULL), DNAME_OK);
		assert_int_equal(dname_check(name, make(name, 2, 2, 64), flags, &f),
				 DNAME_LABEL_TOO_LONG);
		assert_int_equal(f.offset, 3);
		assert_int_equal(f.len, 64);
		/* 4 × 63 + 3 dots = 255; the last label 61 gives 253. */
		assert_int_equal(dname_check(name, make(name, 4, 63, 61), flags, NULL), DNAME_OK);
		assert_int_equal(dname_check(name, make(name, 4, 63, 62), flags, NULL),
				 DNAME_TOO_LONG);
		/* The root's dot is not counted. */
		size_t n = make(name, 4, 63, 61);
		strcpy(name + n, ".");
		assert_int_equal(dname_check(name, n + 1, flags | DNAME_ROOT_DOT, NULL), DNAME_OK);
	}
	/* U-labels: lengths count in the A-label form, not here. */
	memset(name, 'a', 70);
	strcpy(name + 70, "\xc3\xbc.de");
	assert_int_equal(dname_check(name, strlen(name), DNAME_LDH, NULL), DNAME_BAD_CHAR);
	assert_int_equal(dname_check(name, strlen(name), DNAME_LDH | DNAME_UTF8, NULL), DNAME_OK);
	name[1] = '\0'; /* NUL inside the name: never a label octet */
	assert_int_equal(dname_check(name, strlen(name + 2) + 2, ANY, &f), DNAME_BAD_CHAR);
	assert_int_equal(f.offset, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table),
		cmocka_unit_test(lengths_at_their_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
