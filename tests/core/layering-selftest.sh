#!/bin/bash
# The layering test must fail on each kind of forbidden include: a copy of
# src/ gets one bad include at a time, and layering.sh must reject it.
set -u
src=${1:?usage: layering-selftest.sh SRC}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# case NAME FILE INCLUDE: FILE (relative to src/) gets INCLUDE on top.
case_bad() {
  rm -rf "$tmp/src"
  cp -r "$src" "$tmp/src"
  sed -i "1i $3" "$tmp/src/$2"
  if bash "$here/layering.sh" "$tmp/src" >/dev/null; then
    echo "not ok - $1: layering.sh accepted $3 in $2"
    fail=$((fail + 1))
  else
    echo "ok - $1"
    pass=$((pass + 1))
  fi
}

if bash "$here/layering.sh" "$src" >/dev/null; then
  echo "ok - the tree itself passes"
  pass=$((pass + 1))
else
  echo "not ok - the tree itself fails"
  fail=$((fail + 1))
fi
case_bad "core includes a dns header" core/merge.c '#include "dns_batch.h"'
case_bad "core includes a ui header" core/proposal.c '#include "model.h"'
case_bad "core includes a cli header" core/zone.c '#include "output.h"'
case_bad "core includes curses" core/strbuf.c '#include <curses.h>'
case_bad "core includes ldns" core/lint.h '#include <ldns/ldns.h>'
case_bad "core includes sockets" core/state.c '#include <sys/socket.h>'
case_bad "dns includes a ui header" dns/dns_batch.c '#include "worker.h"'
case_bad "dns includes a cli header" dns/dns_wire.h '#include "cli.h"'
case_bad "dns includes ncursesw" dns/propagation.c '#include <ncursesw/curses.h>'
case_bad "ui includes a cli header" ui/screen_entry.c '#include "commands.h"'
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
