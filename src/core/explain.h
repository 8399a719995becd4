/* explain.h — SPF results, errors and DNS states in plain German (gettext),
 * for the command line and the wizard alike. Anything that came from DNS is
 * passed through textsafe before it is put into a sentence. */
#pragma once

#include <stddef.h>

#include "dns_seam.h"
#include "spf_check.h"
#include "spf_parse.h"

/* "keine Antwort (Zeitüberschreitung)", … */
const char *explain_dns_status(enum dns_status status);

/* What is wrong, without where: "unbekannter Mechanismus", … */
const char *explain_parse_reason(enum spf_parse_reason reason);

/* "Fehler im SPF-Eintrag bei Zeichen 23: unbekannter Mechanismus („moo“)."
 * RECORD/LEN is the record the error refers to. Returns BUF. */
const char *explain_parse_error(const char *record, size_t len, const struct spf_parse_error *err,
				char *buf, size_t size);

/* One sentence on what OUTCOME means for IP sending as DOMAIN, and for
 * temperror/permerror, why. Returns BUF. */
const char *explain_outcome(const struct spf_outcome *outcome, const char *ip, const char *domain,
			    char *buf, size_t size);
