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

/* Everything the front-ends show, at once: what Domain Connect says of
 * ZONE (with CFG's template; TIMEOUT_MS per HTTPS request) into *A, the
 * link to its DNS settings into *CONTROL_PANEL and, with KEY, the apply
 * link for the sender's name REL ("@", "mail") into *APPLY_URL: only where
 * the provider has the template and a urlSyncUX and CFG names a key host
 * (each NULL: none; free them, and clear *A with dconnect_answer_clear). */
void dc_find(const struct dns_seam *seam, const struct profile_dconnect *cfg,
	     const struct dc_key *key, const char *zone, const char *rel, unsigned timeout_ms,
	     struct dconnect_answer *a, char **control_panel, char **apply_url);
