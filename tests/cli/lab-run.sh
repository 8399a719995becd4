#!/usr/bin/env bash
# The bash -c '…' snippets below get their values as arguments, on purpose.
# shellcheck disable=SC2016
# `./dev lab`'s script (tests/lab/run.sh) on its own: show, check and spf
# inside it ask the lab without --resolver; the exit status is the
# command's; the lab runs in a network namespace of its own (its resolver is
# out of reach from here, where this test runs); afterwards no lab daemon
# and no scratch file of it is left.
# Environment: BIN (the program), LAB_SH (run.sh sits beside it).
set -euo pipefail
: "${BIN:?}" "${LAB_SH:?}"
run_sh=$(dirname "$LAB_SH")/run.sh
bindir=$(dirname "$BIN")
prog=$(basename "$BIN")
if [ "$(id -u)" -ne 0 ] || ! command -v nsd >/dev/null || ! command -v unbound >/dev/null ||
  ! command -v drill >/dev/null; then
  echo "SKIP: the DNS lab needs root, nsd, unbound and drill (./dev test installs them)"
  exit 77
fi
# shellcheck source=tests/lib/check.sh
. "$(dirname "$0")/../lib/check.sh"
export LANG=C.UTF-8

WORK=$(mktemp -d /tmp/labrun.XXXXXX)
bg=
cleanup() {
  local rc=$?
  [ -z "$bg" ] || { touch "$WORK/go"; wait "$bg" 2>/dev/null || true; }
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

# lab COMMAND…: run.sh with COMMAND; sets $status and $info (stderr).
lab() {
  status=0
  TMPDIR=$WORK "$run_sh" "$bindir" "$@" 2>"$WORK/info" || status=$?
  info=$(cat "$WORK/info")
}

# One lab for show, check and spf (each start costs seconds); every
# command's output in a file of its own, its exit status after it.
lab bash -c '
  cd "$1"
  "$2" show info@beispiel-firma.de >show; echo $? >show.rc
  "$2" check info@schon-fertig.de >check; echo $? >check.rc
  "$2" check info@ohne-spf.de >check2; echo $? >check2.rc
  "$2" spf 192.0.2.25 info@beispiel-firma.de >spf; echo $? >spf.rc' _ "$WORK" "$prog"
check "the commands ran: exit 0" test "$status" -eq 0
check "show: exit 0" test "$(cat "$WORK/show.rc")" = 0
check "show: the lab's record, completed" grep -qxF \
  '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"' "$WORK/show"
check "names the lab's resolver" grep -qE '^  Resolver: +127\.53\.90\.1 ' <<<"$info"
check "names the name servers" grep -qF '127.53.90.2 (ns1), 127.53.90.3 (ns2)' <<<"$info"
check "lists the domains, in Unicode" grep -qE '^  info@müller-bau\.de +v=spf1 mx a ~all$' <<<"$info"
check "check, published: exit 0" test "$(cat "$WORK/check.rc")" = 0
check "check: both lab name servers asked" \
  test "$(grep -cE '^ns[12]\.schon-fertig\.de +127\.53\.90\.[23] ' "$WORK/check")" -eq 2
check "check: the resolver is the lab's" grep -qE '^Resolver \(System\) +127\.53\.90\.1 ' "$WORK/check"
check "check: verdict" grep -qF 'Ergebnis: verbreitet.' "$WORK/check"
check "check, no record: exit 2" test "$(cat "$WORK/check2.rc")" = 2
check "spf: pass through the lab" grep -qxF "192.0.2.25 darf E-Mails für beispiel-firma.de senden." "$WORK/spf"

lab false
check "false: exit 1 passed on" test "$status" -eq 1

# While a command runs in the lab: its network namespace is not this one,
# and the lab's resolver answers in there but not from here.
TMPDIR=$WORK "$run_sh" "$bindir" bash -c '
  readlink /proc/self/ns/net >"$1/ns"
  timeout 3 drill -Q @127.53.90.1 beispiel-firma.de SOA >"$1/inside" 2>&1 || true
  touch "$1/up"
  while [ ! -e "$1/go" ]; do sleep 0.1; done
  exit 7' _ "$WORK" 2>/dev/null &
bg=$!
for ((i = 0; i < 600; i++)); do # a loaded machine starts the lab slowly
  [ -e "$WORK/up" ] && break
  sleep 0.1
done
check "the command runs in the lab" test -e "$WORK/up"
check "in a network namespace of its own" test "$(cat "$WORK/ns" 2>/dev/null)" != "$(readlink /proc/self/ns/net)"
check "inside: the lab's resolver answers" grep -q hostmaster "$WORK/inside"
outside=$(timeout 3 drill -Q @127.53.90.1 beispiel-firma.de SOA 2>&1 || true)
check "from here: the lab's resolver is out of reach" bash -c '! grep -q hostmaster <<<"$1"' _ "$outside"
touch "$WORK/go"
rc=0
wait "$bg" || rc=$?
bg=
check "exit 7 passed on" test "$rc" -eq 7

# Zombies (args "[nsd] <defunct>") count as stopped and do not match.
check "no lab daemon left" bash -c '! pgrep -f -- "$1/" >/dev/null' _ "$WORK"
check "no scratch directory left" bash -c '! ls -d "$1"/lab.* 2>/dev/null' _ "$WORK"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
