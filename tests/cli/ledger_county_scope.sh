# A run's scope is its rules and its counties (issue 17): two counties'
# registries run into one shared ledger (a city hub's): the second county's
# run makes no finding of the first county's villages absent. (Findings
# without a village, e.g. a person found in no household, are in every run's
# scope: docs/ledger.md.) Rules on households and people only (one db of
# several counties, with the cross-county rules: tests/cli/province.sh).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
new_ledger "$T/L"
export HUIKAN_LEDGER="$T/L"
for c in 450921 450923; do
	"$HUIKAN" demo-data --out "$T/$c" --county "$c" --households 200 --seed 5 >/dev/null 2>&1
	"$HUIKAN" import --db "$T/$c.sqlite" "$T/$c" >/dev/null 2>&1
done
for c in 450921 450923 450921; do
	"$HUIKAN" run poverty --db "$T/$c.sqlite" --as-of 2020-06-30 -j 2 --rules precision --ledger "$T/L" --as "$ADMIN" \
		-q -o /dev/null 2>>"$T/err"
done
check "three runs recorded" test "$(grep -c 'huikan run: ledger' "$T/err")" -eq 3
n21=$("$HUIKAN" stats --format csv --no-bom | awk -F, '$1 == "county" && $2 == 450921 { print $3 }')
n23=$("$HUIKAN" stats --format csv --no-bom | awk -F, '$1 == "county" && $2 == 450923 { print $3 }')
check "the hub's ledger holds both counties ($n21 and $n23 placed findings)" test "${n21:-0}" -gt 0 -a "${n23:-0}" -gt 0
placed=$("$HUIKAN" findings --status absent,ready --format csv --no-bom | awk -F, 'NR > 1 && $5 != ""' | wc -l)
check "no finding placed in a village is absent after the other county's run ($placed)" test "$placed" -eq 0
