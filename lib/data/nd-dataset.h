/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include "nd-frame.h"

G_BEGIN_DECLS

/* Where Debian's python3-plotly installs plotly.express' sample data. */
#define ND_DATASET_DIR "/usr/share/python3-plotly/datasets"

char    *nd_dataset_path       (const char  *name);
NdFrame *nd_frame_load_dataset (const char  *name,
                                GError     **error);

G_END_DECLS
