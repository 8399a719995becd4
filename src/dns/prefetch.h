/* prefetch.h — what check_host(), the lint and the DMARC lookup will ask
 * the resolver, asked beside the propagation round's serial chain.
 *
 * The round cannot shorten its chain (the zone's name servers, their
 * addresses, TXT at each server). Everything else is known earlier: the
 * domain's MX and its DMARC names from the start, the MX hosts and the
 * include/redirect/a/mx targets as soon as the answer naming them is in
 * (the domain's own TXT is never asked here: the name servers' answers
 * seed its targets, see dns_auth.h for why). Each answer starts the questions it names (a stage), so the
 * prefetch runs in the same poll() as the chain and is done when the chain
 * is. Its answers then go into the resolver's answer cache, and
 * check_host() runs on them without asking again.
 *
 * Use: p = prefetch_new(…); prefetch_start(p); then, while the chain runs,
 * prefetch_pollfds / prefetch_next_timeout_ms / prefetch_process in its
 * poll loop (prefetch_run_beside does that for a dns_batch); records only
 * the name servers serve can be added with prefetch_seed_records; finally
 * prefetch_finish() and prefetch_remember(). */
#pragma once

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "dns_batch.h"
#include "dns_resolver.h"

struct prefetch;

/* A prefetch through RESOLVER for DOMAIN (and ORG_DOMAIN's DMARC record,
 * when not NULL and not DOMAIN), each stage ending within TIMEOUT_MS. NULL
 * when out of memory (the round then simply asks as it goes). */
struct prefetch *prefetch_new(const struct dns_server *resolver, const char *domain,
			      const char *org_domain, unsigned timeout_ms);

void prefetch_free(struct prefetch *p);

/* Sends the first stage. */
void prefetch_start(struct prefetch *p);

/* As dns_batch_pollfds, over every active stage. */
size_t prefetch_pollfds(const struct prefetch *p, struct pollfd *fds, size_t max);

/* The most entries prefetch_pollfds can fill now. */
size_t prefetch_count(const struct prefetch *p);

/* Milliseconds until P must be processed; -1 when nothing is active. */
int prefetch_next_timeout_ms(const struct prefetch *p);

/* Handles FDS for every active stage; a stage that is done starts the
 * questions its answers name. */
void prefetch_process(struct prefetch *p, const struct pollfd *fds, size_t n);

/* Runs B to its end and P beside it (P may be NULL). False when poll()
 * fails or memory runs out. */
bool prefetch_run_beside(struct dns_batch *b, struct prefetch *p);

/* Asks at once what the SPF record in TXT, published at OWNER, names (a
 * name server's answer that the resolver may not have yet). */
void prefetch_seed_records(struct prefetch *p, const struct dns_rrset *txt, const char *owner);

/* Runs P until no stage is active (each stage ends within its time-out). */
void prefetch_finish(struct prefetch *p);

/* Puts every answer P got into R's answer cache (dns_cache.h decides what
 * is worth keeping): the questions are then answered without asking. */
void prefetch_remember(struct prefetch *p, struct dns_resolver *r);

/* How many questions P sent, for the tests. */
size_t prefetch_sent(const struct prefetch *p);
