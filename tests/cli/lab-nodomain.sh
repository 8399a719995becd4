#!/usr/bin/env bash
# A domain that does not exist (a typo, not registered, expired): the lab
# zone co.uk plays a public suffix (tests/cli/zones/co.uk.zone), and
# tippfehler-firma.co.uk, which it does not hold, gets NXDOMAIN. show,
# check (text and JSON), check --open and note say that the domain does not
# exist, propose nothing, never name co.uk as the customer's zone, and end
# with status 2. A name that does not exist below an existing zone
# (gibtsnicht.beispiel-firma.de) still gets its proposal.
: "${BIN:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")" && pwd)/zones"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8
export XDG_STATE_HOME=$WORK/state
TYPO=info@tippfehler-firma.co.uk
SAYS="Die Domain tippfehler-firma.co.uk gibt es im DNS nicht."

run show "$TYPO"
check "show: exit 2" test "$status" -eq 2
check "show: the domain does not exist" has "$SAYS"
check "show: what it may mean" has "falsch geschrieben, nicht registriert oder abgelaufen"
check "show: no zone named" hasnt "co.uk:"
check "show: no name in a zone" hasnt "„tippfehler-firma“"
check "show: no record proposed" hasnt "v=spf1"
run_en show "$TYPO"
check "show, English: exit 2" test "$status" -eq 2
check "show, English: the domain does not exist" \
  has "The domain tippfehler-firma.co.uk does not exist in DNS."

run check "$TYPO"
check "check: exit 2" test "$status" -eq 2
check "check: the domain does not exist" has "Ergebnis: Domain gibt es nicht. $SAYS"
check "check: no zone named" hasnt "Zone co.uk"
run_en check "$TYPO"
check "check, English" has "Result: domain does not exist."
run check "$TYPO" --json
check "check --json: failure no-domain, no zone, exit 2" \
  json 'assert d["failure"] == "no-domain", d; assert d["zone"] == "", d; assert d["exit_status"] == 2, d'

run note "$TYPO"
check "note: no entry, the domain does not exist" \
  has "keiner möglich: Die Domain gibt es im DNS nicht."
check "note: the check says so" has "Ergebnis: Domain gibt es nicht."

# check --open: the case's state in the same words.
mkdir -p -m 700 "$XDG_STATE_HOME/flicono-mailsetup"
printf '# flicono-mailsetup open checks v1\ntippfehler-firma.co.uk\tline\tttl\t%s\t%s\n' \
  "$(($(date +%s) - 3600))" "$TYPO" >"$XDG_STATE_HOME/flicono-mailsetup/open-checks"
chmod 600 "$XDG_STATE_HOME/flicono-mailsetup/open-checks"
run check --open
check "check --open: exit 2" test "$status" -eq 2
check "check --open: the case's state" grep -qE "^$TYPO .*Domain gibt es nicht" <<<"$out"
run check --open --json
check "check --open --json: state no-domain" json 'assert d[0]["state"] == "no-domain", d'

# A subdomain that does not exist under an existing zone: the customer can
# create it, so it is proposed as before.
run show info@gibtsnicht.beispiel-firma.de
check "missing subdomain, show: exit 0" test "$status" -eq 0
check "missing subdomain, show: the name in its zone" has "„gibtsnicht“"
check "missing subdomain, show: not called nonexistent" hasnt "gibt es im DNS nicht."
run check gibtsnicht.beispiel-firma.de --json
check "missing subdomain, check: judged, zone beispiel-firma.de" \
  json 'assert d["failure"] == "ok", d; assert d["zone"] == "beispiel-firma.de", d'
finish
