/* inifile.h — the one loader of the project's INI files (the sender profile,
 * data/flicono.profile, and the provider list, data/providers) and the one
 * kind of problem they report, with its one message.
 *
 * inih parses; the lines are read here byte by byte rather than with
 * fgets(): a NUL byte is seen (and its line refused) instead of cutting the
 * line short, and a line of exactly 199 bytes still fits. The loader of one
 * kind of file supplies callbacks (struct inifile_format) that take each
 * section header and each key; it records what is wrong with
 * inifile_fail(). The first problem found is the one reported: it is the
 * one to fix first. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

enum inifile_error {
	INIFILE_OK,
	INIFILE_NOT_FOUND,         /* the file does not exist */
	INIFILE_UNREADABLE,        /* it exists but cannot be read */
	INIFILE_SYNTAX,            /* a line that is neither [section], key = value nor comment */
	INIFILE_LINE_TOO_LONG,     /* over 199 bytes (the INI reader's limit) */
	INIFILE_KEY_OUTSIDE,       /* a key before the first [section] */
	INIFILE_UNKNOWN_SECTION,   /* see section */
	INIFILE_BAD_ID,            /* a provider's section name that is no id; see section */
	INIFILE_DUPLICATE_SECTION, /* a provider's section again; see section */
	INIFILE_UNKNOWN_KEY,       /* see section and key, as for the rest */
	INIFILE_DUPLICATE_KEY,
	INIFILE_BAD_VALUE,
	INIFILE_TOO_MANY,    /* more values than the key may hold */
	INIFILE_MISSING_KEY, /* line: the section's header, or 0 */
	INIFILE_NO_MEMORY,
};

/* Which file it is: what a message calls it. */
enum inifile_kind {
	INIFILE_PROFILE,   /* "die Profildatei" */
	INIFILE_PROVIDERS, /* "die Anbieterliste" */
};

/* What is wrong, and where. */
struct inifile_problem {
	enum inifile_error error;
	enum inifile_kind kind;
	const char *path; /* the file as given to the loader (not copied) */
	unsigned line;    /* 1-based; 0 when the problem has no line */
	char section[32];
	char key[32];
};

/* A load under way, handed to the callbacks. */
struct inifile;

/* What the loader of one kind of file supplies. */
struct inifile_format {
	enum inifile_kind kind;
	/* A "[NAME]" line, as it is read (before inih sees it), so that an
	 * empty or repeated section is seen too. NULL: none wanted. */
	void (*section)(struct inifile *f, const char *name);
	/* A "KEY = VALUE" line under SECTION (never ""): false when it is
	 * wrong, after inifile_fail(). Not called once a problem is known. */
	bool (*key)(struct inifile *f, const char *section, const char *key, const char *value);
	/* The file is read to its end: the checks that need all of it. Not
	 * called when the file could not be read or inih refused a line
	 * first. NULL: none. */
	void (*finish)(struct inifile *f);
};

/* Reads PATH with FORMAT's callbacks, which get CTX through
 * inifile_ctx(). True when no problem was found; else false with *problem
 * filled (the first problem, with PATH and FORMAT's kind). *problem is
 * filled in either case; its path points at PATH. */
bool inifile_load(const char *path, const struct inifile_format *format, void *ctx,
		  struct inifile_problem *problem);

/* The CTX given to inifile_load(). */
void *inifile_ctx(const struct inifile *f);

/* The line read last (1-based). */
unsigned inifile_line(const struct inifile *f);

/* Whether a problem is recorded already. */
bool inifile_failed(const struct inifile *f);

/* Records ERROR on the line read last, or on LINE (0: none), with SECTION
 * and KEY (each may be NULL; cut at 31 bytes), unless a problem is
 * recorded already. Both return false, for the callbacks to return. */
bool inifile_fail(struct inifile *f, enum inifile_error error, const char *section,
		  const char *key);
bool inifile_fail_at(struct inifile *f, unsigned line, enum inifile_error error,
		     const char *section, const char *key);

/* The German message (translated by gettext) for PROBLEM into BUF:
 * "PATH, Zeile LINE: …" where the problem has a line, "PATH: …" where it
 * has none. Returns BUF ("" for INIFILE_OK). */
const char *inifile_problem_message(const struct inifile_problem *problem, char *buf,
				    size_t size);
