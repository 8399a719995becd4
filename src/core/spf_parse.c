/* spf_parse.c — RFC 7208 record parser. */
#include "spf_parse.h"

#include "spf_macro.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alnum(char c)
{
	return is_alpha(c) || is_digit(c);
}

bool
spf_parse_is_spf(const char *text, size_t len)
{
	/* RFC 7208 4.5: exactly "v=spf1", ended by SP or the end of the record. */
	return len >= 6 && strncasecmp(text, "v=spf1", 6) == 0 && (len == 6 || text[6] == ' ');
}

size_t
spf_parse_count_records(const struct dns_rrset *set, size_t *last)
{
	size_t found = 0;
	for (size_t i = 0; set && i < set->count; i++) {
		if (spf_parse_is_spf((const char *)set->records[i].data, set->records[i].len)) {
			found++;
			if (last)
				*last = i;
		}
	}
	return found;
}

bool
spf_term_counts_lookup(enum spf_term_kind kind)
{
	switch (kind) {
	case SPF_TERM_INCLUDE:
	case SPF_TERM_A:
	case SPF_TERM_MX:
	case SPF_TERM_PTR:
	case SPF_TERM_EXISTS:
	case SPF_TERM_REDIRECT:
		return true;
	default:
		return false;
	}
}

/* Parser state: the record text and where the current error goes. */
struct parser {
	const char *t;
	struct spf_parse_error *err;
	struct spf_span term;
};

static bool
fail(struct parser *ps, enum spf_parse_reason reason, size_t offset)
{
	ps->err->reason = reason;
	ps->err->offset = offset;
	ps->err->term = ps->term;
	return false;
}

/* RFC 7208 7.1 toplabel: ( *alphanum ALPHA *alphanum ) /
 * ( 1*alphanum "-" *( alphanum / "-" ) alphanum ). */
bool
spf_parse_is_toplabel(const char *s, size_t len)
{
	if (len == 0)
		return false;
	bool alpha = false, hyphen = false;
	for (size_t i = 0; i < len; i++) {
		if (is_alpha(s[i]))
			alpha = true;
		else if (s[i] == '-')
			hyphen = true;
		else if (!is_digit(s[i]))
			return false;
	}
	if (!hyphen)
		return alpha;
	return is_alnum(s[0]) && is_alnum(s[len - 1]);
}

/* Validates the domain-spec at [off, off+len) (RFC 7208 7.1): a macro-string
 * ending in a macro-expand or in "." toplabel [ "." ]. */
static bool
check_domain_spec(struct parser *ps, size_t off, size_t len)
{
	if (len == 0)
		return fail(ps, SPF_PARSE_MISSING_DOMAIN, off);
	const char *s = ps->t + off;
	enum spf_macro_error why;
	size_t bad;
	bool ends_with_macro;
	if (!spf_macro_check(s, len, SPF_MACRO_DOMAIN, &why, &bad, &ends_with_macro))
		return fail(ps,
			    why == SPF_MACRO_BAD_CHAR ? SPF_PARSE_BAD_CHAR
			    : why == SPF_MACRO_LETTER_NOT_ALLOWED ? SPF_PARSE_MACRO_NOT_ALLOWED
								  : SPF_PARSE_BAD_MACRO,
			    off + bad);
	if (ends_with_macro)
		return true;
	size_t end = len;
	if (s[end - 1] == '.')
		end--;
	size_t dot = end;
	while (dot > 0 && s[dot - 1] != '.')
		dot--;
	/* dot: start of the top label; it needs a '.' before it. */
	if (dot == 0 || !spf_parse_is_toplabel(s + dot, end - dot))
		return fail(ps, SPF_PARSE_BAD_DOMAIN, off + (dot ? dot : 0));
	return true;
}

/* Parses a CIDR length of digits at [off, off+len): 1..MAXDIGITS digits, no
 * leading zero, at most MAX (RFC 7208 5.6 ip4-cidr-length, ip6-cidr-length). */
static bool
parse_cidr(struct parser *ps, size_t off, size_t len, unsigned max, unsigned *out)
{
	const char *s = ps->t + off;
	size_t maxdigits = max == 32 ? 2 : 3;
	if (len == 0 || len > maxdigits || (len > 1 && s[0] == '0'))
		return fail(ps, SPF_PARSE_BAD_CIDR, off);
	unsigned v = 0;
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return fail(ps, SPF_PARSE_BAD_CIDR, off + i);
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > max)
		return fail(ps, SPF_PARSE_BAD_CIDR, off);
	*out = v;
	return true;
}

/* a, mx: [ ":" domain-spec ] [ dual-cidr-length ] in [p, e). The CIDR lengths
 * are taken from the end, since a domain-spec may itself contain '/'. */
static bool
parse_a_mx(struct parser *ps, struct spf_term *term, size_t p, size_t e)
{
	const char *t = ps->t;
	size_t d = e;
	while (d > p && is_digit(t[d - 1]))
		d--;
	if (d < e && d >= p + 2 && t[d - 1] == '/' && t[d - 2] == '/') {
		if (!parse_cidr(ps, d, e - d, 128, &term->cidr6))
			return false;
		term->has_cidr6 = true;
		e = d - 2;
		d = e;
		while (d > p && is_digit(t[d - 1]))
			d--;
	}
	if (d < e && d >= p + 1 && t[d - 1] == '/') {
		if (!parse_cidr(ps, d, e - d, 32, &term->cidr4))
			return false;
		term->has_cidr4 = true;
		e = d - 1;
	}
	if (p == e)
		return true;
	if (t[p] != ':')
		return fail(ps, SPF_PARSE_UNEXPECTED_ARGUMENT, p);
	term->value = (struct spf_span){p + 1, e - p - 1};
	term->has_value = true;
	return check_domain_spec(ps, p + 1, e - p - 1);
}

/* ip4, ip6: ":" network [ "/" cidr ] in [p, e). */
static bool
parse_ip(struct parser *ps, struct spf_term *term, size_t p, size_t e)
{
	bool v4 = term->kind == SPF_TERM_IP4;
	enum spf_parse_reason bad = v4 ? SPF_PARSE_BAD_IP4 : SPF_PARSE_BAD_IP6;
	if (p == e || ps->t[p] != ':')
		return fail(ps, bad, p);
	p++;
	const char *slash = memchr(ps->t + p, '/', e - p);
	size_t ae = slash ? (size_t)(slash - ps->t) : e;
	term->value = (struct spf_span){p, ae - p};
	term->has_value = true;
	if (!spf_ip_parse_family(ps->t + p, ae - p, v4 ? SPF_IP_V4 : SPF_IP_V6, &term->network))
		return fail(ps, bad, p);
	if (!slash)
		return true;
	unsigned *cidr = v4 ? &term->cidr4 : &term->cidr6;
	if (!parse_cidr(ps, ae + 1, e - ae - 1, v4 ? 32 : 128, cidr))
		return false;
	if (v4)
		term->has_cidr4 = true;
	else
		term->has_cidr6 = true;
	return true;
}

static const struct {
	const char *name;
	enum spf_term_kind kind;
} mechanisms[] = {
	{"all", SPF_TERM_ALL},	   {"include", SPF_TERM_INCLUDE}, {"a", SPF_TERM_A},
	{"mx", SPF_TERM_MX},	   {"ptr", SPF_TERM_PTR},	  {"ip4", SPF_TERM_IP4},
	{"ip6", SPF_TERM_IP6},	   {"exists", SPF_TERM_EXISTS},
};

/* ":" domain-spec at N of a term ending at E: the value of include, exists
 * and ptr. */
static bool
parse_domain_arg(struct parser *ps, struct spf_term *term, size_t n, size_t e)
{
	if (ps->t[n] != ':')
		return fail(ps, SPF_PARSE_UNEXPECTED_ARGUMENT, n);
	term->value = (struct spf_span){n + 1, e - n - 1};
	term->has_value = true;
	return check_domain_spec(ps, n + 1, e - n - 1);
}

/* A modifier: TERM's name ends at N, its '=' (RFC 7208 6); REC collects the
 * index of redirect= and exp=. */
static bool
parse_modifier(struct parser *ps, struct spf_record *rec, size_t index, struct spf_term *term,
	       size_t n, size_t e)
{
	const char *t = ps->t;
	size_t p = term->name.off;
	if (term->qualifier_written)
		return fail(ps, SPF_PARSE_QUALIFIED_MODIFIER, term->text.off);
	term->value = (struct spf_span){n + 1, e - n - 1};
	term->has_value = true;
	size_t *slot = NULL;
	if (n - p == 8 && strncasecmp(t + p, "redirect", 8) == 0) {
		term->kind = SPF_TERM_REDIRECT;
		slot = &rec->redirect;
	} else if (n - p == 3 && strncasecmp(t + p, "exp", 3) == 0) {
		term->kind = SPF_TERM_EXP;
		slot = &rec->exp;
	} else {
		term->kind = SPF_TERM_UNKNOWN_MODIFIER;
		enum spf_macro_error why;
		size_t bad;
		if (!spf_macro_check(t + n + 1, e - n - 1, SPF_MACRO_MODIFIER, &why, &bad, NULL))
			return fail(ps, SPF_PARSE_BAD_MACRO, n + 1 + bad);
		return true;
	}
	/* RFC 7208 6: redirect= and exp= at most once each. */
	if (*slot != SPF_NO_TERM)
		return fail(ps, SPF_PARSE_DUPLICATE_MODIFIER, term->text.off);
	*slot = index;
	return check_domain_spec(ps, n + 1, e - n - 1);
}

/* A mechanism: TERM's name ends at N, its arguments run to E (RFC 7208 5). */
static bool
parse_mechanism(struct parser *ps, struct spf_term *term, size_t n, size_t e)
{
	const char *t = ps->t;
	size_t p = term->name.off;
	size_t m = 0;
	for (; m < sizeof(mechanisms) / sizeof(mechanisms[0]); m++)
		if (strlen(mechanisms[m].name) == n - p &&
		    strncasecmp(mechanisms[m].name, t + p, n - p) == 0)
			break;
	if (m == sizeof(mechanisms) / sizeof(mechanisms[0]))
		return fail(ps, SPF_PARSE_UNKNOWN_MECHANISM, p);
	term->kind = mechanisms[m].kind;
	switch (term->kind) {
	case SPF_TERM_ALL:
		if (n != e)
			return fail(ps, SPF_PARSE_UNEXPECTED_ARGUMENT, n);
		return true;
	case SPF_TERM_INCLUDE:
	case SPF_TERM_EXISTS:
		if (n == e)
			return fail(ps, SPF_PARSE_MISSING_DOMAIN, n);
		return parse_domain_arg(ps, term, n, e);
	case SPF_TERM_PTR:
		if (n == e)
			return true;
		return parse_domain_arg(ps, term, n, e);
	case SPF_TERM_A:
	case SPF_TERM_MX:
		return parse_a_mx(ps, term, n, e);
	case SPF_TERM_IP4:
	case SPF_TERM_IP6:
		return parse_ip(ps, term, n, e);
	default:
		return fail(ps, SPF_PARSE_UNKNOWN_MECHANISM, p);
	}
}

/* Parses the term at [s, e) into *TERM; REC collects redirect/exp indices. */
static bool
parse_term(struct parser *ps, struct spf_record *rec, size_t index, size_t s, size_t e,
	   struct spf_term *term)
{
	const char *t = ps->t;
	*term = (struct spf_term){.text = {s, e - s}, .cidr4 = 32, .cidr6 = 128};
	ps->term = term->text;
	for (size_t i = s; i < e; i++)
		if ((unsigned char)t[i] < 0x21 || (unsigned char)t[i] > 0x7e)
			return fail(ps, SPF_PARSE_BAD_CHAR, i);
	size_t p = s;
	switch (t[p]) {
	case '+': term->qualifier = SPF_QUALIFIER_PASS; break;
	case '-': term->qualifier = SPF_QUALIFIER_FAIL; break;
	case '~': term->qualifier = SPF_QUALIFIER_SOFTFAIL; break;
	case '?': term->qualifier = SPF_QUALIFIER_NEUTRAL; break;
	default: p--; break;
	}
	p++;
	term->qualifier_written = p > s;
	/* name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) */
	size_t n = p;
	if (n < e && is_alpha(t[n]))
		while (n < e && (is_alnum(t[n]) || t[n] == '-' || t[n] == '_' || t[n] == '.'))
			n++;
	term->name = (struct spf_span){p, n - p};
	if (n == p)
		return fail(ps, SPF_PARSE_UNKNOWN_TERM, p);
	if (n < e && t[n] == '=')
		return parse_modifier(ps, rec, index, term, n, e);
	return parse_mechanism(ps, term, n, e);
}

bool
spf_parse(const char *text, size_t len, struct spf_record **out, struct spf_parse_error *err)
{
	struct spf_record *rec = NULL;
	struct spf_parse_error dummy;
	if (!err)
		err = &dummy;
	*err = (struct spf_parse_error){0};
	*out = NULL;
	if (!spf_parse_is_spf(text, len)) {
		err->reason = SPF_PARSE_NOT_SPF;
		return false;
	}
	rec = calloc(1, sizeof(*rec));
	if (!rec || !(rec->text = malloc(len + 1)))
		goto nomem;
	memcpy(rec->text, text, len);
	rec->text[len] = '\0';
	rec->len = len;
	rec->redirect = rec->exp = SPF_NO_TERM;
	/* One pass to count the SP-separated terms, so that one allocation fits. */
	size_t maxterms = 0;
	for (size_t i = 6; i < len; i++)
		if (text[i] != ' ' && text[i - 1] == ' ')
			maxterms++;
	rec->terms = calloc(maxterms ? maxterms : 1, sizeof(*rec->terms));
	if (!rec->terms)
		goto nomem;
	struct parser ps = {.t = rec->text, .err = err};
	size_t p = 6;
	for (;;) {
		/* terms = *( 1*SP ( directive / modifier ) ); record ends in *SP. */
		while (p < len && text[p] == ' ')
			p++;
		if (p >= len)
			break;
		size_t s = p;
		while (p < len && text[p] != ' ')
			p++;
		if (!parse_term(&ps, rec, rec->nterms, s, p, &rec->terms[rec->nterms]))
			goto error;
		rec->nterms++;
	}
	*out = rec;
	return true;
nomem:
	err->reason = SPF_PARSE_NOMEM;
error:
	spf_record_free(rec);
	return false;
}

void
spf_record_free(struct spf_record *rec)
{
	if (!rec)
		return;
	free(rec->text);
	free(rec->terms);
	free(rec);
}

size_t
spf_record_find(const struct spf_record *rec, enum spf_term_kind kind, size_t from)
{
	for (size_t i = from; i < rec->nterms; i++)
		if (rec->terms[i].kind == kind)
			return i;
	return SPF_NO_TERM;
}

size_t
spf_record_insert_offset(const struct spf_record *rec)
{
	size_t i = spf_record_find(rec, SPF_TERM_ALL, 0);
	if (i == SPF_NO_TERM)
		i = rec->redirect;
	if (i != SPF_NO_TERM)
		return rec->terms[i].text.off;
	if (rec->nterms == 0)
		return 6;
	const struct spf_term *last = &rec->terms[rec->nterms - 1];
	return last->text.off + last->text.len;
}
