#!/usr/bin/env bash
# `check` and `show` against real name servers: two NSD instances (one can lag
# behind the other), unbound as the resolver, all on loopback; zones in
# tests/cli/zones. BIN: the program. Argument: the lab's NET (127.NET.*).
: "${BIN:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")" && pwd)/zones"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8
zones=$LAB_ZONES
SILENT=127.$NET.4

row() { grep -E "^$1 +$2 " <<<"$out" | grep -qF -- "$3"; }
F='ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2'

# A domain without SPF: 2, and what to publish.
run check leer.de
check "no SPF: exit 2" test "$status" -eq 2
check "no SPF: both name servers say so" row ns1.leer.de "$NS1" "kein SPF-Eintrag"
check "no SPF: says what to publish" has "Tragen Sie bei Ihrem Domain-Anbieter ein:"
check "no SPF: the template line" has "@ 86400 IN TXT \"v=spf1 mx $F -all\""

# An existing record, then the merged one on ns1 only: 1, ns2 lagging.
# The check reads the sender's TXT from the name servers and asks no
# resolver about it before both serve the new record: the resolver's cache
# holds nothing of firma.de's TXT afterwards (it would keep the old answer
# for its TTL, and the check would wait for a delay it made itself).
run check firma.de
check "old record: exit 2" test "$status" -eq 2
check "old record: replace, merged" has "@ 86400 IN TXT \"v=spf1 mx $F ~all\""
check "old record: says replace" has "Ersetzen Sie den vorhandenen Eintrag durch diesen:"
check "old record: the resolver not asked" row Resolver "$RES" "noch nicht gefragt"
check "old record: no TXT of firma.de in the resolver's cache" \
  test -z "$("$LAB_SH" cache "$WORK/lab" firma.de TXT)"
# A receiving mail server's resolver asks before the change (as the world
# does): its cache holds the old answer for 60 s.
cache_lo=$(date +%s)
drill -Q @"$RES" firma.de TXT >/dev/null
cache_hi=$(date +%s)
check "lab: the receiver's question is in the cache" test -n "$("$LAB_SH" cache "$WORK/lab" firma.de TXT)"
"$LAB_SH" set "$WORK/lab" ns1 firma.de "$zones/firma.de.neu"
run check firma.de
check "ns1 only: exit 1" test "$status" -eq 1
check "ns1 only: ns1 new" row ns1.firma.de "$NS1" "neuer Eintrag"
check "ns1 only: ns2 old" row ns2.firma.de "$NS2" "alter Eintrag"
check "ns1 only: verdict" has "Ergebnis: noch nicht überall. 1 von 2 Namensservern liefert den neuen Eintrag."
check "ns1 only: the resolver not asked yet" row Resolver "$RES" "noch nicht gefragt"
run check firma.de --json
check "ns1 only, json: the resolver's row not-asked" json "
r = [r for r in d['servers'] if r['role'] == 'resolver'][0]
assert r['state'] == 'not-asked' and r['ttl'] is None, r
assert d['verdict'] == 'pending' and d['eta_seconds'] is None, d"
# Both name servers: now the resolver is asked, and its cached old answer
# (the receiver's) expires in the TTL left. Bounded by clock readings
# around both events (±1 s for whole seconds), so a slow run widens the
# bounds instead of failing.
"$LAB_SH" set "$WORK/lab" ns2 firma.de "$zones/firma.de.neu"
sleep 2
ask_lo=$(date +%s)
run check firma.de --json
ask_hi=$(date +%s)
low=$((60 - (ask_hi - cache_lo) - 1)) high=$((60 - (ask_lo - cache_hi) + 1))
check "json: parses, verdict pending" json 'assert d["verdict"] == "pending" and d["exit_status"] == 1'
check "json: rows" json "
rows = {(r['role'], r['address']): r for r in d['servers']}
assert rows[('authoritative', '$NS1')]['state'] == 'new', rows
assert rows[('authoritative', '$NS2')]['state'] == 'new', rows
assert rows[('resolver', '$RES')]['state'] == 'old'
assert rows[('resolver', '$RES')]['record'] == 'v=spf1 mx ~all'
assert d['zone'] == 'firma.de' and d['name'] == '@' and d['domain'] == 'firma.de'
assert d['check_host'] == {'ipv4': 'softfail', 'ipv6': 'softfail'}, d['check_host']"
check "json: ETA = TTL left (between $low and $high s)" json "
r = [r for r in d['servers'] if r['role'] == 'resolver'][0]
assert $low <= r['ttl'] <= $high, (r['ttl'], $low, $high)
assert $low <= d['eta_seconds'] <= $high, (d['eta_seconds'], $low, $high)"
run check firma.de
check "both: the resolver's cache expires" row Resolver "$RES" "läuft ab in"
status=0; "$BIN" check firma.de --resolver "$RES" --json >/dev/null 2>&1 || status=$?
check "json: exit status as without --json" test "$status" -eq 1

# Both servers, and a resolver cache that expires: --watch ends with 0.
run check schnell.de
"$LAB_SH" set "$WORK/lab" ns1 schnell.de "$zones/schnell.de.neu"
"$LAB_SH" set "$WORK/lab" ns2 schnell.de "$zones/schnell.de.neu"
run check schnell.de --watch --interval 1 --timeout 30
check "watch: ends propagated, exit 0" test "$status" -eq 0
check "watch: says so" has "Ergebnis: verbreitet. Alle Namensserver liefern den neuen Eintrag, und Flicono ist berechtigt, in Ihrem Namen zu senden."

# Two SPF records: 2, named.
run check doppelt.de
check "two records: exit 2" test "$status" -eq 2
check "two records: state" row ns1.doppelt.de "$NS1" "mehrere SPF-Einträge"
check "two records: one merged record, Flicono's terms once" has "@ 86400 IN TXT \"v=spf1 mx $F -all\""
# A merged record reached through an include chain: 0 at once.
run check kette2.de
check "include chain: exit 0" test "$status" -eq 0
# Issue 14: what check_host(), the lint and DMARC ask (the include chain, its
# targets' targets, MX) was asked beside the chain and is in the round's
# answer cache: the round's resolver sends nothing itself.
stats=$(FLICONO_DNS_STATS=1 "$BIN" check kette2.de --resolver "$RES" 2>&1 >/dev/null | grep '^dns: ' || true)
check "include chain: check_host answered from the prefetch ($(tr '\n' ' ' <<<"$stats"))" \
  grep -qxE 'dns: 0 gesendet, [1-9][0-9]* aus dem Cache' <<<"$stats"
# An umlaut domain, served as its A-label.
run check bäcker-meister.de
check "umlaut: exit 0" test "$status" -eq 0
check "umlaut: both forms" has "Prüfung für bäcker-meister.de (xn--bcker-meister-bfb.de)"

# A name server that never answers: its row times out, the round does not wait longer.
# (How long the round takes is bench/'s business: it depends on the load.)
start_fake silent "$SILENT"
run check tot.de
check "silent server: row times out" row ns3.tot.de "$SILENT" "keine Antwort"
check "silent server: the reachable ones decide, exit 0" test "$status" -eq 0
check "silent server: named as unreachable" has "(1 Namensserver war nicht erreichbar"

# A terminal that is not UTF-8: umlauts transliterated, the table still ASCII.
status=0; out=$(LANG=C "$BIN" check bäcker-meister.de --resolver "$RES" 2>&1) || status=$?
check "LANG=C: only ASCII" bash -c '! LC_ALL=C grep -q "[^[:print:][:space:]]" <<<"$1"' _ "$out"
check "LANG=C: transliterated" has "Pruefung fuer xn--bcker-meister-bfb.de"

# Where customers put the record by mistake.
run check fehler-doppelt.de
check "mistake: DOMAIN.DOMAIN" has "Der Eintrag steht unter „fehler-doppelt.de.fehler-doppelt.de“"
run check fehler-at.de
check "mistake: @.DOMAIN" has "Der Eintrag steht unter „@.fehler-at.de“: Das Formular hat „@“ als Namen übernommen."
run check fehler-at.de --json
check "mistake @.DOMAIN: in JSON, with the record found" json 'assert d["mistakes"] == ["at-label"], d["mistakes"]'
check "mistake @.DOMAIN: not a doubled name" bash -c '! grep -q "Domain-Anbieter hat die Zone" <<<"$1"' _ "$(LANG=de_DE.UTF-8 "$BIN" check fehler-at.de --resolver "$RES" 2>&1)"
run check fehler-www.de
check "mistake: www" has "Der Eintrag steht unter „www.fehler-www.de“."
run check fehler-quote.de
check "mistake: quoted" has "Der Wert wurde mit Anführungszeichen gespeichert."
run check fehler-typo.de
check "mistake: typographic quotes" has "typografische Anführungszeichen"
run check fehler-99.de
check "mistake: type 99 only" has "vom veralteten Typ „SPF“ (99)"
run check fehler-99.de --json
check "mistake: in JSON" json 'assert d["mistakes"] == ["type99-only"], d["mistakes"]'

# A hostile record: shown with its escape sequences made visible.
run check boese.de --json
check "hostile: no ESC or BEL reaches the output" bash -c '! grep -q $'"'"'[\x1b\x07]'"'"' <<<"$1"' _ "$out"
check "hostile: escaped in JSON" json 'r = d["servers"][0]["record"]; assert "\\x1B]0;gehackt\\x07" in r and "\\x1B[2J" in r, r'

no_controls() { ! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' <<<"$out"; }
run spf --trace 192.0.2.1 boese.de
check "hostile, spf --trace: nothing executable printed" no_controls
check "hostile, spf --trace: made visible" has '\x1B]0;gehackt\x07'
check "hostile, spf: a syntax error, explained" has "Fehler im SPF-Eintrag bei Zeichen"
run show boese.de
check "hostile, show: nothing executable printed" no_controls
check "hostile, show: broken record not merged (exit 2)" test "$status" -eq 2
check "hostile, show: made visible" has '\x1B[2J'
run check boese.de
check "hostile, check: nothing executable printed" no_controls
check "hostile, check: names the syntax error" has "Fehler im SPF-Eintrag bei Zeichen"

# show merges with what is published.
run show inc.de
check "show: merged, not the template" has "@ 86400 IN TXT \"v=spf1 include:_spf.inc.de $F ~all\""
check "show: replaces" has "inc.de hat schon einen SPF-Eintrag. Ersetzen Sie ihn durch den folgenden"
check "show: the old record" has "Bisher: v=spf1 include:_spf.inc.de ~all"
stdout=$("$BIN" show inc.de --resolver "$RES" --format fields --no-ttl 2>/dev/null)
check "show: stdout holds only the entry" test "$stdout" = "Name: @
Typ: TXT
Data: v=spf1 include:_spf.inc.de $F ~all"
run show leer.de
check "show: no SPF yet: the template" has "@ 86400 IN TXT \"v=spf1 mx $F -all\""
run show kette2.de
check "show: already authorised" has "Flicono ist schon berechtigt, für kette2.de zu senden. Es ist nichts zu tun."
status=0; out=$("$BIN" show leer.de --resolver "$SILENT" 2>&1) || status=$?
check "show: no answer, no guess (exit 3)" test "$status" -eq 3
check "show: explains why" has "ließen sich nicht abfragen"

finish
