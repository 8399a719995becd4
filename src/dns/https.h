/* https.h — one HTTPS GET for Domain Connect (libcurl), under the same rules
 * as every DNS lookup of the program: the URL's host is resolved through
 * the program's own resolver (the seam), so that --resolver governs it too,
 * and handed to libcurl (CURLOPT_RESOLVE); libcurl itself resolves nothing
 * and uses no proxy. Only https, the certificate always verified (against
 * the system's CA store, or the file SSL_CERT_FILE names), no redirect
 * followed, the answer's size capped, one time-out for the whole request.
 * Everything that comes back is untrusted. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dns_seam.h"

enum https_status {
	HTTPS_OK,            /* an answer came: see code (any status, redirects included) */
	HTTPS_BAD_URL,       /* not an https URL with a host name (dconnect_url_check) */
	HTTPS_NO_ADDRESS,    /* the host has no A or AAAA record (NXDOMAIN, no data) */
	HTTPS_DNS_FAILED,    /* the resolver gave no answer about the host */
	HTTPS_CONNECT,       /* no connection to any of its addresses */
	HTTPS_TLS,           /* the TLS handshake failed, or the certificate is not trusted
	                      * for the host */
	HTTPS_TIMEOUT,       /* no whole answer before the time-out */
	HTTPS_TOO_BIG,       /* the body is longer than max_bytes */
	HTTPS_FAILED,        /* anything else libcurl reports (a broken answer, ...) */
	HTTPS_NO_MEMORY,
};

struct https_request {
	const char *url;
	const struct dns_seam *seam; /* resolves the URL's host (A and AAAA) */
	unsigned timeout_ms;         /* for the whole request */
	size_t max_bytes;            /* the longest body taken */
};

struct https_response {
	long code;    /* the HTTP status, 0 when none came */
	char *body;   /* NUL-terminated (may hold NUL bytes before len); NULL when empty */
	size_t len;
};

/* GETs REQ->url into *out (free with https_response_clear). */
enum https_status https_get(const struct https_request *req, struct https_response *out);

void https_response_clear(struct https_response *r);

/* A short stable name for STATUS ("ok", "tls", "timeout", ...), for JSON. */
const char *https_status_name(enum https_status status);
