/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An app: its layout (or layout function), its callbacks with every
 * registration check Dash makes, the maps from props to the callbacks that
 * read and write them, and the worker pool callbacks run on.
 */
#include "nd-private.h"

#include <stdarg.h>
#include <string.h>

#include "nd-builder.h"
#include "nd-component.h"
#include "nd-layout.h"

G_DEFINE_FINAL_TYPE (NdApp, nd_app, G_TYPE_OBJECT)

static void
prop_refs_free (gpointer data)
{
  NdPropRefs *pr = data;

  g_ptr_array_unref (pr->refs);
  g_free (pr);
}

/* id text (or key set) -> GPtrArray of NdPropRefs: an id has few props,
 * so a short array beats a hash table per id, and keeps their order */
static GHashTable *
new_map (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

static void
nd_app_finalize (GObject *object)
{
  NdApp *self = ND_APP (object);

  if (self->pool)
    g_thread_pool_free (self->pool, FALSE, TRUE);
  g_free (self->app_id);
  g_free (self->title);
  g_clear_pointer (&self->layout, json_node_unref);
  if (self->layout_destroy)
    self->layout_destroy (self->layout_data);
  if (self->on_error_destroy)
    self->on_error_destroy (self->on_error_data);
  g_clear_pointer (&self->validation_layout, json_node_unref);
  g_clear_pointer (&self->validation_ids, g_hash_table_unref);
  g_clear_pointer (&self->layout_check, nd_layout_check_unref);
  g_hash_table_unref (self->by_key);
  g_hash_table_unref (self->output_owner);
  g_hash_table_unref (self->input_map);
  g_hash_table_unref (self->input_patterns);
  g_hash_table_unref (self->output_map);
  g_hash_table_unref (self->output_patterns);
  g_ptr_array_unref (self->no_input_callbacks);
  g_ptr_array_unref (self->no_output_callbacks);
  g_ptr_array_unref (self->callbacks);
  g_clear_error (&self->deferred_error);
  g_mutex_clear (&self->lock);
  g_hash_table_unref (self->session_storage);
  g_hash_table_unref (self->persist_session);
  g_clear_pointer (&self->persist_local, json_object_unref);
  g_ptr_array_unref (self->sessions);
  g_free (self->data_dir);
  G_OBJECT_CLASS (nd_app_parent_class)->finalize (object);
}

static void
nd_app_class_init (NdAppClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nd_app_finalize;
}

static void
nd_app_init (NdApp *self)
{
  self->callbacks = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->output_owner = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->input_map = new_map ();
  self->input_patterns = new_map ();
  self->output_map = new_map ();
  self->output_patterns = new_map ();
  self->no_input_callbacks = g_ptr_array_new ();
  self->no_output_callbacks = g_ptr_array_new ();
  self->max_in_flight = 12;
  self->title = g_strdup ("Dash");
  g_mutex_init (&self->lock);
  self->session_storage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) json_node_unref);
  self->persist_session = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) json_node_unref);
  self->sessions = g_ptr_array_new ();
}

/**
 * nd_app_new:
 * @app_id: (nullable): a reverse-DNS application id, e.g. "org.example.Hello";
 *   names the folder where `local` Stores persist
 *
 * Returns: (transfer full): a new app
 */
NdApp *
nd_app_new (const char *app_id)
{
  NdApp *self = g_object_new (ND_TYPE_APP, NULL);

  self->app_id = g_strdup (app_id ? app_id : "org.ndash.App");
  return self;
}

const char *nd_app_get_id (NdApp *app) { return app->app_id; }
const char *nd_app_get_title (NdApp *app) { return app->title; }

void
nd_app_set_title (NdApp *app, const char *title)
{
  g_free (app->title);
  app->title = g_strdup (title);
}

/**
 * nd_app_set_layout:
 * @app: the app
 * @layout: (transfer full): the layout (a component or a list)
 */
void
nd_app_set_layout (NdApp *app, JsonNode *layout)
{
  g_clear_pointer (&app->layout, json_node_unref);
  g_clear_pointer (&app->layout_check, nd_layout_check_unref);
  app->layout = layout;
  app->layout_checked = FALSE;
  app->refs_checked = FALSE;
  /* Check it on a worker while the app registers its callbacks; the
   * first session waits for the verdict.  The layout is read-only now. */
  if (layout)
    {
      app->layout_check = nd_layout_check_new (layout);
      nd_app_run_in_pool (app, nd_layout_check_run, nd_layout_check_ref (app->layout_check));
    }
}

struct _NdLayoutCheck {
  gint ref_count;
  GMutex lock;
  GCond cond;
  gboolean done;
  GError *error;
  JsonNode *layout;
  JsonNode *spare;       /* a copy for the first session, indexed */
  GPtrArray *spare_entries;
};

NdLayoutCheck *
nd_layout_check_new (JsonNode *layout)
{
  NdLayoutCheck *check = g_new0 (NdLayoutCheck, 1);

  check->ref_count = 1;
  g_mutex_init (&check->lock);
  g_cond_init (&check->cond);
  check->layout = json_node_ref (layout);
  return check;
}

NdLayoutCheck *
nd_layout_check_ref (NdLayoutCheck *check)
{
  g_atomic_int_inc (&check->ref_count);
  return check;
}

void
nd_layout_check_unref (NdLayoutCheck *check)
{
  if (!g_atomic_int_dec_and_test (&check->ref_count))
    return;
  g_mutex_clear (&check->lock);
  g_cond_clear (&check->cond);
  g_clear_error (&check->error);
  json_node_unref (check->layout);
  g_clear_pointer (&check->spare, json_node_unref);
  g_clear_pointer (&check->spare_entries, g_ptr_array_unref);
  g_free (check);
}

void
nd_layout_check_run (gpointer data, gpointer unused)
{
  NdLayoutCheck *check = data;
  GError *error = NULL;

  JsonNode *spare = NULL;
  GPtrArray *entries = NULL;

  /* and, while the app is still registering callbacks, the first
   * session's copy of the layout, indexed: off the main thread */
  if (nd_layout_validate (check->layout, &error))
    spare = nd_session_copy_and_index (check->layout, &entries);
  g_mutex_lock (&check->lock);
  check->spare = spare;
  check->spare_entries = entries;
  check->error = error;
  check->done = TRUE;
  g_cond_broadcast (&check->cond);
  g_mutex_unlock (&check->lock);
  nd_layout_check_unref (check);
}

/* Takes the prepared copy (once); %NULL if it was taken already. */
JsonNode *
nd_layout_check_take_spare (NdLayoutCheck *check, GPtrArray **entries)
{
  JsonNode *spare;

  g_mutex_lock (&check->lock);
  spare = g_steal_pointer (&check->spare);
  *entries = g_steal_pointer (&check->spare_entries);
  g_mutex_unlock (&check->lock);
  return spare;
}

/* Waits for the verdict on @layout; FALSE with @error if it is invalid. */
gboolean
nd_layout_check_wait (NdLayoutCheck *check, GError **error)
{
  gboolean ok;

  g_mutex_lock (&check->lock);
  while (!check->done)
    g_cond_wait (&check->cond, &check->lock);
  ok = check->error == NULL;
  if (!ok)
    g_propagate_error (error, g_error_copy (check->error));
  g_mutex_unlock (&check->lock);
  return ok;
}

/**
 * nd_app_set_layout_func:
 * @app: the app
 * @func: (scope notified): builds a fresh layout for every session
 * @user_data: data for @func
 * @destroy: frees @user_data
 */
void
nd_app_set_layout_func (NdApp *app, NdLayoutFunc func, gpointer user_data, GDestroyNotify destroy)
{
  if (app->layout_destroy)
    app->layout_destroy (app->layout_data);
  app->layout_func = func;
  app->layout_data = user_data;
  app->layout_destroy = destroy;
}

gboolean
nd_app_set_layout_from_file (NdApp *app, const char *path, GError **error)
{
  JsonNode *layout = nd_layout_load_file (path, error);

  if (layout == NULL)
    return FALSE;
  if (!nd_layout_validate (layout, error))
    {
      json_node_unref (layout);
      return FALSE;
    }
  nd_app_set_layout (app, layout);
  return TRUE;
}

/* A fresh copy of the layout for one session (or one mirror request). */
JsonNode *
nd_app_build_layout (NdApp *app, GError **error)
{
  if (app->layout_func)
    {
      JsonNode *layout = app->layout_func (app, app->layout_data);
      if (layout == NULL)
        {
          g_set_error_literal (error, ND_ERROR, ND_ERROR_INVALID_COMPONENT,
                               "the layout function returned no layout");
          return NULL;
        }
      return layout;
    }
  if (app->layout == NULL)
    {
      g_set_error_literal (error, ND_ERROR, ND_ERROR_INVALID_COMPONENT,
                           "the app has no layout; call nd_app_set_layout()");
      return NULL;
    }
  return nd_json_deep_copy (app->layout);
}

/**
 * nd_app_get_layout:
 * @app: the app
 * @error: return location for an error
 *
 * Returns: (transfer full): a new copy of the layout, calling the layout
 *   function if the app has one
 */
JsonNode *
nd_app_get_layout (NdApp *app, GError **error)
{
  return nd_app_build_layout (app, error);
}

void
nd_app_set_suppress_callback_exceptions (NdApp *app, gboolean suppress)
{
  app->suppress_callback_exceptions = suppress;
  app->refs_checked = FALSE;
}
gboolean nd_app_get_suppress_callback_exceptions (NdApp *app) { return app->suppress_callback_exceptions; }
void nd_app_set_threading (NdApp *app, NdThreading threading) { app->default_threading = threading; }
void nd_app_set_max_in_flight (NdApp *app, guint n) { app->max_in_flight = MAX (n, 1); }

/**
 * nd_app_set_prevent_initial_callbacks:
 * @app: the app
 * @prevent: Dash's `Dash(prevent_initial_callbacks=True)`
 *
 * The default for callbacks registered afterwards that do not say;
 * nd_prevent_initial_call_false() overrides it per callback.
 */
void
nd_app_set_prevent_initial_callbacks (NdApp *app, gboolean prevent)
{
  app->prevent_initial_callbacks = prevent;
}

static gboolean
collect_validation_id (JsonNode *component, gpointer user_data)
{
  GHashTable *ids = user_data;
  JsonNode *id = nd_component_get_id (component);

  if (id && (nd_json_is_string (id) || nd_id_is_dict (id)))
    g_hash_table_insert (ids, nd_id_to_string (id), component);
  return TRUE;
}

/**
 * nd_app_set_validation_layout:
 * @app: the app
 * @layout: (transfer full) (nullable): Dash's `app.validation_layout`:
 *   every component callbacks may refer to, including those callbacks
 *   create later
 *
 * Ids and props of callbacks are checked against the session's layout
 * and this one, so apps that build pages in callbacks keep the checks.
 */
void
nd_app_set_validation_layout (NdApp *app, JsonNode *layout)
{
  g_clear_pointer (&app->validation_layout, json_node_unref);
  g_clear_pointer (&app->validation_ids, g_hash_table_unref);
  app->validation_layout = layout;
  app->refs_checked = FALSE;
  if (layout)
    {
      app->validation_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      nd_layout_foreach_component (layout, collect_validation_id, app->validation_ids);
    }
}

/**
 * nd_app_set_on_error:
 * @app: the app
 * @handler: (nullable) (scope notified): Dash's app-wide `on_error`
 * @user_data: (closure): data for @handler
 * @destroy: frees @user_data
 *
 * Sets the handler for callbacks that raise and have no nd_on_error() of
 * their own.
 */
void
nd_app_set_on_error (NdApp *app, NdErrorHandlerFunc handler, gpointer user_data,
                     GDestroyNotify destroy)
{
  if (app->on_error_destroy)
    app->on_error_destroy (app->on_error_data);
  app->on_error = handler;
  app->on_error_data = user_data;
  app->on_error_destroy = destroy;
}

void
nd_app_set_data_dir (NdApp *app, const char *dir)
{
  g_free (app->data_dir);
  app->data_dir = g_strdup (dir);
}

/* Where `local` Stores persist: $XDG_DATA_HOME/<app id>/stores unless set. */
const char *
nd_app_get_data_dir (NdApp *app)
{
  if (app->data_dir == NULL)
    app->data_dir = g_build_filename (g_get_user_data_dir (), app->app_id, "stores", NULL);
  return app->data_dir;
}

guint nd_app_get_n_callbacks (NdApp *app) { return app->callbacks->len; }

/**
 * nd_app_get_callback:
 * Returns: (transfer none): the callback registered @index-th
 */
NdCallback *nd_app_get_callback (NdApp *app, guint index) { return g_ptr_array_index (app->callbacks, index); }

/**
 * nd_app_lookup_callback:
 * Returns: (transfer none) (nullable): the callback with that output key
 */
NdCallback *
nd_app_lookup_callback (NdApp *app, const char *output_key)
{
  return g_hash_table_lookup (app->by_key, output_key);
}

/* ---- registration ---- */

static const char *
kind_name (NdDependency *dep)
{
  return dep->kind == ND_DEPENDENCY_OUTPUT ? "Output" : dep->kind == ND_DEPENDENCY_INPUT ? "Input" : "State";
}

static void
add_ref (GHashTable *map, const char *outer, const char *prop, NdCallback *cb, NdDependency *dep)
{
  GPtrArray *props = g_hash_table_lookup (map, outer);
  GPtrArray *refs = NULL;
  NdDepRef *ref;

  if (props == NULL)
    {
      props = g_ptr_array_new_with_free_func (prop_refs_free);
      g_hash_table_insert (map, g_strdup (outer), props);
    }
  for (guint i = 0; i < props->len && refs == NULL; i++)
    if (strcmp (((NdPropRefs *) g_ptr_array_index (props, i))->prop, prop) == 0)
      refs = ((NdPropRefs *) g_ptr_array_index (props, i))->refs;
  if (refs == NULL)
    {
      NdPropRefs *pr = g_new (NdPropRefs, 1);

      pr->prop = g_intern_string (prop);
      pr->refs = refs = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (props, pr);
    }
  ref = g_new (NdDepRef, 1);
  ref->callback = cb;
  ref->dep = dep;
  g_ptr_array_add (refs, ref);
}

static GPtrArray *
lookup_refs (GHashTable *map, const char *outer, const char *prop)
{
  GPtrArray *props = g_hash_table_lookup (map, outer);

  for (guint i = 0; props && i < props->len; i++)
    if (strcmp (((NdPropRefs *) g_ptr_array_index (props, i))->prop, prop) == 0)
      return ((NdPropRefs *) g_ptr_array_index (props, i))->refs;
  return NULL;
}

/* Every callback dependency ref whose pattern could select @id.prop. */
GPtrArray *
nd_app_lookup_input_refs (NdApp *app, JsonNode *id, const char *id_text, const char *prop)
{
  if (nd_id_is_dict (id))
    {
      g_autofree char *keys = nd_id_key_set (id);
      return lookup_refs (app->input_patterns, keys, prop);
    }
  return lookup_refs (app->input_map, id_text, prop);
}

GPtrArray *
nd_app_lookup_output_refs (NdApp *app, JsonNode *id, const char *id_text, const char *prop)
{
  if (nd_id_is_dict (id))
    {
      g_autofree char *keys = nd_id_key_set (id);
      return lookup_refs (app->output_patterns, keys, prop);
    }
  return lookup_refs (app->output_map, id_text, prop);
}

static char **
match_keys_of (NdDependency *dep)
{
  GPtrArray *keys = g_ptr_array_new ();

  for (guint i = 0; i < dep->n_keys; i++)
    if (dep->wild[i] == ND_WILDCARD_MATCH)
      g_ptr_array_add (keys, g_strdup (dep->keys[i]));
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (keys, FALSE);
}

static gboolean
keys_subset (NdDependency *dep, NdWildcard which, char **allowed)
{
  for (guint i = 0; i < dep->n_keys; i++)
    if (dep->wild[i] == which && !(allowed && g_strv_contains ((const char * const *) allowed, dep->keys[i])))
      return FALSE;
  return TRUE;
}

#define FAIL(code, ...) G_STMT_START { \
    g_autofree char *msg_ = g_strdup_printf (__VA_ARGS__); \
    g_set_error (error, ND_ERROR, (code), "callback %s: %s", cb->name, msg_); \
    return FALSE; } G_STMT_END

static gboolean
check_callback (NdApp *app, NdCallback *cb, GError **error)
{
  GPtrArray *groups[3] = { cb->outputs, cb->inputs, cb->state };
  g_auto(GStrv) out_match = NULL;

  if (cb->order_error)
    FAIL (ND_ERROR_INCORRECT_TYPE, "%s", cb->order_message);
  if (cb->func == NULL)
    FAIL (ND_ERROR_INCORRECT_TYPE, "no function given");

  for (guint g = 0; g < 3; g++)
    for (guint i = 0; i < groups[g]->len; i++)
      {
        NdDependency *dep = g_ptr_array_index (groups[g], i);

        if (dep->error)
          FAIL (ND_ERROR_INVALID_ID, "%s(%s, \"%s\"): %s", kind_name (dep), dep->id_text, dep->property, dep->error);
        if (dep->property[0] == '\0')
          FAIL (ND_ERROR_INCORRECT_TYPE, "%s(%s, \"\"): the component property must be a non-empty string",
                kind_name (dep), dep->id_text);
        if (dep->kind == ND_DEPENDENCY_OUTPUT && dep->has_allsmaller)
          FAIL (ND_ERROR_WILDCARD, "%s: ALLSMALLER is not allowed in an Output; use MATCH or ALL",
                dep->prop_id);
        if (dep->kind != ND_DEPENDENCY_OUTPUT && dep->allow_duplicate)
          FAIL (ND_ERROR_INCORRECT_TYPE, "%s: allow_duplicate applies to Outputs only", dep->prop_id);
      }

  if (cb->inputs->len == 0 && cb->prevent_initial_call == ND_PREVENT_INITIAL_CALL_TRUE)
    FAIL (ND_ERROR_INCORRECT_TYPE,
          "it has no Inputs and prevent_initial_call=True, so it could never run (outputs: %s)",
          cb->outputs->len ? ((NdDependency *) g_ptr_array_index (cb->outputs, 0))->prop_id : "none");

  for (guint i = 0; i < cb->outputs->len; i++)
    {
      NdDependency *o = g_ptr_array_index (cb->outputs, i);
      g_auto(GStrv) mk = match_keys_of (o);

      if (o->allow_duplicate && cb->prevent_initial_call == ND_PREVENT_INITIAL_CALL_FALSE)
        FAIL (ND_ERROR_DUPLICATE_CALLBACK,
              "Output %s has allow_duplicate=True but the callback does not set prevent_initial_call "
              "(True or \"initial_duplicate\"): the order of the initial calls is not guaranteed",
              o->prop_id);
      for (guint j = 0; j < i; j++)
        {
          NdDependency *p = g_ptr_array_index (cb->outputs, j);
          if (nd_patterns_overlap (o, p))
            FAIL (ND_ERROR_DUPLICATE_CALLBACK, "Output %s is given twice in the same callback", o->prop_id);
        }
      if (i == 0)
        out_match = g_steal_pointer (&mk);
      else if (!g_strv_equal ((const char * const *) out_match, (const char * const *) mk))
        FAIL (ND_ERROR_WILDCARD, "Output %s does not use MATCH on the same keys as Output %s",
              o->prop_id, ((NdDependency *) g_ptr_array_index (cb->outputs, 0))->prop_id);
    }

  for (guint g = 1; g < 3; g++)
    for (guint i = 0; i < groups[g]->len; i++)
      {
        NdDependency *dep = g_ptr_array_index (groups[g], i);
        gboolean outputs_match = out_match && out_match[0];

        if (!keys_subset (dep, ND_WILDCARD_ALLSMALLER, outputs_match ? out_match : NULL))
          FAIL (ND_ERROR_WILDCARD, "%s %s uses ALLSMALLER on a key that no Output matches with MATCH",
                kind_name (dep), dep->prop_id);
        if (outputs_match && !keys_subset (dep, ND_WILDCARD_MATCH, out_match))
          {
            g_autofree char *on = g_strjoinv (",", out_match);
            FAIL (ND_ERROR_WILDCARD, "%s %s uses MATCH on a key the Outputs do not match (Outputs MATCH on: %s)",
                  kind_name (dep), dep->prop_id, on);
          }
      }

  if (!nd_background_check_callback (cb, error))
    return FALSE;

  /* Outputs already written by another callback. */
  for (guint i = 0; i < cb->outputs->len; i++)
    {
      NdDependency *o = g_ptr_array_index (cb->outputs, i);
      GPtrArray *refs;

      if (o->allow_duplicate)
        continue;
      if (!o->is_dict)
        {
          NdCallback *owner = g_hash_table_lookup (app->output_owner, o->prop_id);
          if (owner)
            FAIL (ND_ERROR_DUPLICATE_CALLBACK,
                  "Output %s is already an output of callback %s; give every output one callback, "
                  "or use allow_duplicate=True", o->prop_id, owner->name);
          continue;
        }
      refs = lookup_refs (app->output_patterns, o->key_set, o->property);
      for (guint j = 0; refs && j < refs->len; j++)
        {
          NdDepRef *ref = g_ptr_array_index (refs, j);
          if (!ref->dep->allow_duplicate && nd_patterns_overlap (o, ref->dep))
            FAIL (ND_ERROR_DUPLICATE_CALLBACK,
                  "Output %s overlaps Output %s of callback %s (wildcard outputs may not select the same component)",
                  o->prop_id, ref->dep->prop_id, ref->callback->name);
        }
    }
  return TRUE;
}

static void
index_callback (NdApp *app, NdCallback *cb)
{
  /* vacuously true without Inputs, as Dash's all(isMultiValued, []) */
  gboolean all_multi = TRUE;

  for (guint i = 0; i < cb->outputs->len; i++)
    {
      NdDependency *o = g_ptr_array_index (cb->outputs, i);

      if (!o->is_dict)
        {
          if (!o->allow_duplicate)
            g_hash_table_insert (app->output_owner, g_strdup (o->prop_id), cb);
          add_ref (app->output_map, o->id_text, o->property, cb, o);
        }
      else
        add_ref (app->output_patterns, o->key_set, o->property, cb, o);
      if (!o->multi && cb->first_single_output < 0)
        cb->first_single_output = (int) i;
      if (o->has_match)
        cb->outputs_have_match = TRUE;
    }
  for (guint i = 0; i < cb->inputs->len; i++)
    {
      NdDependency *in = g_ptr_array_index (cb->inputs, i);

      if (!in->is_dict)
        add_ref (app->input_map, in->id_text, in->property, cb, in);
      else
        add_ref (app->input_patterns, in->key_set, in->property, cb, in);
      if (!in->multi)
        all_multi = FALSE;
    }
  cb->all_inputs_multi = all_multi;
  cb->no_output = cb->outputs->len == 0;
  cb->match_keys = cb->outputs->len ? match_keys_of (g_ptr_array_index (cb->outputs, 0)) : g_new0 (char *, 1);
  if (cb->inputs->len == 0)
    g_ptr_array_add (app->no_input_callbacks, cb);
  if (cb->no_output)
    g_ptr_array_add (app->no_output_callbacks, cb);
}

char *nd_callback_compute_key (NdCallback *callback);

/**
 * nd_app_add_callback:
 * @app: the app
 * @callback: (transfer none): a callback with its dependencies
 * @error: return location for an error
 *
 * Registers @callback after every check Dash makes at registration
 * (callback-semantics §1.1 and the per-callback checks of §1.2).  Errors
 * name the callback and the offending `id.prop`.
 *
 * Returns: %TRUE if registered
 */
gboolean
nd_app_add_callback (NdApp *app, NdCallback *callback, GError **error)
{
  NdCallback *cb = callback;
  NdCallback *other;
  g_autofree char *key = NULL;

  g_return_val_if_fail (ND_IS_APP (app), FALSE);
  g_return_val_if_fail (ND_IS_CALLBACK (callback), FALSE);

  if (callback->registered)
    FAIL (ND_ERROR_DUPLICATE_CALLBACK, "it is already registered");
  if (!callback->pic_explicit && app->prevent_initial_callbacks)
    callback->prevent_initial_call = ND_PREVENT_INITIAL_CALL_TRUE;
  if (!check_callback (app, callback, error))
    return FALSE;

  key = nd_callback_compute_key (callback);
  other = g_hash_table_lookup (app->by_key, key);
  if (other)
    FAIL (ND_ERROR_DUPLICATE_CALLBACK,
          "it has the same outputs and inputs as callback %s (key %s); Dash cannot tell them apart",
          other->name, key);

  callback->key = g_steal_pointer (&key);
  callback->registered = TRUE;
  callback->index = app->callbacks->len;
  g_ptr_array_add (app->callbacks, g_object_ref (callback));
  g_hash_table_insert (app->by_key, callback->key, callback);
  index_callback (app, callback);
  app->validated = FALSE;
  app->refs_checked = FALSE;
  return TRUE;
}

/**
 * nd_app_add_callback_va: (skip)
 * @app: the app
 * @name: the callback's name
 * @func: its body
 * @user_data: data for @func
 * @n_deps: the number of #NdDependency arguments that follow
 * @...: (transfer full): the dependencies and options
 *
 * Returns: (transfer none) (nullable): the callback, or %NULL if it was
 *   rejected (the error is kept for nd_app_validate())
 */
NdCallback *
nd_app_add_callback_va (NdApp *app, const char *name, NdCallbackFunc func,
                        gpointer user_data, guint n_deps, ...)
{
  g_autoptr(NdCallback) cb = nd_callback_new (name, func, user_data, NULL);
  g_autoptr(GError) error = NULL;
  va_list ap;

  va_start (ap, n_deps);
  for (guint i = 0; i < n_deps; i++)
    {
      NdDependency *dep = va_arg (ap, NdDependency *);
      if (dep)
        nd_callback_add_dependency (cb, dep);
    }
  va_end (ap);

  if (!nd_app_add_callback (app, cb, &error))
    {
      g_warning ("%s", error->message);
      if (app->deferred_error == NULL)
        app->deferred_error = g_steal_pointer (&error);
      return NULL;
    }
  return cb;
}

/* ---- graph checks at start ---- */

/* Callbacks reading a prop that @o (an output pattern) may write. */
static void
consumers_of (NdApp *app, NdDependency *o, GPtrArray *out)
{
  GPtrArray *refs;

  if (!o->is_dict)
    refs = lookup_refs (app->input_map, o->id_text, o->property);
  else
    refs = lookup_refs (app->input_patterns, o->key_set, o->property);
  for (guint i = 0; refs && i < refs->len; i++)
    {
      NdDepRef *ref = g_ptr_array_index (refs, i);
      if (!o->is_dict || nd_patterns_overlap (o, ref->dep))
        g_ptr_array_add (out, ref);
    }
}

/* Whether @cb reads the prop its output @o writes: Dash then gives that
 * output a node of its own, `<prop>__output`. */
static gboolean
is_self_loop (NdCallback *cb, NdDependency *o)
{
  for (guint i = 0; i < cb->inputs->len; i++)
    {
      NdDependency *in = g_ptr_array_index (cb->inputs, i);

      if (strcmp (in->property, o->property) == 0 && in->is_dict == o->is_dict &&
          (o->is_dict ? nd_patterns_overlap (in, o) : strcmp (in->id_text, o->id_text) == 0))
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  guint cb;               /* callback index */
  guint out;              /* output index in it */
  gboolean self_loop;
  guint parent;           /* DFS tree, for the message */
  guint8 color;           /* 0 new, 1 on the stack, 2 done */
  GPtrArray *succ;        /* guint node indices, built when first visited */
  guint cursor;
} CycleNode;

/* Circular dependencies (callback-semantics §1.2) over a graph whose nodes
 * are callback outputs: an output leads to every output of the callbacks
 * reading it.  A callback reading its own output is allowed, and two
 * callbacks that each read and write one prop share its `__output` node,
 * which has no edge to itself.  Iterative DFS, linear in the edges. */
static gboolean
check_cycles (NdApp *app, GError **error)
{
  g_autoptr(GArray) nodes = g_array_new (FALSE, TRUE, sizeof (CycleNode));
  g_autofree guint *first = g_new0 (guint, app->callbacks->len + 1);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) scratch = g_ptr_array_new ();
  gboolean ok = TRUE;

  for (guint c = 0; c < app->callbacks->len; c++)
    {
      NdCallback *cb = g_ptr_array_index (app->callbacks, c);

      first[c] = nodes->len;
      for (guint o = 0; o < cb->outputs->len; o++)
        {
          CycleNode node = { c, o, is_self_loop (cb, g_ptr_array_index (cb->outputs, o)), 0, 0, NULL, 0 };
          g_array_append_val (nodes, node);
        }
    }
  first[app->callbacks->len] = nodes->len;

  for (guint root = 0; root < nodes->len && ok; root++)
    {
      if (g_array_index (nodes, CycleNode, root).color)
        continue;
      g_array_index (nodes, CycleNode, root).color = 1;
      g_array_index (nodes, CycleNode, root).parent = root;
      g_array_append_val (stack, root);
      while (stack->len && ok)
        {
          guint x = g_array_index (stack, guint, stack->len - 1);
          CycleNode *nx = &g_array_index (nodes, CycleNode, x);
          NdCallback *cx = g_ptr_array_index (app->callbacks, nx->cb);
          NdDependency *ox = g_ptr_array_index (cx->outputs, nx->out);

          if (nx->succ == NULL)
            {
              nx->succ = g_ptr_array_new ();
              g_ptr_array_set_size (scratch, 0);
              consumers_of (app, ox, scratch);
              for (guint i = 0; i < scratch->len; i++)
                {
                  NdDepRef *ref = g_ptr_array_index (scratch, i);
                  guint y = ref->callback->index;

                  if (y == nx->cb || (i > 0 && ((NdDepRef *) g_ptr_array_index (scratch, i - 1))->callback == ref->callback))
                    continue;
                  for (guint k = first[y]; k < first[y + 1]; k++)
                    {
                      CycleNode *ny = &g_array_index (nodes, CycleNode, k);
                      NdDependency *oy = g_ptr_array_index (ref->callback->outputs, ny->out);

                      /* both are the one `<prop>__output` node */
                      if (nx->self_loop && ny->self_loop && strcmp (ox->property, oy->property) == 0 &&
                          (ox->is_dict ? oy->is_dict && nd_patterns_overlap (ox, oy)
                                       : !oy->is_dict && strcmp (ox->id_text, oy->id_text) == 0))
                        continue;
                      g_ptr_array_add (nx->succ, GUINT_TO_POINTER (k));
                    }
                }
            }
          if (nx->cursor < nx->succ->len)
            {
              guint y = GPOINTER_TO_UINT (g_ptr_array_index (nx->succ, nx->cursor++));
              CycleNode *ny = &g_array_index (nodes, CycleNode, y);

              if (ny->color == 0)
                {
                  ny->color = 1;
                  ny->parent = x;
                  g_array_append_val (stack, y);
                }
              else if (ny->color == 1)
                {
                  /* x -> y closes a cycle: walk back from x to y */
                  g_autoptr(GString) path = g_string_new (NULL);
                  NdCallback *cy = g_ptr_array_index (app->callbacks, ny->cb);
                  guint c = x;

                  for (;;)
                    {
                      CycleNode *nc = &g_array_index (nodes, CycleNode, c);
                      NdCallback *cc = g_ptr_array_index (app->callbacks, nc->cb);
                      NdDependency *oc = g_ptr_array_index (cc->outputs, nc->out);

                      g_string_prepend (path, oc->prop_id);
                      g_string_prepend (path, " writes ");
                      g_string_prepend (path, cc->name);
                      if (c == y || nc->parent == c)
                        break;
                      g_string_prepend (path, ", read by ");
                      c = nc->parent;
                    }
                  g_set_error (error, ND_ERROR, ND_ERROR_CIRCULAR,
                               "Circular Dependencies: callback %s depends on its own output %s: %s, read by %s",
                               cy->name, ((NdDependency *) g_ptr_array_index (cy->outputs, ny->out))->prop_id,
                               path->str, cy->name);
                  ok = FALSE;
                }
            }
          else
            {
              nx->color = 2;
              g_array_set_size (stack, stack->len - 1);
            }
        }
    }
  for (guint i = 0; i < nodes->len; i++)
    if (g_array_index (nodes, CycleNode, i).succ)
      g_ptr_array_unref (g_array_index (nodes, CycleNode, i).succ);
  return ok;
}

/**
 * nd_app_validate:
 * @app: the app
 * @error: return location for an error
 *
 * Reports the first registration error of nd_app_callback(), and checks
 * the callback graph for circular dependencies (callback-semantics §1.2).
 * Sessions call it when they start.
 *
 * Returns: %TRUE if the app can run
 */
gboolean
nd_app_validate (NdApp *app, GError **error)
{
  if (app->deferred_error)
    {
      g_propagate_error (error, g_error_copy (app->deferred_error));
      return FALSE;
    }
  if (app->validated)
    return TRUE;
  if (!check_cycles (app, error))
    return FALSE;
  if (!nd_background_check_graph (app, error))
    return FALSE;
  app->validated = TRUE;
  return TRUE;
}

/**
 * nd_app_get_dependencies_json:
 * @app: the app
 *
 * Returns: (transfer full): the `_dash-dependencies` array
 */
JsonNode *
nd_app_get_dependencies_json (NdApp *app)
{
  JsonNode *node = nd_json_array_new ();
  JsonArray *arr = json_node_get_array (node);

  for (guint i = 0; i < app->callbacks->len; i++)
    json_array_add_element (arr, nd_callback_to_dependency_json (g_ptr_array_index (app->callbacks, i)));
  nd_background_add_cancel_entries (app, arr);
  return node;
}

/* ---- worker pool ---- */

typedef struct {
  GFunc func;
  gpointer data;
} PoolJob;

static void
pool_run (gpointer job_ptr, gpointer unused)
{
  PoolJob *job = job_ptr;

  job->func (job->data, NULL);
  g_free (job);
}

void
nd_app_run_in_pool (NdApp *app, GFunc func, gpointer data)
{
  PoolJob *job = g_new (PoolJob, 1);

  if (g_once_init_enter (&app->pool))
    {
      /* Enough threads that a few blocked callbacks never starve the rest. */
      GThreadPool *pool = g_thread_pool_new (pool_run, NULL, 32, FALSE, NULL);
      g_once_init_leave (&app->pool, pool);
    }
  job->func = func;
  job->data = data;
  g_thread_pool_push (app->pool, job, NULL);
}

void
nd_app_register_session (NdApp *app, NdSession *session)
{
  g_mutex_lock (&app->lock);
  g_ptr_array_add (app->sessions, session);
  g_mutex_unlock (&app->lock);
}

/* Sessions unregister in dispose, so a ref taken under the lock is safe. */
GPtrArray *
nd_app_ref_sessions (NdApp *app)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_mutex_lock (&app->lock);
  for (guint i = 0; i < app->sessions->len; i++)
    g_ptr_array_add (out, g_object_ref (g_ptr_array_index (app->sessions, i)));
  g_mutex_unlock (&app->lock);
  return out;
}

void
nd_app_unregister_session (NdApp *app, NdSession *session)
{
  g_mutex_lock (&app->lock);
  g_ptr_array_remove_fast (app->sessions, session);
  g_mutex_unlock (&app->lock);
}

/* ---- the executor over JSON, for the HTTP mirror and the fixtures ---- */

/**
 * nd_app_handle_update_component:
 * @app: the app
 * @body: a `_dash-update-component` request body
 * @length: its length, or -1 if NUL-terminated
 * @status: (out): the HTTP status to answer with: 200, 204 or 500
 * @error: return location for an error in the request itself
 *
 * Runs one callback as Dash's back end does, on the calling thread.
 *
 * Returns: (transfer full) (nullable): the response body, %NULL for 204
 *   or when @error is set (a malformed or unknown request)
 */
char *
nd_app_handle_update_component (NdApp *app, const char *body, gssize length,
                                guint *status, GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(NdCallRequest) req = NULL;
  g_autoptr(NdCallResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;

  *status = 400;
  root = nd_json_parse (body, length, 64, error);
  if (root == NULL)
    return NULL;
  if (nd_background_is_cancel_call (app, root))
    {
      /* Dash's cancel_call returns no_update: nothing to update. */
      *status = 200;
      return g_strdup ("{\"multi\":true,\"response\":{}}");
    }
  req = nd_call_request_from_json (app, root, error);
  if (req == NULL)
    {
      *status = 500;
      return NULL;
    }
  result = nd_executor_run (app, req);
  if (result->status == ND_CALL_PREVENTED)
    {
      *status = 204;
      return NULL;
    }
  if (result->status == ND_CALL_FAILED)
    {
      *status = 500;
      /* the executor's message already names the outputs and callback */
      return g_strdup (result->error ? result->error->message : "unknown error");
    }
  response = nd_call_result_to_json (result, req);
  if (response == NULL)
    {
      *status = 204;
      return NULL;
    }
  *status = 200;
  return nd_json_to_string (response, FALSE);
}
