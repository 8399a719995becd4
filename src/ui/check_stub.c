/* check_stub.c — TEMPORARY stand-in for src/dns/propagation.c and
 * src/core/verdict.c until the real ones are merged from main; remove this
 * file then. A plain but real round: the zone's name servers are found
 * through the first resolver, every name server address and resolver is asked
 * for TXT in one batch, and a record counts as new when it carries every one
 * of the profile's terms (the real module decides with check_host()). */
#include "propagation.h"

#include "dns_resolver.h"
#include "i18n.h"
#include "spf_ip.h"
#include "spf_parse.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { STUB_MAX_NS_ADDRS = 16 };

bool
verdict_state_answered(enum obs_state s)
{
	return s == OBS_NEW || s == OBS_OLD || s == OBS_NONE || s == OBS_SEVERAL;
}

void
verdict_compute(const struct observation *obs, size_t n, enum spf_result v4, enum spf_result v6,
		bool has_v6, struct verdict_result *out)
{
	*out = (struct verdict_result){0};
	for (size_t i = 0; i < n; i++) {
		const struct observation *o = &obs[i];
		if (o->role == ROLE_AUTHORITATIVE) {
			out->auth_total++;
			out->auth_answered += verdict_state_answered(o->state);
			out->auth_good += o->state == OBS_NEW;
			continue;
		}
		out->resolvers_total++;
		out->resolvers_good += o->state == OBS_NEW;
		if ((o->state == OBS_OLD || o->state == OBS_NONE) && o->has_ttl &&
		    o->ttl > out->eta_seconds)
			out->eta_seconds = o->ttl, out->has_eta = true;
	}
	bool pass = v4 == SPF_RESULT_PASS && (!has_v6 || v6 == SPF_RESULT_PASS);
	if (out->auth_answered == 0)
		out->verdict = VERDICT_UNKNOWN;
	else if (out->auth_good == out->auth_answered && pass)
		out->verdict = VERDICT_PROPAGATED;
	else if (out->auth_good)
		out->verdict = VERDICT_PENDING;
	else
		out->verdict = VERDICT_WRONG;
}

const char *
verdict_format_duration(uint32_t s, char *buf, size_t size)
{
	if (s < 60)
		snprintf(buf, size, "%u s", (unsigned)s);
	else if (s < 3600)
		snprintf(buf, size, "%u min %u s", (unsigned)s / 60, (unsigned)s % 60);
	else if (s < 86400)
		snprintf(buf, size, "%u h %u min", (unsigned)s / 3600, (unsigned)s % 3600 / 60);
	else
		snprintf(buf, size, _("%u Tage %u h"), (unsigned)s / 86400,
			 (unsigned)s % 86400 / 3600);
	return buf;
}

const char *
verdict_state_label(enum obs_state s)
{
	switch (s) {
	case OBS_WAITING: return _("wartet");
	case OBS_NEW: return _("neuer Eintrag");
	case OBS_OLD: return _("alter Eintrag");
	case OBS_NONE: return _("kein SPF-Eintrag");
	case OBS_SEVERAL: return _("mehrere SPF-Einträge");
	case OBS_TIMEOUT: return _("keine Antwort");
	case OBS_UNREACHABLE: return _("nicht erreichbar");
	case OBS_REFUSED: return _("abgelehnt");
	case OBS_SERVFAIL: return _("Serverfehler");
	case OBS_LAME: return _("nicht zuständig");
	case OBS_BAD_REPLY: return _("fehlerhafte Antwort");
	}
	return "?";
}

const char *
verdict_state_name(enum obs_state s)
{
	static const char *const names[] = {"waiting", "new", "old", "none", "several", "timeout",
					    "unreachable", "refused", "servfail", "lame",
					    "bad-reply"};
	return (size_t)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

const char *
verdict_name(enum verdict v)
{
	static const char *const names[] = {"propagated", "pending", "wrong", "unknown"};
	return (size_t)v < sizeof(names) / sizeof(names[0]) ? names[v] : "?";
}

void
verdict_observations_clear(struct observation *obs, size_t n)
{
	for (size_t i = 0; obs && i < n; i++) {
		free(obs[i].record);
		obs[i].record = NULL;
	}
}

/* Every profile term appears in RECORD as a whole term. */
static bool
has_terms(const struct profile *p, const char *record)
{
	for (size_t i = 0; i < p->nmerge_terms; i++) {
		const char *t = p->merge_terms[i], *hit = record;
		size_t tl = strlen(t);
		bool found = false;
		while ((hit = strstr(hit, t))) {
			bool start = hit == record || hit[-1] == ' ';
			bool end = hit[tl] == ' ' || hit[tl] == '\0';
			if (start && end) {
				found = true;
				break;
			}
			hit += tl;
		}
		if (!found)
			return false;
	}
	return true;
}

static void
classify(const struct dns_result *res, bool auth, const struct profile *p,
	 struct observation *o)
{
	o->elapsed_ms = res->elapsed_ms;
	switch (res->state) {
	case DNS_QUERY_PENDING: o->state = OBS_WAITING; return;
	case DNS_QUERY_TIMEOUT: o->state = OBS_TIMEOUT; return;
	case DNS_QUERY_REFUSED: o->state = OBS_REFUSED; return;
	case DNS_QUERY_UNREACHABLE: o->state = OBS_UNREACHABLE; return;
	case DNS_QUERY_FAILED:
	case DNS_QUERY_BAD_REPLY: o->state = OBS_BAD_REPLY; return;
	case DNS_QUERY_ANSWERED: break;
	}
	const struct dns_answer *a = &res->answer;
	if (a->rcode == DNS_RCODE_REFUSED) {
		o->state = OBS_REFUSED;
		return;
	}
	if (a->rcode != DNS_RCODE_NOERROR && a->rcode != DNS_RCODE_NXDOMAIN) {
		o->state = OBS_SERVFAIL;
		return;
	}
	if (auth && !a->aa) {
		o->state = OBS_LAME;
		return;
	}
	size_t nspf = 0;
	const struct dns_record *first = NULL;
	for (size_t i = 0; i < a->rrset.count; i++) {
		const struct dns_record *r = &a->rrset.records[i];
		if (spf_parse_is_spf((const char *)r->data, r->len) && !nspf++)
			first = r;
	}
	o->ttl = a->rrset.ttl;
	o->has_ttl = true;
	if (!nspf) {
		o->state = OBS_NONE;
		return;
	}
	o->record = malloc(first->len + 1);
	if (o->record) {
		memcpy(o->record, first->data, first->len + 1);
		o->record_len = first->len;
	}
	if (nspf > 1)
		o->state = OBS_SEVERAL;
	else
		o->state = o->record && has_terms(p, o->record) ? OBS_NEW : OBS_OLD;
}

static enum spf_result
check_ip(const struct check_config *cfg, const struct dns_seam *seam, const char *term)
{
	struct spf_request req = {.sender = cfg->sender, .helo = cfg->domain};
	struct spf_outcome outcome = SPF_OUTCOME_INIT;
	char sender[300];
	enum spf_ip_family fam = strncmp(term, "ip6:", 4) == 0 ? SPF_IP_V6 : SPF_IP_V4;
	if (!spf_ip_parse_family(term + 4, strcspn(term + 4, "/"), fam, &req.ip))
		return SPF_RESULT_NONE;
	if (!req.sender) {
		snprintf(sender, sizeof(sender), "postmaster@%s", cfg->domain);
		req.sender = sender;
	}
	spf_check_host(&req, seam, NULL, &outcome);
	enum spf_result r = outcome.result;
	spf_outcome_clear(&outcome);
	return r;
}

bool
check_run(const struct check_config *cfg, struct check_round *out)
{
	unsigned timeout = cfg->timeout_ms ? cfg->timeout_ms : 3000;
	struct dns_server *servers = calloc(cfg->nresolvers ? cfg->nresolvers : 1, sizeof(*servers));
	struct dns_server ns_addr[STUB_MAX_NS_ADDRS];
	char ns_name[STUB_MAX_NS_ADDRS][256];
	size_t nns = 0;
	struct dns_resolver *r = NULL;
	struct dns_batch *b = NULL;
	struct dns_rrset set = DNS_RRSET_INIT;
	bool ok = true;

	*out = (struct check_round){.started = time(NULL)};
	if (!servers)
		return false;
	for (size_t i = 0; i < cfg->nresolvers; i++)
		servers[i] = cfg->resolvers[i].server;
	r = dns_resolver_new(servers, cfg->nresolvers, timeout / 2);
	if (!r) {
		out->failure = CHECK_NOMEM;
		goto out;
	}
	struct dns_seam seam = dns_resolver_seam(r);

	/* The zone: the closest enclosing name with a SOA. */
	const char *name = cfg->domain;
	for (;;) {
		enum dns_status st = dns_resolver_lookup(r, name, DNS_TYPE_SOA, &set);
		dns_rrset_clear(&set);
		if (st == DNS_STATUS_TIMEOUT) {
			out->failure = CHECK_RESOLVER_DOWN;
			goto out;
		}
		if (st == DNS_STATUS_OK)
			break;
		const char *dot = strchr(name, '.');
		if (!dot || !strchr(dot + 1, '.')) {
			out->failure = CHECK_NO_ZONE;
			goto out;
		}
		name = dot + 1;
	}
	snprintf(out->zone, sizeof(out->zone), "%s", name);
	if (name == cfg->domain)
		snprintf(out->name, sizeof(out->name), "@");
	else
		snprintf(out->name, sizeof(out->name), "%.*s", (int)(name - cfg->domain - 1),
			 cfg->domain);

	struct dns_rrset ns = DNS_RRSET_INIT;
	dns_resolver_lookup(r, out->zone, DNS_TYPE_NS, &ns);
	for (size_t i = 0; i < ns.count && nns < STUB_MAX_NS_ADDRS; i++) {
		const char *target = (const char *)ns.records[i].data;
		if (dns_resolver_lookup(r, target, DNS_TYPE_A, &set) == DNS_STATUS_OK) {
			for (size_t j = 0; j < set.count && nns < STUB_MAX_NS_ADDRS; j++) {
				struct sockaddr_in *sin = (struct sockaddr_in *)&ns_addr[nns].addr;
				memset(&ns_addr[nns], 0, sizeof(ns_addr[nns]));
				sin->sin_family = AF_INET;
				sin->sin_port = htons(53);
				memcpy(&sin->sin_addr, set.records[j].data, 4);
				ns_addr[nns].addrlen = sizeof(*sin);
				snprintf(ns_name[nns++], sizeof(ns_name[0]), "%s", target);
			}
		}
		dns_rrset_clear(&set);
	}
	dns_rrset_clear(&ns);
	if (!nns) {
		out->failure = CHECK_NO_NAMESERVERS;
		goto out;
	}

	size_t total = nns + cfg->nresolvers, idx;
	out->obs = calloc(total, sizeof(*out->obs));
	b = dns_batch_new(timeout);
	if (!out->obs || !b) {
		ok = false;
		goto out;
	}
	out->nobs = total;
	for (size_t i = 0; i < total; i++) {
		struct observation *o = &out->obs[i];
		const struct dns_server *srv = i < nns ? &ns_addr[i] : &servers[i - nns];
		o->role = i < nns ? ROLE_AUTHORITATIVE : ROLE_RESOLVER;
		snprintf(o->name, sizeof(o->name), "%s",
			 i < nns ? ns_name[i] : cfg->resolvers[i - nns].name);
		const struct sockaddr_in *sin = (const struct sockaddr_in *)&srv->addr;
		if (srv->addr.ss_family == AF_INET)
			inet_ntop(AF_INET, &sin->sin_addr, o->address, sizeof(o->address));
		else
			snprintf(o->address, sizeof(o->address), "IPv6"), o->ipv6 = true;
		if (!dns_batch_add(b, srv, cfg->domain, DNS_TYPE_TXT, i < nns ? 0 : DNS_QUERY_RD,
				   &idx)) {
			ok = false;
			goto out;
		}
	}
	dns_batch_run(b);
	for (size_t i = 0; i < total; i++)
		classify(dns_batch_result(b, i), i < nns, cfg->profile, &out->obs[i]);
	out->v4 = out->v6 = SPF_RESULT_NONE;
	for (size_t i = 0; i < cfg->profile->nmerge_terms; i++) {
		const char *t = cfg->profile->merge_terms[i];
		if (strncmp(t, "ip6:", 4) == 0 && !out->has_v6)
			out->v6 = check_ip(cfg, &seam, t), out->has_v6 = true;
		else if (strncmp(t, "ip4:", 4) == 0)
			out->v4 = check_ip(cfg, &seam, t);
	}
	verdict_compute(out->obs, out->nobs, out->v4, out->v6, out->has_v6, &out->verdict);
out:
	out->elapsed_ms = (unsigned)((time(NULL) - out->started) * 1000);
	dns_batch_free(b);
	dns_resolver_free(r);
	free(servers);
	return ok;
}

void
check_round_clear(struct check_round *round)
{
	if (!round)
		return;
	verdict_observations_clear(round->obs, round->nobs);
	free(round->obs);
	free(round->mistake_record);
	*round = (struct check_round){0};
}
