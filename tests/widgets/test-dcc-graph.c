/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dcc.Graph in a window: the figure is drawn, hovering and clicking a
 * point report hoverData/clickData as plotly does, a drag zooms
 * (relayoutData), and a callback's new figure is drawn.
 */
#include <ndash-chart.h>

#include "nd-widget-test.h"

static JsonNode *
figure (const char *name)
{
  return nd_dict ("data", nd_list (nd_dict ("type", "scatter", "mode", "markers", "name", name,
                                            "x", nd_list (1, 2, 3), "y", nd_list (4, 1, 3))),
                  "layout", nd_dict ("height", 400));
}

static void
show_point (NdCallbackContext *ctx, gpointer user_data)
{
  JsonNode *data = nd_arg (ctx, 0);
  JsonObject *p;

  if (data == NULL || JSON_NODE_HOLDS_NULL (data))
    {
      nd_return (ctx, "nothing");
      return;
    }
  p = json_array_get_object_element (json_object_get_array_member (json_node_get_object (data), "points"), 0);
  nd_return (ctx, nd_strf ("trace %" G_GINT64_FORMAT " point %" G_GINT64_FORMAT " at (%g, %g)",
                           json_object_get_int_member (p, "curveNumber"),
                           json_object_get_int_member (p, "pointNumber"),
                           json_object_get_double_member (p, "x"), json_object_get_double_member (p, "y")));
}

static void
new_figure (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, figure ("updated"));
}

static NdTestWindow *
graph_window (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Graph");
  NdTestWindow *tw;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Update", "id", "btn"),
    nd_dcc_graph ("id", "graph", "figure", figure ("first")),
    nd_html_div ("id", "hover"), nd_html_div ("id", "click"))));
  nd_app_callback (app, show_point, nd_output ("hover", "children"), nd_input ("graph", "hoverData"));
  nd_app_callback (app, show_point, nd_output ("click", "children"), nd_input ("graph", "clickData"));
  nd_app_callback (app, new_figure, nd_output ("graph", "figure"), nd_input ("btn", "n_clicks"),
                   nd_prevent_initial_call ());
  tw = nd_test_window_new (app);
  nd_test_window_set_size (tw, 800, 700);
  return tw;
}

static GtkEventController *
controller (GtkWidget *widget, GType type)
{
  g_autoptr(GListModel) list = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (list, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return GTK_EVENT_CONTROLLER (c);
    }
  g_error ("no controller of type %s", g_type_name (type));
}

/* Where a data point lands, with the same figure at the same size. */
static void
point_pixel (GtkWidget *area, double x, double y, double *px, double *py)
{
  g_autoptr(JsonNode) fig = figure ("first");
  g_autoptr(NdChart) chart = nd_chart_new (fig);

  nd_chart_set_size (chart, gtk_widget_get_width (area), gtk_widget_get_height (area));
  *px = nd_chart_x_to_pixel (chart, x);
  *py = nd_chart_y_to_pixel (chart, y);
}

static void
test_hover_and_click (void)
{
  g_autoptr(NdTestWindow) tw = graph_window ();
  GtkWidget *area = nd_test_widget (tw, "graph");
  double px, py;
  g_autofree char *hover = NULL, *click = NULL;

  /* drawn: the mount-time relayoutData came */
  g_assert_nonnull (nd_session_get_prop (tw->session, ND_V ("graph"), "relayoutData"));
  point_pixel (area, 2, 1, &px, &py);
  g_signal_emit_by_name (controller (area, GTK_TYPE_EVENT_CONTROLLER_MOTION), "motion", px + 2, py - 1);
  nd_test_window_settle (tw);
  hover = nd_test_widget_text (nd_test_widget (tw, "hover"));
  g_assert_cmpstr (hover, ==, "trace 0 point 1 at (2, 1)");
  g_signal_emit_by_name (controller (area, GTK_TYPE_GESTURE_CLICK), "pressed", 1, px, py);
  nd_test_window_settle (tw);
  click = nd_test_widget_text (nd_test_widget (tw, "click"));
  g_assert_cmpstr (click, ==, "trace 0 point 1 at (2, 1)");
}

static void
test_zoom_and_new_figure (void)
{
  g_autoptr(NdTestWindow) tw = graph_window ();
  GtkWidget *area = nd_test_widget (tw, "graph");
  GtkEventController *drag = controller (area, GTK_TYPE_GESTURE_DRAG);
  double x0, y0, x1, y1;
  JsonNode *relayout;
  JsonObject *r;

  point_pixel (area, 1, 4, &x0, &y0);
  point_pixel (area, 2, 1, &x1, &y1);
  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  g_signal_emit_by_name (drag, "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (drag, "drag-end", x1 - x0, y1 - y0);
  nd_test_window_settle (tw);
  relayout = nd_session_get_prop (tw->session, ND_V ("graph"), "relayoutData");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (relayout));
  r = json_node_get_object (relayout);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r, "xaxis.range[0]"), 1, 0.05);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r, "xaxis.range[1]"), 2, 0.05);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r, "yaxis.range[0]"), 1, 0.05);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r, "yaxis.range[1]"), 4, 0.05);

  g_signal_emit_by_name (nd_test_widget (tw, "btn"), "clicked");
  nd_test_window_settle (tw);
  g_assert_true (nd_test_widget (tw, "graph") == area);
  nd_test_compare_golden (tw, "graph", 0.02);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/widgets/graph/hover-and-click", test_hover_and_click);
  g_test_add_func ("/widgets/graph/zoom-and-new-figure", test_zoom_and_new_figure);
  return g_test_run ();
}
