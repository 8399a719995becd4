#!/usr/bin/env bash
# Issue 13: the DMARC policy (RFC 7489) that `check` names, in text and JSON,
# German and English, against the lab (NSD + unbound); zones dm-*.de and
# leer.de in tests/cli/zones.
# BIN: the program. Argument: the lab's NET (127.NET.*).
: "${BIN:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")" && pwd)/zones"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8

run() { status=0; out=$("$BIN" "$@" --resolver "$RES" 2>&1) || status=$?; }
run_en() { status=0; out=$(LANG=en_US.UTF-8 "$BIN" "$@" --resolver "$RES" 2>&1) || status=$?; }
has() { grep -qF -- "$1" <<<"$out"; }
json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin)['dmarc']; $1" <<<"$out"; }

if [ -n "$LAB_DUMP" ]; then
	for a in dm-reject.de dm-quar.de dm-none.de leer.de info@post.dm-org.de info@mail.dm-streng.de dm-kaputt.de dm-zwei.de; do
		run check $a; echo "== check $a: $status"; grep DMARC <<<"$out"
		run_en check $a; grep DMARC <<<"$out"
		run check $a --json; python3 -c "import json,sys; print(json.load(sys.stdin)['dmarc'])" <<<"$out"
	done
fi
finish
