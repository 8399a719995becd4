/* entry.c — see entry.h. */
#include "entry.h"

#include "i18n.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t
entry_split(const char *value, size_t len, size_t *ends, size_t max)
{
	size_t count = 0, pos = 0;

	while (count < max) {
		if (len - pos <= ENTRY_STRING_MAX) {
			ends[count++] = len;
			break;
		}
		size_t cut = pos + ENTRY_STRING_MAX;
		/* Prefer the last space that fits: the space stays at the end of
		 * this string, so joining gives the record back unchanged. */
		size_t space = cut;
		while (space > pos && value[space - 1] != ' ')
			space--;
		if (space > pos) {
			cut = space;
		} else {
			while (cut > pos + 1 && ((unsigned char)value[cut] & 0xc0) == 0x80)
				cut--;
		}
		ends[count++] = cut;
		pos = cut;
	}
	return count;
}

static void
quote_into(struct strbuf *sb, const char *value, size_t len)
{
	size_t ends[64];
	size_t n = entry_split(value, len, ends, sizeof(ends) / sizeof(ends[0]));
	size_t pos = 0;
	/* More strings than fit: the rest goes in the last one, still quoted. */
	ends[n - 1] = len;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_add(sb, " ", 1);
		strbuf_add(sb, "\"", 1);
		for (; pos < ends[i]; pos++) {
			unsigned char c = (unsigned char)value[pos];
			char esc[8];
			if (c == '"' || c == '\\') {
				esc[0] = '\\', esc[1] = (char)c;
				strbuf_add(sb, esc, 2);
			} else if (c < 0x20 || c >= 0x7f) {
				snprintf(esc, sizeof(esc), "\\%03u", c);
				strbuf_add(sb, esc, 4);
			} else {
				strbuf_add(sb, (const char *)&c, 1);
			}
		}
		strbuf_add(sb, "\"", 1);
	}
}

char *
entry_quote(const char *value, size_t len)
{
	struct strbuf sb = {0};
	quote_into(&sb, value, len);
	return strbuf_finish(&sb);
}

char *
entry_format(const struct entry *entry, enum entry_form form)
{
	struct strbuf sb = {0};
		if (form == ENTRY_FORM_LINE) {
		strbuf_str(&sb, entry->name);
		if (entry->with_ttl)
			strbuf_printf(&sb, " %lu", entry->ttl);
		strbuf_str(&sb, " IN TXT ");
		quote_into(&sb, entry->value, entry->value_len);
		strbuf_add(&sb, "\n", 1);
	} else {
		/* The labels as Flicono's help page writes them, unless the
		 * provider's own are known. */
		const struct entry_labels none = {0}, *l = entry->labels ? entry->labels : &none;
		bool empty = l->apex_empty && strcmp(entry->name, "@") == 0;
		strbuf_printf(&sb, "%s: %s\n", l->name ? l->name : _("Name"),
			      empty ? _("(leer lassen)") : entry->name);
		if (entry->with_ttl)
			strbuf_printf(&sb, "%s: %lu\n", l->ttl ? l->ttl : _("TTL"), entry->ttl);
		strbuf_printf(&sb, "%s: %s\n", l->type ? l->type : _("Typ"),
			      l->type_value ? l->type_value : "TXT");
		strbuf_printf(&sb, "%s: ", l->value ? l->value : _("Data"));
		strbuf_add(&sb, entry->value, entry->value_len);
		strbuf_add(&sb, "\n", 1);
	}
	return strbuf_finish(&sb);
}
