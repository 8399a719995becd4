/* test-note.c — the ticket note at a fixed time and offset: a pending check
 * with two name servers and a resolver against golden files in German and
 * English, the alias method, a note before any check, and hostile DNS data
 * that must come out without a control character, every line within 72
 * columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config.h"
#include "datapath.h"
#include "entry.h"
#include "i18n.h"
#include "note.h"
#include "utf8.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 2026-12-02T14:05:10+01:00 */
#define WHEN ((time_t)1796216710)
#define OFFSET 3600L

static const char template_value[] =
    "v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all";

/* The entry as the entry module renders it for the customer. */
static char *
shown_entry(enum entry_form form)
{
	struct entry e = {.name = "@", .value = template_value,
			  .value_len = strlen(template_value), .with_ttl = true, .ttl = 86400};
	char *t = entry_format(&e, form);
	assert_non_null(t);
	return t;
}

static struct observation
obs(enum server_role role, const char *name, const char *address, enum obs_state state,
    uint32_t ttl, const char *record)
{
	struct observation o = {.role = role, .state = state, .ttl = ttl, .has_ttl = ttl != 0};
	snprintf(o.name, sizeof(o.name), "%s", name);
	snprintf(o.address, sizeof(o.address), "%s", address);
	o.record = (char *)record;
	o.record_len = record ? strlen(record) : 0;
	return o;
}

static struct note_facts
base_facts(void)
{
	return (struct note_facts){
		.when = WHEN, .utc_offset = OFFSET, .address = "info@beispiel-firma.de",
		.domain_unicode = "beispiel-firma.de", .domain_ascii = "beispiel-firma.de",
		.sender_name = "Flicono", .method = NOTE_METHOD_SPF, .outcome = PROPOSAL_PUBLISH,
	};
}

/* The pending case's entry, in the line form: 78 columns, past the note's
 * 72. */
static const char pending_entry[] =
    "@ 86400 IN TXT \"v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all\"\n";

/* The pending case: ns1 serves the new record, ns2 still the old one, the
 * resolver holds the old answer for another 2 h 14 min. */
static char *
pending_note(void)
{
	struct observation rows[3] = {
		obs(ROLE_AUTHORITATIVE, "ns1.beispiel-firma.de", "127.53.9.2", OBS_NEW, 86400,
		    template_value),
		obs(ROLE_AUTHORITATIVE, "ns2.beispiel-firma.de", "127.53.9.3", OBS_OLD, 86400,
		    "v=spf1 mx -all"),
		obs(ROLE_RESOLVER, "Resolver", "127.53.9.1", OBS_OLD, 8040, "v=spf1 mx -all"),
	};
	struct note_facts f = base_facts();
	f.entry = pending_entry;
	f.checked = true;
	f.checked_at = WHEN - 10;
	f.obs = rows;
	f.nobs = 3;
	f.verdict = (struct verdict_result){.verdict = VERDICT_PENDING, .auth_total = 2,
					    .auth_answered = 2, .auth_good = 1,
					    .eta_seconds = 8040, .has_eta = true};
	char *note = note_make(&f);
	assert_non_null(note);
	return note;
}

/* The golden file NAME from the source tree (NOTE_GOLDEN_DIR); with
 * NOTE_GOLDEN_UPDATE set, TEXT is written there instead. */
static void
assert_golden(const char *text, const char *name)
{
	const char *dir = getenv("NOTE_GOLDEN_DIR");
	char path[4096], *want = NULL;
	size_t cap = 0;
	snprintf(path, sizeof(path), "%s/%s", dir ? dir : ".", name);
	if (getenv("NOTE_GOLDEN_UPDATE")) {
		FILE *out = fopen(path, "w");
		assert_non_null(out);
		fputs(text, out);
		fclose(out);
	}
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	ssize_t n = getdelim(&want, &cap, '\0', in);
	fclose(in);
	assert_true(n >= 0);
	assert_string_equal(text, want);
	free(want);
}

/* No byte below 0x20 but "\n", no DEL, no C1 (U+0080–U+009F), valid UTF-8,
 * and no line wider than NOTE_MAX_COLUMNS but a line of ENTRY (NULL: none),
 * which stands whole, indented by two. */
/* LINE is "  " and a whole line of ENTRY. */
static bool
is_entry_line(const char *line, const char *entry)
{
	if (!entry || strncmp(line, "  ", 2) != 0)
		return false;
	size_t n = strlen(line + 2);
	for (const char *p = entry; (p = strstr(p, line + 2)); p++)
		if ((p == entry || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return true;
	return false;
}

static void
assert_clean_except(const char *note, const char *entry)
{
	assert_true(utf8_valid(note));
	const unsigned char *s = (const unsigned char *)note;
	for (size_t i = 0; s[i]; i++) {
		assert_false(s[i] < 0x20 && s[i] != '\n');
		assert_false(s[i] == 0x7f);
		assert_false(s[i] == 0xc2 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f);
	}
	for (const char *p = note; *p;) {
		const char *nl = strchr(p, '\n');
		assert_non_null(nl); /* every line ends in a newline */
		char *l = strndup(p, (size_t)(nl - p));
		if (utf8_columns(l) > NOTE_MAX_COLUMNS && !is_entry_line(l, entry))
			fail_msg("line wider than %d columns: %s", NOTE_MAX_COLUMNS, l);
		free(l);
		p = nl + 1;
	}
}

static void
assert_clean(const char *note)
{
	assert_clean_except(note, NULL);
}

static bool
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = text; (p = strstr(p, line)); p++)
		if ((p == text || p[-1] == '\n') && p[n] == '\n')
			return true;
	return false;
}

static void
iso_time_with_offset(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(note_format_time(WHEN, OFFSET, buf, sizeof(buf)),
			    "2026-12-02T14:05:10+01:00");
	assert_string_equal(note_format_time(WHEN, -(5 * 3600 + 30 * 60), buf, sizeof(buf)),
			    "2026-12-02T07:35:10-05:30");
	assert_string_equal(note_format_time(WHEN, 0, buf, sizeof(buf)),
			    "2026-12-02T13:05:10+00:00");
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	assert_int_equal(note_utc_offset(WHEN), 3600);       /* winter time */
	assert_int_equal(note_utc_offset(WHEN - 120 * 86400), 7200); /* summer */
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(note_utc_offset(WHEN), 0);
}

static void
pending_german_is_golden(void **state)
{
	(void)state;
	char *note = pending_note();
	assert_clean_except(note, pending_entry);
	assert_golden(note, "note-pending.de.txt");
	free(note);
}

static void
pending_english_is_golden(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "en_US.UTF-8"))
		fail_msg("locale en_US.UTF-8 is missing: ./dev test generates it");
	bindtextdomain(PACKAGE, datapath_localedir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	char *note = pending_note();
	setlocale(LC_ALL, "C");
	assert_clean_except(note, pending_entry);
	assert_golden(note, "note-pending.en.txt");
	free(note);
}

static void
alias_method(void **state)
{
	(void)state;
	struct note_facts f = base_facts();
	f.method = NOTE_METHOD_ALIAS;
	f.provider = "Beispiel-Hosting";
	char *note = note_make(&f);
	assert_non_null(note);
	assert_clean(note);
	assert_true(has_line(note, "Verfahren:  Alias-Funktion"));
	assert_true(has_line(note, "Anbieter:   Beispiel-Hosting"));
	assert_non_null(strstr(note, "Eintrag:    keiner: Mit der Alias-Funktion"));
	assert_true(has_line(note, "Letzte Prüfung: noch nicht geprüft"));
	assert_non_null(strstr(note, "Wie es weitergeht:\n  Die Alias-Funktion in den "
				     "Voreinstellungen"));
	free(note);
}

static void
not_checked_yet(void **state)
{
	(void)state;
	char *entry = shown_entry(ENTRY_FORM_FIELDS);
	struct note_facts f = base_facts();
	f.method = NOTE_METHOD_NONE;
	f.address = "info@müller-bau.de";
	f.domain_unicode = "müller-bau.de";
	f.domain_ascii = "xn--mller-bau-q9a.de";
	f.entry = entry;
	char *note = note_make(&f);
	free(entry);
	assert_non_null(note);
	assert_clean(note);
	assert_true(has_line(note, "Domain:     müller-bau.de (xn--mller-bau-q9a.de)"));
	assert_true(has_line(note, "Anbieter:   unbekannt"));
	assert_true(has_line(note, "Verfahren:  noch nicht gewählt"));
	assert_true(has_line(note, "  Data: v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 "
				   "-all"));
	assert_true(has_line(note, "Letzte Prüfung: noch nicht geprüft"));
	assert_non_null(strstr(note, "prüfen:\n  flicono-mailsetup check xn--mller-bau-q9a.de\n"));
	free(note);
}

/* NOTE with each line break and the indent after it as one space. */
static char *
flat(const char *note)
{
	char *out = malloc(strlen(note) + 1), *o = out;
	assert_non_null(out);
	for (const char *s = note; *s; s++) {
		if (*s == '\n') {
			*o++ = ' ';
			while (s[1] == ' ')
				s++;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* How DNS failed, in the words check and show use: a refusal is no
 * time-out; the note says which, for the entry and for the check. */
static void
failure_reasons(void **state)
{
	(void)state;
	struct note_facts f = base_facts();
	f.outcome = PROPOSAL_NO_ANSWER;
	f.txt_status = DNS_STATUS_REFUSED;
	f.checked = true;
	f.checked_at = WHEN - 10;
	f.check_failed = true;
	f.failure = CHECK_RESOLVER_UNREACHABLE;
	char *note = note_make(&f), *text = note ? flat(note) : NULL;
	assert_non_null(text);
	assert_non_null(strstr(text, "keiner: Das DNS hat nicht geantwortet (Abfrage abgelehnt)."));
	assert_non_null(strstr(text, "Ergebnis: Prüfung nicht möglich. Der Resolver ist nicht "
				     "erreichbar: Es gibt keinen Weg zu ihm im Netz."));
	free(text);
	free(note);
	f.txt_status = DNS_STATUS_TIMEOUT;
	f.failure = CHECK_RESOLVER_REFUSED;
	note = note_make(&f);
	text = note ? flat(note) : NULL;
	assert_non_null(text);
	assert_non_null(strstr(text, "(keine Antwort (Zeitüberschreitung))."));
	assert_non_null(strstr(text, "Der Resolver hat die Abfrage abgelehnt."));
	free(text);
	free(note);
}

/* A TXT record with a clear-screen sequence, a bell, a C1 CSI and 10 000
 * bytes, a server name with an escape, a typed address with a newline. */
static void
hostile_values(void **state)
{
	(void)state;
	size_t big = 10000;
	char *txt = malloc(big + 1);
	assert_non_null(txt);
	memset(txt, 'A', big);
	memcpy(txt, "v=spf1 \x1b[2J\x07\xc2\x9b" "31m", 15);
	txt[big] = '\0';
	struct observation rows[2] = {
		obs(ROLE_AUTHORITATIVE, "ns1.\x1b]0;pwned\x07.de", "127.53.9.2", OBS_OLD, 300, txt),
		obs(ROLE_RESOLVER, "Resolver\r\x1b[H", "127.53.9.1", OBS_SEVERAL, 0, txt),
	};
	struct note_facts f = base_facts();
	f.address = "info@beispiel-firma.de\n\x1b[31m";
	f.provider = "\x9b\xc2\x9b" "Evil\x08";
	f.entry = "@ 86400 IN TXT \"\x1b[2J\"\n";
	f.checked = true;
	f.checked_at = WHEN;
	f.obs = rows;
	f.nobs = 2;
	f.verdict.verdict = VERDICT_WRONG;
	char *note = note_make(&f);
	assert_non_null(note);
	assert_clean(note);
	assert_null(strchr(note, '\x1b'));
	assert_non_null(strstr(note, "\\x1B[2J")); /* shown, escaped */
	assert_true(strlen(note) < 4000);          /* the record is cut, not pasted whole */
	free(note);
	free(txt);
}

/* The record stands whole on its own line, past 72 columns: copied from
 * the ticket, it is the record (the one exception to the width). */
static void
record_not_wrapped(void **state)
{
	(void)state;
	char *entry = shown_entry(ENTRY_FORM_LINE);
	assert_true(strlen(entry) > NOTE_MAX_COLUMNS);
	struct note_facts f = base_facts();
	f.entry = entry;
	char *note = note_make(&f);
	assert_non_null(note);
	assert_true(has_line(note, "  @ 86400 IN TXT \"v=spf1 mx ip4:148.251.195.107 "
				   "ip6:2a01:4f8:211:18e8::2 -all\""));
	assert_clean_except(note, entry);
	assert_string_equal(entry, pending_entry); /* the golden files' entry */
	free(note);
	free(entry);
}

/* A long value without spaces still wraps within 72 columns, and the
 * pieces joined give it back. */
static void
long_values_wrap(void **state)
{
	(void)state;
	char addr[201];
	memset(addr, 'x', 200);
	addr[0] = 'i', addr[1] = '@';
	addr[200] = '\0';
	struct note_facts f = base_facts();
	f.address = addr;
	char *note = note_make(&f);
	assert_non_null(note);
	assert_clean(note);
	char joined[400] = "";
	const char *p = strstr(note, "Adresse:    ") + strlen("Adresse:    ");
	while (*p != 'D') { /* up to "Domain:" */
		const char *nl = strchr(p, '\n');
		strncat(joined, p, (size_t)(nl - p));
		p = nl + 1;
		while (*p == ' ')
			p++;
	}
	assert_string_equal(joined, addr);
	free(note);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(iso_time_with_offset),
		cmocka_unit_test(pending_german_is_golden),
		cmocka_unit_test(pending_english_is_golden),
		cmocka_unit_test(alias_method),
		cmocka_unit_test(not_checked_yet),
		cmocka_unit_test(hostile_values),
		cmocka_unit_test(record_not_wrapped),
		cmocka_unit_test(long_values_wrap),
		cmocka_unit_test(failure_reasons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
