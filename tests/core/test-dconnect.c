/* test-dconnect.c — Domain Connect's pure part: which URLs from a provider
 * are acceptable, the encoding, the links built from the settings, and the
 * message that carries the apply link. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dconnect.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *url;
	bool ok;
	const char *host; /* when ok */
	unsigned port;
} urls[] = {
	{"https://domainconnect.ionos.com", true, "domainconnect.ionos.com", 443},
	{"https://domainconnect.ionos.com/", true, "domainconnect.ionos.com", 443},
	{"https://dc.example.de/v2/x?a=1&b=%20", true, "dc.example.de", 443},
	{"HTTPS://DC.Example.DE/Path", true, "dc.example.de", 443},
	{"https://dc.example.de:8443/api", true, "dc.example.de", 8443},
	{"https://dc.example.de:1", true, "dc.example.de", 1},
	{"https://dc.example.de:65535/", true, "dc.example.de", 65535},
	{"https://xn--mller-kva.de/", true, "xn--mller-kva.de", 443},
	{"http://dc.example.de/", false, NULL, 0},
	{"ftp://dc.example.de/", false, NULL, 0},
	{"https:/dc.example.de/", false, NULL, 0},
	{"https://", false, NULL, 0},
	{"https:///path", false, NULL, 0},
	{"https://192.0.2.1/", false, NULL, 0},
	{"https://192.0.2.1:443/", false, NULL, 0},
	{"https://[2001:db8::1]/", false, NULL, 0},
	{"https://[2001:db8::1]:443/", false, NULL, 0},
	{"https://user@dc.example.de/", false, NULL, 0},
	{"https://user:pw@dc.example.de/", false, NULL, 0},
	{"https://dc.example.de@evil.example/", false, NULL, 0},
	{"https://dc.example.de/a#frag", false, NULL, 0},
	{"https://dc.example.de#frag", false, NULL, 0},
	{"https://dc.example.de/a\nb", false, NULL, 0},
	{"https://dc.example.de/a\rb", false, NULL, 0},
	{"https://dc.example.de/a\x1b[2Jb", false, NULL, 0},
	{"https://dc.example.de/a\x7f", false, NULL, 0},
	{"https://dc.example.de/a b", false, NULL, 0},
	{"https://dc.example.de/a\"b", false, NULL, 0},
	{"https://dc.example.de/a<b>", false, NULL, 0},
	{"https://dc.example.de/a{b}", false, NULL, 0},
	{"https://dc.example.de/a|b", false, NULL, 0},
	{"https://dc.example.de/a\\b", false, NULL, 0},
	{"https://dc.example.de/a^b", false, NULL, 0},
	{"https://dc.example.de/a`b", false, NULL, 0},
	{"https://dc.example.de/m\xc3\xbcller", false, NULL, 0},
	{"https://dc.example.de:0/", false, NULL, 0},
	{"https://dc.example.de:65536/", false, NULL, 0},
	{"https://dc.example.de:/", false, NULL, 0},
	{"https://dc.example.de:443x/", false, NULL, 0},
	{"https://dc.example.de:-1/", false, NULL, 0},
	{"https://dc.example.de:000443/", false, NULL, 0},
	{"https://dc_1.example.de/", false, NULL, 0},
	{"https://_domainconnect.example.de/", false, NULL, 0},
	{"https://dc.example.de./", false, NULL, 0},
	{"https://dc..example.de/", false, NULL, 0},
	{"https://-dc.example.de/", false, NULL, 0},
	{"https://localhost/", false, NULL, 0},
	{"https://dc.example.de?x=1", false, NULL, 0},
	{" https://dc.example.de/", false, NULL, 0},
	{"", false, NULL, 0},
};

static void
url_check_accepts_and_refuses(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		char host[256] = "unset";
		unsigned port = 7;
		bool ok = dconnect_url_check(urls[i].url, host, sizeof(host), &port);
		if (ok != urls[i].ok)
			fail_msg("case %zu (%s): %s", i, urls[i].url, ok ? "accepted" : "refused");
		if (ok) {
			assert_string_equal(host, urls[i].host);
			assert_int_equal(port, urls[i].port);
		}
		/* The outputs are optional. */
		assert_int_equal(dconnect_url_check(urls[i].url, NULL, 0, NULL), urls[i].ok);
	}
	assert_false(dconnect_url_check(NULL, NULL, 0, NULL));
}

static void
url_check_limits(void **state)
{
	(void)state;
	char url[DCONNECT_URL_MAX + 2];
	/* Exactly DCONNECT_URL_MAX bytes: accepted; one more: refused. */
	strcpy(url, "https://dc.example.de/");
	size_t len = strlen(url);
	memset(url + len, 'a', DCONNECT_URL_MAX - len);
	url[DCONNECT_URL_MAX] = '\0';
	assert_true(dconnect_url_check(url, NULL, 0, NULL));
	url[DCONNECT_URL_MAX] = 'a';
	url[DCONNECT_URL_MAX + 1] = '\0';
	assert_false(dconnect_url_check(url, NULL, 0, NULL));

	/* A host buffer too small for the host: refused, not cut. */
	char small[8];
	assert_false(dconnect_url_check("https://dc.example.de/", small, sizeof(small), NULL));
	char fits[14];
	assert_true(dconnect_url_check("https://dc.example.de/", fits, sizeof(fits), NULL));
	assert_string_equal(fits, "dc.example.de");
}

static const struct {
	const char *name;
	bool ok;
} hosts[] = {
	{"domainconnect.ionos.com", true},
	{"api.cloudflare.com", true},
	{"a.b", true},
	{"192.0.2.1", false},
	{"1.2.3.4x", true},
	{"host.123", false},
	{"localhost", false},
	{"dc.example.de.", false},
	{"dc_1.example.de", false},
	{"dc example.de", false},
	{"", false},
	{"dc.exa:mple.de", false},
};

static void
host_ok(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++)
		if (dconnect_host_ok(hosts[i].name) != hosts[i].ok)
			fail_msg("case %zu (%s)", i, hosts[i].name);
	assert_false(dconnect_host_ok(NULL));
}

static const struct {
	const char *in, *out;
} encodings[] = {
	{"", ""},
	{"AZaz09-._~", "AZaz09-._~"},
	{"a b", "a%20b"},
	{"a+b", "a%2Bb"},
	{"a/b", "a%2Fb"},
	{"a=b&c", "a%3Db%26c"},
	{"x%y", "x%25y"},
	{"ab==", "ab%3D%3D"},
	{"m\xc3\xbcller", "m%C3%BCller"},
	{"\x01\x7f\xff", "%01%7F%FF"},
};

static void
url_encode(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(encodings) / sizeof(encodings[0]); i++) {
		char *out = dconnect_url_encode(encodings[i].in);
		assert_non_null(out);
		assert_string_equal(out, encodings[i].out);
		free(out);
	}
	assert_null(dconnect_url_encode(NULL));
}

static const struct {
	const char *zone, *host, *query;
} queries[] = {
	{"example.de", NULL, "domain=example.de"},
	{"example.de", "", "domain=example.de"},
	{"example.de", "@", "domain=example.de"},
	{"example.de", "mail", "domain=example.de&host=mail"},
	{"example.de", "a.b", "domain=example.de&host=a.b"},
	{"xn--mller-kva.de", "news letter", "domain=xn--mller-kva.de&host=news%20letter"},
	{"example.de", "x&sig=y", "domain=example.de&host=x%26sig%3Dy"},
};

static void
apply_query_sorted_and_host_omitted(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		char *q = dconnect_apply_query(queries[i].zone, queries[i].host);
		assert_non_null(q);
		assert_string_equal(q, queries[i].query);
		free(q);
	}
	assert_null(dconnect_apply_query(NULL, "mail"));
}

static void
settings_url(void **state)
{
	(void)state;
	char *u = dconnect_settings_url("domainconnect.ionos.com", "example.de");
	assert_string_equal(u, "https://domainconnect.ionos.com/v2/example.de/settings");
	free(u);
	assert_null(dconnect_settings_url(NULL, "example.de"));
}

static void
template_url(void **state)
{
	(void)state;
	struct dconnect_settings s = {.url_api = (char *)"https://api.example/dc"};
	char *u = dconnect_template_url(&s, "flicono.net", "spf");
	assert_string_equal(u, "https://api.example/dc/v2/domainTemplates/providers/flicono.net"
			       "/services/spf");
	free(u);
	s.url_api = (char *)"https://api.example/dc/";
	u = dconnect_template_url(&s, "a b", "c/d");
	assert_string_equal(u, "https://api.example/dc/v2/domainTemplates/providers/a%20b"
			       "/services/c%2Fd");
	free(u);
	s.url_api = NULL;
	assert_null(dconnect_template_url(&s, "flicono.net", "spf"));
}

static void
apply_url(void **state)
{
	(void)state;
	static const char *bases[] = {"https://dcc.example/manage", "https://dcc.example/manage/"};
	for (size_t i = 0; i < 2; i++) {
		struct dconnect_settings s = {.url_sync_ux = (char *)bases[i]};
		char *u = dconnect_apply_url(&s, "flicono.net", "spf", "domain=example.de&host=mail",
					     "ab+/cd==", "_dck1");
		assert_non_null(u);
		assert_string_equal(u, "https://dcc.example/manage/v2/domainTemplates/providers/"
				       "flicono.net/services/spf/apply?domain=example.de&host=mail"
				       "&sig=ab%2B%2Fcd%3D%3D&key=_dck1");
		free(u);
	}
	struct dconnect_settings none = {.url_api = (char *)"https://api.example/"};
	assert_null(dconnect_apply_url(&none, "flicono.net", "spf", "domain=example.de", "sig",
				       "_dck1"));
	struct dconnect_settings s = {.url_sync_ux = (char *)"https://dcc.example"};
	assert_null(dconnect_apply_url(&s, "flicono.net", "spf", "domain=example.de", NULL,
				       "_dck1"));
	assert_null(dconnect_apply_url(&s, "flicono.net", "spf", "domain=example.de", "sig",
				       NULL));
}

static const struct {
	const char *panel, *zone, *out; /* out NULL: refused */
} panels[] = {
	{"https://cp.example/dns?domain=%domain%", "example.de",
	 "https://cp.example/dns?domain=example.de"},
	{"https://cp.example/%domain%/dns?d=%domain%&x=%domain%", "example.de",
	 "https://cp.example/example.de/dns?d=example.de&x=example.de"},
	{"https://cp.example/dns", "example.de", "https://cp.example/dns"},
	{"https://%domain%/dns", "example.de", "https://example.de/dns"},
	{"https://cp.example/%domain", "example.de", "https://cp.example/%domain"},
	/* The result must itself be acceptable. */
	{"https://%domain%/dns", "192.0.2.1", NULL},
	{"https://cp.example/%domain%", "a b", NULL},
	{"https://cp.example/%domain%", "x#y", NULL},
	{"http://cp.example/%domain%", "example.de", NULL},
};

static void
control_panel(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(panels) / sizeof(panels[0]); i++) {
		struct dconnect_settings s = {.url_control_panel = (char *)panels[i].panel};
		char *u = dconnect_control_panel(&s, panels[i].zone);
		if (!panels[i].out) {
			if (u)
				fail_msg("case %zu: %s accepted", i, u);
			continue;
		}
		if (!u)
			fail_msg("case %zu (%s) refused", i, panels[i].panel);
		assert_string_equal(u, panels[i].out);
		free(u);
	}
	struct dconnect_settings none = {0};
	assert_null(dconnect_control_panel(&none, "example.de"));
}

static void
settings_name_and_clear(void **state)
{
	(void)state;
	struct dconnect_settings s = {
		.provider_id = strdup("IONOS"),
		.provider_name = strdup("IONOS"),
		.display_name = strdup("IONOS SE"),
		.url_api = strdup("https://api.example/"),
	};
	assert_string_equal(dconnect_settings_name(&s), "IONOS SE");
	free(s.display_name);
	s.display_name = NULL;
	assert_string_equal(dconnect_settings_name(&s), "IONOS");
	dconnect_settings_clear(&s);
	assert_null(s.provider_id);
	assert_null(s.provider_name);
	assert_null(s.url_api);
	dconnect_settings_clear(&s);
	dconnect_settings_clear(NULL);
}

/* Whether LINE is one whole line of TEXT. */
static bool
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = text; (p = strstr(p, line)); p++)
		if ((p == text || p[-1] == '\n') && p[n] == '\n')
			return true;
	return false;
}

static void
message_carries_link_and_safe_name(void **state)
{
	(void)state;
	const char *link = "https://dcc.example/v2/domainTemplates/providers/flicono.net/services/"
			   "spf/apply?domain=example.de&sig=abc%3D&key=_dck1";
	char *m = dconnect_message("IONOS", "example.de", "Flicono", link);
	assert_non_null(m);
	assert_true(has_line(m, link));
	assert_non_null(strstr(m, "IONOS"));
	assert_non_null(strstr(m, "example.de"));
	assert_non_null(strstr(m, "Flicono"));
	assert_non_null(strstr(m, "bestätigen Sie"));
	assert_non_null(strstr(m, "ändert sich nichts"));
	free(m);

	/* A provider name with ESC and a bidi override: shown, not executed. */
	m = dconnect_message("Evil\x1b[2J\xe2\x80\xae", "example.de", "Flicono", link);
	assert_non_null(m);
	assert_null(strchr(m, '\x1b'));
	assert_null(strstr(m, "\xe2\x80\xae"));
	assert_non_null(strstr(m, "Evil\\x1B[2J\\u{202E}"));
	assert_true(has_line(m, link));
	free(m);

	/* A link that would break the line is refused. */
	assert_null(dconnect_message("IONOS", "example.de", "Flicono", "https://a.example/x\ny"));
	assert_null(dconnect_message("IONOS", "example.de", "Flicono", ""));
	assert_null(dconnect_message(NULL, "example.de", "Flicono", link));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(url_check_accepts_and_refuses),
		cmocka_unit_test(url_check_limits),
		cmocka_unit_test(host_ok),
		cmocka_unit_test(url_encode),
		cmocka_unit_test(apply_query_sorted_and_host_omitted),
		cmocka_unit_test(settings_url),
		cmocka_unit_test(template_url),
		cmocka_unit_test(apply_url),
		cmocka_unit_test(control_panel),
		cmocka_unit_test(settings_name_and_clear),
		cmocka_unit_test(message_carries_link_and_safe_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
