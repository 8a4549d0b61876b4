/*
 * cpu.h - what the processor can do, probed at run time (CPUID), for code
 * that has a faster path on some processors (sha1.c, sha256.c).
 */
#ifndef HK_BASE_CPU_H
#define HK_BASE_CPU_H

/* 1 when the processor has the SHA extensions (SHA-NI) and the SSSE3 and
 * SSE4.1 instructions their code needs (x86-64, CPUID leaves 7 and 1);
 * 0 on any other processor. */
int hk_cpu_has_sha_ni(void);

#endif
