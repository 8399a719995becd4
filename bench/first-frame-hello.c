/* first-frame-hello.c — the floor for the benchmark's "exec to first frame":
 * the least an ncurses program does before its first screen (locale,
 * initscr, one line, refresh), drawn the same way the wizard's is measured.
 * It shows the wizard's marker text and waits for a key. */
#include <curses.h>
#include <locale.h>

int
main(void)
{
	setlocale(LC_CTYPE, ""); /* all ncurses needs */
	initscr();
	cbreak();
	noecho();
	mvaddstr(5, 2, "> 0  Neue Einrichtung beginnen");
	refresh();
	getch();
	endwin();
	return 0;
}
