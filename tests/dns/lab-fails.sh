#!/usr/bin/env bash
# Helper for lab-cleanup.sh: starts a lab, prints its scratch directory,
# then fails half-way like a broken test would.
# shellcheck source=tests/dns/lab-common.sh
. "$(dirname "$0")/lab-common.sh"
echo "WORK=$WORK"
start_fake silent "127.$NET.4"
false
echo "not reached"
