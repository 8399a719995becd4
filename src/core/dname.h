/* dname.h — the one check of a domain name's shape, for every layer: labels
 * of 1–63 octets separated by dots, at most 253 octets in all (RFC 1035
 * 2.3.4; text form, the root's dot not counted). Which octets a label may
 * hold depends on where the name comes from: see the flags. The name is
 * taken literally: no escapes. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

enum dname_status {
	DNAME_OK,
	DNAME_EMPTY,          /* "" (or only "." with DNAME_ROOT_DOT) */
	DNAME_EMPTY_LABEL,    /* "a..de", ".de"; "de." without DNAME_ROOT_DOT */
	DNAME_BAD_CHAR,       /* an octet the flags do not allow in a label */
	DNAME_HYPHEN,         /* DNAME_LDH: a label that starts or ends with "-" */
	DNAME_LABEL_TOO_LONG, /* a label over 63 octets */
	DNAME_TOO_LONG,       /* the name over 253 octets */
	DNAME_SINGLE_LABEL,   /* DNAME_MULTI_LABEL: one label only ("localhost") */
};

/* RFC 1035 2.3.4 */
enum { DNAME_LABEL_MAX = 63, DNAME_TEXT_MAX = 253 };

/* Flags for dname_check(). Without a character flag a label may hold any
 * octet but NUL and "." (RFC 2181 11: DNS itself takes any octet; SPF
 * macros produce "_", "+", …). */
enum {
	DNAME_ROOT_DOT = 1 << 0,    /* one trailing dot (the root) is allowed */
	DNAME_PRINTABLE = 1 << 1,   /* only printable ASCII: no space, control or 8-bit octet */
	DNAME_LDH = 1 << 2,         /* host names (RFC 1123 2.1), A-labels ("xn--…") included:
				     * letters, digits and "-", no "-" at either end */
	DNAME_UTF8 = 1 << 3,        /* with DNAME_LDH: octets from 0x80 up pass too (a U-label
				     * before IDNA); such a label's length, and the whole name's
				     * when it has one, count only in its A-label form, so they
				     * are not checked here */
	DNAME_MULTI_LABEL = 1 << 4, /* at least two labels: a domain, not a bare word */
};

/* Where a check failed: the offending octet (DNAME_BAD_CHAR) or the first
 * octet of the offending label, as an offset into the name, and the label's
 * length (0 for DNAME_EMPTY and DNAME_TOO_LONG). */
struct dname_fault {
	size_t offset;
	size_t len;
};

/* Checks LEN octets of NAME (no NUL needed) under FLAGS. Faults are found
 * label by label from the left (empty, character, hyphen, length), then the
 * whole name's length, then the label count. FAULT may be NULL. */
enum dname_status dname_check(const char *name, size_t len, unsigned flags,
			      struct dname_fault *fault);
