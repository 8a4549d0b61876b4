# Real county exports (issue 13): the small fixture written as counties write
# it - title rows above the header, headers with units, full-width forms,
# line breaks and a 序号 column, Excel-damaged values ('…, ="…", 10,379.00,
# ¥, 2020年6月30日, 2020.6.30, date serials, trailing rows of separators),
# Excel's UTF-16 "Unicode text", Chinese file names, workbooks with all of it -
# imports to exactly the same db as the clean CSV files (sqlite3 .dump
# identical); what cannot be read exactly (an ID number in scientific
# notation) is refused with file, line, column and cause, and the error's
# last line names --keep-going; --keep-going imports every valid row, keeps
# the others in import_rejects and data.rejected-row reports them.
. "$(dirname "$0")/lib.bash"

FIX="$ROOT/tests/fixtures/small"
GEN="$(dirname "$HUIKAN")/gen_xlsx"
[ -x "$GEN" ] || GEN="$ROOT/build/asan/gen_xlsx"
ALL="households=户信息 members=家庭成员 cadres=帮扶干部 pairings=结对帮扶 task_forces visits plans funds payments projects loans welfare deaths vehicles properties businesses public_payroll"

run_hk "$T/out" "$T/err" import --quiet --db "$T/csv.sqlite" "$FIX"
check "the clean CSV fixtures import" test "$rc" -eq 0
sqlite3 "$T/csv.sqlite" .dump >"$T/csv.sql"
same_db() { sqlite3 "$1" .dump | cmp -s - "$T/csv.sql"; }
# every table but members and import_rejects as in the clean db
same_tables() {
	for t in $(sqlite3 "$T/csv.sqlite" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('members', 'huikan_meta')"); do
		[ "$(sqlite3 "$T/kg.sqlite" "SELECT * FROM $t" | sha256sum)" = "$(sqlite3 "$T/csv.sqlite" "SELECT * FROM $t" | sha256sum)" ] || return 1
	done
}

# --- CSV as a county's Excel saves it -----------------------------------------
mkdir -p "$T/dam"
cp "$FIX"/*.csv "$T/dam/"
# households: two title rows, a 序号 column, Chinese headers with units, a
# full-width and a line break in names; money with separators and a currency sign
{
	printf '陆川县建档立卡贫困户信息表,,,\n'
	printf '填报单位：陆川县乡村振兴局,,导出日期：2020年6月30日\n'
	printf '序号,户　编号,村代码,户主身份证号,家庭人口（人）,户状态,贫困户属性,识别年度,脱贫年度,主要致贫原因,人均纯收入（元）,"工资性\n收入(元)",生产经营性收入【元】,财产性收入,转移性收入,生产经营性支出,住房面积(㎡),住房安全等级,饮水安全\n'
	tail -n +2 "$FIX/households.csv" | awk -F, -v OFS=, '{
		$10 = ($10 == "5200.50") ? "\"5,200.50\"" : $10
		$11 = ($11 == "12000") ? "\"¥12,000\"" : $11
		print NR, $0 }'
	printf ',,,,,,,,,,,,,,,,,,,\n,,,\n\n'
} >"$T/dam/households.csv"
# members: an ID number after an apostrophe, one as ="…", dates as 年月日 and with dots
awk -F, -v OFS=, 'NR == 2 { $1 = "'"'"'" $1 } NR == 3 { $1 = "\"=\"\"" $1 "\"\"\"" }
	$6 == "1980-03-15" { $6 = "1980年3月15日" } $6 == "1982/5/20" { $6 = "1982.5.20" } { print }' \
	"$FIX/members.csv" >"$T/dam/members.csv"
# payments: a date as an Excel serial (43556 = 2019-04-01)
sed 's/,2019-04-01,/,43556,/' "$FIX/payments.csv" >"$T/dam/payments.csv"
check "the damaged files differ from the clean ones" sh -c "! cmp -s '$T/dam/members.csv' '$FIX/members.csv' && grep -q 43556 '$T/dam/payments.csv'"
run_hk "$T/out" "$T/err" import --db "$T/dam.sqlite" "$T/dam"
check "a county's CSV (title rows, units, 序号, damaged values) imports" test "$rc" -eq 0
check "... to the same db as the clean CSV files" same_db "$T/dam.sqlite"
check "... saying which row it took as the header" grep -q "^$T/dam/households.csv:3: header row taken here; 2 rows above it skipped as a title$" "$T/err"

# an ID number in scientific notation: the digits are gone, refused
sed '2s/^450921198003151234,/4.50921E+17,/' "$FIX/members.csv" >"$T/sci.csv"
mkdir -p "$T/sci" && cp "$FIX/households.csv" "$T/sci/" && cp "$T/sci.csv" "$T/sci/members.csv"
run_hk "$T/out" "$T/err" import --db "$T/sci.sqlite" "$T/sci"
check "an ID number in scientific notation is refused (exit 2)" test "$rc" -eq 2
check "... naming file, line, column and cause" grep -q "^$T/sci/members.csv:2:1: column id_number: a number in scientific notation, as Excel shows a long number: the digits after the 15th are lost: '4.50921E+17'" "$T/err"
check "... and the last line names --keep-going" sh -c "tail -1 '$T/err' | grep -q '^huikan import: 1 error; nothing imported (--keep-going imports the valid rows'"
check "... nothing imported" test ! -e "$T/sci.sqlite"

# a date that does not exist, written 年月日; a money with separators out of place
printf 'id_number,death_date\n450921193001010011,2019年2月29日\n' >"$T/deaths.csv"
run_hk "$T/out" "$T/err" import --db "$T/d.sqlite" "$T/deaths.csv"
check "2019年2月29日 is refused: no such date" grep -q "^$T/deaths.csv:2:2: column death_date: no such date: '2019年2月29日'" "$T/err"
printf 'id,fund_id,payee_kind,payee_id,amount,paid_date\nP1,F1,household,H1,"10,37.00",2019-01-01\n' >"$T/payments.csv"
run_hk "$T/out" "$T/err" import --db "$T/p.sqlite" "$T/payments.csv"
check "10,37.00 (a separator out of place) is refused" grep -q "^$T/payments.csv:2:5: column amount: not an amount of yuan (like 1000 or 1000.50): '10,37.00'" "$T/err"

# --- Excel's "Unicode text": UTF-16 with a BOM, tab-separated, .txt --------------
mkdir -p "$T/u16le" "$T/u16be"
cp "$FIX"/*.csv "$T/u16le/"
cp "$FIX"/*.csv "$T/u16be/"
for t in households members; do
	rm "$T/u16le/$t.csv" "$T/u16be/$t.csv"
	# commas to tabs outside quotes (the fixture's one quoted field holds a comma)
	perl -pe 's/("[^"]*")|,/defined $1 ? $1 =~ s#"##gr : "\t"/ge' "$FIX/$t.csv" >"$T/$t.tsv"
	{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$T/$t.tsv"; } >"$T/u16le/$t.txt"
	{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$T/$t.tsv"; } >"$T/u16be/$t.txt"
done
echo "readme" >"$T/u16le/readme.txt"
run_hk "$T/out" "$T/err" import --db "$T/u16le.sqlite" "$T/u16le"
check "UTF-16LE tab-separated .txt files import (a readme.txt beside them is not a table)" test "$rc" -eq 0
check "... to the same db as the CSV files" same_db "$T/u16le.sqlite"
run_hk "$T/out" "$T/err" import --db "$T/u16be.sqlite" "$T/u16be"
check "UTF-16BE .txt files import to the same db" same_db "$T/u16be.sqlite"

# --- Chinese file names ------------------------------------------------------------
mkdir -p "$T/zh"
cp "$FIX"/*.csv "$T/zh/"
mv "$T/zh/households.csv" "$T/zh/贫困户.csv"
mv "$T/zh/members.csv" "$T/zh/家庭成员.csv"
mv "$T/zh/cadres.csv" "$T/zh/帮扶干部.csv"
run_hk "$T/out" "$T/err" import --db "$T/zh.sqlite" "$T/zh"
check "Chinese file names (贫困户.csv, 家庭成员.csv, 帮扶干部.csv) import" test "$rc" -eq 0
check "... to the same db as the English ones" same_db "$T/zh.sqlite"

# --- workbooks: title rows, units, serial dates, apostrophes, Chinese sheets -------
mkdir -p "$T/book"
cp "$FIX/regions.csv" "$T/book/"
"$GEN" --zh --title --units --serial-dates --apostrophe id_number "$T/book/陆川县.xlsx" "$FIX" $ALL
run_hk "$T/out" "$T/err" import --db "$T/book.sqlite" "$T/book"
check "a multi-sheet book with title rows, units, serial dates and 'IDs imports" test "$rc" -eq 0
check "... to the same db as the CSV files" same_db "$T/book.sqlite"
check "... saying which row of a sheet it took as the header" grep -q "陆川县.xlsx\[户信息\] row 3: header row taken here; 2 rows above it skipped as a title$" "$T/err"

# a book whose ID numbers are numbers (digits lost): refused by default ...
mkdir -p "$T/lost"
cp "$FIX"/*.csv "$T/lost/"
rm "$T/lost/households.csv" "$T/lost/members.csv"
"$GEN" --zh --title --number id_number "$T/lost/陆川县.xlsx" "$FIX" households=户信息 members=家庭成员
run_hk "$T/out" "$T/err" import --db "$T/lost.sqlite" "$T/lost"
check "a book with ID numbers stored as numbers is refused" test "$rc" -eq 2
check "... naming the sheet and cell" grep -q "陆川县.xlsx\[家庭成员\]!A4: column 身份证号 (id_number): a number where text is expected, more than 15 significant digits" "$T/err"
check "... the last line names --keep-going" sh -c "tail -1 '$T/err' | grep -q -- '--keep-going'"

# ... and kept aside with --keep-going
run_hk "$T/out" "$T/err" import --keep-going --db "$T/kg.sqlite" "$T/lost"
check "--keep-going imports the book" test "$rc" -eq 0
bad=$(sqlite3 "$T/kg.sqlite" "SELECT count(DISTINCT location) FROM import_rejects WHERE table_name = 'members' AND reason = 'excel-digits-lost'")
check "... every member row (all 7 IDs lost digits) is in import_rejects ($bad)" test "$bad" -eq 7
check "... the other tables are whole" same_tables
check "... the summary says how many rows were rejected" grep -q "^huikan import: 7 rows rejected, kept in table import_rejects" "$T/err"
run_hk "$T/f.jsonl" "$T/err" run "$ROOT/audits/poverty" --db "$T/kg.sqlite" --rules data.rejected-row --as-of 2020-06-30 --format jsonl
check "data.rejected-row reports them (exit 1)" test "$rc" -eq 1
check "... as findings of the rows' households, in Chinese" grep -q '"entity":"household:H001".*"message":"导入时被拒的数据行：.*陆川县.xlsx\[家庭成员\]!A4 身份证号被 Excel 损坏' "$T/f.jsonl"
run_hk "$T/f2.jsonl" "$T/err" run "$ROOT/audits/poverty" --db "$T/csv.sqlite" --rules data.rejected-row --as-of 2020-06-30 --format jsonl
check "data.rejected-row finds nothing on a registry imported whole" test "$rc" -eq 0 -a ! -s "$T/f2.jsonl"

# --keep-going on the damaged CSV: every valid row in, the bad rows kept aside
mkdir -p "$T/kgc"
cp "$FIX"/*.csv "$T/kgc/"
awk -F, -v OFS=, 'NR == 3 { $6 = "1982-02-30" } NR == 4 { $5 = "X" } NR == 5 { $1 = "4.50921E+17" } { print }' \
	"$FIX/members.csv" >"$T/kgc/members.csv"
run_hk "$T/out" "$T/err" import --keep-going --db "$T/kgc.sqlite" "$T/kgc"
check "--keep-going on CSV imports" test "$rc" -eq 0
check "... the 4 valid member rows" test "$(sqlite3 "$T/kgc.sqlite" "SELECT count(*) FROM members")" -eq 4
check "... 3 rows in import_rejects, with file, line, column, value, reason and raw values" test \
	"$(sqlite3 "$T/kgc.sqlite" "SELECT group_concat(location || ' ' || column_name || ' ' || value || ' ' || reason || ' ' || json_extract(raw, '$.household_id'), '|') FROM import_rejects")" = \
	"$T/kgc/members.csv:3:6 birth_date 1982-02-30 no-such-date H001|$T/kgc/members.csv:4:5 sex X unknown-code H001|$T/kgc/members.csv:5:1 id_number 4.50921E+17 excel-digits-lost H002"
run_hk "$T/f.jsonl" "$T/err" run "$ROOT/audits/poverty" --db "$T/kgc.sqlite" --rules data.rejected-row --as-of 2020-06-30 --format jsonl
check "... data.rejected-row: 出生日期不存在, 性别编码无法识别 (household H001)" grep -q '"entity":"household:H001".*出生日期不存在：1982-02-30.*性别编码无法识别：X' "$T/f.jsonl"
check "... 身份证号被 Excel 损坏 (household H002)" grep -q '"entity":"household:H002".*身份证号被 Excel 损坏' "$T/f.jsonl"

# --- --map: a county's own column names, code values and file names ------------
cat >"$T/map.csv" <<'MAP'
kind,table,from,to
table,*,建档立卡户花名册,households
column,households,贫困户编号,id
column,households,所在村代码,村代码
column,*,人口数,size
code,households.status,脱贫户,exited
code,households.status,未脱贫户,poor
MAP
mkdir -p "$T/mapped"
cp "$FIX"/*.csv "$T/mapped/"
sed -e '1s/^id,village_code,head_id_number,size,/贫困户编号,所在村代码,head_id_number,人口数,/' \
	-e '2,$s/,exited,/,脱贫户,/' -e '2,$s/,poor,/,未脱贫户,/' "$FIX/households.csv" >"$T/mapped/建档立卡户花名册.csv"
rm "$T/mapped/households.csv"
run_hk "$T/out" "$T/err" import --db "$T/nomap.sqlite" "$T/mapped"
check "without --map the county's names are refused" test "$rc" -eq 2
run_hk "$T/out" "$T/err" import --map "$T/map.csv" --db "$T/map.sqlite" "$T/mapped"
check "with --map the county's file, column and code names import" test "$rc" -eq 0
check "... to the same registry tables as the clean CSV" sh -c "sqlite3 '$T/map.sqlite' .dump | grep -v import_mappings | cmp -s - '$T/csv.sql'"
check "... and the mapping used is recorded in import_mappings" test \
	"$(sqlite3 "$T/map.sqlite" "SELECT count(*) || ' ' || group_concat(DISTINCT file) FROM import_mappings")" = "6 $T/map.csv"
check "... code rows hold the English code" test \
	"$(sqlite3 "$T/map.sqlite" "SELECT to_name FROM import_mappings WHERE from_name = '脱贫户'")" = "exited"
printf 'kind,table,from,to\ncode,households.status,脱贫户,gone\n' >"$T/badmap.csv"
run_hk "$T/out" "$T/err" import --map "$T/badmap.csv" --db "$T/bm.sqlite" "$T/mapped"
check "a mapping to no code of the column is refused, naming file, line and field" \
	grep -q "^$T/badmap.csv:2:4: 'gone' is not a code of households.status$" "$T/err"
# the same name mapped two ways: an error naming both lines, not the first row winning
# map_with ROWS DB [OPTION]: imports the county's files with map.csv plus ROWS (printf format)
map_with() {
	cp "$T/map.csv" "$T/twomap.csv"
	printf "$1" >>"$T/twomap.csv"
	run_hk "$T/out" "$T/err" import ${3:-} --map "$T/twomap.csv" --db "$2" "$T/mapped"
}
map_with 'code,households.status,未脱贫户,exited\n' "$T/tm.sqlite"
check "a value mapped to two codes is refused (exit 2)" test "$rc" -eq 2
check "... naming both lines" \
	grep -q "^$T/twomap.csv:8:3: value '未脱贫户' of households.status is mapped to 'exited' here and to 'poor' at line 7; keep one of the two rows$" "$T/err"
check "... and no db is left" test ! -e "$T/tm.sqlite"
map_with 'column,households,人口数,housing_area\n' "$T/tm.sqlite"
check "a column name mapped to two columns of a table ('*' and the table) is refused" \
	grep -q "^$T/twomap.csv:8:3: column name '人口数' of households is mapped to housing_area here and to size at line 5" "$T/err"
map_with 'table,*,建档立卡户花名册,members\n' "$T/tm.sqlite"
check "a file name mapped to two tables is refused" \
	grep -q "^$T/twomap.csv:8:3: file or sheet name '建档立卡户花名册' is mapped to table members here and to households at line 2" "$T/err"
# the same row twice, or one name to different columns of different tables, is no conflict
map_with 'code,households.status,脱贫户,exited\ncolumn,members,人口数,migrant_months\n' "$T/tm2.sqlite" --quiet
check "a row given twice, or a name per table, still imports" test "$rc" -eq 0
