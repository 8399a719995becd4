/* namelist.h — the line-based data files (data/resolvers, data/freemail):
 * `#` starts a comment (anywhere in a line), blank lines are skipped, each
 * line is split at white space (space, tab; a CR before the newline is
 * white space too) into fields. A line may be of any length: the whole file
 * is read at once, up to NAMELIST_MAX_BYTES. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct namelist_entry {
	char *first;   /* the first field */
	char *second;  /* the second field, or NULL */
	unsigned line; /* where it stands in the file, 1-based: for messages */
};

struct namelist {
	struct namelist_entry *entries;
	size_t count;
};

/* A list of a few hundred names fits many times over. */
#define NAMELIST_MAX_BYTES (256 * 1024)

enum namelist_status {
	NAMELIST_OK,
	NAMELIST_UNREADABLE,   /* the file cannot be opened or read: see errno */
	NAMELIST_TOO_BIG,      /* over NAMELIST_MAX_BYTES: not a list of names */
	NAMELIST_EXTRA_FIELD,  /* a line with more fields than allowed (see *line) */
	NAMELIST_NUL,          /* a NUL byte: not a text file (see *line) */
	NAMELIST_NOMEM,
};

/* Parses TEXT (LEN bytes) into *out, each line into at most FIELDS (1 or 2)
 * fields; a line with more is an error. On failure *out is empty and *line
 * the 1-based line at fault (0 when none). */
enum namelist_status namelist_parse(const char *text, size_t len, unsigned fields,
				    struct namelist *out, unsigned *line);

/* Reads PATH and parses it as namelist_parse() does. */
enum namelist_status namelist_read(const char *path, unsigned fields, struct namelist *out,
				   unsigned *line);

/* namelist_read() with two fields. False when PATH cannot be read (errno
 * set), holds a line of three fields or a NUL byte (errno EINVAL), is too big
 * (EFBIG) or memory runs out (ENOMEM); *out is then empty. */
bool namelist_load(const char *path, struct namelist *out);

/* Frees what LIST holds and empties it; NULL is a no-op. */
void namelist_clear(struct namelist *list);
