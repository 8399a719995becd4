/* fuzz-resolver.c — resolver addresses: --resolver text and resolv.conf.
 *
 * Input: a first line, parsed as a --resolver argument; the whole input is
 * also read as resolv.conf (through a memfd path, /proc/self/fd/N).
 * Invariants: an accepted address is IPv4 or IPv6 with a port of 1–65535
 * (53 when none is written), and its canonical text ("IP:PORT",
 * "[IPv6]:PORT") parses to the same address; resolv.conf gives 1–3 servers
 * or none with a status that says so. Nothing is looked up. */
#define _GNU_SOURCE
#include "fuzz-file.h"

#include "dns_resolver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>

static struct fuzz_file file;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_file_open(&file, "fuzz-resolver");
	return 0;
}

static void
check_server(const struct dns_server *s)
{
	char text[INET6_ADDRSTRLEN + 32], ip[INET6_ADDRSTRLEN];
	if (s->addr.ss_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)&s->addr;
		FUZZ_CHECK(s->addrlen == sizeof(*in));
		FUZZ_CHECK(ntohs(in->sin_port) != 0);
		FUZZ_CHECK(inet_ntop(AF_INET, &in->sin_addr, ip, sizeof(ip)));
		snprintf(text, sizeof(text), "%s:%u", ip, (unsigned)ntohs(in->sin_port));
	} else {
		FUZZ_CHECK(s->addr.ss_family == AF_INET6);
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&s->addr;
		FUZZ_CHECK(s->addrlen == sizeof(*in6));
		FUZZ_CHECK(ntohs(in6->sin6_port) != 0);
		FUZZ_CHECK(inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof(ip)));
		if (in6->sin6_scope_id)
			snprintf(text, sizeof(text), "[%s%%%u]:%u", ip, (unsigned)in6->sin6_scope_id,
				 (unsigned)ntohs(in6->sin6_port));
		else
			snprintf(text, sizeof(text), "[%s]:%u", ip, (unsigned)ntohs(in6->sin6_port));
	}
	struct dns_server again;
	memset(&again, 0, sizeof(again));
	if (dns_resolver_parse_address(text, &again) != DNS_ADDRESS_OK) {
		fprintf(stderr, "canonical text \"%s\" does not parse\n", text);
		FUZZ_CHECK(!"canonical text parses");
	}
	FUZZ_CHECK(again.addrlen == s->addrlen && again.addr.ss_family == s->addr.ss_family);
	if (s->addr.ss_family == AF_INET) {
		const struct sockaddr_in *a = (const struct sockaddr_in *)&s->addr;
		const struct sockaddr_in *b = (const struct sockaddr_in *)&again.addr;
		FUZZ_CHECK(a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr);
	} else {
		const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)&s->addr;
		const struct sockaddr_in6 *b = (const struct sockaddr_in6 *)&again.addr;
		FUZZ_CHECK(a->sin6_port == b->sin6_port && a->sin6_scope_id == b->sin6_scope_id &&
			   memcmp(&a->sin6_addr, &b->sin6_addr, 16) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t first = nl ? (size_t)(nl - data) : size;
	char *text = malloc(first + 1);
	FUZZ_CHECK(text);
	memcpy(text, data, first);
	text[first] = '\0';

	struct dns_server s;
	memset(&s, 0, sizeof(s));
	enum dns_address_status st = dns_resolver_parse_address(text, &s);
	FUZZ_CHECK(st >= DNS_ADDRESS_OK && st <= DNS_ADDRESS_BAD_BRACKETS);
	FUZZ_CHECK((st == DNS_ADDRESS_EMPTY) == (text[0] == '\0'));
	if (st == DNS_ADDRESS_OK) {
		check_server(&s);
		/* No port written: 53. */
		if (!strchr(text, '[') && (!strchr(text, ':') || strchr(strchr(text, ':') + 1, ':')))
			FUZZ_CHECK(ntohs(((const struct sockaddr_in *)&s.addr)->sin_port) == 53);
	}
	free(text);

	fuzz_file_set(&file, data, size);
	struct dns_server *servers = (struct dns_server *)1;
	size_t n = 99;
	enum dns_resolv_conf_status cs = dns_resolver_read_conf(file.path, &servers, &n);
	if (cs == DNS_RESOLV_CONF_OK) {
		FUZZ_CHECK(servers && n >= 1 && n <= DNS_RESOLVER_CONF_MAX);
		for (size_t i = 0; i < n; i++)
			check_server(&servers[i]);
	} else {
		FUZZ_CHECK(cs == DNS_RESOLV_CONF_NO_SERVER);
		FUZZ_CHECK(servers == NULL && n == 0);
	}
	free(servers);
	return 0;
}
