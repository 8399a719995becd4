/* output.c — see output.h. */
#include "output.h"

#include "config.h"
#include "strbuf.h"
#include "translit.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static bool utf8_codeset = true;

void
output_init(bool utf8)
{
	utf8_codeset = utf8;
}

bool
output_is_utf8(void)
{
	return utf8_codeset;
}

static void
emit(FILE *f, const char *text)
{
	if (!text)
		return;
	if (utf8_codeset) {
		fputs(text, f);
		return;
	}
	char *ascii = translit_ascii(text);
	if (ascii)
		fputs(ascii, f);
	free(ascii);
}

__attribute__((format(printf, 3, 0))) static void
vprint(FILE *f, const char *prefix, const char *fmt, va_list ap)
{
	struct strbuf sb = {0};
	if (prefix)
		strbuf_str(&sb, prefix);
	strbuf_vprintf(&sb, fmt, ap);
	char *text = strbuf_finish(&sb);
	emit(f, text);
	free(text);
}

void
output_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprint(f, NULL, fmt, ap);
	va_end(ap);
}

void
output_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprint(stderr, PACKAGE ": ", fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
output_columns(const char *text)
{
	if (utf8_codeset)
		return utf8_columns(text);
	char *ascii = translit_ascii(text);
	int cols = ascii ? (int)strlen(ascii) : (int)strlen(text);
	free(ascii);
	return cols;
}

void
output_cell(struct strbuf *sb, const char *text, int width)
{
	char *ascii = utf8_codeset ? NULL : translit_ascii(text);
	const char *shown = ascii ? ascii : text;
	int cols = utf8_codeset ? utf8_columns(shown) : (int)strlen(shown);
	strbuf_str(sb, shown);
	for (int i = cols; i < width; i++)
		strbuf_add(sb, " ", 1);
	if (cols >= width)
		strbuf_add(sb, " ", 1);
	free(ascii);
}
