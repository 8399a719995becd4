/* screen_entry.c — 4c Eintrag: the entry exactly in the chosen form, from
 * the shared proposal, and whether it replaces an existing one. Where the
 * provider has Flicono's Domain Connect template, the signed apply link
 * comes first (with a message that carries it to the customer, m), and
 * the fields are the second way (2). */
#include "ui.h"
#include "ui_curses.h"

#include "dconnect.h"
#include "explain.h"
#include "i18n.h"
#include "lint.h"
#include "osc52.h"
#include "spell.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One line of the formatted entry, made safe by the proposal (the line form
 * is printable ASCII, the fields form escaped), shown as the user types it:
 * a line that fits the width only without the indent is shown whole. */
static void
entry_line(struct ui_page *p, const char *s, size_t len)
{
	char *copy = strndup(s, len);
	if (!copy)
		return;
	int cols = ui_columns(p, copy);
	ui_text_hang(p, copy, cols > p->width - 2 && cols <= p->width ? 0 : 2, 2, A_BOLD);
	free(copy);
}

/* The merged record would not work: never shown as an entry. */
static void
draw_unfit(const struct merge_result *mr, struct ui_page *p)
{
	ui_text(p, _("Der Assistent kann keinen Eintrag vorschlagen, der funktioniert:"), 0,
		ui_attr(p, UI_COLOR_BAD, true));
	ui_lint(p, &mr->after, LINT_FATAL, 2, A_NORMAL);
	if (!mr->authorises)
		ui_text(
		    p,
		    _("Auch ergänzt würde der vorhandene Eintrag Flicono nicht berechtigen: ein "
		      "Teil vor dem Ende des Eintrags schließt die Adresse aus."),
		    2, A_NORMAL);
	ui_blank(p);
	ui_text(p,
		_("Lassen Sie den Eintrag vom Flicono-Support prüfen, oder gehen Sie zurück "
		  "(Esc) und wählen Sie die Alias-Funktion."),
		0, A_NORMAL);
}

/* The existing record cannot be extended: why, and what to do instead. */
static void
draw_broken(const struct merge_result *mr, struct ui_page *p, const char *domain)
{
	char line[1024];
	ui_textf(p, 0, ui_attr(p, UI_COLOR_BAD, true),
		 _("Der vorhandene SPF-Eintrag von %s ist fehlerhaft. Der Assistent kann "
		   "ihn nicht ergänzen:"),
		 domain);
	ui_untrusted(p, mr->existing[mr->broken], mr->existing_len[mr->broken], 2, A_BOLD);
	ui_text(p,
		explain_parse_error(mr->existing[mr->broken], mr->existing_len[mr->broken],
				    &mr->parse_error, line, sizeof(line)),
		2, A_NORMAL);
	ui_blank(p);
	ui_text(p,
		_("Lassen Sie ihn von Ihrem Domain-Anbieter korrigieren, oder gehen Sie "
		  "zurück (Esc) und wählen Sie die Alias-Funktion."),
		0, A_NORMAL);
}

/* Below the entry: what it replaces, what -all means, fatal lint. */
static void
draw_notes(const struct model *m, struct ui_page *p, const char *domain)
{
	const struct merge_result *mr = &m->prop.merge;
	char line[1024];
	if (mr->action == MERGE_EXTEND) {
		char *old = ui_safe(mr->existing[0], mr->existing_len[0]);
		/* Edit, do not add: said once, in the provider's words if it has them. */
		if (model_provider_says_one_record(m))
			snprintf(line, sizeof(line),
				 _("Dieser Eintrag ersetzt den vorhandenen Eintrag „%s“."),
				 old ? old : "?");
		else
			snprintf(line, sizeof(line),
				 _("Dieser Eintrag ersetzt den vorhandenen Eintrag „%s“. Ändern Sie "
				   "ihn, statt einen zweiten anzulegen: Zwei SPF-Einträge sind ein "
				   "Fehler."),
				 old ? old : "?");
		free(old);
		ui_text(p, line, 0, ui_attr(p, UI_COLOR_WARN, true));
	} else if (mr->action == MERGE_COMBINE) {
		ui_textf(p, 0, ui_attr(p, UI_COLOR_WARN, true),
			 _("Dieser Eintrag ersetzt die %zu vorhandenen SPF-Einträge. Löschen Sie "
			   "diese, so dass nur dieser eine übrig bleibt."),
			 mr->nexisting);
	} else {
		/* The template: why it has no mx, what -all means (proposal.c). */
		if (proposal_mx_note(&m->prop, domain, line, sizeof(line)))
			ui_text(p, line, 0, A_NORMAL);
		if (proposal_strict_note(&m->prop, m->profile, domain, line, sizeof(line)))
			ui_text(p, line, 0, A_NORMAL);
	}
	ui_lint(p, &mr->after, LINT_FATAL, 0, ui_attr(p, UI_COLOR_BAD, true));
}

/* b: what the customer types, character by character, to read aloud
 * (DIN 5009 in German, ICAO in English); PgUp/PgDn scroll it. */
static void
draw_spelling(const struct model *m, struct ui_page *p)
{
	size_t len;
	char *typed = model_typed_text(m, &len);
	struct spell sp;

	ui_title(p, _("Buchstabieren"));
	if (!typed || !spell_make(typed, len, spell_lang_of(m->lang), &sp)) {
		ui_text(p, _("Nicht genug Arbeitsspeicher."), 0, ui_attr(p, UI_COLOR_BAD, true));
		free(typed);
		return;
	}
	for (size_t i = 0; i < sp.nlines; i++) {
		char *line = strndup(sp.lines[i].text, sp.lines[i].len);
		if (line && !line[0])
			ui_blank(p);
		else if (line) /* a word that wraps stays in the words' column */
			ui_text_hang(p, line, 0, 12, sp.lines[i].heading ? A_BOLD : A_NORMAL);
		free(line);
	}
	spell_clear(&sp);
	free(typed);
}

/* Below the entry: the provider's own link to the domain's DNS settings
 * (its Domain Connect settings name it), which replaces the menu path. */
static bool
draw_control_panel(const struct model *m, struct ui_page *p)
{
	if (!m->dc_control_panel)
		return false;
	ui_text(p, _("Die DNS-Einstellungen der Domain öffnet dieser Link:"), 0, A_NORMAL);
	ui_link(p, m->dc_control_panel, 2);
	ui_blank(p);
	return true;
}

/* Below the entry, for a known provider: the way to its DNS settings as
 * numbered steps (after the entry, so that the entry fits at 80×24). */
static void
draw_provider_way(const struct model *m, struct ui_page *p)
{
	char line[512];
	const struct provider_steps *path = provider_path(m->provider, m->lang);
	if (!path || !path->n)
		return;
	ui_textf(p, 0, A_NORMAL, _("So kommen Sie bei %s zu den DNS-Einstellungen:"),
		 m->provider->name);
	for (size_t i = 0; i < path->n; i++) {
		snprintf(line, sizeof(line), "%zu. %s", i + 1, path->step[i]);
		ui_text_hang(p, line, 2, 3, A_NORMAL);
	}
	ui_blank(p);
}

/* Above the entry: what the provider's entry answered. */
static void
draw_assumed(const struct model *m, struct ui_page *p)
{
	char line[512];
	const char *assumed = model_provider_assumed(m, line, sizeof(line));
	if (assumed) {
		ui_text(p, assumed, 0, ui_attr(p, UI_COLOR_ACCENT, false));
		ui_blank(p);
	}
}

/* The sentence before the entry: new or changed, at the provider or not. */
static void
draw_instruction(const struct model *m, struct ui_page *p, const char *domain)
{
	bool add = m->prop.merge.action == MERGE_NEW;
	if (model_speaks_provider(m))
		ui_textf(p, 0, A_NORMAL,
			 add ? _("Legen Sie bei %s in den DNS-Einstellungen von %s diesen "
				 "Eintrag an:")
			     : _("Ändern Sie bei %s in den DNS-Einstellungen von %s den "
				 "SPF-Eintrag, so dass er so lautet:"),
			 m->provider->name, domain);
	else
		ui_textf(p, 0, A_NORMAL,
			 add ? _("Legen Sie bei Ihrem Domain-Anbieter in den DNS-Einstellungen "
				 "von %s diesen Eintrag an:")
			     : _("Ändern Sie bei Ihrem Domain-Anbieter in den DNS-Einstellungen "
				 "von %s den SPF-Eintrag, so dass er so lautet:"),
			 domain);
}

/* Below the entry: the provider's warnings, one per line. */
static void
draw_provider_warnings(const struct model *m, struct ui_page *p)
{
	char *text = model_provider_warnings(m);
	if (text && text[0]) {
		text[strlen(text) - 1] = '\0'; /* the last line's \n */
		ui_text(p, text, 0, ui_attr(p, UI_COLOR_WARN, true));
	}
	free(text);
}

/* The signed apply link first: what it does, the link whole, how it
 * reaches the customer; the fields one key away (2). */
static void
draw_link(const struct model *m, struct ui_page *p, const char *domain)
{
	struct dconnect_words w;
	dconnect_answer_words(&m->dc, domain, m->profile->sender_name, true, true, &w);
	ui_text(p, w.link, 0, A_NORMAL);
	ui_blank(p);
	ui_link(p, m->dc_apply_url, 2);
	ui_blank(p);
	if (m->prop.merge.action != MERGE_NEW)
		ui_textf(p, 0, A_NORMAL,
			 _("Den vorhandenen SPF-Eintrag ergänzt %s nur um die Angaben für %s."),
			 w.provider, m->profile->sender_name);
	ui_text(p, _("Für den Kunden: m zeigt eine Nachricht mit dem Link, k kopiert den Link."), 0,
		ui_attr(p, UI_COLOR_ACCENT, false));
	ui_blank(p);
	ui_choice(p, 1, _("Der Kunde hat bestätigt: jetzt prüfen"), NULL, m->sel == 0, NULL);
	ui_choice(p, 2, _("Stattdessen selbst eintragen (die Felder)"), NULL, m->sel == 1, NULL);
}

/* m: the message for the customer, ready to paste into an e-mail or a chat. */
static void
draw_message(const struct model *m, struct ui_page *p)
{
	char *msg = model_dc_message(m);
	ui_title(p, _("Nachricht für den Kunden"));
	if (!msg) {
		ui_text(p, _("Nicht genug Arbeitsspeicher."), 0, ui_attr(p, UI_COLOR_BAD, true));
		return;
	}
	/* The link on its own line stays whole and clickable. */
	const char *at = strstr(msg, m->dc_apply_url);
	size_t before = at ? (size_t)(at - msg) : strlen(msg);
	char *head = strndup(msg, before);
	if (head) {
		for (char *line = head, *nl; line && *line; line = nl ? nl + 1 : NULL) {
			if ((nl = strchr(line, '\n')))
				*nl = '\0';
			if (line[0])
				ui_text(p, line, 0, A_NORMAL);
			else
				ui_blank(p);
		}
	}
	free(head);
	if (at) {
		ui_link(p, m->dc_apply_url, 0);
		const char *rest = at + strlen(m->dc_apply_url);
		while (*rest == '\n')
			rest++;
		if (*rest) {
			ui_blank(p);
			ui_text(p, rest, 0, A_NORMAL);
		}
	}
	free(msg);
}

static void
draw(const struct model *m, struct ui_page *p)
{
	char dom[600];
	const char *domain = model_domain_label(m, dom, sizeof(dom));
	const struct merge_result *mr = &m->prop.merge;

	if (m->spelling) {
		draw_spelling(m, p);
		return;
	}
	if (m->noting) {
		ui_note_draw(m, p, false); /* before the check: "noch nicht geprüft" */
		return;
	}
	if (m->dc_message) {
		draw_message(m, p);
		return;
	}
	ui_title(p, _("Eintrag"));
	if (m->prop.outcome == PROPOSAL_UNFIT) {
		draw_unfit(mr, p);
		return;
	}
	if (mr->action == MERGE_BROKEN) {
		draw_broken(mr, p, domain);
		return;
	}
	if (model_dc_link(m) && !m->dc_fields) {
		draw_link(m, p, domain);
		return;
	}
	draw_assumed(m, p);
	draw_instruction(m, p, domain);
	ui_blank(p);

	char *text = model_entry_text(m);
	for (const char *s = text; s && *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		entry_line(p, s, len);
		s += len + (nl ? 1 : 0);
	}
	free(text);
	ui_blank(p);
	if (!draw_control_panel(m, p) && model_speaks_provider(m))
		draw_provider_way(m, p);
	draw_provider_warnings(m, p);
	draw_notes(m, p, domain);
	ui_blank(p);
	ui_choice(p, 1, _("Ich habe den Eintrag gespeichert: jetzt prüfen"), NULL, m->sel == 0,
		  NULL);
	if (model_dc_link(m))
		ui_choice(p, 2, _("Zurück zum Link (Domain Connect)"), NULL, m->sel == 1, NULL);
}

/* k: the value goes to the terminal as OSC 52; whether the terminal puts
 * it on the clipboard is not known here (many ask, some refuse). */
static void
copy(struct model *m)
{
	size_t len = 0;
	char *text;
	if (m->dc_message && (text = model_dc_message(m)))
		len = strlen(text);
	else if (model_dc_link(m) && !m->dc_fields && (text = strdup(m->dc_apply_url)))
		len = strlen(text);
	else
		text = model_typed_text(m, &len);
	if (text && osc52_copy(text, len))
		model_set_status(m, false,
				 _("An das Terminal geschickt (OSC 52): nicht jedes legt es in "
				   "die Zwischenablage."));
	else
		model_set_status(m, true, _("Kopieren ging nicht."));
	free(text);
}

/* The keys of the link view and of the fields view's way back to it: m
 * the message, 2 (or Enter on the second choice) the other way; b spells
 * only the fields. UI_NONE: not one of them. */
static enum ui_action
link_key(struct model *m, int key)
{
	if (key == 'm' && !m->dc_fields) {
		m->dc_message = true;
		return UI_TOP;
	}
	if (key == UI_KEY(KEY_DOWN) || key == UI_KEY(KEY_UP)) {
		m->sel = key == UI_KEY(KEY_DOWN) ? 1 : 0;
		return UI_REDRAW;
	}
	if (key == '2' || (key == '\n' && m->sel == 1)) {
		m->sel = 0;
		if (m->dc_fields) { /* back to the link */
			m->dc_fields = false;
			return UI_TOP;
		}
		/* The fields: the questions about the form first. */
		m->dc_fields = m->dc_to_questions = true;
		return UI_BACK;
	}
	if (key == 'b' && !m->dc_fields)
		return UI_REDRAW; /* swallowed: the link is sent, not dictated */
	return UI_NONE;
}

static enum ui_action
key(struct model *m, int key)
{
	enum ui_action note = m->spelling ? UI_NONE : ui_note_key(m, key, false);
	if (note != UI_NONE)
		return note;
	if (m->prop.outcome != PROPOSAL_PUBLISH)
		return UI_NONE;
	if (key == 'k' || key == 'c') {
		copy(m);
		return UI_REDRAW;
	}
	if (m->dc_message) { /* m, Esc or Backspace return; the rest is swallowed */
		if (key == 'm' || key == UI_ESC || key == UI_KEY(KEY_BACKSPACE)) {
			m->dc_message = false;
			return UI_TOP;
		}
		return UI_REDRAW;
	}
	if (model_dc_link(m) && !m->spelling) {
		enum ui_action a = link_key(m, key);
		if (a != UI_NONE)
			return a;
	}
	/* b shows the dictation; b, Esc or Backspace return to the entry. */
	if (key == 'b' || (m->spelling && (key == UI_ESC || key == UI_KEY(KEY_BACKSPACE)))) {
		m->spelling = !m->spelling && key == 'b';
		return UI_REDRAW;
	}
	if (m->spelling)
		return UI_NONE; /* 1 and Enter act on the entry, not on its dictation */
	/* Esc past what the provider answered: the questions, to answer them. */
	if ((key == UI_ESC || key == UI_KEY(KEY_BACKSPACE)) && !(model_dc_link(m) && !m->dc_fields) &&
	    (model_provider_form(m) || model_provider_ttl(m))) {
		m->ask_self = m->to_questions = true;
		return UI_BACK;
	}
	if (key == '1' || key == '\n') {
		model_begin_check(m);
		return UI_NEXT;
	}
	return UI_NONE;
}

/* The dictation is left on every arrival and departure. */
static void
enter_or_leave(struct model *m)
{
	m->spelling = false;
	m->noting = false;
	m->dc_message = false;
	m->dc_to_questions = false;
	m->sel = 0;
}

/* Back past the questions the provider answered. */
static enum ui_screen
back(const struct model *m)
{
	if (model_dc_link(m) && !m->dc_fields)
		return SCREEN_METHOD; /* the link asked no question */
	if (m->dc_to_questions)
		return model_provider_screen(m) ? SCREEN_PROVIDER : SCREEN_FORM;
	if (m->to_questions)
		return SCREEN_FORM;
	if (!model_provider_ttl(m))
		return SCREEN_TTL;
	return model_provider_form(m) ? SCREEN_PROVIDER : SCREEN_FORM;
}

static const char *
footer_of(const struct model *m)
{
	if (m->noting)
		return N_("n oder Esc zurück · Bild auf/ab blättern · k Notiz kopieren · q Ende");
	if (m->dc_message)
		return N_("m oder Esc zurück · k Nachricht kopieren · q Ende");
	if (model_dc_link(m) && !m->dc_fields && !m->spelling)
		return N_("1 prüfen · 2 Felder · k Link kopieren · m Nachricht · n Notiz · ? Hilfe");
	if (model_dc_link(m) && !m->spelling)
		return N_("1 weiter · 2 Link · k kopieren · b buchstabieren · n Notiz · ? Hilfe");
	if (!m->spelling && (model_provider_form(m) || model_provider_ttl(m)))
		return N_("1 weiter · k kopieren · b buchstabieren · n Notiz · Esc: Fragen · "
			  "? Hilfe");
	return m->spelling ? N_("b oder Esc zurück zum Eintrag · Bild auf/ab blättern · k kopieren "
				"· q Ende")
			   : N_("1 weiter · k kopieren · b buchstabieren · n Notiz · Esc zurück · "
				"? Hilfe");
}

/* With a provider, the help says whose words the entry uses and how to
 * answer the questions oneself. */
static const char *
help_of(const struct model *m)
{
	if (model_dc_link(m) && !m->dc_fields)
		return N_("Der Domain-Anbieter kennt die Vorlage von Flicono (Domain Connect): Der "
			  "Link öffnet seine Seite, der Kunde meldet sich dort an und bestätigt, und "
			  "der Anbieter legt den SPF-Eintrag selbst an; einen vorhandenen ergänzt er. "
			  "Sonst ändert sich nichts an seinen DNS-Einträgen. k schickt den Link an "
			  "Ihr Terminal, das ihn in die Zwischenablage legt, wenn es das erlaubt (OSC "
			  "52, auch über SSH); wo das Terminal es kann, ist der Link anklickbar. m "
			  "zeigt eine Nachricht für den Kunden mit dem Link, zum Einfügen in eine "
			  "E-Mail oder einen Chat (k kopiert sie). 2 führt stattdessen zu den Feldern "
			  "zum Selbsteintragen, über die Fragen nach Eingabeform und TTL. Nach der "
			  "Bestätigung führt 1 zur Prüfung.");
	if (!model_speaks_provider(m) || !(model_provider_form(m) || model_provider_ttl(m)))
		return screen_entry.help;
	return N_("Die Felder heißen wie im Formular Ihres DNS-Anbieters und stehen in seiner "
		  "Reihenfolge; die nummerierten Schritte führen zu seinen DNS-Einstellungen, "
		  "die Hinweise darunter nennen, was bei ihm zu beachten ist. Ist das nicht Ihr "
		  "Anbieter oder sieht sein Formular anders aus, führt Esc zu den Fragen nach "
		  "Eingabeform und TTL. Mit k schicken Sie den Wert an Ihr Terminal, das ihn in "
		  "die Zwischenablage legt, wenn es das erlaubt (OSC 52, auch über SSH). Mit b "
		  "wird er buchstabiert, zum Vorlesen am Telefon (DIN 5009). n zeigt die "
		  "Ticket-Notiz für den Support (k kopiert sie), q beendet.");
}

const struct screen screen_entry = {
	.draw = draw,
	.key = key,
	.enter = enter_or_leave,
	.leave = enter_or_leave,
	.footer_of = footer_of,
	.help_of = help_of,
	.next = SCREEN_CHECK,
	.back = back,
	.footer = N_("1 weiter · k kopieren · b buchstabieren · n Notiz · Esc zurück · ? Hilfe"),
	.help = N_("Tragen Sie den Eintrag genau so ein, wie er hier steht. Mit k schicken "
		   "Sie den Wert an Ihr Terminal, das ihn in die Zwischenablage legt, wenn es "
		   "das erlaubt (OSC 52, auch über SSH). Mit b wird er buchstabiert, zum "
		   "Vorlesen am Telefon: in Gruppen zu fünf Zeichen, jedes mit seinem Wort "
		   "(DIN 5009); b oder Esc führt zurück zum Eintrag. n zeigt die Ticket-Notiz "
		   "für den Support (k kopiert sie), q beendet."),
};
