#!/bin/sh
# openssl-stubs.sh NM LIBLDNS.A LIBCRYPTO.A LIBSSL.A OUT.c — writes one
# OPENSSL_STUB() for every function libldns.a takes from libcrypto or
# libssl (referred to in libldns.a, defined in neither libldns.a but in one
# of the two), so that the static program links without OpenSSL
# (src/dns/openssl_stub.h says why).
set -eu
nm=$1 ldns=$2 crypto=$3 ssl=$4 out=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$nm" -u "$ldns" 2>/dev/null | awk 'NF >= 2 { print $NF }' | sort -u >"$tmp/wanted"
"$nm" -g --defined-only "$ldns" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/own"
"$nm" -g --defined-only "$crypto" "$ssl" 2>/dev/null | awk 'NF == 3 { print $3 }' |
  sort -u >"$tmp/openssl"
comm -23 "$tmp/wanted" "$tmp/own" | comm -12 - "$tmp/openssl" >"$tmp/stubs"
[ -s "$tmp/stubs" ] || { echo "openssl-stubs.sh: libldns.a refers to no OpenSSL function?" >&2; exit 1; }
{
  echo "/* Made by src/dns/openssl-stubs.sh from $(basename "$ldns"): do not edit. */"
  echo '#include "openssl_stub.h"'
  sed 's/.*/OPENSSL_STUB(&)/' "$tmp/stubs"
} >"$out.tmp"
mv "$out.tmp" "$out"
