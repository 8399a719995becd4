/* test-merge.c — what to publish, given what is published (merge and lint). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config.h"
#include "datapath.h"
#include "entry.h"
#include "fake-seam.h"
#include "merge.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define V4 "ip4:148.251.195.107"
#define V6 "ip6:2a01:4f8:211:18e8::2"
#define DOMAIN "beispiel-firma.de"

static struct profile profile;

static int
load_profile(void **state)
{
	(void)state;
	struct inifile_problem problem;
	char *path = datapath_file("flicono.profile");
	bool ok = path && profile_load(path, &profile, &problem);
	free(path);
	return ok ? 0 : -1;
}

static int
free_profile(void **state)
{
	(void)state;
	profile_clear(&profile);
	return 0;
}

/* Merges what ZONE publishes at DOMAIN; the caller clears *res. */
static void
merge(struct fake_zone *zone, struct merge_result *res)
{
	struct dns_seam seam = fake_seam(zone);
	struct dns_rrset txt = DNS_RRSET_INIT;
	seam.lookup(seam.ctx, DOMAIN, DNS_TYPE_TXT, &txt);
	struct merge_request req = {.domain = DOMAIN, .txt = &txt, .profile = &profile};
	assert_true(merge_compute(&req, &seam, res));
	dns_rrset_clear(&txt);
}

static void
no_record_gets_the_template(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	fake_add(&z, DOMAIN, DNS_TYPE_TXT, "google-site-verification=abc");
	fake_add(&z, DOMAIN, DNS_TYPE_MX, "mail." DOMAIN);
	fake_add(&z, "mail." DOMAIN, DNS_TYPE_A, "192.0.2.25");
	struct merge_result r;
	merge(&z, &r);
	assert_int_equal(r.action, MERGE_NEW);
	assert_int_equal(r.nexisting, 0);
	assert_string_equal(r.record, "v=spf1 mx " V4 " " V6 " -all");
	assert_int_equal(r.result_v4, SPF_RESULT_NONE);
	assert_int_equal(r.after.dns_terms, 1);
	assert_int_equal(r.after.warnings, 0);
	merge_result_clear(&r);
}

/* A name without MX records gets the template without its `mx`: it would
 * authorise nothing and cost a void lookup. Unsure (a time-out): it stays. */
static void
no_mx_leaves_mx_out_of_the_template(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	fake_add(&z, DOMAIN, DNS_TYPE_A, "192.0.2.80");
	struct merge_result r;
	merge(&z, &r);
	assert_int_equal(r.action, MERGE_NEW);
	assert_true(r.mx_dropped);
	assert_string_equal(r.record, "v=spf1 " V4 " " V6 " -all");
	assert_true(r.authorises);
	assert_int_equal(r.after.void_lookups, 0);
	assert_int_equal(r.after.dns_terms, 0);
	merge_result_clear(&r);

	struct fake_zone slow = {.timeout_name = DOMAIN};
	merge(&slow, &r);
	assert_false(r.mx_dropped);
	assert_string_equal(r.record, "v=spf1 mx " V4 " " V6 " -all");
	merge_result_clear(&r);
}

static void
softfail_record_is_extended_before_its_all(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	fake_add(&z, DOMAIN, DNS_TYPE_TXT, "v=spf1 mx a:out.provider.example ~all");
	fake_add(&z, DOMAIN, DNS_TYPE_MX, "mail." DOMAIN);
	fake_add(&z, "mail." DOMAIN, DNS_TYPE_A, "192.0.2.25");
	fake_add(&z, "out.provider.example", DNS_TYPE_A, "198.51.100.7");
	struct merge_result r;
	merge(&z, &r);
	assert_int_equal(r.action, MERGE_EXTEND);
	/* Qualifier kept, nothing else changed, no mx added. */
	assert_string_equal(r.record, "v=spf1 mx a:out.provider.example " V4 " " V6 " ~all");
	assert_true(r.authorises);
	assert_int_equal(r.nexisting, 1);
	assert_string_equal(r.existing[0], "v=spf1 mx a:out.provider.example ~all");
	assert_int_equal(r.result_v4, SPF_RESULT_SOFTFAIL);
	assert_int_equal(r.result_v6, SPF_RESULT_SOFTFAIL);
	assert_int_equal(r.inserted, 2);
	assert_int_equal(r.before.dns_terms, 2);
	assert_int_equal(r.after.dns_terms, 2);
	merge_result_clear(&r);
}

static void
redirect_record_gets_terms_before_redirect(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	fake_add(&z, DOMAIN, DNS_TYPE_TXT, "v=spf1 a redirect=_spf.provider.example");
	fake_add(&z, DOMAIN, DNS_TYPE_A, "192.0.2.80");
	fake_add(&z, "_spf.provider.example", DNS_TYPE_TXT, "v=spf1 ip4:198.51.100.0/24 -all");
	struct merge_result r;
	merge(&z, &r);
	assert_int_equal(r.action, MERGE_EXTEND);
	assert_string_equal(r.record, "v=spf1 a " V4 " " V6 " redirect=_spf.provider.example");
	assert_int_equal(r.result_v4, SPF_RESULT_FAIL);
	assert_int_equal(r.after.dns_terms, 2);
	assert_int_equal(r.after.warnings & LINT_NO_ALL, 0);
	merge_result_clear(&r);
}

static void
authorised_through_include_needs_nothing(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	fake_add(&z, DOMAIN, DNS_TYPE_TXT, "v=spf1 mx include:_spf.flicono.net -all");
	fake_add(&z, DOMAIN, DNS_TYPE_MX, "mail." DOMAIN);
	fake_add(&z, "mail." DOMAIN, DNS_TYPE_A, "192.0.2.25");
	fake_add(&z, "_spf.flicono.net", DNS_TYPE_TXT, "v=spf1 " V4 " " V6 " -all");
	struct merge_result r;
	merge(&z, &r);
	assert_int_equal(r.action, MERGE_NOTHING);
	assert_null(r.record);
	assert_int_equal(r.result_v4, SPF_RESULT_PASS);
	assert_int_equal(r.result_v6, SPF_RESULT_PASS);
	assert_int_equal(r.before.dns_terms, 2);
	merge_result_clear(&r);
}

static void
only_the_missing_family_is_added(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	fake_add(&z, DOMAIN, DNS_TYPE_TXT, "v=spf1 include:_v4.flicono.net -all");
	fake_add(&z, "_v4.flicono.net", DNS_TYPE_TXT, "v=spf1 ip4:148.251.195.0/24 -all");
	struct merge_result r;
	merge(&z, &r);
	assert_int_equal(r.action, MERGE_EXTEND);
	assert_string_equal(r.record, "v=spf1 include:_v4.flicono.net " V6 " -all");
	assert_int_equal(r.inserted, 1);
	merge_result_clear(&r);
}

static void
ip_in_the_text_is_not_enough(void **state)
{
	(void)state;
	/* The address is written in the record, but an earlier -ip4 wins:
	 * check_host() says fail, so the terms are inserted. */
	struct fake_zone z = {0};
	fake_add(&z, DOMAIN, DNS_TYPE_TXT, "v=spf1 -ip4:148.251.195.0/24 " V4 " " V6 " -all");
	struct merge_result r;
	merge(&z, &r);
	assert_int_equal(r.result_v4, SPF_RESULT_FAIL);
	assert_int_equal(r.result_v6, SPF_RESULT_PASS);
	assert_int_equal(r.action, MERGE_EXTEND);
	/* The ip4 term is there already, and another copy would not help:
	 * the merge says that its proposal does not authorise Flicono. */
	assert_int_equal(r.inserted, 0);
	assert_false(r.authorises);
	merge_result_clear(&r);
}

static void
two_records_become_one(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	fake_add(&z, DOMAIN, DNS_TYPE_TXT, "v=spf1 include:_spf.mailer.example ~all");
	fake_add(&z, DOMAIN, DNS_TYPE_TXT, "v=spf1 mx -all");
	fake_add(&z, DOMAIN, DNS_TYPE_MX, "mail." DOMAIN);
	fake_add(&z, "mail." DOMAIN, DNS_TYPE_A, "192.0.2.25");
	fake_add(&z, "_spf.mailer.example", DNS_TYPE_TXT, "v=spf1 ip4:203.0.113.0/24 -all");
	struct merge_result r;
	merge(&z, &r);
	assert_int_equal(r.action, MERGE_COMBINE);
	assert_int_equal(r.nexisting, 2);
	/* Today: permerror (RFC 7208 4.5). */
	assert_int_equal(r.result_v4, SPF_RESULT_PERMERROR);
	assert_string_equal(r.record, "v=spf1 include:_spf.mailer.example mx " V4 " " V6 " ~all");
	assert_int_equal(r.after.dns_terms, 2);
	merge_result_clear(&r);
}

static void
two_records_one_with_flicono_no_doubled_terms(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	fake_add(&z, DOMAIN, DNS_TYPE_TXT, "v=spf1 mx -all");
	fake_add(&z, DOMAIN, DNS_TYPE_TXT, "v=spf1 " V4 " " V6 " -all");
	struct merge_result r;
	merge(&z, &r);
	assert_int_equal(r.action, MERGE_COMBINE);
	assert_string_equal(r.record, "v=spf1 mx " V4 " " V6 " -all");
	assert_int_equal(r.inserted, 0);
	merge_result_clear(&r);
}

static void
terms_present_but_include_broken(void **state)
{
	(void)state;
	/* Flicono's terms are there, but include: of a domain without a record
	 * makes the whole record a permerror: nothing to insert, and the
	 * proposal (the same record) is marked as not authorising. */
	struct fake_zone z = {0};
	fake_add(&z, DOMAIN, DNS_TYPE_TXT, "v=spf1 mx include:_spf.nirgends.example " V4 " " V6 " -all");
	struct merge_result r;
	merge(&z, &r);
	assert_int_equal(r.result_v4, SPF_RESULT_PERMERROR);
	assert_int_equal(r.action, MERGE_EXTEND);
	assert_int_equal(r.inserted, 0);
	assert_false(r.authorises);
	assert_true(r.after.warnings & LINT_INCLUDE_WITHOUT_RECORD);
	merge_result_clear(&r);
}

static void
record_at_nine_lookups_stays_at_nine(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	/* 4 here (a, mx, 2 include) + 4 in the first include (a, mx, 2 exists)
	 * + 1 in the second: 9 DNS-querying terms. */
	fake_add(&z, DOMAIN, DNS_TYPE_TXT,
		 "v=spf1 a mx include:_a.example.net include:_b.example.net ~all");
	fake_add(&z, DOMAIN, DNS_TYPE_A, "192.0.2.80");
	fake_add(&z, DOMAIN, DNS_TYPE_MX, "mail." DOMAIN);
	fake_add(&z, "_a.example.net", DNS_TYPE_TXT,
		 "v=spf1 a:x.example.net mx:example.net -exists:e1.example.net "
		 "-exists:e2.example.net -all");
	fake_add(&z, "x.example.net", DNS_TYPE_A, "192.0.2.1");
	fake_add(&z, "example.net", DNS_TYPE_MX, "mx.example.net");
	fake_add(&z, "e1.example.net", DNS_TYPE_A, "127.0.0.2");
	fake_add(&z, "e2.example.net", DNS_TYPE_A, "127.0.0.2");
	fake_add(&z, "e3.example.net", DNS_TYPE_A, "127.0.0.2");
	fake_add(&z, "_b.example.net", DNS_TYPE_TXT, "v=spf1 a:y.example.net -all");
	fake_add(&z, "y.example.net", DNS_TYPE_A, "192.0.2.2");
	struct merge_result r;
	merge(&z, &r);
	assert_int_equal(r.action, MERGE_EXTEND);
	assert_int_equal(r.before.dns_terms, 9);
	assert_int_equal(r.after.dns_terms, 9);
	assert_int_equal(r.after.void_lookups, 0);
	assert_false(r.after.incomplete);
	assert_int_equal(r.after.warnings, 0);
	merge_result_clear(&r);

	/* One more include: 11, a permerror the lint names. */
	z.rr[0].data = "v=spf1 a mx include:_a.example.net include:_b.example.net "
		       "-exists:e1.example.net a:y.example.net ~all";
	merge(&z, &r);
	assert_int_equal(r.after.dns_terms, 11);
	assert_true(r.after.warnings & LINT_TOO_MANY_DNS_TERMS);
	assert_true(lint_is_fatal(r.after.warnings));
	char msg[512];
	lint_warning_message(LINT_TOO_MANY_DNS_TERMS, &r.after, msg, sizeof(msg));
	assert_string_equal(msg, "Der Eintrag braucht 11 DNS-Abfragen (mit allen include:), erlaubt "
				 "sind höchstens 10. Empfänger-Mailserver werten ihn dann als "
				 "Fehler (permerror) und lehnen E-Mails ab.");
	merge_result_clear(&r);
}

static void
merge_that_crosses_255_bytes(void **state)
{
	(void)state;
	/* 6 + 13 * 17 + 6 = 233 bytes before, 233 + 45 = 278 after. */
	static char rec[400];
	strcpy(rec, "v=spf1");
	for (int i = 0; i < 13; i++)
		sprintf(rec + strlen(rec), " ip4:192.0.2.%d/32", 10 + i);
	strcat(rec, " ~all");
	assert_true(strlen(rec) <= 255);
	struct fake_zone z = {0};
	fake_add(&z, DOMAIN, DNS_TYPE_TXT, rec);
	struct merge_result r;
	merge(&z, &r);
	assert_int_equal(r.action, MERGE_EXTEND);
	assert_true(r.record_len > 255);
	assert_false(r.before.warnings & LINT_LONGER_THAN_255);
	assert_true(r.after.warnings & LINT_LONGER_THAN_255);
	assert_false(lint_is_fatal(r.after.warnings));
	/* In one line it becomes two strings, cut between terms. */
	struct entry e = {.name = "@", .value = r.record, .value_len = r.record_len,
			  .with_ttl = false};
	char *line = entry_format(&e, ENTRY_FORM_LINE);
	assert_non_null(strstr(line, "/32 \" \""));
	free(line);
	merge_result_clear(&r);
}

static void
insert_keeps_every_byte(void **state)
{
	(void)state;
	static const struct {
		const char *record, *merged;
	} cases[] = {
		{"v=spf1 mx -all", "v=spf1 mx " V4 " " V6 " -all"},
		{"v=spf1  mx   ~all  exp=x.de", "v=spf1  mx   " V4 " " V6 " ~all  exp=x.de"},
		{"v=spf1 a redirect=x.de", "v=spf1 a " V4 " " V6 " redirect=x.de"},
		{"v=spf1 a", "v=spf1 a " V4 " " V6},
		{"v=spf1 a ", "v=spf1 a " V4 " " V6 " "},
		{"v=spf1", "v=spf1 " V4 " " V6},
		{"v=spf1 ", "v=spf1 " V4 " " V6 " "},
	};
	const char *const terms[] = {V4, V6};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct spf_record *rec;
		struct spf_parse_error err;
		assert_true(spf_parse(cases[i].record, strlen(cases[i].record), &rec, &err));
		char *merged = merge_insert_terms(rec, terms, 2);
		assert_string_equal(merged, cases[i].merged);
		/* And the result parses, with the terms where they should be. */
		struct spf_record *again;
		assert_true(spf_parse(merged, strlen(merged), &again, &err));
		spf_record_free(again);
		free(merged);
		spf_record_free(rec);
	}
}

static void
broken_record_is_not_touched(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	fake_add(&z, DOMAIN, DNS_TYPE_TXT, "v=spf1 mx ip4:192.0.2.300 -all");
	struct merge_result r;
	merge(&z, &r);
	assert_int_equal(r.action, MERGE_BROKEN);
	assert_null(r.record);
	assert_int_equal(r.broken, 0);
	assert_int_equal(r.parse_error.term.off, 10);
	merge_result_clear(&r);
}

static void
lint_names_what_protects_nothing(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	struct dns_seam seam = fake_seam(&z);
	struct lint_report rep;
	static const struct {
		const char *record;
		unsigned warnings;
	} cases[] = {
		{"v=spf1 +all", LINT_PASS_ALL},
		{"v=spf1 ip4:192.0.2.1 ?all", LINT_NEUTRAL_ALL},
		{"v=spf1 ip4:192.0.2.1", LINT_NO_ALL},
		{"v=spf1 ptr -all", LINT_PTR},
		{"v=spf1 include:nowhere.example -all", LINT_INCLUDE_WITHOUT_RECORD},
		{"v=spf1 a:n1.example a:n2.example a:n3.example -all", LINT_TOO_MANY_VOIDS},
		{"v=spf1 -all moo", LINT_SYNTAX},
		{"v=spf1 mx:nomx.example -all", LINT_VOID_LOOKUP},
		{"v=spf1 a:n1.example -all", LINT_VOID_LOOKUP},
		{"v=spf1 exists:n1.example -all", 0},
		{"v=spf1 redirect=a.example redirect=b.example", LINT_SYNTAX},
		{"v=spf1 exp=a.example exp=b.example -all", LINT_SYNTAX},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(lint_record(DOMAIN, cases[i].record, strlen(cases[i].record), &seam,
					&rep));
		if (rep.warnings != cases[i].warnings)
			fail_msg("%s: warnings %#x, expected %#x", cases[i].record, rep.warnings,
				 cases[i].warnings);
	}
	char msg[512];
	lint_record(DOMAIN, "v=spf1 include:nowhere.example -all", 35, &seam, &rep);
	assert_int_equal(rep.void_lookups, 1);
	assert_string_equal(lint_warning_message(LINT_INCLUDE_WITHOUT_RECORD, &rep, msg,
						 sizeof(msg)),
			    "Der Eintrag verweist auf nowhere.example, dort gibt es aber keinen "
			    "SPF-Eintrag. Empfänger-Mailserver werten das als Fehler (permerror).");
}

/* Issue 13: each weak or wasteful record gets a sentence of its own. */
static void
lint_names_weak_records(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	fake_add(&z, "hasa.example", DNS_TYPE_A, "192.0.2.7");
	struct dns_seam seam = fake_seam(&z);
	struct lint_report rep;
	char msg[768];
	const char *rec = "v=spf1 a:hasa.example mx:hasa.example -all";
	assert_true(lint_record(DOMAIN, rec, strlen(rec), &seam, &rep));
	assert_int_equal(rep.warnings, LINT_VOID_LOOKUP);
	assert_string_equal(lint_warning_message(LINT_VOID_LOOKUP, &rep, msg, sizeof(msg)),
			    "„mx“ fragt nach den Mailservern von hasa.example, dort gibt es aber "
			    "keine. Das kostet eine leere Abfrage (höchstens 2 sind erlaubt) und "
			    "erlaubt keinen Server.");
	rec = "v=spf1 a:none.example -all";
	assert_true(lint_record(DOMAIN, rec, strlen(rec), &seam, &rep));
	assert_string_equal(lint_warning_message(LINT_VOID_LOOKUP, &rep, msg, sizeof(msg)),
			    "„a“ fragt nach den Adressen von none.example, dort gibt es aber "
			    "keine. Das kostet eine leere Abfrage (höchstens 2 sind erlaubt) und "
			    "erlaubt keinen Server.");
	/* 451 bytes: over 450, and over 255 too. */
	char big[452] = "v=spf1";
	while (strlen(big) + 17 <= 450 - 5)
		strcat(big, " ip4:192.0.2.1/32");
	while (strlen(big) < 446)
		strcat(big, " ");
	strcat(big, "-all");
	big[450] = ' ';
	big[451] = '\0';
	assert_int_equal(strlen(big), 451);
	assert_true(lint_record(DOMAIN, big, strlen(big), &seam, &rep));
	assert_int_equal(rep.warnings, LINT_LONGER_THAN_255 | LINT_LONGER_THAN_450);
	assert_false(lint_is_fatal(rep.warnings));
	big[450] = '\0';
	assert_true(lint_record(DOMAIN, big, strlen(big), &seam, &rep));
	assert_int_equal(rep.warnings, LINT_LONGER_THAN_255);
	rec = "v=spf1 exp=a.example exp=b.example -all";
	assert_true(lint_record(DOMAIN, rec, strlen(rec), &seam, &rep));
	assert_true(lint_is_fatal(rep.warnings));
	assert_string_equal(lint_warning_message(LINT_SYNTAX, &rep, msg, sizeof(msg)),
			    "Im SPF-Eintrag steht „redirect=“ oder „exp=“ mehr als einmal (bei "
			    "Zeichen 22). Empfänger-Mailserver werten das als Fehler (permerror).");
}

static void
lint_counts_loops_and_stays_bounded(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	fake_add(&z, "a.example", DNS_TYPE_TXT, "v=spf1 include:b.example -all");
	fake_add(&z, "b.example", DNS_TYPE_TXT, "v=spf1 include:a.example -all");
	struct dns_seam seam = fake_seam(&z);
	struct lint_report rep;
	const char *rec = "v=spf1 include:a.example -all";
	assert_true(lint_record(DOMAIN, rec, strlen(rec), &seam, &rep));
	assert_true(rep.warnings & LINT_LOOP);
	assert_true(rep.warnings & LINT_TOO_MANY_DNS_TERMS);
	assert_true(z.lookups < 10);
	/* Two includes of one domain side by side are no loop: both count. */
	fake_add(&z, "c.example", DNS_TYPE_TXT, "v=spf1 a:h.c.example -all");
	fake_add(&z, "h.c.example", DNS_TYPE_A, "192.0.2.9");
	fake_add(&z, "l.example", DNS_TYPE_TXT, "v=spf1 include:c.example -all");
	fake_add(&z, "r.example", DNS_TYPE_TXT, "v=spf1 include:c.example -all");
	rec = "v=spf1 include:l.example include:r.example ~all";
	assert_true(lint_record(DOMAIN, rec, strlen(rec), &seam, &rep));
	assert_int_equal(rep.warnings, 0);
	assert_int_equal(rep.dns_terms, 6);
	/* Macros and time-outs make the count a lower bound. */
	z.timeout_name = "a.example";
	rec = "v=spf1 exists:%{i}.x.example include:a.example -all";
	assert_true(lint_record(DOMAIN, rec, strlen(rec), &seam, &rep));
	assert_true(rep.incomplete);
	assert_int_equal(rep.dns_terms, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_record_gets_the_template),
		cmocka_unit_test(no_mx_leaves_mx_out_of_the_template),
		cmocka_unit_test(softfail_record_is_extended_before_its_all),
		cmocka_unit_test(redirect_record_gets_terms_before_redirect),
		cmocka_unit_test(authorised_through_include_needs_nothing),
		cmocka_unit_test(only_the_missing_family_is_added),
		cmocka_unit_test(ip_in_the_text_is_not_enough),
		cmocka_unit_test(two_records_become_one),
		cmocka_unit_test(two_records_one_with_flicono_no_doubled_terms),
		cmocka_unit_test(terms_present_but_include_broken),
		cmocka_unit_test(record_at_nine_lookups_stays_at_nine),
		cmocka_unit_test(merge_that_crosses_255_bytes),
		cmocka_unit_test(insert_keeps_every_byte),
		cmocka_unit_test(broken_record_is_not_touched),
		cmocka_unit_test(lint_names_what_protects_nothing),
		cmocka_unit_test(lint_counts_loops_and_stays_bounded),
		cmocka_unit_test(lint_names_weak_records),
	};
	return cmocka_run_group_tests(tests, load_profile, free_profile);
}
