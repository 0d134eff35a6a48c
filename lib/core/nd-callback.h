/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "nd-dependency.h"

G_BEGIN_DECLS


/**
 * NdCallbackFunc:
 * @ctx: the callback context: arguments in, outputs out
 * @user_data: data given at registration
 *
 * A callback body.  It reads its Input and State values with
 * nd_callback_context_get_arg() (in declaration order, Inputs first), and
 * sets every Output with nd_callback_context_set_output() or nd_return(),
 * or calls nd_callback_context_prevent_update() or
 * nd_callback_context_raise().  It may run on a worker thread.
 */
typedef void (*NdCallbackFunc) (NdCallbackContext *ctx,
                                gpointer           user_data);


/**
 * NdPreventInitialCall:
 * @ND_PREVENT_INITIAL_CALL_FALSE: the callback runs when its outputs appear
 * @ND_PREVENT_INITIAL_CALL_TRUE: it does not
 * @ND_PREVENT_INITIAL_CALL_INITIAL_DUPLICATE: Dash's `"initial_duplicate"`:
 *   it runs, and its `allow_duplicate` outputs are accepted
 */
typedef enum {
  ND_PREVENT_INITIAL_CALL_FALSE,
  ND_PREVENT_INITIAL_CALL_TRUE,
  ND_PREVENT_INITIAL_CALL_INITIAL_DUPLICATE,
} NdPreventInitialCall;

/**
 * NdThreading:
 * @ND_THREADING_AUTO: run on the worker pool until measured cheap, then inline
 * @ND_THREADING_WORKER: always run on the worker pool
 * @ND_THREADING_INLINE: always run on the thread of the session's main context
 */
typedef enum {
  ND_THREADING_AUTO,
  ND_THREADING_WORKER,
  ND_THREADING_INLINE,
} NdThreading;

#define ND_TYPE_CALLBACK (nd_callback_get_type ())
G_DECLARE_FINAL_TYPE (NdCallback, nd_callback, ND, CALLBACK, GObject)

NdCallback          *nd_callback_new                       (const char           *name,
                                                            NdCallbackFunc        func,
                                                            gpointer              user_data,
                                                            GDestroyNotify        destroy);
void                 nd_callback_add_dependency            (NdCallback           *callback,
                                                            NdDependency         *dep);
const char          *nd_callback_get_name                  (NdCallback           *callback);
const char          *nd_callback_get_output_key            (NdCallback           *callback);
guint                nd_callback_get_n_outputs             (NdCallback           *callback);
guint                nd_callback_get_n_inputs              (NdCallback           *callback);
guint                nd_callback_get_n_states              (NdCallback           *callback);
NdDependency        *nd_callback_get_output                (NdCallback           *callback,
                                                            guint                 index);
NdDependency        *nd_callback_get_input                 (NdCallback           *callback,
                                                            guint                 index);
NdDependency        *nd_callback_get_state                 (NdCallback           *callback,
                                                            guint                 index);
void                 nd_callback_set_prevent_initial_call  (NdCallback           *callback,
                                                            NdPreventInitialCall  prevent);
NdPreventInitialCall nd_callback_get_prevent_initial_call  (NdCallback           *callback);
void                 nd_callback_set_outputs_as_list       (NdCallback           *callback,
                                                            gboolean              as_list);
void                 nd_callback_set_threading             (NdCallback           *callback,
                                                            NdThreading           threading);
NdThreading          nd_callback_get_threading             (NdCallback           *callback);
void                 nd_callback_set_running               (NdCallback           *callback,
                                                            NdDependency         *output,
                                                            JsonNode             *on_value,
                                                            JsonNode             *off_value);
JsonNode            *nd_callback_to_dependency_json        (NdCallback           *callback);

/* Options that may stand among nd_app_callback()'s dependencies. */
NdDependency *nd_outputs_as_list (void);
NdDependency *nd_threading       (NdThreading threading);

G_END_DECLS
