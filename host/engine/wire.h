/*
 * wire.h - the records a rule's child process sends its parent over a pipe.
 *
 * A stream is a sequence of records: a tag byte, the payload length as 4
 * bytes little endian, the payload. A payload holds fields, each a 4-byte
 * little-endian length and that many bytes. The reader trusts nothing: a
 * record longer than the caller's bound, a truncated record or a field
 * running past its payload is garbage (hk_wire_next / hk_wire_field say so).
 */
#ifndef HK_WIRE_H
#define HK_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/buf.h"

/* The writer (in the child): records gathered in buf, written to fd when
 * 64 KiB are pending and at hk_wire_flush. */
struct hk_wire {
	int fd;
	hk_buf buf;
	int err; /* a write failed: the rest is dropped */
};

/* Appends one record (tag, payload p[0..n)). Returns 0 or -1 (write failed
 * or out of memory; then w->err is set and later calls do nothing). */
int hk_wire_put(struct hk_wire *w, char tag, const void *p, size_t n);

/* Writes what is pending. Returns 0 or -1. Frees nothing. */
int hk_wire_flush(struct hk_wire *w);

void hk_wire_free(struct hk_wire *w);

/* Appends one field (length-prefixed bytes) to a payload under
 * construction. Returns 0 or HK_EINTERNAL. */
int hk_wire_field(hk_buf *payload, const void *p, size_t n);

/* Appends a field holding v as 8 bytes little endian. */
int hk_wire_field_u64(hk_buf *payload, uint64_t v);

/* One record read back. */
struct hk_wire_rec {
	char tag;
	const char *p;
	size_t n;
};

/* Reads the record at *pos of buf[0..len). Returns 1 (record in *r, *pos
 * past it), 0 at the end of buf, or -1 when what is at *pos is not a whole
 * record of at most max_payload bytes. */
int hk_wire_next(struct hk_wire_rec *r, const char *buf, size_t len, size_t *pos, size_t max_payload);

/* Reads the field at *pos of a payload p[0..n). Returns 1 (field in *s,
 * *slen; *pos past it), 0 at the end of the payload, -1 when truncated. */
int hk_wire_get(const char **s, size_t *slen, const char *p, size_t n, size_t *pos);

/* Reads a field that must be 8 bytes (a u64). Returns 1, or -1. */
int hk_wire_get_u64(uint64_t *v, const char *p, size_t n, size_t *pos);

/* Writes the log line of an 'L' record to f, made visible again
 * (base/text.h: the child is not trusted to have done it), with one line
 * feed. Returns 0, or -1 when the record is longer than 64 KiB. */
int hk_wire_print_log(FILE *f, const struct hk_wire_rec *r);

#endif
