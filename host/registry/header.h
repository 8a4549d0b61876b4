/*
 * header.h - reading a header row as a county's export writes it: names
 * normalized before they are matched against the contract (full-width forms,
 * spaces and line breaks inside a cell, a unit in brackets), and a leading
 * serial-number column (序号) told apart.
 */
#ifndef HK_HEADER_H
#define HK_HEADER_H

#include <stddef.h>

#include "base/buf.h"

/* The header name of the `len` bytes at `s` as it is matched, into b
 * (emptied first): full-width ASCII forms (ＡＢ１（) as their half-width
 * ones, every space (also U+3000 and U+00A0), tab and line break dropped, and
 * a trailing unit in brackets dropped: （元） (元) 【元】 [元], when a name
 * stays before it. Returns b->ptr ("" when empty or out of memory). */
const char *hk_header_norm(hk_buf *b, const char *s, size_t len);

/* 1 when the normalized name `norm` is a serial-number column (序号, 编号
 * is not one: it is a key), which an export puts first and the import
 * ignores. */
int hk_header_is_serial(const char *norm);

#endif
