/* model.h — the wizard's model: the answers given, what the DNS work found,
 * the open checks, and everything the screens need beyond drawing. No
 * curses in here: tests link it on its own (tests/ui/test-model.c).
 *
 * The dispatcher (wizard.c) owns one model. Screens read it to draw and
 * change it from their key handlers; where that needs work only the
 * dispatcher can do (a DNS job on a thread), the model holds a request
 * (model.request) that the dispatcher fulfils and reports back with
 * model_job_started() / model_job_not_started() and the *_done() calls. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "address.h"
#include "dconnect_answer.h"
#include "entry.h"
#include "freemail.h"
#include "merge.h"
#include "profile.h"
#include "proposal.h"
#include "propagation.h"
#include "schedule.h"
#include "state.h"

/* The dispatcher gives up waiting for a job after this. */
#define MODEL_DIAG_DEADLINE_S 30
#define MODEL_CHECK_DEADLINE_S 30

enum method { METHOD_ALIAS, METHOD_SPF };

enum job_state {
	JOB_IDLE, /* nothing asked, or the answer is no longer wanted */
	JOB_RUNNING,
	JOB_DONE,        /* the answer is in */
	JOB_TIMED_OUT,   /* no answer within the deadline (a late one is dropped) */
	JOB_NOT_STARTED, /* the job could not be started (no thread) */
	JOB_NOMEM,       /* the job ran out of memory */
};

enum model_request {
	MODEL_REQUEST_NONE,
	MODEL_REQUEST_DIAGNOSIS, /* start the diagnosis of addr.domain */
	MODEL_REQUEST_CHECK,     /* start a check round for addr.domain */
};

struct model {
	const struct profile *profile;
	const char *lang; /* "de" or "en": the profile's alias texts */
	bool utf8;        /* the codeset is UTF-8 (else transliterate) */
	int64_t now_ms;   /* clock_now_ms(), set by the dispatcher before drawing */
	enum model_request request;

	/* Welcome: the open checks and the selection (open checks first, the
	 * new setup last, at index open.n). */
	struct state_list open;
	char state_dir[4096];
	bool has_state_dir;
	size_t welcome_sel;
	bool welcome_confirm; /* asking whether to forget the selected one */

	/* Address: the field, edited in place (UTF-8), and the parsed result. */
	char input[256];
	size_t input_len, cursor; /* bytes; the cursor sits on a character boundary */
	char input_error[512];
	struct address addr;
	bool has_addr;
	struct freemail_list *freemail; /* loaded to report a broken list */
	char freemail_path[4096];       /* for the diagnosis job's own copy; "" none */
	/* The DNS providers (data/providers): the model's own list, which the
	 * proposal's detected provider is pointed into when it arrives. */
	struct provider_list providers;
	char providers_path[4096]; /* for the diagnosis job's own copy; "" none */

	/* Diagnosis: the shared proposal the worker computed. */
	enum job_state diag;
	unsigned diag_job; /* the id of the job whose result is wanted */
	int64_t diag_started_ms;
	struct proposal prop;
	bool has_prop; /* prop holds a finished diagnosis with an answer */
	/* Domain Connect, as the diagnosis found it: what the provider speaks,
	 * the link to its DNS settings and the signed apply link (NULL: none). */
	struct dconnect_answer dc;
	char *dc_control_panel, *dc_apply_url;
	bool dc_fields;  /* the fields, not the apply link (2): the questions come first */
	bool dc_message; /* the entry shows the message for the customer (m) */
	bool dc_to_questions; /* 2 in the link view: back to the first question */

	/* The answers. */
	enum method method;
	enum entry_form form;
	bool with_ttl;
	size_t sel;   /* the highlighted choice on the current screen */
	bool spelling; /* the entry screen shows the dictation (b) */
	bool noting;   /* the entry or check screen shows the ticket note (n) */
	bool resumed; /* the check was chosen from the open checks */
	/* The provider the entry speaks for (NULL: generic), preset to the
	 * detected one; the provider screen shows its list (listing). */
	const struct provider *provider;
	bool listing;
	/* --provider (NULL: detect): for a check without a diagnosis (resumed),
	 * whose provider comes from the round's name servers. */
	const char *provider_choice;
	/* The customer answers the form and TTL questions himself (Esc from
	 * the entry), even where the provider's entry answers them. */
	bool ask_self;
	bool to_questions; /* Esc from the entry: back to the first question */

	/* Check: between model_begin_check() and model_stop_check(). */
	bool checking;
	enum job_state check;
	unsigned check_job;
	int64_t check_started_ms; /* when the running round began */
	int64_t next_check_ms;    /* when the next round starts (0: none planned) */
	struct schedule schedule;
	time_t check_since;       /* when this domain's check began (open checks) */
	time_t propagated_at;     /* the round that found it propagated, else 0 */
	struct dmarc_result dmarc; /* the diagnosis's DMARC policy (dmarc.asked: has one) */
	bool diag_dnssec_error;    /* the diagnosis's SERVFAIL is DNSSEC's */
	struct check_round round; /* the last round that brought a result */
	/* The worldwide cache bound so far (bound.h): the open check's, then
	 * each round's; handed to the next round and kept in the open check. */
	struct cache_bound bound;
	bool has_round;
	int64_t round_done_ms; /* when that round arrived (TTL countdowns) */
	unsigned rounds;

	/* The status line; status_seq counts the texts set. */
	char status[1024];
	bool status_error;
	unsigned status_seq;
};

/* An empty model for PROFILE (kept, not copied), no open checks loaded. */
void model_init(struct model *m, const struct profile *profile, const char *lang, bool utf8);
/* Frees what M holds; NULL is a no-op. */
void model_clear(struct model *m);
/* Loads the open checks ($XDG_STATE_HOME), which the welcome screen lists;
 * a problem is put on the status line. */
void model_load_open_checks(struct model *m);
/* Loads the freemail list and data/providers, which only the diagnosis and
 * later screens use (the wizard reads them after its first frame); a
 * problem with either is put on the status line. */
void model_load_data(struct model *m);

void model_set_status(struct model *m, bool error, const char *text);
/* Puts TEXT in the address field, the cursor at its end. */
void model_set_input(struct model *m, const char *text);

/* Parses the address field. On success the diagnosis is requested; false
 * with input_error set. */
bool model_submit_address(struct model *m);
/* Resumes open check I: its address and answers, and the check begins.
 * False when its address no longer parses (then it is in the field). */
bool model_resume(struct model *m, size_t i);
/* Removes open check I from the list on disk (read anew, so that what
 * another run changed meanwhile stays) and from the model; says so in the
 * status line. */
void model_forget_open(struct model *m, size_t i);
/* What Domain Connect said in the diagnosis job ID: *A and the links taken
 * over (emptied); call it before model_diag_done. */
void model_diag_dconnect(struct model *m, unsigned id, struct dconnect_answer *a,
			 char **control_panel, char **apply_url);
/* The entry offers the apply link first (the provider has Flicono's
 * template, and the link is signed). */
bool model_dc_link(const struct model *m);
/* The message that carries the apply link to the customer
 * (dconnect_message), a new string; NULL without a link or memory. */
char *model_dc_message(const struct model *m);
/* The DMARC policy the diagnosis job ID found: taken over (*D emptied). */
void model_diag_dmarc(struct model *m, unsigned id, struct dmarc_result *d);
/* The diagnosis job ID (already done) found the zone's signatures failing
 * (worker.h: dnssec_error). */
void model_diag_dnssec(struct model *m, unsigned id, bool failed);
/* Asks for the diagnosis again. */
void model_retry_diagnosis(struct model *m);
/* Forgets a running diagnosis: its result, when it comes, is dropped. */
void model_drop_diagnosis(struct model *m);
/* The diagnosis can be moved on from: it has a result. */
bool model_diagnosis_answered(const struct model *m);
/* The diagnosis found a freemail domain (SPF is not the customer's). */
bool model_freemail(const struct model *m);

/* Whether the diagnosis found that the sender's domain does not exist
 * (PROPOSAL_NO_DOMAIN): model_diag_problem then says so. */
bool model_no_domain(const struct model *m);
/* Why the diagnosis has no result, as a sentence (BUF, SIZE), or NULL
 * when it has one or is still running. */
const char *model_diag_problem(const struct model *m, char *buf, size_t size);

/* The domain enters the open checks (saved) and the first round is
 * requested. */
void model_begin_check(struct model *m);
/* Leaving the check screen: no more rounds; the domain stays open. */
void model_stop_check(struct model *m);
/* Asks for a round now (r), unless one is out. */
void model_retry_check(struct model *m);
/* The check screen shows a propagated domain. */
bool model_propagated(const struct model *m);
/* The check is on and not yet propagated (q asks first). */
bool model_check_running(const struct model *m);
/* Seconds since the domain's check began, at NOW; frozen at the round
 * that found it propagated. */
uint32_t model_check_elapsed(const struct model *m, time_t now);
/* Why the check has no round to show, as a sentence, or NULL. */
const char *model_check_problem(const struct model *m);

/* A job was started for REQ with ID at NOW_MS, or could not be. */
void model_job_started(struct model *m, enum model_request req, unsigned id, int64_t now_ms);
void model_job_not_started(struct model *m, enum model_request req, int64_t now_ms);
/* The diagnosis job ID ended: whether it ran out of memory, and its
 * proposal (moved into the model; *PROP is left empty). A result that is
 * no longer wanted is dropped. */
void model_diag_done(struct model *m, unsigned id, bool nomem, struct proposal *prop);
/* The check job ID ended at NOW_MS (wall clock NOW) with *ROUND (moved). */
void model_check_done(struct model *m, unsigned id, struct check_round *round, bool nomem,
		      int64_t now_ms, time_t now);
/* Deadlines and the schedule at NOW_MS: may time a job out or request
 * the next round. */
void model_tick(struct model *m, int64_t now_ms);
/* A job is out (the dispatcher then wakes up often for the spinner). */
bool model_busy(const struct model *m);

/* What to publish, from the proposal: the record's value (LEN bytes), the
 * entry in the chosen form (new string, NULL when out of memory), and the
 * owner name relative to the zone ("@" before a diagnosis). */
const char *model_record(const struct model *m, size_t *len);
char *model_entry_text(const struct model *m);
/* What the customer types, as k copies it and b spells it: the whole line
 * in the one-line form, else the record's value. A new string of *LEN
 * bytes (NULL when out of memory). */
char *model_typed_text(const struct model *m, size_t *len);
const char *model_owner_name(const struct model *m);
/* The ticket note (note.h) at NOW: the answers, the entry as shown and,
 * WITH_CHECK, the last round (else "noch nicht geprüft"). A new string,
 * NULL when out of memory. */
char *model_note_text(const struct model *m, bool with_check, time_t now);
/* The domain for people: "müller-bau.de (xn--mller-bau-q9a.de)" or the
 * A-label, in BUF; "" before an address was given. */
const char *model_domain_label(const struct model *m, char *buf, size_t size);
/* The last round in words (advice.h), the mistakes' fixes in the words of
 * the provider the entry speaks for; a resumed check (no diagnosis) takes
 * the provider of the round's name servers, as check does. */
void model_round_advice(const struct model *m, struct advice *a);
/* --- the DNS provider (model_provider.c) --- */

/* Loads data/providers; a broken file is a status line, and the wizard
 * then knows no provider. */
void model_load_providers(struct model *m);
/* The provider the diagnosis detected (in the model's list), or NULL. */
const struct provider *model_detected_provider(const struct model *m);
/* Where that provider comes from, for showing: its name server, or that
 * --provider chose it. Into BUF; NULL when there is none. */
const char *model_provider_reason(const struct model *m, char *buf, size_t size);
/* The provider screen is on the way: a provider was detected, and the
 * customer publishes an SPF record. */
bool model_provider_screen(const struct model *m);
/* The entry speaks for m->provider (on the SPF path, with a proposal). */
bool model_speaks_provider(const struct model *m);
/* Takes P (NULL: none, the generic questions): presets the form and the
 * TTL where P's entry knows them. */
void model_choose_provider(struct model *m, const struct provider *p);
/* Whether the form / the TTL question is answered by the provider. */
bool model_provider_form(const struct model *m);
bool model_provider_ttl(const struct model *m);
/* The TTL the entry shows: the provider's default, else the profile's. */
unsigned long model_ttl(const struct model *m);
/* "Bei STRATO: einzelne Felder, ohne TTL (Esc: selbst wählen)" in BUF,
 * or NULL when the provider answers no question. */
const char *model_provider_assumed(const struct model *m, char *buf, size_t size);
/* The provider's warnings for the entry (its own SPF feature, a name
 * field that appends the domain, quotes, the form's length limit), one per line; "" when none. New string, NULL
 * when out of memory. */
char *model_provider_warnings(const struct model *m);
/* The provider's own words (its SPF feature text, data/providers) already
 * tell to edit the one SPF record rather than add a second: the entry's own
 * sentences then leave that out, so the warning stands once on the screen,
 * in the provider's words. */
bool model_provider_says_one_record(const struct model *m);

/* The alias texts in the model's language. */
const struct profile_alias *model_alias(const struct model *m);
