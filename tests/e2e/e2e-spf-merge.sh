#!/usr/bin/env bash
# SPF for a domain with an existing record (beispiel-firma.de: v=spf1 mx
# ~all): separate fields without TTL. The merged value keeps ~all and adds no
# mx, the "ersetzt" note names the old record, there is no TTL line. Esc goes
# back from the entry to the form choice (answers kept), and forward again.
. "$(dirname "$0")/e2e-common.sh"
start_lab
# The address from the command line is already in the field.
start_wizard 80 24 -- --resolver "$RES" info@beispiel-firma.de

step "address filled in" wait_for "info@beispiel-firma.de"
check "starts on the address screen, the second of the SPF path" shows "Schritt 2 von 9"
keys Enter
step "diagnosis: a record without Flicono" wait_for "aber er erlaubt Flicono das Senden"
check "the old record is shown" shows_line "v=spf1 mx ~all"
expect_screen diagnosis-extend
keys 1
step "method" wait_for "Wie soll Flicono Ihre E-Mails versenden?"
keys 2
step "form" wait_for "in einzelnen Feldern"
keys 2
step "ttl" wait_for "Beispiel 86400?"
keys 2
step "entry" wait_for "Data: v=spf1"
check "name field" shows_line "Name: @"
check "type field" shows_line "Typ: TXT"
check "merged value" shows_line "Data: v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"
check "no TTL line" bash -c '! grep -q "TTL:" <<<"$1"' _ "$(screen)"
check "replace note" shows "Dieser Eintrag ersetzt den vorhandenen Eintrag „v=spf1 mx ~all“."
check "no -all warning for someone else's record" bash -c '! grep -q "Hinweis: Mit" <<<"$1"' _ "$(screen)"
expect_screen entry-fields-nottl

# Back: entry → TTL → form, each with the earlier answer highlighted.
keys Escape
step "back to ttl" wait_for "Beispiel 86400?"
check "ttl answer kept" shows "> 2 Nein"
keys BSpace
step "back to form" wait_for "in einzelnen Feldern"
check "form answer kept" shows "> 2 in einzelnen Feldern"
# Forward with Enter only: the kept answers lead to the same entry.
keys Enter
step "forward to ttl" wait_for "Beispiel 86400?"
keys Enter
step "forward to entry" wait_for "Data: v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"
check "still no TTL line" bash -c '! grep -q "TTL:" <<<"$1"' _ "$(screen)"
# Change the answer on the way: the one-line form without TTL.
keys Escape Escape
step "form again" wait_for "in einzelnen Feldern"
keys 1
step "ttl again" wait_for "Beispiel 86400?"
keys 2
step "one line without TTL" wait_for '@ IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"'
keys q
wait_exit
check "q on the entry screen quits at once, exit 0" test "$exit_status" = 0
finish
