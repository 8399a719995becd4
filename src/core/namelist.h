/* namelist.h — the line-based data files (data/resolvers, data/freemail):
 * `#` starts a comment, blank lines are skipped, each line is split at white
 * space into at most two fields. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct namelist_entry {
	char *first;  /* the first field */
	char *second; /* the second field, or NULL */
};

struct namelist {
	struct namelist_entry *entries;
	size_t count;
};

/* Reads PATH into *out. False when it cannot be read (errno set) or memory
 * runs out; *out is then empty. */
bool namelist_load(const char *path, struct namelist *out);

void namelist_clear(struct namelist *list);
