/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Reading traces: typed access into the figure JSON with warnings that
 * name the trace and key, data arrays converted to axis space, and the
 * scatter (and scattergl) attributes with plotly's defaults.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nd-chart-private.h"

void
nd_chart_warn (NdChart *chart, int trace, const char *key, const char *fmt, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  if (trace >= 0)
    {
      g_warning ("chart: trace %d: %s: %s", trace, key, msg);
      g_string_append_printf (chart->message, "%strace %d: %s: %s",
                              chart->message->len ? "<br>" : "", trace, key, msg);
    }
  else
    {
      g_warning ("chart: %s: %s", key, msg);
      g_string_append_printf (chart->message, "%s%s: %s", chart->message->len ? "<br>" : "",
                              key, msg);
    }
}

/**
 * nd_json_path: (skip)
 *
 * Looks up "a.b.c" through nested objects.
 */
JsonNode *
nd_json_path (JsonObject *obj, const char *path)
{
  const char *dot;

  while (obj && (dot = strchr (path, '.')))
    {
      g_autofree char *head = g_strndup (path, dot - path);
      JsonNode *n = json_object_get_member (obj, head);

      if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
        return NULL;
      obj = json_node_get_object (n);
      path = dot + 1;
    }
  return obj ? json_object_get_member (obj, path) : NULL;
}

double
nd_json_path_number (JsonObject *obj, const char *path, double dflt)
{
  JsonNode *n = nd_json_path (obj, path);

  if (n && nd_json_is_number (n) && isfinite (nd_json_get_number (n)))
    return nd_json_get_number (n);
  return dflt;
}

const char *
nd_json_path_string (JsonObject *obj, const char *path, const char *dflt)
{
  JsonNode *n = nd_json_path (obj, path);

  if (n && nd_json_is_string (n))
    return json_node_get_string (n);
  return dflt;
}

gboolean
nd_json_path_bool (JsonObject *obj, const char *path, gboolean dflt)
{
  JsonNode *n = nd_json_path (obj, path);

  if (n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (n);
  return dflt;
}

static JsonArray *
get_array (NdChart *chart, int index, JsonObject *obj, const char *key)
{
  JsonNode *n = nd_json_path (obj, key);

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (n))
    {
      nd_chart_warn (chart, index, key, "not an array; ignored");
      return NULL;
    }
  return json_node_get_array (n);
}

/**
 * nd_chart_get_l_array: (skip)
 *
 * @key's array in @ax's space; values that have no place on the axis
 * become %NAN (plotly skips them) and are reported once.
 */
double *
nd_chart_get_l_array (NdChart *chart, int index, JsonObject *obj, const char *key, NdAxis *ax,
                      guint *n)
{
  JsonArray *arr = get_array (chart, index, obj, key);
  double *out;
  guint bad = 0, len;

  *n = 0;
  if (arr == NULL)
    return NULL;
  len = json_array_get_length (arr);
  out = g_new (double, MAX (len, 1));
  for (guint i = 0; i < len; i++)
    {
      JsonNode *e = json_array_get_element (arr, i);

      out[i] = nd_axis_node_to_l (ax, e, TRUE);
      if (isnan (out[i]) && !JSON_NODE_HOLDS_NULL (e))
        {
          /* non-positive values on log axes are plotly's normal gaps */
          if (!(ax->type == ND_CHART_AXIS_TYPE_LOG && nd_json_is_number (e)))
            bad++;
        }
    }
  if (bad)
    nd_chart_warn (chart, index, key, "%u value%s not usable on a %s axis; skipped", bad,
                   bad == 1 ? "" : "s",
                   ax->type == ND_CHART_AXIS_TYPE_DATE ? "date"
                   : ax->type == ND_CHART_AXIS_TYPE_LOG ? "log"
                   : ax->type == ND_CHART_AXIS_TYPE_CATEGORY ? "category" : "linear");
  *n = len;
  return out;
}

/**
 * nd_chart_get_doubles: (skip)
 *
 * A numeric array (strings holding numbers are read as plotly does).
 */
double *
nd_chart_get_doubles (NdChart *chart, int index, JsonObject *obj, const char *key, guint *n)
{
  JsonArray *arr = get_array (chart, index, obj, key);
  double *out;
  guint bad = 0, len;

  *n = 0;
  if (arr == NULL)
    return NULL;
  len = json_array_get_length (arr);
  out = g_new (double, MAX (len, 1));
  for (guint i = 0; i < len; i++)
    {
      JsonNode *e = json_array_get_element (arr, i);
      double v = NAN;

      if (nd_json_is_number (e))
        v = nd_json_get_number (e);
      else if (nd_json_is_string (e) && !nd_parse_number (json_node_get_string (e), &v))
        v = NAN;
      if (!isfinite (v))
        {
          if (!JSON_NODE_HOLDS_NULL (e))
            bad++;
          v = NAN;
        }
      out[i] = v;
    }
  if (bad)
    nd_chart_warn (chart, index, key, "%u non-numeric value%s skipped", bad, bad == 1 ? "" : "s");
  *n = len;
  return out;
}

/**
 * nd_chart_get_texts: (skip)
 *
 * @n strings from a string (repeated) or an array (numbers printed).
 */
char **
nd_chart_get_texts (JsonObject *obj, const char *key, guint n)
{
  JsonNode *node = nd_json_path (obj, key);
  char **out;

  if (node == NULL || n == 0)
    return NULL;
  if (nd_json_is_string (node) || nd_json_is_number (node))
    {
      g_autofree char *s = nd_json_is_string (node) ? g_strdup (json_node_get_string (node))
                                                    : nd_format_shortest (nd_json_get_number (node));
      out = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        out[i] = g_strdup (s);
      return out;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  out = g_new0 (char *, n + 1);
  {
    JsonArray *arr = json_node_get_array (node);
    guint len = json_array_get_length (arr);

    for (guint i = 0; i < n && i < len; i++)
      {
        JsonNode *e = json_array_get_element (arr, i);

        if (nd_json_is_string (e))
          out[i] = g_strdup (json_node_get_string (e));
        else if (nd_json_is_number (e))
          out[i] = nd_format_shortest (nd_json_get_number (e));
      }
  }
  return out;
}

void
nd_trace_free (NdTrace *t)
{
  if (t == NULL)
    return;
  g_free (t->name);
  g_free (t->legendgroup);
  g_free (t->x);
  g_free (t->y);
  g_free (t->dash);
  g_free (t->symbols);
  g_free (t->marker_rs);
  g_free (t->marker_colors);
  g_free (t->marker_opacities);
  g_free (t->mline_colors);
  nd_colorscale_free (t->colorscale);
  g_free (t->colorbar_title);
  if (t->colorbar_axis)
    {
      nd_axis_clear (t->colorbar_axis);
      g_free (t->colorbar_axis);
    }
  g_strfreev (t->texts);
  nd_font_clear (&t->textfont);
  g_free (t->base);
  g_free (t->widths);
  g_free (t->offsets);
  g_free (t->p0);
  g_free (t->p1);
  g_free (t->s0);
  g_free (t->s1);
  g_free (t->histfunc);
  g_free (t->histnorm);
  g_free (t->hist_in);
  g_free (t->hist_w);
  g_free (t->z);
  g_free (t->xe);
  g_free (t->ye);
  g_free (t);
}

/**
 * nd_trace_new_common: (skip)
 *
 * The attributes every trace type has: visible, name, legend, opacity and
 * the colorway colour.
 */
NdTrace *
nd_trace_new_common (NdChart *chart, JsonObject *obj, int index, NdTraceKind kind)
{
  NdTrace *t = g_new0 (NdTrace, 1);
  JsonNode *v;

  t->kind = kind;
  t->index = index;
  t->visible = TRUE;
  v = json_object_get_member (obj, "visible");
  if (v && nd_json_is_string (v) && strcmp (json_node_get_string (v), "legendonly") == 0)
    {
      t->visible = FALSE;
      t->legendonly = TRUE;
    }
  else if (v && JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_BOOLEAN)
    t->visible = json_node_get_boolean (v);
  v = json_object_get_member (obj, "name");
  if (v && nd_json_is_string (v))
    t->name = g_strdup (json_node_get_string (v));
  else if (v && nd_json_is_number (v))
    t->name = nd_format_shortest (nd_json_get_number (v));
  else
    t->name = g_strdup_printf ("trace %d", index);
  v = json_object_get_member (obj, "legendgroup");
  if (v && nd_json_is_string (v) && *json_node_get_string (v))
    t->legendgroup = g_strdup (json_node_get_string (v));
  t->showlegend = nd_json_path_bool (obj, "showlegend", TRUE);
  t->opacity = CLAMP (nd_json_path_number (obj, "opacity", 1), 0, 1);
  t->color = chart->colorway[index % chart->n_colorway];
  nd_font_copy (&t->textfont, &chart->font);
  return t;
}

/* ---- scatter ---- */

static const char *const symbol_names[] = {
  "circle", "square", "diamond", "cross", "x",
  "triangle-up", "triangle-down", "triangle-left", "triangle-right",
};

static guint8
parse_symbol (JsonNode *n)
{
  if (n == NULL)
    return ND_SYMBOL_CIRCLE;
  if (nd_json_is_number (n))
    {
      int v = (int) nd_json_get_number (n);
      guint8 base = (guint8) (v % 100 < ND_SYMBOL_N && v >= 0 ? v % 100 : 0);

      return base | ((v % 200) >= 100 ? ND_SYMBOL_OPEN : 0);
    }
  if (nd_json_is_string (n))
    {
      const char *s = json_node_get_string (n);
      gboolean open = strstr (s, "-open") != NULL;
      g_autofree char *base = g_strdup (s);
      char *suffix;

      if ((suffix = strstr (base, "-open")) || (suffix = strstr (base, "-dot")))
        *suffix = '\0';
      for (guint i = 0; i < G_N_ELEMENTS (symbol_names); i++)
        if (strcmp (base, symbol_names[i]) == 0)
          return (guint8) i | (open ? ND_SYMBOL_OPEN : 0);
      /* "100"-style strings */
      if (g_ascii_isdigit (s[0]))
        {
          int v = atoi (s);
          return (guint8) (v % 100 < ND_SYMBOL_N ? v % 100 : 0) | ((v % 200) >= 100 ? ND_SYMBOL_OPEN : 0);
        }
    }
  return ND_SYMBOL_CIRCLE;
}

/* plotly's dashStyle: named dashes scale with max(width, 3) */
void
nd_dash_from_name (const char *name, double width, double **dash, int *n_dash)
{
  static const struct { const char *name; double d[4]; int n; } dashes[] = {
    { "dot", { 1, 1 }, 2 },
    { "dash", { 3, 3 }, 2 },
    { "longdash", { 5, 5 }, 2 },
    { "dashdot", { 3, 1, 1, 1 }, 4 },
    { "longdashdot", { 5, 2, 1, 2 }, 4 },
  };
  double dlw = MAX (width, 3);

  *dash = NULL;
  *n_dash = 0;
  if (name == NULL || strcmp (name, "solid") == 0 || *name == '\0')
    return;
  for (guint i = 0; i < G_N_ELEMENTS (dashes); i++)
    if (strcmp (name, dashes[i].name) == 0)
      {
        *n_dash = dashes[i].n;
        *dash = g_new (double, dashes[i].n);
        for (int k = 0; k < dashes[i].n; k++)
          (*dash)[k] = dashes[i].d[k] * dlw;
        return;
      }
  /* "5px,10px,2px" */
  {
    g_auto(GStrv) parts = g_strsplit_set (name, ", ", -1);
    GArray *arr = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; parts[i]; i++)
      {
        char *end;
        double v;

        if (*parts[i] == '\0')
          continue;
        v = g_ascii_strtod (parts[i], &end);
        if (end == parts[i] || v < 0)
          continue;
        if (g_str_has_suffix (parts[i], "%"))
          v = v / 100 * width;
        g_array_append_val (arr, v);
      }
    if (arr->len)
      {
        *n_dash = (int) arr->len;
        *dash = (double *) g_array_free (arr, FALSE);
      }
    else
      g_array_free (arr, TRUE);
  }
}

static void
parse_textposition (NdTrace *t, JsonObject *obj)
{
  JsonNode *n = json_object_get_member (obj, "textposition");
  const char *s = NULL;

  t->text_h = 0;
  t->text_v = 0;
  if (n && nd_json_is_string (n))
    s = json_node_get_string (n);
  else if (n && JSON_NODE_HOLDS_ARRAY (n) && json_array_get_length (json_node_get_array (n)) &&
           nd_json_is_string (json_array_get_element (json_node_get_array (n), 0)))
    s = json_node_get_string (json_array_get_element (json_node_get_array (n), 0));
  if (s == NULL)
    return;
  if (strstr (s, "top"))
    t->text_v = 1;
  else if (strstr (s, "bottom"))
    t->text_v = -1;
  if (strstr (s, "left"))
    t->text_h = -1;
  else if (strstr (s, "right"))
    t->text_h = 1;
}

void
nd_trace_parse_textfont (NdChart *chart, NdTrace *t, JsonObject *obj)
{
  nd_font_from_node (&t->textfont, json_object_get_member (obj, "textfont"));
  t->textfont_color_set = nd_json_path (obj, "textfont.color") != NULL;
}

/* Colours from marker.color: one colour, colour strings, or numbers through
 * the colour scale (plotly's autocolorscale picks the template's scales). */
void
nd_trace_parse_marker_colors (NdChart *chart, NdTrace *t, JsonObject *marker, guint n)
{
  JsonNode *c = marker ? json_object_get_member (marker, "color") : NULL;
  JsonArray *arr;
  guint len, nums = 0;
  double lo = INFINITY, hi = -INFINITY;
  g_autofree double *vals = NULL;

  if (c == NULL)
    return;
  if (nd_json_is_string (c))
    {
      if (!nd_rgba_from_node (&t->marker_color, c))
        nd_chart_warn (chart, t->index, "marker.color", "'%s' is not a colour", json_node_get_string (c));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (c))
    {
      nd_chart_warn (chart, t->index, "marker.color", "not a colour or an array; ignored");
      return;
    }
  arr = json_node_get_array (c);
  len = json_array_get_length (arr);
  vals = g_new (double, MAX (n, 1));
  t->marker_colors = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = i < len ? json_array_get_element (arr, i) : NULL;
      NdRgba rgba;

      vals[i] = NAN;
      t->marker_colors[i] = nd_rgba_to_argb (&t->marker_color);
      if (e && nd_json_is_number (e) && isfinite (nd_json_get_number (e)))
        {
          vals[i] = nd_json_get_number (e);
          lo = MIN (lo, vals[i]);
          hi = MAX (hi, vals[i]);
          nums++;
        }
      else if (e && nd_rgba_from_node (&rgba, e))
        t->marker_colors[i] = nd_rgba_to_argb (&rgba);
    }
  if (nums == 0)
    return;
  {
    JsonNode *cs = json_object_get_member (marker, "colorscale");
    gboolean reverse = nd_json_path_bool (marker, "reversescale", FALSE);

    t->colorscale = nd_colorscale_from_node (cs);
    if (cs && t->colorscale == NULL)
      nd_chart_warn (chart, t->index, "marker.colorscale", "not a colour scale; using the default");
    if (t->colorscale == NULL)
      {
        /* the "plotly" template: sequential (and sequentialminus) Plasma,
         * diverging PiYG for values of both signs */
        if (lo < 0 && hi > 0)
          {
            JsonNode *tmp = json_from_string ("[[0,\"#8e0152\"],[0.1,\"#c51b7d\"],[0.2,\"#de77ae\"],"
                                              "[0.3,\"#f1b6da\"],[0.4,\"#fde0ef\"],[0.5,\"#f7f7f7\"],"
                                              "[0.6,\"#e6f5d0\"],[0.7,\"#b8e186\"],[0.8,\"#7fbc41\"],"
                                              "[0.9,\"#4d9221\"],[1,\"#276419\"]]", NULL);
            t->colorscale = nd_colorscale_from_node (tmp);
            json_node_unref (tmp);
          }
        else
          t->colorscale = nd_colorscale_named ("Plasma");
      }
    if (reverse)
      nd_colorscale_reverse (t->colorscale);
    t->cmin = nd_json_path_number (marker, "cmin", lo);
    t->cmax = nd_json_path_number (marker, "cmax", hi);
    if (json_object_has_member (marker, "cmid") && !json_object_has_member (marker, "cmin"))
      {
        double mid = nd_json_path_number (marker, "cmid", (lo + hi) / 2);
        double half = MAX (fabs (hi - mid), fabs (mid - lo));
        t->cmin = mid - half;
        t->cmax = mid + half;
      }
    if (t->cmax == t->cmin)
      {
        t->cmin -= 0.5;
        t->cmax += 0.5;
      }
    for (guint i = 0; i < n; i++)
      if (!isnan (vals[i]))
        {
          NdRgba rgba;

          nd_colorscale_eval (t->colorscale, CLAMP ((vals[i] - t->cmin) / (t->cmax - t->cmin), 0, 1), &rgba);
          t->marker_colors[i] = nd_rgba_to_argb (&rgba);
        }
    t->showscale = nd_json_path_bool (marker, "showscale", FALSE);
    t->colorbar_title = g_strdup (nd_json_path_string (marker, "colorbar.title.text",
                                                       nd_json_path_string (marker, "colorbar.title", NULL)));
  }
}

static gboolean
has_part (const char *mode, const char *part)
{
  g_auto(GStrv) parts = g_strsplit (mode, "+", -1);

  for (guint i = 0; parts[i]; i++)
    if (strcmp (g_strstrip (parts[i]), part) == 0)
      return TRUE;
  return FALSE;
}

void
nd_trace_parse_scatter (NdChart *chart, NdTrace *t, JsonObject *obj)
{
  NdAxis *xa = &chart->xaxis, *ya = &chart->yaxis;
  JsonObject *marker = NULL, *line = NULL;
  JsonNode *v;
  guint nx = 0, ny = 0, n;
  double sizeref, sizemin;
  const char *sizemode;
  gboolean line_color_set = FALSE;

  t->x = nd_chart_get_l_array (chart, t->index, obj, "x", xa, &nx);
  t->y = nd_chart_get_l_array (chart, t->index, obj, "y", ya, &ny);
  if (t->x == NULL && t->y == NULL)
    {
      if (!json_object_has_member (obj, "x") && !json_object_has_member (obj, "y"))
        nd_chart_warn (chart, t->index, "y", "missing; nothing to draw");
      return;
    }
  if (t->x == NULL || t->y == NULL)
    {
      /* plotly: a missing coordinate counts from x0/y0 by dx/dy */
      gboolean miss_x = t->x == NULL;
      NdAxis *ax = miss_x ? xa : ya;
      guint len = miss_x ? ny : nx;
      double start = nd_axis_node_to_l (ax, json_object_get_member (obj, miss_x ? "x0" : "y0"), FALSE);
      double step = nd_json_path_number (obj, miss_x ? "dx" : "dy", 1);
      double *arr = g_new (double, MAX (len, 1));

      if (isnan (start))
        start = 0;
      for (guint i = 0; i < len; i++)
        arr[i] = ax->type == ND_CHART_AXIS_TYPE_LOG ? nd_axis_num_to_l (ax, pow (10, start) + i * step)
                                                    : start + i * step;
      if (miss_x)
        {
          t->x = arr;
          nx = len;
        }
      else
        {
          t->y = arr;
          ny = len;
        }
    }
  n = MIN (nx, ny);
  if (nx != ny)
    nd_chart_warn (chart, t->index, "x/y", "lengths differ (%u and %u); drawing %u points", nx, ny, n);
  t->n = n;

  v = json_object_get_member (obj, "mode");
  if (v && nd_json_is_string (v))
    {
      const char *mode = json_node_get_string (v);

      t->lines = has_part (mode, "lines");
      t->markers = has_part (mode, "markers");
      t->text_mode = has_part (mode, "text");
    }
  else
    {
      t->lines = TRUE;
      t->markers = n < 20;
    }

  v = json_object_get_member (obj, "marker");
  if (v && JSON_NODE_HOLDS_OBJECT (v))
    marker = json_node_get_object (v);
  v = json_object_get_member (obj, "line");
  if (v && JSON_NODE_HOLDS_OBJECT (v))
    line = json_node_get_object (v);

  /* line */
  /* plotly: the line takes a single marker colour unless it has its own */
  t->line_color = t->color;
  if (marker)
    nd_rgba_from_node (&t->line_color, json_object_get_member (marker, "color"));
  if (line && nd_rgba_from_node (&t->line_color, json_object_get_member (line, "color")))
    line_color_set = TRUE;
  t->line_width = line ? MAX (0, nd_json_path_number (line, "width", 2)) : 2;
  nd_dash_from_name (line ? nd_json_path_string (line, "dash", "solid") : "solid", t->line_width,
                     &t->dash, &t->n_dash);
  {
    const char *shape = line ? nd_json_path_string (line, "shape", "linear") : "linear";

    t->shape = strcmp (shape, "spline") == 0 ? ND_LINE_SPLINE
               : strcmp (shape, "hv") == 0 ? ND_LINE_HV
               : strcmp (shape, "vh") == 0 ? ND_LINE_VH
               : strcmp (shape, "hvh") == 0 ? ND_LINE_HVH
               : strcmp (shape, "vhv") == 0 ? ND_LINE_VHV : ND_LINE_LINEAR;
    t->smoothing = line ? CLAMP (nd_json_path_number (line, "smoothing", 1), 0, 1.3) : 1;
  }
  t->connectgaps = nd_json_path_bool (obj, "connectgaps", FALSE);

  /* marker */
  t->marker_color = line_color_set ? t->line_color : t->color;
  nd_trace_parse_marker_colors (chart, t, marker, n);
  if (!line_color_set && t->marker_colors == NULL)
    t->line_color = t->marker_color;
  v = marker ? json_object_get_member (marker, "symbol") : NULL;
  if (v && JSON_NODE_HOLDS_ARRAY (v))
    {
      JsonArray *arr = json_node_get_array (v);

      t->symbols = g_new0 (guint8, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        t->symbols[i] = parse_symbol (i < json_array_get_length (arr) ? json_array_get_element (arr, i) : NULL);
    }
  else
    t->symbol = parse_symbol (v);

  sizeref = marker ? nd_json_path_number (marker, "sizeref", 1) : 1;
  if (!(sizeref > 0))
    sizeref = 1;
  sizemin = marker ? MAX (0, nd_json_path_number (marker, "sizemin", 0)) : 0;
  sizemode = marker ? nd_json_path_string (marker, "sizemode", "diameter") : "diameter";
  v = marker ? json_object_get_member (marker, "size") : NULL;
  t->marker_r = 3;
  if (v && JSON_NODE_HOLDS_ARRAY (v))
    {
      guint ns;
      g_autofree double *sizes = nd_chart_get_doubles (chart, t->index, obj, "marker.size", &ns);

      t->bubble = TRUE;
      t->marker_rs = g_new (float, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        {
          double s = i < ns ? sizes[i] : NAN;
          /* plotly's makeBubbleSizeFn: radius from half the size */
          double r = strcmp (sizemode, "area") == 0 ? sqrt (s / 2 / sizeref) : s / 2 / sizeref;

          t->marker_rs[i] = (isfinite (r) && r > 0) ? (float) MAX (r, sizemin) : 0.0f;
        }
    }
  else if (v && nd_json_is_number (v) && nd_json_get_number (v) >= 0)
    t->marker_r = nd_json_get_number (v) / 2;
  else if (v)
    nd_chart_warn (chart, t->index, "marker.size", "not a number or an array; using 6");

  v = marker ? json_object_get_member (marker, "opacity") : NULL;
  t->marker_opacity = t->bubble ? 0.7 : 1;
  if (v && nd_json_is_number (v))
    t->marker_opacity = CLAMP (nd_json_get_number (v), 0, 1);
  else if (v && JSON_NODE_HOLDS_ARRAY (v))
    {
      guint no;
      g_autofree double *ops = nd_chart_get_doubles (chart, t->index, obj, "marker.opacity", &no);

      t->marker_opacities = g_new (float, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        t->marker_opacities[i] = i < no && isfinite (ops[i]) ? (float) CLAMP (ops[i], 0, 1) : 1.0f;
    }

  t->mline_width = t->bubble ? 1 : 0;
  t->mline_color = t->bubble ? (NdRgba) { 1, 1, 1, 1 } : (NdRgba) { 0x44 / 255.0, 0x44 / 255.0, 0x44 / 255.0, 1 };
  if (marker)
    {
      JsonNode *lc = nd_json_path (marker, "line.color");

      t->mline_width = MAX (0, nd_json_path_number (marker, "line.width", t->mline_width));
      if (lc && JSON_NODE_HOLDS_ARRAY (lc))
        {
          JsonArray *arr = json_node_get_array (lc);

          t->mline_colors = g_new (guint32, MAX (n, 1));
          for (guint i = 0; i < n; i++)
            {
              NdRgba c = t->mline_color;

              if (i < json_array_get_length (arr))
                nd_rgba_from_node (&c, json_array_get_element (arr, i));
              t->mline_colors[i] = nd_rgba_to_argb (&c);
            }
        }
      else
        nd_rgba_from_node (&t->mline_color, lc);
    }

  /* text */
  t->texts = nd_chart_get_texts (obj, "text", n);
  parse_textposition (t, obj);
  nd_trace_parse_textfont (chart, t, obj);

  /* for the line fast paths */
  t->x_monotonic = TRUE;
  for (guint i = 0; i < n; i++)
    {
      if (isnan (t->x[i]) || isnan (t->y[i]))
        t->has_gaps = TRUE;
      else if (i > 0 && !isnan (t->x[i - 1]) && t->x[i] < t->x[i - 1])
        t->x_monotonic = FALSE;
    }
}

/* plotly's calcMarkerSize: padding is the marker size / 1.6, at least 3 px */
void
nd_scatter_extremes (NdChart *chart, NdTrace *t)
{
  g_autofree float *pads = NULL;
  double pad = 0;
  gboolean padded_x = t->markers || t->text_mode;

  if (t->markers)
    {
      if (t->marker_rs)
        {
          pads = g_new (float, MAX (t->n, 1));
          for (guint i = 0; i < t->n; i++)
            pads[i] = (float) MAX (2 * t->marker_rs[i] / 1.6, 3);
        }
      else
        pad = MAX (2 * t->marker_r / 1.6, 3);
    }
  nd_axis_add_extremes (&chart->xaxis, t->x, t->n, padded_x ? pad : 0, padded_x ? pads : NULL,
                        padded_x, FALSE);
  nd_axis_add_extremes (&chart->yaxis, t->y, t->n, pad, pads, TRUE, FALSE);
}
