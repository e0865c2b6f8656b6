/*
 * estimate_phrase.h
 *		Figures in running text: one phrase as a reporter writes it
 *		("about 1,200 soldiers a day") and every figure of a text, with its
 *		rate unit and the noun phrase after it.
 *
 * Plain C in the estimate family (no server headers); offsets are in bytes
 * of the NUL-terminated UTF-8 text, and the glue turns them into characters.
 */
#ifndef ESTIMATE_PHRASE_H
#define ESTIMATE_PHRASE_H

#include "estimate_core.h"
#include "estimate_words.h"

/*
 * Read the longest figure at the start of text (after white space): *len
 * is the offset just past its last character.  CS_ERR_SYNTAX (or
 * CS_ERR_RANGE) when no figure starts there.  In estimate_parse.c.
 */
extern CsStatus est_parse_prefix(const char *text, EstimateValue *v, size_t *len);

/* a figure read from text, its parts as offsets into the text */
typedef struct EstFigure
{
	EstimateValue value;
	EstPeriod	per;			/* the rate unit, EST_PER_NONE for none */
	size_t		start;			/* the phrase: qualifier, number, rate, noun */
	size_t		len;
	size_t		what_start;		/* the noun phrase; what_len 0 when none */
	size_t		what_len;
} EstFigure;

/*
 * Read one phrase: a figure, then an optional rate unit and the rest, or
 * the rest ending with a rate unit; the rest (less one leading "of") is
 * what.  CS_ERR_SYNTAX when the phrase does not start with a figure.
 */
extern CsStatus est_read_figure(const char *phrase, EstFigure *f);

/* the position of a scan of text for figures */
typedef struct EstScan
{
	const char *text;
	size_t		pos;
} EstScan;

/* Start a scan of text. */
extern void est_scan_init(EstScan *sc, const char *text);

/* Find the next figure of the scan: false at the end of the text. */
extern bool est_scan_next(EstScan *sc, EstFigure *f);

#endif							/* ESTIMATE_PHRASE_H */
