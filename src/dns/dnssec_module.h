/* dnssec_module.h — what flicono-dnssec.so offers the program (see
 * dnssec_crypto.h). Records cross as wire format (RFC 1035 4.1.3, names
 * uncompressed, one after another), so that the module's libldns and the
 * program's own copy never share a structure. */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Raised whenever the call below changes; the program refuses another. */
#define DNSSEC_MODULE_ABI 1
#define DNSSEC_MODULE_FILE "flicono-dnssec.so"

/* The module's DNSSEC_MODULE_ABI, under this name. */
extern const unsigned dnssec_module_abi;

/* ldns_verify_rrsig_keylist_notime() over RRSET (all its records), SIG
 * (exactly one RRSIG) and KEYS (DNSKEY records), each RECORDS bytes of
 * wire format; returns the ldns_status, LDNS_STATUS_INTERNAL_ERR when a
 * part does not parse (the program wrote it: not the signature's fault). */
int dnssec_module_verify(const uint8_t *rrset, size_t rrset_len, const uint8_t *sig,
			 size_t sig_len, const uint8_t *keys, size_t keys_len);
