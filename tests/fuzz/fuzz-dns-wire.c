/* fuzz-dns-wire.c — DNS replies as bytes: checked and parsed.
 *
 * Input: one byte choosing the query (example.com with type TXT, A, AAAA,
 * MX, PTR, CNAME, SOA, NS or SPF; ID 0x4242), then the reply message.
 * Invariants: the parser accepts only what dns_wire_reply_check() matches;
 * the header fields are the message's; the rrset's status agrees with the
 * rcode and its records; records have the shape dns_seam.h promises (A 4
 * bytes, AAAA 16, names as lower-case text); on failure nothing is left.
 * dns_wire_name_to_text() on the raw bytes never writes beyond its buffer
 * and writes only printable ASCII. */
#include "fuzz.h"

#include "dns_wire.h"

#include <stdbool.h>
#include <string.h>

static const uint16_t query_types[] = {
	DNS_TYPE_TXT, DNS_TYPE_A,   DNS_TYPE_AAAA, DNS_TYPE_MX, DNS_TYPE_PTR,
	DNS_TYPE_CNAME, DNS_TYPE_SOA, 2 /* NS */,   DNS_TYPE_SPF,
};
#define NQUERIES (sizeof(query_types) / sizeof(query_types[0]))
#define QUERY_ID 0x4242

static struct dns_wire_query queries[NQUERIES];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	for (size_t i = 0; i < NQUERIES; i++) {
		FUZZ_CHECK(dns_wire_query_build("example.com", (enum dns_type)query_types[i], 0,
						&queries[i]));
		queries[i].id = QUERY_ID;
	}
	return 0;
}

static bool
printable_name(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f ||
		    (*s >= 'A' && *s <= 'Z'))
			return false;
	return true;
}

static void
check_names(const uint8_t *msg, size_t len)
{
	char buf[1024];
	if (dns_wire_name_to_text(msg, len, buf, sizeof(buf))) {
		FUZZ_CHECK(strlen(buf) < sizeof(buf));
		FUZZ_CHECK(printable_name(buf));
		/* A smaller buffer either holds the same text or fails. */
		size_t small = len ? msg[0] % 64 + 1 : 1;
		char *tight = malloc(small);
		FUZZ_CHECK(tight);
		if (dns_wire_name_to_text(msg, len, tight, small))
			FUZZ_CHECK(strcmp(tight, buf) == 0);
		else
			FUZZ_CHECK(strlen(buf) + 1 > small);
		free(tight);
	}
}

static void
check_record(uint16_t type, const struct dns_record *r)
{
	FUZZ_CHECK(r->data != NULL && r->data[r->len] == '\0');
	FUZZ_CHECK(r->pref == 0 || type == DNS_TYPE_MX);
	switch (type) {
	case DNS_TYPE_A:
		FUZZ_CHECK(r->len == 4);
		break;
	case DNS_TYPE_AAAA:
		FUZZ_CHECK(r->len == 16);
		break;
	case DNS_TYPE_MX:
	case DNS_TYPE_PTR:
	case DNS_TYPE_CNAME:
	case 2:
		FUZZ_CHECK(strlen((const char *)r->data) == r->len);
		FUZZ_CHECK(r->len < 1024);
		FUZZ_CHECK(printable_name((const char *)r->data));
		FUZZ_CHECK(r->len == 0 || r->data[r->len - 1] != '.' ||
			   (r->len >= 2 && r->data[r->len - 2] == '\\'));
		break;
	case DNS_TYPE_TXT:
	case DNS_TYPE_SPF:
		FUZZ_CHECK(r->len <= 65535);
		FUZZ_CHECK(r->len <= r->nstrings * 255);
		break;
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const struct dns_wire_query *q = &queries[data[0] % NQUERIES];
	const uint8_t *msg = data + 1;
	size_t len = size - 1;

	check_names(msg, len);
	check_names(data, size);

	enum dns_reply_check rc = dns_wire_reply_check(q, msg, len);
	FUZZ_CHECK(rc >= DNS_REPLY_MATCH && rc <= DNS_REPLY_WRONG_QUESTION);
	FUZZ_CHECK((rc == DNS_REPLY_SHORT) == (len < DNS_WIRE_HEADER_LEN));
	FUZZ_CHECK(dns_wire_reply_truncated(msg, len) == (len >= 12 && (msg[2] & 0x02)));

	struct dns_answer a = DNS_ANSWER_INIT;
	enum dns_parse_status ps = dns_wire_reply_parse(q, msg, len, &a);
	FUZZ_CHECK(ps == DNS_PARSE_OK || ps == DNS_PARSE_MALFORMED);
	if (ps != DNS_PARSE_OK) {
		FUZZ_CHECK(a.rrset.count == 0 && a.rrset.records == NULL);
		return 0;
	}
	FUZZ_CHECK(rc == DNS_REPLY_MATCH);
	FUZZ_CHECK(a.rcode == (msg[3] & 0x0f));
	FUZZ_CHECK(a.aa == ((msg[2] & 0x04) != 0));
	FUZZ_CHECK(a.tc == ((msg[2] & 0x02) != 0));
	const struct dns_rrset *s = &a.rrset;
	size_t ancount = (size_t)msg[6] << 8 | msg[7];
	FUZZ_CHECK(s->count <= ancount);
	switch (s->status) {
	case DNS_STATUS_OK:
		FUZZ_CHECK(s->count > 0 && a.rcode == DNS_RCODE_NOERROR);
		break;
	case DNS_STATUS_NODATA:
		FUZZ_CHECK(s->count == 0 && a.rcode == DNS_RCODE_NOERROR);
		break;
	case DNS_STATUS_NXDOMAIN:
		FUZZ_CHECK(s->count == 0 && a.rcode == DNS_RCODE_NXDOMAIN);
		break;
	case DNS_STATUS_SERVFAIL:
		FUZZ_CHECK(s->count == 0);
		break;
	default:
		FUZZ_CHECK(!"rrset status");
	}
	uint32_t min = UINT32_MAX;
	for (size_t i = 0; i < s->count; i++) {
		check_record(q->type, &s->records[i]);
		if (s->records[i].ttl < min)
			min = s->records[i].ttl;
	}
	if (s->count)
		FUZZ_CHECK(s->ttl == min);
	/* Parsing is a function of the bytes. */
	struct dns_answer b = DNS_ANSWER_INIT;
	FUZZ_CHECK(dns_wire_reply_parse(q, msg, len, &b) == DNS_PARSE_OK);
	FUZZ_CHECK(b.rrset.count == s->count && b.rrset.status == s->status &&
		   b.rrset.ttl == s->ttl);
	for (size_t i = 0; i < s->count; i++)
		FUZZ_CHECK(b.rrset.records[i].len == s->records[i].len &&
			   memcmp(b.rrset.records[i].data, s->records[i].data, s->records[i].len) == 0);
	dns_wire_answer_clear(&b);
	dns_wire_answer_clear(&a);
	FUZZ_CHECK(a.rrset.count == 0 && a.rrset.records == NULL);
	return 0;
}
