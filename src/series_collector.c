/*
 * series_collector.c
 *		The collector of the report_series aggregate in plain C: reports
 *		gathered in chunks and runs, collectors merged, and the runs
 *		flattened into a series' reports (see series_core.h).
 *
 * Rows that come in time order stay one run; flattening merges the runs
 * and sorts only when there are too many of them.  Besides common.h, the
 * sort takes PostgreSQL's sort template (lib/sort_template.h), a header of
 * the server's that needs no server.
 */
#include "series_core.h"

#include <math.h>
#include <string.h>

/*
 * Call cs_progress on every 65536th step i of a loop over reports, so that a
 * query cancel ends it: a counter test, not a call per step.
 */
static inline void
progress_at(size_t i)
{
	if ((i & 0xffff) == 0xffff)
		cs_progress();
}

/* ---- the collector of report_series ------------------------------------ */

/* reports copied between two calls of cs_progress (1 MB) */
#define COPY_SLICE_REPORTS	65536

/* Copy n reports at any alignment, a slice at a time. */
void
ser_copy_reports(void *dst, const void *src, size_t n)
{
	size_t		done = 0;

	while (done < n)
	{
		size_t		k = n - done < COPY_SLICE_REPORTS ? n - done : COPY_SLICE_REPORTS;

		memcpy((char *) dst + done * sizeof(SerReport),
			   (const char *) src + done * sizeof(SerReport), k * sizeof(SerReport));
		done += k;
		cs_progress();
	}
}

/* a chunk's header, rounded up so that the items after it are aligned */
#define CHUNK_HDR	((sizeof(SerChunk) + 7) & ~(size_t) 7)

/* Make an empty collector. */
void
ser_collector_init(SerCollector *c, const CsAllocator *mem, int flags)
{
	memset(c, 0, sizeof(SerCollector));
	c->mem = *mem;
	c->flags = flags;
}

/* Free a collector's chunks. */
void
ser_collector_free(SerCollector *c)
{
	SerChunk   *k = c->head;

	while (k != NULL)
	{
		SerChunk   *next = k->next;

		cs_free(&c->mem, k);
		k = next;
	}
	c->head = c->tail = NULL;
	c->n = 0;
	c->nruns = 0;
}

/* Link a chunk at the end of a collector. */
static inline void
link_chunk(SerCollector *c, SerChunk *k, bool run_start)
{
	k->next = NULL;
	k->run_start = run_start || c->tail == NULL;
	if (c->tail)
		c->tail->next = k;
	else
		c->head = k;
	c->tail = k;
}

/* Link a new chunk with room for cap reports at the end of a collector. */
static SerChunk *
add_chunk(SerCollector *c, size_t cap, bool run_start)
{
	SerChunk   *k = cs_alloc(&c->mem, CHUNK_HDR + cap * sizeof(SerReport));

	k->items = (SerReport *) ((char *) k + CHUNK_HDR);
	k->used = 0;
	k->cap = cap;
	link_chunk(c, k, run_start);
	return k;
}

/* Add a chunk for reports added one at a time, double the last one. */
SerChunk *
ser_collector_grow(SerCollector *c, bool run_start)
{
	size_t		bytes;

	if (c->tail == NULL || run_start)
		bytes = SER_CHUNK_FIRST_BYTES;
	else
	{
		bytes = (CHUNK_HDR + c->tail->cap * sizeof(SerReport)) * 2;
		if (bytes > SER_CHUNK_MAX_BYTES)
			bytes = SER_CHUNK_MAX_BYTES;
	}
	return add_chunk(c, (bytes - CHUNK_HDR) / sizeof(SerReport), run_start);
}

/*
 * Append n reports, copied or borrowed: a sorted run (continuing the last
 * run or starting one), or reports in any order, which leave the collector
 * unsorted.  The caller has checked the count.
 */
static void
append_reports(SerCollector *c, const SerReport *r, size_t n, bool sorted,
			   bool borrow)
{
	bool		new_run = false;
	SerChunk   *k;

	if (!sorted)
		c->nruns = 0;
	else if (c->n == 0)
		c->nruns = 1;
	else if (r[0].at < c->last_at)
		new_run = ser_collector_break_run(c);
	if (borrow)
	{
		/* full, so that no report added later is written into it */
		k = cs_alloc(&c->mem, sizeof(SerChunk));
		k->items = (SerReport *) r;
		k->used = k->cap = n;
		link_chunk(c, k, new_run);
	}
	else
	{
		k = add_chunk(c, n, new_run);
		ser_copy_reports(k->items, r, n);
		k->used = n;
	}
	c->n += n;
	c->last_at = r[n - 1].at;
}

/* Append a sorted run (see series_core.h). */
CsStatus
ser_collector_append_run(SerCollector *c, const SerReport *r, size_t n, bool borrow)
{
	if (n == 0)
		return CS_OK;
	if (n > SER_MAX_REPORTS || c->n + n > SER_MAX_REPORTS)
		return CS_ERR_LIMIT;
	append_reports(c, r, n, true, borrow);
	return CS_OK;
}

/* Copy b's reports into a (see series_core.h). */
CsStatus
ser_collector_merge(SerCollector *a, const SerCollector *b)
{
	const SerChunk *k;

	if (b->n == 0)
		return CS_OK;
	if (a->flags != b->flags)
		return CS_ERR_MIXED;
	if (b->n > SER_MAX_REPORTS || a->n + b->n > SER_MAX_REPORTS)
		return CS_ERR_LIMIT;
	/* chunks in order continue a's last run; one that goes back starts one */
	for (k = b->head; k != NULL; k = k->next)
		if (k->used > 0)
			append_reports(a, k->items, k->used, b->nruns != 0, false);
	return CS_OK;
}

/*
 * The sort of an unsorted collector: PostgreSQL's own sort template (a
 * header: the quicksort the server's sorts use), with the comparison
 * inlined.  It needs three macros of the server's c.h, and it checks for a
 * query cancel at every step, which here counts steps and calls cs_progress
 * every 65536.  Reports at one instant end in any order, which flattening's
 * deduplication does not mind.
 */
static uint32_t sort_steps = 0;

#define CppConcat(x, y)		x##y
#define pg_noinline			__attribute__((noinline))
#define Min(x, y)			((x) < (y) ? (x) : (y))
#define CHECK_FOR_INTERRUPTS() \
	do { \
		if ((++sort_steps & 0xffff) == 0) \
			cs_progress(); \
	} while (0)
#define ST_SORT ser_sort_by_at
#define ST_ELEMENT_TYPE SerReport
#define ST_COMPARE(a, b)	((a)->at < (b)->at ? -1 : (a)->at > (b)->at ? 1 : 0)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"
#undef CHECK_FOR_INTERRUPTS
#undef CppConcat
#undef pg_noinline
#undef Min

/* Step a run's cursor past its exhausted chunks; NULL at the run's end. */
static inline const SerChunk *
run_advance(const SerChunk *k, size_t *pos)
{
	while (k != NULL && *pos >= k->used)
	{
		k = k->next;
		*pos = 0;
		if (k != NULL && k->run_start)
			k = NULL;
	}
	return k;
}

/* Merge the sorted runs of a collector into out; returns the count. */
static size_t
merge_runs(const SerCollector *c, SerReport *out)
{
	/* k is small, so a linear pick of the earliest head */
	const SerChunk *cur[SER_COLLECTOR_MAX_RUNS];
	size_t		pos[SER_COLLECTOR_MAX_RUNS];
	const SerChunk *k;
	int			nr = 0,
				i;
	size_t		n = 0;

	for (k = c->head; k != NULL; k = k->next)
		if (k->run_start && nr < SER_COLLECTOR_MAX_RUNS)
		{
			pos[nr] = 0;
			cur[nr] = run_advance(k, &pos[nr]);
			nr++;
		}
	for (;;)
	{
		int			best = -1;

		for (i = 0; i < nr; i++)
			if (cur[i] != NULL &&
				(best < 0 || cur[i]->items[pos[i]].at < cur[best]->items[pos[best]].at))
				best = i;
		if (best < 0)
			break;
		out[n++] = cur[best]->items[pos[best]++];
		progress_at(n);
		cur[best] = run_advance(cur[best], &pos[best]);
	}
	return n;
}

/* Write a collector's reports in time order, deduplicated. */
size_t
ser_collector_flatten(const SerCollector *c, SerReport *out)
{
	const SerChunk *k;
	size_t		n = 0;

	if (c->nruns > 1)
		n = merge_runs(c, out);
	else
	{
		for (k = c->head; k != NULL; k = k->next)
		{
			ser_copy_reports(out + n, k->items, k->used);
			n += k->used;
		}
		if (c->nruns == 0)
			ser_sort_by_at(out, n);
	}
	return ser_dedup_sorted(out, n);
}

/* Check a collector's invariants (see series_core.h). */
CsStatus
ser_collector_check(const SerCollector *c, const char **detail)
{
	const SerChunk *k;
	size_t		n = 0;
	int			runs = 0;
	int64_t		prev = 0;

	if ((c->head == NULL) != (c->tail == NULL) || (c->head == NULL) != (c->n == 0))
		return (*detail = "The chunk list and the count disagree.", CS_ERR_INVALID);
	if (c->nruns < 0 || c->nruns > SER_COLLECTOR_MAX_RUNS || (c->n == 0 && c->nruns != 0))
		return (*detail = "The count of runs is out of bounds.", CS_ERR_INVALID);
	for (k = c->head; k != NULL; k = k->next)
	{
		size_t		i;

		if (k->used > k->cap)
			return (*detail = "A chunk holds more than it has room for.", CS_ERR_INVALID);
		if (k == c->head && !k->run_start)
			return (*detail = "The first chunk does not start a run.", CS_ERR_INVALID);
		if (k->next == NULL && k != c->tail)
			return (*detail = "The last chunk is not the tail.", CS_ERR_INVALID);
		if (k->run_start)
			runs++;
		for (i = 0; i < k->used; i++)
		{
			const SerReport *r = &k->items[i];

			if (c->nruns > 0 && n > 0 && !(k->run_start && i == 0) && r->at < prev)
				return (*detail = "A run is not in time order.", CS_ERR_INVALID);
			if (r->total == 0.0 && signbit(r->total))
				return (*detail = "A total is -0.", CS_ERR_INVALID);
			prev = r->at;
			n++;
		}
	}
	if (n != c->n)
		return (*detail = "The count is not the number of reports held.", CS_ERR_INVALID);
	if (n > 0 && prev != c->last_at)
		return (*detail = "The last instant is not the last report's.", CS_ERR_INVALID);
	if (n > 0 && c->nruns > 0 && runs != c->nruns)
		return (*detail = "The count of runs is not the number of runs held.", CS_ERR_INVALID);
	return CS_OK;
}
