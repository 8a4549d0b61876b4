# Round trip at scale: a 20,000-household demo registry (huikan demo-data) is
# imported, exported with --chinese --encoding gb18030, imported into a second
# db; the two `sqlite3 .dump`s must be identical. Without a working demo-data
# the same check runs on tests/fixtures/small.
. "$(dirname "$0")/lib.bash"

src="$ROOT/tests/fixtures/small"
what="small fixture"
if "$HUIKAN" demo-data --help >/dev/null 2>&1 &&
	"$HUIKAN" demo-data --out "$T/demo" --households 20000 --seed 7 >/dev/null 2>"$T/demo.err"; then
	src="$T/demo"
	what="demo-data 20000 households"
else
	echo "# demo-data not available; round trip on the small fixture"
fi
run_hk "$T/out" "$T/err" import --quiet --db "$T/a.db" "$src"
check "import $what" test "$rc" -eq 0
[ "$rc" -eq 0 ] || sed 's/^/# /' "$T/err" | head -5
check "$what has households" test "$(sqlite3 "$T/a.db" 'SELECT count(*) FROM households')" -gt 0
run_hk "$T/out" "$T/err" export --db "$T/a.db" --out "$T/zh" --chinese --encoding gb18030
check "export --chinese --encoding gb18030 of $what" test "$rc" -eq 0
run_hk "$T/out" "$T/err" import --quiet --db "$T/b.db" "$T/zh"
check "re-import of the GB18030 export" test "$rc" -eq 0
check "$what: import(export --chinese gb18030) .dump identical" \
	test "$(sqlite3 "$T/a.db" .dump | sha256sum)" = "$(sqlite3 "$T/b.db" .dump | sha256sum)"
