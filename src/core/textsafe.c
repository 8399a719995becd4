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

char *
textsafe_escape(const void *s, size_t len, size_t max_bytes)
{
	static const char ellipsis[] = "\xe2\x80\xa6"; /* … */
	const unsigned char *p = s;
	/* Worst case: every byte becomes `\xHH` (4 bytes), or a 3-byte code
	 * point becomes `\u{HHHH}` (8 bytes). */
	size_t cap = len * 4 + sizeof(ellipsis) + 1;
	char *out = malloc(cap);
	size_t used = 0;

	if (!out)
		return NULL;
	while (len) {
		char piece[16];
		size_t plen;
		uint32_t cp;
		size_t n = utf8_decode(p, len, &cp);

		if (!n) {
			plen = (size_t)snprintf(piece, sizeof(piece), "\\x%02X", p[0]);
			n = 1;
		} else if (cp == '\\') {
			memcpy(piece, "\\\\", 2), plen = 2;
		} else if (textsafe_is_unsafe(cp)) {
			plen = cp < 0x100 ? (size_t)snprintf(piece, sizeof(piece), "\\x%02X", cp)
					  : (size_t)snprintf(piece, sizeof(piece), "\\u{%04X}", cp);
		} else {
			memcpy(piece, p, n), plen = n;
		}
		if (max_bytes && used + plen + sizeof(ellipsis) - 1 > max_bytes) {
			memcpy(out + used, ellipsis, sizeof(ellipsis) - 1);
			used += sizeof(ellipsis) - 1;
			break;
		}
		if (used + plen + 1 > cap) { /* cannot happen with the bound above */
			break;
		}
		memcpy(out + used, piece, plen);
		used += plen;
		p += n, len -= n;
	}
	out[used] = '\0';
	return out;
}
