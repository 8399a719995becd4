/* osc8.h — a link the terminal can open (OSC 8 hyperlinks), where it
 * understands them; others ignore the sequence and show the text as it is. */
#pragma once

#include <stdbool.h>

struct ui_page;

/* Whether the terminal ($TERM) is one that may take OSC 8: not the Linux
 * console, not "dumb". */
bool osc8_wanted(void);

/* After a refresh: writes each visible piece of P's link again, at its
 * place, wrapped in OSC 8 with one id (so that the pieces are one link),
 * and puts the cursor back where curses left it. */
void osc8_emit(const struct ui_page *p);
