/* screen_provider.c — 4a' Anbieter: the DNS provider the diagnosis found,
 * to confirm, or another from the list, or none (the generic questions).
 * Shown only when a provider was detected and an SPF record is published. */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

#include <stdio.h>

/* The list: every provider, then "anderer / weiß nicht". */
static void
draw_list(const struct model *m, struct ui_page *p)
{
	ui_text(p, _("Bei welchem Anbieter liegt Ihre Domain?"), 0, A_NORMAL);
	ui_blank(p);
	for (size_t i = 0; i < m->providers.n; i++)
		ui_choice(p, i < 9 ? (int)i + 1 : -1, m->providers.items[i].name, NULL,
			  m->sel == i, NULL);
	ui_choice(p, m->providers.n < 9 ? (int)m->providers.n + 1 : -1,
		  _("anderer / weiß nicht"), _("Dann fragt der Assistent nach dem Formular."),
		  m->sel == m->providers.n, NULL);
}

static void
draw(const struct model *m, struct ui_page *p)
{
	const struct provider *found = model_detected_provider(m);
	char yes[256], why[600];
	ui_title(p, _("Anbieter"));
	if (m->listing || !found) {
		draw_list(m, p);
		return;
	}
	ui_text(p, model_provider_reason(m, why, sizeof(why)), 0, A_NORMAL);
	ui_text(p, _("Dann zeigt der Assistent den Eintrag so, wie das Formular dieses Anbieters "
		     "ihn erwartet."),
		0, A_NORMAL);
	ui_blank(p);
	snprintf(yes, sizeof(yes), _("Ja, bei %s"), found->name);
	ui_choice(p, 1, yes, NULL, m->sel == 0, NULL);
	ui_choice(p, 2, _("Anderer Anbieter …"), NULL, m->sel == 1, NULL);
	ui_choice(p, 3, _("anderer / weiß nicht"), _("Dann fragt der Assistent nach dem Formular."),
		  m->sel == 2, NULL);
}

static enum ui_action
key_list(struct model *m, int key)
{
	if (key == UI_ESC || key == UI_KEY(KEY_BACKSPACE)) {
		m->listing = false;
		m->sel = 1;
		return UI_REDRAW;
	}
	enum ui_action a = ui_choose(&m->sel, key, m->providers.n + 1);
	if (a == UI_NEXT) {
		m->listing = false;
		model_choose_provider(m, m->sel < m->providers.n ? &m->providers.items[m->sel]
								 : NULL);
	}
	return a;
}

static enum ui_action
key(struct model *m, int key)
{
	if (m->listing)
		return key_list(m, key);
	enum ui_action a = ui_choose(&m->sel, key, 3);
	if (a != UI_NEXT)
		return a;
	if (m->sel == 1) {
		m->listing = true;
		m->sel = 0;
		for (size_t i = 0; i < m->providers.n; i++)
			if (&m->providers.items[i] == m->provider)
				m->sel = i;
		return UI_REDRAW;
	}
	model_choose_provider(m, m->sel == 0 ? model_detected_provider(m) : NULL);
	return UI_NEXT;
}

static void
enter(struct model *m)
{
	m->listing = false;
	m->sel = m->provider == model_detected_provider(m) ? 0 : (m->provider ? 1 : 2);
}

/* The provider's entry answers the questions it knows. */
static enum ui_screen
step(const struct model *m)
{
	if (!model_provider_form(m))
		return SCREEN_FORM;
	return model_provider_ttl(m) ? SCREEN_ENTRY : SCREEN_TTL;
}

static const char *
footer_of(const struct model *m)
{
	return m->listing ? N_("Ziffer oder ↑↓ wählt · Enter · Esc zur Frage · ? Hilfe · q Ende")
			  : ui_footer_choices;
}

const struct screen screen_provider = {
	.draw = draw,
	.key = key,
	.enter = enter,
	.step = step,
	.prev = SCREEN_METHOD,
	.footer = ui_footer_choices,
	.footer_of = footer_of,
	.help = N_("Der Assistent erkennt Ihren DNS-Anbieter an den Namensservern Ihrer Domain. "
		   "Stimmt er, zeigt er den Eintrag mit den Feldnamen dieses Anbieters und den "
		   "Weg zu seinen DNS-Einstellungen. Bei „anderer / weiß nicht“ fragt er nach "
		   "dem Formular."),
};
