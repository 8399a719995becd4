/* fuzz-zone.h — an in-memory DNS whose data comes from the fuzz input.
 *
 * The input is text, one record a line:
 *
 *     NAME TYPE DATA
 *
 * TYPE is TXT, A, AAAA, MX, PTR (DATA as in a zone file, without quotes; MX
 * DATA is "PREF HOST" or just "HOST"), or TIMEOUT / SERVFAIL (every lookup of
 * NAME, any type, fails that way). In DATA, "\xHH" stands for the byte HH,
 * so that TXT data can hold NUL and other bytes a line cannot. Names are
 * compared case-insensitively; a name with no record is NXDOMAIN, a name
 * with records of other types only NODATA. Lines that do not fit this form
 * are ignored, so that every byte string is a zone. */
#pragma once

#include "dns_seam.h"

#include <stdbool.h>
#include <stddef.h>

struct fuzz_rr {
	char *name;
	int type; /* enum dns_type, or FUZZ_TIMEOUT / FUZZ_SERVFAIL */
	unsigned char *data;
	size_t len;
	unsigned pref;
};

enum { FUZZ_TIMEOUT = -1, FUZZ_SERVFAIL = -2 };

struct fuzz_zone {
	struct fuzz_rr *rr;
	size_t n;
	unsigned lookups; /* lookups answered so far */
};

/* Reads the LEN bytes at TEXT into *Z (freed with fuzz_zone_free). */
void fuzz_zone_read(struct fuzz_zone *z, const char *text, size_t len);
void fuzz_zone_free(struct fuzz_zone *z);

/* A seam answering from Z. */
struct dns_seam fuzz_zone_seam(struct fuzz_zone *z);
