/* propagation.h — one round of the propagation check: find the zone and its
 * name servers, ask every name server address (IPv4 and IPv6, without
 * recursion) and every resolver for the domain's TXT records, all at the
 * same time, and judge what each serves; then check_host() through the
 * first resolver. Blocking: a caller with a user interface runs it on a
 * worker thread (it touches no global state; each call has its own sockets).
 *
 * The typical mistakes (mistakes.h: record under DOMAIN.ZONE or www.DOMAIN,
 * value stored with its quotes, typographic quotes or no-break spaces, only
 * a type-99 SPF record) are looked for at the name servers when none of
 * them serves a good record. Name servers come in a stable order (by name,
 * then address), whatever order DNS handed them out in. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "advice.h"
#include "bound.h"
#include "dmarc.h"
#include "dns_batch.h"
#include "lint.h"
#include "mistakes.h"
#include "profile.h"
#include "provider.h"
#include "verdict.h"

/* A resolver to compare, with the name to show for it. */
struct check_resolver {
	struct dns_server server;
	char name[64]; /* "System", "Google", … */
};

struct check_config {
	const char *domain;    /* A-label, no trailing dot */
	const char *sender;    /* for check_host(); NULL: postmaster@domain */
	const struct profile *profile;
	/* The resolvers: the first is used to find the zone and its name
	 * servers and for check_host(); all of them get a row. */
	const struct check_resolver *resolvers;
	size_t nresolvers;
	unsigned timeout_ms;   /* for one round of queries; 0: 3000 */
	/* The organisational domain (orgdomain.h) for the DMARC fallback;
	 * NULL: only _dmarc.DOMAIN is asked. */
	const char *org_domain;
	/* The worldwide cache bound so far (an earlier round's, or an open
	 * check's, bound.h); NULL: none. The round's own is in out->bound. */
	const struct cache_bound *bound;
};

struct check_round {
	enum check_failure failure;
	char zone[256];              /* the zone that contains the domain */
	char name[256];              /* the record's name relative to the zone: "@", "mail" */
	char soa_mname[256];         /* the zone's SOA MNAME and RNAME; "" when unknown */
	char soa_rname[256];
	struct observation *obs;     /* name servers first, then resolvers */
	size_t nobs;
	enum spf_result v4, v6;      /* check_host() through the first resolver */
	bool has_v6;
	struct verdict_result verdict;
	unsigned mistakes;           /* enum mistake bits (mistakes.h) */
	char *mistake_record;        /* the misplaced or mangled record, if any */
	/* The lint of the one SPF record the first answering name server
	 * serves (weak or wasteful parts); has_lint false when there is none. */
	struct lint_report lint;
	bool has_lint;
	/* The DMARC policy, asked through the first resolver. */
	struct dmarc_result dmarc;
	/* The worldwide bound: cfg->bound taken on with this round's rows. */
	struct cache_bound bound;
	time_t started;              /* wall-clock time the round started */
	unsigned elapsed_ms;
};

/* Runs one round. Returns false only when memory ran out; everything else
 * (no zone, time-outs) is in *out. Clear *out with check_round_clear(). */
bool check_run(const struct check_config *cfg, struct check_round *out);

void check_round_clear(struct check_round *round);

/* ROUND in words (advice.h) for DOMAIN (A-label; LABEL for people), the
 * sender SENDER_NAME and the customer's PROVIDER (NULL: unknown). */
void check_round_advice(const struct check_round *round, const char *domain, const char *label,
			const char *sender_name, const struct provider *provider,
			struct advice *out);

/* The provider of ROUND's zone for CHOICE (--provider: an id, "none", or
 * NULL/"auto"), by proposal_provider_pick: detected from the name servers
 * and the SOA the round asked (no query of its own). False when none. */
bool check_round_provider(const struct check_round *round, const struct provider_list *list,
			  const char *choice, struct provider_match *match);
