#!/usr/bin/env bash
# SPF for a domain without a record (ohne-spf.de): one-line form with TTL.
# The exact zone-file line appears, k copies it (OSC 52 into tmux's buffer),
# ? shows help, and every screen on the way matches its reference capture.
# The step counter counts the SPF path: nine screens, each one further.
. "$(dirname "$0")/e2e-common.sh"
start_lab
start_wizard 80 24 -- --resolver "$RES"

step "welcome" wait_for "Neue Einrichtung beginnen"
check "the new setup has its fixed key" shows "> 0 Neue Einrichtung beginnen"
check "step 1 of the SPF path" shows "Schritt 1 von 9"
expect_screen welcome
keys 0
step "address screen" wait_for "Adresse:"
check "step 2" shows "Schritt 2 von 9"
keys "info@ohne-spf.de"
step "typed text shows" wait_for "info@ohne-spf.de"
expect_screen address
keys Enter
step "diagnosis: no SPF record" wait_for "Für ohne-spf.de gibt es noch keinen SPF-Eintrag."
check "step 3" shows "Schritt 3 von 9"
expect_screen diagnosis-none
keys Enter
step "method" wait_for "Wie soll Flicono Ihre E-Mails versenden?"
check "SPF recommended" shows "2 SPF-Eintrag (empfohlen)"
check "step 4" shows "Schritt 4 von 9"
expect_screen method
# ? opens the help for this screen; any key closes it.
keys "?"
step "help" wait_for "Alias-Funktion: nichts im DNS zu tun"
keys x
step "help closes" wait_for "Wie soll Flicono Ihre E-Mails versenden?"
keys 2
step "form" wait_for "in einer Zeile (ein Textfeld je Eintrag)"
check "step 5" shows "Schritt 5 von 9"
expect_screen form
keys 1
step "ttl" wait_for "Beispiel 86400?"
check "step 6" shows "Schritt 6 von 9"
expect_screen ttl
keys 1
step "entry" wait_for "diesen Eintrag an:"
check "step 7" shows "Schritt 7 von 9"
check "the exact line" shows_line '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"'
check "the -all warning" shows 'Hinweis: Mit „-all“ dürfen nur die Mailserver Ihrer Domain (mx)'
check "no replace note for a new record" bash -c '! grep -q ersetzt <<<"$1"' _ "$(screen)"
expect_screen entry-line-ttl
keys k
# Sent, not promised: the terminal may drop OSC 52.
step "sent to the terminal" wait_for "An das Terminal geschickt (OSC 52): nicht jedes legt es in die Zwischenablage."
check "no promise that it is on the clipboard" bash -c '! grep -q "ist in der Zwischenablage" <<<"$1"' _ "$(flat)"
buffer=$(tm show-buffer 2>/dev/null || true)
check "OSC 52 put the line on the clipboard" \
  test "$buffer" = '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"'
keys Enter
step "check screen" wait_for "Prüfung für ohne-spf.de"
check "step 8" shows "Schritt 8 von 9"
step "a round finished" wait_for "Namensserver (zuständig)" 20
check "name servers without SPF" shows "kein SPF-Eintrag"
check "the resolver row" shows "Resolver (Zwischenspeicher)"
check "countdown" shows "nächste Prüfung in"
expect_screen check-none
finish
