/* fake-seam.c — see fake-seam.h. A name exists when any record has it. */
#include "fake-seam.h"

#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

void
fake_add(struct fake_zone *z, const char *name, enum dns_type type, const char *data)
{
	z->rr[z->n].name = name;
	z->rr[z->n].type = type;
	z->rr[z->n].data = data;
	z->n++;
}

static enum dns_status
lookup(void *ctx, const char *name, enum dns_type type, struct dns_rrset *out)
{
	struct fake_zone *z = ctx;
	bool exists = false;
	z->lookups++;
	if (z->timeout_name && strcasecmp(name, z->timeout_name) == 0)
		return out->status = DNS_STATUS_TIMEOUT;
	for (size_t i = 0; i < z->n; i++) {
		if (strcasecmp(z->rr[i].name, name) != 0)
			continue;
		exists = true;
		if (z->rr[i].type != type)
			continue;
		unsigned char bin[16];
		if (type == DNS_TYPE_A && inet_pton(AF_INET, z->rr[i].data, bin) == 1)
			dns_rrset_add(out, bin, 4, 300, 0);
		else if (type == DNS_TYPE_AAAA && inet_pton(AF_INET6, z->rr[i].data, bin) == 1)
			dns_rrset_add(out, bin, 16, 300, 0);
		else
			dns_rrset_add(out, z->rr[i].data, strlen(z->rr[i].data), 300, z->rr[i].pref);
	}
	if (out->count)
		return out->status = DNS_STATUS_OK;
	return out->status = exists ? DNS_STATUS_NODATA : DNS_STATUS_NXDOMAIN;
}

struct dns_seam
fake_seam(struct fake_zone *z)
{
	return (struct dns_seam){.lookup = lookup, .ctx = z};
}
