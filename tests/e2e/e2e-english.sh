#!/usr/bin/env bash
# Under en_US.UTF-8 every screen speaks English (po/en.po), the alias texts
# come from the profile's English section, and the field labels are the
# help page's (Name, TTL, Type, Data).
. "$(dirname "$0")/e2e-common.sh"
if ! locale -a 2>/dev/null | grep -qix 'en_US.utf8'; then
  echo "SKIP: no en_US.UTF-8 locale (./dev test generates it)"
  exit 77
fi
start_lab
start_wizard 80 24 LANG=en_US.UTF-8 -- --resolver "$RES"

step "welcome" wait_for "Start a new setup"
check "header" shows "Flicono · set up sending e-mail"
check "step" shows "Step 1 of 9"
check "no German left on the screen" bash -c '! grep -qE "Willkommen|Schritt|beenden|zurück" <<<"$1"' _ "$(screen)"
check "the new setup on 0" shows "0 Start a new setup"
expect_screen en-welcome
keys 0
step "address" wait_for "Which sender address does Flicono send your e-mails as?"
keys "info@beispiel-firma.de" Enter
step "diagnosis" wait_for "has an SPF record, but it does not allow Flicono to send yet:"
keys 1
step "method" wait_for "How should Flicono send your e-mails?"
check "alias summary in English (profile)" shows "Flicono sends your e-mails from an alias address of its own."
expect_screen en-method
keys 1
step "alias steps in English" wait_for "Step 1: Open the Preferences in Flicono."
check "step 2 in English" shows "Step 2: Switch on the alias feature there."
keys Escape 2
step "form" wait_for "in one line (one text field per record)"
keys 2
step "ttl" wait_for "Do your other DNS records show a TTL (time to live, in seconds)"
keys 1
step "entry" wait_for "so that it reads:"
check "English field labels" shows_line "Type: TXT"
check "TTL field" shows_line "TTL: 86400"
check "merged value" shows_line "Data: v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"
check "replace note" shows 'This record replaces the existing record "v=spf1 mx ~all".'
expect_screen en-entry-fields-ttl
keys Enter
step "check" wait_for "Check for beispiel-firma.de"
step "a round" wait_for "(Authoritative) name servers" 20
check "state labels in English" shows "old record"
check "the resolver not asked yet, in English" shows "not asked yet"
check "why, in English" shows "Resolvers (caches) are asked only once every name server serves the new"
keys q
step "confirm in English" wait_for "The check is still running. Quit anyway?"
keys 1
wait_exit
check "exit 0" test "$exit_status" = 0
finish
