# huikan export: files in the import format, round trip import(export(db)) == db
# in English/UTF-8 and Chinese/GB18030, and its errors.
. "$(dirname "$0")/lib.bash"

FIX="$ROOT/tests/fixtures/small"
run_hk "$T/out" "$T/err" import --quiet --db "$T/a.db" "$FIX"
run_hk "$T/out" "$T/err" export --db "$T/a.db" --out "$T/en"
check "export exits 0" test "$rc" -eq 0
check "export prints households<TAB>4" grep -qx "$(printf 'households\t4')" "$T/out"
check "export writes 18 files" test "$(ls "$T/en"/*.csv | wc -l)" -eq 18
check "money back in yuan, minimal decimals" grep -q '^H001,450921102201,450921198003151234,3,exited,general,2015,2019,illness,5200.5,12000,' "$T/en/households.csv"
check "a comma in a value is quoted" grep -q '"梁, 阿婆"' "$T/en/members.csv"
run_hk "$T/out" "$T/err" import --quiet --db "$T/b.db" "$T/en"
check "import(export(db)) == db" test "$(sqlite3 "$T/a.db" .dump | sha256sum)" = "$(sqlite3 "$T/b.db" .dump | sha256sum)"
check "export of the re-import is byte-identical" sh -c "'$HUIKAN' export --db '$T/b.db' --out '$T/en2' >/dev/null && diff -r '$T/en' '$T/en2'"

run_hk "$T/out" "$T/err" export --db "$T/a.db" --out "$T/zh" --chinese --encoding gb18030
check "export --chinese --encoding gb18030 exits 0" test "$rc" -eq 0
check "Chinese header in GB18030" sh -c "iconv -f GB18030 -t UTF-8 '$T/zh/households.csv' | head -1 | grep -q '^户编号,村代码,'"
check "Chinese terms and 是/否" sh -c "iconv -f GB18030 -t UTF-8 '$T/zh/households.csv' | grep -q ',已脱贫,一般贫困户,.*,是$'"
run_hk "$T/out" "$T/err" import --quiet --db "$T/c.db" "$T/zh"
check "import(export --chinese gb18030) == db" test "$(sqlite3 "$T/a.db" .dump | sha256sum)" = "$(sqlite3 "$T/c.db" .dump | sha256sum)"

run_hk "$T/out" "$T/err" export --db "$T/none.db" --out "$T/x"
check "missing db exits 2" test "$rc" -eq 2
check "missing db is named" grep -q "no db file '$T/none.db'" "$T/err"
check "missing db is not created" test ! -e "$T/none.db"
run_hk "$T/out" "$T/err" export --db "$T/a.db"
check "no --out is a usage error" test "$rc" -eq 2
run_hk "$T/out" "$T/err" export --db "$T/a.db" --out "$T/x" --encoding auto
check "--encoding auto is refused for export" test "$rc" -eq 2
touch "$T/file"
run_hk "$T/out" "$T/err" export --db "$T/a.db" --out "$T/file"
check "--out on a file exits 2" test "$rc" -eq 2
