/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The callback context (dash.ctx): a callback's arguments, its outputs,
 * and what triggered it, built from the same request the executor runs.
 */
#include "nd-private.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "nd-builder.h"

struct _NdCallbackContext {
  NdApp *app;
  NdCallRequest *req;
  NdCallResult *result;
  gboolean prevented;
  GError *error;
  JsonNode *null_node;
  JsonNode **multi_args;      /* lazily built lists for ALL/ALLSMALLER args */
  char **triggered_prop_ids;
  JsonNode *cache[10];        /* lazily built views, freed with the context */
  GHashTable *side_index;     /* id text -> NdSideUpdate */
  NdCallbackContext *previous;
  GCancellable *cancellable;  /* for calls that run without a job */
};

enum { C_TRIGGERED, C_TRIGGERED_ID, C_INPUTS, C_STATES, C_INPUTS_LIST, C_STATES_LIST, C_OUTPUTS_LIST, C_GROUPING,
       C_TRIGGERED_MAP };

static GPrivate current_ctx;

/**
 * nd_no_update:
 *
 * Dash's `no_update`: give it as an output value (or as an item of an ALL
 * output's list) to leave that output unchanged.
 *
 * Returns: (transfer full): the marker value
 */
JsonNode *
nd_no_update (void)
{
  JsonNode *node = nd_json_object_new ();

  json_object_set_string_member (json_node_get_object (node), ND_NO_UPDATE_KEY, ND_NO_UPDATE_KEY);
  return node;
}

gboolean
nd_is_no_update (JsonNode *value)
{
  JsonObject *obj;
  JsonNode *m;

  if (value == NULL || JSON_NODE_TYPE (value) != JSON_NODE_OBJECT)
    return FALSE;
  obj = json_node_get_object (value);
  if (json_object_get_size (obj) != 1)
    return FALSE;
  m = json_object_get_member (obj, ND_NO_UPDATE_KEY);
  return m != NULL && nd_json_is_string (m);
}

NdCallbackContext *
nd_callback_context_new (NdApp *app, NdCallRequest *req, NdCallResult *result)
{
  NdCallbackContext *ctx = g_new0 (NdCallbackContext, 1);

  ctx->app = app;
  ctx->req = req;
  ctx->result = result;
  ctx->null_node = nd_json_null ();
  ctx->multi_args = g_new0 (JsonNode *, req->n_inputs + req->n_state);
  ctx->previous = g_private_get (&current_ctx);
  g_private_set (&current_ctx, ctx);
  return ctx;
}

void
nd_callback_context_free (NdCallbackContext *ctx)
{
  g_private_set (&current_ctx, ctx->previous);
  json_node_unref (ctx->null_node);
  for (guint i = 0; i < ctx->req->n_inputs + ctx->req->n_state; i++)
    if (ctx->multi_args[i])
      json_node_unref (ctx->multi_args[i]);
  g_free (ctx->multi_args);
  g_strfreev (ctx->triggered_prop_ids);
  for (guint i = 0; i < G_N_ELEMENTS (ctx->cache); i++)
    if (ctx->cache[i])
      json_node_unref (ctx->cache[i]);
  g_clear_pointer (&ctx->side_index, g_hash_table_unref);
  g_clear_error (&ctx->error);
  g_clear_object (&ctx->cancellable);
  g_free (ctx);
}

/**
 * nd_callback_context_get_current:
 * @error: return location for an error
 *
 * The context of the callback running on this thread, like `dash.ctx`.
 * Outside a callback this fails as Dash's
 * `MissingCallbackContextException` does.
 *
 * Returns: (transfer none) (nullable): the context
 */
NdCallbackContext *
nd_callback_context_get_current (GError **error)
{
  NdCallbackContext *ctx = g_private_get (&current_ctx);

  if (ctx == NULL)
    g_set_error_literal (error, ND_ERROR, ND_ERROR_NO_CONTEXT,
                         "callback context is only available from inside a callback");
  return ctx;
}

guint
nd_callback_context_get_n_args (NdCallbackContext *ctx)
{
  return ctx->req->n_inputs + ctx->req->n_state;
}

static NdArg *
arg_at (NdCallbackContext *ctx, guint index)
{
  if (index < ctx->req->n_inputs)
    return &ctx->req->inputs[index];
  if (index < ctx->req->n_inputs + ctx->req->n_state)
    return &ctx->req->state[index - ctx->req->n_inputs];
  return NULL;
}

/**
 * nd_callback_context_get_arg:
 * @ctx: the context
 * @index: the argument: Inputs first, then States, in declaration order
 *
 * For an `ALL`/`ALLSMALLER` dependency the value is the list of values in
 * layout order.  An undefined prop reads as `null`, as in Dash.
 *
 * Returns: (transfer none): the value (never %NULL)
 */
JsonNode *
nd_callback_context_get_arg (NdCallbackContext *ctx, guint index)
{
  NdArg *arg = arg_at (ctx, index);

  if (arg == NULL)
    {
      g_critical ("callback %s has no argument %u", ctx->req->callback->name, index);
      return ctx->null_node;
    }
  if (!arg->multi)
    return arg->n && arg->items[0].value ? arg->items[0].value : ctx->null_node;
  if (ctx->multi_args[index] == NULL)
    {
      JsonNode *list = nd_json_array_new ();
      JsonArray *arr = json_node_get_array (list);

      for (guint i = 0; i < arg->n; i++)
        json_array_add_element (arr, arg->items[i].value ? json_node_ref (arg->items[i].value) : nd_json_null ());
      ctx->multi_args[index] = list;
    }
  return ctx->multi_args[index];
}

/**
 * nd_callback_context_get_arg_string:
 * Returns: (nullable): the argument if it is a string
 */
const char *
nd_callback_context_get_arg_string (NdCallbackContext *ctx, guint index)
{
  JsonNode *v = nd_callback_context_get_arg (ctx, index);

  return nd_json_is_string (v) ? json_node_get_string (v) : NULL;
}

/* NAN unless the argument is a number. */
double
nd_callback_context_get_arg_double (NdCallbackContext *ctx, guint index)
{
  return nd_json_get_number (nd_callback_context_get_arg (ctx, index));
}

gint64
nd_callback_context_get_arg_int (NdCallbackContext *ctx, guint index, gint64 fallback)
{
  JsonNode *v = nd_callback_context_get_arg (ctx, index);

  if (!nd_json_is_number (v))
    return fallback;
  return (gint64) nd_json_get_number (v);
}

gboolean
nd_callback_context_arg_is_null (NdCallbackContext *ctx, guint index)
{
  return nd_json_is_null (nd_callback_context_get_arg (ctx, index));
}

/**
 * nd_callback_context_get_arg_text:
 * Returns: (transfer full): the argument as Python's str() would write it
 */
char *
nd_callback_context_get_arg_text (NdCallbackContext *ctx, guint index)
{
  return nd_py_str (nd_callback_context_get_arg (ctx, index));
}

/**
 * nd_callback_context_set_output:
 * @ctx: the context
 * @index: the Output, in declaration order
 * @value: (transfer full): its new value, nd_no_update(), or a Patch
 *   (nd_patch_to_node())
 */
void
nd_callback_context_set_output (NdCallbackContext *ctx, guint index, JsonNode *value)
{
  if (index >= ctx->result->n_outputs)
    {
      nd_callback_context_raise (ctx, "set_output(%u): the callback has %u outputs",
                                 index, ctx->result->n_outputs);
      if (value)
        json_node_unref (value);
      return;
    }
  if (ctx->result->outputs[index])
    json_node_unref (ctx->result->outputs[index]);
  ctx->result->outputs[index] = value ? value : nd_json_null ();
}

/**
 * nd_callback_context_return_values: (skip)
 * @ctx: the context
 * @n_values: how many values follow
 * @...: (transfer full): a JsonNode per Output, like Python's `return a, b`
 *
 * A single nd_no_update() for a multi-output callback leaves every output
 * unchanged, as returning `no_update` does in Dash.
 */
void
nd_callback_context_return_values (NdCallbackContext *ctx, guint n_values, ...)
{
  va_list ap;
  guint n_outputs = ctx->result->n_outputs;

  va_start (ap, n_values);
  if (n_values == 1 && n_outputs > 1)
    {
      JsonNode *v = va_arg (ap, JsonNode *);

      if (nd_is_no_update (v))
        {
          for (guint i = 0; i < n_outputs; i++)
            nd_callback_context_set_output (ctx, i, nd_no_update ());
          json_node_unref (v);
        }
      else
        {
          g_autofree char *text = nd_json_to_string (v, FALSE);
          nd_callback_context_raise (ctx, "expected %u output values, got one: %.200s", n_outputs, text);
          json_node_unref (v);
        }
      va_end (ap);
      return;
    }
  if (n_values != n_outputs)
    nd_callback_context_raise (ctx, "returned %u values for %u outputs", n_values, n_outputs);
  for (guint i = 0; i < n_values; i++)
    {
      JsonNode *v = va_arg (ap, JsonNode *);
      if (i < n_outputs && ctx->error == NULL)
        nd_callback_context_set_output (ctx, i, v);
      else
        json_node_unref (v);
    }
  va_end (ap);
}

/* Dash's `raise PreventUpdate`. */
void
nd_callback_context_prevent_update (NdCallbackContext *ctx)
{
  ctx->prevented = TRUE;
}

/**
 * nd_callback_context_raise:
 * @ctx: the context
 * @format: a message
 *
 * Fails the call, like an exception in a Python callback: outputs stay
 * unchanged and the error is reported with the callback's name.
 */
void
nd_callback_context_raise (NdCallbackContext *ctx, const char *format, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  if (ctx->error)
    return;
  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  ctx->error = g_error_new (ND_ERROR, ND_ERROR_CALLBACK, "%s", msg);
}

/**
 * nd_callback_context_set_props:
 * @ctx: the context
 * @component_id: (transfer full): a string or dict id
 * @prop: the prop
 * @value: (transfer full): the new value
 *
 * Dash's `set_props`: updates any component without declaring an Output.
 */
void
nd_callback_context_set_props (NdCallbackContext *ctx, JsonNode *component_id,
                               const char *prop, JsonNode *value)
{
  g_autofree char *text = nd_id_to_string (component_id);
  NdSideUpdate *su;

  if (ctx->result->side_updates == NULL)
    ctx->result->side_updates = g_ptr_array_new ();
  if (ctx->side_index == NULL)
    ctx->side_index = g_hash_table_new (g_str_hash, g_str_equal);
  su = g_hash_table_lookup (ctx->side_index, text);
  if (su == NULL)
    {
      su = g_new0 (NdSideUpdate, 1);
      su->id_text = g_steal_pointer (&text);
      su->id = component_id;
      su->props = nd_json_object_new ();
      g_ptr_array_add (ctx->result->side_updates, su);
      g_hash_table_insert (ctx->side_index, su->id_text, su);
    }
  else
    json_node_unref (component_id);
  json_object_set_member (json_node_get_object (su->props), prop, value ? value : nd_json_null ());
}

const char * const *
nd_callback_context_get_triggered_prop_ids (NdCallbackContext *ctx)
{
  if (ctx->triggered_prop_ids == NULL)
    {
      ctx->triggered_prop_ids = g_new0 (char *, ctx->req->n_changed + 1);
      for (guint i = 0; i < ctx->req->n_changed; i++)
        ctx->triggered_prop_ids[i] = g_strdup (ctx->req->changed_prop_ids[i]);
    }
  return (const char * const *) ctx->triggered_prop_ids;
}

gboolean
nd_callback_context_is_triggered (NdCallbackContext *ctx, const char *prop_id)
{
  for (guint i = 0; i < ctx->req->n_changed; i++)
    if (strcmp (ctx->req->changed_prop_ids[i], prop_id) == 0)
      return TRUE;
  return FALSE;
}

/* Split "<id>.<prop>" at the last dot and parse the id part. */
static JsonNode *
id_of_prop_id (const char *prop_id)
{
  const char *dot = strrchr (prop_id, '.');
  g_autofree char *id_text = dot ? g_strndup (prop_id, dot - prop_id) : g_strdup (prop_id);
  JsonNode *id = nd_id_from_string (id_text, NULL);

  return id ? id : nd_json_string (id_text);
}

/**
 * nd_callback_context_get_triggered_id:
 * Returns: (transfer none) (nullable): the id of the first trigger, %NULL on
 *   an initial call
 */
JsonNode *
nd_callback_context_get_triggered_id (NdCallbackContext *ctx)
{
  if (ctx->req->n_changed == 0)
    return NULL;
  if (ctx->cache[C_TRIGGERED_ID] == NULL)
    ctx->cache[C_TRIGGERED_ID] = id_of_prop_id (ctx->req->changed_prop_ids[0]);
  return ctx->cache[C_TRIGGERED_ID];
}

/**
 * nd_callback_context_get_triggered_prop_ids_map:
 * @ctx: the context
 *
 * `ctx.triggered_prop_ids`: an object from each triggering prop id to its
 * component id (a string, or the dict of a pattern-matching id), in
 * trigger order; `{}` on an initial call.
 *
 * Returns: (transfer none): the map
 */
JsonNode *
nd_callback_context_get_triggered_prop_ids_map (NdCallbackContext *ctx)
{
  if (ctx->cache[C_TRIGGERED_MAP] == NULL)
    {
      JsonNode *map = nd_json_object_new ();

      for (guint i = 0; i < ctx->req->n_changed; i++)
        json_object_set_member (json_node_get_object (map), ctx->req->changed_prop_ids[i],
                                id_of_prop_id (ctx->req->changed_prop_ids[i]));
      ctx->cache[C_TRIGGERED_MAP] = map;
    }
  return ctx->cache[C_TRIGGERED_MAP];
}

static JsonNode *
lookup_input_value (NdCallbackContext *ctx, const char *prop_id)
{
  for (guint i = 0; i < ctx->req->n_inputs; i++)
    {
      NdArg *arg = &ctx->req->inputs[i];
      for (guint j = 0; j < arg->n; j++)
        {
          NdDepValue *dv = &arg->items[j];
          gsize n = strlen (dv->id_text);
          if (strncmp (prop_id, dv->id_text, n) == 0 && prop_id[n] == '.' &&
              strcmp (prop_id + n + 1, dv->property) == 0)
            return dv->value;
        }
    }
  return NULL;
}

/**
 * nd_callback_context_get_triggered:
 *
 * `ctx.triggered`: a list of `{"prop_id", "value"}`; on an initial call the
 * single dummy entry `{"prop_id": ".", "value": null}`.
 *
 * Returns: (transfer none): the list
 */
JsonNode *
nd_callback_context_get_triggered (NdCallbackContext *ctx)
{
  if (ctx->cache[C_TRIGGERED] == NULL)
    {
      JsonNode *list = nd_json_array_new ();
      JsonArray *arr = json_node_get_array (list);

      for (guint i = 0; i < ctx->req->n_changed; i++)
        {
          JsonObject *o = json_object_new ();
          JsonNode *v = lookup_input_value (ctx, ctx->req->changed_prop_ids[i]);

          json_object_set_string_member (o, "prop_id", ctx->req->changed_prop_ids[i]);
          json_object_set_member (o, "value", v ? json_node_ref (v) : nd_json_null ());
          json_array_add_object_element (arr, o);
        }
      if (ctx->req->n_changed == 0)
        {
          JsonObject *o = json_object_new ();
          json_object_set_string_member (o, "prop_id", ".");
          json_object_set_null_member (o, "value");
          json_array_add_object_element (arr, o);
        }
      ctx->cache[C_TRIGGERED] = list;
    }
  return ctx->cache[C_TRIGGERED];
}

static JsonNode *
dep_value_json (NdDepValue *dv, gboolean with_value)
{
  JsonNode *node = nd_json_object_new ();
  JsonObject *o = json_node_get_object (node);

  json_object_set_member (o, "id", json_node_ref (dv->id));
  json_object_set_string_member (o, "property", dv->property);
  if (with_value && dv->value)
    json_object_set_member (o, "value", json_node_ref (dv->value));
  if (dv->missing)
    json_object_set_boolean_member (o, "allow_optional", TRUE);
  return node;
}

static JsonNode *
args_list (NdArg *args, guint n, gboolean with_value)
{
  JsonNode *list = nd_json_array_new ();
  JsonArray *arr = json_node_get_array (list);

  for (guint i = 0; i < n; i++)
    {
      if (args[i].multi)
        {
          JsonNode *sub = nd_json_array_new ();
          for (guint j = 0; j < args[i].n; j++)
            json_array_add_element (json_node_get_array (sub), dep_value_json (&args[i].items[j], with_value));
          json_array_add_element (arr, sub);
        }
      else if (args[i].n)
        json_array_add_element (arr, dep_value_json (&args[i].items[0], with_value));
    }
  return list;
}

/** nd_callback_context_get_inputs_list: Returns: (transfer none): `ctx.inputs_list` */
JsonNode *
nd_callback_context_get_inputs_list (NdCallbackContext *ctx)
{
  if (!ctx->cache[C_INPUTS_LIST])
    ctx->cache[C_INPUTS_LIST] = args_list (ctx->req->inputs, ctx->req->n_inputs, TRUE);
  return ctx->cache[C_INPUTS_LIST];
}

/** nd_callback_context_get_states_list: Returns: (transfer none): `ctx.states_list` */
JsonNode *
nd_callback_context_get_states_list (NdCallbackContext *ctx)
{
  if (!ctx->cache[C_STATES_LIST])
    ctx->cache[C_STATES_LIST] = args_list (ctx->req->state, ctx->req->n_state, TRUE);
  return ctx->cache[C_STATES_LIST];
}

/**
 * nd_callback_context_get_outputs_list:
 * Returns: (transfer none): `ctx.outputs_list`: an object for a single
 *   output, a list otherwise, properties with their `@hash`
 */
JsonNode *
nd_callback_context_get_outputs_list (NdCallbackContext *ctx)
{
  if (!ctx->cache[C_OUTPUTS_LIST])
    {
      NdCallback *cb = ctx->req->callback;
      JsonNode *list = args_list (ctx->req->outputs, ctx->req->n_outputs, FALSE);

      if (cb->outputs->len == 1 && !cb->outputs_as_list && !ctx->req->outputs[0].multi)
        {
          JsonNode *single = json_node_ref (json_array_get_element (json_node_get_array (list), 0));
          json_node_unref (list);
          list = single;
        }
      ctx->cache[C_OUTPUTS_LIST] = list;
    }
  return ctx->cache[C_OUTPUTS_LIST];
}

static JsonNode *
flat_dict (NdArg *args, guint n)
{
  JsonNode *dict = nd_json_object_new ();
  JsonObject *o = json_node_get_object (dict);

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < args[i].n; j++)
      {
        NdDepValue *dv = &args[i].items[j];
        g_autofree char *key = g_strconcat (dv->id_text, ".", dv->property, NULL);
        json_object_set_member (o, key, dv->value ? json_node_ref (dv->value) : nd_json_null ());
      }
  return dict;
}

/** nd_callback_context_get_inputs: Returns: (transfer none): `ctx.inputs`: "id.prop" -> value */
JsonNode *
nd_callback_context_get_inputs (NdCallbackContext *ctx)
{
  if (!ctx->cache[C_INPUTS])
    ctx->cache[C_INPUTS] = flat_dict (ctx->req->inputs, ctx->req->n_inputs);
  return ctx->cache[C_INPUTS];
}

/** nd_callback_context_get_states: Returns: (transfer none): `ctx.states` */
JsonNode *
nd_callback_context_get_states (NdCallbackContext *ctx)
{
  if (!ctx->cache[C_STATES])
    ctx->cache[C_STATES] = flat_dict (ctx->req->state, ctx->req->n_state);
  return ctx->cache[C_STATES];
}

static JsonNode *
grouping_leaf (NdCallbackContext *ctx, NdDepValue *dv)
{
  JsonNode *node = dep_value_json (dv, FALSE);
  JsonObject *o = json_node_get_object (node);
  g_autofree char *prop_id = g_strconcat (dv->id_text, ".", dv->property, NULL);

  json_object_set_member (o, "value", dv->value ? json_node_ref (dv->value) : nd_json_null ());
  json_object_set_string_member (o, "str_id", dv->id_text);
  json_object_set_boolean_member (o, "triggered", nd_callback_context_is_triggered (ctx, prop_id));
  return node;
}

/**
 * nd_callback_context_get_args_grouping:
 * Returns: (transfer none): `ctx.args_grouping` for positional arguments:
 *   a list (Inputs then States) of leaves, or lists of leaves for wildcards
 */
JsonNode *
nd_callback_context_get_args_grouping (NdCallbackContext *ctx)
{
  if (!ctx->cache[C_GROUPING])
    {
      JsonNode *list = nd_json_array_new ();
      JsonArray *arr = json_node_get_array (list);

      for (guint i = 0; i < nd_callback_context_get_n_args (ctx); i++)
        {
          NdArg *arg = arg_at (ctx, i);
          if (arg->multi)
            {
              JsonNode *sub = nd_json_array_new ();
              for (guint j = 0; j < arg->n; j++)
                json_array_add_element (json_node_get_array (sub), grouping_leaf (ctx, &arg->items[j]));
              json_array_add_element (arr, sub);
            }
          else if (arg->n)
            json_array_add_element (arr, grouping_leaf (ctx, &arg->items[0]));
        }
      ctx->cache[C_GROUPING] = list;
    }
  return ctx->cache[C_GROUPING];
}

/**
 * nd_callback_context_set_progress:
 * @ctx: the context of a background callback
 * @index: the progress Output, in nd_progress() order
 * @value: (transfer full): its value
 *
 * Dash's `set_progress`, for one progress Output.  Callable from the job's
 * thread; the session applies the latest value of each progress Output on
 * its main context, as `set_props` does.  Ignored once the job is
 * cancelled, and when no session runs the call (the HTTP mirror).
 */
void
nd_callback_context_set_progress (NdCallbackContext *ctx, guint index, JsonNode *value)
{
  NdCallback *cb = ctx->req->callback;

  if (value == NULL)
    value = nd_json_null ();
  if (index >= cb->progress->len)
    {
      nd_callback_context_raise (ctx, "set_progress(%u): the callback has %u progress outputs",
                                 index, cb->progress->len);
      json_node_unref (value);
      return;
    }
  if (ctx->req->job == NULL)
    {
      json_node_unref (value);
      return;
    }
  nd_job_set_progress (ctx->req->job, index, value);
}

/**
 * nd_callback_context_set_progress_values: (skip)
 * @ctx: the context of a background callback
 * @n_values: how many values follow
 * @...: (transfer full): a JsonNode per progress Output, in order
 *
 * `set_progress(value)` or `set_progress([a, b])` with every progress
 * Output at once; see nd_set_progress().
 */
void
nd_callback_context_set_progress_values (NdCallbackContext *ctx, guint n_values, ...)
{
  guint n_progress = ctx->req->callback->progress->len;
  va_list ap;

  if (n_values != n_progress)
    nd_callback_context_raise (ctx, "set_progress got %u values for %u progress outputs",
                               n_values, n_progress);
  va_start (ap, n_values);
  for (guint i = 0; i < n_values; i++)
    {
      JsonNode *v = va_arg (ap, JsonNode *);

      if (n_values == n_progress)
        nd_callback_context_set_progress (ctx, i, v);
      else if (v)
        json_node_unref (v);
    }
  va_end (ap);
}

/**
 * nd_callback_context_is_cancelled:
 * @ctx: the context
 *
 * Whether the background job was cancelled (by a cancel Input, a newer
 * call of the same callback, or the session closing).  Its result is then
 * discarded whatever it returns; a long body should check this and stop.
 *
 * Returns: %TRUE if cancelled
 */
gboolean
nd_callback_context_is_cancelled (NdCallbackContext *ctx)
{
  return ctx->req->job ? nd_job_is_cancelled (ctx->req->job) : FALSE;
}

/**
 * nd_callback_context_get_cancellable:
 * @ctx: the context
 *
 * The job's cancellable, cancelled as nd_callback_context_is_cancelled()
 * turns %TRUE; give it to blocking GIO calls or connect to it.  Calls
 * that are no background job get one that is never cancelled.
 *
 * Returns: (transfer none): the cancellable
 */
GCancellable *
nd_callback_context_get_cancellable (NdCallbackContext *ctx)
{
  if (ctx->req->job)
    return nd_job_get_cancellable (ctx->req->job);
  if (ctx->cancellable == NULL)
    ctx->cancellable = g_cancellable_new ();
  return ctx->cancellable;
}

const char *
nd_callback_context_get_callback_name (NdCallbackContext *ctx)
{
  return ctx->req->callback->name;
}

/**
 * nd_callback_context_get_session_id:
 * Returns: (nullable): the id of the session the call runs for (%NULL for
 *   mirror requests, which carry no session)
 */
const char *
nd_callback_context_get_session_id (NdCallbackContext *ctx)
{
  return ctx->req->session_id;
}

gboolean
nd_callback_context_has_error (NdCallbackContext *ctx)
{
  return ctx->error != NULL;
}

/* Dash's on_error: the handler sees the error with the outputs cleared;
 * what it leaves unset stays unchanged. */
void
nd_callback_context_handle_error (NdCallbackContext *ctx, NdErrorHandlerFunc handler,
                                  gpointer user_data)
{
  g_autoptr(GError) error = g_steal_pointer (&ctx->error);

  for (guint i = 0; i < ctx->result->n_outputs; i++)
    g_clear_pointer (&ctx->result->outputs[i], json_node_unref);
  ctx->prevented = FALSE;
  handler (ctx, error, user_data);
  if (ctx->error || ctx->prevented)
    return;
  for (guint i = 0; i < ctx->result->n_outputs; i++)
    if (ctx->result->outputs[i] == NULL)
      ctx->result->outputs[i] = nd_no_update ();
}

gboolean
nd_callback_context_finish (NdCallbackContext *ctx, GError **error)
{
  if (ctx->error)
    {
      g_propagate_error (error, g_steal_pointer (&ctx->error));
      return FALSE;
    }
  return !ctx->prevented;
}
