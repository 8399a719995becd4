/* textsafe.c — see textsafe.h. */
#include "textsafe.h"

#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
textsafe_is_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff;
}

/* The display form of the character at P (LEN > 0 bytes left): writes it to
 * PIECE (16 bytes) and returns its length; *USED is the input it took. */
static size_t
escape_one(const unsigned char *p, size_t len, char piece[16], size_t *used)
{
	uint32_t cp;
	size_t n = utf8_decode(p, len, &cp);
	if (!n) {
		*used = 1;
		return (size_t)snprintf(piece, 16, "\\x%02X", p[0]);
	}
	*used = n;
	if (cp == '\\') {
		memcpy(piece, "\\\\", 2);
		return 2;
	}
	if (textsafe_is_unsafe(cp))
		return cp < 0x100 ? (size_t)snprintf(piece, 16, "\\x%02X", cp)
				  : (size_t)snprintf(piece, 16, "\\u{%04X}", cp);
	memcpy(piece, p, n);
	return n;
}

char *
textsafe_escape(const void *s, size_t len, size_t max_bytes)
{
	static const char ellipsis[] = "\xe2\x80\xa6"; /* … */
	const size_t elen = sizeof(ellipsis) - 1;
	const unsigned char *p = s;
	char piece[16];
	size_t used, total = 0;

	/* The whole result first: only when it does not fit is it cut. */
	for (size_t off = 0; off < len; off += used)
		total += escape_one(p + off, len - off, piece, &used);
	bool cut = max_bytes && total > max_bytes;
	size_t room = !cut ? total : max_bytes >= elen ? max_bytes - elen : max_bytes;
	char *out = malloc((cut ? room + elen : total) + 1);
	size_t n = 0;

	if (!out)
		return NULL;
	for (size_t off = 0; off < len; off += used) {
		size_t plen = escape_one(p + off, len - off, piece, &used);
		if (n + plen > room)
			break; /* whole characters and escapes only */
		memcpy(out + n, piece, plen);
		n += plen;
	}
	if (cut && max_bytes >= elen) {
		memcpy(out + n, ellipsis, elen);
		n += elen;
	}
	out[n] = '\0';
	return out;
}
