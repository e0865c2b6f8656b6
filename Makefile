# conflict_stats: PGXS build
#
# Explicit lists: one object per C file, one regression test per topic.
# Each type has a plain-C core (no server headers; unit-tested and fuzzed)
# under its fmgr glue, and every core stands on the common layer
# (src/common.c, src/common_calendar.c, src/common_codec.c, src/stats.h).

MODULE_big = conflict_stats
EXTENSION = conflict_stats

OBJS = \
	src/conflict_stats.o src/common.o src/common_calendar.o src/common_codec.o \
	src/estimate_value.o src/estimate_words.o src/estimate_parse.o src/estimate_numwords.o \
	src/estimate_fast.o src/estimate_text.o src/estimate_math.o src/estimate_acc.o src/estimate_phrase.o \
	src/estimate.o src/estimate_operators.o src/estimate_aggregates.o src/figures_in.o \
	src/trend_core.o src/trend.o \
	src/cumulative_core.o src/cumulative.o \
	src/gain_core.o src/cost_per_gain.o \
	src/series_core.o src/series_collector.o src/series_est.o src/series.o \
	src/report_series.o src/losses_by_period.o \
	src/picture_core.o src/sparkline_state.o src/sparkline.o

DATA = sql/conflict_stats--1.0.sql sql/conflict_stats--1.0--1.1.sql sql/conflict_stats--1.1.sql \
	sql/conflict_stats--1.1--1.2.sql sql/conflict_stats--1.2.sql

REGRESS = install estimate wording compare reference figures article trend cumulative gain series periods timezones ukraine_gs picture hostile security

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Out-of-tree builds (make -C build -f ../Makefile VPATH=.., as pg_buildext
# does): the objects go to src/ under the build directory, and pg_regress runs
# psql there, where the tests read test/data/ by a relative path, so the data
# files are linked into it (by absolute target names, which make does not look
# up along VPATH).
ifneq ($(realpath $(srcdir)),$(realpath $(CURDIR)))
$(shell $(MKDIR_P) src)
regress_data := $(patsubst $(srcdir)/%,$(CURDIR)/%,$(wildcard $(srcdir)/test/data/*))
installcheck: $(regress_data)
$(regress_data): $(CURDIR)/%: $(srcdir)/%
	$(MKDIR_P) $(dir $@)
	ln -sf $(abspath $<) $@
EXTRA_CLEAN += $(regress_data)
endif

# The release archives conflict_stats-VERSION.zip and .tar.gz, from git
# archive of DIST_REF into DIST_DIR with a generated META.json: how, in
# test/packaging/dist.sh.
DIST_REF = HEAD
DIST_DIR = .

.PHONY: dist
dist:
	@test -f $(srcdir)/test/packaging/dist.sh || \
		{ echo "make dist: run it in a git checkout (a release archive has no test/packaging/)" >&2; exit 1; }
	bash $(srcdir)/test/packaging/dist.sh "$(DIST_REF)" "$(DIST_DIR)"
