/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Typed column storage for NdFrame: one C array per column (doubles,
 * integers, bytes, string pointers), reference-counted so that selecting
 * or renaming columns copies nothing, and filtering copies values but
 * never string bytes.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "nd-frame-private.h"
#include "nd-json.h"

struct _NdStrings
{
  gatomicrefcount  ref;
  GStringChunk    *chunk;
};

NdStrings *
nd_strings_new (void)
{
  NdStrings *strings = g_new0 (NdStrings, 1);

  g_atomic_ref_count_init (&strings->ref);
  strings->chunk = g_string_chunk_new (64 * 1024);
  return strings;
}

NdStrings *
nd_strings_ref (NdStrings *strings)
{
  g_atomic_ref_count_inc (&strings->ref);
  return strings;
}

void
nd_strings_unref (NdStrings *strings)
{
  if (strings && g_atomic_ref_count_dec (&strings->ref))
    {
      g_string_chunk_free (strings->chunk);
      g_free (strings);
    }
}

/* Adding is not thread-safe: only a column under construction adds. */
const char *
nd_strings_add (NdStrings *strings, const char *str, gssize len)
{
  if (str == NULL)
    return NULL;
  return g_string_chunk_insert_len (strings->chunk, str, len);
}

NdColumn *
nd_column_new (NdColumnType type, guint n, NdStrings *strings)
{
  NdColumn *c = g_new0 (NdColumn, 1);

  g_atomic_ref_count_init (&c->ref);
  c->type = type;
  c->n = n;
  switch (type)
    {
    case ND_COLUMN_DOUBLE:
      c->d = g_new (double, MAX (n, 1));
      break;
    case ND_COLUMN_INT64:
      c->i = g_new (gint64, MAX (n, 1));
      break;
    case ND_COLUMN_BOOL:
      c->b = g_new (guint8, MAX (n, 1));
      break;
    case ND_COLUMN_DATE:
      c->i = g_new (gint64, MAX (n, 1));
      G_GNUC_FALLTHROUGH;
    case ND_COLUMN_STRING:
      c->s = g_new0 (const char *, MAX (n, 1));
      c->strings = strings ? nd_strings_ref (strings) : nd_strings_new ();
      break;
    default:
      g_assert_not_reached ();
    }
  return c;
}

NdColumn *
nd_column_ref (NdColumn *column)
{
  g_atomic_ref_count_inc (&column->ref);
  return column;
}

void
nd_column_unref (NdColumn *column)
{
  if (column && g_atomic_ref_count_dec (&column->ref))
    {
      g_free (column->d);
      g_free (column->i);
      g_free (column->b);
      g_free (column->s);
      nd_strings_unref (column->strings);
      g_free (column);
    }
}

/* Gathers @rows; a row of G_MAXUINT gives a missing value (an int64
 * column has none, so callers never ask one for it). */
NdColumn *
nd_column_take (NdColumn *src, const guint *rows, guint n_rows)
{
  NdColumn *c = nd_column_new (src->type, n_rows, src->strings);

  switch (src->type)
    {
    case ND_COLUMN_DOUBLE:
      for (guint k = 0; k < n_rows; k++)
        c->d[k] = rows[k] == G_MAXUINT ? NAN : src->d[rows[k]];
      break;
    case ND_COLUMN_INT64:
      for (guint k = 0; k < n_rows; k++)
        c->i[k] = rows[k] == G_MAXUINT ? 0 : src->i[rows[k]];
      break;
    case ND_COLUMN_BOOL:
      for (guint k = 0; k < n_rows; k++)
        c->b[k] = rows[k] == G_MAXUINT ? ND_BOOL_NULL : src->b[rows[k]];
      break;
    case ND_COLUMN_DATE:
      for (guint k = 0; k < n_rows; k++)
        c->i[k] = rows[k] == G_MAXUINT ? 0 : src->i[rows[k]];
      G_GNUC_FALLTHROUGH;
    case ND_COLUMN_STRING:
      for (guint k = 0; k < n_rows; k++)
        c->s[k] = rows[k] == G_MAXUINT ? NULL : src->s[rows[k]];
      break;
    default:
      g_assert_not_reached ();
    }
  return c;
}

gboolean
nd_column_is_null (NdColumn *c, guint row)
{
  switch (c->type)
    {
    case ND_COLUMN_DOUBLE:
      return isnan (c->d[row]);
    case ND_COLUMN_INT64:
      return FALSE;
    case ND_COLUMN_BOOL:
      return c->b[row] == ND_BOOL_NULL;
    default:
      return c->s[row] == NULL;
    }
}

JsonNode *
nd_column_get_json (NdColumn *c, guint row)
{
  switch (c->type)
    {
    case ND_COLUMN_DOUBLE:
      return nd_json_double (c->d[row]);   /* NaN → null, as plotly's encoder */
    case ND_COLUMN_INT64:
      return nd_json_int (c->i[row]);
    case ND_COLUMN_BOOL:
      return c->b[row] == ND_BOOL_NULL ? nd_json_null () : nd_json_bool (c->b[row]);
    default:
      return nd_json_string (c->s[row]);
    }
}

/* Orders two values that are not missing. */
int
nd_column_compare (NdColumn *c, guint a, guint b)
{
  switch (c->type)
    {
    case ND_COLUMN_DOUBLE:
      return (c->d[a] > c->d[b]) - (c->d[a] < c->d[b]);
    case ND_COLUMN_INT64:
    case ND_COLUMN_DATE:
      return (c->i[a] > c->i[b]) - (c->i[a] < c->i[b]);
    case ND_COLUMN_BOOL:
      return (int) c->b[a] - (int) c->b[b];
    case ND_COLUMN_STRING:
      /* byte order of UTF-8 is code point order, Python's str order */
      return strcmp (c->s[a], c->s[b]);
    default:
      g_assert_not_reached ();
    }
}

/* Factorizing: a hash of keys that point into the column's own arrays. */

static inline guint
mix64 (guint64 x)
{
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return (guint) x;
}

static guint
double_hash (gconstpointer key)
{
  double v = *(const double *) key;
  guint64 bits;

  if (v == 0)
    v = 0;   /* -0.0 and 0.0 are one value */
  memcpy (&bits, &v, sizeof bits);
  return mix64 (bits);
}

static gboolean
double_equal (gconstpointer a, gconstpointer b)
{
  return *(const double *) a == *(const double *) b;
}

static guint
int64_hash (gconstpointer key)
{
  return mix64 ((guint64) *(const gint64 *) key);
}

static gboolean
int64_equal (gconstpointer a, gconstpointer b)
{
  return *(const gint64 *) a == *(const gint64 *) b;
}

void
nd_factors_init (NdFactors *f, NdColumn *c)
{
  g_autoptr(GHashTable) seen = NULL;
  GArray *first = g_array_new (FALSE, FALSE, sizeof (guint));
  guint bool_codes[3] = { G_MAXUINT, G_MAXUINT, G_MAXUINT };

  f->codes = g_new (guint, MAX (c->n, 1));
  f->null_code = G_MAXUINT;

  switch (c->type)
    {
    case ND_COLUMN_DOUBLE:
      seen = g_hash_table_new (double_hash, double_equal);
      break;
    case ND_COLUMN_INT64:
      seen = g_hash_table_new (int64_hash, int64_equal);
      break;
    case ND_COLUMN_STRING:
    case ND_COLUMN_DATE:
      /* dates as their text: pandas holds them as strings */
      seen = g_hash_table_new (g_str_hash, g_str_equal);
      break;
    case ND_COLUMN_BOOL:
    default:
      break;
    }

  for (guint r = 0; r < c->n; r++)
    {
      gpointer key = NULL, value;
      guint code;

      if (c->type == ND_COLUMN_BOOL)
        {
          guint v = c->b[r];

          if (bool_codes[v] == G_MAXUINT)
            {
              bool_codes[v] = first->len;
              g_array_append_val (first, r);
              if (v == ND_BOOL_NULL)
                f->null_code = bool_codes[v];
            }
          f->codes[r] = bool_codes[v];
          continue;
        }
      if (nd_column_is_null (c, r))
        {
          if (f->null_code == G_MAXUINT)
            {
              f->null_code = first->len;
              g_array_append_val (first, r);
            }
          f->codes[r] = f->null_code;
          continue;
        }
      switch (c->type)
        {
        case ND_COLUMN_DOUBLE: key = &c->d[r]; break;
        case ND_COLUMN_INT64: key = &c->i[r]; break;
        default: key = (gpointer) c->s[r]; break;
        }
      value = g_hash_table_lookup (seen, key);
      if (value == NULL)
        {
          code = first->len;
          g_array_append_val (first, r);
          g_hash_table_insert (seen, key, GUINT_TO_POINTER (code + 1));
        }
      else
        code = GPOINTER_TO_UINT (value) - 1;
      f->codes[r] = code;
    }
  f->n_codes = first->len;
  f->first_rows = (guint *) g_array_free (first, FALSE);
}

void
nd_factors_clear (NdFactors *f)
{
  g_clear_pointer (&f->codes, g_free);
  g_clear_pointer (&f->first_rows, g_free);
  f->n_codes = 0;
}
