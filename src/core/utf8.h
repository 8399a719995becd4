/* utf8.h — strict UTF-8 decoding (RFC 3629) and display widths. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from S (LEN bytes available, LEN > 0). Returns the
 * number of bytes used (1–4) and sets *cp, or 0 when S does not start with a
 * valid sequence: truncated, overlong, a surrogate, or beyond U+10FFFF. */
size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* Encodes CP into OUT (room for 4 bytes); returns the bytes written. */
size_t utf8_put(uint32_t cp, char out[4]);

/* True when the NUL-terminated S is valid UTF-8. */
bool utf8_valid(const char *s);

/* Screen columns of CP in the current locale (wcwidth): 2 for a wide
 * character (CJK, fullwidth forms, most emoji), 0 for a combining mark or
 * a zero-width one, 1 for the rest; a character wcwidth gives none (a
 * control character, or anything but ASCII where the codeset is not
 * UTF-8) counts 1, as the '?' that stands for it on the screen. */
int utf8_char_columns(uint32_t cp);

/* Screen columns of the NUL-terminated S, never its bytes: the one width
 * function of the program (an invalid byte counts as one column, as the
 * '?' that stands for it). The page (ui_columns) and the command line
 * (output_columns) measure with it what they show: transliterated on a
 * terminal that is not UTF-8. */
int utf8_columns(const char *s);
