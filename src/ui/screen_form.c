/* screen_form.c — 4a Eingabeform: one text field per record, or separate
 * fields (as the provider's web form has them). */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

static void
draw(const struct model *m, struct ui_page *p)
{
	ui_title(p, _("Eingabeform"));
	ui_text(p,
		_("Öffnen Sie bei Ihrem Domain-Anbieter die DNS-Einstellungen Ihrer Domain. "
		  "Wie sieht dort das Formular für einen neuen Eintrag aus?"),
		0, A_NORMAL);
	ui_blank(p);
	ui_choice(p, 1, _("in einer Zeile (ein Textfeld je Eintrag)"),
		  _("Sie tippen den ganzen Eintrag in ein einziges Feld."), m->sel == 0, NULL);
	ui_blank(p);
	ui_choice(p, 2, _("in einzelnen Feldern"),
		  _("Das Formular hat eigene Felder für Name, TTL, Typ und Data."), m->sel == 1,
		  NULL);
}

static enum ui_action
key(struct model *m, int key)
{
	enum ui_action a = ui_choose(&m->sel, key, 2);
	if (a == UI_NEXT)
		m->form = m->sel == 0 ? ENTRY_FORM_LINE : ENTRY_FORM_FIELDS;
	return a;
}

static void
enter(struct model *m)
{
	m->sel = m->form == ENTRY_FORM_FIELDS ? 1 : 0;
	m->to_questions = false;
}

/* The TTL question is left out where the provider's entry answers it. */
static enum ui_screen
step(const struct model *m)
{
	return model_provider_ttl(m) ? SCREEN_ENTRY : SCREEN_TTL;
}

static enum ui_screen
back(const struct model *m)
{
	return model_provider_screen(m) ? SCREEN_PROVIDER : SCREEN_METHOD;
}

const struct screen screen_form = {
	.draw = draw,
	.key = key,
	.enter = enter,
	.step = step,
	.back = back,
	.footer = ui_footer_choices,
	.help = N_("Manche Anbieter haben ein einziges Textfeld für den ganzen Eintrag, "
		   "andere je ein Feld für Name, TTL, Typ und Data."),
};
