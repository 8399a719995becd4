/* entry.h — the DNS entry exactly as a provider's web form wants it.
 *
 * Providers offer either one text field per record (a zone-file line) or
 * separate fields (Name, TTL, Typ, Data). Both come with or without TTL. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* RFC 1035 3.3: a character-string holds at most 255 bytes. */
#define ENTRY_STRING_MAX 255

enum entry_form {
	ENTRY_FORM_LINE,   /* `@ 86400 IN TXT "v=spf1 …"` */
	ENTRY_FORM_FIELDS, /* `Name: @` / `TTL: 86400` / `Typ: TXT` / `Data: v=spf1 …` */
};

/* A DNS provider's own words for the fields form (data/providers); a NULL
 * member keeps the generic label. */
struct entry_labels {
	const char *name, *type, *value, *ttl;
	const char *type_value; /* what to choose as the type: "TXT (SPF)"; NULL: TXT */
	bool apex_empty;        /* the name field stays empty for the domain itself */
};

struct entry {
	const struct entry_labels *labels; /* NULL: the generic labels */
	const char *name;  /* the record's name as the form wants it: "@" */
	const char *value; /* the TXT value, unquoted (e.g. the SPF record) */
	size_t value_len;
	bool with_ttl;
	unsigned long ttl;
};

/* Splits VALUE into character-strings of at most ENTRY_STRING_MAX bytes,
 * cutting after a space where possible (so terms stay whole) and never inside
 * a UTF-8 sequence. Writes the end offset of each string to ENDS (room for
 * MAX) and returns how many strings there are (at least 1); joined without
 * separator they give VALUE again (RFC 7208 3.3). */
size_t entry_split(const char *value, size_t len, size_t *ends, size_t max);

/* The value as zone-file text: one or more quoted character-strings separated
 * by a space, `"` and `\` escaped, bytes outside printable ASCII as `\DDD`
 * (RFC 1035 5.1). Returns a new string, NULL when out of memory. */
char *entry_quote(const char *value, size_t len);

/* The whole entry in FORM, one line per field, each ending in `\n`; the field
 * labels are translated. The fields form shows the value unquoted and as it
 * is: callers display it through textsafe when it came from outside.
 * Returns a new string, NULL when out of memory. */
char *entry_format(const struct entry *entry, enum entry_form form);
