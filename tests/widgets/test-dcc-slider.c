/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The dcc sliders family under a real window: Slider and RangeSlider
 * dragged (through the widget's drag gesture, as the pointer drives it),
 * clicked, moved with the keyboard and typed into, checked both in the
 * session and in what a callback shows; marks, snapping and tooltips;
 * and callbacks changing their props.
 */
#include <math.h>
#include <string.h>

#include "nd-widget-test.h"

/* ---- helpers ---- */

static gboolean
count_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  (*(int *) data)++;
  return G_SOURCE_CONTINUE;
}

/* Until GTK has laid the window out again (two frames: layout runs after
 * the tick of a frame). */
static void
wait_layout (NdTestWindow *tw)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  int ticks = 0;
  guint id = gtk_widget_add_tick_callback (GTK_WIDGET (tw->window), count_tick, &ticks, NULL);

  while (ticks < 2)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  gtk_widget_remove_tick_callback (GTK_WIDGET (tw->window), id);
}

static GtkWidget *
find_css_name (GtkWidget *widget, const char *name)
{
  if (strcmp (gtk_widget_get_css_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_css_name (c, name);
      if (found)
        return found;
    }
  return NULL;
}

/* The slider's handles, in order along the track. */
static GtkWidget *
handle (NdTestWindow *tw, const char *id, guint index)
{
  GtkWidget *trough = find_css_name (nd_test_widget (tw, id), "trough");
  guint i = 0;

  g_assert_nonnull (trough);
  for (GtkWidget *c = gtk_widget_get_first_child (trough); c; c = gtk_widget_get_next_sibling (c))
    if (strcmp (gtk_widget_get_css_name (c), "slider") == 0 && i++ == index)
      return c;
  g_error ("slider '%s' has no handle %u", id, index);
  return NULL;
}

static guint
n_handles (NdTestWindow *tw, const char *id)
{
  GtkWidget *trough = find_css_name (nd_test_widget (tw, id), "trough");
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (trough); c; c = gtk_widget_get_next_sibling (c))
    n += strcmp (gtk_widget_get_css_name (c), "slider") == 0;
  return n;
}

/* A point on the track, @fraction of the way from its min end, in the
 * slider's coordinates. */
static graphene_point_t
track_point (NdTestWindow *tw, const char *id, double fraction)
{
  GtkWidget *slider = nd_test_widget (tw, id);
  GtkWidget *trough = find_css_name (slider, "trough");
  graphene_point_t o;
  int w, h;

  wait_layout (tw);
  w = gtk_widget_get_width (trough);
  h = gtk_widget_get_height (trough);
  g_assert_true (gtk_widget_compute_point (trough, slider, &GRAPHENE_POINT_INIT (0, 0), &o));
  g_assert_cmpint (MAX (w, h), >, 50);
  if (w >= h)
    return GRAPHENE_POINT_INIT (o.x + fraction * w, o.y + h / 2.0f);
  return GRAPHENE_POINT_INIT (o.x + w / 2.0f, o.y + (1 - fraction) * h);
}

/* Where a handle's centre is, as a fraction of the track. */
static double
handle_fraction (NdTestWindow *tw, const char *id, guint index)
{
  GtkWidget *slider = nd_test_widget (tw, id);
  GtkWidget *trough = find_css_name (slider, "trough");
  graphene_rect_t b;
  graphene_point_t o;
  int w, h;

  wait_layout (tw);
  w = gtk_widget_get_width (trough);
  h = gtk_widget_get_height (trough);
  g_assert_true (gtk_widget_compute_bounds (handle (tw, id, index), slider, &b));
  g_assert_true (gtk_widget_compute_point (trough, slider, &GRAPHENE_POINT_INIT (0, 0), &o));
  if (w >= h)
    return (b.origin.x + b.size.width / 2 - o.x) / w;
  return 1 - (b.origin.y + b.size.height / 2 - o.y) / h;
}

static GtkEventController *
controller_of (GtkWidget *widget, GType type)
{
  g_autoptr(GListModel) list = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (list, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return GTK_EVENT_CONTROLLER (c);
    }
  g_error ("no %s on %s", g_type_name (type), gtk_widget_get_name (widget));
  return NULL;
}

/* A pointer press at @from, moves through @path (fractions of the track)
 * and, when @release, lets go: what GtkGestureDrag emits. */
static void
drag (NdTestWindow *tw, const char *id, graphene_point_t from, const double *path, guint n_path,
      gboolean release)
{
  GtkEventController *gesture = controller_of (nd_test_widget (tw, id), GTK_TYPE_GESTURE_DRAG);
  double dx = 0, dy = 0;

  g_signal_emit_by_name (gesture, "drag-begin", (double) from.x, (double) from.y);
  for (guint i = 0; i < n_path; i++)
    {
      graphene_point_t to = track_point (tw, id, path[i]);

      dx = to.x - from.x;
      dy = to.y - from.y;
      g_signal_emit_by_name (gesture, "drag-update", dx, dy);
    }
  if (release)
    g_signal_emit_by_name (gesture, "drag-end", dx, dy);
}

/* The centre of a handle, where a user grabs it. */
static graphene_point_t
handle_point (NdTestWindow *tw, const char *id, guint index)
{
  graphene_rect_t b;

  wait_layout (tw);
  g_assert_true (gtk_widget_compute_bounds (handle (tw, id, index), nd_test_widget (tw, id), &b));
  return GRAPHENE_POINT_INIT (b.origin.x + b.size.width / 2, b.origin.y + b.size.height / 2);
}

static void
press_key (NdTestWindow *tw, const char *id, guint index, guint keyval, GdkModifierType state)
{
  GtkEventController *keys = controller_of (nd_test_widget (tw, id), GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  gtk_widget_grab_focus (handle (tw, id, index));
  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, state, &handled);
  g_assert_true (handled);
}

/* The prop as Python's str() prints it: None, 20, [20, 80]. */
static char *
prop_repr (NdTestWindow *tw, const char *id, const char *prop)
{
  g_autoptr(JsonNode) node = nd_json_string (id);

  return nd_py_str (nd_session_get_prop (tw->session, node, prop));
}

#define assert_prop(tw, id, prop, expected)                  \
  G_STMT_START {                                             \
    g_autofree char *_r = prop_repr ((tw), (id), (prop));    \
    g_assert_cmpstr (_r, ==, (expected));                    \
  } G_STMT_END

#define assert_text(tw, id, expected)                                    \
  G_STMT_START {                                                         \
    g_autofree char *_t = nd_test_widget_text (nd_test_widget ((tw), (id))); \
    g_assert_cmpstr (_t, ==, (expected));                                \
  } G_STMT_END

#define assert_contains(tw, id, needle)                                  \
  G_STMT_START {                                                         \
    g_autofree char *_t = nd_test_widget_text (nd_test_widget ((tw), (id))); \
    if (strstr (_t, (needle)) == NULL)                                   \
      g_error ("'%s' not in '%s'", (needle), _t);                        \
  } G_STMT_END

static GtkWidget *
entry_of (NdTestWindow *tw, const char *id, guint index)
{
  guint i = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (nd_test_widget (tw, id)); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_ENTRY (c) && i++ == index)
      return c;
  g_error ("slider '%s' has no number box %u", id, index);
  return NULL;
}

static void
type_into (GtkWidget *entry, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

/* Callbacks: "value: <value>" and "drag: <drag_value>" */
static void
show_value (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("value: %s", text));
}

static void
show_drag (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("drag: %s", text));
}

/* A slider (given as built) with two outputs that follow it. */
static NdApp *
watched_app (JsonNode *slider)
{
  NdApp *app = nd_app_new ("org.ndash.test.Sliders");

  nd_app_set_layout (app, nd_html_div (nd_list (
    slider,
    nd_html_div ("id", "out-value"),
    nd_html_div ("id", "out-drag"),
    nd_html_button ("Go", "id", "go"))));
  nd_app_callback (app, show_value, nd_output ("out-value", "children"), nd_input ("s", "value"));
  nd_app_callback (app, show_drag, nd_output ("out-drag", "children"), nd_input ("s", "drag_value"));
  return app;
}

static NdTestWindow *
watched_window (JsonNode *slider)
{
  NdTestWindow *tw = nd_test_window_new (watched_app (slider));

  nd_test_window_set_size (tw, 700, 400);
  return tw;
}

/* ---- Slider ---- */

/* updatemode="mouseup": dragging reports drag_value only; letting go
 * reports value. */
static void
test_slider_drag_mouseup (void)
{
  g_autoptr(NdTestWindow) tw = watched_window (
    nd_dcc_slider ("id", "s", "min", 0, "max", 100, "step", 5, "value", 20));
  const double path[] = { 0.4, 0.63 };

  /* at mount the slider reports drag_value = value */
  assert_prop (tw, "s", "drag_value", "20");
  assert_text (tw, "out-value", "value: 20");
  assert_text (tw, "out-drag", "drag: 20");
  g_assert_cmpfloat_with_epsilon (handle_fraction (tw, "s", 0), 0.2, 0.01);

  drag (tw, "s", handle_point (tw, "s", 0), path, G_N_ELEMENTS (path), FALSE);
  nd_test_window_settle (tw);
  assert_prop (tw, "s", "drag_value", "65");
  assert_prop (tw, "s", "value", "20");
  assert_text (tw, "out-drag", "drag: 65");
  assert_text (tw, "out-value", "value: 20");
  g_assert_cmpfloat_with_epsilon (handle_fraction (tw, "s", 0), 0.65, 0.01);

  g_signal_emit_by_name (controller_of (nd_test_widget (tw, "s"), GTK_TYPE_GESTURE_DRAG), "drag-end", 0.0, 0.0);
  nd_test_window_settle (tw);
  assert_prop (tw, "s", "value", "65");
  assert_text (tw, "out-value", "value: 65");
}

/* updatemode="drag": value follows the pointer. */
static void
test_slider_drag_mode (void)
{
  g_autoptr(NdTestWindow) tw = watched_window (
    nd_dcc_slider ("id", "s", "min", 0, "max", 10, "value", 2, "updatemode", "drag"));
  const double path[] = { 0.71 };

  drag (tw, "s", handle_point (tw, "s", 0), path, 1, FALSE);
  nd_test_window_settle (tw);
  assert_prop (tw, "s", "value", "7");
  assert_prop (tw, "s", "drag_value", "7");
  assert_text (tw, "out-value", "value: 7");
  assert_text (tw, "out-drag", "drag: 7");
}

/* A press on the track moves the nearest handle there at once. */
static void
test_slider_click_track (void)
{
  g_autoptr(NdTestWindow) tw = watched_window (
    nd_dcc_slider ("id", "s", "min", 0, "max", 100, "step", 10, "value", 50));

  drag (tw, "s", track_point (tw, "s", 0.88), NULL, 0, FALSE);
  nd_test_window_settle (tw);
  assert_prop (tw, "s", "drag_value", "90");
  assert_prop (tw, "s", "value", "50");
  g_signal_emit_by_name (controller_of (nd_test_widget (tw, "s"), GTK_TYPE_GESTURE_DRAG), "drag-end", 0.0, 0.0);
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: 90");
  g_assert_cmpfloat_with_epsilon (handle_fraction (tw, "s", 0), 0.9, 0.01);
}

/* Arrow keys move the focused handle by a step, Page keys by ten, Home
 * and End to the ends; each change reports drag_value and value. */
static void
test_slider_keyboard (void)
{
  g_autoptr(NdTestWindow) tw = watched_window (
    nd_dcc_slider ("id", "s", "min", 0, "max", 10, "step", 0.5, "value", 3));

  press_key (tw, "s", 0, GDK_KEY_Right, 0);
  nd_test_window_settle (tw);
  assert_prop (tw, "s", "value", "3.5");
  assert_prop (tw, "s", "drag_value", "3.5");
  assert_text (tw, "out-value", "value: 3.5");
  assert_text (tw, "out-drag", "drag: 3.5");
  press_key (tw, "s", 0, GDK_KEY_Down, 0);
  press_key (tw, "s", 0, GDK_KEY_Down, 0);
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: 2.5");
  press_key (tw, "s", 0, GDK_KEY_Page_Up, 0);
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: 7.5");
  press_key (tw, "s", 0, GDK_KEY_End, 0);
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: 10");
  press_key (tw, "s", 0, GDK_KEY_Right, 0);   /* at max: nothing */
  press_key (tw, "s", 0, GDK_KEY_Home, 0);
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: 0");
  assert_text (tw, "out-drag", "drag: 0");
  g_assert_cmpfloat_with_epsilon (handle_fraction (tw, "s", 0), 0, 0.01);
}

/* step=None with marks: only the marks can be chosen. */
static void
test_slider_snaps_to_marks (void)
{
  g_autoptr(NdTestWindow) tw = watched_window (
    nd_dcc_slider ("id", "s", "min", 0, "max", 100, "step", nd_null (), "value", 0,
                   "marks", nd_dict ("0", "Cold", "30", nd_dict ("label", "Mild", "style", nd_dict ("color", "#f50")),
                                     "100", "Hot", "150", "Off the scale")));
  const double path[] = { 0.55 };

  /* labels under the track; a mark outside [min, max] is dropped */
  assert_text (tw, "s", "Cold Mild Hot");
  drag (tw, "s", handle_point (tw, "s", 0), path, 1, TRUE);
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: 30");
  press_key (tw, "s", 0, GDK_KEY_Right, 0);
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: 100");
}

/* No marks given: min, max and evenly spaced values, SI for large ones;
 * marks=None: none. */
static void
test_slider_auto_marks (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Sliders");
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_slider ("id", "a", "min", 0, "max", 20, "value", 4),
    nd_dcc_slider ("id", "b", "min", 0, "max", 100000, "step", 10000, "value", 0),
    nd_dcc_slider ("id", "c", "min", 0, "max", 5, "marks", nd_null (), "value", 1,
                   "allow_direct_input", nd_bool (FALSE)),
    nd_dcc_slider ("id", "d", "min", 0, "max", 1, "step", 0.1, "value", 0.3))));
  tw = nd_test_window_new (app);
  nd_test_window_set_size (tw, 900, 600);
  /* the labels, then the number box */
  assert_text (tw, "a", "0 2 4 6 8 10 12 14 16 18 20 4");
  assert_text (tw, "b", "0 10k 20k 30k 40k 50k 60k 70k 80k 90k 100k 0");
  assert_text (tw, "c", "");
  assert_text (tw, "d", "0 0.2 0.4 0.6 0.8 1 0.3");
}

/* A callback setting value moves the handle and the slider answers with
 * drag_value; props from callbacks change what is shown. */
static void
set_slider (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, 75, 50, 150, nd_dict ("50", "fifty", "150", "max"), nd_bool (TRUE));
}

static void
test_slider_callback_props (void)
{
  NdApp *app = watched_app (nd_dcc_slider ("id", "s", "min", 0, "max", 100, "value", 10));
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_callback (app, set_slider, nd_output ("s", "value"), nd_output ("s", "min"), nd_output ("s", "max"),
                   nd_output ("s", "marks"), nd_output ("s", "disabled"), nd_input ("go", "n_clicks"),
                   nd_prevent_initial_call ());
  tw = nd_test_window_new (app);
  nd_test_window_set_size (tw, 700, 400);
  g_assert_true (gtk_widget_is_sensitive (nd_test_widget (tw, "s")));
  g_signal_emit_by_name (nd_test_widget (tw, "go"), "clicked");
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: 75");
  assert_prop (tw, "s", "drag_value", "75");
  assert_text (tw, "out-drag", "drag: 75");
  /* 75 on [50, 150] is a quarter of the way */
  g_assert_cmpfloat_with_epsilon (handle_fraction (tw, "s", 0), 0.25, 0.01);
  assert_text (tw, "s", "fifty max 75");
  g_assert_false (gtk_widget_is_sensitive (nd_test_widget (tw, "s")));
}

/* The number box: Enter sets value, snapped to the step and kept in range. */
static void
test_slider_direct_input (void)
{
  g_autoptr(NdTestWindow) tw = watched_window (
    nd_dcc_slider ("id", "s", "min", 0, "max", 100, "step", 5, "value", 20));
  GtkWidget *entry = entry_of (tw, "s", 1);

  g_assert_true (gtk_widget_get_child_visible (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "20");
  type_into (entry, "42");
  nd_test_window_settle (tw);
  assert_prop (tw, "s", "value", "40");
  assert_text (tw, "out-value", "value: 40");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "40");
  g_assert_cmpfloat_with_epsilon (handle_fraction (tw, "s", 0), 0.4, 0.01);
  type_into (entry, "250");
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: 100");
  type_into (entry, "abc");                  /* not a number: back to the value */
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: 100");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "100");
}

/* A tooltip that is always visible shows the value through its template. */
static void
test_slider_tooltip (void)
{
  g_autoptr(NdTestWindow) tw = watched_window (
    nd_dcc_slider ("id", "s", "min", 0, "max", 100, "value", 20, "marks", nd_null (),
                   "allow_direct_input", nd_bool (FALSE),
                   "tooltip", nd_dict ("always_visible", nd_bool (TRUE), "placement", "bottom",
                                       "template", "{value} °C")));
  const double path[] = { 0.65 };

  assert_text (tw, "s", "20 °C");
  drag (tw, "s", handle_point (tw, "s", 0), path, 1, TRUE);
  nd_test_window_settle (tw);
  assert_text (tw, "s", "65 °C");
  assert_text (tw, "out-value", "value: 65");
}

/* A vertical slider runs from min at the bottom to max at the top. */
static void
test_slider_vertical (void)
{
  g_autoptr(NdTestWindow) tw = watched_window (
    nd_dcc_slider ("id", "s", "min", 0, "max", 10, "value", 5, "vertical", nd_bool (TRUE),
                   "verticalHeight", 200));
  const double path[] = { 0.8 };

  g_assert_cmpint (gtk_widget_get_height (find_css_name (nd_test_widget (tw, "s"), "trough")), ==, 200 - 2);
  g_assert_cmpfloat_with_epsilon (handle_fraction (tw, "s", 0), 0.5, 0.01);
  drag (tw, "s", handle_point (tw, "s", 0), path, 1, TRUE);
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: 8");
  press_key (tw, "s", 0, GDK_KEY_Up, 0);
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: 9");
}

/* ---- RangeSlider ---- */

static void
test_range_drag (void)
{
  g_autoptr(NdTestWindow) tw = watched_window (
    nd_dcc_range_slider ("id", "s", "min", 0, "max", 100, "step", 1, "value", nd_list (20, 80)));
  const double to_half[] = { 0.5 };
  const double past[] = { 0.6, 0.9 };

  assert_prop (tw, "s", "drag_value", "[20, 80]");
  assert_text (tw, "out-value", "value: [20, 80]");
  g_assert_cmpuint (n_handles (tw, "s"), ==, 2);
  g_assert_cmpfloat_with_epsilon (handle_fraction (tw, "s", 1), 0.8, 0.01);

  drag (tw, "s", handle_point (tw, "s", 1), to_half, 1, FALSE);
  nd_test_window_settle (tw);
  assert_prop (tw, "s", "drag_value", "[20, 50]");
  assert_text (tw, "out-drag", "drag: [20, 50]");
  assert_text (tw, "out-value", "value: [20, 80]");
  g_signal_emit_by_name (controller_of (nd_test_widget (tw, "s"), GTK_TYPE_GESTURE_DRAG), "drag-end", 0.0, 0.0);
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: [20, 50]");

  /* allowCross (the default): the low handle passes the high one */
  drag (tw, "s", handle_point (tw, "s", 0), past, G_N_ELEMENTS (past), TRUE);
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: [50, 90]");
  g_assert_cmpfloat_with_epsilon (handle_fraction (tw, "s", 0), 0.5, 0.01);
  g_assert_cmpfloat_with_epsilon (handle_fraction (tw, "s", 1), 0.9, 0.01);
}

static void
test_range_keyboard_and_limits (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Sliders");
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_range_slider ("id", "s", "min", 0, "max", 10, "value", nd_list (2, 6), "allowCross", nd_bool (FALSE)),
    nd_dcc_range_slider ("id", "p", "min", 0, "max", 10, "value", nd_list (2, 6), "pushable", 2),
    nd_html_div ("id", "out-value"))));
  nd_app_callback (app, show_value, nd_output ("out-value", "children"), nd_input ("s", "value"));
  tw = nd_test_window_new (app);
  nd_test_window_set_size (tw, 700, 400);

  press_key (tw, "s", 1, GDK_KEY_Left, 0);
  nd_test_window_settle (tw);
  assert_prop (tw, "s", "value", "[2, 5]");
  assert_prop (tw, "s", "drag_value", "[2, 5]");
  assert_text (tw, "out-value", "value: [2, 5]");
  /* allowCross=False: the low handle stops at the high one */
  press_key (tw, "s", 0, GDK_KEY_End, 0);
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: [5, 5]");

  /* pushable=2: the low handle pushes the high one, two apart */
  press_key (tw, "p", 0, GDK_KEY_Page_Up, 0);
  nd_test_window_settle (tw);
  assert_prop (tw, "p", "value", "[8, 10]");
  press_key (tw, "p", 1, GDK_KEY_Home, 0);
  nd_test_window_settle (tw);
  assert_prop (tw, "p", "value", "[0, 2]");
}

static void
set_range (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_list (10, 30, 60), nd_bool (FALSE));
}

static void
test_range_callback_props (void)
{
  NdApp *app = watched_app (nd_dcc_range_slider ("id", "s", "min", 0, "max", 100, "value", nd_list (20, 80)));
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_callback (app, set_range, nd_output ("s", "value"), nd_output ("s", "included"),
                   nd_input ("go", "n_clicks"), nd_prevent_initial_call ());
  tw = nd_test_window_new (app);
  nd_test_window_set_size (tw, 700, 400);
  g_assert_true (gtk_widget_get_visible (find_css_name (nd_test_widget (tw, "s"), "highlight")));
  g_signal_emit_by_name (nd_test_widget (tw, "go"), "clicked");
  nd_test_window_settle (tw);
  g_assert_cmpuint (n_handles (tw, "s"), ==, 3);
  g_assert_cmpfloat_with_epsilon (handle_fraction (tw, "s", 2), 0.6, 0.01);
  assert_text (tw, "out-drag", "drag: [10, 30, 60]");
  g_assert_false (gtk_widget_get_visible (find_css_name (nd_test_widget (tw, "s"), "highlight")));
}

/* Two number boxes: the first value's and the last one's. */
static void
test_range_direct_input (void)
{
  g_autoptr(NdTestWindow) tw = watched_window (
    nd_dcc_range_slider ("id", "s", "min", 0, "max", 100, "value", nd_list (20, 80)));

  type_into (entry_of (tw, "s", 0), "35");
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: [35, 80]");
  type_into (entry_of (tw, "s", 1), "90");
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: [35, 90]");
  /* the first value cannot pass the last */
  type_into (entry_of (tw, "s", 0), "95");
  nd_test_window_settle (tw);
  assert_text (tw, "out-value", "value: [90, 90]");
  g_assert_cmpfloat_with_epsilon (handle_fraction (tw, "s", 0), 0.9, 0.01);
}

/* ---- the page ---- */

static NdApp *
page_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Sliders");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_h3 ("Sliders"),
    nd_html_label ("Opacity"),
    nd_dcc_slider ("id", "opacity", "min", 0, "max", 1, "step", 0.05, "value", 0.6),
    nd_html_label ("Year"),
    nd_dcc_slider ("id", "year", "min", 1952, "max", 2007, "step", nd_null (), "value", 1977,
                   "marks", nd_dict ("1952", "1952", "1962", "1962", "1967", "1967", "1972", "1972",
                                     "1977", "1977", "1982", "1982", "1987", "1987", "1992", "1992",
                                     "1997", "1997", "2002", "2002", "2007", "2007")),
    nd_html_label ("Temperature"),
    nd_dcc_slider ("id", "temp", "min", -10, "max", 40, "step", 5, "value", 20, "dots", nd_bool (TRUE),
                   "marks", nd_dict ("-10", "-10 °C", "0", nd_dict ("label", "0 °C", "style", nd_dict ("color", "#1c71d8")),
                                     "20", "20 °C", "40", nd_dict ("label", "40 °C", "style", nd_dict ("color", "#e01b24"))),
                   "tooltip", nd_dict ("always_visible", nd_bool (TRUE), "placement", "top"),
                   "allow_direct_input", nd_bool (FALSE)),
    nd_html_label ("Price range"),
    nd_dcc_range_slider ("id", "price", "min", 0, "max", 500, "step", 10, "value", nd_list (120, 380)),
    nd_html_label ("Disabled"),
    nd_dcc_slider ("id", "off", "min", 0, "max", 10, "value", 4, "disabled", nd_bool (TRUE),
                   "allow_direct_input", nd_bool (FALSE)),
    nd_html_div (nd_list (
      nd_dcc_slider ("id", "vol", "min", 0, "max", 100, "step", 10, "value", 70, "vertical", nd_bool (TRUE),
                     "verticalHeight", 160, "marks", nd_null ()),
      nd_dcc_range_slider ("id", "band", "min", 0, "max", 20, "value", nd_list (4, 9, 15), "vertical", nd_bool (TRUE),
                           "verticalHeight", 160, "marks", nd_dict ("0", "0", "10", "10", "20", "20"))),
      "style", nd_dict ("display", "flex", "gap", "48px", "marginTop", "12px")))));
  return app;
}

static void
test_page (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (page_app ());

  nd_test_window_set_size (tw, 900, 760);
  nd_test_compare_golden (tw, "sliders", 0.02);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, "gtk-cursor-blink", FALSE, NULL);
  g_test_add_func ("/widgets/sliders/slider-drag-mouseup", test_slider_drag_mouseup);
  g_test_add_func ("/widgets/sliders/slider-drag-mode", test_slider_drag_mode);
  g_test_add_func ("/widgets/sliders/slider-click-track", test_slider_click_track);
  g_test_add_func ("/widgets/sliders/slider-keyboard", test_slider_keyboard);
  g_test_add_func ("/widgets/sliders/slider-snaps-to-marks", test_slider_snaps_to_marks);
  g_test_add_func ("/widgets/sliders/slider-auto-marks", test_slider_auto_marks);
  g_test_add_func ("/widgets/sliders/slider-callback-props", test_slider_callback_props);
  g_test_add_func ("/widgets/sliders/slider-direct-input", test_slider_direct_input);
  g_test_add_func ("/widgets/sliders/slider-tooltip", test_slider_tooltip);
  g_test_add_func ("/widgets/sliders/slider-vertical", test_slider_vertical);
  g_test_add_func ("/widgets/sliders/range-drag", test_range_drag);
  g_test_add_func ("/widgets/sliders/range-keyboard-and-limits", test_range_keyboard_and_limits);
  g_test_add_func ("/widgets/sliders/range-callback-props", test_range_callback_props);
  g_test_add_func ("/widgets/sliders/range-direct-input", test_range_direct_input);
  g_test_add_func ("/widgets/sliders/page", test_page);
  return g_test_run ();
}
