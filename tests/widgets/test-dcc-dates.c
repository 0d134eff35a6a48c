/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dcc.DatePickerSingle and dcc.DatePickerRange under a real window: a
 * user opens the calendar and picks days; callbacks see `date` /
 * `start_date` / `end_date` as Dash reports them, and callbacks writing
 * those props update what the field shows.
 */
#include <string.h>

#include "nd-widget-test.h"

/* ---- driving a picker as a user does ---- */

static GtkWidget *
field_of (GtkWidget *picker)
{
  GtkWidget *button = nd_test_find (picker, GTK_TYPE_MENU_BUTTON);

  g_assert_nonnull (button);
  return button;
}

static GtkWidget *
calendar_of (GtkWidget *picker)
{
  GtkWidget *calendar = nd_test_find (picker, GTK_TYPE_CALENDAR);

  g_assert_nonnull (calendar);
  return calendar;
}

static GtkWidget *
clear_button_of (GtkWidget *picker)
{
  /* the field is the menu button; the other button clears */
  for (GtkWidget *c = gtk_widget_get_first_child (picker); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_BUTTON (c))
      return c;
  g_assert_not_reached ();
  return NULL;
}

static gboolean
popover_open (GtkWidget *picker)
{
  return gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (field_of (picker)))));
}

/* Opens the calendar (if closed) and picks a day in it. */
static void
pick_day (NdTestWindow *tw, GtkWidget *picker, int y, int m, int d)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, 0, 0, 0);

  if (!popover_open (picker))
    gtk_menu_button_popup (GTK_MENU_BUTTON (field_of (picker)));
  nd_test_window_settle (tw);
  g_assert_true (popover_open (picker));
  gtk_calendar_select_day (GTK_CALENDAR (calendar_of (picker)), dt);
  nd_test_window_settle (tw);
}

/* What the field shows (not the calendar below it when open). */
/* Closes the calendar as a user would (Escape, a click elsewhere). */
static void
close_calendar (NdTestWindow *tw, GtkWidget *picker)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (field_of (picker)));
  nd_test_window_settle (tw);
  g_assert_false (popover_open (picker));
}

static char *
field_text (GtkWidget *picker)
{
  return nd_test_widget_text (gtk_menu_button_get_child (GTK_MENU_BUTTON (field_of (picker))));
}

static gboolean
prop_is_null (NdTestWindow *tw, const char *id, const char *prop)
{
  g_autoptr(JsonNode) node = nd_json_string (id);
  JsonNode *v = nd_session_get_prop (tw->session, node, prop);

  return v != NULL && JSON_NODE_HOLDS_NULL (v);
}

/* The day label of the calendar's shown month, for its classes. */
static GtkWidget *
day_label (GtkWidget *picker, int day)
{
  g_autofree char *text = g_strdup_printf ("%d", day);
  GtkWidget *calendar = calendar_of (picker);

  for (GtkWidget *grid = gtk_widget_get_first_child (calendar); grid; grid = gtk_widget_get_next_sibling (grid))
    for (GtkWidget *l = gtk_widget_get_first_child (grid); l; l = gtk_widget_get_next_sibling (l))
      if (GTK_IS_LABEL (l) && gtk_widget_has_css_class (l, "day-number") &&
          !gtk_widget_has_css_class (l, "other-month") && strcmp (gtk_label_get_text (GTK_LABEL (l)), text) == 0)
        return l;
  g_assert_not_reached ();
  return NULL;
}

static void
assert_text (GtkWidget *widget, const char *want)
{
  g_autofree char *text = nd_test_widget_text (widget);

  g_assert_cmpstr (text, ==, want);
}

/* ---- DatePickerSingle ---- */

static void
show_date (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("date: %s", text));
}

static NdApp *
single_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Dates");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_date_picker_single ("id", "dp", "date", "2024-03-10", "display_format", "MMM Do, YYYY",
                               "min_date_allowed", "2024-03-01", "max_date_allowed", "2024-03-31",
                               "disabled_days", nd_list ("2024-03-20"), "clearable", nd_bool (TRUE)),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_date, nd_output ("out", "children"), nd_input ("dp", "date"));
  return app;
}

/* Picking a day reports `date` as YYYY-MM-DD and closes the calendar. */
static void
test_single_pick (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (single_app ());
  GtkWidget *dp = nd_test_widget (tw, "dp");
  g_autofree char *text = field_text (dp);

  g_assert_cmpstr (text, ==, "Mar 10th, 2024");
  assert_text (nd_test_widget (tw, "out"), "date: 2024-03-10");

  pick_day (tw, dp, 2024, 3, 15);
  g_assert_cmpstr (nd_test_prop_string (tw, "dp", "date"), ==, "2024-03-15");
  assert_text (nd_test_widget (tw, "out"), "date: 2024-03-15");
  g_free (text);
  text = field_text (dp);
  g_assert_cmpstr (text, ==, "Mar 15th, 2024");
  g_assert_false (popover_open (dp));

  /* another pick replaces it */
  pick_day (tw, dp, 2024, 3, 2);
  g_assert_cmpstr (nd_test_prop_string (tw, "dp", "date"), ==, "2024-03-02");
  assert_text (nd_test_widget (tw, "out"), "date: 2024-03-02");
}

/* Days outside min/max and disabled days are marked and cannot be picked;
 * moving to another month is no pick. */
static void
test_single_limits (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (single_app ());
  GtkWidget *dp = nd_test_widget (tw, "dp");
  GtkWidget *calendar = calendar_of (dp);

  pick_day (tw, dp, 2024, 3, 20);
  g_assert_cmpstr (nd_test_prop_string (tw, "dp", "date"), ==, "2024-03-10");
  assert_text (nd_test_widget (tw, "out"), "date: 2024-03-10");
  g_assert_true (popover_open (dp));
  g_assert_true (gtk_widget_has_css_class (day_label (dp, 20), "nd-day-disabled"));
  g_assert_false (gtk_widget_has_css_class (day_label (dp, 21), "nd-day-disabled"));
  g_assert_true (gtk_widget_has_css_class (day_label (dp, 10), "nd-picked"));

  /* the calendar's "next month" button moves its selection too: no pick */
  {
    GtkWidget *header = gtk_widget_get_first_child (calendar);
    GtkWidget *next = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_first_child (header)));
    g_autoptr(GDateTime) shown = NULL;

    g_assert_true (GTK_IS_BUTTON (next));
    g_signal_emit_by_name (next, "clicked");
    nd_test_window_settle (tw);
    shown = gtk_calendar_get_date (GTK_CALENDAR (calendar));
    g_assert_cmpint (g_date_time_get_month (shown), ==, 4);
  }
  g_assert_cmpstr (nd_test_prop_string (tw, "dp", "date"), ==, "2024-03-10");
  g_assert_true (popover_open (dp));
  /* April is after max_date_allowed */
  pick_day (tw, dp, 2024, 4, 2);
  g_assert_cmpstr (nd_test_prop_string (tw, "dp", "date"), ==, "2024-03-10");
  g_assert_true (gtk_widget_has_css_class (day_label (dp, 3), "nd-day-disabled"));
  assert_text (nd_test_widget (tw, "out"), "date: 2024-03-10");
  close_calendar (tw, dp);
  assert_text (nd_test_widget (tw, "out"), "date: 2024-03-10");
}

/* The clear button reports null and shows the placeholder. */
static void
test_single_clear (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (single_app ());
  GtkWidget *dp = nd_test_widget (tw, "dp");
  GtkWidget *clear = clear_button_of (dp);
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_get_visible (clear));
  g_signal_emit_by_name (clear, "clicked");
  nd_test_window_settle (tw);
  g_assert_true (prop_is_null (tw, "dp", "date"));
  assert_text (nd_test_widget (tw, "out"), "date: None");
  text = field_text (dp);
  g_assert_cmpstr (text, ==, "Select Date");
  g_assert_false (gtk_widget_get_visible (clear));
}

static void
set_date (NdCallbackContext *ctx, gpointer user_data)
{
  gint64 n = nd_callback_context_get_arg_int (ctx, 0, 0);

  if (n == 0)
    {
      nd_callback_context_prevent_update (ctx);
      return;
    }
  nd_return (ctx, "2025-12-25T08:30:00", "dddd, MMMM D YYYY", nd_bool (n >= 2));
}

static guint calls;

static void
count_and_show (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  calls++;
  nd_return (ctx, nd_strf ("date: %s", text));
}

/* A callback writing date, display_format and disabled updates the field
 * and does not come back as a user change. */
static void
test_single_callback (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Dates");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *dp;
  g_autofree char *text = NULL;
  guint initial;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("set", "id", "btn"),
    nd_dcc_date_picker_single ("id", "dp", "placeholder", "Pick a day"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, set_date, nd_output ("dp", "date"), nd_output ("dp", "display_format"),
                   nd_output ("dp", "disabled"), nd_input ("btn", "n_clicks"));
  nd_app_callback (app, count_and_show, nd_output ("out", "children"), nd_input ("dp", "date"));
  calls = 0;
  tw = nd_test_window_new (app);
  dp = nd_test_widget (tw, "dp");
  text = field_text (dp);
  g_assert_cmpstr (text, ==, "Pick a day");
  /* (whether the initial call runs after a prevented upstream is the core's business) */
  initial = calls;

  g_signal_emit_by_name (nd_test_widget (tw, "btn"), "clicked");
  nd_test_window_settle (tw);
  g_free (text);
  text = field_text (dp);
  g_assert_cmpstr (text, ==, "Thursday, December 25 2025");
  /* the value keeps its time: the widget did not rewrite it */
  g_assert_cmpstr (nd_test_prop_string (tw, "dp", "date"), ==, "2025-12-25T08:30:00");
  assert_text (nd_test_widget (tw, "out"), "date: 2025-12-25T08:30:00");
  g_assert_cmpuint (calls, ==, initial + 1);
  g_assert_true (gtk_widget_get_sensitive (dp));

  g_signal_emit_by_name (nd_test_widget (tw, "btn"), "clicked");
  nd_test_window_settle (tw);
  g_assert_false (gtk_widget_get_sensitive (dp));
  g_assert_cmpstr (nd_test_prop_string (tw, "dp", "date"), ==, "2025-12-25T08:30:00");
}

/* display_format speaks moment.js. */
static void
test_display_format (void)
{
  static const struct { const char *format, *want; } cases[] = {
    { NULL, "2024-03-10" },
    { "YYYY-MM-DD", "2024-03-10" },
    { "MMM Do, YY", "Mar 10th, 24" },
    { "dddd, MMMM Do YYYY", "Sunday, March 10th 2024" },
    { "ddd D/M/YYYY", "Sun 10/3/2024" },
    { "DD.MM.YYYY", "10.03.2024" },
    { "[Week] W, Qo [quarter]", "Week 10, 1st quarter" },
    { "DDDD dd", "070 Su" },
    { "MMMM", "March" },
  };
  NdApp *app = nd_app_new ("org.ndash.test.Dates");
  JsonNode *children = nd_list ();
  g_autoptr(NdTestWindow) tw = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("dp%u", i);
      JsonNode *dp = cases[i].format
                     ? nd_dcc_date_picker_single ("id", id, "date", "2024-03-10", "display_format", cases[i].format)
                     : nd_dcc_date_picker_single ("id", id, "date", "2024-03-10");

      json_array_add_element (json_node_get_array (children), dp);
    }
  nd_app_set_layout (app, nd_html_div (children));
  tw = nd_test_window_new (app);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("dp%u", i);
      g_autofree char *text = field_text (nd_test_widget (tw, id));

      g_assert_cmpstr (text, ==, cases[i].want);
    }
}

/* ---- DatePickerRange ---- */

static void
show_range (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *start = nd_callback_context_get_arg_text (ctx, 0);
  g_autofree char *end = nd_callback_context_get_arg_text (ctx, 1);

  calls++;
  nd_return (ctx, nd_strf ("%s to %s", start, end));
}

static NdApp *
range_app (const char *updatemode, int minimum_nights)
{
  NdApp *app = nd_app_new ("org.ndash.test.Dates");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_date_picker_range ("id", "dr", "start_date", "2024-05-06", "end_date", "2024-05-10",
                              "updatemode", updatemode, "minimum_nights", minimum_nights,
                              "display_format", "D MMM", "clearable", nd_bool (TRUE)),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_range, nd_output ("out", "children"),
                   nd_input ("dr", "start_date"), nd_input ("dr", "end_date"));
  calls = 0;
  return app;
}

/* singledate: a new range reports its start (and a null end) at once,
 * its end when picked; an end before the start swaps them. */
static void
test_range_singledate (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (range_app ("singledate", 0));
  GtkWidget *dr = nd_test_widget (tw, "dr");
  g_autofree char *text = field_text (dr);

  g_assert_cmpstr (text, ==, "6 May 10 May");
  assert_text (nd_test_widget (tw, "out"), "2024-05-06 to 2024-05-10");

  pick_day (tw, dr, 2024, 5, 14);
  g_assert_cmpstr (nd_test_prop_string (tw, "dr", "start_date"), ==, "2024-05-14");
  g_assert_true (prop_is_null (tw, "dr", "end_date"));
  assert_text (nd_test_widget (tw, "out"), "2024-05-14 to None");
  g_assert_true (popover_open (dr));
  g_free (text);
  text = field_text (dr);
  g_assert_cmpstr (text, ==, "14 May End Date");

  /* the second day is before the first: it becomes the start */
  pick_day (tw, dr, 2024, 5, 3);
  g_assert_cmpstr (nd_test_prop_string (tw, "dr", "start_date"), ==, "2024-05-03");
  g_assert_cmpstr (nd_test_prop_string (tw, "dr", "end_date"), ==, "2024-05-14");
  assert_text (nd_test_widget (tw, "out"), "2024-05-03 to 2024-05-14");
  g_assert_false (popover_open (dr));
  g_free (text);
  text = field_text (dr);
  g_assert_cmpstr (text, ==, "3 May 14 May");
  /* one call per user change, plus the initial one */
  g_assert_cmpuint (calls, ==, 3);
}

/* bothdates: nothing is reported until both ends are chosen. */
static void
test_range_bothdates (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (range_app ("bothdates", 0));
  GtkWidget *dr = nd_test_widget (tw, "dr");
  g_autofree char *text = NULL;

  pick_day (tw, dr, 2024, 5, 20);
  g_assert_cmpstr (nd_test_prop_string (tw, "dr", "start_date"), ==, "2024-05-06");
  g_assert_cmpstr (nd_test_prop_string (tw, "dr", "end_date"), ==, "2024-05-10");
  assert_text (nd_test_widget (tw, "out"), "2024-05-06 to 2024-05-10");
  text = field_text (dr);
  g_assert_cmpstr (text, ==, "20 May End Date");

  pick_day (tw, dr, 2024, 5, 25);
  g_assert_cmpstr (nd_test_prop_string (tw, "dr", "start_date"), ==, "2024-05-20");
  g_assert_cmpstr (nd_test_prop_string (tw, "dr", "end_date"), ==, "2024-05-25");
  assert_text (nd_test_widget (tw, "out"), "2024-05-20 to 2024-05-25");
  g_assert_cmpuint (calls, ==, 2);
}

/* minimum_nights: an end closer to the start cannot be picked. */
static void
test_range_minimum_nights (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (range_app ("singledate", 3));
  GtkWidget *dr = nd_test_widget (tw, "dr");

  pick_day (tw, dr, 2024, 5, 14);
  assert_text (nd_test_widget (tw, "out"), "2024-05-14 to None");
  g_assert_true (gtk_widget_has_css_class (day_label (dr, 15), "nd-day-disabled"));
  g_assert_true (gtk_widget_has_css_class (day_label (dr, 12), "nd-day-disabled"));
  g_assert_false (gtk_widget_has_css_class (day_label (dr, 17), "nd-day-disabled"));

  pick_day (tw, dr, 2024, 5, 16);
  g_assert_true (prop_is_null (tw, "dr", "end_date"));
  assert_text (nd_test_widget (tw, "out"), "2024-05-14 to None");

  pick_day (tw, dr, 2024, 5, 17);
  g_assert_cmpstr (nd_test_prop_string (tw, "dr", "end_date"), ==, "2024-05-17");
  assert_text (nd_test_widget (tw, "out"), "2024-05-14 to 2024-05-17");
  g_assert_true (gtk_widget_has_css_class (day_label (dr, 15), "nd-in-range"));
}

/* Clearing reports both ends as null. */
static void
test_range_clear (void)
{
  g_autoptr(NdTestWindow) tw = nd_test_window_new (range_app ("bothdates", 0));
  GtkWidget *dr = nd_test_widget (tw, "dr");
  g_autofree char *text = NULL;

  g_signal_emit_by_name (clear_button_of (dr), "clicked");
  nd_test_window_settle (tw);
  g_assert_true (prop_is_null (tw, "dr", "start_date"));
  g_assert_true (prop_is_null (tw, "dr", "end_date"));
  assert_text (nd_test_widget (tw, "out"), "None to None");
  text = field_text (dr);
  g_assert_cmpstr (text, ==, "Start Date End Date");
}

static void
set_range (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_get_arg_int (ctx, 0, 0) == 0)
    {
      nd_callback_context_prevent_update (ctx);
      return;
    }
  nd_return (ctx, "2023-01-02", "2023-02-03", "YYYY/MM/DD", "From", "To");
}

/* A callback writing the dates and placeholders updates the fields. */
static void
test_range_callback (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Dates");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *dr;
  g_autofree char *text = NULL;
  guint initial;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("set", "id", "btn"),
    nd_dcc_date_picker_range ("id", "dr"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, set_range, nd_output ("dr", "start_date"), nd_output ("dr", "end_date"),
                   nd_output ("dr", "display_format"), nd_output ("dr", "start_date_placeholder_text"),
                   nd_output ("dr", "end_date_placeholder_text"), nd_input ("btn", "n_clicks"));
  nd_app_callback (app, show_range, nd_output ("out", "children"),
                   nd_input ("dr", "start_date"), nd_input ("dr", "end_date"));
  calls = 0;
  tw = nd_test_window_new (app);
  dr = nd_test_widget (tw, "dr");
  text = field_text (dr);
  g_assert_cmpstr (text, ==, "Start Date End Date");
  initial = calls;

  g_signal_emit_by_name (nd_test_widget (tw, "btn"), "clicked");
  nd_test_window_settle (tw);
  g_free (text);
  text = field_text (dr);
  g_assert_cmpstr (text, ==, "2023/01/02 2023/02/03");
  assert_text (nd_test_widget (tw, "out"), "2023-01-02 to 2023-02-03");
  g_assert_cmpuint (calls, ==, initial + 1);

  /* the calendar opens on the start's month */
  gtk_menu_button_popup (GTK_MENU_BUTTON (field_of (dr)));
  nd_test_window_settle (tw);
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (GTK_CALENDAR (calendar_of (dr)));

    g_assert_cmpint (g_date_time_get_year (shown), ==, 2023);
    g_assert_cmpint (g_date_time_get_month (shown), ==, 1);
  }
  g_assert_true (gtk_widget_has_css_class (day_label (dr, 2), "nd-picked"));
  g_assert_true (gtk_widget_has_css_class (day_label (dr, 20), "nd-in-range"));
  close_calendar (tw, dr);
}

/* ---- the page ---- */

static void
test_page (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Dates");
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_h3 ("Travel planner"),
    nd_html_label ("Departure day"),
    nd_html_div (nd_dcc_date_picker_single ("id", "single", "date", "2024-07-14",
                                            "min_date_allowed", "2024-07-01", "clearable", nd_bool (TRUE))),
    nd_html_br (),
    nd_html_label ("Birthday (long format)"),
    nd_html_div (nd_dcc_date_picker_single ("id", "long", "date", "1990-02-03",
                                            "display_format", "dddd, MMMM Do YYYY")),
    nd_html_br (),
    nd_html_label ("Not chosen yet"),
    nd_html_div (nd_dcc_date_picker_single ("id", "empty", "placeholder", "Select Date")),
    nd_html_br (),
    nd_html_label ("Stay"),
    nd_html_div (nd_dcc_date_picker_range ("id", "range", "start_date", "2024-07-14", "end_date", "2024-07-21",
                                           "display_format", "MMM Do, YY", "clearable", nd_bool (TRUE))),
    nd_html_br (),
    nd_html_label ("Report period"),
    nd_html_div (nd_dcc_date_picker_range ("id", "range-empty", "minimum_nights", 2)),
    nd_html_br (),
    nd_html_label ("Locked"),
    nd_html_div (nd_dcc_date_picker_single ("id", "locked", "date", "2024-01-01", "disabled", nd_bool (TRUE))),
    nd_html_p ("id", "out"))));
  tw = nd_test_window_new (app);
  nd_test_window_set_size (tw, 900, 700);
  nd_test_compare_golden (tw, "dates", 0.02);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-cursor-blink", FALSE, NULL);
  g_test_add_func ("/widgets/dates/single-pick", test_single_pick);
  g_test_add_func ("/widgets/dates/single-limits", test_single_limits);
  g_test_add_func ("/widgets/dates/single-clear", test_single_clear);
  g_test_add_func ("/widgets/dates/single-callback", test_single_callback);
  g_test_add_func ("/widgets/dates/display-format", test_display_format);
  g_test_add_func ("/widgets/dates/range-singledate", test_range_singledate);
  g_test_add_func ("/widgets/dates/range-bothdates", test_range_bothdates);
  g_test_add_func ("/widgets/dates/range-minimum-nights", test_range_minimum_nights);
  g_test_add_func ("/widgets/dates/range-clear", test_range_clear);
  g_test_add_func ("/widgets/dates/range-callback", test_range_callback);
  g_test_add_func ("/widgets/dates/page", test_page);
  return g_test_run ();
}
