/*
 * wire.c - length-prefixed records over a pipe (see wire.h).
 */
#include "engine/wire.h"
#include "base/error.h"
#include "base/fdio.h"
#include "base/text.h"

#include <string.h>
#include <unistd.h>

#define FLUSH_AT (64u << 10)

static void put_u32(unsigned char *b, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get_u32(const char *p)
{
	const unsigned char *b = (const unsigned char *)p;
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

int hk_wire_flush(struct hk_wire *w)
{
	if (!w->err && hk_fdio_write_all(w->fd, w->buf.ptr, w->buf.len) != 0)
		w->err = 1;
	w->buf.len = 0;
	return w->err ? -1 : 0;
}

int hk_wire_put(struct hk_wire *w, char tag, const void *p, size_t n)
{
	unsigned char head[5];

	if (w->err)
		return -1;
	if (n > UINT32_MAX) {
		w->err = 1;
		return -1;
	}
	head[0] = (unsigned char)tag;
	put_u32(head + 1, (uint32_t)n);
	if (hk_buf_put(&w->buf, head, 5) != 0 || (n && hk_buf_put(&w->buf, p, n) != 0)) {
		w->err = 1;
		return -1;
	}
	return w->buf.len >= FLUSH_AT ? hk_wire_flush(w) : 0;
}

void hk_wire_free(struct hk_wire *w)
{
	hk_buf_free(&w->buf);
}

int hk_wire_field(hk_buf *payload, const void *p, size_t n)
{
	unsigned char head[4];

	if (n > UINT32_MAX)
		return hk_error_setc(HK_EINTERNAL, "a field of %zu bytes", n);
	put_u32(head, (uint32_t)n);
	if (hk_buf_put(payload, head, 4) != 0 || (n && hk_buf_put(payload, p, n) != 0))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	return 0;
}

int hk_wire_field_u64(hk_buf *payload, uint64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	return hk_wire_field(payload, b, 8);
}

int hk_wire_next(struct hk_wire_rec *r, const char *buf, size_t len, size_t *pos, size_t max_payload)
{
	size_t n;

	if (*pos == len)
		return 0;
	if (len - *pos < 5)
		return -1;
	n = get_u32(buf + *pos + 1);
	if (n > max_payload || n > len - *pos - 5)
		return -1;
	r->tag = buf[*pos];
	r->p = buf + *pos + 5;
	r->n = n;
	*pos += 5 + n;
	return 1;
}

int hk_wire_get(const char **s, size_t *slen, const char *p, size_t n, size_t *pos)
{
	size_t k;

	if (*pos == n)
		return 0;
	if (n - *pos < 4)
		return -1;
	k = get_u32(p + *pos);
	if (k > n - *pos - 4)
		return -1;
	*s = p + *pos + 4;
	*slen = k;
	*pos += 4 + k;
	return 1;
}

int hk_wire_get_u64(uint64_t *v, const char *p, size_t n, size_t *pos)
{
	const char *s;
	size_t k;

	if (hk_wire_get(&s, &k, p, n, pos) != 1 || k != 8)
		return -1;
	*v = 0;
	for (int i = 7; i >= 0; i--)
		*v = *v << 8 | (unsigned char)s[i];
	return 1;
}

int hk_wire_print_log(FILE *f, const struct hk_wire_rec *r)
{
	hk_buf v = HK_BUF_INIT;
	size_t n = r->n && r->p[r->n - 1] == '\n' ? r->n - 1 : r->n;

	if (r->n > 65536)
		return -1;
	if (hk_text_visible(&v, r->p, n, 0) == 0 && v.ptr) {
		fwrite(v.ptr, 1, v.len, f);
		fputc('\n', f);
	}
	hk_buf_free(&v);
	return 0;
}
