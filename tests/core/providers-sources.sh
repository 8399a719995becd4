#!/bin/sh
# providers-sources.sh FILE: every provider in FILE (data/providers) names
# its sources. Each [section] holds a "# source:" comment line, and every key
# but name stands below one within its section: a fact without a source is
# a guess, and the file takes none (see its header).
set -u
file=${1:?usage: providers-sources.sh FILE}
awk '
  /^\[/ { if (section != "" && !any) { printf "[%s] has no \"# source:\" line\n", section; bad = 1 }
          section = $0; gsub(/[][]/, "", section); any = 0; sourced = 0; next }
  section == "" { next }
  /^[ \t]*#[ \t]*source:/ { any = 1; sourced = 1; next }
  /^[ \t]*[#;]/ || /^[ \t]*$/ { next }
  /^[ \t]*name[ \t]*=/ { next }
  !sourced { printf "line %d in [%s] has no source above it: %s\n", NR, section, $0; bad = 1 }
  END { if (section != "" && !any) { printf "[%s] has no \"# source:\" line\n", section; bad = 1 }
        if (section == "") { print "no [section] at all"; bad = 1 }
        exit bad }
' "$file" || exit 1
echo "every provider in $file names its sources"
