#!/usr/bin/env bash
# TCP fallback: a TXT of 1440 bytes (6 strings) does not fit into 1232
# bytes of EDNS0 UDP; one of 600 bytes fits with EDNS but not into 512
# bytes without. The data must arrive byte-exact.
# shellcheck source=tests/dns/lab-common.sh
. "$(dirname "$0")/lab-common.sh"

# The zone's strings: "teilN:" then 0-9a-z repeated, cut to LEN bytes.
part() {
  local s="teil$1:" pat=0123456789abcdefghijklmnopqrstuvwxyz
  while [ ${#s} -lt "$2" ]; do s+=$pat; done
  printf '%s' "${s:0:$2}"
}
gross=$(for n in 1 2 3 4 5 6; do part $n 240; done)
mittel=$(for n in 1 2 3; do part $n 200; done)

out=$(probe --no-ttl batch "$NS1" gross.beispiel-firma.de TXT "$NS2" mittel.beispiel-firma.de TXT)
expect "authoritative, EDNS: 1440 bytes over TCP, 600 over UDP" <<E
#0 $NS1 gross.beispiel-firma.de TXT state=answered rcode=0 aa=1 tcp=1 dropped=0
  status=ok count=1
  TXT strings=6 len=1440 "$gross"
#1 $NS2 mittel.beispiel-firma.de TXT state=answered rcode=0 aa=1 tcp=0 dropped=0
  status=ok count=1
  TXT strings=3 len=600 "$mittel"
E

out=$(probe --no-ttl --no-edns batch "$NS2" mittel.beispiel-firma.de TXT)
expect "authoritative, no EDNS: 600 bytes over TCP" <<E
#0 $NS2 mittel.beispiel-firma.de TXT state=answered rcode=0 aa=1 tcp=1 dropped=0
  status=ok count=1
  TXT strings=3 len=600 "$mittel"
E

out=$(probe --no-ttl --rd batch "$RES" gross.beispiel-firma.de TXT)
expect "resolver: 1440 bytes over TCP" <<E
#0 $RES gross.beispiel-firma.de TXT state=answered rcode=0 aa=0 tcp=1 dropped=0
  status=ok count=1
  TXT strings=6 len=1440 "$gross"
E

# A 16 KiB RRset: 64 records of 255 bytes, byte-exact, from a name server
# and through the resolver (the order of an RRset is not fixed: sorted).
riesig() {
  local n s pat=0123456789abcdefghijklmnopqrstuvwxyz
  for n in $(seq -w 1 64); do
    s="r$n:"
    while [ ${#s} -lt 255 ]; do s+=$pat; done
    printf '  TXT strings=1 len=255 "%s"\n' "${s:0:255}"
  done
}
for server in "$NS1" "$RES"; do
  flags=()
  [ "$server" = "$RES" ] && flags=(--rd)
  out=$(probe --no-ttl "${flags[@]}" batch "$server" riesig.beispiel-firma.de TXT)
  check "16 KiB RRset from $server: 64 records over TCP" \
    grep -q "state=answered rcode=0 .*tcp=1 dropped=0" <<<"$out"
  check "16 KiB RRset from $server: count" grep -q "status=ok count=64" <<<"$out"
  check "16 KiB RRset from $server: byte-exact" \
    diff <(grep '^  TXT' <<<"$out" | sort) <(riesig | sort)
done

out=$(probe --no-ttl lookup "$RES" gross.beispiel-firma.de TXT)
expect "seam: 1440 bytes" <<E
status=ok count=1
  TXT strings=6 len=1440 "$gross"
E
finish
