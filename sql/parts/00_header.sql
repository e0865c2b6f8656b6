/* conflict_stats--1.0.sql: install script of conflict_stats 1.0 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION conflict_stats" to load this file. \quit

-- CREATE EXTENSION makes the schema but grants nothing on it
GRANT USAGE ON SCHEMA conflict_stats TO PUBLIC;
COMMENT ON SCHEMA conflict_stats IS 'conflict_stats: war-casualty and equipment-loss figures, their rates, trends and losses per period';

