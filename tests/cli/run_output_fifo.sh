#!/usr/bin/env bash
# run -o onto a FIFO or device (as -o /dev/null) writes to it and never
# replaces it with a regular file (a rename over /dev/null, as root, broke
# the machine's /dev/null).
. "$(dirname "$0")/lib.bash"

DB=$T/h.db
"$HUIKAN" import --db "$DB" "$ROOT/tests/hostile/registry" >/dev/null 2>&1 || not_ok "registry does not import"
mkfifo "$T/fifo"
timeout 20 cat "$T/fifo" >"$T/got" &
reader=$!
timeout 20 "$HUIKAN" run "$ROOT/tests/hostile/rules/zz_canary.lua" --db "$DB" --format jsonl -q -o "$T/fifo" 2>"$T/err"
rc=$?
[ -p "$T/fifo" ] || echo x >"$T/fifo" 2>/dev/null # let the reader end if it was replaced
wait "$reader"
if [ "$rc" -eq 1 ] && [ -p "$T/fifo" ] && grep -q '"household:canary"' "$T/got"; then
	ok "-o FIFO: written through, still a FIFO"
else
	not_ok "-o FIFO: rc=$rc, $(ls -l "$T/fifo"), got '$(head -c 200 "$T/got")' $(head -c 200 "$T/err")"
fi
