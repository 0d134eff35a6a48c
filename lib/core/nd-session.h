/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "nd-app.h"

G_BEGIN_DECLS

#define ND_TYPE_SESSION (nd_session_get_type ())
G_DECLARE_FINAL_TYPE (NdSession, nd_session, ND, SESSION, GObject)

/**
 * NdCallbackError:
 * @callback_name: the callback
 * @outputs: the prop ids it was updating, joined with ", "
 * @message: what went wrong
 * @time_us: wall-clock time of the failure
 */
typedef struct {
  char *callback_name;
  char *outputs;
  char *message;
  gint64 time_us;
} NdCallbackError;

NdApp      *nd_session_get_app            (NdSession    *session);
const char *nd_session_get_id             (NdSession    *session);
JsonNode   *nd_session_get_layout         (NdSession    *session);
gboolean    nd_session_set_url            (NdSession    *session,
                                           const char   *url,
                                           GError      **error);
char       *nd_session_get_url            (NdSession    *session);
gboolean    nd_session_start              (NdSession    *session,
                                           GError      **error);
JsonNode   *nd_session_get_component      (NdSession    *session,
                                           JsonNode     *component_id);
JsonNode   *nd_session_get_prop           (NdSession    *session,
                                           JsonNode     *component_id,
                                           const char   *prop);
const char *nd_session_get_prop_string    (NdSession    *session,
                                           const char   *component_id,
                                           const char   *prop);
gboolean    nd_session_set_props          (NdSession    *session,
                                           JsonNode     *component_id,
                                           JsonObject   *props,
                                           GError      **error);
gboolean    nd_session_set_prop           (NdSession    *session,
                                           JsonNode     *component_id,
                                           const char   *prop,
                                           JsonNode     *value,
                                           GError      **error);
gboolean    nd_session_is_busy            (NdSession    *session);
gboolean    nd_session_run_until_idle     (NdSession    *session,
                                           guint         timeout_ms);
gboolean    nd_session_is_loading         (NdSession    *session,
                                           JsonNode     *component_id,
                                           const char   *prop);
GPtrArray  *nd_session_get_errors         (NdSession    *session);
guint       nd_session_get_n_calls        (NdSession    *session);
void        nd_session_close              (NdSession    *session);

/* Convenience for C: nd_session_user_set (s, "my-input", "value", "hello"). */
#define nd_session_user_set(session, id, prop, value) \
  nd_session_set_prop ((session), ND_V (id), (prop), ND_V (value), NULL)

G_END_DECLS
