/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The scheduler: the dash-renderer's rules for which callbacks fire, when
 * and with what (callback-semantics §3-§6), for one session.  Requests
 * gather during an event; one pass per main-loop turn merges them, drops
 * superseded and pointless ones, and dispatches those whose inputs nothing
 * pending can still change.
 */
#include "nd-session-private.h"

#include <string.h>

#include "nd-component.h"
#include "nd-patch.h"

void nd_session_emit_idle (NdSession *session);
void nd_session_emit_loading (NdSession *session, const char *prop_id, gboolean loading);

#define INDIRECT 1
#define DIRECT 2

static void dispatch (NdSession *session);
static void cancel_jobs (NdSession *session, const char *prop_id);

void
nd_group_free (gpointer data)
{
  NdGroup *g = data;

  g_hash_table_unref (g->all_props);
  g_hash_table_unref (g->updated_props);
  g_free (g);
}

static NdRequest *
request_new (NdSession *session, NdCallback *cb, NdDependency *ref_dep, JsonNode *ref_id, char *any_vals)
{
  NdRequest *r = g_new0 (NdRequest, 1);

  r->ref_count = 1;
  r->session = session;
  r->cb = cb;
  r->ref_dep = ref_dep ? nd_dependency_ref (ref_dep) : NULL;
  r->ref_id = ref_id ? json_node_ref (ref_id) : NULL;
  r->any_vals = any_vals;
  {
    /* "<callback index>|<MATCH values>", without printf: made per request */
    char num[16];
    int k = sizeof num - 1;
    guint v = cb->index;
    gsize tail = strlen (any_vals);

    num[k] = '\0';
    do
      num[--k] = '0' + v % 10;
    while ((v /= 10) && k > 0);
    r->identity = g_malloc (sizeof num - k + 1 + tail + 1);
    memcpy (r->identity, num + k, sizeof num - 1 - k);
    r->identity[sizeof num - 1 - k] = '|';
    memcpy (r->identity + sizeof num - k, any_vals, tail + 1);
  }
  r->changed = g_array_new (FALSE, FALSE, sizeof (NdChanged));
  /* preds: made when a cause gives some; initial calls have none */
  return r;
}

static NdRequest *
request_ref (NdRequest *r)
{
  r->ref_count++;
  return r;
}

void
nd_request_unref (NdRequest *r)
{
  if (r == NULL || --r->ref_count > 0)
    return;
  g_clear_pointer (&r->ref_dep, nd_dependency_unref);
  g_clear_pointer (&r->ref_id, json_node_unref);
  g_free (r->any_vals);
  g_free (r->identity);
  for (guint i = 0; i < r->changed->len; i++)
    g_free (g_array_index (r->changed, NdChanged, i).prop_id);
  g_array_unref (r->changed);
  g_clear_pointer (&r->preds, g_ptr_array_unref);
  g_clear_pointer (&r->call, nd_call_request_unref);
  g_clear_pointer (&r->result, nd_call_result_free);
  g_clear_pointer (&r->loading, g_ptr_array_unref);
  g_free (r);
}

static void
request_add_changed (NdRequest *r, const char *prop_id, int strength)
{
  for (guint i = 0; i < r->changed->len; i++)
    {
      NdChanged *c = &g_array_index (r->changed, NdChanged, i);
      if (strcmp (c->prop_id, prop_id) == 0)
        {
          c->strength = MAX (c->strength, strength);
          return;
        }
    }
  {
    NdChanged c = { g_strdup (prop_id), strength };
    g_array_append_val (r->changed, c);
  }
}

static void
request_set_preds (NdRequest *r, NdRequest *cause)
{
  if (cause == NULL)
    return;
  if (r->preds == NULL)
    r->preds = g_ptr_array_new ();
  for (guint i = 0; cause->preds && i < cause->preds->len; i++)
    g_ptr_array_add (r->preds, g_ptr_array_index (cause->preds, i));
  g_ptr_array_add (r->preds, cause->cb);
}

void
nd_scheduler_schedule_pass (NdSession *session);

/* ---- resolving a callback for a trigger or an output ---- */

static gboolean
has_outputs (NdSession *session, NdRequest *r)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  if (r->cb->no_output)
    return TRUE;
  for (guint i = 0; i < r->cb->outputs->len && found->len == 0; i++)
    nd_session_resolve (session, g_ptr_array_index (r->cb->outputs, i), r->ref_dep, r->ref_id, found);
  return found->len > 0;
}

/* The resolved callbacks that one changed input prop fires (the renderer's
 * getCallbacksByInput), appended to @out. */
static void
callbacks_by_input (NdSession *session, NdEntry *entry, const char *prop, GPtrArray *out)
{
  GPtrArray *refs = nd_app_lookup_input_refs (session->app, entry->id, entry->id_text, prop);

  for (guint i = 0; refs && i < refs->len; i++)
    {
      NdDepRef *ref = g_ptr_array_index (refs, i);
      NdCallback *cb = ref->callback;

      if (ref->dep->is_dict && !nd_dependency_matches_id (ref->dep, entry->id, NULL, NULL))
        continue;
      if (cb->outputs_have_match)
        {
          /* One firing per output component whose MATCH values equal the trigger's. */
          g_autoptr(GPtrArray) outs = g_ptr_array_new ();
          g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

          for (guint k = 0; k < cb->outputs->len; k++)
            {
              NdDependency *o = g_ptr_array_index (cb->outputs, k);
              g_ptr_array_set_size (outs, 0);
              nd_session_resolve (session, o, ref->dep, entry->id, outs);
              for (guint j = 0; j < outs->len; j++)
                {
                  NdEntry *oe = g_ptr_array_index (outs, j);
                  char *vals = nd_dependency_match_values (o, oe->id);
                  if (g_hash_table_contains (seen, vals))
                    {
                      g_free (vals);
                      continue;
                    }
                  g_hash_table_add (seen, g_strdup (vals));
                  g_ptr_array_add (out, request_new (session, cb, o, oe->id, vals));
                }
            }
        }
      else
        {
          NdRequest *r = request_new (session, cb, ref->dep, entry->id,
                                      nd_dependency_match_values (ref->dep, entry->id));
          if (has_outputs (session, r))
            g_ptr_array_add (out, r);
          else
            nd_request_unref (r);
        }
    }
}

void
nd_scheduler_request_by_input (NdSession *session, NdEntry *entry, const char *prop,
                               int strength, NdRequest *cause)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autofree char *prop_id = g_strconcat (entry->id_text, ".", prop, NULL);

  if (!session->started || session->closed)
    return;
  cancel_jobs (session, prop_id);
  callbacks_by_input (session, entry, prop, found);
  for (guint i = 0; i < found->len; i++)
    {
      NdRequest *r = g_ptr_array_index (found, i);
      request_add_changed (r, prop_id, strength);
      request_set_preds (r, cause);
      g_ptr_array_add (session->requested, r);
    }
  if (found->len)
    nd_scheduler_schedule_pass (session);
}

/* The resolved callback that writes @entry.@prop through @ref (the
 * renderer's getCallbackByOutput). */
static NdRequest *
callback_by_output (NdSession *session, NdDepRef *ref, NdEntry *entry)
{
  NdCallback *cb = ref->callback;

  if (cb->outputs_have_match)
    return request_new (session, cb, ref->dep, entry->id, nd_dependency_match_values (ref->dep, entry->id));
  return request_new (session, cb, NULL, NULL, g_strdup (""));
}

static void
resolved_prop_ids (NdSession *session, NdRequest *r, GPtrArray *deps, GPtrArray *out)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  for (guint i = 0; i < deps->len; i++)
    {
      NdDependency *dep = g_ptr_array_index (deps, i);
      g_ptr_array_set_size (found, 0);
      nd_session_resolve (session, dep, r->ref_dep, r->ref_id, found);
      for (guint j = 0; j < found->len; j++)
        g_ptr_array_add (out, g_strconcat (((NdEntry *) g_ptr_array_index (found, j))->id_text,
                                           ".", dep->property, NULL));
    }
}

/* Requests in @list with the same identity are merged: changed props are
 * united, initial calls flagged (getUnfilteredLayoutCallbacks' addCallback). */
static void
add_unique (GPtrArray *list, GHashTable *index, NdRequest *r)
{
  NdRequest *found = g_hash_table_lookup (index, r->identity);

  if (found == NULL)
    {
      g_hash_table_insert (index, r->identity, r);
      g_ptr_array_add (list, r);
      return;
    }
  for (guint i = 0; i < r->changed->len; i++)
    {
      NdChanged *c = &g_array_index (r->changed, NdChanged, i);
      request_add_changed (found, c->prop_id, c->strength);
    }
  found->initial |= r->initial;
  nd_request_unref (r);
}

/* Drops callbacks with nothing to react to, to a fixed point (§3.2).
 * Worklist form: each dropped callback's outputs lower the live-input
 * count of their readers, so a chain costs O(chain) rather than O(n²). */
static void
exclude_unreachable (NdSession *session, GPtrArray *list)
{
  guint n = list->len;
  g_autofree int *live = g_new0 (int, n);
  g_autofree gboolean *dropped = g_new0 (gboolean, n);
  g_autoptr(GHashTable) readers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) work = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) excluded = g_hash_table_new (g_str_hash, g_str_equal);

  gboolean any_dropped = FALSE;

  /* First the common case, cheaply and without strings: does any
   * callback lack a present Input at all?  If not, nothing is dropped. */
  {
    g_autoptr(GPtrArray) found = g_ptr_array_new ();

    for (guint i = 0; i < n && !any_dropped; i++)
      {
        NdRequest *r = g_ptr_array_index (list, i);
        guint count = 0;

        if (r->cb->all_inputs_multi)
          continue;
        for (guint d = 0; d < r->cb->inputs->len; d++)
          {
            NdDependency *dep = g_ptr_array_index (r->cb->inputs, d);

            g_ptr_array_set_size (found, 0);
            nd_session_resolve (session, dep, r->ref_dep, r->ref_id, found);
            count += found->len;
          }
        if (count == 0)
          any_dropped = TRUE;
      }
  }
  if (!any_dropped)
    return;

  for (guint i = 0; i < n; i++)
    {
      NdRequest *r = g_ptr_array_index (list, i);
      g_autoptr(GPtrArray) ins = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) uniq = g_hash_table_new (g_str_hash, g_str_equal);

      if (r->cb->all_inputs_multi)
        {
          live[i] = -1;   /* always kept */
          continue;
        }
      resolved_prop_ids (session, r, r->cb->inputs, ins);
      for (guint j = 0; j < ins->len; j++)
        {
          char *p = g_ptr_array_index (ins, j);
          GArray *rd;
          if (!g_hash_table_add (uniq, p))
            continue;
          live[i]++;
          rd = g_hash_table_lookup (readers, p);
          if (rd == NULL)
            {
              rd = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (readers, g_strdup (p), rd);
            }
          g_array_append_val (rd, i);
        }
      if (live[i] == 0)
        {
          dropped[i] = TRUE;
          resolved_prop_ids (session, r, r->cb->outputs, work);
        }
    }
  while (work->len)
    {
      char *p = g_ptr_array_steal_index (work, work->len - 1);
      GArray *rd;

      if (g_hash_table_contains (excluded, p))
        {
          g_free (p);
          continue;
        }
      g_hash_table_add (excluded, p);
      rd = g_hash_table_lookup (readers, p);
      for (guint k = 0; rd && k < rd->len; k++)
        {
          guint i = g_array_index (rd, guint, k);
          if (dropped[i] || live[i] < 0)
            continue;
          if (--live[i] == 0)
            {
              dropped[i] = TRUE;
              resolved_prop_ids (session, g_ptr_array_index (list, i),
                                 ((NdRequest *) g_ptr_array_index (list, i))->cb->outputs, work);
            }
        }
    }
  {
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init (&it, excluded);
    while (g_hash_table_iter_next (&it, &key, NULL))
      g_free (key);
  }
  for (guint i = n; i-- > 0;)
    if (dropped[i])
      {
        nd_request_unref (g_ptr_array_index (list, i));
        g_ptr_array_remove_index (list, i);
      }
}

static guint
new_group (NdSession *session)
{
  return ++session->next_group;
}

static void
enqueue_group (NdSession *session, GPtrArray *list, NdRequest *cause)
{
  guint group = list->len ? new_group (session) : 0;

  for (guint i = 0; i < list->len; i++)
    {
      NdRequest *r = g_ptr_array_index (list, i);
      r->group = group;
      request_set_preds (r, cause);
      g_ptr_array_add (session->requested, r);
    }
  g_ptr_array_set_size (list, 0);
  nd_scheduler_schedule_pass (session);
}

/* Initial calls for the outputs found among @entries (§3.2). */
static void
outputs_initial_calls (NdSession *session, GPtrArray *entries, guint first, guint last,
                       GPtrArray *list, GHashTable *index)
{
  NdApp *app = session->app;

  for (guint i = first; i < last; i++)
    {
      NdEntry *e = g_ptr_array_index (entries, i);
      GPtrArray *props;

      if (nd_id_is_dict (e->id))
        {
          g_autofree char *keys = nd_id_key_set (e->id);
          props = g_hash_table_lookup (app->output_patterns, keys);
        }
      else
        props = g_hash_table_lookup (app->output_map, e->id_text);
      if (props == NULL)
        continue;
      for (guint p = 0; p < props->len; p++)
        {
          GPtrArray *refs = ((NdPropRefs *) g_ptr_array_index (props, p))->refs;
          for (guint j = 0; j < refs->len; j++)
            {
              NdDepRef *ref = g_ptr_array_index (refs, j);
              NdRequest *r;

              if (ref->callback->prevent_initial_call == ND_PREVENT_INITIAL_CALL_TRUE)
                continue;
              if (ref->dep->is_dict && !nd_dependency_matches_id (ref->dep, e->id, NULL, NULL))
                continue;
              r = callback_by_output (session, ref, e);
              r->initial = TRUE;
              add_unique (list, index, r);
            }
        }
    }
}

gboolean
nd_scheduler_initial_calls (NdSession *session, GError **error)
{
  NdApp *app = session->app;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);

  outputs_initial_calls (session, session->entries, 0, session->entries->len, list, index);
  exclude_unreachable (session, list);

  /* No-output callbacks (§3.3): with no Inputs, or with one present. */
  for (guint i = 0; i < app->no_output_callbacks->len; i++)
    {
      NdCallback *cb = g_ptr_array_index (app->no_output_callbacks, i);
      g_autoptr(GPtrArray) ins = g_ptr_array_new_with_free_func (g_free);
      NdRequest *r;

      if (cb->prevent_initial_call == ND_PREVENT_INITIAL_CALL_TRUE)
        continue;
      r = request_new (session, cb, NULL, NULL, g_strdup (""));
      resolved_prop_ids (session, r, cb->inputs, ins);
      if (cb->inputs->len && ins->len == 0)
        {
          nd_request_unref (r);
          continue;
        }
      r->initial = TRUE;
      add_unique (list, index, r);
    }
  enqueue_group (session, list, NULL);
  return TRUE;
}

/* §4.4: a prop holding components changed; the new chunk's outputs get
 * initial calls, its inputs fire callbacks with outputs outside it, and
 * ALL inputs that lost components refresh their summaries. */
void
nd_scheduler_layout_changed (NdSession *session, NdEntry *parent, GPtrArray *old_entries, NdRequest *cause)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GPtrArray) removed = g_ptr_array_new ();
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) rindex = g_hash_table_new (g_str_hash, g_str_equal);
  guint first = G_MAXUINT, last = 0;

  for (guint i = 0; i < session->entries->len; i++)
    {
      NdEntry *e = g_ptr_array_index (session->entries, i);
      if (e->pre > parent->pre && e->pre <= parent->post)
        {
          first = MIN (first, i);
          last = i + 1;
        }
    }
  if (first != G_MAXUINT)
    {
      outputs_initial_calls (session, session->entries, first, last, list, index);
      for (guint i = first; i < last; i++)
        {
          NdEntry *e = g_ptr_array_index (session->entries, i);
          GPtrArray *props;

          if (nd_id_is_dict (e->id))
            {
              g_autofree char *keys = nd_id_key_set (e->id);
              props = g_hash_table_lookup (session->app->input_patterns, keys);
            }
          else
            props = g_hash_table_lookup (session->app->input_map, e->id_text);
          if (props == NULL)
            continue;
          for (guint p = 0; p < props->len; p++)
            {
              const char *key = ((NdPropRefs *) g_ptr_array_index (props, p))->prop;
              g_autoptr(GPtrArray) found = g_ptr_array_new ();
              g_autofree char *prop_id = g_strconcat (e->id_text, ".", (char *) key, NULL);

              callbacks_by_input (session, e, key, found);
              for (guint j = 0; j < found->len; j++)
                {
                  NdRequest *r = g_ptr_array_index (found, j);
                  g_autoptr(GPtrArray) outs = g_ptr_array_new ();
                  gboolean all_inside = r->cb->outputs->len > 0;

                  if (r->cb->no_output)
                    {
                      nd_request_unref (r);
                      continue;
                    }
                  for (guint k = 0; k < r->cb->outputs->len; k++)
                    nd_session_resolve (session, g_ptr_array_index (r->cb->outputs, k), r->ref_dep, r->ref_id, outs);
                  for (guint k = 0; k < outs->len; k++)
                    {
                      NdEntry *oe = g_ptr_array_index (outs, k);
                      if (!(oe->pre > parent->pre && oe->pre <= parent->post))
                        all_inside = FALSE;
                    }
                  if (all_inside)
                    {
                      nd_request_unref (r);
                      continue;
                    }
                  request_add_changed (r, prop_id, INDIRECT);
                  add_unique (list, index, r);
                }
            }
        }
      exclude_unreachable (session, list);
    }

  /* Removed components that fed ALL/ALLSMALLER inputs. */
  for (guint i = 0; old_entries && i < old_entries->len; i++)
    {
      NdEntry *e = g_ptr_array_index (old_entries, i);
      GPtrArray *props;

      if (!nd_id_is_dict (e->id))
        continue;
      {
        g_autofree char *keys = nd_id_key_set (e->id);
        props = g_hash_table_lookup (session->app->input_patterns, keys);
      }
      if (props == NULL)
        continue;
      for (guint p = 0; p < props->len; p++)
        {
          GPtrArray *refs = ((NdPropRefs *) g_ptr_array_index (props, p))->refs;
          for (guint j = 0; j < refs->len; j++)
            {
              NdDepRef *ref = g_ptr_array_index (refs, j);
              NdRequest *r;

              if (!ref->dep->multi || ref->callback->no_output ||
                  !nd_dependency_matches_id (ref->dep, e->id, NULL, NULL))
                continue;
              r = request_new (session, ref->callback, NULL, NULL, g_strdup (""));
              if (ref->callback->outputs_have_match || !has_outputs (session, r))
                {
                  nd_request_unref (r);
                  continue;
                }
              r->initial = TRUE;
              add_unique (removed, rindex, r);
            }
        }
    }
  enqueue_group (session, list, cause);
  enqueue_group (session, removed, cause);
}

/* ---- the pass ---- */

static gboolean
pass_cb (gpointer data);

void
nd_scheduler_schedule_pass (NdSession *session)
{
  if (session->pass_source || session->closed)
    return;
  session->pass_source = g_idle_source_new ();
  g_source_set_priority (session->pass_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (session->pass_source, pass_cb, g_object_ref (session), g_object_unref);
  g_source_attach (session->pass_source, session->context);
}

static void
remove_identity (GPtrArray *list, const char *identity, gboolean cancel)
{
  for (guint i = list->len; i-- > 0;)
    {
      NdRequest *r = g_ptr_array_index (list, i);
      if (strcmp (r->identity, identity) == 0)
        {
          if (cancel)
            {
              r->cancelled = TRUE;
              /* a superseded background job is told to stop */
              if (r->call && r->call->job)
                nd_job_cancel (r->call->job);
            }
          g_ptr_array_remove_index (list, i);
          nd_request_unref (r);
        }
    }
}

static void
remove_identity_queue (GQueue *queue, const char *identity)
{
  for (GList *l = queue->head; l;)
    {
      GList *next = l->next;
      NdRequest *r = l->data;
      if (strcmp (r->identity, identity) == 0)
        {
          g_queue_delete_link (queue, l);
          nd_request_unref (r);
        }
      l = next;
    }
}

static gboolean
contains_cb (GPtrArray *preds, NdCallback *cb)
{
  for (guint i = 0; preds && i < preds->len; i++)
    if (g_ptr_array_index (preds, i) == cb)
      return TRUE;
  return FALSE;
}

/* Every prop the pending requests may still write, and everything
 * downstream of those (§5.4). */
static GHashTable *
downstream_of_pending (NdSession *session, GPtrArray *pending)
{
  GHashTable *d = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) work = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < pending->len; i++)
    {
      NdRequest *r = g_ptr_array_index (pending, i);
      resolved_prop_ids (session, r, r->cb->outputs, work);
    }
  while (work->len)
    {
      char *p = g_ptr_array_steal_index (work, work->len - 1);
      const char *dot;
      g_autofree char *id_text = NULL;
      NdEntry *e;
      g_autoptr(GPtrArray) found = g_ptr_array_new ();

      if (g_hash_table_contains (d, p))
        {
          g_free (p);
          continue;
        }
      g_hash_table_add (d, p);
      dot = strrchr (p, '.');
      id_text = g_strndup (p, dot - p);
      e = g_hash_table_lookup (session->by_id, id_text);
      if (e == NULL)
        continue;
      callbacks_by_input (session, e, dot + 1, found);
      for (guint j = 0; j < found->len; j++)
        {
          NdRequest *r = g_ptr_array_index (found, j);
          resolved_prop_ids (session, r, r->cb->outputs, work);
          nd_request_unref (r);
        }
    }
  return d;
}

static gboolean
inputs_blocked (NdSession *session, NdRequest *r, GHashTable *d)
{
  g_autoptr(GPtrArray) ins = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) outs = g_ptr_array_new_with_free_func (g_free);

  resolved_prop_ids (session, r, r->cb->inputs, ins);
  resolved_prop_ids (session, r, r->cb->outputs, outs);
  for (guint i = 0; i < ins->len; i++)
    {
      const char *p = g_ptr_array_index (ins, i);
      gboolean own = FALSE;

      for (guint j = 0; j < outs->len && !own; j++)
        own = strcmp (p, g_ptr_array_index (outs, j)) == 0;
      if (!own && g_hash_table_contains (d, p))
        return TRUE;
    }
  return FALSE;
}

static gboolean
group_prunes (NdSession *session, NdRequest *r)
{
  NdGroup *g;
  g_autoptr(GPtrArray) ins = NULL;

  if (r->group == 0 || r->cb->all_inputs_multi)
    return FALSE;
  g = g_hash_table_lookup (session->groups, GUINT_TO_POINTER (r->group));
  if (g == NULL || !g->has_finished)
    return FALSE;
  ins = g_ptr_array_new_with_free_func (g_free);
  resolved_prop_ids (session, r, r->cb->inputs, ins);
  for (guint i = 0; i < ins->len; i++)
    {
      const char *p = g_ptr_array_index (ins, i);
      if (g_hash_table_contains (g->updated_props, p) || !g_hash_table_contains (g->all_props, p))
        return FALSE;
    }
  return TRUE;
}

static void
forget_idle_groups (NdSession *session)
{
  g_autoptr(GHashTable) live = g_hash_table_new (g_direct_hash, g_direct_equal);
  GHashTableIter it;
  gpointer key;

  for (guint i = 0; i < session->requested->len; i++)
    g_hash_table_add (live, GUINT_TO_POINTER (((NdRequest *) g_ptr_array_index (session->requested, i))->group));
  for (GList *l = session->queued.head; l; l = l->next)
    g_hash_table_add (live, GUINT_TO_POINTER (((NdRequest *) l->data)->group));
  for (guint i = 0; i < session->executing->len; i++)
    g_hash_table_add (live, GUINT_TO_POINTER (((NdRequest *) g_ptr_array_index (session->executing, i))->group));
  g_hash_table_iter_init (&it, session->groups);
  while (g_hash_table_iter_next (&it, &key, NULL))
    if (!g_hash_table_contains (live, key))
      g_hash_table_iter_remove (&it);
}

static void
run_pass (NdSession *session)
{
  GPtrArray *req = session->requested;
  g_autoptr(GPtrArray) merged = g_ptr_array_new ();
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) ready = g_ptr_array_new ();
  guint n_pending;

  /* §5.2: a request whose own definition caused it ends the loop. */
  for (guint i = req->len; i-- > 0;)
    {
      NdRequest *r = g_ptr_array_index (req, i);
      if (contains_cb (r->preds, r->cb))
        {
          g_ptr_array_remove_index (req, i);
          nd_request_unref (r);
        }
    }

  /* §5.1: merge requests with one identity. */
  for (guint i = 0; i < req->len; i++)
    {
      NdRequest *r = g_ptr_array_index (req, i);
      GPtrArray *grp = g_hash_table_lookup (groups, r->identity);
      if (grp == NULL)
        {
          grp = g_ptr_array_new ();
          g_hash_table_insert (groups, r->identity, grp);
          g_ptr_array_add (order, grp);
        }
      g_ptr_array_add (grp, r);
    }
  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *grp = g_ptr_array_index (order, i);
      g_autoptr(GPtrArray) rest = g_ptr_array_new ();
      g_autoptr(GPtrArray) initials = g_ptr_array_new ();
      NdRequest *keep;

      if (grp->len == 1)
        {
          g_ptr_array_add (merged, g_ptr_array_index (grp, 0));
          continue;
        }
      for (guint j = 0; j < grp->len; j++)
        {
          NdRequest *r = g_ptr_array_index (grp, j);
          g_ptr_array_add (r->initial ? initials : rest, r);
        }
      if (rest->len == 0)
        {
          /* only initial calls: keep the newest */
          for (guint j = 0; j + 1 < initials->len; j++)
            nd_request_unref (g_ptr_array_index (initials, j));
          g_ptr_array_add (merged, g_ptr_array_index (initials, initials->len - 1));
          continue;
        }
      /* an initial call is dropped in favour of the triggered ones */
      for (guint j = 0; j < initials->len; j++)
        nd_request_unref (g_ptr_array_index (initials, j));
      keep = g_ptr_array_index (rest, rest->len - 1);
      if (rest->len > 1)
        {
          GArray *old = keep->changed;
          guint group = 0;

          for (guint j = 0; j < rest->len; j++)
            {
              NdRequest *r = g_ptr_array_index (rest, j);
              if (r->group)
                group = r->group;
            }
          /* union of changed props in request order, max strength */
          keep->changed = g_array_new (FALSE, FALSE, sizeof (NdChanged));
          for (guint j = 0; j < rest->len; j++)
            {
              NdRequest *r = g_ptr_array_index (rest, j);
              GArray *src = r == keep ? old : r->changed;
              for (guint k = 0; k < src->len; k++)
                request_add_changed (keep, g_array_index (src, NdChanged, k).prop_id,
                                     g_array_index (src, NdChanged, k).strength);
            }
          for (guint k = 0; k < old->len; k++)
            g_free (g_array_index (old, NdChanged, k).prop_id);
          g_array_unref (old);
          keep->group = group;
          for (guint j = 0; j < rest->len; j++)
            if (g_ptr_array_index (rest, j) != keep)
              nd_request_unref (g_ptr_array_index (rest, j));
        }
      g_ptr_array_add (merged, keep);
    }
  g_ptr_array_set_size (req, 0);

  /* §5.2 supersede: a newer request replaces a queued or in-flight one. */
  for (guint i = 0; i < merged->len; i++)
    {
      NdRequest *r = g_ptr_array_index (merged, i);
      remove_identity_queue (&session->queued, r->identity);
      remove_identity (session->executing, r->identity, TRUE);
    }

  /* §5.3: prune requests whose outputs vanished. */
  for (guint i = merged->len; i-- > 0;)
    {
      NdRequest *r = g_ptr_array_index (merged, i);
      if (!has_outputs (session, r))
        {
          g_ptr_array_remove_index (merged, i);
          nd_request_unref (r);
          continue;
        }
      for (guint k = r->changed->len; k-- > 0;)
        {
          NdChanged *c = &g_array_index (r->changed, NdChanged, k);
          const char *dot = strrchr (c->prop_id, '.');
          g_autofree char *id_text = g_strndup (c->prop_id, dot - c->prop_id);
          if (!g_hash_table_contains (session->by_id, id_text))
            {
              g_free (c->prop_id);
              g_array_remove_index (r->changed, k);
            }
        }
    }

  /* §5.4 readiness. */
  n_pending = merged->len + session->queued.length + session->executing->len;
  if (n_pending <= 1)
    g_ptr_array_extend (ready, merged, NULL, NULL);
  else
    {
      g_autoptr(GPtrArray) pending = g_ptr_array_new ();
      g_autoptr(GHashTable) d = NULL;

      g_ptr_array_extend (pending, merged, NULL, NULL);
      for (GList *l = session->queued.head; l; l = l->next)
        g_ptr_array_add (pending, l->data);
      g_ptr_array_extend (pending, session->executing, NULL, NULL);
      d = downstream_of_pending (session, pending);
      for (guint i = 0; i < merged->len; i++)
        {
          NdRequest *r = g_ptr_array_index (merged, i);
          if (!inputs_blocked (session, r, d))
            g_ptr_array_add (ready, r);
        }
      /* Deadlock breaker: everything pending blocks everything else. */
      if (ready->len == 0 && merged->len && merged->len == n_pending)
        {
          g_autoptr(GHashTable) outs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; i < merged->len; i++)
            {
              NdRequest *r = g_ptr_array_index (merged, i);
              g_autoptr(GPtrArray) ins = g_ptr_array_new_with_free_func (g_free);
              g_autoptr(GPtrArray) o = g_ptr_array_new ();
              gboolean blocked = FALSE;

              resolved_prop_ids (session, r, r->cb->inputs, ins);
              for (guint j = 0; j < ins->len && !blocked; j++)
                blocked = g_hash_table_contains (outs, g_ptr_array_index (ins, j));
              if (i > 0 && blocked)
                continue;
              g_ptr_array_add (ready, r);
              resolved_prop_ids (session, r, r->cb->outputs, o);
              for (guint j = 0; j < o->len; j++)
                g_hash_table_add (outs, g_ptr_array_index (o, j));
            }
        }
    }

  /* Requests not ready stay requested; ready ones are queued unless their
   * execution group already showed they have nothing to do (§5.6). */
  for (guint i = 0; i < merged->len; i++)
    {
      NdRequest *r = g_ptr_array_index (merged, i);
      gboolean is_ready = FALSE;

      for (guint j = 0; j < ready->len && !is_ready; j++)
        is_ready = g_ptr_array_index (ready, j) == r;
      if (!is_ready)
        g_ptr_array_add (req, r);
      else if (group_prunes (session, r))
        nd_request_unref (r);
      else
        g_queue_push_tail (&session->queued, r);
    }

  dispatch (session);
  forget_idle_groups (session);
}

/* ---- building and running calls ---- */

static JsonNode *
snapshot_value (NdEntry *e, const char *prop)
{
  JsonNode *v = nd_component_get_prop (e->component, prop);

  if (v == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (v) || JSON_NODE_HOLDS_NULL (v))
    return json_node_ref (v);
  /* Component trees change in place as their props update; callbacks on
   * other threads get their own copy.  Plain values are never mutated. */
  if (nd_prop_holds_components (e->component, prop))
    return nd_json_deep_copy (v);
  return json_node_ref (v);
}

static gboolean
fill_arg (NdSession *session, NdRequest *r, NdDependency *dep, NdArg *arg, gboolean is_output,
          gboolean *missing, GError **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  nd_session_resolve (session, dep, r->ref_dep, r->ref_id, found);
  arg->multi = dep->multi;
  if (!dep->multi && found->len > 1)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_NONEXISTENT_INPUT,
                   "callback %s: Multiple objects were found for %s (%u components match a "
                   "dependency that needs exactly one)", r->cb->name, dep->prop_id, found->len);
      return FALSE;
    }
  arg->items = g_new0 (NdDepValue, MAX (found->len, 1));
  if (!dep->multi && found->len == 0)
    {
      *missing = TRUE;
      if (dep->allow_optional && !is_output)
        {
          nd_dep_value_set (&arg->items[0], dep->id, dep->id_text, dep->property, NULL);
          arg->items[0].missing = TRUE;
          arg->n = 1;
        }
      return TRUE;
    }
  for (guint i = 0; i < found->len; i++)
    {
      NdEntry *e = g_ptr_array_index (found, i);
      g_autoptr(JsonNode) v = is_output ? NULL : snapshot_value (e, dep->property);
      const char *at = is_output && dep->allow_duplicate ? strchr (r->cb->key, '@') : NULL;
      /* duplicate outputs keep their @hash, as the renderer sends them */
      g_autofree char *prop = at ? g_strdup_printf ("%s@%.64s", dep->property, at + 1) : NULL;

      nd_dep_value_set_shared (&arg->items[arg->n++], e->id, e->id_text, prop ? prop : dep->property, v);
    }
  return TRUE;
}

/* Builds the call from the current props (§6).  Returns NULL with no error
 * when the call is to be skipped silently (§3.4). */
static NdCallRequest *
build_call (NdSession *session, NdRequest *r, GError **error)
{
  NdCallback *cb = r->cb;
  g_autoptr(NdCallRequest) call = nd_call_request_new (cb);
  guint n_missing_inputs = 0, n_single_inputs = 0;
  gboolean any_multi_nonempty = FALSE;
  NdDependency *first_missing = NULL;

  for (guint i = 0; i < cb->inputs->len; i++)
    {
      NdDependency *dep = g_ptr_array_index (cb->inputs, i);
      gboolean missing = FALSE;

      if (!fill_arg (session, r, dep, &call->inputs[i], FALSE, &missing, error))
        return NULL;
      if (!dep->multi)
        {
          n_single_inputs++;
          if (missing && !dep->allow_optional)
            {
              n_missing_inputs++;
              if (first_missing == NULL)
                first_missing = dep;
            }
        }
      else if (call->inputs[i].n)
        any_multi_nonempty = TRUE;
    }
  if (cb->inputs->len && n_missing_inputs == n_single_inputs && !any_multi_nonempty && n_single_inputs > 0)
    return NULL;
  if (n_missing_inputs)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_NONEXISTENT_INPUT,
                   "callback %s: A nonexistent object was used in an Input of this callback (%s)",
                   cb->name, first_missing->prop_id);
      return NULL;
    }
  for (guint i = 0; i < cb->state->len; i++)
    {
      NdDependency *dep = g_ptr_array_index (cb->state, i);
      gboolean missing = FALSE;

      if (!fill_arg (session, r, dep, &call->state[i], FALSE, &missing, error))
        return NULL;
      if (missing && !dep->allow_optional)
        {
          g_set_error (error, ND_ERROR, ND_ERROR_NONEXISTENT_INPUT,
                       "callback %s: A nonexistent object was used in a State of this callback (%s)",
                       cb->name, dep->prop_id);
          return NULL;
        }
    }
  for (guint i = 0; i < cb->outputs->len; i++)
    {
      NdDependency *dep = g_ptr_array_index (cb->outputs, i);
      gboolean missing = FALSE;

      if (!fill_arg (session, r, dep, &call->outputs[i], TRUE, &missing, error))
        return NULL;
      if (missing)
        {
          if (cb->all_inputs_multi && !any_multi_nonempty && cb->inputs->len)
            return NULL;
          g_set_error (error, ND_ERROR, ND_ERROR_NONEXISTENT_INPUT,
                       "callback %s: A nonexistent object was used in an Output of this callback (%s)",
                       cb->name, dep->prop_id);
          return NULL;
        }
    }
  call->changed_prop_ids = g_new0 (char *, r->changed->len + 1);
  for (guint i = 0; i < r->changed->len; i++)
    call->changed_prop_ids[i] = g_strdup (g_array_index (r->changed, NdChanged, i).prop_id);
  call->n_changed = r->changed->len;
  call->session_id = g_strdup (session->id);
  return g_steal_pointer (&call);
}

static void apply_result (NdSession *session, NdRequest *r);

static void
set_running (NdSession *session, NdRequest *r, gboolean on)
{
  NdCallback *cb = r->cb;

  for (guint i = 0; i < cb->running->len; i++)
    {
      NdRunning *run = &g_array_index (cb->running, NdRunning, i);
      g_autoptr(GPtrArray) found = g_ptr_array_new ();

      nd_session_resolve (session, run->output, r->ref_dep, r->ref_id, found);
      for (guint j = 0; j < found->len; j++)
        nd_session_apply_prop (session, g_ptr_array_index (found, j), run->output->property,
                               nd_json_deep_copy (on ? run->on_value : run->off_value), DIRECT, NULL);
    }
}

static void
mark_loading (NdSession *session, NdRequest *r, gboolean on)
{
  if (on)
    {
      r->loading = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < r->call->n_outputs; i++)
        for (guint j = 0; j < r->call->outputs[i].n; j++)
          {
            NdDepValue *dv = &r->call->outputs[i].items[j];
            const char *at = strchr (dv->property, '@');
            g_autofree char *prop = at ? g_strndup (dv->property, at - dv->property) : g_strdup (dv->property);
            g_ptr_array_add (r->loading, g_strconcat (dv->id_text, ".", prop, NULL));
          }
    }
  for (guint i = 0; r->loading && i < r->loading->len; i++)
    {
      const char *p = g_ptr_array_index (r->loading, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (session->loading, p));

      n = on ? n + 1 : (n ? n - 1 : 0);
      if (n)
        g_hash_table_insert (session->loading, g_strdup (p), GUINT_TO_POINTER (n));
      else
        g_hash_table_remove (session->loading, p);
      if ((on && n == 1) || (!on && n == 0))
        nd_session_emit_loading (session, p, on);
    }
  if (!on)
    g_clear_pointer (&r->loading, g_ptr_array_unref);
}

static gboolean
deliver_cb (gpointer data)
{
  NdRequest *r = data;
  NdSession *session = r->session;

  apply_result (session, r);
  return G_SOURCE_REMOVE;
}

static void
deliver_free (gpointer data)
{
  NdRequest *r = data;
  NdSession *session = r->session;

  nd_request_unref (r);
  g_object_unref (session);
}

/**
 * nd_context_post:
 *
 * Runs @func once from @context's loop, from any thread.  Never
 * g_main_context_invoke(): that runs @func right away, on the calling
 * thread, whenever no thread is inside @context's loop.
 */
void
nd_context_post (GMainContext *context, GSourceFunc func, gpointer data, GDestroyNotify destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_attach (source, context);
  g_source_unref (source);
}

static void
worker_run (gpointer data, gpointer unused)
{
  NdRequest *r = data;
  NdSession *session = r->session;

  r->result = nd_executor_run (session->app, r->call);
  nd_context_post (session->context, deliver_cb, r, deliver_free);
}

static gboolean
runs_inline (NdSession *session, NdCallback *cb)
{
  NdThreading t = cb->threading != ND_THREADING_AUTO ? cb->threading : session->app->default_threading;

  if (cb->background)
    return FALSE;
  if (t == ND_THREADING_INLINE)
    return TRUE;
  if (t == ND_THREADING_WORKER)
    return FALSE;
  return g_atomic_int_get (&cb->worker_runs_fast) >= 3 && !g_atomic_int_get (&cb->demoted);
}

static void
dispatch (NdSession *session)
{
  while (session->queued.length && session->executing->len < session->app->max_in_flight &&
         !session->closed)
    {
      NdRequest *r = g_queue_pop_head (&session->queued);
      g_autoptr(GError) error = NULL;
      gboolean cancelled;

      r->call = build_call (session, r, &error);
      if (r->call == NULL)
        {
          if (error)
            nd_session_add_error (session, r->cb, error->message);
          /* A skipped call in a load group counts as finished with no update. */
          if (r->group)
            {
              NdGroup *g = g_hash_table_lookup (session->groups, GUINT_TO_POINTER (r->group));
              if (g == NULL)
                {
                  g = g_new0 (NdGroup, 1);
                  g->all_props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
                  g->updated_props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
                  g_hash_table_insert (session->groups, GUINT_TO_POINTER (r->group), g);
                }
              g->has_finished = TRUE;
            }
          nd_request_unref (r);
          continue;
        }
      session->n_calls++;
      if (r->cb->background)
        r->call->job = nd_job_new (session, r->cb);
      g_ptr_array_add (session->executing, r);
      /* held: its running props may change a cancel Input of its own */
      request_ref (r);
      mark_loading (session, r, TRUE);
      set_running (session, r, TRUE);
      cancelled = r->cancelled;
      /* if cancelled, cancel_jobs() dropped executing's reference too */
      nd_request_unref (r);
      if (cancelled)
        continue;
      r->inline_run = runs_inline (session, r->cb);
      if (r->inline_run)
        {
          r->result = nd_executor_run (session->app, r->call);
          request_ref (r);
          apply_result (session, r);
          nd_request_unref (r);
        }
      else
        {
          request_ref (r);
          g_object_ref (session);
          nd_app_run_in_pool (session->app, worker_run, r);
        }
    }
}

static NdGroup *
group_record (NdSession *session, guint group)
{
  NdGroup *g = g_hash_table_lookup (session->groups, GUINT_TO_POINTER (group));

  if (g == NULL)
    {
      g = g_new0 (NdGroup, 1);
      g->all_props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g->updated_props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (session->groups, GUINT_TO_POINTER (group), g);
    }
  return g;
}

static void
apply_result (NdSession *session, NdRequest *r)
{
  NdCallResult *res = r->result;
  NdCallback *cb = r->cb;
  NdGroup *g = NULL;
  gboolean was_executing;

  was_executing = g_ptr_array_remove (session->executing, r);
  if (was_executing)
    nd_request_unref (r);
  mark_loading (session, r, FALSE);
  if (r->call->job)
    nd_job_finish (r->call->job);

  /* ND_THREADING_AUTO: measured cheap on workers -> inline; slow inline -> back. */
  if (!r->inline_run && res->duration_us < 100)
    g_atomic_int_inc (&cb->worker_runs_fast);
  else if (!r->inline_run)
    g_atomic_int_set (&cb->worker_runs_fast, -1000);
  if (r->inline_run && res->duration_us > 1000)
    g_atomic_int_set (&cb->demoted, 1);

  if (r->cancelled || session->closed)
    {
      nd_scheduler_schedule_pass (session);
      return;
    }
  set_running (session, r, FALSE);
  if (cb->background)
    nd_background_apply_defaults (session, cb);

  if (r->group)
    {
      g = group_record (session, r->group);
      g->has_finished = TRUE;
      for (guint i = 0; i < r->call->n_outputs; i++)
        for (guint j = 0; j < r->call->outputs[i].n; j++)
          {
            NdDepValue *dv = &r->call->outputs[i].items[j];
            const char *at = strchr (dv->property, '@');
            g_hash_table_add (g->all_props, at ? g_strdup_printf ("%s.%.*s", dv->id_text, (int) (at - dv->property), dv->property)
                                               : g_strconcat (dv->id_text, ".", dv->property, NULL));
          }
    }

  if (res->status == ND_CALL_FAILED)
    {
      nd_session_add_error (session, cb, res->error ? res->error->message : "callback failed");
      nd_scheduler_schedule_pass (session);
      return;
    }
  if (res->status == ND_CALL_PREVENTED)
    {
      nd_scheduler_schedule_pass (session);
      return;
    }

  /* §5.7: side updates first, then the outputs. */
  for (guint i = 0; res->side_updates && i < res->side_updates->len; i++)
    {
      NdSideUpdate *su = g_ptr_array_index (res->side_updates, i);
      JsonObjectIter it;
      const char *prop;
      JsonNode *value;

      json_object_iter_init (&it, json_node_get_object (su->props));
      while (json_object_iter_next (&it, &prop, &value))
        {
          NdEntry *e = g_hash_table_lookup (session->by_id, su->id_text);
          g_autoptr(GError) error = NULL;
          JsonNode *v;

          if (e == NULL)
            {
              if (!session->app->suppress_callback_exceptions)
                {
                  g_autofree char *msg = g_strdup_printf ("callback %s: set_props: ID running component not found in layout: %s",
                                                          cb->name, su->id_text);
                  nd_session_add_error (session, cb, msg);
                }
              continue;
            }
          if (nd_patch_is_patch (value))
            v = nd_patch_apply (nd_component_get_prop (e->component, prop), value, &error);
          else
            v = json_node_ref (value);
          if (v == NULL)
            {
              g_autofree char *msg = g_strdup_printf ("callback %s: set_props %s.%s: %s", cb->name, su->id_text, prop, error->message);
              nd_session_add_error (session, cb, msg);
              continue;
            }
          nd_session_apply_prop (session, e, prop, v, DIRECT, NULL);
        }
    }

  for (guint i = 0; i < r->call->n_outputs; i++)
    {
      NdArg *arg = &r->call->outputs[i];
      JsonNode *value = res->outputs[i];

      if (value == NULL || nd_is_no_update (value))
        continue;
      for (guint j = 0; j < arg->n; j++)
        {
          NdDepValue *dv = &arg->items[j];
          JsonNode *item = value;
          const char *at = strchr (dv->property, '@');
          g_autofree char *prop = at ? g_strndup (dv->property, at - dv->property) : g_strdup (dv->property);
          NdEntry *e;
          JsonNode *v;
          g_autoptr(GError) error = NULL;

          if (arg->multi)
            {
              if (JSON_NODE_TYPE (value) != JSON_NODE_ARRAY)
                break;
              item = json_array_get_element (json_node_get_array (value), j);
              if (nd_is_no_update (item))
                continue;
            }
          e = g_hash_table_lookup (session->by_id, dv->id_text);
          if (e == NULL)
            continue;
          if (nd_patch_is_patch (item))
            v = nd_patch_apply (nd_component_get_prop (e->component, prop), item, &error);
          else
            v = json_node_ref (item);
          if (v == NULL)
            {
              g_autofree char *msg = g_strdup_printf ("Callback error updating %s.%s (callback %s): %s",
                                                      dv->id_text, prop, cb->name, error->message);
              nd_session_add_error (session, cb, msg);
              continue;
            }
          if (g)
            g_hash_table_add (g->updated_props, g_strconcat (dv->id_text, ".", prop, NULL));
          nd_session_apply_prop (session, e, prop, v, INDIRECT, r);
        }
    }
  nd_scheduler_schedule_pass (session);
}

static gboolean
pass_cb (gpointer data)
{
  NdSession *session = data;

  g_clear_pointer (&session->pass_source, g_source_unref);
  if (session->closed)
    return G_SOURCE_REMOVE;
  run_pass (session);
  if (!nd_session_is_busy (session))
    nd_session_emit_idle (session);
  return G_SOURCE_REMOVE;
}

void
nd_scheduler_clear (NdSession *session)
{
  if (session->pass_source)
    {
      g_source_destroy (session->pass_source);
      g_clear_pointer (&session->pass_source, g_source_unref);
    }
  for (guint i = 0; i < session->requested->len; i++)
    nd_request_unref (g_ptr_array_index (session->requested, i));
  g_ptr_array_set_size (session->requested, 0);
  while (session->queued.length)
    nd_request_unref (g_queue_pop_head (&session->queued));
  for (guint i = 0; i < session->executing->len; i++)
    {
      NdRequest *r = g_ptr_array_index (session->executing, i);
      r->cancelled = TRUE;
      if (r->call && r->call->job)
        nd_job_cancel (r->call->job);
      nd_request_unref (r);
    }
  g_ptr_array_set_size (session->executing, 0);
}

static gboolean
cancels_on (NdCallback *cb, const char *prop_id)
{
  for (guint i = 0; i < cb->cancel->len; i++)
    if (strcmp (((NdDependency *) g_ptr_array_index (cb->cancel, i))->prop_id, prop_id) == 0)
      return TRUE;
  return FALSE;
}

/* §10.3: a change of a cancel Input kills every job of the callbacks that
 * list it: outputs unchanged, running reset, progress_default applied. */
static void
cancel_jobs (NdSession *session, const char *prop_id)
{
  g_autoptr(GPtrArray) victims = NULL;

  for (guint i = 0; i < session->executing->len; i++)
    {
      NdRequest *r = g_ptr_array_index (session->executing, i);

      if (!r->cb->background || r->cancelled || !cancels_on (r->cb, prop_id))
        continue;
      if (victims == NULL)
        victims = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_request_unref);
      g_ptr_array_add (victims, request_ref (r));
    }
  if (victims == NULL)
    return;
  /* Taken out first: the props applied below may cancel jobs themselves. */
  for (guint i = 0; i < victims->len; i++)
    {
      NdRequest *r = g_ptr_array_index (victims, i);

      r->cancelled = TRUE;
      nd_job_cancel (r->call->job);
      if (g_ptr_array_remove (session->executing, r))
        nd_request_unref (r);
    }
  for (guint i = 0; i < victims->len; i++)
    {
      NdRequest *r = g_ptr_array_index (victims, i);

      mark_loading (session, r, FALSE);
      set_running (session, r, FALSE);
      nd_background_apply_defaults (session, r->cb);
    }
  nd_scheduler_schedule_pass (session);
}
