/* test-verdict.c — from what each server said to the verdict and the ETA. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "verdict.h"

#include <string.h>

static struct observation
row(enum server_role role, enum obs_state state, uint32_t ttl)
{
	struct observation o = {.role = role, .state = state, .ttl = ttl, .has_ttl = ttl > 0};
	return o;
}

#define A ROLE_AUTHORITATIVE
#define R ROLE_RESOLVER
#define PASS SPF_RESULT_PASS
#define FAIL SPF_RESULT_FAIL

static void
verdicts(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		struct {
			enum server_role role;
			enum obs_state state;
		} rows[4];
		size_t n;
		enum spf_result v4, v6;
		enum verdict expect;
	} cases[] = {
		{"all new, checks pass", {{A, OBS_NEW}, {A, OBS_NEW}, {R, OBS_NEW}}, 3, PASS, PASS,
		 VERDICT_PROPAGATED},
		{"all new, resolver cache old: check fails", {{A, OBS_NEW}, {A, OBS_NEW}, {R, OBS_OLD}},
		 3, FAIL, FAIL, VERDICT_PENDING},
		{"IPv6 not yet", {{A, OBS_NEW}, {A, OBS_NEW}}, 2, PASS, FAIL, VERDICT_PENDING},
		{"secondary lags", {{A, OBS_NEW}, {A, OBS_OLD}, {R, OBS_NEW}}, 3, PASS, PASS,
		 VERDICT_PENDING},
		{"none good", {{A, OBS_OLD}, {A, OBS_NONE}}, 2, FAIL, FAIL, VERDICT_WRONG},
		{"two records everywhere", {{A, OBS_SEVERAL}, {A, OBS_SEVERAL}}, 2, PASS, PASS,
		 VERDICT_WRONG},
		{"no name server answered", {{A, OBS_TIMEOUT}, {A, OBS_REFUSED}, {R, OBS_NEW}}, 3,
		 PASS, PASS, VERDICT_UNKNOWN},
		{"a silent server does not block", {{A, OBS_NEW}, {A, OBS_TIMEOUT}, {A, OBS_UNREACHABLE}},
		 3, PASS, PASS, VERDICT_PROPAGATED},
		{"a lame server holds it back", {{A, OBS_NEW}, {A, OBS_LAME}}, 2, PASS, PASS,
		 VERDICT_PENDING},
		{"a second resolver still caches the old record",
		 {{A, OBS_NEW}, {A, OBS_NEW}, {R, OBS_NEW}, {R, OBS_OLD}}, 4, PASS, PASS,
		 VERDICT_PENDING},
		{"an unreachable public resolver does not block",
		 {{A, OBS_NEW}, {A, OBS_NEW}, {R, OBS_NEW}, {R, OBS_UNREACHABLE}}, 4, PASS, PASS,
		 VERDICT_PROPAGATED},
		{"a validating resolver in DNSSEC error holds it back",
		 {{A, OBS_NEW}, {A, OBS_NEW}, {R, OBS_NEW}, {R, OBS_DNSSEC_ERROR}}, 4, PASS, PASS,
		 VERDICT_PENDING},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct observation obs[4];
		for (size_t k = 0; k < cases[i].n; k++)
			obs[k] = row(cases[i].rows[k].role, cases[i].rows[k].state, 300);
		struct verdict_result v;
		verdict_compute(obs, cases[i].n, cases[i].v4, cases[i].v6, true, &v);
		if (v.verdict != cases[i].expect)
			fail_msg("%s: %s, expected %s", cases[i].what, verdict_name(v.verdict),
				 verdict_name(cases[i].expect));
	}
}

static void
eta_is_the_longest_old_cache(void **state)
{
	(void)state;
	struct observation obs[] = {
		row(A, OBS_NEW, 3600), row(A, OBS_NEW, 3600),
		row(R, OBS_OLD, 8040),  /* 2 h 14 min */
		row(R, OBS_NONE, 120),  /* negative answer: the SOA minimum */
		row(R, OBS_NEW, 86400), /* a new answer's TTL is no ETA */
	};
	struct verdict_result v;
	verdict_compute(obs, 5, SPF_RESULT_FAIL, SPF_RESULT_FAIL, true, &v);
	assert_true(v.has_eta);
	assert_int_equal(v.eta_seconds, 8040);
	assert_int_equal(v.auth_good, 2);
	assert_int_equal(v.resolvers_good, 1);
	char buf[64];
	assert_string_equal(verdict_format_duration(v.eta_seconds, buf, sizeof(buf)), "2 h 14 min");
	assert_string_equal(verdict_format_duration(45, buf, sizeof(buf)), "45 s");
	assert_string_equal(verdict_format_duration(125, buf, sizeof(buf)), "2 min 5 s");
	assert_string_equal(verdict_format_duration(3 * 86400 + 7300, buf, sizeof(buf)),
			    "3 Tage 2 h");
	assert_string_equal(verdict_format_duration(86400, buf, sizeof(buf)), "1 Tag");
	assert_string_equal(verdict_format_duration(60, buf, sizeof(buf)), "1 min");
	assert_string_equal(verdict_format_duration(7200, buf, sizeof(buf)), "2 h");
	/* No old caches: no ETA. */
	verdict_compute(obs, 2, SPF_RESULT_PASS, SPF_RESULT_PASS, true, &v);
	assert_false(v.has_eta);
}

static void
labels_and_names(void **state)
{
	(void)state;
	assert_string_equal(verdict_state_label(OBS_OLD), "alter Eintrag");
	assert_string_equal(verdict_state_label(OBS_UNREACHABLE), "IPv6 nicht erreichbar");
	assert_string_equal(verdict_state_name(OBS_BAD_REPLY), "bad-reply");
	assert_string_equal(verdict_name(VERDICT_PENDING), "pending");
	assert_true(verdict_state_answered(OBS_SEVERAL));
	assert_false(verdict_state_answered(OBS_LAME));
}

/* An IPv4 row that cannot be reached is not named "IPv6". */
static void
row_labels_name_the_address_family(void **state)
{
	(void)state;
	struct observation v4 = {.role = ROLE_AUTHORITATIVE, .state = OBS_UNREACHABLE};
	struct observation v6 = v4;
	v6.ipv6 = true;
	assert_string_equal(verdict_row_label(&v4), "nicht erreichbar");
	assert_string_equal(verdict_row_label(&v6), "IPv6 nicht erreichbar");
	/* Every other state: its own label, whatever the family. */
	struct observation old = {.role = ROLE_RESOLVER, .state = OBS_OLD, .ipv6 = true};
	assert_string_equal(verdict_row_label(&old), "alter Eintrag");
	old.ipv6 = false;
	old.state = OBS_TIMEOUT;
	assert_string_equal(verdict_row_label(&old), "keine Antwort");
}

/* A failing signature at a name server keeps the verdict from
 * "propagated", but the record is served: pending, not wrong. */
static void
dnssec_states(void **state)
{
	(void)state;
	struct observation obs[] = {row(A, OBS_NEW, 60), row(A, OBS_NEW, 60), row(R, OBS_NEW, 60)};
	struct verdict_result v;
	obs[0].dnssec = obs[1].dnssec = DNSSEC_VALID;
	verdict_compute(obs, 3, PASS, PASS, false, &v);
	assert_int_equal(v.verdict, VERDICT_PROPAGATED);
	assert_int_equal(v.auth_dnssec_bad, 0);
	char buf[1024];
	assert_false(verdict_dnssec_explain(obs, 3, "z.de", buf, sizeof(buf)));
	static const enum dnssec_state bad[] = {DNSSEC_MISSING, DNSSEC_EXPIRED, DNSSEC_INVALID};
	for (size_t i = 0; i < 3; i++) {
		obs[1].dnssec = bad[i];
		verdict_compute(obs, 3, PASS, PASS, false, &v);
		assert_int_equal(v.verdict, VERDICT_PENDING);
		assert_int_equal(v.auth_good, 2);
		assert_int_equal(v.auth_dnssec_bad, 1);
		assert_true(verdict_dnssec_explain(obs, 3, "z.de", buf, sizeof(buf)));
		assert_non_null(strstr(buf, "Betroffen ist 1 von 2 Namensservern."));
		assert_non_null(strstr(buf, "Wenden Sie sich an Ihren Domain-Anbieter"));
	}
	assert_non_null(strstr(buf, "Die Signatur des SPF-Eintrags ist ungültig"));
	/* Invalid is named before expired; every server fails: no count. */
	obs[0].dnssec = DNSSEC_EXPIRED;
	verdict_dnssec_explain(obs, 3, "z.de", buf, sizeof(buf));
	assert_non_null(strstr(buf, "ungültig"));
	assert_null(strstr(buf, "Betroffen"));
	/* Unsigned and not checked say nothing; a resolver in error does. */
	obs[0].dnssec = DNSSEC_UNSIGNED;
	obs[1].dnssec = DNSSEC_NOT_CHECKED;
	obs[2].state = OBS_DNSSEC_ERROR;
	verdict_compute(obs, 3, PASS, PASS, false, &v);
	assert_int_equal(v.verdict, VERDICT_PENDING);
	assert_int_equal(v.resolvers_dnssec_error, 1);
	assert_true(verdict_dnssec_explain(obs, 3, "z.de", buf, sizeof(buf)));
	assert_non_null(strstr(buf, "Die Signaturen (DNSSEC) der Zone z.de sind fehlerhaft"));
	/* Names and labels. */
	assert_string_equal(verdict_state_name(OBS_DNSSEC_ERROR), "dnssec-error");
	assert_string_equal(verdict_state_label(OBS_DNSSEC_ERROR), "DNSSEC-Fehler");
	assert_string_equal(verdict_dnssec_name(DNSSEC_UNSIGNED), "unsigned");
	assert_string_equal(verdict_dnssec_name(DNSSEC_EXPIRED), "expired");
	assert_null(verdict_dnssec_name(DNSSEC_NOT_CHECKED));
	assert_null(verdict_dnssec_label(DNSSEC_UNSIGNED));
	assert_string_equal(verdict_dnssec_label(DNSSEC_MISSING), "DNSSEC fehlt");
	assert_false(verdict_state_answered(OBS_DNSSEC_ERROR));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(verdicts),
		cmocka_unit_test(eta_is_the_longest_old_cache),
		cmocka_unit_test(labels_and_names),
		cmocka_unit_test(dnssec_states),
		cmocka_unit_test(row_labels_name_the_address_family),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
