/* ui.h — the wizard's state and the drawing helpers shared by the screens.
 *
 * Each screen is one file with screen_<name>_draw(const struct wizard *,
 * struct ui_page *) and screen_<name>_key(struct wizard *, int key). Drawing
 * only reads the state; a key handler changes the answers and returns what
 * the dispatcher (wizard.c) should do next: the dispatcher alone moves
 * between screens, starts DNS work, handles resize and signals. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "address.h"
#include "entry.h"
#include "freemail.h"
#include "merge.h"
#include "proposal.h"
#include "propagation.h"
#include "state.h"
#include "wizard.h"

/* Keys besides characters: ncurses' KEY_* codes. Characters arrive as their
 * code point; UI_KEY_OFFSET keeps the two apart. */
#define UI_KEY_OFFSET 0x200000
#define UI_KEY(k) ((k) + UI_KEY_OFFSET)
#define UI_ESC 27

/* The smallest terminal the screens are laid out for. */
#define UI_MIN_COLS 60
#define UI_MIN_ROWS 16

enum ui_screen {
	SCREEN_WELCOME,
	SCREEN_ADDRESS,
	SCREEN_DIAGNOSIS,
	SCREEN_METHOD,
	SCREEN_ALIAS,
	SCREEN_FORM,
	SCREEN_TTL,
	SCREEN_ENTRY,
	SCREEN_CHECK,
	SCREEN_DONE,
};

/* What a key handler asks the dispatcher to do. */
enum ui_action {
	UI_NONE,       /* nothing (the key was not for this screen) */
	UI_REDRAW,     /* the state changed: draw again */
	UI_NEXT,       /* the screen's question is answered: go on */
	UI_BACK,       /* one step back, answers kept */
	UI_RESUME,     /* welcome: resume the open check w->welcome_sel */
	UI_RETRY,      /* run the screen's DNS work again */
	UI_COPY,       /* copy the entry's value (OSC 52) */
};

enum method { METHOD_ALIAS, METHOD_SPF };

enum job_state { JOB_IDLE, JOB_RUNNING, JOB_DONE, JOB_TIMED_OUT };

struct wizard {
	const struct wizard_options *opt;
	enum ui_screen screen;
	bool color, utf8;
	int rows, cols;

	/* Welcome: the open checks and the selection (open checks first, the
	 * new setup last). */
	struct state_list open;
	char state_dir[4096];
	bool has_state_dir;
	size_t welcome_sel;

	/* Address: the field, edited in place (UTF-8), and the parsed result. */
	char input[256];
	size_t input_len, cursor; /* bytes; the cursor sits on a character boundary */
	char input_error[512];
	struct address addr;
	bool has_addr;
	struct freemail_list *freemail;
	char freemail_path[4096]; /* for the diagnosis job's own copy; "" none */

	/* Diagnosis: what the worker found. */
	enum job_state diag;
	unsigned diag_job;      /* the id of the job whose result we want */
	int64_t diag_started_ms;
	struct proposal prop; /* the diagnosis: the shared proposal */
	bool has_prop;        /* prop holds a finished diagnosis */

	/* The answers. */
	enum method method;
	enum entry_form form;
	bool with_ttl;
	size_t sel;             /* the highlighted choice on the current screen */
	bool resumed;           /* the check was entered from the welcome list */

	/* Check: the last finished round and the schedule of the next. */
	enum job_state check;
	unsigned check_job;
	int64_t check_started_ms;  /* when the running round began */
	int64_t next_check_ms;     /* when the next round starts (0: none planned) */
	unsigned interval_s;
	time_t check_since;        /* when this domain's check began (open checks) */
	struct check_round round;
	bool has_round;
	int64_t round_done_ms;     /* when the last round arrived (TTL countdown) */
	unsigned rounds;

	/* Overlays and the status line. */
	bool help, confirm_quit;
	char status[1024];
	bool status_error;
	int scroll;
	int spinner;
	int64_t now_ms;            /* monotonic, set by the dispatcher before drawing */
};

/* A page: the rows between the header and the footer. The drawing helpers
 * write to virtual lines; lines before SCROLL or after the last row are not
 * shown (and set OVERFLOW). */
struct ui_page {
	int top, rows, left, width;
	int line, scroll;
	bool overflow;
	int cursor_row, cursor_col; /* where the terminal cursor goes; -1: hidden */
	bool color, utf8;
};

enum ui_color { UI_COLOR_NONE, UI_COLOR_GOOD, UI_COLOR_WARN, UI_COLOR_BAD, UI_COLOR_ACCENT };

/* ui.c: the drawing helpers. */
void ui_colors_init(bool color);
int ui_attr(const struct ui_page *p, enum ui_color c, bool bold);
/* Writes TEXT (UTF-8, ours or already made safe) wrapped to the page width
 * at INDENT columns, breaking at spaces; "\n" starts a new line. */
void ui_text(struct ui_page *p, const char *text, int indent, int attr);
/* Like ui_text, but lines after the first are indented by HANG more. */
void ui_text_hang(struct ui_page *p, const char *text, int indent, int hang, int attr);
/* Text from outside (DNS, the user): escaped with textsafe_escape() first. */
void ui_untrusted(struct ui_page *p, const void *text, size_t len, int indent, int attr);
void ui_blank(struct ui_page *p);
/* True when the page is so short that optional lines are left out. */
bool ui_compact(const struct ui_page *p);
void ui_title(struct ui_page *p, const char *title);
/* A numbered choice: "  2  LABEL", the description below it. */
void ui_choice(struct ui_page *p, int number, const char *label, const char *desc,
	       bool selected, const char *tag);
/* One row of cells cropped to WIDTHS columns each (the last takes the rest). */
void ui_cells(struct ui_page *p, const char *const *cells, const int *widths, size_t n,
	      const int *attrs);
/* A bar of WIDTH columns, DONE of TOTAL filled. */
void ui_bar(struct ui_page *p, unsigned done, unsigned total, int width, const char *after);
/* Display columns of UTF-8 TEXT (after transliteration when not UTF-8). */
int ui_columns(const struct ui_page *p, const char *text);
/* Writes TEXT at ROW, COL cropped to WIDTH columns (absolute position). */
void ui_put(const struct ui_page *p, int row, int col, int width, const char *text, int attr);
/* Writes TEXT without its first SKIP columns at ROW, COL, at most WIDTH
 * columns (no ellipsis): a text field scrolled sideways. */
void ui_put_from(const struct ui_page *p, int row, int col, int width, const char *text,
		 int skip, int attr);
/* "vor 5 min", "vor 2 h 14 min". */
const char *ui_ago(time_t since, time_t now, char *buf, size_t size);
char *ui_safe(const void *text, size_t len);

/* The screens. */
void screen_welcome_draw(const struct wizard *w, struct ui_page *p);
enum ui_action screen_welcome_key(struct wizard *w, int key);
void screen_address_draw(const struct wizard *w, struct ui_page *p);
enum ui_action screen_address_key(struct wizard *w, int key);
void screen_diagnosis_draw(const struct wizard *w, struct ui_page *p);
enum ui_action screen_diagnosis_key(struct wizard *w, int key);
void screen_method_draw(const struct wizard *w, struct ui_page *p);
enum ui_action screen_method_key(struct wizard *w, int key);
void screen_alias_draw(const struct wizard *w, struct ui_page *p);
enum ui_action screen_alias_key(struct wizard *w, int key);
void screen_form_draw(const struct wizard *w, struct ui_page *p);
enum ui_action screen_form_key(struct wizard *w, int key);
void screen_ttl_draw(const struct wizard *w, struct ui_page *p);
enum ui_action screen_ttl_key(struct wizard *w, int key);
void screen_entry_draw(const struct wizard *w, struct ui_page *p);
enum ui_action screen_entry_key(struct wizard *w, int key);
void screen_check_draw(const struct wizard *w, struct ui_page *p);
enum ui_action screen_check_key(struct wizard *w, int key);
void screen_done_draw(const struct wizard *w, struct ui_page *p);
enum ui_action screen_done_key(struct wizard *w, int key);
void screen_help_draw(const struct wizard *w, struct ui_page *p);

/* Shared by the screens (wizard.c). */
/* Moves the selection among N choices for an arrow key, or picks choice
 * number KEY - '1' directly: returns UI_NEXT for a number or Enter. */
enum ui_action wizard_choose(struct wizard *w, int key, size_t n);
/* The entry as the chosen form shows it (new string), and its value alone. */
char *wizard_entry_text(const struct wizard *w);
const char *wizard_record(const struct wizard *w, size_t *len);
/* The domain for people: "müller-bau.de (xn--mller-bau-q9a.de)" or the A-label. */
const char *wizard_domain_label(const struct wizard *w, char *buf, size_t size);
/* Spinner character for the current tick. */
char wizard_spinner(const struct wizard *w);
