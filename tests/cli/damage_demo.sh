# --keep-going on a demo county damaged as Excel and county offices damage
# exports (scripts/damage_demo.lua, a fixed seed): about 1 % of the rows hold
# values Excel wrote its own way ('ID, ="ID", ¥12,000, 2020年6月30日,
# 2020.6.30, date serials), read exactly, and about 1 % more are damaged
# copies that cannot be read (ID numbers in scientific notation, dates that
# do not exist, unknown codes, money with letters). The default import
# refuses the county and names --keep-going; with it every valid row is
# imported (the registry is the clean one), every damaged row is in
# import_rejects and reported by data.rejected-row, and every other rule of
# the pack finds exactly the truth of the demo generator (recall and
# precision 1.0, as on the clean county).
. "$(dirname "$0")/lib.bash"

compare() { lua5.4 "$ROOT/tests/cli/truth_compare.lua" "$1" "$2"; }
as_of=2020-06-30

run_hk "$T/out" "$T/err" demo-data --out "$T/csv" --households 3000 --seed 7 --as-of "$as_of"
check "demo-data writes a county" test "$rc" -eq 0
mkdir -p "$T/dam"
lua5.4 "$ROOT/scripts/damage_demo.lua" "$T/csv" "$T/dam" 7 1 >"$T/damage" 2>"$T/err"
check "damage_demo.lua damages it" test $? -eq 0
readable=$(sed -n 's/^readable //p' "$T/damage")
rejected=$(sed -n 's/^rejected //p' "$T/damage")
rows=$(cat "$T"/csv/*.csv | wc -l)
check "about 1 % of the rows read exactly, 1 % more not readable ($readable, $rejected of $rows)" \
	test "$readable" -ge $((rows / 200)) -a "$rejected" -ge $((rows / 200)) -a "$rejected" -le $((rows / 50))
mkdir -p "$T/dam2"
lua5.4 "$ROOT/scripts/damage_demo.lua" "$T/csv" "$T/dam2" 7 1 >/dev/null
check "... the same way every time (a fixed seed)" diff -r -q "$T/dam" "$T/dam2"

run_hk "$T/out" "$T/err" import --quiet --db "$T/clean.sqlite" "$T/csv"
check "the clean county imports" test "$rc" -eq 0

run_hk "$T/out" "$T/err" import --db "$T/all.sqlite" "$T/dam"
check "the damaged county is refused by default (exit 2)" test "$rc" -eq 2
check "... the last line names --keep-going" sh -c "tail -1 '$T/err' | grep -q -- 'nothing imported (--keep-going imports the valid rows'"

run_hk "$T/out" "$T/err" import --keep-going --db "$T/kg.sqlite" "$T/dam"
check "--keep-going imports it (exit 0)" test "$rc" -eq 0
sqlite3 "$T/clean.sqlite" .dump >"$T/clean.sql"
sqlite3 "$T/kg.sqlite" .dump | grep -v import_rejects >"$T/kg.sql"
check "... every valid row: the registry is the clean county's" cmp -s "$T/kg.sql" "$T/clean.sql"
n=$(sqlite3 "$T/kg.sqlite" "SELECT count(DISTINCT file || ':' || line) FROM import_rejects")
check "... every damaged row in import_rejects ($n of $rejected)" test "$n" -eq "$rejected"
check "... with its cause" test "$(sqlite3 "$T/kg.sqlite" "SELECT count(DISTINCT reason) FROM import_rejects")" -ge 3

run_hk "$T/clean.jsonl" "$T/err" run "$ROOT/audits/poverty" --db "$T/clean.sqlite" --as-of "$as_of" --format jsonl -q
run_hk "$T/kg.jsonl" "$T/err" run "$ROOT/audits/poverty" --db "$T/kg.sqlite" --as-of "$as_of" --format jsonl -q
check "the pack runs on the county imported with --keep-going (exit 1)" test "$rc" -eq 1
check "... no rule failed" test ! -s "$T/err"
# data.rejected-row: every rejected row is named by a finding
grep '"rule":"data.rejected-row"' "$T/kg.jsonl" >"$T/data.jsonl"
named=$(grep -o '"location":"[^"]*"' "$T/data.jsonl" | sort -u | wc -l)
check "data.rejected-row names every rejected row ($named of $rejected)" test "$named" -eq "$rejected"
check "... with a Chinese cause" grep -q '身份证号被 Excel 损坏\|不存在\|编码无法识别' "$T/data.jsonl"
check "... no finding of data.rejected-row on the clean county" sh -c "! grep -q '\"rule\":\"data.' '$T/clean.jsonl'"
# the other rules: exactly the clean county's findings, and recall and precision 1.0 against truth
grep -v '"rule":"data\.' "$T/kg.jsonl" | sed 's/"id":"[^"]*",//' | sort >"$T/kg.others"
sed 's/"id":"[^"]*",//' "$T/clean.jsonl" | sort >"$T/clean.others"
check "the other rules find exactly what they find on the clean county" cmp -s "$T/kg.others" "$T/clean.others"
grep -v '"rule":"data\.' "$T/kg.jsonl" >"$T/kg.nodata.jsonl"
compare "$T/csv/truth.jsonl" "$T/kg.nodata.jsonl" >"$T/cmp"
bad=$(awk '$4 != 0 || $5 != 0' "$T/cmp")
check "... recall and precision 1.0 for every rule against truth$([ -n "$bad" ] && echo ": $bad")" test -z "$bad"
check "... and every rule of the catalogue is in truth ($(wc -l <"$T/cmp") rules)" test "$(wc -l <"$T/cmp")" -ge 40
