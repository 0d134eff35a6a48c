/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "nd-widget-test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

NdTestWindow *
nd_test_window_new (NdApp *app)
{
  NdTestWindow *tw = g_new0 (NdTestWindow, 1);
  g_autoptr(GError) error = NULL;

  tw->app = app;
  tw->application = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (tw->application), NULL, &error));
  g_assert_no_error (error);
  tw->session = nd_app_new_session (app, &error);
  g_assert_no_error (error);
  g_assert_true (nd_session_start (tw->session, &error));
  g_assert_no_error (error);
  tw->window = nd_window_new (tw->application, tw->session);
  tw->renderer = nd_window_get_renderer (tw->window);
  gtk_window_present (GTK_WINDOW (tw->window));
  nd_test_window_settle (tw);
  return tw;
}

void
nd_test_window_free (NdTestWindow *tw)
{
  gtk_window_destroy (GTK_WINDOW (tw->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&tw->session);
  g_clear_object (&tw->application);
  g_clear_object (&tw->app);
  g_free (tw);
}

void
nd_test_window_settle (NdTestWindow *tw)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  /* until the session has nothing pending and GTK nothing queued */
  for (;;)
    {
      g_assert_true (nd_session_run_until_idle (tw->session, 10000));
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      if (!nd_session_is_busy (tw->session))
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

GtkWidget *
nd_test_widget (NdTestWindow *tw, const char *id)
{
  GtkWidget *w = nd_renderer_lookup_widget (tw->renderer, id);

  if (w == NULL)
    g_error ("no widget for component id '%s'", id);
  return w;
}

static void
collect_text (GtkWidget *widget, GString *out)
{
  const char *text = NULL;

  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_EDITABLE (widget) && !GTK_IS_SPIN_BUTTON (widget))
    text = gtk_editable_get_text (GTK_EDITABLE (widget));
  if (text && *text && !(GTK_IS_LABEL (widget) && strcmp (text, " ") == 0))
    {
      if (out->len)
        g_string_append_c (out, ' ');
      g_string_append (out, text);
      if (GTK_IS_EDITABLE (widget))
        return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

char *
nd_test_widget_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_text (widget, out);
  return g_string_free (out, FALSE);
}

const char *
nd_test_prop_string (NdTestWindow *tw, const char *id, const char *prop)
{
  return nd_session_get_prop_string (tw->session, id, prop);
}

double
nd_test_prop_number (NdTestWindow *tw, const char *id, const char *prop)
{
  g_autoptr(JsonNode) node = nd_json_string (id);
  JsonNode *v = nd_session_get_prop (tw->session, node, prop);

  return v && nd_json_is_number (v) ? nd_json_get_number (v) : NAN;
}

GtkWidget *
nd_test_find (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = nd_test_find (c, type);
      if (found)
        return found;
    }
  return NULL;
}

static void
on_after_paint (GdkFrameClock *clock, int *painted)
{
  (*painted)++;
}

/* Until the window has painted a frame with everything settled. */
static void
wait_for_paint (NdTestWindow *tw)
{
  GtkWidget *window = GTK_WIDGET (tw->window);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  int painted = 0;
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  gulong id;

  if (clock == NULL)
    return;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  /* list views bind their rows in the frame after they are laid out */
  gtk_widget_queue_draw (window);
  while (painted < 3)
    {
      if (painted)
        gtk_widget_queue_draw (window);
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("the window painted no frame in 10 s");
    }
  g_signal_handler_disconnect (clock, id);
}

void
nd_test_window_save (NdTestWindow *tw, const char *path)
{
  g_autoptr(GError) error = NULL;

  nd_test_window_settle (tw);
  wait_for_paint (tw);
  if (!nd_window_save_png (tw->window, path, &error))
    g_warning ("%s", error->message);
}

static gboolean
keep_waking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
nd_test_window_set_size (NdTestWindow *tw, int width, int height)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  GtkWidget *child = gtk_window_get_child (GTK_WINDOW (tw->window));

  guint wake;

  gtk_window_set_default_size (GTK_WINDOW (tw->window), width, height);
  /* until the window has been laid out at that size; the timer only
   * makes sure the deadline is checked if nothing else happens */
  wake = g_timeout_add (10, keep_waking, NULL);
  while (gtk_widget_get_width (child) != width || gtk_widget_get_height (child) != height)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("the window did not take the size %dx%d (is the screen big enough?)", width, height);
    }
  g_source_remove (wake);
  nd_test_window_settle (tw);
}

static guchar *
download (GdkTexture *texture, int *w, int *h)
{
  guchar *data;

  *w = gdk_texture_get_width (texture);
  *h = gdk_texture_get_height (texture);
  data = g_malloc ((gsize) *w * *h * 4);
  gdk_texture_download (texture, data, (gsize) *w * 4);
  return data;
}

void
nd_test_compare_golden (NdTestWindow *tw, const char *name, double tolerance)
{
  g_autofree char *golden = g_strdup_printf ("%s/tests/widgets/golden/%s.png", SRCDIR, name);
  g_autofree char *current = g_strdup_printf ("%s.png", name);
  g_autoptr(GdkTexture) want = NULL, got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *a = NULL, *b = NULL;
  int wa, ha, wb, hb;
  gsize differ = 0;

  nd_test_window_save (tw, current);
  if (g_getenv ("ND_UPDATE_GOLDEN"))
    {
      g_autofree char *dir = g_path_get_dirname (golden);
      g_autofree char *bytes = NULL;
      gsize len;

      g_mkdir_with_parents (dir, 0755);
      g_assert_true (g_file_get_contents (current, &bytes, &len, NULL));
      g_assert_true (g_file_set_contents (golden, bytes, len, NULL));
      g_test_message ("wrote golden image %s", golden);
      return;
    }
  want = gdk_texture_new_from_filename (golden, &error);
  if (want == NULL)
    g_error ("no golden image %s (%s); run with ND_UPDATE_GOLDEN=1, look at it, commit it",
             golden, error->message);
  got = gdk_texture_new_from_filename (current, &error);
  g_assert_no_error (error);
  a = download (want, &wa, &ha);
  b = download (got, &wb, &hb);
  if (wa != wb || ha != hb)
    g_error ("%s: size %dx%d, golden %dx%d (see %s)", name, wb, hb, wa, ha, current);
  for (gsize i = 0; i < (gsize) wa * ha; i++)
    for (int c = 0; c < 4; c++)
      if (abs (a[i * 4 + c] - b[i * 4 + c]) > 24)
        {
          differ++;
          break;
        }
  if ((double) differ / ((gsize) wa * ha) > tolerance)
    g_error ("%s: %" G_GSIZE_FORMAT " of %d pixels differ from the golden image (tolerance %.1f%%); see %s",
             name, differ, wa * ha, tolerance * 100, current);
}
