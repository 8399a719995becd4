/* inifile.c — see inifile.h. */
#include "inifile.h"

#include "i18n.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <string.h>

struct inifile {
	const struct inifile_format *format;
	void *ctx;
	struct inifile_problem *problem;
	FILE *file;
	unsigned line;  /* the line the reader handed out last */
	bool skip_line; /* that line is too long or holds a NUL: it reaches no callback */
};

enum line_state {
	LINE_OK,
	LINE_TOO_LONG, /* cut at NUM - 1 bytes: the line is not ours */
	LINE_NUL,      /* it holds a NUL byte */
};

/* The next line of F (without its newline) into STR (NUM bytes). False at
 * the end of the file; else *STATE says what was read. */
static bool
read_bytes(FILE *f, char *str, int num, enum line_state *state)
{
	size_t n = 0, max = (size_t)num - 1;
	int c;
	bool any = false, too_long = false, nul = false;

	while ((c = getc(f)) != EOF) {
		any = true;
		if (c == '\n')
			break;
		if (c == '\0')
			nul = true;
		if (n < max)
			str[n++] = (char)c;
		else
			too_long = true;
	}
	if (!any)
		return false;
	str[n] = '\0';
	*state = too_long ? LINE_TOO_LONG : nul ? LINE_NUL : LINE_OK;
	return true;
}

/* A section header is seen here, where its line is known, rather than in
 * inih's handler, which sees only keys. Anything not of the form "[…]" is
 * left to inih. */
static void
look_for_section(struct inifile *f, const char *line)
{
	line += strspn(line, " \t");
	if (line[0] != '[')
		return;
	const char *end = strchr(line, ']');
	if (!end)
		return;
	char name[64];
	snprintf(name, sizeof(name), "%.*s", (int)(end - line - 1), line + 1);
	f->format->section(f, name);
}

/* inih's reader: one line per call, counted, so that the callbacks know
 * where they are. */
static char *
read_line(char *str, int num, void *stream)
{
	struct inifile *f = stream;
	enum line_state state;
	if (!read_bytes(f->file, str, num, &state))
		return NULL;
	f->line++;
	f->skip_line = state != LINE_OK;
	if (state == LINE_TOO_LONG)
		inifile_fail(f, INIFILE_LINE_TOO_LONG, NULL, NULL);
	else if (state == LINE_NUL)
		inifile_fail(f, INIFILE_SYNTAX, NULL, NULL);
	else if (f->format->section)
		look_for_section(f, str);
	return str;
}

static int
handle(void *user, const char *section, const char *key, const char *value)
{
	struct inifile *f = user;

	if (f->skip_line || inifile_failed(f))
		return 0;
	if (!section[0])
		return inifile_fail(f, INIFILE_KEY_OUTSIDE, NULL, key), 0;
	return f->format->key(f, section, key, value) ? 1 : 0;
}

/* How reading went, apart from the callbacks' own problem: inih's return
 * RC, and whether reading failed. A line inih could not read counts where
 * it comes before the callbacks' first problem. False when reading itself
 * failed (the problem says how). */
static bool
read_through(struct inifile *f, int rc, bool read_failed)
{
	struct inifile_problem *pr = f->problem;
	bool own = pr->error != INIFILE_OK;
	enum inifile_error error = INIFILE_OK;
	unsigned line = 0;

	if (read_failed && (!own || !f->line))
		error = INIFILE_UNREADABLE;
	else if (rc > 0 && (!own || pr->line > (unsigned)rc))
		error = INIFILE_SYNTAX, line = (unsigned)rc;
	else if (rc == -2 && !own)
		error = INIFILE_NO_MEMORY;
	if (error == INIFILE_OK)
		return true;
	*pr = (struct inifile_problem){.error = error, .kind = pr->kind, .path = pr->path,
				       .line = line};
	return false;
}

bool
inifile_load(const char *path, const struct inifile_format *format, void *ctx,
	     struct inifile_problem *problem)
{
	struct inifile f = {.format = format, .ctx = ctx, .problem = problem};

	*problem = (struct inifile_problem){.error = INIFILE_OK, .kind = format->kind,
					    .path = path};
	f.file = fopen(path, "r");
	if (!f.file) {
		problem->error = errno == ENOENT ? INIFILE_NOT_FOUND : INIFILE_UNREADABLE;
		return false;
	}
	int rc = ini_parse_stream(read_line, &f, handle, &f);
	bool read_failed = ferror(f.file);
	fclose(f.file);
	if (read_through(&f, rc, read_failed) && format->finish)
		format->finish(&f);
	return problem->error == INIFILE_OK;
}

void *
inifile_ctx(const struct inifile *f)
{
	return f->ctx;
}

unsigned
inifile_line(const struct inifile *f)
{
	return f->line;
}

bool
inifile_failed(const struct inifile *f)
{
	return f->problem->error != INIFILE_OK;
}

bool
inifile_fail_at(struct inifile *f, unsigned line, enum inifile_error error, const char *section,
		const char *key)
{
	struct inifile_problem *pr = f->problem;
	if (pr->error != INIFILE_OK)
		return false; /* the first problem is the one to fix first */
	pr->error = error;
	pr->line = line;
	snprintf(pr->section, sizeof(pr->section), "%.31s", section ? section : "");
	snprintf(pr->key, sizeof(pr->key), "%.31s", key ? key : "");
	return false;
}

bool
inifile_fail(struct inifile *f, enum inifile_error error, const char *section, const char *key)
{
	return inifile_fail_at(f, f->line, error, section, key);
}

/* The message of a problem in the file's text, without "PATH, Zeile N: ". */
static const char *
detail(const struct inifile_problem *pr, char *buf, size_t size)
{
	switch (pr->error) {
	case INIFILE_SYNTAX:
		return _("Diese Zeile ist weder [Abschnitt] noch Schlüssel = Wert.");
	case INIFILE_LINE_TOO_LONG:
		return _("Die Zeile ist zu lang (höchstens 199 Bytes).");
	case INIFILE_KEY_OUTSIDE:
		snprintf(buf, size, _("„%s“ steht vor dem ersten [Abschnitt]."), pr->key);
		return buf;
	case INIFILE_UNKNOWN_SECTION:
		snprintf(buf, size, _("unbekannter Abschnitt [%s]."), pr->section);
		return buf;
	case INIFILE_BAD_ID:
		snprintf(buf, size,
			 _("[%s] ist kein Anbieterkürzel (nur a-z, 0-9 und „-“, höchstens 31)."),
			 pr->section);
		return buf;
	case INIFILE_DUPLICATE_SECTION:
		snprintf(buf, size, _("Den Anbieter [%s] gibt es schon weiter oben."), pr->section);
		return buf;
	case INIFILE_UNKNOWN_KEY:
		snprintf(buf, size, _("unbekannter Schlüssel „%s“ in [%s]."), pr->key, pr->section);
		return buf;
	case INIFILE_DUPLICATE_KEY:
		snprintf(buf, size, _("„%s“ steht in [%s] mehr als einmal."), pr->key, pr->section);
		return buf;
	case INIFILE_BAD_VALUE:
		snprintf(buf, size, _("ungültiger Wert für „%s“ in [%s]."), pr->key, pr->section);
		return buf;
	case INIFILE_TOO_MANY:
		snprintf(buf, size, _("zu viele Einträge „%s“ in [%s]."), pr->key, pr->section);
		return buf;
	case INIFILE_MISSING_KEY:
		snprintf(buf, size, _("In [%s] fehlt der Schlüssel „%s“."), pr->section, pr->key);
		return buf;
	default:
		return "";
	}
}

const char *
inifile_problem_message(const struct inifile_problem *pr, char *buf, size_t size)
{
	const char *path = pr->path ? pr->path : "";
	bool providers = pr->kind == INIFILE_PROVIDERS;
	char text[256];

	switch (pr->error) {
	case INIFILE_OK:
		snprintf(buf, size, "%s", "");
		break;
	case INIFILE_NOT_FOUND:
		snprintf(buf, size,
			 providers ? _("Die Anbieterliste %s gibt es nicht.")
				   : _("Die Profildatei %s gibt es nicht."),
			 path);
		break;
	case INIFILE_UNREADABLE:
		snprintf(buf, size,
			 providers ? _("Die Anbieterliste %s lässt sich nicht lesen.")
				   : _("Die Profildatei %s lässt sich nicht lesen."),
			 path);
		break;
	case INIFILE_NO_MEMORY:
		snprintf(buf, size, "%s", _("Nicht genug Arbeitsspeicher."));
		break;
	default:
		if (pr->line)
			snprintf(buf, size, _("%s, Zeile %u: %s"), path, pr->line,
				 detail(pr, text, sizeof(text)));
		else
			snprintf(buf, size, "%s: %s", path, detail(pr, text, sizeof(text)));
		break;
	}
	return buf;
}
