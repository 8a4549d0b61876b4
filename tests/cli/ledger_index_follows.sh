# The index follows the writer that changes the ledger (issue 17): right
# after a run and after each rectification step, before any query, the
# index's recorded commit is the ledger's head and the rows hold the new
# states, so that the first query reads no git. A step on a ledger whose index
# is behind (another writer came between) still leaves it current.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
new_ledger "$T/L"
export HUIKAN_LEDGER="$T/L"
IX="$T/L/huikan-index.sqlite"
indexed() { sqlite3 "$IX" "SELECT value FROM meta WHERE key = 'commit'"; }
head() { git --git-dir="$T/L" rev-parse main; }
status_of() { sqlite3 "$IX" "SELECT status || '|' || coalesce(unit, '') || '|' || coalesce(due, '') || '|' || steps FROM findings WHERE id = '$1'"; }

write_findings "$T/f.jsonl" 20
"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --as "$ADMIN" >/dev/null
check "after a run the index is at the head" test "$(indexed)" = "$(head)"
F1=$(fid precision.vehicle household:H1) F2=$(fid precision.vehicle household:H2) F3=$(fid precision.vehicle household:H3)

"$HUIKAN" assign "$F1" "$F2" --unit "$UNIT" --due 2030-06-30 --as "$OLGA" >/dev/null
check "after assign (full ids, no query) the index is at the head" test "$(indexed)" = "$(head)"
check "and holds the new state of both findings" \
	test "$(status_of "$F1")/$(status_of "$F2")" = "assigned|$UNIT|2030-06-30|1/assigned|$UNIT|2030-06-30|1"
check "and did not touch the others" test "$(status_of "$F3" | cut -d'|' -f1,4)" = "open|0"

"$HUIKAN" submit "$F1" --note "fixed" --as "$UNIT_GUY" >/dev/null 2>"$T/err" ||
	"$HUIKAN" submit "$F1" --note "fixed" --as "$OLGA" >/dev/null 2>>"$T/err"
check "after submit the index is at the head" test "$(indexed)" = "$(head)"
check "and holds submitted" test "$(status_of "$F1" | cut -d'|' -f1)" = submitted

tail -n +2 "$T/f.jsonl" >"$T/f2.jsonl" # H1 fixed: the next run no longer finds it
"$HUIKAN" ledger record --findings "$T/f2.jsonl" --pack poverty --as "$ADMIN" >/dev/null
check "after a run that changes states the index is at the head" test "$(indexed)" = "$(head)"
"$HUIKAN" close "$F1" --note "verified" --as "$OSCAR" >/dev/null
check "after close the index is at the head" test "$(indexed)" = "$(head)"
check "and holds closed" test "$(status_of "$F1" | cut -d'|' -f1)" = closed

# what the step wrote is what a rebuild from git gives
before=$(sqlite3 "$IX" "SELECT * FROM findings ORDER BY id")
"$HUIKAN" ledger reindex >/dev/null
check "the rows a step wrote equal a rebuild's" test "$before" = "$(sqlite3 "$IX" "SELECT * FROM findings ORDER BY id")"

# a writer the index did not see (a commit by stock git tools would do; here a
# role change, which does not touch the index), then a step: still current
"$HUIKAN" ledger role add unit "乡镇B" --as "$ADMIN" >/dev/null
"$HUIKAN" waive "$F3" --reason "false positive" --as "$OLGA" >/dev/null
check "a step after another writer leaves the index at the head" test "$(indexed)" = "$(head)"
check "with the waived state" test "$(status_of "$F3" | cut -d'|' -f1)" = waived
rm -f "$IX"
"$HUIKAN" reopen "$F3" --reason "wrong" --as "$OLGA" >/dev/null
check "a step on a ledger without an index builds it at the head" test "$(indexed)" = "$(head)"
