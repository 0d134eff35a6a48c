/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dcc.Graph (components.md §3.6): the figure drawn by lib/chart in a
 * drawing area, with what plotly reports: hoverData and clickData for the
 * point under the pointer, relayoutData for box zoom (drag) and reset
 * (double-click), and relayoutData {"autosize": true} once it is drawn.
 * A click on a legend entry hides or shows its traces.
 */
#include <math.h>
#include <string.h>

#include <ndash-chart.h>

#include "nd-kinds.h"

typedef struct {
  NdRenderer *renderer;
  GtkWidget *area;
  NdChart *chart;
  JsonNode *figure;          /* the component's figure with legend toggles applied */
  int hover_trace, hover_point;
  gboolean dragging;
  double drag_x0, drag_y0, drag_x1, drag_y1;
  gboolean reported_autosize;
} Graph;

static Graph *
graph_of (GtkWidget *w)
{
  return g_object_get_data (G_OBJECT (w), "nd-graph");
}

static void
graph_free (gpointer data)
{
  Graph *g = data;

  g_clear_object (&g->chart);
  g_clear_pointer (&g->figure, json_node_unref);
  g_free (g);
}

static void
graph_load (Graph *g, JsonNode *component)
{
  JsonNode *figure = nd_component_get_prop (component, "figure");

  g_clear_object (&g->chart);
  g_clear_pointer (&g->figure, json_node_unref);
  if (figure == NULL || !JSON_NODE_HOLDS_OBJECT (figure))
    g->figure = nd_dict ("data", nd_list (), "layout", nd_dict ());   /* Dash's empty figure: axes only */
  else
    g->figure = nd_json_deep_copy (figure);
  g->chart = nd_chart_new (g->figure);
  g->hover_trace = g->hover_point = -1;
  gtk_widget_queue_draw (g->area);
}

/* One point as plotly.js reports it in hoverData/clickData. */
static JsonNode *
point_data (Graph *g, int trace, int point)
{
  JsonArray *data = json_object_get_array_member (json_node_get_object (g->figure), "data");
  JsonObject *t = json_array_get_object_element (data, trace);
  JsonNode *p = nd_json_object_new ();
  JsonObject *po = json_node_get_object (p);
  const char *keys[] = { "x", "y", "z", "text", "customdata", "hovertext" };
  JsonNode *points = nd_json_array_new ();
  JsonNode *out = nd_json_object_new ();

  json_object_set_int_member (po, "curveNumber", trace);
  json_object_set_int_member (po, "pointNumber", point);
  json_object_set_int_member (po, "pointIndex", point);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      JsonNode *arr = json_object_get_member (t, keys[i]);

      if (arr && JSON_NODE_HOLDS_ARRAY (arr) && (guint) point < json_array_get_length (json_node_get_array (arr)))
        json_object_set_member (po, keys[i], nd_json_deep_copy (json_array_get_element (json_node_get_array (arr), point)));
    }
  json_array_add_element (json_node_get_array (points), p);
  json_object_set_member (json_node_get_object (out), "points", points);
  return out;
}

static void
graph_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  Graph *g = data;

  nd_chart_set_size (g->chart, width, height);
  cairo_save (cr);
  nd_chart_render (g->chart, cr);
  cairo_restore (cr);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    g_warning ("Graph: drawing failed: %s", cairo_status_to_string (cairo_status (cr)));
  if (g->dragging)
    {
      /* the zoom box, as plotly draws it */
      double x = MIN (g->drag_x0, g->drag_x1), y = MIN (g->drag_y0, g->drag_y1);

      cairo_rectangle (cr, x, y, fabs (g->drag_x1 - g->drag_x0), fabs (g->drag_y1 - g->drag_y0));
      cairo_set_source_rgba (cr, 0.27, 0.27, 0.27, 0.12);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.27, 0.27, 0.27, 0.6);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  if (g->hover_trace >= 0)
    {
      g_autoptr(JsonNode) pd = point_data (g, g->hover_trace, g->hover_point);
      JsonObject *po = json_array_get_object_element (json_object_get_array_member (json_node_get_object (pd), "points"), 0);
      g_autofree char *x = json_object_has_member (po, "x") ? nd_json_to_string (json_object_get_member (po, "x"), FALSE) : g_strdup ("");
      g_autofree char *y = json_object_has_member (po, "y") ? nd_json_to_string (json_object_get_member (po, "y"), FALSE) : g_strdup ("");
      g_autofree char *label = g_strdup_printf ("(%s, %s)", x, y);
      cairo_text_extents_t ext;
      double px = 0, py = 0;

      if (json_object_has_member (po, "x") && nd_json_is_number (json_object_get_member (po, "x")))
        px = nd_chart_x_to_pixel (g->chart, nd_json_get_number (json_object_get_member (po, "x")));
      if (json_object_has_member (po, "y") && nd_json_is_number (json_object_get_member (po, "y")))
        py = nd_chart_y_to_pixel (g->chart, nd_json_get_number (json_object_get_member (po, "y")));
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 13);
      cairo_text_extents (cr, label, &ext);
      cairo_rectangle (cr, px + 8, py - ext.height / 2 - 6, ext.x_advance + 12, ext.height + 12);
      cairo_set_source_rgb (cr, 0.39, 0.43, 0.98);
      cairo_fill (cr);
      cairo_move_to (cr, px + 14, py + ext.height / 2);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_show_text (cr, label);
    }
  if (!g->reported_autosize)
    {
      g_autoptr(JsonObject) props = json_object_new ();
      JsonNode *relayout = nd_json_object_new ();

      g->reported_autosize = TRUE;
      json_object_set_boolean_member (json_node_get_object (relayout), "autosize", TRUE);
      json_object_set_member (props, "relayoutData", relayout);
      nd_renderer_report_props (g->renderer, g->area, props);
    }
}

static void
on_motion (GtkEventControllerMotion *motion, double x, double y, Graph *g)
{
  int trace = -1, point = -1;

  if (g->dragging || !nd_chart_hit_test (g->chart, x, y, 10, &trace, &point))
    trace = point = -1;
  if (trace == g->hover_trace && point == g->hover_point)
    return;
  g->hover_trace = trace;
  g->hover_point = point;
  gtk_widget_queue_draw (g->area);
  if (trace >= 0)
    nd_renderer_report (g->renderer, g->area, "hoverData", point_data (g, trace, point));
}

static void
on_leave (GtkEventControllerMotion *motion, Graph *g)
{
  if (g->hover_trace >= 0)
    {
      g->hover_trace = g->hover_point = -1;
      gtk_widget_queue_draw (g->area);
    }
}

static void
toggle_legend (Graph *g, int item)
{
  guint n = 0;
  const int *traces = nd_chart_get_legend_item_traces (g->chart, item, &n);
  JsonArray *data = json_object_get_array_member (json_node_get_object (g->figure), "data");
  g_autoptr(JsonNode) figure = NULL;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *t = json_array_get_object_element (data, traces[i]);
      const char *v = json_object_get_string_member_with_default (t, "visible", "");

      if (g_strcmp0 (v, "legendonly") == 0)
        json_object_remove_member (t, "visible");
      else
        json_object_set_string_member (t, "visible", "legendonly");
    }
  figure = json_node_ref (g->figure);
  g_clear_object (&g->chart);
  g->chart = nd_chart_new (figure);
  gtk_widget_queue_draw (g->area);
}

static void
on_pressed (GtkGestureClick *click, int n_press, double x, double y, Graph *g)
{
  int item = nd_chart_legend_item_at (g->chart, x, y);
  int trace = -1, point = -1;

  if (item >= 0)
    {
      toggle_legend (g, item);
      return;
    }
  if (n_press == 2)
    {
      /* double-click: back to the figure's own ranges */
      g_autoptr(JsonObject) props = json_object_new ();
      JsonNode *relayout = nd_json_object_new ();

      nd_chart_reset_ranges (g->chart);
      json_object_set_boolean_member (json_node_get_object (relayout), "xaxis.autorange", TRUE);
      json_object_set_boolean_member (json_node_get_object (relayout), "yaxis.autorange", TRUE);
      json_object_set_member (props, "relayoutData", relayout);
      nd_renderer_report_props (g->renderer, g->area, props);
      gtk_widget_queue_draw (g->area);
      return;
    }
  if (nd_chart_hit_test (g->chart, x, y, 10, &trace, &point))
    nd_renderer_report (g->renderer, g->area, "clickData", point_data (g, trace, point));
}

static void
on_drag_begin (GtkGestureDrag *drag, double x, double y, Graph *g)
{
  g->drag_x0 = g->drag_x1 = x;
  g->drag_y0 = g->drag_y1 = y;
}

static void
on_drag_update (GtkGestureDrag *drag, double dx, double dy, Graph *g)
{
  g->drag_x1 = g->drag_x0 + dx;
  g->drag_y1 = g->drag_y0 + dy;
  g->dragging = fabs (dx) > 4 || fabs (dy) > 4;
  gtk_widget_queue_draw (g->area);
}

static void
on_drag_end (GtkGestureDrag *drag, double dx, double dy, Graph *g)
{
  g_autoptr(JsonObject) props = NULL;
  JsonNode *relayout;
  JsonObject *r;
  double x0, x1, y0, y1;

  if (!g->dragging)
    return;
  g->dragging = FALSE;
  x0 = nd_chart_pixel_to_x (g->chart, MIN (g->drag_x0, g->drag_x1));
  x1 = nd_chart_pixel_to_x (g->chart, MAX (g->drag_x0, g->drag_x1));
  y0 = nd_chart_pixel_to_y (g->chart, MAX (g->drag_y0, g->drag_y1));
  y1 = nd_chart_pixel_to_y (g->chart, MIN (g->drag_y0, g->drag_y1));
  nd_chart_set_range (g->chart, ND_CHART_AXIS_X, x0, x1);
  nd_chart_set_range (g->chart, ND_CHART_AXIS_Y, y0, y1);
  gtk_widget_queue_draw (g->area);
  props = json_object_new ();
  relayout = nd_json_object_new ();
  r = json_node_get_object (relayout);
  json_object_set_double_member (r, "xaxis.range[0]", x0);
  json_object_set_double_member (r, "xaxis.range[1]", x1);
  json_object_set_double_member (r, "yaxis.range[0]", y0);
  json_object_set_double_member (r, "yaxis.range[1]", y1);
  json_object_set_member (props, "relayoutData", relayout);
  nd_renderer_report_props (g->renderer, g->area, props);
}

static void
graph_apply_size (GtkWidget *area, JsonNode *component)
{
  JsonNode *figure = nd_component_get_prop (component, "figure");
  JsonNode *layout = figure && JSON_NODE_HOLDS_OBJECT (figure)
                     ? json_object_get_member (json_node_get_object (figure), "layout") : NULL;
  JsonNode *height = layout && JSON_NODE_HOLDS_OBJECT (layout)
                     ? json_object_get_member (json_node_get_object (layout), "height") : NULL;
  double h = height && nd_json_is_number (height) ? nd_json_get_number (height) : 450;

  gtk_widget_set_size_request (area, -1, (int) h);
}

static GtkWidget *
graph_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *area = gtk_drawing_area_new ();
  Graph *g = g_new0 (Graph, 1);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  g->renderer = renderer;
  g->area = area;
  g_object_set_data_full (G_OBJECT (area), "nd-graph", g, graph_free);
  gtk_widget_add_css_class (area, "nd-graph");
  gtk_widget_set_hexpand (area, TRUE);
  graph_apply_size (area, component);
  graph_load (g, component);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), graph_draw, g, NULL);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), g);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), g);
  gtk_widget_add_controller (area, motion);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), g);
  gtk_widget_add_controller (area, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), g);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), g);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), g);
  gtk_widget_add_controller (area, GTK_EVENT_CONTROLLER (drag));
  return area;
}

static gboolean
graph_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
              JsonNode *value)
{
  if (strcmp (prop, "figure") == 0)
    {
      graph_apply_size (widget, component);
      graph_load (graph_of (widget), component);
      return TRUE;
    }
  return strcmp (prop, "hoverData") == 0 || strcmp (prop, "clickData") == 0 ||
         strcmp (prop, "relayoutData") == 0 || strcmp (prop, "selectedData") == 0;
}

static const NdWidgetKind kinds[] = {
  { ND_NAMESPACE_DCC, "Graph", FALSE, graph_create, graph_update, FALSE },
};

void
nd_dcc_graph_register_kinds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    nd_renderer_register_kind (&kinds[i]);
}
