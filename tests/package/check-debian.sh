#!/usr/bin/env bash
# debian/ agrees with the build: debian/changelog's version is meson.build's
# (the package is native: no Debian revision), and debian/control's
# Build-Depends are what ./dev installs to build (build_packages), except
# the compiler and libc (build-essential) and publicsuffix (needed only at
# run time: Recommends).
# Arguments: the source root, the project's version.
set -u
src=$1 version=$2
fails=0
bad() { echo "not ok - $*"; fails=$((fails + 1)); }
ok() { echo "ok - $*"; }

changelog=$(sed -n '1s/^flicono-mailsetup (\([^)]*\)) .*/\1/p' "$src/debian/changelog")
[ "$changelog" = "$version" ] && ok "debian/changelog has version $version" ||
  bad "debian/changelog has version '${changelog}', meson.build $version"

# Build-Depends: the field and its continuation lines, one name a line.
control=$(awk '/^Build-Depends:/ {on = 1; sub(/^Build-Depends:/, ""); print; next}
  on && /^[ \t]/ {print; next} {on = 0}' "$src/debian/control" |
  tr ',' '\n' | sed 's/|.*//; s/(.*//; s/[[:space:]]//g' | grep -v '^$' | grep -vx 'debhelper-compat' | sort)
grep -q 'debhelper-compat (= 13)' "$src/debian/control" && ok "debhelper-compat 13" || bad "no debhelper-compat (= 13)"
dev=$(sed -n '/^build_packages=(/,/^)/p' "$src/dev" | sed '1d; $d' | tr ' ' '\n' | grep -v '^$' |
  grep -vxE 'gcc|libc6-dev|publicsuffix' | sort)
if [ -n "$dev" ] && [ "$control" = "$dev" ]; then
  ok "Build-Depends are ./dev's build_packages ($(wc -l <<<"$dev"))"
else
  bad "Build-Depends (<) and ./dev's build_packages (>) differ: $(diff <(echo "$control") <(echo "$dev") | grep '^[<>]' | tr '\n' ' ')"
fi
grep -q '^Depends:.*\${shlibs:Depends}' "$src/debian/control" && ok "Depends from \${shlibs:Depends}" ||
  bad "Depends without \${shlibs:Depends}"
grep -q '^Recommends: publicsuffix' "$src/debian/control" && ok "Recommends publicsuffix" ||
  bad "publicsuffix not recommended"
# Domain Connect's HTTPS verifies against the system's CA store.
grep -qE '^Recommends: .*ca-certificates' "$src/debian/control" && ok "Recommends ca-certificates" ||
  bad "ca-certificates not recommended"
head -n 1 "$src/debian/copyright" | grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' &&
  ok "debian/copyright is DEP-5" || bad "debian/copyright has no DEP-5 Format line"
[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
