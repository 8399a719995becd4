/* dc_sign.h — the signature of a Domain Connect apply link (RS256: RSA
 * PKCS#1 v1.5 over SHA-256 of the query string exactly as sent, base64),
 * with the profile's private key (libcrypto). The key file must not be
 * readable or writable by others (as ssh insists for its keys). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

enum dc_key_status {
	DC_KEY_OK,
	DC_KEY_MISSING,    /* the file does not exist */
	DC_KEY_UNREADABLE, /* it cannot be opened or read (permissions, a directory, I/O) */
	DC_KEY_OPEN_TO_OTHERS, /* group or others may read or write it (mode & 077):
	                        * refused, nothing is read */
	DC_KEY_NOT_RSA,    /* not a PEM RSA private key (or an encrypted one) */
	DC_KEY_NO_MEMORY,
};

struct dc_key;

/* Loads the PEM RSA private key at PATH (PKCS#8 or PKCS#1, unencrypted)
 * into *out (free with dc_key_free; NULL unless DC_KEY_OK). Checks the mode
 * (fstat on the opened file) before reading. A symbolic link is followed:
 * the mode checked is that of the file it leads to. Anything but a regular
 * file (a directory, a FIFO) is DC_KEY_UNREADABLE; an encrypted key is
 * DC_KEY_NOT_RSA (no pass phrase is asked for). */
enum dc_key_status dc_key_load(const char *path, struct dc_key **out);

void dc_key_free(struct dc_key *key);

/* The base64 (RFC 4648, with padding, no line breaks) of KEY's RS256
 * signature over the LEN bytes of DATA. New string, NULL on failure. */
char *dc_sign(const struct dc_key *key, const char *data, size_t len);

/* A short stable name for STATUS ("ok", "missing", "open-to-others", ...). */
const char *dc_key_status_name(enum dc_key_status status);
