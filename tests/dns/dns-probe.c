/* dns-probe.c — drives the DNS layer from the lab tests and prints what it
 * got in a stable text form.
 *
 *   dns-probe [OPTIONS] lookup RESOLVER[,RESOLVER…] NAME TYPE
 *       through the seam (dns_resolver.c), RD queries
 *   dns-probe [OPTIONS] batch SERVER NAME TYPE [SERVER NAME TYPE]…
 *       all at once through dns_batch.c
 * OPTIONS: --timeout MS (default 2000)  --rd (batch: recursion desired)
 *          --no-edns  --no-ttl  --times (batch: print "time #I MS" lines
 *          and "time total MS")
 * SERVER and RESOLVER: IP, IP:PORT or [IPv6]:PORT. TYPE: A AAAA MX TXT PTR
 * CNAME SOA SPF NS. Exit status 0, or 64 on a usage error. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dns_batch.h"
#include "dns_resolver.h"
#include "dns_wire.h"

static bool print_ttl = true;

static const struct {
	const char *name;
	enum dns_type type;
} types[] = {
	{"A", DNS_TYPE_A},     {"AAAA", DNS_TYPE_AAAA}, {"MX", DNS_TYPE_MX},
	{"TXT", DNS_TYPE_TXT}, {"PTR", DNS_TYPE_PTR},   {"CNAME", DNS_TYPE_CNAME},
	{"SOA", DNS_TYPE_SOA}, {"SPF", DNS_TYPE_SPF},   {"NS", (enum dns_type)2},
};

static bool
parse_type(const char *text, enum dns_type *type)
{
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (strcmp(text, types[i].name) == 0) {
			*type = types[i].type;
			return true;
		}
	}
	return false;
}

static const char *
type_name(enum dns_type type)
{
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (types[i].type == type)
			return types[i].name;
	}
	return "?";
}

/* Bytes as text: printable ASCII as is, '"' and '\' and the rest as \xHH. */
static void
print_bytes(const unsigned char *p, size_t len)
{
	putchar('"');
	for (size_t i = 0; i < len; i++) {
		if (p[i] >= ' ' && p[i] < 0x7f && p[i] != '"' && p[i] != '\\')
			putchar(p[i]);
		else
			printf("\\x%02x", p[i]);
	}
	putchar('"');
}

static void
print_rrset(const struct dns_rrset *set, enum dns_type type)
{
	printf("status=%s count=%zu", dns_status_name(set->status), set->count);
	if (print_ttl)
		printf(" ttl=%u", (unsigned)set->ttl);
	putchar('\n');
	for (size_t i = 0; i < set->count; i++) {
		const struct dns_record *r = &set->records[i];
		char addr[INET6_ADDRSTRLEN];
		printf("  %s ", type_name(type));
		switch (type) {
		case DNS_TYPE_A:
		case DNS_TYPE_AAAA:
			if (inet_ntop(type == DNS_TYPE_A ? AF_INET : AF_INET6, r->data, addr,
				      sizeof(addr)))
				fputs(addr, stdout);
			break;
		case DNS_TYPE_TXT:
		case DNS_TYPE_SPF:
			printf("strings=%zu len=%zu ", r->nstrings, r->len);
			print_bytes(r->data, r->len);
			break;
		case DNS_TYPE_MX:
			printf("%u %s", r->pref, (const char *)r->data);
			break;
		default:
			print_bytes(r->data, r->len);
			break;
		}
		if (print_ttl)
			printf(" ttl=%u", (unsigned)r->ttl);
		putchar('\n');
	}
}

static const char *
address_status_name(enum dns_address_status s)
{
	switch (s) {
	case DNS_ADDRESS_OK: return "ok";
	case DNS_ADDRESS_EMPTY: return "empty";
	case DNS_ADDRESS_BAD_IP: return "bad-ip";
	case DNS_ADDRESS_BAD_PORT: return "bad-port";
	case DNS_ADDRESS_BAD_BRACKETS: return "bad-brackets";
	}
	return "?";
}

static int
usage(void)
{
	fputs("usage: dns-probe [--timeout MS] [--rd] [--no-edns] [--no-ttl] [--times]\n"
	      "                 lookup RESOLVER[,RESOLVER...] NAME TYPE\n"
	      "                 | batch SERVER NAME TYPE [SERVER NAME TYPE]...\n",
	      stderr);
	return 64;
}

static bool
parse_server(const char *text, struct dns_server *s)
{
	enum dns_address_status st = dns_resolver_parse_address(text, s);
	if (st != DNS_ADDRESS_OK)
		fprintf(stderr, "dns-probe: %s: %s\n", text, address_status_name(st));
	return st == DNS_ADDRESS_OK;
}

static int
cmd_lookup(char **argv, int argc, unsigned timeout)
{
	int rc = 64;
	struct dns_server servers[8];
	size_t n = 0;
	enum dns_type type;
	struct dns_resolver *r = NULL;
	struct dns_rrset set = DNS_RRSET_INIT;
	char *list = NULL;

	if (argc != 3 || !parse_type(argv[2], &type))
		return usage();
	list = strdup(argv[0]);
	if (!list)
		goto out;
	char *save = NULL;
	for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (n == 8 || !parse_server(tok, &servers[n++]))
			goto out;
	}
	r = dns_resolver_new(servers, n, timeout);
	if (!r)
		goto out;
	struct dns_seam seam = dns_resolver_seam(r);
	seam.lookup(seam.ctx, argv[1], type, &set);
	print_rrset(&set, type);
	rc = 0;
out:
	dns_rrset_clear(&set);
	dns_resolver_free(r);
	free(list);
	return rc;
}

static unsigned
ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (unsigned)((t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000);
}

static int
cmd_batch(char **argv, int argc, unsigned timeout, unsigned flags, bool times)
{
	int rc = 64;
	struct dns_batch *b = dns_batch_new(timeout);
	enum dns_type *qtypes = calloc((size_t)argc / 3 + 1, sizeof(*qtypes));
	if (!b || !qtypes || argc == 0 || argc % 3 != 0) {
		usage();
		goto out;
	}
	for (int i = 0; i < argc; i += 3) {
		struct dns_server s;
		size_t index;
		if (!parse_server(argv[i], &s) || !parse_type(argv[i + 2], &qtypes[i / 3]))
			goto out;
		if (!dns_batch_add(b, &s, argv[i + 1], qtypes[i / 3], flags, &index)) {
			fprintf(stderr, "dns-probe: cannot ask %s\n", argv[i + 1]);
			goto out;
		}
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	dns_batch_run(b);
	unsigned total = ms_since(&t0);
	for (size_t i = 0; i < dns_batch_count(b); i++) {
		const struct dns_result *res = dns_batch_result(b, i);
		printf("#%zu %s %s %s state=%s", i, argv[i * 3], argv[i * 3 + 1],
		       type_name(qtypes[i]), dns_batch_state_name(res->state));
		if (res->state == DNS_QUERY_ANSWERED)
			printf(" rcode=%u aa=%d tcp=%d", res->answer.rcode, res->answer.aa,
			       res->tcp);
		printf(" dropped=%u\n", res->dropped);
		if (res->state == DNS_QUERY_ANSWERED) {
			fputs("  ", stdout);
			print_rrset(&res->answer.rrset, qtypes[i]);
		}
	}
	if (times) {
		for (size_t i = 0; i < dns_batch_count(b); i++)
			printf("time #%zu %u\n", i, dns_batch_result(b, i)->elapsed_ms);
		printf("time total %u\n", total);
	}
	rc = 0;
out:
	free(qtypes);
	dns_batch_free(b);
	return rc;
}

int
main(int argc, char **argv)
{
	unsigned timeout = 2000, flags = 0;
	bool times = false;
	int i = 1;
	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
			timeout = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--rd") == 0)
			flags |= DNS_QUERY_RD;
		else if (strcmp(argv[i], "--no-edns") == 0)
			flags |= DNS_QUERY_NO_EDNS;
		else if (strcmp(argv[i], "--no-ttl") == 0)
			print_ttl = false;
		else if (strcmp(argv[i], "--times") == 0)
			times = true;
		else
			return usage();
	}
	if (i >= argc)
		return usage();
	if (strcmp(argv[i], "lookup") == 0)
		return cmd_lookup(argv + i + 1, argc - i - 1, timeout);
	if (strcmp(argv[i], "batch") == 0)
		return cmd_batch(argv + i + 1, argc - i - 1, timeout, flags, times);
	return usage();
}
