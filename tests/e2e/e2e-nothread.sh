#!/usr/bin/env bash
# No thread for the DNS work (pthread_create fails: a huge stack limit, so
# that each thread asks for that much, under a small address-space limit):
# the diagnosis and the check say that the query could not be started, not
# that DNS timed out, and offer to try again. Without the sanitizers only:
# ASan needs far more address space than the limit leaves.
. "$(dirname "$0")/e2e-common.sh"
# ldd's whole list first: grep -q would end the pipe early, and ldd's
# SIGPIPE then fails it under pipefail.
if grep -qE 'lib(a|ub)san' <<<"$(ldd "$BIN" 2>/dev/null)"; then
  echo "SKIP: a sanitizer build needs more address space than this test allows"
  exit 77
fi

# The program under the limits; nothing is asked (no thread can run), so
# no lab is needed.
cat >"$WORK/limited.sh" <<EOS
#!/bin/sh
ulimit -s 1000000 && ulimit -v 400000 || exit 99
exec "$BIN" "\$@"
EOS
chmod +x "$WORK/limited.sh"
BIN=$WORK/limited.sh
NOWHERE=127.$NET.1

start_wizard 80 24 -- --resolver "$NOWHERE" info@ohne-spf.de
step "address" wait_for "Adresse: info@ohne-spf.de"
keys Enter
step "the diagnosis says it could not start" wait_for "Die Abfrage konnte nicht gestartet werden."
check "not a time-out" bash -c '! grep -q "nicht innerhalb von" <<<"$1"' _ "$(flat)"
check "nothing proposed" shows "Ohne diese Antwort lässt sich nicht sagen"
check "try again offered" shows "> 1 Erneut versuchen"
check "no spinner" bash -c '! grep -q "Ich frage das DNS" <<<"$1"' _ "$(flat)"
keys q
wait_exit
check "q quits, exit 0 (got $exit_status)" test "$exit_status" = 0

# The check of an open check: the same, instead of a spinner that counts on.
mkdir -p -m 700 "$STATE/flicono-mailsetup"
printf '# flicono-mailsetup open checks v1\nohne-spf.de\tline\tttl\t%s\tohne-spf.de\n' \
  "$(date +%s)" >"$STATE/flicono-mailsetup/open-checks"
chmod 600 "$STATE/flicono-mailsetup/open-checks"
start_wizard 80 24 -- --resolver "$NOWHERE"
step "welcome" wait_for "Offene Prüfungen:"
keys 1
step "the check says it could not start" wait_for "Die Abfrage konnte nicht gestartet werden."
check "on the check screen" shows "Prüfung für ohne-spf.de"
check "no spinner" bash -c '! grep -q "Ich frage alle Server" <<<"$1"' _ "$(flat)"
check "try again offered" shows "> 1 Erneut versuchen"
finish
