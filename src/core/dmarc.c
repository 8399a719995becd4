/* dmarc.c — see dmarc.h. */
#include "dmarc.h"

#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <strings.h>

static bool
is_dmarc(const char *text, size_t len)
{
	/* RFC 7489 6.6.3: records that do not start with v=DMARC1 are discarded. */
	size_t i = 0;
	if (len < 8 || strncmp(text, "v=DMARC1", 8) != 0)
		return false;
	for (i = 8; i < len && (text[i] == ' ' || text[i] == '\t'); i++)
		;
	return i == len || text[i] == ';';
}

size_t
dmarc_count_records(const struct dns_rrset *set, size_t *which)
{
	size_t n = 0;
	for (size_t i = 0; set && i < set->count; i++)
		if (is_dmarc((const char *)set->records[i].data, set->records[i].len)) {
			*which = i;
			n++;
		}
	return n;
}

static bool
policy_of(const char *v, size_t len, enum dmarc_policy *p)
{
	static const char *const names[] = {"none", "quarantine", "reject"};
	for (int i = 0; i < 3; i++)
		if (len == strlen(names[i]) && strncasecmp(v, names[i], len) == 0) {
			*p = (enum dmarc_policy)i;
			return true;
		}
	return false;
}

/* One tag NAME=V; false when its value is not allowed. */
static bool
take_tag(struct dmarc_record *r, const char *name, size_t nlen, const char *v, size_t vlen,
	 bool *has_p, bool *has_sp, bool *bad_p)
{
#define IS(t) (nlen == sizeof(t) - 1 && strncasecmp(name, t, nlen) == 0)
	if (IS("p")) {
		*has_p = policy_of(v, vlen, &r->p);
		*bad_p = !*has_p;
		return true; /* judged once all tags are read (rua=) */
	}
	if (IS("sp"))
		return (*has_sp = policy_of(v, vlen, &r->sp));
	if (IS("aspf") || IS("adkim")) {
		if (vlen != 1 || (*v != 'r' && *v != 's'))
			return false;
		*(IS("aspf") ? &r->aspf_strict : &r->adkim_strict) = *v == 's';
		return true;
	}
	if (IS("pct")) {
		unsigned n = 0;
		if (vlen == 0 || vlen > 3)
			return false;
		for (size_t i = 0; i < vlen; i++) {
			if (v[i] < '0' || v[i] > '9')
				return false;
			n = n * 10 + (unsigned)(v[i] - '0');
		}
		r->pct = n;
		return n <= 100;
	}
	if (IS("rua"))
		r->has_rua = vlen > 0;
	return true; /* unknown tags are ignored (6.3) */
#undef IS
}

static void
trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t'))
		(*s)++, (*len)--;
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

enum dmarc_problem
dmarc_parse(const char *text, size_t len, struct dmarc_record *out)
{
	bool has_p = false, has_sp = false, bad_p = false;
	*out = (struct dmarc_record){.pct = 100};
	size_t pos = 0;
	while (pos < len) {
		const char *end = memchr(text + pos, ';', len - pos);
		size_t tlen = end ? (size_t)(end - (text + pos)) : len - pos;
		const char *tag = text + pos, *eq = memchr(tag, '=', tlen);
		size_t start = pos;
		pos += tlen + 1;
		if (!eq) {
			trim(&tag, &tlen);
			if (tlen == 0)
				continue; /* ";;" or a trailing ";" */
			out->bad_offset = start;
			return DMARC_BAD_TAG;
		}
		const char *v = eq + 1;
		size_t nlen = (size_t)(eq - tag), vlen = tlen - nlen - 1;
		trim(&tag, &nlen);
		trim(&v, &vlen);
		if (!take_tag(out, tag, nlen, v, vlen, &has_p, &has_sp, &bad_p)) {
			out->bad_offset = start;
			return DMARC_BAD_TAG;
		}
	}
	if (!has_sp)
		out->sp = out->p;
	if (!has_p) {
		/* 6.6.3: a broken or missing p= with a report address counts as none. */
		if (!out->has_rua)
			return DMARC_BAD_POLICY;
		out->p = DMARC_P_NONE;
		out->p_from_rua = true;
		if (!has_sp)
			out->sp = DMARC_P_NONE;
	}
	(void)bad_p;
	return DMARC_OK;
}

bool
dmarc_needs_org(const char *domain, const char *org_domain, const struct dmarc_answer *own)
{
	size_t which = 0;
	if (!org_domain || strcasecmp(domain, org_domain) == 0)
		return false;
	if (own->status != DNS_STATUS_OK && own->status != DNS_STATUS_NODATA &&
	    own->status != DNS_STATUS_NXDOMAIN)
		return false;
	return dmarc_count_records(own->status == DNS_STATUS_OK ? own->set : NULL, &which) == 0;
}

/* Fills R from ANSWER at _dmarc.AT; false when it holds no DMARC record. */
static bool
judge_one(const struct dmarc_answer *a, const char *at, struct dmarc_result *r)
{
	size_t which = 0, n = 0;
	snprintf(r->policy_domain, sizeof(r->policy_domain), "%s", at);
	if (a->status != DNS_STATUS_OK && a->status != DNS_STATUS_NODATA &&
	    a->status != DNS_STATUS_NXDOMAIN) {
		r->problem = DMARC_LOOKUP_FAILED;
		return true;
	}
	n = dmarc_count_records(a->status == DNS_STATUS_OK ? a->set : NULL, &which);
	if (n == 0)
		return false;
	if (n > 1) {
		/* Show the first of them. */
		for (which = 0; !is_dmarc((const char *)a->set->records[which].data,
					  a->set->records[which].len);
		     which++)
			;
		r->problem = DMARC_SEVERAL;
	}
	const struct dns_record *rec = &a->set->records[which];
	r->record = strndup((const char *)rec->data, rec->len);
	if (n == 1)
		r->problem = dmarc_parse((const char *)rec->data, rec->len, &r->rec);
	return true;
}

bool
dmarc_judge(const char *domain, const char *org_domain, const struct dmarc_answer *own,
	    const struct dmarc_answer *org, struct dmarc_result *out)
{
	*out = (struct dmarc_result){.asked = true};
	if (!judge_one(own, domain, out)) {
		if (!org || !org->set || !org_domain || !judge_one(org, org_domain, out)) {
			snprintf(out->policy_domain, sizeof(out->policy_domain), "%s", domain);
			out->problem = DMARC_NO_RECORD;
			return true;
		}
		out->from_org = true;
	}
	if (out->problem == DMARC_LOOKUP_FAILED)
		return true;
	if (!out->record)
		return false;
	/* RFC 7489 6.6.3: sp= is for the subdomains of the organisational
	 * domain, whose policy is found through the fallback. */
	out->effective = out->from_org ? out->rec.sp : out->rec.p;
	out->strict_subdomain = out->rec.aspf_strict && out->from_org;
	return true;
}

bool
dmarc_fetch(const struct dns_seam *seam, const char *domain, const char *org,
	    struct dmarc_result *out)
{
	char name[300];
	struct dns_rrset own_set = DNS_RRSET_INIT, org_set = DNS_RRSET_INIT;
	snprintf(name, sizeof(name), "_dmarc.%s", domain);
	struct dmarc_answer own = {seam->lookup(seam->ctx, name, DNS_TYPE_TXT, &own_set), &own_set};
	struct dmarc_answer org_a = {DNS_STATUS_NODATA, NULL};
	if (dmarc_needs_org(domain, org, &own)) {
		snprintf(name, sizeof(name), "_dmarc.%s", org);
		org_a.status = seam->lookup(seam->ctx, name, DNS_TYPE_TXT, &org_set);
		org_a.set = &org_set;
	}
	bool ok = dmarc_judge(domain, org, &own, &org_a, out);
	dns_rrset_clear(&own_set);
	dns_rrset_clear(&org_set);
	return ok;
}

void
dmarc_result_clear(struct dmarc_result *r)
{
	if (!r)
		return;
	free(r->record);
	*r = (struct dmarc_result){0};
}

const char *
dmarc_policy_name(enum dmarc_policy p)
{
	switch (p) {
	case DMARC_P_NONE: return "none";
	case DMARC_P_QUARANTINE: return "quarantine";
	case DMARC_P_REJECT: return "reject";
	}
	return "";
}

const char *
dmarc_problem_name(enum dmarc_problem p)
{
	static const char *const names[] = {"ok",	  "no_record", "several",
					    "bad_policy", "bad_tag",   "lookup_failed"};
	return (size_t)p < sizeof(names) / sizeof(names[0]) ? names[p] : "";
}

static void
add(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Appends to the paragraph in BUF, a space between sentences. */
static void
add(char *buf, size_t size, const char *fmt, ...)
{
	size_t used = strlen(buf);
	if (used && used + 1 < size)
		buf[used++] = ' ', buf[used] = '\0';
	va_list ap;
	va_start(ap, fmt);
	if (used < size)
		vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
}

/* No policy applies: why, in one or two sentences. */
static void
explain_none(const struct dmarc_result *r, const char *domain, char *buf, size_t size)
{
	switch (r->problem) {
	case DMARC_LOOKUP_FAILED:
		add(buf, size, _("Die DMARC-Richtlinie von %s ließ sich nicht abfragen."),
		    r->policy_domain);
		return;
	case DMARC_SEVERAL:
		add(buf, size,
		    _("Unter _dmarc.%s stehen mehrere DMARC-Einträge; Empfänger-Mailserver "
		      "beachten dann keinen davon. Löschen Sie alle bis auf einen."),
		    r->policy_domain);
		return;
	case DMARC_BAD_POLICY:
		add(buf, size,
		    _("Der DMARC-Eintrag von %s ist fehlerhaft: „p=“ fehlt oder ist weder "
		      "none, quarantine noch reject. Empfänger-Mailserver beachten ihn nicht."),
		    r->policy_domain);
		return;
	case DMARC_BAD_TAG:
		add(buf, size,
		    _("Der DMARC-Eintrag von %s ist fehlerhaft (bei Zeichen %zu). "
		      "Empfänger-Mailserver beachten ihn nicht."),
		    r->policy_domain, r->rec.bad_offset + 1);
		return;
	default:
		add(buf, size,
		    _("%s hat keine DMARC-Richtlinie: Empfänger-Mailserver setzen nichts durch. "
		      "Mit einem DMARC-Eintrag unter _dmarc.%s könnten Sie festlegen, dass "
		      "gefälschte E-Mails in Ihrem Namen abgewiesen werden, und Berichte "
		      "darüber erhalten."),
		    domain, domain);
		return;
	}
}

/* p=reject or quarantine: today, with the record, and strict alignment. */
static void
explain_enforced(const struct dmarc_result *r, const char *sender, bool authorised, char *buf,
		 size_t size)
{
	bool reject = r->effective == DMARC_P_REJECT;
	if (!authorised)
		add(buf, size,
		    reject ? _("Ohne einen SPF-Eintrag, der %s berechtigt, weisen "
			       "Empfänger-Mailserver E-Mails ab, die %s in Ihrem Namen sendet.")
			   : _("Ohne einen SPF-Eintrag, der %s berechtigt, landen E-Mails, die %s "
			       "in Ihrem Namen sendet, im Spam-Ordner."),
		    sender, sender);
	if (!authorised && r->rec.pct < 100)
		add(buf, size,
		    _("Die Richtlinie gilt für %u %% dieser E-Mails (pct=%u); die übrigen "
		      "werden behandelt, als gäbe es sie nicht."),
		    r->rec.pct, r->rec.pct);
	add(buf, size,
	    authorised ? _("Der SPF-Eintrag berechtigt %s, und die SPF-Prüfung passt zur "
			   "Absenderadresse: %s verwendet Ihre Adresse auch als Umschlag-Absender.")
		       : _("Mit dem SPF-Eintrag besteht die SPF-Prüfung, passend zur "
			   "Absenderadresse: %s verwendet Ihre Adresse auch als Umschlag-Absender."),
	    sender, sender);
	if (r->strict_subdomain)
		add(buf, size,
		    _("Die Richtlinie von %s verlangt mit „aspf=s“, dass die Domain genau "
		      "übereinstimmt; eine Subdomain reicht dann nicht. Das ist erfüllt, "
		      "solange die Umschlag-Adresse dieselbe Domain hat wie die "
		      "Absenderadresse."),
		    r->policy_domain);
}

const char *
dmarc_explain(const struct dmarc_result *r, const char *sender, bool authorised, bool alias,
	      char *buf, size_t size, const char *domain)
{
	buf[0] = '\0';
	if (alias) {
		add(buf, size,
		    _("Die DMARC-Richtlinie von %s betrifft die Alias-Funktion nicht: %s sendet "
		      "dann mit der eigenen Alias-Adresse."),
		    domain, sender);
		return buf;
	}
	if (r->problem != DMARC_OK) {
		explain_none(r, domain, buf, size);
		return buf;
	}
	if (r->from_org)
		add(buf, size, _("Für %s gilt die DMARC-Richtlinie der Domain %s (%s=%s)."), domain,
		    r->policy_domain, "sp", dmarc_policy_name(r->effective));
	else
		add(buf, size, _("%s hat die DMARC-Richtlinie p=%s."), domain,
		    dmarc_policy_name(r->effective));
	if (r->effective == DMARC_P_NONE)
		add(buf, size, "%s",
		    _("Sie sammelt nur Berichte; Empfänger-Mailserver weisen deshalb keine "
		      "E-Mails ab."));
	else
		explain_enforced(r, sender, authorised, buf, size);
	return buf;
}
