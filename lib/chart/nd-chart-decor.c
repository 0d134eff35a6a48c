/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Figure decorations: the title, layout.shapes (line, rect, circle in
 * data or paper coordinates; data shapes widen the autorange as in
 * plotly) and layout.annotations (text with an optional arrow and
 * plotly's arrowheads).
 */
#include "config.h"

#include <string.h>

#include "nd-chart-private.h"

typedef enum { REF_DATA, REF_PAPER } Ref;

static Ref
ref_of (JsonObject *o, const char *key)
{
  const char *r = nd_json_path_string (o, key, NULL);

  if (r && (strcmp (r, "paper") == 0 || g_str_has_suffix (r, " domain")))
    return REF_PAPER;
  return REF_DATA;
}

/* A shape or annotation coordinate in pixels; NAN when unusable. */
static double
coord_px (NdChart *chart, JsonObject *o, const char *key, Ref ref, NdAxis *ax)
{
  JsonNode *n = json_object_get_member (o, key);

  if (n == NULL)
    return NAN;
  if (ref == REF_PAPER)
    {
      double v = nd_json_is_number (n) ? nd_json_get_number (n) : NAN;

      if (ax->letter == 'x')
        return chart->plot_x + v * chart->plot_w;
      return chart->plot_y + (1 - v) * chart->plot_h;
    }
  /* plotly: numbers on a log axis are already logs for shapes/annotations */
  if (ax->type == ND_CHART_AXIS_TYPE_LOG && nd_json_is_number (n))
    return nd_axis_l2p (ax, nd_json_get_number (n));
  return nd_axis_l2p (ax, nd_axis_node_to_l (ax, n, FALSE));
}

static double
coord_l (JsonObject *o, const char *key, NdAxis *ax)
{
  JsonNode *n = json_object_get_member (o, key);

  if (n == NULL)
    return NAN;
  if (ax->type == ND_CHART_AXIS_TYPE_LOG && nd_json_is_number (n))
    return nd_json_get_number (n);
  return nd_axis_node_to_l (ax, n, FALSE);
}

void
nd_shapes_extremes (NdChart *chart)
{
  if (chart->shapes == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (chart->shapes); i++)
    {
      JsonNode *sn = json_array_get_element (chart->shapes, i);
      JsonObject *o;
      double lw;

      if (!JSON_NODE_HOLDS_OBJECT (sn))
        continue;
      o = json_node_get_object (sn);
      if (!nd_json_path_bool (o, "visible", TRUE))
        continue;
      lw = MAX (0, nd_json_path_number (o, "line.width", 2));
      if (ref_of (o, "xref") == REF_DATA)
        {
          double v[2] = { coord_l (o, "x0", &chart->xaxis), coord_l (o, "x1", &chart->xaxis) };
          nd_axis_add_extremes (&chart->xaxis, v, 2, lw / 2, NULL, FALSE, FALSE);
        }
      if (ref_of (o, "yref") == REF_DATA)
        {
          double v[2] = { coord_l (o, "y0", &chart->yaxis), coord_l (o, "y1", &chart->yaxis) };
          nd_axis_add_extremes (&chart->yaxis, v, 2, lw / 2, NULL, FALSE, FALSE);
        }
    }
}

/* @layer: 0 below the grid, 1 between grid and traces, 2 above traces */
void
nd_shapes_draw (NdChart *chart, cairo_t *cr, int layer)
{
  NdRgba default_line;

  if (chart->shapes == NULL)
    return;
  nd_rgba_parse (&default_line, "#2a3f5f");
  for (guint i = 0; i < json_array_get_length (chart->shapes); i++)
    {
      JsonNode *sn = json_array_get_element (chart->shapes, i);
      JsonObject *o;
      const char *type;
      Ref xr, yr;
      double x0, x1, y0, y1, lw, op;
      NdRgba lc = default_line, fc = { 0, 0, 0, 0 };
      g_autofree double *dash = NULL;
      int n_dash = 0;

      if (!JSON_NODE_HOLDS_OBJECT (sn))
        {
          g_warning ("chart: layout.shapes[%u]: not an object; skipped", i);
          continue;
        }
      o = json_node_get_object (sn);
      if (!nd_json_path_bool (o, "visible", TRUE))
        continue;
      {
        const char *l = nd_json_path_string (o, "layer", "above");
        int want = g_strcmp0 (l, "below") == 0 ? 0 : g_strcmp0 (l, "between") == 0 ? 1 : 2;

        if (want != layer)
          continue;
      }
      type = nd_json_path_string (o, "type", "rect");
      xr = ref_of (o, "xref");
      yr = ref_of (o, "yref");
      x0 = coord_px (chart, o, "x0", xr, &chart->xaxis);
      x1 = coord_px (chart, o, "x1", xr, &chart->xaxis);
      y0 = coord_px (chart, o, "y0", yr, &chart->yaxis);
      y1 = coord_px (chart, o, "y1", yr, &chart->yaxis);
      if (isnan (x0 + x1 + y0 + y1))
        {
          if (strcmp (type, "path") != 0)
            g_warning ("chart: layout.shapes[%u]: x0/x1/y0/y1 missing or not on the axes; skipped", i);
          continue;
        }
      lw = MAX (0, nd_json_path_number (o, "line.width", 2));
      nd_rgba_from_node (&lc, nd_json_path (o, "line.color"));
      nd_rgba_from_node (&fc, json_object_get_member (o, "fillcolor"));
      op = CLAMP (nd_json_path_number (o, "opacity", 1), 0, 1);
      nd_dash_from_name (nd_json_path_string (o, "line.dash", "solid"), lw, &dash, &n_dash);

      cairo_save (cr);
      if (xr == REF_DATA || yr == REF_DATA)
        {
          cairo_rectangle (cr, chart->plot_x, chart->plot_y, chart->plot_w, chart->plot_h);
          cairo_clip (cr);
        }
      cairo_new_path (cr);
      if (strcmp (type, "line") == 0)
        {
          cairo_move_to (cr, x0, y0);
          cairo_line_to (cr, x1, y1);
        }
      else if (strcmp (type, "circle") == 0)
        {
          double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, rx = fabs (x1 - x0) / 2, ry = fabs (y1 - y0) / 2;

          if (rx > 0 && ry > 0)
            {
              cairo_save (cr);
              cairo_translate (cr, cx, cy);
              cairo_scale (cr, rx, ry);
              cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
              cairo_restore (cr);
            }
        }
      else if (strcmp (type, "rect") == 0)
        cairo_rectangle (cr, MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0));
      else
        {
          cairo_restore (cr);
          continue;
        }
      if (strcmp (type, "line") != 0 && fc.a > 0)
        {
          nd_rgba_set_source (cr, &fc, op);
          cairo_fill_preserve (cr);
        }
      if (lw > 0 && lc.a > 0)
        {
          nd_rgba_set_source (cr, &lc, op);
          cairo_set_line_width (cr, lw);
          if (n_dash)
            cairo_set_dash (cr, dash, n_dash, 0);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
      cairo_restore (cr);
    }
}

/* plotly's arrow_paths.js heads, in units of the arrow width; x points
 * along the arrow. */
static void
arrowhead_path (cairo_t *cr, int head)
{
  static const double heads[][16] = {
    { 0 },
    { -2.4, -3, -2.4, 3, 0.6, 0 },
    { -3.7, -2.5, -3.7, 2.5, 1.3, 0 },
    { -4.45, -3, -1.65, -0.2, -1.65, 0.2, -4.45, 3, 1.55, 0 },
    { -2.2, -2.2, -0.2, -0.2, -0.2, 0.2, -2.2, 2.2, -1.4, 3, 1.6, 0, -1.4, -3 },
    { -4.4, -2.1, -0.6, -0.2, -0.6, 0.2, -4.4, 2.1, -4, 3, 2, 0, -4, -3 },
  };
  static const int npts[] = { 0, 3, 3, 5, 7, 7 };

  if (head >= 1 && head <= 5)
    {
      cairo_move_to (cr, heads[head][0], heads[head][1]);
      for (int i = 1; i < npts[head]; i++)
        cairo_line_to (cr, heads[head][2 * i], heads[head][2 * i + 1]);
      cairo_close_path (cr);
    }
  else if (head == 6)
    cairo_arc (cr, 0, 0, 2, 0, 2 * G_PI);
  else if (head == 7)
    cairo_rectangle (cr, -2, -2, 4, 4);
}

static double
head_backoff (int head)
{
  static const double backoff[] = { 0, 0.6, 1.3, 1.55, 1.6, 2, 0, 0 };

  return head >= 0 && head <= 7 ? backoff[head] : 0;
}

static double
anchor_frac (const char *anchor, double pos, Ref ref, gboolean arrow, gboolean is_x)
{
  if (g_strcmp0 (anchor, "left") == 0 || g_strcmp0 (anchor, "top") == 0)
    return 0;
  if (g_strcmp0 (anchor, "right") == 0 || g_strcmp0 (anchor, "bottom") == 0)
    return 1;
  if (g_strcmp0 (anchor, "center") == 0 || g_strcmp0 (anchor, "middle") == 0)
    return 0.5;
  /* auto: paper positions near an edge anchor on that edge */
  if (!arrow && ref == REF_PAPER)
    {
      if (is_x)
        return pos <= 1.0 / 3 ? 0 : pos >= 2.0 / 3 ? 1 : 0.5;
      return pos <= 1.0 / 3 ? 1 : pos >= 2.0 / 3 ? 0 : 0.5;
    }
  return 0.5;
}

void
nd_annotations_draw (NdChart *chart, cairo_t *cr)
{
  if (chart->annotations == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (chart->annotations); i++)
    {
      JsonNode *an = json_array_get_element (chart->annotations, i);
      JsonObject *o;
      Ref xr, yr;
      double px, py, bx, by, tw, th, pad, bw, w, h, fx, fy, op;
      gboolean arrow;
      NdFont f = { 0 };
      NdRgba bg = { 0, 0, 0, 0 }, border = { 0, 0, 0, 0 }, ac;
      const char *text;

      if (!JSON_NODE_HOLDS_OBJECT (an))
        {
          g_warning ("chart: layout.annotations[%u]: not an object; skipped", i);
          continue;
        }
      o = json_node_get_object (an);
      if (!nd_json_path_bool (o, "visible", TRUE))
        continue;
      text = nd_json_path_string (o, "text", NULL);
      xr = ref_of (o, "xref");
      yr = ref_of (o, "yref");
      px = coord_px (chart, o, "x", xr, &chart->xaxis);
      py = coord_px (chart, o, "y", yr, &chart->yaxis);
      if (isnan (px))
        px = xr == REF_PAPER ? chart->plot_x + 0.5 * chart->plot_w : nd_axis_l2p (&chart->xaxis, (chart->xaxis.range[0] + chart->xaxis.range[1]) / 2);
      if (isnan (py))
        py = yr == REF_PAPER ? chart->plot_y + 0.5 * chart->plot_h : nd_axis_l2p (&chart->yaxis, (chart->yaxis.range[0] + chart->yaxis.range[1]) / 2);
      /* annotations on data outside the range are hidden, as in plotly */
      if ((xr == REF_DATA && (px < chart->plot_x - 1 || px > chart->plot_x + chart->plot_w + 1)) ||
          (yr == REF_DATA && (py < chart->plot_y - 1 || py > chart->plot_y + chart->plot_h + 1)))
        continue;
      arrow = nd_json_path_bool (o, "showarrow", TRUE);
      nd_font_copy (&f, &chart->font);
      nd_font_from_node (&f, json_object_get_member (o, "font"));
      nd_rgba_from_node (&bg, json_object_get_member (o, "bgcolor"));
      nd_rgba_from_node (&border, json_object_get_member (o, "bordercolor"));
      nd_rgba_parse (&ac, "#2a3f5f");
      nd_rgba_from_node (&ac, json_object_get_member (o, "arrowcolor"));
      bw = MAX (0, nd_json_path_number (o, "borderwidth", 1));
      pad = MAX (0, nd_json_path_number (o, "borderpad", 1));
      op = CLAMP (nd_json_path_number (o, "opacity", 1), 0, 1);
      nd_text_measure (cr, &f, text ? text : "", &tw, &th);
      w = tw + 2 * (pad + bw);
      h = th + 2 * (pad + bw);
      bx = px;
      by = py;
      if (arrow)
        {
          bx += nd_json_path_number (o, "ax", -10);
          by += nd_json_path_number (o, "ay", -30);
        }
      fx = anchor_frac (nd_json_path_string (o, "xanchor", "auto"), nd_json_path_number (o, "x", 0.5), xr, arrow, TRUE);
      fy = anchor_frac (nd_json_path_string (o, "yanchor", "auto"), nd_json_path_number (o, "y", 0.5), yr, arrow, FALSE);
      bx -= fx * w;
      by -= fy * h;
      bx += nd_json_path_number (o, "xshift", 0);
      by -= nd_json_path_number (o, "yshift", 0);

      cairo_save (cr);
      if (op < 1)
        cairo_push_group (cr);
      if (arrow)
        {
          int head = (int) nd_json_path_number (o, "arrowhead", 0);
          double aw = MAX (0.1, nd_json_path_number (o, "arrowwidth", 1));
          double scale = aw * MAX (0.3, nd_json_path_number (o, "arrowsize", 1));
          double cx = bx + w / 2, cy = by + h / 2;
          double dx = px - cx, dy = py - cy, len = hypot (dx, dy);
          double standoff = nd_json_path_number (o, "standoff", 0);

          if (len > 0)
            {
              /* from the box edge to the point */
              double tx = dx != 0 ? (w / 2) / fabs (dx) : INFINITY;
              double ty = dy != 0 ? (h / 2) / fabs (dy) : INFINITY;
              double t0 = MIN (MIN (tx, ty), 1);
              double ex = px - dx / len * (standoff + head_backoff (head) * scale);
              double ey = py - dy / len * (standoff + head_backoff (head) * scale);

              nd_rgba_set_source (cr, &ac, 1);
              cairo_set_line_width (cr, aw);
              cairo_move_to (cr, cx + dx * t0, cy + dy * t0);
              cairo_line_to (cr, ex, ey);
              cairo_stroke (cr);
              if (head > 0)
                {
                  cairo_save (cr);
                  cairo_translate (cr, px - dx / len * standoff, py - dy / len * standoff);
                  if (head < 6)
                    cairo_rotate (cr, atan2 (dy, dx));
                  cairo_scale (cr, scale, scale);
                  arrowhead_path (cr, head);
                  cairo_restore (cr);
                  cairo_fill (cr);
                }
            }
        }
      if (bg.a > 0)
        {
          cairo_rectangle (cr, bx, by, w, h);
          nd_rgba_set_source (cr, &bg, 1);
          cairo_fill (cr);
        }
      if (border.a > 0 && bw > 0)
        {
          cairo_rectangle (cr, bx + bw / 2, by + bw / 2, w - bw, h - bw);
          nd_rgba_set_source (cr, &border, 1);
          cairo_set_line_width (cr, bw);
          cairo_stroke (cr);
        }
      if (text)
        {
          const char *align = nd_json_path_string (o, "align", "center");
          double ax = strcmp (align, "left") == 0 ? 0 : strcmp (align, "right") == 0 ? 1 : 0.5;

          nd_text_draw (cr, &f, text, bx + pad + bw + ax * tw, by + pad + bw, ax, 0, 0);
        }
      if (op < 1)
        {
          cairo_pop_group_to_source (cr);
          cairo_paint_with_alpha (cr, op);
        }
      cairo_restore (cr);
      nd_font_clear (&f);
    }
}

void
nd_title_draw (NdChart *chart, cairo_t *cr)
{
  double x, y, ax;
  const char *xa = chart->title_xanchor;

  if (chart->title == NULL || *chart->title == '\0')
    return;
  x = chart->title_x * chart->width;
  if (g_strcmp0 (xa, "left") == 0)
    ax = 0;
  else if (g_strcmp0 (xa, "right") == 0)
    ax = 1;
  else if (g_strcmp0 (xa, "center") == 0)
    ax = 0.5;
  else
    ax = chart->title_x <= 1.0 / 3 ? 0 : chart->title_x >= 2.0 / 3 ? 1 : 0.5;
  y = isnan (chart->title_y) ? chart->margin_t / 2 : (1 - chart->title_y) * chart->height;
  nd_text_draw (cr, &chart->title_font, chart->title, x, y, ax, 0.5, 0);
}
