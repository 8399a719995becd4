/* worker.c — see worker.h. */
#include "worker.h"

#include "orgdomain.h"

#include "dc_discover.h"
#include "dc_sign.h"
#include "dns_auth.h"
#include "dns_resolver.h"
#include "dnssec.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A lookup that has no answer after this is a time-out (per resolver). */
#define DIAG_LOOKUP_TIMEOUT_MS 2000
#define DMARC_LOOKUP_TIMEOUT_MS 700
#define CHECK_ROUND_TIMEOUT_MS 3000
enum { MAX_JOBS = 8 };

static int report[2] = {-1, -1};
/* The jobs started and not yet collected. Only the UI thread touches this;
 * it also keeps running jobs reachable until the process ends. */
static struct job *inflight[MAX_JOBS];

bool
worker_init(void)
{
	if (report[0] >= 0)
		return true;
	if (pipe(report) != 0)
		return false;
	for (int i = 0; i < 2; i++)
		fcntl(report[i], F_SETFD, FD_CLOEXEC);
	fcntl(report[0], F_SETFL, fcntl(report[0], F_GETFL) | O_NONBLOCK);
	return true;
}

int
worker_fd(void)
{
	return report[0];
}

struct job *
worker_job_new(enum job_kind kind, unsigned id, const struct address *addr,
	       const char *profile_path, const char *freemail_path,
	       const struct check_resolver *resolvers, size_t n)
{
	struct inifile_problem problem;
	struct job *job = calloc(1, sizeof(*job));
	unsigned line;
	if (!job)
		return NULL;
	job->kind = kind;
	job->id = id;
	job->has_local = addr->local != NULL;
	snprintf(job->local, sizeof(job->local), "%s", addr->local ? addr->local : "");
	snprintf(job->domain, sizeof(job->domain), "%s", addr->domain);
	snprintf(job->domain_unicode, sizeof(job->domain_unicode), "%s", addr->domain_unicode);
	if (!profile_load(profile_path, &job->profile, &problem))
		goto fail;
	/* A list that cannot be read was reported when the UI loaded it. */
	if (freemail_path && freemail_load(freemail_path, &job->freemail, &line) != FREEMAIL_OK)
		job->freemail = NULL;
	if (!(job->resolvers = calloc(n ? n : 1, sizeof(*job->resolvers))))
		goto fail;
	memcpy(job->resolvers, resolvers, n * sizeof(*resolvers));
	job->nresolvers = n;
	return job;
fail:
	worker_job_free(job);
	return NULL;
}

void
worker_job_providers(struct job *job, const char *path, const char *choice)
{
	struct inifile_problem problem;
	snprintf(job->provider_choice, sizeof(job->provider_choice), "%s", choice ? choice : "");
	if (path && !provider_load(path, &job->providers, &problem))
		job->providers = (struct provider_list){0};
}

void
worker_job_free(struct job *job)
{
	if (!job)
		return;
	provider_list_clear(&job->providers);
	profile_clear(&job->profile);
	freemail_free(job->freemail);
	free(job->resolvers);
	proposal_clear(&job->proposal);
	dmarc_result_clear(&job->dmarc);
	dconnect_answer_clear(&job->dc);
	free(job->dc_control_panel);
	free(job->dc_apply_url);
	check_round_clear(&job->round);
	free(job);
}

/* The job's sender as an address (pointing into the job). */
static struct address
job_address(struct job *job)
{
	return (struct address){.local = job->has_local ? job->local : NULL,
				.domain = job->domain,
				.domain_unicode = job->domain_unicode};
}

/* Domain Connect at the zone's provider, for a record to publish; the
 * apply link signed with the profile's key (checked before the wizard
 * started: a key that fails now only means no link). */
static void
discover(struct job *job, const struct dns_seam *seam)
{
	const struct proposal *p = &job->proposal;
	const struct profile_dconnect *cfg = &job->profile.dconnect;
	struct dc_key *key = NULL;
	if (p->outcome != PROPOSAL_PUBLISH || !p->zone_found)
		return;
	if (cfg->key_file && dc_key_load(cfg->key_file, &key) != DC_KEY_OK)
		key = NULL;
	dc_find(seam, cfg, key, p->zone.name, p->zone.rel, DIAG_LOOKUP_TIMEOUT_MS, &job->dc,
		&job->dc_control_panel, &job->dc_apply_url);
	dc_key_free(key);
}

static void
run_diagnosis(struct job *job)
{
	struct dns_server *servers = calloc(job->nresolvers ? job->nresolvers : 1, sizeof(*servers));
	struct dns_resolver *r = NULL;
	struct address addr = job_address(job);

	if (!servers) {
		job->nomem = true;
		return;
	}
	for (size_t i = 0; i < job->nresolvers; i++)
		servers[i] = job->resolvers[i].server;
	if (!(r = dns_resolver_new(servers, job->nresolvers, DIAG_LOOKUP_TIMEOUT_MS))) {
		job->nomem = true;
		goto out;
	}
	struct dns_seam seam = dns_resolver_seam(r);
	/* The sender's TXT from the zone's name servers, never a cache's. */
	struct dns_auth auth = {.base = &seam, .name = addr.domain,
				.timeout_ms = DIAG_LOOKUP_TIMEOUT_MS};
	struct dns_seam own = dns_auth_seam(&auth);
	/* The registrable domain, so that one that does not exist is named so. */
	char org[256];
	bool has_org = orgdomain_of(job->domain, org, sizeof(org));
	struct proposal_request req = {.addr = &addr, .profile = &job->profile,
				       .freemail = job->freemail, .seam = &own,
				       .org_domain = has_org ? org : NULL,
				       .providers = job->providers.n ? &job->providers : NULL,
				       .provider_choice =
					   job->provider_choice[0] ? job->provider_choice : NULL};
	if (!proposal_compute(&req, &job->proposal))
		job->nomem = true;
	dns_auth_clear(&auth);
	discover(job, &seam);
	dns_resolver_free(r);
	r = NULL;
	/* A SERVFAIL may be DNSSEC: named as such, not as a server error. */
	if (job->proposal.outcome == PROPOSAL_NO_ANSWER &&
	    job->proposal.txt_status == DNS_STATUS_SERVFAIL)
		job->dnssec_error = dnssec_cd_answers(servers, job->nresolvers, job->domain,
						      DIAG_LOOKUP_TIMEOUT_MS);
	/* The DMARC policy after the proposal, each resolver given less time:
	 * a dead first resolver must not push the diagnosis past its limit. */
	if ((r = dns_resolver_new(servers, job->nresolvers, DMARC_LOOKUP_TIMEOUT_MS))) {
		seam = dns_resolver_seam(r);
		if (!dmarc_fetch(&seam, job->domain, has_org ? org : NULL, &job->dmarc))
			job->nomem = true;
	}
out:
	dns_resolver_free(r);
	free(servers);
}

static void
run_check(struct job *job)
{
	struct address addr = job_address(job);
	char sender[320];
	proposal_sender(&addr, sender, sizeof(sender));
	char org[256];
	bool has_org = orgdomain_of(job->domain, org, sizeof(org));
	struct check_config cfg = {
		.org_domain = has_org ? org : NULL,
		.domain = job->domain,
		.sender = sender,
		.profile = &job->profile,
		.resolvers = job->resolvers,
		.nresolvers = job->nresolvers,
		.timeout_ms = CHECK_ROUND_TIMEOUT_MS,
		.bound = &job->bound,
	};
	if (!check_run(&cfg, &job->round))
		job->nomem = true;
}

void
worker_job_run(struct job *job)
{
	if (job->kind == JOB_DIAGNOSIS)
		run_diagnosis(job);
	else
		run_check(job);
}

static void *
thread_main(void *arg)
{
	struct job *job = arg;
	worker_job_run(job);
	/* A pointer is far below PIPE_BUF: the write is atomic. */
	ssize_t w;
	do
		w = write(report[1], &job, sizeof(job));
	while (w < 0 && errno == EINTR);
	return NULL;
}

bool
worker_start(struct job *job)
{
	size_t slot = MAX_JOBS;
	for (size_t i = 0; i < MAX_JOBS && slot == MAX_JOBS; i++)
		if (!inflight[i])
			slot = i;
	if (slot == MAX_JOBS)
		return false;
	pthread_attr_t attr;
	pthread_t thread;
	sigset_t all, old;
	if (pthread_attr_init(&attr) != 0)
		return false;
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	/* Signals are for the UI thread (its self-pipe), never for a worker. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int rc = pthread_create(&thread, &attr, thread_main, job);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (rc != 0)
		return false;
	inflight[slot] = job;
	return true;
}

struct job *
worker_collect(void)
{
	struct job *job;
	ssize_t r = read(report[0], &job, sizeof(job));
	if (r != (ssize_t)sizeof(job))
		return NULL;
	for (size_t i = 0; i < MAX_JOBS; i++)
		if (inflight[i] == job)
			inflight[i] = NULL;
	return job;
}

void
worker_shutdown(void)
{
	struct job *job;
	while ((job = worker_collect()))
		worker_job_free(job);
}
