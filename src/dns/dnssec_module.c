/* dnssec_module.c — flicono-dnssec.so: see dnssec_module.h. Linked with the
 * shared libldns (and through it libcrypto), loaded by dnssec_crypto.c. */
#include "dnssec_module.h"

#include <ldns/ldns.h>

/* The visible symbols of the module; everything else stays inside. */
#define MODULE_API __attribute__((visibility("default")))

MODULE_API const unsigned dnssec_module_abi = DNSSEC_MODULE_ABI;

/* The records in WIRE (LEN bytes) as a new list; NULL when one does not
 * parse or memory runs out. */
static ldns_rr_list *
list_from_wire(const uint8_t *wire, size_t len)
{
	ldns_rr_list *list = ldns_rr_list_new();
	size_t pos = 0;
	while (list && pos < len) {
		ldns_rr *rr = NULL;
		if (ldns_wire2rr(&rr, wire, len, &pos, LDNS_SECTION_ANSWER) != LDNS_STATUS_OK ||
		    !ldns_rr_list_push_rr(list, rr)) {
			ldns_rr_free(rr);
			ldns_rr_list_deep_free(list);
			list = NULL;
		}
	}
	return list;
}

MODULE_API int
dnssec_module_verify(const uint8_t *rrset, size_t rrset_len, const uint8_t *sig,
		     size_t sig_len, const uint8_t *keys, size_t keys_len)
{
	ldns_status st = LDNS_STATUS_INTERNAL_ERR;
	ldns_rr_list *set = list_from_wire(rrset, rrset_len);
	ldns_rr_list *sigs = list_from_wire(sig, sig_len);
	ldns_rr_list *keylist = list_from_wire(keys, keys_len);
	if (set && sigs && keylist && ldns_rr_list_rr_count(sigs) == 1)
		st = ldns_verify_rrsig_keylist_notime(set, ldns_rr_list_rr(sigs, 0), keylist,
						      NULL);
	ldns_rr_list_deep_free(set);
	ldns_rr_list_deep_free(sigs);
	ldns_rr_list_deep_free(keylist);
	return (int)st;
}
