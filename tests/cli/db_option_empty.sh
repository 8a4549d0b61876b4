# `--db ""` is a usage error on every command that takes --db (issue 9, item
# 15): SQLite opens an empty name as a private temporary db, so an import
# "succeeded" into nothing and run read an empty registry.
. "$(dirname "$0")/lib.bash"

FIX="$ROOT/tests/fixtures/small"
cd "$T" || exit 1
for args in "import $FIX" "export --out $T/x" "run $ROOT/tests/packs/sample" "report --html $T/r.html"; do
	read -r -a a <<<"$args"
	cmd=${a[0]}
	run_hk "$T/out" "$T/err" "$cmd" --db "" "${a[@]:1}"
	if [ "$rc" -eq 2 ] && grep -q -- "huikan $cmd: option --db needs a file name" "$T/err"; then
		ok "$cmd --db '' is a usage error"
	else
		not_ok "$cmd --db '': exit $rc: $(head -c 300 "$T/err")"
	fi
	run_hk "$T/out" "$T/err" "$cmd" --db= "${a[@]:1}"
	[ "$rc" -eq 2 ] && grep -q -- "option --db needs a file name" "$T/err" && ok "$cmd --db= is a usage error" ||
		not_ok "$cmd --db=: exit $rc: $(head -c 300 "$T/err")"
done
[ -z "$(ls "$T" | grep -v '^out$\|^err$')" ] && ok "no file made" || not_ok "files made: $(ls "$T")"
