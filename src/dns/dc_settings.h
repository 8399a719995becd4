/* dc_settings.h — a DNS provider's Domain Connect settings (the JSON of
 * GET https://{host}/v2/{zone}/settings), parsed as untrusted input: an
 * object, every key we use of the right JSON type and length, every URL
 * acceptable (dconnect_url_check), the control panel's too once "%domain%"
 * is filled in. Keys we do not use are ignored, whatever they hold. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dconnect.h"

enum dc_settings_problem {
	DC_SETTINGS_OK,
	DC_SETTINGS_NOT_JSON,    /* not JSON, or not one object (duplicate keys refused) */
	DC_SETTINGS_MISSING,     /* providerId, providerName or urlAPI absent */
	DC_SETTINGS_WRONG_TYPE,  /* a key we use is no string */
	DC_SETTINGS_BAD_TEXT,    /* an id or name empty, too long, or with control characters */
	DC_SETTINGS_BAD_URL,     /* a URL that is not https with a host name */
	DC_SETTINGS_NO_MEMORY,
};

/* The largest settings answer taken (a real one is well under 2 KiB). */
enum { DC_SETTINGS_MAX_BYTES = 64 * 1024 };

/* Parses LEN bytes of TEXT into *out (cleared first; free with
 * dconnect_settings_clear). On a problem *out is empty. */
enum dc_settings_problem dc_settings_parse(const char *text, size_t len,
					   struct dconnect_settings *out);

/* A short stable name for PROBLEM ("not-json", "bad-url", ...). */
const char *dc_settings_problem_name(enum dc_settings_problem problem);
