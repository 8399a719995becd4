/* fuzz-dnssec.c — a name server's DNSKEY reply and its TXT reply, judged.
 *
 * Input: two bytes (big-endian) giving the length of the DNSKEY reply, the
 * DNSKEY reply, then the TXT reply; the zone is sig.example, the time fixed
 * (2027-01-15). Invariants: dnssec_keys_load() runs out of memory never
 * (it says false only then) and leaves a known status, holding keys only
 * when they are OK; dnssec_verify_txt() gives a known state, VALID only
 * with keys that are OK; nothing leaks (ASan). Seeds: replies signed by
 * tests/dns/test-dnssec (DNSSEC_SEED_DIR). */
#include "fuzz.h"

#include "dnssec.h"

enum { NOW = 1800000000 };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	size_t klen = (size_t)data[0] << 8 | data[1];
	if (klen > size - 2)
		klen = size - 2;
	const uint8_t *kmsg = data + 2, *tmsg = kmsg + klen;
	size_t tlen = size - 2 - klen;

	struct dnssec_keys k = DNSSEC_KEYS_INIT;
	FUZZ_CHECK(dnssec_keys_load("sig.example", kmsg, klen, NOW, &k));
	FUZZ_CHECK(k.status <= DNSSEC_KEYS_UNUSABLE);
	FUZZ_CHECK((k.keys != NULL) == (k.status == DNSSEC_KEYS_OK));
	enum dnssec_state st = dnssec_verify_txt(&k, "sig.example", tmsg, tlen, NOW);
	FUZZ_CHECK(st == DNSSEC_NOT_CHECKED || st == DNSSEC_UNSIGNED || st == DNSSEC_VALID ||
		   st == DNSSEC_MISSING || st == DNSSEC_EXPIRED || st == DNSSEC_INVALID);
	FUZZ_CHECK(st != DNSSEC_VALID || k.status == DNSSEC_KEYS_OK);
	dnssec_keys_clear(&k);
	return 0;
}
