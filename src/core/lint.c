/* lint.c — see lint.h. */
#include "lint.h"

#include "i18n.h"
#include "spf_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 10 };

struct walker {
	const struct dns_seam *seam;
	struct lint_report *rep;
	/* The include/redirect path from the top record to the one being
	 * walked: a target already on it is a loop. (Two includes of the same
	 * domain side by side are no loop; both are counted.) */
	char *path[MAX_DEPTH + 1];
	size_t depth;
	bool nomem;
};

static void
note(struct walker *w, unsigned warning, const char *domain)
{
	if (!(w->rep->warnings & (LINT_INCLUDE_WITHOUT_RECORD | LINT_INCLUDE_BROKEN | LINT_LOOP)) &&
	    (warning & (LINT_INCLUDE_WITHOUT_RECORD | LINT_INCLUDE_BROKEN | LINT_LOOP)))
		snprintf(w->rep->culprit, sizeof(w->rep->culprit), "%s", domain);
	w->rep->warnings |= warning;
}

static bool
on_path(struct walker *w, const char *domain)
{
	for (size_t i = 0; i < w->depth; i++)
		if (w->path[i] && strcasecmp(w->path[i], domain) == 0)
			return true;
	return false;
}

/* The term's target as a static domain name: the domain-spec, or DOMAIN for
 * a/mx/ptr without one. NULL when it holds macros (known only at check time)
 * or cannot be a name. Returns a new string. */
static char *
static_target(const struct spf_record *rec, const struct spf_term *t, const char *domain)
{
	if (!t->has_value || t->value.len == 0)
		return strdup(domain);
	const char *v = rec->text + t->value.off;
	size_t len = t->value.len;
	if (memchr(v, '%', len))
		return NULL;
	if (len && v[len - 1] == '.')
		len--;
	if (!spf_check_name_ok(v, len))
		return NULL;
	return strndup(v, len);
}

static enum dns_status
ask(struct walker *w, const char *name, enum dns_type type, struct dns_rrset *set)
{
	*set = (struct dns_rrset)DNS_RRSET_INIT;
	return w->seam->lookup(w->seam->ctx, name, type, set);
}

/* RFC 7208 4.6.4: a lookup that returns no records or NXDOMAIN is void. */
static void
count_void(struct walker *w, const char *name, enum dns_type type, enum spf_term_kind kind)
{
	struct dns_rrset set;
	enum dns_status st = ask(w, name, type, &set);
	if (st == DNS_STATUS_NODATA && type == DNS_TYPE_A) {
		/* `a` asks AAAA for IPv6 clients: void only when both are empty. */
		dns_rrset_clear(&set);
		st = ask(w, name, DNS_TYPE_AAAA, &set);
	}
	if (st == DNS_STATUS_NXDOMAIN || st == DNS_STATUS_NODATA) {
		w->rep->void_lookups++;
		/* exists: is void by design for most senders; a and mx are not. */
		if (kind != SPF_TERM_EXISTS && !(w->rep->warnings & LINT_VOID_LOOKUP)) {
			w->rep->warnings |= LINT_VOID_LOOKUP;
			w->rep->void_is_mx = kind == SPF_TERM_MX;
			snprintf(w->rep->void_name, sizeof(w->rep->void_name), "%s", name);
		}
	} else if (st != DNS_STATUS_OK) {
		w->rep->incomplete = true;
	}
	dns_rrset_clear(&set);
}

static void walk(struct walker *w, const char *domain, const struct spf_record *rec,
		 unsigned depth);

/* Follows include: or redirect= to TARGET. */
static void
follow(struct walker *w, const char *target, unsigned depth)
{
	struct dns_rrset set;
	enum dns_status st = ask(w, target, DNS_TYPE_TXT, &set);
	size_t found = 0, which = 0;

	if (dns_status_failed(st) || st == DNS_STATUS_BADNAME) {
		w->rep->incomplete = true;
		goto out;
	}
	if (st == DNS_STATUS_NXDOMAIN || st == DNS_STATUS_NODATA)
		w->rep->void_lookups++;
	found = spf_parse_count_records(&set, &which);
	if (found == 0) {
		note(w, LINT_INCLUDE_WITHOUT_RECORD, target);
		goto out;
	}
	if (found > 1) {
		note(w, LINT_INCLUDE_BROKEN, target);
		goto out;
	}
	struct spf_record *nested = NULL;
	struct spf_parse_error err;
	if (!spf_parse((const char *)set.records[which].data, set.records[which].len, &nested,
		       &err)) {
		if (err.reason == SPF_PARSE_NOMEM)
			w->nomem = true;
		note(w, LINT_INCLUDE_BROKEN, target);
		goto out;
	}
	if (on_path(w, target) || depth + 1 >= MAX_DEPTH) {
		/* Evaluation would go round until the 10-term limit. */
		note(w, LINT_LOOP, target);
		if (w->rep->dns_terms <= SPF_MAX_DNS_TERMS)
			w->rep->dns_terms = SPF_MAX_DNS_TERMS + 1;
	} else {
		walk(w, target, nested, depth + 1);
	}
	spf_record_free(nested);
out:
	dns_rrset_clear(&set);
}

static void
walk(struct walker *w, const char *domain, const struct spf_record *rec, unsigned depth)
{
	bool has_all = spf_record_find(rec, SPF_TERM_ALL, 0) != SPF_NO_TERM;

	if (!(w->path[w->depth++] = strdup(domain)))
		w->nomem = true;
	for (size_t i = 0; i < rec->nterms && !w->nomem; i++) {
		const struct spf_term *t = &rec->terms[i];
		/* RFC 7208 6.1: redirect= is ignored when the record has `all`. */
		if (t->kind == SPF_TERM_REDIRECT && has_all)
			continue;
		if (spf_term_counts_lookup(t->kind))
			w->rep->dns_terms++;
		if (t->kind == SPF_TERM_PTR)
			w->rep->warnings |= LINT_PTR;
		if (t->kind == SPF_TERM_ALL && depth == 0) {
			if (t->qualifier == SPF_QUALIFIER_PASS)
				w->rep->warnings |= LINT_PASS_ALL;
			else if (t->qualifier == SPF_QUALIFIER_NEUTRAL)
				w->rep->warnings |= LINT_NEUTRAL_ALL;
		}
		if (t->kind != SPF_TERM_INCLUDE && t->kind != SPF_TERM_REDIRECT &&
		    t->kind != SPF_TERM_A && t->kind != SPF_TERM_MX && t->kind != SPF_TERM_EXISTS)
			continue;
		char *target = static_target(rec, t, domain);
		if (!target) {
			w->rep->incomplete = true;
			continue;
		}
		switch (t->kind) {
		case SPF_TERM_INCLUDE:
		case SPF_TERM_REDIRECT:
			follow(w, target, depth);
			break;
		case SPF_TERM_MX:
			count_void(w, target, DNS_TYPE_MX, t->kind);
			break;
		default: /* a, exists */
			count_void(w, target, DNS_TYPE_A, t->kind);
			break;
		}
		free(target);
	}
	if (depth == 0 && !has_all && rec->redirect == SPF_NO_TERM)
		w->rep->warnings |= LINT_NO_ALL;
	free(w->path[--w->depth]);
	w->path[w->depth] = NULL;
}

bool
lint_record(const char *domain, const char *record, size_t len, const struct dns_seam *seam,
	    struct lint_report *out)
{
	struct walker w = {.seam = seam, .rep = out};
	struct spf_record *rec = NULL;

	*out = (struct lint_report){.length = len};
	if (len > 255)
		out->warnings |= LINT_LONGER_THAN_255;
	if (len > 450)
		out->warnings |= LINT_LONGER_THAN_450;
	if (!spf_parse(record, len, &rec, &out->parse_error)) {
		out->warnings |= LINT_SYNTAX;
		return out->parse_error.reason != SPF_PARSE_NOMEM;
	}
	walk(&w, domain, rec, 0);
	if (out->dns_terms > SPF_MAX_DNS_TERMS)
		out->warnings |= LINT_TOO_MANY_DNS_TERMS;
	if (out->void_lookups > SPF_MAX_VOID_LOOKUPS)
		/* The limit's message says it all; one name more adds nothing. */
		out->warnings = (out->warnings | LINT_TOO_MANY_VOIDS) & ~(unsigned)LINT_VOID_LOOKUP;
	spf_record_free(rec);
	return !w.nomem;
}

const char *
lint_warning_name(enum lint_warning warning)
{
	switch (warning) {
	case LINT_TOO_MANY_DNS_TERMS: return "too_many_dns_terms";
	case LINT_TOO_MANY_VOIDS: return "too_many_void_lookups";
	case LINT_LONGER_THAN_255: return "longer_than_255";
	case LINT_PASS_ALL: return "pass_all";
	case LINT_NEUTRAL_ALL: return "neutral_all";
	case LINT_NO_ALL: return "no_all";
	case LINT_PTR: return "ptr";
	case LINT_INCLUDE_WITHOUT_RECORD: return "include_without_record";
	case LINT_INCLUDE_BROKEN: return "include_broken";
	case LINT_LOOP: return "loop";
	case LINT_SYNTAX: return "syntax";
	case LINT_VOID_LOOKUP: return "void_lookup";
	case LINT_LONGER_THAN_450: return "longer_than_450";
	}
	return "";
}

bool
lint_is_fatal(unsigned warnings)
{
	return warnings & LINT_FATAL;
}

/* The messages of the weak or wasteful records. */
static const char *
weak_message(enum lint_warning warning, const struct lint_report *r, char *buf, size_t size)
{
	switch (warning) {
	case LINT_VOID_LOOKUP:
		snprintf(buf, size,
			 r->void_is_mx
				 ? _("„mx“ fragt nach den Mailservern von %s, dort gibt es aber keine. "
				     "Das kostet eine leere Abfrage (höchstens 2 sind erlaubt) und "
				     "erlaubt keinen Server.")
				 : _("„a“ fragt nach den Adressen von %s, dort gibt es aber keine. "
				     "Das kostet eine leere Abfrage (höchstens 2 sind erlaubt) und "
				     "erlaubt keinen Server."),
			 r->void_name);
		break;
	case LINT_LONGER_THAN_450:
		snprintf(buf, size, "%s",
			 _("Der Eintrag ist länger als 450 Zeichen. Die DNS-Antwort passt dann "
			   "womöglich nicht mehr in ein UDP-Paket; Empfänger müssen per TCP "
			   "nachfragen, und manche tun das nicht."));
		break;
	default: /* LINT_SYNTAX: redirect= or exp= twice */
		snprintf(buf, size,
			 _("Im SPF-Eintrag steht „redirect=“ oder „exp=“ mehr als einmal "
			   "(bei Zeichen %zu). Empfänger-Mailserver werten das als Fehler "
			   "(permerror)."),
			 r->parse_error.offset + 1);
		break;
	}
	return buf;
}

const char *
lint_warning_message(enum lint_warning warning, const struct lint_report *r, char *buf,
		     size_t size)
{
	switch (warning) {
	case LINT_TOO_MANY_DNS_TERMS:
		snprintf(buf, size,
			 _("Der Eintrag braucht %u DNS-Abfragen (mit allen include:), erlaubt sind "
			   "höchstens 10. Empfänger-Mailserver werten ihn dann als Fehler "
			   "(permerror) und lehnen E-Mails ab."),
			 r->dns_terms);
		break;
	case LINT_TOO_MANY_VOIDS:
		snprintf(buf, size,
			 _("%u Namen im Eintrag gibt es nicht oder sie sind leer; erlaubt sind "
			   "höchstens 2. Empfänger-Mailserver werten den Eintrag dann als Fehler "
			   "(permerror)."),
			 r->void_lookups);
		break;
	case LINT_LONGER_THAN_255:
		snprintf(buf, size, "%s",
			 _("Der Eintrag ist länger als 255 Zeichen. In einer Zeile steht er deshalb "
			   "als mehrere Zeichenketten in Anführungszeichen; das ist richtig so."));
		break;
	case LINT_PASS_ALL:
		snprintf(buf, size, "%s",
			 _("„+all“ erlaubt jedem Server der Welt, in Ihrem Namen zu senden. "
			   "Damit schützt der Eintrag nichts."));
		break;
	case LINT_NEUTRAL_ALL:
		snprintf(buf, size, "%s",
			 _("„?all“ sagt nichts über andere Server; viele Empfänger-Mailserver "
			   "behandeln Ihre E-Mails dann, als gäbe es keinen SPF-Eintrag."));
		break;
	case LINT_NO_ALL:
		snprintf(buf, size, "%s",
			 _("Der Eintrag endet ohne „all“. Für alle nicht genannten Server gilt dann "
			   "„?all“: keine Aussage."));
		break;
	case LINT_PTR:
		snprintf(buf, size, "%s",
			 _("„ptr“ ist langsam und unzuverlässig; RFC 7208 rät davon ab."));
		break;
	case LINT_INCLUDE_WITHOUT_RECORD:
		snprintf(buf, size,
			 _("Der Eintrag verweist auf %s, dort gibt es aber keinen SPF-Eintrag. "
			   "Empfänger-Mailserver werten das als Fehler (permerror)."),
			 r->culprit);
		break;
	case LINT_INCLUDE_BROKEN:
		snprintf(buf, size,
			 _("Der SPF-Eintrag von %s, auf den der Eintrag verweist, ist fehlerhaft "
			   "oder doppelt vorhanden."),
			 r->culprit);
		break;
	case LINT_LOOP:
		snprintf(buf, size,
			 _("Die Verweise (include: oder redirect=) führen im Kreis, über %s. "
			   "Empfänger-Mailserver werten das als Fehler (permerror)."),
			 r->culprit);
		break;
	case LINT_VOID_LOOKUP:
	case LINT_LONGER_THAN_450:
		return weak_message(warning, r, buf, size);
	case LINT_SYNTAX:
		if (r->parse_error.reason == SPF_PARSE_DUPLICATE_MODIFIER)
			return weak_message(warning, r, buf, size);
		snprintf(buf, size,
			 _("Fehler im SPF-Eintrag bei Zeichen %zu."), r->parse_error.offset + 1);
		break;
	}
	return buf;
}
