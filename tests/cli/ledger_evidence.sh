# Evidence files (submit --evidence) are regular files of at most 64 MiB: a
# device, a FIFO or a directory is refused at once with a clear message (not
# read until memory runs out, not waited on forever), a larger file before it
# is read. Nothing is written to the ledger by a refused submission.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
export HUIKAN_LEDGER="$T/L"

new_ledger "$T/L"
write_findings "$T/f.jsonl" 1
"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --as "$ADMIN" >/dev/null
F1=$(fid precision.vehicle household:H1)
"$HUIKAN" assign "$F1" --unit "$UNIT" --allow-past-due --due 2026-12-01 --as "$OLGA" >/dev/null
head=$(git --git-dir="$T/L" rev-parse main)
# submit_with FILE: a submission with FILE as evidence, bounded in time (exit 124 = it hung)
submit_with() {
	timeout 20 "$HUIKAN" submit "$F1" --note "done" --evidence "$1" --as "$UNIT_GUY" >"$T/out" 2>"$T/err"
	rc=$?
}

submit_with /dev/zero
check "a character device is refused (exit 2)" test "$rc" -eq 2
check "saying what it is" grep -q -- "--evidence: /dev/zero: is a character device, not a regular file" "$T/err"
mkfifo "$T/pipe"
submit_with "$T/pipe"
check "a FIFO is refused at once (exit 2, not waiting for a writer)" test "$rc" -eq 2
check "saying it is a FIFO" grep -q -- "--evidence: $T/pipe: is a FIFO, not a regular file" "$T/err"
mkdir "$T/dir"
submit_with "$T/dir"
check "a directory is refused (exit 2)" test "$rc" -eq 2
check "saying it is a directory" grep -q "is a directory, not a regular file" "$T/err"
truncate -s $((64 * 1024 * 1024 + 1)) "$T/big.pdf" # sparse: refused by its size, never read
submit_with "$T/big.pdf"
check "a file over 64 MiB is refused (exit 2)" test "$rc" -eq 2
check "saying the limit" grep -q "big.pdf: 67108865 bytes, larger than the limit of 67108864 bytes" "$T/err"
check "refused submissions write nothing" test "$(git --git-dir="$T/L" rev-parse main)" = "$head"

printf '%%PDF-1.4 scan\n' >"$T/scan.pdf"
ln -s scan.pdf "$T/link.pdf"
submit_with "$T/link.pdf"
check "a regular file (through a symlink) is taken" test "$rc" -eq 0
sum=$(sha256sum <"$T/scan.pdf" | cut -c1-64)
check "and stored by content" test "$(git --git-dir="$T/L" cat-file -p "main:evidence/${sum:0:2}/$sum")" = "%PDF-1.4 scan"
