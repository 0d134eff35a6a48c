/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Output, Input and State: a component id (string or dict pattern) plus a
 * prop, and the pattern matching of concrete ids against them.
 */
#include "nd-private.h"

#include <string.h>

#include "nd-component.h"

G_DEFINE_BOXED_TYPE (NdDependency, nd_dependency, nd_dependency_ref, nd_dependency_unref)

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
parse_pattern (NdDependency *dep)
{
  JsonObject *obj;
  JsonObjectIter iter;
  const char *name;
  guint i = 0;

  dep->is_dict = nd_id_is_dict (dep->id);
  if (!dep->is_dict)
    return;
  obj = json_node_get_object (dep->id);
  dep->n_keys = json_object_get_size (obj);
  dep->keys = g_new0 (char *, dep->n_keys + 1);
  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &name, NULL))
    dep->keys[i++] = g_strdup (name);
  qsort (dep->keys, dep->n_keys, sizeof (char *), cmp_str);
  dep->values = g_new0 (JsonNode *, dep->n_keys);
  dep->wild = g_new0 (NdWildcard, dep->n_keys);
  for (i = 0; i < dep->n_keys; i++)
    {
      dep->values[i] = json_object_get_member (obj, dep->keys[i]);
      dep->wild[i] = nd_wildcard_from_node (dep->values[i]);
      if (dep->wild[i] == ND_WILDCARD_ALL || dep->wild[i] == ND_WILDCARD_ALLSMALLER)
        dep->multi = TRUE;
      if (dep->wild[i] == ND_WILDCARD_MATCH)
        dep->has_match = TRUE;
      if (dep->wild[i] == ND_WILDCARD_ALLSMALLER)
        dep->has_allsmaller = TRUE;
    }
  dep->key_set = g_strjoinv (",", dep->keys);
}

NdDependency *
nd_dependency_new_internal (NdDependencyKind kind, JsonNode *id, const char *property)
{
  NdDependency *dep = g_new0 (NdDependency, 1);
  g_autoptr(GError) error = NULL;

  dep->ref_count = 1;
  dep->kind = kind;
  dep->id = id ? id : nd_json_null ();
  dep->property = g_strdup (property ? property : "");
  if (nd_id_validate (dep->id, TRUE, &error))
    parse_pattern (dep);
  else
    dep->error = g_strdup (error->message);
  dep->id_text = nd_id_to_string (dep->id);
  dep->prop_id = g_strconcat (dep->id_text, ".", dep->property, NULL);
  return dep;
}

/**
 * nd_dependency_new:
 * @kind: Output, Input or State
 * @component_id: (transfer full): a string or dict id; or a component from
 *   the layout (then borrowed, not taken), which is given an id if it has none
 * @property: the prop name
 *
 * Errors in the id are reported when the callback is registered.
 *
 * Returns: (transfer full): the dependency
 */
NdDependency *
nd_dependency_new (NdDependencyKind kind, JsonNode *component_id, const char *property)
{
  if (component_id && nd_component_is (component_id))
    {
      /* Dash accepts a component instead of its id. */
      JsonNode *id = nd_component_ensure_id (component_id);
      return nd_dependency_new_internal (kind, nd_json_deep_copy (id), property);
    }
  return nd_dependency_new_internal (kind, component_id, property);
}

NdDependency *
nd_dependency_ref (NdDependency *dep)
{
  g_atomic_int_inc (&dep->ref_count);
  return dep;
}

void
nd_dependency_unref (NdDependency *dep)
{
  if (dep == NULL || !g_atomic_int_dec_and_test (&dep->ref_count))
    return;
  g_clear_pointer (&dep->id, json_node_unref);
  g_free (dep->property);
  g_free (dep->id_text);
  g_free (dep->prop_id);
  g_strfreev (dep->keys);
  g_free (dep->values);
  g_free (dep->wild);
  g_free (dep->key_set);
  g_clear_pointer (&dep->running_output, nd_dependency_unref);
  g_clear_pointer (&dep->on_value, json_node_unref);
  g_clear_pointer (&dep->off_value, json_node_unref);
  g_free (dep->error);
  g_free (dep);
}

NdDependencyKind nd_dependency_get_kind (NdDependency *dep) { return dep->kind; }
/**
 * nd_dependency_get_id:
 * Returns: (transfer none): the id or id pattern
 */
JsonNode *nd_dependency_get_id (NdDependency *dep) { return dep->id; }
const char *nd_dependency_get_property (NdDependency *dep) { return dep->property; }
const char *nd_dependency_get_id_text (NdDependency *dep) { return dep->id_text; }
const char *nd_dependency_get_prop_id (NdDependency *dep) { return dep->prop_id; }
gboolean nd_dependency_is_multi (NdDependency *dep) { return dep->multi; }
gboolean nd_dependency_has_match (NdDependency *dep) { return dep->has_match; }
void nd_dependency_set_allow_duplicate (NdDependency *dep, gboolean allow) { dep->allow_duplicate = allow; }
gboolean nd_dependency_get_allow_duplicate (NdDependency *dep) { return dep->allow_duplicate; }
void nd_dependency_set_allow_optional (NdDependency *dep, gboolean allow) { dep->allow_optional = allow; }
gboolean nd_dependency_get_allow_optional (NdDependency *dep) { return dep->allow_optional; }

/**
 * nd_allow_duplicate:
 * @output: (transfer full): an Output
 *
 * Dash's `Output(..., allow_duplicate=True)`.
 *
 * Returns: (transfer full): @output
 */
NdDependency *
nd_allow_duplicate (NdDependency *output)
{
  output->allow_duplicate = TRUE;
  return output;
}

/**
 * nd_allow_optional:
 * @dep: (transfer full): an Input or State
 *
 * Returns: (transfer full): @dep, marked `allow_optional=True`
 */
NdDependency *
nd_allow_optional (NdDependency *dep)
{
  dep->allow_optional = TRUE;
  return dep;
}

static NdDependency *
option_new (NdOption option, int value)
{
  NdDependency *dep = g_new0 (NdDependency, 1);

  dep->ref_count = 1;
  dep->kind = ND_DEPENDENCY_OPTION;
  dep->option = option;
  dep->option_value = value;
  dep->property = g_strdup ("");
  dep->id_text = g_strdup ("");
  dep->prop_id = g_strdup ("");
  return dep;
}

/**
 * nd_prevent_initial_call:
 *
 * Returns: (transfer full): the option `prevent_initial_call=True`
 */
NdDependency *
nd_prevent_initial_call (void)
{
  return option_new (ND_OPTION_PREVENT_INITIAL_CALL, 0);
}

/**
 * nd_initial_duplicate:
 *
 * Returns: (transfer full): the option `prevent_initial_call="initial_duplicate"`
 */
NdDependency *
nd_initial_duplicate (void)
{
  return option_new (ND_OPTION_INITIAL_DUPLICATE, 0);
}

/**
 * nd_running:
 * @output: (transfer full): the Output to set while the callback runs
 * @on_value: (transfer full): its value while running
 * @off_value: (transfer full): its value afterwards
 *
 * Returns: (transfer full): Dash's `running=[(Output(...), on, off)]` entry
 */
NdDependency *
nd_running (NdDependency *output, JsonNode *on_value, JsonNode *off_value)
{
  NdDependency *dep = option_new (ND_OPTION_RUNNING, 0);

  dep->running_output = output;
  dep->on_value = on_value;
  dep->off_value = off_value;
  return dep;
}

/**
 * nd_prevent_initial_call_false:
 *
 * Returns: (transfer full): `prevent_initial_call=False`, overriding an
 *   app-wide nd_app_set_prevent_initial_callbacks()
 */
NdDependency *
nd_prevent_initial_call_false (void)
{
  return option_new (ND_OPTION_PREVENT_INITIAL_CALL, 1);
}

/**
 * nd_optional:
 *
 * Returns: (transfer full): Dash's callback-level `optional=True`: its
 *   ids may be absent from the layout without an error at start
 */
NdDependency *
nd_optional (void)
{
  return option_new (ND_OPTION_OPTIONAL, 0);
}

/**
 * nd_on_error:
 * @handler: (scope forever): called when the callback raises
 * @user_data: (closure): data for @handler
 *
 * Returns: (transfer full): Dash's per-callback `on_error=handler`; it
 *   takes precedence over nd_app_set_on_error()
 */
NdDependency *
nd_on_error (NdErrorHandlerFunc handler, gpointer user_data)
{
  NdDependency *dep = option_new (ND_OPTION_ON_ERROR, 0);

  dep->on_error = handler;
  dep->on_error_data = user_data;
  return dep;
}

NdDependency *
nd_outputs_as_list (void)
{
  return option_new (ND_OPTION_OUTPUTS_AS_LIST, 0);
}

NdDependency *
nd_threading (NdThreading threading)
{
  return option_new (ND_OPTION_THREADING, threading);
}

/**
 * nd_background:
 *
 * Dash's `background=True`: the callback always runs as a job on a worker
 * thread, and may take nd_progress(), nd_progress_default(), nd_cancel()
 * and nd_interval().
 *
 * Returns: (transfer full): the option
 */
NdDependency *
nd_background (void)
{
  return option_new (ND_OPTION_BACKGROUND, 0);
}

/**
 * nd_progress:
 * @output: (transfer full): an Output the job reports progress to
 *
 * One entry of Dash's `progress=[Output(...), ...]`; give it once per
 * progress Output, in order.  The body sets it with
 * nd_callback_context_set_progress().
 *
 * Returns: (transfer full): the option
 */
NdDependency *
nd_progress (NdDependency *output)
{
  NdDependency *dep;

  g_return_val_if_fail (output != NULL, NULL);
  dep = option_new (ND_OPTION_PROGRESS, 0);
  dep->running_output = output;
  return dep;
}

/**
 * nd_progress_default:
 * @value: (transfer full) (nullable): the value
 *
 * One entry of Dash's `progress_default=[...]`, in the order of the
 * nd_progress() Outputs: applied when the job ends or is cancelled.
 *
 * Returns: (transfer full): the option
 */
NdDependency *
nd_progress_default (JsonNode *value)
{
  NdDependency *dep = option_new (ND_OPTION_PROGRESS_DEFAULT, 0);

  dep->on_value = value ? value : nd_json_null ();
  return dep;
}

/**
 * nd_cancel:
 * @input: (transfer full): an Input whose change cancels the job
 *
 * One entry of Dash's `cancel=[Input(...), ...]`.
 *
 * Returns: (transfer full): the option
 */
NdDependency *
nd_cancel (NdDependency *input)
{
  NdDependency *dep;

  g_return_val_if_fail (input != NULL, NULL);
  dep = option_new (ND_OPTION_CANCEL, 0);
  dep->running_output = input;
  return dep;
}

/**
 * nd_interval:
 * @ms: the poll period in milliseconds
 *
 * Dash's `interval=` of a background callback.  Native sessions apply
 * progress as soon as it is set; the period is what the dependencies tell
 * a browser renderer.
 *
 * Returns: (transfer full): the option
 */
NdDependency *
nd_interval (guint ms)
{
  return option_new (ND_OPTION_INTERVAL, (int) MIN (ms, G_MAXINT));
}

/* The value of key @key in a concrete dict id, or NULL. */
static JsonNode *
id_value (JsonNode *id, const char *key)
{
  return json_object_get_member (json_node_get_object (id), key);
}

static int
key_index (NdDependency *dep, const char *key)
{
  for (guint i = 0; i < dep->n_keys; i++)
    if (strcmp (dep->keys[i], key) == 0)
      return (int) i;
  return -1;
}

/**
 * nd_dependency_matches_id:
 * @pattern: a dependency
 * @id: a concrete id from the layout
 * @ref_pattern: (nullable): the dependency @ref_id matched, to resolve
 *   MATCH and ALLSMALLER against
 * @ref_id: (nullable): the reference id (triggering input or output)
 *
 * Whether @id is selected by @pattern (callback-semantics §2.3): same key
 * set; constants equal; ALL anything; MATCH anything, or equal to the
 * reference's value at that key; ALLSMALLER strictly smaller than it.
 */
gboolean
nd_dependency_matches_id (NdDependency *pattern, JsonNode *id,
                          NdDependency *ref_pattern, JsonNode *ref_id)
{
  JsonObject *obj;

  if (!pattern->is_dict)
    {
      return nd_json_is_string (id) &&
             strcmp (json_node_get_string (id), pattern->id_text) == 0;
    }
  if (!nd_id_is_dict (id))
    return FALSE;
  obj = json_node_get_object (id);
  if (json_object_get_size (obj) != pattern->n_keys)
    return FALSE;
  for (guint i = 0; i < pattern->n_keys; i++)
    {
      JsonNode *v = json_object_get_member (obj, pattern->keys[i]);

      if (v == NULL)
        return FALSE;
      switch (pattern->wild[i])
        {
        case ND_WILDCARD_NONE:
          if (!nd_json_equal (v, pattern->values[i]))
            return FALSE;
          break;
        case ND_WILDCARD_ALL:
          break;
        case ND_WILDCARD_MATCH:
        case ND_WILDCARD_ALLSMALLER:
          if (ref_pattern && ref_id && ref_pattern->is_dict && nd_id_is_dict (ref_id))
            {
              int ri = key_index (ref_pattern, pattern->keys[i]);
              JsonNode *rv;

              if (ri < 0 || ref_pattern->wild[ri] != ND_WILDCARD_MATCH)
                break;
              rv = id_value (ref_id, pattern->keys[i]);
              if (rv == NULL)
                break;
              if (pattern->wild[i] == ND_WILDCARD_MATCH && !nd_json_equal (v, rv))
                return FALSE;
              if (pattern->wild[i] == ND_WILDCARD_ALLSMALLER && nd_id_value_compare (v, rv) >= 0)
                return FALSE;
            }
          break;
        }
    }
  return TRUE;
}

/* The values of a concrete id at the pattern's MATCH keys, as a compact JSON
 * array text (the renderer's "anyVals"), or "" when the pattern has none. */
char *
nd_dependency_match_values (NdDependency *pattern, JsonNode *id)
{
  GString *out;
  gboolean any = FALSE;

  if (!pattern->has_match || !nd_id_is_dict (id))
    return g_strdup ("");
  out = g_string_new ("[");
  for (guint i = 0; i < pattern->n_keys; i++)
    if (pattern->wild[i] == ND_WILDCARD_MATCH)
      {
        if (any)
          g_string_append_c (out, ',');
        nd_json_write (out, id_value (id, pattern->keys[i]));
        any = TRUE;
      }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

/* Two patterns can select the same component: same prop, same key set, and
 * at every key equal constants or a wildcard on either side. */
gboolean
nd_patterns_overlap (NdDependency *a, NdDependency *b)
{
  if (strcmp (a->property, b->property) != 0)
    return FALSE;
  if (!a->is_dict || !b->is_dict)
    return !a->is_dict && !b->is_dict && strcmp (a->id_text, b->id_text) == 0;
  if (strcmp (a->key_set, b->key_set) != 0)
    return FALSE;
  for (guint i = 0; i < a->n_keys; i++)
    if (a->wild[i] == ND_WILDCARD_NONE && b->wild[i] == ND_WILDCARD_NONE &&
        !nd_json_equal (a->values[i], b->values[i]))
      return FALSE;
  return TRUE;
}
