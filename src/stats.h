/*
 * stats.h
 *		Shared, numerically stable accumulation helpers: bivariate
 *		Youngs-Cramer/Welford updates and downdates, Chan et al.'s merge of
 *		two accumulators, and Student's t quantile.
 *
 * Plain C (math.h only), all static inline, part of the common layer under
 * the type cores, which keep their own stored layouts and pass pointers to
 * their fields.  A bivariate accumulator of n points holds the means mx, my
 * and the centred sums sxx = sum (x - mx)^2, syy = sum (y - my)^2 and
 * sxy = sum (x - mx)(y - my).  Updating deviations from the running mean,
 * rather than raw power sums, keeps full precision when the data sit far
 * from zero (days since 2000, values near 1e9).
 */
#ifndef CONFLICT_STATS_STATS_H
#define CONFLICT_STATS_STATS_H

#include <math.h>
#include <stdbool.h>

/*
 * Add the point (x, y) to an accumulator that holds n_old points
 * (Welford; the co-moment form of Youngs and Cramer).
 */
static inline void
stats_welford2_add(double n_old, double *mx, double *my,
				   double *sxx, double *syy, double *sxy,
				   double x, double y)
{
	double		inv = 1.0 / (n_old + 1.0);	/* one division per row */
	double		dx = x - *mx;
	double		dy = y - *my;
	double		dy2;

	*mx += dx * inv;
	*my += dy * inv;
	dy2 = y - *my;
	*sxx += dx * (x - *mx);
	*syy += dy * dy2;
	*sxy += dx * dy2;
}

/*
 * Remove the point (x, y) from an accumulator that holds n_old >= 2 points:
 * the exact inverse of stats_welford2_add in real arithmetic.  The caller
 * empties the accumulator itself when n_old is 1.  Sums that cancel to
 * below zero are clamped to zero.
 */
static inline void
stats_welford2_remove(double n_old, double *mx, double *my,
					  double *sxx, double *syy, double *sxy,
					  double x, double y)
{
	double		inv = 1.0 / (n_old - 1.0);
	double		mx_old = *mx;
	double		my_old = *my;
	double		dx,
				dy;

	*mx = mx_old - (x - mx_old) * inv;
	*my = my_old - (y - my_old) * inv;
	dx = x - *mx;
	dy = y - *my;
	*sxx -= dx * (x - mx_old);
	*syy -= dy * (y - my_old);
	*sxy -= dx * (y - my_old);
	if (*sxx < 0.0)
		*sxx = 0.0;
	if (*syy < 0.0)
		*syy = 0.0;
}

/*
 * Merge accumulator b (nb points) into a (na points), Chan, Golub and
 * LeVeque's pairwise formula.  b's x must be on a's origin already.
 */
static inline void
stats_welford2_merge(double na, double *mx, double *my,
					 double *sxx, double *syy, double *sxy,
					 double nb, double mxb, double myb,
					 double sxxb, double syyb, double sxyb)
{
	double		n,
				dx,
				dy,
				w;

	if (nb <= 0.0)
		return;
	if (na <= 0.0)
	{
		*mx = mxb;
		*my = myb;
		*sxx = sxxb;
		*syy = syyb;
		*sxy = sxyb;
		return;
	}
	n = na + nb;
	dx = mxb - *mx;
	dy = myb - *my;
	w = na * nb / n;
	*sxx += sxxb + dx * dx * w;
	*syy += syyb + dy * dy * w;
	*sxy += sxyb + dx * dy * w;
	*mx += dx * (nb / n);
	*my += dy * (nb / n);
}

/*
 * Add x to the compensated sum (sum, err), Kahan, Babuska and Neumaier's:
 * the sum is *sum + *err.  Returns false when the sum overflowed.
 */
static inline bool
stats_kbn_add(double *sum, double *err, double x)
{
	double		t = *sum + x;

	if (isinf(t))
		return false;
	if (fabs(*sum) >= fabs(x))
		*err += (*sum - t) + x;
	else
		*err += (x - t) + *sum;
	*sum = t;
	return true;
}

/* ------------------------------------------------------------------------
 * Student's t distribution
 * ------------------------------------------------------------------------
 */

/* Stirling's correction lgamma(a) - ((a - 1/2) ln a - a + ln(2 pi)/2), a >= 10. */
static inline double
stats_stirling_corr(double a)
{
	double		r = 1.0 / a;
	double		r2 = r * r;

	return r * (1.0 / 12.0 + r2 * (-1.0 / 360.0 + r2 * (1.0 / 1260.0 +
				r2 * (-1.0 / 1680.0 + r2 * (1.0 / 1188.0)))));
}

/*
 * Give ln(Gamma(a + 1/2) / Gamma(a)) without the cancellation of two large
 * lgamma values (for a Student's t with a million degrees of freedom).
 */
static inline double
stats_lgamma_half_ratio(double a)
{
	if (a < 10.0)
		return lgamma(a + 0.5) - lgamma(a);
	return a * log1p(0.5 / a) - 0.5 + 0.5 * log(a)
		+ stats_stirling_corr(a + 0.5) - stats_stirling_corr(a);
}

/*
 * Evaluate the continued fraction of the regularized incomplete beta
 * function (modified Lentz), for x < (a + 1) / (a + b + 2).
 */
static inline double
stats_betacf(double a, double b, double x)
{
	const double tiny = 1e-300;
	double		c = 1.0,
				d,
				h;
	int			m;

	d = 1.0 - (a + b) * x / (a + 1.0);
	if (fabs(d) < tiny)
		d = tiny;
	d = 1.0 / d;
	h = d;
	for (m = 1; m <= 100000; m++)
	{
		double		m2 = 2.0 * m;
		double		aa,
					del;

		aa = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
		d = 1.0 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
		d = 1.0 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1.0) < 1e-16)
			break;
	}
	return h;
}

/*
 * Give the upper tail P(T > t) of Student's t with df degrees of freedom,
 * for t >= 0.  With x = df / (df + t^2) the tail is I_x(df/2, 1/2) / 2; the
 * logarithms use log1p so that large df keep full precision.
 */
static inline double
stats_t_upper(double t, double df)
{
	double		a = df / 2.0;
	double		b = 0.5;
	double		q = t * t / df;		/* (1 - x) / x */
	double		lnx = -log1p(q);
	double		ln1mx = log(q) + lnx;
	double		lbeta = 0.5 * log(M_PI) - stats_lgamma_half_ratio(a);
	double		x = 1.0 / (1.0 + q);
	double		front;

	if (t <= 0.0)
		return 0.5;
	if (x < (a + 1.0) / (a + b + 2.0))
	{
		front = exp(a * lnx + b * ln1mx - lbeta);
		return 0.5 * front * stats_betacf(a, b, x) / a;
	}
	/* the symmetric form converges there: I_x(a,b) = 1 - I_{1-x}(b,a) */
	front = exp(a * lnx + b * ln1mx - lbeta);
	return 0.5 * (1.0 - front * stats_betacf(b, a, q * x) / b);
}

/* Give the density of Student's t with df degrees of freedom at t. */
static inline double
stats_t_pdf(double t, double df)
{
	double		a = df / 2.0;

	return exp(stats_lgamma_half_ratio(a) - 0.5 * log(M_PI * df)
			   - (a + 0.5) * log1p(t * t / df));
}

/* Give the standard normal quantile for 0 < p < 1 (Acklam, then one Halley step). */
static inline double
stats_norm_quantile(double p)
{
	static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
		-2.759285104469687e+02, 1.383577518672690e+02,
	-3.066479806614716e+01, 2.506628277459239e+00};
	static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
		-1.556989798598866e+02, 6.680131188771972e+01,
	-1.328068155288572e+01};
	static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
		-2.400758277161838e+00, -2.549732539343734e+00,
	4.374664141464968e+00, 2.938163982698783e+00};
	static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
	2.445134137142996e+00, 3.754408661907416e+00};
	double		q,
				r,
				x,
				e,
				u;

	if (p < 0.02425)
	{
		q = sqrt(-2.0 * log(p));
		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
	}
	else if (p > 1.0 - 0.02425)
	{
		q = sqrt(-2.0 * log1p(-p));
		x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
	}
	else
	{
		q = p - 0.5;
		r = q * q;
		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
			(((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
	}
	e = 0.5 * erfc(-x / M_SQRT2) - p;
	u = e * sqrt(2.0 * M_PI) * exp(x * x / 2.0);
	return x - u / (1.0 + x * u / 2.0);
}

/*
 * Give the quantile t with P(T > t) = q of Student's t with df >= 1 degrees
 * of freedom, for 0 < q <= 1/2 (so t >= 0).  One and two degrees of freedom
 * have closed forms; otherwise Newton's method on the logarithm of the upper
 * tail, from a Cornish-Fisher start, kept inside a bracket that bisection
 * narrows whenever a step leaves it.  From 10,000 degrees of freedom on, the
 * Cornish-Fisher expansion to 1/df^4 is itself exact to about 1e-15 (checked
 * against 50-digit arithmetic), where the continued fraction would converge
 * slowly.  Relative error below 1e-12 throughout.
 */
static inline double
stats_t_quantile_upper(double q, double df)
{
	double		z,
				t,
				lo,
				hi;
	double		lnq = log(q);
	int			i;

	if (q >= 0.5)
		return 0.0;
	if (df == 1.0)
		return 1.0 / tan(M_PI * q);
	if (df == 2.0)
	{
		double		p = 1.0 - q;

		return (2.0 * p - 1.0) / sqrt(2.0 * p * q);
	}

	/* Cornish-Fisher start from the normal quantile */
	z = -stats_norm_quantile(q);
	{
		double		z2 = z * z;
		double		g1 = (z2 + 1.0) * z / 4.0;
		double		g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
		double		g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;

		double		g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2
						  - 945.0) * z / 92160.0;

		t = z + g1 / df + g2 / (df * df) + g3 / (df * df * df)
			+ g4 / (df * df * df * df);
	}
	/* from 10,000 degrees of freedom on the expansion is exact to 1e-15 */
	if (df >= 10000.0)
		return t;
	if (!(t > 0.0) || !isfinite(t))
		t = z > 0.0 ? z : 1.0;

	/* bracket: the tail falls as t grows */
	lo = 0.0;
	hi = t;
	while (stats_t_upper(hi, df) > q)
	{
		lo = hi;
		hi *= 2.0;
		if (!isfinite(hi))
			return hi;
	}

	for (i = 0; i < 200; i++)
	{
		double		tail = stats_t_upper(t, df);
		double		f = log(tail) - lnq;
		double		step,
					tn;

		if (f > 0.0)
			lo = (t > lo) ? t : lo;
		else
			hi = (t < hi) ? t : hi;
		if (f == 0.0)
			break;
		/* d/dt log(tail) = -pdf / tail */
		step = f * tail / stats_t_pdf(t, df);
		tn = t + step;
		if (!(tn > lo && tn < hi))
			tn = 0.5 * (lo + hi);
		if (fabs(tn - t) <= 1e-15 * fabs(tn))
		{
			t = tn;
			break;
		}
		t = tn;
	}
	return t;
}

#endif							/* CONFLICT_STATS_STATS_H */
