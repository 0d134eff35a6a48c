/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Props components report on their own at mount (components.md §4),
 * filled in before the initial callbacks (callback-semantics §3.1), so a
 * router or a Dropdown-driven callback runs once, with the real value.
 */
#include <glib/gstdio.h>

#include "ndash.h"

typedef struct {
  GMutex lock;
  guint calls;
  char *seen;
} Seen;

static void
seen_clear (Seen *s)
{
  g_free (s->seen);
  g_mutex_clear (&s->lock);
}

/* Records every argument as JSON text, joined with "|". */
static void
record_args (NdCallbackContext *ctx, gpointer user_data)
{
  Seen *s = user_data;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < nd_callback_context_get_n_args (ctx); i++)
    {
      g_autofree char *arg = nd_json_to_string (nd_arg (ctx, i), FALSE);

      g_string_append_printf (text, "%s%s", i ? "|" : "", arg);
    }
  g_mutex_lock (&s->lock);
  s->calls++;
  g_free (s->seen);
  s->seen = g_strdup (text->str);
  g_mutex_unlock (&s->lock);
  nd_return (ctx, text->str);
}

static NdSession *
start (NdApp *app, const char *url)
{
  g_autoptr(GError) error = NULL;
  NdSession *session = nd_app_new_session (app, &error);

  g_assert_no_error (error);
  if (url)
    {
      nd_session_set_url (session, url, &error);
      g_assert_no_error (error);
    }
  nd_session_start (session, &error);
  g_assert_no_error (error);
  g_assert_true (nd_session_run_until_idle (session, 5000));
  return session;
}

static void
test_location_fills_url (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Mount");
  g_autoptr(NdSession) session = NULL;
  Seen s = { 0 };

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_location ("id", "url"),
    nd_html_div ("id", "page"))));
  nd_app_callback_data (app, record_args, &s,
                        nd_output ("page", "children"),
                        nd_input ("url", "pathname"),
                        nd_input ("url", "search"),
                        nd_input ("url", "hash"),
                        nd_input ("url", "href"));
  session = start (app, "/reports/2024?region=north#top");

  /* one initial call that already sees the URL: no second, triggered run */
  g_assert_cmpuint (s.calls, ==, 1);
  g_assert_cmpstr (s.seen, ==,
                   "\"/reports/2024\"|\"?region=north\"|\"#top\"|"
                   "\"http://localhost/reports/2024?region=north#top\"");
  g_assert_cmpstr (nd_session_get_prop_string (session, "url", "pathname"), ==, "/reports/2024");
  seen_clear (&s);
}

static void
test_location_keeps_set_props (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Mount");
  g_autoptr(NdSession) session = NULL;
  Seen s = { 0 };

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_location ("id", "url", "pathname", "/fixed"),
    nd_html_div ("id", "page"))));
  nd_app_callback_data (app, record_args, &s,
                        nd_output ("page", "children"),
                        nd_input ("url", "pathname"),
                        nd_input ("url", "search"));
  session = start (app, NULL);

  /* only unset props are filled; a native window starts at "/" */
  g_assert_cmpstr (s.seen, ==, "\"/fixed\"|\"\"");
  seen_clear (&s);
}

static void
test_dropdown_drops_stray_value (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Mount");
  g_autoptr(NdSession) session = NULL;
  Seen s = { 0 };

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_dropdown ("id", "single", "options", nd_list ("NYC", "LA"), "value", "SF"),
    nd_dcc_dropdown ("id", "multi", "multi", TRUE,
                     "options", nd_list (nd_dict ("label", "New York", "value", "NYC"),
                                         nd_dict ("label", "Montreal", "value", "MTL")),
                     "value", nd_list ("MTL", "SF", "NYC")),
    nd_dcc_dropdown ("id", "keyed", "options", nd_dict ("NYC", "New York"), "value", "NYC"),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, record_args, &s,
                        nd_output ("out", "children"),
                        nd_input ("single", "value"),
                        nd_input ("multi", "value"),
                        nd_input ("keyed", "value"));
  session = start (app, NULL);

  g_assert_cmpuint (s.calls, ==, 1);
  g_assert_cmpstr (s.seen, ==, "null|[\"MTL\",\"NYC\"]|\"NYC\"");
  seen_clear (&s);
}

static void
test_tabs_and_slider (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Mount");
  g_autoptr(NdSession) session = NULL;
  Seen s = { 0 };

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_tabs ("id", "tabs", "children", nd_list (nd_dcc_tab ("label", "A", "value", "a"),
                                                    nd_dcc_tab ("label", "B", "value", "b"))),
    nd_dcc_slider ("id", "slider", "min", 0, "max", 10, "value", 4),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, record_args, &s,
                        nd_output ("out", "children"),
                        nd_input ("tabs", "value"),
                        nd_input ("slider", "drag_value"));
  session = start (app, NULL);

  g_assert_cmpuint (s.calls, ==, 1);
  g_assert_cmpstr (s.seen, ==, "\"a\"|4");
  seen_clear (&s);
}

/* Returns "data|modified_timestamp>0" of the Store as the session holds it. */
static char *
store_state (NdSession *session, const char *id)
{
  g_autoptr(JsonNode) node = nd_json_string (id);
  g_autofree char *data = nd_json_to_string (nd_session_get_prop (session, node, "data"), FALSE);
  JsonNode *ts = nd_session_get_prop (session, node, "modified_timestamp");

  return g_strdup_printf ("%s|%s", data, ts && json_node_get_int (ts) > 0 ? "written" : "never");
}

static gboolean
store_shows (NdSession *session, const char *id, const char *expected)
{
  g_autofree char *state = store_state (session, id);

  return g_strcmp0 (state, expected) == 0;
}

static void
set_store (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_dict ("last", nd_callback_context_get_arg_string (ctx, 0)));
}

static void
show_store (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_json_to_string (nd_arg (ctx, 0), FALSE);

  nd_return (ctx, text);
}

static NdApp *
local_store_app (const char *dir)
{
  NdApp *app = nd_app_new ("org.ndash.test.MountStore");

  nd_app_set_data_dir (app, dir);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in"),
    nd_dcc_store ("id", "prefs", "storage_type", "local"),
    nd_html_div ("id", "shown"))));
  nd_app_callback (app, set_store, nd_output ("prefs", "data"), nd_input ("in", "value"),
                   nd_prevent_initial_call ());
  nd_app_callback (app, show_store, nd_output ("shown", "children"), nd_input ("prefs", "data"));
  return app;
}

/* §13: a local Store written in one window updates the same Store in the
 * app's other windows, and their callbacks run, as browser tabs do. */
static void
test_local_store_syncs_sessions (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ndash-mount-XXXXXX", NULL);
  g_autoptr(NdApp) app = local_store_app (dir);
  g_autoptr(NdSession) a = start (app, NULL);
  g_autoptr(NdSession) b = start (app, NULL);
  g_autoptr(NdSession) c = NULL;

  g_assert_true (store_shows (b, "prefs", "null|never"));
  nd_session_user_set (a, "in", "value", "dark");
  g_assert_true (nd_session_run_until_idle (a, 5000));
  g_assert_true (store_shows (a, "prefs", "{\"last\":\"dark\"}|written"));
  g_assert_true (nd_session_run_until_idle (b, 5000));
  g_assert_true (store_shows (b, "prefs", "{\"last\":\"dark\"}|written"));
  g_assert_cmpstr (nd_session_get_prop_string (b, "shown", "children"), ==, "{\"last\":\"dark\"}");

  /* a window opened later reads the stored value at mount */
  c = start (app, NULL);
  g_assert_cmpstr (nd_session_get_prop_string (c, "shown", "children"), ==, "{\"last\":\"dark\"}");

  g_assert_true (nd_store_clear (app, "prefs", "local", NULL));
  g_rmdir (dir);
}

static void
insert_store (NdCallbackContext *ctx, gpointer user_data)
{
  if (nd_callback_context_get_arg_int (ctx, 0, 0) % 2)
    nd_return (ctx, nd_dcc_store ("id", "prefs", "storage_type", "local"));
  else
    nd_return (ctx, "no store");
}

/* §13: a Store re-created without data pulls the stored value back. */
static void
test_inserted_store_reads_storage (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ndash-mount-XXXXXX", NULL);
  g_autoptr(NdApp) writer = local_store_app (dir);
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.MountStore");
  g_autoptr(NdSession) w = start (writer, NULL);
  g_autoptr(NdSession) session = NULL;

  nd_session_user_set (w, "in", "value", "saved");
  g_assert_true (nd_session_run_until_idle (w, 5000));

  nd_app_set_data_dir (app, dir);
  nd_app_set_suppress_callback_exceptions (app, TRUE);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("id", "toggle", "n_clicks", 0),
    nd_html_div ("id", "slot"),
    nd_html_div ("id", "shown"))));
  nd_app_callback (app, insert_store, nd_output ("slot", "children"), nd_input ("toggle", "n_clicks"));
  nd_app_callback (app, show_store, nd_output ("shown", "children"), nd_input ("prefs", "data"));
  session = start (app, NULL);
  nd_session_user_set (session, "toggle", "n_clicks", 1);
  g_assert_true (nd_session_run_until_idle (session, 5000));
  g_assert_true (store_shows (session, "prefs", "{\"last\":\"saved\"}|written"));
  g_assert_cmpstr (nd_session_get_prop_string (session, "shown", "children"), ==, "{\"last\":\"saved\"}");

  g_assert_true (nd_store_clear (app, "prefs", "local", NULL));
  g_rmdir (dir);
}

/* components.md §4 applies to components a callback inserts, too. */
static void
insert_dropdown (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_dcc_dropdown ("id", "dd", "options", nd_list ("a", "b"), "value", "zzz"));
}

static void
test_inserted_dropdown_drops_stray_value (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Mount");
  g_autoptr(NdSession) session = NULL;
  Seen s = { 0 };

  nd_app_set_suppress_callback_exceptions (app, TRUE);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("id", "go"), nd_html_div ("id", "slot"), nd_html_div ("id", "out"))));
  nd_app_callback (app, insert_dropdown, nd_output ("slot", "children"), nd_input ("go", "n_clicks"),
                   nd_prevent_initial_call ());
  nd_app_callback_data (app, record_args, &s, nd_output ("out", "children"), nd_input ("dd", "value"));
  session = start (app, NULL);
  nd_session_user_set (session, "go", "n_clicks", 1);
  g_assert_true (nd_session_run_until_idle (session, 5000));
  g_assert_cmpuint (s.calls, ==, 1);
  g_assert_cmpstr (s.seen, ==, "null");
  seen_clear (&s);
}

/* A session's layout is an exact copy of the app's, member order and all,
 * before anything mounts. */
static void
test_session_copy_is_exact (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Mount");
  g_autoptr(NdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *want = NULL, *got = NULL;
  g_autoptr(JsonNode) original = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_h1 ("Title", "id", "t", "style", nd_dict ("color", "red", "fontSize", 20)),
    nd_dcc_dropdown ("id", "dd", "options", nd_list (nd_dict ("label", nd_html_b ("Bold"), "value", "b")),
                     "value", "b"),
    nd_dcc_loading (nd_html_div ("inner", "id", "inner"), "id", "loading"),
    "text", 42, NULL), "id", "root"));
  original = nd_app_get_layout (app, NULL);
  want = nd_json_to_string (original, FALSE);
  session = nd_app_new_session (app, &error);
  g_assert_no_error (error);
  got = nd_json_to_string (nd_session_get_layout (session), FALSE);
  g_assert_cmpstr (got, ==, want);
  /* and it is a copy: the app's layout is untouched by the session */
  {
    g_autoptr(JsonNode) inner = nd_json_string ("inner");
    g_assert_nonnull (nd_session_get_component (session, inner));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/load/3.1/session-copy-is-exact", test_session_copy_is_exact);
  g_test_add_func ("/load/3.1/mount/location-fills-url", test_location_fills_url);
  g_test_add_func ("/load/3.1/mount/location-keeps-set-props", test_location_keeps_set_props);
  g_test_add_func ("/load/3.1/mount/dropdown-drops-stray-value", test_dropdown_drops_stray_value);
  g_test_add_func ("/load/3.1/mount/tabs-value-and-slider-drag-value", test_tabs_and_slider);
  g_test_add_func ("/load/4.4/mount/inserted-dropdown-drops-stray-value", test_inserted_dropdown_drops_stray_value);
  g_test_add_func ("/store/13/local-store-syncs-sessions", test_local_store_syncs_sessions);
  g_test_add_func ("/store/13/inserted-store-reads-storage", test_inserted_store_reads_storage);
  return g_test_run ();
}
