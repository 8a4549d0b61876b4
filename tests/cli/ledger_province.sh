# County -> city -> province through a git server (issue 17): a `git daemon`
# on 127.0.0.1 (a free port, started and stopped here) serves the city's
# ledger; three county offices (each its own ledger, cloned from the city's)
# record their own runs and rectification steps and `huikan ledger sync`
# with it, all at once with the city hub syncing too, for ROUNDS rounds.
# Afterwards every office and the hub hold the same events, everything
# verifies, and `stats` on the hub gives every county's, town's and unit's
# figures, equal to each county's own.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
export LSAN_OPTIONS="suppressions=$ROOT/tests/cli/lsan-libgit2.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}symbolize=0"
ROUNDS=${LEDGER_PROVINCE_ROUNDS:-3}
COUNTIES="450921 450922 450923"
N=40 # findings a county

DPID=
stop_daemon() {
	if [ -n "$DPID" ]; then
		kill "$DPID" 2>/dev/null
		wait "$DPID" 2>/dev/null
		DPID=
	fi
}
trap 'stop_daemon; rm -rf "$T"' EXIT
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
# county_findings FILE COUNTY ROUND: the county's findings in round ROUND:
# households 1..N less the first ROUND-1 (fixed meanwhile), in two towns
county_findings() {
	awk -v c="$2" -v r="$3" -v n="$N" 'BEGIN { for (i = r; i <= n; i++)
		printf "{\"rule\":\"precision.vehicle\",\"entity\":\"household:%s-%d\",\"category\":\"precision\",\"severity\":\"high\",\"message\":\"owns a car\",\"evidence\":{\"village_code\":\"%s10%d2%02d\",\"price\":%d}}\n", c, i, c, 1 + i % 2, i % 50, 30000 + i }' >"$1"
}
events() { git --git-dir="$1" ls-tree -r --name-only main | grep -E '/events/|^roles/' | sort; }

mkdir -p "$T/srv"
new_ledger "$T/city"
git --git-dir="$T/city" config huikan.office city
git clone -q --bare "$T/city" "$T/srv/city.git"
for c in $COUNTIES; do
	git clone -q --bare "$T/city" "$T/c$c"
	git --git-dir="$T/c$c" config huikan.office "county-$c"
done
if ! start_daemon "$T/srv"; then
	not_ok "git daemon starts on 127.0.0.1"
	sed 's/^/# /' "$T/daemon.log"
	exit 1
fi
URL="git://127.0.0.1:$PORT/city.git"
check "git daemon serves the city's ledger at $URL" test -n "$(git ls-remote -q "$URL" main)"

: >"$T/rc"
start=$SECONDS
for r in $(seq 1 "$ROUNDS"); do
	pids=()
	for c in $COUNTIES; do
		(
			county_findings "$T/f$c.jsonl" "$c" "$r"
			"$HUIKAN" ledger record --findings "$T/f$c.jsonl" --pack poverty --ledger "$T/c$c" --as "$ADMIN" \
				>/dev/null 2>"$T/err.rec.$c.$r"
			echo "record $c $r $?" >>"$T/rc"
			# the county assigns one more finding each round (F of household r+10)
			"$HUIKAN" assign "$(fid precision.vehicle "household:$c-$((r + 10))")" --unit "$UNIT" --due 2030-06-30 \
				--ledger "$T/c$c" --as "$OLGA" >/dev/null 2>"$T/err.step.$c.$r"
			echo "assign $c $r $?" >>"$T/rc"
			timeout 120 "$HUIKAN" ledger sync "$URL" --ledger "$T/c$c" --as "$ADMIN" >/dev/null 2>"$T/err.sync.$c.$r"
			echo "sync $c $r $?" >>"$T/rc"
		) &
		pids+=($!)
	done
	(timeout 120 "$HUIKAN" ledger sync "$URL" --ledger "$T/city" --as "$ADMIN" >/dev/null 2>"$T/err.sync.city.$r"
	 echo "sync city $r $?" >>"$T/rc") &
	pids+=($!)
	wait "${pids[@]}"
done
echo "# $ROUNDS rounds of three counties and the city at once in $((SECONDS - start)) s"
bad=$(awk '$4 != 0' "$T/rc")
if [ -z "$bad" ] && [ "$(wc -l <"$T/rc")" -eq $((10 * ROUNDS)) ]; then
	ok "every record, step and sync of the counties and the city exits 0 ($((10 * ROUNDS)))"
else
	not_ok "every record, step and sync exits 0"
	echo "$bad" | while read -r what o i rc; do
		[ -n "$o" ] && echo "# $what $o round $i exited $rc: $(head -c 300 "$T/err.$what.$o.$i" 2>/dev/null)"
	done
fi
# quiet syncs: the counties, then the hub, then the counties again
for o in $COUNTIES city $COUNTIES; do
	d=$T/c$o
	[ "$o" = city ] && d=$T/city
	timeout 120 "$HUIKAN" ledger sync "$URL" --ledger "$d" --as "$ADMIN" >/dev/null 2>"$T/err.last.$o" || echo "$o" >>"$T/last-bad"
done
check "quiet syncs of every office afterwards exit 0" test ! -s "$T/last-bad"
hc=$(git --git-dir="$T/city" rev-parse main)
same=1
for c in $COUNTIES; do [ "$(git --git-dir="$T/c$c" rev-parse main)" = "$hc" ] || same=0; done
check "the counties and the city end on the same head" test "$same" -eq 1
check "the server holds that head" test "$(git ls-remote "$URL" refs/heads/main | cut -f1)" = "$hc"
for c in $COUNTIES; do
	check "the city holds every event of county $c" test -z "$(comm -23 <(events "$T/c$c") <(events "$T/city"))"
done

# the hub's figures by county, town and unit
"$HUIKAN" stats --ledger "$T/city" --as-of 2030-01-01 >"$T/stats"
for c in $COUNTIES; do
	got=$(awk -F'\t' -v c="$c" '$1 == "county" && $2 == c { print $3 "/" $4 "/" $10 }' "$T/stats")
	check "stats on the hub: county $c has $N findings, all open, $((ROUNDS - 1)) ready to close ($got)" \
		test "$got" = "$N/$N/$((ROUNDS - 1))"
	for t in 1 2; do
		want=$(awk -F'\t' -v t="${c}10$t" '$1 == "town" && $2 == t { print $3 }' "$T/stats")
		check "stats on the hub: town ${c}10$t is listed ($want findings)" test "${want:-0}" -gt 0
	done
done
towns=$(awk -F'\t' '$1 == "town" && $2 != "-" { s += $3 } END { print s }' "$T/stats")
check "the towns of the hub add up to every finding ($towns)" test "$towns" -eq $((3 * N))
unit=$(awk -F'\t' -v u="$UNIT" '$1 == "unit" && $2 == u { print $3 }' "$T/stats")
check "stats on the hub: the unit holds every county's assignments ($unit)" test "$unit" -eq $((3 * ROUNDS))
for c in $COUNTIES; do
	mine=$("$HUIKAN" stats --ledger "$T/c$c" --as-of 2030-01-01 | awk -F'\t' -v c="$c" '$1 == "county" && $2 == c')
	check "county $c's own stats equal the hub's row" test "$mine" = "$(awk -F'\t' -v c="$c" '$1 == "county" && $2 == c' "$T/stats")"
done
for o in city $COUNTIES; do
	d=$T/c$o
	[ "$o" = city ] && d=$T/city
	if "$HUIKAN" ledger verify --full --ledger "$d" >"$T/v$o" 2>&1; then ok "ledger verify --full of $o is clean"; else
		not_ok "ledger verify --full of $o is clean"
		head -n 5 "$T/v$o" | sed 's/^/# /'
	fi
done
check "git fsck --strict of the server's ledger" git --git-dir="$T/srv/city.git" fsck --strict --no-progress
stop_daemon
check "the daemon is stopped" test -z "$DPID"
