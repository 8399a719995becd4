/* screen_welcome.c — 1 Willkommen: the problem in two sentences, the open
 * checks of earlier runs (each resumable), and the start of a new setup. */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
screen_welcome_draw(const struct wizard *w, struct ui_page *p)
{
	char ago[64], label[640];
	time_t now = time(NULL);

	ui_title(p, _("Willkommen"));
	ui_text(p, _("Immer mehr Empfänger-Mailserver lehnen E-Mails ab, die Flicono mit Ihrer "
		     "Absenderadresse versendet: Im DNS Ihrer Domain steht nichts, das Flicono "
		     "das Senden erlaubt."),
		0, A_NORMAL);
	ui_text(p, _("Dieser Assistent hilft Ihnen in wenigen Schritten: mit der Alias-Funktion "
		     "oder mit einem SPF-Eintrag bei Ihrem Domain-Anbieter."),
		0, A_NORMAL);
	ui_blank(p);
	if (w->open.n) {
		ui_text(p, _("Offene Prüfungen:"), 0, A_BOLD);
		for (size_t i = 0; i < w->open.n; i++) {
			const struct state_entry *e = &w->open.entries[i];
			char *input = ui_safe(e->input, strlen(e->input));
			snprintf(label, sizeof(label), _("%s – begonnen %s"), input ? input : "?",
				 ui_ago(e->started, now, ago, sizeof(ago)));
			free(input);
			ui_choice(p, (int)i + 1, label, NULL, w->welcome_sel == i, NULL);
		}
		ui_blank(p);
	}
	ui_choice(p, (int)w->open.n + 1, _("Neue Einrichtung beginnen"), NULL,
		  w->welcome_sel == w->open.n, NULL);
}

enum ui_action
screen_welcome_key(struct wizard *w, int key)
{
	size_t n = w->open.n + 1;
	w->sel = w->welcome_sel;
	enum ui_action a = wizard_choose(w, key, n);
	w->welcome_sel = w->sel;
	if (a == UI_NEXT && w->welcome_sel < w->open.n)
		return UI_RESUME;
	return a;
}
