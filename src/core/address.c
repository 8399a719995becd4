/* address.c — see address.h. */
#include "address.h"

#include "dname.h"
#include "i18n.h"
#include "textsafe.h"
#include "utf8.h"

#include <idn2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
fail(struct address_problem *problem, enum address_error error, const char *detail, size_t len,
     size_t column)
{
	problem->error = error;
	problem->column = column;
	problem->detail[0] = '\0';
	if (detail) {
		/* The detail echoes user input: make it harmless and short. */
		char *safe = textsafe_escape(detail, len, sizeof(problem->detail) - 1);
		if (safe) {
			snprintf(problem->detail, sizeof(problem->detail), "%s", safe);
			free(safe);
		}
	}
	return false;
}

/* The 1-based character column of byte offset OFF in S. */
static size_t
column_of(const char *s, size_t off)
{
	size_t col = 1;
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			col++;
	return col;
}

/* Checks the decoded input for encoding and control characters. */
static bool
check_text(const char *in, struct address_problem *problem)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t len = strlen(in);
	uint32_t cp;

	while (len) {
		size_t n = utf8_decode(p, len, &cp);
		size_t off = (size_t)(p - (const unsigned char *)in);
		if (!n)
			return fail(problem, ADDRESS_ENCODING, NULL, 0, column_of(in, off));
		if (textsafe_is_unsafe(cp))
			return fail(problem, ADDRESS_CONTROL, NULL, 0, column_of(in, off));
		p += n, len -= n;
	}
	return true;
}

/* Spaces around the input (also the no-break space that copy-paste brings). */
static void
trim(const char **start, size_t *len)
{
	const char *s = *start;
	size_t n = *len;
	for (;;) {
		if (n && s[0] == ' ')
			s++, n--;
		else if (n >= 2 && (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
			s += 2, n -= 2;
		else
			break;
	}
	for (;;) {
		if (n && s[n - 1] == ' ')
			n--;
		else if (n >= 2 && (unsigned char)s[n - 2] == 0xc2 && (unsigned char)s[n - 1] == 0xa0)
			n -= 2;
		else
			break;
	}
	*start = s;
	*len = n;
}

static bool
looks_like_ip(const char *domain)
{
	const char *last = strrchr(domain, '.');
	const char *tld = last ? last + 1 : domain;
	for (; *tld; tld++)
		if (*tld < '0' || *tld > '9')
			return false;
	return true;
}

/* Checks the domain's labels before IDNA (dname.h, U-labels allowed): empty
 * labels, characters, hyphens, lengths of ASCII labels, and that there are
 * two labels at least. DOM points into TEXT at byte BASE. */
static bool
check_labels(const char *text, size_t base, const char *dom, struct address_problem *problem)
{
	struct dname_fault f;

	switch (dname_check(dom, strlen(dom), DNAME_LDH | DNAME_UTF8 | DNAME_MULTI_LABEL, &f)) {
	case DNAME_OK:
		return true;
	case DNAME_EMPTY:
		return fail(problem, ADDRESS_EMPTY, NULL, 0, 0);
	case DNAME_EMPTY_LABEL:
		return fail(problem, ADDRESS_EMPTY_LABEL, NULL, 0, column_of(text, base + f.offset));
	case DNAME_BAD_CHAR:
		return fail(problem, ADDRESS_BAD_CHAR, dom + f.offset, 1,
			    column_of(text, base + f.offset));
	case DNAME_HYPHEN:
		return fail(problem, ADDRESS_HYPHEN, dom + f.offset, f.len, 0);
	case DNAME_LABEL_TOO_LONG:
		return fail(problem, ADDRESS_LABEL_TOO_LONG, dom + f.offset, f.len, 0);
	case DNAME_TOO_LONG:
		return fail(problem, ADDRESS_NAME_TOO_LONG, NULL, 0, 0);
	case DNAME_SINGLE_LABEL:
		/* The word itself, for the message: "„frobnicate“ ist keine Domain". */
		return fail(problem, ADDRESS_NO_TLD, dom, strlen(dom), 0);
	}
	return false;
}

/* Finds the label that IDNA rejects, for the message. */
static void
idna_culprit(const char *domain, struct address_problem *problem, enum address_error error)
{
	char *copy = strdup(domain);
	char *save = NULL;
	if (!copy) {
		fail(problem, error, NULL, 0, 0);
		return;
	}
	for (char *label = strtok_r(copy, ".", &save); label; label = strtok_r(NULL, ".", &save)) {
		char *out = NULL;
		int rc = idn2_to_ascii_8z(label, &out, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
		bool ldh = rc == IDN2_OK && dname_check(out, strlen(out), DNAME_LDH, NULL) == DNAME_OK;
		idn2_free(out);
		if (!ldh) {
			fail(problem, error, label, strlen(label), 0);
			free(copy);
			return;
		}
	}
	fail(problem, error, NULL, 0, 0);
	free(copy);
}

/* The A-labels, as dname.h checks host names. UTS #46 mapping can turn
 * letters into something else (a fullwidth ＠ into "@", a soft hyphen into
 * nothing): the A-labels must be LDH labels again (RFC 5890 2.3.1), and
 * their lengths count. DOMAIN is what the user typed, for the message. */
static bool
check_ascii(const char *domain, const char *ascii, struct address_problem *problem)
{
	struct dname_fault f;

	switch (dname_check(ascii, strlen(ascii), DNAME_LDH, &f)) {
	case DNAME_OK:
		return true;
	case DNAME_LABEL_TOO_LONG:
		return fail(problem, ADDRESS_LABEL_TOO_LONG, ascii + f.offset, f.len, 0);
	case DNAME_TOO_LONG:
		return fail(problem, ADDRESS_NAME_TOO_LONG, NULL, 0, 0);
	case DNAME_EMPTY:
	case DNAME_EMPTY_LABEL:
		idna_culprit(domain, problem, ADDRESS_EMPTY_LABEL);
		return false;
	case DNAME_BAD_CHAR:
	case DNAME_HYPHEN:
	case DNAME_SINGLE_LABEL:
		break;
	}
	idna_culprit(domain, problem, ADDRESS_IDNA);
	if (!problem->detail[0])
		fail(problem, ADDRESS_IDNA, domain, strlen(domain), 0);
	return false;
}

/* The local part [TEXT, AT) of the address in WHOLE, and that AT is the
 * only "@". */
static bool
check_local(const char *whole, const char *text, const char *at, struct address_problem *problem)
{
	const char *second = strchr(at + 1, '@');
	if (second)
		return fail(problem, ADDRESS_SEVERAL_AT, NULL, 0,
			    column_of(whole, (size_t)(second - whole)));
	for (const char *c = text; c < at; c++)
		if (strchr(" <>()[],;:\\\"", *c))
			return fail(problem, ADDRESS_LOCAL_INVALID, c, 1,
				    column_of(whole, (size_t)(c - whole)));
	/* RFC 5321 4.5.3.1.1: a local part holds at most 64 octets (an
	 * umlaut in UTF-8 counts two). */
	size_t octets = (size_t)(at - text);
	if (octets > 64) {
		fail(problem, ADDRESS_LOCAL_TOO_LONG, NULL, 0, 0);
		snprintf(problem->detail, sizeof(problem->detail), "%zu", octets);
		return false;
	}
	return true;
}

/* DOM (checked by check_labels) in lower case, then as A-labels in *ASCII
 * (idn2_free). */
static bool
to_ascii(char *dom, char **ascii, struct address_problem *problem)
{
	for (char *c = dom; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');

	*ascii = NULL;
	switch (idn2_to_ascii_8z(dom, ascii, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL)) {
	case IDN2_OK:
		break;
	case IDN2_MALLOC:
		return fail(problem, ADDRESS_NO_MEMORY, NULL, 0, 0);
	case IDN2_TOO_BIG_DOMAIN:
		return fail(problem, ADDRESS_NAME_TOO_LONG, NULL, 0, 0);
	case IDN2_TOO_BIG_LABEL:
	case IDN2_PUNYCODE_BIG_OUTPUT: /* the A-label would exceed 63 octets */
		idna_culprit(dom, problem, ADDRESS_LABEL_TOO_LONG);
		return false;
	default:
		idna_culprit(dom, problem, ADDRESS_IDNA);
		return false;
	}
	if (!check_ascii(dom, *ascii, problem))
		return false;
	if (looks_like_ip(*ascii)) /* e.g. a soft hyphen mapped away left digits */
		return fail(problem, ADDRESS_IP_LITERAL, NULL, 0, 0);
	return true;
}

bool
address_parse(const char *input, struct address *out, struct address_problem *problem)
{
	char *whole = NULL, *text, *ascii = NULL, *unicode = NULL;
	const char *start = input;
	size_t len = strlen(input);
	bool ok = false;

	*out = (struct address){0};
	*problem = (struct address_problem){.error = ADDRESS_OK};
	if (!check_text(input, problem))
		goto out;
	trim(&start, &len);
	/* The copy keeps the leading spaces, so that every column is counted
	 * in what the user typed; TEXT is the trimmed part. */
	size_t lead = (size_t)(start - input);
	whole = strndup(input, lead + len);
	if (!whole)
		goto nomem;
	text = whole + lead;
	if (len == 0) {
		fail(problem, ADDRESS_EMPTY, NULL, 0, 0);
		goto out;
	}
	if (strstr(text, "://") || (strncmp(text, "www.", 4) == 0 && strchr(text, '/'))) {
		fail(problem, ADDRESS_URL, NULL, 0, 0);
		goto out;
	}

	char *at = strchr(text, '@');
	char *dom = at ? at + 1 : text;
	if (at && !check_local(whole, text, at, problem))
		goto out;
	/* One trailing dot is the root: `x.de.` is `x.de`. */
	size_t dlen = strlen(dom);
	if (dlen && dom[dlen - 1] == '.')
		dom[--dlen] = '\0';
	if (dlen == 0) {
		fail(problem, at ? ADDRESS_DOMAIN_MISSING : ADDRESS_EMPTY, NULL, 0, 0);
		goto out;
	}
	if (!check_labels(whole, (size_t)(dom - whole), dom, problem))
		goto out;
	if (looks_like_ip(dom)) {
		fail(problem, ADDRESS_IP_LITERAL, NULL, 0, 0);
		goto out;
	}
	if (!to_ascii(dom, &ascii, problem))
		goto out;
	if (idn2_to_unicode_8z8z(ascii, &unicode, 0) != IDN2_OK) {
		idn2_free(unicode);
		unicode = NULL;
	}

	out->domain = strdup(ascii);
	out->domain_unicode = strdup(unicode ? unicode : ascii);
	out->local = at ? strndup(text, (size_t)(at - text)) : NULL;
	if (!out->domain || !out->domain_unicode || (at && !out->local)) {
		address_clear(out);
		goto nomem;
	}
	if (out->local && !out->local[0]) { /* `@x.de`: the domain alone */
		free(out->local);
		out->local = NULL;
	}
	ok = true;
	goto out;
nomem:
	fail(problem, ADDRESS_NO_MEMORY, NULL, 0, 0);
out:
	idn2_free(ascii);
	idn2_free(unicode);
	free(whole);
	return ok;
}

void
address_clear(struct address *addr)
{
	if (!addr)
		return;
	free(addr->local);
	free(addr->domain);
	free(addr->domain_unicode);
	*addr = (struct address){0};
}

bool
address_is_idn(const struct address *addr)
{
	return addr->domain && addr->domain_unicode && strcmp(addr->domain, addr->domain_unicode) != 0;
}

const char *
address_problem_message(const struct address_problem *problem, char *buf, size_t size)
{
	const char *d = problem->detail;
	size_t col = problem->column;

	switch (problem->error) {
	case ADDRESS_OK:
		snprintf(buf, size, "%s", "");
		break;
	case ADDRESS_EMPTY:
		snprintf(buf, size, "%s",
			 _("Bitte geben Sie eine E-Mail-Adresse oder eine Domain ein, "
			   "z. B. info@ihre-firma.de."));
		break;
	case ADDRESS_ENCODING:
		snprintf(buf, size,
			 _("Die Eingabe ist kein gültiger Text (ungültige Bytes bei Zeichen %zu). "
			   "Bitte tippen Sie die Adresse neu ein."),
			 col);
		break;
	case ADDRESS_CONTROL:
		snprintf(buf, size,
			 _("Die Eingabe enthält ein Steuerzeichen bei Zeichen %zu "
			   "(z. B. einen Tabulator oder Zeilenumbruch)."),
			 col);
		break;
	case ADDRESS_URL:
		snprintf(buf, size, "%s",
			 _("Das ist eine Web-Adresse. Bitte geben Sie nur die E-Mail-Adresse "
			   "oder die Domain ein, z. B. ihre-firma.de."));
		break;
	case ADDRESS_SEVERAL_AT:
		snprintf(buf, size,
			 _("Die Eingabe enthält mehr als ein @ (das zweite bei Zeichen %zu). "
			   "Bitte geben Sie genau eine E-Mail-Adresse ein."),
			 col);
		break;
	case ADDRESS_LOCAL_INVALID:
		if (strcmp(d, " ") == 0)
			snprintf(buf, size,
				 _("Vor dem @ steht ein Leerzeichen (Zeichen %zu). "
				   "Bitte geben Sie nur die E-Mail-Adresse ein."),
				 col);
		else
			snprintf(buf, size,
				 _("Vor dem @ steht ein Zeichen, das hier nicht vorkommen darf: "
				   "„%s“ (Zeichen %zu). Bitte geben Sie nur die E-Mail-Adresse ein."),
				 d, col);
		break;
	case ADDRESS_LOCAL_TOO_LONG:
		snprintf(buf, size,
			 _("Der Teil vor dem @ ist zu lang: %s Bytes, höchstens 64 sind erlaubt "
			   "(ein Umlaut zählt als 2). Bitte prüfen Sie die Adresse."),
			 d);
		break;
	case ADDRESS_DOMAIN_MISSING:
		snprintf(buf, size, "%s",
			 _("Nach dem @ fehlt die Domain, z. B. info@ihre-firma.de."));
		break;
	case ADDRESS_EMPTY_LABEL:
		snprintf(buf, size,
			 _("Die Domain enthält zwei Punkte hintereinander oder beginnt mit einem "
			   "Punkt (Zeichen %zu)."),
			 col);
		break;
	case ADDRESS_BAD_CHAR:
		if (strcmp(d, " ") == 0)
			snprintf(buf, size,
				 _("Die Domain enthält ein Leerzeichen (Zeichen %zu)."), col);
		else
			snprintf(buf, size,
				 _("Die Domain enthält ein Zeichen, das in Domains nicht erlaubt ist: "
				   "„%s“ (Zeichen %zu)."),
				 d, col);
		break;
	case ADDRESS_HYPHEN:
		snprintf(buf, size,
			 _("Ein Teil der Domain beginnt oder endet mit einem Bindestrich: „%s“."), d);
		break;
	case ADDRESS_LABEL_TOO_LONG:
		snprintf(buf, size,
			 _("Ein Teil der Domain (zwischen zwei Punkten) ist länger als 63 Zeichen: "
			   "„%s“."),
			 d);
		break;
	case ADDRESS_NAME_TOO_LONG:
		snprintf(buf, size, "%s", _("Die Domain ist länger als 253 Zeichen."));
		break;
	case ADDRESS_NO_TLD:
		snprintf(buf, size,
			 _("„%s“ ist keine vollständige Domain: Es fehlt die Endung, "
			   "z. B. .de oder .com."),
			 d);
		break;
	case ADDRESS_IP_LITERAL:
		snprintf(buf, size, "%s",
			 _("Das ist eine IP-Adresse. Bitte geben Sie die Domain ein, "
			   "z. B. ihre-firma.de."));
		break;
	case ADDRESS_IDNA:
		if (d[0])
			snprintf(buf, size,
				 _("Die Domain enthält Zeichen, die in Domainnamen nicht erlaubt sind: "
				   "„%s“."),
				 d);
		else
			snprintf(buf, size, "%s",
				 _("Die Domain enthält Zeichen, die in Domainnamen nicht erlaubt sind."));
		break;
	case ADDRESS_NO_MEMORY:
		snprintf(buf, size, "%s", _("Nicht genug Arbeitsspeicher."));
		break;
	}
	return buf;
}
