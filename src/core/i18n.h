/* i18n.h — the one place that defines _() and N_().
 * German is the source language: msgids are German, po/en.po translates. */
#pragma once

#include "config.h"

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)
