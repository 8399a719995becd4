/* cmd_check.c — `check ADDRESS [--watch] [--interval S] [--timeout S]
 * [--json]`: one row per name server and resolver, the verdict in German,
 * exit status 0 propagated / 1 pending / 2 wrong / 3 unknown. */
#include "commands.h"

#include "address.h"
#include "datapath.h"
#include "dns_auth.h"
#include "note.h"
#include "dns_resolver.h"
#include "entry.h"
#include "explain.h"
#include "i18n.h"
#include "proposal.h"
#include "clock.h"
#include "schedule.h"
#include "strbuf.h"
#include "namelist.h"
#include "orgdomain.h"
#include "output.h"
#include "propagation.h"
#include "provider.h"
#include "textsafe.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


int
cmd_check_resolvers(const struct cli_args *args, struct check_resolver **out, size_t *n)
{
	struct dns_server *servers = NULL;
	size_t nservers = 0;
	struct namelist publics = {0};
	int status = cmd_resolver_servers(args, &servers, &nservers);

	*out = NULL;
	*n = 0;
	if (status != CLI_EXIT_OK)
		return status;
	/* --resolver replaces both the system's and the public ones. */
	if (!args->nresolvers) {
		char *path = datapath_file("resolvers");
		if (path && !namelist_load(path, &publics))
			output_error(_("Die Liste der öffentlichen Resolver (%s) fehlt; geprüft "
				       "werden nur die des Systems."),
				     path);
		free(path);
	}
	*out = calloc(nservers + publics.count, sizeof(**out));
	if (!*out) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		status = CLI_EXIT_SOFTWARE;
		goto done;
	}
	for (size_t i = 0; i < nservers; i++) {
		(*out)[*n].server = servers[i];
		if (args->nresolvers)
			snprintf((*out)[*n].name, sizeof((*out)[*n].name), "%s", _("Resolver"));
		else
			snprintf((*out)[*n].name, sizeof((*out)[*n].name), "%s",
				 _("Resolver (System)"));
		(*n)++;
	}
	for (size_t i = 0; i < publics.count; i++) {
		const struct namelist_entry *e = &publics.entries[i];
		if (!e->second ||
		    dns_resolver_parse_address(e->second, &(*out)[*n].server) != DNS_ADDRESS_OK)
			continue;
		snprintf((*out)[*n].name, sizeof((*out)[*n].name), "%.63s", e->first);
		(*n)++;
	}
done:
	namelist_clear(&publics);
	free(servers);
	return status;
}

int
cmd_check_status(const struct check_round *round)
{
	if (round->failure == CHECK_NO_DOMAIN)
		return CLI_EXIT_NO_DOMAIN;
	if (round->failure != CHECK_OK)
		return CLI_EXIT_NO_ANSWER;
	switch (round->verdict.verdict) {
	case VERDICT_PROPAGATED: return CLI_EXIT_OK;
	case VERDICT_PENDING: return CLI_EXIT_PENDING;
	case VERDICT_WRONG: return CLI_EXIT_WRONG_RECORD;
	case VERDICT_UNKNOWN: return CLI_EXIT_NO_ANSWER;
	}
	return CLI_EXIT_NO_ANSWER;
}

/* The TTL column: the TTL a name server reports; for a resolver holding
 * something other than the new record, when its cache expires. */
static void
ttl_cell(const struct observation *o, char *buf, size_t size)
{
	char dur[64];
	if (!o->has_ttl)
		snprintf(buf, size, "-");
	else if (o->role == ROLE_RESOLVER && o->state != OBS_NEW)
		snprintf(buf, size, _("läuft ab in %s"),
			 verdict_format_duration(o->ttl, dur, sizeof(dur)));
	else
		snprintf(buf, size, "%u", o->ttl);
}

void
cmd_table_widen(struct cmd_table *t, size_t col, const char *text, int cap)
{
	int n = output_columns(text);
	if (cap && n > cap)
		n = cap;
	if (n + 2 > t->width[col])
		t->width[col] = n + 2;
}

void
cmd_table_row(const struct cmd_table *t, const char *const *cells)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < t->n; i++)
		if (t->width[i] || i + 1 == t->n)
			output_cell(&sb, cells[i], i + 1 == t->n ? 0 : t->width[i]);
	char *line = strbuf_finish(&sb);
	size_t len = line ? strlen(line) : 0;
	while (len && line[len - 1] == ' ')
		line[--len] = '\0';
	/* The cells are already transliterated where needed. */
	fputs(line ? line : "", stdout);
	fputc('\n', stdout);
	free(line);
}

/* The columns of check's table. */
enum { COL_NAME, COL_ADDRESS, COL_ROLE, COL_STATE, COL_DNSSEC, COL_TTL, NCOLS };

/* The DNSSEC column: a name server's signature state, or "". */
static const char *
dnssec_cell(const struct observation *o)
{
	const char *label = o->role == ROLE_AUTHORITATIVE ? verdict_dnssec_label(o->dnssec) : NULL;
	return label ? label : "";
}

static const char *
role_cell(const struct observation *o)
{
	return o->role == ROLE_AUTHORITATIVE ? _("Namensserver") : _("Resolver");
}

/* Column widths from the widest cell of the first round; no DNSSEC column
 * when no row has anything to say about signatures. */
static struct cmd_table
measure(const struct check_round *round)
{
	struct cmd_table t = {.n = NCOLS};
	for (size_t i = 0; i < round->nobs; i++)
		if (dnssec_cell(&round->obs[i])[0])
			cmd_table_widen(&t, COL_DNSSEC, _("DNSSEC"), 60);
	cmd_table_widen(&t, COL_NAME, _("Server"), 60);
	cmd_table_widen(&t, COL_ADDRESS, _("Adresse"), 60);
	cmd_table_widen(&t, COL_ROLE, _("Rolle"), 60);
	cmd_table_widen(&t, COL_STATE, _("Zustand"), 60);
	for (size_t i = 0; i < round->nobs; i++) {
		const struct observation *o = &round->obs[i];
		char *name = textsafe_escape(o->name, strlen(o->name), 60);
		cmd_table_widen(&t, COL_NAME, name ? name : "", 40);
		free(name);
		cmd_table_widen(&t, COL_ADDRESS, o->address, 60);
		cmd_table_widen(&t, COL_ROLE, role_cell(o), 60);
		cmd_table_widen(&t, COL_STATE, verdict_row_label(o), 60);
		if (t.width[COL_DNSSEC])
			cmd_table_widen(&t, COL_DNSSEC, dnssec_cell(o), 60);
	}
	return t;
}

static void
print_row(const struct observation *o, const struct cmd_table *t)
{
	char ttl[80];
	char *name = textsafe_escape(o->name, strlen(o->name), 60);
	ttl_cell(o, ttl, sizeof(ttl));
	const char *cells[NCOLS] = {name ? name : "", o->address, role_cell(o),
				    verdict_row_label(o), dnssec_cell(o), ttl};
	cmd_table_row(t, cells);
	free(name);
}

static void
print_header(const struct cmd_table *t)
{
	const char *cells[NCOLS] = {_("Server"), _("Adresse"), _("Rolle"),
				    _("Zustand"), _("DNSSEC"), _("TTL")};
	cmd_table_row(t, cells);
}

/* The typical mistakes, each with how to fill the provider's form, and the
 * record found. */
static void
print_mistakes(const struct advice *a, const struct check_round *round)
{
	for (size_t i = 0; i < a->nmistakes; i++)
		output_printf(stdout, "%s %s %s\n", _("Typischer Fehler:"), a->mistake[i].what,
			      a->mistake[i].fix);
	if (a->nmistakes && round->mistake_record) {
		char *rec = textsafe_escape(round->mistake_record, strlen(round->mistake_record), 0);
		output_printf(stdout, _("Gefunden: %s\n"), rec ? rec : "");
		free(rec);
	}
}

/* One `check`: the round's configuration and what the verdict needs beside it. */
struct session {
	struct check_config cfg;
	const struct address *addr;
	const struct freemail_list *freemail;
	const char *label; /* the domain for people */
	const struct provider_list *providers;
	const char *choice; /* --provider */
};

/* The entry to publish, as a line with its name and TTL, and whether it
 * replaces what is there. */
static void
print_entry_to_publish(const struct profile *profile, const struct proposal *p)
{
	const struct merge_result *m = &p->merge;
	if (m->action == MERGE_EXTEND)
		output_printf(stdout, "%s\n", _("Ersetzen Sie den vorhandenen Eintrag durch diesen:"));
	else if (m->action == MERGE_COMBINE)
		output_printf(stdout,
			      _("Ersetzen Sie alle %zu vorhandenen SPF-Einträge durch diesen einen "
				"(gültig ist nur ein SPF-Eintrag):\n"),
			      m->nexisting);
	else
		output_printf(stdout, "%s\n", _("Tragen Sie bei Ihrem Domain-Anbieter ein:"));
	char *entry = proposal_entry(p, profile, ENTRY_FORM_LINE, true);
	/* The line form escapes everything outside printable ASCII. */
	if (entry)
		output_printf(stdout, "  %s", entry);
	free(entry);
}

/* What to publish, when nothing good is published: the shared proposal,
 * asked through the first resolver. */
static void
print_proposal(const struct session *ss)
{
	const struct check_config *cfg = &ss->cfg;
	struct dns_resolver *r = dns_resolver_new(&cfg->resolvers[0].server, 1, CMD_CHECK_TIMEOUT_MS);
	struct proposal p = {0};
	char msg[768];
	if (!r)
		return;
	struct dns_seam seam = dns_resolver_seam(r);
	/* The sender's TXT from the zone's name servers, never a cache's. */
	struct dns_auth auth = {.base = &seam, .name = ss->addr->domain,
				.timeout_ms = CMD_CHECK_TIMEOUT_MS};
	struct dns_seam own = dns_auth_seam(&auth);
	struct proposal_request req = {.addr = ss->addr, .profile = cfg->profile,
				       .freemail = ss->freemail, .seam = &own};
	proposal_compute(&req, &p);
	dns_auth_clear(&auth);
	const struct merge_result *m = &p.merge;
	switch (p.outcome) {
	case PROPOSAL_FREEMAIL:
		output_printf(stdout, "%s\n",
			      _("Die Domain gehört einem Freemail-Anbieter: Einen SPF-Eintrag kann nur "
				"er anlegen. Schalten Sie die Alias-Funktion ein."));
		break;
	case PROPOSAL_BROKEN:
		output_printf(stdout, "%s\n",
			      explain_parse_error(m->existing[m->broken], m->existing_len[m->broken],
						  &m->parse_error, msg, sizeof(msg)));
		output_printf(stdout, "%s\n",
			      _("Der vorhandene Eintrag lässt sich so nicht automatisch "
				"ergänzen; bitte korrigieren Sie ihn zuerst."));
		break;
	case PROPOSAL_UNFIT:
		output_printf(stdout, "%s\n",
			      _("Auch ergänzt würde der vorhandene Eintrag nicht berechtigen. Bitte "
				"lassen Sie ihn vom Flicono-Support prüfen (show zeigt, warum)."));
		break;
	case PROPOSAL_PUBLISH:
		print_entry_to_publish(cfg->profile, &p);
		break;
	default:
		break;
	}
	proposal_clear(&p);
	dns_resolver_free(r);
}

/* Does check_host() through the resolver pass, for every family? */
static bool
cmd_round_authorises(const struct check_round *round)
{
	return round->v4 == SPF_RESULT_PASS && (!round->has_v6 || round->v6 == SPF_RESULT_PASS);
}

static void
print_verdict(const struct session *ss, const struct check_round *round)
{
	const struct profile *profile = ss->cfg.profile;
	struct provider_match match;
	bool known = check_round_provider(round, ss->providers, ss->choice, &match);
	struct advice a;
	char eta[ADVICE_TEXT];
	check_round_advice(round, ss->cfg.domain, ss->label, profile->sender_name,
			   known ? match.provider : NULL, &a);
	output_printf(stdout, "%s\n", a.verdict);
	if (round->failure != CHECK_OK)
		return;
	if (a.unreachable[0])
		output_printf(stdout, "%s\n", a.unreachable);
	if (a.resolvers[0])
		output_printf(stdout, "%s\n", a.resolvers);
	if (a.publish_delay[0])
		output_printf(stdout, "%s\n", a.publish_delay);
	if (a.has_eta)
		output_printf(stdout, "%s\n", advice_eta(a.eta_seconds, eta, sizeof(eta)));
	if (a.worldwide[0])
		output_printf(stdout, "%s\n", a.worldwide);
	print_mistakes(&a, round);
	if (round->verdict.verdict == VERDICT_WRONG)
		print_proposal(ss);
	/* Signatures that fail: the provider's to fix. */
	char dnssec[2048];
	if (verdict_dnssec_explain(round->obs, round->nobs, round->zone, dnssec, sizeof(dnssec)))
		output_printf(stdout, _("DNSSEC: %s\n"), dnssec);
	/* Weak or wasteful parts of what the name servers serve. */
	if (round->has_lint)
		cmd_print_lint(stdout, &round->lint, LINT_NAMED_IN_CHECK, false);
	if (round->dmarc.asked) {
		char msg[2048];
		output_printf(stdout, _("DMARC: %s\n"),
			      dmarc_explain(&round->dmarc, profile->sender_name,
					    cmd_round_authorises(round), false, msg, sizeof(msg),
					    ss->label));
	}
}

static json_t *
row_json(const struct observation *ob)
{
	json_t *row = json_object();
	char *name = textsafe_escape(ob->name, strlen(ob->name), 0);
	json_object_set_new(row, "name", json_string(name ? name : ""));
	free(name);
	json_object_set_new(row, "address", json_string(ob->address));
	json_object_set_new(row, "role",
			    json_string(ob->role == ROLE_AUTHORITATIVE ? "authoritative" : "resolver"));
	json_object_set_new(row, "state", json_string(verdict_state_name(ob->state)));
	if (ob->record) {
		char *rec = textsafe_escape(ob->record, ob->record_len, 0);
		json_object_set_new(row, "record", json_string(rec ? rec : ""));
		free(rec);
	} else {
		json_object_set_new(row, "record", json_null());
	}
	json_object_set_new(row, "ttl", ob->has_ttl ? json_integer(ob->ttl) : json_null());
	json_object_set_new(row, "elapsed_ms", json_integer(ob->elapsed_ms));
	const char *dnssec = ob->role == ROLE_AUTHORITATIVE ? verdict_dnssec_name(ob->dnssec) : NULL;
	json_object_set_new(row, "dnssec", dnssec ? json_string(dnssec) : json_null());
	return row;
}

static json_t *
dmarc_json(const struct dmarc_result *d)
{
	if (!d->asked)
		return json_null();
	json_t *o = json_object();
	bool ok = d->problem == DMARC_OK;
	json_object_set_new(o, "domain", json_string(d->policy_domain));
	json_object_set_new(o, "found", json_boolean(d->record != NULL));
	json_object_set_new(o, "from_organisational_domain", json_boolean(d->from_org));
	char *rec = d->record ? textsafe_escape(d->record, strlen(d->record), 0) : NULL;
	json_object_set_new(o, "record", rec ? json_string(rec) : json_null());
	free(rec);
	json_object_set_new(o, "p", ok ? json_string(dmarc_policy_name(d->rec.p)) : json_null());
	json_object_set_new(o, "sp", ok ? json_string(dmarc_policy_name(d->rec.sp)) : json_null());
	json_object_set_new(o, "pct", ok ? json_integer(d->rec.pct) : json_null());
	json_object_set_new(o, "aspf", ok ? json_string(d->rec.aspf_strict ? "s" : "r") : json_null());
	json_object_set_new(o, "effective_policy",
			    ok ? json_string(dmarc_policy_name(d->effective)) : json_null());
	json_object_set_new(o, "strict_subdomain", json_boolean(d->strict_subdomain));
	json_object_set_new(o, "error",
			    ok ? json_null() : json_string(dmarc_problem_name(d->problem)));
	return o;
}

json_t *
cmd_check_json(const struct check_round *round, const struct address *addr,
	       const struct provider_list *providers, const char *choice)
{
	struct provider_match match;
	json_t *o = json_object(), *servers = json_array(), *mistakes = json_array();
	static const char *const mnames[MISTAKE_COUNT] = {
	    "doubled-name", "www", "quoted", "typographic", "type99-only", "at-label"};

	json_object_set_new(o, "domain", json_string(addr->domain));
	json_object_set_new(o, "domain_unicode", json_string(addr->domain_unicode));
	json_object_set_new(o, "zone", json_string(round->zone));
	json_object_set_new(o, "name", json_string(round->name));
	bool known = check_round_provider(round, providers, choice, &match);
	json_object_set_new(o, "provider", cmd_provider_json(&match, known));
	/* The longest a source names until the provider's own name servers
	 * serve a change (data/providers: publish_delay); null: unknown. */
	const struct provider *prov = known ? match.provider : NULL;
	json_object_set_new(o, "provider_publish_delay",
			    prov && prov->has_publish_delay
				? json_integer((json_int_t)prov->publish_max)
				: json_null());
	json_object_set_new(o, "failure", json_string(verdict_failure_name(round->failure)));
	json_object_set_new(o, "verdict", json_string(round->failure == CHECK_OK
							      ? verdict_name(round->verdict.verdict)
							      : "unknown"));
	json_object_set_new(o, "exit_status", json_integer(cmd_check_status(round)));
	json_t *checks = json_object();
	json_object_set_new(checks, "ipv4", json_string(spf_result_name(round->v4)));
	if (round->has_v6)
		json_object_set_new(checks, "ipv6", json_string(spf_result_name(round->v6)));
	json_object_set_new(o, "check_host", checks);
	json_object_set_new(o, "started", json_integer((json_int_t)round->started));
	json_object_set_new(o, "elapsed_ms", json_integer(round->elapsed_ms));
	for (size_t i = 0; i < round->nobs; i++)
		json_array_append_new(servers, row_json(&round->obs[i]));
	json_object_set_new(o, "servers", servers);
	for (unsigned bit = 0; bit < MISTAKE_COUNT; bit++)
		if (round->mistakes & (1u << bit))
			json_array_append_new(mistakes, json_string(mnames[bit]));
	json_object_set_new(o, "mistakes", mistakes);
	json_t *findings = json_array();
	for (unsigned bit = 0; round->has_lint && bit < LINT_WARNING_COUNT; bit++)
		if (round->lint.warnings & LINT_NAMED_IN_CHECK & (1u << bit))
			json_array_append_new(findings,
					      json_string(lint_warning_name(1u << bit)));
	json_object_set_new(o, "findings", findings);
	json_object_set_new(o, "dmarc", dmarc_json(&round->dmarc));
	json_object_set_new(o, "eta_seconds", round->verdict.has_eta
						      ? json_integer(round->verdict.eta_seconds)
						      : json_null());
	/* The worldwide bound (bound.h): null until every name server serves it. */
	time_t at;
	bool estimate = false;
	char when[64];
	bool has_bound = round->failure == CHECK_OK && bound_clear_by(&round->bound, &at, &estimate);
	json_object_set_new(o, "caches_clear_by",
			    has_bound ? json_string(note_format_time(at, note_utc_offset(at), when,
								     sizeof(when)))
				      : json_null());
	json_object_set_new(o, "caches_clear_by_estimate", json_boolean(has_bound && estimate));
	json_object_set_new(o, "old_ttl", round->bound.old_seen ? json_integer(round->bound.ttl)
								: json_null());
	return o;
}

/* The rows of NOW whose state differs from BEFORE (matched by name and address). */
static void
print_changes(const struct check_round *before, const struct check_round *now,
	      const struct cmd_table *w)
{
	for (size_t i = 0; i < now->nobs; i++) {
		const struct observation *o = &now->obs[i];
		bool same = false;
		for (size_t k = 0; k < before->nobs && !same; k++)
			same = strcmp(before->obs[k].name, o->name) == 0 &&
			       strcmp(before->obs[k].address, o->address) == 0 &&
			       before->obs[k].state == o->state;
		if (!same)
			print_row(o, w);
	}
}

void
cmd_print_clock(void)
{
	char when[32];
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%H:%M:%S", &tm);
	output_printf(stdout, _("Prüfung um %s:\n"), when);
}

/* The first round in full: heading, table, verdict. */
static void
print_first(const struct session *ss, const struct check_round *round,
	    struct cmd_table *widths)
{
	output_printf(stdout, _("Prüfung für %s"), ss->label);
	if (round->zone[0])
		output_printf(stdout, _(" — Zone %s, Name „%s“"), round->zone, round->name);
	output_printf(stdout, "\n");
	struct provider_match match;
	if (check_round_provider(round, ss->providers, ss->choice, &match)) {
		if (match.evidence == PROVIDER_CHOSEN)
			output_printf(stdout, _("Domain-Anbieter: %s (mit --provider gewählt)\n"),
				      match.provider->name);
		else
			output_printf(stdout, _("Ihre Domain liegt bei %s — Namensserver %s\n"),
				      match.provider->name, match.name);
	}
	output_printf(stdout, "\n");
	*widths = measure(round);
	if (round->nobs) {
		print_header(widths);
		for (size_t i = 0; i < round->nobs; i++)
			print_row(&round->obs[i], widths);
		output_printf(stdout, "\n");
	}
	print_verdict(ss, round);
}

int
cmd_watch(const struct cli_args *args, cmd_round_fn round, void *ctx)
{
	struct schedule sched;
	int64_t limit_ms = (int64_t)((args->timeout > 0 ? args->timeout : 3600) * 1000);
	int64_t start = clock_now_ms();
	/* Whole seconds: a fraction rounds up. */
	unsigned first = args->interval > 0 ? (unsigned)(args->interval + 0.999) : SCHEDULE_FIRST_S;
	schedule_init(&sched, first, SCHEDULE_MAX_S);
	for (unsigned n = 0;; n++) {
		int status = CLI_EXIT_SOFTWARE;
		uint32_t eta = 0;
		bool lag = false, more = false;
		if (!round(ctx, n, &status, &eta, &lag, &more))
			return status;
		int64_t now = clock_now_ms();
		int64_t next = schedule_after_round(&sched, now, eta, lag);
		if (!args->watch || !more || next - start > limit_ms)
			return status;
		struct timespec pause = {.tv_sec = (time_t)((next - now) / 1000),
					 .tv_nsec = (long)((next - now) % 1000) * 1000000};
		nanosleep(&pause, NULL);
	}
}

/* check's rounds: the last in ROUND, the one before in PREVIOUS. */
struct watching {
	const struct cli_args *args;
	const struct session *ss;
	struct check_round *round, previous;
	struct cmd_table widths;
	/* The worldwide bound so far: an open check's, then each round's,
	 * which the open check keeps (bound.h). */
	struct cache_bound bound;
	bool has_open;
	struct state_entry open;
};

/* Round N: the first in full, later only the rows that changed (and the
 * verdict again when it changed). */
static bool
check_round_step(void *ctx, unsigned n, int *status, uint32_t *eta, bool *lag, bool *more)
{
	struct watching *w = ctx;
	if (n > 0) {
		check_round_clear(&w->previous);
		w->previous = *w->round;
		*w->round = (struct check_round){0};
	}
	struct check_config cfg = w->ss->cfg;
	cfg.bound = &w->bound;
	if (!check_run(&cfg, w->round)) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		*status = CLI_EXIT_SOFTWARE;
		return false;
	}
	*status = cmd_check_status(w->round);
	if (!w->args->json) {
		if (n == 0) {
			print_first(w->ss, w->round, &w->widths);
		} else if (cmd_check_status(&w->previous) != *status ||
			   w->previous.nobs != w->round->nobs) {
			cmd_print_clock();
			print_changes(&w->previous, w->round, &w->widths);
			print_verdict(w->ss, w->round);
		} else {
			print_changes(&w->previous, w->round, &w->widths);
		}
		fflush(stdout);
	}
	const struct verdict_result *v = &w->round->verdict;
	if (w->round->failure == CHECK_OK) {
		w->bound = w->round->bound;
		if (w->has_open)
			cmd_open_keep_bound(&w->open, &w->bound);
	}
	*eta = v->has_eta ? v->eta_seconds : 0;
	*lag = w->round->failure == CHECK_OK && verdict_name_servers_lag(v);
	*more = *status != CLI_EXIT_OK;
	return true;
}

/* Rounds until the verdict is final or --watch ends; *round holds the last.
 * Returns the exit status. */
static int
watch(const struct cli_args *args, const struct session *ss, struct check_round *round)
{
	struct watching w = {.args = args, .ss = ss, .round = round};
	if ((w.has_open = cmd_open_entry(ss->cfg.domain, &w.open)))
		w.bound = w.open.bound;
	int status = cmd_watch(args, check_round_step, &w);
	check_round_clear(&w.previous);
	return status;
}

static void
print_json(const struct check_round *round, const struct session *ss)
{
	json_t *o = cmd_check_json(round, ss->addr, ss->providers, ss->choice);
	char *text = json_dumps(o, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	if (text)
		printf("%s\n", text);
	free(text);
	json_decref(o);
}

int
cmd_check(const struct cli_args *args, const struct profile *profile)
{
	struct address addr = {0};
	struct check_resolver *resolvers = NULL;
	size_t nresolvers = 0;
	struct check_round round = {0};
	struct freemail_list *freemail = NULL;
	char sender[320];
	char *label = NULL;
	struct provider_list providers = {0};
	int status;

	if (!cmd_parse_address(args->args[0], &addr))
		return CLI_EXIT_USAGE;
	status = cmd_load_providers(&providers);
	if (status == CLI_EXIT_OK && !cmd_provider_choice_ok(&providers, args->provider))
		status = CLI_EXIT_USAGE;
	if (status == CLI_EXIT_OK)
		status = cmd_check_resolvers(args, &resolvers, &nresolvers);
	if (status != CLI_EXIT_OK)
		goto out;
	freemail = cmd_load_freemail();
	/* The sender check_host() runs as, as in show and the wizard. */
	proposal_sender(&addr, sender, sizeof(sender));
	label = cmd_domain_label(&addr);
	if (!label) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		status = CLI_EXIT_SOFTWARE;
		goto out;
	}
	char org[256];
	bool has_org = orgdomain_of(addr.domain, org, sizeof(org));
	struct session ss = {
		.cfg = {.domain = addr.domain, .sender = sender, .profile = profile,
			.resolvers = resolvers, .nresolvers = nresolvers,
			.timeout_ms = CMD_CHECK_TIMEOUT_MS, .org_domain = has_org ? org : NULL},
		.addr = &addr,
		.freemail = freemail,
		.label = label,
		.providers = &providers,
		.choice = args->provider,
	};
	status = watch(args, &ss, &round);
	if (args->json)
		print_json(&round, &ss);
out:
	check_round_clear(&round);
	freemail_free(freemail);
	free(resolvers);
	free(label);
	provider_list_clear(&providers);
	address_clear(&addr);
	return status;
}
