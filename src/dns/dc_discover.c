/* dc_discover.c — see dc_discover.h. */
#include "dc_discover.h"

#include "dc_settings.h"
#include "dc_sign.h"
#include "https.h"
#include "profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dc_request {
	const struct dns_seam *seam; /* the resolver: the record and the hosts */
	const char *zone;            /* the sender's zone, A-label, no trailing dot */
	/* Flicono's template; NULL: no template check (DCONNECT_PROVIDER at best). */
	const char *provider_id, *service_id;
	unsigned timeout_ms;         /* for each HTTPS request */
};

/* A template check's answer is a template; a settings answer far less. */
enum { TEMPLATE_MAX_BYTES = 256 * 1024 };

static void
fail(struct dconnect_answer *a, enum dconnect_step step, enum dconnect_failure failure)
{
	a->state = DCONNECT_FAILED;
	a->step = step;
	a->failure = failure;
}

/* The host in the _domainconnect record; else a failure or DCONNECT_NONE. */
static bool
read_record(const struct dc_request *req, struct dconnect_answer *a)
{
	char name[300];
	struct dns_rrset set = DNS_RRSET_INIT;
	snprintf(name, sizeof(name), "_domainconnect.%s", req->zone);
	enum dns_status st = req->seam->lookup(req->seam->ctx, name, DNS_TYPE_TXT, &set);
	bool ok = false;
	if (st == DNS_STATUS_OK) {
		/* One record is the rule; of several (in no fixed order) the
		 * smallest counts, so that every run takes the same. Its text a
		 * host name and nothing else. */
		const struct dns_record *r = &set.records[0];
		for (size_t i = 1; i < set.count; i++)
			if (strcmp((const char *)set.records[i].data, (const char *)r->data) < 0)
				r = &set.records[i];
		size_t len = r->len;
		if (len > 1 && r->data[len - 1] == '.') /* a fully qualified name */
			len--;
		ok = len < sizeof(a->host) && !memchr(r->data, '\0', len);
		if (ok) {
			memcpy(a->host, r->data, len);
			a->host[len] = '\0';
			ok = dconnect_host_ok(a->host);
		}
		if (!ok) {
			a->host[0] = '\0';
			fail(a, DCONNECT_STEP_RECORD, DCONNECT_FAIL_BAD_HOST);
		}
	} else if (dns_status_failed(st)) {
		fail(a, DCONNECT_STEP_RECORD, DCONNECT_FAIL_DNS);
	}
	dns_rrset_clear(&set);
	return ok;
}

static enum dconnect_failure
from_https(enum https_status st)
{
	switch (st) {
	case HTTPS_NO_ADDRESS: return DCONNECT_FAIL_NO_ADDRESS;
	case HTTPS_DNS_FAILED: return DCONNECT_FAIL_HOST_DNS;
	case HTTPS_CONNECT: return DCONNECT_FAIL_CONNECT;
	case HTTPS_TLS: return DCONNECT_FAIL_TLS;
	case HTTPS_TIMEOUT: return DCONNECT_FAIL_TIMEOUT;
	case HTTPS_TOO_BIG: return DCONNECT_FAIL_TOO_BIG;
	case HTTPS_NO_MEMORY: return DCONNECT_FAIL_NO_MEMORY;
	case HTTPS_OK:
	case HTTPS_BAD_URL:
	case HTTPS_FAILED:
		break;
	}
	return DCONNECT_FAIL_OTHER;
}

/* GETs URL; true with RESP->code when an answer came, else a failure in *A. */
static bool
get(const struct dc_request *req, struct dconnect_answer *a, enum dconnect_step step,
    const char *url, size_t max, struct https_response *resp)
{
	if (!url) {
		fail(a, step, DCONNECT_FAIL_NO_MEMORY);
		return false;
	}
	struct https_request hr = {.url = url, .seam = req->seam, .timeout_ms = req->timeout_ms,
				   .max_bytes = max};
	enum https_status st = https_get(&hr, resp);
	dconnect_url_check(url, a->failed_host, sizeof(a->failed_host), NULL);
	if (st == HTTPS_OK)
		return true;
	fail(a, step, from_https(st));
	return false;
}

static void
unexpected(struct dconnect_answer *a, enum dconnect_step step, long code)
{
	fail(a, step, DCONNECT_FAIL_HTTP);
	a->code = code;
}

static void
read_settings(const struct dc_request *req, struct dconnect_answer *a)
{
	struct https_response resp = {0};
	char *url = dconnect_settings_url(a->host, req->zone);
	if (!get(req, a, DCONNECT_STEP_SETTINGS, url, DC_SETTINGS_MAX_BYTES, &resp))
		goto done;
	if (resp.code == 404) { /* the provider does not host the zone */
		a->state = DCONNECT_NONE;
		goto done;
	}
	if (resp.code != 200) {
		unexpected(a, DCONNECT_STEP_SETTINGS, resp.code);
		goto done;
	}
	enum dc_settings_problem p = dc_settings_parse(resp.body ? resp.body : "", resp.len,
						       &a->settings);
	if (p == DC_SETTINGS_OK) {
		a->has_settings = true;
		a->state = DCONNECT_PROVIDER;
	} else {
		fail(a, DCONNECT_STEP_SETTINGS,
		     p == DC_SETTINGS_NO_MEMORY ? DCONNECT_FAIL_NO_MEMORY : DCONNECT_FAIL_MALFORMED);
		snprintf(a->detail, sizeof(a->detail), "%s", dc_settings_problem_name(p));
	}
done:
	https_response_clear(&resp);
	free(url);
}

static void
check_template(const struct dc_request *req, struct dconnect_answer *a)
{
	struct https_response resp = {0};
	char *url = dconnect_template_url(&a->settings, req->provider_id, req->service_id);
	if (get(req, a, DCONNECT_STEP_TEMPLATE, url, TEMPLATE_MAX_BYTES, &resp)) {
		if (resp.code == 200)
			a->state = DCONNECT_TEMPLATE;
		else if (resp.code != 404)
			unexpected(a, DCONNECT_STEP_TEMPLATE, resp.code);
	}
	https_response_clear(&resp);
	free(url);
}

/* Fills *OUT: the record, the settings, the template check. */
static void
discover(const struct dc_request *req, struct dconnect_answer *out)
{
	*out = (struct dconnect_answer){.state = DCONNECT_NONE};
	snprintf(out->zone, sizeof(out->zone), "%s", req->zone);
	out->template_asked = req->provider_id && req->service_id;
	if (!read_record(req, out))
		return;
	read_settings(req, out);
	if (out->state == DCONNECT_PROVIDER && out->template_asked)
		check_template(req, out);
}

/* The apply link for ZONE and REL, signed with KEY; NULL unless A is
 * DCONNECT_TEMPLATE with a urlSyncUX and CFG names a key host. */
static char *
apply_link(const struct dconnect_answer *a, const struct profile_dconnect *cfg,
	   const struct dc_key *key, const char *zone, const char *rel)
{
	if (a->state != DCONNECT_TEMPLATE || !a->settings.url_sync_ux || !key ||
	    !cfg->key_host)
		return NULL;
	char *query = dconnect_apply_query(zone, rel);
	char *sig = query ? dc_sign(key, query, strlen(query)) : NULL;
	char *url = sig ? dconnect_apply_url(&a->settings, cfg->provider_id, cfg->service_id,
					     query, sig, cfg->key_host)
			: NULL;
	free(sig);
	free(query);
	return url;
}

void
dc_find(const struct dns_seam *seam, const struct profile_dconnect *cfg, const struct dc_key *key,
	const char *zone, const char *rel, unsigned timeout_ms, struct dconnect_answer *a,
	char **control_panel, char **apply_url)
{
	struct dc_request req = {.seam = seam, .zone = zone, .provider_id = cfg->provider_id,
				 .service_id = cfg->service_id, .timeout_ms = timeout_ms};
	discover(&req, a);
	*control_panel = a->has_settings ? dconnect_control_panel(&a->settings, zone) : NULL;
	*apply_url = apply_link(a, cfg, key, zone, rel);
}
