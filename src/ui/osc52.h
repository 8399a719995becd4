/* osc52.h — the clipboard through the terminal (OSC 52). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Asks the terminal to put TEXT on the clipboard (OSC 52, so it
 * works over SSH); inside tmux or screen the sequence is passed through. */
bool osc52_copy(const char *text, size_t len);
/* Base64 (RFC 4648) of LEN bytes of S into a new string. */
char *osc52_base64(const void *s, size_t len);
