#!/usr/bin/env bash
# The hostile corpus (tests/hostile/): each hostile rule, run with the canary,
# is stopped with the message its "-- expect:" line names and a file:line, the
# host neither crashes nor hangs, the canary still runs and reports, and the
# registry db is byte-for-byte unchanged, the rule took no more than its
# wall-clock budget + 1 s (work inside one C call included: the rule runs in
# a child process the parent kills), and the peak memory of the run stays
# under its budgets. Then the whole pack at -j 2.
. "$(dirname "$0")/lib.bash"

PACK=$ROOT/tests/hostile
DB=$T/h.db
BUDGET=(--timeout 3 --max-instructions 2e7 --max-memory 64)
# What one rule's process may use (host/engine/child.c, hk_child_budget):
# 2 x 64 MB of Lua heap + 256 MB for SQLite; plus 256 MB for the parent
# (and a sanitizer's shadow memory). In KB, for /usr/bin/time %M.
SLOT_KB=$(((2 * 64 + 256) * 1024))
PARENT_KB=$((256 * 1024))
TIME=()
[ -x /usr/bin/time ] && TIME=(/usr/bin/time -f %M -o "$T/maxrss")
# a registry (run refuses any other db) of 3 households, sizes 2, 3 and 4
"$HUIKAN" import --db "$DB" "$ROOT/tests/hostile/registry" >/dev/null 2>&1 || not_ok "tests/hostile/registry does not import"
sum0=$(sha256sum <"$DB")
rm -rf /tmp/huikan-hostile-pwned

n=0
for f in "$PACK"/rules/*.lua; do
	expect=$(sed -n 's/^-- expect: //p' "$f")
	[ -n "$expect" ] || continue
	id=$(sed -n 's/.*id = "\(h\.[^"]*\)".*/\1/p' "$f" | head -n 1)
	n=$((n + 1))
	start=$(date +%s)
	echo 0 >"$T/maxrss"
	timeout 60 "${TIME[@]}" "$HUIKAN" run "$PACK" --db "$DB" -j 1 "${BUDGET[@]}" --format jsonl \
		--rules "$id or zz.canary" >"$T/out" 2>"$T/err"
	rc=$?
	rule_secs=$(awk -v id="$id" '$1 == id {print $3}' "$T/err" | tr -d s)
	rss=$(tail -n 1 "$T/maxrss")
	secs=$(($(date +%s) - start))
	line=$(grep "^huikan run: rule $id failed: " "$T/err")
	why=""
	[ "$rc" -eq 3 ] || why="exit $rc, not 3"
	[ -z "$why" ] && ! grep -Eq "failed: [^ ]+\.lua(:[0-9]+)?: " <<<"$line" && why="no file:line in '$line'"
	[ -z "$why" ] && ! grep -Eq "$expect" <<<"$line" && why="message '$line' does not match /$expect/"
	[ -z "$why" ] && ! grep -q '"entity":"household:canary"' "$T/out" && why="the canary did not report"
	[ -z "$why" ] && [ "$(sha256sum <"$DB")" != "$sum0" ] && why="the db changed"
	[ -z "$why" ] && [ -e /tmp/huikan-hostile-pwned ] && why="it created /tmp/huikan-hostile-pwned"
	[ -z "$why" ] && grep -qi "sanitizer\|panic" "$T/err" && why="host error: $(head -c 300 "$T/err")"
	[ -z "$why" ] && [ "$secs" -gt 20 ] && why="took ${secs}s"
	[ -z "$why" ] && ! awk -v s="$rule_secs" 'BEGIN {exit !(s != "" && s <= 4.0)}' && why="the rule ran ${rule_secs}s (budget 3 s + 1)"
	[ -z "$why" ] && [ "${rss:-0}" -gt $((SLOT_KB + PARENT_KB)) ] && why="peak memory ${rss} KB"
	if [ -z "$why" ]; then ok "hostile $id stopped: ${line#*failed: }"; else not_ok "hostile $id: $why"; fi
done
[ "$n" -ge 20 ] && ok "hostile corpus has $n rules (>= 20)" || not_ok "hostile corpus has only $n rules"

# A rule file whose top level never returns: reported as a broken file.
if grep -q "rule file did not load: .*load_time_loop.lua:[0-9]*: .*budget exceeded" "$T/err"; then
	ok "hostile top-level loop reported as a rule file that did not load"
else
	not_ok "hostile top-level loop not reported: $(head -c 300 "$T/err")"
fi

# The whole pack at -j 2: every hostile rule fails, the canary reports, exit 3.
start=$(date +%s)
echo 0 >"$T/maxrss"
timeout 300 "${TIME[@]}" "$HUIKAN" run "$PACK" --db "$DB" -j 2 "${BUDGET[@]}" --format jsonl >"$T/all" 2>"$T/allerr"
rc=$?
secs=$(($(date +%s) - start))
nfail=$(grep -c "^huikan run: rule h\..* failed: " "$T/allerr")
if [ "$rc" -eq 3 ] && [ "$nfail" -eq "$n" ] && grep -q canary "$T/all" && [ "$(sha256sum <"$DB")" = "$sum0" ] &&
	[ "$secs" -le 150 ]; then
	ok "whole hostile pack at -j 2: $nfail rules stopped, canary ran, db unchanged (${secs}s)"
else
	not_ok "whole hostile pack at -j 2: rc=$rc, $nfail of $n stopped; $(grep -v '^  ' "$T/allerr" | head -c 400)"
fi
grep -q "INCOMPLETE" "$T/allerr" && ok "incomplete run says so on stderr" || not_ok "no INCOMPLETE line"
rss=$(tail -n 1 "$T/maxrss")
if [ "${rss:-0}" -le $((2 * SLOT_KB + PARENT_KB)) ]; then
	ok "whole hostile pack at -j 2: peak memory ${rss} KB, under 2 x ${SLOT_KB} + ${PARENT_KB} KB"
else
	not_ok "whole hostile pack at -j 2: peak memory ${rss} KB"
fi
