/* propagation.c — see propagation.h. */
#include "propagation.h"

#include "clock.h"
#include "dns_resolver.h"
#include "dnssec.h"
#include "prefetch.h"
#include "proposal.h"
#include "mistakes.h"
#include "zone.h"
#include "spf_ip.h"
#include "spf_parse.h"
#include "strbuf.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

enum { DEFAULT_TIMEOUT_MS = 3000, MAX_NS_ADDRESSES = 32 };

/* "192.0.2.1", "2001:db8::1", with ":PORT" / "[…]:PORT" when not 53. */
static void
server_text(const struct dns_server *s, char *buf, size_t size, bool *ipv6)
{
	*ipv6 = s->addr.ss_family == AF_INET6;
	dns_resolver_format_address(s, buf, size);
}

/* The zone and its name servers are found as the resolver validates them;
 * only when it fails (SERVFAIL) are they asked again with checking disabled
 * (RFC 4035 3.2.2), so that the name servers of a zone whose signatures
 * fail can still be asked directly. Servers found that way come from
 * answers nobody validated: no row of theirs is called "DNSSEC gültig". */
enum { DISCOVERY = DNS_QUERY_RD, DISCOVERY_CD = DNS_QUERY_RD | DNS_QUERY_CD };

/* Whether a result of BATCH is a SERVFAIL: a validating resolver's answer
 * to failing signatures (or a failure of its own). */
static bool
any_servfail(struct dns_batch *b)
{
	for (size_t i = 0; i < dns_batch_count(b); i++) {
		const struct dns_result *r = dns_batch_result(b, i);
		if (r->state == DNS_QUERY_ANSWERED && r->answer.rcode == DNS_RCODE_SERVFAIL)
			return true;
	}
	return false;
}

/* How the resolver failed on the first question, R (no usable answer). */
static enum check_failure
resolver_failure(const struct dns_result *r)
{
	switch (dns_batch_failure_status(r)) {
	case DNS_STATUS_REFUSED: return CHECK_RESOLVER_REFUSED;
	case DNS_STATUS_UNREACHABLE: return CHECK_RESOLVER_UNREACHABLE;
	case DNS_STATUS_SERVFAIL: return CHECK_RESOLVER_SERVFAIL;
	default: return CHECK_RESOLVER_TIMEOUT;
	}
}

/* The zone and its NS records in one round trip: SOA and NS for DOMAIN and
 * every parent, all at once through the resolver; the zone is the longest
 * name that has a SOA. *ns receives that name's NS records. */
static enum check_failure
discover_zone(const struct dns_server *resolver, const char *domain, const char *org_domain,
	      unsigned timeout_ms, unsigned flags, struct prefetch *pf, struct zone *zone,
	      struct dns_rrset *ns, struct check_round *out, bool *servfail)
{
	enum { MAX_LABELS = 127 };
	const char *names[MAX_LABELS];
	size_t soa[MAX_LABELS], nsq[MAX_LABELS], n = 0;
	enum check_failure failure = CHECK_NO_ZONE;
	struct dns_batch *b = dns_batch_new(timeout_ms);

	if (!b)
		return CHECK_NOMEM;
	for (const char *name = domain; name && *name && n < MAX_LABELS;
	     name = zone_parent(name), n++) {
		names[n] = name;
		if (!dns_batch_add(b, resolver, name, DNS_TYPE_SOA, flags, &soa[n]) ||
		    !dns_batch_add(b, resolver, name, DNS_TYPE_NS, flags, &nsq[n])) {
			failure = CHECK_NO_ZONE;
			goto out;
		}
	}
	if (!prefetch_run_beside(b, pf)) {
		failure = CHECK_NOMEM;
		goto out;
	}
	*servfail = any_servfail(b);
	for (size_t i = 0; i < n; i++) {
		struct dns_result *r = dns_batch_result(b, soa[i]);
		enum zone_status zs;
		if (!zone_judge(domain, names[i], r->state == DNS_QUERY_ANSWERED,
				r->answer.rrset.status, zone, &zs))
			continue;
		if (zs != ZONE_FOUND) {
			failure = zs == ZONE_RESOLVER_DOWN ? resolver_failure(r) : CHECK_NO_ZONE;
			break;
		}
		/* The registrable domain (asked above, at j < i) does not exist:
		 * the zone found is a public suffix, not the customer's. */
		for (size_t j = 0; j < i; j++) {
			const struct dns_result *o = dns_batch_result(b, soa[j]);
			if (o->state == DNS_QUERY_ANSWERED && org_domain &&
			    strcasecmp(names[j], org_domain) == 0 &&
			    zone_domain_missing(names[i], org_domain, o->answer.rrset.status)) {
				failure = CHECK_NO_DOMAIN;
				goto out;
			}
		}
		/* "MNAME RNAME SERIAL …": the primary and the contact, which name
		 * the provider where the NS set is mixed. */
		if (r->answer.rrset.count)
			zone_soa_names((const char *)r->answer.rrset.records[0].data,
				       out->soa_mname, out->soa_rname, sizeof(out->soa_mname));
		struct dns_result *nr = dns_batch_result(b, nsq[i]);
		if (nr->state == DNS_QUERY_ANSWERED && nr->answer.rrset.status == DNS_STATUS_OK) {
			*ns = nr->answer.rrset; /* taken over */
			nr->answer.rrset = (struct dns_rrset)DNS_RRSET_INIT;
			failure = CHECK_OK;
		} else {
			failure = CHECK_NO_NAMESERVERS;
		}
		break;
	}
out:
	dns_batch_free(b);
	return failure;
}

struct ns_address {
	char name[256];
	struct dns_server server;
};

/* Every IPv4 and IPv6 address of every NS name of ZONE, looked up in one
 * batch through the resolver. */
static enum check_failure
find_nameservers(const struct dns_rrset *nsset, const struct dns_server *resolver,
		 unsigned timeout_ms, unsigned flags, struct prefetch *pf, struct ns_address *out,
		 size_t *n, bool *servfail)
{
	const struct dns_rrset ns = *nsset;
	enum check_failure failure = CHECK_NO_NAMESERVERS;
	struct dns_batch *b = NULL;
	size_t *owner = NULL; /* query index → NS record index */

	*n = 0;
	if (!(b = dns_batch_new(timeout_ms)) || !(owner = calloc(2 * ns.count, sizeof(*owner)))) {
		failure = CHECK_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < ns.count; i++) {
		size_t idx;
		const char *name = (const char *)ns.records[i].data;
		if (dns_batch_add(b, resolver, name, DNS_TYPE_A, flags, &idx))
			owner[idx] = i;
		if (dns_batch_add(b, resolver, name, DNS_TYPE_AAAA, flags, &idx))
			owner[idx] = i;
	}
	if (!prefetch_run_beside(b, pf)) {
		failure = CHECK_NOMEM;
		goto out;
	}
	*servfail = any_servfail(b);
	for (size_t q = 0; q < dns_batch_count(b); q++) {
		struct dns_result *r = dns_batch_result(b, q);
		if (r->state != DNS_QUERY_ANSWERED || r->answer.rrset.status != DNS_STATUS_OK)
			continue;
		const char *name = (const char *)ns.records[owner[q]].data;
		for (size_t k = 0; k < r->answer.rrset.count && *n < MAX_NS_ADDRESSES; k++) {
			const struct dns_record *rec = &r->answer.rrset.records[k];
			struct ns_address *a = &out[*n];
			memset(a, 0, sizeof(*a));
			snprintf(a->name, sizeof(a->name), "%.255s", name);
			if (rec->len == 4) {
				struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(53)};
				memcpy(&sin.sin_addr, rec->data, 4);
				memcpy(&a->server.addr, &sin, sizeof(sin));
				a->server.addrlen = sizeof(sin);
			} else if (rec->len == 16) {
				struct sockaddr_in6 sin6 = {.sin6_family = AF_INET6,
							    .sin6_port = htons(53)};
				memcpy(&sin6.sin6_addr, rec->data, 16);
				memcpy(&a->server.addr, &sin6, sizeof(sin6));
				a->server.addrlen = sizeof(sin6);
			} else {
				continue;
			}
			(*n)++;
		}
	}
	if (*n)
		failure = CHECK_OK;
out:
	free(owner);
	dns_batch_free(b);
	return failure;
}

struct judge {
	const struct check_config *cfg;
	const struct dns_seam *seam;
	struct spf_ip ips[PROFILE_MAX_TERMS];
	size_t nips;
	/* Records already judged this round: the same text gets the same answer. */
	char *seen[16];
	size_t seen_len[16];
	bool seen_good[16];
	size_t nseen;
	bool nomem;
};

static enum spf_result
check_with(struct judge *j, const struct dns_seam *seam, const struct spf_ip *ip)
{
	char sender[300];
	snprintf(sender, sizeof(sender), "postmaster@%s", j->cfg->domain);
	struct spf_request req = {.ip = *ip,
				  .sender = j->cfg->sender ? j->cfg->sender : sender,
				  .helo = j->cfg->domain};
	struct spf_outcome outcome = SPF_OUTCOME_INIT;
	if (!spf_check_host(&req, seam, NULL, &outcome))
		j->nomem = true;
	enum spf_result r = outcome.result;
	spf_outcome_clear(&outcome);
	return r;
}

/* Does the one SPF record in TXT authorise every profile address? */
static bool
authorises(struct judge *j, const struct dns_rrset *txt, const char *record, size_t len)
{
	for (size_t i = 0; i < j->nseen; i++)
		if (j->seen_len[i] == len && memcmp(j->seen[i], record, len) == 0)
			return j->seen_good[i];
	struct dns_overlay o = {.base = j->seam, .name = j->cfg->domain, .txt = txt};
	struct dns_seam seam = dns_overlay_seam(&o);
	bool good = j->nips > 0;
	for (size_t i = 0; i < j->nips && good; i++)
		good = check_with(j, &seam, &j->ips[i]) == SPF_RESULT_PASS;
	if (j->nseen < sizeof(j->seen) / sizeof(j->seen[0])) {
		char *copy = malloc(len + 1);
		if (copy) {
			memcpy(copy, record, len);
			copy[len] = '\0';
			j->seen[j->nseen] = copy;
			j->seen_len[j->nseen] = len;
			j->seen_good[j->nseen++] = good;
		}
	}
	return good;
}

static bool
answered(const struct dns_result *r)
{
	return r && r->state == DNS_QUERY_ANSWERED &&
	       (r->answer.rcode == DNS_RCODE_NOERROR || r->answer.rcode == DNS_RCODE_NXDOMAIN);
}

/* Turns a query's result into the row's state; after a SERVFAIL, CD is the
 * same query asked again with checking disabled and CTL without (NULL: not
 * asked). */
static void
observe(struct judge *j, struct dns_result *r, const struct dns_result *cd,
	struct dns_result *ctl, struct observation *o)
{
	/* The SERVFAIL did not come again: the row is what it says now. */
	if (r->state == DNS_QUERY_ANSWERED && r->answer.rcode == DNS_RCODE_SERVFAIL &&
	    answered(ctl)) {
		observe(j, ctl, NULL, NULL, o);
		return;
	}
	switch (r->state) {
	case DNS_QUERY_PENDING: o->state = OBS_WAITING; return;
	case DNS_QUERY_TIMEOUT: o->state = OBS_TIMEOUT; return;
	case DNS_QUERY_REFUSED: o->state = OBS_REFUSED; return;
	case DNS_QUERY_UNREACHABLE: o->state = OBS_UNREACHABLE; return;
	case DNS_QUERY_BAD_REPLY:
	case DNS_QUERY_FAILED: o->state = OBS_BAD_REPLY; return;
	case DNS_QUERY_ANSWERED: break;
	}
	if (r->answer.rcode == DNS_RCODE_REFUSED) {
		o->state = OBS_REFUSED;
		return;
	}
	if (r->answer.rcode != DNS_RCODE_NOERROR && r->answer.rcode != DNS_RCODE_NXDOMAIN) {
		o->state = OBS_SERVFAIL;
		/* RFC 4035 3.2.2: with checking disabled it answers, so the
		 * signatures failed. The CD answer itself is not believed. */
		if (answered(cd) && r->answer.rcode == DNS_RCODE_SERVFAIL)
			o->state = OBS_DNSSEC_ERROR;
		return;
	}
	/* RFC 1035 4.1.1: a name server that serves the zone sets AA. */
	if (o->role == ROLE_AUTHORITATIVE && !r->answer.aa) {
		o->state = OBS_LAME;
		return;
	}
	const struct dns_rrset *txt = &r->answer.rrset;
	size_t which = 0;
	size_t spf = spf_parse_count_records(txt, &which);
	/* No SPF record: the TTL the answer lives in caches — the other TXT
	 * records' (RFC 2181 5.2: one TTL for the set), or for none the
	 * negative caching time (RFC 2308 5). */
	o->ttl = txt->ttl;
	for (size_t k = 0; k < txt->count; k++)
		if (txt->records[k].ttl > o->ttl)
			o->ttl = txt->records[k].ttl;
	o->has_ttl = txt->status == DNS_STATUS_OK || txt->ttl > 0;
	if (spf == 0) {
		o->state = OBS_NONE;
		return;
	}
	const struct dns_record *rec = &txt->records[which];
	o->ttl = rec->ttl;
	o->has_ttl = true;
	if ((o->record = malloc(rec->len + 1))) {
		memcpy(o->record, rec->data, rec->len + 1);
		o->record_len = rec->len;
	} else {
		j->nomem = true;
	}
	if (spf > 1)
		o->state = OBS_SEVERAL;
	else
		o->state = authorises(j, txt, (const char *)rec->data, rec->len) ? OBS_NEW : OBS_OLD;
}

/* The records the name servers serve may name what the resolver has not
 * been asked yet (a new include): asked now, beside nothing, since the
 * names were not known before. */
static void
seed_from_rows(struct prefetch *pf, struct dns_batch *b, const size_t *idx, size_t nobs,
	       const char *domain)
{
	for (size_t o = 0; o < nobs; o++) {
		struct dns_result *r = idx[o] == SIZE_MAX ? NULL : dns_batch_result(b, idx[o]);
		if (r && r->state == DNS_QUERY_ANSWERED)
			prefetch_seed_records(pf, &r->answer.rrset, domain);
	}
}

/* The first of three probes that got an authoritative answer, or NULL. */
static const struct dns_rrset *
first_answered(struct dns_batch *b, const size_t *idx, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		struct dns_result *r = idx[k] == SIZE_MAX ? NULL : dns_batch_result(b, idx[k]);
		if (r && r->state == DNS_QUERY_ANSWERED && r->answer.aa)
			return &r->answer.rrset;
	}
	return NULL;
}

/* Name servers in a stable order, whatever order DNS handed them out in: by
 * name, then IPv4 before IPv6, then by address. */
static int
ns_order(const void *pa, const void *pb)
{
	const struct ns_address *a = pa, *b = pb;
	int c = strcasecmp(a->name, b->name);
	if (c)
		return c;
	sa_family_t fa = a->server.addr.ss_family, fb = b->server.addr.ss_family;
	if (fa != fb)
		return fa == AF_INET ? -1 : 1;
	if (fa == AF_INET)
		return memcmp(&((const struct sockaddr_in *)&a->server.addr)->sin_addr,
			      &((const struct sockaddr_in *)&b->server.addr)->sin_addr, 4);
	return memcmp(&((const struct sockaddr_in6 *)&a->server.addr)->sin6_addr,
		      &((const struct sockaddr_in6 *)&b->server.addr)->sin6_addr, 16);
}

/* The probes for the typical mistakes go to the first few name server
 * addresses, so that one dead server does not hide a mistake. */
enum { PROBED = 3 };

/* One round's queries and what they are for. */
struct round {
	const struct check_config *cfg;
	struct check_round *out;
	struct dns_batch *b;
	struct ns_address ns[MAX_NS_ADDRESSES];
	size_t nns;
	size_t idx[MAX_NS_ADDRESSES + 64]; /* row → query */
	size_t probes[4][PROBED];          /* doubled, www, @, type 99 × server */
	struct mistake_names names;
	struct prefetch *pf; /* what check_host() will ask, beside the chain */
	unsigned timeout;
	/* The zone's DNSKEY at every name server, so that each row's signature
	 * is judged with the keys its own server serves (an unsigned or lagging
	 * server's keys never decide another's row; a key rollover is not
	 * taken for a broken signature). */
	size_t dnskey[MAX_NS_ADDRESSES];
	struct dnssec_keys keys[MAX_NS_ADDRESSES];
	/* The resolvers' rows, asked only once every name server that answers
	 * serves a good record (NULL until then): asked earlier, a cache would
	 * keep the old answer for its TTL and the check wait for it. */
	struct dns_batch *rb;
	struct dns_resolver *resolver; /* the first resolver's seam, with its answer cache */
	struct dns_batch *cd;              /* SERVFAIL resolvers asked again with CD */
	size_t cd_idx[MAX_NS_ADDRESSES + 64]; /* row → query in cd, SIZE_MAX: none */
	size_t ctl_idx[MAX_NS_ADDRESSES + 64]; /* row → the same without CD, in cd */
	bool cd_discovery; /* the zone or its servers' addresses needed CD */
};

/* A row for SERVER named NAME; a name server's TXT query goes into the
 * round's batch, a resolver's waits (OBS_NOT_ASKED, ask_resolvers()). */
static bool
add_row(struct round *rd, enum server_role role, const char *name,
	const struct dns_server *server)
{
	struct check_round *out = rd->out;
	struct observation *o = &out->obs[out->nobs];
	o->role = role;
	snprintf(o->name, sizeof(o->name), "%.255s", name);
	server_text(server, o->address, sizeof(o->address), &o->ipv6);
	rd->idx[out->nobs] = SIZE_MAX;
	if (role == ROLE_RESOLVER)
		o->state = OBS_NOT_ASKED;
	/* DO: the RRSIGs come along, to be verified against the DNSKEY. */
	else if (!dns_batch_add(rd->b, server, rd->cfg->domain, DNS_TYPE_TXT, DNS_QUERY_DO,
				&rd->idx[out->nobs]))
		return false;
	out->nobs++;
	return true;
}

/* Every TXT query of the round and the probes for the typical mistakes
 * (what check_host() asks is the prefetch's). */
static bool
add_queries(struct round *rd)
{
	const struct check_config *cfg = rd->cfg;
	for (size_t i = 0; i < rd->nns; i++)
		if (!add_row(rd, ROLE_AUTHORITATIVE, rd->ns[i].name, &rd->ns[i].server))
			return false;
	for (size_t k = 0; k < rd->nns; k++)
		if (!dns_batch_add(rd->b, &rd->ns[k].server, rd->out->zone, DNS_TYPE_DNSKEY,
				   DNS_QUERY_DO, &rd->dnskey[k]))
			return false;
	for (size_t i = 0; i < cfg->nresolvers && i < 64; i++)
		if (!add_row(rd, ROLE_RESOLVER, cfg->resolvers[i].name, &cfg->resolvers[i].server))
			return false;
	if (!mistakes_probe_names(cfg->domain, rd->out->zone, &rd->names))
		return false;
	const char *names[4] = {rd->names.doubled, rd->names.www, rd->names.at, cfg->domain};
	const enum dns_type types[4] = {DNS_TYPE_TXT, DNS_TYPE_TXT, DNS_TYPE_TXT, DNS_TYPE_SPF};
	for (size_t q = 0; q < 4; q++)
		for (size_t k = 0; k < PROBED; k++) {
			rd->probes[q][k] = SIZE_MAX;
			/* A name too long to ask cannot hold the record either. */
			if (k < rd->nns)
				dns_batch_add(rd->b, &rd->ns[k].server, names[q], types[q], 0,
					      &rd->probes[q][k]);
		}
	return true;
}

/* Each name server's DNSKEY RRset, judged. False: out of memory. */
static bool
load_keys(struct round *rd)
{
	for (size_t k = 0; k < rd->nns; k++) {
		struct dns_result *r = dns_batch_result(rd->b, rd->dnskey[k]);
		if (r->state == DNS_QUERY_ANSWERED &&
		    !dnssec_keys_load(rd->out->zone, r->answer.wire, r->answer.wire_len,
				      time(NULL), &rd->keys[k]))
			return false;
	}
	return true;
}

/* The keys for row I: its own server's; for a server whose DNSKEY answer
 * did not come (a time-out on that one query), the first other server's
 * that did. */
static const struct dnssec_keys *
keys_for(const struct round *rd, size_t i)
{
	if (i < rd->nns && rd->keys[i].status != DNSSEC_KEYS_UNKNOWN)
		return &rd->keys[i];
	for (size_t k = 0; k < rd->nns; k++)
		if (rd->keys[k].status != DNSSEC_KEYS_UNKNOWN)
			return &rd->keys[k];
	return &rd->keys[0];
}

/* Every resolver that answered SERVFAIL asked once more, with checking
 * disabled, all at once: an answer then means the signatures fail. Only
 * then does the round take one more round trip. False: out of memory. */
static bool
recheck_servfails(struct round *rd)
{
	struct check_round *out = rd->out;
	size_t asked = 0;
	for (size_t i = 0; i < out->nobs; i++) {
		rd->cd_idx[i] = SIZE_MAX;
		if (out->obs[i].role != ROLE_RESOLVER || i < rd->nns || rd->idx[i] == SIZE_MAX)
			continue;
		struct dns_result *r = dns_batch_result(rd->rb, rd->idx[i]);
		const struct check_resolver *res = &rd->cfg->resolvers[i - rd->nns];
		if (r->state != DNS_QUERY_ANSWERED ||
		    r->answer.rcode != DNS_RCODE_SERVFAIL)
			continue;
		if (!rd->cd && !(rd->cd = dns_batch_new(rd->timeout)))
			return false;
		/* And at the same moment without CD: a SERVFAIL that does not
		 * come again was something else (an upstream time-out), and this
		 * answer is the row's. */
		if (!dns_batch_add(rd->cd, &res->server, rd->cfg->domain, DNS_TYPE_TXT,
				   DNS_QUERY_RD | DNS_QUERY_CD, &rd->cd_idx[i]) ||
		    !dns_batch_add(rd->cd, &res->server, rd->cfg->domain, DNS_TYPE_TXT,
				   DNS_QUERY_RD, &rd->ctl_idx[i]))
			return false;
		asked++;
	}
	return asked == 0 || dns_batch_run(rd->cd);
}

/* check_host() per family: pass only when every address of it passes.
 * Once the resolvers were asked (THROUGH_RESOLVER), through the first of
 * them, as receiving servers see it; before, the sender's own TXT is OWN,
 * the name servers' answer (a resolver asked for it now would keep the old
 * one), every other name through the resolver. */
static void
check_families(struct judge *j, const struct dns_rrset *own, bool through_resolver,
	       struct check_round *out)
{
	bool has_v4 = false;
	struct dns_overlay o = {.base = j->seam, .name = j->cfg->domain, .txt = own};
	struct dns_seam overlay = dns_overlay_seam(&o);
	const struct dns_seam *seam = through_resolver ? j->seam : &overlay;
	for (size_t i = 0; i < j->nips; i++) {
		enum spf_result r = check_with(j, seam, &j->ips[i]);
		bool v6 = j->ips[i].family == SPF_IP_V6;
		enum spf_result *slot = v6 ? &out->v6 : &out->v4;
		bool *seen = v6 ? &out->has_v6 : &has_v4;
		if (!*seen || *slot == SPF_RESULT_PASS)
			*slot = r;
		*seen = true;
	}
}

/* Lints the one SPF record in OWN through the resolver, whose cache
 * check_host() has just filled. */
static void
lint_own(struct judge *j, const struct dns_rrset *own, struct check_round *out)
{
	size_t which = 0;
	if (!own || spf_parse_count_records(own, &which) != 1)
		return;
	const struct dns_record *rr = &own->records[which];
	if (!lint_record(j->cfg->domain, (const char *)rr->data, rr->len, j->seam, &out->lint))
		j->nomem = true;
	out->has_lint = true;
}

/* The resolvers' rows: asked now (every name server serves the record), a
 * SERVFAIL asked again with CD. False: out of memory. */
static bool
ask_resolvers(struct round *rd)
{
	const struct check_config *cfg = rd->cfg;
	if (!(rd->rb = dns_batch_new(rd->timeout)))
		return false;
	for (size_t i = rd->nns; i < rd->out->nobs; i++)
		if (!dns_batch_add(rd->rb, &cfg->resolvers[i - rd->nns].server, cfg->domain,
				   DNS_TYPE_TXT, DNS_QUERY_RD, &rd->idx[i]))
			return false;
	if (!dns_batch_run(rd->rb))
		return false;
	/* The first resolver's answer is what check_host() asks it next. */
	struct dns_result *first = dns_batch_result(rd->rb, rd->idx[rd->nns]);
	if (first->state == DNS_QUERY_ANSWERED)
		dns_resolver_remember(rd->resolver, cfg->domain, DNS_TYPE_TXT, &first->answer.rrset);
	return recheck_servfails(rd);
}

/* Row I's state from its answer (in BATCH, at the row's index). */
static void
observe_row(struct round *rd, struct judge *j, struct dns_batch *batch, size_t i)
{
	struct check_round *out = rd->out;
	struct dns_result *r = dns_batch_result(batch, rd->idx[i]);
	const struct dns_result *cd = NULL;
		struct dns_result *ctl = NULL;
	if (rd->cd && rd->cd_idx[i] != SIZE_MAX) {
		cd = dns_batch_result(rd->cd, rd->cd_idx[i]);
		ctl = dns_batch_result(rd->cd, rd->ctl_idx[i]);
	}
	out->obs[i].elapsed_ms = r->elapsed_ms;
	observe(j, r, cd, ctl, &out->obs[i]);
	if (out->obs[i].role == ROLE_AUTHORITATIVE && verdict_state_answered(out->obs[i].state)) {
		out->obs[i].dnssec = dnssec_verify_txt(keys_for(rd, i), out->zone, r->answer.wire,
						       r->answer.wire_len, time(NULL));
		/* Keys from a server no validated answer named prove nothing. */
		if (rd->cd_discovery && out->obs[i].dnssec == DNSSEC_VALID)
			out->obs[i].dnssec = DNSSEC_NOT_CHECKED;
	}
}

/* The rows' states (the resolvers' only once the name servers are ready),
 * check_host(), the verdict and, when no name server serves a good
 * record, the typical mistakes. */
static void
judge_round(struct round *rd, struct judge *j)
{
	struct check_round *out = rd->out;
	const struct profile *profile = rd->cfg->profile;
	for (size_t i = 0; i < profile->nmerge_terms && j->nips < PROFILE_MAX_TERMS; i++)
		if (profile_term_address(profile->merge_terms[i], &j->ips[j->nips]))
			j->nips++;
	const struct dns_rrset *own = NULL;
	for (size_t i = 0; i < rd->nns && i < out->nobs; i++) {
		observe_row(rd, j, rd->b, i);
		if (!own && verdict_state_answered(out->obs[i].state))
			own = &dns_batch_result(rd->b, rd->idx[i])->answer.rrset;
	}
	/* The name servers' rows alone decide whether the resolvers are asked. */
	struct verdict_result ns;
	verdict_compute(out->obs, rd->nns, out->v4, out->v6, out->has_v6, &ns);
	bool asked = out->nobs > rd->nns && verdict_name_servers_ready(&ns);
	if (asked) {
		if (!ask_resolvers(rd)) {
			j->nomem = true;
			return;
		}
		for (size_t i = rd->nns; i < out->nobs; i++)
			observe_row(rd, j, rd->rb, i);
	}
	if (own) {
		check_families(j, own, asked, out);
		lint_own(j, own, out);
	}
	/* RFC 7489 6.6.3: _dmarc.DOMAIN, and only without one, the org domain's. */
	if (!dmarc_fetch(j->seam, j->cfg->domain, j->cfg->org_domain, &out->dmarc))
		j->nomem = true;
	verdict_compute(out->obs, out->nobs, out->v4, out->v6, out->has_v6, &out->verdict);
	if (out->verdict.auth_good)
		return;
	struct mistake_probes probes = {
		.own = own,
		.doubled = first_answered(rd->b, rd->probes[0], PROBED),
		.www = first_answered(rd->b, rd->probes[1], PROBED),
		.at = first_answered(rd->b, rd->probes[2], PROBED),
		.type99 = first_answered(rd->b, rd->probes[3], PROBED),
	};
	out->mistakes = mistakes_find(&probes, &out->mistake_record);
}

/* The zone, its name servers' addresses (sorted), and the rows' memory. */
static enum check_failure
find_servers(struct round *rd, struct dns_rrset *nsset, unsigned timeout)
{
	const struct check_config *cfg = rd->cfg;
	struct check_round *out = rd->out;
	struct zone zone;
	const struct dns_server *res = &cfg->resolvers[0].server;
	bool servfail = false;
	enum check_failure f = discover_zone(res, cfg->domain, cfg->org_domain, timeout, DISCOVERY,
					     rd->pf, &zone, nsset, out, &servfail);
	if (f != CHECK_OK && f != CHECK_NOMEM && servfail) {
		/* One round trip more, only for a zone the resolver fails. */
		dns_rrset_clear(nsset);
		rd->cd_discovery = true;
		f = discover_zone(res, cfg->domain, cfg->org_domain, timeout, DISCOVERY_CD, rd->pf,
				  &zone, nsset, out, &servfail);
	}
	if (f == CHECK_OK || f == CHECK_NO_NAMESERVERS) {
		snprintf(out->zone, sizeof(out->zone), "%s", zone.name);
		snprintf(out->name, sizeof(out->name), "%s", zone.rel);
	}
	if (f != CHECK_OK)
		return f;
	unsigned flags = rd->cd_discovery ? DISCOVERY_CD : DISCOVERY;
	f = find_nameservers(nsset, res, timeout, flags, rd->pf, rd->ns, &rd->nns, &servfail);
	if (f != CHECK_NOMEM && servfail && !rd->cd_discovery) {
		/* An NS name in a zone the resolver fails: its addresses with CD. */
		rd->cd_discovery = true;
		f = find_nameservers(nsset, res, timeout, DISCOVERY_CD, rd->pf, rd->ns, &rd->nns,
				     &servfail);
	}
	if (f != CHECK_OK)
		return f;
	qsort(rd->ns, rd->nns, sizeof(rd->ns[0]), ns_order);
	out->obs = calloc(rd->nns + cfg->nresolvers, sizeof(*out->obs));
	return out->obs ? CHECK_OK : CHECK_NOMEM;
}

bool
check_run(const struct check_config *cfg, struct check_round *out)
{
	unsigned timeout = cfg->timeout_ms ? cfg->timeout_ms : DEFAULT_TIMEOUT_MS;
	int64_t t0 = clock_now_ms();
	struct dns_resolver *resolver = NULL;
	struct round rd = {.cfg = cfg, .out = out, .timeout = timeout};
	struct judge j = {.cfg = cfg};
	struct dns_rrset nsset = DNS_RRSET_INIT;

	*out = (struct check_round){.failure = CHECK_OK, .started = time(NULL),
				    .v4 = SPF_RESULT_NONE, .v6 = SPF_RESULT_NONE};
	if (cfg->bound)
		out->bound = *cfg->bound;
	if (cfg->nresolvers == 0) {
		out->failure = CHECK_RESOLVER_UNREACHABLE; /* none to ask */
		goto done;
	}
	if (!(resolver = dns_resolver_new(&cfg->resolvers[0].server, 1, timeout))) {
		out->failure = CHECK_NOMEM;
		goto done;
	}
	struct dns_seam seam = dns_resolver_seam(resolver);
	j.seam = &seam;
	rd.resolver = resolver;
	/* Out of memory here only means check_host() asks as it goes. */
	rd.pf = prefetch_new(&cfg->resolvers[0].server, cfg->domain, cfg->org_domain, timeout);
	prefetch_start(rd.pf);
	out->failure = find_servers(&rd, &nsset, timeout);
	if (out->failure != CHECK_OK) {
		verdict_compute(out->obs, out->nobs, out->v4, out->v6, out->has_v6, &out->verdict);
		goto done;
	}
	/* Every query of the round in flight at once. */
	if (!(rd.b = dns_batch_new(timeout)) || !add_queries(&rd) ||
	    !prefetch_run_beside(rd.b, rd.pf)) {
		out->failure = CHECK_NOMEM;
		goto done;
	}
	seed_from_rows(rd.pf, rd.b, rd.idx, out->nobs, cfg->domain);
	prefetch_finish(rd.pf);
	prefetch_remember(rd.pf, resolver);
	if (!load_keys(&rd)) {
		out->failure = CHECK_NOMEM;
		goto done;
	}
	judge_round(&rd, &j);
	bound_update(&out->bound, out->obs, out->nobs, &out->verdict, time(NULL));
	if (j.nomem)
		out->failure = CHECK_NOMEM;
done:
	out->elapsed_ms = (unsigned)(clock_now_ms() - t0);
	for (size_t i = 0; i < j.nseen; i++)
		free(j.seen[i]);
	mistakes_names_free(&rd.names);
	prefetch_free(rd.pf);
	dns_rrset_clear(&nsset);
	dns_batch_free(rd.b);
	dns_batch_free(rd.rb);
	dns_batch_free(rd.cd);
	for (size_t k = 0; k < MAX_NS_ADDRESSES; k++)
		dnssec_keys_clear(&rd.keys[k]);
	dns_resolver_free(resolver);
	return out->failure != CHECK_NOMEM;
}

void
check_round_clear(struct check_round *round)
{
	if (!round)
		return;
	verdict_observations_clear(round->obs, round->nobs);
	free(round->obs);
	free(round->mistake_record);
	dmarc_result_clear(&round->dmarc);
	*round = (struct check_round){0};
}

void
check_round_advice(const struct check_round *round, const char *domain, const char *label,
		   const char *sender_name, const struct provider *provider, struct advice *out)
{
	struct advice_round r = {
		.failure = round->failure,
		.verdict = &round->verdict,
		.domain = domain,
		.label = label,
		.zone = round->zone,
		.name = round->name[0] ? round->name : "@",
		.sender_name = sender_name,
		.mistakes = round->mistakes,
		.provider = provider,
		.bound = &round->bound,
		.now = time(NULL),
	};
	advice_compute(&r, out);
}

bool
check_round_provider(const struct check_round *round, const struct provider_list *list,
		     const char *choice, struct provider_match *match)
{
	const char *names[64];
	size_t n = 0;
	for (size_t i = 0; i < round->nobs && n < sizeof(names) / sizeof(names[0]); i++)
		if (round->obs[i].role == ROLE_AUTHORITATIVE && round->obs[i].name[0])
			names[n++] = round->obs[i].name;
	struct proposal_zone_names zn = {.ns = names, .n = n,
					 .soa_mname = round->soa_mname[0] ? round->soa_mname : NULL,
					 .soa_rname = round->soa_rname[0] ? round->soa_rname : NULL};
	return proposal_provider_pick(list, choice, &zn, match);
}
