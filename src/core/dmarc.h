/* dmarc.h — the domain's DMARC policy (RFC 7489): the record parsed, the
 * policy that applies to mail from the sender's domain, and what it means
 * for Flicono's mail, in plain German (gettext). Pure: the TXT answers come
 * from the caller (asked through the DNS layer), and so does the
 * organisational domain (found with the Public Suffix List, orgdomain.h). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dns_seam.h"

enum dmarc_policy { DMARC_P_NONE, DMARC_P_QUARANTINE, DMARC_P_REJECT };

/* Why no policy applies, or DMARC_OK. */
enum dmarc_problem {
	DMARC_OK,
	DMARC_NO_RECORD,     /* neither the domain nor its organisational domain has one */
	DMARC_SEVERAL,       /* more than one v=DMARC1 record: none applies (6.6.3) */
	DMARC_BAD_POLICY,    /* p= missing or not none/quarantine/reject, no rua= */
	DMARC_BAD_TAG,       /* sp=, pct=, aspf= or adkim= with a value not allowed */
	DMARC_LOOKUP_FAILED, /* the resolver gave no usable answer */
};

struct dmarc_record {
	enum dmarc_policy p, sp;     /* sp defaults to p */
	unsigned pct;                /* 0..100, default 100 */
	bool aspf_strict, adkim_strict;
	bool has_rua;
	bool p_from_rua;             /* p= broken, treated as none because of rua= (6.6.3) */
	size_t bad_offset;           /* DMARC_BAD_*: where the broken tag starts */
};

/* Parses the record TEXT/LEN, which begins with v=DMARC1. Returns the
 * problem (DMARC_OK, DMARC_BAD_POLICY or DMARC_BAD_TAG); *out is filled. */
enum dmarc_problem dmarc_parse(const char *text, size_t len, struct dmarc_record *out);

/* How many records of SET are DMARC records (begin with "v=DMARC1"); the
 * index of the last in *which. */
size_t dmarc_count_records(const struct dns_rrset *set, size_t *which);

/* What applies to mail from DOMAIN. */
struct dmarc_result {
	bool asked;               /* false: the round did not get as far */
	enum dmarc_problem problem;
	bool from_org;            /* the record is the organisational domain's */
	char policy_domain[256];  /* where the record was (or was looked for) */
	char *record;             /* the record's text (first of several), or NULL */
	struct dmarc_record rec;  /* parsed; valid when problem is DMARC_OK */
	enum dmarc_policy effective; /* p, or sp for a subdomain sender */
	bool strict_subdomain;    /* aspf=s, sender is a subdomain of the policy domain */
};

/* The answer to _dmarc.<name>: status and records. */
struct dmarc_answer {
	enum dns_status status;
	const struct dns_rrset *set; /* NULL when not asked */
};

/* Judges OWN (the answer for _dmarc.DOMAIN) and, when OWN holds no DMARC
 * record and ORG_DOMAIN differs from DOMAIN, ORG (for _dmarc.ORG_DOMAIN).
 * True when the organisational domain must be asked first: then *out is
 * untouched and the caller asks and calls again with ORG. False when out
 * of memory would be the only other reason; *out then has record NULL. */
bool dmarc_needs_org(const char *domain, const char *org_domain, const struct dmarc_answer *own);
bool dmarc_judge(const char *domain, const char *org_domain, const struct dmarc_answer *own,
		 const struct dmarc_answer *org, struct dmarc_result *out);
void dmarc_result_clear(struct dmarc_result *r);

/* Asks SEAM for _dmarc.DOMAIN and, only when that holds none, for
 * _dmarc.ORG_DOMAIN (may be NULL), and judges. False when out of memory. */
bool dmarc_fetch(const struct dns_seam *seam, const char *domain, const char *org_domain,
		 struct dmarc_result *out);

/* "none", "quarantine", "reject". */
const char *dmarc_policy_name(enum dmarc_policy p);
/* "ok", "no_record", "several", "bad_policy", "bad_tag", "lookup_failed". */
const char *dmarc_problem_name(enum dmarc_problem p);

/* What R means for SENDER_NAME's mail from DOMAIN (for people, may be
 * Unicode), one paragraph: today (AUTHORISED: the SPF record authorises
 * the sender now) and with the record. ALIAS: the sender uses its alias
 * address, so DMARC of DOMAIN does not touch it. Returns BUF. */
const char *dmarc_explain(const struct dmarc_result *r, const char *sender_name,
			  bool authorised, bool alias, char *buf, size_t size,
			  const char *domain);
