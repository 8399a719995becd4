/* zone.c — see zone.h. */
#include "zone.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *
zone_parent(const char *name)
{
	const char *dot = strchr(name, '.');
	return dot && dot[1] ? dot + 1 : NULL;
}

static void
fill(const char *domain, const char *zone, struct zone *out)
{
	snprintf(out->name, sizeof(out->name), "%s", zone);
	if (zone == domain)
		snprintf(out->rel, sizeof(out->rel), "@");
	else
		snprintf(out->rel, sizeof(out->rel), "%.*s", (int)(zone - domain - 1), domain);
}

bool
zone_judge(const char *domain, const char *candidate, bool answered, enum dns_status soa,
	   struct zone *out, enum zone_status *status)
{
	bool first = candidate == domain;
	if (!answered || dns_status_failed(soa)) {
		/* Without an answer for the domain itself nothing is known; a
		 * parent that fails is as good as none. */
		*status = first ? ZONE_RESOLVER_DOWN : ZONE_NONE;
		return true;
	}
	if (soa == DNS_STATUS_OK) {
		fill(domain, candidate, out);
		*status = ZONE_FOUND;
		return true;
	}
	*status = ZONE_NONE;
	return zone_parent(candidate) == NULL;
}

bool
zone_domain_missing(const char *zone, const char *org_domain, enum dns_status org_soa)
{
	if (!org_domain || org_soa != DNS_STATUS_NXDOMAIN)
		return false;
	/* ZONE a proper suffix of ORG_DOMAIN, at a label boundary. */
	size_t z = strlen(zone), o = strlen(org_domain);
	return z < o && org_domain[o - z - 1] == '.' && strcasecmp(org_domain + o - z, zone) == 0;
}

enum zone_status
zone_find(const struct dns_seam *seam, const char *domain, struct zone *out)
{
	enum zone_status status = ZONE_NONE;
	for (const char *name = domain; name && *name; name = zone_parent(name)) {
		struct dns_rrset set = DNS_RRSET_INIT;
		enum dns_status st = seam->lookup(seam->ctx, name, DNS_TYPE_SOA, &set);
		dns_rrset_clear(&set);
		if (zone_judge(domain, name, true, st, out, &status))
			break;
	}
	return status;
}

/* The word at *S (up to a space) into BUF; *S moves past it and one space. */
static bool
soa_word(const char **s, char *buf, size_t size)
{
	size_t n = strcspn(*s, " ");
	if (n == 0 || n >= size)
		return false;
	memcpy(buf, *s, n);
	buf[n] = '\0';
	*s += n + ((*s)[n] == ' ');
	return true;
}

bool
zone_soa_names(const char *soa, char *mname, char *rname, size_t size)
{
	const char *s = soa;
	if (size && soa_word(&s, mname, size) && soa_word(&s, rname, size))
		return true;
	if (size)
		mname[0] = rname[0] = '\0';
	return false;
}

bool
zone_guess(const char *domain, struct zone *out)
{
	const char *last = NULL, *before = NULL;
	for (const char *p = domain; (p = strchr(p, '.')); p++)
		before = last, last = p;
	if (!before) {
		fill(domain, domain, out);
		return false;
	}
	fill(domain, before + 1, out);
	return true;
}
