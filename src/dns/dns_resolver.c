/* dns_resolver.c — the seam's lookup() over the resolvers of a list. */
#include "dns_resolver.h"

#include "dns_cache.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dns_resolver {
	struct dns_server *servers;
	size_t n;
	unsigned timeout_ms;
	struct dns_cache *cache;
	atomic_size_t sent, cached; /* questions sent / answered from the cache */
	/* The server asked first: the last one that answered, so that a dead
	 * first resolver costs its time-out once, not on every question. */
	atomic_size_t first;
};

/* "53" → 53; only digits, 1–65535. */
static bool
parse_port(const char *text, uint16_t *port)
{
	unsigned long v = 0;
	if (!*text)
		return false;
	for (const char *p = text; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > 65535)
			return false;
	}
	if (v == 0)
		return false;
	*port = (uint16_t)v;
	return true;
}

static bool
parse_ipv6(const char *text, uint16_t port, struct dns_server *out)
{
	/* getaddrinfo with AI_NUMERICHOST looks nothing up; unlike inet_pton
	 * it understands a scope ("fe80::1%eth0"). */
	struct addrinfo hints = {
		.ai_family = AF_INET6,
		.ai_socktype = SOCK_DGRAM,
		.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV,
	};
	struct addrinfo *res = NULL;
	if (getaddrinfo(text, "53", &hints, &res) != 0 || !res)
		return false;
	bool ok = res->ai_addrlen <= sizeof(out->addr);
	if (ok) {
		memset(out, 0, sizeof(*out));
		memcpy(&out->addr, res->ai_addr, res->ai_addrlen);
		out->addrlen = (socklen_t)res->ai_addrlen;
		((struct sockaddr_in6 *)&out->addr)->sin6_port = htons(port);
	}
	freeaddrinfo(res);
	return ok;
}

static bool
parse_ipv4(const char *text, uint16_t port, struct dns_server *out)
{
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(port)};
	if (inet_pton(AF_INET, text, &sin.sin_addr) != 1)
		return false;
	memset(out, 0, sizeof(*out));
	memcpy(&out->addr, &sin, sizeof(sin));
	out->addrlen = sizeof(sin);
	return true;
}

enum dns_address_status
dns_resolver_parse_address(const char *text, struct dns_server *out)
{
	enum dns_address_status status = DNS_ADDRESS_BAD_IP;
	char host[INET6_ADDRSTRLEN + 64]; /* room for a scope */
	uint16_t port = DNS_RESOLVER_PORT;

	if (!text || !*text)
		return DNS_ADDRESS_EMPTY;
	if (text[0] == '[') {
		const char *close = strchr(text, ']');
		if (!close)
			return DNS_ADDRESS_BAD_BRACKETS;
		size_t len = (size_t)(close - text - 1);
		if (close[1] != '\0') {
			if (close[1] != ':')
				return DNS_ADDRESS_BAD_BRACKETS;
			if (!parse_port(close + 2, &port))
				return DNS_ADDRESS_BAD_PORT;
		}
		if (len == 0 || len >= sizeof(host))
			return DNS_ADDRESS_BAD_IP;
		memcpy(host, text + 1, len);
		host[len] = '\0';
		if (parse_ipv6(host, port, out))
			return DNS_ADDRESS_OK;
		/* "[192.0.2.1]:53" is not how IPv4 is written. */
		struct dns_server ignored;
		return parse_ipv4(host, port, &ignored) ? DNS_ADDRESS_BAD_BRACKETS
							: DNS_ADDRESS_BAD_IP;
	}
	const char *colon = strchr(text, ':');
	if (colon && strchr(colon + 1, ':'))
		return parse_ipv6(text, port, out) ? DNS_ADDRESS_OK : DNS_ADDRESS_BAD_IP;
	size_t len = colon ? (size_t)(colon - text) : strlen(text);
	if (len == 0 || len >= sizeof(host))
		return DNS_ADDRESS_BAD_IP;
	memcpy(host, text, len);
	host[len] = '\0';
	if (colon && !parse_port(colon + 1, &port))
		status = DNS_ADDRESS_BAD_PORT;
	else if (parse_ipv4(host, port, out))
		status = DNS_ADDRESS_OK;
	return status;
}

bool
dns_resolver_format_address(const struct dns_server *s, char *buf, size_t size)
{
	char host[NI_MAXHOST], serv[NI_MAXSERV];
	int family = s->addr.ss_family;

	if ((family != AF_INET && family != AF_INET6) ||
	    getnameinfo((const struct sockaddr *)&s->addr, s->addrlen, host, sizeof(host), serv,
			sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		snprintf(buf, size, "%s", "?");
		return false;
	}
	if (strcmp(serv, "53") == 0)
		snprintf(buf, size, "%s", host);
	else if (family == AF_INET6)
		snprintf(buf, size, "[%s]:%s", host, serv);
	else
		snprintf(buf, size, "%s:%s", host, serv);
	return true;
}

/* resolv.conf has addresses without port or brackets: "IPv4" or "IPv6". */
static bool
bare_address(const char *value)
{
	const char *colon = strchr(value, ':');
	return !strchr(value, '[') && (!colon || strchr(colon + 1, ':'));
}

enum dns_resolv_conf_status
dns_resolver_read_conf(const char *path, struct dns_server **servers, size_t *n)
{
	enum dns_resolv_conf_status status = DNS_RESOLV_CONF_UNREADABLE;
	char *line = NULL;
	size_t cap = 0;
	*servers = NULL;
	*n = 0;
	FILE *f = fopen(path, "re");
	if (!f)
		goto out;
	struct dns_server *list = calloc(DNS_RESOLVER_CONF_MAX, sizeof(*list));
	if (!list) {
		status = DNS_RESOLV_CONF_NOMEM;
		goto out;
	}
	*servers = list;
	while (*n < DNS_RESOLVER_CONF_MAX && getline(&line, &cap, f) >= 0) {
		/* resolv.conf(5): the keyword starts the line (as glibc reads
		 * it); "#" or ";" there make the line a comment. */
		if (line[0] == ' ' || line[0] == '\t')
			continue;
		char *save = NULL;
		char *key = strtok_r(line, " \t\r\n", &save);
		if (!key || key[0] == '#' || key[0] == ';' || strcmp(key, "nameserver") != 0)
			continue;
		char *value = strtok_r(NULL, " \t\r\n", &save);
		if (value && bare_address(value) &&
		    dns_resolver_parse_address(value, &list[*n]) == DNS_ADDRESS_OK)
			(*n)++;
	}
	if (ferror(f))
		goto out;
	status = *n ? DNS_RESOLV_CONF_OK : DNS_RESOLV_CONF_NO_SERVER;
out:
	if (f)
		fclose(f);
	free(line);
	if (status != DNS_RESOLV_CONF_OK) {
		free(*servers);
		*servers = NULL;
		*n = 0;
	}
	return status;
}

struct dns_resolver *
dns_resolver_new(const struct dns_server *servers, size_t n, unsigned timeout_ms)
{
	if (n == 0)
		return NULL;
	struct dns_resolver *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->servers = calloc(n, sizeof(*r->servers));
	if (!r->servers) {
		free(r);
		return NULL;
	}
	if (!(r->cache = dns_cache_new())) {
		free(r->servers);
		free(r);
		return NULL;
	}
	memcpy(r->servers, servers, n * sizeof(*servers));
	r->n = n;
	r->timeout_ms = timeout_ms;
	return r;
}

struct dns_resolver *
dns_resolver_new_from_conf(const char *path, unsigned timeout_ms,
			   enum dns_resolv_conf_status *status)
{
	struct dns_server *servers = NULL;
	size_t n = 0;
	struct dns_resolver *r = NULL;
	*status = dns_resolver_read_conf(path, &servers, &n);
	if (*status != DNS_RESOLV_CONF_OK)
		goto out;
	r = dns_resolver_new(servers, n, timeout_ms);
	if (!r)
		*status = DNS_RESOLV_CONF_NOMEM;
out:
	free(servers);
	return r;
}

void
dns_resolver_free(struct dns_resolver *r)
{
	if (!r)
		return;
	/* For the tests and the benchmark: how many questions went out. */
	if (getenv("FLICONO_DNS_STATS"))
		fprintf(stderr, "dns: %zu gesendet, %zu aus dem Cache\n", (size_t)r->sent,
			(size_t)r->cached);
	dns_cache_free(r->cache);
	free(r->servers);
	free(r);
}

/* How a server failed, as a seam status; the worst of several servers is
 * the one named (SERVFAIL before REFUSED before TIMEOUT before UNREACHABLE:
 * an answer, even a refusal, says more than silence). */
static int
failure_rank(enum dns_status s)
{
	switch (s) {
	case DNS_STATUS_SERVFAIL: return 4;
	case DNS_STATUS_REFUSED: return 3;
	case DNS_STATUS_TIMEOUT: return 2;
	case DNS_STATUS_UNREACHABLE: return 1;
	default: return 0;
	}
}

/* Asks one server; true when it gave a usable answer, now in *out. Else
 * *failed becomes the worse of itself and this server's failure. */
static bool
ask(struct dns_resolver *r, const struct dns_server *server, const char *name,
    enum dns_type type, struct dns_rrset *out, enum dns_status *failed)
{
	bool usable = false;
	size_t index;
	struct dns_batch *b = dns_batch_new(r->timeout_ms);
	if (!b || !dns_batch_add(b, server, name, type, DNS_QUERY_RD, &index))
		goto out;
	dns_batch_run(b);
	struct dns_result *res = dns_batch_result(b, index);
	if (res->state != DNS_QUERY_ANSWERED || res->answer.rrset.status == DNS_STATUS_SERVFAIL) {
		enum dns_status f = dns_batch_failure_status(res);
		if (failure_rank(f) > failure_rank(*failed))
			*failed = f;
		goto out;
	}
	dns_rrset_clear(out);
	*out = res->answer.rrset;
	res->answer.rrset = (struct dns_rrset)DNS_RRSET_INIT;
	usable = true;
out:
	dns_batch_free(b);
	return usable;
}

enum dns_status
dns_resolver_lookup(struct dns_resolver *r, const char *name, enum dns_type type,
		    struct dns_rrset *out)
{
	dns_rrset_clear(out);
	/* Checked before anything is built: ldns_str2rdf_dname accepts garbage. */
	if (dns_wire_name_check(name) != DNAME_OK) {
		out->status = DNS_STATUS_BADNAME;
		return out->status;
	}
	if (dns_cache_get(r->cache, name, type, out)) {
		r->cached++;
		return out->status;
	}
	enum dns_status failed = DNS_STATUS_UNREACHABLE;
	for (size_t i = 0; i < r->n; i++) {
		size_t k = (r->first + i) % r->n;
		r->sent++;
		if (getenv("FLICONO_DNS_STATS"))
			fprintf(stderr, "dns: Frage %s %d\n", name, (int)type);
		if (ask(r, &r->servers[k], name, type, out, &failed)) {
			r->first = k;
			dns_cache_put(r->cache, name, type, out);
			return out->status;
		}
	}
	out->status = failed;
	return out->status;
}

void
dns_resolver_remember(struct dns_resolver *r, const char *name, enum dns_type type,
		      const struct dns_rrset *set)
{
	if (set->status != DNS_STATUS_SERVFAIL && dns_wire_name_check(name) == DNAME_OK)
		dns_cache_put(r->cache, name, type, set);
}

static enum dns_status
seam_lookup(void *ctx, const char *name, enum dns_type type, struct dns_rrset *out)
{
	return dns_resolver_lookup(ctx, name, type, out);
}

struct dns_seam
dns_resolver_seam(struct dns_resolver *r)
{
	return (struct dns_seam){.lookup = seam_lookup, .ctx = r};
}
