/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * callback-semantics §12: persisted props come back in a new session
 * before the initial callbacks run, unless the app changed the default.
 */
#include <glib/gstdio.h>

#include "ndash.h"

typedef struct {
  char *dir;
  guint runs;
  char *seen;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("ndash-persist-XXXXXX", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->seen);
}

static void
echo (NdCallbackContext *ctx, gpointer user_data)
{
  Fixture *f = user_data;
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  f->runs++;
  g_free (f->seen);
  f->seen = g_strdup (text);
  nd_return (ctx, text);
}

/* An app whose Input "name" starts at @initial and persists as @type. */
static NdApp *
make_app (Fixture *f, const char *initial, const char *type, JsonNode *persistence)
{
  NdApp *app = nd_app_new ("org.ndash.test.Persist");

  nd_app_set_data_dir (app, f->dir);
  nd_app_set_threading (app, ND_THREADING_INLINE);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "name", "value", initial, "persistence", persistence,
                  "persistence_type", type),
    nd_html_div ("id", "greeting"))));
  nd_app_callback_data (app, echo, f, nd_output ("greeting", "children"), nd_input ("name", "value"));
  return app;
}

static NdSession *
start (NdApp *app)
{
  g_autoptr(GError) error = NULL;
  NdSession *session = nd_app_new_session (app, &error);

  g_assert_no_error (error);
  nd_session_start (session, &error);
  g_assert_no_error (error);
  g_assert_true (nd_session_run_until_idle (session, 5000));
  return session;
}

static void
type_name (NdSession *session, const char *text)
{
  nd_session_user_set (session, "name", "value", text);
  g_assert_true (nd_session_run_until_idle (session, 5000));
}

static void
test_local_value_restored_before_initial_call (Fixture *f, gconstpointer data)
{
  g_autoptr(NdApp) app = make_app (f, "Ada", "local", nd_json_bool (TRUE));
  g_autoptr(NdApp) again = NULL;
  g_autoptr(NdSession) s1 = start (app);
  g_autoptr(NdSession) s2 = NULL;

  type_name (s1, "Grace");
  g_clear_object (&s1);

  /* a restarted app reads it back from disk */
  again = make_app (f, "Ada", "local", nd_json_bool (TRUE));
  f->runs = 0;
  s2 = start (again);
  g_assert_cmpstr (nd_session_get_prop_string (s2, "name", "value"), ==, "Grace");
  g_assert_cmpuint (f->runs, ==, 1);
  g_assert_cmpstr (f->seen, ==, "Grace");
}

static void
test_changed_default_drops_record (Fixture *f, gconstpointer data)
{
  g_autoptr(NdApp) app = make_app (f, "Ada", "local", nd_json_bool (TRUE));
  g_autoptr(NdApp) changed = NULL;
  g_autoptr(NdApp) back = NULL;
  g_autoptr(NdSession) s1 = start (app);
  g_autoptr(NdSession) s2 = NULL;
  g_autoptr(NdSession) s3 = NULL;

  type_name (s1, "Grace");
  changed = make_app (f, "Linus", "local", nd_json_bool (TRUE));
  s2 = start (changed);
  g_assert_cmpstr (nd_session_get_prop_string (s2, "name", "value"), ==, "Linus");
  /* and the record is gone for good, even with the old default back */
  back = make_app (f, "Ada", "local", nd_json_bool (TRUE));
  s3 = start (back);
  g_assert_cmpstr (nd_session_get_prop_string (s3, "name", "value"), ==, "Ada");
}

static void
test_new_persistence_value_fresh_record (Fixture *f, gconstpointer data)
{
  g_autoptr(NdApp) app = make_app (f, "Ada", "local", nd_json_string ("user-1"));
  g_autoptr(NdApp) other = make_app (f, "Ada", "local", nd_json_string ("user-2"));
  g_autoptr(NdSession) s1 = start (app);
  g_autoptr(NdSession) s2 = NULL;
  g_autoptr(NdSession) s3 = NULL;

  type_name (s1, "Grace");
  s2 = start (other);
  g_assert_cmpstr (nd_session_get_prop_string (s2, "name", "value"), ==, "Ada");
  s3 = start (app);
  g_assert_cmpstr (nd_session_get_prop_string (s3, "name", "value"), ==, "Grace");
}

static void
test_back_to_original_forgets (Fixture *f, gconstpointer data)
{
  g_autoptr(NdApp) app = make_app (f, "Ada", "local", nd_json_bool (TRUE));
  g_autoptr(NdSession) s1 = start (app);
  g_autoptr(NdSession) s2 = NULL;
  g_autoptr(NdApp) changed = NULL;
  g_autoptr(NdSession) s3 = NULL;

  type_name (s1, "Grace");
  type_name (s1, "Hopper");
  type_name (s1, "Ada");
  s2 = start (app);
  g_assert_cmpstr (nd_session_get_prop_string (s2, "name", "value"), ==, "Ada");
  /* the first original is kept across edits: Grace then Hopper still
   * compare against "Ada", so a later default change drops the record */
  type_name (s2, "Grace");
  type_name (s2, "Hopper");
  changed = make_app (f, "Grace", "local", nd_json_bool (TRUE));
  s3 = start (changed);
  g_assert_cmpstr (nd_session_get_prop_string (s3, "name", "value"), ==, "Grace");
}

static void
test_memory_and_session_types (Fixture *f, gconstpointer data)
{
  g_autoptr(NdApp) mem = make_app (f, "Ada", "memory", nd_json_bool (TRUE));
  g_autoptr(NdApp) ses = make_app (f, "Ada", "session", nd_json_bool (TRUE));
  g_autoptr(NdApp) restarted = NULL;
  g_autoptr(NdSession) m1 = start (mem);
  g_autoptr(NdSession) m2 = NULL;
  g_autoptr(NdSession) s1 = start (ses);
  g_autoptr(NdSession) s2 = NULL;
  g_autoptr(NdSession) s3 = NULL;
  g_autofree char *file = g_build_filename (f->dir, "_dash_persistence.json", NULL);

  type_name (m1, "Grace");
  m2 = start (mem);
  g_assert_cmpstr (nd_session_get_prop_string (m2, "name", "value"), ==, "Ada");

  type_name (s1, "Grace");
  s2 = start (ses);
  g_assert_cmpstr (nd_session_get_prop_string (s2, "name", "value"), ==, "Grace");
  restarted = make_app (f, "Ada", "session", nd_json_bool (TRUE));
  s3 = start (restarted);
  g_assert_cmpstr (nd_session_get_prop_string (s3, "name", "value"), ==, "Ada");
  /* nothing of either went to disk */
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

static void
test_not_persisted_without_persistence (Fixture *f, gconstpointer data)
{
  g_autoptr(NdApp) app = make_app (f, "Ada", "local", nd_json_bool (FALSE));
  g_autoptr(NdSession) s1 = start (app);
  g_autoptr(NdSession) s2 = NULL;

  type_name (s1, "Grace");
  s2 = start (app);
  g_assert_cmpstr (nd_session_get_prop_string (s2, "name", "value"), ==, "Ada");
}

static void
test_corrupt_file_kept_aside (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_build_filename (f->dir, "_dash_persistence.json", NULL);
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) s1 = NULL;
  g_autoptr(NdApp) again = NULL;
  g_autoptr(NdSession) s2 = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  gboolean aside = FALSE;

  g_assert_true (g_file_set_contents (file, "{\"name.value.true\": [\"Gra", -1, NULL));
  app = make_app (f, "Ada", "local", nd_json_bool (TRUE));
  g_test_expect_message ("ndash", G_LOG_LEVEL_WARNING, "*not a JSON object*");
  s1 = start (app);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (nd_session_get_prop_string (s1, "name", "value"), ==, "Ada");
  type_name (s1, "Grace");

  /* the bad file was moved aside intact, and the new one works */
  d = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, "_dash_persistence.json.corrupt-"))
      {
        g_autofree char *path = g_build_filename (f->dir, name, NULL);
        g_autofree char *text = NULL;

        g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
        g_assert_cmpstr (text, ==, "{\"name.value.true\": [\"Gra");
        aside = TRUE;
      }
  g_assert_true (aside);
  again = make_app (f, "Ada", "local", nd_json_bool (TRUE));
  s2 = start (again);
  g_assert_cmpstr (nd_session_get_prop_string (s2, "name", "value"), ==, "Grace");
}

static void
set_date (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, "2024-03-09T10:20:30");
}

/* A callback's value is recorded too (Dash ≥ 3.1); dates keep their day. */
static void
test_callback_output_and_dates (Fixture *f, gconstpointer data)
{
  NdApp *apps[2];
  g_autoptr(NdSession) s1 = NULL;
  g_autoptr(NdSession) s2 = NULL;

  for (guint i = 0; i < 2; i++)
    {
      apps[i] = nd_app_new ("org.ndash.test.Persist");
      nd_app_set_data_dir (apps[i], f->dir);
      nd_app_set_layout (apps[i], nd_html_div (nd_list (
        nd_html_button ("id", "today"),
        nd_dcc_date_picker_single ("id", "day", "date", "2020-01-01", "persistence", TRUE))));
      if (i == 0)
        nd_app_callback (apps[i], set_date, nd_output ("day", "date"), nd_input ("today", "n_clicks"),
                         nd_prevent_initial_call ());
    }
  s1 = start (apps[0]);
  nd_session_user_set (s1, "today", "n_clicks", 1);
  g_assert_true (nd_session_run_until_idle (s1, 5000));
  g_assert_cmpstr (nd_session_get_prop_string (s1, "day", "date"), ==, "2024-03-09T10:20:30");
  s2 = start (apps[1]);
  g_assert_cmpstr (nd_session_get_prop_string (s2, "day", "date"), ==, "2024-03-09");
  g_clear_object (&s1);
  g_clear_object (&s2);
  g_object_unref (apps[0]);
  g_object_unref (apps[1]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/persistence/12/local-restored-before-initial-call", test_local_value_restored_before_initial_call);
  ADD ("/persistence/12/changed-default-drops-record", test_changed_default_drops_record);
  ADD ("/persistence/12/new-persistence-value-fresh-record", test_new_persistence_value_fresh_record);
  ADD ("/persistence/12/first-original-kept", test_back_to_original_forgets);
  ADD ("/persistence/12/memory-and-session-types", test_memory_and_session_types);
  ADD ("/persistence/12/off-without-persistence", test_not_persisted_without_persistence);
  ADD ("/persistence/12/corrupt-file-moved-aside", test_corrupt_file_kept_aside);
  ADD ("/persistence/12/callback-output-and-dates", test_callback_output_and_dates);
  return g_test_run ();
}
