/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dash.html: every tag becomes an NdElement named after it (so the
 * default stylesheet and an app's CSS apply), inline tags flow inline,
 * and the tags with behaviour get real widgets: Button, A, Img, Br, Hr,
 * lists with markers, table rows as equal-width columns, Progress/Meter,
 * Details.  Every element with an id counts `n_clicks`.
 */
#include <string.h>

#include "nd-element.h"
#include "nd-flow-layout.h"
#include "nd-kinds.h"
#include "nd-style.h"

static const char *const inline_tags[] = {
  "A", "Abbr", "B", "Bdi", "Bdo", "Big", "Blink", "Button", "Cite", "Code", "Data", "Del",
  "Dfn", "Em", "Font", "I", "Img", "Ins", "Kbd", "Label", "Mark", "Meter", "Output",
  "Progress", "Q", "Rb", "Rp", "Rt", "Rtc", "Ruby", "S", "Samp", "Select", "Small", "Span",
  "Strike", "Strong", "Sub", "Sup", "Time", "Tt", "U", "Var", "Wbr", "Input", "Textarea",
  "Picture", "Slot", NULL
};

/* Tags a desktop window cannot show; they render as nothing, or as a note. */
static const char *const hidden_tags[] = { "Script", "Base", "Link", "Meta", "Title", "Template", "Noscript", NULL };
static const char *const foreign_tags[] = { "Iframe", "Embed", "Object", "Video", "Audio", "Canvas", "Frame", "Frameset", NULL };

static char *
css_name_of (const char *type)
{
  return g_ascii_strdown (type, -1);
}

/* ---- n_clicks on any element ---- */

static void
report_click (NdRenderer *renderer, GtkWidget *widget)
{
  nd_renderer_report_count (renderer, widget, "n_clicks", "n_clicks_timestamp");
}

static void
on_element_released (GtkGestureClick *gesture, int n_press, double x, double y, NdRenderer *renderer)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  report_click (renderer, widget);
}

static void
count_clicks (NdRenderer *renderer, GtkWidget *widget, JsonNode *component)
{
  GtkGesture *click;

  if (nd_component_get_id (component) == NULL)
    return;
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_element_released), renderer);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
}

/* ---- the generic element ---- */

static GtkWidget *
container_create (NdRenderer *renderer, JsonNode *component)
{
  g_autofree char *name = css_name_of (nd_component_get_type (component));
  GtkWidget *el = nd_element_new (name);

  nd_renderer_render_children (renderer, el, nd_component_get_prop (component, "children"));
  count_clicks (renderer, el, component);
  return el;
}

static gboolean
is_text (JsonNode *value)
{
  return value && JSON_NODE_HOLDS_VALUE (value) &&
         (nd_json_is_string (value) || nd_json_is_number (value));
}

/* An element holding only text (most headings, paragraphs, labels) is
 * one label whose CSS node carries the tag's name: half the widgets. */
static GtkWidget *
element_create (NdRenderer *renderer, JsonNode *component)
{
  JsonNode *children = nd_component_get_prop (component, "children");
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (!is_text (children))
    return container_create (renderer, component);
  name = css_name_of (nd_component_get_type (component));
  text = nd_value_text (children);
  label = g_object_new (GTK_TYPE_LABEL, "css-name", name, "xalign", 0.0f, NULL);
  nd_renderer_set_label_text (GTK_LABEL (label), text);
  gtk_widget_add_css_class (label, "nd-text-element");
  count_clicks (renderer, label, component);
  return label;
}

static gboolean
element_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                JsonNode *value)
{
  if (strcmp (prop, "children") != 0 || !GTK_IS_LABEL (widget))
    return FALSE;   /* children of a container, style... are the generic ones */
  if (is_text (value))
    {
      g_autofree char *text = nd_value_text (value);

      nd_renderer_set_label_text (GTK_LABEL (widget), text);
    }
  else
    nd_renderer_rerender (renderer, widget);   /* now it holds components */
  return TRUE;
}

static GtkWidget *
hidden_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *el = nd_element_new ("template");

  gtk_widget_set_visible (el, FALSE);
  return el;
}

static GtkWidget *
foreign_create (NdRenderer *renderer, JsonNode *component)
{
  g_autofree char *text = g_strdup_printf ("[%s %s: shown in a browser only]",
                                           nd_component_get_type (component),
                                           nd_prop_string (component, "src", ""));
  GtkWidget *el = nd_element_new ("div");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  nd_element_append (ND_ELEMENT (el), label);
  return el;
}

/* ---- Button ---- */

static void
on_button_clicked (GtkButton *button, NdRenderer *renderer)
{
  report_click (renderer, GTK_WIDGET (button));
}

static GtkWidget *
button_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = nd_element_new ("span");

  nd_renderer_render_children (renderer, content, nd_component_get_prop (component, "children"));
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_sensitive (button, !nd_prop_bool (component, "disabled", FALSE));
  g_signal_connect (button, "clicked", G_CALLBACK (on_button_clicked), renderer);
  return button;
}

static gboolean
button_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
               JsonNode *value)
{
  if (g_str_equal (prop, "children"))
    {
      nd_renderer_render_children (renderer, gtk_button_get_child (GTK_BUTTON (widget)), value);
      return TRUE;
    }
  if (g_str_equal (prop, "disabled"))
    {
      gtk_widget_set_sensitive (widget, !(value && nd_json_is_truthy (value)));
      return TRUE;
    }
  return FALSE;
}

/* ---- A ---- */

static void
on_link_released (GtkGestureClick *gesture, int n_press, double x, double y, NdRenderer *renderer)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  JsonNode *component = nd_renderer_get_component (widget);
  const char *href = nd_prop_string (component, "href", NULL);

  if (nd_component_get_id (component))
    report_click (renderer, widget);
  if (href && *href)
    nd_renderer_open_uri (renderer, widget, href);
}

static GtkWidget *
link_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *el = nd_element_new ("a");
  GtkGesture *click = gtk_gesture_click_new ();

  nd_renderer_render_children (renderer, el, nd_component_get_prop (component, "children"));
  if (gtk_widget_get_first_child (el) == NULL && nd_prop_string (component, "href", NULL))
    {
      g_autoptr(JsonNode) text = nd_json_string (nd_prop_string (component, "href", ""));
      nd_renderer_render_children (renderer, el, text);
    }
  gtk_widget_set_cursor_from_name (el, "pointer");
  g_signal_connect (click, "released", G_CALLBACK (on_link_released), renderer);
  gtk_widget_add_controller (el, GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_tooltip_text (el, nd_prop_string (component, "href", NULL));
  return el;
}

/* ---- Img ---- */

static GdkTexture *
texture_from_src (NdRenderer *renderer, const char *src, GError **error)
{
  if (g_str_has_prefix (src, "data:"))
    {
      const char *comma = strchr (src, ',');
      g_autoptr(GBytes) bytes = NULL;
      gsize len;
      guchar *data;

      if (comma == NULL || strstr (src, ";base64") == NULL || strstr (src, ";base64") > comma)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "only base64 data URLs are supported");
          return NULL;
        }
      data = g_base64_decode (comma + 1, &len);
      bytes = g_bytes_new_take (data, len);
      return gdk_texture_new_from_bytes (bytes, error);
    }
  {
    g_autofree char *path = nd_renderer_resolve_asset (renderer, src);

    if (path == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     "remote image %s is not fetched (offline)", src);
        return NULL;
      }
    return gdk_texture_new_from_filename (path, error);
  }
}

static void
img_load (NdRenderer *renderer, GtkWidget *picture, JsonNode *component)
{
  const char *src = nd_prop_string (component, "src", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = src ? texture_from_src (renderer, src, &error) : NULL;
  double w = nd_prop_double (component, "width", -1), h = nd_prop_double (component, "height", -1);

  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), nd_prop_string (component, "alt", NULL));
  if (texture == NULL && src)
    {
      gtk_widget_set_tooltip_text (picture, error ? error->message : NULL);
      g_debug ("Img %s: %s", src, error ? error->message : "no image");
    }
  if (texture && (w > 0 || h > 0))
    {
      double tw = gdk_texture_get_width (texture), th = gdk_texture_get_height (texture);

      if (w <= 0)
        w = tw * h / th;
      if (h <= 0)
        h = th * w / tw;
    }
  gtk_widget_set_size_request (picture, w > 0 ? (int) w : -1, h > 0 ? (int) h : -1);
}

static GtkWidget *
img_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *picture = gtk_picture_new ();

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_halign (picture, GTK_ALIGN_START);
  img_load (renderer, picture, component);
  count_clicks (renderer, picture, component);
  return picture;
}

static gboolean
img_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
            JsonNode *value)
{
  if (g_str_equal (prop, "src") || g_str_equal (prop, "width") || g_str_equal (prop, "height") ||
      g_str_equal (prop, "alt"))
    {
      img_load (renderer, widget, component);
      return TRUE;
    }
  return FALSE;
}

/* ---- Br, Hr ---- */

static GtkWidget *
br_create (NdRenderer *renderer, JsonNode *component)
{
  /* one line tall when it stands alone; after text it just ends the line */
  GtkWidget *br = nd_element_new ("br");

  nd_element_append (ND_ELEMENT (br), gtk_label_new (" "));
  g_object_set_data (G_OBJECT (br), "nd-line-break", GINT_TO_POINTER (TRUE));
  return br;
}

static GtkWidget *
hr_create (NdRenderer *renderer, JsonNode *component)
{
  return nd_element_new ("hr");
}

/* ---- Ul, Ol, Li ---- */

static void
number_items (GtkWidget *list, gboolean ordered, int start)
{
  int n = start;

  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *marker = g_object_get_data (G_OBJECT (c), "nd-li-marker");
      g_autofree char *text = NULL;

      if (marker == NULL)
        continue;
      text = ordered ? g_strdup_printf ("%d.", n++) : g_strdup ("•");
      gtk_label_set_text (GTK_LABEL (marker), text);
    }
}

static GtkWidget *
list_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *el = container_create (renderer, component);
  gboolean ordered = g_str_equal (nd_component_get_type (component), "Ol");

  number_items (el, ordered, (int) nd_prop_double (component, "start", 1));
  return el;
}

static gboolean
list_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
             JsonNode *value)
{
  if (g_str_equal (prop, "children") || g_str_equal (prop, "start"))
    {
      nd_renderer_render_children (renderer, widget, nd_component_get_prop (component, "children"));
      number_items (widget, g_str_equal (nd_component_get_type (component), "Ol"),
                    (int) nd_prop_double (component, "start", 1));
      return TRUE;
    }
  return FALSE;
}

static GtkWidget *
li_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *el = nd_element_new ("li");
  GtkWidget *marker = gtk_label_new ("•");
  GtkWidget *content = nd_element_new ("div");
  NdFlowChild *fc;

  nd_flow_layout_set_mode (ND_FLOW_LAYOUT (gtk_widget_get_layout_manager (el)), ND_FLOW_ROW);
  nd_flow_layout_set_gap (ND_FLOW_LAYOUT (gtk_widget_get_layout_manager (el)), 0, 6);
  gtk_label_set_xalign (GTK_LABEL (marker), 1);
  gtk_widget_set_valign (marker, GTK_ALIGN_START);
  gtk_widget_add_css_class (marker, "nd-li-marker");
  nd_element_append (ND_ELEMENT (el), marker);
  nd_element_append (ND_ELEMENT (el), content);
  fc = ND_FLOW_CHILD (gtk_layout_manager_get_layout_child (gtk_widget_get_layout_manager (el), content));
  nd_flow_child_set_grow (fc, 1);
  nd_flow_child_set_width (fc, 0, FALSE);
  g_object_set_data (G_OBJECT (el), "nd-li-marker", marker);
  g_object_set_data (G_OBJECT (el), "nd-li-content", content);
  nd_renderer_render_children (renderer, content, nd_component_get_prop (component, "children"));
  count_clicks (renderer, el, component);
  return el;
}

static gboolean
li_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
           JsonNode *value)
{
  if (g_str_equal (prop, "children"))
    {
      nd_renderer_render_children (renderer, g_object_get_data (G_OBJECT (widget), "nd-li-content"), value);
      return TRUE;
    }
  return FALSE;
}

/* ---- tables: rows are flex rows of equal-width cells (colSpan widens) ---- */

static GtkWidget *
tr_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *el = container_create (renderer, component);

  nd_flow_layout_set_mode (ND_FLOW_LAYOUT (gtk_widget_get_layout_manager (el)), ND_FLOW_ROW);
  return el;
}

static gboolean
tr_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
           JsonNode *value)
{
  if (g_str_equal (prop, "style"))
    {
      nd_style_apply (widget, value);
      nd_flow_layout_set_mode (ND_FLOW_LAYOUT (gtk_widget_get_layout_manager (widget)), ND_FLOW_ROW);
      return TRUE;
    }
  return FALSE;
}

static GtkWidget *
cell_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *el = element_create (renderer, component);
  int span = (int) nd_prop_double (component, "colSpan", 1);

  /* equal shares of the row, colSpan shares for a wide cell */
  g_object_set_data (G_OBJECT (el), "nd-default-grow", GINT_TO_POINTER (MAX (span, 1)));
  return el;
}

/* ---- Progress, Meter ---- */

static void
level_load (GtkWidget *bar, JsonNode *component)
{
  double max = nd_prop_double (component, "max", 1), value = nd_prop_double (component, "value", 0);

  if (GTK_IS_PROGRESS_BAR (bar))
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), max > 0 ? CLAMP (value / max, 0, 1) : 0);
  else
    {
      gtk_level_bar_set_min_value (GTK_LEVEL_BAR (bar), nd_prop_double (component, "min", 0));
      gtk_level_bar_set_max_value (GTK_LEVEL_BAR (bar), max);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (value, nd_prop_double (component, "min", 0), max));
    }
}

static GtkWidget *
level_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *bar = g_str_equal (nd_component_get_type (component), "Progress")
                   ? gtk_progress_bar_new () : gtk_level_bar_new ();

  gtk_widget_set_size_request (bar, 160, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  level_load (bar, component);
  return bar;
}

static gboolean
level_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
              JsonNode *value)
{
  if (g_str_equal (prop, "value") || g_str_equal (prop, "max") || g_str_equal (prop, "min"))
    {
      level_load (widget, component);
      return TRUE;
    }
  return FALSE;
}

/* ---- registry ---- */

typedef struct {
  const char *type;
  GtkWidget *(*create) (NdRenderer *, JsonNode *);
  gboolean (*update) (NdRenderer *, GtkWidget *, JsonNode *, const char *, JsonNode *);
} Special;

static const Special specials[] = {
  { "Button", button_create, button_update },
  { "A", link_create, element_update },
  { "Img", img_create, img_update },
  { "Br", br_create, element_update },
  { "Hr", hr_create, element_update },
  { "Ul", list_create, list_update },
  { "Ol", list_create, list_update },
  { "Li", li_create, li_update },
  { "Tr", tr_create, tr_update },
  { "Td", cell_create, element_update },
  { "Th", cell_create, element_update },
  { "Progress", level_create, level_update },
  { "Meter", level_create, level_update },
};

void
nd_html_register_kinds (void)
{
  g_auto(GStrv) types = nd_component_info_list_types (ND_NAMESPACE_HTML);

  for (guint i = 0; types && types[i]; i++)
    {
      NdWidgetKind *kind = g_new0 (NdWidgetKind, 1);   /* lives as long as the process */

      kind->namespace_ = ND_NAMESPACE_HTML;
      kind->type = g_intern_string (types[i]);
      kind->is_inline = g_strv_contains (inline_tags, types[i]);
      kind->create = element_create;
      kind->update = element_update;
      if (g_strv_contains (hidden_tags, types[i]))
        kind->create = hidden_create;
      else if (g_strv_contains (foreign_tags, types[i]))
        kind->create = foreign_create;
      for (guint s = 0; s < G_N_ELEMENTS (specials); s++)
        if (g_str_equal (specials[s].type, types[i]))
          {
            kind->create = specials[s].create;
            kind->update = specials[s].update;
          }
      nd_renderer_register_kind (kind);
    }
}

/* dcc families are registered by their own files, if built */
void
nd_dcc_register_kinds (void)
{
  void (*families[]) (void) = {
    nd_dcc_text_register_kinds, nd_dcc_choices_register_kinds, nd_dcc_slider_register_kinds,
    nd_dcc_dates_register_kinds, nd_dcc_tabs_register_kinds, nd_dcc_markdown_register_kinds,
    nd_dcc_misc_register_kinds, nd_dcc_graph_register_kinds, nd_table_register_kinds,
    nd_kits_register_kinds,
  };

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    if (families[i])
      families[i] ();
}
