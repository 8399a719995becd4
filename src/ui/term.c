/* term.c — see term.h. */
#include "term.h"

#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static int sig_pipe[2] = {-1, -1};
static SCREEN *term;
static bool curses_active;

/* Signal handlers only write the signal's number to the self-pipe. */
static void
on_signal(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;
	ssize_t w = write(sig_pipe[1], &b, 1);
	(void)w;
	errno = saved;
}

bool
term_is_terminal(void)
{
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

void
term_finish(void)
{
	if (!curses_active)
		return;
	curs_set(1);
	endwin();
	delscreen(term);
	term = NULL;
	curses_active = false;
}

bool
term_start(bool *color, int *rows, int *cols)
{
	const char *no_color = getenv("NO_COLOR");
	/* newterm, not initscr: an unknown TERM is an error we report, not an exit. */
	term = newterm(NULL, stdout, stdin);
	if (!term)
		return false;
	/* A terminal that cannot move the cursor (TERM=dumb, or an entry
	 * without cup) initialises "successfully" but draws every screen on
	 * one line: refuse it like an unknown one. Nothing was drawn yet. */
	const char *cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1) {
		endwin();
		delscreen(term);
		term = NULL;
		return false;
	}
	curses_active = true;
	set_escdelay(100);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	*color = has_colors() && !(no_color && no_color[0]);
	ui_colors_init(*color);
	curs_set(0);
	getmaxyx(stdscr, *rows, *cols);
	return true;
}

void
term_refusal(void)
{
	const char *t = getenv("TERM");
	if (t && t[0])
		fprintf(stderr,
			_("%s: Das Terminal „%s“ lässt sich nicht verwenden. "
			  "Versuchen Sie TERM=xterm, oder die Befehle „show“ und "
			  "„check“.\n"),
			PACKAGE, t);
	else
		fprintf(stderr,
			_("%s: TERM ist nicht gesetzt, daher ist unbekannt, was "
			  "das Terminal kann. Versuchen Sie TERM=xterm, oder die "
			  "Befehle „show“ und „check“.\n"),
			PACKAGE);
}

bool
term_signals_install(void)
{
	struct sigaction sa = {0};
	if (pipe(sig_pipe) != 0)
		return false;
	for (int i = 0; i < 2; i++) {
		fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
		fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
	}
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
	return true;
}

int
term_signal_fd(void)
{
	return sig_pipe[0];
}

int
term_signals_read(bool *winch)
{
	unsigned char sigs[16];
	ssize_t k;
	int first = 0;
	*winch = false;
	while ((k = read(sig_pipe[0], sigs, sizeof(sigs))) > 0) {
		for (ssize_t i = 0; i < k; i++) {
			if (sigs[i] == SIGWINCH)
				*winch = true;
			else if (!first)
				first = sigs[i];
		}
	}
	return first;
}

void
term_resize(int *rows, int *cols)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
		resize_term(ws.ws_row, ws.ws_col);
	getmaxyx(stdscr, *rows, *cols);
	clearok(curscr, TRUE);
}

int
term_key(void)
{
	wint_t ch;
	int r = get_wch(&ch);
	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES) {
		if (ch == KEY_RESIZE)
			return TERM_KEY_RESIZE;
		return ch == KEY_ENTER ? '\n' : UI_KEY((int)ch);
	}
	if (ch == '\r' || ch == '\n')
		return '\n';
	if (ch == 127 || ch == 8)
		return UI_KEY(KEY_BACKSPACE);
	return (int)ch;
}
