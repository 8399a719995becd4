/* proposal.h — what to publish, and why: the one answer that `show`, `check`
 * and the wizard render (ARCHITECTURE.md, "How an address becomes a verdict").
 *
 * From the sender address, the profile and the DNS seam: the freemail
 * verdict, the zone and the record's owner name relative to it, the SPF
 * records published now, the record to publish (the template or a merge),
 * the proof by check_host() that it authorises the profile's addresses,
 * the lint before and after, the customer's DNS provider. No front-end
 * computes any part of this itself (the typical mistakes of a published
 * record are the propagation round's, check_round.mistakes). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "address.h"
#include "dns_seam.h"
#include "entry.h"
#include "freemail.h"
#include "merge.h"
#include "profile.h"
#include "provider.h"
#include "zone.h"

/* What the front-ends tell the customer, in order of precedence. */
enum proposal_outcome {
	PROPOSAL_PUBLISH,   /* publish `record` (new, or replacing `existing`) */
	PROPOSAL_NOTHING,   /* the sender is authorised already: nothing to do */
	PROPOSAL_FREEMAIL,  /* a freemail domain: only its provider can publish; alias mode */
	PROPOSAL_NO_DOMAIN, /* the registrable domain does not exist (NXDOMAIN; a typo,
	                     * not registered, or expired): nothing to propose, and the
	                     * zone above it (a public suffix) is not the customer's */
	PROPOSAL_BROKEN,    /* an existing record does not parse: fix it by hand first */
	PROPOSAL_UNFIT,     /* the merged record would not work (a limit, or an earlier
	                     * term still excludes the sender): never hand it out */
	PROPOSAL_NO_ANSWER, /* DNS gave no answer about the TXT records: proposing
	                     * blindly could make a second SPF record */
	PROPOSAL_NOMEM,
};

struct proposal_request {
	const struct address *addr;
	const struct profile *profile;
	const struct freemail_list *freemail; /* NULL: no list */
	/* NULL: no DNS (show --no-lookup): the template, the zone guessed. */
	const struct dns_seam *seam;
	/* The DNS providers (NULL: none known) and which one to take: NULL or
	 * "auto" detects it from the zone's NS and SOA names, "none" takes
	 * none, anything else is a provider id (see proposal_provider_choice). */
	const struct provider_list *providers;
	const char *provider_choice;
	/* The organisational domain of addr->domain (orgdomain.h), which the
	 * front-ends compute; NULL: unknown (then no NO_DOMAIN). */
	const char *org_domain;
};

struct proposal {
	enum proposal_outcome outcome;
	/* check_host()'s sender: the typed address, or postmaster@domain. */
	char sender[320];
	/* The zone and the owner name relative to it ("@", "mail"). */
	struct zone zone;
	bool zone_found;   /* asked and found; false: guessed or unknown */
	bool zone_guessed; /* no DNS: the zone is assumed to be the last two labels */
	enum dns_status txt_status; /* the TXT lookup at the domain */
	bool nxdomain;     /* the domain does not exist in DNS (a subdomain the customer
	                    * can create, unless the outcome is NO_DOMAIN) */
	/* existing records, the record, authorises, lint before/after. */
	struct merge_result merge;
	/* The customer's DNS provider: detected (provider.name the name that
	 * matched) or chosen; has_provider false when unknown. */
	struct provider_match provider;
	bool has_provider;
	bool provider_chosen; /* given by the caller, not detected */
};

/* The sender check_host() runs as for ADDR: the typed address, or
 * postmaster@DOMAIN for a bare domain. Every front-end uses this one. */
void proposal_sender(const struct address *addr, char *buf, size_t size);

/* Computes *out (clear with proposal_clear). Returns false only when memory
 * ran out (out->outcome is then PROPOSAL_NOMEM); everything else is in *out. */
bool proposal_compute(const struct proposal_request *req, struct proposal *out);

void proposal_clear(struct proposal *p);

/* Whether CHOICE ("auto", "none" or an id of LIST) can be taken. */
bool proposal_provider_choice_valid(const struct provider_list *list, const char *choice);

/* What a zone's provider is recognised by: its NS names (N of them) and
 * its SOA MNAME and RNAME (each NULL when unknown). */
struct proposal_zone_names {
	const char *const *ns;
	size_t n;
	const char *soa_mname, *soa_rname;
};

/* Whether CHOICE (--provider) leaves the provider to detection: NULL or
 * "auto". Only then are the zone's names needed. */
bool proposal_provider_detects(const char *choice);

/* The provider for CHOICE, the one rule that the proposal, check, check
 * --open and note share: NULL or "auto" detects it from NAMES
 * (provider_detect's rule; NULL: nothing to detect from), "none" takes none,
 * an id takes that provider of LIST (evidence PROVIDER_CHOSEN). True when
 * there is one; otherwise match->provider is NULL. */
bool proposal_provider_pick(const struct provider_list *list, const char *choice,
			    const struct proposal_zone_names *names,
			    struct provider_match *match);

/* The record to publish (the template when nothing else applies), and its
 * length. Never NULL. */
const char *proposal_record(const struct proposal *p, const struct profile *profile,
			    size_t *len);

/* The entry in FORM, with the owner name, the record (made safe for the
 * fields form: it may come from an existing record; the line form escapes
 * it itself) and, WITH_TTL, the profile's TTL. New string, or NULL. */
char *proposal_entry(const struct proposal *p, const struct profile *profile,
		     enum entry_form form, bool with_ttl);

/* The same in the words of PROVIDER's form (NULL: proposal_entry): its field
 * labels, its type choice, and an empty name field for the domain itself
 * where the provider wants that. */
char *proposal_entry_for(const struct proposal *p, const struct profile *profile,
			 enum entry_form form, bool with_ttl, const struct provider *provider);

/* PROVIDER's labels for entry_format (NULL members where it is unknown). */
struct entry_labels proposal_provider_labels(const struct provider *provider);

/* Whether the record ends in " -all" and is the template: the front-ends
 * then say what -all means for other servers the customer sends through. */
bool proposal_template_strict(const struct proposal *p, const struct profile *profile);

/* The sentences that go with a proposed template, in one line each (German
 * msgids), for show, the wizard's entry screen and the ticket note alike.
 * DOMAIN is the sender's domain for people. Each returns BUF, or NULL when
 * there is nothing to say. */

/* Why the template has no `mx`: DOMAIN has no MX records (merge.h:
 * mx_dropped), so the term would authorise nothing and cost a lookup. */
const char *proposal_mx_note(const struct proposal *p, const char *domain, char *buf,
			     size_t size);

/* What "-all" at the end of the template means (proposal_template_strict):
 * only the domain's mail servers and the profile's sender may send for
 * DOMAIN, or the sender alone where `mx` was left out. */
const char *proposal_strict_note(const struct proposal *p, const struct profile *profile,
				 const char *domain, char *buf, size_t size);
