#!/usr/bin/env bash
# Issue 13 part 2: DNSSEC named in plain words. Zones signed at test time
# (tests/lab/dnssec.sh: ldns-keygen, ldns-signzone) from the templates in
# tests/cli/zones-dnssec, served by NSD; a validating unbound (lab.sh
# validator, the zones' keys as trust anchors) beside the lab's plain one.
#   sig-gut.de     signed, valid on both name servers
#   sig-kaputt.de  ns2 serves an altered signature over the TXT records
#   sig-fehlt.de   signed, the TXT records without signature
#   sig-alt.de     signed with a window that ended ten days ago
#   sig-ohne.de    not signed
#   sig-soa.de     the signatures over SOA and NS altered, the TXT's valid
# BIN: the program. Argument: the lab's NET (127.NET.*).
: "${BIN:?}" "${LAB_SH:?}"
# shellcheck source=tests/lib/netns.sh
. "$(dirname "$0")/../lib/netns.sh"
NET=${1:?usage: $0 NET}
here=$(cd "$(dirname "$0")" && pwd)
SIGN=$here/../lab/dnssec.sh
for tool in ldns-keygen ldns-signzone; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool (ldnsutils) is missing"
    exit 77
  fi
done

# The signed zones (and their keys) in a scratch directory of their own.
ZDIR=$(mktemp -d /tmp/dnssec-zones.XXXXXX)
mkdir "$ZDIR/zones"
for f in "$here"/zones-dnssec/*.zone; do
  z=$(basename "$f")
  case $z in
    sig-ohne.de.zone) cp "$f" "$ZDIR/zones/$z" ;;
    sig-alt.de.zone) "$SIGN" sign "$f" "$ZDIR/zones/$z" "$NET" 1 "$ZDIR/keys" expired ;;
    *) "$SIGN" sign "$f" "$ZDIR/zones/$z" "$NET" 1 "$ZDIR/keys" valid ;;
  esac
done
"$SIGN" strip "$ZDIR/zones/sig-fehlt.de.zone"
"$SIGN" break "$ZDIR/zones/sig-soa.de.zone" SOA
"$SIGN" break "$ZDIR/zones/sig-soa.de.zone" NS
# ns2's copy of sig-kaputt.de: the next serial (lab.sh set), the signature altered.
"$SIGN" sign "$here/zones-dnssec/sig-kaputt.de.zone" "$ZDIR/kaputt-ns2.zone" "$NET" 2 \
  "$ZDIR/keys" valid
"$SIGN" break "$ZDIR/kaputt-ns2.zone"
"$SIGN" anchors "$ZDIR/keys" "$ZDIR/anchors"

export LAB_ZONES=$ZDIR/zones
source "$here/../dns/lab-common.sh"
trap 'rc=$?; rm -rf "$ZDIR"; (exit $rc); cleanup' EXIT
"$LAB_SH" set "$WORK/lab" ns2 sig-kaputt.de "$ZDIR/kaputt-ns2.zone"
"$LAB_SH" validator "$WORK/lab" "$ZDIR/anchors"
VRES=127.$NET.5
export LANG=C.UTF-8

# The lab's own facts first: the validator fails what is broken, and the
# plain resolver serves it.
vstatus() { drill @"$1" "$2" "${3:-TXT}" 2>/dev/null | awk '/rcode:/ { print $6; exit }' | tr -d ,; }
check "lab: the validator serves sig-gut.de" test "$(vstatus "$VRES" sig-gut.de)" = NOERROR
check "lab: the validator fails sig-alt.de" test "$(vstatus "$VRES" sig-alt.de)" = SERVFAIL
check "lab: the validator fails sig-fehlt.de" test "$(vstatus "$VRES" sig-fehlt.de)" = SERVFAIL
check "lab: the plain resolver serves sig-alt.de" test "$(vstatus "$RES" sig-alt.de)" = NOERROR

run_args=() # run: each call names its resolvers
# row NAME ADDRESS: the line of the text table for that server.
row() { grep -E "^$1 +$2 " <<<"$out"; }
both() { echo --resolver "$RES" --resolver "$VRES"; }

# Signed and valid: both name servers valid, the validator serves it.
# shellcheck disable=SC2046
run check sig-gut.de $(both)
check "valid: exit 0" test "$status" -eq 0
check "valid: ns1 row says so" bash -c 'grep -qE "^ns1\.sig-gut\.de +127\.[0-9.]+ +Namensserver +neuer Eintrag +DNSSEC gültig" <<<"$1"' _ "$out"
check "valid: a DNSSEC column" has "DNSSEC"
check "valid: no DNSSEC problem named" hasnt "Domain-Anbieter"
# shellcheck disable=SC2046
run check sig-gut.de $(both) --json
check "valid, JSON: dnssec per row" json "s=d['servers']; assert [r['dnssec'] for r in s] == ['valid', 'valid', None, None], s"
check "valid, JSON: the validator serves the record" json "assert d['servers'][3]['state'] == 'new', d['servers'][3]"

# Expired everywhere: the validator answers SERVFAIL, with CD it answers:
# DNSSEC-Fehler; the name servers' signatures expired; not propagated.
# shellcheck disable=SC2046
run check sig-alt.de $(both)
check "expired: exit 1 (not yet everywhere)" test "$status" -eq 1
check "expired: the validator's row" bash -c 'grep -qE "^Resolver +127\.[0-9]+\.[0-9]+\.5 +Resolver +DNSSEC-Fehler" <<<"$1"' _ "$out"
check "expired: the plain resolver serves it" bash -c 'grep -qE "^Resolver +127\.[0-9]+\.[0-9]+\.1 +Resolver +neuer Eintrag" <<<"$1"' _ "$out"
check "expired: the name servers' signatures" bash -c 'grep -cE "^ns[12]\.sig-alt\.de .*DNSSEC abgelaufen" <<<"$1" | grep -qx 2' _ "$out"
check "expired: the diagnosis" has "DNSSEC: Die Signaturen (DNSSEC) der Zone sig-alt.de sind abgelaufen."
check "expired: contact the provider" has "Wenden Sie sich an Ihren Domain-Anbieter"
run_en check sig-alt.de --resolver "$RES" --resolver "$VRES"
check "expired, English: row" has "DNSSEC error"
check "expired, English: the diagnosis" has "DNSSEC: The signatures (DNSSEC) of the zone sig-alt.de have expired."
check "expired, English: contact the provider" has "Contact your domain provider"
# shellcheck disable=SC2046
run check sig-alt.de $(both) --json
check "expired, JSON: dnssec-error row" json "s=d['servers']; assert s[3]['state'] == 'dnssec-error' and s[3]['dnssec'] is None, s[3]"
check "expired, JSON: the CD answer is not believed" json "assert d['servers'][3]['record'] is None, d['servers'][3]"
check "expired, JSON: expired per name server" json "assert [r['dnssec'] for r in d['servers'][:2]] == ['expired', 'expired'], d['servers']"
check "expired, JSON: pending" json "assert d['verdict'] == 'pending', d['verdict']"

# Only the validator, as the system resolver: the zone is still found
# (checking disabled), the row is DNSSEC-Fehler, check_host() fails.
run check sig-alt.de --resolver "$VRES" --json
check "validator only: the zone found" json "assert d['failure'] == 'ok' and d['zone'] == 'sig-alt.de', d['failure']"
check "validator only: dnssec-error" json "assert d['servers'][2]['state'] == 'dnssec-error', d['servers'][2]"
check "validator only: check_host() does not pass" json "assert d['check_host']['ipv4'] != 'pass', d['check_host']"

# The validator fails the zone itself (SOA and NS): with the plain resolver
# first, the zone is found as it is and the TXT signatures are valid; with
# only the validator, the zone is found by asking again with CD, and then
# no row says "valid": those servers come from answers nobody validated.
check "lab: the validator fails sig-soa.de's SOA" test "$(vstatus "$VRES" sig-soa.de SOA)" = SERVFAIL
run check sig-soa.de --resolver "$RES" --json
check "SOA broken, plain resolver: valid" json "assert [r['dnssec'] for r in d['servers'][:2]] == ['valid', 'valid'], d['servers']"
run check sig-soa.de --resolver "$VRES" --json
check "SOA broken, validator only: the zone found with CD" json "assert d['failure'] == 'ok' and d['zone'] == 'sig-soa.de', d['failure']"
check "SOA broken, validator only: no row valid" json "assert [r['dnssec'] for r in d['servers'][:2]] == [None, None], d['servers']"

# TXT without signature in a signed zone: missing.
# shellcheck disable=SC2046
run check sig-fehlt.de $(both)
check "missing: exit 1" test "$status" -eq 1
check "missing: per name server" bash -c 'grep -cE "^ns[12]\.sig-fehlt\.de .*DNSSEC fehlt" <<<"$1" | grep -qx 2' _ "$out"
check "missing: the validator's row" has "DNSSEC-Fehler"
check "missing: the diagnosis" has "DNSSEC: Die Zone sig-fehlt.de ist signiert, aber der SPF-Eintrag nicht."
# shellcheck disable=SC2046
run check sig-fehlt.de $(both) --json
check "missing, JSON" json "assert [r['dnssec'] for r in d['servers'][:2]] == ['missing', 'missing'], d['servers']"

# One server with a broken signature: ns1 valid, ns2 invalid.
# shellcheck disable=SC2046
run check sig-kaputt.de $(both)
check "invalid: exit 1" test "$status" -eq 1
check "invalid: ns1 valid" bash -c 'grep -qE "^ns1\.sig-kaputt\.de .*DNSSEC gültig" <<<"$1"' _ "$out"
check "invalid: ns2 invalid" bash -c 'grep -qE "^ns2\.sig-kaputt\.de .*DNSSEC ungültig" <<<"$1"' _ "$out"
check "invalid: the diagnosis" has "DNSSEC: Die Signatur des SPF-Eintrags ist ungültig"
run_en check sig-kaputt.de --resolver "$RES"
check "invalid, English" has "DNSSEC invalid"
# shellcheck disable=SC2046
run check sig-kaputt.de $(both) --json
check "invalid, JSON" json "assert [r['dnssec'] for r in d['servers'][:2]] == ['valid', 'invalid'], d['servers']"

# Unsigned: nothing special; no DNSSEC column in the text.
# shellcheck disable=SC2046
run check sig-ohne.de $(both)
check "unsigned: exit 0" test "$status" -eq 0
check "unsigned: no DNSSEC column" hasnt "DNSSEC"
# shellcheck disable=SC2046
run check sig-ohne.de $(both) --json
check "unsigned, JSON" json "assert [r['dnssec'] for r in d['servers']] == ['unsigned', 'unsigned', None, None], d['servers']"

# show on a signed zone: as on any other (it asks nothing of DNSSEC).
run show sig-gut.de --resolver "$RES"
check "show: nothing to do on a signed zone" has "Flicono ist schon berechtigt, für sig-gut.de zu senden."
finish
