#!/bin/bash
# `meson install` into a private prefix, as a Debian user builds it: without
# the tests (-Dtests=disabled) and with debug information. The installed
# program finds its profile and its English translation there, not in the
# trees, and holds no path of the source or build tree.
set -u
src=${SRC:?SRC must name the source root}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

# The test run names the trees in these variables; the installed program must do without.
unset FLICONO_MAILSETUP_DATADIR FLICONO_MAILSETUP_LOCALEDIR
# Built as a Debian package is: from an unpacked copy of the sources, with
# the build directory inside it.
mkdir "$tmp/src"
tar -C "$src" --exclude='./build*' --exclude=./.git -cf - . | tar -C "$tmp/src" -xf -
if ! meson setup "$tmp/src/build" "$tmp/src" --prefix="$tmp/prefix" -Dtests=disabled \
  -Dbuildtype=debugoptimized >"$tmp/log" 2>&1 ||
  ! ninja -C "$tmp/src/build" >>"$tmp/log" 2>&1 || ! meson install -C "$tmp/src/build" >>"$tmp/log" 2>&1; then
  cat "$tmp/log"
  echo "0 passed, 1 failed"
  exit 1
fi
[ ! -e "$tmp/src/build/tests" ] && ok || bad "-Dtests=disabled still configured tests/"
rm -rf "$tmp/src" # the installed program must not need the trees
bin="$tmp/prefix/bin/flicono-mailsetup"
[ -x "$bin" ] && ok || bad "no installed binary"
# Neither tree's path, also not in the debug information.
for tree in "$src" "$tmp/src"; do
  hits=$(strings -a "$bin" | grep -cF "$tree")
  [ "$hits" -eq 0 ] && ok || bad "the binary names $tree ($hits times)"
done
[ -f "$tmp/prefix/share/flicono-mailsetup/flicono.profile" ] && ok || bad "profile not installed"
[ -f "$tmp/prefix/share/flicono-mailsetup/domainconnect/flicono.net.spf.json" ] && ok ||
  bad "Domain Connect template not installed"
[ -f "$tmp/prefix/share/locale/en/LC_MESSAGES/flicono-mailsetup.mo" ] && ok || bad "translation not installed"
[ -f "$tmp/prefix/share/man/man1/flicono-mailsetup.1" ] && ok || bad "English man page not installed"
[ -f "$tmp/prefix/share/man/de/man1/flicono-mailsetup.1" ] && ok || bad "German man page not installed"
[ -f "$tmp/prefix/share/bash-completion/completions/flicono-mailsetup" ] && ok || bad "bash completion not installed"
# The one build: Debian's shared libraries (their security updates apply),
# DNSSEC signatures verified in process through libldns.
needed=$(readelf -d "$bin" | awk '/NEEDED/ { print $NF }' | tr -d '[]' | tr '\n' ' ')
[[ $needed == *libldns* ]] && ok || bad "the program does not link libldns shared: $needed"
[[ $needed == *libidn2* ]] && ok || bad "the program does not link libidn2 shared: $needed"
[ -z "$(find "$tmp/prefix" -name '*.so')" ] && ok || bad "a module was installed: $(find "$tmp/prefix" -name '*.so')"
out=$(LANG=C.UTF-8 "$bin" providers 2>/dev/null | grep -E '^strato +STRATO$')
[ -n "$out" ] && ok || bad "installed program did not list the installed data/providers"

# The profile is read from the prefix: change it there and see the change.
sed -i 's/^ttl = 86400$/ttl = 7200/' "$tmp/prefix/share/flicono-mailsetup/flicono.profile"
out=$(LANG=C.UTF-8 "$bin" show --no-lookup x.de 2>/dev/null)
[ "$out" = '@ 7200 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"' ] && ok ||
  bad "installed program did not read the installed profile: $out"
out=$(LANG=en_US.UTF-8 "$bin" --help | head -n 1)
[ "$out" = "Usage: flicono-mailsetup [ADDRESS]" ] && ok || bad "installed translation not used: $out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
