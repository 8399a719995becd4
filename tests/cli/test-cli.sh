#!/bin/bash
# Black-box tests of the command line: exact output, exit statuses, languages.
# BIN: the program; SRC: the source root.
set -u
bin=${BIN:?BIN must name the flicono-mailsetup binary}
src=${SRC:?SRC must name the source root}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# check NAME EXPECTED_STATUS EXPECTED_STDOUT_FILE_OR_- GREP_STDERR -- ARGS…
# runs the program with ARGS, compares status, stdout (exactly) and stderr (grep -F).
check() {
  local name=$1 want_status=$2 want_out=$3 want_err=$4
  shift 5
  local status=0
  "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
  local ok=1
  if [ "$status" != "$want_status" ]; then
    echo "FAIL $name: exit status $status, expected $want_status"; ok=0
  fi
  if [ "$want_out" != - ] && ! diff -u <(printf '%s' "$want_out") "$tmp/out" >"$tmp/diff"; then
    echo "FAIL $name: stdout differs:"; cat "$tmp/diff"; ok=0
  fi
  if [ -n "$want_err" ] && ! grep -qF -- "$want_err" "$tmp/err"; then
    echo "FAIL $name: stderr lacks: $want_err"; echo "stderr was:"; cat "$tmp/err"; ok=0
  fi
  if [ "$ok" = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

seed='v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all'
export LANG=C.UTF-8 LC_ALL= LANGUAGE=

check "show, line with TTL (the help page's line)" 0 "@ 86400 IN TXT \"$seed\"
" "Neuer SPF-Eintrag für beispiel-firma.de:" -- \
  "$bin" show --no-lookup info@beispiel-firma.de --format line --ttl
check "show, default form is the line with TTL" 0 "@ 86400 IN TXT \"$seed\"
" "" -- "$bin" show --no-lookup beispiel-firma.de
check "show, line without TTL" 0 "@ IN TXT \"$seed\"
" "" -- "$bin" show --no-lookup beispiel-firma.de --no-ttl
check "show, fields with TTL" 0 "Name: @
TTL: 86400
Typ: TXT
Data: $seed
" "" -- "$bin" show --no-lookup beispiel-firma.de --format=fields
check "show, fields without TTL, options before the command" 0 "Name: @
Typ: TXT
Data: $seed
" "" -- "$bin" --no-lookup --format fields --no-ttl show beispiel-firma.de
check "show, umlaut domain in both forms" 0 - \
  "Neuer SPF-Eintrag für müller-bau.de (xn--mller-bau-q9a.de):" -- "$bin" show --no-lookup 'info@Müller-Bau.de'
check "show, the -all note names the sender" 0 - "und Flicono E-Mails für beispiel-firma.de senden" -- \
  "$bin" show --no-lookup beispiel-firma.de
check "show, English fields" 0 "Name: @
TTL: 86400
Type: TXT
Data: $seed
" "New SPF record for beispiel-firma.de:" -- env LANG=en_US.UTF-8 "$bin" show --no-lookup beispiel-firma.de --format fields

# Languages: German unless the locale is English.
for loc in C C.UTF-8 POSIX de_DE.UTF-8; do
  check "--help is German under LANG=$loc" 0 - "" -- env LANG=$loc "$bin" --help
  grep -q '^Aufruf: ' "$tmp/out" || { echo "FAIL --help under $loc: no 'Aufruf:'"; fail=$((fail + 1)); }
done
check "--help is English under en_US.UTF-8" 0 - "" -- env LANG=en_US.UTF-8 "$bin" --help
grep -q '^Usage: ' "$tmp/out" || { echo "FAIL --help en_US: no 'Usage:'"; fail=$((fail + 1)); }
check "LC_ALL=en_US.UTF-8 wins over LANG" 0 - "" -- env LANG=de_DE.UTF-8 LC_ALL=en_US.UTF-8 "$bin" --help
grep -q '^Usage: ' "$tmp/out" || { echo "FAIL LC_ALL: no 'Usage:'"; fail=$((fail + 1)); }

# The help fits an 80-column terminal, in both languages.
for loc in C.UTF-8 en_US.UTF-8; do
  wide=$(env LANG=$loc "$bin" --help | while IFS= read -r line; do
    [ "${#line}" -gt 80 ] && printf '%s\n' "$line"; done)
  if [ -n "$wide" ]; then echo "FAIL --help under $loc has lines over 80 columns:"; echo "$wide"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
done
check "a mistyped command is named" 64 "" "Unbekannter Befehl „chek“. Die Befehle sind show, check, spf, note, spell, forget, providers und connect." -- \
  "$bin" chek x.de
# A single word that is no command is no address either (one label): a usage
# error naming the commands, not the wizard's 69 for a missing terminal.
check "an unknown word is a usage error" 64 "" \
  "Unbekannter Befehl „frobnicate“. Die Befehle sind show, check, spf, note, spell, forget, providers und connect. „frobnicate“ ist keine vollständige Domain: Es fehlt die Endung, z. B. .de oder .com." -- \
  "$bin" frobnicate </dev/null
check "an unknown word, in English" 64 "" \
  "Unknown command “frobnicate”. The commands are show, check, spf, note, spell, forget, providers and connect. “frobnicate” is not a complete domain: it lacks its ending, e.g. .de or .com." -- \
  env LANG=en_US.UTF-8 "$bin" frobnicate </dev/null
# An invalid address (it has an "@" or a ".") is the wizard's to show beside
# its field, input kept; without a terminal that is the usual 69.
check "the wizard's invalid address goes to the wizard" 69 "" "Der Assistent braucht ein Terminal." -- \
  "$bin" info@firma </dev/null
check "the unknown word is shown escaped" 64 "" 'Unbekannter Befehl „frob\x1B[2J“.' -- "$bin" $'frob\e[2J' </dev/null
if grep -q $'\e' "$tmp/err"; then echo "FAIL unknown word: ESC reached stderr"; fail=$((fail + 1)); fi
check "a valid address without a terminal is still 69" 69 "" "Der Assistent braucht ein Terminal." -- \
  "$bin" info@beispiel-firma.de </dev/null
check "show with a single label" 64 "" "„localhost“ ist keine vollständige Domain" -- "$bin" show --no-lookup localhost

# --help names every exit status, in both languages.
for loc in C.UTF-8 en_US.UTF-8; do
  env LANG=$loc "$bin" --help >"$tmp/help"
  for code in 0 1 2 3 64 69 70 78; do
    if grep -qE "^  $code +[a-zA-Z]" "$tmp/help"; then pass=$((pass + 1)); else
      echo "FAIL --help under $loc does not explain exit status $code"; fail=$((fail + 1)); fi
  done
done
check "--help: 69 is no resolver or no terminal" 0 - "" -- "$bin" --help
grep -qF "69  nicht verfügbar: kein Resolver" "$tmp/out" && grep -qF "kein Terminal" "$tmp/out" ||
  { echo "FAIL --help: 69 not explained"; fail=$((fail + 1)); }

# Not a UTF-8 codeset: umlauts transliterated, nothing but ASCII printed.
check "LANG=C transliterates" 0 - "Neuer SPF-Eintrag fuer xn--mller-bau-q9a.de:" -- \
  env LANG=C "$bin" show --no-lookup müller-bau.de
if LC_ALL=C grep -q '[^[:print:][:space:]]' "$tmp/out" "$tmp/err"; then
  echo "FAIL LANG=C: non-ASCII output"; fail=$((fail + 1))
fi
check "LANG=C --help is ASCII" 0 - "" -- env LANG=C "$bin" --help
grep -q 'Gueltigkeitsdauer' "$tmp/out" || { echo "FAIL LANG=C --help: no 'Gueltigkeitsdauer'"; fail=$((fail + 1)); }

# Usage errors: 64, German message, nothing on stdout.
check "a local part over 64 octets (RFC 5321)" 64 "" \
  "Der Teil vor dem @ ist zu lang: 65 Bytes, höchstens 64 sind erlaubt" -- \
  "$bin" show --no-lookup "$(printf 'a%.0s' {1..65})@firma.de"
# An empty first word ('' or an unset variable) is no unknown command „“.
check "empty first word: address or command missing" 64 "" \
  "Adresse oder Befehl fehlt: Das erste Argument ist leer." -- "$bin" ''
check "empty first word before another: the same" 64 "" \
  "Adresse oder Befehl fehlt: Das erste Argument ist leer." -- "$bin" '' x.de
check "empty first word, English" 64 "" \
  "Address or command missing: the first argument is empty." -- env LANG=en_US.UTF-8 "$bin" ''
check "unknown option" 64 "" "Unbekannte Option „--bogus“." -- "$bin" show --no-lookup x.de --bogus
check "unknown short option" 64 "" "Unbekannte Option „-z“." -- "$bin" -z
check "option without its value" 64 "" "Die Option „--format“ braucht einen Wert." -- "$bin" show --no-lookup x.de --format
check "bad --format value" 64 "" "nicht „zeile“" -- "$bin" show --no-lookup x.de --format zeile
check "show without address" 64 "" "„show“ braucht eine Absenderadresse oder Domain" -- "$bin" show --no-lookup
check "too many arguments" 64 "" "Zu viele Argumente: „y.de“." -- "$bin" show --no-lookup x.de y.de
check "option of another command" 64 "" "Die Option „--json“ gehört zu den Befehlen „check“ und „connect“." -- "$bin" show --no-lookup x.de --json
check "connect's option elsewhere" 64 "" "Die Option „--message“ gehört zum Befehl „connect“." -- "$bin" show --no-lookup x.de --message
check "invalid address keeps the input's position" 64 "" \
  "Die Domain enthält zwei Punkte hintereinander oder beginnt mit einem Punkt (Zeichen 3)." -- "$bin" show --no-lookup a..b
check "usage error in English" 64 "" "Unknown option “--bogus”." -- env LANG=en_US.UTF-8 "$bin" --bogus
check "--version" 0 "flicono-mailsetup $(sed -n "s/^  version: '\(.*\)',$/\1/p" "$src/meson.build")
" "" -- "$bin" --version

# Profiles: --profile overrides; a missing or malformed one is 78, naming file and line.
sed 's/^ttl = 86400$/ttl = 3600/' "$src/data/flicono.profile" >"$tmp/other.profile"
check "--profile overrides" 0 "@ 3600 IN TXT \"$seed\"
" "" -- "$bin" show --no-lookup x.de --profile "$tmp/other.profile"
check "missing profile" 78 "" "Die Profildatei $tmp/none.profile gibt es nicht." -- \
  "$bin" show --no-lookup x.de --profile "$tmp/none.profile"
sed 's/^ttl = 86400$/ttl = einen Tag/' "$src/data/flicono.profile" >"$tmp/bad.profile"
line=$(grep -n '^ttl = ' "$tmp/bad.profile" | cut -d: -f1)
check "malformed profile" 78 "" "$tmp/bad.profile, Zeile $line: ungültiger Wert für „ttl“ in [spf]." -- \
  "$bin" show --no-lookup x.de --profile "$tmp/bad.profile"
check "data dir from the environment" 78 "" "Die Profildatei $tmp/nowhere/flicono.profile gibt es nicht." -- \
  env FLICONO_MAILSETUP_DATADIR="$tmp/nowhere" "$bin" show --no-lookup x.de

# providers: the ids and names from data/providers, sorted by id; the header
# on stderr; needs no profile; a malformed list is 78 with file and line.
check "providers lists ids and names" 0 - "Bekannte Domain-Anbieter (Kürzel und Name):" -- \
  "$bin" providers
grep -qxE 'strato +STRATO' "$tmp/out" || { echo "FAIL providers: no line for strato"; cat "$tmp/out"; fail=$((fail + 1)); }
grep -qxE 'telekom +Telekom \(Homepage Center\)' "$tmp/out" ||
  { echo "FAIL providers: telekom (no NS patterns) not listed"; fail=$((fail + 1)); }
[ "$(wc -l <"$tmp/out")" -ge 17 ] || { echo "FAIL providers: fewer than 17 lines"; fail=$((fail + 1)); }
[ "$(cut -d' ' -f1 "$tmp/out")" = "$(cut -d' ' -f1 "$tmp/out" | LC_ALL=C sort)" ] ||
  { echo "FAIL providers: not sorted by id"; fail=$((fail + 1)); }
check "providers, English header" 0 - "Known DNS providers (id and name):" -- \
  env LANG=en_US.UTF-8 "$bin" providers
check "providers needs no profile" 0 - "" -- "$bin" --profile "$tmp/none.profile" providers
check "providers takes no argument" 64 "" "Zu viele Argumente: „strato“." -- "$bin" providers strato
check "providers, an option of another command" 64 "" "Die Option „--json“ gehört zu den Befehlen „check“ und „connect“." -- \
  "$bin" providers --json
mkdir -p "$tmp/badproviders"
printf '[strato]\nname = STRATO\nform = fields\nlabel = Präfix\n' >"$tmp/badproviders/providers"
check "providers, malformed list" 78 "" \
  "$tmp/badproviders/providers, Zeile 4: unbekannter Schlüssel „label“ in [strato]." -- \
  env FLICONO_MAILSETUP_DATADIR="$tmp/badproviders" "$bin" providers
check "providers, malformed list in English" 78 "" \
  "$tmp/badproviders/providers, line 4: unknown key “label” in [strato]." -- \
  env FLICONO_MAILSETUP_DATADIR="$tmp/badproviders" LANG=en_US.UTF-8 "$bin" providers
printf '[strato]\nname = STRATO\n[ionos]\nname = IONOS\n[strato]\nname = S\n' >"$tmp/badproviders/providers"
check "providers, a provider twice" 78 "" \
  "$tmp/badproviders/providers, Zeile 5: Den Anbieter [strato] gibt es schon weiter oben." -- \
  env FLICONO_MAILSETUP_DATADIR="$tmp/badproviders" "$bin" providers
check "providers, no list" 78 "" "Die Anbieterliste $tmp/nowhere/providers gibt es nicht." -- \
  env FLICONO_MAILSETUP_DATADIR="$tmp/nowhere" "$bin" providers

# spell: the template for dictation, golden in both languages (the same
# files as the unit test's); no profile, no DNS needed.
golden=$src/tests/core
check "spell, German (DIN 5009)" 0 "$(cat "$golden/spell-template.de.txt")
" "" -- "$bin" spell "$seed"
check "spell, English (ICAO)" 0 "$(cat "$golden/spell-template.en.txt")
" "" -- env LANG=en_US.UTF-8 "$bin" spell "$seed"
check "spell needs no profile" 0 - "" -- \
  env FLICONO_MAILSETUP_DATADIR="$tmp/nowhere" "$bin" spell "$seed"
check "spell after --, a text that begins with -" 0 - "" -- "$bin" spell -- -all
grep -qxF "   1  -   Bindestrich" "$tmp/out" || { echo "FAIL spell --: no hyphen line"; fail=$((fail + 1)); }
check "spell without TEXT" 64 "" "„spell“ braucht den Text, den es buchstabieren soll" -- "$bin" spell
check "spell with an empty TEXT" 64 "" "„spell“ braucht den Text, den es buchstabieren soll" -- "$bin" spell ""
check "spell with several words" 64 "" "„spell“ buchstabiert genau einen Text." -- "$bin" spell v=spf1 mx
check "spell without TEXT, in English" 64 "" "“spell” needs the text to spell" -- \
  env LANG=en_US.UTF-8 "$bin" spell
check "spell, an option of another command" 64 "" "Die Option „--json“ gehört zu den Befehlen „check“ und „connect“." -- \
  "$bin" spell x --json
# Hostile text: escape sequences, BEL, C1 CSI, bidi override, invalid UTF-8.
check "spell, hostile text" 0 - "" -- "$bin" spell $'\e[2J\a\xc2\x9b31m\xe2\x80\xae\xff'
if LC_ALL=C grep -qP '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]' "$tmp/out"; then
  echo "FAIL spell, hostile text: a control character reached stdout"; fail=$((fail + 1))
fi
grep -qF 'Steuerzeichen U+009B' "$tmp/out" && grep -qF 'ungültiges Byte 0xFF' "$tmp/out" ||
  { echo "FAIL spell, hostile text: C1 or invalid byte not named"; fail=$((fail + 1)); }
# Not a UTF-8 codeset: ASCII only (umlauts transliterated, the space as _).
check "spell under LANG=C is ASCII" 0 - "" -- env LANG=C "$bin" spell "Ä b"
if LC_ALL=C grep -q '[^[:print:][:space:]]' "$tmp/out"; then
  echo "FAIL spell LANG=C: non-ASCII output"; fail=$((fail + 1))
fi
grep -qxF "   1  Ae   grosses Ae wie Umlaut Aachen" "$tmp/out" && grep -qxF "   2  _   Leerzeichen" "$tmp/out" ||
  { echo "FAIL spell LANG=C: not transliterated:"; cat "$tmp/out"; fail=$((fail + 1)); }

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
