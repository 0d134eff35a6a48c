/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Components as Dash JSON nodes, and the walk over a layout in document
 * order (depth-first, pre-order, through every prop that may hold
 * components).
 */
#include "config.h"

#include <string.h>

#include "nd-component.h"
#include "nd-component-info.h"
#include "nd-id.h"
#include "nd-json.h"

/**
 * nd_component_new:
 * @namespace_: e.g. %ND_NAMESPACE_HTML
 * @type: e.g. "Div"
 *
 * Returns: (transfer full): a component with no props
 */
JsonNode *
nd_component_new (const char *namespace_, const char *type)
{
  JsonNode *node = nd_json_object_new ();
  JsonObject *obj = json_node_get_object (node);

  json_object_set_object_member (obj, "props", json_object_new ());
  json_object_set_string_member (obj, "type", type);
  json_object_set_string_member (obj, "namespace", namespace_);
  return node;
}

gboolean
nd_component_is (JsonNode *node)
{
  JsonObject *obj;
  JsonNode *type, *ns, *props;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return FALSE;
  obj = json_node_get_object (node);
  type = json_object_get_member (obj, "type");
  ns = json_object_get_member (obj, "namespace");
  props = json_object_get_member (obj, "props");
  return nd_json_is_string (type) && nd_json_is_string (ns) &&
         (props == NULL || JSON_NODE_TYPE (props) == JSON_NODE_OBJECT);
}

const char *
nd_component_get_namespace (JsonNode *component)
{
  return json_object_get_string_member (json_node_get_object (component), "namespace");
}

const char *
nd_component_get_type (JsonNode *component)
{
  return json_object_get_string_member (json_node_get_object (component), "type");
}

/**
 * nd_component_get_props:
 * @component: a component
 *
 * Returns: (transfer none): the props object, created if it was absent
 */
JsonObject *
nd_component_get_props (JsonNode *component)
{
  JsonObject *obj = json_node_get_object (component);
  JsonNode *props = json_object_get_member (obj, "props");

  if (props == NULL)
    {
      json_object_set_object_member (obj, "props", json_object_new ());
      props = json_object_get_member (obj, "props");
    }
  return json_node_get_object (props);
}

/**
 * nd_component_get_prop:
 * @component: a component
 * @prop: a prop name
 *
 * Returns: (transfer none) (nullable): the value, or %NULL when the prop
 *   is not set (Dash's *undefined*; a prop set to `null` returns a null node)
 */
JsonNode *
nd_component_get_prop (JsonNode *component, const char *prop)
{
  JsonObject *obj = json_node_get_object (component);
  JsonNode *props = json_object_get_member (obj, "props");

  if (props == NULL || JSON_NODE_TYPE (props) != JSON_NODE_OBJECT)
    return NULL;
  return json_object_get_member (json_node_get_object (props), prop);
}

/**
 * nd_component_set_prop:
 * @component: a component
 * @prop: a prop name
 * @value: (transfer full) (nullable): the value; %NULL removes the prop
 */
void
nd_component_set_prop (JsonNode *component, const char *prop, JsonNode *value)
{
  JsonObject *props = nd_component_get_props (component);

  if (value == NULL)
    json_object_remove_member (props, prop);
  else if (json_object_get_member (props, prop) == value)
    json_node_unref (value);   /* json-glib ignores setting the same node, ref and all */
  else
    json_object_set_member (props, prop, value);
}

JsonNode *
nd_component_get_id (JsonNode *component)
{
  JsonNode *id = nd_component_get_prop (component, "id");

  return nd_json_is_null (id) ? NULL : id;
}

/**
 * nd_component_ensure_id:
 * @component: a component
 *
 * Gives the component an id if it has none, as Dash does for a component
 * passed to a callback instead of an id.
 *
 * Returns: (transfer none): the id
 */
JsonNode *
nd_component_ensure_id (JsonNode *component)
{
  static gint counter;
  JsonNode *id = nd_component_get_id (component);

  if (id == NULL)
    {
      g_autofree char *text = g_strdup_printf ("_nd_%s_%d",
                                               nd_component_get_type (component),
                                               g_atomic_int_add (&counter, 1) + 1);
      nd_component_set_prop (component, "id", nd_json_string (text));
      id = nd_component_get_id (component);
    }
  return id;
}

/* "Input#my-input" or "Div" for messages. */
char *
nd_component_describe (JsonNode *component)
{
  JsonNode *id = nd_component_get_id (component);
  g_autofree char *id_text = id ? nd_id_to_string (id) : NULL;

  if (id_text)
    return g_strdup_printf ("%s(id=%s)", nd_component_get_type (component), id_text);
  return g_strdup (nd_component_get_type (component));
}

typedef struct {
  NdComponentFunc func;
  gpointer user_data;
} Walk;

static void walk_value (Walk *w, JsonNode *value);

static void
walk_component (Walk *w, JsonNode *component)
{
  const char *ns = nd_component_get_namespace (component);
  const char *type = nd_component_get_type (component);
  const char * const *paths;
  JsonObject *props;

  if (!w->func (component, w->user_data))
    return;

  props = nd_component_get_props (component);
  paths = nd_component_info_get_children_props (ns, type);
  for (guint i = 0; paths && paths[i]; i++)
    {
      const char *path = paths[i];
      const char *dot = strpbrk (path, ".[{");
      g_autofree char *head = dot ? g_strndup (path, dot - path) : NULL;
      JsonNode *value = json_object_get_member (props, head ? head : path);

      if (value == NULL)
        continue;
      if (dot == NULL)
        {
          walk_value (w, value);
          continue;
        }
      /* A nested path such as "options[].label": walk each element's member. */
      if (g_str_has_prefix (dot, "[].") && JSON_NODE_TYPE (value) == JSON_NODE_ARRAY)
        {
          JsonArray *arr = json_node_get_array (value);
          const char *member = dot + 3;

          for (guint j = 0; j < json_array_get_length (arr); j++)
            {
              JsonNode *el = json_array_get_element (arr, j);
              if (JSON_NODE_TYPE (el) == JSON_NODE_OBJECT)
                {
                  JsonNode *sub = json_object_get_member (json_node_get_object (el), member);
                  if (sub)
                    walk_value (w, sub);
                }
            }
        }
      else if (g_str_has_prefix (dot, "[]") && JSON_NODE_TYPE (value) == JSON_NODE_ARRAY)
        walk_value (w, value);
      else if (g_str_has_prefix (dot, "{}") && JSON_NODE_TYPE (value) == JSON_NODE_OBJECT)
        {
          JsonObjectIter iter;
          JsonNode *member;

          json_object_iter_init (&iter, json_node_get_object (value));
          while (json_object_iter_next (&iter, NULL, &member))
            walk_value (w, member);
        }
      else if (dot[0] == '.' && JSON_NODE_TYPE (value) == JSON_NODE_OBJECT)
        {
          JsonNode *sub = json_object_get_member (json_node_get_object (value), dot + 1);
          if (sub)
            walk_value (w, sub);
        }
    }
}

static void
walk_value (Walk *w, JsonNode *value)
{
  if (value == NULL)
    return;
  if (JSON_NODE_TYPE (value) == JSON_NODE_ARRAY)
    {
      JsonArray *arr = json_node_get_array (value);
      guint n = json_array_get_length (arr);

      for (guint i = 0; i < n; i++)
        walk_value (w, json_array_get_element (arr, i));
    }
  else if (nd_component_is (value))
    walk_component (w, value);
}

/**
 * nd_layout_foreach_component:
 * @layout: a component, or a list of components and strings
 * @func: (scope call): called for each component in document order
 * @user_data: data for @func
 *
 * Walks every component depth-first in pre-order through `children` and
 * the other props that may hold components (Dash's `children_props`).
 */
void
nd_layout_foreach_component (JsonNode *layout, NdComponentFunc func, gpointer user_data)
{
  Walk w = { func, user_data };

  walk_value (&w, layout);
}

/* Whether a new value for this prop can change the layout (a chunk). */
gboolean
nd_prop_holds_components (JsonNode *component, const char *prop)
{
  const char * const *paths =
    nd_component_info_get_children_props (nd_component_get_namespace (component),
                                          nd_component_get_type (component));

  for (guint i = 0; paths && paths[i]; i++)
    {
      gsize n = strlen (prop);
      if (strncmp (paths[i], prop, n) == 0 &&
          (paths[i][n] == '\0' || paths[i][n] == '.' || paths[i][n] == '[' || paths[i][n] == '{'))
        return TRUE;
    }
  return FALSE;
}
