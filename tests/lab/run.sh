#!/usr/bin/env bash
# run.sh BINDIR [COMMAND [ARGS…]] — `./dev lab`: the DNS lab with the
# wizard's zones (tests/e2e/zones, as in `./dev demo`) in a network namespace
# of its own (tests/lib/netns.sh), and COMMAND in there (default: an
# interactive bash), with BINDIR first on PATH and
# FLICONO_MAILSETUP_RESOLV_CONF naming the lab's resolver: show, check and
# spf ask the lab without --resolver, and nothing in there can reach the
# machine's resolver (the namespace has only lo). The lab stops when COMMAND
# ends. Exit status: COMMAND's; 1 when the lab does not start or stop, 64 on
# a usage error. What the lab offers goes to stderr; scratch files under
# $TMPDIR (default /tmp).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/lib/netns.sh
. "$here/../lib/netns.sh"

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "Aufruf: run.sh BINDIR [BEFEHL [ARGUMENTE…]] (BINDIR: ein Verzeichnis, etwa build/src)" >&2
  exit 64
fi
bindir=$(cd "$1" && pwd)
shift
lab_sh=$here/lab.sh
zones=$here/../e2e/zones
NET=53.90
work=$(mktemp -d "${TMPDIR:-/tmp}/lab.XXXXXX")

stop_lab() {
  local rc=$?
  if ! "$lab_sh" stop "$work/lab"; then
    echo "lab: das DNS-Labor lässt sich nicht ganz anhalten" >&2
    [ "$rc" -ne 0 ] || rc=1
  fi
  rm -rf "$work"
  exit "$rc"
}
trap stop_lab EXIT
trap 'exit 143' TERM

if ! "$lab_sh" start "$work/lab" "$NET" "$zones"; then
  echo "lab: das DNS-Labor startet nicht" >&2
  exit 1
fi
printf '# das DNS-Labor (tests/lab/run.sh)\nnameserver 127.%s.1\n' "$NET" >"$work/resolv.conf"

# unicode NAME: the Unicode form of an IDNA name, when python3 can tell.
unicode() { python3 -c 'import sys; print(sys.argv[1].encode().decode("idna"))' "$1" 2>/dev/null || echo "$1"; }

# spf_of ZONEFILE: what the zone publishes as SPF at its apex.
spf_of() {
  local records n
  records=$(sed -nE 's/^@[^"]*IN +TXT +"(v=spf1( [^"]*)?)"$/\1/p' "$1")
  n=$(grep -c . <<<"$records" || true)
  case $n in
    0) echo "kein SPF-Eintrag" ;;
    1) echo "$records" ;;
    *) echo "$n SPF-Einträge (permerror)" ;;
  esac
}

info() {
  local f name
  echo "DNS-Labor läuft, in einem eigenen Netz-Namensraum (nur 127.*; der Resolver"
  echo "dieses Rechners ist von hier aus nicht erreichbar):"
  echo "  Resolver:      127.$NET.1 (unbound; steht in FLICONO_MAILSETUP_RESOLV_CONF)"
  echo "  Namensserver:  127.$NET.2 (ns1), 127.$NET.3 (ns2)"
  echo "Domains im Labor:"
  for f in "$zones"/*.zone; do
    name=$(unicode "$(basename "$f" .zone)")
    # padded by characters, not bytes (müller-bau.de)
    printf '  info@%s%*s %s\n' "$name" $((22 - ${#name})) "" "$(spf_of "$f")"
  done
  echo "Zum Beispiel:"
  echo "  flicono-mailsetup show info@beispiel-firma.de"
  echo "  flicono-mailsetup check info@beispiel-firma.de"
  echo "  flicono-mailsetup spf 192.0.2.25 info@beispiel-firma.de"
  if [ $# -eq 0 ]; then echo "Die Shell beenden (exit) hält das Labor an."; fi
}
info "$@" >&2

export PATH="$bindir:$PATH"
export FLICONO_MAILSETUP_RESOLV_CONF=$work/resolv.conf
status=0
if [ $# -eq 0 ]; then
  # Not exec: the lab is stopped when the shell ends.
  bash -i || status=$?
else
  "$@" || status=$?
fi
exit "$status"
