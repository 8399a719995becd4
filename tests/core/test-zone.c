/* test-zone.c — the SOA's MNAME and RNAME as the provider detection reads
 * them (zone_soa_names): a root or over-long name says nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "zone.h"

#include <stdio.h>
#include <string.h>

static void
soa_names(void **state)
{
	(void)state;
	char m[256], r[256];
	assert_true(zone_soa_names("docks07.rzone.de hostmaster.strato-rz.de 1 3600 900 604800 60",
				   m, r, sizeof(m)));
	assert_string_equal(m, "docks07.rzone.de");
	assert_string_equal(r, "hostmaster.strato-rz.de");
	/* The root as MNAME is written "": the text begins with a space. */
	assert_false(zone_soa_names(" hostmaster.example 1 2 3 4 5", m, r, sizeof(m)));
	assert_string_equal(m, "");
	assert_string_equal(r, "");
	char longname[300];
	memset(longname, 'a', 299);
	longname[299] = '\0';
	char text[400];
	snprintf(text, sizeof(text), "%s b.example 1 2 3 4 5", longname);
	assert_false(zone_soa_names(text, m, r, sizeof(m)));
	assert_string_equal(m, "");
	assert_false(zone_soa_names("only-one-word", m, r, sizeof(m)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(soa_names)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
