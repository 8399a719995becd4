/* freemail.c — see freemail.h. */
#include "freemail.h"

#include "dname.h"
#include "i18n.h"
#include "namelist.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct freemail_list {
	char **domains; /* sorted, lower case */
	size_t n;
};

static int
compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A domain as the list holds it (dname.h: LDH labels, at least two); one
 * trailing dot, the root, is dropped. Lower case for bsearch. NULL when it
 * is no domain, or (*nomem) memory runs out. */
static char *
list_domain(const char *field, bool *nomem)
{
	size_t len = strlen(field);
	if (len && field[len - 1] == '.')
		len--;
	if (dname_check(field, len, DNAME_LDH | DNAME_MULTI_LABEL, NULL) != DNAME_OK)
		return NULL;
	char *d = strndup(field, len);
	if (!d) {
		*nomem = true;
		return NULL;
	}
	for (char *p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

/* The domains of NAMES (one field each) into LIST, sorted. */
static enum freemail_status
take(const struct namelist *names, struct freemail_list *list, unsigned *line)
{
	if (names->count && !(list->domains = calloc(names->count, sizeof(*list->domains))))
		return FREEMAIL_NOMEM;
	for (size_t i = 0; i < names->count; i++) {
		bool nomem = false;
		char *d = list_domain(names->entries[i].first, &nomem);
		if (!d) {
			*line = nomem ? 0 : names->entries[i].line;
			return nomem ? FREEMAIL_NOMEM : FREEMAIL_BAD_LINE;
		}
		list->domains[list->n++] = d;
	}
	if (list->n)
		qsort(list->domains, list->n, sizeof(*list->domains), compare);
	return FREEMAIL_OK;
}

/* The list from what the list reader gave (STATUS, NAMES, *line). */
static enum freemail_status
build(enum namelist_status status, struct namelist *names, struct freemail_list **out,
      unsigned *line)
{
	enum freemail_status st = FREEMAIL_NOMEM;
	struct freemail_list *list = NULL;

	*out = NULL;
	switch (status) {
	case NAMELIST_OK:
		break;
	case NAMELIST_UNREADABLE:
		return FREEMAIL_UNREADABLE;
	case NAMELIST_TOO_BIG:
		return FREEMAIL_TOO_BIG;
	case NAMELIST_EXTRA_FIELD: /* "web de": no domain */
	case NAMELIST_NUL:
		return FREEMAIL_BAD_LINE;
	case NAMELIST_NOMEM:
		return FREEMAIL_NOMEM;
	}
	if ((list = calloc(1, sizeof(*list))))
		st = take(names, list, line);
	if (st == FREEMAIL_OK)
		*out = list;
	else
		freemail_free(list);
	namelist_clear(names);
	return st;
}

enum freemail_status
freemail_parse(const char *text, size_t len, struct freemail_list **out, unsigned *line)
{
	struct namelist names;
	enum namelist_status st = namelist_parse(text, len, 1, &names, line);
	return build(st, &names, out, line);
}

enum freemail_status
freemail_load(const char *path, struct freemail_list **out, unsigned *line)
{
	struct namelist names;
	enum namelist_status st = namelist_read(path, 1, &names, line);
	return build(st, &names, out, line);
}

bool
freemail_contains(const struct freemail_list *list, const char *domain)
{
	char key[256];
	size_t len = strlen(domain);

	if (!list || !list->n || len == 0 || len >= sizeof(key))
		return false;
	for (size_t i = 0; i <= len; i++)
		key[i] = (char)tolower((unsigned char)domain[i]);
	const char *k = key;
	return bsearch(&k, list->domains, list->n, sizeof(*list->domains), compare) != NULL;
}

size_t
freemail_count(const struct freemail_list *list)
{
	return list ? list->n : 0;
}

void
freemail_free(struct freemail_list *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->n; i++)
		free(list->domains[i]);
	free(list->domains);
	free(list);
}

const char *
freemail_status_message(enum freemail_status status, const char *path, unsigned line, char *buf,
			size_t size)
{
	switch (status) {
	case FREEMAIL_OK:
		snprintf(buf, size, "%s", "");
		break;
	case FREEMAIL_UNREADABLE:
		snprintf(buf, size, _("Die Liste der Freemail-Anbieter %s lässt sich nicht lesen."),
			 path);
		break;
	case FREEMAIL_TOO_BIG:
		snprintf(buf, size, _("Die Liste der Freemail-Anbieter %s ist zu groß."), path);
		break;
	case FREEMAIL_BAD_LINE:
		snprintf(buf, size,
			 _("Die Liste der Freemail-Anbieter %s enthält in Zeile %u keine Domain."),
			 path, line);
		break;
	case FREEMAIL_NOMEM:
		snprintf(buf, size, "%s", _("Nicht genug Arbeitsspeicher."));
		break;
	}
	return buf;
}
