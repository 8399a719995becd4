/* test-proposal.c — the one answer every front-end renders: zone and owner
 * name, freemail, the record to publish or why there is none, the sender
 * check_host() runs as, the provider. Over the fake seam. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fake-seam.h"
#include "proposal.h"
#include "zone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define F "ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2"
#define TEMPLATE "v=spf1 mx " F " -all"

static struct profile profile;
static struct freemail_list *freemail;

static int
setup(void **state)
{
	(void)state;
	struct inifile_problem problem;
	char path[4096];
	const char *dir = getenv("FLICONO_MAILSETUP_DATADIR");
	snprintf(path, sizeof(path), "%s/flicono.profile", dir ? dir : "data");
	unsigned line;
	const char *list = "gmx.de\nweb.de\n";
	return profile_load(path, &profile, &problem) &&
			       freemail_parse(list, strlen(list), &freemail, &line) == FREEMAIL_OK
		       ? 0
		       : -1;
}

static int
teardown(void **state)
{
	(void)state;
	profile_clear(&profile);
	freemail_free(freemail);
	return 0;
}

/* A zone at ZONE with its SOA. */
static void
zone_at(struct fake_zone *z, const char *zone)
{
	fake_add(z, zone, DNS_TYPE_SOA, "ns1 hostmaster 1 3600 900 604800 60");
}

/* The proposal for ADDRESS over Z with the organisational domain ORG
 * (NULL: unknown); the caller clears *p. */
static void
propose_org(const char *address, const char *org, struct fake_zone *z, struct proposal *p)
{
	struct address addr;
	struct address_problem problem;
	assert_true(address_parse(address, &addr, &problem));
	struct dns_seam seam = fake_seam(z);
	struct proposal_request req = {.addr = &addr, .profile = &profile, .freemail = freemail,
				       .seam = &seam, .org_domain = org};
	assert_true(proposal_compute(&req, p));
	address_clear(&addr);
}

/* The proposal for ADDRESS over Z (NULL: no DNS); the caller clears *p. */
static void
propose(const char *address, struct fake_zone *z, struct proposal *p)
{
	struct address addr;
	struct address_problem problem;
	assert_true(address_parse(address, &addr, &problem));
	struct dns_seam seam = z ? fake_seam(z) : (struct dns_seam){0};
	struct proposal_request req = {.addr = &addr, .profile = &profile, .freemail = freemail,
				       .seam = z ? &seam : NULL};
	assert_true(proposal_compute(&req, p));
	address_clear(&addr);
}

static void
apex_without_record_gets_the_template(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	zone_at(&z, "firma.de");
	fake_add(&z, "firma.de", DNS_TYPE_TXT, "hallo welt");
	fake_add(&z, "firma.de", DNS_TYPE_MX, "mx.firma.de");
	fake_add(&z, "mx.firma.de", DNS_TYPE_A, "192.0.2.25");
	struct proposal p;
	propose("info@firma.de", &z, &p);
	assert_int_equal(p.outcome, PROPOSAL_PUBLISH);
	assert_int_equal(p.merge.action, MERGE_NEW);
	assert_true(p.zone_found);
	assert_string_equal(p.zone.name, "firma.de");
	assert_string_equal(p.zone.rel, "@");
	assert_string_equal(p.sender, "info@firma.de");
	char *line = proposal_entry(&p, &profile, ENTRY_FORM_LINE, true);
	assert_string_equal(line, "@ 86400 IN TXT \"" TEMPLATE "\"\n");
	free(line);
	assert_true(proposal_template_strict(&p, &profile));
	proposal_clear(&p);
}

static void
subdomain_sender_is_named_relative_to_its_zone(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	zone_at(&z, "beispiel-firma.de");
	fake_add(&z, "beispiel-firma.de", DNS_TYPE_TXT, "v=spf1 mx -all");
	fake_add(&z, "www.beispiel-firma.de", DNS_TYPE_A, "192.0.2.80");
	struct proposal p;
	propose("info@mail.beispiel-firma.de", &z, &p);
	assert_int_equal(p.outcome, PROPOSAL_PUBLISH);
	/* The apex's record is not the subdomain's: a new one, at "mail". */
	assert_int_equal(p.merge.action, MERGE_NEW);
	assert_string_equal(p.zone.name, "beispiel-firma.de");
	assert_string_equal(p.zone.rel, "mail");
	char *fields = proposal_entry(&p, &profile, ENTRY_FORM_FIELDS, false);
	assert_non_null(strstr(fields, "Name: mail\n"));
	assert_null(strstr(fields, "TTL"));
	free(fields);
	proposal_clear(&p);
}

/* The sentences that go with the template (show, the wizard, the note): why
 * it has no mx, and what -all means with and without mx. */
static void
template_notes(void **state)
{
	(void)state;
	char buf[1024];
	struct fake_zone z = {0};
	zone_at(&z, "firma.de");
	fake_add(&z, "firma.de", DNS_TYPE_MX, "mx.firma.de");
	fake_add(&z, "mx.firma.de", DNS_TYPE_A, "192.0.2.25");
	fake_add(&z, "mail.firma.de", DNS_TYPE_A, "192.0.2.26");
	struct proposal p;

	propose("info@firma.de", &z, &p); /* MX records: mx stays, no reason to give */
	assert_false(p.merge.mx_dropped);
	assert_null(proposal_mx_note(&p, "firma.de", buf, sizeof(buf)));
	assert_string_equal(proposal_strict_note(&p, &profile, "firma.de", buf, sizeof(buf)),
			    "Hinweis: Mit „-all“ dürfen nur die Mailserver Ihrer Domain (mx) und "
			    "Flicono E-Mails für firma.de senden. Versenden Sie auch über einen "
			    "anderen Server (z. B. den SMTP-Server Ihres E-Mail-Anbieters), muss "
			    "dieser ebenfalls in den Eintrag.");
	proposal_clear(&p);

	propose("info@mail.firma.de", &z, &p); /* no MX: the template without mx */
	size_t len;
	assert_string_equal(proposal_record(&p, &profile, &len), "v=spf1 " F " -all");
	assert_string_equal(proposal_mx_note(&p, "mail.firma.de", buf, sizeof(buf)),
			    "Ohne „mx“: Für mail.firma.de gibt es keinen Mailserver-Eintrag (MX), "
			    "„mx“ würde nichts erlauben und eine Abfrage kosten.");
	assert_string_equal(proposal_strict_note(&p, &profile, "mail.firma.de", buf, sizeof(buf)),
			    "Hinweis: Mit „-all“ darf nur Flicono E-Mails für mail.firma.de "
			    "senden. Versenden Sie auch über einen anderen Server (z. B. den "
			    "SMTP-Server Ihres E-Mail-Anbieters), muss dieser ebenfalls in den "
			    "Eintrag.");
	proposal_clear(&p);

	fake_add(&z, "firma.de", DNS_TYPE_TXT, "v=spf1 mx ~all"); /* extended: neither */
	propose("info@firma.de", &z, &p);
	assert_int_equal(p.merge.action, MERGE_EXTEND);
	assert_null(proposal_mx_note(&p, "firma.de", buf, sizeof(buf)));
	assert_null(proposal_strict_note(&p, &profile, "firma.de", buf, sizeof(buf)));
	proposal_clear(&p);
}

static void
freemail_proposes_nothing_and_asks_no_dns(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	struct proposal p;
	propose("rechnung@GMX.de", &z, &p);
	assert_int_equal(p.outcome, PROPOSAL_FREEMAIL);
	assert_int_equal(z.lookups, 0);
	proposal_clear(&p);
	propose("rechnung@gmx.de", NULL, &p); /* show --no-lookup too */
	assert_int_equal(p.outcome, PROPOSAL_FREEMAIL);
	proposal_clear(&p);
}

static void
existing_record_is_extended(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	zone_at(&z, "firma.de");
	fake_add(&z, "firma.de", DNS_TYPE_TXT, "v=spf1 mx ~all");
	struct proposal p;
	propose("firma.de", &z, &p);
	assert_int_equal(p.outcome, PROPOSAL_PUBLISH);
	assert_int_equal(p.merge.action, MERGE_EXTEND);
	assert_string_equal(p.sender, "postmaster@firma.de");
	size_t len;
	assert_string_equal(proposal_record(&p, &profile, &len), "v=spf1 mx " F " ~all");
	assert_false(proposal_template_strict(&p, &profile));
	proposal_clear(&p);
}

static void
excluding_term_makes_the_merge_unfit(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	zone_at(&z, "firma.de");
	fake_add(&z, "firma.de", DNS_TYPE_TXT, "v=spf1 -ip4:148.251.195.0/24 mx ~all");
	struct proposal p;
	propose("info@firma.de", &z, &p);
	assert_int_equal(p.outcome, PROPOSAL_UNFIT);
	assert_false(p.merge.authorises);
	proposal_clear(&p);
}

static void
broken_and_doubled_records(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	zone_at(&z, "firma.de");
	fake_add(&z, "firma.de", DNS_TYPE_TXT, "v=spf1 mx moo:bar -all");
	struct proposal p;
	propose("info@firma.de", &z, &p);
	assert_int_equal(p.outcome, PROPOSAL_BROKEN);
	proposal_clear(&p);

	struct fake_zone d = {0};
	zone_at(&d, "firma.de");
	fake_add(&d, "firma.de", DNS_TYPE_TXT, "v=spf1 mx -all");
	fake_add(&d, "firma.de", DNS_TYPE_TXT, "v=spf1 a -all");
	propose("info@firma.de", &d, &p);
	assert_int_equal(p.outcome, PROPOSAL_PUBLISH);
	assert_int_equal(p.merge.action, MERGE_COMBINE);
	assert_int_equal(p.merge.nexisting, 2);
	proposal_clear(&p);
}

static void
no_answer_proposes_nothing(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	zone_at(&z, "firma.de");
	z.timeout_name = "firma.de";
	struct proposal p;
	propose("info@firma.de", &z, &p);
	assert_int_equal(p.outcome, PROPOSAL_NO_ANSWER);
	assert_int_equal(p.txt_status, DNS_STATUS_TIMEOUT);
	proposal_clear(&p);
}

/* A mistyped domain: NXDOMAIN for the registrable domain, whose parent is a
 * public suffix ("de" has a SOA). Nothing is proposed, and "de" is never
 * the customer's zone; a missing name below an existing zone is proposed. */
static void
missing_domain_proposes_nothing(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	zone_at(&z, "de");
	zone_at(&z, "beispiel-firma.de");
	struct proposal p;
	propose_org("info@tippfehler-firma.de", "tippfehler-firma.de", &z, &p);
	assert_int_equal(p.outcome, PROPOSAL_NO_DOMAIN);
	assert_true(p.nxdomain);
	assert_false(p.zone_found);
	assert_string_not_equal(p.zone.name, "de");
	assert_false(p.has_provider);
	proposal_clear(&p);
	propose_org("info@mail.beispiel-firma.de", "beispiel-firma.de", &z, &p);
	assert_int_equal(p.outcome, PROPOSAL_PUBLISH);
	assert_true(p.nxdomain);
	assert_string_equal(p.zone.name, "beispiel-firma.de");
	assert_string_equal(p.zone.rel, "mail");
	proposal_clear(&p);
}

/* A record that authorises one local part only: the verdict depends on the
 * sender, so every front-end must run check_host() as the same one. */
static void
check_host_runs_as_the_typed_sender(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	zone_at(&z, "firma.de");
	fake_add(&z, "firma.de", DNS_TYPE_TXT, "v=spf1 exists:%{l}._ok.firma.de -all");
	fake_add(&z, "info._ok.firma.de", DNS_TYPE_A, "127.0.0.2");
	struct proposal p;
	propose("info@firma.de", &z, &p);
	assert_int_equal(p.outcome, PROPOSAL_NOTHING);
	proposal_clear(&p);
	propose("firma.de", &z, &p);
	assert_string_equal(p.sender, "postmaster@firma.de");
	assert_int_not_equal(p.outcome, PROPOSAL_NOTHING);
	proposal_clear(&p);
}

static void
without_dns_the_zone_is_guessed(void **state)
{
	(void)state;
	struct proposal p;
	propose("info@mail.beispiel-firma.de", NULL, &p);
	assert_int_equal(p.outcome, PROPOSAL_PUBLISH);
	assert_true(p.zone_guessed);
	assert_string_equal(p.zone.name, "beispiel-firma.de");
	assert_string_equal(p.zone.rel, "mail");
	proposal_clear(&p);
	propose("info@firma.de", NULL, &p);
	assert_string_equal(p.zone.rel, "@");
	proposal_clear(&p);
}

static void
hostile_existing_record_is_escaped_in_every_form(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	zone_at(&z, "firma.de");
	fake_add(&z, "firma.de", DNS_TYPE_TXT, "v=spf1 a:x\x1b]0;t\x07.firma.de ~all");
	struct proposal p;
	propose("info@firma.de", &z, &p);
	for (int form = ENTRY_FORM_LINE; form <= ENTRY_FORM_FIELDS; form++) {
		char *text = proposal_entry(&p, &profile, (enum entry_form)form, true);
		assert_non_null(text);
		for (const char *c = text; *c; c++)
			assert_true(*c == '\n' || (unsigned char)*c >= 0x20);
		free(text);
	}
	proposal_clear(&p);
}

static void
zone_finder_and_guess(void **state)
{
	(void)state;
	struct fake_zone z = {0};
	zone_at(&z, "b.de");
	struct dns_seam seam = fake_seam(&z);
	struct zone zone;
	assert_int_equal(zone_find(&seam, "x.y.b.de", &zone), ZONE_FOUND);
	assert_string_equal(zone.name, "b.de");
	assert_string_equal(zone.rel, "x.y");
	assert_int_equal(zone_find(&seam, "c.de", &zone), ZONE_NONE);
	z.timeout_name = "q.b.de";
	assert_int_equal(zone_find(&seam, "q.b.de", &zone), ZONE_RESOLVER_DOWN);
	assert_false(zone_guess("b.de", &zone));
	assert_string_equal(zone.rel, "@");
	assert_true(zone_guess("a.b.c.de", &zone));
	assert_string_equal(zone.name, "c.de");
	assert_string_equal(zone.rel, "a.b");
	assert_null(zone_parent("de"));
	assert_string_equal(zone_parent("a.de"), "de");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(apex_without_record_gets_the_template),
		cmocka_unit_test(subdomain_sender_is_named_relative_to_its_zone),
		cmocka_unit_test(template_notes),
		cmocka_unit_test(freemail_proposes_nothing_and_asks_no_dns),
		cmocka_unit_test(existing_record_is_extended),
		cmocka_unit_test(excluding_term_makes_the_merge_unfit),
		cmocka_unit_test(broken_and_doubled_records),
		cmocka_unit_test(no_answer_proposes_nothing),
		cmocka_unit_test(check_host_runs_as_the_typed_sender),
		cmocka_unit_test(without_dns_the_zone_is_guessed),
		cmocka_unit_test(hostile_existing_record_is_escaped_in_every_form),
		cmocka_unit_test(zone_finder_and_guess),
		cmocka_unit_test(missing_domain_proposes_nothing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
