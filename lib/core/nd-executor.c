/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The executor: runs one callback on the inputs it is given, as Dash's
 * Python back end does.  The same code serves the native scheduler (which
 * builds requests from a session's props) and the HTTP mirror (which
 * decodes them from `_dash-update-component` bodies).
 */
#include "nd-private.h"

#include <string.h>

#include "nd-patch.h"


NdCallRequest *
nd_call_request_new (NdCallback *callback)
{
  NdCallRequest *req = g_new0 (NdCallRequest, 1);

  req->ref_count = 1;
  req->callback = g_object_ref (callback);
  req->n_outputs = callback->outputs->len;
  req->outputs = g_new0 (NdArg, req->n_outputs);
  req->n_inputs = callback->inputs->len;
  req->inputs = g_new0 (NdArg, req->n_inputs);
  req->n_state = callback->state->len;
  req->state = g_new0 (NdArg, req->n_state);
  return req;
}

NdCallRequest *
nd_call_request_ref (NdCallRequest *req)
{
  g_atomic_int_inc (&req->ref_count);
  return req;
}

void
nd_arg_clear (NdArg *arg)
{
  for (guint i = 0; i < arg->n; i++)
    {
      NdDepValue *dv = &arg->items[i];
      g_clear_pointer (&dv->id, json_node_unref);
      g_clear_pointer (&dv->id_text, g_ref_string_release);
      g_clear_pointer (&dv->value, json_node_unref);
    }
  g_free (arg->items);
  arg->items = NULL;
  arg->n = 0;
}

void
nd_call_request_unref (NdCallRequest *req)
{
  if (req == NULL || !g_atomic_int_dec_and_test (&req->ref_count))
    return;
  for (guint i = 0; i < req->n_outputs; i++)
    nd_arg_clear (&req->outputs[i]);
  for (guint i = 0; i < req->n_inputs; i++)
    nd_arg_clear (&req->inputs[i]);
  for (guint i = 0; i < req->n_state; i++)
    nd_arg_clear (&req->state[i]);
  g_free (req->outputs);
  g_free (req->inputs);
  g_free (req->state);
  g_strfreev (req->changed_prop_ids);
  g_free (req->session_id);
  g_clear_pointer (&req->job, nd_job_unref);
  g_object_unref (req->callback);
  g_free (req);
}

/* Fill one resolved dependency; takes references on @id and @value. */
void
nd_dep_value_set (NdDepValue *dv, JsonNode *id, const char *id_text,
                  const char *property, JsonNode *value)
{
  dv->id = json_node_ref (id);
  if (id_text)
    dv->id_text = g_ref_string_new (id_text);
  else
    {
      g_autofree char *text = nd_id_to_string (id);
      dv->id_text = g_ref_string_new (text);
    }
  /* a small set (declared props), so interning bounds memory */
  dv->property = g_intern_string (property);
  dv->value = value ? json_node_ref (value) : NULL;
}

/* Like nd_dep_value_set() with a refcounted id text (an index entry's),
 * shared instead of copied: ALL lists over many components stay cheap. */
void
nd_dep_value_set_shared (NdDepValue *dv, JsonNode *id, char *id_text,
                         const char *property, JsonNode *value)
{
  dv->id = json_node_ref (id);
  dv->id_text = g_ref_string_acquire (id_text);
  dv->property = g_intern_string (property);
  dv->value = value ? json_node_ref (value) : NULL;
}

void
nd_call_result_free (NdCallResult *result)
{
  if (result == NULL)
    return;
  for (guint i = 0; i < result->n_outputs; i++)
    if (result->outputs[i])
      json_node_unref (result->outputs[i]);
  g_free (result->outputs);
  if (result->side_updates)
    {
      for (guint i = 0; i < result->side_updates->len; i++)
        {
          NdSideUpdate *su = g_ptr_array_index (result->side_updates, i);
          g_free (su->id_text);
          json_node_unref (su->id);
          json_node_unref (su->props);
          g_free (su);
        }
      g_ptr_array_unref (result->side_updates);
    }
  g_clear_error (&result->error);
  g_free (result);
}

/* ---- decoding a request body ---- */

#define BAD(...) G_STMT_START { \
    g_set_error (error, ND_ERROR, ND_ERROR_INVALID_REQUEST, __VA_ARGS__); \
    return FALSE; } G_STMT_END

static gboolean
decode_item (JsonNode *item, NdDependency *dep, gboolean is_output, NdDepValue *dv,
             const char *cb_name, GError **error)
{
  JsonObject *o;
  JsonNode *id, *prop, *value;
  const char *p;
  gsize plen;

  if (item == NULL || JSON_NODE_TYPE (item) != JSON_NODE_OBJECT)
    BAD ("callback %s: each %s item must be an object {\"id\", \"property\"} (%s)",
         cb_name, is_output ? "outputs" : "inputs/state", dep->prop_id);
  o = json_node_get_object (item);
  id = json_object_get_member (o, "id");
  prop = json_object_get_member (o, "property");
  value = json_object_get_member (o, "value");
  if (id == NULL || !(nd_json_is_string (id) || nd_id_is_dict (id)) || !nd_json_is_string (prop))
    BAD ("callback %s: item for %s needs a string or dict \"id\" and a string \"property\"",
         cb_name, dep->prop_id);
  if (nd_id_has_wildcard (id))
    BAD ("callback %s: item for %s has a wildcard in its id; requests carry concrete ids",
         cb_name, dep->prop_id);
  p = json_node_get_string (prop);
  plen = strchr (p, '@') && is_output ? (gsize) (strchr (p, '@') - p) : strlen (p);
  if (strlen (dep->property) != plen || strncmp (p, dep->property, plen) != 0 ||
      !nd_dependency_matches_id (dep, id, NULL, NULL))
    {
      g_autofree char *got = nd_id_to_string (id);
      BAD ("callback %s: item %s.%s does not match the declared %s",
           cb_name, got, p, dep->prop_id);
    }
  nd_dep_value_set (dv, id, NULL, p, is_output ? NULL : value);
  return TRUE;
}

static gboolean
decode_arg (JsonNode *node, NdDependency *dep, gboolean is_output, NdArg *arg,
            const char *cb_name, GError **error)
{
  arg->multi = dep->multi;
  if (dep->multi)
    {
      JsonArray *arr;

      if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
        BAD ("callback %s: %s is a wildcard dependency; its request item must be a list",
             cb_name, dep->prop_id);
      arr = json_node_get_array (node);
      arg->items = g_new0 (NdDepValue, json_array_get_length (arr));
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          if (!decode_item (json_array_get_element (arr, i), dep, is_output, &arg->items[i], cb_name, error))
            return FALSE;
          arg->n++;
        }
      return TRUE;
    }
  arg->items = g_new0 (NdDepValue, 1);
  if (!decode_item (node, dep, is_output, &arg->items[0], cb_name, error))
    return FALSE;
  arg->n = 1;
  return TRUE;
}

static gboolean
decode_args (JsonNode *node, GPtrArray *deps, gboolean is_output, NdArg *args,
             const char *what, const char *cb_name, GError **error)
{
  JsonArray *arr;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    BAD ("callback %s: \"%s\" must be a list", cb_name, what);
  arr = json_node_get_array (node);
  if (json_array_get_length (arr) != deps->len)
    BAD ("callback %s: \"%s\" has %u items but the callback declares %u",
         cb_name, what, json_array_get_length (arr), deps->len);
  for (guint i = 0; i < deps->len; i++)
    if (!decode_arg (json_array_get_element (arr, i), g_ptr_array_index (deps, i),
                     is_output, &args[i], cb_name, error))
      return FALSE;
  return TRUE;
}

/**
 * nd_call_request_from_json:
 * @app: the app whose callbacks the request names
 * @body: a parsed `_dash-update-component` body
 * @error: return location for an error
 *
 * Decodes and checks a request (dash-protocol §10): the callback exists,
 * the outputs agree with its declaration, inputs and state have the
 * declared shapes.
 *
 * Returns: (transfer full) (nullable): the request
 */
NdCallRequest *
nd_call_request_from_json (NdApp *app, JsonNode *body, GError **error)
{
  JsonObject *o;
  JsonNode *output, *outputs, *changed;
  NdCallback *cb;
  g_autoptr(NdCallRequest) req = NULL;

  if (body == NULL || JSON_NODE_TYPE (body) != JSON_NODE_OBJECT)
    {
      g_set_error_literal (error, ND_ERROR, ND_ERROR_INVALID_REQUEST, "request body must be a JSON object");
      return NULL;
    }
  o = json_node_get_object (body);
  output = json_object_get_member (o, "output");
  if (!nd_json_is_string (output))
    {
      g_set_error_literal (error, ND_ERROR, ND_ERROR_INVALID_REQUEST, "request has no \"output\" key");
      return NULL;
    }
  cb = nd_app_lookup_callback (app, json_node_get_string (output));
  if (cb == NULL)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_UNKNOWN_CALLBACK,
                   "no callback has the output key '%.200s'", json_node_get_string (output));
      return NULL;
    }
  req = nd_call_request_new (cb);

  outputs = json_object_get_member (o, "outputs");
  if (cb->outputs->len == 0)
    ;
  else if (cb->outputs->len == 1 && !cb->outputs_as_list)
    {
      if (!decode_arg (outputs, g_ptr_array_index (cb->outputs, 0), TRUE, &req->outputs[0], cb->name, error))
        return NULL;
    }
  else if (!decode_args (outputs, cb->outputs, TRUE, req->outputs, "outputs", cb->name, error))
    return NULL;

  if (!decode_args (json_object_get_member (o, "inputs"), cb->inputs, FALSE, req->inputs,
                    "inputs", cb->name, error))
    return NULL;
  if (cb->state->len || json_object_has_member (o, "state"))
    {
      JsonNode *state = json_object_get_member (o, "state");
      if (!(cb->state->len == 0 && state && JSON_NODE_TYPE (state) == JSON_NODE_ARRAY &&
            json_array_get_length (json_node_get_array (state)) == 0) &&
          !decode_args (state, cb->state, FALSE, req->state, "state", cb->name, error))
        return NULL;
    }

  changed = json_object_get_member (o, "changedPropIds");
  if (changed && JSON_NODE_TYPE (changed) == JSON_NODE_ARRAY)
    {
      JsonArray *arr = json_node_get_array (changed);
      req->changed_prop_ids = g_new0 (char *, json_array_get_length (arr) + 1);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *el = json_array_get_element (arr, i);
          if (!nd_json_is_string (el))
            {
              g_set_error (error, ND_ERROR, ND_ERROR_INVALID_REQUEST,
                           "callback %s: changedPropIds must be strings", cb->name);
              return NULL;
            }
          req->changed_prop_ids[req->n_changed++] = g_strdup (json_node_get_string (el));
        }
    }
  else if (changed && !nd_json_is_null (changed))
    {
      g_set_error (error, ND_ERROR, ND_ERROR_INVALID_REQUEST,
                   "callback %s: changedPropIds must be a list", cb->name);
      return NULL;
    }
  return g_steal_pointer (&req);
}

/* ---- running ---- */

static char *
outputs_text (NdCallback *cb)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < cb->outputs->len; i++)
    {
      if (i)
        g_string_append (s, ", ");
      g_string_append (s, ((NdDependency *) g_ptr_array_index (cb->outputs, i))->prop_id);
    }
  return g_string_free (s, FALSE);
}

/* Checks the returned values fit the outputs (InvalidCallbackReturnValue). */
static gboolean
check_outputs (NdCallRequest *req, NdCallResult *result, GError **error)
{
  NdCallback *cb = req->callback;

  for (guint i = 0; i < result->n_outputs; i++)
    {
      NdDependency *dep = g_ptr_array_index (cb->outputs, i);
      JsonNode *v = result->outputs[i];

      if (v == NULL)
        {
          g_set_error (error, ND_ERROR, ND_ERROR_INVALID_RETURN,
                       "callback %s returned no value for Output %s (output %u of %u)",
                       cb->name, dep->prop_id, i + 1, result->n_outputs);
          return FALSE;
        }
      if (dep->multi && !nd_is_no_update (v) && !nd_patch_is_patch (v))
        {
          guint expected = req->outputs[i].n;

          if (JSON_NODE_TYPE (v) != JSON_NODE_ARRAY)
            {
              g_set_error (error, ND_ERROR, ND_ERROR_INVALID_RETURN,
                           "callback %s: Output %s is a wildcard output and needs a list of %u values",
                           cb->name, dep->prop_id, expected);
              return FALSE;
            }
          if (json_array_get_length (json_node_get_array (v)) != expected)
            {
              g_set_error (error, ND_ERROR, ND_ERROR_INVALID_RETURN,
                           "callback %s: Output %s matches %u components but the callback returned %u values",
                           cb->name, dep->prop_id, expected, json_array_get_length (json_node_get_array (v)));
              return FALSE;
            }
        }
    }
  return TRUE;
}

/**
 * nd_executor_run:
 * @app: the app
 * @req: the request
 *
 * Runs the callback body once on the calling thread and captures its
 * outcome: values per output, PreventUpdate, or an error naming the
 * callback.  Never aborts on a failing callback.
 *
 * Returns: (transfer full): the result
 */
NdCallResult *
nd_executor_run (NdApp *app, NdCallRequest *req)
{
  NdCallResult *result = g_new0 (NdCallResult, 1);
  NdCallbackContext *ctx;
  NdCallback *cb = req->callback;
  GError *error = NULL;
  gint64 t0;
  gboolean ok;

  result->n_outputs = req->n_outputs;
  result->outputs = g_new0 (JsonNode *, req->n_outputs);

  ctx = nd_callback_context_new (app, req, result);
  t0 = g_get_monotonic_time ();
  cb->func (ctx, cb->user_data);
  if (nd_callback_context_has_error (ctx) && (cb->on_error || app->on_error))
    {
      if (cb->on_error)
        nd_callback_context_handle_error (ctx, cb->on_error, cb->on_error_data);
      else
        nd_callback_context_handle_error (ctx, app->on_error, app->on_error_data);
    }
  result->duration_us = g_get_monotonic_time () - t0;
  ok = nd_callback_context_finish (ctx, &error);
  nd_callback_context_free (ctx);

  if (error)
    {
      g_autofree char *outs = outputs_text (cb);
      result->status = ND_CALL_FAILED;
      result->error = g_error_new (ND_ERROR, error->code, "Callback error updating %s (callback %s): %s",
                                   outs[0] ? outs : cb->key, cb->name, error->message);
      g_error_free (error);
      return result;
    }
  if (!ok)
    {
      result->status = ND_CALL_PREVENTED;
      return result;
    }
  if (!check_outputs (req, result, &error))
    {
      g_autofree char *outs = outputs_text (cb);
      result->status = ND_CALL_FAILED;
      result->error = g_error_new (ND_ERROR, error->code, "Callback error updating %s: %s",
                                   outs[0] ? outs : cb->key, error->message);
      g_error_free (error);
      return result;
    }
  result->status = ND_CALL_UPDATED;
  return result;
}

static void
add_response (JsonObject *response, const char *id_text, const char *property, JsonNode *value)
{
  JsonNode *entry = json_object_get_member (response, id_text);
  const char *at = strchr (property, '@');
  g_autofree char *prop = at ? g_strndup (property, at - property) : g_strdup (property);

  if (entry == NULL)
    {
      json_object_set_object_member (response, id_text, json_object_new ());
      entry = json_object_get_member (response, id_text);
    }
  json_object_set_member (json_node_get_object (entry), prop, json_node_ref (value));
}

/**
 * nd_call_result_to_json:
 * @result: a result with status %ND_CALL_UPDATED
 * @req: its request
 *
 * Returns: (transfer full) (nullable): the response body (dash-protocol
 *   §11.1), or %NULL when the answer is 204
 */
JsonNode *
nd_call_result_to_json (NdCallResult *result, NdCallRequest *req)
{
  JsonNode *root;
  JsonObject *o, *response;

  if (result->status != ND_CALL_UPDATED)
    return NULL;
  if (req->n_outputs == 0 && (result->side_updates == NULL || result->side_updates->len == 0))
    return NULL;

  root = nd_json_object_new ();
  o = json_node_get_object (root);
  json_object_set_boolean_member (o, "multi", TRUE);
  if (req->n_outputs)
    {
      response = json_object_new ();
      for (guint i = 0; i < req->n_outputs; i++)
        {
          NdArg *arg = &req->outputs[i];
          JsonNode *v = result->outputs[i];

          if (v == NULL || nd_is_no_update (v))
            continue;
          if (arg->multi && JSON_NODE_TYPE (v) == JSON_NODE_ARRAY)
            {
              JsonArray *arr = json_node_get_array (v);
              for (guint j = 0; j < arg->n && j < json_array_get_length (arr); j++)
                {
                  JsonNode *item = json_array_get_element (arr, j);
                  if (!nd_is_no_update (item))
                    add_response (response, arg->items[j].id_text, arg->items[j].property, item);
                }
            }
          else if (arg->n)
            add_response (response, arg->items[0].id_text, arg->items[0].property, v);
        }
      json_object_set_object_member (o, "response", response);
    }
  if (result->side_updates && result->side_updates->len)
    {
      JsonObject *side = json_object_new ();
      for (guint i = 0; i < result->side_updates->len; i++)
        {
          NdSideUpdate *su = g_ptr_array_index (result->side_updates, i);
          json_object_set_member (side, su->id_text, json_node_ref (su->props));
        }
      json_object_set_object_member (o, "sideUpdate", side);
    }
  return root;
}
