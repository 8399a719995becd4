#!/usr/bin/env bash
# Broken terminals, inside a real terminal (tmux): TERM unset, empty, dumb,
# unknown; stdout piped; stdin not a tty; stdout a file. Each: no abort, the
# documented exit status 69, a German hint that points to show and check,
# the terminal mode as it was (stty -g before and after, read in the pane).
# Then the check at 40×10 says "Terminal zu klein" with the size and comes
# back exactly as before when enlarged; ten resizes in a row while a round
# is out do not crash it, and the screen afterwards is the one before.
. "$(dirname "$0")/e2e-common.sh"
start_lab
SILENT=127.$NET.4 # ns3.stumm-ns.de
start_silent "$SILENT"

# in_pane SHELL-CODE: a fresh tmux server whose pane runs SHELL-CODE (bash)
# between two `stty -g`; the code's status lands in $WORK/exit.
in_pane() {
  rm -f "$WORK/exit" "$WORK/before" "$WORK/after"
  stop_tmux
  socks=$((socks + 1))
  SOCK=e2e-$$-${NET//./-}-$socks
  cat >"$WORK/pane.sh" <<EOF
#!/bin/bash
set -o pipefail
stty -g >"$WORK/before"
$1
rc=\$?
stty -g >"$WORK/after"
echo \$rc >"$WORK/exit.tmp"
mv "$WORK/exit.tmp" "$WORK/exit"
exec sleep 600
EOF
  chmod +x "$WORK/pane.sh"
  tm -f /dev/null new-session -d -x 80 -y 24 -s w "$WORK/pane.sh"
}

run=$(printf '%q ' env "XDG_STATE_HOME=$STATE" LANG=C.UTF-8)
wiz=$(printf '%q ' "$BIN" --resolver "$RES" info@ohne-spf.de)
term_hint="lässt sich nicht verwenden. Versuchen Sie TERM=xterm, oder die Befehle „show“ und „check“."
unset_hint="TERM ist nicht gesetzt, daher ist unbekannt, was das Terminal kann. Versuchen Sie TERM=xterm, oder die Befehle „show“ und „check“."
tty_hint="Der Assistent braucht ein Terminal. Ohne Terminal zeigt „flicono-mailsetup show ADRESSE“ den DNS-Eintrag, und „flicono-mailsetup check ADRESSE“ prüft ihn."

# refused NAME HINT: the run in the pane ended with 69 and HINT, nothing else
# happened to the terminal.
refused() {
  local name=$1 hint=$2
  wait_exit
  check "$name: exit 69 (got $exit_status)" test "$exit_status" = 69
  # -J joins the lines the terminal wrapped (the hint is longer than 80).
  check "$name: the hint" bash -c 'tmux -L "$1" capture-pane -p -J -t w | grep -qF -- "$2"' \
    _ "$SOCK" "$hint"
  check "$name: no abort, no sanitizer report" \
    bash -c '! tmux -L "$1" capture-pane -p -J -t w | grep -qE "Abort|Sanitizer|core dumped"' _ "$SOCK"
  check "$name: stty -g as before" cmp -s "$WORK/before" "$WORK/after"
  check "$name: the normal screen" test "$(tm display -p -t w '#{alternate_on}')" = 0
  check "$name: no screen drawn" bash -c '! grep -q "Schritt" <<<"$1"' _ "$(screen)"
}

in_pane "env -u TERM $run $wiz"
refused "TERM unset" "$unset_hint"
in_pane "$run TERM= $wiz"
refused "TERM empty" "$unset_hint"
in_pane "$run TERM=dumb $wiz"
refused "TERM=dumb" "Das Terminal „dumb“ $term_hint"
in_pane "$run TERM=nosuchterm $wiz"
refused "TERM=nosuchterm" "Das Terminal „nosuchterm“ $term_hint"
in_pane "$run TERM=tmux-256color $wiz | cat"
refused "stdout piped" "$tty_hint"
in_pane "$run TERM=tmux-256color $wiz </dev/null"
refused "stdin not a tty" "$tty_hint"
in_pane "$run TERM=tmux-256color $wiz >$WORK/out"
refused "stdout a file" "$tty_hint"
check "stdout a file: nothing written to it" test ! -s "$WORK/out"
# English locale: the same refusal in English (the hint is translated).
in_pane "$run LANG=en_US.UTF-8 TERM=dumb $wiz"
refused "TERM=dumb, English" "the terminal \"dumb\" cannot be used"

# The check against the lab and a name server that never answers (ns3 of
# stumm-ns.de): each round stays out until that one times out, long enough
# to resize in the middle.
mkdir -p -m 700 "$STATE/flicono-mailsetup"
printf '# flicono-mailsetup open checks v1\nstumm-ns.de\tline\tttl\t%s\tstumm-ns.de\n' \
  "$(date +%s)" >"$STATE/flicono-mailsetup/open-checks"
chmod 600 "$STATE/flicono-mailsetup/open-checks"
start_wizard 80 24 FLICONO_MAILSETUP_CHECK_INTERVAL=600 -- --resolver "$RES"
step "welcome" wait_for "Offene Prüfungen:"
keys 1
step "the first round" wait_for "Runde 1 · nächste Prüfung in" 30
before=$(screen | normalise)
widest() { screen | LC_ALL=C.UTF-8 wc -L; }
headers() { screen | grep -c "Flicono · E-Mail-Versand einrichten"; }

# Ten resizes in a row, from 100×30 down to 30×8 (too small) and back,
# while the second round is out.
keys r
step "a round out" wait_for "prüfe gerade"
for size in "100 30" "60 16" "30 8" "120 40" "59 15" "81 25" "40 10" "200 50" "61 17" "80 24"; do
  tm resize-window -t w -x "${size% *}" -y "${size#* }"
done
check "the round was still out after the resizes" wait_for "prüfe gerade" 1
step "the second round ends" wait_for "Runde 2 · nächste Prüfung in" 30
check "alive after ten resizes" test ! -e "$WORK/exit"
check "the screen after ten resizes is the one before" wait_screen "$before"
check "one header ($(headers))" test "$(headers)" = 1
check "nothing wider than 80 columns ($(widest))" test "$(widest)" -le 80

tm resize-window -t w -x 40 -y 10
step "too small at 40x10" wait_for "Terminal zu klein"
check "the size is named" shows "mindestens 60×16, jetzt 40×10"
check "nothing wider than 40 columns" test "$(widest)" -le 40
step "r is dropped while too small, and said so" ignored_key r
check "still too small" shows "Terminal zu klein"
tm resize-window -t w -x 80 -y 24
step "enlarged" wait_gone "Terminal zu klein"
check "the check is back as it was" wait_screen "$before"
check "still round 2 (r was not taken)" shows "Runde 2 · nächste Prüfung in"
keys q
step "quit asked" wait_for "Wirklich beenden?"
keys 1
wait_exit
check "quit afterwards: exit 0" test "$exit_status" = 0
finish
