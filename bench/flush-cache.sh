#!/usr/bin/env bash
# flush-cache.sh UNBOUND_CONF ZONE…: empties the bench resolver's cache for
# each ZONE (records, messages) and what it learnt about the name servers
# (RTTs, lameness): the next query runs cold. hyperfine's --prepare.
set -euo pipefail
conf=$1
shift
cmds=()
for zone in "$@"; do cmds+=("flush_zone $zone"); done
for cmd in "${cmds[@]}" "flush_infra all" "flush_requestlist"; do
  # shellcheck disable=SC2086
  unbound-control -c "$conf" $cmd >/dev/null
done
