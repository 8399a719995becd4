/* spf_parse.h — the RFC 7208 record grammar (section 4.5, 4.6, 5, 6, 7.1).
 *
 * spf_parse() turns one record's text into a struct spf_record: the list of
 * terms in written order, each with its byte span in the record's own copy of
 * the text, so that callers can rewrite the record (insert terms before the
 * final "all"/"redirect=") or walk its includes. A syntax error anywhere makes
 * the whole record invalid (RFC 7208 4.6: permerror before any evaluation);
 * the error is structured (reason, byte offset, term span), never text. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dns_seam.h"
#include "spf_ip.h"

enum spf_term_kind {
	SPF_TERM_ALL,
	SPF_TERM_INCLUDE,
	SPF_TERM_A,
	SPF_TERM_MX,
	SPF_TERM_PTR,
	SPF_TERM_IP4,
	SPF_TERM_IP6,
	SPF_TERM_EXISTS,
	SPF_TERM_REDIRECT, /* modifier redirect= (RFC 7208 6.1) */
	SPF_TERM_EXP,      /* modifier exp= (RFC 7208 6.2) */
	SPF_TERM_UNKNOWN_MODIFIER, /* name=macro-string, ignored (RFC 7208 6) */
};

/* The result a mechanism gives when it matches (RFC 7208 4.6.2). */
enum spf_qualifier {
	SPF_QUALIFIER_PASS,     /* "+" or none */
	SPF_QUALIFIER_FAIL,     /* "-" */
	SPF_QUALIFIER_SOFTFAIL, /* "~" */
	SPF_QUALIFIER_NEUTRAL,  /* "?" */
};

/* LEN bytes at byte offset OFF of the record text. */
struct spf_span {
	size_t off;
	size_t len;
};

struct spf_term {
	enum spf_term_kind kind;
	enum spf_qualifier qualifier; /* mechanisms; PASS for modifiers */
	bool qualifier_written;       /* the qualifier character is in the text */
	struct spf_span text;         /* the whole term, qualifier included */
	struct spf_span name;         /* mechanism or modifier name as written */
	/* include/a/mx/ptr/exists/redirect/exp: the domain-spec (len 0 when a, mx
	 * or ptr have none: the current domain is meant); ip4/ip6: the network
	 * address text; unknown modifier: the value (may be empty). */
	struct spf_span value;
	bool has_value;
	/* a, mx: dual-cidr-length; ip4: cidr4; ip6: cidr6. Unwritten lengths are
	 * the full width (32, 128) and their has_ flag is false. */
	unsigned cidr4, cidr6;
	bool has_cidr4, has_cidr6;
	struct spf_ip network; /* ip4, ip6: the parsed network address */
};

#define SPF_NO_TERM ((size_t)-1)

struct spf_record {
	char *text;   /* own copy of the record, NUL-terminated (NUL-free: checked) */
	size_t len;
	size_t nterms;
	struct spf_term *terms;
	size_t redirect; /* index of the redirect= term, or SPF_NO_TERM */
	size_t exp;      /* index of the exp= term, or SPF_NO_TERM */
};

enum spf_parse_reason {
	SPF_PARSE_OK,
	SPF_PARSE_NOT_SPF,            /* no "v=spf1" version section (RFC 7208 4.5) */
	SPF_PARSE_BAD_CHAR,           /* a byte other than SP or %x21-7E */
	SPF_PARSE_UNKNOWN_TERM,       /* neither mechanism nor name=value */
	SPF_PARSE_UNKNOWN_MECHANISM,  /* e.g. "redirect:x", "moo", "all." */
	SPF_PARSE_QUALIFIED_MODIFIER, /* a qualifier in front of name= */
	SPF_PARSE_UNEXPECTED_ARGUMENT,/* e.g. "all:x", "ptr/24", "include:x/24" */
	SPF_PARSE_MISSING_DOMAIN,     /* "include", "exists:", "a:", "exp=" */
	SPF_PARSE_BAD_DOMAIN,         /* domain-spec does not end in "." toplabel or a macro */
	SPF_PARSE_BAD_MACRO,          /* macro-string syntax (RFC 7208 7.1) */
	SPF_PARSE_MACRO_NOT_ALLOWED,  /* c, r, t outside exp text (RFC 7208 7.2) */
	SPF_PARSE_BAD_CIDR,           /* CIDR length out of range or with leading zero */
	SPF_PARSE_BAD_IP4,
	SPF_PARSE_BAD_IP6,
	SPF_PARSE_DUPLICATE_MODIFIER, /* redirect= or exp= twice (RFC 7208 6) */
	SPF_PARSE_NOMEM,
};

struct spf_parse_error {
	enum spf_parse_reason reason;
	size_t offset;        /* 0-based byte offset of the offending byte */
	struct spf_span term; /* the term it is in (len 0 for NOT_SPF, NOMEM) */
};

/* Whether the LEN bytes at TEXT are an SPF record at all: they begin with
 * "v=spf1" (case-insensitively) followed by SP or the end (RFC 7208 4.5).
 * Used to select records from a TXT answer before parsing. */
bool spf_parse_is_spf(const char *text, size_t len);

/* How many records of SET are SPF records (spf_parse_is_spf), and in *LAST
 * (when not NULL) the index of the last of them (unchanged when none). */
size_t spf_parse_count_records(const struct dns_rrset *set, size_t *last);

/* Parses the LEN bytes at TEXT (may contain NUL: that is a BAD_CHAR error).
 * true: *OUT is a new record to free with spf_record_free(). false: *OUT is
 * NULL and *ERR says why and where. */
bool spf_parse(const char *text, size_t len, struct spf_record **out, struct spf_parse_error *err);

/* Frees REC; NULL is a no-op. */
void spf_record_free(struct spf_record *rec);

/* Whether the LEN bytes at S are a toplabel (RFC 7208 7.1): alphanumerics
 * with at least one letter, or alphanumerics and inner hyphens. */
bool spf_parse_is_toplabel(const char *s, size_t len);

/* Index of the first term of KIND in REC at or after index FROM, or
 * SPF_NO_TERM. */
size_t spf_record_find(const struct spf_record *rec, enum spf_term_kind kind, size_t from);

/* Byte offset where terms are to be inserted so that they are evaluated before
 * the record's final decision: the start of the first "all" mechanism, else of
 * the redirect= modifier, else the end of the last term. */
size_t spf_record_insert_offset(const struct spf_record *rec);

/* Whether the term queries DNS and so counts toward the limit of 10
 * (RFC 7208 4.6.4: include, a, mx, ptr, exists and redirect). */
bool spf_term_counts_lookup(enum spf_term_kind kind);
