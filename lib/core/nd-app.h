/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "nd-callback.h"

G_BEGIN_DECLS

#define ND_TYPE_APP (nd_app_get_type ())
G_DECLARE_FINAL_TYPE (NdApp, nd_app, ND, APP, GObject)

typedef struct _NdSession NdSession;

/**
 * NdLayoutFunc:
 * @app: the app
 * @user_data: data given to nd_app_set_layout_func()
 *
 * Dash's `app.layout = serve_layout`: called once per session.
 *
 * Returns: (transfer full): the layout
 */
typedef JsonNode *(*NdLayoutFunc) (NdApp    *app,
                                   gpointer  user_data);

NdApp      *nd_app_new                        (const char    *app_id);
const char *nd_app_get_id                     (NdApp         *app);
void        nd_app_set_title                  (NdApp         *app,
                                               const char    *title);
const char *nd_app_get_title                  (NdApp         *app);
void        nd_app_set_layout                 (NdApp         *app,
                                               JsonNode      *layout);
void        nd_app_set_layout_func            (NdApp         *app,
                                               NdLayoutFunc   func,
                                               gpointer       user_data,
                                               GDestroyNotify destroy);
gboolean    nd_app_set_layout_from_file       (NdApp         *app,
                                               const char    *path,
                                               GError       **error);
JsonNode   *nd_app_get_layout                 (NdApp         *app,
                                               GError       **error);
void        nd_app_set_suppress_callback_exceptions (NdApp  *app,
                                                     gboolean suppress);
gboolean    nd_app_get_suppress_callback_exceptions (NdApp  *app);
void        nd_app_set_threading              (NdApp         *app,
                                               NdThreading    threading);
void        nd_app_set_prevent_initial_callbacks (NdApp      *app,
                                                  gboolean    prevent);
void        nd_app_set_validation_layout      (NdApp         *app,
                                               JsonNode      *layout);
void        nd_app_set_on_error               (NdApp         *app,
                                               NdErrorHandlerFunc handler,
                                               gpointer       user_data,
                                               GDestroyNotify destroy);
void        nd_app_set_max_in_flight          (NdApp         *app,
                                               guint          max_in_flight);
void        nd_app_set_data_dir               (NdApp         *app,
                                               const char    *dir);
const char *nd_app_get_data_dir               (NdApp         *app);

gboolean    nd_app_add_callback               (NdApp         *app,
                                               NdCallback    *callback,
                                               GError       **error);
NdCallback *nd_app_add_callback_va            (NdApp         *app,
                                               const char    *name,
                                               NdCallbackFunc func,
                                               gpointer       user_data,
                                               guint          n_deps,
                                               ...);
gboolean    nd_app_validate                   (NdApp         *app,
                                               GError       **error);
guint       nd_app_get_n_callbacks            (NdApp         *app);
NdCallback *nd_app_get_callback               (NdApp         *app,
                                               guint          index);
NdCallback *nd_app_lookup_callback            (NdApp         *app,
                                               const char    *output_key);
JsonNode   *nd_app_get_dependencies_json      (NdApp         *app);

char       *nd_app_handle_update_component    (NdApp         *app,
                                               const char    *body,
                                               gssize         length,
                                               guint         *status,
                                               GError       **error);

NdSession  *nd_app_new_session                (NdApp         *app,
                                               GError       **error);

/**
 * nd_app_callback:
 * @app: the app
 * @func: the callback body, an #NdCallbackFunc; its name names the callback
 * @...: nd_output(), nd_input(), nd_state() and options such as
 *   nd_prevent_initial_call(), in Dash's order
 *
 * Registers a callback as Dash's `@app.callback(...)` does.  Returns the
 * #NdCallback (owned by @app) or %NULL; the first error is kept and
 * reported by nd_app_validate().
 */
#define nd_app_callback(app, func, ...) \
  nd_app_add_callback_va ((app), #func, (func), NULL, ND_NARGS (__VA_ARGS__), __VA_ARGS__)
#define nd_app_callback_data(app, func, data, ...) \
  nd_app_add_callback_va ((app), #func, (func), (data), ND_NARGS (__VA_ARGS__), __VA_ARGS__)

G_END_DECLS
