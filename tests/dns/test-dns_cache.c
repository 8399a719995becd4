/* test-dns_cache.c — what the answer cache keeps, and for how long. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dns_cache.h"

static struct dns_rrset
txt(const char *text, uint32_t ttl)
{
	struct dns_rrset set = DNS_RRSET_INIT;
	assert_true(dns_rrset_add(&set, text, strlen(text), ttl, 0));
	set.records[0].nstrings = 1;
	return set;
}

static void
test_kept_and_copied(void **state)
{
	(void)state;
	struct dns_cache *c = dns_cache_new();
	struct dns_rrset in = txt("v=spf1 mx ~all", 300), out = DNS_RRSET_INIT;
	assert_false(dns_cache_get(c, "alt.de", DNS_TYPE_TXT, &out));
	dns_cache_put(c, "alt.de", DNS_TYPE_TXT, &in);
	dns_rrset_clear(&in);
	assert_true(dns_cache_get(c, "ALT.de", DNS_TYPE_TXT, &out));
	assert_int_equal(out.status, DNS_STATUS_OK);
	assert_int_equal(out.count, 1);
	assert_string_equal((const char *)out.records[0].data, "v=spf1 mx ~all");
	assert_int_equal(out.records[0].nstrings, 1);
	assert_true(out.ttl <= 300 && out.ttl >= 299);
	/* Another type or name is another question. */
	assert_false(dns_cache_get(c, "alt.de", DNS_TYPE_MX, &out));
	assert_false(dns_cache_get(c, "www.alt.de", DNS_TYPE_TXT, &out));
	dns_rrset_clear(&out);
	dns_cache_free(c);
}

static void
test_not_kept(void **state)
{
	(void)state;
	struct dns_cache *c = dns_cache_new();
	struct dns_rrset zero = txt("v=spf1 -all", 0), out = DNS_RRSET_INIT;
	struct dns_rrset fail = {.status = DNS_STATUS_SERVFAIL, .ttl = 300};
	struct dns_rrset late = {.status = DNS_STATUS_TIMEOUT, .ttl = 300};
	struct dns_rrset neg0 = {.status = DNS_STATUS_NXDOMAIN, .ttl = 0};
	struct dns_rrset neg = {.status = DNS_STATUS_NODATA, .ttl = 300};
	dns_cache_put(c, "a.de", DNS_TYPE_TXT, &zero);
	dns_cache_put(c, "b.de", DNS_TYPE_TXT, &fail);
	dns_cache_put(c, "c.de", DNS_TYPE_TXT, &late);
	dns_cache_put(c, "d.de", DNS_TYPE_TXT, &neg0);
	dns_cache_put(c, "e.de", DNS_TYPE_TXT, &neg);
	assert_false(dns_cache_get(c, "a.de", DNS_TYPE_TXT, &out));
	assert_false(dns_cache_get(c, "b.de", DNS_TYPE_TXT, &out));
	assert_false(dns_cache_get(c, "c.de", DNS_TYPE_TXT, &out));
	assert_false(dns_cache_get(c, "d.de", DNS_TYPE_TXT, &out));
	/* A negative answer with a SOA minimum is kept for that long. */
	assert_true(dns_cache_get(c, "e.de", DNS_TYPE_TXT, &out));
	assert_int_equal(out.status, DNS_STATUS_NODATA);
	assert_int_equal(out.count, 0);
	dns_rrset_clear(&zero);
	dns_cache_free(c);
}

static void
test_expires(void **state)
{
	(void)state;
	struct dns_cache *c = dns_cache_new();
	struct dns_rrset in = txt("v=spf1 -all", 1), out = DNS_RRSET_INIT;
	dns_cache_put(c, "kurz.de", DNS_TYPE_TXT, &in);
	sleep(2);
	assert_false(dns_cache_get(c, "kurz.de", DNS_TYPE_TXT, &out));
	/* A newer answer replaces the old one. */
	struct dns_rrset newer = txt("v=spf1 mx -all", 60);
	dns_cache_put(c, "kurz.de", DNS_TYPE_TXT, &newer);
	assert_true(dns_cache_get(c, "kurz.de", DNS_TYPE_TXT, &out));
	assert_string_equal((const char *)out.records[0].data, "v=spf1 mx -all");
	dns_rrset_clear(&in);
	dns_rrset_clear(&newer);
	dns_rrset_clear(&out);
	dns_cache_free(c);
}

static void *
hammer(void *arg)
{
	struct dns_cache *c = arg;
	char name[32];
	for (int i = 0; i < 200; i++) {
		struct dns_rrset in = txt("v=spf1 -all", 60), out = DNS_RRSET_INIT;
		snprintf(name, sizeof(name), "n%d.de", i % 37);
		dns_cache_put(c, name, DNS_TYPE_TXT, &in);
		if (dns_cache_get(c, name, DNS_TYPE_TXT, &out) && out.count != 1)
			return "wrong count";
		dns_rrset_clear(&in);
		dns_rrset_clear(&out);
	}
	return NULL;
}

/* check --open shares one resolver, and so one cache, between 8 threads. */
static void
test_threads(void **state)
{
	(void)state;
	struct dns_cache *c = dns_cache_new();
	pthread_t t[8];
	for (int i = 0; i < 8; i++)
		assert_int_equal(pthread_create(&t[i], NULL, hammer, c), 0);
	for (int i = 0; i < 8; i++) {
		void *r = NULL;
		pthread_join(t[i], &r);
		assert_null(r);
	}
	dns_cache_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept_and_copied),
		cmocka_unit_test(test_not_kept),
		cmocka_unit_test(test_expires),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
