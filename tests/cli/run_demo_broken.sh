#!/usr/bin/env bash
# tests/cli/run_demo.sh can fail: run against a huikan whose demo-data, or
# whose ledger init, is broken, it reports a failure ("not ok"), never an
# "ok - skipped" that would hide the breakage.
. "$(dirname "$0")/lib.bash"

# wrapper NAME CONDITION: a huikan that fails (exit 3) when CONDITION holds
# for its arguments and runs the real binary otherwise.
wrapper() {
	cat >"$T/$1" <<SH
#!/bin/sh
if $2; then echo "huikan: broken on purpose" >&2; exit 3; fi
exec "$HUIKAN" "\$@"
SH
	chmod +x "$T/$1"
}
wrapper no-demo-data '[ "$1" = demo-data ]'
wrapper no-ledger-init '[ "$1" = ledger ] && [ "$2" = init ]'

for w in no-demo-data no-ledger-init; do
	HUIKAN="$T/$w" bash "$ROOT/tests/cli/run_demo.sh" >"$T/$w.out" 2>&1
	if grep -q '^not ok - ' "$T/$w.out" && ! grep -q '^ok - skipped' "$T/$w.out"; then
		ok "run_demo.sh with $w: reports the failure"
	else
		not_ok "run_demo.sh with $w did not fail: $(tr '\n' '|' <"$T/$w.out" | head -c 400)"
	fi
done
