/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Heatmap traces, drawn as a raster: each device pixel looks its cell up
 * through per-column and per-row cell indices and takes the cell's colour
 * from a colour table computed once per cell.  Also the colour bar shared
 * with colour-scaled markers.
 */
#include "config.h"

#include <string.h>

#include "nd-chart-private.h"

#define CB_THICKNESS 30
#define CB_XPAD 10
#define CB_YPAD 10
#define CB_LABEL_GAP 3

/* plotly's makeBoundArray: cell edges from centres (or edges as given). */
static double *
cell_edges (NdChart *chart, NdTrace *t, JsonObject *obj, const char *key, NdAxis *ax, guint n)
{
  char k0[8], kd[8];
  guint len = 0;
  g_autofree double *given = NULL;
  double *e = g_new (double, n + 1);

  g_snprintf (k0, sizeof k0, "%s0", key);
  g_snprintf (kd, sizeof kd, "d%s", key);
  if (json_object_has_member (obj, key))
    given = nd_chart_get_l_array (chart, t->index, obj, key, ax, &len);
  if (given && len >= n + 1)
    {
      memcpy (e, given, (n + 1) * sizeof (double));
      return e;
    }
  if (given && len >= n)
    {
      if (n == 1)
        {
          e[0] = given[0] - 0.5;
          e[1] = given[0] + 0.5;
          return e;
        }
      e[0] = given[0] - (given[1] - given[0]) / 2;
      for (guint i = 1; i < n; i++)
        e[i] = (given[i - 1] + given[i]) / 2;
      e[n] = given[n - 1] + (given[n - 1] - given[n - 2]) / 2;
      return e;
    }
  if (given)
    nd_chart_warn (chart, t->index, key, "has %u values for %u cells; using indices", len, n);
  {
    double start = nd_axis_node_to_l (ax, json_object_get_member (obj, k0), FALSE);
    double step = nd_json_path_number (obj, kd, 1);

    if (isnan (start))
      start = 0;
    for (guint i = 0; i <= n; i++)
      e[i] = start + (i - 0.5) * step;
  }
  return e;
}

void
nd_trace_parse_heatmap (NdChart *chart, NdTrace *t, JsonObject *obj)
{
  JsonNode *zn = json_object_get_member (obj, "z");
  JsonArray *rows;
  guint ny, nx = 0, bad = 0;
  double lo = INFINITY, hi = -INFINITY;
  gboolean transpose = nd_json_path_bool (obj, "transpose", FALSE);

  if (zn == NULL || !JSON_NODE_HOLDS_ARRAY (zn))
    {
      nd_chart_warn (chart, t->index, "z", zn ? "not an array; nothing to draw" : "missing; nothing to draw");
      return;
    }
  rows = json_node_get_array (zn);
  ny = json_array_get_length (rows);
  for (guint r = 0; r < ny; r++)
    {
      JsonNode *row = json_array_get_element (rows, r);

      if (JSON_NODE_HOLDS_ARRAY (row))
        nx = MAX (nx, json_array_get_length (json_node_get_array (row)));
    }
  if (ny == 0 || nx == 0)
    {
      nd_chart_warn (chart, t->index, "z", "not a 2-D array of numbers; nothing to draw");
      return;
    }
  t->nx = transpose ? ny : nx;
  t->ny = transpose ? nx : ny;
  t->z = g_new (double, (gsize) nx * ny);
  for (guint r = 0; r < ny; r++)
    {
      JsonNode *row = json_array_get_element (rows, r);
      JsonArray *ra = JSON_NODE_HOLDS_ARRAY (row) ? json_node_get_array (row) : NULL;
      guint rl = ra ? json_array_get_length (ra) : 0;

      for (guint c = 0; c < nx; c++)
        {
          JsonNode *e = c < rl ? json_array_get_element (ra, c) : NULL;
          double v = NAN;

          if (e && nd_json_is_number (e))
            v = nd_json_get_number (e);
          else if (e && nd_json_is_string (e) && !nd_parse_number (json_node_get_string (e), &v))
            v = NAN;
          if (!isfinite (v))
            {
              if (e && !JSON_NODE_HOLDS_NULL (e))
                bad++;
              v = NAN;
            }
          else
            {
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
          if (transpose)
            t->z[(gsize) c * ny + r] = v;
          else
            t->z[(gsize) r * nx + c] = v;
        }
      if (!ra)
        bad++;
    }
  if (bad)
    nd_chart_warn (chart, t->index, "z", "%u non-numeric value%s or rows skipped", bad, bad == 1 ? "" : "s");
  t->xe = cell_edges (chart, t, obj, "x", &chart->xaxis, t->nx);
  t->ye = cell_edges (chart, t, obj, "y", &chart->yaxis, t->ny);

  {
    JsonNode *cs = json_object_get_member (obj, "colorscale");

    t->colorscale = nd_colorscale_from_node (cs);
    if (cs && t->colorscale == NULL)
      nd_chart_warn (chart, t->index, "colorscale", "not a colour scale; using the default");
    if (t->colorscale == NULL)
      t->colorscale = nd_colorscale_named ("Plasma");
    if (nd_json_path_bool (obj, "reversescale", FALSE))
      nd_colorscale_reverse (t->colorscale);
  }
  if (!isfinite (lo))
    {
      lo = 0;
      hi = 1;
    }
  t->cmin = nd_json_path_number (obj, "zmin", lo);
  t->cmax = nd_json_path_number (obj, "zmax", hi);
  if (json_object_has_member (obj, "zmid") && !json_object_has_member (obj, "zmin"))
    {
      double mid = nd_json_path_number (obj, "zmid", (lo + hi) / 2);
      double half = MAX (fabs (hi - mid), fabs (mid - lo));

      t->cmin = mid - half;
      t->cmax = mid + half;
    }
  if (t->cmin == t->cmax)
    {
      t->cmin -= 0.5;
      t->cmax += 0.5;
    }
  t->showscale = nd_json_path_bool (obj, "showscale", TRUE);
  t->colorbar_title = g_strdup (nd_json_path_string (obj, "colorbar.title.text",
                                                     nd_json_path_string (obj, "colorbar.title", NULL)));
  t->n = t->nx * t->ny;
  if (t->visible)
    {
      nd_axis_add_extremes (&chart->xaxis, t->xe, t->nx + 1, 0, NULL, FALSE, FALSE);
      nd_axis_add_extremes (&chart->yaxis, t->ye, t->ny + 1, 0, NULL, FALSE, FALSE);
    }
}

/* Cell index of l-space value @v in @edges (n cells), -1 outside. */
static int
find_cell (const double *edges, guint n, double v)
{
  gboolean asc = edges[n] >= edges[0];
  guint lo = 0, hi = n;

  if (isnan (v) || (asc ? (v < edges[0] || v >= edges[n]) : (v > edges[0] || v <= edges[n])))
    return -1;
  while (lo + 1 < hi)
    {
      guint mid = (lo + hi) / 2;

      if (asc ? edges[mid] <= v : edges[mid] >= v)
        lo = mid;
      else
        hi = mid;
    }
  return (int) lo;
}

void
nd_heatmap_draw (NdChart *chart, NdTrace *t, cairo_t *cr)
{
  NdAxis *xa = &chart->xaxis, *ya = &chart->yaxis;
  guint32 lut[1024];
  g_autofree guint32 *cell = NULL;
  g_autofree int *col_cell = NULL, *row_cell = NULL;
  double span = t->cmax - t->cmin;
  NdRaster r;

  if (t->z == NULL || t->opacity <= 0)
    return;
  if (!nd_raster_begin (&r, cr, chart->plot_x, chart->plot_y, chart->plot_w, chart->plot_h,
                        CAIRO_FORMAT_ARGB32))
    return;
  nd_colorscale_fill_lut (t->colorscale, lut, G_N_ELEMENTS (lut));
  cell = g_new (guint32, (gsize) t->nx * t->ny);
  for (gsize i = 0; i < (gsize) t->nx * t->ny; i++)
    {
      double z = t->z[i];

      if (isnan (z))
        cell[i] = 0;
      else
        {
          double f = CLAMP ((z - t->cmin) / span, 0, 1);
          cell[i] = lut[(int) (f * (G_N_ELEMENTS (lut) - 1) + 0.5)];
        }
    }
  col_cell = g_new (int, r.width);
  row_cell = g_new (int, r.height);
  for (int c = 0; c < r.width; c++)
    col_cell[c] = find_cell (t->xe, t->nx, nd_axis_p2l (xa, r.ox + (c + 0.5) / r.scale));
  for (int y = 0; y < r.height; y++)
    row_cell[y] = find_cell (t->ye, t->ny, nd_axis_p2l (ya, r.oy + (y + 0.5) / r.scale));
  for (int y = 0; y < r.height; y++)
    {
      guint32 *dst = r.pixels + (gsize) y * r.stride;
      const guint32 *src;

      if (row_cell[y] < 0)
        continue;
      src = cell + (gsize) row_cell[y] * t->nx;
      for (int c = 0; c < r.width; c++)
        if (col_cell[c] >= 0)
          dst[c] = src[col_cell[c]];
    }
  nd_raster_end (&r, cr, NULL, t->opacity);
}

/* ---- colour bar ---- */

static NdAxis *
colorbar_axis (NdChart *chart, NdTrace *t)
{
  NdAxis *ax = t->colorbar_axis;

  if (ax == NULL)
    {
      ax = t->colorbar_axis = g_new0 (NdAxis, 1);
      nd_axis_init (ax, 'y');
      nd_axis_parse_layout (ax, NULL, &chart->font);
      ax->autorange = FALSE;
      ax->showgrid = FALSE;
      ax->zeroline = FALSE;
    }
  ax->pos = chart->plot_y + CB_YPAD;
  ax->len = MAX (chart->plot_h - 2 * CB_YPAD, 1);
  ax->range[0] = t->cmin;
  ax->range[1] = t->cmax;
  nd_axis_compute_ticks (ax);
  return ax;
}

double
nd_colorbar_width (NdChart *chart, NdTrace *t, cairo_t *cr)
{
  NdAxis *ax = colorbar_axis (chart, t);
  double w = 0;

  for (guint i = 0; i < ax->ticks->len; i++)
    {
      double tw;

      nd_text_measure (cr, &ax->tickfont, g_array_index (ax->ticks, NdTick, i).text, &tw, NULL);
      w = MAX (w, tw);
    }
  if (t->colorbar_title)
    {
      double tw;

      nd_text_measure (cr, &chart->font, t->colorbar_title, &tw, NULL);
      w = MAX (w, tw - CB_THICKNESS);
    }
  return CB_XPAD + CB_THICKNESS + CB_LABEL_GAP + w + CB_XPAD;
}

void
nd_colorbar_draw (NdChart *chart, NdTrace *t, cairo_t *cr)
{
  NdAxis *ax = colorbar_axis (chart, t);
  double x = chart->plot_x + chart->plot_w * 1.02 + CB_XPAD;
  double top = ax->pos, h = ax->len;
  double title_h = 0;
  cairo_pattern_t *grad;

  if (t->colorbar_title && *t->colorbar_title)
    {
      nd_text_measure (cr, &chart->font, t->colorbar_title, NULL, &title_h);
      title_h += 6;
      ax->pos = top + title_h;
      ax->len = MAX (h - title_h, 1);
      nd_axis_compute_ticks (ax);
      nd_text_draw (cr, &chart->font, t->colorbar_title, x, top, 0, 0, 0);
      top = ax->pos;
      h = ax->len;
    }
  cairo_save (cr);
  grad = cairo_pattern_create_linear (0, top + h, 0, top);
  for (guint i = 0; i < t->colorscale->n; i++)
    {
      const NdRgba *c = &t->colorscale->c[i];

      cairo_pattern_add_color_stop_rgba (grad, t->colorscale->t[i], c->r, c->g, c->b, c->a);
    }
  cairo_rectangle (cr, x, top, CB_THICKNESS, h);
  cairo_set_source (cr, grad);
  cairo_fill (cr);
  cairo_pattern_destroy (grad);
  for (guint i = 0; i < ax->ticks->len; i++)
    {
      NdTick *tk = &g_array_index (ax->ticks, NdTick, i);

      nd_text_draw (cr, &ax->tickfont, tk->text, x + CB_THICKNESS + CB_LABEL_GAP,
                    nd_axis_l2p (ax, tk->val), 0, 0.5, 0);
    }
  cairo_restore (cr);
}
