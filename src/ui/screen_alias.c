/* screen_alias.c — the alias feature: how to switch it on in Flicono, what
 * recipients see, that replies are forwarded. The texts come from the
 * profile (data, in both languages). */
#include "ui.h"
#include "ui_curses.h"

#include "i18n.h"

#include <stdio.h>

static void
draw(const struct model *m, struct ui_page *p)
{
	const struct profile_alias *alias = model_alias(m);
	char step[640];

	ui_title(p, _("Alias-Funktion einschalten"));
	ui_text(p, alias->summary, 0, A_NORMAL);
	ui_blank(p);
	for (size_t i = 0; i < alias->nsteps; i++) {
		snprintf(step, sizeof(step), _("Schritt %zu: %s"), i + 1, alias->steps[i]);
		ui_text_hang(p, step, 2, 2, A_NORMAL);
	}
	ui_blank(p);
	ui_text(p, alias->recipients, 0, A_NORMAL);
	ui_text(p, alias->replies, 0, A_NORMAL);
	if (m->dmarc.asked) {
		/* The alias address is Flicono's own: the domain's policy does not apply. */
		char dom[600];
		ui_dmarc(p, &m->dmarc, m->profile->sender_name, false, true,
			 model_domain_label(m, dom, sizeof(dom)));
	}
	ui_blank(p);
	ui_choice(p, 1, _("Fertig"), NULL, true, NULL);
}

static enum ui_action
key(struct model *m, int key)
{
	return key == '1' || key == '\n' ? UI_NEXT : UI_NONE;
}

const struct screen screen_alias = {
	.draw = draw,
	.key = key,
	.next = SCREEN_DONE,
	.prev = SCREEN_METHOD,
	.footer = ui_footer_single,
	.help = N_("Die Alias-Funktion schalten Sie in Flicono selbst ein, nicht bei Ihrem "
		   "Domain-Anbieter."),
};
