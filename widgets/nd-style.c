/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Dash's `style` dicts (React camelCase) and `className`, on GTK widgets:
 * what GTK CSS understands goes into a provider of the widget's own; what
 * is layout in CSS but not in GTK (display, flex, width in %, text-align,
 * margin: auto) drives NdFlowLayout; the rest is ignored with one warning
 * per property name.
 */
#include "nd-style.h"

#include <string.h>

#include "nd-flow-layout.h"

static void inherit_text_align (GtkWidget *widget, int align);

/* textAlign as the hints keep it: -1 unset, 0 left, 1 center, 2 right,
 * 3 justify (shown as left) */
static float
align_xalign (int align)
{
  return align == 1 ? 0.5f : align == 2 ? 1.0f : 0.0f;
}

static NdFlowJustify
align_justify (int align)
{
  return align == 1 ? ND_FLOW_JUSTIFY_CENTER : align == 2 ? ND_FLOW_JUSTIFY_END : ND_FLOW_JUSTIFY_START;
}

/* The textAlign @widget inherits: the nearest one set among it and its
 * ancestors, -1 if none. */
static int
inherited_align (GtkWidget *widget);

typedef struct {
  int display;              /* -1 unset, 0 none, 1 block, 2 inline, 3 flex */
  NdFlowMode flex_mode;
  gboolean wrap;
  NdFlowJustify justify;
  gboolean has_justify;
  int row_gap, column_gap;
  double grow, shrink;
  gboolean has_flex;
  double width;             /* < 0 unset */
  gboolean width_pct;
  double max_width;
  gboolean max_width_pct;
  int height;
  int text_align;           /* -1 unset, 0 left, 1 center, 2 right, 3 justify */
  gboolean margin_auto;
  gboolean align_center;    /* alignItems: center */
  GtkCssProvider *provider;
} Hints;

static GQuark
hints_quark (void)
{
  static GQuark q;

  if (G_UNLIKELY (q == 0))
    q = g_quark_from_static_string ("nd-style-hints");
  return q;
}

static void
hints_free (gpointer data)
{
  Hints *h = data;

  g_clear_object (&h->provider);
  g_free (h);
}

static void
hints_reset (Hints *h)
{
  GtkCssProvider *provider = h->provider;

  memset (h, 0, sizeof *h);
  h->provider = provider;
  h->display = -1;
  h->flex_mode = ND_FLOW_ROW;   /* flexDirection's default */
  h->shrink = 1;
  h->width = -1;
  h->max_width = -1;
  h->height = -1;
  h->text_align = -1;
}

static Hints *
hints_of (GtkWidget *widget, gboolean create)
{
  Hints *h = g_object_get_qdata (G_OBJECT (widget), hints_quark ());

  if (h == NULL && create)
    {
      h = g_new0 (Hints, 1);
      hints_reset (h);
      g_object_set_qdata_full (G_OBJECT (widget), hints_quark (), h, hints_free);
    }
  return h;
}

/* backgroundColor -> background-color */
static char *
kebab (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p; p++)
    {
      if (g_ascii_isupper (*p))
        {
          g_string_append_c (out, '-');
          g_string_append_c (out, g_ascii_tolower (*p));
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* React's unitless properties; other numbers are pixels. */
static gboolean
is_unitless (const char *css)
{
  static const char *const names[] = {
    "font-weight", "opacity", "line-height", "flex", "flex-grow", "flex-shrink",
    "z-index", "order", NULL
  };

  return g_strv_contains (names, css);
}

/* The value as CSS text, or NULL if it could break out of a declaration. */
static char *
css_value (const char *css, JsonNode *value)
{
  if (JSON_NODE_HOLDS_VALUE (value))
    {
      GType t = json_node_get_value_type (value);

      if (t == G_TYPE_INT64 || t == G_TYPE_DOUBLE)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          double d = json_node_get_double (value);

          g_ascii_formatd (buf, sizeof buf, "%.6g", d);
          return is_unitless (css) || d == 0 ? g_strdup (buf) : g_strconcat (buf, "px", NULL);
        }
      if (t == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (value);

          if (strpbrk (s, "{};") || strstr (s, "/*"))
            return NULL;
          return g_strdup (s);
        }
    }
  return NULL;
}

/* A length in px (or % with *pct set); -1 if not one. */
static double
parse_length (JsonNode *value, gboolean *pct)
{
  const char *s;
  char *end;
  double d;

  *pct = FALSE;
  if (!JSON_NODE_HOLDS_VALUE (value))
    return -1;
  if (json_node_get_value_type (value) != G_TYPE_STRING)
    return json_node_get_double (value);
  s = json_node_get_string (value);
  d = g_ascii_strtod (s, &end);
  if (end == s)
    return -1;
  while (*end == ' ')
    end++;
  if (*end == '%')
    *pct = TRUE;
  else if (g_str_has_prefix (end, "em") || g_str_has_prefix (end, "rem"))
    d *= 16;
  else if (g_str_has_prefix (end, "vw") || g_str_has_prefix (end, "vh"))
    {
      *pct = TRUE;  /* of the window, near enough for page-wide layouts */
    }
  else if (*end != '\0' && !g_str_has_prefix (end, "px"))
    return -1;
  return d;
}

static NdFlowJustify
parse_justify (const char *s)
{
  if (g_str_equal (s, "center"))
    return ND_FLOW_JUSTIFY_CENTER;
  if (g_str_equal (s, "flex-end") || g_str_equal (s, "end") || g_str_equal (s, "right"))
    return ND_FLOW_JUSTIFY_END;
  if (g_str_equal (s, "space-between"))
    return ND_FLOW_JUSTIFY_SPACE_BETWEEN;
  if (g_str_equal (s, "space-around"))
    return ND_FLOW_JUSTIFY_SPACE_AROUND;
  if (g_str_equal (s, "space-evenly"))
    return ND_FLOW_JUSTIFY_SPACE_EVENLY;
  return ND_FLOW_JUSTIFY_START;
}

/* CSS properties GTK 4.8 renders. */
static gboolean
gtk_understands (const char *css)
{
  static const char *const prefixes[] = {
    "color", "background", "font-", "text-decoration", "text-shadow", "text-transform",
    "padding", "margin", "border", "outline", "opacity", "min-width", "min-height",
    "box-shadow", "letter-spacing", "line-height", "caret-color", "font", "filter", NULL
  };

  for (guint i = 0; prefixes[i]; i++)
    if (g_str_has_prefix (css, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* What GTK does through layout rather than CSS; TRUE if handled. */
static gboolean
take_layout (Hints *h, const char *css, JsonNode *value, int *pending_gap)
{
  const char *s = JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
                  ? json_node_get_string (value) : NULL;
  gboolean pct;
  double d;

  if (g_str_equal (css, "display"))
    {
      if (s == NULL)
        return TRUE;
      h->display = g_str_equal (s, "none") ? 0
                 : g_str_equal (s, "flex") || g_str_equal (s, "inline-flex") ? 3
                 : g_str_has_prefix (s, "inline") ? 2 : 1;
      return TRUE;
    }
  if (g_str_equal (css, "flex-direction"))
    {
      h->flex_mode = s && g_str_has_prefix (s, "column") ? ND_FLOW_COLUMN : ND_FLOW_ROW;
      return TRUE;
    }
  if (g_str_equal (css, "flex-wrap"))
    {
      h->wrap = s && g_str_has_prefix (s, "wrap");
      return TRUE;
    }
  if (g_str_equal (css, "justify-content"))
    {
      h->justify = parse_justify (s ? s : "");
      h->has_justify = TRUE;
      return TRUE;
    }
  if (g_str_equal (css, "align-items"))
    {
      h->align_center = s && g_str_equal (s, "center");
      return TRUE;
    }
  if (g_str_equal (css, "gap") || g_str_equal (css, "row-gap") || g_str_equal (css, "column-gap") ||
      g_str_equal (css, "grid-gap"))
    {
      d = parse_length (value, &pct);
      if (d >= 0 && !pct)
        {
          if (!g_str_equal (css, "column-gap"))
            h->row_gap = (int) d;
          if (!g_str_equal (css, "row-gap"))
            h->column_gap = (int) d;
        }
      *pending_gap = 1;
      return TRUE;
    }
  if (g_str_equal (css, "flex"))
    {
      /* "1", 1, "1 1 0", "0 0 auto", "none", "auto" */
      h->has_flex = TRUE;
      if (s && g_str_equal (s, "none"))
        h->grow = 0, h->shrink = 0;
      else if (s && g_str_equal (s, "auto"))
        h->grow = 1, h->shrink = 1;
      else
        {
          g_auto(GStrv) parts = s ? g_strsplit (s, " ", 3) : NULL;

          h->grow = s ? g_ascii_strtod (parts[0], NULL) : json_node_get_double (value);
          h->shrink = parts && parts[1] ? g_ascii_strtod (parts[1], NULL) : 1;
          if (parts == NULL || parts[1] == NULL || parts[2] == NULL ||
              g_ascii_strtod (parts[2], NULL) == 0)
            h->width = 0, h->width_pct = FALSE;   /* basis 0: share equally */
        }
      return TRUE;
    }
  if (g_str_equal (css, "flex-grow"))
    {
      h->has_flex = TRUE;
      h->grow = s ? g_ascii_strtod (s, NULL) : json_node_get_double (value);
      return TRUE;
    }
  if (g_str_equal (css, "flex-shrink"))
    {
      h->has_flex = TRUE;
      h->shrink = s ? g_ascii_strtod (s, NULL) : json_node_get_double (value);
      return TRUE;
    }
  if (g_str_equal (css, "width") || g_str_equal (css, "flex-basis"))
    {
      d = parse_length (value, &pct);
      if (d >= 0)
        h->width = d, h->width_pct = pct;
      return TRUE;
    }
  if (g_str_equal (css, "max-width"))
    {
      d = parse_length (value, &pct);
      if (d >= 0)
        h->max_width = d, h->max_width_pct = pct;
      return TRUE;
    }
  if (g_str_equal (css, "height"))
    {
      d = parse_length (value, &pct);
      if (d >= 0 && !pct)
        h->height = (int) d;
      return TRUE;
    }
  if (g_str_equal (css, "text-align"))
    {
      h->text_align = s == NULL ? -1 : g_str_equal (s, "center") ? 1
                    : g_str_equal (s, "right") || g_str_equal (s, "end") ? 2
                    : g_str_equal (s, "justify") ? 3 : 0;
      return TRUE;
    }
  if (g_str_equal (css, "float"))
    {
      if (s && !g_str_equal (s, "none"))
        h->display = 2;
      return TRUE;
    }
  return FALSE;
}

static void
warn_once (const char *css)
{
  static GHashTable *seen;
  static GMutex lock;
  gboolean first;

  g_mutex_lock (&lock);
  if (seen == NULL)
    seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  first = g_hash_table_add (seen, g_strdup (css));
  g_mutex_unlock (&lock);
  if (first)
    g_message ("style property '%s' has no GTK equivalent and is ignored", css);
}

/* Builds the GTK CSS declarations for @style and fills @h. */
static char *
convert (JsonNode *style, Hints *h, GString *ignored)
{
  GString *css = g_string_new (NULL);
  JsonObjectIter it;
  const char *name;
  JsonNode *value;
  int pending_gap = 0;

  if (style == NULL || !JSON_NODE_HOLDS_OBJECT (style))
    return g_string_free (css, FALSE);
  json_object_iter_init_ordered (&it, json_node_get_object (style));
  while (json_object_iter_next_ordered (&it, &name, &value))
    {
      g_autofree char *prop = kebab (name);
      g_autofree char *v = NULL;

      if (take_layout (h, prop, value, &pending_gap))
        continue;
      v = css_value (prop, value);
      if (v == NULL)
        continue;
      if (g_str_has_prefix (prop, "margin") && strstr (v, "auto"))
        {
          /* margin: auto centres a block; GTK has no auto margins */
          h->margin_auto = TRUE;
          if (g_str_equal (prop, "margin"))
            {
              g_auto(GStrv) parts = g_strsplit (v, " ", 4);
              g_autoptr(GString) fixed = g_string_new (NULL);

              for (guint i = 0; parts[i]; i++)
                g_string_append_printf (fixed, "%s%s", i ? " " : "",
                                        g_str_equal (parts[i], "auto") ? "0" : parts[i]);
              g_string_append_printf (css, "margin: %s; ", fixed->str);
            }
          continue;
        }
      if (!gtk_understands (prop))
        {
          if (ignored)
            g_string_append_printf (ignored, "%s%s", ignored->len ? ", " : "", prop);
          else
            warn_once (prop);
          continue;
        }
      if (g_str_equal (prop, "background"))
        g_string_append_printf (css, "background: %s; ", v);
      else if (g_str_equal (prop, "text-decoration"))
        g_string_append_printf (css, "text-decoration-line: %s; ", v);
      else
        g_string_append_printf (css, "%s: %s; ", prop, v);
    }
  return g_string_free (css, FALSE);
}

/**
 * nd_style_to_css:
 * @style: a Dash style dict
 * @ignored: (nullable): collects the properties GTK cannot show
 *
 * Returns: (transfer full): GTK CSS declarations for @style
 */
char *
nd_style_to_css (JsonNode *style, GString *ignored)
{
  Hints h;

  hints_reset (&h);
  h.provider = NULL;
  return convert (style, &h, ignored);
}

static void
apply_flow (GtkWidget *widget, Hints *h)
{
  GtkLayoutManager *lm = gtk_widget_get_layout_manager (widget);

  if (lm && ND_IS_FLOW_LAYOUT (lm))
    {
      NdFlowLayout *flow = ND_FLOW_LAYOUT (lm);

      nd_flow_layout_set_mode (flow, h->display == 3 ? h->flex_mode : ND_FLOW_NORMAL);
      nd_flow_layout_set_gap (flow, h->row_gap, h->column_gap);
      nd_flow_layout_set_wrap (flow, h->wrap);
      if (h->display == 3)
        nd_flow_layout_set_justify (flow, h->has_justify ? h->justify : ND_FLOW_JUSTIFY_START);
      else
        nd_flow_layout_set_justify (flow, align_justify (h->text_align));
    }
}

/**
 * nd_style_apply:
 * @widget: a component's widget
 * @style: (nullable): its `style` dict
 *
 * Replaces whatever an earlier style set.
 */
void
nd_style_apply (GtkWidget *widget, JsonNode *style)
{
  Hints *h = hints_of (widget, TRUE);
  g_autofree char *decls = NULL;

  hints_reset (h);
  decls = convert (style, h, NULL);
  if (h->text_align < 0)   /* Bootstrap's text-center and friends */
    h->text_align = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "nd-class-align")) - 1;
  if (*decls || h->provider)
    {
      g_autofree char *rule = g_strdup_printf ("* { %s}", decls);

      if (h->provider == NULL)
        {
          h->provider = gtk_css_provider_new ();
          G_GNUC_BEGIN_IGNORE_DEPRECATIONS
          gtk_style_context_add_provider (gtk_widget_get_style_context (widget),
                                          GTK_STYLE_PROVIDER (h->provider),
                                          GTK_STYLE_PROVIDER_PRIORITY_USER + 1);
          G_GNUC_END_IGNORE_DEPRECATIONS
        }
      gtk_css_provider_load_from_data (h->provider, rule, -1);
    }
  if (h->height >= 0 || g_object_get_data (G_OBJECT (widget), "nd-style-height"))
    {
      int w;

      gtk_widget_get_size_request (widget, &w, NULL);
      gtk_widget_set_size_request (widget, w, h->height);
      g_object_set_data (G_OBJECT (widget), "nd-style-height", GINT_TO_POINTER (h->height >= 0));
    }
  if (h->display == 0)
    gtk_widget_add_css_class (widget, "nd-display-none");
  else
    gtk_widget_remove_css_class (widget, "nd-display-none");
  gtk_widget_set_visible (widget, h->display != 0 && !gtk_widget_has_css_class (widget, "nd-hidden"));
  if (h->margin_auto)
    gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
  apply_flow (widget, h);
  /* children are built before their parent's style is applied */
  if (h->text_align >= 0)
    {
      if (GTK_IS_LABEL (widget))
        gtk_label_set_xalign (GTK_LABEL (widget), align_xalign (h->text_align));
      inherit_text_align (widget, h->text_align);
    }
  nd_style_place_child (widget);
}

void
nd_style_apply_class (GtkWidget *widget, JsonNode *class_name)
{
  char **old = g_object_get_data (G_OBJECT (widget), "nd-class-names");
  g_auto(GStrv) names = NULL;

  for (guint i = 0; old && old[i]; i++)
    gtk_widget_remove_css_class (widget, old[i]);
  if (class_name && JSON_NODE_HOLDS_VALUE (class_name) &&
      json_node_get_value_type (class_name) == G_TYPE_STRING)
    {
      names = g_strsplit_set (json_node_get_string (class_name), " \t\n", -1);
      for (guint i = 0; names[i]; i++)
        if (*names[i])
          gtk_widget_add_css_class (widget, names[i]);
    }
  {
    /* text-start/center/end (Bootstrap utilities) align text as CSS would */
    int align = -1;
    Hints *h;

    for (guint i = 0; names && names[i]; i++)
      if (g_str_equal (names[i], "text-center"))
        align = 1;
      else if (g_str_equal (names[i], "text-end") || g_str_equal (names[i], "text-right"))
        align = 2;
      else if (g_str_equal (names[i], "text-start") || g_str_equal (names[i], "text-left"))
        align = 0;
    g_object_set_data (G_OBJECT (widget), "nd-class-align", GINT_TO_POINTER (align + 1));
    h = hints_of (widget, align >= 0);
    if (h && align >= 0 && h->text_align < 0)
      {
        h->text_align = align;
        apply_flow (widget, h);
        if (GTK_IS_LABEL (widget))
          gtk_label_set_xalign (GTK_LABEL (widget), align_xalign (align));
        inherit_text_align (widget, align);
      }
  }
  g_object_set_data_full (G_OBJECT (widget), "nd-class-names", g_steal_pointer (&names),
                          (GDestroyNotify) g_strfreev);
}

/**
 * nd_style_is_inline:
 * @fallback: the component type's default
 *
 * Returns: whether @widget flows inline, after its style's `display`
 */
gboolean
nd_style_is_inline (GtkWidget *widget, gboolean fallback)
{
  Hints *h = hints_of (widget, FALSE);

  if (h == NULL || h->display < 0)
    return fallback;
  return h->display == 2;
}

/* Applies the child's own hints to its place in an NdFlowLayout parent. */
void
nd_style_place_child (GtkWidget *child)
{
  GtkWidget *parent = gtk_widget_get_parent (child);
  GtkLayoutManager *lm = parent ? gtk_widget_get_layout_manager (parent) : NULL;
  Hints *h = hints_of (child, FALSE);
  Hints *ph;
  NdFlowChild *fc;
  gboolean dflt = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "nd-inline"));

  if (parent == NULL)
    return;
  /* an inherited textAlign reaches what was built before it had a parent */
  if (!(h && h->text_align >= 0))
    {
      int align = inherited_align (parent);
      GtkLayoutManager *own = gtk_widget_get_layout_manager (child);

      if (align == 1 || align == 2)
        {
          if (GTK_IS_LABEL (child))
            gtk_label_set_xalign (GTK_LABEL (child), align_xalign (align));
          else if (own && ND_IS_FLOW_LAYOUT (own))
            {
              if (nd_flow_layout_get_mode (ND_FLOW_LAYOUT (own)) == ND_FLOW_NORMAL)
                nd_flow_layout_set_justify (ND_FLOW_LAYOUT (own), align_justify (align));
              inherit_text_align (child, align);
            }
        }
    }
  if (lm == NULL || !ND_IS_FLOW_LAYOUT (lm))
    return;
  fc = ND_FLOW_CHILD (gtk_layout_manager_get_layout_child (lm, child));
  nd_flow_child_set_inline (fc, nd_style_is_inline (child, dflt));
  nd_flow_child_set_line_break (fc, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "nd-line-break")));
  ph = hints_of (parent, FALSE);
  if (h && h->has_flex)
    {
      nd_flow_child_set_grow (fc, h->grow);
      nd_flow_child_set_shrink (fc, h->shrink);
    }
  else
    {
      int grow = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "nd-default-grow"));

      nd_flow_child_set_grow (fc, grow);
      nd_flow_child_set_shrink (fc, 1);
      if (grow > 0 && (h == NULL || h->width < 0))
        nd_flow_child_set_width (fc, 0, FALSE);
    }
  if (h && (h->width >= 0 || !GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "nd-default-grow"))))
    nd_flow_child_set_width (fc, h->width, h->width_pct);
  if (h)
    nd_flow_child_set_max_width (fc, h->max_width, h->max_width_pct);
  if (ph && ph->display == 3 && ph->align_center)
    gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
}

/* `textAlign` inherits in CSS: once @widget sits in a page whose ancestors
 * set it, its elements and texts without one of their own follow. */
static void
inherit_text_align (GtkWidget *widget, int align)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      Hints *h = hints_of (c, FALSE);
      GtkLayoutManager *lm = gtk_widget_get_layout_manager (c);

      if (h && h->text_align >= 0)
        continue;   /* its own value wins, for its subtree too */
      /* only page text and page elements, not the insides of controls */
      if (GTK_IS_LABEL (c) && (gtk_widget_has_css_class (c, "nd-text") ||
                               gtk_widget_has_css_class (c, "nd-text-element")))
        gtk_label_set_xalign (GTK_LABEL (c), align_xalign (align));
      else if (lm && ND_IS_FLOW_LAYOUT (lm) && nd_flow_layout_get_mode (ND_FLOW_LAYOUT (lm)) == ND_FLOW_NORMAL)
        nd_flow_layout_set_justify (ND_FLOW_LAYOUT (lm), align_justify (align));
      inherit_text_align (c, align);
    }
}

/**
 * nd_style_text_xalign:
 *
 * Returns: the horizontal alignment of text in @widget, from the nearest
 *   `textAlign` among it and its ancestors (CSS inherits it)
 */
float
nd_style_text_xalign (GtkWidget *widget)
{
  return align_xalign (inherited_align (widget));
}

static int
inherited_align (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w; w = gtk_widget_get_parent (w))
    {
      Hints *h = hints_of (w, FALSE);

      if (h && h->text_align >= 0)
        return h->text_align;
    }
  return -1;
}

/* What a browser's default stylesheet gives html elements, in GTK CSS. */
static const char default_css[] =
  "body { font-size: 16px; padding: 8px; }\n"
  "h1 { font-size: 2em; font-weight: bold; margin: 0.67em 0; }\n"
  "h2 { font-size: 1.5em; font-weight: bold; margin: 0.83em 0; }\n"
  "h3 { font-size: 1.17em; font-weight: bold; margin: 1em 0; }\n"
  "h4 { font-weight: bold; margin: 1.33em 0; }\n"
  "h5 { font-size: 0.83em; font-weight: bold; margin: 1.67em 0; }\n"
  "h6 { font-size: 0.67em; font-weight: bold; margin: 2.33em 0; }\n"
  "p, ul, ol, pre, blockquote, dl, figure { margin: 1em 0; }\n"
  "blockquote, figure { margin-left: 40px; margin-right: 40px; }\n"
  "ul, ol { padding-left: 24px; }\n"
  "b, strong, th { font-weight: bold; }\n"
  "i, em, cite, var, dfn { font-style: italic; }\n"
  "u, ins { text-decoration-line: underline; }\n"
  "s, del, strike { text-decoration-line: line-through; }\n"
  "small, sub, sup { font-size: 0.83em; }\n"
  "code, kbd, samp, pre, tt { font-family: monospace; }\n"
  "mark { background-color: yellow; color: black; }\n"
  "hr { min-height: 1px; background-color: alpha(currentColor, 0.25); margin: 8px 0; }\n"
  "a { color: #1a5fb4; text-decoration-line: underline; }\n"
  "a label { text-decoration-line: underline; }\n"
  "th, td { padding: 2px 6px; }\n"
  "table { border-spacing: 2px; }\n"
  "label.nd-text { padding: 0; }\n"
  ".nd-error-panel { background-color: alpha(@error_color, 0.08); border-top: 1px solid alpha(@error_color, 0.4); padding: 6px 12px; }\n"
  ".nd-error-panel .nd-error-title { font-weight: bold; color: @error_color; }\n";

/**
 * nd_style_add_css:
 * @display: (nullable): where; %NULL for the default display
 * @css: (transfer none): a stylesheet that lives as long as the process
 *   (a static string), keyed by its address
 *
 * Adds @css to @display once, however often it is asked for: what the
 * widget families use for their own look.
 */
void
nd_style_add_css (GdkDisplay *display, const char *css)
{
  GHashTable *loaded;
  GtkCssProvider *provider;

  if (display == NULL)
    display = gdk_display_get_default ();
  if (display == NULL)
    return;
  loaded = g_object_get_data (G_OBJECT (display), "nd-style-loaded-css");
  if (loaded == NULL)
    {
      loaded = g_hash_table_new (NULL, NULL);
      g_object_set_data_full (G_OBJECT (display), "nd-style-loaded-css", loaded,
                              (GDestroyNotify) g_hash_table_unref);
    }
  if (!g_hash_table_add (loaded, (gpointer) css))
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (provider);
}

void
nd_style_load_default (GdkDisplay *display)
{
  nd_style_add_css (display, default_css);
}

static void
on_parse_error (GtkCssProvider *provider, GtkCssSection *section, GError *error, gpointer data)
{
  guint *n = data;

  (*n)++;
}

/**
 * nd_style_load_assets:
 * @display: where the styles apply
 * @assets_dir: an app's `assets` folder
 * @error: return location for an error
 *
 * Loads every `*.css` in @assets_dir, in name order as Dash does, with
 * what GTK CSS understands applied and the rest skipped (one message per
 * file).
 *
 * Returns: the number of files loaded
 */
guint
nd_style_load_assets (GdkDisplay *display, const char *assets_dir, GError **error)
{
  g_autoptr(GDir) dir = g_dir_open (assets_dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".css"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (assets_dir, g_ptr_array_index (names, i), NULL);
      GtkCssProvider *provider = gtk_css_provider_new ();
      guint n_errors = 0;
      gulong id = g_signal_connect (provider, "parsing-error", G_CALLBACK (on_parse_error), &n_errors);

      gtk_css_provider_load_from_path (provider, path);
      g_signal_handler_disconnect (provider, id);
      if (n_errors)
        g_message ("%s: %u CSS rules or properties GTK does not support were skipped", path, n_errors);
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_USER);
      g_object_unref (provider);
    }
  return names->len;
}
