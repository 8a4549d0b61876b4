# An import that finds no table is an error (issue 9, item 5): a directory
# holding only a WPS workbook (or nothing, or no <table>.csv) exits 2,
# lists what it found and why each entry was not taken, and leaves no db
# behind (an existing db as it was). Tables with a header and no rows are an
# import (of empty tables), not nothing.
. "$(dirname "$0")/lib.bash"

FIX="$ROOT/tests/fixtures/small"
mkdir -p "$T/xl" "$T/empty" "$T/misc/sub" "$T/headers"
printf 'PK\003\004 not really a workbook' >"$T/xl/households.et"
run_hk "$T/out" "$T/err" import --db "$T/new.sqlite" "$T/xl"
check "a directory with only households.et exits 2" test "$rc" -eq 2
check "... says no table file was found" grep -q "^$T/xl: no table file to import" "$T/err"
check "... names the workbook and why it was not taken" \
	grep -q "^$T/xl/households.et: not taken: a WPS or macro workbook, not .xlsx or .xls" "$T/err"
check "... ends with nothing imported" grep -q "^huikan import: 1 error; nothing imported" "$T/err"
check "... prints no counts" test ! -s "$T/out"
check "... leaves no db" test -z "$(ls "$T" | grep '^new.sqlite')"

run_hk "$T/out" "$T/err" import --db "$T/new.sqlite" "$T/empty"
check "an empty directory exits 2" test "$rc" -eq 2
check "... and says it is empty" grep -q "^$T/empty: no table file to import: the directory is empty" "$T/err"
check "... leaves no db" test ! -e "$T/new.sqlite"

echo notes >"$T/misc/README.txt"
echo a,b >"$T/misc/.hidden.csv"
run_hk "$T/out" "$T/err" import --db "$T/new.sqlite" "$T/misc"
check "a directory of other files exits 2" test "$rc" -eq 2
check "... lists the text file" grep -q "^$T/misc/README.txt: not taken: not named <table>.csv" "$T/err"
check "... lists the hidden file" grep -q "^$T/misc/.hidden.csv: not taken: a hidden file" "$T/err"
check "... lists the subdirectory" grep -q "^$T/misc/sub: not taken: a directory" "$T/err"

run_hk "$T/out" "$T/err" import --db "$T/new.sqlite" "$T/xl/households.et"
check "a WPS workbook given as the PATH exits 2" test "$rc" -eq 2
check "... and is named" grep -q "^$T/xl/households.et: not taken: a WPS or macro workbook" "$T/err"
check "... leaves no db" test ! -e "$T/new.sqlite"

# an existing db is left as it was
run_hk "$T/out" "$T/err" import --quiet --db "$T/reg.sqlite" "$FIX"
before=$(sqlite3 "$T/reg.sqlite" .dump | sha256sum)
run_hk "$T/out" "$T/err" import --db "$T/reg.sqlite" "$T/xl"
check "into an existing db: exit 2" test "$rc" -eq 2
check "into an existing db: the db unchanged" test "$(sqlite3 "$T/reg.sqlite" .dump | sha256sum)" = "$before"
run_hk "$T/out" "$T/err" import --db "$T/reg.sqlite" "$FIX/regions.csv" "$T/empty"
check "one empty directory among good PATHs is still an error" test "$rc" -eq 2
check "... and nothing of the good PATH is kept" test "$(sqlite3 "$T/reg.sqlite" .dump | sha256sum)" = "$before"

# header-only files are empty tables: an import
head -1 "$FIX/households.csv" >"$T/headers/households.csv"
run_hk "$T/out" "$T/err" import --db "$T/h.sqlite" "$T/headers"
check "a header-only table file imports (0 rows)" test "$rc" -eq 0
check "... and says so" grep -q "0 rows from 1 file" "$T/err"
