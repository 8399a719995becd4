/* address.h — from what a user types to the domain whose SPF record matters.
 *
 * Accepts an e-mail address (`info@Müller-Bau.de`) or a bare domain
 * (` MUELLER-BAU.DE. `), trims surrounding spaces and one trailing dot, and
 * converts umlaut domains to their IDNA2008 A-label (non-transitional:
 * `straße.de` stays `straße.de`, it does not become `strasse.de`). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

enum address_error {
	ADDRESS_OK,
	ADDRESS_EMPTY,          /* nothing but spaces */
	ADDRESS_ENCODING,       /* not valid UTF-8 */
	ADDRESS_CONTROL,        /* a control character (tab, newline, ESC, C1) */
	ADDRESS_URL,            /* a web address: `http://x.de`, `https://…` */
	ADDRESS_SEVERAL_AT,     /* more than one `@` */
	ADDRESS_LOCAL_INVALID,  /* a character a local part cannot hold here (space, `<`, …) */
	ADDRESS_LOCAL_TOO_LONG, /* a local part over 64 octets; detail: its octets */
	ADDRESS_DOMAIN_MISSING, /* nothing after the `@` */
	ADDRESS_EMPTY_LABEL,    /* `a..b`, `.a.de`: two dots in a row, or a leading dot */
	ADDRESS_BAD_CHAR,       /* a character no domain can hold; see detail */
	ADDRESS_HYPHEN,         /* a label that starts or ends with `-` */
	ADDRESS_LABEL_TOO_LONG, /* a label over 63 octets (in its A-label form) */
	ADDRESS_NAME_TOO_LONG,  /* the name over 253 octets (in its A-label form) */
	ADDRESS_NO_TLD,         /* a single label such as `localhost` (see detail) */
	ADDRESS_IDNA,           /* letters that IDNA2008 does not allow in domains */
	ADDRESS_IP_LITERAL,     /* `192.0.2.1`: an IP address, not a domain */
	ADDRESS_NO_MEMORY,
};

struct address {
	char *local;          /* the part before `@`, or NULL for a bare domain */
	char *domain;         /* A-label form, lower case, no trailing dot: for DNS */
	char *domain_unicode; /* U-label form for people; equal to domain when ASCII */
};

/* Details of an error, for the message: the offending character (as UTF-8)
 * or label, and its position in the trimmed input in characters (1-based). */
struct address_problem {
	enum address_error error;
	char detail[80];
	size_t column;
};

/* Parses INPUT (NUL-terminated, any bytes). On success fills *out (free with
 * address_clear) and returns true; otherwise fills *problem and returns false,
 * leaving *out empty. Never crashes on any byte string. */
bool address_parse(const char *input, struct address *out, struct address_problem *problem);

/* Frees what *addr holds; NULL is a no-op. */
void address_clear(struct address *addr);

/* True when the domain has an internationalised (xn--) label, i.e. when the
 * two forms differ and both should be shown. */
bool address_is_idn(const struct address *addr);

/* The German message for PROBLEM (translated by gettext), written to BUF. */
const char *address_problem_message(const struct address_problem *problem, char *buf,
				    size_t size);
