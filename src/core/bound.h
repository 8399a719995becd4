/* bound.h — the one bound that holds for every cache in the world.
 *
 * A cache that asked before the change holds the old answer for at most
 * the TTL the authoritative servers gave it (the negative caching time,
 * min(SOA TTL, SOA MINIMUM), when there was no record: RFC 2308 5). Once
 * every name server serves the new record, no cache can have fetched the
 * old answer later; so every cache holds the new one at the latest at the
 * moment all name servers were first seen serving it plus the old answer's
 * TTL. The sample resolvers of the check table only show a part of that.
 *
 * The bound is kept across rounds and runs (an open check remembers it,
 * state.h), so that a later check keeps the earliest moment. A check that
 * never saw the old answer takes the TTL served now: an estimate. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "verdict.h"

struct cache_bound {
	/* The first moment every name server that answered was seen serving
	 * a good record; 0: not (yet, or no longer). */
	time_t all_since;
	/* The largest TTL of the old answer at the name servers (when
	 * old_seen), else the TTL of the new record once all serve it. */
	uint32_t ttl;
	bool has_ttl;
	bool old_seen;
	/* A name server could not be asked from here (time-out, no route, port
	 * closed, often IPv6): others may still hand out the old answer, so the
	 * bound is an estimate. */
	bool unseen_servers;
};

/* Takes the rows of one round (OBS, N rows, judged as V) at NOW into *B:
 * the name servers' answers, and a resolver that still holds an old answer
 * for longer than the bound says (a TTL lowered shortly before the change,
 * or an old answer no check saw) moves the bound out to its expiry. */
void bound_update(struct cache_bound *b, const struct observation *obs, size_t n,
		  const struct verdict_result *v, time_t now);

/* When every cache holds the new record: false until every name server
 * serves it. *estimate: the old answer was never seen (the TTL served now
 * stands in for it), or a name server could not be asked. */
bool bound_clear_by(const struct cache_bound *b, time_t *at, bool *estimate);
