/* advice.c — see advice.h. */
#include "advice.h"

#include "i18n.h"
#include "textsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *
advice_outcome(bool judged, enum verdict verdict)
{
	if (!judged)
		return _("Prüfung nicht möglich");
	switch (verdict) {
	case VERDICT_PROPAGATED: return _("verbreitet");
	case VERDICT_PENDING: return _("noch nicht überall");
	case VERDICT_WRONG: return _("Eintrag fehlt oder ist falsch");
	case VERDICT_UNKNOWN: break;
	}
	return _("Prüfung nicht möglich");
}

const char *
advice_round_outcome(enum check_failure failure, enum verdict verdict)
{
	if (failure == CHECK_NO_DOMAIN)
		return _("Domain gibt es nicht");
	return advice_outcome(failure == CHECK_OK, verdict);
}

const char *
advice_no_domain(const char *label, char *buf, size_t size)
{
	snprintf(buf, size,
		 _("Die Domain %s gibt es im DNS nicht. Vielleicht ist sie falsch geschrieben, "
		   "nicht registriert oder abgelaufen. Prüfen Sie die Schreibweise; stimmt sie, "
		   "fragen Sie Ihren Domain-Anbieter."),
		 label);
	return buf;
}

const char *
advice_eta(uint32_t seconds, char *buf, size_t size)
{
	char d[64];
	snprintf(buf, size, _("Alte Antworten in Zwischenspeichern laufen spätestens in %s ab."),
		 verdict_format_duration(seconds, d, sizeof(d)));
	return buf;
}

/* A name from DNS, made safe for a sentence: a new string, NULL when
 * memory ran out (the caller then shows a stand-in). */
static char *
safe(const char *s)
{
	return s ? textsafe_escape(s, strlen(s), 260) : NULL;
}

/* Why the round could not be judged; false when it could. */
static bool
failure_sentence(const struct advice_round *r, const char *zone, char *buf, size_t size)
{
	switch (r->failure) {
	case CHECK_OK: return false;
	case CHECK_NO_ZONE:
		snprintf(buf, size,
			 _("Für %s gibt es im DNS keine Zone. Ist die Domain richtig geschrieben?"),
			 r->label);
		break;
	case CHECK_NO_DOMAIN: advice_no_domain(r->label, buf, size); break;
	case CHECK_NO_NAMESERVERS:
		snprintf(buf, size, _("Für die Zone %s sind keine Namensserver zu finden."), zone);
		break;
	/* In the words of the rows (verdict_state_label) and of show
	 * (explain_dns_status): refused, not reachable, timed out. */
	case CHECK_RESOLVER_TIMEOUT:
		snprintf(buf, size, "%s", _("Der Resolver antwortet nicht (Zeitüberschreitung)."));
		break;
	case CHECK_RESOLVER_REFUSED:
		snprintf(buf, size, "%s", _("Der Resolver hat die Abfrage abgelehnt."));
		break;
	case CHECK_RESOLVER_UNREACHABLE:
		snprintf(buf, size, "%s",
			 _("Der Resolver ist nicht erreichbar: Es gibt keinen Weg zu ihm im Netz."));
		break;
	case CHECK_RESOLVER_SERVFAIL:
		snprintf(buf, size, "%s", _("Der Resolver meldet einen Serverfehler."));
		break;
	case CHECK_NOMEM: snprintf(buf, size, "%s", _("Nicht genug Arbeitsspeicher.")); break;
	}
	return true;
}

/* The verdict's own sentence, and its tone. */
static enum advice_tone
verdict_sentence(const struct advice_round *r, char *buf, size_t size)
{
	const struct verdict_result *v = r->verdict;
	switch (v->verdict) {
	case VERDICT_PROPAGATED:
		snprintf(buf, size,
			 _("Alle Namensserver liefern den neuen Eintrag, und %s ist berechtigt, in "
			   "Ihrem Namen zu senden."),
			 r->sender_name);
		return ADVICE_GOOD;
	case VERDICT_PENDING:
		snprintf(buf, size,
			 ngettext("%u von %u Namensservern liefert den neuen Eintrag.",
				  "%u von %u Namensservern liefern den neuen Eintrag.", v->auth_good),
			 v->auth_good, v->auth_total);
		return ADVICE_WARN;
	case VERDICT_WRONG:
		/* Right after saving this is the usual state: "noch". */
		snprintf(buf, size,
			 _("Noch kein zuständiger Namensserver liefert einen Eintrag, der %s "
			   "berechtigt."),
			 r->sender_name);
		return ADVICE_WARN;
	case VERDICT_UNKNOWN: break;
	}
	snprintf(buf, size, "%s", _("Kein zuständiger Namensserver hat geantwortet."));
	return ADVICE_BAD;
}

/* The further lines of a judged verdict. */
static void
verdict_details(const struct advice_round *r, struct advice *out)
{
	const struct verdict_result *v = r->verdict;
	if (v->verdict == VERDICT_PROPAGATED && v->auth_unreachable)
		snprintf(out->unreachable, sizeof(out->unreachable),
			 ngettext("(%u Namensserver war nicht erreichbar; auch Empfänger-Mailserver "
				  "erreichen ihn nicht.)",
				  "(%u Namensserver waren nicht erreichbar; auch Empfänger-Mailserver "
				  "erreichen sie nicht.)",
				  v->auth_unreachable),
			 v->auth_unreachable);
	if (v->resolvers_not_asked && v->auth_answered > 0)
		snprintf(out->resolvers, sizeof(out->resolvers), "%s",
			 _("Resolver (Zwischenspeicher) werden erst gefragt, wenn alle Namensserver "
			   "den neuen Eintrag liefern: Früher gefragt, hielten sie die alte Antwort "
			   "fest."));
	else if (v->verdict == VERDICT_PENDING && v->resolvers_answered > v->resolvers_good)
		snprintf(out->resolvers, sizeof(out->resolvers),
			 ngettext("%u von %u Resolvern liefert ihn schon.",
				  "%u von %u Resolvern liefern ihn schon.", v->resolvers_good),
			 v->resolvers_good, v->resolvers_answered);
}

/* While the name servers lag (not every one that answered serves the new
 * record), how long the provider's own servers take to serve a change, where
 * a source names it: with MAX under a minute "within seconds"; a usual time
 * under a minute with longer outliers "mostly seconds, at times about MAX";
 * else "only after up to MAX". */
static void
publish_delay_sentence(const struct advice_round *r, char *buf, size_t size)
{
	const struct provider *p = r->provider;
	const struct verdict_result *v = r->verdict;
	if (!p || !p->has_publish_delay || !v->auth_answered || v->auth_good >= v->auth_answered)
		return;
	if (p->publish_max == 0) {
		snprintf(buf, size, _("Bei %s erscheinen Änderungen sofort auf den Namensservern."),
			 p->name);
	} else if (p->publish_max < 60) {
		snprintf(buf, size,
			 _("Bei %s erscheinen Änderungen nach wenigen Sekunden auf den "
			   "Namensservern."),
			 p->name);
	} else if (p->publish_min < 60) {
		unsigned long about = (p->publish_max + 30) / 60; /* 80 s: about a minute */
		if (about == 1)
			snprintf(buf, size,
				 _("Bei %s erscheinen Änderungen meist nach wenigen Sekunden auf den "
				   "Namensservern, manchmal erst nach etwa einer Minute oder mehr."),
				 p->name);
		else
			snprintf(buf, size,
				 _("Bei %s erscheinen Änderungen meist nach wenigen Sekunden auf den "
				   "Namensservern, manchmal erst nach etwa %lu Minuten oder mehr."),
				 p->name, about);
	} else {
		unsigned long minutes = (p->publish_max + 59) / 60;
		snprintf(buf, size,
			 ngettext("Bei %s erscheinen Änderungen erst nach bis zu %lu Minute auf "
				  "den Namensservern.",
				  "Bei %s erscheinen Änderungen erst nach bis zu %lu Minuten auf "
				  "den Namensservern.",
				  minutes),
			 p->name, minutes);
	}
}

/* The names the mistakes speak of, made safe. */
struct names {
	char *domain, *zone, *name;
};

/* How the provider's name field is filled for the record at N->name: the
 * owner name relative to the zone ("mail" for mail.example.de in
 * example.de; the whole name at a form that appends nothing), and for the
 * zone's apex "@" or an empty field by the provider's convention. A record
 * that landed under a literal "@" shows that the form wants the field empty
 * where the provider's convention is not known. */
static void
name_fix(const struct advice_round *r, enum mistake m, const struct names *n, char *buf,
	 size_t size)
{
	const struct provider *p = r->provider;
	bool apex = strcmp(n->name, "@") == 0;
	enum provider_apex own = p ? p->apex : PROVIDER_APEX_UNKNOWN;
	enum provider_apex convention = own;
	if (apex && own == PROVIDER_APEX_UNKNOWN && m == MISTAKE_AT_LABEL)
		convention = PROVIDER_APEX_EMPTY; /* seen, not the provider's known word */
	bool empty = apex && convention == PROVIDER_APEX_EMPTY;
	const char *value = n->name;
	if (!apex && p && p->name_appends_domain == PROVIDER_ANSWER_NO)
		value = n->domain; /* the form takes the whole name */
	if (p && p->label_name && (!apex || own != PROVIDER_APEX_UNKNOWN)) {
		if (empty)
			snprintf(buf, size, _("Bei %s bleibt das Feld „%s“ leer."), p->name,
				 p->label_name);
		else
			snprintf(buf, size, _("Bei %s steht im Feld „%s“ nur „%s“."), p->name,
				 p->label_name, value);
	} else if (empty) {
		snprintf(buf, size, "%s", _("Lassen Sie das Feld für den Namen leer."));
	} else if (apex && convention == PROVIDER_APEX_UNKNOWN) {
		snprintf(buf, size, "%s",
			 _("Tragen Sie als Name nur „@“ ein (oder lassen Sie das Feld leer, wenn es "
			   "für die Domain selbst steht)."));
	} else {
		snprintf(buf, size, _("Tragen Sie als Name nur „%s“ ein."), value);
	}
}

/* Where the record went wrong (WHAT) and how to put it right (FIX). */
static void
mistake_sentences(const struct advice_round *r, const struct names *n, struct advice_mistake *a)
{
	const struct provider *p = r->provider;
	size_t ws = sizeof(a->what), fs = sizeof(a->fix);
	switch (a->which) {
	case MISTAKE_DOUBLED_NAME:
		snprintf(a->what, ws,
			 _("Der Eintrag steht unter „%s.%s“: Der Domain-Anbieter hat die Zone an den "
			   "Namen angehängt."),
			 n->domain, n->zone[0] ? n->zone : n->domain);
		name_fix(r, a->which, n, a->fix, fs);
		break;
	case MISTAKE_WWW:
		snprintf(a->what, ws, _("Der Eintrag steht unter „www.%s“. Er gehört an %s selbst."),
			 n->domain, n->domain);
		name_fix(r, a->which, n, a->fix, fs);
		break;
	case MISTAKE_AT_LABEL:
		snprintf(a->what, ws,
			 _("Der Eintrag steht unter „@.%s“: Das Formular hat „@“ als Namen "
			   "übernommen."),
			 n->domain);
		name_fix(r, a->which, n, a->fix, fs);
		break;
	case MISTAKE_QUOTED:
		snprintf(a->what, ws, "%s", _("Der Wert wurde mit Anführungszeichen gespeichert."));
		snprintf(a->fix, fs, _("Tragen Sie ihn im Feld „%s“ ohne Anführungszeichen ein."),
			 p && p->label_value ? p->label_value : "Data");
		break;
	case MISTAKE_TYPOGRAPHIC:
		snprintf(a->what, ws, "%s",
			 _("Der Wert enthält typografische Anführungszeichen oder geschützte "
			   "Leerzeichen aus einer Textverarbeitung."));
		snprintf(a->fix, fs, "%s",
			 _("Tippen Sie ihn neu ein oder kopieren Sie ihn aus diesem Programm."));
		break;
	case MISTAKE_TYPE99_ONLY:
		snprintf(a->what, ws, "%s",
			 _("Es gibt nur einen Eintrag vom veralteten Typ „SPF“ (99). "
			   "Empfänger-Mailserver lesen nur den Typ „TXT“."));
		if (p && p->type_value)
			snprintf(a->fix, fs, _("Bei %s wählen Sie als Typ „%s“."), p->name,
				 p->type_value);
		else
			snprintf(a->fix, fs, "%s", _("Wählen Sie als Typ „TXT“."));
		break;
	}
}

/* "am 7.12. um 14:32 Uhr": the local time AT, for people. Returns BUF. */
static const char *
moment(time_t at, char *buf, size_t size)
{
	struct tm tm;
	if (!localtime_r(&at, &tm)) {
		snprintf(buf, size, "?");
		return buf;
	}
	snprintf(buf, size, _("am %d.%d. um %02d:%02d Uhr"), tm.tm_mday, tm.tm_mon + 1, tm.tm_hour,
		 tm.tm_min);
	return buf;
}

const char *
advice_worldwide(const struct cache_bound *b, time_t now, char *buf, size_t size)
{
	time_t at;
	bool estimate;
	char when[64], left[64];
	buf[0] = '\0';
	if (!b || !bound_clear_by(b, &at, &estimate))
		return buf;
	moment(at, when, sizeof(when));
	if (at <= now)
		snprintf(buf, size, _("Seit %s haben alle Zwischenspeicher weltweit den neuen Eintrag."),
			 when);
	else
		snprintf(buf, size,
			 _("Spätestens %s haben alle Zwischenspeicher weltweit den neuen Eintrag "
			   "(in %s)."),
			 when, verdict_format_duration((uint32_t)(at - now), left, sizeof(left)));
	if (estimate) {
		size_t len = strlen(buf);
		snprintf(buf + len, size - len, " %s",
			 b->unseen_servers
			     ? _("Geschätzt: Nicht jeden Namensserver konnte diese Prüfung erreichen; "
				 "er könnte die alte Antwort noch ausliefern.")
			     : _("Geschätzt: Die alte Antwort hat keine Prüfung gesehen; gerechnet ist "
				 "mit der TTL des neuen Eintrags."));
	}
	return buf;
}

void
advice_compute(const struct advice_round *r, struct advice *out)
{
	char sentence[ADVICE_TEXT];
	*out = (struct advice){.tone = ADVICE_BAD};
	struct names n = {safe(r->domain), safe(r->zone), safe(r->name)};
	const struct names shown = {n.domain ? n.domain : "?", n.zone ? n.zone : "?",
				    n.name ? n.name : "@"};
	bool judged = !failure_sentence(r, shown.zone, sentence, sizeof(sentence));
	if (judged) {
		out->tone = verdict_sentence(r, sentence, sizeof(sentence));
		verdict_details(r, out);
		publish_delay_sentence(r, out->publish_delay, sizeof(out->publish_delay));
		const struct verdict_result *v = r->verdict;
		out->has_eta = v->has_eta && v->verdict != VERDICT_PROPAGATED;
		out->eta_seconds = out->has_eta ? v->eta_seconds : 0;
		advice_worldwide(r->bound, r->now, out->worldwide, sizeof(out->worldwide));
	}
	const char *word =
	    advice_round_outcome(r->failure, judged ? r->verdict->verdict : VERDICT_UNKNOWN);
	snprintf(out->verdict, sizeof(out->verdict), _("Ergebnis: %s. %s"), word, sentence);
	snprintf(out->outcome, sizeof(out->outcome), _("Ergebnis: %s"), word);
	for (unsigned bit = 0; judged && bit < MISTAKE_COUNT; bit++) {
		if (!(r->mistakes & (1u << bit)))
			continue;
		struct advice_mistake *a = &out->mistake[out->nmistakes++];
		a->which = (enum mistake)(1u << bit);
		mistake_sentences(r, &shown, a);
	}
	free(n.domain);
	free(n.zone);
	free(n.name);
}

/* What happens next by the proposal alone (before a check, or when no
 * entry could be proposed). */
static void
next_unchecked(const struct advice_next *f, char *buf, size_t size)
{
	switch (f->outcome) {
	case PROPOSAL_PUBLISH:
		snprintf(buf, size,
			 f->replaces ? _("Den vorhandenen SPF-Eintrag beim Domain-Anbieter durch "
					 "den Eintrag oben ersetzen, danach prüfen: %s check %s")
				     : _("Den Eintrag oben beim Domain-Anbieter anlegen, danach "
					 "prüfen: %s check %s"),
			 PACKAGE, f->domain ? f->domain : "");
		break;
	case PROPOSAL_NOTHING:
		snprintf(buf, size, _("Nichts zu tun: %s ist schon berechtigt."), f->sender_name);
		break;
	case PROPOSAL_FREEMAIL:
		snprintf(buf, size, "%s",
			 _("Die Alias-Funktion in den Voreinstellungen von Flicono einschalten: "
			   "Einen SPF-Eintrag kann nur der Freemail-Anbieter anlegen."));
		break;
	case PROPOSAL_BROKEN:
		snprintf(buf, size, "%s",
			 _("Den fehlerhaften SPF-Eintrag beim Domain-Anbieter korrigieren lassen "
			   "oder die Alias-Funktion einschalten."));
		break;
	case PROPOSAL_UNFIT:
		snprintf(buf, size, "%s",
			 _("Den vorhandenen SPF-Eintrag vom Flicono-Support prüfen lassen oder "
			   "die Alias-Funktion einschalten."));
		break;
	case PROPOSAL_NO_DOMAIN:
		snprintf(buf, size, "%s",
			 _("Die Schreibweise der Domain prüfen; stimmt sie, beim Domain-Anbieter "
			   "nachfragen, ob sie registriert ist."));
		break;
	default:
		snprintf(buf, size, "%s",
			 _("Das DNS hat nicht geantwortet: später erneut versuchen."));
		break;
	}
}

/* What happens next after a check. */
static void
next_checked(const struct advice_next *f, char *buf, size_t size)
{
	const struct verdict_result *v = f->verdict;
	char d[64];
	if (f->outcome == PROPOSAL_NO_DOMAIN) {
		next_unchecked(f, buf, size); /* no domain: nothing to check */
	} else if (f->check_failed || v->verdict == VERDICT_UNKNOWN) {
		snprintf(buf, size, "%s",
			 _("Die Prüfung war nicht möglich (keine Antwort aus dem DNS): später "
			   "erneut prüfen."));
	} else if (v->verdict == VERDICT_PROPAGATED) {
		snprintf(buf, size,
			 _("Nichts mehr zu tun: Der Eintrag ist überall angekommen, %s ist "
			   "berechtigt."),
			 f->sender_name);
	} else if (v->verdict == VERDICT_WRONG && f->outcome != PROPOSAL_PUBLISH) {
		next_unchecked(f, buf, size); /* no entry to publish: the proposal says why */
	} else if (v->verdict == VERDICT_WRONG) {
		snprintf(buf, size, "%s",
			 f->replaces ? _("Der Eintrag fehlt oder ist falsch: den vorhandenen "
					 "SPF-Eintrag beim Domain-Anbieter durch den Eintrag oben "
					 "ersetzen, danach erneut prüfen.")
				     : _("Der Eintrag fehlt oder ist falsch: den Eintrag oben beim "
					 "Domain-Anbieter anlegen, danach erneut prüfen."));
	} else if (v->has_eta) {
		snprintf(buf, size,
			 _("Abwarten: Alte Antworten in Zwischenspeichern laufen spätestens in %s "
			   "ab (%s); danach erneut prüfen."),
			 verdict_format_duration(v->eta_seconds, d, sizeof(d)),
			 f->eta_at ? f->eta_at : "?");
	} else {
		snprintf(buf, size, "%s",
			 _("Abwarten, bis alle Namensserver den neuen Eintrag liefern, und in "
			   "einigen Minuten erneut prüfen."));
	}
}

const char *
advice_next_step(const struct advice_next *n, char *buf, size_t size)
{
	if (n->alias)
		snprintf(buf, size, "%s",
			 _("Die Alias-Funktion in den Voreinstellungen von Flicono einschalten. "
			   "Im DNS ist nichts zu ändern."));
	else if (n->checked)
		next_checked(n, buf, size);
	else
		next_unchecked(n, buf, size);
	return buf;
}
