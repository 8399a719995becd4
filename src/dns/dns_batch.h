/* dns_batch.h — many DNS queries in flight at once, driven by one poll().
 *
 * libldns has no asynchronous API and accepts forged replies, so each query
 * here gets its own connected, non-blocking UDP socket; ldns only builds and
 * parses the messages (dns_wire.h). A batch takes as long as its slowest
 * server, never longer than its time-out.
 *
 * Use, blocking:   b = dns_batch_new(2000); dns_batch_add(b, …) N times;
 *                  dns_batch_run(b); dns_batch_result(b, i) …; dns_batch_free(b);
 * or from an event loop: dns_batch_start(b), then repeatedly
 *                  n = dns_batch_pollfds(b, fds, max) (+ the loop's own fds);
 *                  poll(fds, n, min(dns_batch_next_timeout_ms(b), …));
 *                  dns_batch_process(b, fds, n);
 *                  until dns_batch_done(b). */
#pragma once

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "dns_seam.h"
#include "dns_wire.h"

/* A name server: an IPv4 or IPv6 address with its port. */
struct dns_server {
	struct sockaddr_storage addr;
	socklen_t addrlen;
};

enum dns_query_state {
	DNS_QUERY_PENDING,     /* still waiting */
	DNS_QUERY_ANSWERED,    /* a reply matched and parsed: see answer */
	DNS_QUERY_TIMEOUT,     /* no matching reply before the deadline */
	DNS_QUERY_REFUSED,     /* the port is closed (ICMP port unreachable,
	                        * TCP RST): ECONNREFUSED, known at once */
	DNS_QUERY_UNREACHABLE, /* no route to the server (e.g. IPv6 without
	                        * an IPv6 route), known at once */
	DNS_QUERY_BAD_REPLY,   /* replies matched the query but did not parse,
	                        * and no good one followed; or the TCP retry
	                        * after a truncated reply failed (sys_errno
	                        * says why; 0: the stream broke off) */
	DNS_QUERY_FAILED,      /* a local failure: out of memory or sockets */
};

struct dns_result {
	enum dns_query_state state;
	/* ANSWERED only: rcode, AA flag, and the records as the seam wants them. */
	struct dns_answer answer;
	bool tcp;            /* the answer came over TCP (after a TC reply) */
	unsigned dropped;    /* replies ignored: wrong source, ID, QR, opcode
	                      * or question (RFC 5452) */
	unsigned elapsed_ms; /* from dns_batch_start() to the final state */
	int sys_errno;       /* REFUSED, UNREACHABLE, FAILED, BAD_REPLY: the
	                      * errno seen, or 0 */
};

struct dns_batch;

/* A new, empty batch whose queries all end within TIMEOUT_MS of
 * dns_batch_start(). A query that has no reply after half of it is sent
 * once more. NULL when out of memory. */
struct dns_batch *dns_batch_new(unsigned timeout_ms);

/* Frees B, closing its sockets. NULL is a no-op. */
void dns_batch_free(struct dns_batch *b);

/* Adds a query for NAME/TYPE to SERVER with FLAGS (DNS_QUERY_RD for a
 * resolver, none for an authoritative server; DNS_QUERY_NO_EDNS) and sets
 * *index for dns_batch_result(). False when NAME fails dns_wire_name_check()
 * (check first to tell the user why), the batch has started, SERVER is not
 * IPv4/IPv6, or memory runs out. */
bool dns_batch_add(struct dns_batch *b, const struct dns_server *server, const char *name,
		   enum dns_type type, unsigned flags, size_t *index);

/* The number of queries added: also the most pollfd entries B needs. */
size_t dns_batch_count(const struct dns_batch *b);

/* Sends every query. Queries whose server refuses or cannot be reached
 * finish here already. Idempotent. */
void dns_batch_start(struct dns_batch *b);

/* Fills FDS (room for MAX) with one entry per socket B waits on and returns
 * how many it filled; the entries' revents are cleared. */
size_t dns_batch_pollfds(const struct dns_batch *b, struct pollfd *fds, size_t max);

/* Milliseconds until B must be processed even without socket activity
 * (retransmission, deadline), for poll()'s time-out: 0 when overdue, done,
 * or not started (dns_batch_process() starts it). */
int dns_batch_next_timeout_ms(const struct dns_batch *b);

/* Handles what poll() reported in FDS (N entries; entries that are not B's
 * are skipped, so the caller may mix in its own), then retransmissions and
 * the deadline. Call it also when poll() timed out (N may be 0). */
void dns_batch_process(struct dns_batch *b, const struct pollfd *fds, size_t n);

/* True when every query has a final state (always true before any add). */
bool dns_batch_done(const struct dns_batch *b);

/* Starts B and polls until it is done. False only when poll() itself fails
 * or memory runs out (the queries are then FAILED or as far as they got). */
bool dns_batch_run(struct dns_batch *b);

/* The result of query INDEX (NULL when out of range); valid until
 * dns_batch_free(). The caller may take answer.rrset over by moving it out
 * and resetting it to DNS_RRSET_INIT. */
struct dns_result *dns_batch_result(struct dns_batch *b, size_t index);

/* A short stable name for STATE ("answered", "timeout", …), for logs and tests. */
const char *dns_batch_state_name(enum dns_query_state state);

/* The seam status for RES, a query that gave no usable answer: REFUSED
 * (port closed, or rcode REFUSED), UNREACHABLE (no route), SERVFAIL
 * (another failing rcode), else TIMEOUT. */
enum dns_status dns_batch_failure_status(const struct dns_result *res);
