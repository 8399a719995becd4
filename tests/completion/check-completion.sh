#!/usr/bin/env bash
# The bash completion, run as bash runs it: COMP_WORDS and COMP_CWORD set,
# the function called, COMPREPLY read back. Arguments: the completion
# file, the program (on PATH for the --provider ids).
set -u
file=$1 bin=$(realpath "$2")
fails=0
bad() { echo "not ok - $*"; fails=$((fails + 1)); }
ok() { echo "ok - $*"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_STATE_HOME=$work/state
mkdir -p "$XDG_STATE_HOME/flicono-mailsetup"
# Two open checks, one of them with $(…) in what was typed: completed as
# text, never run.
printf '# flicono-mailsetup open checks v1\n' >"$XDG_STATE_HOME/flicono-mailsetup/open-checks"
printf 'firma.de\tline\tttl\t1764000000\tinfo@firma.de\n' >>"$XDG_STATE_HOME/flicono-mailsetup/open-checks"
printf 'x.de\tline\tttl\t1764000000\tinfo@x.de$(touch %s/ran)\n' "$work" >>"$XDG_STATE_HOME/flicono-mailsetup/open-checks"
mkdir -p "$work/bin"
ln -s "$bin" "$work/bin/flicono-mailsetup"
export PATH=$work/bin:$PATH

# shellcheck source=/dev/null
source "$file"
complete -p flicono-mailsetup >/dev/null 2>&1 && ok "registered for flicono-mailsetup" || bad "not registered"

# complete WORD… : the words of the line, the last one being completed.
complete_line() {
  COMP_WORDS=(flicono-mailsetup "$@")
  COMP_CWORD=$#
  COMPREPLY=()
  _flicono_mailsetup
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
expect() {
  local what=$1 want=$2
  shift 2
  local got
  got=$(complete_line "$@")
  [ "$got" = "$want" ] && ok "$what: $got" || bad "$what: got '$got', want '$want'"
}

expect "commands beginning with p" "providers" p
expect "commands beginning with n" "note" n
expect "commands beginning with c" "check connect" c
expect "commands beginning with co" "connect" co
expect "commands beginning with s" "show spell spf" s
expect "show's options" "--format" show info@firma.de --f
expect "--format values" "fields line" show info@firma.de --format ''
expect "check's options" "--interval" check --i
expect "check --j" "--json" check --j
expect "spf's option" "--trace" spf --t
expect "connect's options" "--help --json --message --profile --resolver --version" connect info@firma.de --
expect "connect takes no --provider" "--profile" connect --pro
expect "connect --m" "--message" --resolver 127.0.0.1 connect --m
expect "no open check for connect" "" connect info@f
expect "--no- options of show" "--no-lookup --no-ttl" show --no
expect "common options" "--profile --provider" note --pro
expect "--provider values: auto, none and the ids" "none" check --provider no
got=$(complete_line show --provider '')
grep -qw strato <<<"$got" && grep -qw auto <<<"$got" && grep -qw ionos <<<"$got" &&
  ok "--provider lists the program's ids" || bad "--provider ids: $got"
expect "open checks for check" "info@firma.de" check info@f
expect "open checks for forget" "info@firma.de" forget info@f
got=$(complete_line forget info@x)
[ ! -e "$work/ran" ] && ok "a hostile open check is not run" || bad "completion ran \$(…) from the state file"
[ "$got" = 'info@x.de$(touch '"$work"'/ran)' ] && ok "and is offered as text" || bad "hostile entry: $got"
expect "nothing after spell" "" spell abc
expect "no open check for show" "" show info@f
expect "addresses of open checks without a command" "info@firma.de" info@f
expect "nothing for --resolver" "" check --resolver ''
expect "the command after an option's value" "--trace" --resolver 127.0.0.1 spf --t
[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
