/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * callback-semantics §9: a callback that raises is handed to its on_error
 * handler (or the app's); the handler's values become the outputs, unset
 * ones stay unchanged, and its set_props apply.
 */
#include "ndash.h"

static void
divide (NdCallbackContext *ctx, gpointer user_data)
{
  gint64 d = nd_callback_context_get_arg_int (ctx, 0, 0);

  if (d == 0)
    {
      nd_callback_context_raise (ctx, "division by zero");
      return;
    }
  nd_return (ctx, nd_strf ("%" G_GINT64_FORMAT, 100 / d), "ok");
}

static void
show_error (NdCallbackContext *ctx, const GError *error, gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
  nd_return (ctx, "n/a", nd_strf ("failed: %s", error->message));
}

static void
log_only (NdCallbackContext *ctx, const GError *error, gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
  nd_set_props (ctx, "log", "children", error->message);
}

static void
count_runs (NdCallbackContext *ctx, gpointer user_data)
{
  guint *runs = user_data;

  (*runs)++;
  nd_return (ctx, nd_callback_context_get_arg_string (ctx, 0));
}

static NdApp *
make_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.OnError");

  nd_app_set_threading (app, ND_THREADING_INLINE);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "d", "type", "number", "value", 4),
    nd_html_div ("id", "quotient"),
    nd_html_div ("id", "status"),
    nd_html_div ("id", "log"),
    nd_html_div ("id", "echo"))));
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
test_callback_handler_values_become_outputs (void)
{
  g_autoptr(NdApp) app = make_app ();
  g_autoptr(NdSession) session = NULL;
  guint handled = 0, echoed = 0;

  nd_app_callback (app, divide, nd_output ("quotient", "children"), nd_output ("status", "children"),
                   nd_input ("d", "value"), nd_on_error (show_error, &handled));
  nd_app_callback_data (app, count_runs, &echoed, nd_output ("echo", "children"),
                        nd_input ("status", "children"), nd_prevent_initial_call ());
  session = start (app);
  g_assert_cmpstr (nd_session_get_prop_string (session, "quotient", "children"), ==, "25");

  nd_session_user_set (session, "d", "value", 0);
  g_assert_true (nd_session_run_until_idle (session, 5000));
  g_assert_cmpuint (handled, ==, 1);
  g_assert_cmpstr (nd_session_get_prop_string (session, "quotient", "children"), ==, "n/a");
  g_assert_cmpstr (nd_session_get_prop_string (session, "status", "children"), ==,
                   "failed: division by zero");
  /* the handler's values are ordinary results: dependents run, no error shown */
  g_assert_cmpstr (nd_session_get_prop_string (session, "echo", "children"), ==,
                   "failed: division by zero");
  g_assert_cmpuint (nd_session_get_errors (session)->len, ==, 0);
}

static void
test_app_handler_returning_nothing_is_no_update (void)
{
  g_autoptr(NdApp) app = make_app ();
  g_autoptr(NdSession) session = NULL;
  guint handled = 0, echoed = 0;

  nd_app_set_on_error (app, log_only, &handled, NULL);
  nd_app_callback (app, divide, nd_output ("quotient", "children"), nd_output ("status", "children"),
                   nd_input ("d", "value"));
  nd_app_callback_data (app, count_runs, &echoed, nd_output ("echo", "children"),
                        nd_input ("status", "children"), nd_prevent_initial_call ());
  session = start (app);
  echoed = 0;

  nd_session_user_set (session, "d", "value", 0);
  g_assert_true (nd_session_run_until_idle (session, 5000));
  g_assert_cmpuint (handled, ==, 1);
  /* None from the handler: outputs unchanged, so nothing downstream runs */
  g_assert_cmpstr (nd_session_get_prop_string (session, "quotient", "children"), ==, "25");
  g_assert_cmpstr (nd_session_get_prop_string (session, "status", "children"), ==, "ok");
  g_assert_cmpuint (echoed, ==, 0);
  /* but its set_props applied */
  g_assert_cmpstr (nd_session_get_prop_string (session, "log", "children"), ==, "division by zero");
  g_assert_cmpuint (nd_session_get_errors (session)->len, ==, 0);
}

static void
test_without_handler_error_is_reported (void)
{
  g_autoptr(NdApp) app = make_app ();
  g_autoptr(NdSession) session = NULL;
  NdCallbackError *e;

  nd_app_callback (app, divide, nd_output ("quotient", "children"), nd_output ("status", "children"),
                   nd_input ("d", "value"));
  session = start (app);
  nd_session_user_set (session, "d", "value", 0);
  g_assert_true (nd_session_run_until_idle (session, 5000));
  g_assert_cmpuint (nd_session_get_errors (session)->len, ==, 1);
  e = g_ptr_array_index (nd_session_get_errors (session), 0);
  g_assert_nonnull (strstr (e->message, "division by zero"));
  g_assert_nonnull (strstr (e->outputs, "quotient.children"));
  g_assert_cmpstr (nd_session_get_prop_string (session, "quotient", "children"), ==, "25");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/errors/9/on-error-values-become-outputs", test_callback_handler_values_become_outputs);
  g_test_add_func ("/errors/9/app-on-error-none-is-no-update", test_app_handler_returning_nothing_is_no_update);
  g_test_add_func ("/errors/9/no-handler-error-reported", test_without_handler_error_is_reported);
  return g_test_run ();
}
