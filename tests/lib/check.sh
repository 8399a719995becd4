# check.sh — sourced by the shell tests: one line per check in TAP style,
# failures counted in $failures (the sourcing script reports them).

failures=${failures:-0}

# check NAME COMMAND…: a condition; "ok - NAME" or "not ok - NAME".
check() {
  local name=$1
  shift
  if "$@"; then
    echo "ok - $name"
  else
    echo "not ok - $name"
    failures=$((failures + 1))
  fi
}
