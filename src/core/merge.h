/* merge.h — what the customer must publish, given what is published now.
 *
 * RFC 7208 4.5 allows one SPF record per name: no SPF record → the profile's
 * template; one record → that record with the profile's ip4:/ip6: terms
 * inserted before its final all/redirect= (nothing else changed, no mx added),
 * replacing it; several records (a permerror today) → one merged record that
 * replaces all of them; Flicono already authorised (decided by check_host()
 * for the profile's addresses, not by text search) → nothing to do. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dns_seam.h"
#include "lint.h"
#include "profile.h"
#include "spf_check.h"
#include "spf_parse.h"

enum merge_action {
	MERGE_NEW,     /* no SPF record: publish the template */
	MERGE_EXTEND,  /* one record: publish it extended, replacing it */
	MERGE_COMBINE, /* several records: publish one, replacing all of them */
	MERGE_NOTHING, /* the sender is already authorised: nothing to publish */
	MERGE_BROKEN,  /* an existing record does not parse: it must be fixed by hand */
};

struct merge_request {
	const char *domain;          /* A-label, no trailing dot */
	const char *sender;          /* for check_host(); NULL: postmaster@domain */
	const struct dns_rrset *txt; /* the TXT records published at the domain now */
	const struct profile *profile;
};

struct merge_result {
	enum merge_action action;
	char *record;     /* NEW, EXTEND, COMBINE: the record to publish */
	size_t record_len;
	char **existing;  /* the v=spf1 records found, in the order received */
	size_t *existing_len; /* their lengths (a record may hold a NUL) */
	size_t nexisting;
	size_t broken;    /* BROKEN: index into existing */
	struct spf_parse_error parse_error; /* BROKEN: where */
	/* check_host() for the profile's addresses against what is published. */
	enum spf_result result_v4, result_v6;
	bool has_v4, has_v6; /* the profile has terms of that family */
	size_t inserted;     /* EXTEND, COMBINE: profile terms added */
	/* NEW, EXTEND, COMBINE: check_host() over the record to publish passes
	 * for every profile address. False when an earlier term of the existing
	 * record still excludes one (e.g. -ip4:…/24): then inserting is not enough. */
	bool authorises;
	/* NEW: the template's `mx` was left out, since DOMAIN has no MX
	 * records (it would authorise nothing and cost a void lookup). */
	bool mx_dropped;
	struct lint_report before; /* the existing record (EXTEND, NOTHING) */
	struct lint_report after;  /* the record to publish (NEW, EXTEND, COMBINE) */
};

/* Computes *out (free with merge_result_clear). Asks DNS through SEAM for
 * check_host() and for the limits. Returns false only when memory ran out. */
bool merge_compute(const struct merge_request *req, const struct dns_seam *seam,
		   struct merge_result *out);

void merge_result_clear(struct merge_result *res);

/* Inserts TERMS (joined by spaces) into RECORD so that they are evaluated
 * before its final decision (before the first `all`, else before redirect=,
 * else at the end). Everything else stays byte for byte. New string. */
char *merge_insert_terms(const struct spf_record *record, const char *const *terms,
			 size_t nterms);
