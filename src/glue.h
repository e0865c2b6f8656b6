/*
 * glue.h
 *		What every fmgr glue file of the extension shares: the one raiser
 *		of the cores' statuses (its table is in conflict_stats.c), soft
 *		input errors, the I/O functions of the fixed-size types over their
 *		descriptors, the reading of an aggregate's row (its value and its
 *		time), the skipping of NULL rows, the in-place update of aggregate
 *		states, and the time axis (calendar and instant values in the
 *		session's time zone).
 *
 * Server-side: include after postgres.h, and only from glue files.
 *
 * Calendar and instant values.  A summary built from dates is a calendar
 * value: its times are wall-clock times counted from local midnight of
 * 2000-01-01, whatever the session's TimeZone, so its days are its dates;
 * one built from timestamp (without time zone) values is a calendar value
 * of their wall-clock times.  One built from timestamptz values is an instant value: its times are
 * instants (microseconds from midnight UTC of 2000-01-01).  Where a
 * calendar value gives a timestamptz, it is its local date and clock time in
 * the session's TimeZone; where it takes one, the argument's local date and
 * clock time there is used.  Functions doing either read TimeZone and are
 * STABLE.
 */
#ifndef CS_GLUE_H
#define CS_GLUE_H

#include <math.h>

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/date.h"
#include "utils/timestamp.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

#include "common.h"
#include "estimate_core.h"

StaticAssertDecl(CS_TS_MIN == MIN_TIMESTAMP, "CS_TS_MIN must match MIN_TIMESTAMP");
StaticAssertDecl(CS_TS_END == END_TIMESTAMP, "CS_TS_END must match END_TIMESTAMP");
StaticAssertDecl(CS_USECS_PER_DAY == USECS_PER_DAY, "CS_USECS_PER_DAY must match USECS_PER_DAY");

/* ---- entry points -------------------------------------------------------- */

/*
 * Define the SQL-callable function name as body(fcinfo, ...): one C body
 * serves every signature of an SQL function, each signature keeping the C
 * name its install script binds.  The extra arguments are compile-time
 * constants (the kinds of a row's value and time, a descriptor), and the
 * body is inlined into each entry, so they cost no test per row.
 */
#define CS_ENTRY(name, body, ...) \
	PG_FUNCTION_INFO_V1(name); \
	Datum name(PG_FUNCTION_ARGS) { return body(fcinfo, __VA_ARGS__); } \
	extern Datum name(PG_FUNCTION_ARGS)

/* ---- arguments ----------------------------------------------------------- */

/* Reject a NaN or infinite argument what of the function fname (22023). */
static inline void
cs_check_finite(double x, const char *fname, const char *what)
{
	if (unlikely(!isfinite(x)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %s must be a finite number", fname, what),
				 isnan(x) ? errdetail("The value is NaN.") : errdetail("The value is infinite.")));
}

/* ---- statuses to SQLSTATEs ----------------------------------------------- */

/* Give the SQLSTATE of a status met in text input. */
static inline int
cs_input_errcode(CsStatus st)
{
	switch (st)
	{
		case CS_ERR_RANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case CS_ERR_LIMIT:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		default:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
	}
}

/* Give the SQLSTATE of a status met in binary input (receive). */
static inline int
cs_recv_errcode(CsStatus st)
{
	return st == CS_ERR_LIMIT ? ERRCODE_PROGRAM_LIMIT_EXCEEDED
		: ERRCODE_INVALID_BINARY_REPRESENTATION;
}

/*
 * Report bad text input of type typname: "invalid input syntax" (22P02), or
 * "value out of range" (22003) for a number too large.  Soft where the server
 * has soft input errors (PostgreSQL 16+), so that pg_input_is_valid()
 * answers without raising; the calling input function returns then.
 */
#define CS_INPUT_MESSAGE(st, typname, str) \
	((st) == CS_ERR_RANGE ? \
	 errmsg("value out of range for type %s: \"%s\"", (typname), (str)) : \
	 errmsg("invalid input syntax for type %s: \"%s\"", (typname), (str)))
#if PG_VERSION_NUM >= 160000
#define CS_INPUT_ERROR(fcinfo, st, typname, str, detail) \
	ereturn((fcinfo)->context, (Datum) 0, \
			(errcode(cs_input_errcode(st)), CS_INPUT_MESSAGE(st, typname, str), \
			 errdetail("%s", (detail))))
#define CS_INPUT_ERROR_HINT(fcinfo, st, typname, str, detail, hint) \
	ereturn((fcinfo)->context, (Datum) 0, \
			(errcode(cs_input_errcode(st)), CS_INPUT_MESSAGE(st, typname, str), \
			 errdetail("%s", (detail)), errhint("%s", (hint))))
#else
#define CS_INPUT_ERROR(fcinfo, st, typname, str, detail) \
	do { \
		(void) (fcinfo); \
		ereport(ERROR, \
				(errcode(cs_input_errcode(st)), CS_INPUT_MESSAGE(st, typname, str), \
				 errdetail("%s", (detail)))); \
		return (Datum) 0; \
	} while (0)
#define CS_INPUT_ERROR_HINT(fcinfo, st, typname, str, detail, hint) \
	do { \
		(void) (fcinfo); \
		ereport(ERROR, \
				(errcode(cs_input_errcode(st)), CS_INPUT_MESSAGE(st, typname, str), \
				 errdetail("%s", (detail)), errhint("%s", (hint)))); \
		return (Datum) 0; \
	} while (0)
#endif

/* Report bad binary input of type typname (22P03, or 54000 when too large). */
#define CS_RECV_ERROR(st, typname, detail) \
	ereport(ERROR, \
			(errcode(cs_recv_errcode(st)), \
			 errmsg("invalid external binary %s value", (typname)), \
			 errdetail("%s", (detail))))

/* ---- I/O of the fixed-size types ----------------------------------------- */

/* Read the text form of a value of type t (its input function). */
static inline Datum
cs_fixed_in(FunctionCallInfo fcinfo, const CsTypeDesc *t)
{
	char	   *str = PG_GETARG_CSTRING(0);
	void	   *v = palloc(t->size);
	char		err[CS_ERRBUF_LEN];
	CsStatus	st = cs_text_parse(t, str, v, err, sizeof(err));

	if (st != CS_OK)
		CS_INPUT_ERROR(fcinfo, st, t->name, str, err);
	PG_RETURN_POINTER(v);
}

/* Write the text form, exact whatever extra_float_digits is (its output function). */
static inline Datum
cs_fixed_out(FunctionCallInfo fcinfo, const CsTypeDesc *t)
{
	char	   *buf = palloc(CS_KV_BUFLEN);

	cs_text_format(t, PG_GETARG_POINTER(0), buf);
	PG_RETURN_CSTRING(buf);
}

/*
 * Read the binary form (its receive function), checked as the text form
 * is.  It takes the value's bytes from the message and leaves what follows
 * them to the caller, which refuses a message longer than its value; a
 * message too short fails as the server's own readers fail on it: "no data
 * left in message" within the version and flags bytes, "insufficient data
 * left in message" after them.
 */
static inline Datum
cs_fixed_recv(FunctionCallInfo fcinfo, const CsTypeDesc *t)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	size_t		len = cs_wire_size(t);
	const char *bytes;
	void	   *v;
	char		err[CS_ERRBUF_LEN];
	CsStatus	st;

	if (msg->len - msg->cursor < CS_FLAGS_AT + 1)
	{
		(void) pq_getmsgbyte(msg);
		(void) pq_getmsgbyte(msg);
	}
	bytes = pq_getmsgbytes(msg, (int) len);
	v = palloc(t->size);
	st = cs_wire_decode(t, (const uint8_t *) bytes, len, v, err, sizeof(err));
	if (st != CS_OK)
		CS_RECV_ERROR(st, t->name, err);
	PG_RETURN_POINTER(v);
}

/* Write the binary form (its send function). */
static inline Datum
cs_fixed_send(FunctionCallInfo fcinfo, const CsTypeDesc *t)
{
	size_t		len = cs_wire_size(t);
	bytea	   *result = (bytea *) palloc(VARHDRSZ + len);

	SET_VARSIZE(result, VARHDRSZ + len);
	cs_wire_encode(t, PG_GETARG_POINTER(0), (uint8_t *) VARDATA(result));
	PG_RETURN_BYTEA_P(result);
}

/* Define prefix_in and prefix_out, the text I/O of a fixed-size type. */
#define CS_TEXT_IO(prefix, desc) \
	CS_ENTRY(prefix##_in, cs_fixed_in, &(desc)); \
	CS_ENTRY(prefix##_out, cs_fixed_out, &(desc))

/* Define prefix_recv and prefix_send, its binary I/O. */
#define CS_WIRE_IO(prefix, desc) \
	CS_ENTRY(prefix##_recv, cs_fixed_recv, &(desc)); \
	CS_ENTRY(prefix##_send, cs_fixed_send, &(desc))

/* Define all four I/O functions of a fixed-size type over its descriptor. */
#define CS_FIXED_IO(prefix, desc) \
	CS_TEXT_IO(prefix, desc); \
	CS_WIRE_IO(prefix, desc)

/*
 * Raise the error of a status a core gave on valid arguments, from the one
 * table of conflict_stats.c: its SQLSTATE and message, worded as
 * PostgreSQL's own arithmetic words the same trouble.  context, the SQL
 * name of what was computing ("estimate", "trend_agg", ...; NULL for a
 * figure in general), picks the words where they differ by what failed;
 * detail, when not NULL, replaces the table's detail (a core's sentence).
 */
extern void cs_raise_in(CsStatus st, const char *context, const char *detail);

/* Raise the error of a status a core gave, in the words of no context. */
static inline void
cs_raise(CsStatus st)
{
	cs_raise_in(st, NULL, NULL);
}

/*
 * Raise the error of a row a core refused: a NaN or infinite value as the
 * bad argument it is (see cs_check_finite), else the status's error in the
 * context of the aggregate fname.
 */
static inline void
cs_raise_row(CsStatus st, const char *fname, double value)
{
	if (st == CS_ERR_INVALID)
		cs_check_finite(value, fname, "value");
	cs_raise_in(st, fname, NULL);
}

/* Give a figure an accessor computed: NULL when it does not exist. */
#define CS_RETURN_FLOAT8(st, value) \
	do { \
		CsStatus	cs_st_ = (st); \
		if (cs_st_ == CS_NONE) \
			PG_RETURN_NULL(); \
		if (cs_st_ != CS_OK) \
			cs_raise(cs_st_); \
		PG_RETURN_FLOAT8(value); \
	} while (0)

/* ---- the time axis ------------------------------------------------------- */

/* Say whether a date has a place on the time axis: finite, within timestamp's range. */
static inline bool
cs_date_on_axis(DateADT d)
{
	return !DATE_NOT_FINITE(d) &&
		d >= (DATETIME_MIN_JULIAN - POSTGRES_EPOCH_JDATE) &&
		d < (TIMESTAMP_END_JULIAN - POSTGRES_EPOCH_JDATE);
}

/* Place a date on the calendar axis: its local midnight; infinite is 22008. */
static inline int64
cs_date_calendar(DateADT d)
{
	if (!cs_date_on_axis(d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range for conflict_stats"),
				 errdetail("Only finite dates within the range of timestamp can be placed on the time axis.")));
	return (int64) d * USECS_PER_DAY;
}

/*
 * Place a timestamp (without time zone) on the calendar axis: its own
 * wall-clock time, whatever the session's zone; infinite is 22008.
 */
static inline int64
cs_timestamp_calendar(Timestamp t)
{
	if (TIMESTAMP_NOT_FINITE(t) || !cs_time_in_range(t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range for conflict_stats"),
				 errdetail("Infinite timestamps cannot be placed on the time axis.")));
	return t;
}

/* Check a timestamptz for the instant axis: infinite is 22008. */
static inline int64
cs_instant(TimestampTz t)
{
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range for conflict_stats"),
				 errdetail("Infinite timestamps cannot be placed on the time axis.")));
	return t;
}

/* Give the local date and clock time of an instant in the session's zone. */
static inline int64
cs_local_of_instant(TimestampTz t)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz;
	Timestamp	local;

	if (timestamp2tm(cs_instant(t), &tz, &tm, &fsec, NULL, NULL) != 0 ||
		tm2timestamp(&tm, fsec, NULL, &local) != 0 || !cs_time_in_range(local))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range"),
				 errdetail("The local time of the instant is beyond the range of timestamp.")));
	return local;
}

/* Give the instant of a local date and clock time in the session's zone. */
static inline TimestampTz
cs_instant_of_local(int64 local)
{
	int			overflow = 0;
	TimestampTz t = timestamp2timestamptz_opt_overflow(local, &overflow);

	if (overflow != 0 || !cs_time_in_range(t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range"),
				 errdetail("The local time has no instant within the range of timestamp with time zone.")));
	return t;
}

/* Give a value's time as a timestamptz: calendar times in the session's zone. */
static inline TimestampTz
cs_time_out(int64 t, bool calendar)
{
	return calendar ? cs_instant_of_local(t) : (TimestampTz) t;
}

/* Place a timestamptz argument on a value's axis. */
static inline int64
cs_time_in_ts(TimestampTz t, bool calendar)
{
	return calendar ? cs_local_of_instant(t) : cs_instant(t);
}

/* Place a date argument on a value's axis (an instant: local midnight). */
static inline int64
cs_time_in_date(DateADT d, bool calendar)
{
	int64		local = cs_date_calendar(d);

	return calendar ? local : cs_instant_of_local(local);
}

/* Give the length of an interval in seconds, as extract(epoch from per). */
static inline double
cs_interval_secs(const Interval *per)
{
	return (double) per->time / 1000000.0
		+ ((double) DAYS_PER_YEAR * SECS_PER_DAY) * (per->month / MONTHS_PER_YEAR)
		+ ((double) DAYS_PER_MONTH * SECS_PER_DAY) * (per->month % MONTHS_PER_YEAR)
		+ ((double) SECS_PER_DAY) * per->day;
}

/* Give a positive `per' interval in microseconds; zero or negative is 22023. */
static inline double
cs_per_usecs(const Interval *per)
{
	double		secs = cs_interval_secs(per);

#ifdef INTERVAL_NOT_FINITE
	if (INTERVAL_NOT_FINITE(per))
		secs = -1;				/* PostgreSQL 17+: an infinite interval */
#endif
	if (!(secs > 0) || !isfinite(secs))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("interval must be positive"),
				 errdetail("A rate is expressed per a positive, finite length of time.")));
	return secs * 1e6;
}

/* ---- estimates ---------------------------------------------------------- */

StaticAssertDecl(sizeof(EstimateValue) == 32, "estimate layout changed");

#define DatumGetEstimateP(X)		((EstimateValue *) DatumGetPointer(X))
#define PG_GETARG_ESTIMATE_P(n)		DatumGetEstimateP(PG_GETARG_DATUM(n))
#define PG_RETURN_ESTIMATE_P(x)		return PointerGetDatum(x)

/* ---- an aggregate's rows ------------------------------------------------- */

/* the kinds of a row's value: a number, or an estimate read as its best value */
#define CS_VAL_FLOAT8		0
#define CS_VAL_ESTIMATE		1

/* Give a row's value in argument argno, of kind CS_VAL_*. */
static pg_attribute_always_inline double
cs_row_value(FunctionCallInfo fcinfo, int argno, int kind)
{
	return kind == CS_VAL_ESTIMATE ? est_best_of(PG_GETARG_ESTIMATE_P(argno))
		: PG_GETARG_FLOAT8(argno);
}

/*
 * The kinds of a row's time, one line each: its name, the time axis it puts
 * the row on (calendar or instant; see the top of this file), and how the
 * argument in argno is read onto that axis.
 */
#define CS_AT_KINDS(X) \
	X(CS_AT_DATE, true, cs_date_calendar(PG_GETARG_DATEADT(argno))) \
	X(CS_AT_TIMESTAMPTZ, false, cs_instant(PG_GETARG_TIMESTAMPTZ(argno))) \
	X(CS_AT_TIMESTAMP, true, cs_timestamp_calendar(PG_GETARG_TIMESTAMP(argno)))

#define CS_AT_ENUM(kind, calendar, read)	kind,
typedef enum CsAtKind
{
	CS_AT_KINDS(CS_AT_ENUM)
} CsAtKind;
#undef CS_AT_ENUM

/* Say whether rows of time kind `kind' are calendar times. */
static pg_attribute_always_inline bool
cs_at_calendar(CsAtKind kind)
{
#define CS_AT_CALENDAR(k, calendar, read)	case k: return calendar;
	switch (kind)
	{
			CS_AT_KINDS(CS_AT_CALENDAR)
	}
#undef CS_AT_CALENDAR
	pg_unreachable();
}

/* Give a row's time in argument argno, of kind `kind', on its axis. */
static pg_attribute_always_inline int64
cs_row_time(FunctionCallInfo fcinfo, int argno, CsAtKind kind)
{
#define CS_AT_READ(k, calendar, read)	case k: return read;
	switch (kind)
	{
			CS_AT_KINDS(CS_AT_READ)
	}
#undef CS_AT_READ
	pg_unreachable();
}

/*
 * Give the state in argument 0 unchanged (NULL while there is none): what a
 * transition function returns for a row it skips, and a combine function
 * for a NULL second state.
 */
static inline Datum
cs_skip_row(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

/* Say whether a row has a NULL value (argument 1) or time (argument 2). */
static inline bool
cs_row_is_null(FunctionCallInfo fcinfo)
{
	return PG_ARGISNULL(1) || PG_ARGISNULL(2);
}

/*
 * Return from a combine function when a side is NULL: the other side (NULL
 * when both are; the executor copies a result that is not its old state).
 */
#define CS_COMBINE_NULL_SIDES() \
	do { \
		if (PG_ARGISNULL(1)) \
			return cs_skip_row(fcinfo); \
		if (PG_ARGISNULL(0)) \
			PG_RETURN_DATUM(PG_GETARG_DATUM(1)); \
	} while (0)

/* ---- functions that return rows ------------------------------------------ */

/*
 * Give the row type fname returns, blessed for building its rows; a call
 * where no row type is accepted cannot come from SQL (the catalog declares
 * the row).
 */
static inline TupleDesc
cs_result_tupdesc(FunctionCallInfo fcinfo, const char *fname)
{
	TupleDesc	tupdesc;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "%s must be called where a row type is accepted", fname);
	return BlessTupleDesc(tupdesc);
}

/*
 * Start the first call of the set-returning function fname: its multi-call
 * context made current (the context before it in *oldcxt, for the caller to
 * switch back to once its state is made there) and its row type set.
 */
static inline FuncCallContext *
cs_srf_first_call(FunctionCallInfo fcinfo, const char *fname, MemoryContext *oldcxt)
{
	FuncCallContext *funcctx = SRF_FIRSTCALL_INIT();

	*oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
	funcctx->tuple_desc = cs_result_tupdesc(fcinfo, fname);
	return funcctx;
}

/* ---- aggregate states ---------------------------------------------------- */

/* the size cs_state_for_update takes for a varlena state (an array) */
#define CS_VARLENA_STATE	0

/*
 * Give the state in argument 0 to update: in place inside an aggregate (the
 * executor owns it), else a copy, so that a direct call never changes its
 * argument.  size is the size of a fixed-size state, or CS_VARLENA_STATE.
 * NULL when the argument is NULL: the caller makes the first state (in the
 * per-call context; the executor copies it into its own).
 */
static inline void *
cs_state_for_update(FunctionCallInfo fcinfo, Size size)
{
	void	   *s;

	if (PG_ARGISNULL(0))
		return NULL;
	if (size == CS_VARLENA_STATE)
		return likely(AggCheckCallContext(fcinfo, NULL)) ?
			PG_DETOAST_DATUM(PG_GETARG_DATUM(0)) :
			PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));
	s = PG_GETARG_POINTER(0);
	if (likely(AggCheckCallContext(fcinfo, NULL)))
		return s;
	return memcpy(palloc(size), s, size);
}

/* Allocate in a memory context (a CsAllocator's alloc). */
static inline void *
cs_context_alloc(void *cxt, size_t size)
{
	return MemoryContextAlloc((MemoryContext) cxt, size);
}

/* Allocate in a memory context, beyond 1 GB if need be. */
static inline void *
cs_context_alloc_huge(void *cxt, size_t size)
{
	return MemoryContextAllocHuge((MemoryContext) cxt, size);
}

/* Free what cs_context_alloc gave (a CsAllocator's free). */
static inline void
cs_context_free(void *cxt, void *p)
{
	pfree(p);
}

/*
 * Give the allocator of a core's stateful algorithm that allocates in a
 * memory context (huge: requests beyond 1 GB allowed).
 */
static inline CsAllocator
cs_context_allocator(MemoryContext cxt, bool huge)
{
	CsAllocator mem;

	mem.alloc = huge ? cs_context_alloc_huge : cs_context_alloc;
	mem.free = cs_context_free;
	mem.cxt = cxt;
	return mem;
}

#endif							/* CS_GLUE_H */
