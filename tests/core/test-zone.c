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

/* The registrable domain does not exist only when its own SOA lookup says
 * NXDOMAIN and the zone found lies above it, at a label boundary. */
static void
domain_missing(void **state)
{
	(void)state;
	static const struct {
		const char *zone, *org;
		enum dns_status soa;
		bool missing;
	} cases[] = {
		{"de", "tippfehler-firma.de", DNS_STATUS_NXDOMAIN, true},
		{"co.uk", "tippfehler-firma.co.uk", DNS_STATUS_NXDOMAIN, true},
		{"CO.UK", "tippfehler-firma.co.uk", DNS_STATUS_NXDOMAIN, true},
		/* a name below an existing zone: the customer can create it */
		{"beispiel-firma.de", "beispiel-firma.de", DNS_STATUS_NXDOMAIN, false},
		/* no answer, or the name exists: nothing is known to be missing */
		{"de", "tippfehler-firma.de", DNS_STATUS_TIMEOUT, false},
		{"de", "tippfehler-firma.de", DNS_STATUS_NODATA, false},
		{"de", "tippfehler-firma.de", DNS_STATUS_REFUSED, false},
		/* a suffix of the text, not of the labels */
		{"a.de", "firma.de", DNS_STATUS_NXDOMAIN, false},
		{"ma.de", "firma.de", DNS_STATUS_NXDOMAIN, false},
		{"de", NULL, DNS_STATUS_NXDOMAIN, false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool got = zone_domain_missing(cases[i].zone, cases[i].org, cases[i].soa);
		if (got != cases[i].missing)
			fail_msg("case %zu (%s under %s): %d", i, cases[i].org ? cases[i].org : "-",
				 cases[i].zone, got);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(soa_names),
					   cmocka_unit_test(domain_missing)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
