/* orgdomain.c — see orgdomain.h. */
#include "orgdomain.h"

#include <libpsl.h>
#include <pthread.h>
#include <stdio.h>

static const psl_ctx_t *list;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
load(void)
{
	/* The installed list (publicsuffix) is newer than the one built in. */
	psl_ctx_t *fresh = psl_latest(NULL);
	list = fresh ? fresh : psl_builtin();
}

bool
orgdomain_of(const char *domain, char *buf, size_t size)
{
	if (size)
		buf[0] = '\0';
	pthread_once(&once, load);
	const char *org = list ? psl_registrable_domain(list, domain) : NULL;
	if (!org)
		return false;
	int n = snprintf(buf, size, "%s", org);
	if (n < 0 || (size_t)n >= size) {
		if (size)
			buf[0] = '\0';
		return false;
	}
	return true;
}
