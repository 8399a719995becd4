#!/bin/sh
# The wizard's model stays curses-free (so that test-model links it alone)
# and knows no screen: no curses, no ui.h, no wizard.h, no worker.h.
dir=${1:?usage: model-layering.sh SRC/UI}
bad=$(grep -nE '#[[:space:]]*include[[:space:]]*[<"](n?curses(w)?\.h|ui_curses\.h|ui\.h|wizard\.h|worker\.h|term\.h)' \
  "$dir/model.c" "$dir/model.h")
if [ -n "$bad" ]; then
  printf 'src/ui/model.[ch] must not include curses or the screens:\n%s\n' "$bad"
  exit 1
fi
echo "src/ui/model.[ch]: no curses, screen, dispatcher or worker includes"
