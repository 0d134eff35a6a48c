/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Core engine benchmarks: how much the scheduler, registration and a
 * session cost on their own, with callbacks that do (almost) nothing.
 *
 * Prints one line per measured run on stdout:
 *
 *   RUN <figure> <unit> <value>
 *
 * bench/run collects them, takes medians and compares with the goals.
 * Every run checks that the app really did what was asked (the last link
 * of the chain shows the new value, the sum is right, ...), so a broken
 * engine cannot look fast.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ndash.h>

#include "nd-bench.h"

#define IDLE_TIMEOUT_MS 120000

static guint n_runs = 7;

static void
check_session (NdSession *session, const char *what)
{
  GPtrArray *errors = nd_session_get_errors (session);

  if (errors->len)
    {
      NdCallbackError *e = g_ptr_array_index (errors, 0);
      fail (what, e->message);
    }
}

static void
run_to_idle (NdSession *session, const char *what)
{
  if (!nd_session_run_until_idle (session, IDLE_TIMEOUT_MS))
    fail (what, "session did not become idle");
  check_session (session, what);
}

static NdSession *
start_session (NdApp *app, const char *what)
{
  g_autoptr(GError) error = NULL;
  NdSession *session = nd_app_new_session (app, &error);

  if (session == NULL || !nd_session_start (session, &error))
    fail (what, error->message);
  return session;
}

static void
free_session (NdSession *session)
{
  nd_session_close (session);
  g_object_unref (session);
}

static double
median (double *values, guint n)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof (double));

  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && sorted[j - 1] > sorted[j]; j--)
      {
        double t = sorted[j];
        sorted[j] = sorted[j - 1];
        sorted[j - 1] = t;
      }
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/* The trivial callback: the output shows the input as it is. */
static void
pass_through (NdCallbackContext *ctx, gpointer user_data)
{
  JsonNode *value = nd_arg (ctx, 0);

  nd_return (ctx, value ? json_node_copy (value) : nd_null ());
}

/* ---- core.chain100.per_link_us ---- */

#define CHAIN_LEN 100
#define CHAIN_CHANGES_PER_RUN 10
/* ND_THREADING_AUTO moves a callback inline after 3 fast runs on the
 * pool; warm up past that so the figure is the steady state. */
#define CHAIN_WARMUP 5

static NdApp *
chain_app (NdThreading threading)
{
  NdApp *app = nd_app_new ("org.ndash.bench.Chain");
  JsonNode *children = nd_list (nd_dcc_input ("id", "c0", "value", "start", "type", "text"));
  JsonArray *arr = json_node_get_array (children);

  for (guint i = 1; i <= CHAIN_LEN; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      json_array_add_element (arr, nd_html_div ("id", id));
    }
  nd_app_set_layout (app, nd_html_div (children));
  nd_app_set_threading (app, threading);

  for (guint i = 1; i <= CHAIN_LEN; i++)
    {
      g_autofree char *in = g_strdup_printf ("c%u", i - 1);
      g_autofree char *out = g_strdup_printf ("c%u", i);

      if (!nd_app_callback (app, pass_through,
                            nd_output (out, "children"),
                            nd_input (in, i == 1 ? "value" : "children")))
        fail ("chain", "registration failed");
    }
  return app;
}

/* One user change at the head, timed until the last link shows it. */
static double
chain_change_ns (NdSession *session, guint serial)
{
  g_autofree char *value = g_strdup_printf ("value %u", serial);
  g_autofree char *last = g_strdup_printf ("c%u", CHAIN_LEN);
  guint calls = nd_session_get_n_calls (session);
  gint64 t0, t1;
  const char *shown;

  t0 = now_ns ();
  nd_session_user_set (session, "c0", "value", value);
  run_to_idle (session, "chain");
  t1 = now_ns ();

  shown = nd_session_get_prop_string (session, last, "children");
  if (g_strcmp0 (shown, value) != 0)
    fail ("chain", "the last link does not show the new value");
  if (nd_session_get_n_calls (session) - calls != CHAIN_LEN)
    fail ("chain", "not every link ran exactly once");
  return t1 - t0;
}

static void
bench_chain (const char *figure, NdThreading threading)
{
  g_autoptr(NdApp) app = chain_app (threading);
  NdSession *session = start_session (app, "chain");
  guint serial = 0;

  run_to_idle (session, "chain");
  for (guint i = 0; i < CHAIN_WARMUP; i++)
    chain_change_ns (session, serial++);

  for (guint run = 0; run < n_runs; run++)
    {
      double total = 0;

      for (guint i = 0; i < CHAIN_CHANGES_PER_RUN; i++)
        total += chain_change_ns (session, serial++);
      /* mean over the run's changes, per link, in µs */
      report (figure, "us", total / CHAIN_CHANGES_PER_RUN / CHAIN_LEN / 1000.0);
    }
  free_session (session);
}

/* ---- core.register_{1k,10k}_ms ---- */

static void
join_inputs (NdCallbackContext *ctx, gpointer user_data)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < nd_callback_context_get_n_args (ctx); i++)
    {
      g_autofree char *text = nd_callback_context_get_arg_text (ctx, i);
      g_string_append (s, text);
    }
  nd_return (ctx, nd_str (s->str));
  g_string_free (s, TRUE);
}

/* Dash-like app of @n callbacks over 2n components: callback i writes
 * out_i from in_i; within each group of 10 they form a chain (out_{i-1}
 * is an Input too), every 10th reads a State, and every 100th is a
 * fan-in over the ten outputs of the previous group. */
static JsonNode *
register_layout (guint n, char **in_ids, char **out_ids)
{
  JsonNode *children = nd_list ();
  JsonArray *arr = json_node_get_array (children);

  for (guint i = 0; i < n; i++)
    {
      json_array_add_element (arr, nd_dcc_input ("id", in_ids[i], "value", (int) i, "type", "number"));
      json_array_add_element (arr, nd_html_div ("id", out_ids[i]));
    }
  return nd_html_div (children);
}

static void
register_callbacks (NdApp *app, guint n, char **in_ids, char **out_ids)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NdCallback) cb = nd_callback_new ("join_inputs", join_inputs, NULL, NULL);
      g_autoptr(GError) error = NULL;

      nd_callback_add_dependency (cb, nd_output (out_ids[i], "children"));
      nd_callback_add_dependency (cb, nd_input (in_ids[i], "value"));
      if (i % 10 != 0)
        nd_callback_add_dependency (cb, nd_input (out_ids[i - 1], "children"));
      if (i % 100 == 99)
        for (guint j = i - 19; j <= i - 10; j++)
          nd_callback_add_dependency (cb, nd_input (out_ids[j], "children"));
      if (i % 10 == 5)
        nd_callback_add_dependency (cb, nd_state (in_ids[i - 5], "value"));
      if (!nd_app_add_callback (app, cb, &error))
        fail ("register", error->message);
    }
}

static void
bench_register (const char *figure, guint n)
{
  char **in_ids = g_new0 (char *, n + 1);
  char **out_ids = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      in_ids[i] = g_strdup_printf ("in-%u", i);
      out_ids[i] = g_strdup_printf ("out-%u", i);
    }

  /* one untimed round first: type registration, component tables */
  for (guint run = 0; run <= n_runs; run++)
    {
      JsonNode *layout = register_layout (n, in_ids, out_ids);
      g_autoptr(GError) error = NULL;
      NdApp *app;
      NdSession *session;
      gint64 t0, t1;

      gint64 t_reg, t_val, t_new;

      t0 = now_ns ();
      app = nd_app_new ("org.ndash.bench.Register");
      nd_app_set_layout (app, layout);
      register_callbacks (app, n, in_ids, out_ids);
      t_reg = now_ns ();
      if (!nd_app_validate (app, &error))
        fail ("register", error->message);
      t_val = now_ns ();
      session = nd_app_new_session (app, &error);
      t_new = now_ns ();
      if (session == NULL || !nd_session_start (session, &error))
        fail ("register", error->message);
      t1 = now_ns ();
      if (g_getenv ("BENCH_PHASES"))
        g_printerr ("%s phases (ms): register %.1f, validate %.1f, new session %.1f, start %.1f\n",
                    figure, (t_reg - t0) / 1e6, (t_val - t_reg) / 1e6, (t_new - t_val) / 1e6,
                    (t1 - t_new) / 1e6);

      if (nd_app_get_n_callbacks (app) != n || !nd_session_is_busy (session))
        fail ("register", "callbacks missing or no initial calls planned");
      if (run > 0)
        report (figure, "ms", (t1 - t0) / 1e6);
      free_session (session);
      g_object_unref (app);
    }
  g_strfreev (in_ids);
  g_strfreev (out_ids);
}

/* ---- core.all_fanin_10k_ms ---- */

#define FANIN_N 10000
#define FANIN_CHANGES_PER_RUN 20
#define FANIN_WARMUP 5

static void
sum_all (NdCallbackContext *ctx, gpointer user_data)
{
  JsonNode *values = nd_arg (ctx, 0);
  JsonArray *arr = json_node_get_array (values);
  gint64 total = 0;

  for (guint i = 0; i < json_array_get_length (arr); i++)
    total += json_node_get_int (json_array_get_element (arr, i));
  nd_return (ctx, nd_int (total));
}

static void
bench_fanin (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.bench.Fanin");
  g_autoptr(JsonNode) total_id = nd_str ("total");
  JsonNode *items = nd_list ();
  JsonArray *arr = json_node_get_array (items);
  NdSession *session;
  gint64 expected = 0;
  guint serial = 0;

  for (guint i = 0; i < FANIN_N; i++)
    {
      json_array_add_element (arr, nd_dcc_input ("id", nd_dict ("type", "item", "index", (int) i),
                                                 "value", (int) i, "type", "number"));
      expected += i;
    }
  nd_app_set_layout (app, nd_html_div (nd_list (nd_html_div (items), nd_html_div ("id", "total"))));
  if (!nd_app_callback (app, sum_all,
                        nd_output ("total", "children"),
                        nd_input (nd_dict ("type", "item", "index", ND_ALL), "value")))
    fail ("fanin", "registration failed");

  session = start_session (app, "fanin");
  run_to_idle (session, "fanin");

  for (guint run = 0; run < n_runs + 1; run++)
    {
      double times[FANIN_CHANGES_PER_RUN];
      guint n = run == 0 ? FANIN_WARMUP : FANIN_CHANGES_PER_RUN;

      for (guint i = 0; i < n; i++)
        {
          /* a pseudo-random item, its value raised by 1 */
          guint index = (serial++ * 7919) % FANIN_N;
          g_autoptr(JsonNode) id = nd_dict ("type", "item", "index", (int) index);
          JsonNode *old = nd_session_get_prop (session, id, "value");
          gint64 value = json_node_get_int (old) + 1;
          JsonNode *shown;
          gint64 t0, t1;

          t0 = now_ns ();
          if (!nd_session_set_prop (session, json_node_ref (id), "value", nd_int (value), NULL))
            fail ("fanin", "the user change was refused");
          run_to_idle (session, "fanin");
          t1 = now_ns ();

          expected += 1;
          times[i] = (t1 - t0) / 1e6;
          shown = nd_session_get_prop (session, total_id, "children");
          if (shown == NULL || json_node_get_int (shown) != expected)
            fail ("fanin", "the total is wrong");
        }
      if (run > 0)
        report ("core.all_fanin_10k_ms", "ms", median (times, n));
    }
  free_session (session);
}

/* ---- core.session_kb ---- */

#define N_SESSIONS 1000

static void
update_output_div (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *input_value = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("Output: %s", input_value));
}

/* The hello demo's app. */
static NdApp *
hello_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.demo.Hello");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_h6 ("Change the value in the text box to see callbacks in action!"),
    nd_html_div (nd_list (
      "Input: ",
      nd_dcc_input ("id", "my-input", "value", "initial value", "type", "text"))),
    nd_html_br (),
    nd_html_div ("id", "my-output"))));

  nd_app_callback (app, update_output_div,
                   nd_output ("my-output", "children"),
                   nd_input ("my-input", "value"));
  return app;
}

static NdSession *
hello_session (NdApp *app)
{
  NdSession *session = start_session (app, "session");

  run_to_idle (session, "session");
  if (g_strcmp0 (nd_session_get_prop_string (session, "my-output", "children"),
                 "Output: initial value") != 0)
    fail ("session", "the output does not show the initial value");
  return session;
}

static size_t
heap_in_use (void)
{
  struct mallinfo2 mi = mallinfo2 ();

  /* chunks in the arenas plus the big ones malloc maps on their own */
  return mi.uordblks + mi.hblkhd;
}

/* GLib < 2.76 keeps freed GSlice blocks in its own caches, where malloc
 * still counts them as in use: the sessions of a second run would fill
 * them and look free.  Measure in a child that has GSlice use malloc. */
static gboolean
respawn_with_plain_malloc (void)
{
  g_autofree char *runs = g_strdup_printf ("%u", n_runs);
  char *argv[] = { "/proc/self/exe", "--only", "core.session_kb", "--runs", runs, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "G_SLICE", "always-malloc", TRUE);
  g_autoptr(GError) error = NULL;
  int status = 0;

  fflush (stdout);
  if (!g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    fail ("session", error->message);
  return TRUE;
}

static void
bench_sessions (void)
{
  g_autoptr(NdApp) app = NULL;
  NdSession **sessions;

  if (glib_check_version (2, 76, 0) != NULL && g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") != 0)
    {
      respawn_with_plain_malloc ();
      return;
    }

  app = hello_app ();
  sessions = g_new0 (NdSession *, N_SESSIONS);

  /* one-time costs (types, thread pool, quarks) out of the way */
  free_session (hello_session (app));

  for (guint run = 0; run < n_runs; run++)
    {
      size_t before, after;

      malloc_trim (0);
      before = heap_in_use ();
      for (guint i = 0; i < N_SESSIONS; i++)
        sessions[i] = hello_session (app);
      after = heap_in_use ();
      /* valgrind and sanitizers bring their own malloc: nothing to read */
      if (after <= before)
        fail ("session", "mallinfo2() shows no growth; is malloc replaced?");
      report ("core.session_kb", "KiB", ((double) after - (double) before) / N_SESSIONS / 1024.0);
      for (guint i = 0; i < N_SESSIONS; i++)
        free_session (sessions[i]);
    }
  g_free (sessions);
}

/* ---- core.hello.change_us (information: Dash's text app, one change) ---- */

static void
bench_hello_change (void)
{
  g_autoptr(NdApp) app = hello_app ();
  NdSession *session = hello_session (app);
  guint serial = 0;

  for (guint run = 0; run < n_runs + 1; run++)
    {
      double times[100];
      guint n = run == 0 ? 10 : G_N_ELEMENTS (times);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *typed = g_strdup_printf ("typed %u", serial++);
          g_autofree char *expected = g_strdup_printf ("Output: %s", typed);
          gint64 t0, t1;

          t0 = now_ns ();
          nd_session_user_set (session, "my-input", "value", typed);
          run_to_idle (session, "hello");
          t1 = now_ns ();
          if (g_strcmp0 (nd_session_get_prop_string (session, "my-output", "children"), expected) != 0)
            fail ("hello", "the output does not show what was typed");
          times[i] = (t1 - t0) / 1e3;
        }
      if (run > 0)
        report ("core.hello.change_us", "us", median (times, n));
    }
  free_session (session);
}

/* ---- main ---- */

typedef struct {
  const char *name;
  void (*func) (void);
} Bench;

static void chain_auto (void) { bench_chain ("core.chain100.per_link_us", ND_THREADING_AUTO); }
static void chain_worker (void) { bench_chain ("core.chain100.per_link_us.worker", ND_THREADING_WORKER); }
static void register_1k (void) { bench_register ("core.register_1k_ms", 1000); }
static void register_10k (void) { bench_register ("core.register_10k_ms", 10000); }

static const Bench benches[] = {
  { "core.chain100.per_link_us", chain_auto },
  { "core.chain100.per_link_us.worker", chain_worker },
  { "core.register_1k_ms", register_1k },
  { "core.register_10k_ms", register_10k },
  { "core.all_fanin_10k_ms", bench_fanin },
  { "core.session_kb", bench_sessions },
  { "core.hello.change_us", bench_hello_change },
};

int
main (int argc, char **argv)
{
  g_autofree char *only = NULL;
  gboolean list = FALSE;
  gboolean ran = FALSE;
  int runs = 7;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs per figure (default 7)", "N" },
    { "only", 'o', 0, G_OPTION_ARG_STRING, &only, "Run only this figure", "NAME" },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the figures", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) octx = g_option_context_new ("- ndash core benchmarks");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      g_printerr ("bench-core: %s\n", error->message);
      return 2;
    }
  if (runs < 1)
    {
      g_printerr ("bench-core: --runs must be at least 1\n");
      return 2;
    }
  n_runs = runs;

  for (guint i = 0; i < G_N_ELEMENTS (benches); i++)
    {
      if (list)
        g_print ("%s\n", benches[i].name);
      else if (only == NULL || g_strcmp0 (benches[i].name, only) == 0)
        {
          benches[i].func ();
          ran = TRUE;
        }
    }
  if (!list && !ran)
    {
      g_printerr ("bench-core: no figure named %s (see --list)\n", only);
      return 2;
    }
  return 0;
}
