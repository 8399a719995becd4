#!/usr/bin/env bash
# valgrind memcheck over show, check and spf against the DNS lab: no invalid
# access, no uninitialised value, 0 bytes definitely lost.
: "${BIN:?}"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8
if ! command -v valgrind >/dev/null; then
  echo "SKIP: valgrind missing (./dev test installs it)"
  exit 77
fi

memcheck() {
  local name=$1 status=0
  shift
  valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
    --log-file="$WORK/vg.log" "$BIN" "$@" --resolver "$RES" >/dev/null 2>&1 || status=$?
  if [ "$status" -eq 99 ]; then
    echo "not ok - $name: valgrind found errors"
    cat "$WORK/vg.log"
    failures=$((failures + 1))
  else
    echo "ok - $name (exit $status)"
  fi
}

memcheck "show, merged" show beispiel-firma.de
memcheck "show, fields" show ohne-spf.de --format fields --no-ttl
memcheck "check" check beispiel-firma.de
memcheck "check --json" check kette.de --json
memcheck "spf --trace" spf --trace 192.0.2.11 kette.de
memcheck "spf, umlaut domain" spf 192.0.2.1 müller-bau.de
memcheck "usage error" show a..b
finish
