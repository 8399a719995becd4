/* test-bound.c — the worldwide cache bound: the moment every name server
 * serves the record plus the old answer's TTL; an estimate when the old
 * answer was never seen; the earliest moment kept; reset when a server
 * falls back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bound.h"

/* Two name servers in STATES with TTLS, and the verdict over them. */
static void
round_of(enum obs_state s1, uint32_t t1, enum obs_state s2, uint32_t t2, struct observation *obs,
	 struct verdict_result *v)
{
	obs[0] = (struct observation){.role = ROLE_AUTHORITATIVE, .state = s1, .ttl = t1,
				      .has_ttl = true};
	obs[1] = (struct observation){.role = ROLE_AUTHORITATIVE, .state = s2, .ttl = t2,
				      .has_ttl = true};
	verdict_compute(obs, 2, SPF_RESULT_PASS, SPF_RESULT_PASS, true, v);
}

static void
old_ttl_from_the_moment_all_serve_it(void **state)
{
	(void)state;
	struct observation obs[2];
	struct verdict_result v;
	struct cache_bound b = {0};
	time_t at;
	bool estimate;
	/* Before the change: no SPF record, the negative TTL 3600. */
	round_of(OBS_NONE, 3600, OBS_NONE, 3600, obs, &v);
	bound_update(&b, obs, 2, &v, 1000);
	assert_false(bound_clear_by(&b, &at, &estimate));
	/* ns1 has it, ns2 still the old state (TTL 86400 there now). */
	round_of(OBS_NEW, 300, OBS_OLD, 86400, obs, &v);
	bound_update(&b, obs, 2, &v, 2000);
	assert_false(bound_clear_by(&b, &at, &estimate));
	/* Both: from now, the largest old TTL. */
	round_of(OBS_NEW, 300, OBS_NEW, 300, obs, &v);
	bound_update(&b, obs, 2, &v, 3000);
	assert_true(bound_clear_by(&b, &at, &estimate));
	assert_int_equal(at, 3000 + 86400);
	assert_false(estimate);
	/* A later round keeps the earliest moment. */
	bound_update(&b, obs, 2, &v, 9000);
	assert_true(bound_clear_by(&b, &at, &estimate));
	assert_int_equal(at, 3000 + 86400);
	/* A server that falls back: no bound until both serve it again. */
	round_of(OBS_NEW, 300, OBS_OLD, 86400, obs, &v);
	bound_update(&b, obs, 2, &v, 10000);
	assert_false(bound_clear_by(&b, &at, &estimate));
	round_of(OBS_NEW, 300, OBS_NEW, 300, obs, &v);
	bound_update(&b, obs, 2, &v, 11000);
	assert_true(bound_clear_by(&b, &at, &estimate));
	assert_int_equal(at, 11000 + 86400);
}

static void
never_saw_the_old_answer_is_an_estimate(void **state)
{
	(void)state;
	struct observation obs[2];
	struct verdict_result v;
	struct cache_bound b = {0};
	time_t at;
	bool estimate;
	round_of(OBS_NEW, 600, OBS_NEW, 900, obs, &v);
	bound_update(&b, obs, 2, &v, 500);
	assert_true(bound_clear_by(&b, &at, &estimate));
	assert_int_equal(at, 500 + 900);
	assert_true(estimate);
	/* An unreachable server does not hold the bound back, but it may still
	 * hand out the old answer: an estimate, even with the old TTL seen. */
	struct cache_bound c = {.ttl = 60, .has_ttl = true, .old_seen = true};
	round_of(OBS_NEW, 60, OBS_TIMEOUT, 0, obs, &v);
	bound_update(&c, obs, 2, &v, 100);
	assert_true(bound_clear_by(&c, &at, &estimate));
	assert_int_equal(at, 160);
	assert_true(estimate);
	/* No answer at all: nothing known, nothing reset. */
	round_of(OBS_TIMEOUT, 0, OBS_TIMEOUT, 0, obs, &v);
	bound_update(&c, obs, 2, &v, 200);
	assert_true(bound_clear_by(&c, &at, &estimate));
	assert_int_equal(at, 160);
}

/* A resolver that still holds an old answer longer than the bound says
 * (here: the old TTL was lowered before the change) moves it out. */
static void
a_resolver_holding_longer_moves_the_bound(void **state)
{
	(void)state;
	struct observation obs[3];
	struct verdict_result v;
	struct cache_bound b = {0};
	time_t at;
	bool estimate;
	round_of(OBS_OLD, 60, OBS_OLD, 60, obs, &v);
	bound_update(&b, obs, 2, &v, 1000);
	round_of(OBS_NEW, 60, OBS_NEW, 60, obs, &v);
	obs[2] = (struct observation){.role = ROLE_RESOLVER, .state = OBS_OLD, .ttl = 3000,
				      .has_ttl = true};
	verdict_compute(obs, 3, SPF_RESULT_PASS, SPF_RESULT_PASS, true, &v);
	bound_update(&b, obs, 3, &v, 2000);
	assert_true(bound_clear_by(&b, &at, &estimate));
	assert_int_equal(at, 2000 + 3000);
	assert_false(estimate);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(old_ttl_from_the_moment_all_serve_it),
		cmocka_unit_test(never_saw_the_old_answer_is_an_estimate),
		cmocka_unit_test(a_resolver_holding_longer_moves_the_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
