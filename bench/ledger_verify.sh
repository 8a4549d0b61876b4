#!/usr/bin/env bash
# bench/ledger_verify.sh HUIKAN - issue 12's benchmark at full size: `ledger
# verify` of a signed ledger with 1,000,000 findings and 10,000 signed step
# commits, and the time a signed step adds to an unsigned one on a ledger of
# that size.
#
#  1. Two ledgers, one signed and one unsigned (`ledger init --unsigned`),
#     each with the same roles and one run of N findings (`ledger record`).
#  2. A signed step against an unsigned one: SAMPLE `huikan assign` processes
#     on each ledger, alternated (signed, unsigned, signed, ...), each timed
#     alone; the means and their difference. The unsigned ledger is then
#     removed (disk).
#  3. S signed step commits on the signed ledger: one `assign` each, signed
#     by its actor's key, alternately two officers (Olga, Oscar). They are
#     made by build/ledger_steps, which runs huikan's own assign command once
#     per step in one process (the same checks, commit, `ssh-keygen -Y sign`,
#     index update and consolidation as `huikan assign`; only the process
#     start is saved).
#  4. `ledger verify --full` of the whole ledger (wall time and peak RSS,
#     /usr/bin/time -v), then one more step and the incremental `ledger
#     verify` (the commits since the last clean verify).
#
#   LEDGER_VERIFY_FINDINGS  findings of the run (default 1,000,000)
#   LEDGER_VERIFY_STEPS     signed step commits (default 10,000)
#   LEDGER_VERIFY_SAMPLE    steps of each kind timed for the signed/unsigned
#                           comparison (default 20)
# Scratch data (about 1.3 GB a ledger at the default size) goes under
# $TMPDIR (default /tmp) and is removed at the end.
set -eu
hk=$(realpath "${1:?usage: bench/ledger_verify.sh HUIKAN}")
steps_tool=$(dirname "$hk")/ledger_steps
N=${LEDGER_VERIFY_FINDINGS:-1000000}
S=${LEDGER_VERIFY_STEPS:-10000}
SAMPLE=${LEDGER_VERIFY_SAMPLE:-20}
if [ ! -x "$steps_tool" ]; then
	echo "skipped: $steps_tool is missing (make build/ledger_steps; make bench builds it)"
	exit 0
fi
[ "$N" -ge $((S + 2 * SAMPLE + 1)) ] || { echo "need LEDGER_VERIFY_FINDINGS > LEDGER_VERIFY_STEPS + 2 * SAMPLE"; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/hk-bench-verify.XXXXXX")
trap 'rm -rf "$T"' EXIT
ANN="Ann Admin <ann@county.gov.cn>"
OLGA="Olga Officer <olga@county.gov.cn>"
OSCAR="Oscar Officer <oscar@county.gov.cn>"
export LC_ALL=C.UTF-8
unset HUIKAN_USER HUIKAN_SIGNING_KEY HUIKAN_LEDGER

now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", 1000 * (b - a) }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# timed FILE CMD...: runs CMD under /usr/bin/time -v into FILE; prints "wall s, peak MiB"
timed() {
	local f=$1
	shift
	/usr/bin/time -v -o "$f" "$@"
}
wall_rss() {
	awk -F': ' '/Elapsed/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
		/Maximum resident/ { r = $2 / 1024 } /User time/ { u = $2 } /System time/ { y = $2 }
		END { printf "%.2f s wall, %.2f s cpu, peak RSS %.0f MiB", s, u + y, r }' "$1"
}
echo "# machine: $(nproc) cores, load $(load) at the start (wall times suffer on a shared machine)"
echo "# $N findings, $S signed step commits, $SAMPLE steps of each kind for the per-step cost; $(ssh -V 2>&1)"

for k in ann olga oscar; do ssh-keygen -q -t ed25519 -N '' -C "$k" -f "$T/$k"; done
awk -v n="$N" 'BEGIN { for (i = 1; i <= n; i++)
	printf "{\"rule\":\"precision.r%d\",\"entity\":\"household:%d\",\"category\":\"precision\",\"severity\":\"high\",\"message\":\"owns a car\",\"evidence\":{\"village_code\":\"4509211%03d%02d\"}}\n", i % 20, i, i % 200, i % 30 }' >"$T/f.jsonl"
rules=$(seq -s, -f 'precision.r%g' 0 19)

# 1. the two ledgers
Ls=$T/signed Lu=$T/unsigned
"$hk" ledger init "$Ls" --office county --admin "$ANN" --key "$T/ann" >/dev/null
"$hk" ledger role add officer "$OLGA" --key "$T/olga.pub" --ledger "$Ls" --signing-key "$T/ann" >/dev/null
"$hk" ledger role add officer "$OSCAR" --key "$T/oscar.pub" --ledger "$Ls" --signing-key "$T/ann" >/dev/null
"$hk" ledger role add unit edu --ledger "$Ls" --signing-key "$T/ann" >/dev/null
timed "$T/rec.time" "$hk" ledger record --findings "$T/f.jsonl" --pack poverty --rules "$rules" --ledger "$Ls" \
	--key "$T/olga" >/dev/null
echo "signed ledger: record $N new findings (signed run commit): $(wall_rss "$T/rec.time"), load $(load)"
"$hk" ledger init --unsigned "$Lu" --office county --admin "$ANN" >/dev/null
"$hk" ledger role add officer "$OLGA" --ledger "$Lu" --as "$ANN" >/dev/null
"$hk" ledger role add officer "$OSCAR" --ledger "$Lu" --as "$ANN" >/dev/null
"$hk" ledger role add unit edu --ledger "$Lu" --as "$ANN" >/dev/null
timed "$T/rec.time" "$hk" ledger record --findings "$T/f.jsonl" --pack poverty --rules "$rules" --ledger "$Lu" \
	--as "$OLGA" >/dev/null
echo "unsigned ledger: record $N new findings: $(wall_rss "$T/rec.time"), load $(load)"
# the findings the steps assign, from the index: the first S for the step
# commits, then one more, then 2 * SAMPLE for the per-step comparison
"$hk" findings --ledger "$Ls" --status open --format tsv | awk 'NR > 1 { print $1 }' |
	head -n $((S + 1 + 2 * SAMPLE)) >"$T/ids"
head -n "$S" "$T/ids" >"$T/ids.steps"
sed -n "$((S + 1))p" "$T/ids" >"$T/id.last"
tail -n $((2 * SAMPLE)) "$T/ids" >"$T/ids.sample"

# 2. a signed step against an unsigned one, alternated, one process each
ts=0 tu=0 i=0
echo "# per step: $SAMPLE huikan assign processes on each ledger, alternated; load $(load)"
while read -r a && read -r b; do
	i=$((i + 1))
	t0=$(now)
	"$hk" assign "$a" --unit edu --due 2099-12-31 --ledger "$Ls" --key "$T/olga" >/dev/null
	t1=$(now)
	"$hk" assign "$b" --unit edu --due 2099-12-31 --ledger "$Lu" --as "$OLGA" >/dev/null
	t2=$(now)
	ts=$(awk -v s="$ts" -v d="$(ms "$t0" "$t1")" 'BEGIN { print s + d }')
	tu=$(awk -v s="$tu" -v d="$(ms "$t1" "$t2")" 'BEGIN { print s + d }')
done <"$T/ids.sample"
awk -v s="$ts" -v u="$tu" -v n="$i" 'BEGIN {
	printf "one step on a %s-finding ledger: signed %.1f ms, unsigned %.1f ms (means of %d, alternated): a signed step adds %.1f ms\n",
		"'"$N"'", s / n, u / n, n, (s - u) / n }'
git --git-dir="$Ls" cat-file commit main >"$T/commit"
t0=$(now)
for _ in $(seq 1 "$SAMPLE"); do ssh-keygen -Y sign -n git -f "$T/olga" <"$T/commit" >/dev/null 2>&1; done
awk -v t="$(ms "$t0" "$(now)")" -v n="$SAMPLE" 'BEGIN { printf "of which ssh-keygen -Y sign alone: %.1f ms a signature\n", t / n }'
rm -rf "$Lu"

# 3. S signed step commits, each signed by its actor (Olga and Oscar in turn)
before=$(git --git-dir="$Ls" rev-list --count main)
echo "# $S signed steps: load $(load)"
timed "$T/steps.time" "$steps_tool" "$Ls" "$T/ids.steps" edu 2099-12-31 "$T/olga" "$T/oscar" 2>"$T/steps.err" ||
	{ cat "$T/steps.err"; exit 1; }
commits=$(git --git-dir="$Ls" rev-list --count main)
echo "$((commits - before)) signed step commits made in $(wall_rss "$T/steps.time") ($(awk -F': ' '/Elapsed/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.1f", 1000 * s / '"$S"' }' "$T/steps.time") ms a step); load $(load)"
"$hk" ledger allowed-signers --ledger "$Ls" >"$T/signers"
for c in main main~1 main~$((S / 2)); do
	git --git-dir="$Ls" -c gpg.ssh.allowedSignersFile="$T/signers" verify-commit "$c" 2>&1 | head -1 |
		sed "s/^/git verify-commit $c: /"
done

# 4. verify: the whole history, then incrementally after one more step
echo "# ledger verify --full: load $(load)"
if timed "$T/vfull.time" "$hk" ledger verify --full --ledger "$Ls" >"$T/vfull.out" 2>"$T/vfull.err"; then
	ok="clean"
else
	ok="NOT clean (exit $?): $(head -3 "$T/vfull.out" "$T/vfull.err" | tr '\n' ' ')"
fi
echo "ledger verify --full of $commits commits ($S signed steps), $N findings: $(wall_rss "$T/vfull.time"), $ok; load $(load)"
sed 's/^/  verify: /' "$T/vfull.err" | head -3
"$hk" assign "$(cat "$T/id.last")" --unit edu --due 2099-12-31 --ledger "$Ls" --key "$T/oscar" >/dev/null
if timed "$T/vinc.time" "$hk" ledger verify --ledger "$Ls" >"$T/vinc.out" 2>"$T/vinc.err"; then
	ok="clean"
else
	ok="NOT clean (exit $?)"
fi
echo "ledger verify after one more step (incremental): $(wall_rss "$T/vinc.time"), $ok; load $(load)"
sed 's/^/  verify: /' "$T/vinc.err" | head -3
echo "# disk: signed ledger $(du -sh "$Ls" | cut -f1)"
