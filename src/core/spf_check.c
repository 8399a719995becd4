/* spf_check.c — RFC 7208 check_host(): record selection, mechanism
 * evaluation, include/redirect, exp= and the processing limits. */
#include "spf_check.h"

#include "dname.h"
#include "spf_macro.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* What one mechanism's evaluation came to. */
enum tstate {
	T_NOMATCH,
	T_MATCH,
	T_TEMPERROR,
	T_PERMERROR,
};

struct checker {
	const struct dns_seam *seam;
	const struct spf_options *opts;
	struct spf_outcome *out;
	struct spf_ip ip;
	char *sender;        /* s */
	char *local;         /* l */
	const char *sender_domain; /* o: points into sender */
	const char *helo;    /* h */
	uint64_t timestamp;  /* t */
	bool oom;
	/* %{p}: the validated names of ip, found once on first use. */
	bool pnames_done;
	char **pnames;
	size_t npnames;
};

static const struct spf_options no_options = {0};

const char *
spf_result_name(enum spf_result result)
{
	switch (result) {
	case SPF_RESULT_NONE: return "none";
	case SPF_RESULT_NEUTRAL: return "neutral";
	case SPF_RESULT_PASS: return "pass";
	case SPF_RESULT_FAIL: return "fail";
	case SPF_RESULT_SOFTFAIL: return "softfail";
	case SPF_RESULT_TEMPERROR: return "temperror";
	case SPF_RESULT_PERMERROR: return "permerror";
	}
	return "unknown";
}

bool
spf_check_name_ok(const char *name, size_t len)
{
	return dname_check(name, len, 0, NULL) == DNAME_OK;
}

void
spf_outcome_clear(struct spf_outcome *out)
{
	if (!out)
		return;
	free(out->explanation);
	free(out->error_domain);
	free(out->error_record);
	*out = (struct spf_outcome)SPF_OUTCOME_INIT;
}

static char *
dup_mem(struct checker *c, const char *s, size_t len)
{
	char *p = malloc(len + 1);
	if (!p) {
		c->oom = true;
		return NULL;
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* Records the first error; later ones (there are none in practice, since an
 * error ends the evaluation) do not overwrite it. */
static void
set_error(struct checker *c, enum spf_error error, const char *domain, enum dns_status status)
{
	if (c->out->error != SPF_ERROR_NONE)
		return;
	c->out->error = error;
	c->out->dns_status = status;
	c->out->error_domain = dup_mem(c, domain, strlen(domain));
}

static void
trace(struct checker *c, struct spf_trace_event *ev)
{
	if (!c->opts->trace)
		return;
	ev->dns_terms = c->out->dns_terms;
	ev->void_lookups = c->out->void_lookups;
	c->opts->trace(c->opts->trace_ctx, ev);
}

/* The trace event of term T of REC at DOMAIN, before its evaluation. */
static struct spf_trace_event
term_event(const struct spf_record *rec, const struct spf_term *t, const char *domain,
	   unsigned depth)
{
	return (struct spf_trace_event){
		.kind = SPF_TRACE_TERM, .depth = depth, .domain = domain,
		.record = rec->text, .record_len = rec->len, .term = t};
}

/* The error a trace event carries: the outcome's, when RES is an error. */
static enum spf_error
result_error(const struct checker *c, enum spf_result res)
{
	bool error = res == SPF_RESULT_PERMERROR || res == SPF_RESULT_TEMPERROR;
	return error ? c->out->error : SPF_ERROR_NONE;
}

/* Asks the seam, unless NAME cannot be asked at all (BADNAME, nothing sent). */
static enum dns_status
lookup(struct checker *c, const char *name, enum dns_type type, struct dns_rrset *set)
{
	if (!spf_check_name_ok(name, strlen(name))) {
		set->status = DNS_STATUS_BADNAME;
		return set->status;
	}
	c->out->dns_queries++;
	enum dns_status st = c->seam->lookup(c->seam->ctx, name, type, set);
	if (st == DNS_STATUS_OK && set->count == 0)
		st = set->status = DNS_STATUS_NODATA;
	return st;
}

/* Whether NAME equals DOMAIN or is below it, ignoring case and one trailing
 * dot on either (RFC 7208 5.5). */
static bool
name_in_domain(const char *name, size_t nlen, const char *domain)
{
	size_t dlen = strlen(domain);
	if (nlen && name[nlen - 1] == '.')
		nlen--;
	if (dlen && domain[dlen - 1] == '.')
		dlen--;
	if (nlen < dlen || strncasecmp(name + nlen - dlen, domain, dlen) != 0)
		return false;
	return nlen == dlen || name[nlen - dlen - 1] == '.';
}

/* A copy of a name from an MX/PTR answer without a trailing dot; NULL (and
 * not oom) when it holds a NUL, which no name can. */
static char *
answer_name(struct checker *c, const struct dns_record *r)
{
	if (memchr(r->data, '\0', r->len))
		return NULL;
	size_t len = r->len;
	if (len && r->data[len - 1] == '.')
		len--;
	return dup_mem(c, (const char *)r->data, len);
}

/* Whether an A/AAAA answer holds an address in ip's network of PREFIX. */
static bool
rrset_matches(const struct checker *c, const struct dns_rrset *set, unsigned prefix)
{
	for (size_t i = 0; i < set->count; i++) {
		const struct dns_record *r = &set->records[i];
		struct spf_ip addr = {.family = r->len == 4 ? SPF_IP_V4 : SPF_IP_V6};
		if (r->len != 4 && r->len != 16)
			continue;
		memcpy(addr.addr, r->data, r->len);
		if (spf_ip_in_network(&c->ip, &addr, prefix))
			return true;
	}
	return false;
}

static enum dns_type
addr_type(const struct checker *c)
{
	return c->ip.family == SPF_IP_V4 ? DNS_TYPE_A : DNS_TYPE_AAAA;
}

static const char *validated_name(void *ctx, const char *domain);

static void
macro_vars(struct checker *c, const char *domain, struct spf_macro_vars *v)
{
	*v = (struct spf_macro_vars){
		.sender = c->sender,
		.local = c->local,
		.sender_domain = c->sender_domain,
		.domain = domain,
		.ip = &c->ip,
		.helo = c->helo,
		.receiver = c->opts->receiver,
		.timestamp = c->timestamp,
		.validated_name = validated_name,
		.ctx = c,
	};
}

/* Expands the domain-spec SPAN of REC for DOMAIN into a query name
 * (RFC 7208 7.3: trailing dot dropped, truncated to 253). NULL: out of memory. */
static char *
expand_domain(struct checker *c, const struct spf_record *rec, struct spf_span span,
	      const char *domain)
{
	struct spf_macro_vars v;
	macro_vars(c, domain, &v);
	char *name;
	size_t len;
	enum spf_macro_error why;
	if (!spf_macro_expand(rec->text + span.off, span.len, SPF_MACRO_DOMAIN, &v, &name, &len,
			      &why)) {
		/* The parser validated the syntax, so only memory can be short. */
		c->oom = true;
		return NULL;
	}
	spf_macro_truncate_domain(name, &len);
	return name;
}

/* The target of a/mx/ptr: the domain-spec, or the current domain. */
static char *
term_target(struct checker *c, const struct spf_record *rec, const struct spf_term *t,
	    const char *domain)
{
	if (t->has_value)
		return expand_domain(c, rec, t->value, domain);
	return dup_mem(c, domain, strlen(domain));
}

/* RFC 7208 4.6.4: a third void lookup is a permerror. */
static enum tstate
void_lookup(struct checker *c, const char *name)
{
	if (++c->out->void_lookups > SPF_MAX_VOID_LOOKUPS) {
		set_error(c, SPF_ERROR_VOID_LIMIT, name, DNS_STATUS_OK);
		return T_PERMERROR;
	}
	return T_NOMATCH;
}

/* RFC 7208 5: a lookup that times out or fails ends check_host() in temperror. */
static enum tstate
dns_failure(struct checker *c, const char *name, enum dns_status st)
{
	set_error(c, SPF_ERROR_DNS, name, st);
	return T_TEMPERROR;
}

/* a (RFC 7208 5.3) and exists (5.7, always A records). */
static enum tstate
eval_address(struct checker *c, const char *name, enum dns_type type, unsigned prefix,
	     bool any)
{
	struct dns_rrset set = DNS_RRSET_INIT;
	enum tstate ts = T_NOMATCH;
	enum dns_status st = lookup(c, name, type, &set);
	switch (st) {
	case DNS_STATUS_OK:
		ts = any || rrset_matches(c, &set, prefix) ? T_MATCH : T_NOMATCH;
		break;
	case DNS_STATUS_NODATA:
	case DNS_STATUS_NXDOMAIN:
		ts = void_lookup(c, name);
		break;
	case DNS_STATUS_BADNAME:
		/* Not askable (RFC 7208 leaves it open): no match, and no lookup. */
		break;
	case DNS_STATUS_TIMEOUT:
	case DNS_STATUS_SERVFAIL:
	case DNS_STATUS_REFUSED:
	case DNS_STATUS_UNREACHABLE:
		ts = dns_failure(c, name, st);
		break;
	}
	dns_rrset_clear(&set);
	return ts;
}

/* mx (RFC 7208 5.4): at most 10 MX names, each one's addresses compared. */
static enum tstate
eval_mx(struct checker *c, const char *name, unsigned prefix)
{
	struct dns_rrset mx = DNS_RRSET_INIT;
	enum tstate ts = T_NOMATCH;
	enum dns_status st = lookup(c, name, DNS_TYPE_MX, &mx);
	switch (st) {
	case DNS_STATUS_OK:
		break;
	case DNS_STATUS_NODATA:
	case DNS_STATUS_NXDOMAIN:
		ts = void_lookup(c, name);
		goto out;
	case DNS_STATUS_BADNAME:
		goto out;
	case DNS_STATUS_TIMEOUT:
	case DNS_STATUS_SERVFAIL:
	case DNS_STATUS_REFUSED:
	case DNS_STATUS_UNREACHABLE:
		ts = dns_failure(c, name, st);
		goto out;
	}
	if (mx.count > SPF_MAX_MX_NAMES) {
		/* RFC 7208 4.6.4: more than 10 address lookups for one mx. */
		set_error(c, SPF_ERROR_MX_LIMIT, name, DNS_STATUS_OK);
		ts = T_PERMERROR;
		goto out;
	}
	for (size_t i = 0; i < mx.count && ts == T_NOMATCH; i++) {
		char *host = answer_name(c, &mx.records[i]);
		if (!host)
			continue;
		if (*host) { /* "" is a null MX (RFC 7505): no host */
			struct dns_rrset set = DNS_RRSET_INIT;
			enum dns_status hs = lookup(c, host, addr_type(c), &set);
			if (hs == DNS_STATUS_OK && rrset_matches(c, &set, prefix))
				ts = T_MATCH;
			else if (dns_status_failed(hs))
				ts = dns_failure(c, host, hs);
			dns_rrset_clear(&set);
		}
		free(host);
	}
out:
	dns_rrset_clear(&mx);
	return ts;
}

/* Whether NAME has an A/AAAA record equal to ip: the forward check of a PTR
 * name (RFC 7208 5.5). DNS errors just mean "not validated". */
static bool
forward_confirms(struct checker *c, const char *name)
{
	struct dns_rrset set = DNS_RRSET_INIT;
	bool ok = lookup(c, name, addr_type(c), &set) == DNS_STATUS_OK &&
		  rrset_matches(c, &set, 128);
	dns_rrset_clear(&set);
	return ok;
}

/* ptr (RFC 7208 5.5): a validated name of ip in TARGET. Errors on the PTR
 * lookup mean no match; only the first 10 names are looked at. */
static enum tstate
eval_ptr(struct checker *c, const char *target)
{
	char rev[SPF_IP_REVERSE_MAX];
	spf_ip_reverse_name(&c->ip, rev);
	struct dns_rrset ptr = DNS_RRSET_INIT;
	enum tstate ts = T_NOMATCH;
	enum dns_status st = lookup(c, rev, DNS_TYPE_PTR, &ptr);
	if (st == DNS_STATUS_NODATA || st == DNS_STATUS_NXDOMAIN)
		ts = void_lookup(c, rev);
	if (st != DNS_STATUS_OK)
		goto out;
	for (size_t i = 0; i < ptr.count && i < SPF_MAX_PTR_NAMES && ts == T_NOMATCH; i++) {
		char *name = answer_name(c, &ptr.records[i]);
		if (!name)
			continue;
		if (name_in_domain(name, strlen(name), target) && forward_confirms(c, name))
			ts = T_MATCH;
		free(name);
	}
out:
	dns_rrset_clear(&ptr);
	return ts;
}

/* %{p} (RFC 7208 7.3): a validated name of ip, preferring DOMAIN itself, then
 * a name below it, then any; "unknown" when there is none. */
static const char *
validated_name(void *ctx, const char *domain)
{
	struct checker *c = ctx;
	if (!c->pnames_done) {
		c->pnames_done = true;
		char rev[SPF_IP_REVERSE_MAX];
		spf_ip_reverse_name(&c->ip, rev);
		struct dns_rrset ptr = DNS_RRSET_INIT;
		if (lookup(c, rev, DNS_TYPE_PTR, &ptr) == DNS_STATUS_OK) {
			c->pnames = calloc(ptr.count, sizeof(*c->pnames));
			if (!c->pnames)
				c->oom = true;
			for (size_t i = 0; c->pnames && i < ptr.count && i < SPF_MAX_PTR_NAMES;
			     i++) {
				char *name = answer_name(c, &ptr.records[i]);
				if (name && forward_confirms(c, name))
					c->pnames[c->npnames++] = name;
				else
					free(name);
			}
		}
		dns_rrset_clear(&ptr);
	}
	if (c->oom)
		return NULL;
	for (size_t i = 0; i < c->npnames; i++)
		if (strcasecmp(c->pnames[i], domain) == 0)
			return c->pnames[i];
	for (size_t i = 0; i < c->npnames; i++)
		if (name_in_domain(c->pnames[i], strlen(c->pnames[i]), domain))
			return c->pnames[i];
	return c->npnames ? c->pnames[0] : "unknown";
}

static enum spf_result check_domain(struct checker *c, const char *domain, unsigned depth,
				    bool want_exp);

/* include (RFC 7208 5.2): the nested result decides match, no match or error. */
static enum tstate
eval_include(struct checker *c, const char *target, unsigned depth)
{
	switch (check_domain(c, target, depth + 1, false)) {
	case SPF_RESULT_PASS:
		return T_MATCH;
	case SPF_RESULT_FAIL:
	case SPF_RESULT_SOFTFAIL:
	case SPF_RESULT_NEUTRAL:
		return T_NOMATCH;
	case SPF_RESULT_TEMPERROR:
		return T_TEMPERROR;
	case SPF_RESULT_NONE:
		set_error(c, SPF_ERROR_INCLUDE_NONE, target, DNS_STATUS_OK);
		return T_PERMERROR;
	case SPF_RESULT_PERMERROR:
		break;
	}
	return T_PERMERROR;
}

/* Fetches and selects DOMAIN's record (RFC 7208 4.4, 4.5). Returns NONE with
 * *REC set when there is one to evaluate; otherwise the result it means. */
static enum spf_result
fetch_record(struct checker *c, const char *domain, unsigned depth, struct spf_record **rec)
{
	struct dns_rrset set = DNS_RRSET_INIT;
	enum spf_result res = SPF_RESULT_NONE;
	struct spf_trace_event ev = {
		.kind = SPF_TRACE_RECORD, .depth = depth, .domain = domain};
	const struct dns_record *found = NULL;
	*rec = NULL;
	unsigned queries = c->out->dns_queries;
	enum dns_status st = lookup(c, domain, DNS_TYPE_TXT, &set);
	ev.dns_status = st;
	switch (st) {
	case DNS_STATUS_OK:
		break;
	case DNS_STATUS_TIMEOUT:
	case DNS_STATUS_SERVFAIL:
	case DNS_STATUS_REFUSED:
	case DNS_STATUS_UNREACHABLE:
		set_error(c, SPF_ERROR_DNS, domain, st);
		res = SPF_RESULT_TEMPERROR;
		goto out;
	default:
		/* NXDOMAIN, no TXT, or no askable name: no record (RFC 7208 4.3, 4.5). */
		goto out;
	}
	for (size_t i = 0; i < set.count; i++) {
		const struct dns_record *r = &set.records[i];
		if (!spf_parse_is_spf((const char *)r->data, r->len))
			continue;
		ev.nrecords++;
		found = r;
	}
	if (ev.nrecords > 1) {
		/* RFC 7208 4.5: several records are a permerror, even identical ones. */
		set_error(c, SPF_ERROR_MULTIPLE_RECORDS, domain, st);
		res = SPF_RESULT_PERMERROR;
		goto out;
	}
	if (!found)
		goto out;
	ev.record = (const char *)found->data;
	ev.record_len = found->len;
	struct spf_parse_error perr;
	if (!spf_parse((const char *)found->data, found->len, rec, &perr)) {
		if (perr.reason == SPF_PARSE_NOMEM) {
			c->oom = true;
		} else if (c->out->error == SPF_ERROR_NONE) {
			set_error(c, SPF_ERROR_SYNTAX, domain, st);
			c->out->parse_error = perr;
			c->out->error_record = dup_mem(c, (const char *)found->data, found->len);
		}
		res = SPF_RESULT_PERMERROR;
	}
out:
	ev.result = res;
	ev.lookups = c->out->dns_queries - queries;
	trace(c, &ev);
	dns_rrset_clear(&set);
	return res;
}

/* exp= (RFC 7208 6.2): one TXT record whose text is a valid explain-string;
 * anything else (no name, no record, several, a DNS error, bad syntax) means
 * no explanation. These lookups count toward no limit. */
static void
compute_exp(struct checker *c, const struct spf_record *rec, const char *domain,
	    unsigned depth)
{
	const struct spf_term *t = &rec->terms[rec->exp];
	struct dns_rrset set = DNS_RRSET_INIT;
	struct spf_trace_event ev = term_event(rec, t, domain, depth);
	unsigned queries = c->out->dns_queries;
	char *name = expand_domain(c, rec, t->value, domain);
	if (!name)
		return;
	ev.target = name;
	if (lookup(c, name, DNS_TYPE_TXT, &set) == DNS_STATUS_OK && set.count == 1) {
		struct spf_macro_vars v;
		macro_vars(c, domain, &v);
		char *text;
		size_t len;
		enum spf_macro_error why;
		if (spf_macro_expand((const char *)set.records[0].data, set.records[0].len,
				     SPF_MACRO_EXPLANATION, &v, &text, &len, &why)) {
			free(c->out->explanation);
			c->out->explanation = text;
			c->out->explanation_from_record = true;
			ev.matched = true;
		} else if (why == SPF_MACRO_NOMEM) {
			c->oom = true;
		}
	}
	ev.lookups = c->out->dns_queries - queries;
	trace(c, &ev);
	dns_rrset_clear(&set);
	free(name);
}

static enum spf_result
qualifier_result(enum spf_qualifier q)
{
	switch (q) {
	case SPF_QUALIFIER_PASS: return SPF_RESULT_PASS;
	case SPF_QUALIFIER_FAIL: return SPF_RESULT_FAIL;
	case SPF_QUALIFIER_SOFTFAIL: return SPF_RESULT_SOFTFAIL;
	case SPF_QUALIFIER_NEUTRAL: return SPF_RESULT_NEUTRAL;
	}
	return SPF_RESULT_NEUTRAL;
}

/* a, mx, ptr, exists and include against their expanded TARGET. */
static enum tstate
eval_dns_mechanism(struct checker *c, const struct spf_term *t, const char *target,
		   unsigned depth)
{
	unsigned prefix = c->ip.family == SPF_IP_V4 ? t->cidr4 : t->cidr6;
	switch (t->kind) {
	case SPF_TERM_A:
		return eval_address(c, target, addr_type(c), prefix, false);
	case SPF_TERM_EXISTS:
		return eval_address(c, target, DNS_TYPE_A, 32, true);
	case SPF_TERM_MX:
		return eval_mx(c, target, prefix);
	case SPF_TERM_PTR:
		return eval_ptr(c, target);
	default:
		return eval_include(c, target, depth);
	}
}

/* Evaluates mechanism T of REC for DOMAIN and traces it. */
static enum tstate
eval_mechanism(struct checker *c, const struct spf_record *rec, const struct spf_term *t,
	       const char *domain, unsigned depth)
{
	struct spf_trace_event ev = term_event(rec, t, domain, depth);
	enum tstate ts = T_NOMATCH;
	char *target = NULL;
	unsigned queries = c->out->dns_queries;
	if (spf_term_counts_lookup(t->kind) && ++c->out->dns_terms > SPF_MAX_DNS_TERMS) {
		/* RFC 7208 4.6.4: at most 10 DNS-querying terms in all. */
		set_error(c, SPF_ERROR_DNS_TERM_LIMIT, domain, DNS_STATUS_OK);
		ts = T_PERMERROR;
		goto out;
	}
	switch (t->kind) {
	case SPF_TERM_ALL:
		ts = T_MATCH;
		break;
	case SPF_TERM_IP4:
		ts = spf_ip_in_network(&c->ip, &t->network, t->cidr4) ? T_MATCH : T_NOMATCH;
		break;
	case SPF_TERM_IP6:
		ts = spf_ip_in_network(&c->ip, &t->network, t->cidr6) ? T_MATCH : T_NOMATCH;
		break;
	case SPF_TERM_A:
	case SPF_TERM_MX:
	case SPF_TERM_PTR:
	case SPF_TERM_EXISTS:
	case SPF_TERM_INCLUDE:
		target = term_target(c, rec, t, domain);
		if (!target)
			break;
		ev.target = target;
		ts = eval_dns_mechanism(c, t, target, depth);
		break;
	default:
		break;
	}
out:
	ev.matched = ts == T_MATCH;
	ev.lookups = c->out->dns_queries - queries;
	ev.error = ts == T_TEMPERROR || ts == T_PERMERROR ? c->out->error : SPF_ERROR_NONE;
	trace(c, &ev);
	free(target);
	return ts;
}

/* REC's mechanisms in order (RFC 7208 4.6.2; modifiers are skipped, redirect=
 * comes only after all of them, 6.1). True when one decided *RES: a match, an
 * error, or memory ran out; false (*RES neutral) when none matched. */
static bool
eval_mechanisms(struct checker *c, const struct spf_record *rec, const char *domain,
		unsigned depth, enum spf_result *res)
{
	*res = SPF_RESULT_NEUTRAL; /* RFC 7208 4.7: nothing matched, no redirect */
	for (size_t i = 0; i < rec->nterms && !c->oom; i++) {
		const struct spf_term *t = &rec->terms[i];
		if (t->kind == SPF_TERM_EXP || t->kind == SPF_TERM_UNKNOWN_MODIFIER ||
		    t->kind == SPF_TERM_REDIRECT)
			continue;
		enum tstate ts = eval_mechanism(c, rec, t, domain, depth);
		if (c->oom)
			return true;
		if (ts == T_TEMPERROR || ts == T_PERMERROR) {
			*res = ts == T_TEMPERROR ? SPF_RESULT_TEMPERROR : SPF_RESULT_PERMERROR;
			return true;
		}
		if (ts == T_MATCH) {
			*res = qualifier_result(t->qualifier);
			return true;
		}
	}
	return false;
}

/* redirect= of REC (RFC 7208 6.1): the target's result is this level's; a
 * target without record is a permerror. Traced as a term. */
static enum spf_result
eval_redirect(struct checker *c, const struct spf_record *rec, const char *domain,
	      unsigned depth, bool want_exp)
{
	const struct spf_term *t = &rec->terms[rec->redirect];
	struct spf_trace_event ev = term_event(rec, t, domain, depth);
	enum spf_result res = SPF_RESULT_NEUTRAL;
	char *target = NULL;
	unsigned queries = c->out->dns_queries;
	if (++c->out->dns_terms > SPF_MAX_DNS_TERMS) {
		set_error(c, SPF_ERROR_DNS_TERM_LIMIT, domain, DNS_STATUS_OK);
		res = SPF_RESULT_PERMERROR;
	} else if ((target = expand_domain(c, rec, t->value, domain))) {
		ev.target = target;
		res = check_domain(c, target, depth + 1, want_exp);
		if (res == SPF_RESULT_NONE) {
			set_error(c, SPF_ERROR_REDIRECT_NONE, target, DNS_STATUS_OK);
			res = SPF_RESULT_PERMERROR;
		}
		ev.matched = true;
	}
	ev.lookups = c->out->dns_queries - queries;
	ev.error = result_error(c, res);
	trace(c, &ev);
	free(target);
	return res;
}

/* One check_host() level for DOMAIN (RFC 7208 4.6-4.7). WANT_EXP: this level
 * may set the explanation (not inside include, RFC 7208 6.2). */
static enum spf_result
check_domain(struct checker *c, const char *domain, unsigned depth, bool want_exp)
{
	struct spf_record *rec = NULL;
	enum spf_result res = fetch_record(c, domain, depth, &rec);
	if (!rec)
		goto out;
	if (!eval_mechanisms(c, rec, domain, depth, &res)) {
		if (rec->redirect != SPF_NO_TERM && !c->oom)
			res = eval_redirect(c, rec, domain, depth, want_exp);
	} else if (res == SPF_RESULT_FAIL && want_exp && rec->exp != SPF_NO_TERM && !c->oom) {
		compute_exp(c, rec, domain, depth);
	}
out:
	if (c->oom)
		res = SPF_RESULT_PERMERROR;
	struct spf_trace_event ev = {
		.kind = SPF_TRACE_RESULT, .depth = depth, .domain = domain,
		.record = rec ? rec->text : NULL, .record_len = rec ? rec->len : 0,
		.result = res, .error = result_error(c, res)};
	trace(c, &ev);
	spf_record_free(rec);
	return res;
}

/* RFC 7208 4.3: the initial domain must be a multi-label name that can be
 * asked, ending in a valid toplabel; otherwise the result is "none". */
static bool
domain_ok(const char *domain)
{
	size_t len = strlen(domain);
	if (len && domain[len - 1] == '.')
		len--;
	if (!spf_check_name_ok(domain, len))
		return false;
	size_t top = len;
	while (top > 0 && domain[top - 1] != '.')
		top--;
	return top > 0 && spf_parse_is_toplabel(domain + top, len - top);
}

bool
spf_check_host(const struct spf_request *req, const struct dns_seam *seam,
	       const struct spf_options *opts, struct spf_outcome *out)
{
	struct checker c = {.seam = seam, .opts = opts ? opts : &no_options, .out = out,
			    .ip = req->ip, .helo = req->helo ? req->helo : ""};
	bool ok = false;
	spf_outcome_clear(out);
	spf_ip_unmap(&c.ip); /* also when the caller filled it in by hand */
	c.timestamp = c.opts->timestamp ? c.opts->timestamp : (uint64_t)time(NULL);

	/* RFC 7208 4.3: no local-part means "postmaster"; an empty MAIL FROM
	 * means the HELO identity (2.3). */
	const char *s = req->sender && *req->sender ? req->sender : c.helo;
	const char *at = strrchr(s, '@');
	const char *dom = at ? at + 1 : s;
	size_t llen = at ? (size_t)(at - s) : 0;
	if (!req->sender || !*req->sender || !at)
		llen = 0;
	c.local = llen ? dup_mem(&c, s, llen) : dup_mem(&c, "postmaster", 10);
	if (c.local) {
		size_t n = strlen(c.local) + 1 + strlen(dom);
		c.sender = malloc(n + 1);
		if (c.sender) {
			strcpy(c.sender, c.local);
			strcat(c.sender, "@");
			strcat(c.sender, dom);
			c.sender_domain = c.sender + strlen(c.local) + 1;
			/* An absolute name "example.com." is asked as "example.com". */
			if (n > 0 && c.sender[n - 1] == '.' && c.sender + n - 1 > c.sender_domain)
				c.sender[n - 1] = '\0';
		} else {
			c.oom = true;
		}
	}
	if (c.oom)
		goto out;

	if (!domain_ok(c.sender_domain)) {
		out->result = SPF_RESULT_NONE;
		set_error(&c, SPF_ERROR_BAD_DOMAIN, c.sender_domain, DNS_STATUS_BADNAME);
	} else {
		out->result = check_domain(&c, c.sender_domain, 0, true);
	}
	if (c.oom)
		goto out;
	if (out->result == SPF_RESULT_FAIL && !out->explanation &&
	    c.opts->default_explanation) {
		const char *d = c.opts->default_explanation;
		struct spf_macro_vars v;
		macro_vars(&c, c.sender_domain, &v);
		size_t len;
		enum spf_macro_error why;
		if (!spf_macro_expand(d, strlen(d), SPF_MACRO_EXPLANATION, &v, &out->explanation,
				      &len, &why)) {
			if (why == SPF_MACRO_NOMEM)
				goto out;
			/* Not a valid macro-string: use it as it is. */
			if (!(out->explanation = dup_mem(&c, d, strlen(d))))
				goto out;
		}
	}
	if (out->result != SPF_RESULT_FAIL) {
		free(out->explanation);
		out->explanation = NULL;
		out->explanation_from_record = false;
	}
	ok = !c.oom;
out:
	for (size_t i = 0; i < c.npnames; i++)
		free(c.pnames[i]);
	free(c.pnames);
	free(c.local);
	free(c.sender);
	return ok;
}
