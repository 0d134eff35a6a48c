/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ndash-chart.h"

G_BEGIN_DECLS

JsonNode        *chart_test_load        (const char *path);
cairo_surface_t *chart_test_render      (JsonNode   *figure,
                                         int        *width,
                                         int        *height);
double           chart_test_diff        (cairo_surface_t *a,
                                         cairo_surface_t *b,
                                         int        threshold);
void             chart_test_check_golden (const char *name,
                                          cairo_surface_t *s);
void             chart_test_quiet_warnings (void);
guint            chart_test_n_warnings  (void);
const char      *chart_test_last_warning (void);
void             chart_test_cleanup     (void);
JsonNode        *chart_test_gen_scatter (guint n, gboolean gl);
JsonNode        *chart_test_gen_line    (guint n);

G_END_DECLS
