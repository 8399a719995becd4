/* screen_entry.c — 4c Eintrag: the entry exactly in the chosen form, from
 * the core's merge and formatter, and whether it replaces an existing one. */
#include "ui.h"
#include "ui_curses.h"

#include "explain.h"
#include "i18n.h"
#include "lint.h"

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
draw_unfit(const struct wizard *w, struct ui_page *p)
{
	char line[1024];
	const struct merge_result *m = &w->prop.merge;
	ui_text(p, _("Der Assistent kann keinen Eintrag vorschlagen, der funktioniert:"), 0,
		ui_attr(p, UI_COLOR_BAD, true));
	for (unsigned bit = 0; bit < LINT_WARNING_COUNT; bit++) {
		unsigned warning = 1u << bit;
		if ((m->after.warnings & warning) && lint_is_fatal(warning))
			ui_text(p, lint_warning_message((enum lint_warning)warning, &m->after, line,
							sizeof(line)),
				2, A_NORMAL);
	}
	if (!m->authorises)
		ui_text(p, _("Auch ergänzt würde der vorhandene Eintrag Flicono nicht berechtigen: ein "
			     "Teil vor dem Ende des Eintrags schließt die Adresse aus."),
			2, A_NORMAL);
	ui_blank(p);
	ui_text(p, _("Lassen Sie den Eintrag vom Flicono-Support prüfen, oder gehen Sie zurück "
		     "(Esc) und wählen Sie die Alias-Funktion."),
		0, A_NORMAL);
}

void
screen_entry_draw(const struct wizard *w, struct ui_page *p)
{
	char line[1024], dom[600];
	const char *domain = wizard_domain_label(w, dom, sizeof(dom));
	const struct merge_result *m = &w->prop.merge;

	ui_title(p, _("Eintrag"));
	if (w->prop.outcome == PROPOSAL_UNFIT) {
		draw_unfit(w, p);
		return;
	}
	if (m->action == MERGE_BROKEN) {
		snprintf(line, sizeof(line),
			 _("Der vorhandene SPF-Eintrag von %s ist fehlerhaft. Der Assistent kann "
			   "ihn nicht ergänzen:"),
			 domain);
		ui_text(p, line, 0, ui_attr(p, UI_COLOR_BAD, true));
		ui_untrusted(p, m->existing[m->broken], m->existing_len[m->broken], 2, A_BOLD);
		ui_text(p,
			explain_parse_error(m->existing[m->broken], m->existing_len[m->broken],
					    &m->parse_error, line, sizeof(line)),
			2, A_NORMAL);
		ui_blank(p);
		ui_text(p, _("Lassen Sie ihn von Ihrem Domain-Anbieter korrigieren, oder gehen Sie "
			     "zurück (Esc) und wählen Sie die Alias-Funktion."),
			0, A_NORMAL);
		return;
	}
	if (m->action == MERGE_NEW)
		snprintf(line, sizeof(line),
			 _("Legen Sie bei Ihrem Domain-Anbieter in den DNS-Einstellungen von %s "
			   "diesen Eintrag an:"),
			 domain);
	else
		snprintf(line, sizeof(line),
			 _("Ändern Sie bei Ihrem Domain-Anbieter in den DNS-Einstellungen von %s "
			   "den SPF-Eintrag, so dass er so lautet:"),
			 domain);
	ui_text(p, line, 0, A_NORMAL);
	ui_blank(p);

	char *text = wizard_entry_text(w);
	if (text) {
		for (const char *s = text; *s;) {
			const char *nl = strchr(s, '\n');
			size_t len = nl ? (size_t)(nl - s) : strlen(s);
			entry_line(p, s, len);
			s += len + (nl ? 1 : 0);
		}
	}
	free(text);
	ui_blank(p);

	if (m->action == MERGE_EXTEND) {
		char *old = ui_safe(m->existing[0], m->existing_len[0]);
		snprintf(line, sizeof(line),
			 _("Dieser Eintrag ersetzt den vorhandenen Eintrag „%s“. Ändern Sie ihn, "
			   "statt einen zweiten anzulegen: Zwei SPF-Einträge sind ein Fehler."),
			 old ? old : "?");
		free(old);
		ui_text(p, line, 0, ui_attr(p, UI_COLOR_WARN, true));
	} else if (m->action == MERGE_COMBINE) {
		snprintf(line, sizeof(line),
			 _("Dieser Eintrag ersetzt die %zu vorhandenen SPF-Einträge. Löschen Sie "
			   "diese, so dass nur dieser eine übrig bleibt."),
			 m->nexisting);
		ui_text(p, line, 0, ui_attr(p, UI_COLOR_WARN, true));
	} else {
		size_t len = m->record ? strlen(m->record) : 0;
		if (len >= 5 && strcmp(m->record + len - 5, " -all") == 0) {
			snprintf(line, sizeof(line),
				 _("Hinweis: Mit „-all“ dürfen nur die Mailserver Ihrer Domain (mx) "
				   "und Flicono E-Mails für %s senden. Versenden Sie auch über einen "
				   "anderen Server (z. B. den SMTP-Server Ihres E-Mail-Anbieters), muss "
				   "dieser ebenfalls in den Eintrag."),
				 domain);
			ui_text(p, line, 0, A_NORMAL);
		}
	}
	for (unsigned bit = 0; bit < LINT_WARNING_COUNT; bit++) {
		unsigned warning = 1u << bit;
		if (!(m->after.warnings & warning) || !lint_is_fatal(warning))
			continue;
		ui_text(p, lint_warning_message((enum lint_warning)warning, &m->after, line,
						sizeof(line)),
			0, ui_attr(p, UI_COLOR_BAD, true));
	}
	ui_blank(p);
	ui_choice(p, 1, _("Ich habe den Eintrag gespeichert: jetzt prüfen"), NULL, true, NULL);
}

enum ui_action
screen_entry_key(struct wizard *w, int key)
{
	if (w->prop.outcome != PROPOSAL_PUBLISH)
		return UI_NONE;
	if (key == 'k' || key == 'c')
		return UI_COPY;
	return key == '1' || key == '\n' ? UI_NEXT : UI_NONE;
}
