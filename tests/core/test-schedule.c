/* test-schedule.c — the pause between check rounds: 15 s doubling to
 * 5 min, a cache's ETA pulls the next round forward, and the test knob. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clock.h"
#include "schedule.h"

static void
pause_doubles_to_the_maximum(void **state)
{
	(void)state;
	struct schedule s;
	schedule_init(&s, 0, 0);
	static const int64_t want_s[] = {15, 30, 60, 120, 240, 300, 300};
	int64_t now = 1000000;
	for (size_t i = 0; i < sizeof(want_s) / sizeof(want_s[0]); i++) {
		int64_t next = schedule_after_round(&s, now, 0, false);
		if (next - now != want_s[i] * 1000)
			fail_msg("round %zu: pause %lld ms, expected %lld s", i + 1,
				 (long long)(next - now), (long long)want_s[i]);
		now = next + 3000; /* the round itself takes a while */
	}
}

static void
eta_brings_the_next_round_forward(void **state)
{
	(void)state;
	struct schedule s;
	schedule_init(&s, 15, 300);
	/* A cache lets its old answer go in 8 s: asked 2 s after that. */
	assert_int_equal(schedule_after_round(&s, 0, 8, false), 10000);
	/* The pause grew all the same (15 → 30 → 60). */
	assert_int_equal(schedule_after_round(&s, 0, 0, false), 30000);
	assert_int_equal(s.pause_s, 60);
	/* An ETA later than the pause does not delay the round. */
	assert_int_equal(schedule_after_round(&s, 0, 3600, false), 60000);
	/* An ETA of 1 s: not sooner than the minimum pause. */
	assert_int_equal(schedule_after_round(&s, 500, 1, false), 500 + SCHEDULE_MIN_PAUSE_MS);
}

/* While a name server still serves the old state the round comes every
 * 2 s, and the pause does not grow meanwhile; a shorter first pause (the
 * tests' --interval 1) is kept. */
static void
lagging_name_servers_are_asked_every_two_seconds(void **state)
{
	(void)state;
	struct schedule s;
	schedule_init(&s, 15, 300);
	for (int i = 0; i < 5; i++)
		assert_int_equal(schedule_after_round(&s, 1000 * i, 3600, true),
				 1000 * i + SCHEDULE_NS_POLL_MS);
	assert_int_equal(SCHEDULE_NS_POLL_MS, 2000);
	/* Then caches: the first pause, untouched by the lagging rounds. */
	assert_int_equal(schedule_after_round(&s, 0, 0, false), 15000);
	assert_int_equal(schedule_after_round(&s, 0, 0, false), 30000);
	schedule_init(&s, 1, 300);
	assert_int_equal(schedule_after_round(&s, 0, 0, true), 1000);
}

static void
retry_keeps_the_pause(void **state)
{
	(void)state;
	struct schedule s;
	schedule_init(&s, 20, 300);
	assert_int_equal(schedule_retry(&s, 100), 20100);
	assert_int_equal(schedule_retry(&s, 100), 20100);
	assert_int_equal(s.pause_s, 20);
}

static void
limits(void **state)
{
	(void)state;
	struct schedule s;
	/* A maximum below the first pause keeps the first. */
	schedule_init(&s, 600, 300);
	assert_int_equal(schedule_after_round(&s, 0, 0, false), 600000);
	assert_int_equal(schedule_after_round(&s, 0, 0, false), 600000);
	/* Doubling near the top does not overflow. */
	schedule_init(&s, 4000000000u, 4000000001u);
	schedule_after_round(&s, 0, 0, false);
	assert_int_equal(s.pause_s, 4000000001u);
}

static void
knob(void **state)
{
	(void)state;
	assert_int_equal(schedule_first_from(NULL, 15), 15);
	assert_int_equal(schedule_first_from("", 15), 15);
	assert_int_equal(schedule_first_from("1", 15), 1);
	assert_int_equal(schedule_first_from("600", 15), 600);
	assert_int_equal(schedule_first_from("0", 15), 15);
	assert_int_equal(schedule_first_from("-5", 15), 15);
	assert_int_equal(schedule_first_from("5s", 15), 15);
	assert_int_equal(schedule_first_from(" 5", 15), 15);
	assert_int_equal(schedule_first_from("99999999999999999999", 15), 15);
}

static void
clock_is_monotonic(void **state)
{
	(void)state;
	int64_t a = clock_now_ms(), b = clock_now_ms();
	assert_true(a > 0);
	assert_true(b >= a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pause_doubles_to_the_maximum),
		cmocka_unit_test(eta_brings_the_next_round_forward),
		cmocka_unit_test(retry_keeps_the_pause),
		cmocka_unit_test(lagging_name_servers_are_asked_every_two_seconds),
		cmocka_unit_test(limits),
		cmocka_unit_test(knob),
		cmocka_unit_test(clock_is_monotonic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
