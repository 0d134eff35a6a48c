/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dcc.Tabs and dcc.Tab under a real window: clicking a tab reports
 * `Tabs.value` and shows only that Tab's children; callbacks switch the
 * tab, and rewrite a Tab's children and label.
 */
#include <string.h>

#include "nd-widget-test.h"

/* The tab headers of a Tabs widget, in order. */
static GPtrArray *
tab_headers (GtkWidget *tabs)
{
  GPtrArray *found = g_ptr_array_new ();
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, tabs);
  while (stack->len)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_widget_get_css_name (w), "tab") == 0)
        {
          g_ptr_array_add (found, w);
          continue;
        }
      /* the content area is not the header */
      if (g_strcmp0 (gtk_widget_get_css_name (w), "stack") == 0)
        continue;
      for (GtkWidget *c = gtk_widget_get_last_child (w); c; c = gtk_widget_get_prev_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_unref (stack);
  return found;
}

static GtkWidget *
tab_header (GtkWidget *tabs, guint index)
{
  g_autoptr(GPtrArray) headers = tab_headers (tabs);

  g_assert_cmpuint (index, <, headers->len);
  return g_ptr_array_index (headers, index);
}

static GtkWidget *
content_of (GtkWidget *tabs)
{
  return gtk_widget_get_last_child (tabs);
}

static gboolean
is_selected (GtkWidget *header)
{
  return (gtk_widget_get_state_flags (header) & GTK_STATE_FLAG_CHECKED) != 0;
}

static void
assert_text (GtkWidget *widget, const char *want)
{
  g_autofree char *text = nd_test_widget_text (widget);

  g_assert_cmpstr (text, ==, want);
}

static void
click (NdTestWindow *tw, GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
  nd_test_window_settle (tw);
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Whether @below is laid out under @above (once GTK has allocated them). */
static gboolean
is_below (GtkWidget *above, GtkWidget *below, GtkWidget *relative_to)
{
  graphene_rect_t a, b;

  if (!gtk_widget_compute_bounds (above, relative_to, &a) || !gtk_widget_compute_bounds (below, relative_to, &b))
    return FALSE;
  return a.size.height > 0 && b.origin.y >= a.origin.y + a.size.height;
}

/* Spins GTK's frames until @below is under @above, or fails after a while. */
static void
assert_below (GtkWidget *above, GtkWidget *below, GtkWidget *relative_to)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  guint tick = g_timeout_add (20, wake, NULL);

  while (!is_below (above, below, relative_to))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_source_remove (tick);
}

static void
show_value (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("tab: %s", text));
}

static NdApp *
tabs_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Tabs");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_tabs ("id", "tabs", "children", nd_list (
      nd_dcc_tab ("label", "Alpha", "value", "a", "children", nd_html_div ("Alpha content", "id", "alpha-content")),
      nd_dcc_tab ("label", "Beta", "value", "b", "children", nd_list (nd_html_p ("Beta content"),
                                                                   nd_html_div ("id", "beta-content"))),
      nd_dcc_tab ("label", "Gamma", "value", "c", "disabled", nd_bool (TRUE), "children", "Gamma content"))),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_value, nd_output ("out", "children"), nd_input ("tabs", "value"));
  return app;
}

/* The first tab is selected at mount; clicking another reports its value
 * and builds only its content; a disabled tab does nothing. */
static void
test_click (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (tabs_app ());
  GtkWidget *tabs = nd_test_widget (tw, "tabs");

  g_assert_cmpstr (nd_test_prop_string (tw, "tabs", "value"), ==, "a");
  assert_text (nd_test_widget (tw, "out"), "tab: a");
  assert_text (content_of (tabs), "Alpha content");
  g_assert_true (is_selected (tab_header (tabs, 0)));
  g_assert_false (is_selected (tab_header (tabs, 1)));
  g_assert_null (nd_renderer_lookup_widget (tw->renderer, "beta-content"));

  click (tw, tab_header (tabs, 1));
  g_assert_cmpstr (nd_test_prop_string (tw, "tabs", "value"), ==, "b");
  assert_text (nd_test_widget (tw, "out"), "tab: b");
  assert_text (content_of (tabs), "Beta content");
  g_assert_false (is_selected (tab_header (tabs, 0)));
  g_assert_true (is_selected (tab_header (tabs, 1)));
  /* the other tabs' content is not mounted */
  g_assert_null (nd_renderer_lookup_widget (tw->renderer, "alpha-content"));
  g_assert_nonnull (nd_renderer_lookup_widget (tw->renderer, "beta-content"));

  g_assert_false (gtk_widget_get_sensitive (tab_header (tabs, 2)));
  click (tw, tab_header (tabs, 2));
  g_assert_cmpstr (nd_test_prop_string (tw, "tabs", "value"), ==, "b");
  assert_text (nd_test_widget (tw, "out"), "tab: b");
  assert_text (content_of (tabs), "Beta content");
}

/* Tabs without values are "tab-1", "tab-2"... as in Dash. */
static void
test_default_values (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Tabs");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *tabs;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_tabs ("id", "tabs", "children", nd_list (
      nd_dcc_tab ("label", "One", "children", "first"),
      nd_dcc_tab ("label", "Two", "children", "second"),
      nd_dcc_tab ("label", "Three", "children", "third"))),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_value, nd_output ("out", "children"), nd_input ("tabs", "value"));
  tw = nd_test_window_new (app);
  tabs = nd_test_widget (tw, "tabs");
  assert_text (nd_test_widget (tw, "out"), "tab: tab-1");
  assert_text (content_of (tabs), "first");

  click (tw, tab_header (tabs, 2));
  g_assert_cmpstr (nd_test_prop_string (tw, "tabs", "value"), ==, "tab-3");
  assert_text (nd_test_widget (tw, "out"), "tab: tab-3");
  assert_text (content_of (tabs), "third");
  assert_text (tab_header (tabs, 2), "Three");
}

static void
pick_tab (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_get_arg_int (ctx, 0, 0) == 0)
    {
      nd_callback_context_prevent_update (ctx);
      return;
    }
  nd_return (ctx, "c");
}

/* A callback writing Tabs.value switches the shown tab. */
static void
test_callback_value (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Tabs");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *tabs;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("go to C", "id", "btn"),
    nd_dcc_tabs ("id", "tabs", "value", "b", "children", nd_list (
      nd_dcc_tab ("label", "A", "value", "a", "children", "content A"),
      nd_dcc_tab ("label", "B", "value", "b", "children", "content B"),
      nd_dcc_tab ("label", "C", "value", "c", "children", "content C"))),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, pick_tab, nd_output ("tabs", "value"), nd_input ("btn", "n_clicks"));
  nd_app_callback (app, show_value, nd_output ("out", "children"), nd_input ("tabs", "value"));
  tw = nd_test_window_new (app);
  tabs = nd_test_widget (tw, "tabs");
  assert_text (content_of (tabs), "content B");
  g_assert_true (is_selected (tab_header (tabs, 1)));

  click (tw, nd_test_widget (tw, "btn"));
  g_assert_cmpstr (nd_test_prop_string (tw, "tabs", "value"), ==, "c");
  assert_text (content_of (tabs), "content C");
  assert_text (nd_test_widget (tw, "out"), "tab: c");
  g_assert_false (is_selected (tab_header (tabs, 1)));
  g_assert_true (is_selected (tab_header (tabs, 2)));
}

static void
fill_tab (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_html_div (nd_strf ("You typed %s", text), "id", "typed"), nd_strf ("Echo (%s)", text));
}

/* A callback rewriting the shown Tab's children and label rebuilds the
 * content and the header; content inside a tab runs callbacks. */
static void
test_callback_tab_children (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Tabs");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *tabs;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_tabs ("id", "tabs", "children", nd_list (
      nd_dcc_tab ("label", "Input", "value", "in", "children",
                  nd_dcc_input ("id", "text", "value", "hello")),
      nd_dcc_tab ("id", "echo-tab", "label", "Echo", "value", "echo", "children", "nothing yet"))))));
  nd_app_callback (app, fill_tab, nd_output ("echo-tab", "children"), nd_output ("echo-tab", "label"),
                   nd_input ("text", "value"));
  tw = nd_test_window_new (app);
  tabs = nd_test_widget (tw, "tabs");
  assert_text (tab_header (tabs, 1), "Echo (hello)");

  /* the input lives in the first tab's content */
  gtk_editable_set_text (GTK_EDITABLE (nd_test_widget (tw, "text")), "world");
  nd_test_window_settle (tw);
  assert_text (tab_header (tabs, 1), "Echo (world)");
  g_assert_null (nd_renderer_lookup_widget (tw->renderer, "typed"));

  click (tw, tab_header (tabs, 1));
  assert_text (content_of (tabs), "You typed world");
  g_assert_null (nd_renderer_lookup_widget (tw->renderer, "text"));
}

static void
grow_tabs (NdCallbackContext *ctx, gpointer user_data)
{
  gint64 n = nd_callback_context_get_arg_int (ctx, 0, 0);

  if (n == 0)
    {
      nd_callback_context_prevent_update (ctx);
      return;
    }
  nd_return (ctx, nd_list (nd_dcc_tab ("label", "New 1", "children", "fresh one"),
                           nd_dcc_tab ("label", "New 2", "children", "fresh two")),
             "tab-2");
}

/* A callback replacing all tabs (and the value) rebuilds headers and
 * content; `vertical` stacks the headers. */
static void
test_callback_children (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Tabs");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *tabs;
  g_autoptr(GPtrArray) headers = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("replace", "id", "btn"),
    nd_dcc_tabs ("id", "tabs", "vertical", nd_bool (TRUE), "children",
                 nd_dcc_tab ("label", "Only", "children", "only content")),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, grow_tabs, nd_output ("tabs", "children"), nd_output ("tabs", "value"),
                   nd_input ("btn", "n_clicks"));
  nd_app_callback (app, show_value, nd_output ("out", "children"), nd_input ("tabs", "value"));
  tw = nd_test_window_new (app);
  tabs = nd_test_widget (tw, "tabs");
  assert_text (content_of (tabs), "only content");
  g_assert_cmpstr (nd_test_prop_string (tw, "tabs", "value"), ==, "tab-1");
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (tabs)), ==, GTK_ORIENTATION_HORIZONTAL);

  click (tw, nd_test_widget (tw, "btn"));
  headers = tab_headers (tabs);
  g_assert_cmpuint (headers->len, ==, 2);
  assert_text (g_ptr_array_index (headers, 0), "New 1");
  g_assert_true (is_selected (g_ptr_array_index (headers, 1)));
  assert_text (content_of (tabs), "fresh two");
  assert_text (nd_test_widget (tw, "out"), "tab: tab-2");
  /* stacked: the second header is below the first */
  assert_below (g_ptr_array_index (headers, 0), g_ptr_array_index (headers, 1), tabs);
}

static void
restyle (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_get_arg_int (ctx, 0, 0) == 0)
    {
      nd_callback_context_prevent_update (ctx);
      return;
    }
  nd_return (ctx, nd_bool (FALSE), "Now enabled");
}

/* Callbacks may enable a disabled Tab and relabel it. */
static void
test_callback_disabled (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Tabs");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *tabs;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("enable", "id", "btn"),
    nd_dcc_tabs ("id", "tabs", "children", nd_list (
      nd_dcc_tab ("label", "Open", "children", "open"),
      nd_dcc_tab ("id", "locked", "label", "Locked", "disabled", nd_bool (TRUE), "children", "secret"))),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, restyle, nd_output ("locked", "disabled"), nd_output ("locked", "label"),
                   nd_input ("btn", "n_clicks"));
  nd_app_callback (app, show_value, nd_output ("out", "children"), nd_input ("tabs", "value"));
  tw = nd_test_window_new (app);
  tabs = nd_test_widget (tw, "tabs");
  click (tw, tab_header (tabs, 1));
  assert_text (content_of (tabs), "open");

  click (tw, nd_test_widget (tw, "btn"));
  g_assert_true (gtk_widget_get_sensitive (tab_header (tabs, 1)));
  assert_text (tab_header (tabs, 1), "Now enabled");
  click (tw, tab_header (tabs, 1));
  g_assert_cmpstr (nd_test_prop_string (tw, "tabs", "value"), ==, "tab-2");
  assert_text (nd_test_widget (tw, "out"), "tab: tab-2");
  assert_text (content_of (tabs), "secret");
}

static void
style_tabs (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_get_arg_int (ctx, 0, 0) == 0)
    {
      nd_callback_context_prevent_update (ctx);
      return;
    }
  nd_return (ctx, nd_dict ("height", 64), nd_dict ("height", 200));
}

/* Dash puts `style` on the row of tabs, `content_style` on the content,
 * `parent_style` on the whole, and a Tab's selected_className only on
 * the selected tab. */
static void
test_styles (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Tabs");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *tabs, *header;
  int w, h;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("restyle", "id", "btn"),
    nd_dcc_tabs ("id", "tabs", "style", nd_dict ("height", 44), "content_style", nd_dict ("height", 150),
                 "parent_style", nd_dict ("height", 300), "children", nd_list (
      nd_dcc_tab ("label", "A", "className", "custom-tab", "selected_className", "custom-tab--selected",
                  "children", "a"),
      nd_dcc_tab ("label", "B", "className", "custom-tab", "selected_className", "custom-tab--selected",
                  "children", "b"))))));
  nd_app_callback (app, style_tabs, nd_output ("tabs", "style"), nd_output ("tabs", "content_style"),
                   nd_input ("btn", "n_clicks"));
  tw = nd_test_window_new (app);
  tabs = nd_test_widget (tw, "tabs");
  header = gtk_widget_get_first_child (tabs);
  gtk_widget_get_size_request (header, &w, &h);
  g_assert_cmpint (h, ==, 44);
  gtk_widget_get_size_request (content_of (tabs), &w, &h);
  g_assert_cmpint (h, ==, 150);
  gtk_widget_get_size_request (tabs, &w, &h);
  g_assert_cmpint (h, ==, 300);
  g_assert_true (gtk_widget_has_css_class (tab_header (tabs, 0), "custom-tab--selected"));
  g_assert_true (gtk_widget_has_css_class (tab_header (tabs, 1), "custom-tab"));
  g_assert_false (gtk_widget_has_css_class (tab_header (tabs, 1), "custom-tab--selected"));

  click (tw, tab_header (tabs, 1));
  g_assert_false (gtk_widget_has_css_class (tab_header (tabs, 0), "custom-tab--selected"));
  g_assert_true (gtk_widget_has_css_class (tab_header (tabs, 0), "custom-tab"));
  g_assert_true (gtk_widget_has_css_class (tab_header (tabs, 1), "custom-tab--selected"));
  assert_text (content_of (tabs), "b");

  click (tw, nd_test_widget (tw, "btn"));
  gtk_widget_get_size_request (header, &w, &h);
  g_assert_cmpint (h, ==, 64);
  gtk_widget_get_size_request (content_of (tabs), &w, &h);
  g_assert_cmpint (h, ==, 200);
  gtk_widget_get_size_request (tabs, &w, &h);
  g_assert_cmpint (h, ==, 300);
}

/* ---- the page ---- */

static void
test_page (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Tabs");
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_h3 ("Quarterly report"),
    nd_dcc_tabs ("id", "tabs", "value", "sales", "children", nd_list (
      nd_dcc_tab ("label", "Overview", "value", "overview", "children", "overview"),
      nd_dcc_tab ("label", "Sales", "value", "sales", "children", nd_html_div (nd_list (
        nd_html_h4 ("Sales by region"),
        nd_html_p ("North grew 12% while South stayed flat."),
        nd_html_ul (nd_list (nd_html_li ("North: 1.2M"), nd_html_li ("South: 0.8M")))))),
      nd_dcc_tab ("label", "Costs", "value", "costs", "children", "costs"),
      nd_dcc_tab ("label", "Archive", "value", "archive", "disabled", nd_bool (TRUE)))),
    nd_html_br (),
    nd_dcc_tabs ("id", "settings", "vertical", nd_bool (TRUE),
                 "colors", nd_dict ("border", "#d6d6d6", "primary", "#1975FA", "background", "#f9f9f9"),
                 "children", nd_list (
      nd_dcc_tab ("label", "General", "children", nd_html_div (nd_list (
        nd_html_p ("Language and region settings."),
        nd_dcc_input ("id", "name", "value", "My dashboard")))),
      nd_dcc_tab ("label", "Notifications", "children", "notifications"),
      nd_dcc_tab ("label", "Privacy", "children", "privacy"))))));
  tw = nd_test_window_new (app);
  nd_test_window_set_size (tw, 900, 700);
  nd_test_compare_golden (tw, "tabs", 0.02);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-cursor-blink", FALSE, NULL);
  g_test_add_func ("/widgets/tabs/click", test_click);
  g_test_add_func ("/widgets/tabs/default-values", test_default_values);
  g_test_add_func ("/widgets/tabs/callback-value", test_callback_value);
  g_test_add_func ("/widgets/tabs/callback-tab-children", test_callback_tab_children);
  g_test_add_func ("/widgets/tabs/callback-children", test_callback_children);
  g_test_add_func ("/widgets/tabs/callback-disabled", test_callback_disabled);
  g_test_add_func ("/widgets/tabs/styles", test_styles);
  g_test_add_func ("/widgets/tabs/page", test_page);
  return g_test_run ();
}
