# Tampering with a ledger is reported by `ledger verify`: an event rewritten
# (in a later commit or in rewritten history), an event deleted, a close
# forged by someone who is not an officer, a back-dated event.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"

new_ledger "$T/base"
write_findings "$T/f.jsonl" 3
"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --ledger "$T/base" --as "$ADMIN" >/dev/null
F1=$(fid precision.vehicle household:H1)
F2=$(fid precision.vehicle household:H2)
"$HUIKAN" assign "$F1" "$F2" --unit "$UNIT" --allow-past-due --due 2026-12-01 --ledger "$T/base" --as "$OLGA" >/dev/null
"$HUIKAN" submit "$F1" --note "sold" --ledger "$T/base" --as "$UNIT_GUY" >/dev/null
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/base"
check "the untouched ledger verifies" test "$rc" -eq 0

# commit_tree LEDGER MESSAGE PATH=BLOB...|-PATH: commits an edited tree on main (with git plumbing).
commit_edit() {
	local g=$1 msg=$2 idx="$T/index.$$"
	shift 2
	rm -f "$idx"
	GIT_INDEX_FILE=$idx git --git-dir="$g" read-tree main
	for e in "$@"; do
		case "$e" in
		-*) printf '0 %040d\t%s\n' 0 "${e#-}" | GIT_INDEX_FILE=$idx git --git-dir="$g" update-index --index-info ;;
		*) GIT_INDEX_FILE=$idx git --git-dir="$g" update-index --add --cacheinfo "100644,${e#*=},${e%%=*}" ;;
		esac
	done
	local tree commit
	tree=$(GIT_INDEX_FILE=$idx git --git-dir="$g" write-tree)
	commit=$(printf '%s\n\nHuikan-Lamport: 99\n' "$msg" | git --git-dir="$g" commit-tree "$tree" -p main)
	git --git-dir="$g" update-ref refs/heads/main "$commit"
	rm -f "$idx"
}
event_path() { git --git-dir="$1" ls-tree -r --name-only main | grep "/$2/events/" | grep -- "$3" | head -1; }

# 1. an event rewritten in a later commit
cp -r "$T/base" "$T/L1"
p=$(git --git-dir="$T/L1" ls-tree -r --name-only main | grep "/$F1/events/" | sed -n 3p)
blob=$(git --git-dir="$T/L1" cat-file -p "main:$p" | sed 's/"note":"sold"/"note":"never sold"/' | git --git-dir="$T/L1" hash-object -w --stdin)
commit_edit "$T/L1" "fix typo" "$p=$blob"
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/L1"
check "a changed event: verify exits 1" test "$rc" -eq 1
check "a changed event is reported as changed" grep -q "$p was changed" "$T/out"
check "its content no longer matches its name" grep -q "content hash is .* (the event was changed)" "$T/out"

# 2. an event deleted
cp -r "$T/base" "$T/L2"
p=$(git --git-dir="$T/L2" ls-tree -r --name-only main | grep "/$F2/events/" | sed -n 2p)
commit_edit "$T/L2" "cleanup" "-$p"
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/L2"
check "a deleted event is reported" grep -q "$p was deleted" "$T/out"

# 3. a close forged by a non-officer (a well-formed event with a valid name)
cp -r "$T/base" "$T/L3"
prev=$(git --git-dir="$T/L3" ls-tree -r --name-only main | grep "/$F1/events/" | sort | tail -1 | sed 's/.*-\([0-9a-f]*\)\.json$/\1/')
ev=$(printf '{"type":"closed","lamport":50,"office":"county","actor":"%s","time":"2099-01-01T00:00:00Z","finding":"%s","prev":"%s"}\n' "$UNIT_GUY" "$F1" "$prev")
h=$(printf '%s\n' "$ev" | sha256sum | cut -c1-12)
blob=$(printf '%s\n' "$ev" | git --git-dir="$T/L3" hash-object -w --stdin)
dir=$(dirname "$(git --git-dir="$T/L3" ls-tree -r --name-only main | grep "/$F1/finding.json")")
commit_edit "$T/L3" "close" "$dir/events/0000000050-county-$h.json=$blob"
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/L3"
check "a forged close by a non-officer is reported" grep -q "$F1: event 0000000050-county-$h.json (closed by $UNIT_GUY): .* is not an officer" "$T/out"
"$HUIKAN" findings --ledger "$T/L3" --format csv >"$T/l3"
check "the forged close does not count" grep -q "^$F1,submitted," "$T/l3"

# 4. a back-dated event (an officer's close dated before the submission)
cp -r "$T/base" "$T/L4"
ev=$(printf '{"type":"waived","lamport":60,"office":"county","actor":"%s","time":"2001-01-01T00:00:00Z","finding":"%s","prev":"%s","reason":"old"}\n' "$OLGA" "$F1" "$prev")
h=$(printf '%s\n' "$ev" | sha256sum | cut -c1-12)
blob=$(printf '%s\n' "$ev" | git --git-dir="$T/L4" hash-object -w --stdin)
commit_edit "$T/L4" "waive" "$dir/events/0000000060-county-$h.json=$blob"
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/L4"
check "a back-dated event is reported" grep -q "is back-dated: 2001-01-01T00:00:00Z is before" "$T/out"

# 4b. not back-dating: two offices' concurrent steps that follow the same event.
# The town's has the higher Lamport number but the earlier clock time; neither
# saw the other, so their clock order proves nothing and verify accepts both.
cp -r "$T/base" "$T/L4b"
F3=$(fid precision.vehicle household:H3)
dir3=$(dirname "$(git --git-dir="$T/L4b" ls-tree -r --name-only main | grep "/$F3/finding.json")")
prev3=$(git --git-dir="$T/L4b" ls-tree -r --name-only main | grep "/$F3/events/" | sort | tail -1 | sed 's/.*-\([0-9a-f]*\)\.json$/\1/')
edits=()
for spec in 70:county:2099-01-01T00:00:02Z 71:town:2099-01-01T00:00:01Z; do
	IFS=: read -r lam office hh mm ss <<<"$spec"
	ev=$(printf '{"type":"assigned","lamport":%d,"office":"%s","actor":"%s","time":"%s:%s:%s","finding":"%s","prev":"%s","unit":"%s","due":"2099-02-01"}\n' \
		"$lam" "$office" "$OLGA" "$hh" "$mm" "$ss" "$F3" "$prev3" "$UNIT")
	h=$(printf '%s\n' "$ev" | sha256sum | cut -c1-12)
	blob=$(printf '%s\n' "$ev" | git --git-dir="$T/L4b" hash-object -w --stdin)
	edits+=("$dir3/events/00000000$lam-$office-$h.json=$blob")
done
commit_edit "$T/L4b" "two offices assign" "${edits[@]}"
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/L4b"
check "concurrent steps of two offices are not called back-dated" test "$rc" -eq 0
[ "$rc" -eq 0 ] || sed 's/^/# /' "$T/out"

# 5. history rewritten after a verify (the event changed in place, commits re-made)
cp -r "$T/base" "$T/L5"
"$HUIKAN" ledger verify --ledger "$T/L5" >/dev/null
p=$(git --git-dir="$T/L5" ls-tree -r --name-only main | grep "/$F1/events/" | sed -n 3p)
blob=$(git --git-dir="$T/L5" cat-file -p "main:$p" | sed 's/"note":"sold"/"note":"given away"/' | git --git-dir="$T/L5" hash-object -w --stdin)
idx="$T/idx5"
GIT_INDEX_FILE=$idx git --git-dir="$T/L5" read-tree main
GIT_INDEX_FILE=$idx git --git-dir="$T/L5" update-index --cacheinfo "100644,$blob,$p"
tree=$(GIT_INDEX_FILE=$idx git --git-dir="$T/L5" write-tree)
c=$(git --git-dir="$T/L5" log -1 --format=%B main | git --git-dir="$T/L5" commit-tree "$tree" -p main~1)
git --git-dir="$T/L5" update-ref refs/heads/main "$c"
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/L5"
check "rewritten history is reported" grep -q "history was rewritten" "$T/out"
check "the rewritten event is reported" grep -q "content hash is" "$T/out"

# 6. a file that is not an event at all
cp -r "$T/base" "$T/L6"
blob=$(printf 'garbage' | git --git-dir="$T/L6" hash-object -w --stdin)
commit_edit "$T/L6" "junk" "$dir/events/junk.json=$blob"
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/L6"
check "an unparsable file is reported" grep -q "events/junk.json: .*not <lamport>-<office>-<hash>.json" "$T/out"

# 7. text from a forged event (its actor) reaches the terminal made visible:
# an escape sequence in a verify line is shown as \x1b, never sent raw
cp -r "$T/base" "$T/L7"
ev=$(printf '{"type":"closed","lamport":70,"office":"county","actor":"Evil \\u001b[2J <e@x.org>","time":"2099-01-01T00:00:00Z","finding":"%s","prev":"%s"}\n' "$F1" "$prev")
h=$(printf '%s\n' "$ev" | sha256sum | cut -c1-12)
blob=$(printf '%s\n' "$ev" | git --git-dir="$T/L7" hash-object -w --stdin)
commit_edit "$T/L7" "close" "$dir/events/0000000070-county-$h.json=$blob"
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/L7"
if [ "$rc" -ne 0 ] && ! grep -q $'\x1b' "$T/out" "$T/err" && grep -qF 'Evil \x1b[2J' "$T/out"; then
	ok "verify shows an escape sequence from the ledger as \\x1b"
else
	not_ok "verify lines with data from the ledger: rc $rc, $(head -c 300 "$T/out" | cat -v)"
fi

# 5. an event whose text is not UTF-8 (GBK bytes of 测试, with a valid name):
# not JSON, which no reader of the ledger takes
cp -r "$T/base" "$T/Lu"
ev=$(printf '{"type":"rejected","lamport":70,"office":"county","actor":"%s","time":"2099-01-01T00:00:00Z","finding":"%s","prev":"%s","reason":"\262\342\312\324"}\n' "$OLGA" "$F1" "$prev")
h=$(printf '%s\n' "$ev" | sha256sum | cut -c1-12)
blob=$(printf '%s\n' "$ev" | git --git-dir="$T/Lu" hash-object -w --stdin)
commit_edit "$T/Lu" "reject" "$dir/events/0000000070-county-$h.json=$blob"
run_hk "$T/out" "$T/err" ledger verify --full --ledger "$T/Lu"
check "an event that is not UTF-8: verify exits 1" test "$rc" -eq 1
check "... and says so, naming the file" grep -q "$dir/events/0000000070-county-$h.json: bytes that are not UTF-8 at byte" "$T/out"
