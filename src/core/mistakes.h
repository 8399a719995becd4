/* mistakes.h — the typical mistakes customers make when they type the record
 * into their provider's form, recognised from what DNS serves.
 *
 * The propagation round asks the places at the authoritative name servers
 * and judges here; the wizard's check screen and `check` show the result. */
#pragma once

#include <stddef.h>

#include "dns_seam.h"

enum mistake {
	MISTAKE_DOUBLED_NAME = 1u << 0, /* the record sits at DOMAIN.ZONE: the form appended the zone */
	MISTAKE_WWW = 1u << 1,          /* the record sits at www.DOMAIN */
	MISTAKE_QUOTED = 1u << 2,       /* the value begins with a quote: "v=spf1 …" */
	MISTAKE_TYPOGRAPHIC = 1u << 3,  /* „“ ” ‘ ’ or a no-break space in the value */
	MISTAKE_TYPE99_ONLY = 1u << 4,  /* only a type-99 SPF record, no TXT */
	MISTAKE_AT_LABEL = 1u << 5,     /* the record sits at @.DOMAIN: "@" taken literally */
};
#define MISTAKE_COUNT 6

/* What was found at the places the mistakes leave a record. Each may be
 * NULL (not asked, or no answer). */
struct mistake_probes {
	const struct dns_rrset *own;     /* TXT at the domain */
	const struct dns_rrset *doubled; /* TXT at DOMAIN.ZONE */
	const struct dns_rrset *www;     /* TXT at www.DOMAIN */
	const struct dns_rrset *type99;  /* type SPF (99) at the domain */
	const struct dns_rrset *at;      /* TXT at @.DOMAIN */
};

/* The enum mistake bits PROBES show, and in *record (new string, or NULL)
 * the first misplaced or mangled record, for showing. *record must be NULL
 * on entry. */
unsigned mistakes_find(const struct mistake_probes *probes, char **record);

/* The names to probe: DOMAIN.ZONE (a form that appends the zone to what was
 * typed as the full name), www.DOMAIN, and @.DOMAIN (a form whose name field
 * stays empty for the domain itself took "@" as a label). */
struct mistake_names {
	char *doubled, *www, *at;
};

/* Fills NAMES with new strings; false (and all NULL) when out of memory. */
bool mistakes_probe_names(const char *domain, const char *zone, struct mistake_names *names);
void mistakes_names_free(struct mistake_names *names);
