/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The GTK renderer of one session: builds widgets for the layout through
 * a registry of component kinds, updates exactly the widget a prop change
 * names (a `children` change rebuilds only that subtree), and reports what
 * the user changes back to the session.
 */
#include "nd-renderer.h"

#include <string.h>

#include "nd-element.h"
#include "nd-kinds.h"
#include "nd-style.h"

struct _NdRenderer {
  GObject parent_instance;

  NdSession *session;
  GtkWidget *root;
  GHashTable *by_id;          /* id text -> GtkWidget (not owned) */
  gulong prop_handler;
  int applying;
  char *assets_dir;
};

G_DEFINE_FINAL_TYPE (NdRenderer, nd_renderer, G_TYPE_OBJECT)

static GHashTable *kinds;     /* "namespace\x1ftype" -> const NdWidgetKind* */
static GQuark q_component, q_kind, q_id_text, q_renderer;

static char *
kind_key (const char *namespace_, const char *type)
{
  return g_strconcat (namespace_ ? namespace_ : "", "\x1f", type ? type : "", NULL);
}

/**
 * nd_renderer_register_kind:
 * @kind: (transfer none): a kind, kept for the life of the process
 *
 * Adds or replaces how (namespace, type) is rendered.
 */
void
nd_renderer_register_kind (const NdWidgetKind *kind)
{
  if (kinds == NULL)
    kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (kinds, kind_key (kind->namespace_, kind->type), (gpointer) kind);
}

const NdWidgetKind *
nd_renderer_lookup_kind (const char *namespace_, const char *type)
{
  g_autofree char *key = kind_key (namespace_, type);

  return kinds ? g_hash_table_lookup (kinds, key) : NULL;
}

static void
ensure_kinds (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      q_component = g_quark_from_static_string ("nd-component");
      q_kind = g_quark_from_static_string ("nd-kind");
      q_id_text = g_quark_from_static_string ("nd-id-text");
      q_renderer = g_quark_from_static_string ("nd-renderer");
      nd_html_register_kinds ();
      nd_dcc_register_kinds ();
      g_once_init_leave (&done, 1);
    }
}

static void forget_widget (gpointer data, GObject *where_the_object_was);
static void on_prop_changed (NdSession *session, const char *id_text, const char *prop,
                             JsonNode *value, NdRenderer *self);

static void
nd_renderer_dispose (GObject *object)
{
  NdRenderer *self = ND_RENDERER (object);

  GHashTableIter it;
  gpointer widget;

  if (self->prop_handler)
    g_clear_signal_handler (&self->prop_handler, self->session);
  /* widgets that outlive the renderer must not call back into it */
  g_hash_table_iter_init (&it, self->by_id);
  while (g_hash_table_iter_next (&it, NULL, &widget))
    g_object_weak_unref (widget, forget_widget, self);
  g_hash_table_remove_all (self->by_id);
  g_clear_pointer (&self->root, g_object_unref);
  G_OBJECT_CLASS (nd_renderer_parent_class)->dispose (object);
}

static void
nd_renderer_finalize (GObject *object)
{
  NdRenderer *self = ND_RENDERER (object);

  g_hash_table_unref (self->by_id);
  g_clear_object (&self->session);
  g_free (self->assets_dir);
  G_OBJECT_CLASS (nd_renderer_parent_class)->finalize (object);
}

static void
nd_renderer_class_init (NdRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_renderer_dispose;
  object_class->finalize = nd_renderer_finalize;
}

static void
nd_renderer_init (NdRenderer *self)
{
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * nd_renderer_new:
 * @session: a session (started or not)
 *
 * Builds the widgets for @session's layout.  The root is an element
 * named "body", like the page Dash renders into.
 *
 * Returns: (transfer full): the renderer
 */
NdRenderer *
nd_renderer_new (NdSession *session)
{
  NdRenderer *self;

  ensure_kinds ();
  self = g_object_new (ND_TYPE_RENDERER, NULL);
  self->session = g_object_ref (session);
  self->root = g_object_ref_sink (nd_element_new ("body"));
  self->prop_handler = g_signal_connect (session, "prop-changed", G_CALLBACK (on_prop_changed), self);
  self->applying++;
  nd_renderer_render_children (self, self->root, nd_session_get_layout (session));
  self->applying--;
  return self;
}

NdSession *nd_renderer_get_session (NdRenderer *renderer) { return renderer->session; }

/** nd_renderer_get_root: Returns: (transfer none): the widget holding the layout */
GtkWidget *nd_renderer_get_root (NdRenderer *renderer) { return renderer->root; }

gboolean nd_renderer_is_applying (NdRenderer *renderer) { return renderer->applying > 0; }

/** nd_renderer_get_component: Returns: (transfer none) (nullable): the component @widget shows */
JsonNode *
nd_renderer_get_component (GtkWidget *widget)
{
  return g_object_get_qdata (G_OBJECT (widget), q_component);
}

/** nd_renderer_lookup_widget: Returns: (transfer none) (nullable): the widget of a component id */
GtkWidget *
nd_renderer_lookup_widget (NdRenderer *renderer, const char *id_text)
{
  return g_hash_table_lookup (renderer->by_id, id_text);
}

/* ---- props helpers for kinds ---- */

const char *
nd_prop_string (JsonNode *component, const char *prop, const char *fallback)
{
  JsonNode *v = nd_component_get_prop (component, prop);

  return nd_json_is_string (v) ? json_node_get_string (v) : fallback;
}

double
nd_prop_double (JsonNode *component, const char *prop, double fallback)
{
  JsonNode *v = nd_component_get_prop (component, prop);

  return nd_json_is_number (v) ? nd_json_get_number (v) : fallback;
}

gboolean
nd_prop_bool (JsonNode *component, const char *prop, gboolean fallback)
{
  JsonNode *v = nd_component_get_prop (component, prop);

  if (v == NULL || JSON_NODE_HOLDS_NULL (v))
    return fallback;
  return nd_json_is_truthy (v);
}

/**
 * nd_value_text:
 * @value: (nullable): a prop value
 *
 * Returns: (transfer full): the text React would render for a scalar:
 *   strings as they are, numbers as JavaScript prints them, nothing for
 *   null and booleans
 */
char *
nd_value_text (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");
  if (nd_json_is_string (value))
    return g_strdup (json_node_get_string (value));
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup ("");
  if (nd_json_is_number (value))
    return nd_json_to_string (value, FALSE);
  return nd_json_to_string (value, FALSE);
}

/* ---- building ---- */

static void
forget_widget (gpointer data, GObject *where_the_object_was)
{
  NdRenderer *self = data;
  GHashTableIter it;
  gpointer key, value;

  g_hash_table_iter_init (&it, self->by_id);
  while (g_hash_table_iter_next (&it, &key, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&it);
        break;
      }
}

static void
bind (NdRenderer *self, GtkWidget *widget, JsonNode *component, const NdWidgetKind *kind)
{
  JsonNode *id = nd_component_get_id (component);

  g_object_set_qdata_full (G_OBJECT (widget), q_component, json_node_ref (component),
                           (GDestroyNotify) json_node_unref);
  g_object_set_qdata (G_OBJECT (widget), q_kind, (gpointer) kind);
  g_object_set_qdata (G_OBJECT (widget), q_renderer, self);
  g_object_set_data (G_OBJECT (widget), "nd-inline", GINT_TO_POINTER (kind ? kind->is_inline : FALSE));
  if (id && (nd_json_is_string (id) || nd_id_is_dict (id)))
    {
      char *id_text = nd_id_to_string (id);
      GtkWidget *old = g_hash_table_lookup (self->by_id, id_text);

      if (old && old != widget)
        g_object_weak_unref (G_OBJECT (old), forget_widget, self);
      g_hash_table_insert (self->by_id, g_strdup (id_text), widget);
      g_object_weak_ref (G_OBJECT (widget), forget_widget, self);
      g_object_set_qdata_full (G_OBJECT (widget), q_id_text, id_text, g_free);
      if (nd_json_is_string (id))
        gtk_widget_set_name (widget, json_node_get_string (id));
    }
}

/**
 * nd_renderer_set_label_text:
 * @label: a label showing page text
 * @text: the text
 *
 * Shows @text, wrapping it at the label's width when it is long enough to
 * need it.  Wrapping makes a label height-for-width, which GTK lays out
 * several times over; a short text without spaces has nowhere to wrap.
 */
void
nd_renderer_set_label_text (GtkLabel *label, const char *text)
{
  if (strlen (text) > 16 && strchr (text, ' '))
    {
      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
    }
  gtk_label_set_text (label, text);
}

static GtkWidget *
text_widget (NdRenderer *self, const char *text)
{
  GtkWidget *label = gtk_label_new (NULL);

  nd_renderer_set_label_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "nd-text");
  g_object_set_data (G_OBJECT (label), "nd-inline", GINT_TO_POINTER (TRUE));
  return label;
}

static GtkWidget *
unknown_widget (NdRenderer *self, JsonNode *component)
{
  g_autofree char *text = g_strdup_printf ("[%s.%s: no native widget]",
                                           nd_component_get_namespace (component),
                                           nd_component_get_type (component));
  GtkWidget *label = text_widget (self, text);

  gtk_widget_add_css_class (label, "error");
  return label;
}

/**
 * nd_renderer_render:
 * @renderer: the renderer
 * @value: a component, a text, a number or a list of them
 *
 * Returns: (transfer floating) (nullable): a widget, %NULL for nothing
 */
GtkWidget *
nd_renderer_render (NdRenderer *self, JsonNode *value)
{
  const NdWidgetKind *kind;
  GtkWidget *widget;
  JsonObjectIter it;
  const char *prop;
  JsonNode *v;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      GtkWidget *fragment = nd_element_new ("span");

      g_object_set_data (G_OBJECT (fragment), "nd-inline", GINT_TO_POINTER (TRUE));
      nd_renderer_render_children (self, fragment, value);
      return fragment;
    }
  if (!nd_component_is (value))
    {
      g_autofree char *text = nd_value_text (value);

      return *text ? text_widget (self, text) : NULL;
    }
  kind = nd_renderer_lookup_kind (nd_component_get_namespace (value), nd_component_get_type (value));
  widget = kind && kind->create ? kind->create (self, value) : unknown_widget (self, value);
  if (widget == NULL)
    return NULL;
  bind (self, widget, value, kind);
  /* Dash's own props, where the kind left them to us */
  json_object_iter_init_ordered (&it, nd_component_get_props (value));
  while (json_object_iter_next_ordered (&it, &prop, &v))
    if (((g_str_equal (prop, "style") || g_str_equal (prop, "className")) && !(kind && kind->owns_style)) ||
        g_str_equal (prop, "hidden") || g_str_equal (prop, "title"))
      nd_renderer_apply_common (self, widget, value, prop);
  return widget;
}

/**
 * nd_renderer_render_children:
 * @renderer: the renderer
 * @container: an #NdElement
 * @children: (nullable): a `children` value
 *
 * Replaces @container's children: lists are flattened, texts become
 * labels that wrap, and each child takes its place in the flow.
 */
void
nd_renderer_render_children (NdRenderer *self, GtkWidget *container, JsonNode *children)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GPtrArray *stack_nodes = g_ptr_array_new ();

  nd_element_clear (ND_ELEMENT (container));
  if (children == NULL)
    {
      g_ptr_array_unref (stack_nodes);
      return;
    }
  /* flatten nested lists, in order */
  g_ptr_array_add (stack_nodes, children);
  while (stack_nodes->len)
    {
      JsonNode *n = g_ptr_array_steal_index (stack_nodes, stack_nodes->len - 1);

      if (JSON_NODE_HOLDS_ARRAY (n))
        {
          JsonArray *a = json_node_get_array (n);

          for (guint i = json_array_get_length (a); i > 0; i--)
            g_ptr_array_add (stack_nodes, json_array_get_element (a, i - 1));
        }
      else
        g_ptr_array_add (items, n);
    }
  g_ptr_array_unref (stack_nodes);
  for (guint i = 0; i < items->len; i++)
    {
      GtkWidget *child = nd_renderer_render (self, g_ptr_array_index (items, i));

      if (child == NULL)
        continue;
      nd_element_append (ND_ELEMENT (container), child);
      nd_style_place_child (child);
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "nd-text"))
        gtk_label_set_xalign (GTK_LABEL (child), nd_style_text_xalign (container));
    }
}

/**
 * nd_renderer_rerender:
 * @renderer: the renderer
 * @widget: the widget of a component
 *
 * Builds the component's widget anew (its kind may now choose another
 * widget, e.g. text became components) and puts it in @widget's place.
 *
 * Returns: (transfer none): the new widget
 */
GtkWidget *
nd_renderer_rerender (NdRenderer *self, GtkWidget *widget)
{
  JsonNode *component = g_object_get_qdata (G_OBJECT (widget), q_component);
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GtkWidget *fresh;

  g_return_val_if_fail (component != NULL && parent != NULL, widget);
  json_node_ref (component);
  fresh = nd_renderer_render (self, component);
  json_node_unref (component);
  if (fresh == NULL)
    return widget;
  if (GTK_IS_BUTTON (parent))
    gtk_button_set_child (GTK_BUTTON (parent), fresh);
  else
    {
      gtk_widget_insert_before (fresh, parent, widget);
      gtk_widget_unparent (widget);
    }
  nd_style_place_child (fresh);
  return fresh;
}

/**
 * nd_renderer_apply_common:
 *
 * Applies a prop Dash gives every component: `style`, `className`,
 * `hidden`, `title` (a tooltip), `disabled`, and `children` of an element.
 */
void
nd_renderer_apply_common (NdRenderer *self, GtkWidget *widget, JsonNode *component, const char *prop)
{
  JsonNode *value = nd_component_get_prop (component, prop);

  if (g_str_equal (prop, "style"))
    nd_style_apply (widget, value);
  else if (g_str_equal (prop, "className"))
    nd_style_apply_class (widget, value);
  else if (g_str_equal (prop, "hidden"))
    {
      gboolean hidden = value && nd_json_is_truthy (value);

      if (hidden)
        gtk_widget_add_css_class (widget, "nd-hidden");
      else
        gtk_widget_remove_css_class (widget, "nd-hidden");
      gtk_widget_set_visible (widget, !hidden && !gtk_widget_has_css_class (widget, "nd-display-none"));
    }
  else if (g_str_equal (prop, "title"))
    {
      g_autofree char *text = nd_value_text (value);

      gtk_widget_set_tooltip_text (widget, *text ? text : NULL);
    }
  else if (g_str_equal (prop, "disabled"))
    gtk_widget_set_sensitive (widget, !(value && nd_json_is_truthy (value)));
  else if (g_str_equal (prop, "children") && ND_IS_ELEMENT (widget))
    nd_renderer_render_children (self, widget, value);
}

static void
on_prop_changed (NdSession *session, const char *id_text, const char *prop, JsonNode *value,
                 NdRenderer *self)
{
  GtkWidget *widget = g_hash_table_lookup (self->by_id, id_text);
  const NdWidgetKind *kind;
  JsonNode *component;

  if (widget == NULL)
    return;
  component = g_object_get_qdata (G_OBJECT (widget), q_component);
  kind = g_object_get_qdata (G_OBJECT (widget), q_kind);
  self->applying++;
  if (kind == NULL || kind->update == NULL || !kind->update (self, widget, component, prop, value))
    nd_renderer_apply_common (self, widget, component, prop);
  self->applying--;
}

/**
 * nd_renderer_report:
 * @renderer: the renderer
 * @widget: the widget of a component
 * @prop: the prop the user changed
 * @value: (transfer full): its new value
 *
 * A user change.  It goes to the session (which filters equal values and
 * runs callbacks); while the renderer itself is applying a change it is
 * dropped, so setting a widget never echoes back.
 */
void
nd_renderer_report (NdRenderer *self, GtkWidget *widget, const char *prop, JsonNode *value)
{
  g_autoptr(JsonObject) props = json_object_new ();

  json_object_set_member (props, prop, value);
  nd_renderer_report_props (self, widget, props);
}

void
nd_renderer_report_props (NdRenderer *self, GtkWidget *widget, JsonObject *props)
{
  JsonNode *component = g_object_get_qdata (G_OBJECT (widget), q_component);
  JsonNode *id;
  g_autoptr(GError) error = NULL;

  if (self->applying || component == NULL)
    return;
  id = nd_component_get_id (component);
  if (id == NULL || !(nd_json_is_string (id) || nd_id_is_dict (id)))
    {
      /* no id: no callback can read it, but the layout keeps the value */
      JsonObjectIter it;
      const char *name;
      JsonNode *v;

      json_object_iter_init_ordered (&it, props);
      while (json_object_iter_next_ordered (&it, &name, &v))
        nd_component_set_prop (component, name, nd_json_deep_copy (v));
      return;
    }
  if (!nd_session_set_props (self->session, id, props, &error))
    g_warning ("%s", error->message);
}

/**
 * nd_renderer_count_prop:
 * @props: where the new values go
 * @component: the component counting
 * @prop: the counter, e.g. "n_clicks"
 * @stamp: (nullable): its timestamp prop, e.g. "n_clicks_timestamp"
 *
 * Adds one to @component's counter, and the time in ms since the epoch,
 * as Dash's components count clicks, submits and blurs.
 */
void
nd_renderer_count_prop (JsonObject *props, JsonNode *component, const char *prop, const char *stamp)
{
  json_object_set_int_member (props, prop, (gint64) nd_prop_double (component, prop, 0) + 1);
  if (stamp)
    json_object_set_int_member (props, stamp, g_get_real_time () / 1000);
}

/* Reports one more @prop (and @stamp) of @widget's component. */
void
nd_renderer_report_count (NdRenderer *self, GtkWidget *widget, const char *prop, const char *stamp)
{
  JsonNode *component = g_object_get_qdata (G_OBJECT (widget), q_component);
  g_autoptr(JsonObject) props = json_object_new ();

  if (component == NULL)
    return;
  nd_renderer_count_prop (props, component, prop, stamp);
  nd_renderer_report_props (self, widget, props);
}

/**
 * nd_renderer_open_uri:
 *
 * Opens a link the way a browser would, but only for schemes that cannot
 * run code (http, https, mailto, tel, file): `javascript:` and friends are
 * blocked as Dash blocks them.
 */
void
nd_renderer_open_uri (NdRenderer *self, GtkWidget *widget, const char *uri)
{
  static const char *const safe[] = { "http", "https", "mailto", "tel", "file", NULL };
  g_autofree char *scheme = g_uri_parse_scheme (uri);
  g_autofree char *lower = scheme ? g_ascii_strdown (scheme, -1) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (scheme == NULL)
    {
      /* a path inside the app: dcc.Location navigation */
      g_autoptr(GError) error = NULL;

      if (!nd_session_set_url (self->session, uri, &error))
        g_warning ("%s", error->message);
      return;
    }
  if (!g_strv_contains (safe, lower))
    {
      g_warning ("blocked a link with the unsafe scheme '%s:'", scheme);
      return;
    }
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/**
 * nd_renderer_resolve_asset:
 *
 * Returns: (transfer full) (nullable): a local file for an image `src`:
 *   `/assets/x.png` and `assets/x.png` in the app's assets folder, other
 *   relative paths from the working directory; %NULL for remote URLs
 */
char *
nd_renderer_resolve_asset (NdRenderer *self, const char *src)
{
  const char *dir = self->assets_dir ? self->assets_dir : "assets";

  if (src == NULL || g_uri_peek_scheme (src) != NULL)
    return NULL;
  if (g_str_has_prefix (src, "/assets/"))
    return g_build_filename (dir, src + strlen ("/assets/"), NULL);
  if (g_str_has_prefix (src, "assets/"))
    return g_build_filename (dir, src + strlen ("assets/"), NULL);
  return g_strdup (src);
}
