/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Layout files in Dash's own format (what a Python app serves at
 * /_dash-layout), and the checks Dash makes on a layout: known component
 * types and props, valid ids, no duplicate ids.
 */
#include "nd-private.h"

#include <string.h>

#include "nd-component.h"
#include "nd-component-info.h"
#include "nd-layout.h"

/* Layouts nest deeper than requests; still bounded so a hostile file cannot
 * overflow the stack. */
#define LAYOUT_MAX_DEPTH 2048

/**
 * nd_layout_load_data:
 * @data: Dash layout JSON
 * @length: its length, or -1
 * @error: return location for an error
 *
 * Returns: (transfer full): the layout, not yet validated
 */
JsonNode *
nd_layout_load_data (const char *data, gssize length, GError **error)
{
  return nd_json_parse (data, length, LAYOUT_MAX_DEPTH, error);
}

/**
 * nd_layout_load_file:
 * @path: a `.json` file dumped from a Dash app's `/_dash-layout`
 * @error: return location for an error
 *
 * Returns: (transfer full): the layout, not yet validated
 */
JsonNode *
nd_layout_load_file (const char *path, GError **error)
{
  return nd_json_parse_file (path, LAYOUT_MAX_DEPTH, error);
}

char *
nd_layout_to_string (JsonNode *layout, gboolean pretty)
{
  return nd_json_to_string (layout, pretty);
}

/* Written atomically: a crash leaves the old file or the new one. */
gboolean
nd_layout_save_file (JsonNode *layout, const char *path, GError **error)
{
  g_autofree char *text = nd_json_to_string (layout, TRUE);

  return g_file_set_contents (path, text, -1, error);
}

typedef struct {
  GHashTable *ids;       /* id text (borrowed for string ids) -> type */
  GPtrArray *texts;      /* dict id texts, owned */
  GError *error;
} Check;

/* Anything in children that is neither a component, text, a number, null
 * nor a list of those. */
static gboolean
check_children_shape (JsonNode *value, GError **error, JsonNode *owner)
{
  if (value == NULL || nd_json_is_null (value))
    return TRUE;
  if (JSON_NODE_TYPE (value) == JSON_NODE_ARRAY)
    {
      JsonArray *arr = json_node_get_array (value);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *el = json_array_get_element (arr, i);
          if (JSON_NODE_TYPE (el) == JSON_NODE_ARRAY || !check_children_shape (el, error, owner))
            {
              if (error && *error)
                return FALSE;
              goto bad;
            }
        }
      return TRUE;
    }
  if (JSON_NODE_TYPE (value) == JSON_NODE_VALUE)
    return TRUE;
  if (nd_component_is (value))
    return TRUE;
bad:
  {
    g_autofree char *desc = owner ? nd_component_describe (owner) : g_strdup ("layout");
    g_set_error (error, ND_ERROR, ND_ERROR_INVALID_COMPONENT,
                 "%s: children must be components, strings, numbers or lists of them", desc);
  }
  return FALSE;
}

static gboolean
check_component (JsonNode *component, gpointer user_data)
{
  Check *c = user_data;
  const char *ns = nd_component_get_namespace (component);
  const char *type = nd_component_get_type (component);
  JsonObject *props;
  JsonObjectIter iter;
  const char *name;
  JsonNode *id;
  g_autofree char *desc = NULL;
  const NdComponentInfo *info;

  if (c->error)
    return FALSE;

  /* the description is only for messages: built when one is needed */
  info = nd_component_info_lookup (ns, type);
  if (info == NULL)
    {
      desc = nd_component_describe (component);
      g_set_error (&c->error, ND_ERROR, ND_ERROR_INVALID_COMPONENT,
                   "unknown component type %s.%s (component %s)", ns, type, desc);
      return FALSE;
    }

  props = nd_component_get_props (component);
  json_object_iter_init (&iter, props);
  while (json_object_iter_next (&iter, &name, NULL))
    if (!nd_component_info_type_has_prop (info, name))
      {
        desc = nd_component_describe (component);
        g_set_error (&c->error, ND_ERROR, ND_ERROR_INVALID_PROP,
                     "component %s has no prop '%s' (%s.%s)", desc, name, ns, type);
        return FALSE;
      }

  id = nd_component_get_id (component);
  if (id)
    {
      g_autoptr(GError) local = NULL;
      char *text;

      if (!nd_id_validate (id, FALSE, &local))
        {
          desc = nd_component_describe (component);
          g_set_error (&c->error, ND_ERROR, ND_ERROR_INVALID_ID, "%s: %s", desc, local->message);
          return FALSE;
        }
      if (nd_json_is_string (id))
        text = (char *) json_node_get_string (id);
      else
        {
          text = nd_id_to_string (id);
          g_ptr_array_add (c->texts, text);
        }
      if (g_hash_table_contains (c->ids, text))
        {
          g_set_error (&c->error, ND_ERROR, ND_ERROR_DUPLICATE_ID,
                       "Duplicate component id found in the initial layout: %s (a %s and a %s)",
                       text, (const char *) g_hash_table_lookup (c->ids, text), type);
          return FALSE;
        }
      g_hash_table_insert (c->ids, text, (gpointer) type);
    }
  /* and the shape of its children, in the same walk */
  return check_children_shape (nd_component_get_prop (component, "children"), &c->error, component);
}


/**
 * nd_layout_validate:
 * @layout: a layout
 * @error: return location for an error
 *
 * Checks what Dash checks before serving a layout: every component type
 * and prop exists (for the namespaces ndash knows), ids are valid and
 * unique (`DuplicateIdError`), children have a valid shape.
 *
 * Returns: %TRUE if the layout is valid
 */
gboolean
nd_layout_validate (JsonNode *layout, GError **error)
{
  Check c = { g_hash_table_new (g_str_hash, g_str_equal), g_ptr_array_new_with_free_func (g_free), NULL };
  GError *shape_error = NULL;

  if (layout == NULL ||
      !(nd_component_is (layout) || JSON_NODE_TYPE (layout) == JSON_NODE_ARRAY))
    {
      g_hash_table_unref (c.ids);
      g_ptr_array_unref (c.texts);
      g_set_error_literal (error, ND_ERROR, ND_ERROR_INVALID_COMPONENT,
                           "a layout must be a component or a list of components");
      return FALSE;
    }
  if (JSON_NODE_TYPE (layout) == JSON_NODE_OBJECT && !nd_component_is (layout))
    {
      g_hash_table_unref (c.ids);
      g_ptr_array_unref (c.texts);
      g_set_error_literal (error, ND_ERROR, ND_ERROR_INVALID_COMPONENT,
                           "the layout's root is not a component (it needs namespace, type and props)");
      return FALSE;
    }
  nd_layout_foreach_component (layout, check_component, &c);
  g_hash_table_unref (c.ids);
  g_ptr_array_unref (c.texts);
  if (c.error)
    {
      g_propagate_error (error, c.error);
      return FALSE;
    }
  if (JSON_NODE_TYPE (layout) == JSON_NODE_ARRAY &&
      !check_children_shape (layout, &shape_error, NULL))
    {
      g_propagate_error (error, shape_error);
      return FALSE;
    }
  return TRUE;
}
