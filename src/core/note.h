/* note.h — the ticket note: what support staff paste into a ticket after a
 * call. Plain text in the UI language (gettext), every line at most
 * NOTE_MAX_COLUMNS wide: the date, the address, the domain in both forms,
 * the provider, the method, the entry exactly as the customer was shown it,
 * the last check per server and what happens next.
 *
 * Pure: the caller gathers the facts (the CLI from one check round, the
 * wizard from its model). Everything that came from outside (the typed
 * address, DNS names and records) is made safe with textsafe_escape(), so
 * the note holds no control character but "\n", whatever DNS returned. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "bound.h"
#include "proposal.h"
#include "verdict.h"

enum { NOTE_MAX_COLUMNS = 72 };

enum note_method {
	NOTE_METHOD_NONE,  /* not chosen yet */
	NOTE_METHOD_SPF,   /* the SPF record */
	NOTE_METHOD_ALIAS, /* Flicono's alias feature */
};

struct note_facts {
	time_t when;                /* the note's date */
	long utc_offset;            /* seconds east of UTC at WHEN (note_utc_offset) */
	const char *address;        /* as typed */
	const char *domain_unicode; /* U-label (the same as DOMAIN_ASCII without umlauts) */
	const char *domain_ascii;   /* A-label */
	const char *provider;       /* the DNS provider; NULL: unknown */
	const char *sender_name;    /* the profile's sender: "Flicono" */
	enum note_method method;
	enum proposal_outcome outcome; /* what the diagnosis proposed */
	/* With outcome NO_ANSWER: how DNS failed (explain_dns_status). */
	enum dns_status txt_status;
	bool replaces;              /* the entry replaces existing SPF records */
	/* The entry as the customer was shown it: proposal_entry()'s text (one
	 * line per field, each ending in "\n"), or NULL when none was shown. */
	const char *entry;
	/* Why the entry has no `mx` (proposal_mx_note), said below it; NULL:
	 * nothing to say. */
	const char *mx_note;
	/* The last check; CHECKED false: none yet ("noch nicht geprüft"). */
	bool checked;
	bool check_failed;          /* the round could not be judged (no zone, …) */
	enum check_failure failure; /* with CHECK_FAILED: why (advice's words) */
	const char *check_zone;     /* the round's zone; NULL or "": unknown */
	time_t checked_at;          /* when its answers came */
	const struct observation *obs;
	size_t nobs;
	struct verdict_result verdict;
	struct cache_bound bound;   /* the worldwide bound after it (bound.h) */
	/* advice's sentence on how long the provider's own name servers take
	 * (advice.h: publish_delay); NULL or "": nothing to say. */
	const char *publish_delay;
	/* The way offered (dconnect_answer_way): the Domain Connect link or the
	 * fields; NULL or "": no line. */
	const char *way;
};

/* The note for F (a new string, each line ending in "\n"; NULL only when
 * out of memory). No line is wider than NOTE_MAX_COLUMNS (utf8_columns):
 * long values wrap, at a space where there is one, with an indent. The one
 * exception: each line of F->entry stands whole on its own line, so that
 * the record copied from the ticket is the record. */
char *note_make(const struct note_facts *f);

/* The local time's offset from UTC at T, in seconds east of UTC. */
long note_utc_offset(time_t t);

/* T as ISO 8601 with the offset OFFSET (seconds east of UTC):
 * "2026-12-02T14:05:10+01:00". Returns BUF. */
const char *note_format_time(time_t t, long offset, char *buf, size_t size);
