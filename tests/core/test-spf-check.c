/* test-spf-check.c — check_host() over a small fake DNS seam: results,
 * include/redirect, limits, errors with their context, explanations, the
 * HELO identity, IPv4-mapped clients and the trace events. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "spf_check.h"

/* Pseudo types for the fake zone: the name times out / fails for every type. */
#define FAKE_TIMEOUT 1000
#define FAKE_SERVFAIL 1001

struct fake_rr {
	const char *name;
	int type;
	const char *data; /* text; A/AAAA: address text */
	size_t len;       /* 0: strlen(data) */
	uint16_t pref;
};

static const struct fake_rr zone[] = {
	{"pass.example", DNS_TYPE_TXT, "v=spf1 ip4:192.0.2.0/24 -all", 0, 0},
	{"fail.example", DNS_TYPE_TXT, "v=spf1 -all exp=why.fail.example", 0, 0},
	{"why.fail.example", DNS_TYPE_TXT, "%{i} is not allowed for %{d}", 0, 0},
	{"nodefault.example", DNS_TYPE_TXT, "v=spf1 -all", 0, 0},
	{"two.example", DNS_TYPE_TXT, "v=spf1 -all", 0, 0},
	{"two.example", DNS_TYPE_TXT, "V=SPF1 +all", 0, 0},
	{"other.example", DNS_TYPE_TXT, "site-verification=x", 0, 0},
	{"other.example", DNS_TYPE_TXT, "v=spf1 ~all", 0, 0},
	{"other.example", DNS_TYPE_TXT, "v=spf10 +all", 0, 0},
	{"none.example", DNS_TYPE_A, "192.0.2.1", 0, 0},
	{"inc.example", DNS_TYPE_TXT, "v=spf1 include:pass.example -all exp=why.fail.example", 0, 0},
	{"incnone.example", DNS_TYPE_TXT, "v=spf1 include:none.example -all", 0, 0},
	{"incto.example", DNS_TYPE_TXT, "v=spf1 include:timeout.example -all", 0, 0},
	{"timeout.example", FAKE_TIMEOUT, NULL, 0, 0},
	{"servfail.example", FAKE_SERVFAIL, NULL, 0, 0},
	{"redir.example", DNS_TYPE_TXT, "v=spf1 exp=why.fail.example redirect=pass.example", 0, 0},
	{"redirnone.example", DNS_TYPE_TXT, "v=spf1 redirect=none.example", 0, 0},
	{"limit10.example", DNS_TYPE_TXT,
	 "v=spf1 a:h.example a:h.example a:h.example a:h.example a:h.example a:h.example "
	 "a:h.example a:h.example a:h.example a:h.example ip4:192.0.2.0/24 -all", 0, 0},
	{"limit11.example", DNS_TYPE_TXT,
	 "v=spf1 a:h.example a:h.example a:h.example a:h.example a:h.example a:h.example "
	 "a:h.example a:h.example a:h.example include:limit2.example ip4:192.0.2.0/24 -all", 0, 0},
	{"limit2.example", DNS_TYPE_TXT, "v=spf1 a:h.example -all", 0, 0},
	{"h.example", DNS_TYPE_A, "203.0.113.1", 0, 0},
	{"void2.example", DNS_TYPE_TXT, "v=spf1 a:nx1.example mx:none.example ip4:192.0.2.0/24", 0, 0},
	{"void3.example", DNS_TYPE_TXT,
	 "v=spf1 a:nx1.example mx:none.example exists:nx3.example ip4:192.0.2.0/24", 0, 0},
	{"mx.example", DNS_TYPE_TXT, "v=spf1 mx -all", 0, 0},
	{"mx.example", DNS_TYPE_MX, "mail.mx.example", 0, 10},
	{"mx.example", DNS_TYPE_MX, "", 0, 0},
	{"mail.mx.example", DNS_TYPE_A, "192.0.2.25", 0, 0},
	{"mail.mx.example", DNS_TYPE_AAAA, "2001:db8::25", 0, 0},
	{"mx11.example", DNS_TYPE_TXT, "v=spf1 mx -all", 0, 0},
	{"mx11.example", DNS_TYPE_MX, "m1.example", 0, 1},
	{"mx11.example", DNS_TYPE_MX, "m2.example", 0, 2},
	{"mx11.example", DNS_TYPE_MX, "m3.example", 0, 3},
	{"mx11.example", DNS_TYPE_MX, "m4.example", 0, 4},
	{"mx11.example", DNS_TYPE_MX, "m5.example", 0, 5},
	{"mx11.example", DNS_TYPE_MX, "m6.example", 0, 6},
	{"mx11.example", DNS_TYPE_MX, "m7.example", 0, 7},
	{"mx11.example", DNS_TYPE_MX, "m8.example", 0, 8},
	{"mx11.example", DNS_TYPE_MX, "m9.example", 0, 9},
	{"mx11.example", DNS_TYPE_MX, "m10.example", 0, 10},
	{"mx11.example", DNS_TYPE_MX, "m11.example", 0, 11},
	{"syntax.example", DNS_TYPE_TXT, "v=spf1 ip4:192.0.2.1 -all moo", 0, 0},
	{"nul.example", DNS_TYPE_TXT, "v=spf1 ip4:192.0.2.1\0 -all", 26, 0},
	{"helo.example", DNS_TYPE_TXT, "v=spf1 a -all exp=exp.helo.example", 0, 0},
	{"helo.example", DNS_TYPE_A, "192.0.2.7", 0, 0},
	{"exp.helo.example", DNS_TYPE_TXT, "%{s} via %{h} from %{c}", 0, 0},
	{"ptr.example", DNS_TYPE_TXT, "v=spf1 ptr -all", 0, 0},
	{"5.2.0.192.in-addr.arpa", DNS_TYPE_PTR, "host.ptr.example", 0, 0},
	{"host.ptr.example", DNS_TYPE_A, "192.0.2.5", 0, 0},
	{"existsto.example", DNS_TYPE_TXT, "v=spf1 exists:timeout.example -all", 0, 0},
	{"asf.example", DNS_TYPE_TXT, "v=spf1 a:servfail.example -all", 0, 0},
	{"ptrto.example", DNS_TYPE_TXT, "v=spf1 ptr:timeout.example -all", 0, 0},
	{"cidr.example", DNS_TYPE_TXT, "v=spf1 a:h.example/24//48 -all", 0, 0},
	{"cidr.example", DNS_TYPE_A, "198.51.100.9", 0, 0},
	{"h.example", DNS_TYPE_AAAA, "2001:db8:1:2::1", 0, 0},
	{"badexp.example", DNS_TYPE_TXT, "v=spf1 -all exp=nx-exp.example", 0, 0},
	{NULL, 0, NULL, 0, 0},
};

static unsigned seam_calls;

static enum dns_status
fake_lookup(void *ctx, const char *name, enum dns_type type, struct dns_rrset *out)
{
	(void)ctx;
	seam_calls++;
	bool exists = false;
	for (const struct fake_rr *rr = zone; rr->name; rr++) {
		if (strcasecmp(rr->name, name) != 0)
			continue;
		exists = true;
		if (rr->type == FAKE_TIMEOUT || rr->type == FAKE_SERVFAIL) {
			dns_rrset_clear(out);
			out->status = rr->type == FAKE_TIMEOUT ? DNS_STATUS_TIMEOUT
							       : DNS_STATUS_SERVFAIL;
			return out->status;
		}
		if (rr->type != (int)type)
			continue;
		unsigned char addr[16];
		const void *data = rr->data;
		size_t len = rr->len ? rr->len : strlen(rr->data);
		if (type == DNS_TYPE_A || type == DNS_TYPE_AAAA) {
			assert_int_equal(inet_pton(type == DNS_TYPE_A ? AF_INET : AF_INET6, rr->data,
						   addr),
					 1);
			data = addr;
			len = type == DNS_TYPE_A ? 4 : 16;
		}
		assert_true(dns_rrset_add(out, data, len, 300, rr->pref));
	}
	if (out->count == 0)
		out->status = exists ? DNS_STATUS_NODATA : DNS_STATUS_NXDOMAIN;
	return out->status;
}

static const struct dns_seam seam = {.lookup = fake_lookup};

struct check_case {
	const char *ip;
	const char *sender;
	const char *helo;
	enum spf_result result;
	enum spf_error error;
	const char *explanation; /* NULL: none expected */
	int dns_terms;           /* -1: not checked */
	int void_lookups;        /* -1: not checked */
	const char *error_domain; /* NULL: not checked */
};

static const struct check_case check_cases[] = {
	{"192.0.2.5", "a@pass.example", "h", SPF_RESULT_PASS, SPF_ERROR_NONE, NULL, 0, 0, NULL},
	{"198.51.100.1", "a@pass.example", "h", SPF_RESULT_FAIL, SPF_ERROR_NONE, "DEFAULT", 0, 0,
	 NULL},
	{"::ffff:192.0.2.5", "a@pass.example", "h", SPF_RESULT_PASS, SPF_ERROR_NONE, NULL, 0, 0,
	 NULL},
	{"2001:db8::5", "a@pass.example", "h", SPF_RESULT_FAIL, SPF_ERROR_NONE, "DEFAULT", 0, 0,
	 NULL},
	{"198.51.100.1", "a@fail.example", "h", SPF_RESULT_FAIL, SPF_ERROR_NONE,
	 "198.51.100.1 is not allowed for fail.example", 0, 0, NULL},
	{"192.0.2.5", "a@two.example", "h", SPF_RESULT_PERMERROR, SPF_ERROR_MULTIPLE_RECORDS, NULL,
	 0, 0, "two.example"},
	{"192.0.2.5", "a@other.example", "h", SPF_RESULT_SOFTFAIL, SPF_ERROR_NONE, NULL, 0, 0,
	 NULL},
	{"192.0.2.5", "a@none.example", "h", SPF_RESULT_NONE, SPF_ERROR_NONE, NULL, 0, 0, NULL},
	{"192.0.2.5", "a@nx.example", "h", SPF_RESULT_NONE, SPF_ERROR_NONE, NULL, 0, 0, NULL},
	{"192.0.2.5", "a@timeout.example", "h", SPF_RESULT_TEMPERROR, SPF_ERROR_DNS, NULL, 0, 0,
	 "timeout.example"},
	{"192.0.2.5", "a@inc.example", "h", SPF_RESULT_PASS, SPF_ERROR_NONE, NULL, 1, 0, NULL},
	/* the include's own "-all" does not end the outer check; the outer exp= applies */
	{"198.51.100.1", "a@inc.example", "h", SPF_RESULT_FAIL, SPF_ERROR_NONE,
	 "198.51.100.1 is not allowed for inc.example", 1, 0, NULL},
	{"192.0.2.5", "a@incnone.example", "h", SPF_RESULT_PERMERROR, SPF_ERROR_INCLUDE_NONE, NULL,
	 1, 0, "none.example"},
	{"192.0.2.5", "a@incto.example", "h", SPF_RESULT_TEMPERROR, SPF_ERROR_DNS, NULL, 1, 0,
	 "timeout.example"},
	{"192.0.2.5", "a@redir.example", "h", SPF_RESULT_PASS, SPF_ERROR_NONE, NULL, 1, 0, NULL},
	/* redirect= drops the first record's exp= (RFC 7208 6.2) */
	{"198.51.100.1", "a@redir.example", "h", SPF_RESULT_FAIL, SPF_ERROR_NONE, "DEFAULT", 1, 0,
	 NULL},
	{"192.0.2.5", "a@redirnone.example", "h", SPF_RESULT_PERMERROR, SPF_ERROR_REDIRECT_NONE,
	 NULL, 1, 0, "none.example"},
	{"192.0.2.5", "a@limit10.example", "h", SPF_RESULT_PASS, SPF_ERROR_NONE, NULL, 10, 0, NULL},
	{"192.0.2.5", "a@limit11.example", "h", SPF_RESULT_PERMERROR, SPF_ERROR_DNS_TERM_LIMIT,
	 NULL, 11, 0, "limit2.example"},
	{"192.0.2.5", "a@void2.example", "h", SPF_RESULT_PASS, SPF_ERROR_NONE, NULL, 2, 2, NULL},
	{"192.0.2.5", "a@void3.example", "h", SPF_RESULT_PERMERROR, SPF_ERROR_VOID_LIMIT, NULL, 3,
	 3, "nx3.example"},
	{"192.0.2.25", "a@mx.example", "h", SPF_RESULT_PASS, SPF_ERROR_NONE, NULL, 1, 0, NULL},
	{"2001:db8::25", "a@mx.example", "h", SPF_RESULT_PASS, SPF_ERROR_NONE, NULL, 1, 0, NULL},
	{"192.0.2.26", "a@mx.example", "h", SPF_RESULT_FAIL, SPF_ERROR_NONE, "DEFAULT", 1, 0, NULL},
	{"192.0.2.25", "a@mx11.example", "h", SPF_RESULT_PERMERROR, SPF_ERROR_MX_LIMIT, NULL, 1, 0,
	 "mx11.example"},
	{"192.0.2.1", "a@syntax.example", "h", SPF_RESULT_PERMERROR, SPF_ERROR_SYNTAX, NULL, 0, 0,
	 "syntax.example"},
	{"192.0.2.1", "a@nul.example", "h", SPF_RESULT_PERMERROR, SPF_ERROR_SYNTAX, NULL, 0, 0,
	 "nul.example"},
	/* HELO identity: empty MAIL FROM is postmaster@HELO (RFC 7208 2.3) */
	{"192.0.2.7", "", "helo.example", SPF_RESULT_PASS, SPF_ERROR_NONE, NULL, 1, 0, NULL},
	{"192.0.2.8", NULL, "helo.example", SPF_RESULT_FAIL, SPF_ERROR_NONE,
	 "postmaster@helo.example via helo.example from 192.0.2.8", 1, 0, NULL},
	{"192.0.2.8", "@helo.example", "mail.example", SPF_RESULT_FAIL, SPF_ERROR_NONE,
	 "postmaster@helo.example via mail.example from 192.0.2.8", 1, 0, NULL},
	{"192.0.2.5", "a@ptr.example", "h", SPF_RESULT_PASS, SPF_ERROR_NONE, NULL, 1, 0, NULL},
	{"192.0.2.6", "a@ptr.example", "h", SPF_RESULT_FAIL, SPF_ERROR_NONE, "DEFAULT", 1, 1, NULL},
	/* exists and a: a time-out or SERVFAIL is a temperror (RFC 7208 5) */
	{"192.0.2.5", "a@existsto.example", "h", SPF_RESULT_TEMPERROR, SPF_ERROR_DNS, NULL, 1, 0,
	 "timeout.example"},
	{"192.0.2.5", "a@asf.example", "h", SPF_RESULT_TEMPERROR, SPF_ERROR_DNS, NULL, 1, 0,
	 "servfail.example"},
	/* ptr: target names only filter; no PTR answer means no match */
	{"192.0.2.5", "a@ptrto.example", "h", SPF_RESULT_FAIL, SPF_ERROR_NONE, "DEFAULT", 1, 0,
	 NULL},
	{"203.0.113.200", "a@cidr.example", "h", SPF_RESULT_PASS, SPF_ERROR_NONE, NULL, 1, 0, NULL},
	{"203.0.112.1", "a@cidr.example", "h", SPF_RESULT_FAIL, SPF_ERROR_NONE, "DEFAULT", 1, 0,
	 NULL},
	{"2001:db8:1:ffff::1", "a@cidr.example", "h", SPF_RESULT_PASS, SPF_ERROR_NONE, NULL, 1, 0,
	 NULL},
	{"2001:db8:2::1", "a@cidr.example", "h", SPF_RESULT_FAIL, SPF_ERROR_NONE, "DEFAULT", 1, 0,
	 NULL},
	/* an exp= that resolves to nothing falls back to the default; no void counted */
	{"192.0.2.1", "a@badexp.example", "h", SPF_RESULT_FAIL, SPF_ERROR_NONE, "DEFAULT", 0, 0,
	 NULL},
	/* RFC 7208 4.3: malformed or single-label domains give none, without DNS */
	{"192.0.2.1", "a@localhost", "h", SPF_RESULT_NONE, SPF_ERROR_BAD_DOMAIN, NULL, 0, 0,
	 "localhost"},
	{"192.0.2.1", "a@[192.0.2.1]", "h", SPF_RESULT_NONE, SPF_ERROR_BAD_DOMAIN, NULL, 0, 0,
	 "[192.0.2.1]"},
	{"192.0.2.1", "a@x..pass.example", "h", SPF_RESULT_NONE, SPF_ERROR_BAD_DOMAIN, NULL, 0, 0,
	 NULL},
	{"192.0.2.1", "", "192.0.2.1", SPF_RESULT_NONE, SPF_ERROR_BAD_DOMAIN, NULL, 0, 0,
	 "192.0.2.1"},
	{"198.51.100.1", "a@pass.example.", "h", SPF_RESULT_FAIL, SPF_ERROR_NONE, "DEFAULT", 0, 0,
	 NULL},
};

static void
test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(check_cases) / sizeof(check_cases[0]); i++) {
		const struct check_case *c = &check_cases[i];
		struct spf_request req = {.sender = c->sender, .helo = c->helo};
		assert_true(spf_ip_parse(c->ip, &req.ip));
		struct spf_options opts = {.default_explanation = "DEFAULT", .timestamp = 1};
		struct spf_outcome out = SPF_OUTCOME_INIT;
		assert_true(spf_check_host(&req, &seam, &opts, &out));
		bool ok = out.result == c->result && out.error == c->error &&
			  (c->explanation ? out.explanation &&
						    strcmp(out.explanation, c->explanation) == 0
					  : out.explanation == NULL) &&
			  (c->dns_terms < 0 || out.dns_terms == (unsigned)c->dns_terms) &&
			  (c->void_lookups < 0 || out.void_lookups == (unsigned)c->void_lookups) &&
			  (!c->error_domain ||
			   (out.error_domain && strcmp(out.error_domain, c->error_domain) == 0));
		if (!ok)
			print_error("case %zu (%s, %s): result %s error %d exp \"%s\" terms %u voids "
				    "%u error_domain %s\n",
				    i, c->ip, c->sender ? c->sender : "(null)",
				    spf_result_name(out.result), out.error,
				    out.explanation ? out.explanation : "(null)", out.dns_terms,
				    out.void_lookups, out.error_domain ? out.error_domain : "(null)");
		assert_true(ok);
		spf_outcome_clear(&out);
	}
}

static void
test_syntax_context(void **state)
{
	(void)state;
	struct spf_request req = {.sender = "x@syntax.example"};
	assert_true(spf_ip_parse("192.0.2.1", &req.ip));
	struct spf_outcome out = SPF_OUTCOME_INIT;
	assert_true(spf_check_host(&req, &seam, NULL, &out));
	assert_int_equal(out.result, SPF_RESULT_PERMERROR);
	assert_int_equal(out.error, SPF_ERROR_SYNTAX);
	assert_string_equal(out.error_record, "v=spf1 ip4:192.0.2.1 -all moo");
	assert_int_equal(out.parse_error.reason, SPF_PARSE_UNKNOWN_MECHANISM);
	assert_int_equal(out.parse_error.offset, 26);
	assert_int_equal(out.parse_error.term.off, 26);
	assert_int_equal(out.parse_error.term.len, 3);
	assert_null(out.explanation);
	spf_outcome_clear(&out);
	spf_outcome_clear(&out); /* cleared twice is fine */
	spf_outcome_clear(NULL);

	/* Without a default explanation a plain fail has none. */
	req.sender = "x@nodefault.example";
	assert_true(spf_check_host(&req, &seam, NULL, &out));
	assert_int_equal(out.result, SPF_RESULT_FAIL);
	assert_null(out.explanation);
	/* A default explanation is a macro-string. */
	struct spf_options opts = {.default_explanation = "See %{d} for %{i}"};
	assert_true(spf_check_host(&req, &seam, &opts, &out));
	assert_string_equal(out.explanation, "See nodefault.example for 192.0.2.1");
	assert_false(out.explanation_from_record);
	req.sender = "x@fail.example";
	assert_true(spf_check_host(&req, &seam, &opts, &out));
	assert_true(out.explanation_from_record);
	spf_outcome_clear(&out);
}

#define MAX_EVENTS 64

struct recorded {
	struct spf_trace_event ev[MAX_EVENTS];
	char term[MAX_EVENTS][64];
	size_t n;
};

static void
record_event(void *ctx, const struct spf_trace_event *ev)
{
	struct recorded *r = ctx;
	assert_true(r->n < MAX_EVENTS);
	r->ev[r->n] = *ev;
	r->term[r->n][0] = '\0';
	if (ev->kind == SPF_TRACE_TERM) {
		assert_non_null(ev->term);
		assert_non_null(ev->record);
		assert_true(ev->term->text.off + ev->term->text.len <= ev->record_len);
		snprintf(r->term[r->n], sizeof(r->term[0]), "%.*s", (int)ev->term->text.len,
			 ev->record + ev->term->text.off);
	}
	r->ev[r->n].term = NULL; /* only valid during the call */
	r->ev[r->n].record = NULL;
	r->ev[r->n].target = NULL;
	r->ev[r->n].domain = NULL;
	r->n++;
}

static void
test_trace(void **state)
{
	(void)state;
	struct recorded *r = calloc(1, sizeof(*r));
	assert_non_null(r);
	struct spf_request req = {.sender = "x@void2.example"};
	assert_true(spf_ip_parse("192.0.2.9", &req.ip));
	struct spf_options opts = {.trace = record_event, .trace_ctx = r};
	struct spf_outcome out = SPF_OUTCOME_INIT;
	seam_calls = 0;
	assert_true(spf_check_host(&req, &seam, &opts, &out));
	assert_int_equal(out.result, SPF_RESULT_PASS);
	assert_int_equal(out.dns_queries, seam_calls);
	/* record, a:nx1, mx:none, ip4, result */
	assert_int_equal(r->n, 5);
	assert_int_equal(r->ev[0].kind, SPF_TRACE_RECORD);
	assert_int_equal(r->ev[0].nrecords, 1);
	assert_int_equal(r->ev[0].dns_status, DNS_STATUS_OK);
	assert_int_equal(r->ev[1].kind, SPF_TRACE_TERM);
	assert_string_equal(r->term[1], "a:nx1.example");
	assert_false(r->ev[1].matched);
	assert_int_equal(r->ev[1].lookups, 1);
	assert_int_equal(r->ev[1].dns_terms, 1);
	assert_int_equal(r->ev[1].void_lookups, 1);
	assert_string_equal(r->term[2], "mx:none.example");
	assert_int_equal(r->ev[2].void_lookups, 2);
	assert_string_equal(r->term[3], "ip4:192.0.2.0/24");
	assert_true(r->ev[3].matched);
	assert_int_equal(r->ev[3].lookups, 0);
	assert_int_equal(r->ev[4].kind, SPF_TRACE_RESULT);
	assert_int_equal(r->ev[4].result, SPF_RESULT_PASS);
	assert_int_equal(r->ev[4].depth, 0);

	/* include: the nested level comes first, at depth 1 */
	r->n = 0;
	req.sender = "x@inc.example";
	assert_true(spf_check_host(&req, &seam, &opts, &out));
	assert_int_equal(r->n, 6);
	assert_int_equal(r->ev[0].kind, SPF_TRACE_RECORD);
	assert_int_equal(r->ev[0].depth, 0);
	assert_int_equal(r->ev[1].kind, SPF_TRACE_RECORD);
	assert_int_equal(r->ev[1].depth, 1);
	assert_int_equal(r->ev[2].kind, SPF_TRACE_TERM);
	assert_int_equal(r->ev[2].depth, 1);
	assert_string_equal(r->term[2], "ip4:192.0.2.0/24");
	assert_int_equal(r->ev[3].kind, SPF_TRACE_RESULT);
	assert_int_equal(r->ev[3].depth, 1);
	assert_string_equal(r->term[4], "include:pass.example");
	assert_true(r->ev[4].matched);
	assert_int_equal(r->ev[0].lookups, 1);
	assert_int_equal(r->ev[1].lookups, 1);
	assert_int_equal(r->ev[2].lookups, 0);
	assert_int_equal(r->ev[4].lookups, 1); /* the nested TXT query */
	assert_int_equal(r->ev[4].dns_terms, 1);
	assert_int_equal(r->ev[5].kind, SPF_TRACE_RESULT);
	assert_int_equal(r->ev[5].depth, 0);
	assert_int_equal(r->ev[5].result, SPF_RESULT_PASS);
	spf_outcome_clear(&out);

	/* the limit error is reported on the term that broke it */
	r->n = 0;
	req.sender = "x@limit11.example";
	assert_true(spf_check_host(&req, &seam, &opts, &out));
	assert_int_equal(out.result, SPF_RESULT_PERMERROR);
	size_t last_term = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->ev[i].kind == SPF_TRACE_TERM)
			last_term = i;
	assert_int_equal(r->ev[last_term].error, SPF_ERROR_DNS_TERM_LIMIT);
	assert_int_equal(r->ev[last_term].dns_terms, 11);
	assert_int_equal(r->ev[r->n - 1].kind, SPF_TRACE_RESULT);
	assert_int_equal(r->ev[r->n - 1].result, SPF_RESULT_PERMERROR);
	spf_outcome_clear(&out);
	free(r);
}

static void
test_ip(void **state)
{
	(void)state;
	struct spf_ip ip, net;
	char buf[SPF_IP_REVERSE_MAX];
	assert_true(spf_ip_parse("::FFFF:1.2.3.4", &ip));
	assert_int_equal(ip.family, SPF_IP_V4);
	spf_ip_reverse_name(&ip, buf);
	assert_string_equal(buf, "4.3.2.1.in-addr.arpa");
	assert_false(spf_ip_parse("1.2.3", &ip));
	assert_false(spf_ip_parse("01.2.3.4", &ip));
	assert_true(spf_ip_parse("2001:db8::1", &ip));
	spf_ip_reverse_name(&ip, buf);
	assert_string_equal(buf,
			    "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
	char text[SPF_IP_TEXT_MAX];
	spf_ip_format(&ip, text);
	assert_string_equal(text, "2001:db8::1");
	assert_true(spf_ip_parse("2001:db8:8000::", &net));
	assert_true(spf_ip_in_network(&ip, &net, 32));
	assert_false(spf_ip_in_network(&ip, &net, 33));
	assert_true(spf_ip_in_network(&ip, &net, 0));
	assert_true(spf_ip_parse("1.2.3.4", &net));
	assert_false(spf_ip_in_network(&ip, &net, 0)); /* families never mix */
	assert_true(spf_check_name_ok("a.b", 3));
	assert_false(spf_check_name_ok("a..b", 4));
	assert_false(spf_check_name_ok(".a", 2));
	assert_false(spf_check_name_ok("", 0));
	assert_string_equal(spf_result_name(SPF_RESULT_SOFTFAIL), "softfail");

	/* a mapped address filled in by hand is still checked as IPv4 */
	struct spf_request req = {.sender = "x@pass.example",
				  .ip = {.family = SPF_IP_V6,
					 .addr = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 9}}};
	struct spf_outcome out = SPF_OUTCOME_INIT;
	assert_true(spf_check_host(&req, &seam, NULL, &out));
	assert_int_equal(out.result, SPF_RESULT_PASS);
	spf_outcome_clear(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_syntax_context),
		cmocka_unit_test(test_trace),
		cmocka_unit_test(test_ip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
