#!/usr/bin/env bash
# `note ADDRESS` against the DNS lab (tests/cli/zones): the ticket note of a
# pending check (ns1 new, ns2 and the resolver's cache old), in the form of
# the domain's open check, in German and English; a domain without SPF
# record; a hostile TXT. Every line at most 72 columns, no control
# character. BIN: the program. Argument: the lab's NET (127.NET.*).
: "${BIN:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")" && pwd)/zones"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8
zones=$LAB_ZONES
export XDG_STATE_HOME=$WORK/state
list=$XDG_STATE_HOME/flicono-mailsetup/open-checks

run_err=$WORK/err # run: stdout only, the note
has_line() { grep -qxF -- "$1" <<<"$out"; }
# Every line of $out fits 72 columns (characters: the note has no wide ones),
# but the entry's lines under "Eintrag:" ("Record:"), which stand whole.
narrow() {
  ! LC_ALL=C.UTF-8 awk '/^(Eintrag|Record):$/ { entry = 1; next }
    entry && /^  [^ (]/ { next } { entry = 0 }
    length($0) > 72 { bad = 1 } END { exit !bad }' <<<"$out"
}
# No byte below 0x20 but newline, no DEL, no C1 (as UTF-8 \xc2\x80-\x9f).
clean() { ! LC_ALL=C grep -qP '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' <<<"$out"; }

# A pending check: the resolver caches the old record, then ns1 gets the new one.
"$BIN" check firma.de --resolver "$RES" >/dev/null 2>&1 || true
"$LAB_SH" set "$WORK/lab" ns1 firma.de "$zones/firma.de.neu"
# The open check says: separate fields, without TTL.
mkdir -p -m 700 "$XDG_STATE_HOME/flicono-mailsetup"
printf '# flicono-mailsetup open checks v1\nfirma.de\tfields\tnottl\t%s\tinfo@firma.de\n' \
  "$(($(date +%s) - 600))" >"$list"
chmod 600 "$list"

run note info@firma.de
sed "s/^/# /" <<<"$out"
check "pending: exit 0" test "$status" -eq 0
check "pending: the date, ISO 8601 with offset" \
  grep -qE "^Datum: +$(date +%Y-%m-%d)T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$" <<<"$out"
check "pending: the address as typed" has_line "Adresse:    info@firma.de"
check "pending: the domain" has_line "Domain:     firma.de"
check "pending: no provider known" has_line "Anbieter:   unbekannt"
check "pending: the method of the open check" has_line "Verfahren:  SPF-Eintrag"
check "pending: the fields form without TTL" bash -c "grep -qxF '  Name: @' <<<'$out' &&
  grep -qxF '  Typ: TXT' <<<'$out' && ! grep -q 'TTL: ' <<<'$out'"
check "pending: the merged record" \
  has "Data: v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"
check "pending: it replaces the old one" has "(ersetzt den vorhandenen SPF-Eintrag"
check "pending: ns1 serves the new record" has_line "    ns1.firma.de $NS1: neuer Eintrag"
check "pending: ns2 the old one" has_line "    ns2.firma.de $NS2: alter Eintrag"
# While ns2 lags, no resolver is asked about firma.de's TXT (its cache
# would keep the old answer): its row says so.
check "pending: the resolver not asked yet" has_line "    Resolver $RES: noch nicht gefragt"
check "pending: the verdict" has_line "  Ergebnis: noch nicht überall"
check "pending: what happens next" has "Abwarten, bis alle Namensserver den neuen Eintrag liefern"
check "pending: 72 columns" narrow
check "pending: no control characters" clean

LANG=en_US.UTF-8 run note info@firma.de
check "english: exit 0" test "$status" -eq 0
check "english: labels" bash -c "grep -qE '^Date: +[0-9]{4}-' <<<'$out' &&
  grep -qxF 'Method:    SPF record' <<<'$out' && grep -qxF 'Provider:  unknown' <<<'$out'"
check "english: fields" bash -c "grep -qxF '  Type: TXT' <<<'$out'"
check "english: rows" has_line "    ns2.firma.de $NS2: old record"
check "english: next steps" has "Wait until every name server serves the new record"
check "english: 72 columns" narrow

# No open check, no SPF record: show's defaults (one line with TTL), not checked by the wizard.
run note rechnung@leer.de
check "no record: exit 0" test "$status" -eq 0
check "no record: the method is not chosen" has_line "Verfahren:  noch nicht gewählt"
check "no record: the line with TTL, whole on its line past 72 columns" \
  has_line '  @ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"'
check "no record: the verdict" has_line "  Ergebnis: Eintrag fehlt oder ist falsch"
check "no record: publish it" has "Der Eintrag fehlt oder ist falsch: den Eintrag oben"
check "no record: 72 columns" narrow

# An umlaut domain: both forms.
run note info@bäcker-meister.de
check "umlaut: both forms" has_line "Domain:     bäcker-meister.de (xn--bcker-meister-bfb.de)"
check "umlaut: 72 columns" narrow

# Escape sequences and control characters in DNS (boese.de): none in the note.
run note info@boese.de
sed "s/^/# /" <<<"$out"
check "hostile: exit 0" test "$status" -eq 0
check "hostile: no control characters" clean
check "hostile: 72 columns" narrow
check "hostile: shown escaped" has 'liefert: v=spf1 a:x\x1B]0;gehackt\x07.boese.de \x1B[2J -all'
check "hostile: fix the broken record" has "Den fehlerhaften SPF-Eintrag beim Domain-Anbieter"

# Usage errors keep their statuses.
status=0; "$BIN" note >/dev/null 2>&1 || status=$?
check "no address: 64" test "$status" -eq 64
status=0; "$BIN" note info@firma.de --resolver 'not-an-ip' >/dev/null 2>&1 || status=$?
check "bad --resolver: 64" test "$status" -eq 64
status=0; "$BIN" note info@firma.de --json >/dev/null 2>&1 || status=$?
check "an option of check: 64" test "$status" -eq 64
finish
