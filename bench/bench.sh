#!/usr/bin/env bash
# The bash -c '…' snippets below get their values as arguments, on purpose.
# shellcheck disable=SC2016
# bench.sh [--quick] — the benchmark (`./dev bench`).
#
# Starts a DNS lab of its own on 127.NET.* (bench/benchlab.sh: NSD, a
# delaying relay per name server, unbound), checks that every command it
# measures gives the expected answer, times them with hyperfine and prints
# one table of medians and ratios; the full run writes it to
# bench/RESULTS.md. --quick: the same steps with tiny delays, one run each
# and a one-second idle window, no timing assertions, RESULTS.md untouched
# (`./dev test` runs it so that the benchmark cannot rot).
#
# Environment: BENCH_BUILD (build directory, default build/), SPF_SUITE_GZ
# (the RFC 7208 suite from python3-spf; ./dev passes it).
#
# Runs as root in a private network namespace (tests/lib/netns.sh: only lo,
# the machine's port 53 and resolver out of reach) and a private mount
# namespace in which /etc/resolv.conf names the lab's resolver: spfquery,
# pyspf and `drill @NAME` read that file. Every process started here is
# stopped on exit.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
quick=false
case ${1:-} in
  --quick) quick=true ;;
  "") ;;
  *) echo "usage: bench.sh [--quick]" >&2; exit 64 ;;
esac

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (name servers on port 53, namespaces)"
NETNS_UNSHARE_EXTRA=(--mount --propagation private)
# shellcheck source=tests/lib/netns.sh
. "$top/tests/lib/netns.sh"

BUILD=$(cd "${BENCH_BUILD:-$top/build}" && pwd) || die "no build directory: ${BENCH_BUILD:-$top/build}"
BIN=$BUILD/src/flicono-mailsetup
RELAY=$BUILD/bench/delay-relay
SUITE_BIN=$BUILD/tests/rfc7208/spf-suite
SPF_SUITE_GZ=${SPF_SUITE_GZ:-/usr/share/doc/python3-spf/rfc7208-tests.yml.gz}
TESTSPF_GZ=$(dirname "$SPF_SUITE_GZ")/testspf.py.gz
PY=/usr/bin/python3 # Debian's, with python3-spf (not a pyenv shim)
PYSPF=/usr/lib/python3/dist-packages/spf.py
ZONEDIR=$top/bench/zones
for f in "$BIN" "$RELAY" "$SUITE_BIN"; do [ -x "$f" ] || die "$f is missing: build first (./dev bench does)"; done
for f in "$SPF_SUITE_GZ" "$TESTSPF_GZ" "$PYSPF"; do [ -f "$f" ] || die "$f is missing (python3-spf)"; done
for c in hyperfine spfquery.libspf2 drill nsd unbound unbound-control ss /usr/bin/time tmux "$PY"; do
  command -v "$c" >/dev/null || die "$c is missing (./dev bench installs it)"
done

# ---- what is measured, and how often -------------------------------------

# Zones: the first three and anbieter.de (its NS names in the provider zone
# dns-anbieter.de, whose servers are as slow) are timed against the
# routine; stumm.de has a dead third server; kette5.de, alt.de and ohne.de
# are served by NSD directly, without delay. FLUSH: what a cold run of a
# timed zone empties in the resolver besides the zone.
ZONES=(zwei.de vier.de acht.de stumm.de kette5.de alt.de ohne.de anbieter.de dns-anbieter.de)
NSERVERS=(2 4 8 3 1 1 1 2 2)
DELAYS=("300 300" "100 170 230 300" "100 130 160 190 220 250 280 300" "300 300 drop"
  direct direct direct "300 300" "300 300")
declare -A FLUSH=([anbieter.de]=dns-anbieter.de)
ROUND_TIMEOUT_MS=3000 # src/cli/cmd_check.c: ROUND_TIMEOUT_MS
if $quick; then
  scale=10 # delays / 10
  runs_cold=1 runs_warm=1 runs_fast=2 runs_py=1 rounds=1 suite_repeat=1 py_repeat=1 idle=1
  timed_zones=(0 7)
else
  scale=1
  runs_cold=7 runs_warm=10 runs_fast=60 runs_py=6 rounds=5 suite_repeat=500 py_repeat=15 idle=60
  timed_zones=(0 1 2 7)
fi
SERVERS=()
for i in "${!ZONES[@]}"; do
  if [ "${DELAYS[$i]}" = direct ]; then
    SERVERS+=(direct)
    continue
  fi
  s="" host=$((i * 10 + 11))
  for d in ${DELAYS[$i]}; do
    [ "$d" = drop ] || d=$((d / scale))
    s+="$host=$d "
    host=$((host + 1))
  done
  SERVERS+=("${s% }")
done
# The slowest live server of zone I, in ms: the physical limit of one round.
limit_ms() {
  local d max=0
  for d in ${DELAYS[$1]}; do [ "$d" = drop ] || ((d / scale <= max)) || max=$((d / scale)); done
  echo "$max"
}

# ---- the lab, in a namespace where /etc/resolv.conf is the lab's ----------

WORK=$(mktemp -d /tmp/bench.XXXXXX)
LABDIR=$WORK/lab
bg_pids=()
tmux_sock=""
cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM
  [ -z "$tmux_sock" ] || tmux -L "$tmux_sock" kill-server 2>/dev/null || true
  for pid in "${bg_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  lab_stop
  if [ "$rc" -ne 0 ] && [ -f "$WORK/log" ]; then
    say "the last lines of $WORK/log:"
    tail -n 25 "$WORK/log" >&2
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# shellcheck source=bench/benchlab.sh
. "$top/bench/benchlab.sh"

if $quick; then NET=53.61; else NET=53.60; fi
: >"$WORK/resolv.conf"
mount --bind "$WORK/resolv.conf" /etc/resolv.conf
printf '# the bench lab (bench/bench.sh)\nnameserver 127.%s.1\n' "$NET" >"$WORK/resolv.conf"
lab_start || die "the bench lab does not start"
RES=127.$NET.1
UBCONF=$LABDIR/unbound.conf
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# Without --resolver the program would read resolv.conf: here the lab's too.
export FLICONO_MAILSETUP_RESOLV_CONF=$WORK/resolv.conf
say "lab up on 127.$NET.* ($(if $quick; then echo "reduced variant"; else echo "full run"; fi))"

# ---- helpers -----------------------------------------------------------------

declare -A M # medians (seconds) and other numbers, by key

# hf KEY HYPERFINE-ARGS… — runs hyperfine -N (no shell in between), its
# output to the log; a command with a non-zero exit fails the bench.
hf() {
  local key=$1
  shift
  hyperfine -N --style basic --export-json "$WORK/$key.json" "$@" >>"$WORK/log" 2>&1 ||
    die "hyperfine failed for $key"
}
# median KEY INDEX — the median of the INDEX-th command of run KEY (pooled
# over KEY.json and every KEY.N.json), in seconds.
median() {
  "$PY" -c '
import glob, json, statistics, sys
key, idx = sys.argv[1], int(sys.argv[2])
times = []
for f in glob.glob(key + ".json") + glob.glob(key + ".*.json"):
    times += json.load(open(f))["results"][idx]["times"]
print("%.6f" % statistics.median(times))' "$WORK/$1" "$2"
}
# cpu KEY INDEX — user + system CPU of one run of the INDEX-th command of KEY
# (mean over every round), in seconds: steadier than wall time here.
cpu() {
  "$PY" -c '
import glob, json, statistics, sys
key, idx = sys.argv[1], int(sys.argv[2])
r = [json.load(open(f))["results"][idx] for f in glob.glob(key + ".json") + glob.glob(key + ".*.json")]
print("%.6f" % statistics.mean(x["user"] + x["system"] for x in r))' "$WORK/$1" "$2"
}
# hf_rounds ROUNDS KEY… -- HYPERFINE-ARGS… — for commands of a few ms, where
# a burst of noise on this shared machine would hit one command's runs
# only: ROUNDS rounds, each running hyperfine once per KEY in turn (the
# arguments of KEY come from the array named KEY); medians are pooled.
hf_rounds() {
  local rounds=$1 r key
  shift
  for ((r = 1; r <= rounds; r++)); do
    for key in "$@"; do
      # shellcheck disable=SC2178 # a nameref to the array named KEY
      local -n args=$key
      hf "$key.$r" "${args[@]}"
    done
  done
}
# json_check FILE PYTHON — asserts on the JSON in FILE as `d`.
json_check() {
  "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); $2" "$1" >>"$WORK/log" 2>&1
}
expect() { # expect WHAT COMMAND…
  local what=$1
  shift
  "$@" >>"$WORK/log" 2>&1 || die "wrong answer: $what"
}
first_line_is() { # first_line_is WORD COMMAND…
  local want=$1 got
  shift
  got=$("$@" 2>>"$WORK/log" | head -n 1) || true
  printf '%s → %s\n' "$*" "$got" >>"$WORK/log"
  [ "$got" = "$want" ]
}
# cpu_ns PID — CPU time of every thread of PID so far, in ns (schedstat).
cpu_ns() {
  local f sum=0 t
  for f in /proc/"$1"/task/*/schedstat; do
    read -r t _ <"$f" || continue
    sum=$((sum + t))
  done
  echo "$sum"
}
wait_file_has() { # wait_file_has FILE TEXT SECONDS
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -qF -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
F4=148.251.195.107

# ---- 1. propagation round vs servers ----------------------------------------

for i in "${timed_zones[@]}"; do
  z=${ZONES[$i]} n=${NSERVERS[$i]}
  say "1. propagation round: $z, $n name servers, delays ${SERVERS[$i]}"
  "$BIN" check "info@$z" --resolver "$RES" --json >"$WORK/$z.json" 2>>"$WORK/log" || die "check $z: not exit 0"
  json_check "$WORK/$z.json" "
auth = [r for r in d['servers'] if r['role'] == 'authoritative']
assert d['verdict'] == 'propagated' and len(auth) == $n and all(r['state'] == 'new' for r in auth), d
assert d['check_host'] == {'ipv4': 'pass', 'ipv6': 'pass'}, d" || die "check $z: wrong answer"
  expect "routine $z" "$top/bench/routine.sh" "$z" "$RES" "$n"
  hf "cold-$z" --runs "$runs_cold" --prepare "$top/bench/flush-cache.sh $UBCONF $z ${FLUSH[$z]:-}" \
    -n check "$BIN check info@$z --resolver $RES" \
    -n routine "$top/bench/routine.sh $z $RES $n"
  hf "warm-$z" --warmup 1 --runs "$runs_warm" \
    -n check "$BIN check info@$z --resolver $RES" \
    -n routine "$top/bench/routine.sh $z $RES $n"
  M[cold-check-$z]=$(median "cold-$z" 0)
  M[cold-routine-$z]=$(median "cold-$z" 1)
  M[warm-check-$z]=$(median "warm-$z" 0)
  M[warm-routine-$z]=$(median "warm-$z" 1)
  M[limit-$z]=$(awk -v ms="$(limit_ms "$i")" 'BEGIN { printf "%.3f", ms / 1000 }')
done

# The dead server: stumm.de, 2 servers at +300 ms and one that never answers.
z=stumm.de
if $quick; then
  say "1. dead server: $z — skipped in the reduced variant (it costs the whole ${ROUND_TIMEOUT_MS} ms time-out)"
else
  say "1. dead server: $z"
  "$BIN" check "info@$z" --resolver "$RES" --json >"$WORK/$z.json" 2>>"$WORK/log" || die "check $z: not exit 0"
  json_check "$WORK/$z.json" "
auth = [r for r in d['servers'] if r['role'] == 'authoritative']
assert sorted(r['state'] for r in auth) == ['new', 'new', 'timeout'], auth
assert d['verdict'] == 'propagated', d" || die "check $z: wrong answer"
  hf "dead" --warmup 1 --runs 3 -n check "$BIN check info@$z --resolver $RES"
  M[dead]=$(median dead 0)
fi

# ---- 2. SPF evaluation, whole process ---------------------------------------

say "2. spf, whole process: kette5.de (5 levels, 8 DNS terms)"
z=kette5.de
for ipres in 192.0.2.5=pass 198.51.100.7=fail; do
  ip=${ipres%=*} want=${ipres#*=}
  expect "flicono spf $ip" first_line_is "$want" "$BIN" spf "$ip" "info@$z" --resolver "$RES"
  expect "spfquery $ip" first_line_is "$want" spfquery.libspf2 -ip "$ip" -sender "info@$z" -helo "$z"
  expect "pyspf $ip" first_line_is "result: ('$want'," \
    bash -c '"$1" "$2" "$3" "$4" "$5" | sed -E "s/^(result: \(.[a-z]+.,).*/\1/"' _ "$PY" "$PYSPF" "$ip" "info@$z" "$z"
done
expect "trace counts 8 DNS terms" bash -c '"$1" spf --trace 192.0.2.5 "info@$2" --resolver "$3" | grep -q "DNS-Terme: 8 von"' _ "$BIN" "$z" "$RES"
# shellcheck disable=SC2034 # used through hf_rounds' nameref
spf=(--warmup 3 --runs "$runs_fast"
  -n flicono "$BIN spf 192.0.2.5 info@$z --resolver $RES"
  -n true /bin/true)
# spfquery's exit status is its result's code (2: pass): failures ignored here,
# its answer was checked above.
# shellcheck disable=SC2034 # used through hf_rounds' nameref
spfq=(--warmup 3 --runs "$runs_fast" --ignore-failure
  -n spfquery "spfquery.libspf2 -ip 192.0.2.5 -sender info@$z -helo $z")
# shellcheck disable=SC2034 # used through hf_rounds' nameref
pyspf=(--warmup 1 --runs "$runs_py" -n pyspf "$PY $PYSPF 192.0.2.5 info@$z $z")
hf_rounds "$rounds" spf spfq pyspf
M[spf-flicono]=$(median spf 0)
M[spf-true]=$(median spf 1)
M[spf-spfquery]=$(median spfq 0)
M[cpu-flicono]=$(cpu spf 0) M[cpu-true]=$(cpu spf 1) M[cpu-spfquery]=$(cpu spfq 0)
M[spf-pyspf]=$(median pyspf 0)

# ---- 3. SPF evaluation, in process -------------------------------------------

say "3. check_host() per second over the RFC 7208 suite"
gzip -dc "$SPF_SUITE_GZ" >"$WORK/rfc7208-tests.yml"
gzip -dc "$TESTSPF_GZ" >"$WORK/testspf.py"
suite_out=$("$SUITE_BIN" "$WORK/rfc7208-tests.yml" --bench "$suite_repeat" 2>&1) || die "spf-suite: $suite_out"
echo "$suite_out" >>"$WORK/log"
grep -qx '203 passed, 0 failed' <<<"$suite_out" || die "spf-suite: not 203 passed: $suite_out"
M[suite-us]=$(sed -nE 's/^bench: .* ([0-9.]+) us per check$/\1/p' <<<"$suite_out")
[ -n "${M[suite-us]}" ] || die "spf-suite --bench printed no time"
read -r py_tests py_failed py_s < <("$PY" "$top/bench/pyspf-suite.py" "$WORK" "$WORK/rfc7208-tests.yml" "$py_repeat")
[ "$py_tests" = 203 ] || die "pyspf's runner ran $py_tests tests, not 203"
M[py-tests]=$py_tests M[py-failed]=$py_failed
M[py-us]=$(awk -v s="$py_s" -v n="$py_tests" 'BEGIN { printf "%.2f", s * 1e6 / n }')

# ---- 4. start-up and memory --------------------------------------------------

say "4. start-up and peak memory"
expect "--version" bash -c '"$1" --version | grep -q "[0-9]\.[0-9]"' _ "$BIN"
merged="v=spf1 mx ip4:$F4 ip6:2a01:4f8:211:18e8::2 ~all"
expect "show alt.de merges" bash -c '"$1" show info@alt.de --resolver "$2" 2>/dev/null | grep -qF "$3"' _ "$BIN" "$RES" "$merged"
# shellcheck disable=SC2034 # used through hf_rounds' nameref
startup=(--warmup 3 --runs "$runs_fast"
  -n version "$BIN --version"
  -n show "$BIN show info@alt.de --resolver $RES"
  -n true /bin/true)
hf_rounds "$rounds" startup
# Issue 14: how many questions show sends (the answer cache asks each once).
M[show-sent]=$(FLICONO_DNS_STATS=1 "$BIN" show info@alt.de --resolver "$RES" 2>&1 >/dev/null |
  grep -c '^dns: Frage ' || true)
M[startup-true]=$(median startup 2)
M[version]=$(median startup 0)
M[show]=$(median startup 1)
rss() { # rss KEY COMMAND… — peak RSS in KiB
  /usr/bin/time -f %M -o "$WORK/rss-$1" "${@:2}" >>"$WORK/log" 2>&1 || true
  M[rss-$1]=$(tail -n 1 "$WORK/rss-$1")
}
rss check "$BIN" check info@zwei.de --resolver "$RES"
rss spf "$BIN" spf 192.0.2.5 info@kette5.de --resolver "$RES"
rss version "$BIN" --version

# The wizard: measured when `flicono-mailsetup` without arguments starts it.
wizard_note=""
tmux_sock=bench-$$
tm() { tmux -L "$tmux_sock" "$@"; }
pane() { tm capture-pane -p -t w 2>/dev/null | tr -s ' ' || true; }
wait_pane() { # wait_pane TEXT SECONDS
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    pane | tr '\n' ' ' | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  printf 'waited in vain for: %s\n' "$1" >>"$WORK/log"
  pane >>"$WORK/log"
  return 1
}
# Issue 14: exec to the wizard's first frame, in tmux. tmux pipes the pane's
# output to bench/first-frame-stamp.py; once that reads (its READY file), the
# pane's shell is let go: it notes the time and execs the program itself (the
# environment set by the shell, no env(1) in between); the stamp is taken when
# the welcome screen's text arrives in the pipe (no polling). The same for
# bench/first-frame-hello (an ncurses hello-world: the floor of any ncurses
# program here) and for /bin/echo of the same text (tmux's own part).
first_frame() { # first_frame RUNS TEXT PROGRAM [ARGS…] — the median in s, empty when never seen
  local i k t0 t1 cmd vals=() runs=$1 text=$2
  shift 2
  for ((i = 0; i < runs; i++)); do
    rm -rf "$WORK/ff-state" "$WORK/ff-ready-$i"
    cmd=$(printf '%q ' "$@")
    tm -f /dev/null new-session -d -x 80 -y 24 -s ff \
      "tmux -L $tmux_sock wait-for ff-go; echo \$EPOCHREALTIME >$WORK/ff-t0-$i; XDG_STATE_HOME=$WORK/ff-state LANG=C.UTF-8 TERM=tmux-256color exec $cmd"
    # A file per run: a stamp process that outlives its run writes nowhere else.
    tm pipe-pane -t ff -O "$top/bench/first-frame-stamp.py $(printf '%q' "$text") $WORK/ff-ready-$i >$WORK/ff-t1-$i"
    for ((k = 0; k < 250; k++)); do
      [ -e "$WORK/ff-ready-$i" ] && break
      sleep 0.01
    done
    tm wait-for -S ff-go
    for ((k = 0; k < 250; k++)); do
      [ -s "$WORK/ff-t1-$i" ] && break
      sleep 0.02
    done
    t0=$(cat "$WORK/ff-t0-$i" 2>/dev/null || true)
    t1=$(cat "$WORK/ff-t1-$i" 2>/dev/null || true)
    [ -n "$t1" ] && [ -n "$t0" ] && vals+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')")
    tm kill-session -t ff 2>/dev/null || true
  done
  [ ${#vals[@]} -gt 0 ] && printf '%s\n' "${vals[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
ff_text='Neue Einrichtung beginnen'
M[first-frame]=$(first_frame "$runs_warm" "$ff_text" "$BIN" --resolver "$RES" || true)
M[first-frame-hello]=$(first_frame "$runs_warm" "$ff_text" "$BUILD/bench/first-frame-hello" || true)
M[first-frame-echo]=$(first_frame "$runs_warm" "$ff_text" /bin/echo "$ff_text" || true)
wizard_cmd=$(printf '%q ' /usr/bin/time -v -o "$WORK/wizard.time" env "XDG_STATE_HOME=$WORK/state" \
  LANG=C.UTF-8 TERM=tmux-256color "$BIN" --resolver "$RES")
tm -f /dev/null new-session -d -x 80 -y 24 -s w "$wizard_cmd; sleep 600"
if ! wait_pane "Neue Einrichtung beginnen" 3; then
  wizard_note="\`flicono-mailsetup\` without arguments starts no wizard in this tree (the wizard is on another branch): not measured"
  say "   wizard: $wizard_note"
else
  # The path of tests/e2e/e2e-spf-new.sh, to the check screen (Prüfung).
  tm send-keys -t w 0 # 0: a new setup, whatever the open checks
  wait_pane "Adresse:" 5 || die "wizard: no address screen"
  tm send-keys -t w "info@ohne.de" Enter
  wait_pane "keinen SPF-Eintrag" 10 || die "wizard: no diagnosis"
  tm send-keys -t w Enter
  wait_pane "Wie soll Flicono" 5 || die "wizard: no method screen"
  tm send-keys -t w 2
  wait_pane "in einer Zeile" 5 || die "wizard: no form screen"
  tm send-keys -t w 1
  wait_pane "86400?" 5 || die "wizard: no TTL screen"
  tm send-keys -t w 1
  wait_pane "diesen Eintrag an:" 5 || die "wizard: no entry screen"
  tm send-keys -t w Enter
  wait_pane "nächste Prüfung in" 20 || die "wizard: no check round"
  wpid=""
  for p in $(pgrep -f -- "$BIN --resolver $RES"); do
    [ "$(readlink -f "/proc/$p/exe")" = "$(readlink -f "$BIN")" ] &&
      tr '\0' '\n' <"/proc/$p/environ" | grep -qx "XDG_STATE_HOME=$WORK/state" && wpid=$p
  done
  [ -n "$wpid" ] || die "wizard: its process is not found"
  say "5. idle cost: the wizard's check screen, ${idle} s"
  c0=$(cpu_ns "$wpid")
  sleep "$idle"
  c1=$(cpu_ns "$wpid")
  M[idle-wizard]=$(awk -v d=$((c1 - c0)) -v s="$idle" 'BEGIN { printf "%.4f", d / 1e9 / s * 100 }')
  kill -TERM "$wpid"
  for ((k = 0; k < 50; k++)); do
    [ -s "$WORK/wizard.time" ] && grep -q "Maximum resident" "$WORK/wizard.time" && break
    sleep 0.1
  done
  M[rss-wizard]=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/wizard.time")
  [ -n "${M[rss-wizard]}" ] || die "wizard: no peak RSS from /usr/bin/time"
fi
tm kill-server 2>/dev/null || true
tmux_sock=""

# ---- 5. idle cost while watching ---------------------------------------------

say "5. idle cost: check --watch, ${idle} s between rounds"
"$BIN" check info@alt.de --resolver "$RES" --watch --interval $((idle + 10)) --timeout 3600 \
  >"$WORK/watch.out" 2>&1 &
wpid=$!
bg_pids+=("$wpid")
wait_file_has "$WORK/watch.out" "Ergebnis:" 10 || die "check --watch: no first round"
c0=$(cpu_ns "$wpid")
sleep "$idle"
lab_alive "$wpid" || die "check --watch ended early"
c1=$(cpu_ns "$wpid")
M[idle-watch]=$(awk -v d=$((c1 - c0)) -v s="$idle" 'BEGIN { printf "%.4f", d / 1e9 / s * 100 }')
M[idle-watch-s]=$(awk -v d=$((c1 - c0)) 'BEGIN { printf "%.6f", d / 1e9 }')
kill "$wpid"

# ---- propagation as the customer lives it (bench/propagation.sh) -------------
# Beside this build, the one before the check stopped asking caches ahead of
# the change (BENCH_BASELINE), built from the repository's history into a
# scratch folder: the same scenarios, one after the other, in this run.
BASELINE=${BENCH_BASELINE:-3bb727d}
if $quick; then
  prop=$("$top/bench/propagation.sh" --quick "$BIN") || die "propagation scenarios failed"
else
  say "building the baseline $BASELINE for the propagation scenarios"
  basedir=$(mktemp -d)
  mkdir "$basedir/src"
  git -C "$top" archive "$BASELINE" | tar -x -C "$basedir/src" ||
    die "git archive $BASELINE failed (a clone with history is needed)"
  meson setup "$basedir/build" "$basedir/src" -Dtests=disabled >"$basedir/log" 2>&1 &&
    ninja -C "$basedir/build" src/flicono-mailsetup >>"$basedir/log" 2>&1 ||
    { cat "$basedir/log" >&2; die "the baseline does not build"; }
  prop=$("$top/bench/propagation.sh" "$BIN" "$basedir/build/src/flicono-mailsetup" "$basedir/src/data") ||
    die "propagation scenarios failed"
  rm -rf "$basedir"
fi
while read -r tag key value; do
  [ "$tag" = M ] && M[$key]=$value
done <<<"$prop"

# ---- the table ---------------------------------------------------------------

ms() { awk -v s="$1" 'BEGIN { v = s * 1000; if (v >= 100) printf "%.0f ms", v; else if (v >= 10) printf "%.1f ms", v; else printf "%.2f ms", v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else { r = a / b; printf (r >= 10 ? "%.0f×" : "%.2f×"), r } }'; }
yes_no() { if awk "BEGIN { exit !($1) }"; then echo "yes"; else echo "**no**"; fi; }
rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 | $6 |"); }

for i in "${timed_zones[@]}"; do
  z=${ZONES[$i]} n=${NSERVERS[$i]}
  for t in cold warm; do
    c=${M[$t-check-$z]} r=${M[$t-routine-$z]}
    row "1 $z ($n NS), $t cache" "check $(ms "$c")" "routine $(ms "$r")" "$(ratio "$r" "$c") faster" \
      "≥ 2×" "$(yes_no "$r >= 2 * $c")"
  done
  # The chain a cold check cannot shorten, with the NS names inside the
  # zone: the zone (1), the servers' addresses, which come from the slow
  # servers themselves (1), TXT at every server (1), and — the bench zones
  # serve the record everywhere — TXT at the resolvers (1), asked only
  # after the name servers so that no cache holds the old answer
  # (src/dns/propagation.c). Everything else goes beside it (prefetch.c).
  c=${M[cold-check-$z]} l=${M[limit-$z]}
  row "1 $z cold: round trips beyond the chain of 4" "check $(ms "$c")" "4 × slowest $(ms "$(awk -v l="$l" 'BEGIN { print 4 * l }')")" \
    "$(awk -v c="$c" -v l="$l" 'BEGIN { printf "%.1f", (c - 4 * l) / l }') beyond" "≤ 4 × slowest + 50 ms" \
    "$(yes_no "$c <= 4 * $l + 0.050")"
  c=${M[warm-check-$z]} l=${M[limit-$z]}
  row "1 $z one round (warm) vs limit" "check $(ms "$c")" "slowest server $(ms "$l")" \
    "$(ratio "$c" "$l")" "≤ 1.15× + 20 ms" "$(yes_no "$c <= 1.15 * $l + 0.020")"
done
if [ -n "${M[dead]:-}" ]; then
  t=$(awk -v ms="$ROUND_TIMEOUT_MS" 'BEGIN { printf "%.3f", ms / 1000 }')
  row "1 stumm.de: 2 NS at +300 ms, 1 dead" "check $(ms "${M[dead]}")" "one time-out $(ms "$t")" \
    "$(ratio "${M[dead]}" "$t")" "≤ 1.15× + 20 ms" "$(yes_no "${M[dead]} <= 1.15 * $t + 0.020")"
fi
f=${M[spf-flicono]}
beyond() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f ms", (a - b) * 1000 }'; }
row "2 spf, kette5.de (5 levels, 8 terms)" "flicono $(ms "$f") ($(beyond "$f" "${M[spf-true]}") beyond /bin/true)" \
  "spfquery.libspf2 $(ms "${M[spf-spfquery]}") ($(beyond "${M[spf-spfquery]}" "${M[spf-true]}") beyond)" \
  "$(ratio "${M[spf-spfquery]}" "$f") as fast" "≥ 1×" "$(yes_no "$f <= ${M[spf-spfquery]}")"
row "2 spf, kette5.de" "flicono $(ms "$f")" "pyspf CLI $(ms "${M[spf-pyspf]}")" \
  "$(ratio "${M[spf-pyspf]}" "$f") faster" "≥ 50×" "$(yes_no "${M[spf-pyspf]} >= 50 * $f")"
row "2 (process start: /bin/true)" "$(ms "${M[spf-true]}")" "" "" "" ""
row "2 (CPU, user + system, mean)" "flicono $(ms "${M[cpu-flicono]}")" "spfquery.libspf2 $(ms "${M[cpu-spfquery]}"), /bin/true $(ms "${M[cpu-true]}")" \
  "$(ratio "${M[cpu-spfquery]}" "${M[cpu-flicono]}")" "" ""
us=${M[suite-us]} pyus=${M[py-us]}
row "3 check_host() in process, RFC 7208 suite" \
  "$(awk -v u="$us" 'BEGIN { printf "%.0f /s (%.2f µs)", 1e6 / u, u }')" \
  "pyspf runner $(awk -v u="$pyus" 'BEGIN { printf "%.0f /s (%.1f µs)", 1e6 / u, u }')" \
  "$(ratio "$pyus" "$us") faster" "≥ 50×" "$(yes_no "$pyus >= 50 * $us")"
# Start-up is information, not a target: the libraries are Debian's shared
# ones (their loading is most of it), as the package installs them.
row "4 start-up: --version" "$(ms "${M[version]}") ($(beyond "${M[version]}" "${M[startup-true]}") beyond /bin/true)" \
  "/bin/true $(ms "${M[startup-true]}")" "$(ratio "${M[version]}" "${M[startup-true]}") of /bin/true" "information" ""
row "4 show info@alt.de: questions sent" "${M[show-sent]}" "14 before the answer cache" "" \
  "each once" "$(yes_no "${M[show-sent]} > 0 && ${M[show-sent]} < 14")"
row "4 start-up: show (alt.de, warm resolver)" "$(ms "${M[show]}") ($(beyond "${M[show]}" "${M[startup-true]}") beyond)" \
  "" "" "information" ""
if [ -n "${M[first-frame]:-}" ]; then
  hello=""
  [ -z "${M[first-frame-hello]:-}" ] ||
    hello="ncurses hello-world $(ms "${M[first-frame-hello]}") ($(beyond "${M[first-frame]}" "${M[first-frame-hello]}") beyond)"
  [ -z "${M[first-frame-echo]:-}" ] || hello+="${hello:+, }echo of the text $(ms "${M[first-frame-echo]}")"
  row "4 wizard: exec to first frame (tmux)" "$(ms "${M[first-frame]}")" "$hello" "" "≤ 15 ms" \
    "$(yes_no "${M[first-frame]} <= 0.015")"
fi
for k in version check spf wizard; do
  if [ -n "${M[rss-$k]:-}" ]; then
    row "4 peak RSS: $k" "$(awk -v k="${M[rss-$k]}" 'BEGIN { printf "%.1f MiB", k / 1024 }')" "" "" "< 8 MiB" \
      "$(yes_no "${M[rss-$k]} < 8192")"
  fi
done
[ -n "${M[rss-wizard]:-}" ] || row "4 peak RSS: wizard" "not measured" "" "" "< 8 MiB" "skipped (see note)"
row "5 idle: check --watch, ${idle} s" "$(printf '%s %% of a core' "${M[idle-watch]}")" "" "" "< 0.5 %" \
  "$(yes_no "${M[idle-watch]} < 0.5")"
if [ -n "${M[idle-wizard]:-}" ]; then
  row "5 idle: wizard check screen, ${idle} s" "$(printf '%s %% of a core' "${M[idle-wizard]}")" "" "" "< 0.5 %" \
    "$(yes_no "${M[idle-wizard]} < 0.5")"
else
  row "5 idle: wizard check screen" "not measured" "" "" "< 0.5 %" "skipped (see note)"
fi

secs() { awk -v s="$1" 'BEGIN { printf "%.1f s", s }'; }
if [ -n "${M[noticed-old]:-}" ]; then
  row "6 green after a diagnosis (lange.de, TTL 60 s)" "$(secs "${M[green-after-show-new]}")" \
    "$BASELINE $(secs "${M[green-after-show-old]}")" "$(ratio "${M[green-after-show-old]}" "${M[green-after-show-new]}") faster" \
    "≤ 3 s" "$(yes_no "${M[green-after-show-new]} <= 3")"
  row "6 change noticed: both name servers serve it → green (kurz.de)" "$(secs "${M[noticed-new]}")" \
    "$BASELINE $(secs "${M[noticed-old]}")" "$(ratio "${M[noticed-old]}" "${M[noticed-new]}") faster" \
    "≤ 3 s" "$(yes_no "${M[noticed-new]} <= 3")"
else
  row "6 green after a diagnosis (lange.de)" "$(secs "${M[green-after-show-new]}")" "" "" "≤ 3 s" "not judged (quick)"
  row "6 change noticed (kurz.de)" "$(secs "${M[noticed-new]}")" "" "" "≤ 3 s" "not judged (quick)"
fi

table=$(
  echo "| case | measured (median) | compared with (median) | ratio | target | met |"
  echo "| --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
)
notes="pyspf's runner: ${M[py-tests]} tests, ${M[py-failed]} failed; flicono-mailsetup's suite: 203 passed, 0 failed."
[ -z "$wizard_note" ] || notes+=$'\n'"Wizard: $wizard_note."
echo
echo "$table"
echo
echo "$notes"

if $quick; then
  say "reduced variant: every answer as expected (timings above are not judged)"
  exit 0
fi

# ---- bench/RESULTS.md ---------------------------------------------------------

ver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }
{
  echo "# Benchmark results"
  echo
  echo "Written by \`./dev bench\` (bench/bench.sh); the explanations below the table are kept by hand"
  echo "in bench/NOTES.md and appended here."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), kernel $(uname -r), shared (noisy): ratios count"
  echo "- flicono-mailsetup: $("$BIN" --version | head -n 1), commit $(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$top" diff --quiet HEAD -- . ':!bench/RESULTS.md' 2>/dev/null || echo ' (with changes)'), build $(basename "$BUILD") (meson buildtype $(meson introspect --buildoptions "$BUILD" 2>/dev/null | "$PY" -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="buildtype"][0])' 2>/dev/null || echo '?'))"
  echo "- compared: spfquery.libspf2 (libspf2 $(ver spfquery)), pyspf $(ver python3-spf) on $("$PY" --version), drill (ldnsutils $(ver ldnsutils))"
  echo "- lab: NSD $(ver nsd), unbound $(ver unbound), bench/delay-relay; hyperfine $(ver hyperfine); runs: cold $runs_cold, warm $runs_warm; fast commands $rounds rounds × $runs_fast, pyspf CLI $rounds × $runs_py; medians"
  echo
  echo "$table"
  echo
  echo "$notes"
  if [ -f "$top/bench/NOTES.md" ]; then
    echo
    cat "$top/bench/NOTES.md"
  fi
} >"$top/bench/RESULTS.md"
say "written: bench/RESULTS.md"
