# `huikan demo-data --city CODE` (issue 17): every county of a city from the
# bundled divisions, each in DIR/<county>/ with its own truth, and the cases
# only a db of the slice shows (truth-province.jsonl); each imports.
. "$(dirname "$0")/lib.bash"
run_hk "$T/out" "$T/err" demo-data --out "$T/city" --city 4509 --households 60 --seed 3
check "demo-data --city 4509 exits 0" test "$rc" -eq 0
want=$(awk -F, 'NR > 1 && $3 == 4509 { print $1 }' "$ROOT/data/divisions/areas.csv" | sort | tr '\n' ' ')
got=$(ls "$T/city" | sort | tr '\n' ' ')
check "one directory per county of the city ($got)" test "$got" = "$want"
for c in $got; do
	bad=$(awk -F, -v c="$c" 'NR > 1 && substr($2, 1, 6) != c' "$T/city/$c/households.csv" | head -n 1)
	check "county $c: every household in a village of the county" test -z "$bad"
	check "county $c: its truth.jsonl lists anomalies" test -s "$T/city/$c/truth.jsonl"
done
"$HUIKAN" demo-data --out "$T/again" --city 4509 --households 60 --seed 3 >/dev/null 2>&1
check "the same arguments give the same slice, byte for byte" diff -r "$T/again" "$T/city"
# the cross-county cases: each other county shares one person and one cadre
# with the first; each county's truth-province.jsonl names its side
set -- $got
first=$1
n=$#
check "first county: one cross-county cadre per other county" \
	test "$(grep -c '"assignment.cadre-cross-county"' "$T/city/$first/truth-province.jsonl")" -eq $((n - 1))
for c in $got; do
	[ "$c" = "$first" ] && continue
	check "county $c: one cross-county person and one cadre in its truth-province.jsonl" \
		test "$(grep -c '"precision.id-cross-county"' "$T/city/$c/truth-province.jsonl")" -eq 1 -a \
		"$(grep -c '"assignment.cadre-cross-county"' "$T/city/$c/truth-province.jsonl")" -eq 1
done
"$HUIKAN" demo-data --out "$T/one" --county 450923 --households 60 --seed 3 >/dev/null 2>&1
check "demo-data --county writes no truth-province.jsonl" test ! -e "$T/one/truth-province.jsonl" -a -s "$T/one/truth.jsonl"
run_hk "$T/out" "$T/err" demo-data --out "$T/tiny" --city 4509 --households 3 --seed 3
check "a slice too small for its cross-county cases: exit 2, says so" test "$rc" -eq 2
check "... naming --households" grep -q -- "--households 3" "$T/err"
run_hk "$T/out" "$T/err" import --db "$T/450921.sqlite" "$T/city/450921"
check "a county of the slice imports" test "$rc" -eq 0
run_hk "$T/out" "$T/err" demo-data --out "$T/x" --city 9999
check "a city without counties in the divisions: exit 2" test "$rc" -eq 2
check "and says which file it looked in" grep -q "areas.csv" "$T/err"
run_hk "$T/out" "$T/err" demo-data --out "$T/x" --city 45
check "a city code that is not 4 digits: exit 2" test "$rc" -eq 2
run_hk "$T/out" "$T/err" demo-data --out "$T/x" --city 4509 --county 450921
check "--city and --county together: exit 2" test "$rc" -eq 2
