/* merge.c — see merge.h. */
#include "merge.h"

#include "spf_ip.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *
merge_insert_terms(const struct spf_record *rec, const char *const *terms, size_t nterms)
{
	struct strbuf sb = {0};
	size_t at = spf_record_insert_offset(rec);
	/* Before a final `all` or redirect= the terms go in front of it, each
	 * followed by a space; otherwise after the last term (or after
	 * "v=spf1"), each preceded by one. Spaces after it stay where they are. */
	bool before = spf_record_find(rec, SPF_TERM_ALL, 0) != SPF_NO_TERM ||
		      rec->redirect != SPF_NO_TERM;

	strbuf_add(&sb, rec->text, at);
	for (size_t i = 0; i < nterms; i++) {
		if (!before)
			strbuf_add(&sb, " ", 1);
		strbuf_str(&sb, terms[i]);
		if (before)
			strbuf_add(&sb, " ", 1);
	}
	strbuf_add(&sb, rec->text + at, rec->len - at);
	return strbuf_finish(&sb);
}

/* check_host() for IP against the domain as published. */
static enum spf_result
check(const struct merge_request *req, const struct dns_seam *seam, const struct spf_ip *ip,
      bool *nomem)
{
	struct spf_outcome outcome = SPF_OUTCOME_INIT;
	char sender[300];
	snprintf(sender, sizeof(sender), "postmaster@%s", req->domain);
	struct spf_request r = {.ip = *ip, .sender = req->sender ? req->sender : sender,
				.helo = req->domain};
	if (!spf_check_host(&r, seam, NULL, &outcome))
		*nomem = true;
	enum spf_result result = outcome.result;
	spf_outcome_clear(&outcome);
	return result;
}

/* Whether TEXT is already a term of BASE or among TERMS (case-insensitive). */
static bool
has_term(const struct spf_record *base, char *const *terms, size_t nterms, const char *text)
{
	size_t len = strlen(text);
	for (size_t j = 0; j < base->nterms; j++)
		if (base->terms[j].text.len == len &&
		    strncasecmp(base->text + base->terms[j].text.off, text, len) == 0)
			return true;
	for (size_t j = 0; j < nterms; j++)
		if (strcasecmp(terms[j], text) == 0)
			return true;
	return false;
}

/* The terms of EXTRA that BASE lacks (mechanisms only; `all` never; a
 * redirect= becomes include:, which authorises the same senders). */
static bool
collect_extra(const struct spf_record *base, const struct spf_record *extra, char ***terms,
	      size_t *nterms)
{
	for (size_t i = 0; i < extra->nterms; i++) {
		const struct spf_term *t = &extra->terms[i];
		if (t->kind == SPF_TERM_ALL || t->kind == SPF_TERM_EXP ||
		    t->kind == SPF_TERM_UNKNOWN_MODIFIER)
			continue;
		char *text;
		if (t->kind == SPF_TERM_REDIRECT) {
			if (base->redirect != SPF_NO_TERM &&
			    base->terms[base->redirect].value.len == t->value.len &&
			    strncasecmp(base->text + base->terms[base->redirect].value.off,
					extra->text + t->value.off, t->value.len) == 0)
				continue;
			struct strbuf sb = {0};
			strbuf_str(&sb, "include:");
			strbuf_add(&sb, extra->text + t->value.off, t->value.len);
			text = strbuf_finish(&sb);
		} else {
			text = strndup(extra->text + t->text.off, t->text.len);
		}
		if (!text)
			return false;
		if (has_term(base, *terms, *nterms, text)) {
			free(text);
			continue;
		}
		char **grown = realloc(*terms, (*nterms + 1) * sizeof(*grown));
		if (!grown) {
			free(text);
			return false;
		}
		*terms = grown;
		(*terms)[(*nterms)++] = text;
	}
	return true;
}

/* The record whose final decision the merged record keeps: the first with
 * an `all` or a redirect=, else the first. */
static size_t
pick_base(struct spf_record **recs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (spf_record_find(recs[i], SPF_TERM_ALL, 0) != SPF_NO_TERM ||
		    recs[i]->redirect != SPF_NO_TERM)
			return i;
	return 0;
}

/* What merge_compute() threads through its steps. */
struct merger {
	const struct merge_request *req;
	const struct dns_seam *seam;
	struct merge_result *out;
	struct spf_record **recs;  /* out->nexisting parsed records */
	char **terms;              /* the terms to insert into the base record */
	size_t nterms;
	bool authorised[PROFILE_MAX_TERMS]; /* per profile term, as published today */
};

/* How many terms of REC are not the profile's: the customer's own record
 * has more of them than one that only authorises Flicono. */
static size_t
own_terms(const struct spf_record *rec, const struct profile *p)
{
	size_t n = 0;
	for (size_t j = 0; j < rec->nterms; j++) {
		bool profile_term = false;
		for (size_t i = 0; i < p->nmerge_terms && !profile_term; i++)
			profile_term = rec->terms[j].text.len == strlen(p->merge_terms[i]) &&
				       strncasecmp(rec->text + rec->terms[j].text.off,
						   p->merge_terms[i], rec->terms[j].text.len) == 0;
		n += !profile_term;
	}
	return n;
}

/* Whether A comes before B: more own terms first, then byte order. */
static bool
record_before(const struct spf_record *a, const struct spf_record *b, const struct profile *p)
{
	size_t na = own_terms(a, p), nb = own_terms(b, p);
	if (na != nb)
		return na > nb;
	int c = memcmp(a->text, b->text, a->len < b->len ? a->len : b->len);
	return c ? c < 0 : a->len < b->len;
}

/* Several records in an order of their own: a resolver may hand them out
 * in any order, and the combined record must not depend on it. */
static void
order_records(struct merger *m)
{
	for (size_t i = 1; i < m->out->nexisting; i++)
		for (size_t k = i; k > 0 && record_before(m->recs[k], m->recs[k - 1], m->req->profile);
		     k--) {
			struct spf_record *t = m->recs[k];
			m->recs[k] = m->recs[k - 1];
			m->recs[k - 1] = t;
		}
}

/* The SPF records among the TXT records (RFC 7208 4.5), copied into OUT. */
static bool
collect_existing(const struct dns_rrset *txt, struct merge_result *out)
{
	for (size_t i = 0; txt && i < txt->count; i++) {
		const struct dns_record *r = &txt->records[i];
		if (!spf_parse_is_spf((const char *)r->data, r->len))
			continue;
		char **grown = realloc(out->existing, (out->nexisting + 1) * sizeof(*grown));
		if (!grown)
			return false;
		out->existing = grown;
		size_t *lens = realloc(out->existing_len, (out->nexisting + 1) * sizeof(*lens));
		if (!lens)
			return false;
		out->existing_len = lens;
		if (!(out->existing[out->nexisting] = malloc(r->len + 1)))
			return false;
		memcpy(out->existing[out->nexisting], r->data, r->len + 1);
		out->existing_len[out->nexisting++] = r->len;
	}
	return true;
}

/* Who may send today, term by term of the profile. */
static bool
check_today(struct merger *m)
{
	const struct profile *p = m->req->profile;
	struct merge_result *out = m->out;
	bool nomem = false;
	for (size_t i = 0; i < p->nmerge_terms; i++) {
		struct spf_ip ip;
		if (!profile_term_address(p->merge_terms[i], &ip))
			continue;
		enum spf_result r = check(m->req, m->seam, &ip, &nomem);
		m->authorised[i] = r == SPF_RESULT_PASS;
		if (ip.family == SPF_IP_V4 && !out->has_v4)
			out->has_v4 = true, out->result_v4 = r;
		else if (ip.family == SPF_IP_V6 && !out->has_v6)
			out->has_v6 = true, out->result_v6 = r;
	}
	return !nomem;
}

/* Parses every existing record into m->recs; the first that does not parse
 * makes the action BROKEN. False: out of memory. */
static bool
parse_existing(struct merger *m)
{
	struct merge_result *out = m->out;
	m->recs = calloc(out->nexisting, sizeof(*m->recs));
	if (!m->recs)
		return false;
	for (size_t i = 0; i < out->nexisting; i++) {
		if (!spf_parse(out->existing[i], out->existing_len[i], &m->recs[i],
			       &out->parse_error)) {
			if (out->parse_error.reason == SPF_PARSE_NOMEM)
				return false;
			out->action = MERGE_BROKEN;
			out->broken = i;
			return true;
		}
	}
	return true;
}

/* Adds the profile's terms that are not already honoured by record BASE.
 * With several records check_host() said permerror, so all of them go in. */
static bool
add_profile_terms(struct merger *m, size_t base)
{
	const struct profile *p = m->req->profile;
	for (size_t i = 0; i < p->nmerge_terms; i++) {
		if ((m->out->nexisting == 1 && m->authorised[i]) ||
		    has_term(m->recs[base], m->terms, m->nterms, p->merge_terms[i]))
			continue;
		char **grown = realloc(m->terms, (m->nterms + 1) * sizeof(*grown));
		if (!grown)
			return false;
		m->terms = grown;
		if (!(m->terms[m->nterms] = strdup(p->merge_terms[i])))
			return false;
		m->nterms++;
		m->out->inserted++;
	}
	return true;
}

/* With existing records: BROKEN, NOTHING, or EXTEND/COMBINE with the record
 * to publish in out->record. False: out of memory. */
static bool
merge_existing(struct merger *m)
{
	const struct profile *p = m->req->profile;
	struct merge_result *out = m->out;
	if (!parse_existing(m))
		return false;
	if (out->action == MERGE_BROKEN)
		return true;
	bool all_authorised = true;
	for (size_t i = 0; i < p->nmerge_terms; i++)
		all_authorised = all_authorised && m->authorised[i];
	if (out->nexisting == 1 &&
	    !lint_record(m->req->domain, m->recs[0]->text, m->recs[0]->len, m->seam, &out->before))
		return false;
	if (out->nexisting == 1 && all_authorised) {
		out->action = MERGE_NOTHING;
		return true;
	}
	order_records(m);
	size_t base = pick_base(m->recs, out->nexisting);
	for (size_t i = 0; i < out->nexisting; i++)
		if (i != base && !collect_extra(m->recs[base], m->recs[i], &m->terms, &m->nterms))
			return false;
	if (!add_profile_terms(m, base))
		return false;
	out->action = out->nexisting == 1 ? MERGE_EXTEND : MERGE_COMBINE;
	out->record = merge_insert_terms(m->recs[base], (const char *const *)m->terms, m->nterms);
	return out->record != NULL;
}

/* Never propose a record without proving that it does the job: check_host()
 * over out->record for every profile address, then its lint. */
static bool
prove(struct merger *m)
{
	const struct profile *p = m->req->profile;
	struct merge_result *out = m->out;
	bool nomem = false;
	out->record_len = strlen(out->record);
	struct dns_rrset proposed = DNS_RRSET_INIT;
	if (!dns_rrset_add(&proposed, out->record, out->record_len, p->ttl, 0))
		return false;
	struct dns_overlay overlay = {.base = m->seam, .name = m->req->domain, .txt = &proposed};
	struct dns_seam over = dns_overlay_seam(&overlay);
	out->authorises = true;
	for (size_t i = 0; i < p->nmerge_terms && out->authorises; i++) {
		struct spf_ip ip;
		if (profile_term_address(p->merge_terms[i], &ip))
			out->authorises = check(m->req, &over, &ip, &nomem) == SPF_RESULT_PASS;
	}
	dns_rrset_clear(&proposed);
	if (!lint_record(m->req->domain, out->record, out->record_len, m->seam, &out->after))
		return false;
	return !nomem;
}

/* The template without its bare `mx` when DOMAIN has no MX records (NODATA
 * or NXDOMAIN, not a time-out): such a term authorises nothing and costs a
 * void lookup (RFC 7208 4.6.4). With MX records, or unsure, it stays. */
static bool
drop_void_mx(const struct merger *m)
{
	struct merge_result *out = m->out;
	struct dns_rrset mx = DNS_RRSET_INIT;
	enum dns_status st = m->seam->lookup(m->seam->ctx, m->req->domain, DNS_TYPE_MX, &mx);
	bool void_mx = (st == DNS_STATUS_NODATA || st == DNS_STATUS_NXDOMAIN) ||
		       (st == DNS_STATUS_OK && mx.count == 0);
	dns_rrset_clear(&mx);
	if (!void_mx)
		return true;
	struct spf_record *rec = NULL;
	struct spf_parse_error err;
	if (!spf_parse(out->record, strlen(out->record), &rec, &err))
		return err.reason != SPF_PARSE_NOMEM; /* a template the profile check let through */
	for (size_t i = 0; i < rec->nterms; i++) {
		const struct spf_term *t = &rec->terms[i];
		if (t->kind != SPF_TERM_MX || t->has_value || t->has_cidr4 || t->has_cidr6)
			continue;
		/* The term and the space before it ("v=spf1" always precedes it). */
		size_t from = t->text.off - 1, to = t->text.off + t->text.len;
		memmove(out->record + from, out->record + to, strlen(out->record + to) + 1);
		out->mx_dropped = true;
		break;
	}
	spf_record_free(rec);
	return true;
}

bool
merge_compute(const struct merge_request *req, const struct dns_seam *seam,
	      struct merge_result *out)
{
	struct merger m = {.req = req, .seam = seam, .out = out};
	bool ok = false;

	*out = (struct merge_result){.action = MERGE_NEW, .result_v4 = SPF_RESULT_NONE,
				     .result_v6 = SPF_RESULT_NONE};
	if (!collect_existing(req->txt, out) || !check_today(&m))
		goto out;
	if (out->nexisting == 0) {
		out->action = MERGE_NEW;
		if (!(out->record = strdup(req->profile->template_record)) || !drop_void_mx(&m))
			goto out;
	} else if (!merge_existing(&m)) {
		goto out;
	}
	ok = out->action == MERGE_BROKEN || out->action == MERGE_NOTHING || prove(&m);
out:
	for (size_t i = 0; m.recs && i < out->nexisting; i++)
		spf_record_free(m.recs[i]);
	free(m.recs);
	for (size_t i = 0; i < m.nterms; i++)
		free(m.terms[i]);
	free(m.terms);
	return ok;
}

void
merge_result_clear(struct merge_result *res)
{
	if (!res)
		return;
	free(res->record);
	for (size_t i = 0; i < res->nexisting; i++)
		free(res->existing[i]);
	free(res->existing);
	free(res->existing_len);
	*res = (struct merge_result){0};
}
