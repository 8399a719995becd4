/* test-spf-parse.c — the RFC 7208 record grammar: accepted records, the
 * structure of the parsed terms, and errors with their reasons and offsets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "spf_parse.h"

struct error_case {
	const char *record;
	enum spf_parse_reason reason;
	size_t offset; /* of the offending byte */
	size_t term_off;
};

static const struct error_case error_cases[] = {
	{"v=spf2 -all", SPF_PARSE_NOT_SPF, 0, 0},
	{"v=spf10", SPF_PARSE_NOT_SPF, 0, 0},
	{"v=spf1 ip4:1.2.3.4 -all moo", SPF_PARSE_UNKNOWN_MECHANISM, 24, 24},
	{"v=spf1 -all.", SPF_PARSE_UNKNOWN_MECHANISM, 8, 7},
	{"v=spf1 -all:foobar", SPF_PARSE_UNEXPECTED_ARGUMENT, 11, 7},
	{"v=spf1 -all/8", SPF_PARSE_UNEXPECTED_ARGUMENT, 11, 7},
	{"v=spf1 moo.cow/far_out=man:dog/cat", SPF_PARSE_UNKNOWN_MECHANISM, 7, 7},
	{"v=spf1 ip4:1.2.3.4 redirect:t2.example.com", SPF_PARSE_UNKNOWN_MECHANISM, 19, 19},
	{"v=spf1 1up=foo", SPF_PARSE_UNKNOWN_TERM, 7, 7},
	{"v=spf1 =all", SPF_PARSE_UNKNOWN_TERM, 7, 7},
	{"v=spf1 -redirect=x.example.com", SPF_PARSE_QUALIFIED_MODIFIER, 7, 7},
	{"v=spf1 a:foo-bar -all", SPF_PARSE_BAD_DOMAIN, 9, 7},
	{"v=spf1 a:museum", SPF_PARSE_BAD_DOMAIN, 9, 7},
	{"v=spf1 a:museum.", SPF_PARSE_BAD_DOMAIN, 9, 7},
	{"v=spf1 a:abc.123", SPF_PARSE_BAD_DOMAIN, 13, 7},
	{"v=spf1 a:example.-com", SPF_PARSE_BAD_DOMAIN, 17, 7},
	{"v=spf1 a:example.com:8080", SPF_PARSE_BAD_DOMAIN, 17, 7},
	{"v=spf1 a:", SPF_PARSE_MISSING_DOMAIN, 9, 7},
	{"v=spf1 include", SPF_PARSE_MISSING_DOMAIN, 14, 7},
	{"v=spf1 include: -all", SPF_PARSE_MISSING_DOMAIN, 15, 7},
	{"v=spf1 include:ip5.example.com/24 -all", SPF_PARSE_BAD_DOMAIN, 27, 7},
	{"v=spf1 exists:mail.example.com/24", SPF_PARSE_BAD_DOMAIN, 27, 7},
	{"v=spf1 ptr/0 -all", SPF_PARSE_UNEXPECTED_ARGUMENT, 10, 7},
	{"v=spf1 a/33 -all", SPF_PARSE_BAD_CIDR, 9, 7},
	{"v=spf1 a//129 -all", SPF_PARSE_BAD_CIDR, 10, 7},
	{"v=spf1 a/24/64 -all", SPF_PARSE_BAD_CIDR, 12, 7},
	{"v=spf1 ip4:1.2.3.4/032 -all", SPF_PARSE_BAD_CIDR, 19, 7},
	{"v=spf1 ip4:1.2.3.4/33", SPF_PARSE_BAD_CIDR, 19, 7},
	{"v=spf1 ip4:1.2.3.4//32", SPF_PARSE_BAD_CIDR, 19, 7},
	{"v=spf1 ip4:1.2.3", SPF_PARSE_BAD_IP4, 11, 7},
	{"v=spf1 ip4:1.2.3.4:8080", SPF_PARSE_BAD_IP4, 11, 7},
	{"v=spf1 ip4", SPF_PARSE_BAD_IP4, 10, 7},
	{"v=spf1 -all ip6", SPF_PARSE_BAD_IP6, 15, 12},
	{"v=spf1 ip6::CAFE::BABE", SPF_PARSE_BAD_IP6, 11, 7},
	{"v=spf1 ip6:::1.1.1.1//33", SPF_PARSE_BAD_CIDR, 21, 7},
	{"v=spf1 a:ctrl.example.com\rptr -all", SPF_PARSE_BAD_CHAR, 25, 7},
	{"v=spf1 \x80" "a:example.net -all", SPF_PARSE_BAD_CHAR, 7, 7},
	{"v=spf1 -exists:%(ir).sbl.example.com ?all", SPF_PARSE_BAD_MACRO, 15, 7},
	{"v=spf1 exists:foo%.sbl.example.com", SPF_PARSE_BAD_MACRO, 17, 7},
	{"v=spf1 -all exp=%{r}.example.com", SPF_PARSE_MACRO_NOT_ALLOWED, 18, 12},
	{"v=spf1 a:%{d0}.example.com", SPF_PARSE_BAD_MACRO, 12, 7},
	{"v=spf1 a:%{x}.example.com", SPF_PARSE_BAD_MACRO, 11, 7},
	{"v=spf1 a:%{d.example.com", SPF_PARSE_BAD_MACRO, 13, 7},
	{"v=spf1 -all foo=%abc", SPF_PARSE_BAD_MACRO, 16, 12},
	{"v=spf1 exp=a.example.com exp=b.example.com -all", SPF_PARSE_DUPLICATE_MODIFIER, 25, 25},
	{"v=spf1 redirect=a.example.com -all redirect=a.example.com",
	 SPF_PARSE_DUPLICATE_MODIFIER, 35, 35},
	{"v=spf1 exp= -all", SPF_PARSE_MISSING_DOMAIN, 11, 7},
	{"v=spf1 redirect=-all ?all", SPF_PARSE_BAD_DOMAIN, 16, 7},
};

static void
test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
		const struct error_case *c = &error_cases[i];
		struct spf_record *rec = (struct spf_record *)1;
		struct spf_parse_error err;
		bool ok = spf_parse(c->record, strlen(c->record), &rec, &err);
		if (ok || err.reason != c->reason || err.offset != c->offset ||
		    (c->reason != SPF_PARSE_NOT_SPF && err.term.off != c->term_off))
			print_error("case %zu \"%s\": ok=%d reason=%d offset=%zu term=%zu\n", i,
				    c->record, ok, err.reason, err.offset, err.term.off);
		assert_false(ok);
		assert_null(rec);
		assert_int_equal(err.reason, c->reason);
		assert_int_equal(err.offset, c->offset);
		if (c->reason != SPF_PARSE_NOT_SPF)
			assert_int_equal(err.term.off, c->term_off);
	}
}

static const char *const good_records[] = {
	"v=spf1",
	"V=sPf1 ~all",
	"v=spf1 a  -all",
	"v=spf1 a -all ",
	"v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all",
	"v=spf1 a:foo:bar/baz.example.com",
	"v=spf1 a:foo.example.xn--zckzah -all",
	"v=spf1 a:mail.example...com -all",
	"v=spf1 a:%{H}.bar -all",
	"v=spf1 a:macro%%percent%_%_space%-url-space.example.com -all",
	"v=spf1 exists:%{l2r+-}.user.%{d2}",
	"v=spf1 redirect=%{d}.d.spf.example.com.",
	"v=spf1 include:o.spf.example.com. ~all",
	"v=spf1 -all exp=msg8.%{D2}",
	"v=spf1 default=pass",
	"v=spf1 default=+",
	"v=spf1 ip6:::FFFF:1.2.3.4 ip6:Cafe:Babe:8000::/33 ip4:1.1.1.1/0",
	"v=spf1 foo=",
	"v=spf1 x=%{c}%{r}%{t}",
};

static void
test_good(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(good_records) / sizeof(good_records[0]); i++) {
		struct spf_record *rec = NULL;
		struct spf_parse_error err;
		bool ok = spf_parse(good_records[i], strlen(good_records[i]), &rec, &err);
		if (!ok)
			print_error("\"%s\": reason %d at %zu\n", good_records[i], err.reason,
				    err.offset);
		assert_true(ok);
		assert_non_null(rec);
		spf_record_free(rec);
	}
}

static void
assert_span(const struct spf_record *rec, struct spf_span span, const char *want)
{
	assert_int_equal(span.len, strlen(want));
	assert_memory_equal(rec->text + span.off, want, span.len);
}

static void
test_structure(void **state)
{
	(void)state;
	const char *text = "v=spf1 mx a:x.example.com/24//64 ~ip4:192.0.2.0/24 "
			   "ip6:2001:db8::/32 ?include:_spf.example.net ptr "
			   "exists:%{i}.x.example exp=why.example.com foo=bar -all "
			   "redirect=r.example.com";
	struct spf_record *rec = NULL;
	struct spf_parse_error err;
	assert_true(spf_parse(text, strlen(text), &rec, &err));
	assert_int_equal(rec->nterms, 11);
	static const enum spf_term_kind kinds[] = {
		SPF_TERM_MX, SPF_TERM_A, SPF_TERM_IP4, SPF_TERM_IP6,
		SPF_TERM_INCLUDE, SPF_TERM_PTR, SPF_TERM_EXISTS, SPF_TERM_EXP,
		SPF_TERM_UNKNOWN_MODIFIER, SPF_TERM_ALL, SPF_TERM_REDIRECT,
	};
	for (size_t i = 0; i < 11; i++)
		assert_int_equal(rec->terms[i].kind, kinds[i]);

	const struct spf_term *mx = &rec->terms[0];
	assert_false(mx->has_value);
	assert_false(mx->has_cidr4);
	assert_int_equal(mx->cidr4, 32);
	assert_int_equal(mx->cidr6, 128);
	assert_int_equal(mx->qualifier, SPF_QUALIFIER_PASS);
	assert_false(mx->qualifier_written);

	const struct spf_term *a = &rec->terms[1];
	assert_span(rec, a->text, "a:x.example.com/24//64");
	assert_span(rec, a->value, "x.example.com");
	assert_true(a->has_cidr4 && a->has_cidr6);
	assert_int_equal(a->cidr4, 24);
	assert_int_equal(a->cidr6, 64);

	const struct spf_term *ip4 = &rec->terms[2];
	assert_int_equal(ip4->qualifier, SPF_QUALIFIER_SOFTFAIL);
	assert_true(ip4->qualifier_written);
	assert_span(rec, ip4->name, "ip4");
	assert_span(rec, ip4->value, "192.0.2.0");
	assert_int_equal(ip4->network.family, SPF_IP_V4);
	assert_int_equal(ip4->network.addr[0], 192);
	assert_int_equal(ip4->cidr4, 24);

	assert_span(rec, rec->terms[3].value, "2001:db8::");
	assert_int_equal(rec->terms[3].cidr6, 32);
	assert_int_equal(rec->terms[4].qualifier, SPF_QUALIFIER_NEUTRAL);
	assert_span(rec, rec->terms[4].value, "_spf.example.net");
	assert_span(rec, rec->terms[6].value, "%{i}.x.example");
	assert_span(rec, rec->terms[8].name, "foo");
	assert_span(rec, rec->terms[8].value, "bar");
	assert_int_equal(rec->terms[9].qualifier, SPF_QUALIFIER_FAIL);
	assert_int_equal(rec->exp, 7);
	assert_int_equal(rec->redirect, 10);
	assert_span(rec, rec->terms[10].value, "r.example.com");

	/* Insert before the final "all" (the merge module's use). */
	size_t at = spf_record_insert_offset(rec);
	assert_int_equal(at, rec->terms[9].text.off);
	assert_memory_equal(rec->text + at, "-all", 4);
	assert_int_equal(spf_record_find(rec, SPF_TERM_ALL, 0), 9);
	assert_int_equal(spf_record_find(rec, SPF_TERM_ALL, 10), SPF_NO_TERM);
	spf_record_free(rec);
}

static void
test_insert_offset(void **state)
{
	(void)state;
	static const struct {
		const char *record;
		size_t offset;
	} cases[] = {
		{"v=spf1 mx -all", 10},
		{"v=spf1 mx redirect=_spf.example.com", 10},
		{"v=spf1 mx", 9},
		{"v=spf1 mx  ", 9},
		{"v=spf1", 6},
		{"v=spf1 redirect=x.example.com ~all", 30},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct spf_record *rec = NULL;
		assert_true(spf_parse(cases[i].record, strlen(cases[i].record), &rec, NULL));
		assert_int_equal(spf_record_insert_offset(rec), cases[i].offset);
		spf_record_free(rec);
	}
}

static void
test_version_selection(void **state)
{
	(void)state;
	assert_true(spf_parse_is_spf("v=spf1", 6));
	assert_true(spf_parse_is_spf("V=SPF1 -all", 11));
	assert_false(spf_parse_is_spf("v=spf1-all", 10));
	assert_false(spf_parse_is_spf("v=spf10", 7));
	assert_false(spf_parse_is_spf(" v=spf1", 7));
	assert_false(spf_parse_is_spf("v=spf", 5));
	/* NUL inside: the length counts, not strlen. */
	static const char nul[] = "v=spf1 a:foo.example.com\0";
	struct spf_record *rec = NULL;
	struct spf_parse_error err;
	assert_false(spf_parse(nul, sizeof(nul) - 1, &rec, &err));
	assert_int_equal(err.reason, SPF_PARSE_BAD_CHAR);
	assert_int_equal(err.offset, 24);
}

static void
test_free_null(void **state)
{
	(void)state;
	spf_record_free(NULL);
	assert_true(spf_term_counts_lookup(SPF_TERM_REDIRECT));
	assert_false(spf_term_counts_lookup(SPF_TERM_EXP));
	assert_false(spf_term_counts_lookup(SPF_TERM_IP4));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_insert_offset),
		cmocka_unit_test(test_version_selection),
		cmocka_unit_test(test_free_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
