/* screen_welcome.c — 1 Willkommen: the problem in two sentences, the open
 * checks of earlier runs (each resumable), and the start of a new setup.
 * The first nine open checks have a digit; every one is reached with the
 * arrows (the page scrolls with the selection); the new setup is always 0.
 * Entf (or x) forgets the selected open check, after a question. */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
draw(const struct model *m, struct ui_page *p)
{
	char ago[64], label[640];
	time_t now = time(NULL);

	ui_title(p, _("Willkommen"));
	ui_text(p,
		_("Immer mehr Empfänger-Mailserver lehnen E-Mails ab, die Flicono mit Ihrer "
		  "Absenderadresse versendet: Im DNS Ihrer Domain steht nichts, das Flicono "
		  "das Senden erlaubt."),
		0, A_NORMAL);
	ui_text(p,
		_("Dieser Assistent hilft Ihnen in wenigen Schritten: mit der Alias-Funktion "
		  "oder mit einem SPF-Eintrag bei Ihrem Domain-Anbieter."),
		0, A_NORMAL);
	ui_blank(p);
	if (m->open.n) {
		ui_text(p, _("Offene Prüfungen:"), 0, A_BOLD);
		for (size_t i = 0; i < m->open.n; i++) {
			const struct state_entry *e = &m->open.entries[i];
			char *input = ui_safe(e->input, strlen(e->input));
			snprintf(label, sizeof(label), _("%s – begonnen %s"), input ? input : "?",
				 ui_ago(e->started, now, ago, sizeof(ago)));
			free(input);
			ui_choice(p, i < 9 ? (int)i + 1 : -1, label, NULL, m->welcome_sel == i,
				  NULL);
		}
		ui_blank(p);
	}
	if (m->welcome_confirm && m->welcome_sel < m->open.n) {
		const struct state_entry *e = &m->open.entries[m->welcome_sel];
		char *input = ui_safe(e->input, strlen(e->input));
		snprintf(label, sizeof(label),
			 _("Die Prüfung für %s vergessen? j = ja, jede andere Taste = nein"),
			 input ? input : "?");
		free(input);
		ui_text(p, label, 0, A_BOLD);
		ui_blank(p);
	}
	ui_choice(p, 0, _("Neue Einrichtung beginnen"), NULL, m->welcome_sel >= m->open.n, NULL);
}

static enum ui_action
pick(struct model *m, size_t i)
{
	m->welcome_sel = i;
	if (i < m->open.n && !model_resume(m, i))
		/* Its address no longer parses: it waits in the field. */
		m->welcome_sel = m->open.n;
	return UI_NEXT;
}

/* The answer to "vergessen?": yes forgets, any other key keeps it. */
static enum ui_action
confirm_key(struct model *m, int key)
{
	m->welcome_confirm = false;
	if (key == 'j' || key == 'y' || key == 'J' || key == 'Y')
		model_forget_open(m, m->welcome_sel);
	return UI_REDRAW;
}

static enum ui_action
key(struct model *m, int key)
{
	if (m->welcome_confirm)
		return confirm_key(m, key);
	if ((key == UI_KEY(KEY_DC) || key == 'x') && m->welcome_sel < m->open.n) {
		m->welcome_confirm = true;
		return UI_REDRAW;
	}
	if (key == '0')
		return pick(m, m->open.n);
	if (key >= '1' && key <= '9')
		return (size_t)(key - '1') < m->open.n ? pick(m, (size_t)(key - '1')) : UI_NONE;
	enum ui_action a = ui_choose(&m->welcome_sel, key, m->open.n + 1);
	return a == UI_NEXT ? pick(m, m->welcome_sel) : a;
}

static void
enter(struct model *m)
{
	m->resumed = false;
	m->welcome_confirm = false;
	if (m->welcome_sel > m->open.n)
		m->welcome_sel = m->open.n;
}

static enum ui_screen
step(const struct model *m)
{
	return m->resumed ? SCREEN_CHECK : SCREEN_ADDRESS;
}

static const char *
footer_of(const struct model *m)
{
	if (m->welcome_confirm)
		return N_("j vergessen · jede andere Taste behält die Prüfung");
	if (m->open.n)
		return N_("Ziffer wählt · 0 neue Einrichtung · Entf vergisst · ? Hilfe · q Ende");
	return N_("Ziffer wählt · 0 neue Einrichtung · Enter · ? Hilfe · q Ende");
}

const struct screen screen_welcome = {
	.draw = draw,
	.key = key,
	.enter = enter,
	.step = step,
	.footer = N_("Ziffer wählt · 0 neue Einrichtung · Enter · ? Hilfe · q Ende"),
	.footer_of = footer_of,
	.help = N_("Eine offene Prüfung ist eine Domain, deren Eintrag noch nicht überall "
		   "angekommen war, als Sie den Assistenten zuletzt verlassen haben. Wählen "
		   "Sie sie mit ihrer Ziffer oder den Pfeiltasten, um weiter zu prüfen. Mit 0 "
		   "beginnen Sie eine neue Einrichtung. Entf (oder x) entfernt die gewählte "
		   "offene Prüfung aus der Liste, nach einer Rückfrage."),
};
