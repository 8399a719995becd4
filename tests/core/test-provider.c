/* test-provider.c — the shipped data/providers, the name patterns, the
 * detection rule, and every way the file can be wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "datapath.h"
#include "provider.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct provider_list shipped;

static int
load_shipped(void **state)
{
	(void)state;
	struct inifile_problem problem;
	char *path = datapath_file("providers");
	bool ok = path && provider_load(path, &shipped, &problem);
	if (!ok)
		fprintf(stderr, "data/providers: error %d at line %u (%s, %s)\n", problem.error,
			problem.line, problem.section, problem.key);
	free(path);
	return ok ? 0 : -1;
}

static int
clear_shipped(void **state)
{
	(void)state;
	provider_list_clear(&shipped);
	provider_list_clear(&shipped); /* twice, and NULL: no-ops */
	provider_list_clear(NULL);
	return 0;
}

static const char *const required_ids[] = {
	"ionos", "strato", "telekom", "hetzner", "all-inkl", "netcup", "domainfactory",
	"mittwald", "inwx", "united-domains", "cloudflare", "godaddy", "namecheap", "ovhcloud",
	"hostinger", "1blu", "hostpoint",
};

static void
shipped_has_the_providers(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(required_ids) / sizeof(required_ids[0]); i++) {
		const struct provider *p = provider_find(&shipped, required_ids[i]);
		if (!p)
			fail_msg("data/providers lacks [%s]", required_ids[i]);
		assert_non_null(p->name);
	}
	assert_null(provider_find(&shipped, "STRATO"));
	assert_null(provider_find(&shipped, NULL));
	assert_string_equal(provider_find(&shipped, "strato")->name, "STRATO");
}

/* A few facts the wizard depends on, exactly as the reference has them. */
static void
shipped_facts(void **state)
{
	(void)state;
	const struct provider *p = provider_find(&shipped, "strato");
	assert_string_equal(p->label_name, "Präfix");
	assert_string_equal(p->label_value, "Wert");
	assert_int_equal(p->name_appends_domain, PROVIDER_ANSWER_YES);
	assert_int_equal(p->apex, PROVIDER_APEX_EMPTY);
	assert_int_equal(p->ttl, PROVIDER_TTL_UNKNOWN);
	assert_null(p->label_ttl);
	p = provider_find(&shipped, "telekom");
	assert_int_equal(p->ttl, PROVIDER_TTL_FIXED);
	assert_int_equal(p->ttl_fixed, 84600);
	assert_string_equal(p->type_value, "TXT - Text");
	/* IONOS's own words warn against a second SPF record; STRATO's do not. */
	assert_int_equal(provider_find(&shipped, "ionos")->feature_says_one_record,
			 PROVIDER_ANSWER_YES);
	assert_int_equal(provider_find(&shipped, "strato")->feature_says_one_record,
			 PROVIDER_ANSWER_UNKNOWN);
	assert_string_equal(p->label_name, "Name Prefix");
	p = provider_find(&shipped, "all-inkl");
	assert_string_equal(p->type_value, "TXT (SPF)");
	assert_int_equal(p->apex, PROVIDER_APEX_EMPTY);
	p = provider_find(&shipped, "cloudflare");
	assert_int_equal(p->quotes, PROVIDER_QUOTES_ADDS);
	assert_int_equal(p->max_length, 2048);
	assert_int_equal(p->apex, PROVIDER_APEX_AT);
	p = provider_find(&shipped, "ionos");
	assert_string_equal(p->type_value, "SPF (TXT)");
	assert_non_null(provider_spf_feature(p, "de"));
	assert_ptr_equal(provider_spf_feature(p, "en"), p->spf_feature_en);
	assert_ptr_equal(provider_path(p, "fr"), &p->path_de);
	assert_string_equal(provider_path(p, "de")->step[1], "„Domain & SSL“");
	p = provider_find(&shipped, "hostpoint");
	assert_true(p->has_live_time);
	assert_int_equal(p->live_min, 300);
	assert_int_equal(p->live_max, 600);
	/* Until the provider's own name servers serve a change, where a source
	 * names it: netcup reloads its zones every 10 min, at times 20;
	 * Cloudflare within seconds, at times 60-80 s; IONOS at once. */
	p = provider_find(&shipped, "netcup");
	assert_true(p->has_publish_delay);
	assert_int_equal(p->publish_min, 600);
	assert_int_equal(p->publish_max, 1200);
	p = provider_find(&shipped, "cloudflare");
	assert_true(p->has_publish_delay);
	assert_int_equal(p->publish_min, 2);
	assert_int_equal(p->publish_max, 80);
	p = provider_find(&shipped, "ionos");
	assert_true(p->has_publish_delay);
	assert_int_equal(p->publish_max, 0);
	assert_false(provider_find(&shipped, "strato")->has_publish_delay);
	/* Nothing known: everything unknown. */
	p = provider_find(&shipped, "checkdomain");
	assert_int_equal(p->form, PROVIDER_FORM_UNKNOWN);
	assert_null(p->label_name);
	assert_int_equal(p->path_de.n, 0);
	assert_null(p->spf_feature_de);
}

static void
patterns(void **state)
{
	(void)state;
	static const struct {
		const char *pattern, *name;
		bool match;
	} cases[] = {
		{"docks##.rzone.de", "docks07.rzone.de", true},
		{"docks##.rzone.de", "DOCKS07.Rzone.DE.", true},
		{"docks##.rzone.de", "docks7.rzone.de", false},
		{"docks##.rzone.de", "docks007.rzone.de", false},
		{"docks##.rzone.de", "docksab.rzone.de", false},
		{"docks##.rzone.de", "xdocks07.rzone.de", false},
		{"docks##.rzone.de", "docks07.rzone.de.example", false},
		{"docks##.rzone.de", "docks07.rzone.de..", false},
		{"docks##.rzone.de", "docks07.xrzone.de", false},
		{"*.ns.cloudflare.com", "amy.ns.cloudflare.com", true},
		{"*.ns.cloudflare.com", "xns.cloudflare.com", false},
		{"*.ns.cloudflare.com", "ns.cloudflare.com", false},
		{"*.ns.cloudflare.com", ".ns.cloudflare.com", false},
		{"*.ns.cloudflare.com", "a.b.ns.cloudflare.com", false},
		{"*.ns.cloudflare.com", "amy.ns.cloudflare.com.evil", false},
		{"ns1###.ui-dns.de", "ns1045.ui-dns.de", true},
		{"ns1###.ui-dns.de", "ns10455.ui-dns.de", false},
		{"ns1###.ui-dns.de", "ui-dns.de.example.com", false},
		{"a*b.example.de", "ab.example.de", false},
		{"a*b.example.de", "axxb.example.de", true},
		{"a*b.example.de", "axb.example.de", true},
		{"*.dns-parking.com", "m\xc3\xbcller.dns-parking.com", false},
		{"*.dns-parking.com", "", false},
		{"*.dns-parking.com", NULL, false},
		{"*.dns-parking.com", "a b.dns-parking.com", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (provider_name_matches(cases[i].pattern, cases[i].name) != cases[i].match)
			fail_msg("%s against %s: expected %s", cases[i].pattern,
				 cases[i].name ? cases[i].name : "(null)",
				 cases[i].match ? "a match" : "no match");
}

enum { MAX_NS = 6 };
struct detect_case {
	const char *ns[MAX_NS];
	const char *mname, *rname;
	const char *id; /* NULL: no provider */
	const char *name;
	enum provider_evidence evidence;
};

/* Two or more real-looking NS sets per provider that has NS patterns. */
static const struct detect_case sets[] = {
	{{"ns1045.ui-dns.de", "ns1045.ui-dns.com", "ns1045.ui-dns.org", "ns1045.ui-dns.biz"},
	 NULL, NULL, "ionos", "ns1045.ui-dns.biz", PROVIDER_BY_NS},
	{{"ns1126.ui-dns.com", "ns1016.ui-dns.de"}, NULL, NULL, "ionos", "ns1016.ui-dns.de",
	 PROVIDER_BY_NS},
	{{"shades01.rzone.de", "docks10.rzone.de"}, NULL, NULL, "strato", "docks10.rzone.de",
	 PROVIDER_BY_NS},
	{{"shades12.rzone.de.", "DOCKS17.RZONE.DE", "shades03.rzone.de"}, NULL, NULL, "strato",
	 "docks17.rzone.de", PROVIDER_BY_NS},
	{{"hydrogen.ns.hetzner.com", "oxygen.ns.hetzner.com", "helium.ns.hetzner.de"}, NULL,
	 NULL, "hetzner", "helium.ns.hetzner.de", PROVIDER_BY_NS},
	{{"ns1.first-ns.de", "robotns2.second-ns.de", "robotns3.second-ns.com"}, NULL, NULL,
	 "hetzner", "ns1.first-ns.de", PROVIDER_BY_NS},
	{{"ns1.your-server.de", "ns.second-ns.com", "ns3.second-ns.de"}, NULL, NULL, "hetzner",
	 "ns.second-ns.com", PROVIDER_BY_NS},
	{{"ns5.kasserver.com", "ns6.kasserver.com"}, NULL, NULL, "all-inkl", "ns5.kasserver.com",
	 PROVIDER_BY_NS},
	{{"NS6.KASSERVER.COM."}, NULL, NULL, "all-inkl", "ns6.kasserver.com", PROVIDER_BY_NS},
	{{"third-dns.netcup.net", "root-dns.netcup.net", "second-dns.netcup.net"}, NULL, NULL,
	 "netcup", "root-dns.netcup.net", PROVIDER_BY_NS},
	{{"third-dns.netcup.net", "second-dns.netcup.net"}, NULL, NULL, "netcup",
	 "second-dns.netcup.net", PROVIDER_BY_NS},
	{{"ns1.hans.hosteurope.de", "ns2.hans.hosteurope.de"}, NULL, NULL, "hosteurope",
	 "ns1.hans.hosteurope.de", PROVIDER_BY_NS},
	{{"ns2.hans.hosteurope.de."}, NULL, NULL, "hosteurope", "ns2.hans.hosteurope.de",
	 PROVIDER_BY_NS},
	{{"ns.namespace4you.de", "ns2.namespace4you.de"}, NULL, NULL, "domainfactory",
	 "ns.namespace4you.de", PROVIDER_BY_NS},
	{{"ns2.namespace4you.de", "ns1.namespace4you.de"}, NULL, NULL, "domainfactory",
	 "ns1.namespace4you.de", PROVIDER_BY_NS},
	{{"ns01.agenturserver.de", "ns01.agenturserver.it", "ns01.agenturserver.co"}, NULL, NULL,
	 "mittwald", "ns01.agenturserver.co", PROVIDER_BY_NS},
	{{"ns01.agenturserver.it", "ns01.agenturserver.de"}, NULL, NULL, "mittwald",
	 "ns01.agenturserver.de", PROVIDER_BY_NS},
	{{"ns.checkdomain.de", "ns2.checkdomain.de"}, NULL, NULL, "checkdomain",
	 "ns.checkdomain.de", PROVIDER_BY_NS},
	{{"ns2.checkdomain.de"}, NULL, NULL, "checkdomain", "ns2.checkdomain.de",
	 PROVIDER_BY_NS},
	{{"ns.inwx.de", "ns2.inwx.de", "ns3.inwx.eu"}, NULL, NULL, "inwx", "ns.inwx.de",
	 PROVIDER_BY_NS},
	{{"ns2.inwx.net", "ns.inwx.net"}, NULL, NULL, "inwx", "ns.inwx.net", PROVIDER_BY_NS},
	{{"ns.udag.de", "ns.udag.net", "ns.udag.org"}, NULL, NULL, "united-domains",
	 "ns.udag.de", PROVIDER_BY_NS},
	{{"ns.udag.org", "ns.udag.net"}, NULL, NULL, "united-domains", "ns.udag.net",
	 PROVIDER_BY_NS},
	{{"bob.ns.cloudflare.com", "amy.ns.cloudflare.com"}, NULL, NULL, "cloudflare",
	 "amy.ns.cloudflare.com", PROVIDER_BY_NS},
	{{"ivy.foundationdns.org", "ivy.foundationdns.net", "ivy.foundationdns.com"}, NULL, NULL,
	 "cloudflare", "ivy.foundationdns.com", PROVIDER_BY_NS},
	{{"ns02.domaincontrol.com", "ns01.domaincontrol.com"}, NULL, NULL, "godaddy",
	 "ns01.domaincontrol.com", PROVIDER_BY_NS},
	{{"ns45.domaincontrol.com", "ns46.domaincontrol.com"}, NULL, NULL, "godaddy",
	 "ns45.domaincontrol.com", PROVIDER_BY_NS},
	{{"dns1.registrar-servers.com", "dns2.registrar-servers.com"}, NULL, NULL, "namecheap",
	 "dns1.registrar-servers.com", PROVIDER_BY_NS},
	{{"dns2.namecheaphosting.com", "dns1.namecheaphosting.com"}, NULL, NULL, "namecheap",
	 "dns1.namecheaphosting.com", PROVIDER_BY_NS},
	{{"ns19.ovh.net", "dns19.ovh.net"}, NULL, NULL, "ovhcloud", "dns19.ovh.net",
	 PROVIDER_BY_NS},
	{{"dns10.ovh.net", "ns10.ovh.net"}, NULL, NULL, "ovhcloud", "dns10.ovh.net",
	 PROVIDER_BY_NS},
	{{"ns1.dns-parking.com", "ns2.dns-parking.com"}, NULL, NULL, "hostinger",
	 "ns1.dns-parking.com", PROVIDER_BY_NS},
	{{"lee.dns-parking.com", "kim.dns-parking.com"}, NULL, NULL, "hostinger",
	 "kim.dns-parking.com", PROVIDER_BY_NS},
	{{"ns1.world4you.at", "ns2.world4you.at"}, NULL, NULL, "world4you", "ns1.world4you.at",
	 PROVIDER_BY_NS},
	{{"ns2.world4you.at"}, NULL, NULL, "world4you", "ns2.world4you.at", PROVIDER_BY_NS},
};

/* Near misses, SOA, mixed sets, the tie-break. */
static const struct detect_case others[] = {
	{{"ui-dns.de.example.com"}, NULL, NULL, NULL, NULL, 0},
	{{"ns1045.ui-dns.de.evil.example"}, NULL, NULL, NULL, NULL, 0},
	{{"rzone.de.example.org"}, NULL, NULL, NULL, NULL, 0},
	{{"docks07.rzone.de.example"}, NULL, NULL, NULL, NULL, 0},
	{{"xns.cloudflare.com", "ns.cloudflare.com"}, NULL, NULL, NULL, NULL, 0},
	{{"docks07.rzone.de.example", "ns1.example.net"}, "ns1.example.net",
	 "hostmaster.example.net", NULL, NULL, 0},
	{{NULL}, NULL, NULL, NULL, NULL, 0}, /* an empty set */
	{{""}, "", "", NULL, NULL, 0},
	/* The RNAME is matched against soa patterns only. */
	{{"ns1.example.net"}, NULL, "docks07.rzone.de", NULL, NULL, 0},
	/* Hostpoint is known by its SOA only. */
	{{"ns1.example.net", "ns2.example.net"}, "ns1.hostpoint.ch", NULL, "hostpoint",
	 "ns1.hostpoint.ch", PROVIDER_BY_SOA_MNAME},
	{{"ns1.example.net"}, "ns1.example.net", "hostmaster.hostpoint.ch.", "hostpoint",
	 "hostmaster.hostpoint.ch", PROVIDER_BY_SOA_RNAME},
	{{"ns1.example.net"}, NULL, "hostmaster.strato-rz.de", "strato",
	 "hostmaster.strato-rz.de", PROVIDER_BY_SOA_RNAME},
	/* Mixed: the vote, unless the SOA names the primary. */
	{{"docks10.rzone.de", "ns1.first-ns.de", "robotns2.second-ns.de"}, NULL, NULL, "hetzner",
	 "ns1.first-ns.de", PROVIDER_BY_NS},
	{{"docks10.rzone.de", "ns1.first-ns.de", "robotns2.second-ns.de"}, "docks10.rzone.de.",
	 "hostmaster.strato-rz.de", "strato", "docks10.rzone.de", PROVIDER_BY_SOA_MNAME},
	{{"ns1.your-server.de", "ns1.secondary.example"}, "ns1.secondary.example", NULL,
	 "hetzner", "ns1.your-server.de", PROVIDER_BY_NS},
	{{"ns1.world4you.at", "amy.ns.cloudflare.com"}, "ns3.world4you.at", NULL, "world4you",
	 "ns3.world4you.at", PROVIDER_BY_SOA_MNAME},
	/* A tie: the first name in sorted order decides. */
	{{"ns5.kasserver.com", "zed.ns.cloudflare.com"}, NULL, NULL, "all-inkl",
	 "ns5.kasserver.com", PROVIDER_BY_NS},
	{{"ns5.kasserver.com", "amy.ns.cloudflare.com"}, NULL, NULL, "cloudflare",
	 "amy.ns.cloudflare.com", PROVIDER_BY_NS},
	/* The same name twice is one vote. */
	{{"amy.ns.cloudflare.com", "AMY.NS.CLOUDFLARE.COM.", "ns6.kasserver.com",
	  "ns5.kasserver.com"},
	 NULL, NULL, "all-inkl", "ns5.kasserver.com", PROVIDER_BY_NS},
};

static size_t
count_ns(const struct detect_case *c)
{
	size_t n = 0;
	while (n < MAX_NS && c->ns[n])
		n++;
	return n;
}

static void
run_cases(const struct detect_case *cases, size_t ncases)
{
	for (size_t i = 0; i < ncases; i++) {
		const struct detect_case *c = &cases[i];
		struct provider_match m;
		bool got = provider_detect(&shipped, c->ns, count_ns(c), c->mname, c->rname, &m);
		const char *first = c->ns[0] ? c->ns[0] : "(empty set)";
		if (!c->id) {
			if (got)
				fail_msg("%s: detected %s, expected none", first, m.provider->id);
			assert_null(m.provider);
			continue;
		}
		if (!got)
			fail_msg("%s: no provider, expected %s", first, c->id);
		if (strcmp(m.provider->id, c->id) != 0 || strcmp(m.name, c->name) != 0 ||
		    m.evidence != c->evidence)
			fail_msg("%s: got %s by %s (%d), expected %s by %s (%d)", first,
				 m.provider->id, m.name, m.evidence, c->id, c->name, c->evidence);
	}
}

static void
detect_sets(void **state)
{
	(void)state;
	run_cases(sets, sizeof(sets) / sizeof(sets[0]));
}

static void
detect_others(void **state)
{
	(void)state;
	run_cases(others, sizeof(others) / sizeof(others[0]));
}

/* Every sample name matches the ns patterns of exactly one provider, and
 * every provider with ns patterns has at least two sets above. */
static void
patterns_do_not_overlap(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		for (size_t k = 0; k < count_ns(&sets[i]); k++) {
			size_t owners = 0;
			for (size_t p = 0; p < shipped.n; p++)
				for (size_t j = 0; j < shipped.items[p].nns; j++)
					if (provider_name_matches(shipped.items[p].ns[j],
								  sets[i].ns[k])) {
						owners++;
						break;
					}
			if (owners != 1)
				fail_msg("%s matches %zu providers", sets[i].ns[k], owners);
		}
	}
	for (size_t p = 0; p < shipped.n; p++) {
		size_t nsets = 0;
		for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
			nsets += strcmp(sets[i].id, shipped.items[p].id) == 0;
		if (shipped.items[p].nns && nsets < 2)
			fail_msg("[%s] has ns patterns but %zu test sets", shipped.items[p].id, nsets);
	}
}

/* Telekom and 1blu: the reference knows no name server; they are listed,
 * and never detected. */
static void
providers_without_ns(void **state)
{
	(void)state;
	static const char *const ids[] = {"telekom", "1blu"};
	for (size_t i = 0; i < 2; i++) {
		const struct provider *p = provider_find(&shipped, ids[i]);
		assert_non_null(p);
		assert_int_equal(p->nns, 0);
		assert_int_equal(p->nsoa, 0);
	}
	const struct detect_case *all[] = {sets, others};
	size_t counts[] = {sizeof(sets) / sizeof(sets[0]), sizeof(others) / sizeof(others[0])};
	for (size_t t = 0; t < 2; t++) {
		for (size_t i = 0; i < counts[t]; i++) {
			struct provider_match m;
			const struct detect_case *c = &all[t][i];
			if (provider_detect(&shipped, c->ns, count_ns(c), c->mname, c->rname, &m))
				assert_true(strcmp(m.provider->id, "telekom") != 0 &&
					    strcmp(m.provider->id, "1blu") != 0);
		}
	}
}

static char *
write_file(const char *body)
{
	char *path = strdup("/tmp/test-provider-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, body, strlen(body)), (ssize_t)strlen(body));
	close(fd);
	return path;
}

static void
every_key(void **state)
{
	(void)state;
	char *path = write_file("# a comment\n[a-1]\nname = A\nform = both\napex = @\n"
				"name_appends_domain = no\nttl = fixed\nttl_fixed = 60\n"
				"ttl_default = 2147483647\nquotes = none-wanted\nmax_length = 255\n"
				"live_time = 0-600\npublish_delay = 0-0\npath_de = x >  y  > z\npath_de = w\n"
				"path_en = X\nspf_feature_de = a\nspf_feature_de = b\n"
				"spf_feature_en = c\nns = a.b.c *.b.c\nns = n#.b.c\n"
				"soa = x*y.b.c\nlabel_name = N\nlabel_type = T\n"
				"label_value = V\nlabel_ttl = L\ntype_value = TXT\n"
				"[b]\nname = B\n");
	struct provider_list list;
	struct inifile_problem problem;
	bool ok = provider_load(path, &list, &problem);
	unlink(path);
	free(path);
	if (!ok)
		fail_msg("error %d at line %u, key %s", problem.error, problem.line, problem.key);
	assert_int_equal(list.n, 2);
	const struct provider *p = &list.items[0];
	assert_string_equal(p->id, "a-1");
	assert_int_equal(p->form, PROVIDER_FORM_BOTH);
	assert_int_equal(p->apex, PROVIDER_APEX_AT);
	assert_int_equal(p->name_appends_domain, PROVIDER_ANSWER_NO);
	assert_int_equal(p->ttl, PROVIDER_TTL_FIXED);
	assert_int_equal(p->ttl_fixed, 60);
	assert_int_equal(p->ttl_default, 2147483647UL);
	assert_int_equal(p->quotes, PROVIDER_QUOTES_NONE_WANTED);
	assert_int_equal(p->max_length, 255);
	assert_true(p->has_live_time);
	assert_int_equal(p->live_max, 600);
	assert_true(p->has_publish_delay); /* 0-0: at once, unlike live_time */
	assert_int_equal(p->publish_max, 0);
	assert_int_equal(p->path_de.n, 4);
	assert_string_equal(p->path_de.step[1], "y");
	assert_string_equal(p->path_de.step[3], "w");
	assert_string_equal(p->spf_feature_de, "a b");
	assert_int_equal(p->nns, 3);
	assert_string_equal(p->ns[2], "n#.b.c");
	assert_string_equal(p->label_ttl, "L");
	/* The second has nothing but its name: all unknown. */
	p = &list.items[1];
	assert_int_equal(p->form, PROVIDER_FORM_UNKNOWN);
	assert_int_equal(p->ttl, PROVIDER_TTL_UNKNOWN);
	assert_false(p->has_live_time);
	assert_false(p->has_publish_delay);
	provider_list_clear(&list);
}

static void
malformed(void **state)
{
	(void)state;
	static const struct {
		const char *body;
		enum inifile_error error;
		unsigned line;
		const char *key;
	} cases[] = {
		{"[a]\nname = A\nfoo = b\n", INIFILE_UNKNOWN_KEY, 3, "foo"},
		{"[a]\nname = A\nform = lines\n", INIFILE_BAD_VALUE, 3, "form"},
		{"[a]\nname = A\napex =\n", INIFILE_BAD_VALUE, 3, "apex"},
		{"[a]\nname = A\nquotes = Adds\n", INIFILE_BAD_VALUE, 3, "quotes"},
		{"[a]\nname =\n", INIFILE_BAD_VALUE, 2, "name"},
		{"[a]\nname = A\nns = *.de\n", INIFILE_BAD_VALUE, 3, "ns"},
		{"[a]\nname = A\nns = a.b.*\n", INIFILE_BAD_VALUE, 3, "ns"},
		{"[a]\nname = A\nns = x.rzone#.de\n", INIFILE_BAD_VALUE, 3, "ns"},
		{"[a]\nname = A\nns = Docks.rzone.de\n", INIFILE_BAD_VALUE, 3, "ns"},
		{"[a]\nname = A\nns = a..rzone.de\n", INIFILE_BAD_VALUE, 3, "ns"},
		{"[a]\nname = A\nns = a.rzone.de.\n", INIFILE_BAD_VALUE, 3, "ns"},
		{"[a]\nname = A\nns = **.rzone.de\n", INIFILE_BAD_VALUE, 3, "ns"},
		{"[a]\nname = A\nsoa = de\n", INIFILE_BAD_VALUE, 3, "soa"},
		{"[a]\nname = A\nns =\n", INIFILE_BAD_VALUE, 3, "ns"},
		{"[a]\nname = A\nttl_default = 0\n", INIFILE_BAD_VALUE, 3, "ttl_default"},
		{"[a]\nname = A\nttl_default = -5\n", INIFILE_BAD_VALUE, 3, "ttl_default"},
		{"[a]\nname = A\nttl_default = 2147483648\n", INIFILE_BAD_VALUE, 3, "ttl_default"},
		{"[a]\nname = A\nttl_default = 1 h\n", INIFILE_BAD_VALUE, 3, "ttl_default"},
		{"[a]\nname = A\nmax_length = 65536\n", INIFILE_BAD_VALUE, 3, "max_length"},
		{"[a]\nname = A\nlive_time = 600-60\n", INIFILE_BAD_VALUE, 3, "live_time"},
		{"[a]\nname = A\nlive_time = 600\n", INIFILE_BAD_VALUE, 3, "live_time"},
		{"[a]\nname = A\nlive_time = 0-0\n", INIFILE_BAD_VALUE, 3, "live_time"},
		{"[a]\nname = A\npublish_delay = 60-2\n", INIFILE_BAD_VALUE, 3, "publish_delay"},
		{"[a]\nname = A\npublish_delay = 60\n", INIFILE_BAD_VALUE, 3, "publish_delay"},
		{"[a]\nname = A\npublish_delay = 0-1\npublish_delay = 0-2\n", INIFILE_DUPLICATE_KEY, 4,
		 "publish_delay"},
		{"[a]\nname = A\npath_de = a >  > b\npath_en = c\n", INIFILE_BAD_VALUE, 3, "path_de"},
		{"[a]\nname = A\nlabel_name = a\tb\n", INIFILE_BAD_VALUE, 3, "label_name"},
		{"[a]\nname = A\nttl_fixed = 60\nttl = field\n", INIFILE_BAD_VALUE, 3, "ttl_fixed"},
		{"[a]\nform = fields\n[b]\nname = B\n", INIFILE_MISSING_KEY, 1, "name"},
		{"[a]\nname = A\n[b]\n", INIFILE_MISSING_KEY, 3, "name"},
		{"[a]\nname = A\npath_de = x\n", INIFILE_MISSING_KEY, 1, "path_en"},
		{"[a]\nname = A\nspf_feature_en = x\n", INIFILE_MISSING_KEY, 1, "spf_feature_de"},
		{"[a]\nname = A\n[b]\nname = B\n[a]\nname = C\n", INIFILE_DUPLICATE_SECTION, 5, ""},
		{"[a]\nname = A\n\n[a]\n", INIFILE_DUPLICATE_SECTION, 4, ""},
		{"[a]\nname = A\nname = B\n", INIFILE_DUPLICATE_KEY, 3, "name"},
		{"[a]\nname = A\nform = fields\nform = line\n", INIFILE_DUPLICATE_KEY, 4, "form"},
		{"name = A\n[a]\nname = A\n", INIFILE_KEY_OUTSIDE, 1, "name"},
		{"[Strato]\nname = S\n", INIFILE_BAD_ID, 1, ""},
		{"[a b]\nname = S\n", INIFILE_BAD_ID, 1, ""},
		{"[]\nname = S\n", INIFILE_BAD_ID, 1, ""},
		{"[a]\nname = A\nnonsense\n", INIFILE_SYNTAX, 3, ""},
		{"[a]\nname = A\n[b\n", INIFILE_SYNTAX, 3, ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = write_file(cases[i].body);
		struct provider_list list;
		struct inifile_problem problem;
		bool ok = provider_load(path, &list, &problem);
		unlink(path);
		free(path);
		if (ok || problem.error != cases[i].error || problem.line != cases[i].line ||
		    strcmp(problem.key, cases[i].key) != 0)
			fail_msg("case %zu: error %d line %u key \"%s\", expected %d line %u key \"%s\"",
				 i, problem.error, problem.line, problem.key, cases[i].error,
				 cases[i].line, cases[i].key);
		assert_int_equal(list.n, 0);
		assert_null(list.items);
	}
}

static void
limits(void **state)
{
	(void)state;
	char body[1024] = "[a]\nname = A\nns =";
	for (int i = 0; i <= PROVIDER_MAX_PATTERNS; i++)
		strcat(body, " a.b.c");
	strcat(body, "\n");
	char *path = write_file(body);
	struct provider_list list;
	struct inifile_problem problem;
	assert_false(provider_load(path, &list, &problem));
	assert_int_equal(problem.error, INIFILE_TOO_MANY);
	assert_int_equal(problem.line, 3);
	unlink(path);
	free(path);

	char line[260];
	memset(line, 'x', sizeof(line) - 2);
	memcpy(line, "name = ", 7);
	line[sizeof(line) - 2] = '\n';
	line[sizeof(line) - 1] = '\0';
	snprintf(body, sizeof(body), "[a]\n%s", line);
	path = write_file(body);
	assert_false(provider_load(path, &list, &problem));
	assert_int_equal(problem.error, INIFILE_LINE_TOO_LONG);
	assert_int_equal(problem.line, 2);
	unlink(path);
	free(path);

	assert_false(provider_load("/nonexistent/providers", &list, &problem));
	assert_int_equal(problem.error, INIFILE_NOT_FOUND);
}

static void
messages(void **state)
{
	(void)state;
	char buf[512];
	struct inifile_problem pr = {INIFILE_UNKNOWN_KEY, INIFILE_PROVIDERS, "/x/providers", 3,
				     "strato", "labels"};
	assert_string_equal(inifile_problem_message(&pr, buf, sizeof(buf)),
			    "/x/providers, Zeile 3: unbekannter Schlüssel „labels“ in [strato].");
	pr = (struct inifile_problem){INIFILE_MISSING_KEY, INIFILE_PROVIDERS, "p", 7, "a", "name"};
	assert_string_equal(inifile_problem_message(&pr, buf, sizeof(buf)),
			    "p, Zeile 7: In [a] fehlt der Schlüssel „name“.");
	pr = (struct inifile_problem){INIFILE_DUPLICATE_SECTION, INIFILE_PROVIDERS, "p", 9,
				      "ionos", ""};
	assert_string_equal(inifile_problem_message(&pr, buf, sizeof(buf)),
			    "p, Zeile 9: Den Anbieter [ionos] gibt es schon weiter oben.");
	pr = (struct inifile_problem){INIFILE_NOT_FOUND, INIFILE_PROVIDERS, "/x/providers", 0, "",
				      ""};
	assert_string_equal(inifile_problem_message(&pr, buf, sizeof(buf)),
			    "Die Anbieterliste /x/providers gibt es nicht.");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_has_the_providers),
		cmocka_unit_test(shipped_facts),
		cmocka_unit_test(patterns),
		cmocka_unit_test(detect_sets),
		cmocka_unit_test(detect_others),
		cmocka_unit_test(patterns_do_not_overlap),
		cmocka_unit_test(providers_without_ns),
		cmocka_unit_test(every_key),
		cmocka_unit_test(malformed),
		cmocka_unit_test(limits),
		cmocka_unit_test(messages),
	};
	return cmocka_run_group_tests(tests, load_shipped, clear_shipped);
}
