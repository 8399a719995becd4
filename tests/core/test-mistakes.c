/* test-mistakes.c — the typical mistakes, judged from what the places a
 * mistyped record ends up at serve: the names to ask, and each mistake's
 * bit and the record shown for it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mistakes.h"

#define TEMPLATE "v=spf1 mx ip4:148.251.195.107 -all"

/* A TXT rrset of one record TEXT. */
static struct dns_rrset
txt(const char *text)
{
	struct dns_rrset set = DNS_RRSET_INIT;
	set.status = DNS_STATUS_OK;
	assert_true(dns_rrset_add(&set, text, strlen(text), 3600, 0));
	return set;
}

static unsigned
judge(const struct mistake_probes *probes, char **record)
{
	*record = NULL;
	return mistakes_find(probes, record);
}

static void
names_are_doubled_www_and_at(void **state)
{
	(void)state;
	struct mistake_names n;
	assert_true(mistakes_probe_names("mail.firma.de", "firma.de", &n));
	assert_string_equal(n.doubled, "mail.firma.de.firma.de");
	assert_string_equal(n.www, "www.mail.firma.de");
	assert_string_equal(n.at, "@.mail.firma.de");
	mistakes_names_free(&n);
	assert_null(n.doubled);
	/* Zone unknown: the domain doubled. */
	assert_true(mistakes_probe_names("firma.de", NULL, &n));
	assert_string_equal(n.doubled, "firma.de.firma.de");
	mistakes_names_free(&n);
}

static void
a_record_at_a_wrong_name_is_named_and_shown(void **state)
{
	(void)state;
	struct dns_rrset rec = txt(TEMPLATE), other = txt("google-site-verification=x");
	char *record;
	struct mistake_probes p = {.doubled = &rec};
	assert_int_equal(judge(&p, &record), MISTAKE_DOUBLED_NAME);
	assert_string_equal(record, TEMPLATE);
	free(record);
	p = (struct mistake_probes){.www = &rec};
	assert_int_equal(judge(&p, &record), MISTAKE_WWW);
	free(record);
	p = (struct mistake_probes){.at = &rec};
	assert_int_equal(judge(&p, &record), MISTAKE_AT_LABEL);
	assert_string_equal(record, TEMPLATE);
	free(record);
	/* A TXT record there that is not SPF is no mistake. */
	p = (struct mistake_probes){.doubled = &other, .www = &other, .at = &other};
	assert_int_equal(judge(&p, &record), 0);
	assert_null(record);
	dns_rrset_clear(&rec);
	dns_rrset_clear(&other);
}

static void
a_mangled_value_is_named(void **state)
{
	(void)state;
	struct dns_rrset quoted = txt("\"" TEMPLATE "\""),
			 curly = txt("\xe2\x80\x9e" TEMPLATE "\xe2\x80\x9c"),
			 nbsp = txt("v=spf1\xc2\xa0mx -all"), good = txt(TEMPLATE);
	char *record;
	struct mistake_probes p = {.own = &quoted};
	assert_int_equal(judge(&p, &record), MISTAKE_QUOTED);
	assert_string_equal(record, "\"" TEMPLATE "\"");
	free(record);
	p = (struct mistake_probes){.own = &curly};
	assert_int_equal(judge(&p, &record), MISTAKE_TYPOGRAPHIC);
	free(record);
	p = (struct mistake_probes){.own = &nbsp};
	assert_int_equal(judge(&p, &record), MISTAKE_TYPOGRAPHIC);
	free(record);
	p = (struct mistake_probes){.own = &good};
	assert_int_equal(judge(&p, &record), 0);
	assert_null(record);
	/* Two at once; the record shown is the first found. */
	p = (struct mistake_probes){.own = &quoted, .www = &good};
	assert_int_equal(judge(&p, &record), MISTAKE_WWW | MISTAKE_QUOTED);
	assert_string_equal(record, TEMPLATE);
	free(record);
	dns_rrset_clear(&quoted);
	dns_rrset_clear(&curly);
	dns_rrset_clear(&nbsp);
	dns_rrset_clear(&good);
}

static void
type99_counts_only_without_a_txt_record(void **state)
{
	(void)state;
	struct dns_rrset spf = txt(TEMPLATE), own = txt(TEMPLATE);
	char *record;
	struct mistake_probes p = {.type99 = &spf};
	assert_int_equal(judge(&p, &record), MISTAKE_TYPE99_ONLY);
	free(record);
	p = (struct mistake_probes){.type99 = &spf, .own = &own};
	assert_int_equal(judge(&p, &record), 0);
	assert_null(record);
	dns_rrset_clear(&spf);
	dns_rrset_clear(&own);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_are_doubled_www_and_at),
		cmocka_unit_test(a_record_at_a_wrong_name_is_named_and_shown),
		cmocka_unit_test(a_mangled_value_is_named),
		cmocka_unit_test(type99_counts_only_without_a_txt_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
