#!/usr/bin/env bash
# NXDOMAIN versus NODATA, with the negative caching time min(SOA TTL,
# SOA MINIMUM) (RFC 2308 5): exact from the authoritative servers, at most
# that from unbound's cache. REFUSED and SERVFAIL rcodes.
# shellcheck source=tests/dns/lab-common.sh
. "$(dirname "$0")/lab-common.sh"

# beispiel-firma.de: SOA TTL 3600, MINIMUM 300 → 300.
# ohne-spf.de:       SOA TTL 120,  MINIMUM 900 → 120.
out=$(probe batch "$NS1" nix.beispiel-firma.de TXT "$NS1" leer.beispiel-firma.de TXT \
  "$NS2" gibtsnicht.ohne-spf.de TXT "$NS2" ohne-spf.de AAAA)
expect "authoritative: NXDOMAIN and NODATA with SOA minimum" <<E
#0 $NS1 nix.beispiel-firma.de TXT state=answered rcode=3 aa=1 tcp=0 dropped=0
  status=nxdomain count=0 ttl=300
#1 $NS1 leer.beispiel-firma.de TXT state=answered rcode=0 aa=1 tcp=0 dropped=0
  status=nodata count=0 ttl=300
#2 $NS2 gibtsnicht.ohne-spf.de TXT state=answered rcode=3 aa=1 tcp=0 dropped=0
  status=nxdomain count=0 ttl=120
#3 $NS2 ohne-spf.de AAAA state=answered rcode=0 aa=1 tcp=0 dropped=0
  status=nodata count=0 ttl=120
E

# Through unbound (seam): same statuses; the TTL at most the zone's.
# negative NAME TYPE STATUS MAXTTL
negative() {
  out=$(probe lookup "$RES" "$1" "$2")
  check "resolver: $1 $2 is $3, 0 < ttl <= $4" \
    awk -v s="status=$3" -v max="$4" \
    'NR == 1 { split($3, t, "="); ok = ($1 == s && $2 == "count=0" && t[2] > 0 && t[2] <= max) }
     END { exit !(ok && NR == 1) }' <<<"$out"
}
negative nix.beispiel-firma.de TXT nxdomain 300
negative leer.beispiel-firma.de TXT nodata 300
negative gibtsnicht.ohne-spf.de TXT nxdomain 120
negative ohne-spf.de AAAA nodata 120
negative ohne-spf.de SPF nodata 120

# A name outside the lab: unbound refuses it (local-zone "." refuse, which
# unbound answers as authoritative).
out=$(probe --rd batch "$RES" example.com TXT)
expect "REFUSED outside the lab" <<E
#0 $RES example.com TXT state=answered rcode=5 aa=1 tcp=0 dropped=0
  status=servfail count=0 ttl=0
E

# NSD asked for a zone it does not serve: REFUSED, not authoritative.
out=$(probe batch "$NS1" example.com TXT)
expect "NSD outside its zones" <<E
#0 $NS1 example.com TXT state=answered rcode=5 aa=0 tcp=0 dropped=0
  status=servfail count=0 ttl=0
E
finish
