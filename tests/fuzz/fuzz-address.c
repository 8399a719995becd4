/* fuzz-address.c — from what a user types to a domain for DNS.
 *
 * Input: any bytes, up to the first NUL, as typed.
 * Invariants: on success the domain is lower-case ASCII letters, digits,
 * hyphens and dots, at most 253 bytes, labels of 1–63 bytes not starting
 * or ending in a hyphen, at least two labels; the U-label form is valid
 * UTF-8 and terminal-safe; parsing the result again gives the same domain.
 * On failure the message is non-empty, valid UTF-8 and terminal-safe (it
 * echoes the input). */
#include "fuzz.h"

#include "address.h"
#include "textsafe.h"
#include "utf8.h"

#include <stdbool.h>
#include <string.h>

/* Whether S has a byte outside ASCII (FUZZ_OPEN_ADDRESS_IDNA_ASCII). */
static bool
non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

static void
check_domain(const char *d, bool relaxed)
{
	size_t len = strlen(d);
	FUZZ_CHECK(len <= 253);
	if (relaxed) {
		/* open: the checks run before the IDNA (UTS #46) mapping, which turns
		 * U+FF20 into '@', U+00A0 into ' ', and drops U+00AD: only the
		 * lengths and the case hold then. */
		size_t label = 0;
		for (size_t i = 0; i < len; i++) {
			FUZZ_CHECK((unsigned char)d[i] >= ' ' && (unsigned char)d[i] < 0x7f);
			FUZZ_CHECK(d[i] < 'A' || d[i] > 'Z');
			label = d[i] == '.' ? 0 : label + 1;
			FUZZ_CHECK(label <= 63);
		}
		return;
	}
	FUZZ_CHECK(len > 0);
	size_t label = 0, labels = 1;
	for (size_t i = 0; i < len; i++) {
		char c = d[i];
		if (c == '.') {
			FUZZ_CHECK(label >= 1 && d[i - 1] != '-');
			label = 0;
			labels++;
			continue;
		}
		FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
		FUZZ_CHECK(label > 0 || c != '-');
		FUZZ_CHECK(++label <= 63);
	}
	FUZZ_CHECK(label >= 1 && d[len - 1] != '-');
	FUZZ_CHECK(labels >= 2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *input = malloc(size + 1);
	FUZZ_CHECK(input);
	memcpy(input, data, size);
	input[size] = '\0';

	struct address a;
	struct address_problem p;
	char msg[512];
	if (address_parse(input, &a, &p)) {
		FUZZ_CHECK(p.error == ADDRESS_OK);
		FUZZ_CHECK(a.domain && a.domain_unicode);
		bool relaxed = FUZZ_OPEN_ADDRESS_IDNA_ASCII && non_ascii(input);
		check_domain(a.domain, relaxed);
		fuzz_check_safe(a.domain_unicode);
		FUZZ_CHECK(address_is_idn(&a) == (strcmp(a.domain, a.domain_unicode) != 0));
		if (a.local) {
			FUZZ_CHECK(a.local[0] != '\0' && !strchr(a.local, '@'));
			fuzz_check_safe(a.local);
		}
		/* The A-label form is a fixed point. */
		struct address again;
		struct address_problem p2;
		if (address_parse(a.domain, &again, &p2)) {
			FUZZ_CHECK(relaxed ||
				   (strcmp(again.domain, a.domain) == 0 && again.local == NULL));
		} else if (!relaxed) { /* relaxed: open, see check_domain() */
			fprintf(stderr, "input \"%s\" gave domain \"%s\", which fails with %d\n",
				input, a.domain, (int)p2.error);
			FUZZ_CHECK(!"the domain parses again");
		}
		address_clear(&again);
		FUZZ_CHECK(address_problem_message(&p, msg, sizeof(msg)) == msg);
		FUZZ_CHECK(msg[0] == '\0');
		address_clear(&a);
		FUZZ_CHECK(a.domain == NULL && a.local == NULL && a.domain_unicode == NULL);
	} else {
		FUZZ_CHECK(p.error != ADDRESS_OK && p.error != ADDRESS_NO_MEMORY);
		FUZZ_CHECK(a.domain == NULL && a.local == NULL && a.domain_unicode == NULL);
		FUZZ_CHECK(memchr(p.detail, '\0', sizeof(p.detail)) != NULL);
		fuzz_check_safe(p.detail);
		FUZZ_CHECK(address_problem_message(&p, msg, sizeof(msg)) == msg);
		FUZZ_CHECK(msg[0] != '\0');
		fuzz_check_safe(msg);
		/* A small buffer is never overrun. */
		char small[8];
		address_problem_message(&p, small, sizeof(small));
		FUZZ_CHECK(strlen(small) < sizeof(small));
	}
	free(input);
	return 0;
}
