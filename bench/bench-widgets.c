/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * GTK renderer benchmarks, in a real window (bench/run runs them under
 * Xvfb).  Same output as bench-core: one "RUN <figure> <unit> <value>"
 * line per run.  Every run checks what the window shows, so a broken
 * renderer cannot look fast.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <ndash-gtk.h>

#include "nd-bench.h"

static guint n_runs = 7;

/* ---- waiting for frames ---- */

typedef struct {
  gboolean painted;
  gint64 at;
} Paint;

static void
on_after_paint (GdkFrameClock *clock, Paint *p)
{
  if (!p->painted)
    {
      p->painted = TRUE;
      p->at = now_ns ();
    }
}

/* Runs the loop until @window has painted a frame that started after now. */
static gint64
wait_for_paint (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  Paint p = { FALSE, 0 };
  gulong id;
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  if (clock == NULL)
    fail ("paint", "the window has no frame clock (not mapped)");
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &p);
  gtk_widget_queue_draw (window);
  while (!p.painted)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        fail ("paint", "no frame in 60 s");
    }
  g_signal_handler_disconnect (clock, id);
  return p.at;
}

/* ---- a layout of 2,000 components ---- */

#define LAYOUT_N 2000

static void
echo_value (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("you typed %s", text));
}

/* 2,000 components as a typical dashboard has them: sections with a
 * heading, a paragraph, a row of labelled inputs and buttons. */
static NdApp *
layout_2k_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.bench.Widgets");
  JsonNode *sections = nd_list ();
  guint n = 1;

  while (n < LAYOUT_N - 2)
    {
      guint s = n;
      JsonNode *row = nd_list ();

      for (guint k = 0; k < 4 && n < LAYOUT_N - 12; k++)
        {
          json_array_add_element (json_node_get_array (row),
            nd_html_label (nd_strf ("Field %u", s + k)));
          json_array_add_element (json_node_get_array (row),
            nd_dcc_input ("id", nd_strf ("in-%u", s + k), "value", nd_strf ("%u", s + k)));
          n += 2;
        }
      json_array_add_element (json_node_get_array (sections), nd_html_div (nd_list (
        nd_html_h3 (nd_strf ("Section %u", s)),
        nd_html_p (nd_strf ("Paragraph %u: a line of text that wraps when the window is narrow.", s)),
        nd_html_div (row, "style", nd_dict ("display", "flex", "gap", 8)),
        nd_html_button ("Apply", "id", nd_strf ("btn-%u", s))), "className", "section"));
      n += 5;
    }
  json_array_add_element (json_node_get_array (sections), nd_html_div ("id", "out"));
  nd_app_set_layout (app, nd_html_div (sections));
  nd_app_callback (app, echo_value, nd_output ("out", "children"), nd_input ("in-1", "value"),
                   nd_prevent_initial_call ());
  return app;
}

typedef struct {
  GtkApplication *application;
  NdSession *session;
  NdWindow *window;
  gint64 built;
} Shown;

static Shown
show (NdApp *app)
{
  Shown s = { 0 };
  g_autoptr(GError) error = NULL;

  s.application = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (s.application), NULL, &error))
    fail ("application", error->message);
  s.session = nd_app_new_session (app, &error);
  if (s.session == NULL)
    fail ("session", error->message);
  if (!nd_session_start (s.session, &error))
    fail ("start", error->message);
  s.window = nd_window_new (s.application, s.session);
  gtk_window_set_default_size (GTK_WINDOW (s.window), 1200, 900);
  s.built = now_ns ();
  gtk_window_present (GTK_WINDOW (s.window));
  return s;
}

static void
unshow (Shown *s)
{
  gtk_window_destroy (GTK_WINDOW (s->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&s->session);
  g_clear_object (&s->application);
}

static void
bench_layout_2k (void)
{
  for (guint run = 0; run <= n_runs; run++)
    {
      g_autoptr(NdApp) app = layout_2k_app ();
      gint64 t0 = now_ns (), t1;
      Shown s = show (app);

      t1 = wait_for_paint (GTK_WIDGET (s.window));
      if (g_getenv ("BENCH_PHASES"))
        g_printerr ("layout_2k phases (ms): build %.1f, layout and paint %.1f\n",
                    (s.built - t0) / 1e6, (t1 - s.built) / 1e6);
      if (nd_renderer_lookup_widget (nd_window_get_renderer (s.window), "in-1") == NULL)
        fail ("layout_2k", "the layout was not rendered");
      if (run > 0)
        report ("widgets.layout_2k_first_frame_ms", "ms", (t1 - t0) / 1e6);
      unshow (&s);
    }
}

/* One user change in the 2k layout until the callback's output is in its
 * widget ("applied"), and until the next frame showing it was painted
 * ("to_paint", which includes waiting for the frame clock's tick). */
static void
bench_prop_change (void)
{
  g_autoptr(NdApp) app = layout_2k_app ();
  Shown s = show (app);
  GtkWidget *out;
  const guint changes = 20;

  wait_for_paint (GTK_WIDGET (s.window));
  out = nd_renderer_lookup_widget (nd_window_get_renderer (s.window), "out");
  for (guint run = 0; run <= n_runs; run++)
    {
      double applied = 0, painted = 0;

      for (guint i = 0; i < changes; i++)
        {
          g_autofree char *text = g_strdup_printf ("v%u-%u", run, i);
          g_autofree char *expect = g_strconcat ("you typed ", text, NULL);
          g_autofree char *shown = NULL;
          gint64 t0, t1, t2;

          t0 = now_ns ();
          nd_session_user_set (s.session, "in-1", "value", text);
          if (!nd_session_run_until_idle (s.session, 10000))
            fail ("prop_change", "session did not become idle");
          t1 = now_ns ();
          out = nd_renderer_lookup_widget (nd_window_get_renderer (s.window), "out");
          if (!GTK_IS_LABEL (out))
            out = gtk_widget_get_first_child (out);   /* the element's text */
          shown = GTK_IS_LABEL (out) ? g_strdup (gtk_label_get_text (GTK_LABEL (out))) : NULL;
          if (g_strcmp0 (shown, expect) != 0)
            fail ("prop_change", "the output does not show the new value");
          t2 = wait_for_paint (GTK_WIDGET (s.window));
          applied += (t1 - t0) / 1e6;
          painted += (t2 - t0) / 1e6;
        }
      if (run > 0)
        {
          report ("widgets.prop_change_ms", "ms", applied / changes);
          report ("widgets.prop_change_to_paint_ms", "ms", painted / changes);
        }
    }
  unshow (&s);
}

/* ---- a DataTable of 1,000,000 rows x 6 columns ---- */

#define TABLE_ROWS 1000000

static NdApp *
table_app (void)
{
  NdApp *app = nd_app_new ("org.ndash.bench.Table");
  JsonNode *data = nd_json_array_new ();
  JsonArray *rows = json_node_get_array (data);
  static const char *const continents[] = { "Asia", "Europe", "Africa", "Americas", "Oceania" };
  guint32 seed = 12345;

  for (guint i = 0; i < TABLE_ROWS; i++)
    {
      JsonNode *row = nd_json_object_new ();
      JsonObject *o = json_node_get_object (row);
      g_autofree char *name = g_strdup_printf ("country %07u", (i * 7919u) % TABLE_ROWS);

      seed = seed * 1664525u + 1013904223u;
      json_object_set_string_member (o, "country", name);
      json_object_set_string_member (o, "continent", continents[seed % 5]);
      json_object_set_int_member (o, "year", 1952 + (seed >> 8) % 56);
      json_object_set_double_member (o, "lifeExp", 30 + (seed >> 4) % 5000 / 100.0);
      json_object_set_int_member (o, "pop", (seed >> 3) % 100000000);
      json_object_set_double_member (o, "gdpPercap", (seed >> 5) % 1000000 / 10.0);
      json_array_add_element (rows, row);
    }
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dash_table ("id", "table", "data", data,
                   "columns", nd_list (nd_dict ("name", "country", "id", "country"),
                                       nd_dict ("name", "continent", "id", "continent"),
                                       nd_dict ("name", "year", "id", "year", "type", "numeric"),
                                       nd_dict ("name", "lifeExp", "id", "lifeExp", "type", "numeric"),
                                       nd_dict ("name", "pop", "id", "pop", "type", "numeric"),
                                       nd_dict ("name", "gdpPercap", "id", "gdpPercap", "type", "numeric")),
                   "page_action", "none", "sort_action", "native",
                   "style_table", nd_dict ("height", 600, "overflowY", "auto")))));
  return app;
}

/* Opening: from building the window (the session already holds the
 * layout) to its first painted frame; then sorting by one column, from
 * the new sort_by to the frame that shows it. */
static void
bench_table (void)
{
  g_autoptr(NdApp) app = table_app ();

  for (guint run = 0; run <= n_runs; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GtkApplication) application = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
      g_autoptr(NdSession) session = NULL;
      NdWindow *window;
      gint64 t0, t1, t2, t3;

      if (!g_application_register (G_APPLICATION (application), NULL, &error))
        fail ("application", error->message);
      session = nd_app_new_session (app, &error);
      if (session == NULL || !nd_session_start (session, &error))
        fail ("table session", error->message);
      t0 = now_ns ();
      window = nd_window_new (application, session);
      gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
      gtk_window_present (GTK_WINDOW (window));
      t1 = wait_for_paint (GTK_WIDGET (window));
      t2 = now_ns ();
      nd_session_set_prop (session, nd_str ("table"), "sort_by",
                           nd_list (nd_dict ("column_id", "gdpPercap", "direction", "desc")), NULL);
      if (!nd_session_run_until_idle (session, 60000))
        fail ("table sort", "session did not become idle");
      t3 = wait_for_paint (GTK_WIDGET (window));
      if (nd_session_get_errors (session)->len)
        fail ("table", ((NdCallbackError *) g_ptr_array_index (nd_session_get_errors (session), 0))->message);
      if (run > 0)
        {
          report ("widgets.table_1m_open_ms", "ms", (t1 - t0) / 1e6);
          report ("widgets.table_1m_sort_ms", "ms", (t3 - t2) / 1e6);
        }
      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }
}

static const struct {
  const char *name;
  void (*func) (void);
} benches[] = {
  { "widgets.table_1m", bench_table },
  { "widgets.layout_2k_first_frame_ms", bench_layout_2k },
  { "widgets.prop_change_ms", bench_prop_change },
};

int
main (int argc, char **argv)
{
  g_autofree char *only = NULL;
  gboolean list = FALSE, ran = FALSE;
  int runs = 7;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs per figure (default 7)", "N" },
    { "only", 'o', 0, G_OPTION_ARG_STRING, &only, "Run only this figure", "NAME" },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the figures", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) octx = g_option_context_new ("- ndash widget benchmarks");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      g_printerr ("bench-widgets: %s\n", error->message);
      return 2;
    }
  n_runs = MAX (runs, 1);
  if (list)
    {
      for (guint i = 0; i < G_N_ELEMENTS (benches); i++)
        g_print ("%s\n", benches[i].name);
      return 0;
    }
  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (benches); i++)
    if (only == NULL || g_strcmp0 (benches[i].name, only) == 0)
      {
        benches[i].func ();
        ran = TRUE;
      }
  if (!ran)
    {
      g_printerr ("bench-widgets: no figure named %s (see --list)\n", only);
      return 2;
    }
  return 0;
}
