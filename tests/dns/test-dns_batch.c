/* test-dns_batch.c — the batch driven the way a UI loop drives it: its
 * pollfds mixed with the loop's own in one poll(). The loop's own fds here
 * are a scripted name server in this process, on 127.0.0.1 (UDP and TCP on
 * one port): nothing leaves the loopback interface. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dns_batch.h"

#define TIMEOUT_MS 600

struct server {
	int udp, listener, conn;
	uint16_t port;
	uint8_t tcpin[1024];
	size_t tcpin_len;
	unsigned udp_queries;
};

static struct dns_server
loopback(uint16_t port)
{
	struct dns_server s = {.addrlen = sizeof(struct sockaddr_in)};
	struct sockaddr_in *sin = (struct sockaddr_in *)&s.addr;
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return s;
}

static int
bound(int type, uint16_t *port)
{
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
	assert_true(fd >= 0);
	struct dns_server s = loopback(*port);
	assert_int_equal(bind(fd, (struct sockaddr *)&s.addr, s.addrlen), 0);
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	*port = ntohs(sin.sin_port);
	return fd;
}

/* Header + question of query Q (LEN bytes). */
static size_t
question_end(const uint8_t *q, size_t len)
{
	size_t o = 12;
	while (o < len && q[o])
		o += 1 + q[o];
	o += 5;
	assert_true(o <= len);
	return o;
}

/* A reply to Q with one TXT record of TEXT; FLAGS2 ORed into byte 2. */
static size_t
make_reply(const uint8_t *q, size_t qlen, const char *text, uint8_t flags2, uint8_t *out)
{
	size_t end = question_end(q, qlen), tl = strlen(text);
	memcpy(out, q, end);
	out[2] = (uint8_t)(0x84 | flags2);
	out[3] = 0;
	out[6] = 0, out[7] = tl ? 1 : 0; /* ANCOUNT: the record below, if any */
	out[8] = out[9] = out[10] = out[11] = 0;
	if (!tl)
		return end;
	uint8_t rr[] = {0xc0, 0x0c, 0, 16, 0, 1, 0, 0, 1, 0, 0, (uint8_t)(tl + 1), (uint8_t)tl};
	memcpy(out + end, rr, sizeof(rr));
	memcpy(out + end + sizeof(rr), text, tl);
	return end + sizeof(rr) + tl;
}

static bool
qname_is(const uint8_t *q, const char *first_label)
{
	return q[12] == strlen(first_label) && memcmp(q + 13, first_label, q[12]) == 0;
}

static void
serve_udp(struct server *s)
{
	uint8_t q[1024], r[1024];
	struct sockaddr_storage from;
	socklen_t fromlen = sizeof(from);
	ssize_t got = recvfrom(s->udp, q, sizeof(q), 0, (struct sockaddr *)&from, &fromlen);
	assert_true(got >= 12);
	s->udp_queries++;
	size_t len;
	if (qname_is(q, "forged")) {
		len = make_reply(q, (size_t)got, "falsch", 0, r);
		r[0] ^= 0xff; /* wrong ID first */
		sendto(s->udp, r, len, 0, (struct sockaddr *)&from, fromlen);
		len = make_reply(q, (size_t)got, "echt", 0, r);
		sendto(s->udp, r, len, 0, (struct sockaddr *)&from, fromlen);
	} else if (qname_is(q, "gross")) {
		len = make_reply(q, (size_t)got, "", 0x02, r); /* TC, no answer */
		sendto(s->udp, r, len, 0, (struct sockaddr *)&from, fromlen);
	}
	/* "stumm": never answered */
}

static void
serve_tcp(struct server *s)
{
	ssize_t got = recv(s->conn, s->tcpin + s->tcpin_len, sizeof(s->tcpin) - s->tcpin_len, 0);
	assert_true(got >= 0);
	if (got == 0) { /* the client has its answer and closed */
		close(s->conn);
		s->conn = -1;
		return;
	}
	s->tcpin_len += (size_t)got;
	if (s->tcpin_len < 2 || s->tcpin_len < 2u + (size_t)(s->tcpin[0] << 8 | s->tcpin[1]))
		return;
	uint8_t r[1024];
	size_t len = make_reply(s->tcpin + 2, s->tcpin_len - 2, "ueber tcp", 0, r + 2);
	r[0] = (uint8_t)(len >> 8);
	r[1] = (uint8_t)len;
	/* In two pieces: the reader must put them together. */
	assert_int_equal(send(s->conn, r, 3, 0), 3);
	usleep(20000);
	assert_int_equal(send(s->conn, r + 3, len - 1, 0), (ssize_t)len - 1);
}

static void
test_batch_in_a_poll_loop(void **state)
{
	(void)state;
	struct server srv = {.conn = -1};
	srv.udp = bound(SOCK_DGRAM, &srv.port);
	srv.listener = bound(SOCK_STREAM, &srv.port);
	assert_int_equal(listen(srv.listener, 4), 0);
	uint16_t closed_port = 0;
	close(bound(SOCK_DGRAM, &closed_port));

	struct dns_batch *b = dns_batch_new(TIMEOUT_MS);
	assert_non_null(b);
	assert_true(dns_batch_done(b));
	struct dns_server here = loopback(srv.port), closed = loopback(closed_port);
	size_t i_forged, i_gross, i_closed, i_silent;
	assert_true(dns_batch_add(b, &here, "forged.test", DNS_TYPE_TXT, 0, &i_forged));
	assert_true(dns_batch_add(b, &here, "gross.test", DNS_TYPE_TXT, 0, &i_gross));
	assert_true(dns_batch_add(b, &closed, "closed.test", DNS_TYPE_TXT, 0, &i_closed));
	assert_true(dns_batch_add(b, &here, "stumm.test", DNS_TYPE_TXT, DNS_QUERY_RD, &i_silent));
	size_t ignored;
	assert_false(dns_batch_add(b, &here, "a..test", DNS_TYPE_TXT, 0, &ignored));
	assert_int_equal(dns_batch_count(b), 4);
	assert_false(dns_batch_done(b));

	dns_batch_start(b);
	assert_false(dns_batch_add(b, &here, "late.test", DNS_TYPE_TXT, 0, &ignored));
	/* Zero when the machine was slow enough for the first retransmission
	 * to be due already; never later than it. */
	int wait = dns_batch_next_timeout_ms(b);
	assert_true(wait >= 0 && wait <= TIMEOUT_MS / 2);
	struct pollfd small[1];
	assert_int_equal(dns_batch_pollfds(b, small, 1), 1);

	/* In parallel: start sent every UDP query before any answer came
	 * (loopback queues a datagram at once), so the three for this server
	 * are waiting already, whatever the machine's load. */
	for (int k = 0; k < 3; k++) {
		struct pollfd udp = {.fd = srv.udp, .events = POLLIN};
		assert_int_equal(poll(&udp, 1, 0), 1);
		serve_udp(&srv);
	}
	assert_int_equal(srv.udp_queries, 3);

	unsigned rounds = 0;
	while (!dns_batch_done(b)) {
		assert_true(++rounds < 1000);
		struct pollfd fds[8];
		/* The loop's own fds first: the batch must skip them. */
		size_t n = 0;
		fds[n++] = (struct pollfd){.fd = srv.udp, .events = POLLIN};
		fds[n++] = (struct pollfd){.fd = srv.listener, .events = POLLIN};
		if (srv.conn >= 0)
			fds[n++] = (struct pollfd){.fd = srv.conn, .events = POLLIN};
		n += dns_batch_pollfds(b, fds + n, 8 - n);
		int timeout = dns_batch_next_timeout_ms(b);
		int r = poll(fds, (nfds_t)n, timeout);
		assert_true(r >= 0 || errno == EINTR);
		if (fds[0].revents & POLLIN)
			serve_udp(&srv);
		if (fds[1].revents & POLLIN) {
			srv.conn = accept(srv.listener, NULL, NULL);
			assert_true(srv.conn >= 0);
		}
		if (srv.conn >= 0 && fds[2].fd == srv.conn && (fds[2].revents & POLLIN))
			serve_tcp(&srv);
		dns_batch_process(b, fds, r > 0 ? n : 0);
	}
	assert_int_equal(dns_batch_next_timeout_ms(b), 0);
	assert_int_equal(dns_batch_pollfds(b, small, 1), 0);

	struct dns_result *res = dns_batch_result(b, i_forged);
	assert_int_equal(res->state, DNS_QUERY_ANSWERED);
	assert_int_equal(res->dropped, 1);
	assert_false(res->tcp);
	assert_true(res->answer.aa);
	assert_int_equal(res->answer.rrset.count, 1);
	assert_string_equal((char *)res->answer.rrset.records[0].data, "echt");
	assert_int_equal(res->answer.rrset.ttl, 256);

	res = dns_batch_result(b, i_gross);
	assert_int_equal(res->state, DNS_QUERY_ANSWERED);
	assert_true(res->tcp);
	assert_false(res->answer.tc);
	assert_int_equal(res->answer.rrset.count, 1);
	assert_string_equal((char *)res->answer.rrset.records[0].data, "ueber tcp");

	res = dns_batch_result(b, i_closed);
	assert_int_equal(res->state, DNS_QUERY_REFUSED);
	assert_int_equal(res->sys_errno, ECONNREFUSED);
	assert_int_equal(res->answer.rrset.count, 0);

	res = dns_batch_result(b, i_silent);
	assert_int_equal(res->state, DNS_QUERY_TIMEOUT);
	assert_true(res->elapsed_ms >= TIMEOUT_MS); /* never before its time-out */

	/* forged 1 + gross 1 + silent 2 (one retransmission) */
	assert_int_equal(srv.udp_queries, 4);
	assert_null(dns_batch_result(b, 4));
	assert_string_equal(dns_batch_state_name(DNS_QUERY_BAD_REPLY), "bad-reply");

	dns_batch_free(b);
	dns_batch_free(NULL);
	close(srv.udp);
	close(srv.listener);
	if (srv.conn >= 0)
		close(srv.conn);
}

static void
test_empty_batch(void **state)
{
	(void)state;
	struct dns_batch *b = dns_batch_new(100);
	assert_non_null(b);
	assert_true(dns_batch_run(b));
	assert_true(dns_batch_done(b));
	assert_null(dns_batch_result(b, 0));
	dns_batch_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_batch_in_a_poll_loop),
		cmocka_unit_test(test_empty_batch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
