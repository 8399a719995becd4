/* fuzz-spf-parse.c — the SPF record parser and the macro expander.
 *
 * Input: any bytes, taken as one record's text and as a macro-string.
 * Invariants: a parsed record keeps the text, its terms lie inside it in
 * order, separated by spaces, with their parts inside the term; an error
 * points into the text; a record rebuilt from its terms parses the same;
 * spf_macro_check() and spf_macro_expand() agree in every context, and the
 * contexts nest (domain ⊂ modifier ⊂ explanation). */
#include "fuzz.h"

#include "merge.h"
#include "spf_macro.h"
#include "spf_parse.h"

#include <stdbool.h>
#include <string.h>

static bool
span_in(struct spf_span inner, struct spf_span outer)
{
	return inner.off >= outer.off && inner.off + inner.len <= outer.off + outer.len;
}

static void
check_record(const char *text, size_t len, const struct spf_record *rec)
{
	FUZZ_CHECK(spf_parse_is_spf(text, len));
	FUZZ_CHECK(rec->len == len);
	FUZZ_CHECK(memcmp(rec->text, text, len) == 0 && rec->text[len] == '\0');
	size_t prev_end = 6;
	size_t redirects = 0, exps = 0;
	for (size_t i = 0; i < rec->nterms; i++) {
		const struct spf_term *t = &rec->terms[i];
		/* In order, at least one space apart, no space inside. */
		FUZZ_CHECK(t->text.len > 0);
		FUZZ_CHECK(t->text.off > prev_end);
		FUZZ_CHECK(t->text.off + t->text.len <= len);
		FUZZ_CHECK(text[t->text.off - 1] == ' ');
		FUZZ_CHECK(t->text.off + t->text.len == len || text[t->text.off + t->text.len] == ' ');
		FUZZ_CHECK(memchr(text + t->text.off, ' ', t->text.len) == NULL);
		for (size_t k = prev_end; k < t->text.off; k++)
			FUZZ_CHECK(text[k] == ' ');
		prev_end = t->text.off + t->text.len;
		/* Parts inside the term. */
		FUZZ_CHECK(t->name.len > 0 && span_in(t->name, t->text));
		FUZZ_CHECK(t->name.off == t->text.off + (t->qualifier_written ? 1 : 0));
		if (t->has_value)
			FUZZ_CHECK(span_in(t->value, t->text) && t->value.off >= t->name.off + t->name.len);
		FUZZ_CHECK(t->cidr4 <= 32 && t->cidr6 <= 128);
		FUZZ_CHECK(t->has_cidr4 || t->cidr4 == 32);
		FUZZ_CHECK(t->has_cidr6 || t->cidr6 == 128);
		switch (t->kind) {
		case SPF_TERM_IP4:
			FUZZ_CHECK(t->has_value && t->network.family == SPF_IP_V4 && !t->has_cidr6);
			break;
		case SPF_TERM_IP6:
			FUZZ_CHECK(t->has_value && t->network.family == SPF_IP_V6 && !t->has_cidr4);
			break;
		case SPF_TERM_INCLUDE:
		case SPF_TERM_EXISTS:
		case SPF_TERM_REDIRECT:
		case SPF_TERM_EXP:
			FUZZ_CHECK(t->has_value && t->value.len > 0);
			break;
		case SPF_TERM_ALL:
			FUZZ_CHECK(!t->has_value);
			break;
		default:
			break;
		}
		bool modifier = t->kind == SPF_TERM_REDIRECT || t->kind == SPF_TERM_EXP ||
				t->kind == SPF_TERM_UNKNOWN_MODIFIER;
		if (modifier) {
			FUZZ_CHECK(!t->qualifier_written && t->qualifier == SPF_QUALIFIER_PASS);
			FUZZ_CHECK(text[t->name.off + t->name.len] == '=');
		}
		if (t->kind == SPF_TERM_REDIRECT) {
			redirects++;
			FUZZ_CHECK(rec->redirect == i);
		}
		if (t->kind == SPF_TERM_EXP) {
			exps++;
			FUZZ_CHECK(rec->exp == i);
		}
	}
	for (size_t k = prev_end; k < len; k++)
		FUZZ_CHECK(text[k] == ' ');
	FUZZ_CHECK(redirects <= 1 && exps <= 1);
	FUZZ_CHECK((rec->redirect == SPF_NO_TERM) == (redirects == 0));
	FUZZ_CHECK((rec->exp == SPF_NO_TERM) == (exps == 0));
	size_t at = spf_record_insert_offset(rec);
	FUZZ_CHECK(at >= 6 && at <= len);
}

/* The record rebuilt with single spaces parses to the same terms. */
static void
check_rebuilt(const struct spf_record *rec)
{
	char *buf = malloc(rec->len + 1);
	size_t o = 6;
	FUZZ_CHECK(buf);
	memcpy(buf, rec->text, 6);
	for (size_t i = 0; i < rec->nterms; i++) {
		buf[o++] = ' ';
		memcpy(buf + o, rec->text + rec->terms[i].text.off, rec->terms[i].text.len);
		o += rec->terms[i].text.len;
	}
	FUZZ_CHECK(o <= rec->len);
	struct spf_record *again = NULL;
	struct spf_parse_error err;
	FUZZ_CHECK(spf_parse(buf, o, &again, &err));
	FUZZ_CHECK(again->nterms == rec->nterms);
	for (size_t i = 0; i < rec->nterms; i++) {
		FUZZ_CHECK(again->terms[i].kind == rec->terms[i].kind);
		FUZZ_CHECK(again->terms[i].qualifier == rec->terms[i].qualifier);
		FUZZ_CHECK(again->terms[i].cidr4 == rec->terms[i].cidr4);
		FUZZ_CHECK(again->terms[i].cidr6 == rec->terms[i].cidr6);
	}
	spf_record_free(again);
	free(buf);
}

/* Inserting a valid term gives a valid record with that one term more,
 * in front of the first all (else redirect=), everything else unchanged. */
static void
check_insert(const struct spf_record *rec)
{
	static const char *const terms[] = {"ip4:192.0.2.1", "ip6:2001:db8::1"};
	if (FUZZ_OPEN_INSERT_TRAILING_SPACE && spf_record_find(rec, SPF_TERM_ALL, 0) == SPF_NO_TERM &&
	    rec->redirect == SPF_NO_TERM && spf_record_insert_offset(rec) < rec->len)
		return; /* open: inserting at the end of a record with trailing spaces */
	char *merged = merge_insert_terms(rec, terms, 2);
	FUZZ_CHECK(merged);
	struct spf_record *m = NULL;
	struct spf_parse_error err;
	if (!spf_parse(merged, strlen(merged), &m, &err)) {
		fprintf(stderr, "merge_insert_terms(\"%s\") = \"%s\": does not parse (reason %d at %zu)\n",
			rec->text, merged, (int)err.reason, err.offset);
		FUZZ_CHECK(!"merged record parses");
	}
	if (m->nterms != rec->nterms + 2)
		fprintf(stderr, "merge_insert_terms(\"%s\") = \"%s\"\n", rec->text, merged);
	FUZZ_CHECK(m->nterms == rec->nterms + 2);
	size_t first_all = spf_record_find(rec, SPF_TERM_ALL, 0);
	size_t before = first_all != SPF_NO_TERM ? first_all
			: rec->redirect != SPF_NO_TERM ? rec->redirect
						       : rec->nterms;
	for (size_t i = 0, j = 0; i < m->nterms; i++) {
		if (i == before || i == before + 1) {
			FUZZ_CHECK(m->terms[i].kind == (i == before ? SPF_TERM_IP4 : SPF_TERM_IP6));
			continue;
		}
		FUZZ_CHECK(m->terms[i].kind == rec->terms[j].kind);
		FUZZ_CHECK(m->terms[i].text.len == rec->terms[j].text.len);
		FUZZ_CHECK(memcmp(m->text + m->terms[i].text.off, rec->text + rec->terms[j].text.off,
				  m->terms[i].text.len) == 0);
		j++;
	}
	spf_record_free(m);
	free(merged);
}

static void
check_parse(const char *text, size_t len)
{
	struct spf_record *rec = (struct spf_record *)1;
	struct spf_parse_error err;
	if (spf_parse(text, len, &rec, &err)) {
		FUZZ_CHECK(rec != NULL && err.reason == SPF_PARSE_OK);
		check_record(text, len, rec);
		check_rebuilt(rec);
		check_insert(rec);
		spf_record_free(rec);
		return;
	}
	FUZZ_CHECK(rec == NULL);
	FUZZ_CHECK(err.reason != SPF_PARSE_OK && err.reason != SPF_PARSE_NOMEM);
	if (err.reason == SPF_PARSE_NOT_SPF) {
		FUZZ_CHECK(!spf_parse_is_spf(text, len));
		return;
	}
	FUZZ_CHECK(spf_parse_is_spf(text, len));
	/* The error lies in its term, and the term in the text. */
	FUZZ_CHECK(err.term.len > 0 && err.term.off >= 7 && err.term.off + err.term.len <= len);
	FUZZ_CHECK(err.offset >= err.term.off && err.offset <= err.term.off + err.term.len);
	if (err.reason == SPF_PARSE_BAD_CHAR)
		FUZZ_CHECK(err.offset < len && ((unsigned char)text[err.offset] < 0x21 ||
						(unsigned char)text[err.offset] > 0x7e));
}

static const char *
validated_name(void *ctx, const char *domain)
{
	(void)ctx;
	(void)domain;
	return "mx.example.org";
}

static void
check_macros(const char *s, size_t len, bool v6)
{
	static const enum spf_macro_context ctxs[] = {SPF_MACRO_DOMAIN, SPF_MACRO_MODIFIER,
						      SPF_MACRO_EXPLANATION};
	struct spf_ip ip;
	FUZZ_CHECK(spf_ip_parse(v6 ? "2001:db8::cb01" : "192.0.2.3", &ip));
	const struct spf_macro_vars vars = {
		.sender = "strong-bad@email.example.com",
		.local = "strong-bad",
		.sender_domain = "email.example.com",
		.domain = "email.example.com",
		.ip = &ip,
		.helo = "mx.example.org",
		.receiver = NULL,
		.timestamp = 1700000000,
		.validated_name = validated_name,
	};
	bool prev_ok = false;
	for (size_t c = 0; c < 3; c++) {
		enum spf_macro_error why = SPF_MACRO_OK, why2 = SPF_MACRO_OK;
		size_t off = (size_t)-1;
		bool ends = false;
		bool ok = spf_macro_check(s, len, ctxs[c], &why, &off, &ends);
		char *out = (char *)1;
		size_t out_len = 0;
		bool ok2 = spf_macro_expand(s, len, ctxs[c], &vars, &out, &out_len, &why2);
		FUZZ_CHECK(ok == ok2);
		FUZZ_CHECK(why == why2);
		/* Contexts nest: what the domain context allows, the others allow too. */
		FUZZ_CHECK(!prev_ok || ok);
		prev_ok = ok;
		if (!ok) {
			FUZZ_CHECK(why != SPF_MACRO_OK && why != SPF_MACRO_NOMEM);
			FUZZ_CHECK(out == NULL && out_len == 0);
			FUZZ_CHECK(off < len);
			if (why == SPF_MACRO_BAD_CHAR)
				FUZZ_CHECK((unsigned char)s[off] < 0x21 || (unsigned char)s[off] > 0x7e);
			continue;
		}
		FUZZ_CHECK(why == SPF_MACRO_OK && off == 0);
		FUZZ_CHECK(out != NULL && out[out_len] == '\0' && strlen(out) == out_len);
		if (!memchr(s, '%', len))
			FUZZ_CHECK(out_len == len && memcmp(out, s, len) == 0 && !ends);
		if (ctxs[c] == SPF_MACRO_DOMAIN) {
			/* Truncation: a suffix of the name, at most 253 bytes unless a
			 * single label is longer. */
			size_t tlen = out_len;
			char *copy = strdup(out);
			FUZZ_CHECK(copy);
			spf_macro_truncate_domain(copy, &tlen);
			FUZZ_CHECK(strlen(copy) == tlen);
			size_t base = out_len && out[out_len - 1] == '.' ? out_len - 1 : out_len;
			FUZZ_CHECK(tlen <= base && memcmp(copy, out + base - tlen, tlen) == 0);
			FUZZ_CHECK(tlen <= 253 || !memchr(copy, '.', tlen));
			FUZZ_CHECK(tlen == base || out[base - tlen - 1] == '.');
			free(copy);
		}
		free(out);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	check_parse(text, size);
	check_macros(text, size, size & 1);
	return 0;
}
