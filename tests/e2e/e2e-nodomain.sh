#!/usr/bin/env bash
# A domain that does not exist (a typo, not registered, expired): the lab
# zone co.uk plays a public suffix (tests/e2e/zones/co.uk.zone) and
# tippfehler-firma.co.uk gets NXDOMAIN. The diagnosis says so, proposes
# nothing and names no zone (co.uk is not the customer's), German and
# English; a resumed check of it says the same on the check screen.
. "$(dirname "$0")/e2e-common.sh"
start_lab

start_wizard 80 24 -- --resolver "$RES" info@tippfehler-firma.co.uk
step "address" wait_for "info@tippfehler-firma.co.uk"
keys Enter
step "diagnosis: the domain does not exist" wait_for "gibt es im DNS nicht"
check "the whole sentence" grep -qF "Die Domain tippfehler-firma.co.uk gibt es im DNS nicht. Vielleicht ist sie falsch geschrieben, nicht registriert oder abgelaufen." <<<"$(flat)"
check "no zone named" bash -c '! grep -qF "Zone" <<<"$1"' _ "$(flat)"
check "nothing proposed" bash -c '! grep -qF "Empfehlung" <<<"$1"' _ "$(flat)"
check "not a missing DNS answer" bash -c '! grep -qF "Ohne diese Antwort" <<<"$1"' _ "$(flat)"
check "try again offered" shows "Erneut versuchen"
keys q
wait_exit

start_wizard 80 24 LANG=en_US.UTF-8 -- --resolver "$RES" info@tippfehler-firma.co.uk
keys Enter
step "English: the domain does not exist" wait_for "does not exist in DNS"
check "English: the whole sentence" grep -qF "The domain tippfehler-firma.co.uk does not exist in DNS. It may be misspelt, not registered or expired." <<<"$(flat)"
check "English: no zone named" bash -c '! grep -qiF "zone" <<<"$1"' _ "$(flat)"
keys q
wait_exit

# An open check of it (as an earlier run stored it), resumed: the check
# screen says the same.
mkdir -p -m 700 "$STATE/flicono-mailsetup"
printf '# flicono-mailsetup open checks v1\ntippfehler-firma.co.uk\tline\tttl\t%s\ttippfehler-firma.co.uk\n' \
  "$(date +%s)" >"$STATE/flicono-mailsetup/open-checks"
chmod 600 "$STATE/flicono-mailsetup/open-checks"
start_wizard 80 24 -- --resolver "$RES"
step "open check offered" wait_for "Offene Prüfungen:"
keys 1
step "check screen: the domain does not exist" wait_for "Ergebnis: Domain gibt es nicht." 20
check "check screen: the sentence" grep -qF "Die Domain tippfehler-firma.co.uk gibt es im DNS nicht." <<<"$(flat)"
check "check screen: no zone named" bash -c '! grep -qF "Zone co.uk" <<<"$1"' _ "$(flat)"
finish
