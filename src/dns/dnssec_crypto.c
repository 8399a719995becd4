/* dnssec_crypto.c — see dnssec_crypto.h. */
#include "dnssec_crypto.h"

#ifdef DNSSEC_IN_MODULE

#include "datapath.h"
#include "dnssec_module.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int verify_fn(const uint8_t *, size_t, const uint8_t *, size_t, const uint8_t *,
		      size_t);

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static verify_fn *module_verify;
static char *failed_path; /* set once, by load_module(), when it fails */

/* Opens the module once; it stays loaded until the process ends. A module
 * of another ABI is closed again and counts as missing. */
static void
load_module(void)
{
	const char *dir = datapath_libdir();
	size_t len = strlen(dir) + 1 + sizeof DNSSEC_MODULE_FILE;
	char *path = malloc(len);
	if (!path)
		return;
	snprintf(path, len, "%s/%s", dir, DNSSEC_MODULE_FILE);
	/* The module's libldns.so binds to itself only because the program
	 * exports no ldns_* symbol (linked with --exclude-libs; the install
	 * test checks): the executable comes first in every lookup. */
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	const unsigned *abi = h ? dlsym(h, "dnssec_module_abi") : NULL;
	verify_fn *fn = h ? (verify_fn *)dlsym(h, "dnssec_module_verify") : NULL;
	if (!abi || *abi != DNSSEC_MODULE_ABI || !fn) {
		if (h)
			dlclose(h);
		failed_path = path;
		return;
	}
	free(path);
	module_verify = fn;
}

/* The records of LIST in wire format, into BUF. */
static bool
list_to_wire(ldns_buffer *buf, const ldns_rr_list *list)
{
	for (size_t i = 0; i < ldns_rr_list_rr_count(list); i++)
		if (ldns_rr2buffer_wire(buf, ldns_rr_list_rr(list, i), LDNS_SECTION_ANSWER) !=
		    LDNS_STATUS_OK)
			return false;
	return ldns_buffer_status_ok(buf);
}

const char *
dnssec_crypto_problem(void)
{
	return failed_path;
}

ldns_status
dnssec_crypto_verify(const ldns_rr_list *rrset, const ldns_rr *sig, const ldns_rr_list *keys)
{
	pthread_once(&load_once, load_module);
	if (!module_verify)
		return LDNS_STATUS_CRYPTO_ALGO_NOT_IMPL;
	ldns_status st = LDNS_STATUS_MEM_ERR;
	ldns_buffer *a = ldns_buffer_new(512), *b = ldns_buffer_new(512),
		    *c = ldns_buffer_new(1024);
	if (a && b && c && list_to_wire(a, rrset) &&
	    ldns_rr2buffer_wire(b, sig, LDNS_SECTION_ANSWER) == LDNS_STATUS_OK &&
	    ldns_buffer_status_ok(b) && list_to_wire(c, keys))
		st = (ldns_status)module_verify(ldns_buffer_begin(a), ldns_buffer_position(a),
						ldns_buffer_begin(b), ldns_buffer_position(b),
						ldns_buffer_begin(c), ldns_buffer_position(c));
	ldns_buffer_free(a); /* NULL-safe */
	ldns_buffer_free(b);
	ldns_buffer_free(c);
	return st;
}

#else /* libldns and libcrypto linked shared: no module needed */

const char *
dnssec_crypto_problem(void)
{
	return NULL;
}

ldns_status
dnssec_crypto_verify(const ldns_rr_list *rrset, const ldns_rr *sig, const ldns_rr_list *keys)
{
	return ldns_verify_rrsig_keylist_notime(rrset, sig, keys, NULL);
}

#endif
