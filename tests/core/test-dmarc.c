/* test-dmarc.c — the DMARC record parsed and judged (RFC 7489), and what it
 * means for Flicono's mail, in German. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dmarc.h"

#include <string.h>

static enum dmarc_problem
parse(const char *text, struct dmarc_record *r)
{
	return dmarc_parse(text, strlen(text), r);
}

static void
record_tags(void **state)
{
	(void)state;
	struct dmarc_record r;
	assert_int_equal(parse("v=DMARC1; p=reject", &r), DMARC_OK);
	assert_int_equal(r.p, DMARC_P_REJECT);
	assert_int_equal(r.sp, DMARC_P_REJECT); /* sp defaults to p */
	assert_int_equal(r.pct, 100);
	assert_false(r.aspf_strict);
	assert_int_equal(parse("v=DMARC1 ;p = quarantine ; sp=none; pct=25; aspf=s; adkim=s; "
			       "rua=mailto:a@b.example; fo=1;",
			       &r),
			 DMARC_OK);
	assert_int_equal(r.p, DMARC_P_QUARANTINE);
	assert_int_equal(r.sp, DMARC_P_NONE);
	assert_int_equal(r.pct, 25);
	assert_true(r.aspf_strict && r.adkim_strict && r.has_rua);
}

static void
broken_records_are_named(void **state)
{
	(void)state;
	struct dmarc_record r;
	assert_int_equal(parse("v=DMARC1", &r), DMARC_BAD_POLICY);
	assert_int_equal(parse("v=DMARC1; p=ablehnen", &r), DMARC_BAD_POLICY);
	assert_int_equal(parse("v=DMARC1; p=reject; pct=101", &r), DMARC_BAD_TAG);
	assert_int_equal(r.bad_offset, 19);
	assert_int_equal(parse("v=DMARC1; p=reject; pct=x", &r), DMARC_BAD_TAG);
	assert_int_equal(parse("v=DMARC1; p=reject; aspf=x", &r), DMARC_BAD_TAG);
	assert_int_equal(parse("v=DMARC1; p=reject; sp=bad", &r), DMARC_BAD_TAG);
	assert_int_equal(parse("v=DMARC1; p=reject; kaputt", &r), DMARC_BAD_TAG);
	/* 6.6.3: a broken p= with a report address counts as p=none. */
	assert_int_equal(parse("v=DMARC1; p=bad; rua=mailto:a@b.example", &r), DMARC_OK);
	assert_int_equal(r.p, DMARC_P_NONE);
	assert_true(r.p_from_rua);
}

static struct dns_rrset
txt(const char *a, const char *b)
{
	struct dns_rrset set = DNS_RRSET_INIT;
	if (a)
		dns_rrset_add(&set, a, strlen(a), 60, 0);
	if (b)
		dns_rrset_add(&set, b, strlen(b), 60, 0);
	return set;
}

static void
judged_with_fallback(void **state)
{
	(void)state;
	struct dmarc_result r;
	struct dns_rrset none = txt("hallo", NULL), org = txt("v=DMARC1; p=none; sp=reject; aspf=s",
							  NULL);
	struct dmarc_answer own = {DNS_STATUS_OK, &none}, orga = {DNS_STATUS_OK, &org};
	/* Other TXT records at _dmarc do not count: ask the org domain. */
	assert_true(dmarc_needs_org("post.firma.de", "firma.de", &own));
	assert_false(dmarc_needs_org("firma.de", "firma.de", &own));
	assert_true(dmarc_judge("post.firma.de", "firma.de", &own, &orga, &r));
	assert_int_equal(r.problem, DMARC_OK);
	assert_true(r.from_org);
	assert_string_equal(r.policy_domain, "firma.de");
	assert_int_equal(r.effective, DMARC_P_REJECT);
	assert_true(r.strict_subdomain);
	dmarc_result_clear(&r);
	/* The org domain's own mail: p, not sp. */
	assert_true(dmarc_judge("firma.de", "firma.de", &orga, NULL, &r));
	assert_int_equal(r.effective, DMARC_P_NONE);
	assert_false(r.strict_subdomain);
	dmarc_result_clear(&r);
	/* Two records: none applies, no fallback. */
	struct dns_rrset two = txt("v=DMARC1; p=reject", "v=DMARC1; p=none");
	struct dmarc_answer twoa = {DNS_STATUS_OK, &two};
	assert_false(dmarc_needs_org("post.firma.de", "firma.de", &twoa));
	assert_true(dmarc_judge("post.firma.de", "firma.de", &twoa, NULL, &r));
	assert_int_equal(r.problem, DMARC_SEVERAL);
	assert_string_equal(r.record, "v=DMARC1; p=reject");
	dmarc_result_clear(&r);
	/* Nothing anywhere, and a failed lookup. */
	struct dmarc_answer nx = {DNS_STATUS_NXDOMAIN, NULL}, fail = {DNS_STATUS_SERVFAIL, NULL};
	assert_true(dmarc_judge("firma.de", NULL, &nx, NULL, &r));
	assert_int_equal(r.problem, DMARC_NO_RECORD);
	assert_false(dmarc_needs_org("post.firma.de", "firma.de", &fail));
	assert_true(dmarc_judge("firma.de", NULL, &fail, NULL, &r));
	assert_int_equal(r.problem, DMARC_LOOKUP_FAILED);
	dns_rrset_clear(&none);
	dns_rrset_clear(&org);
	dns_rrset_clear(&two);
}

static void
explained_in_german(void **state)
{
	(void)state;
	struct dmarc_result r;
	char buf[2048];
	struct dns_rrset q = txt("v=DMARC1; p=quarantine; pct=50", NULL);
	struct dmarc_answer a = {DNS_STATUS_OK, &q};
	assert_true(dmarc_judge("firma.de", "firma.de", &a, NULL, &r));
	assert_string_equal(
		dmarc_explain(&r, "Flicono", false, false, buf, sizeof(buf), "firma.de"),
		"firma.de hat die DMARC-Richtlinie p=quarantine. Ohne einen SPF-Eintrag, der "
		"Flicono berechtigt, landen E-Mails, die Flicono in Ihrem Namen sendet, im "
		"Spam-Ordner. Die Richtlinie gilt für 50 % dieser E-Mails (pct=50); die übrigen "
		"werden behandelt, als gäbe es sie nicht. Mit dem SPF-Eintrag besteht die "
		"SPF-Prüfung, passend zur Absenderadresse: Flicono verwendet Ihre Adresse auch "
		"als Umschlag-Absender.");
	/* Authorised already: no rejection, no pct. */
	dmarc_explain(&r, "Flicono", true, false, buf, sizeof(buf), "firma.de");
	assert_null(strstr(buf, "Spam-Ordner"));
	assert_non_null(strstr(buf, "Der SPF-Eintrag berechtigt Flicono"));
	/* The alias feature is not touched. */
	dmarc_explain(&r, "Flicono", false, true, buf, sizeof(buf), "firma.de");
	assert_string_equal(buf, "Die DMARC-Richtlinie von firma.de betrifft die Alias-Funktion "
				 "nicht: Flicono sendet dann mit der eigenen Alias-Adresse.");
	dmarc_result_clear(&r);
	dns_rrset_clear(&q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(record_tags),
		cmocka_unit_test(broken_records_are_named),
		cmocka_unit_test(judged_with_fallback),
		cmocka_unit_test(explained_in_german),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
