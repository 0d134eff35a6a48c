/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * App-wide and callback-level options of Dash that change validation and
 * initial calls: prevent_initial_callbacks (§1.1, §3.2), optional=True
 * and validation_layout (§1.3).
 */
#include <string.h>

#include "ndash.h"

static void
echo (NdCallbackContext *ctx, gpointer user_data)
{
  guint *runs = user_data;
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  (*runs)++;
  nd_return (ctx, text);
}

static JsonNode *
small_layout (void)
{
  return nd_html_div (nd_list (nd_dcc_input ("id", "in", "value", "a"),
                               nd_html_div ("id", "out"), nd_html_div ("id", "out2")));
}

static NdSession *
start (NdApp *app, GError **error)
{
  NdSession *session = nd_app_new_session (app, error);

  if (session && !nd_session_start (session, error))
    g_clear_object (&session);
  if (session)
    g_assert_true (nd_session_run_until_idle (session, 5000));
  return session;
}

static void
test_app_prevent_initial_callbacks (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Options");
  g_autoptr(NdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  guint runs = 0, runs2 = 0;

  nd_app_set_threading (app, ND_THREADING_INLINE);
  nd_app_set_prevent_initial_callbacks (app, TRUE);
  nd_app_set_layout (app, small_layout ());
  nd_app_callback_data (app, echo, &runs, nd_output ("out", "children"), nd_input ("in", "value"));
  nd_app_callback_data (app, echo, &runs2, nd_output ("out2", "children"), nd_input ("in", "value"),
                        nd_prevent_initial_call_false ());
  session = start (app, &error);
  g_assert_no_error (error);
  /* the app default holds back the first; the second overrides it */
  g_assert_cmpuint (runs, ==, 0);
  g_assert_cmpuint (runs2, ==, 1);
  nd_session_user_set (session, "in", "value", "b");
  g_assert_true (nd_session_run_until_idle (session, 5000));
  g_assert_cmpuint (runs, ==, 1);
  g_assert_cmpstr (nd_session_get_prop_string (session, "out", "children"), ==, "b");
}

static void
test_app_prevent_allows_duplicate (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Options");
  g_autoptr(GError) error = NULL;
  guint runs = 0;

  /* allow_duplicate needs prevent_initial_call "per callback or app-wide" */
  nd_app_set_prevent_initial_callbacks (app, TRUE);
  nd_app_set_layout (app, small_layout ());
  nd_app_callback_data (app, echo, &runs, nd_output ("out", "children"), nd_input ("in", "value"));
  g_assert_nonnull (nd_app_callback_data (app, echo, &runs, nd_allow_duplicate (nd_output ("out", "children")),
                                          nd_input ("out2", "children")));
  g_assert_true (nd_app_validate (app, &error));
}

static void
test_optional_callback (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Options");
  g_autoptr(NdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  guint runs = 0;

  nd_app_set_layout (app, small_layout ());
  nd_app_callback_data (app, echo, &runs, nd_output ("later", "children"), nd_input ("in", "value"),
                        nd_optional ());
  session = start (app, &error);
  g_assert_no_error (error);
}

static void
test_missing_id_without_optional (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Options");
  g_autoptr(NdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  guint runs = 0;

  nd_app_set_layout (app, small_layout ());
  nd_app_callback_data (app, echo, &runs, nd_output ("later", "children"), nd_input ("in", "value"));
  session = start (app, &error);
  g_assert_error (error, ND_ERROR, ND_ERROR_ID_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "later.children"));
  g_assert_nonnull (strstr (error->message, "echo"));
}

static void
test_validation_layout (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Options");
  g_autoptr(NdApp) bad = nd_app_new ("org.ndash.test.Options");
  g_autoptr(NdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  guint runs = 0;

  nd_app_set_layout (app, small_layout ());
  nd_app_set_validation_layout (app, nd_html_div (nd_list (small_layout (), nd_html_div ("id", "later"))));
  nd_app_callback_data (app, echo, &runs, nd_output ("later", "children"), nd_input ("in", "value"));
  session = start (app, &error);
  g_assert_no_error (error);

  /* the validation layout still checks props */
  nd_app_set_layout (bad, small_layout ());
  nd_app_set_validation_layout (bad, nd_html_div (nd_list (small_layout (), nd_html_div ("id", "later"))));
  nd_app_callback_data (bad, echo, &runs, nd_output ("later", "valeu"), nd_input ("in", "value"));
  g_clear_object (&session);
  session = start (bad, &error);
  g_assert_error (error, ND_ERROR, ND_ERROR_INVALID_PROP);
  g_assert_nonnull (strstr (error->message, "later.valeu"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/options/3.2/app-prevent-initial-callbacks", test_app_prevent_initial_callbacks);
  g_test_add_func ("/options/1.1/app-prevent-allows-duplicate", test_app_prevent_allows_duplicate);
  g_test_add_func ("/options/1.3/optional-callback", test_optional_callback);
  g_test_add_func ("/options/1.3/missing-id-without-optional", test_missing_id_without_optional);
  g_test_add_func ("/options/1.3/validation-layout", test_validation_layout);
  return g_test_run ();
}
