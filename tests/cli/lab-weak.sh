#!/usr/bin/env bash
# Issue 13: weak or wasteful SPF records named by `check` (text, JSON, German
# and English) and `show`, against the lab (NSD + unbound); zones
# schwach.de, ohne-inc.de, lang.de, zweimal.de in tests/cli/zones.
# BIN: the program. Argument: the lab's NET (127.NET.*).
: "${BIN:?}"
export LAB_ZONES
LAB_ZONES="$(cd "$(dirname "$0")" && pwd)/zones"
source "$(dirname "$0")/../dns/lab-common.sh"
export LANG=C.UTF-8

run() { status=0; out=$("$BIN" "$@" --resolver "$RES" 2>&1) || status=$?; }
run_en() { status=0; out=$(LANG=en_US.UTF-8 "$BIN" "$@" --resolver "$RES" 2>&1) || status=$?; }
has() { grep -qF -- "$1" <<<"$out"; }
hasnt() { ! grep -qF -- "$1" <<<"$out"; }
json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); $1" <<<"$out"; }

if [ -n "$LAB_WEAK_DUMP" ]; then
	for d in schwach.de ohne-inc.de lang.de zweimal.de; do
		run check $d; echo "== check $d: $status"; echo "$out"
		run_en check $d; echo "== en check $d: $status"; echo "$out"
		run check $d --json; echo "$out" | grep -A12 findings
		run show $d; echo "== show $d: $status"; echo "$out"
	done
fi
finish
