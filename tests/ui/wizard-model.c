/* wizard-model.c — the wizard's answer for ADDRESS without a terminal: the
 * diagnosis job the wizard starts (its own profile and freemail copies, the
 * lookup resolver), handed to the wizard's model as the dispatcher hands
 * it, then the entry exactly as the entry screen takes it from the model
 * (one line, with TTL). Prints the entry, or nothing when the wizard shows
 * none. For tests/cli/lab-proposal.sh, which compares it with `show`.
 *
 *   wizard-model ADDRESS RESOLVER-IP */
#include "model.h"
#include "worker.h"

#include "datapath.h"
#include "dns_resolver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	struct profile profile;
	struct inifile_problem pp;
	struct check_resolver lookup = {.name = "Resolver"};
	struct model m;
	int status = 70;

	if (argc != 3)
		return 64;
	char *profile_path = datapath_file("flicono.profile");
	char *freemail_path = datapath_file("freemail");
	if (!profile_path || !profile_load(profile_path, &profile, &pp) ||
	    dns_resolver_parse_address(argv[2], &lookup.server) != DNS_ADDRESS_OK)
		return 70;
	model_init(&m, &profile, "de", true);
	model_set_input(&m, argv[1]);
	/* The address screen's Enter: the model asks for the diagnosis. */
	if (!model_submit_address(&m) || m.request != MODEL_REQUEST_DIAGNOSIS)
		goto out;
	struct job *job =
	    worker_job_new(JOB_DIAGNOSIS, 1, &m.addr, profile_path, freemail_path, &lookup, 1);
	if (!job)
		goto out;
	model_job_started(&m, MODEL_REQUEST_DIAGNOSIS, 1, 0);
	worker_job_run(job);
	model_diag_done(&m, 1, job->nomem, &job->proposal);
	status = job->nomem ? 70 : 0;
	worker_job_free(job);
	/* The entry screen shows an entry only for a record to publish. */
	if (status == 0 && model_diagnosis_answered(&m) && m.prop.outcome == PROPOSAL_PUBLISH) {
		char *text = model_entry_text(&m);
		if (text)
			fputs(text, stdout);
		free(text);
	}
out:
	model_clear(&m);
	profile_clear(&profile);
	free(profile_path);
	free(freemail_path);
	return status;
}
