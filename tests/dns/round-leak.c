/* round-leak.c — runs check_run() ROUNDS times against a lab and reports
 * whether file descriptors and memory return to their baseline:
 *
 *   round-leak RESOLVER DOMAIN ROUNDS PROFILE
 *
 * Prints "fds BEFORE AFTER" and "rss_kib AFTER_FIRST AFTER_LAST", and exits 1
 * when a descriptor stays open or RSS grows by 1 MiB or more. With
 * ROUND_LEAK_NO_RSS set (sanitizer builds, whose allocator keeps freed memory
 * in quarantine on purpose) only descriptors count; leaks are LeakSanitizer's
 * to find there. */
#include "profile.h"
#include "propagation.h"
#include "dns_resolver.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
open_fds(void)
{
	int n = 0;
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return -1;
	for (struct dirent *e; (e = readdir(d));)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1; /* the directory stream itself */
}

static long
rss_kib(void)
{
	char line[256];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			kib = strtol(line + 6, NULL, 10);
	fclose(f);
	return kib;
}

int
main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: round-leak RESOLVER DOMAIN ROUNDS PROFILE\n");
		return 64;
	}
	struct profile profile;
	struct inifile_problem problem;
	struct check_resolver res = {.name = "lab"};
	if (!profile_load(argv[4], &profile, &problem) ||
	    dns_resolver_parse_address(argv[1], &res.server) != DNS_ADDRESS_OK) {
		fprintf(stderr, "round-leak: bad profile or resolver\n");
		return 64;
	}
	struct check_config cfg = {.domain = argv[2], .profile = &profile, .resolvers = &res,
				   .nresolvers = 1, .timeout_ms = 2000};
	int rounds = atoi(argv[3]);
	int fds_before = open_fds();
	long rss_first = 0;
	int verdicts[4] = {0};
	for (int i = 0; i < rounds; i++) {
		struct check_round round;
		if (!check_run(&cfg, &round)) {
			fprintf(stderr, "round-leak: out of memory\n");
			return 1;
		}
		if (round.failure == CHECK_OK)
			verdicts[round.verdict.verdict]++;
		check_round_clear(&round);
		if (i == 0)
			rss_first = rss_kib();
	}
	int fds_after = open_fds();
	long rss_last = rss_kib();
	printf("fds %d %d\nrss_kib %ld %ld\nverdicts propagated=%d pending=%d wrong=%d unknown=%d\n",
	       fds_before, fds_after, rss_first, rss_last, verdicts[VERDICT_PROPAGATED],
	       verdicts[VERDICT_PENDING], verdicts[VERDICT_WRONG], verdicts[VERDICT_UNKNOWN]);
	profile_clear(&profile);
	bool rss_ok = getenv("ROUND_LEAK_NO_RSS") || rss_last - rss_first < 1024;
	return fds_after == fds_before && rss_ok ? 0 : 1;
}
