/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void      nd_style_apply          (GtkWidget   *widget,
                                   JsonNode    *style);
void      nd_style_apply_class    (GtkWidget   *widget,
                                   JsonNode    *class_name);
void      nd_style_place_child    (GtkWidget   *child);
gboolean  nd_style_is_inline      (GtkWidget   *widget,
                                   gboolean     fallback);
float     nd_style_text_xalign    (GtkWidget   *widget);
char     *nd_style_to_css         (JsonNode    *style,
                                   GString     *ignored);
void      nd_style_load_default   (GdkDisplay  *display);
void      nd_style_add_css        (GdkDisplay  *display,
                                   const char  *css);
guint     nd_style_load_assets    (GdkDisplay  *display,
                                   const char  *assets_dir,
                                   GError     **error);

G_END_DECLS
