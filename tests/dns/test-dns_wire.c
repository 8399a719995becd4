/* test-dns_wire.c — queries and replies as byte buffers: RFC 5452 checks,
 * conversion into struct dns_rrset, name checks. No network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "dns_wire.h"

/* A reply under construction. */
struct msg {
	uint8_t b[4096];
	size_t len;
};

static void
put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
append(struct msg *m, const void *data, size_t len)
{
	assert_true(m->len + len <= sizeof(m->b));
	memcpy(m->b + m->len, data, len);
	m->len += len;
}

/* "a.b" → wire form; returns its length. */
static size_t
wire_name(const char *text, uint8_t *out)
{
	size_t o = 0;
	while (*text) {
		const char *dot = strchr(text, '.');
		size_t l = dot ? (size_t)(dot - text) : strlen(text);
		out[o++] = (uint8_t)l;
		memcpy(out + o, text, l);
		o += l;
		text += l + (dot ? 1 : 0);
	}
	out[o++] = 0;
	return o;
}

/* A reply to Q: its header and question, QR set, RCODE, counts zero. */
static void
reply_to(const struct dns_wire_query *q, struct msg *m, unsigned rcode)
{
	m->len = 0;
	append(m, q->msg, DNS_WIRE_HEADER_LEN + q->qname_len + 4);
	m->b[2] = (uint8_t)(0x80 | (q->msg[2] & 0x01));
	m->b[3] = (uint8_t)rcode;
	put16(m->b + 6, 0);
	put16(m->b + 8, 0);
	put16(m->b + 10, 0);
}

/* Appends a record to SECTION (0 answer, 1 authority, 2 additional). OWNER
 * NULL means a pointer to the question name. */
static void
add_rr(struct msg *m, int section, const char *owner, unsigned type, uint32_t ttl,
       const void *rdata, size_t rdlen)
{
	uint8_t name[300];
	if (owner)
		append(m, name, wire_name(owner, name));
	else
		append(m, "\xc0\x0c", 2);
	uint8_t fixed[10];
	put16(fixed, type);
	put16(fixed + 2, 1);
	put16(fixed + 4, ttl >> 16);
	put16(fixed + 6, ttl & 0xffff);
	put16(fixed + 8, (unsigned)rdlen);
	append(m, fixed, sizeof(fixed));
	append(m, rdata, rdlen);
	uint8_t *count = m->b + 6 + 2 * section;
	put16(count, (unsigned)(count[0] << 8 | count[1]) + 1);
}

static size_t
soa_rdata(uint8_t *out, uint32_t minimum)
{
	size_t o = wire_name("ns1.example.de", out);
	o += wire_name("hostmaster.example.de", out + o);
	uint32_t v[5] = {7, 3600, 900, 604800, minimum};
	for (int i = 0; i < 5; i++) {
		put16(out + o, v[i] >> 16);
		put16(out + o + 2, v[i] & 0xffff);
		o += 4;
	}
	return o;
}

static void
build(struct dns_wire_query *q, const char *name, enum dns_type type, unsigned flags)
{
	assert_true(dns_wire_query_build(name, type, flags, q));
}

static void
test_query_build(void **state)
{
	(void)state;
	struct dns_wire_query q;
	build(&q, "Beispiel-Firma.de", DNS_TYPE_TXT, DNS_QUERY_RD);
	assert_int_equal(q.msg[0] << 8 | q.msg[1], q.id);
	assert_int_equal(q.msg[2], 0x01); /* QR 0, opcode QUERY, RD */
	assert_int_equal(q.msg[5], 1);    /* QDCOUNT */
	assert_int_equal(q.msg[11], 1);   /* ARCOUNT: the OPT record */
	assert_memory_equal(q.msg + 12, "\016Beispiel-Firma\002de\000", 19);
	assert_memory_equal(q.msg + 31, "\000\020\000\001", 4);
	/* OPT: root owner, type 41, class = UDP size 1232, TTL 0 (DO clear) */
	assert_memory_equal(q.msg + 35, "\000\000\051\004\320\000\000\000\000", 9);
	dns_wire_query_clear(&q);

	build(&q, "example.de.", DNS_TYPE_A, DNS_QUERY_NO_EDNS);
	assert_int_equal(q.msg[2], 0x00); /* no RD */
	assert_int_equal(q.msg[11], 0);
	assert_int_equal(q.len, 12 + 12 + 4);
	dns_wire_query_clear(&q);

	/* The ID is random: 8 queries do not all share one. */
	uint16_t first = 0;
	bool differ = false;
	for (int i = 0; i < 8; i++) {
		build(&q, "example.de", DNS_TYPE_A, 0);
		if (i == 0)
			first = q.id;
		else if (q.id != first)
			differ = true;
		dns_wire_query_clear(&q);
	}
	assert_true(differ);

	assert_false(dns_wire_query_build("a..de", DNS_TYPE_A, 0, &q));
	assert_null(q.msg);
	dns_wire_query_clear(NULL);
}

static void
test_name_check(void **state)
{
	(void)state;
	char l63[64], l64[65], n253[254], n254[255];
	memset(l63, 'a', 63), l63[63] = 0;
	memset(l64, 'a', 64), l64[64] = 0;
	/* 63.63.63.61 = 253 octets */
	memset(n253, 'b', 253), n253[253] = 0;
	n253[63] = n253[127] = n253[191] = '.';
	memcpy(n254, n253, 253), n254[253] = 'c', n254[254] = 0;
	static const struct {
		const char *name;
		enum dname_status want;
	} cases[] = {
		{"beispiel-firma.de", DNAME_OK},
		{"beispiel-firma.de.", DNAME_OK},
		{"_spf.kette.de", DNAME_OK},
		{"xn--mller-bau-q9a.de", DNAME_OK},
		{"", DNAME_EMPTY},
		{".", DNAME_EMPTY},
		{"a..de", DNAME_EMPTY_LABEL},
		{".de", DNAME_EMPTY_LABEL},
		{"de..", DNAME_EMPTY_LABEL},
		{"a b.de", DNAME_BAD_CHAR},
		{"m\xc3\xbcller.de", DNAME_BAD_CHAR},
		{"tab\t.de", DNAME_BAD_CHAR},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(dns_wire_name_check(cases[i].name), cases[i].want);
	assert_int_equal(dns_wire_name_check(NULL), DNAME_EMPTY);
	assert_int_equal(dns_wire_name_check(l63), DNAME_OK);
	assert_int_equal(dns_wire_name_check(l64), DNAME_LABEL_TOO_LONG);
	assert_int_equal(dns_wire_name_check(n253), DNAME_OK);
	assert_int_equal(dns_wire_name_check(n254), DNAME_TOO_LONG);
}

static void
test_reply_check(void **state)
{
	(void)state;
	struct dns_wire_query q;
	struct msg m, bad;
	build(&q, "beispiel-firma.de", DNS_TYPE_TXT, DNS_QUERY_RD);
	reply_to(&q, &m, 0);
	assert_int_equal(dns_wire_reply_check(&q, m.b, m.len), DNS_REPLY_MATCH);
	assert_int_equal(dns_wire_reply_check(&q, m.b, 11), DNS_REPLY_SHORT);
	assert_int_equal(dns_wire_reply_check(&q, m.b, 0), DNS_REPLY_SHORT);

	bad = m, bad.b[1] ^= 1;
	assert_int_equal(dns_wire_reply_check(&q, bad.b, bad.len), DNS_REPLY_WRONG_ID);
	bad = m, bad.b[2] &= 0x7f;
	assert_int_equal(dns_wire_reply_check(&q, bad.b, bad.len), DNS_REPLY_NOT_RESPONSE);
	bad = m, bad.b[2] |= 4 << 3; /* NOTIFY */
	assert_int_equal(dns_wire_reply_check(&q, bad.b, bad.len), DNS_REPLY_WRONG_OPCODE);
	bad = m, bad.b[5] = 0;
	assert_int_equal(dns_wire_reply_check(&q, bad.b, bad.len), DNS_REPLY_WRONG_QDCOUNT);
	bad = m, bad.b[5] = 2;
	assert_int_equal(dns_wire_reply_check(&q, bad.b, bad.len), DNS_REPLY_WRONG_QDCOUNT);
	bad = m, bad.b[14] = 'x'; /* beispiel → bxispiel */
	assert_int_equal(dns_wire_reply_check(&q, bad.b, bad.len), DNS_REPLY_WRONG_QUESTION);
	bad = m, bad.b[12] = 5; /* another label length */
	assert_int_equal(dns_wire_reply_check(&q, bad.b, bad.len), DNS_REPLY_WRONG_QUESTION);
	bad = m, bad.b[12 + q.qname_len + 1] = 1; /* type A */
	assert_int_equal(dns_wire_reply_check(&q, bad.b, bad.len), DNS_REPLY_WRONG_QUESTION);
	bad = m, bad.b[12 + q.qname_len + 3] = 3; /* class CH */
	assert_int_equal(dns_wire_reply_check(&q, bad.b, bad.len), DNS_REPLY_WRONG_QUESTION);
	assert_int_equal(dns_wire_reply_check(&q, m.b, m.len - 1), DNS_REPLY_WRONG_QUESTION);
	/* RFC 4343: names compare case-insensitively (0x20 randomisation). */
	bad = m, bad.b[13] = 'B', bad.b[20] = 'L';
	assert_int_equal(dns_wire_reply_check(&q, bad.b, bad.len), DNS_REPLY_MATCH);

	assert_false(dns_wire_reply_truncated(m.b, m.len));
	bad = m, bad.b[2] |= 0x02;
	assert_true(dns_wire_reply_truncated(bad.b, bad.len));
	assert_false(dns_wire_reply_truncated(bad.b, 11));
	dns_wire_query_clear(&q);
}

static void
test_parse_txt(void **state)
{
	(void)state;
	struct dns_wire_query q;
	struct msg m;
	struct dns_answer a = DNS_ANSWER_INIT;
	build(&q, "beispiel-firma.de", DNS_TYPE_TXT, 0);
	reply_to(&q, &m, 0);
	m.b[2] |= 0x04; /* AA */
	add_rr(&m, 0, NULL, DNS_TYPE_TXT, 300, "\007v=spf1 \004-all", 13);
	add_rr(&m, 0, "BEISPIEL-FIRMA.de", DNS_TYPE_TXT, 200, "\003a\000b", 4);
	add_rr(&m, 0, "other.de", DNS_TYPE_TXT, 100, "\001x", 2);
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_OK);
	assert_int_equal(a.rcode, DNS_RCODE_NOERROR);
	assert_true(a.aa);
	assert_false(a.tc);
	assert_int_equal(a.rrset.status, DNS_STATUS_OK);
	assert_int_equal(a.rrset.count, 2);
	assert_int_equal(a.rrset.ttl, 200);
	assert_int_equal(a.rrset.records[0].len, 11);
	assert_memory_equal(a.rrset.records[0].data, "v=spf1 -all", 12);
	assert_int_equal(a.rrset.records[0].nstrings, 2);
	assert_int_equal(a.rrset.records[0].ttl, 300);
	assert_int_equal(a.rrset.records[1].len, 3);
	assert_memory_equal(a.rrset.records[1].data, "a\0b", 4);
	assert_int_equal(a.rrset.records[1].nstrings, 1);
	dns_wire_answer_clear(&a);
	dns_wire_answer_clear(NULL);
	dns_wire_query_clear(&q);
}

static void
test_parse_addresses_mx(void **state)
{
	(void)state;
	struct dns_wire_query q;
	struct msg m;
	struct dns_answer a = DNS_ANSWER_INIT;

	build(&q, "mx.example.de", DNS_TYPE_AAAA, 0);
	reply_to(&q, &m, 0);
	add_rr(&m, 0, NULL, DNS_TYPE_AAAA, 60,
	       "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x25", 16);
	add_rr(&m, 0, NULL, DNS_TYPE_A, 60, "\xc0\x00\x02\x01", 4); /* another type */
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_OK);
	assert_int_equal(a.rrset.count, 1);
	assert_int_equal(a.rrset.records[0].len, 16);
	assert_memory_equal(a.rrset.records[0].data, "\x20\x01\x0d\xb8", 4);
	assert_false(a.aa);
	dns_wire_answer_clear(&a);
	dns_wire_query_clear(&q);

	build(&q, "example.de", DNS_TYPE_MX, 0);
	reply_to(&q, &m, 0);
	uint8_t rd[64];
	put16(rd, 10);
	size_t n = wire_name("Mail.example.de", rd + 2);
	add_rr(&m, 0, NULL, DNS_TYPE_MX, 3600, rd, 2 + n);
	put16(rd, 0);
	rd[2] = 0;
	add_rr(&m, 0, NULL, DNS_TYPE_MX, 3600, rd, 3); /* null MX (RFC 7505) */
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_OK);
	assert_int_equal(a.rrset.count, 2);
	assert_int_equal(a.rrset.records[0].pref, 10);
	assert_string_equal((char *)a.rrset.records[0].data, "mail.example.de");
	assert_int_equal(a.rrset.records[1].pref, 0);
	assert_string_equal((char *)a.rrset.records[1].data, "");
	dns_wire_answer_clear(&a);
	dns_wire_query_clear(&q);
}

static void
test_parse_cname(void **state)
{
	(void)state;
	struct dns_wire_query q;
	struct msg m;
	struct dns_answer a = DNS_ANSWER_INIT;
	uint8_t rd[64];

	build(&q, "www.example.de", DNS_TYPE_A, 0);
	reply_to(&q, &m, 0);
	add_rr(&m, 0, NULL, DNS_TYPE_CNAME, 600, rd, wire_name("web.example.de", rd));
	add_rr(&m, 0, "web.example.de", DNS_TYPE_CNAME, 300, rd, wire_name("host.example.de", rd));
	add_rr(&m, 0, "elsewhere.example.de", DNS_TYPE_A, 10, "\x01\x02\x03\x04", 4);
	add_rr(&m, 0, "HOST.example.de", DNS_TYPE_A, 120, "\xc0\x00\x02\x50", 4);
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_OK);
	assert_int_equal(a.rrset.status, DNS_STATUS_OK);
	assert_int_equal(a.rrset.count, 1);
	assert_memory_equal(a.rrset.records[0].data, "\xc0\x00\x02\x50", 4);
	assert_int_equal(a.rrset.ttl, 120);
	dns_wire_answer_clear(&a);

	/* Asking for the CNAME itself does not follow it. */
	struct dns_wire_query qc;
	build(&qc, "www.example.de", DNS_TYPE_CNAME, 0);
	memcpy(m.b, qc.msg, 2);
	m.b[12 + qc.qname_len + 1] = DNS_TYPE_CNAME;
	assert_int_equal(dns_wire_reply_parse(&qc, m.b, m.len, &a), DNS_PARSE_OK);
	assert_int_equal(a.rrset.count, 1);
	assert_string_equal((char *)a.rrset.records[0].data, "web.example.de");
	dns_wire_answer_clear(&a);
	dns_wire_query_clear(&qc);

	/* A chain that leaves the answer section: NODATA here. */
	reply_to(&q, &m, 0);
	add_rr(&m, 0, NULL, DNS_TYPE_CNAME, 600, rd, wire_name("web.example.de", rd));
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_OK);
	assert_int_equal(a.rrset.status, DNS_STATUS_NODATA);
	dns_wire_answer_clear(&a);

	/* A loop ends: SERVFAIL. */
	reply_to(&q, &m, 0);
	add_rr(&m, 0, NULL, DNS_TYPE_CNAME, 600, rd, wire_name("web.example.de", rd));
	add_rr(&m, 0, "web.example.de", DNS_TYPE_CNAME, 600, rd, wire_name("www.example.de", rd));
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_OK);
	assert_int_equal(a.rrset.status, DNS_STATUS_SERVFAIL);
	assert_int_equal(a.rrset.count, 0);
	dns_wire_answer_clear(&a);

	/* A self-loop too. */
	reply_to(&q, &m, 0);
	add_rr(&m, 0, NULL, DNS_TYPE_CNAME, 600, rd, wire_name("www.example.de", rd));
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_OK);
	assert_int_equal(a.rrset.status, DNS_STATUS_SERVFAIL);
	dns_wire_answer_clear(&a);
	dns_wire_query_clear(&q);
}

static void
test_parse_negative(void **state)
{
	(void)state;
	struct dns_wire_query q;
	struct msg m;
	struct dns_answer a = DNS_ANSWER_INIT;
	uint8_t rd[128];
	size_t n;

	build(&q, "nix.example.de", DNS_TYPE_TXT, 0);
	/* NXDOMAIN: SOA TTL 3600, MINIMUM 300 → 300 */
	reply_to(&q, &m, DNS_RCODE_NXDOMAIN);
	n = soa_rdata(rd, 300);
	add_rr(&m, 1, "example.de", DNS_TYPE_SOA, 3600, rd, n);
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_OK);
	assert_int_equal(a.rcode, DNS_RCODE_NXDOMAIN);
	assert_int_equal(a.rrset.status, DNS_STATUS_NXDOMAIN);
	assert_int_equal(a.rrset.ttl, 300);
	assert_int_equal(a.rrset.count, 0);
	dns_wire_answer_clear(&a);

	/* NODATA: SOA TTL 120, MINIMUM 900 → 120 */
	reply_to(&q, &m, 0);
	n = soa_rdata(rd, 900);
	add_rr(&m, 1, "example.de", DNS_TYPE_SOA, 120, rd, n);
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_OK);
	assert_int_equal(a.rrset.status, DNS_STATUS_NODATA);
	assert_int_equal(a.rrset.ttl, 120);
	dns_wire_answer_clear(&a);

	/* NODATA without SOA: 0 */
	reply_to(&q, &m, 0);
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_OK);
	assert_int_equal(a.rrset.status, DNS_STATUS_NODATA);
	assert_int_equal(a.rrset.ttl, 0);
	dns_wire_answer_clear(&a);

	/* SERVFAIL, REFUSED, NOTIMP: SERVFAIL, records or not. */
	static const unsigned failing[] = {DNS_RCODE_SERVFAIL, DNS_RCODE_REFUSED,
					   DNS_RCODE_NOTIMP, DNS_RCODE_FORMERR};
	for (size_t i = 0; i < 4; i++) {
		reply_to(&q, &m, failing[i]);
		add_rr(&m, 0, NULL, DNS_TYPE_TXT, 300, "\001x", 2);
		assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_OK);
		assert_int_equal(a.rcode, failing[i]);
		assert_int_equal(a.rrset.status, DNS_STATUS_SERVFAIL);
		assert_int_equal(a.rrset.count, 0);
		dns_wire_answer_clear(&a);
	}

	/* The SOA of a SOA query is data (dns-layer text form). */
	struct dns_wire_query qs;
	build(&qs, "example.de", DNS_TYPE_SOA, 0);
	reply_to(&qs, &m, 0);
	n = soa_rdata(rd, 300);
	add_rr(&m, 0, NULL, DNS_TYPE_SOA, 3600, rd, n);
	assert_int_equal(dns_wire_reply_parse(&qs, m.b, m.len, &a), DNS_PARSE_OK);
	assert_string_equal((char *)a.rrset.records[0].data,
			    "ns1.example.de hostmaster.example.de 7 3600 900 604800 300");
	dns_wire_answer_clear(&a);
	dns_wire_query_clear(&qs);
	dns_wire_query_clear(&q);
}

static void
test_parse_malformed(void **state)
{
	(void)state;
	struct dns_wire_query q;
	struct msg m;
	struct dns_answer a = DNS_ANSWER_INIT;
	build(&q, "example.de", DNS_TYPE_TXT, 0);

	reply_to(&q, &m, 0);
	add_rr(&m, 0, NULL, DNS_TYPE_TXT, 300, "\001x", 2);
	m.b[m.len - 3] = 9; /* RDLENGTH beyond the end */
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_MALFORMED);
	assert_int_equal(a.rrset.count, 0);

	reply_to(&q, &m, 0);
	m.b[7] = 2; /* ANCOUNT 2, no records */
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_MALFORMED);

	reply_to(&q, &m, 0);
	add_rr(&m, 0, NULL, DNS_TYPE_TXT, 300, "\005x", 2); /* string longer than RDATA */
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_MALFORMED);

	/* TSIG in ADDITIONAL: never asked for, dropped before ldns sees it. */
	reply_to(&q, &m, 0);
	add_rr(&m, 2, "key.example.de", 250, 0, "\0", 1);
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_MALFORMED);

	/* A reply that does not match is not parsed. */
	reply_to(&q, &m, 0);
	m.b[0] ^= 1;
	assert_int_equal(dns_wire_reply_parse(&q, m.b, m.len, &a), DNS_PARSE_MALFORMED);
	dns_wire_query_clear(&q);
}

static void
test_name_to_text(void **state)
{
	(void)state;
	char buf[64];
	assert_true(dns_wire_name_to_text((const uint8_t *)"\003www\002de", 8, buf, sizeof(buf)));
	assert_string_equal(buf, "www.de");
	assert_true(dns_wire_name_to_text((const uint8_t *)"", 1, buf, sizeof(buf)));
	assert_string_equal(buf, "");
	assert_true(dns_wire_name_to_text((const uint8_t *)"\004a.b\\\002\001 ", 9, buf,
					  sizeof(buf)));
	assert_string_equal(buf, "a\\.b\\\\.\\001\\032");
	/* No root label, label past the end, buffer too small. */
	assert_false(dns_wire_name_to_text((const uint8_t *)"\003www", 4, buf, sizeof(buf)));
	assert_false(dns_wire_name_to_text((const uint8_t *)"\011www", 5, buf, sizeof(buf)));
	assert_false(dns_wire_name_to_text((const uint8_t *)"\003www\002de", 8, buf, 6));
}

/* Mutated replies (fixed seed, bounded): check and parse never crash,
 * never leak (under ASan), and a failed parse leaves the answer empty. */
static void
test_mutations(void **state)
{
	(void)state;
	struct dns_wire_query q;
	struct msg m, base;
	uint8_t rd[128];
	build(&q, "www.example.de", DNS_TYPE_TXT, 0);
	reply_to(&q, &base, 0);
	add_rr(&base, 0, NULL, DNS_TYPE_CNAME, 600, rd, wire_name("web.example.de", rd));
	add_rr(&base, 0, "web.example.de", DNS_TYPE_TXT, 60, "\007v=spf1 \004-all", 13);
	add_rr(&base, 1, "example.de", DNS_TYPE_SOA, 3600, rd, soa_rdata(rd, 300));
	uint32_t seed = 12345;
	unsigned parsed = 0;
	for (int round = 0; round < 20000; round++) {
		m = base;
		int edits = 1 + round % 4;
		for (int e = 0; e < edits; e++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = DNS_WIRE_HEADER_LEN + q.qname_len + 4 +
				    (seed >> 8) % (m.len - DNS_WIRE_HEADER_LEN - q.qname_len - 4);
			m.b[at] = (uint8_t)(seed >> 20);
		}
		if (round % 7 == 0)
			m.len = (seed >> 4) % m.len; /* cut off */
		if (round % 11 == 0)
			m.b[7 + 2 * (int)(seed % 3)] = (uint8_t)(seed >> 12); /* counts */
		struct dns_answer a = DNS_ANSWER_INIT;
		if (dns_wire_reply_check(&q, m.b, m.len) != DNS_REPLY_MATCH)
			continue;
		if (dns_wire_reply_parse(&q, m.b, m.len, &a) == DNS_PARSE_OK)
			parsed++;
		else
			assert_int_equal(a.rrset.count, 0);
		dns_wire_answer_clear(&a);
	}
	assert_true(parsed > 0);
	dns_wire_query_clear(&q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_build),
		cmocka_unit_test(test_name_check),
		cmocka_unit_test(test_reply_check),
		cmocka_unit_test(test_parse_txt),
		cmocka_unit_test(test_parse_addresses_mx),
		cmocka_unit_test(test_parse_cname),
		cmocka_unit_test(test_parse_negative),
		cmocka_unit_test(test_parse_malformed),
		cmocka_unit_test(test_name_to_text),
		cmocka_unit_test(test_mutations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
