#!/usr/bin/env bash
# The alias path, for a freemail address (gmx.de): no DNS needed, alias
# recommended, SPF refused with a reason, the steps from the profile, Fertig.
# The step counter counts the alias path (six screens); the done screen
# names no check command (there is nothing to check).
. "$(dirname "$0")/e2e-common.sh"
start_lab
start_wizard 80 24 -- --resolver "$RES"

step "welcome" wait_for "Neue Einrichtung beginnen"
check "step 1, the SPF path ahead" shows "Schritt 1 von 9"
keys Enter
step "address" wait_for "Adresse:"
# A wrong address first: the error appears and the input is kept.
keys "info@@gmx.de" Enter
step "error shown" wait_for "Die Eingabe enthält mehr als ein @"
check "the input is kept" shows "Adresse: info@@gmx.de"
keys C-u "info@gmx.de" Enter
step "freemail" wait_for "ist die Domain eines Freemail-Anbieters"
check "alias recommended" shows "Empfehlung: die Alias-Funktion."
check "step 3 of the alias path" shows "Schritt 3 von 6"
expect_screen diagnosis-freemail
keys 1
step "method" wait_for "Wie soll Flicono Ihre E-Mails versenden?"
check "alias recommended on the choice" shows "1 Alias-Funktion (empfohlen)"
check "SPF not possible" shows "(für diese Domain nicht möglich)"
check "step 4 of 6" shows "Schritt 4 von 6"
expect_screen method-freemail
keys 2
step "SPF refused with a reason" wait_for "Für die Domain eines Freemail-Anbieters können Sie keinen"
check "still on the method screen" shows "Wie soll Flicono Ihre E-Mails versenden?"
keys 1
step "alias steps" wait_for "Alias-Funktion einschalten"
check "step 5 of 6" shows "Schritt 5 von 6"
check "step 1 from the profile" shows "Schritt 1: Öffnen Sie in Flicono die Voreinstellungen."
check "step 2: only what is known" shows "Schritt 2: Schalten Sie dort die Alias-Funktion ein."
check "no section Flicono does not name" bash -c '! grep -q "Bereich" <<<"$1"' _ "$(flat)"
check "replies forwarded" shows "leitet der Server automatisch an Ihre eigene Adresse weiter"
expect_screen alias
keys Enter
step "done" wait_for "Sie haben die Alias-Funktion gewählt."
check "step 6 of 6" shows "Schritt 6 von 6"
check "what to do if mail bounces" shows "Dann schicken Sie die Fehlermeldung des Empfänger-Mailservers an den Flicono-Support."
check "no check command after the alias path" bash -c '! grep -q "flicono-mailsetup check" <<<"$1"' _ "$(flat)"
expect_screen done-alias
keys 1
wait_exit
check "exit 0" test "$exit_status" = 0
check "no open check for the alias path" test ! -e "$STATE/flicono-mailsetup/open-checks"
finish
