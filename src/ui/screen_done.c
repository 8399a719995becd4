/* screen_done.c — 6 Fertig: what was done, and what to do if mail still
 * bounces. */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

#include <stdio.h>

void
screen_done_draw(const struct wizard *w, struct ui_page *p)
{
	char line[1024], dom[600];
	const char *domain = wizard_domain_label(w, dom, sizeof(dom));

	ui_title(p, _("Fertig"));
	if (w->method == METHOD_ALIAS) {
		ui_text(p, _("Sie haben die Alias-Funktion gewählt. Sobald sie in den "
			     "Voreinstellungen eingeschaltet ist, versendet Flicono Ihre E-Mails "
			     "über die Alias-Adresse. Am DNS ändert sich nichts."),
			0, A_NORMAL);
	} else if (w->has_prop && w->prop.merge.action == MERGE_NOTHING && !w->has_round) {
		snprintf(line, sizeof(line),
			 _("Der SPF-Eintrag von %s erlaubt Flicono das Senden bereits. Es war "
			   "nichts zu tun."),
			 domain);
		ui_text(p, line, 0, ui_attr(p, UI_COLOR_GOOD, true));
	} else {
		snprintf(line, sizeof(line),
			 _("Der SPF-Eintrag für %s ist bei allen zuständigen Namensservern "
			   "angekommen. Flicono ist berechtigt, in Ihrem Namen zu senden."),
			 domain);
		ui_text(p, line, 0, ui_attr(p, UI_COLOR_GOOD, true));
	}
	ui_blank(p);
	ui_text(p, _("Werden E-Mails trotzdem abgewiesen? Dann prüfen Sie den Eintrag mit "
		     "„flicono-mailsetup check ADRESSE“ und schicken Sie die Fehlermeldung des "
		     "Empfänger-Mailservers an den Flicono-Support."),
		0, A_NORMAL);
	ui_blank(p);
	ui_choice(p, 1, _("Beenden"), NULL, true, NULL);
}

enum ui_action
screen_done_key(struct wizard *w, int key)
{
	return key == '1' || key == '\n' ? UI_NEXT : UI_NONE;
}
