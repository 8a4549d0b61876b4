# Concurrent imports into one db (issue 9, item 13): writers are serialized
# by a lock on the db file, a db is removed only by the import that created it
# and only while nobody else has written to it, and another import's files are
# never touched. Ten rounds of three imports of different tables, started at
# the same moment into a db that does not exist yet, plus one import that
# fails at its last row: every good import exits 0 and its rows are all
# there; the failing one exits 2 with its error and leaves the others' data.
. "$(dirname "$0")/lib.bash"

"$HUIKAN" demo-data --out "$T/csv" --households 300 --seed 3 >/dev/null || { not_ok "demo-data failed"; exit 1; }
mkdir "$T/A" "$T/B" "$T/C" "$T/bad"
mv "$T/csv"/{households,members}.csv "$T/A/"
mv "$T/csv"/{cadres,pairings,visits,plans}.csv "$T/B/"
mv "$T/csv"/*.csv "$T/C/"
# a welfare roster that breaks the contract on its last line, after all the others went in
{ cat "$T/C/welfare.csv"; echo "110101199001011234,dibao,2020-02-30,,"; } >"$T/bad/welfare.csv"
rm "$T/C/welfare.csv"
declare -A want
for set in A B C; do
	for f in "$T/$set"/*.csv; do
		t=$(basename "$f" .csv)
		case $t in provinces | cities | areas | streets | villages) t=regions ;; esac
		want[$t]=$((${want[$t]:-0} + $(wc -l <"$f") - 1))
	done
done

bad=0
for round in $(seq 1 10); do
	db=$T/round$round.sqlite
	for set in A B C bad; do
		"$HUIKAN" import --quiet --db "$db" "$T/$set" >"$T/$set.out" 2>"$T/$set.err" &
		eval "pid_$set=$!"
	done
	for set in A B C bad; do
		eval "wait \$pid_$set"
		eval "rc_$set=$?"
	done
	if [ ! -f "$db" ]; then
		not_ok "round $round: the db is gone (exits: A $rc_A, B $rc_B, C $rc_C, bad $rc_bad)"
		bad=1
		break
	fi
	for set in A B C; do
		eval "rc=\$rc_$set"
		if [ "$rc" -ne 0 ]; then
			not_ok "round $round: import of set $set exited $rc: $(head -c 300 "$T/$set.err")"
			bad=1
			continue
		fi
		for f in "$T/$set"/*.csv; do
			t=$(basename "$f" .csv)
			case $t in provinces | cities | areas | streets | villages) t=regions ;; esac
			n=$(sqlite3 -readonly "$db" "SELECT count(*) FROM $t" 2>&1)
			if [ "$n" != "${want[$t]}" ]; then
				not_ok "round $round: set $set exited 0 but $t has '$n' rows, not ${want[$t]}"
				bad=1
			fi
		done
	done
	if [ "$rc_bad" -ne 2 ] || ! grep -q "welfare.csv:.*no such date" "$T/bad.err"; then
		not_ok "round $round: the bad import: exit $rc_bad, expected 2 and its error: $(head -c 300 "$T/bad.err")"
		bad=1
	fi
	ls "$T" | grep -q "^round$round.sqlite-" && { not_ok "round $round: a journal was left: $(ls "$T" | grep "^round$round")"; bad=1; }
	[ "$bad" -eq 0 ] || break
done
[ "$bad" -eq 0 ] && ok "10 rounds of 3 concurrent imports and a failing one into a new db: no data lost"

# a failing import alone into a new db leaves no db; into an existing db, the db as it was
run_hk "$T/out" "$T/err" import --db "$T/new.sqlite" "$T/bad"
[ "$rc" -eq 2 ] && [ ! -e "$T/new.sqlite" ] && [ -z "$(ls "$T" | grep '^new.sqlite')" ] &&
	ok "a failed import into a new db leaves no file" || not_ok "failed import: rc $rc, left: $(ls "$T" | grep '^new')"
before=$(sqlite3 "$T/round1.sqlite" .dump | sha256sum)
run_hk "$T/out" "$T/err" import --db "$T/round1.sqlite" "$T/bad"
[ "$rc" -eq 2 ] && [ "$(sqlite3 "$T/round1.sqlite" .dump | sha256sum)" = "$before" ] &&
	ok "a failed import into an existing db leaves it as it was" || not_ok "failed import into an existing db: rc $rc"

# a db file that this import did not create is never removed, even when empty
: >"$T/empty.sqlite"
run_hk "$T/out" "$T/err" import --db "$T/empty.sqlite" "$T/bad"
[ "$rc" -eq 2 ] && [ -f "$T/empty.sqlite" ] && ok "an existing empty db file is kept after a failed import" ||
	not_ok "existing empty file: rc $rc, exists: $([ -f "$T/empty.sqlite" ] && echo yes || echo no)"
