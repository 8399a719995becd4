#!/usr/bin/env bash
# The man pages: groff (-ww, every warning) and mandoc's lint (-W warning)
# find nothing to say about either page, and each page names exactly the
# long options and the commands that --help names, in its language, and
# each command's synopsis the options of its usage line in --help.
# Arguments: the source root, the program.
set -u
src=$1 bin=$2
fails=0
bad() { echo "not ok - $*"; fails=$((fails + 1)); }
ok() { echo "ok - $*"; }

# The long options a text names: --word, roff's \-\- written out.
options() { sed 's/\\-/-/g' | grep -oE -- '--[a-z][a-z-]*[a-z]' | sort -u; }
# The commands of a usage block: the word after the program's name.
commands() { sed 's/\\-/-/g; s/\\f[BIRP]//g' | grep -oE 'flicono-mailsetup (show|check|spf|note|forget|spell|providers|connect)' |
  awk '{print $2}' | sort -u; }
# usage_help COMMAND < --help: the options of COMMAND's usage lines (a line
# naming it and the indented "[" lines continuing it).
usage_help() {
  awk -v c="flicono-mailsetup $1( |$)" 'NF == 0 { exit }
    /flicono-mailsetup / { on = $0 ~ c; if (on) print; next }
    on && /^ +\[/ { print; next } { on = 0 }' | options
}
# usage_man COMMAND < page: the options of COMMAND's blocks in the SYNOPSIS
# (from ".B flicono-mailsetup COMMAND" to ".br").
usage_man() {
  sed 's/\\-/-/g' | awk -v c="flicono-mailsetup $1( |$)" '
    /^\.SH/ { syn = $0 ~ /^\.SH (SYNOPSIS|ÜBERSICHT)/; on = 0; next }
    syn && /^\.B flicono-mailsetup/ { on = $0 ~ c }
    /^\.br/ { on = 0 } syn && on' | options
}

# The keys of connect's JSON object, and the names its "failure" can take
# (src/cli/cmd_connect.c, src/core/dconnect_answer.c).
json_keys() { grep -oE 'json_object_set_new\(o, "[a-z_]+"' "$src/src/cli/cmd_connect.c" | grep -oE '"[a-z_]+"' | tr -d '"'; }
failure_names() { grep -oE '\] = "[a-z-]+"' "$src/src/core/dconnect_answer.c" | grep -oE '"[a-z-]+"' | tr -d '"'; }
[ "$(json_keys | wc -l)" -ge 9 ] && [ "$(failure_names | wc -l)" -ge 12 ] ||
  bad "connect's JSON keys or failure names not found in the source"

for page in "$src/man/flicono-mailsetup.de.1:de" "$src/man/flicono-mailsetup.1:en"; do
  file=${page%:*} lang=${page##*:}
  warnings=$(LC_ALL=C.UTF-8 groff -k -man -ww -z "$file" 2>&1)
  [ -z "$warnings" ] && ok "$lang: groff -ww says nothing" || bad "$lang: groff: $warnings"
  if command -v mandoc >/dev/null; then
    warnings=$(mandoc -T lint -W warning "$file" 2>&1)
    [ -z "$warnings" ] && ok "$lang: mandoc -T lint -W warning says nothing" || bad "$lang: mandoc: $warnings"
  else
    bad "$lang: mandoc is missing (./dev test installs it)"
  fi
  if [ "$lang" = de ]; then
    help=$(LC_ALL=C.UTF-8 LANGUAGE= "$bin" --help 2>&1)
  else
    help=$(LC_ALL=en_US.UTF-8 LANGUAGE=en "$bin" --help 2>&1)
  fi
  grep -q '^Usage:\|^Aufruf:' <<<"$help" || { bad "$lang: --help did not answer"; continue; }
  [ "$lang" = en ] && ! grep -q '^Usage:' <<<"$help" && { echo "SKIP (part): no English locale"; continue; }
  diff_opts=$(diff <(options <<<"$help") <(options <"$file"))
  [ -z "$diff_opts" ] && ok "$lang: the same long options as --help ($(options <"$file" | wc -l))" ||
    bad "$lang: options differ (< --help, > man page): $diff_opts"
  diff_cmds=$(diff <(commands <<<"$help") <(commands <"$file"))
  [ -z "$diff_cmds" ] && ok "$lang: the same commands as --help ($(commands <"$file" | wc -l))" ||
    bad "$lang: commands differ: $diff_cmds"
  for cmd in show check spf note forget spell providers connect; do
    diff_usage=$(diff <(usage_help "$cmd" <<<"$help") <(usage_man "$cmd" <"$file"))
    [ -z "$diff_usage" ] && ok "$lang: $cmd: the same options in --help's usage and the synopsis ($(usage_man "$cmd" <"$file" | wc -l))" ||
      bad "$lang: $cmd: usage options differ (< --help, > synopsis): $diff_usage"
  done
  # Every exit status --help lists has its own entry.
  for code in $(grep -oE '^  [0-9]+ ' <<<"$help" | tr -d ' '); do
    grep -qx ".B $code" "$file" || bad "$lang: exit status $code missing"
  done
  for var in XDG_STATE_HOME FLICONO_MAILSETUP_DATADIR FLICONO_MAILSETUP_LOCALEDIR FLICONO_MAILSETUP_RESOLV_CONF SSL_CERT_FILE; do
    grep -q "^.B $var" "$file" || bad "$lang: environment variable $var missing"
  done
  # connect --json: every key the code writes and every failure name it
  # can give has its own entry (".B key", ".BR key ,", ".BI http\- NNN").
  for name in $(json_keys) $(failure_names); do
    sed 's/\\-/-/g' "$file" | grep -qE "^\.B[IR]? $name-?( |\$)" ||
      bad "$lang: connect --json: $name missing"
  done
  for key in provider_id service_id key_file key_host; do
    grep -qx ".B $key" "$file" || bad "$lang: [domain_connect] key $key missing"
  done
done
[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
