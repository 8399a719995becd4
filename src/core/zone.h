/* zone.h — which zone holds a domain, and the record's name relative to it.
 *
 * The zone is the closest name at or above the domain that has a SOA record.
 * The provider's web form wants the owner name relative to that zone: "@" at
 * the apex, "mail" for mail.beispiel-firma.de in the zone beispiel-firma.de.
 * One judgement for every finder: the propagation round asks all candidates
 * at once (one round trip), zone_find() one after another through a seam. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dns_seam.h"

enum zone_status {
	ZONE_FOUND,         /* *zone holds the zone and the relative name */
	ZONE_NONE,          /* no SOA at the domain or any parent */
	ZONE_RESOLVER_DOWN, /* the first lookup got no answer at all */
};

struct zone {
	char name[256]; /* the zone, A-label, no trailing dot */
	char rel[256];  /* the domain relative to it: "@", "mail" */
};

/* The next candidate above NAME ("a.b.de" → "b.de"), or NULL after the last. */
const char *zone_parent(const char *name);

/* Judges the SOA answer for CANDIDATE, a suffix of DOMAIN (in the order
 * zone_parent() walks). Returns true when the search ends here: *status is
 * then FOUND (and *out filled), NONE or RESOLVER_DOWN. ANSWERED is false
 * when the query got no answer at all (time-out, unreachable). */
bool zone_judge(const char *domain, const char *candidate, bool answered, enum dns_status soa,
		struct zone *out, enum zone_status *status);

/* Whether the registrable domain ORG_DOMAIN (orgdomain.h: the public
 * suffix plus one label) does not exist: its SOA lookup said NXDOMAIN
 * (ORG_SOA) and the zone found, ZONE, lies above it — a public suffix such
 * as "de", never the customer's zone. A name that does not exist below an
 * existing zone (mail.beispiel-firma.de) is not this: the customer can
 * create it. False when ORG_DOMAIN is NULL (unknown). */
bool zone_domain_missing(const char *zone, const char *org_domain, enum dns_status org_soa);

/* Finds the zone of DOMAIN through SEAM (SOA lookups, closest first). */
enum zone_status zone_find(const struct dns_seam *seam, const char *domain, struct zone *out);

/* Without DNS: the zone assumed to be the last two labels of DOMAIN (as for
 * most German domains). Returns false when DOMAIN has two labels or fewer
 * (then the zone is DOMAIN itself, name "@"). */
bool zone_guess(const char *domain, struct zone *out);

/* MNAME and RNAME from an SOA record's text ("MNAME RNAME SERIAL …", as the
 * seam gives it), each into SIZE bytes. False (both "") when either is the
 * root (empty) or does not fit: then they say nothing about the zone. */
bool zone_soa_names(const char *soa, char *mname, char *rname, size_t size);
