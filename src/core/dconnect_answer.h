/* dconnect_answer.h — what Domain Connect discovery found for a zone
 * (src/dns/dc_discover.c fills it), and its sentences, computed once for
 * `connect`, `show`, `note` and the wizard (German msgids). Everything in
 * it that came from the network is made safe (textsafe_escape) before it
 * is put into a sentence. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dconnect.h"

enum dconnect_state {
	DCONNECT_NONE,     /* no Domain Connect for the zone: no _domainconnect record,
	                    * or the provider's settings answer 404 (it does not host it) */
	DCONNECT_PROVIDER, /* settings read; Flicono's template is not enabled there,
	                    * or the profile names no template to ask for */
	DCONNECT_TEMPLATE, /* settings read and Flicono's template enabled */
	DCONNECT_FAILED,   /* it could not be asked (settings may be filled: the
	                    * template check failed) */
};

/* Why the state is DCONNECT_FAILED. */
enum dconnect_failure {
	DCONNECT_FAIL_NONE,
	DCONNECT_FAIL_DNS,        /* no answer about _domainconnect.{zone} */
	DCONNECT_FAIL_BAD_HOST,   /* its text is no host name (an IP literal, junk) */
	DCONNECT_FAIL_NO_ADDRESS, /* the provider's host has no address in DNS */
	DCONNECT_FAIL_HOST_DNS,   /* no answer about the provider's host */
	DCONNECT_FAIL_CONNECT,    /* no connection to it */
	DCONNECT_FAIL_TLS,        /* TLS failed, or its certificate is not trusted */
	DCONNECT_FAIL_TIMEOUT,    /* no whole answer in time */
	DCONNECT_FAIL_TOO_BIG,    /* the answer is larger than the limit */
	DCONNECT_FAIL_HTTP,       /* an unexpected HTTP status (a redirect too): `code` */
	DCONNECT_FAIL_MALFORMED,  /* the settings are malformed: `detail` */
	DCONNECT_FAIL_OTHER,      /* another failure of the request */
	DCONNECT_FAIL_NO_MEMORY,
};

/* Which request a failure belongs to. */
enum dconnect_step { DCONNECT_STEP_RECORD, DCONNECT_STEP_SETTINGS, DCONNECT_STEP_TEMPLATE };

struct dconnect_answer {
	enum dconnect_state state;
	enum dconnect_failure failure;
	enum dconnect_step step;
	long code;                  /* DCONNECT_FAIL_HTTP */
	char detail[32];            /* a stable name of what was malformed, for JSON */
	char zone[256];             /* the zone asked (A-label) */
	char host[256];             /* the _domainconnect host, when one was read */
	char failed_host[256];      /* the host of the request that failed */
	struct dconnect_settings settings;
	bool has_settings;          /* PROVIDER, TEMPLATE; FAILED at the template check */
	bool template_asked;        /* the profile names Flicono's template */
};

/* Frees what A holds and resets it to DCONNECT_NONE; NULL is a no-op. */
void dconnect_answer_clear(struct dconnect_answer *a);

/* The exit status `connect` gives (0 the apply link is ready, 1 Domain
 * Connect without one, 2 none, 3 not to be asked). */
int dconnect_answer_status(const struct dconnect_answer *a, bool has_link);

/* A short stable name of A's failure for JSON ("dns", "tls", "timeout",
 * "http-302", "malformed", ...), "" without one. Returns BUF. */
const char *dconnect_answer_failure_name(const struct dconnect_answer *a, char *buf,
					 size_t size);

enum { DCONNECT_TEXT = 768 };

/* The sentences about A; "" where there is nothing to say. */
struct dconnect_words {
	char provider[DCONNECT_NAME_MAX * 4 + 8]; /* the provider's name, made safe */
	/* One line: "Domain Connect: Eins DNS bietet es an." / none / failed. */
	char state[DCONNECT_TEXT];
	/* Over the apply link: what it does. */
	char link[DCONNECT_TEXT];
	/* Why there is no apply link although the provider speaks it. */
	char no_link[DCONNECT_TEXT];
};

/* Words A for DOMAIN (the domain for people) and SENDER_NAME ("Flicono");
 * HAS_KEY: the profile has a signing key; HAS_LINK: an apply link was
 * built. */
void dconnect_answer_words(const struct dconnect_answer *a, const char *domain,
			   const char *sender_name, bool has_key, bool has_link,
			   struct dconnect_words *out);

/* The way offered to the customer, for the ticket note, into BUF: with an
 * apply link, the link at the provider and the fields as the second way;
 * with the provider's settings but no link, the fields and its link to the
 * DNS settings (HAS_CONTROL_PANEL). "" when Domain Connect played no part
 * (none, or it could not be asked). Returns BUF. */
const char *dconnect_answer_way(const struct dconnect_answer *a, bool has_link,
				bool has_control_panel, char *buf, size_t size);
