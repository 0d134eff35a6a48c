/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>
#include <ndash.h>

#include "nd-renderer.h"

G_BEGIN_DECLS

#define ND_TYPE_WINDOW (nd_window_get_type ())
G_DECLARE_FINAL_TYPE (NdWindow, nd_window, ND, WINDOW, GtkApplicationWindow)

NdWindow   *nd_window_new           (GtkApplication *application,
                                     NdSession      *session);
NdSession  *nd_window_get_session   (NdWindow       *self);
NdRenderer *nd_window_get_renderer  (NdWindow       *self);
guint       nd_window_get_n_errors  (NdWindow       *self);
gboolean    nd_window_save_png      (NdWindow       *self,
                                     const char     *path,
                                     GError        **error);

G_END_DECLS
