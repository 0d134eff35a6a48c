/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dash_table.DataTable under a real window: sorting from the headers,
 * the filter row and filter_query, paging, editing, row selection, the
 * active cell, styles, the derived props callbacks read, and a million
 * rows that open and sort.
 */
#include <string.h>

#include "nd-widget-test.h"

/* ---- helpers ---- */

static char *
prop_json (NdTestWindow *tw, const char *id, const char *prop)
{
  g_autoptr(JsonNode) node = nd_json_string (id);
  JsonNode *v = nd_session_get_prop (tw->session, node, prop);

  return v ? nd_json_to_string (v, FALSE) : g_strdup ("undefined");
}

#define assert_prop_json(tw, id, prop, want) G_STMT_START { \
    g_autofree char *_got = prop_json ((tw), (id), (prop)); \
    g_assert_cmpstr (_got, ==, (want)); \
  } G_STMT_END

#define assert_text(tw, id, want) G_STMT_START { \
    g_autofree char *_got = nd_test_widget_text (nd_test_widget ((tw), (id))); \
    g_assert_cmpstr (_got, ==, (want)); \
  } G_STMT_END

static gboolean
wake (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* Turns the main loop until @cond holds (GTK lays out rows on the next
 * frame), failing after ten seconds. */
#define WAIT_FOR(cond) G_STMT_START { \
    gint64 _deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND; \
    while (!(cond)) \
      { \
        GSource *_wake = g_timeout_source_new (20); \
        g_source_set_callback (_wake, wake, NULL, NULL); \
        g_source_attach (_wake, NULL); \
        g_main_context_iteration (NULL, TRUE); \
        g_source_destroy (_wake); \
        g_source_unref (_wake); \
        if (g_get_monotonic_time () > _deadline) \
          g_error ("timed out waiting for %s", #cond); \
      } \
  } G_STMT_END

static GtkWidget *
table_view (NdTestWindow *tw, const char *id)
{
  GtkWidget *view = nd_test_find (nd_test_widget (tw, id), GTK_TYPE_COLUMN_VIEW);

  g_assert_nonnull (view);
  return view;
}

typedef struct {
  GtkWidget *widget;
  double x, y;
} Placed;

static int
placed_compare (gconstpointer a, gconstpointer b)
{
  const Placed *pa = *(Placed **) a, *pb = *(Placed **) b;

  if (pa->y != pb->y)
    return pa->y < pb->y ? -1 : 1;
  return pa->x < pb->x ? -1 : pa->x > pb->x;
}

static gboolean
really_shown (GtkWidget *w, GtkWidget *top)
{
  for (; w && w != top; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
      return FALSE;
  return gtk_widget_get_mapped (top);
}

static void
collect (GtkWidget *w, GtkWidget *view, GType type, const char *css_class, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && (css_class == NULL || gtk_widget_has_css_class (w, css_class)) &&
      really_shown (w, view))
    {
      Placed *p = g_new0 (Placed, 1);
      graphene_point_t pt;

      if (gtk_widget_compute_point (w, view, &GRAPHENE_POINT_INIT (0, 0), &pt))
        {
          p->widget = w;
          p->x = pt.x;
          p->y = pt.y;
          g_ptr_array_add (out, p);
        }
      else
        g_free (p);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    collect (c, view, type, css_class, out);
}

/* The widgets of @type shown in the table's rows, top to bottom, left to right. */
static GPtrArray *
shown (NdTestWindow *tw, const char *id, GType type, const char *css_class)
{
  GtkWidget *view = table_view (tw, id);
  GtkWidget *list = gtk_widget_get_last_child (view);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  collect (list, view, type, css_class, out);
  g_ptr_array_sort (out, placed_compare);
  return out;
}

/* The rows a user sees, as "cell|cell|cell" lines joined by "\n". */
static char *
rows_text (NdTestWindow *tw, const char *id)
{
  g_autoptr(GPtrArray) labels = shown (tw, id, GTK_TYPE_LABEL, "nd-cell-label");
  GString *out = g_string_new (NULL);
  double y = -1;

  for (guint i = 0; i < labels->len; i++)
    {
      Placed *p = g_ptr_array_index (labels, i);

      if (i > 0)
        g_string_append (out, p->y == y ? "|" : "\n");
      g_string_append (out, gtk_label_get_text (GTK_LABEL (p->widget)));
      y = p->y;
    }
  return g_string_free (out, FALSE);
}

static gboolean
rows_are (NdTestWindow *tw, const char *id, const char *want)
{
  g_autofree char *got = rows_text (tw, id);

  if (g_str_equal (got, want))
    return TRUE;
  g_test_message ("rows now:\n%s", got);
  return FALSE;
}

static char *
first_row (NdTestWindow *tw, const char *id)
{
  g_autofree char *all = rows_text (tw, id);
  char *nl = strchr (all, '\n');

  return nl ? g_strndup (all, nl - all) : g_strdup (all);
}

static gboolean
first_row_is (NdTestWindow *tw, const char *id, const char *want)
{
  g_autofree char *got = first_row (tw, id);

  return g_str_equal (got, want);
}

static GtkWidget *
cell_label (NdTestWindow *tw, const char *id, const char *text)
{
  g_autoptr(GPtrArray) labels = shown (tw, id, GTK_TYPE_LABEL, "nd-cell-label");

  for (guint i = 0; i < labels->len; i++)
    {
      Placed *p = g_ptr_array_index (labels, i);

      if (g_str_equal (gtk_label_get_text (GTK_LABEL (p->widget)), text))
        return p->widget;
    }
  g_error ("no cell shows '%s'", text);
  return NULL;
}

/* What a click on a cell emits: the cell's click gesture "pressed". */
static void
click_cell (NdTestWindow *tw, const char *id, const char *text, int n_press)
{
  GtkWidget *cell = gtk_widget_get_parent (cell_label (tw, id, text));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (cell);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (c))
        {
          for (int n = 1; n <= n_press; n++)
            g_signal_emit_by_name (c, "pressed", n, 4.0, 4.0);
          return;
        }
    }
  g_error ("the cell '%s' takes no clicks", text);
}

static GtkWidget *
named (GtkWidget *w, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (w), name) == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = named (c, name);

      if (found)
        return found;
    }
  return NULL;
}

/* What a header click does to GTK's sorter: that column first. */
static void
click_header (NdTestWindow *tw, const char *id, guint index)
{
  GtkWidget *view = table_view (tw, id);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, index);

  g_assert_nonnull (column);
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), column, GTK_SORT_ASCENDING);
}

static GtkWidget *
filter_entry (NdTestWindow *tw, const char *id, guint index)
{
  g_autoptr(GPtrArray) entries = shown (tw, id, GTK_TYPE_ENTRY, NULL);

  g_assert_cmpuint (index, <, entries->len);
  return ((Placed *) g_ptr_array_index (entries, index))->widget;
}

static void
type_filter (NdTestWindow *tw, const char *id, guint index, const char *text)
{
  GtkWidget *entry = filter_entry (tw, id, index);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  nd_test_window_settle (tw);
}

static void
show_json (NdCallbackContext *ctx, gpointer user_data)
{
  JsonNode *v = nd_callback_context_get_arg (ctx, 0);
  g_autofree char *text = v ? nd_json_to_string (v, FALSE) : g_strdup ("undefined");

  nd_return (ctx, text);
}

static JsonNode *
people (void)
{
  return nd_list (
    nd_dict ("id", 101, "name", "Ann", "age", 34, "city", "Paris"),
    nd_dict ("id", 102, "name", "Bob", "age", 27, "city", "Berlin"),
    nd_dict ("id", 103, "name", "Carla", "age", 45, "city", "Rome"),
    nd_dict ("id", 104, "name", "Dan", "age", 19, "city", "Oslo"),
    nd_dict ("id", 105, "name", "Eve", "age", 38, "city", "Paris"));
}

static JsonNode *
people_columns (void)
{
  return nd_list (nd_dict ("name", "Name", "id", "name"),
                  nd_dict ("name", "Age", "id", "age", "type", "numeric"),
                  nd_dict ("name", "City", "id", "city"));
}

/* ---- mount and sort ---- */

static NdApp *
sort_app (const char *mode)
{
  NdApp *app = nd_app_new ("org.ndash.test.Table");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dash_table ("id", "tbl", "columns", people_columns (), "data", people (),
                   "sort_action", "native", "sort_mode", mode),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "sorted"))));
  nd_app_callback (app, show_json, nd_output ("out", "children"), nd_input ("tbl", "derived_virtual_indices"));
  nd_app_callback (app, show_json, nd_output ("sorted", "children"), nd_input ("tbl", "sort_by"));
  return app;
}

/* At mount the table reports its derived props (components.md §4). */
static void
test_mount_reports_derived (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (sort_app ("single"));

  assert_prop_json (tw, "tbl", "derived_virtual_indices", "[0,1,2,3,4]");
  assert_prop_json (tw, "tbl", "derived_viewport_indices", "[0,1,2,3,4]");
  assert_prop_json (tw, "tbl", "derived_virtual_row_ids", "[101,102,103,104,105]");
  assert_prop_json (tw, "tbl", "derived_viewport_row_ids", "[101,102,103,104,105]");
  {
    /* null, which the session keeps as undefined */
    g_autofree char *structure = prop_json (tw, "tbl", "derived_filter_query_structure");

    g_assert_true (g_str_equal (structure, "null") || g_str_equal (structure, "undefined"));
  }
  {
    g_autofree char *data = prop_json (tw, "tbl", "derived_viewport_data");

    g_assert_true (g_str_has_prefix (data, "[{\"id\":101,\"name\":\"Ann\",\"age\":34,\"city\":\"Paris\"},"));
  }
  assert_text (tw, "out", "[0,1,2,3,4]");
  WAIT_FOR (rows_are (tw, "tbl", "Ann|34|Paris\nBob|27|Berlin\nCarla|45|Rome\nDan|19|Oslo\nEve|38|Paris"));
  {
    g_autofree char *all = nd_test_widget_text (nd_test_widget (tw, "tbl"));

    g_assert_nonnull (strstr (all, "Name"));
    g_assert_nonnull (strstr (all, "City"));
  }
}

/* Header clicks cycle none -> asc -> desc -> none. */
static void
test_sort_single (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (sort_app ("single"));

  click_header (tw, "tbl", 1);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "sort_by", "[{\"column_id\":\"age\",\"direction\":\"asc\"}]");
  assert_prop_json (tw, "tbl", "derived_virtual_indices", "[3,1,0,4,2]");
  assert_text (tw, "out", "[3,1,0,4,2]");
  assert_text (tw, "sorted", "[{\"column_id\":\"age\",\"direction\":\"asc\"}]");
  WAIT_FOR (first_row_is (tw, "tbl", "Dan|19|Oslo"));

  click_header (tw, "tbl", 1);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "sort_by", "[{\"column_id\":\"age\",\"direction\":\"desc\"}]");
  assert_text (tw, "out", "[2,4,0,1,3]");
  WAIT_FOR (first_row_is (tw, "tbl", "Carla|45|Rome"));

  /* a click on another column sorts by it alone */
  click_header (tw, "tbl", 0);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "sort_by", "[{\"column_id\":\"name\",\"direction\":\"asc\"}]");
  click_header (tw, "tbl", 0);
  click_header (tw, "tbl", 0);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "sort_by", "[]");
  assert_text (tw, "out", "[0,1,2,3,4]");
  WAIT_FOR (first_row_is (tw, "tbl", "Ann|34|Paris"));
}

/* Multi mode keeps the order of the clicks; strings sort by code point. */
static void
test_sort_multi (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (sort_app ("multi"));

  click_header (tw, "tbl", 2);
  click_header (tw, "tbl", 1);
  click_header (tw, "tbl", 1);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "sort_by",
                    "[{\"column_id\":\"city\",\"direction\":\"asc\"},{\"column_id\":\"age\",\"direction\":\"desc\"}]");
  /* Berlin, Oslo, Paris (Eve 38 before Ann 34), Rome */
  assert_text (tw, "out", "[1,3,4,0,2]");
  WAIT_FOR (rows_are (tw, "tbl", "Bob|27|Berlin\nDan|19|Oslo\nEve|38|Paris\nAnn|34|Paris\nCarla|45|Rome"));
  click_header (tw, "tbl", 2);
  click_header (tw, "tbl", 2);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "sort_by", "[{\"column_id\":\"age\",\"direction\":\"desc\"}]");
}

static void
set_sort (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_list (nd_dict ("column_id", "name", "direction", "desc")));
}

/* A callback's sort_by sorts the rows shown. */
static void
test_sort_from_callback (void)
{
  NdApp *app = sort_app ("single");
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dash_table ("id", "tbl", "columns", people_columns (), "data", people (), "sort_action", "native"),
    nd_html_button ("sort", "id", "btn"),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "sorted"))));
  nd_app_callback (app, set_sort, nd_output ("tbl", "sort_by"), nd_input ("btn", "n_clicks"),
                   nd_prevent_initial_call ());
  tw = nd_test_window_new (app);
  g_signal_emit_by_name (nd_test_widget (tw, "btn"), "clicked");
  nd_test_window_settle (tw);
  assert_text (tw, "out", "[4,3,2,1,0]");
  WAIT_FOR (first_row_is (tw, "tbl", "Eve|38|Paris"));
}

/* ---- filtering ---- */

static NdApp *
filter_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Table");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "q", "value", "", "type", "text"),
    nd_dash_table ("id", "tbl", "columns", people_columns (), "data", people (), "filter_action", "native"),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "query"),
    nd_html_div ("id", "structure"))));
  nd_app_callback (app, show_json, nd_output ("out", "children"), nd_input ("tbl", "derived_virtual_indices"));
  nd_app_callback (app, show_json, nd_output ("query", "children"), nd_input ("tbl", "filter_query"));
  nd_app_callback (app, show_json, nd_output ("structure", "children"),
                   nd_input ("tbl", "derived_filter_query_structure"));
  return app;
}

/* Typing in the filter row builds filter_query per column, as Dash's does. */
static void
test_filter_row (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (filter_app ());

  WAIT_FOR (rows_are (tw, "tbl", "Ann|34|Paris\nBob|27|Berlin\nCarla|45|Rome\nDan|19|Oslo\nEve|38|Paris"));
  type_filter (tw, "tbl", 2, "Paris");
  assert_prop_json (tw, "tbl", "filter_query", "\"{city} contains Paris\"");
  assert_text (tw, "out", "[0,4]");
  WAIT_FOR (rows_are (tw, "tbl", "Ann|34|Paris\nEve|38|Paris"));

  type_filter (tw, "tbl", 1, "> 35");
  assert_prop_json (tw, "tbl", "filter_query", "\"{age} > 35 && {city} contains Paris\"");
  assert_text (tw, "query", "\"{age} > 35 && {city} contains Paris\"");
  assert_text (tw, "out", "[4]");
  WAIT_FOR (rows_are (tw, "tbl", "Eve|38|Paris"));
  assert_prop_json (tw, "tbl", "derived_viewport_row_ids", "[105]");

  /* a number alone in a numeric column means = */
  type_filter (tw, "tbl", 1, "34");
  assert_prop_json (tw, "tbl", "filter_query", "\"{age} = 34 && {city} contains Paris\"");
  assert_text (tw, "out", "[0]");

  /* an operator without a value is no filter: the cell says so */
  type_filter (tw, "tbl", 1, ">");
  g_assert_true (gtk_widget_has_css_class (filter_entry (tw, "tbl", 1), "error"));
  assert_prop_json (tw, "tbl", "filter_query", "\"{city} contains Paris\"");
  assert_text (tw, "out", "[0,4]");

  type_filter (tw, "tbl", 2, "");
  type_filter (tw, "tbl", 1, "");
  assert_prop_json (tw, "tbl", "filter_query", "\"\"");
  assert_text (tw, "out", "[0,1,2,3,4]");
}

static void
set_query (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_callback_context_get_arg_string (ctx, 0));
}

static NdApp *
query_app (void)
{
  NdApp *app = filter_app ();

  nd_app_callback (app, set_query, nd_output ("tbl", "filter_query"), nd_input ("q", "value"),
                   nd_prevent_initial_call ());
  return app;
}

static void
query (NdTestWindow *tw, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (nd_test_widget (tw, "q")), text);
  nd_test_window_settle (tw);
}

/* filter_query from a callback: Dash's language, its parse tree, errors. */
static void
test_filter_query (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (query_app ());
  GtkWidget *message;

  query (tw, "{age} ge 30 && ({city} = \"Paris\" || {name} icontains AR)");
  assert_text (tw, "out", "[0,2,4]");
  assert_text (tw, "structure",
    "{\"subType\":\"&&\",\"type\":\"logical-operator\",\"value\":\"&&\","
    "\"left\":{\"subType\":\">=\",\"type\":\"relational-operator\",\"value\":\"ge\","
    "\"left\":{\"subType\":\"field\",\"type\":\"expression\",\"value\":\"age\"},"
    "\"right\":{\"subType\":\"value\",\"type\":\"expression\",\"value\":30}},"
    "\"right\":{\"subType\":\"()\",\"type\":\"open-block\",\"value\":\"(\","
    "\"block\":{\"subType\":\"||\",\"type\":\"logical-operator\",\"value\":\"||\","
    "\"left\":{\"subType\":\"=\",\"type\":\"relational-operator\",\"value\":\"=\","
    "\"left\":{\"subType\":\"field\",\"type\":\"expression\",\"value\":\"city\"},"
    "\"right\":{\"subType\":\"value\",\"type\":\"expression\",\"value\":\"Paris\"}},"
    "\"right\":{\"subType\":\"contains\",\"type\":\"relational-operator\",\"value\":\"icontains\","
    "\"left\":{\"subType\":\"field\",\"type\":\"expression\",\"value\":\"name\"},"
    "\"right\":{\"subType\":\"value\",\"type\":\"expression\",\"value\":\"AR\"}}}}}");
  WAIT_FOR (rows_are (tw, "tbl", "Ann|34|Paris\nCarla|45|Rome\nEve|38|Paris"));

  query (tw, "!({city} = Paris) and {age} < 40");
  assert_text (tw, "out", "[1,3]");
  query (tw, "{name} scontains a || {age} is even");
  assert_text (tw, "out", "[0,2,3,4]");
  query (tw, "{age} is prime");
  assert_text (tw, "out", "[3]");
  query (tw, "{nickname} is blank && {city} != 'Rome'");
  assert_text (tw, "out", "[0,1,3,4]");

  /* the per-column conditions show in the filter row */
  query (tw, "{age} > 30 && {city} contains Par");
  WAIT_FOR (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (filter_entry (tw, "tbl", 1))), "> 30"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (filter_entry (tw, "tbl", 2))), ==, "Par");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (filter_entry (tw, "tbl", 0))), ==, "");

  /* a bad query: said, and every row stays */
  query (tw, "{age} > 30 && (");
  assert_text (tw, "out", "[0,1,2,3,4]");
  assert_text (tw, "structure", "null");
  for (message = gtk_widget_get_first_child (nd_test_widget (tw, "tbl")); message;
       message = gtk_widget_get_next_sibling (message))
    if (gtk_widget_has_css_class (message, "nd-table-message"))
      break;
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (message)), "Invalid filter query: "));
  query (tw, "{city} contains \"Ber\"");
  assert_text (tw, "out", "[1]");
  g_assert_false (gtk_widget_get_visible (message));
  query (tw, "{age} = 27 {city}");
  assert_text (tw, "out", "[0,1,2,3,4]");
  g_assert_true (gtk_widget_get_visible (message));
}

/* ---- paging ---- */

static void
next_page_from_callback (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, 2);
}

static NdApp *
paging_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Table");
  JsonNode *data = nd_json_array_new ();

  for (int i = 0; i < 12; i++)
    json_array_add_element (json_node_get_array (data), nd_dict ("n", i, "sq", i * i));
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dash_table ("id", "tbl", "data", data, "page_size", 5,
                   "columns", nd_list (nd_dict ("name", "n", "id", "n", "type", "numeric"),
                                       nd_dict ("name", "n²", "id", "sq", "type", "numeric"))),
    nd_html_button ("last", "id", "btn"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_json, nd_output ("out", "children"), nd_input ("tbl", "derived_viewport_indices"));
  nd_app_callback (app, next_page_from_callback, nd_output ("tbl", "page_current"), nd_input ("btn", "n_clicks"),
                   nd_prevent_initial_call ());
  return app;
}

static void
test_paging (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (paging_app ());
  GtkWidget *table = nd_test_widget (tw, "tbl");
  GtkWidget *label;

  assert_text (tw, "out", "[0,1,2,3,4]");
  label = gtk_widget_get_prev_sibling (named (table, "next-page"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Page 1 of 3");
  g_assert_false (gtk_widget_get_sensitive (named (table, "previous-page")));
  WAIT_FOR (rows_are (tw, "tbl", "0|0\n1|1\n2|4\n3|9\n4|16"));

  g_signal_emit_by_name (named (table, "next-page"), "clicked");
  nd_test_window_settle (tw);
  g_assert_cmpfloat (nd_test_prop_number (tw, "tbl", "page_current"), ==, 1);
  assert_prop_json (tw, "tbl", "derived_viewport_indices", "[5,6,7,8,9]");
  assert_prop_json (tw, "tbl", "derived_virtual_indices", "[0,1,2,3,4,5,6,7,8,9,10,11]");
  assert_text (tw, "out", "[5,6,7,8,9]");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Page 2 of 3");
  WAIT_FOR (first_row_is (tw, "tbl", "5|25"));

  /* a callback turns the page */
  g_signal_emit_by_name (nd_test_widget (tw, "btn"), "clicked");
  nd_test_window_settle (tw);
  assert_text (tw, "out", "[10,11]");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Page 3 of 3");
  g_assert_false (gtk_widget_get_sensitive (named (table, "next-page")));
  WAIT_FOR (rows_are (tw, "tbl", "10|100\n11|121"));

  g_signal_emit_by_name (named (table, "first-page"), "clicked");
  nd_test_window_settle (tw);
  g_assert_cmpfloat (nd_test_prop_number (tw, "tbl", "page_current"), ==, 0);
  assert_text (tw, "out", "[0,1,2,3,4]");
}

/* ---- editing, the active cell ---- */

static void
show_names (NdCallbackContext *ctx, gpointer user_data)
{
  JsonNode *data = nd_callback_context_get_arg (ctx, 0);
  g_autoptr(GString) out = g_string_new (NULL);

  JsonArray *rows = data && JSON_NODE_HOLDS_ARRAY (data) ? json_node_get_array (data) : NULL;

  for (guint i = 0; rows && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *age = nd_json_to_string (json_object_get_member (row, "age"), FALSE);

      g_string_append_printf (out, "%s%s:%s", i ? " " : "", json_object_get_string_member (row, "name"), age);
    }
  nd_return (ctx, out->str);
}

static NdApp *
edit_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Table");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dash_table ("id", "tbl", "columns", people_columns (), "data", people (), "editable", nd_bool (TRUE)),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "active"))));
  nd_app_callback (app, show_names, nd_output ("out", "children"), nd_input ("tbl", "data"));
  nd_app_callback (app, show_json, nd_output ("active", "children"), nd_input ("tbl", "active_cell"));
  return app;
}

static GtkWidget *
editor_of (NdTestWindow *tw, const char *id)
{
  g_autoptr(GPtrArray) entries = shown (tw, id, GTK_TYPE_ENTRY, NULL);

  g_assert_cmpuint (entries->len, ==, 1);
  return ((Placed *) g_ptr_array_index (entries, 0))->widget;
}

static void
test_edit (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (edit_app ());
  GtkWidget *entry;

  WAIT_FOR (first_row_is (tw, "tbl", "Ann|34|Paris"));
  assert_text (tw, "out", "Ann:34 Bob:27 Carla:45 Dan:19 Eve:38");
  click_cell (tw, "tbl", "Bob", 2);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "active_cell", "{\"row\":1,\"column\":0,\"column_id\":\"name\",\"row_id\":102}");
  entry = editor_of (tw, "tbl");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Bob");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Robert");
  g_signal_emit_by_name (entry, "activate");
  nd_test_window_settle (tw);
  assert_text (tw, "out", "Ann:34 Robert:27 Carla:45 Dan:19 Eve:38");
  {
    g_autofree char *previous = prop_json (tw, "tbl", "data_previous");

    g_assert_nonnull (strstr (previous, "\"name\":\"Bob\""));
  }
  g_assert_cmpfloat (nd_test_prop_number (tw, "tbl", "data_timestamp"), >, 1.6e12);
  assert_text (tw, "active", "{\"row\":1,\"column\":0,\"column_id\":\"name\",\"row_id\":102}");
  WAIT_FOR (rows_are (tw, "tbl", "Ann|34|Paris\nRobert|27|Berlin\nCarla|45|Rome\nDan|19|Oslo\nEve|38|Paris"));

  /* numeric columns take numbers only */
  click_cell (tw, "tbl", "45", 2);
  entry = editor_of (tw, "tbl");
  gtk_editable_set_text (GTK_EDITABLE (entry), "old");
  g_signal_emit_by_name (entry, "activate");
  nd_test_window_settle (tw);
  assert_text (tw, "out", "Ann:34 Robert:27 Carla:45 Dan:19 Eve:38");
  click_cell (tw, "tbl", "45", 2);
  entry = editor_of (tw, "tbl");
  gtk_editable_set_text (GTK_EDITABLE (entry), "46");
  g_signal_emit_by_name (entry, "activate");
  nd_test_window_settle (tw);
  assert_text (tw, "out", "Ann:34 Robert:27 Carla:46 Dan:19 Eve:38");
  assert_prop_json (tw, "tbl", "active_cell", "{\"row\":2,\"column\":1,\"column_id\":\"age\",\"row_id\":103}");
}

/* A click makes the active cell; shift-click selects a rectangle. */
static void
test_active_cell (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (edit_app ());
  GtkWidget *cell;

  WAIT_FOR (first_row_is (tw, "tbl", "Ann|34|Paris"));
  click_cell (tw, "tbl", "Rome", 1);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "active_cell", "{\"row\":2,\"column\":2,\"column_id\":\"city\",\"row_id\":103}");
  assert_prop_json (tw, "tbl", "selected_cells", "[{\"row\":2,\"column\":2,\"column_id\":\"city\",\"row_id\":103}]");
  assert_prop_json (tw, "tbl", "is_focused", "false");
  assert_text (tw, "active", "{\"row\":2,\"column\":2,\"column_id\":\"city\",\"row_id\":103}");
  cell = gtk_widget_get_parent (cell_label (tw, "tbl", "Rome"));
  g_assert_true (gtk_widget_has_css_class (cell, "nd-active"));
  /* no editor from one click */
  {
    g_autoptr(GPtrArray) entries = shown (tw, "tbl", GTK_TYPE_ENTRY, NULL);

    g_assert_cmpuint (entries->len, ==, 0);
  }
}

static gboolean
press_key (NdTestWindow *tw, const char *id, guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (table_view (tw, id));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        {
          g_signal_emit_by_name (c, "key-pressed", keyval, 0, 0, &handled);
          return handled;
        }
    }
  g_error ("the table takes no keys");
  return FALSE;
}

/* Arrows move the active cell, Enter edits it. */
static void
test_keyboard (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (edit_app ());
  GtkWidget *entry;

  WAIT_FOR (first_row_is (tw, "tbl", "Ann|34|Paris"));
  click_cell (tw, "tbl", "Rome", 1);
  nd_test_window_settle (tw);
  g_assert_true (press_key (tw, "tbl", GDK_KEY_Down));
  nd_test_window_settle (tw);
  assert_text (tw, "active", "{\"row\":3,\"column\":2,\"column_id\":\"city\",\"row_id\":104}");
  g_assert_true (press_key (tw, "tbl", GDK_KEY_Left));
  g_assert_true (press_key (tw, "tbl", GDK_KEY_Right));
  g_assert_true (press_key (tw, "tbl", GDK_KEY_Return));
  entry = editor_of (tw, "tbl");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Oslo");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Bergen");
  g_signal_emit_by_name (entry, "activate");
  nd_test_window_settle (tw);
  WAIT_FOR (rows_are (tw, "tbl", "Ann|34|Paris\nBob|27|Berlin\nCarla|45|Rome\nDan|19|Bergen\nEve|38|Paris"));
  assert_prop_json (tw, "tbl", "data_previous",
                    "[{\"id\":101,\"name\":\"Ann\",\"age\":34,\"city\":\"Paris\"},"
                    "{\"id\":102,\"name\":\"Bob\",\"age\":27,\"city\":\"Berlin\"},"
                    "{\"id\":103,\"name\":\"Carla\",\"age\":45,\"city\":\"Rome\"},"
                    "{\"id\":104,\"name\":\"Dan\",\"age\":19,\"city\":\"Oslo\"},"
                    "{\"id\":105,\"name\":\"Eve\",\"age\":38,\"city\":\"Paris\"}]");
  /* Escape leaves the cell as it was */
  g_assert_true (press_key (tw, "tbl", GDK_KEY_Return));
  entry = editor_of (tw, "tbl");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Trondheim");
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (entry);
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (c))
          g_signal_emit_by_name (c, "key-pressed", GDK_KEY_Escape, 0, 0, &handled);
      }
    g_assert_true (handled);
  }
  nd_test_window_settle (tw);
  WAIT_FOR (rows_are (tw, "tbl", "Ann|34|Paris\nBob|27|Berlin\nCarla|45|Rome\nDan|19|Bergen\nEve|38|Paris"));
}

/* row_deletable: the row goes from data, the selection follows. */
static void
test_delete_row (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Table");
  g_autoptr(NdTestWindow) tw = NULL;
  g_autoptr(GPtrArray) buttons = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dash_table ("id", "tbl", "columns", people_columns (), "data", people (), "row_deletable", nd_bool (TRUE),
                   "row_selectable", "multi", "selected_rows", nd_list (0, 3)),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_names, nd_output ("out", "children"), nd_input ("tbl", "data"));
  tw = nd_test_window_new (app);
  WAIT_FOR (first_row_is (tw, "tbl", "Ann|34|Paris"));
  buttons = shown (tw, "tbl", GTK_TYPE_BUTTON, "circular");
  g_assert_cmpuint (buttons->len, ==, 5);
  g_signal_emit_by_name (((Placed *) g_ptr_array_index (buttons, 1))->widget, "clicked");
  nd_test_window_settle (tw);
  assert_text (tw, "out", "Ann:34 Carla:45 Dan:19 Eve:38");
  assert_prop_json (tw, "tbl", "selected_rows", "[0,2]");
  assert_prop_json (tw, "tbl", "selected_row_ids", "[101,104]");
  WAIT_FOR (rows_are (tw, "tbl", "Ann|34|Paris\nCarla|45|Rome\nDan|19|Oslo\nEve|38|Paris"));
}

static GtkWidget *
check_labelled (GtkWidget *w, const char *label)
{
  if (GTK_IS_CHECK_BUTTON (w) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (w)), label) == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = check_labelled (c, label);

      if (found)
        return found;
    }
  return NULL;
}

/* Toggle Columns hides hideable columns (hidden_columns). */
static void
test_hide_columns (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Table");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *check;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dash_table ("id", "tbl", "data", people (),
                   "columns", nd_list (nd_dict ("name", "Name", "id", "name"),
                                       nd_dict ("name", "Age", "id", "age", "type", "numeric",
                                                "hideable", nd_bool (TRUE)),
                                       nd_dict ("name", "City", "id", "city", "hideable", nd_bool (TRUE)))),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_json, nd_output ("out", "children"), nd_input ("tbl", "hidden_columns"));
  tw = nd_test_window_new (app);
  WAIT_FOR (first_row_is (tw, "tbl", "Ann|34|Paris"));
  check = check_labelled (nd_test_widget (tw, "tbl"), "City");
  g_assert_nonnull (check);
  g_assert_null (check_labelled (nd_test_widget (tw, "tbl"), "Name"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "hidden_columns", "[\"city\"]");
  assert_text (tw, "out", "[\"city\"]");
  WAIT_FOR (first_row_is (tw, "tbl", "Ann|34"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "hidden_columns", "[]");
  WAIT_FOR (first_row_is (tw, "tbl", "Ann|34|Paris"));
}

/* ---- row selection ---- */

static NdApp *
select_app (const char *mode)
{
  NdApp *app = nd_app_new ("org.ndash.test.Table");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dash_table ("id", "tbl", "columns", people_columns (), "data", people (), "row_selectable", mode,
                   "sort_action", "native"),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "virtual"))));
  nd_app_callback (app, show_json, nd_output ("out", "children"), nd_input ("tbl", "selected_row_ids"));
  nd_app_callback (app, show_json, nd_output ("virtual", "children"),
                   nd_input ("tbl", "derived_virtual_selected_rows"));
  return app;
}

static GtkWidget *
row_check (NdTestWindow *tw, guint row)
{
  g_autoptr(GPtrArray) checks = shown (tw, "tbl", GTK_TYPE_CHECK_BUTTON, NULL);

  g_assert_cmpuint (row, <, checks->len);
  return ((Placed *) g_ptr_array_index (checks, row))->widget;
}

static void
test_select_multi (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (select_app ("multi"));

  WAIT_FOR (first_row_is (tw, "tbl", "Ann|34|Paris"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row_check (tw, 3)), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row_check (tw, 1)), TRUE);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "selected_rows", "[3,1]");
  assert_prop_json (tw, "tbl", "selected_row_ids", "[104,102]");
  assert_text (tw, "out", "[104,102]");
  assert_text (tw, "virtual", "[3,1]");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row_check (tw, 3)), FALSE);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "selected_rows", "[1]");
  assert_text (tw, "out", "[102]");

  /* the selection follows its rows through a sort (column 0 is the boxes) */
  click_header (tw, "tbl", 3);
  nd_test_window_settle (tw);
  WAIT_FOR (first_row_is (tw, "tbl", "Bob|27|Berlin"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (row_check (tw, 0))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (row_check (tw, 1))));
  assert_text (tw, "virtual", "[0]");
}

static void
test_select_single (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (select_app ("single"));

  WAIT_FOR (first_row_is (tw, "tbl", "Ann|34|Paris"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row_check (tw, 2)), TRUE);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "selected_rows", "[2]");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row_check (tw, 4)), TRUE);
  nd_test_window_settle (tw);
  assert_prop_json (tw, "tbl", "selected_rows", "[4]");
  assert_text (tw, "out", "[105]");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (row_check (tw, 2))));
}

/* ---- callbacks change the table ---- */

static void
replace_table (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx,
             nd_list (nd_dict ("name", "Fruit", "id", "fruit"),
                      nd_dict ("name", "Price", "id", "price", "type", "numeric",
                               "format", nd_dict ("specifier", "$,.2f"))),
             nd_list (nd_dict ("fruit", "Apple", "price", 1.5),
                      nd_dict ("fruit", "Mango", "price", 1234.5)),
             nd_list (1));
}

static void
test_callback_updates (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Table");
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dash_table ("id", "tbl", "columns", people_columns (), "data", people (), "row_selectable", "multi"),
    nd_html_button ("load", "id", "btn"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, replace_table, nd_output ("tbl", "columns"), nd_output ("tbl", "data"),
                   nd_output ("tbl", "selected_rows"), nd_input ("btn", "n_clicks"), nd_prevent_initial_call ());
  nd_app_callback (app, show_json, nd_output ("out", "children"), nd_input ("tbl", "derived_viewport_data"));
  tw = nd_test_window_new (app);
  WAIT_FOR (first_row_is (tw, "tbl", "Ann|34|Paris"));
  g_signal_emit_by_name (nd_test_widget (tw, "btn"), "clicked");
  nd_test_window_settle (tw);
  WAIT_FOR (rows_are (tw, "tbl", "Apple|$1.50\nMango|$1,234.50"));
  assert_text (tw, "out", "[{\"fruit\":\"Apple\",\"price\":1.5},{\"fruit\":\"Mango\",\"price\":1234.5}]");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (row_check (tw, 1))));
  {
    g_autofree char *all = nd_test_widget_text (nd_test_widget (tw, "tbl"));

    g_assert_nonnull (strstr (all, "Fruit"));
    g_assert_null (strstr (all, "City"));
  }
}

/* ---- styles ---- */

static gboolean
has_rule_class (GtkWidget *w)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (w);

  for (guint i = 0; classes[i]; i++)
    if (g_str_has_prefix (classes[i], "nd-r"))
      return TRUE;
  return FALSE;
}

static void
test_styles (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Table");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *scrolled;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dash_table ("id", "tbl", "columns", people_columns (), "data", people (),
                   "style_table", nd_dict ("height", 180, "overflowY", "auto"),
                   "style_cell", nd_dict ("textAlign", "center", "fontFamily", "monospace"),
                   "style_data_conditional", nd_list (
                     nd_dict ("if", nd_dict ("row_index", "odd"), "backgroundColor", "rgb(240, 240, 240)"),
                     nd_dict ("if", nd_dict ("filter_query", "{age} > 40", "column_id", "age"),
                              "color", "tomato", "fontWeight", "bold")),
                   "style_as_list_view", nd_bool (TRUE)))));
  tw = nd_test_window_new (app);
  WAIT_FOR (first_row_is (tw, "tbl", "Ann|34|Paris"));
  scrolled = nd_test_find (nd_test_widget (tw, "tbl"), GTK_TYPE_SCROLLED_WINDOW);
  {
    graphene_rect_t bounds;

    /* the frame's border box: CSS height */
    WAIT_FOR (gtk_widget_compute_bounds (scrolled, scrolled, &bounds) && bounds.size.height == 180);
  }
  g_assert_false (gtk_column_view_get_show_column_separators (GTK_COLUMN_VIEW (table_view (tw, "tbl"))));
  g_assert_false (has_rule_class (gtk_widget_get_parent (cell_label (tw, "tbl", "Ann"))));
  g_assert_true (has_rule_class (gtk_widget_get_parent (cell_label (tw, "tbl", "Bob"))));
  g_assert_true (has_rule_class (gtk_widget_get_parent (cell_label (tw, "tbl", "45"))));
  g_assert_false (has_rule_class (gtk_widget_get_parent (cell_label (tw, "tbl", "Rome"))));
  g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (cell_label (tw, "tbl", "Paris"))), ==, 0.5);
}

/* ---- a million rows ---- */

#define BIG 1000000

static void
test_million_rows (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Table");
  g_autoptr(NdTestWindow) tw = NULL;
  JsonNode *data = json_node_new (JSON_NODE_ARRAY);
  JsonArray *rows = json_array_sized_new (BIG);
  gint64 min = G_MAXINT64, max = -1, min_id = 0, max_id = 0, t0, t1;
  g_autofree char *want_first = NULL, *want_last = NULL;

  for (gint64 i = 0; i < BIG; i++)
    {
      JsonObject *o = json_object_new ();
      gint64 a = (i * 7919 + 12345) % 1000003;
      char name[32];

      g_snprintf (name, sizeof name, "row %" G_GINT64_FORMAT, i);
      json_object_set_int_member (o, "id", i);
      json_object_set_int_member (o, "a", a);
      json_object_set_double_member (o, "b", i * 0.5);
      json_object_set_string_member (o, "c", name);
      json_object_set_string_member (o, "d", i % 3 ? "odd" : "even");
      json_object_set_boolean_member (o, "e", i % 2);
      json_array_add_object_element (rows, o);
      if (a < min)
        min = a, min_id = i;
      if (a > max)
        max = a, max_id = i;
    }
  json_node_take_array (data, rows);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dash_table ("id", "big", "data", data, "page_action", "none", "sort_action", "native",
                   "style_table", nd_dict ("height", 400),
                   "columns", nd_list (nd_dict ("name", "id", "id", "id", "type", "numeric"),
                                       nd_dict ("name", "a", "id", "a", "type", "numeric"),
                                       nd_dict ("name", "b", "id", "b", "type", "numeric"),
                                       nd_dict ("name", "c", "id", "c"),
                                       nd_dict ("name", "d", "id", "d"),
                                       nd_dict ("name", "e", "id", "e"))),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_json, nd_output ("out", "children"), nd_input ("big", "sort_by"));
  t0 = g_get_monotonic_time ();
  tw = nd_test_window_new (app);
  WAIT_FOR (first_row_is (tw, "big", "0|12345|0|row 0|even|"));
  t1 = g_get_monotonic_time ();
  g_test_message ("1M rows: window with rows shown in %.2f s", (t1 - t0) / 1e6);
  /* only the rows on screen have widgets */
  {
    g_autoptr(GPtrArray) labels = shown (tw, "big", GTK_TYPE_LABEL, "nd-cell-label");

    g_assert_cmpuint (labels->len, <, 6 * 400);
  }

  want_first = g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|", min_id, min);
  want_last = g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|", max_id, max);
  t0 = g_get_monotonic_time ();
  click_header (tw, "big", 1);
  nd_test_window_settle (tw);
  t1 = g_get_monotonic_time ();
  g_test_message ("1M rows: sorted by a number in %.2f s", (t1 - t0) / 1e6);
  assert_text (tw, "out", "[{\"column_id\":\"a\",\"direction\":\"asc\"}]");
  {
    g_autofree char *first = NULL;

    WAIT_FOR ((g_free (first), first = first_row (tw, "big"), g_str_has_prefix (first, want_first)));
  }
  click_header (tw, "big", 1);
  nd_test_window_settle (tw);
  {
    g_autofree char *first = NULL;

    WAIT_FOR ((g_free (first), first = first_row (tw, "big"), g_str_has_prefix (first, want_last)));
  }
  /* strings: "row 999999" sorts last, "row 0" first */
  t0 = g_get_monotonic_time ();
  click_header (tw, "big", 3);
  nd_test_window_settle (tw);
  t1 = g_get_monotonic_time ();
  g_test_message ("1M rows: sorted by a string in %.2f s", (t1 - t0) / 1e6);
  WAIT_FOR (first_row_is (tw, "big", "0|12345|0|row 0|even|"));
  click_header (tw, "big", 3);
  nd_test_window_settle (tw);
  {
    g_autofree char *first = NULL;

    WAIT_FOR ((g_free (first), first = first_row (tw, "big"), g_str_has_prefix (first, "999999|")));
  }
}

/* ---- the page ---- */

static JsonNode *
countries (void)
{
  return nd_list (
    nd_dict ("id", "fr", "country", "France", "continent", "Europe", "pop", 68.2, "gdp", 44408, "growth", 0.009),
    nd_dict ("id", "de", "country", "Germany", "continent", "Europe", "pop", 84.4, "gdp", 52746, "growth", -0.003),
    nd_dict ("id", "jp", "country", "Japan", "continent", "Asia", "pop", 124.5, "gdp", 33834, "growth", 0.019),
    nd_dict ("id", "br", "country", "Brazil", "continent", "Americas", "pop", 216.4, "gdp", 10043, "growth", 0.029),
    nd_dict ("id", "in", "country", "India", "continent", "Asia", "pop", 1428.6, "gdp", 2485, "growth", 0.078),
    nd_dict ("id", "ng", "country", "Nigeria", "continent", "Africa", "pop", 223.8, "gdp", 1621, "growth", 0.029),
    nd_dict ("id", "ca", "country", "Canada", "continent", "Americas", "pop", 40.1, "gdp", 53372, "growth", 0.011),
    nd_dict ("id", "au", "country", "Australia", "continent", "Oceania", "pop", 26.6, "gdp", 64712, "growth", 0.020));
}

static JsonNode *
tasks_table (void)
{
  return nd_dash_table ("id", "tasks", "editable", nd_bool (TRUE),
    "data", nd_list (nd_dict ("task", "Write the report", "owner", "ann", "done", 0.75),
                     nd_dict ("task", "Review the figures", "owner", "bob", "done", 0.3),
                     nd_dict ("task", "Send the invoices", "owner", "cho", "done", 1)),
    "columns", nd_list (nd_dict ("name", "Task", "id", "task"),
                        nd_dict ("name", "Owner", "id", "owner", "presentation", "dropdown"),
                        nd_dict ("name", "Done", "id", "done", "type", "numeric",
                                 "format", nd_dict ("specifier", ".0%"))),
    "dropdown", nd_dict ("owner", nd_dict ("options", nd_list (
      nd_dict ("label", "Ann Lee", "value", "ann"),
      nd_dict ("label", "Bob Stone", "value", "bob"),
      nd_dict ("label", "Cho Park", "value", "cho")))),
    "tooltip_data", nd_list (nd_dict ("task", "Due Friday")),
    "active_cell", nd_dict ("row", 1, "column", 1, "column_id", "owner"));
}

/* presentation: dropdown shows labels and edits with a list of options. */
static void
test_dropdown_cells (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Table");
  g_autoptr(NdTestWindow) tw = NULL;
  g_autoptr(GPtrArray) dropdowns = NULL;
  GtkDropDown *dropdown;

  nd_app_set_layout (app, nd_html_div (nd_list (tasks_table (), nd_html_div ("id", "out"))));
  nd_app_callback (app, show_json, nd_output ("out", "children"), nd_input ("tasks", "data"));
  tw = nd_test_window_new (app);
  WAIT_FOR (rows_are (tw, "tasks", "Write the report|Ann Lee|75%\nReview the figures|Bob Stone|30%\n"
                                   "Send the invoices|Cho Park|100%"));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (cell_label (tw, "tasks", "Bob Stone")),
                                           "nd-active"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (gtk_widget_get_parent (cell_label (tw, "tasks", "Write the report"))),
                   ==, "Due Friday");
  click_cell (tw, "tasks", "Ann Lee", 2);
  dropdowns = shown (tw, "tasks", GTK_TYPE_DROP_DOWN, NULL);
  g_assert_cmpuint (dropdowns->len, ==, 1);
  dropdown = GTK_DROP_DOWN (((Placed *) g_ptr_array_index (dropdowns, 0))->widget);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  gtk_drop_down_set_selected (dropdown, 2);
  nd_test_window_settle (tw);
  assert_text (tw, "out", "[{\"task\":\"Write the report\",\"owner\":\"cho\",\"done\":0.75},"
                          "{\"task\":\"Review the figures\",\"owner\":\"bob\",\"done\":0.3},"
                          "{\"task\":\"Send the invoices\",\"owner\":\"cho\",\"done\":1}]");
  WAIT_FOR (first_row_is (tw, "tasks", "Write the report|Cho Park|75%"));
}

static void
test_page (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Table");
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_h4 ("Countries"),
    nd_dash_table ("id", "countries", "data", countries (), "page_size", 5,
                   "sort_action", "native", "filter_action", "native", "row_selectable", "multi",
                   "selected_rows", nd_list (1),
                   "sort_by", nd_list (nd_dict ("column_id", "pop", "direction", "desc")),
                   "columns", nd_list (
                     nd_dict ("name", "Country", "id", "country"),
                     nd_dict ("name", "Continent", "id", "continent"),
                     nd_dict ("name", "Population (M)", "id", "pop", "type", "numeric",
                              "format", nd_dict ("specifier", ",.1f")),
                     nd_dict ("name", "GDP per capita", "id", "gdp", "type", "numeric",
                              "format", nd_dict ("specifier", "$,.0f",
                                                 "locale", nd_dict ("symbol", nd_list ("$", ""))))),
                   "style_header", nd_dict ("fontWeight", "bold", "color", "#2e3436"),
                   "style_data_conditional", nd_list (
                     nd_dict ("if", nd_dict ("row_index", "odd"), "backgroundColor", "rgb(246, 245, 244)"),
                     nd_dict ("if", nd_dict ("filter_query", "{gdp} > 50000", "column_id", "gdp"),
                              "color", "#26a269", "fontWeight", "bold"))),
    nd_html_h4 ("Growth, as a list"),
    nd_dash_table ("id", "growth", "data", countries (), "editable", nd_bool (TRUE), "page_action", "none",
                   "style_as_list_view", nd_bool (TRUE),
                   "style_table", nd_dict ("height", 150, "overflowY", "auto"),
                   "style_cell", nd_dict ("padding", "4px 10px"),
                   "columns", nd_list (
                     nd_dict ("name", "Country", "id", "country", "editable", nd_bool (FALSE)),
                     nd_dict ("name", "Growth", "id", "growth", "type", "numeric",
                              "format", nd_dict ("specifier", "+.1%")))),
    nd_html_h4 ("Tasks"),
    tasks_table ())));
  tw = nd_test_window_new (app);
  nd_test_window_set_size (tw, 900, 780);
  WAIT_FOR (first_row_is (tw, "countries", "India|Asia|1,428.6|$2,485"));
  WAIT_FOR (first_row_is (tw, "growth", "France|+0.9%"));
  nd_test_compare_golden (tw, "table", 0.02);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, "gtk-cursor-blink", FALSE, NULL);
  g_test_add_func ("/widgets/table/mount-reports-derived", test_mount_reports_derived);
  g_test_add_func ("/widgets/table/sort-single", test_sort_single);
  g_test_add_func ("/widgets/table/sort-multi", test_sort_multi);
  g_test_add_func ("/widgets/table/sort-from-callback", test_sort_from_callback);
  g_test_add_func ("/widgets/table/filter-row", test_filter_row);
  g_test_add_func ("/widgets/table/filter-query", test_filter_query);
  g_test_add_func ("/widgets/table/paging", test_paging);
  g_test_add_func ("/widgets/table/edit", test_edit);
  g_test_add_func ("/widgets/table/active-cell", test_active_cell);
  g_test_add_func ("/widgets/table/keyboard", test_keyboard);
  g_test_add_func ("/widgets/table/delete-row", test_delete_row);
  g_test_add_func ("/widgets/table/hide-columns", test_hide_columns);
  g_test_add_func ("/widgets/table/select-multi", test_select_multi);
  g_test_add_func ("/widgets/table/select-single", test_select_single);
  g_test_add_func ("/widgets/table/callback-updates", test_callback_updates);
  g_test_add_func ("/widgets/table/styles", test_styles);
  g_test_add_func ("/widgets/table/dropdown-cells", test_dropdown_cells);
  g_test_add_func ("/widgets/table/million-rows", test_million_rows);
  g_test_add_func ("/widgets/table/page", test_page);
  return g_test_run ();
}
