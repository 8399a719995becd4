#!/usr/bin/env bash
# The Debian package on this machine: installs DEB (dpkg -i), checks that
# every part is there and that the installed program finds its data and
# translation by itself, runs it (German and English --help, show
# --no-lookup, providers, man -w, the completion), and removes it again —
# also when a check fails or the test is interrupted (trap). It refuses to
# run where flicono-mailsetup is installed already, so that it never removes
# what it did not install. Needs root; asks no DNS.
# Argument: the .deb (./dev package builds it).
set -u
deb=${1:?usage: test-package.sh FLICONO-MAILSETUP.deb}
pkg=flicono-mailsetup
bin=/usr/bin/$pkg
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
finish() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
  exit
}

[ -f "$deb" ] || { bad "no package $deb"; finish; }
[ "$(id -u)" -eq 0 ] || { bad "dpkg -i needs root"; finish; }
if dpkg-query -W -f='${db:Status-Status}\n' "$pkg" 2>/dev/null | grep -qvx 'not-installed'; then
  bad "$pkg is installed on this machine already: left alone, not tested"
  finish
fi

work=$(mktemp -d)
installed=
cleanup() {
  if [ -n "$installed" ]; then
    dpkg --purge "$pkg" >"$work/purge.log" 2>&1 || { echo "FAIL dpkg --purge:"; cat "$work/purge.log"; }
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The run gives the trees' data and translations in these; the installed
# program must find its own.
unset FLICONO_MAILSETUP_DATADIR FLICONO_MAILSETUP_LOCALEDIR LANGUAGE LC_ALL
export HOME=$work/home XDG_STATE_HOME=$work/state
mkdir -p "$HOME"

# Minimal images may exclude man pages and docs from dpkg (path-exclude):
# included again for this package, so that what is checked is the package.
installed=yes
if ! dpkg --path-include="/usr/share/man/*/$pkg.*" --path-include="/usr/share/man/*/*/$pkg.*" \
  --path-include="/usr/share/doc/$pkg/*" -i "$deb" >"$work/install.log" 2>&1; then
  cat "$work/install.log"
  bad "dpkg -i $deb"
  finish
fi
status=$(dpkg-query -W -f='${db:Status-Status} ${Version}' "$pkg")
want=$(dpkg-deb -f "$deb" Version)
[ "$status" = "installed $want" ] && ok || bad "dpkg-query says '$status', not 'installed $want'"

# Every part is in the package and on disk.
list=$(dpkg -L "$pkg")
for f in "$bin" \
  /usr/share/$pkg/flicono.profile /usr/share/$pkg/providers /usr/share/$pkg/resolvers /usr/share/$pkg/freemail \
  /usr/share/$pkg/domainconnect/flicono.net.spf.json \
  /usr/share/locale/en/LC_MESSAGES/$pkg.mo \
  /usr/share/man/man1/$pkg.1.gz /usr/share/man/de/man1/$pkg.1.gz \
  /usr/share/bash-completion/completions/$pkg \
  /usr/share/doc/$pkg/copyright /usr/share/doc/$pkg/changelog.gz; do
  grep -qxF "$f" <<<"$list" || { bad "dpkg -L does not list $f"; continue; }
  [ -f "$f" ] && ok || bad "$f listed but not on disk"
done
# Nothing of the build or the tests went in.
stray=$(grep -vE "^/(\.|usr|usr/bin|usr/bin/$pkg|usr/share|usr/share/(bash-completion|doc|locale|man|$pkg)(/.*)?)$" <<<"$list")
[ -z "$stray" ] && ok || bad "unexpected paths in the package: $stray"

# Shared libldns (security updates of libldns3 and libssl3 apply), and the
# package depends on it.
ldd "$bin" | grep -q 'libldns\.so\.3 => ' && ok || bad "$bin does not link libldns.so.3 shared"
dpkg-query -W -f='${Depends}' "$pkg" | grep -q 'libldns3' && ok || bad "Depends does not name libldns3"

# The installed program, from anywhere, without the trees.
cd "$work" || exit 1
out=$(LANG=C.UTF-8 "$bin" --help 2>&1 | head -n 1)
[ "$out" = "Aufruf: $pkg [ADRESSE]" ] && ok || bad "German --help: $out"
out=$(LANG=en_US.UTF-8 "$bin" --help 2>&1 | head -n 1)
[ "$out" = "Usage: $pkg [ADDRESS]" ] && ok || bad "English --help (the installed translation): $out"
out=$(LANG=C.UTF-8 "$bin" --version 2>&1)
grep -qF "${want%%-*}" <<<"$out" && ok || bad "--version does not name ${want%%-*}: $out"
# show --no-lookup prints the template of the installed profile.
template=$(sed -n 's/^template = //p' /usr/share/$pkg/flicono.profile)
ttl=$(sed -n 's/^ttl = //p' /usr/share/$pkg/flicono.profile)
out=$(LANG=C.UTF-8 "$bin" show --no-lookup info@beispiel-firma.de 2>/dev/null)
[ -n "$template" ] && [ "$out" = "@ $ttl IN TXT \"$template\"" ] && ok ||
  bad "show --no-lookup: '$out', not the installed profile's template"
out=$(LANG=C.UTF-8 "$bin" providers 2>/dev/null | grep -cE '^strato +STRATO$')
[ "$out" = 1 ] && ok || bad "providers does not list the installed data/providers"
# The man pages, found by man-db in both languages.
out=$(LANG=C.UTF-8 man -w "$pkg" 2>&1)
[ "$out" = "/usr/share/man/man1/$pkg.1.gz" ] && ok || bad "man -w $pkg: $out"
out=$(LANG=de_DE.UTF-8 man -w "$pkg" 2>&1)
[ "$out" = "/usr/share/man/de/man1/$pkg.1.gz" ] && ok || bad "German man -w $pkg: $out"
# Rendered (not a terminal: man-db prints plain text), the German page.
out=$(LANG=de_DE.UTF-8 MANWIDTH=80 man "$pkg" 2>&1 | grep -cx 'BEZEICHNUNG')
[ "$out" = 1 ] && ok || bad "man $pkg (German) does not show its BEZEICHNUNG section"
# The completion, as bash loads it: registered, and it completes a command.
out=$(bash -c "source /usr/share/bash-completion/completions/$pkg
  COMP_WORDS=($pkg sh); COMP_CWORD=1; _flicono_mailsetup; printf '%s\n' \"\${COMPREPLY[@]}\"" 2>&1)
[ "$out" = show ] && ok || bad "the installed completion of 'sh': $out"

# Removed again: nothing of it stays.
installed=
if dpkg --purge "$pkg" >"$work/purge.log" 2>&1; then ok; else
  cat "$work/purge.log"
  bad "dpkg --purge $pkg"
fi
[ ! -e "$bin" ] && [ ! -e /usr/share/$pkg ] && [ ! -e /usr/share/doc/$pkg ] && ok ||
  bad "files left after dpkg --purge"
dpkg-query -W -f='${db:Status-Status}\n' "$pkg" 2>/dev/null | grep -qvx 'not-installed' &&
  bad "$pkg still known to dpkg after --purge" || ok
finish
