/* worker.h — DNS work off the key loop. Each job runs on a thread of its
 * own and, when done, writes its own address to a pipe that the
 * dispatcher's poll() watches beside the keyboard and the signal pipe; the
 * dispatcher then reads the result and frees the job. A job shares nothing
 * with the UI while it runs: it has its own copy of the profile and the
 * resolver list. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dns_batch.h"
#include "address.h"
#include "dconnect_answer.h"
#include "proposal.h"
#include "profile.h"
#include "propagation.h"

enum job_kind { JOB_DIAGNOSIS, JOB_CHECK };

struct job {
	enum job_kind kind;
	unsigned id;
	/* The sender: its own copies (the UI may change its address meanwhile). */
	char local[256];
	bool has_local;
	char domain[254];
	char domain_unicode[256];
	struct profile profile;
	struct freemail_list *freemail; /* its own copy; NULL: none could be read */
	struct provider_list providers; /* its own copy; empty: none */
	char provider_choice[64];       /* --provider; "": detect */
	struct check_resolver *resolvers;
	size_t nresolvers;
	/* JOB_DIAGNOSIS: the shared proposal (what show prints, too). */
	struct proposal proposal;
	struct dmarc_result dmarc; /* and the domain's DMARC policy */
	/* Domain Connect at the zone's provider: the answer, the link to its
	 * DNS settings and the signed apply link (NULL: none). */
	struct dconnect_answer dc;
	char *dc_control_panel, *dc_apply_url;
	/* The TXT lookup failed with SERVFAIL, and with checking disabled a
	 * resolver answers: the zone's signatures fail (DNSSEC). */
	bool dnssec_error;
	/* JOB_CHECK: one round, and the worldwide bound before it. */
	struct check_round round;
	struct cache_bound bound;
	bool nomem;
};

/* Opens the report pipe; false when that fails. */
bool worker_init(void);
/* The descriptor to poll for reports. */
int worker_fd(void);

/* A job of KIND for the sender ADDR: loads its own copies of the profile at
 * PROFILE_PATH and of the freemail list at FREEMAIL_PATH (may be NULL) and
 * copies the N RESOLVERS. NULL on failure. */
struct job *worker_job_new(enum job_kind kind, unsigned id, const struct address *addr,
			   const char *profile_path, const char *freemail_path,
			   const struct check_resolver *resolvers, size_t n);

/* Loads the job's own copy of the DNS providers at PATH (NULL: none); a
 * file that cannot be read leaves the job without providers (the UI
 * reported it when it loaded its own). CHOICE is --provider (NULL: detect). */
void worker_job_providers(struct job *job, const char *path, const char *choice);

/* Runs JOB here and now (what a worker thread does): for tests. */
void worker_job_run(struct job *job);

/* Starts JOB on a thread. False (and JOB untouched) when no thread could
 * be made or too many jobs are in flight. */
bool worker_start(struct job *job);

/* The next finished job, or NULL when none is waiting. The caller frees it. */
struct job *worker_collect(void);

/* Frees JOB; NULL is a no-op. */
void worker_job_free(struct job *job);

/* At exit: frees the finished jobs; jobs still running are left to the
 * process's end (they hold sockets with time-outs; waiting would delay a
 * Ctrl-C). */
void worker_shutdown(void);
