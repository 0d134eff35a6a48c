/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "nd-app.h"

G_BEGIN_DECLS

/* dcc.Store storage: "memory" lives in the session's layout only;
 * "session" lives in the app while the process runs; "local" persists in
 * a file per Store id under the app's data dir, written atomically. */

gboolean nd_store_read  (NdApp       *app,
                         const char  *store_id,
                         const char  *storage_type,
                         JsonNode   **data,
                         gint64      *timestamp,
                         GError     **error);
gboolean nd_store_write (NdApp       *app,
                         const char  *store_id,
                         const char  *storage_type,
                         JsonNode    *data,
                         gint64       timestamp,
                         GError     **error);
gboolean nd_store_clear (NdApp       *app,
                         const char  *store_id,
                         const char  *storage_type,
                         GError     **error);

G_END_DECLS
