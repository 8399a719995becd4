/* screen_method.c — 4 Verfahren: alias feature or SPF record. */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

#include <stdio.h>

static void
draw(const struct model *m, struct ui_page *p)
{
	bool spf_recommended = m->has_prop && m->prop.outcome == PROPOSAL_PUBLISH;
	ui_title(p, _("Verfahren"));
	ui_text(p, _("Wie soll Flicono Ihre E-Mails versenden?"), 0, A_NORMAL);
	ui_blank(p);
	ui_choice(p, 1, _("Alias-Funktion"), model_alias(m)->summary, m->sel == 0,
		  spf_recommended ? NULL : _("(empfohlen)"));
	ui_blank(p);
	ui_choice(p, 2, _("SPF-Eintrag"),
		  _("Sie tragen bei Ihrem Domain-Anbieter einen DNS-Eintrag ein. Danach "
		    "versendet Flicono weiter mit Ihrer eigenen Absenderadresse."),
		  m->sel == 1,
		  model_freemail(m) ? _("(für diese Domain nicht möglich)")
				  : (spf_recommended ? _("(empfohlen)") : NULL));
}

static enum ui_action
key(struct model *m, int key)
{
	enum ui_action a = ui_choose(&m->sel, key, 2);
	if (a != UI_NEXT)
		return a;
	if (m->sel == 1 && model_freemail(m)) {
		model_set_status(m, true,
				 _("Für die Domain eines Freemail-Anbieters können Sie keinen "
				   "SPF-Eintrag anlegen. Wählen Sie die Alias-Funktion."));
		return UI_REDRAW;
	}
	m->method = m->sel == 0 ? METHOD_ALIAS : METHOD_SPF;
	return UI_NEXT;
}

static void
enter(struct model *m)
{
	m->sel = m->method == METHOD_ALIAS ? 0 : 1;
}

static enum ui_screen
step(const struct model *m)
{
	if (m->method == METHOD_ALIAS)
		return SCREEN_ALIAS;
	/* The provider applies the record itself: no question about its form. */
	if (model_dc_link(m) && !m->dc_fields)
		return SCREEN_ENTRY;
	return model_provider_screen(m) ? SCREEN_PROVIDER : SCREEN_FORM;
}

const struct screen screen_method = {
	.draw = draw,
	.key = key,
	.enter = enter,
	.step = step,
	.prev = SCREEN_DIAGNOSIS,
	.footer = ui_footer_choices,
	.help = N_("Alias-Funktion: nichts im DNS zu tun, Empfänger sehen eine "
		   "Alias-Adresse. SPF-Eintrag: ein Eintrag bei Ihrem Domain-Anbieter, "
		   "Empfänger sehen weiter Ihre eigene Adresse."),
};
