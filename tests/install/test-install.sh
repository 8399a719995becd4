#!/bin/bash
# `meson install` into a private prefix: the installed program finds its
# profile and its English translation there, not in the source tree.
set -u
src=${SRC:?SRC must name the source root}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

if ! meson setup "$tmp/build" "$src" --prefix="$tmp/prefix" -Dbuildtype=release >"$tmp/log" 2>&1 ||
  ! ninja -C "$tmp/build" >>"$tmp/log" 2>&1 || ! meson install -C "$tmp/build" >>"$tmp/log" 2>&1; then
  cat "$tmp/log"
  echo "0 passed, 1 failed"
  exit 1
fi
rm -rf "$tmp/build" # the installed program must not need the build tree
bin="$tmp/prefix/bin/flicono-mailsetup"
[ -x "$bin" ] && ok || bad "no installed binary"
[ -f "$tmp/prefix/share/flicono-mailsetup/flicono.profile" ] && ok || bad "profile not installed"
[ -f "$tmp/prefix/share/locale/en/LC_MESSAGES/flicono-mailsetup.mo" ] && ok || bad "translation not installed"

# The profile is read from the prefix: change it there and see the change.
sed -i 's/^ttl = 86400$/ttl = 7200/' "$tmp/prefix/share/flicono-mailsetup/flicono.profile"
out=$(LANG=C.UTF-8 "$bin" show --no-lookup x.de 2>/dev/null)
[ "$out" = '@ 7200 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"' ] && ok ||
  bad "installed program did not read the installed profile: $out"
out=$(LANG=en_US.UTF-8 "$bin" --help | head -n 1)
[ "$out" = "Usage: flicono-mailsetup [ADDRESS]" ] && ok || bad "installed translation not used: $out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
