# conflict_stats: PGXS build
#
# Explicit lists: one object per C file, one regression test per topic.

MODULE_big = conflict_stats
EXTENSION = conflict_stats

OBJS = \
	src/estimate_parse.o src/estimate.o \
	src/trend_parse.o src/trend.o \
	src/cumulative_parse.o src/cumulative.o src/gain.o \
	src/series_codec.o src/series.o

DATA = sql/conflict_stats--1.0.sql

REGRESS = install estimate reference article trend cumulative gain series hostile security

PG_CONFIG ?= pg_config
PG_CFLAGS += -Wall -Wextra -Werror

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)
