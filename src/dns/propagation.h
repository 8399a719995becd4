/* propagation.h — one round of the propagation check: find the zone and its
 * name servers, ask every name server address (IPv4 and IPv6, without
 * recursion) and every resolver for the domain's TXT records, all at the
 * same time, and judge what each serves; then check_host() through the
 * first resolver. Blocking: a caller with a user interface runs it on a
 * worker thread (it touches no global state; each call has its own sockets).
 *
 * The typical mistakes (record under DOMAIN.DOMAIN or www.DOMAIN, value
 * stored with its quotes, typographic quotes or no-break spaces, only a
 * type-99 SPF record) are looked for when no name server serves a good
 * record. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "dns_batch.h"
#include "profile.h"
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
};

enum check_mistake {
	MISTAKE_DOUBLED_NAME = 1u << 0, /* the record sits at DOMAIN.DOMAIN */
	MISTAKE_WWW = 1u << 1,          /* the record sits at www.DOMAIN */
	MISTAKE_QUOTED = 1u << 2,       /* the value begins with a quote: "v=spf1 …" */
	MISTAKE_TYPOGRAPHIC = 1u << 3,  /* „“ ” ‘ ’ or a no-break space in the value */
	MISTAKE_TYPE99_ONLY = 1u << 4,  /* only a type-99 SPF record, no TXT */
};

enum check_failure {
	CHECK_OK,
	CHECK_NO_ZONE,        /* no SOA found for the domain or any parent */
	CHECK_NO_NAMESERVERS, /* the zone has no NS records with addresses */
	CHECK_RESOLVER_DOWN,  /* the first resolver did not answer at all */
	CHECK_NOMEM,
};

struct check_round {
	enum check_failure failure;
	char zone[256];              /* the zone that contains the domain */
	char name[256];              /* the record's name relative to the zone: "@", "mail" */
	struct observation *obs;     /* name servers first, then resolvers */
	size_t nobs;
	enum spf_result v4, v6;      /* check_host() through the first resolver */
	bool has_v6;
	struct verdict_result verdict;
	unsigned mistakes;           /* enum check_mistake bits */
	char *mistake_record;        /* the misplaced or mangled record, if any */
	time_t started;              /* wall-clock time the round started */
	unsigned elapsed_ms;
};

/* The zone that contains DOMAIN (the closest name at or above it with a
 * SOA), asked through SEAM, and the record's name relative to it ("@" at
 * the apex). CHECK_RESOLVER_DOWN when the first lookup got no answer. */
enum check_failure check_find_zone(const struct dns_seam *seam, const char *domain, char *zone,
				   size_t zone_size, char *name, size_t name_size);

/* Runs one round. Returns false only when memory ran out; everything else
 * (no zone, time-outs) is in *out. Clear *out with check_round_clear(). */
bool check_run(const struct check_config *cfg, struct check_round *out);

void check_round_clear(struct check_round *round);
