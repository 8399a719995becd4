/* test-model.c — the wizard's model without a terminal: which message a
 * diagnosis without result shows, a check that could not start, the
 * elapsed time frozen once propagated, and the schedule of the rounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct profile profile;

static int
setup(void **state)
{
	struct inifile_problem problem;
	char path[4096];
	(void)state;
	snprintf(path, sizeof(path), "%s/flicono.profile", getenv("FLICONO_MAILSETUP_DATADIR"));
	return profile_load(path, &profile, &problem) ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	profile_clear(&profile);
	return 0;
}

/* A model with the address ADDR submitted; no state directory, so nothing
 * is written. */
static void
model_for(struct model *m, const char *addr)
{
	model_init(m, &profile, "de", true);
	model_set_input(m, addr);
	assert_true(model_submit_address(m));
	assert_int_equal(m->request, MODEL_REQUEST_DIAGNOSIS);
	m->request = MODEL_REQUEST_NONE;
}

static const char *
problem(const struct model *m)
{
	static char buf[512];
	return model_diag_problem(m, buf, sizeof(buf));
}

/* A local part over 64 octets (RFC 5321 4.5.3.1.1): refused in the wizard
 * too, the input kept for correcting, the message beside it. */
static void
long_local_part_kept(void **state)
{
	(void)state;
	struct model m;
	char input[128] = {0};
	memset(input, 'a', 65);
	strcat(input, "@firma.de");
	model_init(&m, &profile, "de", true);
	model_set_input(&m, input);
	assert_false(model_submit_address(&m));
	assert_string_equal(m.input, input);
	assert_int_equal(m.request, MODEL_REQUEST_NONE);
	assert_non_null(strstr(m.input_error, "Der Teil vor dem @ ist zu lang: 65 Bytes"));
	model_clear(&m);
}

static void
diagnosis_messages(void **state)
{
	(void)state;
	struct model m;
	struct proposal empty = {.outcome = PROPOSAL_PUBLISH};
	model_for(&m, "info@ohne-spf.de");

	/* No thread: its own message, not a time-out. */
	model_job_not_started(&m, MODEL_REQUEST_DIAGNOSIS, 1000);
	assert_string_equal(problem(&m), "Die Abfrage konnte nicht gestartet werden.");
	assert_false(model_diagnosis_answered(&m));
	model_retry_diagnosis(&m);
	assert_int_equal(m.request, MODEL_REQUEST_DIAGNOSIS);

	/* Out of memory after the TXT answer came in: not "DNS did not answer". */
	model_job_started(&m, MODEL_REQUEST_DIAGNOSIS, 7, 2000);
	assert_null(problem(&m));
	model_diag_done(&m, 7, true, &empty);
	assert_string_equal(problem(&m), "Nicht genug Arbeitsspeicher.");

	/* The deadline passed. */
	model_job_started(&m, MODEL_REQUEST_DIAGNOSIS, 8, 3000);
	model_tick(&m, 3000 + MODEL_DIAG_DEADLINE_S * 1000 + 1);
	assert_string_equal(problem(&m),
			    "Das DNS hat nicht innerhalb von 30 Sekunden geantwortet.");
	/* Its late answer is dropped. */
	empty.outcome = PROPOSAL_PUBLISH;
	model_diag_done(&m, 8, false, &empty);
	assert_int_equal(m.diag, JOB_TIMED_OUT);

	/* An answer without data about the TXT records: the DNS status. */
	model_job_started(&m, MODEL_REQUEST_DIAGNOSIS, 9, 4000);
	empty = (struct proposal){.outcome = PROPOSAL_NO_ANSWER, .txt_status = DNS_STATUS_SERVFAIL};
	model_diag_done(&m, 9, false, &empty);
	assert_non_null(strstr(problem(&m), "Das DNS hat nicht geantwortet: "));

	/* A result: no problem. */
	model_job_started(&m, MODEL_REQUEST_DIAGNOSIS, 10, 5000);
	empty = (struct proposal){.outcome = PROPOSAL_PUBLISH, .txt_status = DNS_STATUS_NODATA};
	model_diag_done(&m, 10, false, &empty);
	assert_null(problem(&m));
	assert_true(model_diagnosis_answered(&m));
	model_clear(&m);
}

/* The proposal decides freemail; the model follows it. */
static void
freemail_from_the_proposal(void **state)
{
	(void)state;
	struct model m;
	model_for(&m, "info@gmx.de");
	model_job_started(&m, MODEL_REQUEST_DIAGNOSIS, 3, 0);
	struct proposal prop = {.outcome = PROPOSAL_FREEMAIL};
	model_diag_done(&m, 3, false, &prop);
	assert_true(model_diagnosis_answered(&m));
	assert_true(model_freemail(&m));
	assert_null(problem(&m));
	assert_int_equal(m.method, METHOD_ALIAS);
	model_clear(&m);
}

/* A round for the model's domain: every row serving the new record
 * (PROPAGATED) or one cache still holding the old one for ETA seconds. */
static struct check_round
round_of(bool propagated, uint32_t eta)
{
	struct check_round r = {.failure = CHECK_OK};
	r.verdict.verdict = propagated ? VERDICT_PROPAGATED : VERDICT_PENDING;
	r.verdict.has_eta = eta > 0;
	r.verdict.eta_seconds = eta;
	return r;
}

static void
check_rounds(void **state)
{
	(void)state;
	struct model m;
	model_for(&m, "ohne-spf.de");
	unsetenv("FLICONO_MAILSETUP_CHECK_INTERVAL");
	model_begin_check(&m);
	assert_int_equal(m.request, MODEL_REQUEST_CHECK);
	m.request = MODEL_REQUEST_NONE;
	m.check_since = 1000;

	/* No thread for the first round: said so, and tried again later. */
	model_job_not_started(&m, MODEL_REQUEST_CHECK, 0);
	assert_string_equal(model_check_problem(&m), "Die Abfrage konnte nicht gestartet werden.");
	assert_int_equal(m.next_check_ms, 15000);
	model_tick(&m, 15000);
	assert_int_equal(m.request, MODEL_REQUEST_CHECK);
	m.request = MODEL_REQUEST_NONE;

	/* A round with a cache expiring in 8 s: the next right after it. */
	model_job_started(&m, MODEL_REQUEST_CHECK, 3, 20000);
	struct check_round r = round_of(false, 8);
	model_check_done(&m, 3, &r, false, 21000, 1030);
	assert_null(model_check_problem(&m));
	assert_int_equal(m.next_check_ms, 21000 + 8000 + SCHEDULE_ETA_SLACK_MS);
	assert_true(model_check_running(&m));
	assert_int_equal(model_check_elapsed(&m, 1040), 40);

	/* Propagated at 1065: the elapsed time stops there. */
	model_job_started(&m, MODEL_REQUEST_CHECK, 4, 40000);
	r = round_of(true, 0);
	model_check_done(&m, 4, &r, false, 41000, 1065);
	assert_true(model_propagated(&m));
	assert_false(model_check_running(&m));
	assert_int_equal(m.next_check_ms, 0);
	assert_int_equal(model_check_elapsed(&m, 1065), 65);
	assert_int_equal(model_check_elapsed(&m, 5000), 65);

	/* Leaving the check stops its rounds. */
	model_stop_check(&m);
	model_tick(&m, 999999);
	assert_int_equal(m.request, MODEL_REQUEST_NONE);
	model_clear(&m);
}

static void
check_out_of_memory(void **state)
{
	(void)state;
	struct model m;
	model_for(&m, "ohne-spf.de");
	model_begin_check(&m);
	model_job_started(&m, MODEL_REQUEST_CHECK, 5, 0);
	struct check_round r = {0};
	model_check_done(&m, 5, &r, true, 1000, 2000);
	assert_int_equal(m.round.failure, CHECK_NOMEM);
	assert_false(model_propagated(&m));
	assert_true(m.next_check_ms > 1000);
	model_clear(&m);
}

static void
what_to_publish(void **state)
{
	(void)state;
	struct model m;
	size_t len;
	model_for(&m, "info@ohne-spf.de");
	assert_string_equal(model_owner_name(&m), "@");
	assert_string_equal(model_record(&m, &len), profile.template_record);
	char *text = model_entry_text(&m);
	assert_non_null(text);
	assert_string_equal(text, "@ 86400 IN TXT \"v=spf1 mx ip4:148.251.195.107 "
				  "ip6:2a01:4f8:211:18e8::2 -all\"\n");
	free(text);
	char buf[300];
	assert_string_equal(model_domain_label(&m, buf, sizeof(buf)), "ohne-spf.de");
	/* A subdomain's proposal: its owner name, in the entry too. */
	model_job_started(&m, MODEL_REQUEST_DIAGNOSIS, 2, 0);
	struct proposal prop = {.outcome = PROPOSAL_PUBLISH};
	snprintf(prop.zone.name, sizeof(prop.zone.name), "beispiel-firma.de");
	snprintf(prop.zone.rel, sizeof(prop.zone.rel), "mail");
	model_diag_done(&m, 2, false, &prop);
	assert_string_equal(model_owner_name(&m), "mail");
	text = model_entry_text(&m);
	assert_non_null(text);
	assert_true(strncmp(text, "mail 86400 IN TXT ", 18) == 0);
	free(text);
	model_clear(&m);
	model_for(&m, "info@müller-bau.de");
	assert_string_equal(model_domain_label(&m, buf, sizeof(buf)),
			    "müller-bau.de (xn--mller-bau-q9a.de)");
	model_clear(&m);
}

/* What k copies and b spells: the whole line in the one-line form, the
 * value alone in the fields form. */
static void
what_is_typed(void **state)
{
	(void)state;
	struct model m;
	size_t len;
	model_for(&m, "info@ohne-spf.de");
	m.form = ENTRY_FORM_LINE;
	m.with_ttl = true;
	char *typed = model_typed_text(&m, &len);
	assert_non_null(typed);
	assert_string_equal(typed, "@ 86400 IN TXT \"v=spf1 mx ip4:148.251.195.107 "
				   "ip6:2a01:4f8:211:18e8::2 -all\"");
	assert_int_equal(len, strlen(typed));
	free(typed);
	m.form = ENTRY_FORM_FIELDS;
	typed = model_typed_text(&m, &len);
	assert_non_null(typed);
	assert_string_equal(typed, profile.template_record);
	assert_int_equal(len, strlen(profile.template_record));
	free(typed);
	model_clear(&m);
}

/* A publishing proposal whose provider is ID from a list of its own (as
 * the diagnosis job's copy), handed to M at owner name REL of ZONE. */
static void
diagnose_at(struct model *m, const char *id, const char *zone, const char *rel)
{
	static unsigned job = 100;
	struct provider_list theirs = {0};
	struct inifile_problem problem;
	char path[4096];
	snprintf(path, sizeof(path), "%s/providers", getenv("FLICONO_MAILSETUP_DATADIR"));
	if (id)
		assert_true(provider_load(path, &theirs, &problem));
	struct proposal prop = {.outcome = PROPOSAL_PUBLISH};
	snprintf(prop.zone.name, sizeof(prop.zone.name), "%s", zone);
	snprintf(prop.zone.rel, sizeof(prop.zone.rel), "%s", rel);
	prop.provider.provider = id ? provider_find(&theirs, id) : NULL;
	prop.has_provider = id != NULL;
	snprintf(prop.provider.name, sizeof(prop.provider.name), "ns.example");
	m->method = METHOD_SPF;
	model_job_started(m, MODEL_REQUEST_DIAGNOSIS, ++job, 0);
	model_diag_done(m, job, false, &prop);
	provider_list_clear(&theirs); /* the model points into its own list */
}

static void
assert_entry(const struct model *m, const char *want)
{
	char *text = model_entry_text(m);
	assert_non_null(text);
	assert_string_equal(text, want);
	free(text);
}

/* IONOS's own words say to edit the one SPF record and not add a second:
 * the model says so, and its warnings leave the wizard's sentence out (the
 * entry screen then says it once, tests/e2e/e2e-provider.sh); STRATO's
 * words do not, and the wizard's sentence follows them. */
static void
provider_says_one_record(void **state)
{
	(void)state;
	struct model m;
	model_for(&m, "info@ionos-kunde.de");
	model_load_providers(&m);
	diagnose_at(&m, "ionos", "ionos-kunde.de", "@");
	assert_true(model_provider_says_one_record(&m));
	char *warn = model_provider_warnings(&m);
	assert_non_null(warn);
	assert_non_null(strstr(warn, "bearbeiten, keinen zweiten anlegen.\n"));
	assert_null(strstr(warn, "Ändern Sie dann"));
	free(warn);
	diagnose_at(&m, "strato", "ionos-kunde.de", "@");
	assert_false(model_provider_says_one_record(&m));
	warn = model_provider_warnings(&m);
	assert_non_null(strstr(warn, "Ändern Sie dann diesen SPF-Eintrag, statt einen zweiten "
				     "anzulegen."));
	free(warn);
	model_clear(&m);
}

/* STRATO: its labels, the empty Präfix at the apex, no form or TTL
 * question, its SPF feature; a subdomain's Präfix says what STRATO
 * appends; k copies the value alone. */
static void
provider_strato(void **state)
{
	(void)state;
	struct model m;
	char buf[512];
	size_t len;
	model_for(&m, "info@strato-kunde.de");
	model_load_providers(&m);
	assert_true(m.providers.n > 0);
	diagnose_at(&m, "strato", "strato-kunde.de", "@");
	assert_non_null(model_detected_provider(&m));
	assert_ptr_equal(m.provider, provider_find(&m.providers, "strato"));
	assert_true(model_provider_screen(&m));
	assert_true(model_provider_form(&m));
	/* data/providers knows no TTL for STRATO: the customer is asked. */
	assert_false(model_provider_ttl(&m));
	assert_int_equal(m.form, ENTRY_FORM_FIELDS);
	m.with_ttl = false; /* the answer to the TTL question */
	assert_string_equal(model_provider_assumed(&m, buf, sizeof(buf)),
			    "Bei STRATO: einzelne Felder (Esc: selbst wählen)");
	assert_entry(&m, "Präfix: (leer lassen)\nTyp: TXT\nWert: v=spf1 mx ip4:148.251.195.107 "
			 "ip6:2a01:4f8:211:18e8::2 -all\n");
	char *warn = model_provider_warnings(&m);
	assert_non_null(warn);
	assert_non_null(strstr(warn, "Standard STRATO Mailserver"));
	assert_non_null(strstr(warn, "statt einen zweiten anzulegen"));
	free(warn);
	char *typed = model_typed_text(&m, &len);
	assert_string_equal(typed, profile.template_record);
	free(typed);
	diagnose_at(&m, "strato", "beispiel-firma.de", "mail");
	assert_entry(&m, "Präfix: mail\nTyp: TXT\n"
			 "Wert: v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all\n");
	warn = model_provider_warnings(&m);
	assert_non_null(strstr(warn, "Im Feld „Präfix“ nur „mail“ eintragen: STRATO hängt "
				     "„.beispiel-firma.de“ selbst an."));
	free(warn);
	/* Esc from the entry: the customer answers the questions himself. */
	m.ask_self = true;
	assert_false(model_provider_form(&m));
	assert_null(model_provider_assumed(&m, buf, sizeof(buf)));
	/* The alias path speaks for no provider. */
	m.method = METHOD_ALIAS;
	assert_false(model_speaks_provider(&m));
	model_clear(&m);
}

/* Cloudflare: "@" at the apex, its TTL field, it adds the quotes itself;
 * united-domains: no form known (asked), generic labels, its TTL default. */
static void
provider_labels_and_fallback(void **state)
{
	(void)state;
	struct model m;
	char buf[512];
	model_for(&m, "info@ohne-spf.de");
	model_load_providers(&m);
	diagnose_at(&m, "cloudflare", "ohne-spf.de", "@");
	assert_true(m.with_ttl);
	assert_entry(&m, "Name: @\nTTL: 86400\nType: TXT\nContent: v=spf1 mx "
			 "ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all\n");
	char *warn = model_provider_warnings(&m);
	assert_non_null(strstr(warn, "Cloudflare setzt die Anführungszeichen selbst"));
	free(warn);
	diagnose_at(&m, "united-domains", "ohne-spf.de", "@");
	assert_false(model_provider_form(&m));
	assert_false(model_provider_ttl(&m));
	assert_null(model_provider_assumed(&m, buf, sizeof(buf)));
	m.form = ENTRY_FORM_FIELDS; /* as the customer answered */
	m.with_ttl = true;
	assert_entry(&m, "Name: @\nTTL: 600\nTyp: TXT\nData: v=spf1 mx ip4:148.251.195.107 "
			 "ip6:2a01:4f8:211:18e8::2 -all\n");
	m.form = ENTRY_FORM_LINE;
	assert_entry(&m, "@ 600 IN TXT \"v=spf1 mx ip4:148.251.195.107 "
			 "ip6:2a01:4f8:211:18e8::2 -all\"\n");
	/* No provider: today's entry, the profile's TTL. */
	diagnose_at(&m, NULL, "ohne-spf.de", "@");
	assert_false(model_provider_screen(&m));
	assert_entry(&m, "@ 86400 IN TXT \"v=spf1 mx ip4:148.251.195.107 "
			 "ip6:2a01:4f8:211:18e8::2 -all\"\n");
	model_clear(&m);
}

/* A broken data/providers: a status line naming file and line, no
 * provider, and the diagnosis then detects none (the generic flow). */
static void
provider_list_broken(void **state)
{
	(void)state;
	struct model m;
	char dir[] = "/tmp/test-model.XXXXXX", path[64], *old = getenv("FLICONO_MAILSETUP_DATADIR");
	char *keep = old ? strdup(old) : NULL;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/providers", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("[strato]\nname = STRATO\nthis is no key\n", f);
	fclose(f);
	setenv("FLICONO_MAILSETUP_DATADIR", dir, 1);
	model_for(&m, "info@strato-kunde.de");
	model_load_providers(&m);
	assert_true(m.status_error);
	assert_non_null(strstr(m.status, path));
	assert_int_equal(m.providers.n, 0);
	assert_string_equal(m.providers_path, "");
	diagnose_at(&m, NULL, "strato-kunde.de", "@");
	assert_false(model_provider_screen(&m));
	assert_null(m.provider);
	model_clear(&m);
	unlink(path);
	rmdir(dir);
	if (keep)
		setenv("FLICONO_MAILSETUP_DATADIR", keep, 1);
	free(keep);
}

/* What Domain Connect found belongs to the diagnosis it came with: a new
 * diagnosis, or a resumed check of another domain, offers none of it (the
 * link, the provider's name in the note). */
static void
dconnect_with_its_diagnosis(void **state)
{
	(void)state;
	struct model m;
	model_for(&m, "info@dc-ja.de");
	model_job_started(&m, MODEL_REQUEST_DIAGNOSIS, 1, 0);
	struct dconnect_answer a = {.state = DCONNECT_TEMPLATE, .has_settings = true};
	a.settings.provider_id = strdup("dc-eins.test");
	a.settings.provider_name = strdup("Eins DNS");
	a.settings.url_api = strdup("https://api.dc-eins.test");
	char *panel = strdup("https://panel.dc-eins.test/dns/dc-ja.de");
	char *link = strdup("https://connect.dc-eins.test/v2/apply?domain=dc-ja.de&sig=x&key=k");
	model_diag_dconnect(&m, 1, &a, &panel, &link);
	assert_null(panel);
	assert_null(link);
	struct proposal p = {.outcome = PROPOSAL_PUBLISH, .zone_found = true};
	model_diag_done(&m, 1, false, &p);
	m.method = METHOD_SPF;
	assert_true(model_dc_link(&m));
	char *msg = model_dc_message(&m);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "\nhttps://connect.dc-eins.test/v2/apply?domain=dc-ja.de&sig=x&key=k\n"));
	free(msg);

	/* A resumed check of another domain. */
	state_list_clear(&m.open);
	m.open.entries = calloc(1, sizeof(*m.open.entries));
	assert_non_null(m.open.entries);
	m.open.n = 1;
	snprintf(m.open.entries[0].domain, sizeof(m.open.entries[0].domain), "kein-dc.de");
	snprintf(m.open.entries[0].input, sizeof(m.open.entries[0].input), "kein-dc.de");
	assert_true(model_resume(&m, 0));
	assert_false(model_dc_link(&m));
	assert_null(m.dc_apply_url);
	assert_null(m.dc_control_panel);
	assert_false(m.dc.has_settings);
	assert_null(model_dc_message(&m));
	char *note = model_note_text(&m, false, 0);
	assert_non_null(note);
	assert_null(strstr(note, "Eins DNS"));
	free(note);
	model_clear(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(diagnosis_messages), cmocka_unit_test(long_local_part_kept), cmocka_unit_test(freemail_from_the_proposal),
	    cmocka_unit_test(check_rounds),       cmocka_unit_test(check_out_of_memory),
	    cmocka_unit_test(what_to_publish),    cmocka_unit_test(what_is_typed),
	    cmocka_unit_test(provider_strato), cmocka_unit_test(provider_says_one_record),    cmocka_unit_test(provider_labels_and_fallback),
	    cmocka_unit_test(provider_list_broken), cmocka_unit_test(dconnect_with_its_diagnosis),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
