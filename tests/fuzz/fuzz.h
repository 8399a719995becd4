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
