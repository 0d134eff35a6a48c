/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * JSON helpers shared by every layer: a depth-bounded parser front, a writer
 * that prints numbers the way JavaScript's JSON.stringify does (the Dash
 * renderer compares some JSON texts literally), deep equality as the
 * renderer applies it, and deep copies.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "nd-error.h"
#include "nd-json.h"

G_DEFINE_QUARK (nd-error-quark, nd_error)

/* Scan once for nesting depth and UTF-8 before handing text to json-glib,
 * whose recursive parser has no depth limit in 1.6. */
static gboolean
json_fail (GError **error, const char *data, const char *p, const char *what)
{
  g_set_error (error, ND_ERROR, ND_ERROR_INVALID_JSON,
               "invalid JSON: %s at byte %" G_GSIZE_FORMAT, what, (gsize) (p - data));
  return FALSE;
}

static const char *
skip_ws (const char *p, const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

/* A string starting at the quote *p; returns past the closing quote. */
static const char *
scan_string (const char *p, const char *end)
{
  for (p++; p < end; p++)
    {
      guchar c = *p;

      if (c == '"')
        return p + 1;
      if (c < 0x20)
        return NULL;
      if (c == '\\')
        {
          if (++p >= end)
            return NULL;
          if (*p == 'u')
            {
              for (int k = 0; k < 4; k++)
                if (++p >= end || !g_ascii_isxdigit (*p))
                  return NULL;
            }
          else if (strchr ("\"\\/bfnrt", *p) == NULL || *p == '\0')
            return NULL;
        }
    }
  return NULL;
}

static const char *
scan_number (const char *p, const char *end)
{
  if (p < end && *p == '-')
    p++;
  if (p < end && *p == '0')
    p++;
  else if (p < end && *p >= '1' && *p <= '9')
    while (p < end && g_ascii_isdigit (*p))
      p++;
  else
    return NULL;
  if (p < end && *p == '.')
    {
      if (++p >= end || !g_ascii_isdigit (*p))
        return NULL;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return NULL;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  return p;
}

/* Checks @data is strict JSON (RFC 8259) nested at most @max_depth deep,
 * before json-glib (which accepts single quotes, hex, comments, and
 * recurses without bound) sees it.  Iterative, so any input is safe. */
static gboolean
check_json (const char *data, gsize len, guint max_depth, GArray *big_ints, GError **error)
{
  const char *p = data, *end = data + len;
  g_autofree char *stack = g_malloc (max_depth + 1);
  guint depth = 0;

value:
  p = skip_ws (p, end);
  if (p >= end)
    return json_fail (error, data, p, "a value is missing");
  switch (*p)
    {
    case '{':
    case '[':
      if (depth >= max_depth)
        {
          g_set_error (error, ND_ERROR, ND_ERROR_NESTING,
                       "JSON nested deeper than %u levels (at byte %" G_GSIZE_FORMAT ")",
                       max_depth, (gsize) (p - data));
          return FALSE;
        }
      stack[depth++] = *p++;
      p = skip_ws (p, end);
      if (p < end && *p == (stack[depth - 1] == '{' ? '}' : ']'))
        {
          p++;
          depth--;
          goto after;
        }
      if (stack[depth - 1] == '[')
        goto value;
      goto key;
    case '"':
      if ((p = scan_string (p, end)) == NULL)
        return json_fail (error, data, end, "a string is not closed or has a bad escape or control character");
      goto after;
    case 't':
      if (end - p >= 4 && memcmp (p, "true", 4) == 0) { p += 4; goto after; }
      break;
    case 'f':
      if (end - p >= 5 && memcmp (p, "false", 5) == 0) { p += 5; goto after; }
      break;
    case 'n':
      if (end - p >= 4 && memcmp (p, "null", 4) == 0) { p += 4; goto after; }
      break;
    default:
      if (*p == '-' || g_ascii_isdigit (*p))
        {
          const char *q = scan_number (p, end);

          if (q == NULL)
            return json_fail (error, data, p, "a malformed number");
          /* an integer past int64 (json-glib would wrap it): a double, as
           * in JavaScript; remember where it ends */
          if (big_ints && q - p > 18 && !memchr (p, '.', q - p) && !memchr (p, 'e', q - p) &&
              !memchr (p, 'E', q - p))
            {
              char *stop;
              errno = 0;
              g_ascii_strtoll (p, &stop, 10);
              if (errno == ERANGE)
                {
                  gsize at = q - data;
                  g_array_append_val (big_ints, at);
                }
            }
          p = q;
          goto after;
        }
      break;
    }
  return json_fail (error, data, p, "unexpected character");

key:
  p = skip_ws (p, end);
  if (p >= end || *p != '"')
    return json_fail (error, data, p, "an object key must be a string");
  if ((p = scan_string (p, end)) == NULL)
    return json_fail (error, data, end, "a key is not closed or has a bad escape");
  p = skip_ws (p, end);
  if (p >= end || *p != ':')
    return json_fail (error, data, p, "':' expected after an object key");
  p++;
  goto value;

after:
  p = skip_ws (p, end);
  if (depth == 0)
    return p == end ? TRUE : json_fail (error, data, p, "text after the value");
  if (p >= end)
    return json_fail (error, data, p, "the text ends inside an array or object");
  if (*p == ',')
    {
      p++;
      if (stack[depth - 1] == '[')
        goto value;
      goto key;
    }
  if (*p == (stack[depth - 1] == '{' ? '}' : ']'))
    {
      p++;
      depth--;
      goto after;
    }
  return json_fail (error, data, p, stack[depth - 1] == '{' ? "',' or '}' expected" : "',' or ']' expected");
}

JsonNode *
nd_json_parse (const char *data, gssize length, guint max_depth, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) big_ints = NULL;
  g_autofree char *widened = NULL;
  const char *end = NULL;
  gsize len;
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (!g_utf8_validate (data, len, &end))
    {
      g_set_error (error, ND_ERROR, ND_ERROR_INVALID_JSON,
                   "JSON text is not valid UTF-8 (at byte %" G_GSIZE_FORMAT ")",
                   (gsize) (end - data));
      return NULL;
    }
  big_ints = g_array_new (FALSE, FALSE, sizeof (gsize));
  if (!check_json (data, len, max_depth ? max_depth : ND_JSON_DEFAULT_MAX_DEPTH, big_ints, error))
    return NULL;
  if (big_ints->len)
    {
      /* give each one a fraction so json-glib reads a double */
      GString *fixed = g_string_sized_new (len + big_ints->len * 2);
      gsize from = 0;

      for (guint i = 0; i < big_ints->len; i++)
        {
          gsize at = g_array_index (big_ints, gsize, i);
          g_string_append_len (fixed, data + from, at - from);
          g_string_append (fixed, ".0");
          from = at;
        }
      g_string_append_len (fixed, data + from, len - from);
      len = fixed->len;
      data = widened = g_string_free (fixed, FALSE);
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, ND_ERROR, ND_ERROR_INVALID_JSON,
                   "invalid JSON: %s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, ND_ERROR, ND_ERROR_INVALID_JSON, "empty JSON text");
      return NULL;
    }
  /* Immutable parsers hand out sealed trees; callers edit copies. */
  return nd_json_deep_copy (root);
}

JsonNode *
nd_json_parse_file (const char *path, guint max_depth, GError **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  node = nd_json_parse (contents, len, max_depth, &local_error);
  if (node == NULL)
    {
      g_set_error (error, ND_ERROR, local_error->code, "%s: %s", path, local_error->message);
      return NULL;
    }
  return node;
}

/* Number formatting as ECMAScript Number::toString: shortest digits that
 * round-trip, plain notation for exponents in [-7, 21), integers without
 * a trailing ".0", NaN and infinities as null (JSON has no spelling). */
void
nd_json_write_number (GString *out, double v)
{
  char buf[40];
  char digits[24];
  int k = 0, exp10 = 0, n;

  if (!isfinite (v))
    {
      g_string_append (out, "null");
      return;
    }
  if (v == 0)
    {
      g_string_append_c (out, '0');
      return;
    }
  if (v == floor (v) && fabs (v) < 1e15)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) v);
      return;
    }
  if (v < 0)
    {
      g_string_append_c (out, '-');
      v = -v;
    }
  for (int prec = 0; prec < 17; prec++)
    {
      snprintf (buf, sizeof buf, "%.*e", prec, v);
      if (strtod (buf, NULL) == v)
        break;
    }
  /* buf is d[.ddd]e[+-]xx */
  for (const char *p = buf; *p && *p != 'e'; p++)
    if (*p >= '0' && *p <= '9')
      digits[k++] = *p;
  while (k > 1 && digits[k - 1] == '0')
    k--;
  digits[k] = '\0';
  exp10 = atoi (strchr (buf, 'e') + 1);
  n = exp10 + 1;

  if (k <= n && n <= 21)
    {
      g_string_append_len (out, digits, k);
      for (int i = k; i < n; i++)
        g_string_append_c (out, '0');
    }
  else if (0 < n && n <= 21)
    {
      g_string_append_len (out, digits, n);
      g_string_append_c (out, '.');
      g_string_append (out, digits + n);
    }
  else if (-6 < n && n <= 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -n; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (k > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%d", n - 1 >= 0 ? '+' : '-', abs (n - 1));
    }
}

/* Escape as JSON.stringify does: quotes, backslash and control characters;
 * non-ASCII stays as UTF-8. */
void
nd_json_write_string (GString *out, const char *str)
{
  const char *p, *run;

  g_string_append_c (out, '"');
  for (p = run = str; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
write_value (GString *out, JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      nd_json_write_number (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      nd_json_write_string (out, json_node_get_string (node));
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (a, b);
}

static void
write_node (GString *out, JsonNode *node, int indent, int level, gboolean sorted)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *obj = json_node_get_object (node);
        gboolean first = TRUE;
        JsonObjectIter iter;
        GList *names = NULL, *l = NULL;
        const char *name;
        JsonNode *member;

        g_string_append_c (out, '{');
        if (sorted)
          l = names = g_list_sort (json_object_get_members (obj), compare_names);
        else
          json_object_iter_init_ordered (&iter, obj);
        while (sorted ? l != NULL : json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (sorted)
              {
                name = l->data;
                member = json_object_get_member (obj, name);
                l = l->next;
              }
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            if (indent > 0)
              g_string_append_printf (out, "\n%*s", indent * (level + 1), "");
            nd_json_write_string (out, name);
            g_string_append (out, indent > 0 ? ": " : ":");
            write_node (out, member, indent, level + 1, sorted);
          }
        g_list_free (names);
        if (indent > 0 && !first)
          g_string_append_printf (out, "\n%*s", indent * level, "");
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *arr = json_node_get_array (node);
        guint n = json_array_get_length (arr);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i)
              g_string_append_c (out, ',');
            if (indent > 0)
              g_string_append_printf (out, "\n%*s", indent * (level + 1), "");
            write_node (out, json_array_get_element (arr, i), indent, level + 1, sorted);
          }
        if (indent > 0 && n)
          g_string_append_printf (out, "\n%*s", indent * level, "");
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_VALUE:
      write_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

void
nd_json_write (GString *out, JsonNode *node)
{
  write_node (out, node, 0, 0, FALSE);
}

/* Compact JSON with object members sorted by name, so equal values built
 * in any member order give equal text: canonical dict ids, cache keys. */
void
nd_json_write_canonical (GString *out, JsonNode *node)
{
  write_node (out, node, 0, 0, TRUE);
}

void
nd_json_write_pretty (GString *out, JsonNode *node, guint indent)
{
  write_node (out, node, indent, 0, FALSE);
}

char *
nd_json_to_string (JsonNode *node, gboolean pretty)
{
  GString *out = g_string_sized_new (64);

  write_node (out, node, pretty ? 2 : 0, 0, FALSE);
  return g_string_free (out, FALSE);
}

gboolean
nd_json_is_number (JsonNode *node)
{
  GType t;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

double
nd_json_get_number (JsonNode *node)
{
  if (!nd_json_is_number (node))
    return NAN;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

gboolean
nd_json_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_VALUE &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
nd_json_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_TYPE (node) == JSON_NODE_NULL;
}

/* Python's truthiness, which Dash apps lean on (`if not n_clicks:`). */
gboolean
nd_json_is_truthy (JsonNode *node)
{
  if (nd_json_is_null (node))
    return FALSE;
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return json_object_get_size (json_node_get_object (node)) > 0;
    case JSON_NODE_ARRAY:
      return json_array_get_length (json_node_get_array (node)) > 0;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN: return json_node_get_boolean (node);
        case G_TYPE_STRING: return json_node_get_string (node)[0] != '\0';
        default: return nd_json_get_number (node) != 0;
        }
    default:
      return FALSE;
    }
}

/* Deep equality as the renderer applies it: key order ignored, numbers
 * compared as numbers (JavaScript has one number type). */
gboolean
nd_json_equal (JsonNode *a, JsonNode *b)
{
  if (a == b)
    return TRUE;
  if (nd_json_is_null (a) || nd_json_is_null (b))
    return nd_json_is_null (a) && nd_json_is_null (b);
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *oa = json_node_get_object (a), *ob = json_node_get_object (b);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        if (oa == ob)
          return TRUE;
        if (json_object_get_size (oa) != json_object_get_size (ob))
          return FALSE;
        json_object_iter_init (&iter, oa);
        while (json_object_iter_next (&iter, &name, &member))
          {
            JsonNode *other = json_object_get_member (ob, name);
            if (other == NULL || !nd_json_equal (member, other))
              return FALSE;
          }
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *xa = json_node_get_array (a), *xb = json_node_get_array (b);
        guint n = json_array_get_length (xa);

        if (xa == xb)
          return TRUE;
        if (n != json_array_get_length (xb))
          return FALSE;
        for (guint i = 0; i < n; i++)
          if (!nd_json_equal (json_array_get_element (xa, i), json_array_get_element (xb, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      {
        GType ta = json_node_get_value_type (a), tb = json_node_get_value_type (b);

        if (nd_json_is_number (a) && nd_json_is_number (b))
          return nd_json_get_number (a) == nd_json_get_number (b);
        if (ta != tb)
          return FALSE;
        if (ta == G_TYPE_STRING)
          return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
        if (ta == G_TYPE_BOOLEAN)
          return !json_node_get_boolean (a) == !json_node_get_boolean (b);
        return FALSE;
      }
    default:
      return TRUE;
    }
}

/**
 * nd_json_deep_copy:
 * @node: (nullable): a value
 *
 * Copies every object and array (in member order) so the copy can be
 * edited independently; scalar nodes are shared, as nothing edits them.
 *
 * Returns: (transfer full) (nullable): the copy
 */
JsonNode *
nd_json_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *src = json_node_get_object (node);
        JsonObject *dst = json_object_new ();
        JsonObjectIter it;
        const char *name;
        JsonNode *member;

        /* keep member order: some Dash values are compared as text */
        json_object_iter_init_ordered (&it, src);
        while (json_object_iter_next_ordered (&it, &name, &member))
          json_object_set_member (dst, name, nd_json_deep_copy (member));
        copy = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (copy, dst);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *src = json_node_get_array (node);
        guint n = json_array_get_length (src);
        JsonArray *dst = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (dst, nd_json_deep_copy (json_array_get_element (src, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, dst);
        return copy;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      /* ndash never changes a scalar node in place (props are replaced,
       * Patch copies), so copies share them: half the nodes, no strdup */
      return json_node_ref (node);
    }
}

JsonNode *
nd_json_string (const char *value)
{
  JsonNode *n;

  if (value == NULL)
    return json_node_new (JSON_NODE_NULL);
  n = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (n, value);
  return n;
}

JsonNode *
nd_json_int (gint64 value)
{
  JsonNode *n = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (n, value);
  return n;
}

JsonNode *
nd_json_double (double value)
{
  JsonNode *n;

  if (!isfinite (value))
    return json_node_new (JSON_NODE_NULL);
  n = json_node_new (JSON_NODE_VALUE);
  json_node_set_double (n, value);
  return n;
}

JsonNode *
nd_json_bool (gboolean value)
{
  JsonNode *n = json_node_new (JSON_NODE_VALUE);

  json_node_set_boolean (n, value);
  return n;
}

JsonNode *
nd_json_null (void)
{
  return json_node_new (JSON_NODE_NULL);
}

JsonNode *
nd_json_object_new (void)
{
  JsonNode *n = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (n, json_object_new ());
  return n;
}

JsonNode *
nd_json_array_new (void)
{
  JsonNode *n = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (n, json_array_new ());
  return n;
}
