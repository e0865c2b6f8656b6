/*
 * conflict_stats.c
 *		What the library sets up once, and the one table of errors: the
 *		module's magic block, _PG_init with the two hooks of the plain-C
 *		layer, and the SQLSTATE and words of every status a core gives on
 *		valid arguments (glue.h's cs_raise_in).
 */
#include "postgres.h"

#include <limits.h>

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"

#include "glue.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/*
 * Clip text in the database encoding: the cores quote parts of the input in
 * their details, and a detail cut inside a character could not be sent to a
 * client in another encoding.
 */
static size_t
clip_in_database_encoding(const char *s, size_t limit)
{
	int			n = limit > (size_t) INT_MAX ? INT_MAX : (int) limit;

	return (size_t) pg_mbcliplen(s, n, n);
}

/* Let a query cancel end a long loop of the cores (the cs_progress_hook). */
static void
check_for_interrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

/*
 * Set up the library: the cores clip quoted text in the database encoding,
 * and their long loops (a parse, a copy, a search over millions of rows)
 * can be cancelled.
 */
void
_PG_init(void)
{
	cs_clip_hook = clip_in_database_encoding;
	cs_progress_hook = check_for_interrupts;
}

/* One status's error in one context. */
typedef struct CsErrorWords
{
	CsStatus	status;
	const char *context;		/* NULL: the words of any other context */
	int			sqlstate;
	const char *message;
	const char *detail;			/* NULL: none */
	const char *hint;			/* NULL: none */
} CsErrorWords;

/*
 * The errors of the statuses: a context's row before the row of no context
 * for the same status.  The words are PostgreSQL's where it has them
 * ("value out of range: overflow", "division by zero", "timestamp out of
 * range"); a context has its own where the same trouble reads better told
 * of what failed.
 */
static const CsErrorWords cs_error_table[] = {
	/* numbers beyond the doubles */
	{
		CS_ERR_RANGE, "estimate", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
		"estimate out of range",
		"The result is not a finite double precision number.",
		NULL
	},
	{
		CS_ERR_RANGE, "estimate parts", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
		"estimate out of range",
		NULL,
		NULL
	},
	{
		CS_ERR_RANGE, "trend_agg", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
		"value out of range: overflow",
		"The sums of a trend summary exceed the range of double precision.",
		NULL
	},

	/* a running sum, in the words of sum(float8) */
	{
		CS_ERR_RANGE, "sum", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
		"value out of range: overflow",
		NULL,
		NULL
	},

	/* a quotient too small for a double, in the words of float8 division */
	{
		CS_ERR_RANGE, "underflow", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
		"value out of range: underflow",
		NULL,
		NULL
	},
	{
		CS_ERR_RANGE, NULL, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
		"value out of range: overflow",
		"The result is beyond the range of double precision.",
		NULL
	},

	/* parts that make no estimate, states that are none, buckets that do not move */
	{
		CS_ERR_INVALID, "estimate", ERRCODE_INVALID_PARAMETER_VALUE,
		"estimate arithmetic with NaN is not allowed",
		"An estimate holds finite numbers only.",
		NULL
	},
	{
		CS_ERR_INVALID, "estimate parts", ERRCODE_INVALID_PARAMETER_VALUE,
		"invalid estimate",
		NULL,
		NULL
	},
	{
		CS_ERR_INVALID, "estimate state", ERRCODE_INVALID_PARAMETER_VALUE,
		"invalid estimate aggregate state",
		NULL,
		NULL
	},
	{
		CS_ERR_INVALID, "losses_by_period", ERRCODE_INVALID_PARAMETER_VALUE,
		"bucket must be positive",
		"Adding the bucket interval must move every edge later in time.",
		NULL
	},

	/* times beyond timestamptz */
	{
		CS_ERR_TIME_RANGE, "losses_by_period", ERRCODE_DATETIME_VALUE_OUT_OF_RANGE,
		"timestamp out of range",
		"A bucket edge lies beyond the range of timestamp with time zone.",
		NULL
	},
	{
		CS_ERR_TIME_RANGE, "time_to_reach", ERRCODE_DATETIME_VALUE_OUT_OF_RANGE,
		"timestamp out of range",
		"At the current rate the target is reached after the last time timestamp with time zone can hold.",
		NULL
	},
	{
		CS_ERR_TIME_RANGE, NULL, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE,
		"timestamp out of range",
		"The result is beyond the range of timestamp with time zone.",
		NULL
	},

	/* division by zero */
	{
		CS_ERR_DIVZERO, "estimate", ERRCODE_DIVISION_BY_ZERO,
		"division by zero",
		"An estimate cannot be divided by zero.",
		NULL
	},
	{
		CS_ERR_DIVZERO, "estimate / estimate", ERRCODE_DIVISION_BY_ZERO,
		"division by zero",
		"The divisor's best value is 0.",
		NULL
	},
	{
		CS_ERR_DIVZERO, NULL, ERRCODE_DIVISION_BY_ZERO,
		"division by zero",
		NULL,
		NULL
	},

	/* values too large for one varlena */
	{
		CS_ERR_LIMIT, "report_series", ERRCODE_PROGRAM_LIMIT_EXCEEDED,
		"too many reports for one series",
		NULL,
		NULL
	},
	{
		CS_ERR_LIMIT, "series", ERRCODE_PROGRAM_LIMIT_EXCEEDED,
		"series too large",
		NULL,
		NULL
	},

	/* the two time axes */
	{
		CS_ERR_MIXED, NULL, ERRCODE_INVALID_PARAMETER_VALUE,
		"cannot combine a calendar value with an instant value",
		"One was built from dates, the other from timestamp with time zone values.",
		"Build both from dates, or both from timestamptz values (for example with \"at::date\" or \"at::timestamptz\")."
	},
};

/* Find the words of status st in context (NULL when the table has none). */
static const CsErrorWords *
cs_error_words(CsStatus st, const char *context)
{
	const CsErrorWords *any = NULL;

	for (size_t i = 0; i < CS_NELEM(cs_error_table); i++)
	{
		const CsErrorWords *w = &cs_error_table[i];

		if (w->status != st)
			continue;
		if (w->context == NULL)
		{
			if (any == NULL)
				any = w;
		}
		else if (context != NULL && strcmp(w->context, context) == 0)
			return w;
	}
	return any;
}

/* Raise the error of status st in context (see glue.h). */
void
cs_raise_in(CsStatus st, const char *context, const char *detail)
{
	const CsErrorWords *w = cs_error_words(st, context);

	if (w == NULL)
		elog(ERROR, "unexpected conflict_stats status %d", (int) st);
	if (detail == NULL)
		detail = w->detail;
	ereport(ERROR,
			(errcode(w->sqlstate),
			 errmsg_internal("%s", w->message),
			 detail != NULL ? errdetail_internal("%s", detail) : 0,
			 w->hint != NULL ? errhint("%s", w->hint) : 0));
}
