/* iniline.c — see iniline.h. */
#include "iniline.h"

#include <errno.h>
#include <ini.h>

bool
iniline_read(FILE *f, char *str, int num, enum iniline_state *state)
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
	*state = too_long ? INILINE_TOO_LONG : nul ? INILINE_NUL : INILINE_OK;
	return true;
}

enum iniline_outcome
iniline_parse(const struct iniline_job *job, unsigned *line)
{
	*line = 0;
	*job->file = fopen(job->path, "r");
	if (!*job->file)
		return errno == ENOENT ? INILINE_MISSING : INILINE_UNREADABLE;
	int rc = ini_parse_stream(job->reader, job->ctx, job->handler, job->ctx);
	bool failed = ferror(*job->file);
	fclose(*job->file);
	*job->file = NULL;
	unsigned own_line = *job->own_line;
	bool own = own_line != 0;
	if (failed && (!own || !*job->lines_read))
		return INILINE_UNREADABLE;
	if (rc > 0 && (!own || own_line > (unsigned)rc)) {
		*line = (unsigned)rc; /* a line inih could not read before any of ours */
		return INILINE_SYNTAX;
	}
	return rc == -2 && !own ? INILINE_NO_MEMORY : INILINE_DONE;
}
