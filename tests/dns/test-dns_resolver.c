/* test-dns_resolver.c — resolver addresses, resolv.conf parsing, and names
 * rejected before anything is sent. No network: the only server named is
 * a loopback address that is never asked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dns_resolver.h"

/* "IP port" of S, for comparing. */
static const char *
show(const struct dns_server *s)
{
	static char buf[INET6_ADDRSTRLEN + 16];
	char ip[INET6_ADDRSTRLEN];
	if (s->addr.ss_family == AF_INET) {
		const struct sockaddr_in *v4 = (const void *)&s->addr;
		inet_ntop(AF_INET, &v4->sin_addr, ip, sizeof(ip));
		snprintf(buf, sizeof(buf), "%s %u", ip, ntohs(v4->sin_port));
	} else {
		const struct sockaddr_in6 *v6 = (const void *)&s->addr;
		inet_ntop(AF_INET6, &v6->sin6_addr, ip, sizeof(ip));
		snprintf(buf, sizeof(buf), "%s %u", ip, ntohs(v6->sin6_port));
	}
	return buf;
}

static void
test_parse_address(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum dns_address_status want;
		const char *shown;
	} cases[] = {
		{"127.53.7.1", DNS_ADDRESS_OK, "127.53.7.1 53"},
		{"127.0.0.1:5353", DNS_ADDRESS_OK, "127.0.0.1 5353"},
		{"::1", DNS_ADDRESS_OK, "::1 53"},
		{"2001:db8::1:53", DNS_ADDRESS_OK, "2001:db8::1:53 53"},
		{"[::1]:5353", DNS_ADDRESS_OK, "::1 5353"},
		{"[2001:db8::1]", DNS_ADDRESS_OK, "2001:db8::1 53"},
		{"", DNS_ADDRESS_EMPTY, NULL},
		{"localhost", DNS_ADDRESS_BAD_IP, NULL},
		{"127.1", DNS_ADDRESS_BAD_IP, NULL},
		{"300.1.1.1", DNS_ADDRESS_BAD_IP, NULL},
		{"127.0.0.1:", DNS_ADDRESS_BAD_PORT, NULL},
		{"127.0.0.1:0", DNS_ADDRESS_BAD_PORT, NULL},
		{"127.0.0.1:65536", DNS_ADDRESS_BAD_PORT, NULL},
		{"127.0.0.1:5x", DNS_ADDRESS_BAD_PORT, NULL},
		{"[::1]:", DNS_ADDRESS_BAD_PORT, NULL},
		{"[::1", DNS_ADDRESS_BAD_BRACKETS, NULL},
		{"[::1]53", DNS_ADDRESS_BAD_BRACKETS, NULL},
		{"[127.0.0.1]:53", DNS_ADDRESS_BAD_BRACKETS, NULL},
		{"[]:53", DNS_ADDRESS_BAD_IP, NULL},
		{"[fe80::zz]:53", DNS_ADDRESS_BAD_IP, NULL},
		{"2001:db8::1::2", DNS_ADDRESS_BAD_IP, NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct dns_server s;
		enum dns_address_status got = dns_resolver_parse_address(cases[i].text, &s);
		if (got != cases[i].want)
			fail_msg("%s: got %d, want %d", cases[i].text, got, cases[i].want);
		if (cases[i].shown)
			assert_string_equal(show(&s), cases[i].shown);
	}
	struct dns_server s;
	assert_int_equal(dns_resolver_parse_address(NULL, &s), DNS_ADDRESS_EMPTY);
}

/* Server text for people: as today's rows show it, and read back the same. */
static void
test_format_address(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"192.0.2.1", "192.0.2.1"},
		{"192.0.2.1:53", "192.0.2.1"},
		{"127.53.7.1:5353", "127.53.7.1:5353"},
		{"2001:DB8:0:0::1", "2001:db8::1"},
		{"[2001:db8::1]:53", "2001:db8::1"},
		{"[::1]:5353", "[::1]:5353"},
		{"::ffff:192.0.2.1", "::ffff:192.0.2.1"},
		{"[fe80::1%987654]:5300", "[fe80::1%987654]:5300"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct dns_server s, again;
		char text[96];
		assert_int_equal(dns_resolver_parse_address(cases[i].in, &s), DNS_ADDRESS_OK);
		assert_true(dns_resolver_format_address(&s, text, sizeof(text)));
		assert_string_equal(text, cases[i].out);
		assert_int_equal(dns_resolver_parse_address(text, &again), DNS_ADDRESS_OK);
		assert_int_equal(again.addrlen, s.addrlen);
		assert_memory_equal(&again.addr, &s.addr, s.addrlen);
	}
	struct dns_server none = {.addrlen = sizeof(none.addr)};
	char text[8] = "x";
	assert_false(dns_resolver_format_address(&none, text, sizeof(text)));
	assert_string_equal(text, "?");
	/* Cut to the buffer, never past it. */
	struct dns_server s;
	assert_int_equal(dns_resolver_parse_address("[2001:db8::1]:5353", &s), DNS_ADDRESS_OK);
	assert_true(dns_resolver_format_address(&s, text, sizeof(text)));
	assert_string_equal(text, "[2001:d");
}

static char *
write_temp(const char *text)
{
	char *path = strdup("/tmp/test-resolv.XXXXXX");
	assert_non_null(path);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void
test_read_conf(void **state)
{
	(void)state;
	struct dns_server *servers = NULL;
	size_t n = 99;
	char *path = write_temp("# a comment\n"
				"; nameserver 192.0.2.9\n"
				"#nameserver 192.0.2.8\n"
				"\n"
				"   nameserver 192.0.2.7\n" /* glibc: keyword in column 1 */
				"search example.de\n"
				"options timeout:1 attempts:1\n"
				"nameserver 127.53.9.1\n"
				"nameserver not-an-address\n"
				"nameserver 127.0.0.1:53\n" /* no ports in resolv.conf */
				"nameserver\n"
				"nameserver\t::1  # trailing\n"
				"nameserver 127.53.9.2\r\n"
				"nameserver 127.53.9.3\n"); /* a fourth: ignored (MAXNS) */
	assert_int_equal(dns_resolver_read_conf(path, &servers, &n), DNS_RESOLV_CONF_OK);
	assert_int_equal(n, 3);
	assert_string_equal(show(&servers[0]), "127.53.9.1 53");
	assert_string_equal(show(&servers[1]), "::1 53");
	assert_string_equal(show(&servers[2]), "127.53.9.2 53");
	free(servers);
	unlink(path);
	free(path);

	path = write_temp("# nameserver 192.0.2.1\nsearch x\n");
	assert_int_equal(dns_resolver_read_conf(path, &servers, &n), DNS_RESOLV_CONF_NO_SERVER);
	assert_null(servers);
	assert_int_equal(n, 0);
	unlink(path);
	free(path);

	assert_int_equal(dns_resolver_read_conf("/nonexistent/resolv.conf", &servers, &n),
			 DNS_RESOLV_CONF_UNREADABLE);
	assert_null(servers);

	/* The constructor on top (nothing is asked here). */
	enum dns_resolv_conf_status st;
	path = write_temp("nameserver 127.53.9.1\n");
	struct dns_resolver *r = dns_resolver_new_from_conf(path, 100, &st);
	assert_non_null(r);
	assert_int_equal(st, DNS_RESOLV_CONF_OK);
	dns_resolver_free(r);
	unlink(path);
	free(path);
	assert_null(dns_resolver_new_from_conf("/nonexistent/resolv.conf", 100, &st));
	assert_int_equal(st, DNS_RESOLV_CONF_UNREADABLE);
}

/* Names that cannot be asked give BADNAME; nothing is sent (the server is a
 * loopback address where nothing listens, and a lookup of a good name would
 * take the time-out). */
static void
test_badname(void **state)
{
	(void)state;
	struct dns_server s;
	assert_int_equal(dns_resolver_parse_address("127.53.255.254:9", &s), DNS_ADDRESS_OK);
	struct dns_resolver *r = dns_resolver_new(&s, 1, 100);
	assert_non_null(r);
	struct dns_seam seam = dns_resolver_seam(r);
	char long_label[80];
	memset(long_label, 'a', 64);
	strcpy(long_label + 64, ".de");
	const char *bad[] = {"", "a..de", ".de", long_label, "a b.de", "m\xc3\xbcller.de"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct dns_rrset set = DNS_RRSET_INIT;
		assert_int_equal(seam.lookup(seam.ctx, bad[i], DNS_TYPE_TXT, &set),
				 DNS_STATUS_BADNAME);
		assert_int_equal(set.status, DNS_STATUS_BADNAME);
		assert_int_equal(set.count, 0);
		dns_rrset_clear(&set);
	}
	dns_resolver_free(r);
	dns_resolver_free(NULL);
	assert_null(dns_resolver_new(&s, 0, 100));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_address),
		cmocka_unit_test(test_format_address),
		cmocka_unit_test(test_read_conf),
		cmocka_unit_test(test_badname),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
