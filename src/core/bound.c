/* bound.c — see bound.h. */
#include "bound.h"

void
bound_update(struct cache_bound *b, const struct observation *obs, size_t n,
	     const struct verdict_result *v, time_t now)
{
	uint32_t new_ttl = 0;
	bool has_new_ttl = false;
	for (size_t i = 0; i < n; i++) {
		const struct observation *o = &obs[i];
		if (o->role != ROLE_AUTHORITATIVE || !o->has_ttl)
			continue;
		if (o->state == OBS_OLD || o->state == OBS_NONE || o->state == OBS_SEVERAL) {
			/* The first old answer replaces an estimate. */
			if (!b->old_seen || o->ttl > b->ttl)
				b->ttl = o->ttl;
			b->old_seen = b->has_ttl = true;
		} else if (o->state == OBS_NEW && (!has_new_ttl || o->ttl > new_ttl)) {
			new_ttl = o->ttl;
			has_new_ttl = true;
		}
	}
	if (!verdict_name_servers_ready(v)) {
		/* Not on every server (again): a cache may still fetch the old answer. */
		if (v->auth_answered > 0)
			b->all_since = 0;
		return;
	}
	if (!b->all_since)
		b->all_since = now;
	b->unseen_servers = v->auth_unreachable > 0;
	if (!b->old_seen && has_new_ttl && (!b->has_ttl || new_ttl > b->ttl)) {
		b->ttl = new_ttl;
		b->has_ttl = true;
	}
	/* No cache can hold the old answer past the bound: one that does (the
	 * sample resolvers show it) moves the bound out, so that the two never
	 * disagree. */
	for (size_t i = 0; i < n; i++) {
		const struct observation *o = &obs[i];
		if (o->role != ROLE_RESOLVER || !o->has_ttl ||
		    (o->state != OBS_OLD && o->state != OBS_NONE && o->state != OBS_SEVERAL))
			continue;
		time_t until = now + (time_t)o->ttl;
		if (until > b->all_since && (uint64_t)(until - b->all_since) > b->ttl) {
			b->ttl = (uint32_t)(until - b->all_since);
			b->has_ttl = true;
		}
	}
}

bool
bound_clear_by(const struct cache_bound *b, time_t *at, bool *estimate)
{
	if (!b->all_since || !b->has_ttl)
		return false;
	*at = b->all_since + (time_t)b->ttl;
	*estimate = !b->old_seen || b->unseen_servers;
	return true;
}
