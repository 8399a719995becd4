/* fuzz-state.c — the open-checks file reader.
 *
 * Input: the file's bytes, handed to state_parse() (what state_load() does
 * with a file it read).
 * Invariants: a parsed list has at most STATE_MAX_ENTRIES entries, each with
 * a non-empty NUL-terminated domain in lower case without control bytes and
 * a form and TTL choice of the known values; formatting it and parsing the
 * result gives the same list (the format is a fixed point); a failed parse
 * leaves nothing behind. */
#include "fuzz.h"

#include "state.h"

#include <stdlib.h>
#include <string.h>

static void
check_entry(const struct state_entry *e)
{
	size_t dlen = strnlen(e->domain, sizeof(e->domain));
	FUZZ_CHECK(dlen > 0 && dlen < sizeof(e->domain));
	FUZZ_CHECK(strnlen(e->input, sizeof(e->input)) < sizeof(e->input));
	for (size_t i = 0; i < dlen; i++) {
		unsigned char c = (unsigned char)e->domain[i];
		FUZZ_CHECK(c > 0x20 && c != 0x7f && !(c >= 'A' && c <= 'Z'));
	}
	FUZZ_CHECK(e->form == ENTRY_FORM_LINE || e->form == ENTRY_FORM_FIELDS);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct state_list list = {0}, again = {0};
	bool nomem = false;

	if (!state_parse((const char *)data, size, &list, &nomem)) {
		FUZZ_CHECK(list.n == 0 && list.entries == NULL);
		return 0;
	}
	FUZZ_CHECK(list.n <= STATE_MAX_ENTRIES);
	for (size_t i = 0; i < list.n; i++)
		check_entry(&list.entries[i]);
	char *text = state_format(&list);
	FUZZ_CHECK(text != NULL);
	FUZZ_CHECK(state_parse(text, strlen(text), &again, &nomem));
	FUZZ_CHECK(again.n == list.n);
	for (size_t i = 0; i < list.n; i++) {
		const struct state_entry *a = &list.entries[i], *b = &again.entries[i];
		FUZZ_CHECK(strcmp(a->domain, b->domain) == 0 && strcmp(a->input, b->input) == 0);
		FUZZ_CHECK(a->form == b->form && a->with_ttl == b->with_ttl &&
			   a->started == b->started);
	}
	free(text);
	state_list_clear(&again);
	state_list_clear(&list);
	return 0;
}
