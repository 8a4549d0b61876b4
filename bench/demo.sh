#!/usr/bin/env bash
# bench/demo.sh - huikan demo-data: seconds and peak memory at the default
# scale (19,889 households) and at 50,000 households; with BENCH_BIG=1 also
# 230,000 households (about 1,000,000 people). Prints one result line each.
#
# usage: bench/demo.sh HUIKAN-BINARY
set -u
bin=${1:?usage: bench/demo.sh HUIKAN-BINARY}
out=build/bench/demo
sizes="19889 50000"
[ "${BENCH_BIG:-0}" = 1 ] && sizes="$sizes 230000"
for n in $sizes; do
	rm -rf "$out"
	/usr/bin/time -f '%e %U %M' -o build/bench/demo.time "$bin" demo-data --out "$out" --households "$n" || exit 1
	read -r wall user rss <build/bench/demo.time
	rows=$(cat "$out"/*.csv | wc -l)
	members=$(($(wc -l <"$out/members.csv") - 1))
	printf 'demo-data households=%d members=%d rows=%d seconds=%s cpu=%s max_rss_mb=%d\n' \
		"$n" "$members" "$rows" "$wall" "$user" $((rss / 1024))
done
rm -rf "$out"
