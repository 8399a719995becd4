/* clock.h — the one clock for elapsed times: milliseconds of
 * CLOCK_MONOTONIC. Deadlines, countdowns, time-outs and cache lifetimes
 * all read it; dates never do (they use time()). */
#pragma once

#include <stdint.h>

/* Milliseconds of a monotonic clock (CLOCK_MONOTONIC) since an unspecified
 * start: only differences mean anything. Never goes back. */
int64_t clock_now_ms(void);
