/* lint.h — what is wrong or risky in an SPF record before anyone publishes it:
 * the DNS-querying terms counted through every include:/redirect= (RFC 7208
 * 4.6.4 allows 10), void lookups (2 allowed, each a or mx without records
 * named), length over 255 and 450 bytes, and an `all` that protects nothing. DNS is asked through the seam. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dns_seam.h"
#include "spf_parse.h"

enum lint_warning {
	LINT_TOO_MANY_DNS_TERMS = 1u << 0, /* over 10: permerror */
	LINT_TOO_MANY_VOIDS = 1u << 1,     /* over 2: permerror */
	LINT_LONGER_THAN_255 = 1u << 2,    /* needs several character-strings */
	LINT_PASS_ALL = 1u << 3,           /* +all: everybody may send */
	LINT_NEUTRAL_ALL = 1u << 4,        /* ?all: says nothing */
	LINT_NO_ALL = 1u << 5,             /* neither all nor redirect=: ?all implied */
	LINT_PTR = 1u << 6,                /* ptr: discouraged (RFC 7208 5.5) */
	LINT_INCLUDE_WITHOUT_RECORD = 1u << 7, /* include: of a domain without SPF: permerror */
	LINT_INCLUDE_BROKEN = 1u << 8,     /* an included record is broken or doubled */
	LINT_LOOP = 1u << 9,               /* include:/redirect= point back: permerror */
	LINT_SYNTAX = 1u << 10,            /* the record itself does not parse */
	LINT_VOID_LOOKUP = 1u << 11,       /* a or mx on a name without such records */
	LINT_LONGER_THAN_450 = 1u << 12,   /* the answer may not fit UDP: TCP needed */
};
#define LINT_WARNING_COUNT 13

struct lint_report {
	unsigned dns_terms;    /* DNS-querying terms, through include:/redirect= */
	unsigned void_lookups; /* names that exist nowhere or hold nothing asked for */
	size_t length;         /* bytes in the record */
	unsigned warnings;     /* enum lint_warning bits */
	/* Some part could not be counted: a target built from macros, or a
	 * lookup that failed; the counts are then lower bounds. */
	bool incomplete;
	char culprit[254];     /* the domain named in the first include/loop warning */
	char void_name[254];   /* the first a/mx name without records (LINT_VOID_LOOKUP) */
	bool void_is_mx;       /* that name was asked by mx, not a */
	struct spf_parse_error parse_error; /* LINT_SYNTAX */
};

/* Lints RECORD (LEN bytes), published at DOMAIN (A-label). Looks up include:
 * and redirect= targets and the names of a, mx and exists through SEAM.
 * Fills *out in full. Returns false only when memory ran out. */
bool lint_record(const char *domain, const char *record, size_t len, const struct dns_seam *seam,
		 struct lint_report *out);

/* What check, show's "nothing to do" and the wizard's check screen name of a
 * published record: all but the length over 255 bytes, which is harmless,
 * and a syntax error, which they explain in full already. */
#define LINT_NAMED_IN_CHECK                                                                \
	(((1u << LINT_WARNING_COUNT) - 1) & ~(unsigned)(LINT_LONGER_THAN_255 | LINT_SYNTAX))

/* The warning's stable name for JSON: "void_lookup", "ptr", … */
const char *lint_warning_name(enum lint_warning warning);

/* The warnings that make receiving servers reject mail (permerror). */
#define LINT_FATAL                                                                         \
	(LINT_TOO_MANY_DNS_TERMS | LINT_TOO_MANY_VOIDS | LINT_INCLUDE_WITHOUT_RECORD |        \
	 LINT_INCLUDE_BROKEN | LINT_LOOP | LINT_SYNTAX)

/* True for warnings that make receiving servers reject mail (permerror). */
bool lint_is_fatal(unsigned warnings);

/* The German explanation (gettext) of WARNING for REPORT, one or two sentences. */
const char *lint_warning_message(enum lint_warning warning, const struct lint_report *report,
				 char *buf, size_t size);
