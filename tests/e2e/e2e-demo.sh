#!/usr/bin/env bash
# ./dev demo's script (demo.sh) on its own: it starts the lab, plays the
# provider once the wizard reaches the check (nothing is published by this
# test), the screen turns green by itself, and on exit the lab is gone.
. "$(dirname "$0")/e2e-common.sh"
demo=$(dirname "$0")/demo.sh

# demo_daemons: NSD and unbound processes of this test's demo: the demo
# puts its lab under $TMPDIR, here $WORK/demo-tmp (other labs on the
# machine do not count).
mkdir "$WORK/demo-tmp"
demo_daemons() {
  ps -eo args= | grep -cE "^(nsd|unbound) -d -c $WORK/demo-tmp/demo\.[A-Za-z0-9]+/lab/" || true
}
check "no demo daemon before the demo" test "$(demo_daemons)" -eq 0

SOCK=e2e-demo-$$
cmd=$(printf '%q ' env LANG=C.UTF-8 TERM=tmux-256color "TMPDIR=$WORK/demo-tmp" "$demo" "$BIN" info@beispiel-firma.de)
tm -f /dev/null new-session -d -x 80 -y 24 -s w "$cmd; echo \$? >$WORK/exit.tmp; mv $WORK/exit.tmp $WORK/exit; sleep 600"

step "the demo starts its lab and waits" wait_for "Enter startet den Assistenten" 30
check "its lab runs" test "$(demo_daemons)" -ge 3
keys Enter
step "the wizard, address filled in" wait_for "Adresse: info@beispiel-firma.de"
keys Enter
step "diagnosis in the demo lab" wait_for "aber er erlaubt Flicono das Senden"
keys 1 2 1 1 Enter
step "the check" wait_for "Namensserver (zuständig)" 20
step "the provider publishes on ns1 by itself" wait_for "1 von 2 Namensservern liefert den neuen Eintrag" 40
step "green by itself" wait_for "Ergebnis: verbreitet. Alle Namensserver liefern den neuen Eintrag" 60
keys q
wait_exit 20
check "demo: exit 0" test "$exit_status" = 0
check "demo: says it stopped the lab" shows "Demo beendet (Labor gestoppt)."
check "demo: no lab daemon left" test "$(demo_daemons)" -eq 0
finish
