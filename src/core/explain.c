/* explain.c — see explain.h. */
#include "explain.h"

#include "i18n.h"
#include "textsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
explain_dns_status(enum dns_status status)
{
	switch (status) {
	case DNS_STATUS_OK: return _("Antwort erhalten");
	case DNS_STATUS_NODATA: return _("kein Eintrag dieses Typs");
	case DNS_STATUS_NXDOMAIN: return _("den Namen gibt es nicht");
	case DNS_STATUS_TIMEOUT: return _("keine Antwort (Zeitüberschreitung)");
	case DNS_STATUS_SERVFAIL: return _("Serverfehler");
	case DNS_STATUS_BADNAME: return _("ungültiger Name");
	/* The words of the check table's rows (verdict_state_label). */
	case DNS_STATUS_REFUSED: return _("Abfrage abgelehnt");
	case DNS_STATUS_UNREACHABLE: return _("nicht erreichbar");
	}
	return "?";
}

const char *
explain_parse_reason(enum spf_parse_reason reason)
{
	switch (reason) {
	case SPF_PARSE_OK: return "";
	case SPF_PARSE_NOT_SPF: return _("der Eintrag beginnt nicht mit „v=spf1“");
	case SPF_PARSE_BAD_CHAR: return _("unzulässiges Zeichen");
	case SPF_PARSE_UNKNOWN_TERM: return _("unbekannter Bestandteil");
	case SPF_PARSE_UNKNOWN_MECHANISM: return _("unbekannter Mechanismus");
	case SPF_PARSE_QUALIFIED_MODIFIER:
		return _("vor einem Modifikator (name=) darf kein +, -, ~ oder ? stehen");
	case SPF_PARSE_UNEXPECTED_ARGUMENT: return _("hier ist kein Wert erlaubt");
	case SPF_PARSE_MISSING_DOMAIN: return _("die Domain fehlt");
	case SPF_PARSE_BAD_DOMAIN: return _("ungültige Domain");
	case SPF_PARSE_BAD_MACRO: return _("ungültiges Makro (%…)");
	case SPF_PARSE_MACRO_NOT_ALLOWED: return _("dieses Makro ist nur im exp=-Text erlaubt");
	case SPF_PARSE_BAD_CIDR: return _("ungültige Präfixlänge (/…)");
	case SPF_PARSE_BAD_IP4: return _("ungültige IPv4-Adresse");
	case SPF_PARSE_BAD_IP6: return _("ungültige IPv6-Adresse");
	case SPF_PARSE_DUPLICATE_MODIFIER: return _("redirect= oder exp= steht mehr als einmal darin");
	case SPF_PARSE_NOMEM: return _("Nicht genug Arbeitsspeicher.");
	}
	return "?";
}

const char *
explain_parse_error(const char *record, size_t len, const struct spf_parse_error *err, char *buf,
		    size_t size)
{
	char *term = NULL;
	if (record && err->term.len && err->term.off + err->term.len <= len)
		term = textsafe_escape(record + err->term.off, err->term.len, 80);
	if (term)
		snprintf(buf, size, _("Fehler im SPF-Eintrag bei Zeichen %zu: %s („%s“)."),
			 err->offset + 1, explain_parse_reason(err->reason), term);
	else
		snprintf(buf, size, _("Fehler im SPF-Eintrag bei Zeichen %zu: %s."), err->offset + 1,
			 explain_parse_reason(err->reason));
	free(term);
	return buf;
}

/* Why a temperror or permerror happened. */
static void
explain_error(const struct spf_outcome *o, char *buf, size_t size)
{
	char *dom = o->error_domain ? textsafe_escape(o->error_domain, strlen(o->error_domain), 260)
				    : NULL;
	const char *d = dom ? dom : "?";
	char parse[512];

	switch (o->error) {
	case SPF_ERROR_NONE:
		buf[0] = '\0';
		break;
	case SPF_ERROR_DNS:
		snprintf(buf, size, _("Die DNS-Abfrage für %s ist gescheitert: %s."), d,
			 explain_dns_status(o->dns_status));
		break;
	case SPF_ERROR_SYNTAX:
		explain_parse_error(o->error_record,
				    o->error_record ? strlen(o->error_record) : 0, &o->parse_error,
				    parse, sizeof(parse));
		snprintf(buf, size, _("Im Eintrag von %s: %s"), d, parse);
		break;
	case SPF_ERROR_MULTIPLE_RECORDS:
		snprintf(buf, size,
			 _("%s hat mehr als einen SPF-Eintrag; erlaubt ist genau einer."), d);
		break;
	case SPF_ERROR_DNS_TERM_LIMIT:
		snprintf(buf, size, "%s",
			 _("Die Prüfung braucht mehr als 10 DNS-Abfragen (include:, a, mx, ptr, "
			   "exists, redirect=); mehr sind nicht erlaubt."));
		break;
	case SPF_ERROR_VOID_LIMIT:
		snprintf(buf, size, "%s",
			 _("Mehr als 2 Abfragen liefen ins Leere (Namen ohne Eintrag); mehr sind "
			   "nicht erlaubt."));
		break;
	case SPF_ERROR_MX_LIMIT:
		snprintf(buf, size, _("Ein mx-Verweis (%s) nennt mehr als 10 Mailserver."), d);
		break;
	case SPF_ERROR_INCLUDE_NONE:
		snprintf(buf, size,
			 _("include:%s verweist auf eine Domain ohne SPF-Eintrag."), d);
		break;
	case SPF_ERROR_BAD_DOMAIN:
		snprintf(buf, size, _("%s ist kein Domainname, für den es SPF geben kann."), d);
		break;
	case SPF_ERROR_REDIRECT_NONE:
		snprintf(buf, size,
			 _("redirect=%s verweist auf eine Domain ohne SPF-Eintrag."), d);
		break;
	}
	free(dom);
}

const char *
explain_outcome(const struct spf_outcome *o, const char *ip, const char *domain, char *buf,
		size_t size)
{
	char why[768];
	switch (o->result) {
	case SPF_RESULT_PASS:
		snprintf(buf, size, _("%s darf E-Mails für %s senden."), ip, domain);
		break;
	case SPF_RESULT_FAIL:
		snprintf(buf, size,
			 _("%s darf keine E-Mails für %s senden; Empfänger-Mailserver lehnen sie "
			   "ab."),
			 ip, domain);
		break;
	case SPF_RESULT_SOFTFAIL:
		snprintf(buf, size,
			 _("%s ist für %s nicht vorgesehen (~all); viele Empfänger-Mailserver "
			   "stufen die E-Mails als verdächtig ein."),
			 ip, domain);
		break;
	case SPF_RESULT_NEUTRAL:
		snprintf(buf, size, _("Der SPF-Eintrag von %s sagt über %s nichts aus."), domain,
			 ip);
		break;
	case SPF_RESULT_NONE:
		snprintf(buf, size, _("%s hat keinen SPF-Eintrag."), domain);
		break;
	case SPF_RESULT_TEMPERROR:
		explain_error(o, why, sizeof(why));
		snprintf(buf, size, _("Die Prüfung ist vorübergehend gescheitert. %s"), why);
		break;
	case SPF_RESULT_PERMERROR:
		explain_error(o, why, sizeof(why));
		snprintf(buf, size,
			 _("Der SPF-Eintrag ist fehlerhaft; Empfänger-Mailserver können ihn nicht "
			   "auswerten. %s"),
			 why);
		break;
	}
	return buf;
}
