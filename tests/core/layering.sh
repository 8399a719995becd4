#!/bin/sh
# The core stays pure: no curses, no ldns, no sockets (DESIGN.md "Architecture").
dir=${1:?usage: layering.sh SRC/CORE}
bad=$(grep -nE '#[[:space:]]*include[[:space:]]*[<"](n?curses(w)?\.h|ldns/|sys/socket\.h|netdb\.h|poll\.h)' "$dir"/*.c "$dir"/*.h)
if [ -n "$bad" ]; then
  printf 'src/core must not include curses, ldns or socket headers:\n%s\n' "$bad"
  exit 1
fi
echo "src/core: no curses, ldns or socket includes in $(ls "$dir"/*.[ch] | wc -l) files"
