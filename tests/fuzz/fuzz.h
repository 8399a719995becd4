/* fuzz.h — what every libFuzzer target in tests/fuzz shares.
 *
 * A target asserts invariants with FUZZ_CHECK: a violated invariant prints
 * what was expected and aborts, so that libFuzzer keeps the input as a crash
 * artifact just like a sanitizer report. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textsafe.h"
#include "utf8.h"

/* libFuzzer's entry points (declared for -Wmissing-prototypes). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond)                                                                  \
	do {                                                                              \
		if (!(cond)) {                                                            \
			fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__,     \
				__LINE__, #cond);                                          \
			abort();                                                          \
		}                                                                         \
	} while (0)

/* S is valid UTF-8 and holds nothing a terminal would execute. */
static inline void
fuzz_check_safe(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);
	while (len) {
		uint32_t cp;
		size_t n = utf8_decode(p, len, &cp);
		FUZZ_CHECK(n > 0);
		FUZZ_CHECK(!textsafe_is_unsafe(cp));
		p += n, len -= n;
	}
}

/* Bugs these targets found that are still open (README.md, "Findings and regressions").
 * While one is 1, the invariant it breaks is relaxed, so that fuzzing goes
 * on past it; its reproducer is corpus/<target>/crash-<what>, which the
 * replay in `./dev test` skips. When the bug is fixed: set it to 0 here and
 * rename the reproducer to regress-<what>, so that the replay keeps it. */
#ifndef FUZZ_OPEN_INSERT_TRAILING_SPACE
#define FUZZ_OPEN_INSERT_TRAILING_SPACE 0 /* merge_insert_terms(), trailing SP */
#endif
#ifndef FUZZ_OPEN_ADDRESS_IDNA_ASCII
#define FUZZ_OPEN_ADDRESS_IDNA_ASCII 0 /* address_parse(): "a＠b.de" gives "a@b.de" */
#endif
#ifndef FUZZ_OPEN_PROFILE_NUL
#define FUZZ_OPEN_PROFILE_NUL 0 /* profile_load(): NUL bytes and line numbers */
#endif
#ifndef FUZZ_OPEN_PROFILE_199
#define FUZZ_OPEN_PROFILE_199 0 /* profile_load(): a 199-byte line is "too long" */
#endif
#ifndef FUZZ_OPEN_PROFILE_VALUES
#define FUZZ_OPEN_PROFILE_VALUES 0 /* profile_load(): "/+24", "/024", "v=spf1 moo" pass */
#endif
#ifndef FUZZ_OPEN_TEXTSAFE_CUT
#define FUZZ_OPEN_TEXTSAFE_CUT 0 /* textsafe_escape() with max_bytes */
#endif
