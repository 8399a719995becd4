#!/usr/bin/env bash
# The DNS provider, detected from the name servers a check round asks (no
# query of its own): zones whose NS records carry provider-style names
# (docks07/shades07.rzone.de, ns1045.ui-dns.de/.com) served by the lab, and
# a near miss (ns1045.ui-dns.de.nah-dran.de). check (text, JSON), check
# --open and note name it; an unknown provider is null. BIN: the program.
# Argument: the lab's NET (127.NET.*).
: "${BIN:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")" && pwd)/zones"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8
export XDG_STATE_HOME=$WORK/state
# row NAME ADDRESS: $out has the table row of that server.
row() { grep -qE "^$1 +$2 " <<<"$out"; }


run check strato-kunde.de
check "strato: the check names the provider and its name server" \
  has "Ihre Domain liegt bei STRATO — Namensserver docks07.rzone.de"
check "strato: no SPF, exit 2" test "$status" -eq 2
run check strato-kunde.de --json
check "strato: json provider object" json "
assert d['provider'] == {'id': 'strato', 'name': 'STRATO', 'name_server': 'docks07.rzone.de', 'chosen': False}, d['provider']"
run check ionos-kunde.de --json
check "ionos: json provider" json "assert d['provider']['id'] == 'ionos', d['provider']
assert d['provider']['name_server'] in ('ns1045.ui-dns.com', 'ns1045.ui-dns.de'), d['provider']"
run check gemischt.de --json
check "mixed NS set: the primary (SOA MNAME) names IONOS" json "
assert d['provider'] == {'id': 'ionos', 'name': 'IONOS', 'name_server': 'ns1045.ui-dns.de', 'chosen': False}, d['provider']"
status=0; "$BIN" show info@gemischt.de --resolver "$RES" >/dev/null 2>"$WORK/err" || status=$?
check "mixed NS set: show says IONOS too" grep -qF "Ihre Domain liegt bei IONOS — Namensserver ns1045.ui-dns.de" "$WORK/err"
run check nah-dran.de --json
check "near miss: no provider" json "assert d['provider'] is None, d['provider']"
run check nah-dran.de
check "near miss: the round ran, exit 2" test "$status" -eq 2
check "near miss: the look-alike name servers asked" row ns1045.ui-dns.de.nah-dran.de "$NS1"
check "near miss: the verdict" has "Ergebnis: Eintrag fehlt oder ist falsch. Noch kein zuständiger Namensserver liefert einen Eintrag, der Flicono berechtigt."
check "near miss: nothing said about a provider" hasnt "Ihre Domain liegt bei"
check "near miss: no provider chosen either" hasnt "Domain-Anbieter:"
run check leer.de --json
check "in-zone name servers: no provider" json "assert d['provider'] is None, d['provider']"
status=0; out=$(LANG=en_US.UTF-8 "$BIN" check strato-kunde.de --resolver "$RES" 2>&1) || status=$?
check "english: the provider named" has "Your domain is at STRATO — name server docks07.rzone.de"

# A doubled name at a provider whose name field appends the domain: named
# with that provider's own field label.
run check strato-doppelt.de
check "doubled name: the typical mistake" has "Der Eintrag steht unter „strato-doppelt.de.strato-doppelt.de“"
check "doubled name: STRATO's own field" has "Bei STRATO bleibt das Feld „Präfix“ leer."
run check strato-doppelt.de --provider none
check "doubled name, --provider none: exit 2" test "$status" -eq 2
check "doubled name, --provider none: the mistake still named" has "Der Eintrag steht unter „strato-doppelt.de.strato-doppelt.de“"
check "doubled name, --provider none: no provider advice" hasnt "Bei STRATO"

# "@" typed into a name field that stays empty for the domain itself: named
# with the provider's own field label too.
run check strato-at.de
check "@.DOMAIN at STRATO: the typical mistake" has "Der Eintrag steht unter „@.strato-at.de“"
check "@.DOMAIN at STRATO: STRATO's own field" has "Bei STRATO bleibt das Feld „Präfix“ leer."
# At a provider whose apex is "@" the field takes "@", never "leave it empty"
# (check used to say so while naming Hetzner's convention nowhere).
run check strato-at.de --provider hetzner
check "@.DOMAIN, --provider hetzner: exit 2" test "$status" -eq 2
check "@.DOMAIN, --provider hetzner: Hetzner chosen" has "Domain-Anbieter: Hetzner (mit --provider gewählt)"
check "@.DOMAIN, --provider hetzner: the mistake still named" has "Der Eintrag steht unter „@.strato-at.de“: Das Formular hat „@“ als Namen übernommen."
check "@.DOMAIN at a provider with apex @: its field takes @" bash -c '
grep -qF "Bei Hetzner steht im Feld „Name“ nur „@“." <<<"$1" && ! grep -q "leer" <<<"$1"' _ "$out"
# The sender below the apex: @.mail.strato-at.de. The name field gets
# "mail" — at STRATO (apex empty), at Hetzner (apex @) and without a
# provider; never "leave it empty" (check used to say so).
run check mail.strato-at.de
check "@.mail at STRATO: the typical mistake" has "Der Eintrag steht unter „@.mail.strato-at.de“"
check "@.mail at STRATO: the field gets mail" bash -c '
grep -qF "Bei STRATO steht im Feld „Präfix“ nur „mail“." <<<"$1" && ! grep -q "leer" <<<"$1"' _ "$out"
run check mail.strato-at.de --provider hetzner
check "@.mail at Hetzner: the field gets mail" has "Bei Hetzner steht im Feld „Name“ nur „mail“."
run check mail.strato-at.de --provider none
check "@.mail without a provider: the name mail" bash -c '
grep -qF "Tragen Sie als Name nur „mail“ ein." <<<"$1" && ! grep -q "leer" <<<"$1"' _ "$out"
status=0; out=$(LANG=en_US.UTF-8 "$BIN" check strato-at.de --resolver "$RES" 2>&1) || status=$?
check "english: @.DOMAIN named" has "The record sits at “@.strato-at.de”"
check "english: STRATO's field" has "At STRATO the field “Präfix” stays empty."

# --provider: an id overrides, none takes none, an unknown id is a usage error.
run check nah-dran.de --json --provider ionos
check "--provider ionos on a near miss: ionos" json "assert d['provider']['id'] == 'ionos', d['provider']"
run check strato-kunde.de --json --provider none
check "--provider none: null" json "assert d['provider'] is None, d['provider']"
run check strato-kunde.de --provider gibtsnicht
check "--provider unknown: usage 64" test "$status" -eq 64
check "--provider unknown: named" has "Unbekannter Anbieter „gibtsnicht“"

run check strato-kunde.de --provider strato
check "--provider strato: said to be chosen, no empty name server" bash -c '
grep -qF "Domain-Anbieter: STRATO (mit --provider gewählt)" <<<"$1" && ! grep -q "Namensserver \$" <<<"$1"' _ "$out"
run check strato-kunde.de --json --provider strato
check "--provider strato: json chosen, name_server null" json "
assert d['provider'] == {'id': 'strato', 'name': 'STRATO', 'name_server': None, 'chosen': True}, d['provider']"
# Hetzner's name field appends the domain too, but its apex is "@".
run check strato-doppelt.de --provider hetzner
check "doubled name at a provider with apex @: no 'leer'" bash -c '
grep -qF "Bei Hetzner steht im Feld „Name“ nur „@“." <<<"$1" && ! grep -q "bleibt das Feld" <<<"$1"' _ "$out"
status=0; out=$("$BIN" spf --provider strato 192.0.2.1 strato-kunde.de --resolver "$RES" 2>&1) || status=$?
check "--provider with spf: usage 64" test "$status" -eq 64

# show: the provider on stderr, its form's labels on stdout.
status=0; stdout=$("$BIN" show info@strato-kunde.de --resolver "$RES" 2>"$WORK/err") || status=$?
err=$(cat "$WORK/err")
check "show strato: exit 0" test "$status" -eq 0
check "show strato: provider on stderr" grep -qF "Ihre Domain liegt bei STRATO — Namensserver docks07.rzone.de" "$WORK/err"
check "show strato: fields by default, STRATO's labels, apex empty" test "$stdout" = "Präfix: (leer lassen)
TTL: 86400
Typ: TXT
Wert: v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"
status=0; stdout=$("$BIN" show info@strato-kunde.de --format line --resolver "$RES" 2>/dev/null) || status=$?
check "show strato --format line: the line" test "$stdout" = '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"'
status=0; stdout=$("$BIN" show info@ionos-kunde.de --resolver "$RES" 2>/dev/null) || status=$?
check "show ionos: Hostname @ and the type SPF (TXT)" bash -c 'grep -qx "Hostname: @" <<<"$1" && grep -qx "Typ: SPF (TXT)" <<<"$1"' _ "$stdout"
status=0; stdout=$("$BIN" show info@nah-dran.de --resolver "$RES" 2>"$WORK/err") || status=$?
check "show near miss: exit 0" test "$status" -eq 0
check "show near miss: the generic line" test "$stdout" = '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"'
check "show near miss: no provider named" bash -c '! grep -q "liegt bei" "$1"' _ "$WORK/err"
status=0; stdout=$("$BIN" show info@nah-dran.de --provider strato --resolver "$RES" 2>"$WORK/err") || status=$?
check "show --provider strato: chosen, named so" grep -qF "Domain-Anbieter: STRATO (mit --provider gewählt)" "$WORK/err"
check "show --provider strato: STRATO's fields" bash -c 'grep -qx "Präfix: (leer lassen)" <<<"$1"' _ "$stdout"
status=0; stdout=$("$BIN" show info@strato-kunde.de --provider none --resolver "$RES" 2>/dev/null) || status=$?
check "show --provider none: the generic line" test "$stdout" = '@ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"'
status=0; stdout=$(LANG=en_US.UTF-8 "$BIN" show info@strato-kunde.de --resolver "$RES" 2>"$WORK/err") || status=$?
check "show english: leave empty" bash -c 'grep -qx "Präfix: (leave empty)" <<<"$1"' _ "$stdout"
check "show english: the provider" grep -qF "Your domain is at STRATO — name server docks07.rzone.de" "$WORK/err"

# check --open: a provider column, and the JSON provider object.
mkdir -p -m 700 "$XDG_STATE_HOME/flicono-mailsetup"
printf '# flicono-mailsetup open checks v1\nstrato-kunde.de\tline\tttl\t%s\tinfo@strato-kunde.de\nnah-dran.de\tline\tttl\t%s\tinfo@nah-dran.de\n' \
  "$(date +%s)" "$(date +%s)" >"$XDG_STATE_HOME/flicono-mailsetup/open-checks"
chmod 600 "$XDG_STATE_HOME/flicono-mailsetup/open-checks"
run check --open
check "open: the provider column" bash -c 'grep -qE "^Adresse +Anbieter " <<<"$1" &&
grep -qE "^info@strato-kunde.de +STRATO " <<<"$1" && grep -qE "^info@nah-dran.de +– " <<<"$1"' _ "$out"
run check --open --json
check "open json: provider per case" json "
p = {c['domain']: c['provider'] for c in d}
assert p['strato-kunde.de']['id'] == 'strato' and p['nah-dran.de'] is None, p
assert d[0]['check']['provider'] == d[0]['provider'], d[0]"

# note: the provider line; the entry as the wizard showed it (the open
# check says one line), else as show gives it (STRATO's fields).
run note info@strato-kunde.de
check "note: the provider" bash -c 'grep -qE "^Anbieter: +STRATO$" <<<"$1"' _ "$out"
check "note with an open check: its line form" has '  @ 86400 IN TXT "v=spf1 mx ip4:148.251.195.107'
"$BIN" forget info@strato-kunde.de >/dev/null
run note info@strato-kunde.de
check "note: the entry in STRATO's fields, as show gives it" bash -c 'grep -qx "  Präfix: (leer lassen)" <<<"$1" && grep -qx "  Wert: v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all" <<<"$1"' _ "$out"
run note info@nah-dran.de
check "note: unknown provider" bash -c 'grep -qE "^Anbieter: +unbekannt$" <<<"$1"' _ "$out"

# The provider's own delay (data/providers: publish_delay), said while its
# name servers lag: firma.de with the new record on ns1 only, at netcup.
delay="Bei netcup erscheinen Änderungen erst nach bis zu 20 Minuten auf den Namensservern."
"$LAB_SH" set "$WORK/lab" ns1 firma.de "$LAB_ZONES/firma.de.neu"
run check firma.de --provider netcup
check "netcup, ns1 only: pending" test "$status" -eq 1
check "netcup, ns1 only: the delay in one line" bash -c 'grep -qxF "$2" <<<"$1"' _ "$out" "$delay"
run check firma.de --provider cloudflare
check "cloudflare, ns1 only: seconds, at times a minute" \
  has "Bei Cloudflare erscheinen Änderungen meist nach wenigen Sekunden auf den Namensservern, manchmal erst nach etwa einer Minute oder mehr."
run check firma.de
check "no provider, ns1 only: no delay said" hasnt "erscheinen Änderungen"
run check firma.de --provider netcup --json
check "netcup json: provider_publish_delay 1200" json "assert d['provider_publish_delay'] == 1200, d['provider_publish_delay']"
run check firma.de --json
check "no provider json: provider_publish_delay null" json "assert d['provider_publish_delay'] is None, d"
status=0; out=$(LANG=en_US.UTF-8 "$BIN" check firma.de --provider netcup --resolver "$RES" 2>&1) || status=$?
check "english: the delay" has "At netcup, changes reach the name servers only after up to 20 minutes."
run note info@firma.de --provider netcup
# (the note wraps at 72 columns)
check "note: the delay under the result" bash -c 'grep -A2 "^  Ergebnis: noch nicht überall" <<<"$1" |
  tail -n +2 | tr "\n" " " | tr -s " " | grep -qF " $2 "' _ "$out" "$delay"
printf '# flicono-mailsetup open checks v1\nfirma.de\tline\tttl\t%s\tinfo@firma.de\n' "$(date +%s)" \
  >"$XDG_STATE_HOME/flicono-mailsetup/open-checks"
run check --open --provider netcup
check "open: the delay under the case" bash -c 'grep -A1 "^info@firma.de " <<<"$1" | grep -qxF "  $2"' _ "$out" "$delay"
run check --open --provider netcup --json
check "open json: provider_publish_delay" json "assert d[0]['check']['provider_publish_delay'] == 1200, d[0]"
# Both name servers serve it: nothing more to say of the provider's delay.
"$LAB_SH" set "$WORK/lab" ns2 firma.de "$LAB_ZONES/firma.de.neu"
run check firma.de --provider netcup
check "netcup, both serve it: no delay said" hasnt "erscheinen Änderungen"
run note info@firma.de --provider netcup
check "note, both serve it: no delay said" hasnt "erscheinen Änderungen"

# A malformed data/providers: the file and line, exit 78.
bad=$WORK/data
mkdir -p "$bad"
cp -r "$FLICONO_MAILSETUP_DATADIR"/* "$bad"/
printf '[strato]\nname = STRATO\nform = kaputt\n' >"$bad/providers"
status=0; out=$(FLICONO_MAILSETUP_DATADIR=$bad "$BIN" check strato-kunde.de --resolver "$RES" 2>&1) || status=$?
check "malformed providers: exit 78" test "$status" -eq 78
check "malformed providers: file and line" has "$bad/providers, Zeile 3:"
finish
