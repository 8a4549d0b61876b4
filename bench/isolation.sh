#!/usr/bin/env bash
# bench/isolation.sh - what running each rule in its own process costs
# (docs/security.md, bench/isolation.md).
#
#   bench/isolation.sh HUIKAN
#       (as `make bench` runs it) one binary on the demo county (made once
#       under build/bench/isolation): the CPU a rule's process costs before
#       any work, from a pack of rules that each run one query and report
#       nothing (200 rules against 20, 5 runs of each, -j 1), and the whole
#       poverty pack at -j 2 and -j 1 (5 runs, median wall and CPU).
#   bench/isolation.sh BEFORE AFTER DB [N]
#       two binaries alternated, N runs (default 5) of each at -j 2 and -j 1,
#       on the registry DB (the demo county: `huikan demo-data --out D/csv
#       --as-of 2020-06-30 && huikan import --db D/registry.sqlite D/csv`),
#       so that both see the same load. Prints each run (wall, user, sys
#       seconds, peak KB), the best and median wall and CPU of each, the mean
#       CPU ratio, and says when the findings differ. PACK=DIR runs another
#       pack (default audits/poverty): an older binary needs the pack of its
#       own commit, e.g. `git archive c99fdde audits | tar -x -C D` and
#       PACK=D/audits/poverty for both.
set -u
# median and best of a column of numbers (plain awk and sort: no gawk here)
stats() { sort -n | awk '{v[NR] = $1} END {printf "best %.2f s median %.2f s", v[1], v[int((NR + 1) / 2)]}'; }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# bare DIR N: a pack of N rules that each run one query and report nothing.
bare() {
	mkdir -p "$1/rules"
	echo 'return { name = "bare", version = "1", description = "one query, no finding" }' >"$1/pack.lua"
	for i in $(seq -w 1 "$2"); do
		cat >"$1/rules/bare.r$i.lua" <<LUA
return {
	id = "bare.r$i", title = "bare $i", category = "data", severity = "info", entity = "household",
	check = function(ctx)
		local n = ctx:one("SELECT count(*) AS n FROM regions")
		if n.n < 0 then ctx:report { entity = "household:x", message = "never" } end
	end,
}
LUA
	done
}

if [ $# -eq 1 ]; then
	hk=$(realpath "$1")
	cd "$(dirname "$0")/.."
	export HUIKAN_HOME="$PWD"
	B=build/bench/isolation
	mkdir -p "$B"
	if [ ! -f "$B/registry.sqlite" ] || [ "$(cat "$B/stamp" 2>/dev/null)" != "$($hk --version)" ]; then
		rm -rf "$B/csv" "$B/registry.sqlite"
		"$hk" demo-data --out "$B/csv" --as-of 2020-06-30 >/dev/null &&
			"$hk" import --quiet --db "$B/registry.sqlite" "$B/csv" >/dev/null || { echo "isolation: no demo county"; exit 1; }
		$hk --version >"$B/stamp"
	fi
	rm -rf "$B/bare200" "$B/bare20"
	bare "$B/bare200" 200
	bare "$B/bare20" 20
	# cpu PACK J: user + sys seconds of one run
	cpu() {
		/usr/bin/time -f "%e %U %S" -o "$B/t" "$hk" run "$1" --db "$B/registry.sqlite" --as-of 2020-06-30 \
			-j "$2" -q --format jsonl -o "$B/out.jsonl" 2>/dev/null
		grep -v Command "$B/t" | awk '{printf "%s %.3f\n", $1, $2 + $3}'
	}
	: >"$B/bare.txt"
	for i in 1 2 3 4 5; do
		echo "200 $(cpu "$B/bare200" 1)" >>"$B/bare.txt"
		echo "20 $(cpu "$B/bare20" 1)" >>"$B/bare.txt"
	done
	c200=$(awk '$1 == 200 {print $3}' "$B/bare.txt" | median)
	c20=$(awk '$1 == 20 {print $3}' "$B/bare.txt" | median)
	awk -v a="$c200" -v b="$c20" 'BEGIN {printf "a rule process that runs one query: %.2f ms of CPU (200 rules %.2f s, 20 rules %.2f s, medians of 5, -j 1)\n", (a - b) / 180 * 1000, a, b}'
	for j in 2 1; do
		: >"$B/pack.txt"
		for i in 1 2 3 4 5; do cpu audits/poverty "$j" >>"$B/pack.txt"; done
		w=$(awk '{print $1}' "$B/pack.txt" | stats)
		c=$(awk '{print $2}' "$B/pack.txt" | stats)
		echo "whole poverty pack, demo county, -j $j: wall $w; CPU $c"
	done
	exit 0
fi

if [ $# -lt 3 ]; then
	echo "usage: bench/isolation.sh HUIKAN | BEFORE AFTER DB [N]" >&2
	exit 2
fi
before=$(realpath "$1") after=$(realpath "$2") db=$(realpath "$3") n=${4:-5}
[ -n "${PACK:-}" ] && PACK=$(realpath "$PACK")
cd "$(dirname "$0")/.."
export HUIKAN_HOME="$PWD"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for j in 2 1; do
	for i in $(seq "$n"); do
		for b in before after; do
			bin=$before
			[ "$b" = after ] && bin=$after
			/usr/bin/time -f "$b j$j %e %U %S %M" -a -o "$out/times" "$bin" run "${PACK:-audits/poverty}" --db "$db" \
				--as-of 2020-06-30 -j "$j" -q --format jsonl -o "$out/$b.jsonl" 2>/dev/null
		done
		cmp -s "$out/before.jsonl" "$out/after.jsonl" || echo "isolation: the findings differ" >&2
	done
done
grep -v Command "$out/times"
for j in 2 1; do
	for b in before after; do
		w=$(grep "^$b j$j " "$out/times" | awk '{print $3}' | stats)
		c=$(grep "^$b j$j " "$out/times" | awk '{print $4 + $5}' | stats)
		printf '%-10s wall %s; CPU %s\n' "$b -j $j" "$w" "$c"
	done
done
for j in 2 1; do
	grep "j$j " "$out/times" | awk -v j="$j" '{c[$1] += $4 + $5; n[$1]++}
		END {printf "ratio after/before -j %s: CPU (mean) %.2f\n", j, (c["after"] / n["after"]) / (c["before"] / n["before"])}'
done
