/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Page load and layout changes, through real sessions: which callbacks get
 * an initial call and in what order (callback-semantics §3), what happens
 * when a callback inserts or removes components (§4.4, §4.5), and how
 * pattern-matching ids expand over the current layout as callbacks see it
 * (§2.3-§2.5).  Every callback records what it saw in a Recorder; the
 * tests assert on those records and on the props a user would see.
 */
#include <string.h>

#include <glib/gstdio.h>
#include <ndash.h>

#define TIMEOUT_MS 5000

/* ---- recording what callbacks saw ---- */

typedef struct {
  char *name;
  char **triggered;      /* triggered prop ids, in order */
  char *triggered_id;    /* canonical text of ctx.triggered_id, NULL if none */
  JsonNode *args;        /* list of argument values: Inputs, then States */
  JsonNode *outputs;     /* ctx.outputs_list */
} Call;

typedef struct {
  GMutex lock;
  GPtrArray *calls;      /* Call, in the order the bodies ran */
} Recorder;

static void
call_free (gpointer data)
{
  Call *c = data;

  g_free (c->name);
  g_strfreev (c->triggered);
  g_free (c->triggered_id);
  json_node_unref (c->args);
  json_node_unref (c->outputs);
  g_free (c);
}

static Recorder *
recorder_new (void)
{
  Recorder *rec = g_new0 (Recorder, 1);

  g_mutex_init (&rec->lock);
  rec->calls = g_ptr_array_new_with_free_func (call_free);
  return rec;
}

static void
recorder_free (Recorder *rec)
{
  g_ptr_array_unref (rec->calls);
  g_mutex_clear (&rec->lock);
  g_free (rec);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recorder, recorder_free)

/* Called first thing in every callback body; may run on a worker thread. */
static void
record (NdCallbackContext *ctx, gpointer user_data)
{
  Recorder *rec = user_data;
  Call *c = g_new0 (Call, 1);
  JsonNode *tid = nd_callback_context_get_triggered_id (ctx);
  JsonArray *args;

  c->name = g_strdup (nd_callback_context_get_callback_name (ctx));
  c->triggered = g_strdupv ((char **) nd_callback_context_get_triggered_prop_ids (ctx));
  c->triggered_id = tid ? nd_id_to_string (tid) : NULL;
  c->args = nd_json_array_new ();
  args = json_node_get_array (c->args);
  for (guint i = 0; i < nd_callback_context_get_n_args (ctx); i++)
    json_array_add_element (args, nd_json_deep_copy (nd_arg (ctx, i)));
  c->outputs = nd_json_deep_copy (nd_callback_context_get_outputs_list (ctx));

  g_mutex_lock (&rec->lock);
  g_ptr_array_add (rec->calls, c);
  g_mutex_unlock (&rec->lock);
}

static guint
count_calls (Recorder *rec, const char *name)
{
  guint n = 0;

  g_mutex_lock (&rec->lock);
  for (guint i = 0; i < rec->calls->len; i++)
    if (strcmp (((Call *) g_ptr_array_index (rec->calls, i))->name, name) == 0)
      n++;
  g_mutex_unlock (&rec->lock);
  return n;
}

/* Position in the run order of the @n-th call of @name, -1 if none. */
static int
call_position (Recorder *rec, const char *name, guint n)
{
  int pos = -1;

  g_mutex_lock (&rec->lock);
  for (guint i = 0; i < rec->calls->len && pos < 0; i++)
    if (strcmp (((Call *) g_ptr_array_index (rec->calls, i))->name, name) == 0 && n-- == 0)
      pos = (int) i;
  g_mutex_unlock (&rec->lock);
  return pos;
}

/* The @n-th call of @name (calls are never removed, so the pointer stays valid). */
static Call *
nth_call (Recorder *rec, const char *name, guint n)
{
  int pos = call_position (rec, name, n);
  Call *c;

  if (pos < 0)
    {
      g_test_message ("callback %s has no call #%u (it ran %u times)", name, n, count_calls (rec, name));
      g_test_fail ();
      return NULL;
    }
  g_mutex_lock (&rec->lock);
  c = g_ptr_array_index (rec->calls, pos);
  g_mutex_unlock (&rec->lock);
  return c;
}

/* ---- assertions ---- */

static void
assert_json (JsonNode *actual, const char *expected_json, const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) expected = nd_json_parse (expected_json, -1, 0, &error);

  g_assert_no_error (error);
  if (!nd_json_equal (actual, expected))
    {
      g_autofree char *text = actual ? nd_json_to_string (actual, FALSE) : g_strdup ("(undefined)");
      g_test_message ("%s: expected %s, got %s", what, expected_json, text);
      g_test_fail ();
    }
}

/* @expected: NULL-terminated prop ids; an empty list is an initial call. */
static void
assert_triggered_v (Call *c, const char * const *expected)
{
  g_autofree char *got = NULL, *want = NULL;

  if (c == NULL)
    return;
  if (g_strv_equal ((const char * const *) c->triggered, expected))
    return;
  got = g_strjoinv (" | ", c->triggered);
  want = g_strjoinv (" | ", (char **) expected);
  g_test_message ("%s: triggered [%s], expected [%s]", c->name, got, want);
  g_test_fail ();
}

#define assert_triggered(c, ...) assert_triggered_v ((c), (const char *[]) { __VA_ARGS__ __VA_OPT__(,) NULL })

static void
assert_args (Call *c, const char *expected_json)
{
  g_autofree char *what = NULL;

  if (c == NULL)
    return;
  what = g_strdup_printf ("arguments of %s", c->name);
  assert_json (c->args, expected_json, what);
}

static void
assert_prop (NdSession *session, JsonNode *id, const char *prop, const char *expected_json)
{
  g_autoptr(JsonNode) owned_id = id;
  g_autofree char *id_text = nd_id_to_string (id);
  g_autofree char *what = g_strdup_printf ("%s.%s", id_text, prop);

  assert_json (nd_session_get_prop (session, id, prop), expected_json, what);
}

#define assert_prop_str(session, id, prop, expected) \
  g_assert_cmpstr (nd_session_get_prop_string ((session), (id), (prop)), ==, (expected))

static void
assert_no_errors (NdSession *session)
{
  GPtrArray *errors = nd_session_get_errors (session);

  for (guint i = 0; i < errors->len; i++)
    {
      NdCallbackError *e = g_ptr_array_index (errors, i);
      g_test_message ("unexpected callback error from %s: %s", e->callback_name, e->message);
    }
  g_assert_cmpuint (errors->len, ==, 0);
}

/* The only error, which must mention every one of the NULL-terminated needles. */
static void
assert_one_error_v (NdSession *session, const char * const *needles)
{
  GPtrArray *errors = nd_session_get_errors (session);
  NdCallbackError *e;

  for (guint i = 0; i < errors->len; i++)
    {
      e = g_ptr_array_index (errors, i);
      g_test_message ("callback error #%u from %s: %s", i, e->callback_name, e->message);
    }
  g_assert_cmpuint (errors->len, ==, 1);
  if (errors->len == 0)
    return;
  e = g_ptr_array_index (errors, 0);
  for (guint i = 0; needles[i]; i++)
    if (strstr (e->message, needles[i]) == NULL)
      {
        g_test_message ("the error message does not mention '%s': %s", needles[i], e->message);
        g_test_fail ();
      }
}

#define assert_one_error(session, ...) \
  assert_one_error_v ((session), (const char *[]) { __VA_ARGS__, NULL })

/* ---- sessions ---- */

static void
settle (NdSession *session)
{
  g_assert_true (nd_session_run_until_idle (session, TIMEOUT_MS));
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
  settle (session);
  return g_steal_pointer (&session);
}

static void
click (NdSession *session, const char *id, gint64 n_clicks)
{
  g_assert_true (nd_session_user_set (session, id, "n_clicks", (long long) n_clicks));
  settle (session);
}

static void
type_into (NdSession *session, const char *id, const char *value)
{
  g_assert_true (nd_session_user_set (session, id, "value", value));
  settle (session);
}

static char *
join_values (JsonNode *list)
{
  GString *out = g_string_new (NULL);
  JsonArray *arr = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *v = nd_py_str (json_array_get_element (arr, i));
      g_string_append_printf (out, "%s%s", i ? "," : "", v);
    }
  return g_string_free (out, FALSE);
}

/* ---- generic bodies ---- */

/* Returns its first argument as it is. */
static void
pass_through (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, json_node_ref (nd_arg (ctx, 0)));
}

/* =====================================================================
 * §3.1 sequence
 * ===================================================================== */

static void
chain_a (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *v = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("A(%s)", v));
}

static void
chain_b (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *v = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("B(%s)", v));
}

static void
chain_c (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *v = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("C(%s)", v));
}

/* A -> B -> C: each runs once, after what it reads was computed. */
static void
test_initial_chain_order (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadChain");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "a", "value", "1"),
    nd_html_div ("b0", "id", "b"),
    nd_html_div ("c0", "id", "c"),
    nd_html_div ("d0", "id", "d"))));
  /* Registered backwards so registration order cannot pass for dependency order. */
  nd_app_callback_data (app, chain_c, rec, nd_output ("d", "children"), nd_input ("c", "children"));
  nd_app_callback_data (app, chain_b, rec, nd_output ("c", "children"), nd_input ("b", "children"));
  nd_app_callback_data (app, chain_a, rec, nd_output ("b", "children"), nd_input ("a", "value"));

  session = start_session (app);
  assert_no_errors (session);

  g_assert_cmpuint (count_calls (rec, "chain_a"), ==, 1);
  g_assert_cmpuint (count_calls (rec, "chain_b"), ==, 1);
  g_assert_cmpuint (count_calls (rec, "chain_c"), ==, 1);
  g_assert_cmpint (call_position (rec, "chain_a", 0), <, call_position (rec, "chain_b", 0));
  g_assert_cmpint (call_position (rec, "chain_b", 0), <, call_position (rec, "chain_c", 0));

  assert_triggered (nth_call (rec, "chain_a", 0));
  assert_args (nth_call (rec, "chain_a", 0), "[\"1\"]");
  /* B's initial call is replaced by the one A's result requests (§5.1). */
  assert_triggered (nth_call (rec, "chain_b", 0), "b.children");
  assert_args (nth_call (rec, "chain_b", 0), "[\"A(1)\"]");
  assert_triggered (nth_call (rec, "chain_c", 0), "c.children");
  assert_args (nth_call (rec, "chain_c", 0), "[\"B(A(1))\"]");

  assert_prop_str (session, "d", "children", "C(B(A(1)))");
  g_assert_cmpuint (nd_session_get_n_calls (session), ==, 3);
}

static void
show_text (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *v = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_return (ctx, v);
}

static void
read_tabs (NdCallbackContext *ctx, gpointer user_data)
{
  show_text (ctx, user_data);
}

static void
read_default_tabs (NdCallbackContext *ctx, gpointer user_data)
{
  show_text (ctx, user_data);
}

static void
read_drag_value (NdCallbackContext *ctx, gpointer user_data)
{
  show_text (ctx, user_data);
}

/* Tabs.value and Slider.drag_value are filled at mount, before the
 * initial calls, so those calls see them and run only once (§3.1 step 5). */
static void
test_mount_props_before_initial (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadMount");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_tabs (nd_list (nd_dcc_tab ("label", "One", "value", "first"),
                          nd_dcc_tab ("label", "Two", "value", "second")),
                 "id", "tabs"),
    nd_dcc_tabs (nd_list (nd_dcc_tab ("label", "One"), nd_dcc_tab ("label", "Two")),
                 "id", "plain-tabs"),
    nd_dcc_slider ("id", "slider", "min", 0, "max", 10, "value", 7),
    nd_html_div ("id", "tabs-out"),
    nd_html_div ("id", "plain-tabs-out"),
    nd_html_div ("id", "slider-out"))));
  nd_app_callback_data (app, read_tabs, rec, nd_output ("tabs-out", "children"), nd_input ("tabs", "value"));
  nd_app_callback_data (app, read_default_tabs, rec,
                        nd_output ("plain-tabs-out", "children"), nd_input ("plain-tabs", "value"));
  nd_app_callback_data (app, read_drag_value, rec,
                        nd_output ("slider-out", "children"), nd_input ("slider", "drag_value"));

  session = start_session (app);
  assert_no_errors (session);

  g_assert_cmpuint (count_calls (rec, "read_tabs"), ==, 1);
  assert_triggered (nth_call (rec, "read_tabs", 0));
  assert_args (nth_call (rec, "read_tabs", 0), "[\"first\"]");
  assert_prop_str (session, "tabs", "value", "first");
  assert_prop_str (session, "tabs-out", "children", "first");

  g_assert_cmpuint (count_calls (rec, "read_default_tabs"), ==, 1);
  assert_args (nth_call (rec, "read_default_tabs", 0), "[\"tab-1\"]");
  assert_prop_str (session, "plain-tabs-out", "children", "tab-1");

  g_assert_cmpuint (count_calls (rec, "read_drag_value"), ==, 1);
  assert_triggered (nth_call (rec, "read_drag_value", 0));
  assert_args (nth_call (rec, "read_drag_value", 0), "[7]");
  assert_prop_str (session, "slider-out", "children", "7");
}

static void
read_store_ts (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, json_node_ref (nd_arg (ctx, 0)));
}

static void
read_empty_store_ts (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, json_node_ref (nd_arg (ctx, 0)));
}

/* A memory Store given `data` starts with empty storage: at mount it writes
 * the data and reports modified_timestamp (§13 Mount), before the initial
 * calls.  A Store without data keeps -1. */
static void
test_mount_store_memory (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadStoreMemory");
  g_autoptr(NdSession) session = NULL;
  gint64 before = g_get_real_time () / 1000;
  Call *c;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_store ("id", "mem", "data", nd_dict ("n", 1)),
    nd_dcc_store ("id", "empty-mem"),
    nd_html_div ("id", "mem-out"),
    nd_html_div ("id", "empty-out"))));
  nd_app_callback_data (app, read_store_ts, rec,
                        nd_output ("mem-out", "children"),
                        nd_input ("mem", "modified_timestamp"),
                        nd_state ("mem", "data"));
  nd_app_callback_data (app, read_empty_store_ts, rec,
                        nd_output ("empty-out", "children"),
                        nd_input ("empty-mem", "modified_timestamp"));

  session = start_session (app);
  assert_no_errors (session);

  g_assert_cmpuint (count_calls (rec, "read_store_ts"), ==, 1);
  c = nth_call (rec, "read_store_ts", 0);
  if (c == NULL)
    return;
  assert_triggered (c);
  assert_json (json_array_get_element (json_node_get_array (c->args), 1), "{\"n\": 1}", "mem.data");
  g_assert_true (nd_json_is_number (json_array_get_element (json_node_get_array (c->args), 0)));
  g_assert_cmpfloat (nd_json_get_number (json_array_get_element (json_node_get_array (c->args), 0)), >=, before);

  g_assert_cmpuint (count_calls (rec, "read_empty_store_ts"), ==, 1);
  assert_args (nth_call (rec, "read_empty_store_ts", 0), "[-1]");
}

static void
write_store (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, nd_dict ("n", 2));
}

static void
read_store_data (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, nd_strf ("n=%" G_GINT64_FORMAT,
                           json_object_get_int_member (json_node_get_object (nd_arg (ctx, 0)), "n")));
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A `local` Store pulls the saved value in at mount: the next session's
 * initial call already sees it and runs once (§3.1 step 5, §13). */
static void
test_mount_store_local (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadStoreLocal");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ndash-test-load-XXXXXX", &error);

  g_assert_no_error (error);
  nd_app_set_data_dir (app, dir);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_store ("id", "saved", "storage_type", "local", "data", nd_dict ("n", 1)),
    nd_html_button ("bump", "id", "bump", "n_clicks", 0),
    nd_html_div ("id", "saved-out"))));
  nd_app_callback_data (app, write_store, rec,
                        nd_output ("saved", "data"), nd_input ("bump", "n_clicks"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, read_store_data, rec,
                        nd_output ("saved-out", "children"), nd_input ("saved", "data"));

  {
    g_autoptr(NdSession) first = start_session (app);

    assert_no_errors (first);
    g_assert_cmpuint (count_calls (rec, "read_store_data"), ==, 1);
    assert_prop_str (first, "saved-out", "children", "n=1");
    click (first, "bump", 1);
    assert_prop_str (first, "saved-out", "children", "n=2");
    g_assert_cmpuint (count_calls (rec, "read_store_data"), ==, 2);
  }
  {
    g_autoptr(NdSession) second = start_session (app);

    assert_no_errors (second);
    /* one more call, an initial one, that saw the saved value */
    g_assert_cmpuint (count_calls (rec, "read_store_data"), ==, 3);
    assert_triggered (nth_call (rec, "read_store_data", 2));
    assert_args (nth_call (rec, "read_store_data", 2), "[{\"n\": 2}]");
    assert_prop_str (second, "saved-out", "children", "n=2");
  }
  remove_dir (dir);
}

/* =====================================================================
 * §3.2 which callbacks get an initial call
 * ===================================================================== */

static void
eager (NdCallbackContext *ctx, gpointer user_data)
{
  pass_through (ctx, user_data);
}

static void
lazy (NdCallbackContext *ctx, gpointer user_data)
{
  pass_through (ctx, user_data);
}

static void
test_prevent_initial_call (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadPic");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "value", "v0"),
    nd_html_div ("unset", "id", "o1"),
    nd_html_div ("unset", "id", "o2"))));
  nd_app_callback_data (app, eager, rec, nd_output ("o1", "children"), nd_input ("in", "value"));
  nd_app_callback_data (app, lazy, rec, nd_output ("o2", "children"), nd_input ("in", "value"),
                        nd_prevent_initial_call ());

  session = start_session (app);
  g_assert_cmpuint (count_calls (rec, "eager"), ==, 1);
  g_assert_cmpuint (count_calls (rec, "lazy"), ==, 0);
  assert_prop_str (session, "o1", "children", "v0");
  assert_prop_str (session, "o2", "children", "unset");

  type_into (session, "in", "v1");
  g_assert_cmpuint (count_calls (rec, "eager"), ==, 2);
  g_assert_cmpuint (count_calls (rec, "lazy"), ==, 1);
  assert_triggered (nth_call (rec, "lazy", 0), "in.value");
  assert_prop_str (session, "o2", "children", "v1");
  assert_no_errors (session);
}

static void
three_outputs (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *v = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("x:%s", v), nd_strf ("y:%s", v), nd_strf ("z:%s", v));
}

/* Three outputs in the layout, one resolvedId: one initial call. */
static void
test_dedup_outputs (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadDedup");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "value", "v"),
    nd_html_div ("id", "x"), nd_html_div ("id", "y"), nd_html_div ("id", "z"))));
  nd_app_callback_data (app, three_outputs, rec,
                        nd_output ("x", "children"), nd_output ("y", "children"), nd_output ("z", "children"),
                        nd_input ("in", "value"));

  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "three_outputs"), ==, 1);
  g_assert_cmpuint (nd_session_get_n_calls (session), ==, 1);
  assert_prop_str (session, "x", "children", "x:v");
  assert_prop_str (session, "y", "children", "y:v");
  assert_prop_str (session, "z", "children", "z:v");
}

static void
match_pair (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, json_node_ref (nd_arg (ctx, 0)), json_node_ref (nd_arg (ctx, 0)));
}

/* A MATCH callback with two outputs per index: one call per index. */
static void
test_dedup_match (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadDedupMatch");
  g_autoptr(NdSession) session = NULL;
  gboolean seen[4] = { FALSE, };
  JsonNode *layout = nd_list ();

  for (int i = 1; i <= 3; i++)
    {
      JsonArray *arr = json_node_get_array (layout);
      json_array_add_element (arr, nd_dcc_input ("id", nd_dict ("t", "in", "i", i), "value", nd_strf ("v%d", i)));
      json_array_add_element (arr, nd_html_div ("id", nd_dict ("t", "o", "i", i)));
      json_array_add_element (arr, nd_html_div ("id", nd_dict ("t", "p", "i", i)));
    }
  nd_app_set_layout (app, nd_html_div (layout));
  nd_app_callback_data (app, match_pair, rec,
                        nd_output (nd_dict ("t", "o", "i", ND_MATCH), "children"),
                        nd_output (nd_dict ("t", "p", "i", ND_MATCH), "children"),
                        nd_input (nd_dict ("t", "in", "i", ND_MATCH), "value"));

  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "match_pair"), ==, 3);
  g_assert_cmpuint (nd_session_get_n_calls (session), ==, 3);
  for (guint n = 0; n < 3; n++)
    {
      Call *c = nth_call (rec, "match_pair", n);
      JsonArray *outs;
      JsonObject *out0, *out1;
      gint64 i;
      g_autofree char *expected = NULL;

      if (c == NULL)
        break;
      outs = json_node_get_array (c->outputs);
      out0 = json_node_get_object (json_array_get_element (outs, 0));
      out1 = json_node_get_object (json_array_get_element (outs, 1));
      i = json_object_get_int_member (json_object_get_object_member (out0, "id"), "i");
      expected = g_strdup_printf ("[\"v%" G_GINT64_FORMAT "\"]", i);
      if (i < 1 || i > 3)
        {
          g_test_message ("match_pair wrote output index %" G_GINT64_FORMAT, i);
          g_test_fail ();
          continue;
        }
      g_assert_false (seen[i]);
      seen[i] = TRUE;
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (out1, "id"), "i"), ==, i);
      assert_triggered (c);
      assert_args (c, expected);
    }
  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *expected = g_strdup_printf ("\"v%d\"", i);
      assert_prop (session, nd_dict ("t", "o", "i", i), "children", expected);
      assert_prop (session, nd_dict ("t", "p", "i", i), "children", expected);
    }
}

static void
excl_a (NdCallbackContext *ctx, gpointer user_data)
{
  pass_through (ctx, user_data);
}

static void
excl_b (NdCallbackContext *ctx, gpointer user_data)
{
  pass_through (ctx, user_data);
}

static void
excl_c (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *x = nd_callback_context_get_arg_text (ctx, 0);
  g_autofree char *z = nd_callback_context_get_arg_text (ctx, 1);

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("%s+%s", x, z));
}

/* The spec's example: A's only input is missing, so A is dropped, so
 * x.children is excluded, so B is dropped.  C also reads x.children but has
 * an input of its own, so it stays. */
static void
test_exclusion_fixed_point (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadExclusion");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_suppress_callback_exceptions (app, TRUE);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_div ("x0", "id", "x"),
    nd_html_div ("y0", "id", "y"),
    nd_dcc_input ("id", "z", "value", "zz"),
    nd_html_div ("id", "w"))));
  nd_app_callback_data (app, excl_a, rec, nd_output ("x", "children"), nd_input ("missing", "value"));
  nd_app_callback_data (app, excl_b, rec, nd_output ("y", "children"), nd_input ("x", "children"));
  nd_app_callback_data (app, excl_c, rec, nd_output ("w", "children"),
                        nd_input ("x", "children"), nd_input ("z", "value"));

  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "excl_a"), ==, 0);
  g_assert_cmpuint (count_calls (rec, "excl_b"), ==, 0);
  g_assert_cmpuint (count_calls (rec, "excl_c"), ==, 1);
  assert_triggered (nth_call (rec, "excl_c", 0));
  assert_args (nth_call (rec, "excl_c", 0), "[\"x0\", \"zz\"]");
  assert_prop_str (session, "y", "children", "y0");
  assert_prop_str (session, "w", "children", "x0+zz");
}

static void
count_items (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, nd_strf ("n=%u", json_array_get_length (json_node_get_array (nd_arg (ctx, 0)))));
}

static void
count_two_lists (NdCallbackContext *ctx, gpointer user_data)
{
  count_items (ctx, user_data);
}

static void
mixed_inputs (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, "ran");
}

/* Only multi-valued inputs: kept even when every list is empty.  With a
 * single input too, an empty list does not count as present. */
static void
test_all_multi_kept (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadAllMulti");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_suppress_callback_exceptions (app, TRUE);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_div ("id", "summary"),
    nd_html_div ("id", "summary2"),
    nd_html_div ("not run", "id", "summary3"))));
  nd_app_callback_data (app, count_items, rec, nd_output ("summary", "children"),
                        nd_input (nd_dict ("t", "item", "i", ND_ALL), "value"));
  nd_app_callback_data (app, count_two_lists, rec, nd_output ("summary2", "children"),
                        nd_input (nd_dict ("t", "item", "i", ND_ALL), "value"),
                        nd_input (nd_dict ("t", "other", "i", ND_ALL), "n_clicks"));
  nd_app_callback_data (app, mixed_inputs, rec, nd_output ("summary3", "children"),
                        nd_input ("missing", "value"),
                        nd_input (nd_dict ("t", "item", "i", ND_ALL), "value"));

  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "count_items"), ==, 1);
  assert_triggered (nth_call (rec, "count_items", 0));
  assert_args (nth_call (rec, "count_items", 0), "[[]]");
  assert_prop_str (session, "summary", "children", "n=0");
  g_assert_cmpuint (count_calls (rec, "count_two_lists"), ==, 1);
  assert_args (nth_call (rec, "count_two_lists", 0), "[[], []]");
  g_assert_cmpuint (count_calls (rec, "mixed_inputs"), ==, 0);
  assert_prop_str (session, "summary3", "children", "not run");
}

/* =====================================================================
 * §3.3 callbacks without inputs or outputs
 * ===================================================================== */

static void
side_present (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *v = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_set_props (ctx, "t1", "children", nd_strf ("side:%s", v));
}

static void
side_absent (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_set_props (ctx, "t2", "children", "side");
}

static void
side_lazy (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_set_props (ctx, "t3", "children", "side");
}

static void
side_no_inputs (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_set_props (ctx, "t4", "children", "side");
}

static void
test_no_output_callbacks (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadNoOutput");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_suppress_callback_exceptions (app, TRUE);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "value", "v"),
    nd_dcc_input ("id", "in2", "value", "w"),
    nd_html_div ("-", "id", "t1"), nd_html_div ("-", "id", "t2"),
    nd_html_div ("-", "id", "t3"), nd_html_div ("-", "id", "t4"))));
  nd_app_callback_data (app, side_present, rec, nd_input ("in", "value"));
  nd_app_callback_data (app, side_absent, rec, nd_input ("absent", "value"));
  nd_app_callback_data (app, side_lazy, rec, nd_input ("in2", "value"), nd_prevent_initial_call ());
  /* no Input and no Output: only an option among the dependencies */
  nd_app_callback_data (app, side_no_inputs, rec, nd_threading (ND_THREADING_AUTO));

  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "side_present"), ==, 1);
  assert_triggered (nth_call (rec, "side_present", 0));
  assert_prop_str (session, "t1", "children", "side:v");
  g_assert_cmpuint (count_calls (rec, "side_absent"), ==, 0);
  assert_prop_str (session, "t2", "children", "-");
  g_assert_cmpuint (count_calls (rec, "side_lazy"), ==, 0);
  assert_prop_str (session, "t3", "children", "-");
  g_assert_cmpuint (count_calls (rec, "side_no_inputs"), ==, 1);
  assert_prop_str (session, "t4", "children", "side");
}

static void
clock_present (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, "tick");
}

static void
clock_absent (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, "tick");
}

/* Outputs but no Inputs: requested when an Output is in the layout. */
static void
test_no_input_callbacks (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadNoInput");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_suppress_callback_exceptions (app, TRUE);
  nd_app_set_layout (app, nd_html_div (nd_list (nd_html_div ("-", "id", "clock"))));
  nd_app_callback_data (app, clock_present, rec, nd_output ("clock", "children"));
  nd_app_callback_data (app, clock_absent, rec, nd_output ("elsewhere", "children"));

  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "clock_present"), ==, 1);
  assert_triggered (nth_call (rec, "clock_present", 0));
  assert_args (nth_call (rec, "clock_present", 0), "[]");
  assert_prop_str (session, "clock", "children", "tick");
  g_assert_cmpuint (count_calls (rec, "clock_absent"), ==, 0);
}

/* =====================================================================
 * §3.4 missing components when a call is built
 * ===================================================================== */

static void
clear_box (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, "gone");
}

/* Sets a.value, then replaces the box that holds "a". */
static void
set_then_clear (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, "a1", "gone");
}

static void
reader (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *v = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("read:%s", v));
}

/* A request made while its input existed, built after it vanished: skipped
 * silently. */
static void
test_missing_all_inputs_skipped (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadMissingAll");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("go", "id", "go", "n_clicks", 0),
    nd_html_div (nd_list (nd_dcc_input ("id", "a", "value", "a0")), "id", "box"),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, set_then_clear, rec,
                        nd_output ("a", "value"), nd_output ("box", "children"),
                        nd_input ("go", "n_clicks"), nd_prevent_initial_call ());
  nd_app_callback_data (app, reader, rec, nd_output ("out", "children"), nd_input ("a", "value"));

  session = start_session (app);
  g_assert_cmpuint (count_calls (rec, "reader"), ==, 1);
  assert_prop_str (session, "out", "children", "read:a0");

  click (session, "go", 1);
  g_assert_cmpuint (count_calls (rec, "set_then_clear"), ==, 1);
  {
    g_autoptr(JsonNode) a_id = nd_json_string ("a");
    g_assert_null (nd_session_get_component (session, a_id));
  }
  g_assert_cmpuint (count_calls (rec, "reader"), ==, 1);
  assert_prop_str (session, "out", "children", "read:a0");
  assert_no_errors (session);
}

static void
two_inputs (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, "ran");
}

/* One input present, another gone: an error naming the missing one. */
static void
test_missing_some_inputs_error (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadMissingSome");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("go", "id", "go", "n_clicks", 0),
    nd_dcc_input ("id", "a", "value", "a0"),
    nd_html_div (nd_list (nd_dcc_input ("id", "vanishing-input", "value", "b0")), "id", "box"),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, clear_box, rec, nd_output ("box", "children"),
                        nd_input ("go", "n_clicks"), nd_prevent_initial_call ());
  nd_app_callback_data (app, two_inputs, rec, nd_output ("out", "children"),
                        nd_input ("a", "value"), nd_input ("vanishing-input", "value"));

  session = start_session (app);
  g_assert_cmpuint (count_calls (rec, "two_inputs"), ==, 1);
  assert_prop_str (session, "out", "children", "ran");

  click (session, "go", 1);
  assert_no_errors (session);
  type_into (session, "a", "a1");
  g_assert_cmpuint (count_calls (rec, "two_inputs"), ==, 1);
  assert_one_error (session, "nonexistent object", "Input", "vanishing-input");
}

static void
optional_reader (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *v = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("%s/%s/%s", v,
                           nd_callback_context_arg_is_null (ctx, 1) ? "null" : "set",
                           nd_callback_context_arg_is_null (ctx, 2) ? "null" : "set"));
}

/* allow_optional Input and State that are not in the layout read as null. */
static void
test_allow_optional_null (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadOptional");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "a", "value", "a0"),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, optional_reader, rec, nd_output ("out", "children"),
                        nd_input ("a", "value"),
                        nd_allow_optional (nd_input ("opt-in", "value")),
                        nd_allow_optional (nd_state ("opt-state", "value")));

  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "optional_reader"), ==, 1);
  assert_args (nth_call (rec, "optional_reader", 0), "[\"a0\", null, null]");
  assert_prop_str (session, "out", "children", "a0/null/null");

  type_into (session, "a", "a1");
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "optional_reader"), ==, 2);
  assert_args (nth_call (rec, "optional_reader", 1), "[\"a1\", null, null]");
  assert_prop_str (session, "out", "children", "a1/null/null");
}

static void
with_state (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, "ran");
}

static void
test_missing_state_error (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadMissingState");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("go", "id", "go", "n_clicks", 0),
    nd_dcc_input ("id", "a", "value", "a0"),
    nd_html_div (nd_list (nd_dcc_input ("id", "vanishing-state", "value", "s0")), "id", "box"),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, clear_box, rec, nd_output ("box", "children"),
                        nd_input ("go", "n_clicks"), nd_prevent_initial_call ());
  nd_app_callback_data (app, with_state, rec, nd_output ("out", "children"),
                        nd_input ("a", "value"), nd_state ("vanishing-state", "value"));

  session = start_session (app);
  g_assert_cmpuint (count_calls (rec, "with_state"), ==, 1);
  click (session, "go", 1);
  assert_no_errors (session);
  type_into (session, "a", "a1");
  g_assert_cmpuint (count_calls (rec, "with_state"), ==, 1);
  assert_one_error (session, "nonexistent object", "State", "vanishing-state");
}

static void
two_outputs (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, "o1 new", "o2 new");
}

/* A single-valued Output gone while the inputs are there: an error, and
 * the outputs that still exist are not touched. */
static void
test_missing_output_error (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadMissingOutput");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("go", "id", "go", "n_clicks", 0),
    nd_dcc_input ("id", "a", "value", "a0"),
    nd_html_div ("o1 old", "id", "o1"),
    nd_html_div (nd_list (nd_html_div ("id", "vanishing-output")), "id", "box"))));
  nd_app_callback_data (app, clear_box, rec, nd_output ("box", "children"),
                        nd_input ("go", "n_clicks"), nd_prevent_initial_call ());
  nd_app_callback_data (app, two_outputs, rec,
                        nd_output ("o1", "children"), nd_output ("vanishing-output", "children"),
                        nd_input ("a", "value"), nd_prevent_initial_call ());

  session = start_session (app);
  click (session, "go", 1);
  assert_no_errors (session);
  type_into (session, "a", "a1");
  g_assert_cmpuint (count_calls (rec, "two_outputs"), ==, 0);
  assert_prop_str (session, "o1", "children", "o1 old");
  assert_one_error (session, "nonexistent object", "Output", "vanishing-output");
}

static void
summary_two_outputs (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, "o1 new", "o2 new");
}

/* ...unless every input is an empty multi-valued list: then skipped. */
static void
test_missing_output_empty_lists_skipped (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadMissingOutputEmpty");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_suppress_callback_exceptions (app, TRUE);
  nd_app_set_layout (app, nd_html_div (nd_list (nd_html_div ("o1 old", "id", "o1"))));
  nd_app_callback_data (app, summary_two_outputs, rec,
                        nd_output ("o1", "children"), nd_output ("not-there", "children"),
                        nd_input (nd_dict ("t", "it", "i", ND_ALL), "value"));

  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "summary_two_outputs"), ==, 0);
  assert_prop_str (session, "o1", "children", "o1 old");
}

/* A request none of whose outputs exists any more is dropped (§5.3). */
static void
test_vanished_outputs_dropped (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadVanishedOutputs");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("go", "id", "go", "n_clicks", 0),
    nd_dcc_input ("id", "a", "value", "a0"),
    nd_html_div (nd_list (nd_html_div ("id", "vanishing-output")), "id", "box"))));
  nd_app_callback_data (app, set_then_clear, rec,
                        nd_output ("a", "value"), nd_output ("box", "children"),
                        nd_input ("go", "n_clicks"), nd_prevent_initial_call ());
  nd_app_callback_data (app, reader, rec, nd_output ("vanishing-output", "children"), nd_input ("a", "value"));

  session = start_session (app);
  g_assert_cmpuint (count_calls (rec, "reader"), ==, 1);
  click (session, "go", 1);
  assert_prop_str (session, "a", "value", "a1");
  g_assert_cmpuint (count_calls (rec, "reader"), ==, 1);
  assert_no_errors (session);
}

static void
match_no_reference (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, "ran");
}

/* Output without MATCH, Input with MATCH, initial call: no reference, so
 * the MATCH input selects two components where one is expected. */
static void
test_match_multiple_objects (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadMatchMultiple");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", nd_dict ("t", "in", "i", 1), "value", "one"),
    nd_dcc_input ("id", nd_dict ("t", "in", "i", 2), "value", "two"),
    nd_html_div ("-", "id", "log"))));
  nd_app_callback_data (app, match_no_reference, rec, nd_output ("log", "children"),
                        nd_input (nd_dict ("t", "in", "i", ND_MATCH), "value"));

  session = start_session (app);
  g_assert_cmpuint (count_calls (rec, "match_no_reference"), ==, 0);
  assert_prop_str (session, "log", "children", "-");
  assert_one_error (session, "Multiple objects were found", "\"t\":\"in\"");
}

/* =====================================================================
 * §4.4 layout changes made by callbacks
 * ===================================================================== */

static void
make_page (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, nd_dcc_input ("id", "q", "value", "hello"));
}

static void
set_title (NdCallbackContext *ctx, gpointer user_data)
{
  pass_through (ctx, user_data);
}

/* The spec's example: an inserted Input fires its callback although it has
 * prevent_initial_call, with the new component as the trigger. */
static void
test_inserted_input_fires_despite_pic (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadInsertedInput");
  g_autoptr(NdSession) session = NULL;
  Call *c;

  nd_app_set_suppress_callback_exceptions (app, TRUE);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("go", "id", "go", "n_clicks", 0),
    nd_html_div ("id", "page"),
    nd_html_h1 ("no title", "id", "title"))));
  nd_app_callback_data (app, make_page, rec, nd_output ("page", "children"),
                        nd_input ("go", "n_clicks"), nd_prevent_initial_call ());
  nd_app_callback_data (app, set_title, rec, nd_output ("title", "children"),
                        nd_input ("q", "value"), nd_prevent_initial_call ());

  session = start_session (app);
  g_assert_cmpuint (count_calls (rec, "set_title"), ==, 0);

  click (session, "go", 1);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "make_page"), ==, 1);
  g_assert_cmpuint (count_calls (rec, "set_title"), ==, 1);
  c = nth_call (rec, "set_title", 0);
  if (c == NULL)
    return;
  assert_triggered (c, "q.value");
  g_assert_cmpstr (c->triggered_id, ==, "q");
  assert_args (c, "[\"hello\"]");
  assert_prop_str (session, "title", "children", "hello");
}

static void
make_chunk (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, nd_html_div (nd_list (
    nd_dcc_input ("id", "q2", "value", "x"),
    nd_html_div ("o2 old", "id", "o2"),
    nd_html_div ("o3 old", "id", "o3"))));
}

static void
inside_eager (NdCallbackContext *ctx, gpointer user_data)
{
  pass_through (ctx, user_data);
}

static void
inside_lazy (NdCallbackContext *ctx, gpointer user_data)
{
  pass_through (ctx, user_data);
}

static void
outside_lazy (NdCallbackContext *ctx, gpointer user_data)
{
  pass_through (ctx, user_data);
}

/* Rule 1: outputs inside the chunk get initial calls (unless pic); rule 2
 * does not fire callbacks whose outputs are all inside the chunk, but does
 * fire the ones writing outside it. */
static void
test_chunk_outputs_initial_calls (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadChunkOutputs");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_suppress_callback_exceptions (app, TRUE);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("go", "id", "go", "n_clicks", 0),
    nd_html_div ("id", "page"),
    nd_html_div ("o4 old", "id", "o4"))));
  nd_app_callback_data (app, make_chunk, rec, nd_output ("page", "children"),
                        nd_input ("go", "n_clicks"), nd_prevent_initial_call ());
  nd_app_callback_data (app, inside_eager, rec, nd_output ("o2", "children"), nd_input ("q2", "value"));
  nd_app_callback_data (app, inside_lazy, rec, nd_output ("o3", "children"), nd_input ("q2", "value"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, outside_lazy, rec, nd_output ("o4", "children"), nd_input ("q2", "value"),
                        nd_prevent_initial_call ());

  session = start_session (app);
  g_assert_cmpuint (count_calls (rec, "inside_eager"), ==, 0);

  click (session, "go", 1);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "inside_eager"), ==, 1);
  assert_triggered (nth_call (rec, "inside_eager", 0));
  assert_args (nth_call (rec, "inside_eager", 0), "[\"x\"]");
  assert_prop_str (session, "o2", "children", "x");
  g_assert_cmpuint (count_calls (rec, "inside_lazy"), ==, 0);
  assert_prop_str (session, "o3", "children", "o3 old");
  g_assert_cmpuint (count_calls (rec, "outside_lazy"), ==, 1);
  assert_triggered (nth_call (rec, "outside_lazy", 0), "q2.value");
  assert_prop_str (session, "o4", "children", "x");

  /* prevent_initial_call only concerned the insertion */
  type_into (session, "q2", "y");
  g_assert_cmpuint (count_calls (rec, "inside_eager"), ==, 2);
  g_assert_cmpuint (count_calls (rec, "inside_lazy"), ==, 1);
  assert_triggered (nth_call (rec, "inside_lazy", 0), "q2.value");
  g_assert_cmpuint (count_calls (rec, "outside_lazy"), ==, 2);
  assert_prop_str (session, "o3", "children", "y");
}

static void
replace_items (NdCallbackContext *ctx, gpointer user_data)
{
  gint64 n = nd_callback_context_get_arg_int (ctx, 0, 0);

  record (ctx, user_data);
  if (n == 1)
    nd_return (ctx, nd_list (nd_dcc_input ("id", nd_dict ("t", "item", "i", 5), "value", "z")));
  else
    nd_return (ctx, nd_list ());
}

static void
summarize (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *joined = join_values (nd_arg (ctx, 0));

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("[%s]", joined));
}

/* Rule 3: components removed from an ALL input refresh the summary with an
 * empty trigger; merged with rule 2 when new items arrive (one call). */
static void
test_removed_all_items_refresh (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadRemovedAll");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("edit", "id", "edit", "n_clicks", 0),
    nd_html_div (nd_list (
      nd_dcc_input ("id", nd_dict ("t", "item", "i", 0), "value", "a"),
      nd_dcc_input ("id", nd_dict ("t", "item", "i", 1), "value", "b"),
      nd_dcc_input ("id", nd_dict ("t", "item", "i", 2), "value", "c")), "id", "items"),
    nd_html_div ("id", "summary"))));
  nd_app_callback_data (app, replace_items, rec, nd_output ("items", "children"),
                        nd_input ("edit", "n_clicks"), nd_prevent_initial_call ());
  nd_app_callback_data (app, summarize, rec, nd_output ("summary", "children"),
                        nd_input (nd_dict ("t", "item", "i", ND_ALL), "value"));

  session = start_session (app);
  g_assert_cmpuint (count_calls (rec, "summarize"), ==, 1);
  assert_args (nth_call (rec, "summarize", 0), "[[\"a\", \"b\", \"c\"]]");
  assert_prop_str (session, "summary", "children", "[a,b,c]");

  /* three items replaced by one new one: one call, the new item as trigger */
  click (session, "edit", 1);
  g_assert_cmpuint (count_calls (rec, "summarize"), ==, 2);
  assert_triggered (nth_call (rec, "summarize", 1), "{\"i\":5,\"t\":\"item\"}.value");
  assert_args (nth_call (rec, "summarize", 1), "[[\"z\"]]");
  assert_prop_str (session, "summary", "children", "[z]");

  /* the last item removed, nothing new: runs with an empty trigger */
  click (session, "edit", 2);
  g_assert_cmpuint (count_calls (rec, "summarize"), ==, 3);
  assert_triggered (nth_call (rec, "summarize", 2));
  assert_args (nth_call (rec, "summarize", 2), "[[]]");
  assert_prop_str (session, "summary", "children", "[]");
  assert_no_errors (session);
}

static void
make_excluded_chunk (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, nd_html_div (nd_list (
    nd_html_div ("cx0", "id", "cx"),
    nd_html_div ("cy0", "id", "cy"),
    nd_dcc_input ("id", "cin", "value", "cv"),
    nd_html_div ("id", "cz"))));
}

static void
chunk_a (NdCallbackContext *ctx, gpointer user_data)
{
  pass_through (ctx, user_data);
}

static void
chunk_b (NdCallbackContext *ctx, gpointer user_data)
{
  pass_through (ctx, user_data);
}

static void
chunk_c (NdCallbackContext *ctx, gpointer user_data)
{
  excl_c (ctx, user_data);
}

/* Rule 4: the §3.2 exclusion loop applies to an inserted chunk too. */
static void
test_chunk_exclusion (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadChunkExclusion");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_suppress_callback_exceptions (app, TRUE);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("go", "id", "go", "n_clicks", 0),
    nd_html_div ("id", "host"))));
  nd_app_callback_data (app, make_excluded_chunk, rec, nd_output ("host", "children"),
                        nd_input ("go", "n_clicks"), nd_prevent_initial_call ());
  nd_app_callback_data (app, chunk_a, rec, nd_output ("cx", "children"), nd_input ("nowhere", "value"));
  nd_app_callback_data (app, chunk_b, rec, nd_output ("cy", "children"), nd_input ("cx", "children"));
  nd_app_callback_data (app, chunk_c, rec, nd_output ("cz", "children"),
                        nd_input ("cx", "children"), nd_input ("cin", "value"));

  session = start_session (app);
  click (session, "go", 1);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "chunk_a"), ==, 0);
  g_assert_cmpuint (count_calls (rec, "chunk_b"), ==, 0);
  assert_prop_str (session, "cy", "children", "cy0");
  g_assert_cmpuint (count_calls (rec, "chunk_c"), ==, 1);
  assert_triggered (nth_call (rec, "chunk_c", 0));
  assert_prop_str (session, "cz", "children", "cx0+cv");
}

/* =====================================================================
 * §4.5 prevent_initial_call only stops the callback's own initial call
 * ===================================================================== */

static void
upstream (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *v = nd_callback_context_get_arg_text (ctx, 0);

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("A:%s", v));
}

static void
downstream (NdCallbackContext *ctx, gpointer user_data)
{
  pass_through (ctx, user_data);
}

static void
test_pic_only_own_initial_call (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadPicOwn");
  g_autoptr(NdSession) session = NULL;
  Call *c;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "src", "value", "s0"),
    nd_dcc_input ("id", "x", "value", "x0"),
    nd_html_div ("y0", "id", "y"))));
  nd_app_callback_data (app, upstream, rec, nd_output ("x", "value"), nd_input ("src", "value"));
  nd_app_callback_data (app, downstream, rec, nd_output ("y", "children"), nd_input ("x", "value"),
                        nd_prevent_initial_call ());

  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "upstream"), ==, 1);
  g_assert_cmpuint (count_calls (rec, "downstream"), ==, 1);
  g_assert_cmpint (call_position (rec, "upstream", 0), <, call_position (rec, "downstream", 0));
  c = nth_call (rec, "downstream", 0);
  if (c == NULL)
    return;
  assert_triggered (c, "x.value");
  g_assert_cmpstr (c->triggered_id, ==, "x");
  assert_args (c, "[\"A:s0\"]");
  assert_prop_str (session, "y", "children", "A:s0");
}

/* =====================================================================
 * §2.3-§2.5 pattern matching over the current layout
 * ===================================================================== */

static void
match_with_smaller (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *v = nd_callback_context_get_arg_text (ctx, 0);
  g_autofree char *smaller = join_values (nd_arg (ctx, 1));

  record (ctx, user_data);
  nd_return (ctx, nd_strf ("%s<%s>", v, smaller));
}

static gint64
output_index (Call *c)
{
  JsonObject *out = json_node_get_object (c->outputs);

  return json_object_get_int_member (json_object_get_object_member (out, "id"), "index");
}

/* The §2.3 example: MATCH output, MATCH input, ALLSMALLER state. */
static void
test_match_allsmaller_example (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadMatchAllSmaller");
  g_autoptr(NdSession) session = NULL;
  const char *expected_state[] = { "[]", "[\"v0\"]", "[\"v0\", \"v1\"]" };
  gboolean seen[3] = { FALSE, };
  JsonNode *items = nd_list ();
  Call *c;

  for (int i = 0; i < 3; i++)
    {
      json_array_add_element (json_node_get_array (items),
                              nd_dcc_input ("id", nd_dict ("type", "in", "index", i), "value", nd_strf ("v%d", i)));
      json_array_add_element (json_node_get_array (items),
                              nd_html_div ("id", nd_dict ("type", "out", "index", i)));
    }
  nd_app_set_layout (app, nd_html_div (items));
  nd_app_callback_data (app, match_with_smaller, rec,
                        nd_output (nd_dict ("type", "out", "index", ND_MATCH), "children"),
                        nd_input (nd_dict ("type", "in", "index", ND_MATCH), "value"),
                        nd_state (nd_dict ("type", "in", "index", ND_ALLSMALLER), "value"));

  /* page load: one initial call per output index */
  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "match_with_smaller"), ==, 3);
  for (guint n = 0; n < 3; n++)
    {
      gint64 i;
      g_autofree char *expected = NULL;

      c = nth_call (rec, "match_with_smaller", n);
      if (c == NULL)
        break;
      i = output_index (c);
      if (i < 0 || i > 2)
        {
          g_test_message ("match_with_smaller wrote output index %" G_GINT64_FORMAT, i);
          g_test_fail ();
          continue;
        }
      g_assert_false (seen[i]);
      seen[i] = TRUE;
      assert_triggered (c);
      expected = g_strdup_printf ("[\"v%" G_GINT64_FORMAT "\", %s]", i, expected_state[i]);
      assert_args (c, expected);
    }
  assert_prop (session, nd_dict ("type", "out", "index", 0), "children", "\"v0<>\"");
  assert_prop (session, nd_dict ("type", "out", "index", 1), "children", "\"v1<v0>\"");
  assert_prop (session, nd_dict ("type", "out", "index", 2), "children", "\"v2<v0,v1>\"");

  /* typing in index 2: one call, for out 2, state = in[0], in[1] */
  g_assert_true (nd_session_set_prop (session, nd_dict ("type", "in", "index", 2), "value", ND_V ("w2"), NULL));
  settle (session);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "match_with_smaller"), ==, 4);
  c = nth_call (rec, "match_with_smaller", 3);
  if (c == NULL)
    return;
  g_assert_cmpint (output_index (c), ==, 2);
  assert_triggered (c, "{\"index\":2,\"type\":\"in\"}.value");
  g_assert_cmpstr (c->triggered_id, ==, "{\"index\":2,\"type\":\"in\"}");
  assert_args (c, "[\"w2\", [\"v0\", \"v1\"]]");
  assert_prop (session, nd_dict ("type", "out", "index", 2), "children", "\"w2<v0,v1>\"");
  assert_prop (session, nd_dict ("type", "out", "index", 0), "children", "\"v0<>\"");
  assert_prop (session, nd_dict ("type", "out", "index", 1), "children", "\"v1<v0>\"");
}

static void
set_all_buttons (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, nd_list (10, 20, 30));
}

static void
log_button (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, "logged");
}

/* Outputs without MATCH, Inputs with MATCH: one firing per distinct MATCH
 * value of the triggering inputs, State resolved against the trigger. */
static void
test_match_inputs_fixed_output (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadMatchFixedOutput");
  g_autoptr(NdSession) session = NULL;
  gboolean seen[4] = { FALSE, };
  Call *c;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("all", "id", "all", "n_clicks", 0),
    nd_html_button ("1", "id", nd_dict ("t", "btn", "i", 1), "n_clicks", 0),
    nd_html_button ("2", "id", nd_dict ("t", "btn", "i", 2), "n_clicks", 0),
    nd_html_button ("3", "id", nd_dict ("t", "btn", "i", 3), "n_clicks", 0),
    nd_html_div ("id", "log"))));
  nd_app_callback_data (app, set_all_buttons, rec,
                        nd_output (nd_dict ("t", "btn", "i", ND_ALL), "n_clicks"),
                        nd_input ("all", "n_clicks"), nd_prevent_initial_call ());
  nd_app_callback_data (app, log_button, rec, nd_output ("log", "children"),
                        nd_input (nd_dict ("t", "btn", "i", ND_MATCH), "n_clicks"),
                        nd_state (nd_dict ("t", "btn", "i", ND_MATCH), "id"),
                        nd_prevent_initial_call ());

  session = start_session (app);
  g_assert_cmpuint (count_calls (rec, "log_button"), ==, 0);

  /* one button: one call, resolved against it */
  g_assert_true (nd_session_set_prop (session, nd_dict ("t", "btn", "i", 2), "n_clicks", ND_V (1), NULL));
  settle (session);
  g_assert_cmpuint (count_calls (rec, "log_button"), ==, 1);
  c = nth_call (rec, "log_button", 0);
  assert_triggered (c, "{\"i\":2,\"t\":\"btn\"}.n_clicks");
  assert_args (c, "[1, {\"i\": 2, \"t\": \"btn\"}]");

  /* three buttons changed by one result: three calls, one per index */
  click (session, "all", 1);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "log_button"), ==, 4);
  for (guint n = 1; n < 4; n++)
    {
      JsonArray *args;
      gint64 i;
      g_autofree char *trigger = NULL;

      c = nth_call (rec, "log_button", n);
      if (c == NULL)
        break;
      args = json_node_get_array (c->args);
      i = json_object_get_int_member (json_array_get_object_element (args, 1), "i");
      if (i < 1 || i > 3)
        {
          g_test_message ("log_button saw id index %" G_GINT64_FORMAT, i);
          g_test_fail ();
          continue;
        }
      g_assert_false (seen[i]);
      seen[i] = TRUE;
      g_assert_cmpint (json_array_get_int_element (args, 0), ==, 10 * i);
      trigger = g_strdup_printf ("{\"i\":%" G_GINT64_FORMAT ",\"t\":\"btn\"}.n_clicks", i);
      assert_triggered (c, trigger);
    }
}

static void
label_by_position (NdCallbackContext *ctx, gpointer user_data)
{
  JsonArray *values = json_node_get_array (nd_arg (ctx, 0));
  JsonNode *out = nd_list ();

  record (ctx, user_data);
  for (guint k = 0; k < json_array_get_length (values); k++)
    json_array_add_element (json_node_get_array (out),
                            nd_strf ("%u:%s", k, json_array_get_string_element (values, k)));
  nd_return (ctx, out);
}

/* ALL lists follow document order (depth-first, pre-order), not id order,
 * and a returned list is applied to the outputs position by position. */
static void
test_all_document_order (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadAllOrder");
  g_autoptr(NdSession) session = NULL;
  Call *c;
  JsonArray *outs;
  const char *label_keys[] = { "z", "b", "m" };

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_div (nd_list (
      nd_dcc_input ("id", nd_dict ("t", "it", "i", 3), "value", "c"),
      nd_html_div (nd_list (nd_dcc_input ("id", nd_dict ("t", "it", "i", 1), "value", "a"))))),
    nd_dcc_input ("id", nd_dict ("t", "it", "i", 2), "value", "b"),
    nd_html_div ("id", nd_dict ("t", "lab", "i", "z")),
    nd_html_div (nd_list (nd_html_div ("id", nd_dict ("t", "lab", "i", "b")))),
    nd_html_div ("id", nd_dict ("t", "lab", "i", "m")))));
  nd_app_callback_data (app, label_by_position, rec,
                        nd_output (nd_dict ("t", "lab", "i", ND_ALL), "children"),
                        nd_input (nd_dict ("t", "it", "i", ND_ALL), "value"));

  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "label_by_position"), ==, 1);
  c = nth_call (rec, "label_by_position", 0);
  if (c == NULL)
    return;
  assert_args (c, "[[\"c\", \"a\", \"b\"]]");
  /* outputs_list: a list (one per Output) holding the ALL list in document order */
  outs = json_node_get_array (json_array_get_element (json_node_get_array (c->outputs), 0));
  g_assert_cmpuint (json_array_get_length (outs), ==, 3);
  for (guint k = 0; k < MIN (3, json_array_get_length (outs)); k++)
    {
      JsonObject *id = json_object_get_object_member (json_array_get_object_element (outs, k), "id");
      g_assert_cmpstr (json_object_get_string_member (id, "i"), ==, label_keys[k]);
    }
  assert_prop (session, nd_dict ("t", "lab", "i", "z"), "children", "\"0:c\"");
  assert_prop (session, nd_dict ("t", "lab", "i", "b"), "children", "\"1:a\"");
  assert_prop (session, nd_dict ("t", "lab", "i", "m"), "children", "\"2:b\"");

  /* after a user change the order is the same */
  g_assert_true (nd_session_set_prop (session, nd_dict ("t", "it", "i", 1), "value", ND_V ("A"), NULL));
  settle (session);
  g_assert_cmpuint (count_calls (rec, "label_by_position"), ==, 2);
  assert_args (nth_call (rec, "label_by_position", 1), "[[\"c\", \"A\", \"b\"]]");
  assert_prop (session, nd_dict ("t", "lab", "i", "b"), "children", "\"1:A\"");
}

static void
ghost_outputs (NdCallbackContext *ctx, gpointer user_data)
{
  JsonNode *outs = nd_callback_context_get_outputs_list (ctx);
  JsonNode *first = json_array_get_element (json_node_get_array (outs), 0);

  record (ctx, user_data);
  nd_return (ctx, nd_list (), nd_strf ("ok:%u", json_array_get_length (json_node_get_array (first))));
}

/* An ALL output with no matching component is an empty list, and the
 * callback returns [] for it. */
static void
test_all_output_no_matches (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadAllOutputEmpty");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "a", "value", "a0"),
    nd_html_div ("id", "o"))));
  nd_app_callback_data (app, ghost_outputs, rec,
                        nd_output (nd_dict ("t", "ghost", "i", ND_ALL), "children"),
                        nd_output ("o", "children"),
                        nd_input ("a", "value"));

  session = start_session (app);
  assert_no_errors (session);
  g_assert_cmpuint (count_calls (rec, "ghost_outputs"), ==, 1);
  if (count_calls (rec, "ghost_outputs") == 0)
    return;
  assert_json (nth_call (rec, "ghost_outputs", 0)->outputs,
               "[[], {\"id\": \"o\", \"property\": \"children\"}]", "outputs_list");
  assert_prop_str (session, "o", "children", "ok:0");
}

static void
too_many_labels (NdCallbackContext *ctx, gpointer user_data)
{
  record (ctx, user_data);
  nd_return (ctx, nd_list ("x", "y", "z"));
}

/* The returned list must have one value per matched component. */
static void
test_all_output_length_mismatch (void)
{
  g_autoptr(Recorder) rec = recorder_new ();
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.LoadAllOutputLength");
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "a", "value", "a0"),
    nd_html_div ("old 1", "id", nd_dict ("t", "lab", "i", 1)),
    nd_html_div ("old 2", "id", nd_dict ("t", "lab", "i", 2)))));
  nd_app_callback_data (app, too_many_labels, rec,
                        nd_output (nd_dict ("t", "lab", "i", ND_ALL), "children"),
                        nd_input ("a", "value"));

  session = start_session (app);
  g_assert_cmpuint (count_calls (rec, "too_many_labels"), ==, 1);
  assert_prop (session, nd_dict ("t", "lab", "i", 1), "children", "\"old 1\"");
  assert_prop (session, nd_dict ("t", "lab", "i", 2), "children", "\"old 2\"");
  assert_one_error (session, "\"t\":\"lab\"");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* One broken rule should not hide the others' results. */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/load/3.1/initial-chain-dependency-order", test_initial_chain_order);
  g_test_add_func ("/load/3.1/mount-props-before-initial-calls", test_mount_props_before_initial);
  g_test_add_func ("/load/3.1/mount-store-memory-timestamp", test_mount_store_memory);
  g_test_add_func ("/load/3.1/mount-store-local-data", test_mount_store_local);

  g_test_add_func ("/load/3.2/prevent-initial-call", test_prevent_initial_call);
  g_test_add_func ("/load/3.2/dedup-multi-output", test_dedup_outputs);
  g_test_add_func ("/load/3.2/dedup-match-per-combination", test_dedup_match);
  g_test_add_func ("/load/3.2/exclusion-fixed-point", test_exclusion_fixed_point);
  g_test_add_func ("/load/3.2/all-multi-inputs-kept", test_all_multi_kept);

  g_test_add_func ("/load/3.3/no-output-callbacks", test_no_output_callbacks);
  g_test_add_func ("/load/3.3/no-input-callbacks", test_no_input_callbacks);

  g_test_add_func ("/load/3.4/all-inputs-missing-skipped", test_missing_all_inputs_skipped);
  g_test_add_func ("/load/3.4/some-inputs-missing-error", test_missing_some_inputs_error);
  g_test_add_func ("/load/3.4/allow-optional-null", test_allow_optional_null);
  g_test_add_func ("/load/3.4/missing-state-error", test_missing_state_error);
  g_test_add_func ("/load/3.4/missing-output-error", test_missing_output_error);
  g_test_add_func ("/load/3.4/missing-output-empty-lists-skipped", test_missing_output_empty_lists_skipped);
  g_test_add_func ("/load/3.4/vanished-outputs-dropped", test_vanished_outputs_dropped);
  g_test_add_func ("/load/3.4/match-multiple-objects-error", test_match_multiple_objects);

  g_test_add_func ("/load/4.4/inserted-input-fires-despite-pic", test_inserted_input_fires_despite_pic);
  g_test_add_func ("/load/4.4/chunk-outputs-get-initial-calls", test_chunk_outputs_initial_calls);
  g_test_add_func ("/load/4.4/removed-all-items-refresh-summary", test_removed_all_items_refresh);
  g_test_add_func ("/load/4.4/chunk-exclusion", test_chunk_exclusion);

  g_test_add_func ("/load/4.5/pic-only-stops-own-initial-call", test_pic_only_own_initial_call);

  g_test_add_func ("/load/2.3/match-allsmaller-example", test_match_allsmaller_example);
  g_test_add_func ("/load/2.3/match-inputs-fixed-output", test_match_inputs_fixed_output);
  g_test_add_func ("/load/2.4/all-lists-document-order", test_all_document_order);
  g_test_add_func ("/load/2.4/all-output-no-matches-empty-list", test_all_output_no_matches);
  g_test_add_func ("/load/2.4/all-output-length-mismatch", test_all_output_length_mismatch);

  return g_test_run ();
}
