/* dnssec.h — the signature (RRSIG, RFC 4034 3) over the TXT records one
 * name server serves, verified with libldns against the zone's DNSKEY
 * RRset. The DNSKEY RRset counts when it signs itself: there is no chain of
 * trust to the root here (the check asks name servers directly, and a lab
 * has no root). Works on replies kept as bytes (dns_answer.wire, asked
 * with DNS_QUERY_DO); no sockets. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "dns_batch.h"
#include "dns_seam.h"
#include "verdict.h"

enum dnssec_keys_status {
	DNSSEC_KEYS_UNKNOWN, /* no usable reply to the DNSKEY query */
	DNSSEC_KEYS_NONE,    /* the zone has no DNSKEY: unsigned */
	DNSSEC_KEYS_OK,      /* at least one key signs the DNSKEY RRset now */
	DNSSEC_KEYS_EXPIRED, /* the keys' own signatures are expired or not yet valid */
	DNSSEC_KEYS_INVALID, /* signed, but no signature over the keys verifies */
	/* keys, but none a validator would use (an algorithm it must not or
	 * cannot use, no Zone flag, revoked), or signed only by such: not checked */
	DNSSEC_KEYS_UNUSABLE,
};

struct ldns_struct_rr_list;

/* The zone's keys, as dnssec_keys_load() found them. */
struct dnssec_keys {
	enum dnssec_keys_status status;
	/* OK: the keys of the DNSKEY RRset a validator would use (protocol 3,
	 * Zone flag, not revoked, RFC 8624 algorithms, RSA exponent ≤ 4
	 * bytes), at most 8; else NULL */
	struct ldns_struct_rr_list *keys;
};

#define DNSSEC_KEYS_INIT {.status = DNSSEC_KEYS_UNKNOWN, .keys = NULL}

/* Reads the reply MSG (LEN bytes) to a DNSKEY query for ZONE (text, no
 * trailing dot), asked with DO at one of its name servers, and judges the
 * keys' self-signature at NOW into *out (initialised with
 * DNSSEC_KEYS_INIT). A reply that does not parse, or is no NOERROR answer
 * with AA, leaves UNKNOWN. False only when memory runs out. Free with
 * dnssec_keys_clear(). */
bool dnssec_keys_load(const char *zone, const uint8_t *msg, size_t len, time_t now,
		      struct dnssec_keys *out);

/* Frees what *k holds and resets it. NULL is a no-op. */
void dnssec_keys_clear(struct dnssec_keys *k);

/* The state of the TXT records owned by the question's name in the reply
 * MSG (LEN bytes, asked with DO) of a name server of ZONE, at NOW:
 * NOT_CHECKED when the keys are UNKNOWN or UNUSABLE or the reply has no
 * such records (a denial of existence is not verified), UNSIGNED when the
 * zone has no keys (NOT_CHECKED when the reply still carries signatures);
 * EXPIRED or INVALID when the keys themselves are; otherwise VALID when an
 * RRSIG by ZONE over them verifies with one of the keys and NOW is inside
 * its window (RFC 1982 serial arithmetic), MISSING when there is none,
 * EXPIRED when the best one is only out of its window, INVALID else. At
 * most 8 RRSIGs are tried; one of an algorithm validators do not use, or
 * over a wildcard (not proven without a denial), counts as NOT_CHECKED
 * when no other decides. */
enum dnssec_state dnssec_verify_txt(const struct dnssec_keys *k, const char *zone,
				    const uint8_t *msg, size_t len, time_t now);

/* After a SERVFAIL for NAME's TXT records: asks each of SERVERS (N) once
 * more, all at once, with checking disabled (RFC 4035 3.2.2) and without,
 * and tells whether one of them then answers with CD (NOERROR or NXDOMAIN)
 * and fails again without: the zone's signatures fail. The answer itself
 * is not kept, never to be believed. False also when nothing could be
 * asked. */
bool dnssec_cd_answers(const struct dns_server *servers, size_t n, const char *name,
		       unsigned timeout_ms);
