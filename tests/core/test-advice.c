/* test-advice.c — the check round in words: the verdict line, the typical
 * mistakes with the fix in the provider's own words (the name field by its
 * apex convention and whether it is relative to the zone), what happens
 * next. The C locale: the German msgids themselves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "advice.h"

#include <stdio.h>
#include <string.h>

/* Providers as data/providers describes them (only what the fixes read). */
static const struct provider at_provider = {
	.id = "hetzner", .name = "Hetzner", .label_name = "Name",
	.apex = PROVIDER_APEX_AT, .name_appends_domain = PROVIDER_ANSWER_YES,
};
static const struct provider empty_provider = {
	.id = "strato", .name = "STRATO", .label_name = "Präfix", .label_value = "Wert",
	.apex = PROVIDER_APEX_EMPTY,
};
static const struct provider unknown_apex = {
	.id = "irgendwer", .name = "Irgendwer", .label_name = "Host",
};
static const struct provider whole_names = {
	.id = "ganz", .name = "Ganz", .label_name = "Host", .apex = PROVIDER_APEX_AT,
	.name_appends_domain = PROVIDER_ANSWER_NO,
};
static const struct provider typed = {
	.id = "ionos", .name = "IONOS", .label_name = "Hostname", .type_value = "SPF (TXT)",
	.apex = PROVIDER_APEX_AT,
};

static void
mistakes(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		const struct provider *provider;
		const char *domain, *zone, *name;
		enum mistake mistake;
		const char *expect_what; /* a part of it */
		const char *expect_fix;  /* all of it */
	} cases[] = {
		/* The sender below the apex: the name field gets "mail", whatever
		 * the apex convention. */
		{"@.mail at a provider whose apex is @", &at_provider, "mail.example.de",
		 "example.de", "mail", MISTAKE_AT_LABEL, "„@.mail.example.de“: Das Formular hat",
		 "Bei Hetzner steht im Feld „Name“ nur „mail“."},
		{"@.mail at a provider whose apex is empty", &empty_provider, "mail.example.de",
		 "example.de", "mail", MISTAKE_AT_LABEL, "„@.mail.example.de“",
		 "Bei STRATO steht im Feld „Präfix“ nur „mail“."},
		{"@.mail, provider unknown", NULL, "mail.example.de", "example.de", "mail",
		 MISTAKE_AT_LABEL, "„@.mail.example.de“", "Tragen Sie als Name nur „mail“ ein."},
		{"@.mail at a provider whose apex is not known", &unknown_apex, "mail.example.de",
		 "example.de", "mail", MISTAKE_AT_LABEL, "„@.mail.example.de“",
		 "Bei Irgendwer steht im Feld „Host“ nur „mail“."},
		/* The sender at the apex: "@" or empty, by the convention. */
		{"@ at the apex, apex empty", &empty_provider, "example.de", "example.de", "@",
		 MISTAKE_AT_LABEL, "„@.example.de“", "Bei STRATO bleibt das Feld „Präfix“ leer."},
		{"@ at the apex, apex @", &at_provider, "example.de", "example.de", "@",
		 MISTAKE_AT_LABEL, "„@.example.de“", "Bei Hetzner steht im Feld „Name“ nur „@“."},
		{"@ at the apex, provider unknown: the form wants it empty", NULL, "example.de",
		 "example.de", "@", MISTAKE_AT_LABEL, "„@.example.de“",
		 "Lassen Sie das Feld für den Namen leer."},
		{"@ at the apex, apex not known: the form wants it empty", &unknown_apex,
		 "example.de", "example.de", "@", MISTAKE_AT_LABEL, "„@.example.de“",
		 "Lassen Sie das Feld für den Namen leer."},
		{"doubled name at the apex, apex empty", &empty_provider, "example.de",
		 "example.de", "@", MISTAKE_DOUBLED_NAME,
		 "„example.de.example.de“: Der Domain-Anbieter hat die Zone",
		 "Bei STRATO bleibt das Feld „Präfix“ leer."},
		{"doubled name at the apex, apex @", &at_provider, "example.de", "example.de", "@",
		 MISTAKE_DOUBLED_NAME, "„example.de.example.de“",
		 "Bei Hetzner steht im Feld „Name“ nur „@“."},
		{"doubled name at the apex, provider unknown", NULL, "example.de", "example.de", "@",
		 MISTAKE_DOUBLED_NAME, "„example.de.example.de“",
		 "Tragen Sie als Name nur „@“ ein (oder lassen Sie das Feld leer, wenn es für die "
		 "Domain selbst steht)."},
		{"doubled name below the apex", &at_provider, "mail.example.de", "example.de",
		 "mail", MISTAKE_DOUBLED_NAME, "„mail.example.de.example.de“",
		 "Bei Hetzner steht im Feld „Name“ nur „mail“."},
		{"www below the apex at a form that takes whole names", &whole_names,
		 "mail.example.de", "example.de", "mail", MISTAKE_WWW,
		 "„www.mail.example.de“. Er gehört an mail.example.de selbst.",
		 "Bei Ganz steht im Feld „Host“ nur „mail.example.de“."},
		{"www at the apex of a form that takes whole names: its convention", &whole_names,
		 "example.de", "example.de", "@", MISTAKE_WWW, "„www.example.de“",
		 "Bei Ganz steht im Feld „Host“ nur „@“."},
		/* The value and the type. */
		{"quoted: the provider's value field", &empty_provider, "example.de", "example.de",
		 "@", MISTAKE_QUOTED, "mit Anführungszeichen gespeichert",
		 "Tragen Sie ihn im Feld „Wert“ ohne Anführungszeichen ein."},
		{"quoted: the generic field", NULL, "example.de", "example.de", "@", MISTAKE_QUOTED,
		 "mit Anführungszeichen gespeichert",
		 "Tragen Sie ihn im Feld „Data“ ohne Anführungszeichen ein."},
		{"typographic", NULL, "example.de", "example.de", "@", MISTAKE_TYPOGRAPHIC,
		 "typografische Anführungszeichen",
		 "Tippen Sie ihn neu ein oder kopieren Sie ihn aus diesem Programm."},
		{"type 99: the provider's type", &typed, "example.de", "example.de", "@",
		 MISTAKE_TYPE99_ONLY, "veralteten Typ „SPF“ (99)",
		 "Bei IONOS wählen Sie als Typ „SPF (TXT)“."},
		{"type 99: generic", NULL, "example.de", "example.de", "@", MISTAKE_TYPE99_ONLY,
		 "veralteten Typ", "Wählen Sie als Typ „TXT“."},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct verdict_result v = {.verdict = VERDICT_WRONG, .auth_total = 2,
					   .auth_answered = 2};
		struct advice_round r = {
			.failure = CHECK_OK, .verdict = &v, .domain = cases[i].domain,
			.label = cases[i].domain, .zone = cases[i].zone, .name = cases[i].name,
			.sender_name = "Flicono", .mistakes = cases[i].mistake,
			.provider = cases[i].provider,
		};
		struct advice a;
		advice_compute(&r, &a);
		print_message("%s\n", cases[i].what);
		assert_int_equal(a.nmistakes, 1);
		assert_int_equal(a.mistake[0].which, cases[i].mistake);
		assert_non_null(strstr(a.mistake[0].what, cases[i].expect_what));
		assert_string_equal(a.mistake[0].fix, cases[i].expect_fix);
	}
}

static void
verdicts(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		enum check_failure failure;
		struct verdict_result v;
		const char *expect;
		enum advice_tone tone;
		const char *unreachable, *resolvers; /* "" none */
		bool eta;
	} cases[] = {
		{"propagated", CHECK_OK,
		 {.verdict = VERDICT_PROPAGATED, .auth_total = 3, .auth_good = 2,
		  .auth_unreachable = 1, .has_eta = true, .eta_seconds = 60},
		 "Ergebnis: verbreitet. Alle Namensserver liefern den neuen Eintrag, und Flicono ist "
		 "berechtigt, in Ihrem Namen zu senden.",
		 ADVICE_GOOD,
		 "(1 Namensserver war nicht erreichbar; auch Empfänger-Mailserver erreichen ihn "
		 "nicht.)",
		 "", false},
		{"pending, one of two", CHECK_OK,
		 {.verdict = VERDICT_PENDING, .auth_total = 2, .auth_good = 1,
		  .resolvers_answered = 3, .resolvers_good = 1, .has_eta = true, .eta_seconds = 7200},
		 "Ergebnis: noch nicht überall. 1 von 2 Namensservern liefert den neuen Eintrag.",
		 ADVICE_WARN, "", "1 von 3 Resolvern liefert ihn schon.", true},
		{"pending, two of three", CHECK_OK,
		 {.verdict = VERDICT_PENDING, .auth_total = 3, .auth_good = 2,
		  .resolvers_answered = 2, .resolvers_good = 2},
		 "Ergebnis: noch nicht überall. 2 von 3 Namensservern liefern den neuen Eintrag.",
		 ADVICE_WARN, "", "", false},
		{"wrong: the cache still counts", CHECK_OK,
		 {.verdict = VERDICT_WRONG, .auth_total = 2, .has_eta = true, .eta_seconds = 300},
		 "Ergebnis: Eintrag fehlt oder ist falsch. Noch kein zuständiger Namensserver liefert "
		 "einen Eintrag, der Flicono berechtigt.",
		 ADVICE_WARN, "", "", true},
		{"unknown", CHECK_OK, {.verdict = VERDICT_UNKNOWN},
		 "Ergebnis: Prüfung nicht möglich. Kein zuständiger Namensserver hat geantwortet.",
		 ADVICE_BAD, "", "", false},
		{"no zone", CHECK_NO_ZONE, {.verdict = VERDICT_PROPAGATED},
		 "Ergebnis: Prüfung nicht möglich. Für example.de gibt es im DNS keine Zone. Ist die "
		 "Domain richtig geschrieben?",
		 ADVICE_BAD, "", "", false},
		{"no name servers", CHECK_NO_NAMESERVERS, {.verdict = VERDICT_UNKNOWN},
		 "Ergebnis: Prüfung nicht möglich. Für die Zone example.de sind keine Namensserver "
		 "zu finden.",
		 ADVICE_BAD, "", "", false},
		/* Each way the resolver fails in its own words: a refusal is no
		 * time-out, an unreachable network neither. */
		/* A domain that does not exist: said so, with what it may mean. */
		{"no domain", CHECK_NO_DOMAIN, {.verdict = VERDICT_UNKNOWN},
		 "Ergebnis: Domain gibt es nicht. Die Domain example.de gibt es im DNS nicht. "
		 "Vielleicht ist sie falsch geschrieben, nicht registriert oder abgelaufen. Prüfen "
		 "Sie die Schreibweise; stimmt sie, fragen Sie Ihren Domain-Anbieter.",
		 ADVICE_BAD, "", "", false},
		{"resolver timed out", CHECK_RESOLVER_TIMEOUT, {.verdict = VERDICT_UNKNOWN},
		 "Ergebnis: Prüfung nicht möglich. Der Resolver antwortet nicht "
		 "(Zeitüberschreitung).",
		 ADVICE_BAD, "", "", false},
		{"resolver refused", CHECK_RESOLVER_REFUSED, {.verdict = VERDICT_UNKNOWN},
		 "Ergebnis: Prüfung nicht möglich. Der Resolver hat die Abfrage abgelehnt.",
		 ADVICE_BAD, "", "", false},
		{"resolver unreachable", CHECK_RESOLVER_UNREACHABLE, {.verdict = VERDICT_UNKNOWN},
		 "Ergebnis: Prüfung nicht möglich. Der Resolver ist nicht erreichbar: Es gibt keinen "
		 "Weg zu ihm im Netz.",
		 ADVICE_BAD, "", "", false},
		{"resolver servfail", CHECK_RESOLVER_SERVFAIL, {.verdict = VERDICT_UNKNOWN},
		 "Ergebnis: Prüfung nicht möglich. Der Resolver meldet einen Serverfehler.",
		 ADVICE_BAD, "", "", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct advice_round r = {
			.failure = cases[i].failure, .verdict = &cases[i].v, .domain = "example.de",
			.label = "example.de", .zone = "example.de", .name = "@",
			.sender_name = "Flicono", .mistakes = MISTAKE_QUOTED,
		};
		struct advice a;
		advice_compute(&r, &a);
		print_message("%s\n", cases[i].what);
		assert_string_equal(a.verdict, cases[i].expect);
		assert_int_equal(a.tone, cases[i].tone);
		assert_string_equal(a.unreachable, cases[i].unreachable);
		assert_string_equal(a.resolvers, cases[i].resolvers);
		assert_int_equal(a.has_eta, cases[i].eta);
		/* A round that could not be judged names no mistake. */
		assert_int_equal(a.nmistakes, cases[i].failure == CHECK_OK ? 1 : 0);
	}
}

/* Several mistakes, in the order of their bits; a zone from DNS with a
 * control character is shown escaped. */
static void
several_and_hostile(void **state)
{
	(void)state;
	struct verdict_result v = {.verdict = VERDICT_WRONG};
	struct advice_round r = {
		.failure = CHECK_OK, .verdict = &v, .domain = "example.de", .label = "example.de",
		.zone = "ex\x1b]0;x\x07.de", .name = "@", .sender_name = "Flicono",
		.mistakes = MISTAKE_AT_LABEL | MISTAKE_QUOTED | MISTAKE_DOUBLED_NAME,
	};
	struct advice a;
	advice_compute(&r, &a);
	assert_int_equal(a.nmistakes, 3);
	assert_int_equal(a.mistake[0].which, MISTAKE_DOUBLED_NAME);
	assert_int_equal(a.mistake[1].which, MISTAKE_QUOTED);
	assert_int_equal(a.mistake[2].which, MISTAKE_AT_LABEL);
	assert_null(strchr(a.mistake[0].what, '\x1b'));
	assert_null(strchr(a.mistake[0].what, '\x07'));
	assert_non_null(strstr(a.mistake[0].what, "\\x1B"));
}

/* The provider's own delay (data/providers: publish_delay), said only while
 * not every name server that answered serves the new record. */
static void
publish_delay(void **state)
{
	(void)state;
	static const struct provider netcup = {.id = "netcup", .name = "netcup",
					       .has_publish_delay = true, .publish_min = 600,
					       .publish_max = 1200};
	static const struct provider cloudflare = {.id = "cloudflare", .name = "Cloudflare",
						   .has_publish_delay = true, .publish_min = 2,
						   .publish_max = 80};
	static const struct provider ionos = {.id = "ionos", .name = "IONOS",
					      .has_publish_delay = true};
	static const struct verdict_result pending = {.verdict = VERDICT_PENDING, .auth_total = 2,
						      .auth_answered = 2, .auth_good = 1};
	static const struct verdict_result none_yet = {.verdict = VERDICT_WRONG, .auth_total = 2,
						       .auth_answered = 2};
	static const struct verdict_result all_serve = {.verdict = VERDICT_PENDING,
							.auth_total = 2, .auth_answered = 2,
							.auth_good = 2, .resolvers_answered = 1};
	static const struct verdict_result silent = {.verdict = VERDICT_UNKNOWN, .auth_total = 2};
	static const struct {
		const char *what;
		const struct provider *provider;
		const struct verdict_result *v;
		enum check_failure failure;
		const char *expect; /* "" none */
	} cases[] = {
		{"netcup, one server lags", &netcup, &pending, CHECK_OK,
		 "Bei netcup erscheinen Änderungen erst nach bis zu 20 Minuten auf den "
		 "Namensservern."},
		{"netcup, no server has it yet", &netcup, &none_yet, CHECK_OK,
		 "Bei netcup erscheinen Änderungen erst nach bis zu 20 Minuten auf den "
		 "Namensservern."},
		{"cloudflare, one server lags", &cloudflare, &pending, CHECK_OK,
		 "Bei Cloudflare erscheinen Änderungen meist nach wenigen Sekunden auf den "
		 "Namensservern, manchmal erst nach etwa einer Minute oder mehr."},
		{"ionos: at once", &ionos, &pending, CHECK_OK,
		 "Bei IONOS erscheinen Änderungen sofort auf den Namensservern."},
		{"netcup, all name servers serve it (caches lag)", &netcup, &all_serve, CHECK_OK, ""},
		{"netcup, no name server answered", &netcup, &silent, CHECK_OK, ""},
		{"netcup, the round failed", &netcup, &pending, CHECK_NO_NAMESERVERS, ""},
		{"no delay known", &empty_provider, &pending, CHECK_OK, ""},
		{"no provider", NULL, &pending, CHECK_OK, ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct advice_round r = {
			.failure = cases[i].failure, .verdict = cases[i].v, .domain = "example.de",
			.label = "example.de", .zone = "example.de", .name = "@",
			.sender_name = "Flicono", .provider = cases[i].provider,
		};
		struct advice a;
		advice_compute(&r, &a);
		print_message("%s\n", cases[i].what);
		assert_string_equal(a.publish_delay, cases[i].expect);
	}
}

static void
outcome_and_eta(void **state)
{
	(void)state;
	char buf[200];
	assert_string_equal(advice_outcome(true, VERDICT_PROPAGATED), "verbreitet");
	assert_string_equal(advice_outcome(true, VERDICT_PENDING), "noch nicht überall");
	assert_string_equal(advice_outcome(true, VERDICT_WRONG), "Eintrag fehlt oder ist falsch");
	assert_string_equal(advice_outcome(true, VERDICT_UNKNOWN), "Prüfung nicht möglich");
	assert_string_equal(advice_outcome(false, VERDICT_PROPAGATED), "Prüfung nicht möglich");
	assert_string_equal(advice_eta(2 * 3600 + 14 * 60, buf, sizeof(buf)),
			    "Alte Antworten in Zwischenspeichern laufen spätestens in 2 h 14 min ab.");
}

static void
next_steps(void **state)
{
	(void)state;
	struct verdict_result pending = {.verdict = VERDICT_PENDING, .has_eta = true,
					 .eta_seconds = 3600};
	struct verdict_result wrong = {.verdict = VERDICT_WRONG};
	static const char *const publish =
	    "Den Eintrag oben beim Domain-Anbieter anlegen, danach prüfen: "
	    "flicono-mailsetup check example.de";
	const struct {
		const char *what;
		struct advice_next n;
		const char *expect;
	} cases[] = {
		{"alias", {.alias = true, .outcome = PROPOSAL_PUBLISH},
		 "Die Alias-Funktion in den Voreinstellungen von Flicono einschalten. Im DNS ist "
		 "nichts zu ändern."},
		{"before a check", {.outcome = PROPOSAL_PUBLISH, .domain = "example.de"}, publish},
		{"pending, with the time",
		 {.outcome = PROPOSAL_PUBLISH, .checked = true, .verdict = &pending,
		  .eta_at = "2026-12-02T15:05:10+01:00"},
		 "Abwarten: Alte Antworten in Zwischenspeichern laufen spätestens in 1 h ab "
		 "(2026-12-02T15:05:10+01:00); danach erneut prüfen."},
		{"wrong, replacing",
		 {.outcome = PROPOSAL_PUBLISH, .replaces = true, .checked = true, .verdict = &wrong},
		 "Der Eintrag fehlt oder ist falsch: den vorhandenen SPF-Eintrag beim "
		 "Domain-Anbieter durch den Eintrag oben ersetzen, danach erneut prüfen."},
		{"check failed", {.checked = true, .check_failed = true, .verdict = &wrong},
		 "Die Prüfung war nicht möglich (keine Antwort aus dem DNS): später erneut "
		 "prüfen."},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[1024];
		print_message("%s\n", cases[i].what);
		assert_string_equal(advice_next_step(&cases[i].n, buf, sizeof(buf)),
				    cases[i].expect);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mistakes),
		cmocka_unit_test(verdicts),
		cmocka_unit_test(several_and_hostile),
		cmocka_unit_test(publish_delay),
		cmocka_unit_test(outcome_and_eta),
		cmocka_unit_test(next_steps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
