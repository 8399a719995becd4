#!/usr/bin/env bash
# A batch of queries in flight at once: two live NSD servers, one silent
# server (bound, never answers), one closed port. The closed port is
# refused (not timed out), the silent server is asked twice and times out,
# four silent queries go out in parallel. Non-recursive queries show AA.
# Without a route (a network namespace with no interfaces), IPv4 and IPv6
# servers are "unreachable" (not timed out). No wall-time bounds: those
# depend on the machine's load and belong to bench/.
# shellcheck source=tests/dns/lab-common.sh
. "$(dirname "$0")/lab-common.sh"

SILENT=127.$NET.4
CLOSED=$NS1:54
TIMEOUT=1500
start_fake silent "$SILENT"

out=$(probe --times --timeout $TIMEOUT batch "$NS1" beispiel-firma.de TXT \
  "$NS2" beispiel-firma.de TXT "$SILENT" beispiel-firma.de TXT "$CLOSED" beispiel-firma.de TXT)
states=$(grep -v '^time' <<<"$out")
out_saved=$out
out=$states
expect "states: answered, answered, timeout, refused" <<E
#0 $NS1 beispiel-firma.de TXT state=answered rcode=0 aa=1 tcp=0 dropped=0
  status=ok count=2 ttl=3600
  TXT strings=1 len=14 "v=spf1 mx ~all" ttl=86400
  TXT strings=1 len=31 "google-site-verification=abc123" ttl=3600
#1 $NS2 beispiel-firma.de TXT state=answered rcode=0 aa=1 tcp=0 dropped=0
  status=ok count=2 ttl=3600
  TXT strings=1 len=14 "v=spf1 mx ~all" ttl=86400
  TXT strings=1 len=31 "google-site-verification=abc123" ttl=3600
#2 $SILENT beispiel-firma.de TXT state=timeout dropped=0
#3 $CLOSED beispiel-firma.de TXT state=refused dropped=0
E
out=$out_saved
# How long it took is the benchmark's business (bench/): here only what
# does not depend on the machine's load. Refused (not timed out) above.
silent_ms=$(time_of 2)
check "silent server gives up at the time-out, not before" test "$silent_ms" -ge $TIMEOUT
check "silent server was asked twice (one retransmission)" \
  test "$(grep -c '^query' "$WORK/fake-silent-$SILENT.log")" -eq 2

# Parallel, not serial: the four queries reach the silent server before
# any of them is sent again (serial would be a a b b c c d d), then each is
# retransmitted once.
out=$(probe --timeout 800 batch "$SILENT" a.beispiel-firma.de TXT \
  "$SILENT" b.beispiel-firma.de TXT "$SILENT" c.beispiel-firma.de TXT \
  "$SILENT" d.beispiel-firma.de TXT)
order=$(awk '$1 == "query" && $4 ~ /^[a-d]$/ { printf "%s", $4 }' "$WORK/fake-silent-$SILENT.log")
check "4 silent queries in parallel: all four sent first ($order)" \
  test "$(printf '%s' "${order:0:4}" | fold -w1 | sort | tr -d '\n')" = abcd
check "4 silent queries: each retransmitted once ($order)" test "${#order}" -eq 8

# Recursion desired or not: NSD answers authoritatively either way; unbound
# answers from its cache/iteration, not authoritatively.
out=$(probe --no-ttl --rd batch "$RES" kette.de MX "$NS2" kette.de MX)
expect "AA from NSD, not from unbound" <<E
#0 $RES kette.de MX state=answered rcode=0 aa=0 tcp=0 dropped=0
  status=ok count=1
  MX 10 mx.kette.de
#1 $NS2 kette.de MX state=answered rcode=0 aa=1 tcp=0 dropped=0
  status=ok count=1
  MX 10 mx.kette.de
E

if unshare -n true 2>/dev/null; then
  out=$(unshare -n "$DNS_PROBE" --timeout 2000 batch "$NS1" kette.de MX "[::1]:53" kette.de MX)
  expect "no route: unreachable" <<E
#0 $NS1 kette.de MX state=unreachable dropped=0
#1 [::1]:53 kette.de MX state=unreachable dropped=0
E
else
  echo "ok - # SKIP unshare -n is not available"
fi
finish
