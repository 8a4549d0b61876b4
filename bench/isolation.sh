#!/usr/bin/env bash
# bench/isolation.sh BEFORE AFTER DB [N] - the cost of running each rule in
# its own process (docs/security.md): the whole poverty pack on DB (the demo
# county: `huikan demo-data --out D/csv --as-of 2020-06-30 && huikan import
# --db D/registry.sqlite D/csv`) at -j 2 and -j 1, N runs (default 5) of each
# binary alternated, so that both see the same load. Prints each run (wall,
# user, sys seconds, peak KB) and the best and median wall and CPU of each.
set -u
before=${1:?usage: bench/isolation.sh BEFORE AFTER DB [N]} after=${2:?} db=${3:?} n=${4:-5}
cd "$(dirname "$0")/.."
export HUIKAN_HOME="$PWD"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for j in 2 1; do
	for i in $(seq "$n"); do
		for b in before after; do
			bin=$before
			[ "$b" = after ] && bin=$after
			/usr/bin/time -f "$b j$j %e %U %S %M" -a -o "$out/times" "$bin" run audits/poverty --db "$db" \
				--as-of 2020-06-30 -j "$j" -q --format jsonl -o "$out/$b.jsonl" 2>/dev/null
		done
		cmp -s "$out/before.jsonl" "$out/after.jsonl" || echo "isolation: the findings differ" >&2
	done
done
grep -v Command "$out/times"
for j in 2 1; do
	for b in before after; do
		grep "^$b j$j " "$out/times" | awk -v t="$b -j $j" '{w[NR] = $3; c[NR] = $4 + $5}
			END {n = asort(w); asort(c); printf "%-10s wall best %.2f s median %.2f s; CPU best %.2f s median %.2f s\n",
				t, w[1], w[int((n + 1) / 2)], c[1], c[int((n + 1) / 2)]}'
	done
done
