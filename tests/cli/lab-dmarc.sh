#!/usr/bin/env bash
# Issue 13: the DMARC policy (RFC 7489) that `check` names, in text and JSON,
# German and English, against the lab (NSD + unbound); zones dm-*.de and
# leer.de in tests/cli/zones.
# BIN: the program. Argument: the lab's NET (127.NET.*).
: "${BIN:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")" && pwd)/zones"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8

# json (check.sh) with d the JSON's dmarc object.
json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin)['dmarc']; $1" <<<"$out"; }

# p=reject, the SPF record does not authorise Flicono yet: rejected today.
run check dm-reject.de
check "reject: exit 2 (not authorised)" test "$status" -eq 2
check "reject: the policy" has "DMARC: dm-reject.de hat die DMARC-Richtlinie p=reject."
check "reject: rejected today" has "weisen Empfänger-Mailserver E-Mails ab, die Flicono in Ihrem Namen sendet."
check "reject: aligned with the record" has "Mit dem SPF-Eintrag besteht die SPF-Prüfung, passend zur Absenderadresse"
run_en check dm-reject.de
check "reject, English" has "DMARC: dm-reject.de has the DMARC policy p=reject. Without an SPF record that authorises Flicono, receiving mail servers reject e-mail that Flicono sends in your name."
run check dm-reject.de --json
check "reject, JSON" json "assert d == {'domain': 'dm-reject.de', 'found': True, 'from_organisational_domain': False, 'record': 'v=DMARC1; p=reject; rua=mailto:dmarc@dm-reject.de', 'p': 'reject', 'sp': 'reject', 'pct': 100, 'aspf': 'r', 'effective_policy': 'reject', 'strict_subdomain': False, 'error': None}, d"

# p=quarantine with pct=30: the spam folder, for 30 %.
run check dm-quar.de
check "quarantine: spam folder" has "landen E-Mails, die Flicono in Ihrem Namen sendet, im Spam-Ordner."
check "quarantine: pct" has "Die Richtlinie gilt für 30 % dieser E-Mails (pct=30)"
run_en check dm-quar.de
check "quarantine, English" has "The policy applies to 30 % of these e-mails (pct=30)"
run check dm-quar.de --json
check "quarantine, JSON" json "assert d['effective_policy'] == 'quarantine' and d['pct'] == 30, d"

# p=none: reports only; the record authorises already.
run check dm-none.de
check "none: exit 0" test "$status" -eq 0
check "none: reports only" has "DMARC: dm-none.de hat die DMARC-Richtlinie p=none. Sie sammelt nur Berichte; Empfänger-Mailserver weisen deshalb keine E-Mails ab."
run_en check dm-none.de
check "none, English" has "It only collects reports; receiving mail servers therefore reject no e-mail."
run check dm-none.de --json
check "none, JSON" json "assert d['p'] == 'none' and d['error'] is None, d"

# No record at all: nothing enforced, what DMARC would add.
run check leer.de
check "no record: nothing enforced" has "DMARC: leer.de hat keine DMARC-Richtlinie: Empfänger-Mailserver setzen nichts durch."
check "no record: what it would add" has "Mit einem DMARC-Eintrag unter _dmarc.leer.de könnten Sie festlegen"
run_en check leer.de
check "no record, English" has "leer.de has no DMARC policy: receiving mail servers enforce nothing."
run check leer.de --json
check "no record, JSON" json "assert d['found'] is False and d['error'] == 'no_record' and d['p'] is None, d"

# A subdomain sender, the record only at the organisational domain: sp= applies.
run check info@post.dm-org.de
check "org fallback: sp of the org domain" has "DMARC: Für post.dm-org.de gilt die DMARC-Richtlinie der Domain dm-org.de (sp=reject)."
check "org fallback: rejected today" has "weisen Empfänger-Mailserver E-Mails ab"
run_en check info@post.dm-org.de
check "org fallback, English" has "The DMARC policy of the domain dm-org.de applies to post.dm-org.de (sp=reject)."
run check info@post.dm-org.de --json
check "org fallback, JSON" json "assert d['domain'] == 'dm-org.de' and d['from_organisational_domain'] and d['p'] == 'none' and d['sp'] == 'reject' and d['effective_policy'] == 'reject', d"

# aspf=s and a subdomain sender: named; authorised, so no rejection.
run check info@mail.dm-streng.de
check "aspf=s: exit 0" test "$status" -eq 0
check "aspf=s: named" has "verlangt mit „aspf=s“, dass die Domain genau übereinstimmt"
check "aspf=s: authorised, not rejected" bash -c '! grep -qF "weisen Empfänger-Mailserver E-Mails ab" <<<"$1"' _ "$out"
run_en check info@mail.dm-streng.de
check "aspf=s, English" has "With “aspf=s”, the policy of dm-streng.de requires the domain to match exactly"
run check info@mail.dm-streng.de --json
check "aspf=s, JSON" json "assert d['aspf'] == 's' and d['strict_subdomain'] is True, d"

# A broken record and two records: no policy, named.
run check dm-kaputt.de
check "broken: named" has "DMARC: Der DMARC-Eintrag von dm-kaputt.de ist fehlerhaft: „p=“ fehlt"
run_en check dm-kaputt.de
check "broken, English" has "The DMARC record of dm-kaputt.de is broken"
run check dm-kaputt.de --json
check "broken, JSON" json "assert d['error'] == 'bad_policy' and d['record'] == 'v=DMARC1; p=ablehnen' and d['effective_policy'] is None, d"
run check dm-zwei.de
check "two records: named" has "DMARC: Unter _dmarc.dm-zwei.de stehen mehrere DMARC-Einträge"
run_en check dm-zwei.de
check "two records, English" has "There are several DMARC records at _dmarc.dm-zwei.de"
run check dm-zwei.de --json
check "two records, JSON" json "assert d['error'] == 'several' and d['p'] is None, d"
finish
