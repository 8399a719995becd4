/* dns_cache.c — a small TTL cache of whole answers (dns_cache.h). */
#include "dns_cache.h"

#include "clock.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct entry {
	char *name;
	enum dns_type type;
	struct dns_rrset set;
	time_t stored;  /* monotonic seconds */
	time_t expires; /* monotonic seconds; the entry is dead from then on */
};

struct dns_cache {
	pthread_mutex_t lock;
	struct entry *entries;
	size_t n, cap;
};

static time_t
now_seconds(void)
{
	return (time_t)(clock_now_ms() / 1000);
}

struct dns_cache *
dns_cache_new(void)
{
	struct dns_cache *c = calloc(1, sizeof(*c));
	if (c && pthread_mutex_init(&c->lock, NULL) != 0) {
		free(c);
		c = NULL;
	}
	return c;
}

void
dns_cache_free(struct dns_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->entries[i].name);
		dns_rrset_clear(&c->entries[i].set);
	}
	free(c->entries);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* Copies FROM into *to (cleared), each TTL lowered by AGE seconds. */
static bool
copy_set(struct dns_rrset *to, const struct dns_rrset *from, uint32_t age)
{
	dns_rrset_clear(to);
	for (size_t i = 0; i < from->count; i++) {
		const struct dns_record *r = &from->records[i];
		uint32_t ttl = r->ttl > age ? r->ttl - age : 0;
		if (!dns_rrset_add(to, r->data, r->len, ttl, r->pref)) {
			dns_rrset_clear(to);
			return false;
		}
		to->records[i].nstrings = r->nstrings;
	}
	to->status = from->status;
	to->ttl = from->ttl > age ? from->ttl - age : 0;
	return true;
}

static struct entry *
find(struct dns_cache *c, const char *name, enum dns_type type)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->entries[i].type == type && strcasecmp(c->entries[i].name, name) == 0)
			return &c->entries[i];
	return NULL;
}

bool
dns_cache_get(struct dns_cache *c, const char *name, enum dns_type type, struct dns_rrset *out)
{
	bool hit = false;
	time_t now = now_seconds();
	pthread_mutex_lock(&c->lock);
	struct entry *e = find(c, name, type);
	if (e && now < e->expires)
		hit = copy_set(out, &e->set, (uint32_t)(now - e->stored));
	pthread_mutex_unlock(&c->lock);
	return hit;
}

static bool
worth_keeping(const struct dns_rrset *set)
{
	switch (set->status) {
	case DNS_STATUS_OK:
	case DNS_STATUS_NODATA:
	case DNS_STATUS_NXDOMAIN:
		return set->ttl > 0;
	default:
		return false;
	}
}

void
dns_cache_put(struct dns_cache *c, const char *name, enum dns_type type,
	      const struct dns_rrset *set)
{
	if (!worth_keeping(set))
		return;
	struct dns_rrset copy = DNS_RRSET_INIT;
	char *key = strdup(name);
	if (!key || !copy_set(&copy, set, 0))
		goto fail;
	time_t now = now_seconds();
	pthread_mutex_lock(&c->lock);
	struct entry *e = find(c, name, type);
	if (!e && c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 16;
		struct entry *grown = realloc(c->entries, cap * sizeof(*grown));
		if (grown) {
			c->entries = grown;
			c->cap = cap;
		}
	}
	if (e) {
		free(e->name);
		dns_rrset_clear(&e->set);
	} else if (c->n < c->cap) {
		e = &c->entries[c->n++];
	}
	if (e)
		*e = (struct entry){.name = key, .type = type, .set = copy, .stored = now,
				    .expires = now + (time_t)set->ttl};
	pthread_mutex_unlock(&c->lock);
	if (e)
		return;
fail:
	free(key);
	dns_rrset_clear(&copy);
}
