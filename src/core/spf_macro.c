/* spf_macro.c — RFC 7208 section 7 macro-strings. */
#include "spf_macro.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growing output buffer; oom sticks once an allocation failed. */
struct buf {
	char *p;
	size_t len, cap;
	bool oom;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static bool
is_delimiter(char c)
{
	return c != '\0' && strchr(".-+,/_=", c) != NULL;
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* RFC 3986 unreserved characters stay as they are when URL-escaping. */
static bool
is_unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

struct span {
	const char *p;
	size_t len;
};

/* Appends VALUE transformed (RFC 7208 7.3): split at any of DELIMS (default
 * "."), optionally reversed, the right-most KEEP parts (0: all), joined by
 * '.', URL-escaped when ESCAPE. */
static void
put_transformed(struct buf *b, const char *value, const char *delims, size_t ndelims,
		unsigned keep, bool reverse, bool escape)
{
	size_t vlen = strlen(value);
	size_t nparts = 1;
	for (size_t i = 0; i < vlen; i++)
		if (ndelims ? memchr(delims, value[i], ndelims) != NULL : value[i] == '.')
			nparts++;
	struct span *parts = malloc(nparts * sizeof(*parts));
	if (!parts) {
		b->oom = true;
		return;
	}
	size_t n = 0, start = 0;
	for (size_t i = 0; i <= vlen; i++) {
		if (i == vlen ||
		    (ndelims ? memchr(delims, value[i], ndelims) != NULL : value[i] == '.')) {
			parts[n++] = (struct span){value + start, i - start};
			start = i + 1;
		}
	}
	if (reverse)
		for (size_t i = 0; i < n / 2; i++) {
			struct span t = parts[i];
			parts[i] = parts[n - 1 - i];
			parts[n - 1 - i] = t;
		}
	size_t first = keep && keep < n ? n - keep : 0;
	for (size_t i = first; i < n; i++) {
		if (i > first)
			buf_add(b, ".", 1);
		if (!escape) {
			buf_add(b, parts[i].p, parts[i].len);
			continue;
		}
		for (size_t j = 0; j < parts[i].len; j++) {
			unsigned char c = (unsigned char)parts[i].p[j];
			if (is_unreserved(c)) {
				buf_add(b, (const char *)&c, 1);
			} else {
				char esc[4];
				snprintf(esc, sizeof(esc), "%%%02X", c);
				buf_add(b, esc, 3);
			}
		}
	}
	free(parts);
}

/* The value of macro LETTER (lower case), or NULL when out of memory.
 * SCRATCH holds values that are formatted here. */
static const char *
letter_value(char letter, const struct spf_macro_vars *v, char scratch[SPF_IP_REVERSE_MAX])
{
	const char *s = NULL;
	switch (letter) {
	case 's': s = v->sender; break;
	case 'l': s = v->local; break;
	case 'o': s = v->sender_domain; break;
	case 'd': s = v->domain; break;
	case 'h': s = v->helo; break;
	case 'r': s = v->receiver ? v->receiver : "unknown"; break;
	case 'i':
		if (!v->ip)
			break;
		spf_ip_dotted(v->ip, scratch);
		return scratch;
	case 'c':
		if (!v->ip)
			break;
		spf_ip_format(v->ip, scratch);
		return scratch;
	case 'v':
		return v->ip && v->ip->family == SPF_IP_V6 ? "ip6" : "in-addr";
	case 't':
		snprintf(scratch, SPF_IP_REVERSE_MAX, "%" PRIu64, v->timestamp);
		return scratch;
	case 'p':
		if (!v->validated_name)
			return "unknown";
		return v->validated_name(v->ctx, v->domain ? v->domain : "");
	}
	return s ? s : "";
}

/* What scan() and its helpers share: the input, the expansion (when VARS is
 * not NULL) and where a failure is reported. */
struct scanner {
	const char *s;
	size_t len;
	enum spf_macro_context ctx;
	const struct spf_macro_vars *vars;
	struct buf *b;
	enum spf_macro_error *reason;
	size_t *offset;
};

/* A macro-expand "%{" letter [digits] ["r"] *delimiter "}" (RFC 7208 7.1). */
struct macro {
	char letter;     /* as written: upper case means URL-escaped */
	char low;        /* lower case */
	unsigned keep;   /* right-most parts to keep; 0: all */
	bool reverse;
	size_t delims_at, ndelims;
	size_t end;      /* the index of its '}' */
};

static bool
fail(const struct scanner *sc, enum spf_macro_error reason, size_t offset)
{
	*sc->reason = reason;
	*sc->offset = offset;
	return false;
}

/* A byte that stands for itself: VCHAR, and SP in an explanation. */
static bool
literal_ok(unsigned char c, enum spf_macro_context ctx)
{
	return (c >= 0x21 && c <= 0x7e) || (c == ' ' && ctx == SPF_MACRO_EXPLANATION);
}

/* The run of literal bytes at *I, copied at once; *I moves past it. */
static bool
scan_literal(const struct scanner *sc, size_t *i)
{
	if (!literal_ok((unsigned char)sc->s[*i], sc->ctx))
		return fail(sc, SPF_MACRO_BAD_CHAR, *i);
	size_t j = *i + 1;
	while (j < sc->len && sc->s[j] != '%' && literal_ok((unsigned char)sc->s[j], sc->ctx))
		j++;
	if (sc->vars)
		buf_add(sc->b, sc->s + *i, j - *i);
	*i = j;
	return true;
}

/* The transformers after the letter at J: digits, 'r', delimiters, '}'. */
static bool
parse_transformers(const struct scanner *sc, size_t i, size_t j, struct macro *m)
{
	const char *s = sc->s;
	size_t digits_at = j;
	while (j < sc->len && s[j] >= '0' && s[j] <= '9') {
		if (m->keep < 1000)
			m->keep = m->keep * 10 + (unsigned)(s[j] - '0');
		j++;
	}
	/* RFC 7208 7.3: a DIGIT transformer must be nonzero. */
	if (j > digits_at && m->keep == 0)
		return fail(sc, SPF_MACRO_BAD_DIGITS, digits_at);
	if (j < sc->len && lower(s[j]) == 'r') {
		m->reverse = true;
		j++;
	}
	m->delims_at = j;
	while (j < sc->len && is_delimiter(s[j]))
		j++;
	if (j >= sc->len || s[j] != '}')
		return fail(sc, SPF_MACRO_UNTERMINATED, j < sc->len ? j : i);
	m->ndelims = j - m->delims_at;
	m->end = j;
	return true;
}

/* Parses the macro-expand whose '%' is at I into *M. */
static bool
parse_macro(const struct scanner *sc, size_t i, struct macro *m)
{
	size_t j = i + 2;
	*m = (struct macro){0};
	if (j >= sc->len)
		return fail(sc, SPF_MACRO_UNTERMINATED, i);
	m->letter = sc->s[j];
	m->low = lower(m->letter);
	if (!strchr("slodiphcrtv", m->low) || m->low == '\0')
		return fail(sc, SPF_MACRO_BAD_LETTER, j);
	if (sc->ctx == SPF_MACRO_DOMAIN && (m->low == 'c' || m->low == 'r' || m->low == 't'))
		return fail(sc, SPF_MACRO_LETTER_NOT_ALLOWED, j);
	return parse_transformers(sc, i, j + 1, m);
}

/* Appends the value of macro M, transformed. */
static bool
expand_macro(const struct scanner *sc, const struct macro *m, size_t i)
{
	char scratch[SPF_IP_REVERSE_MAX];
	const char *value = letter_value(m->low, sc->vars, scratch);
	if (!value)
		return fail(sc, SPF_MACRO_NOMEM, i);
	/* Upper-case letters are URL-escaped (RFC 7208 7.3). */
	put_transformed(sc->b, value, sc->s + m->delims_at, m->ndelims, m->keep, m->reverse,
			m->letter != m->low);
	return true;
}

/* The macro (or "%%", "%_", "%-") whose '%' is at *I; *I moves past it. */
static bool
scan_percent(const struct scanner *sc, size_t *i)
{
	if (*i + 1 >= sc->len)
		return fail(sc, SPF_MACRO_BAD_PERCENT, *i);
	char n = sc->s[*i + 1];
	if (n == '%' || n == '_' || n == '-') {
		/* RFC 7208 7.1: "%%" is '%', "%_" a space, "%-" URL-encoded space. */
		if (sc->vars)
			buf_add(sc->b, n == '%' ? "%" : n == '_' ? " " : "%20", n == '-' ? 3 : 1);
		*i += 2;
		return true;
	}
	if (n != '{')
		return fail(sc, SPF_MACRO_BAD_PERCENT, *i);
	struct macro m;
	if (!parse_macro(sc, *i, &m))
		return false;
	if (sc->vars && !expand_macro(sc, &m, *i))
		return false;
	*i = m.end + 1;
	return true;
}

/* The one scanner: validates S and, when VARS is not NULL, expands into B. */
static bool
scan(const char *s, size_t len, enum spf_macro_context ctx, const struct spf_macro_vars *vars,
     struct buf *b, enum spf_macro_error *reason, size_t *offset, bool *ends_with_macro)
{
	const struct scanner sc = {.s = s, .len = len, .ctx = ctx, .vars = vars, .b = b,
				   .reason = reason, .offset = offset};
	bool last_macro = false;
	size_t i = 0;
	while (i < len) {
		last_macro = s[i] == '%';
		if (!(last_macro ? scan_percent(&sc, &i) : scan_literal(&sc, &i)))
			return false;
	}
	if (ends_with_macro)
		*ends_with_macro = last_macro;
	if (b && b->oom) {
		*reason = SPF_MACRO_NOMEM;
		return false;
	}
	*reason = SPF_MACRO_OK;
	return true;
}

bool
spf_macro_check(const char *s, size_t len, enum spf_macro_context ctx,
		enum spf_macro_error *reason, size_t *offset, bool *ends_with_macro)
{
	size_t off = 0;
	bool ok = scan(s, len, ctx, NULL, NULL, reason, &off, ends_with_macro);
	if (offset)
		*offset = ok ? 0 : off;
	return ok;
}

bool
spf_macro_expand(const char *s, size_t len, enum spf_macro_context ctx,
		 const struct spf_macro_vars *vars, char **out, size_t *out_len,
		 enum spf_macro_error *reason)
{
	struct buf b = {0};
	size_t off = 0;
	*out = NULL;
	*out_len = 0;
	buf_add(&b, "", 0);
	if (!scan(s, len, ctx, vars, &b, reason, &off, NULL) || b.oom) {
		if (b.oom)
			*reason = SPF_MACRO_NOMEM;
		free(b.p);
		return false;
	}
	*out = b.p;
	*out_len = b.len;
	return true;
}

void
spf_macro_truncate_domain(char *name, size_t *len)
{
	if (*len > 0 && name[*len - 1] == '.')
		name[--*len] = '\0';
	size_t start = 0;
	/* RFC 7208 7.3: remove whole labels from the left until <= 253. */
	while (*len - start > 253) {
		char *dot = memchr(name + start, '.', *len - start);
		if (!dot)
			break;
		start = (size_t)(dot - name) + 1;
	}
	if (start) {
		memmove(name, name + start, *len - start + 1);
		*len -= start;
	}
}
