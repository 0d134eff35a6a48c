/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

#define ND_TYPE_CACHE_BACKEND (nd_cache_backend_get_type ())
G_DECLARE_INTERFACE (NdCacheBackend, nd_cache_backend, ND, CACHE_BACKEND, GObject)

/**
 * NdCacheBackendInterface:
 * @g_iface: the parent interface
 * @get: returns the value stored under a key, or %NULL without setting an
 *   error when the key is missing, expired or unreadable
 * @set: stores a value for a number of seconds (0: no expiry)
 * @delete_key: removes a key; removing a missing key is not an error
 * @clear: removes every key of this cache
 *
 * Where values live: the role of a flask-caching `CACHE_TYPE`.  Keys are
 * any UTF-8 string and values opaque bytes; expiry is the backend's job.
 * Every method may be called from any thread at the same time.
 */
struct _NdCacheBackendInterface
{
  GTypeInterface g_iface;

  GBytes   *(*get)        (NdCacheBackend  *backend,
                           const char      *key,
                           GError         **error);
  gboolean  (*set)        (NdCacheBackend  *backend,
                           const char      *key,
                           GBytes          *value,
                           guint            timeout,
                           GError         **error);
  gboolean  (*delete_key) (NdCacheBackend  *backend,
                           const char      *key,
                           GError         **error);
  gboolean  (*clear)      (NdCacheBackend  *backend,
                           GError         **error);
};

GBytes   *nd_cache_backend_get    (NdCacheBackend  *backend,
                                   const char      *key,
                                   GError         **error);
gboolean  nd_cache_backend_set    (NdCacheBackend  *backend,
                                   const char      *key,
                                   GBytes          *value,
                                   guint            timeout,
                                   GError         **error);
gboolean  nd_cache_backend_delete (NdCacheBackend  *backend,
                                   const char      *key,
                                   GError         **error);
gboolean  nd_cache_backend_clear  (NdCacheBackend  *backend,
                                   GError         **error);

G_END_DECLS
