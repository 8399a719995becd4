/* delay-relay.c — a small DNS relay for the benchmark lab: listens on
 * several loopback addresses (UDP and TCP), forwards every query to one
 * back-end name server at once, and holds each answer back until DELAY ms
 * after the query came in. A listener with the delay "drop" takes queries
 * and never answers (a dead server that sends no ICMP either). The kernel
 * here has no netem, so this is how a slow name server is made.
 *
 *   delay-relay READYFILE BACKEND_IP:PORT LISTEN_IP:PORT=MS|drop …
 *
 * READYFILE is created once every listener is bound. SIGTERM or SIGINT ends
 * it; on exit it prints one line per listener (queries taken) to stderr.
 * IPv4 only: the lab lives on 127.0.0.0/8. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum {
	MAX_LISTEN = 64,
	MAX_UDP = 1024,   /* UDP queries in flight */
	MAX_TCP = 128,    /* TCP connections */
	MAX_CHUNKS = 32,  /* answer pieces held back per TCP connection */
	UDP_MAX = 65536,
	UPSTREAM_GIVE_UP_MS = 5000,
};

struct listener {
	struct sockaddr_in addr;
	int udp, tcp;
	long delay_ms; /* < 0: drop */
	unsigned long queries;
};

struct udp_query {
	bool used, answered;
	int up; /* socket to the back end, until it answered */
	size_t listener;
	struct sockaddr_in client;
	uint64_t arrived_ms, release_ms;
	unsigned char *reply;
	size_t reply_len;
};

struct chunk {
	unsigned char *data;
	size_t len;
	uint64_t release_ms;
};

struct tcp_conn {
	bool used, up_closed;
	int client, up;
	size_t listener;
	struct chunk q[MAX_CHUNKS];
	size_t nq;
};

static struct listener listeners[MAX_LISTEN];
static size_t nlisteners;
static struct udp_query udp[MAX_UDP];
static struct tcp_conn tcp[MAX_TCP];
static struct sockaddr_in backend;
static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static uint64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static bool
parse_addr(const char *text, size_t len, struct sockaddr_in *out)
{
	char buf[64];
	const char *colon = memchr(text, ':', len);
	if (!colon || len >= sizeof(buf))
		return false;
	memcpy(buf, text, len);
	buf[len] = '\0';
	buf[colon - text] = '\0';
	char *end;
	long port = strtol(buf + (colon - text) + 1, &end, 10);
	if (*end || port <= 0 || port > 65535)
		return false;
	memset(out, 0, sizeof(*out));
	out->sin_family = AF_INET;
	out->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, buf, &out->sin_addr) == 1;
}

static void
nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static int
bound_socket(int type, const struct sockaddr_in *addr)
{
	int fd = socket(AF_INET, type, 0), one = 1;
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (const struct sockaddr *)addr, sizeof(*addr)) != 0 ||
	    (type == SOCK_STREAM && listen(fd, 64) != 0)) {
		close(fd);
		return -1;
	}
	nonblock(fd);
	return fd;
}

static void
udp_free(struct udp_query *u)
{
	if (u->up >= 0)
		close(u->up);
	free(u->reply);
	memset(u, 0, sizeof(*u));
	u->up = -1;
}

static void
tcp_free(struct tcp_conn *c)
{
	if (c->client >= 0)
		close(c->client);
	if (c->up >= 0)
		close(c->up);
	for (size_t i = 0; i < c->nq; i++)
		free(c->q[i].data);
	memset(c, 0, sizeof(*c));
	c->client = c->up = -1;
}

/* A query on a listener's UDP socket: off to the back end on a socket of its own. */
static void
udp_take(size_t li)
{
	static unsigned char buf[UDP_MAX];
	struct sockaddr_in from;
	socklen_t flen = sizeof(from);
	ssize_t n = recvfrom(listeners[li].udp, buf, sizeof(buf), 0, (struct sockaddr *)&from,
			     &flen);
	if (n <= 0)
		return;
	listeners[li].queries++;
	if (listeners[li].delay_ms < 0)
		return;
	struct udp_query *u = NULL;
	for (size_t i = 0; i < MAX_UDP && !u; i++)
		if (!udp[i].used)
			u = &udp[i];
	if (!u)
		return; /* overloaded: behave like a lost packet */
	int up = socket(AF_INET, SOCK_DGRAM, 0);
	if (up < 0)
		return;
	if (connect(up, (struct sockaddr *)&backend, sizeof(backend)) != 0 ||
	    send(up, buf, (size_t)n, 0) != n) {
		close(up);
		return;
	}
	nonblock(up);
	*u = (struct udp_query){.used = true, .up = up, .listener = li, .client = from,
				.arrived_ms = now_ms()};
}

static void
udp_answer(struct udp_query *u)
{
	static unsigned char buf[UDP_MAX];
	ssize_t n = recv(u->up, buf, sizeof(buf), 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	close(u->up);
	u->up = -1;
	if (n <= 0 || !(u->reply = malloc((size_t)n))) {
		udp_free(u);
		return;
	}
	memcpy(u->reply, buf, (size_t)n);
	u->reply_len = (size_t)n;
	u->answered = true;
	u->release_ms = u->arrived_ms + (uint64_t)listeners[u->listener].delay_ms;
}

static void
tcp_accept(size_t li)
{
	int fd = accept(listeners[li].tcp, NULL, NULL);
	if (fd < 0)
		return;
	listeners[li].queries++;
	struct tcp_conn *c = NULL;
	for (size_t i = 0; i < MAX_TCP && !c; i++)
		if (!tcp[i].used)
			c = &tcp[i];
	int up = c ? socket(AF_INET, SOCK_STREAM, 0) : -1;
	/* The back end is on loopback: a blocking connect returns at once. */
	if (up < 0 || connect(up, (struct sockaddr *)&backend, sizeof(backend)) != 0) {
		if (up >= 0)
			close(up);
		close(fd);
		return;
	}
	nonblock(fd);
	nonblock(up);
	*c = (struct tcp_conn){.used = true, .client = fd, .up = up, .listener = li};
}

/* Client → back end: passed on at once. */
static void
tcp_from_client(struct tcp_conn *c)
{
	unsigned char buf[16384];
	ssize_t n = read(c->client, buf, sizeof(buf));
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		tcp_free(c);
		return;
	}
	for (ssize_t off = 0; off < n;) {
		ssize_t w = write(c->up, buf + off, (size_t)(n - off));
		if (w < 0 && errno == EAGAIN) {
			struct pollfd p = {.fd = c->up, .events = POLLOUT};
			poll(&p, 1, 100);
			continue;
		}
		if (w <= 0) {
			tcp_free(c);
			return;
		}
		off += w;
	}
}

/* Back end → client: held back by the listener's delay. */
static void
tcp_from_up(struct tcp_conn *c)
{
	unsigned char buf[16384];
	ssize_t n = read(c->up, buf, sizeof(buf));
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		c->up_closed = true;
		close(c->up);
		c->up = -1;
		return;
	}
	if (c->nq == MAX_CHUNKS || !(c->q[c->nq].data = malloc((size_t)n))) {
		tcp_free(c);
		return;
	}
	memcpy(c->q[c->nq].data, buf, (size_t)n);
	c->q[c->nq].len = (size_t)n;
	c->q[c->nq].release_ms = now_ms() + (uint64_t)listeners[c->listener].delay_ms;
	c->nq++;
}

/* Sends what is due; returns the earliest time something else falls due. */
static uint64_t
release_due(uint64_t now)
{
	uint64_t next = UINT64_MAX;
	for (size_t i = 0; i < MAX_UDP; i++) {
		struct udp_query *u = &udp[i];
		if (!u->used)
			continue;
		if (!u->answered) {
			if (now >= u->arrived_ms + UPSTREAM_GIVE_UP_MS)
				udp_free(u);
			else if (u->arrived_ms + UPSTREAM_GIVE_UP_MS < next)
				next = u->arrived_ms + UPSTREAM_GIVE_UP_MS;
			continue;
		}
		if (now >= u->release_ms) {
			sendto(listeners[u->listener].udp, u->reply, u->reply_len, 0,
			       (struct sockaddr *)&u->client, sizeof(u->client));
			udp_free(u);
		} else if (u->release_ms < next) {
			next = u->release_ms;
		}
	}
	for (size_t i = 0; i < MAX_TCP; i++) {
		struct tcp_conn *c = &tcp[i];
		if (!c->used)
			continue;
		while (c->nq && now >= c->q[0].release_ms) {
			/* Small answers on loopback: a short blocking wait is fine. */
			int fl = fcntl(c->client, F_GETFL);
			fcntl(c->client, F_SETFL, fl & ~O_NONBLOCK);
			ssize_t w = write(c->client, c->q[0].data, c->q[0].len);
			fcntl(c->client, F_SETFL, fl);
			free(c->q[0].data);
			memmove(&c->q[0], &c->q[1], (c->nq - 1) * sizeof(c->q[0]));
			c->nq--;
			if (w < 0)
				break;
		}
		if (c->nq && c->q[0].release_ms < next)
			next = c->q[0].release_ms;
		if (!c->nq && c->up_closed)
			tcp_free(c);
	}
	return next;
}

int
main(int argc, char **argv)
{
	if (argc < 3 || !parse_addr(argv[2], strlen(argv[2]), &backend)) {
		fprintf(stderr, "usage: delay-relay READYFILE BACKEND_IP:PORT "
				"LISTEN_IP:PORT=MS|drop …\n");
		return 64;
	}
	for (int a = 3; a < argc; a++) {
		const char *eq = strchr(argv[a], '=');
		struct listener *l = &listeners[nlisteners];
		if (nlisteners == MAX_LISTEN || !eq ||
		    !parse_addr(argv[a], (size_t)(eq - argv[a]), &l->addr)) {
			fprintf(stderr, "delay-relay: bad listener: %s\n", argv[a]);
			return 64;
		}
		if (strcmp(eq + 1, "drop") == 0) {
			l->delay_ms = -1;
		} else {
			char *end;
			l->delay_ms = strtol(eq + 1, &end, 10);
			if (*end || l->delay_ms < 0 || l->delay_ms > 60000) {
				fprintf(stderr, "delay-relay: bad delay: %s\n", argv[a]);
				return 64;
			}
		}
		l->udp = bound_socket(SOCK_DGRAM, &l->addr);
		l->tcp = bound_socket(SOCK_STREAM, &l->addr);
		if (l->udp < 0 || l->tcp < 0) {
			fprintf(stderr, "delay-relay: cannot bind %.*s: %s\n",
				(int)(eq - argv[a]), argv[a], strerror(errno));
			return 1;
		}
		nlisteners++;
	}
	for (size_t i = 0; i < MAX_UDP; i++)
		udp[i].up = -1;
	for (size_t i = 0; i < MAX_TCP; i++)
		tcp[i].client = tcp[i].up = -1;

	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	FILE *ready = fopen(argv[1], "w");
	if (!ready) {
		fprintf(stderr, "delay-relay: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	fclose(ready);

	static struct pollfd fds[2 * MAX_LISTEN + MAX_UDP + 2 * MAX_TCP];
	/* What each pollfd stands for: kind and index. */
	static struct {
		char kind; /* u: listener UDP, t: listener TCP, a: UDP answer, c/b: TCP client/back end */
		size_t i;
	} what[sizeof(fds) / sizeof(fds[0])];

	while (!stop) {
		uint64_t now = now_ms(), next = release_due(now);
		nfds_t n = 0;
		for (size_t i = 0; i < nlisteners; i++) {
			fds[n] = (struct pollfd){.fd = listeners[i].udp, .events = POLLIN};
			what[n].kind = 'u', what[n++].i = i;
			/* A dead server's TCP port: connections queue up, never accepted. */
			if (listeners[i].delay_ms >= 0) {
				fds[n] = (struct pollfd){.fd = listeners[i].tcp, .events = POLLIN};
				what[n].kind = 't', what[n++].i = i;
			}
		}
		for (size_t i = 0; i < MAX_UDP; i++)
			if (udp[i].used && !udp[i].answered) {
				fds[n] = (struct pollfd){.fd = udp[i].up, .events = POLLIN};
				what[n].kind = 'a', what[n++].i = i;
			}
		for (size_t i = 0; i < MAX_TCP; i++) {
			if (!tcp[i].used)
				continue;
			fds[n] = (struct pollfd){.fd = tcp[i].client, .events = POLLIN};
			what[n].kind = 'c', what[n++].i = i;
			if (tcp[i].up >= 0) {
				fds[n] = (struct pollfd){.fd = tcp[i].up, .events = POLLIN};
				what[n].kind = 'b', what[n++].i = i;
			}
		}
		int timeout = -1;
		if (next != UINT64_MAX)
			timeout = next > now ? (int)(next - now) : 0;
		int r = poll(fds, n, timeout);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			perror("delay-relay: poll");
			return 1;
		}
		for (nfds_t k = 0; k < n && r > 0; k++) {
			if (!fds[k].revents)
				continue;
			size_t i = what[k].i;
			switch (what[k].kind) {
			case 'u': udp_take(i); break;
			case 't': tcp_accept(i); break;
			case 'a':
				if (udp[i].used && !udp[i].answered)
					udp_answer(&udp[i]);
				break;
			case 'c':
				if (tcp[i].used && tcp[i].client == fds[k].fd)
					tcp_from_client(&tcp[i]);
				break;
			case 'b':
				if (tcp[i].used && tcp[i].up == fds[k].fd)
					tcp_from_up(&tcp[i]);
				break;
			}
		}
	}
	for (size_t i = 0; i < nlisteners; i++) {
		char ip[INET_ADDRSTRLEN];
		inet_ntop(AF_INET, &listeners[i].addr.sin_addr, ip, sizeof(ip));
		fprintf(stderr, "delay-relay: %s:%u delay %ld: %lu queries\n", ip,
			ntohs(listeners[i].addr.sin_port), listeners[i].delay_ms,
			listeners[i].queries);
	}
	return 0;
}
