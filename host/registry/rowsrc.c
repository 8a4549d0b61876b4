/*
 * rowsrc.c - the generic part of rowsrc.h: dispatch to a source's
 * operations, and how a value is quoted in a message.
 */
#include "registry/rowsrc.h"
#include "base/text.h"
#include "registry/encoding.h"

#define VALUE_SHOWN 80 /* bytes of a value quoted in a message */

int hk_rowsrc_next(hk_rowsrc *s, struct hk_cell **cells, size_t *n)
{
	return s->ops->next(s, cells, n);
}

const char *hk_rowsrc_where(const hk_rowsrc *s, hk_buf *b, unsigned long line, size_t col)
{
	hk_buf_clear(b);
	if (s->ops->where(s, b, line, col) < 0)
		return "";
	return b->ptr ? b->ptr : "";
}

void hk_rowsrc_free(hk_rowsrc *s)
{
	if (s)
		s->ops->free(s);
}

const char *hk_rowsrc_quote(hk_buf *b, const char *s, size_t len, int raw)
{
	size_t i = 0, shown = len > VALUE_SHOWN ? VALUE_SHOWN : len;
	int err;

	hk_buf_clear(b);
	err = hk_buf_putc(b, '\'');
	while (i < shown && !err) {
		unsigned char c = (unsigned char)s[i];
		size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		if (c >= 0x20 && c < 0x7f) {
			err = hk_buf_putc(b, (char)c);
			i++;
		} else if (!raw && c >= 0xC0 && i + n <= len && hk_text_utf8_invalid(s + i, n) == n) {
			err = hk_buf_put(b, s + i, n);
			i += n;
		} else {
			err = hk_buf_printf(b, "\\x%02X", c);
			i++;
		}
	}
	if (!err && shown < len)
		err = hk_buf_puts(b, "...");
	if (!err)
		err = hk_buf_putc(b, '\'');
	return err ? "" : b->ptr;
}
