#!/usr/bin/env bash
# dnssec.sh — signed lab zones, made at test time (ldns-keygen and
# ldns-signzone from ldnsutils) in the test's scratch directory: no private
# key is ever committed.
#
#   dnssec.sh sign TEMPLATE OUT NET SERIAL KEYDIR valid|expired
#        fills TEMPLATE (ZONE.zone, as lab.sh does: @NS1@ @NS2@ @NS3@ for
#        127.NET.2/3/4, @SERIAL@ SERIAL), signs it with the zone's key in
#        KEYDIR (made on first use: one ECDSA P-256 key, RFC 8624's
#        recommendation, used as KSK and ZSK) and writes OUT, a template for
#        lab.sh again: the SOA serial is @SERIAL@ once more, so lab.sh must
#        fill in SERIAL (start fills 1; `set` the next one) or the SOA's
#        signature fails. valid: inception an hour ago, expiry in 7 days;
#        expired: inception 40 days ago, expiry 10 days ago — far beyond
#        any validator's clock skew allowance (unbound's val-sig-skew-max
#        is one day: an expiry yesterday was rejected only on a slow run).
#   dnssec.sh break FILE [TYPE]  alters the signature octets of every RRSIG over
#                           TYPE (TXT) in FILE (a signed zone or template): invalid
#   dnssec.sh strip FILE    removes every RRSIG over TXT in FILE: missing
#   dnssec.sh anchors KEYDIR OUT
#                           the DNSKEY records of KEYDIR's keys, as a trust
#                           anchor file for unbound (lab.sh validator)
#
# Exit status 0, 1 on failure (reason on stderr), 64 on a usage error.
set -euo pipefail

say() { printf 'dnssec.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
usage() {
  echo "usage: dnssec.sh sign TEMPLATE OUT NET SERIAL KEYDIR valid|expired | break FILE [TYPE] | strip FILE | anchors KEYDIR OUT" >&2
  exit 64
}

stamp() { date -u -d "@$1" +%Y%m%d%H%M%S; }

# key KEYDIR ZONE: the base name of ZONE's key (made when missing).
key() {
  local dir=$1 zone=$2 base
  mkdir -p "$dir"
  base=$(cd "$dir" && ls "K$zone.+013+"*.key 2>/dev/null | head -n 1)
  if [ -z "$base" ]; then
    base=$(cd "$dir" && ldns-keygen -a ECDSAP256SHA256 -k "$zone") || die "ldns-keygen failed for $zone"
    base=$base.key
  fi
  echo "$dir/${base%.key}"
}

cmd_sign() {
  local template=$1 out=$2 net=$3 serial=$4 keydir=$5 window=$6
  [ -f "$template" ] || die "no such template: $template"
  local zone now inception expiration
  zone=$(basename "$template" .zone)
  now=$(date +%s)
  case $window in
    valid) inception=$((now - 3600)) expiration=$((now + 7 * 86400)) ;;
    expired) inception=$((now - 40 * 86400)) expiration=$((now - 10 * 86400)) ;;
    *) usage ;;
  esac
  local base tmp
  base=$(key "$keydir" "$zone")
  tmp=$(mktemp "${out}.XXXXXX")
  sed -e "s/@NS1@/127.$net.2/g" -e "s/@NS2@/127.$net.3/g" -e "s/@NS3@/127.$net.4/g" \
    -e "s/@SERIAL@/$serial/g" "$template" >"$tmp"
  ldns-signzone -o "$zone." -i "$(stamp "$inception")" -e "$(stamp "$expiration")" \
    -f "$tmp.signed" "$tmp" "$base" || { rm -f "$tmp" "$tmp.signed"; die "ldns-signzone failed for $zone"; }
  # The SOA serial back to the placeholder (field 7: owner TTL IN SOA MNAME RNAME SERIAL …).
  awk 'BEGIN { OFS = "\t" } $4 == "SOA" && $7 ~ /^[0-9]+$/ { $7 = "@SERIAL@" } { print }' \
    "$tmp.signed" >"$out"
  rm -f "$tmp" "$tmp.signed"
  grep -q '@SERIAL@' "$out" || die "$out: no SOA serial to replace"
}

# RRSIG lines over TYPE (default TXT): owner TTL IN RRSIG TYPE … SIGNATURE
# (the last field).
cmd_break() {
  local file=$1 type=${2:-TXT}
  [ -f "$file" ] || die "no such file: $file"
  awk -v type="$type" 'BEGIN { OFS = "\t" }
    $4 == "RRSIG" && $5 == type {
      s = $NF
      c = substr(s, 11, 1)
      $NF = substr(s, 1, 10) (c == "A" ? "B" : "A") substr(s, 12)
      n++
    }
    { print }
    END { if (!n) exit 1 }' "$file" >"$file.tmp" || { rm -f "$file.tmp"; die "$file: no RRSIG over $type"; }
  mv -f "$file.tmp" "$file"
}

cmd_strip() {
  local file=$1
  [ -f "$file" ] || die "no such file: $file"
  awk '$4 == "RRSIG" && $5 == "TXT" { n++; next } { print } END { if (!n) exit 1 }' \
    "$file" >"$file.tmp" || { rm -f "$file.tmp"; die "$file: no RRSIG over TXT"; }
  mv -f "$file.tmp" "$file"
}

cmd_anchors() {
  local dir=$1 out=$2 f
  : >"$out"
  for f in "$dir"/K*.key; do
    [ -e "$f" ] || die "$dir: no keys"
    grep -v '^;' "$f" >>"$out"
  done
}

case ${1:-} in
  sign) [ $# -eq 7 ] || usage; cmd_sign "$2" "$3" "$4" "$5" "$6" "$7" ;;
  break) [ $# -eq 2 ] || [ $# -eq 3 ] || usage; cmd_break "$2" "${3:-TXT}" ;;
  strip) [ $# -eq 2 ] || usage; cmd_strip "$2" ;;
  anchors) [ $# -eq 3 ] || usage; cmd_anchors "$2" "$3" ;;
  *) usage ;;
esac
