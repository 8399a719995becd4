#!/usr/bin/env bash
# `connect ADDRESS [--json] [--message]`, and what show and note say of
# Domain Connect, against the lab's DNS provider over HTTPS
# (tests/lib/dclab.sh): a provider with Flicono's template (the apply link,
# signed; clicked, the record arrives and check turns green), one without
# (the control-panel link), none, and each way it can fail: an untrusted
# certificate, a name the certificate does not hold, malformed settings, a
# redirect, an answer too large, an IP literal, and a key open to others.
# BIN: the program. Argument: the lab's NET (127.NET.*).
: "${BIN:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")/../lab" && pwd)/zones-dc"
source "$(dirname "$0")/../dns/lab-common.sh"
# shellcheck source=tests/lib/dclab.sh
source "$(dirname "$0")/../lib/dclab.sh"
if ! command -v openssl >/dev/null || ! command -v curl >/dev/null; then
  echo "SKIP: the Domain Connect lab needs openssl and curl (./dev test installs them)"
  exit 77
fi
export LANG=C.UTF-8 XDG_STATE_HOME=$WORK/state
dc_start
export SSL_CERT_FILE=$DC_CA
shipped=$(cd "$(dirname "$0")/../.." && pwd)/data/flicono.profile
apply_prefix="https://connect.dc-eins.test/v2/domainTemplates/providers/flicono.net/services/spf/apply?"

# The apply link of dc-ja.de: the provider has the template, the key signs.
run connect info@dc-ja.de --profile "$DC_PROFILE"
sed "s/^/# /" <<<"$out"
check "template: exit 0" test "$status" -eq 0
check "template: the provider as its settings name it" has "Domain Connect: Eins DNS bietet es an."
check "template: the control-panel link with the domain" \
  has "DNS-Einstellungen: https://panel.dc-eins.test/dns/dc-ja.de"
check "template: what the link does" has "Mit diesem Link legt Eins DNS den SPF-Eintrag für dc-ja.de selbst an"
link=$(grep -F "$apply_prefix" <<<"$out" || true)
check "template: the link whole on a line of its own" \
  grep -qxE "https://connect\.dc-eins\.test/v2/domainTemplates/providers/flicono\.net/services/spf/apply\?domain=dc-ja\.de&sig=[A-Za-z0-9%]+&key=_dck1" <<<"$link"
check "template: the message named" has "derselbe Aufruf mit --message"

run connect info@dc-ja.de --profile "$DC_PROFILE" --json
check "json: exit 0" test "$status" -eq 0
check "json: the keys" json "
assert d['domain'] == 'dc-ja.de' and d['zone'] == 'dc-ja.de', d
assert d['supported'] is True and d['provider_id'] == 'dc-eins.test', d
assert d['provider_name'] == 'Eins DNS', d
assert d['control_panel'] == 'https://panel.dc-eins.test/dns/dc-ja.de', d
assert d['template_supported'] is True and d['failure'] is None, d
assert d['apply_url'] == sys.argv[1], (d['apply_url'], sys.argv[1])" "$link"
# The signature verifies with the public key, over the query before &sig=.
query=${link#"$apply_prefix"}
query=${query%%&sig=*}
sig=${link#*&sig=}
sig=${sig%%&key=*}
printf '%s' "$query" >"$WORK/query"
python3 -c 'import sys, urllib.parse, base64
sys.stdout.buffer.write(base64.b64decode(urllib.parse.unquote(sys.argv[1])))' "$sig" >"$WORK/sig"
check "the signature: RS256 over the query, verified by openssl" \
  openssl dgst -sha256 -verify "$DC_PUB" -signature "$WORK/sig" "$WORK/query"

# The message for the customer, German and English.
run connect info@dc-ja.de --profile "$DC_PROFILE" --message
sed "s/^/# /" <<<"$out"
check "message: exit 0" test "$status" -eq 0
check "message: names the provider" has "Eins DNS"
check "message: the link whole on its own line" grep -qxF -- "$link" <<<"$out"
check "message: formal address" has "Sie"
run_en connect info@dc-ja.de --profile "$DC_PROFILE" --message
sed "s/^/# /" <<<"$out"
check "message, English: the link whole on its own line" grep -qxF -- "$link" <<<"$out"
check "message, English: in English" bash -c '! grep -q "Sie " <<<"$1" && grep -qi "you" <<<"$1"' _ "$out"

# A sender below the zone: host= in the signed query, sorted after domain.
run connect info@mail.dc-ja.de --profile "$DC_PROFILE" --json
check "subdomain: exit 0" test "$status" -eq 0
check "subdomain: domain and host in the link" json "
assert '/apply?domain=dc-ja.de&host=mail&sig=' in d['apply_url'], d"

# The discovery record through a CNAME (as IONOS serves it).
run connect dc-cname.de --profile "$DC_PROFILE" --json
check "cname: exit 0" test "$status" -eq 0
check "cname: the apply link" json "assert d['apply_url'].startswith(sys.argv[1] + 'domain=dc-cname.de&sig='), d" "$apply_prefix"

# A fully qualified host in the discovery record (a trailing dot).
run connect dc-punkt.de --profile "$DC_PROFILE" --json
check "trailing dot: exit 0" test "$status" -eq 0
check "trailing dot: the apply link" json "assert d['apply_url'].startswith(sys.argv[1] + 'domain=dc-punkt.de&sig='), d" "$apply_prefix"

# Without a key (the shipped profile): Domain Connect, but no apply link.
run connect info@dc-ja.de --profile "$shipped"
sed "s/^/# /" <<<"$out"
check "no key: exit 1" test "$status" -eq 1
check "no key: said plainly" has "kein Schlüssel zum Signieren"
check "no key: the control-panel link" has "https://panel.dc-eins.test/dns/dc-ja.de"
check "no key: no apply link" hasnt "$apply_prefix"
run connect info@dc-ja.de --profile "$shipped" --message
check "no key, message: exit 1" test "$status" -eq 1
check "no key, message: why there is none" has "Keine Nachricht"

# A provider without Flicono's template: the control-panel link only.
run connect dc-ohne.de --profile "$DC_PROFILE" --json
check "no template: exit 1" test "$status" -eq 1
check "no template: keys" json "
assert d['supported'] is True and d['template_supported'] is False, d
assert d['provider_name'] == 'Zwei DNS' and d['apply_url'] is None, d
assert d['control_panel'] == 'https://panel.dc-zwei.test/zonen/dc-ohne.de/eintraege', d"
run connect dc-ohne.de --profile "$DC_PROFILE"
check "no template: said" has "Die Vorlage von Flicono ist bei Zwei DNS nicht freigeschaltet"

# No Domain Connect: no record, or the provider does not host the zone.
for d in kein-dc.de dc-nicht.de; do
  run connect "$d" --profile "$DC_PROFILE" --json
  check "$d: exit 2" test "$status" -eq 2
  check "$d: not supported" json "assert d['supported'] is False and d['apply_url'] is None and d['failure'] is None, d"
done
run connect kein-dc.de --profile "$DC_PROFILE"
check "kein-dc.de: one sentence" has "Domain Connect: Der Domain-Anbieter von kein-dc.de bietet es nicht an."

# It could not be asked: exit 3, the failure named.
for pair in dc-kaputt.de:malformed dc-typ.de:malformed dc-http.de:malformed \
  dc-umleitung.de:http-302 dc-gross.de:too-big dc-ip.de:bad-host dc-fremd.de:tls; do
  d=${pair%%:*} want=${pair#*:}
  run connect "$d" --profile "$DC_PROFILE" --json
  check "$d: exit 3" test "$status" -eq 3
  check "$d: failure $want, no link" json "assert d['failure'] == sys.argv[1] and d['apply_url'] is None, d" "$want"
done
run connect dc-umleitung.de --profile "$DC_PROFILE"
check "redirect: not followed, said so" has "einer Umleitung folgt dieses Programm nicht"
check "redirect: the target was never asked" \
  test "$(grep -c 'GET /v2/dc-ja.de/settings' "$DC_LOG")" = "$(grep -c 'GET /v2/dc-ja.de/settings' "$DC_LOG")"
run connect dc-ip.de --profile "$DC_PROFILE"
check "IP literal: refused" has "nennt keinen gültigen Hostnamen"

# An untrusted certificate: without the lab's CA, the system's store only.
run_untrusted() { status=0; out=$(env -u SSL_CERT_FILE "$BIN" "$@" "${run_args[@]}" 2>&1) || status=$?; }
run_untrusted connect info@dc-ja.de --profile "$DC_PROFILE" --json
check "untrusted certificate: exit 3" test "$status" -eq 3
check "untrusted certificate: failure tls, nothing else" json "
assert d['failure'] == 'tls' and d['supported'] is False and d['apply_url'] is None, d"
run_untrusted connect info@dc-ja.de --profile "$DC_PROFILE"
check "untrusted certificate: said" has "Zertifikat"

# A key open to others: refused before anything is asked (exit 78).
cp -p "$DC_KEY" "$WORK/open-key.pem"
chmod 644 "$WORK/open-key.pem"
sed "s|^key_file = .*|key_file = $WORK/open-key.pem|" "$DC_PROFILE" >"$WORK/open.profile"
requests=$(wc -l <"$DC_LOG")
run_err=$WORK/err
run connect info@dc-ja.de --profile "$WORK/open.profile"
run_err=
check "open key: exit 78" test "$status" -eq 78
check "open key: nothing on stdout" test -z "$out"
check "open key: the German reason with the fix" grep -qF "chmod 600 $WORK/open-key.pem" "$WORK/err"
check "open key: nothing asked" test "$(wc -l <"$DC_LOG")" = "$requests"
run_err=$WORK/err
run --profile "$WORK/open.profile" info@dc-ja.de
run_err=
check "open key, wizard: exit 78 before the terminal" test "$status" -eq 78

# show names the control-panel link and connect; nothing without Domain Connect.
run show info@dc-ja.de --profile "$DC_PROFILE"
sed "s/^/# /" <<<"$out"
check "show: the control-panel link" has "Die DNS-Einstellungen bei Eins DNS öffnet dieser Link: https://panel.dc-eins.test/dns/dc-ja.de"
check "show: connect named" has "derselbe Aufruf mit „connect“ statt „show“"
run show kein-dc.de --profile "$DC_PROFILE"
check "show, no Domain Connect: not a word of it" hasnt "Domain Connect"

# note names the way offered.
run note info@dc-ja.de --profile "$DC_PROFILE"
sed "s/^/# /" <<<"$out"
check "note: the way, the link" has "Weg:"
check "note: the link at Eins DNS" has "Link zum Bestätigen bei Eins DNS"
run note dc-ohne.de --profile "$DC_PROFILE"
check "note, no template: the fields with the control-panel link" has "die Felder, mit dem Link zu den"
check "note, no template: the provider as its settings name it" grep -qE "^Anbieter: +Zwei DNS$" <<<"$out"
run note kein-dc.de --profile "$DC_PROFILE"
check "note, no Domain Connect: no way line" hasnt "Weg:"

# --json and --message together: a usage error.
run connect dc-ja.de --profile "$DC_PROFILE" --json --message
check "json and message: exit 64" test "$status" -eq 64
check "json and message: said" has "nicht beides"

# The click: the provider writes the record, and check turns green.
code=$(dc_click "$link") || true
check "click: 200" test "$code" = 200
run check info@dc-ja.de --profile "$DC_PROFILE" --watch --interval 1 --timeout 60
check "after the click: check exit 0" test "$status" -eq 0
finish
