/* test-textsafe-property.c — a property test of textsafe_escape(), in the
 * normal test run: 10^6 random byte strings of 0–64 bytes (a fixed seed, so
 * a failure repeats) must come out as valid UTF-8 without any control,
 * format or bidi character, and within the limit when one is given. */
#include "textsafe.h"
#include "utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ROUNDS = 1000000, MAX_LEN = 64 };

/* xorshift64*: small, fast, and the same on every machine. */
static uint64_t
next(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* Bytes biased toward what matters here: ASCII controls, ESC, DEL, UTF-8
 * lead and continuation bytes, and the leads of U+200x, U+202x, U+FEFF. */
static unsigned char
random_byte(uint64_t *state)
{
	static const unsigned char interesting[] = {
		0x00, 0x07, 0x08, 0x09, 0x0a, 0x0d, 0x1b, 0x5c, 0x7f, 0x80, 0x9b, 0xa0, 0xad,
		0xbf, 0xc2, 0xc0, 0xdf, 0xe2, 0x80, 0x8b, 0x8f, 0xa8, 0xae, 0x81, 0xa9, 0xef,
		0xbb, 0xf0, 0xf4, 0xf5, 0xff, 0x5b, 0x9d,
	};
	uint64_t r = next(state);
	if (r & 1)
		return interesting[(r >> 8) % sizeof(interesting)];
	return (unsigned char)(r >> 16);
}

/* Why S is not safe, or NULL. */
static const char *
problem(const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);
	if (max && len > max)
		return "longer than the limit";
	while (len) {
		uint32_t cp;
		size_t n = utf8_decode(p, len, &cp);
		if (!n)
			return "invalid UTF-8";
		if (textsafe_is_unsafe(cp))
			return "control or format character";
		p += n, len -= n;
	}
	return NULL;
}

int
main(void)
{
	uint64_t state = 0x6b8b4567327b23c6ULL;
	unsigned char in[MAX_LEN];
	unsigned long failures = 0;

	for (unsigned long round = 0; round < ROUNDS; round++) {
		size_t len = (size_t)(next(&state) % (MAX_LEN + 1));
		for (size_t i = 0; i < len; i++)
			in[i] = random_byte(&state);
		/* Every fourth string with a limit of 3–80 bytes. */
		size_t max = round % 4 == 0 ? 3 + (size_t)(next(&state) % 78) : 0;
		char *out = textsafe_escape(in, len, max);
		if (!out) {
			fprintf(stderr, "round %lu: out of memory\n", round);
			return 1;
		}
		const char *why = problem(out, max);
		if (why && failures++ < 5) {
			fprintf(stderr, "round %lu (max %zu): %s; input:", round, max, why);
			for (size_t i = 0; i < len; i++)
				fprintf(stderr, " %02x", in[i]);
			fprintf(stderr, "\n");
		}
		free(out);
	}
	if (failures) {
		fprintf(stderr, "%lu of %d strings came out unsafe\n", failures, ROUNDS);
		return 1;
	}
	printf("%d random strings escaped safely\n", ROUNDS);
	return 0;
}
