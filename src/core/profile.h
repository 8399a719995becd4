/* profile.h — the sender profile (data/flicono.profile): who sends, what the
 * customer's SPF record must allow, and the alias-mode texts. When Flicono's
 * addresses change, only the profile changes. */
#pragma once

#include "inifile.h"

#include <stdbool.h>
#include <stddef.h>

enum { PROFILE_MAX_STEPS = 8, PROFILE_MAX_TERMS = 8 };

/* The alias-mode texts of one language. */
struct profile_alias {
	char *summary;                   /* one sentence: what alias mode means */
	char *steps[PROFILE_MAX_STEPS];  /* how to switch it on in Flicono */
	size_t nsteps;
	char *recipients;                /* what recipients will see */
	char *replies;                   /* that replies are forwarded */
};

/* Domain Connect ([domain_connect]): Flicono's template at the DNS
 * providers, and the key that signs the apply link. Every member NULL when
 * the section is absent; provider_id and service_id come together, and so
 * do key_file and key_host, which need them. */
struct profile_dconnect {
	char *provider_id; /* the template's providerId ("flicono.net"): 1-64 of [A-Za-z0-9._-] */
	char *service_id;  /* the template's serviceId ("spf"), the same characters */
	/* The PEM RSA private key, as an absolute path or relative to the
	 * profile's directory (made absolute on loading); NULL: no key, so no
	 * apply link (the control-panel link only). */
	char *key_file;
	/* The host of the public key's TXT record under the template's
	 * syncPubKeyDomain (the apply link's key=, e.g. "_dck1"): LDH labels,
	 * each of which may begin with one "_"; required with key_file. */
	char *key_host;
};

struct profile {
	char *path;
	char *sender_name;   /* "Flicono" */
	char *sender_domain; /* "flicono.net" */
	/* The terms merged into an existing record: "ip4:…", "ip6:…". */
	char *merge_terms[PROFILE_MAX_TERMS];
	size_t nmerge_terms;
	char *template_record; /* the record for a domain without SPF */
	unsigned long ttl;     /* the TTL proposed with the entry */
	struct profile_alias alias_de, alias_en;
	struct profile_dconnect dconnect;
};

/* Loads PATH into *out. On failure returns false with *problem filled (its
 * message: inifile_problem_message()) and *out empty. Every required key
 * is checked, and every value validated; a required key that is absent is
 * a problem without a line. */
bool profile_load(const char *path, struct profile *out, struct inifile_problem *problem);

/* Frees what *profile holds; NULL is a no-op. */
void profile_clear(struct profile *profile);

struct spf_ip;
/* The address an "ip4:…" or "ip6:…" profile term authorises (its network
 * address), for check_host(). False for anything else. */
bool profile_term_address(const char *term, struct spf_ip *ip);

/* The alias texts for LANG ("de" or "en"; anything else gives German). */
const struct profile_alias *profile_alias_for(const struct profile *profile, const char *lang);
