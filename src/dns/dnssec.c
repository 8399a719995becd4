/* dnssec.c — see dnssec.h. */
#include "dnssec.h"

#include <ldns/ldns.h>
#include <string.h>

/* ZONE as an ldns name, or NULL (out of memory or not a name). */
static ldns_rdf *
zone_rdf(const char *zone)
{
	ldns_rdf *rdf = NULL;
	/* The zone came from our own discovery (dname-checked text). */
	if (ldns_str2rdf_dname(&rdf, zone[0] ? zone : ".") != LDNS_STATUS_OK)
		return NULL;
	return rdf;
}

/* The records of TYPE owned by OWNER in the answer section of PKT (for
 * RRSIG: those covering COVERED), as a new list (possibly empty); NULL when
 * out of memory. */
static ldns_rr_list *
answer_records(const ldns_pkt *pkt, const ldns_rdf *owner, ldns_rr_type type,
	       ldns_rr_type covered)
{
	ldns_rr_list *out = ldns_rr_list_new();
	const ldns_rr_list *answer = ldns_pkt_answer(pkt);
	if (!out)
		return NULL;
	for (size_t i = 0; i < ldns_rr_list_rr_count(answer); i++) {
		ldns_rr *rr = ldns_rr_list_rr(answer, i);
		if (ldns_rr_get_type(rr) != type || ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN ||
		    ldns_dname_compare(ldns_rr_owner(rr), owner) != 0)
			continue;
		if (type == LDNS_RR_TYPE_RRSIG &&
		    (!ldns_rr_rrsig_typecovered(rr) ||
		     ldns_rdf2rr_type(ldns_rr_rrsig_typecovered(rr)) != covered))
			continue;
		ldns_rr *copy = ldns_rr_clone(rr);
		if (!copy || !ldns_rr_list_push_rr(out, copy)) {
			ldns_rr_free(copy);
			ldns_rr_list_deep_free(out);
			return NULL;
		}
	}
	return out;
}

/* Bounds on the work a hostile reply can cause (KeyTrap, CVE-2023-50387):
 * signatures tried per RRset and keys kept per zone; with RSA exponents of
 * at most 4 bytes each attempt is cheap. Real zones have 1-4 of either. */
enum { DNSSEC_MAX_SIGS = 8, DNSSEC_MAX_KEYS = 8 };

/* RFC 8624 3.1: the algorithms a validator may use. RSAMD5 (1), DSA (3, 6)
 * and unknown ones are not: validators treat their zones as unsigned. */
static bool
algorithm_usable(uint8_t alg)
{
	switch (alg) {
	case 5: case 7: case 8: case 10: case 13: case 14: case 15: case 16: return true;
	default: return false;
	}
}

static bool
is_rsa(uint8_t alg)
{
	return alg == 5 || alg == 7 || alg == 8 || alg == 10;
}

/* A key a validator would use (RFC 4034 2.1.1-2.1.2, RFC 4035 5.3.1, RFC
 * 5011 7): protocol 3, the Zone flag set, not revoked, a usable algorithm;
 * an RSA key's exponent at most 4 bytes (RFC 3110 2; anything longer only
 * makes verifying slow). */
static bool
key_usable(const ldns_rr *key)
{
	const ldns_rdf *flags = ldns_rr_dnskey_flags(key), *proto = ldns_rr_dnskey_protocol(key);
	const ldns_rdf *alg = ldns_rr_dnskey_algorithm(key), *data = ldns_rr_dnskey_key(key);
	if (!flags || !proto || !alg || !data || ldns_rdf_size(flags) != 2 ||
	    ldns_rdf_size(proto) != 1 || ldns_rdf_size(alg) != 1)
		return false;
	uint16_t f = ldns_rdf2native_int16(flags);
	uint8_t a = ldns_rdf2native_int8(alg);
	if (!(f & LDNS_KEY_ZONE_KEY) || (f & LDNS_KEY_REVOKE_KEY) ||
	    ldns_rdf2native_int8(proto) != 3 || !algorithm_usable(a))
		return false;
	if (!is_rsa(a))
		return true;
	const uint8_t *d = ldns_rdf_data(data);
	size_t n = ldns_rdf_size(data), elen, off;
	if (n < 1)
		return false;
	if (d[0]) {
		elen = d[0];
		off = 1;
	} else {
		if (n < 3)
			return false;
		elen = (size_t)d[1] << 8 | d[2];
		off = 3;
	}
	return elen >= 1 && elen <= 4 && off + elen < n;
}

/* RFC 4034 3.1.5: inception and expiration are serial numbers (RFC 1982),
 * compared in 32-bit arithmetic, so that windows across 2038 or 2106 are
 * judged right (libldns's own check is not: its dates are int32). */
static bool
in_window(const ldns_rr *sig, time_t now)
{
	const ldns_rdf *inc = ldns_rr_rrsig_inception(sig), *exp = ldns_rr_rrsig_expiration(sig);
	if (!inc || !exp || ldns_rdf_size(inc) != 4 || ldns_rdf_size(exp) != 4)
		return false;
	uint32_t t = (uint32_t)now, i = ldns_rdf2native_int32(inc), e = ldns_rdf2native_int32(exp);
	return (uint32_t)(t - i) < 0x80000000u && (uint32_t)(e - t) < 0x80000000u;
}

/* What the RRSIGs in SIGS say about RRSET, signed by ZONE with one of KEYS
 * at NOW: the best of them (valid, then expired, then invalid). A signature
 * of an algorithm a validator does not use, or over a wildcard (its Labels
 * field below the owner's count: valid only with a denial of the name,
 * which is not verified here), proves nothing either way: NOT_CHECKED when
 * no other says something. */
static enum dnssec_state
verify_sigs(const ldns_rr_list *rrset, const ldns_rr_list *sigs, const ldns_rr_list *keys,
	    const ldns_rdf *zone, time_t now)
{
	enum dnssec_state best = DNSSEC_MISSING;
	bool invalid = false, unchecked = false;
	size_t n = ldns_rr_list_rr_count(sigs);
	if (n > DNSSEC_MAX_SIGS)
		n = DNSSEC_MAX_SIGS;
	const ldns_rr *first = ldns_rr_list_rr(rrset, 0);
	unsigned owner_labels = first ? ldns_dname_label_count(ldns_rr_owner(first)) : 0;
	for (size_t i = 0; i < n; i++) {
		const ldns_rr *sig = ldns_rr_list_rr(sigs, i);
		const ldns_rdf *signer = ldns_rr_rrsig_signame(sig);
		const ldns_rdf *alg = ldns_rr_rrsig_algorithm(sig), *labels = ldns_rr_rrsig_labels(sig);
		if (!signer || !alg || !labels || ldns_rdf_size(alg) != 1 ||
		    ldns_rdf_size(labels) != 1) {
			invalid = true;
			continue;
		}
		unsigned l = ldns_rdf2native_int8(labels);
		if (!algorithm_usable(ldns_rdf2native_int8(alg)) || l < owner_labels) {
			unchecked = true;
			continue;
		}
		/* RFC 4035 5.3.1: the signer is the zone that holds the keys. */
		if (l > owner_labels || ldns_dname_compare(signer, zone) != 0) {
			invalid = true;
			continue;
		}
		ldns_status st = ldns_verify_rrsig_keylist_notime(rrset, sig, keys, NULL);
		/* This machine's failures (an algorithm libcrypto lacks, no
		 * memory) are no verdict on the signature. */
		if (st == LDNS_STATUS_CRYPTO_UNKNOWN_ALGO || st == LDNS_STATUS_CRYPTO_ALGO_NOT_IMPL ||
		    st == LDNS_STATUS_MEM_ERR || st == LDNS_STATUS_INTERNAL_ERR)
			unchecked = true;
		else if (st != LDNS_STATUS_OK)
			invalid = true;
		else if (in_window(sig, now))
			return DNSSEC_VALID;
		else
			best = DNSSEC_EXPIRED;
	}
	if (best == DNSSEC_MISSING && invalid)
		return DNSSEC_INVALID;
	if (best == DNSSEC_MISSING && unchecked)
		return DNSSEC_NOT_CHECKED;
	return best;
}

/* The keys of KEYS a validator would use (key_usable), at most
 * DNSSEC_MAX_KEYS, as a new list (possibly empty); NULL: out of memory. */
static ldns_rr_list *
usable_keys(const ldns_rr_list *keys)
{
	ldns_rr_list *out = ldns_rr_list_new();
	if (!out)
		return NULL;
	for (size_t i = 0; i < ldns_rr_list_rr_count(keys); i++) {
		const ldns_rr *key = ldns_rr_list_rr(keys, i);
		if (!key_usable(key))
			continue;
		ldns_rr *copy = ldns_rr_clone(key);
		if (!copy || !ldns_rr_list_push_rr(out, copy)) {
			ldns_rr_free(copy);
			ldns_rr_list_deep_free(out);
			return NULL;
		}
		if (ldns_rr_list_rr_count(out) == DNSSEC_MAX_KEYS)
			break;
	}
	return out;
}

/* MSG parsed, when it is a NOERROR reply; NULL otherwise. */
static ldns_pkt *
parse(const uint8_t *msg, size_t len)
{
	ldns_pkt *pkt = NULL;
	if (!msg || ldns_wire2pkt(&pkt, msg, len) != LDNS_STATUS_OK)
		return NULL;
	if (ldns_pkt_get_rcode(pkt) != LDNS_RCODE_NOERROR) {
		ldns_pkt_free(pkt);
		return NULL;
	}
	return pkt;
}

bool
dnssec_keys_load(const char *zone, const uint8_t *msg, size_t len, time_t now,
		 struct dnssec_keys *out)
{
	bool ok = false;
	ldns_rdf *owner = zone_rdf(zone);
	ldns_pkt *pkt = parse(msg, len);
	ldns_rr_list *keys = NULL, *sigs = NULL, *usable = NULL;

	*out = (struct dnssec_keys)DNSSEC_KEYS_INIT;
	if (!owner)
		goto out;
	if (!pkt || !ldns_pkt_aa(pkt)) {
		ok = true; /* UNKNOWN */
		goto out;
	}
	if (!(keys = answer_records(pkt, owner, LDNS_RR_TYPE_DNSKEY, 0)) ||
	    !(sigs = answer_records(pkt, owner, LDNS_RR_TYPE_RRSIG, LDNS_RR_TYPE_DNSKEY)))
		goto out;
	if (ldns_rr_list_rr_count(keys) == 0) {
		ok = true;
		out->status = DNSSEC_KEYS_NONE;
		goto out;
	}
	if (!(usable = usable_keys(keys)))
		goto out;
	ok = true;
	if (ldns_rr_list_rr_count(usable) == 0) {
		out->status = DNSSEC_KEYS_UNUSABLE;
		goto out;
	}
	/* The keys must sign their own RRset (a zone's KSK, RFC 4035 2.1); the
	 * signature covers the whole RRset, the signer must be a usable key. */
	switch (verify_sigs(keys, sigs, usable, owner, now)) {
	case DNSSEC_VALID:
		out->status = DNSSEC_KEYS_OK;
		out->keys = usable;
		usable = NULL;
		break;
	case DNSSEC_EXPIRED: out->status = DNSSEC_KEYS_EXPIRED; break;
	case DNSSEC_NOT_CHECKED: out->status = DNSSEC_KEYS_UNUSABLE; break;
	default: out->status = DNSSEC_KEYS_INVALID; break;
	}
out:
	ldns_rr_list_deep_free(usable);
	ldns_rr_list_deep_free(keys);
	ldns_rr_list_deep_free(sigs);
	ldns_pkt_free(pkt);
	ldns_rdf_deep_free(owner);
	return ok;
}

void
dnssec_keys_clear(struct dnssec_keys *k)
{
	if (!k)
		return;
	ldns_rr_list_deep_free(k->keys);
	*k = (struct dnssec_keys)DNSSEC_KEYS_INIT;
}

enum dnssec_state
dnssec_verify_txt(const struct dnssec_keys *k, const char *zone, const uint8_t *msg, size_t len,
		  time_t now)
{
	enum dnssec_state state = DNSSEC_NOT_CHECKED;
	ldns_pkt *pkt = NULL;
	ldns_rdf *owner = NULL;
	ldns_rr_list *txt = NULL, *sigs = NULL;

	if (k->status == DNSSEC_KEYS_UNKNOWN || k->status == DNSSEC_KEYS_UNUSABLE)
		return DNSSEC_NOT_CHECKED;
	const ldns_rr_list *question = NULL;
	if (!(pkt = parse(msg, len)) || !(question = ldns_pkt_question(pkt)) ||
	    ldns_rr_list_rr_count(question) != 1)
		goto out;
	owner = ldns_rdf_clone(ldns_rr_owner(ldns_rr_list_rr(question, 0)));
	if (!owner || !(txt = answer_records(pkt, owner, LDNS_RR_TYPE_TXT, 0)) ||
	    ldns_rr_list_rr_count(txt) == 0)
		goto out;
	if (k->status == DNSSEC_KEYS_NONE) {
		/* No keys, yet signatures: a server that contradicts itself
		 * proves nothing either way. */
		if ((sigs = answer_records(pkt, owner, LDNS_RR_TYPE_RRSIG, LDNS_RR_TYPE_TXT)) &&
		    ldns_rr_list_rr_count(sigs) == 0)
			state = DNSSEC_UNSIGNED;
		goto out;
	}
	if (k->status == DNSSEC_KEYS_EXPIRED || k->status == DNSSEC_KEYS_INVALID) {
		state = k->status == DNSSEC_KEYS_EXPIRED ? DNSSEC_EXPIRED : DNSSEC_INVALID;
		goto out;
	}
	ldns_rdf *zname = zone_rdf(zone);
	if (zname && (sigs = answer_records(pkt, owner, LDNS_RR_TYPE_RRSIG, LDNS_RR_TYPE_TXT)))
		state = verify_sigs(txt, sigs, k->keys, zname, now);
	ldns_rdf_deep_free(zname);
out:
	ldns_rr_list_deep_free(txt);
	ldns_rr_list_deep_free(sigs);
	ldns_rdf_deep_free(owner);
	ldns_pkt_free(pkt);
	return state;
}

bool
dnssec_cd_answers(const struct dns_server *servers, size_t n, const char *name,
		  unsigned timeout_ms)
{
	bool answered = false;
	struct dns_batch *b = dns_batch_new(timeout_ms);
	if (!b)
		return false;
	/* Per server the query with CD and, at the same moment, without: only
	 * a server that fails again without CD and answers with it says the
	 * signatures fail (a SERVFAIL that does not come again was something
	 * else, an upstream time-out). */
	for (size_t i = 0; i < n; i++) {
		size_t cd, plain;
		if (!dns_batch_add(b, &servers[i], name, DNS_TYPE_TXT, DNS_QUERY_RD | DNS_QUERY_CD,
				   &cd))
			continue;
		if (!dns_batch_add(b, &servers[i], name, DNS_TYPE_TXT, DNS_QUERY_RD, &plain) ||
		    plain != cd + 1)
			break;
	}
	if (dns_batch_count(b) && dns_batch_run(b)) {
		for (size_t i = 0; i + 1 < dns_batch_count(b) && !answered; i += 2) {
			const struct dns_result *r = dns_batch_result(b, i);
			const struct dns_result *p = dns_batch_result(b, i + 1);
			answered = r->state == DNS_QUERY_ANSWERED &&
				   (r->answer.rcode == DNS_RCODE_NOERROR ||
				    r->answer.rcode == DNS_RCODE_NXDOMAIN) &&
				   p->state == DNS_QUERY_ANSWERED &&
				   p->answer.rcode == DNS_RCODE_SERVFAIL;
		}
	}
	dns_batch_free(b);
	return answered;
}
