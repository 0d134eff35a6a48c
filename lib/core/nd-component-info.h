/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Known component types and their props, as Dash 4.3.0 declares them
 * (html, dcc, dash_table), for validation and for the renderers.
 * Other namespaces (layout kits, third-party libraries) are unknown until
 * registered; for an unknown namespace every type and prop is accepted. */

gboolean            nd_component_info_knows_namespace     (const char *namespace_);
gboolean            nd_component_info_has_type            (const char *namespace_,
                                                           const char *type);
gboolean            nd_component_info_has_prop            (const char *namespace_,
                                                           const char *type,
                                                           const char *prop);
const char * const *nd_component_info_get_props           (const char *namespace_,
                                                           const char *type);
const char * const *nd_component_info_get_children_props  (const char *namespace_,
                                                           const char *type);
const char * const *nd_component_info_get_persisted_props (const char *namespace_,
                                                           const char *type);
const char         *nd_component_info_get_persistence_type (const char *namespace_,
                                                            const char *type);
JsonNode           *nd_component_info_children_props_json (void);
char              **nd_component_info_list_types          (const char *namespace_);

typedef struct _NdComponentInfo NdComponentInfo;
const NdComponentInfo *nd_component_info_lookup            (const char *namespace_,
                                                            const char *type);
gboolean            nd_component_info_type_has_prop        (const NdComponentInfo *info,
                                                            const char            *prop);
const char * const *nd_component_info_type_children_props  (const NdComponentInfo *info);
void                nd_component_info_register            (const char         *namespace_,
                                                           const char         *type,
                                                           const char * const *props,
                                                           const char * const *children_props);

G_END_DECLS
