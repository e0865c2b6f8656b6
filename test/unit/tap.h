/*
 * tap.h
 *		The few TAP helpers the C unit tests share: one "ok N - name" or
 *		"not ok N - name" line per check, and a plan line at the end.
 */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>

static int	n_tests = 0;
static int	n_failed = 0;

/* Report one test result as a TAP line; returns cond. */
static inline int
ok(int cond, const char *fmt,...)
{
	va_list		ap;

	n_tests++;
	if (!cond)
		n_failed++;
	printf("%sok %d - ", cond ? "" : "not ", n_tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return cond;
}

/* Print a TAP diagnostic line. */
static inline void
diag(const char *fmt,...)
{
	va_list		ap;

	printf("#   ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* Print the plan; give the exit status (non-zero when a check failed). */
static inline int
done_testing(void)
{
	printf("1..%d\n", n_tests);
	if (n_failed)
		printf("# %d of %d tests failed\n", n_failed, n_tests);
	return n_failed != 0;
}

#endif							/* TAP_H */
