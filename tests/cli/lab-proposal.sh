#!/usr/bin/env bash
# One answer for every front-end: for a table of senders in the DNS lab,
# `show` and the wizard's model (the diagnosis job and the entry the entry
# screen shows) must give the same owner name and record, or both none.
# BIN: the program; WIZARD_MODEL: tests/ui/wizard-model (optional: without
# it only show is checked against the table). Argument: the lab's NET.
: "${BIN:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")" && pwd)/zones"
# The resolver rotates records, as public ones do: rows must not follow it.
export LAB_ROUNDROBIN=yes
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8
F='ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2'
T="v=spf1 mx $F -all"
# mail.beispiel-firma.de has no MX records: the template without its mx.
T0="v=spf1 $F -all"

# address | name | record ("" when there is none to publish) | show's exit status
table=(
  "info@leer.de|@|$T|0"
  "info@mail.beispiel-firma.de|mail|$T0|0"
  "info@bäcker-meister.de|||0"
  "rechnung@gmx.de|||2"
  "info@firma.de|@|v=spf1 mx $F ~all|0"
  "info@umleitung.de|@|v=spf1 $F redirect=_spf.umleitung.de|0"
  "info@doppelt.de|@|v=spf1 mx $F -all|0"
  "info@kette2.de|||0"
  "info@ausschluss.de|||2"
  "info@kaputt.de|||2"
  "info@neun.de|@|v=spf1 a mx include:_1.neun.de include:_2.neun.de include:_3.neun.de include:_4.neun.de include:_5.neun.de include:_6.neun.de include:_7.neun.de $F ~all|0"
  "info@inc.de|@|v=spf1 include:_spf.inc.de $F ~all|0"
  "info@fehler-www.de|@|$T|0"
)

for row in "${table[@]}"; do
  IFS='|' read -r address name record want_status <<<"$row"
  want=""
  [ -n "$record" ] && want="$name 86400 IN TXT \"$record\""
  status=0
  got=$("$BIN" show "$address" --format line --ttl --resolver "$RES" 2>"$WORK/err") || status=$?
  check "show $address: exit $want_status" test "$status" -eq "$want_status"
  check "show $address: '$want'" test "$got" == "$want"
  [ "$got" == "$want" ] || sed 's/^/#   /' "$WORK/err"
  if [ -n "${WIZARD_MODEL:-}" ]; then
    model=$("$WIZARD_MODEL" "$address" "$RES" 2>"$WORK/err") || true
    check "wizard $address: same as show" test "$model" == "$got"
    [ "$model" == "$got" ] || sed 's/^/#   /' "$WORK/err"
  fi
done

# The fields form names the same owner.
got=$("$BIN" show info@mail.beispiel-firma.de --format fields --no-ttl --resolver "$RES" 2>"$WORK/err")
check "fields: Name: mail" grep -qx "Name: mail" <<<"$got"
check "stderr names the zone" grep -qF "liegt in der Zone beispiel-firma.de" "$WORK/err"
# No MX at mail.beispiel-firma.de: the template without mx, and show says
# why in one line; the -all hint then names Flicono alone.
mxnote="Ohne „mx“: Für mail.beispiel-firma.de gibt es keinen Mailserver-Eintrag (MX), „mx“ würde nichts erlauben und eine Abfrage kosten."
check "no MX: the reason, in one line" grep -qxF "$mxnote" "$WORK/err"
check "no MX: the reason once" test "$(grep -cF "Ohne „mx“" "$WORK/err")" -eq 1
check "no MX: -all lets Flicono alone send" grep -qF "Hinweis: Mit „-all“ darf nur Flicono E-Mails für mail.beispiel-firma.de senden." "$WORK/err"
check "no MX: no mail servers (mx) claimed" bash -c '! grep -qF "Mailserver Ihrer Domain (mx)" "$1"' _ "$WORK/err"
status=0; out=$(LANG=en_US.UTF-8 "$BIN" show info@mail.beispiel-firma.de --resolver "$RES" 2>&1 >/dev/null) || status=$?
check "no MX, English: the reason" has "Without “mx”: mail.beispiel-firma.de has no mail server record (MX); “mx” would authorise nothing and cost a lookup."
# The ticket note says it below the entry (wrapped at 72 columns).
status=0; out=$("$BIN" note info@mail.beispiel-firma.de --resolver "$RES" 2>&1) || status=$?
check "no MX: the note says why" bash -c 'tr "\n" " " <<<"$1" | tr -s " " | grep -qF "$2"' _ "$out" "$mxnote"
# leer.de has MX records: mx stays, no such line, the -all hint names them.
"$BIN" show info@leer.de --resolver "$RES" >/dev/null 2>"$WORK/err" || true
check "with MX: no reason to give" bash -c '! grep -qF "Ohne „mx“" "$1"' _ "$WORK/err"
check "with MX: -all names the mail servers (mx)" grep -qF "Hinweis: Mit „-all“ dürfen nur die Mailserver Ihrer Domain (mx) und Flicono E-Mails für leer.de senden." "$WORK/err"
status=0; out=$("$BIN" note info@leer.de --resolver "$RES" 2>&1) || status=$?
check "with MX: the note has no such line" hasnt "Ohne „mx“"

# Without DNS the zone is assumed, and said so.
got=$("$BIN" show info@mail.beispiel-firma.de --format line --ttl --no-lookup 2>"$WORK/err")
check "no-lookup: name mail" test "$got" == "mail 86400 IN TXT \"$T\""
check "no-lookup: the zone is assumed" grep -qF "angenommen ist die Zone beispiel-firma.de" "$WORK/err"
# Freemail without DNS, too: nothing proposed, the alias feature named.
status=0
got=$("$BIN" show rechnung@gmx.de --no-lookup 2>"$WORK/err") || status=$?
check "no-lookup freemail: exit 2, nothing on stdout" test "$status" -eq 2 -a -z "$got"
check "no-lookup freemail: alias feature" grep -qF "Alias-Funktion" "$WORK/err"
# check uses the same proposal: the subdomain's entry at "mail", and the
# plural for several records.
status=0
out=$("$BIN" check info@mail.beispiel-firma.de --resolver "$RES" 2>&1) || status=$?
check "check subdomain: exit 2" test "$status" -eq 2
check "check subdomain: Zone and name" grep -qF "Zone beispiel-firma.de, Name „mail“" <<<"$out"
check "check subdomain: entry at mail" grep -qF "mail 86400 IN TXT \"$T0\"" <<<"$out"
status=0
out=$("$BIN" check info@doppelt.de --resolver "$RES" 2>&1) || status=$?
check "check two records: replace all of them" grep -qF "Ersetzen Sie alle 2 vorhandenen SPF-Einträge" <<<"$out"
check "check two records: not the singular" test -z "$(grep -F 'Ersetzen Sie den vorhandenen Eintrag' <<<"$out")"
# Rows in a stable order: name servers by name, then address; every round.
want="aaaa.reihe.de $NS1|aaaa.reihe.de $NS2|mm.reihe.de $NS1|z.reihe.de $NS2|Resolver $RES"
for i in 1 2 3 4 5 6; do
  out=$("$BIN" check info@reihe.de --json --resolver "$RES" 2>/dev/null) || true
  order=$(/usr/bin/python3 -c 'import json,sys; print("|".join(r["name"] + " " + r["address"] for r in json.load(sys.stdin)["servers"]))' <<<"$out")
  check "round $i: rows sorted ($order)" test "$order" == "$want"
done
finish
