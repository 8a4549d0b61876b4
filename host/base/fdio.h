/*
 * fdio.h - whole reads and writes on a file descriptor: the loops that go
 * on after a short count or an interrupted call (EINTR), written once.
 */
#ifndef HK_FDIO_H
#define HK_FDIO_H

#include <stddef.h>

/* Writes the n bytes at p to fd, going on after short writes and EINTR.
 * Returns 0, or -1 when a write fails (errno as the write left it; EIO when
 * it wrote nothing without an error). */
int hk_fdio_write_all(int fd, const void *p, size_t n);

/* Reads from fd into p until n bytes are in, end of file or an error
 * (EINTR is retried). Returns the number of bytes read. */
size_t hk_fdio_read_full(int fd, void *p, size_t n);

#endif
