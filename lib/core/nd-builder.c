/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The variadic builder behind the nd_html_*, nd_dcc_*, nd_list and nd_dict
 * macros, and Python-compatible text conversion for ported callbacks.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nd-builder.h"
#include "nd-component.h"
#include "nd-component-info.h"
#include "nd-json.h"

JsonNode *
nd_value_take (JsonNode *node)
{
  return node ? node : nd_json_null ();
}

JsonNode *
nd_value_from_string (const char *str)
{
  return nd_json_string (str);
}

JsonNode *
nd_value_from_pointer (const void *ptr)
{
  if (ptr != NULL)
    g_critical ("ndash builder: a pointer that is neither a string nor a JsonNode was passed; using null");
  return nd_json_null ();
}

JsonNode *
nd_value_from_int (long long value)
{
  return nd_json_int (value);
}

JsonNode *
nd_value_from_double (double value)
{
  return nd_json_double (value);
}

JsonNode *
nd_value_from_bool (_Bool value)
{
  return nd_json_bool (value);
}

/**
 * nd_component_build: (skip)
 * @namespace_: the component namespace
 * @type: the component type
 * @n_args: the number of JsonNode arguments that follow
 * @...: optional children, then prop-name / value pairs, all JsonNode (transfer full)
 *
 * Returns: (transfer full): the component
 */
JsonNode *
nd_component_build (const char *namespace_, const char *type, guint n_args, ...)
{
  JsonNode *component = nd_component_new (namespace_, type);
  va_list ap;
  guint i = 0;

  va_start (ap, n_args);
  if (n_args % 2 == 1)
    {
      nd_component_set_prop (component, "children", va_arg (ap, JsonNode *));
      i = 1;
    }
  for (; i < n_args; i += 2)
    {
      JsonNode *name = va_arg (ap, JsonNode *);
      JsonNode *value = va_arg (ap, JsonNode *);

      if (!nd_json_is_string (name))
        {
          g_critical ("ndash builder: %s.%s: prop names must be strings", namespace_, type);
          json_node_unref (name);
          json_node_unref (value);
          continue;
        }
      nd_component_set_prop (component, json_node_get_string (name), value);
      json_node_unref (name);
    }
  va_end (ap);
  /* Dash serialises an unset children of components that have it as null. */
  if (nd_component_get_prop (component, "children") == NULL)
    {
      const char * const *paths = nd_component_info_get_children_props (namespace_, type);
      if (paths && g_strv_contains (paths, "children"))
        nd_component_set_prop (component, "children", nd_json_null ());
    }
  return component;
}

/**
 * nd_list_build: (skip)
 * @n_items: the number of JsonNode arguments that follow (transfer full)
 *
 * Returns: (transfer full): a JSON array
 */
JsonNode *
nd_list_build (guint n_items, ...)
{
  JsonNode *node = nd_json_array_new ();
  JsonArray *arr = json_node_get_array (node);
  va_list ap;

  va_start (ap, n_items);
  for (guint i = 0; i < n_items; i++)
    json_array_add_element (arr, va_arg (ap, JsonNode *));
  va_end (ap);
  return node;
}

/**
 * nd_dict_build: (skip)
 * @n_args: the number of JsonNode arguments that follow: key, value pairs (transfer full)
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
nd_dict_build (guint n_args, ...)
{
  JsonNode *node = nd_json_object_new ();
  JsonObject *obj = json_node_get_object (node);
  va_list ap;

  if (n_args % 2 != 0)
    g_critical ("ndash builder: nd_dict() needs key, value pairs (got %u arguments)", n_args);
  va_start (ap, n_args);
  for (guint i = 0; i + 1 < n_args + 1 && i < n_args; i += 2)
    {
      JsonNode *key = va_arg (ap, JsonNode *);
      JsonNode *value = i + 1 < n_args ? va_arg (ap, JsonNode *) : nd_json_null ();

      if (nd_json_is_string (key))
        json_object_set_member (obj, json_node_get_string (key), value);
      else
        {
          g_critical ("ndash builder: nd_dict() keys must be strings");
          json_node_unref (value);
        }
      json_node_unref (key);
    }
  va_end (ap);
  return node;
}

/**
 * nd_strf:
 * @format: a printf() format
 * @...: its arguments
 *
 * Returns: (transfer full): a JSON string, like Python's f-strings
 */
JsonNode *
nd_strf (const char *format, ...)
{
  va_list ap;
  g_autofree char *s = NULL;

  va_start (ap, format);
  s = g_strdup_vprintf (format, ap);
  va_end (ap);
  return nd_json_string (s);
}

/* Python's repr() of a float: shortest round-trip digits, ".0" on integral
 * values, exponent form outside [1e-4, 1e16). */
static void
py_float (GString *out, double v)
{
  char buf[40];
  int prec;

  if (isnan (v))
    {
      g_string_append (out, "nan");
      return;
    }
  if (isinf (v))
    {
      g_string_append (out, v > 0 ? "inf" : "-inf");
      return;
    }
  for (prec = 1; prec <= 17; prec++)
    {
      snprintf (buf, sizeof buf, "%.*g", prec, v);
      if (strtod (buf, NULL) == v)
        break;
    }
  {
    double a = fabs (v);
    if (a != 0 && (a < 1e-4 || a >= 1e16))
      {
        /* Python writes 1e+16 and 1.5e-05: two-digit exponents, as C does. */
        g_string_append (out, buf);
        return;
      }
    /* %g may still have chosen exponent form for large precision-limited values. */
    if (strchr (buf, 'e'))
      snprintf (buf, sizeof buf, "%.*f", 0, v);
    g_string_append (out, buf);
    if (!strchr (buf, '.') && !strchr (buf, 'e') && !strchr (buf, 'n'))
      g_string_append (out, ".0");
  }
}

static void
py_repr (GString *out, JsonNode *v, gboolean top)
{
  if (nd_json_is_null (v))
    {
      g_string_append (out, "None");
      return;
    }
  switch (JSON_NODE_TYPE (v))
    {
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (v))
        {
        case G_TYPE_STRING:
          if (top)
            g_string_append (out, json_node_get_string (v));
          else
            {
              const char *s = json_node_get_string (v);
              char q = strchr (s, '\'') && !strchr (s, '"') ? '"' : '\'';

              g_string_append_c (out, q);
              for (const char *p = s; *p; p++)
                {
                  if (*p == '\\' || *p == q)
                    g_string_append_c (out, '\\');
                  if (*p == '\n')
                    g_string_append (out, "\\n");
                  else
                    g_string_append_c (out, *p);
                }
              g_string_append_c (out, q);
            }
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (v) ? "True" : "False");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (v));
          break;
        default:
          py_float (out, json_node_get_double (v));
          break;
        }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *arr = json_node_get_array (v);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (arr); i++)
          {
            if (i)
              g_string_append (out, ", ");
            py_repr (out, json_array_get_element (arr, i), FALSE);
          }
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init (&iter, json_node_get_object (v));
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autoptr(JsonNode) key = nd_json_string (name);

            if (!first)
              g_string_append (out, ", ");
            first = FALSE;
            py_repr (out, key, FALSE);
            g_string_append (out, ": ");
            py_repr (out, member, FALSE);
          }
        g_string_append_c (out, '}');
      }
      break;
    default:
      g_string_append (out, "None");
    }
}

/**
 * nd_py_str:
 * @value: (nullable): a JSON value as a callback receives it
 *
 * Converts a value to text as Python's `str()` would after Dash decoded
 * the JSON, so a ported callback formats `None`, `True`, `5` and `2.0`
 * exactly as its Python twin.
 *
 * Returns: (transfer full): the text
 */
char *
nd_py_str (JsonNode *value)
{
  GString *out = g_string_new (NULL);

  py_repr (out, value, TRUE);
  return g_string_free (out, FALSE);
}
