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

bool
merge_compute(const struct merge_request *req, const struct dns_seam *seam,
	      struct merge_result *out)
{
	const struct profile *p = req->profile;
	struct spf_record **recs = NULL;
	char **terms = NULL;
	size_t nterms = 0;
	bool nomem = false;
	bool authorised[PROFILE_MAX_TERMS] = {false};

	*out = (struct merge_result){.action = MERGE_NEW, .result_v4 = SPF_RESULT_NONE,
				     .result_v6 = SPF_RESULT_NONE};

	/* The SPF records among the TXT records (RFC 7208 4.5). */
	for (size_t i = 0; req->txt && i < req->txt->count; i++) {
		const struct dns_record *r = &req->txt->records[i];
		if (!spf_parse_is_spf((const char *)r->data, r->len))
			continue;
		char **grown = realloc(out->existing, (out->nexisting + 1) * sizeof(*grown));
		if (!grown)
			goto nomem;
		out->existing = grown;
		size_t *lens = realloc(out->existing_len, (out->nexisting + 1) * sizeof(*lens));
		if (!lens)
			goto nomem;
		out->existing_len = lens;
		if (!(out->existing[out->nexisting] = malloc(r->len + 1)))
			goto nomem;
		memcpy(out->existing[out->nexisting], r->data, r->len + 1);
		out->existing_len[out->nexisting++] = r->len;
	}

	/* Who may send today, term by term of the profile. */
	for (size_t i = 0; i < p->nmerge_terms; i++) {
		struct spf_ip ip;
		if (!profile_term_address(p->merge_terms[i], &ip))
			continue;
		enum spf_result r = check(req, seam, &ip, &nomem);
		authorised[i] = r == SPF_RESULT_PASS;
		if (ip.family == SPF_IP_V4 && !out->has_v4)
			out->has_v4 = true, out->result_v4 = r;
		else if (ip.family == SPF_IP_V6 && !out->has_v6)
			out->has_v6 = true, out->result_v6 = r;
	}
	if (nomem)
		goto nomem;

	if (out->nexisting == 0) {
		out->action = MERGE_NEW;
		if (!(out->record = strdup(p->template_record)))
			goto nomem;
		goto lint;
	}

	recs = calloc(out->nexisting, sizeof(*recs));
	if (!recs)
		goto nomem;
	for (size_t i = 0; i < out->nexisting; i++) {
		if (!spf_parse(out->existing[i], out->existing_len[i], &recs[i],
			       &out->parse_error)) {
			if (out->parse_error.reason == SPF_PARSE_NOMEM)
				goto nomem;
			out->action = MERGE_BROKEN;
			out->broken = i;
			goto done;
		}
	}

	bool all_authorised = true;
	for (size_t i = 0; i < p->nmerge_terms; i++)
		all_authorised = all_authorised && authorised[i];
	if (out->nexisting == 1 &&
	    !lint_record(req->domain, recs[0]->text, recs[0]->len, seam, &out->before))
		goto nomem;
	if (out->nexisting == 1 && all_authorised) {
		out->action = MERGE_NOTHING;
		goto done;
	}

	size_t base = pick_base(recs, out->nexisting);
	for (size_t i = 0; i < out->nexisting; i++)
		if (i != base && !collect_extra(recs[base], recs[i], &terms, &nterms))
			goto nomem;
	/* The profile's terms that are not already honoured. With several
	 * records check_host() said permerror, so all of them go in. */
	for (size_t i = 0; i < p->nmerge_terms; i++) {
		if ((out->nexisting == 1 && authorised[i]) ||
		    has_term(recs[base], terms, nterms, p->merge_terms[i]))
			continue;
		char **grown = realloc(terms, (nterms + 1) * sizeof(*grown));
		if (!grown)
			goto nomem;
		terms = grown;
		if (!(terms[nterms] = strdup(p->merge_terms[i])))
			goto nomem;
		nterms++;
		out->inserted++;
	}
	out->action = out->nexisting == 1 ? MERGE_EXTEND : MERGE_COMBINE;
	if (!(out->record = merge_insert_terms(recs[base], (const char *const *)terms, nterms)))
		goto nomem;
lint:
	out->record_len = strlen(out->record);
	/* Never propose a record without proving that it does the job. */
	struct dns_rrset proposed = DNS_RRSET_INIT;
	if (!dns_rrset_add(&proposed, out->record, out->record_len, p->ttl, 0))
		goto nomem;
	struct dns_overlay overlay = {.base = seam, .name = req->domain, .txt = &proposed};
	struct dns_seam over = dns_overlay_seam(&overlay);
	out->authorises = true;
	for (size_t i = 0; i < p->nmerge_terms && out->authorises; i++) {
		struct spf_ip ip;
		if (profile_term_address(p->merge_terms[i], &ip))
			out->authorises = check(req, &over, &ip, &nomem) == SPF_RESULT_PASS;
	}
	dns_rrset_clear(&proposed);
	if (!lint_record(req->domain, out->record, out->record_len, seam, &out->after))
		goto nomem;
	goto done;
nomem:
	nomem = true;
done:
	for (size_t i = 0; recs && i < out->nexisting; i++)
		spf_record_free(recs[i]);
	free(recs);
	for (size_t i = 0; i < nterms; i++)
		free(terms[i]);
	free(terms);
	return !nomem;
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
