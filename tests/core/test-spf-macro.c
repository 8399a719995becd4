/* test-spf-macro.c — RFC 7208 section 7 macro expansion: the examples of
 * 7.4, escapes, URL-escaping, the p callback, syntax errors, truncation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "spf_macro.h"

static unsigned p_calls;

static const char *
fake_validated(void *ctx, const char *domain)
{
	(void)ctx;
	p_calls++;
	return strcmp(domain, "email.example.com") == 0 ? "mx.email.example.com" : "unknown";
}

struct expand_case {
	const char *in;
	enum spf_macro_context ctx;
	bool ipv6;
	const char *want;
};

/* RFC 7208 7.4: sender strong-bad@email.example.com, IPv4 192.0.2.3,
 * IPv6 2001:db8::cb01. */
static const struct expand_case expand_cases[] = {
	{"%{s}", SPF_MACRO_DOMAIN, false, "strong-bad@email.example.com"},
	{"%{o}", SPF_MACRO_DOMAIN, false, "email.example.com"},
	{"%{d}", SPF_MACRO_DOMAIN, false, "email.example.com"},
	{"%{d4}", SPF_MACRO_DOMAIN, false, "email.example.com"},
	{"%{d3}", SPF_MACRO_DOMAIN, false, "email.example.com"},
	{"%{d2}", SPF_MACRO_DOMAIN, false, "example.com"},
	{"%{d1}", SPF_MACRO_DOMAIN, false, "com"},
	{"%{dr}", SPF_MACRO_DOMAIN, false, "com.example.email"},
	{"%{d2r}", SPF_MACRO_DOMAIN, false, "example.email"},
	{"%{l}", SPF_MACRO_DOMAIN, false, "strong-bad"},
	{"%{l-}", SPF_MACRO_DOMAIN, false, "strong.bad"},
	{"%{lr}", SPF_MACRO_DOMAIN, false, "strong-bad"},
	{"%{lr-}", SPF_MACRO_DOMAIN, false, "bad.strong"},
	{"%{l1r-}", SPF_MACRO_DOMAIN, false, "strong"},
	{"%{ir}.%{v}._spf.%{d2}", SPF_MACRO_DOMAIN, false, "3.2.0.192.in-addr._spf.example.com"},
	{"%{lr-}.lp._spf.%{d2}", SPF_MACRO_DOMAIN, false, "bad.strong.lp._spf.example.com"},
	{"%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", SPF_MACRO_DOMAIN, false,
	 "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"},
	{"%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", SPF_MACRO_DOMAIN, false,
	 "3.2.0.192.in-addr.strong.lp._spf.example.com"},
	{"%{d2}.trusted-domains.example.net", SPF_MACRO_DOMAIN, false,
	 "example.com.trusted-domains.example.net"},
	/* upper-case nibbles: the form the openspf suite expects */
	{"%{ir}.%{v}._spf.%{d2}", SPF_MACRO_DOMAIN, true,
	 "1.0.B.C.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6._spf.example.com"},
	{"%{c}", SPF_MACRO_EXPLANATION, true, "2001:db8::cb01"},
	{"%{c} %{r} %{t}", SPF_MACRO_EXPLANATION, false, "192.0.2.3 mx.receiver.example 1234567890"},
	{"%{i}", SPF_MACRO_DOMAIN, false, "192.0.2.3"},
	{"%{h}", SPF_MACRO_DOMAIN, false, "helo.example.org"},
	{"%{p}", SPF_MACRO_DOMAIN, false, "mx.email.example.com"},
	{"%{p2}", SPF_MACRO_DOMAIN, false, "example.com"},
	{"a%%b%_c%-d", SPF_MACRO_DOMAIN, false, "a%b c%20d"},
	{"%{L}", SPF_MACRO_DOMAIN, false, "strong-bad"},
	{"%{S}", SPF_MACRO_DOMAIN, false, "strong-bad%40email.example.com"},
	{"%{d9999}", SPF_MACRO_DOMAIN, false, "email.example.com"},
	{"%{D2R}", SPF_MACRO_DOMAIN, false, "example.email"},
	{"x%{d2}y", SPF_MACRO_MODIFIER, false, "xexample.comy"},
	{"", SPF_MACRO_DOMAIN, false, ""},
};

static void
fill_vars(struct spf_macro_vars *v, struct spf_ip *ip, bool ipv6)
{
	assert_true(spf_ip_parse(ipv6 ? "2001:db8::cb01" : "192.0.2.3", ip));
	*v = (struct spf_macro_vars){
		.sender = "strong-bad@email.example.com",
		.local = "strong-bad",
		.sender_domain = "email.example.com",
		.domain = "email.example.com",
		.ip = ip,
		.helo = "helo.example.org",
		.receiver = "mx.receiver.example",
		.timestamp = 1234567890,
		.validated_name = fake_validated,
	};
}

static void
test_expand(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(expand_cases) / sizeof(expand_cases[0]); i++) {
		const struct expand_case *c = &expand_cases[i];
		struct spf_macro_vars v;
		struct spf_ip ip;
		fill_vars(&v, &ip, c->ipv6);
		char *out = NULL;
		size_t len = 0;
		enum spf_macro_error why;
		bool ok = spf_macro_expand(c->in, strlen(c->in), c->ctx, &v, &out, &len, &why);
		if (!ok || strcmp(out, c->want) != 0)
			print_error("case %zu \"%s\": ok=%d got \"%s\" want \"%s\"\n", i, c->in, ok,
				    out ? out : "(null)", c->want);
		assert_true(ok);
		assert_string_equal(out, c->want);
		assert_int_equal(len, strlen(c->want));
		free(out);
	}
}

static void
test_url_escape(void **state)
{
	(void)state;
	struct spf_macro_vars v;
	struct spf_ip ip;
	fill_vars(&v, &ip, false);
	v.local = "~jack&jill=up-a_b3.c";
	v.helo = "JUMPIN' JUPITER";
	char *out;
	size_t len;
	enum spf_macro_error why;
	const char *in = "http://example.com/why.html?l=%{L} %{H}";
	assert_true(spf_macro_expand(in, strlen(in), SPF_MACRO_EXPLANATION, &v, &out, &len, &why));
	assert_string_equal(out,
			    "http://example.com/why.html?l=~jack%26jill%3Dup-a_b3.c JUMPIN%27%20JUPITER");
	free(out);
}

static void
test_p_lazy(void **state)
{
	(void)state;
	struct spf_macro_vars v;
	struct spf_ip ip;
	fill_vars(&v, &ip, false);
	char *out;
	size_t len;
	enum spf_macro_error why;
	p_calls = 0;
	assert_true(spf_macro_expand("%{d}", 4, SPF_MACRO_DOMAIN, &v, &out, &len, &why));
	free(out);
	assert_int_equal(p_calls, 0); /* no DNS for %{p} unless it is used */
	assert_true(spf_macro_check("%{p}", 4, SPF_MACRO_DOMAIN, &why, NULL, NULL));
	assert_int_equal(p_calls, 0);
	v.domain = "other.example";
	assert_true(spf_macro_expand("%{p}", 4, SPF_MACRO_DOMAIN, &v, &out, &len, &why));
	assert_string_equal(out, "unknown");
	assert_int_equal(p_calls, 1);
	free(out);
}

struct error_case {
	const char *in;
	enum spf_macro_context ctx;
	enum spf_macro_error why;
	size_t offset;
	bool ends_with_macro; /* for the valid ones */
};

static const struct error_case check_cases[] = {
	{"%{x}", SPF_MACRO_DOMAIN, SPF_MACRO_BAD_LETTER, 2, false},
	{"ab%{d0}", SPF_MACRO_DOMAIN, SPF_MACRO_BAD_DIGITS, 5, false},
	{"%a", SPF_MACRO_DOMAIN, SPF_MACRO_BAD_PERCENT, 0, false},
	{"foo%", SPF_MACRO_DOMAIN, SPF_MACRO_BAD_PERCENT, 3, false},
	{"%(ir)", SPF_MACRO_DOMAIN, SPF_MACRO_BAD_PERCENT, 0, false},
	{"%{d", SPF_MACRO_DOMAIN, SPF_MACRO_UNTERMINATED, 0, false},
	{"%{d2x}", SPF_MACRO_DOMAIN, SPF_MACRO_UNTERMINATED, 4, false},
	{"%{", SPF_MACRO_DOMAIN, SPF_MACRO_UNTERMINATED, 0, false},
	{"%{c}", SPF_MACRO_DOMAIN, SPF_MACRO_LETTER_NOT_ALLOWED, 2, false},
	{"%{R}", SPF_MACRO_DOMAIN, SPF_MACRO_LETTER_NOT_ALLOWED, 2, false},
	{"x.%{t}", SPF_MACRO_DOMAIN, SPF_MACRO_LETTER_NOT_ALLOWED, 4, false},
	{"a b", SPF_MACRO_DOMAIN, SPF_MACRO_BAD_CHAR, 1, false},
	{"a b", SPF_MACRO_MODIFIER, SPF_MACRO_BAD_CHAR, 1, false},
	{"ab\x7f", SPF_MACRO_EXPLANATION, SPF_MACRO_BAD_CHAR, 2, false},
	{"\xef\xbb\xbf" "Explanation", SPF_MACRO_EXPLANATION, SPF_MACRO_BAD_CHAR, 0, false},
	{"The %{x}-files.", SPF_MACRO_EXPLANATION, SPF_MACRO_BAD_LETTER, 6, false},
	/* valid */
	{"a b %{c}", SPF_MACRO_EXPLANATION, SPF_MACRO_OK, 0, true},
	{"x.%{d}", SPF_MACRO_DOMAIN, SPF_MACRO_OK, 0, true},
	{"x.%-", SPF_MACRO_DOMAIN, SPF_MACRO_OK, 0, true},
	{"%{d}.com", SPF_MACRO_DOMAIN, SPF_MACRO_OK, 0, false},
	{"%{l1r+-=,/_.}", SPF_MACRO_DOMAIN, SPF_MACRO_OK, 0, true},
	{"%{c}", SPF_MACRO_MODIFIER, SPF_MACRO_OK, 0, true},
};

static void
test_check(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(check_cases) / sizeof(check_cases[0]); i++) {
		const struct error_case *c = &check_cases[i];
		enum spf_macro_error why = SPF_MACRO_NOMEM;
		size_t off = 999;
		bool ends = !c->ends_with_macro;
		bool ok = spf_macro_check(c->in, strlen(c->in), c->ctx, &why, &off, &ends);
		if (ok != (c->why == SPF_MACRO_OK) || why != c->why || off != c->offset)
			print_error("case %zu \"%s\": ok=%d why=%d off=%zu\n", i, c->in, ok, why, off);
		assert_int_equal(ok, c->why == SPF_MACRO_OK);
		assert_int_equal(why, c->why);
		assert_int_equal(off, c->offset);
		if (ok)
			assert_int_equal(ends, c->ends_with_macro);
		/* Expansion refuses what the check refuses. */
		struct spf_macro_vars v;
		struct spf_ip ip;
		fill_vars(&v, &ip, false);
		char *out = (char *)1;
		size_t len;
		assert_int_equal(spf_macro_expand(c->in, strlen(c->in), c->ctx, &v, &out, &len, &why),
				 ok);
		if (!ok)
			assert_null(out);
		free(ok ? out : NULL);
	}
}

static void
test_truncate(void **state)
{
	(void)state;
	char name[600];
	/* "foobar." + 8 x 30 bytes + "example.com" = 258 bytes: "foobar." goes. */
	strcpy(name, "foobar.");
	for (int i = 0; i < 8; i++)
		strcat(name, "somewhat.long.exp.example.com.");
	strcat(name, "example.com.");
	size_t len = strlen(name);
	spf_macro_truncate_domain(name, &len);
	assert_int_equal(len, 251);
	assert_int_equal(strlen(name), 251);
	assert_memory_equal(name, "somewhat.long.", 14);
	assert_memory_equal(name + len - 12, ".example.com", 12);

	char short_name[] = "example.com.";
	len = strlen(short_name);
	spf_macro_truncate_domain(short_name, &len);
	assert_string_equal(short_name, "example.com");
	assert_int_equal(len, 11);

	/* exactly 253 stays */
	char exact[300];
	memset(exact, 'a', 253);
	exact[253] = '\0';
	for (int i = 63; i < 253; i += 64)
		exact[i] = '.';
	len = 253;
	spf_macro_truncate_domain(exact, &len);
	assert_int_equal(len, 253);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_url_escape),
		cmocka_unit_test(test_p_lazy),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_truncate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
