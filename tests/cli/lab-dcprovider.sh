#!/usr/bin/env bash
# The Domain Connect lab itself (tests/lib/dclab.sh, tests/lab/dcprovider.py,
# tests/lab/zones-dc), proved with curl, openssl and drill alone: discovery
# records, the settings per zone, the template check, and apply links signed
# with openssl, whose SPF record both name servers then serve (merged, or
# new), while a tampered or wrongly keyed link changes nothing.
# Argument: the lab's NET (127.NET.*).
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")/../lab" && pwd)/zones-dc"
source "$(dirname "$0")/../dns/lab-common.sh"
# shellcheck source=tests/lib/dclab.sh
source "$(dirname "$0")/../lib/dclab.sh"

if ! command -v openssl >/dev/null || ! command -v curl >/dev/null; then
  echo "SKIP: the Domain Connect lab needs openssl and curl (./dev test installs them)"
  exit 77
fi

src=$(cd "$(dirname "$0")/../.." && pwd)
shipped=$src/data/domainconnect/flicono.net.spf.json
merge=$(sed -n 's/^merge = //p' "$src/data/flicono.profile")
if [ -f "$shipped" ]; then
  DC_TEMPLATE=$shipped
else
  # Until the shipped template lands: a minimal one of the same shape.
  DC_TEMPLATE=$WORK/flicono.net.spf.json
  python3 -c 'import json, sys
json.dump({"providerId": "flicono.net", "providerName": "Flicono", "serviceId": "spf",
  "serviceName": "SPF", "version": 1, "syncPubKeyDomain": "flicono.net",
  "records": [{"type": "SPFM", "host": "@", "spfRules": sys.argv[1]}]}, sys.stdout)' \
    "$merge" >"$DC_TEMPLATE"
fi
rules=$(python3 -c 'import json, sys
print(" ".join(r["spfRules"] for r in json.load(open(sys.argv[1]))["records"] if r["type"] == "SPFM"))' \
  "$DC_TEMPLATE")
dc_start

# wait_until TENTHS COMMAND…: COMMAND succeeds within the deadline (polled).
wait_until() {
  local tenths=$1 i
  shift
  for ((i = 0; i < tenths; i++)); do
    "$@" && return 0
    sleep 0.1
  done
  return 1
}
# get URL: $code (the HTTP status), $rc (curl's exit status), $out (the body).
get() {
  rc=0
  code=$(dc_click "$1") || rc=$?
  out=$(cat "$DC_BODY" 2>/dev/null || true)
}
# txt SERVER NAME: the TXT records SERVER answers for NAME (RDATA only).
txt() { drill -Q @"$1" "$2" TXT 2>/dev/null | grep '"' || true; }
serial() { drill -Q @"$1" "$2" SOA 2>/dev/null | awk 'NF == 7 { print $3; exit }'; }
# sign QUERY: QUERY signed (RS256) with the lab key, base64, percent-encoded.
sign() {
  printf '%s' "$1" | openssl dgst -sha256 -sign "$DC_KEY" | base64 -w0 |
    sed -e 's/+/%2B/g' -e 's|/|%2F|g' -e 's/=/%3D/g'
}
apply_eins=https://connect.dc-eins.test/v2/domainTemplates/providers/flicono.net/services/spf/apply
# link QUERY [KEY]: an apply link at Eins for QUERY, signed.
link() { echo "$apply_eins?$1&sig=$(sign "$1")&key=${2:-$DC_KEY_HOST}"; }

# The test material dclab made.
check "profile copy: the key's lines at its end" test "$(tail -n 2 "$DC_PROFILE")" = "key_file = $DC_KEY
key_host = _dck1"
check "profile copy: a [domain_connect] section with flicono.net/spf" bash -c '
grep -qx "\[domain_connect\]" "$1" && grep -qx "provider_id = flicono.net" "$1" && grep -qx "service_id = spf" "$1"' _ "$DC_PROFILE"
check "signing key: mode 600" test "$(stat -c %a "$DC_KEY")" = 600
check "template rules: the profile's merge terms" test "$rules" = "$merge"

# Discovery records.
check "dc-ja.de: _domainconnect names Eins" test "$(txt "$RES" _domainconnect.dc-ja.de)" = '"api.dc-eins.test"'
check "dc-cname.de: _domainconnect a CNAME" bash -c \
  'drill @"$1" _domainconnect.dc-cname.de TXT | grep -qE "CNAME[[:space:]]+_domainconnect.dc-eins.test\."' _ "$RES"
check "dc-cname.de: the resolver follows it to Eins" bash -c \
  'drill @"$1" _domainconnect.dc-cname.de TXT | grep -qF "\"api.dc-eins.test\""' _ "$RES"
check "kein-dc.de: no _domainconnect" test -z "$(txt "$RES" _domainconnect.kein-dc.de)"
check "dc-ip.de: an address" test "$(txt "$RES" _domainconnect.dc-ip.de)" = '"127.0.0.1"'
check "api.dc-zwei.test: on the provider's address" test \
  "$(drill -Q @"$RES" api.dc-zwei.test A 2>/dev/null)" = "$DC_ADDR"

# Settings.
get https://api.dc-eins.test/v2/dc-ja.de/settings
check "dc-ja.de settings: 200" test "$code" = 200
check "dc-ja.de settings: Eins's JSON" json "
assert d['providerId'] == 'dc-eins.test' and d['providerName'] == 'Eins DNS', d
assert d['urlSyncUX'] == 'https://connect.dc-eins.test' and d['urlAPI'] == 'https://api.dc-eins.test', d
assert d['urlControlPanel'] == 'https://panel.dc-eins.test/dns/%domain%', d"
get https://api.dc-eins.test/v2/dc-cname.de/settings
check "dc-cname.de settings: 200" test "$code" = 200
get https://api.dc-eins.test/v2/dc-nicht.de/settings
check "dc-nicht.de settings: 404" test "$code" = 404
check "dc-nicht.de: curl --fail's status" test "$rc" = 22
get https://api.dc-zwei.test/v2/dc-ja.de/settings
check "dc-ja.de at Zwei: 404" test "$code" = 404
get https://api.dc-zwei.test/v2/dc-ohne.de/settings
check "dc-ohne.de at Zwei: 200, its control panel with %domain%" json "
assert d['providerId'] == 'dc-zwei.test' and d['providerDisplayName'] == 'Zwei DNS', d
assert '%domain%' in d['urlControlPanel'], d"
get https://api.dc-eins.test/v2/dc-ohne.de/settings
check "dc-ohne.de at Eins: 404" test "$code" = 404
status=0
location=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' --cacert "$DC_CA" \
  --resolve "api.dc-eins.test:443:$DC_ADDR" https://api.dc-eins.test/v2/dc-umleitung.de/settings) || status=$?
check "dc-umleitung.de: 302 to dc-ja.de's settings" test \
  "$location" = "302 https://api.dc-eins.test/v2/dc-ja.de/settings"
get https://api.dc-eins.test/v2/dc-kaputt.de/settings
check "dc-kaputt.de: 200" test "$code" = 200
check "dc-kaputt.de: no JSON" bash -c '! python3 -c "import json, sys; json.load(sys.stdin)" <"$1" 2>/dev/null' _ "$DC_BODY"
get https://api.dc-eins.test/v2/dc-typ.de/settings
check "dc-typ.de: providerId a number" json "assert d['providerId'] == 42, d"
get https://api.dc-eins.test/v2/dc-http.de/settings
check "dc-http.de: an http urlAPI" json "assert d['urlAPI'] == 'http://api.dc-eins.test', d"
get https://api.dc-eins.test/v2/dc-gross.de/settings
check "dc-gross.de: 2 MiB of valid JSON" bash -c '
test "$(stat -c %s "$1")" -eq 2097152 && python3 -c "import json, sys; assert json.load(sys.stdin)[\"providerId\"] == \"dc-eins.test\"" <"$1"' _ "$DC_BODY"
get https://panel.dc-eins.test/v2/dc-ja.de/settings
check "settings on the panel host: 404" test "$code" = 404

# TLS: only the lab CA, only the certificate's names.
status=0
curl -sS -o /dev/null --resolve "api.dc-eins.test:443:$DC_ADDR" \
  https://api.dc-eins.test/v2/dc-ja.de/settings 2>/dev/null || status=$?
check "without the lab CA: curl refuses the certificate (60)" test "$status" = 60
get https://fremd.dc-eins.test/v2/dc-fremd.de/settings
check "fremd.dc-eins.test: not in the certificate (60)" test "$rc" = 60
# The provider logs a refused handshake when the client's alert reaches it.
tls_logged() { grep -q "^- tls .*UNKNOWN_CA" "$DC_LOG" && grep -q "^- tls closed without a request" "$DC_LOG"; }
check "the log: both refused handshakes" wait_until 100 tls_logged

# The template check.
get https://api.dc-eins.test/v2/domainTemplates/providers/flicono.net/services/spf
check "template at Eins: 200" test "$code" = 200
check "template at Eins: Flicono's SPFM record" json "
assert d['providerId'] == 'flicono.net' and d['serviceId'] == 'spf', d
assert [r['type'] for r in d['records']] == ['SPFM'], d"
get https://api.dc-zwei.test/v2/domainTemplates/providers/flicono.net/services/spf
check "template at Zwei: 404" test "$code" = 404
get https://api.dc-eins.test/v2/domainTemplates/providers/flicono.net/services/dkim
check "another service at Eins: 404" test "$code" = 404

# Apply: a new record at the apex of dc-ja.de on both name servers.
want="\"v=spf1 $rules -all\""
get "$(link domain=dc-ja.de)"
check "apply dc-ja.de: 200" test "$code" = 200
check "apply dc-ja.de: applied" has "applied"
check "dc-ja.de: ns1 serves the new SPF record" test "$(txt "$NS1" dc-ja.de | grep spf1)" = "$want"
check "dc-ja.de: ns2 serves the new SPF record" test "$(txt "$NS2" dc-ja.de | grep spf1)" = "$want"
check "dc-ja.de: its other TXT kept" bash -c 'grep -qx "\"hallo welt\"" <<<"$1"' _ "$(txt "$NS1" dc-ja.de)"
# host=mail: the record at mail.dc-ja.de, the apex's stays.
get "$(link 'domain=dc-ja.de&host=mail')"
check "apply dc-ja.de host=mail: 200" test "$code" = 200
check "mail.dc-ja.de: ns1 serves it" test "$(txt "$NS1" mail.dc-ja.de)" = "$want"
check "mail.dc-ja.de: ns2 serves it" test "$(txt "$NS2" mail.dc-ja.de)" = "$want"
check "dc-ja.de: still one SPF record at the apex" test "$(txt "$NS2" dc-ja.de | grep -c spf1)" = 1
# Merged into the existing record, before its all; a second click changes nothing.
merged="\"v=spf1 a $rules -all\""
get "$(link domain=dc-merge.de)"
check "apply dc-merge.de: 200" test "$code" = 200
check "dc-merge.de: ns1 serves the merged record" test "$(txt "$NS1" dc-merge.de)" = "$merged"
check "dc-merge.de: ns2 serves the merged record" test "$(txt "$NS2" dc-merge.de)" = "$merged"
before=$(serial "$NS1" dc-merge.de)
get "$(link domain=dc-merge.de)"
check "apply dc-merge.de again: 200" test "$code" = 200
check "dc-merge.de again: the same record, the same serial" test \
  "$(txt "$NS1" dc-merge.de) $(serial "$NS1" dc-merge.de)" = "$merged $before"

# Refused links change nothing.
serial_cname=$(serial "$NS1" dc-cname.de)
tampered=$(link domain=dc-merge.de)
get "${tampered/domain=dc-merge.de/domain=dc-cname.de}"
check "tampered query: 403" test "$code" = 403
get "$(link domain=dc-cname.de _dck2)"
check "another key host: 403" test "$code" = 403
get "$apply_eins?domain=dc-cname.de"
check "unsigned: 403" test "$code" = 403
get "$(link domain=dc-cname.de)&host=mail"
check "a parameter after the signature: 403" test "$code" = 403
check "refused links: dc-cname.de unchanged" test \
  "$(txt "$NS1" dc-cname.de)|$(serial "$NS1" dc-cname.de)" = "|$serial_cname"
get "$(link host=mail)"
check "no domain: 400" test "$code" = 400
get "$(link domain=dc-nicht.de)"
check "a domain Eins does not host: 400" test "$code" = 400
get "https://connect.dc-zwei.test/v2/domainTemplates/providers/flicono.net/services/spf/apply?domain=dc-ohne.de&sig=$(sign domain=dc-ohne.de)&key=_dck1"
check "apply at Zwei: 404" test "$code" = 404
check "the log: each apply's request line and status" bash -c '
[ "$(grep -c "^connect\.dc-eins\.test \"GET /v2/domainTemplates/providers/flicono.net/services/spf/apply?domain=dc-ja.de&sig=.* 200 " "$1")" = 1 ] &&
grep -q "^connect\.dc-eins\.test \"GET .*domain=dc-cname.de&sig=.*\" 403 bad signature$" "$1"' _ "$DC_LOG"

# A lagging secondary: ns1 only, the provider's copy for a later set of ns2.
dc_lag on
get "$(link domain=dc-cname.de)"
check "lagging: 200" test "$code" = 200
check "lagging: ns1 serves the new record" test "$(txt "$NS1" dc-cname.de)" = "$want"
check "lagging: ns2 does not yet" test -z "$(txt "$NS2" dc-cname.de)"
"$LAB_SH" set "$WORK/lab" ns2 dc-cname.de "$DC_STATE/zones/dc-cname.de.zone"
check "lagging: ns2 after the set from the provider's copy" test "$(txt "$NS2" dc-cname.de)" = "$want"
dc_lag off
finish
