/* dns_resolver.h — the DNS seam (dns_seam.h) for ordinary lookups: RD
 * queries to recursive resolvers, one after another until one answers. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dns_batch.h"
#include "dns_seam.h"

#define DNS_RESOLVER_PORT 53
#define DNS_RESOLVER_CONF_PATH "/etc/resolv.conf"
/* glibc's MAXNS: resolv.conf(5) uses at most three nameserver lines. */
#define DNS_RESOLVER_CONF_MAX 3

enum dns_address_status {
	DNS_ADDRESS_OK,
	DNS_ADDRESS_EMPTY,        /* "" */
	DNS_ADDRESS_BAD_IP,       /* not an IPv4 or IPv6 address */
	DNS_ADDRESS_BAD_PORT,     /* not 1–65535 */
	DNS_ADDRESS_BAD_BRACKETS, /* "[" without "]", "[IPv4]", or after "]" not ":PORT" */
};

/* Parses TEXT as "IPv4", "IPv4:PORT", "IPv6" or "[IPv6]:PORT" ("[IPv6]" too;
 * an IPv6 scope "%eth0" is allowed) into *out, port 53 unless given. A bare
 * IPv6 address never carries a port ("2001:db8::1:53" is an address). Only numeric
 * text is accepted: nothing is looked up. */
enum dns_address_status dns_resolver_parse_address(const char *text, struct dns_server *out);

/* Writes S as text for people, the way dns_resolver_parse_address() reads
 * it back: "192.0.2.1", "2001:db8::1" (with its scope, "fe80::1%eth0"), and
 * "192.0.2.1:PORT" / "[2001:db8::1]:PORT" when the port is not 53. Numeric
 * only (getnameinfo NI_NUMERICHOST | NI_NUMERICSERV): nothing is looked up.
 * False, with "?" in BUF, when S holds no IPv4 or IPv6 address; the text is
 * cut to SIZE. */
bool dns_resolver_format_address(const struct dns_server *s, char *buf, size_t size);

enum dns_resolv_conf_status {
	DNS_RESOLV_CONF_OK,
	DNS_RESOLV_CONF_UNREADABLE, /* cannot be opened or read: see errno */
	DNS_RESOLV_CONF_NO_SERVER,  /* no usable nameserver line */
	DNS_RESOLV_CONF_NOMEM,
};

/* Reads the nameserver lines of PATH (resolv.conf(5) syntax: lines starting
 * with "#" or ";" are comments; "options" and the rest are ignored, as is
 * an address that does not parse) into *servers (malloc'd, at most
 * DNS_RESOLVER_CONF_MAX, in file order) and *n. Parsed by hand: ldns 1.8.3
 * may use a commented-out line (ldns issue 237). On failure *servers is
 * NULL and *n 0. */
enum dns_resolv_conf_status dns_resolver_read_conf(const char *path, struct dns_server **servers,
						   size_t *n);

struct dns_resolver;

/* A resolver set asking SERVERS (N >= 1, copied) in order, each with
 * TIMEOUT_MS (one retransmission inside it; TCP when a reply is truncated).
 * NULL when N is 0 or out of memory. */
struct dns_resolver *dns_resolver_new(const struct dns_server *servers, size_t n,
				      unsigned timeout_ms);

/* A resolver set from the nameserver lines of PATH (DNS_RESOLVER_CONF_PATH
 * for the system's; see dns_resolver_read_conf()), each with TIMEOUT_MS.
 * NULL on failure, with the reason in *status (always set). */
struct dns_resolver *dns_resolver_new_from_conf(const char *path, unsigned timeout_ms,
						enum dns_resolv_conf_status *status);

/* Frees R. NULL is a no-op. */
void dns_resolver_free(struct dns_resolver *r);

/* Looks NAME up for TYPE as dns_seam.h describes: BADNAME before anything
 * is sent when dns_wire_name_check() fails; otherwise the first resolver's
 * answer that is NOERROR or NXDOMAIN (OK, NODATA, NXDOMAIN). On a time-out,
 * closed port, broken reply or a SERVFAIL/REFUSED/other rcode the next
 * resolver is asked; when none answers usefully: SERVFAIL if any answered
 * so, else TIMEOUT. *out as in dns_seam.h (initialised by the caller). */
enum dns_status dns_resolver_lookup(struct dns_resolver *r, const char *name, enum dns_type type,
				    struct dns_rrset *out);

/* Keeps SET, the answer to NAME/TYPE that one of R's servers gave to a
 * query sent elsewhere (prefetch.h), in R's answer cache, as if R had asked. */
void dns_resolver_remember(struct dns_resolver *r, const char *name, enum dns_type type,
			   const struct dns_rrset *set);

/* The seam for the core: lookup() calls dns_resolver_lookup() on R, which
 * must outlive the seam's use. */
struct dns_seam dns_resolver_seam(struct dns_resolver *r);
