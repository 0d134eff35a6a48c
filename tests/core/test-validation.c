/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Validation (callback-semantics §1): the registration checks of §1.1,
 * the graph checks of §1.2 (including circular dependencies), the layout
 * checks a session makes when it starts (§1.3), and the layout checks
 * (duplicate ids, malformed layout files).  Every error must carry its
 * ND_ERROR code and name the callback and the offending `id.prop`; valid
 * apps must pass and run.
 *
 * Background callbacks (progress / cancel / WildcardInLongCallback /
 * BackgroundCallbackError) are checked in test-background.c; app-wide
 * prevent_initial_callbacks, callback-level optional=True and
 * validation_layout in test-app-options.c.
 */
#include <stdarg.h>
#include <string.h>

#include <glib/gstdio.h>
#include <ndash.h>

/* ---- helpers ---- */

/* nd_app_callback() logs a warning when it rejects a callback, and g_test
 * makes warnings fatal.  Tolerate warnings during that one call only; the
 * error itself is checked through nd_app_validate(). */
#define assert_rejected(registration) \
  G_STMT_START { \
    GLogLevelFlags old_fatal_ = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL); \
    NdCallback *rejected_ = (registration); \
    g_log_set_always_fatal (old_fatal_); \
    g_assert_null (rejected_); \
  } G_STMT_END

/* Checks that @error is ND_ERROR/@code and that its message contains every
 * string in the NULL-terminated list (the callback name, the id.prop). */
#define assert_named_error(error, code, ...) \
  assert_named_error_at (__FILE__, __LINE__, (error), (code), __VA_ARGS__, NULL)

static void
assert_named_error_at (const char   *file,
                       int           line,
                       const GError *error,
                       int           code,
                       ...)
{
  va_list ap;
  const char *needle;

  if (error == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("expected an ND_ERROR %d, got no error", code);
      g_assertion_message (G_LOG_DOMAIN, file, line, "assert_named_error", msg);
      return;
    }
  g_test_message ("error: %s", error->message);
  if (!g_error_matches (error, ND_ERROR, code))
    {
      g_autofree char *msg = g_strdup_printf ("expected ND_ERROR %d, got %s %d: %s", code,
                                              g_quark_to_string (error->domain), error->code,
                                              error->message);
      g_assertion_message (G_LOG_DOMAIN, file, line, "assert_named_error", msg);
    }
  va_start (ap, code);
  while ((needle = va_arg (ap, const char *)) != NULL)
    if (strstr (error->message, needle) == NULL)
      {
        g_autofree char *msg = g_strdup_printf ("error message does not name '%s': %s",
                                                needle, error->message);
        g_assertion_message (G_LOG_DOMAIN, file, line, "assert_named_error", msg);
      }
  va_end (ap);
}

/* The app as nd_app_validate() sees it: the error, or NULL if valid. */
static GError *
validate (NdApp *app)
{
  GError *error = NULL;

  if (nd_app_validate (app, &error))
    g_assert_no_error (error);
  else
    g_assert_nonnull (error);
  return error;
}

static NdApp *
new_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Validation");

  /* thread placement is irrelevant to validation */
  nd_app_set_threading (app, ND_THREADING_INLINE);
  return app;
}

/* A started, idle session, or NULL (after failing the test). */
static NdSession *
run_app (NdApp *app)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSession) session = nd_app_new_session (app, &error);

  g_assert_no_error (error);
  if (session == NULL)
    return NULL;
  g_assert_true (nd_session_start (session, &error));
  g_assert_no_error (error);
  if (error)
    return NULL;
  g_assert_true (nd_session_run_until_idle (session, 5000));
  return g_steal_pointer (&session);
}

static void
user_set (NdSession *session, JsonNode *id, const char *prop, JsonNode *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_session_set_prop (session, id, prop, value, &error));
  g_assert_no_error (error);
  g_assert_true (nd_session_run_until_idle (session, 5000));
}

/* Callbacks that only have to exist: the tests never let them run, or
 * only check that the app is accepted. */
#define DEFINE_CALLBACK(name) \
  static void name (NdCallbackContext *ctx, gpointer user_data) \
  { nd_callback_context_prevent_update (ctx); }

DEFINE_CALLBACK (misordered_output)
DEFINE_CALLBACK (misordered_input)
DEFINE_CALLBACK (options_anywhere)
DEFINE_CALLBACK (read_dotted_id)
DEFINE_CALLBACK (read_braced_id)
DEFINE_CALLBACK (read_empty_key)
DEFINE_CALLBACK (read_nested_value)
DEFINE_CALLBACK (read_null_value)
DEFINE_CALLBACK (read_list_value)
DEFINE_CALLBACK (read_valid_dict)
DEFINE_CALLBACK (duplicate_total)
DEFINE_CALLBACK (first_writer)
DEFINE_CALLBACK (second_writer)
DEFINE_CALLBACK (never_runs)
DEFINE_CALLBACK (read_empty_id)
DEFINE_CALLBACK (read_empty_prop)
DEFINE_CALLBACK (write_allsmaller)
DEFINE_CALLBACK (use_all_wildcards)
DEFINE_CALLBACK (write_twice)
DEFINE_CALLBACK (write_overlapping)
DEFINE_CALLBACK (write_items)
DEFINE_CALLBACK (write_item_one)
DEFINE_CALLBACK (write_all_items)
DEFINE_CALLBACK (write_other_type)
DEFINE_CALLBACK (write_other_prop)
DEFINE_CALLBACK (write_other_keys)
DEFINE_CALLBACK (write_item_two)
DEFINE_CALLBACK (write_mismatched_match)
DEFINE_CALLBACK (write_match_and_all)
DEFINE_CALLBACK (read_foreign_match)
DEFINE_CALLBACK (state_foreign_match)
DEFINE_CALLBACK (read_foreign_allsmaller)
DEFINE_CALLBACK (read_allsmaller_plain_output)
DEFINE_CALLBACK (read_match_subset)
DEFINE_CALLBACK (x_to_y)
DEFINE_CALLBACK (y_to_x)
DEFINE_CALLBACK (hop_a)
DEFINE_CALLBACK (hop_b)
DEFINE_CALLBACK (hop_c)
DEFINE_CALLBACK (normalize_and_forward)
DEFINE_CALLBACK (feed_back)
DEFINE_CALLBACK (items_to_outs)
DEFINE_CALLBACK (outs_to_item)
DEFINE_CALLBACK (chain_first)
DEFINE_CALLBACK (chain_second)
DEFINE_CALLBACK (diamond_left)
DEFINE_CALLBACK (diamond_right)
DEFINE_CALLBACK (diamond_join)
DEFINE_CALLBACK (bad_first)
DEFINE_CALLBACK (bad_second)
DEFINE_CALLBACK (good_one)
DEFINE_CALLBACK (read_ghost)
DEFINE_CALLBACK (write_ghost)
DEFINE_CALLBACK (state_ghost)
DEFINE_CALLBACK (read_misspelled)
DEFINE_CALLBACK (write_misspelled)
DEFINE_CALLBACK (state_misspelled)
DEFINE_CALLBACK (write_pattern_misspelled)
DEFINE_CALLBACK (read_pattern_absent)
DEFINE_CALLBACK (direct_cb)

/* ---- §1.1 registration ---- */

static void
test_1_1_order_output_after_input (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, misordered_output,
                                  nd_input ("src", "value"),
                                  nd_output ("dst", "children")));
  g_assert_cmpuint (nd_app_get_n_callbacks (app), ==, 0);
  error = validate (app);
  assert_named_error (error, ND_ERROR_INCORRECT_TYPE, "misordered_output", "dst.children");
}

static void
test_1_1_order_input_after_state (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, misordered_input,
                                  nd_output ("dst", "children"),
                                  nd_state ("memo", "data"),
                                  nd_input ("src", "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_INCORRECT_TYPE, "misordered_input", "src.value");
}

/* Options are keyword arguments in Dash: they may stand anywhere. */
static void
test_1_1_order_options_anywhere (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, options_anywhere,
                                     nd_prevent_initial_call (),
                                     nd_output ("dst", "children"),
                                     nd_outputs_as_list (),
                                     nd_input ("src", "value"),
                                     nd_threading (ND_THREADING_INLINE),
                                     nd_state ("memo", "data")));
  error = validate (app);
  g_assert_no_error (error);
}

static void
test_1_1_string_id_dot (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, read_dotted_id,
                                  nd_output ("dst", "children"),
                                  nd_input ("my.input", "value")));
  error = validate (app);
  /* the id is invalid, so the message names it and the prop apart */
  assert_named_error (error, ND_ERROR_INVALID_ID, "read_dotted_id", "my.input", "value");
}

static void
test_1_1_string_id_brace (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, read_braced_id,
                                  nd_output ("dst", "children"),
                                  nd_state ("a{b", "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_INVALID_ID, "read_braced_id", "a{b", "value");
}

/* Keys are always strings in C; an empty key is the renderer's "Callback
 * wildcard ID error", which ndash reports as an invalid id. */
static void
test_1_1_dict_id_empty_key (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, read_empty_key,
                                  nd_output ("dst", "children"),
                                  nd_input (nd_dict ("", 1, "type", "in"), "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_INVALID_ID, "read_empty_key", "\"type\":\"in\"", "value");
}

static void
test_1_1_dict_id_bad_values (void)
{
  struct {
    NdCallbackFunc func;
    const char *name;
    JsonNode *value;
  } cases[] = {
    { read_nested_value, "read_nested_value", nd_dict ("x", 1) },
    { read_null_value, "read_null_value", nd_json_null () },
    { read_list_value, "read_list_value", nd_list (1, 2) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NdApp) app = new_app ();
      g_autoptr(GError) error = NULL;

      assert_rejected (nd_app_add_callback_va (app, cases[i].name, cases[i].func, NULL, 2,
                                             nd_output ("dst", "children"),
                                             nd_input (nd_dict ("type", "in", "index", cases[i].value),
                                                       "value")));
      error = validate (app);
      assert_named_error (error, ND_ERROR_INVALID_ID, cases[i].name, "\"type\":\"in\"", "value");
    }
}

/* Strings, numbers, booleans and the wildcards are all fine. */
static void
test_1_1_dict_id_valid_values (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, read_valid_dict,
                                     nd_output (nd_dict ("type", "out", "index", ND_MATCH), "children"),
                                     nd_input (nd_dict ("type", "in", "index", ND_MATCH), "value"),
                                     nd_input (nd_dict ("flag", nd_bool (TRUE), "n", -3), "value"),
                                     nd_state (nd_dict ("type", "in", "index", ND_ALLSMALLER), "value"),
                                     nd_state (nd_dict ("kind", "any", "index", ND_ALL), "value")));
  error = validate (app);
  g_assert_no_error (error);
}

static void
test_1_1_allow_duplicate_needs_prevent (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, duplicate_total,
                                  nd_allow_duplicate (nd_output ("total", "children")),
                                  nd_input ("b1", "n_clicks")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_DUPLICATE_CALLBACK, "duplicate_total", "total.children");
}

/* nd_app_add_callback() reports the error itself and registers nothing. */
static void
test_1_1_add_callback_gerror (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(NdCallback) cb = nd_callback_new ("direct_cb", direct_cb, NULL, NULL);
  g_autoptr(GError) error = NULL;

  nd_callback_add_dependency (cb, nd_allow_duplicate (nd_output ("total", "children")));
  nd_callback_add_dependency (cb, nd_input ("b1", "n_clicks"));
  g_assert_false (nd_app_add_callback (app, cb, &error));
  assert_named_error (error, ND_ERROR_DUPLICATE_CALLBACK, "direct_cb", "total.children");
  g_assert_cmpuint (nd_app_get_n_callbacks (app), ==, 0);
}

static void
report_b1 (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *n = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("b1: %s", n));
}

static void
report_b2 (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *n = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("b2: %s", n));
}

static JsonNode *
two_buttons_layout (void)
{
  return nd_html_div (nd_list (nd_html_button ("One", "id", "b1"),
                               nd_html_button ("Two", "id", "b2"),
                               nd_html_div ("id", "total")));
}

/* Two callbacks write one prop with allow_duplicate + prevent_initial_call:
 * accepted, and the prop shows whichever ran last. */
static void
test_1_1_allow_duplicate_with_prevent (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, two_buttons_layout ());
  g_assert_nonnull (nd_app_callback (app, report_b1,
                                     nd_allow_duplicate (nd_output ("total", "children")),
                                     nd_input ("b1", "n_clicks"),
                                     nd_prevent_initial_call ()));
  g_assert_nonnull (nd_app_callback (app, report_b2,
                                     nd_allow_duplicate (nd_output ("total", "children")),
                                     nd_input ("b2", "n_clicks"),
                                     nd_prevent_initial_call ()));
  session = run_app (app);
  if (session == NULL)
    return;
  g_assert_cmpuint (nd_session_get_n_calls (session), ==, 0);

  user_set (session, nd_str ("b1"), "n_clicks", nd_int (1));
  g_assert_cmpstr (nd_session_get_prop_string (session, "total", "children"), ==, "b1: 1");
  user_set (session, nd_str ("b2"), "n_clicks", nd_int (1));
  g_assert_cmpstr (nd_session_get_prop_string (session, "total", "children"), ==, "b2: 1");
  g_assert_cmpuint (nd_session_get_errors (session)->len, ==, 0);
}

/* prevent_initial_call="initial_duplicate" also satisfies the rule, and the
 * callback still gets its initial call. */
static void
test_1_1_allow_duplicate_initial_duplicate (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, two_buttons_layout ());
  g_assert_nonnull (nd_app_callback (app, report_b1,
                                     nd_allow_duplicate (nd_output ("total", "children")),
                                     nd_input ("b1", "n_clicks"),
                                     nd_initial_duplicate ()));
  g_assert_nonnull (nd_app_callback (app, report_b2,
                                     nd_allow_duplicate (nd_output ("total", "children")),
                                     nd_input ("b2", "n_clicks"),
                                     nd_prevent_initial_call ()));
  session = run_app (app);
  if (session == NULL)
    return;
  g_assert_cmpstr (nd_session_get_prop_string (session, "total", "children"), ==, "b1: None");
  user_set (session, nd_str ("b2"), "n_clicks", nd_int (4));
  g_assert_cmpstr (nd_session_get_prop_string (session, "total", "children"), ==, "b2: 4");
}

/* A plain output and an allow_duplicate output of the same prop have
 * distinct keys (`@hash`), in either registration order. */
static void
test_1_1_allow_duplicate_beside_plain (void)
{
  for (guint order = 0; order < 2; order++)
    {
      g_autoptr(NdApp) app = new_app ();
      g_autoptr(GError) error = NULL;
      g_autoptr(NdSession) session = NULL;

      nd_app_set_layout (app, two_buttons_layout ());
      if (order == 0)
        g_assert_nonnull (nd_app_callback (app, report_b1,
                                           nd_output ("total", "children"),
                                           nd_input ("b1", "n_clicks")));
      g_assert_nonnull (nd_app_callback (app, report_b2,
                                         nd_allow_duplicate (nd_output ("total", "children")),
                                         nd_input ("b2", "n_clicks"),
                                         nd_prevent_initial_call ()));
      if (order == 1)
        g_assert_nonnull (nd_app_callback (app, report_b1,
                                           nd_output ("total", "children"),
                                           nd_input ("b1", "n_clicks")));
      error = validate (app);
      g_assert_no_error (error);
      session = run_app (app);
      if (session == NULL)
        return;
      g_assert_cmpstr (nd_session_get_prop_string (session, "total", "children"), ==, "b1: None");
      user_set (session, nd_str ("b2"), "n_clicks", nd_int (2));
      g_assert_cmpstr (nd_session_get_prop_string (session, "total", "children"), ==, "b2: 2");
    }
}

/* The same key twice: identical allow_duplicate outputs and Inputs give
 * one `@hash`, and Dash could not tell the two apart. */
static void
test_1_1_same_key_twice (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, first_writer,
                                     nd_allow_duplicate (nd_output ("total", "children")),
                                     nd_input ("b1", "n_clicks"),
                                     nd_prevent_initial_call ()));
  assert_rejected (nd_app_callback (app, second_writer,
                                  nd_allow_duplicate (nd_output ("total", "children")),
                                  nd_input ("b1", "n_clicks"),
                                  nd_prevent_initial_call ()));
  g_assert_cmpuint (nd_app_get_n_callbacks (app), ==, 1);
  error = validate (app);
  assert_named_error (error, ND_ERROR_DUPLICATE_CALLBACK, "second_writer", "total.children");
}

/* ---- §1.2 graph checks ---- */

static void
test_1_2_no_input_prevent_initial_call (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, never_runs,
                                  nd_output ("banner", "children"),
                                  nd_prevent_initial_call ()));
  error = validate (app);
  assert_named_error (error, ND_ERROR_INCORRECT_TYPE, "never_runs", "banner.children");
}

static void
say_hello (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, "hello");
}

/* Without prevent_initial_call a callback with no Inputs is fine: it runs
 * once, at load. */
static void
test_1_2_no_input_runs_once (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (nd_html_div ("id", "banner"))));
  g_assert_nonnull (nd_app_callback (app, say_hello, nd_output ("banner", "children")));
  session = run_app (app);
  if (session == NULL)
    return;
  g_assert_cmpstr (nd_session_get_prop_string (session, "banner", "children"), ==, "hello");
  g_assert_cmpuint (nd_session_get_n_calls (session), ==, 1);
}

static void
test_1_2_empty_id (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, read_empty_id,
                                  nd_output ("dst", "children"),
                                  nd_input ("", "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_INVALID_ID, "read_empty_id", "value");
}

static void
test_1_2_empty_property (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, read_empty_prop,
                                  nd_output ("dst", "children"),
                                  nd_input ("src-box", "")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_INCORRECT_TYPE, "read_empty_prop", "src-box");
}

static void
test_1_2_wildcard_allsmaller_output (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, write_allsmaller,
                                  nd_output (nd_dict ("type", "out", "index", ND_ALLSMALLER), "children"),
                                  nd_input ("src", "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_WILDCARD, "write_allsmaller",
                      "{\"index\":[\"ALLSMALLER\"],\"type\":\"out\"}.children");
}

/* Output: MATCH and ALL; Input/State: MATCH, ALL and ALLSMALLER. */
static void
test_1_2_wildcard_allowed (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, use_all_wildcards,
                                     nd_output (nd_dict ("type", "out", "index", ND_MATCH), "children"),
                                     nd_output (nd_dict ("type", "log", "index", ND_MATCH, "line", ND_ALL), "children"),
                                     nd_input (nd_dict ("type", "in", "index", ND_MATCH), "value"),
                                     nd_input (nd_dict ("type", "in", "index", ND_ALLSMALLER), "value"),
                                     nd_state (nd_dict ("type", "opt", "index", ND_ALL), "value"),
                                     nd_state (nd_dict ("type", "opt", "index", ND_ALLSMALLER), "value")));
  error = validate (app);
  g_assert_no_error (error);
}

static void
test_1_2_duplicate_output_same_callback (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, write_twice,
                                  nd_output ("dst", "children"),
                                  nd_output ("dst", "children"),
                                  nd_input ("src", "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_DUPLICATE_CALLBACK, "write_twice", "dst.children");
}

/* Within one callback, ALL and a constant select the same component. */
static void
test_1_2_duplicate_output_same_callback_wildcard (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, write_overlapping,
                                  nd_output (nd_dict ("type", "item", "index", ND_ALL), "children"),
                                  nd_output (nd_dict ("type", "item", "index", 3), "children"),
                                  nd_input ("src", "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_DUPLICATE_CALLBACK, "write_overlapping",
                      "{\"index\":3,\"type\":\"item\"}.children");
}

static void
test_1_2_duplicate_output_other_callback (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, first_writer,
                                     nd_output ("dst", "children"),
                                     nd_input ("src", "value")));
  assert_rejected (nd_app_callback (app, second_writer,
                                  nd_output ("dst", "children"),
                                  nd_input ("other", "value")));
  error = validate (app);
  /* names both callbacks */
  assert_named_error (error, ND_ERROR_DUPLICATE_CALLBACK, "second_writer", "dst.children", "first_writer");
}

static void
test_1_2_wildcard_overlap_match_constant (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, write_items,
                                     nd_output (nd_dict ("t", "a", "i", ND_MATCH), "children"),
                                     nd_input (nd_dict ("t", "src", "i", ND_MATCH), "value")));
  assert_rejected (nd_app_callback (app, write_item_one,
                                  nd_output (nd_dict ("t", "a", "i", 1), "children"),
                                  nd_input ("src", "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_DUPLICATE_CALLBACK, "write_item_one",
                      "{\"i\":1,\"t\":\"a\"}.children");
}

static void
test_1_2_wildcard_overlap_all_match (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, write_items,
                                     nd_output (nd_dict ("t", "a", "i", ND_MATCH), "children"),
                                     nd_input (nd_dict ("t", "src", "i", ND_MATCH), "value")));
  assert_rejected (nd_app_callback (app, write_all_items,
                                  nd_output (nd_dict ("t", "a", "i", ND_ALL), "children"),
                                  nd_input ("src", "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_DUPLICATE_CALLBACK, "write_all_items",
                      "{\"i\":[\"ALL\"],\"t\":\"a\"}.children");
}

/* Outputs that can never select the same component do not collide. */
static void
test_1_2_wildcard_no_overlap (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, write_items,
                                     nd_output (nd_dict ("t", "a", "i", ND_MATCH), "children"),
                                     nd_input (nd_dict ("t", "src", "i", ND_MATCH), "value")));
  /* another constant */
  g_assert_nonnull (nd_app_callback (app, write_other_type,
                                     nd_output (nd_dict ("t", "b", "i", ND_MATCH), "children"),
                                     nd_input (nd_dict ("t", "src", "i", ND_MATCH), "n_submit")));
  /* another prop */
  g_assert_nonnull (nd_app_callback (app, write_other_prop,
                                     nd_output (nd_dict ("t", "a", "i", ND_MATCH), "style"),
                                     nd_input (nd_dict ("t", "src", "i", ND_MATCH), "n_blur")));
  /* another key set */
  g_assert_nonnull (nd_app_callback (app, write_other_keys,
                                     nd_output (nd_dict ("t", "a", "j", ND_MATCH), "children"),
                                     nd_input (nd_dict ("t", "src", "j", ND_MATCH), "value")));
  /* two constants that differ */
  g_assert_nonnull (nd_app_callback (app, write_item_one,
                                     nd_output (nd_dict ("t", "c", "i", 1), "children"),
                                     nd_input ("src", "value")));
  g_assert_nonnull (nd_app_callback (app, write_item_two,
                                     nd_output (nd_dict ("t", "c", "i", 2), "children"),
                                     nd_input ("src", "value")));
  error = validate (app);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_app_get_n_callbacks (app), ==, 6);
}

static void
test_1_2_match_keys_outputs_differ (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, write_mismatched_match,
                                  nd_output (nd_dict ("t", "a", "i", ND_MATCH), "children"),
                                  nd_output (nd_dict ("t", "b", "j", ND_MATCH), "children"),
                                  nd_input (nd_dict ("t", "in", "i", ND_MATCH), "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_WILDCARD, "write_mismatched_match",
                      "{\"j\":[\"MATCH\"],\"t\":\"b\"}.children");
}

/* MATCH on the same keys; ALL need not agree. */
static void
test_1_2_match_keys_outputs_same (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, write_match_and_all,
                                     nd_output (nd_dict ("t", "a", "i", ND_MATCH), "children"),
                                     nd_output (nd_dict ("t", "b", "i", ND_MATCH, "line", ND_ALL), "children"),
                                     nd_input (nd_dict ("t", "in", "i", ND_MATCH), "value")));
  error = validate (app);
  g_assert_no_error (error);
}

static void
test_1_2_match_keys_input_extra (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, read_foreign_match,
                                  nd_output (nd_dict ("t", "out", "i", ND_MATCH), "children"),
                                  nd_input (nd_dict ("t", "in", "j", ND_MATCH), "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_WILDCARD, "read_foreign_match",
                      "{\"j\":[\"MATCH\"],\"t\":\"in\"}.value");
}

static void
test_1_2_match_keys_state_extra (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, state_foreign_match,
                                  nd_output (nd_dict ("t", "out", "i", ND_MATCH), "children"),
                                  nd_input (nd_dict ("t", "in", "i", ND_MATCH), "value"),
                                  nd_state (nd_dict ("t", "in", "i", ND_MATCH, "j", ND_MATCH), "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_WILDCARD, "state_foreign_match",
                      "{\"i\":[\"MATCH\"],\"j\":[\"MATCH\"],\"t\":\"in\"}.value");
}

static void
test_1_2_allsmaller_key_not_in_outputs (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, read_foreign_allsmaller,
                                  nd_output (nd_dict ("t", "out", "i", ND_MATCH), "children"),
                                  nd_input (nd_dict ("t", "in", "i", ND_MATCH), "value"),
                                  nd_state (nd_dict ("t", "in", "j", ND_ALLSMALLER), "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_WILDCARD, "read_foreign_allsmaller",
                      "{\"j\":[\"ALLSMALLER\"],\"t\":\"in\"}.value");
}

/* ALLSMALLER needs an Output MATCH to be smaller than. */
static void
test_1_2_allsmaller_without_output_match (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, read_allsmaller_plain_output,
                                  nd_output ("total", "children"),
                                  nd_input (nd_dict ("t", "in", "i", ND_ALLSMALLER), "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_WILDCARD, "read_allsmaller_plain_output",
                      "{\"i\":[\"ALLSMALLER\"],\"t\":\"in\"}.value");
}

/* Inputs may MATCH on a subset of the Outputs' MATCH keys. */
static void
test_1_2_match_keys_subset (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, read_match_subset,
                                     nd_output (nd_dict ("t", "cell", "row", ND_MATCH, "col", ND_MATCH), "children"),
                                     nd_input (nd_dict ("t", "row-in", "row", ND_MATCH), "value"),
                                     nd_input (nd_dict ("t", "col-in", "col", ND_MATCH), "value"),
                                     nd_state (nd_dict ("t", "row-in", "row", ND_ALLSMALLER), "value"),
                                     nd_state (nd_dict ("t", "hdr", "col", ND_ALL), "value")));
  error = validate (app);
  g_assert_no_error (error);
}

static void
show_changed_item (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *value = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("changed: %s", value));
}

/* Outputs without MATCH allow MATCH Inputs (since Dash 4.2): accepted, and
 * the item the user edits is the one the callback sees. */
static void
test_1_2_match_input_plain_output (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", nd_dict ("type", "in", "index", 1), "value", "a"),
    nd_dcc_input ("id", nd_dict ("type", "in", "index", 2), "value", "b"),
    nd_html_div ("id", "total"))));
  g_assert_nonnull (nd_app_callback (app, show_changed_item,
                                     nd_output ("total", "children"),
                                     nd_input (nd_dict ("type", "in", "index", ND_MATCH), "value"),
                                     nd_prevent_initial_call ()));
  session = run_app (app);
  if (session == NULL)
    return;
  user_set (session, nd_dict ("type", "in", "index", 2), "value", nd_str ("typed"));
  g_assert_cmpstr (nd_session_get_prop_string (session, "total", "children"), ==, "changed: typed");
  g_assert_cmpuint (nd_session_get_n_calls (session), ==, 1);
}

/* ---- §1.2 circular dependencies ---- */

static void
test_1_2_circular_two (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) session_error = NULL;
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (nd_dcc_input ("id", "x"), nd_dcc_input ("id", "y"))));
  /* each is fine on its own: the cycle is found when the app is validated */
  g_assert_nonnull (nd_app_callback (app, x_to_y, nd_output ("y", "value"), nd_input ("x", "value")));
  g_assert_nonnull (nd_app_callback (app, y_to_x, nd_output ("x", "value"), nd_input ("y", "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_CIRCULAR, "x_to_y", "y_to_x", "x.value", "y.value");

  session = nd_app_new_session (app, &session_error);
  g_assert_null (session);
  g_assert_error (session_error, ND_ERROR, ND_ERROR_CIRCULAR);
}

static void
test_1_2_circular_three (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, hop_a, nd_output ("b", "value"), nd_input ("a", "value")));
  g_assert_nonnull (nd_app_callback (app, hop_b, nd_output ("c", "value"), nd_input ("b", "value")));
  g_assert_nonnull (nd_app_callback (app, hop_c, nd_output ("a", "value"), nd_input ("c", "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_CIRCULAR, "hop_a", "hop_b", "hop_c");
}

static void
clamp_amount (NdCallbackContext *ctx, gpointer user_data)
{
  gint64 amount = nd_callback_context_get_arg_int (ctx, 0, 0);

  nd_return (ctx, nd_int (CLAMP (amount, 0, 10)));
}

static void
show_amount (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("amount %s", text));
}

/* The `__output` exception: a callback may write a prop it reads, and
 * others may read that prop too. */
static void
test_1_2_circular_self_loop_allowed (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSession) session = NULL;
  g_autoptr(JsonNode) amount_id = nd_json_string ("amount");
  JsonNode *amount;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "amount", "type", "number", "value", 3),
    nd_html_div ("id", "shown"))));
  g_assert_nonnull (nd_app_callback (app, clamp_amount,
                                     nd_output ("amount", "value"),
                                     nd_input ("amount", "value")));
  g_assert_nonnull (nd_app_callback (app, show_amount,
                                     nd_output ("shown", "children"),
                                     nd_input ("amount", "value")));
  error = validate (app);
  g_assert_no_error (error);

  session = run_app (app);
  if (session == NULL)
    return;
  user_set (session, nd_str ("amount"), "value", nd_int (50));
  amount = nd_session_get_prop (session, amount_id, "value");
  g_assert_true (nd_json_is_number (amount));
  g_assert_cmpfloat (nd_json_get_number (amount), ==, 10);
}

/* A callback reading its own output does not hide a real cycle through
 * another of its outputs. */
static void
test_1_2_circular_self_loop_with_cycle (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, normalize_and_forward,
                                     nd_output ("s", "value"),
                                     nd_output ("t", "value"),
                                     nd_input ("s", "value"),
                                     nd_input ("w", "value")));
  g_assert_nonnull (nd_app_callback (app, feed_back,
                                     nd_output ("w", "value"),
                                     nd_input ("t", "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_CIRCULAR, "normalize_and_forward", "feed_back");
}

/* Wildcard ids count as the components they could select. */
static void
test_1_2_circular_wildcard (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, items_to_outs,
                                     nd_output (nd_dict ("t", "out", "i", ND_MATCH), "children"),
                                     nd_input (nd_dict ("t", "in", "i", ND_MATCH), "value")));
  g_assert_nonnull (nd_app_callback (app, outs_to_item,
                                     nd_output (nd_dict ("t", "in", "i", 0), "value"),
                                     nd_input (nd_dict ("t", "out", "i", ND_ALL), "children")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_CIRCULAR, "items_to_outs", "outs_to_item");
}

/* Two callbacks that each read and write the same prop (allow_duplicate):
 * both outputs are `s.value__output` nodes, and Dash adds no edge from a
 * callback's own output node, so there is no cycle. */
static void
test_1_2_circular_shared_self_loop (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, clamp_amount,
                                     nd_allow_duplicate (nd_output ("amount", "value")),
                                     nd_input ("amount", "value"),
                                     nd_input ("clamp", "n_clicks"),
                                     nd_prevent_initial_call ()));
  g_assert_nonnull (nd_app_callback (app, show_amount,
                                     nd_allow_duplicate (nd_output ("amount", "value")),
                                     nd_input ("amount", "value"),
                                     nd_input ("reset", "n_clicks"),
                                     nd_prevent_initial_call ()));
  error = validate (app);
  g_assert_no_error (error);
}

/* Chains and diamonds are not cycles. */
static void
test_1_2_circular_none (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, chain_first, nd_output ("y", "value"), nd_input ("x", "value")));
  g_assert_nonnull (nd_app_callback (app, chain_second, nd_output ("z", "value"), nd_input ("y", "value")));
  g_assert_nonnull (nd_app_callback (app, diamond_left, nd_output ("l", "value"), nd_input ("z", "value")));
  g_assert_nonnull (nd_app_callback (app, diamond_right, nd_output ("r", "value"), nd_input ("z", "value")));
  g_assert_nonnull (nd_app_callback (app, diamond_join,
                                     nd_output ("j", "children"),
                                     nd_input ("l", "value"),
                                     nd_input ("r", "value"),
                                     nd_input ("x", "value")));
  error = validate (app);
  g_assert_no_error (error);
}

/* In Dash a failed check stops every callback; ndash refuses to start a
 * session, reporting the first error. */
static void
test_1_2_error_stops_app (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) session_error = NULL;
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (nd_dcc_input ("id", "src"), nd_html_div ("id", "dst"))));
  g_assert_nonnull (nd_app_callback (app, good_one, nd_output ("dst", "children"), nd_input ("src", "value")));
  assert_rejected (nd_app_callback (app, bad_first,
                                  nd_output ("dst", "title"), nd_output ("dst", "title"),
                                  nd_input ("src", "value")));
  assert_rejected (nd_app_callback (app, bad_second,
                                  nd_output (nd_dict ("i", ND_ALLSMALLER), "children"),
                                  nd_input ("src", "value")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_DUPLICATE_CALLBACK, "bad_first", "dst.title");

  session = nd_app_new_session (app, &session_error);
  g_assert_null (session);
  assert_named_error (session_error, ND_ERROR_DUPLICATE_CALLBACK, "bad_first", "dst.title");
}

/* ---- §1.3 layout checks at session start ---- */

static JsonNode *
src_dst_layout (void)
{
  return nd_html_div (nd_list (
    nd_dcc_input ("id", "src", "value", "hello"),
    nd_html_button ("Go", "id", "btn"),
    nd_html_div ("id", "dst"),
    nd_html_div ("id", "dst2")));
}

static void
echo_src (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("src: %s", text));
}

/* The session is created, but refuses to start, and nothing runs. */
static void
assert_start_fails (NdApp *app, int code, const char *callback, const char *prop_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSession) session = nd_app_new_session (app, &error);

  g_assert_no_error (error);
  if (session == NULL)
    return;
  g_assert_false (nd_session_start (session, &error));
  assert_named_error (error, code, callback, prop_id);
  nd_session_run_until_idle (session, 1000);
  g_assert_cmpuint (nd_session_get_n_calls (session), ==, 0);
}

static void
test_1_3_missing_input (void)
{
  g_autoptr(NdApp) app = new_app ();

  nd_app_set_layout (app, src_dst_layout ());
  g_assert_nonnull (nd_app_callback (app, echo_src, nd_output ("dst", "children"), nd_input ("src", "value")));
  g_assert_nonnull (nd_app_callback (app, read_ghost, nd_output ("dst2", "children"), nd_input ("ghost", "value")));
  assert_start_fails (app, ND_ERROR_ID_NOT_FOUND, "read_ghost", "ghost.value");
}

static void
test_1_3_missing_output (void)
{
  g_autoptr(NdApp) app = new_app ();

  nd_app_set_layout (app, src_dst_layout ());
  g_assert_nonnull (nd_app_callback (app, write_ghost, nd_output ("ghost", "children"), nd_input ("src", "value")));
  assert_start_fails (app, ND_ERROR_ID_NOT_FOUND, "write_ghost", "ghost.children");
}

static void
test_1_3_missing_state (void)
{
  g_autoptr(NdApp) app = new_app ();

  nd_app_set_layout (app, src_dst_layout ());
  g_assert_nonnull (nd_app_callback (app, state_ghost,
                                     nd_output ("dst", "children"),
                                     nd_input ("btn", "n_clicks"),
                                     nd_state ("ghost", "value")));
  assert_start_fails (app, ND_ERROR_ID_NOT_FOUND, "state_ghost", "ghost.value");
}

static void
test_1_3_message_text (void)
{
  g_autoptr(NdApp) app = new_app ();

  nd_app_set_layout (app, src_dst_layout ());
  g_assert_nonnull (nd_app_callback (app, read_ghost, nd_output ("dst2", "children"), nd_input ("ghost", "value")));
  assert_start_fails (app, ND_ERROR_ID_NOT_FOUND, "read_ghost", "ID not found in layout");
}

/* suppress_callback_exceptions: components a callback creates later are
 * fine, and the rest of the app runs. */
static void
test_1_3_missing_suppressed (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, src_dst_layout ());
  nd_app_set_suppress_callback_exceptions (app, TRUE);
  g_assert_nonnull (nd_app_callback (app, echo_src, nd_output ("dst", "children"), nd_input ("src", "value")));
  g_assert_nonnull (nd_app_callback (app, read_ghost, nd_output ("dst2", "children"), nd_input ("ghost", "value")));
  g_assert_nonnull (nd_app_callback (app, write_ghost, nd_output ("ghost", "children"), nd_input ("src", "n_submit")));
  g_assert_nonnull (nd_app_callback (app, state_ghost,
                                     nd_output ("dst2", "title"),
                                     nd_input ("btn", "n_clicks"),
                                     nd_state ("ghost", "value"),
                                     nd_prevent_initial_call ()));
  session = run_app (app);
  if (session == NULL)
    return;
  g_assert_cmpstr (nd_session_get_prop_string (session, "dst", "children"), ==, "src: hello");
}

static void
show_optional (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *src = nd_callback_context_get_arg_text (ctx, 0);
  g_autofree char *ghost = nd_callback_context_get_arg_text (ctx, 1);

  nd_return (ctx, nd_strf ("%s / %s", src, ghost));
}

/* allow_optional deps may be absent; the callback sees None. */
static void
test_1_3_missing_allow_optional (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, src_dst_layout ());
  g_assert_nonnull (nd_app_callback (app, show_optional,
                                     nd_output ("dst", "children"),
                                     nd_input ("src", "value"),
                                     nd_allow_optional (nd_input ("ghost", "value"))));
  g_assert_nonnull (nd_app_callback (app, show_optional,
                                     nd_output ("dst2", "children"),
                                     nd_input ("src", "value"),
                                     nd_allow_optional (nd_state ("phantom", "value"))));
  session = run_app (app);
  if (session == NULL)
    return;
  g_assert_cmpstr (nd_session_get_prop_string (session, "dst", "children"), ==, "hello / None");
  g_assert_cmpstr (nd_session_get_prop_string (session, "dst2", "children"), ==, "hello / None");
  g_assert_cmpuint (nd_session_get_errors (session)->len, ==, 0);
}

/* Only string ids must exist: a pattern may match nothing yet. */
static void
test_1_3_pattern_may_match_nothing (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, src_dst_layout ());
  g_assert_nonnull (nd_app_callback (app, read_pattern_absent,
                                     nd_output (nd_dict ("t", "out", "i", ND_MATCH), "children"),
                                     nd_input (nd_dict ("t", "in", "i", ND_MATCH), "value")));
  session = run_app (app);
  g_assert_nonnull (session);
}

static void
test_1_3_invalid_prop_input (void)
{
  g_autoptr(NdApp) app = new_app ();

  nd_app_set_layout (app, src_dst_layout ());
  g_assert_nonnull (nd_app_callback (app, read_misspelled,
                                     nd_output ("dst", "children"),
                                     nd_input ("btn", "n_clicked")));
  assert_start_fails (app, ND_ERROR_INVALID_PROP, "read_misspelled", "btn.n_clicked");
}

static void
test_1_3_invalid_prop_output (void)
{
  g_autoptr(NdApp) app = new_app ();

  nd_app_set_layout (app, src_dst_layout ());
  g_assert_nonnull (nd_app_callback (app, write_misspelled,
                                     nd_output ("src", "valeu"),
                                     nd_input ("btn", "n_clicks")));
  assert_start_fails (app, ND_ERROR_INVALID_PROP, "write_misspelled", "src.valeu");
}

static void
test_1_3_invalid_prop_state (void)
{
  g_autoptr(NdApp) app = new_app ();

  nd_app_set_layout (app, src_dst_layout ());
  g_assert_nonnull (nd_app_callback (app, state_misspelled,
                                     nd_output ("dst", "children"),
                                     nd_input ("btn", "n_clicks"),
                                     nd_state ("dst2", "childern")));
  assert_start_fails (app, ND_ERROR_INVALID_PROP, "state_misspelled", "dst2.childern");
}

/* suppress_callback_exceptions does not hide a wrong prop. */
static void
test_1_3_invalid_prop_suppressed (void)
{
  g_autoptr(NdApp) app = new_app ();

  nd_app_set_layout (app, src_dst_layout ());
  nd_app_set_suppress_callback_exceptions (app, TRUE);
  g_assert_nonnull (nd_app_callback (app, read_misspelled,
                                     nd_output ("dst", "children"),
                                     nd_input ("btn", "n_clicked")));
  assert_start_fails (app, ND_ERROR_INVALID_PROP, "read_misspelled", "btn.n_clicked");
}

static void
mark_state (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *label = nd_callback_context_get_arg_text (ctx, 1);

  nd_return (ctx, nd_strf ("clicked %s", label));
}

/* data-* and aria-* are valid on html components. */
static void
test_1_3_data_aria_props (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn", "aria-label", "go button"),
    nd_html_div ("id", "box"))));
  g_assert_nonnull (nd_app_callback (app, mark_state,
                                     nd_output ("box", "data-state"),
                                     nd_input ("btn", "n_clicks"),
                                     nd_state ("btn", "aria-label"),
                                     nd_prevent_initial_call ()));
  session = run_app (app);
  if (session == NULL)
    return;
  user_set (session, nd_str ("btn"), "n_clicks", nd_int (1));
  g_assert_cmpstr (nd_session_get_prop_string (session, "box", "data-state"), ==, "clicked go button");
}

/* The prop is checked on every component a pattern selects, as the
 * renderer's validateIdPatternProp does. */
static void
test_1_3_invalid_prop_pattern (void)
{
  g_autoptr(NdApp) app = new_app ();

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "src"),
    nd_html_div ("id", nd_dict ("type", "out", "index", 0)))));
  g_assert_nonnull (nd_app_callback (app, write_pattern_misspelled,
                                     nd_output (nd_dict ("type", "out", "index", ND_MATCH), "childern"),
                                     nd_input ("src", "value")));
  assert_start_fails (app, ND_ERROR_INVALID_PROP, "write_pattern_misspelled", "childern");
}

/* ---- layout checks ---- */

/* DuplicateIdError when serving starts: the session is refused. */
static void
assert_new_session_fails (NdApp *app, int code, const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSession) session = nd_app_new_session (app, &error);

  g_assert_null (session);
  assert_named_error (error, code, needle);
}

static void
test_layout_duplicate_id (void)
{
  g_autoptr(NdApp) app = new_app ();

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_div ("id", "twin"),
    nd_html_div (nd_list (nd_html_span ("deep", "id", "twin"))))));
  assert_new_session_fails (app, ND_ERROR_DUPLICATE_ID, "twin");
}

/* Dict ids are the same id whatever their key order. */
static void
test_layout_duplicate_dict_id (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(JsonNode) second = nd_json_object_new ();

  json_object_set_int_member (json_node_get_object (second), "index", 1);
  json_object_set_string_member (json_node_get_object (second), "type", "item");
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_div ("id", nd_dict ("type", "item", "index", 1)),
    nd_html_div ("id", g_steal_pointer (&second)))));
  assert_new_session_fails (app, ND_ERROR_DUPLICATE_ID, "{\"index\":1,\"type\":\"item\"}");
}

/* Same texts, different ids: "1" and 1 are different values. */
static void
test_layout_distinct_ids (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_div ("id", nd_dict ("type", "item", "index", 1)),
    nd_html_div ("id", nd_dict ("type", "item", "index", 2)),
    nd_html_div ("id", nd_dict ("type", "other", "index", 1)),
    nd_html_div ("id", "item"))));
  session = nd_app_new_session (app, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
}

static void
test_layout_invalid_ids (void)
{
  const char *bad_ids[] = { "a.b", "a{b" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      g_autoptr(NdApp) app = new_app ();

      nd_app_set_layout (app, nd_html_div (nd_list (nd_html_div ("id", bad_ids[i]))));
      assert_new_session_fails (app, ND_ERROR_INVALID_ID, bad_ids[i]);
    }
  {
    g_autoptr(NdApp) app = new_app ();

    /* wildcards belong in callbacks, not in the layout */
    nd_app_set_layout (app, nd_html_div (nd_list (nd_html_div ("id", nd_dict ("type", "x", "index", ND_ALL)))));
    assert_new_session_fails (app, ND_ERROR_INVALID_ID, "\"type\":\"x\"");
  }
}

typedef struct {
  char *dir;
} TmpDir;

static char *
write_tmp (TmpDir *tmp, const char *name, const char *contents)
{
  char *path = g_build_filename (tmp->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
tmp_setup (TmpDir *tmp, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  tmp->dir = g_dir_make_tmp ("nd-test-validation-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
tmp_teardown (TmpDir *tmp, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (tmp->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (tmp->dir);
  g_free (tmp->dir);
}

#define VALID_LAYOUT \
  "{\"namespace\": \"dash_html_components\", \"type\": \"Div\", \"props\": {\"children\": [" \
  "{\"namespace\": \"dash_core_components\", \"type\": \"Input\", \"props\": {\"id\": \"src\", \"value\": \"from file\"}}," \
  "{\"namespace\": \"dash_html_components\", \"type\": \"Div\", \"props\": {\"id\": \"dst\"}}]}}"

/* A failed load leaves the app's layout as it was. */
static void
assert_layout_file_fails (TmpDir *tmp, const char *contents, GQuark domain, int code, const char *needle)
{
  g_autoptr(NdApp) app = new_app ();
  g_autofree char *path = write_tmp (tmp, "layout.json", contents);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) kept = NULL;

  nd_app_set_layout (app, nd_html_div ("id", "previous"));
  g_assert_false (nd_app_set_layout_from_file (app, path, &error));
  g_assert_error (error, domain, code);
  if (error && needle)
    g_assert_true (strstr (error->message, needle) != NULL);
  g_clear_error (&error);
  kept = nd_app_get_layout (app, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (nd_component_get_props (kept), "id"), ==, "previous");
}

static void
test_layout_file_valid (TmpDir *tmp, gconstpointer data)
{
  g_autoptr(NdApp) app = new_app ();
  g_autofree char *path = write_tmp (tmp, "layout.json", VALID_LAYOUT);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSession) session = NULL;

  g_assert_true (nd_app_set_layout_from_file (app, path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (nd_app_callback (app, echo_src, nd_output ("dst", "children"), nd_input ("src", "value")));
  session = run_app (app);
  if (session == NULL)
    return;
  g_assert_cmpstr (nd_session_get_prop_string (session, "dst", "children"), ==, "src: from file");
}

static void
test_layout_file_bad_json (TmpDir *tmp, gconstpointer data)
{
  assert_layout_file_fails (tmp, "{\"namespace\": \"dash_html_components\", \"type\": ", ND_ERROR,
                            ND_ERROR_INVALID_JSON, "layout.json");
  assert_layout_file_fails (tmp, "[\"\xff\"]", ND_ERROR, ND_ERROR_INVALID_JSON, "layout.json");
}

static void
test_layout_file_missing (TmpDir *tmp, gconstpointer data)
{
  g_autoptr(NdApp) app = new_app ();
  g_autofree char *path = g_build_filename (tmp->dir, "nope.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (nd_app_set_layout_from_file (app, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_layout_file_unknown_type (TmpDir *tmp, gconstpointer data)
{
  assert_layout_file_fails (tmp,
                            "{\"namespace\": \"dash_html_components\", \"type\": \"Div\", \"props\": {\"children\": "
                            "{\"namespace\": \"dash_core_components\", \"type\": \"Sliderr\", \"props\": {}}}}",
                            ND_ERROR, ND_ERROR_INVALID_COMPONENT, "Sliderr");
}

static void
test_layout_file_unknown_prop (TmpDir *tmp, gconstpointer data)
{
  assert_layout_file_fails (tmp,
                            "{\"namespace\": \"dash_html_components\", \"type\": \"Div\", "
                            "\"props\": {\"id\": \"box\", \"colour\": \"red\"}}",
                            ND_ERROR, ND_ERROR_INVALID_PROP, "colour");
}

/* Nodes without namespace or type, or with props that are not an object,
 * are not components. */
static void
test_layout_file_missing_fields (TmpDir *tmp, gconstpointer data)
{
  assert_layout_file_fails (tmp, "{\"type\": \"Div\", \"props\": {}}",
                            ND_ERROR, ND_ERROR_INVALID_COMPONENT, NULL);
  assert_layout_file_fails (tmp, "{\"namespace\": \"dash_html_components\", \"props\": {}}",
                            ND_ERROR, ND_ERROR_INVALID_COMPONENT, NULL);
  assert_layout_file_fails (tmp,
                            "{\"namespace\": \"dash_html_components\", \"type\": \"Div\", \"props\": {\"children\": ["
                            "{\"type\": \"Span\", \"props\": {\"id\": \"orphan\"}}]}}",
                            ND_ERROR, ND_ERROR_INVALID_COMPONENT, NULL);
  assert_layout_file_fails (tmp, "{\"namespace\": \"dash_html_components\", \"type\": \"Div\", \"props\": 3}",
                            ND_ERROR, ND_ERROR_INVALID_COMPONENT, NULL);
  assert_layout_file_fails (tmp, "\"just text\"", ND_ERROR, ND_ERROR_INVALID_COMPONENT, NULL);
}

static void
test_layout_file_duplicate_id (TmpDir *tmp, gconstpointer data)
{
  assert_layout_file_fails (tmp,
                            "[{\"namespace\": \"dash_html_components\", \"type\": \"Div\", \"props\": {\"id\": \"same\"}},"
                            " {\"namespace\": \"dash_core_components\", \"type\": \"Input\", \"props\": {\"id\": \"same\"}}]",
                            ND_ERROR, ND_ERROR_DUPLICATE_ID, "same");
}

/* A list layout of components and strings is valid; so are components of
 * namespaces ndash does not know (third-party libraries). */
static void
test_layout_data_valid_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list = nd_layout_load_data (
    "[\"text\", {\"namespace\": \"dash_html_components\", \"type\": \"Div\", \"props\": {\"children\": [1, null, \"x\"]}},"
    " {\"namespace\": \"dash_bootstrap_components\", \"type\": \"Row\", \"props\": {\"anything\": true}}]",
    -1, &error);

  g_assert_no_error (error);
  g_assert_true (nd_layout_validate (list, &error));
  g_assert_no_error (error);
}

static void
test_layout_data_too_deep (void)
{
  GString *deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) layout = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append (deep, "{\"namespace\":\"dash_html_components\",\"type\":\"Div\",\"props\":{\"children\":");
  g_string_append (deep, "null");
  for (guint i = 0; i < 5000; i++)
    g_string_append (deep, "}}");
  layout = nd_layout_load_data (deep->str, deep->len, &error);
  g_string_free (deep, TRUE);
  g_assert_null (layout);
  g_assert_error (error, ND_ERROR, ND_ERROR_NESTING);
}

static void
test_layout_save_load (TmpDir *tmp, gconstpointer data)
{
  g_autoptr(JsonNode) layout = nd_html_div (nd_list (
    nd_dcc_input ("id", nd_dict ("type", "in", "index", 1), "value", "caf\xc3\xa9"),
    nd_html_div ("id", "dst", "style", nd_dict ("color", "red"))));
  g_autofree char *path = g_build_filename (tmp->dir, "saved.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) back = NULL;

  g_assert_true (nd_layout_save_file (layout, path, &error));
  g_assert_no_error (error);
  back = nd_layout_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (nd_json_equal (layout, back));
  g_assert_true (nd_layout_validate (back, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* report every failing rule in one run, not just the first */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/validation/1.1/order/output-after-input", test_1_1_order_output_after_input);
  g_test_add_func ("/validation/1.1/order/input-after-state", test_1_1_order_input_after_state);
  g_test_add_func ("/validation/1.1/order/options-anywhere", test_1_1_order_options_anywhere);
  g_test_add_func ("/validation/1.1/string-id/dot", test_1_1_string_id_dot);
  g_test_add_func ("/validation/1.1/string-id/brace", test_1_1_string_id_brace);
  g_test_add_func ("/validation/1.1/dict-id/empty-key", test_1_1_dict_id_empty_key);
  g_test_add_func ("/validation/1.1/dict-id/bad-values", test_1_1_dict_id_bad_values);
  g_test_add_func ("/validation/1.1/dict-id/valid-values", test_1_1_dict_id_valid_values);
  g_test_add_func ("/validation/1.1/allow-duplicate/needs-prevent-initial-call", test_1_1_allow_duplicate_needs_prevent);
  g_test_add_func ("/validation/1.1/allow-duplicate/add-callback-gerror", test_1_1_add_callback_gerror);
  g_test_add_func ("/validation/1.1/allow-duplicate/with-prevent-initial-call", test_1_1_allow_duplicate_with_prevent);
  g_test_add_func ("/validation/1.1/allow-duplicate/initial-duplicate", test_1_1_allow_duplicate_initial_duplicate);
  g_test_add_func ("/validation/1.1/allow-duplicate/beside-plain-output", test_1_1_allow_duplicate_beside_plain);
  g_test_add_func ("/validation/1.1/same-key-twice", test_1_1_same_key_twice);

  g_test_add_func ("/validation/1.2/no-input/prevent-initial-call", test_1_2_no_input_prevent_initial_call);
  g_test_add_func ("/validation/1.2/no-input/runs-once", test_1_2_no_input_runs_once);
  g_test_add_func ("/validation/1.2/empty-id", test_1_2_empty_id);
  g_test_add_func ("/validation/1.2/empty-property", test_1_2_empty_property);
  g_test_add_func ("/validation/1.2/wildcard/allsmaller-output", test_1_2_wildcard_allsmaller_output);
  g_test_add_func ("/validation/1.2/wildcard/allowed", test_1_2_wildcard_allowed);
  g_test_add_func ("/validation/1.2/duplicate-output/same-callback", test_1_2_duplicate_output_same_callback);
  g_test_add_func ("/validation/1.2/duplicate-output/same-callback-wildcard", test_1_2_duplicate_output_same_callback_wildcard);
  g_test_add_func ("/validation/1.2/duplicate-output/other-callback", test_1_2_duplicate_output_other_callback);
  g_test_add_func ("/validation/1.2/wildcard-overlap/match-constant", test_1_2_wildcard_overlap_match_constant);
  g_test_add_func ("/validation/1.2/wildcard-overlap/all-match", test_1_2_wildcard_overlap_all_match);
  g_test_add_func ("/validation/1.2/wildcard-overlap/none", test_1_2_wildcard_no_overlap);
  g_test_add_func ("/validation/1.2/match-keys/outputs-differ", test_1_2_match_keys_outputs_differ);
  g_test_add_func ("/validation/1.2/match-keys/outputs-same", test_1_2_match_keys_outputs_same);
  g_test_add_func ("/validation/1.2/match-keys/input-extra", test_1_2_match_keys_input_extra);
  g_test_add_func ("/validation/1.2/match-keys/state-extra", test_1_2_match_keys_state_extra);
  g_test_add_func ("/validation/1.2/match-keys/allsmaller-not-in-outputs", test_1_2_allsmaller_key_not_in_outputs);
  g_test_add_func ("/validation/1.2/match-keys/allsmaller-without-output-match", test_1_2_allsmaller_without_output_match);
  g_test_add_func ("/validation/1.2/match-keys/subset", test_1_2_match_keys_subset);
  g_test_add_func ("/validation/1.2/match-keys/match-input-plain-output", test_1_2_match_input_plain_output);
  g_test_add_func ("/validation/1.2/circular/two-callbacks", test_1_2_circular_two);
  g_test_add_func ("/validation/1.2/circular/three-callbacks", test_1_2_circular_three);
  g_test_add_func ("/validation/1.2/circular/self-loop-allowed", test_1_2_circular_self_loop_allowed);
  g_test_add_func ("/validation/1.2/circular/self-loop-with-cycle", test_1_2_circular_self_loop_with_cycle);
  g_test_add_func ("/validation/1.2/circular/wildcard", test_1_2_circular_wildcard);
  g_test_add_func ("/validation/1.2/circular/shared-self-loop", test_1_2_circular_shared_self_loop);
  g_test_add_func ("/validation/1.2/circular/none", test_1_2_circular_none);
  g_test_add_func ("/validation/1.2/error-stops-app", test_1_2_error_stops_app);

  g_test_add_func ("/validation/1.3/id-not-found/input", test_1_3_missing_input);
  g_test_add_func ("/validation/1.3/id-not-found/output", test_1_3_missing_output);
  g_test_add_func ("/validation/1.3/id-not-found/state", test_1_3_missing_state);
  g_test_add_func ("/validation/1.3/id-not-found/message", test_1_3_message_text);
  g_test_add_func ("/validation/1.3/id-not-found/suppressed", test_1_3_missing_suppressed);
  g_test_add_func ("/validation/1.3/id-not-found/allow-optional", test_1_3_missing_allow_optional);
  g_test_add_func ("/validation/1.3/id-not-found/pattern-may-match-nothing", test_1_3_pattern_may_match_nothing);
  g_test_add_func ("/validation/1.3/invalid-prop/input", test_1_3_invalid_prop_input);
  g_test_add_func ("/validation/1.3/invalid-prop/output", test_1_3_invalid_prop_output);
  g_test_add_func ("/validation/1.3/invalid-prop/state", test_1_3_invalid_prop_state);
  g_test_add_func ("/validation/1.3/invalid-prop/suppressed", test_1_3_invalid_prop_suppressed);
  g_test_add_func ("/validation/1.3/invalid-prop/data-aria", test_1_3_data_aria_props);
  g_test_add_func ("/validation/1.3/invalid-prop/pattern", test_1_3_invalid_prop_pattern);

  g_test_add_func ("/validation/layout/duplicate-id", test_layout_duplicate_id);
  g_test_add_func ("/validation/layout/duplicate-dict-id", test_layout_duplicate_dict_id);
  g_test_add_func ("/validation/layout/distinct-ids", test_layout_distinct_ids);
  g_test_add_func ("/validation/layout/invalid-ids", test_layout_invalid_ids);
  g_test_add ("/validation/layout/file/valid", TmpDir, NULL, tmp_setup, test_layout_file_valid, tmp_teardown);
  g_test_add ("/validation/layout/file/bad-json", TmpDir, NULL, tmp_setup, test_layout_file_bad_json, tmp_teardown);
  g_test_add ("/validation/layout/file/missing", TmpDir, NULL, tmp_setup, test_layout_file_missing, tmp_teardown);
  g_test_add ("/validation/layout/file/unknown-type", TmpDir, NULL, tmp_setup, test_layout_file_unknown_type, tmp_teardown);
  g_test_add ("/validation/layout/file/unknown-prop", TmpDir, NULL, tmp_setup, test_layout_file_unknown_prop, tmp_teardown);
  g_test_add ("/validation/layout/file/missing-fields", TmpDir, NULL, tmp_setup, test_layout_file_missing_fields, tmp_teardown);
  g_test_add ("/validation/layout/file/duplicate-id", TmpDir, NULL, tmp_setup, test_layout_file_duplicate_id, tmp_teardown);
  g_test_add ("/validation/layout/file/save-load", TmpDir, NULL, tmp_setup, test_layout_save_load, tmp_teardown);
  g_test_add_func ("/validation/layout/data/valid-shapes", test_layout_data_valid_shapes);
  g_test_add_func ("/validation/layout/data/too-deep", test_layout_data_too_deep);

  return g_test_run ();
}
