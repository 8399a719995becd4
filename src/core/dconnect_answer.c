/* dconnect_answer.c — see dconnect_answer.h. */
#include "dconnect_answer.h"

#include "i18n.h"
#include "textsafe.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
dconnect_answer_clear(struct dconnect_answer *a)
{
	if (!a)
		return;
	dconnect_settings_clear(&a->settings);
	*a = (struct dconnect_answer){.state = DCONNECT_NONE};
}

int
dconnect_answer_status(const struct dconnect_answer *a, bool has_link)
{
	switch (a->state) {
	case DCONNECT_TEMPLATE: return has_link ? 0 : 1;
	case DCONNECT_PROVIDER: return 1;
	case DCONNECT_NONE: return 2;
	case DCONNECT_FAILED: return 3;
	}
	return 3;
}

const char *
dconnect_answer_failure_name(const struct dconnect_answer *a, char *buf, size_t size)
{
	static const char *const names[] = {
		[DCONNECT_FAIL_NONE] = "",
		[DCONNECT_FAIL_DNS] = "dns",
		[DCONNECT_FAIL_BAD_HOST] = "bad-host",
		[DCONNECT_FAIL_NO_ADDRESS] = "no-address",
		[DCONNECT_FAIL_HOST_DNS] = "host-dns",
		[DCONNECT_FAIL_CONNECT] = "connect",
		[DCONNECT_FAIL_TLS] = "tls",
		[DCONNECT_FAIL_TIMEOUT] = "timeout",
		[DCONNECT_FAIL_TOO_BIG] = "too-big",
		[DCONNECT_FAIL_HTTP] = "http",
		[DCONNECT_FAIL_MALFORMED] = "malformed",
		[DCONNECT_FAIL_OTHER] = "failed",
		[DCONNECT_FAIL_NO_MEMORY] = "no-memory",
	};
	enum dconnect_failure f = a->state == DCONNECT_FAILED ? a->failure : DCONNECT_FAIL_NONE;
	if (f == DCONNECT_FAIL_HTTP)
		snprintf(buf, size, "http-%ld", a->code);
	else
		snprintf(buf, size, "%s", names[f]);
	return buf;
}

__attribute__((format(printf, 3, 4))) static void
say(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

/* TEXT from the network, safe to show, into BUF. */
static void
safe(const char *text, char *buf, size_t size)
{
	char *s = textsafe_escape(text, strlen(text), size - 1);
	snprintf(buf, size, "%s", s ? s : "?");
	free(s);
}

/* Why it could not be asked, after "Domain Connect: nicht zu erfragen – ". */
static void
failure(const struct dconnect_answer *a, const char *host, char *buf, size_t size)
{
	switch (a->failure) {
	case DCONNECT_FAIL_DNS:
		say(buf, size, _("keine Antwort aus dem DNS zu _domainconnect.%s."), host);
		return;
	case DCONNECT_FAIL_BAD_HOST:
		say(buf, size, _("der Eintrag _domainconnect.%s nennt keinen gültigen Hostnamen."),
		    host);
		return;
	case DCONNECT_FAIL_NO_ADDRESS:
		say(buf, size, _("%s hat keine Adresse im DNS."), host);
		return;
	case DCONNECT_FAIL_HOST_DNS:
		say(buf, size, _("keine Antwort aus dem DNS zur Adresse von %s."), host);
		return;
	case DCONNECT_FAIL_CONNECT:
		say(buf, size, _("keine Verbindung zu %s."), host);
		return;
	case DCONNECT_FAIL_TLS:
		say(buf, size,
		    _("dem Zertifikat von %s wird nicht vertraut, oder die verschlüsselte "
		      "Verbindung kam nicht zustande. (Eine eigene Zertifizierungsstelle nennt die "
		      "Umgebungsvariable SSL_CERT_FILE.)"),
		    host);
		return;
	case DCONNECT_FAIL_TIMEOUT:
		say(buf, size, _("%s hat nicht rechtzeitig geantwortet."), host);
		return;
	case DCONNECT_FAIL_TOO_BIG:
		say(buf, size, _("die Antwort von %s ist zu groß."), host);
		return;
	case DCONNECT_FAIL_HTTP:
		if (a->code >= 300 && a->code < 400)
			say(buf, size,
			    _("%s leitet um (HTTP-Status %ld); einer Umleitung folgt dieses "
			      "Programm nicht."),
			    host, a->code);
		else
			say(buf, size, _("%s antwortete mit dem HTTP-Status %ld."), host, a->code);
		return;
	case DCONNECT_FAIL_MALFORMED:
		say(buf, size, _("die Einstellungen von %s sind fehlerhaft (%s)."), host, a->detail);
		return;
	case DCONNECT_FAIL_OTHER:
		say(buf, size, _("die Anfrage an %s ist gescheitert."), host);
		return;
	case DCONNECT_FAIL_NO_MEMORY:
		say(buf, size, "%s", _("Nicht genug Arbeitsspeicher."));
		return;
	case DCONNECT_FAIL_NONE:
		break;
	}
	buf[0] = '\0';
}

void
dconnect_answer_words(const struct dconnect_answer *a, const char *domain,
		      const char *sender_name, bool has_key, bool has_link,
		      struct dconnect_words *out)
{
	*out = (struct dconnect_words){0};
	if (a->has_settings)
		safe(dconnect_settings_name(&a->settings), out->provider, sizeof(out->provider));
	const char *who = out->provider[0] ? out->provider : _("Der Domain-Anbieter");
	switch (a->state) {
	case DCONNECT_NONE:
		say(out->state, sizeof(out->state),
		    _("Domain Connect: Der Domain-Anbieter von %s bietet es nicht an."), domain);
		return;
	case DCONNECT_FAILED: {
		char host[300], why[DCONNECT_TEXT];
		/* The record is the zone's; every later request names its host. */
		safe(a->step == DCONNECT_STEP_RECORD || !a->failed_host[0] ? a->zone
									   : a->failed_host,
		     host, sizeof(host));
		failure(a, host, why, sizeof(why));
		say(out->state, sizeof(out->state), _("Domain Connect: nicht zu erfragen – %s"),
		    why);
		return;
	}
	case DCONNECT_PROVIDER:
	case DCONNECT_TEMPLATE:
		say(out->state, sizeof(out->state), _("Domain Connect: %s bietet es an."), who);
		break;
	}
	if (has_link) {
		say(out->link, sizeof(out->link),
		    _("Mit diesem Link legt %s den SPF-Eintrag für %s selbst an, sobald der Kunde "
		      "sich dort anmeldet und bestätigt:"),
		    who, domain);
	} else if (a->state == DCONNECT_TEMPLATE && !has_key) {
		say(out->no_link, sizeof(out->no_link),
		    _("Die Vorlage von %s ist bei %s freigeschaltet, aber im Absenderprofil steht "
		      "kein Schlüssel zum Signieren ([domain_connect] key_file): kein Link zum "
		      "Bestätigen, nur der Weg über die DNS-Einstellungen."),
		    sender_name, who);
	} else if (a->state == DCONNECT_TEMPLATE) {
		say(out->no_link, sizeof(out->no_link),
		    _("%s nennt keine Adresse zum Bestätigen (urlSyncUX): kein Link."), who);
	} else if (a->template_asked) {
		say(out->no_link, sizeof(out->no_link),
		    _("Die Vorlage von %s ist bei %s nicht freigeschaltet: Der Eintrag wird von "
		      "Hand eingetragen."),
		    sender_name, who);
	} else {
		say(out->no_link, sizeof(out->no_link), "%s",
		    _("Das Absenderprofil nennt keine Domain-Connect-Vorlage ([domain_connect]): "
		      "kein Link zum Bestätigen."));
	}
}

const char *
dconnect_answer_way(const struct dconnect_answer *a, bool has_link, bool has_control_panel,
		    char *buf, size_t size)
{
	char who[DCONNECT_NAME_MAX * 4 + 8];
	buf[0] = '\0';
	if (!a->has_settings || (a->state != DCONNECT_PROVIDER && a->state != DCONNECT_TEMPLATE))
		return buf;
	safe(dconnect_settings_name(&a->settings), who, sizeof(who));
	if (has_link)
		say(buf, size,
		    _("der Link zum Bestätigen bei %s (Domain Connect), die Felder als zweiter Weg"),
		    who);
	else if (has_control_panel)
		say(buf, size,
		    _("die Felder, mit dem Link zu den DNS-Einstellungen bei %s (Domain Connect, "
		      "ohne Link zum Bestätigen)"),
		    who);
	else
		say(buf, size, _("die Felder (%s bietet Domain Connect, ohne Link zum Bestätigen)"),
		    who);
	return buf;
}
