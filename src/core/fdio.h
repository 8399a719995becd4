/* fdio.h — writing a whole buffer to a file descriptor. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Writes all LEN bytes of BUF to FD, repeating after a short write and after
 * a signal interrupted write(2) (EINTR). False on any other error (errno
 * set) or when write(2) reports 0 bytes; then an unknown part may have been
 * written. LEN 0 writes nothing and is true. */
bool fdio_write_all(int fd, const void *buf, size_t len);
