/* profile.c — see profile.h. Read by the INI loader (inifile.h), validated here. */
#include "profile.h"

#include "address.h"
#include "dname.h"
#include "spf_parse.h"
#include "strbuf.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct loader {
	struct profile *profile;
	const char *path; /* the profile file, as given */
	bool have_ttl;
};

/* One ip4: or ip6: term, exactly as RFC 7208 5.6 writes it. */
static bool
valid_term(const char *term)
{
	char record[128];
	struct spf_record *rec = NULL;
	struct spf_parse_error err;
	int n = snprintf(record, sizeof(record), "v=spf1 %s", term);
	if (n < 0 || (size_t)n >= sizeof(record) || !spf_parse(record, (size_t)n, &rec, &err))
		return false;
	bool ok = rec->nterms == 1 &&
		  (rec->terms[0].kind == SPF_TERM_IP4 || rec->terms[0].kind == SPF_TERM_IP6) &&
		  !rec->terms[0].qualifier_written;
	spf_record_free(rec);
	return ok;
}

bool
profile_term_address(const char *term, struct spf_ip *ip)
{
	enum spf_ip_family family;
	if (strncmp(term, "ip4:", 4) == 0)
		family = SPF_IP_V4;
	else if (strncmp(term, "ip6:", 4) == 0)
		family = SPF_IP_V6;
	else
		return false;
	return spf_ip_parse_family(term + 4, strcspn(term + 4, "/"), family, ip);
}

/* A whole record that parses (RFC 7208 4.5, 4.6). */
static bool
valid_record(const char *text)
{
	struct spf_record *rec = NULL;
	struct spf_parse_error err;
	if (!spf_parse(text, strlen(text), &rec, &err))
		return false;
	spf_record_free(rec);
	return true;
}

static bool
set_string(struct inifile *f, char **slot, const char *section, const char *key,
	   const char *value)
{
	if (*slot)
		return inifile_fail(f, INIFILE_DUPLICATE_KEY, section, key);
	if (!value[0])
		return inifile_fail(f, INIFILE_BAD_VALUE, section, key);
	*slot = strdup(value);
	if (!*slot)
		return inifile_fail(f, INIFILE_NO_MEMORY, section, key);
	return true;
}

static bool
handle_sender(struct inifile *f, const char *key, const char *value)
{
	struct profile *p = ((struct loader *)inifile_ctx(f))->profile;
	if (strcmp(key, "name") == 0)
		return set_string(f, &p->sender_name, "sender", key, value);
	if (strcmp(key, "domain") == 0) {
		struct address addr;
		struct address_problem problem;
		bool ok = address_parse(value, &addr, &problem) && !addr.local &&
			  strcmp(addr.domain, value) == 0;
		address_clear(&addr);
		if (!ok)
			return inifile_fail(f, INIFILE_BAD_VALUE, "sender", key);
		return set_string(f, &p->sender_domain, "sender", key, value);
	}
	return inifile_fail(f, INIFILE_UNKNOWN_KEY, "sender", key);
}

static bool
handle_spf(struct inifile *f, const char *key, const char *value)
{
	struct loader *ld = inifile_ctx(f);
	struct profile *p = ld->profile;
	if (strcmp(key, "merge") == 0) {
		char *copy = strdup(value), *save = NULL;
		bool ok = copy || inifile_fail(f, INIFILE_NO_MEMORY, "spf", key);
		if (ok && p->nmerge_terms)
			ok = inifile_fail(f, INIFILE_DUPLICATE_KEY, "spf", key);
		for (char *t = ok ? strtok_r(copy, " \t", &save) : NULL; t && ok;
		     t = strtok_r(NULL, " \t", &save)) {
			if (!valid_term(t))
				ok = inifile_fail(f, INIFILE_BAD_VALUE, "spf", key);
			else if (p->nmerge_terms == PROFILE_MAX_TERMS)
				ok = inifile_fail(f, INIFILE_TOO_MANY, "spf", key);
			else if (!(p->merge_terms[p->nmerge_terms++] = strdup(t)))
				ok = inifile_fail(f, INIFILE_NO_MEMORY, "spf", key);
		}
		if (ok && p->nmerge_terms == 0)
			ok = inifile_fail(f, INIFILE_BAD_VALUE, "spf", key);
		free(copy);
		return ok;
	}
	if (strcmp(key, "template") == 0) {
		if (!valid_record(value))
			return inifile_fail(f, INIFILE_BAD_VALUE, "spf", key);
		return set_string(f, &p->template_record, "spf", key, value);
	}
	if (strcmp(key, "ttl") == 0) {
		char *end;
		if (ld->have_ttl)
			return inifile_fail(f, INIFILE_DUPLICATE_KEY, "spf", key);
		ld->have_ttl = true;
		errno = 0;
		unsigned long ttl = strtoul(value, &end, 10);
		/* RFC 2181 8: a TTL is at most 2^31 - 1. */
		if (errno || end == value || *end || value[0] == '-' || ttl > 2147483647UL)
			return inifile_fail(f, INIFILE_BAD_VALUE, "spf", key);
		p->ttl = ttl;
		return true;
	}
	return inifile_fail(f, INIFILE_UNKNOWN_KEY, "spf", key);
}

static bool
handle_alias(struct inifile *f, struct profile_alias *alias, const char *section, const char *key,
	     const char *value)
{
	if (strcmp(key, "summary") == 0)
		return set_string(f, &alias->summary, section, key, value);
	if (strcmp(key, "recipients") == 0)
		return set_string(f, &alias->recipients, section, key, value);
	if (strcmp(key, "replies") == 0)
		return set_string(f, &alias->replies, section, key, value);
	if (strcmp(key, "step") == 0) {
		if (alias->nsteps == PROFILE_MAX_STEPS)
			return inifile_fail(f, INIFILE_TOO_MANY, section, key);
		return set_string(f, &alias->steps[alias->nsteps++], section, key, value);
	}
	return inifile_fail(f, INIFILE_UNKNOWN_KEY, section, key);
}

/* A Domain Connect providerId or serviceId: 1-64 of [A-Za-z0-9._-] (the
 * characters the Templates repository's linter allows in its ids and the
 * apply link's path takes unencoded). */
static bool
valid_dc_id(const char *id)
{
	size_t len = strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				"0123456789._-");
	return len >= 1 && len <= 64 && id[len] == '\0';
}

/* The key's host below syncPubKeyDomain (the apply link's key=, e.g.
 * "_dck1"): a host name whose labels may each begin with one "_", as the
 * names that carry data in the DNS do (RFC 8552: "_dmarc", "_domainkey"),
 * and as Domain Connect's own examples name the key. */
static bool
valid_key_host(const char *name)
{
	size_t len = strlen(name);
	char copy[DNAME_TEXT_MAX + 1];
	if (len > DNAME_TEXT_MAX)
		return false;
	memcpy(copy, name, len + 1);
	for (size_t i = 0; i < len; i++)
		if (copy[i] == '_' && (i == 0 || copy[i - 1] == '.') && i + 1 < len &&
		    copy[i + 1] != '.')
			copy[i] = 'u';
	return dname_check(copy, len, DNAME_LDH, NULL) == DNAME_OK;
}

/* FILE made absolute against the directory of PROFILE (itself made
 * absolute against the working directory). New string, or NULL. */
static char *
absolute_to(const char *profile, const char *file)
{
	struct strbuf sb = {0};
	char cwd[PATH_MAX];
	if (file[0] == '/')
		return strdup(file);
	const char *slash = strrchr(profile, '/');
	if (profile[0] != '/') {
		if (!getcwd(cwd, sizeof(cwd)))
			return NULL;
		strbuf_str(&sb, cwd);
		strbuf_str(&sb, "/");
	}
	if (slash)
		strbuf_add(&sb, profile, (size_t)(slash - profile + 1));
	strbuf_str(&sb, file);
	return strbuf_finish(&sb);
}

static bool
handle_dconnect(struct inifile *f, const char *key, const char *value)
{
	struct loader *ld = inifile_ctx(f);
	struct profile_dconnect *dc = &ld->profile->dconnect;
	static const char section[] = "domain_connect";
	if (strcmp(key, "provider_id") == 0 || strcmp(key, "service_id") == 0) {
		if (!valid_dc_id(value))
			return inifile_fail(f, INIFILE_BAD_VALUE, section, key);
		return set_string(f, key[0] == 'p' ? &dc->provider_id : &dc->service_id, section,
				  key, value);
	}
	if (strcmp(key, "key_host") == 0) {
		if (!valid_key_host(value))
			return inifile_fail(f, INIFILE_BAD_VALUE, section, key);
		return set_string(f, &dc->key_host, section, key, value);
	}
	if (strcmp(key, "key_file") == 0) {
		if (dc->key_file)
			return inifile_fail(f, INIFILE_DUPLICATE_KEY, section, key);
		if (!value[0])
			return inifile_fail(f, INIFILE_BAD_VALUE, section, key);
		if (!(dc->key_file = absolute_to(ld->path, value)))
			return inifile_fail(f, INIFILE_NO_MEMORY, section, key);
		return true;
	}
	return inifile_fail(f, INIFILE_UNKNOWN_KEY, section, key);
}

static bool
handle(struct inifile *f, const char *section, const char *key, const char *value)
{
	struct profile *p = ((struct loader *)inifile_ctx(f))->profile;

	if (strcmp(section, "sender") == 0)
		return handle_sender(f, key, value);
	if (strcmp(section, "spf") == 0)
		return handle_spf(f, key, value);
	if (strcmp(section, "alias") == 0)
		return handle_alias(f, &p->alias_de, section, key, value);
	if (strcmp(section, "alias.en") == 0)
		return handle_alias(f, &p->alias_en, section, key, value);
	if (strcmp(section, "domain_connect") == 0)
		return handle_dconnect(f, key, value);
	return inifile_fail(f, INIFILE_UNKNOWN_SECTION, section, NULL);
}

/* A required key that is absent: a problem without a line. */
static bool
require(struct inifile *f, const void *value, const char *section, const char *key)
{
	return value || inifile_fail_at(f, 0, INIFILE_MISSING_KEY, section, key);
}

static bool
require_alias(struct inifile *f, const struct profile_alias *a, const char *section)
{
	return require(f, a->summary, section, "summary") &&
	       require(f, a->nsteps ? a->steps[0] : NULL, section, "step") &&
	       require(f, a->recipients, section, "recipients") &&
	       require(f, a->replies, section, "replies");
}

/* [domain_connect]: provider_id and service_id together; key_file and
 * key_host together, and only with them. */
static bool
require_dconnect(struct inifile *f, const struct profile_dconnect *dc)
{
	static const char section[] = "domain_connect";
	bool ids = dc->provider_id || dc->service_id, key = dc->key_file || dc->key_host;
	if (key && !ids)
		return require(f, NULL, section, "provider_id");
	return (!ids || (require(f, dc->provider_id, section, "provider_id") &&
			 require(f, dc->service_id, section, "service_id"))) &&
	       (!key || (require(f, dc->key_file, section, "key_file") &&
			 require(f, dc->key_host, section, "key_host")));
}

static void
finish(struct inifile *f)
{
	struct loader *ld = inifile_ctx(f);
	const struct profile *p = ld->profile;

	(void)(require(f, p->sender_name, "sender", "name") &&
	       require(f, p->sender_domain, "sender", "domain") &&
	       require(f, p->nmerge_terms ? p->merge_terms[0] : NULL, "spf", "merge") &&
	       require(f, p->template_record, "spf", "template") &&
	       require(f, ld->have_ttl ? "" : NULL, "spf", "ttl") &&
	       require_alias(f, &p->alias_de, "alias") &&
	       require_alias(f, &p->alias_en, "alias.en") && require_dconnect(f, &p->dconnect));
}

static const struct inifile_format format = {
	.kind = INIFILE_PROFILE,
	.key = handle,
	.finish = finish,
};

bool
profile_load(const char *path, struct profile *out, struct inifile_problem *problem)
{
	struct loader ld = {.profile = out, .path = path};

	*out = (struct profile){0};
	bool ok = inifile_load(path, &format, &ld, problem);
	if (ok && !(out->path = strdup(path))) {
		problem->error = INIFILE_NO_MEMORY;
		ok = false;
	}
	if (!ok)
		profile_clear(out);
	return ok;
}

static void
alias_clear(struct profile_alias *a)
{
	free(a->summary);
	for (size_t i = 0; i < a->nsteps; i++)
		free(a->steps[i]);
	free(a->recipients);
	free(a->replies);
}

void
profile_clear(struct profile *p)
{
	if (!p)
		return;
	free(p->path);
	free(p->sender_name);
	free(p->sender_domain);
	for (size_t i = 0; i < p->nmerge_terms; i++)
		free(p->merge_terms[i]);
	free(p->template_record);
	alias_clear(&p->alias_de);
	alias_clear(&p->alias_en);
	free(p->dconnect.provider_id);
	free(p->dconnect.service_id);
	free(p->dconnect.key_file);
	free(p->dconnect.key_host);
	*p = (struct profile){0};
}

const struct profile_alias *
profile_alias_for(const struct profile *profile, const char *lang)
{
	return lang && strcmp(lang, "en") == 0 ? &profile->alias_en : &profile->alias_de;
}
