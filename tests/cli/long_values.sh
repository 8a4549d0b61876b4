#!/usr/bin/env bash
# Long values are kept whole or refused clearly, never cut (the buffers that
# -Wformat-truncation=2 found): a long identity in commits and trailers, an
# identity too long for the ledger's state, the reason `show` gives for an
# illegal event, the --rule patterns of `findings`.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"

# an identity of 248 bytes (a ledger keeps up to 255): whole in the commit's
# author name and e-mail and in its Huikan-Actor trailer
name=$(printf 'N%.0s' $(seq 140))
mail=$(printf 'm%.0s' $(seq 90))@county.example
who="$name <$mail>"
"$HUIKAN" ledger init --unsigned "$T/a.git" --office county --admin "$who" >/dev/null 2>"$T/err"
check "an identity of ${#who} bytes is taken" test "$?" -eq 0
check "commit author name kept whole (${#name} bytes)" test "$(git --git-dir="$T/a.git" log -1 --format=%an main)" = "$name"
check "commit author e-mail kept whole (${#mail} bytes)" test "$(git --git-dir="$T/a.git" log -1 --format=%ae main)" = "$mail"
check "Huikan-Actor trailer kept whole" sh -c "git --git-dir='$T/a.git' log -1 --format=%B main | grep -qxF 'Huikan-Actor: $who'"

# longer than the ledger's state holds: refused, saying so, nothing created
long="$(printf 'L%.0s' $(seq 1500)) <$(printf 'e%.0s' $(seq 600))@county.example>"
run_hk "$T/out" "$T/err" ledger init --unsigned "$T/b.git" --office county --admin "$long"
check "a ${#long}-byte identity is refused (exit 2)" test "$rc" -eq 2
check "the refusal says it is too long and how long" grep -q "is ${#long} bytes, longer than 255" "$T/err"
new_ledger "$T/c.git"
write_findings "$T/f.jsonl" 2
run_hk "$T/out" "$T/err" ledger record --findings "$T/f.jsonl" --pack poverty --ledger "$T/c.git" --as "$long"
check "a too-long --as for a step is refused (exit 2), not cut" test "$rc" -eq 2
check "nothing recorded with the too-long identity" sh -c "! git --git-dir='$T/c.git' log --format=%an main | grep -q LLLL"

# show: the reason an event is illegal is printed whole (a forged close by a
# long-named non-officer: the reason holds the whole name)
g=$T/c.git
"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --ledger "$g" --as "$ADMIN" >/dev/null
F1=$(fid precision.vehicle household:H1)
"$HUIKAN" assign "$F1" --unit "$UNIT" --allow-past-due --due 2026-12-01 --ledger "$g" --as "$OLGA" >/dev/null
"$HUIKAN" submit "$F1" --note "sold" --ledger "$g" --as "$UNIT_GUY" >/dev/null
forger="$(printf 'F%.0s' $(seq 300)) <f@x.example>"  # forged: longer than --as allows
prev=$(git --git-dir="$g" ls-tree -r --name-only main | grep "/$F1/events/" | sort | tail -1 | sed 's/.*-\([0-9a-f]*\)\.json$/\1/')
ev=$(printf '{"type":"closed","lamport":50,"office":"county","actor":"%s","time":"2099-01-01T00:00:00Z","finding":"%s","prev":"%s"}\n' "$forger" "$F1" "$prev")
h=$(printf '%s\n' "$ev" | sha256sum | cut -c1-12)
blob=$(printf '%s\n' "$ev" | git --git-dir="$g" hash-object -w --stdin)
dir=$(dirname "$(git --git-dir="$g" ls-tree -r --name-only main | grep "/$F1/finding.json")")
idx=$T/index
GIT_INDEX_FILE=$idx git --git-dir="$g" read-tree main
GIT_INDEX_FILE=$idx git --git-dir="$g" update-index --add --cacheinfo "100644,$blob,$dir/events/0000000050-county-$h.json"
tree=$(GIT_INDEX_FILE=$idx git --git-dir="$g" write-tree)
commit=$(printf 'close\n\nHuikan-Lamport: 50\n' | git --git-dir="$g" commit-tree "$tree" -p main)
git --git-dir="$g" update-ref refs/heads/main "$commit"
"$HUIKAN" show "$F1" --ledger "$g" >"$T/show" 2>"$T/err"
grep '!!' "$T/show" | grep -qF "$forger" && ok "show prints the whole reason of an illegal event (${#forger}-byte name in it)" ||
	not_ok "show cut the reason: $(grep '!!' "$T/show" | head -c 400) $(head -c 200 "$T/err")"
"$HUIKAN" show "$F1" --ledger "$g" --format json >"$T/show.json"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert any(e.get("illegal") and sys.argv[2] in e["illegal"] for e in d["events"])' "$T/show.json" "$forger" &&
	ok "show --format json: the whole reason" || not_ok "show json: $(head -c 300 "$T/show.json")"

# findings --rule: every pattern counts, or a clear refusal; never some dropped
pats=$(for i in $(seq 299); do printf 'nothing.%d,' "$i"; done)precision.vehicle
run_hk "$T/out" "$T/err" findings --ledger "$g" --rule "$pats"
check "findings --rule with 300 patterns: a usage error, not a silent drop (exit 2)" test "$rc" -eq 2
check "the refusal says how many patterns are allowed" grep -Eq "more than [0-9]+ (patterns|ids or globs)" "$T/err"
pats=$(for i in $(seq 200); do printf 'nothing.%d,' "$i"; done)precision.vehicle
run_hk "$T/out" "$T/err" findings --ledger "$g" --rule "$pats"
check "findings --rule with 201 patterns: the last one counts" grep -q "^$F1" "$T/out"
