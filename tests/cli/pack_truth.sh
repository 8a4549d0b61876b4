# The poverty pack against the demo generator's truth: on the demo county itself
# (the default 19,889 households of `huikan demo-data`, seed 1) and on synthetic
# counties of 3,000 households (two more seeds at as_of 2020-06-30, a third at
# 2018-09-30), `huikan run audits/poverty` must find every injected anomaly of
# truth.jsonl and nothing else - recall 1.0 and precision 1.0 for every rule of
# the catalogue but the two cross-county rules, which find nothing in one county
# (a db of several counties: tests/cli/province.sh). (50,000 households and 1M
# people are checked by bench/pack.sh.)
. "$(dirname "$0")/lib.bash"

# compare TRUTH FINDINGS: per rule "RULE INJECTED FOUND MISSED EXTRA MISSED-LIST EXTRA-LIST".
compare() { lua5.4 "$ROOT/tests/cli/truth_compare.lua" "$1" "$2"; }

# runs: SEED:AS_OF:HOUSEHOLDS ("default" = the demo county's own scale).
for run in 1:2020-06-30:default 1:2020-06-30:3000 7:2020-06-30:3000 5:2018-09-30:3000; do
	IFS=: read -r seed as_of households <<<"$run"
	size=()
	[ "$households" != default ] && size=(--households "$households")
	d="$T/s$seed-$households"
	if ! "$HUIKAN" demo-data --out "$d/csv" "${size[@]}" --seed "$seed" --as-of "$as_of" >"$T/out" 2>"$T/err"; then
		not_ok "$households households, seed $seed as of $as_of: demo-data failed: $(head -c 300 "$T/err")"
		continue
	fi
	if ! "$HUIKAN" import --quiet --db "$d/registry.sqlite" "$d/csv" >"$T/out" 2>"$T/err"; then
		not_ok "$households households, seed $seed as of $as_of: import failed: $(head -c 300 "$T/err")"
		continue
	fi
	run_hk "$d/findings.jsonl" "$T/err" run audits/poverty --db "$d/registry.sqlite" --as-of "$as_of" --format jsonl -q
	check "$households households, seed $seed as of $as_of: run completes with findings (exit 1)" test "$rc" -eq 1
	check "$households households, seed $seed as of $as_of: no rule failed" test ! -s "$T/err"
	compare "$d/csv/truth.jsonl" "$d/findings.jsonl" >"$d/cmp"
	# Every rule id of the catalogue is injected at least once and matched exactly.
	for id in $(grep -oE '^\| (precision|assignment|funds)\.[a-z-]+' "$ROOT/docs/rules.md" | sed 's/^| //'); do
		line=$(grep "^$id " "$d/cmp")
		case $id in *-cross-county)
			# one county alone has nothing across counties (tests/cli/province.sh)
			check "$households households, seed $seed as of $as_of: $id: nothing in one county" test -z "$line"
			continue ;;
		esac
		if [ -z "$line" ]; then
			not_ok "$households households, seed $seed as of $as_of: $id: neither in truth.jsonl nor found"
			continue
		fi
		set -- $line
		if [ "$2" -gt 0 ] && [ "$4" -eq 0 ] && [ "$5" -eq 0 ]; then
			ok "$households households, seed $seed as of $as_of: $id: recall 1.0, precision 1.0 ($2 injected)"
		else
			not_ok "$households households, seed $seed as of $as_of: $id: $2 injected, $3 found, missed [$6] extra [$7]"
		fi
	done
	# Findings of rules outside the catalogue would be extra too.
	others=$(awk '{print $1}' "$d/cmp" | grep -cvE '^(precision|assignment|funds)\.')
	check "$households households, seed $seed as of $as_of: no findings of other rules" test "$others" -eq 0
done
