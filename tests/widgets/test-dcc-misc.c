/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The dcc timers, files, dialogs and navigation under a real window:
 * Store, Interval, Location and Link, Upload, Download, ConfirmDialog and
 * its Provider, Clipboard, Tooltip and Loading — each driven as a user
 * would, checked in the session and in what a callback shows.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "nd-widget-test.h"

/* ---- helpers ---- */

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Turns the main loop until @cond holds, failing after 10 s. */
#define WAIT_UNTIL(cond)                                                     \
  G_STMT_START {                                                             \
    gint64 deadline_ = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;    \
    guint waker_ = g_timeout_add (10, wake, NULL);                           \
    while (!(cond))                                                          \
      {                                                                      \
        if (g_get_monotonic_time () > deadline_)                             \
          g_error ("timed out waiting for %s", #cond);                       \
        g_main_context_iteration (NULL, TRUE);                               \
      }                                                                      \
    g_source_remove (waker_);                                                \
  } G_STMT_END

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets @ms of timers run, to check that nothing more happens. */
static void
run_for (int ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  WAIT_UNTIL (done);
}

static char *
text_of (NdTestWindow *tw, const char *id)
{
  return nd_test_widget_text (nd_test_widget (tw, id));
}

#define assert_text(tw, id, expected)                                        \
  G_STMT_START {                                                             \
    g_autofree char *shown_ = text_of ((tw), (id));                          \
    g_assert_cmpstr (shown_, ==, (expected));                                \
  } G_STMT_END

static gboolean
is_null (NdTestWindow *tw, const char *id, const char *prop)
{
  g_autoptr(JsonNode) node = nd_json_string (id);
  JsonNode *v = nd_session_get_prop (tw->session, node, prop);

  return v == NULL || JSON_NODE_HOLDS_NULL (v);
}

static JsonNode *
prop (NdTestWindow *tw, const char *id, const char *name)
{
  g_autoptr(JsonNode) node = nd_json_string (id);

  return nd_session_get_prop (tw->session, node, name);
}

static GtkEventController *
find_controller (GtkWidget *widget, GType type)
{
  g_autoptr(GListModel) list = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (list, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
    }
  return NULL;
}

/* What a primary click on @widget's click gesture emits. */
static void
click_gesture (GtkWidget *widget)
{
  GtkEventController *gesture = find_controller (widget, GTK_TYPE_GESTURE_CLICK);

  g_assert_nonnull (gesture);
  g_signal_emit_by_name (gesture, "released", 1, 2.0, 2.0);
}

static void
click (NdTestWindow *tw, const char *id)
{
  g_signal_emit_by_name (nd_test_widget (tw, id), "clicked");
  nd_test_window_settle (tw);
}

static char *
arg_text (NdCallbackContext *ctx, guint i)
{
  return nd_callback_context_get_arg_text (ctx, i);
}

/* ---- Store ---- */

static void
keep_text (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = arg_text (ctx, 0);

  nd_return (ctx, nd_dict ("text", text));
}

static void
show_stored (NdCallbackContext *ctx, gpointer user_data)
{
  JsonNode *data = nd_arg (ctx, 0);
  const char *text = data && JSON_NODE_HOLDS_OBJECT (data)
                     ? json_object_get_string_member_with_default (json_node_get_object (data), "text", "?") : "none";

  nd_return (ctx, nd_strf ("stored: %s", text));
}

/* A Store shows nothing; its data goes through callbacks. */
static void
test_store (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Misc");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *store;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "value", "first"),
    nd_dcc_store ("id", "store"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, keep_text, nd_output ("store", "data"), nd_input ("in", "value"));
  nd_app_callback (app, show_stored, nd_output ("out", "children"), nd_input ("store", "data"));
  tw = nd_test_window_new (app);
  store = nd_test_widget (tw, "store");
  g_assert_false (gtk_widget_get_visible (store));
  g_assert_cmpint (gtk_widget_get_width (store), ==, 0);
  assert_text (tw, "out", "stored: first");
  gtk_editable_set_text (GTK_EDITABLE (nd_test_widget (tw, "in")), "second");
  nd_test_window_settle (tw);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (prop (tw, "store", "data")), "text"), ==, "second");
  assert_text (tw, "out", "stored: second");
}

/* ---- Interval ---- */

static void
show_ticks (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *n = arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("ticks: %s", n));
}

/* n_intervals counts up every `interval` ms and stops at max_intervals. */
static void
test_interval_ticks (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Misc");
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_interval ("id", "iv", "interval", 20, "n_intervals", 0, "max_intervals", 3),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_ticks, nd_output ("out", "children"), nd_input ("iv", "n_intervals"));
  tw = nd_test_window_new (app);
  assert_text (tw, "out", "ticks: 0");
  g_assert_false (gtk_widget_get_visible (nd_test_widget (tw, "iv")));
  WAIT_UNTIL (nd_test_prop_number (tw, "iv", "n_intervals") == 3);
  nd_test_window_settle (tw);
  assert_text (tw, "out", "ticks: 3");
  run_for (120);
  g_assert_cmpfloat (nd_test_prop_number (tw, "iv", "n_intervals"), ==, 3);
}

static void
toggle_interval (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_is_triggered (ctx, "stop.n_clicks"))
    nd_return (ctx, nd_bool (TRUE), nd_no_update ());
  else if (nd_callback_context_is_triggered (ctx, "reset.n_clicks"))
    nd_return (ctx, nd_bool (FALSE), nd_int (0));
  else
    nd_return (ctx, nd_bool (FALSE), nd_no_update ());
}

/* A callback enabling, disabling and resetting the Interval. */
static void
test_interval_callbacks (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Misc");
  g_autoptr(NdTestWindow) tw = NULL;
  double n;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Start", "id", "start"),
    nd_html_button ("Stop", "id", "stop"),
    nd_html_button ("Reset", "id", "reset"),
    nd_dcc_interval ("id", "iv", "interval", 15, "n_intervals", 0, "disabled", nd_bool (TRUE), "max_intervals", 50),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, toggle_interval, nd_output ("iv", "disabled"), nd_output ("iv", "n_intervals"),
                   nd_input ("start", "n_clicks"), nd_input ("stop", "n_clicks"), nd_input ("reset", "n_clicks"),
                   nd_prevent_initial_call ());
  nd_app_callback (app, show_ticks, nd_output ("out", "children"), nd_input ("iv", "n_intervals"));
  tw = nd_test_window_new (app);
  run_for (80);
  g_assert_cmpfloat (nd_test_prop_number (tw, "iv", "n_intervals"), ==, 0);
  click (tw, "start");
  WAIT_UNTIL (nd_test_prop_number (tw, "iv", "n_intervals") >= 2);
  nd_test_window_settle (tw);
  click (tw, "stop");
  n = nd_test_prop_number (tw, "iv", "n_intervals");
  {
    g_autofree char *expected = g_strdup_printf ("ticks: %g", n);
    assert_text (tw, "out", expected);
  }
  run_for (80);
  g_assert_cmpfloat (nd_test_prop_number (tw, "iv", "n_intervals"), ==, n);
  /* reset: counting starts again from 0 */
  click (tw, "reset");
  g_assert_cmpfloat (nd_test_prop_number (tw, "iv", "n_intervals"), <, n);
  WAIT_UNTIL (nd_test_prop_number (tw, "iv", "n_intervals") >= 1);
  click (tw, "stop");
}

/* ---- Location and Link ---- */

static void
show_location (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *path = arg_text (ctx, 0), *search = arg_text (ctx, 1), *hash = arg_text (ctx, 2);

  nd_return (ctx, nd_strf ("at %s|%s|%s", path, search, hash));
}

static void
go_somewhere (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_is_triggered (ctx, "nav.n_clicks"))
    nd_return (ctx, "/from-callback", nd_no_update ());
  else
    nd_return (ctx, nd_no_update (), "/quiet");
}

/* A Link navigates in the app and every Location reports the URL; a
 * callback setting a Location's pathname moves the window too. */
static void
test_location_and_link (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Misc");
  g_autoptr(NdTestWindow) tw = NULL;
  g_autofree char *url = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_location ("id", "url"),
    nd_dcc_location ("id", "url2", "refresh", "callback-nav"),
    nd_dcc_location ("id", "quiet", "refresh", nd_bool (FALSE)),
    nd_dcc_link ("Second page", "id", "lnk", "href", "/page-2?x=1#top"),
    nd_dcc_link ("id", "plain", "href", "/plain"),
    nd_dcc_link ("Run", "id", "bad", "href", "javascript:alert(1)"),
    nd_html_button ("Navigate", "id", "nav"),
    nd_html_button ("Quietly", "id", "hush"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_location, nd_output ("out", "children"),
                   nd_input ("url", "pathname"), nd_input ("url", "search"), nd_input ("url", "hash"));
  nd_app_callback (app, go_somewhere, nd_output ("url", "pathname"), nd_output ("quiet", "pathname"),
                   nd_input ("nav", "n_clicks"), nd_input ("hush", "n_clicks"), nd_prevent_initial_call ());
  tw = nd_test_window_new (app);
  assert_text (tw, "out", "at /||");
  g_assert_false (gtk_widget_get_visible (nd_test_widget (tw, "url")));
  /* the link looks like one; without children its text is the href */
  assert_text (tw, "lnk", "Second page");
  assert_text (tw, "plain", "/plain");
  g_assert_cmpstr (gtk_widget_get_css_name (nd_test_widget (tw, "lnk")), ==, "a");
  /* a click */
  click_gesture (nd_test_widget (tw, "lnk"));
  nd_test_window_settle (tw);
  url = nd_session_get_url (tw->session);
  g_assert_cmpstr (url, ==, "http://localhost/page-2?x=1#top");
  g_assert_cmpstr (nd_test_prop_string (tw, "url", "pathname"), ==, "/page-2");
  g_assert_cmpstr (nd_test_prop_string (tw, "url", "href"), ==, "http://localhost/page-2?x=1#top");
  g_assert_cmpstr (nd_test_prop_string (tw, "url2", "search"), ==, "?x=1");
  assert_text (tw, "out", "at /page-2|?x=1|#top");
  /* javascript: never runs */
  g_test_expect_message ("ndash", G_LOG_LEVEL_WARNING, "*unsafe scheme*");
  click_gesture (nd_test_widget (tw, "bad"));
  g_test_assert_expected_messages ();
  nd_test_window_settle (tw);
  g_free (url);
  url = nd_session_get_url (tw->session);
  g_assert_cmpstr (url, ==, "http://localhost/page-2?x=1#top");
  /* a callback sets pathname (refresh=True): the URL and every Location follow */
  click (tw, "nav");
  g_free (url);
  url = nd_session_get_url (tw->session);
  g_assert_cmpstr (url, ==, "http://localhost/from-callback?x=1#top");
  g_assert_cmpstr (nd_test_prop_string (tw, "url", "href"), ==, "http://localhost/from-callback?x=1#top");
  g_assert_cmpstr (nd_test_prop_string (tw, "url2", "pathname"), ==, "/from-callback");
  g_assert_cmpstr (nd_test_prop_string (tw, "quiet", "pathname"), ==, "/from-callback");
  assert_text (tw, "out", "at /from-callback|?x=1|#top");
  /* refresh=False: the URL changes, the other Locations are not told */
  click (tw, "hush");
  g_free (url);
  url = nd_session_get_url (tw->session);
  g_assert_cmpstr (url, ==, "http://localhost/quiet?x=1#top");
  g_assert_cmpstr (nd_test_prop_string (tw, "url", "pathname"), ==, "/from-callback");
}

/* ---- Upload ---- */

static char *
make_file (const char *dir, const char *name, const char *data, gssize len)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

static gboolean
drop_files (GtkWidget *widget, const char *const *paths)
{
  GtkEventController *target = find_controller (widget, GTK_TYPE_DROP_TARGET);
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  for (guint i = 0; paths[i]; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 4.0, 4.0, &accepted);
  g_value_unset (&value);
  g_slist_free_full (files, g_object_unref);
  return accepted;
}

static double
mtime_of (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, "time::*", 0, NULL, NULL);
  g_autoptr(GDateTime) dt = g_file_info_get_modification_date_time (info);

  return (double) (g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000) / 1000.0;
}

static void
show_upload (NdCallbackContext *ctx, gpointer user_data)
{
  JsonNode *names = nd_arg (ctx, 0);
  g_autofree char *text = nd_json_to_string (names, FALSE);

  nd_return (ctx, nd_strf ("uploaded %s", text));
}

static void
disable_upload (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_bool (TRUE));
}

/* Dropped files are read and reported as data URLs with their names and
 * dates; max_size and accept leave files out; disabled refuses drops. */
static void
test_upload_drop (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Misc");
  g_autoptr(NdTestWindow) tw = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nd-upload-XXXXXX", NULL);
  g_autofree char *txt = make_file (dir, "notes.txt", "hello", -1);
  g_autofree char *csv = make_file (dir, "data.csv", "x,y\n1,2\n", -1);
  g_autofree char *png = make_file (dir, "pic.png", "\x89PNG\r\n\x1a\n", 8);
  JsonArray *names, *contents, *dates;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_upload (nd_html_div ("Drop a file"), "id", "up"),
    nd_dcc_upload ("id", "multi", "multiple", nd_bool (TRUE), "accept", ".csv,text/plain"),
    nd_dcc_upload ("id", "small", "max_size", 4),
    nd_dcc_upload ("id", "images", "accept", "image/*"),
    nd_html_button ("Lock", "id", "lock"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_upload, nd_output ("out", "children"), nd_input ("up", "filename"),
                   nd_prevent_initial_call ());
  nd_app_callback (app, disable_upload, nd_output ("up", "disabled"), nd_input ("lock", "n_clicks"),
                   nd_prevent_initial_call ());
  tw = nd_test_window_new (app);
  assert_text (tw, "up", "Drop a file");

  g_assert_true (drop_files (nd_test_widget (tw, "up"), (const char *[]) { txt, NULL }));
  WAIT_UNTIL (!is_null (tw, "up", "filename"));
  nd_test_window_settle (tw);
  g_assert_cmpstr (nd_test_prop_string (tw, "up", "contents"), ==, "data:text/plain;base64,aGVsbG8=");
  g_assert_cmpstr (nd_test_prop_string (tw, "up", "filename"), ==, "notes.txt");
  g_assert_cmpfloat_with_epsilon (nd_test_prop_number (tw, "up", "last_modified"), mtime_of (txt), 0.0011);
  assert_text (tw, "out", "uploaded \"notes.txt\"");

  /* multiple: lists, in order; the PNG is not accepted */
  g_assert_true (drop_files (nd_test_widget (tw, "multi"), (const char *[]) { csv, png, txt, NULL }));
  WAIT_UNTIL (!is_null (tw, "multi", "filename"));
  names = json_node_get_array (prop (tw, "multi", "filename"));
  contents = json_node_get_array (prop (tw, "multi", "contents"));
  dates = json_node_get_array (prop (tw, "multi", "last_modified"));
  g_assert_cmpuint (json_array_get_length (names), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (names, 0), ==, "data.csv");
  g_assert_cmpstr (json_array_get_string_element (names, 1), ==, "notes.txt");
  g_assert_cmpstr (json_array_get_string_element (contents, 0), ==, "data:text/csv;base64,eCx5CjEsMgo=");
  g_assert_cmpuint (json_array_get_length (dates), ==, 2);

  /* accept="image/…": the PNG is taken, the text file is not */
  drop_files (nd_test_widget (tw, "images"), (const char *[]) { txt, NULL });
  nd_test_window_settle (tw);
  g_assert_true (is_null (tw, "images", "filename"));
  drop_files (nd_test_widget (tw, "images"), (const char *[]) { txt, png, NULL });
  WAIT_UNTIL (!is_null (tw, "images", "filename"));
  g_assert_cmpstr (nd_test_prop_string (tw, "images", "filename"), ==, "pic.png");
  g_assert_true (g_str_has_prefix (nd_test_prop_string (tw, "images", "contents"), "data:image/png;base64,"));

  /* over max_size: nothing reported */
  drop_files (nd_test_widget (tw, "small"), (const char *[]) { txt, NULL });
  nd_test_window_settle (tw);
  g_assert_true (is_null (tw, "small", "filename"));

  /* a callback disables the first one: drops are refused */
  click (tw, "lock");
  g_assert_false (gtk_widget_get_sensitive (nd_test_widget (tw, "up")));
  g_assert_false (drop_files (nd_test_widget (tw, "up"), (const char *[]) { csv, NULL }));
  nd_test_window_settle (tw);
  g_assert_cmpstr (nd_test_prop_string (tw, "up", "filename"), ==, "notes.txt");
  g_unlink (txt);
  g_unlink (csv);
  g_unlink (png);
  g_rmdir (dir);
}

/* Clicking the Upload's button opens a file chooser; the file picked is
 * reported. */
static void
test_upload_chooser (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Misc");
  g_autoptr(NdTestWindow) tw = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nd-upload-XXXXXX", NULL);
  g_autofree char *csv = make_file (dir, "table.csv", "a,b\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  GtkFileChooser *chooser;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_upload (nd_html_button ("Upload File", "id", "pick-btn"), "id", "pick"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_upload, nd_output ("out", "children"), nd_input ("pick", "filename"),
                   nd_prevent_initial_call ());
  tw = nd_test_window_new (app);
  click (tw, "pick-btn");
  chooser = g_object_get_data (G_OBJECT (nd_test_widget (tw, "pick")), "nd-upload-chooser");
  g_assert_nonnull (chooser);
  g_assert_true (GTK_IS_FILE_CHOOSER_NATIVE (chooser));
  g_assert_true (gtk_native_dialog_get_modal (GTK_NATIVE_DIALOG (chooser)));
  g_assert_true (gtk_file_chooser_set_file (chooser, file, NULL));
  WAIT_UNTIL (({ g_autoptr(GFile) f = gtk_file_chooser_get_file (chooser); f != NULL; }));
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_null (g_object_get_data (G_OBJECT (nd_test_widget (tw, "pick")), "nd-upload-chooser"));
  WAIT_UNTIL (!is_null (tw, "pick", "filename"));
  nd_test_window_settle (tw);
  g_assert_cmpstr (nd_test_prop_string (tw, "pick", "contents"), ==, "data:text/csv;base64,YSxiCg==");
  assert_text (tw, "out", "uploaded \"table.csv\"");
  g_unlink (csv);
  g_rmdir (dir);
}

/* ---- Download ---- */

static char *download_dir;   /* $ND_DOWNLOAD_DIR, set before threads start */

static void
send_file (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_is_triggered (ctx, "save-bin.n_clicks"))
    {
      g_autofree char *b64 = g_base64_encode ((const guchar *) "\x00\x01\xff" "bin", 6);

      nd_return (ctx, nd_dict ("content", b64, "filename", "blob.bin", "base64", nd_bool (TRUE),
                               "type", "application/octet-stream"));
    }
  else
    nd_return (ctx, nd_dict ("content", "city,sales\nOslo,12\n", "filename", "../report.csv",
                             "type", "text/csv"));
}

/* data set by a callback is saved (in $ND_DOWNLOAD_DIR instead of a
 * dialog), base64-decoded when asked, never outside the folder. */
static void
test_download (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Misc");
  g_autoptr(NdTestWindow) tw = NULL;
  const char *dir = download_dir;
  g_autofree char *csv = g_build_filename (dir, "report.csv", NULL);
  g_autofree char *bin = g_build_filename (dir, "blob.bin", NULL);
  g_autofree char *data = NULL;
  gsize len;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Save CSV", "id", "save"),
    nd_html_button ("Save binary", "id", "save-bin"),
    nd_dcc_download ("id", "dl"))));
  nd_app_callback (app, send_file, nd_output ("dl", "data"), nd_input ("save", "n_clicks"),
                   nd_input ("save-bin", "n_clicks"), nd_prevent_initial_call ());
  tw = nd_test_window_new (app);
  g_assert_false (gtk_widget_get_visible (nd_test_widget (tw, "dl")));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  click (tw, "save");
  g_assert_true (g_file_get_contents (csv, &data, &len, NULL));
  g_assert_cmpstr (data, ==, "city,sales\nOslo,12\n");
  g_clear_pointer (&data, g_free);
  click (tw, "save-bin");
  g_assert_true (g_file_get_contents (bin, &data, &len, NULL));
  g_assert_cmpuint (len, ==, 6);
  g_assert_cmpmem (data, len, "\x00\x01\xff" "bin", 6);
  g_unlink (csv);
  g_unlink (bin);
}

/* ---- ConfirmDialog, ConfirmDialogProvider ---- */

static void
ask (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_bool (TRUE));
}

static void
show_answers (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *ok = arg_text (ctx, 0), *cancel = arg_text (ctx, 1);

  nd_return (ctx, nd_strf ("ok %s, cancel %s", ok, cancel));
}

static GtkWidget *
dialog_of (NdTestWindow *tw, const char *id)
{
  return g_object_get_data (G_OBJECT (nd_test_widget (tw, id)), "nd-confirm-dialog");
}

/* displayed=True from a callback opens a modal OK/Cancel dialog; each
 * answer is counted and displayed goes back to False. */
static void
test_confirm_dialog (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Misc");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *dialog;
  char *message = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Delete", "id", "del"),
    nd_dcc_confirm_dialog ("id", "cd", "message", "Delete the file?"),
    nd_dcc_confirm_dialog ("id", "at-mount", "message", "Continue?", "displayed", nd_bool (TRUE)),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, ask, nd_output ("cd", "displayed"), nd_input ("del", "n_clicks"), nd_prevent_initial_call ());
  nd_app_callback (app, show_answers, nd_output ("out", "children"),
                   nd_input ("cd", "submit_n_clicks"), nd_input ("cd", "cancel_n_clicks"));
  tw = nd_test_window_new (app);
  /* displayed=True in the layout: open at mount */
  dialog = dialog_of (tw, "at-mount");
  g_assert_true (GTK_IS_MESSAGE_DIALOG (dialog));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_DELETE_EVENT);
  nd_test_window_settle (tw);
  g_assert_cmpfloat (nd_test_prop_number (tw, "at-mount", "cancel_n_clicks"), ==, 1);
  g_assert_false (nd_json_is_truthy (prop (tw, "at-mount", "displayed")));
  g_assert_null (dialog_of (tw, "cd"));
  assert_text (tw, "out", "ok None, cancel None");
  click (tw, "del");
  dialog = dialog_of (tw, "cd");
  g_assert_true (GTK_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (tw->window));
  g_object_get (dialog, "text", &message, NULL);
  g_assert_cmpstr (message, ==, "Delete the file?");
  g_free (message);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  nd_test_window_settle (tw);
  g_assert_null (dialog_of (tw, "cd"));
  g_assert_cmpfloat (nd_test_prop_number (tw, "cd", "submit_n_clicks"), ==, 1);
  g_assert_cmpfloat (nd_test_prop_number (tw, "cd", "submit_n_clicks_timestamp"), >, 1.6e12);
  g_assert_false (nd_json_is_truthy (prop (tw, "cd", "displayed")));
  assert_text (tw, "out", "ok 1, cancel None");
  /* again, cancelled this time */
  click (tw, "del");
  dialog = dialog_of (tw, "cd");
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  nd_test_window_settle (tw);
  g_assert_cmpfloat (nd_test_prop_number (tw, "cd", "cancel_n_clicks"), ==, 1);
  assert_text (tw, "out", "ok 1, cancel 1");
  g_assert_null (dialog_of (tw, "cd"));
}

/* Clicking the Provider's child opens the dialog. */
static void
test_confirm_provider (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Misc");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *dialog;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_confirm_dialog_provider (nd_html_button ("Drop table", "id", "drop"),
                                    "id", "cdp", "message", "Really drop the table?"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_answers, nd_output ("out", "children"),
                   nd_input ("cdp", "submit_n_clicks"), nd_input ("cdp", "cancel_n_clicks"));
  tw = nd_test_window_new (app);
  assert_text (tw, "cdp", "Drop table");
  click (tw, "drop");
  g_assert_true (nd_json_is_truthy (prop (tw, "cdp", "displayed")));
  dialog = dialog_of (tw, "cdp");
  g_assert_true (GTK_IS_MESSAGE_DIALOG (dialog));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  nd_test_window_settle (tw);
  g_assert_cmpfloat (nd_test_prop_number (tw, "cdp", "submit_n_clicks"), ==, 1);
  g_assert_false (nd_json_is_truthy (prop (tw, "cdp", "displayed")));
  assert_text (tw, "out", "ok 1, cancel None");
}

/* ---- Clipboard ---- */

static char *
clipboard_text (GtkWidget *widget)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gtk_widget_get_display (widget));
  GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
  GValue value = G_VALUE_INIT;
  char *text;

  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  text = g_value_dup_string (&value);
  g_value_unset (&value);
  return text;
}

static void
fill_content (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_strf ("generated %" G_GINT64_FORMAT, nd_callback_context_get_arg_int (ctx, 0, 0)));
}

static void
count_copies (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *n = arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("copied %s", n));
}

static gboolean
shows_icon (GtkWidget *widget, const char *icon)
{
  GtkWidget *image = nd_test_find (widget, GTK_TYPE_IMAGE);

  return image && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (image)), icon) == 0;
}

/* A click copies the target's text, or `content` after the callbacks on
 * n_clicks have run; the icon shows it was copied, then comes back. */
static void
test_clipboard (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Misc");
  g_autoptr(NdTestWindow) tw = NULL;
  g_autofree char *text = NULL;
  GtkWidget *c1;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "src", "value", "pip install dash"),
    nd_dcc_clipboard ("id", "c1", "target_id", "src", "title", "Copy command"),
    nd_dcc_clipboard ("id", "c2"),
    nd_dcc_textarea ("id", "area", "value", "line one\nline two"),
    nd_dcc_clipboard ("id", "c3", "target_id", "area"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, fill_content, nd_output ("c2", "content"), nd_input ("c2", "n_clicks"),
                   nd_prevent_initial_call ());
  nd_app_callback (app, count_copies, nd_output ("out", "children"), nd_input ("c1", "n_clicks"));
  tw = nd_test_window_new (app);
  c1 = nd_test_widget (tw, "c1");
  g_assert_true (GTK_IS_BUTTON (c1));
  g_assert_true (shows_icon (c1, "edit-copy-symbolic"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (c1), ==, "Copy command");
  assert_text (tw, "out", "copied None");
  click (tw, "c1");
  text = clipboard_text (c1);
  g_assert_cmpstr (text, ==, "pip install dash");
  g_assert_cmpfloat (nd_test_prop_number (tw, "c1", "n_clicks"), ==, 1);
  assert_text (tw, "out", "copied 1");
  g_assert_true (shows_icon (c1, "object-select-symbolic"));
  WAIT_UNTIL (shows_icon (c1, "edit-copy-symbolic"));
  /* no target: the callback on n_clicks fills content first */
  click (tw, "c2");
  g_free (text);
  text = clipboard_text (c1);
  g_assert_cmpstr (text, ==, "generated 1");
  g_assert_cmpstr (nd_test_prop_string (tw, "c2", "content"), ==, "generated 1");
  /* a textarea's value */
  click (tw, "c3");
  g_free (text);
  text = clipboard_text (c1);
  g_assert_cmpstr (text, ==, "line one\nline two");
}

/* ---- Tooltip ---- */

static void
hover (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_is_triggered (ctx, "leave.n_clicks"))
    nd_return (ctx, nd_bool (FALSE), nd_no_update (), nd_no_update ());
  else
    nd_return (ctx, nd_bool (TRUE), nd_dict ("x0", 40, "y0", 20, "x1", 50, "y1", 30),
               nd_html_div (nd_list (nd_html_b ("Oslo"), nd_html_p ("Sales: 12"))));
}

/* A callback sets show/bbox/children (from hoverData): a popover points
 * at that box of the graph and shows the children. */
static void
test_tooltip (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Misc");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *tip, *popover, *graph;
  GdkRectangle rect;
  graphene_point_t origin;
  g_autofree char *text = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Hover", "id", "enter"),
    nd_html_button ("Leave", "id", "leave"),
    nd_html_div (nd_list (nd_dcc_graph ("id", "graph"), nd_dcc_tooltip ("id", "tip", "show", nd_bool (FALSE)))))));
  nd_app_callback (app, hover, nd_output ("tip", "show"), nd_output ("tip", "bbox"), nd_output ("tip", "children"),
                   nd_input ("enter", "n_clicks"), nd_input ("leave", "n_clicks"), nd_prevent_initial_call ());
  tw = nd_test_window_new (app);
  tip = nd_test_widget (tw, "tip");
  graph = nd_test_widget (tw, "graph");
  popover = nd_test_find (tip, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpint (gtk_widget_get_height (tip), ==, 0);
  click (tw, "enter");
  g_assert_true (gtk_widget_get_visible (popover));
  text = nd_test_widget_text (popover);
  g_assert_cmpstr (text, ==, "Oslo Sales: 12");
  g_assert_true (gtk_popover_get_pointing_to (GTK_POPOVER (popover), &rect));
  g_assert_true (gtk_widget_compute_point (graph, tip, &GRAPHENE_POINT_INIT (0, 0), &origin));
  g_assert_cmpint (rect.x, ==, (int) origin.x + 40);
  g_assert_cmpint (rect.y, ==, (int) origin.y + 20);
  g_assert_cmpint (rect.width, ==, 10);
  g_assert_cmpint (gtk_popover_get_position (GTK_POPOVER (popover)), ==, GTK_POS_RIGHT);
  click (tw, "leave");
  g_assert_false (gtk_widget_get_visible (popover));
}

/* ---- Loading ---- */

static GMutex slow_lock;
static GCond slow_cond;
static gboolean slow_release;

static void
slow_work (NdCallbackContext *ctx, gpointer user_data)
{
  gint64 n = nd_callback_context_get_arg_int (ctx, 0, 0);

  g_mutex_lock (&slow_lock);
  while (!slow_release)
    g_cond_wait (&slow_cond, &slow_lock);
  g_mutex_unlock (&slow_lock);
  nd_return (ctx, nd_strf ("done %" G_GINT64_FORMAT, n), nd_strf ("also %" G_GINT64_FORMAT, n), "third");
}

static void
force_spinner (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, "show");
}

static gboolean
spinner_shown (GtkWidget *loading)
{
  GtkWidget *spinner = nd_test_find (loading, GTK_TYPE_SPINNER);

  return spinner && gtk_widget_is_visible (spinner) && gtk_spinner_get_spinning (GTK_SPINNER (spinner));
}

/* While a callback writing inside a Loading runs, its spinner covers the
 * dimmed children; target_components limits what counts. */
static void
test_loading (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Misc");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *ld, *ld2;
  g_autoptr(JsonNode) slow_id = nd_json_string ("slow");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Run", "id", "go"),
    nd_html_button ("Force", "id", "force"),
    nd_dcc_loading (nd_html_div ("waiting", "id", "slow"), "id", "ld"),
    nd_dcc_loading (nd_html_div ("waiting too", "id", "slow2"), "id", "ld2",
                    "target_components", nd_dict ("other", "children")),
    nd_dcc_loading (nd_html_div ("waiting three", "id", "slow3"), "id", "ld3", "delay_show", 60000),
    nd_html_div ("id", "other"))));
  nd_app_callback (app, slow_work, nd_output ("slow", "children"), nd_output ("slow2", "children"),
                   nd_output ("slow3", "children"),
                   nd_input ("go", "n_clicks"), nd_prevent_initial_call (), nd_threading (ND_THREADING_WORKER));
  nd_app_callback (app, force_spinner, nd_output ("ld2", "display"), nd_input ("force", "n_clicks"),
                   nd_prevent_initial_call ());
  tw = nd_test_window_new (app);
  ld = nd_test_widget (tw, "ld");
  ld2 = nd_test_widget (tw, "ld2");
  g_assert_false (spinner_shown (ld));
  slow_release = FALSE;
  g_signal_emit_by_name (nd_test_widget (tw, "go"), "clicked");
  WAIT_UNTIL (spinner_shown (ld));
  g_assert_true (nd_session_is_loading (tw->session, slow_id, "children"));
  g_assert_true (gtk_widget_has_css_class (gtk_overlay_get_child (GTK_OVERLAY (ld)), "dimmed"));
  /* slow2 is not among ld2's target_components */
  g_assert_false (spinner_shown (ld2));
  /* delay_show: a minute has not passed */
  g_assert_false (spinner_shown (nd_test_widget (tw, "ld3")));
  g_mutex_lock (&slow_lock);
  slow_release = TRUE;
  g_cond_broadcast (&slow_cond);
  g_mutex_unlock (&slow_lock);
  nd_test_window_settle (tw);
  g_assert_false (spinner_shown (ld));
  g_assert_false (gtk_widget_has_css_class (gtk_overlay_get_child (GTK_OVERLAY (ld)), "dimmed"));
  assert_text (tw, "slow", "done 1");
  assert_text (tw, "slow2", "also 1");
  /* a callback forcing display="show" */
  click (tw, "force");
  g_assert_true (spinner_shown (ld2));
}

/* ---- the page ---- */

static void
test_page (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Misc");
  g_autoptr(NdTestWindow) tw = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_location ("id", "url"),
    nd_dcc_store ("id", "session-store", "data", nd_dict ("user", "ada")),
    nd_dcc_interval ("id", "refresh", "interval", 60000),
    nd_dcc_download ("id", "download"),
    nd_dcc_confirm_dialog ("id", "confirm", "message", "Discard changes?"),
    nd_html_div (nd_list (
      nd_dcc_link ("Overview", "href", "/"),
      nd_html_span ("  \xc2\xb7  "),
      nd_dcc_link ("Reports", "href", "/reports"),
      nd_html_span ("  \xc2\xb7  "),
      nd_dcc_link ("Settings", "href", "/settings")), "style", nd_dict ("marginBottom", 12)),
    nd_html_h4 ("Upload data"),
    nd_dcc_upload (nd_html_div (nd_list ("Drag and Drop or ", nd_html_a ("Select Files"))),
                   "id", "upload-data", "multiple", nd_bool (TRUE),
                   "style", nd_dict ("width", "100%", "height", "60px", "lineHeight", "60px",
                                     "borderWidth", "1px", "borderStyle", "dashed",
                                     "borderRadius", "5px", "textAlign", "center")),
    nd_html_div (nd_list (
      nd_dcc_upload (nd_html_button ("Upload File"), "id", "upload-button"),
      nd_dcc_upload ("id", "upload-plain", "accept", ".csv")),
      "style", nd_dict ("display", "flex", "gap", 16, "marginTop", 12, "alignItems", "center")),
    nd_html_h4 ("Install"),
    nd_html_div (nd_list (
      nd_dcc_input ("id", "cmd", "value", "pip install dash", "readOnly", nd_bool (TRUE)),
      nd_dcc_clipboard ("id", "copy", "target_id", "cmd", "title", "Copy")),
      "style", nd_dict ("display", "flex", "alignItems", "center", "gap", 4)),
    nd_html_h4 ("Results"),
    nd_dcc_loading (nd_html_div (nd_list (
      nd_html_p ("Revenue by region is being recomputed."),
      nd_html_p ("North 1.2 M \xc2\xb7 South 0.9 M \xc2\xb7 East 0.7 M")),
      "style", nd_dict ("padding", 12, "border", "1px solid #ddd", "borderRadius", 6)),
      "id", "loading", "display", "show", "type", "circle"),
    nd_html_div (nd_list (
      nd_dcc_confirm_dialog_provider (nd_html_button ("Delete dataset"), "id", "danger",
                                      "message", "Delete the dataset?")),
      "style", nd_dict ("marginTop", 16)),
    nd_dcc_tooltip ("id", "tip"))));
  tw = nd_test_window_new (app);
  nd_test_window_set_size (tw, 900, 700);
  nd_test_compare_golden (tw, "misc", 0.02);
}

int
main (int argc, char **argv)
{
  int status;

  /* the file chooser saves its settings: not to dconf, which needs a bus */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  download_dir = g_dir_make_tmp ("nd-download-XXXXXX", NULL);
  g_setenv ("ND_DOWNLOAD_DIR", download_dir, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, "gtk-cursor-blink", FALSE, NULL);
  g_test_add_func ("/widgets/misc/store", test_store);
  g_test_add_func ("/widgets/misc/interval-ticks", test_interval_ticks);
  g_test_add_func ("/widgets/misc/interval-callbacks", test_interval_callbacks);
  g_test_add_func ("/widgets/misc/location-and-link", test_location_and_link);
  g_test_add_func ("/widgets/misc/upload-drop", test_upload_drop);
  g_test_add_func ("/widgets/misc/upload-chooser", test_upload_chooser);
  g_test_add_func ("/widgets/misc/download", test_download);
  g_test_add_func ("/widgets/misc/confirm-dialog", test_confirm_dialog);
  g_test_add_func ("/widgets/misc/confirm-provider", test_confirm_provider);
  g_test_add_func ("/widgets/misc/clipboard", test_clipboard);
  g_test_add_func ("/widgets/misc/tooltip", test_tooltip);
  g_test_add_func ("/widgets/misc/loading", test_loading);
  g_test_add_func ("/widgets/misc/page", test_page);
  status = g_test_run ();
  g_rmdir (download_dir);
  g_free (download_dir);
  return status;
}
