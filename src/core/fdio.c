/* fdio.c — see fdio.h. */
#include "fdio.h"

#include <errno.h>
#include <unistd.h>

bool
fdio_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w, len -= (size_t)w;
	}
	return true;
}
