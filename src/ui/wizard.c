/* wizard.c — the dispatcher: one poll() watches the keyboard, the signal
 * self-pipe and the workers' report pipe, so the keys stay live while DNS
 * is asked. It knows the screens only through their table (ui.h): it moves
 * between them by their step() and back(), draws the frame around them,
 * and fulfils the model's requests for DNS work. */
#include "wizard.h"

#include "model.h"
#include "osc8.h"
#include "term.h"
#include "ui.h"
#include "ui_curses.h"
#include "worker.h"

#include "i18n.h"
#include "clock.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* clang-format off */
static const struct screen *const screens[SCREEN_COUNT] = {
	[SCREEN_WELCOME] = &screen_welcome,     [SCREEN_ADDRESS] = &screen_address,
	[SCREEN_DIAGNOSIS] = &screen_diagnosis, [SCREEN_METHOD] = &screen_method,
	[SCREEN_ALIAS] = &screen_alias,         [SCREEN_FORM] = &screen_form,
	[SCREEN_TTL] = &screen_ttl,             [SCREEN_ENTRY] = &screen_entry,
	[SCREEN_CHECK] = &screen_check,         [SCREEN_DONE] = &screen_done,
	[SCREEN_PROVIDER] = &screen_provider,
};
/* clang-format on */

struct wizard {
	const struct wizard_options *opt;
	struct model m;
	enum ui_screen screen;
	bool color;
	int rows, cols;
	int scroll;
	bool follow; /* scroll the selected choice into view on the next draw */
	bool help, confirm_quit;
	bool key_ignored; /* a key came while the terminal was too small */
};

bool
wizard_has_terminal(void)
{
	return term_is_terminal();
}

static bool
too_small(const struct wizard *w)
{
	return w->cols < UI_MIN_COLS || w->rows < UI_MIN_ROWS;
}

static enum ui_screen
step_of(const struct wizard *w, enum ui_screen s)
{
	return screens[s]->step ? screens[s]->step(&w->m) : screens[s]->next;
}

static enum ui_screen
back_of(const struct wizard *w, enum ui_screen s)
{
	return screens[s]->back ? screens[s]->back(&w->m) : screens[s]->prev;
}

/* "Schritt POS von TOTAL": the path from the welcome screen through each
 * screen's step() for the current answers. (The current screen is always
 * on it: the answers that led there lead there again.) */
static void
step_count(const struct wizard *w, int *pos, int *total)
{
	int n = 0;
	*pos = 0;
	for (enum ui_screen s = SCREEN_WELCOME; s != SCREEN_NONE && n < SCREEN_COUNT;
	     s = step_of(w, s)) {
		n++;
		if (s == w->screen)
			*pos = n;
	}
	*total = n;
	if (!*pos) /* a bug in a step(): still a count that reads sensibly */
		*pos = ++*total;
}

static void
go(struct wizard *w, enum ui_screen to)
{
	if (screens[w->screen]->leave)
		screens[w->screen]->leave(&w->m);
	w->screen = to;
	w->scroll = 0;
	w->help = false;
	if (screens[to]->enter)
		screens[to]->enter(&w->m);
}

/* --- DNS work --- */

static void
fulfil(struct wizard *w)
{
	static unsigned next_id = 1;
	const struct wizard_options *o = w->opt;
	enum model_request req = w->m.request;
	if (req == MODEL_REQUEST_NONE)
		return;
	w->m.request = MODEL_REQUEST_NONE;
	bool diag = req == MODEL_REQUEST_DIAGNOSIS;
	unsigned id = next_id++;
	const char *freemail = w->m.freemail_path[0] ? w->m.freemail_path : NULL;
	struct job *job =
	    worker_job_new(diag ? JOB_DIAGNOSIS : JOB_CHECK, id, &w->m.addr, o->profile->path,
			   freemail, diag ? o->lookup : o->rows, diag ? o->nlookup : o->nrows);
	if (job && diag && w->m.providers_path[0])
		worker_job_providers(job, w->m.providers_path, o->provider_choice);
	if (job && !diag)
		job->bound = w->m.bound;
	if (!job || !worker_start(job)) {
		worker_job_free(job);
		model_job_not_started(&w->m, req, clock_now_ms());
		return;
	}
	model_job_started(&w->m, req, id, clock_now_ms());
}

static void
on_job(struct wizard *w, struct job *job)
{
	if (job->kind == JOB_DIAGNOSIS) {
		model_diag_dmarc(&w->m, job->id, &job->dmarc);
		model_diag_dconnect(&w->m, job->id, &job->dc, &job->dc_control_panel,
				    &job->dc_apply_url);
		model_diag_done(&w->m, job->id, job->nomem, &job->proposal);
		model_diag_dnssec(&w->m, job->id, job->dnssec_error);
	} else
		model_check_done(&w->m, job->id, &job->round, job->nomem, clock_now_ms(),
				 time(NULL));
	worker_job_free(job);
}

/* --- drawing --- */

static void
draw_header(const struct wizard *w, struct ui_page *p)
{
	char step[64];
	int pos, total;
	step_count(w, &pos, &total);
	snprintf(step, sizeof(step), _("Schritt %d von %d"), pos, total);
	ui_header(p, w->cols, _("Flicono · E-Mail-Versand einrichten"), step);
}

/* Keeps the view inside the page, and the selected choice in view after
 * it moved. True when the scroll changed: draw again. */
static bool
fix_scroll(struct wizard *w, const struct ui_page *p)
{
	int scroll = w->scroll;
	if (w->follow && p->sel_top >= 0) {
		if (p->sel_end <= p->rows)
			scroll = 0;
		else if (p->sel_top < scroll)
			scroll = p->sel_top;
		else if (p->sel_end > scroll + p->rows)
			scroll = p->sel_end - p->rows;
	}
	w->follow = false;
	int most = p->line > p->rows ? p->line - p->rows : 0;
	if (scroll > most)
		scroll = most;
	if (scroll == w->scroll)
		return false;
	w->scroll = scroll;
	return true;
}

/* Over the page: the quit question, the status line, the key line. */
static void
draw_frame(const struct wizard *w, struct ui_page *p)
{
	if (p->overflow || w->scroll)
		ui_put(p, w->rows - 3, w->cols - 24, 23,
		       p->overflow ? _("↓ mehr: Bild ab") : _("↑ Bild auf"), A_DIM);
	if (w->confirm_quit) {
		ui_band(p, w->rows / 2 - 2, w->cols, _("Die Prüfung läuft noch. Wirklich beenden?"),
			_("1 Ja, beenden (die Domain bleibt in den offenen Prüfungen) · 2 Nein"));
		p->cursor_row = -1;
	}
	if (w->m.status[0])
		ui_put(p, w->rows - 2, 1, w->cols - 2, w->m.status,
		       ui_attr(p, w->m.status_error ? UI_COLOR_BAD : UI_COLOR_GOOD, true));
	const struct screen *s = screens[w->screen];
	ui_put(p, w->rows - 1, 1, w->cols - 2, _(s->footer_of ? s->footer_of(&w->m) : s->footer),
	       A_DIM);
}

static void
draw(struct wizard *w)
{
	const struct screen *s = screens[w->screen];
	/* clang-format off */
	struct ui_page p = {.top = 2, .left = 1, .width = w->cols - 2, .rows = w->rows - 5,
			    .scroll = w->scroll, .cursor_row = -1, .cursor_col = -1,
			    .sel_top = -1, .sel_end = -1, .color = w->color, .utf8 = w->m.utf8};
	/* clang-format on */
	erase();
	if (too_small(w)) {
		/* Below the smallest layout: say so instead of drawing garbage. */
		ui_too_small(&p, w->rows, w->cols, w->key_ignored);
		refresh();
		return;
	}
	draw_header(w, &p);
	if (w->help)
		ui_help(&p, _(s->help_of ? s->help_of(&w->m) : s->help));
	else
		s->draw(&w->m, &p);
	if (fix_scroll(w, &p)) {
		draw(w);
		return;
	}
	draw_frame(w, &p);
	if (p.cursor_row >= 0 && !w->help) {
		curs_set(1);
		move(p.cursor_row, p.cursor_col);
	} else {
		curs_set(0);
	}
	refresh();
	if (!w->help)
		osc8_emit(&p);
}

/* --- keys --- */

static void
resize(struct wizard *w)
{
	term_resize(&w->rows, &w->cols);
	w->scroll = 0;
	if (!too_small(w))
		w->key_ignored = false;
}

/* The keys that mean the same on every screen. Returns true when KEY was
 * one of them; *QUIT when the wizard should end. */
static bool
global_key(struct wizard *w, int key, bool *quit)
{
	bool text = screens[w->screen]->text_field;
	int page = w->rows / 2;
	if (w->confirm_quit) {
		if (key == '1' || key == 'j' || key == 'y' || key == '\n' || key == 'q')
			*quit = true;
		if (key == '2' || key == 'n' || key == UI_ESC)
			w->confirm_quit = false;
	} else if (w->help) {
		w->help = false;
	} else if (key == UI_KEY(KEY_F(1)) || (key == '?' && !text)) {
		w->help = true;
	} else if (key == 'q' && !text) {
		*quit = !model_check_running(&w->m);
		w->confirm_quit = !*quit;
	} else if (key == UI_KEY(KEY_NPAGE)) {
		w->scroll += page;
	} else if (key == UI_KEY(KEY_PPAGE)) {
		w->scroll = w->scroll > page ? w->scroll - page : 0;
	} else if (too_small(w)) {
		w->key_ignored = true;
	} else {
		return false;
	}
	return true;
}

/* Returns false when the wizard should end. */
static bool
handle_key(struct wizard *w, int key)
{
	const struct screen *s = screens[w->screen];
	bool quit = false;
	if (key == TERM_KEY_RESIZE) {
		resize(w);
		return true;
	}
	if (global_key(w, key, &quit))
		return !quit;
	unsigned seq = w->m.status_seq;
	enum ui_action a = s->key(&w->m, key);
	/* Backspace goes back too, but never from a text field. */
	if (a == UI_NONE && !s->text_field && (key == UI_ESC || key == UI_KEY(KEY_BACKSPACE)))
		a = UI_BACK;
	/* A status line is cleared by the next key that does something,
	 * unless that key set it. */
	if (a != UI_NONE && w->m.status_seq == seq)
		w->m.status[0] = '\0';
	enum ui_screen to = SCREEN_NONE;
	if (a == UI_REDRAW)
		w->follow = true;
	else if (a == UI_TOP)
		w->scroll = 0;
	else if (a == UI_NEXT && (to = step_of(w, w->screen)) == SCREEN_NONE)
		return false; /* past the last screen */
	else if (a == UI_BACK)
		to = back_of(w, w->screen);
	if (to != SCREEN_NONE)
		go(w, to);
	return true;
}

static void
redraw(struct wizard *w)
{
	fulfil(w);
	w->m.now_ms = clock_now_ms();
	draw(w);
}

/* Reads every key ncurses has; false when the wizard should end. */
static bool
read_keys(struct wizard *w)
{
	int key;
	while ((key = term_key()) != -1) {
		if (!handle_key(w, key))
			return false;
		redraw(w);
	}
	return true;
}

/* Until the user leaves: 0, or 128 + the signal that ended it. */
static int
loop(struct wizard *w)
{
	for (;;) {
		struct pollfd fds[3] = {
			{.fd = STDIN_FILENO, .events = POLLIN},
			{.fd = term_signal_fd(), .events = POLLIN},
			{.fd = worker_fd(), .events = POLLIN},
		};
		int timeout = model_busy(&w->m) ? 150 : (w->m.checking ? 500 : 1000);
		int n = poll(fds, 3, timeout);
		if (n < 0 && errno != EINTR)
			return 0;
		if (n > 0 && (fds[1].revents & POLLIN)) {
			bool winch;
			int sig = term_signals_read(&winch);
			/* A burst of resizes is handled once. */
			if (winch)
				resize(w);
			if (sig)
				return 128 + sig;
		}
		if (n > 0 && (fds[2].revents & POLLIN)) {
			struct job *job;
			while ((job = worker_collect()))
				on_job(w, job);
		}
		if (n > 0 && (fds[0].revents & (POLLHUP | POLLERR)) && !(fds[0].revents & POLLIN))
			return 128 + SIGHUP; /* the terminal went away */
		if (n > 0 && (fds[0].revents & POLLIN) && !read_keys(w))
			return 0;
		model_tick(&w->m, clock_now_ms());
		redraw(w);
	}
}

int
wizard_run(const struct wizard_options *opt)
{
	struct wizard w = {.opt = opt, .screen = SCREEN_WELCOME};
	int status = 69;

	model_init(&w.m, opt->profile, opt->lang, opt->utf8);
	w.m.provider_choice = opt->provider_choice;
	if (!worker_init() || !term_signals_install()) {
		fprintf(stderr, "%s: %s\n", PACKAGE, _("Interner Fehler (pipe)."));
		return 70;
	}
	model_load_open_checks(&w.m);
	screens[SCREEN_WELCOME]->enter(&w.m);
	if (opt->address) {
		model_set_input(&w.m, opt->address);
		w.m.welcome_sel = w.m.open.n; /* a new setup, not an open check */
		go(&w, SCREEN_ADDRESS);
	}
	if (!term_start(&w.color, &w.rows, &w.cols)) {
		term_refusal();
		goto out;
	}
	w.m.now_ms = clock_now_ms();
	draw(&w);
	/* What the first screen does not show is read after it is drawn (issue
	 * 14: a third of the instructions to the first frame were data/providers);
	 * before any key is read, so that a problem still shows at once. */
	model_load_data(&w.m);
	draw(&w);
	status = loop(&w);
out:
	term_finish();
	worker_shutdown();
	if (status == 0 && model_check_running(&w.m))
		fprintf(stderr,
			_("%s: Die Prüfung für %s bleibt offen. Starten Sie den Assistenten "
			  "später erneut, um weiter zu prüfen.\n"),
			PACKAGE, w.m.addr.domain);
	model_clear(&w.m);
	return status;
}
