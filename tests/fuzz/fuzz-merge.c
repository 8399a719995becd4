/* fuzz-merge.c — what to publish, given what is published (merge + lint).
 *
 * Input: zone lines as fuzz-zone.h describes; the records published at the
 * customer's domain are the TXT records of "example.com" among them. The
 * profile is Flicono's (data/flicono.profile), built in here.
 * Invariants: the action fits the records found (NEW: none, and the
 * template; EXTEND: one; COMBINE: several; BROKEN: one of them does not
 * parse; NOTHING: one, and check_host() passes both addresses); a record
 * to publish parses and holds every inserted profile term; an extended
 * record keeps every term of the old one, in order; the lint reports agree
 * with their counts. */
#include "fuzz.h"
#include "fuzz-zone.h"

#include "merge.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#define DOMAIN "example.com"

static struct profile profile = {
	.sender_name = "Flicono",
	.sender_domain = "flicono.net",
	.merge_terms = {"ip4:148.251.195.107", "ip6:2a01:4f8:211:18e8::2"},
	.nmerge_terms = 2,
	.template_record = "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all",
	.ttl = 86400,
};

static void
check_lint(const struct lint_report *r, const char *record, size_t len)
{
	FUZZ_CHECK(r->length == len);
	FUZZ_CHECK(((r->warnings & LINT_LONGER_THAN_255) != 0) == (len > 255));
	FUZZ_CHECK(r->warnings < (1u << LINT_WARNING_COUNT));
	FUZZ_CHECK(((r->warnings & LINT_TOO_MANY_DNS_TERMS) != 0) ==
		   (r->dns_terms > SPF_MAX_DNS_TERMS));
	FUZZ_CHECK(((r->warnings & LINT_TOO_MANY_VOIDS) != 0) ==
		   (r->void_lookups > SPF_MAX_VOID_LOOKUPS));
	FUZZ_CHECK(memchr(r->culprit, '\0', sizeof(r->culprit)) != NULL);
	if (r->warnings & (LINT_INCLUDE_WITHOUT_RECORD | LINT_INCLUDE_BROKEN | LINT_LOOP))
		FUZZ_CHECK(r->culprit[0] != '\0');
	struct spf_record *rec = NULL;
	struct spf_parse_error err;
	bool parses = spf_parse(record, len, &rec, &err);
	FUZZ_CHECK(parses == !(r->warnings & LINT_SYNTAX));
	spf_record_free(rec);
	char msg[1024];
	for (unsigned w = 0; w < LINT_WARNING_COUNT; w++)
		if (r->warnings & (1u << w))
			FUZZ_CHECK(lint_warning_message((enum lint_warning)(1u << w), r, msg,
							sizeof(msg))[0] != '\0');
}

static bool
has_term(const struct spf_record *rec, const char *term)
{
	size_t n = strlen(term);
	for (size_t i = 0; i < rec->nterms; i++)
		if (rec->terms[i].text.len == n &&
		    strncasecmp(rec->text + rec->terms[i].text.off, term, n) == 0)
			return true;
	return false;
}

/* Whether a record found ends in a space (FUZZ_OPEN_INSERT_TRAILING_SPACE). */
static bool
trailing_space(const struct merge_result *r)
{
	for (size_t i = 0; i < r->nexisting; i++)
		if (r->existing_len[i] && r->existing[i][r->existing_len[i] - 1] == ' ')
			return true;
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_zone z;
	fuzz_zone_read(&z, (const char *)data, size);
	struct dns_seam seam = fuzz_zone_seam(&z);
	struct dns_rrset txt = DNS_RRSET_INIT;
	seam.lookup(seam.ctx, DOMAIN, DNS_TYPE_TXT, &txt);
	size_t nspf = 0;
	for (size_t i = 0; i < txt.count; i++)
		nspf += spf_parse_is_spf((const char *)txt.records[i].data, txt.records[i].len);

	struct merge_request req = {.domain = DOMAIN, .txt = &txt, .profile = &profile};
	struct merge_result r;
	FUZZ_CHECK(merge_compute(&req, &seam, &r));
	FUZZ_CHECK(r.nexisting == nspf);
	FUZZ_CHECK(r.has_v4 && r.has_v6);
	for (size_t i = 0; i < r.nexisting; i++)
		FUZZ_CHECK(spf_parse_is_spf(r.existing[i], r.existing_len[i]));
	struct spf_record *old = NULL, *new = NULL;
	struct spf_parse_error err;
	switch (r.action) {
	case MERGE_NEW:
		FUZZ_CHECK(r.nexisting == 0);
		/* The template, or without its mx where the name has no MX records. */
		FUZZ_CHECK(r.record &&
			   strcmp(r.record, r.mx_dropped ? "v=spf1 ip4:148.251.195.107 "
							   "ip6:2a01:4f8:211:18e8::2 -all"
							 : profile.template_record) == 0);
		check_lint(&r.after, r.record, r.record_len);
		break;
	case MERGE_BROKEN:
		FUZZ_CHECK(r.broken < r.nexisting && r.record == NULL);
		FUZZ_CHECK(!spf_parse(r.existing[r.broken], r.existing_len[r.broken], &old, &err));
		FUZZ_CHECK(err.reason == r.parse_error.reason && err.offset == r.parse_error.offset);
		break;
	case MERGE_NOTHING:
		FUZZ_CHECK(r.nexisting == 1 && r.record == NULL);
		FUZZ_CHECK(r.result_v4 == SPF_RESULT_PASS && r.result_v6 == SPF_RESULT_PASS);
		check_lint(&r.before, r.existing[0], r.existing_len[0]);
		break;
	case MERGE_EXTEND:
	case MERGE_COMBINE:
		FUZZ_CHECK(r.action == MERGE_EXTEND ? r.nexisting == 1 : r.nexisting > 1);
		FUZZ_CHECK(r.record && strlen(r.record) == r.record_len);
		/* Nothing to insert happens only when the terms are there already
		 * (or come with another record) and still do not authorise: then
		 * the merge says so, and show refuses the proposal. */
		FUZZ_CHECK(r.inserted <= profile.nmerge_terms);
		FUZZ_CHECK(r.inserted >= 1 || r.action == MERGE_COMBINE || !r.authorises);
		if (FUZZ_OPEN_INSERT_TRAILING_SPACE && trailing_space(&r))
			break; /* open: inserting at the end of a record with trailing spaces */
		if (!spf_parse(r.record, r.record_len, &new, &err)) {
			fprintf(stderr, "merged record \"%s\" does not parse (reason %d at %zu)\n",
				r.record, (int)err.reason, err.offset);
			FUZZ_CHECK(!"merged record parses");
		}
		check_lint(&r.after, r.record, r.record_len);
		if (r.nexisting > 1 || r.result_v4 != SPF_RESULT_PASS)
			FUZZ_CHECK(has_term(new, profile.merge_terms[0]));
		if (r.nexisting > 1 || r.result_v6 != SPF_RESULT_PASS)
			FUZZ_CHECK(has_term(new, profile.merge_terms[1]));
		if (r.action == MERGE_EXTEND) {
			check_lint(&r.before, r.existing[0], r.existing_len[0]);
			FUZZ_CHECK(spf_parse(r.existing[0], r.existing_len[0], &old, &err));
			FUZZ_CHECK(new->nterms == old->nterms + r.inserted);
			/* The old terms, in order, with the new ones among them. */
			size_t j = 0;
			for (size_t i = 0; i < new->nterms && j < old->nterms; i++)
				if (new->terms[i].text.len == old->terms[j].text.len &&
				    memcmp(new->text + new->terms[i].text.off,
					   old->text + old->terms[j].text.off,
					   old->terms[j].text.len) == 0)
					j++;
			FUZZ_CHECK(j == old->nterms);
		}
		break;
	default:
		FUZZ_CHECK(!"merge action");
	}
	spf_record_free(old);
	spf_record_free(new);
	merge_result_clear(&r);
	dns_rrset_clear(&txt);
	fuzz_zone_free(&z);
	return 0;
}
