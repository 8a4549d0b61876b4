/*
 * json.h - JSON for huikan's records: a writer for strings into an hk_buf and a
 * small DOM parser (RFC 8259) for reading ledger files and test expectations.
 */
#ifndef HK_JSON_H
#define HK_JSON_H

#include "base/buf.h"

#include <stddef.h>

enum hk_json_type {
	HK_JSON_NULL,
	HK_JSON_BOOL,
	HK_JSON_NUMBER,
	HK_JSON_STRING,
	HK_JSON_ARRAY,
	HK_JSON_OBJECT
};

typedef struct hk_json hk_json;

/* Appends s[0..len) as a quoted JSON string: `"` `\` and control characters are
 * escaped, other bytes (UTF-8) pass through. Returns 0 or HK_EINTERNAL. */
int hk_json_put_str(hk_buf *b, const char *s, size_t len);

/* Appends the parsed value v as compact JSON text (v NULL: nothing). Returns 0
 * or a negative code (out of memory, kept in b as hk_buf_error). */
int hk_json_write(hk_buf *b, const hk_json *v);

/* Parses text[0..len) into a tree the caller frees with hk_json_free. On a syntax
 * error returns HK_EINPUT with a message "line L, column C: <what>" and *out NULL. */
int hk_json_parse(hk_json **out, const char *text, size_t len);

void hk_json_free(hk_json *v);

enum hk_json_type hk_json_type_of(const hk_json *v);

/* Member `key` of an object, or NULL (also when v is not an object or NULL). */
const hk_json *hk_json_get(const hk_json *obj, const char *key);

/* The string value (NUL-terminated, may contain no NUL of its own by
 * construction: \u0000 is rejected), or NULL unless v is a string. */
const char *hk_json_str(const hk_json *v);

/* 0 and *out set when v is a number with an exact integer value in int64 range;
 * HK_EINPUT otherwise. */
int hk_json_int(const hk_json *v, long long *out);

/* The number's value as a double; 0 unless v is a number. */
double hk_json_num(const hk_json *v);

/* 1 for true, 0 for false or anything that is not a boolean. */
int hk_json_bool(const hk_json *v);

/* Number of elements of an array or members of an object; 0 otherwise. */
size_t hk_json_len(const hk_json *v);

/* Element i of an array or value of member i of an object; NULL when out of range. */
const hk_json *hk_json_at(const hk_json *v, size_t i);

/* Key of member i of an object; NULL when out of range or not an object. */
const char *hk_json_key_at(const hk_json *obj, size_t i);

#endif
