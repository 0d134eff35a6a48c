/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Layout kits (issue "Native widgets", item 5): the components of
 * dash-bootstrap-components and dash-mantine-components that Dash apps lay
 * out pages with, under the namespaces Python dumps them with, so a layout
 * saved from `/_dash-layout` opens natively.
 *
 * Grids (dbc.Row/Col, dmc.Grid/GridCol) and containers get layout managers
 * of their own: column widths and container widths follow breakpoints of
 * the window width, as Bootstrap's and Mantine's media queries do.  Colours
 * come from a theme: the Bootstrap default look is always loaded for these
 * widgets; nd_kits_load_theme() switches to a Bootswatch theme (what
 * `external_stylesheets=[dbc.themes.CERULEAN]` asks for) and then also
 * styles the page and Bootstrap's utility classes.
 *
 * Props these libraries have beyond the ones handled here are accepted and
 * ignored: the core does not validate namespaces it does not know.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nd-element.h"
#include "nd-flow-layout.h"
#include "nd-kinds.h"
#include "nd-style.h"

#define NS_DBC "dash_bootstrap_components"
#define NS_DMC "dash_mantine_components"

void nd_kits_load_theme (GdkDisplay *display, const char *theme_name_or_url);

/* ---- small helpers ---- */

static gboolean
prop_is (const char *prop, const char *const *names)
{
  return g_strv_contains (names, prop);
}

/* A string prop, or a number prop as text ("6" and 6 alike). */
static char *
prop_text (JsonNode *component, const char *prop)
{
  JsonNode *v = nd_component_get_prop (component, prop);

  if (v == NULL || nd_json_is_null (v))
    return NULL;
  if (nd_json_is_string (v) || nd_json_is_number (v))
    return nd_value_text (v);
  return NULL;
}

static void
swallow_css_error (GtkCssProvider *provider, GtkCssSection *section, GError *error, gpointer data)
{
  /* a colour an app wrote that GTK cannot parse: ignore it, as a browser would */
}

/* Declarations for one widget only (a colour an app chose), replacing the
 * previous ones; empty or NULL removes them. */
static void
set_local_css (GtkWidget *widget, const char *decls)
{
  GtkCssProvider *provider = g_object_get_data (G_OBJECT (widget), "nd-kit-css");
  g_autofree char *rule = NULL;

  if (provider == NULL)
    {
      if (decls == NULL || *decls == '\0')
        return;
      provider = gtk_css_provider_new ();
      g_signal_connect (provider, "parsing-error", G_CALLBACK (swallow_css_error), NULL);
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_add_provider (gtk_widget_get_style_context (widget), GTK_STYLE_PROVIDER (provider),
                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 3);
      G_GNUC_END_IGNORE_DEPRECATIONS
      g_object_set_data_full (G_OBJECT (widget), "nd-kit-css", provider, g_object_unref);
    }
  rule = g_strdup_printf ("* { %s }", decls ? decls : "");
  gtk_css_provider_load_from_data (provider, rule, -1);
}

/* A CSS value an app gave, or NULL if it could break out of a declaration. */
static gboolean
safe_css_value (const char *s)
{
  return s && *s && strpbrk (s, "{};") == NULL && strstr (s, "/*") == NULL;
}

/* Replaces the classes with @prefix on @widget by @klass (if not NULL). */
static void
set_prefixed_class (GtkWidget *widget, const char *prefix, const char *klass)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);

  for (guint i = 0; classes && classes[i]; i++)
    if (g_str_has_prefix (classes[i], prefix))
      gtk_widget_remove_css_class (widget, classes[i]);
  if (klass)
    gtk_widget_add_css_class (widget, klass);
}

static void
set_class (GtkWidget *widget, const char *klass, gboolean on)
{
  if (on)
    gtk_widget_add_css_class (widget, klass);
  else
    gtk_widget_remove_css_class (widget, klass);
}

/* Horizontal text alignment of the texts an element shows: the inline
 * runs of its flow, and the labels themselves when they wrap. */
static void
align_texts (GtkWidget *element, const char *align)
{
  NdFlowJustify justify = ND_FLOW_JUSTIFY_START;
  float xalign = 0;
  GtkJustification just = GTK_JUSTIFY_LEFT;

  if (align && (g_str_equal (align, "center")))
    justify = ND_FLOW_JUSTIFY_CENTER, xalign = 0.5f, just = GTK_JUSTIFY_CENTER;
  else if (align && (g_str_equal (align, "right") || g_str_equal (align, "end")))
    justify = ND_FLOW_JUSTIFY_END, xalign = 1, just = GTK_JUSTIFY_RIGHT;
  else if (align && g_str_equal (align, "justify"))
    just = GTK_JUSTIFY_FILL;
  nd_flow_layout_set_justify (ND_FLOW_LAYOUT (gtk_widget_get_layout_manager (element)), justify);
  for (GtkWidget *c = gtk_widget_get_first_child (element); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c) && gtk_widget_has_css_class (c, "nd-text"))
      {
        gtk_label_set_xalign (GTK_LABEL (c), xalign);
        gtk_label_set_justify (GTK_LABEL (c), just);
      }
}

/* Several kinds wrap an inner element that holds the children, so that
 * the outer one can take the app's `style` without losing the kit's own
 * layout. */
static GtkWidget *
inner_of (GtkWidget *outer)
{
  return g_object_get_data (G_OBJECT (outer), "nd-kit-inner");
}

static GtkWidget *
add_inner (GtkWidget *outer, GtkWidget *inner)
{
  nd_element_append (ND_ELEMENT (outer), inner);
  g_object_set_data (G_OBJECT (outer), "nd-kit-inner", inner);
  return inner;
}

/* ---- breakpoints: the window width, as CSS media queries see it ---- */

enum { N_BREAKPOINTS = 6 };

typedef struct {
  const char *names[N_BREAKPOINTS];
  int min_width[N_BREAKPOINTS];
} Breakpoints;

static const Breakpoints bootstrap_breakpoints = {
  { "xs", "sm", "md", "lg", "xl", "xxl" }, { 0, 576, 768, 992, 1200, 1400 }
};
static const Breakpoints mantine_breakpoints = {
  { "base", "xs", "sm", "md", "lg", "xl" }, { 0, 576, 768, 992, 1200, 1408 }
};

static int
window_width (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  int width = 0, height = 0;

  if (root)
    {
      width = gtk_widget_get_width (GTK_WIDGET (root));
      if (width <= 0 && GTK_IS_WINDOW (root))
        gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
    }
  return width > 0 ? width : 1024;
}

static int
breakpoint_at (const Breakpoints *bps, int width)
{
  int i = N_BREAKPOINTS - 1;

  while (i > 0 && width < bps->min_width[i])
    i--;
  return i;
}

static int
breakpoint_index (const Breakpoints *bps, const char *name)
{
  for (int i = 0; i < N_BREAKPOINTS; i++)
    if (g_str_equal (bps->names[i], name))
      return i;
  return -1;
}

/* When the breakpoint changed between two allocations, sizes GTK cached
 * for the old one may be stale (a grid whose own width stayed the same):
 * measure again once. */
typedef struct {
  int last_breakpoint;
  guint idle;
} BreakpointWatch;

static gboolean
relayout_idle (gpointer data)
{
  GtkLayoutManager *manager = data;
  BreakpointWatch *watch = g_object_get_data (G_OBJECT (manager), "nd-kit-watch");

  if (watch)
    watch->idle = 0;
  if (gtk_layout_manager_get_widget (manager))
    gtk_layout_manager_layout_changed (manager);
  return G_SOURCE_REMOVE;
}

static void
watch_breakpoint (GtkLayoutManager *manager, BreakpointWatch *watch, int breakpoint)
{
  if (watch->last_breakpoint >= 0 && watch->last_breakpoint != breakpoint && watch->idle == 0)
    watch->idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, relayout_idle, g_object_ref (manager),
                                   g_object_unref);
  watch->last_breakpoint = breakpoint;
}

/* ---- a centred column (containers) ---- */

/* The widest the content may be at this window width (G_MAXINT: all). */
typedef int (*MaxWidthFunc) (JsonNode *component, int window_width);

#define ND_TYPE_KIT_CENTER_LAYOUT (nd_kit_center_layout_get_type ())
G_DECLARE_FINAL_TYPE (NdKitCenterLayout, nd_kit_center_layout, ND, KIT_CENTER_LAYOUT, GtkLayoutManager)

struct _NdKitCenterLayout {
  GtkLayoutManager parent_instance;
  MaxWidthFunc max_width;
  BreakpointWatch watch;
};

G_DEFINE_FINAL_TYPE (NdKitCenterLayout, nd_kit_center_layout, GTK_TYPE_LAYOUT_MANAGER)

static int
center_max_width (NdKitCenterLayout *self, GtkWidget *widget)
{
  JsonNode *component = nd_renderer_get_component (widget);

  if (component == NULL || self->max_width == NULL)
    return G_MAXINT;
  return self->max_width (component, window_width (widget));
}

static void
center_measure (GtkLayoutManager *manager, GtkWidget *widget, GtkOrientation orientation, int for_size,
                int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  NdKitCenterLayout *self = ND_KIT_CENTER_LAYOUT (manager);
  int max_w = center_max_width (self, widget);
  int min = 0, nat = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      int cmin, cnat;

      if (!gtk_widget_should_layout (c))
        continue;
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          gtk_widget_measure (c, orientation, -1, &cmin, &cnat, NULL, NULL);
          min = MAX (min, cmin);
          nat = MAX (nat, MIN (cnat, max_w));
        }
      else
        {
          int wmin, wnat, w;

          gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &wmin, &wnat, NULL, NULL);
          w = for_size >= 0 ? MIN (for_size, max_w) : MIN (wnat, max_w);
          gtk_widget_measure (c, orientation, MAX (w, wmin), &cmin, &cnat, NULL, NULL);
          min += cmin;
          nat += cnat;
        }
    }
  *minimum = min;
  *natural = MAX (min, nat);
}

static void
center_allocate (GtkLayoutManager *manager, GtkWidget *widget, int width, int height, int baseline)
{
  NdKitCenterLayout *self = ND_KIT_CENTER_LAYOUT (manager);
  int max_w = center_max_width (self, widget);
  int y = 0;

  watch_breakpoint (manager, &self->watch, breakpoint_at (&bootstrap_breakpoints, window_width (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      int cmin, cnat, w, h;

      if (!gtk_widget_should_layout (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &cmin, &cnat, NULL, NULL);
      w = MAX (MIN (width, max_w), cmin);
      gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, w, &cmin, &h, NULL, NULL);
      gtk_widget_size_allocate (c, &(GtkAllocation) { MAX (0, (width - w) / 2), y, w, h }, -1);
      y += h;
    }
}

static GtkSizeRequestMode
height_for_width (GtkLayoutManager *manager, GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
nd_kit_center_layout_class_init (NdKitCenterLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = height_for_width;
  manager_class->measure = center_measure;
  manager_class->allocate = center_allocate;
}

static void
nd_kit_center_layout_init (NdKitCenterLayout *self)
{
  self->watch.last_breakpoint = -1;
  g_object_set_data (G_OBJECT (self), "nd-kit-watch", &self->watch);
}

/* ---- grids: Bootstrap rows and Mantine grids ---- */

/* One child's place in the grid. */
typedef struct {
  GtkWidget *widget;
  int span;          /* > 0: columns; 0: an equal share of what is left; -1: its natural width */
  int offset;        /* columns left empty before it */
  int order;
  int align;         /* the column's own alignment in its line, or -1 */
  guint index;
  double slot;       /* the width it takes in its line, its gutter included */
  int x, y, w, h;
} Cell;

typedef struct {
  int gutter_x, gutter_y;
  int columns;
  NdFlowJustify justify;
  GtkAlign align;
  gboolean grow;
} GridSettings;

#define ND_TYPE_KIT_GRID_LAYOUT (nd_kit_grid_layout_get_type ())
G_DECLARE_FINAL_TYPE (NdKitGridLayout, nd_kit_grid_layout, ND, KIT_GRID_LAYOUT, GtkLayoutManager)

struct _NdKitGridLayout {
  GtkLayoutManager parent_instance;
  gboolean mantine;
  BreakpointWatch watch;
};

G_DEFINE_FINAL_TYPE (NdKitGridLayout, nd_kit_grid_layout, GTK_TYPE_LAYOUT_MANAGER)

static int
parse_order (JsonNode *v)
{
  if (nd_json_is_number (v))
    return (int) nd_json_get_number (v);
  if (nd_json_is_string (v))
    {
      const char *s = json_node_get_string (v);

      if (g_str_equal (s, "first"))
        return -1;
      if (g_str_equal (s, "last"))
        return 6;
      return atoi (s);
    }
  return 0;
}

static JsonNode *
member (JsonNode *object, const char *name)
{
  JsonObject *o;

  if (object == NULL || !JSON_NODE_HOLDS_OBJECT (object))
    return NULL;
  o = json_node_get_object (object);
  return json_object_has_member (o, name) ? json_object_get_member (o, name) : NULL;
}

/* Bootstrap: `width`, `xs`...`xxl` are a size (1-12, "auto", True) or
 * {"size", "offset", "order"}. */
static void
dbc_apply_size (JsonNode *size, Cell *cell, int columns)
{
  if (size == NULL || nd_json_is_null (size))
    return;
  if (nd_json_is_number (size))
    cell->span = CLAMP ((int) nd_json_get_number (size), 1, columns);
  else if (nd_json_is_string (size))
    {
      const char *s = json_node_get_string (size);

      if (g_str_equal (s, "auto"))
        cell->span = -1;
      else if (g_ascii_isdigit (*s))
        cell->span = CLAMP (atoi (s), 1, columns);
    }
  else if (JSON_NODE_HOLDS_VALUE (size) && json_node_get_value_type (size) == G_TYPE_BOOLEAN)
    {
      if (json_node_get_boolean (size))
        cell->span = 0;
    }
}

static void
dbc_apply_value (JsonNode *v, Cell *cell, int columns)
{
  JsonNode *offset, *order;

  if (v == NULL || nd_json_is_null (v))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (v))
    {
      dbc_apply_size (v, cell, columns);
      return;
    }
  dbc_apply_size (member (v, "size"), cell, columns);
  offset = member (v, "offset");
  if (offset && (nd_json_is_number (offset) || nd_json_is_string (offset)))
    {
      g_autofree char *text = nd_value_text (offset);
      cell->offset = CLAMP (atoi (text), 0, columns - 1);
    }
  order = member (v, "order");
  if (order)
    cell->order = parse_order (order);
}

/* Mantine: a value, or {"base": v, "sm": v, ...} for the breakpoints. */
static JsonNode *
dmc_value_at (JsonNode *v, int breakpoint)
{
  JsonNode *found = NULL;

  if (v == NULL || !JSON_NODE_HOLDS_OBJECT (v))
    return v;
  for (int i = 0; i <= breakpoint; i++)
    {
      JsonNode *m = member (v, mantine_breakpoints.names[i]);
      if (m && !nd_json_is_null (m))
        found = m;
    }
  return found;
}

static gboolean
is_kit (JsonNode *component, const char *namespace_, const char *type)
{
  return component && g_strcmp0 (nd_component_get_namespace (component), namespace_) == 0 &&
         g_strcmp0 (nd_component_get_type (component), type) == 0;
}

static GtkAlign parse_align (const char *s);

static void
cell_spec (NdKitGridLayout *self, GtkWidget *child, int breakpoint, int columns, Cell *cell)
{
  JsonNode *component = nd_renderer_get_component (child);

  cell->span = columns;  /* anything but a column takes a whole line */
  cell->offset = 0;
  cell->order = 0;
  cell->align = -1;
  if (component == NULL)
    return;
  if (!self->mantine && (is_kit (component, NS_DBC, "Col") ||
                         (is_kit (component, NS_DBC, "Label") && nd_component_get_prop (component, "width"))))
    {
      cell->span = 0;
      dbc_apply_value (nd_component_get_prop (component, "width"), cell, columns);
      for (int i = 0; i <= breakpoint; i++)
        dbc_apply_value (nd_component_get_prop (component, bootstrap_breakpoints.names[i]), cell, columns);
      if (nd_prop_string (component, "align", NULL))
        cell->align = parse_align (nd_prop_string (component, "align", NULL));
    }
  else if (self->mantine && (is_kit (component, NS_DMC, "GridCol") || is_kit (component, NS_DMC, "Col")))
    {
      JsonNode *span = dmc_value_at (nd_component_get_prop (component, "span"), breakpoint);
      JsonNode *offset = dmc_value_at (nd_component_get_prop (component, "offset"), breakpoint);
      JsonNode *order = dmc_value_at (nd_component_get_prop (component, "order"), breakpoint);

      if (span && nd_json_is_number (span))
        cell->span = CLAMP ((int) nd_json_get_number (span), 1, columns);
      else if (span && nd_json_is_string (span))
        {
          const char *s = json_node_get_string (span);
          cell->span = g_str_equal (s, "auto") ? 0 : g_str_equal (s, "content") ? -1
                       : g_ascii_isdigit (*s) ? CLAMP (atoi (s), 1, columns) : columns;
        }
      if (offset && nd_json_is_number (offset))
        cell->offset = CLAMP ((int) nd_json_get_number (offset), 0, columns - 1);
      if (order)
        cell->order = parse_order (order);
    }
}

static const int bootstrap_spacers[] = { 0, 4, 8, 16, 24, 48 };

static int
mantine_spacing (JsonNode *v, int fallback)
{
  static const char *const names[] = { "xs", "sm", "md", "lg", "xl" };
  static const int sizes[] = { 10, 12, 16, 20, 32 };

  if (v == NULL || nd_json_is_null (v))
    return fallback;
  if (nd_json_is_number (v))
    return MAX (0, (int) nd_json_get_number (v));
  if (nd_json_is_string (v))
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (g_str_equal (json_node_get_string (v), names[i]))
        return sizes[i];
  return fallback;
}

static NdFlowJustify
parse_justify (const char *s)
{
  if (s == NULL)
    return ND_FLOW_JUSTIFY_START;
  if (g_str_equal (s, "center"))
    return ND_FLOW_JUSTIFY_CENTER;
  if (g_str_equal (s, "end") || g_str_equal (s, "flex-end") || g_str_equal (s, "right"))
    return ND_FLOW_JUSTIFY_END;
  if (g_str_equal (s, "between") || g_str_equal (s, "space-between"))
    return ND_FLOW_JUSTIFY_SPACE_BETWEEN;
  if (g_str_equal (s, "around") || g_str_equal (s, "space-around"))
    return ND_FLOW_JUSTIFY_SPACE_AROUND;
  if (g_str_equal (s, "evenly") || g_str_equal (s, "space-evenly"))
    return ND_FLOW_JUSTIFY_SPACE_EVENLY;
  return ND_FLOW_JUSTIFY_START;
}

static GtkAlign
parse_align (const char *s)
{
  if (s == NULL)
    return GTK_ALIGN_FILL;
  if (g_str_equal (s, "start") || g_str_equal (s, "flex-start"))
    return GTK_ALIGN_START;
  if (g_str_equal (s, "center"))
    return GTK_ALIGN_CENTER;
  if (g_str_equal (s, "end") || g_str_equal (s, "flex-end"))
    return GTK_ALIGN_END;
  if (g_str_equal (s, "baseline"))
    return GTK_ALIGN_START;
  return GTK_ALIGN_FILL;
}

static void
grid_settings (NdKitGridLayout *self, GtkWidget *widget, int breakpoint, GridSettings *s)
{
  JsonNode *component = nd_renderer_get_component (widget);

  s->columns = 12;
  s->justify = ND_FLOW_JUSTIFY_START;
  s->align = GTK_ALIGN_FILL;
  s->grow = FALSE;
  if (!self->mantine)
    {
      const char *class_name = component ? nd_prop_string (component, "className", NULL) : NULL;
      g_auto(GStrv) tokens = class_name ? g_strsplit_set (class_name, " \t\n", -1) : NULL;

      /* Bootstrap 5: 1.5rem between columns, none between lines; the g-*
       * classes change them */
      s->gutter_x = 24;
      s->gutter_y = 0;
      for (guint i = 0; tokens && tokens[i]; i++)
        {
          const char *t = tokens[i];
          int *x = NULL, *y = NULL;

          if (g_str_has_prefix (t, "g-"))
            x = &s->gutter_x, y = &s->gutter_y, t += 2;
          else if (g_str_has_prefix (t, "gx-"))
            x = &s->gutter_x, t += 3;
          else if (g_str_has_prefix (t, "gy-"))
            y = &s->gutter_y, t += 3;
          else
            continue;
          if (t[0] >= '0' && t[0] <= '5' && t[1] == '\0')
            {
              if (x)
                *x = bootstrap_spacers[t[0] - '0'];
              if (y)
                *y = bootstrap_spacers[t[0] - '0'];
            }
        }
      if (component)
        {
          s->justify = parse_justify (nd_prop_string (component, "justify", NULL));
          s->align = parse_align (nd_prop_string (component, "align", NULL));
        }
      return;
    }
  s->gutter_x = s->gutter_y = 16;
  if (component == NULL)
    return;
  s->gutter_x = s->gutter_y = mantine_spacing (dmc_value_at (nd_component_get_prop (component, "gutter"),
                                                             breakpoint), 16);
  s->columns = CLAMP ((int) nd_prop_double (component, "columns", 12), 1, 100);
  s->justify = parse_justify (nd_prop_string (component, "justify", NULL));
  s->align = parse_align (nd_prop_string (component, "align", NULL));
  s->grow = nd_prop_bool (component, "grow", FALSE);
}

static int
compare_cells (gconstpointer a, gconstpointer b)
{
  const Cell *x = a, *y = b;

  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Lays the children out at @width; fills @cells if not NULL and returns
 * the height. */
static int
grid_layout (NdKitGridLayout *self, GtkWidget *widget, int width, GArray *cells_out)
{
  const Breakpoints *bps = self->mantine ? &mantine_breakpoints : &bootstrap_breakpoints;
  int breakpoint = breakpoint_at (bps, window_width (widget));
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  GridSettings s;
  double unit;
  int y = 0;
  guint i = 0, index = 0;

  grid_settings (self, widget, breakpoint, &s);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      Cell cell = { c };

      if (!gtk_widget_should_layout (c))
        continue;
      cell_spec (self, c, breakpoint, s.columns, &cell);
      cell.index = index++;
      g_array_append_val (cells, cell);
    }
  g_array_sort (cells, compare_cells);
  unit = (width + s.gutter_x) / (double) s.columns;

  while (i < cells->len)
    {
      double used = 0, free_space, x;
      int line_h = 0, start, between, n_fill = 0;
      guint j;

      /* a line: as many as fit in the row's width (and one gutter more,
       * since each column carries half a gutter on either side) */
      for (j = i; j < cells->len; j++)
        {
          Cell *cell = &g_array_index (cells, Cell, j);

          if (cell->span > 0)
            cell->slot = (cell->span + cell->offset) * unit;
          else if (cell->span < 0)
            {
              int min, nat;

              gtk_widget_measure (cell->widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
              cell->slot = nat + s.gutter_x + cell->offset * unit;
            }
          else
            cell->slot = s.gutter_x + cell->offset * unit;   /* flex-basis 0, its padding stays */
          if (j > i && used + cell->slot > width + s.gutter_x + 0.5)
            break;
          used += cell->slot;
          n_fill += cell->span == 0;
        }
      free_space = width + s.gutter_x - used;
      if (free_space > 0 && (n_fill > 0 || (s.grow && j == cells->len)))
        {
          for (guint k = i; k < j; k++)
            {
              Cell *cell = &g_array_index (cells, Cell, k);

              if (n_fill == 0 || cell->span == 0)
                cell->slot += free_space / (n_fill ? n_fill : (int) (j - i));
            }
          free_space = 0;
        }
      {
        int free_px = (int) MAX (free_space, 0);
        NdFlowJustify justify = s.justify;

        start = between = 0;
        if (free_px > 0 && j > i)
          switch (justify)
            {
            case ND_FLOW_JUSTIFY_CENTER: start = free_px / 2; break;
            case ND_FLOW_JUSTIFY_END: start = free_px; break;
            case ND_FLOW_JUSTIFY_SPACE_BETWEEN: between = j - i > 1 ? free_px / (int) (j - i - 1) : 0; break;
            case ND_FLOW_JUSTIFY_SPACE_AROUND: between = free_px / (int) (j - i); start = between / 2; break;
            case ND_FLOW_JUSTIFY_SPACE_EVENLY: between = free_px / (int) (j - i + 1); start = between; break;
            case ND_FLOW_JUSTIFY_START:
            default: break;
            }
      }
      if (i > 0)
        y += s.gutter_y;
      x = start;
      for (guint k = i; k < j; k++)
        {
          Cell *cell = &g_array_index (cells, Cell, k);
          int min, nat, left = (int) floor (x + cell->offset * unit + 0.5);
          int right = (int) floor (x + cell->slot - s.gutter_x + 0.5);

          gtk_widget_measure (cell->widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          cell->x = left;
          cell->w = MAX (right - left, min);
          gtk_widget_measure (cell->widget, GTK_ORIENTATION_VERTICAL, cell->w, &min, &nat, NULL, NULL);
          cell->h = nat;
          line_h = MAX (line_h, nat);
          x += cell->slot + between;
        }
      for (guint k = i; k < j; k++)
        {
          Cell *cell = &g_array_index (cells, Cell, k);

          cell->y = y;
          switch (cell->align >= 0 ? (GtkAlign) cell->align : s.align)
            {
            case GTK_ALIGN_CENTER: cell->y = y + (line_h - cell->h) / 2; break;
            case GTK_ALIGN_END: cell->y = y + line_h - cell->h; break;
            case GTK_ALIGN_START: break;
            case GTK_ALIGN_FILL:
            case GTK_ALIGN_BASELINE:
            default: cell->h = line_h; break;
            }
          if (cells_out)
            g_array_append_val (cells_out, *cell);
        }
      y += line_h;
      i = j;
    }
  return y;
}

static void
grid_measure (GtkLayoutManager *manager, GtkWidget *widget, GtkOrientation orientation, int for_size,
              int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  NdKitGridLayout *self = ND_KIT_GRID_LAYOUT (manager);
  int min = 0, nat = 0, n = 0;

  /* across: a grid can narrow down to its widest child (columns wrap or
   * squeeze); it would like all of them side by side */
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      int cmin, cnat;

      if (!gtk_widget_should_layout (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &cmin, &cnat, NULL, NULL);
      min = MAX (min, cmin);
      nat += (n++ ? 16 : 0) + cnat;
    }
  if (orientation == GTK_ORIENTATION_VERTICAL)
    min = nat = grid_layout (self, widget, for_size >= 0 ? for_size : MAX (nat, min), NULL);
  *minimum = min;
  *natural = MAX (min, nat);
}

static void
grid_allocate (GtkLayoutManager *manager, GtkWidget *widget, int width, int height, int baseline)
{
  NdKitGridLayout *self = ND_KIT_GRID_LAYOUT (manager);
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  const Breakpoints *bps = self->mantine ? &mantine_breakpoints : &bootstrap_breakpoints;

  watch_breakpoint (manager, &self->watch, breakpoint_at (bps, window_width (widget)));
  grid_layout (self, widget, width, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);

      gtk_widget_size_allocate (c->widget, &(GtkAllocation) { c->x, c->y, c->w, c->h }, -1);
    }
}

static void
nd_kit_grid_layout_class_init (NdKitGridLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = height_for_width;
  manager_class->measure = grid_measure;
  manager_class->allocate = grid_allocate;
}

static void
nd_kit_grid_layout_init (NdKitGridLayout *self)
{
  self->watch.last_breakpoint = -1;
  g_object_set_data (G_OBJECT (self), "nd-kit-watch", &self->watch);
}

/* A child's place in its grid changed (a callback set `width`, `span`...). */
static void
relayout_parent (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (parent)
    gtk_widget_queue_resize (parent);
}

/* ---- themes ---- */

enum { N_COLORS = 8 };
static const char *const color_names[N_COLORS] = {
  "primary", "secondary", "success", "danger", "warning", "info", "light", "dark"
};

typedef struct {
  const char *name;
  const char *color[N_COLORS];
  const char *on_color[N_COLORS];    /* text on a background of that colour */
  const char *body_color;
  const char *body_bg;
  const char *headings_color;        /* NULL: the body's */
  const char *muted;
  const char *border;
  const char *font_family;
  int radius;
  gboolean gradients;                /* Cerulean's shaded buttons */
} KitTheme;

#define SYSTEM_FONTS "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", " \
                     "\"Noto Sans\", \"Liberation Sans\", Arial, sans-serif"

/* Bootstrap 5.3's defaults, and Bootswatch's Cerulean (dbc.themes.CERULEAN) */
static const KitTheme kit_themes[] = {
  { "BOOTSTRAP",
    { "#0d6efd", "#6c757d", "#198754", "#dc3545", "#ffc107", "#0dcaf0", "#f8f9fa", "#212529" },
    { "#ffffff", "#ffffff", "#ffffff", "#ffffff", "#000000", "#000000", "#000000", "#ffffff" },
    "#212529", "#ffffff", NULL, "#6c757d", "#dee2e6", SYSTEM_FONTS, 6, FALSE },
  { "CERULEAN",
    { "#2fa4e7", "#e9ecef", "#73a839", "#c71c22", "#dd5600", "#033c73", "#f8f9fa", "#343a40" },
    { "#ffffff", "#495057", "#ffffff", "#ffffff", "#ffffff", "#ffffff", "#000000", "#ffffff" },
    "#495057", "#ffffff", "#2fa4e7", "#868e96", "#dee2e6", SYSTEM_FONTS, 6, TRUE },
};

/* Mantine's default palette: shade 6 (the colour) and 7 (hover) */
static const struct {
  const char *name, *shade6, *shade7;
} mantine_colors[] = {
  { "dark", "#2e2e2e", "#242424" }, { "gray", "#868e96", "#495057" }, { "red", "#fa5252", "#f03e3e" },
  { "pink", "#e64980", "#d6336c" }, { "grape", "#be4bdb", "#ae3ec9" }, { "violet", "#7950f2", "#7048e8" },
  { "indigo", "#4c6ef5", "#4263eb" }, { "blue", "#228be6", "#1c7ed6" }, { "cyan", "#15aabf", "#1098ad" },
  { "teal", "#12b886", "#0ca678" }, { "green", "#40c057", "#37b24d" }, { "lime", "#82c91e", "#74b816" },
  { "yellow", "#fab005", "#f59f00" }, { "orange", "#fd7e14", "#f76707" },
};

static int
mantine_color_index (const char *name)
{
  g_autofree char *base = NULL;
  const char *dot;

  if (name == NULL)
    return -1;
  /* "blue.7": the shade is not told apart here */
  dot = strchr (name, '.');
  base = dot ? g_strndup (name, dot - name) : g_strdup (name);
  for (guint i = 0; i < G_N_ELEMENTS (mantine_colors); i++)
    if (g_str_equal (mantine_colors[i].name, base))
      return i;
  return -1;
}

/* @a mixed with @b: t = 0 is @a, t = 1 is @b; as "#rrggbb". */
static char *
mix (const char *a, const char *b, double t)
{
  GdkRGBA x, y;

  if (!gdk_rgba_parse (&x, a) || !gdk_rgba_parse (&y, b))
    return g_strdup (a);
  return g_strdup_printf ("#%02x%02x%02x",
                          (int) round ((x.red * (1 - t) + y.red * t) * 255),
                          (int) round ((x.green * (1 - t) + y.green * t) * 255),
                          (int) round ((x.blue * (1 - t) + y.blue * t) * 255));
}

/* Light colours get a lighter hover, the others a darker one (Bootstrap). */
static gboolean
is_light (const char *hex)
{
  GdkRGBA c;

  if (!gdk_rgba_parse (&c, hex))
    return FALSE;
  return 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue > 0.6;
}

/* The kit widgets in @t's colours. */
static void
append_kit_css (GString *css, const KitTheme *t)
{
  g_autofree char *link_hover = mix (t->color[0], "#000", 0.2);

  g_string_append_printf (css,
    "button.nd-dbc-btn { border: 1px solid transparent; border-radius: %dpx; padding: 6px 12px;"
    " min-height: 0; min-width: 0; box-shadow: none; text-shadow: none; background-image: none;"
    " font-weight: normal; outline-offset: 1px; }\n"
    "button.nd-dbc-btn.nd-size-sm { padding: 4px 8px; font-size: 0.875em; border-radius: %dpx; }\n"
    "button.nd-dbc-btn.nd-size-lg { padding: 8px 16px; font-size: 1.25em; border-radius: %dpx; }\n"
    "button.nd-dbc-btn:disabled { opacity: 0.65; }\n"
    "button.nd-dbc-btn.nd-c-link { background: none; border-color: transparent; color: %s; }\n"
    "button.nd-dbc-btn.nd-c-link label { text-decoration-line: underline; }\n"
    "button.nd-dbc-btn.nd-c-link:hover { color: %s; }\n",
    t->radius, t->radius - 2, t->radius + 2, t->color[0], link_hover);
  for (guint i = 0; i < N_COLORS; i++)
    {
      const char *c = t->color[i], *on = t->on_color[i], *n = color_names[i];
      gboolean light = is_light (c);
      g_autofree char *hover = mix (c, light ? "#fff" : "#000", 0.15);
      g_autofree char *active = mix (c, light ? "#fff" : "#000", 0.2);
      g_autofree char *top = mix (c, "#fff", 0.16);
      g_autofree char *bottom = mix (c, "#000", 0.06);
      g_autofree char *subtle_bg = mix (c, "#fff", 0.8);
      g_autofree char *subtle_border = mix (c, "#fff", 0.6);
      g_autofree char *emphasis = mix (c, "#000", 0.6);

      if (t->gradients)
        g_string_append_printf (css,
          "button.nd-dbc-btn.nd-c-%s { background-color: %s; background-image: linear-gradient(%s, %s 60%%, %s);"
          " border-color: %s; color: %s; text-shadow: 0 1px 0 rgba(0,0,0,0.05); }\n"
          "button.nd-dbc-btn.nd-c-%s:hover { background-image: none; background-color: %s; }\n",
          n, c, top, c, bottom, bottom, on, n, hover);
      else
        g_string_append_printf (css,
          "button.nd-dbc-btn.nd-c-%s { background-color: %s; border-color: %s; color: %s; }\n"
          "button.nd-dbc-btn.nd-c-%s:hover { background-color: %s; border-color: %s; }\n",
          n, c, c, on, n, hover, hover);
      g_string_append_printf (css,
        "button.nd-dbc-btn.nd-c-%s:active { background-image: none; background-color: %s; }\n"
        "button.nd-dbc-btn.nd-outline.nd-c-%s { background-image: none; background-color: transparent;"
        " border-color: %s; color: %s; text-shadow: none; }\n"
        "button.nd-dbc-btn.nd-outline.nd-c-%s:hover { background-color: %s; color: %s; }\n"
        ".nd-dbc-alert.nd-c-%s { background-color: %s; border-color: %s; color: %s; }\n"
        ".nd-dbc-badge.nd-c-%s { background-color: %s; color: %s; }\n"
        ".nd-dbc-card.nd-c-%s { background-color: %s; border-color: %s; }\n"
        ".nd-dbc-card.nd-outline.nd-c-%s { background-color: %s; border-color: %s; }\n",
        n, active,
        n, light ? emphasis : c, light ? emphasis : c,
        n, c, on,
        n, subtle_bg, subtle_border, emphasis,
        n, c, on,
        n, c, c,
        n, t->body_bg, c);
    }
  g_string_append_printf (css,
    ".nd-dbc-card { border: 1px solid rgba(0,0,0,0.176); border-radius: %dpx; background-color: %s; color: %s; }\n"
    ".nd-dbc-card.nd-inverse { color: #ffffff; }\n"
    ".nd-dbc-card-header { padding: 8px 16px; background-color: rgba(0,0,0,0.03);"
    " border-bottom: 1px solid rgba(0,0,0,0.176); }\n"
    ".nd-dbc-card-body { padding: 16px; }\n"
    ".nd-dbc-card-footer { padding: 8px 16px; background-color: rgba(0,0,0,0.03);"
    " border-top: 1px solid rgba(0,0,0,0.176); }\n"
    ".nd-dbc-alert { padding: 16px; margin-bottom: 16px; border: 1px solid transparent; border-radius: %dpx; }\n"
    ".nd-dbc-alert.nd-dismissable { padding-top: 8px; padding-bottom: 8px; padding-right: 8px; }\n"
    ".nd-dbc-alert.nd-dismissable > div { padding-top: 8px; padding-bottom: 8px; }\n"
    ".nd-dbc-alert button.nd-alert-close { min-width: 24px; min-height: 24px; padding: 4px; margin-left: 8px;"
    " color: inherit; opacity: 0.6; background: none; box-shadow: none; border: none; }\n"
    ".nd-dbc-alert button.nd-alert-close:hover { opacity: 1; }\n"
    ".nd-dbc-badge { padding: 3px 7px; font-size: 0.75em; font-weight: bold; border-radius: %dpx; }\n"
    ".nd-dbc-badge.nd-pill { border-radius: 999px; padding-left: 9px; padding-right: 9px; }\n"
    ".nd-dbc-container { padding-left: 12px; padding-right: 12px; }\n"
    ".nd-dbc-label { margin-bottom: 8px; }\n"
    "entry.nd-dbc-input { border-radius: %dpx; }\n"
    "entry.nd-dbc-input.nd-size-sm { min-height: 28px; font-size: 0.875em; }\n"
    "entry.nd-dbc-input.nd-size-lg { min-height: 44px; font-size: 1.25em; }\n"
    ".nd-radio-items checkbutton.nd-inline { margin-right: 16px; }\n"
    ".nd-radio-items checkbutton { padding-top: 2px; padding-bottom: 2px; }\n",
    t->radius, t->body_bg, t->body_color, t->radius, t->radius, t->radius);
}

/* Mantine's look: it has no theme switch here, only its default. */
static void
append_mantine_css (GString *css)
{
  static const int title_sizes[] = { 34, 26, 22, 18, 16, 14 };
  static const char *const text_sizes[][2] = {
    { "xs", "12px" }, { "sm", "14px" }, { "md", "16px" }, { "lg", "18px" }, { "xl", "20px" }
  };

  g_string_append (css,
    ".nd-dmc-container { padding-left: 16px; padding-right: 16px; }\n"
    ".nd-dmc-title { font-weight: 700; margin: 0; }\n"
    ".nd-dmc-text { margin: 0; }\n"
    ".nd-dmc-input-label { font-size: 14px; font-weight: 500; margin-bottom: 2px; }\n"
    ".nd-dmc-input-description { font-size: 12px; color: #868e96; margin-bottom: 4px; }\n"
    ".nd-dmc-radio { padding-top: 3px; padding-bottom: 3px; font-size: 14px; }\n"
    ".nd-dmc-c-dimmed { color: #868e96; }\n"
    ".nd-fs-italic { font-style: italic; }\n"
    ".nd-td-underline { text-decoration-line: underline; }\n"
    ".nd-td-line-through { text-decoration-line: line-through; }\n"
    "button.nd-dmc-btn { border-radius: 4px; padding: 0 18px; min-height: 36px; min-width: 0;"
    " font-weight: 600; font-size: 14px; box-shadow: none; text-shadow: none; background-image: none;"
    " border: 1px solid transparent; }\n"
    "button.nd-dmc-btn.nd-size-xs { min-height: 30px; padding: 0 14px; font-size: 12px; }\n"
    "button.nd-dmc-btn.nd-size-sm { min-height: 32px; padding: 0 14px; font-size: 13px; }\n"
    "button.nd-dmc-btn.nd-size-lg { min-height: 42px; padding: 0 22px; font-size: 16px; }\n"
    "button.nd-dmc-btn.nd-size-xl { min-height: 50px; padding: 0 26px; font-size: 18px; }\n"
    "button.nd-dmc-btn:disabled { background-color: #f1f3f5; color: #adb5bd; border-color: transparent; }\n"
    "button.nd-dmc-btn.nd-v-default { background-color: #ffffff; border-color: #ced4da; color: #000000; }\n"
    "button.nd-dmc-btn.nd-v-default:hover { background-color: #f8f9fa; }\n");
  for (guint i = 0; i < G_N_ELEMENTS (title_sizes); i++)
    g_string_append_printf (css, ".nd-dmc-title.nd-dmc-h%u { font-size: %dpx; }\n", i + 1, title_sizes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (text_sizes); i++)
    g_string_append_printf (css, ".nd-dmc-size-%s { font-size: %s; }\n", text_sizes[i][0], text_sizes[i][1]);
  for (int w = 100; w <= 900; w += 100)
    g_string_append_printf (css, ".nd-fw-%d { font-weight: %d; }\n", w, w);
  for (guint i = 0; i < G_N_ELEMENTS (mantine_colors); i++)
    {
      const char *n = mantine_colors[i].name, *c6 = mantine_colors[i].shade6, *c7 = mantine_colors[i].shade7;

      g_string_append_printf (css,
        ".nd-dmc-c-%s { color: %s; }\n"
        "button.nd-dmc-btn.nd-m-%s.nd-v-filled { background-color: %s; color: #ffffff; }\n"
        "button.nd-dmc-btn.nd-m-%s.nd-v-filled:hover { background-color: %s; }\n"
        "button.nd-dmc-btn.nd-m-%s.nd-v-light { background-color: alpha(%s, 0.1); color: %s; }\n"
        "button.nd-dmc-btn.nd-m-%s.nd-v-light:hover { background-color: alpha(%s, 0.15); }\n"
        "button.nd-dmc-btn.nd-m-%s.nd-v-outline { background-color: transparent; border-color: %s; color: %s; }\n"
        "button.nd-dmc-btn.nd-m-%s.nd-v-outline:hover { background-color: alpha(%s, 0.05); }\n"
        "button.nd-dmc-btn.nd-m-%s.nd-v-subtle { background-color: transparent; color: %s; }\n"
        "button.nd-dmc-btn.nd-m-%s.nd-v-subtle:hover { background-color: alpha(%s, 0.1); }\n"
        "button.nd-dmc-btn.nd-m-%s.nd-v-transparent { background-color: transparent; color: %s; }\n"
        "button.nd-dmc-btn.nd-m-%s.nd-v-white { background-color: #ffffff; color: %s; }\n",
        n, c6, n, c6, n, c7, n, c6, c6, n, c6, n, c6, c6, n, c6, n, c6, n, c6, n, c6, n, c6);
    }
}

/* The page under a Bootstrap theme: reboot, headings, utility classes. */
static void
append_page_css (GString *css, const KitTheme *t)
{
  static const int heading_sizes[] = { 40, 32, 28, 24, 20, 16 };
  static const int display_sizes[] = { 80, 72, 64, 56, 48, 40 };
  static const char *const sides[][3] = {
    { "", "", NULL }, { "t", "-top", NULL }, { "b", "-bottom", NULL }, { "s", "-left", NULL },
    { "e", "-right", NULL }, { "x", "-left", "-right" }, { "y", "-top", "-bottom" },
  };

  g_string_append_printf (css,
    "window.background { background-color: %s; }\n"
    "body { font-family: %s; font-size: 16px; color: %s; background-color: %s; padding: 0; }\n"
    "h1, h2, h3, h4, h5, h6 { margin: 0 0 8px 0; font-weight: 500; %s%s%s }\n"
    "p { margin: 0 0 16px 0; }\n"
    "a { color: %s; }\n"
    ".text-muted, .text-body-secondary { color: %s; }\n"
    ".text-body { color: %s; }\n"
    ".text-white { color: #ffffff; }\n"
    ".text-black { color: #000000; }\n"
    ".lead { font-size: 20px; font-weight: 300; }\n"
    ".small, small { font-size: 0.875em; }\n"
    ".fw-bold { font-weight: 700; }\n.fw-bolder { font-weight: bolder; }\n.fw-semibold { font-weight: 600; }\n"
    ".fw-normal { font-weight: 400; }\n.fw-light { font-weight: 300; }\n.fw-lighter { font-weight: lighter; }\n"
    ".fst-italic { font-style: italic; }\n.fst-normal { font-style: normal; }\n"
    ".text-decoration-none { text-decoration-line: none; }\n"
    ".text-decoration-underline { text-decoration-line: underline; }\n"
    ".text-decoration-line-through { text-decoration-line: line-through; }\n"
    ".border { border: 1px solid %s; }\n.border-0 { border-style: none; }\n"
    ".rounded { border-radius: %dpx; }\n.rounded-0 { border-radius: 0; }\n.rounded-pill { border-radius: 999px; }\n"
    ".shadow-sm { box-shadow: 0 2px 4px rgba(0,0,0,0.075); }\n"
    ".shadow { box-shadow: 0 8px 16px rgba(0,0,0,0.15); }\n"
    ".shadow-lg { box-shadow: 0 16px 48px rgba(0,0,0,0.175); }\n",
    t->body_bg, t->font_family, t->body_color, t->body_bg,
    t->headings_color ? "color: " : "", t->headings_color ? t->headings_color : "", t->headings_color ? ";" : "",
    t->color[0], t->muted, t->body_color, t->border, t->radius);
  for (guint i = 0; i < G_N_ELEMENTS (heading_sizes); i++)
    g_string_append_printf (css, "h%u, .h%u, .fs-%u { font-size: %dpx; }\n.h%u { font-weight: 500; }\n"
                            ".display-%u { font-size: %dpx; font-weight: 300; }\n",
                            i + 1, i + 1, i + 1, heading_sizes[i], i + 1, i + 1, display_sizes[i]);
  for (guint i = 0; i < N_COLORS; i++)
    g_string_append_printf (css, ".text-%s { color: %s; }\n.bg-%s { background-color: %s; }\n"
                            ".text-bg-%s { background-color: %s; color: %s; }\n.border-%s { border-color: %s; }\n",
                            color_names[i], t->color[i], color_names[i], t->color[i],
                            color_names[i], t->color[i], t->on_color[i], color_names[i], t->color[i]);
  for (guint r = 1; r <= 5; r++)
    g_string_append_printf (css, ".rounded-%u { border-radius: %upx; }\n", r, r == 5 ? 32 : r * 4);
  for (guint k = 0; k < 2; k++)
    {
      const char *prop = k ? "padding" : "margin";

      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        for (guint n = 0; n < G_N_ELEMENTS (bootstrap_spacers); n++)
          {
            g_string_append_printf (css, ".%c%s-%u { %s%s: %dpx; ", prop[0], sides[s][0], n, prop, sides[s][1],
                                    bootstrap_spacers[n]);
            if (sides[s][2])
              g_string_append_printf (css, "%s%s: %dpx; ", prop, sides[s][2], bootstrap_spacers[n]);
            g_string_append (css, "}\n");
          }
    }
}

static const KitTheme *
theme_lookup (const char *name_or_url)
{
  g_autofree char *lower = NULL;

  if (name_or_url == NULL || *name_or_url == '\0')
    return NULL;
  lower = g_ascii_strdown (name_or_url, -1);
  for (guint i = 0; i < G_N_ELEMENTS (kit_themes); i++)
    {
      g_autofree char *name = g_ascii_strdown (kit_themes[i].name, -1);
      g_autofree char *dir = g_strdup_printf ("/%s/", name);

      /* dbc.themes.X is a CDN URL: ".../bootswatch@5.3.3/dist/cerulean/bootstrap.min.css" */
      if (g_str_equal (lower, name) || (strstr (lower, "bootswatch") && strstr (lower, dir)))
        return &kit_themes[i];
    }
  if (strstr (lower, "bootstrap") && g_str_has_suffix (lower, "bootstrap.min.css") && !strstr (lower, "bootswatch"))
    return &kit_themes[0];
  return NULL;
}

static GtkCssProvider *
provider_from (GString *css)
{
  GtkCssProvider *provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_data (provider, css->str, css->len);
  return provider;
}

/* The kit widgets' own look, once per display. */
static void
ensure_base_css (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GString) css = NULL;
  GtkCssProvider *provider;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "nd-kits-base-css"))
    return;
  css = g_string_new (NULL);
  append_kit_css (css, &kit_themes[0]);
  append_mantine_css (css);
  provider = provider_from (css);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  g_object_set_data_full (G_OBJECT (display), "nd-kits-base-css", provider, g_object_unref);
}

static void
remove_theme (gpointer data)
{
  GtkCssProvider *provider = data;
  GdkDisplay *display = g_object_get_data (G_OBJECT (provider), "nd-display");

  if (display)
    gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (provider));
  g_object_unref (provider);
}

/**
 * nd_kits_load_theme:
 * @display: where the theme applies
 * @theme_name_or_url: (nullable): a theme name ("BOOTSTRAP", "CERULEAN")
 *   or what `dbc.themes.X` holds (the stylesheet's URL); %NULL or "" goes
 *   back to the plain page
 *
 * What `external_stylesheets=[dbc.themes.X]` does in a browser: the kit
 * widgets take the theme's colours, and the page its font, colours,
 * headings and utility classes (`text-primary`, `fs-3`, `mb-3`, ...).
 * An unknown theme leaves the current one and logs a message.
 */
void
nd_kits_load_theme (GdkDisplay *display, const char *theme_name_or_url)
{
  const KitTheme *theme = theme_lookup (theme_name_or_url);
  g_autoptr(GString) css = NULL;
  GtkCssProvider *provider;

  g_return_if_fail (GDK_IS_DISPLAY (display));
  if (theme == NULL && theme_name_or_url && *theme_name_or_url)
    {
      g_message ("stylesheet %s is not a theme ndash knows; it is not loaded", theme_name_or_url);
      return;
    }
  g_object_set_data (G_OBJECT (display), "nd-kits-theme", NULL);
  if (theme == NULL)
    return;
  css = g_string_new (NULL);
  append_kit_css (css, theme);
  append_page_css (css, theme);
  provider = provider_from (css);
  g_object_set_data (G_OBJECT (provider), "nd-display", display);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 2);
  g_object_set_data_full (G_OBJECT (display), "nd-kits-theme", provider, remove_theme);
}

/* ---- containers ---- */

static int
dbc_container_max_width (JsonNode *component, int window)
{
  static const int widths[N_BREAKPOINTS] = { G_MAXINT, 540, 720, 960, 1140, 1320 };
  JsonNode *fluid = nd_component_get_prop (component, "fluid");
  int bp = breakpoint_at (&bootstrap_breakpoints, window);

  /* fluid=True: always the full width; fluid="md": full width below md */
  if (fluid && nd_json_is_string (fluid))
    {
      int from = breakpoint_index (&bootstrap_breakpoints, json_node_get_string (fluid));
      return from >= 0 && bp < from ? G_MAXINT : widths[bp];
    }
  if (fluid && nd_json_is_truthy (fluid))
    return G_MAXINT;
  return widths[bp];
}

static int
dmc_container_max_width (JsonNode *component, int window)
{
  static const char *const names[] = { "xs", "sm", "md", "lg", "xl" };
  static const int widths[] = { 540, 720, 960, 1140, 1320 };
  JsonNode *size = nd_component_get_prop (component, "size");

  if (nd_prop_bool (component, "fluid", FALSE))
    return G_MAXINT;
  if (size && nd_json_is_number (size))
    return MAX (1, (int) nd_json_get_number (size));
  if (size && nd_json_is_string (size))
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (g_str_equal (json_node_get_string (size), names[i]))
        return widths[i];
  return 960;
}

static GtkWidget *
container_new (NdRenderer *renderer, JsonNode *component, MaxWidthFunc max_width, const char *klass)
{
  GtkWidget *outer = nd_element_new ("div");
  GtkLayoutManager *layout = g_object_new (ND_TYPE_KIT_CENTER_LAYOUT, NULL);
  GtkWidget *inner = nd_element_new ("div");

  ensure_base_css ();
  ND_KIT_CENTER_LAYOUT (layout)->max_width = max_width;
  gtk_widget_set_layout_manager (outer, layout);
  gtk_widget_add_css_class (inner, klass);
  add_inner (outer, inner);
  nd_renderer_render_children (renderer, inner, nd_component_get_prop (component, "children"));
  return outer;
}

static GtkWidget *
dbc_container_create (NdRenderer *renderer, JsonNode *component)
{
  return container_new (renderer, component, dbc_container_max_width, "nd-dbc-container");
}

static GtkWidget *
dmc_container_create (NdRenderer *renderer, JsonNode *component)
{
  return container_new (renderer, component, dmc_container_max_width, "nd-dmc-container");
}

static gboolean
container_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                  JsonNode *value)
{
  if (g_str_equal (prop, "children"))
    {
      nd_renderer_render_children (renderer, inner_of (widget), value);
      return TRUE;
    }
  if (g_str_equal (prop, "fluid") || g_str_equal (prop, "size"))
    {
      gtk_widget_queue_resize (widget);
      return TRUE;
    }
  return FALSE;
}

/* ---- Row, Grid, Col, GridCol ---- */

static GtkWidget *
grid_new (NdRenderer *renderer, JsonNode *component, gboolean mantine)
{
  GtkWidget *el = nd_element_new ("div");
  GtkLayoutManager *layout = g_object_new (ND_TYPE_KIT_GRID_LAYOUT, NULL);

  ensure_base_css ();
  ND_KIT_GRID_LAYOUT (layout)->mantine = mantine;
  gtk_widget_set_layout_manager (el, layout);
  gtk_widget_add_css_class (el, mantine ? "nd-dmc-grid" : "nd-dbc-row");
  nd_renderer_render_children (renderer, el, nd_component_get_prop (component, "children"));
  return el;
}

static GtkWidget *
dbc_row_create (NdRenderer *renderer, JsonNode *component)
{
  return grid_new (renderer, component, FALSE);
}

static GtkWidget *
dmc_grid_create (NdRenderer *renderer, JsonNode *component)
{
  return grid_new (renderer, component, TRUE);
}

static gboolean
grid_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
             JsonNode *value)
{
  static const char *const own[] = { "align", "justify", "gutter", "columns", "grow", NULL };

  if (g_str_equal (prop, "className"))
    {
      /* the gutters (g-0, gx-3...) are in it */
      nd_style_apply_class (widget, value);
      gtk_widget_queue_resize (widget);
      return TRUE;
    }
  if (prop_is (prop, own))
    {
      gtk_widget_queue_resize (widget);
      return TRUE;
    }
  return FALSE;   /* children: the generic element handling */
}

static GtkWidget *
col_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *el = nd_element_new ("div");
  gboolean mantine = g_str_equal (nd_component_get_namespace (component), NS_DMC);

  ensure_base_css ();
  gtk_widget_add_css_class (el, mantine ? "nd-dmc-grid-col" : "nd-dbc-col");
  nd_renderer_render_children (renderer, el, nd_component_get_prop (component, "children"));
  return el;
}

static gboolean
col_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
            JsonNode *value)
{
  static const char *const own[] = { "width", "xs", "sm", "md", "lg", "xl", "xxl", "span", "offset",
                                     "order", "align", NULL };

  if (prop_is (prop, own))
    {
      relayout_parent (widget);
      return TRUE;
    }
  return FALSE;
}

/* ---- options (RadioItems): Dash's three shapes ---- */

typedef struct {
  JsonNode *value;      /* owned */
  JsonNode *label;      /* owned; a text, a component or a list */
  gboolean disabled;
} Option;

static void
option_free (gpointer data)
{
  Option *o = data;

  if (o == NULL)
    return;
  g_clear_pointer (&o->value, json_node_unref);
  g_clear_pointer (&o->label, json_node_unref);
  g_free (o);
}

static GPtrArray *
parse_options (JsonNode *options)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (option_free);

  if (options == NULL || nd_json_is_null (options))
    return out;
  if (JSON_NODE_HOLDS_OBJECT (options))
    {
      /* {"value": "label"}: the keys are the values */
      JsonObjectIter it;
      const char *key;
      JsonNode *label;

      json_object_iter_init_ordered (&it, json_node_get_object (options));
      while (json_object_iter_next_ordered (&it, &key, &label))
        {
          Option *o = g_new0 (Option, 1);

          o->value = nd_json_string (key);
          o->label = nd_json_deep_copy (label);
          g_ptr_array_add (out, o);
        }
      return out;
    }
  if (!JSON_NODE_HOLDS_ARRAY (options))
    return out;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (options)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (options), i);
      Option *o = g_new0 (Option, 1);

      if (JSON_NODE_HOLDS_OBJECT (item) && !nd_component_is (item))
        {
          JsonNode *value = member (item, "value"), *label = member (item, "label");
          JsonNode *disabled = member (item, "disabled");

          o->value = value ? nd_json_deep_copy (value) : nd_json_null ();
          o->label = label ? nd_json_deep_copy (label) : nd_json_deep_copy (o->value);
          o->disabled = disabled && nd_json_is_truthy (disabled);
        }
      else
        {
          o->value = nd_json_deep_copy (item);
          o->label = nd_json_deep_copy (item);
        }
      g_ptr_array_add (out, o);
    }
  return out;
}

/* A text label as text, a component label as its widget. */
static void
set_check_label (NdRenderer *renderer, GtkCheckButton *check, JsonNode *label)
{
  if (label && (nd_component_is (label) || JSON_NODE_HOLDS_ARRAY (label)))
    {
      GtkWidget *child = nd_renderer_render (renderer, label);

      if (child)
        {
          gtk_check_button_set_child (check, child);
          return;
        }
    }
  {
    g_autofree char *text = nd_value_text (label);

    gtk_check_button_set_label (check, text);
  }
}

/* ---- dbc.RadioItems ---- */

typedef struct {
  NdRenderer *renderer;
  GtkWidget *box;
  int syncing;
} Radios;

static Radios *
radios_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "nd-kit-radios");
}

static void
radios_sync_value (Radios *r, JsonNode *component)
{
  JsonNode *value = nd_component_get_prop (component, "value");

  r->syncing++;
  for (GtkWidget *c = gtk_widget_get_first_child (r->box); c; c = gtk_widget_get_next_sibling (c))
    {
      Option *o = g_object_get_data (G_OBJECT (c), "nd-option");
      gboolean on = o && value && nd_json_equal (o->value, value);

      if (GTK_IS_CHECK_BUTTON (c) && gtk_check_button_get_active (GTK_CHECK_BUTTON (c)) != on)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (c), on);
    }
  r->syncing--;
}

static void
on_radio_item_toggled (GtkCheckButton *check, Radios *r)
{
  Option *o = g_object_get_data (G_OBJECT (check), "nd-option");

  if (r->syncing || nd_renderer_is_applying (r->renderer) || !gtk_check_button_get_active (check) || o == NULL)
    return;
  nd_renderer_report (r->renderer, r->box, "value", nd_json_deep_copy (o->value));
}

static void
radios_build (Radios *r, JsonNode *component)
{
  g_autoptr(GPtrArray) options = parse_options (nd_component_get_prop (component, "options"));
  gboolean is_inline = nd_prop_bool (component, "inline", FALSE);
  gboolean disabled = nd_prop_bool (component, "disabled", FALSE);
  GtkCheckButton *first = NULL;

  r->syncing++;
  nd_element_clear (ND_ELEMENT (r->box));
  for (guint i = 0; i < options->len; i++)
    {
      Option *o = g_ptr_array_index (options, i);
      GtkWidget *check = gtk_check_button_new ();

      set_check_label (r->renderer, GTK_CHECK_BUTTON (check), o->label);
      if (first)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      else
        first = GTK_CHECK_BUTTON (check);
      gtk_widget_set_sensitive (check, !o->disabled && !disabled);
      /* the button owns its option from here */
      g_object_set_data_full (G_OBJECT (check), "nd-option", o, option_free);
      options->pdata[i] = NULL;
      g_object_set_data (G_OBJECT (check), "nd-inline", GINT_TO_POINTER (is_inline));
      set_class (check, "nd-inline", is_inline);
      gtk_widget_set_halign (check, GTK_ALIGN_START);
      g_signal_connect (check, "toggled", G_CALLBACK (on_radio_item_toggled), r);
      nd_element_append (ND_ELEMENT (r->box), check);
      nd_style_place_child (check);
    }
  radios_sync_value (r, component);
  r->syncing--;
}

static GtkWidget *
radio_items_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *box = nd_element_new ("div");
  Radios *r = g_new0 (Radios, 1);

  ensure_base_css ();
  r->renderer = renderer;
  r->box = box;
  g_object_set_data_full (G_OBJECT (box), "nd-kit-radios", r, g_free);
  gtk_widget_add_css_class (box, "nd-radio-items");
  radios_build (r, component);
  return box;
}

static gboolean
radio_items_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                    JsonNode *value)
{
  static const char *const rebuild[] = { "options", "inline", "disabled", NULL };
  Radios *r = radios_of (widget);

  if (prop_is (prop, rebuild))
    {
      radios_build (r, component);
      return TRUE;
    }
  if (g_str_equal (prop, "value"))
    {
      radios_sync_value (r, component);
      return TRUE;
    }
  return FALSE;
}

/* ---- buttons ---- */

static const char *
dbc_color_name (const char *color)
{
  if (color == NULL)
    return "primary";
  for (guint i = 0; i < N_COLORS; i++)
    if (g_str_equal (color, color_names[i]))
      return color_names[i];
  if (g_str_equal (color, "link"))
    return "link";
  return NULL;
}

static void
dbc_button_style (GtkWidget *button, JsonNode *component)
{
  const char *color = dbc_color_name (nd_prop_string (component, "color", NULL));
  const char *size = nd_prop_string (component, "size", NULL);
  g_autofree char *color_class = color ? g_strconcat ("nd-c-", color, NULL) : NULL;
  g_autofree char *size_class = size ? g_strconcat ("nd-size-", size, NULL) : NULL;

  set_prefixed_class (button, "nd-c-", color_class);
  set_prefixed_class (button, "nd-size-", size_class);
  set_class (button, "nd-outline", nd_prop_bool (component, "outline", FALSE));
  set_class (button, "nd-active", nd_prop_bool (component, "active", FALSE));
  /* a colour dbc does not name is Bootstrap's "btn-<name>" class: plain */
  if (color == NULL)
    set_prefixed_class (button, "nd-c-", "nd-c-secondary");
}

static void
dmc_button_style (GtkWidget *button, JsonNode *component)
{
  const char *variant = nd_prop_string (component, "variant", "filled");
  const char *color = nd_prop_string (component, "color", "blue");
  const char *size = nd_prop_string (component, "size", "sm");
  int index = mantine_color_index (color);
  g_autofree char *variant_class = g_strconcat ("nd-v-", variant, NULL);
  g_autofree char *color_class = g_strconcat ("nd-m-", index >= 0 ? mantine_colors[index].name : "blue", NULL);
  g_autofree char *size_class = g_strconcat ("nd-size-", size, NULL);
  g_autofree char *local = NULL;

  set_prefixed_class (button, "nd-v-", variant_class);
  set_prefixed_class (button, "nd-m-", color_class);
  set_prefixed_class (button, "nd-size-", size_class);
  /* a CSS colour (color="#7048e8") rather than a palette name */
  if (index < 0 && safe_css_value (color))
    {
      if (g_str_equal (variant, "filled"))
        local = g_strdup_printf ("background-color: %s; color: #ffffff;", color);
      else if (g_str_equal (variant, "light"))
        local = g_strdup_printf ("background-color: alpha(%s, 0.1); color: %s;", color, color);
      else if (g_str_equal (variant, "outline"))
        local = g_strdup_printf ("border-color: %s; color: %s;", color, color);
      else
        local = g_strdup_printf ("color: %s;", color);
    }
  set_local_css (button, local);
  gtk_widget_set_hexpand (button, FALSE);
}

static void
on_kit_button_clicked (GtkButton *button, NdRenderer *renderer)
{
  JsonNode *component = nd_renderer_get_component (GTK_WIDGET (button));
  g_autoptr(JsonObject) props = json_object_new ();
  const char *href;

  if (component == NULL)
    return;
  /* dbc's Button stamps its clicks; Mantine's does not */
  nd_renderer_count_prop (props, component, "n_clicks",
                          g_str_equal (nd_component_get_namespace (component), NS_DBC) ? "n_clicks_timestamp" : NULL);
  href = nd_prop_string (component, "href", NULL);
  nd_renderer_report_props (renderer, GTK_WIDGET (button), props);
  if (href && *href)
    nd_renderer_open_uri (renderer, GTK_WIDGET (button), href);
}

static GtkWidget *
button_new (NdRenderer *renderer, JsonNode *component, const char *klass)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = nd_element_new ("span");

  ensure_base_css ();
  nd_flow_layout_set_justify (ND_FLOW_LAYOUT (gtk_widget_get_layout_manager (content)), ND_FLOW_JUSTIFY_CENTER);
  gtk_widget_set_valign (content, GTK_ALIGN_CENTER);
  nd_renderer_render_children (renderer, content, nd_component_get_prop (component, "children"));
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, klass);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, !nd_prop_bool (component, "disabled", FALSE));
  g_signal_connect (button, "clicked", G_CALLBACK (on_kit_button_clicked), renderer);
  return button;
}

static GtkWidget *
dbc_button_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *button = button_new (renderer, component, "nd-dbc-btn");

  dbc_button_style (button, component);
  if (nd_prop_string (component, "href", NULL))
    gtk_widget_set_tooltip_text (button, nd_prop_string (component, "href", NULL));
  return button;
}

static GtkWidget *
dmc_button_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *button = button_new (renderer, component, "nd-dmc-btn");

  dmc_button_style (button, component);
  if (nd_prop_bool (component, "fullWidth", FALSE))
    gtk_widget_set_halign (button, GTK_ALIGN_FILL);
  return button;
}

static gboolean
button_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
               JsonNode *value)
{
  static const char *const looks[] = { "color", "outline", "size", "variant", "active", NULL };

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
  if (prop_is (prop, looks))
    {
      if (gtk_widget_has_css_class (widget, "nd-dmc-btn"))
        dmc_button_style (widget, component);
      else
        dbc_button_style (widget, component);
      return TRUE;
    }
  if (g_str_equal (prop, "fullWidth"))
    {
      gtk_widget_set_halign (widget, nd_prop_bool (component, "fullWidth", FALSE) ? GTK_ALIGN_FILL : GTK_ALIGN_START);
      return TRUE;
    }
  if (g_str_equal (prop, "href"))
    {
      gtk_widget_set_tooltip_text (widget, nd_prop_string (component, "href", NULL));
      return TRUE;
    }
  /* n_clicks from a callback: nothing to show */
  return g_str_has_prefix (prop, "n_clicks");
}

/* ---- Card ---- */

static void
card_style (GtkWidget *card, JsonNode *component)
{
  const char *color = nd_prop_string (component, "color", NULL);
  const char *name = color ? dbc_color_name (color) : NULL;
  g_autofree char *klass = name && !g_str_equal (name, "link") ? g_strconcat ("nd-c-", name, NULL) : NULL;

  set_prefixed_class (card, "nd-c-", klass);
  set_class (card, "nd-outline", nd_prop_bool (component, "outline", FALSE));
  set_class (card, "nd-inverse", nd_prop_bool (component, "inverse", FALSE));
}

static GtkWidget *
card_create (NdRenderer *renderer, JsonNode *component)
{
  const char *type = nd_component_get_type (component);
  GtkWidget *el = nd_element_new ("div");

  ensure_base_css ();
  if (g_str_equal (type, "Card"))
    {
      gtk_widget_add_css_class (el, "nd-dbc-card");
      /* children clipped to the rounded corners, as the browser does */
      gtk_widget_set_overflow (el, GTK_OVERFLOW_HIDDEN);
      card_style (el, component);
      if (nd_prop_bool (component, "body", FALSE))
        {
          /* body=True wraps the children in a CardBody */
          GtkWidget *body = nd_element_new ("div");

          gtk_widget_add_css_class (body, "nd-dbc-card-body");
          add_inner (el, body);
          nd_renderer_render_children (renderer, body, nd_component_get_prop (component, "children"));
          return el;
        }
    }
  else if (g_str_equal (type, "CardHeader"))
    gtk_widget_add_css_class (el, "nd-dbc-card-header");
  else if (g_str_equal (type, "CardBody"))
    gtk_widget_add_css_class (el, "nd-dbc-card-body");
  else
    gtk_widget_add_css_class (el, "nd-dbc-card-footer");
  nd_renderer_render_children (renderer, el, nd_component_get_prop (component, "children"));
  return el;
}

static gboolean
card_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
             JsonNode *value)
{
  static const char *const looks[] = { "color", "outline", "inverse", NULL };

  if (g_str_equal (prop, "children") && inner_of (widget))
    {
      nd_renderer_render_children (renderer, inner_of (widget), value);
      return TRUE;
    }
  if (prop_is (prop, looks) && gtk_widget_has_css_class (widget, "nd-dbc-card"))
    {
      card_style (widget, component);
      return TRUE;
    }
  return FALSE;
}

/* ---- Alert ---- */

typedef struct {
  NdRenderer *renderer;
  GtkWidget *outer;
  GtkWidget *box;
  GtkWidget *content;
  GtkWidget *close;
  guint timer;
} Alert;

static void
alert_free (gpointer data)
{
  Alert *a = data;

  g_clear_handle_id (&a->timer, g_source_remove);
  g_free (a);
}

static void
alert_close (Alert *a)
{
  g_clear_handle_id (&a->timer, g_source_remove);
  gtk_widget_set_visible (a->box, FALSE);
  nd_renderer_report (a->renderer, a->outer, "is_open", nd_json_bool (FALSE));
}

static gboolean
alert_expired (gpointer data)
{
  Alert *a = data;

  a->timer = 0;
  alert_close (a);
  return G_SOURCE_REMOVE;
}

static void
on_alert_close_clicked (GtkButton *button, Alert *a)
{
  alert_close (a);
}

/* Shown or not as `is_open` says; `duration` (ms) closes it again. */
static void
alert_sync_open (Alert *a, JsonNode *component)
{
  gboolean open = nd_prop_bool (component, "is_open", TRUE);
  double duration = nd_prop_double (component, "duration", 0);

  g_clear_handle_id (&a->timer, g_source_remove);
  gtk_widget_set_visible (a->box, open);
  if (open && duration > 0)
    a->timer = g_timeout_add ((guint) duration, alert_expired, a);
}

static void
alert_style (Alert *a, JsonNode *component)
{
  const char *color = dbc_color_name (nd_prop_string (component, "color", "success"));
  g_autofree char *klass = g_strconcat ("nd-c-", color && !g_str_equal (color, "link") ? color : "success", NULL);
  gboolean dismissable = nd_prop_bool (component, "dismissable", FALSE);

  set_prefixed_class (a->box, "nd-c-", klass);
  set_class (a->box, "nd-dismissable", dismissable);
  gtk_widget_set_visible (a->close, dismissable);
}

static GtkWidget *
alert_create (NdRenderer *renderer, JsonNode *component)
{
  Alert *a = g_new0 (Alert, 1);

  ensure_base_css ();
  a->renderer = renderer;
  a->outer = nd_element_new ("div");
  a->box = nd_element_new ("div");
  a->content = nd_element_new ("div");
  a->close = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_object_set_data_full (G_OBJECT (a->outer), "nd-kit-alert", a, alert_free);
  /* the app's style goes on the outer element; the alert box lays out its
   * text beside the close button */
  gtk_widget_set_layout_manager (a->box, gtk_box_layout_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_widget_add_css_class (a->box, "nd-dbc-alert");
  gtk_widget_set_hexpand (a->content, TRUE);
  gtk_widget_set_parent (a->content, a->box);
  gtk_widget_add_css_class (a->close, "nd-alert-close");
  gtk_widget_set_valign (a->close, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (a->close, "Close");
  g_signal_connect (a->close, "clicked", G_CALLBACK (on_alert_close_clicked), a);
  gtk_widget_set_parent (a->close, a->box);
  nd_element_append (ND_ELEMENT (a->outer), a->box);
  nd_renderer_render_children (renderer, a->content, nd_component_get_prop (component, "children"));
  alert_style (a, component);
  alert_sync_open (a, component);
  return a->outer;
}

static gboolean
alert_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
              JsonNode *value)
{
  Alert *a = g_object_get_data (G_OBJECT (widget), "nd-kit-alert");

  if (g_str_equal (prop, "children"))
    nd_renderer_render_children (renderer, a->content, value);
  else if (g_str_equal (prop, "is_open") || g_str_equal (prop, "duration"))
    alert_sync_open (a, component);
  else if (g_str_equal (prop, "color") || g_str_equal (prop, "dismissable"))
    alert_style (a, component);
  else
    return FALSE;
  return TRUE;
}

/* ---- Badge, Label ---- */

static void
badge_style (GtkWidget *badge, JsonNode *component)
{
  const char *color = dbc_color_name (nd_prop_string (component, "color", "secondary"));
  g_autofree char *klass = g_strconcat ("nd-c-", color && !g_str_equal (color, "link") ? color : "secondary", NULL);

  set_prefixed_class (badge, "nd-c-", klass);
  set_class (badge, "nd-pill", nd_prop_bool (component, "pill", FALSE));
}

static void
on_badge_released (GtkGestureClick *gesture, int n_press, double x, double y, NdRenderer *renderer)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  JsonNode *component = nd_renderer_get_component (widget);
  const char *href = component ? nd_prop_string (component, "href", NULL) : NULL;

  if (href && *href)
    nd_renderer_open_uri (renderer, widget, href);
}

static GtkWidget *
badge_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *el = nd_element_new ("span");
  GtkGesture *click = gtk_gesture_click_new ();

  ensure_base_css ();
  gtk_widget_add_css_class (el, "nd-dbc-badge");
  nd_flow_layout_set_justify (ND_FLOW_LAYOUT (gtk_widget_get_layout_manager (el)), ND_FLOW_JUSTIFY_CENTER);
  gtk_widget_set_valign (el, GTK_ALIGN_CENTER);
  badge_style (el, component);
  nd_renderer_render_children (renderer, el, nd_component_get_prop (component, "children"));
  g_signal_connect (click, "released", G_CALLBACK (on_badge_released), renderer);
  gtk_widget_add_controller (el, GTK_EVENT_CONTROLLER (click));
  return el;
}

static gboolean
badge_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
              JsonNode *value)
{
  if (g_str_equal (prop, "color") || g_str_equal (prop, "pill"))
    {
      badge_style (widget, component);
      return TRUE;
    }
  return FALSE;
}

static GtkWidget *
label_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *el = nd_element_new ("label");

  ensure_base_css ();
  gtk_widget_add_css_class (el, "nd-dbc-label");
  nd_renderer_render_children (renderer, el, nd_component_get_prop (component, "children"));
  return el;
}

static gboolean
label_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
              JsonNode *value)
{
  static const char *const grid[] = { "width", "xs", "sm", "md", "lg", "xl", "xxl", NULL };

  if (prop_is (prop, grid))
    {
      relayout_parent (widget);
      return TRUE;
    }
  return FALSE;
}

/* ---- dbc.Input: reports like dcc.Input ---- */

typedef struct {
  NdRenderer *renderer;
  GtkWidget *entry;
  guint debounce;
  gboolean pending;       /* typed but not reported yet (debounce) */
  int syncing;
} Input;

static void
input_free (gpointer data)
{
  Input *in = data;

  g_clear_handle_id (&in->debounce, g_source_remove);
  g_free (in);
}

static gboolean
input_is_number (JsonNode *component)
{
  const char *type = nd_prop_string (component, "type", "text");

  return g_str_equal (type, "number") || g_str_equal (type, "range");
}

/* What the browser's input holds: text, or for number inputs a number or
 * null (empty, not a number, outside min/max). */
static JsonNode *
input_current_value (Input *in, JsonNode *component)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (in->entry));
  g_autofree char *trimmed = NULL;
  char *end;
  double d;

  if (!input_is_number (component))
    return nd_json_string (text);
  trimmed = g_strstrip (g_strdup (text));
  d = g_ascii_strtod (trimmed, &end);
  if (*trimmed == '\0' || *end != '\0' || !isfinite (d) ||
      d < nd_prop_double (component, "min", -INFINITY) || d > nd_prop_double (component, "max", INFINITY))
    return nd_json_null ();
  if (d == floor (d) && fabs (d) < 9007199254740992.0)
    return nd_json_int ((gint64) d);
  return nd_json_double (d);
}

static void
input_report_value (Input *in)
{
  JsonNode *component = nd_renderer_get_component (in->entry);

  g_clear_handle_id (&in->debounce, g_source_remove);
  in->pending = FALSE;
  if (component)
    nd_renderer_report (in->renderer, in->entry, "value", input_current_value (in, component));
}

static gboolean
input_debounce_done (gpointer data)
{
  Input *in = data;

  in->debounce = 0;
  input_report_value (in);
  return G_SOURCE_REMOVE;
}

static void
on_input_changed (GtkEditable *editable, Input *in)
{
  JsonNode *component = nd_renderer_get_component (in->entry);
  JsonNode *debounce, *value;

  if (in->syncing || component == NULL || nd_renderer_is_applying (in->renderer))
    return;
  value = nd_component_get_prop (component, "value");
  /* clearing a field whose value was never set changes nothing */
  if (*gtk_editable_get_text (editable) == '\0' && !input_is_number (component) &&
      (value == NULL || nd_json_is_null (value)))
    return;
  debounce = nd_component_get_prop (component, "debounce");
  if (debounce && nd_json_is_number (debounce) && nd_json_get_number (debounce) > 0)
    {
      /* dbc counts debounce in milliseconds */
      g_clear_handle_id (&in->debounce, g_source_remove);
      in->debounce = g_timeout_add ((guint) nd_json_get_number (debounce), input_debounce_done, in);
      in->pending = TRUE;
      return;
    }
  if (debounce && nd_json_is_truthy (debounce))
    {
      in->pending = TRUE;
      return;
    }
  input_report_value (in);
}

static void
input_report_count (Input *in, const char *prop, const char *stamp)
{
  nd_renderer_report_count (in->renderer, in->entry, prop, stamp);
}

static void
on_input_activate (GtkEntry *entry, Input *in)
{
  if (in->pending)
    input_report_value (in);
  input_report_count (in, "n_submit", "n_submit_timestamp");
}

static void
on_input_focus_leave (GtkEventControllerFocus *focus, Input *in)
{
  if (in->pending)
    input_report_value (in);
  input_report_count (in, "n_blur", "n_blur_timestamp");
}

static void
input_apply (Input *in, JsonNode *component, const char *prop)
{
  GtkWidget *entry = in->entry;

  if (prop == NULL || g_str_equal (prop, "value"))
    {
      g_autofree char *text = nd_value_text (nd_component_get_prop (component, "value"));

      in->syncing++;
      if (strcmp (gtk_editable_get_text (GTK_EDITABLE (entry)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (entry), text);
      in->syncing--;
      in->pending = FALSE;
    }
  if (prop == NULL || g_str_equal (prop, "placeholder"))
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), nd_prop_string (component, "placeholder", NULL));
  if (prop == NULL || g_str_equal (prop, "disabled"))
    gtk_widget_set_sensitive (entry, !nd_prop_bool (component, "disabled", FALSE));
  if (prop == NULL || g_str_equal (prop, "readonly") || g_str_equal (prop, "readOnly"))
    gtk_editable_set_editable (GTK_EDITABLE (entry), !(nd_prop_bool (component, "readonly", FALSE) ||
                                                       nd_prop_bool (component, "readOnly", FALSE)));
  if (prop == NULL || g_str_equal (prop, "maxLength") || g_str_equal (prop, "maxlength"))
    gtk_entry_set_max_length (GTK_ENTRY (entry),
                              (int) nd_prop_double (component, "maxLength",
                                                    nd_prop_double (component, "maxlength", 0)));
  if (prop == NULL || g_str_equal (prop, "type"))
    {
      const char *type = nd_prop_string (component, "type", "text");
      GtkInputPurpose purpose = GTK_INPUT_PURPOSE_FREE_FORM;

      gtk_entry_set_visibility (GTK_ENTRY (entry), !g_str_equal (type, "password"));
      if (g_str_equal (type, "password"))
        purpose = GTK_INPUT_PURPOSE_PASSWORD;
      else if (g_str_equal (type, "email"))
        purpose = GTK_INPUT_PURPOSE_EMAIL;
      else if (g_str_equal (type, "tel"))
        purpose = GTK_INPUT_PURPOSE_PHONE;
      else if (g_str_equal (type, "url"))
        purpose = GTK_INPUT_PURPOSE_URL;
      else if (input_is_number (component))
        purpose = GTK_INPUT_PURPOSE_NUMBER;
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), purpose);
      gtk_widget_set_visible (entry, !g_str_equal (type, "hidden"));
    }
  if (prop == NULL || g_str_equal (prop, "valid") || g_str_equal (prop, "invalid"))
    {
      set_class (entry, "success", nd_prop_bool (component, "valid", FALSE));
      set_class (entry, "error", nd_prop_bool (component, "invalid", FALSE));
    }
  if (prop == NULL || g_str_equal (prop, "size"))
    {
      const char *size = nd_prop_string (component, "size", NULL);
      g_autofree char *klass = size ? g_strconcat ("nd-size-", size, NULL) : NULL;

      set_prefixed_class (entry, "nd-size-", klass);
    }
}

static GtkWidget *
input_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *entry = gtk_entry_new ();
  Input *in = g_new0 (Input, 1);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  ensure_base_css ();
  in->renderer = renderer;
  in->entry = entry;
  g_object_set_data_full (G_OBJECT (entry), "nd-kit-input", in, input_free);
  gtk_widget_add_css_class (entry, "nd-dbc-input");
  /* Bootstrap's form-control is a block the width of its column */
  gtk_widget_set_hexpand (entry, TRUE);
  input_apply (in, component, NULL);
  g_signal_connect (entry, "changed", G_CALLBACK (on_input_changed), in);
  g_signal_connect (entry, "activate", G_CALLBACK (on_input_activate), in);
  g_signal_connect (focus, "leave", G_CALLBACK (on_input_focus_leave), in);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static gboolean
input_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
              JsonNode *value)
{
  static const char *const own[] = { "value", "placeholder", "disabled", "readonly", "readOnly", "maxLength",
                                     "maxlength", "type", "valid", "invalid", "size", NULL };

  if (!prop_is (prop, own))
    return g_str_has_prefix (prop, "n_submit") || g_str_has_prefix (prop, "n_blur");
  input_apply (g_object_get_data (G_OBJECT (widget), "nd-kit-input"), component, prop);
  return TRUE;
}

/* ---- dmc.Title, dmc.Text ---- */

/* `c`/`color`: a palette name, "dimmed", or a CSS colour. */
static void
dmc_text_color (GtkWidget *widget, JsonNode *component)
{
  const char *color = nd_prop_string (component, "c", nd_prop_string (component, "color", NULL));
  int index = mantine_color_index (color);
  g_autofree char *klass = NULL;
  g_autofree char *local = NULL;

  if (color && g_str_equal (color, "dimmed"))
    klass = g_strdup ("nd-dmc-c-dimmed");
  else if (index >= 0)
    klass = g_strconcat ("nd-dmc-c-", mantine_colors[index].name, NULL);
  else if (safe_css_value (color))
    local = g_strdup_printf ("color: %s;", color);
  set_prefixed_class (widget, "nd-dmc-c-", klass);
  set_local_css (widget, local);
}

static void
dmc_text_style (GtkWidget *outer, JsonNode *component)
{
  const char *type = nd_component_get_type (component);
  g_autofree char *size_text = prop_text (component, "size");
  g_autofree char *weight = prop_text (component, "fw");
  g_autofree char *klass = NULL;
  const char *align = nd_prop_string (component, "ta", nd_prop_string (component, "align", NULL));
  const char *style = nd_prop_string (component, "fs", NULL);
  const char *decoration = nd_prop_string (component, "td", NULL);

  if (weight == NULL)
    weight = prop_text (component, "weight");
  if (g_str_equal (type, "Title"))
    {
      int order = CLAMP ((int) nd_prop_double (component, "order", 1), 1, 6);

      /* size="h3" borrows another order's size */
      if (size_text && size_text[0] == 'h' && size_text[1] >= '1' && size_text[1] <= '6' && !size_text[2])
        order = size_text[1] - '0';
      klass = g_strdup_printf ("nd-dmc-h%d", order);
      set_prefixed_class (outer, "nd-dmc-h", klass);
    }
  else
    {
      g_clear_pointer (&klass, g_free);
      if (size_text && !g_ascii_isdigit (size_text[0]))
        klass = g_strconcat ("nd-dmc-size-", size_text, NULL);
      set_prefixed_class (outer, "nd-dmc-size-", klass ? klass : "nd-dmc-size-md");
    }
  g_clear_pointer (&klass, g_free);
  if (weight && g_ascii_isdigit (weight[0]))
    {
      int w = CLAMP ((atoi (weight) + 50) / 100 * 100, 100, 900);
      klass = g_strdup_printf ("nd-fw-%d", w);
    }
  else if (weight && g_str_equal (weight, "bold"))
    klass = g_strdup ("nd-fw-700");
  else if (weight && g_str_equal (weight, "normal"))
    klass = g_strdup ("nd-fw-400");
  set_prefixed_class (outer, "nd-fw-", klass);
  set_class (outer, "nd-fs-italic", style && g_str_equal (style, "italic"));
  set_prefixed_class (outer, "nd-td-", NULL);
  if (decoration && (g_str_equal (decoration, "underline") || g_str_equal (decoration, "line-through")))
    {
      g_autofree char *td = g_strconcat ("nd-td-", decoration, NULL);
      gtk_widget_add_css_class (outer, td);
    }
  dmc_text_color (outer, component);
  /* a numeric size is pixels */
  if (size_text && g_ascii_isdigit (size_text[0]) && !g_str_equal (type, "Title"))
    {
      g_autofree char *decl = g_strdup_printf ("font-size: %dpx;", atoi (size_text));
      const char *color = nd_prop_string (component, "c", nd_prop_string (component, "color", NULL));
      g_autofree char *both = NULL;

      if (color && mantine_color_index (color) < 0 && !g_str_equal (color, "dimmed") && safe_css_value (color))
        both = g_strdup_printf ("%s color: %s;", decl, color);
      set_local_css (outer, both ? both : decl);
    }
  align_texts (inner_of (outer), align);
}

static GtkWidget *
dmc_text_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *outer = nd_element_new ("div");
  GtkWidget *inner = add_inner (outer, nd_element_new ("div"));

  ensure_base_css ();
  gtk_widget_add_css_class (outer, g_str_equal (nd_component_get_type (component), "Title") ? "nd-dmc-title"
                                                                                             : "nd-dmc-text");
  nd_renderer_render_children (renderer, inner, nd_component_get_prop (component, "children"));
  dmc_text_style (outer, component);
  return outer;
}

static gboolean
dmc_text_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                 JsonNode *value)
{
  static const char *const looks[] = { "order", "size", "fw", "weight", "c", "color", "ta", "align", "fs",
                                       "td", NULL };

  if (g_str_equal (prop, "children"))
    {
      nd_renderer_render_children (renderer, inner_of (widget), value);
      align_texts (inner_of (widget), nd_prop_string (component, "ta", nd_prop_string (component, "align", NULL)));
      return TRUE;
    }
  if (prop_is (prop, looks))
    {
      dmc_text_style (widget, component);
      return TRUE;
    }
  return FALSE;
}

/* ---- dmc.RadioGroup, dmc.Radio ---- */

typedef struct {
  NdRenderer *renderer;
  GtkWidget *outer;
  GtkWidget *label;
  GtkWidget *description;
  GtkWidget *content;
  int syncing;
} RadioGroup;

static RadioGroup *
group_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "nd-kit-radio-group");
}

static RadioGroup *
enclosing_group (GtkWidget *radio)
{
  for (GtkWidget *w = gtk_widget_get_parent (radio); w; w = gtk_widget_get_parent (w))
    if (group_of (w))
      return group_of (w);
  return NULL;
}

/* The Radios inside @widget, not those of a nested RadioGroup. */
static void
collect_radios (GtkWidget *widget, GPtrArray *out)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (g_object_get_data (G_OBJECT (c), "nd-kit-dmc-radio"))
        g_ptr_array_add (out, c);
      else if (group_of (c) == NULL)
        collect_radios (c, out);
    }
}

static void
group_sync (RadioGroup *g, JsonNode *component)
{
  JsonNode *value = component ? nd_component_get_prop (component, "value") : NULL;
  g_autoptr(GPtrArray) radios = g_ptr_array_new ();

  collect_radios (g->content, radios);
  g->syncing++;
  for (guint i = 0; i < radios->len; i++)
    {
      GtkCheckButton *radio = g_ptr_array_index (radios, i);
      JsonNode *rc = nd_renderer_get_component (GTK_WIDGET (radio));
      JsonNode *rv = rc ? nd_component_get_prop (rc, "value") : NULL;
      gboolean on = value && rv && nd_json_equal (value, rv);

      gtk_check_button_set_group (radio, i ? g_ptr_array_index (radios, 0) : NULL);
      if (gtk_check_button_get_active (radio) != on)
        gtk_check_button_set_active (radio, on);
    }
  g->syncing--;
}

static void
group_labels (RadioGroup *g, JsonNode *component)
{
  JsonNode *label = nd_component_get_prop (component, "label");
  JsonNode *description = nd_component_get_prop (component, "description");
  g_autofree char *label_text = nd_value_text (label);
  g_autofree char *description_text = nd_value_text (description);

  if (nd_prop_bool (component, "withAsterisk", FALSE) && *label_text)
    {
      char *starred = g_strconcat (label_text, " *", NULL);
      g_free (label_text);
      label_text = starred;
    }
  gtk_label_set_text (GTK_LABEL (g->label), label_text);
  gtk_widget_set_visible (g->label, *label_text != '\0');
  gtk_label_set_text (GTK_LABEL (g->description), description_text);
  gtk_widget_set_visible (g->description, *description_text != '\0');
}

static GtkWidget *
radio_group_create (NdRenderer *renderer, JsonNode *component)
{
  RadioGroup *g = g_new0 (RadioGroup, 1);

  ensure_base_css ();
  g->renderer = renderer;
  g->outer = nd_element_new ("div");
  g->label = gtk_label_new (NULL);
  g->description = gtk_label_new (NULL);
  g->content = nd_element_new ("div");
  g_object_set_data_full (G_OBJECT (g->outer), "nd-kit-radio-group", g, g_free);
  gtk_widget_add_css_class (g->outer, "nd-dmc-radio-group");
  gtk_widget_add_css_class (g->label, "nd-dmc-input-label");
  gtk_widget_add_css_class (g->description, "nd-dmc-input-description");
  gtk_label_set_xalign (GTK_LABEL (g->label), 0);
  gtk_label_set_xalign (GTK_LABEL (g->description), 0);
  gtk_label_set_wrap (GTK_LABEL (g->description), TRUE);
  nd_element_append (ND_ELEMENT (g->outer), g->label);
  nd_element_append (ND_ELEMENT (g->outer), g->description);
  add_inner (g->outer, g->content);
  group_labels (g, component);
  nd_renderer_render_children (renderer, g->content, nd_component_get_prop (component, "children"));
  group_sync (g, component);
  return g->outer;
}

static gboolean
radio_group_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                    JsonNode *value)
{
  RadioGroup *g = group_of (widget);

  if (g_str_equal (prop, "children"))
    {
      nd_renderer_render_children (renderer, g->content, value);
      group_sync (g, component);
    }
  else if (g_str_equal (prop, "value"))
    group_sync (g, component);
  else if (g_str_equal (prop, "label") || g_str_equal (prop, "description") || g_str_equal (prop, "withAsterisk"))
    group_labels (g, component);
  else if (g_str_equal (prop, "readOnly"))
    gtk_widget_set_sensitive (g->content, !nd_prop_bool (component, "readOnly", FALSE));
  else
    return FALSE;
  return TRUE;
}

static void
on_dmc_radio_toggled (GtkCheckButton *radio, NdRenderer *renderer)
{
  JsonNode *component = nd_renderer_get_component (GTK_WIDGET (radio));
  RadioGroup *g = enclosing_group (GTK_WIDGET (radio));
  JsonNode *value;

  if (component == NULL || nd_renderer_is_applying (renderer) ||
      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (radio), "nd-kit-syncing")))
    return;
  if (g == NULL)
    {
      /* a Radio on its own reports `checked` */
      nd_renderer_report (renderer, GTK_WIDGET (radio), "checked",
                          nd_json_bool (gtk_check_button_get_active (radio)));
      return;
    }
  if (g->syncing || !gtk_check_button_get_active (radio))
    return;
  value = nd_component_get_prop (component, "value");
  nd_renderer_report (renderer, g->outer, "value", value ? nd_json_deep_copy (value) : nd_json_null ());
}

static void
radio_apply (NdRenderer *renderer, GtkWidget *radio, JsonNode *component, const char *prop)
{
  if (prop == NULL || g_str_equal (prop, "label"))
    set_check_label (renderer, GTK_CHECK_BUTTON (radio), nd_component_get_prop (component, "label"));
  if (prop == NULL || g_str_equal (prop, "disabled"))
    gtk_widget_set_sensitive (radio, !nd_prop_bool (component, "disabled", FALSE));
  if ((prop == NULL || g_str_equal (prop, "checked")) && nd_component_get_prop (component, "checked"))
    {
      g_object_set_data (G_OBJECT (radio), "nd-kit-syncing", GINT_TO_POINTER (TRUE));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (radio), nd_prop_bool (component, "checked", FALSE));
      g_object_set_data (G_OBJECT (radio), "nd-kit-syncing", NULL);
    }
}

static GtkWidget *
radio_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *radio = gtk_check_button_new ();

  ensure_base_css ();
  g_object_set_data (G_OBJECT (radio), "nd-kit-dmc-radio", GINT_TO_POINTER (TRUE));
  gtk_widget_add_css_class (radio, "nd-dmc-radio");
  gtk_widget_set_halign (radio, GTK_ALIGN_START);
  radio_apply (renderer, radio, component, NULL);
  g_signal_connect (radio, "toggled", G_CALLBACK (on_dmc_radio_toggled), renderer);
  return radio;
}

static gboolean
radio_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
              JsonNode *value)
{
  RadioGroup *g;

  if (g_str_equal (prop, "label") || g_str_equal (prop, "disabled") || g_str_equal (prop, "checked"))
    {
      radio_apply (renderer, widget, component, prop);
      return TRUE;
    }
  if (g_str_equal (prop, "value"))
    {
      if ((g = enclosing_group (widget)))
        group_sync (g, nd_renderer_get_component (g->outer));
      return TRUE;
    }
  return FALSE;
}

/* ---- dmc.MantineProvider: the app's root, a plain block here ---- */

static GtkWidget *
provider_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *el = nd_element_new ("div");

  ensure_base_css ();
  gtk_widget_add_css_class (el, "nd-dmc-provider");
  nd_renderer_render_children (renderer, el, nd_component_get_prop (component, "children"));
  return el;
}

static gboolean
generic_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                JsonNode *value)
{
  return FALSE;
}

/* ---- registry ---- */

static const NdWidgetKind kinds[] = {
  /* dash-bootstrap-components */
  { NS_DBC, "Container", FALSE, dbc_container_create, container_update },
  { NS_DBC, "Row", FALSE, dbc_row_create, grid_update },
  { NS_DBC, "Col", FALSE, col_create, col_update },
  { NS_DBC, "RadioItems", FALSE, radio_items_create, radio_items_update },
  { NS_DBC, "Button", TRUE, dbc_button_create, button_update },
  { NS_DBC, "Card", FALSE, card_create, card_update },
  { NS_DBC, "CardHeader", FALSE, card_create, card_update },
  { NS_DBC, "CardBody", FALSE, card_create, card_update },
  { NS_DBC, "CardFooter", FALSE, card_create, card_update },
  { NS_DBC, "Alert", FALSE, alert_create, alert_update },
  { NS_DBC, "Badge", TRUE, badge_create, badge_update },
  { NS_DBC, "Label", TRUE, label_create, label_update },
  { NS_DBC, "Input", FALSE, input_create, input_update },
  /* dash-mantine-components */
  { NS_DMC, "MantineProvider", FALSE, provider_create, generic_update },
  { NS_DMC, "Container", FALSE, dmc_container_create, container_update },
  { NS_DMC, "Title", FALSE, dmc_text_create, dmc_text_update },
  { NS_DMC, "Text", FALSE, dmc_text_create, dmc_text_update },
  { NS_DMC, "RadioGroup", FALSE, radio_group_create, radio_group_update },
  { NS_DMC, "Radio", FALSE, radio_create, radio_update },
  { NS_DMC, "Grid", FALSE, dmc_grid_create, grid_update },
  { NS_DMC, "GridCol", FALSE, col_create, col_update },
  { NS_DMC, "Col", FALSE, col_create, col_update },    /* dmc < 0.14 */
  { NS_DMC, "Button", TRUE, dmc_button_create, button_update },
};

void
nd_kits_register_kinds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    nd_renderer_register_kind (&kinds[i]);
}
