/* translit.c — see translit.h. */
#include "translit.h"

#include "strbuf.h"
#include "utf8.h"

#include <stdint.h>
#include <string.h>

static const struct {
	uint32_t cp;
	const char *ascii;
} table[] = {
	{0x00c4, "Ae"}, {0x00d6, "Oe"}, {0x00dc, "Ue"}, {0x00e4, "ae"}, {0x00f6, "oe"},
	{0x00fc, "ue"}, {0x00df, "ss"}, {0x1e9e, "SS"}, {0x00e9, "e"},  {0x00e8, "e"},
	{0x00a0, " "},  {0x00ab, "\""}, {0x00bb, "\""}, {0x00b7, "."},  {0x00d7, "x"},
	{0x2013, "-"},  {0x2014, "-"},  {0x2018, "'"},  {0x2019, "'"},  {0x201a, "'"},
	{0x201c, "\""}, {0x201d, "\""}, {0x201e, "\""}, {0x2026, "..."}, {0x2192, "->"},
	{0x2190, "<-"}, {0x2191, "^"},  {0x2193, "v"},  {0x2713, "OK"}, {0x2717, "X"},
	{0x2022, "*"},  {0x25cf, "*"},  {0x2588, "#"},  {0x2591, "."},  {0x00b0, " Grad"},
	{0x2423, "_"}, /* ␣, a space made visible (spell.c) */
};

char *
translit_ascii(const char *s)
{
	struct strbuf sb = {0};
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);

	while (len) {
		uint32_t cp;
		size_t n = utf8_decode(p, len, &cp);
		if (!n) {
			strbuf_add(&sb, "?", 1);
			n = 1;
		} else if (cp < 0x80) {
			strbuf_add(&sb, p, 1);
		} else {
			const char *repl = "?";
			for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
				if (table[i].cp == cp)
					repl = table[i].ascii;
			strbuf_str(&sb, repl);
		}
		p += n, len -= n;
	}
	return strbuf_finish(&sb);
}
