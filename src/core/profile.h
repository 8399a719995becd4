/* profile.h — the sender profile (data/flicono.profile): who sends, what the
 * customer's SPF record must allow, and the alias-mode texts. When Flicono's
 * addresses change, only the profile changes. */
#pragma once

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
};

enum profile_error {
	PROFILE_OK,
	PROFILE_NOT_FOUND,       /* the file does not exist */
	PROFILE_UNREADABLE,      /* it exists but cannot be read */
	PROFILE_SYNTAX,          /* a line that is neither [section], key = value nor comment */
	PROFILE_LINE_TOO_LONG,   /* over 199 bytes (the INI reader's limit) */
	PROFILE_UNKNOWN_SECTION,
	PROFILE_UNKNOWN_KEY,
	PROFILE_DUPLICATE_KEY,
	PROFILE_BAD_VALUE,       /* see key: a domain, SPF term, record or TTL that is wrong */
	PROFILE_TOO_MANY,        /* more steps or terms than the profile may hold */
	PROFILE_MISSING_KEY,     /* a required key is absent; see section and key */
	PROFILE_NO_MEMORY,
};

struct profile_problem {
	enum profile_error error;
	unsigned line;   /* 1-based; 0 when the problem has no line */
	char section[32];
	char key[32];
};

/* Loads PATH into *out. On failure returns false with *problem filled and
 * *out empty. Every required key is checked, and every value validated. */
bool profile_load(const char *path, struct profile *out, struct profile_problem *problem);

/* Frees what *profile holds; NULL is a no-op. */
void profile_clear(struct profile *profile);

struct spf_ip;
/* The address an "ip4:…" or "ip6:…" profile term authorises (its network
 * address), for check_host(). False for anything else. */
bool profile_term_address(const char *term, struct spf_ip *ip);

/* The alias texts for LANG ("de" or "en"; anything else gives German). */
const struct profile_alias *profile_alias_for(const struct profile *profile, const char *lang);

/* The German message (translated by gettext) for PROBLEM in file PATH. */
const char *profile_problem_message(const struct profile_problem *problem, const char *path,
				    char *buf, size_t size);
