/* wizard.c — the dispatcher: owns the terminal, the state machine between
 * the screens, resize, signals and the DNS workers. One poll() watches the
 * keyboard, the signal self-pipe and the workers' report pipe, so the keys
 * stay live while DNS is asked. */
#include "ui.h"
#include "osc52.h"
#include "ui_curses.h"
#include "worker.h"

#include "datapath.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#define DIAG_DEADLINE_MS 30000
#define CHECK_DEADLINE_MS 30000
/* Rounds repeat with a growing pause (DESIGN.md: 15 s to 5 min). */
#define CHECK_FIRST_INTERVAL_S 15
#define CHECK_MAX_INTERVAL_S 300
#define CHECK_MIN_PAUSE_MS 5000

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

static int64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool
wizard_has_terminal(void)
{
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

/* The one place that gives the terminal back. */
static void
ui_finish(void)
{
	if (!curses_active)
		return;
	curs_set(1);
	endwin();
	delscreen(term);
	term = NULL;
	curses_active = false;
}

static bool
ui_start(struct wizard *w)
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
	w->color = has_colors() && !(no_color && no_color[0]);
	ui_colors_init(w->color);
	curs_set(0);
	getmaxyx(stdscr, w->rows, w->cols);
	return true;
}

static bool
install_signals(void)
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

static void
resize(struct wizard *w)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
		resize_term(ws.ws_row, ws.ws_col);
	getmaxyx(stdscr, w->rows, w->cols);
	w->scroll = 0;
	clearok(curscr, TRUE);
}

/* --- shared helpers for the screens --- */

enum ui_action
wizard_choose(struct wizard *w, int key, size_t n)
{
	if (key == UI_KEY(KEY_UP)) {
		w->sel = (w->sel + n - 1) % n;
		return UI_REDRAW;
	}
	if (key == UI_KEY(KEY_DOWN) || key == '\t') {
		w->sel = (w->sel + 1) % n;
		return UI_REDRAW;
	}
	if (key >= '1' && key <= '9' && (size_t)(key - '1') < n) {
		w->sel = (size_t)(key - '1');
		return UI_NEXT;
	}
	if (key == '\n')
		return UI_NEXT;
	return UI_NONE;
}

const char *
wizard_record(const struct wizard *w, size_t *len)
{
	return proposal_record(&w->prop, w->opt->profile, len);
}

char *
wizard_entry_text(const struct wizard *w)
{
	return proposal_entry(&w->prop, w->opt->profile, w->form, w->with_ttl);
}

const char *
wizard_domain_label(const struct wizard *w, char *buf, size_t size)
{
	if (!w->has_addr)
		return "";
	/* The U-label is what the user typed (IDNA-checked, but still theirs). */
	char *u = ui_safe(w->addr.domain_unicode, strlen(w->addr.domain_unicode));
	if (address_is_idn(&w->addr) && w->utf8 && u)
		snprintf(buf, size, "%s (%s)", u, w->addr.domain);
	else
		snprintf(buf, size, "%s", w->addr.domain);
	free(u);
	return buf;
}

char
wizard_spinner(const struct wizard *w)
{
	return "|/-\\"[(w->now_ms / 150) % 4];
}

static void
set_status(struct wizard *w, bool error, const char *text)
{
	snprintf(w->status, sizeof(w->status), "%s", text);
	w->status_error = error;
}

/* --- drawing --- */

static int
step_of(enum ui_screen s)
{
	switch (s) {
	case SCREEN_WELCOME: return 1;
	case SCREEN_ADDRESS: return 2;
	case SCREEN_DIAGNOSIS: return 3;
	case SCREEN_METHOD:
	case SCREEN_ALIAS:
	case SCREEN_FORM:
	case SCREEN_TTL:
	case SCREEN_ENTRY: return 4;
	case SCREEN_CHECK: return 5;
	case SCREEN_DONE: return 6;
	}
	return 1;
}

static const char *
footer_of(const struct wizard *w)
{
	switch (w->screen) {
	case SCREEN_ADDRESS: return _("Enter prüfen · Esc zurück · F1 Hilfe");
	case SCREEN_ENTRY: return _("1 weiter · k kopieren · Esc zurück · ? Hilfe · q Ende");
	case SCREEN_CHECK: return _("r jetzt prüfen · Esc zurück · ? Hilfe · q Ende");
	case SCREEN_DIAGNOSIS:
	case SCREEN_ALIAS:
	case SCREEN_DONE: return _("1 weiter · Esc zurück · ? Hilfe · q Ende");
	default: return _("Ziffer wählt · Enter · Esc zurück · ? Hilfe · q Ende");
	}
}

static void
draw_screen(const struct wizard *w, struct ui_page *p)
{
	if (w->help) {
		screen_help_draw(w, p);
		return;
	}
	switch (w->screen) {
	case SCREEN_WELCOME: screen_welcome_draw(w, p); break;
	case SCREEN_ADDRESS: screen_address_draw(w, p); break;
	case SCREEN_DIAGNOSIS: screen_diagnosis_draw(w, p); break;
	case SCREEN_METHOD: screen_method_draw(w, p); break;
	case SCREEN_ALIAS: screen_alias_draw(w, p); break;
	case SCREEN_FORM: screen_form_draw(w, p); break;
	case SCREEN_TTL: screen_ttl_draw(w, p); break;
	case SCREEN_ENTRY: screen_entry_draw(w, p); break;
	case SCREEN_CHECK: screen_check_draw(w, p); break;
	case SCREEN_DONE: screen_done_draw(w, p); break;
	}
}

static void
draw(struct wizard *w)
{
	struct ui_page p = {
		.top = 2, .left = 1, .width = w->cols - 2, .rows = w->rows - 5,
		.scroll = w->scroll, .cursor_row = -1, .cursor_col = -1,
		.color = w->color, .utf8 = w->utf8,
	};
	erase();
	if (w->cols < UI_MIN_COLS || w->rows < UI_MIN_ROWS) {
		/* Below the smallest layout: say so instead of drawing garbage. */
		char need[128];
		struct ui_page tiny = p;
		tiny.left = 0, tiny.width = w->cols, tiny.top = 0, tiny.rows = w->rows;
		snprintf(need, sizeof(need), _("mindestens %d×%d, jetzt %d×%d"), UI_MIN_COLS,
			 UI_MIN_ROWS, w->cols, w->rows);
		ui_put(&tiny, w->rows / 2 - 1, 0, w->cols, _("Terminal zu klein"), A_BOLD);
		if (w->rows > 2)
			ui_put(&tiny, w->rows / 2, 0, w->cols, need, A_NORMAL);
		curs_set(0);
		refresh();
		return;
	}
	/* Header: product on the left, the step on the right. */
	char step[64];
	snprintf(step, sizeof(step), _("Schritt %d von 6"), step_of(w->screen));
	attron(A_REVERSE);
	mvhline(0, 0, ' ', w->cols);
	attroff(A_REVERSE);
	int scols = ui_columns(&p, step);
	ui_put(&p, 0, 1, w->cols - scols - 3, _("Flicono · E-Mail-Versand einrichten"), A_REVERSE);
	ui_put(&p, 0, w->cols - scols - 1, scols, step, A_REVERSE);

	draw_screen(w, &p);
	/* Never scroll past the end: a page that got shorter (or a resize)
	 * pulls the view back. */
	int most = p.line > p.rows ? p.line - p.rows : 0;
	if (w->scroll > most) {
		w->scroll = most;
		draw(w);
		return;
	}
	if (p.overflow || w->scroll)
		ui_put(&p, w->rows - 3, w->cols - 24, 23,
		       p.overflow ? _("↓ mehr: Bild ab") : _("↑ Bild auf"), A_DIM);

	if (w->confirm_quit) {
		/* A full-width band, so that nothing of the page shows beside it. */
		int r = w->rows / 2 - 2;
		attron(A_REVERSE);
		for (int i = 0; i < 4; i++)
			mvhline(r + i, 0, ' ', w->cols);
		attroff(A_REVERSE);
		ui_put(&p, r + 1, 2, w->cols - 4, _("Die Prüfung läuft noch. Wirklich beenden?"),
		       A_REVERSE | A_BOLD);
		ui_put(&p, r + 2, 2, w->cols - 4,
		       _("1 Ja, beenden (die Domain bleibt in den offenen Prüfungen) · 2 Nein"),
		       A_REVERSE);
		p.cursor_row = -1;
	}
	if (w->status[0])
		ui_put(&p, w->rows - 2, 1, w->cols - 2, w->status,
		       ui_attr(&p, w->status_error ? UI_COLOR_BAD : UI_COLOR_GOOD, true));
	ui_put(&p, w->rows - 1, 1, w->cols - 2, footer_of(w), A_DIM);
	if (p.cursor_row >= 0 && !w->help) {
		curs_set(1);
		move(p.cursor_row, p.cursor_col);
	} else {
		curs_set(0);
	}
	refresh();
}

/* --- DNS work --- */

static void
start_job(struct wizard *w, enum job_kind kind)
{
	static unsigned next_id = 1;
	unsigned id = next_id++;
	const struct wizard_options *o = w->opt;
	const char *freemail = w->freemail_path[0] ? w->freemail_path : NULL;
	struct job *job = kind == JOB_DIAGNOSIS
				  ? worker_job_new(kind, id, &w->addr, o->profile->path, freemail,
						   o->lookup, o->nlookup)
				  : worker_job_new(kind, id, &w->addr, o->profile->path, freemail,
						   o->rows, o->nrows);
	if (!job || !worker_start(job)) {
		worker_job_free(job);
		set_status(w, true, _("Die Abfrage konnte nicht gestartet werden."));
		if (kind == JOB_DIAGNOSIS)
			w->diag = JOB_TIMED_OUT;
		return;
	}
	if (kind == JOB_DIAGNOSIS) {
		w->diag = JOB_RUNNING;
		w->diag_job = id;
		w->diag_started_ms = now_ms();
		proposal_clear(&w->prop);
		w->has_prop = false;
	} else {
		w->check = JOB_RUNNING;
		w->check_job = id;
		w->check_started_ms = now_ms();
		w->next_check_ms = 0;
	}
}

static void
save_open(struct wizard *w)
{
	if (!w->has_state_dir)
		return;
	if (state_save(w->state_dir, &w->open) != STATE_OK)
		set_status(w, true,
			   _("Die Liste der offenen Prüfungen ließ sich nicht speichern."));
}

static void
on_job(struct wizard *w, struct job *job)
{
	if (job->kind == JOB_DIAGNOSIS && job->id == w->diag_job && w->diag == JOB_RUNNING) {
		w->diag = JOB_DONE;
		proposal_clear(&w->prop);
		w->prop = job->proposal; /* taken over */
		job->proposal = (struct proposal){0};
		w->has_prop = !job->nomem && w->prop.outcome != PROPOSAL_NO_ANSWER &&
			      w->prop.outcome != PROPOSAL_NOMEM;
		/* The recommendation decides what is highlighted next. */
		w->method = w->prop.outcome == PROPOSAL_PUBLISH || w->prop.outcome == PROPOSAL_NOTHING
				    ? METHOD_SPF
				    : METHOD_ALIAS;
	} else if (job->kind == JOB_CHECK && job->id == w->check_job && w->check == JOB_RUNNING) {
		w->check = JOB_DONE;
		check_round_clear(&w->round);
		w->round = job->round;
		job->round = (struct check_round){0};
		w->has_round = true;
		w->round_done_ms = now_ms();
		w->rounds++;
		bool done = w->round.failure == CHECK_OK &&
			    w->round.verdict.verdict == VERDICT_PROPAGATED;
		if (done) {
			/* A propagated domain leaves the list of open checks. */
			if (state_remove(&w->open, w->addr.domain))
				save_open(w);
			w->next_check_ms = 0;
		} else {
			int64_t next = w->round_done_ms + (int64_t)w->interval_s * 1000;
			/* A cache that lets its old answer go before then is worth
			 * asking right after (the ETA), not a whole pause later. */
			const struct verdict_result *v = &w->round.verdict;
			if (w->round.failure == CHECK_OK && v->has_eta && v->eta_seconds) {
				int64_t at_eta = w->round_done_ms + ((int64_t)v->eta_seconds + 2) * 1000;
				if (at_eta < w->round_done_ms + CHECK_MIN_PAUSE_MS)
					at_eta = w->round_done_ms + CHECK_MIN_PAUSE_MS;
				if (at_eta < next)
					next = at_eta;
			}
			w->next_check_ms = next;
			w->interval_s = w->interval_s * 2 > CHECK_MAX_INTERVAL_S
						? CHECK_MAX_INTERVAL_S
						: w->interval_s * 2;
		}
	}
	worker_job_free(job);
}

static void
timers(struct wizard *w)
{
	int64_t now = now_ms();
	if (w->diag == JOB_RUNNING && now - w->diag_started_ms > DIAG_DEADLINE_MS)
		w->diag = JOB_TIMED_OUT; /* its late result is dropped by id */
	if (w->check == JOB_RUNNING && now - w->check_started_ms > CHECK_DEADLINE_MS) {
		w->check = JOB_TIMED_OUT;
		set_status(w, true, _("Die Prüfung hat zu lange gedauert; sie wird wiederholt."));
		w->next_check_ms = now + (int64_t)w->interval_s * 1000;
	}
	if (w->screen == SCREEN_CHECK && w->check != JOB_RUNNING && w->next_check_ms &&
	    now >= w->next_check_ms)
		start_job(w, JOB_CHECK);
}

/* --- the state machine --- */

static void
enter(struct wizard *w, enum ui_screen s)
{
	w->screen = s;
	w->scroll = 0;
	w->help = false;
	switch (s) {
	case SCREEN_METHOD: w->sel = w->method == METHOD_ALIAS ? 0 : 1; break;
	case SCREEN_FORM: w->sel = w->form == ENTRY_FORM_FIELDS ? 1 : 0; break;
	case SCREEN_TTL: w->sel = w->with_ttl ? 0 : 1; break;
	default: w->sel = 0; break;
	}
}

static void
begin_check(struct wizard *w)
{
	const struct state_entry *old = state_find(&w->open, w->addr.domain);
	struct state_entry e = {
		.form = w->form,
		.with_ttl = w->with_ttl,
		.started = old ? old->started : time(NULL),
	};
	snprintf(e.domain, sizeof(e.domain), "%s", w->addr.domain);
	snprintf(e.input, sizeof(e.input), "%s", w->input);
	w->check_since = e.started;
	if (state_put(&w->open, &e))
		save_open(w);
	check_round_clear(&w->round);
	w->has_round = false;
	w->rounds = 0;
	w->interval_s = CHECK_FIRST_INTERVAL_S;
	const char *env = getenv("FLICONO_MAILSETUP_CHECK_INTERVAL");
	if (env && atoi(env) > 0)
		w->interval_s = (unsigned)atoi(env);
	enter(w, SCREEN_CHECK);
	start_job(w, JOB_CHECK);
}

static bool
parse_input(struct wizard *w)
{
	struct address_problem problem;
	struct address addr;
	if (!address_parse(w->input, &addr, &problem)) {
		address_problem_message(&problem, w->input_error, sizeof(w->input_error));
		return false;
	}
	address_clear(&w->addr);
	w->addr = addr;
	w->has_addr = true;
	w->input_error[0] = '\0';
	return true;
}

static void
resume(struct wizard *w, size_t i)
{
	const struct state_entry e = w->open.entries[i];
	snprintf(w->input, sizeof(w->input), "%s", e.input);
	w->input_len = w->cursor = strlen(w->input);
	if (!parse_input(w)) {
		enter(w, SCREEN_ADDRESS);
		return;
	}
	w->method = METHOD_SPF;
	w->form = e.form;
	w->with_ttl = e.with_ttl;
	w->resumed = true;
	begin_check(w);
}

static void
go_next(struct wizard *w)
{
	switch (w->screen) {
	case SCREEN_WELCOME:
		enter(w, SCREEN_ADDRESS);
		break;
	case SCREEN_ADDRESS:
		if (!parse_input(w))
			break;
		w->resumed = false;
		enter(w, SCREEN_DIAGNOSIS);
		/* The proposal also decides freemail (without asking DNS). */
		start_job(w, JOB_DIAGNOSIS);
		break;
	case SCREEN_DIAGNOSIS:
		if (w->has_prop && w->prop.outcome == PROPOSAL_NOTHING) {
			w->method = METHOD_SPF;
			enter(w, SCREEN_DONE);
		} else {
			enter(w, SCREEN_METHOD);
		}
		break;
	case SCREEN_METHOD:
		enter(w, w->method == METHOD_ALIAS ? SCREEN_ALIAS : SCREEN_FORM);
		break;
	case SCREEN_ALIAS:
		enter(w, SCREEN_DONE);
		break;
	case SCREEN_FORM:
		enter(w, SCREEN_TTL);
		break;
	case SCREEN_TTL:
		enter(w, SCREEN_ENTRY);
		break;
	case SCREEN_ENTRY:
		begin_check(w);
		break;
	case SCREEN_CHECK:
		enter(w, SCREEN_DONE);
		break;
	case SCREEN_DONE:
		break;
	}
}

static void
go_back(struct wizard *w)
{
	switch (w->screen) {
	case SCREEN_WELCOME: break;
	case SCREEN_ADDRESS: enter(w, SCREEN_WELCOME); break;
	case SCREEN_DIAGNOSIS:
		w->diag = w->diag == JOB_RUNNING ? JOB_IDLE : w->diag; /* drop its result */
		enter(w, SCREEN_ADDRESS);
		break;
	case SCREEN_METHOD: enter(w, SCREEN_DIAGNOSIS); break;
	case SCREEN_ALIAS:
	case SCREEN_FORM: enter(w, SCREEN_METHOD); break;
	case SCREEN_TTL: enter(w, SCREEN_FORM); break;
	case SCREEN_ENTRY: enter(w, SCREEN_TTL); break;
	case SCREEN_CHECK:
		/* Leaving the check stops its rounds; the domain stays open. */
		w->next_check_ms = 0;
		w->check = w->check == JOB_RUNNING ? JOB_IDLE : w->check;
		enter(w, w->resumed ? SCREEN_WELCOME : SCREEN_ENTRY);
		break;
	case SCREEN_DONE:
		if (w->method == METHOD_ALIAS)
			enter(w, SCREEN_ALIAS);
		else if (w->has_round)
			enter(w, SCREEN_CHECK);
		else
			enter(w, SCREEN_DIAGNOSIS);
		break;
	}
}

static bool
check_running(const struct wizard *w)
{
	return w->screen == SCREEN_CHECK &&
	       !(w->has_round && w->round.failure == CHECK_OK &&
		 w->round.verdict.verdict == VERDICT_PROPAGATED);
}

static enum ui_action
screen_key(struct wizard *w, int key)
{
	switch (w->screen) {
	case SCREEN_WELCOME: return screen_welcome_key(w, key);
	case SCREEN_ADDRESS: return screen_address_key(w, key);
	case SCREEN_DIAGNOSIS: return screen_diagnosis_key(w, key);
	case SCREEN_METHOD: return screen_method_key(w, key);
	case SCREEN_ALIAS: return screen_alias_key(w, key);
	case SCREEN_FORM: return screen_form_key(w, key);
	case SCREEN_TTL: return screen_ttl_key(w, key);
	case SCREEN_ENTRY: return screen_entry_key(w, key);
	case SCREEN_CHECK: return screen_check_key(w, key);
	case SCREEN_DONE: return screen_done_key(w, key);
	}
	return UI_NONE;
}

/* Returns false when the wizard should end. */
static bool
handle_key(struct wizard *w, int key)
{
	bool text_field = w->screen == SCREEN_ADDRESS;
	if (w->confirm_quit) {
		if (key == '1' || key == 'j' || key == 'y' || key == '\n' || key == 'q')
			return false;
		if (key == '2' || key == 'n' || key == UI_ESC)
			w->confirm_quit = false;
		return true;
	}
	if (w->help) {
		w->help = false;
		return true;
	}
	if (key == UI_KEY(KEY_F(1)) || (key == '?' && !text_field)) {
		w->help = true;
		return true;
	}
	if (key == 'q' && !text_field) {
		if (check_running(w)) {
			w->confirm_quit = true;
			return true;
		}
		return false;
	}
	if (key == UI_KEY(KEY_NPAGE)) {
		w->scroll += w->rows / 2;
		return true;
	}
	if (key == UI_KEY(KEY_PPAGE)) {
		w->scroll = w->scroll > w->rows / 2 ? w->scroll - w->rows / 2 : 0;
		return true;
	}
	if (w->cols < UI_MIN_COLS || w->rows < UI_MIN_ROWS)
		return true;

	enum ui_action a = screen_key(w, key);
	if (a == UI_NONE && !text_field && (key == UI_ESC || key == UI_KEY(KEY_BACKSPACE)))
		a = UI_BACK;
	if (a != UI_NONE && a != UI_COPY && !(w->screen == SCREEN_METHOD && a == UI_REDRAW))
		w->status[0] = '\0';
	switch (a) {
	case UI_NONE:
	case UI_REDRAW:
		break;
	case UI_NEXT:
		if (w->screen == SCREEN_DONE)
			return false;
		go_next(w);
		break;
	case UI_BACK:
		go_back(w);
		break;
	case UI_RESUME:
		resume(w, w->welcome_sel);
		break;
	case UI_RETRY:
		if (w->screen == SCREEN_DIAGNOSIS && w->diag != JOB_RUNNING)
			start_job(w, JOB_DIAGNOSIS);
		else if (w->screen == SCREEN_CHECK && w->check != JOB_RUNNING)
			start_job(w, JOB_CHECK);
		break;
	case UI_COPY: {
		char *text = NULL;
		size_t len;
		const char *value = wizard_record(w, &len);
		if (w->form == ENTRY_FORM_LINE && (text = wizard_entry_text(w))) {
			/* The one-line form is typed as a whole: copy the whole line. */
			value = text;
			len = strcspn(text, "\n");
		}
		if (osc52_copy(value, len))
			set_status(w, false, _("Der Eintrag ist in der Zwischenablage."));
		else
			set_status(w, true, _("Kopieren ging nicht."));
		free(text);
		break;
	}
	}
	return true;
}

/* Reads every key ncurses has; false when the wizard should end. */
static bool
read_keys(struct wizard *w)
{
	wint_t ch;
	int r;
	while ((r = get_wch(&ch)) != ERR) {
		int key;
		if (r == KEY_CODE_YES) {
			if (ch == KEY_RESIZE) {
				resize(w);
				continue;
			}
			key = ch == KEY_ENTER ? '\n' : UI_KEY((int)ch);
		} else if (ch == '\r' || ch == '\n') {
			key = '\n';
		} else if (ch == 127 || ch == 8) {
			key = UI_KEY(KEY_BACKSPACE);
		} else {
			key = (int)ch;
		}
		if (!handle_key(w, key))
			return false;
		w->now_ms = now_ms();
		draw(w);
	}
	return true;
}

static void
load_lists(struct wizard *w)
{
	char msg[600], aside[4096];
	char *path = datapath_file("freemail");
	unsigned line;
	if (path)
		snprintf(w->freemail_path, sizeof(w->freemail_path), "%s", path);
	if (path) {
		enum freemail_status st = freemail_load(path, &w->freemail, &line);
		if (st != FREEMAIL_OK)
			set_status(w, true, freemail_status_message(st, path, line, msg, sizeof(msg)));
	}
	free(path);
	w->has_state_dir = state_dir(getenv("XDG_STATE_HOME"), getenv("HOME"), w->state_dir,
				     sizeof(w->state_dir));
	if (!w->has_state_dir)
		return;
	switch (state_load(w->state_dir, &w->open, aside, sizeof(aside))) {
	case STATE_OK:
		break;
	case STATE_SET_ASIDE:
		snprintf(msg, sizeof(msg),
			 _("Die Liste der offenen Prüfungen war beschädigt und wurde beiseitegelegt: %s"),
			 aside);
		set_status(w, true, msg);
		break;
	default:
		set_status(w, true, _("Die Liste der offenen Prüfungen ließ sich nicht lesen."));
		break;
	}
}

int
wizard_run(const struct wizard_options *opt)
{
	struct wizard w = {
		.opt = opt,
		.utf8 = opt->utf8,
		.method = METHOD_SPF,
		.form = ENTRY_FORM_LINE,
		.with_ttl = true,
	};
	int status = 0;

	if (!worker_init() || !install_signals()) {
		fprintf(stderr, "%s: %s\n", PACKAGE, _("Interner Fehler (pipe)."));
		return 70;
	}
	load_lists(&w);
	if (opt->address) {
		snprintf(w.input, sizeof(w.input), "%s", opt->address);
		w.input_len = w.cursor = strlen(w.input);
		enter(&w, SCREEN_ADDRESS);
	}
	if (!ui_start(&w)) {
		const char *t = getenv("TERM");
		if (t && t[0])
			fprintf(stderr, _("%s: Das Terminal „%s“ lässt sich nicht verwenden. "
					  "Versuchen Sie TERM=xterm, oder die Befehle „show“ und "
					  "„check“.\n"),
				PACKAGE, t);
		else
			fprintf(stderr, _("%s: TERM ist nicht gesetzt, daher ist unbekannt, was "
					  "das Terminal kann. Versuchen Sie TERM=xterm, oder die "
					  "Befehle „show“ und „check“.\n"),
				PACKAGE);
		status = 69;
		goto out;
	}
	w.now_ms = now_ms();
	draw(&w);
	for (;;) {
		struct pollfd fds[3] = {
			{.fd = STDIN_FILENO, .events = POLLIN},
			{.fd = sig_pipe[0], .events = POLLIN},
			{.fd = worker_fd(), .events = POLLIN},
		};
		bool busy = w.diag == JOB_RUNNING || w.check == JOB_RUNNING;
		int timeout = busy ? 150 : (w.screen == SCREEN_CHECK ? 500 : 1000);
		int n = poll(fds, 3, timeout);
		if (n < 0 && errno != EINTR)
			break;
		bool quit = false;
		if (n > 0 && (fds[1].revents & POLLIN)) {
			unsigned char sigs[16];
			ssize_t k;
			bool winch = false;
			while ((k = read(sig_pipe[0], sigs, sizeof(sigs))) > 0) {
				for (ssize_t i = 0; i < k; i++) {
					if (sigs[i] == SIGWINCH)
						winch = true;
					else if (!status)
						status = 128 + sigs[i], quit = true;
				}
			}
			/* A burst of resizes is handled once. */
			if (winch)
				resize(&w);
		}
		if (quit)
			break;
		if (n > 0 && (fds[2].revents & POLLIN)) {
			struct job *job;
			while ((job = worker_collect()))
				on_job(&w, job);
		}
		if (n > 0 && (fds[0].revents & (POLLHUP | POLLERR)) && !(fds[0].revents & POLLIN)) {
			status = 128 + SIGHUP; /* the terminal went away */
			break;
		}
		if (n > 0 && (fds[0].revents & POLLIN) && !read_keys(&w))
			break;
		timers(&w);
		w.now_ms = now_ms();
		draw(&w);
	}
out:
	ui_finish();
	worker_shutdown();
	if (status == 0 && w.screen == SCREEN_CHECK && check_running(&w))
		fprintf(stderr, _("%s: Die Prüfung für %s bleibt offen. Starten Sie den Assistenten "
				  "später erneut, um weiter zu prüfen.\n"),
			PACKAGE, w.addr.domain);
	check_round_clear(&w.round);
	proposal_clear(&w.prop);
	address_clear(&w.addr);
	state_list_clear(&w.open);
	freemail_free(w.freemail);
	return status;
}
