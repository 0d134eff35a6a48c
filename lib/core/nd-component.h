/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ND_NAMESPACE_HTML  "dash_html_components"
#define ND_NAMESPACE_DCC   "dash_core_components"
#define ND_NAMESPACE_TABLE "dash_table"

/* A component is Dash's JSON form, held as a json-glib node:
 * {"namespace": ..., "type": ..., "props": {...}}, children nested in props. */

JsonNode   *nd_component_new           (const char *namespace_,
                                        const char *type);
gboolean    nd_component_is            (JsonNode   *node);
const char *nd_component_get_namespace (JsonNode   *component);
const char *nd_component_get_type      (JsonNode   *component);
JsonObject *nd_component_get_props     (JsonNode   *component);
JsonNode   *nd_component_get_prop      (JsonNode   *component,
                                        const char *prop);
void        nd_component_set_prop      (JsonNode   *component,
                                        const char *prop,
                                        JsonNode   *value);
JsonNode   *nd_component_get_id        (JsonNode   *component);
JsonNode   *nd_component_ensure_id     (JsonNode   *component);
char       *nd_component_describe      (JsonNode   *component);

/**
 * NdComponentFunc:
 * @component: a component in the layout
 * @user_data: data passed to the walk
 *
 * Returns: %TRUE to visit the component's children, %FALSE to skip them
 */
typedef gboolean (*NdComponentFunc) (JsonNode *component,
                                     gpointer  user_data);

void        nd_layout_foreach_component (JsonNode        *layout,
                                         NdComponentFunc  func,
                                         gpointer         user_data);
gboolean    nd_prop_holds_components    (JsonNode        *component,
                                         const char      *prop);

G_END_DECLS
