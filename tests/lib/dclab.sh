# shellcheck shell=bash
# dclab.sh — sourced by the Domain Connect lab tests after
# tests/dns/lab-common.sh or tests/e2e/e2e-common.sh ($WORK and $NET known;
# by the time dc_start is called the lab runs, on tests/lab/zones-dc or a
# folder with those zones): the DNS providers of tests/lab/dc-settings.json,
# played by tests/lab/dcprovider.py over HTTPS on 127.NET.6 (@DC@).
# Needs python3 and the openssl and curl commands.
#
#   dc_start       makes in $WORK/dc a lab CA and the providers' certificate
#                  (their host names: dcprovider.py --print-hosts), an RSA
#                  signing key pair and a profile copy, starts the provider
#                  and returns once it answers; it stops on EXIT (before
#                  the EXIT trap set earlier, lab-common's cleanup, which
#                  still decides the status).
#                  The template served: $DC_TEMPLATE when set, else the
#                  source tree's data/domainconnect/flicono.net.spf.json.
#   dc_click URL   GETs URL as a browser would (a click on an apply link;
#                  any provider URL): curl trusting only $DC_CA, every host
#                  resolved to $DC_ADDR, no redirect followed. Prints the
#                  HTTP status (000 when there was none), keeps the body in
#                  $DC_BODY; returns curl's exit status (0, 22 for an HTTP
#                  status of 400 and more, 60 for a certificate it refuses).
#   dc_lag on|off  on: an apply updates ns1 only (a lagging secondary); the
#                  provider's copy of ZONE is $DC_STATE/zones/ZONE.zone, for
#                  `"$LAB_SH" set "$WORK/lab" ns2 ZONE …` later.
#
# After dc_start: DC_ADDR (127.NET.6), DC_CA (the CA's PEM file, for curl
# --cacert or CURLOPT_CAINFO; Debian's libcurl names its own CA bundle and
# so ignores SSL_CERT_FILE and CURL_CA_BUNDLE, tried), DC_KEY (the signing key, mode 600),
# DC_PUB (its public key), DC_KEY_HOST (_dck1), DC_PROFILE
# (data/flicono.profile with key_file = $DC_KEY and key_host = _dck1 at
# its end), DC_LOG (the provider's log: HOST "REQUEST LINE" STATUS [why]),
# DC_STATE (its state folder), DC_BODY. Read: DC_TEMPLATE, DC_ZONES (the
# lab's zone folder; default $LAB_ZONES, else $E2E_ZONES), LAB_SH.

DC_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DC_ADDR=127.$NET.6
DC_KEY_HOST=_dck1
DC_DIR=$WORK/dc
DC_CA=$DC_DIR/ca.pem
DC_KEY=$DC_DIR/sign-key.pem
DC_PUB=$DC_DIR/sign-pub.pem
DC_PROFILE=$DC_DIR/flicono.profile
DC_STATE=$DC_DIR/state
DC_LOG=$WORK/lab/dcprovider.log
DC_BODY=$DC_DIR/body
# The lab's zone templates, where the provider's copies start from.
DC_ZONES=${DC_ZONES:-${LAB_ZONES:-${E2E_ZONES:-}}}
dc_pid=

# Deadline for the provider to answer, in tenths of a second.
DC_START_DEADLINE=100

dc_die() {
  echo "dclab: $*"
  exit 1
}

# dc_stop: stops the provider we started (by its PID), waits for it.
dc_stop() {
  [ -n "$dc_pid" ] || return 0
  kill "$dc_pid" 2>/dev/null || true
  wait "$dc_pid" 2>/dev/null || true
  dc_pid=
}

# On EXIT: the provider first, then the EXIT trap set before this file was
# sourced (lab-common's cleanup, which stops the lab and decides the exit
# status), entered with the status the script ended with ($?, as it reads it).
# dc_trap_command: dc_prev_exit, a `trap -- 'COMMAND' EXIT` line, becomes
# COMMAND (in a function: `set --` must not touch the script's arguments).
# shellcheck disable=SC2120
dc_trap_command() {
  [ -n "$dc_prev_exit" ] || return 0
  eval "set -- $dc_prev_exit"
  dc_prev_exit=$3
}
dc_prev_exit=$(trap -p EXIT)
# shellcheck disable=SC2119
dc_trap_command
dc_cleanup() {
  local rc=$?
  dc_stop
  [ -n "$dc_prev_exit" ] || exit "$rc"
  if [ "$rc" -eq 0 ]; then
    eval "$dc_prev_exit"
  else
    (exit "$rc") || eval "$dc_prev_exit"
  fi
}
trap dc_cleanup EXIT

dc_openssl() {
  openssl "$@" >>"$DC_DIR/openssl.log" 2>&1 || dc_die "openssl $1 failed: $(tail -n 3 "$DC_DIR/openssl.log")"
}

# dc_certificates: a CA and the providers' server certificate (EC P-256,
# quick to make), valid for two days.
dc_certificates() {
  local san="" host
  for host in $(python3 "$DC_SRC/tests/lab/dcprovider.py" --config "$DC_SRC/tests/lab/dc-settings.json" --print-hosts); do
    san+="${san:+,}DNS:$host"
  done
  [ -n "$san" ] || dc_die "no provider host names"
  dc_openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$DC_DIR/ca-key.pem" -out "$DC_CA" -days 2 -subj "/CN=Flicono-Labor-CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
  dc_openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$DC_DIR/server-key.pem" -out "$DC_DIR/server.csr" -subj "/CN=api.dc-eins.test"
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
    "$san" >"$DC_DIR/server.ext"
  dc_openssl x509 -req -in "$DC_DIR/server.csr" -CA "$DC_CA" -CAkey "$DC_DIR/ca-key.pem" \
    -CAcreateserial -days 2 -extfile "$DC_DIR/server.ext" -out "$DC_DIR/server.pem"
}

# dc_signing_key: the service provider's RSA key pair; the private key as
# the product's key loader wants it (no access for others).
dc_signing_key() {
  (umask 077 && openssl genrsa -out "$DC_KEY" 2048 >>"$DC_DIR/openssl.log" 2>&1) ||
    dc_die "openssl genrsa failed"
  chmod 600 "$DC_KEY"
  dc_openssl rsa -in "$DC_KEY" -pubout -out "$DC_PUB"
}

# dc_profile: the shipped profile, its [domain_connect] section (added here
# while the shipped one lacks it), then the key's lines at the end.
dc_profile() {
  cp "$DC_SRC/data/flicono.profile" "$DC_PROFILE"
  if ! grep -q '^\[domain_connect\]' "$DC_PROFILE"; then
    printf '\n[domain_connect]\nprovider_id = flicono.net\nservice_id = spf\n' >>"$DC_PROFILE"
  fi
  printf 'key_file = %s\nkey_host = %s\n' "$DC_KEY" "$DC_KEY_HOST" >>"$DC_PROFILE"
}

# dc_answers: the provider is up (an HTTPS answer of any status).
dc_answers() {
  local code
  code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 2 --cacert "$DC_CA" \
    --resolve "api.dc-eins.test:443:$DC_ADDR" "https://api.dc-eins.test/" 2>/dev/null) || true
  [ "$code" = 404 ]
}

dc_start() {
  local template=${DC_TEMPLATE:-$DC_SRC/data/domainconnect/flicono.net.spf.json} i
  [ -f "$template" ] || dc_die "no template: $template (set DC_TEMPLATE)"
  [ -d "$DC_ZONES" ] || dc_die "no zone folder (DC_ZONES, LAB_ZONES or E2E_ZONES): $DC_ZONES"
  mkdir -p "$DC_DIR" "$DC_STATE"
  dc_certificates
  dc_signing_key
  dc_profile
  python3 "$DC_SRC/tests/lab/dcprovider.py" --config "$DC_SRC/tests/lab/dc-settings.json" \
    --listen "$DC_ADDR" --cert "$DC_DIR/server.pem" --cert-key "$DC_DIR/server-key.pem" \
    --template "$template" --pubkey "$DC_PUB" --key-host "$DC_KEY_HOST" \
    --zones "$DC_ZONES" --lab "$WORK/lab" --lab-sh "$LAB_SH" --state "$DC_STATE" \
    --log "$DC_LOG" </dev/null >>"$DC_DIR/provider.out" 2>&1 &
  dc_pid=$!
  for ((i = 0; i < DC_START_DEADLINE; i++)); do
    kill -0 "$dc_pid" 2>/dev/null ||
      dc_die "the provider has exited: $(tail -n 3 "$DC_DIR/provider.out" | tr '\n' ' ')"
    dc_answers && return 0
    sleep 0.1
  done
  dc_die "the provider does not answer on $DC_ADDR:443"
}

dc_click() {
  local url=$1 host rc=0 code
  [[ $url =~ ^https://([^/:?]+) ]] || dc_die "not an https URL: $url"
  host=${BASH_REMATCH[1]}
  code=$(curl -sS --fail -o "$DC_BODY" -w '%{http_code}' --max-time 20 --cacert "$DC_CA" \
    --resolve "$host:443:$DC_ADDR" "$url" 2>"$DC_DIR/curl.err") || rc=$?
  echo "$code"
  return "$rc"
}

dc_lag() {
  case $1 in
    on) : >"$DC_STATE/only-ns1" ;;
    off) rm -f "$DC_STATE/only-ns1" ;;
    *) dc_die "dc_lag on|off" ;;
  esac
}
