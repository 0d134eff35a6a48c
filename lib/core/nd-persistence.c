/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Dash's prop persistence (callback-semantics §12): a component with an id
 * and a truthy `persistence` remembers the user's value of its persisted
 * props, as `[new, original]` under "<id>.<prop>.<persistence JSON>", and
 * gets it back when the layout shows the same original again.
 *
 * Storage follows `persistence_type`: memory (this session), session (the
 * process), local (one JSON file in the app's data dir, written
 * atomically; a file that does not parse is moved aside, never
 * overwritten in place).
 */
#include "nd-session-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nd-component.h"
#include "nd-component-info.h"

#define LOCAL_FILE "_dash_persistence.json"

typedef enum { STORE_MEMORY, STORE_SESSION, STORE_LOCAL } Where;

static char *
local_file (NdApp *app)
{
  return g_build_filename (nd_app_get_data_dir (app), LOCAL_FILE, NULL);
}

/* Called with app->lock held. */
static JsonObject *
local_records (NdApp *app)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (app->persist_local)
    return app->persist_local;
  app->persist_local = json_object_new ();
  path = local_file (app);
  if (!g_file_get_contents (path, &text, &len, NULL))
    return app->persist_local;
  root = nd_json_parse (text, len, ND_JSON_DEFAULT_MAX_DEPTH, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *aside = g_strdup_printf ("%s.corrupt-%" G_GINT64_FORMAT, path,
                                                g_get_real_time () / G_USEC_PER_SEC);

      g_warning ("persistence file %s is not a JSON object (%s); moved to %s and starting afresh",
                 path, error ? error->message : "wrong type", aside);
      g_rename (path, aside);
      return app->persist_local;
    }
  json_object_unref (app->persist_local);
  app->persist_local = json_object_ref (json_node_get_object (root));
  return app->persist_local;
}

/* Called with app->lock held. */
static void
local_save (NdApp *app)
{
  g_autofree char *path = local_file (app);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  json_node_set_object (root, app->persist_local);
  text = nd_json_to_string (root, FALSE);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_warning ("could not save persisted props to %s: %s", path,
               error ? error->message : g_strerror (errno));
}

static Where
where_of (JsonNode *component)
{
  JsonNode *type = nd_component_get_prop (component, "persistence_type");
  const char *name = type && nd_json_is_string (type) ? json_node_get_string (type) : NULL;

  if (name == NULL)
    name = nd_component_info_get_persistence_type (nd_component_get_namespace (component),
                                                   nd_component_get_type (component));
  if (g_strcmp0 (name, "memory") == 0)
    return STORE_MEMORY;
  if (g_strcmp0 (name, "session") == 0)
    return STORE_SESSION;
  return STORE_LOCAL;
}

/* Returns: (transfer full) (nullable): the record for @key */
static JsonNode *
record_get (NdSession *session, Where where, const char *key)
{
  NdApp *app = session->app;
  JsonNode *rec = NULL;

  if (where == STORE_MEMORY)
    {
      rec = g_hash_table_lookup (session->persist_memory, key);
      return rec ? json_node_ref (rec) : NULL;
    }
  g_mutex_lock (&app->lock);
  if (where == STORE_SESSION)
    rec = g_hash_table_lookup (app->persist_session, key);
  else
    rec = json_object_get_member (local_records (app), key);
  rec = rec ? nd_json_deep_copy (rec) : NULL;
  g_mutex_unlock (&app->lock);
  return rec;
}

/* @rec: (transfer full) (nullable): the new record, NULL to delete */
static void
record_set (NdSession *session, Where where, const char *key, JsonNode *rec)
{
  NdApp *app = session->app;

  if (where == STORE_MEMORY)
    {
      if (rec)
        g_hash_table_insert (session->persist_memory, g_strdup (key), rec);
      else
        g_hash_table_remove (session->persist_memory, key);
      return;
    }
  g_mutex_lock (&app->lock);
  if (where == STORE_SESSION)
    {
      if (rec)
        g_hash_table_insert (app->persist_session, g_strdup (key), rec);
      else
        g_hash_table_remove (app->persist_session, key);
    }
  else
    {
      JsonObject *records = local_records (app);

      if (rec)
        json_object_set_member (records, key, rec);
      else if (json_object_has_member (records, key))
        json_object_remove_member (records, key);
      else
        {
          g_mutex_unlock (&app->lock);
          return;
        }
      local_save (app);
    }
  g_mutex_unlock (&app->lock);
}

static const char * const *
persisted_props_of (JsonNode *component)
{
  JsonNode *list = nd_component_get_prop (component, "persisted_props");
  static GPrivate scratch = G_PRIVATE_INIT ((GDestroyNotify) g_strfreev);

  if (list && JSON_NODE_HOLDS_ARRAY (list))
    {
      JsonArray *a = json_node_get_array (list);
      GStrvBuilder *b = g_strv_builder_new ();
      char **props;

      for (guint i = 0; i < json_array_get_length (a); i++)
        if (nd_json_is_string (json_array_get_element (a, i)))
          g_strv_builder_add (b, json_array_get_string_element (a, i));
      props = g_strv_builder_end (b);
      g_strv_builder_unref (b);
      g_private_replace (&scratch, props);
      return (const char * const *) props;
    }
  return nd_component_info_get_persisted_props (nd_component_get_namespace (component),
                                                nd_component_get_type (component));
}

static gboolean
is_persisted (JsonNode *component)
{
  return nd_component_get_id (component) != NULL &&
         nd_json_is_truthy (nd_component_get_prop (component, "persistence")) &&
         persisted_props_of (component) != NULL;
}

static char *
record_key (NdEntry *entry, const char *persisted)
{
  GString *key = g_string_new (entry->id_text);

  g_string_append_printf (key, ".%s.", persisted);
  nd_json_write_canonical (key, nd_component_get_prop (entry->component, "persistence"));
  return g_string_free (key, FALSE);
}

static gboolean
is_date_prop (const char *prop)
{
  return strcmp (prop, "date") == 0 || strcmp (prop, "start_date") == 0 ||
         strcmp (prop, "end_date") == 0;
}

/* The part of a prop's value that persists: a column's names for
 * "columns.name", the YYYY-MM-DD of a date, else the value itself.
 * Returns: (transfer full) */
static JsonNode *
extract (const char *persisted, JsonNode *value)
{
  if (value == NULL)
    return nd_json_null ();
  if (strcmp (persisted, "columns.name") == 0 && JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *cols = json_node_get_array (value);
      JsonNode *names = nd_json_array_new ();

      for (guint i = 0; i < json_array_get_length (cols); i++)
        {
          JsonNode *col = json_array_get_element (cols, i);
          JsonNode *name = JSON_NODE_HOLDS_OBJECT (col)
            ? json_object_get_member (json_node_get_object (col), "name") : NULL;

          json_array_add_element (json_node_get_array (names),
                                  name ? nd_json_deep_copy (name) : nd_json_null ());
        }
      return names;
    }
  if (is_date_prop (persisted) && nd_json_is_string (value) && strlen (json_node_get_string (value)) > 10)
    {
      g_autofree char *day = g_strndup (json_node_get_string (value), 10);

      return nd_json_string (day);
    }
  return nd_json_deep_copy (value);
}

/* Puts the persisted part back into @current. Returns: (transfer full) */
static JsonNode *
apply_part (const char *persisted, JsonNode *current, JsonNode *part)
{
  if (strcmp (persisted, "columns.name") == 0 && current && JSON_NODE_HOLDS_ARRAY (current) &&
      JSON_NODE_HOLDS_ARRAY (part))
    {
      JsonNode *cols = nd_json_deep_copy (current);
      JsonArray *a = json_node_get_array (cols);
      JsonArray *names = json_node_get_array (part);

      for (guint i = 0; i < json_array_get_length (a) && i < json_array_get_length (names); i++)
        {
          JsonNode *col = json_array_get_element (a, i);

          if (JSON_NODE_HOLDS_OBJECT (col))
            json_object_set_member (json_node_get_object (col), "name",
                                    nd_json_deep_copy (json_array_get_element (names, i)));
        }
      return cols;
    }
  return nd_json_deep_copy (part);
}

static const char *
prop_of (const char *persisted)
{
  return strcmp (persisted, "columns.name") == 0 ? "columns" : persisted;
}

/**
 * nd_session_persistence_apply:
 * @session: a session
 * @chunk: (nullable): the component whose new subtree arrived, or %NULL
 *   for the whole layout
 *
 * Restores recorded user values into the layout before callbacks see it:
 * a record whose original still equals the layout's value wins; one whose
 * original differs means the app changed its default, and is dropped.
 */
void
nd_session_persistence_apply (NdSession *session, NdEntry *chunk)
{
  guint start = 0, end = session->entries->len;

  if (chunk)
    nd_session_chunk_range (session, chunk, &start, &end);
  for (guint i = start; i < end; i++)
    {
      NdEntry *e = g_ptr_array_index (session->entries, i);
      const char * const *props;
      Where where;

      if (!(e->flags & ND_ENTRY_PERSIST) || !is_persisted (e->component))
        continue;
      where = where_of (e->component);
      props = persisted_props_of (e->component);
      for (guint p = 0; props[p]; p++)
        {
          g_autofree char *key = record_key (e, props[p]);
          g_autoptr(JsonNode) rec = record_get (session, where, key);
          g_autoptr(JsonNode) now = NULL;
          JsonArray *a;

          if (rec == NULL)
            continue;
          if (!JSON_NODE_HOLDS_ARRAY (rec) || json_array_get_length (json_node_get_array (rec)) == 0)
            {
              record_set (session, where, key, NULL);
              continue;
            }
          a = json_node_get_array (rec);
          now = extract (props[p], nd_component_get_prop (e->component, prop_of (props[p])));
          if (json_array_get_length (a) > 1 && !nd_json_equal (json_array_get_element (a, 1), now))
            {
              record_set (session, where, key, NULL);
              continue;
            }
          nd_component_set_prop (e->component, prop_of (props[p]),
                                 apply_part (props[p], nd_component_get_prop (e->component, prop_of (props[p])),
                                             json_array_get_element (a, 0)));
        }
    }
}

/**
 * nd_session_persistence_record:
 * @session: a session
 * @entry: the component whose prop changes
 * @prop: the prop
 * @value: (transfer none): its new value, not yet stored
 *
 * Records a user edit or a callback's value of a persisted prop as
 * `[new, original]`, keeping the first original; back at the original,
 * the record goes.
 */
void
nd_session_persistence_record (NdSession *session, NdEntry *entry, const char *prop,
                               JsonNode *value)
{
  const char * const *props;
  Where where;

  if (g_str_equal (prop, "persistence"))
    entry->flags |= ND_ENTRY_PERSIST;
  if (!(entry->flags & ND_ENTRY_PERSIST) || !is_persisted (entry->component))
    return;
  props = persisted_props_of (entry->component);
  for (guint p = 0; props[p]; p++)
    {
      g_autofree char *key = NULL;
      g_autoptr(JsonNode) rec = NULL;
      g_autoptr(JsonNode) new_part = NULL;
      g_autoptr(JsonNode) old_part = NULL;
      JsonNode *original;

      if (strcmp (prop_of (props[p]), prop) != 0)
        continue;
      new_part = extract (props[p], value);
      old_part = extract (props[p], nd_component_get_prop (entry->component, prop));
      if (nd_json_equal (new_part, old_part))
        continue;
      where = where_of (entry->component);
      key = record_key (entry, props[p]);
      rec = record_get (session, where, key);
      original = rec && JSON_NODE_HOLDS_ARRAY (rec) && json_array_get_length (json_node_get_array (rec)) > 1
        ? json_array_get_element (json_node_get_array (rec), 1) : old_part;
      if (nd_json_equal (new_part, original))
        record_set (session, where, key, NULL);
      else
        {
          JsonNode *pair = nd_json_array_new ();

          json_array_add_element (json_node_get_array (pair), nd_json_deep_copy (new_part));
          json_array_add_element (json_node_get_array (pair), nd_json_deep_copy (original));
          record_set (session, where, key, pair);
        }
    }
}
