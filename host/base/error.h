/*
 * error.h - huikan's error convention.
 *
 * Functions return 0 on success and a negative HK_E* code on failure, and keep a
 * human-readable message for hk_error_last(). The message is per thread, so
 * workers of `run -j N` do not overwrite each other. Messages are lower case and
 * name the file, line, column and value at fault where there is one. A caller
 * that adds context to an error it passes up prefixes the message
 * (hk_error_prefix) and returns the same code.
 *
 * Out of memory, one policy (docs/architecture.md):
 *  - where the function has an error path, a failed allocation is an error like
 *    any other: `return hk_error_setc(HK_EINTERNAL, "out of memory");`;
 *  - inside a Lua C function, raise a Lua error (luaL_error(L, "out of memory"));
 *    the rule fails and the run goes on;
 *  - only where no error path exists (small copies in loaders whose contract
 *    says they cannot fail) use hk_xstrdup/hk_xcalloc/hk_xrealloc, which call
 *    hk_oom(): it prints "huikan: out of memory" and exits with
 *    HK_EXIT_INTERNAL (3). Never abort() for memory.
 */
#ifndef HK_ERROR_H
#define HK_ERROR_H

#include <stddef.h>

enum {
	HK_OK = 0,
	HK_ERROR = -1,     /* generic failure */
	HK_EINPUT = -2,    /* bad input from the user: file, value, argument */
	HK_ENOTFOUND = -3, /* a named thing does not exist */
	HK_EINTERNAL = -4, /* a bug or an environment failure (out of memory, I/O) */
	HK_ECONFLICT = -5  /* a concurrent writer changed what we were about to change */
};

/* Process exit codes, documented in `huikan help`. */
enum {
	HK_EXIT_OK = 0,
	HK_EXIT_FINDINGS = 1, /* findings reported / checks failed, where a command says so */
	HK_EXIT_USAGE = 2,    /* usage or input error */
	HK_EXIT_INTERNAL = 3  /* internal error */
};

/* The size of the message buffer: a message longer than HK_ERROR_MAX - 1
 * bytes (a huge value quoted in it) is cut at a UTF-8 boundary and ends in
 * "…", so the cut shows. A copy into char[HK_ERROR_MAX] is never cut. */
#define HK_ERROR_MAX 4096

/* Sets the thread's last error message, printf-style. Returns HK_ERROR so that
 * callers can write `return hk_error_set(...)`; use hk_error_setc for another code. */
int hk_error_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Makes hk_error_set, hk_error_setc and hk_error_prefix look their format
 * up with `tr` (base/i18n.c passes hk_tr when the language is chosen): the
 * message is kept in the chosen language. A translation keeps the format's
 * conversions (i18n.h). NULL: formats as they are. */
void hk_error_translate_with(const char *(*tr)(const char *));

/* Like hk_error_set but returns the given code. */
int hk_error_setc(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prefixes the current message with "<prefix>: ", e.g. a file name at a module edge. */
void hk_error_prefix(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* strerror(e) in the chosen language: the translation of the common errors
 * (ENOENT, EACCES, EEXIST, ENOTDIR, EISDIR, ENOSPC, EROFS, ...) when the
 * catalogue has one, else the C library's text. Static storage; never NULL.
 * Use it for every errno text put in a message. */
const char *hk_strerror(int e);

/* The last message set on this thread, or "" when none. Never NULL; valid until
 * the next hk_error_* call on this thread. */
const char *hk_error_last(void);

void hk_error_clear(void);

/* Maps an HK_E* code to a process exit code. */
int hk_error_exit_code(int code);

/* Prints "huikan: out of memory" on stderr and exits with HK_EXIT_INTERNAL. */
_Noreturn void hk_oom(void);

/* strdup (NULL copies as ""), calloc (n may be 0) and realloc of n elements of
 * size bytes (overflow-checked) that call hk_oom() instead of returning NULL;
 * free the result with free(). Only for code without an error path. */
char *hk_xstrdup(const char *s);
void *hk_xcalloc(size_t n, size_t size);
void *hk_xrealloc(void *p, size_t n, size_t size);

#endif
