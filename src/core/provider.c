/* provider.c — see provider.h. Read by the INI loader (inifile.h); each key
 * is checked against a table of what it may hold. */
#include "provider.h"

#include "textsafe.h"
#include "utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a key holds, and how often it may appear in a section. */
enum kind {
	KIND_TEXT,      /* one string, once */
	KIND_PARAGRAPH, /* a string; a repeated key continues it */
	KIND_PATTERNS,  /* name patterns separated by spaces; repeatable */
	KIND_STEPS,     /* menu steps separated by " > "; repeatable */
	KIND_WORD,      /* one of the key's words, once */
	KIND_SECONDS,   /* a TTL, once */
	KIND_LENGTH,    /* a length in characters, once */
	KIND_LIVE,      /* MIN-MAX seconds, MAX above 0, once */
	KIND_DELAY,     /* MIN-MAX seconds, 0-0 allowed, once */
};

static const char *const form_words[] = {"unknown", "fields", "line", "both", NULL};
static const char *const apex_words[] = {"unknown", "@", "empty", NULL};
static const char *const answer_words[] = {"unknown", "no", "yes", NULL};
static const char *const ttl_words[] = {"unknown", "field", "fixed", "none", NULL};
static const char *const quotes_words[] = {"unknown", "adds", "strips", "none-wanted", NULL};

#define AT(field) offsetof(struct provider, field)
static const struct key_spec {
	const char *key;
	enum kind kind;
	size_t at, count_at;      /* where in struct provider; count_at for patterns */
	const char *const *words; /* KIND_WORD: the values, in the enum's order */
} keys[] = {
	{"name", KIND_TEXT, AT(name), 0, NULL},
	{"ns", KIND_PATTERNS, AT(ns), AT(nns), NULL},
	{"soa", KIND_PATTERNS, AT(soa), AT(nsoa), NULL},
	{"path_de", KIND_STEPS, AT(path_de), 0, NULL},
	{"path_en", KIND_STEPS, AT(path_en), 0, NULL},
	{"form", KIND_WORD, AT(form), 0, form_words},
	{"label_name", KIND_TEXT, AT(label_name), 0, NULL},
	{"label_type", KIND_TEXT, AT(label_type), 0, NULL},
	{"label_value", KIND_TEXT, AT(label_value), 0, NULL},
	{"label_ttl", KIND_TEXT, AT(label_ttl), 0, NULL},
	{"type_value", KIND_TEXT, AT(type_value), 0, NULL},
	{"apex", KIND_WORD, AT(apex), 0, apex_words},
	{"name_appends_domain", KIND_WORD, AT(name_appends_domain), 0, answer_words},
	{"ttl", KIND_WORD, AT(ttl), 0, ttl_words},
	{"ttl_default", KIND_SECONDS, AT(ttl_default), 0, NULL},
	{"ttl_fixed", KIND_SECONDS, AT(ttl_fixed), 0, NULL},
	{"quotes", KIND_WORD, AT(quotes), 0, quotes_words},
	{"max_length", KIND_LENGTH, AT(max_length), 0, NULL},
	{"spf_feature_de", KIND_PARAGRAPH, AT(spf_feature_de), 0, NULL},
	{"spf_feature_en", KIND_PARAGRAPH, AT(spf_feature_en), 0, NULL},
	{"feature_says_one_record", KIND_WORD, AT(feature_says_one_record), 0, answer_words},
	{"live_time", KIND_LIVE, 0, 0, NULL},
	{"publish_delay", KIND_DELAY, 0, 0, NULL},
};
#undef AT
enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };

struct loader {
	struct provider_list *list;
	bool in_section;       /* a [section] has begun: list->items[n - 1] */
	unsigned section_line; /* its header's line */
	uint32_t seen;         /* the once-only keys seen in it, by index */
	unsigned ttl_fixed_line;
};

/* The provider whose section is being read, or NULL. */
static const char *
current_id(const struct loader *ld)
{
	return ld->in_section ? ld->list->items[ld->list->n - 1].id : NULL;
}

static bool
fail(struct inifile *f, enum inifile_error error, const char *key)
{
	return inifile_fail(f, error, current_id(inifile_ctx(f)), key);
}

/* An id: 1 to 31 of a-z, 0-9 and "-". */
static bool
valid_id(const char *id)
{
	size_t n = strlen(id);
	return n >= 1 && n < 32 && strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* The checks that need the whole section: run when the next one begins and
 * at the end of the file. */
static void
finish_section(struct inifile *f)
{
	struct loader *ld = inifile_ctx(f);
	if (!ld->in_section)
		return;
	const struct provider *p = &ld->list->items[ld->list->n - 1];
	unsigned at = ld->section_line;
	if (!p->name)
		inifile_fail_at(f, at, INIFILE_MISSING_KEY, p->id, "name");
	if (!p->path_de.n != !p->path_en.n)
		inifile_fail_at(f, at, INIFILE_MISSING_KEY, p->id,
				p->path_de.n ? "path_en" : "path_de");
	if (!p->spf_feature_de != !p->spf_feature_en)
		inifile_fail_at(f, at, INIFILE_MISSING_KEY, p->id,
				p->spf_feature_de ? "spf_feature_en" : "spf_feature_de");
	if (p->ttl_fixed && p->ttl != PROVIDER_TTL_FIXED)
		inifile_fail_at(f, ld->ttl_fixed_line, INIFILE_BAD_VALUE, p->id, "ttl_fixed");
}

/* A "[id]" line: a new provider. */
static void
begin_section(struct inifile *f, const char *id)
{
	struct loader *ld = inifile_ctx(f);
	struct provider_list *list = ld->list;

	finish_section(f);
	ld->in_section = false;
	if (!valid_id(id)) {
		inifile_fail(f, INIFILE_BAD_ID, id, NULL);
		return;
	}
	if (provider_find(list, id)) {
		inifile_fail(f, INIFILE_DUPLICATE_SECTION, id, NULL);
		return;
	}
	struct provider *items = realloc(list->items, (list->n + 1) * sizeof(*items));
	if (!items) {
		inifile_fail(f, INIFILE_NO_MEMORY, NULL, NULL);
		return;
	}
	list->items = items;
	items[list->n] = (struct provider){.id = strdup(id)};
	if (!items[list->n++].id) {
		inifile_fail(f, INIFILE_NO_MEMORY, NULL, NULL);
		return;
	}
	ld->in_section = true;
	ld->section_line = inifile_line(f);
	ld->seen = 0;
	ld->ttl_fixed_line = 0;
}

/* Text for people: no control characters. */
static bool
valid_text(const char *s)
{
	/* Shown to the customer as it is: valid UTF-8 with nothing a terminal
	 * would take as a command (C0, DEL, C1, bidi controls). */
	if (!s[0] || !utf8_valid(s))
		return false;
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(u + i, len - i, &cp);
		if (!n || textsafe_is_unsafe(cp))
			return false;
		i += n;
	}
	return true;
}

/* A pattern: labels of a-z, 0-9, "-", "*" and "#", no empty label, no "**",
 * and the last two labels without a wildcard, so that it never matches a
 * name under a domain the provider does not own. */
static bool
valid_pattern(const char *p)
{
	size_t n = strlen(p);
	if (n == 0 || n >= PROVIDER_MAX_NAME || p[0] == '.' || p[n - 1] == '.' ||
	    strstr(p, "..") || strstr(p, "**") ||
	    strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-.*#") != n)
		return false;
	const char *last = strrchr(p, '.');
	if (!last)
		return false; /* one label */
	const char *tail = last;
	while (tail > p && tail[-1] != '.')
		tail--;
	return strcspn(tail, "*#") == strlen(tail);
}

static void *
slot(struct provider *p, const struct key_spec *k)
{
	return (char *)p + k->at;
}

static bool
copy_to(struct inifile *f, char **dst, const char *value, size_t len)
{
	if (!(*dst = strndup(value, len)))
		return fail(f, INIFILE_NO_MEMORY, NULL);
	return true;
}

static bool
take_text(struct inifile *f, const struct key_spec *k, struct provider *p, const char *value)
{
	if (!valid_text(value))
		return fail(f, INIFILE_BAD_VALUE, k->key);
	return copy_to(f, slot(p, k), value, strlen(value));
}

/* A repeated key continues the text after a space. */
static bool
take_paragraph(struct inifile *f, const struct key_spec *k, struct provider *p,
	       const char *value)
{
	char **text = slot(p, k);
	if (!valid_text(value))
		return fail(f, INIFILE_BAD_VALUE, k->key);
	if (!*text)
		return copy_to(f, text, value, strlen(value));
	size_t old = strlen(*text), add = strlen(value);
	char *joined = realloc(*text, old + 1 + add + 1);
	if (!joined)
		return fail(f, INIFILE_NO_MEMORY, NULL);
	joined[old] = ' ';
	memcpy(joined + old + 1, value, add + 1);
	*text = joined;
	return true;
}

static bool
take_patterns(struct inifile *f, const struct key_spec *k, struct provider *p,
	      const char *value)
{
	char **patterns = slot(p, k);
	size_t *n = (size_t *)((char *)p + k->count_at);
	const char *at = value + strspn(value, " \t");

	if (!*at)
		return fail(f, INIFILE_BAD_VALUE, k->key);
	while (*at) {
		size_t len = strcspn(at, " \t");
		char pattern[PROVIDER_MAX_NAME + 1];
		snprintf(pattern, sizeof(pattern), "%.*s", (int)len, at);
		if (len >= sizeof(pattern) || !valid_pattern(pattern))
			return fail(f, INIFILE_BAD_VALUE, k->key);
		if (*n == PROVIDER_MAX_PATTERNS)
			return fail(f, INIFILE_TOO_MANY, k->key);
		if (!copy_to(f, &patterns[*n], at, len))
			return false;
		++*n;
		at += len;
		at += strspn(at, " \t");
	}
	return true;
}

/* Steps separated by " > ", each without the spaces around it. */
static bool
take_steps(struct inifile *f, const struct key_spec *k, struct provider *p, const char *value)
{
	struct provider_steps *steps = slot(p, k);
	const char *at = value;

	for (;;) {
		const char *sep = strstr(at, " > ");
		const char *end = sep ? sep : at + strlen(at);
		at += strspn(at, " ");
		while (end > at && end[-1] == ' ')
			end--;
		size_t len = end > at ? (size_t)(end - at) : 0;
		char step[200];
		snprintf(step, sizeof(step), "%.*s", (int)len, at);
		if (!valid_text(step))
			return fail(f, INIFILE_BAD_VALUE, k->key);
		if (steps->n == PROVIDER_MAX_STEPS)
			return fail(f, INIFILE_TOO_MANY, k->key);
		if (!copy_to(f, &steps->step[steps->n], step, len))
			return false;
		steps->n++;
		if (!sep)
			return true;
		at = sep + 3;
	}
}

/* Digits only (no sign, no spaces), at least 1, at most MAX. */
static bool
parse_number(const char *text, size_t len, unsigned long max, unsigned long *out)
{
	char digits[16];
	if (len == 0 || len >= sizeof(digits) || strspn(text, "0123456789") < len)
		return false;
	memcpy(digits, text, len);
	digits[len] = '\0';
	errno = 0;
	unsigned long v = strtoul(digits, NULL, 10);
	if (errno || v > max)
		return false;
	*out = v;
	return true;
}

/* RFC 2181 8: a TTL is at most 2^31 - 1. */
static const unsigned long max_seconds = 2147483647UL;

static bool
take_number(struct inifile *f, const struct key_spec *k, struct provider *p, const char *value)
{
	unsigned long v;
	unsigned long max = k->kind == KIND_SECONDS ? max_seconds : 65535;
	if (!parse_number(value, strlen(value), max, &v) || v == 0)
		return fail(f, INIFILE_BAD_VALUE, k->key);
	memcpy(slot(p, k), &v, sizeof(v));
	if (strcmp(k->key, "ttl_fixed") == 0)
		((struct loader *)inifile_ctx(f))->ttl_fixed_line = inifile_line(f);
	return true;
}

/* "MIN-MAX" seconds with MIN <= MAX. */
static bool
parse_range(const char *value, unsigned long *min, unsigned long *max)
{
	const char *dash = strchr(value, '-');
	return dash && parse_number(value, (size_t)(dash - value), max_seconds, min) &&
	       parse_number(dash + 1, strlen(dash + 1), max_seconds, max) && *min <= *max;
}

static bool
take_live(struct inifile *f, const struct key_spec *k, struct provider *p, const char *value)
{
	if (!parse_range(value, &p->live_min, &p->live_max) || p->live_max == 0)
		return fail(f, INIFILE_BAD_VALUE, k->key);
	p->has_live_time = true;
	return true;
}

/* 0-0: the provider's servers serve a change at once. */
static bool
take_delay(struct inifile *f, const struct key_spec *k, struct provider *p, const char *value)
{
	if (!parse_range(value, &p->publish_min, &p->publish_max))
		return fail(f, INIFILE_BAD_VALUE, k->key);
	p->has_publish_delay = true;
	return true;
}

_Static_assert(sizeof(enum provider_form) == sizeof(int) &&
		       sizeof(enum provider_apex) == sizeof(int) &&
		       sizeof(enum provider_answer) == sizeof(int) &&
		       sizeof(enum provider_ttl) == sizeof(int) &&
		       sizeof(enum provider_quotes) == sizeof(int),
	       "the word keys are stored as int");

static bool
take_word(struct inifile *f, const struct key_spec *k, struct provider *p, const char *value)
{
	for (int i = 0; k->words[i]; i++) {
		if (strcmp(value, k->words[i]) == 0) {
			memcpy(slot(p, k), &i, sizeof(i));
			return true;
		}
	}
	return fail(f, INIFILE_BAD_VALUE, k->key);
}

static bool
take(struct inifile *f, const struct key_spec *k, struct provider *p, const char *value)
{
	switch (k->kind) {
	case KIND_TEXT: return take_text(f, k, p, value);
	case KIND_PARAGRAPH: return take_paragraph(f, k, p, value);
	case KIND_PATTERNS: return take_patterns(f, k, p, value);
	case KIND_STEPS: return take_steps(f, k, p, value);
	case KIND_WORD: return take_word(f, k, p, value);
	case KIND_SECONDS:
	case KIND_LENGTH: return take_number(f, k, p, value);
	case KIND_LIVE: return take_live(f, k, p, value);
	case KIND_DELAY: return take_delay(f, k, p, value);
	}
	return false;
}

static bool
repeatable(enum kind kind)
{
	return kind == KIND_PARAGRAPH || kind == KIND_PATTERNS || kind == KIND_STEPS;
}

static bool
handle(struct inifile *f, const char *section, const char *key, const char *value)
{
	struct loader *ld = inifile_ctx(f);

	(void)section; /* the id of list->items[n - 1], when in_section */
	if (!ld->in_section)
		return fail(f, INIFILE_KEY_OUTSIDE, key); /* after a bad header: reported */
	for (size_t i = 0; i < NKEYS; i++) {
		if (strcmp(key, keys[i].key) != 0)
			continue;
		if (!repeatable(keys[i].kind) && (ld->seen & (UINT32_C(1) << i)))
			return fail(f, INIFILE_DUPLICATE_KEY, key);
		ld->seen |= UINT32_C(1) << i;
		return take(f, &keys[i], &ld->list->items[ld->list->n - 1], value);
	}
	return fail(f, INIFILE_UNKNOWN_KEY, key);
}
_Static_assert(NKEYS <= 32, "ld->seen has a bit per key");

static const struct inifile_format format = {
	.kind = INIFILE_PROVIDERS,
	.section = begin_section,
	.key = handle,
	.finish = finish_section,
};

bool
provider_load(const char *path, struct provider_list *out, struct inifile_problem *problem)
{
	struct loader ld = {.list = out};

	*out = (struct provider_list){0};
	if (inifile_load(path, &format, &ld, problem))
		return true;
	provider_list_clear(out);
	return false;
}

static void
steps_clear(struct provider_steps *steps)
{
	for (size_t i = 0; i < steps->n; i++)
		free(steps->step[i]);
}

static void
provider_clear(struct provider *p)
{
	free(p->id);
	for (size_t i = 0; i < NKEYS; i++)
		if (keys[i].kind == KIND_TEXT || keys[i].kind == KIND_PARAGRAPH)
			free(*(char **)slot(p, &keys[i]));
	for (size_t i = 0; i < p->nns; i++)
		free(p->ns[i]);
	for (size_t i = 0; i < p->nsoa; i++)
		free(p->soa[i]);
	steps_clear(&p->path_de);
	steps_clear(&p->path_en);
}

void
provider_list_clear(struct provider_list *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->n; i++)
		provider_clear(&list->items[i]);
	free(list->items);
	*list = (struct provider_list){0};
}

const struct provider *
provider_find(const struct provider_list *list, const char *id)
{
	for (size_t i = 0; id && i < list->n; i++)
		if (strcmp(list->items[i].id, id) == 0)
			return &list->items[i];
	return NULL;
}

const struct provider_steps *
provider_path(const struct provider *p, const char *lang)
{
	return lang && strcmp(lang, "en") == 0 ? &p->path_en : &p->path_de;
}

const char *
provider_spf_feature(const struct provider *p, const char *lang)
{
	return lang && strcmp(lang, "en") == 0 ? p->spf_feature_en : p->spf_feature_de;
}

/* NAME in lower case without its trailing dot, into OUT; false for an empty
 * or overlong name and for any byte outside printable ASCII (a U-label or
 * worse: the patterns hold A-labels only). */
static bool
normalize(const char *name, char out[PROVIDER_MAX_NAME])
{
	size_t n = name ? strlen(name) : 0;
	if (n && name[n - 1] == '.')
		n--;
	if (n == 0 || n >= PROVIDER_MAX_NAME)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c <= 0x20 || c >= 0x7f)
			return false;
		out[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	out[n] = '\0';
	return true;
}

/* PATTERN against the normalized NAME: "#" one digit, "*" one or more
 * characters other than ".", anything else itself. */
static bool
glob(const char *p, const char *s)
{
	for (;; p++, s++) {
		if (*p == '*') {
			if (!*s || *s == '.')
				return false;
			for (s++;; s++) {
				if (glob(p + 1, s))
					return true;
				if (!*s || *s == '.')
					return false;
			}
		}
		if (!*p)
			return !*s;
		if (*p == '#' ? !(*s >= '0' && *s <= '9') : *p != *s)
			return false;
	}
}

bool
provider_name_matches(const char *pattern, const char *name)
{
	char norm[PROVIDER_MAX_NAME];
	return pattern && normalize(name, norm) && glob(pattern, norm);
}

static bool
any_matches(char *const *patterns, size_t n, const char *norm)
{
	for (size_t i = 0; i < n; i++)
		if (glob(patterns[i], norm))
			return true;
	return false;
}

/* The first provider whose ns (USE_NS) or soa (USE_SOA) patterns match the
 * normalized NAME; list->n when none does. */
static size_t
provider_of(const struct provider_list *list, const char *norm, bool use_ns, bool use_soa)
{
	for (size_t i = 0; i < list->n; i++) {
		const struct provider *p = &list->items[i];
		if ((use_ns && any_matches(p->ns, p->nns, norm)) ||
		    (use_soa && any_matches(p->soa, p->nsoa, norm)))
			return i;
	}
	return list->n;
}

static bool
found(const struct provider_list *list, size_t which, enum provider_evidence evidence,
      const char *norm, struct provider_match *match)
{
	match->provider = &list->items[which];
	match->evidence = evidence;
	snprintf(match->name, sizeof(match->name), "%s", norm);
	return true;
}

/* Rule 2 of provider_detect(): the vote of the NS names. */
static bool
detect_by_ns(const struct provider_list *list, const char *const *ns_names, size_t n,
	     struct provider_match *match)
{
	struct tally {
		size_t votes;
		char first[PROVIDER_MAX_NAME]; /* the provider's first name, sorted */
	} *tally = calloc(list->n + 1, sizeof(*tally));
	char norm[PROVIDER_MAX_NAME], other[PROVIDER_MAX_NAME];
	size_t best = list->n;

	if (!tally)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!normalize(ns_names[i], norm))
			continue;
		bool repeated = false; /* the same name twice is one vote */
		for (size_t j = 0; j < i && !repeated; j++)
			repeated = normalize(ns_names[j], other) && strcmp(other, norm) == 0;
		size_t which = provider_of(list, norm, true, false);
		if (repeated || which == list->n)
			continue;
		struct tally *t = &tally[which];
		if (t->votes++ == 0 || strcmp(norm, t->first) < 0)
			snprintf(t->first, sizeof(t->first), "%s", norm);
	}
	for (size_t i = 0; i < list->n; i++) {
		if (!tally[i].votes)
			continue;
		if (best == list->n || tally[i].votes > tally[best].votes ||
		    (tally[i].votes == tally[best].votes && strcmp(tally[i].first, tally[best].first) < 0))
			best = i;
	}
	bool ok = best < list->n && found(list, best, PROVIDER_BY_NS, tally[best].first, match);
	free(tally);
	return ok;
}

bool
provider_detect(const struct provider_list *list, const char *const *ns_names, size_t n,
		const char *soa_mname, const char *soa_rname, struct provider_match *match)
{
	char norm[PROVIDER_MAX_NAME];
	size_t which;

	*match = (struct provider_match){.provider = NULL};
	if (normalize(soa_mname, norm) &&
	    (which = provider_of(list, norm, true, true)) < list->n)
		return found(list, which, PROVIDER_BY_SOA_MNAME, norm, match);
	if (detect_by_ns(list, ns_names, n, match))
		return true;
	if (normalize(soa_rname, norm) && (which = provider_of(list, norm, false, true)) < list->n)
		return found(list, which, PROVIDER_BY_SOA_RNAME, norm, match);
	return false;
}
