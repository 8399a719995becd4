/* term.h — the terminal: curses set-up and the one place that gives the
 * terminal back, signals (their handlers only write to a self-pipe that
 * the dispatcher polls), resize, and keys as the screens see them. */
#pragma once

#include <stdbool.h>

/* A key code for "the terminal was resized" (beside ui.h's UI_KEY codes). */
#define TERM_KEY_RESIZE (-2)

/* True when stdin and stdout are terminals. */
bool term_is_terminal(void);

/* Opens the terminal for curses. False (and nothing drawn, nothing left
 * changed) when TERM is unknown or cannot move the cursor. *COLOR: colours
 * are used (has_colors() and no NO_COLOR); *ROWS, *COLS: the size. */
bool term_start(bool *color, int *rows, int *cols);
/* After term_start() failed: says on stderr why (TERM unknown or unset). */
void term_refusal(void);
/* Restores the terminal (endwin); a no-op when it is not open. */
void term_finish(void);

/* Installs the handlers for SIGINT, SIGTERM, SIGHUP and SIGWINCH. */
bool term_signals_install(void);
/* The self-pipe to poll. */
int term_signal_fd(void);
/* Reads the signals that arrived: *WINCH when a resize was among them;
 * returns the first other signal's number, or 0. */
int term_signals_read(bool *winch);

/* Takes the terminal's new size (a burst of resizes is handled once). */
void term_resize(int *rows, int *cols);

/* The next key: a character's code point, UI_KEY(KEY_*) for the others
 * ('\n' for Enter, UI_KEY(KEY_BACKSPACE) for both Backspace codes),
 * TERM_KEY_RESIZE, or -1 when none is waiting. */
int term_key(void);
