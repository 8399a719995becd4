/* spell.c — see spell.h. */
#include "spell.h"

#include "strbuf.h"
#include "textsafe.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The letters: DIN 5009:2022 (cities; Ä, Ö, Ü as "Umlaut" and the city of
 * the plain vowel; ß Eszett; Y Ypsilon) and ICAO. */
static const struct {
	uint32_t lower, upper;
	const char *din, *icao;
} letters[] = {
	{'a', 'A', "Aachen", "Alfa"},           {'b', 'B', "Berlin", "Bravo"},
	{'c', 'C', "Chemnitz", "Charlie"},      {'d', 'D', "Düsseldorf", "Delta"},
	{'e', 'E', "Essen", "Echo"},            {'f', 'F', "Frankfurt", "Foxtrot"},
	{'g', 'G', "Goslar", "Golf"},           {'h', 'H', "Hamburg", "Hotel"},
	{'i', 'I', "Ingelheim", "India"},       {'j', 'J', "Jena", "Juliett"},
	{'k', 'K', "Köln", "Kilo"},             {'l', 'L', "Leipzig", "Lima"},
	{'m', 'M', "München", "Mike"},          {'n', 'N', "Nürnberg", "November"},
	{'o', 'O', "Offenbach", "Oscar"},       {'p', 'P', "Potsdam", "Papa"},
	{'q', 'Q', "Quickborn", "Quebec"},      {'r', 'R', "Rostock", "Romeo"},
	{'s', 'S', "Salzwedel", "Sierra"},      {'t', 'T', "Tübingen", "Tango"},
	{'u', 'U', "Unna", "Uniform"},          {'v', 'V', "Völklingen", "Victor"},
	{'w', 'W', "Wuppertal", "Whiskey"},     {'x', 'X', "Xanten", "X-ray"},
	{'y', 'Y', "Ypsilon", "Yankee"},        {'z', 'Z', "Zwickau", "Zulu"},
	{0xe4, 0xc4, "Umlaut Aachen", "A umlaut"},
	{0xf6, 0xd6, "Umlaut Offenbach", "O umlaut"},
	{0xfc, 0xdc, "Umlaut Unna", "U umlaut"},
	{0xdf, 0x1e9e, "Eszett", "sharp S"},
};

/* Digits as words. German "zwo", as DIN 5009 has it: on the phone "zwei"
 * is easily heard as "drei". English plain "nine", not ICAO's radio
 * "niner": the listener is a customer, not a pilot. */
static const char *const digits_de[10] = {"null",  "eins",   "zwo",  "drei", "vier",
					  "fünf",  "sechs",  "sieben", "acht", "neun"};
static const char *const digits_en[10] = {"zero", "one", "two",   "three", "four",
					  "five", "six", "seven", "eight", "nine"};

/* Every printable ASCII character that is no letter or digit. */
static const struct {
	char c;
	const char *de, *en;
} symbols[] = {
	{' ', "Leerzeichen", "space"},
	{'!', "Ausrufezeichen", "exclamation mark"},
	{'"', "Anführungszeichen", "double quote"},
	{'#', "Rautenzeichen", "hash sign"},
	{'$', "Dollarzeichen", "dollar sign"},
	{'%', "Prozentzeichen", "percent sign"},
	{'&', "Und-Zeichen", "ampersand"},
	{'\'', "Apostroph", "apostrophe"},
	{'(', "runde Klammer auf", "opening parenthesis"},
	{')', "runde Klammer zu", "closing parenthesis"},
	{'*', "Sternchen", "asterisk"},
	{'+', "Pluszeichen", "plus sign"},
	{',', "Komma", "comma"},
	{'-', "Bindestrich", "hyphen"},
	{'.', "Punkt", "dot"},
	{'/', "Schrägstrich", "slash"},
	{':', "Doppelpunkt", "colon"},
	{';', "Semikolon", "semicolon"},
	{'<', "Kleiner-als-Zeichen", "less-than sign"},
	{'=', "Gleichheitszeichen", "equals sign"},
	{'>', "Größer-als-Zeichen", "greater-than sign"},
	{'?', "Fragezeichen", "question mark"},
	{'@', "At-Zeichen (Klammeraffe)", "at sign"},
	{'[', "eckige Klammer auf", "opening square bracket"},
	{'\\', "umgekehrter Schrägstrich (Backslash)", "backslash"},
	{']', "eckige Klammer zu", "closing square bracket"},
	{'^', "Zirkumflex (Dach)", "caret"},
	{'_', "Unterstrich", "underscore"},
	{'`', "Gravis (Backtick)", "backtick"},
	{'{', "geschweifte Klammer auf", "opening curly brace"},
	{'|', "senkrechter Strich", "vertical bar"},
	{'}', "geschweifte Klammer zu", "closing curly brace"},
	{'~', "Tilde", "tilde"},
};

/* The words around the words, per language; the formats that join them
 * are literals in the code (so that the compiler checks them). */
static const struct phrases {
	const char *chars_one, *chars_many;   /* "59 Zeichen" */
	const char *groups_one, *groups_many; /* "in 12 Gruppen" */
	const char *in, *group;               /* "Gruppe 3:" */
	const char *small, *capital, *as;     /* "großes V wie Völklingen" */
	const char *invalid, *control, *other;
} phrases[] = {
	[SPELL_DE] = {"Zeichen", "Zeichen", "Gruppe", "Gruppen", "in", "Gruppe", "kleines",
		      "großes", " wie ", "ungültiges Byte", "Steuerzeichen", "Zeichen"},
	[SPELL_EN] = {"character", "characters", "group", "groups", "in", "Group", "small",
		      "capital", ", ", "invalid byte", "control character", "character"},
};

/* Shown for a space: visible, where a blank would be lost. */
static const char open_box[] = "\xe2\x90\xa3"; /* ␣ U+2423 */

enum spell_lang
spell_lang_of(const char *lang)
{
	return lang && strcmp(lang, "en") == 0 ? SPELL_EN : SPELL_DE;
}

/* One character of the input: a code point, or one byte that is no valid
 * UTF-8. */
struct ch {
	const unsigned char *p;
	size_t n;
	bool valid;
	uint32_t cp;
};

static struct ch
next_char(const unsigned char *p, size_t left)
{
	struct ch c = {.p = p};
	c.n = utf8_decode(p, left, &c.cp);
	c.valid = c.n > 0;
	if (!c.valid)
		c.n = 1, c.cp = p[0];
	return c;
}

/* The character as it is shown (new string): itself when printable ASCII,
 * ␣ for a space, else made safe by textsafe_escape(). */
static char *
shown(const struct ch *c)
{
	if (c->valid && c->cp == ' ')
		return strdup(open_box);
	if (c->valid && c->cp > ' ' && c->cp < 0x7f)
		return strndup((const char *)c->p, 1);
	return textsafe_escape(c->p, c->n, 0);
}

/* The spoken word for C in LANG, in BUF. */
static const char *
word(const struct ch *c, enum spell_lang lang, char *buf, size_t size)
{
	const struct phrases *ph = &phrases[lang];
	bool en = lang == SPELL_EN;

	if (!c->valid) {
		snprintf(buf, size, "%s 0x%02X", ph->invalid, c->cp);
		return buf;
	}
	if (textsafe_is_unsafe(c->cp)) {
		snprintf(buf, size, "%s U+%04X", ph->control, c->cp);
		return buf;
	}
	if (c->cp >= '0' && c->cp <= '9')
		return (en ? digits_en : digits_de)[c->cp - '0'];
	for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++) {
		if (c->cp != letters[i].lower && c->cp != letters[i].upper)
			continue;
		char *self = strndup((const char *)c->p, c->n);
		snprintf(buf, size, "%s %s%s%s", c->cp == letters[i].upper ? ph->capital : ph->small,
			 self ? self : "?", ph->as, en ? letters[i].icao : letters[i].din);
		free(self);
		return buf;
	}
	for (size_t i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++)
		if (c->cp == (unsigned char)symbols[i].c)
			return en ? symbols[i].en : symbols[i].de;
	snprintf(buf, size, "%s U+%04X", ph->other, c->cp);
	return buf;
}

/* The text being built, and which of its lines are headings. */
struct builder {
	struct strbuf sb;
	bool *heading;
	size_t nlines, cap;
	bool failed;
};

/* Ends the current line of B. */
static void
end_line(struct builder *b, bool heading)
{
	strbuf_add(&b->sb, "\n", 1);
	if (b->nlines == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		bool *h = realloc(b->heading, cap * sizeof(*h));
		if (!h) {
			b->failed = true;
			return;
		}
		b->heading = h, b->cap = cap;
	}
	b->heading[b->nlines++] = heading;
}

/* "Gruppe N: v = s p f": the group's characters as shown, spaced. */
static void
group_heading(struct builder *b, const unsigned char *p, size_t left, size_t group,
	      enum spell_lang lang)
{
	if (group > 1)
		end_line(b, false); /* a blank line between groups */
	strbuf_printf(&b->sb, "%s %zu:", phrases[lang].group, group);
	for (size_t i = 0; i < SPELL_GROUP && left; i++) {
		struct ch c = next_char(p, left);
		char *s = shown(&c);
		strbuf_printf(&b->sb, " %s", s ? s : "?");
		free(s);
		p += c.n, left -= c.n;
	}
	end_line(b, true);
}

/* "   7  ␣     Leerzeichen": number, the character, its word. */
static void
char_line(struct builder *b, const struct ch *c, size_t number, int number_width,
	  enum spell_lang lang)
{
	char buf[128];
	char *s = shown(c);
	int cols = s ? utf8_columns(s) : 1;

	strbuf_printf(&b->sb, "  %*zu  %s%*s  %s", number_width, number, s ? s : "?",
		      cols < 2 ? 2 - cols : 0, "", word(c, lang, buf, sizeof(buf)));
	free(s);
	end_line(b, false);
}

/* The number of characters in the LEN bytes at P. */
static size_t
count_chars(const unsigned char *p, size_t len)
{
	size_t n = 0;
	for (size_t off = 0; off < len; n++)
		off += next_char(p + off, len - off).n;
	return n;
}

/* "59 Zeichen in 12 Gruppen", and a blank line. */
static void
count_line(struct builder *b, size_t n, size_t groups, const struct phrases *ph)
{
	strbuf_printf(&b->sb, "%zu %s %s %zu %s", n, n == 1 ? ph->chars_one : ph->chars_many,
		      ph->in, groups, groups == 1 ? ph->groups_one : ph->groups_many);
	end_line(b, true);
	end_line(b, false);
}

/* Splits B's text into OUT's lines. */
static bool
finish(struct builder *b, struct spell *out)
{
	out->text = strbuf_finish(&b->sb);
	out->lines = calloc(b->nlines ? b->nlines : 1, sizeof(*out->lines));
	if (!out->text || !out->lines || b->failed)
		return false;
	const char *s = out->text;
	for (size_t i = 0; i < b->nlines; i++) {
		const char *nl = strchr(s, '\n');
		out->lines[i] = (struct spell_line){s, (size_t)(nl - s), b->heading[i]};
		s = nl + 1;
	}
	out->nlines = b->nlines;
	return true;
}

bool
spell_make(const void *s, size_t len, enum spell_lang lang, struct spell *out)
{
	const unsigned char *p = s;
	struct builder b = {.sb = {0}};
	size_t n = count_chars(p, len);
	int width = snprintf(NULL, 0, "%zu", n);
	size_t groups = (n + SPELL_GROUP - 1) / SPELL_GROUP;

	*out = (struct spell){.nchars = n, .ngroups = groups};
	if (lang != SPELL_EN)
		lang = SPELL_DE;
	count_line(&b, n, groups, &phrases[lang]);
	size_t number = 0;
	for (size_t off = 0; off < len;) {
		if (number % SPELL_GROUP == 0)
			group_heading(&b, p + off, len - off, number / SPELL_GROUP + 1, lang);
		struct ch c = next_char(p + off, len - off);
		char_line(&b, &c, ++number, width < 2 ? 2 : width, lang);
		off += c.n;
	}
	bool ok = finish(&b, out);
	free(b.heading);
	if (!ok)
		spell_clear(out);
	return ok;
}

void
spell_clear(struct spell *sp)
{
	if (!sp)
		return;
	free(sp->text);
	free(sp->lines);
	*sp = (struct spell){.text = NULL};
}
