#!/usr/bin/env bash
# A changed record on one of the two authoritative servers (lab.sh set):
# asked directly, the servers disagree until the other one follows. This is
# what the propagation check builds on.
# shellcheck source=tests/dns/lab-common.sh
. "$(dirname "$0")/lab-common.sh"

sed 's/"v=spf1 mx ~all"/"v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"/' \
  "$LAB_ZONES/beispiel-firma.de.zone" >"$WORK/neu.zone"

spf() {
  out=$(probe --no-ttl batch "$NS1" beispiel-firma.de TXT "$NS2" beispiel-firma.de TXT \
    "$NS1" beispiel-firma.de SOA "$NS2" beispiel-firma.de SOA | grep -E '^#|v=spf1|SOA "')
}

"$LAB_SH" set "$WORK/lab" ns1 beispiel-firma.de "$WORK/neu.zone"
spf
expect "ns1 new, ns2 old" <<E
#0 $NS1 beispiel-firma.de TXT state=answered rcode=0 aa=1 tcp=0 dropped=0
  TXT strings=1 len=59 "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"
#1 $NS2 beispiel-firma.de TXT state=answered rcode=0 aa=1 tcp=0 dropped=0
  TXT strings=1 len=14 "v=spf1 mx ~all"
#2 $NS1 beispiel-firma.de SOA state=answered rcode=0 aa=1 tcp=0 dropped=0
  SOA "ns1.beispiel-firma.de hostmaster.beispiel-firma.de 2 3600 900 604800 300"
#3 $NS2 beispiel-firma.de SOA state=answered rcode=0 aa=1 tcp=0 dropped=0
  SOA "ns1.beispiel-firma.de hostmaster.beispiel-firma.de 1 3600 900 604800 300"
E

"$LAB_SH" set "$WORK/lab" ns2 beispiel-firma.de "$WORK/neu.zone"
spf
expect "both new" <<E
#0 $NS1 beispiel-firma.de TXT state=answered rcode=0 aa=1 tcp=0 dropped=0
  TXT strings=1 len=59 "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"
#1 $NS2 beispiel-firma.de TXT state=answered rcode=0 aa=1 tcp=0 dropped=0
  TXT strings=1 len=59 "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"
#2 $NS1 beispiel-firma.de SOA state=answered rcode=0 aa=1 tcp=0 dropped=0
  SOA "ns1.beispiel-firma.de hostmaster.beispiel-firma.de 2 3600 900 604800 300"
#3 $NS2 beispiel-firma.de SOA state=answered rcode=0 aa=1 tcp=0 dropped=0
  SOA "ns1.beispiel-firma.de hostmaster.beispiel-firma.de 2 3600 900 604800 300"
E

# A template without @SERIAL@ is refused, and the served zone is unchanged.
grep -v '@SERIAL@' "$WORK/neu.zone" >"$WORK/kaputt.zone" || true
check "lab.sh set refuses a template without @SERIAL@" \
  bash -c '! "$1" set "$2" ns1 beispiel-firma.de "$3" 2>/dev/null' _ "$LAB_SH" "$WORK/lab" "$WORK/kaputt.zone"
finish
