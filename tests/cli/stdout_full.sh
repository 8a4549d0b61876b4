# A command whose standard output cannot be written (a full disk: /dev/full)
# says so and exits 3, instead of exit 0 with the output lost (`huikan
# ledger allowed-signers >signers` on a full disk left an empty file and
# reported success). A reader that stops early (`| head`) is no error.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"

if ! [ -c /dev/full ]; then
	not_ok "no /dev/full on this machine: the test cannot run"
	exit 0
fi
export HUIKAN_LEDGER=$T/l.git HUIKAN_USER=$ADMIN
"$HUIKAN" import --quiet --db "$T/r.db" "$ROOT/tests/fixtures/small" >/dev/null &&
	new_ledger "$HUIKAN_LEDGER" && write_findings "$T/f.jsonl" 3 &&
	"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --as-of 2021-03-01 >/dev/null ||
	{ not_ok "stdout_full: setup failed"; exit 1; }

# full CMD...: runs huikan with stdout on /dev/full; checks exit 3 and the message
full() {
	local name=$1
	"$HUIKAN" "$@" >/dev/full 2>"$T/err"
	rc=$?
	if [ "$rc" -eq 3 ] && grep -q "^huikan $name: cannot write to standard output" "$T/err"; then
		ok "$* >/dev/full: exit 3, says so"
	else
		not_ok "$* >/dev/full: rc $rc, stderr: $(head -c 300 "$T/err")"
	fi
}
full version
full help
full schema households
full rules "$ROOT/audits/poverty"
full sql --db "$T/r.db" "SELECT id FROM households"
full findings
full stats
full show "$(fid precision.vehicle household:H1)"
full ledger role list

"$HUIKAN" run "$ROOT/tests/packs/sample" --db "$T/r.db" --format jsonl -o - >/dev/full 2>"$T/err"
rc=$?
check "run -o - >/dev/full: exit 3" test "$rc" -eq 3
check "... one message, the run's own" test "$(grep -c . "$T/err")" -eq 1

out=$("$HUIKAN" help | head -1)
check "help | head -1: the first line, no error" test "$out" = "usage: huikan [--lang zh|en] [--version] [--help] COMMAND [ARGS]"
"$HUIKAN" schema >/dev/null 2>"$T/err"
check "a written stdout: exit 0, nothing on stderr" test "$?" -eq 0 -a ! -s "$T/err"
