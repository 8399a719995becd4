#!/usr/bin/env bash
# Killed at any moment: at 21 moments of a scripted run (each screen, the
# diagnosis spinner, help open, a check round out, the quit question, right
# after a resize, too small, in the middle of a burst of resizes…) the wizard
# gets SIGINT (Ctrl-C typed in the pane), SIGTERM and SIGHUP — three runs side
# by side in three tmux sessions of one server, against one lab. Every time:
# the exit status is 130/143/129, the terminal mode is the one it found
# (`stty -g` read in the pane before and after the run by a wrapper script),
# the alternate screen is left and the cursor shown; once the check was
# reached, the open check is still in the state file, which still loads (no
# corrupt-* file, no temp file left). One moment also runs with a relative
# XDG_STATE_HOME, which must not be used (HOME decides).
. "$(dirname "$0")/e2e-common.sh"
start_lab
SILENT=127.$NET.5
start_silent "$SILENT"

t_start=$SECONDS
sigs=(INT TERM HUP)
declare -A want=([INT]=130 [TERM]=143 [HUP]=129)

# The wrapper in each pane: the terminal mode before and after the run, then
# the wizard's exit status. bash waits for the wizard through a Ctrl-C (the
# trap only runs after it), so the "after" is read once the wizard is gone.
cat >"$WORK/wrap.sh" <<'EOF'
#!/bin/bash
d=$1
shift
trap : INT
echo $$ >"$d/wrapper.pid"
stty -g >"$d/before"
"$@"
rc=$?
stty -g >"$d/after"
echo "$rc" >"$d/status.tmp"
mv "$d/status.tmp" "$d/status"
exec sleep 600
EOF
chmod +x "$WORK/wrap.sh"

SOCK=e2e-$$-${NET//./-}-signals
tm -f /dev/null new-session -d -s idle -x 80 -y 24 "sleep 600"
tm set-option -g remain-on-exit off >/dev/null

# seed DIR: an open check for ohne-spf.de in DIR's state, as an earlier run
# leaves it (the welcome screen then offers it as 1).
seed() {
  mkdir -p -m 700 "$1/state/flicono-mailsetup"
  printf '# flicono-mailsetup open checks v1\nohne-spf.de\tline\tttl\t%s\tohne-spf.de\n' \
    "$(date +%s)" >"$1/state/flicono-mailsetup/open-checks"
  chmod 600 "$1/state/flicono-mailsetup/open-checks"
}

# launch COLS ROWS SEED(0|1) [VAR=VALUE…] -- ARGS…: one session per signal,
# s-INT, s-TERM, s-HUP, each with its own state directory.
launch() {
  local cols=$1 rows=$2 seeded=$3 envs=() sig d cmd
  shift 3
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  # The lab's resolver unless the moment names its own.
  local res=(--resolver "$RES")
  [[ " $* " == *" --resolver "* ]] && res=()
  for sig in "${sigs[@]}"; do
    d=$WORK/m/$sig
    rm -rf "$d"
    mkdir -p "$d/home"
    [ "$seeded" = 1 ] && seed "$d"
    cmd=$(printf '%q ' "$WORK/wrap.sh" "$d" env "XDG_STATE_HOME=$d/state" "HOME=$d/home" \
      LANG=C.UTF-8 TERM=tmux-256color "${envs[@]}" "$BIN" "${res[@]}" "$@")
    tm new-session -d -s "s-$sig" -c "$d" -x "$cols" -y "$rows" "$cmd"
  done
}

# all COMMAND…: tmux COMMAND for each session (-t is added).
all() {
  local sig
  for sig in "${sigs[@]}"; do tm "$1" -t "s-$sig" "${@:2}"; done
}
allkeys() { all send-keys "$@"; }
allresize() { all resize-window -x "$1" -y "$2"; }

# allwait TEXT [SECONDS]: every session shows TEXT.
allwait() {
  local text=$1 deadline=$((SECONDS + ${2:-15})) sig
  for sig in "${sigs[@]}"; do
    while ! tm capture-pane -p -t "s-$sig" | sed -E 's/^ +//; s/ +$//' | tr '\n' ' ' |
      tr -s ' ' | grep -qF -- "$text"; do
      if [ "$SECONDS" -gt "$deadline" ]; then
        echo "timed out waiting in s-$sig for: $text"
        tm capture-pane -p -t "s-$sig" | sed 's/^/  | /'
        return 1
      fi
      sleep 0.05
    done
  done
}

wizard_pid() { pgrep -P "$(cat "$WORK/m/$1/wrapper.pid")" | head -n 1; }

moments=0
# fire NAME REACHED(0|1): the three signals, then the checks on each run.
fire() {
  local name=$1 reached=$2 sig d pid st deadline
  for sig in "${sigs[@]}"; do
    if [ "$sig" = INT ]; then
      tm send-keys -t s-INT C-c # through the terminal, as a user does it
    else
      pid=$(wizard_pid "$sig")
      [ -n "$pid" ] && kill -"$sig" "$pid"
    fi
  done
  for sig in "${sigs[@]}"; do
    d=$WORK/m/$sig
    deadline=$((SECONDS + 10))
    while [ ! -f "$d/status" ] && [ "$SECONDS" -le "$deadline" ]; do sleep 0.05; done
    st=$(cat "$d/status" 2>/dev/null || echo none)
    check "$name, SIG$sig: exit ${want[$sig]} (got $st)" test "$st" = "${want[$sig]}"
    check "$name, SIG$sig: stty -g as before" cmp -s "$d/before" "$d/after"
    check "$name, SIG$sig: normal screen, cursor shown" \
      test "$(tm display -p -t "s-$sig" '#{alternate_on}#{cursor_flag}')" = 01
    local sd=$d/state/flicono-mailsetup
    if [ "$reached" = 1 ]; then
      check "$name, SIG$sig: the check is still open" \
        grep -qE '^ohne-spf\.de	(line|fields)	(ttl|nottl)	[0-9]+	' "$sd/open-checks"
      check "$name, SIG$sig: the file is private" test "$(stat -c %a "$sd/open-checks")" = 600
    else
      check "$name, SIG$sig: no open check written" test ! -e "$sd/open-checks"
    fi
    check "$name, SIG$sig: nothing set aside or half-written" \
      test -z "$(find -L "$d" -name 'open-checks.corrupt-*' -o -name '.open-checks.*.tmp')"
  done
  all kill-session
  moments=$((moments + 1))
}

# 1 welcome, nothing open yet
launch 80 24 0 --
allwait "Neue Einrichtung beginnen"
fire "welcome" 0

# 2 welcome listing an open check
launch 80 24 1 --
allwait "Offene Prüfungen:"
fire "welcome with an open check" 1

# 3 help open on the welcome screen
launch 80 24 0 --
allwait "Neue Einrichtung beginnen"
allkeys "?"
allwait "Eine beliebige Taste schließt die Hilfe."
fire "help open" 0

# 4 the address half typed
launch 80 24 0 --
allwait "Neue Einrichtung beginnen"
allkeys Enter
allwait "Adresse:"
allkeys "info@ohne-s"
allwait "Adresse: info@ohne-s"
fire "address half typed" 0

# 5 an error beside the address
launch 80 24 0 -- "info@@x.de"
allwait "Adresse: info@@x.de"
allkeys Enter
allwait "mehr als ein @"
fire "address error shown" 0

# 6 the diagnosis spinner (a resolver that never answers)
launch 80 24 0 -- --resolver "$SILENT" info@ohne-spf.de
allkeys Enter
allwait "Ich frage das DNS nach den Einträgen von ohne-spf.de"
fire "diagnosis spinner" 0

# 7 help open while the diagnosis waits
launch 80 24 0 -- --resolver "$SILENT" info@ohne-spf.de
allkeys Enter
allwait "Ich frage das DNS nach den Einträgen"
allkeys "?"
allwait "Der Assistent liest die DNS-Einträge Ihrer Domain"
fire "help during the diagnosis" 0

# 8 the diagnosis' result
launch 80 24 0 -- ohne-spf.de
allkeys Enter
allwait "gibt es noch keinen SPF-Eintrag"
fire "diagnosis result" 0

# 9 method
launch 80 24 0 -- ohne-spf.de
allkeys Enter
allwait "gibt es noch keinen SPF-Eintrag"
allkeys 1
allwait "Wie soll Flicono Ihre E-Mails versenden?"
fire "method" 0

# 10 alias (a freemail address)
launch 80 24 0 -- info@gmx.de
allkeys Enter
allwait "ist die Domain eines Freemail-Anbieters"
allkeys 1 1
allwait "Alias-Funktion einschalten"
fire "alias" 0

# 11 form
launch 80 24 0 -- ohne-spf.de
allkeys Enter
allwait "gibt es noch keinen SPF-Eintrag"
allkeys 1 2
allwait "Eingabeform"
fire "form" 0

# 12 TTL
launch 80 24 0 -- ohne-spf.de
allkeys Enter
allwait "gibt es noch keinen SPF-Eintrag"
allkeys 1 2 1
allwait "Zeigen Ihre anderen DNS-Einträge eine TTL"
fire "TTL" 0

# 13 the entry, just copied
launch 80 24 0 -- ohne-spf.de
allkeys Enter
allwait "gibt es noch keinen SPF-Eintrag"
allkeys 1 2 1 1
allwait "diesen Eintrag an:"
allkeys k
allwait "An das Terminal geschickt (OSC 52)"
fire "entry after copying" 0

# 14 the check reached through the whole flow, a round done; with a relative
# XDG_STATE_HOME, which must not be used: HOME decides.
launch 80 24 0 XDG_STATE_HOME=rel-state -- ohne-spf.de
allkeys Enter
allwait "gibt es noch keinen SPF-Eintrag"
allkeys 1 2 1 1 Enter
allwait "Namensserver (zuständig)" 20
for sig in "${sigs[@]}"; do
  check "relative XDG_STATE_HOME ($sig): HOME's state used" \
    test -s "$WORK/m/$sig/home/.local/state/flicono-mailsetup/open-checks"
  check "relative XDG_STATE_HOME ($sig): not used" test ! -e "$WORK/m/$sig/rel-state"
  # The rest of fire's checks read the state under XDG_STATE_HOME=$d/state.
  mkdir -p "$WORK/m/$sig/state"
  ln -s ../home/.local/state/flicono-mailsetup "$WORK/m/$sig/state/flicono-mailsetup"
done
fire "check after the whole flow" 1

# 15 a check round still out (the silent resolver is one of its rows)
launch 80 24 1 -- --resolver "$SILENT" --resolver "$RES"
allwait "Offene Prüfungen:"
allkeys 1
allwait "Ich frage alle Server"
fire "check round in progress" 1

# 16 the quit question during the check
launch 80 24 1 --
allwait "Offene Prüfungen:"
allkeys 1
allwait "Namensserver (zuständig)" 20
allkeys q
allwait "Wirklich beenden?"
fire "quit question" 1

# 17 help open on the check
launch 80 24 1 --
allwait "Offene Prüfungen:"
allkeys 1
allwait "Namensserver (zuständig)" 20
allkeys "?"
allwait "Namensserver (zuständig) liefern Ihre Domain selbst aus"
fire "help on the check" 1

# 18 right after a resize, before the wizard can have redrawn
launch 80 24 1 --
allwait "Offene Prüfungen:"
allkeys 1
allwait "Namensserver (zuständig)" 20
allresize 60 16
fire "right after a resize" 1

# 19 too small
launch 80 24 1 --
allwait "Offene Prüfungen:"
allkeys 1
allwait "Namensserver (zuständig)" 20
allresize 40 10
allwait "Terminal zu klein"
fire "terminal too small" 1

# 20 in the middle of a burst of resizes
launch 80 24 1 --
allwait "Offene Prüfungen:"
allkeys 1
allwait "Namensserver (zuständig)" 20
for size in "70 20" "61 17" "100 30" "45 11"; do allresize $size; done
fire "in a burst of resizes" 1

# 21 done
launch 80 24 0 -- schon-fertig.de
allkeys Enter
allwait "Es ist nichts zu tun."
allkeys 1
allwait "Werden E-Mails trotzdem abgewiesen?"
fire "done" 0

echo "# $moments moments × ${#sigs[@]} signals survived in $((SECONDS - t_start)) s"
check "every moment was reached" test "$moments" = 21
finish
