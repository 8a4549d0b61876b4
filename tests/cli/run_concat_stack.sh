#!/usr/bin/env bash
# A rule whose __concat metamethod moves the Lua stack inside `a .. b .. c`
# (tests/packs/concat_stack) runs to the end and reports: it crashed its
# process with Debian's liblua5.4 5.4.4-3 before the sandbox reserved its
# stack (host/engine/sandbox.c, HK_SANDBOX_STACK_RESERVE); the same path
# crashed precision.cause-mismatch of the poverty pack on a 1M-person registry.
. "$(dirname "$0")/lib.bash"

DB=$T/r.db
"$HUIKAN" import --db "$DB" "$ROOT/tests/hostile/registry" >/dev/null 2>&1 || not_ok "tests/hostile/registry does not import"
run_hk "$T/out" "$T/err" run "$ROOT/tests/packs/concat_stack" --db "$DB" -j 1 --format jsonl
n=$(grep -c '"rule":"t.concat-stack"' "$T/out")
if [ "$rc" -eq 1 ] && [ "$n" -eq 3 ]; then
	ok "__concat that moves the Lua stack: the rule ran, $n findings"
else
	not_ok "__concat that moves the Lua stack: rc=$rc, $n findings; $(grep -v '^  ' "$T/err" | head -c 400)"
fi
