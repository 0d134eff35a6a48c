/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <glib-object.h>

#include "nd-cache-backend.h"

G_BEGIN_DECLS

#define ND_TYPE_CACHE_FILESYSTEM (nd_cache_filesystem_get_type ())
G_DECLARE_FINAL_TYPE (NdCacheFilesystem, nd_cache_filesystem, ND, CACHE_FILESYSTEM, GObject)

NdCacheFilesystem *nd_cache_filesystem_new           (const char         *dir,
                                                      guint               threshold,
                                                      GError            **error);
const char        *nd_cache_filesystem_get_directory (NdCacheFilesystem  *filesystem);
guint              nd_cache_filesystem_get_threshold (NdCacheFilesystem  *filesystem);
char              *nd_cache_filesystem_get_path      (NdCacheFilesystem  *filesystem,
                                                      const char         *key);

G_END_DECLS
