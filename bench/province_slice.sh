#!/usr/bin/env bash
# bench/province_slice.sh HUIKAN - a province slice at full size (issue 17):
# the seven counties of the demo city 4509 (the counties the bundled
# divisions hold), SLICE_HOUSEHOLDS households each (default 335,000: about
# 1.43 million people a county, 10 million in all), run the way a province
# spreads the work, county by county:
#   1. demo-data --city 4509 writes the slice (kept in SLICE_DIR, default
#      build/bench/slice, and reused while the binary and size are the same);
#   2. per county: `import` into the county's own db, `run` of the whole pack
#      at -j 2, the findings recorded into the county's own ledger
#      (`ledger record`, an unsigned ledger);
#   3. the province view: one `import` of the seven folders into one db, and
#      the two cross-county rules run over it.
# Prints wall and CPU time (user + system) and peak memory of every step,
# the totals, the per-county cost and the disk used. At the default size it
# takes about half an hour and 20 GB of disk (the slice is removed at the end
# unless SLICE_KEEP=1); SLICE_HOUSEHOLDS=0 skips it in `make bench`.
set -u
hk=$(realpath "${1:?usage: bench/province_slice.sh HUIKAN}")
cd "$(dirname "$0")/.."
export HUIKAN_HOME="$PWD" LC_ALL=C.UTF-8
n=${SLICE_HOUSEHOLDS:-335000}
[ "$n" = 0 ] && { echo "slice: skipped (SLICE_HOUSEHOLDS=0)"; exit 0; }
B=${SLICE_DIR:-build/bench/slice}
S=$B/csv
ADMIN="Ann Admin <ann@city.gov.cn>"
mkdir -p "$B"
status=0
: >"$B/steps"

# timed NAME CMD...: runs CMD under /usr/bin/time; prints NAME, wall, CPU,
# peak RSS and the load average, and adds the line to $B/steps.
timed() {
	local name=$1 rc line
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$B/time" "$@" >"$B/out" 2>"$B/err"
	rc=$?
	read -r wall user sys rss < <(tail -n 1 "$B/time") # after "Command exited with ..."
	line=$(printf '%-44s %8.2f s wall %8.2f s CPU %6d MB peak  (exit %d, load %s)' "$name" "$wall" \
		"$(echo "$user + $sys" | bc)" $((rss / 1024)) "$rc" "$(cut -d' ' -f1 /proc/loadavg)")
	echo "slice: $line"
	echo "$name|$wall|$(echo "$user + $sys" | bc)|$((rss / 1024))" >>"$B/steps"
	return $rc
}

if [ "$(cat "$B/stamp" 2>/dev/null)" != "$n $($hk --version)" ]; then
	rm -rf "$S" "$B/stamp"
	timed "demo-data --city 4509 ($n/county)" "$hk" demo-data --out "$S" --city 4509 --households "$n" --seed 7 ||
		{ cat "$B/err"; exit 1; }
	echo "$n $($hk --version)" >"$B/stamp"
fi
counties=$(ls "$S")
k=$(echo "$counties" | wc -w)
people=0
for c in $counties; do
	p=$(($(wc -l <"$S/$c/members.csv") - 1))
	people=$((people + p))
done
echo "slice: $k counties, $n households each, $people people; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

rm -rf "$B/db" "$B/ledger" "$B/findings"
mkdir -p "$B/db" "$B/ledger" "$B/findings"
for c in $counties; do
	timed "$c import" "$hk" import --quiet --db "$B/db/$c.sqlite" "$S/$c" || { cat "$B/err"; status=1; continue; }
	# (exit 1: there are findings)
	timed "$c run poverty -j 2" "$hk" run audits/poverty --db "$B/db/$c.sqlite" --as-of 2020-06-30 -j 2 \
		--timeout 120 --format jsonl -q -o "$B/findings/$c.jsonl"
	[ -s "$B/err" ] && { echo "slice: the run of $c wrote errors:"; head -5 "$B/err"; status=1; }
	"$hk" ledger init --unsigned "$B/ledger/$c" --office "$c" --admin "$ADMIN" >/dev/null ||
		{ status=1; continue; }
	timed "$c ledger record ($(grep -c . "$B/findings/$c.jsonl") findings)" env HUIKAN_LEDGER="$B/ledger/$c" \
		HUIKAN_USER="$ADMIN" "$hk" ledger record --findings "$B/findings/$c.jsonl" --pack poverty \
		--as-of 2020-06-30 || { cat "$B/err"; status=1; }
done

rm -f "$B/province.sqlite"
timed "province import of the $k counties (one db)" "$hk" import --quiet --db "$B/province.sqlite" \
	$(for c in $counties; do echo "$S/$c"; done) || { cat "$B/err"; status=1; }
timed "province: the two cross-county rules" "$hk" run audits/poverty --db "$B/province.sqlite" --as-of 2020-06-30 \
	-j 2 --timeout 600 --rules precision.id-cross-county,assignment.cadre-cross-county --format jsonl -q \
	-o "$B/findings/province.jsonl"
echo "slice: $(cat "$B"/findings/[0-9]*.jsonl | grep -c .) findings in the counties," \
	"$(grep -c . "$B/findings/province.jsonl") cross-county"

# totals: the county-by-county work (import, run, record) and the province view
awk -F'|' -v k="$k" '
	/^[0-9]+ import/ { iw += $2; ic += $3 } / run poverty/ { rw += $2; rc += $3 } / ledger record/ { lw += $2; lc += $3 }
	/^[0-9]/ { w += $2; c += $3 } { if ($4 > m) m = $4 }
	END {
		printf "slice: county by county, all %d: %.1f s wall, %.1f s CPU (import %.1f s, run %.1f s, record %.1f s wall)\n", k, w, c, iw, rw, lw
		printf "slice: per county: import %.1f s, run %.1f s, record %.1f s wall; %.1f s CPU in all\n", iw / k, rw / k, lw / k, c / k
		printf "slice: peak memory of any one step: %d MB\n", m
	}' "$B/steps"
echo "slice: disk: CSV $(du -sm "$S" | cut -f1) MB, county dbs $(du -sm "$B/db" | cut -f1) MB," \
	"ledgers $(du -sm "$B/ledger" | cut -f1) MB, province db $(($(stat -c %s "$B/province.sqlite") / 1048576)) MB"
[ "${SLICE_KEEP:-0}" = 1 ] || rm -rf "$B"
exit $status
