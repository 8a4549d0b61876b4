# `ledger init` is all or nothing: a failure at any step leaves no directory
# behind (or the empty directory it was given, still empty), so that the same
# command, corrected, succeeds.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"


# a bad identity
run_hk "$T/out" "$T/err" ledger init --unsigned "$T/L" --office county --admin "no email"
check "a bad admin identity is refused (exit 2)" test "$rc" -eq 2
check "a refused init leaves no directory" test ! -e "$T/L"
check "nor anything beside it" test -z "$(ls -A "$T" | grep -v -e '^out$' -e '^err$')"
run_hk "$T/out" "$T/err" ledger init --unsigned "$T/L" --office county --admin "$ADMIN"
check "the corrected init succeeds" test "$rc" -eq 0
check "and makes a ledger" test "$(git --git-dir="$T/L" log --format=%s main)" = "ledger: founded by office county, admin $ADMIN"

# a failure at the first commit, after the repository files are written
# (an unreadable clock: HUIKAN_NOW of the right length but no time)
HUIKAN_NOW="XXXX-XX-XXTXX:XX:XXZ" run_hk "$T/out" "$T/err" ledger init --unsigned "$T/M" --office county --admin "$ADMIN"
check "a failed first commit fails init" test "$rc" -ne 0
check "a failed first commit leaves no directory" test ! -e "$T/M"
check "nor a temporary one beside it" test -z "$(ls -A "$T" | grep -v -e '^out$' -e '^err$' -e '^L$')"
run_hk "$T/out" "$T/err" ledger init --unsigned "$T/M" --office county --admin "$ADMIN"
check "the retry succeeds" test "$rc" -eq 0

# an empty directory given: still there and empty after a failure, the ledger after success
mkdir "$T/E"
HUIKAN_NOW="XXXX-XX-XXTXX:XX:XXZ" run_hk "$T/out" "$T/err" ledger init --unsigned "$T/E" --office county --admin "$ADMIN"
check "a failed init in an empty directory leaves it" test -d "$T/E"
check "empty" test -z "$(ls -A "$T/E")"
run_hk "$T/out" "$T/err" ledger init --unsigned "$T/E" --office county --admin "$ADMIN"
check "the retry in the empty directory succeeds" test "$rc" -eq 0
check "the empty directory is now the ledger" git --git-dir="$T/E" rev-parse -q --verify main

# missing parents are made, and removed again on failure
HUIKAN_NOW="XXXX-XX-XXTXX:XX:XXZ" run_hk "$T/out" "$T/err" ledger init --unsigned "$T/p/q/R" --office county --admin "$ADMIN"
check "a failed init removes the parents it made" test ! -e "$T/p"
run_hk "$T/out" "$T/err" ledger init --unsigned "$T/p/q/R" --office county --admin "$ADMIN"
check "init makes missing parents" git --git-dir="$T/p/q/R" rev-parse -q --verify main
for d in L M E p/q/R; do
	"$HUIKAN" ledger verify --ledger "$T/$d" >/dev/null 2>&1 || not_ok "ledger $d verifies"
done
ok "every ledger made verifies"
check "no temporary directory is left" test -z "$(find "$T" -name '.*.init-*')"
check "the ledger directory has the mode mkdir gives ($(printf '%o' $((0777 & ~0$(umask)))))" \
	test "$(stat -c %a "$T/L")" = "$(printf '%o' $((0777 & ~0$(umask))))"

# an --admin that is no "Name <email>" is blamed on --admin (not on --as)
run_hk "$T/out" "$T/err" ledger init "$T/na.git" --office county --admin "Li Wei" --unsigned
check "--admin without an email: exit 2" test "$rc" -eq 2
check "... naming --admin and the form" \
	grep -qF "huikan ledger init: --admin 'Li Wei' is not of the form \"Name <email>\", e.g. --admin \"Li Wei <li@county.gov.cn>\"" "$T/err"
check "... and no ledger made" test ! -e "$T/na.git"
