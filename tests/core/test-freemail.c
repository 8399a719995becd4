/* test-freemail.c — the freemail list: comments, case, exact matches only,
 * bad lines with their number, and the shipped data file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "freemail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct freemail_list *
parse(const char *text)
{
	struct freemail_list *list;
	unsigned line;
	assert_int_equal(freemail_parse(text, strlen(text), &list, &line), FREEMAIL_OK);
	return list;
}

static void
comments_blanks_and_case(void **state)
{
	(void)state;
	struct freemail_list *l = parse("# a comment\n\n  GMX.de  # trailing comment\n"
					"web.de.\r\ngmail.com");
	assert_int_equal(freemail_count(l), 3);
	assert_true(freemail_contains(l, "gmx.de"));
	assert_true(freemail_contains(l, "GMAIL.COM"));
	assert_true(freemail_contains(l, "web.de"));
	assert_false(freemail_contains(l, "comment"));
	freemail_free(l);
}

static void
exact_domain_only(void **state)
{
	(void)state;
	struct freemail_list *l = parse("gmx.de\n");
	assert_false(freemail_contains(l, "mail.gmx.de"));
	assert_false(freemail_contains(l, "xgmx.de"));
	assert_false(freemail_contains(l, "gmx.de.example"));
	assert_false(freemail_contains(l, ""));
	assert_false(freemail_contains(NULL, "gmx.de"));
	freemail_free(l);
}

static void
bad_lines_are_reported_with_their_number(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		unsigned line;
	} cases[] = {
		{"gmx.de\nweb de\n", 2},
		{"# x\n\nlocalhost\n", 3},
		{"a..de\n", 1},
		{"gmx.de\n.web.de\n", 2},
		{"müller.de\n", 1},
		{"gmx.de\n-web.de\n", 2},
		{"gmx.de\n\nweb.de # x\nweb.de gmx.de\n", 4},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct freemail_list *l = (void *)1;
		unsigned line = 0;
		assert_int_equal(freemail_parse(cases[i].text, strlen(cases[i].text), &l, &line),
				 FREEMAIL_BAD_LINE);
		assert_null(l);
		assert_int_equal(line, cases[i].line);
	}
}

/* A line of any length is one line: a long domain is a bad line with its
 * own number, and a long comment hides everything up to its newline. */
static void
long_lines(void **state)
{
	(void)state;
	static const size_t lens[] = {600, 5000};
	for (size_t i = 0; i < 2; i++) {
		size_t len = lens[i];
		char *t = malloc(len + 64);
		assert_non_null(t);
		struct freemail_list *l = (void *)1;
		unsigned line = 0;

		memset(t, 'a', len - 3);
		strcpy(t + len - 3, ".de\ngmx.de\n");
		memcpy(t, "gmx.de\n", 7);
		assert_int_equal(freemail_parse(t, strlen(t), &l, &line), FREEMAIL_BAD_LINE);
		assert_null(l);
		assert_int_equal(line, 2);

		t[0] = '#';
		memset(t + 1, 'x', len - 9);
		strcpy(t + len - 8, " evil.de\nweb.de\n");
		char path[] = "/tmp/test-freemail.XXXXXX";
		int fd = mkstemp(path);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, t, strlen(t)), (ssize_t)strlen(t));
		close(fd);
		assert_int_equal(freemail_load(path, &l, &line), FREEMAIL_OK);
		assert_int_equal(freemail_count(l), 1);
		assert_true(freemail_contains(l, "web.de"));
		assert_false(freemail_contains(l, "evil.de"));
		freemail_free(l);
		unlink(path);
		free(t);
	}
}

static void
too_big_and_missing(void **state)
{
	(void)state;
	struct freemail_list *l;
	unsigned line;
	size_t len = FREEMAIL_MAX_BYTES + 1;
	char *big = malloc(len);
	assert_non_null(big);
	memset(big, '#', len);
	assert_int_equal(freemail_parse(big, len, &l, &line), FREEMAIL_TOO_BIG);
	free(big);
	assert_int_equal(freemail_load("/nonexistent/freemail", &l, &line), FREEMAIL_UNREADABLE);
	assert_null(l);
	freemail_free(NULL);
}

static void
shipped_list(void **state)
{
	(void)state;
	const char *dir = getenv("FLICONO_MAILSETUP_DATADIR");
	char path[4096];
	struct freemail_list *l;
	unsigned line;
	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/freemail", dir);
	assert_int_equal(freemail_load(path, &l, &line), FREEMAIL_OK);
	static const char *const must[] = {
		"gmx.de", "gmx.net", "web.de", "gmail.com", "googlemail.com", "t-online.de",
		"outlook.com", "outlook.de", "hotmail.com", "hotmail.de", "live.com", "yahoo.com",
		"yahoo.de", "icloud.com", "me.com", "aol.com", "freenet.de", "posteo.de",
		"mailbox.org", "gmx.at", "gmx.ch",
	};
	for (size_t i = 0; i < sizeof(must) / sizeof(must[0]); i++)
		assert_true(freemail_contains(l, must[i]));
	assert_false(freemail_contains(l, "beispiel-firma.de"));
	assert_false(freemail_contains(l, "flicono.net"));
	freemail_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(comments_blanks_and_case),
		cmocka_unit_test(exact_domain_only),
		cmocka_unit_test(bad_lines_are_reported_with_their_number),
		cmocka_unit_test(long_lines),
		cmocka_unit_test(too_big_and_missing),
		cmocka_unit_test(shipped_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
