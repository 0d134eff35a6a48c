/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * In-process cache: flask-caching's SimpleCache.  Shared by every session
 * of the process; gone when the process exits.
 */
#include "config.h"

#include "nd-cache-memory.h"

/* Without a threshold nothing else would drop expired values that are
 * never read again (per-session keys of sessions that have left). */
#define SWEEP_INTERVAL_USEC (60 * G_USEC_PER_SEC)

typedef struct
{
  char   *key;
  GBytes *value;
  gint64  expires;   /* monotonic µs; 0 = never */
  GList   link;      /* in NdCacheMemory.order, oldest first */
} Item;

struct _NdCacheMemory
{
  GObject     parent_instance;

  GMutex      lock;
  GHashTable *items;      /* key (owned by the Item) → Item */
  GQueue      order;
  guint       threshold;
  gint64      next_sweep;
};

enum {
  PROP_0,
  PROP_THRESHOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void nd_cache_memory_backend_init (NdCacheBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NdCacheMemory, nd_cache_memory, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ND_TYPE_CACHE_BACKEND,
                                                      nd_cache_memory_backend_init))

static void
item_free (gpointer data)
{
  Item *item = data;

  g_bytes_unref (item->value);
  g_free (item->key);
  g_free (item);
}

static gboolean
item_expired (Item *item, gint64 now)
{
  return item->expires != 0 && now >= item->expires;
}

/* Called with the lock held. */
static void
remove_item (NdCacheMemory *self, Item *item)
{
  g_queue_unlink (&self->order, &item->link);
  g_hash_table_remove (self->items, item->key);
}

static void
remove_expired (NdCacheMemory *self, gint64 now)
{
  GList *l = self->order.head;

  while (l != NULL)
    {
      Item *item = l->data;

      l = l->next;
      if (item_expired (item, now))
        remove_item (self, item);
    }
}

/* Make room for one more item: expired ones go first, then the oldest
 * inserted, as SimpleCache prunes. */
static void
prune (NdCacheMemory *self, gint64 now)
{
  if (self->threshold == 0 || g_hash_table_size (self->items) < self->threshold)
    return;
  remove_expired (self, now);
  while (g_hash_table_size (self->items) >= self->threshold)
    remove_item (self, self->order.head->data);
}

static GBytes *
nd_cache_memory_get (NdCacheBackend *backend, const char *key, GError **error)
{
  NdCacheMemory *self = ND_CACHE_MEMORY (backend);
  GBytes *value = NULL;
  Item *item;

  g_mutex_lock (&self->lock);
  item = g_hash_table_lookup (self->items, key);
  if (item != NULL)
    {
      if (item_expired (item, g_get_monotonic_time ()))
        remove_item (self, item);
      else
        value = g_bytes_ref (item->value);
    }
  g_mutex_unlock (&self->lock);

  return value;
}

static gboolean
nd_cache_memory_set (NdCacheBackend *backend, const char *key, GBytes *value,
                     guint timeout, GError **error)
{
  NdCacheMemory *self = ND_CACHE_MEMORY (backend);
  gint64 now = g_get_monotonic_time ();
  Item *item;

  item = g_new0 (Item, 1);
  item->key = g_strdup (key);
  item->value = g_bytes_ref (value);
  item->expires = timeout ? now + (gint64) timeout * G_USEC_PER_SEC : 0;
  item->link.data = item;

  g_mutex_lock (&self->lock);
  {
    Item *old = g_hash_table_lookup (self->items, key);

    /* A set counts as a new insertion: the key moves to the young end. */
    if (old != NULL)
      remove_item (self, old);
  }
  if (now >= self->next_sweep)
    {
      remove_expired (self, now);
      self->next_sweep = now + SWEEP_INTERVAL_USEC;
    }
  prune (self, now);
  g_hash_table_insert (self->items, item->key, item);
  g_queue_push_tail_link (&self->order, &item->link);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

static gboolean
nd_cache_memory_delete (NdCacheBackend *backend, const char *key, GError **error)
{
  NdCacheMemory *self = ND_CACHE_MEMORY (backend);
  Item *item;

  g_mutex_lock (&self->lock);
  item = g_hash_table_lookup (self->items, key);
  if (item != NULL)
    remove_item (self, item);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

static gboolean
nd_cache_memory_clear (NdCacheBackend *backend, GError **error)
{
  NdCacheMemory *self = ND_CACHE_MEMORY (backend);

  g_mutex_lock (&self->lock);
  /* Every link is embedded in an Item that the table frees. */
  g_queue_init (&self->order);
  g_hash_table_remove_all (self->items);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

static void
nd_cache_memory_backend_init (NdCacheBackendInterface *iface)
{
  iface->get = nd_cache_memory_get;
  iface->set = nd_cache_memory_set;
  iface->delete_key = nd_cache_memory_delete;
  iface->clear = nd_cache_memory_clear;
}

static void
nd_cache_memory_finalize (GObject *object)
{
  NdCacheMemory *self = ND_CACHE_MEMORY (object);

  g_hash_table_destroy (self->items);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (nd_cache_memory_parent_class)->finalize (object);
}

static void
nd_cache_memory_get_property (GObject *object, guint prop_id,
                              GValue *value, GParamSpec *pspec)
{
  NdCacheMemory *self = ND_CACHE_MEMORY (object);

  switch (prop_id)
    {
    case PROP_THRESHOLD:
      g_value_set_uint (value, self->threshold);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_cache_memory_set_property (GObject *object, guint prop_id,
                              const GValue *value, GParamSpec *pspec)
{
  NdCacheMemory *self = ND_CACHE_MEMORY (object);

  switch (prop_id)
    {
    case PROP_THRESHOLD:
      self->threshold = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_cache_memory_class_init (NdCacheMemoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_cache_memory_finalize;
  object_class->get_property = nd_cache_memory_get_property;
  object_class->set_property = nd_cache_memory_set_property;

  /**
   * NdCacheMemory:threshold:
   *
   * The most items kept at once (flask-caching's `CACHE_THRESHOLD`);
   * 0 for no limit.
   */
  properties[PROP_THRESHOLD] =
    g_param_spec_uint ("threshold", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_cache_memory_init (NdCacheMemory *self)
{
  g_mutex_init (&self->lock);
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, item_free);
  g_queue_init (&self->order);
  self->next_sweep = g_get_monotonic_time () + SWEEP_INTERVAL_USEC;
}

/**
 * nd_cache_memory_new:
 * @threshold: the most items kept at once, 0 for no limit
 *
 * An in-process backend.  When full, a set first drops expired items and
 * then the oldest inserted ones.
 *
 * Returns: (transfer full): a new backend
 */
NdCacheMemory *
nd_cache_memory_new (guint threshold)
{
  return g_object_new (ND_TYPE_CACHE_MEMORY, "threshold", threshold, NULL);
}

/**
 * nd_cache_memory_get_threshold:
 * @memory: a memory backend
 *
 * Returns: the most items kept at once, 0 for no limit
 */
guint
nd_cache_memory_get_threshold (NdCacheMemory *memory)
{
  g_return_val_if_fail (ND_IS_CACHE_MEMORY (memory), 0);

  return memory->threshold;
}

/**
 * nd_cache_memory_get_n_items:
 * @memory: a memory backend
 *
 * Counts stored items, including expired ones not yet dropped.
 *
 * Returns: the number of items
 */
guint
nd_cache_memory_get_n_items (NdCacheMemory *memory)
{
  guint n;

  g_return_val_if_fail (ND_IS_CACHE_MEMORY (memory), 0);

  g_mutex_lock (&memory->lock);
  n = g_hash_table_size (memory->items);
  g_mutex_unlock (&memory->lock);

  return n;
}
