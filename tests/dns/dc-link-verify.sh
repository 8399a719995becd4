#!/bin/bash
# dc-link-verify.sh — the apply link built from the fixed test key
# (dc-link-probe) carries a signature that openssl verifies independently
# against the public key: the query string is taken from the link as sent,
# sig is URL-decoded and base64-decoded, and
#   openssl dgst -sha256 -verify PUB -signature SIG QUERY
# must say "Verified OK"; with one byte of the query changed it must not.
# Environment: DC_LINK_PROBE (the probe), DC_TEST_DATA (tests/dns/data).
set -u
probe=${DC_LINK_PROBE:?}
data=${DC_TEST_DATA:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }

# A fresh clone gives the key mode 0644, which dc_sign refuses: a copy.
install -m 0600 "$data/dc-test-key.pem" "$tmp/key.pem"
pub=$data/dc-test-pub.pem

# urldecode TEXT: %HH sequences to bytes (the link encodes nothing else).
urldecode() {
  local s=${1//\\/\\\\}
  printf '%b' "${s//%/\\x}"
}

# check SYNC_UX ZONE HOST EXPECTED_QUERY
check() {
  local base=$1 zone=$2 host=$3 want=$4 link rest query sig key
  link=$("$probe" "$tmp/key.pem" _dck1 "$base" flicono.net spf "$zone" $host) ||
    { fail "$zone $host: the probe failed"; return; }
  local prefix="${base%/}/v2/domainTemplates/providers/flicono.net/services/spf/apply?"
  [[ $link == "$prefix"* ]] || { fail "$zone $host: link $link does not start with $prefix"; return; }
  rest=${link#"$prefix"}
  # sig and key come last, in that order.
  query=${rest%%&sig=*}
  sig=${rest#*&sig=}
  sig=${sig%%&key=*}
  key=${rest##*&key=}
  [ "$query" = "$want" ] || fail "$zone $host: query '$query', expected '$want'"
  [ "$key" = "_dck1" ] || fail "$zone $host: key '$key'"
  [[ $sig =~ ^([A-Za-z0-9]|%2B|%2F|%3D)+$ ]] || fail "$zone $host: sig not percent-encoded: $sig"

  printf '%s' "$query" >"$tmp/query"
  urldecode "$sig" | base64 -d >"$tmp/sig" 2>/dev/null || { fail "$zone $host: sig is no base64"; return; }
  local out
  out=$(openssl dgst -sha256 -verify "$pub" -signature "$tmp/sig" "$tmp/query" 2>&1)
  [ "$out" = "Verified OK" ] || fail "$zone $host: openssl says: $out"

  # One byte of the query changed: the signature no longer fits.
  printf '%s' "${query:0:1}X${query:2}" >"$tmp/query2"
  if openssl dgst -sha256 -verify "$pub" -signature "$tmp/sig" "$tmp/query2" >/dev/null 2>&1; then
    fail "$zone $host: a changed query still verifies"
  fi
  printf 'ok: %s\n' "$link"
}

check https://dcc.example/manage example.de "" "domain=example.de"
check https://dcc.example/manage/ example.de @ "domain=example.de"
check https://dcc.example example.de mail "domain=example.de&host=mail"
check https://dcc.example xn--mller-kva.de news.letter "domain=xn--mller-kva.de&host=news.letter"

# The probe refuses a key others may read.
install -m 0644 "$data/dc-test-key.pem" "$tmp/open.pem"
if "$probe" "$tmp/open.pem" _dck1 https://dcc.example flicono.net spf example.de >/dev/null 2>&1; then
  fail "a key with mode 0644 signed a link"
fi

if [ "$failures" -ne 0 ]; then exit 1; fi
echo "dc-link-verify: every link verifies with openssl, and no changed one does"
