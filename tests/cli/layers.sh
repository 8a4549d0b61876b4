# The layers of host/ (docs/architecture.md), checked by scripts/layers.sh:
# first that the checks catch what they are meant to on a small tree made
# here, then that host/ and the objects of $HUIKAN's build pass every one.
. "$(dirname "$0")/lib.bash"

L=$ROOT/scripts/layers.sh
CC=${CC:-cc}

# layers_run OUT ARGS...: runs the script, its output in OUT; sets $rc.
layers_run() {
	local out=$1; shift
	"$L" "$@" >"$out" 2>&1
	rc=$?
}

# expect NAME LINE: passes when the last output holds LINE exactly and the
# script exited 1.
expect() {
	if [ "$rc" -eq 1 ] && grep -qxF "$2" "$T/out"; then
		ok "$1"
	else
		not_ok "$1: exit $rc, wanted the line: $2"
		sed 's/^/#   got: /' "$T/out"
	fi
}

# ---- a tree with one violation of each kind ----
H=$T/bad/host
mkdir -p "$H"/base "$H"/registry "$H"/ledger "$H"/cli "$H"/odd "$T/bad/obj"/base "$T/bad/obj"/ledger "$T/bad/obj"/cli
printf '#include "base/b.h"\n#pragma once\n' >"$H"/base/a.h # an include circle
printf '#include "base/a.h"\n#pragma once\n' >"$H"/base/b.h
printf 'int hk_d(void);\nint hk_c(void)\n{\n\treturn hk_d();\n}\n' >"$H"/base/c.c # a call circle
printf 'int hk_c(void);\nint hk_d(void)\n{\n\treturn 1 + hk_c();\n}\n' >"$H"/base/d.c
printf 'int hk_cli_tty(void);\n' >"$H"/cli/cli.h
printf '#include "cli/cli.h"\nint hk_cli_tty(void) { return 0; }\n' >"$H"/cli/cli.c
printf '/* a ledger file */\n#include "base/e.h"\n#include "cli/cli.h"\n' >"$H"/ledger/idx.h
printf 'int hk_e(void);\n' >"$H"/base/e.h
printf 'int hk_cli_tty(void); /* no include */\nint hk_idx(void)\n{\n\treturn hk_cli_tty();\n}\n' >"$H"/ledger/idx.c
printf '#include "buf.h"\n' >"$H"/registry/csv.h
printf '#include "base/a.h"\n' >"$H"/odd/x.h
for f in base/c base/d cli/cli ledger/idx; do
	"$CC" -c -I"$H" -o "$T/bad/obj/$f.o" "$H/$f.c" 2>"$T/cc.err" ||
		{ not_ok "compiling the test tree: $f.c"; head -n 5 "$T/cc.err" | sed 's/^/#   /'; }
done

layers_run "$T/out" -c layers "$H"
expect "layers: a ledger file including a cli/ header is named with file and line" \
	"layers: $H/ledger/idx.h:3: #include \"cli/cli.h\": ledger may not use cli (it may use: ledger base)"
expect "layers: an include that names no layer folder" \
	"layers: $H/registry/csv.h:1: #include \"buf.h\": names no layer folder (write \"<layer>/buf.h\")"
expect "layers: a file outside the layer folders" \
	"layers: $H/odd/x.h:1: #include \"base/a.h\": odd/ is not a layer folder"
[ "$(wc -l <"$T/out")" -eq 3 ] && ok "layers: nothing else reported" || not_ok "layers: $(cat "$T/out")"

layers_run "$T/out" -c cli-headers "$H"
expect "cli-headers: a cli/ header included outside cli/" \
	"cli-headers: $H/ledger/idx.h:3: #include \"cli/cli.h\": a cli/ header outside cli/"
[ "$(wc -l <"$T/out")" -eq 1 ] && ok "cli-headers: cli/ may include its own headers" || not_ok "cli-headers: $(cat "$T/out")"

layers_run "$T/out" -c header-cycles "$H"
expect "header-cycles: a.h -> b.h is named" \
	"header-cycles: $H/base/a.h:1: #include \"base/b.h\" (a circle: $H/base/a.h $H/base/b.h)"
expect "header-cycles: b.h -> a.h is named" \
	"header-cycles: $H/base/b.h:1: #include \"base/a.h\" (a circle: $H/base/a.h $H/base/b.h)"

layers_run "$T/out" -o "$T/bad/obj" -c module-cycles "$H"
expect "module-cycles: c.c calls d.c ... (from the objects)" \
	"module-cycles: $H/base/c.c:4: calls hk_d ($H/base/d.c) (a circle: $H/base/c $H/base/d)"
expect "module-cycles: ... and d.c calls c.c" \
	"module-cycles: $H/base/d.c:4: calls hk_c ($H/base/c.c) (a circle: $H/base/c $H/base/d)"
expect "module-cycles: the modules of two headers in a circle" \
	"module-cycles: $H/base/a.h:1: #include \"base/b.h\" (a circle: $H/base/a $H/base/b)"

layers_run "$T/out" -o "$T/bad/obj" -c calls "$H"
expect "calls: a call into a layer not allowed, even without its header" \
	"calls: $H/ledger/idx.c:4: calls hk_cli_tty ($H/cli/cli.c): ledger may not use cli (it may use: ledger base)"

layers_run "$T/out" -c nonsense "$H"
[ "$rc" -eq 2 ] && grep -q "unknown check 'nonsense'" "$T/out" && ok "an unknown check is a usage error" ||
	not_ok "unknown check: exit $rc $(cat "$T/out")"

# ---- huikan's own host/ ----
obj=$(dirname "$HUIKAN")/obj
if [ ! -d "$obj" ]; then
	not_ok "the objects of $HUIKAN are in $obj"
else
	cd "$ROOT" && layers_run "$T/out" -o "$obj" host
	[ "$rc" -le 1 ] || not_ok "scripts/layers.sh on host/: exit $rc: $(cat "$T/out")"
	for c in layers cli-headers header-cycles module-cycles calls; do
		if ! grep -q "^$c: " "$T/out"; then
			ok "host/ passes $c"
		else
			not_ok "host/ fails $c"
			grep "^$c: " "$T/out" | sed 's/^/#   /'
		fi
	done
fi
