/* test-entry.c — the entry in every form a provider's web form wants. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config.h"
#include "datapath.h"
#include "address.h"
#include "entry.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *seed = "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all";

static char *
format(const char *value, enum entry_form form, bool with_ttl)
{
	struct entry e = {.name = "@", .value = value, .value_len = strlen(value),
			  .with_ttl = with_ttl, .ttl = 86400};
	char *text = entry_format(&e, form);
	assert_non_null(text);
	return text;
}

static void
line_with_ttl(void **state)
{
	(void)state;
	char *t = format(seed, ENTRY_FORM_LINE, true);
	assert_string_equal(t, "@ 86400 IN TXT \"v=spf1 mx ip4:148.251.195.107 "
			       "ip6:2a01:4f8:211:18e8::2 -all\"\n");
	free(t);
}

static void
line_without_ttl(void **state)
{
	(void)state;
	char *t = format(seed, ENTRY_FORM_LINE, false);
	assert_string_equal(t, "@ IN TXT \"v=spf1 mx ip4:148.251.195.107 "
			       "ip6:2a01:4f8:211:18e8::2 -all\"\n");
	free(t);
}

static void
fields_with_ttl(void **state)
{
	(void)state;
	char *t = format(seed, ENTRY_FORM_FIELDS, true);
	assert_string_equal(t, "Name: @\nTTL: 86400\nTyp: TXT\n"
			       "Data: v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all\n");
	free(t);
}

static void
fields_without_ttl(void **state)
{
	(void)state;
	char *t = format(seed, ENTRY_FORM_FIELDS, false);
	assert_string_equal(t, "Name: @\nTyp: TXT\n"
			       "Data: v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all\n");
	free(t);
}

/* A record of many ip4 terms, well over 255 bytes. */
static char *
long_record(size_t terms)
{
	char *r = malloc(32 + terms * 24);
	strcpy(r, "v=spf1");
	for (size_t i = 0; i < terms; i++)
		sprintf(r + strlen(r), " ip4:192.0.2.%zu", i);
	strcat(r, " -all");
	return r;
}

/* Joins the quoted strings of a line back into the value. */
static void
assert_strings_rejoin(const char *line, const char *value, size_t expect_strings)
{
	char joined[4096] = {0};
	size_t n = 0, strings = 0;
	const char *p = strchr(line, '"');
	while (p && *p == '"') {
		size_t len = 0;
		p++;
		while (*p != '"') {
			assert_true(*p != '\0');
			if (*p == '\\')
				p++;
			joined[n++] = *p++;
			len++;
		}
		assert_true(len <= 255);
		strings++;
		p++;
		if (*p == ' ')
			p++;
	}
	assert_string_equal(joined, value);
	assert_int_equal(strings, expect_strings);
}

static void
long_record_is_split_at_term_boundaries(void **state)
{
	(void)state;
	char *r = long_record(20); /* 6 + 20 * 16..18 + 5 bytes: about 330 */
	assert_true(strlen(r) > 255);
	char *t = format(r, ENTRY_FORM_LINE, true);
	assert_strings_rejoin(t, r, 2);
	/* The cut is right after a space: the first string ends in " ", and the
	 * second starts with a whole term. */
	const char *second = strstr(t, "\" \"");
	assert_non_null(second);
	assert_true(second[-1] == ' ');
	assert_memory_equal(second + 3, "ip4:", 4);
	free(t);
	/* The fields form shows it unquoted, in one piece. */
	t = format(r, ENTRY_FORM_FIELDS, false);
	assert_non_null(strstr(t, r));
	free(t);
	free(r);
}

static void
very_long_record_gets_three_strings(void **state)
{
	(void)state;
	char *r = long_record(40);
	assert_true(strlen(r) > 510);
	char *t = format(r, ENTRY_FORM_LINE, false);
	assert_strings_rejoin(t, r, 3);
	free(t);
	free(r);
}

static void
split_without_spaces_keeps_utf8_whole(void **state)
{
	(void)state;
	/* 254 x, then "ü" (2 bytes): a cut at 255 would split the ü. */
	char v[300];
	memset(v, 'x', 254);
	strcpy(v + 254, "\xc3\xbc" "yyy");
	size_t ends[4];
	size_t n = entry_split(v, strlen(v), ends, 4);
	assert_int_equal(n, 2);
	assert_int_equal(ends[0], 254);
	assert_int_equal(ends[1], strlen(v));
	/* Exactly 255 bytes stay one string. */
	memset(v, 'x', 255);
	v[255] = '\0';
	assert_int_equal(entry_split(v, 255, ends, 4), 1);
}

static void
quotes_and_backslashes_are_escaped(void **state)
{
	(void)state;
	char *q = entry_quote("v=spf1 exp=%{d}\"x\\y\x01\xc3\xbc", 22);
	assert_string_equal(q, "\"v=spf1 exp=%{d}\\\"x\\\\y\\001\\195\\188\"");
	free(q);
}

static void
umlaut_domain_entry(void **state)
{
	(void)state;
	/* The entry for müller-bau.de: its name is @ in the provider's form for
	 * that zone, the domain in both forms comes from address_parse. */
	struct address addr;
	struct address_problem problem;
	assert_true(address_parse("info@müller-bau.de", &addr, &problem));
	assert_string_equal(addr.domain, "xn--mller-bau-q9a.de");
	assert_string_equal(addr.domain_unicode, "müller-bau.de");
	char *t = format(seed, ENTRY_FORM_LINE, true);
	assert_memory_equal(t, "@ 86400 IN TXT \"", 16);
	free(t);
	address_clear(&addr);
}

/* A provider's own labels replace the generic ones; the ones it lacks stay
 * generic; an empty name field for the apex only where the provider wants it. */
static void
provider_labels(void **state)
{
	(void)state;
	struct entry_labels strato = {.name = "Präfix", .value = "Wert", .apex_empty = true};
	struct entry e = {.labels = &strato, .name = "@", .value = seed, .value_len = strlen(seed),
			  .with_ttl = false, .ttl = 86400};
	char *t = entry_format(&e, ENTRY_FORM_FIELDS);
	assert_string_equal(t, "Präfix: (leer lassen)\nTyp: TXT\n"
			       "Wert: v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all\n");
	free(t);
	e.name = "mail"; /* a subdomain is typed as it is */
	t = entry_format(&e, ENTRY_FORM_FIELDS);
	assert_true(strncmp(t, "Präfix: mail\n", 13) == 0);
	free(t);
	struct entry_labels ionos = {.name = "Hostname", .type_value = "SPF (TXT)"};
	e = (struct entry){.labels = &ionos, .name = "@", .value = "v=spf1 -all", .value_len = 11,
			   .with_ttl = true, .ttl = 3600};
	t = entry_format(&e, ENTRY_FORM_FIELDS);
	assert_string_equal(t, "Hostname: @\nTTL: 3600\nTyp: SPF (TXT)\nData: v=spf1 -all\n");
	free(t);
	t = entry_format(&e, ENTRY_FORM_LINE); /* the line form is a zone file's: no labels */
	assert_string_equal(t, "@ 3600 IN TXT \"v=spf1 -all\"\n");
	free(t);
}

static void
english_labels(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "en_US.UTF-8"))
		fail_msg("locale en_US.UTF-8 is missing: ./dev test generates it");
	bindtextdomain(PACKAGE, datapath_localedir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	char *t = format(seed, ENTRY_FORM_FIELDS, true);
	assert_string_equal(t, "Name: @\nTTL: 86400\nType: TXT\n"
			       "Data: v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all\n");
	free(t);
	setlocale(LC_ALL, "C");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(line_with_ttl),
		cmocka_unit_test(line_without_ttl),
		cmocka_unit_test(fields_with_ttl),
		cmocka_unit_test(fields_without_ttl),
		cmocka_unit_test(long_record_is_split_at_term_boundaries),
		cmocka_unit_test(very_long_record_gets_three_strings),
		cmocka_unit_test(split_without_spaces_keeps_utf8_whole),
		cmocka_unit_test(quotes_and_backslashes_are_escaped),
		cmocka_unit_test(umlaut_domain_entry),
		cmocka_unit_test(provider_labels),
		cmocka_unit_test(english_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
