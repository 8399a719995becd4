/* spf-suite.c — runs the openspf RFC 7208 (and RFC 4408) YAML test suite
 * against spf_check_host() over a fake DNS seam that serves each scenario's
 * zonedata with the semantics of pyspf's runner (python3-spf's testspf.py):
 *   - SPF entries answer TXT queries when the name has no TXT entry at all;
 *   - TIMEOUT before any entry of the asked type times the query out, after
 *     one it ends the answer;
 *   - absent names are NXDOMAIN; a CNAME is followed one level;
 *   - values are taken with libyaml's lengths, so NUL bytes survive.
 *
 * usage: spf-suite FILE [TEST]   (with TEST: run only it, with a trace)
 *        spf-suite FILE --bench N   (every check N times more, then the time per check)
 * Prints each failing test, then "N passed, N failed"; exit 0 when none failed. */
#include <arpa/inet.h>
#include <ctype.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <yaml.h>

#include "dns_seam.h"
#include "spf_check.h"

/* ---- a small YAML document tree ---- */

enum node_kind {
	NODE_SCALAR,
	NODE_SEQ,
	NODE_MAP, /* items: key, value, key, value, ... */
};

struct node {
	enum node_kind kind;
	char *str; /* scalar: value with its NUL appended */
	size_t len;
	struct node **items;
	size_t n, cap;
};

static void
node_free(struct node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		node_free(n->items[i]);
	free(n->items);
	free(n->str);
	free(n);
}

static void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p) {
		fputs("spf-suite: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static void
node_push(struct node *parent, struct node *child)
{
	if (parent->n == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 8;
		struct node **items = realloc(parent->items, parent->cap * sizeof(*items));
		if (!items) {
			fputs("spf-suite: out of memory\n", stderr);
			exit(2);
		}
		parent->items = items;
	}
	parent->items[parent->n++] = child;
}

static struct node *
node_new(enum node_kind kind)
{
	struct node *n = xmalloc(sizeof(*n));
	*n = (struct node){.kind = kind};
	return n;
}

/* Value of KEY in map M, or NULL. */
static const struct node *
map_get(const struct node *m, const char *key)
{
	if (!m || m->kind != NODE_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < m->n; i += 2)
		if (m->items[i]->kind == NODE_SCALAR && strcmp(m->items[i]->str, key) == 0)
			return m->items[i + 1];
	return NULL;
}

static const char *
scalar(const struct node *n)
{
	return n && n->kind == NODE_SCALAR ? n->str : NULL;
}

/* Loads all documents of PATH; returns them as the items of a sequence. */
static struct node *
load_yaml(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return NULL;
	}
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	struct node *docs = node_new(NODE_SEQ);
	struct node *stack[64];
	size_t depth = 0;
	bool done = false, ok = true;
	while (!done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			fprintf(stderr, "%s: YAML error: %s at line %zu\n", path,
				parser.problem ? parser.problem : "?", parser.problem_mark.line + 1);
			ok = false;
			break;
		}
		struct node *n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_SCALAR_EVENT:
			n = node_new(NODE_SCALAR);
			n->len = ev.data.scalar.length;
			n->str = xmalloc(n->len + 1);
			memcpy(n->str, ev.data.scalar.value, n->len);
			n->str[n->len] = '\0';
			break;
		case YAML_SEQUENCE_START_EVENT:
			n = node_new(NODE_SEQ);
			break;
		case YAML_MAPPING_START_EVENT:
			n = node_new(NODE_MAP);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth)
				depth--;
			break;
		case YAML_ALIAS_EVENT:
			fprintf(stderr, "%s: YAML aliases are not supported\n", path);
			ok = done = true;
			ok = false;
			break;
		default:
			break;
		}
		if (n) {
			node_push(depth ? stack[depth - 1] : docs, n);
			if (n->kind != NODE_SCALAR) {
				if (depth == sizeof(stack) / sizeof(stack[0])) {
					fprintf(stderr, "%s: YAML nested too deeply\n", path);
					ok = false;
					done = true;
				} else {
					stack[depth++] = n;
				}
			}
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	fclose(f);
	if (!ok) {
		node_free(docs);
		return NULL;
	}
	return docs;
}

/* ---- the zone of one scenario ---- */

enum entry_kind {
	ENTRY_TIMEOUT,
	ENTRY_RECORD,
};

struct entry {
	enum entry_kind kind;
	enum dns_type type;
	unsigned char *data;
	size_t len;
	uint16_t pref;
	size_t nstrings;
};

struct zname {
	char *name; /* lower case */
	struct entry *entries;
	size_t n;
};

struct zone {
	struct zname *names;
	size_t n;
	unsigned queries;
};

static char *
lowercase_dup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);
	for (size_t i = 0; i < len; i++)
		p[i] = (char)tolower((unsigned char)s[i]);
	p[len] = '\0';
	return p;
}

static bool
type_of(const char *key, enum dns_type *type)
{
	static const struct {
		const char *name;
		enum dns_type type;
	} types[] = {
		{"A", DNS_TYPE_A},	   {"AAAA", DNS_TYPE_AAAA}, {"MX", DNS_TYPE_MX},
		{"PTR", DNS_TYPE_PTR},	   {"CNAME", DNS_TYPE_CNAME}, {"TXT", DNS_TYPE_TXT},
		{"SPF", DNS_TYPE_SPF},
	};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(key, types[i].name) == 0) {
			*type = types[i].type;
			return true;
		}
	return false;
}

/* A name value without its trailing dot, as the seam contract wants. */
static void
set_name(struct entry *e, const struct node *v)
{
	size_t len = v->len;
	if (len && v->str[len - 1] == '.')
		len--;
	e->data = xmalloc(len + 1);
	memcpy(e->data, v->str, len);
	e->data[len] = '\0';
	e->len = len;
}

/* Fills E from one zonedata entry value; false when it is malformed.
 * *NONE is set for "TXT: NONE". */
static bool
make_entry(struct entry *e, enum dns_type type, const struct node *v, bool *none)
{
	*e = (struct entry){.kind = ENTRY_RECORD, .type = type};
	*none = false;
	switch (type) {
	case DNS_TYPE_A:
	case DNS_TYPE_AAAA:
		if (!scalar(v))
			return false;
		e->len = type == DNS_TYPE_A ? 4 : 16;
		e->data = xmalloc(17);
		return inet_pton(type == DNS_TYPE_A ? AF_INET : AF_INET6, v->str, e->data) == 1;
	case DNS_TYPE_MX:
		if (!v || v->kind != NODE_SEQ || v->n != 2 || !scalar(v->items[0]) ||
		    !scalar(v->items[1]))
			return false;
		e->pref = (uint16_t)strtoul(v->items[0]->str, NULL, 10);
		set_name(e, v->items[1]);
		return true;
	case DNS_TYPE_PTR:
	case DNS_TYPE_CNAME:
		if (!scalar(v))
			return false;
		set_name(e, v);
		return true;
	case DNS_TYPE_TXT:
	case DNS_TYPE_SPF:
		if (scalar(v)) {
			if (type == DNS_TYPE_TXT && strcmp(v->str, "NONE") == 0) {
				*none = true;
				return true;
			}
			e->data = xmalloc(v->len + 1);
			memcpy(e->data, v->str, v->len);
			e->len = v->len;
			e->nstrings = 1;
			return true;
		}
		if (!v || v->kind != NODE_SEQ)
			return false;
		/* Several character-strings: one record, joined without separator. */
		for (size_t i = 0; i < v->n; i++)
			if (!scalar(v->items[i]))
				return false;
		size_t total = 0;
		for (size_t i = 0; i < v->n; i++)
			total += v->items[i]->len;
		e->data = xmalloc(total + 1);
		for (size_t i = 0; i < v->n; i++) {
			memcpy(e->data + e->len, v->items[i]->str, v->items[i]->len);
			e->len += v->items[i]->len;
		}
		e->nstrings = v->n;
		return true;
	default:
		return false;
	}
}

static void
zone_clear(struct zone *z)
{
	for (size_t i = 0; i < z->n; i++) {
		for (size_t j = 0; j < z->names[i].n; j++)
			free(z->names[i].entries[j].data);
		free(z->names[i].entries);
		free(z->names[i].name);
	}
	free(z->names);
	*z = (struct zone){0};
}

static bool
zone_load(struct zone *z, const struct node *zonedata)
{
	*z = (struct zone){0};
	if (!zonedata)
		return true;
	if (zonedata->kind != NODE_MAP)
		return false;
	z->names = xmalloc((zonedata->n / 2 + 1) * sizeof(*z->names));
	for (size_t i = 0; i + 1 < zonedata->n; i += 2) {
		const struct node *key = zonedata->items[i], *list = zonedata->items[i + 1];
		if (!scalar(key) || (list->kind != NODE_SEQ))
			return false;
		struct zname *zn = &z->names[z->n++];
		*zn = (struct zname){.name = lowercase_dup(key->str, key->len)};
		/* room for every entry plus generated TXT copies of SPF entries */
		zn->entries = xmalloc((2 * list->n + 1) * sizeof(*zn->entries));
		bool has_txt = false;
		for (size_t j = 0; j < list->n; j++) {
			const struct node *item = list->items[j];
			if (scalar(item) && strcmp(item->str, "TIMEOUT") == 0) {
				zn->entries[zn->n++] = (struct entry){.kind = ENTRY_TIMEOUT};
				continue;
			}
			if (item->kind != NODE_MAP || item->n != 2 || !scalar(item->items[0]))
				return false;
			enum dns_type type;
			if (!type_of(item->items[0]->str, &type))
				return false;
			if (type == DNS_TYPE_TXT)
				has_txt = true;
			bool none;
			struct entry *e = &zn->entries[zn->n];
			if (!make_entry(e, type, item->items[1], &none)) {
				free(e->data);
				return false;
			}
			if (!none)
				zn->n++;
		}
		/* The suite's auto-magic duplication: SPF answers TXT queries when
		 * the name has no TXT entry; the copies come after everything. */
		if (!has_txt) {
			size_t n = zn->n;
			for (size_t j = 0; j < n; j++) {
				struct entry *e = &zn->entries[j];
				if (e->kind != ENTRY_RECORD || e->type != DNS_TYPE_SPF)
					continue;
				struct entry *copy = &zn->entries[zn->n++];
				*copy = *e;
				copy->type = DNS_TYPE_TXT;
				copy->data = xmalloc(e->len + 1);
				memcpy(copy->data, e->data, e->len + 1);
			}
		}
	}
	return true;
}

static const struct zname *
zone_find(const struct zone *z, const char *name)
{
	for (size_t i = 0; i < z->n; i++)
		if (strcmp(z->names[i].name, name) == 0)
			return &z->names[i];
	return NULL;
}

static bool
add_entry(struct dns_rrset *out, const struct entry *e)
{
	if (!dns_rrset_add(out, e->data, e->len, 3600, e->pref))
		return false;
	out->records[out->count - 1].nstrings = e->nstrings;
	return true;
}

/* Walks NAME's entries for TYPE (pyspf's DNSLookup); LEVEL 0 follows a CNAME. */
static enum dns_status
zone_walk(const struct zone *z, const char *name, enum dns_type type, int level,
	  struct dns_rrset *out)
{
	const struct zname *zn = zone_find(z, name);
	if (!zn)
		return level ? DNS_STATUS_NODATA : DNS_STATUS_NXDOMAIN;
	bool timeout = true;
	for (size_t i = 0; i < zn->n; i++) {
		const struct entry *e = &zn->entries[i];
		if (e->kind == ENTRY_TIMEOUT) {
			if (timeout)
				return DNS_STATUS_TIMEOUT;
			break;
		}
		if (e->type == type) {
			timeout = false;
			if (!add_entry(out, e))
				return DNS_STATUS_SERVFAIL;
		}
		if (e->type == DNS_TYPE_CNAME && level == 0 && type != DNS_TYPE_CNAME) {
			char *target = lowercase_dup((const char *)e->data, e->len);
			enum dns_status st = zone_walk(z, target, type, 1, out);
			free(target);
			if (st == DNS_STATUS_TIMEOUT || st == DNS_STATUS_SERVFAIL)
				return st;
		}
	}
	return out->count ? DNS_STATUS_OK : DNS_STATUS_NODATA;
}

/* The fake seam's lookup: empty labels are dropped, a label over 63 bytes
 * cannot be asked, names compare case-insensitively. */
static enum dns_status
fake_lookup(void *ctx, const char *name, enum dns_type type, struct dns_rrset *out)
{
	struct zone *z = ctx;
	z->queries++;
	dns_rrset_clear(out);
	size_t len = strlen(name);
	char *norm = xmalloc(len + 1);
	size_t n = 0, label = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || name[i] == '.') {
			if (label > 63) {
				free(norm);
				out->status = DNS_STATUS_BADNAME;
				return out->status;
			}
			if (label) {
				if (n)
					norm[n++] = '.';
				for (size_t k = i - label; k < i; k++)
					norm[n++] = (char)tolower((unsigned char)name[k]);
			}
			label = 0;
		} else {
			label++;
		}
	}
	norm[n] = '\0';
	enum dns_status st = zone_walk(z, norm, type, 0, out);
	free(norm);
	if (st != DNS_STATUS_OK) {
		dns_rrset_clear(out);
	}
	out->status = st;
	return st;
}

/* ---- running the tests ---- */

static const char *trace_kind[] = {"record", "term", "result"};

static void
print_trace(void *ctx, const struct spf_trace_event *ev)
{
	(void)ctx;
	printf("  %*s%s %s", (int)ev->depth * 2, "", trace_kind[ev->kind], ev->domain);
	switch (ev->kind) {
	case SPF_TRACE_RECORD:
		printf(" dns=%s n=%zu result=%s record=\"%.*s\"", dns_status_name(ev->dns_status),
		       ev->nrecords, spf_result_name(ev->result),
		       ev->record ? (int)ev->record_len : 0, ev->record ? ev->record : "");
		break;
	case SPF_TRACE_TERM:
		printf(" \"%.*s\"@%zu target=%s matched=%d lookups=%u terms=%u voids=%u err=%d",
		       (int)ev->term->text.len, ev->record + ev->term->text.off,
		       ev->term->text.off, ev->target ? ev->target : "-", ev->matched,
		       ev->lookups, ev->dns_terms, ev->void_lookups, ev->error);
		break;
	case SPF_TRACE_RESULT:
		printf(" %s err=%d", spf_result_name(ev->result), ev->error);
		break;
	}
	putchar('\n');
}

static bool
result_acceptable(const struct node *expected, const char *got)
{
	if (scalar(expected))
		return strcasecmp(expected->str, got) == 0;
	if (!expected || expected->kind != NODE_SEQ)
		return false;
	for (size_t i = 0; i < expected->n; i++)
		if (scalar(expected->items[i]) && strcasecmp(expected->items[i]->str, got) == 0)
			return true;
	return false;
}

static void
print_expected(const struct node *expected)
{
	if (scalar(expected)) {
		fputs(expected->str, stdout);
		return;
	}
	fputc('[', stdout);
	for (size_t i = 0; expected && i < expected->n; i++)
		printf("%s%s", i ? ", " : "", scalar(expected->items[i]) ? expected->items[i]->str : "?");
	fputc(']', stdout);
}

struct totals {
	unsigned passed, failed;
};

static void
run_test(const char *scenario, const char *name, const struct node *test, struct zone *zone,
	 bool verbose, struct totals *tot)
{
	const char *host = scalar(map_get(test, "host"));
	const char *helo = scalar(map_get(test, "helo"));
	const char *mailfrom = scalar(map_get(test, "mailfrom"));
	const struct node *expected = map_get(test, "result");
	const struct node *explanation = map_get(test, "explanation");
	struct spf_request req = {.sender = mailfrom, .helo = helo};
	struct spf_outcome out = SPF_OUTCOME_INIT;
	const char *got = "(no result)";
	bool ok = false;

	if (!host || !expected || !spf_ip_parse(host, &req.ip)) {
		got = "(bad test: host/result)";
		goto report;
	}
	struct dns_seam seam = {.lookup = fake_lookup, .ctx = zone};
	struct spf_options opts = {
		.default_explanation = "DEFAULT",
		.timestamp = 1200000000,
		.trace = verbose ? print_trace : NULL,
	};
	if (!spf_check_host(&req, &seam, &opts, &out)) {
		got = "(out of memory)";
		goto report;
	}
	got = spf_result_name(out.result);
	ok = result_acceptable(expected, got);
	if (ok && scalar(explanation))
		ok = out.explanation && strcmp(out.explanation, explanation->str) == 0;
report:
	if (ok) {
		tot->passed++;
	} else {
		tot->failed++;
		printf("FAIL %s / %s: expected ", scenario, name);
		print_expected(expected);
		printf(", got %s", got);
		if (scalar(explanation))
			printf("; explanation expected \"%s\", got \"%s\"", explanation->str,
			       out.explanation ? out.explanation : "(none)");
		if (out.error != SPF_ERROR_NONE)
			printf(" (error %d at %s)", out.error,
			       out.error_domain ? out.error_domain : "?");
		putchar('\n');
	}
	if (verbose)
		printf("%s / %s: %s explanation=\"%s\" terms=%u voids=%u queries=%u\n", scenario,
		       name, got, out.explanation ? out.explanation : "", out.dns_terms,
		       out.void_lookups, out.dns_queries);
	spf_outcome_clear(&out);
}

/* Runs TEST's check N times; returns the seconds spent. */
static double
bench_test(const struct node *test, struct zone *zone, long n)
{
	struct spf_request req = {.sender = scalar(map_get(test, "mailfrom")),
				  .helo = scalar(map_get(test, "helo"))};
	const char *host = scalar(map_get(test, "host"));
	if (!host || !spf_ip_parse(host, &req.ip))
		return 0;
	struct dns_seam seam = {.lookup = fake_lookup, .ctx = zone};
	struct spf_options opts = {.default_explanation = "DEFAULT", .timestamp = 1200000000};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < n; i++) {
		struct spf_outcome out = SPF_OUTCOME_INIT;
		spf_check_host(&req, &seam, &opts, &out);
		spf_outcome_clear(&out);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

int
main(int argc, char **argv)
{
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: %s FILE [TEST | --bench N]\n", argv[0]);
		return 64;
	}
	const char *only = argc == 3 ? argv[2] : NULL;
	long bench = 0;
	if (argc == 4 && strcmp(argv[2], "--bench") == 0) {
		bench = strtol(argv[3], NULL, 10);
		only = NULL;
	} else if (argc == 4) {
		fprintf(stderr, "usage: %s FILE [TEST | --bench N]\n", argv[0]);
		return 64;
	}
	struct node *docs = load_yaml(argv[1]);
	if (!docs)
		return 2;
	struct totals tot = {0};
	int rc = 0;
	double bench_seconds = 0;
	unsigned long bench_checks = 0;
	for (size_t d = 0; d < docs->n; d++) {
		const struct node *doc = docs->items[d];
		const struct node *tests = map_get(doc, "tests");
		if (!tests)
			continue;
		const char *desc = scalar(map_get(doc, "description"));
		char scenario[64];
		snprintf(scenario, sizeof(scenario), "%s", desc ? desc : "(scenario)");
		struct zone zone;
		if (!zone_load(&zone, map_get(doc, "zonedata"))) {
			fprintf(stderr, "%s: malformed zonedata in scenario \"%s\"\n", argv[1],
				scenario);
			zone_clear(&zone);
			rc = 2;
			continue;
		}
		for (size_t i = 0; tests->kind == NODE_MAP && i + 1 < tests->n; i += 2) {
			const char *name = scalar(tests->items[i]);
			if (!name || (only && strcmp(only, name) != 0))
				continue;
			run_test(scenario, name, tests->items[i + 1], &zone, only != NULL, &tot);
			if (bench > 0)
				bench_seconds += bench_test(tests->items[i + 1], &zone, bench);
			bench_checks += (unsigned long)(bench > 0 ? bench : 0);
		}
		zone_clear(&zone);
	}
	node_free(docs);
	if (bench_checks)
		fprintf(stderr, "bench: %lu checks in %.3f s, %.2f us per check\n", bench_checks,
			bench_seconds, bench_seconds * 1e6 / (double)bench_checks);
	printf("%u passed, %u failed\n", tot.passed, tot.failed);
	if (tot.failed || (tot.passed == 0 && !only))
		rc = rc ? rc : 1;
	return rc;
}
