/* schedule.h — when to ask again. While a name server of the zone still
 * serves the old state, every SCHEDULE_NS_POLL_MS: the change is noticed
 * within seconds of being published. Then, waiting for caches, the growing
 * pause between check rounds (15 s to 5 min), with one exception: a cache
 * whose old answer expires before the pause is over is asked right after
 * it expires. One schedule for the wizard's check screen and `check
 * --watch`. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define SCHEDULE_FIRST_S 15
#define SCHEDULE_MAX_S 300
/* However soon a cache's answer expires, a round is not followed by the
 * next sooner than this: the servers are not asked in a loop. */
#define SCHEDULE_MIN_PAUSE_MS 5000
/* Asked this long after the ETA, the cache has surely let its old answer
 * go (TTLs count in whole seconds). */
#define SCHEDULE_ETA_SLACK_MS 2000
/* While the name servers lag: a handful of UDP queries to the provider's
 * own servers, which no cache sits in front of. */
#define SCHEDULE_NS_POLL_MS 2000

struct schedule {
	unsigned first_s; /* the first pause */
	unsigned max_s;   /* the pause doubles up to this */
	unsigned pause_s; /* the pause after the next round */
};

/* A schedule whose first pause is FIRST_S seconds, growing to MAX_S (0 for
 * either: SCHEDULE_FIRST_S, SCHEDULE_MAX_S; a MAX_S below FIRST_S keeps the
 * pause at FIRST_S). */
void schedule_init(struct schedule *s, unsigned first_s, unsigned max_s);

/* A round ended at NOW_MS with the last cached old answer expiring in
 * ETA_S seconds (0: no cache holds one). Returns when the next round is
 * due. NS_LAG (a name server still serves the old state): after
 * SCHEDULE_NS_POLL_MS (or the pause, when shorter), and the pause does not
 * grow. Otherwise after the current pause, or right after the ETA when that
 * comes sooner (but not within SCHEDULE_MIN_PAUSE_MS); the pause then
 * doubles, up to max_s. */
int64_t schedule_after_round(struct schedule *s, int64_t now_ms, uint32_t eta_s, bool ns_lag);

/* A round that brought no result (time-out, could not start) is tried
 * again after the current pause, which does not grow. */
int64_t schedule_retry(const struct schedule *s, int64_t now_ms);

/* The first pause from the test knob FLICONO_MAILSETUP_CHECK_INTERVAL's
 * VALUE (may be NULL): a positive whole number of seconds, else FALLBACK. */
unsigned schedule_first_from(const char *value, unsigned fallback);
