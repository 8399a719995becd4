/* ui.c — text on the page, measured in screen columns (never bytes):
 * wrapping, cropping, choices, table cells, bars, colours. */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"
#include "dmarc.h"
#include "lint.h"
#include "osc52.h"
#include "textsafe.h"
#include "translit.h"
#include "utf8.h"
#include "verdict.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Colour pairs; 0 is the terminal's default. */
enum { PAIR_GOOD = 1, PAIR_WARN, PAIR_BAD, PAIR_ACCENT };

const char ui_footer_choices[] = N_("Ziffer wählt · Enter · Esc zurück · ? Hilfe · q Ende");
const char ui_footer_single[] = N_("1 weiter · Esc zurück · ? Hilfe · q Ende");

void
ui_colors_init(bool color)
{
	if (!color)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_GOOD, COLOR_GREEN, -1);
	init_pair(PAIR_WARN, COLOR_YELLOW, -1);
	init_pair(PAIR_BAD, COLOR_RED, -1);
	init_pair(PAIR_ACCENT, COLOR_CYAN, -1);
}

int
ui_attr(const struct ui_page *p, enum ui_color c, bool bold)
{
	int a = bold ? (int)A_BOLD : (int)A_NORMAL;
	if (!p->color)
		/* Without colour the important states still stand out. */
		return c == UI_COLOR_NONE || c == UI_COLOR_ACCENT ? a : (int)A_BOLD;
	switch (c) {
	case UI_COLOR_NONE: return a;
	case UI_COLOR_GOOD: return a | (int)COLOR_PAIR(PAIR_GOOD);
	case UI_COLOR_WARN: return a | (int)COLOR_PAIR(PAIR_WARN);
	case UI_COLOR_BAD: return a | (int)COLOR_PAIR(PAIR_BAD);
	case UI_COLOR_ACCENT: return a | (int)COLOR_PAIR(PAIR_ACCENT);
	}
	return a;
}

/* TEXT as the page shows it, as a new string (NULL when out of memory):
 * transliterated where the terminal's codeset is not UTF-8, and escaped
 * where it is not valid in the locale (shown escaped rather than not at
 * all). */
static char *
shown_text(const struct ui_page *p, const char *text)
{
	if (!p->utf8)
		return translit_ascii(text);
	if (mbstowcs(NULL, text, 0) != (size_t)-1)
		return strdup(text);
	char *safe = textsafe_escape(text, strlen(text), 0);
	char *ascii = safe ? translit_ascii(safe) : NULL;
	free(safe);
	return ascii;
}

/* TEXT as wide characters for the terminal's codeset; *n their count.
 * Characters the terminal cannot show get width 1 and become '?'. */
static wchar_t *
widen(const struct ui_page *p, const char *text, size_t *n)
{
	char *shown = shown_text(p, text);
	const char *t = shown ? shown : "";
	size_t len = mbstowcs(NULL, t, 0);
	if (len == (size_t)-1)
		len = 0, t = "";
	wchar_t *w = malloc((len + 1) * sizeof(*w));
	if (w) {
		mbstowcs(w, t, len + 1);
		w[len] = L'\0';
		for (size_t i = 0; i < len; i++)
			if (w[i] != L'\n' && wcwidth(w[i]) < 0)
				w[i] = L'?';
	}
	free(shown);
	*n = w ? len : 0;
	return w;
}

/* The columns of one character: utf8_char_columns(), which the whole
 * program measures with (wchar_t holds the code point). */
static int
wc_cols(wchar_t c)
{
	return utf8_char_columns((uint32_t)c);
}

int
ui_columns(const struct ui_page *p, const char *text)
{
	char *shown = shown_text(p, text);
	int cols = shown ? utf8_columns(shown) : 0;
	free(shown);
	return cols;
}

/* The screen row for the next virtual line, or -1 when it is not visible. */
static int
next_row(struct ui_page *p)
{
	int v = p->line++ - p->scroll;
	if (v < 0)
		return -1;
	if (v >= p->rows) {
		p->overflow = true;
		return -1;
	}
	return p->top + v;
}

/* Writes W[0..N) at ROW, COL, at most WIDTH columns. */
static void
put_wide(int row, int col, int width, const wchar_t *w, size_t n, int attr)
{
	size_t k = 0;
	int used = 0;
	while (k < n && used + wc_cols(w[k]) <= width)
		used += wc_cols(w[k++]);
	if (!k)
		return;
	attron(attr);
	mvaddnwstr(row, col, w, (int)k);
	attroff(attr);
}

void
ui_put(const struct ui_page *p, int row, int col, int width, const char *text, int attr)
{
	size_t n;
	wchar_t *w = widen(p, text, &n);
	if (!w)
		return;
	int total = 0;
	for (size_t i = 0; i < n; i++)
		total += wc_cols(w[i]);
	if (total > width && width > 1) {
		/* Cropped: end in an ellipsis so that nobody copies half a value. */
		size_t k = 0;
		int used = 0;
		while (k < n && used + wc_cols(w[k]) <= width - 1)
			used += wc_cols(w[k++]);
		put_wide(row, col, width - 1, w, k, attr);
		wchar_t ell = p->utf8 ? L'\x2026' : L'~';
		put_wide(row, col + used, 1, &ell, 1, attr);
	} else {
		put_wide(row, col, width, w, n, attr);
	}
	free(w);
}

void
ui_put_from(const struct ui_page *p, int row, int col, int width, const char *text, int skip,
	    int attr)
{
	size_t n, k = 0;
	wchar_t *w = widen(p, text, &n);
	int skipped = 0;
	if (!w)
		return;
	while (k < n && skipped < skip)
		skipped += wc_cols(w[k++]);
	put_wide(row, col, width, w + k, n - k, attr);
	free(w);
}

void
ui_link(struct ui_page *p, const char *url, int indent)
{
	size_t len = strlen(url), pos = 0;
	int avail = p->width - indent;
	if (avail < 8)
		avail = 8, indent = p->width - 8;
	p->link = url;
	p->nlink_pieces = 0;
	while (pos < len) {
		size_t n = len - pos < (size_t)avail ? len - pos : (size_t)avail;
		int row = next_row(p);
		if (row >= 0) {
			attron(A_UNDERLINE);
			mvaddnstr(row, p->left + indent, url + pos, (int)n);
			attroff(A_UNDERLINE);
			if (p->nlink_pieces < UI_LINK_PIECES)
				p->link_piece[p->nlink_pieces++] = (struct ui_link_piece){
					.row = row, .col = p->left + indent, .offset = pos, .len = n};
		}
		pos += n;
	}
}

void
ui_text_hang(struct ui_page *p, const char *text, int indent, int hang, int attr)
{
	size_t n;
	wchar_t *w = widen(p, text, &n);
	bool first = true;
	size_t pos = 0;

	if (!w)
		return;
	if (n == 0)
		next_row(p);
	while (pos < n) {
		int ind = indent + (first ? 0 : hang);
		int avail = p->width - ind;
		if (avail < 8)
			avail = 8, ind = p->width - 8;
		int col = 0;
		size_t i = pos, space = (size_t)-1;
		while (i < n && w[i] != L'\n' && col + wc_cols(w[i]) <= avail) {
			if (w[i] == L' ')
				space = i;
			col += wc_cols(w[i++]);
		}
		size_t end, next;
		bool para_end = false;
		if (i >= n || w[i] == L'\n') {
			end = i;
			next = i < n ? i + 1 : i;
			para_end = true;
		} else if (space != (size_t)-1 && space > pos) {
			end = space;
			next = space + 1;
		} else {
			end = i > pos ? i : pos + 1; /* a word longer than the line: cut it */
			next = end;
		}
		int row = next_row(p);
		if (row >= 0)
			put_wide(row, p->left + ind, avail, w + pos, end - pos, attr);
		pos = next;
		first = para_end;
		/* A continuation line does not start with the space we broke at. */
		while (!para_end && pos < n && w[pos] == L' ')
			pos++;
	}
	free(w);
}

void
ui_text(struct ui_page *p, const char *text, int indent, int attr)
{
	ui_text_hang(p, text, indent, 0, attr);
}

void
ui_textf(struct ui_page *p, int indent, int attr, const char *fmt, ...)
{
	char line[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	ui_text(p, line, indent, attr);
}

char *
ui_safe(const void *text, size_t len)
{
	/* 4 KiB of escaped text is more than any record a screen can show. */
	return textsafe_escape(text, len, 4096);
}

void
ui_lint(struct ui_page *p, const struct lint_report *r, unsigned which, int indent, int attr)
{
	char line[1024];
	for (unsigned bit = 0; bit < LINT_WARNING_COUNT; bit++) {
		enum lint_warning warning = 1u << bit;
		if (r->warnings & which & warning)
			ui_text(p, lint_warning_message(warning, r, line, sizeof(line)), indent,
				attr);
	}
}

void
ui_dmarc(struct ui_page *p, const struct dmarc_result *d, const char *sender, bool authorised,
	 bool alias, const char *domain)
{
	char text[2048], line[2100];
	/* "No policy" is worth a paragraph only where there is room. */
	if (!d->asked || (d->problem == DMARC_NO_RECORD && ui_compact(p)))
		return;
	ui_blank(p);
	snprintf(line, sizeof(line), _("DMARC: %s\n"),
		 dmarc_explain(d, sender, authorised, alias, text, sizeof(text), domain));
	/* The message ends in a newline for the command line; not here. */
	line[strcspn(line, "\n")] = '\0';
	ui_text(p, line, 0, A_NORMAL);
}

void
ui_untrusted(struct ui_page *p, const void *text, size_t len, int indent, int attr)
{
	char *safe = ui_safe(text, len);
	if (safe)
		ui_text(p, safe, indent, attr);
	free(safe);
}

bool
ui_compact(const struct ui_page *p)
{
	return p->rows < 14;
}

void
ui_blank(struct ui_page *p)
{
	next_row(p);
}

void
ui_title(struct ui_page *p, const char *title)
{
	ui_text(p, title, 0, A_BOLD);
	/* On a small terminal every line counts. */
	if (!ui_compact(p))
		ui_blank(p);
}

void
ui_choice(struct ui_page *p, int number, const char *label, const char *desc, bool selected,
	  const char *tag)
{
	char head[512], num[16] = "   ";
	int attr = !selected  ? (int)A_NORMAL
		   : p->color ? ui_attr(p, UI_COLOR_ACCENT, true)
			      : (int)A_REVERSE;
	if (number >= 0)
		snprintf(num, sizeof(num), "%d  ", number);
	snprintf(head, sizeof(head), "%s %s%s%s%s", selected ? ">" : " ", num, label,
		 tag ? "  " : "", tag ? tag : "");
	if (selected)
		p->sel_top = p->line;
	ui_text_hang(p, head, 1, 5, attr);
	if (desc)
		ui_text(p, desc, 6, A_NORMAL);
	if (selected)
		p->sel_end = p->line;
}

enum ui_action
ui_choose(size_t *sel, int key, size_t n)
{
	if (n == 0)
		return UI_NONE;
	if (key == UI_KEY(KEY_UP)) {
		*sel = (*sel + n - 1) % n;
		return UI_REDRAW;
	}
	if (key == UI_KEY(KEY_DOWN) || key == '\t') {
		*sel = (*sel + 1) % n;
		return UI_REDRAW;
	}
	if (key == UI_KEY(KEY_HOME) || key == UI_KEY(KEY_END)) {
		*sel = key == UI_KEY(KEY_HOME) ? 0 : n - 1;
		return UI_REDRAW;
	}
	if (key >= '1' && key <= '9' && (size_t)(key - '1') < n) {
		*sel = (size_t)(key - '1');
		return UI_NEXT;
	}
	if (key == '\n')
		return UI_NEXT;
	return UI_NONE;
}

char
ui_spinner(int64_t now_ms)
{
	return "|/-\\"[(now_ms / 150) % 4];
}

void
ui_help(struct ui_page *p, const char *text)
{
	ui_title(p, _("Hilfe"));
	ui_text(p, text, 0, A_NORMAL);
	ui_blank(p);
	ui_text(p,
		_("Tasten: Ziffern wählen sofort · Pfeile und Enter · Esc zurück (Ihre "
		  "Antworten bleiben; außerhalb eines Eingabefelds auch die Rücktaste) · "
		  "?/F1: Hilfe · q: beenden · Bild auf/ab: blättern"),
		0, A_NORMAL);
	ui_blank(p);
	ui_text(p, _("Eine beliebige Taste schließt die Hilfe."), 0, A_DIM);
}

void
ui_cells(struct ui_page *p, const char *const *cells, const int *widths, size_t n, const int *attrs)
{
	int row = next_row(p);
	int col = p->left + 2;
	if (row < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		int wdt = i + 1 < n ? widths[i] : p->left + p->width - col;
		if (wdt <= 0)
			break;
		/* One column of air between cells. */
		ui_put(p, row, col, i + 1 < n ? wdt - 1 : wdt, cells[i], attrs ? attrs[i] : 0);
		col += wdt;
	}
}

void
ui_bar(struct ui_page *p, unsigned done, unsigned total, int width, const char *after)
{
	int row = next_row(p);
	if (row < 0)
		return;
	int filled = total ? (int)((unsigned long)done * (unsigned)width / total) : 0;
	move(row, p->left + 2);
	addch('[');
	attron(ui_attr(p, done == total && total ? UI_COLOR_GOOD : UI_COLOR_WARN, true));
	for (int i = 0; i < width; i++)
		addch(i < filled ? '#' : '.');
	attroff(ui_attr(p, done == total && total ? UI_COLOR_GOOD : UI_COLOR_WARN, true));
	addch(']');
	if (after)
		ui_put(p, row, p->left + 2 + width + 3, p->width - width - 5, after, A_NORMAL);
}

const char *
ui_ago(time_t since, time_t now, char *buf, size_t size)
{
	char d[64];
	uint32_t s = now > since ? (uint32_t)(now - since) : 0;
	if (s < 60)
		snprintf(buf, size, "%s", _("gerade eben"));
	else
		snprintf(buf, size, _("vor %s"), verdict_format_duration(s - s % 60, d, sizeof(d)));
	return buf;
}

void
ui_header(const struct ui_page *p, int cols, const char *title, const char *right)
{
	attron(A_REVERSE);
	mvhline(0, 0, ' ', cols);
	attroff(A_REVERSE);
	int rcols = ui_columns(p, right);
	ui_put(p, 0, 1, cols - rcols - 3, title, A_REVERSE);
	ui_put(p, 0, cols - rcols - 1, rcols, right, A_REVERSE);
}

void
ui_band(const struct ui_page *p, int row, int cols, const char *title, const char *text)
{
	/* Full width, so that nothing of the page shows beside it. */
	attron(A_REVERSE);
	for (int i = 0; i < 4; i++)
		mvhline(row + i, 0, ' ', cols);
	attroff(A_REVERSE);
	ui_put(p, row + 1, 2, cols - 4, title, A_REVERSE | A_BOLD);
	ui_put(p, row + 2, 2, cols - 4, text, A_REVERSE);
}

void
ui_too_small(const struct ui_page *p, int rows, int cols, bool key_ignored)
{
	char need[128];
	struct ui_page tiny = *p;
	tiny.left = 0, tiny.width = cols, tiny.top = rows / 2 + 1, tiny.line = tiny.scroll = 0;
	snprintf(need, sizeof(need), _("mindestens %d×%d, jetzt %d×%d"), UI_MIN_COLS, UI_MIN_ROWS,
		 cols, rows);
	ui_put(&tiny, rows / 2 - 1, 0, cols, _("Terminal zu klein"), A_BOLD);
	if (rows > 2)
		ui_put(&tiny, rows / 2, 0, cols, need, A_NORMAL);
	/* Say why a key did nothing, rather than seem to hang. */
	tiny.rows = rows - tiny.top;
	if (key_ignored && tiny.rows > 0)
		ui_text(&tiny, _("Tasten wirken erst wieder, wenn das Fenster größer ist."), 0,
			A_NORMAL);
	curs_set(0);
}

void
ui_note_draw(const struct model *m, struct ui_page *p, bool with_check)
{
	char *note = model_note_text(m, with_check, time(NULL));
	ui_title(p, _("Ticket-Notiz"));
	if (!note) {
		ui_text(p, _("Nicht genug Arbeitsspeicher."), 0, ui_attr(p, UI_COLOR_BAD, true));
		return;
	}
	/* Line by line as it will be pasted: the note is safe text, 72 wide
	 * but for the record's own line, which a narrow screen wraps here
	 * (k copies it whole). */
	for (char *s = note, *nl; *s; s = nl + 1) {
		nl = strchr(s, '\n');
		*nl = '\0';
		size_t indent = strspn(s, " ");
		if (!s[0])
			ui_blank(p);
		else
			ui_text_hang(p, s + indent, (int)indent, 2, A_NORMAL);
	}
	free(note);
}

/* Terminals cap what one OSC 52 sequence may carry (xterm, tmux: about
 * 100 000 bytes of base64); a note stays far below, but never send more. */
enum { NOTE_COPY_MAX = 65536 };

static void
copy_note(struct model *m, bool with_check)
{
	char *note = model_note_text(m, with_check, time(NULL));
	size_t len = note ? strlen(note) : 0;
	if (note && len > NOTE_COPY_MAX)
		model_set_status(m, true, _("Die Notiz ist zu lang für die Zwischenablage."));
	else if (note && osc52_copy(note, len))
		model_set_status(m, false,
				 _("An das Terminal geschickt (OSC 52): nicht jedes legt es in "
				   "die Zwischenablage."));
	else
		model_set_status(m, true, _("Kopieren ging nicht."));
	free(note);
}

enum ui_action
ui_note_key(struct model *m, int key, bool with_check)
{
	if (key == 'n' || (m->noting && (key == UI_ESC || key == UI_KEY(KEY_BACKSPACE)))) {
		m->noting = !m->noting && key == 'n';
		return UI_REDRAW;
	}
	if (!m->noting)
		return UI_NONE;
	if (key == 'k' || key == 'c')
		copy_note(m, with_check);
	return UI_REDRAW; /* the screen's own keys wait until the note is closed */
}
