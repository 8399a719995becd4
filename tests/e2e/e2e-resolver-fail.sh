#!/usr/bin/env bash
# A resolver that refuses (the lab's unbound refuses every name outside its
# zones): the diagnosis and the check screen say "abgelehnt", never a
# time-out or a plain server failure, German and English.
. "$(dirname "$0")/e2e-common.sh"
start_lab

start_wizard 80 24 -- --resolver "$RES" info@nicht-im-labor.example
keys Enter
step "diagnosis: refused" wait_for "Das DNS hat nicht geantwortet: Abfrage abgelehnt."
check "diagnosis: not a time-out" bash -c '! grep -qF "Zeitüberschreitung" <<<"$1"' _ "$(flat)"
keys q
wait_exit

start_wizard 80 24 LANG=en_US.UTF-8 -- --resolver "$RES" info@nicht-im-labor.example
keys Enter
step "English diagnosis: refused" wait_for "query refused"
keys q
wait_exit

# An open check of it, resumed: the check screen's failure in the same word.
mkdir -p -m 700 "$STATE/flicono-mailsetup"
printf '# flicono-mailsetup open checks v1\nnicht-im-labor.example\tline\tttl\t%s\tnicht-im-labor.example\n' \
  "$(date +%s)" >"$STATE/flicono-mailsetup/open-checks"
chmod 600 "$STATE/flicono-mailsetup/open-checks"
start_wizard 80 24 -- --resolver "$RES"
step "open check offered" wait_for "Offene Prüfungen:"
keys 1
step "check screen: refused" wait_for "Der Resolver hat die Abfrage abgelehnt." 20
check "check screen: not a time-out" bash -c '! grep -qF "antwortet nicht" <<<"$1"' _ "$(flat)"
finish
