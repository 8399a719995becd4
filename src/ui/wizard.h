/* wizard.h — the interactive wizard (DESIGN.md "Flow (screens)"): the one
 * entry point main() calls. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dns_batch.h"
#include "profile.h"

struct wizard_options {
	const struct profile *profile;
	const char *address;            /* ADDRESS from the command line, or NULL */
	const struct dns_server *servers; /* the resolvers to ask (>= 1) */
	const char *const *server_names; /* a label for each, e.g. "127.0.0.1" */
	size_t nservers;
	bool utf8;                      /* the codeset is UTF-8 (else transliterate) */
	const char *lang;               /* "de" or "en": the profile's alias texts */
};

/* True when stdin and stdout are terminals: the wizard needs both. */
bool wizard_has_terminal(void);

/* Runs the wizard until the user leaves. Returns the exit status: 0, 129
 * (SIGHUP), 130 (SIGINT), 143 (SIGTERM), 69 when the terminal cannot be
 * used, 70 on an internal failure. Messages for stderr are printed after the
 * terminal is restored. */
int wizard_run(const struct wizard_options *opt);
