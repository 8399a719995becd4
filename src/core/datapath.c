/* datapath.c — see datapath.h. */
#include "datapath.h"

#include "config.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* True when this executable lives inside the build tree it was built in. */
static bool
in_build_tree(void)
{
	static int cached = -1;
	if (cached < 0) {
		char exe[PATH_MAX];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		size_t root = strlen(BUILD_ROOT);
		cached = 0;
		if (n > 0) {
			exe[n] = '\0';
			cached = strncmp(exe, BUILD_ROOT, root) == 0 && exe[root] == '/';
		}
	}
	return cached;
}

const char *
datapath_datadir(void)
{
	const char *env = getenv("FLICONO_MAILSETUP_DATADIR");
	if (env && env[0])
		return env;
	return in_build_tree() ? SOURCE_DATADIR : PKG_DATADIR;
}

const char *
datapath_localedir(void)
{
	return in_build_tree() ? BUILD_LOCALEDIR : LOCALEDIR;
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
