/* state.c — see state.h. */
#include "state.h"

#include "dname.h"
#include "fdio.h"
#include "strbuf.h"
#include "utf8.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATE_HEADER "# flicono-mailsetup open checks v1\n"

bool
state_dir(const char *env_xdg, const char *env_home, char *buf, size_t size)
{
	int n;
	/* XDG Base Directory: a relative XDG_STATE_HOME is invalid, ignore it. */
	if (env_xdg && env_xdg[0] == '/')
		n = snprintf(buf, size, "%s/flicono-mailsetup", env_xdg);
	else if (env_home && env_home[0] == '/')
		n = snprintf(buf, size, "%s/.local/state/flicono-mailsetup", env_home);
	else
		return false;
	return n > 0 && (size_t)n < size;
}

void
state_list_clear(struct state_list *list)
{
	if (!list)
		return;
	free(list->entries);
	list->entries = NULL;
	list->n = 0;
}

const struct state_entry *
state_find(const struct state_list *list, const char *domain)
{
	for (size_t i = 0; i < list->n; i++)
		if (strcmp(list->entries[i].domain, domain) == 0)
			return &list->entries[i];
	return NULL;
}

int
state_take_bound(struct state_list *list, void *ctx)
{
	const struct state_bound *sb = ctx;
	for (size_t i = 0; i < list->n; i++) {
		struct cache_bound *b = &list->entries[i].bound;
		/* Only the check that saw it: one begun anew meanwhile starts over. */
		if (strcmp(list->entries[i].domain, sb->domain) != 0 ||
		    list->entries[i].started != sb->started)
			continue;
		if (b->all_since == sb->bound.all_since && b->ttl == sb->bound.ttl &&
		    b->has_ttl == sb->bound.has_ttl && b->old_seen == sb->bound.old_seen)
			return 0;
		*b = sb->bound;
		return 1;
	}
	return 0;
}

bool
state_remove(struct state_list *list, const char *domain)
{
	for (size_t i = 0; i < list->n; i++) {
		if (strcmp(list->entries[i].domain, domain) != 0)
			continue;
		memmove(&list->entries[i], &list->entries[i + 1],
			(list->n - i - 1) * sizeof(*list->entries));
		list->n--;
		return true;
	}
	return false;
}

bool
state_put(struct state_list *list, const struct state_entry *entry)
{
	struct state_entry copy = *entry;
	state_remove(list, copy.domain);
	if (list->n >= STATE_MAX_ENTRIES)
		list->n = STATE_MAX_ENTRIES - 1;
	struct state_entry *grown = realloc(list->entries, (list->n + 1) * sizeof(*grown));
	if (!grown)
		return false;
	list->entries = grown;
	memmove(&list->entries[1], &list->entries[0], list->n * sizeof(*list->entries));
	list->entries[0] = copy;
	list->n++;
	return true;
}

/* A domain as we write it: lower-case LDH labels (A-labels included). */
static bool
valid_domain(const char *s)
{
	for (const char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			return false;
	return dname_check(s, strlen(s), DNAME_LDH | DNAME_MULTI_LABEL, NULL) == DNAME_OK;
}

/* Copies field [S, S+LEN) into DST (SIZE bytes); false when it does not fit. */
static bool
copy_field(char *dst, size_t size, const char *s, size_t len)
{
	if (len >= size)
		return false;
	memcpy(dst, s, len);
	dst[len] = '\0';
	return true;
}

/* A whole non-negative number of FIELD (LEN bytes), at most MAX. */
static bool
parse_number(const char *field, size_t len, long long max, long long *out)
{
	char num[24];
	char *nend;
	if (!copy_field(num, sizeof(num), field, len) || num[0] < '0' || num[0] > '9')
		return false;
	errno = 0;
	*out = strtoll(num, &nend, 10);
	return !errno && !*nend && *out <= max;
}

/* ALL_SINCE, BOUND_TTL, old|estimate. */
static bool
parse_bound(const char *const *field, const size_t *flen, struct cache_bound *b)
{
	long long since, ttl;
	/* A TTL is at most 2^31 - 1 (RFC 2181 8); a moment past 2^40 s is not
	 * ours either: the bound's sum then cannot overflow. */
	if (!parse_number(field[0], flen[0], 1LL << 40, &since) ||
	    !parse_number(field[1], flen[1], INT32_MAX, &ttl))
		return false;
	if (flen[2] == 3 && memcmp(field[2], "old", 3) == 0)
		b->old_seen = true;
	else if (!(flen[2] == 8 && memcmp(field[2], "estimate", 8) == 0))
		return false;
	b->all_since = (time_t)since;
	b->ttl = (uint32_t)ttl;
	b->has_ttl = true;
	return true;
}

static bool
parse_line(const char *s, size_t len, struct state_entry *e)
{
	const char *field[8];
	size_t flen[8];
	size_t nf = 0;
	const char *p = s, *end = s + len;

	/* Five fields, or eight with the bound. */
	while (nf < 8 && p <= end) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		field[nf] = p;
		flen[nf] = tab ? (size_t)(tab - p) : (size_t)(end - p);
		nf++;
		p = tab ? tab + 1 : end + 1;
	}
	if ((nf != 5 && nf != 8) || p <= end)
		return false;
	*e = (struct state_entry){0};
	if (!copy_field(e->domain, sizeof(e->domain), field[0], flen[0]) ||
	    !valid_domain(e->domain))
		return false;
	if (flen[1] == 4 && memcmp(field[1], "line", 4) == 0)
		e->form = ENTRY_FORM_LINE;
	else if (flen[1] == 6 && memcmp(field[1], "fields", 6) == 0)
		e->form = ENTRY_FORM_FIELDS;
	else
		return false;
	if (flen[2] == 3 && memcmp(field[2], "ttl", 3) == 0)
		e->with_ttl = true;
	else if (flen[2] == 5 && memcmp(field[2], "nottl", 5) == 0)
		e->with_ttl = false;
	else
		return false;
	char num[24];
	char *nend;
	if (!copy_field(num, sizeof(num), field[3], flen[3]) || !num[0])
		return false;
	errno = 0;
	long long started = strtoll(num, &nend, 10);
	if (errno || *nend || started < 0)
		return false;
	e->started = (time_t)started;
	if (!copy_field(e->input, sizeof(e->input), field[4], flen[4]) || !utf8_valid(e->input))
		return false;
	/* The input is shown again: no control characters may hide in it. */
	for (const char *q = e->input; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			return false;
	return nf == 5 || parse_bound(field + 5, flen + 5, &e->bound);
}

bool
state_parse(const char *text, size_t len, struct state_list *out, bool *nomem)
{
	size_t hlen = strlen(STATE_HEADER);
	*out = (struct state_list){0};
	*nomem = false;
	if (len < hlen || memcmp(text, STATE_HEADER, hlen) != 0 || memchr(text, '\0', len))
		return false;
	for (size_t pos = hlen; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		if (!nl) /* we always end lines: a missing newline means a cut file */
			goto bad;
		size_t llen = (size_t)(nl - (text + pos));
		struct state_entry e;
		if (llen && !parse_line(text + pos, llen, &e))
			goto bad;
		pos += llen + 1;
		if (!llen)
			continue;
		if (out->n >= STATE_MAX_ENTRIES)
			goto bad;
		struct state_entry *grown = realloc(out->entries, (out->n + 1) * sizeof(*grown));
		if (!grown) {
			*nomem = true;
			goto bad;
		}
		out->entries = grown;
		out->entries[out->n++] = e;
	}
	return true;
bad:
	state_list_clear(out);
	return false;
}

char *
state_format(const struct state_list *list)
{
	struct strbuf sb = {0};
	strbuf_str(&sb, STATE_HEADER);
	for (size_t i = 0; i < list->n; i++) {
		const struct state_entry *e = &list->entries[i];
		strbuf_printf(&sb, "%s\t%s\t%s\t%lld\t%s", e->domain,
			      e->form == ENTRY_FORM_FIELDS ? "fields" : "line",
			      e->with_ttl ? "ttl" : "nottl", (long long)e->started, e->input);
		if (e->bound.has_ttl)
			strbuf_printf(&sb, "\t%lld\t%lu\t%s", (long long)e->bound.all_since,
				      (unsigned long)e->bound.ttl, e->bound.old_seen ? "old" : "estimate");
		strbuf_str(&sb, "\n");
	}
	return strbuf_finish(&sb);
}

/* Renames a file we cannot use out of the way, so that the next save does
 * not destroy what someone may want to look at. */
static enum state_status
set_aside(const char *path, const char *dir, char *aside, size_t size)
{
	int n = snprintf(aside, size, "%s/%s.corrupt-%lld", dir, STATE_FILE_NAME,
			 (long long)time(NULL));
	if (n < 0 || (size_t)n >= size || rename(path, aside) != 0)
		return STATE_IO;
	return STATE_SET_ASIDE;
}

enum state_status
state_load(const char *dir, struct state_list *out, char *aside, size_t aside_size)
{
	char path[PATH_MAX];
	enum state_status status = STATE_OK;
	char *buf = NULL;
	bool nomem;
	int fd = -1;

	*out = (struct state_list){0};
	if (aside_size)
		aside[0] = '\0';
	if (snprintf(path, sizeof(path), "%s/%s", dir, STATE_FILE_NAME) >= (int)sizeof(path))
		return STATE_IO;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return errno == ENOENT ? STATE_OK : STATE_IO;
	if (!(buf = malloc(STATE_MAX_BYTES + 1))) {
		status = STATE_NOMEM;
		goto out;
	}
	size_t len = 0;
	for (;;) {
		ssize_t r = read(fd, buf + len, STATE_MAX_BYTES + 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			status = STATE_IO;
			goto out;
		}
		if (r == 0 || (len += (size_t)r) > STATE_MAX_BYTES)
			break;
	}
	if (len > STATE_MAX_BYTES || !state_parse(buf, len, out, &nomem)) {
		if (len <= STATE_MAX_BYTES && nomem)
			status = STATE_NOMEM;
		else
			status = set_aside(path, dir, aside, aside_size);
	}
out:
	free(buf);
	if (fd >= 0)
		close(fd);
	return status;
}

/* mkdir -p with 0700 (XDG: the state directory is the user's alone). */
static bool
make_dirs(const char *dir)
{
	char tmp[PATH_MAX];
	size_t len = strlen(dir);
	if (len == 0 || len >= sizeof(tmp))
		return false;
	memcpy(tmp, dir, len + 1);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
			return false;
		*p = '/';
	}
	if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
		return false;
	/* A directory made by an older version or by hand: make it private. */
	return chmod(tmp, 0700) == 0;
}

static bool
fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

/* A writer killed between creating its temp file and the rename leaves
 * .open-checks.PID.tmp behind; without this they pile up for ever. Only
 * names of exactly that form whose PID no longer runs are removed: another
 * wizard saving at this moment keeps its file. */
static void
remove_stale_temps(const char *dir)
{
	static const char prefix[] = "." STATE_FILE_NAME ".";
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d)
		return;
	while ((de = readdir(d))) {
		const char *name = de->d_name;
		if (strncmp(name, prefix, sizeof(prefix) - 1) != 0)
			continue;
		char *end;
		errno = 0;
		long pid = strtol(name + sizeof(prefix) - 1, &end, 10);
		if (errno || pid <= 0 || end == name + sizeof(prefix) - 1 ||
		    strcmp(end, ".tmp") != 0 || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
			unlinkat(dirfd(d), name, 0);
	}
	closedir(d);
}

enum state_status
state_save(const char *dir, const struct state_list *list)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	enum state_status status = STATE_OK;
	char *text = NULL;
	int fd = -1;

	if (snprintf(path, sizeof(path), "%s/%s", dir, STATE_FILE_NAME) >= (int)sizeof(path) ||
	    snprintf(tmp, sizeof(tmp), "%s/.%s.%ld.tmp", dir, STATE_FILE_NAME, (long)getpid()) >=
		    (int)sizeof(tmp))
		return STATE_IO;
	if (!make_dirs(dir))
		return STATE_IO;
	remove_stale_temps(dir);
	if (list->n == 0) {
		if (unlink(path) != 0 && errno != ENOENT)
			return STATE_IO;
		return fsync_dir(dir) ? STATE_OK : STATE_IO;
	}
	if (!(text = state_format(list)))
		return STATE_NOMEM;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		status = STATE_IO;
		goto out;
	}
	if (!fdio_write_all(fd, text, strlen(text)) || fsync(fd) != 0) {
		status = STATE_IO;
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		status = STATE_IO;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		status = STATE_IO;
		goto out;
	}
	if (!fsync_dir(dir))
		status = STATE_IO;
out:
	if (fd >= 0)
		close(fd);
	if (status != STATE_OK)
		unlink(tmp);
	free(text);
	return status;
}

/* The lock beside the list (see state_update); -1 when there is none to be
 * had. Released by closing it. */
static int
lock_dir(const char *dir)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof(path), "%s/%s.lock", dir, STATE_FILE_NAME) >= (int)sizeof(path) ||
	    !make_dirs(dir))
		return -1;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -1;
	/* The wizard's signal handlers do not restart: a resize interrupts. */
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	}
	return fd;
}

enum state_status
state_update(const char *dir, state_change_fn change, void *ctx, struct state_list *out,
	     char *aside, size_t aside_size)
{
	int lock = lock_dir(dir);
	enum state_status loaded = state_load(dir, out, aside, aside_size);
	enum state_status status = loaded;
	if (loaded == STATE_OK || loaded == STATE_SET_ASIDE) {
		int changed = change(out, ctx);
		if (changed < 0)
			status = STATE_NOMEM;
		else if (changed > 0 && (status = state_save(dir, out)) == STATE_OK)
			status = loaded;
		if (status != loaded) {
			state_list_clear(out);
			*out = (struct state_list){0};
		}
	}
	if (lock >= 0)
		close(lock);
	return status;
}
