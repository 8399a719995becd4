#!/bin/sh
# The English translation is complete, current and well-formed: every German
# msgid in the sources has a translation in po/en.po, none is fuzzy, and
# msgfmt --check finds nothing.
set -u
src=${1:?usage: check-po.sh SOURCE_ROOT}
po="$src/po/en.po"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

if ! msgfmt --check -o /dev/null "$po" 2>"$tmp/msgfmt"; then
  echo "msgfmt --check fails on po/en.po:"; cat "$tmp/msgfmt"; status=1
fi
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
if [ "$fuzzy" -ne 0 ]; then
  echo "po/en.po has $fuzzy fuzzy entries:"; msgattrib --only-fuzzy --no-obsolete "$po"; status=1
fi
untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
if [ "$untranslated" -ne 0 ]; then
  echo "po/en.po has untranslated entries:"; msgattrib --untranslated --no-obsolete "$po"; status=1
fi
# Extract afresh, as the build does (meson's glib preset: UTF-8 sources).
(cd "$src" && xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
  --add-comments=TRANSLATORS --files-from=po/POTFILES.in -o "$tmp/current.pot") || status=1
# Every file that marks strings must be listed in POTFILES.in.
for f in $(cd "$src" && grep -rlE '(^|[^A-Za-z_])N?_\("' src --include='*.c'); do
  grep -qx "$f" "$src/po/POTFILES.in" || { echo "$f marks strings but is not in po/POTFILES.in"; status=1; }
done
if ! msgcmp "$po" "$tmp/current.pot" 2>"$tmp/msgcmp"; then
  echo "msgids in the sources without an English translation in po/en.po:"
  cat "$tmp/msgcmp"; status=1
fi
total=$(grep -c '^msgid ' "$tmp/current.pot")
[ "$status" -eq 0 ] && echo "po/en.po: all $((total - 1)) German msgids translated"
exit "$status"
