/*
 * cpu.c - run-time processor probes of cpu.h.
 */
#include "base/cpu.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>

int hk_cpu_has_sha_ni(void)
{
	unsigned int a, b, c, d;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(b & (1u << 29)))
		return 0;
	return __get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 19)) && (c & (1u << 9));
}
#else
int hk_cpu_has_sha_ni(void)
{
	return 0;
}
#endif
