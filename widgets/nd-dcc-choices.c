/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The dcc choices family (components.md §3.2): Dropdown, RadioItems and
 * Checklist.  A Dropdown is a field showing the selection (a label, or
 * removable chips when `multi`) that opens a popover with a search entry
 * and a list of options; RadioItems and Checklist are GtkCheckButtons
 * (grouped for radios) stacked or side by side.  All three report `value`
 * as Dash does; the Dropdown also reports `search_value` while the user
 * types.
 */
#include <string.h>

#include "nd-element.h"
#include "nd-kinds.h"
#include "nd-style.h"

/* ---- options, shared by the three ---- */

typedef struct {
  JsonNode *value;
  JsonNode *label;      /* a text, a number, or component(s) */
  char *text;           /* the label as text; for search and accessibility */
  char *search;         /* the `search` field, or NULL */
  char *title;
  gboolean disabled;
} Option;

static void
option_free (gpointer data)
{
  Option *o = data;

  g_clear_pointer (&o->value, json_node_unref);
  g_clear_pointer (&o->label, json_node_unref);
  g_free (o->text);
  g_free (o->search);
  g_free (o->title);
  g_free (o);
}

/* JavaScript's String(x) for a scalar, which the front end uses for labels. */
static char *
scalar_text (JsonNode *v)
{
  if (v == NULL || JSON_NODE_HOLDS_NULL (v))
    return g_strdup ("null");
  if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (v) ? "true" : "false");
  return nd_value_text (v);
}

static gboolean
is_scalar (JsonNode *v)
{
  return v && JSON_NODE_HOLDS_VALUE (v);
}

static Option *
option_new (JsonNode *value, JsonNode *label)
{
  Option *o = g_new0 (Option, 1);

  o->value = value ? json_node_ref (value) : json_node_new (JSON_NODE_NULL);
  if (label && !JSON_NODE_HOLDS_NULL (label))
    o->label = json_node_ref (label);
  else
    {
      /* no label: the value's text, rather than an empty row */
      g_autofree char *text = scalar_text (o->value);
      o->label = nd_json_string (text);
    }
  o->text = is_scalar (o->label) ? scalar_text (o->label) : NULL;
  return o;
}

/* The three shapes Dash accepts: scalars, {label, value, ...} dicts, and
 * a {value: label} dict. */
static GPtrArray *
options_parse (JsonNode *options)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (option_free);

  if (options == NULL)
    return out;
  if (JSON_NODE_HOLDS_ARRAY (options))
    {
      JsonArray *a = json_node_get_array (options);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *item = json_array_get_element (a, i);
          Option *o;

          if (JSON_NODE_HOLDS_OBJECT (item) && !nd_component_is (item))
            {
              JsonObject *obj = json_node_get_object (item);
              JsonNode *search = json_object_get_member (obj, "search");
              JsonNode *title = json_object_get_member (obj, "title");

              o = option_new (json_object_get_member (obj, "value"), json_object_get_member (obj, "label"));
              o->disabled = nd_json_is_truthy (json_object_get_member (obj, "disabled"));
              o->search = is_scalar (search) ? scalar_text (search) : NULL;
              o->title = is_scalar (title) ? scalar_text (title) : NULL;
            }
          else if (is_scalar (item))
            o = option_new (item, NULL);
          else
            continue;
          g_ptr_array_add (out, o);
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (options))
    {
      JsonObjectIter it;
      const char *key;
      JsonNode *label;

      json_object_iter_init_ordered (&it, json_node_get_object (options));
      while (json_object_iter_next_ordered (&it, &key, &label))
        {
          g_autoptr(JsonNode) value = nd_json_string (key);

          g_ptr_array_add (out, option_new (value, label));
        }
    }
  return out;
}

static int
options_find (GPtrArray *options, JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return -1;
  for (guint i = 0; i < options->len; i++)
    {
      Option *o = g_ptr_array_index (options, i);

      if (nd_json_equal (o->value, value))
        return (int) i;
    }
  return -1;
}

/* A widget for an option's label: wrapped or ellipsized text, or the
 * rendered component. */
static GtkWidget *
option_label_widget (NdRenderer *renderer, Option *o, gboolean ellipsize)
{
  GtkWidget *w = NULL;

  if (o->text == NULL)
    w = nd_renderer_render (renderer, o->label);
  if (w == NULL)
    {
      w = gtk_label_new (o->text ? o->text : "");
      gtk_label_set_xalign (GTK_LABEL (w), 0);
      if (ellipsize)
        gtk_label_set_ellipsize (GTK_LABEL (w), PANGO_ELLIPSIZE_END);
      else
        {
          gtk_label_set_wrap (GTK_LABEL (w), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (w), PANGO_WRAP_WORD_CHAR);
        }
    }
  gtk_widget_set_valign (w, GTK_ALIGN_CENTER);
  return w;
}

/* A list value as a new array: null is [], a scalar is [scalar]. */
static JsonArray *
value_list (JsonNode *value)
{
  JsonArray *out = json_array_new ();

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return out;
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *a = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (a); i++)
        json_array_add_element (out, nd_json_deep_copy (json_array_get_element (a, i)));
    }
  else
    json_array_add_element (out, nd_json_deep_copy (value));
  return out;
}

static int
list_find (JsonArray *list, JsonNode *value)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (nd_json_equal (json_array_get_element (list, i), value))
      return (int) i;
  return -1;
}

static JsonNode *
list_node (JsonArray *list)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, list);
  return node;
}

static void
ensure_css (void)
{
  static const char css[] =
    ".nd-dropdown-field { min-height: 34px; padding: 0 4px 0 10px; border: 1px solid @borders;"
    " border-radius: 6px; background-color: @theme_base_color; color: @theme_text_color; }\n"
    ".nd-dropdown-field:hover { border-color: mix(@borders, @theme_fg_color, 0.25); }\n"
    ".nd-dropdown-field:focus-within { border-color: @theme_selected_bg_color;"
    " box-shadow: inset 0 0 0 1px @theme_selected_bg_color; }\n"
    ".nd-dropdown-field:disabled { background-color: @theme_bg_color; color: @insensitive_fg_color; }\n"
    ".nd-dropdown-field .nd-dropdown-placeholder { color: alpha(currentColor, 0.55); }\n"
    ".nd-dropdown-field .nd-dropdown-arrow { color: alpha(currentColor, 0.7); }\n"
    ".nd-dropdown-field button.nd-dropdown-clear { min-height: 22px; min-width: 22px; padding: 0;"
    " color: alpha(currentColor, 0.6); }\n"
    ".nd-dropdown-chips { margin: 3px 0; }\n"
    ".nd-dropdown-chips > flowboxchild { padding: 0; }\n"
    ".nd-dropdown-chip { background-color: alpha(@theme_selected_bg_color, 0.14); border-radius: 4px;"
    " padding: 0 0 0 7px; min-height: 24px; }\n"
    ".nd-dropdown-chip.nd-dropdown-chip-fixed { padding-right: 7px; }\n"
    ".nd-dropdown-chip button { min-height: 20px; min-width: 20px; padding: 0; margin: 0 2px; }\n"
    "popover.nd-dropdown-popover { font-family: inherit; font-size: inherit; }\n"
    ".nd-dropdown-popover > contents { padding: 6px; }\n"
    ".nd-radioitems-item, .nd-checklist-item { padding-top: 1px; padding-bottom: 1px; }\n"
    ".nd-dropdown-popover list { background: none; }\n"
    ".nd-dropdown-popover list > row { padding: 6px 8px; border-radius: 5px; }\n"
    ".nd-dropdown-popover .nd-dropdown-empty { padding: 8px; color: alpha(currentColor, 0.55); }\n";

  nd_style_add_css (NULL, css);
}

/* ======================================================================
 * Dropdown
 * ====================================================================== */

#define ND_TYPE_CHOICES_DROPDOWN (nd_choices_dropdown_get_type ())
G_DECLARE_FINAL_TYPE (NdChoicesDropdown, nd_choices_dropdown, ND, CHOICES_DROPDOWN, GtkWidget)

struct _NdChoicesDropdown {
  GtkWidget parent_instance;

  NdRenderer *renderer;
  JsonNode *component;
  GPtrArray *options;         /* Option* */
  GPtrArray *rows;            /* GtkListBoxRow*, one per option (owned by the list) */

  GtkWidget *field;
  GtkWidget *content;
  GtkWidget *clear;
  GtkWidget *arrow;

  GtkWidget *popover;
  GtkWidget *search;
  GtkWidget *actions;
  GtkWidget *scrolled;
  GtkWidget *list;
  GtkWidget *empty;

  JsonNode *pending;          /* debounce: a value not reported until the menu closes */
  char *query;                /* the search text, case-folded */
  guint prune_source;
  gboolean filling;           /* setting the search text ourselves */
};

G_DEFINE_FINAL_TYPE (NdChoicesDropdown, nd_choices_dropdown, GTK_TYPE_WIDGET)

static JsonNode *
dd_component (NdChoicesDropdown *self)
{
  return self->component;
}

static gboolean
dd_multi (NdChoicesDropdown *self)
{
  return nd_prop_bool (dd_component (self), "multi", FALSE);
}

static const char *
dd_label (NdChoicesDropdown *self, const char *key, const char *fallback)
{
  JsonNode *labels = nd_component_get_prop (dd_component (self), "labels");
  JsonNode *v;

  if (labels == NULL || !JSON_NODE_HOLDS_OBJECT (labels))
    return fallback;
  v = json_object_get_member (json_node_get_object (labels), key);
  return nd_json_is_string (v) ? json_node_get_string (v) : fallback;
}

/* The value shown: a debounced pick, else the component's. */
static JsonNode *
dd_value (NdChoicesDropdown *self)
{
  return self->pending ? self->pending : nd_component_get_prop (dd_component (self), "value");
}

static gboolean
dd_is_selected (NdChoicesDropdown *self, JsonNode *value)
{
  JsonNode *current = dd_value (self);

  if (current == NULL || JSON_NODE_HOLDS_NULL (current))
    return FALSE;
  if (dd_multi (self) || JSON_NODE_HOLDS_ARRAY (current))
    {
      g_autoptr(JsonArray) list = value_list (current);
      return list_find (list, value) >= 0;
    }
  return nd_json_equal (current, value);
}

/* Dash searches an option's `search` text if it has one, else its label,
 * else (a component label) its value; case-insensitive. */
static gboolean
dd_matches (NdChoicesDropdown *self, Option *o, int *rank)
{
  g_autofree char *value_text = NULL;
  g_autofree char *folded = NULL;
  const char *hay, *at;

  *rank = 0;
  if (self->query == NULL || *self->query == '\0')
    return TRUE;
  hay = o->search ? o->search : o->text;
  if (hay == NULL)
    hay = value_text = scalar_text (o->value);
  folded = g_utf8_casefold (hay, -1);
  at = strstr (folded, self->query);
  if (at == NULL)
    return FALSE;
  *rank = at == folded ? 0 : 1;
  return TRUE;
}

static void dd_refresh (NdChoicesDropdown *self);

/* ---- reporting ---- */

static void
dd_commit (NdChoicesDropdown *self, JsonNode *value)
{
  JsonNode *component = dd_component (self);

  if (nd_prop_bool (component, "debounce", FALSE) && gtk_widget_get_visible (self->popover))
    {
      /* reported when the menu closes */
      g_clear_pointer (&self->pending, json_node_unref);
      self->pending = value;
      dd_refresh (self);
      return;
    }
  g_clear_pointer (&self->pending, json_node_unref);
  nd_renderer_report (self->renderer, GTK_WIDGET (self), "value", value);
  dd_refresh (self);
}

static void
dd_toggle (NdChoicesDropdown *self, JsonNode *value)
{
  JsonArray *list = value_list (dd_value (self));
  int at = list_find (list, value);

  if (at >= 0)
    {
      /* without clearable the last selection stays */
      if (json_array_get_length (list) == 1 && !nd_prop_bool (dd_component (self), "clearable", TRUE))
        {
          json_array_unref (list);
          return;
        }
      json_array_remove_element (list, at);
    }
  else
    json_array_add_element (list, nd_json_deep_copy (value));
  dd_commit (self, list_node (list));
}

static void
dd_pick (NdChoicesDropdown *self, Option *o)
{
  JsonNode *component = dd_component (self);
  gboolean multi = dd_multi (self);

  if (o->disabled)
    return;
  if (multi)
    dd_toggle (self, o->value);
  else
    dd_commit (self, nd_json_deep_copy (o->value));
  if (nd_prop_bool (component, "closeOnSelect", !multi))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_clear_clicked (GtkButton *button, NdChoicesDropdown *self)
{
  if (!nd_prop_bool (dd_component (self), "clearable", TRUE))
    return;
  dd_commit (self, dd_multi (self) ? list_node (json_array_new ()) : json_node_new (JSON_NODE_NULL));
}

static void
on_chip_remove_clicked (GtkButton *button, NdChoicesDropdown *self)
{
  JsonNode *value = g_object_get_data (G_OBJECT (button), "nd-value");

  dd_toggle (self, value);
}

/* "select all" adds every option the search shows, "deselect all" takes
 * them out; disabled options stay as they are. */
static void
dd_select_visible (NdChoicesDropdown *self, gboolean select)
{
  JsonArray *list = value_list (dd_value (self));

  for (guint i = 0; i < self->options->len; i++)
    {
      Option *o = g_ptr_array_index (self->options, i);
      int rank, at;

      if (o->disabled || !dd_matches (self, o, &rank))
        continue;
      at = list_find (list, o->value);
      if (select && at < 0)
        json_array_add_element (list, nd_json_deep_copy (o->value));
      else if (!select && at >= 0)
        json_array_remove_element (list, at);
    }
  if (!select && json_array_get_length (list) == 0 && !nd_prop_bool (dd_component (self), "clearable", TRUE))
    {
      json_array_unref (list);
      return;
    }
  dd_commit (self, list_node (list));
}

static void
on_select_all_clicked (GtkButton *button, NdChoicesDropdown *self)
{
  dd_select_visible (self, TRUE);
}

static void
on_deselect_all_clicked (GtkButton *button, NdChoicesDropdown *self)
{
  dd_select_visible (self, FALSE);
}

static void
on_row_activated (GtkListBox *list, GtkListBoxRow *row, NdChoicesDropdown *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "nd-index"));

  if (index < self->options->len)
    dd_pick (self, g_ptr_array_index (self->options, index));
}

/* ---- the search ---- */

static void
dd_refilter (NdChoicesDropdown *self)
{
  guint shown = 0;

  for (guint i = 0; i < self->options->len; i++)
    {
      int rank;

      if (dd_matches (self, g_ptr_array_index (self->options, i), &rank))
        shown++;
    }
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
  gtk_list_box_invalidate_sort (GTK_LIST_BOX (self->list));
  gtk_widget_set_visible (self->empty, shown == 0);
  gtk_widget_set_visible (self->scrolled, shown > 0);
}

static void
dd_set_query (NdChoicesDropdown *self, const char *text)
{
  g_free (self->query);
  self->query = text && *text ? g_utf8_casefold (text, -1) : NULL;
  dd_refilter (self);
}

static void
on_search_changed (GtkEditable *editable, NdChoicesDropdown *self)
{
  const char *text = gtk_editable_get_text (editable);

  dd_set_query (self, text);
  if (self->filling || nd_renderer_is_applying (self->renderer))
    return;
  nd_renderer_report (self->renderer, GTK_WIDGET (self), "search_value", nd_json_string (text));
}

/* Enter picks the first option the search shows. */
static void
on_search_activate (GtkSearchEntry *entry, NdChoicesDropdown *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), i)); i++)
    if (gtk_widget_get_child_visible (GTK_WIDGET (row)) && gtk_list_box_row_get_activatable (row))
      {
        on_row_activated (GTK_LIST_BOX (self->list), row, self);
        return;
      }
}

static void
on_search_stop (GtkSearchEntry *entry, NdChoicesDropdown *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
dd_set_search_text (NdChoicesDropdown *self, const char *text)
{
  self->filling = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search), text ? text : "");
  self->filling = FALSE;
  dd_set_query (self, text);
}

static gboolean
dd_filter (GtkListBoxRow *row, gpointer data)
{
  NdChoicesDropdown *self = data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "nd-index"));
  int rank;

  return index < self->options->len && dd_matches (self, g_ptr_array_index (self->options, index), &rank);
}

/* search_order "index": options whose text starts with the search first. */
static int
dd_sort (GtkListBoxRow *a, GtkListBoxRow *b, gpointer data)
{
  NdChoicesDropdown *self = data;
  guint ia = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (a), "nd-index"));
  guint ib = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (b), "nd-index"));

  if (self->query && g_strcmp0 (nd_prop_string (dd_component (self), "search_order", "index"), "original") != 0 &&
      ia < self->options->len && ib < self->options->len)
    {
      int ra, rb;

      dd_matches (self, g_ptr_array_index (self->options, ia), &ra);
      dd_matches (self, g_ptr_array_index (self->options, ib), &rb);
      if (ra != rb)
        return ra - rb;
    }
  return ia < ib ? -1 : ia > ib;
}

/* ---- opening and closing ---- */

static void
dd_popup (NdChoicesDropdown *self)
{
  if (!gtk_widget_is_sensitive (GTK_WIDGET (self)) || gtk_widget_get_visible (self->popover))
    return;
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* The menu is as wide as the field (less the popover's frame). */
static void
on_popover_show (GtkWidget *popover, NdChoicesDropdown *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  gtk_widget_set_size_request (gtk_popover_get_child (GTK_POPOVER (popover)), MAX (width - 14, 180), -1);
  if (gtk_widget_get_visible (self->search))
    gtk_widget_grab_focus (self->search);
}

static void
on_popover_closed (GtkPopover *popover, NdChoicesDropdown *self)
{
  JsonNode *search_value = nd_component_get_prop (dd_component (self), "search_value");
  g_autoptr(JsonObject) props = json_object_new ();

  if (self->pending)
    {
      json_object_set_member (props, "value", self->pending);
      self->pending = NULL;
    }
  dd_set_search_text (self, NULL);
  /* closing forgets the search (Dash sets it to undefined) */
  if (search_value && !JSON_NODE_HOLDS_NULL (search_value))
    json_object_set_member (props, "search_value", json_node_new (JSON_NODE_NULL));
  if (json_object_get_size (props))
    nd_renderer_report_props (self->renderer, GTK_WIDGET (self), props);
  dd_refresh (self);
}

static void
on_field_released (GtkGestureClick *gesture, int n_press, double x, double y, NdChoicesDropdown *self)
{
  if (gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  else
    dd_popup (self);
}

static gboolean
on_field_key (GtkEventControllerKey *key, guint keyval, guint keycode, GdkModifierType state,
              NdChoicesDropdown *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_space ||
      keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    {
      dd_popup (self);
      return TRUE;
    }
  /* typing starts a search, as in a browser */
  if (gtk_widget_get_visible (self->search) && c && g_unichar_isprint (c) &&
      !(state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    {
      char buf[8] = { 0 };
      int pos;

      dd_popup (self);
      g_unichar_to_utf8 (c, buf);
      pos = gtk_editable_get_position (GTK_EDITABLE (self->search));
      gtk_editable_insert_text (GTK_EDITABLE (self->search), buf, -1, &pos);
      gtk_editable_set_position (GTK_EDITABLE (self->search), pos);
      return TRUE;
    }
  return FALSE;
}

/* ---- building ---- */

static GtkWidget *
dd_chip (NdChoicesDropdown *self, Option *o, gboolean removable)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *remove;

  gtk_widget_add_css_class (chip, "nd-dropdown-chip");
  gtk_box_append (GTK_BOX (chip), option_label_widget (self->renderer, o, TRUE));
  if (removable)
    {
      remove = gtk_button_new_from_icon_name ("window-close-symbolic");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_add_css_class (remove, "nd-dropdown-chip-remove");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_focus_on_click (remove, FALSE);
      gtk_widget_set_tooltip_text (remove, "Remove");
      g_object_set_data_full (G_OBJECT (remove), "nd-value", json_node_ref (o->value),
                              (GDestroyNotify) json_node_unref);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_chip_remove_clicked), self);
      gtk_box_append (GTK_BOX (chip), remove);
    }
  else
    gtk_widget_add_css_class (chip, "nd-dropdown-chip-fixed");
  return chip;
}

static void
dd_clear_content (NdChoicesDropdown *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->content)))
    gtk_box_remove (GTK_BOX (self->content), child);
}

/* What the field shows: the placeholder, the picked option, or a chip per
 * picked option in value order.  Values not among the options show nothing. */
static void
dd_refresh_field (NdChoicesDropdown *self)
{
  JsonNode *component = dd_component (self);
  JsonNode *value = dd_value (self);
  gboolean multi = dd_multi (self);
  gboolean clearable = nd_prop_bool (component, "clearable", TRUE);
  guint shown = 0;

  dd_clear_content (self);
  if (multi)
    {
      g_autoptr(JsonArray) list = value_list (value);
      g_autoptr(GPtrArray) picked = g_ptr_array_new ();
      GtkWidget *chips;

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          int at = options_find (self->options, json_array_get_element (list, i));

          if (at >= 0)
            g_ptr_array_add (picked, g_ptr_array_index (self->options, at));
        }
      shown = picked->len;
      if (shown)
        {
          chips = gtk_flow_box_new ();
          gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (chips), GTK_SELECTION_NONE);
          gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (chips), FALSE);
          gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (chips), 100);
          gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (chips), 4);
          gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (chips), 4);
          gtk_widget_add_css_class (chips, "nd-dropdown-chips");
          gtk_widget_set_hexpand (chips, TRUE);
          gtk_widget_set_valign (chips, GTK_ALIGN_CENTER);
          for (guint i = 0; i < picked->len; i++)
            {
              /* without clearable the last chip cannot be removed */
              GtkWidget *chip = dd_chip (self, g_ptr_array_index (picked, i), clearable || picked->len > 1);

              gtk_flow_box_append (GTK_FLOW_BOX (chips), chip);
              gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
            }
          gtk_box_append (GTK_BOX (self->content), chips);
        }
    }
  else
    {
      int at = options_find (self->options, value);

      if (at >= 0)
        {
          GtkWidget *label = option_label_widget (self->renderer, g_ptr_array_index (self->options, at), TRUE);

          gtk_widget_set_hexpand (label, TRUE);
          gtk_box_append (GTK_BOX (self->content), label);
          shown = 1;
        }
    }
  if (shown == 0)
    {
      GtkWidget *placeholder = gtk_label_new (nd_prop_string (component, "placeholder", "Select..."));

      gtk_label_set_xalign (GTK_LABEL (placeholder), 0);
      gtk_label_set_ellipsize (GTK_LABEL (placeholder), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (placeholder, TRUE);
      gtk_widget_add_css_class (placeholder, "nd-dropdown-placeholder");
      gtk_box_append (GTK_BOX (self->content), placeholder);
    }
  gtk_widget_set_visible (self->clear, clearable && shown > 0 && !nd_prop_bool (component, "disabled", FALSE));
  gtk_widget_set_tooltip_text (self->clear, dd_label (self, "clear_selection", "Clear selection"));
}

/* Marks, checks and enabled states of the rows, from the value. */
static void
dd_refresh_rows (NdChoicesDropdown *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *mark = g_object_get_data (G_OBJECT (row), "nd-mark");
      Option *o = g_ptr_array_index (self->options, i);
      gboolean selected = dd_is_selected (self, o->value);

      if (GTK_IS_CHECK_BUTTON (mark))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (mark), selected);
      else
        gtk_widget_set_opacity (mark, selected ? 1 : 0);
    }
}

static void
dd_refresh (NdChoicesDropdown *self)
{
  dd_refresh_field (self);
  dd_refresh_rows (self);
}

static void
dd_rebuild_rows (NdChoicesDropdown *self)
{
  JsonNode *component = dd_component (self);
  gboolean multi = dd_multi (self);
  double option_height = nd_prop_double (component, "optionHeight", -1);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->options, g_ptr_array_unref);
  self->options = options_parse (nd_component_get_prop (component, "options"));
  for (guint i = 0; i < self->options->len; i++)
    {
      Option *o = g_ptr_array_index (self->options, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *label = option_label_widget (self->renderer, o, FALSE);
      GtkWidget *mark;

      gtk_widget_set_hexpand (label, TRUE);
      if (multi)
        {
          /* the row takes the click; the check only shows the state */
          mark = gtk_check_button_new ();
          gtk_widget_set_can_target (mark, FALSE);
          gtk_widget_set_focusable (mark, FALSE);
          gtk_box_append (GTK_BOX (box), mark);
          gtk_box_append (GTK_BOX (box), label);
        }
      else
        {
          mark = gtk_image_new_from_icon_name ("object-select-symbolic");
          gtk_box_append (GTK_BOX (box), label);
          gtk_box_append (GTK_BOX (box), mark);
        }
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "nd-index", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (row), "nd-mark", mark);
      gtk_widget_set_tooltip_text (row, o->title);
      if (o->disabled)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_widget_set_sensitive (row, FALSE);
        }
      if (option_height > 0)
        gtk_widget_set_size_request (row, -1, (int) option_height);
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
      g_ptr_array_add (self->rows, row);
    }
  dd_refilter (self);
}

/* Builds what depends on multi/searchable/labels/maxHeight. */
static void
dd_apply_chrome (NdChoicesDropdown *self)
{
  JsonNode *component = dd_component (self);
  gboolean searchable = nd_prop_bool (component, "searchable", TRUE);
  GtkWidget *select_all = gtk_widget_get_first_child (self->actions);
  GtkWidget *deselect_all = gtk_widget_get_next_sibling (select_all);
  double max_height = nd_prop_double (component, "maxHeight", 200);

  gtk_widget_set_visible (self->search, searchable);
  if (!searchable)
    dd_set_search_text (self, NULL);
  g_object_set (self->search, "placeholder-text", dd_label (self, "search", "Search"), NULL);
  gtk_widget_set_visible (self->actions, dd_multi (self));
  gtk_button_set_label (GTK_BUTTON (select_all), dd_label (self, "select_all", "Select All"));
  gtk_button_set_label (GTK_BUTTON (deselect_all), dd_label (self, "deselect_all", "Deselect All"));
  gtk_label_set_text (GTK_LABEL (self->empty), dd_label (self, "no_options_found", "No options found"));
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scrolled),
                                              max_height > 0 ? (int) max_height : 200);
  gtk_widget_set_sensitive (GTK_WIDGET (self), !nd_prop_bool (component, "disabled", FALSE));
  if (nd_prop_bool (component, "disabled", FALSE))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
dd_build (NdChoicesDropdown *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *select_all, *deselect_all;
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  /* the field */
  self->field = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (self->field, "nd-dropdown-field");
  gtk_widget_set_focusable (self->field, TRUE);
  gtk_widget_set_cursor_from_name (self->field, "pointer");
  self->content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (self->content, TRUE);
  gtk_box_append (GTK_BOX (self->field), self->content);
  self->clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_add_css_class (self->clear, "flat");
  gtk_widget_add_css_class (self->clear, "circular");
  gtk_widget_add_css_class (self->clear, "nd-dropdown-clear");
  gtk_widget_set_valign (self->clear, GTK_ALIGN_CENTER);
  gtk_widget_set_focus_on_click (self->clear, FALSE);
  g_signal_connect (self->clear, "clicked", G_CALLBACK (on_clear_clicked), self);
  gtk_box_append (GTK_BOX (self->field), self->clear);
  self->arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");
  gtk_widget_add_css_class (self->arrow, "nd-dropdown-arrow");
  gtk_widget_set_margin_end (self->arrow, 4);
  gtk_box_append (GTK_BOX (self->field), self->arrow);
  gtk_widget_set_parent (self->field, GTK_WIDGET (self));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_field_released), self);
  gtk_widget_add_controller (self->field, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_field_key), self);
  gtk_widget_add_controller (self->field, key);

  /* the menu */
  self->search = gtk_search_entry_new ();
  g_signal_connect (self->search, "changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->search, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect (self->search, "stop-search", G_CALLBACK (on_search_stop), self);
  gtk_box_append (GTK_BOX (box), self->search);
  self->actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (self->actions), TRUE);
  select_all = gtk_button_new_with_label ("Select All");
  deselect_all = gtk_button_new_with_label ("Deselect All");
  gtk_widget_add_css_class (select_all, "nd-dropdown-select-all");
  gtk_widget_add_css_class (deselect_all, "nd-dropdown-deselect-all");
  gtk_widget_add_css_class (select_all, "flat");
  gtk_widget_add_css_class (deselect_all, "flat");
  g_signal_connect (select_all, "clicked", G_CALLBACK (on_select_all_clicked), self);
  g_signal_connect (deselect_all, "clicked", G_CALLBACK (on_deselect_all_clicked), self);
  gtk_box_append (GTK_BOX (self->actions), select_all);
  gtk_box_append (GTK_BOX (self->actions), deselect_all);
  gtk_box_append (GTK_BOX (box), self->actions);
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), dd_filter, self, NULL);
  gtk_list_box_set_sort_func (GTK_LIST_BOX (self->list), dd_sort, self, NULL);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->list);
  gtk_box_append (GTK_BOX (box), self->scrolled);
  self->empty = gtk_label_new ("No options found");
  gtk_widget_add_css_class (self->empty, "nd-dropdown-empty");
  gtk_box_append (GTK_BOX (box), self->empty);
  self->popover = gtk_popover_new ();
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_popover_set_offset (GTK_POPOVER (self->popover), 0, 2);
  gtk_widget_add_css_class (self->popover, "nd-dropdown-popover");
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  g_signal_connect (self->popover, "closed", G_CALLBACK (on_popover_closed), self);
  g_signal_connect (self->popover, "show", G_CALLBACK (on_popover_show), self);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

/* ---- the widget ---- */

static void
nd_choices_dropdown_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                             int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  NdChoicesDropdown *self = ND_CHOICES_DROPDOWN (widget);

  gtk_widget_measure (self->field, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
nd_choices_dropdown_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  NdChoicesDropdown *self = ND_CHOICES_DROPDOWN (widget);

  gtk_widget_size_allocate (self->field, &(GtkAllocation) { 0, 0, width, height }, baseline);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static GtkSizeRequestMode
nd_choices_dropdown_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static gboolean
nd_choices_dropdown_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (ND_CHOICES_DROPDOWN (widget)->field);
}

static void
nd_choices_dropdown_dispose (GObject *object)
{
  NdChoicesDropdown *self = ND_CHOICES_DROPDOWN (object);

  g_clear_handle_id (&self->prune_source, g_source_remove);
  if (self->popover)
    {
      g_signal_handlers_disconnect_by_data (self->popover, self);
      gtk_widget_unparent (self->popover);
      self->popover = NULL;
    }
  g_clear_pointer (&self->field, gtk_widget_unparent);
  G_OBJECT_CLASS (nd_choices_dropdown_parent_class)->dispose (object);
}

static void
nd_choices_dropdown_finalize (GObject *object)
{
  NdChoicesDropdown *self = ND_CHOICES_DROPDOWN (object);

  g_clear_pointer (&self->options, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->pending, json_node_unref);
  g_clear_pointer (&self->component, json_node_unref);
  g_free (self->query);
  G_OBJECT_CLASS (nd_choices_dropdown_parent_class)->finalize (object);
}

static void
nd_choices_dropdown_class_init (NdChoicesDropdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_choices_dropdown_dispose;
  object_class->finalize = nd_choices_dropdown_finalize;
  widget_class->measure = nd_choices_dropdown_measure;
  widget_class->size_allocate = nd_choices_dropdown_size_allocate;
  widget_class->get_request_mode = nd_choices_dropdown_get_request_mode;
  widget_class->grab_focus = nd_choices_dropdown_grab_focus;
  gtk_widget_class_set_css_name (widget_class, "nd-dropdown");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_COMBO_BOX);
}

static void
nd_choices_dropdown_init (NdChoicesDropdown *self)
{
  self->rows = g_ptr_array_new ();
  self->options = g_ptr_array_new_with_free_func (option_free);
}

/* Dash drops a value not among new options (when no search is going on):
 * single → null, multi → the list without the strays.  Done once the
 * callback's other outputs (maybe a new value) are in. */
static gboolean
dd_prune (gpointer data)
{
  NdChoicesDropdown *self = data;
  JsonNode *component = dd_component (self);
  JsonNode *value = nd_component_get_prop (component, "value");
  const char *search = nd_prop_string (component, "search_value", NULL);

  self->prune_source = 0;
  if (value == NULL || JSON_NODE_HOLDS_NULL (value) || (search && *search))
    return G_SOURCE_REMOVE;
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *kept = json_array_new ();
      JsonArray *in = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (in); i++)
        if (options_find (self->options, json_array_get_element (in, i)) >= 0)
          json_array_add_element (kept, nd_json_deep_copy (json_array_get_element (in, i)));
      if (json_array_get_length (kept) != json_array_get_length (in))
        nd_renderer_report (self->renderer, GTK_WIDGET (self), "value", list_node (kept));
      else
        json_array_unref (kept);
    }
  else if (options_find (self->options, value) < 0)
    nd_renderer_report (self->renderer, GTK_WIDGET (self), "value", json_node_new (JSON_NODE_NULL));
  return G_SOURCE_REMOVE;
}

static GtkWidget *
dropdown_create (NdRenderer *renderer, JsonNode *component)
{
  NdChoicesDropdown *self = g_object_new (ND_TYPE_CHOICES_DROPDOWN, NULL);

  ensure_css ();
  self->renderer = renderer;
  /* the renderer binds the same node to the widget after create() */
  self->component = json_node_ref (component);
  dd_build (self);
  dd_apply_chrome (self);
  dd_rebuild_rows (self);
  dd_refresh (self);
  return GTK_WIDGET (self);
}

static gboolean
dropdown_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                 JsonNode *value)
{
  NdChoicesDropdown *self = ND_CHOICES_DROPDOWN (widget);

  if (g_str_equal (prop, "options"))
    {
      dd_rebuild_rows (self);
      dd_refresh (self);
      if (self->prune_source == 0)
        self->prune_source = g_idle_add (dd_prune, self);
    }
  else if (g_str_equal (prop, "value"))
    {
      g_clear_pointer (&self->pending, json_node_unref);
      dd_refresh (self);
    }
  else if (g_str_equal (prop, "multi"))
    {
      dd_apply_chrome (self);
      dd_rebuild_rows (self);
      dd_refresh (self);
    }
  else if (g_str_equal (prop, "search_value"))
    {
      const char *text = nd_prop_string (component, "search_value", NULL);

      dd_set_search_text (self, text);
    }
  else if (g_str_equal (prop, "searchable") || g_str_equal (prop, "labels") ||
           g_str_equal (prop, "maxHeight") || g_str_equal (prop, "disabled"))
    {
      dd_apply_chrome (self);
      dd_refresh_field (self);
    }
  else if (g_str_equal (prop, "placeholder") || g_str_equal (prop, "clearable"))
    dd_refresh_field (self);
  else if (g_str_equal (prop, "optionHeight"))
    {
      dd_rebuild_rows (self);
      dd_refresh_rows (self);
    }
  else if (g_str_equal (prop, "search_order"))
    dd_refilter (self);
  else
    return g_str_equal (prop, "closeOnSelect") || g_str_equal (prop, "debounce");
  return TRUE;
}

/* ======================================================================
 * RadioItems and Checklist
 * ====================================================================== */

typedef struct {
  NdRenderer *renderer;
  JsonNode *component;
  GtkWidget *root;
  GPtrArray *options;         /* Option* */
  GPtrArray *items;           /* GtkCheckButton*, one per option */
  gboolean radio;
  gboolean syncing;           /* setting the checks ourselves */
} ChoiceList;

static ChoiceList *
choice_list_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "nd-choice-list");
}

static void
choice_list_free (gpointer data)
{
  ChoiceList *cl = data;

  g_clear_pointer (&cl->options, g_ptr_array_unref);
  g_clear_pointer (&cl->items, g_ptr_array_unref);
  g_clear_pointer (&cl->component, json_node_unref);
  g_free (cl);
}

static void
cl_sync_value (ChoiceList *cl, JsonNode *component)
{
  JsonNode *value = nd_component_get_prop (component, "value");
  g_autoptr(JsonArray) list = cl->radio ? NULL : value_list (value);
  gboolean found = FALSE;

  cl->syncing = TRUE;
  for (guint i = 0; i < cl->items->len; i++)
    {
      Option *o = g_ptr_array_index (cl->options, i);
      gboolean active;

      if (cl->radio)
        {
          active = !found && value && !JSON_NODE_HOLDS_NULL (value) && nd_json_equal (o->value, value);
          found |= active;
        }
      else
        active = list_find (list, o->value) >= 0;
      gtk_check_button_set_active (g_ptr_array_index (cl->items, i), active);
    }
  cl->syncing = FALSE;
}

static void
on_item_toggled (GtkCheckButton *button, ChoiceList *cl)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "nd-index"));
  JsonNode *component = cl->component;
  Option *o;

  if (cl->syncing || nd_renderer_is_applying (cl->renderer) || index >= cl->options->len)
    return;
  o = g_ptr_array_index (cl->options, index);
  if (o->disabled)
    {
      cl_sync_value (cl, component);
      return;
    }
  if (cl->radio)
    {
      if (gtk_check_button_get_active (button))
        nd_renderer_report (cl->renderer, cl->root, "value", nd_json_deep_copy (o->value));
    }
  else
    {
      JsonArray *list = value_list (nd_component_get_prop (component, "value"));
      int at = list_find (list, o->value);

      /* click order: checked items go to the end */
      if (gtk_check_button_get_active (button) && at < 0)
        json_array_add_element (list, nd_json_deep_copy (o->value));
      else if (!gtk_check_button_get_active (button) && at >= 0)
        json_array_remove_element (list, at);
      nd_renderer_report (cl->renderer, cl->root, "value", list_node (list));
    }
  /* a value the session kept as it was (an id-less component keeps it too) */
  cl_sync_value (cl, component);
}

static GtkWidget *
cl_indicator (GtkWidget *item)
{
  for (GtkWidget *c = gtk_widget_get_first_child (item); c; c = gtk_widget_get_next_sibling (c))
    {
      const char *name = gtk_widget_get_css_name (c);

      if (g_str_equal (name, "check") || g_str_equal (name, "radio"))
        return c;
    }
  return NULL;
}

static void
cl_apply_layout (ChoiceList *cl, JsonNode *component)
{
  gboolean is_inline = nd_prop_bool (component, "inline", FALSE);
  JsonNode *label_style = nd_component_get_prop (component, "labelStyle");
  JsonNode *input_style = nd_component_get_prop (component, "inputStyle");
  JsonNode *label_class = nd_component_get_prop (component, "labelClassName");
  JsonNode *input_class = nd_component_get_prop (component, "inputClassName");

  for (guint i = 0; i < cl->items->len; i++)
    {
      GtkWidget *item = g_ptr_array_index (cl->items, i);
      GtkWidget *indicator = cl_indicator (item);

      g_object_set_data (G_OBJECT (item), "nd-inline", GINT_TO_POINTER (is_inline));
      gtk_widget_set_margin_end (item, is_inline ? 18 : 0);
      /* labelStyle is the <label> around input and text: the whole item */
      nd_style_apply (item, label_style);
      nd_style_apply_class (item, label_class);
      if (indicator)
        {
          nd_style_apply (indicator, input_style);
          nd_style_apply_class (indicator, input_class);
        }
      nd_style_place_child (item);
    }
}

static void
cl_rebuild (ChoiceList *cl, JsonNode *component)
{
  GtkCheckButton *group = NULL;

  nd_element_clear (ND_ELEMENT (cl->root));
  g_ptr_array_set_size (cl->items, 0);
  g_clear_pointer (&cl->options, g_ptr_array_unref);
  cl->options = options_parse (nd_component_get_prop (component, "options"));
  for (guint i = 0; i < cl->options->len; i++)
    {
      Option *o = g_ptr_array_index (cl->options, i);
      GtkWidget *item = gtk_check_button_new ();

      gtk_check_button_set_child (GTK_CHECK_BUTTON (item), option_label_widget (cl->renderer, o, FALSE));
      if (cl->radio)
        {
          if (group)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (item), group);
          else
            group = GTK_CHECK_BUTTON (item);
        }
      gtk_widget_set_halign (item, GTK_ALIGN_START);
      gtk_widget_set_sensitive (item, !o->disabled);
      gtk_widget_set_tooltip_text (item, o->title);
      gtk_widget_add_css_class (item, cl->radio ? "nd-radioitems-item" : "nd-checklist-item");
      g_object_set_data (G_OBJECT (item), "nd-index", GUINT_TO_POINTER (i));
      g_signal_connect (item, "toggled", G_CALLBACK (on_item_toggled), cl);
      nd_element_append (ND_ELEMENT (cl->root), item);
      g_ptr_array_add (cl->items, item);
    }
  cl_apply_layout (cl, component);
  cl_sync_value (cl, component);
}

static GtkWidget *
choice_list_create (NdRenderer *renderer, JsonNode *component, gboolean radio)
{
  ChoiceList *cl = g_new0 (ChoiceList, 1);

  cl->renderer = renderer;
  cl->component = json_node_ref (component);
  cl->radio = radio;
  cl->root = nd_element_new ("div");
  cl->items = g_ptr_array_new ();
  cl->options = g_ptr_array_new_with_free_func (option_free);
  gtk_widget_add_css_class (cl->root, radio ? "nd-radioitems" : "nd-checklist");
  g_object_set_data_full (G_OBJECT (cl->root), "nd-choice-list", cl, choice_list_free);
  cl_rebuild (cl, component);
  return cl->root;
}

static GtkWidget *
radio_items_create (NdRenderer *renderer, JsonNode *component)
{
  return choice_list_create (renderer, component, TRUE);
}

static GtkWidget *
checklist_create (NdRenderer *renderer, JsonNode *component)
{
  return choice_list_create (renderer, component, FALSE);
}

static gboolean
choice_list_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                    JsonNode *value)
{
  ChoiceList *cl = choice_list_of (widget);

  if (g_str_equal (prop, "options"))
    cl_rebuild (cl, component);
  else if (g_str_equal (prop, "value"))
    cl_sync_value (cl, component);
  else if (g_str_equal (prop, "inline") || g_str_equal (prop, "labelStyle") || g_str_equal (prop, "inputStyle") ||
           g_str_equal (prop, "labelClassName") || g_str_equal (prop, "inputClassName"))
    cl_apply_layout (cl, component);
  else
    return FALSE;
  return TRUE;
}

/* ---- registry ---- */

static const NdWidgetKind kinds[] = {
  { ND_NAMESPACE_DCC, "Dropdown", FALSE, dropdown_create, dropdown_update },
  { ND_NAMESPACE_DCC, "RadioItems", FALSE, radio_items_create, choice_list_update },
  { ND_NAMESPACE_DCC, "Checklist", FALSE, checklist_create, choice_list_update },
};

void
nd_dcc_choices_register_kinds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    nd_renderer_register_kind (&kinds[i]);
}
