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
# Each nm into a file of its own: a failing nm stops the script (set -e),
# which a pipe would hide.
"$nm" -u "$ldns" >"$tmp/u"
"$nm" -g --defined-only "$ldns" >"$tmp/d"
"$nm" -g --defined-only "$crypto" "$ssl" >"$tmp/o"
awk 'NF >= 2 { print $NF }' "$tmp/u" | sort -u >"$tmp/wanted"
awk 'NF == 3 { print $3 }' "$tmp/d" | sort -u >"$tmp/own"
awk 'NF == 3 { print $3 }' "$tmp/o" | sort -u >"$tmp/openssl"
comm -23 "$tmp/wanted" "$tmp/own" | comm -12 - "$tmp/openssl" >"$tmp/stubs"
[ -s "$tmp/stubs" ] || { echo "openssl-stubs.sh: libldns.a refers to no OpenSSL function?" >&2; exit 1; }
{
  echo "/* Made by src/dns/openssl-stubs.sh from $(basename "$ldns"): do not edit. */"
  echo '#include "openssl_stub.h"'
  sed 's/.*/OPENSSL_STUB(&)/' "$tmp/stubs"
} >"$out.tmp"
mv "$out.tmp" "$out"
