/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * NdChart: one plotly figure, parsed and normalised once, laid out for a
 * size and drawn with cairo in plotly's layer order (paper, plot area,
 * grid, zero lines, shapes below, heatmaps, bars, scatters, axes, shapes,
 * annotations, legend, colour bars, title).
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <string.h>

#include "nd-chart-private.h"

G_DEFINE_QUARK (nd-chart-error-quark, nd_chart_error)

G_DEFINE_FINAL_TYPE (NdChart, nd_chart, G_TYPE_OBJECT)

static const char *const plotly_colorway[] = {
  "#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A",
  "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52",
};

static void
legend_item_clear (gpointer p)
{
  NdLegendItem *item = p;

  g_clear_pointer (&item->traces, g_array_unref);
}

static void
nd_chart_finalize (GObject *object)
{
  NdChart *self = ND_CHART (object);

  g_clear_pointer (&self->figure, json_node_unref);
  nd_font_clear (&self->font);
  nd_font_clear (&self->title_font);
  nd_font_clear (&self->legend_font);
  g_free (self->title);
  g_free (self->title_xanchor);
  g_free (self->legend_xanchor);
  g_free (self->legend_yanchor);
  g_free (self->legend_title);
  g_free (self->barmode);
  nd_axis_clear (&self->xaxis);
  nd_axis_clear (&self->yaxis);
  g_clear_pointer (&self->traces, g_ptr_array_unref);
  g_string_free (self->message, TRUE);
  g_clear_pointer (&self->legend_items, g_array_unref);
  G_OBJECT_CLASS (nd_chart_parent_class)->finalize (object);
}

static void
nd_chart_class_init (NdChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nd_chart_finalize;
}

static void
nd_chart_init (NdChart *self)
{
  self->width = 700;
  self->height = 450;
  self->font.family = g_strdup ("Sans");
  self->font.size = 12;
  nd_rgba_parse (&self->font.color, "#2a3f5f");
  self->paper_bg = (NdRgba) { 1, 1, 1, 1 };
  nd_rgba_parse (&self->plot_bg, "#E5ECF6");
  for (guint i = 0; i < G_N_ELEMENTS (plotly_colorway); i++)
    nd_rgba_parse (&self->colorway[i], plotly_colorway[i]);
  self->n_colorway = G_N_ELEMENTS (plotly_colorway);
  self->title_x = 0.05;
  self->title_y = NAN;
  self->margin_l = 80;
  self->margin_r = 80;
  self->margin_t = 100;
  self->margin_b = 80;
  self->legend_x = 1.02;
  self->legend_y = 1;
  self->legend_borderwidth = 0;
  self->legend_bg = self->paper_bg;
  nd_rgba_parse (&self->legend_border, "#444");
  self->barmode = g_strdup ("group");
  self->bargap = NAN;
  self->bargroupgap = 0;
  nd_axis_init (&self->xaxis, 'x');
  nd_axis_init (&self->yaxis, 'y');
  self->traces = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_trace_free);
  self->message = g_string_new (NULL);
  self->legend_items = g_array_new (FALSE, TRUE, sizeof (NdLegendItem));
  g_array_set_clear_func (self->legend_items, legend_item_clear);
}

/* ---- layout ---- */

static void
parse_title (NdChart *self, JsonObject *layout)
{
  JsonNode *t = json_object_get_member (layout, "title");

  nd_font_copy (&self->title_font, &self->font);
  self->title_font.size = round (self->font.size * 1.4);
  if (t == NULL)
    return;
  if (nd_json_is_string (t))
    {
      self->title = g_strdup (json_node_get_string (t));
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (t))
    {
      JsonObject *o = json_node_get_object (t);

      self->title = g_strdup (nd_json_path_string (o, "text", NULL));
      self->title_x = nd_json_path_number (o, "x", self->title_x);
      self->title_y = nd_json_path_number (o, "y", NAN);
      self->title_xanchor = g_strdup (nd_json_path_string (o, "xanchor", NULL));
      nd_font_from_node (&self->title_font, json_object_get_member (o, "font"));
    }
  nd_font_from_node (&self->title_font, json_object_get_member (layout, "titlefont"));
}

static void
parse_legend (NdChart *self, JsonObject *layout)
{
  JsonNode *n = json_object_get_member (layout, "legend");
  JsonObject *o;

  nd_font_copy (&self->legend_font, &self->font);
  self->legend_bg = self->paper_bg;
  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    return;
  o = json_node_get_object (n);
  self->legend_h = g_strcmp0 (nd_json_path_string (o, "orientation", "v"), "h") == 0;
  if (self->legend_h)
    {
      self->legend_x = 0;
      self->legend_y = -0.1;
    }
  self->legend_x_set = json_object_has_member (o, "x");
  self->legend_y_set = json_object_has_member (o, "y");
  self->legend_x = nd_json_path_number (o, "x", self->legend_x);
  self->legend_y = nd_json_path_number (o, "y", self->legend_y);
  self->legend_xanchor = g_strdup (nd_json_path_string (o, "xanchor", NULL));
  self->legend_yanchor = g_strdup (nd_json_path_string (o, "yanchor", NULL));
  self->legend_title = g_strdup (nd_json_path_string (o, "title.text", NULL));
  nd_font_from_node (&self->legend_font, json_object_get_member (o, "font"));
  nd_rgba_from_node (&self->legend_bg, json_object_get_member (o, "bgcolor"));
  nd_rgba_from_node (&self->legend_border, json_object_get_member (o, "bordercolor"));
  self->legend_borderwidth = MAX (0, nd_json_path_number (o, "borderwidth", 0));
  if (strstr (nd_json_path_string (o, "traceorder", ""), "reversed"))
    self->legend_reversed = TRUE;
}

static void
parse_layout (NdChart *self, JsonObject *layout)
{
  JsonNode *n;

  if (layout == NULL)
    {
      nd_axis_parse_layout (&self->xaxis, NULL, &self->font);
      nd_axis_parse_layout (&self->yaxis, NULL, &self->font);
      nd_font_copy (&self->title_font, &self->font);
      self->title_font.size = 17;
      nd_font_copy (&self->legend_font, &self->font);
      return;
    }
  nd_font_from_node (&self->font, json_object_get_member (layout, "font"));
  nd_rgba_from_node (&self->paper_bg, json_object_get_member (layout, "paper_bgcolor"));
  nd_rgba_from_node (&self->plot_bg, json_object_get_member (layout, "plot_bgcolor"));
  n = json_object_get_member (layout, "colorway");
  if (n && JSON_NODE_HOLDS_ARRAY (n))
    {
      JsonArray *arr = json_node_get_array (n);
      guint k = 0;

      for (guint i = 0; i < json_array_get_length (arr) && k < G_N_ELEMENTS (self->colorway); i++)
        if (nd_rgba_from_node (&self->colorway[k], json_array_get_element (arr, i)))
          k++;
      if (k > 0)
        self->n_colorway = k;
    }
  parse_title (self, layout);
  n = json_object_get_member (layout, "margin");
  if (n && JSON_NODE_HOLDS_OBJECT (n))
    {
      JsonObject *m = json_node_get_object (n);

      self->margin_l = MAX (0, nd_json_path_number (m, "l", self->margin_l));
      self->margin_r = MAX (0, nd_json_path_number (m, "r", self->margin_r));
      self->margin_t = MAX (0, nd_json_path_number (m, "t", self->margin_t));
      self->margin_b = MAX (0, nd_json_path_number (m, "b", self->margin_b));
      self->margin_pad = MAX (0, nd_json_path_number (m, "pad", 0));
    }
  n = json_object_get_member (layout, "showlegend");
  if (n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN)
    {
      self->showlegend = json_node_get_boolean (n);
      self->showlegend_set = TRUE;
    }
  parse_legend (self, layout);
  g_free (self->barmode);
  self->barmode = g_strdup (nd_json_path_string (layout, "barmode", "group"));
  self->bargap = nd_json_path_number (layout, "bargap", NAN);
  self->bargroupgap = CLAMP (nd_json_path_number (layout, "bargroupgap", 0), 0, 1);
  n = json_object_get_member (layout, "annotations");
  if (n && JSON_NODE_HOLDS_ARRAY (n))
    self->annotations = json_node_get_array (n);
  n = json_object_get_member (layout, "shapes");
  if (n && JSON_NODE_HOLDS_ARRAY (n))
    self->shapes = json_node_get_array (n);
  n = json_object_get_member (layout, "xaxis");
  nd_axis_parse_layout (&self->xaxis, n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL,
                        &self->font);
  n = json_object_get_member (layout, "yaxis");
  nd_axis_parse_layout (&self->yaxis, n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL,
                        &self->font);
  n = json_object_get_member (layout, "width");
  if (n && nd_json_is_number (n) && nd_json_get_number (n) >= 10)
    self->width = (int) nd_json_get_number (n);
  n = json_object_get_member (layout, "height");
  if (n && nd_json_is_number (n) && nd_json_get_number (n) >= 10)
    self->height = (int) nd_json_get_number (n);
}

/* ---- traces ---- */

static NdTraceKind
trace_kind (const char *type, gboolean *gl, gboolean *known)
{
  *gl = FALSE;
  *known = TRUE;
  if (type == NULL || strcmp (type, "scatter") == 0)
    return ND_TRACE_SCATTER;
  if (strcmp (type, "scattergl") == 0)
    {
      *gl = TRUE;
      return ND_TRACE_SCATTER;
    }
  if (strcmp (type, "bar") == 0)
    return ND_TRACE_BAR;
  if (strcmp (type, "histogram") == 0)
    return ND_TRACE_HISTOGRAM;
  if (strcmp (type, "heatmap") == 0 || strcmp (type, "heatmapgl") == 0)
    return ND_TRACE_HEATMAP;
  *known = FALSE;
  return ND_TRACE_SCATTER;
}

static const char *
trace_type (JsonObject *o)
{
  JsonNode *t = json_object_get_member (o, "type");

  return t && nd_json_is_string (t) ? json_node_get_string (t) : NULL;
}

/* The data key whose values decide each axis' type (plotly uses the first
 * trace that has data for the axis). */
static void
autotype_axes (NdChart *self, JsonArray *data)
{
  gboolean x_done = self->xaxis.type_fixed, y_done = self->yaxis.type_fixed;

  for (guint i = 0; i < json_array_get_length (data) && !(x_done && y_done); i++)
    {
      JsonNode *tn = json_array_get_element (data, i);
      JsonObject *o;
      gboolean gl, known, horiz;
      NdTraceKind kind;
      JsonNode *xn, *yn;

      if (!JSON_NODE_HOLDS_OBJECT (tn))
        continue;
      o = json_node_get_object (tn);
      kind = trace_kind (trace_type (o), &gl, &known);
      if (!known)
        continue;
      horiz = g_strcmp0 (nd_json_path_string (o, "orientation", NULL), "h") == 0;
      xn = json_object_get_member (o, "x");
      yn = json_object_get_member (o, "y");
      if (kind == ND_TRACE_HISTOGRAM)
        {
          /* an x histogram counts along y; the orientation follows the data */
          if (xn == NULL || (yn && horiz))
            xn = NULL;
          else
            yn = NULL;
        }
      if (kind == ND_TRACE_HEATMAP)
        {
          /* heatmaps without coordinates use indices on linear axes */
          if (xn == NULL && !x_done)
            x_done = TRUE;
          if (yn == NULL && !y_done)
            y_done = TRUE;
        }
      if (!x_done && xn && JSON_NODE_HOLDS_ARRAY (xn))
        x_done = nd_axis_autotype (&self->xaxis, json_node_get_array (xn));
      if (!y_done && yn && JSON_NODE_HOLDS_ARRAY (yn))
        y_done = nd_axis_autotype (&self->yaxis, json_node_get_array (yn));
    }
}

/* Whether at least one element of @t can be placed on the axes. */
static gboolean
trace_has_data (NdTrace *t)
{
  if (t->kind == ND_TRACE_HEATMAP)
    {
      for (gsize i = 0; t->z && i < (gsize) t->nx * t->ny; i++)
        if (!isnan (t->z[i]))
          return TRUE;
      return FALSE;
    }
  for (guint i = 0; t->x && t->y && i < t->n; i++)
    if (isfinite (t->x[i]) && isfinite (t->y[i]))
      return TRUE;
  return FALSE;
}

static void
parse_traces (NdChart *self, JsonArray *data)
{
  autotype_axes (self, data);
  nd_axis_resolve_layout (&self->xaxis);
  nd_axis_resolve_layout (&self->yaxis);
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *tn = json_array_get_element (data, i);
      JsonObject *o;
      gboolean gl, known;
      NdTraceKind kind;
      NdTrace *t;
      const char *type;

      if (!JSON_NODE_HOLDS_OBJECT (tn))
        {
          nd_chart_warn (self, (int) i, "trace", "not an object; skipped");
          continue;
        }
      o = json_node_get_object (tn);
      type = trace_type (o);
      if (json_object_has_member (o, "type") && type == NULL)
        {
          nd_chart_warn (self, (int) i, "type", "not a string; skipped");
          continue;
        }
      kind = trace_kind (type, &gl, &known);
      if (!known)
        {
          nd_chart_warn (self, (int) i, "type", "'%s' is not supported; skipped", type);
          continue;
        }
      t = nd_trace_new_common (self, o, (int) i, kind);
      t->gl = gl;
      switch (kind)
        {
        case ND_TRACE_SCATTER:
          nd_trace_parse_scatter (self, t, o);
          break;
        case ND_TRACE_BAR:
          nd_trace_parse_bar (self, t, o);
          break;
        case ND_TRACE_HISTOGRAM:
          nd_trace_parse_histogram (self, t, o);
          break;
        case ND_TRACE_HEATMAP:
          nd_trace_parse_heatmap (self, t, o);
          break;
        default:
          break;
        }
      g_ptr_array_add (self->traces, t);
    }
  nd_bars_compute (self);
  for (guint i = 0; i < self->traces->len; i++)
    {
      NdTrace *t = g_ptr_array_index (self->traces, i);

      if (t->kind == ND_TRACE_SCATTER && t->visible)
        nd_scatter_extremes (self, t);
      if (t->visible && trace_has_data (t))
        self->has_drawable = TRUE;
    }
  nd_shapes_extremes (self);
  if (!self->showlegend_set)
    {
      guint n = 0;

      for (guint i = 0; i < self->traces->len; i++)
        {
          NdTrace *t = g_ptr_array_index (self->traces, i);

          if (t->kind != ND_TRACE_HEATMAP)
            n++;
        }
      self->showlegend = n > 1;
    }
}

/**
 * nd_chart_new:
 * @figure: (nullable): a plotly figure, `{"data": [...], "layout": {...}}`
 *
 * Parses @figure once: data arrays become doubles in axis space,
 * histograms are binned, bars stacked and axis types decided.  Problems
 * are logged with g_warning() naming the trace and key; what can be drawn
 * still is.
 *
 * Returns: (transfer full): a new chart
 */
NdChart *
nd_chart_new (JsonNode *figure)
{
  NdChart *self = g_object_new (ND_TYPE_CHART, NULL);
  JsonObject *fig = NULL, *layout = NULL;
  JsonNode *n;

  if (figure)
    self->figure = json_node_ref (figure);
  if (figure == NULL || !JSON_NODE_HOLDS_OBJECT (figure))
    {
      nd_chart_warn (self, -1, "figure", "not a JSON object");
      parse_layout (self, NULL);
      return self;
    }
  fig = json_node_get_object (figure);
  n = json_object_get_member (fig, "layout");
  if (n && JSON_NODE_HOLDS_OBJECT (n))
    layout = json_node_get_object (n);
  else if (n && !JSON_NODE_HOLDS_NULL (n))
    nd_chart_warn (self, -1, "layout", "not an object; ignored");
  parse_layout (self, layout);
  n = json_object_get_member (fig, "data");
  if (n && JSON_NODE_HOLDS_ARRAY (n))
    parse_traces (self, json_node_get_array (n));
  else
    {
      if (n && !JSON_NODE_HOLDS_NULL (n))
        nd_chart_warn (self, -1, "data", "not an array");
      nd_axis_resolve_layout (&self->xaxis);
      nd_axis_resolve_layout (&self->yaxis);
      nd_shapes_extremes (self);
    }
  return self;
}

/* ---- layout for a size ---- */

static void
place_axes (NdChart *self)
{
  self->xaxis.pos = self->plot_x;
  self->xaxis.len = self->plot_w;
  self->yaxis.pos = self->plot_y;
  self->yaxis.len = self->plot_h;
  nd_axis_compute_range (&self->xaxis);
  nd_axis_compute_range (&self->yaxis);
  nd_axis_compute_ticks (&self->xaxis);
  nd_axis_compute_ticks (&self->yaxis);
}

static NdTrace *
find_colorbar_trace (NdChart *self)
{
  for (guint i = 0; i < self->traces->len; i++)
    {
      NdTrace *t = g_ptr_array_index (self->traces, i);

      if (t->visible && t->showscale && t->colorscale)
        return t;
    }
  return NULL;
}

static void
ensure_layout (NdChart *self)
{
  cairo_t *cr;
  double l = self->margin_l, r = self->margin_r, t = self->margin_t, b = self->margin_b;
  double W = self->width, H = self->height;

  if (self->layout_valid)
    return;
  cr = nd_text_scratch ();
  self->colorbar_trace = find_colorbar_trace (self);

  /* plotly shrinks margins that leave no room for the plot */
  if (l + r > W - 10)
    {
      double f = (W - 10) / (l + r);
      l *= MAX (f, 0);
      r *= MAX (f, 0);
    }
  if (t + b > H - 10)
    {
      double f = (H - 10) / (t + b);
      t *= MAX (f, 0);
      b *= MAX (f, 0);
    }
  for (int pass = 0; pass < 4; pass++)
    {
      double need_l = l, need_b = b, need_r = r;

      self->plot_x = round (l);
      self->plot_y = round (t);
      self->plot_w = MAX (1, round (W - l - r));
      self->plot_h = MAX (1, round (H - t - b));
      place_axes (self);
      nd_axis_measure_labels (self, &self->xaxis, cr);
      nd_axis_measure_labels (self, &self->yaxis, cr);
      /* automargin: room for labels and titles, never less than given */
      if (self->yaxis.automargin)
        {
          double th = 0;

          if (self->yaxis.title && *self->yaxis.title)
            nd_text_measure (cr, &self->yaxis.titlefont, self->yaxis.title, NULL, &th);
          need_l = MAX (l, self->yaxis.label_size + (th > 0 ? self->yaxis.title_standoff + th : 0) + 2);
        }
      if (self->xaxis.automargin)
        {
          double th = 0;

          if (self->xaxis.title && *self->xaxis.title)
            nd_text_measure (cr, &self->xaxis.titlefont, self->xaxis.title, NULL, &th);
          need_b = MAX (b, self->xaxis.label_size + (th > 0 ? self->xaxis.title_standoff + th : 0) + 2);
        }
      /* the legend and colour bar sit at x = 1.02 and push the right margin */
      {
        double push = 0, lh = 0;

        if (self->showlegend && !self->legend_h && !self->legend_x_set)
          push = nd_legend_measure (self, cr, &lh);
        if (self->colorbar_trace)
          push = MAX (push, nd_colorbar_width (self, self->colorbar_trace, cr));
        if (push > 0)
          {
            double pw = (W - l - push) / 1.02;

            if (pw < W - l - r && pw > 64)
              need_r = W - l - pw;
          }
        if (self->showlegend && self->legend_h && !self->legend_y_set)
          {
            nd_legend_measure (self, cr, &lh);
            need_b = MAX (need_b, self->xaxis.label_size + 0.1 * self->plot_h + lh + 4);
          }
      }
      /* rotated x labels may run past the right edge */
      if (self->xaxis.automargin && self->xaxis.label_end > W - 2)
        need_r = MAX (need_r, r + self->xaxis.label_end - (W - 2));
      if (need_l + need_r > W - 64)
        break;
      if (need_b + t > H - 64)
        need_b = MAX (b, H - 64 - t);
      if (need_l == l && need_b == b && need_r == r)
        break;
      l = need_l;
      b = need_b;
      r = need_r;
    }
  self->plot_x = round (l);
  self->plot_y = round (t);
  self->plot_w = MAX (1, round (W - l - r));
  self->plot_h = MAX (1, round (H - t - b));
  place_axes (self);
  nd_axis_measure_labels (self, &self->xaxis, cr);
  nd_axis_measure_labels (self, &self->yaxis, cr);
  nd_legend_layout (self, cr);
  cairo_destroy (cr);
  self->layout_valid = TRUE;
}

/**
 * nd_chart_set_size:
 * @chart: a chart
 * @width: the width in pixels
 * @height: the height in pixels
 *
 * The size the figure is laid out for; autoranges are recomputed since
 * plotly pads ranges in pixels.
 */
void
nd_chart_set_size (NdChart *chart, int width, int height)
{
  g_return_if_fail (ND_IS_CHART (chart));

  width = MAX (width, 1);
  height = MAX (height, 1);
  if (width == chart->width && height == chart->height)
    return;
  chart->width = width;
  chart->height = height;
  chart->layout_valid = FALSE;
}

/**
 * nd_chart_get_size:
 * @chart: a chart
 * @width: (out) (optional): the width
 * @height: (out) (optional): the height
 *
 * The current size: the figure's `layout.width`/`height`, plotly's
 * 700×450 default, or what nd_chart_set_size() set.
 */
void
nd_chart_get_size (NdChart *chart, int *width, int *height)
{
  g_return_if_fail (ND_IS_CHART (chart));

  if (width)
    *width = chart->width;
  if (height)
    *height = chart->height;
}

/**
 * nd_chart_get_message:
 * @chart: a chart
 *
 * Returns: (nullable): the problems found in the figure, as drawn in the
 * plot area when nothing could be drawn; %NULL for a clean figure
 */
const char *
nd_chart_get_message (NdChart *chart)
{
  g_return_val_if_fail (ND_IS_CHART (chart), NULL);

  return chart->message->len ? chart->message->str : NULL;
}

/**
 * nd_chart_get_n_traces:
 * @chart: a chart
 *
 * Returns: the number of traces in the figure's `data`
 */
guint
nd_chart_get_n_traces (NdChart *chart)
{
  JsonNode *n;

  g_return_val_if_fail (ND_IS_CHART (chart), 0);

  if (chart->figure == NULL || !JSON_NODE_HOLDS_OBJECT (chart->figure))
    return 0;
  n = json_object_get_member (json_node_get_object (chart->figure), "data");
  return n && JSON_NODE_HOLDS_ARRAY (n) ? json_array_get_length (json_node_get_array (n)) : 0;
}

/* ---- drawing ---- */

static void
draw_message (NdChart *self, cairo_t *cr)
{
  NdFont f = self->font;
  g_autofree char *text = g_strdup_printf ("<b>Cannot draw this figure</b><br>%s", self->message->str);

  f.color = (NdRgba) { 0.6, 0.1, 0.1, 1 };
  cairo_save (cr);
  cairo_rectangle (cr, self->plot_x, self->plot_y, self->plot_w, self->plot_h);
  cairo_clip (cr);
  nd_text_draw (cr, &f, text, self->plot_x + self->plot_w / 2, self->plot_y + self->plot_h / 2,
                0.5, 0.5, 0);
  cairo_restore (cr);
}

static void
draw_traces (NdChart *self, cairo_t *cr)
{
  static const NdTraceKind order[] = { ND_TRACE_HEATMAP, ND_TRACE_BAR, ND_TRACE_SCATTER };

  cairo_save (cr);
  cairo_rectangle (cr, self->plot_x, self->plot_y, self->plot_w, self->plot_h);
  cairo_clip (cr);
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    for (guint i = 0; i < self->traces->len; i++)
      {
        NdTrace *t = g_ptr_array_index (self->traces, i);
        NdTraceKind kind = t->kind == ND_TRACE_HISTOGRAM ? ND_TRACE_BAR : t->kind;

        if (!t->visible || kind != order[k])
          continue;
        switch (kind)
          {
          case ND_TRACE_HEATMAP:
            nd_heatmap_draw (self, t, cr);
            break;
          case ND_TRACE_BAR:
            nd_bar_draw (self, t, cr);
            break;
          case ND_TRACE_SCATTER:
            nd_scatter_draw (self, t, cr);
            break;
          default:
            break;
          }
      }
  for (guint i = 0; i < self->traces->len; i++)
    {
      NdTrace *t = g_ptr_array_index (self->traces, i);

      if (t->visible && (t->kind == ND_TRACE_BAR || t->kind == ND_TRACE_HISTOGRAM))
        nd_bar_draw_text (self, t, cr);
    }
  cairo_restore (cr);
}

/**
 * nd_chart_render:
 * @chart: a chart
 * @cr: the context to draw on
 *
 * Draws the whole figure with its top left corner at (0, 0) of @cr, in the
 * size set with nd_chart_set_size().
 */
void
nd_chart_render (NdChart *chart, cairo_t *cr)
{
  cairo_font_options_t *fo;

  g_return_if_fail (ND_IS_CHART (chart));
  g_return_if_fail (cr != NULL);

  ensure_layout (chart);
  cairo_save (cr);
  fo = cairo_font_options_create ();
  /* unhinted metrics: text measures the same on every target */
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (fo, CAIRO_ANTIALIAS_GRAY);
  cairo_set_font_options (cr, fo);
  cairo_font_options_destroy (fo);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);

  cairo_rectangle (cr, 0, 0, chart->width, chart->height);
  nd_rgba_set_source (cr, &chart->paper_bg, 1.0);
  cairo_fill (cr);
  cairo_rectangle (cr, chart->plot_x, chart->plot_y, chart->plot_w, chart->plot_h);
  nd_rgba_set_source (cr, &chart->plot_bg, 1.0);
  cairo_fill (cr);

  /* "below" shapes go under the grid, "between" ones above it */
  nd_shapes_draw (chart, cr, 0);
  nd_axis_draw_grid (chart, &chart->xaxis, cr);
  nd_axis_draw_grid (chart, &chart->yaxis, cr);
  nd_axis_draw_zeroline (chart, &chart->xaxis, cr);
  nd_axis_draw_zeroline (chart, &chart->yaxis, cr);
  nd_shapes_draw (chart, cr, 1);
  draw_traces (chart, cr);
  nd_axis_draw (chart, &chart->xaxis, cr);
  nd_axis_draw (chart, &chart->yaxis, cr);
  nd_shapes_draw (chart, cr, 2);
  nd_annotations_draw (chart, cr);
  if (chart->showlegend)
    nd_legend_draw (chart, cr);
  if (chart->colorbar_trace)
    nd_colorbar_draw (chart, chart->colorbar_trace, cr);
  nd_title_draw (chart, cr);
  if (!chart->has_drawable && chart->message->len)
    draw_message (chart, cr);
  cairo_restore (cr);
}

/* ---- geometry for widgets ---- */

/**
 * nd_chart_get_plot_area:
 * @chart: a chart
 * @x: (out) (optional): left edge
 * @y: (out) (optional): top edge
 * @width: (out) (optional): width
 * @height: (out) (optional): height
 *
 * The plot area (inside the axes) for the current size, in pixels.
 *
 * Returns: %TRUE
 */
gboolean
nd_chart_get_plot_area (NdChart *chart, double *x, double *y, double *width, double *height)
{
  g_return_val_if_fail (ND_IS_CHART (chart), FALSE);

  ensure_layout (chart);
  if (x)
    *x = chart->plot_x;
  if (y)
    *y = chart->plot_y;
  if (width)
    *width = chart->plot_w;
  if (height)
    *height = chart->plot_h;
  return TRUE;
}

static NdAxis *
get_axis (NdChart *chart, NdChartAxis axis)
{
  return axis == ND_CHART_AXIS_Y ? &chart->yaxis : &chart->xaxis;
}

/**
 * nd_chart_get_axis_type:
 * @chart: a chart
 * @axis: which axis
 *
 * Returns: the axis type, as given or as plotly would detect it
 */
NdChartAxisType
nd_chart_get_axis_type (NdChart *chart, NdChartAxis axis)
{
  g_return_val_if_fail (ND_IS_CHART (chart), ND_CHART_AXIS_TYPE_LINEAR);

  return get_axis (chart, axis)->type;
}

/**
 * nd_chart_x_to_pixel:
 * @chart: a chart
 * @x: a data value: a number, ms since the epoch on date axes, an index
 *   on category axes
 *
 * Returns: the pixel column of @x
 */
double
nd_chart_x_to_pixel (NdChart *chart, double x)
{
  g_return_val_if_fail (ND_IS_CHART (chart), 0);

  ensure_layout (chart);
  return nd_axis_l2p (&chart->xaxis, nd_axis_num_to_l (&chart->xaxis, x));
}

/**
 * nd_chart_y_to_pixel:
 * @chart: a chart
 * @y: a data value (see nd_chart_x_to_pixel())
 *
 * Returns: the pixel row of @y
 */
double
nd_chart_y_to_pixel (NdChart *chart, double y)
{
  g_return_val_if_fail (ND_IS_CHART (chart), 0);

  ensure_layout (chart);
  return nd_axis_l2p (&chart->yaxis, nd_axis_num_to_l (&chart->yaxis, y));
}

/**
 * nd_chart_pixel_to_x:
 * @chart: a chart
 * @px: a pixel column
 *
 * Returns: the data value at @px
 */
double
nd_chart_pixel_to_x (NdChart *chart, double px)
{
  g_return_val_if_fail (ND_IS_CHART (chart), 0);

  ensure_layout (chart);
  return nd_axis_l_to_num (&chart->xaxis, nd_axis_p2l (&chart->xaxis, px));
}

/**
 * nd_chart_pixel_to_y:
 * @chart: a chart
 * @py: a pixel row
 *
 * Returns: the data value at @py
 */
double
nd_chart_pixel_to_y (NdChart *chart, double py)
{
  g_return_val_if_fail (ND_IS_CHART (chart), 0);

  ensure_layout (chart);
  return nd_axis_l_to_num (&chart->yaxis, nd_axis_p2l (&chart->yaxis, py));
}

/**
 * nd_chart_get_range:
 * @chart: a chart
 * @axis: which axis
 * @min: (out) (optional): the value at the left (x) or bottom (y) edge
 * @max: (out) (optional): the value at the right or top edge
 *
 * The axis range in data values (reversed axes give @min > @max).
 */
void
nd_chart_get_range (NdChart *chart, NdChartAxis axis, double *min, double *max)
{
  NdAxis *ax;

  g_return_if_fail (ND_IS_CHART (chart));

  ensure_layout (chart);
  ax = get_axis (chart, axis);
  if (min)
    *min = nd_axis_l_to_num (ax, ax->range[0]);
  if (max)
    *max = nd_axis_l_to_num (ax, ax->range[1]);
}

/**
 * nd_chart_set_range:
 * @chart: a chart
 * @axis: which axis
 * @min: the data value for the left (x) or bottom (y) edge
 * @max: the data value for the right or top edge
 *
 * Fixes the range, as a zoom or pan does; nd_chart_reset_ranges() goes
 * back to the figure's.
 */
void
nd_chart_set_range (NdChart *chart, NdChartAxis axis, double min, double max)
{
  NdAxis *ax;
  double a, b;

  g_return_if_fail (ND_IS_CHART (chart));

  ax = get_axis (chart, axis);
  a = nd_axis_num_to_l (ax, min);
  b = nd_axis_num_to_l (ax, max);
  g_return_if_fail (isfinite (a) && isfinite (b) && a != b);
  ax->user_range_set = TRUE;
  ax->user_range[0] = a;
  ax->user_range[1] = b;
  chart->layout_valid = FALSE;
}

/**
 * nd_chart_reset_ranges:
 * @chart: a chart
 *
 * Drops ranges set with nd_chart_set_range().
 */
void
nd_chart_reset_ranges (NdChart *chart)
{
  g_return_if_fail (ND_IS_CHART (chart));

  chart->xaxis.user_range_set = FALSE;
  chart->yaxis.user_range_set = FALSE;
  chart->layout_valid = FALSE;
}

/**
 * nd_chart_get_category:
 * @chart: a chart
 * @axis: which axis
 * @index: a category index
 *
 * Returns: (nullable): the category name, %NULL when out of range
 */
const char *
nd_chart_get_category (NdChart *chart, NdChartAxis axis, guint index)
{
  NdAxis *ax;

  g_return_val_if_fail (ND_IS_CHART (chart), NULL);

  ax = get_axis (chart, axis);
  return index < ax->categories->len ? g_ptr_array_index (ax->categories, index) : NULL;
}

/**
 * nd_chart_get_n_legend_items:
 * @chart: a chart
 *
 * Returns: the number of legend entries (0 when the legend is hidden)
 */
guint
nd_chart_get_n_legend_items (NdChart *chart)
{
  g_return_val_if_fail (ND_IS_CHART (chart), 0);

  ensure_layout (chart);
  return chart->showlegend ? chart->legend_items->len : 0;
}

/**
 * nd_chart_get_legend_item:
 * @chart: a chart
 * @index: the entry
 * @x: (out) (optional): left edge of the clickable box
 * @y: (out) (optional): top edge
 * @width: (out) (optional): width
 * @height: (out) (optional): height
 * @trace_index: (out) (optional): the trace of the entry (its index in `data`)
 *
 * A legend entry's box: clicking it in plotly toggles `visible` between
 * true and "legendonly" for the traces nd_chart_get_legend_item_traces()
 * lists.
 *
 * Returns: %FALSE when @index is out of range
 */
gboolean
nd_chart_get_legend_item (NdChart *chart, guint index, double *x, double *y, double *width,
                          double *height, int *trace_index)
{
  NdLegendItem *item;

  g_return_val_if_fail (ND_IS_CHART (chart), FALSE);

  ensure_layout (chart);
  if (!chart->showlegend || index >= chart->legend_items->len)
    return FALSE;
  item = &g_array_index (chart->legend_items, NdLegendItem, index);
  if (x)
    *x = item->x;
  if (y)
    *y = item->y;
  if (width)
    *width = item->w;
  if (height)
    *height = item->h;
  if (trace_index)
    *trace_index = item->trace;
  return TRUE;
}

/**
 * nd_chart_get_legend_item_traces:
 * @chart: a chart
 * @index: the entry
 * @n_traces: (out): the number of traces
 *
 * The traces a click on the entry toggles: the entry's trace and the
 * traces of its `legendgroup`.
 *
 * Returns: (array length=n_traces) (transfer none) (nullable): trace indices
 */
const int *
nd_chart_get_legend_item_traces (NdChart *chart, guint index, guint *n_traces)
{
  NdLegendItem *item;

  g_return_val_if_fail (ND_IS_CHART (chart), NULL);
  g_return_val_if_fail (n_traces != NULL, NULL);

  ensure_layout (chart);
  *n_traces = 0;
  if (!chart->showlegend || index >= chart->legend_items->len)
    return NULL;
  item = &g_array_index (chart->legend_items, NdLegendItem, index);
  *n_traces = item->traces->len;
  return (const int *) item->traces->data;
}

/**
 * nd_chart_legend_item_at:
 * @chart: a chart
 * @x: a pixel position
 * @y: a pixel position
 *
 * Returns: the legend entry at (@x, @y), or -1
 */
int
nd_chart_legend_item_at (NdChart *chart, double x, double y)
{
  g_return_val_if_fail (ND_IS_CHART (chart), -1);

  ensure_layout (chart);
  if (!chart->showlegend)
    return -1;
  for (guint i = 0; i < chart->legend_items->len; i++)
    {
      NdLegendItem *item = &g_array_index (chart->legend_items, NdLegendItem, i);

      if (x >= item->x && x < item->x + item->w && y >= item->y && y < item->y + item->h)
        return (int) i;
    }
  return -1;
}

/* One trace's nearest point within @radius pixels (markers count with
 * their size).  A linear scan: a spatial index can replace it per trace. */
static gboolean
hit_scatter (NdChart *chart, NdTrace *t, double px, double py, double radius, int *point,
             double *best)
{
  gboolean found = FALSE;

  for (guint i = 0; i < t->n; i++)
    {
      double x = nd_axis_l2p (&chart->xaxis, t->x[i]), y = nd_axis_l2p (&chart->yaxis, t->y[i]);
      double r = radius + (t->markers ? (t->marker_rs ? t->marker_rs[i] : t->marker_r) : 0);
      double d = hypot (x - px, y - py);

      if (d <= r && d < *best)
        {
          *best = d;
          *point = (int) i;
          found = TRUE;
        }
    }
  return found;
}

static gboolean
hit_bar (NdChart *chart, NdTrace *t, double px, double py, int *point)
{
  NdAxis *pa = t->horizontal ? &chart->yaxis : &chart->xaxis;
  NdAxis *sa = t->horizontal ? &chart->xaxis : &chart->yaxis;
  double pp = t->horizontal ? py : px, sp = t->horizontal ? px : py;

  if (t->p0 == NULL)
    return FALSE;
  for (guint i = t->n; i-- > 0;)
    {
      double a = nd_axis_l2p (pa, t->p0[i]), b = nd_axis_l2p (pa, t->p1[i]);
      double c = nd_axis_l2p (sa, t->s0[i]), d = nd_axis_l2p (sa, t->s1[i]);

      if (isnan (a + b + c + d))
        continue;
      if (pp >= MIN (a, b) && pp <= MAX (a, b) && sp >= MIN (c, d) && sp <= MAX (c, d))
        {
          *point = (int) i;
          return TRUE;
        }
    }
  return FALSE;
}

static int
edge_index (const double *edges, guint n, double v)
{
  gboolean asc = edges[n] >= edges[0];

  for (guint i = 0; i < n; i++)
    {
      double a = edges[i], b = edges[i + 1];

      if (asc ? (v >= a && v < b) : (v <= a && v > b))
        return (int) i;
    }
  return -1;
}

/**
 * nd_chart_hit_test:
 * @chart: a chart
 * @px: a pixel column
 * @py: a pixel row
 * @radius: how far from a point still counts, in pixels
 * @trace_index: (out) (optional): the trace hit
 * @point_index: (out) (optional): the point (bar, or heatmap cell
 *   `row * ncols + col`) hit
 *
 * Finds the topmost trace element under (@px, @py).
 *
 * Returns: whether something was hit
 */
gboolean
nd_chart_hit_test (NdChart *chart, double px, double py, double radius, int *trace_index,
                   int *point_index)
{
  g_return_val_if_fail (ND_IS_CHART (chart), FALSE);

  ensure_layout (chart);
  if (px < chart->plot_x || px > chart->plot_x + chart->plot_w || py < chart->plot_y ||
      py > chart->plot_y + chart->plot_h)
    return FALSE;
  /* scatters are drawn last, so they are on top */
  {
    double best = INFINITY;
    int point = -1, trace = -1;

    for (guint i = chart->traces->len; i-- > 0;)
      {
        NdTrace *t = g_ptr_array_index (chart->traces, i);

        if (t->visible && t->kind == ND_TRACE_SCATTER &&
            hit_scatter (chart, t, px, py, radius, &point, &best))
          trace = t->index;
      }
    if (trace >= 0)
      {
        if (trace_index)
          *trace_index = trace;
        if (point_index)
          *point_index = point;
        return TRUE;
      }
  }
  for (guint i = chart->traces->len; i-- > 0;)
    {
      NdTrace *t = g_ptr_array_index (chart->traces, i);
      int point;

      if (!t->visible)
        continue;
      if ((t->kind == ND_TRACE_BAR || t->kind == ND_TRACE_HISTOGRAM) && hit_bar (chart, t, px, py, &point))
        {
          if (trace_index)
            *trace_index = t->index;
          if (point_index)
            *point_index = point;
          return TRUE;
        }
      if (t->kind == ND_TRACE_HEATMAP && t->xe && t->ye)
        {
          int col = edge_index (t->xe, t->nx, nd_axis_p2l (&chart->xaxis, px));
          int row = edge_index (t->ye, t->ny, nd_axis_p2l (&chart->yaxis, py));

          if (col >= 0 && row >= 0 && !isnan (t->z[row * t->nx + col]))
            {
              if (trace_index)
                *trace_index = t->index;
              if (point_index)
                *point_index = row * (int) t->nx + col;
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* ---- export ---- */

typedef enum { OUT_PNG, OUT_SVG, OUT_PDF } OutKind;

static gboolean
export (JsonNode *figure, const char *path, int width, int height, double scale, OutKind kind,
        GError **error)
{
  g_autoptr(NdChart) chart = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int w, h;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(scale > 0) || scale > 32)
    scale = 1;
  chart = nd_chart_new (figure);
  nd_chart_get_size (chart, &w, &h);
  if (width > 0)
    w = width;
  if (height > 0)
    h = height;
  nd_chart_set_size (chart, w, h);
  switch (kind)
    {
    case OUT_SVG:
      surface = cairo_svg_surface_create (path, w * scale, h * scale);
      break;
    case OUT_PDF:
      surface = cairo_pdf_surface_create (path, w * scale, h * scale);
      break;
    case OUT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w * scale),
                                            (int) ceil (h * scale));
      break;
    }
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ND_CHART_ERROR, ND_CHART_ERROR_OUTPUT, "cannot create %s: %s", path,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  nd_chart_render (chart, cr);
  cairo_destroy (cr);
  if (kind == OUT_PNG)
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ND_CHART_ERROR, ND_CHART_ERROR_OUTPUT, "cannot write %s: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * nd_chart_to_png:
 * @figure: a plotly figure
 * @path: the file to write
 * @width: the width in CSS pixels, or 0 for the figure's
 * @height: the height, or 0 for the figure's
 * @scale: pixels per CSS pixel (plotly's `scale` in image export)
 * @error: return location for an error
 *
 * Renders @figure to a PNG file.
 *
 * Returns: whether the file was written
 */
gboolean
nd_chart_to_png (JsonNode *figure, const char *path, int width, int height, double scale,
                 GError **error)
{
  return export (figure, path, width, height, scale, OUT_PNG, error);
}

/**
 * nd_chart_to_svg:
 * @figure: a plotly figure
 * @path: the file to write
 * @width: the width, or 0 for the figure's
 * @height: the height, or 0 for the figure's
 * @scale: a zoom factor
 * @error: return location for an error
 *
 * Renders @figure to an SVG file (large scatters and heatmaps are embedded
 * as images, as plotly does for WebGL traces).
 *
 * Returns: whether the file was written
 */
gboolean
nd_chart_to_svg (JsonNode *figure, const char *path, int width, int height, double scale,
                 GError **error)
{
  return export (figure, path, width, height, scale, OUT_SVG, error);
}

/**
 * nd_chart_to_pdf:
 * @figure: a plotly figure
 * @path: the file to write
 * @width: the width in points, or 0 for the figure's
 * @height: the height, or 0 for the figure's
 * @scale: a zoom factor
 * @error: return location for an error
 *
 * Renders @figure to a one-page PDF file.
 *
 * Returns: whether the file was written
 */
gboolean
nd_chart_to_pdf (JsonNode *figure, const char *path, int width, int height, double scale,
                 GError **error)
{
  return export (figure, path, width, height, scale, OUT_PDF, error);
}
