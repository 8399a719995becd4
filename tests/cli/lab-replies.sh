#!/usr/bin/env bash
# Forged and broken replies from a name server, through `check --json`: each
# ends in its own state for that server's row, never in a hang or a crash,
# and never in a forged answer being believed. ns3.fake.de is a scripted
# server (tests/dns/fake-dns) on 127.NET.4; ns1 and ns2 are NSD.
: "${BIN:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")" && pwd)/zones"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8
NS3=127.$NET.4

row_of() { # row_of ADDRESS: that server's state in $out
  /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
rows = [r for r in d["servers"] if r["address"] == sys.argv[1]]
print(rows[0]["state"] if rows else "missing")' "$1" <<<"$out"
}
state_of_ns3() { row_of "$NS3"; }

# MODE EXPECTED_STATE: ns3 behaves as MODE; its row must say EXPECTED_STATE,
# ns1 and ns2 stay judged. (How long the round takes depends on the
# machine's load: bench/ measures it.)
scenario() {
  local mode=$1 want=$2 status=0
  if [ "$mode" != closed ]; then
    start_fake "$mode" "$NS3"
  fi
  out=$("$BIN" check fake.de --json --resolver "$RES" 2>&1) || status=$?
  local got
  got=$(state_of_ns3)
  check "$mode: ns3 is '$want' (got '$got')" test "$got" = "$want"
  check "$mode: ns1 still judged" grep -q '"state": "none"' <<<"$out"
  check "$mode: exit 2 (no good record anywhere)" test "$status" -eq 2
  if [ "$mode" != closed ]; then
    kill "${fake_pids[-1]}" 2>/dev/null || true
    wait "${fake_pids[-1]}" 2>/dev/null || true
    unset 'fake_pids[-1]'
  fi
}

# Forged replies carrying "v=spf1 +all" (wrong ID, QR clear, opcode, other
# name, other type, other class, two questions, 8 bytes, other source port), then the
# genuine "echt": the row says "no SPF record", not "new record".
scenario forge none
scenario garbage bad-reply
scenario truncate bad-reply   # TC, and no TCP server behind it
scenario silent timeout
scenario servfail servfail
scenario refused refused
scenario noaa lame            # an answer without authority from a name server
scenario closed refused       # nothing listens: known at once (refused, not timed out)
# A resolver's SERVFAIL asked again with CD and, at the same moment,
# without: a validator in front of broken signatures (SERVFAIL again without
# CD, an answer with it) is DNSSEC-Fehler; a SERVFAIL that does not come
# again (an upstream that failed once) is not: the row is the answer then.
# Resolvers are asked only once every name server serves a good record:
# kette2.de's do.
FRES=127.$NET.7
start_fake bogus "$FRES"
out=$("$BIN" check kette2.de --json --resolver "$RES" --resolver "$FRES" 2>&1) || true
check "bogus resolver: dnssec-error (got '$(row_of "$FRES")')" test "$(row_of "$FRES")" = dnssec-error
kill "${fake_pids[-1]}" 2>/dev/null || true
wait "${fake_pids[-1]}" 2>/dev/null || true
unset 'fake_pids[-1]'
start_fake flaky "$FRES"
out=$("$BIN" check kette2.de --json --resolver "$RES" --resolver "$FRES" 2>&1) || true
check "flaky resolver: its answer after the SERVFAIL (got '$(row_of "$FRES")')" test "$(row_of "$FRES")" = none
check "flaky resolver: it was asked 3 times (the row, then with and without CD)" \
  test "$(grep -c '^query' "$WORK/fake-flaky-$FRES.log")" -eq 3
finish
