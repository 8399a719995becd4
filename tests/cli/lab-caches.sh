#!/usr/bin/env bash
# The check never fills the caches it waits for. Before the customer
# publishes, show, note, the wizard's diagnosis (its model, WIZARD_MODEL)
# and check read firma.de's TXT from the name servers: the lab's resolver
# holds no TXT of firma.de afterwards (unbound-control dump_cache, lab.sh
# cache). So once both name servers serve the new record, the very next
# check is green — no cache makes it wait for the old answer's TTL. The
# worldwide bound: null before, then the moment both were first seen + the
# old answer's TTL (60 s in this zone), kept by the open check; a check that
# never saw the old answer says it is an estimate.
# BIN, WIZARD_MODEL. Argument: the lab's NET (127.NET.*).
: "${BIN:?}" "${WIZARD_MODEL:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")" && pwd)/zones"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8
zones=$LAB_ZONES
export XDG_STATE_HOME=$WORK/state
list=$XDG_STATE_HOME/flicono-mailsetup/open-checks
cached() { "$LAB_SH" cache "$WORK/lab" "$1" TXT; }

# An open check of firma.de, as the wizard leaves it.
mkdir -p -m 700 "$XDG_STATE_HOME/flicono-mailsetup"
printf '# flicono-mailsetup open checks v1\nfirma.de\tline\tttl\t%s\tinfo@firma.de\n' \
  "$(date +%s)" >"$list"
chmod 600 "$list"

run show info@firma.de
check "show: proposes the merged record" has 'IN TXT "v=spf1 mx ip4:148.251.195.107'
check "show: no TXT of firma.de in the resolver's cache" test -z "$(cached firma.de)"
run note info@firma.de
check "note: the resolver not asked" has "Resolver $RES: noch nicht gefragt"
check "note: no TXT of firma.de in the cache" test -z "$(cached firma.de)"
model=$("$WIZARD_MODEL" info@firma.de "$RES" 2>/dev/null) || true
check "wizard's diagnosis: the merged record" grep -qF 'v=spf1 mx ip4:148.251.195.107' <<<"$model"
check "wizard's diagnosis: no TXT of firma.de in the cache" test -z "$(cached firma.de)"
run check info@firma.de --json
check "check before: exit 2" test "$status" -eq 2
check "check before: no bound yet, the old TTL seen" json "
assert d['caches_clear_by'] is None and d['old_ttl'] == 60, d"
check "check before: no TXT of firma.de in the cache" test -z "$(cached firma.de)"
check "lab: the cache works (MX asked through it is there)" \
  test -n "$("$LAB_SH" cache "$WORK/lab" firma.de MX)"

# The provider publishes on both name servers: green at once.
"$LAB_SH" set "$WORK/lab" ns1 firma.de "$zones/firma.de.neu"
"$LAB_SH" set "$WORK/lab" ns2 firma.de "$zones/firma.de.neu"
t0=$(date +%s)
run check info@firma.de --json
t1=$(date +%s)
check "after: exit 0 at once, no cache to wait for" test "$status" -eq 0
check "after: the resolver asked now, new record" json "
r = [r for r in d['servers'] if r['role'] == 'resolver'][0]
assert r['state'] == 'new', r"
check "after: the bound is now + the old TTL ($t0..$t1 + 60)" json "
import datetime
at = datetime.datetime.fromisoformat(d['caches_clear_by']).timestamp()
assert $t0 + 60 - 1 <= at <= $t1 + 60 + 1, (at, d['caches_clear_by'])
assert d['old_ttl'] == 60 and d['caches_clear_by_estimate'] is False, d"
check "the open check keeps it" grep -qE "^firma\.de	line	ttl	[0-9]+	info@firma\.de	[0-9]+	60	old$" "$list"
run check info@firma.de
check "after, text: the worldwide bound" has "haben alle Zwischenspeicher weltweit den neuen Eintrag"
check "after, text: not an estimate" hasnt "Geschätzt"
run_en check info@firma.de
check "after, English" has "every cache in the world has the new record"
# Without the open check, nothing saw the old answer: an estimate.
rm -f "$list"
run check info@firma.de
check "no open check: the bound is an estimate" has "Geschätzt: Die alte Antwort hat keine Prüfung gesehen"
finish
