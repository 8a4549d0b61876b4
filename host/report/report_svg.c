/*
 * report_svg.c - inline SVG charts for the HTML dashboard (report_svg.h).
 * Sizes are in SVG user units; the <svg> scales to its container's width.
 */
#include "report/report_svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define W 720.0
#define LABEL_W 230.0
#define BAR_H 18.0
#define GAP 6.0
#define TOP 28.0

void hk_report_svg_put_esc(hk_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': hk_buf_puts(b, "&amp;"); break;
		case '<': hk_buf_puts(b, "&lt;"); break;
		case '>': hk_buf_puts(b, "&gt;"); break;
		case '"': hk_buf_puts(b, "&quot;"); break;
		case '\'': hk_buf_puts(b, "&#39;"); break;
		default: hk_buf_putc(b, *s);
		}
	}
}

static void put_num(hk_buf *b, double v, const char *unit)
{
	if (fabs(v - floor(v)) < 1e-9)
		hk_buf_printf(b, "%.0f%s", v, unit ? unit : "");
	else
		hk_buf_printf(b, "%.1f%s", v, unit ? unit : "");
}

static double scale_max(const struct hk_svg_chart *c, int stacked)
{
	double max = c->max;
	if (max > 0)
		return max;
	for (size_t i = 0; i < c->n; i++) {
		double t = 0;
		for (size_t k = 0; k < c->ns; k++) {
			double v = c->values[i * c->ns + k];
			t = stacked ? t + v : (v > t ? v : t);
		}
		if (t > max)
			max = t;
	}
	return max > 0 ? max : 1;
}

static void legend(hk_buf *b, const struct hk_svg_chart *c, double x)
{
	if (c->ns < 2)
		return;
	for (size_t k = 0; k < c->ns; k++, x += 130) {
		hk_buf_printf(b, "<rect x=\"%.0f\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, c->series[k].color);
		hk_buf_printf(b, "<text x=\"%.0f\" y=\"16\" class=\"legend\">", x + 16);
		hk_report_svg_put_esc(b, c->series[k].name);
		hk_buf_puts(b, "</text>");
	}
}

static void open_svg(hk_buf *b, const struct hk_svg_chart *c, double h)
{
	hk_buf_printf(b, "<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"", c->id, W, h);
	hk_report_svg_put_esc(b, c->title);
	hk_buf_puts(b, "\" xmlns=\"http://www.w3.org/2000/svg\"><title>");
	hk_report_svg_put_esc(b, c->title);
	hk_buf_puts(b, "</title>");
}

/* One mark: a rect with its tooltip. */
static void mark(hk_buf *b, const struct hk_svg_chart *c, size_t i, size_t k, double x, double y, double w, double h)
{
	double v = c->values[i * c->ns + k];
	hk_buf_printf(b, "<rect class=\"mark\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" data-label=\"",
		      x, y, w, h, c->series[k].color);
	hk_report_svg_put_esc(b, c->labels[i]);
	if (c->keys) {
		hk_buf_puts(b, "\" data-key=\"");
		hk_report_svg_put_esc(b, c->keys[i]);
	}
	hk_buf_printf(b, "\" data-series=\"%zu\" data-value=\"", k);
	put_num(b, v, NULL);
	hk_buf_puts(b, "\"><title>");
	hk_report_svg_put_esc(b, c->labels[i]);
	if (c->ns > 1) {
		hk_buf_puts(b, " · ");
		hk_report_svg_put_esc(b, c->series[k].name);
	}
	hk_buf_puts(b, ": ");
	put_num(b, v, c->unit);
	hk_buf_puts(b, "</title></rect>");
}

void hk_report_svg_hbars(hk_buf *b, const struct hk_svg_chart *c)
{
	double max = scale_max(c, 1), plot = W - LABEL_W - 60;
	double h = TOP + (double)c->n * (BAR_H + GAP) + 8;
	open_svg(b, c, h);
	legend(b, c, LABEL_W);
	for (size_t i = 0; i < c->n; i++) {
		double y = TOP + (double)i * (BAR_H + GAP), x = LABEL_W, total = 0;
		hk_buf_printf(b, "<g class=\"row\"%s><text x=\"%.0f\" y=\"%.1f\" class=\"label\" text-anchor=\"end\">",
			      c->keys ? " tabindex=\"0\"" : "", LABEL_W - 6, y + BAR_H - 5);
		hk_report_svg_put_esc(b, c->labels[i]);
		hk_buf_puts(b, "</text>");
		for (size_t k = 0; k < c->ns; k++) {
			double v = c->values[i * c->ns + k], w = v / max * plot;
			mark(b, c, i, k, x, y, w < 0 ? 0 : w, BAR_H);
			x += w;
			total += v;
		}
		hk_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"value\">", x + 4, y + BAR_H - 5);
		put_num(b, c->ns > 1 ? total : c->values[i], c->unit);
		hk_buf_puts(b, "</text></g>");
	}
	hk_buf_puts(b, "</svg>\n");
}

void hk_report_svg_columns(hk_buf *b, const struct hk_svg_chart *c)
{
	double max = scale_max(c, 0), h = 240, base = h - 40, plot = base - TOP - 14;
	double slot = c->n ? (W - 60) / (double)c->n : W, cw = slot * 0.7 / (double)(c->ns ? c->ns : 1);
	if (cw > 60)
		cw = 60;
	open_svg(b, c, h);
	legend(b, c, 60);
	hk_buf_printf(b, "<line x1=\"40\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" class=\"axis\"/>", base, W - 10, base);
	for (size_t i = 0; i < c->n; i++) {
		double x0 = 50 + (double)i * slot + (slot - cw * (double)c->ns) / 2;
		for (size_t k = 0; k < c->ns; k++) {
			double v = c->values[i * c->ns + k], ch = v / max * plot, x = x0 + (double)k * cw;
			mark(b, c, i, k, x, base - ch, cw - 2, ch);
			hk_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"value\" text-anchor=\"middle\">", x + cw / 2 - 1,
				      base - ch - 3);
			put_num(b, v, c->unit);
			hk_buf_puts(b, "</text>");
		}
		/* at most about 12 labels under the axis; every mark has its own in its tooltip */
		if (i % ((c->n + 11) / 12) == 0) {
			hk_buf_printf(b, "<text x=\"%.1f\" y=\"%.0f\" class=\"label\" text-anchor=\"middle\">",
				      50 + (double)i * slot + slot / 2, base + 16);
			hk_report_svg_put_esc(b, c->labels[i]);
			hk_buf_puts(b, "</text>");
		}
	}
	hk_buf_puts(b, "</svg>\n");
}
