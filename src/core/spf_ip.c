/* spf_ip.c — address parsing, matching and text forms for SPF. */
#include "spf_ip.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

static const uint8_t v4_mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool
spf_ip_parse_family(const char *text, size_t len, enum spf_ip_family family, struct spf_ip *out)
{
	char buf[64];
	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, text, len);
	buf[len] = '\0';
	memset(out, 0, sizeof(*out));
	out->family = family;
	return inet_pton(family == SPF_IP_V4 ? AF_INET : AF_INET6, buf, out->addr) == 1;
}

bool
spf_ip_parse(const char *text, struct spf_ip *out)
{
	size_t len = strlen(text);
	if (spf_ip_parse_family(text, len, SPF_IP_V4, out))
		return true;
	if (!spf_ip_parse_family(text, len, SPF_IP_V6, out))
		return false;
	spf_ip_unmap(out);
	return true;
}

void
spf_ip_unmap(struct spf_ip *ip)
{
	if (ip->family != SPF_IP_V6 ||
	    memcmp(ip->addr, v4_mapped_prefix, sizeof(v4_mapped_prefix)) != 0)
		return;
	/* RFC 7208 5: an IPv4-mapped client is an IPv4 client. */
	uint8_t v4[4];
	memcpy(v4, ip->addr + 12, 4);
	memset(ip->addr, 0, sizeof(ip->addr));
	memcpy(ip->addr, v4, 4);
	ip->family = SPF_IP_V4;
}

bool
spf_ip_in_network(const struct spf_ip *ip, const struct spf_ip *net, unsigned prefix)
{
	if (ip->family != net->family)
		return false;
	unsigned width = ip->family == SPF_IP_V4 ? 32 : 128;
	if (prefix > width)
		prefix = width;
	unsigned whole = prefix / 8, bits = prefix % 8;
	if (memcmp(ip->addr, net->addr, whole) != 0)
		return false;
	if (bits == 0)
		return true;
	uint8_t mask = (uint8_t)(0xffu << (8 - bits));
	return (ip->addr[whole] & mask) == (net->addr[whole] & mask);
}

bool
spf_ip_equal(const struct spf_ip *a, const struct spf_ip *b)
{
	return spf_ip_in_network(a, b, 128);
}

void
spf_ip_format(const struct spf_ip *ip, char buf[SPF_IP_TEXT_MAX])
{
	if (!inet_ntop(ip->family == SPF_IP_V4 ? AF_INET : AF_INET6, ip->addr, buf,
		       SPF_IP_TEXT_MAX))
		buf[0] = '\0';
}

static const char hexdigits[] = "0123456789abcdef";

void
spf_ip_dotted(const struct spf_ip *ip, char buf[SPF_IP_REVERSE_MAX])
{
	if (ip->family == SPF_IP_V4) {
		snprintf(buf, SPF_IP_REVERSE_MAX, "%u.%u.%u.%u", ip->addr[0], ip->addr[1],
			 ip->addr[2], ip->addr[3]);
		return;
	}
	/* Upper-case hex, as the openspf suite expects in exp= texts (RFC 7208
	 * 7.4 shows lower case; DNS does not care). */
	static const char upper[] = "0123456789ABCDEF";
	char *p = buf;
	for (int i = 0; i < 16; i++) {
		*p++ = upper[ip->addr[i] >> 4];
		*p++ = '.';
		*p++ = upper[ip->addr[i] & 15];
		*p++ = i == 15 ? '\0' : '.';
	}
}

void
spf_ip_reverse_name(const struct spf_ip *ip, char buf[SPF_IP_REVERSE_MAX])
{
	if (ip->family == SPF_IP_V4) {
		snprintf(buf, SPF_IP_REVERSE_MAX, "%u.%u.%u.%u.in-addr.arpa", ip->addr[3],
			 ip->addr[2], ip->addr[1], ip->addr[0]);
		return;
	}
	char *p = buf;
	for (int i = 15; i >= 0; i--) {
		*p++ = hexdigits[ip->addr[i] & 15];
		*p++ = '.';
		*p++ = hexdigits[ip->addr[i] >> 4];
		*p++ = '.';
	}
	memcpy(p, "ip6.arpa", sizeof("ip6.arpa"));
}
