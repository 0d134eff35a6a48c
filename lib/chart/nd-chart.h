/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_CHART_INSIDE) && !defined(NDASH_CHART_COMPILATION)
#error "Only <ndash-chart.h> can be included directly."
#endif

#include <cairo.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * NdChartError:
 * @ND_CHART_ERROR_INVALID_FIGURE: the figure cannot be drawn at all
 * @ND_CHART_ERROR_OUTPUT: the output file could not be written
 *
 * Errors of the export functions.
 */
typedef enum {
  ND_CHART_ERROR_INVALID_FIGURE,
  ND_CHART_ERROR_OUTPUT,
} NdChartError;

#define ND_CHART_ERROR (nd_chart_error_quark ())
GQuark nd_chart_error_quark (void);

/**
 * NdChartAxis:
 * @ND_CHART_AXIS_X: the x axis (`layout.xaxis`)
 * @ND_CHART_AXIS_Y: the y axis (`layout.yaxis`)
 */
typedef enum {
  ND_CHART_AXIS_X,
  ND_CHART_AXIS_Y,
} NdChartAxis;

/**
 * NdChartAxisType:
 * @ND_CHART_AXIS_TYPE_LINEAR: numbers
 * @ND_CHART_AXIS_TYPE_LOG: numbers on a log10 scale
 * @ND_CHART_AXIS_TYPE_DATE: milliseconds since 1970-01-01 UTC
 * @ND_CHART_AXIS_TYPE_CATEGORY: category indices, in order of appearance
 */
typedef enum {
  ND_CHART_AXIS_TYPE_LINEAR,
  ND_CHART_AXIS_TYPE_LOG,
  ND_CHART_AXIS_TYPE_DATE,
  ND_CHART_AXIS_TYPE_CATEGORY,
} NdChartAxisType;

#define ND_TYPE_CHART (nd_chart_get_type ())
G_DECLARE_FINAL_TYPE (NdChart, nd_chart, ND, CHART, GObject)

NdChart        *nd_chart_new                (JsonNode    *figure);

void            nd_chart_set_size           (NdChart     *chart,
                                             int          width,
                                             int          height);
void            nd_chart_get_size           (NdChart     *chart,
                                             int         *width,
                                             int         *height);
void            nd_chart_render             (NdChart     *chart,
                                             cairo_t     *cr);
const char     *nd_chart_get_message        (NdChart     *chart);
guint           nd_chart_get_n_traces       (NdChart     *chart);

gboolean        nd_chart_get_plot_area      (NdChart     *chart,
                                             double      *x,
                                             double      *y,
                                             double      *width,
                                             double      *height);
NdChartAxisType nd_chart_get_axis_type      (NdChart     *chart,
                                             NdChartAxis  axis);
double          nd_chart_x_to_pixel         (NdChart     *chart,
                                             double       x);
double          nd_chart_y_to_pixel         (NdChart     *chart,
                                             double       y);
double          nd_chart_pixel_to_x         (NdChart     *chart,
                                             double       px);
double          nd_chart_pixel_to_y         (NdChart     *chart,
                                             double       py);
void            nd_chart_get_range          (NdChart     *chart,
                                             NdChartAxis  axis,
                                             double      *min,
                                             double      *max);
void            nd_chart_set_range          (NdChart     *chart,
                                             NdChartAxis  axis,
                                             double       min,
                                             double       max);
void            nd_chart_reset_ranges       (NdChart     *chart);
const char     *nd_chart_get_category       (NdChart     *chart,
                                             NdChartAxis  axis,
                                             guint        index);

guint           nd_chart_get_n_legend_items (NdChart     *chart);
gboolean        nd_chart_get_legend_item    (NdChart     *chart,
                                             guint        index,
                                             double      *x,
                                             double      *y,
                                             double      *width,
                                             double      *height,
                                             int         *trace_index);
const int      *nd_chart_get_legend_item_traces (NdChart *chart,
                                                 guint    index,
                                                 guint   *n_traces);
int             nd_chart_legend_item_at     (NdChart     *chart,
                                             double       x,
                                             double       y);

gboolean        nd_chart_hit_test           (NdChart     *chart,
                                             double       px,
                                             double       py,
                                             double       radius,
                                             int         *trace_index,
                                             int         *point_index);

gboolean        nd_chart_to_png             (JsonNode    *figure,
                                             const char  *path,
                                             int          width,
                                             int          height,
                                             double       scale,
                                             GError     **error);
gboolean        nd_chart_to_svg             (JsonNode    *figure,
                                             const char  *path,
                                             int          width,
                                             int          height,
                                             double       scale,
                                             GError     **error);
gboolean        nd_chart_to_pdf             (JsonNode    *figure,
                                             const char  *path,
                                             int          width,
                                             int          height,
                                             double       scale,
                                             GError     **error);

G_END_DECLS
