/* cli.h — the command line: parsed once, then dispatched by main(). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "entry.h"

enum cli_command {
	CLI_WIZARD, /* no command: the interactive wizard */
	CLI_SHOW,
	CLI_CHECK,
	CLI_SPF,
	CLI_FORGET,
	CLI_SPELL,
	CLI_NOTE,
	CLI_PROVIDERS,
	CLI_CONNECT,
};

enum cli_ttl { CLI_TTL_DEFAULT, CLI_TTL_YES, CLI_TTL_NO };

enum { CLI_MAX_ARGS = 4, CLI_MAX_RESOLVERS = 16 };

struct cli_args {
	enum cli_command command;
	const char *args[CLI_MAX_ARGS]; /* the command's positional arguments */
	size_t nargs;
	enum entry_form format;
	enum cli_ttl ttl;
	const char *profile;            /* --profile, or NULL */
	const char *resolvers[CLI_MAX_RESOLVERS];
	size_t nresolvers;
	bool trace, watch, json;
	bool message;                   /* connect: the message for the customer */
	bool open;                      /* check: every open check, no ADDRESS */
	const char *provider;           /* --provider ID|auto|none; NULL: auto */
	bool format_given;              /* --format was given (else the provider's form) */
	bool no_lookup;                 /* show: the template, without asking DNS */
	double interval, timeout;       /* seconds; 0 when not given */
	bool help, version;
};

/* Exit statuses (sysexits.h where one fits). */
enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_PENDING = 1,      /* check: not everywhere yet */
	CLI_EXIT_WRONG_RECORD = 2, /* check, show: what is published is wrong or broken */
	CLI_EXIT_NO_ANSWER = 3,    /* check, show: DNS gave no usable answer */
	CLI_EXIT_NO_DOMAIN = 2,    /* check, show: the domain does not exist (as WRONG_RECORD:
	                            * nothing is or can be published) */
	/* connect: 0 the apply link is ready; */
	CLI_EXIT_DC_NO_LINK = 1,   /* the provider speaks Domain Connect, no apply link */
	CLI_EXIT_DC_NONE = 2,      /* no Domain Connect for the domain */
	CLI_EXIT_DC_FAILED = 3,    /* it could not be asked (DNS, HTTPS, TLS, malformed) */
	CLI_EXIT_USAGE = 64,
	CLI_EXIT_UNAVAILABLE = 69,
	CLI_EXIT_SOFTWARE = 70,
	CLI_EXIT_CONFIG = 78,
};

/* Parses ARGV into *args. On a usage error returns false and writes a German
 * message (without program name or newline) into ERR. */
bool cli_parse(int argc, char **argv, struct cli_args *args, char *err, size_t errsize);

/* Prints the help text to stdout. */
void cli_print_help(void);
