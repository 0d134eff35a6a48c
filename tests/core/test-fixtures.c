/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The executor against real Dash: every request recorded in
 * ../shared/fixtures/<app>/exchanges.jsonl, fed to the C port of that app,
 * must produce the recorded status and (semantically) the recorded body.
 * Also checks the ports' _dash-layout and _dash-dependencies.
 */
#include <ndash.h>

#include "nd-fixture-apps.h"

static char *
fixture_path (const char *name, const char *file)
{
  return g_build_filename (FIXTURES_DIR, name, file, NULL);
}

static void
check_json_file (const char *name, const char *file, JsonNode *actual)
{
  g_autofree char *path = fixture_path (name, file);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) expected = nd_json_parse_file (path, 0, &error);
  g_autofree char *exp_text = NULL, *act_text = NULL;

  g_assert_no_error (error);
  if (!nd_json_equal (expected, actual))
    {
      exp_text = nd_json_to_string (expected, TRUE);
      act_text = nd_json_to_string (actual, TRUE);
      g_test_message ("%s/%s differs.\nexpected: %s\nactual: %s", name, file, exp_text, act_text);
      g_test_fail ();
    }
}

static void
test_fixture (gconstpointer data)
{
  const char *name = data;
  g_autoptr(NdApp) app = nd_fixture_app_new (name);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (name, "exchanges.jsonl");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) deps = NULL;
  g_autoptr(JsonNode) layout = NULL;
  guint n = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("fixtures not found (../shared/fixtures)");
      return;
    }
  g_assert_nonnull (app);
  g_assert_true (nd_app_validate (app, &error));
  g_assert_no_error (error);

  deps = nd_app_get_dependencies_json (app);
  check_json_file (name, "dependencies.json", deps);
  layout = nd_app_get_layout (app, &error);
  g_assert_no_error (error);
  check_json_file (name, "layout.json", layout);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonNode) rec = NULL;
      JsonObject *o;
      g_autofree char *body = NULL, *answer = NULL;
      guint status = 0;
      JsonNode *expected;

      if (g_strstrip (lines[i])[0] == '\0')
        continue;
      rec = nd_json_parse (lines[i], -1, 0, &error);
      g_assert_no_error (error);
      o = json_node_get_object (rec);
      body = nd_json_to_string (json_object_get_member (o, "request"), FALSE);
      answer = nd_app_handle_update_component (app, body, -1, &status, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (status, ==, json_object_get_int_member (o, "status"));
      expected = json_object_get_member (o, "response");
      if (expected && !nd_json_is_null (expected))
        {
          g_autoptr(JsonNode) actual = NULL;

          g_assert_nonnull (answer);
          actual = nd_json_parse (answer, -1, 0, &error);
          g_assert_no_error (error);
          if (!nd_json_equal (expected, actual))
            {
              g_autofree char *e = nd_json_to_string (expected, FALSE);
              g_test_message ("%s #%" G_GINT64_FORMAT ": expected %s\n got %s", name,
                              json_object_get_int_member (o, "seq"), e, answer);
              g_test_fail ();
            }
        }
      else if (status == 204)
        g_assert_null (answer);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

int
main (int argc, char **argv)
{
  const char * const *names = nd_fixture_app_names ();

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/executor/fixture/%s", names[i]);
      g_test_add_data_func (test_path, names[i], test_fixture);
    }
  return g_test_run ();
}
