/* fake-dns.c — a tiny scripted UDP name server for the DNS lab tests.
 *
 *   fake-dns MODE ADDRESS PORT READYFILE
 *
 * Binds ADDRESS:PORT (UDP), then creates READYFILE. Prints one line per
 * query received on stdout. For every query:
 *   silent   never answers
 *   forge    first sends replies that must be ignored (wrong ID, QR clear,
 *            opcode STATUS, another question name, another type, 8 bytes,
 *            and one from another source port), then the genuine one:
 *            TXT "echt", TTL 60
 *   garbage  only replies that match the query but do not parse
 *   truncate a TC reply without answer (and no TCP listener)
 *   servfail, refused   that rcode
 *   noaa     the genuine reply without the AA bit (a lame name server)
 *   bogus    SERVFAIL, but the genuine reply to a query with CD set: a
 *            validating resolver in front of a zone whose signatures fail
 *   flaky    SERVFAIL to the first query, the genuine reply to every later
 *            one: a resolver whose upstream failed once
 * (forge: wrong ID, QR clear, opcode, other name, other type, other class,
 * two questions, 8 bytes, other source port.)
 * The forged replies carry TXT "v=spf1 +all", which would authorise
 * anybody: a test sees at once if one of them was taken.
 *   truncate a reply with TC set and no answer; there is no TCP listener
 * Exits after 120 s at the latest, so no test leaves it behind for long. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define LIFETIME_S 120

static int
bind_udp(const char *addr, int port, struct sockaddr_storage *ss, socklen_t *len)
{
	memset(ss, 0, sizeof(*ss));
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, addr, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		*len = sizeof(*v4);
	} else if (inet_pton(AF_INET6, addr, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*v6);
	} else {
		return -1;
	}
	int fd = socket(ss->ss_family, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)ss, *len) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Length of the header plus question of Q, or 0 when it has none. */
static size_t
question_end(const uint8_t *q, size_t len)
{
	size_t o = 12;
	if (len < 12 || q[4] != 0 || q[5] != 1)
		return 0;
	while (o < len && q[o] != 0) {
		if (q[o] & 0xc0)
			return 0;
		o += 1 + q[o];
	}
	o += 1 + 4;
	return o <= len ? o : 0;
}

/* A reply to Q: header and question copied, QR and AA set, one TXT TEXT. */
static size_t
reply_txt(const uint8_t *q, size_t qend, uint8_t *out, const char *text)
{
	size_t tlen = strlen(text);
	const uint8_t answer[] = {0xc0, 0x0c, 0, 16, 0, 1, 0, 0, 0, 60,
				  0, (uint8_t)(tlen + 1), (uint8_t)tlen};
	memcpy(out, q, qend);
	out[2] = 0x84 | (q[2] & 0x01); /* QR, AA, keep RD */
	out[3] = 0;
	out[6] = 0, out[7] = 1;   /* ANCOUNT */
	out[8] = 0, out[9] = 0;   /* NSCOUNT */
	out[10] = 0, out[11] = 0; /* ARCOUNT */
	memcpy(out + qend, answer, sizeof(answer));
	memcpy(out + qend + sizeof(answer), text, tlen);
	return qend + sizeof(answer) + tlen;
}

static size_t
genuine(const uint8_t *q, size_t qend, uint8_t *out)
{
	return reply_txt(q, qend, out, "echt");
}

static void
reply(int fd, const void *msg, size_t len, const struct sockaddr_storage *to, socklen_t tolen)
{
	if (sendto(fd, msg, len, 0, (const struct sockaddr *)to, tolen) < 0)
		perror("fake-dns: sendto");
}

static void
forge(int fd, int other, const uint8_t *q, size_t qend, const struct sockaddr_storage *from,
      socklen_t fromlen)
{
	uint8_t good[600], bad[600], forged[600];
	size_t len = genuine(q, qend, good);
	size_t flen = reply_txt(q, qend, forged, "v=spf1 +all");

	memcpy(bad, forged, flen);
	bad[1] ^= 0x5a; /* wrong ID */
	reply(fd, bad, len, from, fromlen);

	reply(fd, bad, flen, from, fromlen);

	memcpy(bad, forged, flen);
	bad[2] &= 0x7f; /* QR clear: a query, not a response */
	reply(fd, bad, flen, from, fromlen);

	memcpy(bad, forged, flen);
	bad[2] |= 2 << 3; /* opcode STATUS */
	reply(fd, bad, flen, from, fromlen);

	memcpy(bad, forged, flen);
	bad[13] ^= 0x01; /* the first letter of the name changed: another question */
	reply(fd, bad, flen, from, fromlen);

	memcpy(bad, forged, flen);
	bad[qend - 3] ^= 0x01; /* another type */
	reply(fd, bad, flen, from, fromlen);

	memcpy(bad, forged, flen);
	bad[qend - 1] ^= 0x02; /* another class (CH instead of IN) */
	reply(fd, bad, flen, from, fromlen);

	memcpy(bad, forged, flen);
	bad[5] = 2; /* two questions */
	reply(fd, bad, flen, from, fromlen);

	reply(fd, forged, 8, from, fromlen); /* under 12 bytes */

	if (other >= 0) /* right ID, wrong source port: the kernel drops it */
		reply(other, forged, flen, from, fromlen);

	reply(fd, good, len, from, fromlen);
}

static void
garbage(int fd, const uint8_t *q, size_t qend, const struct sockaddr_storage *from,
	socklen_t fromlen)
{
	uint8_t msg[600];
	size_t len = genuine(q, qend, msg);
	/* The answer's RDLENGTH claims more bytes than follow. */
	msg[qend + 11] = 200;
	reply(fd, msg, len, from, fromlen);
	/* An answer count with no answer. */
	genuine(q, qend, msg);
	msg[7] = 3;
	reply(fd, msg, qend, from, fromlen);
}

static void
truncated(int fd, const uint8_t *q, size_t qend, const struct sockaddr_storage *from,
	  socklen_t fromlen)
{
	uint8_t msg[600];
	genuine(q, qend, msg);
	msg[2] |= 0x02; /* TC */
	msg[7] = 0;     /* no answer */
	reply(fd, msg, qend, from, fromlen);
}

int
main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: fake-dns silent|forge|garbage|truncate|servfail|refused|noaa|"
				"bogus|flaky "
				"ADDRESS PORT READYFILE\n");
		return 64;
	}
	const char *mode = argv[1];
	struct sockaddr_storage ss;
	socklen_t sslen;
	int fd = bind_udp(argv[2], atoi(argv[3]), &ss, &sslen);
	if (fd < 0) {
		perror("fake-dns: bind");
		return 1;
	}
	int other = bind_udp(argv[2], 0, &ss, &sslen);
	alarm(LIFETIME_S);
	FILE *ready = fopen(argv[4], "w");
	if (!ready) {
		perror("fake-dns: ready file");
		return 1;
	}
	fclose(ready);

	for (unsigned handled = 0; handled < 10000; handled++) {
		uint8_t q[4096];
		struct sockaddr_storage from;
		socklen_t fromlen = sizeof(from);
		ssize_t got = recvfrom(fd, q, sizeof(q), 0, (struct sockaddr *)&from, &fromlen);
		if (got < 0)
			continue;
		/* One line per query with its first label, so that tests can
		 * count retransmissions and see the order queries came in. */
		int label = got > 12 ? q[12] : 0;
		if (label > 63 || 13 + label > got)
			label = 0;
		printf("query %zd bytes %.*s\n", got, label, (const char *)q + 13);
		fflush(stdout);
		size_t qend = question_end(q, (size_t)got);
		if (qend == 0 || qend > 500 || strcmp(mode, "silent") == 0)
			continue;
		if (strcmp(mode, "forge") == 0)
			forge(fd, other, q, qend, &from, fromlen);
		else if (strcmp(mode, "garbage") == 0)
			garbage(fd, q, qend, &from, fromlen);
		else if (strcmp(mode, "truncate") == 0)
			truncated(fd, q, qend, &from, fromlen);
		else if (strcmp(mode, "servfail") == 0 || strcmp(mode, "refused") == 0 ||
			 strcmp(mode, "noaa") == 0 || strcmp(mode, "bogus") == 0 ||
			 strcmp(mode, "flaky") == 0) {
			uint8_t msg[600];
			size_t len = genuine(q, qend, msg);
			bool cd = q[3] & 0x10;
			if ((strcmp(mode, "bogus") == 0 && cd) ||
			    (strcmp(mode, "flaky") == 0 && handled > 0)) {
				/* the genuine reply */
			} else if (strcmp(mode, "noaa") == 0) {
				msg[2] &= (uint8_t)~0x04;
			} else {
				msg[3] = strcmp(mode, "refused") == 0 ? 5 : 2;
				msg[7] = 0, len = qend;
			}
			reply(fd, msg, len, &from, fromlen);
		}
	}
	return 0;
}
