#!/usr/bin/env bash
# A resolver that never answers: the diagnosis shows a spinner and its
# time-out while the keys stay live (help opens and closes during the wait),
# then says DNS did not answer and offers to try again; with a working
# resolver behind it the check's first round also shows its progress, and q
# quits at once even while a round is still out.
. "$(dirname "$0")/e2e-common.sh"
start_lab
SILENT=127.$NET.5
start_silent "$SILENT"

start_wizard 80 24 -- --resolver "$SILENT" info@ohne-spf.de
keys Enter
step "spinner with elapsed time and limit" wait_for "Ich frage das DNS nach den Einträgen von ohne-spf.de"
check "the time-out is shown" shows "(höchstens 30 s)"
# The key loop is not blocked by the DNS work: help opens and closes now.
keys "?"
step "help during the wait" wait_for "Der Assistent liest die DNS-Einträge Ihrer Domain"
keys x
step "back to the waiting diagnosis" wait_for "Ich frage das DNS nach den Einträgen"
step "no answer" wait_for "Das DNS hat nicht geantwortet: keine Antwort (Zeitüberschreitung)." 30
check "nothing is proposed without an answer" shows "Ohne diese Antwort lässt sich nicht sagen"
check "try again offered" shows "1 Erneut versuchen"
expect_screen diagnosis-timeout
keys 1
step "asking again" wait_for "Ich frage das DNS nach den Einträgen"
keys Escape
step "Esc leaves the waiting diagnosis" wait_for "Absenderadresse"
keys q
step "q is text in the address field" wait_for "Adresse: info@ohne-spf.deq"

# The lab's resolver after the silent one: the diagnosis gets its answer
# from the second, the check's round waits for the silent one's time-out.
start_wizard 80 24 -- --resolver "$SILENT" --resolver "$RES" ohne-spf.de
keys Enter
step "diagnosis through the second resolver" wait_for "gibt es noch keinen SPF-Eintrag" 30
keys 1 2 1 1 Enter
step "first round in progress" wait_for "Ich frage alle Server"
keys q
step "quit asked" wait_for "Wirklich beenden?"
keys 1
# (How fast it quits depends on the machine's load: bench/'s business.)
wait_exit 5
check "quits with a round still out (exit $exit_status)" test "$exit_status" = 0
finish
