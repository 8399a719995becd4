/* screen_form.c — 4a Eingabeform: one text field per record, or separate
 * fields (as the provider's web form has them). */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

void
screen_form_draw(const struct wizard *w, struct ui_page *p)
{
	ui_title(p, _("Eingabeform"));
	ui_text(p, _("Öffnen Sie bei Ihrem Domain-Anbieter die DNS-Einstellungen Ihrer Domain. "
		     "Wie sieht dort das Formular für einen neuen Eintrag aus?"),
		0, A_NORMAL);
	ui_blank(p);
	ui_choice(p, 1, _("in einer Zeile (ein Textfeld je Eintrag)"),
		  _("Sie tippen den ganzen Eintrag in ein einziges Feld."), w->sel == 0, NULL);
	ui_blank(p);
	ui_choice(p, 2, _("in einzelnen Feldern"),
		  _("Das Formular hat eigene Felder für Name, TTL, Typ und Data."), w->sel == 1,
		  NULL);
}

enum ui_action
screen_form_key(struct wizard *w, int key)
{
	enum ui_action a = wizard_choose(w, key, 2);
	if (a == UI_NEXT)
		w->form = w->sel == 0 ? ENTRY_FORM_LINE : ENTRY_FORM_FIELDS;
	return a;
}
