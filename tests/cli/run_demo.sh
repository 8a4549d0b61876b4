#!/usr/bin/env bash
# huikan run on a generated demo county with the audit pack: -j 2 gives the
# same output as -j 1, byte for byte; --ledger records the run as one commit.
. "$(dirname "$0")/lib.bash"

# Nothing here is skipped: a missing pack or a broken demo-data, import or
# ledger init is a failure of this test (tests/cli/run_demo_broken.sh checks).
if [ ! -f "$ROOT/audits/poverty/pack.lua" ]; then
	not_ok "no audits/poverty/pack.lua"
	exit 0
fi
if ! "$HUIKAN" demo-data --out "$T/csv" --households 1500 --seed 3 >/dev/null 2>"$T/e"; then
	not_ok "demo-data failed: $(head -c 300 "$T/e")"
	exit 0
fi
if ! "$HUIKAN" import --db "$T/r.db" "$T/csv" >/dev/null 2>"$T/e"; then
	not_ok "import of the demo data failed: $(head -c 300 "$T/e")"
	exit 0
fi
run_hk "$T/j1" "$T/e1" run poverty --db "$T/r.db" --as-of 2020-06-30 --format jsonl -j 1
rc1=$rc
run_hk "$T/j2" "$T/e2" run poverty --db "$T/r.db" --as-of 2020-06-30 --format jsonl -j 2
n=$(wc -l <"$T/j1")
if [ "$rc1" -eq 1 ] && [ "$rc" -eq 1 ] && [ "$n" -gt 10 ] && cmp -s "$T/j1" "$T/j2"; then
	ok "audits/poverty on a demo county: -j 2 output identical to -j 1 ($n findings)"
else
	not_ok "-j 2 vs -j 1: rc $rc1/$rc, $n findings, $(diff "$T/j1" "$T/j2" | head -n 4) $(grep -v '^  ' "$T/e2" | head -c 300)"
fi
sort -c -t'"' -k8,8 -k12,12 "$T/j1" 2>/dev/null && ok "findings sorted by rule, entity" || not_ok "findings not sorted"
[ "$(grep -c '"id":"F-[0-9a-f]\{12\}"' "$T/j1")" -eq "$n" ] && ok "every finding has an id" || not_ok "finding ids"

# --ledger: the run is recorded (found events), a second identical run writes nothing new
if "$HUIKAN" ledger init --unsigned "$T/ledger" --office test --admin "Test <t@example.org>" >/dev/null 2>"$T/e"; then
	export HUIKAN_USER="Test <t@example.org>"
	run_hk "$T/o" "$T/e" run poverty --db "$T/r.db" --as-of 2020-06-30 --format jsonl -q --ledger "$T/ledger"
	if [ "$rc" -eq 1 ] && grep -q "ledger .*: run .*: $n found, 0 absent, 0 reappeared, 0 unchanged" "$T/e"; then
		ok "--ledger records the run: $n found"
	else
		not_ok "--ledger: rc=$rc $(cat "$T/e")"
	fi
	run_hk "$T/o" "$T/e" run poverty --db "$T/r.db" --as-of 2020-06-30 --format jsonl -q --ledger "$T/ledger"
	grep -q ": 0 found, 0 absent, 0 reappeared, $n unchanged" "$T/e" && ok "--ledger rerun: all unchanged" ||
		not_ok "--ledger rerun: $(cat "$T/e")"
else
	not_ok "ledger init failed: $(head -c 300 "$T/e")"
fi
