/* spf_ip.h — client and network addresses for SPF (RFC 7208 5.6, 7.3).
 *
 * An address is kept in network byte order with its family. IPv4-mapped IPv6
 * addresses (::ffff:a.b.c.d) are turned into IPv4 by spf_ip_parse(), because
 * RFC 7208 5 says such a client is to be treated as IPv4. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum spf_ip_family {
	SPF_IP_V4 = 4,
	SPF_IP_V6 = 6,
};

struct spf_ip {
	enum spf_ip_family family;
	uint8_t addr[16]; /* V4: the first 4 bytes; network order */
};

/* Longest text spf_ip_format() writes, with its NUL ("ffff:…" or dotted quad). */
#define SPF_IP_TEXT_MAX 46
/* Longest reverse name spf_ip_reverse_name() writes, with its NUL
 * (32 nibbles and dots plus "ip6.arpa"). */
#define SPF_IP_REVERSE_MAX 74

/* Parses TEXT (IPv4 dotted quad or IPv6 text, as inet_pton accepts them)
 * into *OUT; an IPv4-mapped IPv6 address becomes IPv4 (RFC 7208 5).
 * Returns false, leaving *OUT unspecified, when TEXT is no address. */
bool spf_ip_parse(const char *text, struct spf_ip *out);

/* Turns an IPv4-mapped IPv6 address in *IP into IPv4 (RFC 7208 5); other
 * addresses stay as they are. */
void spf_ip_unmap(struct spf_ip *ip);

/* Parses exactly LEN bytes of TEXT as an address of FAMILY, without mapping:
 * the network part of an ip4:/ip6: mechanism. */
bool spf_ip_parse_family(const char *text, size_t len, enum spf_ip_family family,
			 struct spf_ip *out);

/* Whether IP lies in NET/PREFIX. Different families never match; PREFIX
 * beyond the family's width is treated as the full width. */
bool spf_ip_in_network(const struct spf_ip *ip, const struct spf_ip *net, unsigned prefix);

/* Whether A and B are the same address. */
bool spf_ip_equal(const struct spf_ip *a, const struct spf_ip *b);

/* Writes the usual text form of IP into BUF (SPF_IP_TEXT_MAX bytes):
 * dotted quad, or RFC 5952 lower-case IPv6 as inet_ntop gives it. */
void spf_ip_format(const struct spf_ip *ip, char buf[SPF_IP_TEXT_MAX]);

/* Writes the %{i} form (RFC 7208 7.3): the dotted quad, or for IPv6 the 32
 * nibbles in upper-case hex, dot-separated, most significant first. */
void spf_ip_dotted(const struct spf_ip *ip, char buf[SPF_IP_REVERSE_MAX]);

/* Writes the PTR query name: "4.3.2.1.in-addr.arpa" or the nibble form under
 * "ip6.arpa" (RFC 7208 5.5). */
void spf_ip_reverse_name(const struct spf_ip *ip, char buf[SPF_IP_REVERSE_MAX]);
