/* test-dnssec.c — dnssec_keys_load() and dnssec_verify_txt() on replies
 * built and signed here with libldns (an ECDSA P-256 key made at test time):
 * valid, expired, a window across 2038 (RFC 1982 dates), a wildcard
 * signature replayed at another name, keys a validator would not use (no
 * Zone flag, revoked), a signature of an unknown algorithm, signatures
 * without keys, and the cap on signatures tried (KeyTrap). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dnssec.h"

#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZONE "sig.example"
#define NAME "_spf.sig.example"

static ldns_key *key;
static ldns_key_list *keylist; /* holds (and frees) KEY, the only signer */
static uint8_t *seed_keys; /* the last DNSKEY reply (for DNSSEC_SEED_DIR) */
static size_t seed_keys_len;
static unsigned seeds;

static int
setup(void **state)
{
	(void)state;
	key = ldns_key_new_frm_algorithm(LDNS_SIGN_ECDSAP256SHA256, 256);
	keylist = ldns_key_list_new();
	if (!key || !keylist || !ldns_key_list_push_key(keylist, key))
		return -1;
	ldns_rdf *owner = ldns_dname_new_frm_str(ZONE ".");
	ldns_key_set_pubkey_owner(key, owner);
	ldns_key_set_flags(key, 257); /* a KSK: Zone and SEP */
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ldns_key_list_free(keylist); /* and the key in it */
	free(seed_keys);
	return 0;
}

static ldns_rr *
rr(const char *text)
{
	ldns_rr *r = NULL;
	assert_int_equal(ldns_rr_new_frm_str(&r, text, 60, NULL, NULL), LDNS_STATUS_OK);
	return r;
}

/* The signatures KEY (with FLAGS) makes over RRSET, valid from INC to EXP. */
static ldns_rr_list *
sign(ldns_rr_list *rrset, uint16_t flags, uint32_t inc, uint32_t exp)
{
	ldns_key_set_flags(key, flags);
	/* The key tag covers the flags: libldns keeps the one made with the key. */
	ldns_rr *dnskey = ldns_key2rr(key);
	assert_non_null(dnskey);
	ldns_key_set_keytag(key, ldns_calc_keytag(dnskey));
	ldns_rr_free(dnskey);
	ldns_key_set_inception(key, inc);
	ldns_key_set_expiration(key, exp);
	ldns_rr_list *sigs = ldns_sign_public(rrset, keylist);
	assert_non_null(sigs);
	return sigs;
}

/* A NOERROR reply with AA for QNAME/QTYPE holding ANSWER (taken) and SIGS
 * (taken), as wire bytes in *wire. */
static size_t
reply(const char *qname, ldns_rr_type qtype, ldns_rr_list *answer, ldns_rr_list *sigs,
      uint8_t **wire)
{
	ldns_pkt *p = ldns_pkt_new();
	assert_non_null(p);
	ldns_pkt_set_qr(p, true);
	ldns_pkt_set_aa(p, true);
	ldns_rr *q = ldns_rr_new();
	ldns_rr_set_owner(q, ldns_dname_new_frm_str(qname));
	ldns_rr_set_type(q, qtype);
	ldns_rr_set_class(q, LDNS_RR_CLASS_IN);
	ldns_rr_set_question(q, true);
	assert_true(ldns_pkt_push_rr(p, LDNS_SECTION_QUESTION, q));
	for (size_t i = 0; answer && i < ldns_rr_list_rr_count(answer); i++)
		assert_true(ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER,
					     ldns_rr_clone(ldns_rr_list_rr(answer, i))));
	for (size_t i = 0; sigs && i < ldns_rr_list_rr_count(sigs); i++)
		assert_true(ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER,
					     ldns_rr_clone(ldns_rr_list_rr(sigs, i))));
	size_t len = 0;
	assert_int_equal(ldns_pkt2wire(wire, p, &len), LDNS_STATUS_OK);
	ldns_pkt_free(p);
	ldns_rr_list_deep_free(answer);
	ldns_rr_list_deep_free(sigs);
	return len;
}

/* The zone's keys as a name server serves them: the DNSKEY (FLAGS)
 * signing itself from INC to EXP, loaded at NOW. */
static struct dnssec_keys
keys_at(uint16_t flags, uint32_t inc, uint32_t exp, time_t now)
{
	ldns_key_set_flags(key, flags);
	ldns_rr_list *set = ldns_rr_list_new();
	ldns_rr *dnskey = ldns_key2rr(key);
	assert_non_null(dnskey);
	ldns_rr_set_ttl(dnskey, 60);
	assert_true(ldns_rr_list_push_rr(set, dnskey));
	ldns_rr_list *sigs = sign(set, flags, inc, exp);
	uint8_t *wire = NULL;
	size_t len = reply(ZONE ".", LDNS_RR_TYPE_DNSKEY, set, sigs, &wire);
	struct dnssec_keys k = DNSSEC_KEYS_INIT;
	assert_true(dnssec_keys_load(ZONE, wire, len, now, &k));
	free(seed_keys);
	seed_keys = wire;
	seed_keys_len = len;
	return k;
}

static void
rename_rr(ldns_rr *r, const ldns_rdf *name)
{
	ldns_rdf *old = ldns_rr_owner(r);
	ldns_rr_set_owner(r, ldns_rdf_clone(name));
	ldns_rdf_deep_free(old);
}

/* The TXT record at OWNER, signed from INC to EXP (or not: SIGNED false),
 * in a reply to NAME; EDIT changes the signatures first. */
static size_t
txt_reply(const char *owner, bool signed_, uint32_t inc, uint32_t exp,
	  void (*edit)(ldns_rr_list *sigs), uint8_t **wire)
{
	char text[256];
	snprintf(text, sizeof(text), "%s. 60 IN TXT \"v=spf1 -all\"", owner);
	ldns_rr_list *set = ldns_rr_list_new();
	assert_true(ldns_rr_list_push_rr(set, rr(text)));
	ldns_rr_list *sigs = signed_ ? sign(set, 257, inc, exp) : NULL;
	if (sigs && edit)
		edit(sigs);
	/* Served at NAME: a wildcard's records carry the name asked. */
	ldns_rdf *name = ldns_dname_new_frm_str(NAME ".");
	for (size_t i = 0; i < ldns_rr_list_rr_count(set); i++)
		rename_rr(ldns_rr_list_rr(set, i), name);
	for (size_t i = 0; sigs && i < ldns_rr_list_rr_count(sigs); i++)
		rename_rr(ldns_rr_list_rr(sigs, i), name);
	ldns_rdf_deep_free(name);
	return reply(NAME ".", LDNS_RR_TYPE_TXT, set, sigs, wire);
}

/* With DNSSEC_SEED_DIR set, each verified pair of replies is also written
 * there as a seed for tests/fuzz/fuzz-dnssec (its input format). */
static void
write_seed(const uint8_t *txt, size_t len)
{
	const char *dir = getenv("DNSSEC_SEED_DIR");
	if (!dir || !seed_keys || seed_keys_len > 0xffff)
		return;
	char path[512];
	snprintf(path, sizeof(path), "%s/signed-%u", dir, ++seeds);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	uint8_t head[2] = {(uint8_t)(seed_keys_len >> 8), (uint8_t)seed_keys_len};
	assert_int_equal(fwrite(head, 1, 2, f), 2);
	assert_int_equal(fwrite(seed_keys, 1, seed_keys_len, f), seed_keys_len);
	assert_int_equal(fwrite(txt, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static enum dnssec_state
verify(const struct dnssec_keys *k, const char *owner, bool signed_, uint32_t inc, uint32_t exp,
       void (*edit)(ldns_rr_list *), time_t now)
{
	uint8_t *wire = NULL;
	size_t len = txt_reply(owner, signed_, inc, exp, edit, &wire);
	enum dnssec_state st = dnssec_verify_txt(k, ZONE, wire, len, now);
	write_seed(wire, len);
	free(wire);
	return st;
}

enum { NOW = 1800000000 }; /* 2027-01-15 */

static void
valid_expired_and_missing(void **state)
{
	(void)state;
	struct dnssec_keys k = keys_at(257, NOW - 3600, NOW + 86400, NOW);
	assert_int_equal(k.status, DNSSEC_KEYS_OK);
	assert_int_equal(verify(&k, NAME, true, NOW - 3600, NOW + 86400, NULL, NOW), DNSSEC_VALID);
	assert_int_equal(verify(&k, NAME, true, NOW - 7200, NOW - 3600, NULL, NOW),
			 DNSSEC_EXPIRED);
	/* Not yet valid counts as out of the window too. */
	assert_int_equal(verify(&k, NAME, true, NOW + 3600, NOW + 7200, NULL, NOW),
			 DNSSEC_EXPIRED);
	assert_int_equal(verify(&k, NAME, false, 0, 0, NULL, NOW), DNSSEC_MISSING);
	dnssec_keys_clear(&k);

	struct dnssec_keys old = keys_at(257, NOW - 7200, NOW - 3600, NOW);
	assert_int_equal(old.status, DNSSEC_KEYS_EXPIRED);
	assert_int_equal(verify(&old, NAME, true, NOW - 3600, NOW + 86400, NULL, NOW),
			 DNSSEC_EXPIRED);
	dnssec_keys_clear(&old);
}

/* RFC 4034 3.1.5: a window from before 2038-01-19 to after it is valid
 * in it (libldns's own date check takes it for expiration < inception). */
static void
a_window_across_2038(void **state)
{
	(void)state;
	const uint32_t inc = 0x7fff0000u, exp = 0x80010000u;
	const time_t now = (time_t)0x80000000u;
	struct dnssec_keys k = keys_at(257, inc, exp, now);
	assert_int_equal(k.status, DNSSEC_KEYS_OK);
	assert_int_equal(verify(&k, NAME, true, inc, exp, NULL, now), DNSSEC_VALID);
	assert_int_equal(verify(&k, NAME, true, inc, exp, NULL, (time_t)exp + 10), DNSSEC_EXPIRED);
	dnssec_keys_clear(&k);
}

/* A signature made for *.sig.example, served at _spf.sig.example: valid only
 * with a proof that _spf does not exist, which is not verified here. */
static void
a_wildcard_proves_nothing(void **state)
{
	(void)state;
	struct dnssec_keys k = keys_at(257, NOW - 3600, NOW + 86400, NOW);
	assert_int_equal(verify(&k, "*." ZONE, true, NOW - 3600, NOW + 86400, NULL, NOW),
			 DNSSEC_NOT_CHECKED);
	dnssec_keys_clear(&k);
}

/* Keys a validator would not use: the DNSKEY without the Zone flag, or
 * revoked (RFC 5011), even though it signs itself. */
static void
keys_a_validator_would_not_use(void **state)
{
	(void)state;
	struct dnssec_keys k = keys_at(0, NOW - 3600, NOW + 86400, NOW);
	assert_int_equal(k.status, DNSSEC_KEYS_UNUSABLE);
	assert_int_equal(verify(&k, NAME, true, NOW - 3600, NOW + 86400, NULL, NOW),
			 DNSSEC_NOT_CHECKED);
	dnssec_keys_clear(&k);
	k = keys_at(257 | LDNS_KEY_REVOKE_KEY, NOW - 3600, NOW + 86400, NOW);
	assert_int_equal(k.status, DNSSEC_KEYS_UNUSABLE);
	dnssec_keys_clear(&k);
}

static void
algorithm_99(ldns_rr_list *sigs)
{
	for (size_t i = 0; i < ldns_rr_list_rr_count(sigs); i++) {
		/* (The setter frees the old field.) */
		ldns_rr_rrsig_set_algorithm(ldns_rr_list_rr(sigs, i),
					    ldns_native2rdf_int8(LDNS_RDF_TYPE_ALG, 99));
	}
}

/* RFC 4035 5.2: an algorithm the validator does not know is not a failure. */
static void
an_unknown_algorithm_is_not_invalid(void **state)
{
	(void)state;
	struct dnssec_keys k = keys_at(257, NOW - 3600, NOW + 86400, NOW);
	assert_int_equal(verify(&k, NAME, true, NOW - 3600, NOW + 86400, algorithm_99, NOW),
			 DNSSEC_NOT_CHECKED);
	dnssec_keys_clear(&k);
}

/* A zone without DNSKEY: unsigned, unless the reply still carries
 * signatures (then it proves nothing). */
static void
no_keys(void **state)
{
	(void)state;
	uint8_t *wire = NULL;
	size_t len = reply(ZONE ".", LDNS_RR_TYPE_DNSKEY, NULL, NULL, &wire);
	struct dnssec_keys k = DNSSEC_KEYS_INIT;
	assert_true(dnssec_keys_load(ZONE, wire, len, NOW, &k));
	free(wire);
	assert_int_equal(k.status, DNSSEC_KEYS_NONE);
	assert_int_equal(verify(&k, NAME, false, 0, 0, NULL, NOW), DNSSEC_UNSIGNED);
	assert_int_equal(verify(&k, NAME, true, NOW - 3600, NOW + 86400, NULL, NOW),
			 DNSSEC_NOT_CHECKED);
	dnssec_keys_clear(&k);
}

/* 20 copies of a signature with one byte changed before the good one: only
 * the first 8 are tried (a hostile reply must not cost minutes). */
static void
bogus_copies(ldns_rr_list *sigs)
{
	ldns_rr *good = ldns_rr_list_pop_rr(sigs);
	for (int i = 0; i < 20; i++) {
		ldns_rr *bad = ldns_rr_clone(good);
		ldns_rdf *sig = ldns_rr_rdf(bad, 8);
		ldns_rdf_data(sig)[i % ldns_rdf_size(sig)] ^= 0x55;
		ldns_rr_list_push_rr(sigs, bad);
	}
	ldns_rr_list_push_rr(sigs, good);
}

static void
signatures_tried_are_capped(void **state)
{
	(void)state;
	struct dnssec_keys k = keys_at(257, NOW - 3600, NOW + 86400, NOW);
	assert_int_equal(verify(&k, NAME, true, NOW - 3600, NOW + 86400, bogus_copies, NOW),
			 DNSSEC_INVALID);
	dnssec_keys_clear(&k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_expired_and_missing),
		cmocka_unit_test(a_window_across_2038),
		cmocka_unit_test(a_wildcard_proves_nothing),
		cmocka_unit_test(keys_a_validator_would_not_use),
		cmocka_unit_test(an_unknown_algorithm_is_not_invalid),
		cmocka_unit_test(no_keys),
		cmocka_unit_test(signatures_tried_are_capped),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
