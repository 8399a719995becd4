/* dns_cache.h — answers of a resolver set kept for their TTL, so that one
 * round (a show, a check, a wizard's diagnosis) asks each question once.
 *
 * Kept: OK, NODATA and NXDOMAIN with a TTL above 0 (for the negative ones
 * the SOA minimum, RFC 2308), until the TTL has run out on CLOCK_MONOTONIC.
 * Not kept: TTL 0, time-outs, SERVFAIL, BADNAME — those are asked again.
 * The cache belongs to one struct dns_resolver; a new round builds a new
 * resolver and so asks afresh ("check again" sees a new record). The
 * propagation check asks each authoritative server through dns_batch and
 * never goes through here. Thread-safe: check --open shares one resolver
 * between its threads. */
#pragma once

#include <stdbool.h>

#include "dns_seam.h"

struct dns_cache;

/* NULL when out of memory. */
struct dns_cache *dns_cache_new(void);

/* Frees C. NULL is a no-op. */
void dns_cache_free(struct dns_cache *c);

/* True when NAME/TYPE (case-insensitive) is kept and not expired: *out
 * (cleared first) then holds a copy with the TTLs counted down. */
bool dns_cache_get(struct dns_cache *c, const char *name, enum dns_type type,
		   struct dns_rrset *out);

/* Keeps a copy of SET for NAME/TYPE when it is worth keeping (see above).
 * Out of memory only means it is not kept. */
void dns_cache_put(struct dns_cache *c, const char *name, enum dns_type type,
		   const struct dns_rrset *set);
