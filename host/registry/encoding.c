/*
 * encoding.c - UTF-8 validation and GB18030 <-> UTF-8 conversion (glibc iconv).
 */
#include "registry/encoding.h"
#include "base/array.h"
#include "base/error.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int hk_encoding_parse(enum hk_encoding *out, const char *name)
{
	if (!name || strcasecmp(name, "auto") == 0)
		*out = HK_ENC_AUTO;
	else if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0)
		*out = HK_ENC_UTF8;
	else if (strcasecmp(name, "gb18030") == 0)
		*out = HK_ENC_GB18030;
	else
		return hk_error_setc(HK_EINPUT, "unknown encoding '%s' (auto, utf-8 or gb18030)", name);
	return 0;
}

const char *hk_encoding_name(enum hk_encoding enc)
{
	return enc == HK_ENC_UTF8      ? "utf-8"
	       : enc == HK_ENC_GB18030 ? "gb18030"
	       : enc == HK_ENC_UTF16LE ? "utf-16le"
	       : enc == HK_ENC_UTF16BE ? "utf-16be"
				       : "auto";
}

/* Converts with iconv from `from` to `to`; on success *out is a malloc'd
 * buffer (one spare byte) of *outlen bytes. On EILSEQ/EINVAL returns HK_EINPUT
 * with *bad = input offset. (Reading goes through textin.c in chunks.) */
static int convert(char **out, size_t *outlen, size_t *bad, const char *to, const char *from,
		   const char *in, size_t len)
{
	iconv_t cd = iconv_open(to, from);
	size_t cap = len + len / 2 + 16, inleft = len, outleft;
	char *buf = NULL, *ip = (char *)in, *op;
	int err = 0;

	if (cd == (iconv_t)-1)
		return hk_error_setc(HK_EINTERNAL, "iconv cannot convert %s to %s", from, to);
	if (!(buf = malloc(cap + 1))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	op = buf;
	outleft = cap;
	while (inleft > 0) {
		if (iconv(cd, &ip, &inleft, &op, &outleft) != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			size_t used = (size_t)(op - buf), have = cap + 1; /* allocated: cap and the spare byte */
			if ((err = hk_array_grow(&buf, &have, have + 1, 1)) != 0)
				goto done;
			op = buf + used;
			outleft += have - 1 - cap;
			cap = have - 1;
			continue;
		}
		*bad = (size_t)(ip - in);
		err = HK_EINPUT;
		goto done;
	}
	*outlen = (size_t)(op - buf);
	*out = buf;
	buf = NULL;
done:
	free(buf);
	iconv_close(cd);
	return err;
}

int hk_encoding_encode(hk_buf *out, const char *utf8, size_t len, enum hk_encoding enc)
{
	char *conv = NULL;
	size_t n = 0, bad = 0;
	int err;

	if (enc != HK_ENC_GB18030)
		return hk_buf_put(out, utf8, len);
	err = convert(&conv, &n, &bad, "GB18030", "UTF-8", utf8, len);
	if (err == HK_EINPUT)
		return hk_error_setc(HK_EINPUT, "invalid UTF-8 at byte %zu", bad);
	if (err == 0)
		err = hk_buf_put(out, conv, n);
	free(conv);
	return err;
}
