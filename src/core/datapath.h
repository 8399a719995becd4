/* datapath.h — where the data files and translations are at run time.
 *
 * The install prefix, unless FLICONO_MAILSETUP_DATADIR (data files) or
 * FLICONO_MAILSETUP_LOCALEDIR (translations) name another folder: the tests
 * and `meson devenv` point them at the source and build trees, so that the
 * binary itself holds no path of the machine it was built on. */
#pragma once

/* The folder holding flicono.profile and the lists. Never NULL. */
const char *datapath_datadir(void);

/* The folder holding LANG/LC_MESSAGES/flicono-mailsetup.mo. Never NULL. */
const char *datapath_localedir(void);

/* DIR/NAME as a new string (NULL when out of memory). */
char *datapath_file(const char *name);
