/* dc_discover.h — does the customer's DNS provider speak Domain Connect for
 * the zone, and does it have Flicono's template? The `_domainconnect` TXT
 * record at the zone's root (through the resolver: it is not what the
 * customer changes), the provider's settings over HTTPS (https.h), then the
 * template check; and the signed apply link built from them. The answer and
 * its sentences: src/core/dconnect_answer.h. */
#pragma once

#include <stdbool.h>

#include "dconnect_answer.h"
#include "dns_seam.h"

struct dc_key;
struct profile_dconnect;

struct dc_request {
	const struct dns_seam *seam; /* the resolver: the record and the hosts */
	const char *zone;            /* the sender's zone, A-label, no trailing dot */
	/* Flicono's template; NULL: no template check (DCONNECT_PROVIDER at best). */
	const char *provider_id, *service_id;
	unsigned timeout_ms;         /* for each HTTPS request */
};

/* Fills *out (clear with dconnect_answer_clear). */
void dc_discover(const struct dc_request *req, struct dconnect_answer *out);

/* Everything the front-ends show, at once: what Domain Connect says of
 * ZONE (dc_discover with CFG's template, TIMEOUT_MS per request) into *A,
 * the link to its DNS settings into *CONTROL_PANEL and, with KEY, the
 * apply link for the sender's name REL into *APPLY_URL (each NULL: none;
 * free them, and clear *A with dconnect_answer_clear). */
void dc_find(const struct dns_seam *seam, const struct profile_dconnect *cfg,
	     const struct dc_key *key, const char *zone, const char *rel, unsigned timeout_ms,
	     struct dconnect_answer *a, char **control_panel, char **apply_url);

/* The apply link for ZONE and the sender's name relative to it (REL: "@"
 * or "mail"), signed with KEY: NULL unless A is DCONNECT_TEMPLATE with a
 * urlSyncUX and CFG names a key host, or when signing fails. New string. */
char *dc_apply_link(const struct dconnect_answer *a, const struct profile_dconnect *cfg,
		    const struct dc_key *key, const char *zone, const char *rel);
