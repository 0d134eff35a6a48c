/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/**
 * NdDataError:
 * @ND_DATA_ERROR_PARSE: CSV text that cannot be read: an unterminated quote,
 *   a row with more or fewer fields than the header; the message names the
 *   line and the column
 * @ND_DATA_ERROR_ENCODING: text that is not UTF-8 (or holds a NUL byte)
 * @ND_DATA_ERROR_EMPTY: no header row: an empty file (pandas' `EmptyDataError`)
 * @ND_DATA_ERROR_NO_COLUMN: a column name the frame does not have (pandas'
 *   `KeyError`)
 * @ND_DATA_ERROR_TYPE: an operation the column's type does not allow, or
 *   JSON values that do not fit a table
 * @ND_DATA_ERROR_LENGTH: a column whose length differs from the frame's
 * @ND_DATA_ERROR_DUPLICATE: a column name used twice
 * @ND_DATA_ERROR_ARGUMENT: an unknown or ill-typed option to a figure builder
 *   (plotly.express' `ValueError`), or a CSV delimiter that cannot be one
 * @ND_DATA_ERROR_NOT_FOUND: a named dataset that is not installed
 *
 * Error codes in the %ND_DATA_ERROR domain.
 */
typedef enum {
  ND_DATA_ERROR_PARSE,
  ND_DATA_ERROR_ENCODING,
  ND_DATA_ERROR_EMPTY,
  ND_DATA_ERROR_NO_COLUMN,
  ND_DATA_ERROR_TYPE,
  ND_DATA_ERROR_LENGTH,
  ND_DATA_ERROR_DUPLICATE,
  ND_DATA_ERROR_ARGUMENT,
  ND_DATA_ERROR_NOT_FOUND,
} NdDataError;

#define ND_DATA_ERROR (nd_data_error_quark ())
GQuark nd_data_error_quark (void);

G_END_DECLS
