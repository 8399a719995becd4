/* translit.h — our UTF-8 texts for terminals whose codeset is not UTF-8.
 * German umlauts become ae/oe/ue/ss rather than garbage; typographic quotes
 * and dashes become their ASCII look-alikes; anything else non-ASCII is `?`. */
#pragma once

/* Returns a new ASCII string for the UTF-8 text S (NULL when out of memory). */
char *translit_ascii(const char *s);
