#!/usr/bin/env bash
# What ./dev demo shows: the check runs by itself. The record appears on
# ns1, later on ns2 (lab.sh set, as the provider would publish it); the
# table follows, and the screen turns green by itself, without a key
# being pressed. The domain then leaves the open checks and the elapsed
# time stops; Enter: Fertig, which names the command to check it later.
. "$(dirname "$0")/e2e-common.sh"
start_lab
start_wizard 80 24 -- --resolver "$RES" info@beispiel-firma.de

step "address" wait_for "info@beispiel-firma.de"
keys Enter
step "diagnosis" wait_for "aber er erlaubt Flicono das Senden"
keys 1 2 1 1
step "entry" wait_for '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"'
keys Enter
step "first round" wait_for "Namensserver (zuständig)" 20
check "old record on both name servers" test "$(screen | grep -c 'alter Eintrag')" -ge 2
# No resolver is asked before the name servers serve the new record.
check "the resolver not asked yet" shows "noch nicht gefragt"

# The provider publishes the entry the wizard showed.
sed 's/"v=spf1 mx ~all"/"v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"/' \
  "$E2E_ZONES/beispiel-firma.de.zone" >"$WORK/neu.zone"
"$LAB_SH" set "$WORK/lab" ns1 beispiel-firma.de "$WORK/neu.zone"
step "ns1 new, by itself" wait_for "1 von 2 Namensservern liefert den neuen Eintrag" 30
check "progress bar moved" shows "1 von 3 Servern"
"$LAB_SH" set "$WORK/lab" ns2 beispiel-firma.de "$WORK/neu.zone"
step "green by itself" wait_for "Ergebnis: verbreitet. Alle Namensserver liefern den neuen Eintrag" 60
check "every row new" test "$(screen | grep -c 'neuer Eintrag')" -eq 3
check "no countdown once propagated" bash -c '! grep -q "nächste Prüfung" <<<"$1"' _ "$(screen)"
expect_screen check-propagated
# "Seit …" is the time it took: it must not go on counting. Watched for
# three seconds (the screen is redrawn at least every second): a change is
# the failure.
frozen=$(flat | grep -oE 'Seit [^·]+·')
changed=false
deadline=$((SECONDS + 3))
while [ "$SECONDS" -le "$deadline" ]; do
  flat | grep -qF -- "$frozen" || { changed=true; break; }
  sleep 0.1
done
check "the elapsed time stops once propagated ($frozen)" test "$changed" = false
check "the domain left the open checks" test ! -e "$STATE/flicono-mailsetup/open-checks"
keys Enter
step "done" wait_for "ist bei allen zuständigen Namensservern angekommen"
check "the check command names the domain" shows "„flicono-mailsetup check beispiel-firma.de“"
check "step 9 of 9" shows "Schritt 9 von 9"
expect_screen done-spf
keys Enter
wait_exit
check "exit 0" test "$exit_status" = 0
finish
