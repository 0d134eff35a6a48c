/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "nd-callback.h"

G_BEGIN_DECLS

/* Dash's no_update, as a value: an output (or an item of an ALL output)
 * left as it is. */
JsonNode   *nd_no_update                               (void);
gboolean    nd_is_no_update                            (JsonNode          *value);

NdCallbackContext *nd_callback_context_get_current     (GError           **error);

guint       nd_callback_context_get_n_args             (NdCallbackContext *ctx);
JsonNode   *nd_callback_context_get_arg                (NdCallbackContext *ctx,
                                                        guint              index);
const char *nd_callback_context_get_arg_string         (NdCallbackContext *ctx,
                                                        guint              index);
double      nd_callback_context_get_arg_double         (NdCallbackContext *ctx,
                                                        guint              index);
gint64      nd_callback_context_get_arg_int            (NdCallbackContext *ctx,
                                                        guint              index,
                                                        gint64             fallback);
gboolean    nd_callback_context_arg_is_null            (NdCallbackContext *ctx,
                                                        guint              index);
char       *nd_callback_context_get_arg_text           (NdCallbackContext *ctx,
                                                        guint              index);

void        nd_callback_context_set_output             (NdCallbackContext *ctx,
                                                        guint              index,
                                                        JsonNode          *value);
void        nd_callback_context_return_values          (NdCallbackContext *ctx,
                                                        guint              n_values,
                                                        ...);
void        nd_callback_context_prevent_update         (NdCallbackContext *ctx);
void        nd_callback_context_raise                  (NdCallbackContext *ctx,
                                                        const char        *format,
                                                        ...) G_GNUC_PRINTF (2, 3);
void        nd_callback_context_set_props              (NdCallbackContext *ctx,
                                                        JsonNode          *component_id,
                                                        const char        *prop,
                                                        JsonNode          *value);

JsonNode   *nd_callback_context_get_triggered_id       (NdCallbackContext *ctx);
const char * const *nd_callback_context_get_triggered_prop_ids (NdCallbackContext *ctx);
JsonNode   *nd_callback_context_get_triggered          (NdCallbackContext *ctx);
JsonNode   *nd_callback_context_get_triggered_prop_ids_map (NdCallbackContext *ctx);
gboolean    nd_callback_context_is_triggered           (NdCallbackContext *ctx,
                                                        const char        *prop_id);
JsonNode   *nd_callback_context_get_inputs             (NdCallbackContext *ctx);
JsonNode   *nd_callback_context_get_states             (NdCallbackContext *ctx);
JsonNode   *nd_callback_context_get_inputs_list        (NdCallbackContext *ctx);
JsonNode   *nd_callback_context_get_states_list        (NdCallbackContext *ctx);
JsonNode   *nd_callback_context_get_outputs_list       (NdCallbackContext *ctx);
JsonNode   *nd_callback_context_get_args_grouping      (NdCallbackContext *ctx);
const char *nd_callback_context_get_callback_name      (NdCallbackContext *ctx);
const char *nd_callback_context_get_session_id         (NdCallbackContext *ctx);

/* Background callbacks (nd_background()). */
void        nd_callback_context_set_progress           (NdCallbackContext *ctx,
                                                        guint              index,
                                                        JsonNode          *value);
void        nd_callback_context_set_progress_values    (NdCallbackContext *ctx,
                                                        guint              n_values,
                                                        ...);
gboolean    nd_callback_context_is_cancelled           (NdCallbackContext *ctx);
GCancellable *nd_callback_context_get_cancellable      (NdCallbackContext *ctx);

/* Short forms for ported callbacks: nd_arg (ctx, 0), nd_return (ctx, a, b). */
#define nd_arg(ctx, i) nd_callback_context_get_arg ((ctx), (i))
#define nd_return(ctx, ...) \
  nd_callback_context_return_values ((ctx), ND_NARGS (__VA_ARGS__) ND_MAP_COMMA (ND_V, __VA_ARGS__))
/* Dash's set_progress(value) / set_progress([a, b]): one value per progress Output. */
#define nd_set_progress(ctx, ...) \
  nd_callback_context_set_progress_values ((ctx), ND_NARGS (__VA_ARGS__) ND_MAP_COMMA (ND_V, __VA_ARGS__))
#define nd_set_props(ctx, id, prop, value) \
  nd_callback_context_set_props ((ctx), ND_V (id), (prop), ND_V (value))

G_END_DECLS
