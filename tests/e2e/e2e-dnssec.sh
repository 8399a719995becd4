#!/usr/bin/env bash
# DNSSEC in the wizard: dnssec-alt.de is signed at test
# time with signatures that expired ten days ago (tests/lab/dnssec.sh). Beside
# the lab's plain resolver runs a validating one (lab.sh validator), which
# answers SERVFAIL. The check screen shows the name servers' signatures as
# expired and tells the customer to contact the provider (the resolvers are
# asked only once the name servers serve the new record); with only the validating resolver, the diagnosis says DNSSEC-Fehler
# instead of a server error.
. "$(dirname "$0")/e2e-common.sh"
SIGN=$(dirname "$0")/../lab/dnssec.sh
for tool in ldns-keygen ldns-signzone; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool (ldnsutils) is missing"; exit 77; }
done
mkdir "$WORK/zones"
"$SIGN" sign "$(dirname "$0")/zones-dnssec/dnssec-alt.de.zone" "$WORK/zones/dnssec-alt.de.zone" \
  "$NET" 1 "$WORK/keys" expired
"$SIGN" anchors "$WORK/keys" "$WORK/anchors"
E2E_ZONES=$WORK/zones
start_lab
"$LAB_SH" validator "$WORK/lab" "$WORK/anchors"
VRES=127.$NET.5

start_wizard 80 24 -- --resolver "$RES" --resolver "$VRES" info@dnssec-alt.de
step "address" wait_for "info@dnssec-alt.de"
keys Enter
step "diagnosis through the plain resolver" wait_for "aber er erlaubt Flicono das Senden"
keys 1 2 1 1
step "entry" wait_for '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"'
keys Enter
step "first round" wait_for "Namensserver (zuständig)" 20
check "both name servers: expired" test "$(screen | grep -c 'DNSSEC abgelaufen')" -eq 2
# The name servers still serve the old record: no resolver is asked about
# it yet (a cache would keep the old answer), the validating one neither.
check "the validating resolver: not asked yet" shows "Resolver $VRES noch nicht gefragt"
check "the plain resolver: not asked yet" shows "Resolver $RES noch nicht gefragt"
check "the explanation" shows "DNSSEC: Die Signaturen (DNSSEC) der Zone dnssec-alt.de sind abgelaufen."
check "contact the provider" shows "Wenden Sie sich an Ihren Domain-Anbieter"
expect_screen check-dnssec
keys q
step "quit asks" wait_for "Wirklich beenden?"
keys 1
wait_exit

# Only the validating resolver: the diagnosis names DNSSEC.
start_wizard 80 24 -- --resolver "$VRES" info@dnssec-alt.de
step "address (validator only)" wait_for "info@dnssec-alt.de"
keys Enter
step "diagnosis: DNSSEC-Fehler" wait_for "DNSSEC-Fehler: Die Signaturen (DNSSEC) Ihrer Domain sind fehlerhaft." 20
check "diagnosis: contact the provider" shows "Wenden Sie sich an Ihren Domain-Anbieter."
check "diagnosis: no plain server error" bash -c '! grep -qF "Serverfehler" <<<"$1"' _ "$(flat)"
keys q
wait_exit

# The same in English.
start_wizard 80 24 LANG=en_US.UTF-8 -- --resolver "$RES" --resolver "$VRES" info@dnssec-alt.de
step "English: address" wait_for "info@dnssec-alt.de"
keys Enter
step "English: diagnosis" wait_for "but it does not allow Flicono to send yet"
keys 1 2 1 1
step "English: entry" wait_for '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"'
keys Enter
step "English: first round" wait_for "DNSSEC expired" 20
check "English: both name servers expired" test "$(screen | grep -c 'DNSSEC expired')" -eq 2
check "English: the explanation" shows "DNSSEC: The signatures (DNSSEC) of the zone dnssec-alt.de have expired."
check "English: contact the provider" shows "Contact your domain provider: only they can fix this."
keys q
step "English: quit asks" wait_for "Quit anyway?"
keys 1
wait_exit
start_wizard 80 24 LANG=en_US.UTF-8 -- --resolver "$VRES" info@dnssec-alt.de
step "English: address (validator only)" wait_for "info@dnssec-alt.de"
keys Enter
step "English: diagnosis DNSSEC error" wait_for "DNSSEC error: the signatures (DNSSEC) of your domain are broken." 20
check "English: diagnosis, contact the provider" shows "Contact your domain provider."
finish
