#!/usr/bin/env bash
# function-length.sh SRC: no function in SRC/**/*.c is longer than 80 lines
# (a screenful), except the message tables named below. A function is a line
# at column 0 with "name(" (not a declaration), its body from the "{" at
# column 0 to the next "}" at column 0.
set -u
src=${1:?usage: function-length.sh SRC}
max=80
# Message tables: one case per message, nothing to split.
exempt=" address_problem_message cli_print_help "
status=0
while IFS= read -r f; do
  while IFS= read -r row; do
    name=${row%% *}
    case $exempt in *" $name "*) continue ;; esac
    echo "too long: $f: $row"
    status=1
  done < <(awk -v max="$max" '
    /^[a-zA-Z_][a-zA-Z0-9_ \*]*\(/ && !/;[ \t]*$/ { fn = $0; sub(/\(.*/, "", fn); sub(/.*[ \*]/, "", fn) }
    /^\{/ { start = NR; name = fn }
    /^\}/ && start { n = NR - start - 1; if (n > max) printf "%s %d lines (from line %d)\n", name, n, start; start = 0 }
  ' "$f")
done < <(find "$src" -name '*.c' | sort)
[ "$status" -eq 0 ] && echo "no function over $max lines in $(find "$src" -name '*.c' | wc -l) files"
exit "$status"
