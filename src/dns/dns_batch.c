/* dns_batch.c — parallel queries over connected UDP sockets, TCP on TC. */
#include "dns_batch.h"

#include "clock.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* RFC 1035 4.2.1 / 4.2.2: UDP messages up to 64 KiB with EDNS; TCP
 * messages carry a 2-byte length. */
#define MSG_MAX 65535

enum phase {
	PHASE_UDP,
	PHASE_TCP_CONNECT,
	PHASE_TCP_WRITE,
	PHASE_TCP_READ,
	PHASE_DONE,
};

struct query {
	struct dns_server server;
	struct dns_wire_query wq;
	enum phase phase;
	int fd;
	unsigned sends;  /* UDP transmissions so far */
	bool got_bad;    /* a matching reply did not parse */
	uint8_t *tcpbuf; /* out: length + query; in: length + reply */
	size_t tcp_done; /* bytes written or read so far */
	size_t tcp_len;  /* bytes to write, or to read once the length is known */
	struct dns_result result;
};

struct dns_batch {
	struct query *q;
	size_t n;
	unsigned timeout_ms;
	bool started;
	int64_t start_ms; /* clock_now_ms() at the start */
	uint8_t *buf; /* one receive buffer for all UDP sockets */
};

struct dns_batch *
dns_batch_new(unsigned timeout_ms)
{
	struct dns_batch *b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	b->timeout_ms = timeout_ms;
	return b;
}

static void
close_fd(struct query *q)
{
	if (q->fd >= 0)
		close(q->fd);
	q->fd = -1;
}

void
dns_batch_free(struct dns_batch *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++) {
		struct query *q = &b->q[i];
		close_fd(q);
		dns_wire_query_clear(&q->wq);
		free(q->tcpbuf);
		dns_wire_answer_clear(&q->result.answer);
	}
	free(b->q);
	free(b->buf);
	free(b);
}

bool
dns_batch_add(struct dns_batch *b, const struct dns_server *server, const char *name,
	      enum dns_type type, unsigned flags, size_t *index)
{
	if (b->started)
		return false;
	int family = server->addr.ss_family;
	if ((family != AF_INET || server->addrlen < sizeof(struct sockaddr_in)) &&
	    (family != AF_INET6 || server->addrlen < sizeof(struct sockaddr_in6)))
		return false;
	struct query *grown = realloc(b->q, (b->n + 1) * sizeof(*grown));
	if (!grown)
		return false;
	b->q = grown;
	struct query *q = &b->q[b->n];
	*q = (struct query){.server = *server, .fd = -1, .phase = PHASE_UDP};
	q->result.answer = (struct dns_answer)DNS_ANSWER_INIT;
	if (!dns_wire_query_build(name, type, flags, &q->wq))
		return false;
	*index = b->n++;
	return true;
}

size_t
dns_batch_count(const struct dns_batch *b)
{
	return b->n;
}

static void
finish(struct dns_batch *b, struct query *q, enum dns_query_state state, int err)
{
	close_fd(q);
	free(q->tcpbuf);
	q->tcpbuf = NULL;
	q->phase = PHASE_DONE;
	q->result.state = state;
	q->result.sys_errno = err;
	q->result.elapsed_ms = (unsigned)(clock_now_ms() - b->start_ms);
	if (state != DNS_QUERY_ANSWERED)
		dns_wire_answer_clear(&q->result.answer);
}

/* The state a socket error means: a closed port is known at once from the
 * ICMP port unreachable a connected socket reports (or a TCP RST). */
static enum dns_query_state
error_state(int err)
{
	switch (err) {
	case ECONNREFUSED:
		return DNS_QUERY_REFUSED;
	case ENETUNREACH:
	case EHOSTUNREACH:
	case EADDRNOTAVAIL:
	case EAFNOSUPPORT:
	case ENETDOWN:
	case EHOSTDOWN:
		return DNS_QUERY_UNREACHABLE;
	default:
		return DNS_QUERY_FAILED;
	}
}

static void
fail(struct dns_batch *b, struct query *q, int err)
{
	finish(b, q, error_state(err), err);
}

static int
open_connected(const struct dns_server *s, int type, bool *in_progress)
{
	*in_progress = false;
	int fd = socket(s->addr.ss_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (const struct sockaddr *)&s->addr, s->addrlen) < 0) {
		if (errno == EINPROGRESS) {
			*in_progress = true;
			return fd;
		}
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

static void
udp_send(struct dns_batch *b, struct query *q)
{
	q->sends++;
	if (send(q->fd, q->wq.msg, q->wq.len, 0) < 0 && errno != EAGAIN && errno != EINTR)
		fail(b, q, errno);
}

/* The TCP retry after a truncated UDP reply broke: the server did answer
 * (so "refused" or "unreachable" would mislead), but not usably. */
static void
tcp_fail(struct dns_batch *b, struct query *q, int err)
{
	finish(b, q, DNS_QUERY_BAD_REPLY, err);
}

/* RFC 1035 4.2.2, RFC 7766 5: the same query over TCP, with a 2-byte length. */
static void
start_tcp(struct dns_batch *b, struct query *q)
{
	close_fd(q);
	q->result.tcp = true;
	q->tcpbuf = malloc(2 + MSG_MAX);
	if (!q->tcpbuf) {
		finish(b, q, DNS_QUERY_FAILED, ENOMEM);
		return;
	}
	q->tcpbuf[0] = (uint8_t)(q->wq.len >> 8);
	q->tcpbuf[1] = (uint8_t)q->wq.len;
	memcpy(q->tcpbuf + 2, q->wq.msg, q->wq.len);
	q->tcp_done = 0;
	q->tcp_len = 2 + q->wq.len;
	bool in_progress;
	q->fd = open_connected(&q->server, SOCK_STREAM, &in_progress);
	if (q->fd < 0) {
		tcp_fail(b, q, errno);
		return;
	}
	q->phase = in_progress ? PHASE_TCP_CONNECT : PHASE_TCP_WRITE;
}

static bool
same_server(const struct dns_server *s, const struct sockaddr_storage *from, socklen_t len)
{
	if (from->ss_family != s->addr.ss_family)
		return false;
	if (from->ss_family == AF_INET) {
		const struct sockaddr_in *a = (const void *)&s->addr, *f = (const void *)from;
		return len >= sizeof(*f) && a->sin_port == f->sin_port &&
		       a->sin_addr.s_addr == f->sin_addr.s_addr;
	}
	const struct sockaddr_in6 *a = (const void *)&s->addr, *f = (const void *)from;
	return len >= sizeof(*f) && a->sin6_port == f->sin6_port &&
	       memcmp(&a->sin6_addr, &f->sin6_addr, sizeof(a->sin6_addr)) == 0;
}

/* A reply that matched: TC means TCP, otherwise parse or keep waiting. */
static void
handle_reply(struct dns_batch *b, struct query *q, const uint8_t *msg, size_t len, bool tcp)
{
	if (!tcp && dns_wire_reply_truncated(msg, len)) {
		start_tcp(b, q);
		return;
	}
	switch (dns_wire_reply_parse(&q->wq, msg, len, &q->result.answer)) {
	case DNS_PARSE_OK:
		finish(b, q, DNS_QUERY_ANSWERED, 0);
		return;
	case DNS_PARSE_NOMEM:
		finish(b, q, DNS_QUERY_FAILED, ENOMEM);
		return;
	case DNS_PARSE_MALFORMED:
		/* Keep waiting on UDP: the genuine reply may still come. */
		q->got_bad = true;
		if (tcp)
			finish(b, q, DNS_QUERY_BAD_REPLY, 0);
		return;
	}
}

static void
udp_readable(struct dns_batch *b, struct query *q)
{
	/* Several datagrams may be queued (forged ones first): read them all. */
	while (q->phase == PHASE_UDP) {
		struct sockaddr_storage from;
		socklen_t fromlen = sizeof(from);
		ssize_t got = recvfrom(q->fd, b->buf, MSG_MAX, 0, (struct sockaddr *)&from,
				       &fromlen);
		if (got < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
				return;
			fail(b, q, errno);
			return;
		}
		/* RFC 5452 9.1: source address and port, ID and question must
		 * match; anything else is dropped and we go on waiting. */
		if (!same_server(&q->server, &from, fromlen) ||
		    dns_wire_reply_check(&q->wq, b->buf, (size_t)got) != DNS_REPLY_MATCH) {
			q->result.dropped++;
			continue;
		}
		handle_reply(b, q, b->buf, (size_t)got, false);
	}
}

static void
tcp_ready(struct dns_batch *b, struct query *q, short revents)
{
	if (q->phase == PHASE_TCP_CONNECT) {
		int err = 0;
		socklen_t len = sizeof(err);
		if (getsockopt(q->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
			err = errno;
		if (err) {
			tcp_fail(b, q, err);
			return;
		}
		if (!(revents & POLLOUT))
			return;
		q->phase = PHASE_TCP_WRITE;
	}
	if (q->phase == PHASE_TCP_WRITE) {
		ssize_t put = send(q->fd, q->tcpbuf + q->tcp_done, q->tcp_len - q->tcp_done,
				   MSG_NOSIGNAL);
		if (put < 0) {
			if (errno != EAGAIN && errno != EINTR)
				tcp_fail(b, q, errno);
			return;
		}
		q->tcp_done += (size_t)put;
		if (q->tcp_done < q->tcp_len)
			return;
		q->phase = PHASE_TCP_READ;
		q->tcp_done = 0;
		q->tcp_len = 2;
		return;
	}
	if (q->phase != PHASE_TCP_READ)
		return;
	ssize_t got = recv(q->fd, q->tcpbuf + q->tcp_done, q->tcp_len - q->tcp_done, 0);
	if (got < 0) {
		if (errno != EAGAIN && errno != EINTR)
			tcp_fail(b, q, errno);
		return;
	}
	if (got == 0) {
		finish(b, q, DNS_QUERY_BAD_REPLY, 0); /* closed before the reply was complete */
		return;
	}
	q->tcp_done += (size_t)got;
	if (q->tcp_done < q->tcp_len)
		return;
	if (q->tcp_len == 2) {
		size_t len = (size_t)q->tcpbuf[0] << 8 | q->tcpbuf[1];
		q->tcp_len = 2 + len;
		if (len >= DNS_WIRE_HEADER_LEN)
			return;
	}
	const uint8_t *msg = q->tcpbuf + 2;
	size_t len = q->tcp_len - 2;
	/* One query per connection: anything but its reply is a broken server. */
	if (dns_wire_reply_check(&q->wq, msg, len) != DNS_REPLY_MATCH) {
		q->result.dropped++;
		finish(b, q, DNS_QUERY_BAD_REPLY, 0);
		return;
	}
	handle_reply(b, q, msg, len, true);
}

void
dns_batch_start(struct dns_batch *b)
{
	if (b->started)
		return;
	b->started = true;
	b->start_ms = clock_now_ms();
	if (b->n == 0)
		return;
	b->buf = malloc(MSG_MAX);
	for (size_t i = 0; i < b->n; i++) {
		struct query *q = &b->q[i];
		if (!b->buf) {
			finish(b, q, DNS_QUERY_FAILED, ENOMEM);
			continue;
		}
		bool in_progress;
		/* A connected UDP socket: the kernel drops datagrams from other
		 * addresses, and reports a closed port as ECONNREFUSED. */
		q->fd = open_connected(&q->server, SOCK_DGRAM, &in_progress);
		if (q->fd < 0) {
			fail(b, q, errno);
			continue;
		}
		udp_send(b, q);
	}
}

size_t
dns_batch_pollfds(const struct dns_batch *b, struct pollfd *fds, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < b->n && k < max; i++) {
		const struct query *q = &b->q[i];
		if (q->phase == PHASE_DONE || q->fd < 0)
			continue;
		short events = POLLIN;
		if (q->phase == PHASE_TCP_CONNECT || q->phase == PHASE_TCP_WRITE)
			events = POLLOUT;
		fds[k++] = (struct pollfd){.fd = q->fd, .events = events, .revents = 0};
	}
	return k;
}

static int64_t
deadline(const struct dns_batch *b)
{
	return b->start_ms + b->timeout_ms;
}

/* Once, halfway to the deadline (RFC 1035 4.2.1 leaves the schedule open). */
static int64_t
retransmit_at(const struct dns_batch *b)
{
	return b->start_ms + b->timeout_ms / 2;
}

int
dns_batch_next_timeout_ms(const struct dns_batch *b)
{
	if (!b->started || dns_batch_done(b))
		return 0;
	int64_t next = deadline(b);
	for (size_t i = 0; i < b->n; i++) {
		const struct query *q = &b->q[i];
		if (q->phase == PHASE_UDP && q->sends < 2 && retransmit_at(b) < next)
			next = retransmit_at(b);
	}
	int64_t now = clock_now_ms();
	if (next <= now)
		return 0;
	int64_t wait = next - now;
	return wait > 1000000 ? 1000000 : (int)wait;
}

void
dns_batch_process(struct dns_batch *b, const struct pollfd *fds, size_t n)
{
	dns_batch_start(b);
	for (size_t k = 0; k < n; k++) {
		if (!fds[k].revents || fds[k].fd < 0)
			continue;
		for (size_t i = 0; i < b->n; i++) {
			struct query *q = &b->q[i];
			if (q->fd != fds[k].fd || q->phase == PHASE_DONE)
				continue;
			if (q->phase == PHASE_UDP)
				udp_readable(b, q);
			else
				tcp_ready(b, q, fds[k].revents);
			break;
		}
	}
	int64_t now = clock_now_ms();
	for (size_t i = 0; i < b->n; i++) {
		struct query *q = &b->q[i];
		if (q->phase == PHASE_DONE)
			continue;
		if (now >= deadline(b)) {
			if (q->got_bad)
				finish(b, q, DNS_QUERY_BAD_REPLY, 0);
			else
				finish(b, q, DNS_QUERY_TIMEOUT, 0);
		} else if (q->phase == PHASE_UDP && q->sends < 2 && now >= retransmit_at(b)) {
			udp_send(b, q);
		}
	}
}

bool
dns_batch_done(const struct dns_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		if (b->q[i].phase != PHASE_DONE)
			return false;
	}
	return true;
}

bool
dns_batch_run(struct dns_batch *b)
{
	bool ok = false;
	int err = ENOMEM;
	struct pollfd *fds = calloc(b->n ? b->n : 1, sizeof(*fds));
	dns_batch_start(b);
	if (!fds)
		goto out;
	while (!dns_batch_done(b)) {
		size_t n = dns_batch_pollfds(b, fds, b->n);
		int r = poll(fds, (nfds_t)n, dns_batch_next_timeout_ms(b));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			goto out;
		}
		dns_batch_process(b, fds, r > 0 ? n : 0);
	}
	ok = true;
out:
	for (size_t i = 0; !ok && i < b->n; i++) {
		if (b->q[i].phase != PHASE_DONE)
			finish(b, &b->q[i], DNS_QUERY_FAILED, err);
	}
	free(fds);
	return ok;
}

struct dns_result *
dns_batch_result(struct dns_batch *b, size_t index)
{
	return index < b->n ? &b->q[index].result : NULL;
}

enum dns_status
dns_batch_failure_status(const struct dns_result *res)
{
	switch (res->state) {
	case DNS_QUERY_ANSWERED:
		return res->answer.rcode == DNS_RCODE_REFUSED ? DNS_STATUS_REFUSED
							      : DNS_STATUS_SERVFAIL;
	case DNS_QUERY_REFUSED: return DNS_STATUS_REFUSED;
	case DNS_QUERY_UNREACHABLE: return DNS_STATUS_UNREACHABLE;
	default: return DNS_STATUS_TIMEOUT;
	}
}

const char *
dns_batch_state_name(enum dns_query_state state)
{
	switch (state) {
	case DNS_QUERY_PENDING: return "pending";
	case DNS_QUERY_ANSWERED: return "answered";
	case DNS_QUERY_TIMEOUT: return "timeout";
	case DNS_QUERY_REFUSED: return "refused";
	case DNS_QUERY_UNREACHABLE: return "unreachable";
	case DNS_QUERY_BAD_REPLY: return "bad-reply";
	case DNS_QUERY_FAILED: return "failed";
	}
	return "unknown";
}
