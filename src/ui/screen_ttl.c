/* screen_ttl.c — 4b TTL: does the customer's form show a TTL for the other
 * records? Then the entry gets one too. */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

#include <stdio.h>

static void
draw(const struct model *m, struct ui_page *p)
{
	char q[512];
	ui_title(p, _("TTL"));
	snprintf(q, sizeof(q),
		 _("Zeigen Ihre anderen DNS-Einträge eine TTL (Gültigkeitsdauer in Sekunden), "
		   "zum Beispiel %lu?"),
		 m->profile->ttl);
	ui_text(p, q, 0, A_NORMAL);
	ui_blank(p);
	ui_choice(p, 1, _("Ja"), _("Dann geben Sie die TTL auch für den neuen Eintrag an."),
		  m->sel == 0, NULL);
	ui_blank(p);
	ui_choice(p, 2, _("Nein"), _("Dann lassen Sie die TTL weg."), m->sel == 1, NULL);
}

static enum ui_action
key(struct model *m, int key)
{
	enum ui_action a = ui_choose(&m->sel, key, 2);
	if (a == UI_NEXT)
		m->with_ttl = m->sel == 0;
	return a;
}

static void
enter(struct model *m)
{
	m->sel = m->with_ttl ? 0 : 1;
	m->to_questions = false;
}

/* Past the form question only where the provider did not answer it. */
static enum ui_screen
back(const struct model *m)
{
	return model_provider_form(m) ? SCREEN_PROVIDER : SCREEN_FORM;
}

const struct screen screen_ttl = {
	.draw = draw,
	.key = key,
	.enter = enter,
	.next = SCREEN_ENTRY,
	.back = back,
	.footer = ui_footer_choices,
	.help = N_("Die TTL (Gültigkeitsdauer in Sekunden) sagt, wie lange andere Server "
		   "den Eintrag zwischenspeichern. Steht bei Ihren anderen Einträgen keine, "
		   "lassen Sie sie weg."),
};
