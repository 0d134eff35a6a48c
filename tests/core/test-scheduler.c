/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The scheduler through real sessions: which callbacks run, how often, in
 * what order and with which `triggered` list, for callback-semantics §4.1-
 * §4.3 and every rule of §5.  Callbacks record what they saw in a
 * mutex-protected Rec (they may run on worker threads); some block on a
 * gate until the test hands out a token, to hold a call in flight.
 */
#include <ndash.h>

#include <string.h>

/* Safety net only: every wait below ends on a condition. */
#define WAIT_MS 5000

/* ---- recording ---- */

typedef struct {
  char *label;
  char *triggered;   /* the triggered prop ids joined with ",", "" if none */
  char *args;        /* Input/State values as Python's str(), joined with "|" */
} Call;

typedef struct {
  GMutex lock;
  GCond cond;
  GPtrArray *calls;     /* Call, in the order the callbacks started */
  GPtrArray *changes;   /* "id.prop=json" from NdSession::prop-changed */
  GArray *entered;      /* slot indices in the order they started (§5.5) */
  guint tokens;         /* how many gated calls may still leave the gate */
  gboolean gate_next;   /* the next call of a gate-once callback blocks */
  guint running;        /* calls currently blocked in the gate */
  guint max_running;
  int mode;             /* per-test switch for callback bodies */
} Rec;

static void
call_free (gpointer data)
{
  Call *call = data;

  g_free (call->label);
  g_free (call->triggered);
  g_free (call->args);
  g_free (call);
}

static void
rec_init (Rec *rec)
{
  memset (rec, 0, sizeof *rec);
  g_mutex_init (&rec->lock);
  g_cond_init (&rec->cond);
  rec->calls = g_ptr_array_new_with_free_func (call_free);
  rec->changes = g_ptr_array_new_with_free_func (g_free);
  rec->entered = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
rec_clear (Rec *rec)
{
  g_ptr_array_unref (rec->calls);
  g_ptr_array_unref (rec->changes);
  g_array_unref (rec->entered);
  g_mutex_clear (&rec->lock);
  g_cond_clear (&rec->cond);
}

/* Notes one call: its label, its triggered prop ids and its arguments. */
static void
record (Rec *rec, NdCallbackContext *ctx, const char *label)
{
  const char * const *triggered = nd_callback_context_get_triggered_prop_ids (ctx);
  g_autoptr(GString) args = g_string_new (NULL);
  Call *call = g_new0 (Call, 1);

  for (guint i = 0; i < nd_callback_context_get_n_args (ctx); i++)
    {
      g_autofree char *text = nd_callback_context_get_arg_text (ctx, i);
      g_string_append_printf (args, "%s%s", i ? "|" : "", text);
    }
  call->label = g_strdup (label);
  call->triggered = g_strjoinv (",", (char **) triggered);
  call->args = g_strdup (args->str);

  g_mutex_lock (&rec->lock);
  g_ptr_array_add (rec->calls, call);
  g_cond_broadcast (&rec->cond);
  g_mutex_unlock (&rec->lock);
  /* The test may be blocked in the main context waiting for this. */
  g_main_context_wakeup (NULL);
}

/* Holds a (worker-thread) callback until the test hands out a token. */
static void
gate (Rec *rec)
{
  g_mutex_lock (&rec->lock);
  rec->running++;
  rec->max_running = MAX (rec->max_running, rec->running);
  g_cond_broadcast (&rec->cond);
  g_main_context_wakeup (NULL);
  while (rec->tokens == 0)
    g_cond_wait (&rec->cond, &rec->lock);
  rec->tokens--;
  rec->running--;
  g_mutex_unlock (&rec->lock);
}

static void
release (Rec *rec, guint n)
{
  g_mutex_lock (&rec->lock);
  rec->tokens += n;
  g_cond_broadcast (&rec->cond);
  g_mutex_unlock (&rec->lock);
}

static gboolean
take_gate_next (Rec *rec)
{
  gboolean gated;

  g_mutex_lock (&rec->lock);
  gated = rec->gate_next;
  rec->gate_next = FALSE;
  g_mutex_unlock (&rec->lock);
  return gated;
}

static guint
count_locked (Rec *rec, const char *label)
{
  guint n = 0;

  for (guint i = 0; i < rec->calls->len; i++)
    if (g_strcmp0 (((Call *) g_ptr_array_index (rec->calls, i))->label, label) == 0)
      n++;
  return n;
}

static guint
rec_count (Rec *rec, const char *label)
{
  guint n;

  g_mutex_lock (&rec->lock);
  n = count_locked (rec, label);
  g_mutex_unlock (&rec->lock);
  return n;
}

/* The nth call of @label, or NULL.  Calls are never removed, so the
 * pointer stays valid. */
static Call *
rec_call (Rec *rec, const char *label, guint nth)
{
  Call *found = NULL;

  g_mutex_lock (&rec->lock);
  for (guint i = 0; i < rec->calls->len && found == NULL; i++)
    {
      Call *call = g_ptr_array_index (rec->calls, i);
      if (g_strcmp0 (call->label, label) == 0 && nth-- == 0)
        found = call;
    }
  g_mutex_unlock (&rec->lock);
  return found;
}

static const char *
rec_triggered (Rec *rec, const char *label, guint nth)
{
  Call *call = rec_call (rec, label, nth);

  return call ? call->triggered : NULL;
}

static const char *
rec_args (Rec *rec, const char *label, guint nth)
{
  Call *call = rec_call (rec, label, nth);

  return call ? call->args : NULL;
}

/* The labels of all calls in the order they started, joined with ",". */
static char *
rec_order (Rec *rec)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_mutex_lock (&rec->lock);
  for (guint i = 0; i < rec->calls->len; i++)
    g_string_append_printf (s, "%s%s", i ? "," : "", ((Call *) g_ptr_array_index (rec->calls, i))->label);
  g_mutex_unlock (&rec->lock);
  return g_strdup (s->str);
}

/* Index of the first recorded prop change equal to @change, or -1. */
static int
rec_change_index (Rec *rec, const char *change)
{
  int found = -1;

  g_mutex_lock (&rec->lock);
  for (guint i = 0; i < rec->changes->len && found < 0; i++)
    if (strcmp (g_ptr_array_index (rec->changes, i), change) == 0)
      found = i;
  g_mutex_unlock (&rec->lock);
  return found;
}

static void
on_prop_changed (NdSession  *session,
                 const char *id_text,
                 const char *prop,
                 JsonNode   *value,
                 gpointer    user_data)
{
  Rec *rec = user_data;
  g_autofree char *json = value ? nd_json_to_string (value, FALSE) : g_strdup ("undefined");

  g_mutex_lock (&rec->lock);
  g_ptr_array_add (rec->changes, g_strdup_printf ("%s.%s=%s", id_text, prop, json));
  g_mutex_unlock (&rec->lock);
}

/* ---- waiting ---- */

typedef gboolean (*Check) (Rec *rec, gconstpointer data);

typedef struct {
  const char *label;
  guint n;
} CountCheck;

static gboolean
check_count (Rec *rec, gconstpointer data)
{
  const CountCheck *c = data;

  return count_locked (rec, c->label) >= c->n;
}

static gboolean
check_running (Rec *rec, gconstpointer data)
{
  return rec->running >= GPOINTER_TO_UINT (data);
}

static gboolean
check_entered (Rec *rec, gconstpointer data)
{
  return rec->entered->len >= GPOINTER_TO_UINT (data);
}

/* Results still on their way hold a reference on the session until the
 * main context has delivered them; with only ours left, nothing is. */
static gboolean
check_session_released (Rec *rec, gconstpointer data)
{
  GObject *session = (GObject *) data;

  return g_atomic_int_get ((gint *) &session->ref_count) == 1;
}

static gboolean
deadline_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Turns the main context (where the scheduler runs and results are
 * applied) until @check holds. */
static gboolean
wait_for (Rec *rec, Check check, gconstpointer data)
{
  gboolean timed_out = FALSE, ok = FALSE;
  GSource *timer = g_timeout_source_new (WAIT_MS);

  g_source_set_callback (timer, deadline_cb, &timed_out, NULL);
  g_source_attach (timer, NULL);
  for (;;)
    {
      g_mutex_lock (&rec->lock);
      ok = check (rec, data);
      g_mutex_unlock (&rec->lock);
      if (ok || timed_out)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_destroy (timer);
  g_source_unref (timer);
  return ok;
}

/* Runs whatever the main context already has to do (a scheduler pass),
 * without waiting for anything new. */
static void
drain_main_context (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* ---- sessions ---- */

static NdSession *
session_new (NdApp *app, Rec *rec)
{
  g_autoptr(GError) error = NULL;
  NdSession *session = nd_app_new_session (app, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  if (rec)
    g_signal_connect (session, "prop-changed", G_CALLBACK (on_prop_changed), rec);
  return session;
}

static void
session_start (NdSession *session)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_session_start (session, &error));
  g_assert_no_error (error);
}

static void
assert_idle (NdSession *session)
{
  g_assert_true (nd_session_run_until_idle (session, WAIT_MS));
}

static void
assert_no_errors (NdSession *session)
{
  GPtrArray *errors = nd_session_get_errors (session);

  for (guint i = 0; i < errors->len; i++)
    g_test_message ("callback error: %s", ((NdCallbackError *) g_ptr_array_index (errors, i))->message);
  g_assert_cmpuint (errors->len, ==, 0);
}

static void
user_click (NdSession *session, const char *id, gint64 n_clicks)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_session_set_prop (session, nd_str (id), "n_clicks", nd_json_int (n_clicks), &error));
  g_assert_no_error (error);
}

static void
user_type (NdSession *session, const char *id, const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_session_set_prop (session, nd_str (id), "value", nd_str (value), &error));
  g_assert_no_error (error);
}

/* ---- §4.1 user interaction ---- */

static void
echo_cb (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *value = nd_callback_context_get_arg_text (ctx, 0);

  record (user_data, ctx, "echo");
  nd_return (ctx, nd_strf ("echo %s", value));
}

static void
test_user_same_value (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "value", "a"),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, echo_cb, &rec,
                        nd_output ("out", "children"),
                        nd_input ("in", "value"));
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "echo"), ==, 1);
  g_assert_cmpstr (rec_triggered (&rec, "echo", 0), ==, "");

  /* Re-selecting the value already shown is no change. */
  user_type (session, "in", "a");
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "echo"), ==, 1);

  user_type (session, "in", "b");
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "echo"), ==, 2);
  g_assert_cmpstr (rec_triggered (&rec, "echo", 1), ==, "in.value");
  g_assert_cmpstr (nd_session_get_prop_string (session, "out", "children"), ==, "echo b");

  user_type (session, "in", "b");
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "echo"), ==, 2);
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

static void
two_props_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "two");
  nd_return (ctx, "seen");
}

/* One report naming an unchanged and a changed prop triggers only the
 * changed one. */
static void
test_user_only_changed_props (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  g_autoptr(JsonObject) props = json_object_new ();
  g_autoptr(JsonNode) id = nd_str ("d");
  g_autoptr(GError) error = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_div ("id", "d", "title", "t", "n_clicks", 0),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, two_props_cb, &rec,
                        nd_output ("out", "children"),
                        nd_input ("d", "title"),
                        nd_input ("d", "n_clicks"),
                        nd_prevent_initial_call ());
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "two"), ==, 0);

  json_object_set_string_member (props, "title", "t");
  json_object_set_int_member (props, "n_clicks", 1);
  g_assert_true (nd_session_set_props (session, id, props, &error));
  g_assert_no_error (error);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "two"), ==, 1);
  g_assert_cmpstr (rec_triggered (&rec, "two", 0), ==, "d.n_clicks");
  g_assert_cmpstr (rec_args (&rec, "two", 0), ==, "t|1");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

static void
store_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "store");
  nd_return (ctx, "seen");
}

static void
test_user_deep_equal (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_store ("id", "st", "data",
                  nd_dict ("k", nd_list (1, 2, nd_dict ("x", "y")), "n", nd_null ())),
    nd_dcc_store ("id", "lst", "data", nd_list (1, "two", nd_list (3))),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, store_cb, &rec,
                        nd_output ("out", "children"),
                        nd_input ("st", "data"),
                        nd_input ("lst", "data"));
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "store"), ==, 1);

  /* Freshly built, deep-equal values (keys in another order) are no change. */
  g_assert_true (nd_session_set_prop (session, nd_str ("st"), "data",
                                      nd_dict ("n", nd_null (), "k", nd_list (1, 2, nd_dict ("x", "y"))),
                                      &error));
  g_assert_no_error (error);
  g_assert_true (nd_session_set_prop (session, nd_str ("lst"), "data",
                                      nd_list (1, "two", nd_list (3)), &error));
  g_assert_no_error (error);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "store"), ==, 1);

  /* A difference deep inside is a change. */
  g_assert_true (nd_session_set_prop (session, nd_str ("st"), "data",
                                      nd_dict ("n", nd_null (), "k", nd_list (1, 2, nd_dict ("x", "z"))),
                                      &error));
  g_assert_no_error (error);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "store"), ==, 2);
  g_assert_cmpstr (rec_triggered (&rec, "store", 1), ==, "st.data");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

static void
with_state_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "with_state");
  nd_return (ctx, "seen");
}

static void
test_user_state_never_triggers (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "a", "value", "a0"),
    nd_dcc_input ("id", "s", "value", "s0"),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, with_state_cb, &rec,
                        nd_output ("out", "children"),
                        nd_input ("a", "value"),
                        nd_state ("s", "value"));
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "with_state"), ==, 1);

  user_type (session, "s", "s1");
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "with_state"), ==, 1);

  user_type (session, "a", "a1");
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "with_state"), ==, 2);
  g_assert_cmpstr (rec_triggered (&rec, "with_state", 1), ==, "a.value");
  g_assert_cmpstr (rec_args (&rec, "with_state", 1), ==, "a1|s1");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

/* ---- §4.2 callback results ---- */

static void
same_result_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "A");
  nd_return (ctx, "same");
}

static void
downstream_b_cb (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *value = nd_callback_context_get_arg_text (ctx, 0);

  record (user_data, ctx, "B");
  nd_return (ctx, nd_strf ("B(%s)", value));
}

static void
downstream_c_cb (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *value = nd_callback_context_get_arg_text (ctx, 0);

  record (user_data, ctx, "C");
  nd_return (ctx, nd_strf ("C(%s)", value));
}

static void
test_result_unchanged_still_triggers (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn"),
    nd_html_div ("same", "id", "x"),
    nd_html_div ("id", "y"))));
  nd_app_callback_data (app, same_result_cb, &rec,
                        nd_output ("x", "children"),
                        nd_input ("btn", "n_clicks"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, downstream_b_cb, &rec,
                        nd_output ("y", "children"),
                        nd_input ("x", "children"),
                        nd_prevent_initial_call ());
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);

  for (gint64 click = 1; click <= 2; click++)
    {
      user_click (session, "btn", click);
      assert_idle (session);
      g_assert_cmpuint (rec_count (&rec, "A"), ==, click);
      /* x.children was "same" before and after: B still runs. */
      g_assert_cmpuint (rec_count (&rec, "B"), ==, click);
      g_assert_cmpstr (rec_triggered (&rec, "B", click - 1), ==, "x.children");
    }
  g_assert_cmpstr (nd_session_get_prop_string (session, "y", "children"), ==, "B(same)");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

static void
partial_cb (NdCallbackContext *ctx, gpointer user_data)
{
  gint64 clicks = nd_callback_context_get_arg_int (ctx, 0, 0);

  record (user_data, ctx, "A");
  if (clicks == 1)
    nd_return (ctx, nd_no_update (), "z1");
  else
    nd_return (ctx, nd_no_update ());
}

static void
test_result_no_update_triggers_nothing (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn"),
    nd_html_div ("x0", "id", "x"),
    nd_html_div ("z0", "id", "z"),
    nd_html_div ("id", "bx"),
    nd_html_div ("id", "cz"))));
  nd_app_callback_data (app, partial_cb, &rec,
                        nd_output ("x", "children"),
                        nd_output ("z", "children"),
                        nd_input ("btn", "n_clicks"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, downstream_b_cb, &rec,
                        nd_output ("bx", "children"),
                        nd_input ("x", "children"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, downstream_c_cb, &rec,
                        nd_output ("cz", "children"),
                        nd_input ("z", "children"),
                        nd_prevent_initial_call ());
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);

  /* no_update for x only: only z's reader runs. */
  user_click (session, "btn", 1);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "A"), ==, 1);
  g_assert_cmpuint (rec_count (&rec, "B"), ==, 0);
  g_assert_cmpuint (rec_count (&rec, "C"), ==, 1);
  g_assert_cmpstr (rec_triggered (&rec, "C", 0), ==, "z.children");
  g_assert_cmpstr (nd_session_get_prop_string (session, "x", "children"), ==, "x0");
  g_assert_cmpstr (nd_session_get_prop_string (session, "cz", "children"), ==, "C(z1)");

  /* no_update as the whole result: nobody runs. */
  user_click (session, "btn", 2);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "A"), ==, 2);
  g_assert_cmpuint (rec_count (&rec, "B"), ==, 0);
  g_assert_cmpuint (rec_count (&rec, "C"), ==, 1);
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

/* ---- §4.3 set_props ---- */

static void
set_same_title_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "A");
  nd_set_props (ctx, "target", "title", "same");
  nd_return (ctx, "done");
}

static void
title_reader_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "B");
  nd_return (ctx, "seen");
}

static void
test_set_props_no_equality_check (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn"),
    nd_html_div ("id", "target", "title", "same"),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "log"))));
  nd_app_callback_data (app, set_same_title_cb, &rec,
                        nd_output ("out", "children"),
                        nd_input ("btn", "n_clicks"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, title_reader_cb, &rec,
                        nd_output ("log", "children"),
                        nd_input ("target", "title"),
                        nd_prevent_initial_call ());
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);

  for (gint64 click = 1; click <= 2; click++)
    {
      user_click (session, "btn", click);
      assert_idle (session);
      g_assert_cmpuint (rec_count (&rec, "A"), ==, click);
      g_assert_cmpuint (rec_count (&rec, "B"), ==, click);
      g_assert_cmpstr (rec_triggered (&rec, "B", click - 1), ==, "target.title");
    }

  /* The same value from the user, by contrast, is filtered (§4.1). */
  g_assert_true (nd_session_set_prop (session, nd_str ("target"), "title", nd_str ("same"), &error));
  g_assert_no_error (error);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "B"), ==, 2);
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

/* ---- §5.1 merge ---- */

static void
card_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "card");
  nd_return (ctx, "clicked");
}

static void
test_merge_parent_child_click (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_div (nd_list (nd_html_button ("Go", "id", "b")), "id", "card"),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, card_cb, &rec,
                        nd_output ("out", "children"),
                        nd_input ("card", "n_clicks"),
                        nd_input ("b", "n_clicks"),
                        nd_prevent_initial_call ());
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);

  /* One click on the button counts on both, in one event. */
  user_click (session, "card", 1);
  user_click (session, "b", 1);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "card"), ==, 1);
  g_assert_cmpstr (rec_triggered (&rec, "card", 0), ==, "card.n_clicks,b.n_clicks");
  g_assert_cmpstr (rec_args (&rec, "card", 0), ==, "1|1");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

static void
upstream_a_cb (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *value = nd_callback_context_get_arg_text (ctx, 0);

  record (user_data, ctx, "A");
  nd_return (ctx, nd_strf ("A(%s)", value));
}

static void
test_merge_initial_dropped (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  g_autofree char *order = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "value", "v"),
    nd_html_div ("id", "x"),
    nd_html_div ("id", "y"))));
  nd_app_callback_data (app, upstream_a_cb, &rec,
                        nd_output ("x", "children"),
                        nd_input ("in", "value"));
  nd_app_callback_data (app, downstream_b_cb, &rec,
                        nd_output ("y", "children"),
                        nd_input ("x", "children"));
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);

  /* B's initial call waited behind A, then gave way to the call A's
   * result requested: one call, triggered by A's output. */
  order = rec_order (&rec);
  g_assert_cmpstr (order, ==, "A,B");
  g_assert_cmpstr (rec_triggered (&rec, "A", 0), ==, "");
  g_assert_cmpstr (rec_triggered (&rec, "B", 0), ==, "x.children");
  g_assert_cmpstr (rec_args (&rec, "B", 0), ==, "A(v)");
  g_assert_cmpstr (nd_session_get_prop_string (session, "y", "children"), ==, "B(A(v))");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

/* ---- §5.2 supersede and loops ---- */

static void
slow_cb (NdCallbackContext *ctx, gpointer user_data)
{
  Rec *rec = user_data;
  g_autofree char *a = nd_callback_context_get_arg_text (ctx, 0);
  g_autofree char *b = nd_callback_context_get_arg_text (ctx, 1);

  record (rec, ctx, "slow");
  if (take_gate_next (rec))
    gate (rec);
  nd_return (ctx, nd_strf ("a=%s b=%s", a, b));
}

static void
out_reader_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "reader");
  nd_return (ctx, "seen");
}

static void
test_supersede_in_flight (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  gboolean idle;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "a", "value", "a0"),
    nd_dcc_input ("id", "b", "value", "b0"),
    nd_html_div ("id", "out"),
    nd_html_div ("id", "log"))));
  nd_app_callback_data (app, slow_cb, &rec,
                        nd_output ("out", "children"),
                        nd_input ("a", "value"),
                        nd_input ("b", "value"),
                        nd_prevent_initial_call (),
                        nd_threading (ND_THREADING_WORKER));
  nd_app_callback_data (app, out_reader_cb, &rec,
                        nd_output ("log", "children"),
                        nd_input ("out", "children"),
                        nd_prevent_initial_call ());
  session = session_new (app, &rec);
  session_start (session);
  assert_idle (session);

  /* The first call blocks in flight on its worker... */
  rec.gate_next = TRUE;
  user_type (session, "a", "a1");
  g_assert_true (wait_for (&rec, check_running, GUINT_TO_POINTER (1)));

  /* ...while a newer trigger of the same callback arrives. */
  user_type (session, "b", "b1");
  idle = nd_session_run_until_idle (session, WAIT_MS);
  g_assert_cmpuint (rec_count (&rec, "slow"), ==, 2);
  g_assert_cmpstr (nd_session_get_prop_string (session, "out", "children"), ==, "a=a1 b=b1");

  /* Let the superseded call finish and its result be delivered. */
  release (&rec, 1);
  g_assert_true (wait_for (&rec, check_session_released, session));
  assert_idle (session);
  g_assert_true (idle);

  g_assert_cmpstr (nd_session_get_prop_string (session, "out", "children"), ==, "a=a1 b=b1");
  g_assert_cmpint (rec_change_index (&rec, "out.children=\"a=a1 b=b0\""), <, 0);
  g_assert_cmpint (rec_change_index (&rec, "out.children=\"a=a1 b=b1\""), >=, 0);
  /* The newer call carries only its own trigger. */
  g_assert_cmpstr (rec_triggered (&rec, "slow", 0), ==, "a.value");
  g_assert_cmpstr (rec_triggered (&rec, "slow", 1), ==, "b.value");
  g_assert_cmpuint (rec_count (&rec, "reader"), ==, 1);
  g_assert_cmpstr (rec_args (&rec, "reader", 0), ==, "a=a1 b=b1");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

static void
self_loop_cb (NdCallbackContext *ctx, gpointer user_data)
{
  Rec *rec = user_data;
  g_autofree char *value = nd_callback_context_get_arg_text (ctx, 0);

  record (rec, ctx, "self");
  /* Bound the damage if the loop is not cut. */
  if (rec_count (rec, "self") > 5)
    nd_return (ctx, nd_no_update ());
  else
    nd_return (ctx, nd_strf ("%s!", value));
}

static void
test_no_self_retrigger (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "s", "value", "v0"))));
  nd_app_callback_data (app, self_loop_cb, &rec,
                        nd_output ("s", "value"),
                        nd_input ("s", "value"));
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "self"), ==, 1);
  g_assert_cmpstr (nd_session_get_prop_string (session, "s", "value"), ==, "v0!");

  user_type (session, "s", "u");
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "self"), ==, 2);
  g_assert_cmpstr (rec_triggered (&rec, "self", 1), ==, "s.value");
  g_assert_cmpstr (nd_session_get_prop_string (session, "s", "value"), ==, "u!");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

/* A writes a chunk holding q; q's reader B writes p, A's input.  There is
 * no cycle in the declared graph (q is only found at run time), but the
 * calls go A -> B -> A. */
static void
loop_a_cb (NdCallbackContext *ctx, gpointer user_data)
{
  Rec *rec = user_data;
  g_autofree char *p = nd_callback_context_get_arg_text (ctx, 0);

  record (rec, ctx, "A");
  if (rec_count (rec, "A") > 5)
    nd_return (ctx, nd_no_update ());
  else
    nd_return (ctx, nd_dcc_input ("id", "q", "value", nd_strf ("from %s", p)));
}

static void
loop_b_cb (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *q = nd_callback_context_get_arg_text (ctx, 0);

  record (user_data, ctx, "B");
  nd_return (ctx, nd_strf ("%s+B", q));
}

static void
test_loop_runs_once (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  g_autofree char *order = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_suppress_callback_exceptions (app, TRUE);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "p", "value", "p0"),
    nd_html_div ("id", "box"))));
  nd_app_callback_data (app, loop_a_cb, &rec,
                        nd_output ("box", "children"),
                        nd_input ("p", "value"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, loop_b_cb, &rec,
                        nd_output ("p", "value"),
                        nd_input ("q", "value"),
                        nd_prevent_initial_call ());
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);

  user_type (session, "p", "p1");
  assert_idle (session);
  order = rec_order (&rec);
  g_assert_cmpstr (order, ==, "A,B");
  g_assert_cmpstr (rec_triggered (&rec, "A", 0), ==, "p.value");
  g_assert_cmpstr (rec_triggered (&rec, "B", 0), ==, "q.value");
  g_assert_cmpstr (nd_session_get_prop_string (session, "q", "value"), ==, "from p1");
  g_assert_cmpstr (nd_session_get_prop_string (session, "p", "value"), ==, "from p1+B");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

/* ---- §5.3 prune ---- */

static void
clear_box_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "A");
  nd_return (ctx, nd_list (), "go");
}

static void
victim_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "V");
  nd_return (ctx, "victim updated");
}

static void
test_prune_vanished_outputs (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  g_autoptr(JsonNode) victim = nd_str ("victim");
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn"),
    nd_html_div (nd_list (nd_html_div ("v0", "id", "victim")), "id", "box"),
    nd_html_div ("id", "sig"))));
  nd_app_callback_data (app, clear_box_cb, &rec,
                        nd_output ("box", "children"),
                        nd_output ("sig", "children"),
                        nd_input ("btn", "n_clicks"),
                        nd_prevent_initial_call ());
  /* Requested by the click too, but waits for sig (§5.4) while A
   * removes its output. */
  nd_app_callback_data (app, victim_cb, &rec,
                        nd_output ("victim", "children"),
                        nd_input ("btn", "n_clicks"),
                        nd_input ("sig", "children"),
                        nd_prevent_initial_call ());
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);

  user_click (session, "btn", 1);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "A"), ==, 1);
  g_assert_cmpuint (rec_count (&rec, "V"), ==, 0);
  g_assert_null (nd_session_get_component (session, victim));
  g_assert_cmpstr (nd_session_get_prop_string (session, "sig", "children"), ==, "go");
  /* Dropped quietly, not run into a missing-Output error. */
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

static void
keeper_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "V");
  nd_return (ctx, "kept");
}

static void
test_prune_removed_triggers (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn"),
    nd_html_div (nd_list (nd_html_button ("tmp", "id", "tmp")), "id", "box"),
    nd_html_div ("id", "sig"),
    nd_html_div ("id", "keeper"))));
  nd_app_callback_data (app, clear_box_cb, &rec,
                        nd_output ("box", "children"),
                        nd_output ("sig", "children"),
                        nd_input ("btn", "n_clicks"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, keeper_cb, &rec,
                        nd_output ("keeper", "children"),
                        nd_allow_optional (nd_input ("tmp", "n_clicks")),
                        nd_input ("sig", "children"),
                        nd_prevent_initial_call ());
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);

  /* V is requested by tmp and waits for A, which removes tmp. */
  user_click (session, "tmp", 1);
  user_click (session, "btn", 1);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "A"), ==, 1);
  g_assert_cmpuint (rec_count (&rec, "V"), ==, 1);
  g_assert_cmpstr (rec_triggered (&rec, "V", 0), ==, "sig.children");
  g_assert_cmpstr (rec_args (&rec, "V", 0), ==, "None|go");
  g_assert_cmpstr (nd_session_get_prop_string (session, "keeper", "children"), ==, "kept");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

/* ---- §5.4 readiness ---- */

/* The spec's example: A: btn.n_clicks -> x.value; B: x.value -> y.value;
 * C: y.value, z.value -> w.children. */
static void
example_a_cb (NdCallbackContext *ctx, gpointer user_data)
{
  Rec *rec = user_data;

  record (rec, ctx, "A");
  gate (rec);
  if (rec->mode == 0)
    nd_return (ctx, nd_no_update ());
  else
    nd_return (ctx, "x1");
}

static void
example_c_cb (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *y = nd_callback_context_get_arg_text (ctx, 0);
  g_autofree char *z = nd_callback_context_get_arg_text (ctx, 1);

  record (user_data, ctx, "C");
  nd_return (ctx, nd_strf ("C(%s,%s)", y, z));
}

static void
test_readiness_example (gconstpointer data)
{
  int update = GPOINTER_TO_INT (data);
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  g_autofree char *order = NULL;
  Rec rec;

  rec_init (&rec);
  rec.mode = update;
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn"),
    nd_dcc_input ("id", "x", "value", "x0"),
    nd_dcc_input ("id", "y", "value", "y0"),
    nd_dcc_input ("id", "z", "value", "z0"),
    nd_html_div ("id", "w"))));
  nd_app_callback_data (app, example_a_cb, &rec,
                        nd_output ("x", "value"),
                        nd_input ("btn", "n_clicks"),
                        nd_prevent_initial_call (),
                        nd_threading (ND_THREADING_WORKER));
  nd_app_callback_data (app, downstream_b_cb, &rec,
                        nd_output ("y", "value"),
                        nd_input ("x", "value"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, example_c_cb, &rec,
                        nd_output ("w", "children"),
                        nd_input ("y", "value"),
                        nd_input ("z", "value"),
                        nd_prevent_initial_call ());
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);

  /* One event: the click and the edit of z. */
  user_click (session, "btn", 1);
  user_type (session, "z", "z1");
  g_assert_true (wait_for (&rec, check_running, GUINT_TO_POINTER (1)));
  /* The pass that sent A is over: C, downstream of A, was held back. */
  drain_main_context ();
  g_assert_cmpuint (nd_session_get_n_calls (session), ==, 1);
  g_assert_cmpuint (rec_count (&rec, "C"), ==, 0);

  release (&rec, 1);
  assert_idle (session);
  order = rec_order (&rec);
  g_assert_cmpuint (rec_count (&rec, "C"), ==, 1);
  if (!update)
    {
      g_assert_cmpstr (order, ==, "A,C");
      g_assert_cmpstr (rec_triggered (&rec, "C", 0), ==, "z.value");
      g_assert_cmpstr (rec_args (&rec, "C", 0), ==, "y0|z1");
      g_assert_cmpstr (nd_session_get_prop_string (session, "w", "children"), ==, "C(y0,z1)");
    }
  else
    {
      g_assert_cmpstr (order, ==, "A,B,C");
      g_assert_cmpstr (rec_triggered (&rec, "B", 0), ==, "x.value");
      g_assert_cmpstr (rec_triggered (&rec, "C", 0), ==, "z.value,y.value");
      g_assert_cmpstr (rec_args (&rec, "C", 0), ==, "B(x1)|z1");
      g_assert_cmpstr (nd_session_get_prop_string (session, "w", "children"), ==, "C(B(x1),z1)");
    }
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

static void
gated_writer_cb (NdCallbackContext *ctx, gpointer user_data)
{
  Rec *rec = user_data;

  record (rec, ctx, "A");
  gate (rec);
  nd_return (ctx, "x1");
}

static void
state_reader_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "C");
  nd_return (ctx, "seen");
}

static void
test_readiness_ignores_state (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn"),
    nd_dcc_input ("id", "x", "value", "x0"),
    nd_dcc_input ("id", "z", "value", "z0"),
    nd_html_div ("id", "w"))));
  nd_app_callback_data (app, gated_writer_cb, &rec,
                        nd_output ("x", "value"),
                        nd_input ("btn", "n_clicks"),
                        nd_prevent_initial_call (),
                        nd_threading (ND_THREADING_WORKER));
  nd_app_callback_data (app, state_reader_cb, &rec,
                        nd_output ("w", "children"),
                        nd_input ("z", "value"),
                        nd_state ("x", "value"),
                        nd_prevent_initial_call ());
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);

  user_click (session, "btn", 1);
  user_type (session, "z", "z1");
  /* C runs while A, which writes C's State, is still in flight. */
  g_assert_true (wait_for (&rec, check_running, GUINT_TO_POINTER (1)));
  g_assert_true (wait_for (&rec, check_count, &(CountCheck) { "C", 1 }));
  g_assert_cmpstr (rec_triggered (&rec, "C", 0), ==, "z.value");
  g_assert_cmpstr (rec_args (&rec, "C", 0), ==, "z1|x0");

  release (&rec, 1);
  assert_idle (session);
  g_assert_cmpstr (nd_session_get_prop_string (session, "x", "value"), ==, "x1");
  g_assert_cmpuint (rec_count (&rec, "C"), ==, 1);
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

/* M[i] reads every s (ALL) and writes s[i]: the two firings block each
 * other through D, with no cycle in the declared graph. */
static void
mutual_cb (NdCallbackContext *ctx, gpointer user_data)
{
  Rec *rec = user_data;
  g_autofree char *in = nd_callback_context_get_arg_text (ctx, 0);

  record (rec, ctx, "M");
  gate (rec);
  nd_return (ctx, nd_no_update (), nd_strf ("done %s", in));
}

static JsonNode *
pattern_id (const char *type, int index)
{
  return nd_dict ("t", type, "i", index);
}

static void
test_deadlock_breaker (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) o1 = pattern_id ("o", 1);
  g_autoptr(JsonNode) o2 = pattern_id ("o", 2);
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", pattern_id ("in", 1), "value", "in0"),
    nd_dcc_input ("id", pattern_id ("in", 2), "value", "in0"),
    nd_dcc_input ("id", pattern_id ("s", 1), "value", "s0"),
    nd_dcc_input ("id", pattern_id ("s", 2), "value", "s0"),
    nd_html_div ("id", pattern_id ("o", 1)),
    nd_html_div ("id", pattern_id ("o", 2)))));
  nd_app_callback_data (app, mutual_cb, &rec,
                        nd_output (nd_dict ("t", "s", "i", ND_MATCH), "value"),
                        nd_output (nd_dict ("t", "o", "i", ND_MATCH), "children"),
                        nd_input (nd_dict ("t", "in", "i", ND_MATCH), "value"),
                        nd_input (nd_dict ("t", "s", "i", ND_ALL), "value"),
                        nd_prevent_initial_call (),
                        nd_threading (ND_THREADING_WORKER));
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);

  /* Both firings requested in one event, index 2 first. */
  g_assert_true (nd_session_set_prop (session, pattern_id ("in", 2), "value", nd_str ("in2"), &error));
  g_assert_no_error (error);
  g_assert_true (nd_session_set_prop (session, pattern_id ("in", 1), "value", nd_str ("in1"), &error));
  g_assert_no_error (error);

  /* The first is declared ready; the second reads its outputs and waits. */
  g_assert_true (wait_for (&rec, check_running, GUINT_TO_POINTER (1)));
  drain_main_context ();
  g_assert_cmpuint (nd_session_get_n_calls (session), ==, 1);
  g_assert_cmpstr (rec_triggered (&rec, "M", 0), ==, "{\"i\":2,\"t\":\"in\"}.value");

  release (&rec, 1);
  g_assert_true (wait_for (&rec, check_count, &(CountCheck) { "M", 2 }));
  g_assert_cmpstr (rec_triggered (&rec, "M", 1), ==, "{\"i\":1,\"t\":\"in\"}.value");
  release (&rec, 1);
  assert_idle (session);

  g_assert_cmpuint (rec_count (&rec, "M"), ==, 2);
  g_assert_cmpuint (rec.max_running, ==, 1);
  g_assert_cmpstr (json_node_get_string (nd_session_get_prop (session, o1, "children")), ==, "done in1");
  g_assert_cmpstr (json_node_get_string (nd_session_get_prop (session, o2, "children")), ==, "done in2");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

/* ---- §5.5 dispatch ---- */

#define N_SLOTS 15
#define MAX_IN_FLIGHT 12

typedef struct {
  Rec *rec;
  guint index;
} Slot;

static void
limited_cb (NdCallbackContext *ctx, gpointer user_data)
{
  Slot *slot = user_data;

  g_mutex_lock (&slot->rec->lock);
  g_array_append_val (slot->rec->entered, slot->index);
  g_mutex_unlock (&slot->rec->lock);
  gate (slot->rec);
  nd_return (ctx, nd_strf ("done %u", slot->index));
}

static void
test_dispatch_limit_fifo (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  JsonNode *children = nd_list (nd_html_button ("Go", "id", "btn"));
  Slot slots[N_SLOTS];
  gboolean first[N_SLOTS] = { FALSE, };
  Rec rec;

  rec_init (&rec);
  nd_app_set_threading (app, ND_THREADING_WORKER);
  for (guint i = 0; i < N_SLOTS; i++)
    {
      g_autofree char *id = g_strdup_printf ("out%u", i);
      json_array_add_element (json_node_get_array (children), nd_html_div ("id", id));
    }
  nd_app_set_layout (app, nd_html_div (children));
  for (guint i = 0; i < N_SLOTS; i++)
    {
      g_autofree char *id = g_strdup_printf ("out%u", i);

      slots[i].rec = &rec;
      slots[i].index = i;
      nd_app_callback_data (app, limited_cb, &slots[i],
                            nd_output (id, "children"),
                            nd_input ("btn", "n_clicks"),
                            nd_prevent_initial_call ());
    }
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);

  user_click (session, "btn", 1);
  g_assert_true (wait_for (&rec, check_running, GUINT_TO_POINTER (MAX_IN_FLIGHT)));
  /* The pass that sent them is over: exactly 12 went, the first 12 asked. */
  drain_main_context ();
  g_assert_cmpuint (nd_session_get_n_calls (session), ==, MAX_IN_FLIGHT);
  g_mutex_lock (&rec.lock);
  g_assert_cmpuint (rec.entered->len, ==, MAX_IN_FLIGHT);
  for (guint i = 0; i < rec.entered->len; i++)
    first[g_array_index (rec.entered, guint, i)] = TRUE;
  g_mutex_unlock (&rec.lock);
  for (guint i = 0; i < MAX_IN_FLIGHT; i++)
    g_assert_true (first[i]);

  /* Each finished call frees one slot for the next in line. */
  for (guint k = MAX_IN_FLIGHT; k < N_SLOTS; k++)
    {
      release (&rec, 1);
      g_assert_true (wait_for (&rec, check_entered, GUINT_TO_POINTER (k + 1)));
      drain_main_context ();
      g_assert_cmpuint (nd_session_get_n_calls (session), ==, k + 1);
      g_mutex_lock (&rec.lock);
      g_assert_cmpuint (g_array_index (rec.entered, guint, k), ==, k);
      g_mutex_unlock (&rec.lock);
    }

  release (&rec, N_SLOTS);
  assert_idle (session);
  g_assert_cmpuint (rec.entered->len, ==, N_SLOTS);
  g_assert_cmpuint (rec.max_running, ==, MAX_IN_FLIGHT);
  for (guint i = 0; i < N_SLOTS; i++)
    {
      g_autofree char *id = g_strdup_printf ("out%u", i);
      g_autofree char *expected = g_strdup_printf ("done %u", i);

      g_assert_cmpstr (nd_session_get_prop_string (session, id, "children"), ==, expected);
    }
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

/* ---- §5.6 execution-group pruning ---- */

enum { INITIAL_NO_UPDATE, INITIAL_PREVENT_UPDATE, INITIAL_RAISE };

static void
initial_fails_cb (NdCallbackContext *ctx, gpointer user_data)
{
  Rec *rec = user_data;
  g_autofree char *value = nd_callback_context_get_arg_text (ctx, 0);
  gboolean initial = nd_callback_context_get_triggered_prop_ids (ctx)[0] == NULL;

  record (rec, ctx, "A");
  if (!initial)
    nd_return (ctx, nd_strf ("A(%s)", value));
  else if (rec->mode == INITIAL_NO_UPDATE)
    nd_return (ctx, nd_no_update ());
  else if (rec->mode == INITIAL_PREVENT_UPDATE)
    nd_callback_context_prevent_update (ctx);
  else
    nd_callback_context_raise (ctx, "initial call failed");
}

static void
test_group_prunes_downstream (gconstpointer data)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  Rec rec;

  rec_init (&rec);
  rec.mode = GPOINTER_TO_INT (data);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "value", "v"),
    nd_html_div ("x0", "id", "x"),
    nd_html_div ("id", "y"))));
  nd_app_callback_data (app, initial_fails_cb, &rec,
                        nd_output ("x", "children"),
                        nd_input ("in", "value"));
  nd_app_callback_data (app, downstream_b_cb, &rec,
                        nd_output ("y", "children"),
                        nd_input ("x", "children"));
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "A"), ==, 1);
  g_assert_cmpuint (rec_count (&rec, "B"), ==, 0);
  g_assert_cmpuint (nd_session_get_errors (session)->len, ==, rec.mode == INITIAL_RAISE ? 1 : 0);

  /* Later triggers are not affected. */
  user_type (session, "in", "w");
  assert_idle (session);
  g_assert_cmpuint (rec_count (&rec, "B"), ==, 1);
  g_assert_cmpstr (rec_triggered (&rec, "B", 0), ==, "x.children");
  g_assert_cmpstr (nd_session_get_prop_string (session, "y", "children"), ==, "B(A(w))");
  g_clear_object (&session);
  rec_clear (&rec);
}

static void
extra_input_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "B");
  nd_return (ctx, "ran");
}

static void
test_group_keeps_extra_input (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  g_autofree char *order = NULL;
  Rec rec;

  rec_init (&rec);
  rec.mode = INITIAL_NO_UPDATE;
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "value", "v"),
    nd_dcc_input ("id", "z", "value", "z0"),
    nd_html_div ("x0", "id", "x"),
    nd_html_div ("id", "y"))));
  nd_app_callback_data (app, initial_fails_cb, &rec,
                        nd_output ("x", "children"),
                        nd_input ("in", "value"));
  nd_app_callback_data (app, extra_input_cb, &rec,
                        nd_output ("y", "children"),
                        nd_input ("x", "children"),
                        nd_input ("z", "value"));
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);
  order = rec_order (&rec);
  g_assert_cmpstr (order, ==, "A,B");
  g_assert_cmpstr (rec_triggered (&rec, "B", 0), ==, "");
  g_assert_cmpstr (rec_args (&rec, "B", 0), ==, "x0|z0");
  g_assert_cmpstr (nd_session_get_prop_string (session, "y", "children"), ==, "ran");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

static void
all_writer_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "A");
  nd_return (ctx, nd_no_update ());
}

static void
all_reader_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "B");
  nd_return (ctx, "summed");
}

static void
test_group_keeps_all_only (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  g_autofree char *order = NULL;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "value", "v"),
    nd_html_div ("c0", "id", pattern_id ("item", 0)),
    nd_html_div ("c1", "id", pattern_id ("item", 1)),
    nd_html_div ("id", "sum"))));
  nd_app_callback_data (app, all_writer_cb, &rec,
                        nd_output (nd_dict ("t", "item", "i", ND_ALL), "children"),
                        nd_input ("in", "value"));
  nd_app_callback_data (app, all_reader_cb, &rec,
                        nd_output ("sum", "children"),
                        nd_input (nd_dict ("t", "item", "i", ND_ALL), "children"));
  session = session_new (app, NULL);
  session_start (session);
  assert_idle (session);
  order = rec_order (&rec);
  g_assert_cmpstr (order, ==, "A,B");
  g_assert_cmpstr (rec_triggered (&rec, "B", 0), ==, "");
  g_assert_cmpstr (nd_session_get_prop_string (session, "sum", "children"), ==, "summed");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

/* ---- §5.7 apply order ---- */

static void
side_and_output_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "A");
  nd_set_props (ctx, "side", "children", "S1");
  nd_return (ctx, "R1");
}

static void
side_reader_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "D1");
  nd_return (ctx, "seen");
}

static void
out_only_reader_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "D2");
  nd_return (ctx, "seen");
}

static void
both_reader_cb (NdCallbackContext *ctx, gpointer user_data)
{
  record (user_data, ctx, "D3");
  nd_return (ctx, "seen");
}

static void
test_apply_side_updates_first (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Scheduler");
  g_autoptr(NdSession) session = NULL;
  int side_at, out_at;
  Rec rec;

  rec_init (&rec);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Go", "id", "btn"),
    nd_html_div ("s0", "id", "side"),
    nd_html_div ("r0", "id", "out"),
    nd_html_div ("id", "log1"),
    nd_html_div ("id", "log2"),
    nd_html_div ("id", "log3"))));
  nd_app_callback_data (app, side_and_output_cb, &rec,
                        nd_output ("out", "children"),
                        nd_input ("btn", "n_clicks"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, side_reader_cb, &rec,
                        nd_output ("log1", "children"),
                        nd_input ("side", "children"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, out_only_reader_cb, &rec,
                        nd_output ("log2", "children"),
                        nd_input ("out", "children"),
                        nd_prevent_initial_call ());
  nd_app_callback_data (app, both_reader_cb, &rec,
                        nd_output ("log3", "children"),
                        nd_input ("side", "children"),
                        nd_input ("out", "children"),
                        nd_prevent_initial_call ());
  session = session_new (app, &rec);
  session_start (session);
  assert_idle (session);

  user_click (session, "btn", 1);
  assert_idle (session);
  side_at = rec_change_index (&rec, "side.children=\"S1\"");
  out_at = rec_change_index (&rec, "out.children=\"R1\"");
  g_assert_cmpint (side_at, >=, 0);
  g_assert_cmpint (out_at, >, side_at);

  g_assert_cmpuint (rec_count (&rec, "D1"), ==, 1);
  g_assert_cmpstr (rec_triggered (&rec, "D1", 0), ==, "side.children");
  g_assert_cmpuint (rec_count (&rec, "D2"), ==, 1);
  g_assert_cmpstr (rec_triggered (&rec, "D2", 0), ==, "out.children");
  /* Both changes reach D3 in one call, the side update's first. */
  g_assert_cmpuint (rec_count (&rec, "D3"), ==, 1);
  g_assert_cmpstr (rec_triggered (&rec, "D3", 0), ==, "side.children,out.children");
  g_assert_cmpstr (rec_args (&rec, "D3", 0), ==, "S1|R1");
  assert_no_errors (session);
  g_clear_object (&session);
  rec_clear (&rec);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scheduler/4.1/same-value-triggers-nothing", test_user_same_value);
  g_test_add_func ("/scheduler/4.1/only-changed-props-trigger", test_user_only_changed_props);
  g_test_add_func ("/scheduler/4.1/deep-equal-value-triggers-nothing", test_user_deep_equal);
  g_test_add_func ("/scheduler/4.1/state-never-triggers", test_user_state_never_triggers);
  g_test_add_func ("/scheduler/4.2/unchanged-result-still-triggers", test_result_unchanged_still_triggers);
  g_test_add_func ("/scheduler/4.2/no-update-triggers-nothing", test_result_no_update_triggers_nothing);
  g_test_add_func ("/scheduler/4.3/set-props-triggers-without-equality", test_set_props_no_equality_check);
  g_test_add_func ("/scheduler/5.1/merge-parent-child-click", test_merge_parent_child_click);
  g_test_add_func ("/scheduler/5.1/initial-call-dropped-for-upstream-result", test_merge_initial_dropped);
  g_test_add_func ("/scheduler/5.2/superseded-in-flight-result-discarded", test_supersede_in_flight);
  g_test_add_func ("/scheduler/5.2/no-self-retrigger", test_no_self_retrigger);
  g_test_add_func ("/scheduler/5.2/loop-runs-around-once", test_loop_runs_once);
  g_test_add_func ("/scheduler/5.3/prune-vanished-outputs", test_prune_vanished_outputs);
  g_test_add_func ("/scheduler/5.3/prune-triggers-of-removed-components", test_prune_removed_triggers);
  g_test_add_data_func ("/scheduler/5.4/readiness-waits-for-upstream/no-update",
                        GINT_TO_POINTER (0), test_readiness_example);
  g_test_add_data_func ("/scheduler/5.4/readiness-waits-for-upstream/update",
                        GINT_TO_POINTER (1), test_readiness_example);
  g_test_add_func ("/scheduler/5.4/state-does-not-block", test_readiness_ignores_state);
  g_test_add_func ("/scheduler/5.4/deadlock-breaker", test_deadlock_breaker);
  g_test_add_func ("/scheduler/5.5/at-most-12-in-flight-fifo", test_dispatch_limit_fifo);
  g_test_add_data_func ("/scheduler/5.6/no-initial-after-no-update",
                        GINT_TO_POINTER (INITIAL_NO_UPDATE), test_group_prunes_downstream);
  g_test_add_data_func ("/scheduler/5.6/no-initial-after-prevent-update",
                        GINT_TO_POINTER (INITIAL_PREVENT_UPDATE), test_group_prunes_downstream);
  g_test_add_data_func ("/scheduler/5.6/no-initial-after-error",
                        GINT_TO_POINTER (INITIAL_RAISE), test_group_prunes_downstream);
  g_test_add_func ("/scheduler/5.6/extra-input-still-runs", test_group_keeps_extra_input);
  g_test_add_func ("/scheduler/5.6/all-only-inputs-not-pruned", test_group_keeps_all_only);
  g_test_add_func ("/scheduler/5.7/side-updates-before-response", test_apply_side_updates_first);

  return g_test_run ();
}
