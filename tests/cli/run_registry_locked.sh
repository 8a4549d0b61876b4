#!/usr/bin/env bash
# The registry under a run: `huikan run` maps the db file shared and its
# rules read its pages in place (no copy), so it holds a reader's lock on
# the file for the whole run, as SQLite's own readers do. A SQLite writer
# (the sqlite3 shell here; an import into the same db likewise) cannot
# change the file under the rules: it gets "database is locked" while the
# run lasts, the db stays byte-identical, and the write goes through after
# the run. A run started while a writer is committing waits for it.
. "$(dirname "$0")/lib.bash"

DB=$T/r.db
"$HUIKAN" import --db "$DB" "$ROOT/tests/fixtures/small" >/dev/null 2>&1 || not_ok "the fixture does not import"
command -v sqlite3 >/dev/null || { not_ok "no sqlite3 shell"; exit 0; }

# a pack whose one rule reads the registry, then spins until the 3 s budget
mkdir -p "$T/pack/rules"
cat >"$T/pack/pack.lua" <<'EOF'
return { name = "slow", version = "1", description = "a rule that takes its whole budget" }
EOF
cat >"$T/pack/rules/slow.lua" <<'EOF'
return {
	id = "slow.spin", title = "spins", category = "slow", severity = "info", entity = "household",
	check = function(ctx, params)
		local n = ctx:one("SELECT count(*) AS n FROM households").n
		while n > 0 do end
	end,
}
EOF
before=$(cksum <"$DB")
"$HUIKAN" run "$T/pack" --db "$DB" --as-of 2020-06-30 --timeout 3 --max-instructions 1e15 -j 1 -q \
	--format jsonl -o "$T/out.jsonl" 2>"$T/run.err" &
pid=$!
# the rule's child exists once the parent has opened, mapped and locked the db
for _ in $(seq 200); do
	pgrep -P "$pid" >/dev/null && break
	sleep 0.05
done
pgrep -P "$pid" >/dev/null || not_ok "the run started no child"
sqlite3 "$DB" "CREATE TABLE written_during_run(x)" >"$T/w.out" 2>"$T/w.err"
wrc=$?
during=$(cksum <"$DB")
wait "$pid"
if [ "$wrc" -ne 0 ] && grep -q "database is locked" "$T/w.err" && [ "$during" = "$before" ]; then
	ok "a SQLite write to the registry during a run is refused (database is locked); the file is unchanged"
else
	not_ok "a write during the run: rc=$wrc $(head -c 300 "$T/w.err"); unchanged: $([ "$during" = "$before" ] && echo yes || echo no)"
fi
grep -q "slow.spin" "$T/run.err" && grep -q "time budget" "$T/run.err" &&
	ok "the run went on to the rule's time budget" || not_ok "the run: $(head -c 300 "$T/run.err")"
sqlite3 "$DB" "CREATE TABLE written_after_run(x)" 2>"$T/w.err" &&
	ok "after the run the lock is gone: the write goes through" || not_ok "a write after the run: $(cat "$T/w.err")"

# a run started while a writer holds the db (EXCLUSIVE, 1.5 s) waits for it
{ echo "BEGIN EXCLUSIVE; CREATE TABLE held(x);"; sleep 1.5; echo "COMMIT;"; } | sqlite3 "$DB" &
wpid=$!
sleep 0.5
"$HUIKAN" run "$ROOT/tests/packs/sample" --db "$DB" --as-of 2020-06-30 -q --format jsonl -o "$T/s.jsonl" 2>"$T/s.err"
src=$?
wait "$wpid"
if [ "$src" -le 1 ] && [ -s "$T/s.jsonl" ] && ! grep -q "locked\|busy" "$T/s.err"; then
	ok "a run started while a writer commits waits for it and then reads the db"
else
	not_ok "a run during a write: rc=$src $(head -c 300 "$T/s.err")"
fi
