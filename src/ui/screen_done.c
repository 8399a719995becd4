/* screen_done.c — 6 Fertig: what was done, and what to do if mail still
 * bounces (the check command only where there is a record to check). */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

#include <stdio.h>

static void
draw(const struct model *m, struct ui_page *p)
{
	char dom[600];
	const char *domain = model_domain_label(m, dom, sizeof(dom));

	ui_title(p, _("Fertig"));
	if (m->method == METHOD_ALIAS) {
		ui_text(p,
			_("Sie haben die Alias-Funktion gewählt. Sobald sie in den "
			  "Voreinstellungen eingeschaltet ist, versendet Flicono Ihre E-Mails "
			  "über die Alias-Adresse. Am DNS ändert sich nichts."),
			0, A_NORMAL);
		ui_blank(p);
		ui_text(p,
			_("Werden E-Mails trotzdem abgewiesen? Dann schicken Sie die "
			  "Fehlermeldung des Empfänger-Mailservers an den Flicono-Support."),
			0, A_NORMAL);
	} else {
		bool nothing = m->has_prop && m->prop.merge.action == MERGE_NOTHING && !m->has_round;
		ui_textf(p, 0, ui_attr(p, UI_COLOR_GOOD, true),
			 nothing
			     ? _("Der SPF-Eintrag von %s erlaubt Flicono das Senden bereits. Es "
				 "war nichts zu tun.")
			     : _("Der SPF-Eintrag für %s ist bei allen zuständigen Namensservern "
				 "angekommen. Flicono ist berechtigt, in Ihrem Namen zu senden."),
			 domain);
		ui_blank(p);
		/* The A-label: what the user can type into the command as it is. */
		ui_textf(p, 0, A_NORMAL,
			 _("Werden E-Mails trotzdem abgewiesen? Dann prüfen Sie den Eintrag mit "
			   "„flicono-mailsetup check %s“ und schicken Sie die Fehlermeldung des "
			   "Empfänger-Mailservers an den Flicono-Support."),
			 m->has_addr ? m->addr.domain : "");
	}
	ui_blank(p);
	ui_choice(p, 1, _("Beenden"), NULL, true, NULL);
}

static enum ui_action
key(struct model *m, int key)
{
	return key == '1' || key == '\n' ? UI_NEXT : UI_NONE;
}

static enum ui_screen
back(const struct model *m)
{
	if (m->method == METHOD_ALIAS)
		return SCREEN_ALIAS;
	return m->has_round ? SCREEN_CHECK : SCREEN_DIAGNOSIS;
}

const struct screen screen_done = {
	.draw = draw,
	.key = key,
	.back = back,
	.footer = ui_footer_single,
	.help = N_("Der Assistent ist fertig. Sie können ihn jederzeit erneut starten."),
};
