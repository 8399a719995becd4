/* openssl_stub.c — see openssl_stub.h. */
#include "openssl_stub.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

_Noreturn void
openssl_stub_called(const char *name)
{
	/* A bug of this program, not the user's: said in plain words, then a core. */
	static const char head[] = "flicono-mailsetup: internal error: OpenSSL function ";
	static const char tail[] = " called outside the DNSSEC module\n";
	ssize_t rc = write(2, head, sizeof head - 1);
	rc = write(2, name, strlen(name));
	rc = write(2, tail, sizeof tail - 1);
	(void)rc;
	abort();
}
