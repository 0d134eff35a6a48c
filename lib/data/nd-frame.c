/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * NdFrame: a table of named, typed columns with pandas' semantics for the
 * operations Dash apps use (boolean-mask filters, unique(), sort_values,
 * groupby().agg(), to_dict('records'), to_json()).  Frames are values:
 * every operation returns a new frame and leaves its input alone, so one
 * frame loaded at start-up can be read by callbacks on any thread.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "nd-frame-private.h"
#include "nd-json.h"

G_DEFINE_QUARK (nd-data-error-quark, nd_data_error)

struct _NdFrame
{
  GObject    parent_instance;

  guint      n_rows;
  GPtrArray *names;     /* char * */
  GPtrArray *columns;   /* NdColumn * */
  gint64    *index;     /* row labels; NULL for 0 … n_rows - 1 */
};

G_DEFINE_FINAL_TYPE (NdFrame, nd_frame, G_TYPE_OBJECT)

static void
nd_frame_finalize (GObject *object)
{
  NdFrame *self = ND_FRAME (object);

  g_ptr_array_unref (self->names);
  g_ptr_array_unref (self->columns);
  g_free (self->index);

  G_OBJECT_CLASS (nd_frame_parent_class)->finalize (object);
}

static void
nd_frame_class_init (NdFrameClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nd_frame_finalize;
}

static void
nd_frame_init (NdFrame *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_column_unref);
}

/**
 * nd_frame_new:
 *
 * An empty frame, to fill with nd_frame_add_doubles() and friends.
 *
 * Returns: (transfer full): the frame
 */
NdFrame *
nd_frame_new (void)
{
  return g_object_new (ND_TYPE_FRAME, NULL);
}

NdFrame *
nd_frame_new_sized (guint n_rows)
{
  NdFrame *self = nd_frame_new ();

  self->n_rows = n_rows;
  return self;
}

NdFrame *
nd_frame_copy_shallow (NdFrame *frame)
{
  NdFrame *copy = nd_frame_new_sized (frame->n_rows);

  for (guint c = 0; c < frame->columns->len; c++)
    nd_frame_append_column (copy, frame->names->pdata[c],
                            nd_column_ref (frame->columns->pdata[c]));
  if (frame->index)
    copy->index = g_memdup2 (frame->index, sizeof (gint64) * MAX (frame->n_rows, 1));
  return copy;
}

NdColumn *
nd_frame_peek_column (NdFrame *frame, guint column)
{
  return frame->columns->pdata[column];
}

/* Takes @column. */
void
nd_frame_append_column (NdFrame *frame, const char *name, NdColumn *column)
{
  if (frame->columns->len == 0)
    frame->n_rows = column->n;
  g_assert (column->n == frame->n_rows);
  g_ptr_array_add (frame->names, g_strdup (name));
  g_ptr_array_add (frame->columns, column);
}

/**
 * nd_frame_find_column:
 * @frame: a frame
 * @name: a column name
 *
 * Returns: the column's position, or -1 if the frame has no such column
 */
int
nd_frame_find_column (NdFrame *frame, const char *name)
{
  g_return_val_if_fail (ND_IS_FRAME (frame), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint c = 0; c < frame->names->len; c++)
    if (strcmp (frame->names->pdata[c], name) == 0)
      return (int) c;
  return -1;
}

static gboolean
no_column (NdFrame *frame, const char *name, GError **error)
{
  g_autoptr(GString) known = g_string_new (NULL);

  for (guint c = 0; c < frame->names->len; c++)
    g_string_append_printf (known, "%s'%s'", c ? ", " : "", (char *) frame->names->pdata[c]);
  g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_NO_COLUMN,
               "no column '%s' (the frame has %s)", name ? name : "(null)",
               known->len ? known->str : "no columns");
  return FALSE;
}

NdColumn *
nd_frame_lookup_column (NdFrame *frame, const char *name, GError **error)
{
  int c = name ? nd_frame_find_column (frame, name) : -1;

  if (c < 0)
    {
      no_column (frame, name, error);
      return NULL;
    }
  return frame->columns->pdata[c];
}

/* pandas' df[name] = values: a new name appends, a known one replaces. */
static gboolean
put_column (NdFrame *frame, const char *name, NdColumn *column, GError **error)
{
  int at = nd_frame_find_column (frame, name);
  gboolean sole = frame->columns->len == 0 || (frame->columns->len == 1 && at == 0);

  if (!sole && column->n != frame->n_rows)
    {
      g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_LENGTH,
                   "column '%s' has %u values; the frame has %u rows",
                   name, column->n, frame->n_rows);
      nd_column_unref (column);
      return FALSE;
    }
  if (sole && column->n != frame->n_rows)
    g_clear_pointer (&frame->index, g_free);
  if (at < 0)
    {
      nd_frame_append_column (frame, name, column);
      return TRUE;
    }
  nd_column_unref (frame->columns->pdata[at]);
  frame->columns->pdata[at] = column;
  frame->n_rows = column->n;
  return TRUE;
}

/**
 * nd_frame_add_doubles:
 * @frame: a frame
 * @name: the column name
 * @values: (array length=n_values): the values; NaN is a missing value
 * @n_values: the number of values: the frame's number of rows, unless
 *   this is its first column
 * @error: return location for an error
 *
 * Adds a column, or replaces the column of that name (pandas'
 * `df[name] = values`).  Adding is not thread-safe: build a frame before
 * sharing it.
 *
 * Returns: %FALSE if the length does not fit
 */
gboolean
nd_frame_add_doubles (NdFrame *frame, const char *name, const double *values,
                      guint n_values, GError **error)
{
  NdColumn *c;

  g_return_val_if_fail (ND_IS_FRAME (frame), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);

  c = nd_column_new (ND_COLUMN_DOUBLE, n_values, NULL);
  if (n_values)
    memcpy (c->d, values, sizeof (double) * n_values);
  return put_column (frame, name, c, error);
}

/**
 * nd_frame_add_int64s:
 * @frame: a frame
 * @name: the column name
 * @values: (array length=n_values): the values
 * @n_values: the number of values
 * @error: return location for an error
 *
 * Like nd_frame_add_doubles(), for integers.
 *
 * Returns: %FALSE if the length does not fit
 */
gboolean
nd_frame_add_int64s (NdFrame *frame, const char *name, const gint64 *values,
                     guint n_values, GError **error)
{
  NdColumn *c;

  g_return_val_if_fail (ND_IS_FRAME (frame), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);

  c = nd_column_new (ND_COLUMN_INT64, n_values, NULL);
  if (n_values)
    memcpy (c->i, values, sizeof (gint64) * n_values);
  return put_column (frame, name, c, error);
}

/**
 * nd_frame_add_bools:
 * @frame: a frame
 * @name: the column name
 * @values: (array length=n_values): the values
 * @n_values: the number of values
 * @error: return location for an error
 *
 * Like nd_frame_add_doubles(), for booleans.
 *
 * Returns: %FALSE if the length does not fit
 */
gboolean
nd_frame_add_bools (NdFrame *frame, const char *name, const gboolean *values,
                    guint n_values, GError **error)
{
  NdColumn *c;

  g_return_val_if_fail (ND_IS_FRAME (frame), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);

  c = nd_column_new (ND_COLUMN_BOOL, n_values, NULL);
  for (guint r = 0; r < n_values; r++)
    c->b[r] = values[r] ? 1 : 0;
  return put_column (frame, name, c, error);
}

/**
 * nd_frame_add_strings:
 * @frame: a frame
 * @name: the column name
 * @values: (array length=n_values) (element-type utf8): the values
 *   (copied); %NULL elements are missing values
 * @n_values: the number of values
 * @error: return location for an error
 *
 * Like nd_frame_add_doubles(), for text.
 *
 * Returns: %FALSE if the length does not fit or a value is not UTF-8
 */
gboolean
nd_frame_add_strings (NdFrame *frame, const char *name, const char * const *values,
                      guint n_values, GError **error)
{
  NdColumn *c;

  g_return_val_if_fail (ND_IS_FRAME (frame), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);

  for (guint r = 0; r < n_values; r++)
    if (values[r] && !g_utf8_validate (values[r], -1, NULL))
      {
        g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ENCODING,
                     "column '%s', row %u: the text is not UTF-8", name, r);
        return FALSE;
      }
  c = nd_column_new (ND_COLUMN_STRING, n_values, NULL);
  for (guint r = 0; r < n_values; r++)
    c->s[r] = nd_strings_add (c->strings, values[r], -1);
  return put_column (frame, name, c, error);
}

/**
 * nd_frame_add_dates:
 * @frame: a frame
 * @name: the column name
 * @values: (array length=n_values) (element-type utf8): ISO 8601 dates
 *   (`YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.ffffff]]`);
 *   %NULL elements are missing values
 * @n_values: the number of values
 * @error: return location for an error
 *
 * Like nd_frame_add_doubles(), for dates.
 *
 * Returns: %FALSE if the length does not fit or a value is not a date
 */
gboolean
nd_frame_add_dates (NdFrame *frame, const char *name, const char * const *values,
                    guint n_values, GError **error)
{
  NdColumn *c;

  g_return_val_if_fail (ND_IS_FRAME (frame), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);

  c = nd_column_new (ND_COLUMN_DATE, n_values, NULL);
  for (guint r = 0; r < n_values; r++)
    {
      c->i[r] = 0;
      if (values[r] == NULL)
        continue;
      if (!nd_parse_date (values[r], &c->i[r]))
        {
          g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE,
                       "column '%s', row %u: '%s' is not a date (YYYY-MM-DD)",
                       name, r, values[r]);
          nd_column_unref (c);
          return FALSE;
        }
      c->s[r] = nd_strings_add (c->strings, values[r], -1);
    }
  return put_column (frame, name, c, error);
}

/* JSON values to a column, typed as pandas types a list of Python values:
 * integers → int64 (float64 if any is missing), numbers → float64, bools
 * → bool, strings → object.  A column that mixes kinds becomes text (the
 * JSON spelling of each value); objects and arrays are refused. */
static NdColumn *
column_from_nodes (JsonNode **nodes, guint n, const char *name, GError **error)
{
  guint n_int = 0, n_double = 0, n_bool = 0, n_string = 0, n_null = 0;
  NdColumnType type;
  NdColumn *c;

  for (guint r = 0; r < n; r++)
    {
      JsonNode *v = nodes[r];

      if (nd_json_is_null (v))
        {
          n_null++;
          continue;
        }
      if (JSON_NODE_TYPE (v) != JSON_NODE_VALUE)
        {
          g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE,
                       "column '%s', row %u: a table cell cannot hold a JSON %s",
                       name, r, JSON_NODE_TYPE (v) == JSON_NODE_OBJECT ? "object" : "array");
          return NULL;
        }
      switch (json_node_get_value_type (v))
        {
        case G_TYPE_INT64: n_int++; break;
        case G_TYPE_DOUBLE: n_double++; break;
        case G_TYPE_BOOLEAN: n_bool++; break;
        default: n_string++; break;
        }
    }

  if (n_string == 0 && n_bool == 0)
    type = n_int > 0 && n_double == 0 && n_null == 0 ? ND_COLUMN_INT64 : ND_COLUMN_DOUBLE;
  else if (n_bool > 0 && n_string == 0 && n_int == 0 && n_double == 0)
    type = ND_COLUMN_BOOL;
  else
    type = ND_COLUMN_STRING;

  c = nd_column_new (type, n, NULL);
  for (guint r = 0; r < n; r++)
    {
      JsonNode *v = nodes[r];
      gboolean null = nd_json_is_null (v);

      switch (type)
        {
        case ND_COLUMN_INT64:
          c->i[r] = json_node_get_int (v);
          break;
        case ND_COLUMN_DOUBLE:
          c->d[r] = null ? NAN : nd_json_get_number (v);
          break;
        case ND_COLUMN_BOOL:
          c->b[r] = null ? ND_BOOL_NULL : json_node_get_boolean (v) ? 1 : 0;
          break;
        default:
          if (null)
            c->s[r] = NULL;
          else if (json_node_get_value_type (v) == G_TYPE_STRING)
            c->s[r] = nd_strings_add (c->strings, json_node_get_string (v), -1);
          else
            {
              g_autofree char *text = nd_json_to_string (v, FALSE);
              c->s[r] = nd_strings_add (c->strings, text, -1);
            }
          break;
        }
    }
  return c;
}

/**
 * nd_frame_add_json:
 * @frame: a frame
 * @name: the column name
 * @values: a JSON array of scalars
 * @error: return location for an error
 *
 * Adds a column typed from its values as pandas types a Python list:
 * all integers give an int64 column (a float column if any is missing),
 * numbers a double column, booleans a bool column, strings a string
 * column; values of mixed kinds are kept as text.
 *
 * Returns: %FALSE if @values is not an array of scalars or its length
 *   does not fit
 */
gboolean
nd_frame_add_json (NdFrame *frame, const char *name, JsonNode *values, GError **error)
{
  g_autofree JsonNode **nodes = NULL;
  JsonArray *arr;
  NdColumn *c;
  guint n;

  g_return_val_if_fail (ND_IS_FRAME (frame), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (values == NULL || JSON_NODE_TYPE (values) != JSON_NODE_ARRAY)
    {
      g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE,
                   "column '%s': the values must be a JSON array", name);
      return FALSE;
    }
  arr = json_node_get_array (values);
  n = json_array_get_length (arr);
  nodes = g_new (JsonNode *, MAX (n, 1));
  for (guint r = 0; r < n; r++)
    nodes[r] = json_array_get_element (arr, r);
  c = column_from_nodes (nodes, n, name, error);
  return c != NULL && put_column (frame, name, c, error);
}

/**
 * nd_frame_new_from_columns:
 * @columns: a JSON object of arrays, `{"Fruit": ["Apples", …], "Amount": [4, …]}`
 * @error: return location for an error
 *
 * pandas' `pd.DataFrame({...})`: one column per member, typed as
 * nd_frame_add_json() types them.
 *
 * Returns: (transfer full) (nullable): the frame, or %NULL with @error set
 */
NdFrame *
nd_frame_new_from_columns (JsonNode *columns, GError **error)
{
  g_autoptr(NdFrame) frame = nd_frame_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (columns == NULL || JSON_NODE_TYPE (columns) != JSON_NODE_OBJECT)
    {
      g_set_error_literal (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE,
                           "a frame's columns must be a JSON object of arrays");
      return NULL;
    }
  json_object_iter_init_ordered (&iter, json_node_get_object (columns));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (frame->columns->len > 0 && member && JSON_NODE_TYPE (member) == JSON_NODE_ARRAY &&
          json_array_get_length (json_node_get_array (member)) != frame->n_rows)
        {
          g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_LENGTH,
                       "all columns must have the same length: '%s' has %u values, '%s' has %u",
                       name, json_array_get_length (json_node_get_array (member)),
                       (char *) frame->names->pdata[0], frame->n_rows);
          return NULL;
        }
      if (!nd_frame_add_json (frame, name, member, error))
        return NULL;
    }
  return g_steal_pointer (&frame);
}

/* Columns in order of first appearance of their keys, as pandas builds a
 * frame from a list of dicts; a key a row lacks is a missing value. */
static NdFrame *
frame_from_row_objects (JsonNode **rows, guint n_rows, GError **error)
{
  g_autoptr(NdFrame) frame = nd_frame_new_sized (n_rows);
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint r = 0; r < n_rows; r++)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      if (rows[r] == NULL || JSON_NODE_TYPE (rows[r]) != JSON_NODE_OBJECT)
        {
          g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE,
                       "record %u is not a JSON object", r);
          return NULL;
        }
      json_object_iter_init_ordered (&iter, json_node_get_object (rows[r]));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          gpointer pos;
          JsonNode **column_cells;

          if (!g_hash_table_lookup_extended (positions, name, NULL, &pos))
            {
              pos = GUINT_TO_POINTER (names->len);
              g_hash_table_insert (positions, (gpointer) name, pos);
              g_ptr_array_add (names, (gpointer) name);
              g_ptr_array_add (cells, g_new0 (JsonNode *, MAX (n_rows, 1)));
            }
          column_cells = cells->pdata[GPOINTER_TO_UINT (pos)];
          column_cells[r] = member;
        }
    }
  for (guint c = 0; c < names->len; c++)
    {
      NdColumn *column = column_from_nodes (cells->pdata[c], n_rows, names->pdata[c], error);

      if (column == NULL)
        return NULL;
      nd_frame_append_column (frame, names->pdata[c], column);
    }
  return g_steal_pointer (&frame);
}

/**
 * nd_frame_new_from_records:
 * @records: a JSON array of objects, as a DataTable's `data` or pandas'
 *   `to_dict('records')`
 * @error: return location for an error
 *
 * pandas' `pd.DataFrame(records)`: columns in order of first appearance
 * of their keys, typed as nd_frame_add_json() types them; a key that a
 * record lacks is a missing value.
 *
 * Returns: (transfer full) (nullable): the frame, or %NULL with @error set
 */
NdFrame *
nd_frame_new_from_records (JsonNode *records, GError **error)
{
  g_autofree JsonNode **rows = NULL;
  JsonArray *arr;
  guint n;

  if (records == NULL || JSON_NODE_TYPE (records) != JSON_NODE_ARRAY)
    {
      g_set_error_literal (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE,
                           "records must be a JSON array of objects");
      return NULL;
    }
  arr = json_node_get_array (records);
  n = json_array_get_length (arr);
  rows = g_new (JsonNode *, MAX (n, 1));
  for (guint r = 0; r < n; r++)
    rows[r] = json_array_get_element (arr, r);
  return frame_from_row_objects (rows, n, error);
}

/* Row labels from JSON object keys; NULL unless every key is an integer. */
static gint64 *
labels_from_keys (const char **keys, guint n)
{
  g_autofree gint64 *labels = g_new (gint64, MAX (n, 1));

  for (guint r = 0; r < n; r++)
    if (!nd_parse_int64 (keys[r], &labels[r]) || g_ascii_isspace (keys[r][0]))
      return NULL;
  return g_steal_pointer (&labels);
}

static gboolean
python_float (const char *s, double *value)
{
  char *end = NULL;

  while (g_ascii_isspace (*s))
    s++;
  if (*s == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (s, "nan") == 0)
    {
      *value = NAN;
      return TRUE;
    }
  *value = g_ascii_strtod (s, &end);
  while (end && g_ascii_isspace (*end))
    end++;
  return end != NULL && *end == '\0' && end != s;
}

/* pd.read_json's dtype pass: text columns of numbers become floats,
 * bools with gaps floats, and floats that are all whole become ints. */
static NdColumn *
read_json_convert (NdColumn *c)
{
  if (c->n == 0)
    return c;
  if (c->type == ND_COLUMN_STRING)
    {
      g_autofree double *d = g_new (double, c->n);

      for (guint r = 0; r < c->n; r++)
        {
          if (c->s[r] == NULL)
            d[r] = NAN;
          else if (!python_float (c->s[r], &d[r]))
            return c;
        }
      guint n = c->n;

      nd_column_unref (c);
      c = nd_column_new (ND_COLUMN_DOUBLE, n, NULL);
      memcpy (c->d, d, sizeof (double) * n);
    }
  if (c->type == ND_COLUMN_BOOL)
    {
      NdColumn *f = NULL;

      for (guint r = 0; r < c->n && f == NULL; r++)
        if (c->b[r] == ND_BOOL_NULL)
          f = nd_column_new (ND_COLUMN_DOUBLE, c->n, NULL);
      if (f == NULL)
        return c;
      for (guint r = 0; r < c->n; r++)
        f->d[r] = c->b[r] == ND_BOOL_NULL ? NAN : c->b[r];
      nd_column_unref (c);
      c = f;
    }
  if (c->type == ND_COLUMN_DOUBLE)
    {
      NdColumn *i;

      for (guint r = 0; r < c->n; r++)
        if (!(c->d[r] == floor (c->d[r]) && fabs (c->d[r]) < 9.2e18))
          return c;
      i = nd_column_new (ND_COLUMN_INT64, c->n, NULL);
      for (guint r = 0; r < c->n; r++)
        i->i[r] = (gint64) c->d[r];
      nd_column_unref (c);
      c = i;
    }
  return c;
}

static gboolean
json_shape_error (GError **error, const char *what)
{
  g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE,
               "JSON does not have the shape of orient '%s'", what);
  return FALSE;
}

static NdFrame *
from_json_columns (JsonNode *root, gboolean transposed, GError **error)
{
  g_autoptr(NdFrame) frame = NULL;
  g_autoptr(GHashTable) key_rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();       /* outer-inner: row keys */
  g_autoptr(GHashTable) name_cols = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  JsonObjectIter iter;
  const char *outer;
  JsonNode *member;
  const char *orient = transposed ? "index" : "columns";

  if (JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    return json_shape_error (error, orient), NULL;

  /* columns: {col: {row: v}}; index: {row: {col: v}} */
  json_object_iter_init_ordered (&iter, json_node_get_object (root));
  while (json_object_iter_next_ordered (&iter, &outer, &member))
    {
      JsonObjectIter inner_iter;
      const char *inner;
      JsonNode *value;

      if (JSON_NODE_TYPE (member) != JSON_NODE_OBJECT)
        return json_shape_error (error, orient), NULL;
      if (!transposed)
        {
          g_hash_table_insert (name_cols, (gpointer) outer, GUINT_TO_POINTER (names->len));
          g_ptr_array_add (names, (gpointer) outer);
        }
      else if (!g_hash_table_contains (key_rows, outer))
        {
          g_hash_table_insert (key_rows, (gpointer) outer, GUINT_TO_POINTER (keys->len));
          g_ptr_array_add (keys, (gpointer) outer);
        }
      json_object_iter_init_ordered (&inner_iter, json_node_get_object (member));
      while (json_object_iter_next_ordered (&inner_iter, &inner, &value))
        {
          if (transposed)
            {
              if (!g_hash_table_contains (name_cols, inner))
                {
                  g_hash_table_insert (name_cols, (gpointer) inner, GUINT_TO_POINTER (names->len));
                  g_ptr_array_add (names, (gpointer) inner);
                }
            }
          else if (!g_hash_table_contains (key_rows, inner))
            {
              g_hash_table_insert (key_rows, (gpointer) inner, GUINT_TO_POINTER (keys->len));
              g_ptr_array_add (keys, (gpointer) inner);
            }
        }
    }

  frame = nd_frame_new_sized (keys->len);
  for (guint c = 0; c < names->len; c++)
    g_ptr_array_add (cells, g_new0 (JsonNode *, MAX (keys->len, 1)));
  json_object_iter_init_ordered (&iter, json_node_get_object (root));
  while (json_object_iter_next_ordered (&iter, &outer, &member))
    {
      JsonObjectIter inner_iter;
      const char *inner;
      JsonNode *value;

      json_object_iter_init_ordered (&inner_iter, json_node_get_object (member));
      while (json_object_iter_next_ordered (&inner_iter, &inner, &value))
        {
          const char *row_key = transposed ? outer : inner;
          const char *col_name = transposed ? inner : outer;
          guint row = GPOINTER_TO_UINT (g_hash_table_lookup (key_rows, row_key));
          guint col = GPOINTER_TO_UINT (g_hash_table_lookup (name_cols, col_name));
          ((JsonNode **) cells->pdata[col])[row] = value;
        }
    }
  for (guint c = 0; c < names->len; c++)
    {
      NdColumn *column = column_from_nodes (cells->pdata[c], keys->len, names->pdata[c], error);

      if (column == NULL)
        return NULL;
      nd_frame_append_column (frame, names->pdata[c], read_json_convert (column));
    }
  frame->n_rows = keys->len;
  frame->index = labels_from_keys ((const char **) keys->pdata, keys->len);
  return g_steal_pointer (&frame);
}

static NdFrame *
from_json_rows (JsonArray *data, JsonArray *column_names, JsonArray *index, const char *orient,
                GError **error)
{
  guint n_rows = json_array_get_length (data);
  guint n_cols = 0;
  g_autoptr(NdFrame) frame = nd_frame_new_sized (n_rows);
  g_autofree JsonNode **cells = NULL;

  for (guint r = 0; r < n_rows; r++)
    {
      JsonNode *row = json_array_get_element (data, r);

      if (JSON_NODE_TYPE (row) != JSON_NODE_ARRAY)
        return json_shape_error (error, orient), NULL;
      n_cols = MAX (n_cols, json_array_get_length (json_node_get_array (row)));
    }
  if (column_names)
    {
      if (json_array_get_length (column_names) < n_cols)
        return json_shape_error (error, orient), NULL;
      n_cols = json_array_get_length (column_names);
    }
  if (index && json_array_get_length (index) != n_rows)
    return json_shape_error (error, orient), NULL;

  cells = g_new (JsonNode *, MAX (n_rows, 1));
  for (guint c = 0; c < n_cols; c++)
    {
      g_autofree char *name = NULL;
      NdColumn *column;

      if (column_names)
        {
          JsonNode *n = json_array_get_element (column_names, c);
          name = nd_json_is_string (n) ? g_strdup (json_node_get_string (n))
                                       : nd_json_to_string (n, FALSE);
        }
      else
        name = g_strdup_printf ("%u", c);
      for (guint r = 0; r < n_rows; r++)
        {
          JsonArray *row = json_node_get_array (json_array_get_element (data, r));
          cells[r] = c < json_array_get_length (row) ? json_array_get_element (row, c) : NULL;
        }
      column = column_from_nodes (cells, n_rows, name, error);
      if (column == NULL)
        return NULL;
      if (nd_frame_find_column (frame, name) >= 0)
        {
          nd_column_unref (column);
          g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_DUPLICATE,
                       "column '%s' appears twice", name);
          return NULL;
        }
      nd_frame_append_column (frame, name, read_json_convert (column));
    }
  frame->n_rows = n_rows;
  if (index)
    {
      g_autofree gint64 *labels = g_new (gint64, MAX (n_rows, 1));

      for (guint r = 0; r < n_rows; r++)
        {
          JsonNode *label = json_array_get_element (index, r);

          if (!nd_json_is_number (label) || json_node_get_value_type (label) != G_TYPE_INT64)
            {
              g_clear_pointer (&labels, g_free);
              break;
            }
          labels[r] = json_node_get_int (label);
        }
      frame->index = g_steal_pointer (&labels);
    }
  return g_steal_pointer (&frame);
}

/**
 * nd_frame_new_from_json:
 * @text: JSON text as nd_frame_to_json() (or pandas' `to_json()`) writes it
 * @length: the length of @text, or -1 if it is nul-terminated
 * @orient: its shape
 * @error: return location for an error
 *
 * pandas' `pd.read_json (text, orient=...)`: the way a callback reads back
 * a frame that another callback stored in a `dcc.Store`.  As pandas does,
 * columns of numeric text become numbers and columns of whole floats
 * become integers; integer row labels are kept (other labels are
 * replaced by positions).  Date-named columns are not converted to dates.
 * Text that is not JSON gives %ND_ERROR_INVALID_JSON (in the %ND_ERROR
 * domain), JSON of another shape %ND_DATA_ERROR_TYPE.
 *
 * Returns: (transfer full) (nullable): the frame, or %NULL with @error set
 */
NdFrame *
nd_frame_new_from_json (const char *text, gssize length, NdOrient orient, GError **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  root = nd_json_parse (text, length, ND_JSON_DEFAULT_MAX_DEPTH, error);
  if (root == NULL)
    return NULL;

  switch (orient)
    {
    case ND_ORIENT_COLUMNS:
      return from_json_columns (root, FALSE, error);
    case ND_ORIENT_INDEX:
      return from_json_columns (root, TRUE, error);
    case ND_ORIENT_RECORDS:
      {
        NdFrame *frame = nd_frame_new_from_records (root, error);

        if (frame)
          for (guint c = 0; c < frame->columns->len; c++)
            frame->columns->pdata[c] = read_json_convert (frame->columns->pdata[c]);
        return frame;
      }
    case ND_ORIENT_VALUES:
      if (JSON_NODE_TYPE (root) != JSON_NODE_ARRAY)
        return json_shape_error (error, "values"), NULL;
      return from_json_rows (json_node_get_array (root), NULL, NULL, "values", error);
    case ND_ORIENT_SPLIT:
      {
        JsonObject *o;
        JsonNode *columns, *index, *data;

        if (JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
          return json_shape_error (error, "split"), NULL;
        o = json_node_get_object (root);
        columns = json_object_get_member (o, "columns");
        index = json_object_get_member (o, "index");
        data = json_object_get_member (o, "data");
        if (data == NULL || JSON_NODE_TYPE (data) != JSON_NODE_ARRAY ||
            (columns && JSON_NODE_TYPE (columns) != JSON_NODE_ARRAY) ||
            (index && JSON_NODE_TYPE (index) != JSON_NODE_ARRAY))
          return json_shape_error (error, "split"), NULL;
        return from_json_rows (json_node_get_array (data),
                               columns ? json_node_get_array (columns) : NULL,
                               index ? json_node_get_array (index) : NULL, "split", error);
      }
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Accessors */

guint
nd_frame_get_n_rows (NdFrame *frame)
{
  g_return_val_if_fail (ND_IS_FRAME (frame), 0);
  return frame->n_rows;
}

guint
nd_frame_get_n_columns (NdFrame *frame)
{
  g_return_val_if_fail (ND_IS_FRAME (frame), 0);
  return frame->columns->len;
}

/**
 * nd_frame_get_column_name:
 * @frame: a frame
 * @column: a column position
 *
 * Returns: (transfer none): the column's name
 */
const char *
nd_frame_get_column_name (NdFrame *frame, guint column)
{
  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);
  g_return_val_if_fail (column < frame->columns->len, NULL);
  return frame->names->pdata[column];
}

/**
 * nd_frame_get_column_names:
 * @frame: a frame
 *
 * Returns: (transfer full) (array zero-terminated=1): the column names, in order
 */
char **
nd_frame_get_column_names (NdFrame *frame)
{
  char **names;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);

  names = g_new0 (char *, frame->names->len + 1);
  for (guint c = 0; c < frame->names->len; c++)
    names[c] = g_strdup (frame->names->pdata[c]);
  return names;
}

NdColumnType
nd_frame_get_column_type (NdFrame *frame, guint column)
{
  g_return_val_if_fail (ND_IS_FRAME (frame), ND_COLUMN_STRING);
  g_return_val_if_fail (column < frame->columns->len, ND_COLUMN_STRING);
  return ((NdColumn *) frame->columns->pdata[column])->type;
}

/**
 * nd_frame_get_index_label:
 * @frame: a frame
 * @row: a row position
 *
 * The row's label: its position in the frame it was first read into.
 * Filters and sorts keep labels (as pandas keeps its index), and
 * nd_frame_to_json() writes them.
 *
 * Returns: the label
 */
gint64
nd_frame_get_index_label (NdFrame *frame, guint row)
{
  g_return_val_if_fail (ND_IS_FRAME (frame), -1);
  g_return_val_if_fail (row < frame->n_rows, -1);
  return frame->index ? frame->index[row] : (gint64) row;
}

static NdColumn *
typed_column (NdFrame *frame, guint column, NdColumnType type)
{
  NdColumn *c;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);
  g_return_val_if_fail (column < frame->columns->len, NULL);
  c = frame->columns->pdata[column];
  return c->type == type ? c : NULL;
}

/**
 * nd_frame_peek_doubles:
 * @frame: a frame
 * @column: a column position
 *
 * Returns: (transfer none) (nullable): the values of a double column (NaN
 *   for missing ones), or %NULL if the column holds another type
 */
const double *
nd_frame_peek_doubles (NdFrame *frame, guint column)
{
  NdColumn *c = typed_column (frame, column, ND_COLUMN_DOUBLE);
  return c ? c->d : NULL;
}

/**
 * nd_frame_peek_int64s:
 * @frame: a frame
 * @column: a column position
 *
 * Returns: (transfer none) (nullable): the values of an int64 column, or
 *   %NULL if the column holds another type
 */
const gint64 *
nd_frame_peek_int64s (NdFrame *frame, guint column)
{
  NdColumn *c = typed_column (frame, column, ND_COLUMN_INT64);
  return c ? c->i : NULL;
}

/**
 * nd_frame_peek_bools:
 * @frame: a frame
 * @column: a column position
 *
 * Returns: (transfer none) (nullable): the values of a bool column (0, 1
 *   or %ND_BOOL_NULL), or %NULL if the column holds another type
 */
const guint8 *
nd_frame_peek_bools (NdFrame *frame, guint column)
{
  NdColumn *c = typed_column (frame, column, ND_COLUMN_BOOL);
  return c ? c->b : NULL;
}

/**
 * nd_frame_peek_strings:
 * @frame: a frame
 * @column: a column position
 *
 * Returns: (transfer none) (nullable): the text of a string or date column
 *   (%NULL elements for missing values), or %NULL for other types
 */
const char * const *
nd_frame_peek_strings (NdFrame *frame, guint column)
{
  NdColumn *c;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);
  g_return_val_if_fail (column < frame->columns->len, NULL);
  c = frame->columns->pdata[column];
  return c->s;
}

/**
 * nd_frame_peek_dates:
 * @frame: a frame
 * @column: a column position
 *
 * Returns: (transfer none) (nullable): a date column's values in
 *   microseconds since 1970-01-01 UTC (meaningless where the text is
 *   %NULL), or %NULL for other types
 */
const gint64 *
nd_frame_peek_dates (NdFrame *frame, guint column)
{
  NdColumn *c = typed_column (frame, column, ND_COLUMN_DATE);
  return c ? c->i : NULL;
}

gboolean
nd_frame_is_null (NdFrame *frame, guint column, guint row)
{
  g_return_val_if_fail (ND_IS_FRAME (frame), TRUE);
  g_return_val_if_fail (column < frame->columns->len, TRUE);
  g_return_val_if_fail (row < frame->n_rows, TRUE);
  return nd_column_is_null (frame->columns->pdata[column], row);
}

/**
 * nd_frame_get_double:
 * @frame: a frame
 * @column: a column position
 * @row: a row position
 *
 * Returns: a numeric or bool cell as a double; NaN for a missing value or
 *   a text or date column
 */
double
nd_frame_get_double (NdFrame *frame, guint column, guint row)
{
  NdColumn *c;

  g_return_val_if_fail (ND_IS_FRAME (frame), NAN);
  g_return_val_if_fail (column < frame->columns->len, NAN);
  g_return_val_if_fail (row < frame->n_rows, NAN);
  c = frame->columns->pdata[column];
  switch (c->type)
    {
    case ND_COLUMN_DOUBLE: return c->d[row];
    case ND_COLUMN_INT64: return (double) c->i[row];
    case ND_COLUMN_BOOL: return c->b[row] == ND_BOOL_NULL ? NAN : c->b[row];
    default: return NAN;
    }
}

/**
 * nd_frame_get_string:
 * @frame: a frame
 * @column: a column position
 * @row: a row position
 *
 * Returns: (transfer none) (nullable): a text or date cell; %NULL if it is
 *   missing or the column holds another type
 */
const char *
nd_frame_get_string (NdFrame *frame, guint column, guint row)
{
  NdColumn *c;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);
  g_return_val_if_fail (column < frame->columns->len, NULL);
  g_return_val_if_fail (row < frame->n_rows, NULL);
  c = frame->columns->pdata[column];
  return c->s ? c->s[row] : NULL;
}

/**
 * nd_frame_get_value:
 * @frame: a frame
 * @column: a column position
 * @row: a row position
 *
 * Returns: (transfer full): the cell as JSON (null when missing)
 */
JsonNode *
nd_frame_get_value (NdFrame *frame, guint column, guint row)
{
  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);
  g_return_val_if_fail (column < frame->columns->len, NULL);
  g_return_val_if_fail (row < frame->n_rows, NULL);
  return nd_column_get_json (frame->columns->pdata[column], row);
}

/* Row and column selection */

/**
 * nd_frame_take:
 * @frame: a frame
 * @rows: (array length=n_rows): row positions, each below the number of rows
 * @n_rows: the number of positions
 *
 * pandas' `df.iloc[rows]`: the rows in the order given, with their labels.
 *
 * Returns: (transfer full): the new frame
 */
NdFrame *
nd_frame_take (NdFrame *frame, const guint *rows, guint n_rows)
{
  NdFrame *out;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);
  g_return_val_if_fail (rows != NULL || n_rows == 0, NULL);
  for (guint k = 0; k < n_rows; k++)
    g_return_val_if_fail (rows[k] < frame->n_rows, NULL);

  out = nd_frame_new_sized (n_rows);
  for (guint c = 0; c < frame->columns->len; c++)
    nd_frame_append_column (out, frame->names->pdata[c],
                            nd_column_take (frame->columns->pdata[c], rows, n_rows));
  out->index = g_new (gint64, MAX (n_rows, 1));
  for (guint k = 0; k < n_rows; k++)
    out->index[k] = frame->index ? frame->index[rows[k]] : (gint64) rows[k];
  return out;
}

/**
 * nd_frame_head:
 * @frame: a frame
 * @n_rows: how many rows at most
 *
 * Returns: (transfer full): the first @n_rows rows
 */
NdFrame *
nd_frame_head (NdFrame *frame, guint n_rows)
{
  g_autofree guint *rows = NULL;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);
  n_rows = MIN (n_rows, frame->n_rows);
  rows = g_new (guint, MAX (n_rows, 1));
  for (guint k = 0; k < n_rows; k++)
    rows[k] = k;
  return nd_frame_take (frame, rows, n_rows);
}

/**
 * nd_frame_reset_index:
 * @frame: a frame
 *
 * pandas' `reset_index(drop=True)`: the same rows labelled 0, 1, 2, …
 *
 * Returns: (transfer full): the new frame
 */
NdFrame *
nd_frame_reset_index (NdFrame *frame)
{
  NdFrame *out;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);
  out = nd_frame_copy_shallow (frame);
  g_clear_pointer (&out->index, g_free);
  return out;
}

/**
 * nd_frame_select_columns:
 * @frame: a frame
 * @columns: (array zero-terminated=1): column names
 * @error: return location for an error
 *
 * pandas' `df[[...]]`: the named columns in the order given.  Values are
 * shared, not copied.
 *
 * Returns: (transfer full) (nullable): the new frame, or %NULL if a
 *   column does not exist
 */
NdFrame *
nd_frame_select_columns (NdFrame *frame, const char * const *columns, GError **error)
{
  g_autoptr(NdFrame) out = NULL;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);
  g_return_val_if_fail (columns != NULL, NULL);

  out = nd_frame_new_sized (frame->n_rows);
  for (guint k = 0; columns[k]; k++)
    {
      NdColumn *c = nd_frame_lookup_column (frame, columns[k], error);

      if (c == NULL)
        return NULL;
      nd_frame_append_column (out, columns[k], nd_column_ref (c));
    }
  if (frame->index)
    out->index = g_memdup2 (frame->index, sizeof (gint64) * MAX (frame->n_rows, 1));
  return g_steal_pointer (&out);
}

/**
 * nd_frame_select:
 * @frame: a frame
 * @error: return location for an error
 * @first_column: the first column name
 * @...: more column names, then %NULL
 *
 * nd_frame_select_columns() with the names as arguments.
 *
 * Returns: (transfer full) (nullable): the new frame
 */
NdFrame *
nd_frame_select (NdFrame *frame, GError **error, const char *first_column, ...)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  va_list args;

  va_start (args, first_column);
  for (const char *name = first_column; name; name = va_arg (args, const char *))
    g_ptr_array_add (names, (gpointer) name);
  va_end (args);
  g_ptr_array_add (names, NULL);
  return nd_frame_select_columns (frame, (const char * const *) names->pdata, error);
}

/**
 * nd_frame_rename:
 * @frame: a frame
 * @error: return location for an error
 * @first_old_name: a column to rename
 * @...: its new name, then more old, new pairs, then %NULL
 *
 * pandas' `df.rename(columns={old: new})`.
 *
 * Returns: (transfer full) (nullable): the new frame, or %NULL if a column
 *   does not exist or a new name is already taken
 */
NdFrame *
nd_frame_rename (NdFrame *frame, GError **error, const char *first_old_name, ...)
{
  g_autoptr(NdFrame) out = NULL;
  va_list args;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);

  out = nd_frame_copy_shallow (frame);
  va_start (args, first_old_name);
  for (const char *old = first_old_name; old; old = va_arg (args, const char *))
    {
      const char *new_name = va_arg (args, const char *);
      int at = nd_frame_find_column (out, old);

      if (at < 0 || new_name == NULL)
        {
          va_end (args);
          if (at < 0)
            no_column (frame, old, error);
          else
            g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ARGUMENT,
                         "no new name for column '%s'", old);
          return NULL;
        }
      if (strcmp (old, new_name) != 0 && nd_frame_find_column (out, new_name) >= 0)
        {
          va_end (args);
          g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_DUPLICATE,
                       "cannot rename '%s' to '%s': the frame has a column '%s'",
                       old, new_name, new_name);
          return NULL;
        }
      g_free (out->names->pdata[at]);
      out->names->pdata[at] = g_strdup (new_name);
    }
  va_end (args);
  return g_steal_pointer (&out);
}

/* Filters */

static GArray *
rows_new (guint reserve)
{
  return g_array_sized_new (FALSE, FALSE, sizeof (guint), reserve);
}

/**
 * nd_frame_where:
 * @frame: a frame
 * @predicate: (scope call): called for each row
 * @user_data: data for @predicate
 *
 * Returns: (transfer full) (element-type guint): the positions of the rows
 *   @predicate keeps, in order
 */
GArray *
nd_frame_where (NdFrame *frame, NdRowPredicate predicate, gpointer user_data)
{
  GArray *rows;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);
  g_return_val_if_fail (predicate != NULL, NULL);

  rows = rows_new (0);
  for (guint r = 0; r < frame->n_rows; r++)
    if (predicate (frame, r, user_data))
      g_array_append_val (rows, r);
  return rows;
}

/**
 * nd_frame_where_equal:
 * @frame: a frame
 * @column: a column name
 * @value: a JSON scalar
 * @error: return location for an error
 *
 * The rows of pandas' `df[df[column] == value]`: numbers match numeric and
 * bool columns by value (`2007` matches `2007.0`; `true` matches 1), text
 * matches text columns, and a date column matches text that is the same
 * date.  A value of another kind, null, or a missing cell never matches.
 *
 * Returns: (transfer full) (element-type guint) (nullable): the matching
 *   row positions, or %NULL if the column does not exist
 */
GArray *
nd_frame_where_equal (NdFrame *frame, const char *column, JsonNode *value, GError **error)
{
  NdColumn *c;
  GArray *rows;
  GType vt;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);

  if ((c = nd_frame_lookup_column (frame, column, error)) == NULL)
    return NULL;
  rows = rows_new (0);
  if (value == NULL || JSON_NODE_TYPE (value) != JSON_NODE_VALUE)
    return rows;
  vt = json_node_get_value_type (value);

  if (vt == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (value);
      gint64 when;

      if (c->type == ND_COLUMN_STRING)
        {
          for (guint r = 0; r < c->n; r++)
            if (c->s[r] && strcmp (c->s[r], text) == 0)
              g_array_append_val (rows, r);
        }
      else if (c->type == ND_COLUMN_DATE && nd_parse_date (text, &when))
        {
          for (guint r = 0; r < c->n; r++)
            if (c->s[r] && c->i[r] == when)
              g_array_append_val (rows, r);
        }
      return rows;
    }

  if (c->type == ND_COLUMN_INT64 && vt == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (value);

      for (guint r = 0; r < c->n; r++)
        if (c->i[r] == v)
          g_array_append_val (rows, r);
      return rows;
    }
  if (c->type == ND_COLUMN_DOUBLE || c->type == ND_COLUMN_INT64 || c->type == ND_COLUMN_BOOL)
    {
      double v = vt == G_TYPE_BOOLEAN ? (json_node_get_boolean (value) ? 1 : 0)
                                      : nd_json_get_number (value);

      for (guint r = 0; r < c->n; r++)
        {
          double x = c->type == ND_COLUMN_DOUBLE ? c->d[r]
                   : c->type == ND_COLUMN_INT64 ? (double) c->i[r]
                   : c->b[r] == ND_BOOL_NULL ? NAN : c->b[r];
          if (x == v)
            g_array_append_val (rows, r);
        }
    }
  return rows;
}

/**
 * nd_frame_where_range:
 * @frame: a frame
 * @column: a numeric or bool column
 * @min: the lower bound, included (-INFINITY for none)
 * @max: the upper bound, included (INFINITY for none)
 * @error: return location for an error
 *
 * The rows of pandas' `df[df[column].between(min, max)]`; missing values
 * never match.
 *
 * Returns: (transfer full) (element-type guint) (nullable): the matching
 *   row positions, or %NULL if the column does not exist or is not numeric
 */
GArray *
nd_frame_where_range (NdFrame *frame, const char *column, double min, double max,
                      GError **error)
{
  NdColumn *c;
  GArray *rows;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);

  if ((c = nd_frame_lookup_column (frame, column, error)) == NULL)
    return NULL;
  if (c->type == ND_COLUMN_STRING || c->type == ND_COLUMN_DATE)
    {
      g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE,
                   "column '%s' holds %s; a numeric range needs numbers "
                   "(use nd_frame_where_text_range())", column,
                   c->type == ND_COLUMN_DATE ? "dates" : "text");
      return NULL;
    }
  rows = rows_new (0);
  for (guint r = 0; r < c->n; r++)
    {
      double x = c->type == ND_COLUMN_DOUBLE ? c->d[r]
               : c->type == ND_COLUMN_INT64 ? (double) c->i[r]
               : c->b[r] == ND_BOOL_NULL ? NAN : c->b[r];
      if (x >= min && x <= max)
        g_array_append_val (rows, r);
    }
  return rows;
}

/**
 * nd_frame_where_text_range:
 * @frame: a frame
 * @column: a text or date column
 * @min: (nullable): the lower bound, included; %NULL for none
 * @max: (nullable): the upper bound, included; %NULL for none
 * @error: return location for an error
 *
 * The rows whose text sorts between @min and @max (Python's string
 * order); for a date column, the rows whose date lies between the dates
 * @min and @max (as a DatePickerRange gives them: `2018-01-01` includes
 * that day's midnight only).
 *
 * Returns: (transfer full) (element-type guint) (nullable): the matching
 *   row positions, or %NULL on error
 */
GArray *
nd_frame_where_text_range (NdFrame *frame, const char *column, const char *min,
                           const char *max, GError **error)
{
  NdColumn *c;
  GArray *rows;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);

  if ((c = nd_frame_lookup_column (frame, column, error)) == NULL)
    return NULL;
  if (c->type == ND_COLUMN_DATE)
    {
      gint64 lo = G_MININT64, hi = G_MAXINT64;

      if ((min && !nd_parse_date (min, &lo)) || (max && !nd_parse_date (max, &hi)))
        {
          g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE,
                       "column '%s' holds dates; '%s' is not a date (YYYY-MM-DD)",
                       column, min && !nd_parse_date (min, &lo) ? min : max);
          return NULL;
        }
      rows = rows_new (0);
      for (guint r = 0; r < c->n; r++)
        if (c->s[r] && c->i[r] >= lo && c->i[r] <= hi)
          g_array_append_val (rows, r);
      return rows;
    }
  if (c->type != ND_COLUMN_STRING)
    {
      g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE,
                   "column '%s' holds numbers; a text range needs text or dates "
                   "(use nd_frame_where_range())", column);
      return NULL;
    }
  rows = rows_new (0);
  for (guint r = 0; r < c->n; r++)
    if (c->s[r] && (!min || strcmp (c->s[r], min) >= 0) && (!max || strcmp (c->s[r], max) <= 0))
      g_array_append_val (rows, r);
  return rows;
}

static NdFrame *
take_rows (NdFrame *frame, GArray *rows)
{
  NdFrame *out;

  if (rows == NULL)
    return NULL;
  out = nd_frame_take (frame, (guint *) (gpointer) rows->data, rows->len);
  g_array_unref (rows);
  return out;
}

/**
 * nd_frame_filter:
 * @frame: a frame
 * @predicate: (scope call): called for each row
 * @user_data: data for @predicate
 *
 * Returns: (transfer full): the rows @predicate keeps, with their labels
 */
NdFrame *
nd_frame_filter (NdFrame *frame, NdRowPredicate predicate, gpointer user_data)
{
  return take_rows (frame, nd_frame_where (frame, predicate, user_data));
}

/**
 * nd_frame_filter_equal:
 * @frame: a frame
 * @column: a column name
 * @value: a JSON scalar
 * @error: return location for an error
 *
 * pandas' `df[df[column] == value]`, as nd_frame_where_equal() matches.
 *
 * Returns: (transfer full) (nullable): the matching rows, with their labels
 */
NdFrame *
nd_frame_filter_equal (NdFrame *frame, const char *column, JsonNode *value, GError **error)
{
  return take_rows (frame, nd_frame_where_equal (frame, column, value, error));
}

/**
 * nd_frame_filter_equal_string:
 * @frame: a frame
 * @column: a column name
 * @value: the text to match
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the rows where @column is @value
 */
NdFrame *
nd_frame_filter_equal_string (NdFrame *frame, const char *column, const char *value,
                              GError **error)
{
  g_autoptr(JsonNode) v = nd_json_string (value);

  return nd_frame_filter_equal (frame, column, v, error);
}

/**
 * nd_frame_filter_equal_number:
 * @frame: a frame
 * @column: a column name
 * @value: the number to match
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the rows where @column is @value
 */
NdFrame *
nd_frame_filter_equal_number (NdFrame *frame, const char *column, double value,
                              GError **error)
{
  g_autoptr(JsonNode) v = NULL;

  if (value == floor (value) && fabs (value) < 9e15)
    v = nd_json_int ((gint64) value);
  else
    v = nd_json_double (value);
  return nd_frame_filter_equal (frame, column, v, error);
}

/**
 * nd_frame_filter_range:
 * @frame: a frame
 * @column: a numeric column
 * @min: the lower bound, included
 * @max: the upper bound, included
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the rows of nd_frame_where_range()
 */
NdFrame *
nd_frame_filter_range (NdFrame *frame, const char *column, double min, double max,
                       GError **error)
{
  return take_rows (frame, nd_frame_where_range (frame, column, min, max, error));
}

/**
 * nd_frame_filter_text_range:
 * @frame: a frame
 * @column: a text or date column
 * @min: (nullable): the lower bound, included
 * @max: (nullable): the upper bound, included
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the rows of nd_frame_where_text_range()
 */
NdFrame *
nd_frame_filter_text_range (NdFrame *frame, const char *column, const char *min,
                            const char *max, GError **error)
{
  return take_rows (frame, nd_frame_where_text_range (frame, column, min, max, error));
}

/**
 * nd_frame_unique:
 * @frame: a frame
 * @column: a column name
 * @error: return location for an error
 *
 * pandas' `df[column].unique()`: each distinct value once, in order of
 * first appearance, a missing value as null (pandas keeps NaN).  The
 * array is ready for a Dropdown's `options`.
 *
 * Returns: (transfer full) (nullable): a JSON array
 */
JsonNode *
nd_frame_unique (NdFrame *frame, const char *column, GError **error)
{
  NdFactors f;
  NdColumn *c;
  JsonNode *out;
  JsonArray *arr;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);

  if ((c = nd_frame_lookup_column (frame, column, error)) == NULL)
    return NULL;
  nd_factors_init (&f, c);
  out = nd_json_array_new ();
  arr = json_node_get_array (out);
  for (guint k = 0; k < f.n_codes; k++)
    json_array_add_element (arr, nd_column_get_json (c, f.first_rows[k]));
  nd_factors_clear (&f);
  return out;
}

/* Sorting */

typedef struct
{
  NdColumn      **columns;
  const gboolean *ascending;
  guint           n;
} SortKeys;

static gint
compare_rows (gconstpointer pa, gconstpointer pb, gpointer data)
{
  const SortKeys *keys = data;
  guint a = *(const guint *) pa, b = *(const guint *) pb;

  for (guint k = 0; k < keys->n; k++)
    {
      NdColumn *c = keys->columns[k];
      gboolean na = nd_column_is_null (c, a), nb = nd_column_is_null (c, b);
      int r;

      /* pandas' na_position='last', whatever the direction */
      if (na || nb)
        {
          if (na && nb)
            continue;
          return na ? 1 : -1;
        }
      r = nd_column_compare (c, a, b);
      if (r != 0)
        return keys->ascending == NULL || keys->ascending[k] ? r : -r;
    }
  return 0;
}

/**
 * nd_frame_sort_values:
 * @frame: a frame
 * @columns: (array zero-terminated=1): the columns to sort by, most
 *   significant first
 * @ascending: (array) (nullable): one flag per column; %NULL for all ascending
 * @error: return location for an error
 *
 * pandas' `sort_values(by=columns, ascending=ascending, kind='stable')`:
 * rows that compare equal keep their order, missing values go last in
 * either direction, text sorts by code point.  Labels move with their rows.
 *
 * Returns: (transfer full) (nullable): the sorted frame
 */
NdFrame *
nd_frame_sort_values (NdFrame *frame, const char * const *columns, const gboolean *ascending,
                      GError **error)
{
  g_autofree NdColumn **cols = NULL;
  g_autofree guint *rows = NULL;
  SortKeys keys;
  guint n = 0;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);
  g_return_val_if_fail (columns != NULL, NULL);

  while (columns[n])
    n++;
  cols = g_new (NdColumn *, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    if ((cols[k] = nd_frame_lookup_column (frame, columns[k], error)) == NULL)
      return NULL;

  rows = g_new (guint, MAX (frame->n_rows, 1));
  for (guint r = 0; r < frame->n_rows; r++)
    rows[r] = r;
  keys = (SortKeys) { cols, ascending, n };
  /* g_qsort_with_data() is a stable merge sort */
  g_qsort_with_data (rows, frame->n_rows, sizeof (guint), compare_rows, &keys);
  return nd_frame_take (frame, rows, frame->n_rows);
}

/**
 * nd_frame_sort:
 * @frame: a frame
 * @error: return location for an error
 * @first_column: the most significant column
 * @...: a gboolean (%TRUE for ascending), then more column, gboolean
 *   pairs, then %NULL
 *
 * nd_frame_sort_values() with the keys as arguments:
 * `nd_frame_sort (df, &error, "continent", TRUE, "pop", FALSE, NULL)`.
 *
 * Returns: (transfer full) (nullable): the sorted frame
 */
NdFrame *
nd_frame_sort (NdFrame *frame, GError **error, const char *first_column, ...)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) ascending = g_array_new (FALSE, FALSE, sizeof (gboolean));
  va_list args;

  va_start (args, first_column);
  for (const char *name = first_column; name; name = va_arg (args, const char *))
    {
      gboolean asc = va_arg (args, gboolean);

      g_ptr_array_add (names, (gpointer) name);
      g_array_append_val (ascending, asc);
    }
  va_end (args);
  g_ptr_array_add (names, NULL);
  return nd_frame_sort_values (frame, (const char * const *) names->pdata,
                               (const gboolean *) (gpointer) ascending->data, error);
}

/* Group-by */

static const char *
aggregate_name (NdAggregate func)
{
  switch (func)
    {
    case ND_AGG_COUNT: return "count";
    case ND_AGG_SIZE: return "size";
    case ND_AGG_SUM: return "sum";
    case ND_AGG_MEAN: return "mean";
    case ND_AGG_MIN: return "min";
    case ND_AGG_MAX: return "max";
    default: return "?";
    }
}

static NdColumn *
aggregate_column (NdColumn *c, NdAggregate func, const guint *group_of, guint n_rows,
                  guint n_groups, const char *name, GError **error)
{
  NdColumn *out = NULL;

  switch (func)
    {
    case ND_AGG_SIZE:
    case ND_AGG_COUNT:
      out = nd_column_new (ND_COLUMN_INT64, n_groups, NULL);
      memset (out->i, 0, sizeof (gint64) * n_groups);
      for (guint r = 0; r < n_rows; r++)
        if (group_of[r] != G_MAXUINT && (func == ND_AGG_SIZE || !nd_column_is_null (c, r)))
          out->i[group_of[r]]++;
      return out;

    case ND_AGG_SUM:
    case ND_AGG_MEAN:
      if (c->type == ND_COLUMN_STRING || c->type == ND_COLUMN_DATE)
        {
          g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE,
                       "cannot take the %s of column '%s': it holds %s",
                       aggregate_name (func), name,
                       c->type == ND_COLUMN_DATE ? "dates" : "text");
          return NULL;
        }
      if (func == ND_AGG_SUM && c->type != ND_COLUMN_DOUBLE)
        {
          out = nd_column_new (ND_COLUMN_INT64, n_groups, NULL);
          memset (out->i, 0, sizeof (gint64) * n_groups);
          for (guint r = 0; r < n_rows; r++)
            if (group_of[r] != G_MAXUINT && !nd_column_is_null (c, r))
              out->i[group_of[r]] = (gint64) ((guint64) out->i[group_of[r]] +
                                              (guint64) (c->type == ND_COLUMN_INT64 ? c->i[r] : c->b[r]));
          return out;
        }
      else
        {
          /* Kahan-compensated, as pandas' groupby sum and mean */
          g_autofree double *comp = g_new0 (double, MAX (n_groups, 1));
          g_autofree gint64 *count = g_new0 (gint64, MAX (n_groups, 1));

          out = nd_column_new (ND_COLUMN_DOUBLE, n_groups, NULL);
          memset (out->d, 0, sizeof (double) * n_groups);
          for (guint r = 0; r < n_rows; r++)
            {
              guint g = group_of[r];
              double x, y, t;

              if (g == G_MAXUINT || nd_column_is_null (c, r))
                continue;
              x = c->type == ND_COLUMN_DOUBLE ? c->d[r]
                : c->type == ND_COLUMN_INT64 ? (double) c->i[r] : c->b[r];
              y = x - comp[g];
              t = out->d[g] + y;
              comp[g] = t - out->d[g] - y;
              out->d[g] = t;
              count[g]++;
            }
          if (func == ND_AGG_MEAN)
            for (guint g = 0; g < n_groups; g++)
              out->d[g] = count[g] ? out->d[g] / count[g] : NAN;
          return out;
        }

    case ND_AGG_MIN:
    case ND_AGG_MAX:
      {
        g_autofree guint *best = g_new (guint, MAX (n_groups, 1));

        for (guint g = 0; g < n_groups; g++)
          best[g] = G_MAXUINT;
        for (guint r = 0; r < n_rows; r++)
          {
            guint g = group_of[r];
            int cmp;

            if (g == G_MAXUINT || nd_column_is_null (c, r))
              continue;
            if (best[g] == G_MAXUINT)
              {
                best[g] = r;
                continue;
              }
            cmp = nd_column_compare (c, r, best[g]);
            if (func == ND_AGG_MIN ? cmp < 0 : cmp > 0)
              best[g] = r;
          }
        return nd_column_take (c, best, n_groups);
      }
    default:
      g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ARGUMENT, "unknown aggregate %d", func);
      return NULL;
    }
}

/**
 * nd_frame_aggregate:
 * @frame: a frame
 * @by: (array zero-terminated=1): the key columns
 * @aggregations: (array length=n_aggregations): the result columns
 * @n_aggregations: their number
 * @error: return location for an error
 *
 * pandas' `df.groupby(by, as_index=False).agg(name=(column, func), ...)`:
 * one row per distinct combination of keys, sorted by the keys (pandas'
 * default `sort=True`), rows whose key is missing left out; the key
 * columns come first, then one column per aggregation.  Sums and means
 * skip missing values; the mean of nothing is NaN.
 *
 * Returns: (transfer full) (nullable): the aggregated frame
 */
NdFrame *
nd_frame_aggregate (NdFrame *frame, const char * const *by, const NdAggregation *aggregations,
                    guint n_aggregations, GError **error)
{
  g_autoptr(NdFrame) out = NULL;
  g_autofree guint *group_of = NULL;
  g_autofree guint *reps = NULL;
  g_autofree guint *order = NULL;
  g_autofree guint *rank = NULL;
  g_autofree NdColumn **keys = NULL;
  guint n_keys = 0, n_groups;
  SortKeys sort_keys;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);
  g_return_val_if_fail (by != NULL, NULL);
  g_return_val_if_fail (aggregations != NULL || n_aggregations == 0, NULL);

  while (by[n_keys])
    n_keys++;
  keys = g_new (NdColumn *, MAX (n_keys, 1));
  for (guint k = 0; k < n_keys; k++)
    if ((keys[k] = nd_frame_lookup_column (frame, by[k], error)) == NULL)
      return NULL;
  for (guint a = 0; a < n_aggregations; a++)
    {
      const char *name = aggregations[a].name ? aggregations[a].name
                       : aggregations[a].column ? aggregations[a].column : "size";

      if (aggregations[a].column == NULL && aggregations[a].func != ND_AGG_SIZE)
        {
          g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ARGUMENT,
                       "aggregation %u (%s) needs a column", a, aggregate_name (aggregations[a].func));
          return NULL;
        }
      if (aggregations[a].column && !nd_frame_lookup_column (frame, aggregations[a].column, error))
        return NULL;
      for (guint k = 0; k < n_keys; k++)
        if (strcmp (by[k], name) == 0)
          {
            g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_DUPLICATE,
                         "aggregation '%s' has the name of a key column", name);
            return NULL;
          }
      for (guint b = 0; b < a; b++)
        {
          const char *other = aggregations[b].name ? aggregations[b].name
                            : aggregations[b].column ? aggregations[b].column : "size";
          if (strcmp (other, name) == 0)
            {
              g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_DUPLICATE,
                           "two aggregations are named '%s'", name);
              return NULL;
            }
        }
    }

  /* group ids in order of first appearance, combining the keys' codes */
  group_of = g_new (guint, MAX (frame->n_rows, 1));
  for (guint r = 0; r < frame->n_rows; r++)
    group_of[r] = 0;
  n_groups = frame->n_rows ? 1 : 0;
  for (guint k = 0; k < n_keys; k++)
    {
      g_autoptr(GHashTable) combined = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      NdFactors f;
      guint next = 0;

      nd_factors_init (&f, keys[k]);
      for (guint r = 0; r < frame->n_rows; r++)
        {
          gint64 pair;
          gpointer found;

          if (group_of[r] == G_MAXUINT || f.codes[r] == f.null_code)
            {
              group_of[r] = G_MAXUINT;   /* pandas' dropna=True */
              continue;
            }
          pair = ((gint64) group_of[r] << 32) | f.codes[r];
          found = g_hash_table_lookup (combined, &pair);
          if (found == NULL)
            {
              g_hash_table_insert (combined, g_memdup2 (&pair, sizeof pair),
                                   GUINT_TO_POINTER (++next));
              group_of[r] = next - 1;
            }
          else
            group_of[r] = GPOINTER_TO_UINT (found) - 1;
        }
      nd_factors_clear (&f);
      n_groups = next;
    }

  reps = g_new (guint, MAX (n_groups, 1));
  for (guint g = 0; g < n_groups; g++)
    reps[g] = G_MAXUINT;
  for (guint r = 0; r < frame->n_rows; r++)
    if (group_of[r] != G_MAXUINT && reps[group_of[r]] == G_MAXUINT)
      reps[group_of[r]] = r;

  /* groups sorted by their keys */
  order = g_memdup2 (reps, sizeof (guint) * MAX (n_groups, 1));
  sort_keys = (SortKeys) { keys, NULL, n_keys };
  g_qsort_with_data (order, n_groups, sizeof (guint), compare_rows, &sort_keys);
  rank = g_new (guint, MAX (n_groups, 1));
  for (guint g = 0; g < n_groups; g++)
    rank[group_of[order[g]]] = g;
  for (guint r = 0; r < frame->n_rows; r++)
    if (group_of[r] != G_MAXUINT)
      group_of[r] = rank[group_of[r]];

  out = nd_frame_new_sized (n_groups);
  for (guint k = 0; k < n_keys; k++)
    nd_frame_append_column (out, by[k], nd_column_take (keys[k], order, n_groups));
  for (guint a = 0; a < n_aggregations; a++)
    {
      const NdAggregation *agg = &aggregations[a];
      NdColumn *src = agg->column ? nd_frame_lookup_column (frame, agg->column, NULL)
                                  : (n_keys ? keys[0] : NULL);
      NdColumn *result;

      if (src == NULL)
        {
          /* size with no keys: one group of every row */
          result = nd_column_new (ND_COLUMN_INT64, n_groups, NULL);
          for (guint g = 0; g < n_groups; g++)
            result->i[g] = frame->n_rows;
        }
      else if ((result = aggregate_column (src, agg->func, group_of, frame->n_rows, n_groups,
                                           agg->column ? agg->column : "size", error)) == NULL)
        return NULL;
      nd_frame_append_column (out, agg->name ? agg->name : agg->column ? agg->column : "size",
                              result);
    }
  return g_steal_pointer (&out);
}

/**
 * nd_frame_group_by:
 * @frame: a frame
 * @by: the key column
 * @error: return location for an error
 * @first_column: the first column to aggregate
 * @...: its #NdAggregate, then more column, #NdAggregate pairs, then %NULL
 *
 * nd_frame_aggregate() on one key, each result column named after its
 * source: `nd_frame_group_by (df, "continent", &error, "lifeExp",
 * ND_AGG_MEAN, "pop", ND_AGG_SUM, NULL)` is pandas'
 * `df.groupby('continent', as_index=False).agg({'lifeExp': 'mean', 'pop': 'sum'})`.
 *
 * Returns: (transfer full) (nullable): the aggregated frame
 */
NdFrame *
nd_frame_group_by (NdFrame *frame, const char *by, GError **error, const char *first_column, ...)
{
  g_autoptr(GArray) aggs = g_array_new (FALSE, FALSE, sizeof (NdAggregation));
  const char *keys[] = { by, NULL };
  va_list args;

  g_return_val_if_fail (by != NULL, NULL);

  va_start (args, first_column);
  for (const char *name = first_column; name; name = va_arg (args, const char *))
    {
      NdAggregation agg = { name, va_arg (args, NdAggregate), NULL };
      g_array_append_val (aggs, agg);
    }
  va_end (args);
  return nd_frame_aggregate (frame, keys, (NdAggregation *) (gpointer) aggs->data, aggs->len, error);
}

/* Output */

/**
 * nd_frame_to_records:
 * @frame: a frame
 *
 * pandas' `to_dict('records')` as Dash sends it: one object per row, for
 * a DataTable's `data`.  Missing values are null; dates are their text.
 *
 * Returns: (transfer full): a JSON array of objects
 */
JsonNode *
nd_frame_to_records (NdFrame *frame)
{
  JsonNode *out;
  JsonArray *arr;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);

  out = nd_json_array_new ();
  arr = json_node_get_array (out);
  for (guint r = 0; r < frame->n_rows; r++)
    {
      JsonObject *row = json_object_new ();

      for (guint c = 0; c < frame->columns->len; c++)
        json_object_set_member (row, frame->names->pdata[c],
                                nd_column_get_json (frame->columns->pdata[c], r));
      json_array_add_object_element (arr, row);
    }
  return out;
}

/**
 * nd_frame_column_to_json:
 * @frame: a frame
 * @column: a column name
 * @error: return location for an error
 *
 * A column as a trace's data: `df[column]` handed to a figure.
 *
 * Returns: (transfer full) (nullable): a JSON array
 */
JsonNode *
nd_frame_column_to_json (NdFrame *frame, const char *column, GError **error)
{
  NdColumn *c;
  JsonNode *out;
  JsonArray *arr;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);

  if ((c = nd_frame_lookup_column (frame, column, error)) == NULL)
    return NULL;
  out = nd_json_array_new ();
  arr = json_node_get_array (out);
  for (guint r = 0; r < c->n; r++)
    json_array_add_element (arr, nd_column_get_json (c, r));
  return out;
}

static void
write_cell (GString *out, NdColumn *c, guint row)
{
  switch (c->type)
    {
    case ND_COLUMN_DOUBLE:
      nd_pandas_json_write (out, c->d[row]);
      break;
    case ND_COLUMN_INT64:
      nd_append_int64 (out, c->i[row]);
      break;
    case ND_COLUMN_BOOL:
      g_string_append (out, c->b[row] == ND_BOOL_NULL ? "null" : c->b[row] ? "true" : "false");
      break;
    default:
      if (c->s[row])
        nd_json_write_string (out, c->s[row]);
      else
        g_string_append (out, "null");
      break;
    }
}

static void
write_label (GString *out, NdFrame *frame, guint row, gboolean as_key)
{
  gint64 label = frame->index ? frame->index[row] : (gint64) row;

  if (as_key)
    g_string_append_c (out, '"');
  nd_append_int64 (out, label);
  if (as_key)
    g_string_append_c (out, '"');
}

/**
 * nd_frame_write_json:
 * @frame: a frame
 * @out: where to append the text
 * @orient: the shape
 *
 * Appends what nd_frame_to_json() returns.
 */
void
nd_frame_write_json (NdFrame *frame, GString *out, NdOrient orient)
{
  guint n_cols;

  g_return_if_fail (ND_IS_FRAME (frame));
  g_return_if_fail (out != NULL);

  n_cols = frame->columns->len;
  switch (orient)
    {
    case ND_ORIENT_COLUMNS:
      g_string_append_c (out, '{');
      for (guint c = 0; c < n_cols; c++)
        {
          if (c)
            g_string_append_c (out, ',');
          nd_json_write_string (out, frame->names->pdata[c]);
          g_string_append (out, ":{");
          for (guint r = 0; r < frame->n_rows; r++)
            {
              if (r)
                g_string_append_c (out, ',');
              write_label (out, frame, r, TRUE);
              g_string_append_c (out, ':');
              write_cell (out, frame->columns->pdata[c], r);
            }
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, '}');
      break;

    case ND_ORIENT_INDEX:
      g_string_append_c (out, '{');
      for (guint r = 0; r < frame->n_rows; r++)
        {
          if (r)
            g_string_append_c (out, ',');
          write_label (out, frame, r, TRUE);
          g_string_append (out, ":{");
          for (guint c = 0; c < n_cols; c++)
            {
              if (c)
                g_string_append_c (out, ',');
              nd_json_write_string (out, frame->names->pdata[c]);
              g_string_append_c (out, ':');
              write_cell (out, frame->columns->pdata[c], r);
            }
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, '}');
      break;

    case ND_ORIENT_RECORDS:
      g_string_append_c (out, '[');
      for (guint r = 0; r < frame->n_rows; r++)
        {
          if (r)
            g_string_append_c (out, ',');
          g_string_append_c (out, '{');
          for (guint c = 0; c < n_cols; c++)
            {
              if (c)
                g_string_append_c (out, ',');
              nd_json_write_string (out, frame->names->pdata[c]);
              g_string_append_c (out, ':');
              write_cell (out, frame->columns->pdata[c], r);
            }
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
      break;

    case ND_ORIENT_SPLIT:
    case ND_ORIENT_VALUES:
      if (orient == ND_ORIENT_SPLIT)
        {
          g_string_append (out, "{\"columns\":[");
          for (guint c = 0; c < n_cols; c++)
            {
              if (c)
                g_string_append_c (out, ',');
              nd_json_write_string (out, frame->names->pdata[c]);
            }
          g_string_append (out, "],\"index\":[");
          for (guint r = 0; r < frame->n_rows; r++)
            {
              if (r)
                g_string_append_c (out, ',');
              write_label (out, frame, r, FALSE);
            }
          g_string_append (out, "],\"data\":");
        }
      g_string_append_c (out, '[');
      for (guint r = 0; r < frame->n_rows; r++)
        {
          if (r)
            g_string_append_c (out, ',');
          g_string_append_c (out, '[');
          for (guint c = 0; c < n_cols; c++)
            {
              if (c)
                g_string_append_c (out, ',');
              write_cell (out, frame->columns->pdata[c], r);
            }
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, ']');
      if (orient == ND_ORIENT_SPLIT)
        g_string_append_c (out, '}');
      break;

    default:
      g_return_if_reached ();
    }
}

/**
 * nd_frame_to_json:
 * @frame: a frame
 * @orient: the shape; %ND_ORIENT_COLUMNS is pandas' default
 *
 * pandas' `DataFrame.to_json(orient=...)`, the text a callback puts in a
 * `dcc.Store`: row labels are the frame's index labels, doubles carry at
 * most ten decimals (pandas' `double_precision=10`), missing values are
 * null, dates are their text.  Numbers are spelled as JavaScript spells
 * them, so the text parses to the same values pandas' text parses to.
 *
 * Returns: (transfer full): the JSON text
 */
char *
nd_frame_to_json (NdFrame *frame, NdOrient orient)
{
  GString *out;

  g_return_val_if_fail (ND_IS_FRAME (frame), NULL);

  out = g_string_sized_new (64 + (gsize) frame->n_rows * frame->columns->len * 8);
  nd_frame_write_json (frame, out, orient);
  return g_string_free (out, FALSE);
}
