/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A session: one window's (or one viewer's) own copy of the layout and its
 * prop values, the index of its ids, and where user changes and callback
 * results land.  One user's input never reaches another session.
 */
#include "nd-session-private.h"

#include <string.h>

#include "nd-component.h"
#include "nd-component-info.h"
#include "nd-layout.h"
#include "nd-patch.h"
#include "nd-store.h"

enum {
  SIGNAL_PROP_CHANGED,
  SIGNAL_CALLBACK_ERROR,
  SIGNAL_LOADING_CHANGED,
  SIGNAL_IDLE,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NdSession, nd_session, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  NdEntry *e = data;

  g_ref_string_release (e->id_text);
  g_free (e);
}

static void
error_free (gpointer data)
{
  NdCallbackError *e = data;

  g_free (e->callback_name);
  g_free (e->outputs);
  g_free (e->message);
  g_free (e);
}

static void
nd_session_dispose (GObject *object)
{
  NdSession *self = ND_SESSION (object);

  nd_session_close (self);
  G_OBJECT_CLASS (nd_session_parent_class)->dispose (object);
}

static void
nd_session_finalize (GObject *object)
{
  NdSession *self = ND_SESSION (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->by_keyset, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->layout, json_node_unref);
  g_clear_pointer (&self->requested, g_ptr_array_unref);
  g_clear_pointer (&self->executing, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_clear_pointer (&self->loading, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->url, g_uri_unref);
  g_clear_pointer (&self->persist_memory, g_hash_table_unref);
  g_clear_pointer (&self->memory_stores, g_hash_table_unref);
  g_clear_pointer (&self->resolve_cache, g_hash_table_unref);
  g_free (self->id);
  g_clear_object (&self->app);
  G_OBJECT_CLASS (nd_session_parent_class)->finalize (object);
}

static void
nd_session_class_init (NdSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_session_dispose;
  object_class->finalize = nd_session_finalize;

  /**
   * NdSession::prop-changed:
   * @session: the session
   * @id_text: the component's canonical id text
   * @prop: the prop
   * @value: (nullable): its new value
   *
   * A prop changed: by a callback result, `set_props`, a Store or the user.
   * Renderers update exactly the widget it names.
   */
  signals[SIGNAL_PROP_CHANGED] =
    g_signal_new ("prop-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, JSON_TYPE_NODE);
  /**
   * NdSession::callback-error:
   * @session: the session
   * @callback_name: the failing callback
   * @message: the error message
   */
  signals[SIGNAL_CALLBACK_ERROR] =
    g_signal_new ("callback-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * NdSession::loading-changed:
   * @session: the session
   * @prop_id: "<id>.<prop>" of an output
   * @loading: whether a callback writing it is in flight
   */
  signals[SIGNAL_LOADING_CHANGED] =
    g_signal_new ("loading-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /**
   * NdSession::idle:
   * @session: the session
   *
   * Nothing is pending any more: every requested callback ran and its
   * result was applied.
   */
  signals[SIGNAL_IDLE] =
    g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
nd_session_init (NdSession *self)
{
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_keyset = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->requested = g_ptr_array_new ();
  g_queue_init (&self->queued);
  self->executing = g_ptr_array_new ();
  self->groups = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, nd_group_free);
  self->errors = g_ptr_array_new_with_free_func (error_free);
  self->loading = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->url = g_uri_parse ("http://localhost/", G_URI_FLAGS_NONE, NULL);
  self->resolve_cache = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                               (GDestroyNotify) nd_dependency_unref,
                                               (GDestroyNotify) g_ptr_array_unref);
  self->memory_stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  self->persist_memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
}

/** nd_session_get_app: Returns: (transfer none): the app */
NdApp *nd_session_get_app (NdSession *session) { return session->app; }
const char *nd_session_get_id (NdSession *session) { return session->id; }
/** nd_session_get_layout: Returns: (transfer none): the session's layout with its current props */
JsonNode *nd_session_get_layout (NdSession *session) { return session->layout; }
guint nd_session_get_n_calls (NdSession *session) { return session->n_calls; }
/** nd_session_get_errors: Returns: (transfer none) (element-type NdCallbackError): callback errors so far */
GPtrArray *nd_session_get_errors (NdSession *session) { return session->errors; }

/**
 * nd_session_set_url:
 * @session: a session
 * @url: an absolute URL ("http://host/path?query#fragment") or a path
 *   ("/path?query#fragment"), resolved against the current URL
 * @error: return location for an error
 *
 * Sets the window's current URL, which `dcc.Location` components report
 * at mount.  The HTTP mirror sets the browser's; a native window starts
 * at "http://localhost/".
 *
 * Returns: %TRUE if @url parsed
 */
gboolean
nd_session_set_url (NdSession *session, const char *url, GError **error)
{
  GUri *uri = g_uri_parse_relative (session->url, url, G_URI_FLAGS_NONE, error);

  if (uri == NULL)
    return FALSE;
  g_uri_unref (session->url);
  session->url = uri;
  return TRUE;
}

/**
 * nd_session_get_url:
 * @session: a session
 *
 * Returns: (transfer full): the window's current URL as text
 */
char *
nd_session_get_url (NdSession *session)
{
  return g_uri_to_string (session->url);
}

/* ---- index ---- */

typedef struct {
  NdSession *session;
  guint counter;
  GPtrArray *out;            /* where new entries go, in document order */
} Indexer;

static void index_value (Indexer *ix, JsonNode *value);

/* A nested children prop such as "options[].label": the member of each
 * element of the list. */
static void
index_nested (Indexer *ix, JsonObject *props, const char *path, const char *sep)
{
  g_autofree char *head = g_strndup (path, sep - path);
  JsonNode *v = json_object_get_member (props, head);

  if (!g_str_has_prefix (sep, "[].") || v == NULL || !JSON_NODE_HOLDS_ARRAY (v))
    return;
  for (guint j = 0; j < json_array_get_length (json_node_get_array (v)); j++)
    {
      JsonNode *el = json_array_get_element (json_node_get_array (v), j);

      if (JSON_NODE_HOLDS_OBJECT (el))
        index_value (ix, json_object_get_member (json_node_get_object (el), sep + 3));
    }
}

/* Indexes what lies in @component's children props (not @component). */
static void
index_children (Indexer *ix, JsonNode *component, const NdComponentInfo *info)
{
  JsonObject *props = nd_component_get_props (component);
  const char * const *paths;

  if (info == NULL)
    info = nd_component_info_lookup (nd_component_get_namespace (component),
                                     nd_component_get_type (component));
  paths = nd_component_info_type_children_props (info);

  for (guint i = 0; paths && paths[i]; i++)
    {
      const char *path = paths[i];
      const char *sep = strpbrk (path, ".[{");

      if (sep == NULL)
        index_value (ix, json_object_get_member (props, path));
      else
        index_nested (ix, props, path, sep);
    }
}

static gboolean
index_child (JsonNode *component, gpointer user_data)
{
  Indexer *ix = user_data;
  JsonNode *id = nd_component_get_id (component);
  const char *ns = nd_component_get_namespace (component);
  const NdComponentInfo *info = nd_component_info_lookup (ns, nd_component_get_type (component));
  NdEntry *e = NULL;
  guint pre = ++ix->counter;

  if (id && (nd_json_is_string (id) || nd_id_is_dict (id)))
    {
      e = g_new0 (NdEntry, 1);
      e->component = component;
      e->id = id;
      /* shared (refcounted) with the call requests that name it */
      if (nd_json_is_string (id))
        e->id_text = g_ref_string_new (json_node_get_string (id));
      else
        {
          g_autofree char *text = nd_id_to_string (id);
          e->id_text = g_ref_string_new (text);
        }
      e->pre = pre;
      e->info = info;
      e->flags = nd_entry_flags_for (ns, info, nd_component_get_props (component));
      g_ptr_array_add (ix->out, e);
    }
  index_children (ix, component, info);
  if (e)
    e->post = ix->counter;
  return FALSE;
}

static void
index_value (Indexer *ix, JsonNode *value)
{
  if (value == NULL)
    return;
  if (JSON_NODE_TYPE (value) == JSON_NODE_ARRAY)
    {
      JsonArray *arr = json_node_get_array (value);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        index_value (ix, json_array_get_element (arr, i));
    }
  else if (nd_component_is (value))
    index_child (value, ix);
}

static JsonNode *copy_index_value (Indexer *ix, JsonNode *src);

/* A copy of the component @src, indexed as index_child() would index it. */
static JsonNode *
copy_index_component (Indexer *ix, JsonNode *src)
{
  JsonObject *so = json_node_get_object (src);
  JsonObject *co = json_object_new ();
  JsonObject *sprops = nd_component_get_props (src);
  JsonObject *cprops = json_object_new ();
  JsonNode *copy = json_node_new (JSON_NODE_OBJECT);
  const char *ns = nd_component_get_namespace (src);
  const NdComponentInfo *info = nd_component_info_lookup (ns, nd_component_get_type (src));
  const char * const *paths = nd_component_info_type_children_props (info);
  JsonObjectIter it;
  const char *name;
  JsonNode *member, *id;
  NdEntry *e = NULL;
  guint pre = ++ix->counter;

  json_node_take_object (copy, co);
  json_object_iter_init_ordered (&it, so);
  while (json_object_iter_next_ordered (&it, &name, &member))
    if (strcmp (name, "props") == 0)
      {
        JsonNode *pn = json_node_new (JSON_NODE_OBJECT);

        json_node_take_object (pn, cprops);
        json_object_set_member (co, "props", pn);
      }
    else
      json_object_set_member (co, name, nd_json_deep_copy (member));
  if (!json_object_has_member (co, "props"))
    {
      JsonNode *pn = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (pn, cprops);
      json_object_set_member (co, "props", pn);
    }
  /* props in order; the id first so the entry exists before its subtree */
  id = json_object_get_member (sprops, "id");
  if (id && (nd_json_is_string (id) || nd_id_is_dict (id)))
    {
      e = g_new0 (NdEntry, 1);
      e->component = copy;
      e->pre = pre;
      e->info = info;
      e->flags = nd_entry_flags_for (ns, info, sprops);
      g_ptr_array_add (ix->out, e);
    }
  /* props keep their order; children props are filled in below, in the
   * order index_children() walks them, so numbering matches a reindex */
  json_object_iter_init_ordered (&it, sprops);
  while (json_object_iter_next_ordered (&it, &name, &member))
    {
      gboolean children = FALSE;

      for (guint i = 0; paths && paths[i] && !children; i++)
        children = strcmp (paths[i], name) == 0;
      json_object_set_member (cprops, name, children ? json_node_new (JSON_NODE_NULL) : nd_json_deep_copy (member));
    }
  if (e)
    {
      e->id = json_object_get_member (cprops, "id");
      if (nd_json_is_string (e->id))
        e->id_text = g_ref_string_new (json_node_get_string (e->id));
      else
        {
          g_autofree char *text = nd_id_to_string (e->id);
          e->id_text = g_ref_string_new (text);
        }
    }
  for (guint i = 0; paths && paths[i]; i++)
    {
      const char *sep = strpbrk (paths[i], ".[{");

      if (sep == NULL)
        {
          member = json_object_get_member (sprops, paths[i]);
          if (member)
            json_object_set_member (cprops, paths[i], copy_index_value (ix, member));
        }
      else
        index_nested (ix, cprops, paths[i], sep);   /* already copied; index the copy */
    }
  if (e)
    e->post = ix->counter;
  return copy;
}

static JsonNode *
copy_index_value (Indexer *ix, JsonNode *src)
{
  if (src == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (src))
    {
      JsonArray *sa = json_node_get_array (src);
      guint n = json_array_get_length (sa);
      JsonArray *ca = json_array_sized_new (n);
      JsonNode *copy = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < n; i++)
        json_array_add_element (ca, copy_index_value (ix, json_array_get_element (sa, i)));
      json_node_take_array (copy, ca);
      return copy;
    }
  if (nd_component_is (src))
    return copy_index_component (ix, src);
  return nd_json_deep_copy (src);
}

/* What the mount-time passes need to know of a component, found once. */
guint
nd_entry_flags_for (const char *namespace_, const NdComponentInfo *info, JsonObject *props)
{
  static const char *const mounting[] = { "Tabs", "Slider", "RangeSlider", "Location", "Dropdown" };
  static const NdComponentInfo *store, *mounts[G_N_ELEMENTS (mounting)];
  static gsize ready;
  guint flags = 0;

  if (g_once_init_enter (&ready))
    {
      store = nd_component_info_lookup (ND_NAMESPACE_DCC, "Store");
      for (guint i = 0; i < G_N_ELEMENTS (mounting); i++)
        mounts[i] = nd_component_info_lookup (ND_NAMESPACE_DCC, mounting[i]);
      g_once_init_leave (&ready, 1);
    }
  if (strcmp (namespace_, ND_NAMESPACE_DCC) == 0)
    {
      flags |= ND_ENTRY_DCC;
      if (info == store)
        flags |= ND_ENTRY_STORE;
      for (guint i = 0; i < G_N_ELEMENTS (mounts); i++)
        if (info == mounts[i])
          flags |= ND_ENTRY_MOUNTS;
    }
  if (json_object_has_member (props, "persistence"))
    flags |= ND_ENTRY_PERSIST;
  return flags;
}

/* A copy of @layout with its entries, for a session to take over: safe on
 * any thread (only reads @layout). */
JsonNode *
nd_session_copy_and_index (JsonNode *layout, GPtrArray **entries)
{
  Indexer ix = { NULL, 0, g_ptr_array_new_with_free_func (entry_free) };
  JsonNode *copy = copy_index_value (&ix, layout);

  *entries = ix.out;
  return copy;
}

/* The position of the first entry whose pre is >= @pre. */
static guint
lower_bound (GPtrArray *list, guint pre)
{
  guint lo = 0, hi = list->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (((NdEntry *) g_ptr_array_index (list, mid))->pre < pre)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Adds @e to the id maps; the first of duplicate ids wins, as a lookup
 * by path would. */
static void
map_entry (NdSession *session, NdEntry *e)
{
  if (!g_hash_table_contains (session->by_id, e->id_text))
    g_hash_table_insert (session->by_id, e->id_text, e);
  else
    session->has_duplicate_ids = TRUE;
  if (nd_id_is_dict (e->id))
    {
      char *keys = nd_id_key_set (e->id);
      GPtrArray *list = g_hash_table_lookup (session->by_keyset, keys);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (session->by_keyset, keys, list);
        }
      else
        g_free (keys);
      g_ptr_array_insert (list, lower_bound (list, e->pre), e);
    }
}

static void
unmap_entry (NdSession *session, NdEntry *e)
{
  if (g_hash_table_lookup (session->by_id, e->id_text) == e)
    g_hash_table_remove (session->by_id, e->id_text);
  if (nd_id_is_dict (e->id))
    {
      g_autofree char *keys = nd_id_key_set (e->id);
      GPtrArray *list = g_hash_table_lookup (session->by_keyset, keys);
      guint at = list ? lower_bound (list, e->pre) : 0;

      if (list && at < list->len && g_ptr_array_index (list, at) == e)
        g_ptr_array_remove_index (list, at);
    }
}

static void
remap (NdSession *session)
{
  g_hash_table_remove_all (session->resolve_cache);
  g_hash_table_remove_all (session->by_id);
  g_hash_table_remove_all (session->by_keyset);
  session->has_duplicate_ids = FALSE;
  for (guint i = 0; i < session->entries->len; i++)
    map_entry (session, g_ptr_array_index (session->entries, i));
}

/* Rebuilds the id index in document order. */
void
nd_session_reindex (NdSession *session)
{
  Indexer ix = { session, 0, session->entries };

  g_ptr_array_set_size (session->entries, 0);
  index_value (&ix, session->layout);
  remap (session);
}

/* The entries strictly inside @parent's subtree: [*start, *end). */
void
nd_session_chunk_range (NdSession *session, NdEntry *parent, guint *start, guint *end)
{
  guint s = lower_bound (session->entries, parent->pre + 1);
  guint e = s;

  while (e < session->entries->len && ((NdEntry *) g_ptr_array_index (session->entries, e))->pre <= parent->post)
    e++;
  *start = s;
  *end = e;
}

/* Before one of @parent's children props changes: takes the entries
 * inside it out of the index, into @old_entries, holding refs on their
 * nodes.  Returns where they were. */
static guint
take_inside (NdSession *session, NdEntry *parent, GPtrArray *old_entries)
{
  guint start, end;

  nd_session_chunk_range (session, parent, &start, &end);
  for (guint i = start; i < end; i++)
    {
      NdEntry *e = g_ptr_array_index (session->entries, i);

      unmap_entry (session, e);
      e->id = json_node_ref (e->id);
      e->component = json_node_ref (e->component);
      g_ptr_array_add (old_entries, e);
    }
  g_hash_table_remove_all (session->resolve_cache);
  g_ptr_array_set_free_func (session->entries, NULL);
  g_ptr_array_remove_range (session->entries, start, end - start);
  g_ptr_array_set_free_func (session->entries, entry_free);
  return start;
}

/* After the change: indexes @parent's new subtree at @start; entries
 * elsewhere keep their pointers, with their numbers shifted.  Cost is the
 * size of the subtree plus a pass of integer updates. */
static void
index_inside (NdSession *session, NdEntry *parent, guint start)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  Indexer ix = { session, parent->pre, fresh };
  guint old_post = parent->post;
  int delta;

  index_children (&ix, parent->component, parent->info);
  delta = (int) ix.counter - (int) old_post;
  parent->post = ix.counter;
  for (guint i = 0; i < start; i++)
    {
      NdEntry *e = g_ptr_array_index (session->entries, i);

      if (e->post >= old_post && e != parent)
        e->post += delta;   /* an ancestor */
    }
  for (guint i = start; i < session->entries->len; i++)
    {
      NdEntry *e = g_ptr_array_index (session->entries, i);

      e->pre += delta;
      e->post += delta;
    }
  if (fresh->len)
    {
      guint n = session->entries->len;

      g_ptr_array_set_size (session->entries, n + fresh->len);
      memmove (session->entries->pdata + start + fresh->len, session->entries->pdata + start,
               (n - start) * sizeof (gpointer));
      memcpy (session->entries->pdata + start, fresh->pdata, fresh->len * sizeof (gpointer));
    }
  if (session->has_duplicate_ids)
    remap (session);   /* which of the duplicates wins may have changed */
  else
    for (guint i = 0; i < fresh->len; i++)
      map_entry (session, g_ptr_array_index (fresh, i));
}

/* Whether a value holds any component (so replacing it changes the tree). */
static gboolean
value_has_components (JsonNode *value)
{
  if (value == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *a = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (a); i++)
        if (value_has_components (json_array_get_element (a, i)))
          return TRUE;
      return FALSE;
    }
  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObjectIter it;
      JsonNode *member;

      if (nd_component_is (value))
        return TRUE;
      json_object_iter_init (&it, json_node_get_object (value));
      while (json_object_iter_next (&it, NULL, &member))
        if (value_has_components (member))
          return TRUE;
    }
  return FALSE;
}

/**
 * nd_app_new_session:
 * @app: the app
 * @error: return location for an error
 *
 * Creates a session with its own copy of the layout (calling the layout
 * function if the app has one).  Call nd_session_start() to run the
 * initial callbacks.
 *
 * Returns: (transfer full) (nullable): the session
 */
NdSession *
nd_app_new_session (NdApp *app, GError **error)
{
  NdSession *self;
  JsonNode *layout;

  if (!nd_app_validate (app, error))
    return NULL;
  if (app->layout_func)
    {
      layout = nd_app_build_layout (app, error);
      if (layout == NULL)
        return NULL;
      if (!nd_layout_validate (layout, error))
        {
          json_node_unref (layout);
          return NULL;
        }
    }
  else
    {
      /* a static layout is the same for every session: check it once,
       * then each session copies and indexes it in one walk */
      layout = app->layout;
      if (layout == NULL)
        {
          g_set_error_literal (error, ND_ERROR, ND_ERROR_INVALID_COMPONENT,
                               "the app has no layout; call nd_app_set_layout()");
          return NULL;
        }
      if (!app->layout_checked &&
          !(app->layout_check ? nd_layout_check_wait (app->layout_check, error)
                              : nd_layout_validate (layout, error)))
        return NULL;
      app->layout_checked = TRUE;
    }
  self = g_object_new (ND_TYPE_SESSION, NULL);
  self->app = g_object_ref (app);
  self->id = g_uuid_string_random ();
  self->context = g_main_context_ref_thread_default ();
  if (app->layout_func)
    {
      self->layout = layout;
      nd_session_reindex (self);
    }
  else
    {
      GPtrArray *spare_entries = NULL;
      JsonNode *spare = app->layout_check ? nd_layout_check_take_spare (app->layout_check, &spare_entries) : NULL;

      if (spare)
        {
          /* prepared on a worker while the app registered its callbacks */
          g_ptr_array_extend_and_steal (self->entries, spare_entries);
          self->layout = spare;
        }
      else
        {
          Indexer ix = { self, 0, self->entries };

          self->layout = copy_index_value (&ix, layout);
        }
      remap (self);
    }
  nd_app_register_session (app, self);
  return self;
}

NdEntry *
nd_session_lookup_entry (NdSession *session, JsonNode *id, const char *id_text)
{
  g_autofree char *text = NULL;

  if (id_text == NULL)
    id_text = text = nd_id_to_string (id);
  return g_hash_table_lookup (session->by_id, id_text);
}

/* Components selected by @dep, resolved against a reference id, in
 * document order (callback-semantics §2.3, §2.4). */
void
nd_session_resolve (NdSession *session, NdDependency *dep, NdDependency *ref_dep,
                    JsonNode *ref_id, GPtrArray *out)
{
  if (!dep->is_dict)
    {
      NdEntry *e = g_hash_table_lookup (session->by_id, dep->id_text);
      if (e)
        g_ptr_array_add (out, e);
      return;
    }
  {
    GPtrArray *list = g_hash_table_lookup (session->by_keyset, dep->key_set);
    /* a pattern without MATCH/ALLSMALLER selects the same components
     * whatever triggered it: remember that until the layout changes */
    gboolean cacheable = !dep->has_match && !dep->has_allsmaller;
    GPtrArray *cached = cacheable ? g_hash_table_lookup (session->resolve_cache, dep) : NULL;

    if (cached)
      {
        g_ptr_array_extend (out, cached, NULL, NULL);
        return;
      }
    if (cacheable)
      {
        cached = g_ptr_array_new ();
        g_hash_table_insert (session->resolve_cache, nd_dependency_ref (dep), cached);
      }
    for (guint i = 0; list && i < list->len; i++)
      {
        NdEntry *e = g_ptr_array_index (list, i);
        if (nd_dependency_matches_id (dep, e->id, ref_dep, ref_id))
          {
            g_ptr_array_add (out, e);
            if (cached)
              g_ptr_array_add (cached, e);
          }
      }
  }
}

/**
 * nd_session_get_component:
 * @session: a session
 * @component_id: a string or dict id
 *
 * Returns: (transfer none) (nullable): the component in this session's layout
 */
JsonNode *
nd_session_get_component (NdSession *session, JsonNode *component_id)
{
  NdEntry *e = nd_session_lookup_entry (session, component_id, NULL);

  return e ? e->component : NULL;
}

/**
 * nd_session_get_prop:
 * @session: a session
 * @component_id: a string or dict id
 * @prop: a prop
 *
 * Returns: (transfer none) (nullable): the current value, %NULL if undefined
 */
JsonNode *
nd_session_get_prop (NdSession *session, JsonNode *component_id, const char *prop)
{
  NdEntry *e = nd_session_lookup_entry (session, component_id, NULL);

  return e ? nd_component_get_prop (e->component, prop) : NULL;
}

/**
 * nd_session_get_prop_string:
 * Returns: (nullable): a string prop of a component with a string id
 */
const char *
nd_session_get_prop_string (NdSession *session, const char *component_id, const char *prop)
{
  NdEntry *e = g_hash_table_lookup (session->by_id, component_id);
  JsonNode *v = e ? nd_component_get_prop (e->component, prop) : NULL;

  return nd_json_is_string (v) ? json_node_get_string (v) : NULL;
}

void
nd_session_emit_prop (NdSession *session, NdEntry *entry, const char *prop)
{
  g_signal_emit (session, signals[SIGNAL_PROP_CHANGED], 0, entry->id_text, prop,
                 nd_component_get_prop (entry->component, prop));
}

typedef struct {
  GPtrArray *entries;
  NdEntry *parent;
} Collect;

static void apply_mount_props (NdSession *session, NdEntry *chunk);

static gboolean
app_has_layout_func (NdApp *app)
{
  return app->layout_func != NULL;
}

/* Stores the value, handles a layout change, and requests the callbacks
 * reading the prop.  @cause is the finished call whose result this is
 * (NULL for user changes and set_props). */
void
nd_session_apply_prop (NdSession *session, NdEntry *entry, const char *prop,
                       JsonNode *value, int strength, NdRequest *cause)
{
  JsonNode *component = entry->component;

  if (nd_prop_holds_components (component, prop) &&
      (value_has_components (value) ||
       value_has_components (nd_component_get_prop (component, prop))))
    {
      /* A chunk: what was inside leaves the index, the new subtree comes in. */
      g_autoptr(GPtrArray) old_entries = g_ptr_array_new ();
      guint start = take_inside (session, entry, old_entries);

      nd_component_set_prop (component, prop, nd_json_deep_copy (value));
      json_node_unref (value);
      index_inside (session, entry, start);
      apply_mount_props (session, entry);
      nd_session_emit_prop (session, entry, prop);
      nd_scheduler_request_by_input (session, entry, prop, strength, cause);
      nd_scheduler_layout_changed (session, entry, old_entries, cause);
      for (guint i = 0; i < old_entries->len; i++)
        {
          NdEntry *e = g_ptr_array_index (old_entries, i);
          json_node_unref (e->id);
          json_node_unref (e->component);
          entry_free (e);
        }
      return;
    }

  nd_session_persistence_record (session, entry, prop, value);
  nd_component_set_prop (component, prop, value);
  nd_session_emit_prop (session, entry, prop);
  nd_session_store_written (session, entry, prop);
  nd_scheduler_request_by_input (session, entry, prop, strength, cause);
}

/**
 * nd_session_set_props:
 * @session: a session
 * @component_id: (transfer none): the component
 * @props: (transfer none): new values, as a widget reports them
 * @error: return location for an error
 *
 * Reports user changes (Dash's `setProps`): props whose new value is
 * deep-equal to the stored one are ignored; the others are stored and the
 * callbacks reading them are requested, all as one trigger event.
 *
 * Returns: %FALSE if the component does not exist
 */
gboolean
nd_session_set_props (NdSession *session, JsonNode *component_id, JsonObject *props, GError **error)
{
  NdEntry *e = nd_session_lookup_entry (session, component_id, NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  g_autofree char *id_text = NULL;

  if (e == NULL)
    {
      g_autofree char *text = nd_id_to_string (component_id);
      g_set_error (error, ND_ERROR, ND_ERROR_ID_NOT_FOUND,
                   "no component with id %s in this session's layout", text);
      return FALSE;
    }
  id_text = g_strdup (e->id_text);
  json_object_iter_init (&iter, props);
  while (json_object_iter_next (&iter, &name, &value))
    {
      /* A previous prop may have replaced the layout; look the entry up again. */
      e = g_hash_table_lookup (session->by_id, id_text);
      if (e == NULL)
        break;
      if (nd_json_equal (nd_component_get_prop (e->component, name), value))
        continue;
      nd_session_apply_prop (session, e, name, nd_json_deep_copy (value), 2, NULL);
    }
  nd_scheduler_schedule_pass (session);
  return TRUE;
}

/**
 * nd_session_set_prop:
 * @session: a session
 * @component_id: (transfer full): the component
 * @prop: the prop
 * @value: (transfer full): the new value
 * @error: return location for an error
 *
 * One user change; see nd_session_set_props().
 */
gboolean
nd_session_set_prop (NdSession *session, JsonNode *component_id, const char *prop,
                     JsonNode *value, GError **error)
{
  g_autoptr(JsonNode) id = component_id;
  g_autoptr(JsonNode) v = value;
  g_autoptr(JsonObject) props = json_object_new ();

  json_object_set_member (props, prop, json_node_ref (v));
  return nd_session_set_props (session, id, props, error);
}

void
nd_session_add_error (NdSession *session, NdCallback *cb, const char *message)
{
  NdCallbackError *e = g_new0 (NdCallbackError, 1);
  GString *outs = g_string_new (NULL);

  for (guint i = 0; cb && i < cb->outputs->len; i++)
    g_string_append_printf (outs, "%s%s", i ? ", " : "",
                            ((NdDependency *) g_ptr_array_index (cb->outputs, i))->prop_id);
  e->callback_name = g_strdup (cb ? cb->name : "Store");
  e->outputs = g_string_free (outs, FALSE);
  e->message = g_strdup (message);
  e->time_us = g_get_real_time ();
  g_ptr_array_add (session->errors, e);
  g_debug ("%s", message);
  g_signal_emit (session, signals[SIGNAL_CALLBACK_ERROR], 0, e->callback_name, message);
}

/* Checks of callback-semantics §1.3 against this session's layout. */
static gboolean
check_layout_refs (NdSession *session, GError **error)
{
  NdApp *app = session->app;

  for (guint i = 0; i < app->callbacks->len; i++)
    {
      NdCallback *cb = g_ptr_array_index (app->callbacks, i);
      GPtrArray *groups[3] = { cb->outputs, cb->inputs, cb->state };

      for (guint g = 0; g < 3; g++)
        for (guint j = 0; j < groups[g]->len; j++)
          {
            NdDependency *dep = g_ptr_array_index (groups[g], j);
            NdEntry *e;

            if (dep->is_dict)
              {
                /* a pattern: the prop must exist on every component it matches */
                GPtrArray *list = g_hash_table_lookup (session->by_keyset, dep->key_set);

                for (guint k = 0; list && k < list->len; k++)
                  {
                    e = g_ptr_array_index (list, k);
                    if (!nd_dependency_matches_id (dep, e->id, NULL, NULL) ||
                        nd_component_info_type_has_prop (e->info, dep->property))
                      continue;
                    g_set_error (error, ND_ERROR, ND_ERROR_INVALID_PROP,
                                 "callback %s: Invalid prop for this component: %s matches %s, "
                                 "a %s, which has no prop '%s'",
                                 cb->name, dep->prop_id, e->id_text, nd_component_get_type (e->component),
                                 dep->property);
                    return FALSE;
                  }
                continue;
              }
            e = g_hash_table_lookup (session->by_id, dep->id_text);
            if (e == NULL && app->validation_ids)
              {
                /* Dash's validation_layout: the component will exist */
                JsonNode *c = g_hash_table_lookup (app->validation_ids, dep->id_text);

                if (c && !nd_component_info_has_prop (nd_component_get_namespace (c),
                                                      nd_component_get_type (c), dep->property))
                  {
                    g_set_error (error, ND_ERROR, ND_ERROR_INVALID_PROP,
                                 "callback %s: Invalid prop for this component: %s (a %s has no prop '%s')",
                                 cb->name, dep->prop_id, nd_component_get_type (c), dep->property);
                    return FALSE;
                  }
                if (c)
                  continue;
              }
            if (e == NULL)
              {
                if (app->suppress_callback_exceptions || dep->allow_optional || cb->optional)
                  continue;
                g_set_error (error, ND_ERROR, ND_ERROR_ID_NOT_FOUND,
                             "callback %s: ID not found in layout: %s (in %s %s); "
                             "create it in the layout, or set suppress_callback_exceptions "
                             "if a callback creates it",
                             cb->name, dep->id_text,
                             g == 0 ? "Output" : g == 1 ? "Input" : "State", dep->prop_id);
                return FALSE;
              }
            if (!nd_component_info_type_has_prop (e->info, dep->property))
              {
                g_set_error (error, ND_ERROR, ND_ERROR_INVALID_PROP,
                             "callback %s: Invalid prop for this component: %s (a %s has no prop '%s')",
                             cb->name, dep->prop_id, nd_component_get_type (e->component), dep->property);
                return FALSE;
              }
          }
    }
  return TRUE;
}

/* dcc.Location fills each of pathname, search, hash, href that is unset
 * from the window's URL, as window.location spells them ("" for none). */
static void
mount_location (NdSession *session, JsonNode *component)
{
  const char *query = g_uri_get_query (session->url);
  const char *fragment = g_uri_get_fragment (session->url);
  const char *path = g_uri_get_path (session->url);
  g_autofree char *href = g_uri_to_string (session->url);
  g_autofree char *search = query && *query ? g_strconcat ("?", query, NULL) : g_strdup ("");
  g_autofree char *hash = fragment && *fragment ? g_strconcat ("#", fragment, NULL) : g_strdup ("");
  struct { const char *prop; const char *value; } parts[] = {
    { "pathname", *path ? path : "/" }, { "search", search }, { "hash", hash }, { "href", href },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      JsonNode *v = nd_component_get_prop (component, parts[i].prop);

      if (v == NULL || JSON_NODE_HOLDS_NULL (v))
        nd_component_set_prop (component, parts[i].prop, nd_json_string (parts[i].value));
    }
}

static gboolean
option_values_contain (JsonNode *options, JsonNode *value)
{
  if (JSON_NODE_HOLDS_OBJECT (options))
    {
      /* {"NYC": "New York"}: the values are the keys, as strings */
      g_autofree char *text = NULL;

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        return json_object_has_member (json_node_get_object (options), json_node_get_string (value));
      text = nd_json_to_string (value, FALSE);
      return json_object_has_member (json_node_get_object (options), text);
    }
  if (!JSON_NODE_HOLDS_ARRAY (options))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (options)); i++)
    {
      JsonNode *o = json_array_get_element (json_node_get_array (options), i);

      if (JSON_NODE_HOLDS_OBJECT (o))
        o = json_object_get_member (json_node_get_object (o), "value");
      if (o && nd_json_equal (o, value))
        return TRUE;
    }
  return FALSE;
}

/* dcc.Dropdown drops a value that is not among its options: null for a
 * single value, the list without the strays for multi. */
static void
mount_dropdown (JsonNode *component)
{
  JsonNode *value = nd_component_get_prop (component, "value");
  JsonNode *options = nd_component_get_prop (component, "options");

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return;
  if (options == NULL || JSON_NODE_HOLDS_NULL (options))
    options = NULL;
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *in = json_node_get_array (value);
      JsonArray *kept = json_array_new ();
      guint n = json_array_get_length (in);

      for (guint i = 0; i < n; i++)
        if (options && option_values_contain (options, json_array_get_element (in, i)))
          json_array_add_element (kept, nd_json_deep_copy (json_array_get_element (in, i)));
      if (json_array_get_length (kept) != n)
        {
          JsonNode *node = json_node_new (JSON_NODE_ARRAY);

          json_node_take_array (node, kept);
          nd_component_set_prop (component, "value", node);
        }
      else
        json_array_unref (kept);
    }
  else if (options == NULL || !option_values_contain (options, value))
    nd_component_set_prop (component, "value", json_node_new (JSON_NODE_NULL));
}

/* Props some components set on their own at mount (components.md §4),
 * filled in before the initial callbacks so they see real values once. */
static void
apply_mount_props (NdSession *session, NdEntry *chunk)
{
  guint start = 0, end = session->entries->len;

  nd_session_persistence_apply (session, chunk);
  if (chunk)
    nd_session_chunk_range (session, chunk, &start, &end);
  for (guint i = start; i < end; i++)
    {
      NdEntry *e = g_ptr_array_index (session->entries, i);
      const char *type;

      if (!(e->flags & ND_ENTRY_MOUNTS))
        continue;
      type = nd_component_get_type (e->component);
      if (strcmp (type, "Tabs") == 0 && nd_component_get_prop (e->component, "value") == NULL)
        {
          JsonNode *children = nd_component_get_prop (e->component, "children");
          JsonNode *first = NULL;

          if (children && JSON_NODE_TYPE (children) == JSON_NODE_ARRAY &&
              json_array_get_length (json_node_get_array (children)))
            first = json_array_get_element (json_node_get_array (children), 0);
          else if (nd_component_is (children))
            first = children;
          if (first && nd_component_is (first) && nd_component_get_prop (first, "value"))
            nd_component_set_prop (e->component, "value",
                                   nd_json_deep_copy (nd_component_get_prop (first, "value")));
          else
            nd_component_set_prop (e->component, "value", nd_json_string ("tab-1"));
        }
      else if ((strcmp (type, "Slider") == 0 || strcmp (type, "RangeSlider") == 0) &&
               nd_component_get_prop (e->component, "value") &&
               !nd_json_equal (nd_component_get_prop (e->component, "value"),
                               nd_component_get_prop (e->component, "drag_value")))
        nd_component_set_prop (e->component, "drag_value",
                               nd_json_deep_copy (nd_component_get_prop (e->component, "value")));
      else if (strcmp (type, "Location") == 0)
        mount_location (session, e->component);
      else if (strcmp (type, "Dropdown") == 0)
        mount_dropdown (e->component);
    }
  nd_session_store_mount (session, chunk);
}

/**
 * nd_session_start:
 * @session: a new session
 * @error: return location for an error
 *
 * Checks the callbacks against this session's layout (ids exist, props
 * exist), fills in mount-time props and Stores, and requests the initial
 * callbacks in dependency order.  They run as the main loop turns; see
 * nd_session_run_until_idle().
 *
 * Returns: %TRUE on success
 */
gboolean
nd_session_start (NdSession *session, GError **error)
{
  g_return_val_if_fail (!session->started, FALSE);

  /* every session of a static layout starts from the same ids and props,
   * and callbacks cannot be added once sessions run */
  if ((app_has_layout_func (session->app) || !session->app->refs_checked) &&
      !check_layout_refs (session, error))
    return FALSE;
  if (!app_has_layout_func (session->app))
    session->app->refs_checked = TRUE;
  apply_mount_props (session, NULL);
  session->started = TRUE;
  return nd_scheduler_initial_calls (session, error);
}

gboolean
nd_session_is_busy (NdSession *session)
{
  return session->requested->len || session->queued.length || session->executing->len ||
         session->pass_source != NULL || g_atomic_int_get (&session->n_store_syncs) > 0;
}

static gboolean
deadline_reached (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * nd_session_run_until_idle:
 * @session: a session
 * @timeout_ms: give up after this long (0: no limit)
 *
 * Iterates the session's main context until no callback is requested,
 * queued or in flight.  For tests and command-line tools.
 *
 * Returns: %TRUE if the session became idle, %FALSE on timeout
 */
gboolean
nd_session_run_until_idle (NdSession *session, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  GSource *timer = NULL;

  if (timeout_ms)
    {
      timer = g_timeout_source_new (timeout_ms);
      g_source_set_callback (timer, deadline_reached, &timed_out, NULL);
      g_source_attach (timer, session->context);
    }
  while (nd_session_is_busy (session) && !timed_out)
    g_main_context_iteration (session->context, TRUE);
  if (timer)
    {
      g_source_destroy (timer);
      g_source_unref (timer);
    }
  return !timed_out;
}

gboolean
nd_session_is_loading (NdSession *session, JsonNode *component_id, const char *prop)
{
  g_autofree char *prop_id = nd_prop_id (component_id, prop);

  return GPOINTER_TO_UINT (g_hash_table_lookup (session->loading, prop_id)) > 0;
}

/* Internal: emitted by the scheduler. */
void nd_session_emit_idle (NdSession *session);
void
nd_session_emit_idle (NdSession *session)
{
  g_signal_emit (session, signals[SIGNAL_IDLE], 0);
}

void nd_session_emit_loading (NdSession *session, const char *prop_id, gboolean loading);
void
nd_session_emit_loading (NdSession *session, const char *prop_id, gboolean loading)
{
  g_signal_emit (session, signals[SIGNAL_LOADING_CHANGED], 0, prop_id, loading);
}

/**
 * nd_session_close:
 * @session: a session
 *
 * Stops scheduling: pending requests are dropped and results still in
 * flight are discarded when they arrive.
 */
void
nd_session_close (NdSession *session)
{
  if (session->closed)
    return;
  session->closed = TRUE;
  nd_scheduler_clear (session);
  if (session->app)
    nd_app_unregister_session (session->app, session);
}
