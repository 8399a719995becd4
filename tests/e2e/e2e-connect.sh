#!/usr/bin/env bash
# Domain Connect in the wizard, against the lab's HTTPS provider
# (tests/lib/dclab.sh, zones tests/lab/zones-dc): where the provider has
# Flicono's template, the entry screen shows the signed apply link first,
# whole (and as an OSC 8 hyperlink in the terminal's output), k copies it,
# m shows the message for the customer (k copies that), 2 the fields with
# the provider's control-panel link; the link "clicked" (curl), the check
# screen turns green, and the note names the way. In English for a merge;
# a provider without the template: the fields first, the control-panel link
# instead of a menu path; no Domain Connect: today's entry, not a word more.
E2E_ZONES="$(cd "$(dirname "$0")/../lab" && pwd)/zones-dc"
. "$(dirname "$0")/e2e-common.sh"
# shellcheck source=tests/lib/dclab.sh
. "$(dirname "$0")/../lib/dclab.sh"
start_lab
dc_start
export SSL_CERT_FILE=$DC_CA

# The link the wizard must show: connect builds the same (RS256 is deterministic).
link=$("$BIN" connect info@dc-ja.de --resolver "$RES" --profile "$DC_PROFILE" --json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["apply_url"])')
message=$("$BIN" connect info@dc-ja.de --resolver "$RES" --profile "$DC_PROFILE" --message)
check "connect gives the link" grep -q '^https://connect.dc-eins.test/.*&sig=.*&key=_dck1$' <<<"$link"
# The link as the screen shows it: its pieces, indented, joined again.
shown_link() { screen | sed -n '/^ *https:\/\/connect\./,/^ *$/p' | tr -d ' \n'; }

start_wizard 80 24 "SSL_CERT_FILE=$DC_CA" -- --resolver "$RES" --profile "$DC_PROFILE" info@dc-ja.de
tm pipe-pane -O -t w "cat >>$WORK/raw"
step "address" wait_for "info@dc-ja.de"
keys Enter
step "diagnosis names the provider as its settings name it" \
  wait_for "Ihre Domain liegt bei Eins DNS (so nennt er sich in seinen Domain-Connect-Einstellungen)" 20
keys 1
step "method" wait_for "Wie soll Flicono Ihre E-Mails versenden?"
keys 2
step "entry: the link first, no question about the form" \
  wait_for "Mit diesem Link legt Eins DNS den SPF-Eintrag für dc-ja.de selbst an"
check "entry: the step after the method" shows "Schritt 5 von 7"
check "entry: the link whole" test "$(shown_link)" = "$link"
check "entry: how it reaches the customer" \
  shows "Für den Kunden: m zeigt eine Nachricht mit dem Link, k kopiert den Link."
check "entry: 1 checks" shows "1 Der Kunde hat bestätigt: jetzt prüfen"
check "entry: the fields one key away" shows "2 Stattdessen selbst eintragen (die Felder)"
check "entry: the whole footer, within 80 columns" \
  shows_line "1 prüfen · 2 Felder · k Link kopieren · m Nachricht · n Notiz · ? Hilfe"
check "OSC 8: underlined, as curses drew it" \
  grep -qaF "$(printf '\033[4m\033]8;id=flicono-dc;')" "$WORK/raw"
check "entry: no record line before the choice" bash -c '! grep -qF "IN TXT" <<<"$1"' _ "$(screen)"
check "OSC 8: the link as a hyperlink in the terminal's output" \
  grep -qaF "$(printf '\033]8;id=flicono-dc;%s\033\\' "$link")" "$WORK/raw"
keys k
step "k: sent" wait_for "An das Terminal geschickt (OSC 52)"
check "k: the link on the clipboard" test "$(tm show-buffer 2>/dev/null || true)" = "$link"
keys m
step "m: the message" wait_for "Nachricht für den Kunden"
check "m: names the provider" shows "wird bei Eins DNS verwaltet"
check "m: the link whole" test "$(shown_link)" = "$link"
keys k
step "m, k: sent" wait_for "An das Terminal geschickt (OSC 52)"
check "m, k: the message on the clipboard, as connect --message prints it" \
  test "$(tm show-buffer 2>/dev/null || true)" = "$message"
keys Escape
step "Esc: the link again" wait_for "Mit diesem Link legt Eins DNS"
keys 2
step "2: the questions about the form first" wait_for "in einer Zeile (ein Textfeld je Eintrag)"
keys 1
step "2: the TTL" wait_for "Beispiel 86400?"
keys 1
step "2: the fields" wait_for '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"'
check "2: the control-panel link instead of a menu path" \
  shows "Die DNS-Einstellungen der Domain öffnet dieser Link: https://panel.dc-eins.test/dns/dc-ja.de"
check "2: back to the link, one key away" shows "2 Zurück zum Link (Domain Connect)"
keys 2
step "2 again: the link" wait_for "Der Kunde hat bestätigt: jetzt prüfen"
keys Escape
step "Esc from the link: the method" wait_for "Wie soll Flicono Ihre E-Mails versenden?"
keys 2
step "the method again: the link again" wait_for "Der Kunde hat bestätigt: jetzt prüfen"

# The customer clicks; the wizard checks until green.
code=$(dc_click "$link") || true
check "the click: 200" test "$code" = 200
keys 1
step "check: green" wait_for "Ergebnis: verbreitet" 60
keys n
step "note: the way offered" wait_for "Weg: der Link zum Bestätigen bei Eins DNS (Domain Connect), die Felder als zweiter Weg"
keys n q
wait_exit || true

# English, a merge: the provider extends the record it has.
start_wizard 80 24 "SSL_CERT_FILE=$DC_CA" LANG=en_US.UTF-8 -- --resolver "$RES" --profile "$DC_PROFILE" info@dc-merge.de
step "en: address" wait_for "info@dc-merge.de"
keys Enter
step "en: diagnosis" wait_for "Your domain is with Eins DNS (as its Domain Connect settings name it)" 20
keys 1
step "en: method" wait_for "SPF record"
keys 2
step "en: the link first" wait_for "With this link Eins DNS creates the SPF record for dc-merge.de itself"
check "en: the merge said" shows "Eins DNS adds only what Flicono needs to the existing SPF record."
check "en: both ways fit 80x24" shows "2 Enter it by hand instead (the fields)"
check "en: the footer" shows_line "1 check · 2 fields · k copy link · m message · n note · ? help"
keys m
step "en: the message" wait_for "Message for the customer"
check "en: in English" shows "Your domain dc-merge.de is managed at Eins DNS"
keys q
wait_exit || true

# At 60x16 every view begins at its top, wherever the last one was scrolled
# (dc-cname.de: dc-ja.de has its record now).
start_wizard 60 16 "SSL_CERT_FILE=$DC_CA" -- --resolver "$RES" --profile "$DC_PROFILE" info@dc-cname.de
step "small: address" wait_for "info@dc-cname.de"
keys Enter
step "small: diagnosis" wait_for "Domain-Connect-Einstellungen" 20
keys 1 2
step "small: the link" wait_for "Mit diesem Link legt Eins DNS"
keys NPage
step "small: scrolled down" wait_gone "Mit diesem Link legt Eins DNS"
keys m
step "small: the message from its top" wait_for "Nachricht für den Kunden"
keys NPage Escape
step "small: the link from its top" wait_for "Mit diesem Link legt Eins DNS"
keys q
wait_exit || true

# A provider without Flicono's template: the fields first, its link instead
# of the menu path, no apply link.
start_wizard 80 24 "SSL_CERT_FILE=$DC_CA" -- --resolver "$RES" --profile "$DC_PROFILE" dc-ohne.de
step "no template: address" wait_for "dc-ohne.de"
keys Enter
step "no template: diagnosis" wait_for "Ihre Domain liegt bei Zwei DNS" 20
keys 1 2 1 1
step "no template: the fields first (its record merged)" \
  wait_for '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"'
check "no template: the control-panel link" \
  shows "Die DNS-Einstellungen der Domain öffnet dieser Link: https://panel.dc-zwei.test/zonen/dc-ohne.de/eintraege"
check "no template: no apply link" bash -c '! grep -qF "Zurück zum Link" <<<"$1" && ! grep -qF "apply?" <<<"$1"' _ "$(flat)"
keys q
wait_exit || true

# No Domain Connect: today's flow, not a word of it.
start_wizard 80 24 "SSL_CERT_FILE=$DC_CA" -- --resolver "$RES" --profile "$DC_PROFILE" kein-dc.de
step "none: address" wait_for "kein-dc.de"
keys Enter
step "none: diagnosis" wait_for "Empfehlung" 20
check "none: the diagnosis names no provider" bash -c '! grep -qF "Domain-Connect" <<<"$1"' _ "$(flat)"
keys 1 2 1 1
step "none: the entry" wait_for '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"'
check "none: no link, no Domain Connect" bash -c '! grep -qiE "Domain Connect|https://" <<<"$1"' _ "$(flat)"
check "none: today's choice" shows "1 Ich habe den Eintrag gespeichert: jetzt prüfen"
keys q
wait_exit || true
finish
