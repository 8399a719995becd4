/* note.c — see note.h. */
#include "note.h"

#include "advice.h"
#include "explain.h"
#include "i18n.h"
#include "strbuf.h"
#include "textsafe.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How much of a value from outside a note shows: enough to recognise it,
 * little enough that a hostile 10 000-byte TXT does not bury the ticket. */
enum { SHOWN_NAME = 200, SHOWN_RECORD = 300, SHOWN_ADDRESS = 300 };

long
note_utc_offset(time_t t)
{
	struct tm lt, gt;
	if (!localtime_r(&t, &lt) || !gmtime_r(&t, &gt))
		return 0;
	/* The calendar days apart (at most one, across a year's end too). */
	long days = lt.tm_year != gt.tm_year ? (lt.tm_year > gt.tm_year ? 1 : -1)
					     : lt.tm_yday - gt.tm_yday;
	return ((days * 24 + lt.tm_hour - gt.tm_hour) * 60 + lt.tm_min - gt.tm_min) * 60 +
	       lt.tm_sec - gt.tm_sec;
}

const char *
note_format_time(time_t t, long offset, char *buf, size_t size)
{
	time_t local = t + (time_t)offset;
	struct tm tm;
	char date[32] = "";
	long a = offset < 0 ? -offset : offset;
	if (gmtime_r(&local, &tm))
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, size, "%s%c%02ld:%02ld", date, offset < 0 ? '-' : '+', a / 3600,
		 a % 3600 / 60);
	return buf;
}

/* The text being built; a copy that failed makes the whole note fail. */
struct note {
	struct strbuf sb;
	int label_cols; /* where the values of the one-line fields begin */
	bool failed;
};

static void
spaces(struct note *n, int count)
{
	for (int i = 0; i < count; i++)
		strbuf_add(&n->sb, " ", 1);
}

/* The columns of the character at P (END: the text's end); *cp, the byte
 * count in *len. A byte that is no UTF-8 (there is none after textsafe)
 * counts as one column. */
static int
char_at(const char *p, const char *end, uint32_t *cp, size_t *len)
{
	*len = utf8_decode((const unsigned char *)p, (size_t)(end - p), cp);
	if (!*len)
		*len = 1, *cp = '?';
	int w = utf8_char_columns(*cp);
	return w < 0 ? 1 : w;
}

/* Writes TEXT (safe) from column COL on, wrapped to NOTE_MAX_COLUMNS:
 * at the last space that fits, else inside the word; every further line
 * starts at column CONT. Ends the line. */
static void
wrapped(struct note *n, int col, const char *text, int cont)
{
	const char *s = text, *end = text + strlen(text);
	while (s < end) {
		const char *p = s, *space = NULL;
		uint32_t cp;
		size_t len;
		bool number = false; /* the word before is a number: "2 h" stays together */
		for (int c = col, w; p < end && c + (w = char_at(p, end, &cp, &len)) <=
						      NOTE_MAX_COLUMNS;
		     c += w, p += len) {
			if (cp == ' ' && !number)
				space = p;
			number = cp >= '0' && cp <= '9' ? number || p == s || p[-1] == ' ' : false;
		}
		if (p == end) {
			strbuf_add(&n->sb, s, (size_t)(end - s));
			break;
		}
		const char *cut = space && space > s ? space : p;
		if (cut == s) /* not even one character fits: take it anyway */
			char_at(s, end, &cp, &len), cut = s + len;
		const char *last = cut;
		while (last > s && last[-1] == ' ')
			last--;
		strbuf_add(&n->sb, s, (size_t)(last - s));
		strbuf_add(&n->sb, "\n", 1);
		spaces(n, cont);
		col = cont;
		for (s = cut; s < end && *s == ' ';)
			s++;
	}
	strbuf_add(&n->sb, "\n", 1);
}

/* A line of INDENT spaces and TEXT (ours or made safe), wrapped at CONT. */
static void
line(struct note *n, int indent, const char *text, int cont)
{
	spaces(n, indent);
	wrapped(n, indent, text, cont);
}

/* "Datum:      VALUE": the label and its colon padded to the value column. */
static void
field(struct note *n, const char *label, const char *value)
{
	char head[128];
	snprintf(head, sizeof(head), "%s:", label);
	strbuf_str(&n->sb, head);
	int cols = utf8_columns(head);
	spaces(n, n->label_cols - cols);
	wrapped(n, n->label_cols > cols ? n->label_cols : cols, value, n->label_cols);
}

/* The LEN bytes of S from outside, made safe and cut at MAX bytes. */
static char *
safe(struct note *n, const char *s, size_t len, size_t max)
{
	char *t = textsafe_escape(s ? s : "", s ? len : 0, max);
	if (!t)
		n->failed = true;
	return t;
}

static void
safe_field(struct note *n, const char *label, const char *value, size_t max)
{
	char *t = safe(n, value, value ? strlen(value) : 0, max);
	if (t)
		field(n, label, t);
	free(t);
}

/* The one-line fields' labels decide where their values begin. */
static int
label_columns(void)
{
	const char *labels[] = {_("Datum"), _("Adresse"), _("Domain"), _("Anbieter"),
				_("Verfahren"), _("Weg")};
	int most = 0;
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		int c = utf8_columns(labels[i]) + 3; /* the colon and two spaces */
		if (c > most)
			most = c;
	}
	return most;
}

/* "müller-bau.de (xn--mller-bau-q9a.de)", or the A-label alone. */
static void
domain_field(struct note *n, const struct note_facts *f)
{
	const char *a = f->domain_ascii ? f->domain_ascii : "";
	const char *u = f->domain_unicode ? f->domain_unicode : a;
	char *su = safe(n, u, strlen(u), SHOWN_NAME), *sa = safe(n, a, strlen(a), SHOWN_NAME);
	if (su && sa) {
		struct strbuf v = {0};
		if (strcmp(su, sa) != 0)
			strbuf_printf(&v, "%s (%s)", su, sa);
		else
			strbuf_str(&v, sa);
		char *text = strbuf_finish(&v);
		if (text)
			field(n, _("Domain"), text);
		n->failed |= !text;
		free(text);
	}
	free(su);
	free(sa);
}

static const char *
method_label(enum note_method m)
{
	switch (m) {
	case NOTE_METHOD_SPF: return _("SPF-Eintrag");
	case NOTE_METHOD_ALIAS: return _("Alias-Funktion");
	case NOTE_METHOD_NONE: break;
	}
	return _("noch nicht gewählt");
}

/* Why no entry was shown, for the "Eintrag" section. */
static const char *
no_entry_reason(const struct note_facts *f, char *buf, size_t size)
{
	if (f->method == NOTE_METHOD_ALIAS)
		return _("keiner: Mit der Alias-Funktion ist im DNS nichts zu ändern.");
	switch (f->outcome) {
	case PROPOSAL_NOTHING: return _("keiner nötig: Die Domain berechtigt Flicono schon.");
	case PROPOSAL_FREEMAIL: return _("keiner möglich: eine Domain eines Freemail-Anbieters.");
	case PROPOSAL_NO_DOMAIN: return _("keiner möglich: Die Domain gibt es im DNS nicht.");
	case PROPOSAL_BROKEN: return _("keiner: Der vorhandene SPF-Eintrag ist fehlerhaft.");
	case PROPOSAL_UNFIT:
		return _("keiner: Auch ergänzt würde der vorhandene Eintrag nicht berechtigen.");
	case PROPOSAL_NO_ANSWER:
		if (dns_status_failed(f->txt_status)) {
			snprintf(buf, size, _("keiner: Das DNS hat nicht geantwortet (%s)."),
				 explain_dns_status(f->txt_status));
			return buf;
		}
		return _("keiner: Das DNS hat nicht geantwortet.");
	default: return _("keiner");
	}
}

/* One line of the entry as shown. It is the program's own text (the line
 * form quotes, the fields form is escaped); anything else is escaped here. */
static void
entry_line(struct note *n, const char *s, size_t len)
{
	char *text = strndup(s, len);
	bool clean = text != NULL && utf8_valid(text);
	for (size_t off = 0; clean && off < len;) {
		uint32_t cp;
		size_t k = utf8_decode((const unsigned char *)s + off, len - off, &cp);
		clean = k && !textsafe_is_unsafe(cp);
		off += k;
	}
	if (!clean) {
		free(text);
		text = safe(n, s, len, 0);
	}
	/* Not wrapped, the one exception to the width: a record broken inside
	 * its quotes is no longer the record when copied from the ticket. */
	if (text) {
		spaces(n, 2);
		strbuf_str(&n->sb, text);
		strbuf_add(&n->sb, "\n", 1);
	}
	n->failed |= !text;
	free(text);
}

static void
entry_section(struct note *n, const struct note_facts *f)
{
	if (!f->entry || f->method == NOTE_METHOD_ALIAS || f->outcome != PROPOSAL_PUBLISH) {
		char why[256];
		field(n, _("Eintrag"), no_entry_reason(f, why, sizeof(why)));
		return;
	}
	strbuf_printf(&n->sb, "%s:\n", _("Eintrag"));
	for (const char *s = f->entry; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		entry_line(n, s, len);
		s += len + (nl ? 1 : 0);
	}
	if (f->replaces)
		line(n, 2, _("(ersetzt den vorhandenen SPF-Eintrag; nicht zusätzlich eintragen)"),
		     3);
	if (f->mx_note && f->mx_note[0])
		line(n, 2, f->mx_note, 2);
}

/* "ns1.beispiel-firma.de 127.53.9.2: alter Eintrag, läuft ab in 2 h". */
static void
row(struct note *n, const struct observation *o)
{
	char *name = safe(n, o->name, strnlen(o->name, sizeof(o->name)), SHOWN_NAME);
	char *addr = safe(n, o->address, strnlen(o->address, sizeof(o->address)), 0);
	struct strbuf sb = {0};
	char d[64];
	if (name && addr && strcmp(name, addr) != 0 && name[0])
		strbuf_printf(&sb, "%s %s: %s", name, addr, verdict_row_label(o));
	else
		strbuf_printf(&sb, "%s: %s", addr ? addr : "?", verdict_row_label(o));
	if (o->role == ROLE_RESOLVER && (o->state == OBS_OLD || o->state == OBS_NONE) &&
	    o->has_ttl) {
		strbuf_str(&sb, ", ");
		strbuf_printf(&sb, _("läuft ab in %s"),
			      verdict_format_duration(o->ttl, d, sizeof(d)));
	}
	char *text = strbuf_finish(&sb);
	if (text)
		line(n, 4, text, 6);
	n->failed |= !text;
	free(text);
	free(name);
	free(addr);
	if (o->record && (o->state == OBS_OLD || o->state == OBS_SEVERAL)) {
		char *rec = safe(n, o->record, o->record_len, SHOWN_RECORD);
		struct strbuf r = {0};
		strbuf_printf(&r, _("liefert: %s"), rec ? rec : "");
		char *served = strbuf_finish(&r);
		if (served)
			line(n, 6, served, 8);
		n->failed |= !served;
		free(served);
		free(rec);
	}
}

static void
check_section(struct note *n, const struct note_facts *f)
{
	char when[64], text[256];
	if (!f->checked) {
		strbuf_printf(&n->sb, "%s: %s\n", _("Letzte Prüfung"), _("noch nicht geprüft"));
		return;
	}
	strbuf_printf(&n->sb, "%s: %s\n", _("Letzte Prüfung"),
		      note_format_time(f->checked_at, f->utc_offset, when, sizeof(when)));
	bool auth = false, res = false;
	for (size_t i = 0; i < f->nobs; i++) {
		const struct observation *o = &f->obs[i];
		if (o->role == ROLE_AUTHORITATIVE && !auth)
			auth = true, line(n, 2, _("Namensserver (zuständig)"), 4);
		if (o->role == ROLE_RESOLVER && !res)
			res = true, line(n, 2, _("Resolver (Zwischenspeicher)"), 4);
		row(n, o);
	}
	if (f->check_failed && f->failure != CHECK_OK) {
		/* Why, in the words check and the wizard use. */
		struct advice a;
		struct advice_round r = {.failure = f->failure, .verdict = &f->verdict,
					 .domain = f->domain_ascii, .label = f->domain_unicode,
					 .zone = f->check_zone ? f->check_zone : "", .name = "@",
					 .sender_name = f->sender_name};
		advice_compute(&r, &a);
		line(n, 2, a.verdict, 4);
		return;
	}
	snprintf(text, sizeof(text), _("Ergebnis: %s"),
		 advice_outcome(!f->check_failed, f->verdict.verdict));
	line(n, 2, text, 4);
	if (f->publish_delay && f->publish_delay[0])
		line(n, 2, f->publish_delay, 2);
}

/* What happens next: advice's sentence, with the time the last cache
 * lets its old answer go in the note's own format. */
static void
next_section(struct note *n, const struct note_facts *f)
{
	char text[1024], at[64];
	const struct verdict_result *v = &f->verdict;
	struct advice_next next = {
		.outcome = f->outcome,
		.replaces = f->replaces,
		.alias = f->method == NOTE_METHOD_ALIAS,
		.sender_name = f->sender_name,
		.domain = f->domain_ascii,
		.checked = f->checked,
		.check_failed = f->check_failed,
		.verdict = v,
		.eta_at = v->has_eta ? note_format_time(f->checked_at + (time_t)v->eta_seconds,
							f->utc_offset, at, sizeof(at))
				     : NULL,
	};
	strbuf_printf(&n->sb, "%s:\n", _("Wie es weitergeht"));
	line(n, 2, advice_next_step(&next, text, sizeof(text)), 2);
	if (f->checked && !f->check_failed && advice_worldwide(&f->bound, f->when, text, sizeof(text))[0])
		line(n, 2, text, 2);
}

char *
note_make(const struct note_facts *f)
{
	struct note n = {.sb = {0}, .label_cols = label_columns()};
	char when[64];
	field(&n, _("Datum"), note_format_time(f->when, f->utc_offset, when, sizeof(when)));
	safe_field(&n, _("Adresse"), f->address, SHOWN_ADDRESS);
	domain_field(&n, f);
	if (f->provider)
		safe_field(&n, _("Anbieter"), f->provider, SHOWN_NAME);
	else
		field(&n, _("Anbieter"), _("unbekannt"));
	field(&n, _("Verfahren"), method_label(f->method));
	if (f->way && f->way[0])
		field(&n, _("Weg"), f->way);
	entry_section(&n, f);
	check_section(&n, f);
	next_section(&n, f);
	char *text = strbuf_finish(&n.sb);
	if (n.failed) {
		free(text);
		return NULL;
	}
	return text;
}
