/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The dcc choices family under a real window: Dropdown (single, multi,
 * search, clear), RadioItems and Checklist driven as a user drives them,
 * checked both in the session and in what a callback shows; and
 * callbacks changing their props.
 */
#include <string.h>

#include "nd-widget-test.h"

/* ---- helpers ---- */

static GtkWidget *
find_class (GtkWidget *widget, const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_class (c, css_class);
      if (found)
        return found;
    }
  return NULL;
}

static char *
text_of (NdTestWindow *tw, const char *id)
{
  return nd_test_widget_text (nd_test_widget (tw, id));
}

#define assert_text(tw, id, expected)                        \
  G_STMT_START {                                             \
    g_autofree char *_t = text_of ((tw), (id));              \
    g_assert_cmpstr (_t, ==, (expected));                    \
  } G_STMT_END

/* What a dropdown's field shows (not its menu). */
#define assert_field(tw, id, expected)                                                        \
  G_STMT_START {                                                                              \
    g_autofree char *_t = nd_test_widget_text (find_class (nd_test_widget ((tw), (id)),       \
                                                           "nd-dropdown-field"));             \
    g_assert_cmpstr (_t, ==, (expected));                                                     \
  } G_STMT_END

/* The prop as Python's str() prints it: None, MTL, ['SF', 'NYC']. */
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

static GtkPopover *
dd_popover (NdTestWindow *tw, const char *id)
{
  return GTK_POPOVER (nd_test_find (nd_test_widget (tw, id), GTK_TYPE_POPOVER));
}

static void
dd_open (NdTestWindow *tw, const char *id)
{
  gtk_popover_popup (dd_popover (tw, id));
  nd_test_window_settle (tw);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dd_popover (tw, id))));
}

/* The menu row showing @text. */
static GtkWidget *
dd_row (NdTestWindow *tw, const char *id, const char *text)
{
  GtkWidget *list = nd_test_find (nd_test_widget (tw, id), GTK_TYPE_LIST_BOX);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *t = nd_test_widget_text (row);

      if (g_strcmp0 (t, text) == 0)
        return row;
    }
  g_error ("no row '%s' in dropdown %s", text, id);
  return NULL;
}

/* What a click on a row does: GtkListBox activates it. */
static void
dd_click_row (NdTestWindow *tw, const char *id, const char *text)
{
  gtk_widget_activate (dd_row (tw, id, text));
  nd_test_window_settle (tw);
}

/* The rows the search leaves, in the order shown, joined by "|". */
static char *
dd_visible_rows (NdTestWindow *tw, const char *id)
{
  GtkWidget *list = nd_test_find (nd_test_widget (tw, id), GTK_TYPE_LIST_BOX);
  GString *out = g_string_new (NULL);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)); i++)
    if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
      {
        g_autofree char *t = nd_test_widget_text (GTK_WIDGET (row));

        g_string_append_printf (out, "%s%s", out->len ? "|" : "", t);
      }
  return g_string_free (out, FALSE);
}

static void
click (NdTestWindow *tw, GtkWidget *button)
{
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  nd_test_window_settle (tw);
}

/* The nth option of a RadioItems or Checklist. */
static GtkCheckButton *
item (NdTestWindow *tw, const char *id, guint n)
{
  GtkWidget *c = gtk_widget_get_first_child (nd_test_widget (tw, id));

  while (n-- && c)
    c = gtk_widget_get_next_sibling (c);
  g_assert_true (GTK_IS_CHECK_BUTTON (c));
  return GTK_CHECK_BUTTON (c);
}

/* A user clicks an option: the check flips (radios only turn on). */
static void
click_item (NdTestWindow *tw, const char *id, guint n)
{
  GtkCheckButton *b = item (tw, id, n);

  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (b)));
  if (!gtk_widget_has_css_class (GTK_WIDGET (b), "nd-radioitems-item") || !gtk_check_button_get_active (b))
    gtk_check_button_set_active (b, !gtk_check_button_get_active (b));
  nd_test_window_settle (tw);
}

static char *
checked (NdTestWindow *tw, const char *id)
{
  GString *out = g_string_new (NULL);

  for (GtkWidget *c = gtk_widget_get_first_child (nd_test_widget (tw, id)); c; c = gtk_widget_get_next_sibling (c))
    g_string_append_c (out, gtk_check_button_get_active (GTK_CHECK_BUTTON (c)) ? 'x' : '.');
  return g_string_free (out, FALSE);
}

#define assert_checked(tw, id, expected)                     \
  G_STMT_START {                                             \
    g_autofree char *_c = checked ((tw), (id));              \
    g_assert_cmpstr (_c, ==, (expected));                    \
  } G_STMT_END

/* Output: str() of the input */
static void
show_value (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_py_str (nd_arg (ctx, 0));

  nd_return (ctx, nd_strf ("%s", text));
}

static JsonNode *
city_options (void)
{
  return nd_list (nd_dict ("label", "New York City", "value", "NYC"),
                  nd_dict ("label", "Montréal", "value", "MTL"),
                  nd_dict ("label", "San Francisco", "value", "SF"),
                  nd_dict ("label", "Los Angeles", "value", "LA", "disabled", nd_bool (TRUE),
                           "title", "closed today"));
}

/* ---- Dropdown, single ---- */

static NdApp *
single_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Choices");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_dropdown ("id", "dd", "options", city_options (), "value", "MTL"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_value, nd_output ("out", "children"), nd_input ("dd", "value"));
  return app;
}

static void
test_dropdown_single (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (single_app ());

  assert_text (tw, "out", "MTL");
  assert_field (tw, "dd", "Montréal");
  /* pick San Francisco: reported, the menu closes (closeOnSelect) */
  dd_open (tw, "dd");
  dd_click_row (tw, "dd", "San Francisco");
  assert_prop (tw, "dd", "value", "SF");
  assert_text (tw, "out", "SF");
  assert_field (tw, "dd", "San Francisco");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dd_popover (tw, "dd"))));
  /* a disabled option ignores the click */
  dd_open (tw, "dd");
  g_assert_false (gtk_widget_is_sensitive (dd_row (tw, "dd", "Los Angeles")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (dd_row (tw, "dd", "Los Angeles")), ==, "closed today");
  g_signal_emit_by_name (nd_test_find (nd_test_widget (tw, "dd"), GTK_TYPE_LIST_BOX), "row-activated",
                         dd_row (tw, "dd", "Los Angeles"));
  nd_test_window_settle (tw);
  assert_prop (tw, "dd", "value", "SF");
  gtk_popover_popdown (dd_popover (tw, "dd"));
  nd_test_window_settle (tw);
  /* the clear button empties it */
  click (tw, find_class (nd_test_widget (tw, "dd"), "nd-dropdown-clear"));
  assert_prop (tw, "dd", "value", "None");
  assert_text (tw, "out", "None");
  assert_field (tw, "dd", "Select...");
  g_assert_false (gtk_widget_get_visible (find_class (nd_test_widget (tw, "dd"), "nd-dropdown-clear")));
}

static NdApp *
not_clearable_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Choices");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_dropdown ("id", "dd", "options", nd_list ("a", "b"), "value", "a", "clearable", nd_bool (FALSE)),
    nd_dcc_dropdown ("id", "ddm", "options", nd_list ("a", "b"), "value", nd_list ("a"),
                     "multi", nd_bool (TRUE), "clearable", nd_bool (FALSE)),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_value, nd_output ("out", "children"), nd_input ("ddm", "value"));
  return app;
}

/* clearable=False: no clear button, and the last selection stays. */
static void
test_dropdown_not_clearable (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (not_clearable_app ());

  g_assert_false (gtk_widget_get_visible (find_class (nd_test_widget (tw, "dd"), "nd-dropdown-clear")));
  g_assert_false (gtk_widget_get_visible (find_class (nd_test_widget (tw, "ddm"), "nd-dropdown-clear")));
  g_assert_null (find_class (nd_test_widget (tw, "ddm"), "nd-dropdown-chip-remove"));
  dd_open (tw, "ddm");
  dd_click_row (tw, "ddm", "a");
  assert_prop (tw, "ddm", "value", "['a']");
  dd_click_row (tw, "ddm", "b");
  dd_click_row (tw, "ddm", "a");
  assert_prop (tw, "ddm", "value", "['b']");
  assert_text (tw, "out", "['b']");
}

/* ---- Dropdown, multi ---- */

static NdApp *
multi_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Choices");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_dropdown ("id", "dd", "options", nd_list ("NYC", "MTL", "SF", "LA"), "value", nd_list ("MTL"),
                     "multi", nd_bool (TRUE)),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_value, nd_output ("out", "children"), nd_input ("dd", "value"));
  return app;
}

static void
test_dropdown_multi (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (multi_app ());
  GtkWidget *dd = nd_test_widget (tw, "dd");

  assert_text (tw, "out", "['MTL']");
  dd_open (tw, "dd");
  /* click order, and the menu stays open */
  dd_click_row (tw, "dd", "SF");
  dd_click_row (tw, "dd", "NYC");
  assert_prop (tw, "dd", "value", "['MTL', 'SF', 'NYC']");
  assert_text (tw, "out", "['MTL', 'SF', 'NYC']");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dd_popover (tw, "dd"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (nd_test_find (dd_row (tw, "dd", "SF"),
                                                                              GTK_TYPE_CHECK_BUTTON))));
  /* unselecting removes */
  dd_click_row (tw, "dd", "MTL");
  assert_prop (tw, "dd", "value", "['SF', 'NYC']");
  assert_text (tw, "out", "['SF', 'NYC']");
  /* chips show the selection in value order */
  assert_field (tw, "dd", "SF NYC");
  /* a chip's × removes that value */
  click (tw, find_class (dd, "nd-dropdown-chip-remove"));
  assert_prop (tw, "dd", "value", "['NYC']");
  assert_text (tw, "out", "['NYC']");
  /* select all adds what the search shows, deselect all takes it out */
  gtk_editable_set_text (GTK_EDITABLE (nd_test_find (dd, GTK_TYPE_SEARCH_ENTRY)), "l");
  nd_test_window_settle (tw);
  click (tw, find_class (dd, "nd-dropdown-select-all"));
  assert_prop (tw, "dd", "value", "['NYC', 'MTL', 'LA']");
  assert_text (tw, "out", "['NYC', 'MTL', 'LA']");
  click (tw, find_class (dd, "nd-dropdown-deselect-all"));
  assert_prop (tw, "dd", "value", "['NYC']");
  /* clear gives [] */
  gtk_popover_popdown (dd_popover (tw, "dd"));
  nd_test_window_settle (tw);
  click (tw, find_class (dd, "nd-dropdown-clear"));
  assert_prop (tw, "dd", "value", "[]");
  assert_text (tw, "out", "[]");
  assert_field (tw, "dd", "Select...");
}

/* ---- Dropdown, search ---- */

static void
serve_options (NdCallbackContext *ctx, gpointer user_data)
{
  const char *search = nd_callback_context_get_arg_string (ctx, 0);
  JsonNode *value = nd_arg (ctx, 1);
  static const char *const cities[] = { "Montréal", "Monterey", "Boston", "Austin", NULL };
  JsonArray *options = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  /* search as you type: matches, and the current value's option */
  for (guint i = 0; cities[i]; i++)
    {
      g_autofree char *a = g_utf8_casefold (cities[i], -1);
      g_autofree char *b = search ? g_utf8_casefold (search, -1) : NULL;

      gboolean current = nd_json_is_string (value) && strcmp (json_node_get_string (value), cities[i]) == 0;

      if ((b && strstr (a, b)) || current)
        json_array_add_string_element (options, cities[i]);
    }
  json_node_take_array (node, options);
  if (search == NULL || *search == '\0')
    nd_callback_context_prevent_update (ctx);
  else
    nd_return (ctx, node);
}

static NdApp *
search_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Choices");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_dropdown ("id", "dd", "options", nd_list ("New York", "Montréal", "Monterey", "Oakland"),
                     "placeholder", "Pick a city"),
    nd_dcc_dropdown ("id", "dyn", "options", nd_list (), "placeholder", "Type to search"),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "dyn-out"))));
  nd_app_callback (app, show_value, nd_output ("out", "children"), nd_input ("dd", "search_value"));
  nd_app_callback (app, serve_options, nd_output ("dyn", "options"), nd_input ("dyn", "search_value"),
                   nd_state ("dyn", "value"));
  nd_app_callback (app, show_value, nd_output ("dyn-out", "children"), nd_input ("dyn", "value"));
  return app;
}

static void
test_dropdown_search (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (search_app ());
  GtkWidget *entry = nd_test_find (nd_test_widget (tw, "dd"), GTK_TYPE_SEARCH_ENTRY);
  g_autofree char *rows = NULL;

  assert_field (tw, "dd", "Pick a city");
  assert_text (tw, "out", "None");
  dd_open (tw, "dd");
  /* each keystroke reports search_value and filters the menu */
  {
    int pos = 0;
    gtk_editable_insert_text (GTK_EDITABLE (entry), "m", 1, &pos);
    nd_test_window_settle (tw);
    assert_prop (tw, "dd", "search_value", "m");
    gtk_editable_insert_text (GTK_EDITABLE (entry), "on", 2, &pos);
    nd_test_window_settle (tw);
  }
  assert_prop (tw, "dd", "search_value", "mon");
  assert_text (tw, "out", "mon");
  rows = dd_visible_rows (tw, "dd");
  g_assert_cmpstr (rows, ==, "Montréal|Monterey");
  /* options starting with the search come first (search_order "index") */
  gtk_editable_set_text (GTK_EDITABLE (entry), "o");
  nd_test_window_settle (tw);
  g_free (rows);
  rows = dd_visible_rows (tw, "dd");
  g_assert_cmpstr (rows, ==, "Oakland|New York|Montréal|Monterey");
  gtk_editable_set_text (GTK_EDITABLE (entry), "zzz");
  nd_test_window_settle (tw);
  g_assert_true (gtk_widget_get_visible (find_class (nd_test_widget (tw, "dd"), "nd-dropdown-empty")));
  /* Enter picks the first match; the search is forgotten as the menu closes */
  gtk_editable_set_text (GTK_EDITABLE (entry), "ter");
  nd_test_window_settle (tw);
  g_signal_emit_by_name (entry, "activate");
  nd_test_window_settle (tw);
  assert_prop (tw, "dd", "value", "Monterey");
  assert_prop (tw, "dd", "search_value", "None");
  assert_text (tw, "out", "None");
  assert_field (tw, "dd", "Monterey");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* options served by a callback from search_value */
  entry = nd_test_find (nd_test_widget (tw, "dyn"), GTK_TYPE_SEARCH_ENTRY);
  dd_open (tw, "dyn");
  gtk_editable_set_text (GTK_EDITABLE (entry), "aus");
  nd_test_window_settle (tw);
  g_free (rows);
  rows = dd_visible_rows (tw, "dyn");
  g_assert_cmpstr (rows, ==, "Austin");
  dd_click_row (tw, "dyn", "Austin");
  assert_prop (tw, "dyn", "value", "Austin");
  assert_text (tw, "dyn-out", "Austin");
  assert_field (tw, "dyn", "Austin");
}

/* ---- Dropdown, props from callbacks ---- */

static void
set_dropdown (NdCallbackContext *ctx, gpointer user_data)
{
  gint64 n = nd_callback_context_get_arg_int (ctx, 0, 0);

  switch (n)
    {
    case 1:   /* value first, then options: both land */
      nd_return (ctx, "b2", nd_list ("a2", "b2", "c2"), "Choose");
      break;
    case 2:   /* a value not among the options shows nothing */
      nd_return (ctx, "zz", nd_list ("a2", "b2"), "Choose again");
      break;
    default:  /* new options without the value: the value goes */
      nd_return (ctx, nd_no_update (), nd_list ("x", "y"), nd_no_update ());
      break;
    }
}

static void
set_disabled (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_bool (nd_callback_context_get_arg_int (ctx, 0, 0) % 2 == 1));
}

static NdApp *
update_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Choices");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("go", "id", "btn"),
    nd_html_button ("disable", "id", "dis"),
    nd_dcc_dropdown ("id", "dd", "options", nd_list ("a", "b"), "value", "a"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, set_dropdown, nd_output ("dd", "value"), nd_output ("dd", "options"),
                   nd_output ("dd", "placeholder"), nd_input ("btn", "n_clicks"), nd_prevent_initial_call ());
  nd_app_callback (app, set_disabled, nd_output ("dd", "disabled"), nd_input ("dis", "n_clicks"),
                   nd_prevent_initial_call ());
  nd_app_callback (app, show_value, nd_output ("out", "children"), nd_input ("dd", "value"));
  return app;
}

static void
test_dropdown_updates (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (update_app ());
  GtkWidget *dd = nd_test_widget (tw, "dd");
  g_autofree char *rows = NULL;

  assert_field (tw, "dd", "a");
  click (tw, nd_test_widget (tw, "btn"));
  assert_field (tw, "dd", "b2");
  assert_prop (tw, "dd", "value", "b2");
  rows = dd_visible_rows (tw, "dd");
  g_assert_cmpstr (rows, ==, "a2|b2|c2");
  g_assert_true (nd_test_widget (tw, "dd") == dd);
  click (tw, nd_test_widget (tw, "btn"));
  assert_field (tw, "dd", "Choose again");
  /* the options changed and "zz" is not among them: Dash drops it */
  assert_prop (tw, "dd", "value", "None");
  assert_text (tw, "out", "None");
  /* a user pick, then options without it */
  dd_open (tw, "dd");
  dd_click_row (tw, "dd", "b2");
  assert_text (tw, "out", "b2");
  click (tw, nd_test_widget (tw, "btn"));
  assert_prop (tw, "dd", "value", "None");
  assert_text (tw, "out", "None");
  assert_field (tw, "dd", "Choose again");
  /* disabled from a callback */
  click (tw, nd_test_widget (tw, "dis"));
  g_assert_false (gtk_widget_is_sensitive (dd));
  click (tw, nd_test_widget (tw, "dis"));
  g_assert_true (gtk_widget_is_sensitive (dd));
}

/* A dict of value → label, labels that are components, and debounce. */
static NdApp *
shapes_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Choices");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_dropdown ("id", "dict", "options", nd_dict ("NYC", "New York", "SF", "San Francisco"), "value", "SF"),
    nd_dcc_dropdown ("id", "comp", "options",
                     nd_list (nd_dict ("label", nd_html_span (nd_list (nd_html_b ("Bold"), " city")), "value", 1),
                              nd_dict ("label", "Plain", "value", 2)),
                     "value", 1),
    nd_dcc_dropdown ("id", "deb", "options", nd_list ("a", "b", "c"), "value", nd_list (), "multi", nd_bool (TRUE),
                     "debounce", nd_bool (TRUE)),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_value, nd_output ("out", "children"), nd_input ("deb", "value"));
  return app;
}

static void
test_dropdown_shapes (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (shapes_app ());

  assert_field (tw, "dict", "San Francisco");
  dd_open (tw, "dict");
  dd_click_row (tw, "dict", "New York");
  assert_prop (tw, "dict", "value", "NYC");
  /* a component label is rendered, in the field and in the menu */
  assert_field (tw, "comp", "Bold  city");  /* "Bold" and " city" */
  g_assert_nonnull (nd_test_find (dd_row (tw, "comp", "Plain"), GTK_TYPE_LABEL));
  dd_open (tw, "comp");
  dd_click_row (tw, "comp", "Plain");
  assert_prop (tw, "comp", "value", "2");
  assert_field (tw, "comp", "Plain");
  /* debounce: nothing until the menu closes */
  dd_open (tw, "deb");
  dd_click_row (tw, "deb", "b");
  dd_click_row (tw, "deb", "a");
  assert_prop (tw, "deb", "value", "[]");
  assert_text (tw, "out", "[]");
  assert_field (tw, "deb", "b a");
  gtk_popover_popdown (dd_popover (tw, "deb"));
  nd_test_window_settle (tw);
  assert_prop (tw, "deb", "value", "['b', 'a']");
  assert_text (tw, "out", "['b', 'a']");
}

/* ---- RadioItems ---- */

static void
set_radio (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_list ("red", "green", nd_dict ("label", "blue (sold out)", "value", "blue",
                                                      "disabled", nd_bool (TRUE))),
             "green", nd_bool (TRUE));
}

static NdApp *
radio_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Choices");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("go", "id", "btn"),
    nd_dcc_radio_items ("id", "radio", "options", city_options (), "value", "MTL"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_value, nd_output ("out", "children"), nd_input ("radio", "value"));
  nd_app_callback (app, set_radio, nd_output ("radio", "options"), nd_output ("radio", "value"),
                   nd_output ("radio", "inline"), nd_input ("btn", "n_clicks"), nd_prevent_initial_call ());
  return app;
}

static void
test_radio_items (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (radio_app ());
  GtkWidget *radio = nd_test_widget (tw, "radio");
  GtkLayoutManager *lm = gtk_widget_get_layout_manager (radio);

  assert_text (tw, "out", "MTL");
  assert_checked (tw, "radio", ".x..");
  assert_text (tw, "radio", "New York City Montréal San Francisco Los Angeles");
  /* stacked by default */
  g_assert_false (nd_flow_child_get_inline (ND_FLOW_CHILD (gtk_layout_manager_get_layout_child (
    lm, GTK_WIDGET (item (tw, "radio", 0))))));
  click_item (tw, "radio", 2);
  assert_prop (tw, "radio", "value", "SF");
  assert_text (tw, "out", "SF");
  assert_checked (tw, "radio", "..x.");
  click_item (tw, "radio", 0);
  assert_prop (tw, "radio", "value", "NYC");
  assert_text (tw, "out", "NYC");
  assert_checked (tw, "radio", "x...");
  /* a disabled option cannot be clicked */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (item (tw, "radio", 3))));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (item (tw, "radio", 3))), ==, "closed today");
  /* a callback replaces options, value and inline */
  click (tw, nd_test_widget (tw, "btn"));
  assert_text (tw, "radio", "red green blue (sold out)");
  assert_checked (tw, "radio", ".x.");
  assert_text (tw, "out", "green");
  g_assert_true (nd_flow_child_get_inline (ND_FLOW_CHILD (gtk_layout_manager_get_layout_child (
    lm, GTK_WIDGET (item (tw, "radio", 0))))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (item (tw, "radio", 2))));
  click_item (tw, "radio", 0);
  assert_prop (tw, "radio", "value", "red");
  assert_text (tw, "out", "red");
}

/* ---- Checklist ---- */

static void
set_checklist (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_list ("b", "z"));
}

static NdApp *
checklist_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Choices");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("go", "id", "btn"),
    nd_dcc_checklist ("id", "check", "options", nd_list (nd_dict ("label", "Alpha", "value", "a"),
                                                         nd_dict ("label", "Beta", "value", "b"),
                                                         nd_dict ("label", "Gamma", "value", "c"),
                                                         nd_dict ("label", "Delta", "value", "d",
                                                                  "disabled", nd_bool (TRUE))),
                      "value", nd_list ("c"), "inline", nd_bool (TRUE),
                      "labelStyle", nd_dict ("color", "rgb(200, 0, 0)")),
    nd_dcc_checklist ("id", "bare", "options", nd_list ("x", "y")),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "bare-out"))));
  nd_app_callback (app, show_value, nd_output ("out", "children"), nd_input ("check", "value"));
  nd_app_callback (app, show_value, nd_output ("bare-out", "children"), nd_input ("bare", "value"));
  nd_app_callback (app, set_checklist, nd_output ("check", "value"), nd_input ("btn", "n_clicks"),
                   nd_prevent_initial_call ());
  return app;
}

static void
test_checklist (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (checklist_app ());
  GtkWidget *check = nd_test_widget (tw, "check");
  GdkRGBA color;

  assert_text (tw, "out", "['c']");
  assert_checked (tw, "check", "..x.");
  /* inline: side by side; labelStyle colours the label */
  g_assert_true (nd_flow_child_get_inline (ND_FLOW_CHILD (gtk_layout_manager_get_layout_child (
    gtk_widget_get_layout_manager (check), GTK_WIDGET (item (tw, "check", 0))))));
  gtk_style_context_get_color (gtk_widget_get_style_context (nd_test_find (GTK_WIDGET (item (tw, "check", 0)),
                                                                           GTK_TYPE_LABEL)), &color);
  g_assert_cmpfloat_with_epsilon (color.red, 200 / 255.0, 0.01);
  /* click order: checked items are appended, unchecked removed */
  click_item (tw, "check", 0);
  click_item (tw, "check", 1);
  assert_prop (tw, "check", "value", "['c', 'a', 'b']");
  assert_text (tw, "out", "['c', 'a', 'b']");
  click_item (tw, "check", 2);
  assert_prop (tw, "check", "value", "['a', 'b']");
  assert_text (tw, "out", "['a', 'b']");
  assert_checked (tw, "check", "xx..");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (item (tw, "check", 3))));
  /* a callback sets the value; a value not among the options checks nothing */
  click (tw, nd_test_widget (tw, "btn"));
  assert_checked (tw, "check", ".x..");
  assert_text (tw, "out", "['b', 'z']");
  click_item (tw, "check", 0);
  assert_prop (tw, "check", "value", "['b', 'z', 'a']");
  /* no value set: the first click gives a one-item list */
  assert_text (tw, "bare-out", "None");
  click_item (tw, "bare", 1);
  assert_prop (tw, "bare", "value", "['y']");
  assert_text (tw, "bare-out", "['y']");
  click_item (tw, "bare", 1);
  assert_prop (tw, "bare", "value", "[]");
  assert_text (tw, "bare-out", "[]");
}

/* ---- the page ---- */

static NdApp *
page_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Choices");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_h3 ("Choices"),
    nd_html_label ("City"),
    nd_dcc_dropdown ("id", "single", "options", city_options (), "value", "MTL"),
    nd_html_br (),
    nd_html_label ("Cities to compare"),
    nd_dcc_dropdown ("id", "multi", "options", city_options (), "value", nd_list ("NYC", "SF", "MTL"),
                     "multi", nd_bool (TRUE)),
    nd_html_br (),
    nd_html_div (nd_list (
      nd_html_div (nd_dcc_dropdown ("id", "empty", "options", city_options (), "placeholder", "Select a year"),
                   "style", nd_dict ("width", "48%")),
      nd_html_div (nd_dcc_dropdown ("id", "off", "options", city_options (), "value", "SF",
                                    "disabled", nd_bool (TRUE)),
                   "style", nd_dict ("width", "48%"))),
      "style", nd_dict ("display", "flex", "flexDirection", "row", "justifyContent", "space-between")),
    nd_html_br (),
    nd_html_label ("Radio Items"),
    nd_dcc_radio_items ("id", "radio", "options", city_options (), "value", "MTL"),
    nd_html_br (),
    nd_html_label ("Inline radio items"),
    nd_dcc_radio_items ("id", "radio-inline", "options", nd_list ("Linear", "Log"), "value", "Linear",
                        "inline", nd_bool (TRUE)),
    nd_html_br (),
    nd_html_label ("Checkboxes"),
    nd_dcc_checklist ("id", "check", "options", city_options (), "value", nd_list ("MTL", "SF")),
    nd_html_br (),
    nd_html_label ("Inline checkboxes"),
    nd_dcc_checklist ("id", "check-inline", "options", nd_list ("Show grid", "Show legend", "Smooth"),
                      "value", nd_list ("Show legend"), "inline", nd_bool (TRUE))),
    "style", nd_dict ("padding", 10)));
  return app;
}

static void
test_page (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (page_app ());

  nd_test_window_set_size (tw, 900, 760);
  nd_test_compare_golden (tw, "choices", 0.02);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, "gtk-cursor-blink", FALSE, NULL);
  g_test_add_func ("/widgets/choices/dropdown-single", test_dropdown_single);
  g_test_add_func ("/widgets/choices/dropdown-not-clearable", test_dropdown_not_clearable);
  g_test_add_func ("/widgets/choices/dropdown-multi", test_dropdown_multi);
  g_test_add_func ("/widgets/choices/dropdown-search", test_dropdown_search);
  g_test_add_func ("/widgets/choices/dropdown-updates", test_dropdown_updates);
  g_test_add_func ("/widgets/choices/dropdown-shapes", test_dropdown_shapes);
  g_test_add_func ("/widgets/choices/radio-items", test_radio_items);
  g_test_add_func ("/widgets/choices/checklist", test_checklist);
  g_test_add_func ("/widgets/choices/page", test_page);
  return g_test_run ();
}
