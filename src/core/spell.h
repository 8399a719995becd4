/* spell.h — a value for dictation on the phone: character by character, in
 * numbered groups of at most five, each character with its spoken word
 * (German: the city alphabet of DIN 5009:2022; English: ICAO), digits as
 * words, every symbol named, capitals marked.
 *
 * The words live in this module's own tables, both languages side by side,
 * not in gettext: the DIN 5009 and ICAO words are not translations of each
 * other, and a dictation must be the same whether or not a catalog is
 * installed. The caller picks the language the way the wizard picks the
 * profile's alias texts (spell_lang_of). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

enum spell_lang { SPELL_DE, SPELL_EN };

/* SPELL_EN for "en", else SPELL_DE (German is the source language). */
enum spell_lang spell_lang_of(const char *lang);

/* One line of a dictation, inside spell.text (not NUL-terminated there). */
struct spell_line {
	const char *text;
	size_t len;
	bool heading; /* the count, or a group's "Gruppe N: …" line */
};

/* The dictation: TEXT holds every line, each ending in "\n" (a blank line
 * between groups); LINES points into it. */
struct spell {
	char *text;
	struct spell_line *lines;
	size_t nlines;
	size_t nchars, ngroups;
};

enum { SPELL_GROUP = 5, SPELL_MAX_COLUMNS = 72 };

/* Spells the LEN bytes of S (any bytes: invalid UTF-8 is one character per
 * byte, named by its value). The result holds no byte below 0x20 but "\n",
 * no DEL and no C1 code point: what is unsafe is shown escaped
 * (textsafe.h) and named by its code point. A line is at most
 * SPELL_MAX_COLUMNS wide. False only when out of memory (*OUT then empty). */
bool spell_make(const void *s, size_t len, enum spell_lang lang, struct spell *out);

/* Frees what SP holds; NULL is a no-op. */
void spell_clear(struct spell *sp);
