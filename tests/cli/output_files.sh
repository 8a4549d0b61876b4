#!/usr/bin/env bash
# Where huikan writes a file the user named (run -o, report --html/--xlsx/--csv,
# export): a regular file is replaced whole through a temporary name; a device,
# a FIFO or a symbolic link is written in place and stays what it is; - is
# standard output. The device is a stand-in for /dev/null made with mknod in
# the scratch directory ($T) - never the machine's own /dev/null.
. "$(dirname "$0")/lib.bash"

DB=$T/r.db
"$HUIKAN" import --db "$DB" "$ROOT/tests/fixtures/small" >/dev/null 2>&1 || not_ok "import of the small fixture"
run() { "$HUIKAN" run poverty --db "$DB" --as-of 2020-06-30 "$@"; }
is_char() { [ -c "$1" ] && [ ! -L "$1" ]; }
# no temporary file left beside the outputs
no_leftovers() { ! ls -A "$1" | grep -q '\.tmp'; }

# a character device 1,3 (what /dev/null is) in the scratch directory
if mknod -m 666 "$T/null" c 1 3 2>/dev/null; then
	have_dev=1
elif [ "$(id -u)" -ne 0 ]; then
	have_dev=0
	ok "devices: # skip mknod needs root (CI runs as root)"
else
	have_dev=0
	not_ok "mknod -m 666 \$T/null c 1 3 failed as root"
fi

if [ "$have_dev" = 1 ]; then
	# the README tour's form and scripts/demo.sh's form, into the stand-in
	export HUIKAN_USER="Li Wei <li.wei@example.org>"
	"$HUIKAN" ledger init --unsigned "$T/ledger.git" --office luchuan --admin "$HUIKAN_USER" >/dev/null 2>&1
	run --ledger "$T/ledger.git" -q -o "$T/null" 2>"$T/err"
	rc=$?
	[ "$rc" -eq 1 ] && is_char "$T/null" && ok "README tour: run --ledger -q -o NULL leaves a character device" ||
		not_ok "README tour form: rc $rc, $(ls -l "$T/null") $(head -c 300 "$T/err")"
	run --ledger "$T/ledger.git" --quiet --format jsonl -o "$T/null" 2>"$T/err"
	rc=$?
	[ "$rc" -eq 1 ] && is_char "$T/null" && ok "scripts/demo.sh: run --ledger --quiet --format jsonl -o NULL leaves a character device" ||
		not_ok "demo.sh form: rc $rc, $(ls -l "$T/null") $(head -c 300 "$T/err")"
	for f in table json csv; do
		run -q --format $f -o "$T/null" 2>/dev/null
		is_char "$T/null" || not_ok "run --format $f -o NULL replaced the device: $(ls -l "$T/null")"
	done
	is_char "$T/null" && ok "every --format into the device leaves it a device"
	no_leftovers "$T" && ok "no temporary file beside the device" || not_ok "left: $(ls -A "$T")"

	# the report writers into devices: the HTML streamed, the XLSX written by name
	mknod -m 666 "$T/null2" c 1 3
	mkdir -p "$T/csvdir" && mknod -m 666 "$T/csvdir/问题清单.csv" c 1 3
	run_hk "$T/o" "$T/e" report --ledger "$T/ledger.git" --html "$T/null" --xlsx "$T/null2" --csv "$T/csvdir" -q
	[ "$rc" -eq 0 ] && is_char "$T/null" && is_char "$T/null2" && is_char "$T/csvdir/问题清单.csv" &&
		[ -f "$T/csvdir/任务清单.csv" ] && ok "report --html/--xlsx/--csv into devices leaves them devices" ||
		not_ok "report into devices: rc $rc $(cat "$T/e") $(ls -l "$T/null" "$T/null2" "$T/csvdir")"
	no_leftovers "$T" && no_leftovers "$T/csvdir" && ok "report leaves no temporary file" ||
		not_ok "report left: $(ls -A "$T" "$T/csvdir")"

	# export into a directory where one table's file is a device
	mkdir -p "$T/exp" && mknod -m 666 "$T/exp/households.csv" c 1 3
	run_hk "$T/o" "$T/e" export --db "$DB" --out "$T/exp"
	[ "$rc" -eq 0 ] && is_char "$T/exp/households.csv" && [ -s "$T/exp/members.csv" ] &&
		ok "export into a device leaves it a device" || not_ok "export into a device: rc $rc $(cat "$T/e")"

	# demo-data puts its .part files in place the same way
	mkdir -p "$T/demo" && mknod -m 666 "$T/demo/deaths.csv" c 1 3
	run_hk "$T/o" "$T/e" demo-data --out "$T/demo" --households 200 --seed 3
	[ "$rc" -eq 0 ] && is_char "$T/demo/deaths.csv" && [ -s "$T/demo/households.csv" ] && [ -s "$T/demo/truth.jsonl" ] &&
		! ls "$T/demo" | grep -q '\.part$' && ok "demo-data into a device leaves it a device" ||
		not_ok "demo-data into a device: rc $rc $(cat "$T/e") $(ls -l "$T/demo")"
fi

# a FIFO: written in place, its reader gets the findings
mkfifo "$T/fifo"
timeout 60 cat "$T/fifo" >"$T/fifo.out" & # bounded: a writer that never opens it fails the test
reader=$!
run -q --format jsonl -o "$T/fifo" 2>"$T/err"
rc=$?
wait "$reader"
[ "$rc" -eq 1 ] && [ -p "$T/fifo" ] && [ "$(wc -l <"$T/fifo.out")" -gt 0 ] && grep -q '"rule":' "$T/fifo.out" &&
	ok "run -o FIFO: still a FIFO, its reader got $(wc -l <"$T/fifo.out") findings" ||
	not_ok "run -o FIFO: rc $rc, $(ls -l "$T/fifo") $(head -c 200 "$T/err")"

# a symbolic link stays a link, its target gets the findings
echo old >"$T/target.jsonl"
ln -s target.jsonl "$T/link.jsonl"
run -q --format jsonl -o "$T/link.jsonl"
[ -L "$T/link.jsonl" ] && grep -q '"rule":' "$T/target.jsonl" && ! grep -q '^old$' "$T/target.jsonl" &&
	ok "run -o SYMLINK: the link stays, its target has the findings" ||
	not_ok "run -o SYMLINK: $(ls -l "$T/link.jsonl" "$T/target.jsonl")"

# a link to the process's standard output, as /dev/stdout is (made here)
ln -s /proc/self/fd/1 "$T/stdout"
run -q --format jsonl -o "$T/stdout" >"$T/captured"
[ -L "$T/stdout" ] && grep -q '"rule":' "$T/captured" && ok "run -o LINK-TO-STDOUT writes to stdout, the link stays" ||
	not_ok "run -o /proc/self/fd/1 link: $(ls -l "$T/stdout") $(head -c 200 "$T/captured")"

# -o - is standard output
run -q --format jsonl -o - >"$T/dash.out"
rc=$?
[ "$rc" -eq 1 ] && grep -q '"rule":' "$T/dash.out" && [ ! -e ./- ] && [ ! -e "$T/-" ] && ok "run -o - writes to stdout" ||
	not_ok "run -o -: rc $rc $(head -c 200 "$T/dash.out")"

# a regular file is replaced whole, keeps its permissions, leaves nothing beside
mkdir "$T/reg"
echo old >"$T/reg/f.jsonl"
chmod 640 "$T/reg/f.jsonl"
run -q --format jsonl -o "$T/reg/f.jsonl"
[ -f "$T/reg/f.jsonl" ] && [ ! -L "$T/reg/f.jsonl" ] && grep -q '"rule":' "$T/reg/f.jsonl" &&
	[ "$(stat -c %a "$T/reg/f.jsonl")" = 640 ] && [ "$(ls -A "$T/reg")" = f.jsonl ] &&
	ok "run -o FILE replaces a regular file whole, mode kept, nothing left beside" ||
	not_ok "run -o FILE: $(ls -lA "$T/reg")"

# an output that cannot be written: exit 2 naming it; nothing created
run -q -o "$T/no/such/dir/f.txt" 2>"$T/err"
rc=$?
[ "$rc" -eq 2 ] && grep -q "$T/no/such/dir/f.txt" "$T/err" && [ ! -e "$T/no" ] &&
	ok "run -o into a missing directory: exit 2 naming the path" || not_ok "missing dir: rc $rc $(cat "$T/err")"
run -q -o "$T/reg" 2>"$T/err"
rc=$?
[ "$rc" -eq 2 ] && grep -q "directory" "$T/err" && [ "$(ls -A "$T/reg")" = f.jsonl ] &&
	ok "run -o DIRECTORY: exit 2, the directory untouched" || not_ok "-o dir: rc $rc $(cat "$T/err")"

# report --html - writes the page to stdout (and names no file)
if [ -d "$T/ledger.git" ]; then
	"$HUIKAN" report --ledger "$T/ledger.git" --html - -q >"$T/page" 2>"$T/e"
	head -c 15 "$T/page" | grep -q '<!DOCTYPE html>' && ! grep -qx -- - "$T/page" &&
		ok "report --html - writes the page to stdout" || not_ok "report --html -: $(head -c 200 "$T/page") $(cat "$T/e")"
fi
