/* test-dc-template.c — Flicono's Domain Connect template
 * (data/domainconnect/flicono.net.spf.json) says what the profile says: its
 * SPFM record's spfRules are the profile's [spf] merge terms, its
 * providerId and serviceId the profile's [domain_connect] ids, its
 * providerName the [sender] name, and its syncPubKeyDomain the [sender]
 * domain. It also keeps the Domain Connect Templates repository's rules
 * (required keys, file name {providerId}.{serviceId}.json, SPFM rather than
 * a TXT record, no warnPhishing beside syncPubKeyDomain). Each rule is shown
 * to catch a template changed in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "datapath.h"
#include "profile.h"

#include <ctype.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char template_name[] = "flicono.net.spf.json";

/* KEY of OBJ as a string, or NULL. */
static const char *
str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static bool
same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* The profile's merge terms, joined by single spaces. */
static void
merge_terms(const struct profile *p, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < p->nmerge_terms; i++) {
		if (i)
			strncat(buf, " ", size - strlen(buf) - 1);
		strncat(buf, p->merge_terms[i], size - strlen(buf) - 1);
	}
}

/* The keys the Templates repository's template.schema knows. */
static bool
known_key(const char *key)
{
	static const char *const keys[] = {
		"providerId", "providerName", "serviceId", "serviceName", "version", "logoUrl",
		"description", "variableDescription", "syncBlock", "shared",
		"sharedProviderName", "sharedServiceName", "syncRedirectDomain",
		"syncPubKeyDomain", "multiInstance", "warnPhishing", "hostRequired", "records",
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i]) == 0)
			return true;
	return false;
}

/* The first thing wrong with template T (file name BASE) for profile P, or
 * NULL. */
static const char *
template_problem(const json_t *t, const struct profile *p, const char *base)
{
	static char expect[512];
	const char *key;
	json_t *value;
	json_object_foreach((json_t *)t, key, value) {
		if (!known_key(key))
			return "a key template.schema does not know";
	}
	static const char *const required[] = {"providerId", "providerName", "serviceId",
					       "serviceName"};
	for (size_t i = 0; i < 4; i++)
		if (!str(t, required[i]) || !str(t, required[i])[0])
			return "a required key is missing or empty";
	if (!json_is_integer(json_object_get(t, "version")))
		return "no integer version";
	snprintf(expect, sizeof(expect), "%s.%s.json", str(t, "providerId"), str(t, "serviceId"));
	for (char *c = expect; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	if (strcmp(expect, base) != 0)
		return "the file name is not {providerId}.{serviceId}.json";
	if (!same(str(t, "providerId"), p->dconnect.provider_id))
		return "providerId is not the profile's provider_id";
	if (!same(str(t, "serviceId"), p->dconnect.service_id))
		return "serviceId is not the profile's service_id";
	if (!same(str(t, "providerName"), p->sender_name))
		return "providerName is not the profile's [sender] name";
	if (!same(str(t, "syncPubKeyDomain"), p->sender_domain))
		return "syncPubKeyDomain is not the profile's [sender] domain";
	if (json_object_get(t, "warnPhishing"))
		return "warnPhishing beside syncPubKeyDomain";
	const json_t *records = json_object_get(t, "records");
	if (!json_is_array(records) || json_array_size(records) != 1)
		return "not exactly one record";
	const json_t *r = json_array_get(records, 0);
	if (!same(str(r, "type"), "SPFM") || !same(str(r, "host"), "@"))
		return "the record is no SPFM record for @";
	merge_terms(p, expect, sizeof(expect));
	if (!same(str(r, "spfRules"), expect))
		return "spfRules are not the profile's merge terms";
	return NULL;
}

static json_t *template;
static struct profile profile;

static int
setup(void **state)
{
	(void)state;
	struct inifile_problem problem;
	char *tpath = datapath_file("domainconnect/flicono.net.spf.json");
	char *ppath = datapath_file("flicono.profile");
	json_error_t err;
	template = tpath ? json_load_file(tpath, JSON_REJECT_DUPLICATES, &err) : NULL;
	if (!template)
		fprintf(stderr, "%s: %s (line %d)\n", tpath, err.text, err.line);
	bool ok = template && ppath && profile_load(ppath, &profile, &problem);
	free(tpath);
	free(ppath);
	return ok ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	json_decref(template);
	profile_clear(&profile);
	return 0;
}

static void
shipped_template_agrees_with_profile(void **state)
{
	(void)state;
	const char *problem = template_problem(template, &profile, template_name);
	if (problem)
		fail_msg("data/domainconnect/%s: %s", template_name, problem);
	/* The ids are what the Domain Connect providers will know it by. */
	assert_string_equal(str(template, "providerId"), "flicono.net");
	assert_string_equal(str(template, "serviceId"), "spf");
}

/* A change to the template: KEY set to the JSON text VALUE (NULL: removed);
 * RECORD_KEY: in the record instead. */
static const struct {
	const char *key, *record_key, *value, *problem;
} changes[] = {
	{NULL, "spfRules", "\"ip4:148.251.195.107\"", "spfRules are not the profile's"},
	{NULL, "spfRules", "\"ip4:148.251.195.107  ip6:2a01:4f8:211:18e8::2\"",
	 "spfRules are not the profile's"},
	{NULL, "type", "\"TXT\"", "no SPFM record"},
	{NULL, "host", "\"www\"", "no SPFM record"},
	{"providerId", NULL, "\"flicono.de\"", "the file name"},
	{"serviceId", NULL, "\"spf2\"", "the file name"},
	{"providerName", NULL, "\"Flicono GmbH\"", "providerName is not"},
	{"syncPubKeyDomain", NULL, "\"keys.flicono.net\"", "syncPubKeyDomain is not"},
	{"syncPubKeyDomain", NULL, NULL, "syncPubKeyDomain is not"},
	{"warnPhishing", NULL, "true", "warnPhishing"},
	{"serviceName", NULL, NULL, "a required key"},
	{"serviceName", NULL, "\"\"", "a required key"},
	{"version", NULL, "\"1\"", "no integer version"},
	{"records", NULL, "[]", "not exactly one record"},
	{"logoURL", NULL, "\"https://flicono.net/logo.svg\"", "a key template.schema"},
};

static void
changed_templates_are_caught(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
		json_t *t = json_deep_copy(template);
		json_t *target = changes[i].key ? t : json_array_get(json_object_get(t, "records"), 0);
		const char *key = changes[i].key ? changes[i].key : changes[i].record_key;
		if (changes[i].value)
			json_object_set_new(target, key, json_loads(changes[i].value, JSON_DECODE_ANY,
								    NULL));
		else
			json_object_del(target, key);
		const char *problem = template_problem(t, &profile, template_name);
		if (!problem || !strstr(problem, changes[i].problem))
			fail_msg("change %zu (%s): %s", i, key, problem ? problem : "not caught");
		json_decref(t);
	}
	/* Another profile: its merge terms no longer match the template. */
	char *saved = profile.merge_terms[0];
	profile.merge_terms[0] = (char *)"ip4:192.0.2.1";
	const char *problem = template_problem(template, &profile, template_name);
	profile.merge_terms[0] = saved;
	assert_non_null(problem);
	assert_non_null(strstr(problem, "spfRules"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_template_agrees_with_profile),
		cmocka_unit_test(changed_templates_are_caught),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
