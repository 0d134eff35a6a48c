/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Background callbacks (callback-semantics §10.3) through real sessions:
 * progress shown while the job runs, progress_default and running reset
 * when it ends or is cancelled, cancel Inputs, supersede; and the §1.1
 * registration checks about them (WildcardInLongCallback, progress /
 * progress_default lengths, BackgroundCallbackError).
 *
 * The job body takes one token per progress step from a GCond the test
 * controls, so the test decides when each step happens; it also wakes
 * when its job is cancelled.  Waits iterate the main context until a
 * condition holds, with a timeout only as a safety net.
 */
#include <ndash.h>

#include <stdarg.h>
#include <string.h>

#define WAIT_MS 5000

/* ---- the job and what the test sees ---- */

typedef struct {
  GMutex lock;
  GCond cond;
  guint tokens;         /* progress steps the jobs may still take */
  guint started;        /* bodies entered */
  guint finished;       /* bodies returned */
  guint waits;          /* times a body began waiting for a token */
  guint saw_cancel;     /* bodies that found themselves cancelled */
  guint n_steps;
  gboolean burst;       /* take one token, then set every step at once */
  gboolean on_main_thread;
  GThread *main_thread;

  NdApp *app;
  NdSession *session;
  GPtrArray *changes;   /* "id.prop=json" from NdSession::prop-changed */
} Fixture;

static void
wake (GCancellable *cancellable, gpointer data)
{
  Fixture *fx = data;

  g_mutex_lock (&fx->lock);
  g_cond_broadcast (&fx->cond);
  g_mutex_unlock (&fx->lock);
  g_main_context_wakeup (NULL);
}

/* Blocks until the test hands out a token or the job is cancelled;
 * TRUE if a token was taken. */
static gboolean
take_token (Fixture *fx, NdCallbackContext *ctx)
{
  gboolean taken = FALSE;

  g_mutex_lock (&fx->lock);
  fx->waits++;
  g_cond_broadcast (&fx->cond);
  g_main_context_wakeup (NULL);
  while (fx->tokens == 0 && !nd_callback_context_is_cancelled (ctx))
    g_cond_wait (&fx->cond, &fx->lock);
  if (!nd_callback_context_is_cancelled (ctx))
    {
      fx->tokens--;
      taken = TRUE;
    }
  g_mutex_unlock (&fx->lock);
  return taken;
}

/* Dash's
 *   @callback(Output("result", "children"), Input("run", "n_clicks"),
 *             background=True, progress=[Output("bar", "value"),
 *             Output("status", "children")], progress_default=[0, "idle"],
 *             cancel=[Input("stop", "n_clicks"), Input("abort-store", "data")],
 *             running=[(Output("run", "disabled"), True, False)])
 *   def long_job(set_progress, n): ... */
static void
long_job (NdCallbackContext *ctx, gpointer user_data)
{
  Fixture *fx = user_data;
  GCancellable *cancellable = nd_callback_context_get_cancellable (ctx);
  int run = (int) nd_callback_context_get_arg_int (ctx, 0, -1);
  gboolean burst, inline_run;
  guint n_steps;
  gulong handler;

  g_mutex_lock (&fx->lock);
  fx->started++;
  burst = fx->burst;
  n_steps = fx->n_steps;
  inline_run = g_thread_self () == fx->main_thread;
  fx->on_main_thread |= inline_run;
  g_cond_broadcast (&fx->cond);
  g_mutex_unlock (&fx->lock);
  g_main_context_wakeup (NULL);

  if (inline_run)
    {
      /* Waiting here would hang the test: report it instead. */
      nd_return (ctx, "ran on the session's thread");
      g_mutex_lock (&fx->lock);
      fx->finished++;
      g_mutex_unlock (&fx->lock);
      return;
    }

  handler = g_cancellable_connect (cancellable, G_CALLBACK (wake), fx, NULL);
  if (burst)
    {
      if (take_token (fx, ctx))
        {
          for (guint step = 1; step <= n_steps; step++)
            nd_set_progress (ctx, (int) step, nd_strf ("run %d: step %u", run, step));
          /* hold the result until the test has looked */
          take_token (fx, ctx);
        }
    }
  else
    for (guint step = 1; step <= n_steps; step++)
      {
        if (!take_token (fx, ctx))
          break;
        nd_set_progress (ctx, (int) step, nd_strf ("run %d: step %u", run, step));
      }
  g_cancellable_disconnect (cancellable, handler);

  if (nd_callback_context_is_cancelled (ctx))
    {
      /* Too late for both: ndash must drop them. */
      nd_set_progress (ctx, 99, "cancelled job's progress");
      nd_return (ctx, "cancelled job's result");
      g_mutex_lock (&fx->lock);
      fx->saw_cancel++;
      g_mutex_unlock (&fx->lock);
    }
  else
    nd_return (ctx, nd_strf ("done: run %d", run));

  g_mutex_lock (&fx->lock);
  fx->finished++;
  g_cond_broadcast (&fx->cond);
  g_mutex_unlock (&fx->lock);
  g_main_context_wakeup (NULL);
}

/* Dash's @callback(Output("abort-store", "data"), Input("abort", "n_clicks")) */
static void
request_abort (NdCallbackContext *ctx, gpointer user_data)
{
  nd_return (ctx, nd_callback_context_get_arg_int (ctx, 0, 0));
}

static void
on_prop_changed (NdSession  *session,
                 const char *id_text,
                 const char *prop,
                 JsonNode   *value,
                 gpointer    user_data)
{
  Fixture *fx = user_data;
  g_autofree char *json = value ? nd_json_to_string (value, FALSE) : g_strdup ("undefined");

  g_ptr_array_add (fx->changes, g_strdup_printf ("%s.%s=%s", id_text, prop, json));
}

static JsonNode *
job_layout (void)
{
  return nd_html_div (nd_list (
    nd_html_button ("Run", "id", "run", "n_clicks", 0, "disabled", nd_bool (FALSE)),
    nd_html_button ("Cancel", "id", "stop", "n_clicks", 0),
    nd_html_button ("Abort", "id", "abort", "n_clicks", 0),
    nd_dcc_store ("id", "abort-store", "data", 0),
    nd_html_progress ("id", "bar", "value", 0, "max", 3),
    nd_html_div ("idle", "id", "status"),
    nd_html_div ("none", "id", "result")));
}

static void
fixture_setup (Fixture *fx, NdThreading threading)
{
  g_autoptr(GError) error = NULL;

  memset (fx, 0, sizeof *fx);
  g_mutex_init (&fx->lock);
  g_cond_init (&fx->cond);
  fx->n_steps = 3;
  fx->main_thread = g_thread_self ();
  fx->changes = g_ptr_array_new_with_free_func (g_free);

  fx->app = nd_app_new ("org.ndash.test.Background");
  nd_app_set_threading (fx->app, threading);
  nd_app_set_layout (fx->app, job_layout ());
  g_assert_nonnull (nd_app_callback_data (fx->app, long_job, fx,
                                          nd_output ("result", "children"),
                                          nd_input ("run", "n_clicks"),
                                          nd_background (),
                                          nd_progress (nd_output ("bar", "value")),
                                          nd_progress (nd_output ("status", "children")),
                                          nd_progress_default (nd_int (0)),
                                          nd_progress_default (nd_str ("idle")),
                                          nd_cancel (nd_input ("stop", "n_clicks")),
                                          nd_cancel (nd_input ("abort-store", "data")),
                                          nd_running (nd_output ("run", "disabled"), nd_bool (TRUE), nd_bool (FALSE)),
                                          nd_prevent_initial_call ()));
  g_assert_nonnull (nd_app_callback (fx->app, request_abort,
                                     nd_output ("abort-store", "data"),
                                     nd_input ("abort", "n_clicks"),
                                     nd_prevent_initial_call ()));

  fx->session = nd_app_new_session (fx->app, &error);
  g_assert_no_error (error);
  g_signal_connect (fx->session, "prop-changed", G_CALLBACK (on_prop_changed), fx);
  g_assert_true (nd_session_start (fx->session, &error));
  g_assert_no_error (error);
  g_assert_true (nd_session_run_until_idle (fx->session, WAIT_MS));
}

/* ---- waiting ---- */

typedef gboolean (*Check) (Fixture *fx, gconstpointer data);

static gboolean
deadline_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Turns the main context (where the session applies results and
 * progress) until @check holds. */
static gboolean
wait_for (Fixture *fx, Check check, gconstpointer data)
{
  gboolean timed_out = FALSE, ok;
  GSource *timer = g_timeout_source_new (WAIT_MS);

  g_source_set_callback (timer, deadline_cb, &timed_out, NULL);
  g_source_attach (timer, NULL);
  for (;;)
    {
      ok = check (fx, data);
      if (ok || timed_out)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_destroy (timer);
  g_source_unref (timer);
  return ok;
}

static char *
prop_json (NdSession *session, const char *id, const char *prop)
{
  g_autoptr(JsonNode) id_node = nd_json_string (id);
  JsonNode *v = nd_session_get_prop (session, id_node, prop);

  return v ? nd_json_to_string (v, FALSE) : g_strdup ("undefined");
}

#define assert_prop(fx, id, prop, json) \
  G_STMT_START { \
    g_autofree char *v_ = prop_json ((fx)->session, (id), (prop)); \
    g_assert_cmpstr (v_, ==, (json)); \
  } G_STMT_END

typedef struct {
  const char *id;
  const char *prop;
  const char *json;
} PropIs;

static gboolean
check_prop (Fixture *fx, gconstpointer data)
{
  const PropIs *p = data;
  g_autofree char *v = prop_json (fx->session, p->id, p->prop);

  return strcmp (v, p->json) == 0;
}

#define wait_prop(fx, id, prop, json) \
  G_STMT_START { \
    PropIs p_ = { (id), (prop), (json) }; \
    if (!wait_for ((fx), check_prop, &p_)) \
      { \
        g_autofree char *v_ = prop_json ((fx)->session, (id), (prop)); \
        g_error ("timed out waiting for %s.%s == %s (it is %s)", (id), (prop), (json), v_); \
      } \
  } G_STMT_END

/* A counter of the fixture reaching a value; the offset names the field. */
typedef struct {
  gsize offset;
  guint value;
} CountIs;

static gboolean
check_count (Fixture *fx, gconstpointer data)
{
  const CountIs *c = data;
  guint n;

  g_mutex_lock (&fx->lock);
  n = *(guint *) ((char *) fx + c->offset);
  g_mutex_unlock (&fx->lock);
  return n >= c->value;
}

#define wait_count(fx, field, n) \
  G_STMT_START { \
    CountIs c_ = { G_STRUCT_OFFSET (Fixture, field), (n) }; \
    if (!wait_for ((fx), check_count, &c_)) \
      g_error ("timed out waiting for " #field " to reach %u", (guint) (n)); \
  } G_STMT_END

static guint
get_count (Fixture *fx, guint *field)
{
  guint n;

  g_mutex_lock (&fx->lock);
  n = *field;
  g_mutex_unlock (&fx->lock);
  return n;
}

/* Results and progress on their way hold a reference on the session until
 * the main context has handled them; with only ours left, none is. */
static gboolean
check_released (Fixture *fx, gconstpointer data)
{
  return g_atomic_int_get ((gint *) &G_OBJECT (fx->session)->ref_count) == 1;
}

static void
release (Fixture *fx, guint n)
{
  g_mutex_lock (&fx->lock);
  fx->tokens += n;
  g_cond_broadcast (&fx->cond);
  g_mutex_unlock (&fx->lock);
}

/* Blocks on the GCond only, without turning the main context, so nothing
 * the job reports is applied meanwhile. */
static void
wait_waits_no_loop (Fixture *fx, guint n)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&fx->lock);
  while (fx->waits < n)
    if (!g_cond_wait_until (&fx->cond, &fx->lock, deadline))
      break;
  g_assert_cmpuint (fx->waits, >=, n);
  g_mutex_unlock (&fx->lock);
}

static guint
count_changes (Fixture *fx, const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < fx->changes->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (fx->changes, i), prefix))
      n++;
  return n;
}

static gboolean
saw_change (Fixture *fx, const char *change)
{
  for (guint i = 0; i < fx->changes->len; i++)
    if (strcmp (g_ptr_array_index (fx->changes, i), change) == 0)
      return TRUE;
  return FALSE;
}

static void
fixture_teardown (Fixture *fx)
{
  /* Let every job body return, and every delivery happen, before the
   * session and the app (whose pool waits for its threads) go. */
  release (fx, 1000);
  g_assert_true (nd_session_run_until_idle (fx->session, WAIT_MS));
  g_assert_true (wait_for (fx, check_released, NULL));
  g_assert_cmpuint (get_count (fx, &fx->started), ==, get_count (fx, &fx->finished));
  g_clear_object (&fx->session);
  g_clear_object (&fx->app);
  g_ptr_array_unref (fx->changes);
  g_mutex_clear (&fx->lock);
  g_cond_clear (&fx->cond);
}

static gboolean
result_loading (Fixture *fx)
{
  g_autoptr(JsonNode) id = nd_json_string ("result");

  return nd_session_is_loading (fx->session, id, "children");
}

static void
click (Fixture *fx, const char *id, int n_clicks)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_session_set_prop (fx->session, nd_json_string (id), "n_clicks",
                                      nd_json_int (n_clicks), &error));
  g_assert_no_error (error);
}

/* ---- §10.3 ---- */

/* Each progress step shows in the session while the job is still running
 * (outputs untouched, running on); at the end the outputs are set and
 * progress_default and running's off value are applied. */
static void
test_10_3_progress_while_running (void)
{
  Fixture fx;

  fixture_setup (&fx, ND_THREADING_AUTO);
  click (&fx, "run", 1);
  wait_count (&fx, waits, 1);
  assert_prop (&fx, "run", "disabled", "true");
  g_assert_true (result_loading (&fx));

  release (&fx, 1);
  wait_prop (&fx, "status", "children", "\"run 1: step 1\"");
  assert_prop (&fx, "bar", "value", "1");
  assert_prop (&fx, "result", "children", "\"none\"");
  assert_prop (&fx, "run", "disabled", "true");
  g_assert_true (nd_session_is_busy (fx.session));

  release (&fx, 1);
  wait_prop (&fx, "status", "children", "\"run 1: step 2\"");
  assert_prop (&fx, "bar", "value", "2");
  assert_prop (&fx, "result", "children", "\"none\"");

  release (&fx, 1);
  wait_prop (&fx, "result", "children", "\"done: run 1\"");
  g_assert_true (nd_session_run_until_idle (fx.session, WAIT_MS));
  /* the job ended: progress_default [0, "idle"], running off */
  assert_prop (&fx, "bar", "value", "0");
  assert_prop (&fx, "status", "children", "\"idle\"");
  assert_prop (&fx, "run", "disabled", "false");
  g_assert_false (result_loading (&fx));
  g_assert_cmpuint (nd_session_get_n_calls (fx.session), ==, 1);
  g_assert_cmpuint (nd_session_get_errors (fx.session)->len, ==, 0);
  fixture_teardown (&fx);
}

/* Progress set several times between two polls: only the latest value of
 * each progress Output is applied. */
static void
test_10_3_progress_latest_only (void)
{
  Fixture fx;

  fixture_setup (&fx, ND_THREADING_AUTO);
  fx.burst = TRUE;
  click (&fx, "run", 1);
  wait_count (&fx, waits, 1);
  g_ptr_array_set_size (fx.changes, 0);

  /* The job sets steps 1, 2 and 3 while the main context stands still. */
  release (&fx, 1);
  wait_waits_no_loop (&fx, 2);
  wait_prop (&fx, "bar", "value", "3");
  assert_prop (&fx, "status", "children", "\"run 1: step 3\"");
  g_assert_cmpuint (count_changes (&fx, "bar.value="), ==, 1);
  g_assert_cmpuint (count_changes (&fx, "status.children="), ==, 1);

  release (&fx, 1);
  wait_prop (&fx, "result", "children", "\"done: run 1\"");
  fixture_teardown (&fx);
}

/* Cancel button: the job is told to stop; outputs stay unchanged (what
 * it returns anyway is dropped, as is its later progress), running is
 * reset and progress_default applied at once. */
static void
test_10_3_cancel_button (void)
{
  Fixture fx;

  fixture_setup (&fx, ND_THREADING_AUTO);
  click (&fx, "run", 1);
  release (&fx, 1);
  wait_prop (&fx, "status", "children", "\"run 1: step 1\"");
  wait_count (&fx, waits, 2);

  click (&fx, "stop", 1);
  /* applied with the click itself */
  assert_prop (&fx, "bar", "value", "0");
  assert_prop (&fx, "status", "children", "\"idle\"");
  assert_prop (&fx, "run", "disabled", "false");
  assert_prop (&fx, "result", "children", "\"none\"");
  g_assert_false (result_loading (&fx));

  /* The body notices (it is waiting for a token nobody gives) and returns. */
  wait_count (&fx, finished, 1);
  g_assert_cmpuint (get_count (&fx, &fx.saw_cancel), ==, 1);
  g_assert_true (nd_session_run_until_idle (fx.session, WAIT_MS));
  g_assert_true (wait_for (&fx, check_released, NULL));
  assert_prop (&fx, "result", "children", "\"none\"");
  assert_prop (&fx, "bar", "value", "0");
  assert_prop (&fx, "status", "children", "\"idle\"");
  g_assert_false (saw_change (&fx, "result.children=\"cancelled job's result\""));
  g_assert_false (saw_change (&fx, "bar.value=99"));
  g_assert_cmpuint (nd_session_get_errors (fx.session)->len, ==, 0);

  /* The callback still works afterwards. */
  release (&fx, 3);
  click (&fx, "run", 2);
  wait_prop (&fx, "result", "children", "\"done: run 2\"");
  g_assert_cmpuint (nd_session_get_n_calls (fx.session), ==, 2);
  fixture_teardown (&fx);
}

/* A cancel Input changed by another callback's output cancels too: it is
 * an ordinary prop change. */
static void
test_10_3_cancel_by_callback_output (void)
{
  Fixture fx;

  fixture_setup (&fx, ND_THREADING_AUTO);
  click (&fx, "run", 1);
  release (&fx, 1);
  wait_prop (&fx, "bar", "value", "1");
  wait_count (&fx, waits, 2);

  click (&fx, "abort", 1);
  wait_prop (&fx, "abort-store", "data", "1");
  wait_count (&fx, finished, 1);
  g_assert_true (nd_session_run_until_idle (fx.session, WAIT_MS));
  g_assert_true (wait_for (&fx, check_released, NULL));
  g_assert_cmpuint (get_count (&fx, &fx.saw_cancel), ==, 1);
  assert_prop (&fx, "result", "children", "\"none\"");
  assert_prop (&fx, "bar", "value", "0");
  assert_prop (&fx, "status", "children", "\"idle\"");
  assert_prop (&fx, "run", "disabled", "false");
  g_assert_cmpuint (nd_session_get_errors (fx.session)->len, ==, 0);
  fixture_teardown (&fx);
}

/* A new trigger of the same callback supersedes the running job: the old
 * one is cancelled and its result dropped; running stays on for the new
 * one, whose result is shown. */
static void
test_10_3_supersede_cancels_old_job (void)
{
  Fixture fx;

  fixture_setup (&fx, ND_THREADING_AUTO);
  click (&fx, "run", 1);
  release (&fx, 1);
  wait_prop (&fx, "status", "children", "\"run 1: step 1\"");
  wait_count (&fx, waits, 2);

  click (&fx, "run", 2);
  wait_count (&fx, started, 2);
  wait_count (&fx, finished, 1);
  g_assert_cmpuint (get_count (&fx, &fx.saw_cancel), ==, 1);
  assert_prop (&fx, "run", "disabled", "true");
  assert_prop (&fx, "result", "children", "\"none\"");

  release (&fx, 3);
  wait_prop (&fx, "result", "children", "\"done: run 2\"");
  g_assert_true (nd_session_run_until_idle (fx.session, WAIT_MS));
  g_assert_true (wait_for (&fx, check_released, NULL));
  assert_prop (&fx, "result", "children", "\"done: run 2\"");
  assert_prop (&fx, "bar", "value", "0");
  assert_prop (&fx, "status", "children", "\"idle\"");
  assert_prop (&fx, "run", "disabled", "false");
  g_assert_true (saw_change (&fx, "status.children=\"run 2: step 3\"") ||
                 saw_change (&fx, "status.children=\"run 2: step 2\"") ||
                 saw_change (&fx, "status.children=\"run 2: step 1\""));
  g_assert_false (saw_change (&fx, "result.children=\"cancelled job's result\""));
  g_assert_false (saw_change (&fx, "status.children=\"cancelled job's progress\""));
  g_assert_cmpuint (nd_session_get_n_calls (fx.session), ==, 2);
  fixture_teardown (&fx);
}

/* background=True always runs as a job off the session's thread, even
 * when the app runs callbacks inline. */
static void
test_10_3_runs_on_worker (void)
{
  Fixture fx;

  fixture_setup (&fx, ND_THREADING_INLINE);
  release (&fx, 3);
  click (&fx, "run", 1);
  wait_prop (&fx, "result", "children", "\"done: run 1\"");
  g_assert_false (fx.on_main_thread);
  fixture_teardown (&fx);
}

/* _dash-dependencies: "background": {"interval": ms} (1000 by default),
 * null otherwise; one hidden cancel callback per distinct cancel Input,
 * after the registered ones, which answers with nothing to update. */
static void
dummy (NdCallbackContext *ctx, gpointer user_data)
{
  nd_callback_context_prevent_update (ctx);
}

static void
dummy_two (NdCallbackContext *ctx, gpointer user_data)
{
  nd_callback_context_prevent_update (ctx);
}

static void
plain (NdCallbackContext *ctx, gpointer user_data)
{
  nd_callback_context_prevent_update (ctx);
}

static JsonNode *
entry_for (JsonNode *deps, const char *output)
{
  JsonArray *arr = json_node_get_array (deps);

  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *o = json_array_get_object_element (arr, i);
      if (strcmp (json_object_get_string_member (o, "output"), output) == 0)
        return json_array_get_element (arr, i);
    }
  return NULL;
}

static void
assert_json (JsonNode *actual, const char *expected_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) expected = nd_json_parse (expected_text, -1, 0, &error);
  g_autofree char *text = actual ? nd_json_to_string (actual, FALSE) : g_strdup ("(none)");

  g_assert_no_error (error);
  if (actual == NULL || !nd_json_equal (actual, expected))
    g_error ("expected %s\n     got %s", expected_text, text);
}

static void
test_10_3_dependencies_json (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Background");
  g_autoptr(JsonNode) deps = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  JsonObject *o;
  guint status = 0;

  g_assert_nonnull (nd_app_callback (app, dummy,
                                     nd_output ("a", "children"), nd_input ("go-a", "n_clicks"),
                                     nd_background (), nd_interval (500),
                                     nd_progress (nd_output ("bar", "value")),
                                     nd_cancel (nd_input ("stop", "n_clicks")),
                                     nd_cancel (nd_input ("other-stop", "n_clicks"))));
  g_assert_nonnull (nd_app_callback (app, dummy_two,
                                     nd_output ("b", "children"), nd_input ("go-b", "n_clicks"),
                                     nd_background (),
                                     nd_cancel (nd_input ("stop", "n_clicks"))));
  g_assert_nonnull (nd_app_callback (app, plain,
                                     nd_output ("c", "children"), nd_input ("go-c", "n_clicks")));
  g_assert_true (nd_app_validate (app, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nd_app_get_n_callbacks (app), ==, 3);

  deps = nd_app_get_dependencies_json (app);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (deps)), ==, 5);
  o = json_node_get_object (entry_for (deps, "a.children"));
  assert_json (json_object_get_member (o, "background"), "{\"interval\": 500}");
  o = json_node_get_object (entry_for (deps, "b.children"));
  assert_json (json_object_get_member (o, "background"), "{\"interval\": 1000}");
  o = json_node_get_object (entry_for (deps, "c.children"));
  g_assert_true (nd_json_is_null (json_object_get_member (o, "background")));

  /* the hidden cancel callbacks, in order, "stop" only once */
  assert_json (json_array_get_element (json_node_get_array (deps), 3),
               "{\"output\": \"stop.id\", \"inputs\": [{\"id\": \"stop\", \"property\": \"n_clicks\"}],"
               " \"state\": [], \"clientside_function\": null, \"prevent_initial_call\": true,"
               " \"background\": null, \"dynamic_creator\": null, \"no_output\": false,"
               " \"optional\": false, \"hidden\": false, \"websocket\": false, \"persistent\": false}");
  o = json_array_get_object_element (json_node_get_array (deps), 4);
  g_assert_cmpstr (json_object_get_string_member (o, "output"), ==, "other-stop.id");

  answer = nd_app_handle_update_component (app,
    "{\"output\": \"stop.id\", \"outputs\": {\"id\": \"stop\", \"property\": \"id\"},"
    " \"inputs\": [{\"id\": \"stop\", \"property\": \"n_clicks\", \"value\": 1}],"
    " \"changedPropIds\": [\"stop.n_clicks\"]}", -1, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  {
    g_autoptr(JsonNode) body = nd_json_parse (answer, -1, 0, &error);
    g_assert_no_error (error);
    assert_json (body, "{\"multi\": true, \"response\": {}}");
  }
}

/* ---- §1.1 registration checks ---- */

/* nd_app_callback() logs a warning when it rejects a callback, and g_test
 * makes warnings fatal: tolerate them during that one call. */
#define assert_rejected(registration) \
  G_STMT_START { \
    GLogLevelFlags old_fatal_ = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL); \
    NdCallback *rejected_ = (registration); \
    g_log_set_always_fatal (old_fatal_); \
    g_assert_null (rejected_); \
  } G_STMT_END

#define assert_named_error(error, code, ...) \
  assert_named_error_at (__FILE__, __LINE__, (error), (code), __VA_ARGS__, NULL)

static void
assert_named_error_at (const char *file, int line, const GError *error, int code, ...)
{
  va_list ap;
  const char *needle;

  if (error == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("expected ND_ERROR %d, got no error", code);
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

#define DEFINE_CALLBACK(name) \
  static void name (NdCallbackContext *ctx, gpointer user_data) \
  { nd_callback_context_prevent_update (ctx); }

DEFINE_CALLBACK (progress_to_all_bars)
DEFINE_CALLBACK (cancel_on_any_stop)
DEFINE_CALLBACK (two_progress_one_default)
DEFINE_CALLBACK (default_without_progress)
DEFINE_CALLBACK (progress_not_background)
DEFINE_CALLBACK (cancel_not_background)
DEFINE_CALLBACK (default_not_background)
DEFINE_CALLBACK (progress_from_input)
DEFINE_CALLBACK (loop_job)
DEFINE_CALLBACK (relay_bar)
DEFINE_CALLBACK (relay_mid)
DEFINE_CALLBACK (running_job)
DEFINE_CALLBACK (relay_flag)
DEFINE_CALLBACK (self_job)
DEFINE_CALLBACK (fine_job)
DEFINE_CALLBACK (show_bar)
DEFINE_CALLBACK (show_flag)

static NdApp *
new_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Background");

  nd_app_set_threading (app, ND_THREADING_INLINE);
  return app;
}

static void
test_1_1_progress_wildcard (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, progress_to_all_bars,
                                    nd_output ("result", "children"), nd_input ("run", "n_clicks"),
                                    nd_background (),
                                    nd_progress (nd_output (nd_dict ("type", "bar", "index", ND_ALL), "value"))));
  error = validate (app);
  assert_named_error (error, ND_ERROR_WILDCARD, "progress_to_all_bars",
                      "{\"index\":[\"ALL\"],\"type\":\"bar\"}.value", "WildcardInLongCallback");
  g_assert_cmpuint (nd_app_get_n_callbacks (app), ==, 0);
}

static void
test_1_1_cancel_wildcard (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, cancel_on_any_stop,
                                    nd_output ("result", "children"), nd_input ("run", "n_clicks"),
                                    nd_background (),
                                    nd_cancel (nd_input (nd_dict ("type", "stop", "index", ND_MATCH), "n_clicks"))));
  error = validate (app);
  assert_named_error (error, ND_ERROR_WILDCARD, "cancel_on_any_stop",
                      "{\"index\":[\"MATCH\"],\"type\":\"stop\"}.n_clicks", "WildcardInLongCallback");
}

static void
test_1_1_progress_default_length (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(NdApp) app2 = new_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  assert_rejected (nd_app_callback (app, two_progress_one_default,
                                    nd_output ("result", "children"), nd_input ("run", "n_clicks"),
                                    nd_background (),
                                    nd_progress (nd_output ("bar", "value")),
                                    nd_progress (nd_output ("status", "children")),
                                    nd_progress_default (nd_int (0))));
  error = validate (app);
  assert_named_error (error, ND_ERROR_BACKGROUND, "two_progress_one_default", "bar.value",
                      "same length");

  assert_rejected (nd_app_callback (app2, default_without_progress,
                                    nd_output ("result", "children"), nd_input ("run", "n_clicks"),
                                    nd_background (),
                                    nd_progress_default (nd_int (0))));
  error2 = validate (app2);
  assert_named_error (error2, ND_ERROR_BACKGROUND, "default_without_progress", "same length");
}

/* progress, cancel and progress_default belong to background=True. */
static void
test_1_1_options_need_background (void)
{
  g_autoptr(NdApp) a = new_app ();
  g_autoptr(NdApp) b = new_app ();
  g_autoptr(NdApp) c = new_app ();
  g_autoptr(GError) ea = NULL;
  g_autoptr(GError) eb = NULL;
  g_autoptr(GError) ec = NULL;

  assert_rejected (nd_app_callback (a, progress_not_background,
                                    nd_output ("result", "children"), nd_input ("run", "n_clicks"),
                                    nd_progress (nd_output ("bar", "value"))));
  ea = validate (a);
  assert_named_error (ea, ND_ERROR_BACKGROUND, "progress_not_background", "bar.value", "background");

  assert_rejected (nd_app_callback (b, cancel_not_background,
                                    nd_output ("result", "children"), nd_input ("run", "n_clicks"),
                                    nd_cancel (nd_input ("stop", "n_clicks"))));
  eb = validate (b);
  assert_named_error (eb, ND_ERROR_BACKGROUND, "cancel_not_background", "stop.n_clicks", "background");

  assert_rejected (nd_app_callback (c, default_not_background,
                                    nd_output ("result", "children"), nd_input ("run", "n_clicks"),
                                    nd_progress_default (nd_int (0))));
  ec = validate (c);
  assert_named_error (ec, ND_ERROR_BACKGROUND, "default_not_background", "progress_default", "background");
}

static void
test_1_1_progress_must_be_output (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  assert_rejected (nd_app_callback (app, progress_from_input,
                                    nd_output ("result", "children"), nd_input ("run", "n_clicks"),
                                    nd_background (),
                                    nd_progress (nd_input ("bar", "value"))));
  error = validate (app);
  assert_named_error (error, ND_ERROR_INCORRECT_TYPE, "progress_from_input", "bar.value");
}

/* progress -> bar.value -> relay_bar -> mid.children -> relay_mid ->
 * go.value, an Input of the job: each progress step would restart it. */
static void
test_1_1_circular_progress_chain (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) session_error = NULL;
  g_autoptr(NdSession) session = NULL;

  g_assert_nonnull (nd_app_callback (app, loop_job,
                                     nd_output ("result", "children"), nd_input ("go", "value"),
                                     nd_background (),
                                     nd_progress (nd_output ("bar", "value"))));
  g_assert_nonnull (nd_app_callback (app, relay_bar,
                                     nd_output ("mid", "children"), nd_input ("bar", "value")));
  g_assert_nonnull (nd_app_callback (app, relay_mid,
                                     nd_output ("go", "value"), nd_input ("mid", "children")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_CIRCULAR, "loop_job", "go.value", "bar.value",
                      "BackgroundCallbackError");

  /* and no session starts */
  nd_app_set_layout (app, nd_html_div (nd_list (nd_dcc_input ("id", "go"), nd_html_div ("id", "result"),
                                                nd_html_progress ("id", "bar"), nd_html_div ("id", "mid"))));
  session = nd_app_new_session (app, &session_error);
  g_assert_null (session);
  g_assert_error (session_error, ND_ERROR, ND_ERROR_CIRCULAR);
}

/* running=(Output("flag", "data"), ...) read by a callback writing the
 * job's own Input. */
static void
test_1_1_circular_running (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, running_job,
                                     nd_output ("result", "children"), nd_input ("go", "value"),
                                     nd_background (),
                                     nd_running (nd_output ("flag", "data"), nd_bool (TRUE), nd_bool (FALSE))));
  g_assert_nonnull (nd_app_callback (app, relay_flag,
                                     nd_output ("go", "value"), nd_input ("flag", "data")));
  error = validate (app);
  assert_named_error (error, ND_ERROR_CIRCULAR, "running_job", "go.value", "flag.data", "relay_flag",
                      "BackgroundCallbackError");
}

/* A progress Output that is the job's own Input. */
static void
test_1_1_circular_direct (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nd_app_callback (app, self_job,
                                     nd_output ("result", "children"),
                                     nd_input ("go", "value"), nd_input ("bar", "value"),
                                     nd_background (),
                                     nd_progress (nd_output ("bar", "value"))));
  error = validate (app);
  assert_named_error (error, ND_ERROR_CIRCULAR, "self_job", "bar.value", "BackgroundCallbackError");
}

/* Progress and running outputs read by callbacks that do not lead back to
 * the job: accepted, and the app runs. */
static void
test_1_1_background_valid (void)
{
  g_autoptr(NdApp) app = new_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSession) session = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "go", "value", "x"), nd_html_div ("id", "result"),
    nd_html_progress ("id", "bar"), nd_html_div ("id", "bar-text"),
    nd_dcc_store ("id", "flag"), nd_html_div ("id", "flag-text"),
    nd_html_button ("id", "stop"))));
  g_assert_nonnull (nd_app_callback (app, fine_job,
                                     nd_output ("result", "children"), nd_input ("go", "value"),
                                     nd_background (),
                                     nd_progress (nd_output ("bar", "value")),
                                     nd_progress_default (nd_int (0)),
                                     nd_cancel (nd_input ("stop", "n_clicks")),
                                     nd_running (nd_output ("flag", "data"), nd_bool (TRUE), nd_bool (FALSE))));
  g_assert_nonnull (nd_app_callback (app, show_bar,
                                     nd_output ("bar-text", "children"), nd_input ("bar", "value")));
  g_assert_nonnull (nd_app_callback (app, show_flag,
                                     nd_output ("flag-text", "children"), nd_input ("flag", "data")));
  g_assert_true (nd_app_validate (app, &error));
  g_assert_no_error (error);
  session = nd_app_new_session (app, &error);
  g_assert_no_error (error);
  g_assert_true (nd_session_start (session, &error));
  g_assert_no_error (error);
  g_assert_true (nd_session_run_until_idle (session, WAIT_MS));
  g_assert_cmpuint (nd_session_get_errors (session)->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/background/10.3/progress-while-running", test_10_3_progress_while_running);
  g_test_add_func ("/background/10.3/progress-latest-only", test_10_3_progress_latest_only);
  g_test_add_func ("/background/10.3/cancel-button", test_10_3_cancel_button);
  g_test_add_func ("/background/10.3/cancel-by-callback-output", test_10_3_cancel_by_callback_output);
  g_test_add_func ("/background/10.3/supersede-cancels-old-job", test_10_3_supersede_cancels_old_job);
  g_test_add_func ("/background/10.3/runs-on-worker", test_10_3_runs_on_worker);
  g_test_add_func ("/background/10.3/dependencies-json", test_10_3_dependencies_json);

  g_test_add_func ("/validation/1.1/background-progress-wildcard", test_1_1_progress_wildcard);
  g_test_add_func ("/validation/1.1/background-cancel-wildcard", test_1_1_cancel_wildcard);
  g_test_add_func ("/validation/1.1/background-progress-default-length", test_1_1_progress_default_length);
  g_test_add_func ("/validation/1.1/background-options-need-background", test_1_1_options_need_background);
  g_test_add_func ("/validation/1.1/background-progress-must-be-output", test_1_1_progress_must_be_output);
  g_test_add_func ("/validation/1.1/background-circular-progress-chain", test_1_1_circular_progress_chain);
  g_test_add_func ("/validation/1.1/background-circular-running", test_1_1_circular_running);
  g_test_add_func ("/validation/1.1/background-circular-direct", test_1_1_circular_direct);
  g_test_add_func ("/validation/1.1/background-valid", test_1_1_background_valid);

  return g_test_run ();
}
