/* ui_curses.h — the only place that includes curses (wide-character
 * ncursesw). Everything else in src/ui includes this header. */
#pragma once

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
