/* namelist.c — see namelist.h. */
#include "namelist.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* The next field in [*p, end): its start and length; false when none is left. */
static bool
next_field(const char **p, const char *end, const char **field, size_t *len)
{
	const char *s = *p;
	while (s < end && blank(*s))
		s++;
	if (s == end)
		return false;
	const char *e = s;
	while (e < end && !blank(*e))
		e++;
	*field = s;
	*len = (size_t)(e - s);
	*p = e;
	return true;
}

static bool
add(struct namelist *list, size_t *cap, const char *const field[2], const size_t flen[2],
    unsigned line)
{
	if (list->count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct namelist_entry *grown = realloc(list->entries, ncap * sizeof(*grown));
		if (!grown)
			return false;
		list->entries = grown;
		*cap = ncap;
	}
	struct namelist_entry *e = &list->entries[list->count];
	e->first = strndup(field[0], flen[0]);
	e->second = field[1] ? strndup(field[1], flen[1]) : NULL;
	e->line = line;
	if (!e->first || (field[1] && !e->second)) {
		free(e->first);
		free(e->second);
		return false;
	}
	list->count++;
	return true;
}

/* One line, [S, S+LEN) without its newline, comment not yet cut off. */
static enum namelist_status
parse_line(struct namelist *list, size_t *cap, const char *s, size_t len, unsigned fields,
	   unsigned line)
{
	const char *field[3] = {NULL, NULL, NULL};
	size_t flen[3] = {0, 0, 0};
	const char *hash = memchr(s, '#', len);
	const char *end = hash ? hash : s + len, *p = s;
	size_t n = 0;

	if (memchr(s, '\0', (size_t)(end - s)))
		return NAMELIST_NUL;
	while (n < 3 && next_field(&p, end, &field[n], &flen[n]))
		n++;
	if (n == 0)
		return NAMELIST_OK;
	if (n > fields)
		return NAMELIST_EXTRA_FIELD;
	return add(list, cap, field, flen, line) ? NAMELIST_OK : NAMELIST_NOMEM;
}

enum namelist_status
namelist_parse(const char *text, size_t len, unsigned fields, struct namelist *out,
	       unsigned *line)
{
	enum namelist_status status = NAMELIST_OK;
	size_t cap = 0;
	unsigned lineno = 0;

	*out = (struct namelist){0};
	*line = 0;
	if (len > NAMELIST_MAX_BYTES)
		return NAMELIST_TOO_BIG;
	for (size_t pos = 0; pos < len && status == NAMELIST_OK;) {
		const char *start = text + pos;
		const char *nl = memchr(start, '\n', len - pos);
		size_t llen = nl ? (size_t)(nl - start) : len - pos;
		pos += llen + (nl ? 1 : 0);
		status = parse_line(out, &cap, start, llen, fields, ++lineno);
	}
	if (status != NAMELIST_OK) {
		namelist_clear(out);
		if (status != NAMELIST_NOMEM)
			*line = lineno;
	}
	return status;
}

enum namelist_status
namelist_read(const char *path, unsigned fields, struct namelist *out, unsigned *line)
{
	enum namelist_status status = NAMELIST_UNREADABLE;
	char *buf = NULL;
	FILE *f = fopen(path, "re");

	*out = (struct namelist){0};
	*line = 0;
	if (!f)
		return NAMELIST_UNREADABLE;
	/* One byte more than allowed tells an oversized file apart. */
	if (!(buf = malloc(NAMELIST_MAX_BYTES + 1))) {
		status = NAMELIST_NOMEM;
		goto out;
	}
	size_t len = fread(buf, 1, NAMELIST_MAX_BYTES + 1, f);
	if (ferror(f))
		goto out;
	status = namelist_parse(buf, len, fields, out, line);
out:
	free(buf);
	fclose(f);
	return status;
}

bool
namelist_load(const char *path, struct namelist *out)
{
	unsigned line;
	switch (namelist_read(path, 2, out, &line)) {
	case NAMELIST_OK:
		return true;
	case NAMELIST_UNREADABLE:
		break;
	case NAMELIST_TOO_BIG:
		errno = EFBIG;
		break;
	case NAMELIST_EXTRA_FIELD:
	case NAMELIST_NUL:
		errno = EINVAL;
		break;
	case NAMELIST_NOMEM:
		errno = ENOMEM;
		break;
	}
	return false;
}

void
namelist_clear(struct namelist *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->count; i++) {
		free(list->entries[i].first);
		free(list->entries[i].second);
	}
	free(list->entries);
	*list = (struct namelist){0};
}
