/* test-state-kill.c — the open-checks file survives SIGKILL in the middle of
 * a write. A child saves two different lists in turn, as fast as it can; the
 * parent kills it at a random moment, 1000 times. After every kill the file
 * must load as exactly one of the two lists (never empty, cut or corrupt),
 * the directory must be 0700 and the file 0600. Then: a state directory
 * made by someone else with 0755 becomes private on the next save, an
 * oversized file is set aside (its bytes kept, a notice path given), and a
 * relative XDG_STATE_HOME is not used.
 *
 * Plain C (no cmocka): the child must not inherit a test runner. Prints one
 * line of figures; KILLS overrides the number of kills. */
#include "state.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;

#ifdef __SANITIZE_ADDRESS__
/* Each fork copies the parent's page tables: with ASan's default 256 MB
 * quarantine the parent's heap grows by every state_load's buffer, and the
 * 1000 forks took 12 s instead of 2. A small quarantine still catches a
 * use after free in the few allocations one round makes. */
const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{
	return "quarantine_size_mb=4";
}
#endif

#define CHECK(cond, ...)                                                                \
	do {                                                                            \
		if (!(cond)) {                                                          \
			fprintf(stderr, "not ok: %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                   \
			fputc('\n', stderr);                                            \
			failures++;                                                     \
		}                                                                       \
	} while (0)

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A list of N entries whose inputs are long, so that a save writes several
 * kilobytes and a kill can land in the middle of it. */
static void
make_list(struct state_list *list, int n, char tag)
{
	*list = (struct state_list){0};
	for (int i = n - 1; i >= 0; i--) {
		struct state_entry e = {
			.form = i % 2 ? ENTRY_FORM_FIELDS : ENTRY_FORM_LINE,
			.with_ttl = i % 3 != 0,
			.started = 1700000000 + i,
		};
		snprintf(e.domain, sizeof(e.domain), "%c%d.example.de", tag, i);
		int k = snprintf(e.input, sizeof(e.input), "info@%c%d.example.de ", tag, i);
		memset(e.input + k, tag, sizeof(e.input) - (size_t)k - 1);
		e.input[sizeof(e.input) - 1] = '\0';
		if (!state_put(list, &e)) {
			fprintf(stderr, "out of memory\n");
			exit(99);
		}
	}
}

/* Which of the two texts DIR's file holds: 0 (A), 1 (B), -1 (neither). */
static int
which(const char *dir, const char *a, const char *b, enum state_status *st)
{
	struct state_list got;
	char aside[PATH_MAX];
	*st = state_load(dir, &got, aside, sizeof(aside));
	if (*st != STATE_OK)
		return -1;
	char *text = state_format(&got);
	int r = !text ? -1 : strcmp(text, a) == 0 ? 0 : strcmp(text, b) == 0 ? 1 : -1;
	free(text);
	state_list_clear(&got);
	return r;
}

static unsigned
mode_of(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return 0;
	return st.st_mode & 07777;
}

/* Temp files a killed writer left behind (.open-checks.PID.tmp). */
static int
count_temps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	if (!d)
		return -1;
	while ((de = readdir(d)))
		n += strncmp(de->d_name, ".open-checks.", 13) == 0;
	closedir(d);
	return n;
}

int
main(void)
{
	const char *kills_env = getenv("KILLS");
	int kills = kills_env && atoi(kills_env) > 0 ? atoi(kills_env) : 1000;
	const char *tmpdir = getenv("TMPDIR");
	char root[PATH_MAX], dir[PATH_MAX + 32], path[PATH_MAX + 64];

	snprintf(root, sizeof(root), "%s/test-state-kill.XXXXXX",
		 tmpdir && tmpdir[0] == '/' ? tmpdir : "/tmp");
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 99;
	}
	snprintf(dir, sizeof(dir), "%s/state/flicono-mailsetup", root);
	snprintf(path, sizeof(path), "%s/open-checks", dir);
	srand((unsigned)time(NULL) ^ (unsigned)getpid());

	struct state_list lists[2];
	make_list(&lists[0], STATE_MAX_ENTRIES, 'a');
	make_list(&lists[1], STATE_MAX_ENTRIES - 13, 'b');
	char *text[2] = {state_format(&lists[0]), state_format(&lists[1])};
	if (!text[0] || !text[1])
		return 99;

	/* How long one save takes here: the kills are spread over a few of them. */
	double t0 = now_s();
	for (int i = 0; i < 20; i++)
		if (state_save(dir, &lists[i % 2]) != STATE_OK) {
			perror("state_save");
			return 99;
		}
	double save_s = (now_s() - t0) / 20;
	/* Counted from the moment the writer has saved once (it says so through
	 * a pipe: under a sanitizer the fork and the child's first save take
	 * several times longer and used up the spread, so that most kills came
	 * before any save): up to three saves' time plus 100 µs, so that kills
	 * fall during and between the saves after it. */
	long spread_us = (long)(save_s * 3e6) + 100;

	double start = now_s();
	int seen[2] = {0, 0}, changes = 0, last = -1, done = 0;
	enum state_status st;
	for (int k = 0; k < kills; k++) {
		int ready[2];
		if (pipe(ready) != 0) {
			perror("pipe");
			return 99;
		}
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 99;
		}
		if (pid == 0) {
			close(ready[0]);
			state_save(dir, &lists[k % 2]);
			ssize_t w = write(ready[1], "x", 1);
			(void)w;
			for (unsigned i = (unsigned)k + 1;; i++)
				state_save(dir, &lists[i % 2]);
		}
		close(ready[1]);
		char byte;
		while (read(ready[0], &byte, 1) < 0 && errno == EINTR)
			;
		close(ready[0]);
		struct timespec d = {0, (rand() % spread_us) * 1000L};
		nanosleep(&d, NULL);
		kill(pid, SIGKILL);
		int ws;
		while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
			;
		CHECK(WIFSIGNALED(ws) && WTERMSIG(ws) == SIGKILL, "child %d not killed", k);
		int v = which(dir, text[0], text[1], &st);
		CHECK(v >= 0, "kill %d: the file is neither list (state_load: %d)", k, (int)st);
		CHECK(mode_of(dir) == 0700, "kill %d: directory mode %o", k, mode_of(dir));
		CHECK(mode_of(path) == 0600, "kill %d: file mode %o", k, mode_of(path));
		if (v >= 0) {
			seen[v]++;
			changes += last >= 0 && v != last;
			last = v;
		}
		done++;
		if (failures > 10)
			break;
	}
	double took = now_s() - start;
	int temps = count_temps(dir);
	/* The kills must have hit a writer at work, not only before its first
	 * save: both versions were seen, and the file changed many times. */
	CHECK(seen[0] > 0 && seen[1] > 0, "only one version seen (%d/%d)", seen[0], seen[1]);
	CHECK(changes >= kills / 20, "the file changed only %d times", changes);
	printf("# %d kills in %.2f s (one save %.2f ms): file A %d times, B %d times, "
	       "%d changes, %d temp files of killed writers\n",
	       done, took, save_s * 1e3, seen[0], seen[1], changes, temps);

	/* The next save leaves only the list: the temp files of killed writers
	 * (dead pids) are cleared away, a living writer's would stay. */
	CHECK(state_save(dir, &lists[0]) == STATE_OK, "save after the kills");
	CHECK(which(dir, text[0], text[1], &st) == 0, "A after the kills");
	CHECK(count_temps(dir) == 0, "%d temp files left after the next save", count_temps(dir));
	{
		char alive[PATH_MAX + 64];
		snprintf(alive, sizeof(alive), "%s/.open-checks.%ld.tmp", dir, (long)getppid());
		FILE *f = fopen(alive, "w");
		CHECK(f && fclose(f) == 0, "a living writer's temp file");
		CHECK(state_save(dir, &lists[0]) == STATE_OK, "save beside a living writer");
		CHECK(access(alive, F_OK) == 0, "a living writer's temp file is kept");
		unlink(alive);
	}

	/* A directory someone else made 0755 and a file 0644 become private. */
	CHECK(chmod(dir, 0755) == 0 && chmod(path, 0644) == 0, "chmod");
	CHECK(state_save(dir, &lists[1]) == STATE_OK, "save into a 0755 directory");
	CHECK(mode_of(dir) == 0700, "directory made private again: %o", mode_of(dir));
	CHECK(mode_of(path) == 0600, "file private again: %o", mode_of(path));

	/* An oversized file: set aside with its bytes, a path for the notice,
	 * nothing listed, and the next load is clean. */
	{
		size_t big = STATE_MAX_BYTES + 1;
		char *buf = malloc(big);
		CHECK(buf != NULL, "malloc");
		if (buf) {
			memset(buf, '\n', big);
			memcpy(buf, text[0], strlen(text[0]));
			FILE *f = fopen(path, "w");
			CHECK(f && fwrite(buf, 1, big, f) == big && fclose(f) == 0, "write big");
			struct state_list got;
			char aside[PATH_MAX];
			CHECK(state_load(dir, &got, aside, sizeof(aside)) == STATE_SET_ASIDE,
			      "oversized: set aside");
			CHECK(got.n == 0, "oversized: nothing listed");
			CHECK(strncmp(aside, dir, strlen(dir)) == 0 &&
				      strstr(aside, "/open-checks.corrupt-") != NULL,
			      "oversized: the notice names %s", aside);
			struct stat sb;
			CHECK(stat(aside, &sb) == 0 && (size_t)sb.st_size == big,
			      "oversized: its bytes are kept aside");
			CHECK(access(path, F_OK) != 0, "oversized: the name is free again");
			CHECK(state_load(dir, &got, aside, sizeof(aside)) == STATE_OK && got.n == 0,
			      "oversized: the next load is clean");
			/* Exactly the limit is still ours. */
			buf[big - 2] = '\n';
			f = fopen(path, "w");
			CHECK(f && fwrite(buf, 1, big - 1, f) == big - 1 && fclose(f) == 0,
			      "write limit");
			CHECK(state_load(dir, &got, aside, sizeof(aside)) == STATE_OK &&
				      got.n == STATE_MAX_ENTRIES,
			      "a file of exactly STATE_MAX_BYTES loads");
			state_list_clear(&got);
			free(buf);
		}
	}

	/* A relative XDG_STATE_HOME is not a place: HOME decides, and without an
	 * absolute HOME there is no state directory at all. */
	{
		char buf[PATH_MAX];
		CHECK(state_dir("state", "/home/u", buf, sizeof(buf)) &&
			      strcmp(buf, "/home/u/.local/state/flicono-mailsetup") == 0,
		      "relative XDG_STATE_HOME: %s", buf);
		CHECK(state_dir("./state", "/home/u", buf, sizeof(buf)) &&
			      strcmp(buf, "/home/u/.local/state/flicono-mailsetup") == 0,
		      "./ XDG_STATE_HOME: %s", buf);
		CHECK(!state_dir("../state", "home", buf, sizeof(buf)), "both relative");
	}

	free(text[0]);
	free(text[1]);
	state_list_clear(&lists[0]);
	state_list_clear(&lists[1]);
	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", root);
	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("ok - %d kills: always one whole list, private modes; set aside; relative "
	       "XDG_STATE_HOME ignored\n",
	       done);
	return 0;
}
