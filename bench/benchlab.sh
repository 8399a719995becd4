# shellcheck shell=bash
# benchlab.sh — sourced by bench.sh: the benchmark's DNS lab on 127.NET.*.
# One NSD on 127.NET.2:53 serves every bench zone; one delay-relay process
# puts each zone's name servers on addresses of their own (127.NET.11 …),
# each holding its answers back by its own delay (or never answering);
# unbound on 127.NET.1:53 resolves only the bench zones (stub zones pointing
# at the relays), with remote control on a unix socket so that its cache
# can be flushed between cold runs. Nothing leaves the machine.
#
# Needs: NET, LABDIR (short path), ZONEDIR, RELAY (the delay-relay binary),
# the arrays ZONES (names) and SERVERS (ZONES[i]'s servers: "HOST=MS …",
# HOST the last byte of 127.NET.HOST, MS a delay or "drop"; "direct": NSD
# itself, no relay). Provides lab_start, lab_stop, lab_flush ZONE.

lab_pids=()

lab_say() { printf 'bench: %s\n' "$*" >&2; }

# lab_alive PID: exists and is no zombie (PID 1 reaps daemons late here).
lab_alive() {
  local state
  state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# lab_bound ADDR: something has bound UDP ADDR:53.
lab_bound() { [ -n "$(ss -Hlun src "$1:53" 2>/dev/null)" ]; }

# lab_fill TEMPLATE OUT ADDR…: @NSi@ becomes the i-th ADDR.
lab_fill() {
  local template=$1 out=$2 i=1 a args=(-e "s/@SERIAL@/1/g")
  shift 2
  for a in "$@"; do
    args+=(-e "s/@NS$i@/$a/g")
    i=$((i + 1))
  done
  sed "${args[@]}" "$template" >"$out"
  ! grep -q '@NS[0-9]*@' "$out" || { lab_say "$template: more name servers than addresses"; return 1; }
}

# The relay arguments and stub addresses of zone number I.
zone_addrs() {
  local i=$1 s
  if [ "${SERVERS[$i]}" = direct ]; then
    echo "127.$NET.2"
    return
  fi
  for s in ${SERVERS[$i]}; do printf '127.%s.%s\n' "$NET" "${s%%=*}"; done
}

lab_start() {
  mkdir -p "$LABDIR"
  local ns="127.$NET.2" res="127.$NET.1" a i z
  for a in "$res" "$ns"; do
    if lab_bound "$a"; then
      lab_say "$a:53 is in use (the lab runs in a namespace of its own)"
      return 1
    fi
  done
  # NSD: one instance for all zones.
  {
    printf 'server:\n  ip-address: %s\n  port: 53\n  do-ip4: yes\n  do-ip6: no\n' "$ns"
    printf '  server-count: 1\n  reuseport: no\n  username: ""\n  chroot: ""\n'
    printf '  zonesdir: "%s"\n  database: ""\n  zonelistfile: "%s/zone.list"\n' "$LABDIR" "$LABDIR"
    printf '  xfrdfile: "%s/xfrd.state"\n  pidfile: "%s/nsd.pid"\n' "$LABDIR" "$LABDIR"
    printf '  logfile: "%s/nsd.log"\n  hide-version: yes\n  verbosity: 1\n' "$LABDIR"
    printf 'remote-control:\n  control-enable: no\n'
    for z in "${ZONES[@]}"; do printf 'zone:\n  name: "%s"\n  zonefile: "%s.zone"\n' "$z" "$z"; done
  } >"$LABDIR/nsd.conf"
  local relay_args=()
  for i in "${!ZONES[@]}"; do
    z=${ZONES[$i]}
    # shellcheck disable=SC2046
    lab_fill "$ZONEDIR/$z.zone" "$LABDIR/$z.zone" $(zone_addrs "$i") || return 1
    if [ "${SERVERS[$i]}" != direct ]; then
      local s
      for s in ${SERVERS[$i]}; do relay_args+=("127.$NET.${s%%=*}:53=${s#*=}"); done
    fi
  done
  nsd-checkconf "$LABDIR/nsd.conf" || return 1
  nsd -d -c "$LABDIR/nsd.conf" </dev/null >"$LABDIR/nsd.out" 2>&1 &
  lab_pids+=($!)
  # The relays.
  "$RELAY" "$LABDIR/relay.ready" "$ns:53" "${relay_args[@]}" </dev/null \
    >"$LABDIR/relay.out" 2>&1 &
  lab_pids+=($!)
  # unbound: stub zones at the relays (a dead server is left out: see RESULTS.md).
  {
    printf 'server:\n  interface: %s\n  port: 53\n  do-ip4: yes\n  do-ip6: no\n' "$res"
    printf '  do-udp: yes\n  do-tcp: yes\n  username: ""\n  chroot: ""\n'
    printf '  directory: "%s"\n  pidfile: "%s/unbound.pid"\n' "$LABDIR" "$LABDIR"
    printf '  logfile: "%s/unbound.log"\n  use-syslog: no\n  verbosity: 1\n' "$LABDIR"
    printf '  num-threads: 1\n  so-reuseport: no\n  outgoing-range: 64\n'
    printf '  access-control: 127.0.0.0/8 allow\n  do-not-query-localhost: no\n'
    printf '  outgoing-interface: %s\n  root-hints: "%s/root.hints"\n' "$res" "$LABDIR"
    printf '  local-zone: "." refuse\n  module-config: "iterator"\n  prefetch: no\n'
    printf '  serve-expired: no\n  qname-minimisation: no\n  rrset-roundrobin: no\n'
    for z in "${ZONES[@]}"; do printf '  local-zone: "%s." transparent\n' "$z"; done
    printf 'remote-control:\n  control-enable: yes\n  control-interface: "%s/ub.ctl"\n' "$LABDIR"
    printf '  control-use-cert: no\n'
    for i in "${!ZONES[@]}"; do
      printf 'stub-zone:\n  name: "%s."\n' "${ZONES[$i]}"
      if [ "${SERVERS[$i]}" = direct ]; then
        printf '  stub-addr: %s\n' "$ns"
      else
        for a in ${SERVERS[$i]}; do
          [ "${a#*=}" = drop ] || printf '  stub-addr: 127.%s.%s\n' "$NET" "${a%%=*}"
        done
      fi
    done
  } >"$LABDIR/unbound.conf"
  printf '.\t3600000\tNS\tnull-root.lab.\nnull-root.lab.\t3600000\tA\t127.%s.254\n' "$NET" \
    >"$LABDIR/root.hints"
  unbound-checkconf "$LABDIR/unbound.conf" >/dev/null || return 1
  unbound -d -c "$LABDIR/unbound.conf" </dev/null >"$LABDIR/unbound.out" 2>&1 &
  lab_pids+=($!)
  # Ready: NSD answers, the relay is bound, unbound answers through the relay.
  local tries
  for ((tries = 0; tries < 100; tries++)); do
    for a in "${lab_pids[@]}"; do
      lab_alive "$a" && continue
      lab_say "a lab daemon has exited:"
      tail -n 3 "$LABDIR"/*.out >&2
      return 1
    done
    if [ -e "$LABDIR/relay.ready" ] &&
      timeout 1 drill -Q @"$ns" "${ZONES[0]}" SOA 2>/dev/null | grep -q hostmaster &&
      timeout 2 drill -Q @"$res" "${ZONES[0]}" SOA 2>/dev/null | grep -q hostmaster; then
      return 0
    fi
    sleep 0.1
  done
  lab_say "the lab does not answer"
  return 1
}

# lab_stop: SIGTERM to everything started, SIGKILL after 5 s.
lab_stop() {
  local pid i
  for pid in "${lab_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${lab_pids[@]}"; do
    for ((i = 0; i < 50; i++)); do
      lab_alive "$pid" || break
      sleep 0.1
    done
    if lab_alive "$pid"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  lab_pids=()
}
