/* dns_seam.c — the small helpers that every implementation of the seam shares. */
#include "dns_seam.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void
dns_rrset_clear(struct dns_rrset *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->count; i++)
		free(set->records[i].data);
	free(set->records);
	*set = (struct dns_rrset)DNS_RRSET_INIT;
}

bool
dns_rrset_add(struct dns_rrset *set, const void *data, size_t len, uint32_t ttl, uint16_t pref)
{
	unsigned char *copy = malloc(len + 1);
	if (!copy)
		return false;
	if (len)
		memcpy(copy, data, len);
	copy[len] = '\0';
	struct dns_record *grown = realloc(set->records, (set->count + 1) * sizeof(*grown));
	if (!grown) {
		free(copy);
		return false;
	}
	set->records = grown;
	set->records[set->count++] = (struct dns_record){
		.ttl = ttl, .pref = pref, .len = len, .data = copy, .nstrings = 0};
	if (set->count == 1 || ttl < set->ttl)
		set->ttl = ttl;
	set->status = DNS_STATUS_OK;
	return true;
}

bool
dns_status_failed(enum dns_status status)
{
	return status == DNS_STATUS_TIMEOUT || status == DNS_STATUS_SERVFAIL ||
	       status == DNS_STATUS_REFUSED || status == DNS_STATUS_UNREACHABLE;
}

const char *
dns_status_name(enum dns_status status)
{
	switch (status) {
	case DNS_STATUS_OK: return "ok";
	case DNS_STATUS_NODATA: return "nodata";
	case DNS_STATUS_NXDOMAIN: return "nxdomain";
	case DNS_STATUS_TIMEOUT: return "timeout";
	case DNS_STATUS_SERVFAIL: return "servfail";
	case DNS_STATUS_BADNAME: return "badname";
	case DNS_STATUS_REFUSED: return "refused";
	case DNS_STATUS_UNREACHABLE: return "unreachable";
	}
	return "unknown";
}

static enum dns_status
overlay_lookup(void *ctx, const char *name, enum dns_type type, struct dns_rrset *out)
{
	struct dns_overlay *o = ctx;
	if (type != DNS_TYPE_TXT || strcasecmp(name, o->name) != 0)
		return o->base->lookup(o->base->ctx, name, type, out);
	for (size_t i = 0; i < o->txt->count; i++)
		if (!dns_rrset_add(out, o->txt->records[i].data, o->txt->records[i].len,
				   o->txt->records[i].ttl, 0))
			return out->status = DNS_STATUS_SERVFAIL;
	out->status = o->txt->count ? DNS_STATUS_OK : o->txt->status;
	out->ttl = o->txt->ttl;
	return out->status;
}

struct dns_seam
dns_overlay_seam(struct dns_overlay *overlay)
{
	return (struct dns_seam){.lookup = overlay_lookup, .ctx = overlay};
}
