/* cmd_note.c — `note ADDRESS`: the ticket note (note.h) for support staff:
 * the shared proposal as show computes it, in the form and with the TTL of
 * the domain's open check (else show's defaults), and one check round as
 * check runs it. Exit 0 whatever the round found: the note says it. */
#include "commands.h"

#include "address.h"
#include "dc_sign.h"
#include "i18n.h"
#include "note.h"
#include "orgdomain.h"
#include "output.h"
#include "propagation.h"
#include "proposal.h"
#include "provider.h"
#include "state.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>


/* The note's facts from the proposal and the round; *ENTRY (freed by the
 * caller) holds the entry as the customer was shown it. */
static struct note_facts
facts(const struct cli_args *args, const struct address *addr, const struct profile *profile,
      const struct proposal *p, const struct check_round *round, char **entry,
      struct advice *a, char *mx, size_t mx_size)
{
	/* The proposal's provider, as show names it. */
	const struct provider *provider = p->has_provider ? p->provider.provider : NULL;
	struct state_entry open;
	bool has_open = cmd_open_entry(addr->domain, &open);
	enum entry_form form;
	bool with_ttl;
	cmd_entry_form(args, p, &form, &with_ttl); /* as show would give it */
	if (has_open) {                             /* as the wizard showed it */
		form = open.form;
		with_ttl = open.with_ttl;
	}
	time_t now = time(NULL);
	/* The round in words, for the provider's own delay, as check says it. */
	char *label = cmd_domain_label(addr);
	check_round_advice(round, addr->domain, label ? label : addr->domain,
			   profile->sender_name, provider, a);
	/* Why the entry has no mx, as show says it. */
	const char *mx_note = proposal_mx_note(p, label ? label : addr->domain, mx, mx_size);
	free(label);

	/* In the words of the provider's form, as the wizard shows it. */
	*entry = p->outcome == PROPOSAL_PUBLISH
		     ? proposal_entry_for(p, profile, form, with_ttl, provider)
		     : NULL;
	return (struct note_facts){
		.when = now,
		.utc_offset = note_utc_offset(now),
		.address = args->args[0],
		.domain_unicode = addr->domain_unicode,
		.domain_ascii = addr->domain,
		.provider = provider ? provider->name : NULL,
		.sender_name = profile->sender_name,
		/* Only the wizard's SPF path opens a check. */
		.method = has_open ? NOTE_METHOD_SPF : NOTE_METHOD_NONE,
		.outcome = p->outcome,
		.txt_status = p->txt_status,
		.replaces = p->merge.action == MERGE_EXTEND || p->merge.action == MERGE_COMBINE,
		.entry = *entry,
		.mx_note = mx_note,
		.checked = true,
		.check_failed = round->failure != CHECK_OK,
		.failure = round->failure,
		.check_zone = round->zone,
		.checked_at = round->started + (time_t)(round->elapsed_ms / 1000),
		.obs = round->obs,
		.nobs = round->nobs,
		.verdict = round->verdict,
		.bound = round->bound,
		.publish_delay = a->publish_delay,
	};
}

/* One round as check runs it; false when memory ran out (printed). */
static bool
run_round(const struct cli_args *args, const struct address *addr,
	  const struct profile *profile, struct check_round *round, int *status)
{
	struct check_resolver *resolvers = NULL;
	size_t n = 0;
	char sender[320];
	bool ok = false;
	*status = cmd_check_resolvers(args, &resolvers, &n);
	if (*status == CLI_EXIT_OK) {
		proposal_sender(addr, sender, sizeof(sender));
		/* RFC 7489 6.6.3: the organisational domain's policy, as check has it. */
		char org[256];
		bool has_org = orgdomain_of(addr->domain, org, sizeof(org));
		/* An open check's worldwide bound, which the round takes on. */
		struct state_entry open;
		bool has_open = cmd_open_entry(addr->domain, &open);
		struct check_config cfg = {.domain = addr->domain, .sender = sender,
					   .profile = profile, .resolvers = resolvers,
					   .nresolvers = n, .timeout_ms = CMD_CHECK_TIMEOUT_MS,
					   .org_domain = has_org ? org : NULL,
					   .bound = has_open ? &open.bound : NULL};
		ok = check_run(&cfg, round);
		if (ok && has_open && round->failure == CHECK_OK)
			cmd_open_keep_bound(&open, &round->bound);
		if (!ok) {
			output_error("%s", _("Nicht genug Arbeitsspeicher."));
			*status = CLI_EXIT_SOFTWARE;
		}
	}
	free(resolvers);
	return ok;
}

int
cmd_note(const struct cli_args *args, const struct profile *profile)
{
	struct address addr;
	struct proposal p = {0};
	struct check_round round = {0};
	struct provider_list providers = {0};
	char *entry = NULL, *note = NULL;
	struct cmd_dc dc = {.answer = {.state = DCONNECT_NONE}};
	struct dc_key *key = NULL;
	if (!cmd_parse_address(args->args[0], &addr))
		return CLI_EXIT_USAGE;
	struct freemail_list *freemail = cmd_load_freemail();
	struct proposal_request req = {.addr = &addr, .profile = profile, .freemail = freemail,
				       .providers = &providers, .provider_choice = args->provider};
	int status = cmd_load_providers(&providers);
	if (status == CLI_EXIT_OK && !cmd_provider_choice_ok(&providers, args->provider))
		status = CLI_EXIT_USAGE;
	/* The way offered, as the wizard offers it: the Domain Connect link
	 * where the provider has the template and the key signs, else the
	 * fields. A key that cannot be used only means no link here. */
	if (status == CLI_EXIT_OK && profile->dconnect.key_file)
		dc_key_load(profile->dconnect.key_file, &key);
	if (status == CLI_EXIT_OK)
		status = cmd_compute_proposal(args, &req, &p, &dc, key);
	if (status != CLI_EXIT_OK || !run_round(args, &addr, profile, &round, &status))
		goto out;
	struct advice a;
	char mx[768];
	struct note_facts f = facts(args, &addr, profile, &p, &round, &entry, &a, mx, sizeof(mx));
	/* The way, and the provider as its settings name it where the name
	 * servers do not. */
	char way[DCONNECT_TEXT];
	f.way = dconnect_answer_way(&dc.answer, dc.apply_url != NULL, dc.control_panel != NULL,
				    way, sizeof(way));
	if (!f.provider && dc.answer.has_settings)
		f.provider = dconnect_settings_name(&dc.answer.settings);
	note = (p.outcome != PROPOSAL_PUBLISH || entry) ? note_make(&f) : NULL;
	if (!note) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		status = CLI_EXIT_SOFTWARE;
		goto out;
	}
	/* Through output: transliterated where the codeset is not UTF-8. */
	output_printf(stdout, "%s", note);
out:
	cmd_dc_clear(&dc);
	dc_key_free(key);
	free(note);
	free(entry);
	check_round_clear(&round);
	proposal_clear(&p);
	freemail_free(freemail);
	provider_list_clear(&providers);
	address_clear(&addr);
	return status;
}
