#!/usr/bin/env bash
# demo.sh BIN [ADDRESS] — the whole wizard without internet: the DNS lab on
# loopback (tests/lab/lab.sh, zones from tests/e2e/zones: the lab's domains
# with 30-second TTLs, so a resolver's cached old answer expires while you
# watch), the wizard asking only the lab's unbound, and a stand-in for the
# domain provider: once the wizard reaches the check, the shown record is
# published on the first name server after a few seconds and on the second
# a little later. Everything started here is stopped on exit, and all of
# it runs in a network namespace of its own (tests/lib/netns.sh): the
# machine's resolver and port 53 stay untouched. Run by `./dev demo`; needs
# root. Scratch files go under $TMPDIR (default /tmp).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/lib/netns.sh
. "$here/../lib/netns.sh"

bin=${1:?usage: demo.sh BIN [ADDRESS]}
shift
lab_sh=$here/../lab/lab.sh
zones=$here/zones
NET=53.90
work=$(mktemp -d "${TMPDIR:-/tmp}/demo.XXXXXX")
state=$work/state
provider=

stop_all() {
  local rc=$?
  if [ -n "$provider" ]; then
    kill "$provider" 2>/dev/null || true
    wait "$provider" 2>/dev/null || true
  fi
  "$lab_sh" stop "$work/lab" >/dev/null 2>&1 || true
  rm -rf "$work"
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ ! -t 0 ] || [ ! -t 1 ]; then
  echo "demo: needs a terminal" >&2
  exit 69
fi

echo "Demo: DNS-Labor wird gestartet (nur auf 127.*, nichts verlässt diesen Rechner) …"
if ! "$lab_sh" start "$work/lab" "$NET" "$zones"; then
  echo "demo: das DNS-Labor startet nicht" >&2
  exit 1
fi
RES=127.$NET.1

# The record the wizard shows for a lab zone: Flicono's terms before the
# final all of an existing record (its qualifier kept), else the template.
published_zone() {
  local zone=$1 out=$2 terms="ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2"
  if grep -q '"v=spf1 ' "$zones/$zone.zone"; then
    sed -E "/\"v=spf1 /s/ ([-~?+]?all)\"/ $terms \\1\"/" "$zones/$zone.zone" >"$out"
  else
    cp "$zones/$zone.zone" "$out"
    printf '@ IN TXT "v=spf1 mx %s -all"\n' "$terms" >>"$out"
  fi
}

# The provider: waits for a domain to appear among the open checks (the
# wizard writes it when it reaches the check), then publishes.
play_provider() {
  local file=$state/flicono-mailsetup/open-checks done="" domain
  while :; do
    sleep 1
    [ -f "$file" ] || continue
    domain=$(awk -F '\t' 'NR > 1 { print $1; exit }' "$file")
    [ -n "$domain" ] && [ -f "$zones/$domain.zone" ] || continue
    case " $done " in *" $domain "*) continue ;; esac
    done+=" $domain"
    published_zone "$domain" "$work/$domain.neu"
    sleep 5
    "$lab_sh" set "$work/lab" ns1 "$domain" "$work/$domain.neu" >>"$work/provider.log" 2>&1
    sleep 10
    "$lab_sh" set "$work/lab" ns2 "$domain" "$work/$domain.neu" >>"$work/provider.log" 2>&1
  done
}
play_provider &
provider=$!

cat <<EOT

Probieren Sie diese Adressen (alle im Labor):
  info@beispiel-firma.de   hat schon einen SPF-Eintrag (v=spf1 mx ~all): er wird ergänzt
  info@ohne-spf.de         hat noch keinen SPF-Eintrag
  info@müller-bau.de       Umlaut-Domain
  info@gmx.de              Freemail: Alias-Funktion
  boese.de                 ein Eintrag mit Steuerzeichen
Sobald der Assistent bei der Prüfung ist, trägt die Demo den Eintrag ein:
nach 5 s beim ersten Namensserver, 10 s später beim zweiten.

EOT
read -r -p "Enter startet den Assistenten … " _
status=0
env XDG_STATE_HOME="$state" "$bin" --resolver "$RES" "$@" || status=$?
echo "Demo beendet (Labor gestoppt)."
exit "$status"
