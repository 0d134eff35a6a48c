/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A callback definition: its Outputs, Inputs and States, its options, and
 * the output key Dash's renderer and back end use to name it.
 */
#include "nd-private.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (NdCallback, nd_callback, G_TYPE_OBJECT)

static void
nd_callback_finalize (GObject *object)
{
  NdCallback *self = ND_CALLBACK (object);

  if (self->destroy)
    self->destroy (self->user_data);
  g_free (self->name);
  g_ptr_array_unref (self->outputs);
  g_ptr_array_unref (self->inputs);
  g_ptr_array_unref (self->state);
  for (guint i = 0; i < self->running->len; i++)
    {
      NdRunning *r = &g_array_index (self->running, NdRunning, i);
      nd_dependency_unref (r->output);
      json_node_unref (r->on_value);
      json_node_unref (r->off_value);
    }
  g_array_unref (self->running);
  g_ptr_array_unref (self->progress);
  g_ptr_array_unref (self->progress_default);
  g_ptr_array_unref (self->cancel);
  g_free (self->order_message);
  g_free (self->key);
  g_strfreev (self->match_keys);
  G_OBJECT_CLASS (nd_callback_parent_class)->finalize (object);
}

static void
nd_callback_class_init (NdCallbackClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nd_callback_finalize;
}

static void
nd_callback_init (NdCallback *self)
{
  self->outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_dependency_unref);
  self->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_dependency_unref);
  self->state = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_dependency_unref);
  self->running = g_array_new (FALSE, TRUE, sizeof (NdRunning));
  self->first_single_output = -1;
  self->progress = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_dependency_unref);
  self->progress_default = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->cancel = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_dependency_unref);
}

/**
 * nd_callback_new:
 * @name: the callback's name, used in every message about it (Dash uses the
 *   Python function name)
 * @func: (scope notified): the body
 * @user_data: data for @func
 * @destroy: frees @user_data
 *
 * Returns: (transfer full): a callback definition with no dependencies yet
 */
NdCallback *
nd_callback_new (const char *name, NdCallbackFunc func, gpointer user_data, GDestroyNotify destroy)
{
  NdCallback *self = g_object_new (ND_TYPE_CALLBACK, NULL);

  self->name = g_strdup (name ? name : "callback");
  self->func = func;
  self->user_data = user_data;
  self->destroy = destroy;
  return self;
}

static const char *
kind_name (NdDependencyKind kind)
{
  switch (kind)
    {
    case ND_DEPENDENCY_OUTPUT: return "Output";
    case ND_DEPENDENCY_INPUT: return "Input";
    case ND_DEPENDENCY_STATE: return "State";
    default: return "option";
    }
}

/**
 * nd_callback_add_dependency:
 * @callback: a callback not yet registered
 * @dep: (transfer full): an Output, Input, State or option
 *
 * Dependencies must come as Dash requires: Outputs, then Inputs, then
 * States; options anywhere.  A violation is reported at registration.
 */
void
nd_callback_add_dependency (NdCallback *callback, NdDependency *dep)
{
  g_return_if_fail (ND_IS_CALLBACK (callback));
  g_return_if_fail (dep != NULL);
  g_return_if_fail (!callback->registered);

  switch (dep->kind)
    {
    case ND_DEPENDENCY_OUTPUT:
    case ND_DEPENDENCY_INPUT:
      if ((dep->kind == ND_DEPENDENCY_OUTPUT && (callback->inputs->len || callback->state->len)) ||
          (dep->kind == ND_DEPENDENCY_INPUT && callback->state->len))
        {
          if (!callback->order_error)
            callback->order_message =
              g_strdup_printf ("%s %s comes after %s; give Outputs, then Inputs, then States",
                               kind_name (dep->kind), dep->prop_id,
                               callback->state->len ? "a State" : "an Input");
          callback->order_error = TRUE;
        }
      g_ptr_array_add (dep->kind == ND_DEPENDENCY_OUTPUT ? callback->outputs : callback->inputs, dep);
      break;
    case ND_DEPENDENCY_STATE:
      g_ptr_array_add (callback->state, dep);
      break;
    case ND_DEPENDENCY_OPTION:
      switch (dep->option)
        {
        case ND_OPTION_PREVENT_INITIAL_CALL:
          callback->prevent_initial_call = dep->option_value ? ND_PREVENT_INITIAL_CALL_FALSE
                                                             : ND_PREVENT_INITIAL_CALL_TRUE;
          callback->pic_explicit = TRUE;
          break;
        case ND_OPTION_INITIAL_DUPLICATE:
          callback->prevent_initial_call = ND_PREVENT_INITIAL_CALL_INITIAL_DUPLICATE;
          callback->pic_explicit = TRUE;
          break;
        case ND_OPTION_OPTIONAL:
          callback->optional = TRUE;
          break;
        case ND_OPTION_OUTPUTS_AS_LIST:
          callback->outputs_as_list = TRUE;
          break;
        case ND_OPTION_THREADING:
          callback->threading = (NdThreading) dep->option_value;
          break;
        case ND_OPTION_ON_ERROR:
          callback->on_error = dep->on_error;
          callback->on_error_data = dep->on_error_data;
          break;
        case ND_OPTION_RUNNING:
          nd_callback_set_running (callback, nd_dependency_ref (dep->running_output),
                                   json_node_ref (dep->on_value), json_node_ref (dep->off_value));
          break;
        case ND_OPTION_BACKGROUND:
          callback->background = TRUE;
          break;
        case ND_OPTION_PROGRESS:
          g_ptr_array_add (callback->progress, nd_dependency_ref (dep->running_output));
          break;
        case ND_OPTION_PROGRESS_DEFAULT:
          g_ptr_array_add (callback->progress_default, json_node_ref (dep->on_value));
          break;
        case ND_OPTION_CANCEL:
          g_ptr_array_add (callback->cancel, nd_dependency_ref (dep->running_output));
          break;
        case ND_OPTION_INTERVAL:
          callback->interval_ms = (guint) dep->option_value;
          break;
        default:
          break;
        }
      nd_dependency_unref (dep);
      break;
    }
}

const char *nd_callback_get_name (NdCallback *callback) { return callback->name; }
/**
 * nd_callback_get_output_key:
 * Returns: (nullable): the key (`_dash-dependencies` "output"), once registered
 */
const char *nd_callback_get_output_key (NdCallback *callback) { return callback->key; }
guint nd_callback_get_n_outputs (NdCallback *callback) { return callback->outputs->len; }
guint nd_callback_get_n_inputs (NdCallback *callback) { return callback->inputs->len; }
guint nd_callback_get_n_states (NdCallback *callback) { return callback->state->len; }
/** nd_callback_get_output: Returns: (transfer none): the Output */
NdDependency *nd_callback_get_output (NdCallback *callback, guint i) { return g_ptr_array_index (callback->outputs, i); }
/** nd_callback_get_input: Returns: (transfer none): the Input */
NdDependency *nd_callback_get_input (NdCallback *callback, guint i) { return g_ptr_array_index (callback->inputs, i); }
/** nd_callback_get_state: Returns: (transfer none): the State */
NdDependency *nd_callback_get_state (NdCallback *callback, guint i) { return g_ptr_array_index (callback->state, i); }

void
nd_callback_set_prevent_initial_call (NdCallback *callback, NdPreventInitialCall prevent)
{
  g_return_if_fail (!callback->registered);
  callback->prevent_initial_call = prevent;
  callback->pic_explicit = TRUE;
}

NdPreventInitialCall
nd_callback_get_prevent_initial_call (NdCallback *callback)
{
  return callback->prevent_initial_call;
}

void
nd_callback_set_outputs_as_list (NdCallback *callback, gboolean as_list)
{
  g_return_if_fail (!callback->registered);
  callback->outputs_as_list = as_list;
}

void
nd_callback_set_threading (NdCallback *callback, NdThreading threading)
{
  callback->threading = threading;
}

NdThreading
nd_callback_get_threading (NdCallback *callback)
{
  return callback->threading;
}

/**
 * nd_callback_set_running:
 * @callback: a callback
 * @output: (transfer full): the prop to set while the callback runs
 * @on_value: (transfer full): its value while running
 * @off_value: (transfer full): its value when the call ends
 */
void
nd_callback_set_running (NdCallback *callback, NdDependency *output,
                         JsonNode *on_value, JsonNode *off_value)
{
  NdRunning r = { output, on_value, off_value };

  g_array_append_val (callback->running, r);
}

static void
append_escaped_id (GString *out, NdDependency *dep)
{
  for (const char *p = dep->id_text; *p; p++)
    {
      if (*p == '.')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* sha256 of the Inputs written "<id>.<prop>" joined with ".". */
static char *
hash_inputs (NdCallback *callback)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < callback->inputs->len; i++)
    {
      NdDependency *dep = g_ptr_array_index (callback->inputs, i);
      if (i)
        g_string_append_c (text, '.');
      g_string_append (text, dep->prop_id);
    }
  if (callback->inputs->len == 0)
    g_string_append_printf (text, "%s#%p", callback->name, (void *) callback->func);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
}

/* The output key grammar of dash-protocol §9.2. */
char *nd_callback_compute_key (NdCallback *callback);
char *
nd_callback_compute_key (NdCallback *callback)
{
  GString *out;
  g_autofree char *hash = NULL;
  gboolean as_list = callback->outputs_as_list || callback->outputs->len > 1;

  if (callback->outputs->len == 0)
    return hash_inputs (callback);

  out = g_string_new (as_list ? ".." : "");
  for (guint i = 0; i < callback->outputs->len; i++)
    {
      NdDependency *dep = g_ptr_array_index (callback->outputs, i);

      if (i)
        g_string_append (out, "...");
      append_escaped_id (out, dep);
      g_string_append_c (out, '.');
      g_string_append (out, dep->property);
      if (dep->allow_duplicate)
        {
          if (hash == NULL)
            hash = hash_inputs (callback);
          g_string_append_c (out, '@');
          g_string_append (out, hash);
        }
    }
  if (as_list)
    g_string_append (out, "..");
  return g_string_free (out, FALSE);
}

static JsonNode *
deps_json (GPtrArray *deps)
{
  JsonNode *node = nd_json_array_new ();
  JsonArray *arr = json_node_get_array (node);

  for (guint i = 0; i < deps->len; i++)
    {
      NdDependency *dep = g_ptr_array_index (deps, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "id", dep->id_text);
      json_object_set_string_member (o, "property", dep->property);
      if (dep->allow_optional)
        json_object_set_boolean_member (o, "allow_optional", TRUE);
      json_array_add_object_element (arr, o);
    }
  return node;
}

/**
 * nd_callback_to_dependency_json:
 * @callback: a registered callback
 *
 * Returns: (transfer full): its `_dash-dependencies` entry
 */
JsonNode *
nd_callback_to_dependency_json (NdCallback *callback)
{
  JsonNode *node = nd_json_object_new ();
  JsonObject *o = json_node_get_object (node);

  json_object_set_string_member (o, "output", callback->key ? callback->key : "");
  json_object_set_member (o, "inputs", deps_json (callback->inputs));
  json_object_set_member (o, "state", deps_json (callback->state));
  json_object_set_null_member (o, "clientside_function");
  json_object_set_boolean_member (o, "prevent_initial_call",
                                  callback->prevent_initial_call == ND_PREVENT_INITIAL_CALL_TRUE);
  if (callback->background)
    {
      /* dash-protocol §9.1/§12: only the poll period; cancel and
       * progressDefault travel with the job's start answer. */
      JsonObject *bg = json_object_new ();

      json_object_set_int_member (bg, "interval", callback->interval_ms ? callback->interval_ms : 1000);
      json_object_set_object_member (o, "background", bg);
    }
  else
    json_object_set_null_member (o, "background");
  json_object_set_null_member (o, "dynamic_creator");
  json_object_set_boolean_member (o, "no_output", callback->outputs->len == 0);
  json_object_set_boolean_member (o, "optional", FALSE);
  json_object_set_boolean_member (o, "hidden", FALSE);
  json_object_set_boolean_member (o, "websocket", FALSE);
  json_object_set_boolean_member (o, "persistent", FALSE);
  if (callback->running->len)
    {
      JsonObject *on = json_object_new (), *off = json_object_new ();
      JsonObject *running = json_object_new ();

      for (guint i = 0; i < callback->running->len; i++)
        {
          NdRunning *r = &g_array_index (callback->running, NdRunning, i);
          json_object_set_member (on, r->output->prop_id, nd_json_deep_copy (r->on_value));
          json_object_set_member (off, r->output->prop_id, nd_json_deep_copy (r->off_value));
        }
      json_object_set_object_member (running, "running", on);
      json_object_set_object_member (running, "runningOff", off);
      json_object_set_object_member (o, "running", running);
    }
  return node;
}
