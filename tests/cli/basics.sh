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

# version takes nothing, as every other command refuses what it does not know
run_hk "$T/out" "$T/err" version --foo
check "version --foo: exit 2" test "$rc" -eq 2
check "... naming what it does not take" grep -q "^huikan version: no option or argument is taken here, not '--foo'" "$T/err"

# '-' (standard output) is no directory for a set of files: refused, no ./-
for c in "export --db $T/none.db --out -" "demo-data --out -" "report --csv -"; do
	(H=$(realpath "$HUIKAN") && cd "$T" && "$H" $c >"$T/out" 2>"$T/err")
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q "names a directory for several files: '-' (standard output) cannot hold them" "$T/err" && [ ! -e "$T/-" ]; then
		ok "$c: refused, no directory '-'"
	else
		not_ok "$c: rc $rc, $(head -c 200 "$T/err")"
	fi
done

# a pack that is not found: where it was looked for, and what to do
run_hk "$T/out" "$T/err" rules nosuchpack
check "a pack name not found names the audits/ directory looked in" \
	grep -q "^huikan rules: nosuchpack: no such pack directory or rule file, here or in .*/audits$" "$T/err"
HUIKAN_HOME=$T/nohome "$HUIKAN" rules poverty >/dev/null 2>"$T/err"
check "... and a HUIKAN_HOME without audits/" \
	grep -qF "poverty: no such pack directory or rule file, and HUIKAN_HOME=$T/nohome has no audits/ directory" "$T/err"
(H=$(realpath "$HUIKAN") && cd "$T" && "$H" rules audits/poverty >/dev/null 2>"$T/err")
check "... and a relative path: the current directory, and how to name a pack of huikan" \
	grep -qF "audits/poverty: no such pack directory or rule file under $T (the current directory); a pack that comes with huikan is named alone, e.g. poverty" "$T/err"
