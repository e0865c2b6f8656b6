/*
 * tap.h
 *		The few TAP helpers the C unit tests share: one "ok N - name" or
 *		"not ok N - name" line per check, diagnostics, a check run in a
 *		child process, and a plan line at the end.
 */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__GNUC__) || defined(__clang__)
#define TAP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TAP_PRINTF(f, a)
#endif

static int	n_tests = 0;
static int	n_failed = 0;

static inline int ok(int cond, const char *fmt,...) TAP_PRINTF(2, 3);
static inline void diag(const char *fmt,...) TAP_PRINTF(1, 2);

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

/*
 * Run fn(arg) in a child process and say whether it returned true: a check
 * of code that may trip a sanitizer, which aborts the process, can then
 * fail without ending the test.
 */
static inline int
survives(int (*fn) (void *), void *arg)
{
	pid_t		pid;
	int			status;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0)
		_exit(fn(arg) ? 0 : 3);
	if (waitpid(pid, &status, 0) != pid)
		return 0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
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
