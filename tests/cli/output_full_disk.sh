# A full disk leaves no half set of files and no traceback: export --out DIR
# and report --csv DIR write every file before they put any in place (a
# directory they made goes again, files already there stay as they were),
# and demo-data says in one line, in the reader's language, what it could
# not write (exit 2), as import does. The disk is a 64 KiB tmpfs mounted in a user and mount
# namespace (unshare -rm).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"

if ! unshare -rm true 2>/dev/null; then
	ok "# SKIP no user namespace here to mount a small file system"
	exit 0
fi
"$HUIKAN" import --quiet --db "$T/r.db" "$ROOT/tests/fixtures/small" >/dev/null ||
	{ not_ok "output_full_disk: import failed"; exit 1; }
export HUIKAN_USER=$ADMIN
new_ledger "$T/l.git" && write_findings "$T/f.jsonl" 2000 &&
	"$HUIKAN" ledger record --ledger "$T/l.git" --findings "$T/f.jsonl" --pack poverty --as-of 2021-03-01 >/dev/null ||
	{ not_ok "output_full_disk: ledger set-up failed"; exit 1; }
mkdir -p "$T/full"
cat >"$T/in.sh" <<SH
mount -t tmpfs -o size=64k tmpfs "$T/full" || exit 9
F=$T/full
# the fixture's export fills 64 KiB when padded: a file that eats the rest
head -c 40000 /dev/zero >"\$F/pad"
"$HUIKAN" export --db "$T/r.db" --out "\$F/exp" >/dev/null 2>"$T/exp.err"; echo "export \$?"
ls -A "\$F" >"$T/exp.ls"
mkdir "\$F/keep" && echo mine >"\$F/keep/regions.csv"
"$HUIKAN" export --db "$T/r.db" --out "\$F/keep" >/dev/null 2>"$T/keep.err"; echo "keep \$?"
ls -A "\$F/keep" >"$T/keep.ls"; cat "\$F/keep/regions.csv" >"$T/keep.txt"
"$HUIKAN" report --ledger "$T/l.git" --csv "\$F/lists" >/dev/null 2>"$T/rep.err"; echo "report \$?"
ls -A "\$F" >"$T/rep.ls"
rm -f "\$F/pad"
"$HUIKAN" demo-data --out "\$F/demo" --households 3000 >/dev/null 2>"$T/demo.err"; echo "demo \$?"
"$HUIKAN" --lang zh demo-data --out "\$F/demo" --households 3000 >/dev/null 2>"$T/demo.zh"
rm -rf "\$F/demo"
"$HUIKAN" import --db "\$F/x.sqlite" "$ROOT/tests/fixtures/small" >/dev/null 2>"$T/imp.err"; echo "import \$?"
ls -A "\$F" >"$T/imp.ls"
SH
unshare -rm sh "$T/in.sh" >"$T/rcs" 2>&1
check "a 64 KiB file system is mounted for the test" grep -q "^export " "$T/rcs"
check "export on a full disk: exit 2" grep -qx "export 2" "$T/rcs"
check "... says which file and why" grep -q "^huikan export: cannot write $T/full/exp/.*\.csv: No space left on device$" "$T/exp.err"
check "... and leaves no directory of some tables" test "$(cat "$T/exp.ls")" = "pad"
check "export into a directory of the user's: exit 2" grep -qx "keep 2" "$T/rcs"
check "... which keeps only its own file, unchanged" sh -c "test \"\$(cat '$T/keep.ls')\" = regions.csv && test \"\$(cat '$T/keep.txt')\" = mine"
check "report --csv on a full disk: exit 2" grep -qx "report 2" "$T/rcs"
check "... and leaves no lists directory" test "$(cat "$T/rep.ls")" = "$(printf 'keep\npad')"
check "demo-data on a full disk: exit 2" grep -qx "demo 2" "$T/rcs"
check "... in one line naming the file" sh -c "test \$(wc -l <'$T/demo.err') -eq 1 && grep -q '^huikan demo-data: cannot write $T/full/demo/.*: No space left on device$' '$T/demo.err'"
check "... in Chinese under --lang zh" grep -q "^huikan demo-data：无法写入 $T/full/demo/.*：设备上没有空间$" "$T/demo.zh"
check "import on a full disk: exit 2, not an internal error" grep -qx "import 2" "$T/rcs"
check "... naming the db and what to do" grep -q "^huikan import: $T/full/x.sqlite: the disk is full (.*); nothing was imported: free some space, or import into a db on a disk with room$" "$T/imp.err"
check "... and leaving no db" sh -c "! grep -q '^x.sqlite' '$T/imp.ls'"
