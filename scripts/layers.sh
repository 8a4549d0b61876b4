#!/usr/bin/env bash
# scripts/layers.sh - checks that host/ keeps its layers (docs/architecture.md).
#
# usage: scripts/layers.sh [-o OBJDIR] [-c CHECK]... [HOSTDIR]
#
# HOSTDIR (default: host/ beside this script) holds one folder a layer. The
# edges a layer may take:
#   base     -> base
#   registry -> base
#   engine   -> registry, base
#   ledger   -> base
#   report   -> ledger, registry, base
#   cli      -> every layer
# Checks (all by default, calls only with -o; -c picks some):
#   layers         every quoted #include names a layer folder the file's layer may use
#   cli-headers    nothing outside cli/ includes a cli/ header
#   header-cycles  no circle in the include graph of the .h files
#   module-cycles  no circle between modules (X.c with X.h): from includes and,
#                  with -o, from calls
#   calls          with -o OBJDIR (objects as OBJDIR/<layer>/<name>.o): every
#                  function a file calls is defined in a layer it may use
# Prints one line per offending edge, "CHECK: FILE:LINE: what", and exits 1
# when there is any, 0 when there is none, 2 on a usage error.
set -euo pipefail

usage() { sed -n '3,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

objdir=
checks=
while getopts 'o:c:h' opt; do
	case $opt in
	o) objdir=$OPTARG ;;
	c) checks="$checks $OPTARG" ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage
host=${1:-$(cd "$(dirname "$0")/../host" && pwd)}
host=${host%/}
[ -d "$host" ] || { echo "layers.sh: $host: no such directory" >&2; exit 2; }
checks=${checks:-layers cli-headers header-cycles module-cycles${objdir:+ calls}}
for c in $checks; do
	case $c in
	layers | cli-headers | header-cycles | module-cycles) ;;
	calls) [ -n "$objdir" ] || { echo "layers.sh: the calls check needs -o OBJDIR" >&2; exit 2; } ;;
	*) echo "layers.sh: unknown check '$c'" >&2; exit 2 ;;
	esac
done
if [ -n "$objdir" ] && [ ! -d "$objdir" ]; then
	echo "layers.sh: $objdir: no such directory (build first)" >&2
	exit 2
fi

# The facts, one a line, for the awk program below:
#   I FILE LINE TARGET   FILE includes "TARGET" at LINE
#   D SOURCE SYMBOL      SOURCE's object defines SYMBOL
#   U SOURCE SYMBOL      SOURCE's object uses SYMBOL without defining it
facts() {
	local files=("$host"/*/*.[ch]) objs=()
	[ -f "${files[0]}" ] || files=()
	[ ${#files[@]} -eq 0 ] || awk '
		/^[ \t]*#[ \t]*include[ \t]*"/ {
			t = $0; sub(/^[^"]*"/, "", t); sub(/".*$/, "", t)
			print "I", FILENAME, FNR, t
		}' "${files[@]}"
	[ -n "$objdir" ] || return 0
	objs=("$objdir"/*/*.o)
	[ -f "${objs[0]}" ] || return 0
	# nm -A -P: "OBJECT: SYMBOL TYPE ..."; the source is host/<layer>/<name>.c
	nm -A -P "${objs[@]}" | awk -v objdir="$objdir" -v host="$host" '
		{
			o = $1; sub(/:$/, "", o)
			if (!(o in src)) {
				s = substr(o, length(objdir) + 2); sub(/\.o$/, ".c", s); s = host "/" s
				src[o] = (system("test -f \"" s "\"") == 0) ? s : ""  # "": left from a removed source
			}
			if (src[o] == "") next
			if ($3 == "U") print "U", src[o], $2
			else if ($3 ~ /^[TDBRVW]$/) print "D", src[o], $2
		}'
}

facts | awk -v host="$host" -v checks=" $checks " '
function want(c) { return index(checks, " " c " ") > 0 }
function layer_of(path,   p) { p = substr(path, length(host) + 2); sub(/\/.*/, "", p); return p }
function module_of(path) { sub(/\.[ch]$/, "", path); return path }
function report(check, msg) { print check ": " msg; bad++ }
# the line of file that calls sym, for a message: the first indented one (a
# call in a function body), else the first at all; 0 when not found
function call_line(file, sym,   l, n, first, pat) {
	n = 0; first = 0; pat = "(^|[^A-Za-z0-9_])" sym "[ \t]*\\("
	while ((getline l < file) > 0) {
		n++
		if (l !~ pat) continue
		if (l ~ /^[ \t]/) { close(file); return n }
		if (!first) first = n
	}
	close(file)
	return first
}
# sorts a[1..n] (insertion sort: the lists are short), so that the output
# does not change from run to run
function sort(a, n,   i, j, t) {
	for (i = 2; i <= n; i++) {
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]
		a[j + 1] = t
	}
}
function add_edge(g, u, v, why) {
	if (u == v) return
	if (!((g, u, v) in E)) { E[g, u, v] = why; adj[g, u] = adj[g, u] " " v; nodes[g, u] = 1; nodes[g, v] = 1 }
	else E[g, u, v] = E[g, u, v] "\n" why
}
# Tarjan: strongly connected components of graph g; comp[g, v] = component id.
function scc(g, v,   list, n, i, w) {
	idx[g, v] = low[g, v] = counter++
	stack[++sp] = v; onst[g, v] = 1
	n = split(adj[g, v], list, " ")
	for (i = 1; i <= n; i++) {
		w = list[i]
		if (!((g, w) in idx)) { scc(g, w); if (low[g, w] < low[g, v]) low[g, v] = low[g, w] }
		else if (onst[g, w] && idx[g, w] < low[g, v]) low[g, v] = idx[g, w]
	}
	if (low[g, v] == idx[g, v]) {
		ncomp++; size[g, ncomp] = 0
		do { w = stack[sp--]; onst[g, w] = 0; comp[g, w] = ncomp; size[g, ncomp]++ } while (w != v)
	}
}
function cycles(g, check,   k, p, u, v, n, i, c, lines, out, nout, members, mem, nmem) {
	for (k in nodes) {
		split(k, p, SUBSEP)
		if (p[1] == g && !((g, p[2]) in idx)) scc(g, p[2])
	}
	nout = 0
	for (k in nodes) {
		split(k, p, SUBSEP)
		if (p[1] == g && size[g, comp[g, p[2]]] > 1) mem[++nmem] = p[2]
	}
	sort(mem, nmem)
	for (i = 1; i <= nmem; i++) members[comp[g, mem[i]]] = members[comp[g, mem[i]]] " " mem[i]
	for (k in E) {
		split(k, p, SUBSEP)
		if (p[1] != g) continue
		u = p[2]; v = p[3]; c = comp[g, u]
		if (c != comp[g, v] || size[g, c] < 2) continue
		n = split(E[k], lines, "\n")
		for (i = 1; i <= n; i++) out[++nout] = lines[i] " (a circle:" members[c] ")"
	}
	sort(out, nout)
	for (i = 1; i <= nout; i++) report(check, out[i])
}
BEGIN {
	allow["base"] = "base"
	allow["registry"] = "registry base"
	allow["engine"] = "engine registry base"
	allow["ledger"] = "ledger base"
	allow["report"] = "report ledger registry base"
	allow["cli"] = "cli report ledger engine registry base"
}
$1 == "I" {
	file = $2; line = $3; t = $4
	from = layer_of(file); to = t; sub(/\/.*/, "", to)
	where = file ":" line ": #include \"" t "\""
	if (!(to in allow) || index(t, "/") == 0) {
		if (want("layers")) report("layers", where ": names no layer folder (write \"<layer>/" t "\")")
		next
	}
	if (want("layers") && !(from in allow))
		report("layers", where ": " from "/ is not a layer folder")
	else if (want("layers") && index(" " allow[from] " ", " " to " ") == 0)
		report("layers", where ": " from " may not use " to " (it may use: " allow[from] ")")
	if (want("cli-headers") && to == "cli" && from != "cli")
		report("cli-headers", where ": a cli/ header outside cli/")
	target = host "/" t
	if (file ~ /\.h$/) add_edge("h", file, target, where)
	add_edge("m", module_of(file), module_of(target), where)
	next
}
$1 == "D" { def[$3] = $2; next }
$1 == "U" { nu++; use_file[nu] = $2; use_sym[nu] = $3; next }
END {
	for (i = 1; i <= nu; i++) {
		s = use_sym[i]; f = use_file[i]
		if (!(s in def) || def[s] == f) continue
		from = layer_of(f); to = layer_of(def[s])
		where = f ":" call_line(f, s) ": calls " s " (" def[s] ")"
		if (want("calls") && (from in allow) && index(" " allow[from] " ", " " to " ") == 0)
			report("calls", where ": " from " may not use " to " (it may use: " allow[from] ")")
		add_edge("m", module_of(f), module_of(def[s]), where)
	}
	if (want("header-cycles")) cycles("h", "header-cycles")
	if (want("module-cycles")) cycles("m", "module-cycles")
	exit (bad > 0)
}'
