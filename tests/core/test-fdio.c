/* test-fdio.c — fdio_write_all(): every byte arrives through a pipe while a
 * timer keeps interrupting write(2) (EINTR and short writes), and errors are
 * reported, not retried for ever. */
#define _GNU_SOURCE /* F_GETPIPE_SZ */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fdio.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

enum { TOTAL = 8 * 1024 * 1024 };

/* Shared with the reader (MAP_SHARED), so that it can wait for signals. */
static volatile sig_atomic_t *alarms;

static void
on_alarm(int sig)
{
	(void)sig;
	(*alarms)++;
}

static uint64_t
fnv1a(uint64_t h, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211u;
	return h;
}

/* The child: first lets the pipe fill up and the writer be interrupted
 * while it waits for room (write(2) then fails with EINTR), then reads FD to
 * its end in small pieces and reports length and hash on OUT. */
static void
reader(int fd, int out)
{
	unsigned char buf[1000];
	uint64_t report[2] = {0, 14695981039346656037u};
	ssize_t r;
	int queued = 0, size = fcntl(fd, F_GETPIPE_SZ);
	while (size > 0 && ioctl(fd, FIONREAD, &queued) == 0 && queued < size)
		usleep(100);
	for (sig_atomic_t seen = *alarms; *alarms < seen + 20;)
		usleep(100);
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			_exit(2);
		report[0] += (uint64_t)r;
		report[1] = fnv1a(report[1], buf, (size_t)r);
	}
	_exit(fdio_write_all(out, report, sizeof(report)) ? 0 : 3);
}

static void
every_byte_arrives_despite_signals(void **state)
{
	(void)state;
	int data[2], back[2];
	alarms = mmap(NULL, sizeof(*alarms), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		      -1, 0);
	assert_true(alarms != MAP_FAILED);
	assert_int_equal(pipe(data), 0);
	assert_int_equal(pipe(back), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(data[1]);
		close(back[0]);
		reader(data[0], back[1]);
	}
	close(data[0]);
	close(back[1]);

	unsigned char *buf = malloc(TOTAL);
	assert_non_null(buf);
	for (size_t i = 0; i < TOTAL; i++)
		buf[i] = (unsigned char)(i * 7 + i / 251);
	/* No SA_RESTART: a signal makes write(2) return early, with EINTR or
	 * with a part written. */
	struct sigaction sa = {.sa_handler = on_alarm};
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	struct itimerval every = {{0, 200}, {0, 200}}, off = {{0, 0}, {0, 0}};
	assert_int_equal(setitimer(ITIMER_REAL, &every, NULL), 0);
	bool ok = fdio_write_all(data[1], buf, TOTAL);
	assert_int_equal(setitimer(ITIMER_REAL, &off, NULL), 0);
	if (!ok) /* the reader would wait for signals that no longer come */
		kill(pid, SIGKILL);
	assert_true(ok);
	close(data[1]);

	uint64_t report[2];
	ssize_t r;
	while ((r = read(back[0], report, sizeof(report))) < 0 && errno == EINTR)
		;
	assert_int_equal(r, sizeof(report));
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(report[0], TOTAL);
	assert_true(report[1] == fnv1a(14695981039346656037u, buf, TOTAL));
	close(back[0]);
	free(buf);
	munmap((void *)alarms, sizeof(*alarms));
}

static void
errors_are_reported(void **state)
{
	(void)state;
	int p[2];
	assert_true(fdio_write_all(-1, "", 0));
	errno = 0;
	assert_false(fdio_write_all(-1, "x", 1));
	assert_int_equal(errno, EBADF);
	/* A reader that has gone: EPIPE (SIGPIPE ignored, as a terminal
	 * program that lost its terminal would see it). */
	signal(SIGPIPE, SIG_IGN);
	assert_int_equal(pipe(p), 0);
	close(p[0]);
	errno = 0;
	assert_false(fdio_write_all(p[1], "abc", 3));
	assert_int_equal(errno, EPIPE);
	close(p[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_byte_arrives_despite_signals),
		cmocka_unit_test(errors_are_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
