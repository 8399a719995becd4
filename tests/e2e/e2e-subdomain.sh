#!/usr/bin/env bash
# A sender on a subdomain (info@mail.beispiel-firma.de, zone
# beispiel-firma.de): the wizard shows the entry under the name "mail", as
# show does; a record at @.mail is named, with the name field's "mail", as
# check names it; the check turns green once "mail" carries the record.
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
check "mail has MX records: mx stays, no reason given" bash -c '! grep -qF "Ohne „mx“" <<<"$1"' _ "$(flat)"
shown=$("$BIN" show info@mail.beispiel-firma.de --format line --ttl --resolver "$RES" 2>/dev/null)
check "show gives the same line ($shown)" bash -c '[ -n "$1" ] && grep -qF -- "$1" <<<"$2"' _ "$shown" "$(flat)"
keys Enter
step "first round" wait_for "Namensserver (zuständig)" 20
check "the check asks mail.beispiel-firma.de" shows "Prüfung für mail.beispiel-firma.de"

# The provider publishes the record at NAME (in the zone), on both name servers.
publish_at() {
  { cat "$E2E_ZONES/beispiel-firma.de.zone"
    echo "$1 IN TXT \"v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all\""
  } >"$WORK/neu.zone"
  "$LAB_SH" set "$WORK/lab" ns1 beispiel-firma.de "$WORK/neu.zone"
  "$LAB_SH" set "$WORK/lab" ns2 beispiel-firma.de "$WORK/neu.zone"
}

# First "@" typed into the name field: the record lands at
# @.mail.beispiel-firma.de. The field wants "mail" — the check screen and
# check say so alike (check used to say "leave it empty").
publish_at '\@.mail'
step "@.mail: named on the check screen" wait_for "Der Eintrag steht unter „@.mail.beispiel-firma.de“" 60
check "@.mail: the name field gets mail" shows "Tragen Sie als Name nur „mail“ ein."
cli=$("$BIN" check mail.beispiel-firma.de --resolver "$RES" 2>&1) || true # exit 2: wrong
check "@.mail: check says the same" bash -c '
grep -qF "Der Eintrag steht unter „@.mail.beispiel-firma.de“" <<<"$1" &&
grep -qF "Tragen Sie als Name nur „mail“ ein." <<<"$1" && ! grep -q "leer" <<<"$1"' _ "$cli"

# Then under "mail", as the form wants it.
publish_at mail
step "green once mail carries the record" wait_for "Ergebnis: verbreitet. Alle Namensserver liefern den neuen Eintrag" 90
keys q
wait_exit
check "exit 0" test "$exit_status" = 0

# rechnung.beispiel-firma.de has no MX records: the template without mx,
# why in one line (once), and -all names Flicono alone.
start_wizard 80 24 -- --resolver "$RES" info@rechnung.beispiel-firma.de
step "no MX: address" wait_for "info@rechnung.beispiel-firma.de"
keys Enter
step "no MX: diagnosis" wait_for "Für rechnung.beispiel-firma.de gibt es noch keinen SPF-Eintrag."
keys 1 2 1 1
step "no MX: the entry without mx" \
  wait_for 'rechnung 86400 IN TXT "v=spf1 ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"'
check "no MX: why, once ($(flat | grep -o 'Ohne „mx“' | wc -l))" test "$(flat | grep -o 'Ohne „mx“' | wc -l)" -eq 1
check "no MX: the reason" shows "Ohne „mx“: Für rechnung.beispiel-firma.de gibt es keinen Mailserver-Eintrag (MX), „mx“ würde nichts erlauben und eine Abfrage kosten."
check "no MX: -all lets Flicono alone send" shows "Hinweis: Mit „-all“ darf nur Flicono E-Mails für rechnung.beispiel-firma.de senden."
check "no MX: no mail servers (mx) claimed" bash -c '! grep -qF "Mailserver Ihrer Domain (mx)" <<<"$1"' _ "$(flat)"
keys q
wait_exit
finish
