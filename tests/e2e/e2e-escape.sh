#!/usr/bin/env bash
# A TXT record with terminal escape sequences (boese.de: clear screen, set
# the window title) is displayed with them made visible, never executed:
# the screen is not cleared, the title is not changed.
. "$(dirname "$0")/e2e-common.sh"
start_lab
start_wizard 80 24 -- --resolver "$RES" info@boese.de

step "address" wait_for "info@boese.de"
title_before=$(tm display -p -t w '#{pane_title}')
keys Enter
step "the broken record is reported" wait_for "Der SPF-Eintrag von boese.de ist fehlerhaft:"
check "the sequences are shown as text" shows_line 'v=spf1 a \x1B[2J\x1B]0;gekapert\x07 ~all'
check "the header survived (no clear screen)" shows "Flicono · E-Mail-Versand einrichten"
check "the title is unchanged" test "$(tm display -p -t w '#{pane_title}')" = "$title_before"
check "no title from DNS" bash -c '[ "$(tmux -L "$1" display -p -t w "#{pane_title}")" != gekapert ]' _ "$SOCK"
check "no raw ESC reached the pane" bash -c '! tmux -L "$1" capture-pane -p -t w | grep -q $'"'"'\x1b'"'"'' _ "$SOCK"
expect_screen diagnosis-escape
keys 1
step "method: alias recommended for a broken record" wait_for "1 Alias-Funktion (empfohlen)"
keys 2 1 1
step "entry refuses to extend it" wait_for "Der Assistent kann ihn nicht ergänzen:"
check "escaped there too" shows_line 'v=spf1 a \x1B[2J\x1B]0;gekapert\x07 ~all'
finish
