/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * plotly.express' scatter, line, bar and histogram over an NdFrame,
 * following plotly.py 5.4's express/_core.py step by step (build_dataframe,
 * infer_config, get_orderings, make_figure, make_trace_kwargs,
 * configure_cartesian_axes) so the figure JSON is the one px returns for
 * the same data: same traces, same groups in the same order, same
 * hovertemplates, same layout (less the template).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "nd-builder.h"
#include "nd-express.h"
#include "nd-frame-private.h"
#include "nd-json.h"

#define DEFAULT_SIZE_MAX 20

/* px.colors.qualitative.Plotly: the "plotly" template's colorway */
static const char *const plotly_colors[] = {
  "#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A",
  "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52",
};

/* the "plotly" template's sequential colorscale (Plasma) */
static const char *const plasma[] = {
  "#0d0887", "#46039f", "#7201a8", "#9c179e", "#bd3786",
  "#d8576b", "#ed7953", "#fb9f3a", "#fdca26", "#f0f921",
};

static const char *const kind_names[] = { "scatter", "line", "bar", "histogram" };

typedef struct
{
  NdPxKind  kind;
  char     *x, *y, *color, *size, *hover_name;
  char     *title, *orientation, *barmode, *histfunc, *render_mode;
  int       size_max, nbins, width, height;
  gboolean  log_x, log_y, markers;
  double    opacity;
  JsonNode *labels, *category_orders, *color_sequence, *hover_data;
} Args;

typedef enum { OPT_COLUMN, OPT_TEXT, OPT_INT, OPT_BOOL, OPT_DOUBLE, OPT_JSON } OptType;

#define K_SCATTER (1u << ND_PX_SCATTER)
#define K_LINE    (1u << ND_PX_LINE)
#define K_BAR     (1u << ND_PX_BAR)
#define K_HIST    (1u << ND_PX_HISTOGRAM)
#define K_ALL     (K_SCATTER | K_LINE | K_BAR | K_HIST)

static const struct
{
  const char *name;
  OptType     type;
  gsize       offset;
  guint       kinds;
} options[] = {
  { "x", OPT_COLUMN, G_STRUCT_OFFSET (Args, x), K_ALL },
  { "y", OPT_COLUMN, G_STRUCT_OFFSET (Args, y), K_ALL },
  { "color", OPT_COLUMN, G_STRUCT_OFFSET (Args, color), K_ALL },
  { "size", OPT_COLUMN, G_STRUCT_OFFSET (Args, size), K_SCATTER },
  { "hover_name", OPT_COLUMN, G_STRUCT_OFFSET (Args, hover_name), K_ALL },
  { "title", OPT_TEXT, G_STRUCT_OFFSET (Args, title), K_ALL },
  { "orientation", OPT_TEXT, G_STRUCT_OFFSET (Args, orientation), K_ALL },
  { "barmode", OPT_TEXT, G_STRUCT_OFFSET (Args, barmode), K_BAR | K_HIST },
  { "histfunc", OPT_TEXT, G_STRUCT_OFFSET (Args, histfunc), K_HIST },
  { "render_mode", OPT_TEXT, G_STRUCT_OFFSET (Args, render_mode), K_SCATTER | K_LINE },
  { "size_max", OPT_INT, G_STRUCT_OFFSET (Args, size_max), K_SCATTER },
  { "nbins", OPT_INT, G_STRUCT_OFFSET (Args, nbins), K_HIST },
  { "width", OPT_INT, G_STRUCT_OFFSET (Args, width), K_ALL },
  { "height", OPT_INT, G_STRUCT_OFFSET (Args, height), K_ALL },
  { "log_x", OPT_BOOL, G_STRUCT_OFFSET (Args, log_x), K_ALL },
  { "log_y", OPT_BOOL, G_STRUCT_OFFSET (Args, log_y), K_ALL },
  { "markers", OPT_BOOL, G_STRUCT_OFFSET (Args, markers), K_LINE },
  { "opacity", OPT_DOUBLE, G_STRUCT_OFFSET (Args, opacity), K_SCATTER | K_BAR | K_HIST },
  { "labels", OPT_JSON, G_STRUCT_OFFSET (Args, labels), K_ALL },
  { "category_orders", OPT_JSON, G_STRUCT_OFFSET (Args, category_orders), K_ALL },
  { "color_discrete_sequence", OPT_JSON, G_STRUCT_OFFSET (Args, color_sequence), K_ALL },
  { "hover_data", OPT_JSON, G_STRUCT_OFFSET (Args, hover_data), K_ALL },
};

static void
args_clear (Args *a)
{
  g_free (a->x);
  g_free (a->y);
  g_free (a->color);
  g_free (a->size);
  g_free (a->hover_name);
  g_free (a->title);
  g_free (a->orientation);
  g_free (a->barmode);
  g_free (a->histfunc);
  g_free (a->render_mode);
  g_clear_pointer (&a->labels, json_node_unref);
  g_clear_pointer (&a->category_orders, json_node_unref);
  g_clear_pointer (&a->color_sequence, json_node_unref);
  g_clear_pointer (&a->hover_data, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Args, args_clear)

static gboolean
arg_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
arg_error (GError **error, const char *format, ...)
{
  va_list ap;

  if (error && *error)
    return FALSE;   /* keep the first */
  va_start (ap, format);
  g_propagate_error (error, g_error_new_valist (ND_DATA_ERROR, ND_DATA_ERROR_ARGUMENT, format, ap));
  va_end (ap);
  return FALSE;
}

/* Reads every pair, so JSON values after a bad option are still freed;
 * an unknown name stops the reading (its value's type is unknown). */
static gboolean
parse_options (Args *a, const char *first, va_list ap, GError **error)
{
  gboolean ok = TRUE;

  for (const char *key = first; key; key = va_arg (ap, const char *))
    {
      guint k;
      char **str_slot;
      JsonNode **json_slot;

      for (k = 0; k < G_N_ELEMENTS (options); k++)
        if (strcmp (options[k].name, key) == 0)
          break;
      if (k == G_N_ELEMENTS (options))
        return arg_error (error, "px.%s() got an unexpected keyword argument '%s'",
                          kind_names[a->kind], key);

      switch (options[k].type)
        {
        case OPT_COLUMN:
        case OPT_TEXT:
          {
            const char *v = va_arg (ap, const char *);

            if (!(options[k].kinds & (1u << a->kind)))
              break;
            str_slot = G_STRUCT_MEMBER_P (a, options[k].offset);
            g_free (*str_slot);
            *str_slot = g_strdup (v);
            continue;
          }
        case OPT_INT:
          {
            int v = va_arg (ap, int);

            if (!(options[k].kinds & (1u << a->kind)))
              break;
            G_STRUCT_MEMBER (int, a, options[k].offset) = v;
            continue;
          }
        case OPT_BOOL:
          {
            gboolean v = va_arg (ap, gboolean);

            if (!(options[k].kinds & (1u << a->kind)))
              break;
            G_STRUCT_MEMBER (gboolean, a, options[k].offset) = v;
            continue;
          }
        case OPT_DOUBLE:
          {
            double v = va_arg (ap, double);

            if (!(options[k].kinds & (1u << a->kind)))
              break;
            G_STRUCT_MEMBER (double, a, options[k].offset) = v;
            continue;
          }
        case OPT_JSON:
        default:
          {
            JsonNode *v = va_arg (ap, JsonNode *);

            if (!(options[k].kinds & (1u << a->kind)))
              {
                if (v)
                  json_node_unref (v);
                break;
              }
            json_slot = G_STRUCT_MEMBER_P (a, options[k].offset);
            if (*json_slot)
              json_node_unref (*json_slot);
            *json_slot = v;
            continue;
          }
        }
      ok = arg_error (error, "px.%s() got an unexpected keyword argument '%s'",
                      kind_names[a->kind], key);
    }
  return ok;
}

static gboolean
one_of (const char *value, const char *const *allowed)
{
  for (guint k = 0; allowed[k]; k++)
    if (strcmp (value, allowed[k]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
check_options (Args *a, GError **error)
{
  static const char *const orientations[] = { "v", "h", NULL };
  static const char *const barmodes[] = { "relative", "group", "overlay", "stack", NULL };
  static const char *const histfuncs[] = { "count", "sum", "avg", "min", "max", NULL };
  static const char *const render_modes[] = { "auto", "svg", "webgl", NULL };
  const char *name = kind_names[a->kind];

  if (a->orientation && !one_of (a->orientation, orientations))
    return arg_error (error, "px.%s(): orientation must be 'v' or 'h', not '%s'", name, a->orientation);
  if (a->barmode && !one_of (a->barmode, barmodes))
    return arg_error (error, "px.%s(): barmode must be one of 'relative', 'group', 'overlay', "
                      "'stack', not '%s'", name, a->barmode);
  if (a->histfunc && !one_of (a->histfunc, histfuncs))
    return arg_error (error, "px.%s(): histfunc must be one of 'count', 'sum', 'avg', 'min', "
                      "'max', not '%s'", name, a->histfunc);
  if (a->render_mode && !one_of (a->render_mode, render_modes))
    return arg_error (error, "px.%s(): render_mode must be 'auto', 'svg' or 'webgl', not '%s'",
                      name, a->render_mode);
  if (a->size_max <= 0)
    return arg_error (error, "px.%s(): size_max must be positive", name);
  if (a->nbins < 0 || a->width < 0 || a->height < 0)
    return arg_error (error, "px.%s(): nbins, width and height cannot be negative", name);
  if (a->labels && JSON_NODE_TYPE (a->labels) != JSON_NODE_OBJECT)
    return arg_error (error, "px.%s(): labels must be a JSON object", name);
  if (a->category_orders && JSON_NODE_TYPE (a->category_orders) != JSON_NODE_OBJECT)
    return arg_error (error, "px.%s(): category_orders must be a JSON object of arrays", name);
  if (a->category_orders)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (a->category_orders));
      while (json_object_iter_next (&iter, &key, &member))
        if (JSON_NODE_TYPE (member) != JSON_NODE_ARRAY)
          return arg_error (error, "px.%s(): category_orders['%s'] must be an array", name, key);
    }
  if (a->color_sequence &&
      (JSON_NODE_TYPE (a->color_sequence) != JSON_NODE_ARRAY ||
       json_array_get_length (json_node_get_array (a->color_sequence)) == 0))
    return arg_error (error, "px.%s(): color_discrete_sequence must be a non-empty array", name);
  if (a->hover_data)
    {
      JsonArray *arr;

      if (JSON_NODE_TYPE (a->hover_data) != JSON_NODE_ARRAY)
        return arg_error (error, "px.%s(): hover_data must be an array of column names", name);
      arr = json_node_get_array (a->hover_data);
      for (guint k = 0; k < json_array_get_length (arr); k++)
        if (!nd_json_is_string (json_array_get_element (arr, k)))
          return arg_error (error, "px.%s(): hover_data must be an array of column names", name);
    }
  return TRUE;
}

/* Labels and hover text */

static char *
get_label (Args *a, const char *column)
{
  JsonNode *l;

  if (column == NULL)
    return NULL;
  if (a->labels && (l = json_object_get_member (json_node_get_object (a->labels), column)))
    return nd_json_is_string (l) ? g_strdup (json_node_get_string (l)) : nd_py_str (l);
  return g_strdup (column);
}

/* px's get_decorated_label: histogram's value axis says what it counts. */
static char *
decorated_label (Args *a, const char *column, char role)
{
  if (a->kind == ND_PX_HISTOGRAM &&
      ((role == 'x' && strcmp (a->orientation, "h") == 0) ||
       (role == 'y' && strcmp (a->orientation, "v") == 0)))
    {
      const char *func = a->histfunc ? a->histfunc : "count";
      g_autofree char *label = get_label (a, column);

      if (strcmp (func, "count") == 0)
        return g_strdup ("count");
      return g_strdup_printf ("%s of %s", func, label ? label : "None");
    }
  return get_label (a, column);
}

/* An OrderedDict of hover lines: setting a known key keeps its place. */
typedef struct
{
  GPtrArray *keys;
  GPtrArray *values;
} HoverLines;

static void
hover_init (HoverLines *h)
{
  h->keys = g_ptr_array_new_with_free_func (g_free);
  h->values = g_ptr_array_new_with_free_func (g_free);
}

static void
hover_clear (HoverLines *h)
{
  g_clear_pointer (&h->keys, g_ptr_array_unref);
  g_clear_pointer (&h->values, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HoverLines, hover_clear)

/* Takes @key (NULL for px's None) and @value. */
static void
hover_set (HoverLines *h, char *key, char *value)
{
  if (key == NULL)
    key = g_strdup ("None");
  for (guint k = 0; k < h->keys->len; k++)
    if (strcmp (h->keys->pdata[k], key) == 0)
      {
        g_free (key);
        g_free (h->values->pdata[k]);
        h->values->pdata[k] = value;
        return;
      }
  g_ptr_array_add (h->keys, key);
  g_ptr_array_add (h->values, value);
}

static char *
hover_template (HoverLines *h, const char *header)
{
  GString *out = g_string_new (header);

  for (guint k = 0; k < h->keys->len; k++)
    g_string_append_printf (out, "%s%s=%s", k ? "<br>" : "",
                            (char *) h->keys->pdata[k], (char *) h->values->pdata[k]);
  g_string_append (out, "<extra></extra>");
  return g_string_free (out, FALSE);
}

/* Python's str() of a cell, as px names traces after group values. */
static char *
py_str_cell (NdColumn *c, guint row)
{
  switch (c->type)
    {
    case ND_COLUMN_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, c->i[row]);
    case ND_COLUMN_BOOL:
      return g_strdup (c->b[row] == ND_BOOL_NULL ? "nan" : c->b[row] ? "True" : "False");
    case ND_COLUMN_DOUBLE:
      {
        g_autoptr(JsonNode) v = NULL;

        if (isnan (c->d[row]))
          return g_strdup ("nan");
        if (isinf (c->d[row]))
          return g_strdup (c->d[row] > 0 ? "inf" : "-inf");
        v = nd_json_double (c->d[row]);
        return nd_py_str (v);
      }
    default:
      return g_strdup (c->s[row] ? c->s[row] : "nan");
    }
}

/* JSON building */

static JsonObject *
child (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL)
    {
      n = nd_json_object_new ();
      json_object_set_member (o, name, n);
    }
  return json_node_get_object (n);
}

static JsonNode *
column_values (NdColumn *c, const guint *rows, guint n)
{
  JsonNode *out = nd_json_array_new ();
  JsonArray *arr = json_node_get_array (out);

  for (guint k = 0; k < n; k++)
    json_array_add_element (arr, nd_column_get_json (c, rows[k]));
  return out;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  const char *x = *(const char **) a, *y = *(const char **) b;

  /* plotly.py writes trace properties alphabetically, "type" last */
  if (strcmp (x, "type") == 0)
    return 1;
  if (strcmp (y, "type") == 0)
    return -1;
  return strcmp (x, y);
}

/* A copy of @node with object members sorted as plotly.py writes them. */
static JsonNode *
sorted_copy (JsonNode *node)
{
  JsonObject *src, *dst;
  g_autoptr(GPtrArray) names = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member, *out;

  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return json_node_ref (node);
  src = json_node_get_object (node);
  names = g_ptr_array_new ();
  json_object_iter_init (&iter, src);
  while (json_object_iter_next (&iter, &name, &member))
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  dst = json_object_new ();
  for (guint k = 0; k < names->len; k++)
    json_object_set_member (dst, names->pdata[k],
                            sorted_copy (json_object_get_member (src, names->pdata[k])));
  out = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (out, dst);
  return out;
}

static void
set_title (JsonObject *o, const char *text)
{
  if (text)
    json_object_set_member (child (o, "title"), "text", nd_json_string (text));
}

static JsonNode *
axis (const char *anchor, const char *title, gboolean log, JsonNode *category_array)
{
  JsonNode *node = nd_json_object_new ();
  JsonObject *o = json_node_get_object (node);

  json_object_set_string_member (o, "anchor", anchor);
  json_object_set_member (o, "domain", nd_list (0.0, 1.0));
  set_title (o, title);
  if (log)
    json_object_set_string_member (o, "type", "log");
  if (category_array)
    {
      json_object_set_string_member (o, "categoryorder", "array");
      json_object_set_member (o, "categoryarray", category_array);
    }
  return node;
}

/* Columns */

static gboolean
is_continuous (NdColumn *c)
{
  /* pandas dtype kinds "ifc" */
  return c->type == ND_COLUMN_DOUBLE || c->type == ND_COLUMN_INT64;
}

static gboolean
check_column (Args *a, NdFrame *frame, const char *option, const char *column, GError **error)
{
  g_autoptr(GString) names = NULL;

  if (column == NULL || nd_frame_find_column (frame, column) >= 0)
    return TRUE;
  names = g_string_new (NULL);
  for (guint c = 0; c < nd_frame_get_n_columns (frame); c++)
    g_string_append_printf (names, "%s'%s'", c ? ", " : "", nd_frame_get_column_name (frame, c));
  g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_NO_COLUMN,
               "px.%s(): value of '%s' is not the name of a column in 'data_frame'. "
               "Expected one of [%s] but received: %s",
               kind_names[a->kind], option, names->str, column);
  return FALSE;
}

static gboolean
is_referenced (Args *a, const char *name)
{
  const char *refs[] = { a->x, a->y, a->color, a->size, a->hover_name };

  for (guint k = 0; k < G_N_ELEMENTS (refs); k++)
    if (refs[k] && strcmp (refs[k], name) == 0)
      return TRUE;
  if (a->hover_data)
    {
      JsonArray *arr = json_node_get_array (a->hover_data);

      for (guint k = 0; k < json_array_get_length (arr); k++)
        if (strcmp (json_array_get_string_element (arr, k), name) == 0)
          return TRUE;
    }
  return FALSE;
}

/* px's _escape_col_name: a made-up column takes a free name. */
static char *
free_name (Args *a, const char *base)
{
  char *name = g_strdup (base);

  while (is_referenced (a, name))
    {
      char *longer = g_strconcat ("_", name, NULL);
      g_free (name);
      name = longer;
    }
  return name;
}

static NdColumn *
lookup (NdFrame *frame, const char *name)
{
  return name ? nd_frame_lookup_column (frame, name, NULL) : NULL;
}

/* The figure */

typedef struct
{
  guint   code;      /* in the color factors */
  guint   order;     /* position among the ordered values */
  guint  *rows;
  guint   n_rows;
} Group;

static int
compare_groups (gconstpointer a, gconstpointer b)
{
  const Group *x = a, *y = b;

  return (x->order > y->order) - (x->order < y->order);
}

static const char *
color_at (Args *a, guint k)
{
  if (a->color_sequence)
    {
      JsonArray *arr = json_node_get_array (a->color_sequence);
      JsonNode *c = json_array_get_element (arr, k % json_array_get_length (arr));

      return nd_json_is_string (c) ? json_node_get_string (c) : "";
    }
  return plotly_colors[k % G_N_ELEMENTS (plotly_colors)];
}

static JsonArray *
user_order (Args *a, const char *column)
{
  JsonNode *n;

  if (a->category_orders == NULL || column == NULL)
    return NULL;
  n = json_object_get_member (json_node_get_object (a->category_orders), column);
  return n ? json_node_get_array (n) : NULL;
}

static JsonNode *
make_figure (Args *a, NdFrame *input, GError **error)
{
  g_autoptr(NdFrame) df = NULL;
  g_autoptr(GPtrArray) orders = NULL;     /* JsonNode *: the color values in order */
  g_autoptr(JsonNode) figure = NULL;
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (Group));
  g_autofree guint *all_rows = NULL;
  g_autofree char *missing_bar_dim = NULL;
  NdFactors factors = { 0 };
  NdColumn *xc, *yc, *cc, *sc, *hc;
  NdColumn *group_column = NULL;
  gboolean continuous_color = FALSE, gl = FALSE, legend_title = FALSE;
  double sizeref = 0;
  JsonArray *data;
  JsonObject *layout;
  const char *name = kind_names[a->kind];

  if (!check_column (a, input, "x", a->x, error) || !check_column (a, input, "y", a->y, error) ||
      !check_column (a, input, "color", a->color, error) ||
      !check_column (a, input, "size", a->size, error) ||
      !check_column (a, input, "hover_name", a->hover_name, error))
    return NULL;
  if (a->hover_data)
    {
      JsonArray *arr = json_node_get_array (a->hover_data);

      for (guint k = 0; k < json_array_get_length (arr); k++)
        if (!check_column (a, input, "hover_data", json_array_get_string_element (arr, k), error))
          return NULL;
    }
  if (a->x == NULL && a->y == NULL)
    {
      g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ARGUMENT,
                   "px.%s(): x or y is required (wide-form data is not supported)", name);
      return NULL;
    }

  /* build_dataframe: x xor y */
  df = nd_frame_copy_shallow (input);
  if (a->kind != ND_PX_HISTOGRAM && (a->x == NULL || a->y == NULL))
    {
      gboolean no_x = a->x == NULL;
      g_autofree char *index_name = free_name (a, "index");
      g_autofree gint64 *labels = g_new (gint64, MAX (nd_frame_get_n_rows (df), 1));

      for (guint r = 0; r < nd_frame_get_n_rows (df); r++)
        labels[r] = nd_frame_get_index_label (df, r);
      nd_frame_add_int64s (df, index_name, labels, nd_frame_get_n_rows (df), NULL);
      if (a->kind == ND_PX_BAR)
        missing_bar_dim = g_strdup (no_x ? "x" : "y");
      else if (a->orientation == NULL)
        a->orientation = g_strdup (no_x ? "v" : "h");
      if (no_x)
        a->x = g_steal_pointer (&index_name);
      else
        a->y = g_steal_pointer (&index_name);
    }
  if (missing_bar_dim)
    {
      gboolean missing_x = strcmp (missing_bar_dim, "x") == 0;
      NdColumn *other = lookup (df, missing_x ? a->y : a->x);

      if (!is_continuous (other))
        {
          /* a constant 1 for each row beats the index against categories */
          char **slot = missing_x ? &a->x : &a->y;
          g_autofree char *count_name = NULL;
          g_autofree gint64 *ones = g_new (gint64, MAX (nd_frame_get_n_rows (df), 1));

          g_clear_pointer (slot, g_free);
          count_name = free_name (a, "count");
          for (guint r = 0; r < nd_frame_get_n_rows (df); r++)
            ones[r] = 1;
          nd_frame_add_int64s (df, count_name, ones, nd_frame_get_n_rows (df), NULL);
          *slot = g_steal_pointer (&count_name);
        }
      else if (a->orientation == NULL)
        a->orientation = g_strdup (missing_x ? "v" : "h");
    }

  xc = lookup (df, a->x);
  yc = lookup (df, a->y);
  cc = lookup (df, a->color);
  sc = lookup (df, a->size);
  hc = lookup (df, a->hover_name);

  /* infer_config */
  if (a->size)
    {
      double max = NAN;

      if (sc->type == ND_COLUMN_STRING || sc->type == ND_COLUMN_DATE)
        {
          g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE,
                       "px.%s(): size column '%s' must be numeric", name, a->size);
          return NULL;
        }
      for (guint r = 0; r < sc->n; r++)
        if (!nd_column_is_null (sc, r))
          {
            double v = sc->type == ND_COLUMN_DOUBLE ? sc->d[r]
                     : sc->type == ND_COLUMN_INT64 ? (double) sc->i[r] : sc->b[r];
            if (isnan (max) || v > max)
              max = v;
          }
      sizeref = max / ((double) a->size_max * a->size_max);
    }
  if (cc && (a->kind == ND_PX_SCATTER || a->kind == ND_PX_BAR) && is_continuous (cc))
    continuous_color = TRUE;
  else if (cc)
    group_column = cc;

  if (a->orientation == NULL)
    {
      gboolean has_x = xc != NULL, has_y = yc != NULL;

      if (a->kind == ND_PX_BAR ? (has_x && !has_y) : (has_y && !has_x))
        a->orientation = g_strdup ("h");
      if (a->orientation == NULL && has_x && has_y)
        {
          gboolean x_cont = is_continuous (xc), y_cont = is_continuous (yc);

          if (x_cont && !y_cont)
            a->orientation = g_strdup ("h");
          if (y_cont && !x_cont)
            a->orientation = g_strdup ("v");
        }
      if (a->orientation == NULL)
        a->orientation = g_strdup ("v");
    }
  if (a->kind == ND_PX_HISTOGRAM && xc && yc && a->histfunc == NULL)
    a->histfunc = g_strdup ("sum");
  if (a->kind == ND_PX_SCATTER || a->kind == ND_PX_LINE)
    gl = g_strcmp0 (a->render_mode, "webgl") == 0 ||
         ((a->render_mode == NULL || strcmp (a->render_mode, "auto") == 0) &&
          nd_frame_get_n_rows (df) > 1000);

  /* get_orderings: the color column's values, user's order first */
  orders = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  if (group_column)
    {
      JsonArray *user = user_order (a, a->color);
      g_autofree guint *counts = NULL;

      nd_factors_init (&factors, group_column);
      for (guint k = 0; user && k < json_array_get_length (user); k++)
        {
          JsonNode *v = json_array_get_element (user, k);
          gboolean dup = FALSE;

          for (guint j = 0; j < orders->len && !dup; j++)
            dup = nd_json_equal (orders->pdata[j], v);
          if (!dup)
            g_ptr_array_add (orders, json_node_ref (v));
        }
      counts = g_new0 (guint, MAX (factors.n_codes, 1));
      for (guint r = 0; r < group_column->n; r++)
        counts[factors.codes[r]]++;
      for (guint code = 0; code < factors.n_codes; code++)
        {
          g_autoptr(JsonNode) v = nd_column_get_json (group_column, factors.first_rows[code]);
          guint at = G_MAXUINT;

          for (guint j = 0; j < orders->len && at == G_MAXUINT; j++)
            if (code != factors.null_code && nd_json_equal (orders->pdata[j], v))
              at = j;
          if (at == G_MAXUINT)
            {
              at = orders->len;
              g_ptr_array_add (orders, g_steal_pointer (&v));
            }
          if (code != factors.null_code)
            {
              /* pandas' groupby leaves out rows whose key is missing */
              Group g = { code, at, g_new (guint, counts[code]), 0 };
              g_array_append_val (groups, g);
            }
        }
      /* rows of each group in frame order */
      for (guint r = 0; r < group_column->n; r++)
        {
          guint code = factors.codes[r];

          if (code == factors.null_code)
            continue;
          /* groups were appended in code order, skipping the null code */
          {
            guint idx = code - (factors.null_code < code ? 1 : 0);
            Group *g = &g_array_index (groups, Group, idx);
            g->rows[g->n_rows++] = r;
          }
        }
      g_array_sort (groups, compare_groups);
    }
  else if (nd_frame_get_n_rows (df) > 0)
    {
      Group g = { 0, 0, NULL, nd_frame_get_n_rows (df) };

      all_rows = g_new (guint, nd_frame_get_n_rows (df));
      for (guint r = 0; r < g.n_rows; r++)
        all_rows[r] = r;
      g.rows = all_rows;
      g_array_append_val (groups, g);
    }

  figure = nd_json_object_new ();
  json_object_set_member (json_node_get_object (figure), "data", nd_json_array_new ());
  data = json_object_get_array_member (json_node_get_object (figure), "data");

  /* make_figure: one trace per group */
  for (guint k = 0; k < groups->len; k++)
    {
      Group *g = &g_array_index (groups, Group, k);
      g_autoptr(JsonNode) trace = nd_json_object_new ();
      JsonObject *t = json_node_get_object (trace);
      g_auto(HoverLines) hover = { 0 };
      g_autofree char *trace_name = NULL;
      g_autofree char *template = NULL;
      const char *group_color = color_at (a, g->order);
      const char *header = "";

      hover_init (&hover);
      if (group_column)
        {
          trace_name = py_str_cell (group_column, g->rows[0]);
          hover_set (&hover, get_label (a, a->color), g_strdup (trace_name));
          legend_title = TRUE;
        }
      else
        trace_name = g_strdup ("");

      json_object_set_string_member (t, "name", trace_name);
      json_object_set_string_member (t, "legendgroup", trace_name);
      json_object_set_boolean_member (t, "showlegend", trace_name[0] != '\0');
      if (a->kind == ND_PX_BAR || a->kind == ND_PX_HISTOGRAM)
        {
          json_object_set_string_member (t, "alignmentgroup", "True");
          json_object_set_string_member (t, "offsetgroup", trace_name);
        }

      /* trace_patch */
      switch (a->kind)
        {
        case ND_PX_SCATTER:
          json_object_set_string_member (t, "mode", "markers");
          break;
        case ND_PX_LINE:
          json_object_set_string_member (t, "mode", a->markers ? "lines+markers" : "lines");
          break;
        case ND_PX_BAR:
          json_object_set_string_member (t, "textposition", "auto");
          break;
        case ND_PX_HISTOGRAM:
          if (a->histfunc)
            json_object_set_string_member (t, "histfunc", a->histfunc);
          if (a->nbins > 0)
            json_object_set_int_member (t, strcmp (a->orientation, "v") == 0 ? "nbinsx" : "nbinsy",
                                        a->nbins);
          json_object_set_string_member (t, "bingroup",
                                         strcmp (a->orientation, "v") == 0 ? "x" : "y");
          break;
        default:
          break;
        }
      if (!gl)
        json_object_set_string_member (t, "orientation", a->orientation);
      if (!isnan (a->opacity))
        json_object_set_double_member (child (t, "marker"), "opacity", a->opacity);
      else if (g_strcmp0 (a->barmode, "overlay") == 0)
        json_object_set_double_member (child (t, "marker"), "opacity", 0.5);

      /* the grouped mappings: color, then symbol / dash / pattern */
      if (!continuous_color)
        json_object_set_string_member (child (t, a->kind == ND_PX_LINE ? "line" : "marker"),
                                       "color", group_color);
      if (a->kind == ND_PX_LINE)
        json_object_set_string_member (child (t, "line"), "dash", "solid");
      if (a->kind == ND_PX_SCATTER || a->kind == ND_PX_LINE)
        json_object_set_string_member (child (t, "marker"), "symbol", "circle");
      if (a->kind == ND_PX_BAR || a->kind == ND_PX_HISTOGRAM)
        json_object_set_string_member (child (child (t, "marker"), "pattern"), "shape", "");

      /* make_trace_kwargs, attributes in px's order */
      if (xc)
        {
          json_object_set_member (t, "x", column_values (xc, g->rows, g->n_rows));
          hover_set (&hover, decorated_label (a, a->x, 'x'), g_strdup ("%{x}"));
        }
      else if (a->kind == ND_PX_HISTOGRAM)
        hover_set (&hover, decorated_label (a, NULL, 'x'), g_strdup ("%{x}"));
      if (yc)
        {
          json_object_set_member (t, "y", column_values (yc, g->rows, g->n_rows));
          hover_set (&hover, decorated_label (a, a->y, 'y'), g_strdup ("%{y}"));
        }
      else if (a->kind == ND_PX_HISTOGRAM)
        hover_set (&hover, decorated_label (a, NULL, 'y'), g_strdup ("%{y}"));
      if (sc)
        {
          JsonObject *marker = child (t, "marker");

          json_object_set_member (marker, "size", column_values (sc, g->rows, g->n_rows));
          json_object_set_string_member (marker, "sizemode", "area");
          json_object_set_member (marker, "sizeref", nd_json_double (sizeref));
          hover_set (&hover, get_label (a, a->size), g_strdup ("%{marker.size}"));
        }
      if (hc && a->kind != ND_PX_HISTOGRAM)
        {
          json_object_set_member (t, "hovertext", column_values (hc, g->rows, g->n_rows));
          header = "<b>%{hovertext}</b><br><br>";
        }
      if (a->hover_data && a->kind != ND_PX_HISTOGRAM)
        {
          JsonArray *cols = json_node_get_array (a->hover_data);
          g_autoptr(GPtrArray) custom = g_ptr_array_new ();

          for (guint j = 0; j < json_array_get_length (cols); j++)
            {
              const char *col = json_array_get_string_element (cols, j);
              gboolean known = FALSE;

              if (g_strcmp0 (col, a->x) == 0 || g_strcmp0 (col, a->y) == 0)
                continue;
              for (guint i = 0; i < custom->len && !known; i++)
                known = strcmp (custom->pdata[i], col) == 0;
              if (!known)
                g_ptr_array_add (custom, (gpointer) col);
              for (guint i = 0; i < custom->len; i++)
                if (strcmp (custom->pdata[i], col) == 0)
                  hover_set (&hover, get_label (a, col), g_strdup_printf ("%%{customdata[%u]}", i));
            }
          if (custom->len > 0)
            {
              /* a row per point: customdata[i] in the hovertemplate */
              g_autofree NdColumn **custom_columns = g_new (NdColumn *, custom->len);
              JsonNode *rows = nd_json_array_new ();

              for (guint i = 0; i < custom->len; i++)
                custom_columns[i] = lookup (df, custom->pdata[i]);
              for (guint r = 0; r < g->n_rows; r++)
                {
                  JsonNode *row = nd_json_array_new ();

                  for (guint i = 0; i < custom->len; i++)
                    json_array_add_element (json_node_get_array (row),
                                            nd_column_get_json (custom_columns[i], g->rows[r]));
                  json_array_add_element (json_node_get_array (rows), row);
                }
              json_object_set_member (t, "customdata", rows);
            }
        }
      if (continuous_color)
        {
          JsonObject *marker = child (t, "marker");

          json_object_set_member (marker, "color", column_values (cc, g->rows, g->n_rows));
          json_object_set_string_member (marker, "coloraxis", "coloraxis");
          hover_set (&hover, get_label (a, a->color), g_strdup ("%{marker.color}"));
        }
      template = hover_template (&hover, header);
      json_object_set_string_member (t, "hovertemplate", template);
      json_object_set_string_member (t, "xaxis", "x");
      json_object_set_string_member (t, "yaxis", "y");
      json_object_set_string_member (t, "type",
                                     a->kind == ND_PX_BAR ? "bar"
                                     : a->kind == ND_PX_HISTOGRAM ? "histogram"
                                     : gl ? "scattergl" : "scatter");
      json_array_add_element (data, sorted_copy (trace));
    }

  /* layout: configure_cartesian_axes and the layout patch */
  json_object_set_member (json_node_get_object (figure), "layout", nd_json_object_new ());
  layout = json_object_get_object_member (json_node_get_object (figure), "layout");
  {
    g_autofree char *x_title = decorated_label (a, a->x, 'x');
    g_autofree char *y_title = decorated_label (a, a->y, 'y');
    JsonNode *x_order = NULL, *y_order = NULL;

    /* an axis whose column has an order lists its categories */
    for (int letter = 0; letter < 2; letter++)
      {
        const char *col = letter == 0 ? a->x : a->y;
        JsonNode **slot = letter == 0 ? &x_order : &y_order;
        JsonArray *user = user_order (a, col);
        JsonNode *arr;

        if (col == NULL || (user == NULL && !(group_column && strcmp (col, a->color) == 0)))
          continue;
        arr = nd_json_array_new ();
        if (group_column && strcmp (col, a->color) == 0)
          for (guint j = 0; j < orders->len; j++)
            json_array_add_element (json_node_get_array (arr), json_node_ref (orders->pdata[j]));
        else
          for (guint j = 0; j < json_array_get_length (user); j++)
            json_array_add_element (json_node_get_array (arr),
                                    json_node_ref (json_array_get_element (user, j)));
        if (letter == 1)
          {
            /* top down for y */
            JsonNode *rev = nd_json_array_new ();
            JsonArray *src = json_node_get_array (arr);

            for (guint j = json_array_get_length (src); j > 0; j--)
              json_array_add_element (json_node_get_array (rev),
                                      json_node_ref (json_array_get_element (src, j - 1)));
            json_node_unref (arr);
            arr = rev;
          }
        *slot = arr;
      }
    json_object_set_member (layout, "xaxis", axis ("y", a->x ? x_title : NULL, a->log_x, x_order));
    json_object_set_member (layout, "yaxis", axis ("x", a->y ? y_title : NULL, a->log_y, y_order));
    if (a->kind == ND_PX_HISTOGRAM)
      {
        /* the value axis is titled even when its column is not given */
        if (a->x == NULL)
          set_title (json_object_get_object_member (layout, "xaxis"), x_title);
        if (a->y == NULL)
          set_title (json_object_get_object_member (layout, "yaxis"), y_title);
      }
  }
  if (continuous_color)
    {
      JsonObject *coloraxis = child (layout, "coloraxis");
      g_autofree char *label = get_label (a, a->color);
      JsonNode *scale = nd_json_array_new ();

      set_title (child (coloraxis, "colorbar"), label);
      for (guint k = 0; k < G_N_ELEMENTS (plasma); k++)
        json_array_add_element (json_node_get_array (scale),
                                nd_list ((double) k / (G_N_ELEMENTS (plasma) - 1), plasma[k]));
      json_object_set_member (coloraxis, "colorscale", scale);
    }
  {
    JsonObject *legend = child (layout, "legend");

    if (legend_title)
      {
        g_autofree char *label = get_label (a, a->color);
        set_title (legend, label);
      }
    json_object_set_int_member (legend, "tracegroupgap", 0);
    if (a->size)
      json_object_set_string_member (legend, "itemsizing", "constant");
  }
  if (a->title)
    set_title (layout, a->title);
  else
    json_object_set_int_member (child (layout, "margin"), "t", 60);
  if (a->height > 0)
    json_object_set_int_member (layout, "height", a->height);
  if (a->width > 0)
    json_object_set_int_member (layout, "width", a->width);
  if (a->kind == ND_PX_BAR || a->kind == ND_PX_HISTOGRAM)
    json_object_set_string_member (layout, "barmode", a->barmode ? a->barmode : "relative");

  for (guint k = 0; k < groups->len; k++)
    if (g_array_index (groups, Group, k).rows != all_rows)
      g_free (g_array_index (groups, Group, k).rows);
  nd_factors_clear (&factors);
  return g_steal_pointer (&figure);
}

/**
 * nd_px_build_valist:
 * @kind: which px function
 * @frame: the data
 * @error: return location for an error
 * @first_option: the first option name, or %NULL
 * @options: its value, then more name, value pairs, then %NULL
 *
 * See nd_px_build().
 *
 * Returns: (transfer full) (nullable): the figure
 */
JsonNode *
nd_px_build_valist (NdPxKind kind, NdFrame *frame, GError **error, const char *first_option,
                    va_list options)
{
  g_auto(Args) a = { 0 };

  a.kind = kind;
  a.size_max = DEFAULT_SIZE_MAX;
  a.opacity = NAN;

  if (!ND_IS_FRAME (frame) || (guint) kind > ND_PX_HISTOGRAM)
    {
      /* still take the options' JSON values */
      parse_options (&a, first_option, options, NULL);
      g_return_val_if_fail (ND_IS_FRAME (frame), NULL);
      g_return_val_if_reached (NULL);
    }
  if (!parse_options (&a, first_option, options, error) || !check_options (&a, error))
    return NULL;
  return make_figure (&a, frame, error);
}

/**
 * nd_px_build:
 * @kind: which px function
 * @frame: the data
 * @error: return location for an error
 * @first_option: the first option name, or %NULL
 * @...: its value, then more name, value pairs, then %NULL
 *
 * The figure `px.<kind>(frame, **options)` returns, or an error where px
 * raises one: an unknown option, a name that is not a column of @frame
 * (%ND_DATA_ERROR_NO_COLUMN), neither x nor y.  The options are listed
 * in nd-express.h.
 *
 * Returns: (transfer full) (nullable): the figure, or %NULL with @error set
 */
JsonNode *
nd_px_build (NdPxKind kind, NdFrame *frame, GError **error, const char *first_option, ...)
{
  JsonNode *figure;
  va_list ap;

  va_start (ap, first_option);
  figure = nd_px_build_valist (kind, frame, error, first_option, ap);
  va_end (ap);
  return figure;
}

static JsonNode *
build_or_warn (NdPxKind kind, NdFrame *frame, const char *first_option, va_list ap)
{
  g_autoptr(GError) error = NULL;
  JsonNode *figure = nd_px_build_valist (kind, frame, &error, first_option, ap);

  if (figure == NULL && error)
    g_warning ("%s", error->message);
  return figure;
}

/**
 * nd_px_scatter:
 * @frame: the data
 * @first_option: the first option name, or %NULL
 * @...: its value, then more name, value pairs, then %NULL
 *
 * `px.scatter(frame, ...)`; errors are logged with g_warning() and give
 * %NULL (use nd_px_build() to handle them).
 *
 * Returns: (transfer full) (nullable): the figure
 */
JsonNode *
nd_px_scatter (NdFrame *frame, const char *first_option, ...)
{
  JsonNode *figure;
  va_list ap;

  va_start (ap, first_option);
  figure = build_or_warn (ND_PX_SCATTER, frame, first_option, ap);
  va_end (ap);
  return figure;
}

/**
 * nd_px_line:
 * @frame: the data
 * @first_option: the first option name, or %NULL
 * @...: its value, then more name, value pairs, then %NULL
 *
 * `px.line(frame, ...)`, as nd_px_scatter().
 *
 * Returns: (transfer full) (nullable): the figure
 */
JsonNode *
nd_px_line (NdFrame *frame, const char *first_option, ...)
{
  JsonNode *figure;
  va_list ap;

  va_start (ap, first_option);
  figure = build_or_warn (ND_PX_LINE, frame, first_option, ap);
  va_end (ap);
  return figure;
}

/**
 * nd_px_bar:
 * @frame: the data
 * @first_option: the first option name, or %NULL
 * @...: its value, then more name, value pairs, then %NULL
 *
 * `px.bar(frame, ...)`, as nd_px_scatter().
 *
 * Returns: (transfer full) (nullable): the figure
 */
JsonNode *
nd_px_bar (NdFrame *frame, const char *first_option, ...)
{
  JsonNode *figure;
  va_list ap;

  va_start (ap, first_option);
  figure = build_or_warn (ND_PX_BAR, frame, first_option, ap);
  va_end (ap);
  return figure;
}

/**
 * nd_px_histogram:
 * @frame: the data
 * @first_option: the first option name, or %NULL
 * @...: its value, then more name, value pairs, then %NULL
 *
 * `px.histogram(frame, ...)`, as nd_px_scatter().
 *
 * Returns: (transfer full) (nullable): the figure
 */
JsonNode *
nd_px_histogram (NdFrame *frame, const char *first_option, ...)
{
  JsonNode *figure;
  va_list ap;

  va_start (ap, first_option);
  figure = build_or_warn (ND_PX_HISTOGRAM, frame, first_option, ap);
  va_end (ap);
  return figure;
}
