/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The layout kits (dash-bootstrap-components, dash-mantine-components)
 * under a real window: choices, clicks, dismissing an alert and typing
 * driven as a user drives them, checked in the session and in what a
 * callback shows; callbacks changing their props; grid columns at two
 * window widths; themes; and a page of all of them.
 */
#include <math.h>
#include <string.h>

#include "nd-widget-test.h"

/* declared in nd-kits.c, not in a public header yet */
void nd_kits_load_theme (GdkDisplay *display, const char *theme_name_or_url);

#define NS_DBC "dash_bootstrap_components"
#define NS_DMC "dash_mantine_components"
#define dbc(type, ...) nd_component (NS_DBC, type __VA_OPT__(,) __VA_ARGS__)
#define dmc(type, ...) nd_component (NS_DMC, type __VA_OPT__(,) __VA_ARGS__)

/* ---- helpers ---- */

static void
collect (GtkWidget *widget, GType type, GPtrArray *out)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        g_ptr_array_add (out, c);
      collect (c, type, out);
    }
}

static GPtrArray *
find_all (GtkWidget *widget, GType type)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (widget, type, out);
  return out;
}

#define assert_text(tw, id, expected)                                   \
  G_STMT_START {                                                        \
    g_autofree char *_t = nd_test_widget_text (nd_test_widget ((tw), (id))); \
    g_assert_cmpstr (_t, ==, (expected));                               \
  } G_STMT_END

/* The prop as Python's str() prints it: None, True, 'pop' as pop. */
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

/* "<prefix>: <str(arg 0)>" */
static void
show_arg (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_py_str (nd_arg (ctx, 0));

  nd_return (ctx, nd_strf ("%s: %s", (const char *) user_data, text));
}

/* Returns user_data (a JSON text) once the input (n_clicks) is set. */
static void
set_on_click (NdCallbackContext *ctx, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  if (nd_callback_context_arg_is_null (ctx, 0))
    {
      nd_callback_context_prevent_update (ctx);
      return;
    }
  nd_callback_context_set_output (ctx, 0, nd_json_parse (user_data, -1, 16, &error));
  g_assert_no_error (error);
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* GTK lays out on its frame clock, which may wait for the X server: spin
 * until @cond holds, with a deadline. */
#define wait_for(cond)                                                        \
  G_STMT_START {                                                              \
    gint64 _deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;      \
    guint _wake = g_timeout_add (5, wake, NULL);                              \
    while (!(cond))                                                           \
      {                                                                       \
        g_assert_cmpint (g_get_monotonic_time (), <, _deadline);              \
        g_main_context_iteration (NULL, TRUE);                                \
      }                                                                       \
    g_source_remove (_wake);                                                  \
  } G_STMT_END

static graphene_rect_t
bounds_in (GtkWidget *widget, GtkWidget *ancestor)
{
  graphene_rect_t r;

  g_assert_true (gtk_widget_compute_bounds (widget, ancestor, &r));
  return r;
}

/* ---- dbc.RadioItems ---- */

static NdApp *
radio_items_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Kits");

  nd_app_set_layout (app, nd_html_div (nd_list (
    dbc ("RadioItems", "id", "radio", "inline", nd_bool (TRUE), "value", "lifeExp",
         "options", nd_list (nd_dict ("label", "Population", "value", "pop"),
                             nd_dict ("label", "Life expectancy", "value", "lifeExp"),
                             nd_dict ("label", "GDP per capita", "value", "gdpPercap",
                                      "disabled", nd_bool (TRUE)))),
    nd_html_button ("pick", "id", "pick"),
    nd_html_button ("new options", "id", "new-options"),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, show_arg, "chosen", nd_output ("out", "children"), nd_input ("radio", "value"));
  nd_app_callback_data (app, set_on_click, "\"pop\"", nd_output ("radio", "value"), nd_input ("pick", "n_clicks"),
                   nd_prevent_initial_call ());
  nd_app_callback_data (app, set_on_click, "[\"a\", \"b\"]", nd_output ("radio", "options"),
                   nd_input ("new-options", "n_clicks"),
                   nd_prevent_initial_call ());
  return app;
}

static void
test_radio_items (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (radio_items_app ());
  g_autoptr(GPtrArray) checks = find_all (nd_test_widget (tw, "radio"), GTK_TYPE_CHECK_BUTTON);

  g_assert_cmpuint (checks->len, ==, 3);
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 1)));
  g_assert_false (gtk_widget_get_sensitive (g_ptr_array_index (checks, 2)));
  assert_text (tw, "out", "chosen: lifeExp");

  /* the user picks "Population" */
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
  nd_test_window_settle (tw);
  assert_prop (tw, "radio", "value", "pop");
  assert_text (tw, "out", "chosen: pop");
  gtk_check_button_set_active (g_ptr_array_index (checks, 1), TRUE);
  nd_test_window_settle (tw);
  assert_prop (tw, "radio", "value", "lifeExp");
  assert_text (tw, "out", "chosen: lifeExp");

  /* a callback sets the value: the choice follows */
  g_signal_emit_by_name (nd_test_widget (tw, "pick"), "clicked");
  nd_test_window_settle (tw);
  assert_prop (tw, "radio", "value", "pop");
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 1)));
  assert_text (tw, "out", "chosen: pop");

  /* new options from a callback: "pop" is not among them, nothing checked */
  g_signal_emit_by_name (nd_test_widget (tw, "new-options"), "clicked");
  nd_test_window_settle (tw);
  {
    g_autoptr(GPtrArray) now = find_all (nd_test_widget (tw, "radio"), GTK_TYPE_CHECK_BUTTON);

    g_assert_cmpuint (now->len, ==, 2);
    g_assert_cmpstr (gtk_check_button_get_label (g_ptr_array_index (now, 1)), ==, "b");
    g_assert_false (gtk_check_button_get_active (g_ptr_array_index (now, 0)));
    g_assert_false (gtk_check_button_get_active (g_ptr_array_index (now, 1)));
    gtk_check_button_set_active (g_ptr_array_index (now, 1), TRUE);
    nd_test_window_settle (tw);
    assert_prop (tw, "radio", "value", "b");
    assert_text (tw, "out", "chosen: b");
  }
}

/* ---- dmc.RadioGroup / dmc.Radio ---- */

static NdApp *
radio_group_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Kits");

  nd_app_set_layout (app, dmc ("MantineProvider", nd_list (
    dmc ("RadioGroup", nd_list (dmc ("Radio", "label", "pop", "value", "pop"),
                                dmc ("Radio", "label", "lifeExp", "value", "lifeExp"),
                                dmc ("Radio", "label", "gdpPercap", "value", "gdpPercap")),
         "id", "group", "value", "lifeExp", "label", "Pick a column", "size", "sm"),
    dmc ("Radio", "id", "alone", "label", "Standalone", "value", "x"),
    nd_html_button ("pick", "id", "pick"),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "out-alone"))));
  nd_app_callback_data (app, show_arg, "chosen", nd_output ("out", "children"), nd_input ("group", "value"));
  nd_app_callback_data (app, show_arg, "checked", nd_output ("out-alone", "children"), nd_input ("alone", "checked"));
  nd_app_callback_data (app, set_on_click, "\"gdpPercap\"", nd_output ("group", "value"), nd_input ("pick", "n_clicks"),
                   nd_prevent_initial_call ());
  return app;
}

static void
test_radio_group (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (radio_group_app ());
  g_autoptr(GPtrArray) checks = find_all (nd_test_widget (tw, "group"), GTK_TYPE_CHECK_BUTTON);
  g_autofree char *all = nd_test_widget_text (nd_test_widget (tw, "group"));

  g_assert_cmpstr (all, ==, "Pick a column pop lifeExp gdpPercap");
  g_assert_cmpuint (checks->len, ==, 3);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 1)));
  assert_text (tw, "out", "chosen: lifeExp");

  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
  nd_test_window_settle (tw);
  assert_prop (tw, "group", "value", "pop");
  assert_text (tw, "out", "chosen: pop");
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 1)));

  /* a callback sets the group's value */
  g_signal_emit_by_name (nd_test_widget (tw, "pick"), "clicked");
  nd_test_window_settle (tw);
  assert_prop (tw, "group", "value", "gdpPercap");
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 2)));
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  assert_text (tw, "out", "chosen: gdpPercap");

  /* a Radio outside a group reports `checked` */
  assert_text (tw, "out-alone", "checked: None");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (nd_test_widget (tw, "alone")), TRUE);
  nd_test_window_settle (tw);
  assert_prop (tw, "alone", "checked", "True");
  assert_text (tw, "out-alone", "checked: True");
}

/* ---- buttons ---- */

static void
saved (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_arg_is_null (ctx, 0))
    {
      nd_callback_context_prevent_update (ctx);
      return;
    }
  nd_return (ctx, nd_bool (TRUE), "Saved", "danger");
}

static NdApp *
buttons_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Kits");

  nd_app_set_layout (app, nd_html_div (nd_list (
    dbc ("Button", "Save", "id", "save", "color", "success", "n_clicks", 0),
    dbc ("Button", "Cancel", "id", "cancel", "color", "secondary", "outline", nd_bool (TRUE), "size", "sm"),
    dmc ("Button", "Go", "id", "go", "variant", "light", "color", "teal"),
    nd_html_div ("id", "out-save"),
    nd_html_div ("id", "out-go"))));
  nd_app_callback_data (app, show_arg, "save", nd_output ("out-save", "children"), nd_input ("save", "n_clicks"));
  nd_app_callback_data (app, show_arg, "go", nd_output ("out-go", "children"), nd_input ("go", "n_clicks"));
  nd_app_callback (app, saved, nd_output ("save", "disabled"), nd_output ("save", "children"),
                   nd_output ("save", "color"), nd_input ("go", "n_clicks"),
                   nd_prevent_initial_call ());
  return app;
}

static void
test_buttons (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (buttons_app ());
  GtkWidget *save = nd_test_widget (tw, "save");
  GtkWidget *cancel = nd_test_widget (tw, "cancel");
  GtkWidget *go = nd_test_widget (tw, "go");

  g_assert_true (GTK_IS_BUTTON (save));
  g_assert_true (gtk_widget_has_css_class (save, "nd-c-success"));
  g_assert_true (gtk_widget_has_css_class (cancel, "nd-outline"));
  g_assert_true (gtk_widget_has_css_class (cancel, "nd-size-sm"));
  g_assert_true (gtk_widget_has_css_class (go, "nd-v-light"));
  g_assert_true (gtk_widget_has_css_class (go, "nd-m-teal"));
  assert_text (tw, "out-save", "save: 0");
  assert_text (tw, "out-go", "go: None");

  g_signal_emit_by_name (save, "clicked");
  g_signal_emit_by_name (save, "clicked");
  nd_test_window_settle (tw);
  g_assert_cmpfloat (nd_test_prop_number (tw, "save", "n_clicks"), ==, 2);
  g_assert_cmpfloat (nd_test_prop_number (tw, "save", "n_clicks_timestamp"), >, 1.6e12);
  assert_text (tw, "out-save", "save: 2");

  /* dmc.Button counts n_clicks only; a callback then changes the dbc one */
  g_signal_emit_by_name (go, "clicked");
  nd_test_window_settle (tw);
  g_assert_cmpfloat (nd_test_prop_number (tw, "go", "n_clicks"), ==, 1);
  g_assert_true (isnan (nd_test_prop_number (tw, "go", "n_clicks_timestamp")));
  assert_text (tw, "out-go", "go: 1");
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_has_css_class (save, "nd-c-danger"));
  g_assert_false (gtk_widget_has_css_class (save, "nd-c-success"));
  assert_text (tw, "save", "Saved");
}

/* ---- Alert ---- */

static void
reopen (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_arg_is_null (ctx, 0))
    {
      nd_callback_context_prevent_update (ctx);
      return;
    }
  nd_return (ctx, nd_bool (TRUE));
}

static NdApp *
alert_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Kits");

  nd_app_set_layout (app, nd_html_div (nd_list (
    dbc ("Alert", "Heads up: the data is from 2007.", "id", "alert", "color", "warning",
         "dismissable", nd_bool (TRUE), "is_open", nd_bool (TRUE)),
    dbc ("Alert", "Saved.", "id", "toast", "color", "success", "duration", 100, "is_open", nd_bool (TRUE)),
    nd_html_button ("show", "id", "show"),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "out-toast"))));
  nd_app_callback_data (app, show_arg, "open", nd_output ("out", "children"), nd_input ("alert", "is_open"));
  nd_app_callback_data (app, show_arg, "toast", nd_output ("out-toast", "children"), nd_input ("toast", "is_open"));
  nd_app_callback (app, reopen, nd_output ("alert", "is_open"), nd_input ("show", "n_clicks"),
                   nd_prevent_initial_call ());
  return app;
}

static void
test_alert (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (alert_app ());
  GtkWidget *alert = nd_test_widget (tw, "alert");
  GtkWidget *close = nd_test_find (alert, GTK_TYPE_BUTTON);
  gint64 deadline;

  assert_text (tw, "alert", "Heads up: the data is from 2007.");
  assert_text (tw, "out", "open: True");
  g_assert_nonnull (close);
  g_assert_true (gtk_widget_get_visible (close));

  /* the user dismisses it */
  g_signal_emit_by_name (close, "clicked");
  nd_test_window_settle (tw);
  assert_prop (tw, "alert", "is_open", "False");
  assert_text (tw, "out", "open: False");
  assert_text (tw, "alert", "");

  /* a callback opens it again */
  g_signal_emit_by_name (nd_test_widget (tw, "show"), "clicked");
  nd_test_window_settle (tw);
  assert_prop (tw, "alert", "is_open", "True");
  assert_text (tw, "alert", "Heads up: the data is from 2007.");
  assert_text (tw, "out", "open: True");

  /* duration: it closes itself and reports it */
  deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  for (;;)
    {
      g_autofree char *open = prop_repr (tw, "toast", "is_open");

      if (g_str_equal (open, "False"))
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  nd_test_window_settle (tw);
  assert_text (tw, "out-toast", "toast: False");
  assert_text (tw, "toast", "");
}

/* ---- grids at two window widths ---- */

static NdApp *
grid_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Kits");

  nd_app_set_layout (app, nd_html_div (nd_list (
    dbc ("Container", nd_list (
      dbc ("Row", nd_list (
        dbc ("Col", "A", "id", "a", "xs", 12, "md", 6),
        dbc ("Col", "B", "id", "b", "xs", 12, "md", 6),
        dbc ("Col", "C", "id", "c", "width", nd_dict ("size", 4, "offset", 2), "lg", 3),
        dbc ("Col", "D", "id", "d")), "id", "row")), "fluid", nd_bool (TRUE), "id", "fluid"),
    dmc ("Grid", nd_list (
      dmc ("GridCol", "E", "id", "e", "span", nd_dict ("base", 12, "sm", 4)),
      dmc ("GridCol", "F", "id", "f", "span", "auto")), "id", "grid"),
    nd_html_button ("narrow", "id", "narrow"))));
  nd_app_callback_data (app, set_on_click, "{\"size\": 2}", nd_output ("d", "width"), nd_input ("narrow", "n_clicks"),
                   nd_prevent_initial_call ());
  return app;
}

#define assert_near(a, b) g_assert_cmpfloat (fabs ((double) (a) - (double) (b)), <=, 2)

static void
test_col_breakpoints (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (grid_app ());
  GtkWidget *row = nd_test_widget (tw, "row"), *grid = nd_test_widget (tw, "grid");
  graphene_rect_t a, b, c, d, e, f;
  double w, unit;

  /* 700 px: below md, A and B take whole lines; C is 4 of 12 after 2 */
  nd_test_window_set_size (tw, 700, 600);
  w = gtk_widget_get_width (row);
  unit = (w + 24) / 12;
  a = bounds_in (nd_test_widget (tw, "a"), row);
  b = bounds_in (nd_test_widget (tw, "b"), row);
  c = bounds_in (nd_test_widget (tw, "c"), row);
  d = bounds_in (nd_test_widget (tw, "d"), row);
  assert_near (a.origin.x, 0);
  assert_near (a.size.width, w);
  assert_near (b.origin.x, 0);
  g_assert_cmpfloat (b.origin.y, >, a.origin.y);
  assert_near (c.origin.x, 2 * unit);
  assert_near (c.size.width, 4 * unit - 24);
  /* D (no size) shares what is left of C's line */
  assert_near (d.origin.y, c.origin.y);
  assert_near (d.origin.x, 6 * unit);
  assert_near (d.size.width, 6 * unit - 24);
  e = bounds_in (nd_test_widget (tw, "e"), grid);
  f = bounds_in (nd_test_widget (tw, "f"), grid);
  assert_near (e.size.width, gtk_widget_get_width (grid));
  g_assert_cmpfloat (f.origin.y, >, e.origin.y);

  /* 1100 px: md and lg apply */
  nd_test_window_set_size (tw, 1100, 600);
  w = gtk_widget_get_width (row);
  unit = (w + 24) / 12;
  a = bounds_in (nd_test_widget (tw, "a"), row);
  b = bounds_in (nd_test_widget (tw, "b"), row);
  c = bounds_in (nd_test_widget (tw, "c"), row);
  assert_near (a.origin.y, b.origin.y);
  assert_near (a.size.width, 6 * unit - 24);
  assert_near (b.origin.x, 6 * unit);
  assert_near (c.origin.x, 2 * unit);
  assert_near (c.size.width, 3 * unit - 24);
  e = bounds_in (nd_test_widget (tw, "e"), grid);
  f = bounds_in (nd_test_widget (tw, "f"), grid);
  assert_near (e.origin.y, f.origin.y);
  unit = (gtk_widget_get_width (grid) + 16) / 12.0;
  assert_near (e.size.width, 4 * unit - 16);
  assert_near (f.origin.x, 4 * unit);
  assert_near (f.origin.x + f.size.width, gtk_widget_get_width (grid));

  /* a callback narrows D */
  g_signal_emit_by_name (nd_test_widget (tw, "narrow"), "clicked");
  nd_test_window_settle (tw);
  unit = (gtk_widget_get_width (row) + 24) / 12;
  wait_for (fabs (gtk_widget_get_width (nd_test_widget (tw, "d")) - (2 * unit - 24)) <= 2);

  /* back below md */
  nd_test_window_set_size (tw, 700, 600);
  a = bounds_in (nd_test_widget (tw, "a"), row);
  b = bounds_in (nd_test_widget (tw, "b"), row);
  g_assert_cmpfloat (b.origin.y, >, a.origin.y);
  assert_near (a.size.width, gtk_widget_get_width (row));
}

/* Col `align` places one column in its line; the others stretch. */
static void
test_col_align (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Kits");
  g_autoptr(NdTestWindow) tw = NULL;
  graphene_rect_t tall, stretched, low, middle;

  nd_app_set_layout (app, dbc ("Row", nd_list (
    dbc ("Col", nd_html_div ("tall", "style", nd_dict ("height", 120)), "id", "tall"),
    dbc ("Col", "stretched", "id", "stretched"),
    dbc ("Col", "low", "id", "low", "align", "end"),
    dbc ("Col", "middle", "id", "middle", "align", "center")), "id", "row"));
  tw = nd_test_window_new (app);
  nd_test_window_set_size (tw, 900, 400);
  tall = bounds_in (nd_test_widget (tw, "tall"), nd_test_widget (tw, "row"));
  stretched = bounds_in (nd_test_widget (tw, "stretched"), nd_test_widget (tw, "row"));
  low = bounds_in (nd_test_widget (tw, "low"), nd_test_widget (tw, "row"));
  middle = bounds_in (nd_test_widget (tw, "middle"), nd_test_widget (tw, "row"));
  g_assert_cmpfloat (tall.size.height, >=, 120);
  assert_near (stretched.size.height, tall.size.height);
  g_assert_cmpfloat (low.size.height, <, 60);
  assert_near (low.origin.y + low.size.height, tall.size.height);
  assert_near (middle.origin.y + middle.size.height / 2, tall.size.height / 2);
}

static void
test_containers (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Kits");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *fixed;
  graphene_rect_t r;

  nd_app_set_layout (app, nd_html_div (nd_list (
    dbc ("Container", "fixed", "id", "fixed"),
    dbc ("Container", "fluid", "id", "fluid", "fluid", nd_bool (TRUE)),
    dmc ("Container", "small", "id", "small", "size", "sm"))));
  tw = nd_test_window_new (app);
  nd_test_window_set_size (tw, 1100, 500);
  /* Bootstrap's container is 960 px (padding included) from lg (992 px)
   * on, centred */
  fixed = nd_test_widget (tw, "fixed");
  r = bounds_in (gtk_widget_get_first_child (fixed), fixed);
  assert_near (r.size.width, 960);
  assert_near (r.origin.x, (gtk_widget_get_width (fixed) - 960) / 2);
  r = bounds_in (gtk_widget_get_first_child (nd_test_widget (tw, "fluid")), nd_test_widget (tw, "fluid"));
  assert_near (r.size.width, gtk_widget_get_width (nd_test_widget (tw, "fluid")));
  r = bounds_in (gtk_widget_get_first_child (nd_test_widget (tw, "small")), nd_test_widget (tw, "small"));
  assert_near (r.size.width, 720);
  /* 720 px from md (768 px) */
  nd_test_window_set_size (tw, 800, 500);
  r = bounds_in (gtk_widget_get_first_child (fixed), fixed);
  assert_near (r.size.width, 720);
}

/* ---- dbc.Input ---- */

static NdApp *
input_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Kits");

  nd_app_set_layout (app, nd_html_div (nd_list (
    dbc ("Label", "Name", "html_for", "name"),
    dbc ("Input", "id", "name", "placeholder", "Your name", "type", "text"),
    dbc ("Input", "id", "num", "type", "number", "value", 5, "min", 0),
    nd_html_button ("reset", "id", "reset"),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "out-submit"),
    nd_html_div ("id", "out-num"))));
  nd_app_callback_data (app, show_arg, "name", nd_output ("out", "children"), nd_input ("name", "value"));
  nd_app_callback_data (app, show_arg, "submitted", nd_output ("out-submit", "children"), nd_input ("name", "n_submit"));
  nd_app_callback_data (app, show_arg, "num", nd_output ("out-num", "children"), nd_input ("num", "value"));
  nd_app_callback_data (app, set_on_click, "\"Grace\"", nd_output ("name", "value"), nd_input ("reset", "n_clicks"),
                   nd_prevent_initial_call ());
  return app;
}

static void
test_input (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (input_app ());
  GtkWidget *entry = nd_test_widget (tw, "name");
  GtkWidget *num = nd_test_widget (tw, "num");

  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)), ==, "Your name");
  assert_text (tw, "out", "name: None");
  assert_text (tw, "out-num", "num: 5");

  gtk_editable_set_text (GTK_EDITABLE (entry), "Ada");
  nd_test_window_settle (tw);
  assert_prop (tw, "name", "value", "Ada");
  assert_text (tw, "out", "name: Ada");
  g_signal_emit_by_name (entry, "activate");
  nd_test_window_settle (tw);
  g_assert_cmpfloat (nd_test_prop_number (tw, "name", "n_submit"), ==, 1);
  g_assert_cmpfloat (nd_test_prop_number (tw, "name", "n_submit_timestamp"), >, 1.6e12);
  assert_text (tw, "out-submit", "submitted: 1");

  /* a number input reports numbers, and null for what is not one */
  gtk_editable_set_text (GTK_EDITABLE (num), "7.5");
  nd_test_window_settle (tw);
  g_assert_cmpfloat (nd_test_prop_number (tw, "num", "value"), ==, 7.5);
  assert_text (tw, "out-num", "num: 7.5");
  gtk_editable_set_text (GTK_EDITABLE (num), "-3");
  nd_test_window_settle (tw);
  assert_prop (tw, "num", "value", "None");
  assert_text (tw, "out-num", "num: None");

  /* a callback writes the value: shown, not reported back as typing */
  g_signal_emit_by_name (nd_test_widget (tw, "reset"), "clicked");
  nd_test_window_settle (tw);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Grace");
  assert_text (tw, "out", "name: Grace");
}

/* ---- Title, Text, Card, Badge ---- */

static void
retitle (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_arg_is_null (ctx, 0))
    {
      nd_callback_context_prevent_update (ctx);
      return;
    }
  nd_return (ctx, "Renamed", 4, "red", nd_html_p ("Body from a callback"), "success");
}

static void
test_text_and_cards (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Kits");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *title, *text;

  nd_app_set_layout (app, nd_html_div (nd_list (
    dmc ("Title", "Hello", "id", "title", "order", 2, "ta", "center"),
    dmc ("Text", "Some words", "id", "text", "c", "dimmed", "size", "sm", "fw", 500),
    dbc ("Card", nd_list (dbc ("CardHeader", "Header"), dbc ("CardBody", "Body", "id", "body"),
                          dbc ("CardFooter", "Footer")), "id", "card"),
    dbc ("Badge", "3", "id", "badge", "color", "danger", "pill", nd_bool (TRUE)),
    nd_html_button ("go", "id", "go"))));
  nd_app_callback (app, retitle, nd_output ("title", "children"), nd_output ("title", "order"),
                   nd_output ("text", "c"), nd_output ("body", "children"), nd_output ("badge", "color"),
                   nd_input ("go", "n_clicks"),
                   nd_prevent_initial_call ());
  tw = nd_test_window_new (app);
  title = nd_test_widget (tw, "title");
  text = nd_test_widget (tw, "text");
  g_assert_true (gtk_widget_has_css_class (title, "nd-dmc-h2"));
  g_assert_true (gtk_widget_has_css_class (text, "nd-dmc-c-dimmed"));
  g_assert_true (gtk_widget_has_css_class (text, "nd-dmc-size-sm"));
  g_assert_true (gtk_widget_has_css_class (text, "nd-fw-500"));
  {
    GtkWidget *label = nd_test_find (title, GTK_TYPE_LABEL);
    g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (label)), ==, 0.5);
  }
  assert_text (tw, "card", "Header Body Footer");
  g_assert_true (gtk_widget_has_css_class (nd_test_widget (tw, "badge"), "nd-c-danger"));
  g_assert_true (gtk_widget_has_css_class (nd_test_widget (tw, "badge"), "nd-pill"));

  g_signal_emit_by_name (nd_test_widget (tw, "go"), "clicked");
  nd_test_window_settle (tw);
  assert_text (tw, "title", "Renamed");
  g_assert_true (gtk_widget_has_css_class (title, "nd-dmc-h4"));
  g_assert_false (gtk_widget_has_css_class (title, "nd-dmc-h2"));
  g_assert_true (gtk_widget_has_css_class (text, "nd-dmc-c-red"));
  g_assert_false (gtk_widget_has_css_class (text, "nd-dmc-c-dimmed"));
  assert_text (tw, "card", "Header Body from a callback Footer");
  g_assert_true (gtk_widget_has_css_class (nd_test_widget (tw, "badge"), "nd-c-success"));
  {
    GtkWidget *label = nd_test_find (title, GTK_TYPE_LABEL);
    g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (label)), ==, 0.5);
  }
}

/* ---- odd props: accepted, ignored, never a crash ---- */

static void
set_odd (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_arg_is_null (ctx, 0))
    {
      nd_callback_context_prevent_update (ctx);
      return;
    }
  nd_return (ctx, nd_dict ("nested", nd_list (1, 2)), nd_list ("x"), "bogus");
}

static void
test_odd_props (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Kits");
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    dbc ("Row", nd_list (
      dbc ("Col", "x", "id", "col", "width", nd_dict ("size", "huge", "offset", nd_list (1)), "md", nd_bool (FALSE)),
      dbc ("Col", "y", "width", 40, "lg", nd_dict ("order", "last"))),
      "id", "row", "className", "g-9 gx-", "justify", 5),
    dmc ("Grid", nd_list (dmc ("GridCol", "z", "span", "weird", "offset", nd_dict ("md", "x"))),
         "gutter", nd_list (1), "columns", 0),
    dbc ("Button", "b", "id", "btn", "color", "#123456", "size", 3, "whatever", nd_dict ("a", nd_null ())),
    dbc ("Alert", "a", "id", "alert", "duration", "soon", "color", nd_list ()),
    dbc ("RadioItems", "id", "radio", "options", nd_dict ("1", "one", "2", nd_list ("t", "wo"))),
    dmc ("Text", "t", "c", "red; } * { color: blue", "fw", "heavy", "size", nd_list ()),
    dmc ("Title", "t", "order", 42),
    nd_html_button ("go", "id", "go"))));
  nd_app_callback (app, set_odd, nd_output ("btn", "whatever"), nd_output ("col", "width"),
                   nd_output ("radio", "value"), nd_input ("go", "n_clicks"),
                   nd_prevent_initial_call ());
  tw = nd_test_window_new (app);
  nd_test_window_set_size (tw, 900, 500);
  g_signal_emit_by_name (nd_test_widget (tw, "go"), "clicked");
  nd_test_window_settle (tw);
  assert_prop (tw, "radio", "value", "bogus");
  {
    g_autoptr(GPtrArray) checks = find_all (nd_test_widget (tw, "radio"), GTK_TYPE_CHECK_BUTTON);
    g_assert_cmpuint (checks->len, ==, 2);
    g_assert_cmpstr (gtk_check_button_get_label (g_ptr_array_index (checks, 0)), ==, "one");
  }
}

/* ---- themes ---- */

static void
rgba_of (GtkWidget *widget, GdkRGBA *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
test_theme (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Kits");
  g_autoptr(NdTestWindow) tw = NULL;
  GdkDisplay *display = gdk_display_get_default ();
  GtkWidget *label;
  GdkRGBA c;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_div ("Title", "id", "title", "className", "text-primary fs-3"))));
  tw = nd_test_window_new (app);
  label = nd_test_find (nd_test_widget (tw, "title"), GTK_TYPE_LABEL);
  rgba_of (label, &c);
  g_assert_false (fabs (c.red - 0x2f / 255.0) < 0.01 && fabs (c.blue - 0xe7 / 255.0) < 0.01);

  /* what dbc.themes.CERULEAN holds */
  nd_kits_load_theme (display, "https://cdn.jsdelivr.net/npm/bootswatch@5.3.3/dist/cerulean/bootstrap.min.css");
  nd_test_window_settle (tw);
  rgba_of (label, &c);
  g_assert_cmpfloat (fabs (c.red - 0x2f / 255.0), <, 0.01);
  g_assert_cmpfloat (fabs (c.green - 0xa4 / 255.0), <, 0.01);
  g_assert_cmpfloat (fabs (c.blue - 0xe7 / 255.0), <, 0.01);

  /* Bootstrap's own, by name */
  nd_kits_load_theme (display, "BOOTSTRAP");
  nd_test_window_settle (tw);
  rgba_of (label, &c);
  g_assert_cmpfloat (fabs (c.red - 0x0d / 255.0), <, 0.01);
  g_assert_cmpfloat (fabs (c.blue - 0xfd / 255.0), <, 0.01);

  /* an unknown one changes nothing; NULL goes back to no theme */
  nd_kits_load_theme (display, "https://example.org/not-a-theme.css");
  rgba_of (label, &c);
  g_assert_cmpfloat (fabs (c.blue - 0xfd / 255.0), <, 0.01);
  nd_kits_load_theme (display, NULL);
  nd_test_window_settle (tw);
  rgba_of (label, &c);
  g_assert_false (fabs (c.red - 0x0d / 255.0) < 0.01 && fabs (c.blue - 0xfd / 255.0) < 0.01);
}

/* ---- the page ---- */

static NdApp *
page_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Kits");
  JsonNode *form, *card, *alerts, *group, *buttons;

  form = dbc ("CardBody", nd_list (
    dbc ("Label", "Column"),
    dbc ("RadioItems", "id", "radio", "inline", nd_bool (TRUE), "value", "lifeExp",
         "options", nd_list (nd_dict ("label", "pop", "value", "pop"),
                             nd_dict ("label", "lifeExp", "value", "lifeExp"),
                             nd_dict ("label", "gdpPercap", "value", "gdpPercap"))),
    nd_html_br (),
    dbc ("Label", "Name"),
    dbc ("Input", "id", "name", "placeholder", "Your name"),
    nd_html_br (),
    dbc ("Button", "Primary", "id", "b1"), " ",
    dbc ("Button", "Success", "color", "success"), " ",
    dbc ("Button", "Outline", "color", "secondary", "outline", nd_bool (TRUE)), " ",
    dbc ("Button", "Small", "color", "danger", "size", "sm"), " ",
    dbc ("Button", "Link", "color", "link")));
  card = dbc ("Card", nd_list (
    dbc ("CardHeader", "Bootstrap"),
    form,
    dbc ("CardFooter", nd_list ("Status ", dbc ("Badge", "new", "color", "success"), " ",
                                dbc ("Badge", "42", "color", "danger", "pill", nd_bool (TRUE)), " ",
                                dbc ("Badge", "draft", "color", "secondary")))));
  alerts = nd_list (
    dbc ("Alert", "Heads up: the data is from 2007.", "color", "info", "dismissable", nd_bool (TRUE)),
    dbc ("Alert", "Saved.", "color", "success"),
    dbc ("Alert", "Could not reach the server.", "color", "danger"));
  group = dmc ("RadioGroup", nd_list (dmc ("Radio", "label", "pop", "value", "pop"),
                                      dmc ("Radio", "label", "lifeExp", "value", "lifeExp"),
                                      dmc ("Radio", "label", "gdpPercap", "value", "gdpPercap")),
               "id", "group", "value", "pop", "label", "Pick a column", "description", "Shown on the y axis");
  buttons = nd_list (
    dmc ("Text", "Filled, light, outline, subtle:", "fw", 500),
    dmc ("Button", "Filled", "id", "m1"), " ",
    dmc ("Button", "Light", "variant", "light"), " ",
    dmc ("Button", "Outline", "variant", "outline", "color", "teal"), " ",
    dmc ("Button", "Subtle", "variant", "subtle", "color", "red"));
  nd_app_set_layout (app, dbc ("Container", nd_list (
    dbc ("Row", nd_list (dbc ("Col", card, "md", 7), dbc ("Col", alerts, "md", 5))),
    nd_html_hr (),
    dmc ("Title", "Mantine", "order", 3),
    dmc ("Text", "A grid of two columns: a radio group and buttons.", "c", "dimmed", "size", "sm"),
    dmc ("Grid", nd_list (dmc ("GridCol", group, "span", 4), dmc ("GridCol", buttons, "span", 8)),
         "style", nd_dict ("marginTop", 12))),
    "fluid", nd_bool (TRUE)));
  return app;
}

static void
test_page (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (page_app ());

  nd_test_window_set_size (tw, 900, 700);
  nd_test_compare_golden (tw, "kits", 0.02);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, "gtk-cursor-blink", FALSE, NULL);
  g_test_add_func ("/widgets/kits/radio-items", test_radio_items);
  g_test_add_func ("/widgets/kits/radio-group", test_radio_group);
  g_test_add_func ("/widgets/kits/buttons", test_buttons);
  g_test_add_func ("/widgets/kits/alert", test_alert);
  g_test_add_func ("/widgets/kits/col-breakpoints", test_col_breakpoints);
  g_test_add_func ("/widgets/kits/col-align", test_col_align);
  g_test_add_func ("/widgets/kits/containers", test_containers);
  g_test_add_func ("/widgets/kits/input", test_input);
  g_test_add_func ("/widgets/kits/text-and-cards", test_text_and_cards);
  g_test_add_func ("/widgets/kits/odd-props", test_odd_props);
  g_test_add_func ("/widgets/kits/theme", test_theme);
  g_test_add_func ("/widgets/kits/page", test_page);
  return g_test_run ();
}
