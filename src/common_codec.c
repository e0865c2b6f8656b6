/*
 * common_codec.c
 *		The common layer's codecs: the wire form of lists of rows, the
 *		key=value text forms of the summaries, and the text and wire codecs
 *		driven by a type's descriptor (see common.h).
 *
 * A type lists its fields once, in its descriptor; cs_text_parse,
 * cs_text_format, cs_wire_encode and cs_wire_decode read and write any type
 * through that list, and check what they read with the type's own check,
 * so that text input, output, receive and send all go through one table.
 */
#include "common.h"

#include <stdio.h>
#include <string.h>

/* ---- wire forms of rows -------------------------------------------------- */

/* Write rows of (time, value) in their wire form (see common.h). */
void
cs_wire_put_rows(uint8_t *buf, const void *rows, size_t n)
{
	const uint8_t *r = rows;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		uint64_t	at,
					bits;

		if ((i & 0xffff) == 0xffff)
			cs_progress();
		memcpy(&at, r, sizeof(at));
		memcpy(&bits, r + 8, sizeof(bits));
		cs_put_be64(buf, at);
		cs_put_be64(buf + 8, bits);
		r += CS_WIRE_ROW_SIZE;
		buf += CS_WIRE_ROW_SIZE;
	}
}

/* Read rows of (time, value) from their wire form. */
void
cs_wire_get_rows(const uint8_t *buf, void *rows, size_t n)
{
	uint8_t    *r = rows;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		uint64_t	at = cs_get_be64(buf),
					bits = cs_get_be64(buf + 8);

		if ((i & 0xffff) == 0xffff)
			cs_progress();
		memcpy(r, &at, sizeof(at));
		memcpy(r + 8, &bits, sizeof(bits));
		r += CS_WIRE_ROW_SIZE;
		buf += CS_WIRE_ROW_SIZE;
	}
}

/* Turn -0 values into +0 in rows of (time, value). */
void
cs_rows_plus_zero(void *rows, size_t n)
{
	uint8_t    *value = (uint8_t *) rows + 8;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		double		v;

		if ((i & 0xffff) == 0xffff)
			cs_progress();
		memcpy(&v, value, sizeof(v));
		if (v == 0.0)
		{
			v = 0.0;
			memcpy(value, &v, sizeof(v));
		}
		value += CS_WIRE_ROW_SIZE;
	}
}

/* ---- key=value text forms ------------------------------------------------ */

/* Read a non-negative decimal count at s. */
static CsStatus
parse_count(const char *s, const char *base, size_t *len, int64_t *out,
			char *errbuf, size_t errlen)
{
	const char *p = s;
	int64_t		v = 0;

	if (!cs_is_digit(*p))
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"A count (digits 0 to 9) was expected at position %zu.",
						(size_t) (s - base) + 1);
	while (cs_is_digit(*p))
	{
		int			digit = *p++ - '0';

		if (v > (INT64_MAX - digit) / 10)
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"The count at position %zu is too large.",
							(size_t) (s - base) + 1);
		v = v * 10 + digit;
	}
	*out = v;
	*len = (size_t) (p - s);
	return CS_OK;
}

/* Parse the key=value items of a summary (see common.h). */
CsStatus
cs_kv_parse(const char *str, const CsField *fields, size_t nfields, void *base,
			CsTimeKind *kind, char *errbuf, size_t errlen)
{
	const char *p = cs_skip_space(str);
	bool		have_kind = false;
	size_t		i;

	*kind = CS_TIME_INSTANT;
	for (i = 0; i < nfields; i++)
	{
		const CsField *f = &fields[i];
		size_t		klen = strlen(f->key);
		char	   *member = (char *) base + f->offset;
		size_t		len = 0;
		CsStatus	st = CS_OK;

		if (*p == '\0')
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"The text ends before \"%s=\".", f->key);
		if (i > 0)
		{
			if (!cs_is_space(*p))
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"White space was expected before \"%s=\" at position %zu.",
								f->key, (size_t) (p - str) + 1);
			p = cs_skip_space(p);
		}
		if (strncmp(p, f->key, klen) != 0 || p[klen] != '=')
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"\"%s=\" was expected at position %zu.",
							f->key, (size_t) (p - str) + 1);
		p += klen + 1;
		switch (f->kind)
		{
			case CS_FIELD_COUNT:
				{
					int64_t		c = 0;

					st = parse_count(p, str, &len, &c, errbuf, errlen);
					if (st == CS_OK)
						memcpy(member, &c, sizeof(c));
				}
				break;
			case CS_FIELD_TIME:
				{
					int64_t		t = 0;
					CsTimeKind	k = CS_TIME_INSTANT;

					st = cs_parse_time(p, str, &len, &t, &k, errbuf, errlen);
					if (st != CS_OK)
						break;
					if (have_kind && k != *kind)
						return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
										"The time at position %zu is %s, the times before it %s: a value holds times of one kind.",
										(size_t) (p - str) + 1,
										k == CS_TIME_CALENDAR ? "a calendar time" : "an instant",
										k == CS_TIME_CALENDAR ? "instants" : "calendar times");
					have_kind = true;
					*kind = k;
					memcpy(member, &t, sizeof(t));
				}
				break;
			case CS_FIELD_DOUBLE:
				{
					double		v = 0;

					st = cs_scan_number(p, 0, str, &len, &v, errbuf, errlen);
					if (st == CS_ERR_RANGE)
						st = CS_ERR_SYNTAX; /* a stored field is never too large */
					if (st == CS_OK)
						memcpy(member, &v, sizeof(v));
				}
				break;
			case CS_FIELD_FLAG:
				if (*p == '1')
					*(uint8_t *) member |= f->bit;
				else if (*p != '0')
					return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
									"0 or 1 was expected after \"%s=\" at position %zu.",
									f->key, (size_t) (p - str) + 1);
				len = 1;
				break;
		}
		if (st != CS_OK)
			return st;
		p += len;
		if (*p != '\0' && !cs_is_space(*p))
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"Unexpected text after \"%s=\" at position %zu.",
							f->key, (size_t) (p - str) + 1);
	}
	p = cs_skip_space(p);
	if (*p != '\0')
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"Unexpected text at position %zu.", (size_t) (p - str) + 1);
	return CS_OK;
}

/* Write the key=value items of a summary. */
size_t
cs_kv_format(const CsField *fields, size_t nfields, const void *base,
			 CsTimeKind kind, char *buf)
{
	char	   *o = buf;
	size_t		i;

	for (i = 0; i < nfields; i++)
	{
		const CsField *f = &fields[i];
		const char *member = (const char *) base + f->offset;

		if (i > 0)
			*o++ = ' ';
		o += sprintf(o, "%s=", f->key);
		switch (f->kind)
		{
			case CS_FIELD_COUNT:
				{
					int64_t		c = 0;

					memcpy(&c, member, sizeof(c));
					o += sprintf(o, "%lld", (long long) c);
				}
				break;
			case CS_FIELD_TIME:
				{
					int64_t		t;

					memcpy(&t, member, sizeof(t));
					o += cs_format_time(t, kind, o);
				}
				break;
			case CS_FIELD_DOUBLE:
				{
					double		d;

					memcpy(&d, member, sizeof(d));
					o += cs_format_double(d, o);
				}
				break;
			case CS_FIELD_FLAG:
				*o++ = (*(const uint8_t *) member & f->bit) ? '1' : '0';
				break;
		}
	}
	*o = '\0';
	return (size_t) (o - buf);
}

/* Say whether n bytes at p are all zero. */
bool
cs_all_zero(const uint8_t *p, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

/* ---- codecs driven by a type's descriptor -------------------------------- */

/* Make v the type's zero value, version set. */
void
cs_type_init(const CsTypeDesc *t, void *v)
{
	memset(v, 0, t->size);
	((uint8_t *) v)[CS_VERSION_AT] = t->version;
}

/* Parse and check the text form of a value (see common.h). */
CsStatus
cs_text_parse(const CsTypeDesc *t, const char *str, void *v,
			  char *errbuf, size_t errlen)
{
	const char *detail = NULL;
	CsTimeKind	kind;
	CsStatus	st;

	cs_type_init(t, v);
	if (t->text_special != NULL &&
		(st = t->text_special(str, v, errbuf, errlen)) != CS_NONE)
		return st;
	st = cs_kv_parse(str, t->text, t->ntext, v, &kind, errbuf, errlen);
	if (st != CS_OK)
		return st;
	if (kind == CS_TIME_CALENDAR)
		((uint8_t *) v)[CS_FLAGS_AT] |= t->calendar_flag;
	if (t->text_refuse != NULL && (st = t->text_refuse(v, errbuf, errlen)) != CS_OK)
		return st;
	if (t->check(v, &detail) != CS_OK)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "%s", detail);
	return CS_OK;
}

/* Write the text form of a value. */
size_t
cs_text_format(const CsTypeDesc *t, const void *v, char *buf)
{
	uint8_t		flags = ((const uint8_t *) v)[CS_FLAGS_AT];
	size_t		len;

	if (t->format_special != NULL && (len = t->format_special(v, buf)) > 0)
		return len;
	return cs_kv_format(t->text, t->ntext, v,
						(flags & t->calendar_flag) ? CS_TIME_CALENDAR : CS_TIME_INSTANT,
						buf);
}

/* Give the bytes a wire field takes. */
static inline size_t
wire_field_size(CsWireKind kind)
{
	return kind == CS_WIRE_BYTE ? 1 : 8;
}

/* Give the length of a type's wire form. */
size_t
cs_wire_size(const CsTypeDesc *t)
{
	size_t		len = 0,
				i;

	for (i = 0; i < t->nwire; i++)
		len += wire_field_size(t->wire[i].kind);
	return len;
}

/*
 * Write field f of v at o, big-endian; give its length.  An int64_t and a
 * double both go as their 8 bytes read as an integer.
 */
static inline size_t
wire_put(const CsWireField *f, const void *v, uint8_t *o)
{
	const char *member = (const char *) v + f->offset;
	uint64_t	bits;

	if (f->kind == CS_WIRE_BYTE)
		*o = *(const uint8_t *) member;
	else
	{
		memcpy(&bits, member, sizeof(bits));
		cs_put_be64(o, bits);
	}
	return wire_field_size(f->kind);
}

/* Read field f of v from p (see wire_put); give its length. */
static inline size_t
wire_get(const CsWireField *f, const uint8_t *p, void *v)
{
	char	   *member = (char *) v + f->offset;
	uint64_t	bits;

	if (f->kind == CS_WIRE_BYTE)
		*(uint8_t *) member = *p;
	else
	{
		bits = cs_get_be64(p);
		memcpy(member, &bits, sizeof(bits));
	}
	return wire_field_size(f->kind);
}

/* Write the wire form of a value: its wire fields in order. */
size_t
cs_wire_encode(const CsTypeDesc *t, const void *v, uint8_t *buf)
{
	size_t		len = 0,
				i;

	for (i = 0; i < t->nwire; i++)
		len += wire_put(&t->wire[i], v, buf + len);
	return len;
}

/* Read and check a wire message of a value (see common.h). */
CsStatus
cs_wire_decode(const CsTypeDesc *t, const uint8_t *buf, size_t len, void *v,
			   char *errbuf, size_t errlen)
{
	const char *detail = NULL;
	size_t		size = cs_wire_size(t),
				at = 0,
				i;

	if (len != size)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"The message holds %zu bytes, but a %s value takes %zu.",
						len, t->name, size);
	memset(v, 0, t->size);
	for (i = 0; i < t->nwire; i++)
		at += wire_get(&t->wire[i], buf + at, v);
	if (t->check(v, &detail) != CS_OK)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "%s", detail);
	return CS_OK;
}
