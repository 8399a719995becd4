/* state.h — the open checks: domains whose propagation check the user has
 * reached but not seen finish, kept between runs so that re-running the
 * wizard offers them ("Offene Prüfungen").
 *
 * The list lives in DIR/open-checks (DIR: $XDG_STATE_HOME/flicono-mailsetup,
 * or ~/.local/state/flicono-mailsetup when XDG_STATE_HOME is not absolute),
 * the directory 0700, the file 0600. It is replaced atomically (temp file,
 * fsync, rename, fsync of the directory), so a crash leaves the old or the
 * new list, never half of one. A corrupt or oversized file is renamed aside
 * and reported, never fatal. Line format (tab-separated, one check a line):
 *   DOMAIN  FORM(line|fields)  TTL(ttl|nottl)  STARTED(unix seconds)  INPUT
 * and, once a check saw every name server serve the record, the worldwide
 * bound (bound.h) in three more fields:
 *   ALL_SINCE(unix seconds)  BOUND_TTL(seconds)  old|estimate */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "bound.h"
#include "entry.h"

#define STATE_FILE_NAME "open-checks"
/* Larger than any list a person could build up: anything bigger is not ours. */
#define STATE_MAX_BYTES (64 * 1024)
#define STATE_MAX_ENTRIES 50

struct state_entry {
	char domain[254]; /* A-label, lower case: the key */
	char input[256];  /* what the user typed: "info@müller-bau.de" */
	enum entry_form form;
	bool with_ttl;
	time_t started;
	struct cache_bound bound; /* what the checks so far saw (bound.h) */
};

struct state_list {
	struct state_entry *entries; /* newest first */
	size_t n;
};

enum state_status {
	STATE_OK,
	STATE_NO_HOME,   /* neither an absolute XDG_STATE_HOME nor HOME */
	STATE_SET_ASIDE, /* the file was corrupt or too big: renamed to *aside */
	STATE_IO,        /* a file operation failed: see errno */
	STATE_NOMEM,
};

/* Writes the state directory for the environment ENV_XDG (XDG_STATE_HOME)
 * and ENV_HOME (HOME) into BUF. False (STATE_NO_HOME) when neither gives an
 * absolute path or BUF is too small. */
bool state_dir(const char *env_xdg, const char *env_home, char *buf, size_t size);

/* Reads DIR's list into *out (empty when there is no file yet). A file that
 * does not parse or exceeds STATE_MAX_BYTES is renamed to
 * open-checks.corrupt-UNIXTIME, *out is empty, the new name is in ASIDE
 * (SIZE bytes) and STATE_SET_ASIDE is returned: the caller warns and goes on. */
enum state_status state_load(const char *dir, struct state_list *out, char *aside,
			     size_t aside_size);

/* Replaces DIR's list with LIST atomically, creating DIR (0700, and its
 * missing parents 0700) when needed. An empty list removes the file. */
enum state_status state_save(const char *dir, const struct state_list *list);

/* What state_update applies to the list: 1 when it changed it (then it is
 * saved), 0 when not, -1 when out of memory. */
typedef int (*state_change_fn)(struct state_list *list, void *ctx);

/* Changes DIR's list as it is on disk at this moment, so that two writers
 * (two wizards, a wizard and check --open or forget) never lose each other's
 * change: under an exclusive lock (flock on DIR/open-checks.lock, held until
 * the new list is in place) the list is read, CHANGE(list, CTX) applied and
 * the list saved when CHANGE changed it. On STATE_OK and STATE_SET_ASIDE (a
 * corrupt file was set aside first, named in ASIDE; the change applied to an
 * empty list) *out is the list now on disk; on any other status *out is
 * empty and the file as it was. Where no lock can be had (a file system
 * without flock), the change goes ahead unlocked. */
enum state_status state_update(const char *dir, state_change_fn change, void *ctx,
			       struct state_list *out, char *aside, size_t aside_size);

/* Puts ENTRY at the front of LIST, replacing an entry for the same domain;
 * drops the oldest beyond STATE_MAX_ENTRIES. False when out of memory. */
bool state_put(struct state_list *list, const struct state_entry *entry);

/* A state_change_fn (CTX: struct state_bound): the entry of domain, if
 * there is one and it is the same check (started), takes bound (bound.h),
 * so that a later check keeps the earliest moment it saw. */
struct state_bound {
	const char *domain;
	time_t started; /* the entry's start: a check begun anew is left alone */
	struct cache_bound bound;
};
int state_take_bound(struct state_list *list, void *ctx);

/* Removes DOMAIN's entry; true when there was one. */
bool state_remove(struct state_list *list, const char *domain);

/* The entry for DOMAIN, or NULL. */
const struct state_entry *state_find(const struct state_list *list, const char *domain);

/* Frees what LIST holds; NULL is a no-op. */
void state_list_clear(struct state_list *list);

/* Parses TEXT (LEN bytes, the file's contents) into *out. False when it is
 * not a list of ours (or out of memory: then *nomem). For tests and load. */
bool state_parse(const char *text, size_t len, struct state_list *out, bool *nomem);

/* The file's contents for LIST (new string; NULL when out of memory). */
char *state_format(const struct state_list *list);
