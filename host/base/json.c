/*
 * json.c - JSON string writer and DOM parser (see json.h).
 */
#include "base/json.h"
#include "base/array.h"
#include "base/error.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 256

struct hk_json {
	enum hk_json_type type;
	int boolean;
	int is_int;
	long long integer;
	double number;
	char *str;        /* strings */
	size_t n, cap;    /* arrays and objects */
	hk_json **items;
	char **keys;      /* objects only */
};

int hk_json_put_str(hk_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start = 0;
	int err;

	if ((err = hk_buf_putc(b, '"')) != 0)
		return err;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];
		size_t n = 2;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			n = 6;
		}
		if ((err = hk_buf_put(b, s + start, i - start)) != 0 ||
		    (err = hk_buf_put(b, esc, n)) != 0)
			return err;
		start = i + 1;
	}
	if ((err = hk_buf_put(b, s + start, len - start)) != 0)
		return err;
	return hk_buf_putc(b, '"');
}

/* ---- parser ---- */

struct parser {
	const char *p, *end, *start;
	int depth;
};

static int fail(struct parser *ps, const char *what)
{
	int line = 1, col = 1;
	for (const char *q = ps->start; q < ps->p; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)*q & 0xC0) != 0x80) {
			col++;
		}
	}
	return hk_error_setc(HK_EINPUT, "line %d, column %d: %s", line, col, what);
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static hk_json *new_value(enum hk_json_type t)
{
	hk_json *v = calloc(1, sizeof(*v));
	if (v)
		v->type = t;
	return v;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static int read_hex4(struct parser *ps, unsigned *out)
{
	unsigned v = 0;
	if (ps->end - ps->p < 4)
		return fail(ps, "truncated \\u escape");
	for (int i = 0; i < 4; i++) {
		int h = hexval((unsigned char)ps->p[i]);
		if (h < 0)
			return fail(ps, "bad \\u escape");
		v = v * 16 + (unsigned)h;
	}
	ps->p += 4;
	*out = v;
	return 0;
}

static int put_utf8(hk_buf *b, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) { u[0] = (char)cp; n = 1; }
	else if (cp < 0x800) { u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 63)); n = 2; }
	else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | ((cp >> 6) & 63));
		u[2] = (char)(0x80 | (cp & 63)); n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | ((cp >> 12) & 63));
		u[2] = (char)(0x80 | ((cp >> 6) & 63)); u[3] = (char)(0x80 | (cp & 63)); n = 4;
	}
	return hk_buf_put(b, u, n);
}

/* Parses a string at ps->p (on the opening quote) into a malloc'd C string. */
static int parse_string(struct parser *ps, char **out)
{
	hk_buf b = HK_BUF_INIT;
	int err = 0;

	ps->p++; /* opening quote */
	for (;;) {
		const char *run = ps->p;
		while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' && (unsigned char)*ps->p >= 0x20)
			ps->p++;
		if ((err = hk_buf_put(&b, run, (size_t)(ps->p - run))) != 0)
			goto done;
		if (ps->p >= ps->end) {
			err = fail(ps, "unterminated string");
			goto done;
		}
		if (*ps->p == '"') {
			ps->p++;
			break;
		}
		if ((unsigned char)*ps->p < 0x20) {
			err = fail(ps, "control character in string");
			goto done;
		}
		ps->p++; /* backslash */
		if (ps->p >= ps->end) {
			err = fail(ps, "unterminated escape");
			goto done;
		}
		char c = *ps->p++;
		unsigned cp, lo;
		switch (c) {
		case '"': case '\\': case '/': err = hk_buf_putc(&b, c); break;
		case 'b': err = hk_buf_putc(&b, '\b'); break;
		case 'f': err = hk_buf_putc(&b, '\f'); break;
		case 'n': err = hk_buf_putc(&b, '\n'); break;
		case 'r': err = hk_buf_putc(&b, '\r'); break;
		case 't': err = hk_buf_putc(&b, '\t'); break;
		case 'u':
			if ((err = read_hex4(ps, &cp)) != 0)
				goto done;
			if (cp >= 0xD800 && cp < 0xDC00) {
				if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u') {
					err = fail(ps, "unpaired surrogate in \\u escape");
					goto done;
				}
				ps->p += 2;
				if ((err = read_hex4(ps, &lo)) != 0)
					goto done;
				if (lo < 0xDC00 || lo >= 0xE000) {
					err = fail(ps, "bad low surrogate in \\u escape");
					goto done;
				}
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			} else if (cp >= 0xDC00 && cp < 0xE000) {
				err = fail(ps, "unpaired surrogate in \\u escape");
				goto done;
			} else if (cp == 0) {
				err = fail(ps, "\\u0000 is not allowed in a string");
				goto done;
			}
			err = put_utf8(&b, cp);
			break;
		default:
			ps->p--;
			err = fail(ps, "bad escape in string");
		}
		if (err)
			goto done;
	}
	*out = hk_buf_detach(&b);
	if (!*out)
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
done:
	hk_buf_free(&b);
	return err;
}

static int parse_number(struct parser *ps, hk_json *v)
{
	const char *s = ps->p;
	char tmp[64];
	size_t n;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
		return fail(ps, "bad number");
	if (*ps->p == '0')
		ps->p++;
	else
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	v->is_int = 1;
	if (ps->p < ps->end && *ps->p == '.') {
		v->is_int = 0;
		ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "bad number: digit expected after '.'");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		v->is_int = 0;
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "bad number: digit expected in exponent");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	n = (size_t)(ps->p - s);
	if (n >= sizeof(tmp))
		return fail(ps, "number too long");
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	v->number = strtod(tmp, NULL);
	if (v->is_int) {
		errno = 0;
		v->integer = strtoll(tmp, NULL, 10);
		if (errno == ERANGE)
			v->is_int = 0;
	}
	return 0;
}

static int append_item(hk_json *c, char *key, hk_json *item)
{
	if (c->n == c->cap) {
		/* items and keys grow alike: the same capacity comes out of both */
		size_t cap = c->cap, kcap = c->cap;
		int err = HK_ARRAY_GROW(c->items, cap, c->n + 1);
		if (!err && c->type == HK_JSON_OBJECT)
			err = HK_ARRAY_GROW(c->keys, kcap, c->n + 1);
		if (err)
			return err;
		c->cap = cap;
	}
	c->items[c->n] = item;
	if (c->type == HK_JSON_OBJECT)
		c->keys[c->n] = key;
	c->n++;
	return 0;
}

static int parse_value(struct parser *ps, hk_json **out);

static int parse_container(struct parser *ps, hk_json *c, char close)
{
	int err;

	ps->p++; /* opening bracket */
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return 0;
	}
	for (;;) {
		char *key = NULL;
		hk_json *item = NULL;

		skip_ws(ps);
		if (c->type == HK_JSON_OBJECT) {
			if (ps->p >= ps->end || *ps->p != '"')
				return fail(ps, "object key (a string) expected");
			if ((err = parse_string(ps, &key)) != 0)
				return err;
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				free(key);
				return fail(ps, "':' expected after object key");
			}
			ps->p++;
		}
		if ((err = parse_value(ps, &item)) != 0 || (err = append_item(c, key, item)) != 0) {
			free(key);
			hk_json_free(item);
			return err;
		}
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return 0;
		}
		return fail(ps, close == ']' ? "',' or ']' expected" : "',' or '}' expected");
	}
}

static int parse_literal(struct parser *ps, const char *word, hk_json *v)
{
	size_t n = strlen(word);
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, "unexpected character");
	ps->p += n;
	(void)v;
	return 0;
}

static int parse_value(struct parser *ps, hk_json **out)
{
	hk_json *v = NULL;
	int err = 0;

	*out = NULL;
	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "value expected, end of text found");
	if (++ps->depth > JSON_MAX_DEPTH)
		return fail(ps, "nesting too deep");
	switch (*ps->p) {
	case '{': v = new_value(HK_JSON_OBJECT); break;
	case '[': v = new_value(HK_JSON_ARRAY); break;
	case '"': v = new_value(HK_JSON_STRING); break;
	case 't': case 'f': v = new_value(HK_JSON_BOOL); break;
	case 'n': v = new_value(HK_JSON_NULL); break;
	default:
		if (*ps->p != '-' && (*ps->p < '0' || *ps->p > '9')) {
			ps->depth--;
			return fail(ps, "unexpected character");
		}
		v = new_value(HK_JSON_NUMBER);
	}
	if (!v)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	switch (v->type) {
	case HK_JSON_OBJECT: err = parse_container(ps, v, '}'); break;
	case HK_JSON_ARRAY: err = parse_container(ps, v, ']'); break;
	case HK_JSON_STRING: err = parse_string(ps, &v->str); break;
	case HK_JSON_BOOL:
		v->boolean = *ps->p == 't';
		err = parse_literal(ps, v->boolean ? "true" : "false", v);
		break;
	case HK_JSON_NULL: err = parse_literal(ps, "null", v); break;
	case HK_JSON_NUMBER: err = parse_number(ps, v); break;
	}
	ps->depth--;
	if (err) {
		hk_json_free(v);
		return err;
	}
	*out = v;
	return 0;
}

int hk_json_parse(hk_json **out, const char *text, size_t len)
{
	struct parser ps = {text, text + len, text, 0};
	hk_json *v = NULL;
	int err;

	*out = NULL;
	if ((err = parse_value(&ps, &v)) != 0)
		return err;
	skip_ws(&ps);
	if (ps.p != ps.end) {
		hk_json_free(v);
		return fail(&ps, "text after the JSON value");
	}
	*out = v;
	return 0;
}

void hk_json_free(hk_json *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		hk_json_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	free(v);
}

enum hk_json_type hk_json_type_of(const hk_json *v)
{
	return v ? v->type : HK_JSON_NULL;
}

const hk_json *hk_json_get(const hk_json *obj, const char *key)
{
	if (!obj || obj->type != HK_JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return obj->items[i];
	return NULL;
}

const char *hk_json_str(const hk_json *v)
{
	return v && v->type == HK_JSON_STRING ? v->str : NULL;
}

int hk_json_int(const hk_json *v, long long *out)
{
	if (!v || v->type != HK_JSON_NUMBER || !v->is_int)
		return HK_EINPUT;
	*out = v->integer;
	return 0;
}

double hk_json_num(const hk_json *v)
{
	return v && v->type == HK_JSON_NUMBER ? v->number : 0;
}

int hk_json_bool(const hk_json *v)
{
	return v && v->type == HK_JSON_BOOL && v->boolean;
}

size_t hk_json_len(const hk_json *v)
{
	return v && (v->type == HK_JSON_ARRAY || v->type == HK_JSON_OBJECT) ? v->n : 0;
}

const hk_json *hk_json_at(const hk_json *v, size_t i)
{
	return v && (v->type == HK_JSON_ARRAY || v->type == HK_JSON_OBJECT) && i < v->n ? v->items[i] : NULL;
}

const char *hk_json_key_at(const hk_json *obj, size_t i)
{
	return obj && obj->type == HK_JSON_OBJECT && i < obj->n ? obj->keys[i] : NULL;
}

int hk_json_write(hk_buf *b, const hk_json *v)
{
	long long ll;
	int err = 0;
	switch (hk_json_type_of(v)) {
	case HK_JSON_NULL:
		return hk_buf_puts(b, "null");
	case HK_JSON_BOOL:
		return hk_buf_puts(b, hk_json_bool(v) ? "true" : "false");
	case HK_JSON_NUMBER:
		if (hk_json_int(v, &ll) == 0)
			return hk_buf_printf(b, "%lld", ll);
		return hk_buf_printf(b, "%.17g", hk_json_num(v));
	case HK_JSON_STRING:
		return hk_json_put_str(b, hk_json_str(v), strlen(hk_json_str(v)));
	case HK_JSON_ARRAY:
		err |= hk_buf_putc(b, '[');
		for (size_t i = 0; i < hk_json_len(v); i++) {
			if (i)
				err |= hk_buf_putc(b, ',');
			err |= hk_json_write(b, hk_json_at(v, i));
		}
		return err | hk_buf_putc(b, ']');
	case HK_JSON_OBJECT:
		err |= hk_buf_putc(b, '{');
		for (size_t i = 0; i < hk_json_len(v); i++) {
			if (i)
				err |= hk_buf_putc(b, ',');
			err |= hk_json_put_str(b, hk_json_key_at(v, i), strlen(hk_json_key_at(v, i)));
			err |= hk_buf_putc(b, ':');
			err |= hk_json_write(b, hk_json_at(v, i));
		}
		return err | hk_buf_putc(b, '}');
	}
	return 0;
}
