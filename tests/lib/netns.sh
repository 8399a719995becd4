# shellcheck shell=bash
# netns.sh — sourced first by every script that starts a DNS lab: the script
# runs in a private network namespace of its own (only lo, brought up), so
# that its lab never meets the host's port 53 (a system nsd or unbound), the
# machine's resolver, or another lab. Clashes of addresses cannot happen.
#
# If the script is not yet in a namespace of its own, it is executed again,
# with the same arguments and environment, inside `unshare --net`. exec keeps
# the PID: FLICONO_NETNS_PID holds the PID that entered the namespace, so a
# script started from inside (its own $$ differs) still gets one of its own.
# NETNS_UNSHARE_EXTRA (an array, set before sourcing) adds unshare options.
# Without root, unshare or ip: a SKIP line and exit 77.

if [ "${FLICONO_NETNS_PID:-}" != "$$" ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null || ! unshare --net true 2>/dev/null; then
    echo "SKIP: the DNS lab needs root, unshare and ip (a private network namespace)"
    exit 77
  fi
  FLICONO_NETNS_PID=$$ exec unshare --net "${NETNS_UNSHARE_EXTRA[@]}" -- \
    bash -c 'ip link set lo up && exec bash "$@"' netns "$0" "$@"
fi
