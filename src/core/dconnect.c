/* dconnect.c — see dconnect.h. */
#include "dconnect.h"

#include "dname.h"
#include "i18n.h"
#include "strbuf.h"
#include "textsafe.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void
dconnect_settings_clear(struct dconnect_settings *s)
{
	if (!s)
		return;
	free(s->provider_id);
	free(s->provider_name);
	free(s->display_name);
	free(s->url_sync_ux);
	free(s->url_api);
	free(s->url_control_panel);
	*s = (struct dconnect_settings){0};
}

const char *
dconnect_settings_name(const struct dconnect_settings *s)
{
	if (!s)
		return NULL;
	return s->display_name && s->display_name[0] ? s->display_name : s->provider_name;
}

/* Whether the LEN bytes at P are digits only (an IPv4 literal's last label). */
static bool
all_digits(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return len > 0;
}

bool
dconnect_host_ok(const char *name)
{
	if (!name)
		return false;
	size_t len = strlen(name);
	if (dname_check(name, len, DNAME_LDH | DNAME_MULTI_LABEL, NULL) != DNAME_OK)
		return false;
	/* No top-level domain is all digits (RFC 3696 2): such a name is an
	 * IPv4 address, and a link must name a host whose certificate names it. */
	const char *last = strrchr(name, '.') + 1;
	return !all_digits(last, (size_t)(name + len - last));
}

/* A byte allowed in an acceptable URL's path and query: printable ASCII
 * without space and the characters RFC 3986 2 leaves out of URIs (and
 * without "#": no fragment). */
static bool
path_byte_ok(unsigned char c)
{
	return c > ' ' && c < 0x7f && !strchr("\"<>\\^`{|}#", c);
}

/* ":PORT" after the host: 1-5 digits, 1-65535. */
static bool
parse_port(const char *p, size_t len, unsigned *port)
{
	unsigned long v = 0;
	if (len == 0 || len > 5)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		v = v * 10 + (unsigned long)(p[i] - '0');
	}
	if (v < 1 || v > 65535)
		return false;
	*port = (unsigned)v;
	return true;
}

bool
dconnect_url_check(const char *url, char *host, size_t hostsize, unsigned *port)
{
	static const char scheme[] = "https://";
	char name[DNAME_TEXT_MAX + 1];
	unsigned portnum = DCONNECT_PORT_DEFAULT;

	if (!url || strlen(url) > DCONNECT_URL_MAX ||
	    strncasecmp(url, scheme, sizeof(scheme) - 1) != 0)
		return false;
	const char *auth = url + sizeof(scheme) - 1;
	size_t authlen = strcspn(auth, "/");
	const char *path = auth + authlen;
	/* RFC 3986 3.2.1: userinfo ends in "@"; refused, so that no link shows
	 * one host and opens another. */
	if (memchr(auth, '@', authlen))
		return false;
	const char *colon = memchr(auth, ':', authlen);
	size_t namelen = colon ? (size_t)(colon - auth) : authlen;
	if (colon && !parse_port(colon + 1, authlen - namelen - 1, &portnum))
		return false;
	if (namelen == 0 || namelen > DNAME_TEXT_MAX)
		return false;
	for (size_t i = 0; i < namelen; i++) {
		char c = auth[i];
		name[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	name[namelen] = '\0';
	if (!dconnect_host_ok(name))
		return false;
	for (const char *p = path; *p; p++)
		if (!path_byte_ok((unsigned char)*p))
			return false;
	if (host) {
		if (hostsize <= namelen)
			return false;
		memcpy(host, name, namelen + 1);
	}
	if (port)
		*port = portnum;
	return true;
}

/* RFC 3986 2.3 */
static bool
unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

/* TEXT percent-encoded (RFC 3986 2.1), appended to SB. */
static void
add_encoded(struct strbuf *sb, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (unreserved(*p)) {
			strbuf_add(sb, p, 1);
		} else {
			char pct[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			strbuf_add(sb, pct, 3);
		}
	}
}

char *
dconnect_url_encode(const char *text)
{
	struct strbuf sb = {0};
	if (!text)
		return NULL;
	strbuf_str(&sb, "");
	add_encoded(&sb, text);
	return strbuf_finish(&sb);
}

char *
dconnect_settings_url(const char *host, const char *zone)
{
	struct strbuf sb = {0};
	if (!host || !zone)
		return NULL;
	strbuf_printf(&sb, "https://%s/v2/%s/settings", host, zone);
	return strbuf_finish(&sb);
}

/* BASE without one trailing "/", then
 * "/v2/domainTemplates/providers/{provider_id}/services/{service_id}". */
static void
add_template_path(struct strbuf *sb, const char *base, const char *provider_id,
		  const char *service_id)
{
	size_t len = strlen(base);
	if (len > 0 && base[len - 1] == '/')
		len--;
	strbuf_add(sb, base, len);
	strbuf_str(sb, "/v2/domainTemplates/providers/");
	add_encoded(sb, provider_id);
	strbuf_str(sb, "/services/");
	add_encoded(sb, service_id);
}

char *
dconnect_template_url(const struct dconnect_settings *s, const char *provider_id,
		      const char *service_id)
{
	struct strbuf sb = {0};
	if (!s || !s->url_api || !provider_id || !service_id)
		return NULL;
	add_template_path(&sb, s->url_api, provider_id, service_id);
	return strbuf_finish(&sb);
}

char *
dconnect_control_panel(const struct dconnect_settings *s, const char *zone)
{
	static const char var[] = "%domain%";
	struct strbuf sb = {0};
	if (!s || !s->url_control_panel || !zone)
		return NULL;
	const char *p = s->url_control_panel, *hit;
	while ((hit = strstr(p, var))) {
		strbuf_add(&sb, p, (size_t)(hit - p));
		strbuf_str(&sb, zone);
		p = hit + sizeof(var) - 1;
	}
	strbuf_str(&sb, p);
	char *url = strbuf_finish(&sb);
	if (url && !dconnect_url_check(url, NULL, 0, NULL)) {
		free(url);
		url = NULL;
	}
	return url;
}

char *
dconnect_apply_query(const char *zone, const char *host)
{
	struct strbuf sb = {0};
	if (!zone)
		return NULL;
	/* Sorted by name: "domain" before "host". */
	strbuf_str(&sb, "domain=");
	add_encoded(&sb, zone);
	if (host && host[0] && strcmp(host, "@") != 0) {
		strbuf_str(&sb, "&host=");
		add_encoded(&sb, host);
	}
	return strbuf_finish(&sb);
}

char *
dconnect_apply_url(const struct dconnect_settings *s, const char *provider_id,
		   const char *service_id, const char *query, const char *sig_base64,
		   const char *key_host)
{
	struct strbuf sb = {0};
	if (!s || !s->url_sync_ux || !provider_id || !service_id || !query || !sig_base64 ||
	    !key_host)
		return NULL;
	add_template_path(&sb, s->url_sync_ux, provider_id, service_id);
	strbuf_str(&sb, "/apply?");
	strbuf_str(&sb, query);
	strbuf_str(&sb, "&sig=");
	add_encoded(&sb, sig_base64);
	strbuf_str(&sb, "&key=");
	add_encoded(&sb, key_host);
	return strbuf_finish(&sb);
}

/* Whether URL may stand on a line of its own: printable ASCII only. */
static bool
one_line(const char *url)
{
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= ' ' || *p >= 0x7f)
			return false;
	return url[0] != '\0';
}

char *
dconnect_message(const char *provider_name, const char *domain, const char *sender_name,
		 const char *apply_url)
{
	struct strbuf sb = {0};
	if (!provider_name || !domain || !sender_name || !apply_url || !one_line(apply_url))
		return NULL;
	char *provider = textsafe_escape(provider_name, strlen(provider_name), DCONNECT_NAME_MAX);
	char *dom = textsafe_escape(domain, strlen(domain), 0);
	char *sender = textsafe_escape(sender_name, strlen(sender_name), 0);
	bool ok = provider && dom && sender;
	if (ok) {
		strbuf_printf(&sb, _("Ihre Domain %s wird bei %s verwaltet."), dom, provider);
		strbuf_str(&sb, " ");
		strbuf_printf(&sb,
			      _("Der folgende Link trägt dort den SPF-Eintrag für %s ein, damit %s "
				"E-Mails mit Ihrer Absenderadresse versenden darf."),
			      dom, sender);
		strbuf_str(&sb, " ");
		strbuf_printf(&sb,
			      _("Gibt es schon einen SPF-Eintrag, ergänzt %s ihn, statt ihn zu "
				"ersetzen."),
			      provider);
		strbuf_str(&sb, "\n\n");
		strbuf_printf(&sb,
			      _("Öffnen Sie den Link, melden Sie sich bei %s an und bestätigen Sie "
				"die Änderung dort:"),
			      provider);
		/* The link whole on a line of its own: mail programs then keep it
		 * in one piece and make it clickable. */
		strbuf_printf(&sb, "\n\n%s\n\n", apply_url);
		strbuf_str(&sb, _("An Ihren übrigen DNS-Einträgen ändert sich nichts."));
		strbuf_str(&sb, " ");
		strbuf_printf(&sb, _("Danach prüft %s, ob der Eintrag überall angekommen ist."),
			      sender);
		strbuf_str(&sb, "\n");
	}
	free(provider);
	free(dom);
	free(sender);
	if (!ok) {
		strbuf_clear(&sb);
		return NULL;
	}
	return strbuf_finish(&sb);
}
