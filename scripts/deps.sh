#!/usr/bin/env bash
# Checks that what huikan needs (scripts/packages.txt, Debian package names) is
# there, and installs what is missing when it can.
#
# On Debian (dpkg-query present) it asks dpkg; as root it runs apt-get for the
# missing packages, otherwise it names them and fails. Without dpkg-query
# (another distribution, a container with the libraries built from source) it
# checks what each package provides instead: the pkg-config module of a
# library, the command of a tool, the file of a font; it then names what is
# missing and fails, since it cannot install anything.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# provides PKG: "pc MODULE", "cmd NAME...", "file PATH..." or "" (unknown).
provides() {
	case $1 in
	pkg-config) echo "cmd pkg-config" ;;
	liblua5.4-dev) echo "pc lua5.4" ;;
	libsqlite3-dev) echo "pc sqlite3" ;;
	libgit2-dev) echo "pc libgit2" ;;
	libxlsxwriter-dev) echo "pc xlsxwriter" ;;
	sqlite3) echo "cmd sqlite3" ;;
	chromium) echo "cmd chromium chromium-browser" ;;
	nodejs) echo "cmd node" ;;
	unzip) echo "cmd unzip" ;;
	lua5.4) echo "cmd lua5.4" ;;
	gettext) echo "cmd xgettext" ;;
	libseccomp-dev) echo "pc libseccomp" ;;
	libzip-dev) echo "pc libzip" ;;
	libexpat1-dev) echo "pc expat" ;;
	libfreexl-dev) echo "pc freexl" ;;
	libsodium-dev) echo "pc libsodium" ;;
	clang) echo "cmd clang" ;;
	libclang-rt-dev) echo "file $(echo /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.asan-*.a)" ;;
	git) echo "cmd git" ;;
	lua-check) echo "cmd luacheck" ;;
	time) echo "file /usr/bin/time" ;;
	python3) echo "cmd python3" ;;
	openssh-client) echo "cmd ssh-keygen" ;;
	jq) echo "cmd jq" ;;
	fonts-wqy-microhei) echo "file /usr/share/fonts/truetype/wqy/wqy-microhei.ttc" ;;
	*) echo "" ;;
	esac
}

# has PKG: 0 when what PKG provides is found without dpkg.
has() {
	local kind names n
	read -r kind names <<<"$(provides "$1")"
	case $kind in
	pc) command -v pkg-config >/dev/null && pkg-config --exists "$names" ;;
	cmd) for n in $names; do command -v "$n" >/dev/null && return 0; done; return 1 ;;
	file) for n in $names; do [ -e "$n" ] && return 0; done; return 1 ;;
	*) echo "huikan: cannot check '$1' without dpkg-query; assuming it is there" >&2 ;;
	esac
}

missing=()
if command -v dpkg-query >/dev/null; then
	while read -r pkg; do
		[ -z "$pkg" ] && continue
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
	done <"$here/packages.txt"
else
	while read -r pkg; do
		[ -z "$pkg" ] && continue
		has "$pkg" || missing+=("$pkg")
	done <"$here/packages.txt"
	[ ${#missing[@]} -eq 0 ] && exit 0
	echo "huikan: missing (no dpkg-query, so checked with pkg-config and the commands):" >&2
	for pkg in "${missing[@]}"; do
		echo "huikan:   $pkg (provides $(provides "$pkg"))" >&2
	done
	echo "huikan: install them with your package manager, or put their .pc files on PKG_CONFIG_PATH" >&2
	exit 1
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "huikan: missing Debian packages: ${missing[*]}" >&2
	echo "huikan: run as root: apt-get install -y ${missing[*]}" >&2
	exit 1
fi
echo "huikan: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}"
