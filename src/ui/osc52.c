/* osc52.c — the clipboard through the terminal (OSC 52): it reaches the
 * user's own machine even over SSH, where no local clipboard tool could. */
#include "osc52.h"

#include "fdio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *
osc52_base64(const void *s, size_t len)
{
	static const char abc[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *in = s;
	char *out = malloc((len + 2) / 3 * 4 + 1);
	size_t o = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)in[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)in[i + 1] << 8;
		if (i + 2 < len)
			v |= in[i + 2];
		out[o++] = abc[v >> 18 & 63];
		out[o++] = abc[v >> 12 & 63];
		out[o++] = i + 1 < len ? abc[v >> 6 & 63] : '=';
		out[o++] = i + 2 < len ? abc[v & 63] : '=';
	}
	out[o] = '\0';
	return out;
}

bool
osc52_copy(const char *text, size_t len)
{
	char *b64 = osc52_base64(text, len);
	char *seq = NULL;
	bool ok = false;
	if (!b64)
		return false;
	size_t size = strlen(b64) + 32;
	if (!(seq = malloc(size)))
		goto out;
	/* GNU screen swallows OSC 52 unless it comes wrapped in a DCS; tmux
	 * understands it itself (set-clipboard) and hands it on. */
	const char *sty = getenv("STY");
	bool screen = sty && sty[0] && !getenv("TMUX");
	snprintf(seq, size, "%s\033]52;c;%s\a%s", screen ? "\033P" : "", b64,
		 screen ? "\033\\" : "");
	ok = fdio_write_all(STDOUT_FILENO, seq, strlen(seq));
out:
	free(seq);
	free(b64);
	return ok;
}
