/* advice.h — the check round in words, computed once: the verdict (or why
 * there is none), the typical mistakes found, each with how to put it right
 * in the provider's own words, and what happens next. German msgids
 * (gettext); the wizard's check screen, `check`, `check --open` and the
 * ticket note only lay these sentences out and word none of them.
 *
 * Names that came from DNS (the zone, the owner name) are made safe with
 * textsafe_escape() before they are put into a sentence. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bound.h"
#include "mistakes.h"
#include "proposal.h"
#include "provider.h"
#include "verdict.h"

/* How a line is meant: the front-ends colour it so. */
enum advice_tone {
	ADVICE_GOOD,
	ADVICE_WARN,
	ADVICE_BAD,
};

/* The facts of one check round that the sentences speak of. */
struct advice_round {
	enum check_failure failure;
	const struct verdict_result *verdict;
	const char *domain;      /* the domain checked: A-label, as DNS has it */
	const char *label;       /* the domain for people (both forms) */
	const char *zone;        /* the zone that contains it; "" unknown */
	const char *name;        /* the owner name relative to the zone: "@", "mail" */
	const char *sender_name; /* the profile's sender: "Flicono" */
	unsigned mistakes;       /* enum mistake bits */
	/* The customer's DNS provider, whose form the corrections speak of;
	 * NULL: unknown (the generic words). */
	const struct provider *provider;
	/* The worldwide cache bound (NULL: none known) at NOW. */
	const struct cache_bound *bound;
	time_t now;
};

enum { ADVICE_TEXT = 768 };

/* One typical mistake: where the record went wrong, and how to fill the
 * provider's form instead. */
struct advice_mistake {
	enum mistake which;
	char what[ADVICE_TEXT];
	char fix[ADVICE_TEXT];
};

struct advice {
	/* "Ergebnis: noch nicht überall. 1 von 2 Namensservern liefert den
	 * neuen Eintrag." — the failure, when the round could not be judged. */
	char verdict[ADVICE_TEXT];
	/* The same in short, for a small screen: "Ergebnis: noch nicht
	 * überall". */
	char outcome[ADVICE_TEXT];
	enum advice_tone tone;
	/* Further lines of the verdict, "" when there is nothing to say: the
	 * name servers that could not be reached (propagated), the resolvers
	 * that serve the new record already (pending), or why they have not
	 * been asked yet (the name servers lag). */
	char unreachable[ADVICE_TEXT];
	char resolvers[ADVICE_TEXT];
	/* The typical mistakes, in the order of enum mistake's bits. */
	struct advice_mistake mistake[MISTAKE_COUNT];
	size_t nmistakes;
	/* How long the provider's own name servers take to serve a change, as
	 * a source names it (data/providers: publish_delay), while not every
	 * name server that answered serves the new record; "" otherwise. */
	char publish_delay[ADVICE_TEXT];
	/* When the last cache lets an old or negative answer go (advice_eta),
	 * while the record has not arrived everywhere. */
	bool has_eta;
	uint32_t eta_seconds;
	/* "Spätestens am 7.12. um 14:32 Uhr haben alle Zwischenspeicher
	 * weltweit den neuen Eintrag (in 23 h 59 min)." once every name server
	 * serves it (bound.h); "" before. */
	char worldwide[ADVICE_TEXT];
};

/* The sentences for round R into *out. */
void advice_compute(const struct advice_round *r, struct advice *out);

/* The outcome in a few words — "verbreitet", "noch nicht überall",
 * "Eintrag fehlt oder ist falsch", "Prüfung nicht möglich" — for a round
 * that was JUDGED (no failure) with VERDICT. */
const char *advice_outcome(bool judged, enum verdict verdict);

/* The worldwide bound B (bound.h) at NOW in words (advice.worldwide); ""
 * until every name server serves the record. Returns BUF. */
const char *advice_worldwide(const struct cache_bound *b, time_t now, char *buf, size_t size);


/* The outcome of a round with FAILURE and, when it was judged, VERDICT:
 * advice_outcome's words, and "Domain gibt es nicht" for CHECK_NO_DOMAIN. */
const char *advice_round_outcome(enum check_failure failure, enum verdict verdict);

/* That the domain LABEL (for people) does not exist, and what that may
 * mean — a typo, not registered, expired — for every front-end that meets
 * PROPOSAL_NO_DOMAIN or CHECK_NO_DOMAIN. Returns BUF. */
const char *advice_no_domain(const char *label, char *buf, size_t size);

/* "Alte Antworten in Zwischenspeichern laufen spätestens in 2 h ab." for
 * SECONDS left. Returns BUF. */
const char *advice_eta(uint32_t seconds, char *buf, size_t size);

/* What happens next, for the ticket note: by the proposal alone (before a
 * check), or by the last check. */
struct advice_next {
	enum proposal_outcome outcome; /* what the diagnosis proposed */
	bool replaces;                 /* the entry replaces existing SPF records */
	bool alias;                    /* the alias feature was chosen */
	const char *sender_name;
	const char *domain;            /* A-label, for the command to run */
	bool checked;                  /* false: no check yet */
	bool check_failed;             /* the round could not be judged */
	const struct verdict_result *verdict; /* with CHECKED */
	/* When the last cache lets its old answer go, as text; NULL unknown. */
	const char *eta_at;
};

/* One or two sentences into BUF. Returns BUF. */
const char *advice_next_step(const struct advice_next *n, char *buf, size_t size);
