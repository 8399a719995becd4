/* fuzz-zone.c — see fuzz-zone.h. */
#include "fuzz-zone.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes "\xHH" escapes of S (LEN bytes) into a new buffer, which has
 * room for a 16-byte address too. */
static unsigned char *
unescape(const char *s, size_t len, size_t *out_len)
{
	unsigned char *out = malloc(len + 17);
	size_t o = 0;
	if (!out)
		abort();
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 3 < len && s[i + 1] == 'x' && hexval(s[i + 2]) >= 0 &&
		    hexval(s[i + 3]) >= 0) {
			out[o++] = (unsigned char)(hexval(s[i + 2]) * 16 + hexval(s[i + 3]));
			i += 3;
		} else {
			out[o++] = (unsigned char)s[i];
		}
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

static const struct {
	const char *name;
	int type;
} types[] = {
	{"TXT", DNS_TYPE_TXT},	   {"A", DNS_TYPE_A},
	{"AAAA", DNS_TYPE_AAAA},   {"MX", DNS_TYPE_MX},
	{"PTR", DNS_TYPE_PTR},	   {"TIMEOUT", FUZZ_TIMEOUT},
	{"SERVFAIL", FUZZ_SERVFAIL},
};

static void
read_line(struct fuzz_zone *z, const char *line, size_t len)
{
	const char *sp1 = memchr(line, ' ', len);
	if (!sp1 || sp1 == line)
		return;
	size_t nlen = (size_t)(sp1 - line);
	const char *t = sp1 + 1;
	size_t rest = len - nlen - 1;
	const char *sp2 = memchr(t, ' ', rest);
	size_t tlen = sp2 ? (size_t)(sp2 - t) : rest;
	const char *d = sp2 ? sp2 + 1 : t + rest;
	size_t dlen = sp2 ? rest - tlen - 1 : 0;
	size_t k = 0;
	for (; k < sizeof(types) / sizeof(types[0]); k++)
		if (strlen(types[k].name) == tlen && strncasecmp(types[k].name, t, tlen) == 0)
			break;
	if (k == sizeof(types) / sizeof(types[0]))
		return;
	struct fuzz_rr rr = {.type = types[k].type};
	rr.name = malloc(nlen + 1);
	if (!rr.name)
		abort();
	memcpy(rr.name, line, nlen);
	rr.name[nlen] = '\0';
	if (rr.type == DNS_TYPE_MX) {
		/* "PREF HOST" or "HOST" */
		size_t i = 0;
		unsigned pref = 0;
		while (i < dlen && d[i] >= '0' && d[i] <= '9' && i < 5)
			pref = pref * 10 + (unsigned)(d[i++] - '0');
		if (i > 0 && i < dlen && d[i] == ' ') {
			rr.pref = pref & 0xffff;
			d += i + 1;
			dlen -= i + 1;
		}
	}
	rr.data = unescape(d, dlen, &rr.len);
	if (rr.type == DNS_TYPE_A || rr.type == DNS_TYPE_AAAA) {
		unsigned char bin[16];
		int af = rr.type == DNS_TYPE_A ? AF_INET : AF_INET6;
		if (memchr(rr.data, '\0', rr.len) || inet_pton(af, (char *)rr.data, bin) != 1) {
			/* Not an address: keep the raw bytes, a malformed answer. */
		} else {
			rr.len = af == AF_INET ? 4 : 16;
			memcpy(rr.data, bin, rr.len);
		}
	}
	struct fuzz_rr *grown = realloc(z->rr, (z->n + 1) * sizeof(*grown));
	if (!grown)
		abort();
	z->rr = grown;
	z->rr[z->n++] = rr;
}

void
fuzz_zone_read(struct fuzz_zone *z, const char *text, size_t len)
{
	*z = (struct fuzz_zone){0};
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || text[i] == '\n') {
			if (i > start)
				read_line(z, text + start, i - start);
			start = i + 1;
		}
	}
}

void
fuzz_zone_free(struct fuzz_zone *z)
{
	for (size_t i = 0; i < z->n; i++) {
		free(z->rr[i].name);
		free(z->rr[i].data);
	}
	free(z->rr);
	*z = (struct fuzz_zone){0};
}

static enum dns_status
lookup(void *ctx, const char *name, enum dns_type type, struct dns_rrset *out)
{
	struct fuzz_zone *z = ctx;
	bool exists = false;
	z->lookups++;
	for (size_t i = 0; i < z->n; i++) {
		if (strcasecmp(z->rr[i].name, name) != 0)
			continue;
		if (z->rr[i].type == FUZZ_TIMEOUT || z->rr[i].type == FUZZ_SERVFAIL) {
			dns_rrset_clear(out);
			out->status = z->rr[i].type == FUZZ_TIMEOUT ? DNS_STATUS_TIMEOUT
								     : DNS_STATUS_SERVFAIL;
			return out->status;
		}
		exists = true;
		if (z->rr[i].type != (int)type)
			continue;
		if (!dns_rrset_add(out, z->rr[i].data, z->rr[i].len, 300, (uint16_t)z->rr[i].pref))
			abort();
		out->records[out->count - 1].nstrings = 1;
	}
	if (out->count)
		return out->status = DNS_STATUS_OK;
	return out->status = exists ? DNS_STATUS_NODATA : DNS_STATUS_NXDOMAIN;
}

struct dns_seam
fuzz_zone_seam(struct fuzz_zone *z)
{
	return (struct dns_seam){.lookup = lookup, .ctx = z};
}
