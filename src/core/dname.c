/* dname.c — see dname.h. */
#include "dname.h"

static bool
is_ldh(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

/* Whether octet C may stand in a label under FLAGS. */
static bool
allowed(unsigned char c, unsigned flags)
{
	if (c == '\0')
		return false;
	if ((flags & DNAME_LDH) && c >= 0x80)
		return (flags & DNAME_UTF8) != 0;
	if (flags & DNAME_LDH)
		return is_ldh(c);
	if (flags & DNAME_PRINTABLE)
		return c > ' ' && c < 0x7f;
	return true;
}

static enum dname_status
fault_at(struct dname_fault *fault, enum dname_status status, size_t offset, size_t len)
{
	if (fault)
		*fault = (struct dname_fault){.offset = offset, .len = len};
	return status;
}

/* One label, NAME[START, START+LEN); *WIDE is set when it holds an octet
 * from 0x80 up. */
static enum dname_status
check_label(const char *name, size_t start, size_t len, unsigned flags, bool *wide,
	    struct dname_fault *fault)
{
	const unsigned char *l = (const unsigned char *)name + start;
	bool eight_bit = false;

	if (len == 0)
		return fault_at(fault, DNAME_EMPTY_LABEL, start, 0);
	for (size_t i = 0; i < len; i++) {
		if (!allowed(l[i], flags))
			return fault_at(fault, DNAME_BAD_CHAR, start + i, len);
		eight_bit |= l[i] >= 0x80;
	}
	if ((flags & DNAME_LDH) && (l[0] == '-' || l[len - 1] == '-'))
		return fault_at(fault, DNAME_HYPHEN, start, len);
	if (len > DNAME_LABEL_MAX && !(eight_bit && (flags & DNAME_UTF8)))
		return fault_at(fault, DNAME_LABEL_TOO_LONG, start, len);
	*wide |= eight_bit;
	return DNAME_OK;
}

enum dname_status
dname_check(const char *name, size_t len, unsigned flags, struct dname_fault *fault)
{
	size_t labels = 0, start = 0;
	bool wide = false;

	if ((flags & DNAME_ROOT_DOT) && len > 0 && name[len - 1] == '.')
		len--;
	if (len == 0)
		return fault_at(fault, DNAME_EMPTY, 0, 0);
	for (size_t i = 0; i <= len; i++) {
		if (i < len && name[i] != '.')
			continue;
		enum dname_status st = check_label(name, start, i - start, flags, &wide, fault);
		if (st != DNAME_OK)
			return st;
		labels++;
		start = i + 1;
	}
	if (len > DNAME_TEXT_MAX && !(wide && (flags & DNAME_UTF8)))
		return fault_at(fault, DNAME_TOO_LONG, 0, 0);
	if ((flags & DNAME_MULTI_LABEL) && labels < 2)
		return fault_at(fault, DNAME_SINGLE_LABEL, 0, len);
	return fault_at(fault, DNAME_OK, 0, 0);
}
