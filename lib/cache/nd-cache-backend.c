/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The seam between NdCache and where bytes are kept, so that another store
 * (Redis, say) can be added without touching callers.
 */
#include "config.h"

#include "nd-cache-backend.h"

G_DEFINE_INTERFACE (NdCacheBackend, nd_cache_backend, G_TYPE_OBJECT)

static void
nd_cache_backend_default_init (NdCacheBackendInterface *iface)
{
}

/**
 * nd_cache_backend_get:
 * @backend: a backend
 * @key: the key
 * @error: return location for an error
 *
 * A missing or expired key is a miss, not an error: %NULL is returned and
 * @error is left unset.  Errors are kept for a backend that cannot answer.
 *
 * Returns: (transfer full) (nullable): the stored bytes
 */
GBytes *
nd_cache_backend_get (NdCacheBackend *backend, const char *key, GError **error)
{
  g_return_val_if_fail (ND_IS_CACHE_BACKEND (backend), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ND_CACHE_BACKEND_GET_IFACE (backend)->get (backend, key, error);
}

/**
 * nd_cache_backend_set:
 * @backend: a backend
 * @key: the key
 * @value: the bytes to store
 * @timeout: seconds until the value expires, 0 for never
 * @error: return location for an error
 *
 * Returns: %TRUE if the value was stored
 */
gboolean
nd_cache_backend_set (NdCacheBackend *backend, const char *key, GBytes *value,
                      guint timeout, GError **error)
{
  g_return_val_if_fail (ND_IS_CACHE_BACKEND (backend), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ND_CACHE_BACKEND_GET_IFACE (backend)->set (backend, key, value, timeout, error);
}

/**
 * nd_cache_backend_delete:
 * @backend: a backend
 * @key: the key
 * @error: return location for an error
 *
 * Returns: %TRUE unless the backend failed; a missing key counts as deleted
 */
gboolean
nd_cache_backend_delete (NdCacheBackend *backend, const char *key, GError **error)
{
  g_return_val_if_fail (ND_IS_CACHE_BACKEND (backend), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ND_CACHE_BACKEND_GET_IFACE (backend)->delete_key (backend, key, error);
}

/**
 * nd_cache_backend_clear:
 * @backend: a backend
 * @error: return location for an error
 *
 * Returns: %TRUE if every key was removed
 */
gboolean
nd_cache_backend_clear (NdCacheBackend *backend, GError **error)
{
  g_return_val_if_fail (ND_IS_CACHE_BACKEND (backend), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ND_CACHE_BACKEND_GET_IFACE (backend)->clear (backend, error);
}
