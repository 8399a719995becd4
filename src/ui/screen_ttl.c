/* screen_ttl.c — 4b TTL: does the customer's form show a TTL for the other
 * records? Then the entry gets one too. */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

#include <stdio.h>

void
screen_ttl_draw(const struct wizard *w, struct ui_page *p)
{
	char q[512];
	ui_title(p, _("TTL"));
	snprintf(q, sizeof(q),
		 _("Zeigen Ihre anderen DNS-Einträge eine TTL (Gültigkeitsdauer in Sekunden), "
		   "zum Beispiel %lu?"),
		 w->opt->profile->ttl);
	ui_text(p, q, 0, A_NORMAL);
	ui_blank(p);
	ui_choice(p, 1, _("Ja"), _("Dann geben Sie die TTL auch für den neuen Eintrag an."),
		  w->sel == 0, NULL);
	ui_blank(p);
	ui_choice(p, 2, _("Nein"), _("Dann lassen Sie die TTL weg."), w->sel == 1, NULL);
}

enum ui_action
screen_ttl_key(struct wizard *w, int key)
{
	enum ui_action a = wizard_choose(w, key, 2);
	if (a == UI_NEXT)
		w->with_ttl = w->sel == 0;
	return a;
}
