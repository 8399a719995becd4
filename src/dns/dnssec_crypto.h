/* dnssec_crypto.h — the one cryptographic step of DNSSEC: does the RRSIG
 * SIG over RRSET verify with one of KEYS (libldns over OpenSSL).
 *
 * Why a seam of its own (issue 14): linked statically, libldns drags 2 MB
 * of libcrypto into the program, and relocating its tables was most of the
 * start-up of every command. In that build (-Dstatic_libs=true) the program
 * holds no libcrypto at all: the verification lives in a module
 * (flicono-dnssec.so, linked with the shared libldns and libcrypto) that is
 * loaded the first time a signature is checked, from
 * FLICONO_MAILSETUP_LIBDIR or the installed folder. Built shared, the call
 * goes straight to libldns. */
#pragma once

#include <ldns/ldns.h>

/* ldns_verify_rrsig_keylist_notime(RRSET, SIG, KEYS): LDNS_STATUS_OK when
 * SIG verifies over RRSET with a key of KEYS (the time window is not
 * looked at). Failures of this machine, not of the signature:
 * LDNS_STATUS_CRYPTO_ALGO_NOT_IMPL when the module cannot be loaded,
 * LDNS_STATUS_MEM_ERR when memory runs out, LDNS_STATUS_INTERNAL_ERR when
 * the module cannot read what it was given. Thread-safe. */
ldns_status dnssec_crypto_verify(const ldns_rr_list *rrset, const ldns_rr *sig,
				 const ldns_rr_list *keys);

/* NULL, unless a signature was to be checked and the module could not be
 * loaded (missing, a library it needs missing, another ABI): then the path
 * that was tried, for a note to the user. Ask once no check runs any more. */
const char *dnssec_crypto_problem(void);
