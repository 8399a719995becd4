/* fuzz-textsafe.c — untrusted text made safe for a terminal.
 *
 * Input: two bytes giving MAX_BYTES (big-endian, 0: no limit), then the text.
 * Invariants: the output is valid UTF-8 without a code point that
 * textsafe_is_unsafe() flags; the unlimited output decodes back to the input
 * (nothing is lost but the difference between a C1 character U+0080–009F and
 * its lone byte: by contract both become `\xHH`); with a limit of at least 3 bytes (the
 * ellipsis) the output fits, equals the full output when that fits, and is
 * otherwise a prefix of it cut between two pieces, followed by "…". */
#include "fuzz.h"

#include "textsafe.h"
#include "utf8.h"

#include <stdbool.h>
#include <string.h>

static int
hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Undoes the escaping of ESC; returns the decoded bytes' length and checks
 * that every escape is well-formed. PIECE_ENDS marks where pieces end. */
static size_t
unescape(const char *esc, unsigned char *out, bool *piece_ends)
{
	size_t o = 0, i = 0, len = strlen(esc);
	piece_ends[0] = true;
	while (i < len) {
		if (esc[i] != '\\') {
			uint32_t cp;
			size_t n = utf8_decode((const unsigned char *)esc + i, len - i, &cp);
			FUZZ_CHECK(n > 0);
			memcpy(out + o, esc + i, n);
			o += n, i += n;
		} else if (esc[i + 1] == '\\') {
			out[o++] = '\\';
			i += 2;
		} else if (esc[i + 1] == 'x') {
			FUZZ_CHECK(hex(esc[i + 2]) >= 0 && hex(esc[i + 3]) >= 0);
			out[o++] = (unsigned char)(hex(esc[i + 2]) * 16 + hex(esc[i + 3]));
			i += 4;
		} else {
			FUZZ_CHECK(esc[i + 1] == 'u' && esc[i + 2] == '{');
			uint32_t cp = 0;
			size_t j = i + 3;
			for (; hex(esc[j]) >= 0; j++)
				cp = cp * 16 + (uint32_t)hex(esc[j]);
			FUZZ_CHECK(esc[j] == '}' && j - i - 3 >= 4 && j - i - 3 <= 6);
			FUZZ_CHECK(cp >= 0x100 && textsafe_is_unsafe(cp));
			char enc[4];
			size_t n = utf8_put(cp, enc);
			memcpy(out + o, enc, n);
			o += n;
			i = j + 1;
		}
		piece_ends[i] = true;
	}
	return o;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	size_t max = (size_t)data[0] << 8 | data[1];
	const uint8_t *s = data + 2;
	size_t len = size - 2;

	char *full = textsafe_escape(s, len, 0);
	FUZZ_CHECK(full);
	fuzz_check_safe(full);
	size_t flen = strlen(full);
	FUZZ_CHECK(flen <= len * 4);
	unsigned char *back = malloc(flen + 1);
	bool *ends = calloc(flen + 1, sizeof(*ends));
	FUZZ_CHECK(back && ends);
	size_t blen = unescape(full, back, ends);
	/* By its contract `\xHH` also stands for the C1 code points U+0080–009F,
	 * so those decode to one byte: compare with the input written so. */
	unsigned char *expect = malloc(len + 1);
	size_t elen = 0;
	FUZZ_CHECK(expect);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 2 && cp >= 0x80 && cp <= 0x9f) {
			expect[elen++] = (unsigned char)cp;
		} else {
			n = n ? n : 1;
			memcpy(expect + elen, s + i, n);
			elen += n;
		}
		i += n;
	}
	FUZZ_CHECK(blen == elen && memcmp(back, expect, elen) == 0);
	free(expect);

	if (max) {
		char *cut = textsafe_escape(s, len, max);
		FUZZ_CHECK(cut);
		fuzz_check_safe(cut);
		size_t clen = strlen(cut);
		if (max >= 3 || !FUZZ_OPEN_TEXTSAFE_CUT)
			FUZZ_CHECK(clen <= max);
		/* open: a result that fits is cut when it comes within 3 bytes of the
		 * limit (the room kept for the ellipsis) */
		if (flen + (FUZZ_OPEN_TEXTSAFE_CUT ? 3 : 0) <= max)
			FUZZ_CHECK(clen == flen && strcmp(cut, full) == 0);
		if ((clen != flen || strcmp(cut, full) != 0) && max >= 3) {
			/* Cut, with room for it: whole pieces, then the ellipsis. */
			static const char ell[] = "\xe2\x80\xa6";
			FUZZ_CHECK(clen >= 3 && strcmp(cut + clen - 3, ell) == 0);
			FUZZ_CHECK(clen - 3 < flen && memcmp(cut, full, clen - 3) == 0);
			FUZZ_CHECK(ends[clen - 3]);
		} else if (clen != flen || strcmp(cut, full) != 0) {
			/* A limit below the ellipsis: whole pieces only, no ellipsis. */
			FUZZ_CHECK(clen < flen && memcmp(cut, full, clen) == 0 && ends[clen]);
		}
		free(cut);
	}
	free(back);
	free(ends);
	free(full);
	return 0;
}
