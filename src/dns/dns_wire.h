/* dns_wire.h — DNS messages as bytes: queries built with ldns, replies
 * checked the way libldns does not (RFC 5452) and turned into the seam's
 * struct dns_rrset. No sockets here: everything works on byte buffers. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dname.h"
#include "dns_seam.h"

/* RFC 1035 3.1: a name is at most 255 octets in wire form (253 as text:
 * DNAME_TEXT_MAX). */
#define DNS_WIRE_NAME_MAX 255
/* DNS Flag Day 2020: an EDNS0 buffer that avoids IP fragmentation. */
#define DNS_WIRE_EDNS_SIZE 1232
/* RFC 1035 4.1.1: the fixed header. */
#define DNS_WIRE_HEADER_LEN 12

/* RCODE values (RFC 1035 4.1.1) the callers look at. */
enum dns_rcode {
	DNS_RCODE_NOERROR = 0,
	DNS_RCODE_FORMERR = 1,
	DNS_RCODE_SERVFAIL = 2,
	DNS_RCODE_NXDOMAIN = 3,
	DNS_RCODE_NOTIMP = 4,
	DNS_RCODE_REFUSED = 5,
};

/* Checks NAME (ASCII text, one trailing dot allowed; NULL is DNAME_EMPTY)
 * before it is asked: dname_check() with DNAME_ROOT_DOT | DNAME_PRINTABLE.
 * Labels are taken literally, dot-separated: no escapes. Any printable
 * ASCII octet is allowed in a label (RFC 2181 11: DNS itself accepts any
 * octet; SPF macros produce "_", "+", ...); IDN names must already be
 * A-labels. */
enum dname_status dns_wire_name_check(const char *name);

/* Query flags for dns_wire_query_build(). */
enum {
	DNS_QUERY_RD = 1 << 0,      /* recursion desired: for resolvers */
	DNS_QUERY_NO_EDNS = 1 << 1, /* no OPT record: replies over 512 bytes truncate */
	/* RFC 4035 3.2.1: DNSSEC OK, so that the RRSIGs come along; the
	 * reply's bytes are kept (dns_answer.wire) for dnssec.h. Needs EDNS. */
	DNS_QUERY_DO = 1 << 2,
	/* RFC 4035 3.2.2: checking disabled: a validating resolver answers
	 * even when the signatures fail. */
	DNS_QUERY_CD = 1 << 3,
};

/* A query as sent, and what a reply must repeat (RFC 5452 9.1). */
struct dns_wire_query {
	uint16_t id;
	uint16_t type;
	uint8_t qname[DNS_WIRE_NAME_MAX]; /* the name in wire form */
	size_t qname_len;
	uint8_t *msg; /* the message (for TCP without the length prefix); malloc'd */
	size_t len;
	bool keep_wire; /* DNS_QUERY_DO: the reply's bytes are kept */
};

/* Builds a query for NAME/TYPE/IN with a random ID (getrandom), EDNS0 with
 * a 1232-byte buffer unless DNS_QUERY_NO_EDNS, RD, DO and CD per FLAGS.
 * False when NAME fails dns_wire_name_check() or memory runs out; *out is
 * then empty. Free with dns_wire_query_clear(). */
bool dns_wire_query_build(const char *name, enum dns_type type, unsigned flags,
			  struct dns_wire_query *out);

/* Frees out->msg and zeroes *q. NULL is a no-op. */
void dns_wire_query_clear(struct dns_wire_query *q);

/* Why a reply is not the reply to our query (RFC 5452 4.3, 9.1). The source
 * address and port are the transport's to check. */
enum dns_reply_check {
	DNS_REPLY_MATCH,
	DNS_REPLY_SHORT,          /* under 12 bytes */
	DNS_REPLY_WRONG_ID,
	DNS_REPLY_NOT_RESPONSE,   /* QR bit clear */
	DNS_REPLY_WRONG_OPCODE,   /* not QUERY */
	DNS_REPLY_WRONG_QDCOUNT,  /* not exactly one question */
	DNS_REPLY_WRONG_QUESTION, /* other name, type or class, or cut off */
};

/* Checks the header and question of MSG (LEN bytes) against Q without
 * parsing the rest, so that a truncated reply can be matched too. Names are
 * compared case-insensitively (RFC 4343). */
enum dns_reply_check dns_wire_reply_check(const struct dns_wire_query *q, const uint8_t *msg,
					  size_t len);

/* The TC bit of a reply of at least 12 bytes (false when shorter). */
bool dns_wire_reply_truncated(const uint8_t *msg, size_t len);

/* A reply turned into data. */
struct dns_answer {
	uint8_t rcode; /* enum dns_rcode, the header's 4 bits */
	bool aa;       /* authoritative answer: the server serves the zone itself */
	bool tc;       /* truncated */
	struct dns_rrset rrset;
	/* Asked with DNS_QUERY_DO: the whole reply as received (malloc'd),
	 * for verifying its signatures; NULL otherwise. */
	uint8_t *wire;
	size_t wire_len;
};

#define DNS_ANSWER_INIT                                                                    \
	{.rcode = 0, .aa = false, .tc = false, .rrset = DNS_RRSET_INIT, .wire = NULL, .wire_len = 0}

/* Frees what *a holds and resets it. NULL is a no-op. */
void dns_wire_answer_clear(struct dns_answer *a);

enum dns_parse_status {
	DNS_PARSE_OK,
	DNS_PARSE_MALFORMED, /* does not parse, or carries TSIG (never asked for) */
	DNS_PARSE_NOMEM,
};

/* Parses MSG, which dns_wire_reply_check() accepted, into *out (initialised
 * with DNS_ANSWER_INIT). The records of Q's type are those owned by the
 * question name or, following CNAMEs inside the answer section (at most
 * 16, so loops end), by the chain's last name, in the order received.
 * Data as dns_seam.h describes, names as dns_wire_name_to_text() writes
 * them; SOA (not in the seam): the text "MNAME RNAME SERIAL REFRESH RETRY
 * EXPIRE MINIMUM"; NS: the name; other types: the raw RDATA.
 * Status: NOERROR with records OK, without NODATA; NXDOMAIN NXDOMAIN; a
 * CNAME loop and every other rcode SERVFAIL. For NODATA and
 * NXDOMAIN, rrset.ttl is min(SOA TTL, SOA MINIMUM) from the authority
 * section (RFC 2308 5), 0 without SOA. On failure *out is left empty. */
enum dns_parse_status dns_wire_reply_parse(const struct dns_wire_query *q, const uint8_t *msg,
					   size_t len, struct dns_answer *out);

/* Writes the wire-form name NAME (LEN octets) as text without the trailing
 * dot into BUF (SIZE bytes, at least 1024 holds any name): ASCII letters in
 * lower case (RFC 4343: case carries no meaning, and a reply's compression
 * may echo the question's case into other names), "." and "\" inside a
 * label escaped with "\", octets outside printable ASCII as "\DDD" (RFC
 * 1035 5.1). The root is "". False when the name is malformed or BUF too
 * small. */
bool dns_wire_name_to_text(const uint8_t *name, size_t len, char *buf, size_t size);
