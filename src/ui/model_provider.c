/* model_provider.c — the customer's DNS provider in the wizard's model:
 * which one the entry speaks for, the questions its entry answers, and the
 * entry in its words. See model.h. */
#include "model.h"

#include "datapath.h"
#include "i18n.h"
#include "strbuf.h"
#include "textsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
model_load_providers(struct model *m)
{
	struct inifile_problem problem;
	char msg[600];
	char *path = datapath_file("providers");
	if (!path)
		return;
	if (provider_load(path, &m->providers, &problem))
		snprintf(m->providers_path, sizeof(m->providers_path), "%s", path);
	else
		model_set_status(m, true,
				 inifile_problem_message(&problem, msg, sizeof(msg)));
	free(path);
}

const struct provider *
model_detected_provider(const struct model *m)
{
	return m->has_prop && m->prop.has_provider ? m->prop.provider.provider : NULL;
}

const char *
model_provider_reason(const struct model *m, char *buf, size_t size)
{
	const struct provider *found = model_detected_provider(m);
	if (!found && m->dc.has_settings) { /* the name its Domain Connect settings give */
		const char *name = dconnect_settings_name(&m->dc.settings);
		char *safe = textsafe_escape(name, strlen(name), 0);
		snprintf(buf, size, _("Ihre Domain liegt bei %s (so nennt er sich in seinen "
				      "Domain-Connect-Einstellungen)"),
			 safe ? safe : "?");
		free(safe);
		return buf;
	}
	if (!found)
		return NULL;
	if (m->prop.provider_chosen)
		snprintf(buf, size, _("Domain-Anbieter: %s (mit --provider gewählt)"), found->name);
	else
		snprintf(buf, size, _("Ihre Domain liegt bei %s — Namensserver %s"), found->name,
			 m->prop.provider.name);
	return buf;
}

bool
model_provider_screen(const struct model *m)
{
	return model_detected_provider(m) && m->method == METHOD_SPF &&
	       m->prop.outcome == PROPOSAL_PUBLISH;
}

bool
model_speaks_provider(const struct model *m)
{
	return m->provider && model_provider_screen(m);
}

bool
model_provider_form(const struct model *m)
{
	const struct provider *p = m->provider;
	return model_speaks_provider(m) && !m->ask_self &&
	       (p->form == PROVIDER_FORM_FIELDS || p->form == PROVIDER_FORM_LINE);
}

/* A provider's TTL is known only from its entry: where data/providers says
 * nothing, the customer is asked, as without a provider. */
bool
model_provider_ttl(const struct model *m)
{
	const struct provider *p = m->provider;
	if (!model_speaks_provider(m) || m->ask_self)
		return false;
	return p->ttl != PROVIDER_TTL_UNKNOWN;
}

void
model_choose_provider(struct model *m, const struct provider *p)
{
	m->provider = p;
	m->ask_self = false;
	m->to_questions = false;
	if (model_provider_form(m))
		m->form = p->form == PROVIDER_FORM_LINE ? ENTRY_FORM_LINE : ENTRY_FORM_FIELDS;
	if (model_provider_ttl(m))
		m->with_ttl = p->ttl == PROVIDER_TTL_FIELD;
}

unsigned long
model_ttl(const struct model *m)
{
	const struct provider *p = m->provider;
	return model_speaks_provider(m) && p->ttl_default ? p->ttl_default : m->profile->ttl;
}

const char *
model_provider_assumed(const struct model *m, char *buf, size_t size)
{
	bool form = model_provider_form(m), ttl = model_provider_ttl(m);
	if (!form && !ttl)
		return NULL;
	const char *f = m->form == ENTRY_FORM_LINE ? _("in einer Zeile") : _("einzelne Felder");
	char t[128];
	if (m->with_ttl)
		snprintf(t, sizeof(t), _("mit TTL %lu"), model_ttl(m));
	else
		snprintf(t, sizeof(t), "%s", _("ohne TTL"));
	if (form && ttl)
		snprintf(buf, size, _("Bei %s: %s, %s (Esc: selbst wählen)"), m->provider->name, f,
			 t);
	else
		snprintf(buf, size, _("Bei %s: %s (Esc: selbst wählen)"), m->provider->name,
			 form ? f : t);
	return buf;
}

bool
model_provider_says_one_record(const struct model *m)
{
	if (!model_speaks_provider(m))
		return false;
	return m->provider->feature_says_one_record == PROVIDER_ANSWER_YES;
}

char *
model_provider_warnings(const struct model *m)
{
	const struct provider *p = m->provider;
	struct strbuf sb = {0};
	if (!model_speaks_provider(m))
		return strbuf_finish(&sb);
	const char *feature = provider_spf_feature(p, m->lang);
	/* "Change that record instead of adding a second" once per screen: not
	 * when the provider's words say it, nor when the entry replaces
	 * existing records (the note below the entry says it then). */
	bool replaces = m->prop.merge.action == MERGE_EXTEND ||
			m->prop.merge.action == MERGE_COMBINE;
	if (feature && (replaces || model_provider_says_one_record(m)))
		strbuf_printf(&sb, "%s\n", feature);
	else if (feature)
		strbuf_printf(&sb,
			      _("%s Ändern Sie dann diesen SPF-Eintrag, statt einen zweiten "
				"anzulegen.\n"),
			      feature);
	if (p->quotes == PROVIDER_QUOTES_ADDS || p->quotes == PROVIDER_QUOTES_NONE_WANTED)
		strbuf_printf(&sb,
			      p->quotes == PROVIDER_QUOTES_ADDS
				  ? _("%s setzt die Anführungszeichen selbst: den Wert ohne "
				      "Anführungszeichen eingeben.\n")
				  : _("%s möchte den Wert ohne Anführungszeichen.\n"),
			      p->name);
	const char *rel = model_owner_name(m);
	if (strcmp(rel, "@") != 0 && p->name_appends_domain == PROVIDER_ANSWER_YES)
		strbuf_printf(&sb, _("Im Feld „%s“ nur „%s“ eintragen: %s hängt „.%s“ selbst an.\n"),
			      p->label_name ? p->label_name : _("Name"), rel, p->name,
			      m->prop.zone.name);
	size_t len;
	model_record(m, &len);
	if (p->max_length && len > p->max_length)
		strbuf_printf(&sb,
			      _("Das Formular von %s nimmt höchstens %lu Zeichen, der Wert hat "
				"%zu. Fragen Sie den Flicono-Support.\n"),
			      p->name, p->max_length, len);
	return strbuf_finish(&sb);
}
