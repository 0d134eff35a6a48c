/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dcc.Tabs and dcc.Tab (components.md §3.5), built like a GtkNotebook
 * (CSS nodes notebook > header > tabs > tab, then the content) so the
 * theme draws real notebook tabs, but with Dash's semantics: a row of
 * equal tabs, disabled tabs, per-tab styles, and only the selected Tab's
 * children built as the content.  Clicking a tab reports `Tabs.value`.
 *
 * Dash puts `style`/`className` on the row of tabs, `parent_style` on
 * the whole and `content_style` on the content; the renderer applies a
 * component's `style` to its widget, so it is moved once the widget is
 * placed.
 */
#include <string.h>

#include "nd-element.h"
#include "nd-kinds.h"
#include "nd-style.h"

typedef struct {
  NdRenderer *renderer;
  GtkWidget *notebook;       /* the component's widget */
  GtkWidget *header;
  GtkWidget *tabs;
  GtkWidget *content;
  JsonNode *shown;           /* the Tab whose children are the content */
  gulong parent_handler;
} Tabs;

static const char tabs_css[] =
  "notebook.nd-tabs > stack.nd-tab-content { padding: 12px; }\n"
  "notebook.nd-tabs > header > tabs > tab { padding-left: 16px; padding-right: 16px; }\n"
  "notebook.nd-tabs > header > tabs > tab:focus:focus-visible { outline: 2px solid alpha(@theme_selected_bg_color, 0.5); outline-offset: -2px; }\n"
  "notebook.nd-tabs > header > tabs > tab:disabled { color: @insensitive_fg_color; }\n";

static void
ensure_css (void)
{
  nd_style_add_css (NULL, tabs_css);
}

static Tabs *
tabs_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "nd-tabs");
}

/* The Tabs a tab header sits in: tab > tabs > header > notebook. */
static Tabs *
tabs_owner (GtkWidget *tab)
{
  GtkWidget *w = tab;

  for (int i = 0; i < 3 && w; i++)
    w = gtk_widget_get_parent (w);
  return w ? tabs_of (w) : NULL;
}

static void
tabs_free (gpointer data)
{
  Tabs *t = data;

  g_clear_pointer (&t->shown, json_node_unref);
  g_free (t);
}

/* ---- colors: a provider of the widget's own, replaced on change ---- */

static void
ignore_parse_error (GtkCssProvider *provider, GtkCssSection *section, GError *error, gpointer data)
{
  /* a colour GTK cannot parse (e.g. a CSS var()) keeps the theme's */
}

static void
set_own_css (GtkWidget *widget, const char *css)
{
  GtkCssProvider *provider = g_object_get_data (G_OBJECT (widget), "nd-tabs-css");

  if (provider == NULL)
    {
      if (css == NULL)
        return;
      provider = gtk_css_provider_new ();
      g_signal_connect (provider, "parsing-error", G_CALLBACK (ignore_parse_error), NULL);
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_add_provider (gtk_widget_get_style_context (widget), GTK_STYLE_PROVIDER (provider),
                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
      G_GNUC_END_IGNORE_DEPRECATIONS
      g_object_set_data_full (G_OBJECT (widget), "nd-tabs-css", provider, g_object_unref);
    }
  gtk_css_provider_load_from_data (provider, css ? css : "", -1);
}

/* A colour from `colors`, or NULL if absent or unsafe in a declaration. */
static const char *
color_of (JsonNode *component, const char *key)
{
  JsonNode *colors = nd_component_get_prop (component, "colors");
  JsonObject *o;
  const char *s;

  if (colors == NULL || !JSON_NODE_HOLDS_OBJECT (colors))
    return NULL;
  o = json_node_get_object (colors);
  if (!json_object_has_member (o, key) || !nd_json_is_string (json_object_get_member (o, key)))
    return NULL;
  s = json_object_get_string_member (o, key);
  return strpbrk (s, "{};") || strstr (s, "/*") ? NULL : s;
}

static void
tab_apply_colors (GtkWidget *tab, JsonNode *tabs_component)
{
  const char *primary = color_of (tabs_component, "primary");
  gboolean vertical = nd_prop_bool (tabs_component, "vertical", FALSE);
  g_autofree char *css = NULL;

  if (primary)
    css = g_strdup_printf ("*:checked { box-shadow: inset %s %s; }",
                           vertical ? "-4px 0" : "0 -4px", primary);
  set_own_css (tab, css);
}

static void
tabs_apply_colors (Tabs *t, JsonNode *component)
{
  const char *border = color_of (component, "border");
  const char *background = color_of (component, "background");
  g_autoptr(GString) header = g_string_new ("* { ");
  g_autofree char *frame = border ? g_strdup_printf ("* { border-color: %s; }", border) : NULL;

  if (background)
    g_string_append_printf (header, "background-color: %s; ", background);
  if (border)
    g_string_append_printf (header, "border-color: %s; ", border);
  g_string_append (header, "}");
  set_own_css (t->notebook, frame);
  set_own_css (t->header, background || border ? header->str : NULL);
  for (GtkWidget *c = gtk_widget_get_first_child (t->tabs); c; c = gtk_widget_get_next_sibling (c))
    tab_apply_colors (c, component);
}

/* ---- Tab: a tab header ---- */

static void
tab_set_label (NdRenderer *renderer, GtkWidget *tab, JsonNode *component)
{
  JsonNode *label = nd_component_get_prop (component, "label");
  GtkWidget *child;

  if (label && nd_component_is (label))
    child = nd_renderer_render (renderer, label);
  else
    {
      g_autofree char *text = nd_value_text (label);

      child = gtk_label_new (text);
      gtk_label_set_justify (GTK_LABEL (child), GTK_JUSTIFY_CENTER);
    }
  if (child)
    gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
  gtk_button_set_child (GTK_BUTTON (tab), child);
}

static void
merge_into (JsonObject *into, JsonNode *style)
{
  JsonObjectIter it;
  const char *name;
  JsonNode *v;

  if (style == NULL || !JSON_NODE_HOLDS_OBJECT (style))
    return;
  json_object_iter_init_ordered (&it, json_node_get_object (style));
  while (json_object_iter_next_ordered (&it, &name, &v))
    json_object_set_member (into, name, nd_json_deep_copy (v));
}

static void
append_class (GString *out, JsonNode *component, const char *prop)
{
  const char *s = nd_prop_string (component, prop, NULL);

  if (s && *s)
    g_string_append_printf (out, "%s%s", out->len ? " " : "", s);
}

/* Dash's tab style: style, then disabled_style, then selected_style;
 * the classes likewise. */
static void
tab_restyle (GtkWidget *tab, JsonNode *component)
{
  gboolean selected = (gtk_widget_get_state_flags (tab) & GTK_STATE_FLAG_CHECKED) != 0;
  gboolean disabled = nd_prop_bool (component, "disabled", FALSE);
  JsonNode *width = nd_component_get_prop (component, "width");
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(JsonNode) style = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GString) classes = g_string_new (NULL);
  g_autoptr(JsonNode) class_node = NULL;
  int px = -1;

  merge_into (merged, nd_component_get_prop (component, "style"));
  if (disabled)
    merge_into (merged, nd_component_get_prop (component, "disabled_style"));
  if (selected)
    merge_into (merged, nd_component_get_prop (component, "selected_style"));
  json_node_set_object (style, merged);
  nd_style_apply (tab, style);

  append_class (classes, component, "className");
  if (disabled)
    append_class (classes, component, "disabled_className");
  if (selected)
    append_class (classes, component, "selected_className");
  class_node = nd_json_string (classes->str);
  nd_style_apply_class (tab, class_node);

  gtk_widget_set_sensitive (tab, !disabled);
  /* `width` fixes a tab's width; the others share the rest */
  if (width && nd_json_is_number (width))
    px = (int) nd_json_get_number (width);
  else if (width && nd_json_is_string (width) && g_str_has_suffix (json_node_get_string (width), "px"))
    px = (int) g_ascii_strtod (json_node_get_string (width), NULL);
  gtk_widget_set_size_request (tab, px, -1);
  g_object_set_data (G_OBJECT (tab), "nd-tab-fixed", GINT_TO_POINTER (px >= 0));
}

/* A Tab's value, or "tab-<n>" (n from 1 in child order) as Dash gives
 * a Tab without one. */
static JsonNode *
tab_value_new (GtkWidget *tab)
{
  JsonNode *component = nd_renderer_get_component (tab);
  JsonNode *v = component ? nd_component_get_prop (component, "value") : NULL;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (tab), "nd-tab-index"));
  g_autofree char *fallback = NULL;

  if (v && nd_json_is_truthy (v))
    return nd_json_deep_copy (v);
  fallback = g_strdup_printf ("tab-%u", MAX (index, 1));
  return nd_json_string (fallback);
}

static void tabs_sync (Tabs *t, JsonNode *component, gboolean rebuild_content);

static void
on_tab_clicked (GtkButton *button, NdRenderer *renderer)
{
  Tabs *t = tabs_owner (GTK_WIDGET (button));
  JsonNode *component = nd_renderer_get_component (GTK_WIDGET (button));
  g_autoptr(GtkWidget) notebook = NULL;

  if (t == NULL || component == NULL || nd_prop_bool (component, "disabled", FALSE))
    return;
  /* callbacks run by the report may replace us */
  notebook = g_object_ref (t->notebook);
  nd_renderer_report (t->renderer, t->notebook, "value", tab_value_new (GTK_WIDGET (button)));
  /* without an id the value is only kept in the layout: show it */
  if (nd_renderer_get_component (notebook))
    tabs_sync (t, nd_renderer_get_component (notebook), FALSE);
}

static GtkWidget *
tab_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *tab = g_object_new (GTK_TYPE_BUTTON, "css-name", "tab", NULL);

  ensure_css ();
  tab_set_label (renderer, tab, component);
  gtk_widget_set_hexpand (tab, TRUE);
  tab_restyle (tab, component);
  g_signal_connect (tab, "clicked", G_CALLBACK (on_tab_clicked), renderer);
  return tab;
}

static gboolean
tab_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
            JsonNode *value)
{
  static const char *const looks[] = {
    "style", "className", "disabled", "disabled_style", "disabled_className", "selected_style",
    "selected_className", "width", NULL
  };
  Tabs *t = tabs_owner (widget);

  if (g_str_equal (prop, "label"))
    tab_set_label (renderer, widget, component);
  else if (g_str_equal (prop, "children"))
    {
      /* the content is the shown Tab's children: rebuild it */
      if (t && t->shown == component)
        nd_renderer_render_children (renderer, t->content, value);
    }
  else if (g_str_equal (prop, "value"))
    {
      if (t)
        tabs_sync (t, nd_renderer_get_component (t->notebook), FALSE);
    }
  else if (g_strv_contains (looks, prop))
    {
      tab_restyle (widget, component);
      if (t)
        tabs_sync (t, nd_renderer_get_component (t->notebook), FALSE);
    }
  else
    return FALSE;
  return TRUE;
}

/* ---- Tabs ---- */

static gboolean
is_tab (JsonNode *node)
{
  return nd_component_is (node) &&
         g_strcmp0 (nd_component_get_namespace (node), ND_NAMESPACE_DCC) == 0 &&
         g_strcmp0 (nd_component_get_type (node), "Tab") == 0;
}

/* Shows which tabs match `value` and builds the selected Tab's children
 * as the content when another Tab is selected (or when asked). */
/* Tabs.value; while it is unset (the core fills it in at mount, maybe
 * after the widget is built) the value it will get: the first Tab's
 * value or "tab-1". */
static JsonNode *
tabs_value_new (JsonNode *component)
{
  JsonNode *value = nd_component_get_prop (component, "value");
  JsonNode *children = nd_component_get_prop (component, "children");
  JsonNode *first = NULL;

  if (value)
    return json_node_ref (value);
  if (children && JSON_NODE_HOLDS_ARRAY (children) && json_array_get_length (json_node_get_array (children)))
    first = json_array_get_element (json_node_get_array (children), 0);
  else if (children && nd_component_is (children))
    first = children;
  if (first && nd_component_is (first) && nd_component_get_prop (first, "value"))
    return nd_json_deep_copy (nd_component_get_prop (first, "value"));
  return nd_json_string ("tab-1");
}

static void
tabs_sync (Tabs *t, JsonNode *component, gboolean rebuild_content)
{
  g_autoptr(JsonNode) value = tabs_value_new (component);
  JsonNode *selected = NULL;
  gboolean fixed = FALSE;

  for (GtkWidget *c = gtk_widget_get_first_child (t->tabs); c; c = gtk_widget_get_next_sibling (c))
    {
      JsonNode *tab = nd_renderer_get_component (c);
      g_autoptr(JsonNode) v = tab_value_new (c);
      gboolean on = nd_json_equal (v, value);
      gboolean was = (gtk_widget_get_state_flags (c) & GTK_STATE_FLAG_CHECKED) != 0;

      if (on)
        gtk_widget_set_state_flags (c, GTK_STATE_FLAG_CHECKED, FALSE);
      else
        gtk_widget_unset_state_flags (c, GTK_STATE_FLAG_CHECKED);
      if (tab && on != was)
        tab_restyle (c, tab);
      /* Dash shows the last Tab with the value */
      if (on && tab)
        selected = tab;
      fixed |= GPOINTER_TO_INT (g_object_get_data (G_OBJECT (c), "nd-tab-fixed"));
    }
  /* equal shares, unless a tab has a width of its own */
  gtk_box_set_homogeneous (GTK_BOX (t->tabs),
                           !fixed && gtk_orientable_get_orientation (GTK_ORIENTABLE (t->tabs)) == GTK_ORIENTATION_HORIZONTAL);
  for (GtkWidget *c = gtk_widget_get_first_child (t->tabs); c; c = gtk_widget_get_next_sibling (c))
    gtk_widget_set_hexpand (c, !GPOINTER_TO_INT (g_object_get_data (G_OBJECT (c), "nd-tab-fixed")));
  if (!rebuild_content && selected == t->shown)
    return;
  g_clear_pointer (&t->shown, json_node_unref);
  if (selected)
    t->shown = json_node_ref (selected);
  nd_renderer_render_children (t->renderer, t->content,
                               selected ? nd_component_get_prop (selected, "children") : NULL);
}

static void
tabs_build (Tabs *t, JsonNode *component)
{
  JsonNode *children = nd_component_get_prop (component, "children");
  GtkWidget *c;
  guint n = 0;

  while ((c = gtk_widget_get_first_child (t->tabs)))
    gtk_box_remove (GTK_BOX (t->tabs), c);
  g_clear_pointer (&t->shown, json_node_unref);
  if (children && JSON_NODE_HOLDS_ARRAY (children))
    n = json_array_get_length (json_node_get_array (children));
  else if (children && nd_component_is (children))
    n = 1;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = JSON_NODE_HOLDS_ARRAY (children)
                       ? json_array_get_element (json_node_get_array (children), i) : children;
      GtkWidget *tab;

      if (!is_tab (item))
        {
          g_debug ("Tabs: child %u is not a dcc.Tab; skipped", i + 1);
          continue;
        }
      tab = nd_renderer_render (t->renderer, item);
      if (tab == NULL)
        continue;
      g_object_set_data (G_OBJECT (tab), "nd-tab-index", GUINT_TO_POINTER (i + 1));
      gtk_box_append (GTK_BOX (t->tabs), tab);
      /* the renderer applied the bare `style`; merge in the others */
      tab_restyle (tab, item);
      tab_apply_colors (tab, component);
    }
}

static void
tabs_orient (Tabs *t, JsonNode *component)
{
  gboolean vertical = nd_prop_bool (component, "vertical", FALSE);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (t->notebook),
                                  vertical ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (t->tabs),
                                  vertical ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_remove_css_class (t->header, vertical ? "top" : "left");
  gtk_widget_add_css_class (t->header, vertical ? "left" : "top");
  gtk_widget_set_hexpand (t->tabs, !vertical);
  gtk_widget_set_hexpand (t->content, TRUE);
}

/* The renderer gave the whole widget Tabs' `style` and `className`;
 * they belong to the row of tabs, `parent_*` to the whole. */
static void
tabs_place_styles (Tabs *t, JsonNode *component)
{
  nd_style_apply (t->notebook, nd_component_get_prop (component, "parent_style"));
  nd_style_apply_class (t->notebook, nd_component_get_prop (component, "parent_className"));
  gtk_widget_add_css_class (t->notebook, "nd-tabs");
  gtk_widget_add_css_class (t->notebook, "frame");
  nd_style_apply (t->header, nd_component_get_prop (component, "style"));
  nd_style_apply_class (t->header, nd_component_get_prop (component, "className"));
}

static void
on_tabs_parent (GtkWidget *notebook, GParamSpec *pspec, Tabs *t)
{
  JsonNode *component = nd_renderer_get_component (notebook);

  if (gtk_widget_get_parent (notebook) == NULL || component == NULL)
    return;
  g_clear_signal_handler (&t->parent_handler, notebook);
  tabs_place_styles (t, component);
}

static GtkWidget *
tabs_create (NdRenderer *renderer, JsonNode *component)
{
  Tabs *t = g_new0 (Tabs, 1);

  ensure_css ();
  t->renderer = renderer;
  t->notebook = g_object_new (GTK_TYPE_BOX, "css-name", "notebook", NULL);
  g_object_set_data_full (G_OBJECT (t->notebook), "nd-tabs", t, tabs_free);
  t->header = g_object_new (GTK_TYPE_BOX, "css-name", "header", NULL);
  t->tabs = g_object_new (GTK_TYPE_BOX, "css-name", "tabs", NULL);
  t->content = nd_element_new ("stack");
  gtk_widget_add_css_class (t->content, "nd-tab-content");
  gtk_box_append (GTK_BOX (t->header), t->tabs);
  gtk_box_append (GTK_BOX (t->notebook), t->header);
  gtk_box_append (GTK_BOX (t->notebook), t->content);

  tabs_orient (t, component);
  tabs_place_styles (t, component);
  nd_style_apply (t->content, nd_component_get_prop (component, "content_style"));
  nd_style_apply_class (t->content, nd_component_get_prop (component, "content_className"));
  tabs_build (t, component);
  tabs_apply_colors (t, component);
  tabs_sync (t, component, TRUE);
  t->parent_handler = g_signal_connect (t->notebook, "notify::parent", G_CALLBACK (on_tabs_parent), t);
  return t->notebook;
}

static gboolean
tabs_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
             JsonNode *value)
{
  Tabs *t = tabs_of (widget);

  if (g_str_equal (prop, "value"))
    tabs_sync (t, component, FALSE);
  else if (g_str_equal (prop, "children"))
    {
      tabs_build (t, component);
      tabs_sync (t, component, TRUE);
    }
  else if (g_str_equal (prop, "vertical"))
    {
      tabs_orient (t, component);
      tabs_apply_colors (t, component);
      tabs_sync (t, component, FALSE);
    }
  else if (g_str_equal (prop, "colors"))
    tabs_apply_colors (t, component);
  else if (g_str_equal (prop, "style"))
    nd_style_apply (t->header, value);
  else if (g_str_equal (prop, "className"))
    nd_style_apply_class (t->header, value);
  else if (g_str_equal (prop, "parent_style") || g_str_equal (prop, "parent_className"))
    tabs_place_styles (t, component);
  else if (g_str_equal (prop, "content_style"))
    nd_style_apply (t->content, value);
  else if (g_str_equal (prop, "content_className"))
    nd_style_apply_class (t->content, value);
  else if (g_str_equal (prop, "mobile_breakpoint"))
    ;   /* a desktop window keeps its layout */
  else
    return FALSE;
  return TRUE;
}

static const NdWidgetKind kinds[] = {
  { ND_NAMESPACE_DCC, "Tabs", FALSE, tabs_create, tabs_update },
  { ND_NAMESPACE_DCC, "Tab", TRUE, tab_create, tab_update },
};

void
nd_dcc_tabs_register_kinds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    nd_renderer_register_kind (&kinds[i]);
}
