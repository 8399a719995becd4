/* ui.h — the screens' table and the drawing helpers they share.
 *
 * Each screen is one file exporting one `const struct screen screen_<name>`
 * (ncmpc's struct screen_functions): the dispatcher (wizard.c) indexes an
 * array of them by enum ui_screen and knows nothing else of a screen. A
 * screen reads and changes only the model (model.h); it never calls the
 * dispatcher. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "model.h"

/* Keys besides characters: ncurses' KEY_* codes. Characters arrive as their
 * code point; UI_KEY_OFFSET keeps the two apart. */
#define UI_KEY_OFFSET 0x200000
#define UI_KEY(k) ((k) + UI_KEY_OFFSET)
#define UI_ESC 27

/* A link drawn whole takes at most this many rows. */
#define UI_LINK_PIECES 32

/* The smallest terminal the screens are laid out for. */
#define UI_MIN_COLS 60
#define UI_MIN_ROWS 16

/* 0 is no screen, so that a table entry left out means "none". */
enum ui_screen {
	SCREEN_NONE, /* before the first, after the last */
	SCREEN_WELCOME,
	SCREEN_ADDRESS,
	SCREEN_DIAGNOSIS,
	SCREEN_METHOD,
	SCREEN_ALIAS,
	SCREEN_PROVIDER,
	SCREEN_FORM,
	SCREEN_TTL,
	SCREEN_ENTRY,
	SCREEN_CHECK,
	SCREEN_DONE,
	SCREEN_COUNT,
};

/* What a key handler asks the dispatcher to do. */
enum ui_action {
	UI_NONE,   /* nothing (the key was not for this screen) */
	UI_REDRAW, /* the model changed: draw again */
	UI_TOP,    /* the screen shows another view of itself: draw it from its top */
	UI_NEXT,   /* the screen's question is answered: go to its step() */
	UI_BACK,   /* to its back(), answers kept */
};

/* A page: the rows between the header and the footer. The drawing helpers
 * write to virtual lines; lines before SCROLL or after the last row are not
 * shown (and set OVERFLOW). */
struct ui_page {
	int top, rows, left, width;
	int line, scroll;
	bool overflow;
	int cursor_row, cursor_col; /* where the terminal cursor goes; -1: hidden */
	/* The virtual lines [sel_top, sel_end) of the selected choice (-1:
	 * none drawn), so that the dispatcher can scroll it into view. */
	int sel_top, sel_end;
	bool color, utf8;
	/* The link drawn by ui_link (NULL: none) and its visible pieces, one
	 * per screen row, which the dispatcher makes clickable after the
	 * refresh (osc8.h). */
	const char *link;
	struct ui_link_piece {
		int row, col;
		size_t offset, len; /* bytes of link */
	} link_piece[UI_LINK_PIECES];
	size_t nlink_pieces;
};

enum ui_color { UI_COLOR_NONE, UI_COLOR_GOOD, UI_COLOR_WARN, UI_COLOR_BAD, UI_COLOR_ACCENT };

/* ui.c: the drawing helpers. */
void ui_colors_init(bool color);
int ui_attr(const struct ui_page *p, enum ui_color c, bool bold);
/* Writes TEXT (UTF-8, ours or already made safe) wrapped to the page width
 * at INDENT columns, breaking at spaces; "\n" starts a new line. */
void ui_text(struct ui_page *p, const char *text, int indent, int attr);
/* ui_text of a printf-style message (FMT usually from _()). */
void ui_textf(struct ui_page *p, int indent, int attr, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Like ui_text, but lines after the first are indented by HANG more. */
void ui_text_hang(struct ui_page *p, const char *text, int indent, int hang, int attr);
/* Text from outside (DNS, the user): escaped with textsafe_escape() first. */
void ui_untrusted(struct ui_page *p, const void *text, size_t len, int indent, int attr);
void ui_blank(struct ui_page *p);
/* URL (printable ASCII, ours or checked) whole, broken at the page width
 * wherever it reaches it, INDENT columns in; the page remembers where each
 * piece stands, so that the terminal can be told it is one link. */
void ui_link(struct ui_page *p, const char *url, int indent);
struct lint_report;
struct dmarc_result;
/* The DMARC paragraph (dmarc_explain) for SENDER's mail from DOMAIN, after a
 * blank line; nothing when the policy was not asked. */
void ui_dmarc(struct ui_page *p, const struct dmarc_result *d, const char *sender,
	      bool authorised, bool alias, const char *domain);
/* The lint warnings of R that WHICH selects, a paragraph each. */
void ui_lint(struct ui_page *p, const struct lint_report *r, unsigned which, int indent,
	     int attr);
/* True when the page is so short that optional lines are left out. */
bool ui_compact(const struct ui_page *p);
void ui_title(struct ui_page *p, const char *title);
/* A numbered choice: "  2  LABEL", the description below it; NUMBER < 0:
 * no key of its own (reached with the arrows). */
void ui_choice(struct ui_page *p, int number, const char *label, const char *desc, bool selected,
	       const char *tag);
/* One row of cells cropped to WIDTHS columns each (the last takes the rest). */
void ui_cells(struct ui_page *p, const char *const *cells, const int *widths, size_t n,
	      const int *attrs);
/* A bar of WIDTH columns, DONE of TOTAL filled. */
void ui_bar(struct ui_page *p, unsigned done, unsigned total, int width, const char *after);
/* Display columns of UTF-8 TEXT as the page shows it (transliterated when
 * the terminal is not UTF-8, escaped where invalid): utf8_columns() of it. */
int ui_columns(const struct ui_page *p, const char *text);
/* Writes TEXT at ROW, COL cropped to WIDTH columns (absolute position). */
void ui_put(const struct ui_page *p, int row, int col, int width, const char *text, int attr);
/* Writes TEXT without its first SKIP columns at ROW, COL, at most WIDTH
 * columns (no ellipsis): a text field scrolled sideways. */
void ui_put_from(const struct ui_page *p, int row, int col, int width, const char *text, int skip,
		 int attr);
/* "vor 5 min", "vor 2 h 14 min". */
const char *ui_ago(time_t since, time_t now, char *buf, size_t size);
char *ui_safe(const void *text, size_t len);

/* Moves *SEL among N choices for an arrow key (Home, End: the first, the
 * last), or picks choice number
 * KEY - '1' (the first nine) directly: returns UI_NEXT for a number or
 * Enter, UI_REDRAW when the selection moved. */
enum ui_action ui_choose(size_t *sel, int key, size_t n);
/* Spinner character for the monotonic time NOW_MS. */
char ui_spinner(int64_t now_ms);
/* The help page: TEXT for the screen, then the keys. */
void ui_help(struct ui_page *p, const char *text);

/* The ticket note (n) over the entry and the check screen: WITH_CHECK
 * adds the last round. ui_note_key() takes n (show, hide), and while the
 * note is shown Esc and Backspace (hide) and k (copy it, OSC 52); every
 * other key is swallowed then (UI_REDRAW). UI_NONE: not the note's key. */
void ui_note_draw(const struct model *m, struct ui_page *p, bool with_check);
enum ui_action ui_note_key(struct model *m, int key, bool with_check);

/* The frame around the pages (the dispatcher's): the header line with
 * TITLE on the left and RIGHT on the right; a band of four rows from ROW
 * (the quit question); the notice for a terminal below UI_MIN_COLS ×
 * UI_MIN_ROWS, KEY_IGNORED: a key was dropped because of it. */
void ui_header(const struct ui_page *p, int cols, const char *title, const char *right);
void ui_band(const struct ui_page *p, int row, int cols, const char *title, const char *text);
void ui_too_small(const struct ui_page *p, int rows, int cols, bool key_ignored);

/* One screen. Every function but draw and key may be NULL; where the
 * step or the way back does not depend on the answers, next and prev
 * name it instead. */
struct screen {
	/* Draws the page from the model; changes nothing. */
	void (*draw)(const struct model *m, struct ui_page *p);
	/* A key the dispatcher did not take for itself. */
	enum ui_action (*key)(struct model *m, int key);
	/* On arrival, forward or back: the highlighted choice from the answers. */
	void (*enter)(struct model *m);
	/* On leaving, either way. */
	void (*leave)(struct model *m);
	/* The screen that follows for the current answers (SCREEN_NONE after
	 * the last): where UI_NEXT goes, and what the step counter walks. */
	enum ui_screen (*step)(const struct model *m);
	enum ui_screen next;
	/* Where Esc goes (SCREEN_NONE: nowhere). */
	enum ui_screen (*back)(const struct model *m);
	enum ui_screen prev;
	/* The key line at the bottom and the help text (?/F1): msgids, N_(). */
	const char *footer;
	const char *help;
	/* Where the key line depends on the model (NULL: footer). */
	const char *(*footer_of)(const struct model *m);
	/* Where the help text depends on the model (NULL: help). */
	const char *(*help_of)(const struct model *m);
	/* A text field: ?, q and Backspace are typed, not commands. */
	bool text_field;
};

extern const struct screen screen_welcome, screen_address, screen_diagnosis, screen_method,
	screen_alias, screen_provider, screen_form, screen_ttl, screen_entry, screen_check, screen_done;

/* Footers more than one screen uses (msgids). */
extern const char ui_footer_choices[], ui_footer_single[];
