/* screen_help.c — ?/F1: help for the current screen, over it. */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

static const char *
screen_help(enum ui_screen s)
{
	switch (s) {
	case SCREEN_WELCOME:
		return _("Eine offene Prüfung ist eine Domain, deren Eintrag noch nicht überall "
			 "angekommen war, als Sie den Assistenten zuletzt verlassen haben. Wählen "
			 "Sie sie, um weiter zu prüfen.");
	case SCREEN_ADDRESS:
		return _("Geben Sie die Adresse ein, die in Flicono als Absender eingestellt ist, "
			 "z. B. info@ihre-firma.de. Es zählt nur die Domain nach dem @. "
			 "Umlaut-Domains sind möglich.");
	case SCREEN_DIAGNOSIS:
		return _("Der Assistent liest die DNS-Einträge Ihrer Domain und prüft, ob "
			 "Flicono schon senden darf. Er ändert nichts.");
	case SCREEN_METHOD:
		return _("Alias-Funktion: nichts im DNS zu tun, Empfänger sehen eine "
			 "Alias-Adresse. SPF-Eintrag: ein Eintrag bei Ihrem Domain-Anbieter, "
			 "Empfänger sehen weiter Ihre eigene Adresse.");
	case SCREEN_ALIAS:
		return _("Die Alias-Funktion schalten Sie in Flicono selbst ein, nicht bei Ihrem "
			 "Domain-Anbieter.");
	case SCREEN_FORM:
		return _("Manche Anbieter haben ein einziges Textfeld für den ganzen Eintrag, "
			 "andere je ein Feld für Name, TTL, Typ und Data.");
	case SCREEN_TTL:
		return _("Die TTL (Gültigkeitsdauer in Sekunden) sagt, wie lange andere Server "
			 "den Eintrag zwischenspeichern. Steht bei Ihren anderen Einträgen keine, "
			 "lassen Sie sie weg.");
	case SCREEN_ENTRY:
		return _("Tragen Sie den Eintrag genau so ein, wie er hier steht. Mit k kopieren "
			 "Sie den Wert in die Zwischenablage (auch über SSH).");
	case SCREEN_CHECK:
		return _("Namensserver (zuständig) liefern Ihre Domain selbst aus; Resolver "
			 "(Zwischenspeicher) behalten alte Antworten, bis deren TTL abläuft. Die "
			 "Prüfung wiederholt sich von selbst; q beendet sie, die Domain bleibt "
			 "dann in den offenen Prüfungen.");
	case SCREEN_DONE:
		return _("Der Assistent ist fertig. Sie können ihn jederzeit erneut starten.");
	}
	return "";
}

void
screen_help_draw(const struct wizard *w, struct ui_page *p)
{
	ui_title(p, _("Hilfe"));
	ui_text(p, screen_help(w->screen), 0, A_NORMAL);
	ui_blank(p);
	ui_text(p, _("Tasten: Ziffern wählen sofort · Pfeile und Enter · Esc oder Rücktaste: "
		     "zurück (Ihre Antworten bleiben) · ?/F1: Hilfe · q: beenden · "
		     "Bild auf/ab: blättern"),
		0, A_NORMAL);
	ui_blank(p);
	ui_text(p, _("Eine beliebige Taste schließt die Hilfe."), 0, A_DIM);
}
