/* test-namelist.c — the list reader of data/resolvers and data/freemail:
 * comments, fields, line numbers, and lines of any length as one line (a
 * 600- and a 5000-byte line, from text and from a file). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "namelist.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
fields_comments_and_lines(void **state)
{
	(void)state;
	static const char text[] = "# Public resolvers\n"
				   "\n"
				   "Google  8.8.8.8   # a comment\r\n"
				   "\tQuad9\t9.9.9.9\n"
				   "   # only a comment\n"
				   "Alone\n"
				   "Last 1.1.1.1";
	struct namelist l;
	unsigned line = 99;
	assert_int_equal(namelist_parse(text, strlen(text), 2, &l, &line), NAMELIST_OK);
	assert_int_equal(line, 0);
	assert_int_equal(l.count, 4);
	static const struct {
		const char *first, *second;
		unsigned line;
	} want[] = {
		{"Google", "8.8.8.8", 3},
		{"Quad9", "9.9.9.9", 4},
		{"Alone", NULL, 6},
		{"Last", "1.1.1.1", 7},
	};
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(l.entries[i].first, want[i].first);
		if (want[i].second)
			assert_string_equal(l.entries[i].second, want[i].second);
		else
			assert_null(l.entries[i].second);
		assert_int_equal(l.entries[i].line, want[i].line);
	}
	namelist_clear(&l);
	assert_int_equal(l.count, 0);
	namelist_clear(NULL);
}

static void
errors_name_their_line(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t len;
		unsigned fields;
		enum namelist_status want;
		unsigned line;
	} cases[] = {
		{"a 1\nb 2 3\n", 10, 2, NAMELIST_EXTRA_FIELD, 2},
		{"# x\nweb de\n", 11, 1, NAMELIST_EXTRA_FIELD, 2},
		{"a\nb\0c\n", 6, 2, NAMELIST_NUL, 2},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct namelist l;
		unsigned line = 0;
		assert_int_equal(namelist_parse(cases[i].text, cases[i].len, cases[i].fields, &l,
						&line),
				 cases[i].want);
		assert_int_equal(line, cases[i].line);
		assert_int_equal(l.count, 0);
		assert_null(l.entries);
	}
	/* A NUL inside a comment is harmless. */
	struct namelist l;
	unsigned line;
	assert_int_equal(namelist_parse("a # \0\n", 6, 1, &l, &line), NAMELIST_OK);
	assert_int_equal(l.count, 1);
	namelist_clear(&l);

	size_t len = NAMELIST_MAX_BYTES + 1;
	char *big = malloc(len);
	assert_non_null(big);
	memset(big, '#', len);
	assert_int_equal(namelist_parse(big, len, 2, &l, &line), NAMELIST_TOO_BIG);
	assert_int_equal(namelist_parse(big, len - 1, 2, &l, &line), NAMELIST_OK);
	free(big);
	assert_int_equal(namelist_read("/nonexistent/list", 2, &l, &line), NAMELIST_UNREADABLE);
	errno = 0;
	assert_false(namelist_load("/nonexistent/list", &l));
	assert_int_equal(errno, ENOENT);
}

/* The text: a comment line of LEN bytes whose tail looks like an entry, a
 * data line whose second field is LEN bytes, and a last short line. */
static char *
long_lines(size_t len)
{
	size_t size = 2 * len + 64;
	char *t = malloc(size);
	assert_non_null(t);
	size_t o = 0;
	t[o++] = '#';
	memset(t + o, 'x', len - 20);
	o += len - 20;
	o += (size_t)sprintf(t + o, " Evil 192.0.2.66   \n"); /* 19 + newline */
	o += (size_t)sprintf(t + o, "Long ");
	memset(t + o, 'y', len);
	o += len;
	o += (size_t)sprintf(t + o, "\nShort 192.0.2.1\n");
	return t;
}

static void
check_long(const struct namelist *l, size_t len)
{
	assert_int_equal(l->count, 2);
	assert_string_equal(l->entries[0].first, "Long");
	assert_int_equal(strlen(l->entries[0].second), len);
	assert_int_equal(l->entries[0].line, 2);
	assert_string_equal(l->entries[1].first, "Short");
	assert_string_equal(l->entries[1].second, "192.0.2.1");
	assert_int_equal(l->entries[1].line, 3);
}

static void
a_long_line_is_one_line(void **state)
{
	(void)state;
	static const size_t lens[] = {600, 5000};
	for (size_t i = 0; i < 2; i++) {
		char *t = long_lines(lens[i]);
		struct namelist l;
		unsigned line;
		assert_int_equal(namelist_parse(t, strlen(t), 2, &l, &line), NAMELIST_OK);
		check_long(&l, lens[i]);
		namelist_clear(&l);

		/* And from a file, as the programs read it. */
		char path[] = "/tmp/test-namelist.XXXXXX";
		int fd = mkstemp(path);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, t, strlen(t)), (ssize_t)strlen(t));
		close(fd);
		assert_true(namelist_load(path, &l));
		check_long(&l, lens[i]);
		namelist_clear(&l);
		assert_int_equal(namelist_read(path, 2, &l, &line), NAMELIST_OK);
		check_long(&l, lens[i]);
		namelist_clear(&l);
		unlink(path);
		free(t);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields_comments_and_lines),
		cmocka_unit_test(errors_name_their_line),
		cmocka_unit_test(a_long_line_is_one_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
