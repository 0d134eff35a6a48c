/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Internal structures of the chart engine, shared by its modules.  A
 * figure is parsed and normalised once (nd-chart.c): every data array
 * becomes doubles in an axis' linear space ("l": numbers, log10 of
 * numbers, ms since the epoch, category indices), so drawing only scales.
 */
#pragma once

#include <math.h>

#include "nd-chart.h"
#include "nd-json.h"

G_BEGIN_DECLS

/* ---- colour (nd-chart-color.c) ---- */

typedef struct {
  double r, g, b, a;
} NdRgba;

gboolean  nd_rgba_parse         (NdRgba       *out,
                                 const char   *str);
gboolean  nd_rgba_from_node     (NdRgba       *out,
                                 JsonNode     *node);
guint32   nd_rgba_to_premul     (const NdRgba *c,
                                 double        opacity);
NdRgba    nd_rgba_from_argb     (guint32       argb);
guint32   nd_rgba_to_argb       (const NdRgba *c);
void      nd_rgba_set_source    (cairo_t      *cr,
                                 const NdRgba *c,
                                 double        opacity);
gboolean  nd_rgba_is_light      (const NdRgba *c);

typedef struct {
  guint   n;
  double *t;
  NdRgba *c;
} NdColorscale;

NdColorscale *nd_colorscale_named     (const char         *name);
NdColorscale *nd_colorscale_from_node (JsonNode           *node);
NdColorscale *nd_colorscale_copy      (const NdColorscale *cs);
void          nd_colorscale_reverse   (NdColorscale       *cs);
void          nd_colorscale_free      (NdColorscale       *cs);
void          nd_colorscale_eval      (const NdColorscale *cs,
                                       double              t,
                                       NdRgba             *out);
void          nd_colorscale_fill_lut  (const NdColorscale *cs,
                                       guint32            *lut,
                                       guint               n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdColorscale, nd_colorscale_free)

/* ---- text (nd-chart-text.c) ---- */

typedef struct {
  char   *family;
  double  size;
  NdRgba  color;
} NdFont;

void  nd_font_clear        (NdFont       *font);
void  nd_font_copy         (NdFont       *dst,
                            const NdFont *src);
void  nd_font_from_node    (NdFont       *font,
                            JsonNode     *node);
void  nd_text_measure      (cairo_t      *cr,
                            const NdFont *font,
                            const char   *text,
                            double       *width,
                            double       *height);
/* Anchors: ax 0 left, 0.5 centre, 1 right; ay 0 top, 0.5 middle, 1 bottom. */
void  nd_text_draw         (cairo_t      *cr,
                            const NdFont *font,
                            const char   *text,
                            double        x,
                            double        y,
                            double        ax,
                            double        ay,
                            double        angle_deg);
cairo_t *nd_text_scratch   (void);

/* ---- formatting (nd-chart-format.c) ---- */

#define ND_MINUS "\xe2\x88\x92"
#define ND_ONEDAY 86400000.0
#define ND_ONEHOUR 3600000.0
#define ND_ONEMIN 60000.0
#define ND_ONESEC 1000.0
#define ND_ONEAVGYEAR 31557600000.0
#define ND_ONEAVGMONTH 2629800000.0

gboolean nd_date_parse        (const char *str,
                               double     *ms);
double   nd_date_add_months   (double      ms,
                               int         months);
void     nd_date_fields       (double      ms,
                               int        *year,
                               int        *month,
                               int        *day,
                               int        *hour,
                               int        *minute,
                               double     *second,
                               int        *weekday,
                               int        *yday);
double   nd_date_from_fields  (int         year,
                               int         month,
                               int         day);
char    *nd_format_date       (double      ms,
                               const char *fmt);
char    *nd_format_d3         (double      value,
                               const char *spec);
char    *nd_format_shortest   (double      value);
gboolean nd_parse_number      (const char *str,
                               double     *out);

/* ---- axes (nd-chart-axis.c) ---- */

typedef struct {
  double   val;        /* l-space */
  char    *text;       /* rich text */
  gboolean small;      /* log-axis digit labels (plotly draws them at 0.75) */
} NdTick;

typedef struct {
  double   val;
  double   pad;        /* pixels */
  gboolean extrapad;   /* plus 5% of the axis length */
} NdExtreme;

typedef enum {
  ND_DTICK_NUM,
  ND_DTICK_MONTHS,
  ND_DTICK_LOG_D1,
  ND_DTICK_LOG_D2,
  ND_DTICK_LOG_L,
} NdDtickKind;

typedef struct {
  char             letter;
  NdChartAxisType  type;
  gboolean         type_fixed;
  GPtrArray       *categories;
  GHashTable      *cat_index;

  /* layout settings */
  gboolean  autorange;
  gboolean  reversed;
  double    layout_range[2];
  char     *rangemode;
  gboolean  showgrid, zeroline, showline, showticklabels, visible, mirror;
  gboolean  automargin;
  NdRgba    gridcolor, zerolinecolor, linecolor, tickcolor;
  double    gridwidth, zerolinewidth, linewidth, ticklen, tickwidth;
  char     *tick_mode;        /* "", "outside", "inside" */
  char     *tickformat, *tickprefix, *ticksuffix, *exponentformat;
  gboolean  separatethousands;
  double    tickangle;
  gboolean  tickangle_auto;
  int       nticks;
  gboolean  has_dtick;
  NdDtickKind layout_dtick_kind;
  double    layout_dtick;
  gboolean  has_tick0;
  double    layout_tick0;
  /* resolved once the axis type is known */
  JsonNode *range_node, *tick0_node, *dtick_node, *tickvals_node, *ticktext_node;
  NdFont    tickfont, titlefont;
  char     *title;
  double    title_standoff;

  /* collected from traces */
  GArray   *ext_min, *ext_max;
  double    min_dtick, force_tick0;
  int       min_dtick_state;   /* 0 unset, 1 set, -1 cancelled */
  gboolean  has_bars;

  /* computed */
  double    range[2];
  gboolean  user_range_set;
  double    user_range[2];
  double    pos, len;
  NdDtickKind dtick_kind;
  double    dtick;
  double    tick0;
  char      tickround;       /* dates: 'y','m','d','M','S' or '0'+digits */
  int       num_tickround;
  int       tickexponent;
  GArray   *ticks;           /* NdTick */
  double    angle;           /* label angle used */
  double    label_size;      /* px beyond the plot area the labels take */
  double    label_end;       /* x axes: right end of the rightmost label */
} NdAxis;

void     nd_axis_init              (NdAxis      *ax,
                                    char         letter);
void     nd_axis_clear             (NdAxis      *ax);
void     nd_axis_parse_layout      (NdAxis      *ax,
                                    JsonObject  *obj,
                                    const NdFont *font);
gboolean nd_axis_autotype          (NdAxis      *ax,
                                    JsonArray   *data);
void     nd_axis_resolve_layout    (NdAxis      *ax);
double   nd_axis_node_to_l         (NdAxis      *ax,
                                    JsonNode    *node,
                                    gboolean     add_category);
double   nd_axis_num_to_l          (NdAxis      *ax,
                                    double       v);
double   nd_axis_l_to_num          (NdAxis      *ax,
                                    double       l);
guint    nd_axis_add_category      (NdAxis      *ax,
                                    const char  *name);
void     nd_axis_add_extremes      (NdAxis      *ax,
                                    const double *vals,
                                    guint        n,
                                    double       pad,
                                    const float *pads,
                                    gboolean     padded,
                                    gboolean     tozero);
void     nd_axis_min_dtick         (NdAxis      *ax,
                                    double       diff,
                                    double       first,
                                    gboolean     allow);
void     nd_axis_compute_range     (NdAxis      *ax);
void     nd_axis_compute_ticks     (NdAxis      *ax);
void     nd_axis_auto_ticks        (NdAxis      *ax,
                                    double       rough);
double   nd_axis_tick_first        (NdAxis      *ax);
double   nd_axis_tick_increment    (NdAxis      *ax,
                                    double       x,
                                    gboolean     reverse);
char    *nd_axis_format_value      (NdAxis      *ax,
                                    double       l,
                                    gboolean     hover);

static inline double
nd_axis_l2p (const NdAxis *ax, double l)
{
  double f = (l - ax->range[0]) / (ax->range[1] - ax->range[0]);

  return ax->letter == 'x' ? ax->pos + f * ax->len : ax->pos + ax->len - f * ax->len;
}

static inline double
nd_axis_p2l (const NdAxis *ax, double p)
{
  double f = ax->letter == 'x' ? (p - ax->pos) / ax->len : (ax->pos + ax->len - p) / ax->len;

  return ax->range[0] + f * (ax->range[1] - ax->range[0]);
}

/* ---- traces ---- */

typedef enum {
  ND_TRACE_SCATTER,
  ND_TRACE_BAR,
  ND_TRACE_HISTOGRAM,
  ND_TRACE_HEATMAP,
} NdTraceKind;

typedef enum {
  ND_LINE_LINEAR,
  ND_LINE_SPLINE,
  ND_LINE_HV,
  ND_LINE_VH,
  ND_LINE_HVH,
  ND_LINE_VHV,
} NdLineShape;

typedef enum {
  ND_SYMBOL_CIRCLE,
  ND_SYMBOL_SQUARE,
  ND_SYMBOL_DIAMOND,
  ND_SYMBOL_CROSS,
  ND_SYMBOL_X,
  ND_SYMBOL_TRIANGLE_UP,
  ND_SYMBOL_TRIANGLE_DOWN,
  ND_SYMBOL_TRIANGLE_LEFT,
  ND_SYMBOL_TRIANGLE_RIGHT,
  ND_SYMBOL_N,
} NdSymbol;

#define ND_SYMBOL_OPEN 0x80

typedef enum {
  ND_BARTEXT_NONE,
  ND_BARTEXT_INSIDE,
  ND_BARTEXT_OUTSIDE,
  ND_BARTEXT_AUTO,
} NdBarTextPos;

typedef struct {
  NdTraceKind  kind;
  int          index;
  gboolean     gl;
  gboolean     visible;        /* false also for 'legendonly' */
  gboolean     legendonly;
  char        *name;
  char        *legendgroup;
  gboolean     showlegend;
  double       opacity;
  NdRgba       color;          /* the colorway default */
  guint        n;
  double      *x, *y;          /* l-space; NAN marks a gap */

  /* scatter */
  gboolean     lines, markers, text_mode;
  NdRgba       line_color;
  double       line_width;
  double      *dash;
  int          n_dash;
  NdLineShape  shape;
  double       smoothing;
  gboolean     connectgaps;
  gboolean     x_monotonic;
  gboolean     has_gaps;
  guint8       symbol;         /* NdSymbol | ND_SYMBOL_OPEN */
  guint8      *symbols;
  double       marker_r;       /* radius, px */
  float       *marker_rs;
  NdRgba       marker_color;
  guint32     *marker_colors;  /* ARGB, not premultiplied */
  double       marker_opacity;
  float       *marker_opacities;
  NdRgba       mline_color;
  guint32     *mline_colors;
  double       mline_width;
  gboolean     bubble;

  /* colour scales (markers, bars, heatmaps) */
  NdColorscale *colorscale;
  double       cmin, cmax;
  gboolean     showscale;
  char        *colorbar_title;
  NdAxis      *colorbar_axis;

  /* text */
  char       **texts;          /* n entries, may hold NULL */
  int          text_h;         /* -1 left, 0 centre, 1 right */
  int          text_v;         /* -1 bottom, 0 middle, 1 top */
  NdBarTextPos bar_textpos;
  NdFont       textfont;
  gboolean     textfont_color_set;

  /* bar and histogram: positions and sizes in l-space */
  gboolean     horizontal;
  double      *base;
  double      *widths;
  double      *offsets;
  gboolean     has_width, has_offset;
  double       width1, offset1;
  double      *p0, *p1, *s0, *s1;   /* computed bar rectangles */

  /* histogram */
  char        *histfunc, *histnorm;
  int          nbins;
  gboolean     has_bins_start, has_bins_end, has_bins_size;
  double       bins_start, bins_end, bins_size;
  gboolean     bins_months;
  gboolean     cumulative;
  double      *hist_in;        /* the binned coordinate, l-space */
  double      *hist_w;         /* values for sum/avg/min/max */
  guint        hist_n;

  /* heatmap */
  guint        nx, ny;
  double      *z;              /* ny rows of nx */
  double      *xe, *ye;        /* nx + 1 and ny + 1 cell edges */
  gboolean     zsmooth;
} NdTrace;

void      nd_trace_free        (NdTrace *trace);

typedef struct {
  double  x, y, w, h;
  int     trace;
  GArray *traces;   /* int: every trace the item toggles */
} NdLegendItem;

struct _NdChart {
  GObject     parent_instance;

  JsonNode   *figure;
  int         width, height;

  /* layout */
  NdFont      font;
  NdRgba      paper_bg, plot_bg;
  NdRgba      colorway[32];
  guint       n_colorway;
  char       *title;
  double      title_x, title_y;
  char       *title_xanchor;
  NdFont      title_font;
  double      margin_l, margin_r, margin_t, margin_b, margin_pad;
  gboolean    showlegend;
  gboolean    showlegend_set;
  gboolean    legend_h;
  double      legend_x, legend_y;
  gboolean    legend_x_set, legend_y_set;
  char       *legend_xanchor, *legend_yanchor;
  char       *legend_title;
  NdFont      legend_font;
  NdRgba      legend_bg, legend_border;
  double      legend_borderwidth;
  gboolean    legend_reversed;
  char       *barmode;
  double      bargap, bargroupgap;
  JsonArray  *annotations;
  JsonArray  *shapes;
  NdAxis      xaxis, yaxis;
  GPtrArray  *traces;
  GString    *message;
  gboolean    has_drawable;

  /* computed for the current size */
  gboolean    layout_valid;
  double      plot_x, plot_y, plot_w, plot_h;
  GArray     *legend_items;
  double      legend_box[4];
  double      legend_title_w;
  NdTrace    *colorbar_trace;
};

/* nd-chart-trace.c */
double   *nd_chart_get_doubles  (NdChart    *chart,
                                 int         index,
                                 JsonObject *obj,
                                 const char *key,
                                 guint      *n);
double   *nd_chart_get_l_array  (NdChart    *chart,
                                 int         index,
                                 JsonObject *obj,
                                 const char *key,
                                 NdAxis     *ax,
                                 guint      *n);
char    **nd_chart_get_texts    (JsonObject *obj,
                                 const char *key,
                                 guint       n);
JsonNode *nd_json_path          (JsonObject *obj,
                                 const char *path);
double    nd_json_path_number   (JsonObject *obj,
                                 const char *path,
                                 double      dflt);
const char *nd_json_path_string (JsonObject *obj,
                                 const char *path,
                                 const char *dflt);
gboolean  nd_json_path_bool     (JsonObject *obj,
                                 const char *path,
                                 gboolean    dflt);
void      nd_chart_warn         (NdChart    *chart,
                                 int         trace,
                                 const char *key,
                                 const char *fmt,
                                 ...) G_GNUC_PRINTF (4, 5);
NdTrace  *nd_trace_new_common   (NdChart    *chart,
                                 JsonObject *obj,
                                 int         index,
                                 NdTraceKind kind);
void      nd_trace_parse_scatter (NdChart   *chart,
                                  NdTrace   *trace,
                                  JsonObject *obj);
void      nd_trace_parse_marker_colors (NdChart    *chart,
                                        NdTrace    *trace,
                                        JsonObject *marker,
                                        guint       n);
void      nd_trace_parse_textfont (NdChart  *chart,
                                   NdTrace  *trace,
                                   JsonObject *obj);
void      nd_scatter_extremes   (NdChart    *chart,
                                 NdTrace    *trace);

/* nd-chart-scatter.c */
void      nd_scatter_draw       (NdChart    *chart,
                                 NdTrace    *trace,
                                 cairo_t    *cr);
void      nd_symbol_path        (cairo_t    *cr,
                                 int         symbol,
                                 double      x,
                                 double      y,
                                 double      r);
void      nd_dash_from_name     (const char *name,
                                 double      width,
                                 double    **dash,
                                 int        *n_dash);

/* nd-chart-raster.c */
typedef struct {
  cairo_surface_t *surface;
  guint32         *pixels;
  int              stride;     /* in pixels */
  int              width, height;
  double           scale;
  double           ox, oy;     /* user-space origin of pixel (0,0) */
} NdRaster;

gboolean  nd_raster_begin       (NdRaster   *r,
                                 cairo_t    *cr,
                                 double      x,
                                 double      y,
                                 double      w,
                                 double      h,
                                 cairo_format_t format);
void      nd_raster_end         (NdRaster   *r,
                                 cairo_t    *cr,
                                 const NdRgba *mask_color,
                                 double      opacity);
void      nd_raster_markers     (NdRaster   *r,
                                 NdChart    *chart,
                                 NdTrace    *trace);
void      nd_raster_m4span      (NdRaster   *r,
                                 const float *ylo,
                                 const float *yhi,
                                 int         ncols,
                                 double      width);

/* nd-chart-bar.c */
void      nd_trace_parse_bar    (NdChart    *chart,
                                 NdTrace    *trace,
                                 JsonObject *obj);
void      nd_trace_parse_histogram (NdChart *chart,
                                    NdTrace *trace,
                                    JsonObject *obj);
void      nd_bars_compute       (NdChart    *chart);
void      nd_bar_draw           (NdChart    *chart,
                                 NdTrace    *trace,
                                 cairo_t    *cr);
void      nd_bar_draw_text      (NdChart    *chart,
                                 NdTrace    *trace,
                                 cairo_t    *cr);
double    nd_distinct_min_diff  (double     *vals,
                                 guint       n,
                                 double     *first);

/* nd-chart-heatmap.c */
void      nd_trace_parse_heatmap (NdChart   *chart,
                                  NdTrace   *trace,
                                  JsonObject *obj);
void      nd_heatmap_draw       (NdChart    *chart,
                                 NdTrace    *trace,
                                 cairo_t    *cr);
double    nd_colorbar_width     (NdChart    *chart,
                                 NdTrace    *trace,
                                 cairo_t    *cr);
void      nd_colorbar_draw      (NdChart    *chart,
                                 NdTrace    *trace,
                                 cairo_t    *cr);

/* nd-chart-legend.c */
void      nd_legend_layout      (NdChart    *chart,
                                 cairo_t    *cr);
void      nd_legend_draw        (NdChart    *chart,
                                 cairo_t    *cr);
double    nd_legend_measure     (NdChart    *chart,
                                 cairo_t    *cr,
                                 double     *height);

/* nd-chart-decor.c */
void      nd_shapes_extremes    (NdChart    *chart);
void      nd_shapes_draw        (NdChart    *chart,
                                 cairo_t    *cr,
                                 int         layer);
void      nd_annotations_draw   (NdChart    *chart,
                                 cairo_t    *cr);
void      nd_title_draw         (NdChart    *chart,
                                 cairo_t    *cr);

/* nd-chart-axis.c drawing */
void      nd_axis_measure_labels (NdChart   *chart,
                                  NdAxis    *ax,
                                  cairo_t   *cr);
void      nd_axis_draw_grid     (NdChart    *chart,
                                 NdAxis     *ax,
                                 cairo_t    *cr);
void      nd_axis_draw_zeroline (NdChart    *chart,
                                 NdAxis     *ax,
                                 cairo_t    *cr);
void      nd_axis_draw          (NdChart    *chart,
                                 NdAxis     *ax,
                                 cairo_t    *cr);

G_END_DECLS
