#!/usr/bin/env bash
# lab.sh — a closed DNS lab on loopback for the tests: two NSD instances
# (authoritative, each with its own copy of the zones, like a primary and a
# lagging secondary) and unbound as a recursive resolver that only knows
# the lab zones. Nothing in here sends a packet off the machine.
#
#   lab.sh start DIR NET ZONEDIR   NET like 53.7: unbound on 127.NET.1:53,
#                                  NSD on 127.NET.2:53 (ns1) and
#                                  127.NET.3:53 (ns2). ZONEDIR holds
#                                  ZONE.zone templates with @NS1@, @NS2@,
#                                  @NS3@ (127.NET.4, not served),
#                                  @DC@ (127.NET.6: the Domain Connect
#                                  provider's HTTPS address,
#                                  tests/lab/dcprovider.py; nothing of
#                                  lab.sh listens there), @SERIAL@. DIR is
#                                  created (and must be short: it holds
#                                  unix sockets).
#   lab.sh set DIR SERVER ZONE FILE
#                                  SERVER ns1|ns2 now serves template FILE
#                                  for ZONE with the next serial; returns
#                                  once that serial is served.
#   lab.sh validator DIR ANCHORS   a second unbound on 127.NET.5:53 that
#                                  validates DNSSEC ("validator iterator")
#                                  with the trust anchors in file ANCHORS
#                                  (DNSKEY or DS records of lab zones),
#                                  the same stub zones as the first.
#   lab.sh cache DIR NAME [TYPE]   what the resolver holds in its cache for
#                                  NAME (unbound-control dump_cache: the
#                                  record lines and the negative entries
#                                  of NAME, TYPE if given); empty when it
#                                  holds nothing
#   lab.sh stop DIR                stops what start started, by PID
#                                  (also after a failed start).
#
# Exit status 0, 1 on failure (reason on stderr), 64 on a usage error.
# The callers run it in a network namespace of their own (tests/lib/netns.sh),
# so an address of NET in use is a fault, not another lab.
# nsd-control talks to NSD over a unix socket in DIR, so no TLS keys are
# needed (nsd-control-setup takes seconds per run).
set -euo pipefail

say() { printf 'lab.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# Deadlines, in tenths of a second.
START_DEADLINE=100
SERIAL_DEADLINE=100
STOP_DEADLINE=50

usage() {
  echo "usage: lab.sh start DIR NET ZONEDIR | set DIR ns1|ns2 ZONE FILE | validator DIR ANCHORS | cache DIR NAME [TYPE] | stop DIR" >&2
  exit 64
}

# The SOA serial SERVER serves for ZONE, or nothing. Asks only SERVER.
# drill (ldns) uses an unconnected UDP socket, so an address where nothing
# listens costs it 3 x 5 s instead of an instant "refused": cap it at 1 s.
served_serial() {
  local server=$1 zone=$2
  # drill -Q prints the RDATA only: MNAME RNAME SERIAL …
  timeout 1 drill -Q @"$server" "$zone" SOA 2>/dev/null | awk 'NF == 7 { print $3; exit }'
}

# fill TEMPLATE OUT NS1 NS2 SERIAL
fill() {
  local template=$1 out=$2
  grep -q '@SERIAL@' "$template" || die "$template: no @SERIAL@ placeholder"
  # @NS3@: 127.NET.4, where no NSD runs: for a test's own silent or broken server.
  # @DC@: 127.NET.6, the Domain Connect provider (tests/lib/dclab.sh starts it).
  sed -e "s/@NS1@/$3/g" -e "s/@NS2@/$4/g" -e "s/@NS3@/${3%.*}.4/g" -e "s/@DC@/${3%.*}.6/g" \
    -e "s/@SERIAL@/$5/g" "$template" >"$out.tmp"
  mv -f "$out.tmp" "$out"
}

# alive PID: the process exists and is no zombie.
alive() {
  local state
  state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# ours PID TEXT: PID is still a daemon we started (not a reused PID): its
# command line has TEXT (the lab directory) in it.
ours() {
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# wait_for TENTHS COMMAND…: polls COMMAND every 0.1 s until it succeeds.
wait_for() {
  local tenths=$1 i
  shift
  for ((i = 0; i < tenths; i++)); do
    "$@" && return 0
    sleep 0.1
  done
  return 1
}

answers_soa() { [ -n "$(served_serial "$1" "$2")" ]; }

# bound ADDR ZONE: something has bound UDP ADDR:53. Asks the kernel (ss, in
# iproute2) when it can, which takes no time and also sees a silent socket;
# otherwise whether ADDR answers for ZONE.
bound() {
  if command -v ss >/dev/null; then
    [ -n "$(ss -Hlun src "$1:53" 2>/dev/null)" ]
  else
    answers_soa "$1" "$2"
  fi
}

nsd_conf() {
  local dir=$1 addr=$2 zones=$3 zone
  cat <<EOF
server:
  ip-address: $addr
  port: 53
  do-ip4: yes
  do-ip6: no
  server-count: 1
  reuseport: no
  username: ""
  chroot: ""
  zonesdir: "$dir"
  database: ""
  zonelistfile: "$dir/zone.list"
  xfrdfile: "$dir/xfrd.state"
  pidfile: "$dir/nsd.pid"
  logfile: "$dir/nsd.log"
  hide-version: yes
  verbosity: 1
remote-control:
  control-enable: yes
  control-interface: "$dir/nsd.ctl"
EOF
  for zone in $zones; do
    printf 'zone:\n  name: "%s"\n  zonefile: "%s.zone"\n' "$zone" "$zone"
  done
}

# unbound_conf DIR ADDR NS1 NS2 HINT ZONES [ANCHORS]: with ANCHORS (a file
# of trust anchors) it validates.
unbound_conf() {
  local dir=$1 addr=$2 ns1=$3 ns2=$4 hint=$5 zones=$6 anchors=${7:-} zone
  local modules=iterator
  [ -z "$anchors" ] || modules="validator iterator"
  cat <<EOF
server:
  interface: $addr
  port: 53
  do-ip4: yes
  do-ip6: no
  do-udp: yes
  do-tcp: yes
  username: ""
  chroot: ""
  directory: "$dir"
  pidfile: "$dir/unbound.pid"
  logfile: "$dir/unbound.log"
  use-syslog: no
  verbosity: 1
  num-threads: 1
  so-reuseport: no
  outgoing-range: 64
  access-control: 127.0.0.0/8 allow
  # a closed lab: loopback name servers allowed, nothing else reachable
  do-not-query-localhost: no
  outgoing-interface: $addr
  root-hints: "$dir/root.hints"
  local-zone: "." refuse
  module-config: "$modules"
  prefetch: no
  serve-expired: no
  qname-minimisation: no
  # LAB_ROUNDROBIN=yes: hand records out in rotating order, as public resolvers do
  rrset-roundrobin: ${LAB_ROUNDROBIN:-no}
EOF
  for zone in $zones; do
    printf '  local-zone: "%s." transparent\n' "$zone"
  done
  if [ -n "$anchors" ]; then
    printf '  trust-anchor-file: "%s"\n  val-log-level: 2\n' "$anchors"
  fi
  # unbound-control over a unix socket in DIR (no keys): the tests read its
  # cache (lab.sh cache) to see which questions reached it.
  printf 'remote-control:\n  control-enable: yes\n  control-interface: "%s/unbound.ctl"\n  control-use-cert: no\n' "$dir"
  for zone in $zones; do
    printf 'stub-zone:\n  name: "%s."\n  stub-addr: %s\n  stub-addr: %s\n' "$zone" "$ns1" "$ns2"
  done
  # Root hints to an unused loopback address (a root that never answers).
  printf '.\t3600000\tNS\tnull-root.lab.\nnull-root.lab.\t3600000\tA\t%s\n' "$hint" \
    >"$dir/root.hints"
}

# start_daemon DIR NAME COMMAND…: runs COMMAND in the foreground mode of the
# daemon, in the background, and records its PID in DIR/NAME.pid-lab.
start_daemon() {
  local dir=$1 name=$2
  shift 2
  "$@" </dev/null >>"$dir/$name.out" 2>&1 &
  echo $! >"$dir/$name.pid-lab"
}

cmd_start() {
  local dir=$1 net=$2 zonedir=$3
  [[ $net =~ ^[0-9]{1,3}\.[0-9]{1,3}$ ]] || die "NET must look like 53.7, not: $net"
  [ -d "$zonedir" ] || die "no zone directory: $zonedir"
  local resolver="127.$net.1" ns1="127.$net.2" ns2="127.$net.3" hint="127.$net.254"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ ! -e "$dir/lab.env" ] || die "$dir: a lab already runs there (lab.sh stop first)"
  local zones="" f zone
  for f in "$zonedir"/*.zone; do
    [ -e "$f" ] || die "$zonedir: no *.zone files"
    zone=$(basename "$f" .zone)
    zones+="$zone "
  done
  printf 'NET=%s\nRESOLVER=%s\nNS1=%s\nNS2=%s\nZONES="%s"\n' \
    "$net" "$resolver" "$ns1" "$ns2" "$zones" >"$dir/lab.env"

  local first=${zones%% *} a
  for a in "$resolver" "$ns1" "$ns2"; do
    ! bound "$a" "$first" || die "$a:53 is in use (a lab runs in a namespace of its own)"
  done

  local s
  for s in ns1 ns2; do
    local sdir="$dir/$s" addr
    [ "$s" = ns1 ] && addr=$ns1 || addr=$ns2
    mkdir -p "$sdir"
    for zone in $zones; do
      fill "$zonedir/$zone.zone" "$sdir/$zone.zone" "$ns1" "$ns2" 1
      echo 1 >"$sdir/$zone.serial"
    done
    nsd_conf "$sdir" "$addr" "$zones" >"$sdir/nsd.conf"
    nsd-checkconf "$sdir/nsd.conf" || die "nsd.conf for $s is not valid"
    start_daemon "$dir" "$s" nsd -d -c "$sdir/nsd.conf"
  done
  mkdir -p "$dir/unbound"
  unbound_conf "$dir/unbound" "$resolver" "$ns1" "$ns2" "$hint" "$zones" \
    >"$dir/unbound/unbound.conf"
  unbound-checkconf "$dir/unbound/unbound.conf" >/dev/null ||
    die "unbound.conf is not valid"
  start_daemon "$dir" unbound unbound -d -c "$dir/unbound/unbound.conf"

  up_or_dead "$dir" ns1 "$ns1" "$first"
  up_or_dead "$dir" ns2 "$ns2" "$first"
  up_or_dead "$dir" unbound "$resolver" "$first"
}

# server_ready DIR NAME ADDR ZONE: 0 when it serves ZONE, 2 when the daemon
# has died, 1 otherwise.
server_ready() {
  alive "$(cat "$1/$2.pid-lab")" || return 2
  bound "$3" "$4" && answers_soa "$3" "$4" && return 0
  return 1
}

# up_or_dead DIR NAME ADDR ZONE: waits until NAME serves ZONE; fails at once
# when it has died (its output is in DIR/NAME.out), or after the deadline.
up_or_dead() {
  local i rc
  for ((i = 0; i < START_DEADLINE; i++)); do
    rc=0
    server_ready "$@" || rc=$?
    [ $rc -eq 0 ] && return 0
    [ $rc -eq 2 ] && die "$2 ($3) has exited: $(tail -n 3 "$1/$2.out" | tr '\n' ' ')"
    sleep 0.1
  done
  die "$2 ($3) does not answer"
}

# validator DIR ANCHORS: the validating unbound on 127.NET.5.
cmd_validator() {
  local dir=$1 anchors=$2
  [ -f "$dir/lab.env" ] || die "$dir: no lab runs there"
  # shellcheck disable=SC1091
  . "$dir/lab.env"
  [ -f "$anchors" ] || die "no such file: $anchors"
  dir=$(cd "$dir" && pwd)
  local addr="127.$NET.5" first=${ZONES%% *}
  ! bound "$addr" "$first" || die "$addr:53 is in use"
  mkdir -p "$dir/validator"
  cp "$anchors" "$dir/validator/anchors"
  unbound_conf "$dir/validator" "$addr" "$NS1" "$NS2" "127.$NET.254" "$ZONES" \
    "$dir/validator/anchors" >"$dir/validator/unbound.conf"
  unbound-checkconf "$dir/validator/unbound.conf" >/dev/null ||
    die "the validator's unbound.conf is not valid"
  start_daemon "$dir" unbound-validator unbound -d -c "$dir/validator/unbound.conf"
  # Up when it replies at all: for a zone whose signatures fail its reply
  # is SERVFAIL.
  local i
  for ((i = 0; i < START_DEADLINE; i++)); do
    alive "$(cat "$dir/unbound-validator.pid-lab")" ||
      die "the validator has exited: $(tail -n 3 "$dir/unbound-validator.out" | tr '\n' ' ')"
    if bound "$addr" "$first" &&
      timeout 1 drill @"$addr" "$first" SOA 2>/dev/null | grep -q 'HEADER'; then
      return 0
    fi
    sleep 0.1
  done
  die "the validator ($addr) does not answer"
}

serial_is() { [ "$(served_serial "$1" "$2")" = "$3" ]; }

cmd_set() {
  local dir=$1 server=$2 zone=$3 file=$4
  [ -f "$dir/lab.env" ] || die "$dir: no lab runs there"
  # shellcheck disable=SC1091
  . "$dir/lab.env"
  local addr
  case $server in
    ns1) addr=$NS1 ;;
    ns2) addr=$NS2 ;;
    *) usage ;;
  esac
  local sdir="$dir/$server"
  [ -f "$sdir/$zone.serial" ] || die "$zone is not a lab zone"
  [ -f "$file" ] || die "no such file: $file"
  local serial=$(($(cat "$sdir/$zone.serial") + 1))
  fill "$file" "$sdir/$zone.zone" "$NS1" "$NS2" "$serial"
  echo "$serial" >"$sdir/$zone.serial"
  nsd-control -c "$sdir/nsd.conf" reload "$zone" >/dev/null || die "nsd-control reload failed"
  wait_for $SERIAL_DEADLINE serial_is "$addr" "$zone" "$serial" ||
    die "$server does not serve serial $serial of $zone"
}

# descendants PID: the PIDs of PID's children, grandchildren, …
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

gone() { ! alive "$1"; }

# stop_pids DIR NAME PID…: SIGTERM to all at once (NSD takes 1.5–2 s to
# stop, so one after another would add up), SIGKILL after the deadline.
stop_pids() {
  local dir=$1 name=$2 pid live=()
  shift 2
  for pid in "$@"; do
    if alive "$pid" && ours "$pid" "$dir/"; then
      kill -TERM "$pid" 2>/dev/null || true
      live+=("$pid")
    fi
  done
  for pid in "${live[@]}"; do
    wait_for $STOP_DEADLINE gone "$pid" && continue
    say "$name ($pid) ignores SIGTERM, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_for $STOP_DEADLINE gone "$pid" && continue
    say "$name ($pid) survives"
    return 1
  done
}

cmd_stop() {
  local dir=$1 f pid name rc=0
  [ -d "$dir" ] || return 0
  dir=$(cd "$dir" && pwd) # as start wrote it into the daemons' arguments
  local nsd=() unbound=() children=()
  for f in "$dir"/*.pid-lab; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    name=$(basename "$f" .pid-lab)
    if [ "${name%%-*}" = unbound ]; then
      unbound+=("$pid")
    else
      nsd+=("$pid")
      # NSD forks server and xfrd processes: they go with their parent,
      # but make sure of it.
      if alive "$pid" && ours "$pid" "$dir/"; then
        # shellcheck disable=SC2207
        children+=($(descendants "$pid"))
      fi
    fi
  done
  stop_pids "$dir" unbound "${unbound[@]}" || rc=1
  stop_pids "$dir" nsd "${nsd[@]}" || rc=1
  stop_pids "$dir" "nsd child" "${children[@]}" || rc=1
  rm -f "$dir"/*.pid-lab "$dir/lab.env"
  return $rc
}

# cache DIR NAME [TYPE]: the resolver's cache entries for NAME (and TYPE):
# its records (the rrset cache) and its answers, negative ones too (the
# message cache: "msg NAME. IN TYPE …").
cmd_cache() {
  local dir=$1 name=${2%.} type=${3:-}
  local out
  out=$(unbound-control -c "$dir/unbound/unbound.conf" dump_cache) ||
    die "unbound-control dump_cache failed"
  awk -v name="$(printf '%s' "$name" | tr 'A-Z' 'a-z')." -v type="$type" '
    { owner = tolower($1) }
    $1 == "msg" && tolower($2) == name && (type == "" || $4 == type) { print; next }
    owner == name && $3 == "IN" && (type == "" || $4 == type) { print }
  ' <<<"$out"
}

case ${1:-} in
  start) [ $# -eq 4 ] || usage; cmd_start "$2" "$3" "$4" ;;
  set) [ $# -eq 5 ] || usage; cmd_set "$2" "$3" "$4" "$5" ;;
  validator) [ $# -eq 3 ] || usage; cmd_validator "$2" "$3" ;;
  cache) [ $# -eq 3 ] || [ $# -eq 4 ] || usage; cmd_cache "$2" "$3" "${4:-}" ;;
  stop) [ $# -eq 2 ] || usage; cmd_stop "$2" ;;
  *) usage ;;
esac
