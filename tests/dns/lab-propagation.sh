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

# A template without @SERIAL@ (a fixed serial instead, and another record) is
# refused with its reason, and the served zone is unchanged.
sed -e 's/@SERIAL@/99/g' -e 's/"v=spf1 mx ip4:[^"]*"/"v=spf1 -all"/' "$WORK/neu.zone" >"$WORK/kaputt.zone"
status=0
"$LAB_SH" set "$WORK/lab" ns1 beispiel-firma.de "$WORK/kaputt.zone" 2>"$WORK/err" || status=$?
check "lab.sh set refuses a template without @SERIAL@: exit 1" test "$status" -eq 1
check "lab.sh set names the reason" grep -qF "kaputt.zone: no @SERIAL@ placeholder" "$WORK/err"
spf
expect "after the refusal: both still serve serial 2 and the new record" <<E
#0 $NS1 beispiel-firma.de TXT state=answered rcode=0 aa=1 tcp=0 dropped=0
  TXT strings=1 len=59 "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"
#1 $NS2 beispiel-firma.de TXT state=answered rcode=0 aa=1 tcp=0 dropped=0
  TXT strings=1 len=59 "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 ~all"
#2 $NS1 beispiel-firma.de SOA state=answered rcode=0 aa=1 tcp=0 dropped=0
  SOA "ns1.beispiel-firma.de hostmaster.beispiel-firma.de 2 3600 900 604800 300"
#3 $NS2 beispiel-firma.de SOA state=answered rcode=0 aa=1 tcp=0 dropped=0
  SOA "ns1.beispiel-firma.de hostmaster.beispiel-firma.de 2 3600 900 604800 300"
E
finish
