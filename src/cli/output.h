/* output.h — all text the command line prints goes through here, so that a
 * terminal whose codeset is not UTF-8 gets transliterated umlauts. */
#pragma once

#include <stdbool.h>
#include <stdio.h>

/* Called once by main() after setlocale(): is the codeset UTF-8? */
void output_init(bool utf8);
bool output_is_utf8(void);

/* printf to F, transliterated when the codeset is not UTF-8. */
void output_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "flicono-mailsetup: MESSAGE\n" on stderr. */
void output_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct strbuf;
/* Appends TEXT to SB padded with spaces to WIDTH screen columns (measured
 * after transliteration on a non-UTF-8 terminal); longer text is kept whole
 * and followed by one space. */
void output_cell(struct strbuf *sb, const char *text, int width);

/* The columns TEXT takes as output_cell() writes it (transliterated where
 * the codeset is not UTF-8). */
int output_columns(const char *text);
