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

/* TEXT as it is printed: transliterated where the codeset is not UTF-8.
 * *copy: what to free (NULL when TEXT itself is printed, or out of memory,
 * when TEXT is measured as it is). */
static const char *
printed(const char *text, char **copy)
{
	*copy = utf8_codeset ? NULL : translit_ascii(text);
	return *copy ? *copy : text;
}

int
output_columns(const char *text)
{
	char *copy;
	int cols = utf8_columns(printed(text, &copy));
	free(copy);
	return cols;
}

void
output_cell(struct strbuf *sb, const char *text, int width)
{
	char *copy;
	const char *shown = printed(text, &copy);
	int cols = utf8_columns(shown);
	strbuf_str(sb, shown);
	for (int i = cols; i < width; i++)
		strbuf_add(sb, " ", 1);
	if (cols >= width)
		strbuf_add(sb, " ", 1);
	free(copy);
}
