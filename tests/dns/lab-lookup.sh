#!/usr/bin/env bash
# Lookups through the seam (dns_resolver.c) against the lab's unbound:
# TXT, A over a CNAME chain, AAAA, MX, PTR, IDN zone, include chain; the
# next resolver is asked when one refuses, is silent or answers SERVFAIL.
# shellcheck source=tests/dns/lab-common.sh
. "$(dirname "$0")/lab-common.sh"

out=$(probe --no-ttl lookup "$RES" beispiel-firma.de TXT)
expect "TXT with an existing SPF record" <<'E'
status=ok count=2
  TXT strings=1 len=14 "v=spf1 mx ~all"
  TXT strings=1 len=31 "google-site-verification=abc123"
E

out=$(probe lookup "$RES" beispiel-firma.de TXT)
check "TTLs counted down by the cache, at most the zone's" \
  awk 'NR == 1 { split($3, t, "="); exit !(t[2] > 0 && t[2] <= 3600) }' <<<"$out"

out=$(probe --no-ttl lookup "$RES" www.beispiel-firma.de A)
expect "A at the end of a CNAME chain" <<'E'
status=ok count=1
  A 192.0.2.80
E

out=$(probe --no-ttl lookup "$RES" hop1.beispiel-firma.de A)
expect "A at the end of a chain of 9 CNAMEs, through the resolver" <<'E'
status=ok count=1
  A 192.0.2.80
E
out=$(probe --no-ttl batch "$NS1" hop1.beispiel-firma.de A)
check "a chain of 9 CNAMEs, from the name server itself" grep -qx "  A 192.0.2.80" <<<"$out"

out=$(probe --no-ttl lookup "$RES" mx.beispiel-firma.de AAAA)
expect "AAAA" <<'E'
status=ok count=1
  AAAA 2001:db8::25
E

out=$(probe --no-ttl lookup "$RES" Beispiel-Firma.DE MX)
expect "MX, name in other case" <<'E'
status=ok count=2
  MX 10 mx.beispiel-firma.de
  MX 20 mx2.beispiel-firma.de
E

out=$(probe --no-ttl lookup "$RES" zeiger.beispiel-firma.de PTR)
expect "PTR" <<'E'
status=ok count=1
  PTR "host.beispiel-firma.de"
E

out=$(probe --no-ttl lookup "$RES" binaer.beispiel-firma.de TXT)
expect "TXT with a NUL byte" <<'E'
status=ok count=1
  TXT strings=1 len=3 "a\x00b"
E

out=$(probe --no-ttl lookup "$RES" geteilt.beispiel-firma.de TXT)
expect "TXT of two strings, joined" <<'E'
status=ok count=1
  TXT strings=2 len=25 "v=spf1 ip4:192.0.2.1 -all"
E

out=$(for n in kette.de _spf.kette.de _spf2.kette.de; do probe --no-ttl lookup "$RES" $n TXT; done)
expect "include chain" <<'E'
status=ok count=1
  TXT strings=1 len=33 "v=spf1 include:_spf.kette.de -all"
status=ok count=1
  TXT strings=1 len=49 "v=spf1 include:_spf2.kette.de ip4:192.0.2.10 ~all"
status=ok count=1
  TXT strings=1 len=43 "v=spf1 ip4:192.0.2.11 ip6:2001:db8::11 -all"
E

out=$(probe --no-ttl lookup "$RES" xn--mller-bau-q9a.de TXT)
expect "IDN zone as A-label" <<'E'
status=ok count=1
  TXT strings=1 len=16 "v=spf1 mx a ~all"
E

out=$(probe --no-ttl lookup "$RES" a..beispiel-firma.de TXT)
expect "empty label: BADNAME" <<'E'
status=badname count=0
E

# Fallback: a closed port, then unbound.
out=$(probe --no-ttl --timeout 1000 lookup "127.$NET.2:54,$RES" kette.de MX)
expect "closed port, next resolver" <<'E'
status=ok count=1
  MX 10 mx.kette.de
E

# Fallback: a silent server (times out), then unbound.
start_fake silent "127.$NET.4"
out=$(probe --no-ttl --timeout 600 lookup "127.$NET.4,$RES" kette.de MX)
expect "silent resolver, next resolver" <<'E'
status=ok count=1
  MX 10 mx.kette.de
E

out=$(probe --no-ttl --timeout 600 lookup "127.$NET.4" kette.de MX)
expect "only a silent resolver: TIMEOUT" <<'E'
status=timeout count=0
E

# Fallback: unbound refuses names outside the lab (REFUSED → next) and an
# NSD is no resolver for them either: when none answers usefully, the seam
# says REFUSED ("abgelehnt"), not a server failure or a time-out.
out=$(probe --no-ttl lookup "$RES,$NS1" example.com A)
expect "REFUSED everywhere: REFUSED" <<'E'
status=refused count=0
E

# A resolver that answers SERVFAIL (a CNAME loop) is passed over; NSD, asked
# with RD, answers from its zone with the loop, which we detect ourselves.
out=$(probe --no-ttl lookup "$RES" schleife.beispiel-firma.de A)
expect "CNAME loop: SERVFAIL" <<'E'
status=servfail count=0
E
finish
