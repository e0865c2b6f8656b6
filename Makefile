# conflict_stats: PGXS build
#
# Explicit lists: one object per C file, one regression test per topic.
# Each type has a plain-C core (no server headers; unit-tested and fuzzed)
# under its fmgr glue, and every core stands on the common layer
# (src/common.c, src/stats.h).

MODULE_big = conflict_stats
EXTENSION = conflict_stats

OBJS = \
	src/common.o \
	src/estimate_core.o src/estimate.o \
	src/trend_core.o src/trend.o \
	src/cumulative_core.o src/cumulative.o \
	src/gain_core.o src/gain.o \
	src/series_core.o src/series.o \
	src/picture_core.o src/picture.o

DATA = sql/conflict_stats--1.0.sql sql/conflict_stats--1.0--1.1.sql sql/conflict_stats--1.1.sql

REGRESS = install estimate wording compare reference article trend cumulative gain series timezones picture hostile security

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)
