/* cmd_open.c — the support desk's view of the open checks (state.h):
 * `check --open [--watch] [--json]` checks every open case, at most
 * OPEN_PARALLEL domains at once, prints a line per case and takes the
 * propagated ones off the list; `forget ADDRESS` removes one case. */
#include "commands.h"

#include "address.h"
#include "advice.h"
#include "i18n.h"
#include "orgdomain.h"
#include "output.h"
#include "propagation.h"
#include "proposal.h"
#include "provider.h"
#include "state.h"
#include "textsafe.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* check_run() blocks for a round: one thread per domain, this many at once. */
enum { OPEN_PARALLEL = 8 };

struct open_case {
	struct state_entry entry;
	struct address addr;
	bool parsed;       /* addr holds the entry's address */
	char sender[320];
	struct check_round round;
	bool checked;      /* round holds a finished round */
	int status;        /* its exit status: 0 propagated … 3 unknown */
	int shown_status;  /* the status last printed; -1: none yet */
	time_t when;       /* wall clock at the end of the round */
	bool removed;      /* propagated: asked no more */
	bool left_list;    /* and taken off the open list on disk by this run */
	struct provider_match provider;
	bool has_provider; /* found from the round's name servers */
};

/* What the threads of one round share; NEXT under LOCK. */
struct open_round {
	struct open_case *cases;
	size_t n, next;
	pthread_mutex_t lock;
	const struct profile *profile;
	const struct check_resolver *resolvers;
	size_t nresolvers;
	const struct provider_list *providers;
	const char *choice; /* --provider */
};

/* The outcome in advice's words, by the exit status of the case. */
static const char *
status_label(int status)
{
	static const enum verdict by_status[] = {VERDICT_PROPAGATED, VERDICT_PENDING,
						  VERDICT_WRONG};
	bool judged = status >= CLI_EXIT_OK && status <= CLI_EXIT_WRONG_RECORD;
	return advice_outcome(judged, judged ? by_status[status] : VERDICT_UNKNOWN);
}

/* The outcome of case C: its exit status's words, and advice's own for a
 * domain that does not exist. */
static const char *
case_label(const struct open_case *c)
{
	if (c->checked && c->round.failure == CHECK_NO_DOMAIN)
		return advice_round_outcome(CHECK_NO_DOMAIN, VERDICT_UNKNOWN);
	return status_label(c->status);
}

static const char *
status_name(int status)
{
	static const char *const names[] = {"propagated", "pending", "wrong", "unknown"};
	return status >= 0 && status <= 3 ? names[status] : "unknown";
}

/* Runs one case's round (a case already propagated is not asked again). */
static void
run_case(const struct open_round *r, struct open_case *c)
{
	if (c->removed)
		return;
	check_round_clear(&c->round);
	c->checked = false;
	c->status = CLI_EXIT_NO_ANSWER;
	if (c->parsed) {
		/* RFC 7489 6.6.3: the organisational domain's policy, as check has it. */
		char org[256];
		bool has_org = orgdomain_of(c->addr.domain, org, sizeof(org));
		struct check_config cfg = {
			.domain = c->addr.domain, .sender = c->sender, .profile = r->profile,
			.resolvers = r->resolvers, .nresolvers = r->nresolvers,
			.timeout_ms = CMD_CHECK_TIMEOUT_MS, .org_domain = has_org ? org : NULL,
			.bound = &c->entry.bound,
		};
		c->checked = check_run(&cfg, &c->round);
		if (c->checked && c->round.failure == CHECK_OK)
			c->entry.bound = c->round.bound; /* kept on the list after the round */
		if (!c->checked) /* out of memory: an internal error, as check says */
			c->status = CLI_EXIT_SOFTWARE;
		if (c->checked) {
			c->status = cmd_check_status(&c->round);
			if (!c->has_provider)
				c->has_provider =
				    check_round_provider(&c->round, r->providers, r->choice, &c->provider);
		}
	}
	c->when = time(NULL);
}

static void *
round_worker(void *arg)
{
	struct open_round *r = arg;
	for (;;) {
		pthread_mutex_lock(&r->lock);
		size_t i = r->next < r->n ? r->next++ : r->n;
		pthread_mutex_unlock(&r->lock);
		if (i == r->n)
			return NULL;
		run_case(r, &r->cases[i]);
	}
}

/* One round over every case still open, OPEN_PARALLEL at a time. A thread
 * that cannot start leaves its share to the others and to this one. */
static void
run_round(struct open_round *r)
{
	pthread_t threads[OPEN_PARALLEL - 1];
	size_t started = 0;
	r->next = 0;
	while (started < OPEN_PARALLEL - 1 && started + 1 < r->n &&
	       pthread_create(&threads[started], NULL, round_worker, r) == 0)
		started++;
	round_worker(r);
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
}

/* "02.12.2026 14:05" for T (local time). */
static const char *
format_when(time_t t, char *buf, size_t size)
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, size, _("%d.%m.%Y %H:%M"), &tm);
	return buf;
}

/* When the last cache lets its old answer go, or "–". */
static const char *
cache_cell(const struct open_case *c, char *buf, size_t size)
{
	if (!c->checked || c->status == CLI_EXIT_OK || !c->round.verdict.has_eta)
		return "–";
	return format_when(c->when + (time_t)c->round.verdict.eta_seconds, buf, size);
}

static const char *
provider_cell(const struct open_case *c)
{
	return c->has_provider ? c->provider.provider->name : "–";
}

static char *
case_address(const struct open_case *c)
{
	return textsafe_escape(c->entry.input, strlen(c->entry.input), 120);
}

/* The columns of the table of open cases. */
enum { COL_ADDRESS, COL_PROVIDER, COL_SINCE, COL_STATE, COL_CACHE, NCOLS };

static struct cmd_table
measure(const struct open_case *cases, size_t n)
{
	struct cmd_table t = {.n = NCOLS};
	char buf[64];
	cmd_table_widen(&t, COL_ADDRESS, _("Adresse"), 0);
	cmd_table_widen(&t, COL_PROVIDER, _("Anbieter"), 0);
	cmd_table_widen(&t, COL_SINCE, _("offen seit"), 0);
	cmd_table_widen(&t, COL_STATE, _("Stand"), 0);
	for (size_t i = 0; i < n; i++) {
		char *a = case_address(&cases[i]);
		cmd_table_widen(&t, COL_ADDRESS, a ? a : "?", 0);
		free(a);
		cmd_table_widen(&t, COL_PROVIDER, provider_cell(&cases[i]), 0);
		cmd_table_widen(&t, COL_SINCE, format_when(cases[i].entry.started, buf, sizeof(buf)), 0);
	}
	for (int status = CLI_EXIT_OK; status <= CLI_EXIT_NO_ANSWER; status++)
		cmd_table_widen(&t, COL_STATE, status_label(status), 0);
	cmd_table_widen(&t, COL_STATE, advice_round_outcome(CHECK_NO_DOMAIN, VERDICT_UNKNOWN), 0);
	return t;
}

/* Under a case's row, in advice's words (the lines check prints too): while
 * its name servers lag, how long its provider's own servers take; once they
 * all serve the record, when every cache in the world has it. */
static void
print_case_lines(const struct open_case *c, const struct profile *profile)
{
	if (!c->checked || !c->parsed)
		return;
	char *label = cmd_domain_label(&c->addr);
	struct advice a;
	check_round_advice(&c->round, c->addr.domain, label ? label : c->addr.domain,
			   profile->sender_name, c->has_provider ? c->provider.provider : NULL, &a);
	if (a.publish_delay[0])
		output_printf(stdout, "  %s\n", a.publish_delay);
	if (a.worldwide[0])
		output_printf(stdout, "  %s\n", a.worldwide);
	free(label);
}

static void
print_case(struct open_case *c, const struct cmd_table *t, const struct profile *profile)
{
	char since[64], cache[64];
	char *address = case_address(c);
	const char *cell[NCOLS] = {address ? address : "?", provider_cell(c),
				   format_when(c->entry.started, since, sizeof(since)),
				   case_label(c), cache_cell(c, cache, sizeof(cache))};
	cmd_table_row(t, cell);
	free(address);
	print_case_lines(c, profile);
	c->shown_status = c->status;
}

/* The table after round N: every case the first time, later only the cases
 * whose state changed, under the time of the round. */
static void
print_round(struct open_case *cases, size_t n, unsigned round, const struct cmd_table *t,
	    const struct profile *profile)
{
	if (round == 0) {
		const char *head[NCOLS] = {_("Adresse"), _("Anbieter"), _("offen seit"),
					   _("Stand"), _("letzter Cache bis")};
		cmd_table_row(t, head);
	} else {
		cmd_print_clock();
	}
	for (size_t i = 0; i < n; i++)
		if (!cases[i].removed && cases[i].shown_status != cases[i].status)
			print_case(&cases[i], t, profile);
	fflush(stdout);
}

static bool update_open(const char *dir, state_change_fn change, void *ctx);

bool
cmd_open_entry(const char *domain, struct state_entry *out)
{
	char dir[4096], aside[512];
	struct state_list list = {0};
	bool found = false;
	if (state_dir(getenv("XDG_STATE_HOME"), getenv("HOME"), dir, sizeof(dir)) &&
	    state_load(dir, &list, aside, sizeof(aside)) != STATE_IO) {
		const struct state_entry *e = state_find(&list, domain);
		if (e)
			*out = *e, found = true;
	}
	state_list_clear(&list);
	return found;
}

void
cmd_open_keep_bound(const struct state_entry *open, const struct cache_bound *bound)
{
	char dir[4096];
	struct state_bound sb = {.domain = open->domain, .started = open->started, .bound = *bound};
	if (state_dir(getenv("XDG_STATE_HOME"), getenv("HOME"), dir, sizeof(dir)))
		update_open(dir, state_take_bound, &sb);
}

/* The state directory and its list; false (the problem printed, *status
 * set) when there is none to read. A list set aside is a warning only. */
static bool
open_dir(char *dir, size_t size, int *status)
{
	if (state_dir(getenv("XDG_STATE_HOME"), getenv("HOME"), dir, size))
		return true;
	output_error("%s", _("Kein Ort für die offenen Prüfungen: Weder XDG_STATE_HOME "
			     "noch HOME nennen ein Verzeichnis."));
	*status = CLI_EXIT_UNAVAILABLE;
	return false;
}

static bool
load_open(char *dir, size_t size, struct state_list *list, int *status)
{
	char aside[512];
	*list = (struct state_list){0};
	if (!open_dir(dir, size, status))
		return false;
	switch (state_load(dir, list, aside, sizeof(aside))) {
	case STATE_OK: return true;
	case STATE_SET_ASIDE:
		output_error(_("Die Liste der offenen Prüfungen war beschädigt und wurde "
			       "beiseitegelegt: %s"),
			     aside);
		return true;
	default:
		output_error("%s", _("Die Liste der offenen Prüfungen ließ sich nicht lesen."));
		*status = CLI_EXIT_SOFTWARE;
		return false;
	}
}

/* Changes the list on disk as it is now (state_update: under its lock, so
 * that a case a wizard adds meanwhile stays); false, said, when the change
 * did not land. */
static bool
update_open(const char *dir, state_change_fn change, void *ctx)
{
	char aside[512];
	struct state_list list;
	enum state_status st = state_update(dir, change, ctx, &list, aside, sizeof(aside));
	state_list_clear(&list);
	if (st == STATE_SET_ASIDE)
		output_error(_("Die Liste der offenen Prüfungen war beschädigt und wurde "
			       "beiseitegelegt: %s"),
			     aside);
	else if (st != STATE_OK)
		output_error("%s", _("Die Liste der offenen Prüfungen ließ sich nicht speichern."));
	return st == STATE_OK || st == STATE_SET_ASIDE;
}

struct propagated {
	const struct open_case *cases;
	const bool *marked; /* the cases this run found propagated */
	bool *leaving;      /* set: taken off the list */
	size_t n;
};

/* Only the case this run checked: one begun anew meanwhile (another start
 * time) or forgotten stays as it is. */
static int
remove_propagated_cases(struct state_list *list, void *ctx)
{
	struct propagated *p = ctx;
	int changed = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct open_case *c = &p->cases[i];
		if (!p->marked[i])
			continue;
		const struct state_entry *e = state_find(list, c->entry.domain);
		if (e && e->started == c->entry.started && state_remove(list, c->entry.domain))
			changed = p->leaving[i] = true;
	}
	return changed;
}

/* Takes the propagated cases off the list on disk (read anew, so that a
 * case a wizard added meanwhile stays) and says so. */
static void
remove_propagated(struct open_case *cases, size_t n, bool quiet)
{
	char dir[4096];
	int status;
	bool any = false;
	for (size_t i = 0; i < n; i++)
		any |= !cases[i].removed && cases[i].status == CLI_EXIT_OK;
	if (!any || !open_dir(dir, sizeof(dir), &status))
		return;
	bool marked[STATE_MAX_ENTRIES] = {false}, leaving[STATE_MAX_ENTRIES] = {false};
	size_t m = n < STATE_MAX_ENTRIES ? n : STATE_MAX_ENTRIES;
	for (size_t i = 0; i < m; i++)
		if (!cases[i].removed && cases[i].status == CLI_EXIT_OK)
			cases[i].removed = marked[i] = true;
	struct propagated p = {cases, marked, leaving, m};
	bool saved = update_open(dir, remove_propagated_cases, &p);
	for (size_t i = 0; saved && i < n && i < STATE_MAX_ENTRIES; i++) {
		if (!leaving[i])
			continue;
		cases[i].left_list = true;
		if (!quiet) {
			char *address = case_address(&cases[i]);
			output_printf(stdout,
				      _("%s ist überall angekommen und steht nicht mehr unter den "
					"offenen Prüfungen.\n"),
				      address ? address : "?");
			free(address);
		}
	}
}

static json_t *
case_json(const struct open_case *c, const struct provider_list *r_providers,
	  const char *choice)
{
	json_t *o = json_object();
	json_object_set_new(o, "address", json_string(c->entry.input));
	json_object_set_new(o, "domain", json_string(c->entry.domain));
	json_object_set_new(o, "domain_unicode",
			    json_string(c->parsed ? c->addr.domain_unicode : c->entry.domain));
	json_object_set_new(o, "provider", cmd_provider_json(&c->provider, c->has_provider));
	json_object_set_new(o, "started", json_integer((json_int_t)c->entry.started));
	json_object_set_new(o, "state",
			    json_string(c->checked && c->round.failure == CHECK_NO_DOMAIN
						? "no-domain"
						: status_name(c->status)));
	json_object_set_new(o, "exit_status", json_integer(c->status));
	bool eta = c->checked && c->status != CLI_EXIT_OK && c->round.verdict.has_eta;
	json_object_set_new(o, "cache_expires",
			    eta ? json_integer((json_int_t)(c->when + c->round.verdict.eta_seconds))
				: json_null());
	json_object_set_new(o, "removed_from_open", json_boolean(c->left_list));
	json_object_set_new(o, "check",
			    c->checked ? cmd_check_json(&c->round, &c->addr, r_providers, choice) : json_null());
	return o;
}

static void
print_json(const struct open_case *cases, size_t n, const struct provider_list *providers,
	   const char *choice)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, case_json(&cases[i], providers, choice));
	char *text = json_dumps(a, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	if (text)
		printf("%s\n", text);
	free(text);
	json_decref(a);
}

/* The worst status of all cases, the earliest cache expiry of those still
 * pending (0: none), and whether any is still open. */
static int
worst_status(const struct open_case *cases, size_t n, uint32_t *eta, bool *open)
{
	int worst = CLI_EXIT_OK;
	*eta = 0;
	*open = false;
	for (size_t i = 0; i < n; i++) {
		const struct open_case *c = &cases[i];
		if (c->status > worst)
			worst = c->status;
		if (c->status == CLI_EXIT_OK)
			continue;
		*open = true;
		if (c->checked && c->round.verdict.has_eta &&
		    (!*eta || c->round.verdict.eta_seconds < *eta))
			*eta = c->round.verdict.eta_seconds;
	}
	return worst;
}

/* check --open's rounds. */
struct watching {
	const struct cli_args *args;
	struct open_round *r;
	struct cmd_table widths;
};

/* Round N over the open cases: the table (the providers are known after
 * the first round), and the propagated ones off the list. */
static bool
open_round_step(void *ctx, unsigned n, int *status, uint32_t *eta, bool *lag, bool *more)
{
	struct watching *w = ctx;
	run_round(w->r);
	for (size_t i = 0; i < w->r->n; i++)
		if (w->r->cases[i].checked && !w->r->cases[i].removed)
			cmd_open_keep_bound(&w->r->cases[i].entry, &w->r->cases[i].entry.bound);
	*status = worst_status(w->r->cases, w->r->n, eta, more);
	*lag = false;
	for (size_t i = 0; i < w->r->n; i++) {
		const struct open_case *c = &w->r->cases[i];
		if (c->checked && c->round.failure == CHECK_OK &&
		    verdict_name_servers_lag(&c->round.verdict))
			*lag = true;
	}
	if (n == 0)
		w->widths = measure(w->r->cases, w->r->n);
	if (!w->args->json)
		print_round(w->r->cases, w->r->n, n, &w->widths, w->r->profile);
	remove_propagated(w->r->cases, w->r->n, w->args->json);
	return true;
}

/* The cases of LIST, each with its address parsed for the check. */
static struct open_case *
make_cases(const struct state_list *list)
{
	struct open_case *cases = calloc(list->n ? list->n : 1, sizeof(*cases));
	for (size_t i = 0; cases && i < list->n; i++) {
		struct open_case *c = &cases[i];
		struct address_problem problem;
		c->entry = list->entries[i];
		c->shown_status = -1;
		c->status = CLI_EXIT_NO_ANSWER;
		c->parsed = address_parse(c->entry.input, &c->addr, &problem) ||
			    address_parse(c->entry.domain, &c->addr, &problem);
		if (c->parsed)
			proposal_sender(&c->addr, c->sender, sizeof(c->sender));
	}
	return cases;
}

int
cmd_check_open(const struct cli_args *args, const struct profile *profile)
{
	char dir[4096];
	struct state_list list;
	struct provider_list providers = {0};
	struct open_round r = {.profile = profile, .providers = &providers,
			       .choice = args->provider};
	int status = CLI_EXIT_OK;

	if (!load_open(dir, sizeof(dir), &list, &status))
		return status;
	if (list.n == 0) {
		if (args->json)
			printf("[]\n");
		else
			output_printf(stdout, "%s\n", _("Keine offenen Prüfungen."));
		state_list_clear(&list);
		return CLI_EXIT_OK;
	}
	status = cmd_load_providers(&providers);
	if (status == CLI_EXIT_OK && !cmd_provider_choice_ok(&providers, args->provider))
		status = CLI_EXIT_USAGE;
	if (status == CLI_EXIT_OK)
		status = cmd_check_resolvers(args, (struct check_resolver **)&r.resolvers,
					     &r.nresolvers);
	r.cases = status == CLI_EXIT_OK ? make_cases(&list) : NULL;
	r.n = list.n;
	if (status == CLI_EXIT_OK && !r.cases) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		status = CLI_EXIT_SOFTWARE;
	}
	if (r.cases) {
		pthread_mutex_init(&r.lock, NULL);
		struct watching w = {.args = args, .r = &r};
		status = cmd_watch(args, open_round_step, &w);
		pthread_mutex_destroy(&r.lock);
		if (args->json)
			print_json(r.cases, r.n, r.providers, r.choice);
		for (size_t i = 0; i < r.n; i++) {
			check_round_clear(&r.cases[i].round);
			if (r.cases[i].parsed)
				address_clear(&r.cases[i].addr);
		}
	}
	free(r.cases);
	free((void *)r.resolvers);
	provider_list_clear(&providers);
	state_list_clear(&list);
	return status;
}

struct removal {
	const char *domain;
	bool removed;
};

static int
remove_domain(struct state_list *list, void *ctx)
{
	struct removal *r = ctx;
	return r->removed = state_remove(list, r->domain);
}

int
cmd_forget(const struct cli_args *args)
{
	char dir[4096];
	struct address addr;
	int status = CLI_EXIT_OK;

	if (!cmd_parse_address(args->args[0], &addr))
		return CLI_EXIT_USAGE;
	char *label = cmd_domain_label(&addr);
	struct removal r = {addr.domain, false};
	if (open_dir(dir, sizeof(dir), &status)) {
		if (!update_open(dir, remove_domain, &r)) {
			status = CLI_EXIT_SOFTWARE;
		} else if (!r.removed) {
			output_error(_("Für %s gibt es keine offene Prüfung."), label ? label : "?");
			status = CLI_EXIT_PENDING;
		} else {
			output_printf(stdout, _("Die offene Prüfung für %s ist entfernt.\n"),
				      label ? label : "?");
		}
	}
	free(label);
	address_clear(&addr);
	return status;
}
