/* model.c — see model.h. */
#include "model.h"

#include "advice.h"
#include "datapath.h"
#include "i18n.h"
#include "note.h"
#include "explain.h"
#include "textsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
model_init(struct model *m, const struct profile *profile, const char *lang, bool utf8)
{
	*m = (struct model){
		.profile = profile,
		.lang = lang,
		.utf8 = utf8,
		.method = METHOD_SPF,
		.form = ENTRY_FORM_LINE,
		.with_ttl = true,
	};
	schedule_init(&m->schedule, 0, 0);
}

void
model_clear(struct model *m)
{
	if (!m)
		return;
	check_round_clear(&m->round);
	proposal_clear(&m->prop);
	dmarc_result_clear(&m->dmarc);
	dconnect_answer_clear(&m->dc);
	free(m->dc_control_panel);
	free(m->dc_apply_url);
	address_clear(&m->addr);
	state_list_clear(&m->open);
	freemail_free(m->freemail);
	m->freemail = NULL;
	provider_list_clear(&m->providers);
	m->provider = NULL;
	m->has_round = m->has_prop = m->has_addr = false;
}

void
model_set_status(struct model *m, bool error, const char *text)
{
	snprintf(m->status, sizeof(m->status), "%s", text);
	m->status_error = error;
	m->status_seq++;
}

static void
load_open_checks(struct model *m)
{
	char msg[4200], aside[4096];
	m->has_state_dir =
	    state_dir(getenv("XDG_STATE_HOME"), getenv("HOME"), m->state_dir, sizeof(m->state_dir));
	if (!m->has_state_dir)
		return;
	switch (state_load(m->state_dir, &m->open, aside, sizeof(aside))) {
	case STATE_OK: break;
	case STATE_SET_ASIDE:
		snprintf(msg, sizeof(msg),
			 _("Die Liste der offenen Prüfungen war beschädigt und wurde "
			   "beiseitegelegt: %s"),
			 aside);
		model_set_status(m, true, msg);
		break;
	default:
		model_set_status(m, true,
				 _("Die Liste der offenen Prüfungen ließ sich nicht lesen."));
		break;
	}
}

void
model_load_open_checks(struct model *m)
{
	load_open_checks(m);
}

void
model_load_data(struct model *m)
{
	char msg[600];
	char *path = datapath_file("freemail");
	unsigned line;
	if (path)
		snprintf(m->freemail_path, sizeof(m->freemail_path), "%s", path);
	if (path) {
		enum freemail_status st = freemail_load(path, &m->freemail, &line);
		if (st != FREEMAIL_OK)
			model_set_status(m, true,
					 freemail_status_message(st, path, line, msg, sizeof(msg)));
	}
	free(path);
	model_load_providers(m);
}

void
model_set_input(struct model *m, const char *text)
{
	snprintf(m->input, sizeof(m->input), "%s", text);
	m->input_len = m->cursor = strlen(m->input);
}

static bool
parse_input(struct model *m)
{
	struct address_problem problem;
	struct address addr;
	if (!address_parse(m->input, &addr, &problem)) {
		address_problem_message(&problem, m->input_error, sizeof(m->input_error));
		return false;
	}
	address_clear(&m->addr);
	m->addr = addr;
	m->has_addr = true;
	m->input_error[0] = '\0';
	return true;
}

/* Domain Connect belongs to the diagnosis it came with. */
static void
forget_dconnect(struct model *m)
{
	dconnect_answer_clear(&m->dc);
	free(m->dc_control_panel);
	free(m->dc_apply_url);
	m->dc_control_panel = m->dc_apply_url = NULL;
	m->dc_fields = m->dc_message = m->dc_to_questions = false;
}

static void
forget_diagnosis(struct model *m)
{
	proposal_clear(&m->prop);
	m->has_prop = false;
	m->diag_dnssec_error = false;
}

bool
model_submit_address(struct model *m)
{
	if (!parse_input(m))
		return false;
	m->resumed = false;
	forget_diagnosis(m);
	/* A check shown before was for the address as it was then. */
	check_round_clear(&m->round);
	m->has_round = false;
	/* The proposal also decides freemail (without asking DNS). */
	m->diag = JOB_IDLE;
	m->request = MODEL_REQUEST_DIAGNOSIS;
	return true;
}

void
model_retry_diagnosis(struct model *m)
{
	if (m->has_addr && m->diag != JOB_RUNNING)
		m->request = MODEL_REQUEST_DIAGNOSIS;
}

void
model_drop_diagnosis(struct model *m)
{
	if (m->diag == JOB_RUNNING)
		m->diag = JOB_IDLE; /* its result is dropped by id */
}

bool
model_diagnosis_answered(const struct model *m)
{
	return m->diag == JOB_DONE && m->has_prop;
}

bool
model_no_domain(const struct model *m)
{
	return m->diag == JOB_DONE && m->prop.outcome == PROPOSAL_NO_DOMAIN;
}

bool
model_freemail(const struct model *m)
{
	return m->has_prop && m->prop.outcome == PROPOSAL_FREEMAIL;
}

const char *
model_diag_problem(const struct model *m, char *buf, size_t size)
{
	const char *text = NULL;
	switch (m->diag) {
	case JOB_IDLE:
	case JOB_RUNNING: return NULL;
	case JOB_DONE:
		if (m->has_prop)
			return NULL;
		if (model_no_domain(m)) {
			char dom[600];
			return advice_no_domain(model_domain_label(m, dom, sizeof(dom)), buf, size);
		}
		if (m->diag_dnssec_error) {
			snprintf(buf, size, "%s",
				 _("DNSSEC-Fehler: Die Signaturen (DNSSEC) Ihrer Domain sind "
				   "fehlerhaft. Resolver, die Signaturen prüfen (so wie viele "
				   "Empfänger-Mailserver), liefern deshalb keinen Ihrer Einträge aus. "
				   "Das kann nur Ihr Domain-Anbieter beheben: Wenden Sie sich an Ihren "
				   "Domain-Anbieter."));
			return buf;
		}
		snprintf(buf, size, _("Das DNS hat nicht geantwortet: %s."),
			 explain_dns_status(m->prop.txt_status));
		return buf;
	case JOB_TIMED_OUT:
		snprintf(buf, size, _("Das DNS hat nicht innerhalb von %u Sekunden geantwortet."),
			 MODEL_DIAG_DEADLINE_S);
		return buf;
	case JOB_NOT_STARTED: text = _("Die Abfrage konnte nicht gestartet werden."); break;
	case JOB_NOMEM: text = _("Nicht genug Arbeitsspeicher."); break;
	}
	snprintf(buf, size, "%s", text);
	return buf;
}

/* Applies CHANGE to the open checks on disk as they are now (another wizard
 * or check --open may have changed them since this one read them), and
 * shows that list; where it cannot be saved, CHANGE goes to the list shown. */
static void
update_open(struct model *m, state_change_fn change, void *ctx)
{
	struct state_list fresh;
	char aside[512], msg[700];
	enum state_status st = m->has_state_dir
				   ? state_update(m->state_dir, change, ctx, &fresh, aside, sizeof(aside))
				   : STATE_IO;
	if (st == STATE_OK || st == STATE_SET_ASIDE) {
		state_list_clear(&m->open);
		m->open = fresh;
	} else {
		change(&m->open, ctx);
		if (m->has_state_dir)
			model_set_status(m, true,
					 _("Die Liste der offenen Prüfungen ließ sich nicht "
					   "speichern."));
	}
	if (st == STATE_SET_ASIDE) {
		snprintf(msg, sizeof(msg),
			 _("Die Liste der offenen Prüfungen war beschädigt und wurde "
			   "beiseitegelegt: %s"),
			 aside);
		model_set_status(m, true, msg);
	}
	if (m->welcome_sel > m->open.n)
		m->welcome_sel = m->open.n;
}

static int
put_open(struct state_list *list, void *entry)
{
	return state_put(list, entry) ? 1 : -1;
}

static int
remove_open(struct state_list *list, void *domain)
{
	return state_remove(list, domain) ? 1 : 0;
}

void
model_begin_check(struct model *m)
{
	const struct state_entry *old = state_find(&m->open, m->addr.domain);
	struct state_entry e = {
		.form = m->form,
		.with_ttl = m->with_ttl,
		.started = old ? old->started : time(NULL),
		.bound = old ? old->bound : (struct cache_bound){0},
	};
	m->bound = e.bound;
	snprintf(e.domain, sizeof(e.domain), "%s", m->addr.domain);
	snprintf(e.input, sizeof(e.input), "%s", m->input);
	m->check_since = e.started;
	m->propagated_at = 0;
	update_open(m, put_open, &e);
	check_round_clear(&m->round);
	m->has_round = false;
	m->rounds = 0;
	m->check = JOB_IDLE;
	m->next_check_ms = 0;
	schedule_init(
	    &m->schedule,
	    schedule_first_from(getenv("FLICONO_MAILSETUP_CHECK_INTERVAL"), SCHEDULE_FIRST_S),
	    SCHEDULE_MAX_S);
	m->checking = true;
	m->request = MODEL_REQUEST_CHECK;
}

bool
model_resume(struct model *m, size_t i)
{
	/* A copy: beginning the check rewrites the list. */
	const struct state_entry e = m->open.entries[i];
	model_set_input(m, e.input);
	if (!parse_input(m))
		return false;
	/* No diagnosis for a resumed check: none of an earlier domain's. */
	forget_diagnosis(m);
	forget_dconnect(m);
	m->method = METHOD_SPF;
	m->form = e.form;
	m->with_ttl = e.with_ttl;
	m->resumed = true;
	model_begin_check(m);
	/* The resumed check moved to the front of the list: keep it selected. */
	m->welcome_sel = 0;
	return true;
}

void
model_forget_open(struct model *m, size_t i)
{
	char domain[sizeof(m->open.entries[0].domain)], msg[512];
	if (i >= m->open.n)
		return;
	snprintf(domain, sizeof(domain), "%s", m->open.entries[i].domain);
	char *shown = textsafe_escape(m->open.entries[i].input,
				      strlen(m->open.entries[i].input), 256);
	/* Said first: a problem with the list, said by update_open, replaces it. */
	snprintf(msg, sizeof(msg), _("Die offene Prüfung für %s ist entfernt."),
		 shown ? shown : "?");
	model_set_status(m, false, msg);
	free(shown);
	update_open(m, remove_open, domain);
}

void
model_stop_check(struct model *m)
{
	m->checking = false;
	m->next_check_ms = 0;
	if (m->check == JOB_RUNNING)
		m->check = JOB_IDLE;
	if (m->request == MODEL_REQUEST_CHECK)
		m->request = MODEL_REQUEST_NONE;
}

void
model_retry_check(struct model *m)
{
	if (m->checking && m->check != JOB_RUNNING)
		m->request = MODEL_REQUEST_CHECK;
}

bool
model_propagated(const struct model *m)
{
	return m->has_round && m->round.failure == CHECK_OK &&
	       m->round.verdict.verdict == VERDICT_PROPAGATED;
}

bool
model_check_running(const struct model *m)
{
	return m->checking && !model_propagated(m);
}

uint32_t
model_check_elapsed(const struct model *m, time_t now)
{
	time_t end = m->propagated_at ? m->propagated_at : now;
	return end > m->check_since ? (uint32_t)(end - m->check_since) : 0;
}

const char *
model_check_problem(const struct model *m)
{
	if (m->has_round)
		return NULL;
	switch (m->check) {
	case JOB_NOT_STARTED: return _("Die Abfrage konnte nicht gestartet werden.");
	case JOB_NOMEM: return _("Nicht genug Arbeitsspeicher.");
	case JOB_TIMED_OUT: return _("Die Prüfung hat zu lange gedauert; sie wird wiederholt.");
	default: return NULL;
	}
}

void
model_job_started(struct model *m, enum model_request req, unsigned id, int64_t now_ms)
{
	if (req == MODEL_REQUEST_DIAGNOSIS) {
		m->diag = JOB_RUNNING;
		m->diag_job = id;
		m->diag_started_ms = now_ms;
		forget_diagnosis(m);
		forget_dconnect(m);
	} else if (req == MODEL_REQUEST_CHECK) {
		m->check = JOB_RUNNING;
		m->check_job = id;
		m->check_started_ms = now_ms;
		m->next_check_ms = 0;
	}
}

void
model_job_not_started(struct model *m, enum model_request req, int64_t now_ms)
{
	if (req == MODEL_REQUEST_DIAGNOSIS) {
		m->diag = JOB_NOT_STARTED;
		forget_diagnosis(m);
		forget_dconnect(m);
	} else if (req == MODEL_REQUEST_CHECK) {
		m->check = JOB_NOT_STARTED;
		/* Tried again on the schedule (or with r). */
		m->next_check_ms = schedule_retry(&m->schedule, now_ms);
		if (m->has_round)
			model_set_status(m, true, _("Die Abfrage konnte nicht gestartet werden."));
	}
}

void
model_diag_done(struct model *m, unsigned id, bool nomem, struct proposal *prop)
{
	if (id != m->diag_job || m->diag != JOB_RUNNING)
		return;
	forget_diagnosis(m);
	m->prop = *prop;
	*prop = (struct proposal){0};
	if (nomem || m->prop.outcome == PROPOSAL_NOMEM) {
		m->diag = JOB_NOMEM;
		return;
	}
	m->diag = JOB_DONE;
	/* The detected provider points into the job's list, which goes with
	 * the job: point it into the model's own. */
	const struct provider *theirs = m->prop.has_provider ? m->prop.provider.provider : NULL;
	m->prop.provider.provider = theirs ? provider_find(&m->providers, theirs->id) : NULL;
	m->prop.has_provider = m->prop.provider.provider != NULL;
	/* Without an answer about the TXT records nothing is proposed; for a
	 * domain that does not exist neither. */
	m->has_prop = m->prop.outcome != PROPOSAL_NO_ANSWER && !model_no_domain(m);
	/* The recommendation decides what is highlighted next (and the path
	 * the step counter walks); no answer recommends nothing. */
	bool spf = m->prop.outcome == PROPOSAL_PUBLISH || m->prop.outcome == PROPOSAL_NOTHING;
	if (m->has_prop)
		m->method = spf ? METHOD_SPF : METHOD_ALIAS;
	/* The detected provider is preset (the provider screen confirms it). */
	model_choose_provider(m, model_detected_provider(m));
}

void
model_diag_dnssec(struct model *m, unsigned id, bool failed)
{
	if (id == m->diag_job && m->diag == JOB_DONE && !m->has_prop)
		m->diag_dnssec_error = failed;
}

void
model_diag_dmarc(struct model *m, unsigned id, struct dmarc_result *d)
{
	if (id != m->diag_job || m->diag != JOB_RUNNING)
		return;
	dmarc_result_clear(&m->dmarc);
	m->dmarc = *d;
	*d = (struct dmarc_result){0};
}

void
model_diag_dconnect(struct model *m, unsigned id, struct dconnect_answer *a, char **control_panel,
		    char **apply_url)
{
	if (id != m->diag_job || m->diag != JOB_RUNNING)
		return;
	forget_dconnect(m);
	m->dc = *a;
	*a = (struct dconnect_answer){.state = DCONNECT_NONE};
	m->dc_control_panel = *control_panel;
	m->dc_apply_url = *apply_url;
	*control_panel = *apply_url = NULL;
}

bool
model_dc_link(const struct model *m)
{
	return m->dc_apply_url && m->has_prop && m->method == METHOD_SPF &&
	       m->prop.outcome == PROPOSAL_PUBLISH;
}

char *
model_dc_message(const struct model *m)
{
	char dom[600];
	if (!model_dc_link(m))
		return NULL;
	return dconnect_message(dconnect_settings_name(&m->dc.settings),
				model_domain_label(m, dom, sizeof(dom)), m->profile->sender_name,
				m->dc_apply_url);
}

void
model_check_done(struct model *m, unsigned id, struct check_round *round, bool nomem,
		 int64_t now_ms, time_t now)
{
	if (id != m->check_job || m->check != JOB_RUNNING)
		return;
	m->check = nomem ? JOB_NOMEM : JOB_DONE;
	check_round_clear(&m->round);
	m->round = *round;
	*round = (struct check_round){0};
	if (nomem)
		m->round.failure = CHECK_NOMEM;
	m->has_round = true;
	m->round_done_ms = now_ms;
	m->rounds++;
	if (m->round.failure == CHECK_OK) {
		m->bound = m->round.bound;
		struct state_bound sb = {.domain = m->addr.domain, .started = m->check_since,
					 .bound = m->bound};
		update_open(m, state_take_bound, &sb);
	}
	if (model_propagated(m)) {
		m->propagated_at = now;
		m->next_check_ms = 0;
		/* A propagated domain leaves the list of open checks. */
		update_open(m, remove_open, m->addr.domain);
		return;
	}
	const struct verdict_result *v = &m->round.verdict;
	uint32_t eta = m->round.failure == CHECK_OK && v->has_eta ? v->eta_seconds : 0;
	bool lag = m->round.failure == CHECK_OK && verdict_name_servers_lag(v);
	m->next_check_ms = schedule_after_round(&m->schedule, now_ms, eta, lag);
}

void
model_tick(struct model *m, int64_t now_ms)
{
	if (m->diag == JOB_RUNNING && now_ms - m->diag_started_ms > MODEL_DIAG_DEADLINE_S * 1000)
		m->diag = JOB_TIMED_OUT; /* its late result is dropped by id */
	if (m->check == JOB_RUNNING &&
	    now_ms - m->check_started_ms > MODEL_CHECK_DEADLINE_S * 1000) {
		m->check = JOB_TIMED_OUT;
		if (m->has_round)
			model_set_status(
			    m, true, _("Die Prüfung hat zu lange gedauert; sie wird wiederholt."));
		m->next_check_ms = schedule_retry(&m->schedule, now_ms);
	}
	if (m->checking && m->check != JOB_RUNNING && m->next_check_ms &&
	    now_ms >= m->next_check_ms)
		m->request = MODEL_REQUEST_CHECK;
}

bool
model_busy(const struct model *m)
{
	return m->diag == JOB_RUNNING || m->check == JOB_RUNNING;
}

const char *
model_record(const struct model *m, size_t *len)
{
	return proposal_record(&m->prop, m->profile, len);
}

const char *
model_owner_name(const struct model *m)
{
	return m->has_prop && m->prop.zone.rel[0] ? m->prop.zone.rel : "@";
}

char *
model_entry_text(const struct model *m)
{
	/* In the provider's words (as show gives them), with its TTL default
	 * where it has one. */
	struct profile profile = *m->profile;
	profile.ttl = model_ttl(m);
	return proposal_entry_for(&m->prop, &profile, m->form, m->with_ttl,
				  model_speaks_provider(m) ? m->provider : NULL);
}

char *
model_typed_text(const struct model *m, size_t *len)
{
	if (m->form == ENTRY_FORM_LINE) {
		/* The one-line form is typed as a whole: the whole line. */
		char *text = model_entry_text(m);
		if (text)
			text[*len = strcspn(text, "\n")] = '\0';
		return text;
	}
	const char *value = model_record(m, len);
	char *copy = malloc(*len + 1); /* the value may hold a NUL from DNS */
	if (copy) {
		memcpy(copy, value, *len);
		copy[*len] = '\0';
	}
	return copy;
}

const char *
model_domain_label(const struct model *m, char *buf, size_t size)
{
	if (!m->has_addr) {
		if (size)
			buf[0] = '\0';
		return buf;
	}
	/* The U-label is what the user typed (IDNA-checked, but still theirs). */
	const char *uni = m->addr.domain_unicode;
	char *u = textsafe_escape(uni, strlen(uni), 4096);
	if (address_is_idn(&m->addr) && m->utf8 && u)
		snprintf(buf, size, "%s (%s)", u, m->addr.domain);
	else
		snprintf(buf, size, "%s", m->addr.domain);
	free(u);
	return buf;
}

void
model_round_advice(const struct model *m, struct advice *a)
{
	char dom[600];
	struct provider_match match;
	const struct provider *prov = NULL;
	if (model_speaks_provider(m))
		prov = m->provider;
	else if (!m->has_prop &&
		 check_round_provider(&m->round, &m->providers, m->provider_choice, &match))
		prov = match.provider;
	check_round_advice(&m->round, m->addr.domain, model_domain_label(m, dom, sizeof(dom)),
			   m->profile->sender_name, prov, a);
}

const struct profile_alias *
model_alias(const struct model *m)
{
	return profile_alias_for(m->profile, m->lang);
}

char *
model_note_text(const struct model *m, bool with_check, time_t now)
{
	const struct proposal *p = &m->prop;
	bool publish = m->has_prop && p->outcome == PROPOSAL_PUBLISH && m->method == METHOD_SPF;
	char *entry = publish ? model_entry_text(m) : NULL;
	bool checked = with_check && m->has_round;
	const struct check_round *r = &m->round;
	char dom[600], mx[768];
	/* Why the entry has no mx, as the entry screen says it. */
	const char *mx_note = publish ? proposal_mx_note(p, model_domain_label(m, dom, sizeof(dom)),
							 mx, sizeof(mx))
				      : NULL;
	struct advice a;
	const char *delay = NULL; /* the provider's own delay, while its servers lag */
	char way[DCONNECT_TEXT];
	if (checked) {
		model_round_advice(m, &a);
		delay = a.publish_delay;
	}
	struct note_facts f = {
		.when = now,
		.utc_offset = note_utc_offset(now),
		.address = m->input,
		.domain_unicode = m->has_addr ? m->addr.domain_unicode : "",
		.domain_ascii = m->has_addr ? m->addr.domain : "",
		.provider = model_speaks_provider(m) ? m->provider->name
			    : m->dc.has_settings     ? dconnect_settings_name(&m->dc.settings)
						     : NULL,
		.sender_name = m->profile->sender_name,
		.method = m->method == METHOD_ALIAS ? NOTE_METHOD_ALIAS : NOTE_METHOD_SPF,
		.outcome = m->has_prop || model_no_domain(m) ? p->outcome : PROPOSAL_NO_ANSWER,
		.txt_status = p->txt_status,
		.replaces = p->merge.action == MERGE_EXTEND || p->merge.action == MERGE_COMBINE,
		.entry = entry,
		.mx_note = mx_note,
		.checked = checked,
		.check_failed = checked && r->failure != CHECK_OK,
		.failure = checked ? r->failure : CHECK_OK,
		.check_zone = checked ? r->zone : NULL,
		.checked_at = checked ? r->started + (time_t)(r->elapsed_ms / 1000) : 0,
		.obs = checked ? r->obs : NULL,
		.nobs = checked ? r->nobs : 0,
		.verdict = r->verdict,
		.bound = r->bound,
		.publish_delay = delay,
		.way = m->method == METHOD_SPF
			       ? dconnect_answer_way(&m->dc, model_dc_link(m), m->dc_control_panel != NULL,
						     way, sizeof(way))
			       : NULL,
	};
	char *note = publish && !entry ? NULL : note_make(&f);
	free(entry);
	return note;
}
