/* fuzz-entry.c — the TXT value as a provider's form wants it.
 *
 * Input: the value (an SPF record, or any bytes).
 * Invariants: entry_split() cuts the value into pieces that join to it, each
 * at most 255 bytes (only the 64th may hold the rest), never inside a UTF-8
 * sequence of a valid value; entry_quote() writes printable ASCII only, as
 * quoted strings separated by one space, which read back (RFC 1035 5.1
 * escapes) give the value again, each string at most 255 bytes when the
 * value needs at most 64; entry_format() puts that text in its line. */
#include "fuzz.h"

#include "entry.h"
#include "utf8.h"

#include <stdbool.h>
#include <string.h>

enum { MAX_STRINGS = 64 }; /* what entry_quote() allows */

static bool
valid_utf8(const uint8_t *s, size_t len)
{
	uint32_t cp;
	while (len) {
		size_t n = utf8_decode(s, len, &cp);
		if (!n)
			return false;
		s += n, len -= n;
	}
	return true;
}

/* Reads the quoted strings of Q back into OUT; returns the bytes written. */
static size_t
unquote(const char *q, uint8_t *out, bool limit)
{
	size_t o = 0, i = 0;
	for (size_t k = 0;; k++) {
		if (k)
			FUZZ_CHECK(q[i++] == ' ');
		FUZZ_CHECK(q[i++] == '"');
		size_t start = o;
		while (q[i] != '"') {
			FUZZ_CHECK(q[i] != '\0');
			if (q[i] != '\\') {
				out[o++] = (uint8_t)q[i++];
				continue;
			}
			if (q[i + 1] == '"' || q[i + 1] == '\\') {
				out[o++] = (uint8_t)q[i + 1];
				i += 2;
				continue;
			}
			FUZZ_CHECK(q[i + 1] >= '0' && q[i + 1] <= '2' && q[i + 2] >= '0' &&
				   q[i + 2] <= '9' && q[i + 3] >= '0' && q[i + 3] <= '9');
			unsigned v = (unsigned)(q[i + 1] - '0') * 100 + (unsigned)(q[i + 2] - '0') * 10 +
				     (unsigned)(q[i + 3] - '0');
			FUZZ_CHECK(v <= 255);
			FUZZ_CHECK(v < 0x20 || v >= 0x7f); /* printable bytes are not escaped */
			out[o++] = (uint8_t)v;
			i += 4;
		}
		i++;
		if (limit)
			FUZZ_CHECK(o - start <= ENTRY_STRING_MAX);
		if (q[i] == '\0')
			return o;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *value = (const char *)data;
	size_t ends[MAX_STRINGS];
	size_t n = entry_split(value, size, ends, MAX_STRINGS);
	FUZZ_CHECK(n >= 1 && n <= MAX_STRINGS);
	bool fits = n < MAX_STRINGS || ends[n - 1] == size;
	bool utf8 = valid_utf8(data, size);
	for (size_t i = 0, pos = 0; i < n; pos = ends[i++]) {
		FUZZ_CHECK(ends[i] > pos || (size == 0 && ends[i] == 0));
		FUZZ_CHECK(ends[i] - pos <= ENTRY_STRING_MAX);
		if (utf8 && ends[i] < size)
			FUZZ_CHECK((data[ends[i]] & 0xc0) != 0x80);
	}

	char *q = entry_quote(value, size);
	FUZZ_CHECK(q);
	for (const char *p = q; *p; p++)
		FUZZ_CHECK(*p >= 0x20 && *p < 0x7f);
	uint8_t *back = malloc(size + 1);
	FUZZ_CHECK(back);
	size_t blen = unquote(q, back, fits);
	FUZZ_CHECK(blen == size && memcmp(back, data, size) == 0);
	free(back);

	struct entry e = {.name = "@", .value = value, .value_len = size, .with_ttl = size & 1,
			  .ttl = 86400};
	char *line = entry_format(&e, ENTRY_FORM_LINE);
	FUZZ_CHECK(line);
	const char *head = e.with_ttl ? "@ 86400 IN TXT " : "@ IN TXT ";
	size_t hlen = strlen(head), qlen = strlen(q);
	FUZZ_CHECK(strlen(line) == hlen + qlen + 1);
	FUZZ_CHECK(memcmp(line, head, hlen) == 0 && memcmp(line + hlen, q, qlen) == 0 &&
		   line[hlen + qlen] == '\n');
	free(line);
	char *fields = entry_format(&e, ENTRY_FORM_FIELDS);
	FUZZ_CHECK(fields);
	free(fields);
	free(q);
	return 0;
}
