# The malformed-input corpus: each tests/malformed/<case>/ holds CSV file(s),
# `expected` (the exact stderr of the import) and optionally `args` (extra
# import options). For each case: import the small fixture, dump the db, import
# the case into the same db, and check exit code 2, stderr == expected and an
# unchanged dump (all or nothing).
#
# To see what a case gives: cd tests/malformed && huikan import --db /tmp/x.db CASE
. "$(dirname "$0")/lib.bash"

db="$T/reg.db"
run_hk "$T/out" "$T/err" import --db "$db" --quiet "$ROOT/tests/fixtures/small"
if [ "$rc" -ne 0 ]; then
	not_ok "malformed: fixture import failed: $(head -3 "$T/err")"
	exit 1
fi
before=$(sqlite3 "$db" .dump | sha256sum)
n=0
cd "$ROOT/tests/malformed" || exit 1
for dir in */; do
	case=${dir%/}
	[ -f "$case/expected" ] || { not_ok "malformed $case: no expected file"; continue; }
	n=$((n + 1))
	args=()
	[ -f "$case/args" ] && read -r -a args <"$case/args"
	"$HUIKAN" import --db "$db" "${args[@]}" "$case" >"$T/out" 2>"$T/err"
	rc=$?
	after=$(sqlite3 "$db" .dump | sha256sum)
	if [ "$rc" -ne 2 ]; then
		not_ok "malformed $case: exit $rc, expected 2"
	elif ! cmp -s "$T/err" "$case/expected"; then
		not_ok "malformed $case: stderr differs: $(diff "$case/expected" "$T/err" | head -5 | tr '\n' ' ')"
	elif [ -s "$T/out" ]; then
		not_ok "malformed $case: printed counts on stdout"
	elif [ "$after" != "$before" ]; then
		not_ok "malformed $case: the db changed"
	else
		ok "malformed $case"
	fi
done
if [ "$n" -ge 30 ]; then ok "malformed corpus has $n cases (>= 30)"; else not_ok "malformed corpus has only $n cases"; fi
