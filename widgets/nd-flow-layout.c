/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The layout of html elements: CSS normal flow (blocks stack, inline
 * children sit side by side and wrap like words) and the common subset of
 * flexbox (row or column, gap, grow/shrink, wrap, justify), which is what
 * Dash apps lay out with.  Height-for-width, so wrapped text and wrapped
 * inline runs get the height they need.
 */
#include "nd-flow-layout.h"

struct _NdFlowChild {
  GtkLayoutChild parent_instance;
  gboolean is_inline;
  double grow;
  double shrink;
  double width;          /* < 0: auto */
  gboolean width_percent;
  double max_width;      /* < 0: none */
  gboolean max_width_percent;
  gboolean line_break;   /* <br>: ends a line, or is an empty line itself */
};

G_DEFINE_FINAL_TYPE (NdFlowChild, nd_flow_child, GTK_TYPE_LAYOUT_CHILD)

static void
nd_flow_child_init (NdFlowChild *self)
{
  self->shrink = 1;
  self->width = -1;
  self->max_width = -1;
}

static void
nd_flow_child_class_init (NdFlowChildClass *klass)
{
}

static void
child_changed (NdFlowChild *self)
{
  gtk_layout_manager_layout_changed (gtk_layout_child_get_layout_manager (GTK_LAYOUT_CHILD (self)));
}

void
nd_flow_child_set_inline (NdFlowChild *self, gboolean is_inline)
{
  if (self->is_inline == !!is_inline)
    return;
  self->is_inline = !!is_inline;
  child_changed (self);
}

gboolean nd_flow_child_get_inline (NdFlowChild *self) { return self->is_inline; }

void
nd_flow_child_set_line_break (NdFlowChild *self, gboolean line_break)
{
  self->line_break = !!line_break;
  child_changed (self);
}

void
nd_flow_child_set_grow (NdFlowChild *self, double grow)
{
  self->grow = MAX (grow, 0);
  child_changed (self);
}

void
nd_flow_child_set_shrink (NdFlowChild *self, double shrink)
{
  self->shrink = MAX (shrink, 0);
  child_changed (self);
}

/**
 * nd_flow_child_set_width:
 * @width: pixels, or percent of the container if @percent; < 0 for auto
 */
void
nd_flow_child_set_width (NdFlowChild *self, double width, gboolean percent)
{
  self->width = width;
  self->width_percent = percent;
  child_changed (self);
}

void
nd_flow_child_set_max_width (NdFlowChild *self, double width, gboolean percent)
{
  self->max_width = width;
  self->max_width_percent = percent;
  child_changed (self);
}

struct _NdFlowLayout {
  GtkLayoutManager parent_instance;
  NdFlowMode mode;
  int row_gap;
  int column_gap;
  gboolean wrap;
  NdFlowJustify justify;
};

G_DEFINE_FINAL_TYPE (NdFlowLayout, nd_flow_layout, GTK_TYPE_LAYOUT_MANAGER)

/* One placed child. */
typedef struct {
  GtkWidget *widget;
  int x, y, w, h;
  int baseline;
} Slot;

static NdFlowChild *
flow_child (GtkLayoutManager *manager, GtkWidget *child)
{
  return ND_FLOW_CHILD (gtk_layout_manager_get_layout_child (manager, child));
}

static void
measure_child (GtkWidget *child, GtkOrientation o, int for_size, int *min, int *nat)
{
  gtk_widget_measure (child, o, for_size, min, nat, NULL, NULL);
}

/* The width a child takes out of @avail before grow/shrink, or -1. */
static int
explicit_width (NdFlowChild *fc, int avail)
{
  double w;

  if (fc->width < 0)
    return -1;
  w = fc->width_percent ? avail * fc->width / 100.0 : fc->width;
  return MAX (0, (int) (w + 0.5));
}

static int
clamp_max_width (NdFlowChild *fc, int w, int avail)
{
  if (fc->max_width >= 0)
    {
      int m = (int) (fc->max_width_percent ? avail * fc->max_width / 100.0 : fc->max_width);
      w = MIN (w, m);
    }
  return w;
}

/* A child's width in a line of @avail pixels: its explicit width, else its
 * natural width, never below its minimum nor (for auto) above @avail. */
static int
child_width (GtkLayoutManager *manager, GtkWidget *child, int avail, gboolean fill)
{
  NdFlowChild *fc = flow_child (manager, child);
  int min, nat, w = explicit_width (fc, avail);

  measure_child (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat);
  if (w < 0)
    w = fill ? MAX (avail, min) : MIN (nat, MAX (avail, min));
  w = clamp_max_width (fc, w, avail);
  return MAX (w, min);
}

static void
justify_offsets (NdFlowJustify justify, int free_space, guint n, int *start, int *between)
{
  *start = 0;
  *between = 0;
  if (free_space <= 0 || n == 0)
    return;
  switch (justify)
    {
    case ND_FLOW_JUSTIFY_CENTER: *start = free_space / 2; break;
    case ND_FLOW_JUSTIFY_END: *start = free_space; break;
    case ND_FLOW_JUSTIFY_SPACE_BETWEEN: *between = n > 1 ? free_space / (int) (n - 1) : 0; break;
    case ND_FLOW_JUSTIFY_SPACE_AROUND:
      *between = free_space / (int) n;
      *start = *between / 2;
      break;
    case ND_FLOW_JUSTIFY_SPACE_EVENLY:
      *between = free_space / (int) (n + 1);
      *start = *between;
      break;
    case ND_FLOW_JUSTIFY_START:
    default:
      break;
    }
}

/* Normal flow at width @width: fills @slots (if not NULL) and returns the
 * height.  Inline children form lines; a block child ends the line. */
static int
layout_normal (NdFlowLayout *self, GtkWidget *widget, int width, GArray *slots)
{
  GtkLayoutManager *manager = GTK_LAYOUT_MANAGER (self);
  g_autoptr(GArray) line = g_array_new (FALSE, TRUE, sizeof (Slot));
  int y = 0, x = 0, line_h = 0;
  gboolean first_line = TRUE;

#define FLUSH_LINE()                                                          \
  G_STMT_START {                                                              \
    if (line->len)                                                            \
      {                                                                       \
        int start, between, off = 0;                                          \
        justify_offsets (self->justify, width - x + self->column_gap,         \
                         line->len, &start, &between);                        \
        if (!first_line)                                                      \
          y += self->row_gap;                                                 \
        for (guint k = 0; k < line->len; k++)                                 \
          {                                                                   \
            Slot *ls = &g_array_index (line, Slot, k);                        \
            ls->x += start + off;                                             \
            off += between;                                                   \
            /* inline items are centred on the line, near enough to text  \
             * sharing a baseline with the text of an entry or button */     \
            ls->y = y + (line_h - ls->h) / 2;                                 \
            if (slots)                                                        \
              g_array_append_val (slots, *ls);                                \
          }                                                                   \
        y += line_h;                                                          \
        first_line = FALSE;                                                   \
        g_array_set_size (line, 0);                                           \
        x = 0;                                                                \
        line_h = 0;                                                           \
      }                                                                       \
  } G_STMT_END

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      NdFlowChild *fc;
      Slot s = { child, 0, 0, 0, 0, -1 };
      int min, nat;

      if (!gtk_widget_should_layout (child))
        continue;
      fc = flow_child (manager, child);
      if (fc->line_break && line->len)
        {
          /* after inline content a <br> just ends the line (it is given
           * its size where it stands, blank, but takes no room) */
          measure_child (child, GTK_ORIENTATION_VERTICAL, -1, &min, &nat);
          s.x = 0;
          s.y = y;
          s.w = 1;
          s.h = nat;
          FLUSH_LINE ();
          if (slots)
            g_array_append_val (slots, s);
          continue;
        }
      if (fc->is_inline)
        {
          s.w = child_width (manager, child, width, FALSE);
          if (x > 0 && x + s.w > width)
            FLUSH_LINE ();
          s.w = MIN (s.w, MAX (width, 1));
          measure_child (child, GTK_ORIENTATION_VERTICAL, s.w, &min, &nat);
          s.h = nat;
          s.x = x;
          x += s.w + self->column_gap;
          line_h = MAX (line_h, s.h);
          g_array_append_val (line, s);
          continue;
        }
      FLUSH_LINE ();
      {
        GtkAlign halign = gtk_widget_get_halign (child);
        gboolean fill = halign == GTK_ALIGN_FILL && explicit_width (fc, width) < 0;

        s.w = child_width (manager, child, width, fill);
        if (halign == GTK_ALIGN_CENTER)
          s.x = MAX (0, (width - s.w) / 2);
        else if (halign == GTK_ALIGN_END)
          s.x = MAX (0, width - s.w);
      }
      measure_child (child, GTK_ORIENTATION_VERTICAL, s.w, &min, &nat);
      s.h = nat;
      if (!first_line)
        y += self->row_gap;
      s.y = y;
      y += s.h;
      first_line = FALSE;
      if (slots)
        g_array_append_val (slots, s);
    }
  FLUSH_LINE ();
#undef FLUSH_LINE
  return y;
}

/* Flexbox row at width @width: grow/shrink distribute the free space;
 * with wrap, items that do not fit start a new line. */
static int
layout_row (NdFlowLayout *self, GtkWidget *widget, int width, int height, GArray *slots)
{
  GtkLayoutManager *manager = GTK_LAYOUT_MANAGER (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  int y = 0;
  guint i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      g_ptr_array_add (items, child);

  while (i < items->len)
    {
      g_autoptr(GArray) line = g_array_new (FALSE, TRUE, sizeof (Slot));
      double grow = 0, shrink = 0;
      int used = 0, line_h = 0, start, between, x;
      guint j;

      /* a line: as many items as fit (all of them without wrap) */
      for (j = i; j < items->len; j++)
        {
          GtkWidget *child = g_ptr_array_index (items, j);
          NdFlowChild *fc = flow_child (manager, child);
          Slot s = { child, 0, 0, 0, 0, -1 };
          int min, nat, basis = explicit_width (fc, width);

          measure_child (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat);
          s.w = clamp_max_width (fc, basis >= 0 ? MAX (basis, min) : nat, width);
          if (self->wrap && line->len && used + self->column_gap + s.w > width)
            break;
          used += (line->len ? self->column_gap : 0) + s.w;
          grow += fc->grow;
          shrink += fc->shrink * s.w;
          g_array_append_val (line, s);
        }
      /* share the free space (or the overflow) */
      for (guint k = 0; k < line->len; k++)
        {
          Slot *s = &g_array_index (line, Slot, k);
          NdFlowChild *fc = flow_child (manager, s->widget);
          int min, nat;

          measure_child (s->widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat);
          if (used < width && grow > 0)
            s->w += (int) ((width - used) * fc->grow / grow);
          else if (used > width && shrink > 0)
            s->w = MAX (min, s->w - (int) ((used - width) * fc->shrink * s->w / shrink));
        }
      used = 0;
      for (guint k = 0; k < line->len; k++)
        used += (k ? self->column_gap : 0) + g_array_index (line, Slot, k).w;
      justify_offsets (self->justify, width - used, line->len, &start, &between);
      for (guint k = 0; k < line->len; k++)
        {
          Slot *s = &g_array_index (line, Slot, k);
          int min, nat;

          measure_child (s->widget, GTK_ORIENTATION_VERTICAL, s->w, &min, &nat);
          s->h = nat;
          line_h = MAX (line_h, nat);
        }
      /* a single unwrapped line stretches to the container (align-items) */
      if (!self->wrap && height > line_h)
        line_h = height;
      x = start;
      if (y > 0)
        y += self->row_gap;
      for (guint k = 0; k < line->len; k++)
        {
          Slot *s = &g_array_index (line, Slot, k);
          GtkAlign valign = gtk_widget_get_valign (s->widget);

          s->x = x;
          s->y = y;
          if (valign == GTK_ALIGN_FILL)
            s->h = line_h;
          else if (valign == GTK_ALIGN_CENTER)
            s->y = y + (line_h - s->h) / 2;
          else if (valign == GTK_ALIGN_END)
            s->y = y + line_h - s->h;
          x += s->w + self->column_gap + between;
          if (slots)
            g_array_append_val (slots, *s);
        }
      y += line_h;
      i = j;
    }
  return y;
}

/* Flexbox column: items stack at full width (align-items: stretch); grow
 * shares extra height when the container is taller. */
static int
layout_column (NdFlowLayout *self, GtkWidget *widget, int width, int height, GArray *slots)
{
  GtkLayoutManager *manager = GTK_LAYOUT_MANAGER (self);
  g_autoptr(GArray) col = g_array_new (FALSE, TRUE, sizeof (Slot));
  double grow = 0;
  int used = 0, y, start, between;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      NdFlowChild *fc;
      Slot s = { child, 0, 0, 0, 0, -1 };
      GtkAlign halign;
      int min, nat;

      if (!gtk_widget_should_layout (child))
        continue;
      fc = flow_child (manager, child);
      halign = gtk_widget_get_halign (child);
      s.w = child_width (manager, child, width, halign == GTK_ALIGN_FILL && explicit_width (fc, width) < 0);
      if (halign == GTK_ALIGN_CENTER)
        s.x = MAX (0, (width - s.w) / 2);
      else if (halign == GTK_ALIGN_END)
        s.x = MAX (0, width - s.w);
      measure_child (child, GTK_ORIENTATION_VERTICAL, s.w, &min, &nat);
      s.h = nat;
      used += (col->len ? self->row_gap : 0) + s.h;
      grow += fc->grow;
      g_array_append_val (col, s);
    }
  if (height > used && grow > 0)
    for (guint k = 0; k < col->len; k++)
      {
        Slot *s = &g_array_index (col, Slot, k);
        s->h += (int) ((height - used) * flow_child (manager, s->widget)->grow / grow);
      }
  used = 0;
  for (guint k = 0; k < col->len; k++)
    used += (k ? self->row_gap : 0) + g_array_index (col, Slot, k).h;
  justify_offsets (self->justify, height - used, col->len, &start, &between);
  y = MAX (start, 0);
  for (guint k = 0; k < col->len; k++)
    {
      Slot *s = &g_array_index (col, Slot, k);

      s->y = y;
      y += s->h + self->row_gap + between;
      if (slots)
        g_array_append_val (slots, *s);
    }
  return used;
}

static int
layout_at (NdFlowLayout *self, GtkWidget *widget, int width, int height, GArray *slots)
{
  switch (self->mode)
    {
    case ND_FLOW_ROW:
      return layout_row (self, widget, width, height, slots);
    case ND_FLOW_COLUMN:
      return layout_column (self, widget, width, height, slots);
    case ND_FLOW_NORMAL:
    default:
      return layout_normal (self, widget, width, slots);
    }
}

static GtkSizeRequestMode
nd_flow_layout_get_request_mode (GtkLayoutManager *manager, GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
nd_flow_layout_measure (GtkLayoutManager *manager, GtkWidget *widget, GtkOrientation orientation,
                        int for_size, int *minimum, int *natural,
                        int *minimum_baseline, int *natural_baseline)
{
  NdFlowLayout *self = ND_FLOW_LAYOUT (manager);
  int min = 0, nat = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int line_nat = 0, n_line = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
           child = gtk_widget_get_next_sibling (child))
        {
          NdFlowChild *fc;
          int cmin, cnat, w;

          if (!gtk_widget_should_layout (child))
            continue;
          fc = flow_child (manager, child);
          measure_child (child, GTK_ORIENTATION_HORIZONTAL, -1, &cmin, &cnat);
          w = explicit_width (fc, 0);
          if (w >= 0 && !fc->width_percent)
            cnat = MAX (w, cmin);
          if (self->mode == ND_FLOW_ROW)
            {
              /* a wrapping row can shrink to its widest item */
              min = self->wrap ? MAX (min, cmin) : min + (n_line ? self->column_gap : 0) + cmin;
              nat += (n_line ? self->column_gap : 0) + cnat;
              n_line++;
            }
          else if (self->mode == ND_FLOW_NORMAL && fc->is_inline)
            {
              min = MAX (min, cmin);
              line_nat += (n_line ? self->column_gap : 0) + cnat;
              n_line++;
              nat = MAX (nat, line_nat);
            }
          else
            {
              min = MAX (min, cmin);
              nat = MAX (nat, cnat);
              line_nat = 0;
              n_line = 0;
            }
        }
    }
  else
    {
      int width = for_size;

      if (width < 0)
        {
          int wmin, wnat;
          nd_flow_layout_measure (manager, widget, GTK_ORIENTATION_HORIZONTAL, -1, &wmin, &wnat, NULL, NULL);
          width = wnat;
        }
      min = nat = layout_at (self, widget, width, -1, NULL);
    }
  *minimum = min;
  *natural = MAX (nat, min);
}

static void
nd_flow_layout_allocate (GtkLayoutManager *manager, GtkWidget *widget, int width, int height, int baseline)
{
  NdFlowLayout *self = ND_FLOW_LAYOUT (manager);
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (Slot));

  layout_at (self, widget, width, height, slots);
  for (guint i = 0; i < slots->len; i++)
    {
      Slot *s = &g_array_index (slots, Slot, i);

      gtk_widget_size_allocate (s->widget, &(GtkAllocation) { s->x, s->y, s->w, s->h }, -1);
    }
}

static void
nd_flow_layout_class_init (NdFlowLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = nd_flow_layout_get_request_mode;
  manager_class->measure = nd_flow_layout_measure;
  manager_class->allocate = nd_flow_layout_allocate;
  manager_class->layout_child_type = ND_TYPE_FLOW_CHILD;
}

static void
nd_flow_layout_init (NdFlowLayout *self)
{
}

GtkLayoutManager *
nd_flow_layout_new (void)
{
  return g_object_new (ND_TYPE_FLOW_LAYOUT, NULL);
}

void
nd_flow_layout_set_mode (NdFlowLayout *self, NdFlowMode mode)
{
  self->mode = mode;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}

NdFlowMode nd_flow_layout_get_mode (NdFlowLayout *self) { return self->mode; }

void
nd_flow_layout_set_gap (NdFlowLayout *self, int row_gap, int column_gap)
{
  self->row_gap = MAX (row_gap, 0);
  self->column_gap = MAX (column_gap, 0);
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}

void
nd_flow_layout_set_wrap (NdFlowLayout *self, gboolean wrap)
{
  self->wrap = !!wrap;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}

void
nd_flow_layout_set_justify (NdFlowLayout *self, NdFlowJustify justify)
{
  self->justify = justify;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}
