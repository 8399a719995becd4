/* fuzz-dc-settings.c — a DNS provider's Domain Connect settings (JSON from
 * the network).
 *
 * Input: the bytes of an HTTPS answer, handed to dc_settings_parse().
 * Invariants: a parse that fails leaves nothing behind; one that succeeds
 * has providerId, providerName and urlAPI, every text at most its limit
 * and free of control bytes, every URL one that dconnect_url_check()
 * accepts (the control panel's once a domain is filled in), and the links
 * built from it (template check, control panel, apply link) are acceptable
 * URLs too. */
#include "fuzz.h"

#include "dc_settings.h"

#include <stdlib.h>
#include <string.h>

static void
check_text(const char *s, size_t max)
{
	if (!s)
		return;
	size_t len = strlen(s);
	FUZZ_CHECK(len > 0 && len <= max);
	for (size_t i = 0; i < len; i++)
		FUZZ_CHECK((unsigned char)s[i] >= 0x20 && s[i] != 0x7f);
}

static void
check_url(char *url, bool may_be_null)
{
	FUZZ_CHECK(url || may_be_null);
	if (url)
		FUZZ_CHECK(dconnect_url_check(url, NULL, 0, NULL));
	free(url);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dconnect_settings s;
	enum dc_settings_problem p = dc_settings_parse((const char *)data, size, &s);
	if (p != DC_SETTINGS_OK) {
		FUZZ_CHECK(!s.provider_id && !s.provider_name && !s.display_name &&
			   !s.url_sync_ux && !s.url_api && !s.url_control_panel);
		return 0;
	}
	FUZZ_CHECK(s.provider_id && s.provider_name && s.url_api);
	check_text(s.provider_id, DCONNECT_NAME_MAX);
	check_text(s.provider_name, DCONNECT_NAME_MAX);
	check_text(s.display_name, DCONNECT_NAME_MAX);
	FUZZ_CHECK(dconnect_url_check(s.url_api, NULL, 0, NULL));
	if (s.url_sync_ux)
		FUZZ_CHECK(dconnect_url_check(s.url_sync_ux, NULL, 0, NULL));
	const char *name = dconnect_settings_name(&s);
	char *shown = textsafe_escape(name, strlen(name), 0);
	FUZZ_CHECK(shown != NULL);
	fuzz_check_safe(shown);
	free(shown);
	check_url(dconnect_template_url(&s, "flicono.net", "spf"), false);
	check_url(dconnect_control_panel(&s, "example.de"), s.url_control_panel == NULL);
	char *apply = dconnect_apply_url(&s, "flicono.net", "spf", "domain=example.de", "c2ln",
					 "_dck1");
	check_url(apply, s.url_sync_ux == NULL);
	dconnect_settings_clear(&s);
	return 0;
}
