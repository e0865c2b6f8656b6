/*
 * sparkline_state.h
 *		The stored form of the sparkline aggregate's state, shared by its
 *		type (sparkline_state.c) and the aggregate that draws it
 *		(sparkline.c).  Server-side: include after postgres.h.
 *
 * The state is a real type, not `internal', so that partial states travel
 * between processes as ordinary values: to the leader of a parallel plan,
 * and as text between the nodes of a distributed database.  Inside an
 * aggregate the transition and combine functions append to the executor's
 * state in place while it has room (the executor does not copy a state
 * returned at the same address); when it is full they return a copy with
 * twice the room, which the executor copies once into its own context, so
 * that appends cost O(1) amortized.  The room beyond the rows is zeroed.
 */
#ifndef CS_SPARKLINE_STATE_H
#define CS_SPARKLINE_STATE_H

#include "picture_core.h"

/* the varlena as stored; the rows start at PIC_HEADER_SIZE */
typedef struct SparkState
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;
	uint8		flags;
	uint8		reserved[2];
	int32		width;			/* 0: one character per row */
	uint32		count;			/* rows held; the value may have room for more */
	PicRow		rows[FLEXIBLE_ARRAY_MEMBER];
} SparkState;

StaticAssertDecl(offsetof(SparkState, rows) == PIC_HEADER_SIZE,
				 "sparkline_state header size");
StaticAssertDecl(sizeof(PicRow) == 16, "sparkline_state row size");

#define DatumGetSparkStateP(X)		((SparkState *) PG_DETOAST_DATUM(X))

/* rows of room in the first state of an aggregate */
#define SPARK_FIRST_ROWS	16

/* Give the rows a state has room for. */
static inline size_t
spark_capacity(const SparkState *s)
{
	return (VARSIZE(s) - PIC_HEADER_SIZE) / sizeof(PicRow);
}

/* Say whether a state holds calendar times (see glue.h). */
static inline bool
spark_is_calendar(const SparkState *s)
{
	return (s->flags & PIC_CALENDAR) != 0;
}

/*
 * Check the stored header of a state before reading it (can't-happen: in
 * and receive check every row, and rows are checked as they are added).
 */
static inline void
spark_check(const SparkState *s)
{
	/* the size first: the header is read only when it is there */
	if (VARSIZE(s) < PIC_HEADER_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt conflict_stats.sparkline_state value"),
				 errdetail("It is %u bytes, shorter than its header.", (unsigned) VARSIZE(s))));
	if (s->version != PIC_STATE_VERSION || (s->flags & ~PIC_FLAGS_MASK) != 0 ||
		(VARSIZE(s) - PIC_HEADER_SIZE) % sizeof(PicRow) != 0 ||
		s->count > spark_capacity(s))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt conflict_stats.sparkline_state value"),
				 errdetail("Its header says version %d, %u rows, in %u bytes.",
						   s->version, s->count, (unsigned) VARSIZE(s))));
}

/*
 * Copy n rows from src to dst, or zero them when src is NULL, a slice at a
 * time, so that a query cancel ends a copy of millions of rows.
 */
extern void pic_rows_copy(PicRow *dst, const PicRow *src, size_t n);

/*
 * Allocate a state with room for cap rows in the current context, the room
 * zeroed, and copy the header and rows of src (may be NULL) into it.
 */
extern SparkState *pic_state_alloc(size_t cap, const SparkState *src);

/*
 * Give a state that can take `more' rows after those of s: s itself when the
 * call may change it (own: it is the executor's state, or a copy made by
 * detoasting) and it has the room; else a copy, with twice the room inside
 * an aggregate, exactly the room outside one.
 */
extern SparkState *pic_state_make_room(FunctionCallInfo fcinfo, SparkState *s, bool own,
									   size_t more);

#endif							/* CS_SPARKLINE_STATE_H */
