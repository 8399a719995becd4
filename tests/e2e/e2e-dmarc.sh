#!/usr/bin/env bash
# The DMARC policy in the wizard: dmarc-hart.de has an SPF record
# without Flicono and p=reject. The diagnosis says that mail is rejected
# today and passes aligned with the record; the alias screen says that the
# policy does not touch the alias feature. On the check screen, before the
# record is published, the policy is named with what it means today.
. "$(dirname "$0")/e2e-common.sh"
start_lab
start_wizard 80 24 -- --resolver "$RES"

step "welcome" wait_for "Neue Einrichtung beginnen"
keys 0
step "address screen" wait_for "Adresse:"
keys "info@dmarc-hart.de" Enter
step "diagnosis: SPF record without Flicono" wait_for "aber er erlaubt Flicono das Senden"
check "the policy named" shows "DMARC: dmarc-hart.de hat die DMARC-Richtlinie p=reject."
check "rejected today" shows "weisen Empfänger-Mailserver E-Mails ab, die Flicono in Ihrem Namen sendet."
check "aligned with the record" shows "Mit dem SPF-Eintrag besteht die SPF-Prüfung, passend zur Absenderadresse"
check "the recommendation still shows" shows "Empfehlung: den vorhandenen Eintrag um Flicono ergänzen."
keys Enter
step "method" wait_for "Wie soll Flicono Ihre E-Mails versenden?"
keys 1
step "alias steps" wait_for "Alias-Funktion einschalten"
check "alias: the policy does not touch it" shows "Die DMARC-Richtlinie von dmarc-hart.de betrifft die Alias-Funktion nicht"
check "alias: Fertig still shows" shows "1 Fertig"
keys Enter
step "done" wait_for "Sie haben die Alias-Funktion gewählt."
keys 1
wait_exit
check "exit 0" test "$exit_status" = 0

# The SPF path to the check screen: the record is not published in the lab,
# so the policy still rejects Flicono's mail.
start_wizard 80 30 -- --resolver "$RES" info@dmarc-hart.de
step "address filled in" wait_for "info@dmarc-hart.de"
keys Enter
step "diagnosis again" wait_for "aber er erlaubt Flicono das Senden"
keys 1 2 1 1
step "entry" wait_for "IN TXT"
keys Enter
step "check screen" wait_for "Namensserver (zuständig)" 20
check "check screen: the policy named" shows "DMARC: dmarc-hart.de hat die DMARC-Richtlinie p=reject."
check "check screen: rejected while not propagated" shows "weisen Empfänger-Mailserver E-Mails ab, die Flicono in Ihrem Namen sendet."
keys q
step "quit asks first" wait_for "Wirklich beenden?"
keys 1
wait_exit
check "quit on the check screen: exit 0" test "$exit_status" = 0
finish
