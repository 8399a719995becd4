/* strbuf.c — see strbuf.h. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
reserve(struct strbuf *sb, size_t n)
{
	if (sb->failed)
		return false;
	if (sb->len + n + 1 <= sb->cap)
		return true;
	size_t cap = sb->cap ? sb->cap : 64;
	while (sb->len + n + 1 > cap)
		cap *= 2;
	char *grown = realloc(sb->buf, cap);
	if (!grown) {
		sb->failed = true;
		return false;
	}
	sb->buf = grown, sb->cap = cap;
	return true;
}

void
strbuf_add(struct strbuf *sb, const void *s, size_t n)
{
	if (!reserve(sb, n))
		return;
	if (n)
		memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
strbuf_str(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void
strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0) {
		sb->failed = true;
		return;
	}
	if (!reserve(sb, (size_t)n))
		return;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void
strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}

char *
strbuf_finish(struct strbuf *sb)
{
	strbuf_add(sb, "", 0);
	char *out = sb->failed ? NULL : sb->buf;
	if (!out)
		free(sb->buf);
	*sb = (struct strbuf){0};
	return out;
}

void
strbuf_clear(struct strbuf *sb)
{
	free(sb->buf);
	*sb = (struct strbuf){0};
}
