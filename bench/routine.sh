#!/usr/bin/env bash
# routine.sh DOMAIN RESOLVER SERVERS — what support staff do by hand today to
# see whether a record has arrived: drill the NS records at the resolver,
# drill each name server, drill the resolver, then spfquery, one after the
# other; checks each answer like a careful person would and exits 1 when one
# is not what it should be. SERVERS: how many name servers the zone has.
# spfquery and `drill @NAME` use /etc/resolv.conf: bench.sh runs this in a
# mount namespace where that file names the lab's resolver.
set -euo pipefail
domain=$1 resolver=$2 want=$3
record='"v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all"'
fail() { echo "routine: $*" >&2; exit 1; }

mapfile -t servers < <(drill -Q @"$resolver" "$domain" NS)
[ "${#servers[@]}" -eq "$want" ] || fail "$domain: ${#servers[@]} NS records, not $want"
for ns in "${servers[@]}"; do
  txt=$(drill -Q @"$ns" "$domain" TXT)
  [ "$txt" = "$record" ] || fail "$ns serves: $txt"
done
txt=$(drill -Q @"$resolver" "$domain" TXT)
[ "$txt" = "$record" ] || fail "the resolver serves: $txt"
# spfquery's exit status is the result's code (2 for pass): the word counts.
result=$(spfquery.libspf2 -ip 148.251.195.107 -sender "postmaster@$domain" -helo "$domain" || true)
result=${result%%$'\n'*}
[ "$result" = pass ] || fail "spfquery: $result"
echo "routine: $domain: ${#servers[@]} name servers and the resolver serve the record; spfquery: pass"
