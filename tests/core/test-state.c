/* test-state.c — the open checks: where they live, round trip, atomic and
 * private files, corrupt and oversized files set aside, list operations,
 * changes under the lock by concurrent writers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "state.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char root[256];

static int
setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/test-state.XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static struct state_entry
entry(const char *domain, enum entry_form form, bool ttl, time_t started)
{
	struct state_entry e = {.form = form, .with_ttl = ttl, .started = started};
	snprintf(e.domain, sizeof(e.domain), "%s", domain);
	snprintf(e.input, sizeof(e.input), "info@%s", domain);
	return e;
}

static void
directory_from_the_environment(void **state)
{
	(void)state;
	char buf[PATH_MAX];
	assert_true(state_dir("/x/state", "/home/u", buf, sizeof(buf)));
	assert_string_equal(buf, "/x/state/flicono-mailsetup");
	/* A relative XDG_STATE_HOME is invalid (XDG spec): HOME decides. */
	assert_true(state_dir("rel/state", "/home/u", buf, sizeof(buf)));
	assert_string_equal(buf, "/home/u/.local/state/flicono-mailsetup");
	assert_true(state_dir("", "/home/u", buf, sizeof(buf)));
	assert_string_equal(buf, "/home/u/.local/state/flicono-mailsetup");
	assert_false(state_dir(NULL, NULL, buf, sizeof(buf)));
	assert_false(state_dir("rel", "also-rel", buf, sizeof(buf)));
	assert_false(state_dir("/x", NULL, buf, 5));
}

/* The worldwide bound goes into three more fields; a line of five (an
 * older file, or a case no check has seen finish) still parses. */
static void
bound_round_trips_and_old_lines_still_parse(void **state)
{
	(void)state;
	struct state_entry e[2] = {entry("a.de", ENTRY_FORM_LINE, true, 100),
				   entry("b.de", ENTRY_FORM_FIELDS, false, 200)};
	e[0].bound = (struct cache_bound){.all_since = 1765000000, .ttl = 86400, .has_ttl = true,
					  .old_seen = true};
	e[1].bound = (struct cache_bound){.all_since = 1765000100, .ttl = 300, .has_ttl = true};
	struct state_list list = {.entries = e, .n = 2}, back;
	char *text = state_format(&list);
	assert_non_null(text);
	assert_non_null(strstr(text, "a.de\tline\tttl\t100\tinfo@a.de\t1765000000\t86400\told\n"));
	assert_non_null(strstr(text, "\t1765000100\t300\testimate\n"));
	bool nomem;
	assert_true(state_parse(text, strlen(text), &back, &nomem));
	assert_int_equal(back.n, 2);
	assert_int_equal(back.entries[0].bound.all_since, 1765000000);
	assert_int_equal(back.entries[0].bound.ttl, 86400);
	assert_true(back.entries[0].bound.old_seen && back.entries[0].bound.has_ttl);
	assert_false(back.entries[1].bound.old_seen);
	assert_int_equal(back.entries[1].bound.ttl, 300);
	state_list_clear(&back);
	free(text);
	static const char old[] = "# flicono-mailsetup open checks v1\nc.de\tline\tttl\t5\tinfo@c.de\n";
	assert_true(state_parse(old, strlen(old), &back, &nomem));
	assert_false(back.entries[0].bound.has_ttl);
	state_list_clear(&back);
	/* Six or seven fields, or a word other than old|estimate: not ours. */
	static const char *const bad[] = {
		"# flicono-mailsetup open checks v1\nc.de\tline\tttl\t5\tinfo@c.de\t1\n",
		"# flicono-mailsetup open checks v1\nc.de\tline\tttl\t5\tinfo@c.de\t1\t2\n",
		"# flicono-mailsetup open checks v1\nc.de\tline\tttl\t5\tinfo@c.de\t1\t2\tneu\n",
		"# flicono-mailsetup open checks v1\nc.de\tline\tttl\t5\tinfo@c.de\t1\t-2\told\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(state_parse(bad[i], strlen(bad[i]), &back, &nomem));
	/* A TTL past 2^31 - 1 (RFC 2181 8) is not ours. */
	static const char big[] =
	    "# flicono-mailsetup open checks v1\nc.de\tline\tttl\t5\tinfo@c.de\t1\t2147483648\told\n";
	assert_false(state_parse(big, strlen(big), &back, &nomem));
	/* The bound goes to the check that saw it: not to one begun anew. */
	struct state_entry f[1] = {entry("a.de", ENTRY_FORM_LINE, true, 100)};
	struct state_list one = {.entries = f, .n = 1};
	struct state_bound other = {.domain = "a.de", .started = 99,
				    .bound = {.all_since = 7, .ttl = 8, .has_ttl = true}};
	assert_int_equal(state_take_bound(&one, &other), 0);
	assert_false(f[0].bound.has_ttl);
	other.started = 100;
	assert_int_equal(state_take_bound(&one, &other), 1);
	assert_int_equal(f[0].bound.ttl, 8);
	assert_int_equal(state_take_bound(&one, &other), 0); /* unchanged: not saved again */
}

static void
round_trip_private_and_atomic(void **state)
{
	(void)state;
	char dir[PATH_MAX], path[PATH_MAX + 16];
	snprintf(dir, sizeof(dir), "%s/a/b/flicono-mailsetup", root);
	struct state_list list = {0};
	struct state_entry e1 = entry("ohne-spf.de", ENTRY_FORM_LINE, true, 1700000000);
	struct state_entry e2 = entry("xn--mller-bau-q9a.de", ENTRY_FORM_FIELDS, false, 1700000100);
	snprintf(e2.input, sizeof(e2.input), "info@müller-bau.de");
	assert_true(state_put(&list, &e1));
	assert_true(state_put(&list, &e2));
	assert_int_equal(state_save(dir, &list), STATE_OK);

	struct stat st;
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	snprintf(path, sizeof(path), "%s/open-checks", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* No temp file is left behind. */
	DIR *d = opendir(dir);
	struct dirent *de;
	int files = 0;
	while ((de = readdir(d)))
		files += de->d_name[0] != '.';
	closedir(d);
	assert_int_equal(files, 1);

	struct state_list back;
	char aside[PATH_MAX];
	assert_int_equal(state_load(dir, &back, aside, sizeof(aside)), STATE_OK);
	assert_int_equal(back.n, 2);
	/* Newest first. */
	assert_string_equal(back.entries[0].domain, "xn--mller-bau-q9a.de");
	assert_string_equal(back.entries[0].input, "info@müller-bau.de");
	assert_int_equal(back.entries[0].form, ENTRY_FORM_FIELDS);
	assert_false(back.entries[0].with_ttl);
	assert_int_equal(back.entries[0].started, 1700000100);
	assert_string_equal(back.entries[1].domain, "ohne-spf.de");
	assert_true(back.entries[1].with_ttl);
	state_list_clear(&back);

	/* A propagated domain leaves the list; an empty list leaves no file. */
	assert_true(state_remove(&list, "ohne-spf.de"));
	assert_false(state_remove(&list, "ohne-spf.de"));
	assert_true(state_remove(&list, "xn--mller-bau-q9a.de"));
	assert_int_equal(state_save(dir, &list), STATE_OK);
	assert_int_not_equal(stat(path, &st), 0);
	assert_int_equal(state_load(dir, &back, aside, sizeof(aside)), STATE_OK);
	assert_int_equal(back.n, 0);
	state_list_clear(&list);
	state_list_clear(NULL);
}

static void
put_replaces_and_caps(void **state)
{
	(void)state;
	struct state_list list = {0};
	struct state_entry e = entry("a.de", ENTRY_FORM_LINE, true, 1);
	assert_true(state_put(&list, &e));
	e = entry("b.de", ENTRY_FORM_LINE, true, 2);
	assert_true(state_put(&list, &e));
	e = entry("a.de", ENTRY_FORM_FIELDS, false, 3);
	assert_true(state_put(&list, &e));
	assert_int_equal(list.n, 2);
	assert_string_equal(list.entries[0].domain, "a.de");
	assert_int_equal(list.entries[0].form, ENTRY_FORM_FIELDS);
	assert_non_null(state_find(&list, "b.de"));
	assert_null(state_find(&list, "c.de"));
	for (int i = 0; i < STATE_MAX_ENTRIES + 5; i++) {
		char name[32];
		snprintf(name, sizeof(name), "d%d.de", i);
		e = entry(name, ENTRY_FORM_LINE, true, 10 + i);
		assert_true(state_put(&list, &e));
	}
	assert_int_equal(list.n, STATE_MAX_ENTRIES);
	assert_string_equal(list.entries[0].domain, "d54.de");
	state_list_clear(&list);
}

static void
write_file(const char *dir, const char *text, size_t len)
{
	char path[PATH_MAX + 16];
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/open-checks", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

static void
corrupt_files_are_set_aside(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"garbage\n",
		"# flicono-mailsetup open checks v1\nohne-spf.de\tline\tttl\n",
		"# flicono-mailsetup open checks v1\nohne-spf.de\tcircle\tttl\t1\tx\n",
		"# flicono-mailsetup open checks v1\nohne-spf.de\tline\tttl\tsoon\tx\n",
		"# flicono-mailsetup open checks v1\nOHNE SPF\tline\tttl\t1\tx\n",
		"# flicono-mailsetup open checks v1\nohne-spf.de\tline\tttl\t1\t\x1b[2J\n",
		"# flicono-mailsetup open checks v1\nohne-spf.de\tline\tttl\t1\tcut",
	};
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s/corrupt", root);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct state_list list;
		char aside[PATH_MAX];
		write_file(dir, bad[i], strlen(bad[i]));
		assert_int_equal(state_load(dir, &list, aside, sizeof(aside)), STATE_SET_ASIDE);
		assert_int_equal(list.n, 0);
		assert_non_null(strstr(aside, "/open-checks.corrupt-"));
		struct stat st;
		assert_int_equal(stat(aside, &st), 0);
		unlink(aside);
		/* The next load finds nothing and is fine. */
		assert_int_equal(state_load(dir, &list, aside, sizeof(aside)), STATE_OK);
	}
	/* Oversized, even when it starts well. */
	size_t len = STATE_MAX_BYTES + 10;
	char *big = malloc(len);
	assert_non_null(big);
	memset(big, '\n', len);
	memcpy(big, "# flicono-mailsetup open checks v1\n", 35);
	write_file(dir, big, len);
	free(big);
	struct state_list list;
	char aside[PATH_MAX];
	assert_int_equal(state_load(dir, &list, aside, sizeof(aside)), STATE_SET_ASIDE);
	assert_int_equal(list.n, 0);
}

static void
save_fails_cleanly_on_an_unwritable_place(void **state)
{
	(void)state;
	char file[PATH_MAX], dir[PATH_MAX + 8];
	snprintf(file, sizeof(file), "%s/plainfile", root);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	/* A path through a regular file cannot become a directory. */
	snprintf(dir, sizeof(dir), "%s/sub", file);
	struct state_list list = {0};
	struct state_entry e = entry("a.de", ENTRY_FORM_LINE, true, 1);
	assert_true(state_put(&list, &e));
	assert_int_equal(state_save(dir, &list), STATE_IO);
	state_list_clear(&list);
}

static int
put_change(struct state_list *list, void *e)
{
	return state_put(list, e) ? 1 : -1;
}

static int
remove_change(struct state_list *list, void *domain)
{
	return state_remove(list, domain) ? 1 : 0;
}

/* state_update changes the list on disk as it is then, not a copy read
 * earlier: what another writer saved meanwhile stays. */
static void
update_works_on_the_list_on_disk(void **state)
{
	(void)state;
	char dir[PATH_MAX], aside[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s/update", root);
	struct state_list list = {0}, out;
	struct state_entry a = entry("a.de", ENTRY_FORM_LINE, true, 1);
	struct state_entry b = entry("b.de", ENTRY_FORM_FIELDS, false, 2);
	assert_true(state_put(&list, &a));
	assert_int_equal(state_save(dir, &list), STATE_OK);
	state_list_clear(&list);

	assert_int_equal(state_update(dir, put_change, &b, &out, aside, sizeof(aside)), STATE_OK);
	assert_int_equal(out.n, 2);
	assert_string_equal(out.entries[0].domain, "b.de");
	assert_string_equal(out.entries[1].domain, "a.de");
	state_list_clear(&out);
	assert_int_equal(state_load(dir, &list, aside, sizeof(aside)), STATE_OK);
	assert_int_equal(list.n, 2);
	state_list_clear(&list);

	/* Nothing to remove: nothing saved, the list as it is. */
	assert_int_equal(state_update(dir, remove_change, "c.de", &out, aside, sizeof(aside)),
			 STATE_OK);
	assert_int_equal(out.n, 2);
	state_list_clear(&out);
	assert_int_equal(state_update(dir, remove_change, "a.de", &out, aside, sizeof(aside)),
			 STATE_OK);
	assert_int_equal(out.n, 1);
	state_list_clear(&out);
	assert_int_equal(state_load(dir, &list, aside, sizeof(aside)), STATE_OK);
	assert_int_equal(list.n, 1);
	assert_string_equal(list.entries[0].domain, "b.de");
	state_list_clear(&list);

	/* An unwritable place: STATE_IO, and *out empty. */
	char file[PATH_MAX], bad[PATH_MAX + 8];
	snprintf(file, sizeof(file), "%s/plain", root);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(bad, sizeof(bad), "%s/sub", file);
	assert_int_equal(state_update(bad, put_change, &a, &out, aside, sizeof(aside)), STATE_IO);
	assert_int_equal(out.n, 0);
	assert_null(out.entries);
}

/* Two processes adding 20 checks each at the same moment (two support
 * sessions of one user): all 40 are on the list afterwards. Without the
 * lock, one's read-change-save overwrites what the other saved between. */
static void
concurrent_writers_lose_nothing(void **state)
{
	(void)state;
	enum { WRITERS = 2, EACH = 20 };
	char dir[PATH_MAX], aside[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s/concurrent", root);
	int go[2];
	assert_int_equal(pipe(go), 0);
	pid_t pids[WRITERS];
	for (int w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0) {
			char c;
			close(go[1]);
			/* All start together: the parent closes the pipe. */
			if (read(go[0], &c, 1) < 0)
				_exit(2);
			for (int i = 0; i < EACH; i++) {
				char domain[32];
				struct state_list out;
				snprintf(domain, sizeof(domain), "w%d-%d.de", w, i);
				struct state_entry e = entry(domain, ENTRY_FORM_LINE, true, i + 1);
				if (state_update(dir, put_change, &e, &out, aside, sizeof(aside)) !=
				    STATE_OK)
					_exit(1);
				state_list_clear(&out);
			}
			_exit(0);
		}
	}
	close(go[0]);
	close(go[1]);
	for (int w = 0; w < WRITERS; w++) {
		int st;
		assert_int_equal(waitpid(pids[w], &st, 0), pids[w]);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	struct state_list list;
	assert_int_equal(state_load(dir, &list, aside, sizeof(aside)), STATE_OK);
	assert_int_equal(list.n, WRITERS * EACH);
	for (int w = 0; w < WRITERS; w++)
		for (int i = 0; i < EACH; i++) {
			char domain[32];
			snprintf(domain, sizeof(domain), "w%d-%d.de", w, i);
			assert_non_null(state_find(&list, domain));
		}
	state_list_clear(&list);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(directory_from_the_environment),
		cmocka_unit_test(round_trip_private_and_atomic),
		cmocka_unit_test(bound_round_trips_and_old_lines_still_parse),
		cmocka_unit_test(put_replaces_and_caps),
		cmocka_unit_test(corrupt_files_are_set_aside),
		cmocka_unit_test(save_fails_cleanly_on_an_unwritable_place),
		cmocka_unit_test(update_works_on_the_list_on_disk),
		cmocka_unit_test(concurrent_writers_lose_nothing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
