/* dconnect.h — Domain Connect's synchronous flow, the pure part: what a DNS
 * provider's settings say, which URLs from them are acceptable, and the
 * links built from them (the control panel, the template check, the apply
 * link's query string and the link itself), and the message that carries
 * the link to the customer. No network, no JSON, no crypto here: the
 * settings are parsed in src/dns/dc_settings.c, the query string is signed
 * in src/dns/dc_sign.c, and everything is fetched by src/dns/dc_discover.c.
 *
 * Everything in struct dconnect_settings comes from the network: the
 * strings are checked (URLs by dconnect_url_check) but must still go through
 * textsafe_escape() before they are shown. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Limits on what a provider may send (untrusted input). */
enum {
	DCONNECT_URL_MAX = 1024,   /* any URL in the settings, and the control panel's */
	DCONNECT_NAME_MAX = 128,   /* providerId, providerName, providerDisplayName */
	DCONNECT_PORT_DEFAULT = 443,
};

/* A DNS provider's settings (GET https://{host}/v2/{zone}/settings). */
struct dconnect_settings {
	char *provider_id;       /* providerId (required) */
	char *provider_name;     /* providerName (required) */
	char *display_name;      /* providerDisplayName, or NULL */
	char *url_sync_ux;       /* urlSyncUX: an https URL, or NULL (no synchronous flow) */
	char *url_api;           /* urlAPI (required): an https URL */
	char *url_control_panel; /* urlControlPanel, may hold "%domain%"; or NULL */
};

/* Frees what *s holds and zeroes it; NULL is a no-op. */
void dconnect_settings_clear(struct dconnect_settings *s);

/* The name to show for the provider: providerDisplayName, else
 * providerName. Untrusted: escape before showing. */
const char *dconnect_settings_name(const struct dconnect_settings *s);

/* Whether NAME (the text of a _domainconnect TXT record, or a URL's host) is
 * a host name to connect to: LDH labels (dname_check with DNAME_LDH and
 * DNAME_MULTI_LABEL), at most 253 octets, no trailing dot, and not an IP
 * literal (no label of digits only as the last label). */
bool dconnect_host_ok(const char *name);

/* Whether URL is acceptable from the network: "https://" (case-insensitive)
 * followed by a host that dconnect_host_ok accepts, an optional ":PORT"
 * (1-65535), then nothing, or a path starting with "/" holding only
 * printable ASCII without space, '"', '<', '>', '\\', '^', '`', '{', '|',
 * '}' (RFC 3986); no userinfo ("@" before the path), no fragment ("#"), at
 * most DCONNECT_URL_MAX bytes. On success HOST (HOSTSIZE bytes, lower case)
 * and *PORT (443 when none is written) are set when not NULL; a HOST too
 * small for the host name makes it false. */
bool dconnect_url_check(const char *url, char *host, size_t hostsize, unsigned *port);

/* RFC 3986 percent-encoding for a query value: unreserved characters
 * (ALPHA DIGIT - . _ ~) stay, every other byte becomes %HH (upper case;
 * a space "%20", not "+"). New string, NULL when TEXT is NULL or out of
 * memory. */
char *dconnect_url_encode(const char *text);

/* "https://{host}/v2/{zone}/settings". New string or NULL. */
char *dconnect_settings_url(const char *host, const char *zone);

/* "{urlAPI}/v2/domainTemplates/providers/{provider_id}/services/{service_id}"
 * (a trailing "/" of urlAPI is not doubled; the ids percent-encoded).
 * New string, NULL when out of memory. */
char *dconnect_template_url(const struct dconnect_settings *s, const char *provider_id,
			    const char *service_id);

/* The control panel link for ZONE: urlControlPanel with every "%domain%"
 * replaced by ZONE; NULL when there is none, or when the result is no
 * acceptable URL (dconnect_url_check), or out of memory. */
char *dconnect_control_panel(const struct dconnect_settings *s, const char *zone);

/* The query string the apply link carries and its signature covers:
 * the parameters sorted by name and percent-encoded, "domain=ZONE" and,
 * for a sender below the zone's apex, "host=HOST" ("" or "@": none), e.g.
 * "domain=example.de&host=mail". New string or NULL. */
char *dconnect_apply_query(const char *zone, const char *host);

/* The apply link of the synchronous flow:
 * "{urlSyncUX}/v2/domainTemplates/providers/{provider_id}/services/{service_id}/apply?"
 * QUERY "&sig=" (SIG_BASE64 percent-encoded) "&key=" (KEY_HOST percent-encoded)
 * (a trailing "/" of urlSyncUX is not doubled; the ids percent-encoded).
 * NULL when the settings have no urlSyncUX, when SIG_BASE64 or KEY_HOST is
 * NULL (a template with syncPubKeyDomain takes no unsigned link), or out of
 * memory. */
char *dconnect_apply_url(const struct dconnect_settings *s, const char *provider_id,
			 const char *service_id, const char *query, const char *sig_base64,
			 const char *key_host);

/* The message for the customer, ready to paste into an e-mail or a chat, in
 * the language of the caller's locale (the msgids are German; gettext gives
 * English under an English locale): which provider (PROVIDER_NAME, made
 * safe here with textsafe_escape, as are DOMAIN and SENDER_NAME), what the
 * link does for DOMAIN (the domain for people) on behalf of SENDER_NAME
 * ("Flicono"), that the customer logs in at the provider and confirms
 * there, that nothing else in their DNS changes, and that SENDER_NAME then
 * checks the result; the link APPLY_URL whole on a line of its own. New
 * string; NULL when an argument is NULL, APPLY_URL is empty or holds a byte
 * that is not printable ASCII, or out of memory. */
char *dconnect_message(const char *provider_name, const char *domain, const char *sender_name,
		       const char *apply_url);
