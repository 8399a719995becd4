#!/usr/bin/env bash
# Quitting during the check (q asks first) keeps the domain as an open
# check, privately and atomically stored; re-running offers it with how long
# ago it started, and choosing it goes straight to the check. Ctrl-C,
# SIGTERM and SIGHUP restore the terminal (exit 130, 143, 129). A corrupt
# state file is set aside with a warning.
. "$(dirname "$0")/e2e-common.sh"
start_lab
start_wizard 80 24 -- --resolver "$RES" ohne-spf.de

step "address" wait_for "ohne-spf.de"
keys Enter
step "diagnosis" wait_for "gibt es noch keinen SPF-Eintrag"
keys 1 2 2 1
step "entry" wait_for "Data: v=spf1 mx"
keys 1
step "check" wait_for "Namensserver (zuständig)" 20
check "state directory is private" test "$(stat -c %a "$STATE/flicono-mailsetup")" = 700
check "state file is private" test "$(stat -c %a "$STATE/flicono-mailsetup/open-checks")" = 600
# … and what the round saw for the worldwide bound: not yet on every name
# server (0), the old answer's TTL there (30 s), seen (old).
step "the first round's rows" wait_for "kein SPF-Eintrag" 20
check "the domain is stored with its form" \
  grep -qE '^ohne-spf\.de	fields	ttl	[0-9]+	ohne-spf\.de	0	30	old$' "$STATE/flicono-mailsetup/open-checks"
keys q
step "q asks while the check runs" wait_for "Die Prüfung läuft noch. Wirklich beenden?"
expect_screen confirm-quit
keys 2
step "2 keeps checking" wait_gone "Wirklich beenden?"
check "still on the check" shows "Prüfung für ohne-spf.de"
keys q
step "asked again" wait_for "Wirklich beenden?"
keys 1
wait_exit
check "quit: exit 0" test "$exit_status" = 0

start_wizard 80 24 -- --resolver "$RES"
step "open checks offered" wait_for "Offene Prüfungen:"
check "with how long ago" shows "1 ohne-spf.de – begonnen gerade eben"
check "new setup after them, on 0" shows "0 Neue Einrichtung beginnen"
expect_screen welcome-open
keys 1
step "straight to the check" wait_for "Prüfung für ohne-spf.de"
check "step 2 of 3: welcome, check, done" shows "Schritt 2 von 3"
step "a round" wait_for "Namensserver (zuständig)" 20

# wizard_pid: the program in the pane (the pane's shell is its parent).
wizard_pid() { pgrep -P "$(tm display -p -t w '#{pane_pid}')" | head -n 1; }
restored() { [ "$(tm display -p -t w '#{alternate_on}')" = 0 ]; }

kill -TERM "$(wizard_pid)"
wait_exit
check "SIGTERM: exit 143" test "$exit_status" = 143
check "SIGTERM: terminal restored" restored
check "SIGTERM: the check stays open" grep -q '^ohne-spf\.de	' "$STATE/flicono-mailsetup/open-checks"

start_wizard 80 24 -- --resolver "$RES"
step "again" wait_for "Offene Prüfungen:"
keys C-c
wait_exit
check "Ctrl-C: exit 130" test "$exit_status" = 130
check "Ctrl-C: terminal restored" restored

start_wizard 80 24 -- --resolver "$RES"
step "again" wait_for "Offene Prüfungen:"
kill -HUP "$(wizard_pid)"
wait_exit
check "SIGHUP: exit 129" test "$exit_status" = 129

# A corrupt list is set aside with a warning; the wizard goes on.
printf 'kaputt\n\033[2J' >"$STATE/flicono-mailsetup/open-checks"
start_wizard 80 24 -- --resolver "$RES"
step "warning" wait_for "war beschädigt und wurde beiseitegelegt"
check "no open checks listed" bash -c '! grep -q "Offene Prüfungen" <<<"$1"' _ "$(screen)"
check "the corrupt file is kept aside" \
  bash -c 'ls "$1"/open-checks.corrupt-* >/dev/null' _ "$STATE/flicono-mailsetup"
keys q
wait_exit
check "quit from the welcome screen at once" test "$exit_status" = 0
finish
