# Many counties in one db (issue 17): the counties of a demo city
# (demo-data --city) imported into one province db, four by one import of
# several folders and three more by a second import into it; the regions keep
# every county; a county already in the db is refused (one clear error, the db
# unchanged, all or nothing also beside a new county and under --keep-going);
# `huikan run` over the db finds exactly the slice's truth (every truth.jsonl
# and truth-province.jsonl: the cross-county rules find the planted cases and
# nothing else), and the findings keep their county in the ledger.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"

S=$T/city
"$HUIKAN" demo-data --out "$S" --city 4509 --households 80 --seed 5 >"$T/out" 2>"$T/err" ||
	not_ok "demo-data --city failed: $(head -c 300 "$T/err")"
set -- $(ls "$S")
check "the slice has seven counties ($*)" test $# -eq 7
db=$T/province.db
run_hk "$T/out" "$T/err" import --quiet --db "$db" "$S/$1" "$S/$2" "$S/$3" "$S/$4"
check "one import of four counties' folders into one db: exit 0" test "$rc" -eq 0
run_hk "$T/out" "$T/err" import --quiet --db "$db" "$S/$5" "$S/$6" "$S/$7"
check "a second import adds three more counties: exit 0 ($(head -c 200 "$T/err"))" test "$rc" -eq 0
q() { sqlite3 "$db" "$1"; }
check "regions: one province, one city, seven counties" \
	test "$(q "SELECT group_concat(level || '=' || n) FROM (SELECT level, count(*) AS n FROM regions
	      WHERE level IN ('province', 'city', 'county') GROUP BY level ORDER BY level)")" = "city=1,county=7,province=1"
want=$(cat "$S"/*/regions.csv | grep -cE ',(town|village),')
check "regions keep every town and village of every county ($want)" \
	test "$(q "SELECT count(*) FROM regions WHERE level IN ('town', 'village')")" -eq "$want"
want=$(for c in "$S"/*; do tail -n +2 "$c/households.csv"; done | grep -c .)
check "every county's households are in ($want)" test "$(q "SELECT count(*) FROM households")" -eq "$want"

# a county already in the db: refused, one error naming file, line, county and what to do
before=$(sqlite3 "$db" .dump | sha256sum)
run_hk "$T/out" "$T/err" import --db "$db" "$S/$3"
check "re-import of county $3: exit 2" test "$rc" -eq 2
check "... one error: FILE:LINE:COL: county CODE (name) is already in the db" \
	grep -qE "^$S/$3/regions.csv:[0-9]+:1: county '$3' \(.+\) is already in the db" "$T/err"
check "... says what to do (a new db, or --replace)" grep -q -- "import every county again into a new db, or with --replace" "$T/err"
check "... and no other error (the import reads no further)" test "$(grep -c "^$S/" "$T/err")" -eq 1
check "... the db unchanged" test "$(sqlite3 "$db" .dump | sha256sum)" = "$before"
run_hk "$T/out" "$T/err" import --db "$db" --keep-going "$S/$3"
check "re-import under --keep-going: refused too, the db unchanged" \
	test "$rc" -eq 2 -a "$(sqlite3 "$db" .dump | sha256sum)" = "$before"
"$HUIKAN" import --quiet --db "$T/two.db" "$S/$1" >/dev/null 2>&1
before=$(sqlite3 "$T/two.db" .dump | sha256sum)
run_hk "$T/out" "$T/err" import --db "$T/two.db" "$S/$2" "$S/$1"
check "a new county beside one already in: refused, all or nothing" \
	test "$rc" -eq 2 -a "$(sqlite3 "$T/two.db" .dump | sha256sum)" = "$before"
run_hk "$T/out" "$T/err" import --db "$T/three.db" "$S/$1" "$S/$1"
check "one county twice in one import: refused, no db left" test "$rc" -eq 2 -a ! -e "$T/three.db"

# the pack over the province db against the slice's whole truth
cat "$S"/*/truth.jsonl "$S"/*/truth-province.jsonl >"$T/truth.jsonl"
run_hk "$T/f.jsonl" "$T/err" run poverty --db "$db" --as-of 2020-06-30 -j 2 --format jsonl -q
check "run over the province db: exit 1 (findings), no rule failed" test "$rc" -eq 1 -a ! -s "$T/err"
lua5.4 "$ROOT/tests/cli/truth_compare.lua" "$T/truth.jsonl" "$T/f.jsonl" >"$T/cmp"
for id in precision.id-cross-county assignment.cadre-cross-county; do
	set -- $(grep "^$id " "$T/cmp")
	check "$id: the planted cases and nothing else (${2:-0} planted, ${3:-0} found, missed ${6:-}, extra ${7:-})" \
		test "${2:-0}" -gt 0 -a "${4:-1}" -eq 0 -a "${5:-1}" -eq 0
done
check "$id: one cadre row per county of the slice" \
	test "$(grep -c '"assignment.cadre-cross-county"' "$T/truth.jsonl")" -eq 12
bad=$(awk '$4 != 0 || $5 != 0 { print $1 " missed " $4 " extra " $5 }' "$T/cmp" | tr '\n' ' ')
check "every rule: recall 1.0 and precision 1.0 over the seven counties${bad:+ ($bad)}" test -z "$bad"

# the findings keep their county: a ledger's stats by county, cadres placed in theirs
new_ledger "$T/L"
"$HUIKAN" run poverty --db "$db" --as-of 2020-06-30 -j 2 --ledger "$T/L" --as "$ADMIN" -q -o /dev/null 2>"$T/err"
"$HUIKAN" stats --ledger "$T/L" --format csv --no-bom >"$T/stats.csv"
n=$(awk -F, '$1 == "county" && $2 ~ /^4509[0-9][0-9]$/ && $3 > 0' "$T/stats.csv" | wc -l)
check "stats by county: findings in each of the seven counties ($n)" test "$n" -eq 7
# the report of the hub: a chart by county, each county by its name and code
"$HUIKAN" report --ledger "$T/L" --db "$db" --lang zh --html "$T/hub.html" 2>"$T/err"
sed -n '/id="chart-county"/,/<\/svg>/p' "$T/hub.html" >"$T/county-chart"
named=$(sqlite3 "$db" "SELECT name || ' ' || code FROM regions WHERE level = 'county'" |
	while read -r line; do grep -qF "$line" "$T/county-chart" && echo "$line"; done | wc -l)
check "report: a chart by county (按县) naming each of the seven counties ($named)" \
	test "$named" -eq 7 -a -n "$(grep -F '<h2>按县</h2>' "$T/hub.html")"
"$HUIKAN" findings --ledger "$T/L" --rule assignment.cadre-cross-county --format jsonl >"$T/cadres.json"
wrong=$(jq -r 'select((.entity | sub("^cadre:C"; "") | .[0:6]) != ((.village // "") | .[0:6])) | .entity' "$T/cadres.json" | tr '\n' ' ')
check "each cross-county cadre finding is placed in its cadre's own county${wrong:+ (not: $wrong)}" \
	test -z "$wrong" -a "$(grep -c '"entity"' "$T/cadres.json")" -eq 12
