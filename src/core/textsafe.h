/* textsafe.h — untrusted text (DNS data, user input) made safe to display.
 *
 * Terminals execute CR, backspace and escape sequences, and bidi overrides
 * reorder what follows them; ncurses passes several of these through. Every
 * byte string from outside goes through textsafe_escape() before it is shown. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True for code points that must never reach a terminal as they are: C0, DEL,
 * C1, and the invisible format and bidi characters (U+200B–200F,
 * U+2028–202E, U+2060–2069, U+FEFF). */
bool textsafe_is_unsafe(uint32_t cp);

/* Returns a new NUL-terminated string (caller frees; NULL only when out of
 * memory) holding the LEN bytes of S with: invalid UTF-8 bytes as `\xHH`,
 * unsafe code points as `\xHH` (below U+0100) or `\u{HHHH}`, a backslash
 * as `\\`. When the result would exceed MAX_BYTES (0: no limit), it is cut
 * at a character boundary and ends in `…`. */
char *textsafe_escape(const void *s, size_t len, size_t max_bytes);
