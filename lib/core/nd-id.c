/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Component ids: string ids and dict ids for pattern matching, their one
 * canonical text (used for prop ids, response keys and context keys), and
 * the ordering of id values that ALLSMALLER relies on.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nd-error.h"
#include "nd-id.h"
#include "nd-json.h"

static const char * const wildcard_names[] = { NULL, "MATCH", "ALL", "ALLSMALLER" };

/**
 * nd_wildcard_new:
 * @wildcard: the wildcard
 *
 * Returns: (transfer full): the wildcard as a dict-id value, `["MATCH"]` etc.
 */
JsonNode *
nd_wildcard_new (NdWildcard wildcard)
{
  JsonNode *node = nd_json_array_new ();

  g_return_val_if_fail (wildcard != ND_WILDCARD_NONE, node);
  json_array_add_string_element (json_node_get_array (node), wildcard_names[wildcard]);
  return node;
}

NdWildcard
nd_wildcard_from_node (JsonNode *value)
{
  JsonArray *arr;
  JsonNode *el;
  const char *s;

  if (value == NULL || JSON_NODE_TYPE (value) != JSON_NODE_ARRAY)
    return ND_WILDCARD_NONE;
  arr = json_node_get_array (value);
  if (json_array_get_length (arr) != 1)
    return ND_WILDCARD_NONE;
  el = json_array_get_element (arr, 0);
  if (!nd_json_is_string (el))
    return ND_WILDCARD_NONE;
  s = json_node_get_string (el);
  for (int i = ND_WILDCARD_MATCH; i <= ND_WILDCARD_ALLSMALLER; i++)
    if (strcmp (s, wildcard_names[i]) == 0)
      return (NdWildcard) i;
  return ND_WILDCARD_NONE;
}

const char *
nd_wildcard_to_string (NdWildcard wildcard)
{
  return wildcard_names[wildcard];
}

gboolean
nd_id_is_dict (JsonNode *id)
{
  return id != NULL && JSON_NODE_TYPE (id) == JSON_NODE_OBJECT;
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Keys of a dict id in code-unit order, as the renderer sorts them. */
static const char **
sorted_keys (JsonObject *obj, guint *n_out)
{
  guint n = json_object_get_size (obj);
  const char **keys = g_new (const char *, n + 1);
  JsonObjectIter iter;
  const char *name;
  guint i = 0;

  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &name, NULL))
    keys[i++] = name;
  keys[n] = NULL;
  qsort (keys, n, sizeof (char *), cmp_str);
  *n_out = n;
  return keys;
}

/**
 * nd_id_write:
 * @out: where to append
 * @id: a string or dict id
 *
 * Appends the canonical id text: a string id as it is; a dict id as compact
 * JSON with sorted keys, numbers as JavaScript writes them.
 */
void
nd_id_write (GString *out, JsonNode *id)
{
  if (id == NULL)
    return;
  if (nd_json_is_string (id))
    g_string_append (out, json_node_get_string (id));
  else
    nd_json_write_canonical (out, id);
}

char *
nd_id_to_string (JsonNode *id)
{
  GString *out = g_string_sized_new (32);

  nd_id_write (out, id);
  return g_string_free (out, FALSE);
}

/* "<canonical id>.<prop>" */
char *
nd_prop_id (JsonNode *id, const char *prop)
{
  GString *out = g_string_sized_new (48);

  nd_id_write (out, id);
  g_string_append_c (out, '.');
  g_string_append (out, prop);
  return g_string_free (out, FALSE);
}

/**
 * nd_id_from_string:
 * @text: id text as used in `_dash-dependencies` and prop ids
 * @error: return location for an error
 *
 * Text starting with `{` is parsed as a dict id; anything else is a string id.
 *
 * Returns: (transfer full): the id, or %NULL on error
 */
JsonNode *
nd_id_from_string (const char *text, GError **error)
{
  if (text[0] == '{')
    {
      JsonNode *node = nd_json_parse (text, -1, 8, error);

      if (node && !nd_id_is_dict (node))
        {
          json_node_unref (node);
          g_set_error (error, ND_ERROR, ND_ERROR_INVALID_ID, "'%s' is not a dict id", text);
          return NULL;
        }
      return node;
    }
  return nd_json_string (text);
}

/**
 * nd_id_validate:
 * @id: a component id
 * @allow_wildcards: whether `MATCH`/`ALL`/`ALLSMALLER` values are allowed
 * @error: return location for an error
 *
 * Checks Dash's id rules: string ids are non-empty and contain neither `.`
 * nor `{`; dict ids have non-empty string keys and string, number or
 * boolean values, with no `.` in the id text (the output-key grammar could
 * not split it).
 */
gboolean
nd_id_validate (JsonNode *id, gboolean allow_wildcards, GError **error)
{
  if (id == NULL || nd_json_is_null (id))
    {
      g_set_error_literal (error, ND_ERROR, ND_ERROR_INVALID_ID, "component id is missing");
      return FALSE;
    }
  if (nd_json_is_string (id))
    {
      const char *s = json_node_get_string (id);

      if (s[0] == '\0')
        {
          g_set_error_literal (error, ND_ERROR, ND_ERROR_INVALID_ID, "component id is an empty string");
          return FALSE;
        }
      if (strchr (s, '.') || strchr (s, '{'))
        {
          g_set_error (error, ND_ERROR, ND_ERROR_INVALID_ID,
                       "component id '%s' contains '%c'; ids may not contain '.' or '{'",
                       s, strchr (s, '.') ? '.' : '{');
          return FALSE;
        }
      return TRUE;
    }
  if (nd_id_is_dict (id))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;
      g_autofree char *text = nd_id_to_string (id);

      if (json_object_get_size (json_node_get_object (id)) == 0)
        {
          g_set_error_literal (error, ND_ERROR, ND_ERROR_INVALID_ID, "dict id {} has no keys");
          return FALSE;
        }
      json_object_iter_init (&iter, json_node_get_object (id));
      while (json_object_iter_next (&iter, &name, &value))
        {
          if (name[0] == '\0')
            {
              g_set_error (error, ND_ERROR, ND_ERROR_INVALID_ID,
                           "dict id %s has an empty key", text);
              return FALSE;
            }
          if (nd_wildcard_from_node (value) != ND_WILDCARD_NONE)
            {
              if (!allow_wildcards)
                {
                  g_set_error (error, ND_ERROR, ND_ERROR_INVALID_ID,
                               "dict id %s: wildcard in key '%s' is only allowed in callback dependencies",
                               text, name);
                  return FALSE;
                }
              continue;
            }
          if (JSON_NODE_TYPE (value) != JSON_NODE_VALUE)
            {
              g_set_error (error, ND_ERROR, ND_ERROR_INVALID_ID,
                           "dict id %s: value of key '%s' must be a string, number or boolean",
                           text, name);
              return FALSE;
            }
        }
      if (strchr (text, '.'))
        {
          g_set_error (error, ND_ERROR, ND_ERROR_INVALID_ID,
                       "dict id %s contains '.', which Dash cannot parse back from a callback key",
                       text);
          return FALSE;
        }
      return TRUE;
    }
  g_set_error_literal (error, ND_ERROR, ND_ERROR_INVALID_ID,
                       "component id must be a string or a dict");
  return FALSE;
}

gboolean
nd_id_has_wildcard (JsonNode *id)
{
  JsonObjectIter iter;
  JsonNode *value;

  if (!nd_id_is_dict (id))
    return FALSE;
  json_object_iter_init (&iter, json_node_get_object (id));
  while (json_object_iter_next (&iter, NULL, &value))
    if (nd_wildcard_from_node (value) != ND_WILDCARD_NONE)
      return TRUE;
  return FALSE;
}

/* Rank for the ordering of id values: numbers and numeric strings first,
 * then booleans, then other strings. */
static int
value_rank (JsonNode *v, double *num)
{
  if (nd_json_is_number (v))
    {
      *num = nd_json_get_number (v);
      return 0;
    }
  if (nd_json_is_string (v))
    {
      const char *s = json_node_get_string (v);
      char *end = NULL;
      double d;

      if (s[0] != '\0' && !g_ascii_isspace (s[0]))
        {
          d = g_ascii_strtod (s, &end);
          if (end && *end == '\0' && isfinite (d))
            {
              *num = d;
              return 0;
            }
        }
      return 2;
    }
  if (v && JSON_NODE_TYPE (v) == JSON_NODE_VALUE &&
      json_node_get_value_type (v) == G_TYPE_BOOLEAN)
    {
      *num = json_node_get_boolean (v) ? 1 : 0;
      return 1;
    }
  return 3;
}

/* The UTF-16 code unit that starts @c: JavaScript compares strings by
 * these, which differs from code point order above U+FFFF. */
static guint32
first_unit (gunichar c)
{
  return c >= 0x10000 ? 0xD800 + ((c - 0x10000) >> 10) : c;
}

static int
compare_utf16 (const char *a, const char *b)
{
  while (*a && *b)
    {
      gunichar ca = g_utf8_get_char (a), cb = g_utf8_get_char (b);

      if (ca != cb)
        {
          guint32 ua = first_unit (ca), ub = first_unit (cb);

          if (ua == ub)   /* same high surrogate: the low ones decide */
            ua = (ca - 0x10000) & 0x3FF, ub = (cb - 0x10000) & 0x3FF;
          return ua < ub ? -1 : 1;
        }
      a = g_utf8_next_char (a);
      b = g_utf8_next_char (b);
    }
  return *a ? 1 : *b ? -1 : 0;
}

/**
 * nd_id_value_compare:
 * @a: a dict-id value
 * @b: another
 *
 * Orders id values as the renderer does for `ALLSMALLER` and for layout
 * order ties: numbers (and numeric strings) numerically, then `false`
 * before `true`, then strings by code units.
 *
 * Returns: negative, 0 or positive
 */
int
nd_id_value_compare (JsonNode *a, JsonNode *b)
{
  double na = 0, nb = 0;
  int ra = value_rank (a, &na), rb = value_rank (b, &nb);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (ra == 0 || ra == 1)
    return na < nb ? -1 : na > nb ? 1 : 0;
  if (ra == 2)
    return compare_utf16 (json_node_get_string (a), json_node_get_string (b));
  return 0;
}

/* Equality of id values: JSON equality, 1 == 1.0 as in JavaScript. */
gboolean
nd_id_value_equal (JsonNode *a, JsonNode *b)
{
  return nd_json_equal (a, b);
}

/* The sorted key names joined by ',' (the renderer's index of dict ids). */
char *
nd_id_key_set (JsonNode *id)
{
  g_autofree const char **keys = NULL;
  guint n;

  if (!nd_id_is_dict (id))
    return NULL;
  keys = sorted_keys (json_node_get_object (id), &n);
  return g_strjoinv (",", (char **) keys);
}
