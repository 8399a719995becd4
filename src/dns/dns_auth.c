/* dns_auth.c — see dns_auth.h. */
#include "dns_auth.h"

#include "dns_batch.h"
#include "zone.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Name servers asked at most: more addresses than any zone needs. */
enum { MAX_SERVERS = 16 };

struct target {
	const char *ns; /* the NS name, for a stable order */
	struct dns_server server;
};

static int
by_name(const void *pa, const void *pb)
{
	const struct target *a = pa, *b = pb;
	return strcasecmp(a->ns, b->ns);
}

/* The addresses of NS (A and AAAA through BASE), appended to T. */
static void
add_addresses(const struct dns_seam *base, const char *ns, struct target *t, size_t *n)
{
	static const enum dns_type types[] = {DNS_TYPE_A, DNS_TYPE_AAAA};
	for (size_t k = 0; k < 2; k++) {
		struct dns_rrset set = DNS_RRSET_INIT;
		base->lookup(base->ctx, ns, types[k], &set);
		for (size_t i = 0; i < set.count && *n < MAX_SERVERS; i++) {
			const struct dns_record *r = &set.records[i];
			struct target *x = &t[*n];
			memset(x, 0, sizeof(*x));
			x->ns = ns;
			if (types[k] == DNS_TYPE_A && r->len == 4) {
				struct sockaddr_in *s = (struct sockaddr_in *)&x->server.addr;
				s->sin_family = AF_INET;
				s->sin_port = htons(53);
				memcpy(&s->sin_addr, r->data, 4);
				x->server.addrlen = sizeof(*s);
			} else if (types[k] == DNS_TYPE_AAAA && r->len == 16) {
				struct sockaddr_in6 *s = (struct sockaddr_in6 *)&x->server.addr;
				s->sin6_family = AF_INET6;
				s->sin6_port = htons(53);
				memcpy(&s->sin6_addr, r->data, 16);
				x->server.addrlen = sizeof(*s);
			} else {
				continue;
			}
			(*n)++;
		}
		dns_rrset_clear(&set);
	}
}

/* An authoritative answer (RFC 1035 4.1.1: a server of the zone sets AA). */
static bool
authoritative(const struct dns_result *r)
{
	return r && r->state == DNS_QUERY_ANSWERED && r->answer.aa &&
	       (r->answer.rcode == DNS_RCODE_NOERROR || r->answer.rcode == DNS_RCODE_NXDOMAIN);
}

/* The serial of the SOA answer R ("MNAME RNAME SERIAL …"); false without one. */
static bool
soa_serial(const struct dns_result *r, uint32_t *serial)
{
	if (!authoritative(r) || r->answer.rrset.count == 0)
		return false;
	const char *s = (const char *)r->answer.rrset.records[0].data;
	for (int field = 0; field < 2; field++) {
		s = strchr(s, ' ');
		if (!s)
			return false;
		s++;
	}
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	*serial = (uint32_t)v;
	return end != s;
}

/* NAME's TXT from the zone's name servers, all asked at once with the
 * zone's SOA. While they disagree (the change is on its way from the
 * primary), the answer of the oldest zone version (the lowest serial, RFC
 * 1982 order) is taken: what the customer saw before the change, so that
 * the proposal stays the same until every server has it. Equal serials (or
 * none): the first server by name. False when no server answers. */
static bool
ask_name_servers(struct dns_auth *a, const char *zone, const struct dns_rrset *ns)
{
	struct target t[MAX_SERVERS];
	size_t n = 0, txt[MAX_SERVERS], soa[MAX_SERVERS];
	struct dns_result *best = NULL;
	uint32_t best_serial = 0;
	bool best_has_serial = false;
	for (size_t i = 0; i < ns->count; i++)
		add_addresses(a->base, (const char *)ns->records[i].data, t, &n);
	qsort(t, n, sizeof(t[0]), by_name);
	struct dns_batch *b = dns_batch_new(a->timeout_ms);
	if (!b)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!dns_batch_add(b, &t[i].server, a->name, DNS_TYPE_TXT, 0, &txt[i]))
			txt[i] = SIZE_MAX;
		if (!dns_batch_add(b, &t[i].server, zone, DNS_TYPE_SOA, 0, &soa[i]))
			soa[i] = SIZE_MAX;
	}
	dns_batch_run(b);
	for (size_t i = 0; i < n; i++) {
		struct dns_result *r = txt[i] == SIZE_MAX ? NULL : dns_batch_result(b, txt[i]);
		if (!authoritative(r))
			continue;
		uint32_t serial;
		bool has = soa[i] != SIZE_MAX && soa_serial(dns_batch_result(b, soa[i]), &serial);
		if (!best || (has && (!best_has_serial || (int32_t)(serial - best_serial) < 0))) {
			best = r;
			best_serial = has ? serial : 0;
			best_has_serial = has;
		}
	}
	if (best) {
		a->txt = best->answer.rrset; /* taken over */
		best->answer.rrset = (struct dns_rrset)DNS_RRSET_INIT;
	}
	dns_batch_free(b);
	return best != NULL;
}

static void
ask(struct dns_auth *a)
{
	struct zone zone;
	struct dns_rrset ns = DNS_RRSET_INIT;
	a->asked = true;
	if (zone_find(a->base, a->name, &zone) == ZONE_FOUND &&
	    a->base->lookup(a->base->ctx, zone.name, DNS_TYPE_NS, &ns) == DNS_STATUS_OK)
		a->authoritative = ask_name_servers(a, zone.name, &ns);
	dns_rrset_clear(&ns);
	if (!a->authoritative)
		a->base->lookup(a->base->ctx, a->name, DNS_TYPE_TXT, &a->txt);
}

static enum dns_status
auth_lookup(void *ctx, const char *name, enum dns_type type, struct dns_rrset *out)
{
	struct dns_auth *a = ctx;
	if (type == DNS_TYPE_TXT && !a->asked && strcasecmp(name, a->name) == 0)
		ask(a);
	/* NAME's TXT is the kept answer once asked; every other lookup BASE's. */
	struct dns_overlay o = {.base = a->base, .name = a->name, .txt = &a->txt};
	struct dns_seam s = dns_overlay_seam(&o);
	return s.lookup(s.ctx, name, type, out);
}

struct dns_seam
dns_auth_seam(struct dns_auth *a)
{
	return (struct dns_seam){.lookup = auth_lookup, .ctx = a};
}

void
dns_auth_clear(struct dns_auth *a)
{
	if (a)
		dns_rrset_clear(&a->txt);
}
