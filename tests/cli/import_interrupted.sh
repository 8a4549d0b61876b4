#!/usr/bin/env bash
# An import stopped half-way (SIGTERM from a scheduler, SIGHUP from a closed
# terminal) leaves nothing behind: not the db file it created, not the fresh
# file it was loading, not a part file of its other processes, not the
# processes themselves; and it dies of the signal. A db that was there before stays as it was. (SIGINT, Ctrl-C,
# is handled the same way; a background job of a script has it ignored.)
. "$(dirname "$0")/lib.bash"

src="$T/reg"
if ! "$HUIKAN" demo-data --out "$src" --households 20000 --seed 5 >/dev/null 2>"$T/demo.err"; then
	not_ok "demo-data: $(head -3 "$T/demo.err")"
	exit 0
fi

# interrupt SIG DIR ARGS...: starts `huikan import --db DIR/r.db ARGS`, waits
# until its fresh file exists, sends SIG; sets $st (the exit status) and
# $seen (1 when the fresh file was seen before the signal).
interrupt() {
	local sig=$1 dir=$2
	shift 2
	mkdir -p "$dir"
	"$HUIKAN" import -q --db "$dir/r.db" "$@" >/dev/null 2>"$dir.err" &
	local pid=$! i
	seen=0
	for i in $(seq 400); do
		if ls "$dir" | grep -q -- '\.tmp-'; then
			seen=1
			break
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.01
	done
	sleep 0.05
	workers=$(pgrep -P "$pid" | tr '\n' ' ')
	kill -"$sig" "$pid" 2>/dev/null
	wait "$pid"
	st=$?
}

# gone PID...: each process has ended (no such process, or a zombie) within
# 0.2 s (a worker left alone would go on loading for seconds under ASan)
gone() {
	local p i s
	for p in "$@"; do
		for i in $(seq 20); do
			s=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -c1)
			[ -z "$s" ] || [ "$s" = Z ] || [ "$s" = X ] && break
			sleep 0.01
		done
		[ -z "$s" ] || [ "$s" = Z ] || [ "$s" = X ] || return 1
	done
}

for sig in TERM HUP; do
	for j in 1 2; do
		interrupt "$sig" "$T/$sig$j" -j "$j" "$src"
		if [ "$seen" = 1 ] && [ "$st" -ge 128 ]; then
			check "import -j $j stopped by SIG$sig: dies of the signal" test "$st" -eq $((128 + $(kill -l "$sig")))
			check "import -j $j stopped by SIG$sig: nothing left (db, fresh file, part files)" \
				test -z "$(ls -A "$T/$sig$j")"
			ls -A "$T/$sig$j" | sed 's/^/# left: /'
			[ "$j" = 2 ] && check "import -j 2 stopped by SIG$sig: its other process ends too (${workers:-none seen})" gone $workers
		else
			# the import finished before the signal (a fast machine): it must be whole
			check "import -j $j finished before SIG$sig: a whole db" \
				test "$(sqlite3 "$T/$sig$j/r.db" 'SELECT count(*) FROM households')" -eq 20000
			echo "# SIG$sig came after the import had finished (status $st, seen $seen)"
		fi
	done
done

# a db that was there: the interrupted import adds nothing, removes nothing
mkdir -p "$T/old"
"$HUIKAN" import -q --db "$T/old/r.db" "$ROOT/tests/fixtures/small" >/dev/null 2>&1
before=$(sqlite3 "$T/old/r.db" .dump | sha256sum)
"$HUIKAN" import -q --db "$T/old/r.db" "$src/members.csv" >/dev/null 2>"$T/old.err" &
pid=$!
sleep 0.3
kill -TERM "$pid" 2>/dev/null
wait "$pid"
check "interrupted import into an existing db: the db is still there" test -s "$T/old/r.db"
check "interrupted import into an existing db: unchanged or whole" \
	bash -c "[ \"\$(sqlite3 '$T/old/r.db' .dump | sha256sum)\" = '$before' ] || [ \"\$(sqlite3 '$T/old/r.db' 'SELECT count(*) FROM members')\" -gt 7 ]"
