/* screen_diagnosis.c — 3 Diagnose: today's SPF situation, found by a worker
 * (spinner and time-out while it runs), and the recommendation from it. */
#include "ui.h"
#include "ui_curses.h"

#include "explain.h"
#include "i18n.h"
#include "lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
show_records(const struct model *m, struct ui_page *p)
{
	for (size_t i = 0; i < m->prop.merge.nexisting; i++)
		ui_untrusted(p, m->prop.merge.existing[i], m->prop.merge.existing_len[i], 2,
			     A_BOLD);
}

/* What is weak or wasteful in today's record (src/core/lint.h), as check names it:
 * a record that authorises may still do so only through +all, and one to be
 * extended keeps its ptr or void lookups unless the customer removes them. */
static void
show_weak_parts(const struct model *m, struct ui_page *p)
{
	if (!(m->prop.merge.before.warnings & LINT_NAMED_IN_CHECK))
		return;
	ui_blank(p);
	ui_lint(p, &m->prop.merge.before, LINT_NAMED_IN_CHECK, 0, ui_attr(p, UI_COLOR_WARN, false));
}

/* Asked, but no answer to show: the reason and a retry. */
static void
draw_problem(struct ui_page *p, const char *problem, bool no_domain)
{
	ui_text(p, problem, 0, ui_attr(p, UI_COLOR_BAD, true));
	if (!no_domain)
		ui_text(p,
			_("Ohne diese Antwort lässt sich nicht sagen, ob es schon einen "
			  "SPF-Eintrag gibt."),
			0, A_NORMAL);
	ui_blank(p);
	ui_choice(p, 1, _("Erneut versuchen"), NULL, true, NULL);
}

static void
draw_freemail(struct ui_page *p, const char *domain)
{
	ui_textf(p, 0, A_NORMAL,
		 _("%s ist die Domain eines Freemail-Anbieters. Einen SPF-Eintrag dafür "
		   "kann nur der Anbieter anlegen, nicht Sie."),
		 domain);
	ui_blank(p);
	ui_text(p, _("Empfehlung: die Alias-Funktion."), 0, ui_attr(p, UI_COLOR_GOOD, true));
	ui_blank(p);
	ui_choice(p, 1, _("Weiter"), NULL, true, NULL);
}

static void draw_result(const struct model *m, struct ui_page *p, const char *domain);

/* Below the finding: where the record goes (a subdomain's zone), and what
 * to do (REC, unless the merged record would not work). */
static void
draw_recommendation(const struct model *m, struct ui_page *p, const char *rec)
{
	if (m->prop.outcome == PROPOSAL_UNFIT)
		rec = _("Empfehlung: die Alias-Funktion. Auch ergänzt würde der vorhandene Eintrag "
			"Flicono nicht berechtigen; lassen Sie ihn vom Flicono-Support prüfen.");
	if (strcmp(m->prop.zone.rel, "@") != 0)
		ui_textf(p, 0, A_NORMAL,
			 _("Der Eintrag gehört in die Zone %s, dort unter den Namen „%s“."),
			 m->prop.zone.name, m->prop.zone.rel);
	/* The provider, and why: the name server that matched. */
	char why[600];
	if (model_provider_reason(m, why, sizeof(why))) {
		ui_blank(p);
		ui_text(p, why, 0, A_NORMAL);
	}
	ui_blank(p);
	ui_text(p, rec, 0, ui_attr(p, UI_COLOR_GOOD, true));
	ui_blank(p);
	ui_choice(p, 1, _("Weiter"), NULL, true, NULL);
}

static void
draw(const struct model *m, struct ui_page *p)
{
	char line[1024], dom[600];
	const char *domain = model_domain_label(m, dom, sizeof(dom));
	const char *problem = model_diag_problem(m, line, sizeof(line));

	ui_title(p, _("Diagnose"));
	if (problem) {
		draw_problem(p, problem, model_no_domain(m));
	} else if (!model_diagnosis_answered(m)) {
		unsigned s = (unsigned)((m->now_ms - m->diag_started_ms) / 1000);
		ui_textf(p, 0, A_NORMAL,
			 _("%c Ich frage das DNS nach den Einträgen von %s … "
			   "%u s (höchstens %u s)"),
			 ui_spinner(m->now_ms), domain, m->diag == JOB_RUNNING ? s : 0,
			 MODEL_DIAG_DEADLINE_S);
	} else if (model_freemail(m)) {
		draw_freemail(p, domain);
	} else {
		draw_result(m, p, domain);
	}
}

static void
draw_result(const struct model *m, struct ui_page *p, const char *domain)
{
	char line[1024];
	if (m->prop.txt_status == DNS_STATUS_NXDOMAIN && !strcmp(m->prop.zone.rel, "@")) {
		ui_textf(
		    p, 0, ui_attr(p, UI_COLOR_WARN, true),
		    _("Achtung: Die Domain %s gibt es im DNS nicht. Prüfen Sie die Schreibweise."),
		    domain);
		ui_blank(p);
	}
	const char *rec = NULL;
	switch (m->prop.merge.action) {
	case MERGE_NEW:
		ui_textf(p, 0, A_NORMAL, _("Für %s gibt es noch keinen SPF-Eintrag."), domain);
		rec = _("Empfehlung: einen SPF-Eintrag anlegen. Die Alias-Funktion geht auch.");
		break;
	case MERGE_EXTEND:
		ui_textf(p, 0, A_NORMAL,
			 _("Für %s gibt es einen SPF-Eintrag, aber er erlaubt Flicono das Senden "
			   "noch nicht:"),
			 domain);
		show_records(m, p);
		show_weak_parts(m, p);
		rec = _("Empfehlung: den vorhandenen Eintrag um Flicono ergänzen.");
		break;
	case MERGE_COMBINE:
		ui_textf(
		    p, 0, ui_attr(p, UI_COLOR_BAD, true),
		    _("Für %s gibt es %zu SPF-Einträge. Das ist ein Fehler: Empfänger-Mailserver "
		      "werten dann keinen davon aus."),
		    domain, m->prop.merge.nexisting);
		show_records(m, p);
		rec = _("Empfehlung: die Einträge durch einen einzigen ersetzen.");
		break;
	case MERGE_NOTHING:
		ui_textf(p, 0, A_NORMAL,
			 _("Der SPF-Eintrag von %s erlaubt Flicono das Senden bereits:"), domain);
		show_records(m, p);
		show_weak_parts(m, p);
		ui_dmarc(p, &m->dmarc, m->profile->sender_name, true, false, domain);
		ui_blank(p);
		ui_text(
		    p, _("Flicono ist berechtigt, in Ihrem Namen zu senden. Es ist nichts zu tun."),
		    0, ui_attr(p, UI_COLOR_GOOD, true));
		ui_blank(p);
		ui_choice(p, 1, _("Fertig"), NULL, true, NULL);
		return;
	case MERGE_BROKEN: {
		ui_textf(p, 0, ui_attr(p, UI_COLOR_BAD, true),
			 _("Der SPF-Eintrag von %s ist fehlerhaft:"), domain);
		show_records(m, p);
		const char *bad = m->prop.merge.existing[m->prop.merge.broken];
		ui_text(p,
			explain_parse_error(bad, m->prop.merge.existing_len[m->prop.merge.broken],
					    &m->prop.merge.parse_error, line, sizeof(line)),
			2, A_NORMAL);
		rec = _("Empfehlung: die Alias-Funktion, oder den Eintrag von Ihrem "
			"Domain-Anbieter korrigieren lassen.");
		break;
	}
	}
	ui_dmarc(p, &m->dmarc, m->profile->sender_name, false, false, domain);
	draw_recommendation(m, p, rec);
}

static enum ui_action
key(struct model *m, int key)
{
	if (model_diagnosis_answered(m))
		return key == '1' || key == '\n' ? UI_NEXT : UI_NONE;
	if (m->diag == JOB_RUNNING)
		return UI_NONE;
	if (key == '1' || key == '\n' || key == 'r') {
		model_retry_diagnosis(m);
		return UI_REDRAW;
	}
	return UI_NONE;
}

static enum ui_screen
step(const struct model *m)
{
	if (m->has_prop && m->prop.outcome == PROPOSAL_NOTHING)
		return SCREEN_DONE; /* nothing to do */
	return SCREEN_METHOD;
}

static void
leave(struct model *m)
{
	/* Going back to the address: the answer still out is for an address
	 * that may change. (Forward is only possible with an answer.) */
	model_drop_diagnosis(m);
}

const struct screen screen_diagnosis = {
	.draw = draw,
	.key = key,
	.leave = leave,
	.step = step,
	.prev = SCREEN_ADDRESS,
	.footer = ui_footer_single,
	.help = N_("Der Assistent liest die DNS-Einträge Ihrer Domain und prüft, ob "
	       "Flicono schon senden darf. Er ändert nichts."),
};
