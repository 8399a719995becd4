/* fuzz-file.h — a fuzz input as a file, for readers that take a path
 * (profile_load, resolv.conf): a memfd reached as /proc/self/fd/N, so that
 * no file is written. The target defines _GNU_SOURCE (memfd_create). */
#pragma once

#include "fuzz.h"

#include <sys/mman.h>
#include <unistd.h>

struct fuzz_file {
	int fd;
	char path[64];
};

static inline void
fuzz_file_open(struct fuzz_file *f, const char *name)
{
	f->fd = memfd_create(name, 0);
	FUZZ_CHECK(f->fd >= 0);
	snprintf(f->path, sizeof(f->path), "/proc/self/fd/%d", f->fd);
}

/* Makes the file hold exactly DATA (SIZE bytes). */
static inline void
fuzz_file_set(struct fuzz_file *f, const uint8_t *data, size_t size)
{
	FUZZ_CHECK(ftruncate(f->fd, 0) == 0);
	if (size)
		FUZZ_CHECK(pwrite(f->fd, data, size, 0) == (ssize_t)size);
}
