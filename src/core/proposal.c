/* proposal.c — see proposal.h. */
#include "proposal.h"

#include "i18n.h"

#include "textsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum proposal_outcome
outcome_of(const struct merge_result *m)
{
	switch (m->action) {
	case MERGE_NOTHING: return PROPOSAL_NOTHING;
	case MERGE_BROKEN: return PROPOSAL_BROKEN;
	case MERGE_NEW:
	case MERGE_EXTEND:
	case MERGE_COMBINE: break;
	}
	return lint_is_fatal(m->after.warnings) || !m->authorises ? PROPOSAL_UNFIT
								   : PROPOSAL_PUBLISH;
}

bool
proposal_provider_choice_valid(const struct provider_list *list, const char *choice)
{
	return !choice || strcmp(choice, "auto") == 0 || strcmp(choice, "none") == 0 ||
	       (list && provider_find(list, choice));
}

bool
proposal_provider_detects(const char *choice)
{
	return !choice || strcmp(choice, "auto") == 0;
}

bool
proposal_provider_pick(const struct provider_list *list, const char *choice,
		       const struct proposal_zone_names *names, struct provider_match *match)
{
	*match = (struct provider_match){.provider = NULL};
	if (!proposal_provider_detects(choice)) {
		/* "none", or an id: nothing is detected. */
		const struct provider *p = list ? provider_find(list, choice) : NULL;
		if (p)
			*match = (struct provider_match){.provider = p, .evidence = PROVIDER_CHOSEN};
		return p != NULL;
	}
	return list && names &&
	       provider_detect(list, names->ns, names->n, names->soa_mname, names->soa_rname, match);
}

/* The provider for the caller's choice; detection asks the zone's NS names
 * and its SOA (MNAME for a mixed set): two questions, asked only when a
 * provider list is there and the choice leaves it to detection. */
static void
detect_provider(const struct proposal_request *req, struct proposal *out)
{
	const struct dns_seam *seam = req->seam;
	struct dns_rrset ns = DNS_RRSET_INIT, soa = DNS_RRSET_INIT;
	const char *names[32];
	char mname[256] = "", rname[256] = "";
	size_t n = 0;
	bool ask = seam && req->providers && out->zone_found &&
		   proposal_provider_detects(req->provider_choice);
	if (ask && seam->lookup(seam->ctx, out->zone.name, DNS_TYPE_NS, &ns) == DNS_STATUS_OK)
		for (size_t i = 0; i < ns.count && n < sizeof(names) / sizeof(names[0]); i++)
			names[n++] = (const char *)ns.records[i].data;
	if (ask && seam->lookup(seam->ctx, out->zone.name, DNS_TYPE_SOA, &soa) == DNS_STATUS_OK &&
	    soa.count)
		zone_soa_names((const char *)soa.records[0].data, mname, rname, sizeof(mname));
	struct proposal_zone_names zn = {.ns = names, .n = n,
					 .soa_mname = mname[0] ? mname : NULL,
					 .soa_rname = rname[0] ? rname : NULL};
	out->has_provider = proposal_provider_pick(req->providers, req->provider_choice,
						   ask ? &zn : NULL, &out->provider);
	out->provider_chosen = out->has_provider && out->provider.evidence == PROVIDER_CHOSEN;
	dns_rrset_clear(&ns);
	dns_rrset_clear(&soa);
}

/* With DNS: the zone, the provider, what is published, the merge. The
 * typical mistakes are check's (asked at the authoritative servers, after
 * publishing); before it, they would only cost questions. */
static void
compute_with_dns(const struct proposal_request *req, struct proposal *out)
{
	const struct dns_seam *seam = req->seam;
	struct dns_rrset txt = DNS_RRSET_INIT;
	enum zone_status zs = zone_find(seam, req->addr->domain, &out->zone);
	out->zone_found = zs == ZONE_FOUND;
	if (out->zone_found && req->org_domain) {
		/* zone_find asked the organisational domain's SOA already: the
		 * resolver's cache answers. */
		struct dns_rrset soa = DNS_RRSET_INIT;
		enum dns_status st = seam->lookup(seam->ctx, req->org_domain, DNS_TYPE_SOA, &soa);
		dns_rrset_clear(&soa);
		if (zone_domain_missing(out->zone.name, req->org_domain, st)) {
			/* Never the public suffix as the customer's zone, no provider. */
			out->outcome = PROPOSAL_NO_DOMAIN;
			out->nxdomain = true;
			out->txt_status = DNS_STATUS_NXDOMAIN;
			out->zone_found = false;
			zone_guess(req->addr->domain, &out->zone);
			out->zone_guessed = true;
			return;
		}
	}
	if (!out->zone_found)
		zone_guess(req->addr->domain, &out->zone);
	out->zone_guessed = !out->zone_found;
	detect_provider(req, out);
	out->txt_status = seam->lookup(seam->ctx, req->addr->domain, DNS_TYPE_TXT, &txt);
	out->nxdomain = out->txt_status == DNS_STATUS_NXDOMAIN;
	if (out->txt_status != DNS_STATUS_OK && out->txt_status != DNS_STATUS_NODATA &&
	    out->txt_status != DNS_STATUS_NXDOMAIN) {
		out->outcome = PROPOSAL_NO_ANSWER;
		goto out;
	}
	struct merge_request mreq = {.domain = req->addr->domain, .sender = out->sender,
				     .txt = &txt, .profile = req->profile};
	if (!merge_compute(&mreq, seam, &out->merge)) {
		out->outcome = PROPOSAL_NOMEM;
		goto out;
	}
	out->outcome = outcome_of(&out->merge);
out:
	dns_rrset_clear(&txt);
}

void
proposal_sender(const struct address *a, char *buf, size_t size)
{
	snprintf(buf, size, "%s@%s", a->local ? a->local : "postmaster", a->domain);
}

bool
proposal_compute(const struct proposal_request *req, struct proposal *out)
{
	*out = (struct proposal){.outcome = PROPOSAL_PUBLISH, .txt_status = DNS_STATUS_NODATA};
	out->merge.action = MERGE_NEW;
	const struct address *a = req->addr;
	proposal_sender(a, out->sender, sizeof(out->sender));
	if (req->freemail && freemail_contains(req->freemail, a->domain)) {
		/* The provider's record is not the customer's to change. */
		out->outcome = PROPOSAL_FREEMAIL;
		zone_guess(a->domain, &out->zone);
		return true;
	}
	if (req->seam) {
		compute_with_dns(req, out);
	} else {
		zone_guess(a->domain, &out->zone);
		detect_provider(req, out); /* no DNS: only a chosen one */
		out->zone_guessed = true;
	}
	return out->outcome != PROPOSAL_NOMEM;
}

void
proposal_clear(struct proposal *p)
{
	if (!p)
		return;
	merge_result_clear(&p->merge);
	*p = (struct proposal){0};
}

const char *
proposal_record(const struct proposal *p, const struct profile *profile, size_t *len)
{
	if (p->merge.record) {
		*len = p->merge.record_len;
		return p->merge.record;
	}
	*len = strlen(profile->template_record);
	return profile->template_record;
}

struct entry_labels
proposal_provider_labels(const struct provider *provider)
{
	return (struct entry_labels){
		.name = provider->label_name,
		.type = provider->label_type,
		.value = provider->label_value,
		.ttl = provider->label_ttl,
		.type_value = provider->type_value,
		.apex_empty = provider->apex == PROVIDER_APEX_EMPTY,
	};
}

char *
proposal_entry(const struct proposal *p, const struct profile *profile, enum entry_form form,
	       bool with_ttl)
{
	return proposal_entry_for(p, profile, form, with_ttl, NULL);
}

char *
proposal_entry_for(const struct proposal *p, const struct profile *profile,
		   enum entry_form form, bool with_ttl, const struct provider *provider)
{
	struct entry_labels labels = provider ? proposal_provider_labels(provider)
					      : (struct entry_labels){0};
	size_t len;
	const char *record = proposal_record(p, profile, &len);
	char *safe = NULL;
	if (form == ENTRY_FORM_FIELDS) {
		if (!(safe = textsafe_escape(record, len, 0)))
			return NULL;
		record = safe;
		len = strlen(safe);
	}
	struct entry e = {
		.labels = provider ? &labels : NULL,
		.name = p->zone.rel[0] ? p->zone.rel : "@",
		.value = record,
		.value_len = len,
		.with_ttl = with_ttl,
		.ttl = profile->ttl,
	};
	char *text = entry_format(&e, form);
	free(safe);
	return text;
}

bool
proposal_template_strict(const struct proposal *p, const struct profile *profile)
{
	size_t len;
	const char *record = proposal_record(p, profile, &len);
	return p->merge.action == MERGE_NEW && len >= 5 && strcmp(record + len - 5, " -all") == 0;
}

const char *
proposal_mx_note(const struct proposal *p, const char *domain, char *buf, size_t size)
{
	if (p->outcome != PROPOSAL_PUBLISH || p->merge.action != MERGE_NEW || !p->merge.mx_dropped)
		return NULL;
	snprintf(buf, size,
		 _("Ohne „mx“: Für %s gibt es keinen Mailserver-Eintrag (MX), „mx“ würde nichts "
		   "erlauben und eine Abfrage kosten."),
		 domain);
	return buf;
}

const char *
proposal_strict_note(const struct proposal *p, const struct profile *profile,
		     const char *domain, char *buf, size_t size)
{
	if (!proposal_template_strict(p, profile))
		return NULL;
	if (p->merge.mx_dropped)
		snprintf(buf, size,
			 _("Hinweis: Mit „-all“ darf nur %s E-Mails für %s senden. Versenden Sie "
			   "auch über einen anderen Server (z. B. den SMTP-Server Ihres "
			   "E-Mail-Anbieters), muss dieser ebenfalls in den Eintrag."),
			 profile->sender_name, domain);
	else
		snprintf(buf, size,
			 _("Hinweis: Mit „-all“ dürfen nur die Mailserver Ihrer Domain (mx) und %s "
			   "E-Mails für %s senden. Versenden Sie auch über einen anderen Server "
			   "(z. B. den SMTP-Server Ihres E-Mail-Anbieters), muss dieser ebenfalls "
			   "in den Eintrag."),
			 profile->sender_name, domain);
	return buf;
}
