/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What a callback receives and what its return does (callback-semantics
 * §6-§9): the call built from the layout, the return shapes, every field
 * of the callback context and the ways to stop an update.  Most tests run
 * real sessions and record, from inside the callbacks, what the context
 * showed; a few drive nd_app_handle_update_component() with request bodies
 * as the HTTP mirror will (dash-protocol §10-§11).
 */
#include <string.h>

#include <ndash.h>

/* ---- recording what callbacks saw ---- */

typedef struct {
  char *name;
  JsonNode *args;
  JsonNode *triggered;
  JsonNode *triggered_id;        /* NULL when the context had none */
  char **triggered_prop_ids;
  JsonNode *inputs;
  JsonNode *states;
  JsonNode *inputs_list;
  JsonNode *states_list;
  JsonNode *outputs_list;
  JsonNode *args_grouping;
  gboolean current_is_ctx;
} Seen;

typedef struct {
  GMutex lock;
  GPtrArray *seen;               /* Seen, in call order */
} Recorder;

static void
seen_free (gpointer data)
{
  Seen *s = data;

  g_free (s->name);
  g_clear_pointer (&s->args, json_node_unref);
  g_clear_pointer (&s->triggered, json_node_unref);
  g_clear_pointer (&s->triggered_id, json_node_unref);
  g_strfreev (s->triggered_prop_ids);
  g_clear_pointer (&s->inputs, json_node_unref);
  g_clear_pointer (&s->states, json_node_unref);
  g_clear_pointer (&s->inputs_list, json_node_unref);
  g_clear_pointer (&s->states_list, json_node_unref);
  g_clear_pointer (&s->outputs_list, json_node_unref);
  g_clear_pointer (&s->args_grouping, json_node_unref);
  g_free (s);
}

static void
recorder_init (Recorder *rec)
{
  g_mutex_init (&rec->lock);
  rec->seen = g_ptr_array_new_with_free_func (seen_free);
}

static void
recorder_clear (Recorder *rec)
{
  if (rec->seen == NULL)
    return;
  g_clear_pointer (&rec->seen, g_ptr_array_unref);
  g_mutex_clear (&rec->lock);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Recorder, recorder_clear)

static JsonNode *
copy_or_null (JsonNode *node)
{
  return node ? nd_json_deep_copy (node) : NULL;
}

/* Snapshots the whole context; the context's views die with the call. */
static void
record (NdCallbackContext *ctx, gpointer user_data)
{
  Recorder *rec = user_data;
  Seen *s = g_new0 (Seen, 1);
  guint n = nd_callback_context_get_n_args (ctx);

  s->name = g_strdup (nd_callback_context_get_callback_name (ctx));
  s->args = nd_json_array_new ();
  for (guint i = 0; i < n; i++)
    json_array_add_element (json_node_get_array (s->args), nd_json_deep_copy (nd_arg (ctx, i)));
  s->triggered = copy_or_null (nd_callback_context_get_triggered (ctx));
  s->triggered_id = copy_or_null (nd_callback_context_get_triggered_id (ctx));
  s->triggered_prop_ids = g_strdupv ((char **) nd_callback_context_get_triggered_prop_ids (ctx));
  s->inputs = copy_or_null (nd_callback_context_get_inputs (ctx));
  s->states = copy_or_null (nd_callback_context_get_states (ctx));
  s->inputs_list = copy_or_null (nd_callback_context_get_inputs_list (ctx));
  s->states_list = copy_or_null (nd_callback_context_get_states_list (ctx));
  s->outputs_list = copy_or_null (nd_callback_context_get_outputs_list (ctx));
  s->args_grouping = copy_or_null (nd_callback_context_get_args_grouping (ctx));
  s->current_is_ctx = nd_callback_context_get_current (NULL) == ctx;

  g_mutex_lock (&rec->lock);
  g_ptr_array_add (rec->seen, s);
  g_mutex_unlock (&rec->lock);
}

static guint
n_seen (Recorder *rec, const char *name)
{
  guint n = 0;

  g_mutex_lock (&rec->lock);
  for (guint i = 0; i < rec->seen->len; i++)
    if (g_strcmp0 (((Seen *) g_ptr_array_index (rec->seen, i))->name, name) == 0)
      n++;
  g_mutex_unlock (&rec->lock);
  return n;
}

/* The most recent call of @name; only read once the session is idle. */
static Seen *
last_seen (Recorder *rec, const char *name)
{
  Seen *found = NULL;

  g_mutex_lock (&rec->lock);
  for (guint i = 0; i < rec->seen->len; i++)
    if (g_strcmp0 (((Seen *) g_ptr_array_index (rec->seen, i))->name, name) == 0)
      found = g_ptr_array_index (rec->seen, i);
  g_mutex_unlock (&rec->lock);
  if (found == NULL)
    g_error ("callback %s never ran", name);
  return found;
}

/* ---- assertions and session helpers ---- */

#define assert_json(actual, expected) \
  assert_json_impl (__FILE__, __LINE__, G_STRFUNC, #actual, (actual), (expected))

/* @expected is consumed, so tests can write it with the builder inline. */
static void
assert_json_impl (const char *file, int line, const char *func, const char *what,
                  JsonNode *actual, JsonNode *expected)
{
  g_autoptr(JsonNode) exp = expected;

  if (actual == NULL || !nd_json_equal (actual, exp))
    {
      g_autofree char *a = actual ? nd_json_to_string (actual, FALSE) : g_strdup ("(missing)");
      g_autofree char *e = nd_json_to_string (exp, FALSE);
      g_autofree char *msg = g_strdup_printf ("%s\n  expected %s\n       got %s", what, e, a);

      g_assertion_message (G_LOG_DOMAIN, file, line, func, msg);
    }
}

static void
assert_no_errors (NdSession *session)
{
  GPtrArray *errors = nd_session_get_errors (session);

  for (guint i = 0; i < errors->len; i++)
    {
      NdCallbackError *e = g_ptr_array_index (errors, i);
      g_test_message ("unexpected error from %s: %s", e->callback_name, e->message);
    }
  g_assert_cmpuint (errors->len, ==, 0);
}

static NdSession *
start_session (NdApp *app)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSession) session = nd_app_new_session (app, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_true (nd_session_start (session, &error));
  g_assert_no_error (error);
  g_assert_true (nd_session_run_until_idle (session, 5000));
  return g_steal_pointer (&session);
}

static void
run (NdSession *session)
{
  g_assert_true (nd_session_run_until_idle (session, 5000));
}

/* Borrowed: the current value of a string-id component's prop. */
static JsonNode *
prop (NdSession *session, const char *id, const char *name)
{
  g_autoptr(JsonNode) id_node = nd_json_string (id);

  return nd_session_get_prop (session, id_node, name);
}

static JsonNode *
item_prop (NdSession *session, const char *type, gint64 index, const char *name)
{
  g_autoptr(JsonNode) id_node = nd_dict ("type", type, "index", index);

  return nd_session_get_prop (session, id_node, name);
}

static void
user_set_item (NdSession *session, const char *type, gint64 index, const char *name, JsonNode *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_session_set_prop (session, nd_dict ("type", type, "index", index), name, value, &error));
  g_assert_no_error (error);
}

/* One {"id", "property", "value"} item as the renderer sends it. */
static JsonNode *
dep (JsonNode *id, const char *property, JsonNode *value)
{
  JsonNode *node = nd_dict ("id", id, "property", property);

  if (value)
    json_object_set_member (json_node_get_object (node), "value", value);
  return node;
}

/* A leaf of args_grouping. */
static JsonNode *
leaf (JsonNode *id, const char *property, JsonNode *value, const char *str_id, gboolean triggered)
{
  return nd_dict ("id", id, "property", property, "value", value,
                  "str_id", str_id, "triggered", nd_bool (triggered));
}

static NdCallbackError *
only_error (NdSession *session)
{
  GPtrArray *errors = nd_session_get_errors (session);

  g_assert_cmpuint (errors->len, ==, 1);
  return g_ptr_array_index (errors, 0);
}

/* Posts a request body; asserts the request itself was accepted. */
static char *
post (NdApp *app, JsonNode *body, guint *status)
{
  g_autoptr(JsonNode) owned = body;
  g_autofree char *text = nd_json_to_string (owned, FALSE);
  g_autoptr(GError) error = NULL;
  char *answer;

  *status = 0;
  answer = nd_app_handle_update_component (app, text, -1, status, &error);
  g_assert_no_error (error);
  return answer;
}

static JsonNode *parse_answer (const char *answer);

#define assert_json_answer(answer, expected) G_STMT_START { \
    g_autoptr(JsonNode) parsed_ = parse_answer (answer); \
    assert_json (parsed_, (expected)); \
  } G_STMT_END

static JsonNode *
parse_answer (const char *answer)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_assert_nonnull (answer);
  node = nd_json_parse (answer, -1, 0, &error);
  g_assert_no_error (error);
  return node;
}

/* ---- callbacks shared by several tests ---- */

/* Echoes its first argument as "<callback>: <arg>". */
static void
echo_first (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("%s: %s", nd_callback_context_get_callback_name (ctx), text));
}

/* A no-output or side-effect-free observer. */
static void
only_record (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
}

/* ================= §6 building a call ================= */

static void
show_with_state (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *v = nd_callback_context_get_arg_text (ctx, 0);
  g_autofree char *n = nd_callback_context_get_arg_text (ctx, 1);

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("%s x%s", v, n));
}

static void
test_call_has_inputs_state_outputs (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Context");
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "value", "a"),
    nd_dcc_input ("id", "n", "type", "number", "value", 3),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "note"))));
  nd_app_callback_data (app, show_with_state, &rec,
                        nd_output ("out", "children"),
                        nd_input ("in", "value"),
                        nd_state ("n", "value"),
                        nd_state ("note", "title"));
  session = start_session (app);
  assert_no_errors (session);

  /* Initial call: current values; an undefined prop is sent without "value". */
  s = last_seen (&rec, "show_with_state");
  assert_json (s->inputs_list, nd_list (dep (nd_str ("in"), "value", nd_str ("a"))));
  assert_json (s->states_list, nd_list (dep (nd_str ("n"), "value", nd_int (3)),
                                        dep (nd_str ("note"), "title", NULL)));
  assert_json (s->outputs_list, nd_dict ("id", "out", "property", "children"));
  assert_json (s->args, nd_list ("a", 3, nd_null ()));
  g_assert_cmpstr (nd_session_get_prop_string (session, "out", "children"), ==, "a x3");

  /* A State change alone fires nothing, but the next call reads it. */
  nd_session_user_set (session, "n", "value", 4);
  run (session);
  g_assert_cmpuint (n_seen (&rec, "show_with_state"), ==, 1);
  nd_session_user_set (session, "in", "value", "b");
  run (session);
  g_assert_cmpuint (n_seen (&rec, "show_with_state"), ==, 2);
  s = last_seen (&rec, "show_with_state");
  assert_json (s->inputs_list, nd_list (dep (nd_str ("in"), "value", nd_str ("b"))));
  assert_json (s->states_list, nd_list (dep (nd_str ("n"), "value", nd_int (4)),
                                        dep (nd_str ("note"), "title", NULL)));
  g_assert_cmpstr (nd_session_get_prop_string (session, "out", "children"), ==, "b x4");
  assert_no_errors (session);
}

/* Counts the ALL input. */
static void
wildcard_total (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, nd_strf ("%u", json_array_get_length (json_node_get_array (nd_arg (ctx, 1)))));
}

/* Inputs x/y/z ({"type":"in"}), labels L0/L1 ({"type":"lbl"}), a button
 * and a number; one callback reading all of them, with ALL deps. */
static NdApp *
wildcard_app_new (Recorder *rec)
{
  NdApp *app = nd_app_new ("org.ndash.test.ContextWildcards");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn", "n_clicks", 0),
    nd_dcc_input ("id", nd_dict ("type", "in", "index", 0), "value", "x"),
    nd_dcc_input ("id", nd_dict ("type", "in", "index", 1), "value", "y"),
    nd_dcc_input ("id", nd_dict ("type", "in", "index", 2), "value", "z"),
    nd_dcc_input ("id", "n", "type", "number", "value", 3),
    nd_html_div ("L0", "id", nd_dict ("type", "lbl", "index", 0)),
    nd_html_div ("L1", "id", nd_dict ("type", "lbl", "index", 1)),
    nd_html_div ("id", "total"))));
  nd_app_callback_data (app, wildcard_total, rec,
                        nd_output ("total", "children"),
                        nd_input ("btn", "n_clicks"),
                        nd_input (nd_dict ("type", "in", "index", ND_ALL), "value"),
                        nd_state ("n", "value"),
                        nd_state (nd_dict ("type", "lbl", "index", ND_ALL), "children"),
                        nd_state (nd_dict ("type", "none", "index", ND_ALL), "value"),
                        nd_prevent_initial_call ());
  return app;
}

static JsonNode *
in_id (gint64 i)
{
  return nd_dict ("index", i, "type", "in");
}

static JsonNode *
lbl_id (gint64 i)
{
  return nd_dict ("index", i, "type", "lbl");
}

static void
test_multi_valued_deps_are_lists (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  app = wildcard_app_new (&rec);
  session = start_session (app);
  nd_session_user_set (session, "btn", "n_clicks", 1);
  run (session);
  assert_no_errors (session);
  g_assert_cmpuint (n_seen (&rec, "wildcard_total"), ==, 1);

  s = last_seen (&rec, "wildcard_total");
  assert_json (s->inputs_list, nd_list (
    dep (nd_str ("btn"), "n_clicks", nd_int (1)),
    nd_list (dep (in_id (0), "value", nd_str ("x")),
             dep (in_id (1), "value", nd_str ("y")),
             dep (in_id (2), "value", nd_str ("z")))));
  /* An ALL that matches nothing is an empty list, not a missing item. */
  assert_json (s->states_list, nd_list (
    dep (nd_str ("n"), "value", nd_int (3)),
    nd_list (dep (lbl_id (0), "children", nd_str ("L0")),
             dep (lbl_id (1), "children", nd_str ("L1"))),
    nd_list ()));
  assert_json (s->args, nd_list (1, nd_list ("x", "y", "z"), 3, nd_list ("L0", "L1"), nd_list ()));
  g_assert_cmpstr (nd_session_get_prop_string (session, "total", "children"), ==, "3");
}

static void
dup_writer (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *n = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("%s %s", nd_callback_context_get_callback_name (ctx), n));
}

static void
test_allow_duplicate_output_keeps_hash (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ContextHash");
  g_autoptr(NdSession) session = NULL;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "btn-a.n_clicks.extra.value", -1);
  g_autofree char *property = g_strconcat ("children@", hash, NULL);
  g_autofree char *key = g_strconcat ("out.", property, NULL);
  NdCallback *cb;
  Seen *s;

  recorder_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("A", "id", "btn-a", "n_clicks", 0),
    nd_dcc_input ("id", "extra", "value", "e"),
    nd_html_div ("id", "out"))));
  cb = nd_app_callback_data (app, dup_writer, &rec,
                             nd_allow_duplicate (nd_output ("out", "children")),
                             nd_input ("btn-a", "n_clicks"),
                             nd_input ("extra", "value"),
                             nd_prevent_initial_call ());
  g_assert_nonnull (cb);
  session = start_session (app);
  nd_session_user_set (session, "btn-a", "n_clicks", 1);
  run (session);

  /* The key names the hash of the Inputs; the request's output keeps it. */
  g_assert_cmpstr (nd_callback_get_output_key (cb), ==, key);
  s = last_seen (&rec, "dup_writer");
  assert_json (s->outputs_list, nd_dict ("id", "out", "property", property));
  g_assert_cmpstr (nd_session_get_prop_string (session, "out", "children"), ==, "dup_writer 1");
  assert_no_errors (session);
}

static void
test_changed_prop_ids_insertion_order (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ContextOrder");
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "a", "value", "1"),
    nd_dcc_input ("id", "b", "value", "1"),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, echo_first, &rec,
                        nd_output ("out", "children"),
                        nd_input ("a", "value"),
                        nd_input ("b", "value"),
                        nd_prevent_initial_call ());
  session = start_session (app);

  /* b first, then a, before the scheduler gets a turn: one merged call,
   * triggers in the order they were requested, not declaration order. */
  nd_session_user_set (session, "b", "value", "2");
  nd_session_user_set (session, "a", "value", "2");
  run (session);
  g_assert_cmpuint (n_seen (&rec, "echo_first"), ==, 1);
  s = last_seen (&rec, "echo_first");
  g_assert_cmpuint (g_strv_length (s->triggered_prop_ids), ==, 2);
  g_assert_cmpstr (s->triggered_prop_ids[0], ==, "b.value");
  g_assert_cmpstr (s->triggered_prop_ids[1], ==, "a.value");
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", "b.value", "value", "2"),
                                      nd_dict ("prop_id", "a.value", "value", "2")));
  assert_json (s->triggered_id, nd_str ("b"));

  nd_session_user_set (session, "a", "value", "3");
  nd_session_user_set (session, "b", "value", "3");
  run (session);
  g_assert_cmpuint (n_seen (&rec, "echo_first"), ==, 2);
  s = last_seen (&rec, "echo_first");
  g_assert_cmpuint (g_strv_length (s->triggered_prop_ids), ==, 2);
  g_assert_cmpstr (s->triggered_prop_ids[0], ==, "a.value");
  g_assert_cmpstr (s->triggered_prop_ids[1], ==, "b.value");
  assert_json (s->triggered_id, nd_str ("a"));
  assert_no_errors (session);
}

/* ================= §7 return shapes ================= */

/* Returns per the "mode" input: two good values, or a wrong count. */
static void
two_outputs (NdCallbackContext *ctx, gpointer user_data)
{
  const char *mode = nd_callback_context_get_arg_string (ctx, 0);

  record (ctx, user_data);
  if (g_strcmp0 (mode, "one") == 0)
    nd_return (ctx, "only");
  else if (g_strcmp0 (mode, "three") == 0)
    nd_return (ctx, "1", "2", "3");
  else if (g_strcmp0 (mode, "unset") == 0)
    nd_callback_context_set_output (ctx, 0, nd_str ("first only"));
  else
    nd_return (ctx, nd_strf ("A:%s", mode), nd_strf ("B:%s", mode));
}

static NdApp *
two_outputs_app (Recorder *rec)
{
  NdApp *app = nd_app_new ("org.ndash.test.ContextTwoOutputs");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "mode", "value", "ok"),
    nd_html_div ("id", "a"),
    nd_html_div ("id", "b"),
    nd_html_div ("id", "log"))));
  nd_app_callback_data (app, two_outputs, rec,
                        nd_output ("a", "children"),
                        nd_output ("b", "children"),
                        nd_input ("mode", "value"));
  nd_app_callback_data (app, echo_first, rec,
                        nd_output ("log", "children"),
                        nd_input ("a", "children"),
                        nd_prevent_initial_call ());
  return app;
}

static void
test_list_of_outputs (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;

  recorder_init (&rec);
  app = two_outputs_app (&rec);
  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpstr (nd_session_get_prop_string (session, "a", "children"), ==, "A:ok");
  g_assert_cmpstr (nd_session_get_prop_string (session, "b", "children"), ==, "B:ok");
  assert_json (last_seen (&rec, "two_outputs")->outputs_list,
               nd_list (nd_dict ("id", "a", "property", "children"),
                        nd_dict ("id", "b", "property", "children")));

  nd_session_user_set (session, "mode", "value", "go");
  run (session);
  assert_no_errors (session);
  g_assert_cmpstr (nd_session_get_prop_string (session, "a", "children"), ==, "A:go");
  g_assert_cmpstr (nd_session_get_prop_string (session, "b", "children"), ==, "B:go");
  g_assert_cmpstr (nd_session_get_prop_string (session, "log", "children"), ==, "echo_first: A:go");
}

static void
test_wrong_output_count_is_error (void)
{
  const char *modes[] = { "one", "three", "unset" };
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;

  recorder_init (&rec);
  app = two_outputs_app (&rec);
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(NdSession) session = start_session (app);
      guint log_runs = n_seen (&rec, "echo_first");
      NdCallbackError *e;

      g_test_message ("mode %s", modes[i]);
      nd_session_user_set (session, "mode", "value", modes[i]);
      run (session);

      /* Nothing applied, nothing downstream, an error naming the callback. */
      g_assert_cmpstr (nd_session_get_prop_string (session, "a", "children"), ==, "A:ok");
      g_assert_cmpstr (nd_session_get_prop_string (session, "b", "children"), ==, "B:ok");
      g_assert_cmpuint (n_seen (&rec, "echo_first"), ==, log_runs);
      e = only_error (session);
      g_assert_cmpstr (e->callback_name, ==, "two_outputs");
      g_assert_cmpstr (e->outputs, ==, "a.children, b.children");
      g_assert_nonnull (strstr (e->message, "two_outputs"));
    }
}

/* Writes the ALL output and a total, or wrong shapes per "mode". */
static void
fill_all (NdCallbackContext *ctx, gpointer user_data)
{
  const char *mode = nd_callback_context_get_arg_string (ctx, 0);

  record (ctx, user_data);
  if (g_strcmp0 (mode, "short") == 0)
    nd_return (ctx, nd_list ("only"), "1");
  else if (g_strcmp0 (mode, "bare") == 0)
    nd_return (ctx, "not a list", "1");
  else if (g_strcmp0 (mode, "skip-1") == 0)
    nd_return (ctx, nd_list ("s0", nd_no_update (), "s2"), "skip");
  else
    nd_return (ctx, nd_list (nd_strf ("%s0", mode), nd_strf ("%s1", mode), nd_strf ("%s2", mode)), "3");
}

static JsonNode *
o_id (gint64 i)
{
  return nd_dict ("index", i, "type", "o");
}

static NdApp *
all_output_app (Recorder *rec)
{
  NdApp *app = nd_app_new ("org.ndash.test.ContextAllOutput");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "mode", "value", "v"),
    nd_html_div ("id", nd_dict ("type", "o", "index", 0)),
    nd_html_div ("id", nd_dict ("type", "o", "index", 1)),
    nd_html_div ("id", nd_dict ("type", "o", "index", 2)),
    nd_html_div ("id", nd_dict ("type", "echo", "index", 0)),
    nd_html_div ("id", nd_dict ("type", "echo", "index", 1)),
    nd_html_div ("id", nd_dict ("type", "echo", "index", 2)),
    nd_html_div ("id", "total"))));
  nd_app_callback_data (app, fill_all, rec,
                        nd_output (nd_dict ("type", "o", "index", ND_ALL), "children"),
                        nd_output ("total", "children"),
                        nd_input ("mode", "value"));
  /* Per item: reacts only to updates of its own item. */
  nd_app_callback_data (app, echo_first, rec,
                        nd_output (nd_dict ("type", "echo", "index", ND_MATCH), "children"),
                        nd_input (nd_dict ("type", "o", "index", ND_MATCH), "children"),
                        nd_prevent_initial_call ());
  return app;
}

static void
test_all_output_nested_list (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;

  recorder_init (&rec);
  app = all_output_app (&rec);
  session = start_session (app);
  assert_no_errors (session);
  for (gint64 i = 0; i < 3; i++)
    {
      g_autofree char *expected = g_strdup_printf ("v%" G_GINT64_FORMAT, i);
      assert_json (item_prop (session, "o", i, "children"), nd_str (expected));
    }
  g_assert_cmpstr (nd_session_get_prop_string (session, "total", "children"), ==, "3");
  assert_json (last_seen (&rec, "fill_all")->outputs_list,
               nd_list (nd_list (nd_dict ("id", o_id (0), "property", "children"),
                                 nd_dict ("id", o_id (1), "property", "children"),
                                 nd_dict ("id", o_id (2), "property", "children")),
                        nd_dict ("id", "total", "property", "children")));

  /* A list of the wrong length, or a bare value, for the ALL output. */
  nd_session_user_set (session, "mode", "value", "short");
  run (session);
  g_assert_cmpuint (nd_session_get_errors (session)->len, ==, 1);
  nd_session_user_set (session, "mode", "value", "bare");
  run (session);
  g_assert_cmpuint (nd_session_get_errors (session)->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      NdCallbackError *e = g_ptr_array_index (nd_session_get_errors (session), i);
      g_assert_cmpstr (e->callback_name, ==, "fill_all");
    }
  assert_json (item_prop (session, "o", 0, "children"), nd_str ("v0"));
  assert_json (item_prop (session, "o", 2, "children"), nd_str ("v2"));
  g_assert_cmpstr (nd_session_get_prop_string (session, "total", "children"), ==, "3");
}

static void
bare_list (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, nd_list (1, 2));
}

static void
test_single_output_bare_value (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ContextBare");
  g_autoptr(NdSession) session = NULL;

  recorder_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "value", "a"),
    nd_dcc_store ("id", "store"))));
  nd_app_callback_data (app, bare_list, &rec,
                        nd_output ("store", "data"),
                        nd_input ("in", "value"));
  session = start_session (app);
  assert_no_errors (session);
  /* The list is the value itself, not one value per output. */
  assert_json (prop (session, "store", "data"), nd_list (1, 2));
  assert_json (last_seen (&rec, "bare_list")->outputs_list, nd_dict ("id", "store", "property", "data"));
}

static void
test_allow_duplicate_last_applied_wins (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ContextDuplicate");
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("A", "id", "btn-a", "n_clicks", 0),
    nd_html_button ("B", "id", "btn-b", "n_clicks", 0),
    nd_html_div ("start", "id", "out"),
    nd_html_div ("id", "log"))));
  nd_app_add_callback_va (app, "write_a", dup_writer, &rec, 3,
                          nd_allow_duplicate (nd_output ("out", "children")),
                          nd_input ("btn-a", "n_clicks"),
                          nd_prevent_initial_call ());
  nd_app_add_callback_va (app, "write_b", dup_writer, &rec, 3,
                          nd_allow_duplicate (nd_output ("out", "children")),
                          nd_input ("btn-b", "n_clicks"),
                          nd_prevent_initial_call ());
  nd_app_callback_data (app, echo_first, &rec,
                        nd_output ("log", "children"),
                        nd_input ("out", "children"),
                        nd_prevent_initial_call ());
  session = start_session (app);
  assert_no_errors (session);

  nd_session_user_set (session, "btn-a", "n_clicks", 1);
  run (session);
  g_assert_cmpstr (nd_session_get_prop_string (session, "out", "children"), ==, "write_a 1");
  nd_session_user_set (session, "btn-b", "n_clicks", 1);
  run (session);
  g_assert_cmpstr (nd_session_get_prop_string (session, "out", "children"), ==, "write_b 1");
  nd_session_user_set (session, "btn-a", "n_clicks", 2);
  run (session);
  g_assert_cmpstr (nd_session_get_prop_string (session, "out", "children"), ==, "write_a 2");

  /* Each write fed the prop's readers, with the bare prop id as trigger. */
  g_assert_cmpuint (n_seen (&rec, "echo_first"), ==, 3);
  s = last_seen (&rec, "echo_first");
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", "out.children", "value", "write_a 2")));
  g_assert_cmpstr (nd_session_get_prop_string (session, "log", "children"), ==, "echo_first: write_a 2");
  assert_no_errors (session);
}

static void
notify (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *n = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_set_props (ctx, "out", "children", nd_strf ("clicked %s", n));
}

static void
test_no_output_acts_through_set_props (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ContextNoOutput");
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn", "n_clicks", 0),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "log"))));
  nd_app_callback_data (app, notify, &rec,
                        nd_input ("btn", "n_clicks"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, echo_first, &rec,
                        nd_output ("log", "children"),
                        nd_input ("out", "children"),
                        nd_prevent_initial_call ());
  session = start_session (app);
  g_assert_cmpuint (n_seen (&rec, "notify"), ==, 0);

  nd_session_user_set (session, "btn", "n_clicks", 1);
  run (session);
  assert_no_errors (session);
  g_assert_cmpuint (n_seen (&rec, "notify"), ==, 1);
  g_assert_cmpstr (nd_session_get_prop_string (session, "out", "children"), ==, "clicked 1");
  /* set_props triggers like user input (DIRECT). */
  g_assert_cmpstr (nd_session_get_prop_string (session, "log", "children"), ==, "echo_first: clicked 1");
  s = last_seen (&rec, "notify");
  assert_json (s->outputs_list, nd_list ());
  s = last_seen (&rec, "echo_first");
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", "out.children", "value", "clicked 1")));
}

/* ================= §8 the callback context ================= */

static NdApp *
city_app (Recorder *rec)
{
  NdApp *app = nd_app_new ("org.ndash.test.ContextCity");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_dropdown ("id", "dd", "value", "MTL",
                     "options", nd_list ("MTL", "NYC", "LA")),
    nd_html_div ("id", "x"),
    nd_html_div ("id", "y"))));
  nd_app_add_callback_va (app, "city", echo_first, rec, 2,
                          nd_output ("x", "children"),
                          nd_input ("dd", "value"));
  nd_app_add_callback_va (app, "downstream", echo_first, rec, 3,
                          nd_output ("y", "children"),
                          nd_input ("x", "children"),
                          nd_prevent_initial_call ());
  return app;
}

static void
test_triggered_empty_on_initial_call (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  app = city_app (&rec);
  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpuint (n_seen (&rec, "city"), ==, 1);
  s = last_seen (&rec, "city");

  /* Dash's falsy dummy: one {"prop_id": ".", "value": None} entry, while
   * the prop ids and triggered_id are empty. */
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", ".", "value", nd_null ())));
  g_assert_nonnull (s->triggered_prop_ids);
  g_assert_cmpuint (g_strv_length (s->triggered_prop_ids), ==, 0);
  g_assert_null (s->triggered_id);
  assert_json (s->args_grouping, nd_list (leaf (nd_str ("dd"), "value", nd_str ("MTL"), "dd", FALSE)));
}

static void
test_triggered_user_change (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  app = city_app (&rec);
  session = start_session (app);
  nd_session_user_set (session, "dd", "value", "NYC");
  run (session);
  assert_no_errors (session);
  g_assert_cmpuint (n_seen (&rec, "city"), ==, 2);
  s = last_seen (&rec, "city");
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", "dd.value", "value", "NYC")));
  g_assert_cmpuint (g_strv_length (s->triggered_prop_ids), ==, 1);
  g_assert_cmpstr (s->triggered_prop_ids[0], ==, "dd.value");
  assert_json (s->triggered_id, nd_str ("dd"));
  assert_json (s->inputs, nd_dict ("dd.value", "NYC"));
  assert_json (s->args_grouping, nd_list (leaf (nd_str ("dd"), "value", nd_str ("NYC"), "dd", TRUE)));
}

static void
test_triggered_upstream_change (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  app = city_app (&rec);
  session = start_session (app);
  nd_session_user_set (session, "dd", "value", "LA");
  run (session);
  assert_no_errors (session);
  g_assert_cmpstr (nd_session_get_prop_string (session, "y", "children"), ==, "downstream: city: LA");
  s = last_seen (&rec, "downstream");
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", "x.children", "value", "city: LA")));
  assert_json (s->triggered_id, nd_str ("x"));
  g_assert_cmpuint (g_strv_length (s->triggered_prop_ids), ==, 1);
  g_assert_cmpstr (s->triggered_prop_ids[0], ==, "x.children");
}

static void
test_states_list_empty_without_state (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  app = city_app (&rec);
  session = start_session (app);
  s = last_seen (&rec, "city");
  assert_json (s->states_list, nd_list ());
  assert_json (s->states, nd_dict ());
  assert_json (s->inputs_list, nd_list (dep (nd_str ("dd"), "value", nd_str ("MTL"))));
}

static void
pass_on (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("%s+", text));
}

/* §5.4's example: C waits for the chain A -> B and runs once with both
 * triggers, in the order they were requested. */
static void
test_triggered_merged_in_request_order (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ContextMerged");
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn", "n_clicks", 0),
    nd_dcc_input ("id", "z", "value", "z0"),
    nd_html_div ("id", "x"),
    nd_html_div ("id", "y"),
    nd_html_div ("id", "w"))));
  nd_app_add_callback_va (app, "A", pass_on, &rec, 3,
                          nd_output ("x", "children"), nd_input ("btn", "n_clicks"),
                          nd_prevent_initial_call ());
  nd_app_add_callback_va (app, "B", pass_on, &rec, 3,
                          nd_output ("y", "children"), nd_input ("x", "children"),
                          nd_prevent_initial_call ());
  nd_app_add_callback_va (app, "C", pass_on, &rec, 4,
                          nd_output ("w", "children"), nd_input ("y", "children"),
                          nd_input ("z", "value"), nd_prevent_initial_call ());
  session = start_session (app);

  nd_session_user_set (session, "btn", "n_clicks", 1);
  nd_session_user_set (session, "z", "value", "z1");
  run (session);
  assert_no_errors (session);
  g_assert_cmpuint (n_seen (&rec, "C"), ==, 1);
  s = last_seen (&rec, "C");
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", "z.value", "value", "z1"),
                                      nd_dict ("prop_id", "y.children", "value", "1++")));
  g_assert_cmpuint (g_strv_length (s->triggered_prop_ids), ==, 2);
  g_assert_cmpstr (s->triggered_prop_ids[0], ==, "z.value");
  g_assert_cmpstr (s->triggered_prop_ids[1], ==, "y.children");
  assert_json (s->triggered_id, nd_str ("z"));
  assert_json (s->args_grouping, nd_list (leaf (nd_str ("y"), "children", nd_str ("1++"), "y", TRUE),
                                          leaf (nd_str ("z"), "value", nd_str ("z1"), "z", TRUE)));
}

static void
match_echo (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("%s/%u", text, json_array_get_length (json_node_get_array (nd_arg (ctx, 1)))));
}

static void
test_triggered_match_input (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ContextMatch");
  g_autoptr(NdSession) session = NULL;
  const char *in2 = "{\"index\":2,\"type\":\"in\"}";
  g_autofree char *in2_value = g_strconcat (in2, ".value", NULL);
  Seen *s;

  recorder_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", nd_dict ("type", "in", "index", 0), "value", "a"),
    nd_dcc_input ("id", nd_dict ("type", "in", "index", 1), "value", "b"),
    nd_dcc_input ("id", nd_dict ("type", "in", "index", 2), "value", "c"),
    nd_html_div ("id", nd_dict ("type", "out", "index", 0)),
    nd_html_div ("id", nd_dict ("type", "out", "index", 1)),
    nd_html_div ("id", nd_dict ("type", "out", "index", 2)))));
  nd_app_callback_data (app, match_echo, &rec,
                        nd_output (nd_dict ("type", "out", "index", ND_MATCH), "children"),
                        nd_input (nd_dict ("type", "in", "index", ND_MATCH), "value"),
                        nd_state (nd_dict ("type", "in", "index", ND_ALLSMALLER), "value"),
                        nd_prevent_initial_call ());
  session = start_session (app);

  user_set_item (session, "in", 2, "value", nd_str ("C"));
  run (session);
  assert_no_errors (session);
  g_assert_cmpuint (n_seen (&rec, "match_echo"), ==, 1);
  assert_json (item_prop (session, "out", 2, "children"), nd_str ("C/2"));
  g_assert_true (nd_json_is_null (item_prop (session, "out", 1, "children")));

  s = last_seen (&rec, "match_echo");
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", in2_value, "value", "C")));
  g_assert_cmpuint (g_strv_length (s->triggered_prop_ids), ==, 1);
  g_assert_cmpstr (s->triggered_prop_ids[0], ==, in2_value);
  /* triggered_id is the parsed dict, not its text. */
  assert_json (s->triggered_id, in_id (2));
  assert_json (s->outputs_list, nd_dict ("id", nd_dict ("index", 2, "type", "out"), "property", "children"));
  assert_json (s->inputs_list, nd_list (dep (in_id (2), "value", nd_str ("C"))));
  assert_json (s->states_list, nd_list (nd_list (dep (in_id (0), "value", nd_str ("a")),
                                                 dep (in_id (1), "value", nd_str ("b")))));
  assert_json (s->inputs, nd_dict (in2_value, "C"));
  assert_json (s->states, nd_dict ("{\"index\":0,\"type\":\"in\"}.value", "a",
                                   "{\"index\":1,\"type\":\"in\"}.value", "b"));
  assert_json (s->args_grouping, nd_list (
    leaf (in_id (2), "value", nd_str ("C"), in2, TRUE),
    nd_list (leaf (in_id (0), "value", nd_str ("a"), "{\"index\":0,\"type\":\"in\"}", FALSE),
             leaf (in_id (1), "value", nd_str ("b"), "{\"index\":1,\"type\":\"in\"}", FALSE))));
}

static void
make_page (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, nd_html_div (nd_list (nd_dcc_input ("id", "q", "value", "hi"),
                                        nd_html_div ("id", "inner"))));
}

static void
test_triggered_inserted_component (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ContextInserted");
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  nd_app_set_suppress_callback_exceptions (app, TRUE);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "go", "n_clicks", 0),
    nd_html_div ("id", "page"),
    nd_html_div ("id", "title"))));
  nd_app_callback_data (app, make_page, &rec,
                        nd_output ("page", "children"),
                        nd_input ("go", "n_clicks"),
                        nd_prevent_initial_call ());
  /* Output outside the chunk: fires because q appeared (§4.4 rule 2). */
  nd_app_add_callback_va (app, "title", echo_first, &rec, 3,
                          nd_output ("title", "children"),
                          nd_input ("q", "value"),
                          nd_prevent_initial_call ());
  /* Output inside the chunk: an initial call (§4.4 rule 1). */
  nd_app_add_callback_va (app, "inner", echo_first, &rec, 2,
                          nd_output ("inner", "children"),
                          nd_input ("q", "value"));
  session = start_session (app);
  g_assert_cmpuint (n_seen (&rec, "title"), ==, 0);
  g_assert_cmpuint (n_seen (&rec, "inner"), ==, 0);

  nd_session_user_set (session, "go", "n_clicks", 1);
  run (session);
  assert_no_errors (session);
  g_assert_cmpuint (n_seen (&rec, "title"), ==, 1);
  s = last_seen (&rec, "title");
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", "q.value", "value", "hi")));
  assert_json (s->triggered_id, nd_str ("q"));
  g_assert_cmpstr (nd_session_get_prop_string (session, "title", "children"), ==, "title: hi");

  g_assert_cmpuint (n_seen (&rec, "inner"), ==, 1);
  s = last_seen (&rec, "inner");
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", ".", "value", nd_null ())));
  g_assert_cmpuint (g_strv_length (s->triggered_prop_ids), ==, 0);
  g_assert_null (s->triggered_id);
  g_assert_cmpstr (nd_session_get_prop_string (session, "inner", "children"), ==, "inner: hi");
}

static void
clear_items (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, nd_list ());
}

static void
count_items (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, nd_strf ("%u items", json_array_get_length (json_node_get_array (nd_arg (ctx, 0)))));
}

static void
test_triggered_empty_when_all_items_removed (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ContextRemoved");
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Clear", "id", "clear", "n_clicks", 0),
    nd_html_div (nd_list (
      nd_dcc_input ("id", nd_dict ("type", "item", "index", 0), "value", "a"),
      nd_dcc_input ("id", nd_dict ("type", "item", "index", 1), "value", "b")),
      "id", "items"),
    nd_html_div ("id", "summary"))));
  nd_app_callback_data (app, clear_items, &rec,
                        nd_output ("items", "children"),
                        nd_input ("clear", "n_clicks"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, count_items, &rec,
                        nd_output ("summary", "children"),
                        nd_input (nd_dict ("type", "item", "index", ND_ALL), "value"));
  session = start_session (app);
  g_assert_cmpstr (nd_session_get_prop_string (session, "summary", "children"), ==, "2 items");

  nd_session_user_set (session, "clear", "n_clicks", 1);
  run (session);
  assert_no_errors (session);
  g_assert_cmpuint (n_seen (&rec, "count_items"), ==, 2);
  g_assert_cmpstr (nd_session_get_prop_string (session, "summary", "children"), ==, "0 items");
  s = last_seen (&rec, "count_items");
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", ".", "value", nd_null ())));
  g_assert_cmpuint (g_strv_length (s->triggered_prop_ids), ==, 0);
  g_assert_null (s->triggered_id);
  assert_json (s->inputs_list, nd_list (nd_list ()));
}

static void
test_inputs_and_states_flattened (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  app = wildcard_app_new (&rec);
  session = start_session (app);
  user_set_item (session, "in", 1, "value", nd_str ("Y"));
  run (session);
  assert_no_errors (session);
  s = last_seen (&rec, "wildcard_total");
  assert_json (s->inputs, nd_dict ("btn.n_clicks", 0,
                                   "{\"index\":0,\"type\":\"in\"}.value", "x",
                                   "{\"index\":1,\"type\":\"in\"}.value", "Y",
                                   "{\"index\":2,\"type\":\"in\"}.value", "z"));
  assert_json (s->states, nd_dict ("n.value", 3,
                                   "{\"index\":0,\"type\":\"lbl\"}.children", "L0",
                                   "{\"index\":1,\"type\":\"lbl\"}.children", "L1"));
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", "{\"index\":1,\"type\":\"in\"}.value", "value", "Y")));
}

static void
test_args_grouping_leaves (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;
  Seen *s;

  recorder_init (&rec);
  app = wildcard_app_new (&rec);
  session = start_session (app);
  user_set_item (session, "in", 1, "value", nd_str ("Y"));
  run (session);
  assert_no_errors (session);
  s = last_seen (&rec, "wildcard_total");
  assert_json (s->args_grouping, nd_list (
    leaf (nd_str ("btn"), "n_clicks", nd_int (0), "btn", FALSE),
    nd_list (leaf (in_id (0), "value", nd_str ("x"), "{\"index\":0,\"type\":\"in\"}", FALSE),
             leaf (in_id (1), "value", nd_str ("Y"), "{\"index\":1,\"type\":\"in\"}", TRUE),
             leaf (in_id (2), "value", nd_str ("z"), "{\"index\":2,\"type\":\"in\"}", FALSE)),
    leaf (nd_str ("n"), "value", nd_int (3), "n", FALSE),
    nd_list (leaf (lbl_id (0), "children", nd_str ("L0"), "{\"index\":0,\"type\":\"lbl\"}", FALSE),
             leaf (lbl_id (1), "children", nd_str ("L1"), "{\"index\":1,\"type\":\"lbl\"}", FALSE)),
    nd_list ()));

  nd_session_user_set (session, "btn", "n_clicks", 1);
  run (session);
  s = last_seen (&rec, "wildcard_total");
  assert_json (json_array_get_element (json_node_get_array (s->args_grouping), 0),
               leaf (nd_str ("btn"), "n_clicks", nd_int (1), "btn", TRUE));
  assert_json (json_array_get_element (json_node_get_array (s->args_grouping), 1),
               nd_list (leaf (in_id (0), "value", nd_str ("x"), "{\"index\":0,\"type\":\"in\"}", FALSE),
                        leaf (in_id (1), "value", nd_str ("Y"), "{\"index\":1,\"type\":\"in\"}", FALSE),
                        leaf (in_id (2), "value", nd_str ("z"), "{\"index\":2,\"type\":\"in\"}", FALSE)));
}

static void
one_of_two (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, "1", "2");
}

static void
test_outputs_list_shapes (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ContextOutputs");
  g_autoptr(NdSession) session = NULL;

  recorder_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "value", "v"),
    nd_html_div ("id", "single"),
    nd_html_div ("id", "listed"),
    nd_html_div ("id", "p"),
    nd_html_div ("id", "q"),
    nd_html_div ("id", nd_dict ("type", "o", "index", 0)),
    nd_html_div ("id", nd_dict ("type", "o", "index", 1)))));
  nd_app_add_callback_va (app, "single", echo_first, &rec, 2,
                          nd_output ("single", "children"), nd_input ("in", "value"));
  nd_app_add_callback_va (app, "listed", echo_first, &rec, 3,
                          nd_output ("listed", "children"), nd_input ("in", "value"),
                          nd_outputs_as_list ());
  nd_app_add_callback_va (app, "pair", one_of_two, &rec, 3,
                          nd_output ("p", "children"), nd_output ("q", "children"),
                          nd_input ("in", "value"));
  nd_app_add_callback_va (app, "all", bare_list, &rec, 2,
                          nd_output (nd_dict ("type", "o", "index", ND_ALL), "children"),
                          nd_input ("in", "value"));
  nd_app_add_callback_va (app, "none", only_record, &rec, 1,
                          nd_input ("in", "value"));
  session = start_session (app);
  assert_no_errors (session);

  assert_json (last_seen (&rec, "single")->outputs_list,
               nd_dict ("id", "single", "property", "children"));
  assert_json (last_seen (&rec, "listed")->outputs_list,
               nd_list (nd_dict ("id", "listed", "property", "children")));
  assert_json (last_seen (&rec, "pair")->outputs_list,
               nd_list (nd_dict ("id", "p", "property", "children"),
                        nd_dict ("id", "q", "property", "children")));
  assert_json (last_seen (&rec, "all")->outputs_list,
               nd_list (nd_list (nd_dict ("id", o_id (0), "property", "children"),
                                 nd_dict ("id", o_id (1), "property", "children"))));
  assert_json (last_seen (&rec, "none")->outputs_list, nd_list ());
  g_assert_cmpstr (nd_session_get_prop_string (session, "listed", "children"), ==, "listed: v");
}

static void
test_no_context_outside_callback (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;
  g_autoptr(GError) error = NULL;

  recorder_init (&rec);
  g_assert_null (nd_callback_context_get_current (&error));
  g_assert_error (error, ND_ERROR, ND_ERROR_NO_CONTEXT);
  g_clear_error (&error);

  /* Inline: the callbacks run on this very thread, which must not keep a
   * context once they are done. */
  app = city_app (&rec);
  nd_app_set_threading (app, ND_THREADING_INLINE);
  session = start_session (app);
  nd_session_user_set (session, "dd", "value", "NYC");
  run (session);
  g_assert_cmpuint (n_seen (&rec, "downstream"), ==, 2);
  g_assert_true (last_seen (&rec, "city")->current_is_ctx);
  g_assert_true (last_seen (&rec, "downstream")->current_is_ctx);
  g_assert_null (nd_callback_context_get_current (&error));
  g_assert_error (error, ND_ERROR, ND_ERROR_NO_CONTEXT);
}

/* The mirror path: the context is built from the request body itself. */
static void
test_http_context_is_the_request (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ContextHttp");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) outputs = NULL, inputs = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *hash = g_compute_checksum_for_string (
    G_CHECKSUM_SHA256, "{\"index\":[\"ALL\"],\"type\":\"in\"}.value.btn.n_clicks", -1);
  g_autofree char *dup_prop = g_strconcat ("children@", hash, NULL);
  NdCallback *cb;
  guint status;
  Seen *s;

  recorder_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn", "n_clicks", 0),
    nd_html_div ("id", "log"),
    nd_html_div ("id", "out"))));
  cb = nd_app_callback_data (app, one_of_two, &rec,
                             nd_output ("log", "children"),
                             nd_allow_duplicate (nd_output ("out", "children")),
                             nd_input (nd_dict ("type", "in", "index", ND_ALL), "value"),
                             nd_input ("btn", "n_clicks"),
                             nd_prevent_initial_call ());
  g_assert_nonnull (cb);
  g_assert_true (nd_app_validate (app, &error));
  g_assert_no_error (error);

  outputs = nd_list (nd_dict ("id", "log", "property", "children"),
                     nd_dict ("id", "out", "property", dup_prop));
  inputs = nd_list (nd_list (dep (in_id (0), "value", nd_str ("p")),
                             dep (in_id (1), "value", nd_str ("q"))),
                    dep (nd_str ("btn"), "n_clicks", nd_int (4)));
  /* No "state" key; one trigger is not an Input of the callback. */
  answer = post (app, nd_dict ("output", nd_callback_get_output_key (cb),
                               "outputs", nd_json_deep_copy (outputs),
                               "inputs", nd_json_deep_copy (inputs),
                               "changedPropIds", nd_list ("{\"index\":1,\"type\":\"in\"}.value", "other.value"),
                               "parsedChangedPropsIds", nd_list (in_id (1), "other.value")),
                 &status);
  g_assert_cmpuint (status, ==, 200);
  s = last_seen (&rec, "one_of_two");
  assert_json (s->outputs_list, json_node_ref (outputs));
  assert_json (s->inputs_list, json_node_ref (inputs));
  assert_json (s->states_list, nd_list ());
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", "{\"index\":1,\"type\":\"in\"}.value", "value", "q"),
                                      nd_dict ("prop_id", "other.value", "value", nd_null ())));
  assert_json (s->triggered_id, in_id (1));
  g_assert_cmpuint (g_strv_length (s->triggered_prop_ids), ==, 2);
  assert_json (s->args, nd_list (nd_list ("p", "q"), 4));
  /* The answer writes the prop without its @hash. */
  assert_json_answer (answer,
               nd_dict ("multi", nd_bool (TRUE),
                        "response", nd_dict ("log", nd_dict ("children", "1"),
                                             "out", nd_dict ("children", "2"))));
  g_clear_pointer (&answer, g_free);

  /* An initial call over the wire: the same falsy dummy. */
  answer = post (app, nd_dict ("output", nd_callback_get_output_key (cb),
                               "outputs", nd_json_deep_copy (outputs),
                               "inputs", nd_json_deep_copy (inputs),
                               "changedPropIds", nd_list (),
                               "parsedChangedPropsIds", nd_list ()),
                 &status);
  g_assert_cmpuint (status, ==, 200);
  s = last_seen (&rec, "one_of_two");
  assert_json (s->triggered, nd_list (nd_dict ("prop_id", ".", "value", nd_null ())));
  g_assert_null (s->triggered_id);
  g_assert_cmpuint (g_strv_length (s->triggered_prop_ids), ==, 0);
}

/* ================= §9 stopping updates, errors ================= */

/* Sets a side prop first, then stops or fails as the button's count says:
 * 1 PreventUpdate, 2 whole no_update, 3 no_update for "a" only, 4 raise. */
static void
guarded (NdCallbackContext *ctx, gpointer user_data)
{
  gint64 n = nd_callback_context_get_arg_int (ctx, 0, -1);

  record (ctx, user_data);
  nd_set_props (ctx, "side", "children", nd_strf ("side %" G_GINT64_FORMAT, n));
  switch (n)
    {
    case 1:
      nd_callback_context_prevent_update (ctx);
      break;
    case 2:
      nd_return (ctx, nd_no_update ());
      break;
    case 3:
      nd_return (ctx, nd_no_update (), "b3");
      break;
    case 4:
      nd_callback_context_raise (ctx, "boom %d%% %s", 4, "<&>");
      break;
    default:
      nd_return (ctx, nd_strf ("a%" G_GINT64_FORMAT, n), nd_strf ("b%" G_GINT64_FORMAT, n));
      break;
    }
}

static NdApp *
guarded_app (Recorder *rec, NdCallback **cb_out)
{
  NdApp *app = nd_app_new ("org.ndash.test.ContextGuarded");
  NdCallback *cb;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn", "n_clicks", 0),
    nd_html_div ("a0", "id", "a"),
    nd_html_div ("b0", "id", "b"),
    nd_html_div ("side0", "id", "side"),
    nd_html_div ("id", "watch-a"),
    nd_html_div ("id", "watch-b"),
    nd_html_div ("id", "watch-side"))));
  cb = nd_app_callback_data (app, guarded, rec,
                             nd_output ("a", "children"),
                             nd_output ("b", "children"),
                             nd_input ("btn", "n_clicks"),
                             nd_prevent_initial_call ());
  nd_app_add_callback_va (app, "watch_a", echo_first, rec, 3,
                          nd_output ("watch-a", "children"), nd_input ("a", "children"),
                          nd_prevent_initial_call ());
  nd_app_add_callback_va (app, "watch_b", echo_first, rec, 3,
                          nd_output ("watch-b", "children"), nd_input ("b", "children"),
                          nd_prevent_initial_call ());
  nd_app_add_callback_va (app, "watch_side", echo_first, rec, 3,
                          nd_output ("watch-side", "children"), nd_input ("side", "children"),
                          nd_prevent_initial_call ());
  if (cb_out)
    *cb_out = cb;
  return app;
}

static NdSession *
click_guarded (Recorder *rec, NdApp *app, gint64 n_clicks)
{
  NdSession *session = start_session (app);

  nd_session_user_set (session, "btn", "n_clicks", n_clicks);
  run (session);
  g_assert_cmpuint (n_seen (rec, "guarded"), >=, 1);
  return session;
}

static void
test_prevent_update_nothing_updated (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;

  recorder_init (&rec);
  app = guarded_app (&rec, NULL);
  session = click_guarded (&rec, app, 1);
  assert_no_errors (session);
  g_assert_cmpstr (nd_session_get_prop_string (session, "a", "children"), ==, "a0");
  g_assert_cmpstr (nd_session_get_prop_string (session, "b", "children"), ==, "b0");
  g_assert_cmpuint (n_seen (&rec, "watch_a"), ==, 0);
  g_assert_cmpuint (n_seen (&rec, "watch_b"), ==, 0);

  /* The same callback updating shows the watchers are wired. */
  nd_session_user_set (session, "btn", "n_clicks", 5);
  run (session);
  g_assert_cmpstr (nd_session_get_prop_string (session, "a", "children"), ==, "a5");
  g_assert_cmpuint (n_seen (&rec, "watch_a"), ==, 1);
  g_assert_cmpuint (n_seen (&rec, "watch_b"), ==, 1);
}

static void
test_prevent_update_drops_set_props (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;

  recorder_init (&rec);
  app = guarded_app (&rec, NULL);
  session = click_guarded (&rec, app, 1);
  assert_no_errors (session);
  g_assert_cmpstr (nd_session_get_prop_string (session, "side", "children"), ==, "side0");
  g_assert_cmpuint (n_seen (&rec, "watch_side"), ==, 0);
}

static void
test_no_update_whole_applies_side_updates (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;

  recorder_init (&rec);
  app = guarded_app (&rec, NULL);
  session = click_guarded (&rec, app, 2);
  assert_no_errors (session);
  g_assert_cmpstr (nd_session_get_prop_string (session, "a", "children"), ==, "a0");
  g_assert_cmpstr (nd_session_get_prop_string (session, "b", "children"), ==, "b0");
  g_assert_cmpuint (n_seen (&rec, "watch_a"), ==, 0);
  g_assert_cmpuint (n_seen (&rec, "watch_b"), ==, 0);
  g_assert_cmpstr (nd_session_get_prop_string (session, "side", "children"), ==, "side 2");
  g_assert_cmpuint (n_seen (&rec, "watch_side"), ==, 1);
  g_assert_cmpstr (nd_session_get_prop_string (session, "watch-side", "children"), ==, "watch_side: side 2");
}

static void
test_no_update_some_outputs (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;

  recorder_init (&rec);
  app = guarded_app (&rec, NULL);
  session = click_guarded (&rec, app, 3);
  assert_no_errors (session);
  g_assert_cmpstr (nd_session_get_prop_string (session, "a", "children"), ==, "a0");
  g_assert_cmpstr (nd_session_get_prop_string (session, "b", "children"), ==, "b3");
  g_assert_cmpuint (n_seen (&rec, "watch_a"), ==, 0);
  g_assert_cmpuint (n_seen (&rec, "watch_b"), ==, 1);
  assert_json (last_seen (&rec, "watch_b")->triggered,
               nd_list (nd_dict ("prop_id", "b.children", "value", "b3")));
}

static void
test_no_update_some_all_items (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;
  g_autoptr(GHashTable) fired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  recorder_init (&rec);
  app = all_output_app (&rec);
  session = start_session (app);
  g_mutex_lock (&rec.lock);
  g_ptr_array_set_size (rec.seen, 0);
  g_mutex_unlock (&rec.lock);

  nd_session_user_set (session, "mode", "value", "skip-1");
  run (session);
  assert_no_errors (session);
  assert_json (item_prop (session, "o", 0, "children"), nd_str ("s0"));
  assert_json (item_prop (session, "o", 1, "children"), nd_str ("v1"));
  assert_json (item_prop (session, "o", 2, "children"), nd_str ("s2"));
  g_assert_cmpstr (nd_session_get_prop_string (session, "total", "children"), ==, "skip");

  /* Only the updated items' echo callbacks ran. */
  g_assert_cmpuint (n_seen (&rec, "echo_first"), ==, 2);
  for (guint i = 0; i < rec.seen->len; i++)
    {
      Seen *s = g_ptr_array_index (rec.seen, i);
      if (g_strcmp0 (s->name, "echo_first") == 0)
        g_hash_table_add (fired, g_strdup (s->triggered_prop_ids[0]));
    }
  g_assert_true (g_hash_table_contains (fired, "{\"index\":0,\"type\":\"o\"}.children"));
  g_assert_true (g_hash_table_contains (fired, "{\"index\":2,\"type\":\"o\"}.children"));
  assert_json (item_prop (session, "echo", 1, "children"), nd_str ("echo_first: v1"));
  assert_json (item_prop (session, "echo", 2, "children"), nd_str ("echo_first: s2"));
}

static void
test_raise_records_error (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) session = NULL;
  NdCallbackError *e;

  recorder_init (&rec);
  app = guarded_app (&rec, NULL);
  session = click_guarded (&rec, app, 4);
  g_assert_cmpstr (nd_session_get_prop_string (session, "a", "children"), ==, "a0");
  g_assert_cmpstr (nd_session_get_prop_string (session, "b", "children"), ==, "b0");
  g_assert_cmpuint (n_seen (&rec, "watch_a"), ==, 0);
  g_assert_cmpuint (n_seen (&rec, "watch_b"), ==, 0);

  e = only_error (session);
  g_assert_cmpstr (e->callback_name, ==, "guarded");
  g_assert_cmpstr (e->outputs, ==, "a.children, b.children");
  g_assert_nonnull (strstr (e->message, "boom 4% <&>"));
  g_assert_cmpint (e->time_us, >, 0);

  /* The session carries on. */
  nd_session_user_set (session, "btn", "n_clicks", 6);
  run (session);
  g_assert_cmpstr (nd_session_get_prop_string (session, "a", "children"), ==, "a6");
  g_assert_cmpuint (nd_session_get_errors (session)->len, ==, 1);
}

/* A request body for the guarded callback after @n clicks. */
static JsonNode *
guarded_request (NdCallback *cb, gint64 n)
{
  return nd_dict ("output", nd_callback_get_output_key (cb),
                  "outputs", nd_list (nd_dict ("id", "a", "property", "children"),
                                      nd_dict ("id", "b", "property", "children")),
                  "inputs", nd_list (dep (nd_str ("btn"), "n_clicks", nd_int (n))),
                  "changedPropIds", nd_list ("btn.n_clicks"),
                  "parsedChangedPropsIds", nd_list ("btn.n_clicks"));
}

static void
test_http_prevent_update_204 (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autofree char *answer = NULL;
  NdCallback *cb = NULL;
  guint status;

  recorder_init (&rec);
  app = guarded_app (&rec, &cb);
  /* set_props was called before PreventUpdate: still no body at all. */
  answer = post (app, guarded_request (cb, 1), &status);
  g_assert_cmpuint (status, ==, 204);
  g_assert_null (answer);
  g_assert_cmpuint (n_seen (&rec, "guarded"), ==, 1);
}

static void
test_http_no_update (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autofree char *answer = NULL;
  NdCallback *cb = NULL;
  guint status;

  recorder_init (&rec);
  app = guarded_app (&rec, &cb);

  /* Whole no_update: 200 with an empty response, side updates kept. */
  answer = post (app, guarded_request (cb, 2), &status);
  g_assert_cmpuint (status, ==, 200);
  assert_json_answer (answer,
               nd_dict ("multi", nd_bool (TRUE),
                        "response", nd_dict (),
                        "sideUpdate", nd_dict ("side", nd_dict ("children", "side 2"))));
  g_clear_pointer (&answer, g_free);

  /* no_update for one output: that key is left out. */
  answer = post (app, guarded_request (cb, 3), &status);
  g_assert_cmpuint (status, ==, 200);
  assert_json_answer (answer,
               nd_dict ("multi", nd_bool (TRUE),
                        "response", nd_dict ("b", nd_dict ("children", "b3")),
                        "sideUpdate", nd_dict ("side", nd_dict ("children", "side 3"))));
}

static void
maybe_set_props (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  if (nd_callback_context_get_arg_int (ctx, 0, 0) > 1)
    nd_set_props (ctx, "out", "children", "set");
}

static void
test_http_no_output_204 (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ContextHttpNoOutput");
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *answer = NULL;
  const char *key;
  NdCallback *cb;
  guint status;

  recorder_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn", "n_clicks", 0),
    nd_html_div ("id", "out"))));
  cb = nd_app_callback_data (app, maybe_set_props, &rec,
                             nd_input ("btn", "n_clicks"),
                             nd_prevent_initial_call ());
  g_assert_nonnull (cb);
  key = nd_callback_get_output_key (cb);

  answer = post (app, nd_dict ("output", key,
                               "inputs", nd_list (dep (nd_str ("btn"), "n_clicks", nd_int (1))),
                               "changedPropIds", nd_list ("btn.n_clicks"),
                               "parsedChangedPropsIds", nd_list ("btn.n_clicks")),
                 &status);
  g_assert_cmpuint (status, ==, 204);
  g_assert_null (answer);
  g_assert_cmpuint (n_seen (&rec, "maybe_set_props"), ==, 1);
  assert_json (last_seen (&rec, "maybe_set_props")->outputs_list, nd_list ());

  /* With set_props it answers 200 and carries them. */
  answer = post (app, nd_dict ("output", key,
                               "inputs", nd_list (dep (nd_str ("btn"), "n_clicks", nd_int (2))),
                               "changedPropIds", nd_list ("btn.n_clicks"),
                               "parsedChangedPropsIds", nd_list ("btn.n_clicks")),
                 &status);
  g_assert_cmpuint (status, ==, 200);
  reply = parse_answer (answer);
  assert_json (json_object_get_member (json_node_get_object (reply), "sideUpdate"),
               nd_dict ("out", nd_dict ("children", "set")));
}

static void
test_http_raise_500 (void)
{
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  g_autofree char *answer = NULL;
  NdCallback *cb = NULL;
  guint status;

  recorder_init (&rec);
  app = guarded_app (&rec, &cb);
  answer = post (app, guarded_request (cb, 4), &status);
  g_assert_cmpuint (status, ==, 500);
  g_assert_nonnull (answer);
  g_assert_true (g_utf8_validate (answer, -1, NULL));
  g_assert_nonnull (strstr (answer, "boom 4% <&>"));
  g_assert_nonnull (strstr (answer, "guarded"));
  g_clear_pointer (&answer, g_free);

  /* The app still answers the next request. */
  answer = post (app, guarded_request (cb, 7), &status);
  g_assert_cmpuint (status, ==, 200);
  assert_json_answer (answer,
               nd_dict ("multi", nd_bool (TRUE),
                        "response", nd_dict ("a", nd_dict ("children", "a7"),
                                             "b", nd_dict ("children", "b7")),
                        "sideUpdate", nd_dict ("side", nd_dict ("children", "side 7"))));
}

static void
test_http_wrong_output_count_500 (void)
{
  const char *modes[] = { "one", "three", "unset" };
  g_auto(Recorder) rec = { 0 };
  g_autoptr(NdApp) app = NULL;
  NdCallback *cb;

  recorder_init (&rec);
  app = two_outputs_app (&rec);
  cb = nd_app_get_callback (app, 0);
  g_assert_cmpstr (nd_callback_get_name (cb), ==, "two_outputs");
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *answer = NULL;
      guint status;

      answer = post (app, nd_dict ("output", nd_callback_get_output_key (cb),
                                   "outputs", nd_list (nd_dict ("id", "a", "property", "children"),
                                                       nd_dict ("id", "b", "property", "children")),
                                   "inputs", nd_list (dep (nd_str ("mode"), "value", nd_str (modes[i]))),
                                   "changedPropIds", nd_list ("mode.value"),
                                   "parsedChangedPropsIds", nd_list ("mode.value")),
                     &status);
      g_assert_cmpuint (status, ==, 500);
      g_assert_nonnull (answer);
      g_assert_nonnull (strstr (answer, "two_outputs"));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/context/6/call-has-inputs-state-outputs", test_call_has_inputs_state_outputs);
  g_test_add_func ("/context/6/multi-valued-deps-are-lists", test_multi_valued_deps_are_lists);
  g_test_add_func ("/context/6/allow-duplicate-output-keeps-hash", test_allow_duplicate_output_keeps_hash);
  g_test_add_func ("/context/6/changed-prop-ids-insertion-order", test_changed_prop_ids_insertion_order);

  g_test_add_func ("/context/7/list-of-outputs", test_list_of_outputs);
  g_test_add_func ("/context/7/wrong-output-count-is-error", test_wrong_output_count_is_error);
  g_test_add_func ("/context/7/all-output-nested-list", test_all_output_nested_list);
  g_test_add_func ("/context/7/single-output-bare-value", test_single_output_bare_value);
  g_test_add_func ("/context/7/allow-duplicate-last-applied-wins", test_allow_duplicate_last_applied_wins);
  g_test_add_func ("/context/7/no-output-acts-through-set-props", test_no_output_acts_through_set_props);
  g_test_add_func ("/context/7/http-wrong-output-count-500", test_http_wrong_output_count_500);

  g_test_add_func ("/context/8/triggered-empty-on-initial-call", test_triggered_empty_on_initial_call);
  g_test_add_func ("/context/8/triggered-user-change", test_triggered_user_change);
  g_test_add_func ("/context/8/triggered-upstream-change", test_triggered_upstream_change);
  g_test_add_func ("/context/8/triggered-merged-in-request-order", test_triggered_merged_in_request_order);
  g_test_add_func ("/context/8/triggered-match-input", test_triggered_match_input);
  g_test_add_func ("/context/8/triggered-inserted-component", test_triggered_inserted_component);
  g_test_add_func ("/context/8/triggered-empty-when-all-items-removed", test_triggered_empty_when_all_items_removed);
  g_test_add_func ("/context/8/inputs-and-states-flattened", test_inputs_and_states_flattened);
  g_test_add_func ("/context/8/states-list-empty-without-state", test_states_list_empty_without_state);
  g_test_add_func ("/context/8/outputs-list-shapes", test_outputs_list_shapes);
  g_test_add_func ("/context/8/args-grouping-leaves", test_args_grouping_leaves);
  g_test_add_func ("/context/8/no-context-outside-callback", test_no_context_outside_callback);
  g_test_add_func ("/context/8/http-context-is-the-request", test_http_context_is_the_request);

  g_test_add_func ("/context/9/prevent-update-nothing-updated", test_prevent_update_nothing_updated);
  g_test_add_func ("/context/9/prevent-update-drops-set-props", test_prevent_update_drops_set_props);
  g_test_add_func ("/context/9/no-update-whole-applies-side-updates", test_no_update_whole_applies_side_updates);
  g_test_add_func ("/context/9/no-update-some-outputs", test_no_update_some_outputs);
  g_test_add_func ("/context/9/no-update-some-all-items", test_no_update_some_all_items);
  g_test_add_func ("/context/9/raise-records-error", test_raise_records_error);
  g_test_add_func ("/context/9/http-prevent-update-204", test_http_prevent_update_204);
  g_test_add_func ("/context/9/http-no-update", test_http_no_update);
  g_test_add_func ("/context/9/http-no-output-204", test_http_no_output_204);
  g_test_add_func ("/context/9/http-raise-500", test_http_raise_500);

  return g_test_run ();
}
