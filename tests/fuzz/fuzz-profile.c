/* fuzz-profile.c — the sender profile reader.
 *
 * Input: the file's bytes, handed to profile_load() through a memfd path
 * (/proc/self/fd/N), so that no file is written.
 * Invariants: on success every required key is there and every value is
 * valid (the merge terms are ip4:/ip6: terms the SPF parser accepts, the
 * template is an SPF record the parser accepts, the domain is in its normal form, the TTL at
 * most 2^31 - 1, 1–8 steps per language, [domain_connect]'s keys in their
 * pairs and the key file absolute); on failure nothing is left, the
 * line number lies in the file, and the message is non-empty. */
#define _GNU_SOURCE
#include "fuzz-file.h"

#include "address.h"
#include "profile.h"
#include "spf_parse.h"

#include <stdbool.h>
#include <string.h>

static struct fuzz_file file;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_file_open(&file, "fuzz-profile");
	return 0;
}

static void
check_term(const char *term)
{
	if (FUZZ_OPEN_PROFILE_VALUES) {
		/* open: the CIDR length is read with strtol ("/+24", "/024", "/ 24") */
		FUZZ_CHECK(strncmp(term, "ip4:", 4) == 0 || strncmp(term, "ip6:", 4) == 0);
		return;
	}
	char rec[300];
	FUZZ_CHECK(strlen(term) < sizeof(rec) - 8);
	snprintf(rec, sizeof(rec), "v=spf1 %s", term);
	struct spf_record *r = NULL;
	struct spf_parse_error err;
	if (!spf_parse(rec, strlen(rec), &r, &err)) {
		fprintf(stderr, "profile merge term \"%s\" does not parse (reason %d)\n", term,
			(int)err.reason);
		FUZZ_CHECK(!"merge term parses");
	}
	FUZZ_CHECK(r->nterms == 1);
	FUZZ_CHECK(r->terms[0].kind == SPF_TERM_IP4 || r->terms[0].kind == SPF_TERM_IP6);
	spf_record_free(r);
}

static void
check_alias(const struct profile_alias *a)
{
	FUZZ_CHECK(a->summary && a->summary[0] && a->recipients && a->recipients[0] &&
		   a->replies && a->replies[0]);
	FUZZ_CHECK(a->nsteps >= 1 && a->nsteps <= PROFILE_MAX_STEPS);
	for (size_t i = 0; i < a->nsteps; i++)
		FUZZ_CHECK(a->steps[i] && a->steps[i][0]);
}

/* [domain_connect]: the ids together, the key's two lines together and only
 * with the ids, the key file absolute. */
static void
check_dconnect(const struct profile_dconnect *dc)
{
	FUZZ_CHECK(!dc->provider_id == !dc->service_id);
	FUZZ_CHECK(!dc->key_file == !dc->key_host);
	FUZZ_CHECK(!dc->key_file || dc->provider_id);
	FUZZ_CHECK(!dc->key_file || dc->key_file[0] == '/');
	FUZZ_CHECK(!dc->provider_id || (strlen(dc->provider_id) >= 1 &&
					strlen(dc->provider_id) <= 64));
	FUZZ_CHECK(!dc->service_id || (strlen(dc->service_id) >= 1 &&
				       strlen(dc->service_id) <= 64));
}

/* The length of line LINE (1-based) of DATA, without its newline. */
static size_t
line_length(const uint8_t *data, size_t size, unsigned line)
{
	size_t i = 0;
	for (unsigned l = 1; l < line && i < size; i++)
		if (data[i] == '\n')
			l++;
	size_t start = i;
	while (i < size && data[i] != '\n')
		i++;
	return i - start;
}

static bool
all_empty(const struct profile *p)
{
	static const struct profile empty;
	return memcmp(p, &empty, sizeof(empty)) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_file_set(&file, data, size);
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';

	struct profile p;
	struct inifile_problem pr;
	char msg[1024];
	if (profile_load(file.path, &p, &pr)) {
		FUZZ_CHECK(pr.error == INIFILE_OK);
		FUZZ_CHECK(p.path && strcmp(p.path, file.path) == 0);
		FUZZ_CHECK(p.sender_name && p.sender_name[0]);
		FUZZ_CHECK(p.sender_domain);
		struct address a;
		struct address_problem ap;
		FUZZ_CHECK(address_parse(p.sender_domain, &a, &ap));
		FUZZ_CHECK(a.local == NULL && strcmp(a.domain, p.sender_domain) == 0);
		address_clear(&a);
		FUZZ_CHECK(p.nmerge_terms >= 1 && p.nmerge_terms <= PROFILE_MAX_TERMS);
		for (size_t i = 0; i < p.nmerge_terms; i++)
			check_term(p.merge_terms[i]);
		FUZZ_CHECK(p.template_record &&
			   spf_parse_is_spf(p.template_record, strlen(p.template_record)));
		/* open: only the "v=spf1" prefix of the template is checked */
		if (!FUZZ_OPEN_PROFILE_VALUES) {
			struct spf_record *t = NULL;
			struct spf_parse_error err;
			FUZZ_CHECK(spf_parse(p.template_record, strlen(p.template_record), &t, &err));
			spf_record_free(t);
		}
		FUZZ_CHECK(p.ttl <= 2147483647UL);
		check_alias(&p.alias_de);
		check_alias(&p.alias_en);
		FUZZ_CHECK(profile_alias_for(&p, "en") == &p.alias_en);
		FUZZ_CHECK(profile_alias_for(&p, "fr") == &p.alias_de);
		check_dconnect(&p.dconnect);
		profile_clear(&p);
		FUZZ_CHECK(all_empty(&p));
		return 0;
	}
	FUZZ_CHECK(pr.error != INIFILE_OK && pr.error != INIFILE_NO_MEMORY &&
		   pr.error != INIFILE_NOT_FOUND && pr.error != INIFILE_UNREADABLE);
	FUZZ_CHECK(all_empty(&p));
	/* open: a line holding NUL is counted wrongly (and its tail read as lines) */
	bool nul = FUZZ_OPEN_PROFILE_NUL && memchr(data, '\0', size);
	if (!nul)
		FUZZ_CHECK(pr.line <= lines);
	/* "A line holds at most 199 bytes" (data/flicono.profile); a CR before
	 * the newline counts as one of them. open: 199 bytes are too long. */
	if (pr.error == INIFILE_LINE_TOO_LONG && !nul)
		FUZZ_CHECK(line_length(data, size, pr.line) > (FUZZ_OPEN_PROFILE_199 ? 198u : 199u));
	FUZZ_CHECK((pr.line == 0) == (pr.error == INIFILE_MISSING_KEY));
	FUZZ_CHECK(memchr(pr.section, '\0', sizeof(pr.section)) &&
		   memchr(pr.key, '\0', sizeof(pr.key)));
	FUZZ_CHECK(pr.path == file.path && pr.kind == INIFILE_PROFILE);
	inifile_problem_message(&pr, msg, sizeof(msg));
	FUZZ_CHECK(msg[0] != '\0');
	return 0;
}
