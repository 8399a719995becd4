/* screen_check.c — 5 Prüfung: one row per server with its state and, for a
 * cache still holding old data, when that expires; a bar of the servers
 * serving the new record, the elapsed time and the countdown to the next
 * round (r: now). */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"
#include "lint.h"
#include "verdict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum ui_color
state_color(enum obs_state s)
{
	switch (s) {
	case OBS_NEW: return UI_COLOR_GOOD;
	case OBS_OLD:
	case OBS_NONE:
	case OBS_WAITING: return UI_COLOR_WARN;
	case OBS_NOT_ASKED: return UI_COLOR_NONE; /* waiting by design, not a failure */
	default: return UI_COLOR_BAD;
	}
}

static enum ui_color
tone_color(enum advice_tone t)
{
	switch (t) {
	case ADVICE_GOOD: return UI_COLOR_GOOD;
	case ADVICE_WARN: return UI_COLOR_WARN;
	case ADVICE_BAD: break;
	}
	return UI_COLOR_BAD;
}

static void
progress_line(const struct model *m, struct ui_page *p)
{
	char line[512], a[64], b[64];
	/* Frozen once propagated: the time it took, not the time since. */
	verdict_format_duration(model_check_elapsed(m, time(NULL)), a, sizeof(a));
	if (m->check == JOB_RUNNING) {
		unsigned s = (unsigned)((m->now_ms - m->check_started_ms) / 1000);
		snprintf(line, sizeof(line), _("Seit %s · Runde %u · %c prüfe gerade … %u s"), a,
			 m->rounds + 1, ui_spinner(m->now_ms), s);
	} else if (m->next_check_ms) {
		int64_t left = (m->next_check_ms - m->now_ms + 999) / 1000;
		verdict_format_duration(left > 0 ? (uint32_t)left : 0, b, sizeof(b));
		snprintf(line, sizeof(line), _("Seit %s · Runde %u · nächste Prüfung in %s"), a,
			 m->rounds, b);
	} else {
		snprintf(line, sizeof(line), _("Seit %s · Runde %u"), a, m->rounds);
	}
	ui_text(p, line, 0, A_NORMAL);
}

static void
row(const struct model *m, struct ui_page *p, const struct observation *o, const int *widths)
{
	char server[400], eta[96], d[64];
	char *name = ui_safe(o->name, strnlen(o->name, sizeof(o->name)));
	char *addr = ui_safe(o->address, strnlen(o->address, sizeof(o->address)));
	if (name && addr && strcmp(name, addr) != 0)
		snprintf(server, sizeof(server), "%s %s", name, addr);
	else
		snprintf(server, sizeof(server), "%s", addr ? addr : "?");
	eta[0] = '\0';
	if (o->role == ROLE_RESOLVER && (o->state == OBS_OLD || o->state == OBS_NONE) &&
	    o->has_ttl) {
		/* The cache counts the TTL down from when it answered. */
		int64_t gone = (m->now_ms - m->round_done_ms) / 1000;
		int64_t left = (int64_t)o->ttl - (gone > 0 ? gone : 0);
		snprintf(eta, sizeof(eta), _("läuft ab in %s"),
			 verdict_format_duration(left > 0 ? (uint32_t)left : 0, d, sizeof(d)));
	}
	/* A name server has no cache: its column says what its signature does. */
	const char *dnssec = o->role == ROLE_AUTHORITATIVE ? verdict_dnssec_label(o->dnssec) : NULL;
	int third = A_NORMAL;
	if (dnssec) {
		snprintf(eta, sizeof(eta), "%s", dnssec);
		third = ui_attr(p, verdict_dnssec_bad(o->dnssec) ? UI_COLOR_BAD : UI_COLOR_GOOD,
				false);
	}
	const char *cells[] = {server, verdict_row_label(o), eta};
	int attrs[] = {A_NORMAL, ui_attr(p, state_color(o->state), true), third};
	ui_cells(p, cells, widths, 3, attrs);
	free(name);
	free(addr);
}

/* Before the first round's result: the spinner, or why there is none. */
static void
draw_waiting(const struct model *m, struct ui_page *p)
{
	const char *problem = model_check_problem(m);
	if (m->check != JOB_RUNNING && problem) {
		ui_text(p, problem, 0, ui_attr(p, UI_COLOR_BAD, true));
		ui_blank(p);
		ui_choice(p, 1, _("Erneut versuchen"), NULL, true, NULL);
		return;
	}
	unsigned s =
	    m->check == JOB_RUNNING ? (unsigned)((m->now_ms - m->check_started_ms) / 1000) : 0;
	ui_textf(p, 0, A_NORMAL, _("%c Ich frage alle Server … %u s"), ui_spinner(m->now_ms), s);
}

/* The verdict's further lines and the cache countdown (not when compact). */
static void
draw_details(const struct model *m, const struct advice *a, struct ui_page *p)
{
	if (ui_compact(p))
		return;
	if (a->unreachable[0])
		ui_text(p, a->unreachable, 0, A_NORMAL);
	if (a->resolvers[0])
		ui_text(p, a->resolvers, 0, A_NORMAL);
	if (a->publish_delay[0])
		ui_text(p, a->publish_delay, 0, A_NORMAL);
	if (a->has_eta) {
		char eta[ADVICE_TEXT];
		/* The caches count down from when the round's answers came. */
		int64_t gone = (m->now_ms - m->round_done_ms) / 1000;
		int64_t left = (int64_t)a->eta_seconds - (gone > 0 ? gone : 0);
		ui_text(p, advice_eta(left > 0 ? (uint32_t)left : 0, eta, sizeof(eta)), 0, A_NORMAL);
	}
	if (a->worldwide[0])
		ui_text(p, a->worldwide, 0, A_NORMAL);
	ui_blank(p);
}

/* One row per server, name servers first, under their headings. */
static void
draw_table(const struct model *m, const struct check_round *r, struct ui_page *p)
{
	int widths[3];
	/* Narrow: the server's name gets what the other columns can spare. */
	widths[1] = p->width >= 76 ? 22 : 18;
	widths[2] = p->width >= 76 ? 20 : 17;
	widths[0] = p->width - 2 - widths[1] - widths[2];
	const char *head[] = {_("Server"), _("Zustand"), _("Zwischenspeicher")};
	int hattr[] = {A_UNDERLINE, A_UNDERLINE, A_UNDERLINE};
	ui_cells(p, head, widths, 3, hattr);
	bool auth_head = false, res_head = false;
	for (size_t i = 0; i < r->nobs; i++) {
		const struct observation *o = &r->obs[i];
		if (o->role == ROLE_AUTHORITATIVE && !auth_head) {
			ui_text(p, _("Namensserver (zuständig)"), 0, A_BOLD);
			auth_head = true;
		}
		if (o->role == ROLE_RESOLVER && !res_head) {
			ui_text(p, _("Resolver (Zwischenspeicher)"), 0, A_BOLD);
			res_head = true;
		}
		row(m, p, o, widths);
	}
}

/* The typical mistakes found in what the name servers serve. */
static void
draw_mistakes(const struct advice *a, const struct check_round *r, struct ui_page *p)
{
	if (!a->nmistakes)
		return;
	ui_blank(p);
	int attr = ui_attr(p, UI_COLOR_BAD, true);
	for (size_t i = 0; i < a->nmistakes; i++) {
		ui_text(p, a->mistake[i].what, 0, attr);
		ui_text(p, a->mistake[i].fix, 2, attr);
	}
	if (r->mistake_record)
		ui_untrusted(p, r->mistake_record, strlen(r->mistake_record), 2, A_NORMAL);
}

static void
draw(const struct model *m, struct ui_page *p)
{
	char title[700], dom[600];
	snprintf(title, sizeof(title), _("Prüfung für %s"),
		 model_domain_label(m, dom, sizeof(dom)));
	if (m->noting) {
		ui_note_draw(m, p, true);
		return;
	}
	ui_title(p, title);
	if (!m->has_round) {
		draw_waiting(m, p);
		return;
	}
	const struct check_round *r = &m->round;
	struct advice a;
	model_round_advice(m, &a);
	/* Small: the outcome alone, so that the table still fits. */
	ui_text(p, ui_compact(p) ? a.outcome : a.verdict, 0, ui_attr(p, tone_color(a.tone), true));
	unsigned good = 0;
	for (size_t i = 0; i < r->nobs; i++)
		good += r->obs[i].state == OBS_NEW;
	char after[96];
	snprintf(after, sizeof(after), _("%u von %zu Servern"), good, r->nobs);
	int bar = p->width >= 76 ? 30 : 20;
	ui_bar(p, good, (unsigned)r->nobs, bar, after);
	progress_line(m, p);
	if (r->failure != CHECK_OK)
		return;
	draw_details(m, &a, p);
	draw_table(m, r, p);
	draw_mistakes(&a, r, p);
	char dnssec[2048];
	if (verdict_dnssec_explain(r->obs, r->nobs, r->zone, dnssec, sizeof(dnssec))) {
		/* Signatures that fail: the provider's to fix. */
		ui_blank(p);
		ui_textf(p, 0, ui_attr(p, UI_COLOR_BAD, true), _("DNSSEC: %s"), dnssec);
	}
	if (r->has_lint && (r->lint.warnings & LINT_NAMED_IN_CHECK)) {
		/* Weak or wasteful parts of the published record. */
		ui_blank(p);
		ui_lint(p, &r->lint, LINT_NAMED_IN_CHECK, 0, ui_attr(p, UI_COLOR_WARN, false));
	}
	/* The diagnosis said there is no policy; the check names only one that acts. */
	if (r->dmarc.problem != DMARC_NO_RECORD && !ui_compact(p))
		ui_dmarc(p, &r->dmarc, m->profile->sender_name,
			 r->v4 == SPF_RESULT_PASS && (!r->has_v6 || r->v6 == SPF_RESULT_PASS), false,
			 dom);
	if (r->verdict.verdict == VERDICT_PROPAGATED) {
		ui_blank(p);
		ui_choice(p, 1, _("Weiter"), NULL, true, NULL);
	}
}

static enum ui_action
key(struct model *m, int key)
{
	enum ui_action note = ui_note_key(m, key, true);
	if (note != UI_NONE)
		return note;
	bool go = key == '1' || key == '\n';
	if (key == 'r' || (go && !m->has_round && m->check != JOB_RUNNING)) {
		model_retry_check(m);
		return UI_REDRAW;
	}
	if (go && model_propagated(m))
		return UI_NEXT;
	return UI_NONE;
}

static void
leave(struct model *m)
{
	/* Leaving the check stops its rounds; the domain stays open. */
	model_stop_check(m);
	m->noting = false;
}

static void
enter(struct model *m)
{
	m->noting = false;
}

static const char *
footer_of(const struct model *m)
{
	return m->noting ? N_("n oder Esc zurück · Bild auf/ab blättern · k Notiz kopieren · q Ende")
			 : N_("r jetzt prüfen · n Notiz · Esc zurück · ? Hilfe · q Ende");
}

static enum ui_screen
back(const struct model *m)
{
	return m->resumed ? SCREEN_WELCOME : SCREEN_ENTRY;
}

const struct screen screen_check = {
	.draw = draw,
	.key = key,
	.enter = enter,
	.leave = leave,
	.footer_of = footer_of,
	.next = SCREEN_DONE,
	.back = back,
	.footer = N_("r jetzt prüfen · n Notiz · Esc zurück · ? Hilfe · q Ende"),
	.help = N_("Namensserver (zuständig) liefern Ihre Domain selbst aus; Resolver "
		   "(Zwischenspeicher) behalten alte Antworten, bis deren TTL abläuft. Die "
		   "Prüfung wiederholt sich von selbst; q beendet sie, die Domain bleibt "
		   "dann in den offenen Prüfungen. n zeigt die Ticket-Notiz für den Support "
		   "mit dieser Runde (k kopiert sie)."),
};
