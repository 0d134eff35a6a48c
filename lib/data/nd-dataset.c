/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * plotly.express' sample datasets (px.data.gapminder() and friends), read
 * from the CSV files Debian's python3-plotly installs.
 */
#include "config.h"

#include <string.h>

#include "nd-csv.h"
#include "nd-dataset.h"
#include "nd-frame-private.h"

static gboolean
valid_name (const char *name)
{
  if (name == NULL || name[0] == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

/**
 * nd_dataset_path:
 * @name: a dataset: "gapminder", "iris", "tips", "stocks", "wind",
 *   "election", "carshare", "experiment", "medals"
 *
 * The file behind a dataset: `ND_DATASET_DIR/<name>.csv.gz`.
 *
 * Returns: (transfer full) (nullable) (type filename): the path, or %NULL
 *   if that file is not installed
 */
char *
nd_dataset_path (const char *name)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (!valid_name (name))
    return NULL;
  file = g_strconcat (name, ".csv.gz", NULL);
  path = g_build_filename (ND_DATASET_DIR, file, NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_steal_pointer (&path) : NULL;
}

/**
 * nd_frame_load_dataset:
 * @name: a dataset name, as for nd_dataset_path(); "medals_wide" is
 *   "medals"
 * @error: return location for an error
 *
 * plotly.express' `px.data.<name>()` with its default arguments: the
 * file read as pandas reads it, and for "gapminder" without the
 * centroid_lat and centroid_lon columns, as `px.data.gapminder()` drops them.
 *
 * Returns: (transfer full) (nullable): the frame, or %NULL with @error set
 *   (%ND_DATA_ERROR_NOT_FOUND if the dataset is not installed)
 */
NdFrame *
nd_frame_load_dataset (const char *name, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr(NdFrame) frame = NULL;
  const char *file = g_strcmp0 (name, "medals_wide") == 0 ? "medals" : name;

  path = nd_dataset_path (file);
  if (path == NULL)
    {
      g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_NOT_FOUND,
                   "no dataset '%s' in %s (is python3-plotly installed?)",
                   name ? name : "(null)", ND_DATASET_DIR);
      return NULL;
    }
  frame = nd_csv_read_file (path, ',', ND_CSV_NONE, error);
  if (frame && strcmp (file, "gapminder") == 0)
    {
      g_autoptr(GPtrArray) keep = g_ptr_array_new ();

      for (guint c = 0; c < nd_frame_get_n_columns (frame); c++)
        {
          const char *col = nd_frame_get_column_name (frame, c);

          if (strcmp (col, "centroid_lat") != 0 && strcmp (col, "centroid_lon") != 0)
            g_ptr_array_add (keep, (gpointer) col);
        }
      g_ptr_array_add (keep, NULL);
      return nd_frame_select_columns (frame, (const char * const *) keep->pdata, error);
    }
  return g_steal_pointer (&frame);
}
