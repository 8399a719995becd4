#!/usr/bin/env bash
# 100 propagation rounds in one process (what `check --watch` and the wizard
# do): file descriptors return to their baseline, RSS grows by under 1 MiB,
# and every round reaches the same verdict.
: "${ROUND_LEAK:?}" "${PROFILE:?}"
source "$(dirname "$0")/lab-common.sh"
status=0
out=$("$ROUND_LEAK" "$RES" beispiel-firma.de 100 "$PROFILE") || status=$?
echo "$out"
check "100 rounds: no descriptor left open, RSS growth < 1 MiB" test "$status" -eq 0
check "100 rounds: the same verdict each time" grep -qx "verdicts propagated=0 pending=0 wrong=100 unknown=0" <<<"$out"
finish
