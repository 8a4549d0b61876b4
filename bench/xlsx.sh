#!/usr/bin/env bash
# bench/xlsx.sh HUIKAN - workbook import speed (issue 13): the ~20,000-household
# demo county as one XLSX workbook (a sheet per table, written by
# libxlsxwriter: tests/excel/gen_xlsx) against the same data as CSV files.
# Runs alternate, best of 3 each; checks that both give the same db.
# Prints both times and the ratio (goal: xlsx <= 3 x csv).
set -eu
hk=$(realpath "${1:?usage: bench/xlsx.sh HUIKAN}")
gen="$(dirname "$hk")/gen_xlsx"
[ -x "$gen" ] || { echo "xlsx: $gen is missing (make build/gen_xlsx)"; exit 1; }
N=${HOUSEHOLDS:-20000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

"$hk" demo-data --out "$T/demo" --households "$N" --seed 1 >/dev/null
"$hk" import --quiet --db "$T/first.db" "$T/demo" >/dev/null
"$hk" export --db "$T/first.db" --out "$T/csv" >/dev/null
tables=$(for f in "$T/csv"/*.csv; do basename "$f" .csv; done)
mkdir "$T/book"
# shellcheck disable=SC2086
"$gen" "$T/book/county.xlsx" "$T/csv" $tables
csv_bytes=$(cat "$T/csv"/*.csv | wc -c)
xlsx_bytes=$(wc -c <"$T/book/county.xlsx")

now() { date +%s.%N; }
best_csv=999999
best_xl=999999
for run in 1 2 3; do
	rm -f "$T/c.db" "$T/x.db"
	t0=$(now)
	"$hk" import --quiet --db "$T/c.db" "$T/csv" >/dev/null
	t1=$(now)
	"$hk" import --quiet --db "$T/x.db" "$T/book" >/dev/null
	t2=$(now)
	best_csv=$(echo "$t1 - $t0" | bc -l | awk -v b="$best_csv" '{print ($1 < b ? $1 : b)}')
	best_xl=$(echo "$t2 - $t1" | bc -l | awk -v b="$best_xl" '{print ($1 < b ? $1 : b)}')
done
same=no
[ "$(sqlite3 "$T/c.db" .dump | sha256sum)" = "$(sqlite3 "$T/x.db" .dump | sha256sum)" ] && same=yes
rows=$(sqlite3 "$T/c.db" "SELECT sum(n) FROM (SELECT count(*) n FROM households UNION ALL SELECT count(*) FROM members UNION ALL SELECT count(*) FROM visits UNION ALL SELECT count(*) FROM payments)")
echo "xlsx: demo county, $N households ($rows rows in households+members+visits+payments); CSV $csv_bytes bytes, XLSX $xlsx_bytes bytes; same db: $same"
awk -v c="$best_csv" -v x="$best_xl" 'BEGIN {
	printf "xlsx: import of the CSV files  %.3f s\n", c
	printf "xlsx: import of the workbook   %.3f s\n", x
	printf "xlsx: ratio xlsx/csv %.2f (goal <= 3)\n", x / c
}'
[ "$same" = yes ]
