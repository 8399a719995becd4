/* dns_seam.h — how the core asks DNS without knowing sockets.
 *
 * The core (SPF evaluation, merge, verdicts) takes a struct dns_seam and calls
 * lookup(); production passes the libldns implementation from src/dns/, tests
 * pass a fake. Nothing in src/core/ opens a socket. */
#pragma once

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

/* Record types, with their IANA numbers. */
enum dns_type {
	DNS_TYPE_A = 1,
	DNS_TYPE_NS = 2,
	DNS_TYPE_CNAME = 5,
	DNS_TYPE_SOA = 6,
	DNS_TYPE_PTR = 12,
	DNS_TYPE_MX = 15,
	DNS_TYPE_TXT = 16,
	DNS_TYPE_AAAA = 28,
	DNS_TYPE_DNSKEY = 48, /* only asked by the check's round (dnssec.h) */
	DNS_TYPE_SPF = 99,
};

enum dns_status {
	DNS_STATUS_OK,       /* the name has records of this type: count >= 1 */
	DNS_STATUS_NODATA,   /* the name exists but has none of this type: count 0 */
	DNS_STATUS_NXDOMAIN, /* the name does not exist: count 0 */
	DNS_STATUS_TIMEOUT,  /* no usable answer before the time-out: count 0 */
	DNS_STATUS_SERVFAIL, /* SERVFAIL or another failure rcode: count 0 */
	DNS_STATUS_BADNAME,  /* the name cannot be asked (empty label, label > 63 or
	                        name > 253 octets): nothing was sent, count 0 */
	/* The two ways a server can fail at once, without a time-out; both
	 * are as good as no answer (a temperror for check_host()). */
	DNS_STATUS_REFUSED,     /* rcode REFUSED, or the port is closed: count 0 */
	DNS_STATUS_UNREACHABLE, /* no route to the server (the send failed): count 0 */
};

/* One resource record's data. */
struct dns_record {
	uint32_t ttl;
	uint16_t pref;       /* MX: the preference; 0 otherwise */
	size_t len;          /* bytes in data, not counting the extra NUL */
	unsigned char *data; /* always followed by one extra NUL byte;
	                      * TXT: the character-strings joined without separator
	                      *      (RFC 7208 3.3), may contain NUL bytes;
	                      * A: 4 bytes, AAAA: 16 bytes, network order;
	                      * MX, PTR, CNAME: the target name as text, no trailing
	                      *      dot ("" for the root, e.g. a null MX) */
	size_t nstrings;     /* TXT: how many character-strings were joined */
};

struct dns_rrset {
	enum dns_status status;
	size_t count;
	struct dns_record *records;
	/* OK: the smallest TTL of the records; NODATA/NXDOMAIN: the negative
	 * caching time (SOA minimum) when the answer carried a SOA, else 0. */
	uint32_t ttl;
};

struct dns_seam {
	/* Look NAME up (ASCII, no trailing dot, compared case-insensitively)
	 * for TYPE, following CNAMEs as a recursive resolver does, and fill
	 * *out (which the caller initialises with DNS_RRSET_INIT and later
	 * frees with dns_rrset_clear). Returns out->status.
	 * The records are those of TYPE only, in the order received. */
	enum dns_status (*lookup)(void *ctx, const char *name, enum dns_type type,
				  struct dns_rrset *out);
	void *ctx;
};

#define DNS_RRSET_INIT {.status = DNS_STATUS_NODATA, .count = 0, .records = NULL, .ttl = 0}

/* Frees what *set holds and resets it to DNS_RRSET_INIT. NULL is a no-op. */
void dns_rrset_clear(struct dns_rrset *set);

/* Appends a record with a copy of DATA (LEN bytes); false when out of memory. */
bool dns_rrset_add(struct dns_rrset *set, const void *data, size_t len, uint32_t ttl,
		   uint16_t pref);

/* Whether STATUS means no usable answer: TIMEOUT, SERVFAIL, REFUSED or
 * UNREACHABLE (not BADNAME: nothing was asked). */
bool dns_status_failed(enum dns_status status);

/* A short stable name for STATUS ("ok", "nodata", ...), for logs and JSON. */
const char *dns_status_name(enum dns_status status);

/* A seam that answers TXT for one NAME from TXT and passes everything else to
 * BASE: check_host() over a record as one server serves it, or as it would
 * be published. The struct must outlive the seam's use. */
struct dns_overlay {
	const struct dns_seam *base;
	const char *name;
	const struct dns_rrset *txt;
};

struct dns_seam dns_overlay_seam(struct dns_overlay *overlay);
