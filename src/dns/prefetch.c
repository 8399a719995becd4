/* prefetch.c — see prefetch.h. */
#include "prefetch.h"

#include "spf_parse.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* RFC 7208 4.6.4 allows 10 DNS terms and 10 MX hosts each; this is room
 * for a deep record and its MX hosts, not a limit on check_host(), which
 * asks whatever is missing itself. */
enum { MAX_QUESTIONS = 96, MAX_STAGES = 12, MAX_MX_HOSTS = 10 };

struct question {
	char name[256];
	enum dns_type type;
	size_t stage;
	size_t idx;
};

struct prefetch {
	struct dns_server resolver;
	unsigned timeout_ms;
	struct question q[MAX_QUESTIONS];
	size_t nq;
	struct dns_batch *stage[MAX_STAGES];
	bool done[MAX_STAGES];
	size_t nstages;
	struct dns_batch *next; /* the questions of the stage to come */
};

/* Queues NAME/TYPE for the next stage unless it was asked already. */
static void
want(struct prefetch *p, const char *name, enum dns_type type)
{
	if (!*name || strlen(name) >= sizeof(p->q[0].name) || p->nq == MAX_QUESTIONS ||
	    p->nstages == MAX_STAGES)
		return;
	for (size_t i = 0; i < p->nq; i++)
		if (p->q[i].type == type && strcasecmp(p->q[i].name, name) == 0)
			return;
	if (!p->next && !(p->next = dns_batch_new(p->timeout_ms)))
		return;
	struct question *q = &p->q[p->nq];
	if (!dns_batch_add(p->next, &p->resolver, name, type, DNS_QUERY_RD, &q->idx))
		return; /* a name DNS cannot carry: check_host() says so itself */
	snprintf(q->name, sizeof(q->name), "%s", name);
	q->type = type;
	q->stage = p->nstages;
	p->nq++;
}

/* Sends the queued questions as a stage of their own. */
static void
flush(struct prefetch *p)
{
	if (!p->next)
		return;
	dns_batch_start(p->next);
	p->done[p->nstages] = false;
	p->stage[p->nstages++] = p->next;
	p->next = NULL;
}

/* What check_host() asks for the terms of the one SPF record in TXT,
 * published at OWNER: macro-free targets only. */
static void
want_targets(struct prefetch *p, const char *owner, const struct dns_rrset *txt)
{
	size_t which = 0;
	if (spf_parse_count_records(txt, &which) != 1)
		return;
	const struct dns_record *rec = &txt->records[which];
	struct spf_record *parsed = NULL;
	struct spf_parse_error err;
	if (!spf_parse((const char *)rec->data, rec->len, &parsed, &err))
		return;
	for (size_t t = 0; t < parsed->nterms; t++) {
		const struct spf_term *term = &parsed->terms[t];
		const char *v = parsed->text + term->value.off;
		char name[256];
		if (term->has_value && term->value.len)
			snprintf(name, sizeof(name), "%.*s", (int)term->value.len, v);
		else
			snprintf(name, sizeof(name), "%s", owner);
		if (memchr(name, '%', strlen(name)))
			continue;
		switch (term->kind) {
		case SPF_TERM_INCLUDE:
		case SPF_TERM_REDIRECT:
			if (term->has_value)
				want(p, name, DNS_TYPE_TXT);
			break;
		case SPF_TERM_MX: want(p, name, DNS_TYPE_MX); break;
		case SPF_TERM_A:
			want(p, name, DNS_TYPE_A);
			want(p, name, DNS_TYPE_AAAA);
			break;
		case SPF_TERM_EXISTS:
			if (term->has_value)
				want(p, name, DNS_TYPE_A);
			break;
		default: break;
		}
	}
	spf_record_free(parsed);
}

/* The questions the answers of stage S name. */
static void
harvest(struct prefetch *p, size_t s)
{
	for (size_t i = 0; i < p->nq; i++) {
		const struct question *q = &p->q[i];
		if (q->stage != s)
			continue;
		const struct dns_result *r = dns_batch_result(p->stage[s], q->idx);
		if (!r || r->state != DNS_QUERY_ANSWERED || r->answer.rrset.status != DNS_STATUS_OK)
			continue;
		const struct dns_rrset *set = &r->answer.rrset;
		if (q->type == DNS_TYPE_TXT)
			want_targets(p, q->name, set);
		for (size_t k = 0; q->type == DNS_TYPE_MX && k < set->count && k < MAX_MX_HOSTS; k++) {
			const char *host = (const char *)set->records[k].data;
			want(p, host, DNS_TYPE_A);
			want(p, host, DNS_TYPE_AAAA);
		}
	}
}

struct prefetch *
prefetch_new(const struct dns_server *resolver, const char *domain, const char *org_domain,
	     unsigned timeout_ms)
{
	struct prefetch *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->resolver = *resolver;
	p->timeout_ms = timeout_ms;
	char dmarc[300];
	/* Not the domain's own TXT: the round reads it from the name servers,
	 * and a resolver asked now would keep the old answer for its TTL. Its
	 * targets are seeded from their answers (prefetch_seed_records). */
	want(p, domain, DNS_TYPE_MX);
	snprintf(dmarc, sizeof(dmarc), "_dmarc.%s", domain);
	want(p, dmarc, DNS_TYPE_TXT);
	if (org_domain && strcasecmp(org_domain, domain) != 0) {
		snprintf(dmarc, sizeof(dmarc), "_dmarc.%s", org_domain);
		want(p, dmarc, DNS_TYPE_TXT);
	}
	return p;
}

void
prefetch_free(struct prefetch *p)
{
	if (!p)
		return;
	for (size_t s = 0; s < p->nstages; s++)
		dns_batch_free(p->stage[s]);
	dns_batch_free(p->next);
	free(p);
}

void
prefetch_start(struct prefetch *p)
{
	if (p)
		flush(p);
}

size_t
prefetch_count(const struct prefetch *p)
{
	size_t n = 0;
	for (size_t s = 0; p && s < p->nstages; s++)
		if (!p->done[s])
			n += dns_batch_count(p->stage[s]);
	return n;
}

size_t
prefetch_pollfds(const struct prefetch *p, struct pollfd *fds, size_t max)
{
	size_t n = 0;
	for (size_t s = 0; p && s < p->nstages; s++)
		if (!p->done[s])
			n += dns_batch_pollfds(p->stage[s], fds + n, max - n);
	return n;
}

int
prefetch_next_timeout_ms(const struct prefetch *p)
{
	int t = -1;
	for (size_t s = 0; p && s < p->nstages; s++) {
		if (p->done[s])
			continue;
		int ts = dns_batch_next_timeout_ms(p->stage[s]);
		if (t < 0 || ts < t)
			t = ts;
	}
	return t;
}

void
prefetch_process(struct prefetch *p, const struct pollfd *fds, size_t n)
{
	if (!p)
		return;
	/* A stage that ends here may start the next: nstages grows in the loop. */
	for (size_t s = 0; s < p->nstages; s++) {
		if (p->done[s])
			continue;
		dns_batch_process(p->stage[s], fds, n);
		if (dns_batch_done(p->stage[s])) {
			p->done[s] = true;
			harvest(p, s);
			flush(p);
		}
	}
}

/* Polls B (may be NULL) and P together until B is done, or with B NULL
 * until P is. */
static bool
run(struct dns_batch *b, struct prefetch *p)
{
	struct pollfd *fds = NULL;
	size_t cap = 0;
	bool ok = true;
	while (b ? !dns_batch_done(b) : prefetch_next_timeout_ms(p) >= 0) {
		size_t want_fds = (b ? dns_batch_count(b) : 0) + prefetch_count(p) + 1;
		if (want_fds > cap) {
			struct pollfd *grown = realloc(fds, want_fds * sizeof(*fds));
			if (!grown) {
				ok = false;
				break;
			}
			fds = grown;
			cap = want_fds;
		}
		size_t n = b ? dns_batch_pollfds(b, fds, cap) : 0;
		n += prefetch_pollfds(p, fds + n, cap - n);
		int t = b ? dns_batch_next_timeout_ms(b) : -1, tp = prefetch_next_timeout_ms(p);
		if (t < 0 || (tp >= 0 && tp < t))
			t = tp;
		if (poll(fds, (nfds_t)n, t) < 0 && errno != EINTR) {
			ok = false;
			break;
		}
		if (b)
			dns_batch_process(b, fds, n);
		prefetch_process(p, fds, n);
	}
	free(fds);
	return ok;
}

bool
prefetch_run_beside(struct dns_batch *b, struct prefetch *p)
{
	if (!p)
		return dns_batch_run(b);
	dns_batch_start(b);
	/* Out of memory or a failing poll(): the batch alone, as without P. */
	return run(b, p) || dns_batch_run(b);
}

void
prefetch_seed_records(struct prefetch *p, const struct dns_rrset *txt, const char *owner)
{
	if (!p || !txt)
		return;
	want_targets(p, owner, txt);
	flush(p);
}

void
prefetch_finish(struct prefetch *p)
{
	if (p)
		run(NULL, p);
}

void
prefetch_remember(struct prefetch *p, struct dns_resolver *r)
{
	for (size_t i = 0; p && i < p->nq; i++) {
		const struct question *q = &p->q[i];
		if (q->stage >= p->nstages)
			continue; /* still queued, never sent */
		const struct dns_result *res = dns_batch_result(p->stage[q->stage], q->idx);
		if (res && res->state == DNS_QUERY_ANSWERED)
			dns_resolver_remember(r, q->name, q->type, &res->answer.rrset);
	}
}

size_t
prefetch_sent(const struct prefetch *p)
{
	size_t n = 0;
	for (size_t i = 0; p && i < p->nq; i++)
		if (p->q[i].stage < p->nstages)
			n++;
	return n;
}
