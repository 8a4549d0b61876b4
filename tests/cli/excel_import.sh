# Workbooks in (issue 13): .xlsx and .xls files (or folders holding them)
# import like the CSV files of the same data - sheets named after tables in
# English or Chinese, a one-sheet book named by its file, date cells in
# Excel's built-in and a custom Chinese format - to the very same db
# (sqlite3 .dump identical); ID numbers that Excel stored as numbers are
# refused naming the sheet and cell when digits were lost, read exactly when
# not; unknown sheets and broken books are errors. Workbooks are written by
# libxlsxwriter (tests/excel/gen_xlsx.c); the .xls by SheetJS (committed).
. "$(dirname "$0")/lib.bash"

FIX="$ROOT/tests/fixtures/small"
GEN="$(dirname "$HUIKAN")/gen_xlsx"
[ -x "$GEN" ] || GEN="$ROOT/build/asan/gen_xlsx"
TABLES="task_forces visits plans funds payments projects loans welfare deaths vehicles properties businesses public_payroll"

run_hk "$T/out" "$T/err" import --quiet --db "$T/csv.sqlite" "$FIX"
check "the CSV fixtures import" test "$rc" -eq 0
sqlite3 "$T/csv.sqlite" .dump >"$T/csv.sql"
same_db() { sqlite3 "$1" .dump | cmp -s - "$T/csv.sql"; }

# one book, a sheet per table, Chinese sheet names and headers
mkdir -p "$T/zh"
cp "$FIX/regions.csv" "$T/zh/"
"$GEN" --zh "$T/zh/陆川县.xlsx" "$FIX" households=户信息 members=家庭成员 cadres=帮扶干部 pairings=结对帮扶 $TABLES
run_hk "$T/out" "$T/err" import --quiet --db "$T/zh.sqlite" "$T/zh"
check "a folder with a multi-sheet book (Chinese sheets and headers) imports" test "$rc" -eq 0
check "... to the same db as the CSV files" same_db "$T/zh.sqlite"

# the same with a custom date format yyyy"年"m"月"d"日" and English sheet names
mkdir -p "$T/cn"
cp "$FIX/regions.csv" "$T/cn/"
"$GEN" --date-format chinese "$T/cn/county.xlsx" "$FIX" households members cadres pairings $TABLES
run_hk "$T/out" "$T/err" import --quiet --db "$T/cn.sqlite" "$T/cn"
check "date cells in a custom Chinese format import as dates" same_db "$T/cn.sqlite"

# one-sheet books named by their file (English, Chinese), given as files
"$GEN" "$T/households.xlsx" "$FIX" households=Sheet1
"$GEN" "$T/贫困户.xlsx" "$FIX" households=Sheet1
run_hk "$T/out" "$T/err" import --quiet --db "$T/one.sqlite" "$FIX/regions.csv" "$T/households.xlsx"
run_hk "$T/out" "$T/err" import --quiet --db "$T/one_csv.sqlite" "$FIX/regions.csv" "$FIX/households.csv"
check "a one-sheet book is named by its file" test "$(sqlite3 "$T/one.sqlite" .dump | sha256sum)" = \
	"$(sqlite3 "$T/one_csv.sqlite" .dump | sha256sum)"
run_hk "$T/out" "$T/err" import --quiet --db "$T/one_zh.sqlite" "$FIX/regions.csv" "$T/贫困户.xlsx"
check "... also by a Chinese file name" test "$(sqlite3 "$T/one_zh.sqlite" .dump | sha256sum)" = \
	"$(sqlite3 "$T/one_csv.sqlite" .dump | sha256sum)"

# a 12-digit code stored as a number is read exactly
"$GEN" --number village_code "$T/households.xlsx" "$FIX" households
run_hk "$T/out" "$T/err" import --quiet --db "$T/num.sqlite" "$FIX/regions.csv" "$T/households.xlsx"
check "a code stored as a number with 12 digits imports exactly" test "$(sqlite3 "$T/num.sqlite" .dump | sha256sum)" = \
	"$(sqlite3 "$T/one_csv.sqlite" .dump | sha256sum)"

# an 18-digit ID number stored as a number has lost digits: refused
"$GEN" --zh --number id_number "$T/members.xlsx" "$FIX" members=家庭成员
run_hk "$T/out" "$T/err" import --db "$T/lost.sqlite" "$FIX/regions.csv" "$FIX/households.csv" "$T/members.xlsx"
check "an ID number stored as a number is refused (exit 2)" test "$rc" -eq 2
check "... naming book, sheet, cell, column, cause and value" grep -q \
	"^$T/members.xlsx\[家庭成员\]!A2: column 身份证号 (id_number): a number where text is expected, more than 15 significant digits: .*lost: '4.509211980031512E+17' (format the column as text (文本)" "$T/err"
check "... and nothing is imported" test ! -e "$T/lost.sqlite"

# an unknown sheet in a book of several
"$GEN" "$T/bad.xlsx" "$FIX" households cadres=说明
run_hk "$T/out" "$T/err" import --db "$T/bad.sqlite" "$FIX/regions.csv" "$T/bad.xlsx"
check "an unknown sheet is an error" test "$rc" -eq 2
check "... naming the book and the sheet" grep -q "^$T/bad.xlsx\[说明\]: unknown sheet: no table of docs/registry.md is named '说明'" "$T/err"

# a file named .xlsx that is no workbook
printf 'id,name\n' >"$T/fake.xlsx"
run_hk "$T/out" "$T/err" import --db "$T/fake.sqlite" "$T/fake.xlsx"
check "a .xlsx that is not a zip is refused" grep -q "^$T/fake.xlsx: cannot read as an xlsx workbook: not a zip archive" "$T/err"

# Excel 97-2003 (.xls, BIFF8 written by SheetJS)
mkdir -p "$T/xls"
cp "$FIX/regions.csv" "$ROOT/tests/excel/county.xls" "$T/xls/"
run_hk "$T/out" "$T/err" import --quiet --db "$T/xls.sqlite" "$T/xls"
check "an .xls book imports" test "$rc" -eq 0
check "... to the same db as the CSV files" same_db "$T/xls.sqlite"

# the demo county as one workbook: a sheet per table, Chinese sheet names and headers
run_hk "$T/out" "$T/err" demo-data --out "$T/demo" --households 300 --seed 3
mkdir -p "$T/demobook"
"$GEN" --zh "$T/demobook/陆川县.xlsx" "$T/demo" $(cd "$T/demo" && ls *.csv | sed 's/\.csv$//')
run_hk "$T/out" "$T/err" import --quiet --db "$T/demo_csv.sqlite" "$T/demo"
run_hk "$T/out" "$T/err" import --quiet --db "$T/demo_xlsx.sqlite" "$T/demobook"
check "the demo county as one workbook (Chinese sheets) imports" test "$rc" -eq 0
check "... to the same db as its CSV files" test "$(sqlite3 "$T/demo_csv.sqlite" .dump | sha256sum)" = \
	"$(sqlite3 "$T/demo_xlsx.sqlite" .dump | sha256sum)"
