#!/usr/bin/env bash
# bench/isolation.sh BEFORE AFTER DB [N] - the cost of running each rule in
# its own process (docs/security.md): the whole poverty pack on DB (the demo
# county: `huikan demo-data --out D/csv --as-of 2020-06-30 && huikan import
# --db D/registry.sqlite D/csv`) at -j 2 and -j 1, N runs (default 5) of each
# binary alternated, so that both see the same load. Prints each run (wall,
# user, sys seconds, peak KB) and the best and median wall and CPU of each.
# PACK=DIR runs another pack (default audits/poverty): an older binary needs
# the pack of its own commit, e.g. `git archive c99fdde audits | tar -x -C D`
# and PACK=D/audits/poverty for both.
set -u
before=$(realpath "${1:?usage: bench/isolation.sh BEFORE AFTER DB [N]}") after=$(realpath "${2:?}") db=$(realpath "${3:?}") n=${4:-5}
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
# median and best of a column of numbers (plain awk and sort: no gawk here)
stats() { sort -n | awk '{v[NR] = $1} END {printf "best %.2f s median %.2f s", v[1], v[int((NR + 1) / 2)]}'; }
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
