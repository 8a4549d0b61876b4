# A ledger that cannot be written (a read-only share, a backup mounted
# read-only) can still be read: findings, stats, show and report keep their
# index in the user's cache ($XDG_CACHE_HOME/huikan, else ~/.cache/huikan,
# else in memory) instead of failing with "creating the schema: unable to
# open database file" (exit 3). A ledger of another account is refused with
# a message that says so and how to trust it (git's safe.directory).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"

export HUIKAN_USER=$ADMIN
new_ledger "$T/l.git" && write_findings "$T/f.jsonl" 3 &&
	"$HUIKAN" ledger record --ledger "$T/l.git" --findings "$T/f.jsonl" --pack poverty --as-of 2021-03-01 >/dev/null ||
	{ not_ok "ledger_readonly: setup failed"; exit 1; }
"$HUIKAN" findings --ledger "$T/l.git" --format csv >"$T/want.csv"
rm -f "$T/l.git/huikan-index.sqlite"*
F1=$(fid precision.vehicle household:H1)
mkdir -p "$T/ro" "$T/home" "$T/xdg"

if unshare -rm true 2>/dev/null; then
	# inside a user and mount namespace: $T/ro is the ledger, mounted read-only
	cat >"$T/in.sh" <<SH
mount --bind "$T/l.git" "$T/ro" && mount -o remount,bind,ro "$T/ro" || exit 9
touch "$T/ro/x" 2>/dev/null && exit 8
HOME=$T/home "$HUIKAN" findings --ledger "$T/ro" --format csv >"$T/home.csv" 2>"$T/home.err"; echo "findings \$?"
HOME=/nonexistent XDG_CACHE_HOME= "$HUIKAN" findings --ledger "$T/ro" --format csv >"$T/mem.csv" 2>"$T/mem.err"; echo "memory \$?"
XDG_CACHE_HOME=$T/xdg "$HUIKAN" stats --ledger "$T/ro" >"$T/stats" 2>&1; echo "stats \$?"
XDG_CACHE_HOME=$T/xdg "$HUIKAN" show "$F1" --ledger "$T/ro" >"$T/show" 2>&1; echo "show \$?"
XDG_CACHE_HOME=$T/xdg "$HUIKAN" report --ledger "$T/ro" --html "$T/r.html" >/dev/null 2>&1; echo "report \$?"
SH
	unshare -rm sh "$T/in.sh" >"$T/rcs" 2>&1
	check "the ledger is mounted read-only for the test" grep -q "^findings " "$T/rcs"
	check "findings on a read-only ledger: exit 0" grep -qx "findings 0" "$T/rcs"
	check "... the same findings as from the writable ledger" cmp -s "$T/want.csv" "$T/home.csv"
	check "... its index in ~/.cache/huikan" test -n "$(ls "$T/home/.cache/huikan/" | grep '^index-.*\.sqlite$')"
	check "with no home for a cache, the index in memory: exit 0" grep -qx "memory 0" "$T/rcs"
	check "... the same findings" cmp -s "$T/want.csv" "$T/mem.csv"
	check "stats, show and report read it too (index in \$XDG_CACHE_HOME/huikan)" \
		sh -c "grep -qx 'stats 0' '$T/rcs' && grep -qx 'show 0' '$T/rcs' && grep -qx 'report 0' '$T/rcs' && ls '$T/xdg/huikan' | grep -q '^index-'"
	check "... and nothing was written into the ledger" test ! -e "$T/l.git/huikan-index.sqlite"
else
	ok "# SKIP no user namespace here to mount the ledger read-only"
fi

chmod 755 "$T"
if [ "$(id -u)" -eq 0 ] && runuser -u nobody -- test -x "$HUIKAN" -a -r "$T/l.git/HEAD" 2>/dev/null; then
	runuser -u nobody -- env HOME=/nonexistent "$HUIKAN" findings --ledger "$T/l.git" >/dev/null 2>"$T/err"
	rc=$?
	check "a ledger of another account: exit 2" test "$rc" -eq 2
	check "... says whose it is and how to trust it" \
		grep -qF "cannot open ledger $T/l.git: it belongs to another account (uid 0), and git reads such a repository only when trusted: if you trust it, run git config --global --add safe.directory '$T/l.git'" "$T/err"
else
	ok "# SKIP not root, no runuser, or the binary or ledger out of reach of nobody: no other account to try"
fi
