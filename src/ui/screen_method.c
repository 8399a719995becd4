/* screen_method.c — 4 Verfahren: alias feature or SPF record. */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

#include <stdio.h>

void
screen_method_draw(const struct wizard *w, struct ui_page *p)
{
	const struct profile_alias *alias = profile_alias_for(w->opt->profile, w->opt->lang);
	bool spf_recommended = w->has_prop && w->prop.outcome == PROPOSAL_PUBLISH;
	ui_title(p, _("Verfahren"));
	ui_text(p, _("Wie soll Flicono Ihre E-Mails versenden?"), 0, A_NORMAL);
	ui_blank(p);
	ui_choice(p, 1, _("Alias-Funktion"), alias->summary, w->sel == 0,
		  spf_recommended ? NULL : _("(empfohlen)"));
	ui_blank(p);
	ui_choice(p, 2, _("SPF-Eintrag"),
		  _("Sie tragen bei Ihrem Domain-Anbieter einen DNS-Eintrag ein. Danach "
		    "versendet Flicono weiter mit Ihrer eigenen Absenderadresse."),
		  w->sel == 1,
		  (w->prop.outcome == PROPOSAL_FREEMAIL) ? _("(für diese Domain nicht möglich)")
				  : (spf_recommended ? _("(empfohlen)") : NULL));
}

enum ui_action
screen_method_key(struct wizard *w, int key)
{
	enum ui_action a = wizard_choose(w, key, 2);
	if (a != UI_NEXT)
		return a;
	if (w->sel == 1 && (w->prop.outcome == PROPOSAL_FREEMAIL)) {
		snprintf(w->status, sizeof(w->status), "%s",
			 _("Für die Domain eines Freemail-Anbieters können Sie keinen SPF-Eintrag "
			   "anlegen. Wählen Sie die Alias-Funktion."));
		w->status_error = true;
		return UI_REDRAW;
	}
	w->method = w->sel == 0 ? METHOD_ALIAS : METHOD_SPF;
	return UI_NEXT;
}
