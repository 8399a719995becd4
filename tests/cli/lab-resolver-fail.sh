#!/usr/bin/env bash
# How the resolver failed, in the same words everywhere: a resolver that
# answers REFUSED is "abgelehnt", one that stays silent a time-out, one that
# cannot be reached at all (the send fails at once: no route) "nicht
# erreichbar" — through `check` (text and JSON) and `show`, German and
# English. The refusing and the silent resolver are fake-dns
# (tests/dns/fake-dns.c) on lab addresses; "no route" is a network
# namespace without interfaces (unshare -n), as in tests/dns/lab-batch.sh.
: "${BIN:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")" && pwd)/zones"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8
REFUSING=127.$NET.8
SILENT=127.$NET.9
start_fake refused "$REFUSING"
start_fake silent "$SILENT"

# ask RESOLVER ARGS…: the program with RESOLVER only; $out, $status.
ask() {
  local resolver=$1
  shift
  status=0
  out=$("$BIN" "$@" --resolver "$resolver" 2>&1) || status=$?
}

# REFUSED: "abgelehnt", never "antwortet nicht".
ask "$REFUSING" check info@beispiel-firma.de
check "refused, check: says so" has "Der Resolver hat die Abfrage abgelehnt."
check "refused, check: not a time-out" hasnt "Zeitüberschreitung"
check "refused, check: exit 3" test "$status" -eq 3
ask "$REFUSING" check info@beispiel-firma.de --json
check "refused, check --json: failure resolver-refused" \
  json 'assert d["failure"] == "resolver-refused", d["failure"]'
LANG=en_US.UTF-8 ask "$REFUSING" check info@beispiel-firma.de
check "refused, check in English" has "The resolver refused the query."
ask "$REFUSING" show info@beispiel-firma.de
check "refused, show: abgelehnt" has "(Abfrage abgelehnt)"
check "refused, show: exit 3" test "$status" -eq 3
LANG=en_US.UTF-8 ask "$REFUSING" show info@beispiel-firma.de
check "refused, show in English" has "(query refused)"

# Silence: a time-out, and called one.
ask "$SILENT" check info@beispiel-firma.de
check "silent, check: a time-out" has "Der Resolver antwortet nicht (Zeitüberschreitung)."
check "silent, check: exit 3" test "$status" -eq 3
ask "$SILENT" check info@beispiel-firma.de --json
check "silent, check --json: failure resolver-timeout" \
  json 'assert d["failure"] == "resolver-timeout", d["failure"]'
LANG=en_US.UTF-8 ask "$SILENT" check info@beispiel-firma.de
check "silent, check in English" has "The resolver does not answer (time-out)."
ask "$SILENT" show info@beispiel-firma.de
check "silent, show: a time-out" has "(keine Antwort (Zeitüberschreitung))"
check "silent, show: not refused" hasnt "abgelehnt"

# No route at all: not reachable, not a time-out.
if unshare -n true 2>/dev/null; then
  status=0
  out=$(unshare -n "$BIN" check info@beispiel-firma.de --resolver "$RES" 2>&1) || status=$?
  check "no route, check: not reachable" has "Der Resolver ist nicht erreichbar"
  check "no route, check: not a time-out" hasnt "Zeitüberschreitung"
  check "no route, check: exit 3" test "$status" -eq 3
  status=0
  out=$(unshare -n "$BIN" check info@beispiel-firma.de --json --resolver "$RES" 2>&1) ||
    status=$?
  check "no route, check --json: failure resolver-unreachable" \
    json 'assert d["failure"] == "resolver-unreachable", d["failure"]'
  status=0
  out=$(LANG=en_US.UTF-8 unshare -n "$BIN" check info@beispiel-firma.de --resolver "$RES" 2>&1) ||
    status=$?
  check "no route, check in English" has "The resolver is not reachable"
  status=0
  out=$(unshare -n "$BIN" show info@beispiel-firma.de --resolver "$RES" 2>&1) || status=$?
  check "no route, show: nicht erreichbar" has "(nicht erreichbar)"
  check "no route, show: not a time-out" hasnt "Zeitüberschreitung"
else
  echo "ok - # SKIP unshare -n is not available"
fi
finish
