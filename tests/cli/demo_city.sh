# `huikan demo-data --city CODE` (issue 17): every county of a city from the
# bundled divisions, each in DIR/<county>/ with its own truth, the same files
# as `demo-data --county` of that county with the same arguments; each imports.
. "$(dirname "$0")/lib.bash"
run_hk "$T/out" "$T/err" demo-data --out "$T/city" --city 4509 --households 30 --seed 3
check "demo-data --city 4509 exits 0" test "$rc" -eq 0
want=$(awk -F, 'NR > 1 && $3 == 4509 { print $1 }' "$ROOT/data/divisions/areas.csv" | sort | tr '\n' ' ')
got=$(ls "$T/city" | sort | tr '\n' ' ')
check "one directory per county of the city ($got)" test "$got" = "$want"
for c in $got; do
	bad=$(awk -F, -v c="$c" 'NR > 1 && substr($2, 1, 6) != c' "$T/city/$c/households.csv" | head -n 1)
	check "county $c: every household in a village of the county" test -z "$bad"
	check "county $c: its truth.jsonl lists anomalies" test -s "$T/city/$c/truth.jsonl"
done
"$HUIKAN" demo-data --out "$T/one" --county 450923 --households 30 --seed 3 >/dev/null 2>&1
check "a county of the slice equals demo-data --county of it" diff -r "$T/one" "$T/city/450923"
run_hk "$T/out" "$T/err" import --db "$T/450921.sqlite" "$T/city/450921"
check "a county of the slice imports" test "$rc" -eq 0
run_hk "$T/out" "$T/err" demo-data --out "$T/x" --city 9999
check "a city without counties in the divisions: exit 2" test "$rc" -eq 2
check "and says which file it looked in" grep -q "areas.csv" "$T/err"
run_hk "$T/out" "$T/err" demo-data --out "$T/x" --city 45
check "a city code that is not 4 digits: exit 2" test "$rc" -eq 2
run_hk "$T/out" "$T/err" demo-data --out "$T/x" --city 4509 --county 450921
check "--city and --county together: exit 2" test "$rc" -eq 2
