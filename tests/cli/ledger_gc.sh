# A ledger stays small (issue 17): runs and steps consolidate their objects
# as they go (host/ledger/ledger_gc.c), with no git program involved. 20 runs
# of about 5 % change with a step after each, then runs big enough to write a
# pack each: at most HK_GC_LOOSE_MAX (256) loose objects and a dozen packs at
# every point, `git fsck --strict` clean, and stock git reads every event.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
N=${LEDGER_GC_N:-2100}
STEP=$((N / 20)) # 5 %: as many findings gone as new each run

loose() { find "$1/objects" -path "$1/objects/pack" -prune -o -path "$1/objects/info" -prune -o -type f -print | wc -l; }
packs() { find "$1/objects/pack" -name 'pack-*.idx' | wc -l; }

new_ledger "$T/L"
export HUIKAN_LEDGER="$T/L"
# write_window FILE FROM: findings on households H<FROM>..H<FROM+N-1>
write_window() {
	awk -v a="$2" -v n="$N" 'BEGIN { for (i = a; i < a + n; i++)
		printf "{\"rule\":\"precision.vehicle\",\"entity\":\"household:H%d\",\"category\":\"precision\",\"severity\":\"high\",\"message\":\"owns a car\",\"evidence\":{\"village_code\":\"4509211012%02d\",\"price\":%d}}\n", i, i % 100, 30000 + i }' >"$1"
}
maxloose=0 maxpacks=0 bad=
note() {
	local lo pk
	lo=$(loose "$T/L") pk=$(packs "$T/L")
	[ "$lo" -gt "$maxloose" ] && maxloose=$lo
	[ "$pk" -gt "$maxpacks" ] && maxpacks=$pk
	[ -z "${GC_TRACE:-}" ] || echo "# $lo loose, $pk packs" >&2
}
for r in $(seq 0 20); do
	write_window "$T/f.jsonl" $((1 + r * STEP))
	"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --as "$ADMIN" >/dev/null 2>"$T/err" || bad="run $r: $(cat "$T/err")"
	note
	# a step on a few findings of this run
	ids=
	for k in 1 2 3; do ids="$ids $(fid precision.vehicle "household:H$((r * STEP + N - k))")"; done
	# shellcheck disable=SC2086
	"$HUIKAN" assign $ids --unit "$UNIT" --due 2030-12-31 --as "$OLGA" >/dev/null 2>"$T/err" || bad="assign $r: $(cat "$T/err")"
	note
done
check "20 runs of 5 % change and steps all recorded${bad:+: $bad}" test -z "$bad"
check "at most 256 loose objects after every run and step (max $maxloose)" test "$maxloose" -le 256
check "at most 12 packs after every run and step (max $maxpacks)" test "$maxpacks" -le 12
# big runs: each writes a pack of its own
for r in $(seq 1 13); do
	write_window "$T/f.jsonl" $((100000 * r))
	"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --as "$ADMIN" >/dev/null 2>"$T/err" || bad="big run $r: $(cat "$T/err")"
	note
done
check "13 runs of all new findings recorded${bad:+: $bad}" test -z "$bad"
check "at most 12 packs after runs that each write a pack (max $maxpacks)" test "$maxpacks" -le 12
check "still at most 256 loose objects (max $maxloose)" test "$maxloose" -le 256
check "no lock or temporary file left in objects/pack" \
	test -z "$(find "$T/L/objects/pack" -name 'tmp_*' -o -name '*.lock')"
check "git fsck --strict is clean" git --git-dir="$T/L" fsck --strict --no-progress
events=$(git --git-dir="$T/L" ls-tree -r --name-only main | grep -c '/events/')
read -r count <<<"$(git --git-dir="$T/L" ls-tree -r main | grep '/events/' | awk '{print $3}' |
	git --git-dir="$T/L" cat-file --batch-check | grep -c ' blob ')"
check "stock git reads every event ($count of $events)" test "$count" -eq "$events" -a "$events" -gt 0
check "huikan verifies the consolidated ledger" "$HUIKAN" ledger verify
