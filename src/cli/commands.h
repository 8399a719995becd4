/* commands.h — the non-interactive commands. Each returns the exit status. */
#pragma once

#include "cli.h"
#include "profile.h"

int cmd_show(const struct cli_args *args, const struct profile *profile);
int cmd_spf(const struct cli_args *args, const struct profile *profile);
int cmd_check(const struct cli_args *args, const struct profile *profile);
/* LANG: "de" or "en", as main() decides it for the wizard. */
int cmd_spell(const struct cli_args *args, const char *lang);

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
