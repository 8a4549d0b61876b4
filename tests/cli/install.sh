# The Makefile's user-facing side: `make install PREFIX=DIR` gives a binary
# that finds its plugins, packs and data under DIR/share/huikan from any
# working directory; LDFLAGS reach the links; -Werror only in the developer
# builds; scripts/deps.sh without dpkg-query.
#
# To stay fast the install copies the binary under test (BIN=$HUIKAN) instead
# of building build/huikan: `make install` is otherwise the same target.
. "$(dirname "$0")/lib.bash"

# ---- make install ----
if make -C "$ROOT" install PREFIX="$T/p" BIN="$HUIKAN" >"$T/make.log" 2>&1; then
	ok "make install PREFIX=DIR BIN=FILE"
else
	not_ok "make install: $(tail -n 5 "$T/make.log")"
fi
check "the binary is DIR/bin/huikan" test -x "$T/p/bin/huikan"
for d in plugins audits/poverty data/divisions; do
	check "DIR/share/huikan/$d is installed" test -d "$T/p/share/huikan/$d"
done

# From another directory, with nothing pointing at the source tree: the binary
# must look beside itself (<bindir>/../share/huikan).
mkdir -p "$T/elsewhere"
inst() { (cd "$T/elsewhere" && env -u HUIKAN_HOME -u HUIKAN_PLUGINS "$T/p/bin/huikan" "$@"); }
inst import --db "$T/r.db" "$ROOT/tests/fixtures/small" >"$T/out" 2>"$T/err"
check "the installed huikan imports" test $? -eq 0
inst run poverty --db "$T/r.db" --as-of 2020-06-30 --format jsonl -q -o "$T/f.jsonl" >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" -le 1 ] && [ -s "$T/f.jsonl" ] && grep -q '"rule":"\(precision\|assignment\|funds\)\.' "$T/f.jsonl"; then
	ok "the installed huikan runs the pack named poverty from another directory (exit $rc)"
else
	not_ok "installed run poverty: exit $rc: $(head -c 400 "$T/err")"
fi
inst rules poverty >"$T/out" 2>"$T/err"
check "the installed huikan lists the poverty catalogue" grep -q 'funds.benford' "$T/out"
inst demo-data --out "$T/county" --households 20 --seed 3 >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 0 ] && [ -s "$T/county/households.csv" ] && ok "the installed huikan finds its plugins and data (demo-data)" ||
	not_ok "installed demo-data: exit $rc: $(head -c 400 "$T/err")"

# HUIKAN_HOME comes first; without the installed tree the pack is not found.
mkdir -p "$T/home/audits"
cp -R "$ROOT/audits/poverty" "$T/home/audits/mine"
(cd "$T/elsewhere" && HUIKAN_HOME="$T/home" HUIKAN_PLUGINS="$ROOT/plugins" "$T/p/bin/huikan" rules mine) >"$T/out" 2>&1
check "HUIKAN_HOME is looked at before the installed tree" grep -q 'funds.benford' "$T/out"
mv "$T/p/share/huikan/audits" "$T/p/share/huikan/audits.off"
inst run poverty --db "$T/r.db" --as-of 2020-06-30 -q -o "$T/f2.jsonl" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 2 ] && ok "with DIR/share/huikan/audits gone the pack is not found (exit 2)" ||
	not_ok "run without the installed audits: exit $rc"

# ---- flags ----
make -n -B -C "$ROOT" build/obj/base/buf.o >"$T/n" 2>&1
grep -q -- '-Wall' "$T/n" && ! grep -q -- '-Werror' "$T/n" && ok "a plain make does not use -Werror" ||
	not_ok "plain make: $(cat "$T/n")"
make -n -B -C "$ROOT" build/asan/obj/base/buf.o >"$T/n" 2>&1
grep -q -- '-Werror' "$T/n" && ok "the asan build of make check uses -Werror" || not_ok "asan build: $(cat "$T/n")"
make -n -B -C "$ROOT" build/huikan build/asan/huikan LDFLAGS=-Wl,-z,hk-marker >"$T/n" 2>&1
[ "$(grep -cE -- '-Wl,-z,hk-marker( .*)? -o build/(asan/)?huikan ' "$T/n")" -eq 2 ] &&
	ok "LDFLAGS reach both links" || not_ok "LDFLAGS: $(grep -- '-o build/' "$T/n")"

# ---- scripts/deps.sh without dpkg-query ----
# A PATH with the tools deps.sh and the checks need, and no dpkg-query.
mkdir -p "$T/bin"
for c in bash env dirname pkg-config grep id sed cat chromium chromium-browser node unzip lua5.4 sqlite3 \
	clang git luacheck python3 xgettext ssh-keygen jq; do
	p=$(command -v "$c") && ln -s "$p" "$T/bin/$c"
done
# python3 may be a version manager's shim that needs its own PATH: link the interpreter.
p=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) && ln -sf "$p" "$T/bin/python3"
PATH=$T/bin bash "$ROOT/scripts/deps.sh" >"$T/out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && ok "deps.sh without dpkg-query: everything found with pkg-config and the commands" ||
	not_ok "deps.sh without dpkg-query: exit $rc: $(cat "$T/out")"
# Every package of scripts/packages.txt must say what it provides, or a machine
# without dpkg would take its absence for presence.
grep -q 'cannot check' "$T/out" && not_ok "deps.sh: packages it cannot check: $(grep 'cannot check' "$T/out" | tr '\n' ' ')" ||
	ok "deps.sh knows what every package of packages.txt provides"
mkdir -p "$T/nopc"
PATH=$T/bin PKG_CONFIG_LIBDIR=$T/nopc PKG_CONFIG_PATH= bash "$ROOT/scripts/deps.sh" >"$T/out" 2>&1
rc=$?
[ "$rc" -eq 1 ] && grep -q 'libgit2-dev (provides pc libgit2)' "$T/out" &&
	ok "deps.sh without dpkg-query names a library pkg-config cannot find and fails" ||
	not_ok "deps.sh, no .pc files: exit $rc: $(cat "$T/out")"
