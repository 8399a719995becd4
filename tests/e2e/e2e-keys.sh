#!/usr/bin/env bash
# Keys that must reach everything: twelve open checks on the welcome screen
# (digits pick the first nine, the arrows every one while the list scrolls
# with the selection, 0 always starts a new setup), and a held Backspace in
# the address field, which clears it but never leaves the screen.
. "$(dirname "$0")/e2e-common.sh"
start_lab

# Twelve open checks, newest first; the twelfth is a lab domain.
seed_open_checks() {
  local now i
  now=$(date +%s)
  mkdir -p -m 700 "$STATE/flicono-mailsetup"
  {
    echo '# flicono-mailsetup open checks v1'
    for i in 01 02 03 04 05 06 07 08 09 10 11; do
      printf 'offen-%s.de\tline\tttl\t%s\toffen-%s.de\n' "$i" "$((now - 10#$i * 60))" "$i"
    done
    printf 'ohne-spf.de\tline\tttl\t%s\tinfo@ohne-spf.de\n' "$((now - 3600))"
  } >"$STATE/flicono-mailsetup/open-checks"
  chmod 600 "$STATE/flicono-mailsetup/open-checks"
}
welcome() {
  start_wizard 80 24 FLICONO_MAILSETUP_CHECK_INTERVAL=600 -- --resolver "$RES"
  wait_for "Offene Prüfungen:"
}

seed_open_checks
welcome
check "the first nine have digits" shows "9 offen-09.de – begonnen"
check "the tenth has none" shows "offen-10.de – begonnen"
check "0 starts a new setup, shown below" shows "0 neue Einrichtung"
# Up from the first entry: the last choice, the new setup, scrolled into view.
keys Up
step "the new setup selected and in view" wait_for "> 0 Neue Einrichtung beginnen"
keys Up
step "the twelfth open check selected and in view" wait_for "> info@ohne-spf.de – begonnen vor 1 h"
check "the list scrolled: the welcome text is out of view" bash -c '! grep -q "Willkommen" <<<"$1"' _ "$(flat)"
keys Enter
step "the twelfth check, resumed with Enter" wait_for "Prüfung für ohne-spf.de"
check "step 2 of 3" shows "Schritt 2 von 3"
keys Escape
# The resumed check is now the newest: first in the list, still selected.
step "back on the welcome screen, the resumed check first" \
  wait_for "> 1 info@ohne-spf.de – begonnen vor 1 h"
check "the list scrolled back to the top" shows "Willkommen"
keys End Up
step "End, Up: the last open check" wait_for "> offen-11.de – begonnen"
# Down from the first to the eleventh: the list follows downwards too.
keys Home
step "Home: the first" wait_for "> 1 info@ohne-spf.de"
for _ in 1 2 3 4 5 6 7 8 9 10; do keys Down; done
step "the eleventh selected and in view" wait_for "> offen-10.de – begonnen"
keys Enter
step "the eleventh check" wait_for "Prüfung für offen-10.de"

seed_open_checks
welcome
keys 9
step "9 resumes the ninth" wait_for "Prüfung für offen-09.de"

seed_open_checks
welcome
keys 0
step "0 starts a new setup" wait_for "Adresse:"

# A held Backspace in the address field: the field empties, the screen and
# the typed field stay (a character typed afterwards appears in it).
rm -f "$STATE/flicono-mailsetup/open-checks"
start_wizard 80 24 -- --resolver "$RES"
step "welcome" wait_for "Neue Einrichtung beginnen"
keys 0
step "address" wait_for "Adresse:"
keys "info@ohne-spf.de"
step "typed" wait_for "Adresse: info@ohne-spf.de"
keys -N 30 BSpace
keys x
step "Backspace held: still the field, x typed into it" wait_for "Adresse: x"
check "the address screen, step 2" shows "Schritt 2 von 9"
keys Escape
step "Esc leaves the field" wait_for "Neue Einrichtung beginnen"
finish
