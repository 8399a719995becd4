/* dns_wire.c — queries built with ldns, replies checked and converted. */
#include "dns_wire.h"

#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

/* The CNAME chain inside one answer section; loops end here. */
#define CNAME_HOPS_MAX 16

enum dname_status
dns_wire_name_check(const char *name)
{
	if (!name)
		return DNAME_EMPTY;
	return dname_check(name, strlen(name), DNAME_ROOT_DOT | DNAME_PRINTABLE, NULL);
}

/* Text to wire form, literally (dns_wire_name_check() passed): ldns's
 * ldns_str2rdf_dname would interpret escapes and accept garbage. */
static size_t
name_to_wire(const char *name, uint8_t out[DNS_WIRE_NAME_MAX])
{
	size_t len = strlen(name), o = 0;
	if (len > 0 && name[len - 1] == '.')
		len--;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || name[i] == '.') {
			out[o++] = (uint8_t)(i - start);
			memcpy(out + o, name + start, i - start);
			o += i - start;
			start = i + 1;
		}
	}
	out[o++] = 0;
	return o;
}

bool
dns_wire_query_build(const char *name, enum dns_type type, unsigned flags,
		     struct dns_wire_query *out)
{
	bool ok = false;
	ldns_pkt *pkt = NULL;
	*out = (struct dns_wire_query){0};
	if (dns_wire_name_check(name) != DNAME_OK)
		goto out;
	out->qname_len = name_to_wire(name, out->qname);
	out->type = (uint16_t)type;
	/* RFC 5452 9.2: an unpredictable ID (the source port is the kernel's
	 * random ephemeral port). */
	if (getrandom(&out->id, sizeof(out->id), 0) != (ssize_t)sizeof(out->id))
		goto out;

	ldns_rdf *qname = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, out->qname_len, out->qname);
	if (!qname)
		goto out;
	/* The packet owns qname from here on; when ldns 1.8.3 fails it has
	 * not taken it yet (every failure returns before the owner is set). */
	pkt = ldns_pkt_query_new(qname, (ldns_rr_type)type, LDNS_RR_CLASS_IN, 0);
	if (!pkt) {
		ldns_rdf_deep_free(qname);
		goto out;
	}
	ldns_pkt_set_id(pkt, out->id);
	ldns_pkt_set_rd(pkt, (flags & DNS_QUERY_RD) != 0);
	ldns_pkt_set_cd(pkt, (flags & DNS_QUERY_CD) != 0);
	if (!(flags & DNS_QUERY_NO_EDNS)) {
		ldns_pkt_set_edns_udp_size(pkt, DNS_WIRE_EDNS_SIZE);
		ldns_pkt_set_edns_do(pkt, (flags & DNS_QUERY_DO) != 0);
		out->keep_wire = (flags & DNS_QUERY_DO) != 0;
	}
	if (ldns_pkt2wire(&out->msg, pkt, &out->len) != LDNS_STATUS_OK)
		goto out;
	ok = true;
out:
	ldns_pkt_free(pkt);
	if (!ok)
		dns_wire_query_clear(out);
	return ok;
}

void
dns_wire_query_clear(struct dns_wire_query *q)
{
	if (!q)
		return;
	free(q->msg);
	*q = (struct dns_wire_query){0};
}

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

bool
dns_wire_reply_truncated(const uint8_t *msg, size_t len)
{
	return len >= DNS_WIRE_HEADER_LEN && (msg[2] & 0x02);
}

enum dns_reply_check
dns_wire_reply_check(const struct dns_wire_query *q, const uint8_t *msg, size_t len)
{
	if (len < DNS_WIRE_HEADER_LEN)
		return DNS_REPLY_SHORT;
	if (get16(msg) != q->id)
		return DNS_REPLY_WRONG_ID;
	if (!(msg[2] & 0x80))
		return DNS_REPLY_NOT_RESPONSE;
	if (((msg[2] >> 3) & 0x0f) != LDNS_PACKET_QUERY)
		return DNS_REPLY_WRONG_OPCODE;
	if (get16(msg + 4) != 1)
		return DNS_REPLY_WRONG_QDCOUNT;
	/* The question starts at offset 12, so it cannot be compressed (a
	 * pointer would point into the header): compare it octet by octet. */
	size_t need = DNS_WIRE_HEADER_LEN + q->qname_len + 4;
	if (len < need)
		return DNS_REPLY_WRONG_QUESTION;
	const uint8_t *p = msg + DNS_WIRE_HEADER_LEN;
	for (size_t i = 0; i < q->qname_len; i++) {
		/* Label lengths are < 64, so lowering them changes nothing. */
		if (lower(p[i]) != lower(q->qname[i]))
			return DNS_REPLY_WRONG_QUESTION;
	}
	p += q->qname_len;
	if (get16(p) != q->type || get16(p + 2) != LDNS_RR_CLASS_IN)
		return DNS_REPLY_WRONG_QUESTION;
	return DNS_REPLY_MATCH;
}

/* Skips a possibly compressed name at *off; false when it runs off the end. */
static bool
skip_name(const uint8_t *msg, size_t len, size_t *off)
{
	size_t o = *off;
	for (;;) {
		if (o >= len)
			return false;
		uint8_t l = msg[o];
		if ((l & 0xc0) == 0xc0) {
			if (o + 2 > len)
				return false;
			*off = o + 2;
			return true;
		}
		if (l & 0xc0)
			return false;
		o += 1 + (size_t)l;
		if (l == 0) {
			*off = o;
			return true;
		}
	}
}

/* Walks every record: false when the sections do not add up or a TSIG
 * record is present (we never sign; ldns issue 317 leaks on several). */
static bool
sections_sane(const uint8_t *msg, size_t len)
{
	size_t off = DNS_WIRE_HEADER_LEN;
	size_t qd = get16(msg + 4);
	size_t rrs = (size_t)get16(msg + 6) + get16(msg + 8) + get16(msg + 10);
	for (size_t i = 0; i < qd; i++) {
		if (!skip_name(msg, len, &off) || off + 4 > len)
			return false;
		off += 4;
	}
	for (size_t i = 0; i < rrs; i++) {
		if (!skip_name(msg, len, &off) || off + 10 > len)
			return false;
		if (get16(msg + off) == LDNS_RR_TYPE_TSIG)
			return false;
		size_t rdlen = get16(msg + off + 8);
		off += 10;
		if (off + rdlen > len)
			return false;
		off += rdlen;
	}
	return true;
}

bool
dns_wire_name_to_text(const uint8_t *name, size_t len, char *buf, size_t size)
{
	size_t o = 0, i = 0;
	if (size == 0)
		return false;
	while (i < len && name[i] != 0) {
		uint8_t l = name[i++];
		if (l > DNAME_LABEL_MAX || i + l > len)
			return false;
		if (o > 0) {
			if (o + 1 >= size)
				return false;
			buf[o++] = '.';
		}
		for (size_t k = 0; k < l; k++) {
			unsigned char c = name[i + k];
			char tmp[5];
			int n;
			if (c == '.' || c == '\\')
				n = snprintf(tmp, sizeof(tmp), "\\%c", c);
			else if (c > ' ' && c < 0x7f)
				n = snprintf(tmp, sizeof(tmp), "%c", lower(c));
			else
				n = snprintf(tmp, sizeof(tmp), "\\%03u", c);
			if (n < 0 || o + (size_t)n >= size)
				return false;
			memcpy(buf + o, tmp, (size_t)n);
			o += (size_t)n;
		}
		i += l;
	}
	if (i >= len)
		return false; /* no root label */
	buf[o] = '\0';
	return true;
}

static bool
rdf_name_text(const ldns_rdf *rdf, char *buf, size_t size)
{
	if (!rdf || ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_DNAME)
		return false;
	return dns_wire_name_to_text(ldns_rdf_data(rdf), ldns_rdf_size(rdf), buf, size);
}

static uint32_t
min32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* The rdfs of RR back to back, each without its first SKIP octets (1: the
 * length byte of a character-string), in a new buffer of *LEN octets (one
 * more allocated). NULL: out of memory. */
static unsigned char *
join_rdfs(const ldns_rr *rr, size_t skip, size_t *len)
{
	size_t n = ldns_rr_rd_count(rr), total = 0, o = 0;
	for (size_t k = 0; k < n; k++) {
		size_t size = ldns_rdf_size(ldns_rr_rdf(rr, k));
		total += size > skip ? size - skip : 0;
	}
	unsigned char *out = malloc(total + 1);
	if (!out)
		return NULL;
	for (size_t k = 0; k < n; k++) {
		const ldns_rdf *rdf = ldns_rr_rdf(rr, k);
		size_t size = ldns_rdf_size(rdf);
		if (size <= skip)
			continue;
		memcpy(out + o, ldns_rdf_data(rdf) + skip, size - skip);
		o += size - skip;
	}
	*len = total;
	return out;
}

/* An SOA record as the text "MNAME RNAME SERIAL REFRESH RETRY EXPIRE
 * MINIMUM"; one of another shape is skipped. False: out of memory. */
static bool
add_soa(struct dns_rrset *set, const ldns_rr *rr)
{
	char mname[1024], rname[1024];
	if (ldns_rr_rd_count(rr) != 7 || !rdf_name_text(ldns_rr_rdf(rr, 0), mname, sizeof(mname)) ||
	    !rdf_name_text(ldns_rr_rdf(rr, 1), rname, sizeof(rname)))
		return true;
	uint32_t v[5];
	for (size_t k = 0; k < 5; k++) {
		if (ldns_rdf_size(ldns_rr_rdf(rr, 2 + k)) != 4)
			return true;
		v[k] = ldns_rdf2native_int32(ldns_rr_rdf(rr, 2 + k));
	}
	char soa[2200];
	int len = snprintf(soa, sizeof(soa), "%s %s %u %u %u %u %u", mname, rname, (unsigned)v[0],
			   (unsigned)v[1], (unsigned)v[2], (unsigned)v[3], (unsigned)v[4]);
	if (len < 0 || (size_t)len >= sizeof(soa))
		return true;
	return dns_rrset_add(set, soa, (size_t)len, ldns_rr_ttl(rr), 0);
}

/* Appends RR's data to SET in the form dns_seam.h describes. A record whose
 * data does not have the expected shape is skipped. False: out of memory. */
static bool
add_record(struct dns_rrset *set, const ldns_rr *rr)
{
	uint32_t ttl = ldns_rr_ttl(rr);
	size_t n = ldns_rr_rd_count(rr);
	char text[1024];
	switch (ldns_rr_get_type(rr)) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA: {
		size_t want = ldns_rr_get_type(rr) == LDNS_RR_TYPE_A ? 4 : 16;
		const ldns_rdf *rdf = ldns_rr_rdf(rr, 0);
		if (n != 1 || ldns_rdf_size(rdf) != want)
			return true;
		return dns_rrset_add(set, ldns_rdf_data(rdf), want, ttl, 0);
	}
	case LDNS_RR_TYPE_TXT:
	case LDNS_RR_TYPE_SPF: {
		/* RFC 7208 3.3: the character-strings are joined without a
		 * separator; each rdf is a length byte plus that many bytes. */
		size_t total;
		unsigned char *joined = join_rdfs(rr, 1, &total);
		if (!joined)
			return false;
		bool ok = dns_rrset_add(set, joined, total, ttl, 0);
		free(joined);
		if (ok)
			set->records[set->count - 1].nstrings = n;
		return ok;
	}
	case LDNS_RR_TYPE_MX:
		if (n != 2 || ldns_rdf_size(ldns_rr_rdf(rr, 0)) != 2 ||
		    !rdf_name_text(ldns_rr_rdf(rr, 1), text, sizeof(text)))
			return true;
		return dns_rrset_add(set, text, strlen(text), ttl,
				     ldns_rdf2native_int16(ldns_rr_rdf(rr, 0)));
	case LDNS_RR_TYPE_PTR:
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_NS:
		if (n != 1 || !rdf_name_text(ldns_rr_rdf(rr, 0), text, sizeof(text)))
			return true;
		return dns_rrset_add(set, text, strlen(text), ttl, 0);
	case LDNS_RR_TYPE_SOA:
		return add_soa(set, rr);
	default: {
		/* The raw RDATA: the rdfs back to back. */
		size_t total;
		unsigned char *raw = join_rdfs(rr, 0, &total);
		if (!raw)
			return false;
		bool ok = dns_rrset_add(set, raw, total, ttl, 0);
		free(raw);
		return ok;
	}
	}
}

/* RFC 2308 5: the negative caching time is the smaller of the SOA record's
 * TTL and its MINIMUM field. */
static uint32_t
negative_ttl(const ldns_pkt *pkt)
{
	const ldns_rr_list *auth = ldns_pkt_authority(pkt);
	for (size_t i = 0; i < ldns_rr_list_rr_count(auth); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(auth, i);
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_SOA || ldns_rr_rd_count(rr) != 7)
			continue;
		const ldns_rdf *minimum = ldns_rr_rdf(rr, 6);
		if (ldns_rdf_size(minimum) != 4)
			continue;
		return min32(ldns_rr_ttl(rr), ldns_rdf2native_int32(minimum));
	}
	return 0;
}

void
dns_wire_answer_clear(struct dns_answer *a)
{
	if (!a)
		return;
	dns_rrset_clear(&a->rrset);
	free(a->wire);
	*a = (struct dns_answer)DNS_ANSWER_INIT;
}

/* A copy of the reply's bytes in OUT, for dnssec.h. */
static enum dns_parse_status
keep_wire(struct dns_answer *out, const uint8_t *msg, size_t len)
{
	if (!(out->wire = malloc(len)))
		return DNS_PARSE_NOMEM;
	memcpy(out->wire, msg, len);
	out->wire_len = len;
	return DNS_PARSE_OK;
}

enum dns_parse_status
dns_wire_reply_parse(const struct dns_wire_query *q, const uint8_t *msg, size_t len,
		     struct dns_answer *out)
{
	enum dns_parse_status status = DNS_PARSE_MALFORMED;
	ldns_pkt *pkt = NULL;
	ldns_rdf *owner = NULL;
	bool loop = false;

	if (dns_wire_reply_check(q, msg, len) != DNS_REPLY_MATCH || !sections_sane(msg, len))
		goto out;
	if (ldns_wire2pkt(&pkt, msg, len) != LDNS_STATUS_OK)
		goto out;
	out->rcode = (uint8_t)(msg[3] & 0x0f);
	out->aa = ldns_pkt_aa(pkt);
	out->tc = ldns_pkt_tc(pkt);

	owner = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, q->qname_len, q->qname);
	if (!owner) {
		status = DNS_PARSE_NOMEM;
		goto out;
	}
	const ldns_rr_list *answer = ldns_pkt_answer(pkt);
	size_t count = ldns_rr_list_rr_count(answer);
	for (size_t hop = 0;; hop++) {
		const ldns_rdf *next = NULL;
		for (size_t i = 0; i < count; i++) {
			const ldns_rr *rr = ldns_rr_list_rr(answer, i);
			if (ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN ||
			    ldns_dname_compare(ldns_rr_owner(rr), owner) != 0)
				continue;
			if (ldns_rr_get_type(rr) == q->type) {
				if (!add_record(&out->rrset, rr)) {
					status = DNS_PARSE_NOMEM;
					goto out;
				}
			} else if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_CNAME && !next &&
				   ldns_rr_rd_count(rr) == 1) {
				next = ldns_rr_rdf(rr, 0);
			}
		}
		if (out->rrset.count > 0 || !next)
			break;
		/* RFC 1034 3.6.2: restart with the CNAME's target. */
		if (hop == CNAME_HOPS_MAX) {
			loop = true;
			break;
		}
		ldns_rdf *target = ldns_rdf_clone(next);
		if (!target) {
			status = DNS_PARSE_NOMEM;
			goto out;
		}
		ldns_rdf_deep_free(owner);
		owner = target;
	}

	if (loop || (out->rcode != DNS_RCODE_NOERROR && out->rcode != DNS_RCODE_NXDOMAIN)) {
		dns_rrset_clear(&out->rrset);
		out->rrset.status = DNS_STATUS_SERVFAIL;
	} else if (out->rcode == DNS_RCODE_NXDOMAIN) {
		dns_rrset_clear(&out->rrset);
		out->rrset.status = DNS_STATUS_NXDOMAIN;
		out->rrset.ttl = negative_ttl(pkt);
	} else if (out->rrset.count == 0) {
		out->rrset.status = DNS_STATUS_NODATA;
		out->rrset.ttl = negative_ttl(pkt);
	} else {
		out->rrset.status = DNS_STATUS_OK;
	}
	status = q->keep_wire ? keep_wire(out, msg, len) : DNS_PARSE_OK;
out:
	ldns_rdf_deep_free(owner);
	ldns_pkt_free(pkt);
	if (status != DNS_PARSE_OK)
		dns_wire_answer_clear(out);
	return status;
}
