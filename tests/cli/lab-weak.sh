#!/usr/bin/env bash
# Issue 13: weak or wasteful SPF records named by `check` (text, JSON, German
# and English) and `show`, against the lab (NSD + unbound); zones
# schwach.de, schwach-alt.de, ohne-inc.de, lang.de, zweimal.de in tests/cli/zones.
# BIN: the program. Argument: the lab's NET (127.NET.*).
: "${BIN:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")" && pwd)/zones"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8



# mx on a name without MX, ptr and ?all: named by check, which still passes.
run check schwach.de
check "weak: exit 0" test "$status" -eq 0
check "weak: ?all" has "Hinweis: „?all“ sagt nichts über andere Server"
check "weak: ptr" has "Hinweis: „ptr“ ist langsam und unzuverlässig; RFC 7208 rät davon ab."
check "weak: void mx" has "Hinweis: „mx“ fragt nach den Mailservern von schwach.de, dort gibt es aber keine. Das kostet eine leere Abfrage (höchstens 2 sind erlaubt) und erlaubt keinen Server."
run_en check schwach.de
check "weak, English: void mx" has "Note: “mx” asks for the mail servers of schwach.de, but there are none."
check "weak, English: ptr" has "Note: “ptr” is slow and unreliable; RFC 7208 advises against it."
run check schwach.de --json
check "weak, JSON: findings" json "assert d['findings'] == ['neutral_all', 'ptr', 'void_lookup'], d['findings']"
run show schwach.de
check "weak, show: nothing to do, but named" has "Hinweis: „mx“ fragt nach den Mailservern von schwach.de"
check "weak, show: ptr" has "Hinweis: „ptr“ ist langsam"

# The same weak parts in a record without Flicono: show names them below the
# extended record (they stay in it), check below the old one.
run show schwach-alt.de
check "weak, to be extended: show exit 0" test "$status" -eq 0
check "weak, to be extended: show names ptr" has "Hinweis: „ptr“ ist langsam"
check "weak, to be extended: show names the void mx" has "Hinweis: „mx“ fragt nach den Mailservern von schwach-alt.de"
run check schwach-alt.de --json
check "weak, to be extended: JSON" json "assert d['findings'] == ['neutral_all', 'ptr', 'void_lookup'], d['findings']"

# An include of a name without SPF, and a: on a name without addresses.
run check ohne-inc.de
check "include without SPF: named" has "Hinweis: Der Eintrag verweist auf _spf.ohne-inc.de, dort gibt es aber keinen SPF-Eintrag."
check "void a: named" has "Hinweis: „a“ fragt nach den Adressen von nix.ohne-inc.de, dort gibt es aber keine."
run_en check ohne-inc.de
check "include without SPF, English" has "Note: The record refers to _spf.ohne-inc.de, but there is no SPF record there."
check "void a, English" has "Note: “a” asks for the addresses of nix.ohne-inc.de, but there are none."
run check ohne-inc.de --json
check "include without SPF, JSON" json "assert d['findings'] == ['include_without_record', 'void_lookup'], d['findings']"
run show ohne-inc.de
check "include without SPF, show: refused (exit 2)" test "$status" -eq 2
check "include without SPF, show: named" has "_spf.ohne-inc.de, dort gibt es aber keinen SPF-Eintrag"

# 479 bytes in three strings, with +all.
run check lang.de
check "long: over 450 named" has "Hinweis: Der Eintrag ist länger als 450 Zeichen."
check "long: +all named" has "Hinweis: „+all“ erlaubt jedem Server der Welt"
run_en check lang.de
check "long, English" has "Note: The record is longer than 450 characters."
run check lang.de --json
check "long, JSON" json "assert d['findings'] == ['pass_all', 'longer_than_450'], d['findings']"

# redirect= twice: a syntax error, explained in full (not twice).
run check zweimal.de
check "redirect twice: named" has "redirect= oder exp= steht mehr als einmal darin"
check "redirect twice: once only" test "$(grep -c "mehr als einmal" <<<"$out")" -eq 1
run_en check zweimal.de
check "redirect twice, English" has "redirect= or exp= appears more than once"
run show zweimal.de
check "redirect twice, show: named" has "redirect= oder exp= steht mehr als einmal darin"
finish
