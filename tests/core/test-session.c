/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Sessions end to end: one app, many sessions, each with its own props
 * (the seed's "global variable" lesson), dcc.Store storage types
 * (callback-semantics §13), callbacks on worker threads (DESIGN.md,
 * "Threads"; §5.2 stale results, §10.1 `running`, §14 loading) and many
 * sessions opened and closed.
 */
#include <ndash.h>

#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

/* Only a safety net so a broken library fails instead of hanging. */
#define WAIT_TIMEOUT_MS 5000
#define GATE_TIMEOUT_S 10

#define STORE_APP_ID "org.ndash.test.SessionStore"
#define STORE_ID "prefs-store"

static GThread *main_thread;

/* ---- small helpers ---- */

static NdSession *
start_session (NdApp *app)
{
  g_autoptr(GError) error = NULL;
  NdSession *session = nd_app_new_session (app, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_true (nd_session_start (session, &error));
  g_assert_no_error (error);
  g_assert_true (nd_session_run_until_idle (session, WAIT_TIMEOUT_MS));
  return session;
}

/* What the user types, then everything it causes. */
static void
user_types (NdSession *session, const char *id, const char *prop, JsonNode *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_session_set_prop (session, nd_json_string (id), prop, value, &error));
  g_assert_no_error (error);
  g_assert_true (nd_session_run_until_idle (session, WAIT_TIMEOUT_MS));
}

static JsonNode *
get_prop (NdSession *session, const char *id, const char *prop)
{
  g_autoptr(JsonNode) id_node = nd_json_string (id);

  return nd_session_get_prop (session, id_node, prop);
}

static gboolean
is_loading (NdSession *session, const char *id, const char *prop)
{
  g_autoptr(JsonNode) id_node = nd_json_string (id);

  return nd_session_is_loading (session, id_node, prop);
}

static void
assert_json_at (const char *file, int line, const char *what,
                JsonNode *actual, const char *expected_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) expected = nd_json_parse (expected_text, -1, 0, &error);

  g_assert_no_error (error);
  if (!nd_json_equal (actual, expected))
    {
      g_autofree char *got = actual ? nd_json_to_string (actual, FALSE) : g_strdup ("(undefined)");
      g_autofree char *msg = g_strdup_printf ("%s: expected %s, got %s", what, expected_text, got);
      g_assertion_message (G_LOG_DOMAIN, file, line, G_STRFUNC, msg);
    }
}

#define assert_prop_json(session, id, prop, expected) \
  assert_json_at (__FILE__, __LINE__, id "." prop, get_prop ((session), (id), (prop)), (expected))

/* "shown" displays the JSON text of the Store's data. */
#define assert_shown_json(session, expected) G_STMT_START {                         \
    const char *shown_ = nd_session_get_prop_string ((session), "shown", "children"); \
    g_autoptr(JsonNode) parsed_ = NULL;                                              \
    g_assert_nonnull (shown_);                                                       \
    parsed_ = nd_json_parse (shown_, -1, 0, NULL);                                   \
    g_assert_nonnull (parsed_);                                                      \
    assert_json_at (__FILE__, __LINE__, "shown.children", parsed_, (expected));      \
  } G_STMT_END

static gint64
prop_int (NdSession *session, const char *id, const char *prop)
{
  JsonNode *v = get_prop (session, id, prop);

  g_assert_true (nd_json_is_number (v));
  return (gint64) nd_json_get_number (v);
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* ---- waiting on the main context ---- */

typedef gboolean (*Condition) (gpointer data);

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the default main context (every session's here) until @cond
 * holds.  Workers wake the context when something changes. */
static gboolean
iterate_until (Condition cond, gpointer data)
{
  gboolean timed_out = FALSE;
  GSource *timer = g_timeout_source_new (WAIT_TIMEOUT_MS);

  g_source_set_callback (timer, set_flag, &timed_out, NULL);
  g_source_attach (timer, NULL);
  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_source_destroy (timer);
  g_source_unref (timer);
  return cond (data);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

typedef struct {
  NdSession *session;
  const char *id;
  const char *prop;
  const char *value;
} PropWait;

static gboolean
prop_is (gpointer data)
{
  PropWait *w = data;

  return g_strcmp0 (nd_session_get_prop_string (w->session, w->id, w->prop), w->value) == 0;
}

/* ---- recording what a session shows ---- */

typedef struct {
  char *id_text;
  char *prop;
  JsonNode *value;   /* NULL when undefined */
  GThread *thread;
} PropChange;

static void
prop_change_free (gpointer data)
{
  PropChange *c = data;

  g_free (c->id_text);
  g_free (c->prop);
  g_clear_pointer (&c->value, json_node_unref);
  g_free (c);
}

typedef struct {
  GMutex lock;
  GCond cond;
  GPtrArray *changes;
} PropLog;

static void
prop_log_init (PropLog *log)
{
  g_mutex_init (&log->lock);
  g_cond_init (&log->cond);
  log->changes = g_ptr_array_new_with_free_func (prop_change_free);
}

static void
prop_log_clear (PropLog *log)
{
  g_ptr_array_unref (log->changes);
  g_cond_clear (&log->cond);
  g_mutex_clear (&log->lock);
}

/* May run on any thread if the library is broken; hence the lock. */
static void
on_prop_changed (NdSession *session, const char *id_text, const char *prop,
                 JsonNode *value, gpointer user_data)
{
  PropLog *log = user_data;
  PropChange *c = g_new0 (PropChange, 1);

  c->id_text = g_strdup (id_text);
  c->prop = g_strdup (prop);
  c->value = value ? nd_json_deep_copy (value) : NULL;
  c->thread = g_thread_self ();
  g_mutex_lock (&log->lock);
  g_ptr_array_add (log->changes, c);
  g_cond_broadcast (&log->cond);
  g_mutex_unlock (&log->lock);
}

/* Waits, outside the main loop, up to @timeout_ms for a change past the
 * first @n.  A correct library never delivers one here. */
static void
prop_log_wait_beyond (PropLog *log, guint n, guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&log->lock);
  while (log->changes->len <= n)
    if (!g_cond_wait_until (&log->cond, &log->lock, deadline))
      break;
  g_mutex_unlock (&log->lock);
}

static guint
prop_log_len (PropLog *log)
{
  guint n;

  g_mutex_lock (&log->lock);
  n = log->changes->len;
  g_mutex_unlock (&log->lock);
  return n;
}

/* The values a prop took, as JSON text, joined with " | ". */
static char *
prop_log_history (PropLog *log, const char *id_text, const char *prop)
{
  GString *out = g_string_new (NULL);

  g_mutex_lock (&log->lock);
  for (guint i = 0; i < log->changes->len; i++)
    {
      PropChange *c = g_ptr_array_index (log->changes, i);
      g_autofree char *text = NULL;

      if (strcmp (c->id_text, id_text) != 0 || strcmp (c->prop, prop) != 0)
        continue;
      text = c->value ? nd_json_to_string (c->value, FALSE) : g_strdup ("undefined");
      g_string_append_printf (out, "%s%s", out->len ? " | " : "", text);
    }
  g_mutex_unlock (&log->lock);
  return g_string_free (out, FALSE);
}

/* =====================================================================
 * 1. Session isolation
 * ===================================================================== */

/* The seed's callback, with the "global" previous value kept per session
 * in a memory Store (the seed's Option 2) instead of a module global. */
static void
update_output_div (NdCallbackContext *ctx, gpointer user_data)
{
  JsonNode *value = nd_arg (ctx, 0);
  JsonNode *previous = nd_arg (ctx, 1);

  nd_return (ctx, nd_json_deep_copy (previous), nd_json_deep_copy (value));
}

static NdApp *
seed_app_new (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.GlobalVariable");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("value", nd_null (), "id", "input"),
    nd_html_h1 ("id", "content"),
    nd_dcc_store ("id", "previous", "storage_type", "memory")),
    "className", "container"));
  nd_app_callback (app, update_output_div,
                   nd_output ("content", "children"),
                   nd_output ("previous", "data"),
                   nd_input ("input", "value"),
                   nd_state ("previous", "data"));
  return app;
}

/* Every string a session's input or H1 ever showed was typed there. */
static void
assert_only_own_values (PropLog *log, const char * const *typed, guint n_typed,
                        guint which, const char *name)
{
  g_mutex_lock (&log->lock);
  for (guint i = 0; i < log->changes->len; i++)
    {
      PropChange *c = g_ptr_array_index (log->changes, i);
      const char *s;
      gboolean own = FALSE;

      if (!nd_json_is_string (c->value))
        continue;
      s = json_node_get_string (c->value);
      for (guint k = which; k < n_typed && !own; k += 2)
        own = strcmp (typed[k], s) == 0;
      if (!own)
        {
          g_autofree char *msg = g_strdup_printf ("session %s showed \"%s\" in %s.%s, typed in the other session",
                                                  name, s, c->id_text, c->prop);
          g_mutex_unlock (&log->lock);
          g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
          return;
        }
    }
  g_mutex_unlock (&log->lock);
}

static void
test_isolation_global_variable_seed (void)
{
  g_autoptr(NdApp) app = seed_app_new ();
  g_autoptr(NdSession) s1 = NULL;
  g_autoptr(NdSession) s2 = NULL;
  const char * const typed[] = { "a", "b", "c", "d", "e", "f", "g", "h" };
  const char *last[2] = { NULL, NULL };
  PropLog logs[2];

  s1 = start_session (app);
  s2 = start_session (app);
  g_assert_cmpstr (nd_session_get_id (s1), !=, nd_session_get_id (s2));
  prop_log_init (&logs[0]);
  prop_log_init (&logs[1]);
  g_signal_connect (s1, "prop-changed", G_CALLBACK (on_prop_changed), &logs[0]);
  g_signal_connect (s2, "prop-changed", G_CALLBACK (on_prop_changed), &logs[1]);

  /* s1 types "a", s2 "b", s1 "c"...: with a shared global, s1 would show
   * "b" after typing "c"; each session must show its own previous value. */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      NdSession *s = i % 2 == 0 ? s1 : s2;
      NdSession *other = i % 2 == 0 ? s2 : s1;
      const char *previous = last[i % 2];

      g_assert_true (nd_session_set_prop (s, nd_json_string ("input"), "value", nd_json_string (typed[i]), NULL));
      g_assert_true (nd_session_run_until_idle (s, WAIT_TIMEOUT_MS));
      g_assert_true (nd_session_run_until_idle (other, WAIT_TIMEOUT_MS));

      g_assert_cmpstr (nd_session_get_prop_string (s, "input", "value"), ==, typed[i]);
      if (previous)
        g_assert_cmpstr (nd_session_get_prop_string (s, "content", "children"), ==, previous);
      else
        g_assert_true (nd_json_is_null (get_prop (s, "content", "children")));
      {
        g_autofree char *typed_json = nd_json_to_string (get_prop (s, "input", "value"), FALSE);
        assert_prop_json (s, "previous", "data", typed_json);
      }

      /* The other session did not move. */
      if (last[(i + 1) % 2])
        g_assert_cmpstr (nd_session_get_prop_string (other, "input", "value"), ==, last[(i + 1) % 2]);
      else
        g_assert_true (nd_json_is_null (get_prop (other, "input", "value")));
      last[i % 2] = typed[i];
    }

  assert_only_own_values (&logs[0], typed, G_N_ELEMENTS (typed), 0, "1");
  assert_only_own_values (&logs[1], typed, G_N_ELEMENTS (typed), 1, "2");
  g_assert_cmpuint (prop_log_len (&logs[0]), >, 0);
  g_assert_cmpuint (prop_log_len (&logs[1]), >, 0);

  g_signal_handlers_disconnect_by_data (s1, &logs[0]);
  g_signal_handlers_disconnect_by_data (s2, &logs[1]);
  prop_log_clear (&logs[0]);
  prop_log_clear (&logs[1]);
}

/* The same app with the previous value kept in C, keyed by the session
 * id from the callback context (flask-caching's per-session pattern). */
typedef struct {
  GMutex lock;
  GHashTable *previous;   /* session id -> JsonNode */
  GPtrArray *calls;       /* "session id\nvalue" per call with a string value */
} KeyedState;

static void
update_output_keyed (NdCallbackContext *ctx, gpointer user_data)
{
  KeyedState *st = user_data;
  const char *sid = nd_callback_context_get_session_id (ctx);
  JsonNode *value = nd_arg (ctx, 0);
  JsonNode *previous;
  JsonNode *answer;

  g_assert_nonnull (sid);
  g_mutex_lock (&st->lock);
  previous = g_hash_table_lookup (st->previous, sid);
  answer = previous ? nd_json_deep_copy (previous) : nd_json_null ();
  g_hash_table_insert (st->previous, g_strdup (sid), nd_json_deep_copy (value));
  if (nd_json_is_string (value))
    g_ptr_array_add (st->calls, g_strdup_printf ("%s\n%s", sid, json_node_get_string (value)));
  g_mutex_unlock (&st->lock);
  nd_return (ctx, answer);
}

static void
test_isolation_session_id_keyed_state (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.KeyedState");
  g_autoptr(NdSession) s1 = NULL;
  g_autoptr(NdSession) s2 = NULL;
  KeyedState st;
  const char * const typed[] = { "a", "b", "c", "d", "e", "f" };
  const char *last[2] = { NULL, NULL };

  g_mutex_init (&st.lock);
  st.previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  st.calls = g_ptr_array_new_with_free_func (g_free);

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("value", nd_null (), "id", "input"),
    nd_html_h1 ("id", "content"))));
  nd_app_callback_data (app, update_output_keyed, &st,
                        nd_output ("content", "children"),
                        nd_input ("input", "value"));

  s1 = start_session (app);
  s2 = start_session (app);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      NdSession *s = i % 2 == 0 ? s1 : s2;
      g_autofree char *expected_call = g_strdup_printf ("%s\n%s", nd_session_get_id (s), typed[i]);

      user_types (s, "input", "value", nd_json_string (typed[i]));
      if (last[i % 2])
        g_assert_cmpstr (nd_session_get_prop_string (s, "content", "children"), ==, last[i % 2]);
      else
        g_assert_true (nd_json_is_null (get_prop (s, "content", "children")));
      last[i % 2] = typed[i];

      /* The callback was told which session it ran for. */
      g_mutex_lock (&st.lock);
      g_assert_cmpuint (st.calls->len, ==, i + 1);
      g_assert_cmpstr (g_ptr_array_index (st.calls, i), ==, expected_call);
      g_mutex_unlock (&st.lock);
    }
  g_assert_cmpuint (g_hash_table_size (st.previous), ==, 2);

  g_clear_object (&s1);
  g_clear_object (&s2);
  g_clear_object (&app);
  g_hash_table_unref (st.previous);
  g_ptr_array_unref (st.calls);
  g_mutex_clear (&st.lock);
}

/* Dash's `app.layout = serve_layout`. */
static JsonNode *
serve_layout (NdApp *app, gpointer user_data)
{
  guint *n_calls = user_data;
  guint n = (guint) g_atomic_int_add ((gint *) n_calls, 1) + 1;

  return nd_html_div (nd_list (
    nd_dcc_input ("id", "input", "value", "start"),
    nd_html_h1 ("id", "content"),
    nd_html_div (nd_strf ("layout #%u", n), "id", "stamp")));
}

static void
echo_typed (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("You typed: %s", text));
}

static void
test_isolation_layout_func_per_session (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ServeLayout");
  g_autoptr(NdSession) s1 = NULL;
  g_autoptr(NdSession) s2 = NULL;
  g_autoptr(GError) error = NULL;
  guint n_calls = 0, base;
  const char *stamp1, *stamp2;

  nd_app_set_layout_func (app, serve_layout, &n_calls, NULL);
  nd_app_callback (app, echo_typed,
                   nd_output ("content", "children"),
                   nd_input ("input", "value"));
  /* Dash may build the layout once to validate; count from here. */
  g_assert_true (nd_app_validate (app, &error));
  g_assert_no_error (error);
  base = n_calls;

  s1 = nd_app_new_session (app, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_calls, ==, base + 1);
  s2 = nd_app_new_session (app, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_calls, ==, base + 2);

  g_assert_true (nd_session_start (s1, &error));
  g_assert_true (nd_session_start (s2, &error));
  g_assert_no_error (error);
  g_assert_true (nd_session_run_until_idle (s1, WAIT_TIMEOUT_MS));
  g_assert_true (nd_session_run_until_idle (s2, WAIT_TIMEOUT_MS));

  /* Each session got its own call's layout. */
  stamp1 = nd_session_get_prop_string (s1, "stamp", "children");
  stamp2 = nd_session_get_prop_string (s2, "stamp", "children");
  g_assert_nonnull (stamp1);
  g_assert_nonnull (stamp2);
  g_assert_cmpstr (stamp1, !=, stamp2);

  user_types (s1, "input", "value", nd_json_string ("mine"));
  g_assert_cmpstr (nd_session_get_prop_string (s1, "content", "children"), ==, "You typed: mine");
  g_assert_cmpstr (nd_session_get_prop_string (s2, "input", "value"), ==, "start");
  g_assert_cmpstr (nd_session_get_prop_string (s2, "content", "children"), ==, "You typed: start");
  g_assert_true (nd_session_get_layout (s1) != nd_session_get_layout (s2));

  /* Callbacks and user input never rebuild the layout. */
  g_assert_cmpuint (n_calls, ==, base + 2);
}

static void
test_isolation_static_layout_copies (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.StaticLayout");
  g_autoptr(NdSession) s1 = NULL;
  g_autoptr(NdSession) s2 = NULL;
  g_autoptr(NdSession) s3 = NULL;
  g_autoptr(JsonNode) app_layout = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *app_input;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "input", "value", "start"),
    nd_html_h1 ("id", "content"))));
  nd_app_callback (app, echo_typed,
                   nd_output ("content", "children"),
                   nd_input ("input", "value"));
  s1 = start_session (app);
  s2 = start_session (app);

  user_types (s1, "input", "value", nd_json_string ("mine"));
  g_assert_cmpstr (nd_session_get_prop_string (s1, "content", "children"), ==, "You typed: mine");
  g_assert_cmpstr (nd_session_get_prop_string (s2, "input", "value"), ==, "start");
  g_assert_cmpstr (nd_session_get_prop_string (s2, "content", "children"), ==, "You typed: start");

  /* The app's layout is the template, untouched by sessions. */
  app_layout = nd_app_get_layout (app, &error);
  g_assert_no_error (error);
  app_input = json_array_get_element (json_node_get_array (nd_component_get_prop (app_layout, "children")), 0);
  assert_json_at (__FILE__, __LINE__, "app layout input.value",
                  nd_component_get_prop (app_input, "value"), "\"start\"");
  g_assert_true (nd_json_is_null (nd_component_get_prop (json_array_get_element (json_node_get_array (nd_component_get_prop (app_layout, "children")), 1),
                                                         "children")));

  /* A session opened later starts from the template too. */
  s3 = start_session (app);
  g_assert_cmpstr (nd_session_get_prop_string (s3, "input", "value"), ==, "start");
  g_assert_cmpstr (nd_session_get_prop_string (s3, "content", "children"), ==, "You typed: start");
}

/* =====================================================================
 * 2. dcc.Store (callback-semantics §13)
 * ===================================================================== */

typedef struct {
  char *dir;
  GMutex lock;
  GHashTable *show_calls;   /* session id -> number of calls of show_data */
} StoreFixture;

static void
store_fixture_setup (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("nd-session-store-XXXXXX", &error);
  g_assert_no_error (error);
  g_mutex_init (&f->lock);
  f->show_calls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
store_fixture_teardown (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  /* Stores write flat files, so one level is enough. */
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_chmod (path, 0600);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_hash_table_unref (f->show_calls);
  g_mutex_clear (&f->lock);
}

static guint
show_calls (StoreFixture *f, NdSession *session)
{
  guint n;

  g_mutex_lock (&f->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (f->show_calls, nd_session_get_id (session)));
  g_mutex_unlock (&f->lock);
  return n;
}

static void
save_typed (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_dict ("typed", nd_json_deep_copy (nd_arg (ctx, 0))));
}

static void
show_data (NdCallbackContext *ctx, gpointer user_data)
{
  StoreFixture *f = user_data;
  const char *sid = nd_callback_context_get_session_id (ctx);
  g_autofree char *text = nd_json_to_string (nd_arg (ctx, 0), FALSE);
  guint n;

  g_mutex_lock (&f->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (f->show_calls, sid));
  g_hash_table_insert (f->show_calls, g_strdup (sid), GUINT_TO_POINTER (n + 1));
  g_mutex_unlock (&f->lock);
  nd_return (ctx, nd_str (text));
}

static void
show_timestamp (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_strf ("%" G_GINT64_FORMAT, nd_callback_context_get_arg_int (ctx, 0, -2)));
}

static void
clear_store (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_bool (TRUE));
}

/* One Store fed by an input (or re-written by the "write" button), shown
 * by "shown", its timestamp by "ts-shown", cleared by "clear". */
static NdApp *
store_app_new (StoreFixture *f, const char *storage_type, const char *layout_data)
{
  NdApp *app = nd_app_new (STORE_APP_ID);
  JsonNode *store = nd_dcc_store ("id", STORE_ID, "storage_type", storage_type);

  if (layout_data)
    nd_component_set_prop (store, "data", nd_json_parse (layout_data, -1, 0, NULL));
  /* Always a temporary data dir: no test may touch the user's files. */
  nd_app_set_data_dir (app, f->dir);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "type", "text"),
    nd_html_button ("Write again", "id", "write"),
    nd_html_button ("Clear", "id", "clear"),
    store,
    nd_html_div ("id", "shown"),
    nd_html_div ("id", "ts-shown"))));
  nd_app_callback (app, save_typed,
                   nd_output (STORE_ID, "data"),
                   nd_input ("in", "value"),
                   nd_input ("write", "n_clicks"),
                   nd_prevent_initial_call ());
  nd_app_callback_data (app, show_data, f,
                        nd_output ("shown", "children"),
                        nd_input (STORE_ID, "data"));
  nd_app_callback (app, show_timestamp,
                   nd_output ("ts-shown", "children"),
                   nd_input (STORE_ID, "modified_timestamp"),
                   nd_prevent_initial_call ());
  nd_app_callback (app, clear_store,
                   nd_output (STORE_ID, "clear_data"),
                   nd_input ("clear", "n_clicks"),
                   nd_prevent_initial_call ());
  return app;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Names in the data dir, sorted. */
static GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* The one file a single local Store keeps. */
static char *
single_store_file (const char *dir)
{
  g_autoptr(GPtrArray) names = list_dir (dir);

  g_assert_cmpuint (names->len, ==, 1);
  return g_build_filename (dir, g_ptr_array_index (names, 0), NULL);
}

static gboolean
json_contains (JsonNode *haystack, JsonNode *needle)
{
  if (nd_json_equal (haystack, needle))
    return TRUE;
  if (JSON_NODE_TYPE (haystack) == JSON_NODE_OBJECT)
    {
      JsonObjectIter it;
      JsonNode *member;

      json_object_iter_init (&it, json_node_get_object (haystack));
      while (json_object_iter_next (&it, NULL, &member))
        if (json_contains (member, needle))
          return TRUE;
    }
  else if (JSON_NODE_TYPE (haystack) == JSON_NODE_ARRAY)
    {
      JsonArray *arr = json_node_get_array (haystack);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        if (json_contains (json_array_get_element (arr, i), needle))
          return TRUE;
    }
  return FALSE;
}

/* The saved file is plain JSON (read with json-glib alone) holding @data. */
static void
assert_file_holds (const char *path, const char *data_text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) data = nd_json_parse (data_text, -1, 0, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  g_assert_true (json_contains (json_parser_get_root (parser), data));
}

static void
test_store_memory_per_session (StoreFixture *f, gconstpointer data)
{
  g_autoptr(NdApp) app = store_app_new (f, "memory", "{\"from\": \"layout\"}");
  g_autoptr(NdSession) s1 = start_session (app);
  g_autoptr(NdSession) s2 = NULL;

  assert_prop_json (s1, STORE_ID, "data", "{\"from\": \"layout\"}");
  user_types (s1, "in", "value", nd_json_string ("x"));
  assert_prop_json (s1, STORE_ID, "data", "{\"typed\": \"x\"}");
  assert_shown_json (s1, "{\"typed\": \"x\"}");

  /* A new session starts from the layout's data. */
  s2 = start_session (app);
  assert_prop_json (s2, STORE_ID, "data", "{\"from\": \"layout\"}");
  assert_shown_json (s2, "{\"from\": \"layout\"}");

  user_types (s2, "in", "value", nd_json_string ("y"));
  assert_prop_json (s2, STORE_ID, "data", "{\"typed\": \"y\"}");
  assert_prop_json (s1, STORE_ID, "data", "{\"typed\": \"x\"}");
  assert_shown_json (s1, "{\"typed\": \"x\"}");

  /* memory never reaches the disk. */
  {
    g_autoptr(GPtrArray) names = list_dir (f->dir);
    g_assert_cmpuint (names->len, ==, 0);
  }
}

static void
test_store_session_shared (StoreFixture *f, gconstpointer data)
{
  g_autoptr(NdApp) app = store_app_new (f, "session", NULL);
  g_autoptr(NdSession) s1 = start_session (app);
  g_autoptr(NdSession) s2 = NULL;
  gint64 ts;

  g_assert_true (nd_json_is_null (get_prop (s1, STORE_ID, "data")));
  user_types (s1, "in", "value", nd_json_string ("x"));
  assert_prop_json (s1, STORE_ID, "data", "{\"typed\": \"x\"}");
  ts = prop_int (s1, STORE_ID, "modified_timestamp");
  g_clear_object (&s1);

  /* A later session of the same app (same process) gets it at mount, so
   * its initial call already sees it, once. */
  s2 = start_session (app);
  assert_prop_json (s2, STORE_ID, "data", "{\"typed\": \"x\"}");
  g_assert_cmpint (prop_int (s2, STORE_ID, "modified_timestamp"), ==, ts);
  assert_shown_json (s2, "{\"typed\": \"x\"}");
  g_assert_cmpuint (show_calls (f, s2), ==, 1);

  /* session storage is process memory, not a file. */
  {
    g_autoptr(GPtrArray) names = list_dir (f->dir);
    g_assert_cmpuint (names->len, ==, 0);
  }
}

static void
test_store_local_persists (StoreFixture *f, gconstpointer data)
{
  g_autoptr(NdApp) app1 = store_app_new (f, "local", NULL);
  g_autoptr(NdApp) app2 = NULL;
  g_autoptr(NdSession) s1 = start_session (app1);
  g_autoptr(NdSession) s2 = NULL;
  g_autofree char *path = NULL;
  gint64 ts;

  user_types (s1, "in", "value", nd_json_string ("v1"));
  assert_prop_json (s1, STORE_ID, "data", "{\"typed\": \"v1\"}");
  ts = prop_int (s1, STORE_ID, "modified_timestamp");
  g_clear_object (&s1);
  g_clear_object (&app1);

  path = single_store_file (f->dir);
  assert_file_holds (path, "{\"typed\": \"v1\"}");

  /* A new app object (a new run of the program) with the same data dir. */
  app2 = store_app_new (f, "local", NULL);
  s2 = start_session (app2);
  assert_prop_json (s2, STORE_ID, "data", "{\"typed\": \"v1\"}");
  g_assert_cmpint (prop_int (s2, STORE_ID, "modified_timestamp"), ==, ts);
  assert_shown_json (s2, "{\"typed\": \"v1\"}");
  g_assert_cmpuint (show_calls (f, s2), ==, 1);
}

static void
test_store_local_atomic_write (StoreFixture *f, gconstpointer data)
{
  g_autoptr(NdApp) app1 = store_app_new (f, "local", NULL);
  g_autoptr(NdApp) app2 = NULL;
  g_autoptr(NdSession) s1 = start_session (app1);
  g_autoptr(NdSession) s2 = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *now_saved = NULL;
  g_autofree char *big = NULL;
  gsize saved_len = 0, now_len = 0;
  struct rlimit old_limit, limit;
  GPtrArray *errors;
  guint n_errors;
  gboolean named = FALSE;

  user_types (s1, "in", "value", nd_json_string ("v1"));
  path = single_store_file (f->dir);
  g_assert_true (g_file_get_contents (path, &saved, &saved_len, NULL));
  before = list_dir (f->dir);
  errors = nd_session_get_errors (s1);
  n_errors = errors->len;

  /* Make the next write fail part-way, as a full disk would (a read-only
   * directory does not stop root).  Writes past the limit get EFBIG. */
  big = g_strnfill (64 * 1024, 'x');
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 4096;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_true (nd_session_set_prop (s1, nd_json_string ("in"), "value", nd_json_string (big), NULL));
  g_assert_true (nd_session_run_until_idle (s1, WAIT_TIMEOUT_MS));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);

  /* The failure is reported, naming the Store... */
  errors = nd_session_get_errors (s1);
  g_assert_cmpuint (errors->len, >, n_errors);
  for (guint i = n_errors; i < errors->len; i++)
    {
      NdCallbackError *e = g_ptr_array_index (errors, i);
      if (e->message && strstr (e->message, STORE_ID))
        named = TRUE;
    }
  g_assert_true (named);

  /* ...the old file is intact and no temporary file is left over... */
  after = list_dir (f->dir);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));
  g_assert_true (g_file_get_contents (path, &now_saved, &now_len, NULL));
  g_assert_cmpmem (now_saved, now_len, saved, saved_len);
  assert_file_holds (path, "{\"typed\": \"v1\"}");

  /* ...and the old value is what the next run reads back. */
  g_clear_object (&s1);
  g_clear_object (&app1);
  app2 = store_app_new (f, "local", NULL);
  s2 = start_session (app2);
  assert_prop_json (s2, STORE_ID, "data", "{\"typed\": \"v1\"}");
}

/* The corrupt-file tests expect the library to complain; a logged
 * warning must not abort the test program, the assertions decide. */
static NdSession *
start_session_warnings_allowed (NdApp *app)
{
  GLogLevelFlags old_mask = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  NdSession *session = start_session (app);

  g_log_set_always_fatal (old_mask);
  return session;
}

static const char garbage[] = "\x00\xff\xfe{\"data\": [1, 2,\x01 not json";

/* Saves a value, then replaces the saved file with garbage bytes. */
static char *
corrupt_store_file (StoreFixture *f)
{
  g_autoptr(NdApp) app = store_app_new (f, "local", "{\"from\": \"layout\"}");
  g_autoptr(NdSession) s = start_session (app);
  g_autoptr(GError) error = NULL;
  char *path;

  user_types (s, "in", "value", nd_json_string ("v1"));
  path = single_store_file (f->dir);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_store_local_corrupt_file (StoreFixture *f, gconstpointer data)
{
  g_autofree char *path = corrupt_store_file (f);
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) s = NULL;
  g_autoptr(NdApp) app3 = NULL;
  g_autoptr(NdSession) s3 = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  app = store_app_new (f, "local", "{\"from\": \"layout\"}");
  s = start_session_warnings_allowed (app);

  /* No crash; the session runs on the layout's data... */
  assert_prop_json (s, STORE_ID, "data", "{\"from\": \"layout\"}");
  assert_shown_json (s, "{\"from\": \"layout\"}");
  /* ...and the unreadable file is left exactly as it was. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, garbage, sizeof garbage);

  /* A new value is saved properly again. */
  user_types (s, "in", "value", nd_json_string ("v2"));
  assert_prop_json (s, STORE_ID, "data", "{\"typed\": \"v2\"}");
  assert_file_holds (path, "{\"typed\": \"v2\"}");
  g_clear_object (&s);
  g_clear_object (&app);
  app3 = store_app_new (f, "local", "{\"from\": \"layout\"}");
  s3 = start_session (app3);
  assert_prop_json (s3, STORE_ID, "data", "{\"typed\": \"v2\"}");
}

static void
test_store_local_corrupt_file_reported (StoreFixture *f, gconstpointer data)
{
  g_autofree char *path = corrupt_store_file (f);
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) s = NULL;
  GPtrArray *errors;
  gboolean named = FALSE;

  app = store_app_new (f, "local", "{\"from\": \"layout\"}");
  s = start_session_warnings_allowed (app);

  /* The user of the session learns about it, as about a failing callback,
   * with the Store's id in the message. */
  errors = nd_session_get_errors (s);
  for (guint i = 0; i < errors->len; i++)
    {
      NdCallbackError *e = g_ptr_array_index (errors, i);
      if (e->message && strstr (e->message, STORE_ID))
        named = TRUE;
    }
  if (!named)
    g_test_message ("a corrupt Store file is only logged, not reported in nd_session_get_errors()");
  g_assert_true (named);
}

static void
test_store_modified_timestamp (StoreFixture *f, gconstpointer data)
{
  g_autoptr(NdApp) app = store_app_new (f, "memory", NULL);
  g_autoptr(NdSession) s = start_session (app);
  g_autofree char *shown1 = NULL;
  gint64 t0, t1, ts1, ts2;

  /* Never written. */
  g_assert_cmpint (prop_int (s, STORE_ID, "modified_timestamp"), ==, -1);

  t0 = now_ms ();
  user_types (s, "in", "value", nd_json_string ("a"));
  t1 = now_ms ();
  ts1 = prop_int (s, STORE_ID, "modified_timestamp");
  g_assert_cmpint (ts1, >=, t0);
  g_assert_cmpint (ts1, <=, t1);
  shown1 = g_strdup_printf ("%" G_GINT64_FORMAT, ts1);
  g_assert_cmpstr (nd_session_get_prop_string (s, "ts-shown", "children"), ==, shown1);

  /* Let the millisecond clock move so a new write is distinguishable. */
  while (now_ms () <= ts1)
    ;
  user_types (s, "in", "value", nd_json_string ("b"));
  ts2 = prop_int (s, STORE_ID, "modified_timestamp");
  g_assert_cmpint (ts2, >, ts1);
  g_assert_cmpint (ts2, <=, now_ms ());
  {
    g_autofree char *shown2 = g_strdup_printf ("%" G_GINT64_FORMAT, ts2);
    g_assert_cmpstr (nd_session_get_prop_string (s, "ts-shown", "children"), ==, shown2);
  }
}

/* §13: "listen to modified_timestamp to react to writes even when equal
 * data is written". */
static void
test_store_modified_timestamp_equal_data (StoreFixture *f, gconstpointer data)
{
  g_autoptr(NdApp) app = store_app_new (f, "memory", NULL);
  g_autoptr(NdSession) s = start_session (app);
  gint64 ts1, ts2;

  user_types (s, "in", "value", nd_json_string ("same"));
  ts1 = prop_int (s, STORE_ID, "modified_timestamp");
  while (now_ms () <= ts1)
    ;
  /* The button re-runs the callback: it writes the same data again. */
  user_types (s, "write", "n_clicks", nd_json_int (1));
  assert_prop_json (s, STORE_ID, "data", "{\"typed\": \"same\"}");
  ts2 = prop_int (s, STORE_ID, "modified_timestamp");
  g_assert_cmpint (ts2, >, ts1);
  {
    g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, ts2);
    g_assert_cmpstr (nd_session_get_prop_string (s, "ts-shown", "children"), ==, shown);
  }
}

static void
test_store_clear_data (StoreFixture *f, gconstpointer data)
{
  const char *storage_type = data;
  g_autoptr(NdApp) app1 = store_app_new (f, storage_type, "{\"from\": \"layout\"}");
  g_autoptr(NdApp) app2 = NULL;
  g_autoptr(NdSession) s1 = start_session (app1);
  g_autoptr(NdSession) s2 = NULL;

  user_types (s1, "in", "value", nd_json_string ("x"));
  assert_prop_json (s1, STORE_ID, "data", "{\"typed\": \"x\"}");

  user_types (s1, "clear", "n_clicks", nd_json_int (1));
  /* data becomes null and clear_data goes back to false... */
  g_assert_nonnull (get_prop (s1, STORE_ID, "data"));
  g_assert_true (nd_json_is_null (get_prop (s1, STORE_ID, "data")));
  assert_prop_json (s1, STORE_ID, "clear_data", "false");
  assert_shown_json (s1, "null");

  /* ...and the storage is empty: the next mount finds nothing stored, so
   * it takes (and saves) the layout's data. */
  g_clear_object (&s1);
  if (g_strcmp0 (storage_type, "local") == 0)
    {
      g_clear_object (&app1);
      app2 = store_app_new (f, storage_type, "{\"from\": \"layout\"}");
    }
  else
    app2 = g_object_ref (app1);
  s2 = start_session (app2);
  assert_prop_json (s2, STORE_ID, "data", "{\"from\": \"layout\"}");
  assert_shown_json (s2, "{\"from\": \"layout\"}");
}

/* Storage empty + data in the layout: the layout's data is saved and
 * stamped; a later mount with other layout data gets the saved value. */
static void
test_store_mount_layout_data_saved (StoreFixture *f, gconstpointer data)
{
  g_autoptr(NdApp) app1 = store_app_new (f, "local", "{\"v\": 1}");
  g_autoptr(NdApp) app2 = NULL;
  g_autoptr(NdSession) s1 = NULL;
  g_autoptr(NdSession) s2 = NULL;
  g_autofree char *path = NULL;
  gint64 t0, t1, ts;

  t0 = now_ms ();
  s1 = start_session (app1);
  t1 = now_ms ();
  assert_prop_json (s1, STORE_ID, "data", "{\"v\": 1}");
  ts = prop_int (s1, STORE_ID, "modified_timestamp");
  g_assert_cmpint (ts, >=, t0);
  g_assert_cmpint (ts, <=, t1);
  path = single_store_file (f->dir);
  assert_file_holds (path, "{\"v\": 1}");
  g_clear_object (&s1);
  g_clear_object (&app1);

  /* The stored value wins over the layout's, before the initial calls. */
  app2 = store_app_new (f, "local", "{\"v\": 2}");
  s2 = start_session (app2);
  assert_prop_json (s2, STORE_ID, "data", "{\"v\": 1}");
  g_assert_cmpint (prop_int (s2, STORE_ID, "modified_timestamp"), ==, ts);
  assert_shown_json (s2, "{\"v\": 1}");
  g_assert_cmpuint (show_calls (f, s2), ==, 1);
}

/* §13 Mount applies to memory too: its storage starts empty, so layout
 * data is "written" and modified_timestamp set. */
static void
test_store_mount_memory_timestamp (StoreFixture *f, gconstpointer data)
{
  g_autoptr(NdApp) app = store_app_new (f, "memory", "{\"v\": 1}");
  g_autoptr(NdSession) s = NULL;
  gint64 t0, t1, ts;

  t0 = now_ms ();
  s = start_session (app);
  t1 = now_ms ();
  assert_prop_json (s, STORE_ID, "data", "{\"v\": 1}");
  ts = prop_int (s, STORE_ID, "modified_timestamp");
  g_assert_cmpint (ts, >=, t0);
  g_assert_cmpint (ts, <=, t1);
}

/* =====================================================================
 * 3. Threads
 * ===================================================================== */

/* Lets the test hold a callback body on its worker until released. */
typedef struct {
  GMutex lock;
  GCond cond;
  GHashTable *entered;    /* values whose call started */
  GHashTable *released;
  GHashTable *exited;
  GPtrArray *threads;     /* GThread of every slow call */
  gboolean gave_up;
} Gate;

static void
gate_init (Gate *g)
{
  g_mutex_init (&g->lock);
  g_cond_init (&g->cond);
  g->entered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->released = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->exited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->threads = g_ptr_array_new ();
  g->gave_up = FALSE;
}

static void
gate_clear (Gate *g)
{
  g_hash_table_unref (g->entered);
  g_hash_table_unref (g->released);
  g_hash_table_unref (g->exited);
  g_ptr_array_unref (g->threads);
  g_cond_clear (&g->cond);
  g_mutex_clear (&g->lock);
}

static void
gate_release (Gate *g, const char *value)
{
  g_mutex_lock (&g->lock);
  g_hash_table_add (g->released, g_strdup (value));
  g_cond_broadcast (&g->cond);
  g_mutex_unlock (&g->lock);
}

typedef struct {
  Gate *gate;
  const char *value;
} GateWait;

static gboolean
gate_has_entered (gpointer data)
{
  GateWait *w = data;
  gboolean found;

  g_mutex_lock (&w->gate->lock);
  found = g_hash_table_contains (w->gate->entered, w->value);
  g_mutex_unlock (&w->gate->lock);
  return found;
}

static gboolean
gate_has_exited (gpointer data)
{
  GateWait *w = data;
  gboolean found;

  g_mutex_lock (&w->gate->lock);
  found = g_hash_table_contains (w->gate->exited, w->value);
  g_mutex_unlock (&w->gate->lock);
  return found;
}

static void
wait_entered (Gate *gate, const char *value)
{
  GateWait w = { gate, value };

  g_assert_true (iterate_until (gate_has_entered, &w));
}

static gboolean
gate_exited (Gate *gate, const char *value)
{
  GateWait w = { gate, value };

  return gate_has_exited (&w);
}

/* Main thread, outside the main loop: waits for a body to return. */
static void
gate_wait_exited_blocking (Gate *g, const char *value)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&g->lock);
  while (!g_hash_table_contains (g->exited, value))
    if (!g_cond_wait_until (&g->cond, &g->lock, deadline))
      break;
  g_assert_true (g_hash_table_contains (g->exited, value));
  g_mutex_unlock (&g->lock);
}

/* The body's part: announce the call, block until released. */
static void
gate_pass (Gate *g, const char *value)
{
  gint64 deadline = g_get_monotonic_time () + GATE_TIMEOUT_S * G_TIME_SPAN_SECOND;

  g_mutex_lock (&g->lock);
  g_hash_table_add (g->entered, g_strdup (value));
  g_ptr_array_add (g->threads, g_thread_self ());
  g_cond_broadcast (&g->cond);
  g_main_context_wakeup (g_main_context_default ());
  /* If this ever runs on the main thread nobody can release it; give up
   * rather than hang. */
  while (!g_hash_table_contains (g->released, value))
    if (!g_cond_wait_until (&g->cond, &g->lock, deadline))
      {
        g->gave_up = TRUE;
        break;
      }
  g_hash_table_add (g->exited, g_strdup (value));
  g_cond_broadcast (&g->cond);
  g_mutex_unlock (&g->lock);
  g_main_context_wakeup (g_main_context_default ());
}

static void
slow_callback (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *value = nd_callback_context_get_arg_text (ctx, 0);

  gate_pass (user_data, value);
  nd_return (ctx, nd_strf ("slow:%s", value));
}

static void
fast_callback (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *value = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("fast:%s", value));
}

static void
status_callback (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_json_is_truthy (nd_arg (ctx, 0)) ? "busy" : "idle");
}

typedef enum {
  SLOW_APP_WORKER,        /* nd_app_set_threading (WORKER) */
  SLOW_APP_PER_CALLBACK,  /* app INLINE, the slow callback nd_threading (WORKER) */
} SlowAppKind;

static NdApp *
slow_app_new (Gate *gate, SlowAppKind kind)
{
  NdApp *app = nd_app_new ("org.ndash.test.Threads");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "slow-in", "type", "text"),
    nd_html_div ("id", "slow-out"),
    nd_dcc_input ("id", "fast-in", "type", "text"),
    nd_html_div ("id", "fast-out"),
    nd_html_button ("Go", "id", "btn", "disabled", nd_bool (FALSE)),
    nd_html_div ("id", "status"))));
  if (kind == SLOW_APP_WORKER)
    {
      nd_app_set_threading (app, ND_THREADING_WORKER);
      nd_app_callback_data (app, slow_callback, gate,
                            nd_output ("slow-out", "children"),
                            nd_input ("slow-in", "value"),
                            nd_prevent_initial_call (),
                            nd_running (nd_output ("btn", "disabled"), nd_bool (TRUE), nd_bool (FALSE)));
    }
  else
    {
      nd_app_set_threading (app, ND_THREADING_INLINE);
      nd_app_callback_data (app, slow_callback, gate,
                            nd_output ("slow-out", "children"),
                            nd_input ("slow-in", "value"),
                            nd_prevent_initial_call (),
                            nd_running (nd_output ("btn", "disabled"), nd_bool (TRUE), nd_bool (FALSE)),
                            nd_threading (ND_THREADING_WORKER));
    }
  nd_app_callback (app, fast_callback,
                   nd_output ("fast-out", "children"),
                   nd_input ("fast-in", "value"),
                   nd_prevent_initial_call ());
  nd_app_callback (app, status_callback,
                   nd_output ("status", "children"),
                   nd_input ("btn", "disabled"),
                   nd_prevent_initial_call ());
  return app;
}

static void
test_threads_slow_blocks_nothing_else (gconstpointer data)
{
  SlowAppKind kind = GPOINTER_TO_INT (data);
  Gate gate;
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) s = NULL;
  PropWait fast_done;

  gate_init (&gate);
  app = slow_app_new (&gate, kind);
  s = start_session (app);

  g_assert_true (nd_session_set_prop (s, nd_json_string ("slow-in"), "value", nd_json_string ("s1"), NULL));
  wait_entered (&gate, "s1");

  /* The independent callback runs and shows its result while the slow
   * one is still blocked. */
  g_assert_true (nd_session_set_prop (s, nd_json_string ("fast-in"), "value", nd_json_string ("f1"), NULL));
  fast_done = (PropWait) { s, "fast-out", "children", "fast:f1" };
  g_assert_true (iterate_until (prop_is, &fast_done));
  g_assert_false (gate_exited (&gate, "s1"));
  g_assert_true (nd_json_is_null (get_prop (s, "slow-out", "children")));
  g_assert_true (nd_session_is_busy (s));

  gate_release (&gate, "s1");
  g_assert_true (nd_session_run_until_idle (s, WAIT_TIMEOUT_MS));
  g_assert_false (gate.gave_up);
  g_assert_cmpstr (nd_session_get_prop_string (s, "slow-out", "children"), ==, "slow:s1");
  g_assert_cmpstr (nd_session_get_prop_string (s, "fast-out", "children"), ==, "fast:f1");
  /* It really ran off the main thread. */
  g_assert_cmpuint (gate.threads->len, ==, 1);
  g_assert_true (g_ptr_array_index (gate.threads, 0) != main_thread);

  g_clear_object (&s);
  g_clear_object (&app);
  gate_clear (&gate);
}

/* §5.2: a newer trigger supersedes the call in flight; its result is
 * discarded when it arrives. */
static void
test_threads_stale_result_dropped (void)
{
  Gate gate;
  g_autoptr(NdApp) app = NULL;
  NdSession *s;
  gpointer s_alive;
  PropLog log;
  PropWait new_done;
  g_autofree char *history = NULL;

  gate_init (&gate);
  prop_log_init (&log);
  app = slow_app_new (&gate, SLOW_APP_WORKER);
  s = start_session (app);
  g_signal_connect (s, "prop-changed", G_CALLBACK (on_prop_changed), &log);

  g_assert_true (nd_session_set_prop (s, nd_json_string ("slow-in"), "value", nd_json_string ("old"), NULL));
  wait_entered (&gate, "old");
  g_assert_true (nd_session_set_prop (s, nd_json_string ("slow-in"), "value", nd_json_string ("new"), NULL));
  wait_entered (&gate, "new");

  /* The newer call finishes first... */
  gate_release (&gate, "new");
  new_done = (PropWait) { s, "slow-out", "children", "slow:new" };
  g_assert_true (iterate_until (prop_is, &new_done));

  /* ...then the stale one.  Dropping our reference and waiting for the
   * session to go away waits for its late result to be handled. */
  gate_release (&gate, "old");
  s_alive = s;
  g_object_add_weak_pointer (G_OBJECT (s), &s_alive);
  g_object_unref (s);
  g_assert_true (iterate_until (pointer_cleared, &s_alive));
  g_assert_true (gate_exited (&gate, "old"));

  history = prop_log_history (&log, "slow-out", "children");
  g_assert_cmpstr (history, ==, "\"slow:new\"");
  g_assert_false (gate.gave_up);

  g_clear_object (&app);
  prop_log_clear (&log);
  gate_clear (&gate);
}

/* Side updates, `running` props, outputs and chained outputs of calls
 * run on workers all land on the session's main-context thread. */
static void
side_and_output (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *value = nd_callback_context_get_arg_text (ctx, 0);

  gate_pass (user_data, value);
  nd_set_props (ctx, "side", "children", nd_strf ("side:%s", value));
  nd_return (ctx, nd_strf ("out:%s", value));
}

static void
chained (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *value = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("chain:%s", value));
}

static void
assert_changes_on_main_thread (PropLog *log)
{
  g_mutex_lock (&log->lock);
  for (guint i = 0; i < log->changes->len; i++)
    {
      PropChange *c = g_ptr_array_index (log->changes, i);
      if (c->thread != main_thread)
        {
          g_autofree char *msg = g_strdup_printf ("%s.%s was changed on a worker thread, not the session's main-context thread",
                                                  c->id_text, c->prop);
          g_mutex_unlock (&log->lock);
          g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
          return;
        }
    }
  g_mutex_unlock (&log->lock);
}

static void
test_threads_props_on_main_thread (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.MainThread");
  g_autoptr(NdSession) s = NULL;
  Gate gate;
  PropLog log;
  const char * const typed[] = { "one", "two", "three", "four" };
  guint n_worker = 0;

  gate_init (&gate);
  prop_log_init (&log);
  nd_app_set_threading (app, ND_THREADING_WORKER);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "type", "text"),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "side"),
    nd_html_div ("id", "chain"),
    nd_html_button ("Go", "id", "btn", "disabled", nd_bool (FALSE)))));
  nd_app_callback_data (app, side_and_output, &gate,
                        nd_output ("out", "children"),
                        nd_input ("in", "value"),
                        nd_prevent_initial_call (),
                        nd_running (nd_output ("btn", "disabled"), nd_bool (TRUE), nd_bool (FALSE)));
  nd_app_callback (app, chained,
                   nd_output ("chain", "children"),
                   nd_input ("out", "children"),
                   nd_prevent_initial_call ());
  s = start_session (app);
  g_signal_connect (s, "prop-changed", G_CALLBACK (on_prop_changed), &log);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autofree char *out = g_strdup_printf ("out:%s", typed[i]);
      g_autofree char *chain = g_strdup_printf ("chain:out:%s", typed[i]);
      guint n;

      g_assert_true (nd_session_set_prop (s, nd_json_string ("in"), "value", nd_json_string (typed[i]), NULL));
      wait_entered (&gate, typed[i]);
      /* The call returns while this thread is out of the main loop, as a
       * GUI thread busy drawing would be: its result must wait for the
       * loop, not be applied from the worker.  The short wait only gives
       * a wrong delivery the chance to show. */
      n = prop_log_len (&log);
      gate_release (&gate, typed[i]);
      gate_wait_exited_blocking (&gate, typed[i]);
      prop_log_wait_beyond (&log, n, 200);
      g_assert_true (nd_session_run_until_idle (s, WAIT_TIMEOUT_MS));
      assert_changes_on_main_thread (&log);
      g_assert_cmpstr (nd_session_get_prop_string (s, "out", "children"), ==, out);
      g_assert_cmpstr (nd_session_get_prop_string (s, "chain", "children"), ==, chain);
    }

  for (guint i = 0; i < gate.threads->len; i++)
    if (g_ptr_array_index (gate.threads, i) != main_thread)
      n_worker++;
  g_assert_cmpuint (n_worker, ==, G_N_ELEMENTS (typed));
  g_assert_false (gate.gave_up);

  /* in, running on/off, side, out, chain: all seen, all on this thread. */
  g_assert_cmpuint (prop_log_len (&log), >=, 6 * G_N_ELEMENTS (typed));
  assert_changes_on_main_thread (&log);

  g_signal_handlers_disconnect_by_data (s, &log);
  g_clear_object (&s);
  g_clear_object (&app);
  prop_log_clear (&log);
  gate_clear (&gate);
}

/* §10.1: on while the call runs, off after; dependents see both. */
static void
test_threads_running_prop (void)
{
  Gate gate;
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) s = NULL;
  PropLog log;
  PropWait busy = { NULL, "status", "children", "busy" };
  g_autofree char *history = NULL;

  gate_init (&gate);
  prop_log_init (&log);
  app = slow_app_new (&gate, SLOW_APP_WORKER);
  s = start_session (app);
  g_signal_connect (s, "prop-changed", G_CALLBACK (on_prop_changed), &log);

  g_assert_true (nd_session_set_prop (s, nd_json_string ("slow-in"), "value", nd_json_string ("s1"), NULL));
  wait_entered (&gate, "s1");
  assert_prop_json (s, "btn", "disabled", "true");
  busy.session = s;
  g_assert_true (iterate_until (prop_is, &busy));
  g_assert_false (gate_exited (&gate, "s1"));

  gate_release (&gate, "s1");
  g_assert_true (nd_session_run_until_idle (s, WAIT_TIMEOUT_MS));
  assert_prop_json (s, "btn", "disabled", "false");
  g_assert_cmpstr (nd_session_get_prop_string (s, "status", "children"), ==, "idle");
  history = prop_log_history (&log, "btn", "disabled");
  g_assert_cmpstr (history, ==, "true | false");
  g_assert_false (gate.gave_up);

  g_signal_handlers_disconnect_by_data (s, &log);
  g_clear_object (&s);
  g_clear_object (&app);
  prop_log_clear (&log);
  gate_clear (&gate);
}

typedef struct {
  GMutex lock;
  GString *text;
} LoadingLog;

static void
on_loading_changed (NdSession *session, const char *prop_id, gboolean loading, gpointer user_data)
{
  LoadingLog *log = user_data;

  if (strcmp (prop_id, "slow-out.children") != 0)
    return;
  g_mutex_lock (&log->lock);
  g_string_append_printf (log->text, "%s%s=%d", log->text->len ? " " : "", prop_id, loading);
  g_mutex_unlock (&log->lock);
}

/* §14: outputs are loading while their call is in flight. */
static void
test_threads_loading_while_running (void)
{
  Gate gate;
  g_autoptr(NdApp) app = NULL;
  g_autoptr(NdSession) s = NULL;
  LoadingLog log;

  gate_init (&gate);
  g_mutex_init (&log.lock);
  log.text = g_string_new (NULL);
  app = slow_app_new (&gate, SLOW_APP_WORKER);
  s = start_session (app);
  g_assert_false (is_loading (s, "slow-out", "children"));
  g_signal_connect (s, "loading-changed", G_CALLBACK (on_loading_changed), &log);

  g_assert_true (nd_session_set_prop (s, nd_json_string ("slow-in"), "value", nd_json_string ("s1"), NULL));
  wait_entered (&gate, "s1");
  g_assert_true (is_loading (s, "slow-out", "children"));
  g_assert_false (is_loading (s, "fast-out", "children"));
  g_mutex_lock (&log.lock);
  g_assert_cmpstr (log.text->str, ==, "slow-out.children=1");
  g_mutex_unlock (&log.lock);

  gate_release (&gate, "s1");
  g_assert_true (nd_session_run_until_idle (s, WAIT_TIMEOUT_MS));
  g_assert_false (is_loading (s, "slow-out", "children"));
  g_mutex_lock (&log.lock);
  g_assert_cmpstr (log.text->str, ==, "slow-out.children=1 slow-out.children=0");
  g_mutex_unlock (&log.lock);
  g_assert_false (gate.gave_up);

  g_signal_handlers_disconnect_by_data (s, &log);
  g_clear_object (&s);
  g_clear_object (&app);
  g_string_free (log.text, TRUE);
  g_mutex_clear (&log.lock);
  gate_clear (&gate);
}

/* Closing a session with a call in flight: the late result is dropped
 * and the session is freed once the worker is done with it. */
static void
test_threads_close_while_in_flight (void)
{
  Gate gate;
  g_autoptr(NdApp) app = NULL;
  NdSession *s;
  gpointer s_alive;
  PropLog log;
  guint at_close;

  gate_init (&gate);
  prop_log_init (&log);
  app = slow_app_new (&gate, SLOW_APP_WORKER);
  s = start_session (app);
  g_signal_connect (s, "prop-changed", G_CALLBACK (on_prop_changed), &log);

  g_assert_true (nd_session_set_prop (s, nd_json_string ("slow-in"), "value", nd_json_string ("s1"), NULL));
  wait_entered (&gate, "s1");
  nd_session_close (s);
  at_close = prop_log_len (&log);

  s_alive = s;
  g_object_add_weak_pointer (G_OBJECT (s), &s_alive);
  g_object_unref (s);
  gate_release (&gate, "s1");
  g_assert_true (iterate_until (pointer_cleared, &s_alive));
  g_assert_true (gate_exited (&gate, "s1"));
  /* Nothing was applied to the closed session. */
  g_assert_cmpuint (prop_log_len (&log), ==, at_close);

  g_clear_object (&app);
  prop_log_clear (&log);
  gate_clear (&gate);
}

/* =====================================================================
 * 4. Many sessions
 * ===================================================================== */

#define N_SESSIONS 200

static void
hello_output (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("Output: %s", text));
}

static gboolean
all_cleared (gpointer data)
{
  gpointer *alive = data;

  for (guint i = 0; i < N_SESSIONS; i++)
    if (alive[i] != NULL)
      return FALSE;
  return TRUE;
}

static void
test_many_sessions (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.ManySessions");
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  NdSession *sessions[N_SESSIONS];
  gpointer alive[N_SESSIONS];

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "my-input", "value", "initial value", "type", "text"),
    nd_html_div ("id", "my-output"))));
  nd_app_callback (app, hello_output,
                   nd_output ("my-output", "children"),
                   nd_input ("my-input", "value"));

  for (guint i = 0; i < N_SESSIONS; i++)
    {
      sessions[i] = start_session (app);
      g_assert_true (g_hash_table_add (ids, (gpointer) nd_session_get_id (sessions[i])));
      alive[i] = sessions[i];
      g_object_add_weak_pointer (G_OBJECT (sessions[i]), &alive[i]);
    }

  /* Everyone types at once, then the main loop catches up. */
  for (guint i = 0; i < N_SESSIONS; i++)
    {
      g_autofree char *v = g_strdup_printf ("value-%u", i);
      g_assert_true (nd_session_set_prop (sessions[i], nd_json_string ("my-input"), "value", nd_json_string (v), NULL));
    }
  for (guint i = 0; i < N_SESSIONS; i++)
    g_assert_true (nd_session_run_until_idle (sessions[i], WAIT_TIMEOUT_MS));
  for (guint i = 0; i < N_SESSIONS; i++)
    {
      g_autofree char *v = g_strdup_printf ("value-%u", i);
      g_autofree char *out = g_strdup_printf ("Output: value-%u", i);
      g_assert_cmpstr (nd_session_get_prop_string (sessions[i], "my-input", "value"), ==, v);
      g_assert_cmpstr (nd_session_get_prop_string (sessions[i], "my-output", "children"), ==, out);
      g_assert_cmpuint (nd_session_get_errors (sessions[i])->len, ==, 0);
    }

  /* Close the even ones; the others keep working. */
  for (guint i = 0; i < N_SESSIONS; i += 2)
    {
      nd_session_close (sessions[i]);
      g_object_unref (sessions[i]);
    }
  for (guint i = 1; i < N_SESSIONS; i += 2)
    {
      g_autofree char *v = g_strdup_printf ("again-%u", i);
      g_autofree char *out = g_strdup_printf ("Output: again-%u", i);
      user_types (sessions[i], "my-input", "value", nd_json_string (v));
      g_assert_cmpstr (nd_session_get_prop_string (sessions[i], "my-output", "children"), ==, out);
    }
  for (guint i = 1; i < N_SESSIONS; i += 2)
    g_object_unref (sessions[i]);

  /* Every session is freed once nothing uses it any more. */
  g_assert_true (iterate_until (all_cleared, alive));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/session/isolation/global-variable-seed", test_isolation_global_variable_seed);
  g_test_add_func ("/session/isolation/session-id-keyed-state", test_isolation_session_id_keyed_state);
  g_test_add_func ("/session/isolation/layout-func-per-session", test_isolation_layout_func_per_session);
  g_test_add_func ("/session/isolation/static-layout-copies", test_isolation_static_layout_copies);

#define STORE_TEST(path, func, data) \
  g_test_add ("/session/store/" path, StoreFixture, (data), store_fixture_setup, func, store_fixture_teardown)
  STORE_TEST ("memory-per-session", test_store_memory_per_session, NULL);
  STORE_TEST ("session-shared-in-process", test_store_session_shared, NULL);
  STORE_TEST ("local-persists", test_store_local_persists, NULL);
  STORE_TEST ("local-atomic-write", test_store_local_atomic_write, NULL);
  STORE_TEST ("local-corrupt-file", test_store_local_corrupt_file, NULL);
  STORE_TEST ("local-corrupt-file-reported", test_store_local_corrupt_file_reported, NULL);
  STORE_TEST ("modified-timestamp", test_store_modified_timestamp, NULL);
  STORE_TEST ("modified-timestamp-equal-data", test_store_modified_timestamp_equal_data, NULL);
  STORE_TEST ("clear-data/session", test_store_clear_data, "session");
  STORE_TEST ("clear-data/local", test_store_clear_data, "local");
  STORE_TEST ("mount-layout-data-saved", test_store_mount_layout_data_saved, NULL);
  STORE_TEST ("mount-memory-timestamp", test_store_mount_memory_timestamp, NULL);
#undef STORE_TEST

  g_test_add_data_func ("/session/threads/slow-callback-blocks-nothing-else",
                        GINT_TO_POINTER (SLOW_APP_WORKER), test_threads_slow_blocks_nothing_else);
  g_test_add_data_func ("/session/threads/slow-callback-blocks-nothing-else/per-callback-option",
                        GINT_TO_POINTER (SLOW_APP_PER_CALLBACK), test_threads_slow_blocks_nothing_else);
  g_test_add_func ("/session/threads/stale-result-dropped", test_threads_stale_result_dropped);
  g_test_add_func ("/session/threads/props-on-main-thread", test_threads_props_on_main_thread);
  g_test_add_func ("/session/threads/running-prop", test_threads_running_prop);
  g_test_add_func ("/session/threads/loading-while-running", test_threads_loading_while_running);
  g_test_add_func ("/session/threads/close-while-in-flight", test_threads_close_while_in_flight);

  g_test_add_func ("/session/many/200-sessions", test_many_sessions);

  return g_test_run ();
}
