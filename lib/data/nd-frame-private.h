/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Internals shared by NdFrame, the CSV reader and the figure builders.
 */
#pragma once

#include "nd-frame.h"

G_BEGIN_DECLS

/* The text of a string column, shared (by reference) by every column
 * taken from it, so filters and sorts copy pointers, not strings. */
typedef struct _NdStrings NdStrings;

NdStrings  *nd_strings_new    (void);
NdStrings  *nd_strings_ref    (NdStrings  *strings);
void        nd_strings_unref  (NdStrings  *strings);
const char *nd_strings_add    (NdStrings  *strings,
                               const char *str,
                               gssize      len);

/* One column's values: immutable once in a frame, shared by reference
 * between frames (select, rename) and never copied. */
typedef struct
{
  gatomicrefcount ref;
  NdColumnType    type;
  guint           n;
  double         *d;        /* DOUBLE */
  gint64         *i;        /* INT64; DATE: µs since the epoch */
  guint8         *b;        /* BOOL */
  const char    **s;        /* STRING; DATE: the text */
  NdStrings      *strings;  /* owns what s points to */
} NdColumn;

NdColumn *nd_column_new    (NdColumnType  type,
                            guint         n,
                            NdStrings    *strings);
NdColumn *nd_column_ref    (NdColumn     *column);
void      nd_column_unref  (NdColumn     *column);
NdColumn *nd_column_take   (NdColumn     *column,
                            const guint  *rows,
                            guint         n_rows);
gboolean  nd_column_is_null (NdColumn    *column,
                             guint        row);
JsonNode *nd_column_get_json (NdColumn   *column,
                              guint       row);
int       nd_column_compare (NdColumn    *column,
                             guint        a,
                             guint        b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdColumn, nd_column_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdStrings, nd_strings_unref)

/* Distinct values in order of first appearance (pandas' factorize with
 * missing values kept as a value of their own, as `unique()` keeps NaN). */
typedef struct
{
  guint  *codes;        /* per row */
  guint  *first_rows;   /* per code: the row where it first appears */
  guint   n_codes;
  guint   null_code;    /* G_MAXUINT when nothing is missing */
} NdFactors;

void      nd_factors_init   (NdFactors    *factors,
                             NdColumn     *column);
void      nd_factors_clear  (NdFactors    *factors);

NdColumn *nd_frame_peek_column   (NdFrame      *frame,
                                  guint         column);
NdColumn *nd_frame_lookup_column (NdFrame      *frame,
                                  const char   *name,
                                  GError      **error);
void      nd_frame_append_column (NdFrame      *frame,
                                  const char   *name,
                                  NdColumn     *column);
NdFrame  *nd_frame_new_sized     (guint         n_rows);
NdFrame  *nd_frame_copy_shallow  (NdFrame      *frame);

/* Text to values, as pandas' C parser reads CSV cells. */
gboolean  nd_parse_is_na    (const char   *str);
gboolean  nd_parse_int64    (const char   *str,
                             gint64       *value);
gboolean  nd_parse_double   (const char   *str,
                             double       *value);
gboolean  nd_parse_bool     (const char   *str,
                             gboolean     *value);
gboolean  nd_parse_date     (const char   *str,
                             gint64       *usec);
double    nd_pandas_json_double (double    value);
void      nd_pandas_json_write  (GString  *out,
                                 double    value);
void      nd_append_int64       (GString  *out,
                                 gint64    value);

G_END_DECLS
