/* screen_check.c — 5 Prüfung: one row per server with its state and, for a
 * cache still holding old data, when that expires; a bar of the servers
 * serving the new record, the elapsed time and the countdown to the next
 * round (r: now). */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"
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
	default: return UI_COLOR_BAD;
	}
}

static void
verdict_line(const struct wizard *w, struct ui_page *p)
{
	char line[512];
	const struct check_round *r = &w->round;
	const struct verdict_result *v = &r->verdict;
	switch (r->failure) {
	case CHECK_OK:
		break;
	case CHECK_NO_ZONE:
		ui_text(p, _("Zu dieser Domain wurde im DNS keine Zone gefunden."), 0,
			ui_attr(p, UI_COLOR_BAD, true));
		return;
	case CHECK_NO_NAMESERVERS:
		ui_text(p, _("Für die Zone wurden keine Namensserver gefunden."), 0,
			ui_attr(p, UI_COLOR_BAD, true));
		return;
	case CHECK_RESOLVER_DOWN:
		ui_text(p, _("Der Resolver antwortet nicht."), 0, ui_attr(p, UI_COLOR_BAD, true));
		return;
	case CHECK_NOMEM:
		ui_text(p, _("Nicht genug Arbeitsspeicher."), 0, ui_attr(p, UI_COLOR_BAD, true));
		return;
	}
	switch (v->verdict) {
	case VERDICT_PROPAGATED:
		ui_text(p, _("Verbreitet: Flicono ist berechtigt, in Ihrem Namen zu senden."), 0,
			ui_attr(p, UI_COLOR_GOOD, true));
		break;
	case VERDICT_PENDING:
		snprintf(line, sizeof(line),
			 ngettext("Noch nicht überall: %u von %u Namensservern liefert den neuen "
				  "Eintrag.",
				  "Noch nicht überall: %u von %u Namensservern liefern den neuen "
				  "Eintrag.",
				  v->auth_good),
			 v->auth_good, v->auth_total);
		ui_text(p, line, 0, ui_attr(p, UI_COLOR_WARN, true));
		break;
	case VERDICT_WRONG:
		ui_text(p, _("Noch nicht überall: Noch kein zuständiger Namensserver liefert einen "
			     "Eintrag, der Flicono berechtigt."),
			0, ui_attr(p, UI_COLOR_WARN, true));
		break;
	case VERDICT_UNKNOWN:
		ui_text(p, _("Kein zuständiger Namensserver hat geantwortet."), 0,
			ui_attr(p, UI_COLOR_BAD, true));
		break;
	}
}

static void
progress_line(const struct wizard *w, struct ui_page *p)
{
	char line[512], a[64], b[64];
	unsigned since = (unsigned)(time(NULL) - w->check_since);
	verdict_format_duration(since, a, sizeof(a));
	if (w->check == JOB_RUNNING) {
		unsigned s = (unsigned)((w->now_ms - w->check_started_ms) / 1000);
		snprintf(line, sizeof(line), _("Seit %s · Runde %u · %c prüfe gerade … %u s"), a,
			 w->rounds + 1, wizard_spinner(w), s);
	} else if (w->next_check_ms) {
		int64_t left = (w->next_check_ms - w->now_ms + 999) / 1000;
		verdict_format_duration(left > 0 ? (uint32_t)left : 0, b, sizeof(b));
		snprintf(line, sizeof(line), _("Seit %s · Runde %u · nächste Prüfung in %s"), a,
			 w->rounds, b);
	} else {
		snprintf(line, sizeof(line), _("Seit %s · Runde %u"), a, w->rounds);
	}
	ui_text(p, line, 0, A_NORMAL);
}

static void
row(const struct wizard *w, struct ui_page *p, const struct observation *o, const int *widths)
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
		int64_t gone = (w->now_ms - w->round_done_ms) / 1000;
		int64_t left = (int64_t)o->ttl - (gone > 0 ? gone : 0);
		snprintf(eta, sizeof(eta), _("läuft ab in %s"),
			 verdict_format_duration(left > 0 ? (uint32_t)left : 0, d, sizeof(d)));
	}
	const char *cells[] = {server, verdict_row_label(o), eta};
	int attrs[] = {A_NORMAL, ui_attr(p, state_color(o->state), true), A_NORMAL};
	ui_cells(p, cells, widths, 3, attrs);
	free(name);
	free(addr);
}

static bool
v_has_eta(const struct check_round *r)
{
	return r->verdict.has_eta && r->verdict.verdict != VERDICT_PROPAGATED;
}

void
screen_check_draw(const struct wizard *w, struct ui_page *p)
{
	char title[700], dom[600];
	snprintf(title, sizeof(title), _("Prüfung für %s"),
		 wizard_domain_label(w, dom, sizeof(dom)));
	ui_title(p, title);
	if (!w->has_round) {
		char line[256];
		unsigned s = (unsigned)((w->now_ms - w->check_started_ms) / 1000);
		snprintf(line, sizeof(line), _("%c Ich frage alle Server … %u s"),
			 wizard_spinner(w), s);
		ui_text(p, line, 0, A_NORMAL);
		return;
	}
	verdict_line(w, p);
	const struct check_round *r = &w->round;
	unsigned good = 0;
	for (size_t i = 0; i < r->nobs; i++)
		good += r->obs[i].state == OBS_NEW;
	char after[96];
	snprintf(after, sizeof(after), _("%u von %zu Servern"), good, r->nobs);
	int bar = p->width >= 76 ? 30 : 20;
	ui_bar(p, good, (unsigned)r->nobs, bar, after);
	progress_line(w, p);
	if (r->failure != CHECK_OK)
		return;
	if (v_has_eta(r) && !ui_compact(p)) {
		char line[256], d[64];
		int64_t gone = (w->now_ms - w->round_done_ms) / 1000;
		int64_t left = (int64_t)r->verdict.eta_seconds - (gone > 0 ? gone : 0);
		snprintf(line, sizeof(line),
			 _("Alte Antworten in Zwischenspeichern laufen spätestens in %s ab."),
			 verdict_format_duration(left > 0 ? (uint32_t)left : 0, d, sizeof(d)));
		ui_text(p, line, 0, A_NORMAL);
	}
	if (!ui_compact(p))
		ui_blank(p);

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
		row(w, p, o, widths);
	}
	if (r->mistakes) {
		ui_blank(p);
		if (r->mistakes & MISTAKE_DOUBLED_NAME)
			ui_text(p, _("Der Eintrag steht unter einem doppelten Namen (Domain.Domain): "
				     "tragen Sie als Name „@“ ein."),
				0, ui_attr(p, UI_COLOR_BAD, true));
		if (r->mistakes & MISTAKE_WWW)
			ui_text(p, _("Der Eintrag steht unter www statt unter „@“."), 0,
				ui_attr(p, UI_COLOR_BAD, true));
		if (r->mistakes & MISTAKE_QUOTED)
			ui_text(p, _("Der Eintrag enthält Anführungszeichen: tragen Sie ihn ohne ein."),
				0, ui_attr(p, UI_COLOR_BAD, true));
		if (r->mistakes & MISTAKE_TYPOGRAPHIC)
			ui_text(p, _("Der Eintrag enthält typografische Anführungszeichen oder "
				     "geschützte Leerzeichen: kopieren Sie ihn erneut."),
				0, ui_attr(p, UI_COLOR_BAD, true));
		if (r->mistakes & MISTAKE_TYPE99_ONLY)
			ui_text(p, _("Es gibt nur einen Eintrag vom Typ SPF: wählen Sie den Typ TXT."),
				0, ui_attr(p, UI_COLOR_BAD, true));
		if (r->mistake_record)
			ui_untrusted(p, r->mistake_record, strlen(r->mistake_record), 2, A_NORMAL);
	}
	if (r->verdict.verdict == VERDICT_PROPAGATED) {
		ui_blank(p);
		ui_choice(p, 1, _("Weiter"), NULL, true, NULL);
	}
}

enum ui_action
screen_check_key(struct wizard *w, int key)
{
	if (key == 'r')
		return UI_RETRY;
	if (w->has_round && w->round.verdict.verdict == VERDICT_PROPAGATED &&
	    w->round.failure == CHECK_OK && (key == '1' || key == '\n'))
		return UI_NEXT;
	return UI_NONE;
}
