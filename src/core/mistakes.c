/* mistakes.c — see mistakes.h. */
#include "mistakes.h"

#include "spf_parse.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const typographic[] = {
	"\xe2\x80\x9e", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x98",
	"\xe2\x80\x99", "\xc2\xa0", "\xc2\xab", "\xc2\xbb",
};
enum { NTYPOGRAPHIC = sizeof(typographic) / sizeof(typographic[0]) };

/* The length of the typographic character at TEXT, or 0. */
static size_t
typographic_at(const unsigned char *text, size_t left)
{
	for (size_t t = 0; t < NTYPOGRAPHIC; t++) {
		size_t tl = strlen(typographic[t]);
		if (left >= tl && memcmp(text, typographic[t], tl) == 0)
			return tl;
	}
	return 0;
}

/* Whether TEXT (LEN bytes) looks like an SPF record mangled by copy-paste. */
static unsigned
mangled(const unsigned char *text, size_t len)
{
	size_t skip = 0, tl;
	unsigned found = 0;
	/* Leading quote characters, plain or typographic. */
	while (skip < len) {
		if (text[skip] == '"' || text[skip] == '\'') {
			found |= MISTAKE_QUOTED;
			skip++;
		} else if ((tl = typographic_at(text + skip, len - skip))) {
			found |= MISTAKE_TYPOGRAPHIC;
			skip += tl;
		} else {
			break;
		}
	}
	if (len - skip < 6 || strncasecmp((const char *)text + skip, "v=spf1", 6) != 0)
		return 0;
	for (size_t i = skip; i < len; i++)
		if (typographic_at(text + i, len - i))
			found |= MISTAKE_TYPOGRAPHIC;
	if (found == 0 && !spf_parse_is_spf((const char *)text, len))
		found = MISTAKE_TYPOGRAPHIC; /* e.g. "v=spf1" followed by a no-break space */
	return found;
}

static bool
has_spf(const struct dns_rrset *set)
{
	return set && spf_parse_count_records(set, NULL) > 0;
}

/* The SPF record of SET (or its first record) as a new string into *record,
 * unless one is there already. */
static void
keep_record(const struct dns_rrset *set, char **record)
{
	if (*record || !set || !set->count)
		return;
	size_t which = 0;
	spf_parse_count_records(set, &which);
	const struct dns_record *rec = &set->records[which];
	*record = strndup((const char *)rec->data, rec->len);
}

unsigned
mistakes_find(const struct mistake_probes *p, char **record)
{
	unsigned found = 0;
	if (has_spf(p->doubled)) {
		found |= MISTAKE_DOUBLED_NAME;
		keep_record(p->doubled, record);
	}
	if (has_spf(p->www)) {
		found |= MISTAKE_WWW;
		keep_record(p->www, record);
	}
	for (size_t i = 0; p->own && i < p->own->count; i++) {
		const struct dns_record *rec = &p->own->records[i];
		unsigned m = mangled(rec->data, rec->len);
		if (m && !*record)
			*record = strndup((const char *)rec->data, rec->len);
		found |= m;
	}
	if (has_spf(p->at)) {
		found |= MISTAKE_AT_LABEL;
		keep_record(p->at, record);
	}
	if (has_spf(p->type99) && !has_spf(p->own)) {
		found |= MISTAKE_TYPE99_ONLY;
		keep_record(p->type99, record);
	}
	return found;
}

bool
mistakes_probe_names(const char *domain, const char *zone, struct mistake_names *names)
{
	struct strbuf sb = {0};
	strbuf_printf(&sb, "%s.%s", domain, zone && *zone ? zone : domain);
	names->doubled = strbuf_finish(&sb);
	strbuf_printf(&sb, "www.%s", domain);
	names->www = strbuf_finish(&sb);
	strbuf_printf(&sb, "@.%s", domain);
	names->at = strbuf_finish(&sb);
	if (names->doubled && names->www && names->at)
		return true;
	mistakes_names_free(names);
	return false;
}

void
mistakes_names_free(struct mistake_names *names)
{
	free(names->doubled);
	free(names->www);
	free(names->at);
	*names = (struct mistake_names){0};
}
