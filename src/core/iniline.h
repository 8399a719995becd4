/* iniline.h — one line for inih's stream reader, read byte by byte rather
 * than with fgets(): a NUL byte is seen (and the line refused) instead of
 * cutting the line short, and a line of exactly NUM - 1 bytes still fits.
 * The profile and the provider list share it. */
#pragma once

#include <stdbool.h>
#include <stdio.h>

enum iniline_state {
	INILINE_OK,
	INILINE_TOO_LONG, /* cut at NUM - 1 bytes: the line is not ours */
	INILINE_NUL,      /* it holds a NUL byte */
};

/* Reads the next line of F (without its newline) into STR (NUM bytes).
 * Returns false at the end of the file; else *STATE says what was read. */
bool iniline_read(FILE *f, char *str, int num, enum iniline_state *state);

/* How reading a file went, beyond the loader's own problems. */
enum iniline_outcome {
	INILINE_DONE,       /* read; the loader's own problem, if any, stands */
	INILINE_MISSING,    /* the file does not exist */
	INILINE_UNREADABLE, /* it cannot be opened, or reading it failed */
	INILINE_SYNTAX,     /* inih could not read a line (*line) before any of ours */
	INILINE_NO_MEMORY,
};

/* What a loader passes to iniline_parse(): the callbacks and their data
 * (CTX for both), the stream slot its reader reads from, the lines it has
 * read, and the line of its own first problem (0 while there is none: every
 * problem found while reading has a line). */
struct iniline_job {
	const char *path;
	FILE **file;
	char *(*reader)(char *, int, void *);
	int (*handler)(void *, const char *, const char *, const char *);
	void *ctx;
	const unsigned *lines_read;
	const unsigned *own_line;
};

/* Opens the file, runs inih over it, closes it. *LINE: the bad line for
 * INILINE_SYNTAX. */
enum iniline_outcome iniline_parse(const struct iniline_job *job, unsigned *line);
