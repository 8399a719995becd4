/* screen_address.c — 2 Absenderadresse: one text field, validated on Enter;
 * an error is shown next to the field and the input is kept. */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"
#include "textsafe.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
screen_address_draw(const struct wizard *w, struct ui_page *p)
{
	ui_title(p, _("Absenderadresse"));
	ui_text(p, _("Mit welcher Absenderadresse versendet Flicono Ihre E-Mails? Geben Sie die "
		     "E-Mail-Adresse ein (oder nur die Domain) und drücken Sie Enter."),
		0, A_NORMAL);
	ui_blank(p);

	const char *label = _("Adresse:");
	int lcols = ui_columns(p, label);
	int fx = p->left + lcols + 2, fw = p->width - lcols - 3;
	int row = p->top + p->line++ - p->scroll;
	if (row >= p->top && row < p->top + p->rows && fw > 4) {
		/* The field only ever holds characters that textsafe leaves as
		 * they are (see the key handler), so the escaped text lines up
		 * with the cursor's byte offset. */
		char *safe = textsafe_escape(w->input, w->input_len, 0);
		char *before = textsafe_escape(w->input, w->cursor, 0);
		int cur = before ? ui_columns(p, before) : 0;
		/* Scroll sideways so that the cursor stays inside the field. */
		int shift = cur >= fw ? cur - fw + 1 : 0;
		ui_put(p, row, p->left, lcols + 1, label, A_BOLD);
		attron(A_UNDERLINE);
		mvhline(row, fx, ' ', fw);
		attroff(A_UNDERLINE);
		if (safe)
			ui_put_from(p, row, fx, fw, safe, shift, A_UNDERLINE);
		p->cursor_row = row;
		p->cursor_col = fx + cur - shift;
		free(safe);
		free(before);
	}
	if (w->input_error[0]) {
		ui_blank(p);
		ui_text(p, w->input_error, 2, ui_attr(p, UI_COLOR_BAD, true));
	}
	ui_blank(p);
	ui_text(p, _("Beispiel: info@ihre-firma.de oder ihre-firma.de"), 0, A_DIM);
}

/* Byte offset of the character before / after OFF in the field. */
static size_t
prev_char(const char *s, size_t off)
{
	while (off > 0 && ((unsigned char)s[--off] & 0xc0) == 0x80)
		;
	return off;
}

static size_t
next_char(const char *s, size_t len, size_t off)
{
	uint32_t cp;
	size_t n = off < len ? utf8_decode((const unsigned char *)s + off, len - off, &cp) : 0;
	return off + (n ? n : (off < len ? 1 : 0));
}

enum ui_action
screen_address_key(struct wizard *w, int key)
{
	switch (key) {
	case UI_ESC:
		return UI_BACK;
	case '\n':
		return UI_NEXT;
	case UI_KEY(KEY_BACKSPACE):
		if (w->cursor == 0)
			return w->input_len == 0 ? UI_BACK : UI_NONE;
		{
			size_t from = prev_char(w->input, w->cursor);
			memmove(w->input + from, w->input + w->cursor, w->input_len - w->cursor + 1);
			w->input_len -= w->cursor - from;
			w->cursor = from;
		}
		return UI_REDRAW;
	case UI_KEY(KEY_DC):
		if (w->cursor < w->input_len) {
			size_t to = next_char(w->input, w->input_len, w->cursor);
			memmove(w->input + w->cursor, w->input + to, w->input_len - to + 1);
			w->input_len -= to - w->cursor;
		}
		return UI_REDRAW;
	case UI_KEY(KEY_LEFT):
		w->cursor = prev_char(w->input, w->cursor);
		return UI_REDRAW;
	case UI_KEY(KEY_RIGHT):
		w->cursor = next_char(w->input, w->input_len, w->cursor);
		return UI_REDRAW;
	case UI_KEY(KEY_HOME):
	case 'A' - 64: /* Ctrl-A */
		w->cursor = 0;
		return UI_REDRAW;
	case UI_KEY(KEY_END):
	case 'E' - 64: /* Ctrl-E */
		w->cursor = w->input_len;
		return UI_REDRAW;
	case 'U' - 64: /* Ctrl-U: clear */
		w->input[0] = '\0';
		w->input_len = w->cursor = 0;
		return UI_REDRAW;
	default:
		break;
	}
	if (key >= UI_KEY_OFFSET || key < 0x20)
		return UI_NONE;
	/* Only characters that are shown as typed: no controls, no invisible
	 * format characters, no backslash (textsafe would double it, and no
	 * address holds one). */
	uint32_t cp = (uint32_t)key;
	if (cp == '\\' || textsafe_is_unsafe(cp) || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
		return UI_NONE;
	char enc[4];
	size_t n = utf8_encode(cp, enc);
	if (w->input_len + n >= sizeof(w->input))
		return UI_NONE;
	memmove(w->input + w->cursor + n, w->input + w->cursor, w->input_len - w->cursor + 1);
	memcpy(w->input + w->cursor, enc, n);
	w->input_len += n;
	w->cursor += n;
	w->input_error[0] = '\0';
	return UI_REDRAW;
}
