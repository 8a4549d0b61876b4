/*
 * sandbox.h - a Lua 5.4 state for running one untrusted rule (or pack manifest).
 *
 * Every rule gets a fresh state: its global environment is built from an
 * allow-list (base functions without dofile/loadfile/collectgarbage, string
 * without dump, table, math, utf8, coroutine, os.time/date/clock), library
 * tables and the string metatable are read-only proxies, `load` is text-only,
 * `require` finds only .lua files in the pack's lib/ and the plugins directory
 * (no symlink out of them, source.h).
 * Budgets: an instruction count hook that keeps re-firing once a budget is
 * exceeded (pcall cannot swallow it), a memory cap in the lua_Alloc, and a wall
 * clock deadline checked by the hook and by hk_sandbox_expired() (which the
 * SQLite progress handler calls). Where Lua runs code with the hook off or in
 * C, the gap is closed at the door: setmetatable refuses __gc, xpcall skips a
 * rule's handler after a stop, and the pattern functions refuse backtracking
 * bombs (n^(quantifiers+1) > 1e10).
 */
#ifndef HK_SANDBOX_H
#define HK_SANDBOX_H

#include <stddef.h>
#include <lua.h>

/* Budgets of one rule. */
struct hk_limits {
	long long max_instructions; /* Lua VM instructions; <= 0: unlimited */
	size_t max_memory;          /* bytes of Lua heap; 0: unlimited */
	double timeout;             /* seconds of wall clock; <= 0: unlimited */
};

#define HK_LIMITS_DEFAULT_INSTRUCTIONS 1000000000LL /* ~3-10 s of pure Lua */
#define HK_LIMITS_DEFAULT_MEMORY (256u << 20)
#define HK_LIMITS_DEFAULT_TIMEOUT 10.0

/* Why a sandbox stopped its code. */
enum hk_stop {
	HK_STOP_NONE = 0,
	HK_STOP_INSTRUCTIONS,
	HK_STOP_MEMORY,
	HK_STOP_TIMEOUT
};

typedef struct hk_sandbox hk_sandbox;

/* Creates a sandboxed state. `lib_dir` (the pack's lib/) and `plugins_dir` are
 * where require looks (either may be NULL); `label` names the rule in log lines
 * (copied). The budgets start counting at hk_sandbox_start(). Returns 0 or
 * HK_EINTERNAL (out of memory); free with hk_sandbox_free. */
int hk_sandbox_new(hk_sandbox **out, const struct hk_limits *lim, const char *lib_dir,
		   const char *plugins_dir, const char *label);

/* Closes the Lua state: pending finalizers (__gc) run, still under the
 * budgets. Returns the budget that stopped code, during the run or in a
 * finalizer, or HK_STOP_NONE. The sandbox must still be freed. */
enum hk_stop hk_sandbox_close(hk_sandbox *sb);

/* Closes the state (as hk_sandbox_close) and frees it. NULL-safe. */
void hk_sandbox_free(hk_sandbox *sb);

lua_State *hk_sandbox_lua(hk_sandbox *sb);

/* Starts (or restarts) the budgets: instruction count 0, deadline now+timeout. */
void hk_sandbox_start(hk_sandbox *sb);

/* True once the deadline has passed (and records the stop); for the SQLite
 * progress handler of the rule's connection. Thread-safe for its own sandbox. */
int hk_sandbox_expired(hk_sandbox *sb);

/* Counts n bytes the host holds for the rule (its findings) against the
 * memory budget. Returns 0, or -1 when that exceeds the budget (the sandbox
 * is then stopped, as by a refused allocation). */
int hk_sandbox_charge(hk_sandbox *sb, size_t n);

/* The budget that stopped the code, or HK_STOP_NONE. */
enum hk_stop hk_sandbox_stopped(const hk_sandbox *sb);

/* Instructions counted since hk_sandbox_start (to the hook's granularity). */
long long hk_sandbox_instructions(const hk_sandbox *sb);

/* Reads a Lua source file (through the store of source.h: bounded, never a
 * FIFO or device) and pushes it as a function whose _ENV is the
 * sandbox's globals. As Lua's own loader, a UTF-8 BOM and a first line
 * starting with '#' (shebang) are skipped, line numbers unchanged. Text
 * only: a binary chunk is refused. Returns 0, or HK_EINPUT with
 * "FILE:LINE: message" (syntax error, unreadable, binary). */
int hk_sandbox_loadfile(hk_sandbox *sb, const char *path);

/* In protected mode (raises on failure): runs the Lua file at path (as
 * hk_sandbox_loadfile) and checks it returned a table, which it leaves on the
 * stack; returns its index. Rule files, pack.lua and tests are such files. */
int hk_sandbox_dofile_table(hk_sandbox *sb, const char *path);

/* Like lua_pcall with a message handler that never runs the error object's
 * metamethods. On failure pops the error, sets hk_error_last() to
 * "WHERE: REASON" (WHERE = file:line of the Lua code that failed, REASON = the
 * budget exceeded, or the error text, or "error object is a table value"),
 * returns HK_EINPUT; stack as after lua_pcall otherwise. */
int hk_sandbox_pcall(hk_sandbox *sb, int nargs, int nresults);

/* The Lua stack of the latest error caught by hk_sandbox_pcall: one line
 * "\n  FILE:LINE: in function 'NAME'" a Lua frame, innermost first; "" when
 * none. Owned by the sandbox, valid until its next pcall. */
const char *hk_sandbox_traceback(const hk_sandbox *sb);

/* Replaces the table on top of the stack with a read-only proxy (reads,
 * pairs and # work; writes raise "attempt to modify read-only table NAME").
 * With `deep`, nested tables are proxied too. */
void hk_sandbox_readonly(lua_State *L, const char *name, int deep);

/* If the value at idx is a proxy made by hk_sandbox_readonly, pushes the
 * table behind it and returns 1; else pushes nothing and returns 0. */
int hk_sandbox_unproxy(lua_State *L, int idx);

/* Writes one log line "huikan: [LABEL] TEXT" to stderr, LABEL and TEXT made
 * visible (base/text.h: control characters and line feeds shown as escapes;
 * at most 1000 lines per sandbox, then one line saying further lines are
 * dropped; a line longer than 4096 bytes is cut). */
void hk_sandbox_log(hk_sandbox *sb, const char *text, size_t len);

/* Sends every log line of every sandbox of this process to fn (the whole
 * line as hk_sandbox_log formats it, ending in a line feed) instead of
 * stderr; a rule's child process sends them to its parent. NULL: stderr. */
void hk_sandbox_log_to(void (*fn)(void *ud, const char *line, size_t len), void *ud);

/* Logs the values on the stack from index `first` on, converted as tostring
 * does and joined by `sep` (print, ctx:log). Raises only on OOM. */
void hk_sandbox_log_args(lua_State *L, int first, char sep);

/* The sandbox of a state made by hk_sandbox_new. */
hk_sandbox *hk_sandbox_of(lua_State *L);

#endif
