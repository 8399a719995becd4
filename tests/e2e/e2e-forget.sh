#!/usr/bin/env bash
# Forgetting an open check on the welcome screen: Entf (or x) asks, j (y in
# English) removes the selected case from the list on screen and on disk,
# any other key keeps it (Esc included, which does not leave the screen).
. "$(dirname "$0")/e2e-common.sh"
start_lab
list=$STATE/flicono-mailsetup/open-checks

seed() {
  local now
  now=$(date +%s)
  mkdir -p -m 700 "$STATE/flicono-mailsetup"
  {
    echo '# flicono-mailsetup open checks v1'
    printf 'eins.de\tline\tttl\t%s\tinfo@eins.de\n' "$((now - 60))"
    printf 'zwei.de\tline\tttl\t%s\tinfo@zwei.de\n' "$((now - 120))"
    printf 'drei.de\tfields\tnottl\t%s\tinfo@drei.de\n' "$((now - 180))"
  } >"$list"
  chmod 600 "$list"
}
on_list() { grep -q "^$1	" "$list"; }

seed
start_wizard 80 24 FLICONO_MAILSETUP_CHECK_INTERVAL=600 -- --resolver "$RES"
wait_for "Offene Prüfungen:"
check "the key line names Entf" shows "Entf vergisst"
keys Down
step "the second selected" wait_for "> 2 info@zwei.de"
keys DC
step "Entf asks" wait_for "Die Prüfung für info@zwei.de vergessen? j = ja, jede andere Taste = nein"
check "the key line says how to answer" shows "j vergessen"
keys n
step "n keeps it: the question is gone" wait_gone "vergessen? j = ja"
check "n keeps it: still listed" shows "info@zwei.de – begonnen"
check "n keeps it: still on disk" on_list zwei.de
keys DC
wait_for "Die Prüfung für info@zwei.de vergessen?"
keys j
step "j forgets it: said in the status line" wait_for "Die offene Prüfung für info@zwei.de ist entfernt."
check "j forgets it: gone from the screen" bash -c '! grep -qF "info@zwei.de – begonnen" <<<"$1"' _ "$(flat)"
check "j forgets it: gone from disk" bash -c "! grep -q '^zwei.de	' '$list'"
check "the others stay on disk" bash -c "grep -q '^eins.de	' '$list' && grep -q '^drei.de	' '$list'"
check "the others stay on screen, renumbered" shows "2 info@drei.de – begonnen"
# x asks too; Esc answers no and stays on the welcome screen.
keys Home x
step "x asks for the first" wait_for "Die Prüfung für info@eins.de vergessen?"
keys Escape
step "Esc keeps it" wait_gone "vergessen? j = ja"
check "Esc stays on the welcome screen" shows "Offene Prüfungen:"
check "Esc keeps it on disk" on_list eins.de
# Entf on "Neue Einrichtung" asks nothing.
keys 0
step "0: the address screen" wait_for "Absenderadresse"
keys Escape
wait_for "Offene Prüfungen:"
keys End DC
check "Entf on the new setup asks nothing" bash -c '! grep -qF "vergessen?" <<<"$1"' _ "$(flat)"
keys q
wait_exit

# English: y forgets.
seed
start_wizard 80 24 LANG=en_US.UTF-8 FLICONO_MAILSETUP_CHECK_INTERVAL=600 -- --resolver "$RES"
wait_for "Open checks:"
keys DC
step "english: asks" wait_for "Forget the check for info@eins.de? y = yes, any other key = no"
keys y
step "english: said" wait_for "The open check for info@eins.de is removed."
check "english: gone from disk" bash -c "! grep -q '^eins.de	' '$list'"
keys q
wait_exit
finish
