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

/* What the RRSIGs in SIGS say about RRSET, signed by ZONE with one of KEYS
 * at NOW: the best of them (valid, then expired, then invalid). */
static enum dnssec_state
verify_sigs(const ldns_rr_list *rrset, const ldns_rr_list *sigs, const ldns_rr_list *keys,
	    const ldns_rdf *zone, time_t now)
{
	enum dnssec_state best = DNSSEC_MISSING;
	for (size_t i = 0; i < ldns_rr_list_rr_count(sigs); i++) {
		const ldns_rr *sig = ldns_rr_list_rr(sigs, i);
		const ldns_rdf *signer = ldns_rr_rrsig_signame(sig);
		/* RFC 4035 5.3.1: the signer is the zone that holds the keys. */
		ldns_status st = LDNS_STATUS_CRYPTO_BOGUS;
		if (signer && ldns_dname_compare(signer, zone) == 0)
			st = ldns_verify_rrsig_keylist_time(rrset, sig, keys, now, NULL);
		if (st == LDNS_STATUS_OK)
			return DNSSEC_VALID;
		if (st == LDNS_STATUS_CRYPTO_SIG_EXPIRED || st == LDNS_STATUS_CRYPTO_SIG_NOT_INCEPTED)
			best = DNSSEC_EXPIRED;
		else if (best == DNSSEC_MISSING)
			best = DNSSEC_INVALID;
	}
	return best;
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
	ldns_rr_list *keys = NULL, *sigs = NULL;

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
	ok = true;
	if (ldns_rr_list_rr_count(keys) == 0) {
		out->status = DNSSEC_KEYS_NONE;
		goto out;
	}
	/* The keys must sign their own RRset (a zone's KSK, RFC 4035 2.1). */
	switch (verify_sigs(keys, sigs, keys, owner, now)) {
	case DNSSEC_VALID:
		out->status = DNSSEC_KEYS_OK;
		out->keys = keys;
		keys = NULL;
		break;
	case DNSSEC_EXPIRED: out->status = DNSSEC_KEYS_EXPIRED; break;
	default: out->status = DNSSEC_KEYS_INVALID; break;
	}
out:
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

	if (k->status == DNSSEC_KEYS_UNKNOWN)
		return DNSSEC_NOT_CHECKED;
	if (k->status == DNSSEC_KEYS_NONE)
		return DNSSEC_UNSIGNED;
	const ldns_rr_list *question = NULL;
	if (!(pkt = parse(msg, len)) || !(question = ldns_pkt_question(pkt)) ||
	    ldns_rr_list_rr_count(question) != 1)
		goto out;
	owner = ldns_rdf_clone(ldns_rr_owner(ldns_rr_list_rr(question, 0)));
	if (!owner || !(txt = answer_records(pkt, owner, LDNS_RR_TYPE_TXT, 0)) ||
	    ldns_rr_list_rr_count(txt) == 0)
		goto out;
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
	size_t idx;
	if (!b)
		return false;
	for (size_t i = 0; i < n; i++)
		dns_batch_add(b, &servers[i], name, DNS_TYPE_TXT, DNS_QUERY_RD | DNS_QUERY_CD, &idx);
	if (dns_batch_count(b) && dns_batch_run(b)) {
		for (size_t i = 0; i < dns_batch_count(b) && !answered; i++) {
			const struct dns_result *r = dns_batch_result(b, i);
			answered = r->state == DNS_QUERY_ANSWERED &&
				   (r->answer.rcode == DNS_RCODE_NOERROR ||
				    r->answer.rcode == DNS_RCODE_NXDOMAIN);
		}
	}
	dns_batch_free(b);
	return answered;
}
