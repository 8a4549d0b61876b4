#!/usr/bin/env bash
# huikan started with standard input, output or error closed (a cron job, a
# service manager, `cmd <&- >&-`) runs as with them open: the descriptors are
# put on /dev/null first. Before, the report pipe of a rule's process took
# descriptor 0 or 1, the child put /dev/null over it, and the run failed with
# "sent malformed output".
. "$(dirname "$0")/lib.bash"

PACK=$ROOT/tests/packs/sample
DB=$T/r.db
"$HUIKAN" import --db "$DB" "$ROOT/tests/fixtures/small" >/dev/null 2>&1 || not_ok "tests/fixtures/small does not import"
"$HUIKAN" run "$PACK" --db "$DB" --as-of 2020-06-30 --format jsonl -o "$T/open.jsonl" 2>/dev/null

"$HUIKAN" run "$PACK" --db "$DB" --as-of 2020-06-30 --format jsonl -o "$T/closed.jsonl" <&- >&- 2>"$T/err"
rc=$?
[ "$rc" -eq 1 ] && [ -s "$T/open.jsonl" ] && cmp -s "$T/open.jsonl" "$T/closed.jsonl" &&
	ok "stdin and stdout closed: the same findings, exit 1" ||
	not_ok "stdin and stdout closed: rc=$rc $(head -c 300 "$T/err")"

"$HUIKAN" run "$PACK" --db "$DB" --as-of 2020-06-30 --format jsonl <&- 2>&- >"$T/out"
rc=$?
[ "$rc" -eq 1 ] && cmp -s "$T/open.jsonl" "$T/out" && ok "stdin and stderr closed: findings on stdout" ||
	not_ok "stdin and stderr closed: rc=$rc"

# nothing written to a file opened on a freed standard descriptor
"$HUIKAN" import --db "$T/r2.db" "$ROOT/tests/fixtures/small" <&- >&- 2>&-
rc=$?
[ "$rc" -eq 0 ] && [ "$(sqlite3 "$T/r2.db" 'SELECT count(*) FROM households')" = "$(sqlite3 "$DB" 'SELECT count(*) FROM households')" ] &&
	ok "import with all three closed" || not_ok "import with all three closed: rc=$rc"
