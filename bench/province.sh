#!/usr/bin/env bash
# bench/province.sh HUIKAN - many counties in one db (issue 17): the seven
# counties of the demo city 4509 (demo-data --city), PROVINCE_HOUSEHOLDS
# households each (default 10000; 19889 is the demo county's size), are
#   1. imported into one province db by one import of the seven folders,
#   2. audited by the whole pack at -j 2 (a rule may take 60 s), and by the two cross-county rules
#      alone (what a province group runs when the counties run the rest),
#   3. checked against the slice's truth (every truth.jsonl and
#      truth-province.jsonl): recall and precision 1.0 for every rule.
# Prints wall and CPU time (user + system) and peak memory of each step, and
# per county: the CSV and the db on disk, the import's time. The slice is
# kept in build/bench/province/ and reused (delete it to regenerate).
set -u
hk=$(realpath "${1:?usage: bench/province.sh HUIKAN}")
cd "$(dirname "$0")/.."
export HUIKAN_HOME="$PWD"
n=${PROVINCE_HOUSEHOLDS:-10000}
B=build/bench/province
S=$B/csv
mkdir -p "$B"
status=0

# timed NAME CMD...: runs CMD under /usr/bin/time; prints NAME, wall, CPU, peak RSS.
timed() {
	local name=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$B/time" "$@" >"$B/out" 2>"$B/err"
	local rc=$?
	read -r wall user sys rss < <(tail -n 1 "$B/time") # after "Command exited with ..."
	printf 'province: %-34s %7.2f s wall %7.2f s CPU %6d MB peak  (exit %d)\n' "$name" "$wall" \
		"$(echo "$user + $sys" | bc)" $((rss / 1024)) "$rc"
	return $rc
}

if [ "$(cat "$B/stamp" 2>/dev/null)" != "$n $($hk --version)" ]; then
	rm -rf "$S" "$B/stamp"
	timed "demo-data --city 4509 ($n/county)" "$hk" demo-data --out "$S" --city 4509 --households "$n" --seed 5 ||
		{ cat "$B/err"; exit 1; }
	echo "$n $($hk --version)" >"$B/stamp"
fi
counties=$(ls "$S")
k=$(echo "$counties" | wc -w)
people=$(cat "$S"/*/members.csv | grep -c .)
people=$((people - k))
echo "province: $k counties, $n households each, $people people"

rm -f "$B/province.db"
timed "import of the $k counties (one db)" "$hk" import --quiet --db "$B/province.db" $(for c in $counties; do echo "$S/$c"; done) ||
	{ cat "$B/err"; status=1; }
read -r iwall _ < <(tail -n 1 "$B/time")
csv=$(du -sm "$S" | cut -f1)
dbm=$(($(stat -c %s "$B/province.db") / 1048576))
printf 'province: per county: %.2f s import wall, %d MB CSV, %d MB db\n' "$(echo "$iwall / $k" | bc -l)" \
	$((csv / k)) $((dbm / k))

# (exit 1: there are findings)
timed "run poverty -j 2 (whole pack)" "$hk" run audits/poverty --db "$B/province.db" --as-of 2020-06-30 -j 2 \
	--timeout 60 --format jsonl -q -o "$B/findings.jsonl"
[ -s "$B/err" ] && { echo "province: the run wrote errors:"; head -5 "$B/err"; status=1; }
timed "run of the two cross-county rules" "$hk" run audits/poverty --db "$B/province.db" --as-of 2020-06-30 -j 2 \
	--rules precision.id-cross-county,assignment.cadre-cross-county --format jsonl -q -o "$B/cross.jsonl"
echo "province: $(grep -c . "$B/findings.jsonl") findings, $(grep -c . "$B/cross.jsonl") cross-county"

cat "$S"/*/truth.jsonl "$S"/*/truth-province.jsonl >"$B/truth.jsonl"
lua5.4 tests/cli/truth_compare.lua "$B/truth.jsonl" "$B/findings.jsonl" >"$B/compare.txt"
bad=$(awk '$4 != 0 || $5 != 0 { print $1 " missed " $4 " extra " $5 }' "$B/compare.txt")
if [ -n "$bad" ]; then
	echo "province: findings differ from the truth:"
	echo "$bad"
	status=1
else
	echo "province: recall 1.0 and precision 1.0 for every rule over the $k counties"
fi
exit $status
