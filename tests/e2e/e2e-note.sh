#!/usr/bin/env bash
# The ticket note in the wizard: n on the entry screen shows it without a
# check ("noch nicht geprüft"), n on the check screen with the last round;
# k copies it (the status line says so), 1 does not leave it, Esc and n
# return to the screen below. In English too.
. "$(dirname "$0")/e2e-common.sh"
start_lab

# to_entry: from a fresh wizard for info@ohne-spf.de to the entry in one line, with TTL.
to_entry() {
  step "address" wait_for "info@ohne-spf.de"
  keys Enter
  step "diagnosis" wait_for "ohne-spf.de" 20
  sleep 0.5
  keys Enter
  step "method" wait_for "$1"
  keys 2
  step "form" wait_for "$2"
  keys 1
  step "ttl" wait_for "86400"
  keys 1
}

start_wizard 80 24 -- --resolver "$RES" info@ohne-spf.de
to_entry "Wie soll Flicono Ihre E-Mails versenden?" "in einer Zeile (ein Textfeld je Eintrag)"
step "entry" wait_for "Ich habe den Eintrag gespeichert: jetzt prüfen"
check "the footer names n" shows "n Notiz"
keys n
step "the note on the entry" wait_for "Ticket-Notiz"
check "its date, ISO 8601 with offset" \
  bash -c "grep -qE 'Datum: +$(date +%Y-%m-%d)T[0-9:]{8}[+-][0-9]{2}:[0-9]{2}' <<<\"\$1\"" _ "$(screen)"
check "the address" shows "Adresse: info@ohne-spf.de"
check "the method" shows "Verfahren: SPF-Eintrag"
check "the provider" shows "Anbieter: unbekannt"
check "the record as shown" shows '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107'
check "not checked yet" shows "Letzte Prüfung: noch nicht geprüft"
check "the note's footer" shows "n oder Esc zurück"
keys k
step "k copies the note" wait_for "An das Terminal geschickt (OSC 52)"
keys 1
sleep 0.5
check "1 does not leave the note" shows "Ticket-Notiz"
keys Escape
step "Esc: back on the entry" wait_for "Ich habe den Eintrag gespeichert: jetzt prüfen"
check "the entry, not the note" bash -c '! grep -qF "Ticket-Notiz" <<<"$1"' _ "$(screen)"
check "still the entry screen (step 7)" shows "Schritt 7 von 9"
keys 1
step "the check" wait_for "Prüfung für ohne-spf.de"
step "its first round" wait_for "Namensserver (zuständig)" 20
check "the check's footer names n" shows "n Notiz"
keys n
step "the note on the check" wait_for "Ticket-Notiz"
check "the last check's time" \
  bash -c "grep -qE 'Letzte Prüfung: $(date +%Y-%m-%d)T' <<<\"\$1\"" _ "$(screen)"
check "a name server row" bash -c "grep -qE 'ns1\\.ohne-spf\\.de 127\\.[0-9.]+: kein SPF-Eintrag' <<<\"\$1\"" \
  _ "$(screen)"
keys NPage NPage
step "the verdict below" wait_for "Ergebnis: Eintrag fehlt oder ist falsch"
keys n
step "n: back on the check" wait_for "r jetzt prüfen"
check "the check, not the note" bash -c '! grep -qF "Ticket-Notiz" <<<"$1"' _ "$(screen)"
keys n
step "n again" wait_for "Ticket-Notiz"
keys Escape
step "Esc: back on the check" wait_for "r jetzt prüfen"
check "still the check screen" shows "Prüfung für ohne-spf.de"
keys q
step "quit asks" wait_for "Wirklich beenden?"
keys 1
wait_exit
check "exit 0" test "$exit_status" = 0

# English.
start_wizard 80 24 LANG=en_US.UTF-8 -- --resolver "$RES" info@ohne-spf.de
to_entry "How should Flicono send your e-mails?" "in one line (one text field per record)"
step "entry in English" wait_for "I have saved the record: check now"
check "the English footer names n" shows "n note"
keys n
step "the English note" wait_for "Ticket note"
check "English method" shows "Method: SPF record"
check "English provider" shows "Provider: unknown"
check "English: not checked yet" shows "Last check: not checked yet"
keys Escape
step "back on the English entry" wait_for "I have saved the record: check now"
keys q
wait_exit
check "exit 0 (English)" test "$exit_status" = 0
finish
