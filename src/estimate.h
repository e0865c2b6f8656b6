/*
 * estimate.h
 *		Server-side access to the estimate type for other parts of the
 *		extension (accessors that return an estimate, for instance).
 */
#ifndef ESTIMATE_H
#define ESTIMATE_H

#include "fmgr.h"
#include "estimate_parse.h"

#define DatumGetEstimateP(X)		((EstimateValue *) DatumGetPointer(X))
#define EstimatePGetDatum(X)		PointerGetDatum(X)
#define PG_GETARG_ESTIMATE_P(n)		DatumGetEstimateP(PG_GETARG_DATUM(n))
#define PG_RETURN_ESTIMATE_P(x)		return EstimatePGetDatum(x)

/*
 * Make a palloc'd estimate from parts; a NaN part, an infinite part, or
 * bounds out of order raise an error (22003 for infinities, 22023 otherwise).
 * has_low/has_high false means that side is unbounded.
 */
extern EstimateValue *estimate_from_parts(double best,
										  bool has_low, double low, bool low_inc,
										  bool has_high, double high, bool high_inc);

#endif							/* ESTIMATE_H */
