/* spf_check.h — RFC 7208 check_host() over the DNS seam.
 *
 * spf_check_host() evaluates the SPF record of a domain for a client address
 * and sender, following include: and redirect= and enforcing the processing
 * limits of RFC 7208 4.6.4. All DNS goes through the struct dns_seam; nothing
 * here prints: the outcome and the optional trace events are structured, and
 * the CLI or UI turns them into (German) text. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns_seam.h"
#include "spf_ip.h"
#include "spf_parse.h"

/* RFC 7208 4.6.4 processing limits. */
#define SPF_MAX_DNS_TERMS 10   /* include, a, mx, ptr, exists, redirect */
#define SPF_MAX_VOID_LOOKUPS 2 /* answers with no records or NXDOMAIN */
#define SPF_MAX_MX_NAMES 10    /* per mx mechanism; more is a permerror */
#define SPF_MAX_PTR_NAMES 10   /* per ptr mechanism or %{p}; the rest is ignored */

/* RFC 7208 2.6 results. */
enum spf_result {
	SPF_RESULT_NONE,
	SPF_RESULT_NEUTRAL,
	SPF_RESULT_PASS,
	SPF_RESULT_FAIL,
	SPF_RESULT_SOFTFAIL,
	SPF_RESULT_TEMPERROR,
	SPF_RESULT_PERMERROR,
};

/* Why a check ended in temperror or permerror (or, for BAD_DOMAIN, none). */
enum spf_error {
	SPF_ERROR_NONE,
	SPF_ERROR_BAD_DOMAIN,       /* none: the domain is malformed or single-label, so
				       nothing was asked (RFC 7208 4.3) */
	SPF_ERROR_DNS,              /* temperror: a lookup timed out or failed (dns_status) */
	SPF_ERROR_SYNTAX,           /* permerror: record syntax (parse_error, error_record) */
	SPF_ERROR_MULTIPLE_RECORDS, /* permerror: more than one v=spf1 record (RFC 7208 4.5) */
	SPF_ERROR_DNS_TERM_LIMIT,   /* permerror: an 11th DNS-querying term (RFC 7208 4.6.4) */
	SPF_ERROR_VOID_LIMIT,       /* permerror: a third void lookup (RFC 7208 4.6.4) */
	SPF_ERROR_MX_LIMIT,         /* permerror: an MX answer with more than 10 names */
	SPF_ERROR_INCLUDE_NONE,     /* permerror: include: of a domain without record (5.2) */
	SPF_ERROR_REDIRECT_NONE,    /* permerror: redirect= to a domain without record (6.1) */
};

struct spf_request {
	struct spf_ip ip;   /* the client; see spf_ip_parse() */
	/* MAIL FROM address; NULL or "" checks the HELO identity instead, as
	 * "postmaster@HELO" (RFC 7208 2.3, 4.3). A sender without '@' is taken
	 * as a domain with local-part "postmaster". */
	const char *sender;
	const char *helo;   /* HELO/EHLO name (%{h}); may be NULL */
};

struct spf_trace_event;

struct spf_options {
	/* Explanation for a fail when the record gives none (a macro-string,
	 * expanded like exp= text). NULL: no explanation then. */
	const char *default_explanation;
	const char *receiver; /* %{r}; NULL means "unknown" */
	uint64_t timestamp;   /* %{t}; 0 means the current time */
	/* Called, when not NULL, for each step (see struct spf_trace_event). */
	void (*trace)(void *ctx, const struct spf_trace_event *event);
	void *trace_ctx;
};

struct spf_outcome {
	enum spf_result result;
	/* fail only: the explanation (exp= text, or the expanded default), a
	 * malloc'ed NUL-terminated string; NULL otherwise. */
	char *explanation;
	bool explanation_from_record; /* it came from an exp= modifier */
	unsigned dns_terms;    /* DNS-querying terms evaluated, across include/redirect */
	unsigned void_lookups; /* void lookups counted */
	unsigned dns_queries;  /* lookups sent through the seam in all */
	/* temperror/permerror (and none for BAD_DOMAIN): why, and where. */
	enum spf_error error;
	enum dns_status dns_status;     /* SPF_ERROR_DNS: the failed lookup's status */
	char *error_domain;             /* the domain whose record or lookup failed */
	char *error_record;             /* SPF_ERROR_SYNTAX: that record's text */
	struct spf_parse_error parse_error; /* SPF_ERROR_SYNTAX: reason and offset in it */
};

#define SPF_OUTCOME_INIT {.result = SPF_RESULT_NONE}

enum spf_trace_kind {
	/* A record was fetched for DOMAIN at DEPTH: RECORD/RECORD_LEN is the
	 * selected v=spf1 record, or NULL when none could be selected (then
	 * DNS_STATUS and NRECORDS say why; RESULT is what that means). RECORD
	 * is also set when that record has a syntax error (RESULT permerror).
	 * LOOKUPS: the TXT query (0 when the name could not be asked). */
	SPF_TRACE_RECORD,
	/* TERM of the record was evaluated: MATCHED, LOOKUPS (the queries the
	 * term cost; for include and redirect everything the nested level
	 * asked, whose own events come first), TARGET (the expanded domain, or
	 * NULL), and the running totals. For redirect= MATCHED means it was
	 * followed; for exp= (reported only when a fail uses it) that its text
	 * was found and valid. ERROR is set when the term ended the evaluation
	 * with an error. */
	SPF_TRACE_TERM,
	/* The level at DEPTH for DOMAIN ended with RESULT (and ERROR). */
	SPF_TRACE_RESULT,
};

struct spf_trace_event {
	enum spf_trace_kind kind;
	unsigned depth;        /* 0: the checked domain; +1 per include/redirect */
	const char *domain;    /* the domain whose record this is */
	const char *record;    /* the record text (NUL-terminated), or NULL */
	size_t record_len;
	enum dns_status dns_status; /* RECORD: the TXT lookup's status */
	size_t nrecords;            /* RECORD: v=spf1 records found */
	const struct spf_term *term; /* TERM: spans refer to RECORD */
	const char *target;    /* TERM: expanded domain (include a mx ptr exists redirect) */
	bool matched;          /* TERM */
	unsigned lookups;      /* RECORD, TERM: seam queries it cost */
	unsigned dns_terms;    /* running total after this event */
	unsigned void_lookups; /* running total after this event */
	enum spf_result result; /* RECORD (when no record), RESULT */
	enum spf_error error;   /* TERM, RESULT */
};

/* Runs check_host() (RFC 7208 4) for REQ over SEAM. OPTS may be NULL.
 * *OUT must be SPF_OUTCOME_INIT or cleared; it is filled in full.
 * Returns false only when memory ran out (*OUT then holds what was built and
 * must still be cleared). */
bool spf_check_host(const struct spf_request *req, const struct dns_seam *seam,
		    const struct spf_options *opts, struct spf_outcome *out);

/* Frees what *OUT holds and resets it to SPF_OUTCOME_INIT. NULL is a no-op. */
void spf_outcome_clear(struct spf_outcome *out);

/* A short stable name for RESULT ("pass", "permerror", ...), as RFC 7208 2.6
 * spells it: for logs, JSON and Received-SPF, never for prose. */
const char *spf_result_name(enum spf_result result);

/* Whether NAME (LEN bytes, no trailing dot) can be asked in DNS: labels of
 * 1..63 bytes of anything but NUL, at most 253 bytes in all (RFC 1035
 * 2.3.4): dname_check() without character flags. */
bool spf_check_name_ok(const char *name, size_t len);
