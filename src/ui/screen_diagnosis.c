/* screen_diagnosis.c — 3 Diagnose: today's SPF situation, found by a worker
 * (spinner and time-out while it runs), and the recommendation from it. */
#include "ui.h"
#include "ui_curses.h"

#include "explain.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The UI gives up waiting for the diagnosis after this. */
#define DIAG_DEADLINE_S 30

static void
show_records(const struct wizard *w, struct ui_page *p)
{
	for (size_t i = 0; i < w->prop.merge.nexisting; i++)
		ui_untrusted(p, w->prop.merge.existing[i], w->prop.merge.existing_len[i], 2, A_BOLD);
}

void
screen_diagnosis_draw(const struct wizard *w, struct ui_page *p)
{
	char line[1024], dom[600];
	const char *domain = wizard_domain_label(w, dom, sizeof(dom));

	ui_title(p, _("Diagnose"));
	if (w->diag == JOB_RUNNING) {
		unsigned s = (unsigned)((w->now_ms - w->diag_started_ms) / 1000);
		snprintf(line, sizeof(line), _("%c Ich frage das DNS nach den Einträgen von %s … "
					       "%u s (höchstens %u s)"),
			 wizard_spinner(w), domain, s, DIAG_DEADLINE_S);
		ui_text(p, line, 0, A_NORMAL);
		return;
	}
	if ((w->prop.outcome == PROPOSAL_FREEMAIL)) {
		snprintf(line, sizeof(line),
			 _("%s ist die Domain eines Freemail-Anbieters. Einen SPF-Eintrag dafür "
			   "kann nur der Anbieter anlegen, nicht Sie."),
			 domain);
		ui_text(p, line, 0, A_NORMAL);
		ui_blank(p);
		ui_text(p, _("Empfehlung: die Alias-Funktion."), 0, ui_attr(p, UI_COLOR_GOOD, true));
		ui_blank(p);
		ui_choice(p, 1, _("Weiter"), NULL, true, NULL);
		return;
	}
	if (w->diag == JOB_TIMED_OUT || !w->has_prop) {
		if (w->diag == JOB_TIMED_OUT)
			snprintf(line, sizeof(line),
				 _("Das DNS hat nicht innerhalb von %u Sekunden geantwortet."),
				 DIAG_DEADLINE_S);
		else
			snprintf(line, sizeof(line), _("Das DNS hat nicht geantwortet: %s."),
				 explain_dns_status(w->prop.txt_status));
		ui_text(p, line, 0, ui_attr(p, UI_COLOR_BAD, true));
		ui_text(p, _("Ohne diese Antwort lässt sich nicht sagen, ob es schon einen "
			     "SPF-Eintrag gibt."),
			0, A_NORMAL);
		ui_blank(p);
		ui_choice(p, 1, _("Erneut versuchen"), NULL, true, NULL);
		return;
	}
	if (w->prop.txt_status == DNS_STATUS_NXDOMAIN && !strcmp(w->prop.zone.rel, "@")) {
		snprintf(line, sizeof(line),
			 _("Achtung: Die Domain %s gibt es im DNS nicht. Prüfen Sie die Schreibweise."),
			 domain);
		ui_text(p, line, 0, ui_attr(p, UI_COLOR_WARN, true));
		ui_blank(p);
	}
	const char *rec = NULL;
	switch (w->prop.merge.action) {
	case MERGE_NEW:
		snprintf(line, sizeof(line), _("Für %s gibt es noch keinen SPF-Eintrag."), domain);
		ui_text(p, line, 0, A_NORMAL);
		rec = _("Empfehlung: einen SPF-Eintrag anlegen. Die Alias-Funktion geht auch.");
		break;
	case MERGE_EXTEND:
		snprintf(line, sizeof(line),
			 _("Für %s gibt es einen SPF-Eintrag, aber er erlaubt Flicono das Senden "
			   "noch nicht:"),
			 domain);
		ui_text(p, line, 0, A_NORMAL);
		show_records(w, p);
		rec = _("Empfehlung: den vorhandenen Eintrag um Flicono ergänzen.");
		break;
	case MERGE_COMBINE:
		snprintf(line, sizeof(line),
			 _("Für %s gibt es %zu SPF-Einträge. Das ist ein Fehler: Empfänger-Mailserver "
			   "werten dann keinen davon aus."),
			 domain, w->prop.merge.nexisting);
		ui_text(p, line, 0, ui_attr(p, UI_COLOR_BAD, true));
		show_records(w, p);
		rec = _("Empfehlung: die Einträge durch einen einzigen ersetzen.");
		break;
	case MERGE_NOTHING:
		snprintf(line, sizeof(line),
			 _("Der SPF-Eintrag von %s erlaubt Flicono das Senden bereits:"), domain);
		ui_text(p, line, 0, A_NORMAL);
		show_records(w, p);
		ui_blank(p);
		ui_text(p, _("Flicono ist berechtigt, in Ihrem Namen zu senden. Es ist nichts zu tun."),
			0, ui_attr(p, UI_COLOR_GOOD, true));
		ui_blank(p);
		ui_choice(p, 1, _("Fertig"), NULL, true, NULL);
		return;
	case MERGE_BROKEN: {
		snprintf(line, sizeof(line), _("Der SPF-Eintrag von %s ist fehlerhaft:"), domain);
		ui_text(p, line, 0, ui_attr(p, UI_COLOR_BAD, true));
		show_records(w, p);
		const char *bad = w->prop.merge.existing[w->prop.merge.broken];
		ui_text(p,
			explain_parse_error(bad, w->prop.merge.existing_len[w->prop.merge.broken],
					    &w->prop.merge.parse_error, line, sizeof(line)),
			2, A_NORMAL);
		rec = _("Empfehlung: die Alias-Funktion, oder den Eintrag von Ihrem "
			"Domain-Anbieter korrigieren lassen.");
		break;
	}
	}
	if (w->prop.outcome == PROPOSAL_UNFIT)
		rec = _("Empfehlung: die Alias-Funktion. Auch ergänzt würde der vorhandene Eintrag "
			"Flicono nicht berechtigen; lassen Sie ihn vom Flicono-Support prüfen.");
	if (strcmp(w->prop.zone.rel, "@") != 0) {
		snprintf(line, sizeof(line),
			 _("Der Eintrag gehört in die Zone %s, dort unter den Namen „%s“."),
			 w->prop.zone.name, w->prop.zone.rel);
		ui_text(p, line, 0, A_NORMAL);
	}
	ui_blank(p);
	ui_text(p, rec, 0, ui_attr(p, UI_COLOR_GOOD, true));
	ui_blank(p);
	ui_choice(p, 1, _("Weiter"), NULL, true, NULL);
}

enum ui_action
screen_diagnosis_key(struct wizard *w, int key)
{
	if (w->diag == JOB_RUNNING)
		return UI_NONE;
	if (key == '1' || key == '\n') {
		if (!(w->prop.outcome == PROPOSAL_FREEMAIL) && (w->diag == JOB_TIMED_OUT || !w->has_prop))
			return UI_RETRY;
		return UI_NEXT;
	}
	if (key == 'r' && !(w->prop.outcome == PROPOSAL_FREEMAIL))
		return UI_RETRY;
	return UI_NONE;
}
