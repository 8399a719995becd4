/* screen_address.c — 2 Absenderadresse: one text field, validated on Enter;
 * an error is shown next to the field and the input is kept. Only Esc
 * leaves the field: Backspace edits, also when the field is empty (a held
 * Backspace must not walk back through the screens). */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"
#include "textsafe.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
draw(const struct model *m, struct ui_page *p)
{
	ui_title(p, _("Absenderadresse"));
	ui_text(p,
		_("Mit welcher Absenderadresse versendet Flicono Ihre E-Mails? Geben Sie die "
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
		char *safe = textsafe_escape(m->input, m->input_len, 0);
		char *before = textsafe_escape(m->input, m->cursor, 0);
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
	if (m->input_error[0]) {
		ui_blank(p);
		ui_text(p, m->input_error, 2, ui_attr(p, UI_COLOR_BAD, true));
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

static enum ui_action
key(struct model *m, int key)
{
	switch (key) {
	case UI_ESC: return UI_BACK;
	case '\n': return model_submit_address(m) ? UI_NEXT : UI_REDRAW;
	case UI_KEY(KEY_BACKSPACE):
		if (m->cursor == 0)
			return UI_NONE;
		{
			size_t from = prev_char(m->input, m->cursor);
			memmove(m->input + from, m->input + m->cursor,
				m->input_len - m->cursor + 1);
			m->input_len -= m->cursor - from;
			m->cursor = from;
		}
		return UI_REDRAW;
	case UI_KEY(KEY_DC):
		if (m->cursor < m->input_len) {
			size_t to = next_char(m->input, m->input_len, m->cursor);
			memmove(m->input + m->cursor, m->input + to, m->input_len - to + 1);
			m->input_len -= to - m->cursor;
		}
		return UI_REDRAW;
	case UI_KEY(KEY_LEFT): m->cursor = prev_char(m->input, m->cursor); return UI_REDRAW;
	case UI_KEY(KEY_RIGHT):
		m->cursor = next_char(m->input, m->input_len, m->cursor);
		return UI_REDRAW;
	case UI_KEY(KEY_HOME):
	case 'A' - 64: /* Ctrl-A */ m->cursor = 0; return UI_REDRAW;
	case UI_KEY(KEY_END):
	case 'E' - 64: /* Ctrl-E */ m->cursor = m->input_len; return UI_REDRAW;
	case 'U' - 64: /* Ctrl-U: clear */
		m->input[0] = '\0';
		m->input_len = m->cursor = 0;
		return UI_REDRAW;
	default: break;
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
	size_t n = utf8_put(cp, enc);
	if (m->input_len + n >= sizeof(m->input))
		return UI_NONE;
	memmove(m->input + m->cursor + n, m->input + m->cursor, m->input_len - m->cursor + 1);
	memcpy(m->input + m->cursor, enc, n);
	m->input_len += n;
	m->cursor += n;
	m->input_error[0] = '\0';
	return UI_REDRAW;
}

const struct screen screen_address = {
	.draw = draw,
	.key = key,
	.next = SCREEN_DIAGNOSIS,
	.prev = SCREEN_WELCOME,
	.footer = N_("Enter prüfen · Esc zurück · F1 Hilfe"),
	.help = N_("Geben Sie die Adresse ein, die in Flicono als Absender eingestellt ist, "
		   "z. B. info@ihre-firma.de. Es zählt nur die Domain nach dem @. "
		   "Umlaut-Domains sind möglich."),
	.text_field = true,
};
