#!/usr/bin/env bash
# A runaway rule is stopped within the DEFAULT budget (<= 10 s wall) and the
# run goes on: the canary still reports.
. "$(dirname "$0")/lib.bash"

DB=$T/h.db
# a registry (run refuses any other db) of 3 households, sizes 2, 3 and 4
"$HUIKAN" import --db "$DB" "$ROOT/tests/hostile/registry" >/dev/null 2>&1 || not_ok "tests/hostile/registry does not import"
start=$(date +%s.%N)
timeout 60 "$HUIKAN" run "$ROOT/tests/hostile" --db "$DB" -j 1 --format jsonl \
	--rules "h.infinite-loop or zz.canary" >"$T/out" 2>"$T/err"
rc=$?
secs=$(echo "$(date +%s.%N) - $start" | bc)
line=$(grep "rule h.infinite-loop failed" "$T/err")
if [ "$rc" -eq 3 ] && grep -Eq "budget exceeded" <<<"$line" && grep -q canary "$T/out"; then
	ok "runaway rule stopped with default budgets: ${line#*failed: }"
else
	not_ok "runaway rule with default budgets: rc=$rc $(head -c 300 "$T/err")"
fi
# the rule alone must stop within 10 s (+1 s for the load of the pack)
rule_secs=$(awk '$1 == "h.infinite-loop" {print $3}' "$T/err" | tr -d s)
if [ -n "$rule_secs" ] && [ "$(echo "$rule_secs <= 10.5" | bc)" = 1 ]; then
	ok "runaway rule stopped in ${rule_secs}s (<= 10 s), whole run ${secs}s"
else
	not_ok "runaway rule took '${rule_secs}' s"
fi
