/* schedule.c — see schedule.h. */
#include "schedule.h"

#include <errno.h>
#include <stdlib.h>

void
schedule_init(struct schedule *s, unsigned first_s, unsigned max_s)
{
	s->first_s = first_s ? first_s : SCHEDULE_FIRST_S;
	s->max_s = max_s ? max_s : SCHEDULE_MAX_S;
	if (s->max_s < s->first_s)
		s->max_s = s->first_s;
	s->pause_s = s->first_s;
}

int64_t
schedule_after_round(struct schedule *s, int64_t now_ms, uint32_t eta_s, bool ns_lag)
{
	int64_t next = now_ms + (int64_t)s->pause_s * 1000;
	if (ns_lag)
		return next < now_ms + SCHEDULE_NS_POLL_MS ? next : now_ms + SCHEDULE_NS_POLL_MS;
	if (eta_s) {
		int64_t at_eta = now_ms + (int64_t)eta_s * 1000 + SCHEDULE_ETA_SLACK_MS;
		if (at_eta < now_ms + SCHEDULE_MIN_PAUSE_MS)
			at_eta = now_ms + SCHEDULE_MIN_PAUSE_MS;
		if (at_eta < next)
			next = at_eta;
	}
	s->pause_s = s->pause_s > s->max_s / 2 ? s->max_s : s->pause_s * 2;
	return next;
}

int64_t
schedule_retry(const struct schedule *s, int64_t now_ms)
{
	return now_ms + (int64_t)s->pause_s * 1000;
}

unsigned
schedule_first_from(const char *value, unsigned fallback)
{
	char *end;
	if (!value || value[0] < '0' || value[0] > '9')
		return fallback;
	errno = 0;
	unsigned long v = strtoul(value, &end, 10);
	/* A day is more than any test or person waits for one round. */
	if (errno || *end || v == 0 || v > 86400)
		return fallback;
	return (unsigned)v;
}
