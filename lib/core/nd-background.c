/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Background callbacks (callback-semantics §10.3): the job a background
 * call runs as, with its cancellable and the progress values it reports
 * from its worker thread to the session's main context; the registration
 * checks of §1.1 about them; and the hidden cancel callbacks Dash lists in
 * `_dash-dependencies` (dash-protocol §12).
 */
#include "nd-session-private.h"

#include <string.h>

#define DIRECT 2

struct _NdJob {
  gint ref_count;
  GMutex lock;
  GCancellable *cancellable;
  NdSession *session;        /* borrowed: the worker holds a reference while the body runs */
  NdCallback *callback;
  GMainContext *context;
  JsonNode **pending;        /* latest unapplied value per progress Output */
  guint n_pending;
  gboolean flush_queued;
  gboolean stopped;          /* finished or cancelled: progress is dropped */
};

NdJob *
nd_job_new (NdSession *session, NdCallback *callback)
{
  NdJob *job = g_new0 (NdJob, 1);

  job->ref_count = 1;
  g_mutex_init (&job->lock);
  job->cancellable = g_cancellable_new ();
  job->session = session;
  job->callback = g_object_ref (callback);
  job->context = g_main_context_ref (session->context);
  job->n_pending = callback->progress->len;
  job->pending = g_new0 (JsonNode *, MAX (job->n_pending, 1));
  return job;
}

NdJob *
nd_job_ref (NdJob *job)
{
  g_atomic_int_inc (&job->ref_count);
  return job;
}

static void
clear_pending (NdJob *job)
{
  for (guint i = 0; i < job->n_pending; i++)
    g_clear_pointer (&job->pending[i], json_node_unref);
}

void
nd_job_unref (NdJob *job)
{
  if (job == NULL || !g_atomic_int_dec_and_test (&job->ref_count))
    return;
  clear_pending (job);
  g_free (job->pending);
  g_object_unref (job->cancellable);
  g_object_unref (job->callback);
  g_main_context_unref (job->context);
  g_mutex_clear (&job->lock);
  g_free (job);
}

/* The job's result is in (or no longer wanted): later progress is dropped. */
void
nd_job_finish (NdJob *job)
{
  g_mutex_lock (&job->lock);
  job->stopped = TRUE;
  clear_pending (job);
  g_mutex_unlock (&job->lock);
}

/* A C thread cannot be killed: the body sees the cancellable and its
 * result is discarded whatever it returns. */
void
nd_job_cancel (NdJob *job)
{
  nd_job_finish (job);
  g_cancellable_cancel (job->cancellable);
}

gboolean
nd_job_is_cancelled (NdJob *job)
{
  return g_cancellable_is_cancelled (job->cancellable);
}

GCancellable *
nd_job_get_cancellable (NdJob *job)
{
  return job->cancellable;
}

typedef struct {
  NdJob *job;
  NdSession *session;
} Flush;

static void
flush_free (gpointer data)
{
  Flush *flush = data;

  nd_job_unref (flush->job);
  g_object_unref (flush->session);
  g_free (flush);
}

static gboolean
job_stopped (NdJob *job)
{
  gboolean stopped;

  g_mutex_lock (&job->lock);
  stopped = job->stopped;
  g_mutex_unlock (&job->lock);
  return stopped;
}

/* Applies a prop as set_props does (DIRECT, no equality check). */
static void
apply_to (NdSession *session, NdDependency *dep, JsonNode *value)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  nd_session_resolve (session, dep, NULL, NULL, found);
  if (found->len == 0)
    {
      json_node_unref (value);
      return;
    }
  nd_session_apply_prop (session, g_ptr_array_index (found, 0), dep->property, value, DIRECT, NULL);
}

/* On the session's main context: the latest values, as one poll would. */
static gboolean
flush_cb (gpointer data)
{
  Flush *flush = data;
  NdJob *job = flush->job;
  NdSession *session = flush->session;
  g_autofree JsonNode **values = g_new0 (JsonNode *, MAX (job->n_pending, 1));

  g_mutex_lock (&job->lock);
  job->flush_queued = FALSE;
  for (guint i = 0; i < job->n_pending; i++)
    values[i] = g_steal_pointer (&job->pending[i]);
  g_mutex_unlock (&job->lock);

  for (guint i = 0; i < job->n_pending; i++)
    {
      if (values[i] == NULL)
        continue;
      /* Applying one value may cancel the job (it is an ordinary prop change). */
      if (session->closed || job_stopped (job))
        json_node_unref (values[i]);
      else
        apply_to (session, g_ptr_array_index (job->callback->progress, i), values[i]);
      values[i] = NULL;
    }
  if (!session->closed)
    nd_scheduler_schedule_pass (session);
  return G_SOURCE_REMOVE;
}

/* From the job's thread: keeps only the latest value per Output and wakes
 * the main context once for all of them. */
void
nd_job_set_progress (NdJob *job, guint index, JsonNode *value)
{
  gboolean queue = FALSE;

  g_mutex_lock (&job->lock);
  if (job->stopped || index >= job->n_pending)
    {
      g_mutex_unlock (&job->lock);
      json_node_unref (value);
      return;
    }
  if (job->pending[index])
    json_node_unref (job->pending[index]);
  job->pending[index] = value;
  if (!job->flush_queued)
    job->flush_queued = queue = TRUE;
  g_mutex_unlock (&job->lock);

  if (queue)
    {
      Flush *flush = g_new0 (Flush, 1);

      flush->job = nd_job_ref (job);
      flush->session = g_object_ref (job->session);
      nd_context_post (job->context, flush_cb, flush, flush_free);
    }
}

/* progress_default, when the job ends or is cancelled. */
void
nd_background_apply_defaults (NdSession *session, NdCallback *cb)
{
  for (guint i = 0; i < cb->progress_default->len && i < cb->progress->len; i++)
    apply_to (session, g_ptr_array_index (cb->progress, i),
              nd_json_deep_copy (g_ptr_array_index (cb->progress_default, i)));
}

/* ---- registration checks (§1.1) ---- */

#define FAIL(code, ...) G_STMT_START { \
    g_autofree char *msg_ = g_strdup_printf (__VA_ARGS__); \
    g_set_error (error, ND_ERROR, (code), "callback %s: %s", cb->name, msg_); \
    return FALSE; } G_STMT_END

static gboolean
check_option_deps (NdCallback *cb, GPtrArray *deps, const char *option,
                   NdDependencyKind kind, GError **error)
{
  for (guint i = 0; i < deps->len; i++)
    {
      NdDependency *dep = g_ptr_array_index (deps, i);

      if (dep->kind != kind)
        FAIL (ND_ERROR_INCORRECT_TYPE, "%s=[%s]: give an %s here", option, dep->prop_id,
              kind == ND_DEPENDENCY_OUTPUT ? "Output" : "Input");
      if (dep->error)
        FAIL (ND_ERROR_INVALID_ID, "%s=[%s]: %s", option, dep->prop_id, dep->error);
      if (dep->property[0] == '\0')
        FAIL (ND_ERROR_INCORRECT_TYPE, "%s=[%s]: the component property must be a non-empty string",
              option, dep->prop_id);
      if (nd_id_has_wildcard (dep->id))
        FAIL (ND_ERROR_WILDCARD,
              "%s=[%s] uses a wildcard id; background callbacks do not support pattern-matching "
              "ids in progress or cancel (WildcardInLongCallback)", option, dep->prop_id);
    }
  return TRUE;
}

/* Per-callback checks, at registration. */
gboolean
nd_background_check_callback (NdCallback *cb, GError **error)
{
  if (!cb->background)
    {
      if (cb->progress->len)
        FAIL (ND_ERROR_BACKGROUND, "progress=[%s] needs background=True (nd_background())",
              ((NdDependency *) g_ptr_array_index (cb->progress, 0))->prop_id);
      if (cb->cancel->len)
        FAIL (ND_ERROR_BACKGROUND, "cancel=[%s] needs background=True (nd_background())",
              ((NdDependency *) g_ptr_array_index (cb->cancel, 0))->prop_id);
      if (cb->progress_default->len)
        FAIL (ND_ERROR_BACKGROUND, "progress_default needs background=True (nd_background())");
      if (cb->interval_ms)
        FAIL (ND_ERROR_BACKGROUND, "interval needs background=True (nd_background())");
      return TRUE;
    }
  if (!check_option_deps (cb, cb->progress, "progress", ND_DEPENDENCY_OUTPUT, error) ||
      !check_option_deps (cb, cb->cancel, "cancel", ND_DEPENDENCY_INPUT, error))
    return FALSE;
  if (cb->progress_default->len && cb->progress_default->len != cb->progress->len)
    FAIL (ND_ERROR_BACKGROUND,
          "Progress and progress default needs to be of same length: %u progress Output(s)%s%s, "
          "%u progress_default value(s)",
          cb->progress->len, cb->progress->len ? " starting with " : "",
          cb->progress->len ? ((NdDependency *) g_ptr_array_index (cb->progress, 0))->prop_id : "",
          cb->progress_default->len);
  return TRUE;
}

/* ---- graph check at start (Dash's validate_background_callbacks) ---- */

typedef struct {
  NdDependency *prop;       /* a prop that changes while the job runs */
  NdDependency *origin;     /* the progress or running Output it comes from */
  NdCallback *via;          /* the last callback on the way, NULL if none */
} Reach;

static gboolean
check_background_graph (NdApp *app, NdCallback *cb, GError **error)
{
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (Reach));
  g_autofree gboolean *seen = g_new0 (gboolean, app->callbacks->len);

  for (guint i = 0; i < cb->progress->len; i++)
    {
      Reach r = { g_ptr_array_index (cb->progress, i), g_ptr_array_index (cb->progress, i), NULL };
      g_array_append_val (work, r);
    }
  for (guint i = 0; i < cb->running->len; i++)
    {
      NdDependency *o = g_array_index (cb->running, NdRunning, i).output;
      Reach r = { o, o, NULL };
      g_array_append_val (work, r);
    }
  seen[cb->index] = TRUE;

  /* Everything those props feed, through any chain of callbacks; reaching
   * one of the job's own Inputs would restart it from its own progress. */
  while (work->len)
    {
      Reach r = g_array_index (work, Reach, work->len - 1);
      GPtrArray *refs;

      g_array_set_size (work, work->len - 1);
      for (guint i = 0; i < cb->inputs->len; i++)
        {
          NdDependency *in = g_ptr_array_index (cb->inputs, i);

          if (!nd_patterns_overlap (r.prop, in))
            continue;
          if (r.via)
            FAIL (ND_ERROR_CIRCULAR,
                  "Background callback circular error (BackgroundCallbackError): %s is an Input of "
                  "this background callback but callback %s sets it from an input updated by its "
                  "progress or running Output %s",
                  in->prop_id, r.via->name, r.origin->prop_id);
          FAIL (ND_ERROR_CIRCULAR,
                "Background callback circular error (BackgroundCallbackError): %s is an Input of "
                "this background callback and also one of its progress or running Outputs",
                in->prop_id);
        }
      refs = nd_app_lookup_input_refs (app, r.prop->id, r.prop->id_text, r.prop->property);
      for (guint i = 0; refs && i < refs->len; i++)
        {
          NdDepRef *ref = g_ptr_array_index (refs, i);
          NdCallback *next = ref->callback;

          if (seen[next->index] || (r.prop->is_dict && !nd_patterns_overlap (r.prop, ref->dep)))
            continue;
          seen[next->index] = TRUE;
          for (guint j = 0; j < next->outputs->len; j++)
            {
              Reach n = { g_ptr_array_index (next->outputs, j), r.origin, next };
              g_array_append_val (work, n);
            }
        }
    }
  return TRUE;
}

#undef FAIL

gboolean
nd_background_check_graph (NdApp *app, GError **error)
{
  for (guint i = 0; i < app->callbacks->len; i++)
    {
      NdCallback *cb = g_ptr_array_index (app->callbacks, i);

      if (cb->background && !check_background_graph (app, cb, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- the hidden cancel callbacks (dash-protocol §12.6) ---- */

static char *
cancel_key (NdDependency *dep)
{
  GString *key = g_string_new (NULL);

  for (const char *p = dep->id_text; *p; p++)
    {
      if (*p == '.')
        g_string_append_c (key, '\\');
      g_string_append_c (key, *p);
    }
  g_string_append (key, ".id");
  return g_string_free (key, FALSE);
}

/* Calls @func for each distinct cancel Input, in Dash's order. */
static gboolean
foreach_cancel (NdApp *app, gboolean (*func) (NdDependency *dep, gpointer data), gpointer data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < app->callbacks->len; i++)
    {
      NdCallback *cb = g_ptr_array_index (app->callbacks, i);

      for (guint j = 0; cb->background && j < cb->cancel->len; j++)
        {
          NdDependency *dep = g_ptr_array_index (cb->cancel, j);

          if (g_hash_table_add (seen, dep->prop_id) && func (dep, data))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
add_cancel_entry (NdDependency *dep, gpointer data)
{
  JsonArray *deps = data;
  JsonObject *o = json_object_new ();
  JsonArray *inputs = json_array_new ();
  JsonObject *in = json_object_new ();
  g_autofree char *key = cancel_key (dep);

  /* Dash registers Output(<id>, "id") <- Input(<cancel>), prevent_initial_call=True. */
  json_object_set_string_member (in, "id", dep->id_text);
  json_object_set_string_member (in, "property", dep->property);
  json_array_add_object_element (inputs, in);
  json_object_set_string_member (o, "output", key);
  json_object_set_array_member (o, "inputs", inputs);
  json_object_set_array_member (o, "state", json_array_new ());
  json_object_set_null_member (o, "clientside_function");
  json_object_set_boolean_member (o, "prevent_initial_call", TRUE);
  json_object_set_null_member (o, "background");
  json_object_set_null_member (o, "dynamic_creator");
  json_object_set_boolean_member (o, "no_output", FALSE);
  json_object_set_boolean_member (o, "optional", FALSE);
  json_object_set_boolean_member (o, "hidden", FALSE);
  json_object_set_boolean_member (o, "websocket", FALSE);
  json_object_set_boolean_member (o, "persistent", FALSE);
  json_array_add_object_element (deps, o);
  return FALSE;
}

/* Dash adds them after every registered callback, one per distinct cancel Input. */
void
nd_background_add_cancel_entries (NdApp *app, JsonArray *deps)
{
  foreach_cancel (app, add_cancel_entry, deps);
}

static gboolean
cancel_key_equal (NdDependency *dep, gpointer data)
{
  g_autofree char *key = cancel_key (dep);

  return strcmp (key, data) == 0;
}

/* Whether a request body calls one of the hidden cancel callbacks, which
 * answer no_update (the mirror runs no jobs to kill). */
gboolean
nd_background_is_cancel_call (NdApp *app, JsonNode *body)
{
  JsonNode *output;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return FALSE;
  output = json_object_get_member (json_node_get_object (body), "output");
  if (!nd_json_is_string (output) || nd_app_lookup_callback (app, json_node_get_string (output)))
    return FALSE;
  return foreach_cancel (app, cancel_key_equal, (gpointer) json_node_get_string (output));
}
