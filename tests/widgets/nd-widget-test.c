/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "nd-widget-test.h"

#include <math.h>
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
  tw->window = nd_window_new (tw->application, tw->session);
  tw->renderer = nd_window_get_renderer (tw->window);
  g_assert_true (nd_session_start (tw->session, &error));
  g_assert_no_error (error);
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

void
nd_test_window_save (NdTestWindow *tw, const char *path)
{
  g_autoptr(GError) error = NULL;

  nd_test_window_settle (tw);
  if (!nd_window_save_png (tw->window, path, &error))
    g_warning ("%s", error->message);
}
