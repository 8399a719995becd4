/* freemail.h — the domains of free e-mail providers (data/freemail).
 *
 * A customer who sends as info@gmx.de cannot publish an SPF record for
 * gmx.de, so the wizard recommends the alias feature. The list is data: one
 * domain per line, `#` comments, blank lines ignored. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "namelist.h"

struct freemail_list;

enum freemail_status {
	FREEMAIL_OK,
	FREEMAIL_UNREADABLE, /* the file cannot be opened or read: see errno */
	FREEMAIL_TOO_BIG,    /* over FREEMAIL_MAX_BYTES: not a list of domains */
	FREEMAIL_BAD_LINE,   /* a line that is not a domain (see *line) */
	FREEMAIL_NOMEM,
};

/* The list is read by namelist.h: its size limit holds. */
#define FREEMAIL_MAX_BYTES NAMELIST_MAX_BYTES

/* Parses TEXT (LEN bytes) into *out. On failure *out is NULL and *line the
 * 1-based line at fault (0 when none). Lines as namelist.h reads them, one
 * field each; a field must be a domain of two labels at least (dname.h, LDH).
 * Domains are compared in lower case; a trailing dot is ignored. */
enum freemail_status freemail_parse(const char *text, size_t len, struct freemail_list **out,
				    unsigned *line);

/* Reads PATH and parses it as freemail_parse() does. */
enum freemail_status freemail_load(const char *path, struct freemail_list **out, unsigned *line);

/* True when DOMAIN (A-label, any case, no trailing dot) is on the list.
 * Only the exact domain counts: a company's mail.gmx-bau.de is no freemail. */
bool freemail_contains(const struct freemail_list *list, const char *domain);

/* How many domains the list holds. */
size_t freemail_count(const struct freemail_list *list);

/* Frees LIST; NULL is a no-op. */
void freemail_free(struct freemail_list *list);

/* The German message (gettext) for STATUS in file PATH at LINE. Returns BUF. */
const char *freemail_status_message(enum freemail_status status, const char *path, unsigned line,
				    char *buf, size_t size);
