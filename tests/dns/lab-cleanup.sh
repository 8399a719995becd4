#!/usr/bin/env bash
# A lab test that fails half-way still stops its lab and its fake servers:
# nothing is left running, the scratch directory is gone.
set -euo pipefail
NET=${1:?usage: $0 NET}
here=$(dirname "$0")
if [ "$(id -u)" -ne 0 ] || ! command -v nsd >/dev/null || ! command -v unbound >/dev/null; then
  echo "SKIP: the DNS lab needs root, nsd and unbound"
  exit 77
fi

rc=0
out=$(bash "$here/lab-fails.sh" "$NET" 2>&1) || rc=$?
work=$(sed -n 's/^WORK=//p' <<<"$out")
failures=0
if [ "$rc" -eq 0 ] || [ -z "$work" ]; then
  echo "not ok - the failing lab test fails (rc $rc) and names its directory"
  printf '%s\n' "$out"
  exit 1
fi
echo "ok - the failing lab test fails (rc $rc)"

# Zombies (args "[nsd] <defunct>") count as stopped and do not match.
left=$(pgrep -af -- "$work/" || true)
left_fake=$(pgrep -af -- "fake-dns silent 127\\.${NET//./\\.}\\.4 " || true)
if [ -n "$left$left_fake" ]; then
  echo "not ok - processes left behind:"
  printf '%s\n' "$left" "$left_fake"
  failures=1
else
  echo "ok - no nsd, unbound or fake-dns left behind"
fi
if [ -e "$work" ]; then
  echo "not ok - $work still exists"
  failures=1
else
  echo "ok - scratch directory removed"
fi
exit $failures
