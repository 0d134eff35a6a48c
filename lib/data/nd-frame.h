/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "nd-data-error.h"

G_BEGIN_DECLS

/**
 * NdColumnType:
 * @ND_COLUMN_DOUBLE: 64-bit floats; NaN is a missing value (pandas `float64`)
 * @ND_COLUMN_INT64: 64-bit integers, never missing (pandas `int64`: a
 *   column of integers with gaps is read as @ND_COLUMN_DOUBLE, as pandas does)
 * @ND_COLUMN_BOOL: %TRUE, %FALSE or missing (%ND_BOOL_NULL)
 * @ND_COLUMN_STRING: UTF-8 text; %NULL is a missing value (pandas `object`)
 * @ND_COLUMN_DATE: ISO 8601 dates or date-times, kept both as the text read
 *   (written back unchanged, as pandas writes its `object` column) and as
 *   microseconds since 1970-01-01 UTC for sorting and ranges
 *
 * The type of a column.
 */
typedef enum {
  ND_COLUMN_DOUBLE,
  ND_COLUMN_INT64,
  ND_COLUMN_BOOL,
  ND_COLUMN_STRING,
  ND_COLUMN_DATE,
} NdColumnType;

/* The value of a missing cell in a bool column. */
#define ND_BOOL_NULL 2

/**
 * NdOrient:
 * @ND_ORIENT_COLUMNS: `{column: {index: value}}`, pandas' default
 * @ND_ORIENT_SPLIT: `{"columns": [...], "index": [...], "data": [[...]]}`
 * @ND_ORIENT_RECORDS: `[{column: value}]`
 * @ND_ORIENT_INDEX: `{index: {column: value}}`
 * @ND_ORIENT_VALUES: `[[...]]`
 *
 * The JSON shapes of pandas' `DataFrame.to_json (orient=...)`.
 */
typedef enum {
  ND_ORIENT_COLUMNS,
  ND_ORIENT_SPLIT,
  ND_ORIENT_RECORDS,
  ND_ORIENT_INDEX,
  ND_ORIENT_VALUES,
} NdOrient;

/**
 * NdAggregate:
 * @ND_AGG_COUNT: the number of values that are not missing
 * @ND_AGG_SIZE: the number of rows, missing values included
 * @ND_AGG_SUM: the sum (integers stay integers; missing values skipped)
 * @ND_AGG_MEAN: the mean, as a double
 * @ND_AGG_MIN: the smallest value, of the column's type
 * @ND_AGG_MAX: the largest value, of the column's type
 *
 * How nd_frame_aggregate() reduces a group of rows.
 */
typedef enum {
  ND_AGG_COUNT,
  ND_AGG_SIZE,
  ND_AGG_SUM,
  ND_AGG_MEAN,
  ND_AGG_MIN,
  ND_AGG_MAX,
} NdAggregate;

/**
 * NdAggregation:
 * @column: (nullable): the column to reduce; %NULL only with %ND_AGG_SIZE
 * @func: the reduction
 * @name: (nullable): the result column's name; %NULL for @column (or "size")
 *
 * One result column of nd_frame_aggregate(): pandas' named aggregation
 * `agg(name=(column, func))`.
 */
typedef struct {
  const char  *column;
  NdAggregate  func;
  const char  *name;
} NdAggregation;

#define ND_TYPE_FRAME (nd_frame_get_type ())
G_DECLARE_FINAL_TYPE (NdFrame, nd_frame, ND, FRAME, GObject)

/**
 * NdRowPredicate:
 * @frame: the frame being filtered
 * @row: a row position
 * @user_data: data given to nd_frame_filter()
 *
 * Returns: %TRUE to keep the row
 */
typedef gboolean (*NdRowPredicate) (NdFrame  *frame,
                                    guint     row,
                                    gpointer  user_data);

NdFrame      *nd_frame_new                (void);
NdFrame      *nd_frame_new_from_records   (JsonNode      *records,
                                           GError       **error);
NdFrame      *nd_frame_new_from_columns   (JsonNode      *columns,
                                           GError       **error);
NdFrame      *nd_frame_new_from_json      (const char    *text,
                                           gssize         length,
                                           NdOrient       orient,
                                           GError       **error);

gboolean      nd_frame_add_doubles        (NdFrame       *frame,
                                           const char    *name,
                                           const double  *values,
                                           guint          n_values,
                                           GError       **error);
gboolean      nd_frame_add_int64s         (NdFrame       *frame,
                                           const char    *name,
                                           const gint64  *values,
                                           guint          n_values,
                                           GError       **error);
gboolean      nd_frame_add_bools          (NdFrame       *frame,
                                           const char    *name,
                                           const gboolean *values,
                                           guint          n_values,
                                           GError       **error);
gboolean      nd_frame_add_strings        (NdFrame       *frame,
                                           const char    *name,
                                           const char * const *values,
                                           guint          n_values,
                                           GError       **error);
gboolean      nd_frame_add_dates          (NdFrame       *frame,
                                           const char    *name,
                                           const char * const *values,
                                           guint          n_values,
                                           GError       **error);
gboolean      nd_frame_add_json           (NdFrame       *frame,
                                           const char    *name,
                                           JsonNode      *values,
                                           GError       **error);

guint         nd_frame_get_n_rows         (NdFrame       *frame);
guint         nd_frame_get_n_columns      (NdFrame       *frame);
const char   *nd_frame_get_column_name    (NdFrame       *frame,
                                           guint          column);
char        **nd_frame_get_column_names   (NdFrame       *frame);
int           nd_frame_find_column        (NdFrame       *frame,
                                           const char    *name);
NdColumnType  nd_frame_get_column_type    (NdFrame       *frame,
                                           guint          column);
gint64        nd_frame_get_index_label    (NdFrame       *frame,
                                           guint          row);

const double *nd_frame_peek_doubles       (NdFrame       *frame,
                                           guint          column);
const gint64 *nd_frame_peek_int64s        (NdFrame       *frame,
                                           guint          column);
const guint8 *nd_frame_peek_bools         (NdFrame       *frame,
                                           guint          column);
const char * const *nd_frame_peek_strings (NdFrame       *frame,
                                           guint          column);
const gint64 *nd_frame_peek_dates         (NdFrame       *frame,
                                           guint          column);

gboolean      nd_frame_is_null            (NdFrame       *frame,
                                           guint          column,
                                           guint          row);
double        nd_frame_get_double         (NdFrame       *frame,
                                           guint          column,
                                           guint          row);
const char   *nd_frame_get_string         (NdFrame       *frame,
                                           guint          column,
                                           guint          row);
JsonNode     *nd_frame_get_value          (NdFrame       *frame,
                                           guint          column,
                                           guint          row);

NdFrame      *nd_frame_take               (NdFrame       *frame,
                                           const guint   *rows,
                                           guint          n_rows);
NdFrame      *nd_frame_head               (NdFrame       *frame,
                                           guint          n_rows);
NdFrame      *nd_frame_reset_index        (NdFrame       *frame);
NdFrame      *nd_frame_select             (NdFrame       *frame,
                                           GError       **error,
                                           const char    *first_column,
                                           ...) G_GNUC_NULL_TERMINATED;
NdFrame      *nd_frame_select_columns     (NdFrame       *frame,
                                           const char * const *columns,
                                           GError       **error);
NdFrame      *nd_frame_rename             (NdFrame       *frame,
                                           GError       **error,
                                           const char    *first_old_name,
                                           ...) G_GNUC_NULL_TERMINATED;

GArray       *nd_frame_where              (NdFrame       *frame,
                                           NdRowPredicate predicate,
                                           gpointer       user_data);
GArray       *nd_frame_where_equal        (NdFrame       *frame,
                                           const char    *column,
                                           JsonNode      *value,
                                           GError       **error);
GArray       *nd_frame_where_range        (NdFrame       *frame,
                                           const char    *column,
                                           double         min,
                                           double         max,
                                           GError       **error);
GArray       *nd_frame_where_text_range   (NdFrame       *frame,
                                           const char    *column,
                                           const char    *min,
                                           const char    *max,
                                           GError       **error);
NdFrame      *nd_frame_filter             (NdFrame       *frame,
                                           NdRowPredicate predicate,
                                           gpointer       user_data);
NdFrame      *nd_frame_filter_equal       (NdFrame       *frame,
                                           const char    *column,
                                           JsonNode      *value,
                                           GError       **error);
NdFrame      *nd_frame_filter_equal_string (NdFrame      *frame,
                                           const char    *column,
                                           const char    *value,
                                           GError       **error);
NdFrame      *nd_frame_filter_equal_number (NdFrame      *frame,
                                           const char    *column,
                                           double         value,
                                           GError       **error);
NdFrame      *nd_frame_filter_range       (NdFrame       *frame,
                                           const char    *column,
                                           double         min,
                                           double         max,
                                           GError       **error);
NdFrame      *nd_frame_filter_text_range  (NdFrame       *frame,
                                           const char    *column,
                                           const char    *min,
                                           const char    *max,
                                           GError       **error);

JsonNode     *nd_frame_unique             (NdFrame       *frame,
                                           const char    *column,
                                           GError       **error);
NdFrame      *nd_frame_sort               (NdFrame       *frame,
                                           GError       **error,
                                           const char    *first_column,
                                           ...) G_GNUC_NULL_TERMINATED;
NdFrame      *nd_frame_sort_values        (NdFrame       *frame,
                                           const char * const *columns,
                                           const gboolean *ascending,
                                           GError       **error);
NdFrame      *nd_frame_aggregate          (NdFrame       *frame,
                                           const char * const *by,
                                           const NdAggregation *aggregations,
                                           guint          n_aggregations,
                                           GError       **error);
NdFrame      *nd_frame_group_by           (NdFrame       *frame,
                                           const char    *by,
                                           GError       **error,
                                           const char    *first_column,
                                           ...) G_GNUC_NULL_TERMINATED;

JsonNode     *nd_frame_to_records         (NdFrame       *frame);
JsonNode     *nd_frame_column_to_json     (NdFrame       *frame,
                                           const char    *column,
                                           GError       **error);
char         *nd_frame_to_json            (NdFrame       *frame,
                                           NdOrient       orient);
void          nd_frame_write_json         (NdFrame       *frame,
                                           GString       *out,
                                           NdOrient       orient);

G_END_DECLS
