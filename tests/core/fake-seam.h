/* fake-seam.h — an in-memory DNS for the core's unit tests. */
#pragma once

#include "dns_seam.h"

enum { FAKE_MAX = 64 };

struct fake_zone {
	struct {
		const char *name;
		enum dns_type type;
		const char *data; /* TXT text; A/AAAA text address; MX/PTR target */
		unsigned short pref;
	} rr[FAKE_MAX];
	size_t n;
	const char *timeout_name; /* lookups of this name time out */
	unsigned lookups;         /* lookups answered so far */
};

void fake_add(struct fake_zone *z, const char *name, enum dns_type type, const char *data);
struct dns_seam fake_seam(struct fake_zone *z);
