#!/usr/bin/env bash
# bench/ledger_gc.sh HUIKAN - a ledger's object store after 20 runs of about
# 5 % change (N findings a run, default 100,000; LEDGER_GC_BENCH_N) with a step
# after each: loose objects and packs after every run and step (huikan
# consolidates as it goes: host/ledger/ledger_gc.c), the time of the 20 runs,
# the disk used, and `git count-objects -v` at the end. Prints one line a measure.
set -eu
hk=$(realpath "${1:?usage: bench/ledger_gc.sh HUIKAN}")
N=${LEDGER_GC_BENCH_N:-100000}
RUNS=${LEDGER_GC_BENCH_RUNS:-20}
STEP=$((N / 20))
T=$(mktemp -d "${TMPDIR:-/tmp}/hk-bench-gc.XXXXXX")
trap 'rm -rf "$T"' EXIT
ADMIN="Ann Admin <ann@county.gov.cn>"
OLGA="Olga Officer <olga@county.gov.cn>"
export HUIKAN_LEDGER="$T/L" LC_ALL=C.UTF-8

now() { date +%s.%N; }
loose() { find "$1/objects" -path "$1/objects/pack" -prune -o -path "$1/objects/info" -prune -o -type f -print | wc -l; }
packs() { find "$1/objects/pack" -name 'pack-*.idx' | wc -l; }
window() {
	awk -v a="$2" -v n="$N" 'BEGIN { for (i = a; i < a + n; i++)
		printf "{\"rule\":\"precision.r%d\",\"entity\":\"household:%d\",\"category\":\"precision\",\"severity\":\"high\",\"message\":\"a member owns a car of %d yuan\",\"evidence\":{\"village_code\":\"4509211%03d%02d\",\"price\":%d}}\n", i % 20, i, 30000 + i, i % 200, i % 30, 30000 + i }' >"$1"
}
fid() { printf 'F-%s' "$(printf '%s\n%s' "$1" "$2" | sha256sum | cut -c1-12)"; }
rules=$(seq -s, -f 'precision.r%g' 0 19)
"$hk" ledger init --unsigned "$T/L" --office county --admin "$ADMIN" >/dev/null
"$hk" ledger role add officer "$OLGA" --as "$ADMIN" >/dev/null
"$hk" ledger role add unit edu --as "$ADMIN" >/dev/null
echo "# machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs of $N findings, $STEP gone and $STEP new each"
maxl=0 maxp=0
t0=$(now)
for r in $(seq 0 "$RUNS"); do
	window "$T/f.jsonl" $((1 + r * STEP))
	"$hk" ledger record --findings "$T/f.jsonl" --pack poverty --rules "$rules" --as "$ADMIN" >/dev/null
	l=$(loose "$T/L") p=$(packs "$T/L")
	[ "$l" -gt "$maxl" ] && maxl=$l
	[ "$p" -gt "$maxp" ] && maxp=$p
	j=$((r * STEP + N - 1))
	"$hk" assign "$(fid "precision.r$((j % 20))" "household:$j")" --unit edu --due 2030-12-31 --as "$OLGA" >/dev/null
	l=$(loose "$T/L") p=$(packs "$T/L")
	[ "$l" -gt "$maxl" ] && maxl=$l
	[ "$p" -gt "$maxp" ] && maxp=$p
done
t1=$(now)
echo "after $RUNS runs of 5 % change and $((RUNS + 1)) steps: $(loose "$T/L") loose objects, $(packs "$T/L") packs (most at any point: $maxl loose, $maxp packs; goal a few hundred, a few dozen; before consolidation: one pack a run and every step's objects loose)"
echo "time of the $((RUNS + 1)) runs and steps, consolidation included: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s wall"
echo "disk: $(du -sh "$T/L/objects" | cut -f1) objects; git count-objects -v: $(git --git-dir="$T/L" count-objects -v | tr '\n' ' ')"
if git --git-dir="$T/L" fsck --strict --no-progress >/dev/null 2>&1; then echo "git fsck --strict: clean"; else echo "git fsck --strict: NOT clean"; fi
