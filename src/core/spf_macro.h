/* spf_macro.h — macro-strings of RFC 7208 section 7: syntax check and expansion.
 *
 * One scanner serves both: spf_macro_check() only validates (the parser uses it
 * on every domain-spec and modifier value), spf_macro_expand() also writes the
 * expansion. No DNS here: the "p" macro is asked from the caller through a
 * callback, so the caller decides what the lookups cost. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spf_ip.h"

/* Where a macro-string stands; it decides the allowed letters and bytes. */
enum spf_macro_context {
	SPF_MACRO_DOMAIN,      /* domain-spec: c, r, t not allowed (RFC 7208 7.2) */
	SPF_MACRO_MODIFIER,    /* unknown-modifier value: any macro letter, no SP */
	SPF_MACRO_EXPLANATION, /* exp= TXT text: any letter, SP allowed (RFC 7208 6.2) */
};

enum spf_macro_error {
	SPF_MACRO_OK,
	SPF_MACRO_BAD_CHAR,       /* a byte outside %x21-7E (SP allowed in explanations) */
	SPF_MACRO_BAD_PERCENT,    /* '%' not followed by '{', '%', '_' or '-' */
	SPF_MACRO_BAD_LETTER,     /* unknown macro letter */
	SPF_MACRO_LETTER_NOT_ALLOWED, /* c, r or t outside an explanation */
	SPF_MACRO_BAD_DIGITS,     /* transformer digits of value zero (RFC 7208 7.3) */
	SPF_MACRO_UNTERMINATED,   /* "%{" without its closing '}' or with a bad byte in it */
	SPF_MACRO_NOMEM,
};

/* The values the letters stand for (RFC 7208 7.3). Strings are NUL-terminated;
 * NULL counts as "". */
struct spf_macro_vars {
	const char *sender;        /* s */
	const char *local;         /* l */
	const char *sender_domain; /* o */
	const char *domain;        /* d: the domain whose record is evaluated */
	const struct spf_ip *ip;   /* i, c, v */
	const char *helo;          /* h */
	const char *receiver;      /* r: NULL means "unknown" */
	uint64_t timestamp;        /* t */
	/* p: the validated domain name of ip ("unknown" when none); called only
	 * when a "p" macro is expanded. NULL return: out of memory. */
	const char *(*validated_name)(void *ctx, const char *domain);
	void *ctx;
};

/* Checks that the LEN bytes at S are a valid macro-string in CTX.
 * On error returns false with *REASON and *OFFSET (byte offset in S of the
 * offending byte or of the '%' that starts the bad macro). ENDS_WITH_MACRO,
 * when not NULL, tells whether the string's last token is a macro-expand
 * (the domain-end rule of RFC 7208 7.1). */
bool spf_macro_check(const char *s, size_t len, enum spf_macro_context ctx,
		     enum spf_macro_error *reason, size_t *offset, bool *ends_with_macro);

/* Expands the LEN bytes at S. On success *OUT is a malloc'ed NUL-terminated
 * string of *OUT_LEN bytes (the caller frees it). On error returns false with
 * *REASON (and *OUT NULL). */
bool spf_macro_expand(const char *s, size_t len, enum spf_macro_context ctx,
		      const struct spf_macro_vars *vars, char **out, size_t *out_len,
		      enum spf_macro_error *reason);

/* Prepares an expanded domain-spec for a query (RFC 7208 7.3): drops one
 * trailing dot, then, while longer than 253 bytes, drops labels from the left.
 * Works in place on NAME (NUL-terminated); updates *LEN. */
void spf_macro_truncate_domain(char *name, size_t *len);
