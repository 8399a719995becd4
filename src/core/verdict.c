/* verdict.c — see verdict.h. */
#include "verdict.h"

#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>

bool
verdict_state_answered(enum obs_state state)
{
	return state == OBS_NEW || state == OBS_OLD || state == OBS_NONE || state == OBS_SEVERAL;
}

bool
verdict_state_unreachable(enum obs_state state)
{
	return state == OBS_TIMEOUT || state == OBS_UNREACHABLE || state == OBS_REFUSED;
}

bool
verdict_name_servers_lag(const struct verdict_result *v)
{
	return v->auth_answered > 0 && v->auth_good + v->auth_unreachable < v->auth_total;
}

bool
verdict_name_servers_ready(const struct verdict_result *v)
{
	return v->auth_good > 0 && !verdict_name_servers_lag(v);
}

void
verdict_compute(const struct observation *obs, size_t n, enum spf_result v4, enum spf_result v6,
		bool has_v6, struct verdict_result *out)
{
	*out = (struct verdict_result){.verdict = VERDICT_UNKNOWN};
	for (size_t i = 0; i < n; i++) {
		const struct observation *o = &obs[i];
		if (o->role == ROLE_AUTHORITATIVE) {
			out->auth_total++;
			if (verdict_state_answered(o->state))
				out->auth_answered++;
			if (verdict_state_unreachable(o->state))
				out->auth_unreachable++;
			if (o->state == OBS_NEW)
				out->auth_good++;
			if (verdict_dnssec_bad(o->dnssec))
				out->auth_dnssec_bad++;
			continue;
		}
		out->resolvers_total++;
		if (o->state == OBS_NOT_ASKED) {
			out->resolvers_not_asked++;
			continue;
		}
		if (!verdict_state_unreachable(o->state))
			out->resolvers_answered++;
		if (o->state == OBS_NEW)
			out->resolvers_good++;
		if (o->state == OBS_DNSSEC_ERROR)
			out->resolvers_dnssec_error++;
		/* A cache holding an old or negative answer keeps it for its TTL. */
		if ((o->state == OBS_OLD || o->state == OBS_NONE || o->state == OBS_SEVERAL) &&
		    o->has_ttl) {
			if (!out->has_eta || o->ttl > out->eta_seconds)
				out->eta_seconds = o->ttl;
			out->has_eta = true;
		}
	}
	bool checks_pass = v4 == SPF_RESULT_PASS && (!has_v6 || v6 == SPF_RESULT_PASS);
	/* A name server that answers wrongly (lame, SERVFAIL, broken) holds
	 * propagation back; one that cannot be reached at all does not. */
	bool auth_all = out->auth_good + out->auth_unreachable == out->auth_total;
	bool resolvers_all = out->resolvers_good == out->resolvers_answered;
	/* A failing signature is the provider's to fix: the record is served,
	 * so it is not "wrong", but it has not arrived for validating
	 * receivers (resolvers in DNSSEC error are not good already). */
	bool dnssec_ok = out->auth_dnssec_bad == 0;
	if (out->auth_answered == 0)
		out->verdict = VERDICT_UNKNOWN;
	else if (out->auth_good == 0)
		out->verdict = VERDICT_WRONG;
	else if (auth_all && resolvers_all && checks_pass && dnssec_ok)
		out->verdict = VERDICT_PROPAGATED;
	else
		out->verdict = VERDICT_PENDING;
}

const char *
verdict_format_duration(uint32_t s, char *buf, size_t size)
{
	uint32_t d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60, sec = s % 60;
	/* Two units at most, the second left out when it is zero. */
	if (d && h)
		snprintf(buf, size, ngettext("%u Tag %u h", "%u Tage %u h", d), d, h);
	else if (d)
		snprintf(buf, size, ngettext("%u Tag", "%u Tage", d), d);
	else if (h && m)
		snprintf(buf, size, _("%u h %u min"), h, m);
	else if (h)
		snprintf(buf, size, _("%u h"), h);
	else if (m && sec)
		snprintf(buf, size, _("%u min %u s"), m, sec);
	else if (m)
		snprintf(buf, size, _("%u min"), m);
	else
		snprintf(buf, size, _("%u s"), sec);
	return buf;
}

const char *
verdict_failure_name(enum check_failure f)
{
	switch (f) {
	case CHECK_OK: return "ok";
	case CHECK_NO_ZONE: return "no-zone";
	case CHECK_NO_DOMAIN: return "no-domain";
	case CHECK_NO_NAMESERVERS: return "no-nameservers";
	case CHECK_RESOLVER_TIMEOUT: return "resolver-timeout";
	case CHECK_RESOLVER_REFUSED: return "resolver-refused";
	case CHECK_RESOLVER_UNREACHABLE: return "resolver-unreachable";
	case CHECK_RESOLVER_SERVFAIL: return "resolver-servfail";
	case CHECK_NOMEM: return "out-of-memory";
	}
	return "unknown";
}

const char *
verdict_state_label(enum obs_state state)
{
	switch (state) {
	case OBS_WAITING: return _("wird abgefragt …");
	case OBS_NEW: return _("neuer Eintrag");
	case OBS_OLD: return _("alter Eintrag");
	case OBS_NONE: return _("kein SPF-Eintrag");
	case OBS_SEVERAL: return _("mehrere SPF-Einträge");
	case OBS_TIMEOUT: return _("keine Antwort");
	case OBS_UNREACHABLE: return _("IPv6 nicht erreichbar");
	case OBS_REFUSED: return _("abgelehnt");
	case OBS_SERVFAIL: return _("Serverfehler");
	case OBS_LAME: return _("nicht zuständig");
	case OBS_BAD_REPLY: return _("fehlerhafte Antwort");
	case OBS_DNSSEC_ERROR: return _("DNSSEC-Fehler");
	case OBS_NOT_ASKED: return _("noch nicht gefragt");
	}
	return "?";
}

const char *
verdict_row_label(const struct observation *o)
{
	if (o->state == OBS_UNREACHABLE && !o->ipv6)
		return _("nicht erreichbar");
	return verdict_state_label(o->state);
}

const char *
verdict_state_name(enum obs_state state)
{
	switch (state) {
	case OBS_WAITING: return "waiting";
	case OBS_NEW: return "new";
	case OBS_OLD: return "old";
	case OBS_NONE: return "none";
	case OBS_SEVERAL: return "several";
	case OBS_TIMEOUT: return "timeout";
	case OBS_UNREACHABLE: return "unreachable";
	case OBS_REFUSED: return "refused";
	case OBS_SERVFAIL: return "servfail";
	case OBS_LAME: return "lame";
	case OBS_BAD_REPLY: return "bad-reply";
	case OBS_DNSSEC_ERROR: return "dnssec-error";
	case OBS_NOT_ASKED: return "not-asked";
	}
	return "unknown";
}

bool
verdict_dnssec_bad(enum dnssec_state s)
{
	return s == DNSSEC_MISSING || s == DNSSEC_EXPIRED || s == DNSSEC_INVALID;
}

const char *
verdict_dnssec_label(enum dnssec_state s)
{
	switch (s) {
	case DNSSEC_NOT_CHECKED:
	case DNSSEC_UNSIGNED: return NULL;
	case DNSSEC_VALID: return _("DNSSEC gültig");
	case DNSSEC_MISSING: return _("DNSSEC fehlt");
	case DNSSEC_EXPIRED: return _("DNSSEC abgelaufen");
	case DNSSEC_INVALID: return _("DNSSEC ungültig");
	}
	return NULL;
}

const char *
verdict_dnssec_name(enum dnssec_state s)
{
	switch (s) {
	case DNSSEC_NOT_CHECKED: return NULL;
	case DNSSEC_UNSIGNED: return "unsigned";
	case DNSSEC_VALID: return "valid";
	case DNSSEC_MISSING: return "missing";
	case DNSSEC_EXPIRED: return "expired";
	case DNSSEC_INVALID: return "invalid";
	}
	return NULL;
}

bool
verdict_dnssec_explain(const struct observation *obs, size_t n, const char *zone, char *buf,
		       size_t size)
{
	unsigned count[DNSSEC_INVALID + 1] = {0}, auth = 0, resolvers = 0;
	for (size_t i = 0; i < n; i++) {
		if (obs[i].role == ROLE_AUTHORITATIVE) {
			auth++;
			count[obs[i].dnssec]++;
		} else if (obs[i].state == OBS_DNSSEC_ERROR) {
			resolvers++;
		}
	}
	char first[512];
	/* The servers named: all whose signature fails, whatever the failure. */
	unsigned bad = count[DNSSEC_INVALID] + count[DNSSEC_MISSING] + count[DNSSEC_EXPIRED];
	if (count[DNSSEC_INVALID])
		snprintf(first, sizeof(first),
			 _("Die Signatur des SPF-Eintrags ist ungültig: Sie passt nicht zu den "
			   "Schlüsseln der Zone %s."),
			 zone);
	else if (count[DNSSEC_MISSING])
		snprintf(first, sizeof(first),
			 _("Die Zone %s ist signiert, aber der SPF-Eintrag nicht."), zone);
	else if (count[DNSSEC_EXPIRED])
		snprintf(first, sizeof(first),
			 _("Die Signaturen (DNSSEC) der Zone %s sind abgelaufen."), zone);
	else if (resolvers)
		snprintf(first, sizeof(first),
			 _("Die Signaturen (DNSSEC) der Zone %s sind fehlerhaft: Resolver, die sie "
			   "prüfen, antworten mit einem Fehler."),
			 zone);
	else
		return false;
	char servers[160] = "";
	if (bad && bad < auth)
		snprintf(servers, sizeof(servers),
			 ngettext(" Betroffen ist %u von %u Namensservern.",
				  " Betroffen sind %u von %u Namensservern.", bad),
			 bad, auth);
	snprintf(buf, size, "%s%s %s", first, servers,
		 _("Wenden Sie sich an Ihren Domain-Anbieter: Nur er kann das beheben. Bis dahin "
		   "liefern Resolver, die Signaturen prüfen (wie viele Empfänger-Mailserver), den "
		   "Eintrag nicht aus, und E-Mails werden abgewiesen."));
	return true;
}

const char *
verdict_name(enum verdict verdict)
{
	switch (verdict) {
	case VERDICT_PROPAGATED: return "propagated";
	case VERDICT_PENDING: return "pending";
	case VERDICT_WRONG: return "wrong";
	case VERDICT_UNKNOWN: return "unknown";
	}
	return "unknown";
}

void
verdict_observations_clear(struct observation *obs, size_t n)
{
	for (size_t i = 0; obs && i < n; i++) {
		free(obs[i].record);
		obs[i].record = NULL;
		obs[i].record_len = 0;
	}
}
