#!/usr/bin/env bash
# bench/report.sh HUIKAN - `huikan report` at scale: a ledger of N findings
# (default 100,000; REPORT_BENCH_N) in 17 towns and 391 villages, 2,000 of them
# assigned and overdue. Measures the time (wall, cpu, peak memory) to write the
# HTML dashboard, the XLSX workbook and the CSV files, and the time the HTML
# takes to open and draw its table in headless Chromium (goal < 3 s), with the
# browser test's checks (tests/browser/report_check.mjs). One line per measure.
set -eu
hk=$(realpath "${1:?usage: bench/report.sh HUIKAN}")
root=$(cd "$(dirname "$0")/.." && pwd)
N=${REPORT_BENCH_N:-100000}
T=$(mktemp -d "${TMPDIR:-/tmp}/hk-bench-report.XXXXXX")
trap 'rm -rf "$T"' EXIT
ADMIN="Ann Admin <ann@county.gov.cn>"
export HUIKAN_LEDGER="$T/L" HUIKAN_USER="$ADMIN" LC_ALL=C.UTF-8

now() { date +%s.%N; }
timed() {
	local t0 t1
	t0=$(now)
	/usr/bin/time -f '%M %U %S' -o "$T/time" "$@"
	t1=$(now)
	wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
	read -r rss u s <"$T/time"
	cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
	rss_mb=$((rss / 1024))
}

awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++) { v = sprintf("450922%03d%03d", 100 + i % 17, 200 + int(i / 17) % 23)
	printf "{\"rule\":\"bench.rule-%02d\",\"entity\":\"household:%s%04d\",\"category\":\"%s\",\"severity\":\"medium\",\"message\":\"户 %s%04d 家庭人口与成员登记不符 — bench finding %d\",\"evidence\":{\"village_code\":\"%s\"}}\n", i % 40, v, i % 10000, (i % 3 == 0 ? "funds" : "precision"), v, i % 10000, i, v } }' >"$T/f.jsonl"
"$hk" ledger init --unsigned "$T/L" --office county --admin "$ADMIN" >/dev/null
"$hk" ledger record --findings "$T/f.jsonl" --pack bench >/dev/null
"$hk" ledger role add officer "$ADMIN" >/dev/null
"$hk" ledger role add unit 县教育局 >/dev/null
"$hk" findings | awk 'NR > 1 && NR <= 2001 { print $1 }' >"$T/ids"
xargs "$hk" assign --unit 县教育局 --person 张三 --allow-past-due --due 2020-01-01 <"$T/ids" >/dev/null
"$hk" stats >/dev/null # brings the index up to date outside the timings
echo "# machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $N findings"

timed "$hk" report --html "$T/r.html" -q >/dev/null
echo "report --html: ${wall} s wall, ${cpu} s cpu, ${rss_mb} MB peak, $(($(stat -c %s "$T/r.html") / 1024 / 1024)) MB file"
timed "$hk" report --xlsx "$T/r.xlsx" -q >/dev/null
echo "report --xlsx: ${wall} s wall, ${cpu} s cpu, ${rss_mb} MB peak, $(($(stat -c %s "$T/r.xlsx") / 1024 / 1024)) MB file"
timed "$hk" report --csv "$T/csv" -q >/dev/null
echo "report --csv: ${wall} s wall, ${cpu} s cpu, ${rss_mb} MB peak"

if ! command -v chromium >/dev/null || ! command -v node >/dev/null; then
	echo "open in Chromium: not measured (chromium or node missing)"
	exit 1
fi
cat >"$T/expect.json" <<JSON
{"html": "$T/r.html", "total": $("$hk" stats --format jsonl | head -n 1), "nfindings": $N,
 "charts": ["chart-category", "chart-rule", "chart-town", "chart-unit", "chart-aging", "chart-runs"],
 "filters": [{"overdue": true, "count": $(wc -l <"$T/ids")}, {"q": "$(tail -n 1 "$T/ids")", "count": 1}]}
JSON
node "$root/tests/browser/report_check.mjs" "$T/expect.json" "$T/shot.png" 3000 >"$T/check"
sed -n 's/^# opened in \(.*\) ms.*/open in Chromium (load, parse, first table page): \1 ms (goal < 3000 ms)/p' "$T/check"
grep '^not ok' "$T/check" || echo "browser checks at $N findings: $(grep -c '^ok' "$T/check") passed"
