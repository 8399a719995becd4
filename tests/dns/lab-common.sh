# shellcheck shell=bash disable=SC2034
# lab-common.sh — sourced by the lab-*.sh tests: starts a private lab on
# 127.NET.* (NET is the script's first argument) in the script's own network
# namespace (tests/lib/netns.sh) and stops it on EXIT, whatever happens.
# Needs root (port 53, unshare), nsd, unbound, drill.
#
# After sourcing: $RES (unbound), $NS1, $NS2, $NET, $WORK (scratch dir),
# probe ARGS… (runs dns-probe), expect NAME < EXPECTED (compares $out),
# check, run, run_en, has, hasnt, json (tests/lib/check.sh),
# start_fake MODE ADDRESS (a fake-dns in the background, stopped on EXIT).
set -euo pipefail

# shellcheck source=tests/lib/netns.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/netns.sh"

NET=${1:?usage: $0 NET}
: "${DNS_PROBE:?}" "${FAKE_DNS:?}" "${LAB_SH:?}" "${LAB_ZONES:?}"

if [ "$(id -u)" -ne 0 ] || ! command -v nsd >/dev/null || ! command -v unbound >/dev/null ||
  ! command -v drill >/dev/null; then
  echo "SKIP: the DNS lab needs root, nsd, unbound and drill (./dev test installs them)"
  exit 77
fi

WORK=$(mktemp -d /tmp/dnslab.XXXXXX)
fake_pids=()
out=""
failures=0

cleanup() {
  local rc=$? pid
  for pid in "${fake_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  "$LAB_SH" stop "$WORK/lab" || rc=1
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

if ! "$LAB_SH" start "$WORK/lab" "$NET" "$LAB_ZONES"; then
  echo "the DNS lab does not start"
  exit 1
fi
RES=127.$NET.1
NS1=127.$NET.2
NS2=127.$NET.3

probe() { "$DNS_PROBE" "$@"; }

# expect NAME: compares $out with stdin; counts a failure and shows the diff.
expect() {
  local want
  want=$(cat)
  if [ "$out" == "$want" ]; then
    echo "ok - $1"
  else
    echo "not ok - $1"
    diff -u <(printf '%s\n' "$want") <(printf '%s\n' "$out") || true
    failures=$((failures + 1))
  fi
}

# shellcheck source=tests/lib/check.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/check.sh"
# run (check.sh) asks the lab's resolver.
run_args=(--resolver "$RES")

# start_fake MODE ADDRESS: fake-dns on ADDRESS:53, ready when this returns;
# it logs one line per query to $WORK/fake-MODE-ADDRESS.log.
start_fake() {
  local ready="$WORK/fake-$1-$2.ready" i
  "$FAKE_DNS" "$1" "$2" 53 "$ready" >"$WORK/fake-$1-$2.log" &
  fake_pids+=($!)
  for ((i = 0; i < 100; i++)); do
    [ -e "$ready" ] && return 0
    sleep 0.05
  done
  echo "fake-dns $1 on $2 did not start"
  exit 1
}

# time_of N: the elapsed ms of query #N in $out (needs --times).
time_of() { awk -v q="#$1" '$1 == "time" && $2 == q { print $3 }' <<<"$out"; }
total_time() { awk '$1 == "time" && $2 == "total" { print $3 }' <<<"$out"; }

finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
  fi
}
