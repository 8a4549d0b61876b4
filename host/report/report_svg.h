/*
 * report_svg.h - the charts of the HTML dashboard as inline SVG (no script
 * needed to see them, so they print): stacked horizontal bars, plain bars and
 * grouped columns. Every data mark carries class "mark" and data-label /
 * data-value attributes (the browser test counts them) and a <title> tooltip.
 */
#ifndef HK_REPORT_SVG_H
#define HK_REPORT_SVG_H

#include "base/buf.h"

#include <stddef.h>

/* Appends s with &, <, >, " and ' escaped for HTML/XML text and attributes. */
void hk_report_svg_put_esc(hk_buf *b, const char *s);

struct hk_svg_series {
	const char *name;  /* legend, e.g. "已销号 closed" */
	const char *color; /* CSS color */
};

/* A chart of n categories and ns series: values[i * ns + k] is series k of
 * category i. */
struct hk_svg_chart {
	const char *id;      /* element id of the <svg> */
	const char *title;   /* accessible title */
	const char *const *labels;
	const char *const *keys; /* data-key of each category (for clicks), may be NULL */
	const double *values;
	size_t n;
	const struct hk_svg_series *series;
	size_t ns;
	double max;          /* the scale's end; 0 = the largest (stacked) total */
	const char *unit;    /* appended to values in labels, e.g. "%" */
};

/* Horizontal bars, series stacked left to right; the total at the bar's end. */
void hk_report_svg_hbars(hk_buf *b, const struct hk_svg_chart *c);

/* Vertical columns, series side by side within a category. */
void hk_report_svg_columns(hk_buf *b, const struct hk_svg_chart *c);

#endif
