#!/usr/bin/env bash
# flush-cache.sh UNBOUND_CONF ZONE: empties the bench resolver's cache for
# ZONE (records, messages) and what it learnt about the name servers
# (RTTs, lameness): the next query runs cold. hyperfine's --prepare.
set -euo pipefail
conf=$1 zone=$2
for cmd in "flush_zone $zone" "flush_infra all" "flush_requestlist"; do
  # shellcheck disable=SC2086
  unbound-control -c "$conf" $cmd >/dev/null
done
