/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Scatter and scattergl traces: lines (linear, spline, step shapes, dashes,
 * gaps), markers (plotly's symbol paths), and text.  Dense lines are
 * decimated per pixel column (M4) before stroking, or drawn as column
 * spans; large scatters are stamped into a raster.
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "nd-chart-private.h"

/* Markers beyond these counts are stamped instead of drawn as paths. */
#define RASTER_MIN_SVG 2000
#define RASTER_MIN_GL 200
/* Points per pixel column from which lines are decimated. */
#define DECIMATE_PER_COL 4
#define CHUNK 1024

/**
 * nd_symbol_path: (skip)
 *
 * plotly's marker symbols (symbol_defs.js) for radius @r at (@x, @y).
 */
void
nd_symbol_path (cairo_t *cr, int symbol, double x, double y, double r)
{
  switch (symbol & ~ND_SYMBOL_OPEN)
    {
    case ND_SYMBOL_SQUARE:
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case ND_SYMBOL_DIAMOND:
      {
        double rd = r * 1.3;

        cairo_move_to (cr, x + rd, y);
        cairo_line_to (cr, x, y + rd);
        cairo_line_to (cr, x - rd, y);
        cairo_line_to (cr, x, y - rd);
        cairo_close_path (cr);
      }
      break;
    case ND_SYMBOL_CROSS:
      {
        double rc = r * 0.4, rc2 = r * 1.2;

        cairo_move_to (cr, x + rc2, y + rc);
        cairo_line_to (cr, x + rc, y + rc);
        cairo_line_to (cr, x + rc, y + rc2);
        cairo_line_to (cr, x - rc, y + rc2);
        cairo_line_to (cr, x - rc, y + rc);
        cairo_line_to (cr, x - rc2, y + rc);
        cairo_line_to (cr, x - rc2, y - rc);
        cairo_line_to (cr, x - rc, y - rc);
        cairo_line_to (cr, x - rc, y - rc2);
        cairo_line_to (cr, x + rc, y - rc2);
        cairo_line_to (cr, x + rc, y - rc);
        cairo_line_to (cr, x + rc2, y - rc);
        cairo_close_path (cr);
      }
      break;
    case ND_SYMBOL_X:
      {
        double rx = r * 0.8 / G_SQRT2;
        static const int steps[12][2] = {
          { 1, 1 }, { 1, -1 }, { -1, -1 }, { 1, -1 }, { -1, -1 }, { -1, 1 },
          { -1, -1 }, { -1, 1 }, { 1, 1 }, { -1, 1 }, { 1, 1 }, { 1, -1 },
        };
        double cx = x, cy = y + rx;

        cairo_move_to (cr, cx, cy);
        for (int i = 0; i < 11; i++)
          {
            cx += steps[i][0] * rx;
            cy += steps[i][1] * rx;
            cairo_line_to (cr, cx, cy);
          }
        cairo_close_path (cr);
      }
      break;
    case ND_SYMBOL_TRIANGLE_UP:
    case ND_SYMBOL_TRIANGLE_DOWN:
      {
        double rt = r * 2 / sqrt (3), r2 = r / 2, s = (symbol & ~ND_SYMBOL_OPEN) == ND_SYMBOL_TRIANGLE_UP ? 1 : -1;

        cairo_move_to (cr, x - rt, y + s * r2);
        cairo_line_to (cr, x + rt, y + s * r2);
        cairo_line_to (cr, x, y - s * r);
        cairo_close_path (cr);
      }
      break;
    case ND_SYMBOL_TRIANGLE_LEFT:
    case ND_SYMBOL_TRIANGLE_RIGHT:
      {
        double rt = r * 2 / sqrt (3), r2 = r / 2, s = (symbol & ~ND_SYMBOL_OPEN) == ND_SYMBOL_TRIANGLE_LEFT ? 1 : -1;

        cairo_move_to (cr, x + s * r2, y - rt);
        cairo_line_to (cr, x + s * r2, y + rt);
        cairo_line_to (cr, x - s * r, y);
        cairo_close_path (cr);
      }
      break;
    case ND_SYMBOL_CIRCLE:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_close_path (cr);
      break;
    }
}

/* ---- lines ---- */

typedef struct {
  GArray *pts;   /* double pairs; NAN pair = break */
} Poly;

static inline void
poly_add (GArray *pts, double x, double y)
{
  double p[2] = { x, y };

  g_array_append_vals (pts, p, 2);
}

static inline void
poly_break (GArray *pts)
{
  if (pts->len >= 2 && !isnan (g_array_index (pts, double, pts->len - 2)))
    poly_add (pts, NAN, NAN);
}

/* Strokes a polyline with breaks in chunks: cairo's stroker slows down
 * sharply on very long paths. The dash phase is carried across chunks. */
static void
stroke_chunked (cairo_t *cr, const double *p, guint n, const double *dash, int n_dash)
{
  double offset = 0;
  guint i = 0;

  while (i < n)
    {
      guint count = 0, start;

      while (i < n && isnan (p[2 * i]))
        i++;
      if (i >= n)
        break;
      start = i;
      cairo_new_path (cr);
      cairo_move_to (cr, p[2 * i], p[2 * i + 1]);
      for (i++; i < n && !isnan (p[2 * i]) && count < CHUNK; i++, count++)
        {
          if (n_dash)
            offset += hypot (p[2 * i] - p[2 * i - 2], p[2 * i + 1] - p[2 * i - 1]);
          cairo_line_to (cr, p[2 * i], p[2 * i + 1]);
        }
      if (i == start + 1)
        {
          /* a lone point draws nothing, as in SVG */
          cairo_new_path (cr);
          continue;
        }
      cairo_stroke (cr);
      if (n_dash)
        cairo_set_dash (cr, dash, n_dash, offset);
      /* overlap one point so chunks join */
      if (count >= CHUNK && i < n && !isnan (p[2 * i]))
        i--;
      else if (n_dash)
        {
          offset = 0;
          cairo_set_dash (cr, dash, n_dash, 0);
        }
    }
}

/* plotly's smoothopen: Catmull-Rom tangents scaled by the smoothing. */
static void
tangent (const double *prev, const double *cur, const double *next, double sm, double out[4])
{
  double d1x = prev[0] - cur[0], d1y = prev[1] - cur[1];
  double d2x = next[0] - cur[0], d2y = next[1] - cur[1];
  double d1a = pow (d1x * d1x + d1y * d1y, 0.25), d2a = pow (d2x * d2x + d2y * d2y, 0.25);
  double numx = (d2a * d2a * d1x - d1a * d1a * d2x) * sm;
  double numy = (d2a * d2a * d1y - d1a * d1a * d2y) * sm;
  double den1 = 3 * d2a * (d1a + d2a), den2 = 3 * d1a * (d1a + d2a);

  out[0] = cur[0] + (den1 ? numx / den1 : 0);
  out[1] = cur[1] + (den1 ? numy / den1 : 0);
  out[2] = cur[0] - (den2 ? numx / den2 : 0);
  out[3] = cur[1] - (den2 ? numy / den2 : 0);
}

static void
quad_to (cairo_t *cr, const double *p0, double qx, double qy, const double *p1)
{
  cairo_curve_to (cr, p0[0] + 2.0 / 3 * (qx - p0[0]), p0[1] + 2.0 / 3 * (qy - p0[1]),
                  p1[0] + 2.0 / 3 * (qx - p1[0]), p1[1] + 2.0 / 3 * (qy - p1[1]), p1[0], p1[1]);
}

static void
path_run (cairo_t *cr, const double *p, guint n, NdLineShape shape, double smoothing)
{
  if (n < 2)
    return;
  cairo_move_to (cr, p[0], p[1]);
  if (shape == ND_LINE_SPLINE && n >= 3 && smoothing > 0)
    {
      g_autofree double *tan = g_new (double, 4 * n);

      for (guint i = 1; i + 1 < n; i++)
        tangent (p + 2 * (i - 1), p + 2 * i, p + 2 * (i + 1), smoothing, tan + 4 * i);
      quad_to (cr, p, tan[4], tan[5], p + 2);
      for (guint i = 2; i + 1 < n; i++)
        cairo_curve_to (cr, tan[4 * (i - 1) + 2], tan[4 * (i - 1) + 3], tan[4 * i], tan[4 * i + 1],
                        p[2 * i], p[2 * i + 1]);
      quad_to (cr, p + 2 * (n - 2), tan[4 * (n - 2) + 2], tan[4 * (n - 2) + 3], p + 2 * (n - 1));
      return;
    }
  for (guint i = 1; i < n; i++)
    {
      double x0 = p[2 * i - 2], y0 = p[2 * i - 1], x1 = p[2 * i], y1 = p[2 * i + 1];

      switch (shape)
        {
        case ND_LINE_HV:
          cairo_line_to (cr, x1, y0);
          break;
        case ND_LINE_VH:
          cairo_line_to (cr, x0, y1);
          break;
        case ND_LINE_HVH:
          cairo_line_to (cr, (x0 + x1) / 2, y0);
          cairo_line_to (cr, (x0 + x1) / 2, y1);
          break;
        case ND_LINE_VHV:
          cairo_line_to (cr, x0, (y0 + y1) / 2);
          cairo_line_to (cr, x1, (y0 + y1) / 2);
          break;
        default:
          break;
        }
      cairo_line_to (cr, x1, y1);
    }
}

static void
set_line_style (cairo_t *cr, NdTrace *t)
{
  nd_rgba_set_source (cr, &t->line_color, 1.0);
  cairo_set_line_width (cr, t->line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  if (t->n_dash)
    cairo_set_dash (cr, t->dash, t->n_dash, 0);
}

/* First, min, max, last of a run of points in one pixel column, in index
 * order (M4). */
typedef struct {
  guint  count;
  double x0, y0, xmin, ymin, xmax, ymax, x1, y1;
  guint  imin, imax;
} Run;

static void
run_flush (Run *r, GArray *out)
{
  if (r->count == 0)
    return;
  poly_add (out, r->x0, r->y0);
  if (r->count > 1)
    {
      gboolean min_first = r->imin <= r->imax;
      double ax = min_first ? r->xmin : r->xmax, ay = min_first ? r->ymin : r->ymax;
      double bx = min_first ? r->xmax : r->xmin, by = min_first ? r->ymax : r->ymin;

      if (ax != r->x0 || ay != r->y0)
        poly_add (out, ax, ay);
      if (bx != ax || by != ay)
        poly_add (out, bx, by);
      if (r->x1 != bx || r->y1 != by)
        poly_add (out, r->x1, r->y1);
    }
  r->count = 0;
}

/* Run-based M4 in pixel space: any x order, gaps honoured. */
static GArray *
decimate_runs (NdChart *chart, NdTrace *t)
{
  NdAxis *xa = &chart->xaxis, *ya = &chart->yaxis;
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (double), 8 * (guint) chart->plot_w + 16);
  Run r = { 0 };
  int col = G_MININT;

  for (guint i = 0; i < t->n; i++)
    {
      double x = nd_axis_l2p (xa, t->x[i]), y = nd_axis_l2p (ya, t->y[i]);
      int c;

      if (isnan (x) || isnan (y))
        {
          if (!t->connectgaps)
            {
              run_flush (&r, out);
              poly_break (out);
              col = G_MININT;
            }
          continue;
        }
      c = (int) floor (x);
      if (c != col)
        {
          run_flush (&r, out);
          col = c;
        }
      if (r.count == 0)
        {
          r.x0 = r.xmin = r.xmax = x;
          r.y0 = r.ymin = r.ymax = y;
          r.imin = r.imax = i;
        }
      else
        {
          if (y < r.ymin)
            {
              r.ymin = y;
              r.xmin = x;
              r.imin = i;
            }
          if (y > r.ymax)
            {
              r.ymax = y;
              r.xmax = x;
              r.imax = i;
            }
        }
      r.x1 = x;
      r.y1 = y;
      r.count++;
    }
  run_flush (&r, out);
  return out;
}

/* Index of the first x >= v in a non-decreasing array. */
static guint
lower_bound (const double *x, guint n, double v)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (x[mid] < v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Min and max of y[i0..i1) (no NaN): the whole cost of dense lines, so
 * two lanes at a time and independent chains. */
static void
y_min_max (const double *y, guint i0, guint i1, double *lo, double *hi)
{
  double mn = *lo, mx = *hi;
  guint i = i0;

#ifdef __SSE2__
  if (i1 - i0 >= 16)
    {
      __m128d a0 = _mm_set1_pd (mn), a1 = a0, a2 = a0, a3 = a0;
      __m128d b0 = _mm_set1_pd (mx), b1 = b0, b2 = b0, b3 = b0;
      double out[2];

      for (; i + 8 <= i1; i += 8)
        {
          __m128d v0 = _mm_loadu_pd (y + i), v1 = _mm_loadu_pd (y + i + 2);
          __m128d v2 = _mm_loadu_pd (y + i + 4), v3 = _mm_loadu_pd (y + i + 6);

          _mm_prefetch ((const char *) (y + i + 64), _MM_HINT_T0);
          a0 = _mm_min_pd (a0, v0);
          a1 = _mm_min_pd (a1, v1);
          a2 = _mm_min_pd (a2, v2);
          a3 = _mm_min_pd (a3, v3);
          b0 = _mm_max_pd (b0, v0);
          b1 = _mm_max_pd (b1, v1);
          b2 = _mm_max_pd (b2, v2);
          b3 = _mm_max_pd (b3, v3);
        }
      a0 = _mm_min_pd (_mm_min_pd (a0, a1), _mm_min_pd (a2, a3));
      b0 = _mm_max_pd (_mm_max_pd (b0, b1), _mm_max_pd (b2, b3));
      _mm_storeu_pd (out, a0);
      mn = MIN (out[0], out[1]);
      _mm_storeu_pd (out, b0);
      mx = MAX (out[0], out[1]);
    }
#endif
  for (; i < i1; i++)
    {
      mn = y[i] < mn ? y[i] : mn;
      mx = y[i] > mx ? y[i] : mx;
    }
  *lo = mn;
  *hi = mx;
}

/* m4span: monotonic x without gaps; per raster column the vertical extent
 * of the line, streaming only y. */
static void
draw_m4span (NdChart *chart, NdTrace *t, cairo_t *cr)
{
  NdAxis *xa = &chart->xaxis, *ya = &chart->yaxis;
  NdRaster r;
  g_autofree float *lo = NULL, *hi = NULL;
  double x0 = MIN (xa->range[0], xa->range[1]), x1 = MAX (xa->range[0], xa->range[1]);
  gboolean xrev = xa->range[1] < xa->range[0];
  double colw;
  double sy, oy;
  int ncols;
  guint prev_end;

  if (!nd_raster_begin (&r, cr, chart->plot_x, chart->plot_y, chart->plot_w, chart->plot_h,
                        CAIRO_FORMAT_A8))
    return;
  ncols = r.width;
  colw = (x1 - x0) / ncols;
  sy = -r.height / (ya->range[1] - ya->range[0]);
  oy = r.height - ya->range[0] * sy;
  lo = g_new (float, ncols);
  hi = g_new (float, ncols);
  prev_end = lower_bound (t->x, t->n, x0);
  for (int c = 0; c < ncols; c++)
    {
      double cl = x0 + c * colw, crt = cl + colw;
      guint i0 = prev_end, i1 = lower_bound (t->x + i0, t->n - i0, crt) + i0;
      double ymin = INFINITY, ymax = -INFINITY;
      int out = xrev ? ncols - 1 - c : c;

      /* the segments entering and leaving the column */
      if (i0 > 0 && i0 < t->n)
        {
          double f = (cl - t->x[i0 - 1]) / (t->x[i0] - t->x[i0 - 1]);
          double v = t->y[i0 - 1] + (isfinite (f) ? f : 0) * (t->y[i0] - t->y[i0 - 1]);

          ymin = MIN (ymin, v);
          ymax = MAX (ymax, v);
        }
      if (i1 > 0 && i1 < t->n)
        {
          double f = (crt - t->x[i1 - 1]) / (t->x[i1] - t->x[i1 - 1]);
          double v = t->y[i1 - 1] + (isfinite (f) ? f : 0) * (t->y[i1] - t->y[i1 - 1]);

          ymin = MIN (ymin, v);
          ymax = MAX (ymax, v);
        }
      y_min_max (t->y, i0, i1, &ymin, &ymax);
      prev_end = i1;
      if (ymin > ymax)
        {
          lo[out] = hi[out] = NAN;
          continue;
        }
      /* l-space max is the top row */
      lo[out] = (float) (ymax * sy + oy);
      hi[out] = (float) (ymin * sy + oy);
      if (lo[out] > hi[out])
        {
          float tmp = lo[out];
          lo[out] = hi[out];
          hi[out] = tmp;
        }
    }
  nd_raster_m4span (&r, lo, hi, ncols, t->line_width * r.scale);
  nd_raster_end (&r, cr, &t->line_color, 1.0);
}

static void
draw_lines (NdChart *chart, NdTrace *t, cairo_t *cr)
{
  NdAxis *xa = &chart->xaxis, *ya = &chart->yaxis;
  gboolean dense = t->n > DECIMATE_PER_COL * chart->plot_w;

  if (dense && t->x_monotonic && !t->has_gaps && t->n_dash == 0 && t->line_width <= 4 &&
      (t->shape == ND_LINE_LINEAR || t->n > 16 * chart->plot_w))
    {
      draw_m4span (chart, t, cr);
      return;
    }
  cairo_save (cr);
  set_line_style (cr, t);
  if (dense)
    {
      GArray *pts = decimate_runs (chart, t);

      stroke_chunked (cr, (double *) pts->data, pts->len / 2, t->dash, t->n_dash);
      g_array_unref (pts);
    }
  else
    {
      g_autofree double *p = g_new (double, 2 * MAX (t->n, 1));
      guint run = 0;

      for (guint i = 0; i <= t->n; i++)
        {
          gboolean end = i == t->n;
          double x = end ? NAN : nd_axis_l2p (xa, t->x[i]);
          double y = end ? NAN : nd_axis_l2p (ya, t->y[i]);

          if (!end && !isnan (x) && !isnan (y))
            {
              p[2 * run] = x;
              p[2 * run + 1] = y;
              run++;
              continue;
            }
          if (!end && t->connectgaps)
            continue;
          if (run >= 2)
            {
              if (t->shape == ND_LINE_LINEAR && run > CHUNK)
                stroke_chunked (cr, p, run, t->dash, t->n_dash);
              else
                {
                  cairo_new_path (cr);
                  path_run (cr, p, run, t->shape, t->smoothing);
                  cairo_stroke (cr);
                }
            }
          run = 0;
        }
    }
  cairo_restore (cr);
}

/* ---- markers ---- */

static void
draw_markers_vector (NdChart *chart, NdTrace *t, cairo_t *cr)
{
  NdAxis *xa = &chart->xaxis, *ya = &chart->yaxis;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  for (guint i = 0; i < t->n; i++)
    {
      double x = nd_axis_l2p (xa, t->x[i]), y = nd_axis_l2p (ya, t->y[i]);
      double r = t->marker_rs ? t->marker_rs[i] : t->marker_r;
      guint8 sym = t->symbols ? t->symbols[i] : t->symbol;
      gboolean open = (sym & ND_SYMBOL_OPEN) != 0;
      double op = t->marker_opacity * (t->marker_opacities ? t->marker_opacities[i] : 1);
      NdRgba fill = t->marker_colors ? nd_rgba_from_argb (t->marker_colors[i]) : t->marker_color;
      NdRgba line = t->mline_colors ? nd_rgba_from_argb (t->mline_colors[i]) : t->mline_color;
      double lw = open ? MAX (t->mline_width, 1) : t->mline_width;

      if (isnan (x) || isnan (y) || !(r > 0))
        continue;
      if (x < chart->plot_x - 3 * r - lw || x > chart->plot_x + chart->plot_w + 3 * r + lw ||
          y < chart->plot_y - 3 * r - lw || y > chart->plot_y + chart->plot_h + 3 * r + lw)
        continue;
      cairo_new_path (cr);
      nd_symbol_path (cr, sym, x, y, r);
      if (!open)
        {
          nd_rgba_set_source (cr, &fill, op);
          if (lw > 0)
            cairo_fill_preserve (cr);
          else
            cairo_fill (cr);
        }
      if (lw > 0)
        {
          nd_rgba_set_source (cr, open ? &fill : &line, op);
          cairo_set_line_width (cr, lw);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

static void
draw_markers (NdChart *chart, NdTrace *t, cairo_t *cr)
{
  guint threshold = t->gl ? RASTER_MIN_GL : RASTER_MIN_SVG;

  if (t->n >= threshold && t->marker_rs == NULL && t->symbols == NULL && t->mline_colors == NULL)
    {
      NdRaster r;

      if (nd_raster_begin (&r, cr, chart->plot_x, chart->plot_y, chart->plot_w, chart->plot_h,
                           CAIRO_FORMAT_ARGB32))
        {
          nd_raster_markers (&r, chart, t);
          nd_raster_end (&r, cr, NULL, 1.0);
        }
      return;
    }
  draw_markers_vector (chart, t, cr);
}

/* ---- text ---- */

static void
draw_texts (NdChart *chart, NdTrace *t, cairo_t *cr)
{
  NdAxis *xa = &chart->xaxis, *ya = &chart->yaxis;
  double fs = t->textfont.size;

  for (guint i = 0; i < t->n; i++)
    {
      const char *text = t->texts[i];
      double x, y, mr, r, lines = 1, base;

      if (text == NULL || *text == '\0')
        continue;
      x = nd_axis_l2p (xa, t->x[i]);
      y = nd_axis_l2p (ya, t->y[i]);
      if (isnan (x) || isnan (y))
        continue;
      mr = t->markers ? (t->marker_rs ? t->marker_rs[i] : t->marker_r) : 0;
      /* plotly's textPointPosition */
      r = mr > 0 ? mr / 0.8 + 1 : 0;
      for (const char *p = text; (p = strstr (p, "<br")); p += 3)
        lines += 1.3;
      base = y + fs * 0.75 - t->text_v * r + (-t->text_v - 1) * lines * fs / 2;
      nd_text_draw (cr, &t->textfont, text, x + t->text_h * r, base - fs * 0.85,
                    t->text_h == 0 ? 0.5 : t->text_h < 0 ? 1 : 0, 0, 0);
    }
}

void
nd_scatter_draw (NdChart *chart, NdTrace *t, cairo_t *cr)
{
  gboolean group = t->opacity < 1;

  if (t->n == 0 || t->opacity <= 0)
    return;
  if (group)
    cairo_push_group (cr);
  if (t->lines && t->line_width > 0 && t->n > 1)
    draw_lines (chart, t, cr);
  if (t->markers)
    draw_markers (chart, t, cr);
  if (t->text_mode && t->texts)
    draw_texts (chart, t, cr);
  if (group)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, t->opacity);
    }
}
