#!/usr/bin/env bash
# `spf` and `spf --trace` against real name servers: NSD serving the lab zones,
# unbound resolving them, all on loopback (tests/lab/lab.sh).
# BIN: the program. Argument: the lab's NET (127.NET.*).
: "${BIN:?}"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8


# An include chain of three levels: pass, with every level in the trace.
run spf --trace 192.0.2.11 info@kette.de
check "chain: exit 0" test "$status" -eq 0
check "chain: result line is pass" grep -qx pass <<<"$out"
check "chain: sentence" grep -qxF "192.0.2.11 darf E-Mails für kette.de senden." <<<"$out"
check "chain: level 0 record" grep -qxF 'kette.de: SPF-Eintrag „v=spf1 include:_spf.kette.de -all“' <<<"$out"
check "chain: level 1 record, indented" \
  grep -qxF '    _spf.kette.de: SPF-Eintrag „v=spf1 include:_spf2.kette.de ip4:192.0.2.10 ~all“' <<<"$out"
check "chain: level 2 match" grep -qE '^          ip4:192\.0\.2\.11 +Treffer +0 Abfragen +\(DNS-Terme 2/10, ins Leere 0/2\)$' <<<"$out"
check "chain: include cost and totals" grep -qE '^  include:_spf\.kette\.de +Treffer +2 Abfragen +\(DNS-Terme 2/10, ins Leere 0/2\)$' <<<"$out"
check "chain: totals line" grep -qxF "DNS-Terme: 2 von höchstens 10, ins Leere: 0 von höchstens 2, Abfragen insgesamt: 3" <<<"$out"

# Not listed anywhere in the chain: fail, through the inner ~all and the outer -all.
run spf --trace 192.0.2.99 kette.de
check "fail: result" grep -qx fail <<<"$out"
check "fail: inner level ends softfail" grep -qxF "    _spf.kette.de: Ergebnis softfail" <<<"$out"
check "fail: include does not match" grep -qE '^  include:_spf\.kette\.de +kein Treffer' <<<"$out"

# The lab's beispiel-firma.de has v=spf1 mx ~all: Flicono is not authorised yet.
run spf 148.251.195.107 info@beispiel-firma.de
check "softfail for Flicono today" grep -qx softfail <<<"$out"
# An umlaut domain, asked as its A-label, shown in both forms.
run spf 2a01:4f8:211:18e8::2 info@müller-bau.de
check "umlaut domain checks" grep -qx softfail <<<"$out"
check "umlaut domain in both forms" grep -qF "müller-bau.de (xn--mller-bau-q9a.de)" <<<"$out"
run spf 192.0.2.1 ohne-spf.de
check "no SPF record: none" grep -qx none <<<"$out"
run spf 192.0.2.1 gibt-es-nicht.kette.de
check "nonexistent domain: none" grep -qx none <<<"$out"

# A resolver that does not answer: temperror, still a computed result (exit 0).
status=0; out=$("$BIN" spf 192.0.2.1 kette.de --resolver "127.$NET.99" 2>&1) || status=$?
check "no resolver: temperror" grep -qx temperror <<<"$out"
check "no resolver: exit 0" test "$status" -eq 0

# One answer cache per resolver set: show asks each distinct question once
# (23 lookups here, without the cache all of them went out), and only what
# the proposal needs: the zone (SOA), its name servers (NS, and for both
# A and AAAA), and the MX hosts' addresses for the proof (MX, 2 x A,
# 2 x AAAA), and for Domain Connect the TXT at _domainconnect.ZONE (the
# lab's zones have none, so nothing more). The sender's own TXT records are never asked through the
# resolver: they come from the zone's name servers (src/dns/dns_auth.h), so
# that no cache holds the old answer when the customer changes it.
# FLICONO_DNS_STATS makes the program list what it sent.
out=$(FLICONO_DNS_STATS=1 "$BIN" show info@beispiel-firma.de --resolver "$RES" 2>&1 >/dev/null) || true
sent=$(grep -c '^dns: Frage ' <<<"$out" || true)
twice=$(grep '^dns: Frage ' <<<"$out" | sort | uniq -d | tr '\n' ' ')
hits=$(sed -n 's/^dns: [0-9]* gesendet, \([0-9]*\) aus dem Cache$/\1/p' <<<"$out")
check "show: questions listed ($sent)" test "$sent" -gt 0
check "show: no question sent twice ($twice)" test -z "$twice"
check "show: repeated questions answered from the cache (${hits:-none})" test "${hits:-0}" -gt 0
check "show: at most 12 questions for 2 NS and 2 MX hosts ($sent)" test "$sent" -le 12
check "show: the sender's TXT not through the resolver" bash -c '! grep -qx "dns: Frage beispiel-firma.de 16" <<<"$1" && grep -qx "dns: Frage beispiel-firma.de 15" <<<"$1"' _ "$out"

# Usage errors.
status=0; out=$("$BIN" spf 192.0.2.300 kette.de --resolver "$RES" 2>&1) || status=$?
check "bad IP: exit 64" test "$status" -eq 64
check "bad IP: message" grep -qF "„192.0.2.300“ ist keine IP-Adresse" <<<"$out"
status=0; out=$("$BIN" spf 192.0.2.1 kette.de --resolver "127.0.0.1:99999" 2>&1) || status=$?
check "bad --resolver: exit 64" test "$status" -eq 64
# The system's resolvers come from resolv.conf (a private one here: never the machine's).
printf '# lab\nnameserver %s\n' "$RES" >"$WORK/resolv.conf"
out=$(FLICONO_MAILSETUP_RESOLV_CONF="$WORK/resolv.conf" "$BIN" spf 192.0.2.11 kette.de 2>&1) || true
check "resolv.conf is read" grep -qx pass <<<"$out"
printf '# nothing\n' >"$WORK/empty.conf"
status=0; out=$(FLICONO_MAILSETUP_RESOLV_CONF="$WORK/empty.conf" "$BIN" spf 192.0.2.11 kette.de 2>&1) || status=$?
check "empty resolv.conf: exit 69" test "$status" -eq 69
check "empty resolv.conf: German hint" grep -qF "kein Resolver (nameserver)" <<<"$out"

finish
