# Signed ledgers (issue 12): every commit huikan writes carries its actor's
# SSH signature (git's own format), keys are bound to people in roles/, and
# `ledger verify` and `ledger sync` refuse forgeries made with plain git and
# ssh-keygen: a step signed with an unregistered key, a unit member's key on
# an officer's step, a revoked key used after its revocation, a role grant
# signed by a non-admin, a stripped signature, a tree changed under an old
# signature, events edited and re-signed by another key holder. Stock git
# (`git verify-commit` with `ledger allowed-signers`) agrees on every commit.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
export LSAN_OPTIONS="suppressions=$ROOT/tests/cli/lsan-libgit2.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
unset HUIKAN_USER HUIKAN_SIGNING_KEY
export GIT_CONFIG_NOSYSTEM=1 HOME="$T/home"
mkdir -p "$HOME" "$T/k"

if ! command -v ssh-keygen >/dev/null; then
	not_ok "ssh-keygen is not installed (openssh-client, scripts/packages.txt)"
	exit 0
fi
for k in ann olga oscar wang eve; do ssh-keygen -q -t ed25519 -N '' -C "$k" -f "$T/k/$k"; done
K=$T/k

# ---- an honest signed ledger ----
B=$T/base
run_hk "$T/out" "$T/err" ledger init "$B" --office county --admin "$ADMIN"
check "init without a key is refused (a ledger is signed unless --unsigned)" test "$rc" -eq 2
grep -q -- "--key FILE" "$T/err" || not_ok "init without a key says to give --key: $(cat "$T/err")"
run_hk "$T/out" "$T/err" ledger init "$B" --office county --admin "$ADMIN" --key "$K/ann"
check "init --key makes a signed ledger" test "$rc" -eq 0
grep -q '"signed":true' <(git --git-dir="$B" show main:ledger.json) || not_ok "ledger.json says signed"
git --git-dir="$B" cat-file commit main | grep -q '^gpgsig -----BEGIN SSH SIGNATURE-----' && ok "the founding commit is signed" || not_ok "the founding commit is signed"
hk() { "$HUIKAN" "$@" --ledger "$B"; }
hk ledger role add officer "$OLGA" --key "$K/olga.pub" --signing-key "$K/ann" >/dev/null &&
	hk ledger role add officer "$OSCAR" --key "$K/oscar.pub" --signing-key "$K/ann" >/dev/null &&
	hk ledger role add unit "$UNIT" --signing-key "$K/ann" >/dev/null &&
	hk ledger role add-key "$UNIT_GUY" "$K/wang.pub" --signing-key "$K/ann" >/dev/null
check "roles and keys granted by the admin, signed with the admin's key" test $? -eq 0
run_hk "$T/out" "$T/err" ledger role add officer "$IRIS" --key "$K/olga.pub" --ledger "$B" --signing-key "$K/ann"
check "a key already bound to someone is refused for another" test "$rc" -eq 2
run_hk "$T/out" "$T/err" ledger role add inspector "$IRIS" --ledger "$B" --signing-key "$K/olga"
check "a role change signed by an officer is refused" test "$rc" -eq 2
write_findings "$T/f.jsonl" 3
run_hk "$T/out" "$T/err" ledger record --findings "$T/f.jsonl" --pack poverty --ledger "$B" --key "$K/eve"
check "a key bound to no one cannot write" test "$rc" -eq 2
grep -q "belongs to no one" "$T/err" || not_ok "... saying so: $(cat "$T/err")"
run_hk "$T/out" "$T/err" ledger record --findings "$T/f.jsonl" --pack poverty --ledger "$B" --key "$K/olga" --as "$ADMIN"
check "--as naming someone else than the key's owner is refused" test "$rc" -eq 2
grep -q "belongs to Olga" "$T/err" || not_ok "... naming the owner: $(cat "$T/err")"
run_hk "$T/out" "$T/err" ledger record --findings "$T/f.jsonl" --pack poverty --ledger "$B" --key "$K/olga"
check "a run signed by an officer" test "$rc" -eq 0
F1=$(fid precision.vehicle household:H1)
F2=$(fid precision.vehicle household:H2)
F3=$(fid precision.vehicle household:H3)
printf 'photo\n' >"$T/photo.txt"
for f in "$F1" "$F2" "$F3"; do
	hk assign "$f" --unit "$UNIT" --due 2099-12-01 --key "$K/olga" >/dev/null &&
		hk submit "$f" --note sold --evidence "$T/photo.txt" --key "$K/wang" >/dev/null || not_ok "assign and submit $f"
done
git --git-dir="$B" log -1 --format=%B main | grep -q "^Huikan-Actor: $UNIT_GUY" && ok "the actor is the key's owner" || not_ok "the actor is the key's owner"
: >"$T/none.jsonl"
hk ledger record --findings "$T/none.jsonl" --pack poverty --rules precision.vehicle --key "$K/olga" >/dev/null ||
	not_ok "a run that no longer finds them"
run_hk "$T/out" "$T/err" close "$F1" --note checked --ledger "$B" --key "$K/olga"
check "an officer closes with her key" test "$rc" -eq 0 || cat "$T/err"
# a passphrase-protected key in ssh-agent, named by its .pub (git's way)
if command -v ssh-agent >/dev/null && command -v ssh-add >/dev/null; then
	cp "$K/oscar" "$K/oscar-pp" && cp "$K/oscar.pub" "$K/oscar-pp.pub" && ssh-keygen -q -p -P '' -N 'secret pass' -f "$K/oscar-pp" >/dev/null
	eval "$(ssh-agent -s)" >/dev/null
	printf '#!/bin/sh\necho "secret pass"\n' >"$T/askpass" && chmod +x "$T/askpass"
	SSH_ASKPASS="$T/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=:0 ssh-add "$K/oscar-pp" </dev/null >/dev/null 2>&1
	rm -f "$K/oscar-pp" # only the agent has the private key now
	run_hk "$T/out" "$T/err" close "$F2" --note checked --ledger "$B" --key "$K/oscar-pp.pub"
	check "a close signed through ssh-agent (passphrase key, named by its .pub)" test "$rc" -eq 0
	ssh-agent -k >/dev/null
	unset SSH_AUTH_SOCK SSH_AGENT_PID
else
	hk close "$F2" --note checked --key "$K/oscar" >/dev/null || not_ok "oscar closes"
fi
HUIKAN_SIGNING_KEY=$K/ann hk ledger role revoke-key "$OSCAR" "$K/oscar.pub" >/dev/null
check "the admin revokes Oscar's key (HUIKAN_SIGNING_KEY)" test $? -eq 0
run_hk "$T/out" "$T/err" close "$F3" --note checked --ledger "$B" --key "$K/oscar"
check "a revoked key can no longer sign" test "$rc" -eq 2
git --git-dir="$B" config user.signingkey "$K/olga"
run_hk "$T/out" "$T/err" ledger verify --ledger "$B"
check "the honest ledger verifies (Oscar's close before the revocation stays valid)" test "$rc" -eq 0
git --git-dir="$B" config --unset user.signingkey

cp "$K/olga.pub" "$K/lone.pub"
run_hk "$T/out" "$T/err" reject "$F3" --reason again --ledger "$B" --key "$K/lone.pub"
check "a public key whose private key is nowhere: refused, quoting ssh-keygen" \
	grep -q 'signing with .*lone.pub failed (ssh-keygen -Y sign exit 255): No private key found for public key ".*lone.pub"$' "$T/err"
check "... exit 2, nothing written" test "$rc" -eq 2

# the key holders and what stock git makes of every commit
"$HUIKAN" ledger allowed-signers --ledger "$B" >"$T/signers"
check "allowed-signers lists each key with its owner's e-mail" \
	grep -q "^olga@county.gov.cn namespaces=\"git\" $(cut -d' ' -f1,2 "$K/olga.pub")\$" "$T/signers"

# ---- forgeries, made with plain git and ssh-keygen ----
# resign LEDGER COMMIT KEY [SED]: the commit re-made from its text (edited by
# SED), without its signature, then signed with KEY (none: left unsigned) as
# git commit -S does; prints the new commit.
resign() {
	local g=$1 c=$2 key=$3 ed=${4:-} body
	git --git-dir="$g" cat-file commit "$c" | awk '/^gpgsig /{skip=1; next} skip && /^ /{next} {skip=0; print}' >"$T/raw"
	[ -n "$ed" ] && sed -i "$ed" "$T/raw"
	if [ "$key" != none ]; then
		ssh-keygen -Y sign -n git -f "$key" <"$T/raw" >"$T/raw.sig" 2>/dev/null || return 1
		# the gpgsig header after the committer line, continuation lines indented
		awk -v sig="$T/raw.sig" '{print} /^committer / && !done {
			first = 1; while ((getline line < sig) > 0) { printf "%s%s\n", first ? "gpgsig " : " ", line; first = 0 }
			done = 1 }' "$T/raw" >"$T/raw.signed"
		mv "$T/raw.signed" "$T/raw"
	fi
	git --git-dir="$g" hash-object -t commit -w --literally "$T/raw"
}
# event_at LEDGER COMMIT: the event file the commit added
event_at() { git --git-dir="$1" diff-tree -r --no-commit-id --name-only --diff-filter=A "$2" | grep '/events/\|^roles/' | head -1; }
# add_event LEDGER PARENT JSON DIR MSG KEY: commits an event file (named from
# its bytes as huikan names it) on PARENT, signed with KEY; prints the commit
add_event() {
	local g=$1 parent=$2 json=$3 dir=$4 msg=$5 key=$6 lam office hash b idx="$T/idx" t
	lam=$(printf '%s' "$json" | sed 's/.*"lamport":\([0-9]*\).*/\1/')
	office=$(printf '%s' "$json" | sed 's/.*"office":"\([^"]*\)".*/\1/')
	hash=$(printf '%s\n' "$json" | sha256sum | cut -c1-12)
	b=$(printf '%s\n' "$json" | git --git-dir="$g" hash-object -w --stdin)
	rm -f "$idx"
	GIT_INDEX_FILE=$idx git --git-dir="$g" read-tree "$parent"
	GIT_INDEX_FILE=$idx git --git-dir="$g" update-index --add --cacheinfo "100644,$b,$dir/$(printf '%010d' "$lam")-$office-$hash.json"
	t=$(GIT_INDEX_FILE=$idx git --git-dir="$g" write-tree)
	printf '%s\n' "$msg" | GIT_AUTHOR_NAME=x GIT_AUTHOR_EMAIL=x@x GIT_COMMITTER_NAME=x GIT_COMMITTER_EMAIL=x@x \
		git --git-dir="$g" -c gpg.format=ssh -c user.signingkey="$key" commit-tree -S "$t" -p "$parent"
}
lamport() { git --git-dir="$1" log -1 --format=%B "$2" | sed -n 's/^Huikan-Lamport: //p'; }
dir_of() { dirname "$(git --git-dir="$1" ls-tree -r --name-only main | grep "/$2/finding.json")"; }
last_event() { git --git-dir="$1" ls-tree -r --name-only main | grep "/$2/events/" | sort | tail -1 | sed 's/.*-\([0-9a-f]*\)\.json$/\1/'; }

# forged NAME PATTERN: main of $R is the forgery; verify reports PATTERN and a
# sync from it into a copy of the base ledger is refused as a whole, nothing merged.
forged() {
	local name=$1 pattern=$2 L="$T/local-$RANDOM" head refs
	run_hk "$T/vout" "$T/verr" ledger verify --ledger "$R"
	if [ "$rc" -eq 1 ] && grep -qE -- "$pattern" "$T/vout"; then
		ok "$name: verify reports it"
	else
		not_ok "$name: verify rc $rc: $(head -c 800 "$T/vout" "$T/verr")"
	fi
	git clone -q --bare "$B" "$L"
	git --git-dir="$L" config huikan.office town
	head=$(git --git-dir="$L" rev-parse main)
	refs=$(git --git-dir="$L" for-each-ref | sort)
	run_hk "$T/out" "$T/err" ledger sync "$R" --ledger "$L" --key "$K/ann"
	if [ "$rc" -eq 2 ] && grep -q "refused .* as a whole" "$T/err" && grep -qE -- "$pattern" "$T/err"; then
		ok "$name: sync refuses the remote, naming commit and reason"
	else
		not_ok "$name: sync rc $rc: $(head -c 800 "$T/err")"
	fi
	check "$name: nothing merged" test "$(git --git-dir="$L" rev-parse main)" = "$head"
	check "$name: no ref left" test "$(git --git-dir="$L" for-each-ref | sort)" = "$refs"
	check "$name: the local ledger still verifies" "$HUIKAN" ledger verify --ledger "$L"
}
fresh() { R="$T/r-$RANDOM"; git clone -q --bare "$B" "$R"; }
D3=$(dir_of "$B" "$F3")
close_json() { # ACTOR LAMPORT
	printf '{"type":"closed","lamport":%s,"office":"county","actor":"%s","time":"2030-01-01T00:00:00Z","finding":"%s","prev":"%s","note":"checked"}' \
		"$2" "$1" "$F3" "$(last_event "$B" "$F3")"
}
close_msg() { # ACTOR LAMPORT
	printf 'close %s\n\nHuikan-Event: closed\nHuikan-Finding: %s\nHuikan-Lamport: %s\nHuikan-Office: county\nHuikan-Actor: %s\n' "$F3" "$F3" "$2" "$1"
}
L1=$(($(lamport "$B" main) + 1))

# 1. a step signed with an unregistered key
fresh
c=$(add_event "$R" main "$(close_json "Eve <eve@x.cn>" $L1)" "$D3/events" "$(close_msg "Eve <eve@x.cn>" $L1)" "$K/eve")
git --git-dir="$R" update-ref refs/heads/main "$c"
forged "unregistered key" "commit ${c:0:12}: signed with a key that belongs to no one"

# 2. a unit member's key on a close that names an officer
fresh
c=$(add_event "$R" main "$(close_json "$OLGA" $L1)" "$D3/events" "$(close_msg "$OLGA" $L1)" "$K/wang")
git --git-dir="$R" update-ref refs/heads/main "$c"
forged "unit member claims to be an officer" "commit ${c:0:12}: its actor is $OLGA, but it is signed with the key of $UNIT_GUY"
fresh
c=$(add_event "$R" main "$(close_json "$OLGA" $L1)" "$D3/events" "$(close_msg "$UNIT_GUY" $L1)" "$K/wang")
git --git-dir="$R" update-ref refs/heads/main "$c"
forged "unit member's commit, officer in its events" "commit ${c:0:12}: .*names $OLGA as its actor, but the commit is signed with the key of $UNIT_GUY"

# 3. a close signed with Oscar's key after its revocation
fresh
c=$(add_event "$R" main "$(close_json "$OSCAR" $L1)" "$D3/events" "$(close_msg "$OSCAR" $L1)" "$K/oscar")
git --git-dir="$R" update-ref refs/heads/main "$c"
forged "revoked key after the revocation" "commit ${c:0:12}: signed with a key revoked before it"

# 4. a role grant signed by a non-admin (Olga grants Eve officer)
fresh
g=$(printf '{"type":"granted","lamport":%s,"office":"county","actor":"%s","time":"2030-01-01T00:00:00Z","role":"officer","who":"Eve <eve@x.cn>","key":"%s"}' \
	$L1 "$OLGA" "$(cut -d' ' -f1,2 "$K/eve.pub")")
c=$(add_event "$R" main "$g" roles "$(printf 'role: grant\n\nHuikan-Event: granted\nHuikan-Lamport: %s\nHuikan-Office: county\nHuikan-Actor: %s\n' $L1 "$OLGA")" "$K/olga")
git --git-dir="$R" update-ref refs/heads/main "$c"
forged "role grant by a non-admin" "commit ${c:0:12}: roles/.*a role change signed by $OLGA, who is not an admin"

# the honest close of F1 (by Olga), the commit the next forgeries start from
CLOSE=$(git --git-dir="$B" log --format=%H --grep="^Huikan-Event: closed" main | tail -1)
git --git-dir="$B" log -1 --format=%B "$CLOSE" | grep -q "Huikan-Actor: $OLGA" || not_ok "the first close is Olga's"
# rebuild the history after CLOSE on top of a replacement X of it
replace() { # LEDGER OLD NEW: main re-made with NEW in place of OLD (later commits re-signed by their actors' keys)
	local g=$1 old=$2 new=$3 top=$3 c
	for c in $(git --git-dir="$g" rev-list --reverse "$old..main"); do
		top=$(resign "$g" "$c" "$K/$(keyof "$(git --git-dir="$g" log -1 --format=%ae "$c")")" "s/^parent .*/parent $top/")
	done
	git --git-dir="$g" update-ref refs/heads/main "$top"
}
keyof() { case "$1" in ann@*) echo ann ;; olga@*) echo olga ;; oscar@*) echo oscar ;; wang@*) echo wang ;; *) echo eve ;; esac; }

# 5. the signature stripped
fresh
x=$(resign "$R" "$CLOSE" none)
replace "$R" "$CLOSE" "$x"
forged "signature stripped" "commit ${x:0:12}: not signed"

# 6. the tree changed under the old signature: Olga's close note rewritten
# edited_tree LEDGER: CLOSE's tree with its event's note rewritten (and the
# file renamed to the new bytes' hash, as huikan names events); prints it
edited_tree() {
	local g=$1 p nb np idx="$T/idx6"
	p=$(event_at "$g" "$CLOSE")
	nb=$(git --git-dir="$g" cat-file blob "$CLOSE:$p" | sed 's/"note":"checked"/"note":"verified on site"/' | git --git-dir="$g" hash-object -w --stdin)
	np="${p%-*}-$(git --git-dir="$g" cat-file blob "$nb" | sha256sum | cut -c1-12).json"
	rm -f "$idx"
	GIT_INDEX_FILE=$idx git --git-dir="$g" read-tree "$CLOSE"
	GIT_INDEX_FILE=$idx git --git-dir="$g" update-index --force-remove "$p"
	GIT_INDEX_FILE=$idx git --git-dir="$g" update-index --add --cacheinfo "100644,$nb,$np"
	GIT_INDEX_FILE=$idx git --git-dir="$g" write-tree
}
fresh
nt=$(edited_tree "$R")
# the commit text with the new tree, the old gpgsig header kept as it was
x=$(git --git-dir="$R" cat-file commit "$CLOSE" | sed "1s/^tree .*/tree $nt/" | git --git-dir="$R" hash-object -t commit -w --literally --stdin)
replace "$R" "$CLOSE" "$x"
forged "tree changed after signing" "commit ${x:0:12}: bad signature: the signature does not match"

# 7. the same edit re-signed by another key holder (Wang, the unit member)
fresh
nt=$(edited_tree "$R")
x=$(resign "$R" "$CLOSE" "$K/wang" "s/^tree .*/tree $nt/")
replace "$R" "$CLOSE" "$x"
forged "events edited and re-signed by another key holder" "commit ${x:0:12}: its actor is $OLGA, but it is signed with the key of $UNIT_GUY"

# ---- an honest merge is signed too, and stock git agrees on every commit ----
O=$T/other
git clone -q --bare "$B" "$O"
git --git-dir="$O" config huikan.office town
"$HUIKAN" close "$F3" --note "town check" --ledger "$O" --key "$K/olga" >/dev/null || not_ok "close in the other office"
"$HUIKAN" reopen "$F1" --reason recheck --ledger "$B" --key "$K/olga" >/dev/null || not_ok "reopen in the base"
run_hk "$T/out" "$T/err" ledger sync "$O" --ledger "$B" --key "$K/ann"
check "an honest sync merges" test "$rc" -eq 0
git --git-dir="$B" log -1 --format='%P' main | grep -q ' ' && ok "the sync made a merge" || not_ok "the sync made a merge: $(cat "$T/out")"
git --git-dir="$B" cat-file commit main | grep -q '^gpgsig ' && ok "the merge commit is signed" || not_ok "the merge commit is signed"
"$HUIKAN" ledger allowed-signers --ledger "$B" >"$T/signers"
# same_answer LEDGER COMMIT: git verify-commit and huikan (verify of the
# history up to COMMIT, naming COMMIT or not) agree
same_answer() {
	local g=$1 c=$2 G=$T/at-$RANDOM gitok=0 hkok=0
	git --git-dir="$g" -c gpg.ssh.allowedSignersFile="$T/signers" verify-commit "$c" >/dev/null 2>&1 && gitok=1
	git clone -q --bare "$g" "$G"
	git --git-dir="$G" update-ref refs/heads/main "$c"
	"$HUIKAN" ledger verify --ledger "$G" >"$T/sa" 2>&1
	grep -q "^commit ${c:0:12}: .*sign" "$T/sa" || hkok=1
	rm -rf "$G"
	[ "$gitok" = "$hkok" ] && echo "$gitok" || echo "disagree(git $gitok huikan $hkok)"
}
n=0 bad=0
for c in $(git --git-dir="$B" rev-list main); do
	n=$((n + 1))
	a=$(same_answer "$B" "$c")
	[ "$a" = 1 ] || { bad=$((bad + 1)); not_ok "commit ${c:0:12}: $a"; }
done
check "git verify-commit and huikan both accept each of the $n commits of the honest ledger" test "$bad" -eq 0
check "the honest ledger with its merge verifies" "$HUIKAN" ledger verify --ledger "$B"
git --git-dir="$B" -c gpg.ssh.allowedSignersFile="$T/signers" log --show-signature -1 main 2>&1 | grep -q 'Good "git" signature' &&
	ok "git log --show-signature shows a good signature" || not_ok "git log --show-signature"
# ... and both refuse a commit whose signature is bad: stripped, tree changed,
# unknown key (a valid signature by the wrong person is huikan's alone to
# see: git knows keys, not actors)
fresh
nt=$(edited_tree "$R")
x=$(resign "$R" main none "s/^tree .*/tree $nt/")
check "both refuse an unsigned commit" test "$(same_answer "$R" "$x")" = 0
x=$(git --git-dir="$R" cat-file commit main | sed "1s/^tree .*/tree $nt/" | git --git-dir="$R" hash-object -t commit -w --literally --stdin)
check "both refuse a commit changed after signing" test "$(same_answer "$R" "$x")" = 0
x=$(resign "$R" main "$K/eve")
check "both refuse a commit signed with an unknown key" test "$(same_answer "$R" "$x")" = 0

# ---- unsigned ledgers ----
run_hk "$T/out" "$T/err" ledger init "$T/U" --office county --admin "$ADMIN" --unsigned
check "init --unsigned" test "$rc" -eq 0
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/U"
check "an unsigned ledger verifies" test "$rc" -eq 0
check "... with a notice that it is unsigned" grep -q "notice: .* is an unsigned ledger" "$T/err"
run_hk "$T/out" "$T/err" ledger role add officer "$OLGA" --ledger "$T/U" --as "$ADMIN"
check "an unsigned ledger takes --as as before" test "$rc" -eq 0
check "... and writes unsigned commits" sh -c "! git --git-dir='$T/U' cat-file commit main | grep -q '^gpgsig'"
