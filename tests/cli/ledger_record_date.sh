# ledger record takes the run's date from the findings huikan run wrote
# (as_of in each json/jsonl record): findings of an old run recorded without
# --as-of used to go in as of today, so that a closed finding "relapsed", the
# rest turned ready to close and every later run was refused as older, for
# good. --as-of may only repeat the findings' date; findings of two dates are
# refused; findings made elsewhere (no as_of) are recorded as of --as-of, else
# today (tests/cli/date_options.sh).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"

export HUIKAN_LEDGER=$T/l.git HUIKAN_USER=$ADMIN
"$HUIKAN" import --quiet --db "$T/r.db" "$ROOT/tests/fixtures/small" >/dev/null && new_ledger "$HUIKAN_LEDGER" ||
	{ not_ok "ledger_record_date: setup failed"; exit 1; }
PACK=$ROOT/tests/packs/sample

"$HUIKAN" run "$PACK" --db "$T/r.db" --as-of 2020-06-30 --format jsonl -o "$T/june.jsonl" 2>/dev/null
check "run --format jsonl writes the audit date into each record" \
	test "$(grep -c '"as_of":"2020-06-30"' "$T/june.jsonl")" -eq "$(wc -l <"$T/june.jsonl")" -a -s "$T/june.jsonl"
"$HUIKAN" run "$PACK" --db "$T/r.db" --as-of 2020-06-30 --format json -o "$T/june.json" 2>/dev/null
check "... and run --format json too" grep -q '"as_of":"2020-06-30"' "$T/june.json"

run_hk "$T/out" "$T/err" ledger record --findings "$T/june.jsonl" --pack sample --as-of 2020-09-30
check "--as-of that differs from the findings' date: exit 2" test "$rc" -eq 2
check "... saying both dates" grep -qF -- "--as-of 2020-09-30, but the findings of $T/june.jsonl were made as of 2020-06-30 (their as_of): leave --as-of out, or give that date" "$T/err"
check "... and nothing recorded" test "$(git --git-dir="$HUIKAN_LEDGER" ls-tree --name-only main runs/ | wc -l)" -eq 0

run_hk "$T/out" "$T/err" ledger record --findings "$T/june.jsonl" --pack sample
check "without --as-of: recorded" test "$rc" -eq 0
run=$(sed -n 's/^run \([^:]*\):.*/\1/p' "$T/out")
check "... as of the findings' date, not today" sh -c "git --git-dir='$HUIKAN_LEDGER' show 'main:runs/$run.json' | grep -q '\"as_of\":\"2020-06-30\"'"

# a later run, then the old file again: refused as older (not recorded as today)
"$HUIKAN" run "$PACK" --db "$T/r.db" --as-of 2020-09-30 --ledger "$HUIKAN_LEDGER" -q -o /dev/null
run_hk "$T/out" "$T/err" ledger record --findings "$T/june.jsonl" --pack sample
check "the old findings again after a later run: refused (exit 2)" test "$rc" -eq 2
check "... as a run older than one recorded" grep -q "older than" "$T/err"

# findings of two runs in one file
"$HUIKAN" run "$PACK" --db "$T/r.db" --as-of 2020-12-31 --format jsonl -o "$T/dec.jsonl" 2>/dev/null
cat "$T/june.jsonl" "$T/dec.jsonl" >"$T/both.jsonl"
run_hk "$T/out" "$T/err" ledger record --findings "$T/both.jsonl" --pack sample
check "findings of two audit dates: exit 2" test "$rc" -eq 2
check "... naming both" grep -qF "findings of more than one audit date (as_of '2020-06-30' and '2020-12-31')" "$T/err"

# an as_of that is no date
sed 's/"as_of":"2020-06-30"/"as_of":"June"/' "$T/june.jsonl" >"$T/bad.jsonl"
run_hk "$T/out" "$T/err" ledger record --findings "$T/bad.jsonl" --pack sample
check "an as_of that is no date: exit 2, naming file and line" grep -qF "$T/bad.jsonl:1: 'as_of' is not a date YYYY-MM-DD" "$T/err"
