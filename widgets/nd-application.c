/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The command line every ndash app shares (DESIGN.md): a window per
 * session, and --screenshot=FILE.png to render the first complete frame
 * (after the initial callbacks) and exit, for tests and golden images.
 */
#include "nd-application.h"

#include "nd-window.h"

typedef struct {
  NdApp *app;
  char *screenshot;
  int status;
  guint frames_idle;
} Run;

static gboolean
screenshot_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Run *run = data;
  NdWindow *window = ND_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  /* two frames after the session went idle: laid out and drawn */
  if (nd_session_is_busy (nd_window_get_session (window)))
    {
      run->frames_idle = 0;
      return G_SOURCE_CONTINUE;
    }
  if (++run->frames_idle < 3)
    return G_SOURCE_CONTINUE;
  if (!nd_window_save_png (window, run->screenshot, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      run->status = 1;
    }
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
  return G_SOURCE_REMOVE;
}

static void
on_activate (GtkApplication *application, Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSession) session = nd_app_new_session (run->app, &error);
  NdWindow *window;

  if (session == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      run->status = 1;
      return;
    }
  /* started first, so the widgets are built from the mounted layout */
  if (!nd_session_start (session, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      run->status = 1;
      return;
    }
  window = nd_window_new (application, session);
  if (run->screenshot)
    {
      /* the same pixels every run */
      g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                    "gtk-cursor-blink", FALSE, NULL);
      gtk_widget_add_tick_callback (GTK_WIDGET (window), screenshot_tick, run, NULL);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static int
on_handle_local_options (GApplication *application, GVariantDict *options, Run *run)
{
  g_variant_dict_lookup (options, "screenshot", "^ay", &run->screenshot);
  return -1;
}

/**
 * nd_application_run:
 * @app: the app, with its layout and callbacks
 * @argc: from main()
 * @argv: (array length=argc): from main()
 *
 * Runs @app as a desktop application: one window per session.
 *
 * Returns: the exit status for main()
 */
int
nd_application_run (NdApp *app, int argc, char **argv)
{
  g_autoptr(GtkApplication) application = NULL;
  Run run = { app, NULL, 0, 0 };
  int status;

  application = gtk_application_new (nd_app_get_id (app), G_APPLICATION_NON_UNIQUE);
  g_application_add_main_option (G_APPLICATION (application), "screenshot", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_FILENAME,
                                 "Render the first complete frame to a PNG file and exit", "FILE.png");
  g_signal_connect (application, "handle-local-options", G_CALLBACK (on_handle_local_options), &run);
  g_signal_connect (application, "activate", G_CALLBACK (on_activate), &run);
  status = g_application_run (G_APPLICATION (application), argc, argv);
  g_free (run.screenshot);
  return status ? status : run.status;
}
