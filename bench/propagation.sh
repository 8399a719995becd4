#!/usr/bin/env bash
# propagation.sh [--quick] BIN [OLD_BIN OLD_DATADIR] — propagation as the customer lives
# it, with each program the same scenarios, side by side in one run:
#
#   green-after-show  The diagnosis (`show`) reads lange.de's TXT (old
#                     record, TTL 60 s), the provider then publishes on both
#                     name servers, and `check --watch` (default settings)
#                     runs until green: its seconds. A program that asked the
#                     resolver before the change waits for that cache.
#   noticed           `check --watch` (default settings) runs before the
#                     change; kurz.de (TTL 0: no cache holds an old answer)
#                     is published on both name servers PUBLISH seconds
#                     later: the seconds from the moment both serve it to
#                     green (the median of three runs; where in a pause the
#                     change falls is chance).
#
# Prints "M KEY SECONDS" lines (KEY: green-after-show-new, noticed-old, …)
# for bench.sh. --quick: PUBLISH 3 s instead of 20, only to see that every
# scenario ends green. OLD_DATADIR: the older program's own data folder
# (its data/providers may not know this one's keys). Runs in a network namespace of its own with the
# tests' DNS lab (tests/lab/lab.sh: two NSD, unbound) on 127.53.90.*.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
quick=false
if [ "${1:-}" = --quick ]; then quick=true; shift; fi
BIN=${1:?usage: propagation.sh [--quick] BIN [OLD_BIN OLD_DATADIR]}
OLD_BIN=${2:-}
OLD_DATADIR=${3:-}
# shellcheck source=tests/lib/netns.sh
. "$top/tests/lib/netns.sh"

LAB_SH=$top/tests/lab/lab.sh
ZONES=$top/bench/zones-propagation
NET=53.90
RES=127.$NET.1
PUBLISH=20 RUNS=3
$quick && PUBLISH=3 RUNS=1
work=$(mktemp -d /tmp/bprop.XXXXXX)
cleanup() {
  "$LAB_SH" stop "$work/lab" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
"$LAB_SH" start "$work/lab" "$NET" "$ZONES" || { echo "propagation.sh: the lab does not start" >&2; exit 1; }
export XDG_STATE_HOME=$work/state LANG=C.UTF-8

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# fresh ZONE: both name servers serve the old record, the resolver forgets
# the zone: every scenario starts where the customer does.
fresh() {
  "$LAB_SH" set "$work/lab" ns1 "$1" "$ZONES/$1.zone"
  "$LAB_SH" set "$work/lab" ns2 "$1" "$ZONES/$1.zone"
  unbound-control -c "$work/lab/unbound/unbound.conf" flush_zone "$1" >/dev/null
}
publish() {
  "$LAB_SH" set "$work/lab" ns1 "$1" "$ZONES/$1.neu"
  "$LAB_SH" set "$work/lab" ns2 "$1" "$ZONES/$1.neu"
}

# green_after_show PROGRAM
green_after_show() {
  fresh lange.de
  "$1" show info@lange.de --resolver "$RES" >/dev/null 2>&1 || true
  publish lange.de
  local t0 status=0
  t0=$(now)
  "$1" check info@lange.de --watch --timeout 300 --resolver "$RES" >/dev/null 2>&1 || status=$?
  [ "$status" -eq 0 ] || { echo "propagation.sh: $1: not green after show (exit $status)" >&2; return 1; }
  since "$t0" "$(now)"
}

# noticed PROGRAM
noticed() {
  fresh kurz.de
  rm -f "$work/published"
  (sleep "$PUBLISH" && publish kurz.de && now >"$work/published") &
  local pub=$! status=0
  "$1" check info@kurz.de --watch --timeout 300 --resolver "$RES" >/dev/null 2>&1 || status=$?
  local green
  green=$(now)
  wait "$pub"
  [ "$status" -eq 0 ] || { echo "propagation.sh: $1: not green (exit $status)" >&2; return 1; }
  since "$(cat "$work/published")" "$green"
}

# The older program, run with its own data.
old_prog() { FLICONO_MAILSETUP_DATADIR=$OLD_DATADIR "$OLD_BIN" "$@"; }
for which in new old; do
  prog=$BIN
  if [ "$which" = old ]; then
    [ -n "$OLD_BIN" ] || continue
    prog=old_prog
  fi
  echo "M green-after-show-$which $(green_after_show "$prog")"
  samples=()
  for ((i = 0; i < RUNS; i++)); do samples+=("$(noticed "$prog")"); done
  echo "M noticed-$which $(printf '%s\n' "${samples[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
done
