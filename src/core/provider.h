/* provider.h — the customers' DNS providers (data/providers): how to
 * recognise one by its name servers, and how its web form takes a TXT
 * record. Pure data and matching; the NS and SOA names come from the caller
 * (the propagation round already has them), so detection costs no query.
 *
 * Everything not in the file is unknown: NULL strings, zero numbers and the
 * *_UNKNOWN enum values. Then the wizard asks, as it would without the file. */
#pragma once

#include "inifile.h"

#include <stdbool.h>
#include <stddef.h>

enum {
	PROVIDER_MAX_PATTERNS = 16, /* ns, soa: each */
	PROVIDER_MAX_STEPS = 12,    /* path_de, path_en: each */
	PROVIDER_MAX_NAME = 254,    /* a domain name's text, with its NUL */
};

enum provider_form {
	PROVIDER_FORM_UNKNOWN,
	PROVIDER_FORM_FIELDS, /* separate fields: name, type, value (, TTL) */
	PROVIDER_FORM_LINE,   /* one text line per record, as in a zone file */
	PROVIDER_FORM_BOTH,
};

enum provider_apex {
	PROVIDER_APEX_UNKNOWN,
	PROVIDER_APEX_AT,    /* "@" in the name field */
	PROVIDER_APEX_EMPTY, /* the name field left empty */
};

enum provider_answer { PROVIDER_ANSWER_UNKNOWN, PROVIDER_ANSWER_NO, PROVIDER_ANSWER_YES };

enum provider_ttl {
	PROVIDER_TTL_UNKNOWN,
	PROVIDER_TTL_FIELD, /* the form has a TTL field */
	PROVIDER_TTL_FIXED, /* one TTL, not changeable: ttl_fixed if known */
	PROVIDER_TTL_NONE,  /* no TTL per record */
};

enum provider_quotes {
	PROVIDER_QUOTES_UNKNOWN,
	PROVIDER_QUOTES_ADDS,        /* the form adds quotes itself */
	PROVIDER_QUOTES_STRIPS,      /* it removes typed quotes */
	PROVIDER_QUOTES_NONE_WANTED, /* it wants the value without quotes */
};

/* The way to the DNS settings, one menu step each. */
struct provider_steps {
	char *step[PROVIDER_MAX_STEPS];
	size_t n;
};

struct provider {
	char *id;   /* the section name: "strato" */
	char *name; /* for display: "STRATO" */
	char *ns[PROVIDER_MAX_PATTERNS]; /* name server name patterns */
	size_t nns;
	char *soa[PROVIDER_MAX_PATTERNS]; /* SOA MNAME / RNAME patterns */
	size_t nsoa;
	struct provider_steps path_de, path_en;
	enum provider_form form;
	/* The form's own words; NULL when unknown. */
	char *label_name, *label_type, *label_value, *label_ttl;
	char *type_value; /* what to choose as the type: "TXT (SPF)" */
	enum provider_apex apex;
	enum provider_answer name_appends_domain;
	enum provider_ttl ttl;
	unsigned long ttl_default, ttl_fixed; /* seconds; 0 when unknown */
	enum provider_quotes quotes;
	unsigned long max_length;              /* characters; 0 when unknown */
	char *spf_feature_de, *spf_feature_en; /* NULL when none is known */
	/* YES: the spf_feature text itself says to edit the one SPF record and
	 * not add a second, so no other sentence on a screen repeats it. */
	enum provider_answer feature_says_one_record;
	bool has_live_time;
	unsigned long live_min, live_max; /* seconds, as the provider states */
	/* Until the provider's own name servers serve a change (not the
	 * caches): MIN the usual, MAX the longest a source names; 0-0 at once. */
	bool has_publish_delay;
	unsigned long publish_min, publish_max; /* seconds */
};

struct provider_list {
	struct provider *items; /* in the file's order */
	size_t n;
};

/* Loads PATH into *out. On failure returns false with *problem filled (the
 * first problem in the file; its message: inifile_problem_message()) and
 * *out empty. A key missing from a section is reported on the section's
 * header. */
bool provider_load(const char *path, struct provider_list *out, struct inifile_problem *problem);

/* Frees what *list holds; NULL is a no-op. */
void provider_list_clear(struct provider_list *list);

/* The provider with ID, or NULL. */
const struct provider *provider_find(const struct provider_list *list, const char *id);

/* Whether NAME matches PATTERN (the syntax is documented in data/providers:
 * "#" one digit, "*" one or more characters within a label). NAME is
 * compared in lower case, a trailing dot ignored; a name that is no
 * A-label text (a byte outside printable ASCII) matches nothing. */
bool provider_name_matches(const char *pattern, const char *name);

/* How a detection was made. */
enum provider_evidence {
	PROVIDER_BY_SOA_MNAME, /* the zone's primary, named by SOA MNAME */
	PROVIDER_BY_NS,        /* the NS names */
	PROVIDER_BY_SOA_RNAME, /* only the SOA contact matched */
	PROVIDER_CHOSEN,       /* not detected: the caller chose it (--provider) */
};

struct provider_match {
	const struct provider *provider; /* points into the list */
	enum provider_evidence evidence;
	char name[PROVIDER_MAX_NAME]; /* the name that matched: lower case, no trailing dot */
};

/* The provider of a zone from its NS names (any order, duplicates allowed)
 * and its SOA MNAME and RNAME (each NULL when unknown). The rule, in order:
 *   1. SOA MNAME matches a provider's ns or soa patterns: that provider (a
 *      mixed NS set, with a secondary elsewhere, is named by its primary);
 *   2. else the provider matching the most NS names (ns patterns); a tie
 *      goes to the provider of the first of the tied names in sorted
 *      (byte-wise, lower-case) order; the name reported is that provider's
 *      first NS name in sorted order;
 *   3. else SOA RNAME matches a provider's soa patterns: that provider;
 *   4. else none: returns false, match->provider NULL.
 * Where several providers' patterns match one name, the first in the file
 * counts. */
bool provider_detect(const struct provider_list *list, const char *const *ns_names, size_t n,
		     const char *soa_mname, const char *soa_rname, struct provider_match *match);

/* The path and the SPF feature text for LANG ("en", else German). */
const struct provider_steps *provider_path(const struct provider *p, const char *lang);
const char *provider_spf_feature(const struct provider *p, const char *lang);
