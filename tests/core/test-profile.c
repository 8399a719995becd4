/* test-profile.c — the shipped profile, and every way a profile can be wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config.h"
#include "datapath.h"
#include "profile.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
shipped_profile_loads(void **state)
{
	(void)state;
	struct profile p;
	struct inifile_problem problem;
	char *path = datapath_file("flicono.profile");
	bool ok = path && profile_load(path, &p, &problem);
	free(path);
	if (!ok)
		fail_msg("error %d at line %u", problem.error, problem.line);
	assert_string_equal(p.sender_name, "Flicono");
	assert_string_equal(p.sender_domain, "flicono.net");
	assert_int_equal(p.nmerge_terms, 2);
	assert_string_equal(p.merge_terms[0], "ip4:148.251.195.107");
	assert_string_equal(p.merge_terms[1], "ip6:2a01:4f8:211:18e8::2");
	assert_string_equal(p.template_record,
			    "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all");
	assert_int_equal(p.ttl, 86400);
	/* Only what is known: the switch is in the Voreinstellungen. */
	assert_int_equal(p.alias_de.nsteps, 2);
	assert_int_equal(p.alias_en.nsteps, 2);
	assert_string_equal(profile_alias_for(&p, "de")->steps[1],
			    "Schalten Sie dort die Alias-Funktion ein.");
	assert_string_equal(profile_alias_for(&p, "en")->steps[0],
			    "Open the Preferences in Flicono.");
	assert_string_equal(profile_alias_for(&p, "de")->steps[0],
			    "Öffnen Sie in Flicono die Voreinstellungen.");
	assert_ptr_equal(profile_alias_for(&p, "fr"), &p.alias_de);
	/* Domain Connect: the template's ids, and no key shipped. */
	assert_string_equal(p.dconnect.provider_id, "flicono.net");
	assert_string_equal(p.dconnect.service_id, "spf");
	assert_null(p.dconnect.key_file);
	assert_null(p.dconnect.key_host);
	profile_clear(&p);
	profile_clear(&p); /* twice, and NULL: no-ops */
	profile_clear(NULL);
}

static const char *good_body =
	"[sender]\nname = Flicono\ndomain = flicono.net\n"
	"[spf]\nmerge = ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2\n"
	"template = v=spf1 mx ip4:148.251.195.107 -all\nttl = 3600\n"
	"[alias]\nsummary = s\nstep = a\nrecipients = r\nreplies = p\n"
	"[alias.en]\nsummary = s\nstep = a\nrecipients = r\nreplies = p\n";

static char *
write_profile(const char *body)
{
	char *path = strdup("/tmp/test-profile-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, body, strlen(body)), (ssize_t)strlen(body));
	close(fd);
	return path;
}

/* The good body with line LINE (1-based) replaced by REPLACEMENT. */
static char *
body_with(unsigned line, const char *replacement)
{
	static char out[4096];
	const char *p = good_body;
	out[0] = '\0';
	for (unsigned n = 1; *p; n++) {
		const char *nl = strchr(p, '\n');
		if (n == line)
			strcat(strcat(out, replacement), "\n");
		else
			strncat(out, p, (size_t)(nl - p + 1));
		p = nl + 1;
	}
	return out;
}

static const struct {
	unsigned line;
	const char *replacement;
	const char *message; /* %s: the path */
} bad[] = {
	{3, "domain = flicono..net", "%s, Zeile 3: ungültiger Wert für „domain“ in [sender]."},
	{5, "merge = ip4:148.251.195.999", "%s, Zeile 5: ungültiger Wert für „merge“ in [spf]."},
	{5, "merge = mx", "%s, Zeile 5: ungültiger Wert für „merge“ in [spf]."},
	{5, "merge = ip6:2a01::/129", "%s, Zeile 5: ungültiger Wert für „merge“ in [spf]."},
	{6, "template = spf1 mx -all", "%s, Zeile 6: ungültiger Wert für „template“ in [spf]."},
	{6, "template = v=spf1 mx ip4:1.2.3.4/+32 -all",
	 "%s, Zeile 6: ungültiger Wert für „template“ in [spf]."},
	{5, "merge = ip4:148.251.195.107/+32", "%s, Zeile 5: ungültiger Wert für „merge“ in [spf]."},
	{5, "merge = -ip4:148.251.195.107", "%s, Zeile 5: ungültiger Wert für „merge“ in [spf]."},
	{7, "ttl = -5", "%s, Zeile 7: ungültiger Wert für „ttl“ in [spf]."},
	{7, "ttl = 1d", "%s, Zeile 7: ungültiger Wert für „ttl“ in [spf]."},
	{7, "ttl = 2147483648", "%s, Zeile 7: ungültiger Wert für „ttl“ in [spf]."},
	{7, "tll = 3600", "%s, Zeile 7: unbekannter Schlüssel „tll“ in [spf]."},
	{7, "ttl 3600", "%s, Zeile 7: Diese Zeile ist weder [Abschnitt] noch Schlüssel = Wert."},
	{4, "[spff]", "%s, Zeile 5: unbekannter Abschnitt [spff]."},
	{1, "# [sender] left out", "%s, Zeile 2: „name“ steht vor dem ersten [Abschnitt]."},
	{3, "name = Flicono", "%s, Zeile 3: „name“ steht in [sender] mehr als einmal."},
	{7, "# no ttl", "%s: In [spf] fehlt der Schlüssel „ttl“."},
	{6, "", "%s: In [spf] fehlt der Schlüssel „template“."},
	{17, "", "%s: In [alias.en] fehlt der Schlüssel „replies“."},
};

static void
bad_profiles_name_file_and_line(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *path = write_profile(body_with(bad[i].line, bad[i].replacement));
		struct profile p = {.sender_name = (char *)"stale"};
		struct inifile_problem problem;
		char msg[512], expect[512];
		if (profile_load(path, &p, &problem))
			fail_msg("case %zu (%s) loaded", i, bad[i].replacement);
		assert_null(p.sender_name);
		inifile_problem_message(&problem, msg, sizeof(msg));
		/* The message with its %s replaced by the path. */
		const char *hole = strstr(bad[i].message, "%s");
		snprintf(expect, sizeof(expect), "%.*s%s%s", (int)(hole - bad[i].message),
			 bad[i].message, path, hole + 2);
		assert_string_equal(msg, expect);
		unlink(path);
		free(path);
	}
}

static void
long_line_is_reported_on_its_line(void **state)
{
	(void)state;
	char line[400] = "summary = ";
	memset(line + strlen(line), 'x', 300);
	char *path = write_profile(body_with(10, line));
	struct profile p;
	struct inifile_problem problem;
	char msg[512], expect[512];
	assert_false(profile_load(path, &p, &problem));
	snprintf(expect, sizeof(expect),
		 "%s, Zeile 10: Die Zeile ist zu lang (höchstens 199 Bytes).", path);
	assert_string_equal(inifile_problem_message(&problem, msg, sizeof(msg)), expect);
	unlink(path);
	free(path);
}

static void
line_of_199_bytes_fits_and_nul_is_refused(void **state)
{
	(void)state;
	char line[256] = "summary = ";
	size_t len = strlen(line);
	memset(line + len, 'x', 199 - len);
	line[199] = '\0';
	char *path = write_profile(body_with(9, line));
	struct profile p;
	struct inifile_problem problem;
	if (!profile_load(path, &p, &problem))
		fail_msg("a 199-byte line: error %d at line %u", problem.error, problem.line);
	assert_int_equal(strlen(p.alias_de.summary), 199 - strlen("summary = "));
	profile_clear(&p);
	unlink(path);
	free(path);

	/* A NUL byte inside line 3: that line is refused, and only that one. */
	const char *body = body_with(3, "domain = flicono.net");
	size_t n = strlen(body);
	char *bytes = malloc(n + 1);
	memcpy(bytes, body, n + 1);
	char *at = strstr(bytes, "flicono.net");
	at[7] = '\0';
	path = strdup("/tmp/test-profile-XXXXXX");
	int fd = mkstemp(path);
	assert_int_equal(write(fd, bytes, n), (ssize_t)n);
	close(fd);
	char msg[512], expect[512];
	assert_false(profile_load(path, &p, &problem));
	snprintf(expect, sizeof(expect),
		 "%s, Zeile 3: Diese Zeile ist weder [Abschnitt] noch Schlüssel = Wert.", path);
	assert_string_equal(inifile_problem_message(&problem, msg, sizeof(msg)), expect);
	unlink(path);
	free(path);
	free(bytes);
}

static void
missing_file(void **state)
{
	(void)state;
	struct profile p;
	struct inifile_problem problem;
	char msg[512];
	assert_false(profile_load("/nonexistent/flicono.profile", &p, &problem));
	assert_int_equal(problem.error, INIFILE_NOT_FOUND);
	assert_string_equal(inifile_problem_message(&problem, msg, sizeof(msg)),
			    "Die Profildatei /nonexistent/flicono.profile gibt es nicht.");
}

/* The good body with SECTION appended (from line 18 on). */
static char *
body_plus(const char *section)
{
	static char out[4096];
	snprintf(out, sizeof(out), "%s%s", good_body, section);
	return out;
}

static const struct {
	const char *section;
	const char *message; /* %s: the path */
} bad_dconnect[] = {
	{"[domain_connect]\nprovider_id = flicono.net\n",
	 "%s: In [domain_connect] fehlt der Schlüssel „service_id“."},
	{"[domain_connect]\nservice_id = spf\n",
	 "%s: In [domain_connect] fehlt der Schlüssel „provider_id“."},
	{"[domain_connect]\nkey_file = k.pem\nkey_host = _dck1\n",
	 "%s: In [domain_connect] fehlt der Schlüssel „provider_id“."},
	{"[domain_connect]\nprovider_id = flicono.net\nservice_id = spf\nkey_file = k.pem\n",
	 "%s: In [domain_connect] fehlt der Schlüssel „key_host“."},
	{"[domain_connect]\nprovider_id = flicono.net\nservice_id = spf\nkey_host = _dck1\n",
	 "%s: In [domain_connect] fehlt der Schlüssel „key_file“."},
	{"[domain_connect]\nprovider_id = flicono net\n",
	 "%s, Zeile 19: ungültiger Wert für „provider_id“ in [domain_connect]."},
	{"[domain_connect]\nprovider_id = flicono/net\n",
	 "%s, Zeile 19: ungültiger Wert für „provider_id“ in [domain_connect]."},
	{"[domain_connect]\nprovider_id = flicono.net\nservice_id = spf%20\n",
	 "%s, Zeile 20: ungültiger Wert für „service_id“ in [domain_connect]."},
	{"[domain_connect]\nservice_id = "
	 "s234567890123456789012345678901234567890123456789012345678901234X\n",
	 "%s, Zeile 19: ungültiger Wert für „service_id“ in [domain_connect]."},
	{"[domain_connect]\nprovider_id = flicono.net\nprovider_id = flicono.net\n",
	 "%s, Zeile 20: „provider_id“ steht in [domain_connect] mehr als einmal."},
	{"[domain_connect]\nkey_file =\n",
	 "%s, Zeile 19: ungültiger Wert für „key_file“ in [domain_connect]."},
	{"[domain_connect]\nkey_file = a.pem\nkey_file = b.pem\n",
	 "%s, Zeile 20: „key_file“ steht in [domain_connect] mehr als einmal."},
	{"[domain_connect]\nkey_host = dck_1\n",
	 "%s, Zeile 19: ungültiger Wert für „key_host“ in [domain_connect]."},
	{"[domain_connect]\nkey_host = _\n",
	 "%s, Zeile 19: ungültiger Wert für „key_host“ in [domain_connect]."},
	{"[domain_connect]\nkey_host = __dck1\n",
	 "%s, Zeile 19: ungültiger Wert für „key_host“ in [domain_connect]."},
	{"[domain_connect]\nkey_host = _dck1.\n",
	 "%s, Zeile 19: ungültiger Wert für „key_host“ in [domain_connect]."},
	{"[domain_connect]\nkey_host = -dck1\n",
	 "%s, Zeile 19: ungültiger Wert für „key_host“ in [domain_connect]."},
	{"[domain_connect]\nkey_host = _dc k1\n",
	 "%s, Zeile 19: ungültiger Wert für „key_host“ in [domain_connect]."},
	{"[domain_connect]\nkey = x\n",
	 "%s, Zeile 19: unbekannter Schlüssel „key“ in [domain_connect]."},
};

static void
bad_dconnect_sections(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_dconnect) / sizeof(bad_dconnect[0]); i++) {
		char *path = write_profile(body_plus(bad_dconnect[i].section));
		struct profile p;
		struct inifile_problem problem;
		char msg[512], expect[512];
		if (profile_load(path, &p, &problem))
			fail_msg("case %zu (%s) loaded", i, bad_dconnect[i].section);
		assert_null(p.dconnect.provider_id);
		inifile_problem_message(&problem, msg, sizeof(msg));
		const char *hole = strstr(bad_dconnect[i].message, "%s");
		snprintf(expect, sizeof(expect), "%.*s%s%s", (int)(hole - bad_dconnect[i].message),
			 bad_dconnect[i].message, path, hole + 2);
		assert_string_equal(msg, expect);
		unlink(path);
		free(path);
	}
}

static const struct {
	const char *key_file, *key_host;
	const char *want_file; /* NULL: the profile's directory + key_file */
} good_keys[] = {
	{"dc-key.pem", "_dck1", NULL},
	{"keys/dc key.pem", "_dck1.keys", NULL},
	{"../dc.pem", "dck2", NULL},
	{"/etc/flicono/dc.pem", "_dcpubkeyv1", "/etc/flicono/dc.pem"},
	{"/x.pem", "a-b._c", "/x.pem"},
};

static void
dconnect_section_loads(void **state)
{
	(void)state;
	/* Without a key: the ids only. */
	char *path = write_profile(body_plus("[domain_connect]\nprovider_id = flicono.net\n"
					     "service_id = spf\n"));
	struct profile p;
	struct inifile_problem problem;
	assert_true(profile_load(path, &p, &problem));
	assert_string_equal(p.dconnect.provider_id, "flicono.net");
	assert_string_equal(p.dconnect.service_id, "spf");
	assert_null(p.dconnect.key_file);
	assert_null(p.dconnect.key_host);
	profile_clear(&p);
	assert_null(p.dconnect.provider_id);
	unlink(path);
	free(path);

	/* An empty section is as good as none. */
	path = write_profile(body_plus("[domain_connect]\n"));
	assert_true(profile_load(path, &p, &problem));
	assert_null(p.dconnect.provider_id);
	profile_clear(&p);
	unlink(path);
	free(path);

	for (size_t i = 0; i < sizeof(good_keys) / sizeof(good_keys[0]); i++) {
		char section[256], want[512];
		snprintf(section, sizeof(section),
			 "[domain_connect]\nprovider_id = flicono.net\nservice_id = spf\n"
			 "key_file = %s\nkey_host = %s\n",
			 good_keys[i].key_file, good_keys[i].key_host);
		path = write_profile(body_plus(section));
		if (!profile_load(path, &p, &problem))
			fail_msg("case %zu: error %d at line %u", i, problem.error, problem.line);
		/* write_profile's files are /tmp/test-profile-XXXXXX. */
		if (good_keys[i].want_file)
			snprintf(want, sizeof(want), "%s", good_keys[i].want_file);
		else
			snprintf(want, sizeof(want), "/tmp/%s", good_keys[i].key_file);
		assert_string_equal(p.dconnect.key_file, want);
		assert_string_equal(p.dconnect.key_host, good_keys[i].key_host);
		profile_clear(&p);
		unlink(path);
		free(path);
	}
}

/* A profile named by a relative path: its key_file is made absolute
 * against the working directory too. */
static void
key_file_of_relative_profile(void **state)
{
	(void)state;
	char *path = write_profile(body_plus("[domain_connect]\nprovider_id = flicono.net\n"
					     "service_id = spf\nkey_file = dc.pem\n"
					     "key_host = _dck1\n"));
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir("/tmp"), 0);
	struct profile p;
	struct inifile_problem problem;
	const char *base = strrchr(path, '/') + 1;
	bool ok = profile_load(base, &p, &problem);
	assert_int_equal(chdir(cwd), 0);
	assert_true(ok);
	assert_string_equal(p.dconnect.key_file, "/tmp/dc.pem");
	profile_clear(&p);
	unlink(path);
	free(path);
}

static void
good_body_loads(void **state)
{
	(void)state;
	char *path = write_profile(good_body);
	struct profile p;
	struct inifile_problem problem;
	assert_true(profile_load(path, &p, &problem));
	assert_int_equal(p.ttl, 3600);
	assert_string_equal(p.path, path);
	profile_clear(&p);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_profile_loads),
		cmocka_unit_test(good_body_loads),
		cmocka_unit_test(bad_profiles_name_file_and_line),
		cmocka_unit_test(long_line_is_reported_on_its_line),
		cmocka_unit_test(line_of_199_bytes_fits_and_nul_is_refused),
		cmocka_unit_test(missing_file),
		cmocka_unit_test(bad_dconnect_sections),
		cmocka_unit_test(dconnect_section_loads),
		cmocka_unit_test(key_file_of_relative_profile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
