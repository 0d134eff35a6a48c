/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void nd_kits_load_theme (GdkDisplay *display,
                         const char *theme_name_or_url);

G_END_DECLS
