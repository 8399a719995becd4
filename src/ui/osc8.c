/* osc8.c — see osc8.h. The pieces are written after curses' refresh, over
 * the same text curses drew there, so that curses' idea of the screen stays
 * true; the cursor is saved and restored around them (DECSC, DECRC). */
#include "osc8.h"

#include "fdio.h"
#include "strbuf.h"
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool
osc8_wanted(void)
{
	const char *term = getenv("TERM");
	return term && term[0] && strcmp(term, "dumb") != 0 && strcmp(term, "linux") != 0 &&
	       strncmp(term, "vt", 2) != 0;
}

void
osc8_emit(const struct ui_page *p)
{
	if (!p->link || !p->nlink_pieces || !osc8_wanted())
		return;
	struct strbuf sb = {0};
	strbuf_str(&sb, "\0337");
	for (size_t i = 0; i < p->nlink_pieces; i++) {
		const struct ui_link_piece *piece = &p->link_piece[i];
		/* CUP is 1-based; the id joins the pieces into one link. */
		/* Underlined, as curses drew it. */
		strbuf_printf(&sb, "\033[%d;%dH\033[4m\033]8;id=flicono-dc;%s\033\\",
			      piece->row + 1, piece->col + 1, p->link);
		strbuf_add(&sb, p->link + piece->offset, piece->len);
		strbuf_str(&sb, "\033]8;;\033\\\033[24m");
	}
	strbuf_str(&sb, "\0338");
	size_t len = sb.len;
	char *text = strbuf_finish(&sb);
	if (text)
		fdio_write_all(STDOUT_FILENO, text, len);
	free(text);
}
