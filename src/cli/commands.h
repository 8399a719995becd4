/* commands.h — the non-interactive commands. Each returns the exit status. */
#pragma once

#include "cli.h"
#include "dconnect_answer.h"
#include "profile.h"
#include "state.h"
#include "zone.h"

#include <stdint.h>
#include <stdio.h>

struct lint_report;

int cmd_show(const struct cli_args *args, const struct profile *profile);
int cmd_spf(const struct cli_args *args);
int cmd_check(const struct cli_args *args, const struct profile *profile);
/* The open check of DOMAIN into *out; false when there is none (or no list
 * to read). */
bool cmd_open_entry(const char *domain, struct state_entry *out);
/* The open check OPEN (if still on the list) keeps BOUND (state_take_bound). */
void cmd_open_keep_bound(const struct state_entry *open, const struct cache_bound *bound);
/* `check --open`: every open check of the state file (cmd_open.c). */
int cmd_check_open(const struct cli_args *args, const struct profile *profile);
/* `forget ADDRESS`: removes the open check of ADDRESS's domain. */
int cmd_forget(const struct cli_args *args);

/* Shared by check and check --open: one round's exit status (0 propagated,
 * 1 pending, 2 wrong, 3 unknown), its JSON object, and the time-out of one
 * round of queries. */
struct address;
struct check_round;
struct json_t;
enum { CMD_CHECK_TIMEOUT_MS = 3000 };
int cmd_check_status(const struct check_round *round);
/* "Prüfung um 14:05:10:" above the rows of a later round. */
void cmd_print_clock(void);

/* The plain-text table of check and check --open: each column as wide as
 * its widest cell (counted up to a cap) and two spaces; the last column as
 * wide as its text. */
enum { CMD_TABLE_MAX = 6 };
struct cmd_table {
	int width[CMD_TABLE_MAX]; /* screen columns with the gap; 0: left out */
	size_t n;                 /* columns, the last included */
};
/* Widens column COL of T for TEXT, counting at most CAP columns of it
 * (0: no cap). */
void cmd_table_widen(struct cmd_table *t, size_t col, const char *text, int cap);
/* One row: T's N cells (a column of width 0 other than the last is left
 * out), trailing spaces cut, transliterated where the codeset is not UTF-8. */
void cmd_table_row(const struct cmd_table *t, const char *const *cells);

/* One round of a watch: runs round N and prints it, sets *status (its exit
 * status), *eta (seconds until a cache lets an old answer go, for the
 * pause; 0: none), *lag (a name server still serves the old state: asked
 * again within seconds) and *more (something is still to wait for).
 * False: stop now (*status says why). */
typedef bool (*cmd_round_fn)(void *ctx, unsigned n, int *status, uint32_t *eta, bool *lag,
			     bool *more);
/* Rounds of ROUND until nothing is left to wait for, or without --watch
 * after the first, or past --timeout (default one hour); the pauses follow
 * the wizard's schedule (--interval: the first one). Returns the last
 * round's status. */
int cmd_watch(const struct cli_args *args, cmd_round_fn round, void *ctx);
/* The lint warnings of REPORT that WHICH selects, each as "Hinweis: …" on TO,
 * or as errors (cmd_show.c). */
void cmd_print_lint(FILE *to, const struct lint_report *report, unsigned which, bool as_error);
struct provider_list;
struct json_t *cmd_check_json(const struct check_round *round, const struct address *addr,
			      const struct provider_list *providers, const char *choice);
/* LANG: "de" or "en", as main() decides it for the wizard. */
int cmd_spell(const struct cli_args *args, const char *lang);
/* `note ADDRESS`: the ticket note after one check round (note.h). */
int cmd_note(const struct cli_args *args, const struct profile *profile);

/* The proposal for BASE's address as show computes it: through the
 * resolvers (--resolver, else the system's; none with --no-lookup). Returns
 * CLI_EXIT_OK (everything else is in *p) or an exit status, the problem
 * printed. */
struct proposal;
struct proposal_request;
/* The form and TTL show uses: --format and --ttl/--no-ttl, else what the
 * proposal's provider's form wants, else one line with TTL. */
void cmd_entry_form(const struct cli_args *args, const struct proposal *p, enum entry_form *form,
		    bool *with_ttl);
struct cmd_dc;
struct dc_key;
/* DC (NULL: not asked): for a record to publish in a zone found, what
 * Domain Connect says of that zone, through the same resolver and its
 * answer cache, with KEY (NULL: no apply link); *DC initialised empty. */
int cmd_compute_proposal(const struct cli_args *args, const struct proposal_request *base,
			 struct proposal *p, struct cmd_dc *dc, const struct dc_key *key);

/* `providers`: the known DNS providers' ids and names (cmd_providers.c). */
int cmd_providers(const struct cli_args *args);

/* data/providers into *out: CLI_EXIT_OK, or the problem printed ("FILE:LINE:
 * …") and CLI_EXIT_CONFIG (CLI_EXIT_SOFTWARE when out of memory), *out
 * empty. For every command that detects the provider. */
struct provider_list;
int cmd_load_providers(struct provider_list *out);

/* The JSON object of MATCH ({"id", "name", "name_server", "chosen"}), or
 * null when FOUND is false. */
struct provider_match;
/* --provider's CHOICE is "auto", "none" or an id of LIST: else the problem
 * printed and false (a usage error). */
bool cmd_provider_choice_ok(const struct provider_list *list, const char *choice);
struct json_t *cmd_provider_json(const struct provider_match *match, bool found);

/* Shared by the commands: parses ADDRESS_TEXT into *addr, or prints the German
 * problem and returns false. */
struct address;
bool cmd_parse_address(const char *address_text, struct address *addr);

/* The domain for people: "müller-bau.de (xn--mller-bau-q9a.de)" for an
 * umlaut domain on a UTF-8 terminal, else the A-label alone. New string. */
char *cmd_domain_label(const struct address *addr);

/* The resolvers to ask: --resolver, else /etc/resolv.conf (or the file
 * FLICONO_MAILSETUP_RESOLV_CONF names). Returns CLI_EXIT_OK, or prints the
 * German problem and returns the exit status (64 for a bad --resolver, 69
 * when resolv.conf gives none); *servers is then NULL. */
struct dns_server;
int cmd_resolver_servers(const struct cli_args *args, struct dns_server **servers, size_t *n);

/* The resolver rows of a check: --resolver, else the system's and the
 * public ones from data/resolvers. Returns CLI_EXIT_OK or an exit status
 * (the problem printed). */
struct check_resolver;
int cmd_check_resolvers(const struct cli_args *args, struct check_resolver **out, size_t *n);

/* The freemail list from data/freemail; NULL (the problem printed) when it
 * cannot be read: then no domain counts as freemail. */
struct freemail_list;
struct freemail_list *cmd_load_freemail(void);

/* Domain Connect (cmd_connect.c). `connect ADDRESS`: the provider's links. */
int cmd_connect(const struct cli_args *args, const struct profile *profile);
/* The profile's signing key into *KEY (NULL when none is configured):
 * CLI_EXIT_OK, or the problem printed and CLI_EXIT_CONFIG (missing, no RSA
 * key, open to others) or CLI_EXIT_SOFTWARE. */
struct dc_key;
int cmd_dc_key(const struct profile *profile, struct dc_key **key);
/* What Domain Connect says of a zone: the answer, the link to the DNS
 * settings and, with a key, the signed apply link. */
struct cmd_dc {
	struct zone zone;
	bool has_zone;
	struct dconnect_answer answer;
	char *control_panel; /* NULL: none */
	char *apply_url;     /* NULL: none */
};
void cmd_dc_clear(struct cmd_dc *dc);
/* Fills *OUT (initialised empty; clear it with cmd_dc_clear) for ZONE,
 * asked through SEAM, the apply link signed with KEY (NULL: none). */
void cmd_dc_fill(const struct dns_seam *seam, const struct profile *profile, const struct dc_key *key,
		 const struct zone *zone, struct cmd_dc *out);

