/* openssl_stub.h — stand-ins for the OpenSSL functions libldns.a refers to,
 * in the static build (see dnssec_crypto.h). libldns's objects for names
 * and printing refer to its key and signing code, and that to libcrypto;
 * the program calls none of it (signatures are checked in the module), so
 * each function libldns would take from OpenSSL is defined here, hidden,
 * and ends the program should it ever be called. The list is made at build
 * time from the archives themselves (openssl-stubs.sh). */
#pragma once

/* Says which stand-in was called, on stderr, and aborts. */
_Noreturn void openssl_stub_called(const char *name);

#define OPENSSL_STUB(name)                                                     \
	__attribute__((visibility("hidden"))) void name(void);                 \
	void name(void)                                                        \
	{                                                                      \
		openssl_stub_called(#name);                                    \
	}
