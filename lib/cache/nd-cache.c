/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * flask-caching's `Cache` as Dash apps use it: JSON values under string
 * keys, and `@cache.memoize()` for expensive functions whose results are
 * shared by every session (or kept per session, when the session id is one
 * of the arguments).
 *
 * Memoize adds what flask-caching lacks: concurrent calls with the same
 * arguments wait for the one already computing instead of computing again,
 * so four callbacks fired by one signal cost one computation, not four.
 */
#include "config.h"

#include <string.h>

#include "nd-cache.h"
#include "nd-error.h"
#include "nd-json.h"

/* A computation in progress, which callers with the same key wait for.
 * Every field is guarded by NdCache.flight_lock. */
typedef struct
{
  guint     refs;
  gboolean  done;
  GThread  *owner;
  JsonNode *result;   /* copy for waiters, set only when there are some */
  GError   *error;
} Flight;

struct _NdCache
{
  GObject         parent_instance;

  NdCacheBackend *backend;
  guint           default_timeout;

  GMutex          flight_lock;
  GCond           flight_cond;
  GHashTable     *flights;   /* memoize key → Flight, while computing */
};

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_DEFAULT_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NdCache, nd_cache, G_TYPE_OBJECT)

/* Called with flight_lock held. */
static void
flight_unref (Flight *flight)
{
  if (--flight->refs > 0)
    return;
  g_clear_pointer (&flight->result, json_node_unref);
  g_clear_error (&flight->error);
  g_free (flight);
}

static GBytes *
encode (JsonNode *value)
{
  GString *out = g_string_sized_new (64);

  nd_json_write (out, value);
  return g_string_free_to_bytes (out);
}

/* A stored value that does not parse is a miss, and is dropped so that the
 * next set replaces it. */
static JsonNode *
decode (NdCache *self, const char *key, GBytes *bytes)
{
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  JsonNode *node = NULL;

  if (len > 0)
    node = nd_json_parse (data, len, 0, &local_error);
  if (node == NULL)
    {
      g_debug ("cache: dropping unreadable value of %s: %s", key,
               local_error ? local_error->message : "empty");
      nd_cache_backend_delete (self->backend, key, NULL);
    }
  return node;
}

/* The cache only saves time: inside memoize a failing backend is logged
 * and the function computed, as flask-caching does outside debug mode. */
static JsonNode *
lookup_for_memoize (NdCache *self, const char *key)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = nd_cache_get (self, key, &local_error);

  if (local_error != NULL)
    g_warning ("cache: cannot read %s: %s", key, local_error->message);
  return node;
}

static void
store_for_memoize (NdCache *self, const char *key, JsonNode *value, guint timeout)
{
  g_autoptr(GError) local_error = NULL;

  if (!nd_cache_set_full (self, key, value, timeout, &local_error))
    g_warning ("cache: cannot store %s: %s", key, local_error->message);
}

static void
nd_cache_dispose (GObject *object)
{
  NdCache *self = ND_CACHE (object);

  g_clear_object (&self->backend);

  G_OBJECT_CLASS (nd_cache_parent_class)->dispose (object);
}

static void
nd_cache_finalize (GObject *object)
{
  NdCache *self = ND_CACHE (object);

  g_hash_table_destroy (self->flights);
  g_mutex_clear (&self->flight_lock);
  g_cond_clear (&self->flight_cond);

  G_OBJECT_CLASS (nd_cache_parent_class)->finalize (object);
}

static void
nd_cache_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NdCache *self = ND_CACHE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;
    case PROP_DEFAULT_TIMEOUT:
      g_value_set_uint (value, self->default_timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_cache_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NdCache *self = ND_CACHE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_set_object (&self->backend, g_value_get_object (value));
      break;
    case PROP_DEFAULT_TIMEOUT:
      self->default_timeout = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_cache_constructed (GObject *object)
{
  NdCache *self = ND_CACHE (object);

  G_OBJECT_CLASS (nd_cache_parent_class)->constructed (object);

  g_assert (self->backend != NULL);
}

static void
nd_cache_class_init (NdCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_cache_dispose;
  object_class->finalize = nd_cache_finalize;
  object_class->constructed = nd_cache_constructed;
  object_class->get_property = nd_cache_get_property;
  object_class->set_property = nd_cache_set_property;

  /**
   * NdCache:backend:
   *
   * Where values are kept (flask-caching's `CACHE_TYPE`).
   */
  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL,
                         ND_TYPE_CACHE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * NdCache:default-timeout:
   *
   * Seconds a value lives when no timeout is given
   * (flask-caching's `CACHE_DEFAULT_TIMEOUT`); 0 for ever.
   */
  properties[PROP_DEFAULT_TIMEOUT] =
    g_param_spec_uint ("default-timeout", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_cache_init (NdCache *self)
{
  g_mutex_init (&self->flight_lock);
  g_cond_init (&self->flight_cond);
  self->flights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * nd_cache_new:
 * @backend: where values are kept
 * @default_timeout: seconds a value lives when no timeout is given, 0 for ever
 *
 * Returns: (transfer full): a new cache
 */
NdCache *
nd_cache_new (NdCacheBackend *backend, guint default_timeout)
{
  g_return_val_if_fail (ND_IS_CACHE_BACKEND (backend), NULL);

  return g_object_new (ND_TYPE_CACHE,
                       "backend", backend,
                       "default-timeout", default_timeout,
                       NULL);
}

/**
 * nd_cache_get_backend:
 * @cache: a cache
 *
 * Returns: (transfer none): the backend
 */
NdCacheBackend *
nd_cache_get_backend (NdCache *cache)
{
  g_return_val_if_fail (ND_IS_CACHE (cache), NULL);

  return cache->backend;
}

/**
 * nd_cache_get_default_timeout:
 * @cache: a cache
 *
 * Returns: seconds a value lives when no timeout is given, 0 for ever
 */
guint
nd_cache_get_default_timeout (NdCache *cache)
{
  g_return_val_if_fail (ND_IS_CACHE (cache), 0);

  return cache->default_timeout;
}

/**
 * nd_cache_get:
 * @cache: a cache
 * @key: the key
 * @error: return location for an error
 *
 * Unlike flask-caching, a stored JSON `null` is told apart from a miss: it
 * comes back as a %JSON_NODE_NULL node, a miss as %NULL with @error unset.
 *
 * Returns: (transfer full) (nullable): a copy of the stored value
 */
JsonNode *
nd_cache_get (NdCache *cache, const char *key, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (ND_IS_CACHE (cache), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = nd_cache_backend_get (cache->backend, key, error);
  if (bytes == NULL)
    return NULL;
  return decode (cache, key, bytes);
}

/**
 * nd_cache_set:
 * @cache: a cache
 * @key: the key
 * @value: the value to store; it is serialised, not referenced
 * @error: return location for an error
 *
 * Stores @value for the cache's default timeout.
 *
 * Returns: %TRUE if the value was stored
 */
gboolean
nd_cache_set (NdCache *cache, const char *key, JsonNode *value, GError **error)
{
  g_return_val_if_fail (ND_IS_CACHE (cache), FALSE);

  return nd_cache_set_full (cache, key, value, cache->default_timeout, error);
}

/**
 * nd_cache_set_full:
 * @cache: a cache
 * @key: the key
 * @value: the value to store; it is serialised, not referenced
 * @timeout: seconds until the value expires, 0 for never
 * @error: return location for an error
 *
 * Returns: %TRUE if the value was stored
 */
gboolean
nd_cache_set_full (NdCache *cache, const char *key, JsonNode *value,
                   guint timeout, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (ND_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = encode (value);
  return nd_cache_backend_set (cache->backend, key, bytes, timeout, error);
}

/**
 * nd_cache_delete:
 * @cache: a cache
 * @key: the key
 * @error: return location for an error
 *
 * Returns: %TRUE unless the backend failed; a missing key counts as deleted
 */
gboolean
nd_cache_delete (NdCache *cache, const char *key, GError **error)
{
  g_return_val_if_fail (ND_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return nd_cache_backend_delete (cache->backend, key, error);
}

/**
 * nd_cache_clear:
 * @cache: a cache
 * @error: return location for an error
 *
 * Returns: %TRUE if every value was removed
 */
gboolean
nd_cache_clear (NdCache *cache, GError **error)
{
  g_return_val_if_fail (ND_IS_CACHE (cache), FALSE);

  return nd_cache_backend_clear (cache->backend, error);
}

/**
 * nd_cache_memoize_key:
 * @function_name: the memoized function's name
 * @args: (nullable): its arguments; %NULL is the same as an empty array
 *
 * The key nd_cache_memoize() stores a result under: the function name and
 * the arguments as JSON with object members sorted, so arguments that are
 * equal as JSON give the same key.
 *
 * Returns: (transfer full): the key
 */
char *
nd_cache_memoize_key (const char *function_name, JsonNode *args)
{
  GString *key;

  g_return_val_if_fail (function_name != NULL, NULL);

  key = g_string_new ("memoize:[");
  nd_json_write_string (key, function_name);
  g_string_append_c (key, ',');
  if (args == NULL)
    g_string_append (key, "[]");
  else
    nd_json_write_canonical (key, args);
  g_string_append_c (key, ']');
  return g_string_free (key, FALSE);
}

/**
 * nd_cache_memoize:
 * @cache: a cache
 * @function_name: names the function; results are shared by every caller
 *   that uses the same name
 * @args: (nullable): the arguments, passed to @compute; %NULL is the same
 *   as an empty array
 * @compute: (scope call): computes the result on a miss
 * @user_data: data for @compute
 * @error: return location for an error
 *
 * `@cache.memoize()`: nd_cache_memoize_full() with the cache's default
 * timeout.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
JsonNode *
nd_cache_memoize (NdCache *cache, const char *function_name, JsonNode *args,
                  NdCacheComputeFunc compute, gpointer user_data, GError **error)
{
  g_return_val_if_fail (ND_IS_CACHE (cache), NULL);

  return nd_cache_memoize_full (cache, function_name, args, cache->default_timeout,
                                compute, user_data, error);
}

/**
 * nd_cache_memoize_full:
 * @cache: a cache
 * @function_name: names the function; results are shared by every caller
 *   that uses the same name
 * @args: (nullable): the arguments, passed to @compute; %NULL is the same
 *   as an empty array
 * @timeout: seconds a computed result is kept, 0 for ever
 * @compute: (scope call): computes the result on a miss
 * @user_data: data for @compute
 * @error: return location for an error
 *
 * Returns the cached result of @function_name for @args, calling @compute
 * and caching what it returns on a miss.  A failure of @compute is
 * returned and not cached.
 *
 * While one thread computes a key, other threads asking for the same key
 * wait for that result (or that error) rather than computing it again.
 * @compute must not memoize its own key: that is reported as an error.
 * A backend that cannot be read or written is logged and bypassed.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
JsonNode *
nd_cache_memoize_full (NdCache *cache, const char *function_name, JsonNode *args,
                       guint timeout, NdCacheComputeFunc compute, gpointer user_data,
                       GError **error)
{
  g_autofree char *key = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *value;
  Flight *flight;

  g_return_val_if_fail (ND_IS_CACHE (cache), NULL);
  g_return_val_if_fail (function_name != NULL, NULL);
  g_return_val_if_fail (compute != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = nd_cache_memoize_key (function_name, args);
  value = lookup_for_memoize (cache, key);
  if (value != NULL)
    return value;

  g_mutex_lock (&cache->flight_lock);
  flight = g_hash_table_lookup (cache->flights, key);
  if (flight != NULL)
    {
      if (flight->owner == g_thread_self ())
        {
          g_mutex_unlock (&cache->flight_lock);
          g_set_error (error, ND_ERROR, ND_ERROR_CACHE,
                       "%s calls itself with the same arguments while being memoized",
                       function_name);
          return NULL;
        }
      flight->refs++;
      while (!flight->done)
        g_cond_wait (&cache->flight_cond, &cache->flight_lock);
      /* Copy while holding the lock: waiters must not walk one tree at
       * the same time. */
      value = nd_json_deep_copy (flight->result);
      if (value == NULL)
        g_propagate_error (error, g_error_copy (flight->error));
      flight_unref (flight);
      g_mutex_unlock (&cache->flight_lock);
      return value;
    }
  flight = g_new0 (Flight, 1);
  flight->refs = 1;
  flight->owner = g_thread_self ();
  g_hash_table_insert (cache->flights, g_strdup (key), flight);
  g_mutex_unlock (&cache->flight_lock);

  /* Another thread may have stored the result between the first look and
   * taking the lock; looking again costs one read on a miss only. */
  value = lookup_for_memoize (cache, key);
  if (value == NULL)
    {
      value = compute (args, user_data, &local_error);
      if (value == NULL && local_error == NULL)
        g_set_error (&local_error, ND_ERROR, ND_ERROR_CACHE,
                     "%s returned no value", function_name);
      if (value != NULL)
        store_for_memoize (cache, key, value, timeout);
    }

  g_mutex_lock (&cache->flight_lock);
  flight->done = TRUE;
  if (flight->refs > 1)
    {
      if (value != NULL)
        flight->result = nd_json_deep_copy (value);
      else
        flight->error = g_error_copy (local_error);
    }
  g_hash_table_remove (cache->flights, key);
  flight_unref (flight);
  g_cond_broadcast (&cache->flight_cond);
  g_mutex_unlock (&cache->flight_lock);

  if (value == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return value;
}

/**
 * nd_cache_memoize_delete:
 * @cache: a cache
 * @function_name: the memoized function's name
 * @args: (nullable): the arguments whose result to forget; %NULL is the
 *   same as an empty array
 * @error: return location for an error
 *
 * flask-caching's `delete_memoized`: the next nd_cache_memoize() with
 * these arguments computes again.
 *
 * Returns: %TRUE unless the backend failed
 */
gboolean
nd_cache_memoize_delete (NdCache *cache, const char *function_name, JsonNode *args,
                         GError **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (ND_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (function_name != NULL, FALSE);

  key = nd_cache_memoize_key (function_name, args);
  return nd_cache_backend_delete (cache->backend, key, error);
}
