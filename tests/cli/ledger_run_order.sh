# An older snapshot must not create false relapses: a run whose audit date
# (as_of) is before that of a run already recorded for the same rules is
# refused (exit 2, saying why), and changes nothing; with --history it is
# recorded as history only: a run record, no event, no finding changes state.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
export HUIKAN_LEDGER="$T/L"

new_ledger "$T/L"
write_findings "$T/june.jsonl" 4
tail -n 3 "$T/june.jsonl" >"$T/sept.jsonl" # H1 fixed by September
F1=$(fid precision.vehicle household:H1)
rec() { run_hk "$T/out" "$T/err" ledger record --pack poverty --rules precision.vehicle --as "$ADMIN" "$@"; }
events() { git --git-dir="$T/L" ls-tree -r --name-only main | grep -c '/events/'; }
head_() { git --git-dir="$T/L" rev-parse main; }

rec --findings "$T/june.jsonl" --as-of 2020-06-30
"$HUIKAN" assign "$F1" --unit "$UNIT" --allow-past-due --due 2020-08-31 --as "$OLGA" >/dev/null
"$HUIKAN" submit "$F1" --note "car sold" --as "$UNIT_GUY" >/dev/null
rec --findings "$T/sept.jsonl" --as-of 2020-09-30
check "the September run records H1 absent" grep -q ' 1 absent' "$T/out"
"$HUIKAN" close "$F1" --as "$OLGA" >/dev/null
check "H1 is closed" grep -q '^status    closed' <("$HUIKAN" show "$F1")

# the June data again, after September
before=$(head_)
nev=$(events)
rec --findings "$T/june.jsonl" --as-of 2020-06-30
check "a run older than the last one of the same rules is refused (exit 2)" test "$rc" -eq 2
check "the refusal says why and what to do" \
	grep -q "a run as of 2020-06-30 is older than run .* as of 2020-09-30, already recorded for the same rules (precision.vehicle, ...).*give --history" "$T/err"
check "the refused run writes no commit" test "$(head_)" = "$before"
check "the refused run writes no event" test "$(events)" -eq "$nev"
"$HUIKAN" show "$F1" >"$T/show"
check "H1 stays closed, no relapse" bash -c "grep -q '^status    closed' '$T/show' && ! grep -q relapses '$T/show'"

# as history only
rec --findings "$T/june.jsonl" --as-of 2020-06-30 --history
check "--history records it (exit 0)" test "$rc" -eq 0
check "--history says no state changed" grep -q "history only, 4 findings, no state changed" "$T/out"
check "--history adds one commit" test "$(git --git-dir="$T/L" rev-parse main~1)" = "$before"
check "--history adds only the run record" \
	test "$(git --git-dir="$T/L" diff --name-only main~1 main)" = "$(git --git-dir="$T/L" diff --name-only main~1 main | grep '^runs/')"
run_id=$(sed 's/^run \([^:]*\):.*/\1/' "$T/out")
check "the run record says history" grep -q '"as_of":"2020-06-30".*"history":true' <(git --git-dir="$T/L" show "main:runs/$run_id.json")
check "--history writes no event" test "$(events)" -eq "$nev"
"$HUIKAN" show "$F1" >"$T/show"
check "H1 stays closed after the history run" bash -c "grep -q '^status    closed' '$T/show' && ! grep -q relapses '$T/show'"
"$HUIKAN" stats --format csv >"$T/stats"
check "no relapse counted" grep -q '^total,all,4,3,1,0,0,0,' "$T/stats"

# what stays allowed: the same date again, other rules, later dates
: >"$T/none.jsonl"
rec --findings "$T/sept.jsonl" --as-of 2020-09-30
check "a run of the same date again is recorded" test "$rc" -eq 0
run_hk "$T/out" "$T/err" ledger record --findings "$T/none.jsonl" --pack poverty --rules funds.benford --as-of 2019-01-01 --as "$ADMIN"
check "an older run of other rules is recorded" test "$rc" -eq 0
rec --findings "$T/sept.jsonl" --as-of 2020-10-31
check "a later run is recorded" test "$rc" -eq 0

# huikan run says the same
"$HUIKAN" ledger init --unsigned "$T/R" --office county --admin "$ADMIN" >/dev/null
"$HUIKAN" import --db "$T/r.db" "$ROOT/tests/fixtures/small" >/dev/null 2>&1
hrun() { run_hk "$T/out" "$T/err" run "$ROOT/tests/packs/sample" --db "$T/r.db" -q -o "$T/findings.jsonl" --ledger "$T/R" --as "$ADMIN" "$@"; }
hrun --as-of 2020-09-30
check "run records a run as of 2020-09-30" test "$rc" -eq 1
before=$(git --git-dir="$T/R" rev-parse main)
hrun --as-of 2020-06-30
check "run as of an older date is refused (exit 2)" test "$rc" -eq 2
check "run says why" grep -q "huikan run: a run as of 2020-06-30 is older than run" "$T/err"
check "run refused: the ledger is unchanged" test "$(git --git-dir="$T/R" rev-parse main)" = "$before"
hrun --as-of 2020-06-30 --history
check "run --history records it" test "$rc" -eq 1
check "run --history says so" grep -q "history only, 1 findings, no state changed" "$T/err"
run_hk "$T/out" "$T/err" run "$ROOT/tests/packs/sample" --db "$T/r.db" -q -o "$T/findings.jsonl" --history
check "run --history without --ledger is a usage error" test "$rc" -eq 2
