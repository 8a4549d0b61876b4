# An import into an existing db (a second county, more rows) checks first
# that the db is a registry this huikan reads, as `huikan run` does: a
# registry of another schema version, another program's db (a table of a
# registry's name with other columns, or unrelated tables) is refused with
# exit 2 and a message naming the db, and left as it was. An empty db file
# is a new registry.
. "$(dirname "$0")/lib.bash"

FIX="$ROOT/tests/fixtures/small"
mkdir -p "$T/more"
printf 'id,village_code,size,status,registered_year\nHX1,450922101003,2,poor,2016\n' >"$T/more/households.csv"

run_hk "$T/out" "$T/err" import --quiet --db "$T/reg.sqlite" "$FIX"
check "a registry is made" test "$rc" -eq 0
run_hk "$T/out" "$T/err" import --quiet --db "$T/reg.sqlite" "$T/more"
check "a registry of this version takes more rows" test "$rc" -eq 0
check "... the row is in" test "$(sqlite3 "$T/reg.sqlite" "SELECT count(*) FROM households WHERE id = 'HX1'")" = 1

# refused NAME DB PATH: importing PATH into DB exits 2 and leaves DB as it was
refused() {
	local before
	before=$(sqlite3 "$2" .dump | sha256sum)
	run_hk "$T/out" "$T/err" import --db "$2" "$3"
	check "$1: exit 2" test "$rc" -eq 2
	check "... the db unchanged" test "$(sqlite3 "$2" .dump | sha256sum)" = "$before"
}

# a registry of a newer schema version
cp "$T/reg.sqlite" "$T/v2.sqlite"
sqlite3 "$T/v2.sqlite" "UPDATE huikan_meta SET value = '2' WHERE key = 'schema_version'"
sed -i 's/HX1/HX2/' "$T/more/households.csv"
refused "a registry of a newer schema version" "$T/v2.sqlite" "$T/more"
check "... says which version and what to do" \
	grep -q "^huikan import: $T/v2.sqlite: a huikan registry of schema version '2', newer than the version this huikan reads (1): use a newer huikan" "$T/err"

# a table of a registry's name with other columns
sqlite3 "$T/other.sqlite" "CREATE TABLE households(id TEXT, note TEXT); INSERT INTO households VALUES ('a', 'b')"
refused "another program's households table (not an internal error)" "$T/other.sqlite" "$T/more"
check "... says it is not a registry" \
	grep -q "^huikan import: $T/other.sqlite: not a huikan registry: a SQLite db with 1 table(s) but no huikan_meta; make a registry" "$T/err"

# unrelated tables: no registry tables are written into them
sqlite3 "$T/notes.sqlite" "CREATE TABLE notes(x); INSERT INTO notes VALUES (1)"
refused "a db of unrelated tables" "$T/notes.sqlite" "$FIX"

# a registry missing a table
cp "$T/reg.sqlite" "$T/part.sqlite"
sqlite3 "$T/part.sqlite" "DROP TABLE visits"
run_hk "$T/out" "$T/err" import --db "$T/part.sqlite" "$T/more"
check "a registry without a table: exit 2" test "$rc" -eq 2
check "... names the table" grep -q "it has no table 'visits'" "$T/err"

# an empty file is a new registry
: >"$T/empty.sqlite"
run_hk "$T/out" "$T/err" import --quiet --db "$T/empty.sqlite" "$FIX"
check "an empty db file becomes a registry" test "$rc" -eq 0
check "... with its rows" test "$(sqlite3 "$T/empty.sqlite" "SELECT count(*) FROM huikan_meta WHERE key = 'schema_version'")" = 1
