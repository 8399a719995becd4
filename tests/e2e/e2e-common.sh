# e2e-common.sh — sourced by the wizard's end-to-end tests: the real binary
# in a private tmux server (tmux -L NAME), driven with send-keys and read
# with capture-pane, against the DNS lab on 127.NET.* (tests/lab/lab.sh with
# the zones in tests/e2e/zones), all in the script's own network namespace
# (tests/lib/netns.sh: the tmux server, started from inside, and the wizard
# it runs see the lab). Everything started here is stopped on EXIT.
#
# Environment: BIN (the program), LAB_SH, E2E_ZONES, E2E_SCREENS (reference
# captures; E2E_UPDATE=1 rewrites them). Argument: NET.
#
# After sourcing: start_wizard COLS ROWS [VAR=VALUE…] -- [ARGS…], keys KEY…,
# wait_for TEXT [SECONDS], wait_gone TEXT [SECONDS], screen (the pane now),
# expect_screen NAME, wait_screen TEXT, ignored_key KEY…, check NAME COMMAND…, wait_exit [SECONDS] (sets
# $exit_status), finish. $WORK, $STATE (XDG_STATE_HOME);
# after start_lab: $RES, $NS1, $NS2.
set -euo pipefail

# shellcheck source=tests/lib/netns.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/netns.sh"

NET=${1:?usage: $0 NET}
: "${BIN:?}" "${LAB_SH:?}" "${E2E_ZONES:?}" "${E2E_SCREENS:?}"

if [ "$(id -u)" -ne 0 ] || ! command -v nsd >/dev/null || ! command -v unbound >/dev/null ||
  ! command -v drill >/dev/null || ! command -v tmux >/dev/null; then
  echo "SKIP: the wizard tests need root, tmux, nsd, unbound and drill (./dev test installs them)"
  exit 77
fi

WORK=$(mktemp -d /tmp/e2e.XXXXXX)
STATE=$WORK/state
SOCK=
socks=0
failures=0
lab_started=false

tm() { tmux -L "$SOCK" "$@"; }
# stop_tmux: ends the current private server and removes its socket file,
# which tmux leaves behind.
stop_tmux() {
  [ -n "$SOCK" ] || return 0
  tm kill-server 2>/dev/null || true
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
}

bg_pids=()

cleanup() {
  local rc=$? pid
  stop_tmux
  for pid in "${bg_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if $lab_started; then "$LAB_SH" stop "$WORK/lab" || rc=1; fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

# start_lab: the lab on 127.NET.*.
start_lab() {
  lab_started=true
  if ! "$LAB_SH" start "$WORK/lab" "$NET" "$E2E_ZONES"; then
    echo "the DNS lab does not start"
    exit 1
  fi
  RES=127.$NET.1
  NS1=127.$NET.2
  NS2=127.$NET.3
}

# start_silent ADDRESS: a UDP socket on ADDRESS:53 that never answers (a
# dead resolver), until the test ends.
start_silent() {
  python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 53))
open(sys.argv[2], "w").close()
time.sleep(600)' "$1" "$WORK/silent.ready" &
  bg_pids+=($!)
  local i
  for ((i = 0; i < 50; i++)); do
    [ -e "$WORK/silent.ready" ] && return 0
    sleep 0.1
  done
  echo "the silent server on $1 did not start"
  exit 1
}

# start_wizard COLS ROWS [VAR=VALUE…] -- [ARGS…]: a fresh tmux server whose
# only pane runs the wizard; its exit status lands in $WORK/exit.
start_wizard() {
  local cols=$1 rows=$2 envs=() args=()
  shift 2
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  args=("$@")
  rm -f "$WORK/exit"
  # A fresh server each time: a server that is still shutting down would
  # take the new session with it.
  stop_tmux
  socks=$((socks + 1))
  SOCK=e2e-$$-${NET//./-}-$socks
  local cmd
  cmd=$(printf '%q ' env "XDG_STATE_HOME=$STATE" LANG=C.UTF-8 TERM=tmux-256color "${envs[@]}" "$BIN" "${args[@]}")
  # The exit status is written by the shell in the pane, after the wizard.
  tm -f /dev/null new-session -d -x "$cols" -y "$rows" -s w \
    "$cmd; echo \$? >$WORK/exit.tmp; mv $WORK/exit.tmp $WORK/exit; sleep 600"
  tm set-option -g set-clipboard on >/dev/null
}

keys() { tm send-keys -t w "$@"; }
screen() { tm capture-pane -p -t w; }
# The pane as one line, so that text the screen wrapped still matches.
flat() { screen | sed -E 's/^ +//; s/ +$//' | tr '\n' ' ' | tr -s ' '; }

# wait_for TEXT [SECONDS]: until the pane shows TEXT (fixed string); a
# failure shows the pane as it was at the deadline.
wait_for() {
  local text=$1 deadline=$((SECONDS + ${2:-15}))
  while [ "$SECONDS" -le "$deadline" ]; do
    flat | grep -qF -- "$text" && return 0
    sleep 0.1
  done
  echo "timed out waiting for: $text"
  screen | sed 's/^/  | /'
  return 1
}

wait_gone() {
  local text=$1 deadline=$((SECONDS + ${2:-15}))
  while [ "$SECONDS" -le "$deadline" ]; do
    flat | grep -qF -- "$text" || return 0
    sleep 0.1
  done
  echo "timed out waiting for this to go: $text"
  screen | sed 's/^/  | /'
  return 1
}

# wait_exit [SECONDS]: until the wizard has ended; sets $exit_status.
exit_status=
wait_exit() {
  local deadline=$((SECONDS + ${1:-15}))
  while [ "$SECONDS" -le "$deadline" ]; do
    if [ -f "$WORK/exit" ]; then
      exit_status=$(cat "$WORK/exit")
      return 0
    fi
    sleep 0.1
  done
  echo "the wizard did not end"
  screen | sed 's/^/  | /'
  return 1
}

# shellcheck source=tests/lib/check.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/check.sh"

# step NAME COMMAND…: like check, but a failed step ends the test (the
# next steps would only time out one after another).
step() {
  local before=$failures
  check "$@"
  [ "$failures" -eq "$before" ] || finish
}

# What varies between runs becomes a placeholder: durations and countdowns,
# the spinner, the lab's addresses.
normalise() {
  sed -E -e 's/[0-9]+ (s|min|h|Tage|days)\b/N/g' -e 's/N( N)+/N/g' \
    -e 's/(Runde|round) [0-9]+/\1 N/g' \
    -e 's/am [0-9]+\.[0-9]+\. um [0-9]+:[0-9]+ Uhr/am D um T Uhr/g' \
    -e 's/on [0-9]+\/[0-9]+ at [0-9]+:[0-9]+/on D at T/g' \
    -e 's/127\.[0-9]+\.[0-9]+\.([0-9]+) */127.LAB.\1 /g' \
    -e 's/^( *)[|\/\\-] /\1* /' -e 's/· [|\/\\-] /· * /'
}

# expect_screen NAME [SECONDS]: the pane, normalised, equals
# tests/e2e/screens/NAME.txt — within SECONDS (default 5), so that a redraw
# still under way (a burst of resize events) is waited for, not slept over.
expect_screen() {
  local ref="$E2E_SCREENS/$1.txt" now deadline=$((SECONDS + ${2:-5}))
  if [ "${E2E_UPDATE:-}" = 1 ]; then
    sleep 0.5 # only when writing references: let the screen settle
    screen | normalise >"$ref"
    echo "ok - screen $1 (written)"
    return 0
  fi
  while :; do
    now=$(screen | normalise)
    if [ -f "$ref" ] && [ "$now" == "$(cat "$ref")" ]; then
      echo "ok - screen $1"
      return 0
    fi
    [ "$SECONDS" -le "$deadline" ] || break
    sleep 0.1
  done
  echo "not ok - screen $1 differs from $ref:"
  diff -u "$ref" <(printf '%s\n' "$now") || true
  failures=$((failures + 1))
}

# wait_screen TEXT [SECONDS]: until the pane, normalised, is exactly TEXT
# (a screen captured before); a failure shows the difference.
wait_screen() {
  local want=$1 now deadline=$((SECONDS + ${2:-5}))
  while :; do
    now=$(screen | normalise)
    [ "$now" == "$want" ] && return 0
    [ "$SECONDS" -le "$deadline" ] || break
    sleep 0.1
  done
  diff -u <(printf '%s\n' "$want") <(printf '%s\n' "$now") | sed 's/^/  /' || true
  return 1
}

# ignored_key KEY…: sends keys while the terminal is too small and waits
# for the wizard to say that they were dropped (the positive sign that
# they were read, before anything else is checked).
ignored_key() {
  keys "$@"
  wait_for "Tasten wirken erst wieder, wenn das Fenster größer ist."
}

# shows TEXT: the pane contains TEXT now (wrapped or not).
shows() { flat | grep -qF -- "$1"; }
# shows_line LINE: some line of the pane is exactly LINE (after trimming).
shows_line() { screen | sed -E 's/^ +//; s/ +$//' | grep -qxF -- "$1"; }

finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
  fi
  exit 0
}
