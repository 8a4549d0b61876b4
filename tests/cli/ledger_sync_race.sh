# Two offices syncing at the same moment through a real git server: a
# `git daemon` on 127.0.0.1 (a free port picked now, started and stopped by
# this test) serving a bare remote. In each of ROUNDS rounds both offices add
# an event and then sync at once (both in background): the push of one lands
# between the other's fetch and push, which must make that sync fetch, merge
# and push again, never fail. Afterwards: every sync exited 0, both offices
# reach the same head, every event of both is kept, and both verify clean.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
# libgit2 leaks pcre2 match data in fetch/push: not ours (see the file)
export LSAN_OPTIONS="suppressions=$ROOT/tests/cli/lsan-libgit2.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# LeakSanitizer still checks every process, but matches the suppression by
# module name without starting a symbolizer in each of the ~100 processes
# (which took 2/3 of the run time); rerun without it to read a leak's frames
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}symbolize=0"
ROUNDS=${LEDGER_SYNC_RACE_N:-20}

events() { git --git-dir="$1" ls-tree -r --name-only main | grep -E '/events/|^roles/' | sort; }

DPID=
stop_daemon() {
	if [ -n "$DPID" ]; then
		kill "$DPID" 2>/dev/null
		wait "$DPID" 2>/dev/null
		DPID=
	fi
}
trap 'stop_daemon; rm -rf "$T"' EXIT

# start_daemon BASE: serves BASE on a free port of 127.0.0.1; sets PORT and
# DPID. A port taken meanwhile by someone else makes the daemon exit: try another.
start_daemon() {
	local base=$1 try i
	for try in 1 2 3 4 5 6 7 8 9 10; do
		PORT=$((20000 + RANDOM % 40000))
		if ss -Hltn "sport = :$PORT" 2>/dev/null | grep -q .; then continue; fi
		"$(git --exec-path)/git-daemon" --verbose --reuseaddr --listen=127.0.0.1 --port="$PORT" --export-all \
			--enable=receive-pack --base-path="$base" "$base" >"$T/daemon.log" 2>&1 &
		DPID=$!
		for i in $(seq 1 100); do
			grep -q 'Ready to rumble' "$T/daemon.log" && return 0
			kill -0 "$DPID" 2>/dev/null || break
			sleep 0.05
		done
		stop_daemon
	done
	return 1
}

mkdir -p "$T/srv"
new_ledger "$T/A"
write_findings "$T/f.jsonl" 4
"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --ledger "$T/A" --as "$ADMIN" >/dev/null
git clone -q --bare "$T/A" "$T/srv/remote.git"
git clone -q --bare "$T/A" "$T/B"
git --git-dir="$T/B" config huikan.office town
F1=$(fid precision.vehicle household:H1)

if ! start_daemon "$T/srv"; then
	not_ok "git daemon starts on 127.0.0.1"
	sed 's/^/# /' "$T/daemon.log"
	exit 1
fi
URL="git://127.0.0.1:$PORT/remote.git"
check "git daemon serves the remote at $URL" git ls-remote -q "$URL" main

: >"$T/sync-rc"
start=$SECONDS
for i in $(seq 1 "$ROUNDS"); do
	# each office adds an event (both at once), then both sync at once
	# (plain `wait` would wait for the daemon too: wait for these pids)
	"$HUIKAN" assign "$F1" --unit "$UNIT" --allow-past-due --due "2026-12-$(printf %02d $((i % 28 + 1)))" --ledger "$T/A" \
		--as "$OLGA" >/dev/null &
	pids=($!)
	"$HUIKAN" ledger role add unit "town-unit-$i" --ledger "$T/B" --as "$ADMIN" >/dev/null &
	pids+=($!)
	wait "${pids[@]}"
	{ events "$T/A"; events "$T/B"; } >>"$T/ev-made"
	pids=()
	for o in A B; do
		(timeout 120 "$HUIKAN" ledger sync "$URL" --ledger "$T/$o" --as "$ADMIN" >"$T/out.$o.$i" 2>"$T/err.$o.$i"
		 echo "$o $i $?" >>"$T/sync-rc") &
		pids+=($!)
	done
	wait "${pids[@]}"
done
echo "# $ROUNDS rounds of two racing syncs in $((SECONDS - start)) s;" \
	"$(cat "$T"/out.* | grep -c merged) merges"
bad=$(awk '$3 != 0' "$T/sync-rc")
if [ -z "$bad" ] && [ "$(wc -l <"$T/sync-rc")" -eq $((2 * ROUNDS)) ]; then
	ok "all $((2 * ROUNDS)) racing syncs exit 0"
else
	not_ok "all $((2 * ROUNDS)) racing syncs exit 0"
	echo "$bad" | while read -r o i r; do
		[ -n "$o" ] && echo "# $o round $i exited $r: $(head -c 300 "$T/err.$o.$i")"
	done
fi

# one quiet sync each: both then hold what the remote holds
timeout 120 "$HUIKAN" ledger sync "$URL" --ledger "$T/A" --as "$ADMIN" >/dev/null 2>"$T/err.A.last"
ra=$?
timeout 120 "$HUIKAN" ledger sync "$URL" --ledger "$T/B" --as "$ADMIN" >/dev/null 2>"$T/err.B.last"
rb=$?
check "a quiet sync of each office afterwards exits 0" test "$ra$rb" = 00
ha=$(git --git-dir="$T/A" rev-parse main)
hb=$(git --git-dir="$T/B" rev-parse main)
check "both offices end on the same head" test "$ha" = "$hb"
check "the remote holds that head" test "$(git ls-remote "$URL" refs/heads/main | cut -f1)" = "$ha"
sort -u "$T/ev-made" >"$T/ev-want"
check "every event either office made is kept ($(wc -l <"$T/ev-want") events)" \
	test -z "$(comm -23 "$T/ev-want" <(events "$T/A"))"
n_assign=$(git --git-dir="$T/A" log --format=%s main | grep -c '^assign')
check "every assignment is kept ($n_assign of $ROUNDS)" test "$n_assign" -eq "$ROUNDS"
for i in $(seq 1 "$ROUNDS"); do echo "town-unit-$i"; done | sort >"$T/units-want"
"$HUIKAN" ledger role list --ledger "$T/B" | awk -F'\t' '$1 == "unit" && $2 ~ /-unit-/ { print $2 }' | sort >"$T/units-got"
check "every role event of both offices is kept" cmp -s "$T/units-want" "$T/units-got"
check "both offices hold the same events" cmp -s <(events "$T/A") <(events "$T/B")
for o in A B; do
	if "$HUIKAN" ledger verify --ledger "$T/$o" >"$T/v$o" 2>&1; then
		ok "ledger verify of office $o is clean"
	else
		not_ok "ledger verify of office $o is clean"
		head -n 10 "$T/v$o" | sed 's/^/# /'
	fi
done
check "git fsck --strict of the remote" git --git-dir="$T/srv/remote.git" fsck --strict --no-progress
stop_daemon
check "the daemon is stopped" test -z "$DPID"
