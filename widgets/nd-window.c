/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One window per session: the rendered layout in a scrolled page, the
 * app's title (Dash's update_title while callbacks run), and an error
 * panel listing callback errors as Dash's dev tools do, while the app
 * keeps running.
 */
#include "nd-window.h"

#include "nd-style.h"

struct _NdWindow {
  GtkApplicationWindow parent_instance;

  NdSession *session;
  NdRenderer *renderer;
  GtkWidget *errors_revealer;
  GtkWidget *errors_list;
  GtkWidget *errors_title;
  guint n_errors;
  guint title_timeout;
  gulong error_handler;
  gulong idle_handler;
  gulong busy_handler;
};

G_DEFINE_FINAL_TYPE (NdWindow, nd_window, GTK_TYPE_APPLICATION_WINDOW)

static void
nd_window_dispose (GObject *object)
{
  NdWindow *self = ND_WINDOW (object);

  g_clear_handle_id (&self->title_timeout, g_source_remove);
  /* the widgets go first: their handlers point at the renderer */
  gtk_window_set_child (GTK_WINDOW (self), NULL);
  if (self->session)
    {
      g_clear_signal_handler (&self->error_handler, self->session);
      g_clear_signal_handler (&self->idle_handler, self->session);
      g_clear_signal_handler (&self->busy_handler, self->session);
      nd_session_close (self->session);
    }
  g_clear_object (&self->renderer);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (nd_window_parent_class)->dispose (object);
}

static void
nd_window_class_init (NdWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nd_window_dispose;
}

static void
nd_window_init (NdWindow *self)
{
}

static void
on_dismiss (GtkButton *button, NdWindow *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (self->errors_list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->errors_list), row);
  self->n_errors = 0;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->errors_revealer), FALSE);
}

static void
on_callback_error (NdSession *session, const char *callback_name, const char *message, NdWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *text = g_strdup_printf ("%s  %s", when, message);
  GtkWidget *label = gtk_label_new (text);
  g_autofree char *title = NULL;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_list_box_prepend (GTK_LIST_BOX (self->errors_list), label);
  self->n_errors++;
  title = g_strdup_printf (g_dngettext (NULL, "%u callback error", "%u callback errors", self->n_errors),
                           self->n_errors);
  gtk_label_set_text (GTK_LABEL (self->errors_title), title);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->errors_revealer), TRUE);
}

static void
restore_title (NdWindow *self)
{
  NdApp *app = nd_session_get_app (self->session);

  gtk_window_set_title (GTK_WINDOW (self), nd_app_get_title (app) ? nd_app_get_title (app) : nd_app_get_id (app));
}

static gboolean
show_update_title (gpointer data)
{
  NdWindow *self = data;

  self->title_timeout = 0;
  if (nd_session_is_busy (self->session))
    gtk_window_set_title (GTK_WINDOW (self), "Updating...");
  return G_SOURCE_REMOVE;
}

/* Dash shows update_title while callbacks run; only past 300 ms here, so
 * typing does not make the title flicker. */
static void
on_loading_changed (NdSession *session, const char *prop_id, gboolean loading, NdWindow *self)
{
  if (loading && self->title_timeout == 0)
    self->title_timeout = g_timeout_add (300, show_update_title, self);
}

static void
on_idle (NdSession *session, NdWindow *self)
{
  g_clear_handle_id (&self->title_timeout, g_source_remove);
  restore_title (self);
}

/**
 * nd_window_new:
 * @application: the GTK application
 * @session: (transfer none): a session, started or not
 *
 * Returns: (transfer full): a window showing @session
 */
NdWindow *
nd_window_new (GtkApplication *application, NdSession *session)
{
  NdWindow *self = g_object_new (ND_TYPE_WINDOW, "application", application, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *panel = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dismiss = gtk_button_new_with_label ("Dismiss");
  GtkWidget *errors_scroll = gtk_scrolled_window_new ();

  self->session = g_object_ref (session);
  nd_style_load_default (gtk_widget_get_display (GTK_WIDGET (self)));
  self->renderer = nd_renderer_new (session);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), nd_renderer_get_root (self->renderer));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->errors_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->errors_title, "nd-error-title");
  gtk_widget_set_hexpand (self->errors_title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->errors_title), 0);
  gtk_box_append (GTK_BOX (header), self->errors_title);
  gtk_widget_add_css_class (dismiss, "flat");
  g_signal_connect (dismiss, "clicked", G_CALLBACK (on_dismiss), self);
  gtk_box_append (GTK_BOX (header), dismiss);
  gtk_box_append (GTK_BOX (panel), header);
  self->errors_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->errors_list), GTK_SELECTION_NONE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (errors_scroll), self->errors_list);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (errors_scroll), 160);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (errors_scroll), TRUE);
  gtk_box_append (GTK_BOX (panel), errors_scroll);
  gtk_widget_add_css_class (panel, "nd-error-panel");
  self->errors_revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (self->errors_revealer), panel);
  gtk_box_append (GTK_BOX (box), self->errors_revealer);

  gtk_window_set_child (GTK_WINDOW (self), box);
  /* a page opens with the page focused, not its first entry, as in a
   * browser: no text selected, no caret */
  gtk_widget_set_focusable (nd_renderer_get_root (self->renderer), TRUE);
  gtk_window_set_focus (GTK_WINDOW (self), nd_renderer_get_root (self->renderer));
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 700);
  restore_title (self);

  self->error_handler = g_signal_connect (session, "callback-error", G_CALLBACK (on_callback_error), self);
  self->idle_handler = g_signal_connect (session, "idle", G_CALLBACK (on_idle), self);
  self->busy_handler = g_signal_connect (session, "loading-changed", G_CALLBACK (on_loading_changed), self);
  for (guint i = 0; i < nd_session_get_errors (session)->len; i++)
    {
      NdCallbackError *e = g_ptr_array_index (nd_session_get_errors (session), i);
      on_callback_error (session, e->callback_name, e->message, self);
    }
  return self;
}

NdSession *nd_window_get_session (NdWindow *self) { return self->session; }
NdRenderer *nd_window_get_renderer (NdWindow *self) { return self->renderer; }
guint nd_window_get_n_errors (NdWindow *self) { return self->n_errors; }

/**
 * nd_window_save_png:
 *
 * Renders the window's content as it is now to a PNG, with GTK's cairo
 * renderer so the image does not depend on the GPU.
 */
gboolean
nd_window_save_png (NdWindow *self, const char *path, GError **error)
{
  GtkWidget *child = gtk_window_get_child (GTK_WINDOW (self));
  int w = gtk_widget_get_width (child), h = gtk_widget_get_height (child);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (child);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;

  if (w <= 0 || h <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the window has not been laid out yet");
      return FALSE;
    }
  /* a white page under the widgets, as a browser has */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (!gsk_renderer_realize (renderer, NULL, error))
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_renderer_unrealize (renderer);
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "could not write %s", path);
      return FALSE;
    }
  return TRUE;
}
