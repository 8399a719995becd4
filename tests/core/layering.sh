#!/bin/bash
# layering.sh SRC — each layer includes only what lies beneath it
# (ARCHITECTURE.md "The layers, and why"): src/core knows no network, terminal or front-end
# (no dns/, ui/ or cli/ header, no curses, ldns, socket, curl, jansson or
# openssl headers); src/dns no
# ui/ or cli/ header and no curses; src/ui no cli/ header.
set -u
src=${1:?usage: layering.sh SRC}

# headers_of LAYER: the names of the layer's own headers, as an ERE alternation.
headers_of() {
  local names=() f
  for f in "$src/$1"/*.h; do
    [ -e "$f" ] && names+=("$(basename "$f" | sed 's/\./\\./g')")
  done
  local IFS='|'
  echo "${names[*]}"
}

curses='(ncursesw/)?n?curses(w)?\.h'
system_net="$curses|ldns/|sys/socket\.h|netdb\.h|poll\.h|netinet/|sys/un\.h"
# HTTPS, JSON and crypto are the network layer's (Domain Connect).
libraries='curl/|jansson\.h|openssl/'

dns=$(headers_of dns)
ui=$(headers_of ui)
cli=$(headers_of cli)

violations=0
# forbid LAYER PATTERN WHAT: no include in src/LAYER matches PATTERN.
forbid() {
  local layer=$1 pattern=$2 what=$3 bad
  bad=$(grep -nE "#[[:space:]]*include[[:space:]]*[<\"]($pattern)[>\"]?" "$src/$layer"/*.[ch])
  if [ -n "$bad" ]; then
    printf 'src/%s must not include %s:\n%s\n' "$layer" "$what" "$bad"
    violations=$((violations + 1))
  fi
}
forbid core "$system_net" "curses, ldns or socket headers"
forbid core "$dns|$ui|$cli" "headers of src/dns, src/ui or src/cli"
forbid core "$libraries" "curl, jansson or openssl headers"
forbid dns "$curses" "curses"
forbid dns "$ui|$cli" "headers of src/ui or src/cli"
forbid ui "$cli" "headers of src/cli"

if [ "$violations" -ne 0 ]; then exit 1; fi
for layer in core dns ui cli; do
  printf 'src/%s: %d files, no include from a layer above\n' "$layer" \
    "$(find "$src/$layer" -maxdepth 1 -name '*.[ch]' | wc -l)"
done
