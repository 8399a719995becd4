/* dns_auth.h — what the customer is about to change, read where it is made.
 *
 * A resolver that is asked about a name keeps the answer for its TTL (a
 * negative one too, RFC 2308): asked before the customer publishes, it hands
 * out the old answer for up to a day afterwards, and the check would wait
 * for a delay it made itself. So the TXT records at the sender's own name
 * are read from the zone's authoritative name servers, without recursion.
 * The zone, its NS records and their addresses do not change in this flow:
 * they come through the resolver (BASE, with its answer cache), and so does
 * every other name (includes, MX hosts, DMARC).
 *
 * Use: struct dns_auth a = {.base = &resolver_seam, .name = domain,
 * .timeout_ms = …}; struct dns_seam s = dns_auth_seam(&a); hand S to the
 * proposal or check_host(); dns_auth_clear(&a) after the last lookup. */
#pragma once

#include <stdbool.h>

#include "dns_seam.h"

struct dns_auth {
	/* Set by the caller. */
	const struct dns_seam *base; /* the resolver */
	const char *name;            /* the sender's domain, A-label, no trailing dot */
	unsigned timeout_ms;         /* for the one batch to the name servers */
	/* Filled on the first TXT lookup of NAME. */
	bool asked;
	/* The answer came from a name server of the zone (AA set). False when
	 * no zone or name server was found, or none answered: then NAME's TXT
	 * was asked through BASE as any other name (nothing else is left). */
	bool authoritative;
	struct dns_rrset txt;
};

/* A seam that answers TXT for a->name from the zone's name servers (asked
 * once, then kept) and passes every other lookup to a->base. */
struct dns_seam dns_auth_seam(struct dns_auth *a);

/* Frees what A holds (not A); the seam must not be used afterwards. */
void dns_auth_clear(struct dns_auth *a);
