#!/usr/bin/env bash
# Dictation on the entry screen: b shows what the customer types, in
# numbered groups of five with the DIN 5009 words (the one-line form: the
# whole line, as k copies it), PgDn scrolls it, 1 does not leave it, Esc
# and b return to the entry; in English the value of the fields form with
# the ICAO words.
. "$(dirname "$0")/e2e-common.sh"
start_lab

# to_entry FORM: from the welcome screen of a fresh wizard for
# info@ohne-spf.de to the entry in FORM (1 one line, 2 fields), with TTL.
to_entry() {
  step "address" wait_for "info@ohne-spf.de"
  keys Enter
  step "diagnosis" wait_for "ohne-spf.de" 20
  sleep 0.5
  keys Enter
  step "method" wait_for "$1"
  keys 2
  step "form" wait_for "$2"
  keys "$3"
  step "ttl" wait_for "86400"
  keys 1
}

start_wizard 80 24 -- --resolver "$RES" info@ohne-spf.de
to_entry "Wie soll Flicono Ihre E-Mails versenden?" "in einer Zeile (ein Textfeld je Eintrag)" 1
step "entry" wait_for "Ich habe den Eintrag gespeichert: jetzt prüfen"
check "the footer names b" shows "b buchstabieren"
keys b
step "the dictation" wait_for "Buchstabieren"
check "the whole line is counted" shows_line "76 Zeichen in 16 Gruppen"
check "the first group" shows_line "Gruppe 1: @ ␣ 8 6 4"
check "the at sign is named" shows_line "1  @   At-Zeichen (Klammeraffe)"
check "the space is named" shows_line "2  ␣   Leerzeichen"
check "digits as words" shows_line "3  8   acht"
check "the dictation's footer" shows "b oder Esc zurück zum Eintrag"
check "longer than the screen" shows "↓ mehr: Bild ab"
check "the last group is not shown yet" bash -c '! grep -qF "Gruppe 16:" <<<"$1"' _ "$(screen)"
keys NPage NPage NPage NPage NPage NPage NPage NPage NPage NPage
step "PgDn reaches the last group" wait_for "Gruppe 16: \""
check "its last character" shows_line "76  \"   Anführungszeichen"
keys 1
sleep 0.5
check "1 does not leave the dictation" shows "Gruppe 16:"
keys Escape
step "Esc: back on the entry" wait_for "Ich habe den Eintrag gespeichert: jetzt prüfen"
check "the entry, not the dictation" bash -c '! grep -qF "Gruppe 1:" <<<"$1"' _ "$(screen)"
check "still the entry screen (step 7)" shows "Schritt 7 von 9"
keys b
step "b again" wait_for "Gruppe 1: @ ␣ 8 6 4"
keys b
step "b: back on the entry" wait_for "Ich habe den Eintrag gespeichert: jetzt prüfen"
keys Escape
step "Esc on the entry still goes back" wait_for "Beispiel 86400?"
keys q
wait_exit
check "exit 0" test "$exit_status" = 0

# English: the fields form, whose value is the record alone.
start_wizard 80 24 LANG=en_US.UTF-8 -- --resolver "$RES" info@ohne-spf.de
to_entry "How should Flicono send your e-mails?" "in separate fields" 2
step "entry in English" wait_for "I have saved the record: check now"
check "the English footer names b" shows "b spell"
keys b
step "the English dictation" wait_for "59 characters in 12 groups"
check "the first group" shows_line "Group 1: v = s p f"
check "ICAO" shows_line "1  v   small v, Victor"
check "a symbol in English" shows_line "2  =   equals sign"
keys Escape
step "back on the English entry" wait_for "I have saved the record: check now"
keys q
wait_exit
check "exit 0 (English)" test "$exit_status" = 0
finish
