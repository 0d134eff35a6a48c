/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "nd-id.h"

G_BEGIN_DECLS

/**
 * NdDependencyKind:
 * @ND_DEPENDENCY_OUTPUT: an `Output`
 * @ND_DEPENDENCY_INPUT: an `Input`
 * @ND_DEPENDENCY_STATE: a `State`
 * @ND_DEPENDENCY_OPTION: a callback option given among the dependencies
 *   (see nd_prevent_initial_call())
 */
typedef enum {
  ND_DEPENDENCY_OUTPUT,
  ND_DEPENDENCY_INPUT,
  ND_DEPENDENCY_STATE,
  ND_DEPENDENCY_OPTION,
} NdDependencyKind;

typedef struct _NdDependency NdDependency;

#define ND_TYPE_DEPENDENCY (nd_dependency_get_type ())
GType             nd_dependency_get_type          (void) G_GNUC_CONST;

NdDependency     *nd_dependency_new               (NdDependencyKind  kind,
                                                   JsonNode         *component_id,
                                                   const char       *property);
NdDependency     *nd_dependency_ref               (NdDependency     *dep);
void              nd_dependency_unref             (NdDependency     *dep);
NdDependencyKind  nd_dependency_get_kind          (NdDependency     *dep);
JsonNode         *nd_dependency_get_id            (NdDependency     *dep);
const char       *nd_dependency_get_property      (NdDependency     *dep);
const char       *nd_dependency_get_id_text       (NdDependency     *dep);
const char       *nd_dependency_get_prop_id       (NdDependency     *dep);
gboolean          nd_dependency_is_multi          (NdDependency     *dep);
gboolean          nd_dependency_has_match         (NdDependency     *dep);
void              nd_dependency_set_allow_duplicate (NdDependency   *dep,
                                                     gboolean        allow);
gboolean          nd_dependency_get_allow_duplicate (NdDependency   *dep);
void              nd_dependency_set_allow_optional  (NdDependency   *dep,
                                                     gboolean        allow);
gboolean          nd_dependency_get_allow_optional  (NdDependency   *dep);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdDependency, nd_dependency_unref)

typedef struct _NdCallbackContext NdCallbackContext;

/**
 * NdErrorHandlerFunc:
 * @ctx: the failed call's context, with its outputs cleared
 * @error: what the callback raised
 * @user_data: data given with the handler
 *
 * Dash's `on_error`: called when a callback raises.  Values it returns
 * with nd_return() become the outputs; outputs it leaves unset stay
 * unchanged (Dash's `None` → `no_update`).  It may call set_props, and may
 * raise again or prevent the update.
 */
typedef void (*NdErrorHandlerFunc) (NdCallbackContext *ctx,
                                    const GError      *error,
                                    gpointer           user_data);

/* Options that can stand among a callback's dependencies. */
NdDependency *nd_prevent_initial_call  (void);
NdDependency *nd_initial_duplicate     (void);
NdDependency *nd_prevent_initial_call_false (void);
NdDependency *nd_optional              (void);
NdDependency *nd_on_error              (NdErrorHandlerFunc handler,
                                        gpointer           user_data);
NdDependency *nd_running               (NdDependency *output,
                                        JsonNode     *on_value,
                                        JsonNode     *off_value);
/* Background callbacks (Dash's background=True, progress=, progress_default=,
 * cancel=, interval=); progress, progress_default and cancel are given once
 * per entry, in order. */
NdDependency *nd_background            (void);
NdDependency *nd_progress              (NdDependency *output);
NdDependency *nd_progress_default      (JsonNode     *value);
NdDependency *nd_cancel                (NdDependency *input);
NdDependency *nd_interval              (guint         ms);

/* Convenience constructors that read like Dash's Output/Input/State.  The
 * id may be a string, a dict id (nd_dict ("type", "item", "index", ND_MATCH)),
 * or a component from the layout (which is borrowed, and given an id if it
 * has none). */
#define nd_output(id, prop) nd_dependency_new (ND_DEPENDENCY_OUTPUT, ND_V (id), (prop))
#define nd_input(id, prop)  nd_dependency_new (ND_DEPENDENCY_INPUT, ND_V (id), (prop))
#define nd_state(id, prop)  nd_dependency_new (ND_DEPENDENCY_STATE, ND_V (id), (prop))
NdDependency *nd_allow_duplicate (NdDependency *output);
NdDependency *nd_allow_optional  (NdDependency *dep);

G_END_DECLS
