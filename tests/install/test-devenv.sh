#!/bin/bash
# `meson devenv -C BUILD flicono-mailsetup …` runs the build tree's program
# with the data of the source tree and the translations of the build tree
# (meson.build's add_devenv), with nothing set by hand.
set -u
build=${BUILD_ROOT:?BUILD_ROOT must name the build tree}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
unset FLICONO_MAILSETUP_DATADIR FLICONO_MAILSETUP_LOCALEDIR
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# The data: the providers list of the source tree.
out=$(cd "$dir" && LANG=C.UTF-8 meson devenv -C "$build" -w "$dir" flicono-mailsetup providers 2>&1)
grep -qE '^strato +STRATO$' <<<"$out" && ok || bad "providers not found through devenv: $out"
# The translations: English --help under an English locale.
out=$(LANG=en_US.UTF-8 meson devenv -C "$build" -w "$dir" flicono-mailsetup --help 2>&1 | head -n 1)
[ "$out" = "Usage: flicono-mailsetup [ADDRESS]" ] && ok || bad "English not found through devenv: $out"
# -w keeps the caller's folder: a relative --profile is read from there.
sed 's/^ttl = 86400$/ttl = 3600/' "$(dirname "$0")/../../data/flicono.profile" >"$dir/p.profile"
out=$(LANG=C.UTF-8 meson devenv -C "$build" -w "$dir" flicono-mailsetup show --no-lookup --profile p.profile x.de 2>/dev/null)
[[ $out == '@ 3600 IN TXT '* ]] && ok || bad "relative --profile not read from the working folder: $out"
# Without devenv (and without the variables) the program looks under its prefix, not in the trees.
out=$(LANG=C.UTF-8 "$build/src/flicono-mailsetup" providers 2>&1)
grep -qE '^strato +STRATO$' <<<"$out" && bad "the bare build-tree program found the tree's data" || ok

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
