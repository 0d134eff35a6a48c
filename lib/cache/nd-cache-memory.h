/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <glib-object.h>

#include "nd-cache-backend.h"

G_BEGIN_DECLS

#define ND_TYPE_CACHE_MEMORY (nd_cache_memory_get_type ())
G_DECLARE_FINAL_TYPE (NdCacheMemory, nd_cache_memory, ND, CACHE_MEMORY, GObject)

NdCacheMemory *nd_cache_memory_new           (guint          threshold);
guint          nd_cache_memory_get_threshold (NdCacheMemory *memory);
guint          nd_cache_memory_get_n_items   (NdCacheMemory *memory);

G_END_DECLS
