/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <gio/gio.h>

#include "nd-frame.h"

G_BEGIN_DECLS

/**
 * NdCsvFlags:
 * @ND_CSV_NONE: pandas' `read_csv` defaults: a header row, typed columns,
 *   every row as wide as the header
 * @ND_CSV_NO_HEADER: the first row is data; columns are named "0", "1", …
 *   (pandas' `header=None`)
 * @ND_CSV_FILL_SHORT_ROWS: a row with fewer fields than the header reads
 *   the missing ones as missing values, as pandas does, instead of failing
 * @ND_CSV_STRINGS: no type inference: every column is text (pandas'
 *   `dtype=str`); missing values stay missing
 *
 * Options for the CSV reader.
 */
typedef enum {
  ND_CSV_NONE            = 0,
  ND_CSV_NO_HEADER       = 1 << 0,
  ND_CSV_FILL_SHORT_ROWS = 1 << 1,
  ND_CSV_STRINGS         = 1 << 2,
} NdCsvFlags;

NdFrame *nd_csv_read_file   (const char    *path,
                             char           delimiter,
                             NdCsvFlags     flags,
                             GError       **error);
NdFrame *nd_csv_read_data   (const char    *data,
                             gssize         length,
                             char           delimiter,
                             NdCsvFlags     flags,
                             GError       **error);
NdFrame *nd_csv_read_stream (GInputStream  *stream,
                             char           delimiter,
                             NdCsvFlags     flags,
                             GCancellable  *cancellable,
                             GError       **error);

G_END_DECLS
