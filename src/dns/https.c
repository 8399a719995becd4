/* https.c — see https.h. */
#include "https.h"

#include "config.h"
#include "dconnect.h"

#include <curl/curl.h>

#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ADDRESSES = 8 };

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static bool global_ok;

/* libcurl's global set-up is not safe to race with other threads: once. */
static void
global_init(void)
{
	global_ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

struct sink {
	struct https_response *out;
	size_t max;
	bool too_big;
};

static size_t
take(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct sink *s = userdata;
	size_t n = size * nmemb;
	if (n > s->max - s->out->len) {
		s->too_big = true;
		return 0; /* libcurl stops with CURLE_WRITE_ERROR */
	}
	char *grown = realloc(s->out->body, s->out->len + n + 1);
	if (!grown)
		return 0;
	memcpy(grown + s->out->len, data, n);
	s->out->len += n;
	grown[s->out->len] = '\0';
	s->out->body = grown;
	return n;
}

/* "HOST:PORT:ADDR,ADDR…" for CURLOPT_RESOLVE, from the seam's A and AAAA
 * answers. */
static enum https_status
resolve_entry(const struct dns_seam *seam, const char *host, unsigned port, char *buf,
	      size_t size)
{
	static const enum dns_type types[] = {DNS_TYPE_A, DNS_TYPE_AAAA};
	size_t used = (size_t)snprintf(buf, size, "%s:%u:", host, port);
	size_t naddr = 0;
	bool failed = false;
	for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
		struct dns_rrset set = DNS_RRSET_INIT;
		enum dns_status st = seam->lookup(seam->ctx, host, types[t], &set);
		failed |= dns_status_failed(st);
		for (size_t i = 0; st == DNS_STATUS_OK && i < set.count && naddr < MAX_ADDRESSES;
		     i++) {
			const struct dns_record *r = &set.records[i];
			char text[INET6_ADDRSTRLEN];
			bool v6 = types[t] == DNS_TYPE_AAAA;
			if (r->len != (v6 ? 16u : 4u) ||
			    !inet_ntop(v6 ? AF_INET6 : AF_INET, r->data, text, sizeof(text)))
				continue;
			int n = snprintf(buf + used, size - used, v6 ? "%s[%s]" : "%s%s",
					 naddr ? "," : "", text);
			if (n < 0 || (size_t)n >= size - used)
				break;
			used += (size_t)n;
			naddr++;
		}
		dns_rrset_clear(&set);
	}
	if (naddr)
		return HTTPS_OK;
	return failed ? HTTPS_DNS_FAILED : HTTPS_NO_ADDRESS;
}

static enum https_status
from_curl(CURLcode rc, const struct sink *sink)
{
	switch (rc) {
	case CURLE_OK:
		return HTTPS_OK;
	case CURLE_WRITE_ERROR:
	case CURLE_FILESIZE_EXCEEDED:
		return sink->too_big || rc == CURLE_FILESIZE_EXCEEDED ? HTTPS_TOO_BIG
								      : HTTPS_NO_MEMORY;
	case CURLE_OUT_OF_MEMORY:
		return HTTPS_NO_MEMORY;
	case CURLE_COULDNT_CONNECT:
		return HTTPS_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return HTTPS_TIMEOUT;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
		return HTTPS_TLS;
	default:
		return HTTPS_FAILED;
	}
}

enum https_status
https_get(const struct https_request *req, struct https_response *out)
{
	char host[256];
	unsigned port;
	char entry[256 + 16 + MAX_ADDRESSES * (INET6_ADDRSTRLEN + 3)];
	*out = (struct https_response){0};
	if (!dconnect_url_check(req->url, host, sizeof(host), &port))
		return HTTPS_BAD_URL;
	enum https_status st = resolve_entry(req->seam, host, port, entry, sizeof(entry));
	if (st != HTTPS_OK)
		return st;
	pthread_once(&global_once, global_init);
	if (!global_ok)
		return HTTPS_NO_MEMORY;

	CURL *curl = curl_easy_init();
	struct curl_slist *resolve = curl_slist_append(NULL, entry);
	struct sink sink = {.out = out, .max = req->max_bytes};
	const char *ca_file = getenv("SSL_CERT_FILE");
	CURLcode rc = CURLE_OUT_OF_MEMORY;
	if (!curl || !resolve)
		goto done;
	/* Each option either holds or the request is not made. */
	if (curl_easy_setopt(curl, CURLOPT_URL, req->url) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https") != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "https") != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_RESOLVE, resolve) != CURLE_OK ||
	    /* A proxy would resolve the host itself, past --resolver. */
	    curl_easy_setopt(curl, CURLOPT_PROXY, "") != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK ||
	    (ca_file && ca_file[0] &&
	     curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file) != CURLE_OK) ||
	    /* 0 would be no time-out at all. */
	    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)(req->timeout_ms ? req->timeout_ms : 1)) !=
		    CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)req->max_bytes) !=
		    CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_USERAGENT, PACKAGE "/" VERSION) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, take) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink) != CURLE_OK)
		goto done;
	rc = curl_easy_perform(curl);
	if (rc == CURLE_OK)
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out->code);
done:
	curl_slist_free_all(resolve);
	curl_easy_cleanup(curl);
	st = from_curl(rc, &sink);
	if (st != HTTPS_OK)
		https_response_clear(out);
	return st;
}

void
https_response_clear(struct https_response *r)
{
	if (!r)
		return;
	free(r->body);
	*r = (struct https_response){0};
}

const char *
https_status_name(enum https_status status)
{
	switch (status) {
	case HTTPS_OK: return "ok";
	case HTTPS_BAD_URL: return "bad-url";
	case HTTPS_NO_ADDRESS: return "no-address";
	case HTTPS_DNS_FAILED: return "dns-failed";
	case HTTPS_CONNECT: return "connect";
	case HTTPS_TLS: return "tls";
	case HTTPS_TIMEOUT: return "timeout";
	case HTTPS_TOO_BIG: return "too-big";
	case HTTPS_FAILED: return "failed";
	case HTTPS_NO_MEMORY: return "no-memory";
	}
	return "?";
}
