/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <stdarg.h>

#include <json-glib/json-glib.h>

#include "nd-frame.h"

G_BEGIN_DECLS

/**
 * NdPxKind:
 * @ND_PX_SCATTER: `px.scatter`
 * @ND_PX_LINE: `px.line`
 * @ND_PX_BAR: `px.bar`
 * @ND_PX_HISTOGRAM: `px.histogram`
 *
 * The plotly.express function a figure builder follows.
 */
typedef enum {
  ND_PX_SCATTER,
  ND_PX_LINE,
  ND_PX_BAR,
  ND_PX_HISTOGRAM,
} NdPxKind;

/*
 * plotly.express in C.  Options are "name", value pairs ending with NULL,
 * named and typed as px's keyword arguments:
 *
 *   fig = px.scatter(df, x="gdpPercap", y="lifeExp", size="pop",
 *                    color="continent", hover_name="country",
 *                    log_x=True, size_max=55)
 *
 *   fig = nd_px_scatter (df, "x", "gdpPercap", "y", "lifeExp", "size", "pop",
 *                        "color", "continent", "hover_name", "country",
 *                        "log_x", TRUE, "size_max", 55, NULL);
 *
 * Column options take a column name (const char *; NULL is Python's None):
 *   "x", "y", "color", "size" (scatter), "hover_name".
 * Text options (const char *): "title", "orientation" ("v", "h"),
 *   "barmode" (bar, histogram: "relative", "group", "overlay", "stack"),
 *   "histfunc" (histogram: "count", "sum", "avg", "min", "max"),
 *   "render_mode" (scatter, line: "auto", "svg", "webgl").
 * int options: "size_max" (scatter, default 20), "nbins" (histogram),
 *   "width", "height".
 * gboolean options: "log_x", "log_y", "markers" (line).
 * double options: "opacity" (scatter, bar, histogram; write 1.0, not 1:
 *   varargs are not converted).
 * JsonNode * options, taken (transfer full) so nd_dict()/nd_list() can be
 *   written inline: "labels" (object: column → label), "category_orders"
 *   (object: column → array of values), "color_discrete_sequence" (array
 *   of colors), "hover_data" (array of column names).
 *
 * Each returns the figure px would return, as JSON: {"data": [...],
 * "layout": {...}}, without layout.template (the renderer applies
 * plotly's default look).
 */
JsonNode *nd_px_scatter      (NdFrame     *frame,
                              const char  *first_option,
                              ...) G_GNUC_NULL_TERMINATED;
JsonNode *nd_px_line         (NdFrame     *frame,
                              const char  *first_option,
                              ...) G_GNUC_NULL_TERMINATED;
JsonNode *nd_px_bar          (NdFrame     *frame,
                              const char  *first_option,
                              ...) G_GNUC_NULL_TERMINATED;
JsonNode *nd_px_histogram    (NdFrame     *frame,
                              const char  *first_option,
                              ...) G_GNUC_NULL_TERMINATED;

JsonNode *nd_px_build        (NdPxKind     kind,
                              NdFrame     *frame,
                              GError     **error,
                              const char  *first_option,
                              ...) G_GNUC_NULL_TERMINATED;
JsonNode *nd_px_build_valist (NdPxKind     kind,
                              NdFrame     *frame,
                              GError     **error,
                              const char  *first_option,
                              va_list      options);

G_END_DECLS
