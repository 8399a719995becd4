/* cmd_providers.c — `providers`: the DNS providers data/providers knows,
 * by id; and the loader the other commands share. Needs neither DNS nor the
 * profile. */
#include "commands.h"

#include "datapath.h"
#include "i18n.h"
#include "output.h"
#include "proposal.h"
#include "provider.h"
#include "textsafe.h"
#include "config.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

int
cmd_load_providers(struct provider_list *out)
{
	char *path = datapath_file("providers");
	struct inifile_problem problem;
	char msg[600];

	*out = (struct provider_list){0};
	if (!path) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		return CLI_EXIT_SOFTWARE;
	}
	bool ok = provider_load(path, out, &problem);
	if (!ok)
		output_error("%s", inifile_problem_message(&problem, msg, sizeof(msg)));
	free(path);
	if (ok)
		return CLI_EXIT_OK;
	return problem.error == INIFILE_NO_MEMORY ? CLI_EXIT_SOFTWARE : CLI_EXIT_CONFIG;
}

bool
cmd_provider_choice_ok(const struct provider_list *list, const char *choice)
{
	if (proposal_provider_choice_valid(list, choice))
		return true;
	char *safe = textsafe_escape(choice, strlen(choice), 80);
	output_error(_("Unbekannter Anbieter „%s“: --provider kennt auto, none und die Kennungen, "
		       "die „%s providers“ nennt."),
		     safe ? safe : "?", PACKAGE);
	free(safe);
	return false;
}

json_t *
cmd_provider_json(const struct provider_match *match, bool found)
{
	if (!found || !match->provider)
		return json_null();
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(match->provider->id));
	json_object_set_new(o, "name", json_string(match->provider->name));
	json_object_set_new(o, "name_server", match->evidence == PROVIDER_CHOSEN || !match->name[0]
						  ? json_null()
						  : json_string(match->name));
	json_object_set_new(o, "chosen", json_boolean(match->evidence == PROVIDER_CHOSEN));
	return o;
}

static int
by_id(const void *a, const void *b)
{
	const struct provider *const *pa = a, *const *pb = b;
	return strcmp((*pa)->id, (*pb)->id);
}

int
cmd_providers(const struct cli_args *args)
{
	(void)args;
	struct provider_list list;
	const struct provider **sorted = NULL;
	int status = cmd_load_providers(&list);
	size_t width = 0;

	if (status != CLI_EXIT_OK)
		return status;
	if (list.n && !(sorted = calloc(list.n, sizeof(*sorted)))) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		provider_list_clear(&list);
		return CLI_EXIT_SOFTWARE;
	}
	for (size_t i = 0; i < list.n; i++) {
		sorted[i] = &list.items[i];
		if (strlen(list.items[i].id) > width)
			width = strlen(list.items[i].id); /* ids are ASCII: bytes are columns */
	}
	if (list.n)
		qsort(sorted, list.n, sizeof(*sorted), by_id);
	/* The header on stderr, as show does: stdout is the list alone. */
	output_printf(stderr, "%s\n", _("Bekannte Domain-Anbieter (Kürzel und Name):"));
	for (size_t i = 0; i < list.n; i++)
		output_printf(stdout, "%-*s  %s\n", (int)width, sorted[i]->id, sorted[i]->name);
	free(sorted);
	provider_list_clear(&list);
	return CLI_EXIT_OK;
}
