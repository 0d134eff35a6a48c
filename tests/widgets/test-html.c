/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The html family and the renderer under a real window: what a user sees
 * after typing and clicking, and that prop changes touch only the widgets
 * they name.
 */
#include <string.h>

#include "nd-widget-test.h"

static void
echo_output (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("Output: %s", text));
}

static NdApp *
hello_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Html");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_h6 ("Change the value in the text box to see callbacks in action!"),
    nd_html_div (nd_list ("Input: ", nd_dcc_input ("id", "my-input", "value", "initial value", "type", "text"))),
    nd_html_br (),
    nd_html_div ("id", "my-output"))));
  nd_app_callback (app, echo_output, nd_output ("my-output", "children"), nd_input ("my-input", "value"));
  return app;
}

/* The seed's first app: what the user types shows up in the output. */
static void
test_typing_updates_output (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (hello_app ());
  GtkWidget *entry = nd_test_widget (tw, "my-input");
  g_autofree char *shown = nd_test_widget_text (nd_test_widget (tw, "my-output"));

  g_assert_cmpstr (shown, ==, "Output: initial value");
  g_assert_true (GTK_IS_EDITABLE (entry));
  /* a user appends a character */
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
  {
    int pos = gtk_editable_get_position (GTK_EDITABLE (entry));
    gtk_editable_insert_text (GTK_EDITABLE (entry), "!", 1, &pos);
  }
  nd_test_window_settle (tw);
  g_assert_cmpstr (nd_test_prop_string (tw, "my-input", "value"), ==, "initial value!");
  g_free (shown);
  shown = nd_test_widget_text (nd_test_widget (tw, "my-output"));
  g_assert_cmpstr (shown, ==, "Output: initial value!");
}

static void
count_clicks (NdCallbackContext *ctx, gpointer user_data)
{
  gint64 n = nd_callback_context_get_arg_int (ctx, 0, 0);

  nd_return (ctx, nd_strf ("clicked %" G_GINT64_FORMAT " times", n));
}

static void
replace_list (NdCallbackContext *ctx, gpointer user_data)
{
  gint64 n = nd_callback_context_get_arg_int (ctx, 0, 0);

  nd_return (ctx, nd_list (nd_html_li (nd_strf ("item %" G_GINT64_FORMAT, n)), nd_html_li ("last")));
}

static NdApp *
click_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Html");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Click me", "id", "btn", "n_clicks", 0),
    nd_html_p ("id", "count"),
    nd_html_ul ("id", "list"),
    nd_html_div ("untouched", "id", "sibling"))));
  nd_app_callback (app, count_clicks, nd_output ("count", "children"), nd_input ("btn", "n_clicks"));
  nd_app_callback (app, replace_list, nd_output ("list", "children"), nd_input ("btn", "n_clicks"));
  return app;
}

/* A click counts n_clicks; a `children` output rebuilds that subtree only. */
static void
test_button_clicks_and_children (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (click_app ());
  GtkWidget *button = nd_test_widget (tw, "btn");
  GtkWidget *sibling = nd_test_widget (tw, "sibling");
  GtkWidget *sibling_label = gtk_widget_get_first_child (sibling);
  g_autofree char *count = NULL, *list = NULL;

  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  g_signal_emit_by_name (button, "clicked");
  nd_test_window_settle (tw);
  g_assert_cmpfloat (nd_test_prop_number (tw, "btn", "n_clicks"), ==, 2);
  g_assert_cmpfloat (nd_test_prop_number (tw, "btn", "n_clicks_timestamp"), >, 1.6e12);
  count = nd_test_widget_text (nd_test_widget (tw, "count"));
  g_assert_cmpstr (count, ==, "clicked 2 times");
  list = nd_test_widget_text (nd_test_widget (tw, "list"));
  g_assert_cmpstr (list, ==, "• item 2 • last");
  /* the sibling's widgets were not rebuilt */
  g_assert_true (nd_test_widget (tw, "sibling") == sibling);
  g_assert_true (gtk_widget_get_first_child (sibling) == sibling_label);
}

static void
set_style (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_get_arg_int (ctx, 0, 0) % 2)
    nd_return (ctx, nd_dict ("display", "none"), nd_bool (TRUE));
  else
    nd_return (ctx, nd_dict ("color", "red"), nd_bool (FALSE));
}

/* style and hidden from callbacks show and hide what they name. */
static void
test_style_and_hidden (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Html");
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("toggle", "id", "btn"),
    nd_html_span ("styled", "id", "styled"),
    nd_html_span ("hideable", "id", "hideable"))));
  nd_app_callback (app, set_style, nd_output ("styled", "style"), nd_output ("hideable", "hidden"),
                   nd_input ("btn", "n_clicks"));
  tw = nd_test_window_new (app);
  g_assert_true (gtk_widget_get_visible (nd_test_widget (tw, "styled")));
  g_signal_emit_by_name (nd_test_widget (tw, "btn"), "clicked");
  nd_test_window_settle (tw);
  g_assert_false (gtk_widget_get_visible (nd_test_widget (tw, "styled")));
  g_assert_false (gtk_widget_get_visible (nd_test_widget (tw, "hideable")));
  g_signal_emit_by_name (nd_test_widget (tw, "btn"), "clicked");
  nd_test_window_settle (tw);
  g_assert_true (gtk_widget_get_visible (nd_test_widget (tw, "styled")));
  g_assert_true (gtk_widget_get_visible (nd_test_widget (tw, "hideable")));
}

static void
fail_always (NdCallbackContext *ctx, gpointer user_data)
{
  nd_callback_context_raise (ctx, "the data file is missing");
}

/* A failing callback is listed in the window; the app keeps running. */
static void
test_error_panel (void)
{
  NdApp *app = hello_app ();
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_callback (app, fail_always, nd_output ("my-output", "title"), nd_input ("my-input", "value"));
  tw = nd_test_window_new (app);
  g_assert_cmpuint (nd_window_get_n_errors (tw->window), ==, 1);
  {
    g_autofree char *all = nd_test_widget_text (GTK_WIDGET (tw->window));
    g_assert_nonnull (strstr (all, "the data file is missing"));
    g_assert_nonnull (strstr (all, "1 callback error"));
  }
  gtk_editable_set_text (GTK_EDITABLE (nd_test_widget (tw, "my-input")), "still works");
  nd_test_window_settle (tw);
  g_assert_cmpstr (nd_test_prop_string (tw, "my-output", "children"), ==, "Output: still works");
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_test_add_func ("/widgets/html/typing-updates-output", test_typing_updates_output);
  g_test_add_func ("/widgets/html/button-clicks-and-children", test_button_clicks_and_children);
  g_test_add_func ("/widgets/html/style-and-hidden", test_style_and_hidden);
  g_test_add_func ("/widgets/html/error-panel", test_error_panel);
  return g_test_run ();
}
