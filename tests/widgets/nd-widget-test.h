/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Helpers for GTK renderer tests: show an app in a real window (under
 * Xvfb), drive widgets as a user would through their GTK API, and wait
 * for the session without sleeping.
 */
#pragma once

#include <ndash-gtk.h>

typedef struct {
  GtkApplication *application;
  NdApp *app;
  NdSession *session;
  NdWindow *window;
  NdRenderer *renderer;
} NdTestWindow;

/* Builds a window for @app (taking the ref) and runs the initial calls. */
NdTestWindow *nd_test_window_new   (NdApp        *app);
void          nd_test_window_free  (NdTestWindow *tw);
/* Spins the main loop until the session is idle and GTK has nothing to do. */
void          nd_test_window_settle (NdTestWindow *tw);
GtkWidget    *nd_test_widget       (NdTestWindow *tw,
                                    const char   *id);
/* The text a user reads in @widget and its descendants (labels, entries, buttons), joined by " ". */
char         *nd_test_widget_text  (GtkWidget    *widget);
const char   *nd_test_prop_string  (NdTestWindow *tw,
                                    const char   *id,
                                    const char   *prop);
double        nd_test_prop_number  (NdTestWindow *tw,
                                    const char   *id,
                                    const char   *prop);
/* A child widget of @widget of @type, depth first, or NULL. */
GtkWidget    *nd_test_find         (GtkWidget    *widget,
                                    GType         type);
/* Saves the window to @path (a PNG) for looking at. */
void          nd_test_window_save  (NdTestWindow *tw,
                                    const char   *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdTestWindow, nd_test_window_free)

/* Compares the window with tests/widgets/golden/@name.png: fails if more
 * than @tolerance (a fraction, e.g. 0.01) of the pixels differ by more
 * than a small per-channel threshold.  With ND_UPDATE_GOLDEN=1 it writes
 * the golden image instead (look at it before committing it).  The
 * current image is always saved as <build>/tests/<name>.png. */
void          nd_test_compare_golden (NdTestWindow *tw,
                                      const char   *name,
                                      double        tolerance);
/* Sets the window's size in pixels, for pages and golden images. */
void          nd_test_window_set_size (NdTestWindow *tw,
                                       int           width,
                                       int           height);
