/* datapath.h — where the data files and translations are at run time.
 *
 * An installed program uses the install prefix; a program run from the build
 * directory uses the source tree's data/ and the build tree's po/ (so
 * `./dev run` needs no install); FLICONO_MAILSETUP_DATADIR overrides both for
 * the data files. */
#pragma once

/* The folder holding flicono.profile and the lists. Never NULL. */
const char *datapath_datadir(void);

/* The folder holding LANG/LC_MESSAGES/flicono-mailsetup.mo. Never NULL. */
const char *datapath_localedir(void);

/* DIR/NAME as a new string (NULL when out of memory). */
char *datapath_file(const char *name);
