/* freemail.c — see freemail.h. */
#include "freemail.h"

#include "i18n.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct freemail_list {
	char **domains; /* sorted, lower case */
	size_t n;
};

static int
compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* LDH labels separated by dots: what a freemail domain looks like. */
static bool
plausible_domain(const char *s, size_t len)
{
	if (len == 0 || len > 253 || s[0] == '.' || s[len - 1] == '.' || !memchr(s, '.', len))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!isalnum(c) && c != '-' && c != '.')
			return false;
		if (c == '.' && s[i + 1] == '.')
			return false;
	}
	return true;
}

enum freemail_status
freemail_parse(const char *text, size_t len, struct freemail_list **out, unsigned *line)
{
	struct freemail_list *list = calloc(1, sizeof(*list));
	enum freemail_status status = FREEMAIL_OK;
	size_t cap = 0;
	unsigned lineno = 0;

	*out = NULL;
	*line = 0;
	if (!list)
		return FREEMAIL_NOMEM;
	if (len > FREEMAIL_MAX_BYTES) {
		status = FREEMAIL_TOO_BIG;
		goto out;
	}
	for (size_t pos = 0; pos < len;) {
		const char *start = text + pos;
		const char *nl = memchr(start, '\n', len - pos);
		size_t llen = nl ? (size_t)(nl - start) : len - pos;
		pos += llen + (nl ? 1 : 0);
		lineno++;
		/* Strip the comment, then surrounding blanks. */
		const char *hash = memchr(start, '#', llen);
		if (hash)
			llen = (size_t)(hash - start);
		while (llen && isspace((unsigned char)*start))
			start++, llen--;
		while (llen && isspace((unsigned char)start[llen - 1]))
			llen--;
		if (llen && start[llen - 1] == '.')
			llen--;
		if (!llen)
			continue;
		if (!plausible_domain(start, llen)) {
			status = FREEMAIL_BAD_LINE;
			*line = lineno;
			goto out;
		}
		if (list->n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			char **grown = realloc(list->domains, ncap * sizeof(*grown));
			if (!grown) {
				status = FREEMAIL_NOMEM;
				goto out;
			}
			list->domains = grown;
			cap = ncap;
		}
		char *d = strndup(start, llen);
		if (!d) {
			status = FREEMAIL_NOMEM;
			goto out;
		}
		for (char *p = d; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		list->domains[list->n++] = d;
	}
	if (list->n)
		qsort(list->domains, list->n, sizeof(*list->domains), compare);
out:
	if (status != FREEMAIL_OK) {
		freemail_free(list);
		return status;
	}
	*out = list;
	return FREEMAIL_OK;
}

enum freemail_status
freemail_load(const char *path, struct freemail_list **out, unsigned *line)
{
	enum freemail_status status = FREEMAIL_OK;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = fopen(path, "r");

	*out = NULL;
	*line = 0;
	if (!f)
		return FREEMAIL_UNREADABLE;
	/* One byte more than allowed tells an oversized file apart. */
	if (!(buf = malloc(FREEMAIL_MAX_BYTES + 1))) {
		status = FREEMAIL_NOMEM;
		goto out;
	}
	len = fread(buf, 1, FREEMAIL_MAX_BYTES + 1, f);
	if (ferror(f)) {
		status = FREEMAIL_UNREADABLE;
		goto out;
	}
	status = freemail_parse(buf, len, out, line);
out:
	free(buf);
	fclose(f);
	return status;
}

bool
freemail_contains(const struct freemail_list *list, const char *domain)
{
	char key[256];
	size_t len = strlen(domain);

	if (!list || len == 0 || len >= sizeof(key))
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
