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

# run ARGS…: runs "$BIN" ARGS… "${run_args[@]}"; sets $status (its exit
# status) and $out (stdout and stderr together, or stdout only when
# $run_err names a file for stderr). lab-common.sh sets run_args to
# (--resolver "$RES"); a script that names its resolvers itself empties it.
run_args=()
run_err=
run() {
  status=0
  if [ -n "$run_err" ]; then
    out=$("$BIN" "$@" "${run_args[@]}" 2>"$run_err") || status=$?
  else
    out=$("$BIN" "$@" "${run_args[@]}" 2>&1) || status=$?
  fi
}
# run_en ARGS…: run in English.
run_en() { LANG=en_US.UTF-8 run "$@"; }

# has TEXT / hasnt TEXT: $out holds TEXT (a fixed string) or does not.
has() { grep -qF -- "$1" <<<"$out"; }
hasnt() { ! grep -qF -- "$1" <<<"$out"; }

# json PYTHON [ARG…]: $out parsed as JSON into d, then the Python statements
# (asserts); the ARGs are sys.argv[1:].
json() {
  local code=$1
  shift
  /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); $code" "$@" <<<"$out"
}
