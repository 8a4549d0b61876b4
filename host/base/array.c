/*
 * array.c - see array.h.
 */
#include "base/array.h"
#include "base/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int hk_array_grow(void *pptr, size_t *cap, size_t need, size_t elem)
{
	void *p, *np;
	size_t ncap;

	if (need <= *cap)
		return 0;
	ncap = *cap < 2 ? 4 : *cap <= SIZE_MAX / 2 ? *cap * 2 : SIZE_MAX;
	if (ncap < need)
		ncap = need;
	if (elem && ncap > SIZE_MAX / elem) {
		ncap = SIZE_MAX / elem;
		if (ncap < need)
			return hk_error_setc(HK_EINTERNAL, "out of memory (an array of %zu elements of %zu bytes)",
					     need, elem);
	}
	memcpy(&p, pptr, sizeof(p)); /* the caller's pointer, whatever its type */
	if (!(np = realloc(p, ncap * (elem ? elem : 1))))
		return hk_error_setc(HK_EINTERNAL, "out of memory (an array of %zu elements of %zu bytes)", ncap,
				     elem);
	memcpy(pptr, &np, sizeof(np));
	*cap = ncap;
	return 0;
}
