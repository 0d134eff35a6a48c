/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *nd_layout_load_file  (const char *path,
                                GError    **error);
JsonNode *nd_layout_load_data  (const char *data,
                                gssize      length,
                                GError    **error);
gboolean  nd_layout_save_file  (JsonNode   *layout,
                                const char *path,
                                GError    **error);
char     *nd_layout_to_string  (JsonNode   *layout,
                                gboolean    pretty);
gboolean  nd_layout_validate   (JsonNode   *layout,
                                GError    **error);

G_END_DECLS
