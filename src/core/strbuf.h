/* strbuf.h — a growing string. Out of memory is sticky: keep appending, and
 * strbuf_finish() returns NULL once anything failed. */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *buf; /* NUL-terminated once anything was added */
	size_t len, cap;
	bool failed;
};

void strbuf_add(struct strbuf *sb, const void *s, size_t n);
void strbuf_str(struct strbuf *sb, const char *s);
void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands over the string (never NULL unless out of memory); *sb is reset. */
char *strbuf_finish(struct strbuf *sb);
/* Frees the contents and resets *sb. */
void strbuf_clear(struct strbuf *sb);
