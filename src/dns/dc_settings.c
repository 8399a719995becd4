/* dc_settings.c — see dc_settings.h. */
#include "dc_settings.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

/* KEY of OBJ as a new string into *slot: absent is fine unless REQUIRED;
 * another type, an empty or over-long text, a control character is not. */
static enum dc_settings_problem
take_text(json_t *obj, const char *key, bool required, size_t max, char **slot)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return required ? DC_SETTINGS_MISSING : DC_SETTINGS_OK;
	if (!json_is_string(v))
		return DC_SETTINGS_WRONG_TYPE;
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);
	if (len == 0 || len > max || strlen(s) != len)
		return DC_SETTINGS_BAD_TEXT;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return DC_SETTINGS_BAD_TEXT;
	*slot = strdup(s);
	return *slot ? DC_SETTINGS_OK : DC_SETTINGS_NO_MEMORY;
}

/* A URL the program may open (the control panel's with a domain filled in). */
static bool
url_ok(const char *url, bool control_panel)
{
	if (!url)
		return true;
	if (!control_panel)
		return dconnect_url_check(url, NULL, 0, NULL);
	struct dconnect_settings probe = {.url_control_panel = (char *)url};
	char *filled = dconnect_control_panel(&probe, "example.de");
	bool ok = filled != NULL;
	free(filled);
	return ok;
}

enum dc_settings_problem
dc_settings_parse(const char *text, size_t len, struct dconnect_settings *out)
{
	*out = (struct dconnect_settings){0};
	json_error_t error;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &error);
	enum dc_settings_problem p = DC_SETTINGS_NOT_JSON;
	if (!root || !json_is_object(root))
		goto done;
	const struct {
		const char *key;
		bool required;
		size_t max;
		char **slot;
	} keys[] = {
		{"providerId", true, DCONNECT_NAME_MAX, &out->provider_id},
		{"providerName", true, DCONNECT_NAME_MAX, &out->provider_name},
		{"providerDisplayName", false, DCONNECT_NAME_MAX, &out->display_name},
		{"urlSyncUX", false, DCONNECT_URL_MAX, &out->url_sync_ux},
		{"urlAPI", true, DCONNECT_URL_MAX, &out->url_api},
		{"urlControlPanel", false, DCONNECT_URL_MAX, &out->url_control_panel},
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		p = take_text(root, keys[i].key, keys[i].required, keys[i].max, keys[i].slot);
		if (p != DC_SETTINGS_OK)
			goto done;
	}
	p = url_ok(out->url_sync_ux, false) && url_ok(out->url_api, false) &&
		    url_ok(out->url_control_panel, true)
		? DC_SETTINGS_OK
		: DC_SETTINGS_BAD_URL;
done:
	json_decref(root);
	if (p != DC_SETTINGS_OK)
		dconnect_settings_clear(out);
	return p;
}

const char *
dc_settings_problem_name(enum dc_settings_problem problem)
{
	switch (problem) {
	case DC_SETTINGS_OK: return "ok";
	case DC_SETTINGS_NOT_JSON: return "not-json";
	case DC_SETTINGS_MISSING: return "missing-key";
	case DC_SETTINGS_WRONG_TYPE: return "wrong-type";
	case DC_SETTINGS_BAD_TEXT: return "bad-text";
	case DC_SETTINGS_BAD_URL: return "bad-url";
	case DC_SETTINGS_NO_MEMORY: return "no-memory";
	}
	return "?";
}
