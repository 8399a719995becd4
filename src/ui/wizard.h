/* wizard.h — the interactive wizard (the screens: ARCHITECTURE.md): the one
 * entry point main() calls. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "profile.h"
#include "propagation.h"

struct wizard_options {
	const struct profile *profile;
	const char *address;            /* ADDRESS from the command line, or NULL */
	/* The diagnosis asks these in turn (--resolver, else the system's). */
	const struct check_resolver *lookup;
	size_t nlookup;
	/* The check's resolver rows (--resolver, else the system's and the
	 * public ones); the first also finds the zone. */
	const struct check_resolver *rows;
	size_t nrows;
	bool utf8;                      /* the codeset is UTF-8 (else transliterate) */
	const char *lang;               /* "de" or "en": the profile's alias texts */
	/* --provider: an id of data/providers, "none", or NULL/"auto" (detect);
	 * checked by the caller. */
	const char *provider_choice;
};

/* True when stdin and stdout are terminals: the wizard needs both. */
bool wizard_has_terminal(void);

/* Runs the wizard until the user leaves. Returns the exit status: 0, 129
 * (SIGHUP), 130 (SIGINT), 143 (SIGTERM), 69 when the terminal cannot be
 * used, 70 on an internal failure. Messages for stderr are printed after the
 * terminal is restored. */
int wizard_run(const struct wizard_options *opt);
