#!/usr/bin/env bash
# A sender on a subdomain (info@mail.beispiel-firma.de, zone
# beispiel-firma.de): the wizard shows the entry under the name "mail", as
# show does, and its check turns green once "mail" carries the record.
. "$(dirname "$0")/e2e-common.sh"
start_lab
start_wizard 80 24 -- --resolver "$RES" info@mail.beispiel-firma.de

step "address" wait_for "info@mail.beispiel-firma.de"
keys Enter
step "diagnosis: no record at mail" wait_for "Für mail.beispiel-firma.de gibt es noch keinen SPF-Eintrag."
check "the zone is named" shows "Zone beispiel-firma.de"
keys 1
step "method" wait_for "Wie soll Flicono Ihre E-Mails versenden?"
keys 2
step "form" wait_for "in einer Zeile (ein Textfeld je Eintrag)"
keys 1
step "ttl" wait_for "Beispiel 86400?"
keys 1
step "entry under the name mail" \
  wait_for 'mail 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"'
check "not at the apex" bash -c '! grep -qF "@ 86400 IN TXT" <<<"$1"' _ "$(screen)"
shown=$("$BIN" show info@mail.beispiel-firma.de --format line --ttl --resolver "$RES" 2>/dev/null)
check "show gives the same line ($shown)" bash -c '[ -n "$1" ] && grep -qF -- "$1" <<<"$2"' _ "$shown" "$(flat)"
keys Enter
step "first round" wait_for "Namensserver (zuständig)" 20
check "the check asks mail.beispiel-firma.de" shows "Prüfung für mail.beispiel-firma.de"

# The provider publishes the entry under "mail", on both name servers.
{
  cat "$E2E_ZONES/beispiel-firma.de.zone"
  echo 'mail            IN TXT   "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"'
} >"$WORK/neu.zone"
"$LAB_SH" set "$WORK/lab" ns1 beispiel-firma.de "$WORK/neu.zone"
"$LAB_SH" set "$WORK/lab" ns2 beispiel-firma.de "$WORK/neu.zone"
step "green once mail carries the record" wait_for "Ergebnis: verbreitet. Alle Namensserver liefern den neuen Eintrag" 90
keys q
wait_exit
check "exit 0" test "$exit_status" = 0
finish
