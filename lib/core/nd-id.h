/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * NdWildcard:
 * @ND_WILDCARD_NONE: a constant value
 * @ND_WILDCARD_MATCH: `MATCH`: the value of the triggering or output component
 * @ND_WILDCARD_ALL: `ALL`: every matching component
 * @ND_WILDCARD_ALLSMALLER: `ALLSMALLER`: matching components with smaller values
 *
 * Pattern-matching wildcards in dict ids.  On the wire and in canonical id
 * text they are one-element arrays: `["MATCH"]`, `["ALL"]`, `["ALLSMALLER"]`.
 */
typedef enum {
  ND_WILDCARD_NONE,
  ND_WILDCARD_MATCH,
  ND_WILDCARD_ALL,
  ND_WILDCARD_ALLSMALLER,
} NdWildcard;

JsonNode   *nd_wildcard_new        (NdWildcard  wildcard);
NdWildcard  nd_wildcard_from_node  (JsonNode   *value);
const char *nd_wildcard_to_string  (NdWildcard  wildcard);

#define ND_MATCH      (nd_wildcard_new (ND_WILDCARD_MATCH))
#define ND_ALL        (nd_wildcard_new (ND_WILDCARD_ALL))
#define ND_ALLSMALLER (nd_wildcard_new (ND_WILDCARD_ALLSMALLER))

gboolean    nd_id_is_dict          (JsonNode   *id);
void        nd_id_write            (GString    *out,
                                    JsonNode   *id);
char       *nd_id_to_string        (JsonNode   *id);
char       *nd_prop_id             (JsonNode   *id,
                                    const char *prop);
JsonNode   *nd_id_from_string      (const char *text,
                                    GError    **error);
gboolean    nd_id_validate         (JsonNode   *id,
                                    gboolean    allow_wildcards,
                                    GError    **error);
gboolean    nd_id_has_wildcard     (JsonNode   *id);
int         nd_id_value_compare    (JsonNode   *a,
                                    JsonNode   *b);
gboolean    nd_id_value_equal      (JsonNode   *a,
                                    JsonNode   *b);
char       *nd_id_key_set          (JsonNode   *id);

G_END_DECLS
