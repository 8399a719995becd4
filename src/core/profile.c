/* profile.c — see profile.h. Read with inih, validated here. */
#include "profile.h"

#include "address.h"
#include "iniline.h"
#include "i18n.h"
#include "spf_parse.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct loader {
	struct profile *profile;
	struct profile_problem *problem;
	FILE *file;
	unsigned line;     /* the line the reader handed out last */
	bool long_line;    /* that line did not fit */
	bool have_ttl;
};

static void
set_problem(struct loader *ld, enum profile_error error, const char *section, const char *key)
{
	if (ld->problem->error != PROFILE_OK)
		return; /* the first problem is the one to fix first */
	ld->problem->error = error;
	ld->problem->line = ld->line;
	snprintf(ld->problem->section, sizeof(ld->problem->section), "%s", section ? section : "");
	snprintf(ld->problem->key, sizeof(ld->problem->key), "%s", key ? key : "");
}

/* inih's reader: one line per call (iniline.h), counted, so that the
 * handler knows where it is. */
static char *
read_line(char *str, int num, void *stream)
{
	struct loader *ld = stream;
	enum iniline_state state;
	if (!iniline_read(ld->file, str, num, &state))
		return NULL;
	bool too_long = state == INILINE_TOO_LONG, nul = state == INILINE_NUL;
	ld->line++;
	if (too_long) {
		ld->long_line = true;
		set_problem(ld, PROFILE_LINE_TOO_LONG, NULL, NULL);
	} else if (nul) {
		ld->long_line = true; /* nothing from this line reaches the handler */
		set_problem(ld, PROFILE_SYNTAX, NULL, NULL);
	} else {
		ld->long_line = false;
	}
	return str;
}

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
set_string(struct loader *ld, char **slot, const char *section, const char *key,
	   const char *value)
{
	if (*slot) {
		set_problem(ld, PROFILE_DUPLICATE_KEY, section, key);
		return false;
	}
	if (!value[0]) {
		set_problem(ld, PROFILE_BAD_VALUE, section, key);
		return false;
	}
	*slot = strdup(value);
	if (!*slot) {
		set_problem(ld, PROFILE_NO_MEMORY, section, key);
		return false;
	}
	return true;
}

static bool
handle_sender(struct loader *ld, const char *key, const char *value)
{
	struct profile *p = ld->profile;
	if (strcmp(key, "name") == 0)
		return set_string(ld, &p->sender_name, "sender", key, value);
	if (strcmp(key, "domain") == 0) {
		struct address addr;
		struct address_problem problem;
		bool ok = address_parse(value, &addr, &problem) && !addr.local &&
			  strcmp(addr.domain, value) == 0;
		address_clear(&addr);
		if (!ok) {
			set_problem(ld, PROFILE_BAD_VALUE, "sender", key);
			return false;
		}
		return set_string(ld, &p->sender_domain, "sender", key, value);
	}
	set_problem(ld, PROFILE_UNKNOWN_KEY, "sender", key);
	return false;
}

static bool
handle_spf(struct loader *ld, const char *key, const char *value)
{
	struct profile *p = ld->profile;
	if (strcmp(key, "merge") == 0) {
		char *copy = strdup(value), *save = NULL;
		bool ok = copy != NULL;
		if (p->nmerge_terms) {
			set_problem(ld, PROFILE_DUPLICATE_KEY, "spf", key);
			ok = false;
		}
		for (char *t = ok ? strtok_r(copy, " \t", &save) : NULL; t && ok;
		     t = strtok_r(NULL, " \t", &save)) {
			if (!valid_term(t)) {
				set_problem(ld, PROFILE_BAD_VALUE, "spf", key);
				ok = false;
			} else if (p->nmerge_terms == PROFILE_MAX_TERMS) {
				set_problem(ld, PROFILE_TOO_MANY, "spf", key);
				ok = false;
			} else if (!(p->merge_terms[p->nmerge_terms++] = strdup(t))) {
				set_problem(ld, PROFILE_NO_MEMORY, "spf", key);
				ok = false;
			}
		}
		if (ok && p->nmerge_terms == 0) {
			set_problem(ld, PROFILE_BAD_VALUE, "spf", key);
			ok = false;
		}
		free(copy);
		return ok;
	}
	if (strcmp(key, "template") == 0) {
		if (!valid_record(value)) {
			set_problem(ld, PROFILE_BAD_VALUE, "spf", key);
			return false;
		}
		return set_string(ld, &p->template_record, "spf", key, value);
	}
	if (strcmp(key, "ttl") == 0) {
		char *end;
		if (ld->have_ttl) {
			set_problem(ld, PROFILE_DUPLICATE_KEY, "spf", key);
			return false;
		}
		ld->have_ttl = true;
		errno = 0;
		unsigned long ttl = strtoul(value, &end, 10);
		/* RFC 2181 8: a TTL is at most 2^31 - 1. */
		if (errno || end == value || *end || value[0] == '-' || ttl > 2147483647UL) {
			set_problem(ld, PROFILE_BAD_VALUE, "spf", key);
			return false;
		}
		p->ttl = ttl;
		return true;
	}
	set_problem(ld, PROFILE_UNKNOWN_KEY, "spf", key);
	return false;
}

static bool
handle_alias(struct loader *ld, struct profile_alias *alias, const char *section, const char *key,
	     const char *value)
{
	if (strcmp(key, "summary") == 0)
		return set_string(ld, &alias->summary, section, key, value);
	if (strcmp(key, "recipients") == 0)
		return set_string(ld, &alias->recipients, section, key, value);
	if (strcmp(key, "replies") == 0)
		return set_string(ld, &alias->replies, section, key, value);
	if (strcmp(key, "step") == 0) {
		if (alias->nsteps == PROFILE_MAX_STEPS) {
			set_problem(ld, PROFILE_TOO_MANY, section, key);
			return false;
		}
		return set_string(ld, &alias->steps[alias->nsteps++], section, key, value);
	}
	set_problem(ld, PROFILE_UNKNOWN_KEY, section, key);
	return false;
}

static int
handle(void *user, const char *section, const char *key, const char *value)
{
	struct loader *ld = user;
	bool ok;

	if (ld->long_line)
		return 0;
	if (strcmp(section, "sender") == 0)
		ok = handle_sender(ld, key, value);
	else if (strcmp(section, "spf") == 0)
		ok = handle_spf(ld, key, value);
	else if (strcmp(section, "alias") == 0)
		ok = handle_alias(ld, &ld->profile->alias_de, section, key, value);
	else if (strcmp(section, "alias.en") == 0)
		ok = handle_alias(ld, &ld->profile->alias_en, section, key, value);
	else {
		set_problem(ld, PROFILE_UNKNOWN_SECTION, section, NULL);
		ok = false;
	}
	return ok ? 1 : 0;
}

static bool
require(struct profile_problem *problem, const void *value, const char *section, const char *key)
{
	if (value)
		return true;
	problem->error = PROFILE_MISSING_KEY;
	problem->line = 0;
	snprintf(problem->section, sizeof(problem->section), "%s", section);
	snprintf(problem->key, sizeof(problem->key), "%s", key);
	return false;
}

static bool
require_alias(struct profile_problem *problem, const struct profile_alias *a, const char *section)
{
	return require(problem, a->summary, section, "summary") &&
	       require(problem, a->nsteps ? a->steps[0] : NULL, section, "step") &&
	       require(problem, a->recipients, section, "recipients") &&
	       require(problem, a->replies, section, "replies");
}

bool
profile_load(const char *path, struct profile *out, struct profile_problem *problem)
{
	struct loader ld = {.profile = out, .problem = problem};

	*out = (struct profile){0};
	*problem = (struct profile_problem){.error = PROFILE_OK};
	static const enum profile_error errors[] = {
		[INILINE_MISSING] = PROFILE_NOT_FOUND, [INILINE_UNREADABLE] = PROFILE_UNREADABLE,
		[INILINE_SYNTAX] = PROFILE_SYNTAX, [INILINE_NO_MEMORY] = PROFILE_NO_MEMORY};
	struct iniline_job job = {.path = path, .file = &ld.file, .reader = read_line,
				  .handler = handle, .ctx = &ld, .lines_read = &ld.line,
				  .own_line = &problem->line};
	unsigned line;
	enum iniline_outcome o = iniline_parse(&job, &line);
	if (o != INILINE_DONE)
		*problem = (struct profile_problem){.error = errors[o], .line = line};
	if (o == INILINE_MISSING)
		return false;
	if (problem->error == PROFILE_OK) {
		(void)(require(problem, out->sender_name, "sender", "name") &&
		       require(problem, out->sender_domain, "sender", "domain") &&
		       require(problem, out->nmerge_terms ? out->merge_terms[0] : NULL, "spf",
			       "merge") &&
		       require(problem, out->template_record, "spf", "template") &&
		       require(problem, ld.have_ttl ? "" : NULL, "spf", "ttl") &&
		       require_alias(problem, &out->alias_de, "alias") &&
		       require_alias(problem, &out->alias_en, "alias.en"));
	}
	if (problem->error == PROFILE_OK && !(out->path = strdup(path)))
		problem->error = PROFILE_NO_MEMORY;
	if (problem->error != PROFILE_OK) {
		profile_clear(out);
		return false;
	}
	return true;
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
	*p = (struct profile){0};
}

const struct profile_alias *
profile_alias_for(const struct profile *profile, const char *lang)
{
	return lang && strcmp(lang, "en") == 0 ? &profile->alias_en : &profile->alias_de;
}

const char *
profile_problem_message(const struct profile_problem *pr, const char *path, char *buf,
			size_t size)
{
	switch (pr->error) {
	case PROFILE_OK:
		snprintf(buf, size, "%s", "");
		break;
	case PROFILE_NOT_FOUND:
		snprintf(buf, size, _("Die Profildatei %s gibt es nicht."), path);
		break;
	case PROFILE_UNREADABLE:
		snprintf(buf, size, _("Die Profildatei %s lässt sich nicht lesen."), path);
		break;
	case PROFILE_SYNTAX:
		snprintf(buf, size,
			 _("%s, Zeile %u: Diese Zeile ist weder [Abschnitt] noch Schlüssel = Wert."),
			 path, pr->line);
		break;
	case PROFILE_LINE_TOO_LONG:
		snprintf(buf, size, _("%s, Zeile %u: Die Zeile ist zu lang (höchstens 199 Bytes)."),
			 path, pr->line);
		break;
	case PROFILE_UNKNOWN_SECTION:
		snprintf(buf, size, _("%s, Zeile %u: unbekannter Abschnitt [%s]."), path, pr->line,
			 pr->section);
		break;
	case PROFILE_UNKNOWN_KEY:
		snprintf(buf, size, _("%s, Zeile %u: unbekannter Schlüssel „%s“ in [%s]."), path,
			 pr->line, pr->key, pr->section);
		break;
	case PROFILE_DUPLICATE_KEY:
		snprintf(buf, size, _("%s, Zeile %u: „%s“ steht in [%s] mehr als einmal."), path,
			 pr->line, pr->key, pr->section);
		break;
	case PROFILE_BAD_VALUE:
		snprintf(buf, size, _("%s, Zeile %u: ungültiger Wert für „%s“ in [%s]."), path,
			 pr->line, pr->key, pr->section);
		break;
	case PROFILE_TOO_MANY:
		snprintf(buf, size, _("%s, Zeile %u: zu viele Einträge „%s“ in [%s]."), path,
			 pr->line, pr->key, pr->section);
		break;
	case PROFILE_MISSING_KEY:
		snprintf(buf, size, _("%s: In [%s] fehlt der Schlüssel „%s“."), path, pr->section,
			 pr->key);
		break;
	case PROFILE_NO_MEMORY:
		snprintf(buf, size, "%s", _("Nicht genug Arbeitsspeicher."));
		break;
	}
	return buf;
}
