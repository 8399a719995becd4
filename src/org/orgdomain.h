/* orgdomain.h — the organisational domain of a domain (RFC 7489 3.2): the
 * public suffix plus one label, from the Public Suffix List (libpsl, the
 * list of Debian's package publicsuffix). A module of its own, outside
 * src/core, so that core links no library beyond the ones it has; the
 * command line and the wizard call it and hand the result to the round. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Writes the organisational domain of DOMAIN (A-label, no trailing dot)
 * into BUF. False when there is none (DOMAIN is itself a public suffix)
 * or BUF is too small; BUF then holds "". Without the list file, libpsl's
 * built-in list is used. */
bool orgdomain_of(const char *domain, char *buf, size_t size);
