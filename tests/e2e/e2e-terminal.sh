#!/usr/bin/env bash
# Terminals: the wizard draws under TERM=xterm, screen, tmux-256color, linux
# and vt100; NO_COLOR leaves out every colour; an unknown TERM is refused
# with a hint; without a terminal the wizard refuses and points to show and
# check (exit 69).
. "$(dirname "$0")/e2e-common.sh"
start_lab

for term in xterm screen tmux-256color linux vt100; do
  start_wizard 80 24 TERM=$term -- --resolver "$RES" gmx.de
  step "TERM=$term draws" wait_for "Adresse: gmx.de"
  keys Enter
  step "TERM=$term: keys work" wait_for "ist die Domain eines Freemail-Anbieters"
  keys q
  wait_exit
  check "TERM=$term: q quits with 0" test "$exit_status" = 0
done

# Colour escapes in the pane (capture-pane -e): SGR 30–37/90–97 or 38;…
coloured() { tm capture-pane -e -p -t w | grep -qE $'\e\\[([0-9]+;)*(3[0-8]|9[0-7])(;[0-9]+)*m'; }
uncoloured() { ! coloured; }
start_wizard 80 24 -- --resolver "$RES" "info@@x.de"
keys Enter
step "an error (red)" wait_for "mehr als ein @"
check "colour without NO_COLOR" coloured
start_wizard 80 24 NO_COLOR=1 -- --resolver "$RES" "info@@x.de"
keys Enter
step "an error without colour" wait_for "mehr als ein @"
check "NO_COLOR: no colour at all" uncoloured

start_wizard 80 24 TERM=kein-solches-terminal -- --resolver "$RES"
wait_exit
check "unknown TERM: exit 69" test "$exit_status" = 69

status=0
out=$("$BIN" --resolver "$RES" </dev/null 2>&1) || status=$?
check "no terminal: exit 69" test "$status" = 69
check "no terminal: German hint to show and check" \
  grep -qF "Der Assistent braucht ein Terminal. Ohne Terminal zeigt „flicono-mailsetup show ADRESSE“" <<<"$out"
status=0
out=$("$BIN" --resolver "$RES" info@x.de 2>&1 | cat) || status=$?
check "stdout not a terminal: refused too" grep -qF "check ADRESSE“ prüft ihn" <<<"$out"
finish
