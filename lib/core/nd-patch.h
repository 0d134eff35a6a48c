/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * NdPatch:
 *
 * Dash's `Patch`: a write-only record of operations against an output's
 * current value, sent instead of the full value and applied in order on
 * the receiving side.  Every builder takes a location, a JSON array of
 * keys (strings) and indices (integers, negative ones counting from the
 * end) leading from the prop root; `[]` is the prop itself.
 *
 * Building is not thread-safe; a finished patch may be shared.
 */
typedef struct _NdPatch NdPatch;

#define ND_TYPE_PATCH (nd_patch_get_type ())

GType     nd_patch_get_type  (void) G_GNUC_CONST;

NdPatch  *nd_patch_new       (void);
NdPatch  *nd_patch_ref       (NdPatch  *patch);
void      nd_patch_unref     (NdPatch  *patch);

void      nd_patch_assign    (NdPatch  *patch,
                              JsonNode *location,
                              JsonNode *value);
void      nd_patch_delete    (NdPatch  *patch,
                              JsonNode *location);
void      nd_patch_merge     (NdPatch  *patch,
                              JsonNode *location,
                              JsonNode *value);
void      nd_patch_extend    (NdPatch  *patch,
                              JsonNode *location,
                              JsonNode *value);
void      nd_patch_append    (NdPatch  *patch,
                              JsonNode *location,
                              JsonNode *value);
void      nd_patch_prepend   (NdPatch  *patch,
                              JsonNode *location,
                              JsonNode *value);
void      nd_patch_insert    (NdPatch  *patch,
                              JsonNode *location,
                              gint64    index,
                              JsonNode *value);
void      nd_patch_add       (NdPatch  *patch,
                              JsonNode *location,
                              JsonNode *value);
void      nd_patch_sub       (NdPatch  *patch,
                              JsonNode *location,
                              JsonNode *value);
void      nd_patch_mul       (NdPatch  *patch,
                              JsonNode *location,
                              JsonNode *value);
void      nd_patch_div       (NdPatch  *patch,
                              JsonNode *location,
                              JsonNode *value);
void      nd_patch_clear     (NdPatch  *patch,
                              JsonNode *location);
void      nd_patch_reverse   (NdPatch  *patch,
                              JsonNode *location);
void      nd_patch_remove    (NdPatch  *patch,
                              JsonNode *location,
                              JsonNode *value);

guint     nd_patch_get_n_operations (NdPatch *patch);

JsonNode *nd_patch_to_node   (NdPatch  *patch);

gboolean  nd_patch_is_patch  (JsonNode *value);
JsonNode *nd_patch_apply     (JsonNode *current,
                              JsonNode *patch_value,
                              GError  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdPatch, nd_patch_unref)

G_END_DECLS
