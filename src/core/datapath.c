/* datapath.c — see datapath.h. */
#include "datapath.h"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The folder an environment variable names, or the installed one. */
static const char *
dir_from(const char *variable, const char *installed)
{
	const char *env = getenv(variable);
	return env && env[0] ? env : installed;
}

const char *
datapath_datadir(void)
{
	return dir_from("FLICONO_MAILSETUP_DATADIR", PKG_DATADIR);
}

const char *
datapath_localedir(void)
{
	return dir_from("FLICONO_MAILSETUP_LOCALEDIR", LOCALEDIR);
}

char *
datapath_file(const char *name)
{
	const char *dir = datapath_datadir();
	size_t len = strlen(dir) + 1 + strlen(name) + 1;
	char *path = malloc(len);
	if (path)
		snprintf(path, len, "%s/%s", dir, name);
	return path;
}
