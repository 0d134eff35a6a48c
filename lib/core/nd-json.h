/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The depth a request or layout may nest to; json-glib 1.6 recurses
 * without bound, so ndash checks depth before parsing. */
#define ND_JSON_DEFAULT_MAX_DEPTH 512

JsonNode *nd_json_parse       (const char  *data,
                               gssize       length,
                               guint        max_depth,
                               GError     **error);
JsonNode *nd_json_parse_file  (const char  *path,
                               guint        max_depth,
                               GError     **error);

void      nd_json_write        (GString    *out,
                                JsonNode   *node);
void      nd_json_write_pretty (GString    *out,
                                JsonNode   *node,
                                guint       indent);
void      nd_json_write_canonical (GString *out,
                                   JsonNode *node);
void      nd_json_write_number (GString    *out,
                                double      value);
void      nd_json_write_string (GString    *out,
                                const char *str);
char     *nd_json_to_string    (JsonNode   *node,
                                gboolean    pretty);

gboolean  nd_json_equal        (JsonNode   *a,
                                JsonNode   *b);
JsonNode *nd_json_deep_copy    (JsonNode   *node);

gboolean  nd_json_is_number    (JsonNode   *node);
double    nd_json_get_number   (JsonNode   *node);
gboolean  nd_json_is_string    (JsonNode   *node);
gboolean  nd_json_is_null      (JsonNode   *node);
gboolean  nd_json_is_truthy    (JsonNode   *node);

JsonNode *nd_json_string       (const char *value);
JsonNode *nd_json_int          (gint64      value);
JsonNode *nd_json_double       (double      value);
JsonNode *nd_json_bool         (gboolean    value);
JsonNode *nd_json_null         (void);
JsonNode *nd_json_object_new   (void);
JsonNode *nd_json_array_new    (void);

G_END_DECLS
