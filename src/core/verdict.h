/* verdict.h — from what each server said to "propagated / not everywhere yet
 * / wrong / unknown", and when the last cached old answer expires.
 *
 * Pure: the observations come from src/dns/propagation.c (or a test). A
 * server serves a "good" record when it serves exactly one SPF record and
 * check_host() over it authorises the profile's addresses. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spf_check.h"

enum server_role {
	ROLE_AUTHORITATIVE, /* a name server of the zone, asked without recursion */
	ROLE_RESOLVER,      /* a recursive resolver (cache) */
};

enum obs_state {
	OBS_WAITING,     /* asked, no answer yet (a round in progress) */
	OBS_NEW,         /* one SPF record, and it authorises the sender */
	OBS_OLD,         /* one SPF record that does not (yet) authorise it */
	OBS_NONE,        /* no SPF record (NODATA, NXDOMAIN, or only other TXT) */
	OBS_SEVERAL,     /* more than one SPF record: a permerror */
	OBS_TIMEOUT,     /* no answer within the time-out */
	OBS_UNREACHABLE, /* no route (e.g. IPv6 on a machine without IPv6) */
	OBS_REFUSED,     /* port closed, or rcode REFUSED */
	OBS_SERVFAIL,    /* SERVFAIL or another error rcode */
	OBS_LAME,        /* a name server that answers without authority (no AA) */
	OBS_BAD_REPLY,   /* replies that did not parse */
	/* A resolver that answered SERVFAIL, and answered when asked again
	 * with checking disabled (CD bit): the zone's signatures fail, and
	 * every validating resolver fails the same way. */
	OBS_DNSSEC_ERROR,
	/* A resolver not asked about the sender's TXT: it is asked only once
	 * every authoritative server that answers serves a good record, so
	 * that no cache is made to hold the old answer for its TTL. */
	OBS_NOT_ASKED,
};

/* What a name server's signature over the TXT records says (RFC 4035),
 * verified against the zone's DNSKEY RRset (which must sign itself; no
 * chain to the root). */
enum dnssec_state {
	DNSSEC_NOT_CHECKED, /* not asked (resolvers), no TXT records to verify,
			     * or the zone's keys could not be fetched */
	DNSSEC_UNSIGNED,    /* the zone has no DNSKEY: nothing to verify */
	DNSSEC_VALID,       /* an RRSIG over the TXT records verifies */
	DNSSEC_MISSING,     /* the zone is signed, the TXT records are not */
	DNSSEC_EXPIRED,     /* the signature has expired or is not yet valid */
	DNSSEC_INVALID,     /* the signature (or the keys' own) does not verify */
};

struct observation {
	enum server_role role;
	char name[256];    /* "ns1.beispiel-firma.de", or the resolver's name */
	char address[64];  /* "127.53.9.2", "[2001:db8::1]:5353" */
	bool ipv6;
	enum obs_state state;
	/* NEW, OLD, NONE: the TTL the server reported (for NONE the negative
	 * caching time from the SOA); a resolver counts it down. */
	uint32_t ttl;
	bool has_ttl;
	char *record;      /* NEW, OLD, SEVERAL: the (first) SPF record served; malloc'd */
	size_t record_len;
	unsigned elapsed_ms;
	enum dnssec_state dnssec; /* name servers only */
};

enum verdict {
	VERDICT_PROPAGATED, /* every reachable name server and every resolver that
			     * answered serves a good record, and check_host()
			     * through the resolver passes */
	VERDICT_PENDING,    /* at least one name server serves it; others or caches lag */
	VERDICT_WRONG,      /* no name server serves a good record, or it is broken */
	VERDICT_UNKNOWN,    /* no name server answered */
};

/* Why a check round could not be judged (src/dns/propagation.h). */
enum check_failure {
	CHECK_OK,
	CHECK_NO_ZONE,        /* no SOA found for the domain or any parent */
	CHECK_NO_DOMAIN,      /* the registrable domain does not exist (NXDOMAIN;
	                       * zone_domain_missing): the zone above it is a
	                       * public suffix, never named as the customer's */
	CHECK_NO_NAMESERVERS, /* the zone has no NS records with addresses */
	/* The first resolver gave no answer about the domain, and how it
	 * failed (the words of the rows: verdict_state_label). */
	CHECK_RESOLVER_TIMEOUT,     /* no answer within the time-out */
	CHECK_RESOLVER_REFUSED,     /* rcode REFUSED, or its port is closed */
	CHECK_RESOLVER_UNREACHABLE, /* no route to it: the send failed at once */
	CHECK_RESOLVER_SERVFAIL,    /* SERVFAIL or another error rcode */
	CHECK_NOMEM,
};

/* A stable name for F, for JSON: "ok", "no-zone", "resolver-refused", … */
const char *verdict_failure_name(enum check_failure f);

struct verdict_result {
	enum verdict verdict;
	unsigned auth_total, auth_answered, auth_good;
	unsigned auth_unreachable; /* no answer at all: time-out, no route, port closed */
	unsigned resolvers_total, resolvers_answered, resolvers_good;
	unsigned resolvers_not_asked; /* OBS_NOT_ASKED: the name servers lag */
	/* Name servers whose signature fails (missing, expired, invalid) and
	 * resolvers in OBS_DNSSEC_ERROR: either keeps the verdict from
	 * "propagated" — validating receivers cannot read the record. */
	unsigned auth_dnssec_bad, resolvers_dnssec_error;
	/* Seconds until the last resolver still holding an old or negative
	 * answer lets it expire; 0 when none does. */
	uint32_t eta_seconds;
	bool has_eta;
};

/* Whether a name server that answers still serves the old state (none of
 * them unreachable counts): the change has not reached all of them yet. */
bool verdict_name_servers_lag(const struct verdict_result *v);

/* Every name server that answers serves a good record, and one does: the
 * resolvers may be asked now, and the worldwide bound starts (bound.h). */
bool verdict_name_servers_ready(const struct verdict_result *v);

/* Computes the verdict from OBS (N rows) and check_host() through the
 * resolver for the profile's IPv4 (V4) and, when HAS_V6, IPv6 (V6) address. */
void verdict_compute(const struct observation *obs, size_t n, enum spf_result v4,
		     enum spf_result v6, bool has_v6, struct verdict_result *out);

/* Whether STATE is an answer about the record (NEW, OLD, NONE, SEVERAL),
 * as opposed to an error or waiting. */
bool verdict_state_answered(enum obs_state state);

/* Whether STATE means the server could not be reached at all (time-out, no
 * route, port closed or REFUSED): it cannot hold propagation back, as
 * receiving servers cannot reach it either. */
bool verdict_state_unreachable(enum obs_state state);

/* "2 h 14 min", "45 s", "3 Tage 2 h" (German style; gettext). Returns BUF. */
const char *verdict_format_duration(uint32_t seconds, char *buf, size_t size);

/* A short label for STATE: "neuer Eintrag", "alter Eintrag", … (gettext). */
const char *verdict_state_label(enum obs_state state);

/* The label of one row of the check table: the state's label, with an
 * unreachable server named for its address family ("IPv6 nicht
 * erreichbar" on a machine without IPv6, "nicht erreichbar" for IPv4). */
const char *verdict_row_label(const struct observation *o);

/* Whether S means the zone's signatures fail (missing, expired, invalid). */
bool verdict_dnssec_bad(enum dnssec_state s);

/* A short label for a name server's DNSSEC state: "DNSSEC gültig", …
 * (gettext); NULL for NOT_CHECKED and UNSIGNED (nothing to say). */
const char *verdict_dnssec_label(enum dnssec_state s);

/* What the rows OBS[0..N) say about the signatures of the zone ZONE
 * (text), in words for the customer (gettext), into BUF (SIZE): which
 * failure (invalid before missing before expired, else a resolver in DNSSEC
 * error), how many name servers it touches, what it means for receiving
 * mail servers, and to contact the domain provider. False (BUF untouched)
 * when nothing fails. */
bool verdict_dnssec_explain(const struct observation *obs, size_t n, const char *zone, char *buf,
			    size_t size);

/* A stable name for S, for JSON: "valid", "missing", "expired", "invalid",
 * "unsigned"; NULL for NOT_CHECKED. */
const char *verdict_dnssec_name(enum dnssec_state s);

/* A stable name for STATE and VERDICT, for JSON: "new", "pending", … */
const char *verdict_state_name(enum obs_state state);
const char *verdict_name(enum verdict verdict);

/* Frees the records in OBS[0..N) (not OBS itself). */
void verdict_observations_clear(struct observation *obs, size_t n);
