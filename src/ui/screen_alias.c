/* screen_alias.c — the alias feature: how to switch it on in Flicono, what
 * recipients see, that replies are forwarded. The texts come from the
 * profile (data, in both languages). */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

#include <stdio.h>

void
screen_alias_draw(const struct wizard *w, struct ui_page *p)
{
	const struct profile_alias *alias = profile_alias_for(w->opt->profile, w->opt->lang);
	char step[640];

	ui_title(p, _("Alias-Funktion einschalten"));
	ui_text(p, alias->summary, 0, A_NORMAL);
	ui_blank(p);
	for (size_t i = 0; i < alias->nsteps; i++) {
		snprintf(step, sizeof(step), _("Schritt %zu: %s"), i + 1, alias->steps[i]);
		ui_text_hang(p, step, 2, 2, A_NORMAL);
	}
	ui_blank(p);
	ui_text(p, alias->recipients, 0, A_NORMAL);
	ui_text(p, alias->replies, 0, A_NORMAL);
	ui_blank(p);
	ui_choice(p, 1, _("Fertig"), NULL, true, NULL);
}

enum ui_action
screen_alias_key(struct wizard *w, int key)
{
	return key == '1' || key == '\n' ? UI_NEXT : UI_NONE;
}
