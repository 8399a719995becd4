/* wizard-model.c — the wizard's answer for ADDRESS without a terminal: the
 * diagnosis job the wizard starts (its own profile and freemail copies, the
 * lookup resolver), then the entry exactly as the entry screen takes it
 * (one line, with TTL). Prints the entry, or nothing when the wizard shows
 * none. For tests/cli/lab-proposal.sh, which compares it with `show`.
 *
 *   wizard-model ADDRESS RESOLVER-IP */
#include "ui.h"
#include "worker.h"

#include "datapath.h"
#include "dns_resolver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	struct address_problem problem;
	struct profile profile;
	struct profile_problem pp;
	struct check_resolver lookup = {.name = "Resolver"};
	struct wizard_options opt = {.profile = &profile, .lookup = &lookup, .nlookup = 1};
	struct wizard w = {.opt = &opt, .form = ENTRY_FORM_LINE, .with_ttl = true};
	int status = 1;

	if (argc != 3)
		return 64;
	char *profile_path = datapath_file("flicono.profile");
	char *freemail_path = datapath_file("freemail");
	if (!profile_path || !profile_load(profile_path, &profile, &pp) ||
	    dns_resolver_parse_address(argv[2], &lookup.server) != DNS_ADDRESS_OK ||
	    !address_parse(argv[1], &w.addr, &problem))
		return 70;
	struct job *job = worker_job_new(JOB_DIAGNOSIS, 1, &w.addr, profile_path, freemail_path,
					 &lookup, 1);
	if (!job)
		return 70;
	worker_job_run(job);
	w.prop = job->proposal;
	job->proposal = (struct proposal){0};
	/* The entry screen shows an entry only for a record to publish. */
	if (!job->nomem && w.prop.outcome == PROPOSAL_PUBLISH) {
		char *text = wizard_entry_text(&w);
		if (text)
			fputs(text, stdout);
		free(text);
	}
	status = job->nomem ? 70 : 0;
	worker_job_free(job);
	proposal_clear(&w.prop);
	address_clear(&w.addr);
	profile_clear(&profile);
	free(profile_path);
	free(freemail_path);
	return status;
}
