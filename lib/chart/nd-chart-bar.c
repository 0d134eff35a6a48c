/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Bar and histogram traces.  Histograms are binned as plotly does (auto
 * bins from the data's spread, nice sizes from the tick code, shifted off
 * integer edges), then every bar-like trace is placed by barmode (group,
 * overlay, stack, relative) on slots as wide as the smallest distance
 * between positions.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nd-chart-private.h"

#define TEXTPAD 3

static gboolean
is_barlike (NdTrace *t)
{
  return t->kind == ND_TRACE_BAR || t->kind == ND_TRACE_HISTOGRAM;
}

/* A number or per-point array attribute in @ax space (width and offset are
 * plain numbers). */
static double *
number_or_array (NdChart *chart, NdTrace *t, JsonObject *obj, const char *key, NdAxis *ax,
                 double *single, gboolean *has)
{
  JsonNode *n = json_object_get_member (obj, key);
  double *arr = NULL;

  *has = FALSE;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (n))
    {
      guint len;
      double *vals = ax ? nd_chart_get_l_array (chart, t->index, obj, key, ax, &len)
                        : nd_chart_get_doubles (chart, t->index, obj, key, &len);

      arr = g_new (double, MAX (t->n, 1));
      for (guint i = 0; i < t->n; i++)
        arr[i] = i < len ? vals[i] : NAN;
      g_free (vals);
      *has = TRUE;
      return arr;
    }
  {
    double v = ax ? nd_axis_node_to_l (ax, n, FALSE) : (nd_json_is_number (n) ? nd_json_get_number (n) : NAN);

    if (isfinite (v))
      {
        *single = v;
        *has = TRUE;
      }
    else
      nd_chart_warn (chart, t->index, key, "not a number or an array; ignored");
  }
  return NULL;
}

static void
parse_bar_style (NdChart *chart, NdTrace *t, JsonObject *obj, gboolean histogram)
{
  JsonNode *mn = json_object_get_member (obj, "marker");
  JsonObject *marker = mn && JSON_NODE_HOLDS_OBJECT (mn) ? json_node_get_object (mn) : NULL;
  const char *tp;

  t->marker_color = t->color;
  t->marker_opacity = 1;
  /* the "plotly" template outlines bars, not histograms */
  t->mline_width = histogram ? 0 : 0.5;
  nd_rgba_parse (&t->mline_color, "#E5ECF6");
  if (marker)
    {
      JsonNode *lc = nd_json_path (marker, "line.color");

      nd_trace_parse_marker_colors (chart, t, marker, t->n);
      t->marker_opacity = CLAMP (nd_json_path_number (marker, "opacity", 1), 0, 1);
      t->mline_width = MAX (0, nd_json_path_number (marker, "line.width", t->mline_width));
      if (lc && JSON_NODE_HOLDS_ARRAY (lc))
        {
          JsonArray *arr = json_node_get_array (lc);

          t->mline_colors = g_new (guint32, MAX (t->n, 1));
          for (guint i = 0; i < t->n; i++)
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
  tp = nd_json_path_string (obj, "textposition", "auto");
  t->bar_textpos = strcmp (tp, "inside") == 0 ? ND_BARTEXT_INSIDE
                   : strcmp (tp, "outside") == 0 ? ND_BARTEXT_OUTSIDE
                   : strcmp (tp, "none") == 0 ? ND_BARTEXT_NONE : ND_BARTEXT_AUTO;
  nd_trace_parse_textfont (chart, t, obj);
}

void
nd_trace_parse_bar (NdChart *chart, NdTrace *t, JsonObject *obj)
{
  NdAxis *pa, *sa;
  guint np = 0, ns = 0;
  double *pos, *size;
  gboolean dummy;

  t->horizontal = g_strcmp0 (nd_json_path_string (obj, "orientation", "v"), "h") == 0;
  pa = t->horizontal ? &chart->yaxis : &chart->xaxis;
  sa = t->horizontal ? &chart->xaxis : &chart->yaxis;
  pos = nd_chart_get_l_array (chart, t->index, obj, t->horizontal ? "y" : "x", pa, &np);
  size = nd_chart_get_l_array (chart, t->index, obj, t->horizontal ? "x" : "y", sa, &ns);
  if (size == NULL)
    {
      g_free (pos);
      nd_chart_warn (chart, t->index, t->horizontal ? "x" : "y", "missing; nothing to draw");
      return;
    }
  if (pos == NULL)
    {
      double start = nd_axis_node_to_l (pa, json_object_get_member (obj, t->horizontal ? "y0" : "x0"), FALSE);
      double step = nd_json_path_number (obj, t->horizontal ? "dy" : "dx", 1);

      if (isnan (start))
        start = 0;
      np = ns;
      pos = g_new (double, MAX (np, 1));
      for (guint i = 0; i < np; i++)
        pos[i] = start + i * step;
    }
  t->n = MIN (np, ns);
  if (np != ns)
    nd_chart_warn (chart, t->index, "x/y", "lengths differ (%u and %u); drawing %u bars", np, ns, t->n);
  t->x = t->horizontal ? size : pos;
  t->y = t->horizontal ? pos : size;
  t->base = number_or_array (chart, t, obj, "base", sa, &t->offset1, &dummy);
  if (dummy && t->base == NULL)
    {
      double b = t->offset1;

      t->base = g_new (double, MAX (t->n, 1));
      for (guint i = 0; i < t->n; i++)
        t->base[i] = b;
    }
  t->widths = number_or_array (chart, t, obj, "width", NULL, &t->width1, &t->has_width);
  t->offsets = number_or_array (chart, t, obj, "offset", NULL, &t->offset1, &t->has_offset);
  /* date axes measure widths in ms; log and category axes in their l units */
  parse_bar_style (chart, t, obj, FALSE);
  t->texts = nd_chart_get_texts (obj, "text", t->n);
}

void
nd_trace_parse_histogram (NdChart *chart, NdTrace *t, JsonObject *obj)
{
  gboolean has_x = json_object_has_member (obj, "x"), has_y = json_object_has_member (obj, "y");
  const char *orient = nd_json_path_string (obj, "orientation", NULL);
  NdAxis *pa, *sa;
  guint n = 0, nw = 0;
  const char *letter;
  char key[32];

  t->horizontal = orient ? strcmp (orient, "h") == 0 : (has_y && !has_x);
  pa = t->horizontal ? &chart->yaxis : &chart->xaxis;
  sa = t->horizontal ? &chart->xaxis : &chart->yaxis;
  letter = t->horizontal ? "y" : "x";
  t->hist_in = nd_chart_get_l_array (chart, t->index, obj, letter, pa, &n);
  if (t->hist_in == NULL)
    {
      nd_chart_warn (chart, t->index, letter, "missing; nothing to draw");
      return;
    }
  t->hist_n = n;
  t->hist_w = nd_chart_get_doubles (chart, t->index, obj, t->horizontal ? "x" : "y", &nw);
  if (t->hist_w && nw != n)
    {
      double *w = g_new (double, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        w[i] = i < nw ? t->hist_w[i] : NAN;
      g_free (t->hist_w);
      t->hist_w = w;
    }
  t->histfunc = g_strdup (nd_json_path_string (obj, "histfunc", "count"));
  if (t->hist_w == NULL && strcmp (t->histfunc, "count") != 0)
    {
      g_free (t->histfunc);
      t->histfunc = g_strdup ("count");
    }
  t->histnorm = g_strdup (nd_json_path_string (obj, "histnorm", ""));
  g_snprintf (key, sizeof key, "nbins%s", letter);
  t->nbins = MAX (0, (int) nd_json_path_number (obj, key, 0));
  g_snprintf (key, sizeof key, "%sbins", letter);
  {
    JsonNode *bn = json_object_get_member (obj, key);

    if (bn && JSON_NODE_HOLDS_OBJECT (bn))
      {
        JsonObject *b = json_node_get_object (bn);
        JsonNode *v;

        if ((v = json_object_get_member (b, "start")))
          t->bins_start = nd_axis_node_to_l (pa, v, FALSE);
        t->has_bins_start = v && isfinite (t->bins_start);
        if ((v = json_object_get_member (b, "end")))
          t->bins_end = nd_axis_node_to_l (pa, v, FALSE);
        t->has_bins_end = v && isfinite (t->bins_end);
        v = json_object_get_member (b, "size");
        if (v && nd_json_is_number (v) && nd_json_get_number (v) > 0)
          {
            t->bins_size = nd_json_get_number (v);
            t->has_bins_size = TRUE;
          }
        else if (v && nd_json_is_string (v) && pa->type == ND_CHART_AXIS_TYPE_DATE &&
                 json_node_get_string (v)[0] == 'M')
          {
            double m;

            if (nd_parse_number (json_node_get_string (v) + 1, &m) && m >= 1)
              {
                t->bins_size = round (m);
                t->bins_months = TRUE;
                t->has_bins_size = TRUE;
              }
          }
        else if (v && nd_json_is_string (v))
          {
            double s;

            if (nd_parse_number (json_node_get_string (v), &s) && s > 0)
              {
                t->bins_size = s;
                t->has_bins_size = TRUE;
              }
          }
      }
  }
  t->cumulative = nd_json_path_bool (obj, "cumulative.enabled", FALSE);
  (void) sa;
  parse_bar_style (chart, t, obj, TRUE);
}

/* ---- binning ---- */

static double
stdev (const double *v, guint n, guint *count)
{
  double sum = 0, sum2 = 0;
  guint c = 0;

  for (guint i = 0; i < n; i++)
    if (isfinite (v[i]))
      {
        sum += v[i];
        c++;
      }
  *count = c;
  if (c == 0)
    return 0;
  for (guint i = 0; i < n; i++)
    if (isfinite (v[i]))
      sum2 += (v[i] - sum / c) * (v[i] - sum / c);
  return sqrt (sum2 / c);
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/**
 * nd_distinct_min_diff: (skip)
 *
 * plotly's distinctVals: the smallest gap between distinct values (1 for
 * a single value); @first gets the smallest value.  Sorts @vals.
 */
double
nd_distinct_min_diff (double *vals, guint n, double *first)
{
  double min_diff = INFINITY, span, err;
  guint k = 0;

  for (guint i = 0; i < n; i++)
    if (isfinite (vals[i]))
      vals[k++] = vals[i];
  if (k == 0)
    {
      *first = 0;
      return 1;
    }
  qsort (vals, k, sizeof (double), cmp_double);
  *first = vals[0];
  span = vals[k - 1] - vals[0];
  if (span == 0)
    return 1;
  err = span / (k - 1 ? k - 1 : 1) / 10000;
  for (guint i = 1; i < k; i++)
    if (vals[i] - vals[i - 1] > err)
      min_diff = MIN (min_diff, vals[i] - vals[i - 1]);
  return isfinite (min_diff) ? min_diff : 1;
}

typedef struct {
  double   start, end, size;
  gboolean months;
} Bins;

/* plotly's Axes.autoBin on a dummy axis of the data's type */
static void
auto_bins (NdAxis *pa, const double *data, guint n, int nbins, Bins *b)
{
  double lo = INFINITY, hi = -INFINITY, size0;
  NdAxis dummy;
  guint count;

  for (guint i = 0; i < n; i++)
    if (isfinite (data[i]))
      {
        lo = MIN (lo, data[i]);
        hi = MAX (hi, data[i]);
      }
  b->months = FALSE;
  if (!isfinite (lo))
    {
      b->start = 0;
      b->end = 1;
      b->size = 1;
      return;
    }
  if (pa->type == ND_CHART_AXIS_TYPE_CATEGORY)
    {
      b->start = lo - 0.5;
      b->end = hi + 0.5;
      b->size = 1;
      return;
    }
  if (nbins > 0)
    size0 = (hi - lo) / nbins;
  else
    {
      g_autofree double *copy = g_memdup2 (data, n * sizeof (double));
      double first;
      double min_diff = nd_distinct_min_diff (copy, n, &first);
      double msexp = pow (10, floor (log10 (min_diff)));
      static const double set[] = { 0.9, 1.9, 4.9, 9.9 };
      double v = min_diff / msexp, min_size;
      int k = 3;

      /* Lib.roundUp(..., reverse): the largest entry not above v */
      for (int i = 0; i < 4; i++)
        if (set[i] <= v)
          k = i;
      if (set[0] > v)
        k = 0;
      min_size = msexp * set[k];
      size0 = MAX (min_size, 2 * stdev (data, n, &count) / pow (count, 0.4));
      if (!isfinite (size0) || size0 <= 0)
        size0 = 1;
    }
  if (!(size0 > 0))
    size0 = 1;
  memset (&dummy, 0, sizeof dummy);
  dummy.letter = 'x';
  dummy.type = pa->type == ND_CHART_AXIS_TYPE_DATE ? ND_CHART_AXIS_TYPE_DATE : ND_CHART_AXIS_TYPE_LINEAR;
  dummy.range[0] = lo;
  dummy.range[1] = hi;
  nd_axis_auto_ticks (&dummy, size0);
  b->months = dummy.dtick_kind == ND_DTICK_MONTHS;
  b->size = dummy.dtick;
  {
    double start = nd_axis_tick_increment (&dummy, nd_axis_tick_first (&dummy), TRUE);

    if (!b->months)
      {
        /* autoShiftNumericBins: keep data off bin edges */
        guint edge = 0, mid = 0, ints = 0, valid = 0;
        double dt = b->size;

        for (guint i = 0; i < n; i++)
          {
            double v = data[i];

            if (!isfinite (v))
              continue;
            valid++;
            if (v == floor (v))
              ints++;
            if (fmod (1 + (v - start) * 100 / dt, 100) < 2)
              edge++;
            if (fmod (1 + (v + dt / 2 - start) * 100 / dt, 100) < 2)
              mid++;
          }
        if (ints == valid && dummy.type != ND_CHART_AXIS_TYPE_DATE)
          {
            if (dt < 1)
              start = lo - 0.5 * dt;
            else
              {
                start -= 0.5;
                if (start + dt < lo)
                  start += dt;
              }
          }
        else if (mid < edge * 0.1)
          {
            if (edge > valid * 0.3 || fmod (1 + (lo - start) * 100 / dt, 100) < 2 ||
                fmod (1 + (hi - start) * 100 / dt, 100) < 2)
              {
                double shift = dt / 2;
                start += (start + shift < lo) ? shift : -shift;
              }
          }
        b->start = start;
        b->end = start + (1 + floor ((hi - start) / dt)) * dt;
      }
    else
      {
        double end = start;
        int guard = 0;

        b->start = start;
        while (end <= hi && guard++ < 100000)
          end = nd_date_add_months (end, (int) b->size);
        b->end = end;
      }
  }
}

static double
bin_next (const Bins *b, double edge)
{
  return b->months ? nd_date_add_months (edge, (int) b->size) : edge + b->size;
}

static void
bin_trace (NdChart *chart, NdTrace *t, const Bins *b)
{
  NdAxis *pa = t->horizontal ? &chart->yaxis : &chart->xaxis;
  NdAxis *sa = t->horizontal ? &chart->xaxis : &chart->yaxis;
  g_autofree double *edges = NULL;
  g_autofree double *val = NULL, *cnt = NULL;
  guint nb = 0, cap = 64;
  double total = 0;
  gboolean is_count = strcmp (t->histfunc, "count") == 0;
  gboolean is_sum = strcmp (t->histfunc, "sum") == 0;
  gboolean is_avg = strcmp (t->histfunc, "avg") == 0;
  gboolean is_min = strcmp (t->histfunc, "min") == 0;
  gboolean is_max = strcmp (t->histfunc, "max") == 0;

  edges = g_new (double, cap + 1);
  edges[0] = b->start;
  while (edges[nb] < b->end - fabs (b->size) * 1e-9 && nb < 100000)
    {
      if (nb + 1 >= cap)
        {
          cap *= 2;
          edges = g_renew (double, edges, cap + 1);
        }
      edges[nb + 1] = bin_next (b, edges[nb]);
      nb++;
    }
  if (nb == 0)
    return;
  val = g_new0 (double, nb);
  cnt = g_new0 (double, nb);
  if (is_min || is_max)
    for (guint i = 0; i < nb; i++)
      val[i] = NAN;
  {
    double inv = b->months ? 0 : 1 / b->size;

    for (guint i = 0; i < t->hist_n; i++)
      {
        double v = t->hist_in[i], w = t->hist_w ? t->hist_w[i] : 1;
        gint64 k;

        if (!isfinite (v) || v < edges[0] || v > edges[nb])
          continue;
        if (!b->months)
          k = (gint64) floor ((v - b->start) * inv);
        else
          {
            guint lo = 0, hi = nb;

            while (lo + 1 < hi)
              {
                guint mid = (lo + hi) / 2;
                if (edges[mid] <= v)
                  lo = mid;
                else
                  hi = mid;
              }
            k = lo;
          }
        if (k >= (gint64) nb)
          k = nb - 1;   /* the last edge belongs to the last bin */
        if (k < 0)
          continue;
        if (!is_count && !isfinite (w))
          continue;
        cnt[k] += 1;
        if (is_count)
          val[k] += 1;
        else if (is_sum || is_avg)
          val[k] += w;
        else if (is_min)
          val[k] = isnan (val[k]) ? w : MIN (val[k], w);
        else if (is_max)
          val[k] = isnan (val[k]) ? w : MAX (val[k], w);
      }
  }
  for (guint i = 0; i < nb; i++)
    {
      if (is_avg)
        val[i] = cnt[i] ? val[i] / cnt[i] : NAN;
      if ((is_min || is_max) && isnan (val[i]))
        val[i] = NAN;
      if (isfinite (val[i]))
        total += val[i];
    }
  if (t->histnorm && *t->histnorm && total != 0)
    for (guint i = 0; i < nb; i++)
      {
        double w = edges[i + 1] - edges[i];

        if (strcmp (t->histnorm, "percent") == 0)
          val[i] = 100 * val[i] / total;
        else if (strcmp (t->histnorm, "probability") == 0)
          val[i] = val[i] / total;
        else if (strcmp (t->histnorm, "density") == 0)
          val[i] = val[i] / w;
        else if (strcmp (t->histnorm, "probability density") == 0)
          val[i] = val[i] / total / w;
      }
  if (t->cumulative)
    for (guint i = 1; i < nb; i++)
      val[i] = (isfinite (val[i]) ? val[i] : 0) + (isfinite (val[i - 1]) ? val[i - 1] : 0);

  g_free (t->x);
  g_free (t->y);
  g_free (t->widths);
  {
    /* plotly drops empty bins at both ends, so autorange omits them */
    guint first = 0, last = nb;
    double *pos, *size;

    while (first < nb && !(isfinite (val[first]) && val[first] != 0))
      first++;
    while (last > first && !(isfinite (val[last - 1]) && val[last - 1] != 0))
      last--;
    if (first == last)
      {
        first = 0;
        last = nb;
      }
    t->n = last - first;
    pos = g_new (double, t->n);
    size = g_new (double, t->n);
    t->widths = g_new (double, t->n);
    for (guint i = first; i < last; i++)
      {
        pos[i - first] = (edges[i] + edges[i + 1]) / 2;
        t->widths[i - first] = edges[i + 1] - edges[i];
        size[i - first] = nd_axis_num_to_l (sa, val[i]);
      }
    t->x = t->horizontal ? size : pos;
    t->y = t->horizontal ? pos : size;
  }
  /* bins are the slots; width stays the layout's to shrink by bargap */
  t->has_width = FALSE;
  (void) pa;
  (void) chart;
}

static void
bin_histograms (NdChart *chart)
{
  gboolean overlay = g_strcmp0 (chart->barmode, "overlay") == 0;

  for (int orient = 0; orient < 2; orient++)
    {
      GPtrArray *group = g_ptr_array_new ();
      NdAxis *pa = orient ? &chart->yaxis : &chart->xaxis;

      for (guint i = 0; i < chart->traces->len; i++)
        {
          NdTrace *t = g_ptr_array_index (chart->traces, i);

          if (t->kind == ND_TRACE_HISTOGRAM && t->visible && t->hist_in && t->horizontal == orient)
            g_ptr_array_add (group, t);
        }
      if (group->len == 0)
        {
          g_ptr_array_unref (group);
          continue;
        }
      if (!overlay && group->len > 1)
        {
          /* stacked and grouped histograms share bins, from all their data */
          GArray *all = g_array_new (FALSE, FALSE, sizeof (double));
          NdTrace *first = g_ptr_array_index (group, 0);
          int nbins = 0;
          Bins b;

          for (guint i = 0; i < group->len; i++)
            {
              NdTrace *t = g_ptr_array_index (group, i);

              g_array_append_vals (all, t->hist_in, t->hist_n);
              nbins = MAX (nbins, t->nbins);
            }
          auto_bins (pa, (double *) all->data, all->len, nbins, &b);
          if (first->has_bins_size)
            {
              b.size = first->bins_size;
              b.months = first->bins_months;
            }
          if (first->has_bins_start)
            b.start = first->bins_start;
          if (first->has_bins_end)
            b.end = first->bins_end;
          for (guint i = 0; i < group->len; i++)
            bin_trace (chart, g_ptr_array_index (group, i), &b);
          g_array_unref (all);
        }
      else
        for (guint i = 0; i < group->len; i++)
          {
            NdTrace *t = g_ptr_array_index (group, i);
            Bins b;

            auto_bins (pa, t->hist_in, t->hist_n, t->nbins, &b);
            if (t->has_bins_size)
              {
                b.size = t->bins_size;
                b.months = t->bins_months;
                if (!t->has_bins_start)
                  {
                    /* re-anchor the given size as plotly does: on a
                     * multiple of it below the data */
                    double lo = INFINITY;

                    for (guint k = 0; k < t->hist_n; k++)
                      if (isfinite (t->hist_in[k]))
                        lo = MIN (lo, t->hist_in[k]);
                    if (isfinite (lo) && !b.months)
                      b.start = floor (lo / b.size) * b.size;
                  }
              }
            if (t->has_bins_start)
              b.start = t->bins_start;
            if (t->has_bins_end)
              b.end = t->bins_end;
            else if (t->has_bins_size || t->has_bins_start)
              {
                double hi = -INFINITY;

                for (guint k = 0; k < t->hist_n; k++)
                  if (isfinite (t->hist_in[k]))
                    hi = MAX (hi, t->hist_in[k]);
                if (isfinite (hi) && !b.months)
                  b.end = b.start + (1 + floor ((hi - b.start) / b.size)) * b.size;
              }
            if (!(b.size > 0) || !(b.end > b.start))
              {
                nd_chart_warn (chart, t->index, "xbins", "empty bin range; nothing to draw");
                continue;
              }
            bin_trace (chart, t, &b);
          }
      g_ptr_array_unref (group);
    }
}

/* ---- placing bars ---- */

typedef struct {
  double pos;
  double pos_sum, neg_sum;
} StackSlot;

static double *
stack_value (GHashTable *slots, double pos, double v, gboolean relative)
{
  StackSlot *s = g_hash_table_lookup (slots, &pos);
  static double out[2];

  if (s == NULL)
    {
      s = g_new0 (StackSlot, 1);
      s->pos = pos;
      g_hash_table_insert (slots, &s->pos, s);
    }
  if (relative && v < 0)
    {
      out[0] = s->neg_sum;
      s->neg_sum += v;
      out[1] = s->neg_sum;
    }
  else
    {
      out[0] = s->pos_sum;
      s->pos_sum += v;
      out[1] = s->pos_sum;
    }
  return out;
}

static void
place_group (NdChart *chart, GPtrArray *group, gboolean horizontal)
{
  NdAxis *pa = horizontal ? &chart->yaxis : &chart->xaxis;
  NdAxis *sa = horizontal ? &chart->xaxis : &chart->yaxis;
  gboolean all_hist = TRUE;
  const char *mode = chart->barmode;
  gboolean stack = strcmp (mode, "stack") == 0 || strcmp (mode, "relative") == 0;
  gboolean relative = strcmp (mode, "relative") == 0;
  gboolean grouped = strcmp (mode, "group") == 0 && group->len > 1;
  double bargap, min_diff, first;
  g_autoptr(GHashTable) slots = NULL;
  GArray *allpos = g_array_new (FALSE, FALSE, sizeof (double));
  guint ntr = group->len;

  for (guint i = 0; i < group->len; i++)
    {
      NdTrace *t = g_ptr_array_index (group, i);

      if (t->kind != ND_TRACE_HISTOGRAM)
        all_hist = FALSE;
      g_array_append_vals (allpos, horizontal ? t->y : t->x, t->n);
    }
  bargap = isnan (chart->bargap) ? (all_hist ? 0 : 0.2) : CLAMP (chart->bargap, 0, 1);
  min_diff = nd_distinct_min_diff ((double *) allpos->data, allpos->len, &first);
  /* histogram slots are their bins */
  if (all_hist)
    {
      NdTrace *t = g_ptr_array_index (group, 0);

      if (t->widths && t->n > 0 && !t->bins_months)
        min_diff = t->widths[0];
    }
  g_array_unref (allpos);
  if (!(min_diff > 0))
    min_diff = 1;
  nd_axis_min_dtick (pa, min_diff, first, !all_hist);
  sa->has_bars = TRUE;
  slots = g_hash_table_new_full (g_double_hash, g_double_equal, NULL, g_free);

  for (guint k = 0; k < group->len; k++)
    {
      NdTrace *t = g_ptr_array_index (group, k);
      double *pos = horizontal ? t->y : t->x, *size = horizontal ? t->x : t->y;
      double slot = min_diff * (1 - bargap);
      double with_gap = grouped ? slot / ntr : slot;
      double bw = grouped ? with_gap * (1 - chart->bargroupgap) : slot;
      double off = grouped ? ((2.0 * k + 1 - ntr) * with_gap - bw) / 2 : -bw / 2;
      gboolean tozero = FALSE;
      g_autofree double *ext = g_new (double, 2 * MAX (t->n, 1));
      g_autofree double *pext = g_new (double, 2 * MAX (t->n, 1));
      guint ne = 0, npe = 0;

      t->p0 = g_new (double, MAX (t->n, 1));
      t->p1 = g_new (double, MAX (t->n, 1));
      t->s0 = g_new (double, MAX (t->n, 1));
      t->s1 = g_new (double, MAX (t->n, 1));
      for (guint i = 0; i < t->n; i++)
        {
          double w = bw, o = off;
          double p = pos[i], v = size[i];

          if (t->kind == ND_TRACE_HISTOGRAM && t->widths && (t->bins_months || !all_hist))
            {
              /* month bins differ in length */
              w = t->widths[i] * (1 - bargap) / (grouped ? ntr : 1);
              o = grouped ? off * w / bw : -w / 2;
            }
          if (t->kind == ND_TRACE_BAR && t->has_width)
            {
              double nw = t->widths ? t->widths[i] : t->width1;

              if (isfinite (nw) && nw > 0)
                {
                  o = grouped ? o + (w - nw) / 2 : -nw / 2;
                  w = nw;
                }
            }
          if (t->kind == ND_TRACE_BAR && t->has_offset)
            {
              double no = t->offsets ? t->offsets[i] : t->offset1;

              if (isfinite (no))
                o = no;
            }
          t->p0[i] = p + o;
          t->p1[i] = p + o + w;
          /* plotly's updatePositionAxis: the slots, unpadded, plus the bars
           * themselves when width or offset moves them */
          if (isfinite (p))
            {
              gboolean moved = t->kind == ND_TRACE_BAR && (t->has_width || t->has_offset);

              pext[npe++] = moved ? MIN (t->p0[i], p - min_diff / 2) : p - min_diff / 2;
              pext[npe++] = moved ? MAX (t->p1[i], p + min_diff / 2) : p + min_diff / 2;
            }
          if (!isfinite (v) || !isfinite (p))
            {
              t->s0[i] = t->s1[i] = NAN;
              continue;
            }
          if (t->base && isfinite (t->base[i]))
            {
              double b = t->base[i];

              if (sa->type == ND_CHART_AXIS_TYPE_LOG)
                {
                  /* l-space base and value: the bar spans b .. b+v in data */
                  double bv = pow (10, b), vv = pow (10, v);
                  t->s0[i] = b;
                  t->s1[i] = nd_axis_num_to_l (sa, bv + vv);
                }
              else
                {
                  t->s0[i] = b;
                  t->s1[i] = b + v;
                }
              ext[ne++] = t->s0[i];
              ext[ne++] = t->s1[i];
              if (b == 0)
                tozero = TRUE;
            }
          else if (stack && sa->type != ND_CHART_AXIS_TYPE_LOG)
            {
              double *r = stack_value (slots, p, v, relative);

              t->s0[i] = r[0];
              t->s1[i] = r[1];
              ext[ne++] = r[1];
              tozero = TRUE;
            }
          else
            {
              t->s0[i] = sa->type == ND_CHART_AXIS_TYPE_LOG ? -INFINITY : 0;
              t->s1[i] = v;
              ext[ne++] = v;
              tozero = TRUE;
            }
        }
      if (t->visible)
        {
          nd_axis_add_extremes (pa, pext, npe, 0, NULL, FALSE, FALSE);
          nd_axis_add_extremes (sa, ext, ne, 0, NULL, TRUE, tozero);
        }
    }
}

/**
 * nd_bars_compute: (skip)
 *
 * Bins histograms, then places every visible bar-like trace and adds
 * their extremes to the axes.
 */
void
nd_bars_compute (NdChart *chart)
{
  bin_histograms (chart);
  for (int orient = 0; orient < 2; orient++)
    {
      GPtrArray *group = g_ptr_array_new ();

      for (guint i = 0; i < chart->traces->len; i++)
        {
          NdTrace *t = g_ptr_array_index (chart->traces, i);

          if (is_barlike (t) && t->visible && t->n > 0 && t->horizontal == orient)
            g_ptr_array_add (group, t);
        }
      if (group->len)
        place_group (chart, group, orient);
      g_ptr_array_unref (group);
    }
}

/* ---- drawing ---- */

/* Bar edges in pixels; wide bars get whole-pixel edges as in plotly. */
static gboolean
bar_rect (NdChart *chart, NdTrace *t, guint i, double *x0, double *y0, double *x1, double *y1)
{
  NdAxis *pa = t->horizontal ? &chart->yaxis : &chart->xaxis;
  NdAxis *sa = t->horizontal ? &chart->xaxis : &chart->yaxis;
  double a = nd_axis_l2p (pa, t->p0[i]), b = nd_axis_l2p (pa, t->p1[i]);
  double c, d;

  if (isnan (t->s0[i]) || isnan (t->s1[i]) || isnan (a) || isnan (b))
    return FALSE;
  /* a log axis has no zero: bars start past its edge */
  c = isfinite (t->s0[i]) ? nd_axis_l2p (sa, t->s0[i])
      : (t->horizontal ? chart->plot_x - 2 : chart->plot_y + chart->plot_h + 2);
  d = nd_axis_l2p (sa, t->s1[i]);
  if (fabs (b - a) >= 2)
    {
      a = round (a);
      b = round (b);
    }
  c = round (c);
  d = round (d);
  if (t->horizontal)
    {
      *x0 = MIN (c, d);
      *x1 = MAX (c, d);
      *y0 = MIN (a, b);
      *y1 = MAX (a, b);
    }
  else
    {
      *x0 = MIN (a, b);
      *x1 = MAX (a, b);
      *y0 = MIN (c, d);
      *y1 = MAX (c, d);
    }
  return TRUE;
}

void
nd_bar_draw (NdChart *chart, NdTrace *t, cairo_t *cr)
{
  double op = t->opacity * t->marker_opacity;

  if (t->p0 == NULL || op <= 0)
    return;
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  if (t->marker_colors == NULL && t->mline_width == 0)
    {
      /* one colour: one path, one fill */
      cairo_new_path (cr);
      for (guint i = 0; i < t->n; i++)
        {
          double x0, y0, x1, y1;

          if (bar_rect (chart, t, i, &x0, &y0, &x1, &y1) && x1 > x0 && y1 > y0)
            cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
        }
      nd_rgba_set_source (cr, &t->marker_color, op);
      cairo_fill (cr);
    }
  else
    for (guint i = 0; i < t->n; i++)
      {
        double x0, y0, x1, y1;
        NdRgba c = t->marker_colors ? nd_rgba_from_argb (t->marker_colors[i]) : t->marker_color;

        if (!bar_rect (chart, t, i, &x0, &y0, &x1, &y1) || (x1 <= x0 && y1 <= y0))
          continue;
        cairo_new_path (cr);
        cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
        nd_rgba_set_source (cr, &c, op);
        cairo_fill_preserve (cr);
        if (t->mline_width > 0)
          {
            NdRgba lc = t->mline_colors ? nd_rgba_from_argb (t->mline_colors[i]) : t->mline_color;

            nd_rgba_set_source (cr, &lc, op);
            cairo_set_line_width (cr, t->mline_width);
            cairo_stroke (cr);
          }
        cairo_new_path (cr);
      }
  cairo_restore (cr);
}

void
nd_bar_draw_text (NdChart *chart, NdTrace *t, cairo_t *cr)
{
  gboolean stacked = g_strcmp0 (chart->barmode, "stack") == 0 || g_strcmp0 (chart->barmode, "relative") == 0;

  if (t->texts == NULL || t->p0 == NULL || t->bar_textpos == ND_BARTEXT_NONE)
    return;
  for (guint i = 0; i < t->n; i++)
    {
      double x0, y0, x1, y1, tw, th, len, thick;
      gboolean inside, up;
      NdFont f = { 0 };
      NdRgba c;
      const char *text = t->texts[i];

      if (text == NULL || *text == '\0' || !bar_rect (chart, t, i, &x0, &y0, &x1, &y1))
        continue;
      nd_font_copy (&f, &t->textfont);
      nd_text_measure (cr, &f, text, &tw, &th);
      len = t->horizontal ? x1 - x0 : y1 - y0;
      thick = t->horizontal ? y1 - y0 : x1 - x0;
      inside = t->bar_textpos == ND_BARTEXT_INSIDE ||
               (t->bar_textpos == ND_BARTEXT_AUTO &&
                ((t->horizontal ? tw : th) + 2 * TEXTPAD <= len && (t->horizontal ? th : tw) <= thick));
      if (!inside && t->bar_textpos == ND_BARTEXT_AUTO && stacked)
        {
          nd_font_clear (&f);
          continue;
        }
      c = t->marker_colors ? nd_rgba_from_argb (t->marker_colors[i]) : t->marker_color;
      /* plotly's Color.contrast for text inside a bar */
      if (inside && !t->textfont_color_set)
        f.color = nd_rgba_is_light (&c) ? (NdRgba) { 0x44 / 255.0, 0x44 / 255.0, 0x44 / 255.0, 1 }
                                        : (NdRgba) { 1, 1, 1, 1 };
      if (t->horizontal)
        {
          double v = t->x[i];
          gboolean right = !(v < 0) == !(chart->xaxis.range[1] < chart->xaxis.range[0]);
          double yc = (y0 + y1) / 2;

          up = right;
          if (inside)
            nd_text_draw (cr, &f, text, up ? x1 - TEXTPAD : x0 + TEXTPAD, yc, up ? 1 : 0, 0.5, 0);
          else
            nd_text_draw (cr, &f, text, up ? x1 + TEXTPAD : x0 - TEXTPAD, yc, up ? 0 : 1, 0.5, 0);
        }
      else
        {
          double v = t->s1[i] - t->s0[i];
          double xc = (x0 + x1) / 2;

          up = !(v < 0) == !(chart->yaxis.range[1] < chart->yaxis.range[0]);
          if (inside)
            nd_text_draw (cr, &f, text, xc, up ? y0 + TEXTPAD : y1 - TEXTPAD, 0.5, up ? 0 : 1, 0);
          else
            nd_text_draw (cr, &f, text, xc, up ? y0 - TEXTPAD : y1 + TEXTPAD, 0.5, up ? 1 : 0, 0);
        }
      nd_font_clear (&f);
    }
}
