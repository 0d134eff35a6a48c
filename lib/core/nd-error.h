/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/**
 * NdError:
 * @ND_ERROR_INVALID_JSON: text is not valid JSON (or not UTF-8)
 * @ND_ERROR_NESTING: JSON nested deeper than the allowed depth
 * @ND_ERROR_INVALID_COMPONENT: a node is not a component, or its type is unknown
 * @ND_ERROR_INVALID_PROP: a prop that the component type does not have
 * @ND_ERROR_DUPLICATE_ID: two components share one id (Dash's `DuplicateIdError`)
 * @ND_ERROR_INVALID_ID: a malformed component id (`InvalidComponentIdError`)
 * @ND_ERROR_INCORRECT_TYPE: dependencies in the wrong order or of the wrong type
 *   (`IncorrectTypeException`)
 * @ND_ERROR_DUPLICATE_CALLBACK: an output written by two callbacks, or twice by one
 *   (`DuplicateCallback`)
 * @ND_ERROR_WILDCARD: a wildcard used where Dash does not allow it
 * @ND_ERROR_CIRCULAR: callbacks that depend on each other in a cycle
 * @ND_ERROR_ID_NOT_FOUND: a dependency names an id that is not in the layout
 * @ND_ERROR_NONEXISTENT_INPUT: a call needs a component that no longer exists
 * @ND_ERROR_CALLBACK: the callback body failed
 * @ND_ERROR_INVALID_RETURN: the callback returned values that do not fit its outputs
 *   (`InvalidCallbackReturnValue`)
 * @ND_ERROR_INVALID_REQUEST: an update-component request that does not fit the callback
 * @ND_ERROR_UNKNOWN_CALLBACK: no callback has that output key
 * @ND_ERROR_PATCH: a `Patch` that cannot be applied
 * @ND_ERROR_NO_CONTEXT: callback context used outside a callback
 * @ND_ERROR_STORE: a `dcc.Store` file could not be read or written
 * @ND_ERROR_CACHE: a cache backend failed
 * @ND_ERROR_BACKGROUND: background-callback options that do not fit: progress,
 *   cancel or progress_default without background, or progress and
 *   progress_default of different lengths
 *
 * Error codes in the %ND_ERROR domain.  Messages always name the callback
 * and the offending `id.prop` where there is one.
 */
typedef enum {
  ND_ERROR_INVALID_JSON,
  ND_ERROR_NESTING,
  ND_ERROR_INVALID_COMPONENT,
  ND_ERROR_INVALID_PROP,
  ND_ERROR_DUPLICATE_ID,
  ND_ERROR_INVALID_ID,
  ND_ERROR_INCORRECT_TYPE,
  ND_ERROR_DUPLICATE_CALLBACK,
  ND_ERROR_WILDCARD,
  ND_ERROR_CIRCULAR,
  ND_ERROR_ID_NOT_FOUND,
  ND_ERROR_NONEXISTENT_INPUT,
  ND_ERROR_CALLBACK,
  ND_ERROR_INVALID_RETURN,
  ND_ERROR_INVALID_REQUEST,
  ND_ERROR_UNKNOWN_CALLBACK,
  ND_ERROR_PATCH,
  ND_ERROR_NO_CONTEXT,
  ND_ERROR_STORE,
  ND_ERROR_CACHE,
  ND_ERROR_BACKGROUND,
} NdError;

#define ND_ERROR (nd_error_quark ())
GQuark nd_error_quark (void);

G_END_DECLS
