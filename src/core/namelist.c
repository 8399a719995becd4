/* namelist.c — see namelist.h. */
#include "namelist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
add(struct namelist *list, const char *first, const char *second)
{
	struct namelist_entry *grown =
		realloc(list->entries, (list->count + 1) * sizeof(*grown));
	if (!grown)
		return false;
	list->entries = grown;
	struct namelist_entry *e = &list->entries[list->count];
	e->first = strdup(first);
	e->second = second ? strdup(second) : NULL;
	if (!e->first || (second && !e->second)) {
		free(e->first);
		free(e->second);
		return false;
	}
	list->count++;
	return true;
}

bool
namelist_load(const char *path, struct namelist *out)
{
	char line[512];
	bool ok = true;
	FILE *f = fopen(path, "r");

	*out = (struct namelist){0};
	if (!f)
		return false;
	while (ok && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "#\r\n")] = '\0';
		char *save = NULL;
		char *first = strtok_r(line, " \t", &save);
		if (!first)
			continue;
		char *second = strtok_r(NULL, " \t", &save);
		ok = add(out, first, second);
	}
	if (ferror(f))
		ok = false;
	fclose(f);
	if (!ok)
		namelist_clear(out);
	return ok;
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
