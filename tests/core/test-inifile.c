/* test-inifile.c — the one INI loader through both of its users: every
 * kind of problem, from the profile and from the provider list, and the one
 * message each gets. Where both files can have the same fault, both bodies
 * are here and the message is the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "inifile.h"
#include "profile.h"
#include "provider.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const good_profile =
	"[sender]\nname = Flicono\ndomain = flicono.net\n"
	"[spf]\nmerge = ip4:148.251.195.107\ntemplate = v=spf1 mx -all\nttl = 3600\n"
	"[alias]\nsummary = s\nstep = a\nrecipients = r\nreplies = p\n"
	"[alias.en]\nsummary = s\nstep = a\nrecipients = r\nreplies = p\n";

/* A line of N bytes: "name = xxx…". */
static const char *
long_line(size_t n)
{
	static char line[512];
	memset(line, 'x', n);
	memcpy(line, "name = ", 7);
	line[n] = '\0';
	return line;
}

static char *
write_file(const char *body)
{
	char *path = strdup("/tmp/test-inifile-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, body, strlen(body)), (ssize_t)strlen(body));
	close(fd);
	return path;
}

/* Loads BODY (NULL: PATH as it is) with the profile's or the provider
 * list's loader; the problem's message, "%s" standing for the path. */
static bool
load(enum inifile_kind kind, const char *body, const char *path, struct inifile_problem *pr,
     char *msg, size_t size)
{
	char *tmp = body ? write_file(body) : NULL;
	const char *at = tmp ? tmp : path;
	bool ok;
	if (kind == INIFILE_PROFILE) {
		struct profile p;
		ok = profile_load(at, &p, pr);
		profile_clear(&p);
	} else {
		struct provider_list list;
		ok = provider_load(at, &list, pr);
		provider_list_clear(&list);
	}
	assert_ptr_equal(pr->path, at);
	assert_int_equal(pr->kind, kind);
	char text[512];
	inifile_problem_message(pr, text, sizeof(text));
	/* The path back to "%s", wherever it stands. */
	const char *hole = strstr(text, at);
	if (hole)
		snprintf(msg, size, "%.*s%%s%s", (int)(hole - text), text, hole + strlen(at));
	else
		snprintf(msg, size, "%s", text);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	return ok;
}

struct row {
	enum inifile_error error;
	const char *profile;   /* a profile with this fault; NULL: it cannot have it */
	const char *providers; /* a provider list with it; NULL: it cannot have it */
	unsigned line;         /* the same in both */
	const char *message;   /* the same from both loaders ("%s": the path) */
	const char *other;     /* where the profile's message differs: the provider list's */
	unsigned other_line;   /* and its line */
};

static void
every_kind_of_problem(void **state)
{
	(void)state;
	char too_long[600];
	snprintf(too_long, sizeof(too_long), "[sender]\n%s\n", long_line(200));
	const struct row rows[] = {
		{INIFILE_OK, good_profile, "[sender]\nname = A\n", 0, "", NULL, 0},
		{INIFILE_SYNTAX, "[sender]\nname A\n", "[sender]\nname A\n", 2,
		 "%s, Zeile 2: Diese Zeile ist weder [Abschnitt] noch Schlüssel = Wert.", NULL, 0},
		{INIFILE_SYNTAX, "[sender]\nname = A\n[spf\n", "[sender]\nname = A\n[spf\n", 3,
		 "%s, Zeile 3: Diese Zeile ist weder [Abschnitt] noch Schlüssel = Wert.", NULL, 0},
		{INIFILE_LINE_TOO_LONG, too_long, too_long, 2,
		 "%s, Zeile 2: Die Zeile ist zu lang (höchstens 199 Bytes).", NULL, 0},
		{INIFILE_KEY_OUTSIDE, "name = A\n[sender]\n", "name = A\n[sender]\n", 1,
		 "%s, Zeile 1: „name“ steht vor dem ersten [Abschnitt].", NULL, 0},
		{INIFILE_UNKNOWN_SECTION, "[sender]\nname = A\n[senders]\nname = B\n", NULL, 4,
		 "%s, Zeile 4: unbekannter Abschnitt [senders].", NULL, 0},
		{INIFILE_BAD_ID, NULL, "[Sender]\nname = A\n", 1,
		 "%s, Zeile 1: [Sender] ist kein Anbieterkürzel (nur a-z, 0-9 und „-“, höchstens 31).",
		 NULL, 0},
		{INIFILE_DUPLICATE_SECTION, NULL, "[sender]\nname = A\n[sender]\nname = B\n", 3,
		 "%s, Zeile 3: Den Anbieter [sender] gibt es schon weiter oben.", NULL, 0},
		{INIFILE_UNKNOWN_KEY, "[sender]\nnam = A\n", "[sender]\nnam = A\n", 2,
		 "%s, Zeile 2: unbekannter Schlüssel „nam“ in [sender].", NULL, 0},
		{INIFILE_DUPLICATE_KEY, "[sender]\nname = A\nname = B\n",
		 "[sender]\nname = A\nname = B\n", 3,
		 "%s, Zeile 3: „name“ steht in [sender] mehr als einmal.", NULL, 0},
		{INIFILE_BAD_VALUE, "[sender]\nname =\n", "[sender]\nname =\n", 2,
		 "%s, Zeile 2: ungültiger Wert für „name“ in [sender].", NULL, 0},
		{INIFILE_TOO_MANY,
		 "[alias]\nstep = 1\nstep = 2\nstep = 3\nstep = 4\nstep = 5\nstep = 6\nstep = 7\n"
		 "step = 8\nstep = 9\n",
		 "[alias]\nname = A\npath_de = 1 > 2 > 3 > 4 > 5 > 6 > 7 > 8 > 9 > 10 > 11 > 12\n"
		 "path_de = 13\n",
		 10, "%s, Zeile 10: zu viele Einträge „step“ in [alias].",
		 "%s, Zeile 4: zu viele Einträge „path_de“ in [alias].", 4},
		/* The profile's required keys have no line; a provider's are
		 * missing from the section that begins on its line. */
		{INIFILE_MISSING_KEY, "[sender]\nname = A\n", "[sender]\nform = line\n", 0,
		 "%s: In [sender] fehlt der Schlüssel „domain“.",
		 "%s, Zeile 1: In [sender] fehlt der Schlüssel „name“.", 1},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		for (int k = 0; k < 2; k++) {
			enum inifile_kind kind = k ? INIFILE_PROVIDERS : INIFILE_PROFILE;
			const char *body = k ? r->providers : r->profile;
			const char *expect = k && r->other ? r->other : r->message;
			unsigned line = k && r->other ? r->other_line : r->line;
			struct inifile_problem pr;
			char msg[600];
			if (!body)
				continue;
			bool ok = load(kind, body, NULL, &pr, msg, sizeof(msg));
			if (ok != (r->error == INIFILE_OK) || pr.error != r->error ||
			    pr.line != line || strcmp(msg, expect) != 0)
				fail_msg("row %zu, %s: error %d line %u \"%s\"; expected %d line %u \"%s\"",
					 i, k ? "providers" : "profile", pr.error, pr.line, msg,
					 r->error, line, expect);
		}
	}
}

/* The problems that are not in the file's text: the file itself. */
static void
the_file_itself(void **state)
{
	(void)state;
	static const struct {
		enum inifile_kind kind;
		bool directory; /* a directory: it opens, but reading fails */
		enum inifile_error error;
		const char *message;
	} rows[] = {
		{INIFILE_PROFILE, false, INIFILE_NOT_FOUND, "Die Profildatei %s gibt es nicht."},
		{INIFILE_PROVIDERS, false, INIFILE_NOT_FOUND, "Die Anbieterliste %s gibt es nicht."},
		{INIFILE_PROFILE, true, INIFILE_UNREADABLE,
		 "Die Profildatei %s lässt sich nicht lesen."},
		{INIFILE_PROVIDERS, true, INIFILE_UNREADABLE,
		 "Die Anbieterliste %s lässt sich nicht lesen."},
	};
	char dir[] = "/tmp/test-inifile-dir-XXXXXX";
	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct inifile_problem pr;
		char msg[600];
		const char *path = rows[i].directory ? dir : "/nonexistent/test-inifile";
		assert_false(load(rows[i].kind, NULL, path, &pr, msg, sizeof(msg)));
		assert_int_equal(pr.error, rows[i].error);
		assert_int_equal(pr.line, 0);
		assert_string_equal(msg, rows[i].message);
	}
	rmdir(dir);
}

/* Every kind has a message of its own, and no message is empty (but OK's). */
static void
one_message_per_kind(void **state)
{
	(void)state;
	char seen[INIFILE_NO_MEMORY + 1][600];
	for (int e = INIFILE_OK; e <= INIFILE_NO_MEMORY; e++) {
		struct inifile_problem pr = {(enum inifile_error)e, INIFILE_PROFILE, "f", 2, "s",
					     "k"};
		inifile_problem_message(&pr, seen[e], sizeof(seen[e]));
		if ((seen[e][0] == '\0') != (e == INIFILE_OK))
			fail_msg("error %d: \"%s\"", e, seen[e]);
		for (int o = INIFILE_OK; o < e; o++)
			if (strcmp(seen[o], seen[e]) == 0)
				fail_msg("errors %d and %d: the same message \"%s\"", o, e, seen[e]);
	}
	struct inifile_problem pr = {INIFILE_NO_MEMORY, INIFILE_PROVIDERS, "f", 0, "", ""};
	assert_string_equal(inifile_problem_message(&pr, seen[0], sizeof(seen[0])),
			    "Nicht genug Arbeitsspeicher.");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_kind_of_problem),
		cmocka_unit_test(the_file_itself),
		cmocka_unit_test(one_message_per_kind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
