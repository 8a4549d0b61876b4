/*
 * textin.c - chunked reading and decoding of textin.h.
 *
 * The decoded text is kept in one buffer: [0, tlen) decoded, [0, scan)
 * scanned for record ends (an LF outside quotes), [0, safe) whole records.
 * hk_textin_next hands out [0, safe) and drops it on the next call.
 */
#include "registry/textin.h"
#include "base/array.h"
#include "base/text.h"
#include "registry/csv.h"
#include "base/error.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (1 << 20)    /* raw bytes read at a time ... */
#define MIN_CHUNK (1 << 12) /* ... or the source's size, at least this */

struct hk_textin {
	char *path;              /* NULL for memory */
	int fd;
	const char *mem;
	size_t memlen, mempos;
	enum hk_encoding enc;    /* UTF8 or GB18030 once known */
	int validate;            /* check UTF-8 while reading (forced or BOM) */
	iconv_t cd;
	size_t chunk;            /* raw bytes read at a time */
	char *raw;               /* chunk + carry bytes */
	size_t rawlen;           /* undecoded bytes at raw[0] */
	unsigned long long raw_base; /* source offset of raw[0] */
	char *text;
	size_t tlen, tcap, scan, safe, handed;
	int inq, eof, started;
	int bad_set;             /* a decoding failure was found */
	unsigned long long bad;  /* its source offset */
};

enum hk_encoding hk_textin_encoding(const hk_textin *in)
{
	return in->enc;
}

void hk_textin_free(hk_textin *in)
{
	if (!in)
		return;
	if (in->fd >= 0)
		close(in->fd);
	if (in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	free(in->path);
	free(in->raw);
	free(in->text);
	free(in);
}

static int read_fail(hk_textin *in)
{
	return hk_error_setc(HK_EINPUT, "%s: cannot read: %s", in->path, hk_strerror(errno));
}

/* Reads up to n source bytes at the current position into p. Returns the
 * count (0 at the end) or HK_EINPUT. */
static long long source_read(hk_textin *in, char *p, size_t n)
{
	ssize_t r;
	if (!in->path) {
		size_t k = in->memlen - in->mempos < n ? in->memlen - in->mempos : n;
		memcpy(p, in->mem + in->mempos, k);
		in->mempos += k;
		return (long long)k;
	}
	do
		r = read(in->fd, p, n);
	while (r < 0 && errno == EINTR);
	return r < 0 ? read_fail(in) : (long long)r;
}

static int source_rewind(hk_textin *in)
{
	in->mempos = 0;
	if (in->path && lseek(in->fd, 0, SEEK_SET) != 0)
		return read_fail(in);
	return 0;
}

/* Length of an incomplete but so far valid UTF-8 sequence ending `p` (len
 * bytes), 0 when there is none. */
static size_t utf8_tail(const char *p, size_t len)
{
	for (size_t k = 1; k <= 3 && k <= len; k++) {
		unsigned char c = (unsigned char)p[len - k];
		size_t need;
		if ((c & 0xC0) == 0x80)
			continue;
		need = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
		return need > k ? k : 0;
	}
	return 0;
}

/* Counts in [p, p+len) the valid multibyte UTF-8 sequences (*valid) and the
 * invalid bytes (*invalid), and the offset of the first invalid one (*first,
 * untouched when none). */
static void utf8_count(const char *p, size_t len, unsigned long long base, unsigned long long *valid,
		       unsigned long long *invalid, unsigned long long *first)
{
	size_t i = 0;
	while (i < len) {
		size_t ok = hk_text_utf8_invalid(p + i, len - i);
		for (size_t k = i; k < i + ok; k++)
			*valid += (unsigned char)p[k] >= 0xC0;
		i += ok;
		if (i < len) {
			if (*invalid == 0)
				*first = base + i;
			(*invalid)++;
			i++;
		}
	}
}

/* The detection pass: reads the whole source counting valid UTF-8 sequences
 * and invalid bytes. All valid: UTF-8. Mostly valid (8+ multibyte sequences,
 * at least 4 per invalid byte): a UTF-8 file with bad bytes, an error at the
 * first one (decoding it as GB18030 could "succeed" into garbage). Else
 * GB18030 (whose text is rarely valid UTF-8 for long). */
static int detect(hk_textin *in)
{
	unsigned long long base = 0, valid = 0, invalid = 0, first = 0;
	size_t carry = 0;

	for (;;) {
		long long n = source_read(in, in->raw + carry, in->chunk);
		size_t len, tail;
		if (n < 0)
			return (int)n;
		len = carry + (size_t)n;
		tail = n > 0 ? utf8_tail(in->raw, len) : 0;
		utf8_count(in->raw, len - tail, base, &valid, &invalid, &first);
		if (n == 0)
			break;
		memmove(in->raw, in->raw + len - tail, tail);
		base += len - tail;
		carry = tail;
	}
	if (invalid == 0) {
		in->enc = HK_ENC_UTF8;
	} else if (valid >= 8 && valid >= 4 * invalid) {
		in->enc = HK_ENC_UTF8;
		in->validate = 1;
	} else {
		in->enc = HK_ENC_GB18030;
	}
	return source_rewind(in);
}

int hk_textin_open(hk_textin **out, const char *path, const char *data, size_t len, enum hk_encoding enc)
{
	hk_textin *in = calloc(1, sizeof(*in));
	int err = 0;

	*out = NULL;
	if (!in)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	in->fd = -1;
	in->cd = (iconv_t)-1;
	in->enc = enc;
	in->validate = enc == HK_ENC_UTF8;
	if (path) {
		struct stat st;
		if (!(in->path = strdup(path))) {
			err = hk_error_setc(HK_EINTERNAL, "out of memory");
			goto done;
		}
		if ((in->fd = open(path, O_RDONLY)) < 0) {
			err = hk_error_setc(HK_EINPUT, "%s: cannot open: %s", path, hk_strerror(errno));
			goto done;
		}
		len = fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode) ? (size_t)st.st_size : CHUNK;
	} else {
		in->mem = data;
		in->memlen = len;
	}
	/* a small source gets small buffers (rule tests import many) */
	in->chunk = len < MIN_CHUNK ? MIN_CHUNK : len > CHUNK ? CHUNK : len;
	if (!(in->raw = malloc(in->chunk + 8))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	if (enc == HK_ENC_AUTO) {
		char bom[3];
		long long n = source_read(in, bom, 3);
		if (n < 0 || (err = source_rewind(in)) < 0) {
			err = n < 0 ? (int)n : err;
			goto done;
		}
		if (n == 3 && memcmp(bom, "\xEF\xBB\xBF", 3) == 0)
			in->enc = HK_ENC_UTF8, in->validate = 1;
		else if (n >= 2 && memcmp(bom, "\xFF\xFE", 2) == 0)
			in->enc = HK_ENC_UTF16LE; /* Excel's "Unicode text" */
		else if (n >= 2 && memcmp(bom, "\xFE\xFF", 2) == 0)
			in->enc = HK_ENC_UTF16BE;
		else if ((err = detect(in)) < 0)
			goto done;
	}
	if (in->enc != HK_ENC_UTF8 &&
	    (in->cd = iconv_open("UTF-8", in->enc == HK_ENC_GB18030	? "GB18030"
					  : in->enc == HK_ENC_UTF16LE ? "UTF-16LE"
								      : "UTF-16BE")) == (iconv_t)-1) {
		err = hk_error_setc(HK_EINTERNAL, "iconv cannot convert %s to UTF-8", hk_encoding_name(in->enc));
		goto done;
	}
	*out = in;
	in = NULL;
done:
	hk_textin_free(in);
	return err;
}

static int text_reserve(hk_textin *in, size_t extra)
{
	size_t start = 2 * in->chunk;
	if (extra > SIZE_MAX - 1 - in->tlen)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	return hk_array_grow(&in->text, &in->tcap, in->tlen + extra + 1 < start ? start : in->tlen + extra + 1, 1);
}

static int decoding_failed(hk_textin *in, unsigned long long off)
{
	in->bad_set = 1;
	in->bad = off;
	return hk_error_setc(HK_EINPUT, "undecodable bytes");
}

/* Reads one more chunk and appends its decoded text. */
static int fill(hk_textin *in)
{
	long long n = source_read(in, in->raw + in->rawlen, in->chunk);
	size_t len, use, skip = 0;
	int err;

	if (n < 0)
		return (int)n;
	if (n == 0)
		in->eof = 1;
	len = in->rawlen + (size_t)n;
	if (!in->started) {
		in->started = 1;
		if (in->enc == HK_ENC_UTF8 && len >= 3 && memcmp(in->raw, "\xEF\xBB\xBF", 3) == 0)
			skip = 3;
	}
	if ((err = text_reserve(in, len * 2 + 8)) < 0)
		return err;
	if (in->enc == HK_ENC_UTF8) {
		size_t tail = in->eof ? 0 : utf8_tail(in->raw, len);
		use = len - tail;
		if (in->validate) {
			size_t bad = hk_text_utf8_invalid(in->raw + skip, use - skip) + skip;
			if (bad < use)
				return decoding_failed(in, in->raw_base + bad);
		}
		memcpy(in->text + in->tlen, in->raw + skip, use - skip);
		in->tlen += use - skip;
	} else {
		char *ip = in->raw, *op = in->text + in->tlen;
		size_t inleft = len, outleft = in->tcap - in->tlen - 1;
		if (iconv(in->cd, &ip, &inleft, &op, &outleft) == (size_t)-1 &&
		    (errno == EILSEQ || (errno == EINVAL && in->eof)))
			return decoding_failed(in, in->raw_base + (size_t)(ip - in->raw));
		in->tlen = (size_t)(op - in->text);
		use = (size_t)(ip - in->raw);
		if (in->raw_base == 0 && in->tlen >= 3 && memcmp(in->text, "\xEF\xBB\xBF", 3) == 0) {
			memmove(in->text, in->text + 3, in->tlen - 3); /* GB18030 BOM 84 31 95 33, UTF-16 FF FE */
			in->tlen -= 3;
		}
	}
	memmove(in->raw, in->raw + use, len - use);
	in->rawlen = len - use;
	in->raw_base += use;
	if (in->eof && in->rawlen > 0)
		return decoding_failed(in, in->raw_base);
	return 0;
}

/* Scans the new text for record ends: LF outside quotes. */
static void scan(hk_textin *in)
{
	const char *t = in->text;
	size_t i = in->scan, end = in->tlen;
	int inq = in->inq;

	while (i < end) {
		const char *q = inq ? memchr(t + i, '"', end - i) : NULL;
		if (inq) {
			if (!q) {
				i = end;
				break;
			}
			i = (size_t)(q - t) + 1;
			inq = 0;
			continue;
		}
		for (; i < end; i++) {
			if (t[i] == '"') {
				inq = 1;
				i++;
				break;
			}
			if (t[i] == '\n')
				in->safe = i + 1;
		}
	}
	in->scan = i;
	in->inq = inq;
}

int hk_textin_next(hk_textin *in, char **text, size_t *len)
{
	int err;

	if (in->handed) {
		memmove(in->text, in->text + in->handed, in->tlen - in->handed);
		in->tlen -= in->handed;
		in->scan -= in->handed;
		in->handed = 0;
		in->safe = 0;
	}
	for (;;) {
		if (in->safe > 0 && !in->eof) {
			*text = in->text;
			*len = in->handed = in->safe;
			return 1;
		}
		if (in->eof) {
			if (in->tlen == 0)
				return 0;
			*text = in->text;
			*len = in->handed = in->tlen;
			in->text[in->tlen] = '\0';
			return 1;
		}
		if ((err = fill(in)) < 0)
			return err;
		scan(in);
	}
}

int hk_textin_locate_bad(hk_textin *in, unsigned long *line, size_t *field, hk_buf *raw)
{
	struct hk_csv_locator l;
	char *buf = in->raw;
	unsigned long long want = in->bad;
	int err;

	if (!in->bad_set)
		return HK_EINPUT;
	if ((err = source_rewind(in)) < 0)
		return err;
	hk_csv_locator_init(&l);
	while (l.off < want) {
		size_t n = want - l.off < in->chunk ? (size_t)(want - l.off) : in->chunk;
		long long r = source_read(in, buf, n);
		if (r <= 0)
			return r < 0 ? (int)r : HK_EINPUT;
		hk_csv_locator_feed(&l, buf, (size_t)r);
	}
	*line = l.fline;
	*field = l.field;
	/* the raw field: from its start up to a delimiter, at most 80 bytes */
	if (in->path) {
		ssize_t r = pread(in->fd, buf, 84, (off_t)l.fstart);
		if (r < 0)
			return read_fail(in);
		in->rawlen = 0;
		hk_buf_clear(raw);
		for (ssize_t i = 0; i < r && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r' && i < 80; i++)
			hk_buf_putc(raw, buf[i]);
	} else {
		hk_buf_clear(raw);
		for (size_t i = (size_t)l.fstart; i < in->memlen && i < l.fstart + 80; i++) {
			char c = in->mem[i];
			if (c == ',' || c == '\n' || c == '\r')
				break;
			hk_buf_putc(raw, c);
		}
	}
	return 0;
}
