#!/usr/bin/env bash
# The other diagnoses: an umlaut domain (both forms shown), a domain that
# already authorises Flicono (nothing to do), a domain with two SPF records
# (one record replaces both); and r on the check screen starts a round now.
. "$(dirname "$0")/e2e-common.sh"
start_lab

start_wizard 80 24 -- --resolver "$RES" info@müller-bau.de
step "umlaut address" wait_for "info@müller-bau.de"
keys Enter
step "both forms of the domain" wait_for "Für müller-bau.de (xn--mller-bau-q9a.de) gibt es einen SPF-Eintrag"
check "its record" shows_line "v=spf1 mx a ~all"
keys q
wait_exit

start_wizard 80 24 -- --resolver "$RES" schon-fertig.de
keys Enter
step "already authorised" wait_for "Flicono ist berechtigt, in Ihrem Namen zu senden. Es ist nichts zu tun."
check "the record that does it" shows_line "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"
check "step 3 of the nothing-to-do path" shows "Schritt 3 von 4"
expect_screen diagnosis-nothing
keys 1
step "done: nothing was to do" wait_for "erlaubt Flicono das Senden bereits. Es war nichts zu tun."
check "step 4 of 4" shows "Schritt 4 von 4"
check "the check command names the domain" shows "„flicono-mailsetup check schon-fertig.de“"
keys Enter
wait_exit
check "exit 0" test "$exit_status" = 0
check "no open check" test ! -e "$STATE/flicono-mailsetup/open-checks"

# A long first pause, so that the next round can only come from r.
start_wizard 80 24 FLICONO_MAILSETUP_CHECK_INTERVAL=100 -- --resolver "$RES" doppelt.de
keys Enter
step "two records" wait_for "Für doppelt.de gibt es 2 SPF-Einträge. Das ist ein Fehler"
check "both shown" bash -c 'grep -qx "v=spf1 mx -all" <<<"$1" && grep -qx "v=spf1 include:_spf.doppelt.de ~all" <<<"$1"' \
  _ "$(screen | sed -E 's/^ +//')"
keys 1 2 1 1
step "one record replacing both" wait_for "Dieser Eintrag ersetzt die 2 vorhandenen SPF-Einträge."
# Combined in an order of its own (the records by their own terms, then bytes), whatever order DNS hands them out in.
check "the combined line (wrapped at a space)" shows '@ 86400 IN TXT "v=spf1 include:_spf.doppelt.de mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"'
expect_screen entry-combine
keys Enter
step "first round" wait_for "Runde 1 · nächste Prüfung in"
keys r
# The next round is 30 s or more away (the cache's ETA, the long pause):
# round 2 within 5 s can only come from r.
step "r checked now" wait_for "Runde 2 · nächste Prüfung in" 5
finish
