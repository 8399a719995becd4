#!/usr/bin/env bash
# `check --open` and `forget` against the DNS lab (tests/cli/zones): several
# open cases in the state file, some propagated and some not, give the right
# table, JSON and exit status; propagated cases leave the list. BIN: the
# program. Argument: the lab's NET (127.NET.*).
: "${BIN:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")" && pwd)/zones"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8
zones=$LAB_ZONES
export XDG_STATE_HOME=$WORK/state
list=$XDG_STATE_HOME/flicono-mailsetup/open-checks

# open_cases DOMAIN:INPUT…: a state file as the wizard writes it (started an hour ago).
open_cases() {
  local started=$(($(date +%s) - 3600)) c
  mkdir -p -m 700 "$XDG_STATE_HOME/flicono-mailsetup"
  {
    printf '# flicono-mailsetup open checks v1\n'
    for c in "$@"; do printf '%s\tline\tttl\t%s\t%s\n' "${c%%:*}" "$started" "${c#*:}"; done
  } >"$list"
  chmod 600 "$list"
}
line() { grep -E "^$1 .* $2( |$)" <<<"$out" >/dev/null; }
listed() { grep -q "^$1	" "$list" 2>/dev/null; }

# Nothing open: 0, said so; JSON an empty array.
run check --open
check "none open: exit 0" test "$status" -eq 0
check "none open: said" has "Keine offenen Prüfungen."
run check --open --json
check "none open: json []" test "$out" = "[]"

# One propagated, one without record: exit 2 (the worst); the propagated one leaves the list.
open_cases reihe.de:info@reihe.de leer.de:rechnung@leer.de
run check --open
check "propagated + wrong: exit 2" test "$status" -eq 2
check "propagated + wrong: header" line Adresse "Stand"
check "propagated: its line" line info@reihe.de "verbreitet"
check "wrong: its line" line rechnung@leer.de "Eintrag fehlt oder ist falsch"
check "propagated: the worldwide bound under its row" has "haben alle Zwischenspeicher weltweit den neuen Eintrag"
check "wrong: no bound (not on every name server)" test "$(grep -c 'Zwischenspeicher weltweit' <<<"$out")" -eq 1
check "propagated: says it leaves the list" \
  has "info@reihe.de ist überall angekommen und steht nicht mehr unter den offenen Prüfungen."
check "propagated: off the list" bash -c "! grep -q '^reihe.de	' '$list'"
check "wrong: still on the list" listed leer.de
run check --open
check "second run: only the open case" bash -c "! grep -q reihe.de <<<'$out'"
check "second run: exit 2" test "$status" -eq 2

# A record on ns1 only: pending (1), and the resolver's cache expiry is named.
"$BIN" check firma.de --resolver "$RES" >/dev/null 2>&1 || true # the resolver caches the old record
"$LAB_SH" set "$WORK/lab" ns1 firma.de "$zones/firma.de.neu"
open_cases firma.de:info@firma.de
run check --open
check "pending: exit 1" test "$status" -eq 1
check "pending: its line" line info@firma.de "noch nicht überall"
run check --open --json
check "pending json: exit 1" test "$status" -eq 1
check "pending json: an array with the case" json "
assert isinstance(d, list) and len(d) == 1, d
c = d[0]
assert c['address'] == 'info@firma.de' and c['domain'] == 'firma.de', c
assert c['state'] == 'pending' and c['exit_status'] == 1, c
assert c['provider'] is None and c['removed_from_open'] is False
assert c['cache_expires'] is None, c  # no resolver asked while ns2 lags
assert c['check']['verdict'] == 'pending' and c['check']['zone'] == 'firma.de'"

# Twelve cases at once (more than the 8 asked in parallel), one an umlaut
# domain, one unanswerable: every one has its line, the worst status wins.
cases=(reihe.de:a@reihe.de leer.de:b@leer.de firma.de:c@firma.de
  xn--bcker-meister-bfb.de:info@bäcker-meister.de kette2.de:d@kette2.de
  doppelt.de:e@doppelt.de tot.de:f@tot.de fehler-www.de:g@fehler-www.de
  kaputt.de:h@kaputt.de ausschluss.de:i@ausschluss.de inc.de:j@inc.de
  nirgends.example:k@nirgends.example)
open_cases "${cases[@]}"
run check --open --json
check "twelve: json has twelve cases" json "assert len(d) == 12, len(d)"
check "twelve: exit status is the worst (3, one unanswerable)" test "$status" -eq 3
check "twelve: the states" json "
s = {c['domain']: c['state'] for c in d}
assert s['reihe.de'] == 'propagated' and s['xn--bcker-meister-bfb.de'] == 'propagated', s
assert s['kette2.de'] == 'propagated' and s['leer.de'] == 'wrong', s
assert s['firma.de'] == 'pending' and s['nirgends.example'] == 'unknown', s"
check "twelve: the propagated ones left the list" bash -c "
! grep -qE '^(reihe.de|kette2.de|xn--bcker-meister-bfb.de)	' '$list'"
check "twelve: the others stay" listed firma.de

# --watch with --open: the pending case turns propagated once ns2 has it.
open_cases schnell.de:info@schnell.de
"$BIN" check schnell.de --resolver "$RES" >/dev/null 2>&1 || true
"$LAB_SH" set "$WORK/lab" ns1 schnell.de "$zones/schnell.de.neu"
(sleep 2 && "$LAB_SH" set "$WORK/lab" ns2 schnell.de "$zones/schnell.de.neu") &
run check --open --watch --interval 1 --timeout 40
wait
check "watch: ends with 0" test "$status" -eq 0
check "watch: first pending, then propagated" bash -c "
grep -qE '^info@schnell.de .*noch nicht überall' <<<'$out' &&
grep -qE '^info@schnell.de .*verbreitet' <<<'$out'"
check "watch: the list is empty now" bash -c "! grep -q schnell.de '$list' 2>/dev/null"

# forget: removes a case; an address without one is named, exit 1.
open_cases leer.de:rechnung@leer.de firma.de:info@firma.de
status=0; out=$("$BIN" forget info@leer.de 2>&1) || status=$?
check "forget: exit 0" test "$status" -eq 0
check "forget: said" has "Die offene Prüfung für leer.de ist entfernt."
check "forget: gone from the list" bash -c "! grep -q '^leer.de	' '$list'"
check "forget: the other stays" listed firma.de
status=0; out=$("$BIN" forget info@leer.de 2>&1) || status=$?
check "forget again: exit 1" test "$status" -eq 1
check "forget again: named" has "Für leer.de gibt es keine offene Prüfung."
status=0; out=$("$BIN" forget 2>&1) || status=$?
check "forget without address: usage 64" test "$status" -eq 64
status=0; out=$("$BIN" check --open info@leer.de 2>&1) || status=$?
check "check --open with an address: usage 64" test "$status" -eq 64

# English.
open_cases leer.de:rechnung@leer.de
status=0; out=$(LANG=en_US.UTF-8 "$BIN" check --open --resolver "$RES" 2>&1) || status=$?
check "english: header and state" bash -c "grep -qE '^Address .*State' <<<'$out' &&
grep -qE '^rechnung@leer.de .*record missing or wrong' <<<'$out'"
finish
