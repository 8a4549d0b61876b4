# CLI basics: help, version, unknown commands, exit codes.
. "$(dirname "$0")/lib.bash"

run_hk "$T/out" "$T/err" --version
check "--version prints the version" grep -qE '^huikan [0-9]+\.[0-9]+\.[0-9]+$' "$T/out"

run_hk "$T/out" "$T/err" help
check "help exits 0" test "$rc" -eq 0
check "help lists exit codes" grep -q 'exit codes' "$T/out"

run_hk "$T/out" "$T/err" no-such-command
check "unknown command exits 2" test "$rc" -eq 2
check "unknown command is named" grep -q "'no-such-command' is not a huikan command" "$T/err"

run_hk "$T/out" "$T/err"
check "no command exits 2 with usage" test "$rc" -eq 2

# Every command in the table answers --help with exit 0 and a usage line.
for cmd in $("$HUIKAN" help | awk '/^commands:/{f=1;next} /^$/{f=0} f{print $1}'); do
	run_hk "$T/out" "$T/err" "$cmd" --help
	if [ "$rc" -eq 0 ] && grep -qi 'usage' "$T/out"; then
		ok "$cmd --help"
	else
		not_ok "$cmd --help (exit $rc)"
	fi
done
