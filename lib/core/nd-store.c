/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dcc.Store semantics (callback-semantics §13) for sessions: read at mount,
 * written on every data change, `local` persisted atomically so a crash
 * mid-write leaves the old value or the new one, never garbage.
 */
#include "nd-session-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nd-component.h"
#include "nd-store.h"

static char *
local_path (NdApp *app, const char *store_id)
{
  /* Ids may hold any character; the file name must not. */
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, store_id, -1);
  g_autofree char *name = g_strdup_printf ("%s.json", hash);

  return g_build_filename (nd_app_get_data_dir (app), name, NULL);
}

static gboolean
is_local (const char *storage_type)
{
  return g_strcmp0 (storage_type, "local") == 0;
}

static gboolean
is_memory (const char *storage_type)
{
  return !is_local (storage_type) && g_strcmp0 (storage_type, "session") != 0;
}

static gboolean
is_session (const char *storage_type)
{
  return g_strcmp0 (storage_type, "session") == 0;
}

/**
 * nd_store_read:
 * @app: the app
 * @store_id: the Store's id
 * @storage_type: "memory", "session" or "local"
 * @data: (out) (transfer full) (nullable): the stored data, %NULL if none
 * @timestamp: (out): its modification time in ms, -1 if none
 * @error: return location for an error
 *
 * A stored file that cannot be parsed is reported as an error and left
 * untouched on disk.
 */
gboolean
nd_store_read (NdApp *app, const char *store_id, const char *storage_type,
               JsonNode **data, gint64 *timestamp, GError **error)
{
  *data = NULL;
  *timestamp = -1;
  if (is_session (storage_type))
    {
      JsonNode *rec;

      g_mutex_lock (&app->lock);
      rec = g_hash_table_lookup (app->session_storage, store_id);
      if (rec)
        {
          JsonObject *o = json_node_get_object (rec);
          *data = nd_json_deep_copy (json_object_get_member (o, "data"));
          *timestamp = json_object_get_int_member (o, "timestamp");
        }
      g_mutex_unlock (&app->lock);
      return TRUE;
    }
  if (is_local (storage_type))
    {
      g_autofree char *path = local_path (app, store_id);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) rec = NULL;
      JsonObject *o;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
      rec = nd_json_parse_file (path, ND_JSON_DEFAULT_MAX_DEPTH, &local_error);
      if (rec == NULL || JSON_NODE_TYPE (rec) != JSON_NODE_OBJECT ||
          !json_object_has_member (json_node_get_object (rec), "data"))
        {
          g_set_error (error, ND_ERROR, ND_ERROR_STORE,
                       "Store %s: the saved file %s is unreadable (%s); keeping it and starting empty",
                       store_id, path, local_error ? local_error->message : "not a Store record");
          return FALSE;
        }
      o = json_node_get_object (rec);
      *data = nd_json_deep_copy (json_object_get_member (o, "data"));
      *timestamp = json_object_get_int_member_with_default (o, "timestamp", -1);
    }
  return TRUE;
}

gboolean
nd_store_write (NdApp *app, const char *store_id, const char *storage_type,
                JsonNode *data, gint64 timestamp, GError **error)
{
  g_autoptr(JsonNode) rec = nd_json_object_new ();
  JsonObject *o = json_node_get_object (rec);

  json_object_set_member (o, "data", data ? nd_json_deep_copy (data) : nd_json_null ());
  json_object_set_int_member (o, "timestamp", timestamp);
  if (is_session (storage_type))
    {
      g_mutex_lock (&app->lock);
      g_hash_table_insert (app->session_storage, g_strdup (store_id), json_node_ref (rec));
      g_mutex_unlock (&app->lock);
      return TRUE;
    }
  if (is_local (storage_type))
    {
      g_autofree char *path = local_path (app, store_id);
      g_autofree char *text = nd_json_to_string (rec, FALSE);

      if (g_mkdir_with_parents (nd_app_get_data_dir (app), 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, ND_ERROR, ND_ERROR_STORE, "Store %s: cannot create %s: %s",
                       store_id, nd_app_get_data_dir (app), g_strerror (saved));
          return FALSE;
        }
      /* g_file_set_contents writes a temporary file and renames it over. */
      if (!g_file_set_contents (path, text, -1, error))
        {
          g_prefix_error (error, "Store %s: ", store_id);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
nd_store_clear (NdApp *app, const char *store_id, const char *storage_type, GError **error)
{
  if (is_session (storage_type))
    {
      g_mutex_lock (&app->lock);
      g_hash_table_remove (app->session_storage, store_id);
      g_mutex_unlock (&app->lock);
    }
  else if (is_local (storage_type))
    {
      g_autofree char *path = local_path (app, store_id);
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;
          g_set_error (error, ND_ERROR, ND_ERROR_STORE, "Store %s: cannot remove %s: %s",
                       store_id, path, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
is_store (NdEntry *e)
{
  return (e->flags & ND_ENTRY_STORE) &&
         nd_json_is_string (e->id);
}

static const char *
storage_type_of (NdEntry *e)
{
  JsonNode *t = nd_component_get_prop (e->component, "storage_type");

  return nd_json_is_string (t) ? json_node_get_string (t) : "memory";
}

/* A session's own storage: "memory" lives in the session (so a Store
 * re-created by a callback gets its data back), the rest in the app. */
static gboolean
session_read (NdSession *session, const char *id, const char *type, JsonNode **data,
              gint64 *ts, GError **error)
{
  JsonNode *rec;

  if (!is_memory (type))
    return nd_store_read (session->app, id, type, data, ts, error);
  rec = g_hash_table_lookup (session->memory_stores, id);
  *data = rec ? nd_json_deep_copy (json_object_get_member (json_node_get_object (rec), "data")) : NULL;
  *ts = rec ? json_object_get_int_member (json_node_get_object (rec), "timestamp") : -1;
  return TRUE;
}

static gboolean
session_write (NdSession *session, const char *id, const char *type, JsonNode *data,
               gint64 ts, GError **error)
{
  JsonNode *rec;

  if (!is_memory (type))
    return nd_store_write (session->app, id, type, data, ts, error);
  rec = nd_json_object_new ();
  json_object_set_member (json_node_get_object (rec), "data", data ? nd_json_deep_copy (data) : nd_json_null ());
  json_object_set_int_member (json_node_get_object (rec), "timestamp", ts);
  g_hash_table_insert (session->memory_stores, g_strdup (id), rec);
  return TRUE;
}

static gboolean
session_clear (NdSession *session, const char *id, const char *type, GError **error)
{
  if (!is_memory (type))
    return nd_store_clear (session->app, id, type, error);
  g_hash_table_remove (session->memory_stores, id);
  return TRUE;
}

/* At mount (of the page, or of @chunk's new subtree if not NULL): the
 * stored value wins over the layout's data; an empty storage takes the
 * layout's data.  Both set modified_timestamp. */
void
nd_session_store_mount (NdSession *session, NdEntry *chunk)
{
  guint start = 0, end = session->entries->len;

  if (chunk)
    nd_session_chunk_range (session, chunk, &start, &end);
  for (guint i = start; i < end; i++)
    {
      NdEntry *e = g_ptr_array_index (session->entries, i);
      const char *type;
      g_autoptr(JsonNode) stored = NULL;
      g_autoptr(GError) error = NULL;
      gint64 ts = -1;
      JsonNode *data;

      if (!is_store (e))
        continue;
      type = storage_type_of (e);
      if (nd_component_get_prop (e->component, "modified_timestamp") == NULL)
        nd_component_set_prop (e->component, "modified_timestamp", nd_json_int (-1));
      if (!session_read (session, json_node_get_string (e->id), type, &stored, &ts, &error))
        {
          nd_session_add_error (session, NULL, error->message);
          continue;
        }
      data = nd_component_get_prop (e->component, "data");
      if (stored && !JSON_NODE_HOLDS_NULL (stored) && !nd_json_equal (stored, data))
        {
          nd_component_set_prop (e->component, "data", g_steal_pointer (&stored));
          nd_component_set_prop (e->component, "modified_timestamp", nd_json_int (ts));
        }
      else if (stored == NULL && data != NULL && !JSON_NODE_HOLDS_NULL (data))
        {
          gint64 now = g_get_real_time () / 1000;
          if (session_write (session, json_node_get_string (e->id), type, data, now, &error))
            nd_component_set_prop (e->component, "modified_timestamp", nd_json_int (now));
          else
            nd_session_add_error (session, NULL, error->message);
        }
    }
}

/* After a Store's data or clear_data changed. */
void
nd_session_store_written (NdSession *session, NdEntry *entry, const char *prop)
{
  const char *type;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / 1000;
  g_autofree char *id_text = NULL;

  if (!is_store (entry))
    return;
  type = storage_type_of (entry);
  id_text = g_strdup (entry->id_text);

  if (strcmp (prop, "clear_data") == 0)
    {
      if (!nd_json_is_truthy (nd_component_get_prop (entry->component, "clear_data")))
        return;
      if (!session_clear (session, id_text, type, &error))
        nd_session_add_error (session, NULL, error->message);
      nd_component_set_prop (entry->component, "clear_data", nd_json_bool (FALSE));
      nd_session_emit_prop (session, entry, "clear_data");
      nd_session_apply_prop (session, entry, "data", nd_json_null (), 2, NULL);
      return;
    }
  if (strcmp (prop, "data") != 0)
    return;
  if (session->store_syncing)
    return;
  if (!session_write (session, id_text, type, nd_component_get_prop (entry->component, "data"), now, &error))
    {
      nd_session_add_error (session, NULL, error->message);
      return;
    }
  if (is_local (type))
    nd_app_broadcast_store (session->app, session, id_text,
                            nd_component_get_prop (entry->component, "data"), now);
  entry = g_hash_table_lookup (session->by_id, id_text);
  if (entry)
    nd_session_apply_prop (session, entry, "modified_timestamp", nd_json_int (now), 2, NULL);
}

/* The browser's `storage` event: a local Store written by one session
 * updates the Stores with that id in the app's other sessions, on their
 * own main contexts. */
typedef struct {
  NdSession *session;
  char *store_id;
  JsonNode *data;
  gint64 timestamp;
} StoreSync;

static gboolean
store_sync_apply (gpointer user_data)
{
  StoreSync *sync = user_data;
  NdSession *session = sync->session;
  NdEntry *entry;

  if (session->closed || !session->started)
    return G_SOURCE_REMOVE;
  entry = g_hash_table_lookup (session->by_id, sync->store_id);
  if (entry == NULL || !is_store (entry) || !is_local (storage_type_of (entry)) ||
      nd_json_equal (nd_component_get_prop (entry->component, "data"), sync->data))
    return G_SOURCE_REMOVE;
  session->store_syncing = TRUE;
  nd_session_apply_prop (session, entry, "data", g_steal_pointer (&sync->data), 2, NULL);
  session->store_syncing = FALSE;
  entry = g_hash_table_lookup (session->by_id, sync->store_id);
  if (entry)
    nd_session_apply_prop (session, entry, "modified_timestamp", nd_json_int (sync->timestamp), 2, NULL);
  return G_SOURCE_REMOVE;
}

static void
store_sync_free (gpointer user_data)
{
  StoreSync *sync = user_data;

  g_atomic_int_dec_and_test (&sync->session->n_store_syncs);
  g_object_unref (sync->session);
  g_free (sync->store_id);
  g_clear_pointer (&sync->data, json_node_unref);
  g_free (sync);
}

void
nd_app_broadcast_store (NdApp *app, NdSession *origin, const char *store_id,
                        JsonNode *data, gint64 timestamp)
{
  g_autoptr(GPtrArray) targets = nd_app_ref_sessions (app);

  for (guint i = 0; i < targets->len; i++)
    {
      NdSession *session = g_ptr_array_index (targets, i);
      StoreSync *sync;

      if (session == origin)
        continue;
      sync = g_new0 (StoreSync, 1);
      sync->session = g_object_ref (session);
      g_atomic_int_inc (&session->n_store_syncs);
      sync->store_id = g_strdup (store_id);
      sync->data = nd_json_deep_copy (data);
      sync->timestamp = timestamp;
      /* from the loop, never re-entering the writer's apply */
      nd_context_post (session->context, store_sync_apply, sync, store_sync_free);
    }
}
