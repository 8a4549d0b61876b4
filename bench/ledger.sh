#!/usr/bin/env bash
# bench/ledger.sh HUIKAN - the findings ledger at scale (N findings, default
# 1,000,000): recording a run of N new findings (goal <= 20 s, peak memory
# <= 1 GiB) against `git fast-import` of the same objects writing the same
# kind of pack (no compression, no deltas, no fsync: goal ratio <= 0.5, at
# LEDGER_BENCH_N=200000: at 1M fast-import's path table turns quadratic); re-running it
# unchanged (<= 15 s); `findings --overdue` on a warm index (<= 200 ms);
# `ledger reindex` (<= 60 s). Prints one result line per measure.
set -eu
hk=$(realpath "${1:?usage: bench/ledger.sh HUIKAN}")
N=${LEDGER_BENCH_N:-1000000}
ASSIGN=${LEDGER_BENCH_ASSIGN:-10000}
T=$(mktemp -d "${TMPDIR:-/tmp}/hk-bench-ledger.XXXXXX")
trap 'rm -rf "$T"' EXIT
ADMIN="Ann Admin <ann@county.gov.cn>"
OLGA="Olga Officer <olga@county.gov.cn>"
export HUIKAN_LEDGER="$T/L" LC_ALL=C.UTF-8

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

awk -v n="$N" 'BEGIN { for (i = 1; i <= n; i++)
	printf "{\"rule\":\"precision.r%d\",\"entity\":\"household:%d\",\"category\":\"precision\",\"severity\":\"high\",\"message\":\"a member owns a car of %d yuan\",\"evidence\":{\"village_code\":\"4509211%03d%02d\",\"price\":%d}}\n", i % 20, i, 30000 + i, i % 200, i % 30, 30000 + i }' >"$T/f.jsonl"
rules=$(seq -s, -f 'precision.r%g' 0 19)
"$hk" ledger init --unsigned "$T/L" --office county --admin "$ADMIN" >/dev/null
"$hk" ledger role add officer "$OLGA" --as "$ADMIN" >/dev/null
"$hk" ledger role add unit edu --as "$ADMIN" >/dev/null

# timed CMD...: runs CMD, sets $wall (s), $cpu (user+sys s) and $rss_mb (peak).
timed() {
	local t0 t1
	t0=$(now)
	/usr/bin/time -f '%M %U %S' -o "$T/time" "$@"
	t1=$(now)
	wall=$(secs "$t0" "$t1")
	read -r rss u s <"$T/time"
	cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
	rss_mb=$((rss / 1024))
}
echo "# machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (wall times suffer on a shared machine; cpu = user+sys)"

timed "$hk" ledger record --findings "$T/f.jsonl" --pack poverty --rules "$rules" --as "$ADMIN" >"$T/out"
rec=$wall
echo "ledger record: $N new findings in $wall s wall, $cpu s cpu, peak RSS $rss_mb MiB (goal <= 20 s, <= 1024 MiB)"

# git fast-import of the same objects: the ledger's history as a stream,
# written as huikan writes its pack (stored, no deltas, no fsync)
git --git-dir="$T/L" fast-export --reencode=no main >"$T/stream" 2>/dev/null
git init -q --bare "$T/fi.git"
timed git -c pack.compression=0 -c core.fsync=none --git-dir="$T/fi.git" fast-import --quiet --depth=0 <"$T/stream"
fi=$wall
same=$(test "$(git --git-dir="$T/fi.git" rev-parse 'main^{tree}')" = "$(git --git-dir="$T/L" rev-parse 'main^{tree}')" && echo "same tree" || echo "DIFFERENT tree")
echo "git fast-import of the same objects: $fi s wall, $cpu s cpu, peak RSS $rss_mb MiB ($same); huikan/fast-import = $(awk -v a="$rec" -v b="$fi" 'BEGIN { printf "%.2f", a / b }') (wall; goal <= 0.5 at 200,000)"

timed "$hk" ledger record --findings "$T/f.jsonl" --pack poverty --rules "$rules" --as "$ADMIN" >"$T/out"
echo "ledger record unchanged: $wall s wall, $cpu s cpu, peak RSS $rss_mb MiB (goal <= 15 s): $(sed 's/.*: //' "$T/out")"

# some findings assigned past due, in one step
awk -v n="$N" -v k="$ASSIGN" 'BEGIN { for (i = 1; i <= k; i++) { j = int((i - 1) * n / k) + 1; printf "precision.r%d\nhousehold:%d\n", j % 20, j } }' |
	while read -r rule && read -r entity; do printf 'F-%s\n' "$(printf '%s\n%s' "$rule" "$entity" | sha256sum | cut -c1-12)"; done >"$T/ids"
xargs -a "$T/ids" -n 5000 "$hk" assign --unit edu --allow-past-due --due 2026-01-31 --as "$OLGA" >/dev/null
"$hk" findings --overdue --as-of 2026-06-01 >/dev/null # warms the index
best=
for i in 1 2 3; do
	t0=$(now)
	rows=$("$hk" findings --overdue --as-of 2026-06-01 | tail -n +2 | wc -l)
	t1=$(now)
	s=$(secs "$t0" "$t1")
	best=$(awk -v a="${best:-999}" -v b="$s" 'BEGIN { print (b < a) ? b : a }')
done
echo "findings --overdue over $N findings: $rows rows in $(awk -v s="$best" 'BEGIN { printf "%.0f", s * 1000 }') ms (best of 3, goal <= 200 ms)"

timed "$hk" ledger reindex >"$T/out"
echo "ledger reindex: $wall s wall, $cpu s cpu (goal <= 60 s): $(cat "$T/out")"
