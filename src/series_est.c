/*
 * series_est.c
 *		Estimates in a series, in plain C: the checks of version 2, the
 *		collector of report_series over estimates, the text and wire forms
 *		of version 2, the estimate of a total at a bucket edge and the
 *		figure of a bucket (see series_core.h).
 *
 * A report's best value lives in its SerReport, so that the arithmetic of
 * series_core.c (lookup, interpolation, the clamp, the bucket search) reads
 * both versions alike; the other parts of its estimate live in a parallel
 * array of SerEstPart.
 */
#include "series_core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* the longest estimate text a series' value slot takes */
#define EST_SLOT_MAX	(EST_TEXT_BUFLEN * 2)

/* Call cs_progress every 65536th step of a loop over reports. */
static inline void
progress_at(size_t i)
{
	if ((i & 0xffff) == 0xffff)
		cs_progress();
}

/* Give the exact point x. */
void
ser_est_exact(double x, EstimateValue *v)
{
	memset(v, 0, sizeof(EstimateValue));
	v->version = EST_VERSION;
	v->flags = EST_HAS_LOW | EST_LOW_INC | EST_HAS_HIGH | EST_HIGH_INC;
	v->best = v->low = v->high = x == 0.0 ? 0.0 : x;
}

/*
 * Say whether an estimate is approximate: the soft mark on any shape, or
 * the "~B" form (both sides open), which is approximate by itself.
 */
bool
ser_est_is_approx(const EstimateValue *v)
{
	return (est_marks_of(v) & EST_APPROX) != 0;
}

/*
 * Mark an estimate approximate, whatever its shape: a point becomes ~B
 * ("about 38,130, exactly" says no more than "about 38,130"), a range or a
 * bounded side takes the soft mark.
 */
void
est_mark_approx(EstimateValue *v)
{
	est_mark(v, EST_APPROX);
}

/* Check version-2 reports and their estimates. */
CsStatus
ser_check_est(int flags, const SerReport *r, const SerEstPart *p, size_t n,
			  char *errbuf, size_t errlen)
{
	size_t		i;
	CsStatus	st;

	if ((flags & ~SER_FLAGS_MASK_EST) != 0 || (flags & SER_ESTIMATES) == 0)
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"Flag bits 0x%02x do not make a series of estimates.",
						(unsigned) flags & 0xffu);
	if ((st = ser_check(SER_VERSION, flags & SER_FLAGS_MASK, r, n, errbuf, errlen)) != CS_OK)
		return st;
	for (i = 0; i < n; i++)
	{
		EstimateValue v;
		const char *detail = NULL;

		progress_at(i);
		if (memcmp(p[i].reserved, "\0\0\0\0\0\0\0", 7) != 0)
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Report %lu has reserved bytes set.", (unsigned long) (i + 1));
		ser_est_get(&r[i], &p[i], &v);
		if (est_check(&v, &detail) != CS_OK)
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Report %lu is not a valid estimate: %s", (unsigned long) (i + 1),
							detail ? detail : "its parts disagree.");
	}
	return CS_OK;
}

/* Say whether every report is exact. */
bool
ser_parts_all_exact(const SerReport *r, const SerEstPart *p, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		EstimateValue v;

		progress_at(i);
		ser_est_get(&r[i], &p[i], &v);
		if (!ser_est_is_exact(&v))
			return false;
	}
	return true;
}

/* ---- sorting and deduplication ------------------------------------------ */

static uint32_t est_sort_steps = 0;

/* Order items by time, then by the estimate's btree order. */
static inline int
item_cmp(const SerEstItem *a, const SerEstItem *b)
{
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return est_compare(&a->v, &b->v);
}

#define CppConcat(x, y)		x##y
#define pg_noinline			__attribute__((noinline))
#define Min(x, y)			((x) < (y) ? (x) : (y))
#define CHECK_FOR_INTERRUPTS() \
	do { \
		if ((++est_sort_steps & 0xffff) == 0) \
			cs_progress(); \
	} while (0)
#define ST_SORT ser_sort_est_items
#define ST_ELEMENT_TYPE SerEstItem
#define ST_COMPARE(a, b)	item_cmp(a, b)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"
#undef CHECK_FOR_INTERRUPTS
#undef CppConcat
#undef pg_noinline
#undef Min

/* Sort items and keep the largest estimate at each instant. */
size_t
ser_est_sort_dedup(SerEstItem *items, size_t n)
{
	size_t		i,
				out = 0;

	ser_sort_est_items(items, n);
	for (i = 0; i < n; i++)
	{
		progress_at(i);
		/* sorted ascending: the last of an instant is the largest */
		if (out > 0 && items[out - 1].at == items[i].at)
			items[out - 1] = items[i];
		else
			items[out++] = items[i];
	}
	return out;
}

/* ---- the collector -------------------------------------------------------- */

/* the first chunk's items, and the most a chunk takes */
#define EST_CHUNK_FIRST		8
#define EST_CHUNK_MAX		((1024 * 1024) / sizeof(SerEstItem))

/* Make an empty estimate collector. */
void
ser_est_collector_init(SerEstCollector *c, const CsAllocator *mem, int flags)
{
	memset(c, 0, sizeof(SerEstCollector));
	c->mem = *mem;
	c->flags = flags;
}

/* Free an estimate collector's chunks. */
void
ser_est_collector_free(SerEstCollector *c)
{
	SerEstChunk *k = c->head;

	while (k != NULL)
	{
		SerEstChunk *next = k->next;

		cs_free(&c->mem, k);
		k = next;
	}
	c->head = c->tail = NULL;
	c->n = 0;
}

/* Link a new chunk of room for cap items. */
static SerEstChunk *
est_add_chunk(SerEstCollector *c, size_t cap)
{
	SerEstChunk *k = cs_alloc(&c->mem, sizeof(SerEstChunk) + cap * sizeof(SerEstItem));

	k->next = NULL;
	k->used = 0;
	k->cap = cap;
	if (c->tail)
		c->tail->next = k;
	else
		c->head = k;
	c->tail = k;
	return k;
}

/* Add one report to an estimate collector. */
CsStatus
ser_est_collector_add(SerEstCollector *c, int64_t at, const EstimateValue *v)
{
	SerEstChunk *k = c->tail;

	if (k == NULL || k->used == k->cap)
	{
		size_t		cap = k == NULL ? EST_CHUNK_FIRST : k->cap * 2;

		if (c->n + 1 > SER_MAX_REPORTS)
			return CS_ERR_LIMIT;
		k = est_add_chunk(c, cap > EST_CHUNK_MAX ? EST_CHUNK_MAX : cap);
	}
	k->items[k->used].at = at;
	k->items[k->used].v = *v;
	k->used++;
	c->n++;
	return CS_OK;
}

/* Copy b's reports into a. */
CsStatus
ser_est_collector_merge(SerEstCollector *a, const SerEstCollector *b)
{
	const SerEstChunk *k;
	SerEstChunk *dst;

	if (b->n == 0)
		return CS_OK;
	if (a->flags != b->flags)
		return CS_ERR_MIXED;
	if (b->n > SER_MAX_REPORTS || a->n + b->n > SER_MAX_REPORTS)
		return CS_ERR_LIMIT;
	dst = est_add_chunk(a, b->n);
	for (k = b->head; k != NULL; k = k->next)
	{
		memcpy(dst->items + dst->used, k->items, k->used * sizeof(SerEstItem));
		dst->used += k->used;
		cs_progress();
	}
	a->n += b->n;
	return CS_OK;
}

/* Add a float8 collector's reports to an estimate collector as exact points. */
CsStatus
ser_est_collector_add_exact(SerEstCollector *e, const SerCollector *c)
{
	SerCollectorIter it;
	const SerReport *r;
	EstimateValue v;
	CsStatus	st = CS_OK;
	size_t		i = 0;

	if (ser_collector_count(c) > 0 && (e->flags & SER_CALENDAR) != (c->flags & SER_CALENDAR))
		return CS_ERR_MIXED;
	ser_collector_iter_init(c, &it);
	while (st == CS_OK && (r = ser_collector_next(&it)) != NULL)
	{
		ser_est_exact(r->total, &v);
		st = ser_est_collector_add(e, r->at, &v);
		progress_at(i++);
	}
	return st;
}

/* Add a series' reports (with their parts, or exact) to an estimate collector. */
CsStatus
ser_est_collector_add_reports(SerEstCollector *e, const SerReport *r, const SerEstPart *p,
							  size_t n)
{
	EstimateValue v;
	CsStatus	st = CS_OK;
	size_t		i;

	for (i = 0; i < n && st == CS_OK; i++)
	{
		if (p != NULL)
			ser_est_get(&r[i], &p[i], &v);
		else
			ser_est_exact(r[i].total, &v);
		st = ser_est_collector_add(e, r[i].at, &v);
		progress_at(i);
	}
	return st;
}

/* Write an estimate collector's reports, sorted and deduplicated. */
size_t
ser_est_collector_flatten(const SerEstCollector *c, SerEstItem *out)
{
	const SerEstChunk *k;
	size_t		n = 0;

	for (k = c->head; k != NULL; k = k->next)
	{
		memcpy(out + n, k->items, k->used * sizeof(SerEstItem));
		n += k->used;
		cs_progress();
	}
	return ser_est_sort_dedup(out, n);
}

/* ---- text form ------------------------------------------------------------ */

/* Write one report of version 2. */
size_t
ser_format_report_est(const SerReport *rep, const SerEstPart *part, bool calendar,
					  char *buf)
{
	EstimateValue v;
	char		e[EST_TEXT_BUFLEN];
	size_t		len = 0,
				elen;
	bool		quote;

	ser_est_get(rep, part, &v);
	elen = est_format(&v, e);
	quote = strpbrk(e, " ,[]()\"") != NULL;
	buf[len++] = '(';
	len += cs_format_time(rep->at, calendar ? CS_TIME_CALENDAR : CS_TIME_INSTANT, buf + len);
	buf[len++] = ',';
	if (quote)
		buf[len++] = '"';
	memcpy(buf + len, e, elen);
	len += elen;
	if (quote)
		buf[len++] = '"';
	buf[len++] = ')';
	buf[len] = '\0';
	return len;
}

/* Read one value slot (bare up to ")", or double-quoted) as an estimate. */
static CsStatus
scan_est_slot(const char **pp, size_t row, EstimateValue *v, char *errbuf, size_t errlen)
{
	const char *p = *pp;
	const char *start,
			   *end;
	char		slot[EST_SLOT_MAX + 1];
	char		detail[CS_ERRBUF_LEN];
	CsStatus	st;

	if (*p == '"')
	{
		start = ++p;
		while (*p != '\0' && *p != '"')
			p++;
		if (*p != '"')
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"Report %lu has an unterminated quoted total.", (unsigned long) row);
		end = p++;
	}
	else
	{
		start = p;
		while (*p != '\0' && *p != ')')
			p++;
		end = p;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
							   end[-1] == '\r'))
			end--;
	}
	if ((size_t) (end - start) > EST_SLOT_MAX)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"Report %lu has a total too long for an estimate.", (unsigned long) row);
	memcpy(slot, start, (size_t) (end - start));
	slot[end - start] = '\0';
	st = est_parse(slot, v, detail, sizeof(detail), NULL);
	if (st != CS_OK)
		return cs_error(errbuf, errlen, st == CS_ERR_RANGE ? CS_ERR_INVALID : CS_ERR_SYNTAX,
						"Report %lu has a total that is not an estimate: %s",
						(unsigned long) row, detail);
	*pp = p;
	return CS_OK;
}

/* Parse the text form of a series of estimates. */
CsStatus
ser_text_parse_est(const char *str, SerEstItem *items, size_t cap, size_t *n,
				   bool *calendar, char *errbuf, size_t errlen)
{
	const char *p = cs_skip_space(str);
	CsTimeKind	kind = CS_TIME_INSTANT;
	size_t		count = 0;

	*n = 0;
	*calendar = false;
	if (*p != '{')
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "A series starts with \"{\".");
	p = cs_skip_space(p + 1);
	if (*p != '}')
	{
		for (;;)
		{
			size_t		len;
			CsTimeKind	k;
			CsStatus	st;
			int64_t		at;

			if (*p != '(')
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"Report %lu does not start with \"(\".", (unsigned long) (count + 1));
			if (count >= cap)
				return cs_error(errbuf, errlen,
								count >= SER_MAX_REPORTS ? CS_ERR_LIMIT : CS_ERR_SYNTAX,
								"A series holds at most %lu reports.", (unsigned long) SER_MAX_REPORTS);
			p = cs_skip_space(p + 1);
			if ((st = cs_parse_time(p, str, &len, &at, &k, errbuf, errlen)) != CS_OK)
				return st;
			if (count > 0 && k != kind)
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"Report %lu has a time of another kind than the reports before it.",
								(unsigned long) (count + 1));
			kind = k;
			p = cs_skip_space(p + len);
			if (*p != ',')
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"Report %lu needs \",\" between its time and its total.",
								(unsigned long) (count + 1));
			p = cs_skip_space(p + 1);
			items[count].at = at;
			if ((st = scan_est_slot(&p, count + 1, &items[count].v, errbuf, errlen)) != CS_OK)
				return st;
			count++;
			progress_at(count);
			p = cs_skip_space(p);
			if (*p != ')')
				return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
								"Report %lu does not end with \")\".", (unsigned long) count);
			p = cs_skip_space(p + 1);
			if (*p == ',')
			{
				p = cs_skip_space(p + 1);
				continue;
			}
			if (*p == '}')
				break;
			return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
							"Expected \",\" or \"}\" after report %lu.", (unsigned long) count);
		}
	}
	p = cs_skip_space(p + 1);
	if (*p != '\0')
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX, "Unexpected text after the closing \"}\".");
	for (size_t i = 0; i < count; i++)
	{
		progress_at(i);
		if (!cs_time_in_range(items[i].at))
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Report %lu has a time out of range.", (unsigned long) (i + 1));
		if (i > 0 && items[i].at <= items[i - 1].at)
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Reports must be in time order, one per time, but report %lu is not after report %lu.",
							(unsigned long) (i + 1), (unsigned long) i);
	}
	*n = count;
	*calendar = kind == CS_TIME_CALENDAR && count > 0;
	return CS_OK;
}

/* ---- wire form ------------------------------------------------------------ */

/* Give the size of the wire form of n reports of version 2. */
size_t
ser_wire_size_est(size_t n)
{
	return SER_WIRE_HEADER_SIZE + n * SER_WIRE_EST_REPORT_SIZE;
}

/* Write the wire form of version 2. */
void
ser_wire_encode_est(int flags, const SerReport *r, const SerEstPart *p, size_t n,
					uint8_t *buf)
{
	size_t		i;
	uint8_t    *q = buf + SER_WIRE_HEADER_SIZE;

	buf[0] = SER_VERSION_EST;
	buf[1] = (uint8_t) flags;
	cs_put_be32(buf + 2, (uint32_t) n);
	for (i = 0; i < n; i++)
	{
		EstimateValue v;

		progress_at(i);
		cs_put_be64(q, (uint64_t) r[i].at);
		ser_est_get(&r[i], &p[i], &v);
		cs_wire_encode(&est_desc, &v, q + 8);
		q += SER_WIRE_EST_REPORT_SIZE;
	}
}

/* Give the count of a version-2 message, checked against its length. */
CsStatus
ser_wire_count_est(const uint8_t *buf, size_t len, size_t *n, char *errbuf, size_t errlen)
{
	uint32_t	cnt;

	if (len < SER_WIRE_HEADER_SIZE)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"The message is shorter than a series header.");
	cnt = cs_get_be32(buf + 2);
	if ((len - SER_WIRE_HEADER_SIZE) % SER_WIRE_EST_REPORT_SIZE != 0 ||
		(len - SER_WIRE_HEADER_SIZE) / SER_WIRE_EST_REPORT_SIZE != cnt)
		return cs_error(errbuf, errlen, CS_ERR_SYNTAX,
						"The header counts %lu reports but the message holds %lu bytes of reports.",
						(unsigned long) cnt, (unsigned long) (len - SER_WIRE_HEADER_SIZE));
	if (cnt > SER_MAX_REPORTS)
		return cs_error(errbuf, errlen, CS_ERR_LIMIT,
						"A series holds at most %lu reports.", (unsigned long) SER_MAX_REPORTS);
	*n = cnt;
	return CS_OK;
}

/* Read a wire message of version 2. */
CsStatus
ser_wire_decode_est(const uint8_t *buf, size_t len, SerEstItem *items, size_t *n,
					int *flags, char *errbuf, size_t errlen)
{
	size_t		i,
				cnt;
	const uint8_t *q = buf + SER_WIRE_HEADER_SIZE;
	CsStatus	st;

	if ((st = ser_wire_count_est(buf, len, &cnt, errbuf, errlen)) != CS_OK)
		return st;
	if (buf[0] != SER_VERSION_EST)
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"Unknown series format version %d.", buf[0]);
	*flags = buf[1];
	if ((*flags & ~SER_FLAGS_MASK_EST) != 0 || (*flags & SER_ESTIMATES) == 0)
		return cs_error(errbuf, errlen, CS_ERR_INVALID,
						"Flag bits 0x%02x do not make a series of estimates.",
						(unsigned) *flags & 0xffu);
	for (i = 0; i < cnt; i++)
	{
		char		detail[CS_ERRBUF_LEN];

		progress_at(i);
		items[i].at = (int64_t) cs_get_be64(q);
		if (cs_wire_decode(&est_desc, q + 8, SER_WIRE_EST_REPORT_SIZE - 8, &items[i].v,
						   detail, sizeof(detail)) != CS_OK)
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Report %lu is not a valid estimate: %s", (unsigned long) (i + 1), detail);
		if (!cs_time_in_range(items[i].at))
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Report %lu has a time out of range.", (unsigned long) (i + 1));
		if (i > 0 && items[i].at <= items[i - 1].at)
			return cs_error(errbuf, errlen, CS_ERR_INVALID,
							"Reports must be in time order, one per time, but report %lu is not after report %lu.",
							(unsigned long) (i + 1), (unsigned long) i);
		q += SER_WIRE_EST_REPORT_SIZE;
	}
	*n = cnt;
	return CS_OK;
}

/* ---- edge estimates and the figure of a bucket ---------------------------- */

/* Interpolate between x and y at frac without overflow. */
static inline double
lerp(double x, double y, double frac)
{
	double		v;

	if (!isfinite(y - x))
		v = x * (1.0 - frac) + y * frac;
	else
		v = x + (y - x) * frac;
	return v;
}

/* Give the estimate of report j (exact when the series has no parts). */
static inline void
report_est(const SerReport *r, const SerEstPart *p, size_t j, EstimateValue *v)
{
	if (p == NULL)
		ser_est_exact(r[j].total, v);
	else
		ser_est_get(&r[j], &p[j], v);
}

/* Give the estimate of the total at t (see series_core.h). */
void
ser_edge_estimate(const SerReport *r, const SerEstPart *p, size_t n, int64_t t,
				  EstimateValue *out)
{
	size_t		j = ser_lower_bound(r, n, t);
	EstimateValue a,
				b;
	double		best,
				frac,
				low = 0,
				high = 0;
	bool		has_low,
				has_high;
	int			exact;

	if (j < n && r[j].at == t)
	{
		report_est(r, p, j, out);
		return;
	}
	if (j == 0 || j >= n)
	{
		report_est(r, p, j == 0 ? 0 : n - 1, out);
		return;
	}
	best = ser_value_at(r, n, t, &exact);
	report_est(r, p, j - 1, &a);
	report_est(r, p, j, &b);
	frac = cs_usecs_between(t, r[j - 1].at) / cs_usecs_between(r[j].at, r[j - 1].at);
	has_low = (a.flags & EST_HAS_LOW) && (b.flags & EST_HAS_LOW);
	has_high = (a.flags & EST_HAS_HIGH) && (b.flags & EST_HAS_HIGH);
	/* rounding must not leave the best value outside its own bounds */
	/* bounds that sit on the best values interpolate as the best value does */
	if (has_low)
	{
		low = a.low == a.best && b.low == b.best ? best : lerp(a.low, b.low, frac);
		if (low > best)
			low = best;
	}
	if (has_high)
	{
		high = a.high == a.best && b.high == b.best ? best : lerp(a.high, b.high, frac);
		if (high < best)
			high = best;
	}
	(void) est_make_result(out, best, has_low, low,
						   (a.flags & EST_LOW_INC) && (b.flags & EST_LOW_INC),
						   has_high, high,
						   (a.flags & EST_HIGH_INC) && (b.flags & EST_HIGH_INC));
	est_mark_approx(out);
}

/* Shift each report's estimate with its clamped best value. */
void
ser_clamp_parts(const SerReport *r, const SerReport *clamped, const SerEstPart *p,
				SerEstPart *out, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		double		shift = clamped[i].total - r[i].total;

		progress_at(i);
		out[i] = p[i];
		if (out[i].flags & EST_HAS_LOW)
			out[i].low = p[i].low + shift;
		if (out[i].flags & EST_HAS_HIGH)
			out[i].high = p[i].high + shift;
		if (out[i].low == 0.0)
			out[i].low = 0.0;
		if (out[i].high == 0.0)
			out[i].high = 0.0;
	}
}

/* Give the estimate at a clipped edge t and whether it is approximate. */
static bool
edge_of(const SerReport *r, const SerEstPart *p, size_t n, int64_t t, EstimateValue *v)
{
	size_t		j = ser_lower_bound(r, n, t);

	ser_edge_estimate(r, p, n, t, v);
	if (!(j < n && r[j].at == t))
		return true;			/* interpolated */
	return ser_est_is_approx(v);
}

/* Compute the figure of one bucket (see series_core.h). */
CsStatus
ser_period_figure(const SerReport *r, const SerEstPart *p, size_t n, int64_t edge,
				  int64_t next, SerFigure *out)
{
	int64_t		lo = edge > r[0].at ? edge : r[0].at;
	int64_t		hi = next < r[n - 1].at ? next : r[n - 1].at;
	EstimateValue a,
				b;
	bool		approx;
	CsStatus	st;

	approx = edge_of(r, p, n, lo, &a);
	approx = edge_of(r, p, n, hi, &b) || approx;
	if ((st = est_sub(&out->figure, &b, &a)) != CS_OK)
		return st;
	if (approx)
		est_mark_approx(&out->figure);
	out->partial = edge < r[0].at || next > r[n - 1].at;
	return CS_OK;
}
