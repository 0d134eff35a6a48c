/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "nd-cache-backend.h"

G_BEGIN_DECLS

#define ND_TYPE_CACHE (nd_cache_get_type ())
G_DECLARE_FINAL_TYPE (NdCache, nd_cache, ND, CACHE, GObject)

/**
 * NdCacheComputeFunc:
 * @args: the arguments given to nd_cache_memoize()
 * @user_data: data given to nd_cache_memoize()
 * @error: return location for an error
 *
 * The function whose results nd_cache_memoize() caches.  It may run on
 * any thread that calls nd_cache_memoize().
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error
 *   set on failure
 */
typedef JsonNode *(*NdCacheComputeFunc) (JsonNode  *args,
                                         gpointer   user_data,
                                         GError   **error);

NdCache        *nd_cache_new                 (NdCacheBackend     *backend,
                                              guint               default_timeout);
NdCacheBackend *nd_cache_get_backend         (NdCache            *cache);
guint           nd_cache_get_default_timeout (NdCache            *cache);

JsonNode       *nd_cache_get                 (NdCache            *cache,
                                              const char         *key,
                                              GError            **error);
gboolean        nd_cache_set                 (NdCache            *cache,
                                              const char         *key,
                                              JsonNode           *value,
                                              GError            **error);
gboolean        nd_cache_set_full            (NdCache            *cache,
                                              const char         *key,
                                              JsonNode           *value,
                                              guint               timeout,
                                              GError            **error);
gboolean        nd_cache_delete              (NdCache            *cache,
                                              const char         *key,
                                              GError            **error);
gboolean        nd_cache_clear               (NdCache            *cache,
                                              GError            **error);

char           *nd_cache_memoize_key         (const char         *function_name,
                                              JsonNode           *args);
JsonNode       *nd_cache_memoize             (NdCache            *cache,
                                              const char         *function_name,
                                              JsonNode           *args,
                                              NdCacheComputeFunc  compute,
                                              gpointer            user_data,
                                              GError            **error);
JsonNode       *nd_cache_memoize_full        (NdCache            *cache,
                                              const char         *function_name,
                                              JsonNode           *args,
                                              guint               timeout,
                                              NdCacheComputeFunc  compute,
                                              gpointer            user_data,
                                              GError            **error);
gboolean        nd_cache_memoize_delete      (NdCache            *cache,
                                              const char         *function_name,
                                              JsonNode           *args,
                                              GError            **error);

G_END_DECLS
