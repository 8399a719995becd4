/* fuzz-spf-check.c — RFC 7208 check_host() over a DNS from the input.
 *
 * Input: first line "IP SENDER [HELO]", then zone lines as fuzz-zone.h
 * describes ("example.com TXT v=spf1 a -all"). An unparsable IP is
 * 192.0.2.1.
 * Invariants: check_host() ends; the processing limits hold (at most 10
 * DNS-querying terms and 2 void lookups, one more only as the permerror
 * that ends it); the number of lookups is bounded; result and error agree;
 * an explanation only with fail; the trace is well-formed (term spans in
 * their record, running totals never go down, each level opened is closed);
 * the result does not depend on whether a trace is asked for, nor on an
 * IPv4 client being written as IPv4-mapped IPv6. */
#include "fuzz.h"
#include "fuzz-zone.h"

#include "spf_check.h"

#include <stdbool.h>
#include <string.h>

/* A bound on seam lookups: the first TXT; per DNS-querying term at most
 * 1 + 10 (mx hosts, ptr forward checks); %{p} once: 1 + 10; exp= 1. */
#define MAX_LOOKUPS (1 + SPF_MAX_DNS_TERMS * 11 + 11 + 1)

struct trace_state {
	unsigned dns_terms, void_lookups;
	size_t open[16]; /* per depth: RECORD events minus RESULT events */
	unsigned events;
};

static void
on_trace(void *ctx, const struct spf_trace_event *ev)
{
	struct trace_state *ts = ctx;
	ts->events++;
	FUZZ_CHECK(ev->depth <= SPF_MAX_DNS_TERMS);
	FUZZ_CHECK(ev->domain != NULL);
	FUZZ_CHECK(ev->dns_terms >= ts->dns_terms && ev->void_lookups >= ts->void_lookups);
	FUZZ_CHECK(ev->dns_terms <= SPF_MAX_DNS_TERMS + 1);
	FUZZ_CHECK(ev->void_lookups <= SPF_MAX_VOID_LOOKUPS + 1);
	ts->dns_terms = ev->dns_terms;
	ts->void_lookups = ev->void_lookups;
	switch (ev->kind) {
	case SPF_TRACE_RECORD:
		ts->open[ev->depth]++;
		if (ev->record)
			FUZZ_CHECK(spf_parse_is_spf(ev->record, ev->record_len));
		else
			FUZZ_CHECK(ev->result == SPF_RESULT_NONE || ev->result == SPF_RESULT_TEMPERROR ||
				   ev->result == SPF_RESULT_PERMERROR);
		break;
	case SPF_TRACE_TERM:
		FUZZ_CHECK(ts->open[ev->depth] > 0);
		FUZZ_CHECK(ev->term != NULL && ev->record != NULL);
		FUZZ_CHECK(ev->term->text.off + ev->term->text.len <= ev->record_len);
		FUZZ_CHECK(ev->lookups <= MAX_LOOKUPS);
		break;
	case SPF_TRACE_RESULT:
		FUZZ_CHECK(ts->open[ev->depth] > 0);
		ts->open[ev->depth]--;
		break;
	default:
		FUZZ_CHECK(!"trace kind");
	}
}

static void
check_outcome(const struct spf_outcome *o, const struct fuzz_zone *z)
{
	FUZZ_CHECK(o->result >= SPF_RESULT_NONE && o->result <= SPF_RESULT_PERMERROR);
	FUZZ_CHECK(o->dns_terms <= SPF_MAX_DNS_TERMS + 1);
	if (o->dns_terms > SPF_MAX_DNS_TERMS)
		FUZZ_CHECK(o->result == SPF_RESULT_PERMERROR &&
			   o->error == SPF_ERROR_DNS_TERM_LIMIT);
	FUZZ_CHECK(o->void_lookups <= SPF_MAX_VOID_LOOKUPS + 1);
	if (o->void_lookups > SPF_MAX_VOID_LOOKUPS)
		FUZZ_CHECK(o->result == SPF_RESULT_PERMERROR && o->error == SPF_ERROR_VOID_LIMIT);
	FUZZ_CHECK(o->dns_queries == z->lookups);
	FUZZ_CHECK(o->dns_queries <= MAX_LOOKUPS);
	FUZZ_CHECK(o->explanation == NULL || o->result == SPF_RESULT_FAIL);
	FUZZ_CHECK(!o->explanation_from_record || o->explanation);
	switch (o->result) {
	case SPF_RESULT_NONE:
		FUZZ_CHECK(o->error == SPF_ERROR_NONE || o->error == SPF_ERROR_BAD_DOMAIN);
		FUZZ_CHECK(o->error != SPF_ERROR_BAD_DOMAIN || o->dns_queries == 0);
		break;
	case SPF_RESULT_TEMPERROR:
		FUZZ_CHECK(o->error == SPF_ERROR_DNS);
		FUZZ_CHECK(o->dns_status == DNS_STATUS_TIMEOUT ||
			   o->dns_status == DNS_STATUS_SERVFAIL);
		FUZZ_CHECK(o->error_domain != NULL);
		break;
	case SPF_RESULT_PERMERROR:
		FUZZ_CHECK(o->error != SPF_ERROR_NONE && o->error != SPF_ERROR_DNS &&
			   o->error != SPF_ERROR_BAD_DOMAIN);
		FUZZ_CHECK(o->error_domain != NULL);
		if (o->error == SPF_ERROR_SYNTAX) {
			FUZZ_CHECK(o->error_record != NULL);
			FUZZ_CHECK(o->parse_error.reason != SPF_PARSE_OK &&
				   o->parse_error.reason != SPF_PARSE_NOT_SPF);
		}
		break;
	default:
		FUZZ_CHECK(o->error == SPF_ERROR_NONE);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);
	size_t first = nl ? (size_t)(nl - text) : size;
	if (first > 600)
		return 0;
	char line[601];
	memcpy(line, text, first);
	line[first] = '\0';
	/* IP SENDER [HELO]; NUL bytes end the fields early, as in C strings. */
	char *sender = strchr(line, ' ');
	char *helo = NULL;
	if (sender) {
		*sender++ = '\0';
		helo = strchr(sender, ' ');
		if (helo)
			*helo++ = '\0';
	}
	struct spf_request req = {.sender = sender, .helo = helo};
	if (!spf_ip_parse(line, &req.ip))
		FUZZ_CHECK(spf_ip_parse("192.0.2.1", &req.ip));

	struct fuzz_zone z;
	fuzz_zone_read(&z, text + first, size - first);
	struct dns_seam seam = fuzz_zone_seam(&z);

	struct trace_state ts = {0};
	struct spf_options opts = {
		.default_explanation = "%{i} is not one of %{d}'s designated mail servers.",
		.receiver = "mx.receiver.example",
		.timestamp = 1700000000,
		.trace = on_trace,
		.trace_ctx = &ts,
	};
	struct spf_outcome o = SPF_OUTCOME_INIT;
	FUZZ_CHECK(spf_check_host(&req, &seam, &opts, &o));
	check_outcome(&o, &z);
	for (size_t d = 0; d < sizeof(ts.open) / sizeof(ts.open[0]); d++)
		FUZZ_CHECK(ts.open[d] == 0);
	FUZZ_CHECK(ts.dns_terms <= o.dns_terms && ts.void_lookups <= o.void_lookups);

	/* The same check without a trace comes to the same outcome. */
	struct spf_outcome o2 = SPF_OUTCOME_INIT;
	unsigned lookups = z.lookups;
	z.lookups = 0;
	opts.trace = NULL;
	FUZZ_CHECK(spf_check_host(&req, &seam, &opts, &o2));
	FUZZ_CHECK(z.lookups == lookups);
	FUZZ_CHECK(o2.result == o.result && o2.error == o.error);
	FUZZ_CHECK(o2.dns_terms == o.dns_terms && o2.void_lookups == o.void_lookups);
	FUZZ_CHECK(o2.dns_queries == o.dns_queries);
	FUZZ_CHECK((o2.explanation == NULL) == (o.explanation == NULL));
	if (o.explanation)
		FUZZ_CHECK(strcmp(o.explanation, o2.explanation) == 0);
	spf_outcome_clear(&o2);

	/* RFC 7208 5: an IPv4-mapped IPv6 client is the IPv4 client. */
	if (req.ip.family == SPF_IP_V4) {
		struct spf_request mapped = req;
		mapped.ip.family = SPF_IP_V6;
		memset(mapped.ip.addr, 0, 10);
		mapped.ip.addr[10] = mapped.ip.addr[11] = 0xff;
		memcpy(mapped.ip.addr + 12, req.ip.addr, 4);
		struct spf_outcome o3 = SPF_OUTCOME_INIT;
		FUZZ_CHECK(spf_check_host(&mapped, &seam, &opts, &o3));
		FUZZ_CHECK(o3.result == o.result && o3.error == o.error);
		FUZZ_CHECK(o3.dns_terms == o.dns_terms && o3.dns_queries == o.dns_queries);
		spf_outcome_clear(&o3);
	}
	spf_outcome_clear(&o);
	fuzz_zone_free(&z);
	return 0;
}
