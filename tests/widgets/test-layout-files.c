/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Layouts loaded from JSON files: every `data/layouts/<name>.json` (a
 * Dash `/_dash-layout` dump of one of the seed apps) is loaded with
 * nd_app_set_layout_from_file() and shown in a window, with no C layout
 * code.  No component of the families ndash renders (html, the layout
 * kits) may come out as the "no native widget" placeholder, and each page
 * is compared with its golden image.
 */
#include <string.h>

#include "nd-widget-test.h"

/* declared in nd-kits.c, not in a public header yet */
void nd_kits_load_theme (GdkDisplay *display, const char *theme_name_or_url);

/* What the apps pass as external_stylesheets, where it is a theme. */
static const struct {
  const char *layout;
  const char *stylesheet;
} stylesheets[] = {
  /* dbc.themes.CERULEAN */
  { "bootstrap", "https://cdn.jsdelivr.net/npm/bootswatch@5.3.3/dist/cerulean/bootstrap.min.css" },
};

/* Namespaces whose every component must have a native widget here; dcc
 * and dash_table components may still be placeholders while their
 * families are being built. */
static const char *const required[] = {
  "dash_html_components", "dash_bootstrap_components", "dash_mantine_components", NULL
};

static void
collect_placeholders (GtkWidget *widget, GString *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error"))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      for (guint i = 0; required[i]; i++)
        if (text[0] == '[' && g_str_has_prefix (text + 1, required[i]) &&
            g_str_has_suffix (text, ": no native widget]"))
          g_string_append_printf (out, "%s%s", out->len ? ", " : "", text);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_placeholders (c, out);
}

static void
test_layout_file (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_strdup_printf ("%s/data/layouts/%s.json", SRCDIR, name);
  g_autofree char *golden = g_strdup_printf ("layout-%s", name);
  NdApp *app = nd_app_new ("org.ndash.test.LayoutFiles");
  g_autoptr(NdTestWindow) tw = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GdkDisplay *display = gdk_display_get_default ();
  int min_width;

  g_assert_true (nd_app_set_layout_from_file (app, path, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (stylesheets); i++)
    if (g_str_equal (stylesheets[i].layout, name))
      nd_kits_load_theme (display, stylesheets[i].stylesheet);
  tw = nd_test_window_new (app);
  /* a page wider than the window (a wide table) widens it, as it would
   * scroll sideways in a browser */
  gtk_widget_measure (gtk_window_get_child (GTK_WINDOW (tw->window)), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_width, NULL, NULL, NULL);
  nd_test_window_set_size (tw, MAX (900, min_width), 700);
  collect_placeholders (nd_renderer_get_root (tw->renderer), missing);
  if (missing->len)
    g_error ("%s: rendered as placeholders: %s", name, missing->str);
  nd_test_compare_golden (tw, golden, 0.02);
  nd_kits_load_theme (display, NULL);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir_path = g_build_filename (SRCDIR, "data", "layouts", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *file;

  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, "gtk-cursor-blink", FALSE, NULL);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((file = g_dir_read_name (dir)))
    if (g_str_has_suffix (file, ".json"))
      g_ptr_array_add (names, g_strndup (file, strlen (file) - strlen (".json")));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/widgets/layout-files/%s", (char *) g_ptr_array_index (names, i));

      g_test_add_data_func (test_path, g_ptr_array_index (names, i), test_layout_file);
    }
  return g_test_run ();
}
