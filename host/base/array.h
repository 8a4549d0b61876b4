/*
 * array.h - growing a malloc'd array: the one overflow-checked place where
 * huikan's growable arrays get more room (doubling, as every site did by hand).
 */
#ifndef HK_ARRAY_H
#define HK_ARRAY_H

#include <stddef.h>

/* Makes the array *pptr (a pointer to any object pointer holding *cap
 * elements of elem bytes; NULL with *cap 0 at first) hold at least need
 * elements: when it is too small it is reallocated to twice its capacity
 * (at least 4, at least need) and *cap is updated. Returns 0, or
 * HK_EINTERNAL ("out of memory"; also when the size in bytes would overflow
 * size_t), leaving *pptr and *cap unchanged. */
int hk_array_grow(void *pptr, size_t *cap, size_t need, size_t elem);

/* hk_array_grow for an array variable `a` of any element type. */
#define HK_ARRAY_GROW(a, cap, need) hk_array_grow(&(a), &(cap), (need), sizeof(*(a)))

#endif
