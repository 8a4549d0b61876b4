#!/usr/bin/env bash
# Installs the Debian packages huikan needs (scripts/packages.txt) when some are
# missing. As root it runs apt-get; otherwise it names what to install and fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
missing=()
while read -r pkg; do
  [ -z "$pkg" ] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < "$here/packages.txt"
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
