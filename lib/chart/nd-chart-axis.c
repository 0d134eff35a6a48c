/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Cartesian axes as plotly computes them: type detection from the first
 * trace's data, data conversion to a linear space, autorange with pixel
 * padding (5 % of the axis plus marker sizes; bars to zero), and plotly's
 * tick choice and tick label text for linear, log, date and category
 * axes.
 */
#include "config.h"

#include <string.h>

#include "nd-chart-private.h"

static const double round_base10[] = { 2, 5, 10 };
static const double round_base24[] = { 1, 2, 3, 6, 12 };
static const double round_base60[] = { 1, 2, 5, 10, 15, 30 };
static const double round_days[] = { 1, 2, 3, 7, 14 };
static const double round_log1[] = { -0.046, 0, 0.301, 0.477, 0.602, 0.699, 0.778, 0.845, 0.903, 0.954, 1 };
static const double round_log2[] = { -0.301, 0, 0.301, 0.699, 1 };

/* 2000-01-01, plotly's date tick0; the next day is a Sunday */
#define DATE_TICK0 946684800000.0
#define MAX_TICKS 1000

static void
tick_clear (gpointer p)
{
  g_free (((NdTick *) p)->text);
}

void
nd_axis_init (NdAxis *ax, char letter)
{
  memset (ax, 0, sizeof *ax);
  ax->letter = letter;
  ax->type = ND_CHART_AXIS_TYPE_LINEAR;
  ax->categories = g_ptr_array_new_with_free_func (g_free);
  ax->cat_index = g_hash_table_new (g_str_hash, g_str_equal);
  ax->autorange = TRUE;
  ax->rangemode = g_strdup ("normal");
  ax->showgrid = TRUE;
  ax->zeroline = TRUE;
  ax->showticklabels = TRUE;
  ax->visible = TRUE;
  ax->automargin = TRUE;
  /* the "plotly" template */
  ax->gridcolor = (NdRgba) { 1, 1, 1, 1 };
  ax->zerolinecolor = (NdRgba) { 1, 1, 1, 1 };
  ax->linecolor = (NdRgba) { 1, 1, 1, 1 };
  nd_rgba_parse (&ax->tickcolor, "#2a3f5f");
  ax->gridwidth = 1;
  ax->zerolinewidth = 2;
  ax->linewidth = 1;
  ax->ticklen = 5;
  ax->tickwidth = 1;
  ax->tick_mode = g_strdup ("");
  ax->exponentformat = g_strdup ("B");
  ax->tickangle_auto = TRUE;
  ax->title_standoff = 15;
  ax->ext_min = g_array_new (FALSE, FALSE, sizeof (NdExtreme));
  ax->ext_max = g_array_new (FALSE, FALSE, sizeof (NdExtreme));
  ax->ticks = g_array_new (FALSE, TRUE, sizeof (NdTick));
  g_array_set_clear_func (ax->ticks, tick_clear);
  ax->tickfont.size = 12;
  ax->titlefont.size = 14;
}

void
nd_axis_clear (NdAxis *ax)
{
  g_clear_pointer (&ax->categories, g_ptr_array_unref);
  g_clear_pointer (&ax->cat_index, g_hash_table_unref);
  g_clear_pointer (&ax->rangemode, g_free);
  g_clear_pointer (&ax->tick_mode, g_free);
  g_clear_pointer (&ax->tickformat, g_free);
  g_clear_pointer (&ax->tickprefix, g_free);
  g_clear_pointer (&ax->ticksuffix, g_free);
  g_clear_pointer (&ax->exponentformat, g_free);
  g_clear_pointer (&ax->title, g_free);
  nd_font_clear (&ax->tickfont);
  nd_font_clear (&ax->titlefont);
  g_clear_pointer (&ax->ext_min, g_array_unref);
  g_clear_pointer (&ax->ext_max, g_array_unref);
  g_clear_pointer (&ax->ticks, g_array_unref);
}

static void
set_str (char **dst, const char *v)
{
  g_free (*dst);
  *dst = g_strdup (v);
}

/* Reads `title` either as a string (old plotly) or as {text, font, standoff}. */
static void
parse_axis_title (NdAxis *ax, JsonNode *node)
{
  if (node == NULL)
    return;
  if (nd_json_is_string (node))
    {
      set_str (&ax->title, json_node_get_string (node));
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      JsonNode *v = json_object_get_member (o, "text");

      if (v && nd_json_is_string (v))
        set_str (&ax->title, json_node_get_string (v));
      nd_font_from_node (&ax->titlefont, json_object_get_member (o, "font"));
      v = json_object_get_member (o, "standoff");
      if (v && nd_json_is_number (v))
        ax->title_standoff = MAX (0, nd_json_get_number (v));
    }
}

/**
 * nd_axis_parse_layout: (skip)
 * @obj: (nullable): `layout.xaxis` or `layout.yaxis`
 * @font: the layout font, the default of the tick and title fonts
 */
void
nd_axis_parse_layout (NdAxis *ax, JsonObject *obj, const NdFont *font)
{
  JsonNode *v;

  nd_font_copy (&ax->tickfont, font);
  nd_font_copy (&ax->titlefont, font);
  ax->titlefont.size = round (font->size * 1.2);
  if (obj == NULL)
    return;

#define BOOL(key, field)                                                      \
  if ((v = json_object_get_member (obj, key)) && JSON_NODE_HOLDS_VALUE (v) && \
      json_node_get_value_type (v) == G_TYPE_BOOLEAN)                         \
    ax->field = json_node_get_boolean (v);
#define NUM(key, field, min)                                                  \
  if ((v = json_object_get_member (obj, key)) && nd_json_is_number (v) &&     \
      nd_json_get_number (v) >= (min))                                        \
    ax->field = nd_json_get_number (v);
#define STR(key, field)                                                       \
  if ((v = json_object_get_member (obj, key)) && nd_json_is_string (v))       \
    set_str (&ax->field, json_node_get_string (v));
#define COLOR(key, field) nd_rgba_from_node (&ax->field, json_object_get_member (obj, key));

  BOOL ("showgrid", showgrid);
  BOOL ("zeroline", zeroline);
  BOOL ("showline", showline);
  BOOL ("showticklabels", showticklabels);
  BOOL ("visible", visible);
  BOOL ("automargin", automargin);
  BOOL ("separatethousands", separatethousands);
  COLOR ("gridcolor", gridcolor);
  COLOR ("zerolinecolor", zerolinecolor);
  COLOR ("linecolor", linecolor);
  COLOR ("tickcolor", tickcolor);
  NUM ("gridwidth", gridwidth, 0);
  NUM ("zerolinewidth", zerolinewidth, 0);
  NUM ("linewidth", linewidth, 0);
  NUM ("ticklen", ticklen, 0);
  NUM ("tickwidth", tickwidth, 0);
  STR ("ticks", tick_mode);
  STR ("tickformat", tickformat);
  STR ("tickprefix", tickprefix);
  STR ("ticksuffix", ticksuffix);
  STR ("exponentformat", exponentformat);
  STR ("rangemode", rangemode);
  if ((v = json_object_get_member (obj, "mirror")) && nd_json_is_truthy (v))
    ax->mirror = TRUE;
  if ((v = json_object_get_member (obj, "nticks")) && nd_json_is_number (v))
    ax->nticks = MAX (0, (int) nd_json_get_number (v));
  if ((v = json_object_get_member (obj, "tickangle")) && nd_json_is_number (v))
    {
      ax->tickangle = nd_json_get_number (v);
      ax->tickangle_auto = FALSE;
    }
  if (ax->tickformat && *ax->tickformat == '\0')
    g_clear_pointer (&ax->tickformat, g_free);
  nd_font_from_node (&ax->tickfont, json_object_get_member (obj, "tickfont"));
  parse_axis_title (ax, json_object_get_member (obj, "title"));
  nd_font_from_node (&ax->titlefont, json_object_get_member (obj, "titlefont"));

  if ((v = json_object_get_member (obj, "type")) && nd_json_is_string (v))
    {
      const char *t = json_node_get_string (v);

      ax->type_fixed = TRUE;
      if (strcmp (t, "log") == 0)
        ax->type = ND_CHART_AXIS_TYPE_LOG;
      else if (strcmp (t, "date") == 0)
        ax->type = ND_CHART_AXIS_TYPE_DATE;
      else if (strcmp (t, "category") == 0 || strcmp (t, "multicategory") == 0)
        ax->type = ND_CHART_AXIS_TYPE_CATEGORY;
      else if (strcmp (t, "linear") == 0)
        ax->type = ND_CHART_AXIS_TYPE_LINEAR;
      else
        ax->type_fixed = FALSE;
    }
  if ((v = json_object_get_member (obj, "autorange")))
    {
      if (nd_json_is_string (v) && strcmp (json_node_get_string (v), "reversed") == 0)
        ax->reversed = TRUE;
      else if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_BOOLEAN)
        ax->autorange = json_node_get_boolean (v);
    }
  v = json_object_get_member (obj, "range");
  if (v && JSON_NODE_HOLDS_ARRAY (v) && json_array_get_length (json_node_get_array (v)) == 2)
    {
      ax->range_node = v;
      /* plotly: a given range turns autorange off unless it is set */
      if (!json_object_has_member (obj, "autorange"))
        ax->autorange = FALSE;
    }
  ax->tick0_node = json_object_get_member (obj, "tick0");
  ax->dtick_node = json_object_get_member (obj, "dtick");
  v = json_object_get_member (obj, "tickmode");
  if ((v == NULL || (nd_json_is_string (v) && strcmp (json_node_get_string (v), "array") == 0)))
    {
      JsonNode *tv = json_object_get_member (obj, "tickvals");

      if (tv && JSON_NODE_HOLDS_ARRAY (tv))
        {
          ax->tickvals_node = tv;
          ax->ticktext_node = json_object_get_member (obj, "ticktext");
        }
    }
  if (v && nd_json_is_string (v) && strcmp (json_node_get_string (v), "auto") == 0)
    ax->dtick_node = NULL;
#undef BOOL
#undef NUM
#undef STR
#undef COLOR
}

/* ---- type detection (plotly's autoType) ---- */

static double
increment_for (guint len)
{
  return MAX (1, (len - 1) / 1000.0);
}

static gboolean
node_is_date (JsonNode *n)
{
  double ms;

  if (nd_json_is_string (n))
    return nd_date_parse (json_node_get_string (n), &ms);
  if (nd_json_is_number (n))
    {
      /* plotly stringifies numbers: a 4-digit integer reads as a year */
      double v = nd_json_get_number (n);
      return v == floor (v) && v >= 1000 && v <= 9999;
    }
  return FALSE;
}

static gboolean
node_is_numeric (JsonNode *n)
{
  double v;

  if (nd_json_is_number (n))
    return isfinite (nd_json_get_number (n));
  if (nd_json_is_string (n))
    return nd_parse_number (json_node_get_string (n), &v);
  return FALSE;
}

static char *
node_key (JsonNode *n)
{
  if (nd_json_is_string (n))
    return g_strconcat ("s", json_node_get_string (n), NULL);
  if (nd_json_is_number (n))
    {
      g_autofree char *t = nd_format_shortest (nd_json_get_number (n));
      return g_strconcat ("n", t, NULL);
    }
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (n) ? "btrue" : "bfalse");
  return NULL;
}

/**
 * nd_axis_autotype: (skip)
 *
 * Decides the type from @data unless the layout fixed it.
 * Returns: whether the data was enough to decide (plotly then stops at
 * this trace).
 */
gboolean
nd_axis_autotype (NdAxis *ax, JsonArray *data)
{
  guint len = json_array_get_length (data);
  double inc = increment_for (len);
  int dates = 0, nums = 0, cats = 0, dnums = 0;
  g_autoptr(GHashTable) seen = NULL;

  if (ax->type_fixed)
    return TRUE;
  if (len == 0)
    return FALSE;
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (double f = 0; f < len; f += inc)
    {
      JsonNode *n = json_array_get_element (data, (guint) round (f));
      char *key = node_key (n);

      if (key == NULL || !g_hash_table_add (seen, key))
        continue;
      if (node_is_date (n))
        dates++;
      if (node_is_numeric (n))
        {
          dnums++;
          nums++;
        }
      else if (nd_json_is_string (n) || JSON_NODE_HOLDS_VALUE (n))
        cats++;
    }
  ax->type_fixed = TRUE;
  if (dates > dnums * 2)
    ax->type = ND_CHART_AXIS_TYPE_DATE;
  else if (cats > nums * 2)
    ax->type = ND_CHART_AXIS_TYPE_CATEGORY;
  else
    ax->type = ND_CHART_AXIS_TYPE_LINEAR;
  return TRUE;
}

/* ---- conversion ---- */

guint
nd_axis_add_category (NdAxis *ax, const char *name)
{
  gpointer idx;

  if (g_hash_table_lookup_extended (ax->cat_index, name, NULL, &idx))
    return GPOINTER_TO_UINT (idx);
  {
    char *copy = g_strdup (name);
    guint i = ax->categories->len;

    g_ptr_array_add (ax->categories, copy);
    g_hash_table_insert (ax->cat_index, copy, GUINT_TO_POINTER (i));
    return i;
  }
}

double
nd_axis_num_to_l (NdAxis *ax, double v)
{
  if (ax->type == ND_CHART_AXIS_TYPE_LOG)
    return v > 0 ? log10 (v) : NAN;
  return v;
}

double
nd_axis_l_to_num (NdAxis *ax, double l)
{
  if (ax->type == ND_CHART_AXIS_TYPE_LOG)
    return pow (10, l);
  return l;
}

/**
 * nd_axis_node_to_l: (skip)
 *
 * One data value in the axis' linear space; %NAN when it has no place on
 * the axis (plotly skips such points).
 */
double
nd_axis_node_to_l (NdAxis *ax, JsonNode *node, gboolean add_category)
{
  double v;

  if (node == NULL)
    return NAN;
  switch (ax->type)
    {
    case ND_CHART_AXIS_TYPE_CATEGORY:
      {
        g_autofree char *name = NULL;
        gpointer idx;

        if (nd_json_is_string (node))
          name = g_strdup (json_node_get_string (node));
        else if (nd_json_is_number (node))
          name = nd_format_shortest (nd_json_get_number (node));
        else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
          name = g_strdup (json_node_get_boolean (node) ? "true" : "false");
        else
          return NAN;
        if (g_hash_table_lookup_extended (ax->cat_index, name, NULL, &idx))
          return GPOINTER_TO_UINT (idx);
        if (!add_category)
          {
            /* a number on a category axis also means an index */
            if (nd_json_is_number (node))
              return nd_json_get_number (node);
            return NAN;
          }
        return nd_axis_add_category (ax, name);
      }
    case ND_CHART_AXIS_TYPE_DATE:
      if (nd_json_is_number (node))
        return nd_json_get_number (node);
      if (nd_json_is_string (node) && nd_date_parse (json_node_get_string (node), &v))
        return v;
      return NAN;
    case ND_CHART_AXIS_TYPE_LOG:
    case ND_CHART_AXIS_TYPE_LINEAR:
    default:
      if (nd_json_is_number (node))
        v = nd_json_get_number (node);
      else if (!nd_json_is_string (node) || !nd_parse_number (json_node_get_string (node), &v))
        return NAN;
      if (!isfinite (v))
        return NAN;
      return nd_axis_num_to_l (ax, v);
    }
}

static gboolean
parse_dtick (NdAxis *ax, JsonNode *n, NdDtickKind *kind, double *dtick)
{
  if (n == NULL)
    return FALSE;
  if (nd_json_is_number (n))
    {
      double v = nd_json_get_number (n);

      if (!(v > 0) || !isfinite (v))
        return FALSE;
      *kind = ND_DTICK_NUM;
      *dtick = v;
      if (ax->type == ND_CHART_AXIS_TYPE_LOG)
        *dtick = MAX (1, round (v));
      if (ax->type == ND_CHART_AXIS_TYPE_CATEGORY)
        *dtick = MAX (1, round (v));
      return TRUE;
    }
  if (nd_json_is_string (n))
    {
      const char *s = json_node_get_string (n);
      double v;

      if (ax->type == ND_CHART_AXIS_TYPE_DATE && s[0] == 'M' && nd_parse_number (s + 1, &v) && v >= 1)
        {
          *kind = ND_DTICK_MONTHS;
          *dtick = round (v);
          return TRUE;
        }
      if (ax->type == ND_CHART_AXIS_TYPE_LOG)
        {
          if (strcmp (s, "D1") == 0 || strcmp (s, "D2") == 0)
            {
              *kind = s[1] == '1' ? ND_DTICK_LOG_D1 : ND_DTICK_LOG_D2;
              *dtick = 0;
              return TRUE;
            }
          if (s[0] == 'L' && nd_parse_number (s + 1, &v) && v > 0)
            {
              *kind = ND_DTICK_LOG_L;
              *dtick = v;
              return TRUE;
            }
        }
      if (nd_parse_number (s, &v) && v > 0)
        {
          *kind = ND_DTICK_NUM;
          *dtick = v;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * nd_axis_resolve_layout: (skip)
 *
 * Reads the layout values whose meaning depends on the axis type (range,
 * tick0, dtick), once the type is known.
 */
void
nd_axis_resolve_layout (NdAxis *ax)
{
  if (ax->range_node)
    {
      JsonArray *r = json_node_get_array (ax->range_node);
      double a, b;

      /* plotly: log ranges are given in exponents already */
      if (ax->type == ND_CHART_AXIS_TYPE_LOG)
        {
          JsonNode *na = json_array_get_element (r, 0), *nb = json_array_get_element (r, 1);
          a = nd_json_is_number (na) ? nd_json_get_number (na) : NAN;
          b = nd_json_is_number (nb) ? nd_json_get_number (nb) : NAN;
        }
      else
        {
          a = nd_axis_node_to_l (ax, json_array_get_element (r, 0), FALSE);
          b = nd_axis_node_to_l (ax, json_array_get_element (r, 1), FALSE);
        }
      if (isfinite (a) && isfinite (b) && a != b)
        {
          ax->layout_range[0] = a;
          ax->layout_range[1] = b;
        }
      else
        {
          ax->range_node = NULL;
          ax->autorange = TRUE;
        }
    }
  else
    ax->autorange = TRUE;
  ax->has_dtick = parse_dtick (ax, ax->dtick_node, &ax->layout_dtick_kind, &ax->layout_dtick);
  ax->has_tick0 = FALSE;
  if (ax->tick0_node)
    {
      double t;

      if (ax->type == ND_CHART_AXIS_TYPE_LOG && nd_json_is_number (ax->tick0_node))
        t = nd_json_get_number (ax->tick0_node);
      else
        t = nd_axis_node_to_l (ax, ax->tick0_node, FALSE);
      if (isfinite (t))
        {
          ax->has_tick0 = TRUE;
          ax->layout_tick0 = t;
        }
    }
}

/* ---- autorange (plotly's findExtremes / getAutoRange) ---- */

static void
collapse (GArray *arr, double val, double pad, gboolean extrapad, gboolean tozero, gboolean is_min)
{
  gboolean include = TRUE;

  for (guint j = 0; j < arr->len; j++)
    {
      NdExtreme *e = &g_array_index (arr, NdExtreme, j);
      gboolean e_as_extreme = is_min ? e->val <= val : e->val >= val;
      gboolean new_as_extreme = is_min ? val <= e->val : val >= e->val;

      if (e_as_extreme && e->pad >= pad && (e->extrapad || !extrapad))
        {
          include = FALSE;
          break;
        }
      else if (new_as_extreme && e->pad <= pad && (extrapad || !e->extrapad))
        {
          g_array_remove_index (arr, j);
          j--;
        }
    }
  if (include)
    {
      gboolean clip_zero = tozero && val == 0;
      NdExtreme e = { val, clip_zero ? 0 : pad, clip_zero ? FALSE : extrapad };

      g_array_append_val (arr, e);
    }
}

/**
 * nd_axis_add_extremes: (skip)
 * @pads: (nullable): per-value pixel paddings, else @pad for all
 *
 * Adds the candidates for the axis ends from one trace's values.
 */
void
nd_axis_add_extremes (NdAxis *ax, const double *vals, guint n, double pad, const float *pads,
                      gboolean padded, gboolean tozero)
{
  tozero = tozero && ax->type == ND_CHART_AXIS_TYPE_LINEAR;
  if (pads == NULL)
    {
      /* one padding: only the extreme values matter */
      double lo = INFINITY, hi = -INFINITY;

      for (guint i = 0; i < n; i++)
        {
          double v = vals[i];

          if (v < lo)
            lo = v;
          if (v > hi)
            hi = v;
        }
      if (!isfinite (lo))
        return;
      if (tozero)
        {
          lo = MIN (lo, 0);
          hi = MAX (hi, 0);
        }
      collapse (ax->ext_min, lo, pad, padded, tozero, TRUE);
      collapse (ax->ext_max, hi, pad, padded, tozero, FALSE);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      double v = vals[i];

      if (!isfinite (v))
        continue;
      collapse (ax->ext_min, tozero ? MIN (v, 0) : v, pads[i], padded, tozero, TRUE);
      collapse (ax->ext_max, tozero ? MAX (v, 0) : v, pads[i], padded, tozero, FALSE);
    }
}

/* plotly's Axes.minDtick: bars ask for ticks no denser than their spacing. */
void
nd_axis_min_dtick (NdAxis *ax, double diff, double first, gboolean allow)
{
  if (ax->type == ND_CHART_AXIS_TYPE_LOG || ax->type == ND_CHART_AXIS_TYPE_CATEGORY || !allow)
    {
      ax->min_dtick_state = -1;
      return;
    }
  if (ax->min_dtick_state == 0)
    {
      ax->min_dtick_state = 1;
      ax->min_dtick = diff;
      ax->force_tick0 = first;
    }
  else if (ax->min_dtick_state == 1)
    {
      if (fmod (ax->min_dtick / diff + 1e-6, 1) < 2e-6 &&
          fmod (fmod ((first - ax->force_tick0) / diff, 1) + 1.000001, 1) < 2e-6)
        {
          ax->min_dtick = diff;
          ax->force_tick0 = first;
        }
      else if (fmod (diff / ax->min_dtick + 1e-6, 1) > 2e-6 ||
               fmod (fmod ((first - ax->force_tick0) / ax->min_dtick, 1) + 1.000001, 1) > 2e-6)
        ax->min_dtick_state = -1;
    }
}

static double
get_pad (const NdExtreme *e, double extrappad)
{
  return e->pad + (e->extrapad ? extrappad : 0);
}

static void
default_range (NdAxis *ax, double *r)
{
  if (ax->type == ND_CHART_AXIS_TYPE_DATE)
    {
      r[0] = DATE_TICK0;
      r[1] = nd_date_from_fields (2001, 1, 1);
    }
  else
    {
      r[0] = -1;
      r[1] = ax->letter == 'y' ? 4 : 6;
    }
}

void
nd_axis_compute_range (NdAxis *ax)
{
  GArray *mins = ax->ext_min, *maxs = ax->ext_max;
  double len = MAX (ax->len, 1), extrappad = 0.05 * len, min_span = len / 10;
  gboolean tozero = g_strcmp0 (ax->rangemode, "tozero") == 0;
  gboolean nonneg = g_strcmp0 (ax->rangemode, "nonnegative") == 0;
  double minmin, maxmax, mbest = 0;
  NdExtreme minbest = { 0 }, maxbest = { 0 };
  double r[2];

  if (ax->user_range_set)
    {
      ax->range[0] = ax->user_range[0];
      ax->range[1] = ax->user_range[1];
      return;
    }
  if (!ax->autorange && ax->range_node)
    {
      ax->range[0] = ax->layout_range[0];
      ax->range[1] = ax->layout_range[1];
      return;
    }
  if (mins->len == 0 || maxs->len == 0)
    {
      default_range (ax, ax->range);
      if (ax->reversed)
        {
          double t = ax->range[0];
          ax->range[0] = ax->range[1];
          ax->range[1] = t;
        }
      return;
    }
  minmin = g_array_index (mins, NdExtreme, 0).val;
  maxmax = g_array_index (maxs, NdExtreme, 0).val;
  for (guint i = 1; i < mins->len && minmin == maxmax; i++)
    minmin = MIN (minmin, g_array_index (mins, NdExtreme, i).val);
  for (guint i = 1; i < maxs->len && minmin == maxmax; i++)
    maxmax = MAX (maxmax, g_array_index (maxs, NdExtreme, i).val);

  for (guint i = 0; i < mins->len; i++)
    {
      NdExtreme *mn = &g_array_index (mins, NdExtreme, i);

      for (guint j = 0; j < maxs->len; j++)
        {
          NdExtreme *mx = &g_array_index (maxs, NdExtreme, j);
          double dv = mx->val - mn->val;

          if (dv > 0)
            {
              double dp = len - get_pad (mn, extrappad) - get_pad (mx, extrappad);

              if (dp > min_span)
                {
                  if (dv / dp > mbest)
                    {
                      minbest = *mn;
                      maxbest = *mx;
                      mbest = dv / dp;
                    }
                }
              else if (dv / len > mbest)
                {
                  minbest = (NdExtreme) { mn->val, 0, FALSE };
                  maxbest = (NdExtreme) { mx->val, 0, FALSE };
                  mbest = dv / len;
                }
            }
        }
    }

  if (minmin == maxmax)
    {
      double lower = minmin - 1, upper = minmin + 1;

      if (tozero)
        {
          if (minmin == 0)
            {
              r[0] = 0;
              r[1] = 1;
            }
          else
            {
              double max_pad = 0, end;
              GArray *arr = minmin > 0 ? maxs : mins;

              for (guint i = 0; i < arr->len; i++)
                max_pad = MAX (max_pad, get_pad (&g_array_index (arr, NdExtreme, i), extrappad));
              end = minmin / (1 - MIN (0.5, max_pad / len));
              r[0] = minmin > 0 ? 0 : end;
              r[1] = minmin > 0 ? end : 0;
            }
        }
      else if (nonneg)
        {
          r[0] = MAX (0, lower);
          r[1] = MAX (1, upper);
        }
      else
        {
          r[0] = lower;
          r[1] = upper;
        }
    }
  else
    {
      if (tozero)
        {
          if (minbest.val >= 0)
            minbest = (NdExtreme) { 0, 0, FALSE };
          if (maxbest.val <= 0)
            maxbest = (NdExtreme) { 0, 0, FALSE };
        }
      else if (nonneg)
        {
          if (minbest.val - mbest * get_pad (&minbest, extrappad) < 0)
            minbest = (NdExtreme) { 0, 0, FALSE };
          if (maxbest.val <= 0)
            maxbest = (NdExtreme) { 1, 0, FALSE };
        }
      mbest = (maxbest.val - minbest.val) /
              (len - get_pad (&minbest, extrappad) - get_pad (&maxbest, extrappad));
      r[0] = minbest.val - mbest * get_pad (&minbest, extrappad);
      r[1] = maxbest.val + mbest * get_pad (&maxbest, extrappad);
    }
  /* spans beyond a double (±1e308 data) would make every pixel NaN */
  if (!isfinite (r[1] - r[0]))
    {
      r[0] = CLAMP (isnan (r[0]) ? -1e307 : r[0], -1e307, 1e307);
      r[1] = CLAMP (isnan (r[1]) ? 1e307 : r[1], -1e307, 1e307);
    }
  if (!(r[0] < r[1]))
    default_range (ax, r);
  if (ax->reversed)
    {
      ax->range[0] = r[1];
      ax->range[1] = r[0];
    }
  else
    {
      ax->range[0] = r[0];
      ax->range[1] = r[1];
    }
}

/* ---- ticks (plotly's autoTicks / tickFirst / tickIncrement) ---- */

/* The first entry of @set greater than @v (plotly's Lib.roundUp). */
static double
round_up (double v, const double *set, guint n, gboolean reverse)
{
  int lo = 0, hi = (int) n - 1;

  while (lo < hi)
    {
      int mid = reverse ? (lo + hi + 1) / 2 : (lo + hi) / 2;

      if (set[mid] <= v)
        lo = mid + (reverse ? 0 : 1);
      else
        hi = mid - (reverse ? 1 : 0);
    }
  return set[lo];
}

static double
round_dtick (double rough, double base, const double *set, guint n)
{
  return base * round_up (rough / base, set, n, FALSE);
}

/**
 * nd_axis_auto_ticks: (skip)
 *
 * Picks dtick and tick0 for a rough tick spacing @rough (l-space units).
 */
void
nd_axis_auto_ticks (NdAxis *ax, double rough)
{
  double base;

  ax->dtick_kind = ND_DTICK_NUM;
  if (ax->type == ND_CHART_AXIS_TYPE_DATE)
    {
      double rough2 = 2 * rough;

      ax->tick0 = DATE_TICK0;
      if (rough2 > ND_ONEAVGYEAR)
        {
          rough /= ND_ONEAVGYEAR;
          base = pow (10, floor (log10 (rough)));
          ax->dtick_kind = ND_DTICK_MONTHS;
          ax->dtick = 12 * round_dtick (rough, base, round_base10, 3);
        }
      else if (rough2 > ND_ONEAVGMONTH)
        {
          ax->dtick_kind = ND_DTICK_MONTHS;
          ax->dtick = round_dtick (rough / ND_ONEAVGMONTH, 1, round_base24, 5);
        }
      else if (rough2 > ND_ONEDAY)
        {
          ax->dtick = round_dtick (rough, ND_ONEDAY, round_days, 5);
          /* week ticks on Sundays */
          ax->tick0 = DATE_TICK0 + ND_ONEDAY;
        }
      else if (rough2 > ND_ONEHOUR)
        ax->dtick = round_dtick (rough, ND_ONEHOUR, round_base24, 5);
      else if (rough2 > ND_ONEMIN)
        ax->dtick = round_dtick (rough, ND_ONEMIN, round_base60, 6);
      else if (rough2 > ND_ONESEC)
        ax->dtick = round_dtick (rough, ND_ONESEC, round_base60, 6);
      else
        {
          base = pow (10, floor (log10 (rough)));
          ax->dtick = round_dtick (rough, base, round_base10, 3);
        }
    }
  else if (ax->type == ND_CHART_AXIS_TYPE_LOG)
    {
      ax->tick0 = 0;
      if (rough > 0.7)
        ax->dtick = ceil (rough);
      else if (fabs (ax->range[1] - ax->range[0]) < 1)
        {
          double nt = 1.5 * fabs ((ax->range[1] - ax->range[0]) / rough);

          rough = fabs (pow (10, ax->range[1]) - pow (10, ax->range[0])) / nt;
          base = pow (10, floor (log10 (rough)));
          ax->dtick_kind = ND_DTICK_LOG_L;
          ax->dtick = round_dtick (rough, base, round_base10, 3);
        }
      else
        {
          ax->dtick_kind = rough > 0.3 ? ND_DTICK_LOG_D2 : ND_DTICK_LOG_D1;
          ax->dtick = 0;
        }
    }
  else if (ax->type == ND_CHART_AXIS_TYPE_CATEGORY)
    {
      ax->tick0 = 0;
      ax->dtick = ceil (MAX (rough, 1));
    }
  else
    {
      ax->tick0 = 0;
      base = pow (10, floor (log10 (rough)));
      ax->dtick = round_dtick (rough, base, round_base10, 3);
    }
  if (ax->dtick_kind == ND_DTICK_NUM && !(ax->dtick > 0))
    ax->dtick = 1;
}

static double
mod1 (double v)
{
  double m = fmod (v, 1);
  return m < 0 ? m + 1 : m;
}

double
nd_axis_tick_increment (NdAxis *ax, double x, gboolean reverse)
{
  double sign = reverse ? -1 : 1;

  switch (ax->dtick_kind)
    {
    case ND_DTICK_NUM:
      return x + sign * ax->dtick;
    case ND_DTICK_MONTHS:
      return nd_date_add_months (x, (int) (sign * ax->dtick));
    case ND_DTICK_LOG_L:
      return log10 (pow (10, x) + sign * ax->dtick);
    case ND_DTICK_LOG_D1:
    case ND_DTICK_LOG_D2:
      {
        gboolean d2 = ax->dtick_kind == ND_DTICK_LOG_D2;
        double x2 = x + sign * 0.01;
        double frac = round_up (mod1 (x2), d2 ? round_log2 : round_log1, d2 ? 5 : 11, reverse);

        return floor (x2) + log10 (round (pow (10, frac) * 10) / 10);
      }
    default:
      return x + 1;
    }
}

double
nd_axis_tick_first (NdAxis *ax)
{
  gboolean rev = ax->range[1] < ax->range[0];
  double delta = (ax->range[1] - ax->range[0]) * 1e-6;
  double r0 = ax->range[0] - delta;

  switch (ax->dtick_kind)
    {
    case ND_DTICK_NUM:
      {
        double q = (r0 - ax->tick0) / ax->dtick;
        double t = (rev ? floor (q) : ceil (q)) * ax->dtick + ax->tick0;

        if (ax->type == ND_CHART_AXIS_TYPE_CATEGORY)
          t = CLAMP (t, 0, MAX ((double) ax->categories->len - 1, 0));
        return t;
      }
    case ND_DTICK_MONTHS:
      {
        double t0 = ax->tick0, t1;

        for (int cnt = 0; cnt < 10; cnt++)
          {
            double mult;
            int steps;

            t1 = nd_axis_tick_increment (ax, t0, rev);
            if ((t1 - r0) * (t0 - r0) <= 0)
              return rev ? MIN (t0, t1) : MAX (t0, t1);
            mult = (r0 - (t0 + t1) / 2) / (t1 - t0);
            steps = (int) fabs (round (mult));
            if (steps == 0)
              steps = 1;
            t0 = nd_date_add_months (t0, (int) ((mult < 0) != rev ? -1 : 1) * steps * (int) ax->dtick);
          }
        return t0;
      }
    case ND_DTICK_LOG_L:
      {
        double q = (pow (10, r0) - ax->tick0) / ax->dtick;
        double v = (rev ? floor (q) : ceil (q)) * ax->dtick + ax->tick0;

        return v > 0 ? log10 (v) : log10 (ax->dtick);
      }
    case ND_DTICK_LOG_D1:
    case ND_DTICK_LOG_D2:
      {
        gboolean d2 = ax->dtick_kind == ND_DTICK_LOG_D2;
        double frac = round_up (mod1 (r0), d2 ? round_log2 : round_log1, d2 ? 5 : 11, rev);

        return floor (r0) + log10 (round (pow (10, frac) * 10) / 10);
      }
    default:
      return r0;
    }
}

static gboolean
is_si (const char *fmt)
{
  return g_strcmp0 (fmt, "SI") == 0 || g_strcmp0 (fmt, "B") == 0;
}

static gboolean
beyond_si (int exponent)
{
  return exponent > 14 || exponent < -15;
}

/* plotly's autoTickRound for a numeric axis (or a dummy one for labels). */
static void
num_tick_round (double dtick, double r0, double r1, const char *expfmt, int *tickround,
                int *exponent)
{
  double maxend = MAX (fabs (r0), fabs (r1));
  int rangeexp = (int) floor (log10 (maxend) + 0.01);

  *tickround = 2 - (int) floor (log10 (dtick) + 0.01);
  *exponent = 0;
  if (maxend > 0 && abs (rangeexp) > 3)
    {
      if (is_si (expfmt) && !beyond_si (rangeexp))
        *exponent = 3 * (int) floor ((rangeexp - 1) / 3.0 + 0.5);
      else
        *exponent = rangeexp;
    }
}

static void
auto_tick_round (NdAxis *ax)
{
  ax->tickexponent = 0;
  ax->num_tickround = 0;
  if (ax->type == ND_CHART_AXIS_TYPE_DATE)
    {
      if (ax->dtick_kind == ND_DTICK_MONTHS)
        {
          int y, m, d, h, mi;
          double s;

          nd_date_fields (ax->tick0, &y, &m, &d, &h, &mi, &s, NULL, NULL);
          if (m != 1 || d != 1 || h || mi || s)
            ax->tickround = 'd';
          else
            ax->tickround = fmod (ax->dtick, 12) == 0 ? 'y' : 'm';
        }
      else if (ax->dtick >= ND_ONEDAY)
        ax->tickround = 'd';
      else if (ax->dtick >= ND_ONEMIN)
        ax->tickround = 'M';
      else if (ax->dtick >= ND_ONESEC)
        ax->tickround = 'S';
      else
        {
          int digits = (int) -floor (log10 (ax->dtick / 1000) + 1e-9);
          ax->tickround = (char) ('0' + CLAMP (digits, 1, 4));
        }
    }
  else if (ax->dtick_kind == ND_DTICK_NUM || ax->dtick_kind == ND_DTICK_LOG_L)
    {
      double r0 = ax->range[0], r1 = ax->range[1];

      if (ax->type == ND_CHART_AXIS_TYPE_LOG)
        {
          r0 = pow (10, r0);
          r1 = pow (10, r1);
        }
      num_tick_round (ax->dtick, r0, r1, ax->exponentformat, &ax->num_tickround, &ax->tickexponent);
    }
}

/* plotly's numFormat */
static char *
num_format (double v, int tickround, int exponent, const char *expfmt, gboolean sepk)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean neg = v < 0;
  double e = pow (10, -tickround) / 2;

  if (g_strcmp0 (expfmt, "none") == 0)
    exponent = 0;
  v = fabs (v);
  if (v < e)
    {
      g_string_assign (s, "0");
      neg = FALSE;
    }
  else
    {
      v += e;
      if (exponent)
        {
          v *= pow (10, -exponent);
          tickround += exponent;
        }
      if (tickround == 0)
        g_string_printf (s, "%.0f", floor (v));
      else if (tickround < 0)
        {
          g_string_printf (s, "%.0f", round (v - e));
          if ((gssize) s->len + tickround > 0)
            {
              g_string_truncate (s, s->len + tickround);
              for (int i = tickround; i < 0; i++)
                g_string_append_c (s, '0');
            }
        }
      else
        {
          g_autofree char *t = nd_format_shortest (v);
          char *dot;

          if (strchr (t, 'e'))
            {
              char fmt[16];
              char buf[400];

              g_snprintf (fmt, sizeof fmt, "%%.%df", MIN (tickround, 20));
              g_ascii_formatd (buf, sizeof buf, fmt, v - e);
              g_string_assign (s, buf);
            }
          else
            g_string_assign (s, t);
          dot = strchr (s->str, '.');
          if (dot)
            {
              gsize keep = (dot - s->str) + 1 + tickround;

              if (keep < s->len)
                g_string_truncate (s, keep);
              while (s->len && s->str[s->len - 1] == '0')
                g_string_truncate (s, s->len - 1);
              if (s->len && s->str[s->len - 1] == '.')
                g_string_truncate (s, s->len - 1);
            }
        }
      /* thousands separators: not for 4-digit integers (years) */
      {
        char *dot = strchr (s->str, '.');
        gsize int_len = dot ? (gsize) (dot - s->str) : s->len;

        if (dot || int_len > 4 || sepk)
          for (gssize i = (gssize) int_len - 3; i > 0; i -= 3)
            g_string_insert_c (s, i, ',');
      }
    }
  /* zero stays "0", without the common exponent */
  if (exponent && g_strcmp0 (expfmt, "hide") != 0 && strcmp (s->str, "0") != 0)
    {
      static const char *const si[] = { "f", "p", "n", "\xce\xbc", "m", "", "k", "M", "G", "T" };
      const char *fmt = expfmt;

      if (is_si (fmt) && beyond_si (exponent))
        fmt = "power";
      if (g_strcmp0 (fmt, "e") == 0 || g_strcmp0 (fmt, "E") == 0)
        g_string_append_printf (s, "%s%s%d", fmt, exponent < 0 ? ND_MINUS : "+", abs (exponent));
      else if (g_strcmp0 (fmt, "power") == 0)
        g_string_append_printf (s, "\xc3\x97" "10<sup>%s%d</sup>", exponent < 0 ? ND_MINUS : "",
                                abs (exponent));
      else if (g_strcmp0 (fmt, "B") == 0 && exponent == 9)
        g_string_append_c (s, 'B');
      else if (is_si (fmt))
        g_string_append (s, si[exponent / 3 + 5]);
    }
  if (neg)
    g_string_prepend (s, ND_MINUS);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* numFormat with plotly's 'fakehover': rounding from the value itself. */
static char *
num_format_self (double v, const char *expfmt)
{
  int tr, ex;
  double a = fabs (v);

  num_tick_round (a > 0 ? a : 1, 0, v != 0 ? v : 1, expfmt, &tr, &ex);
  return num_format (v, tr + 4, ex, expfmt, FALSE);
}

static char *
format_log (NdAxis *ax, double x, gboolean *small)
{
  *small = FALSE;
  if (ax->tickformat)
    {
      char *s = nd_format_d3 (pow (10, x), ax->tickformat);
      if (s)
        return s;
    }
  if (ax->dtick_kind == ND_DTICK_LOG_L)
    return num_format (pow (10, x), ax->num_tickround, ax->tickexponent, ax->exponentformat,
                       ax->separatethousands);
  if (ax->dtick_kind == ND_DTICK_NUM || mod1 (x + 0.01) < 0.1)
    {
      int p = (int) round (x);
      const char *fmt = ax->exponentformat;

      if (g_strcmp0 (fmt, "power") == 0 || (is_si (fmt) && beyond_si (p)))
        {
          if (p == 0)
            return g_strdup ("1");
          if (p == 1)
            return g_strdup ("10");
          return g_strdup_printf ("10<sup>%s%d</sup>", p > 1 ? "" : ND_MINUS, abs (p));
        }
      if ((g_strcmp0 (fmt, "e") == 0 || g_strcmp0 (fmt, "E") == 0) && abs (p) > 2)
        return g_strdup_printf ("1%s%s%d", fmt, p > 0 ? "+" : ND_MINUS, abs (p));
      return num_format_self (pow (10, x), fmt);
    }
  *small = TRUE;
  return g_strdup_printf ("%d", (int) round (pow (10, mod1 (x))));
}

static char *
format_time (double ms, char tr)
{
  int h, mi;
  double sec;
  GString *s = g_string_new (NULL);

  nd_date_fields (ms, NULL, NULL, NULL, &h, &mi, &sec, NULL, NULL);
  g_string_append_printf (s, "%02d:%02d", h, mi);
  if (tr != 'M')
    {
      int digits = tr == 'S' ? 0 : tr - '0';
      char fmt[16];
      char buf[64];

      g_snprintf (fmt, sizeof fmt, "%%.%df", digits);
      g_ascii_formatd (buf, sizeof buf, fmt, 100 + MIN (sec, 59.9999));
      g_string_append_c (s, ':');
      g_string_append (s, buf + 1);
      if (digits > 0)
        {
          while (s->str[s->len - 1] == '0')
            g_string_truncate (s, s->len - 1);
          if (s->str[s->len - 1] == '.')
            g_string_truncate (s, s->len - 1);
        }
    }
  return g_string_free (s, FALSE);
}

/* The date label and, for plotly's two-line date labels, its head. */
static char *
format_date_parts (NdAxis *ax, double ms, char **head)
{
  *head = NULL;
  if (ax->tickformat)
    return nd_format_date (ms, ax->tickformat);
  switch (ax->tickround)
    {
    case 'y':
      return nd_format_date (ms, "%Y");
    case 'm':
      return nd_format_date (ms, "%b %Y");
    case 'd':
      *head = nd_format_date (ms, "%Y");
      return nd_format_date (ms, "%b %-d");
    default:
      *head = nd_format_date (ms, "%b %-d, %Y");
      return format_time (ms, ax->tickround);
    }
}

/**
 * nd_axis_format_value: (skip)
 *
 * The tick label text for @l (no prefix or suffix); @hover asks for the
 * full date.
 */
char *
nd_axis_format_value (NdAxis *ax, double l, gboolean hover)
{
  switch (ax->type)
    {
    case ND_CHART_AXIS_TYPE_CATEGORY:
      {
        double r = round (l);

        if (r >= 0 && r < ax->categories->len && fabs (r - l) < 1e-6)
          return g_strdup (g_ptr_array_index (ax->categories, (guint) r));
        return g_strdup ("");
      }
    case ND_CHART_AXIS_TYPE_DATE:
      {
        char *head = NULL;
        char *s = format_date_parts (ax, l, &head);

        if (hover && head)
          {
            char *t = g_strdup_printf ("%s, %s", s, head);
            g_free (s);
            s = t;
          }
        g_free (head);
        return s;
      }
    case ND_CHART_AXIS_TYPE_LOG:
      {
        gboolean small;
        return format_log (ax, l, &small);
      }
    case ND_CHART_AXIS_TYPE_LINEAR:
    default:
      if (ax->tickformat)
        {
          char *s = nd_format_d3 (l, ax->tickformat);
          if (s)
            return s;
        }
      return num_format (l, ax->num_tickround, ax->tickexponent, ax->exponentformat,
                         ax->separatethousands);
    }
}

static void
add_tick (NdAxis *ax, double val, char *text, gboolean small)
{
  NdTick t = { val, NULL, small };

  if (ax->tickprefix || ax->ticksuffix)
    {
      t.text = g_strconcat (ax->tickprefix ? ax->tickprefix : "", text,
                            ax->ticksuffix ? ax->ticksuffix : "", NULL);
      g_free (text);
    }
  else
    t.text = text;
  g_array_append_val (ax->ticks, t);
}

/**
 * nd_axis_compute_ticks: (skip)
 *
 * Tick values and label texts for the current range and pixel length.
 */
void
nd_axis_compute_ticks (NdAxis *ax)
{
  double lo = MIN (ax->range[0], ax->range[1]), hi = MAX (ax->range[0], ax->range[1]);
  double eps = (hi - lo) * 1e-6;
  gboolean rev = ax->range[1] < ax->range[0];
  g_autofree char *prev_head = NULL;

  g_array_set_size (ax->ticks, 0);
  if (!(hi > lo) || ax->len <= 0)
    return;

  if (ax->has_dtick)
    {
      ax->dtick_kind = ax->layout_dtick_kind;
      ax->dtick = ax->layout_dtick;
      if (ax->type == ND_CHART_AXIS_TYPE_DATE && ax->dtick_kind == ND_DTICK_NUM)
        ax->dtick = MAX (ax->dtick, 1);
      ax->tick0 = ax->has_tick0 ? ax->layout_tick0 : ax->type == ND_CHART_AXIS_TYPE_DATE ? DATE_TICK0 : 0;
      /* a log-axis tick0 is a value; in l-space it is its log */
      if (ax->type == ND_CHART_AXIS_TYPE_LOG && ax->dtick_kind == ND_DTICK_NUM && ax->has_tick0)
        ax->tick0 = ax->layout_tick0 > 0 ? log10 (ax->layout_tick0) : 0;
    }
  else
    {
      double nt;

      if (ax->nticks > 0)
        nt = ax->nticks;
      else if (ax->type == ND_CHART_AXIS_TYPE_CATEGORY)
        nt = ax->len / round (1.2 * ax->tickfont.size);
      else
        nt = CLAMP (ax->len / (ax->letter == 'y' ? 40.0 : 80.0), 4, 9) + 1;
      nd_axis_auto_ticks (ax, (hi - lo) / nt);
      if (ax->min_dtick_state == 1 && ax->dtick_kind == ND_DTICK_NUM &&
          ax->dtick < ax->min_dtick * 2)
        {
          ax->dtick = ax->min_dtick;
          ax->tick0 = ax->force_tick0;
        }
    }
  auto_tick_round (ax);

  if (ax->tickvals_node)
    {
      JsonArray *vals = json_node_get_array (ax->tickvals_node);
      JsonArray *texts = ax->ticktext_node && JSON_NODE_HOLDS_ARRAY (ax->ticktext_node)
                         ? json_node_get_array (ax->ticktext_node) : NULL;

      for (guint i = 0; i < json_array_get_length (vals) && ax->ticks->len < MAX_TICKS; i++)
        {
          double v = nd_axis_node_to_l (ax, json_array_get_element (vals, i), FALSE);
          char *text;

          if (!(v >= lo - eps && v <= hi + eps))
            continue;
          if (texts && i < json_array_get_length (texts))
            {
              JsonNode *tn = json_array_get_element (texts, i);
              text = nd_json_is_string (tn) ? g_strdup (json_node_get_string (tn))
                     : nd_json_is_number (tn) ? nd_format_shortest (nd_json_get_number (tn))
                     : g_strdup ("");
            }
          else
            text = nd_axis_format_value (ax, v, FALSE);
          add_tick (ax, v, text, FALSE);
        }
      return;
    }

  for (double x = nd_axis_tick_first (ax); rev ? x >= lo - eps : x <= hi + eps;
       x = nd_axis_tick_increment (ax, x, rev))
    {
      char *text;
      gboolean small = FALSE;
      double v = x;

      if (ax->ticks->len >= MAX_TICKS)
        break;
      if (rev ? x > hi + eps : x < lo - eps)
        continue;
      /* exact zero, not 1e-17 */
      if (ax->dtick_kind == ND_DTICK_NUM && fabs (v) < ax->dtick * 1e-9)
        v = 0;
      if (ax->type == ND_CHART_AXIS_TYPE_CATEGORY &&
          (v < 0 || v > (double) ax->categories->len - 1))
        continue;
      if (ax->type == ND_CHART_AXIS_TYPE_DATE)
        {
          char *head = NULL;

          text = format_date_parts (ax, v, &head);
          if (head && g_strcmp0 (head, prev_head) != 0)
            {
              char *t = g_strconcat (text, "<br>", head, NULL);

              g_free (text);
              text = t;
              g_free (prev_head);
              prev_head = head;
            }
          else
            g_free (head);
        }
      else if (ax->type == ND_CHART_AXIS_TYPE_LOG)
        text = format_log (ax, v, &small);
      else
        text = nd_axis_format_value (ax, v, FALSE);
      add_tick (ax, v, text, small);
      /* guard against dtick too small to move x */
      if (nd_axis_tick_increment (ax, x, rev) == x)
        break;
    }
}

/* ---- drawing ---- */

static double
label_gap (NdAxis *ax)
{
  return g_strcmp0 (ax->tick_mode, "outside") == 0 ? ax->ticklen : 0;
}

static void
tick_font (NdAxis *ax, NdTick *t, NdFont *f)
{
  *f = ax->tickfont;
  if (t->small)
    f->size *= 0.75;
}

/**
 * nd_axis_measure_labels: (skip)
 *
 * Chooses the label angle (plotly turns overlapping x labels by 30°, or
 * 90° when ticks are closer than 2.5 em) and the space the labels take
 * outside the plot area.
 */
void
nd_axis_measure_labels (NdChart *chart, NdAxis *ax, cairo_t *cr)
{
  double maxw = 0, maxh = 0;
  guint n = ax->ticks->len;
  g_autofree double *widths = g_new0 (double, n + 1);

  ax->label_size = 0;
  ax->angle = ax->tickangle_auto ? 0 : ax->tickangle;
  if (!ax->showticklabels || !ax->visible || n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      NdTick *t = &g_array_index (ax->ticks, NdTick, i);
      NdFont f;
      double w, h;

      tick_font (ax, t, &f);
      nd_text_measure (cr, &f, t->text, &w, &h);
      widths[i] = w;
      maxw = MAX (maxw, w);
      maxh = MAX (maxh, h);
    }
  if (ax->letter == 'x' && ax->tickangle_auto && n > 1)
    {
      for (guint i = 0; i + 1 < n; i++)
        {
          double p0 = nd_axis_l2p (ax, g_array_index (ax->ticks, NdTick, i).val);
          double p1 = nd_axis_l2p (ax, g_array_index (ax->ticks, NdTick, i + 1).val);

          if (fabs (p1 - p0) < (widths[i] + widths[i + 1]) / 2 + 2)
            {
              double first = g_array_index (ax->ticks, NdTick, 0).val;
              double last = g_array_index (ax->ticks, NdTick, n - 1).val;
              double spacing = fabs (nd_axis_l2p (ax, last) - nd_axis_l2p (ax, first)) / (n - 1);

              ax->angle = spacing < ax->tickfont.size * 2.5 ? 90 : 30;
              break;
            }
        }
    }
  ax->label_end = 0;
  if (ax->letter == 'x')
    for (guint i = 0; i < n; i++)
      {
        double p = nd_axis_l2p (ax, g_array_index (ax->ticks, NdTick, i).val);
        double a = ax->angle * G_PI / 180;
        double end = ax->angle > 0 ? p + widths[i] * cos (a) + maxh * sin (a) / 2
                   : ax->angle < 0 ? p + maxh * sin (-a) / 2 : p + widths[i] / 2;

        ax->label_end = MAX (ax->label_end, end);
      }
  {
    double a = fabs (ax->angle) * G_PI / 180;

    if (ax->letter == 'x')
      ax->label_size = label_gap (ax) + (ax->angle == 0 ? maxh + 0.3 * ax->tickfont.size
                                                          : maxw * sin (a) + maxh * cos (a));
    else
      ax->label_size = label_gap (ax) + 3 + (ax->angle == 0 ? maxw : maxw * cos (a) + maxh * sin (a));
  }
}

static gboolean
crisp (cairo_t *cr)
{
  return cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;
}

/* Snaps a line of width @w to device pixels so 1 px lines stay sharp. */
static double
snap (double p, double w)
{
  double rw = MAX (1, round (w));

  return ((int) rw % 2) ? floor (p) + 0.5 : round (p);
}

void
nd_axis_draw_grid (NdChart *chart, NdAxis *ax, cairo_t *cr)
{
  gboolean c = crisp (cr);

  if (!ax->showgrid || !ax->visible || ax->gridwidth <= 0)
    return;
  cairo_save (cr);
  nd_rgba_set_source (cr, &ax->gridcolor, 1.0);
  cairo_set_line_width (cr, ax->gridwidth);
  for (guint i = 0; i < ax->ticks->len; i++)
    {
      NdTick *t = &g_array_index (ax->ticks, NdTick, i);
      double p = nd_axis_l2p (ax, t->val);

      /* plotly leaves out grid lines on the plot edges */
      if (ax->letter == 'x')
        {
          if (p - ax->pos <= 1 || p - ax->pos >= ax->len - 1)
            continue;
          if (c)
            p = snap (p, ax->gridwidth);
          cairo_move_to (cr, p, chart->plot_y);
          cairo_line_to (cr, p, chart->plot_y + chart->plot_h);
        }
      else
        {
          if (p - ax->pos <= 1 || p - ax->pos >= ax->len - 1)
            continue;
          if (c)
            p = snap (p, ax->gridwidth);
          cairo_move_to (cr, chart->plot_x, p);
          cairo_line_to (cr, chart->plot_x + chart->plot_w, p);
        }
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
nd_axis_draw_zeroline (NdChart *chart, NdAxis *ax, cairo_t *cr)
{
  double p;

  if (!ax->zeroline || !ax->visible || ax->type != ND_CHART_AXIS_TYPE_LINEAR ||
      ax->zerolinewidth <= 0)
    return;
  if (!(MIN (ax->range[0], ax->range[1]) <= 0 && MAX (ax->range[0], ax->range[1]) >= 0))
    return;
  p = nd_axis_l2p (ax, 0);
  /* hidden on the plot edge, unless bars start there */
  if (!ax->has_bars && (p - ax->pos <= 1 || p - ax->pos >= ax->len - 1))
    return;
  cairo_save (cr);
  if (crisp (cr))
    p = snap (p, ax->zerolinewidth);
  nd_rgba_set_source (cr, &ax->zerolinecolor, 1.0);
  cairo_set_line_width (cr, ax->zerolinewidth);
  if (ax->letter == 'x')
    {
      cairo_move_to (cr, p, chart->plot_y);
      cairo_line_to (cr, p, chart->plot_y + chart->plot_h);
    }
  else
    {
      cairo_move_to (cr, chart->plot_x, p);
      cairo_line_to (cr, chart->plot_x + chart->plot_w, p);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Axis line, tick marks, labels and title. */
void
nd_axis_draw (NdChart *chart, NdAxis *ax, cairo_t *cr)
{
  gboolean is_x = ax->letter == 'x';
  double edge = is_x ? chart->plot_y + chart->plot_h : chart->plot_x;
  double gap = label_gap (ax);
  gboolean outside = g_strcmp0 (ax->tick_mode, "outside") == 0;
  gboolean inside = g_strcmp0 (ax->tick_mode, "inside") == 0;

  if (!ax->visible)
    return;
  cairo_save (cr);
  if (ax->showline && ax->linewidth > 0)
    {
      double e = crisp (cr) ? snap (edge + (is_x ? ax->linewidth / 2 : -ax->linewidth / 2), ax->linewidth)
                            : edge;

      nd_rgba_set_source (cr, &ax->linecolor, 1.0);
      cairo_set_line_width (cr, ax->linewidth);
      if (is_x)
        {
          cairo_move_to (cr, chart->plot_x, e);
          cairo_line_to (cr, chart->plot_x + chart->plot_w, e);
        }
      else
        {
          cairo_move_to (cr, e, chart->plot_y);
          cairo_line_to (cr, e, chart->plot_y + chart->plot_h);
        }
      if (ax->mirror)
        {
          double m = is_x ? chart->plot_y - ax->linewidth / 2 : chart->plot_x + chart->plot_w + ax->linewidth / 2;

          if (crisp (cr))
            m = snap (m, ax->linewidth);
          if (is_x)
            {
              cairo_move_to (cr, chart->plot_x, m);
              cairo_line_to (cr, chart->plot_x + chart->plot_w, m);
            }
          else
            {
              cairo_move_to (cr, m, chart->plot_y);
              cairo_line_to (cr, m, chart->plot_y + chart->plot_h);
            }
        }
      cairo_stroke (cr);
    }
  if ((outside || inside) && ax->ticklen > 0 && ax->tickwidth > 0)
    {
      double dir = (is_x ? 1 : -1) * (outside ? 1 : -1);

      nd_rgba_set_source (cr, &ax->tickcolor, 1.0);
      cairo_set_line_width (cr, ax->tickwidth);
      for (guint i = 0; i < ax->ticks->len; i++)
        {
          double p = nd_axis_l2p (ax, g_array_index (ax->ticks, NdTick, i).val);

          if (crisp (cr))
            p = snap (p, ax->tickwidth);
          if (is_x)
            {
              cairo_move_to (cr, p, edge);
              cairo_line_to (cr, p, edge + dir * ax->ticklen);
            }
          else
            {
              cairo_move_to (cr, edge, p);
              cairo_line_to (cr, edge + dir * ax->ticklen, p);
            }
        }
      cairo_stroke (cr);
    }
  if (ax->showticklabels)
    for (guint i = 0; i < ax->ticks->len; i++)
      {
        NdTick *t = &g_array_index (ax->ticks, NdTick, i);
        double p = nd_axis_l2p (ax, t->val);
        NdFont f;

        tick_font (ax, t, &f);
        if (is_x)
          {
            if (ax->angle == 0)
              nd_text_draw (cr, &f, t->text, p, edge + gap + f.size * 0.15, 0.5, 0, 0);
            else
              nd_text_draw (cr, &f, t->text, p, edge + gap + f.size * 0.6,
                            ax->angle > 0 ? 0 : 1, 0.5, ax->angle);
          }
        else
          nd_text_draw (cr, &f, t->text, edge - gap - 3, p, 1, 0.5, ax->angle);
      }
  if (ax->title && *ax->title)
    {
      double w, h;

      nd_text_measure (cr, &ax->titlefont, ax->title, &w, &h);
      if (is_x)
        nd_text_draw (cr, &ax->titlefont, ax->title, chart->plot_x + chart->plot_w / 2,
                      edge + ax->label_size + ax->title_standoff, 0.5, 0, 0);
      else
        nd_text_draw (cr, &ax->titlefont, ax->title,
                      edge - ax->label_size - ax->title_standoff,
                      chart->plot_y + chart->plot_h / 2, 0.5, 1, -90);
    }
  cairo_restore (cr);
}
