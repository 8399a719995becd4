#!/usr/bin/env bash
# Resizing mid-flow: the entry screen at 80×24, then 60×16 (still readable,
# nothing beyond the right edge), then 50×12 ("Terminal zu klein"), then
# back to 80×24 exactly as before; the flow goes on afterwards, and the
# check's table fits 60×16.
. "$(dirname "$0")/e2e-common.sh"
start_lab
start_wizard 80 24 -- --resolver "$RES" info@ohne-spf.de

step "address" wait_for "info@ohne-spf.de"
keys Enter
step "diagnosis" wait_for "gibt es noch keinen SPF-Eintrag"
keys 1 2 1 1
step "entry at 80x24" wait_for "diesen Eintrag an:"
expect_screen entry-line-ttl

widest() { screen | LC_ALL=C.UTF-8 wc -L; }

tm resize-window -t w -x 60 -y 16
step "redrawn at 60 columns" wait_for "Schritt 7 von 9"
step "the entry, wrapped at a space, still complete" \
  wait_for '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"'
expect_screen entry-60x16
check "no line wider than 60 columns" test "$(widest)" -le 60
check "more below is announced" shows "mehr: Bild ab"
# The choice below the fold still works by its number... after scrolling to see it.
keys PageDown
step "scrolled" wait_for "Ich habe den Eintrag gespeichert"

tm resize-window -t w -x 50 -y 12
step "too small" wait_for "Terminal zu klein"
check "the size is named" shows "mindestens 60×16, jetzt 50×12"
# Keys do nothing while the terminal is too small, and the wizard says so.
step "a key while too small is dropped, and said so" ignored_key 1

tm resize-window -t w -x 80 -y 24
step "back at 80x24" wait_gone "Terminal zu klein"
step "the entry again: the 1 was not taken" wait_for "diesen Eintrag an:"
check "not on the check" bash -c '! grep -q "Prüfung für" <<<"$1"' _ "$(flat)"
expect_screen entry-line-ttl
keys Enter
step "the flow goes on" wait_for "Prüfung für ohne-spf.de"
step "a round" wait_for "Namensserver (zuständig)" 20
# The check's table fits 60×16 without scrolling.
tm resize-window -t w -x 60 -y 16
step "check at 60x16" wait_for "Runde 1 · nächste Prüfung in"
expect_screen check-60x16
check "the resolver row is on the screen" shows "Resolver 127."
check "no line wider than 60 columns on the check" test "$(widest)" -le 60
check "nothing hidden below" bash -c '! grep -q "mehr: Bild ab" <<<"$1"' _ "$(screen)"
finish
